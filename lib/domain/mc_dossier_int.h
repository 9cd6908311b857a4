/*
 * Private to lib/domain/mc_dossier*.c: the statement table they share, the
 * columns of its rows, the dossier as locked for a transition, and the
 * helpers one file defines for another. Nothing outside mc_dossier*.c
 * includes it; the public contract is mc_dossier.h.
 */
#ifndef MC_DOSSIER_INT_H
#define MC_DOSSIER_INT_H

#include <time.h>

#include "mc_dossier.h"

#define MAX_STEPS   32
#define DAY_MINUTES 480 /* one working day */

enum stmt {
	STMT_PROC_AGENCY_CODE,
	STMT_PROC_AGENCY_OWN,
	STMT_AGENCY_PARENT,
	STMT_SEQ_NEXT,
	STMT_LAST_ID,
	STMT_INSERT,
	STMT_EVENT,
	STMT_BLOB,
	STMT_FILE,
	STMT_GET,
	STMT_EVENTS,
	STMT_FILES,
	STMT_STEPS,
	STMT_SUPPLEMENTS,
	STMT_MINE,
	STMT_INBOX,
	STMT_INBOX_STATUS,
	STMT_INBOX_KEY,
	STMT_INBOX_NAME,
	STMT_INBOX_BACK, /* the same four, backwards from a key */
	STMT_INBOX_STATUS_BACK,
	STMT_INBOX_KEY_BACK,
	STMT_INBOX_NAME_BACK,
	STMT_LOCK,
	STMT_WORKFLOW_OF,
	STMT_WORKFLOW_STEPS,
	STMT_WORKFLOW_BPMN,
	STMT_STEP_NEW,
	STMT_STEP_START,
	STMT_STEP_FINISH,
	STMT_STEP_GET,
	STMT_STEP_AGENCIES,
	STMT_STEPS_SHIFT,
	STMT_UPDATE,
	STMT_SUPP_NEW,
	STMT_SUPP_ANSWER,
	STMT_HOLDER_OK,
	STMT_LEGAL_TIME,
	STMT_EXTRA,
	STMT_DOC_NEW,
	STMT_RESULT,
	STMT_RESULTS,
	STMT_RESULT_COUNT,
	STMT_LOOKUP,
	STMT_LOOKUP_CHECK,
	STMT_EVENTS_PUBLIC,
	STMT_STEPS_PUBLIC,
	STMT_ROUTES,
	STMT_FORM_DATA,
	STMT_STEPS_SKIP,
	STMT_ROUTES_ALL,
	STMT_STEP_BACK,
	STMT_DECISIONS,
	STMT_BRANCHES_OPEN,
	STMT_BRANCHES_SEE,
	STMT_STEP_BRANCH,
	STMT_STEP_HOLD,
	STMT_BRANCH_INBOX,
	STMT_STEPS_SKIP_IN,
	STMT__MAX
};

/*
 * The columns of STMT_GET, in order; mc_dossier_load refuses a row of
 * another dossier_shape and copies them into struct mc_dossier's fields.
 */
enum dossier_col {
	DCOL_ID,
	DCOL_CODE,
	DCOL_STATUS,
	DCOL_VERSION,
	DCOL_AGENCY,
	DCOL_ACCOUNT,
	DCOL_CHANNEL,
	DCOL_NAME,
	DCOL_ID_NUMBER,
	DCOL_PHONE,
	DCOL_EMAIL,
	DCOL_ADDRESS,
	DCOL_FORM,
	DCOL_SUBMITTED,
	DCOL_RECEIVED,
	DCOL_DUE,
	DCOL_FINISHED,
	DCOL_RETURNED,
	DCOL_PCODE,
	DCOL_PNAME,
	DCOL_ACODE,
	DCOL_ANAME,
	DCOL_STEP,
	DCOL_CAGENCY,
	DCOL_CANAME,
	DCOL_HOLDER,
	DCOL_HOLDER_NAME,
	DCOL_STEP_DUE,
	DCOL_STEP_WARN,
	DCOL_PAUSED,
	DCOL_PAUSED_MIN,
	DCOL_ORIGINAL_DUE,
	DCOL_APOLOGY,
	DCOL_SIGNED,
	DCOL_RETURN_METHOD,
	DCOL_PROCEDURE,
	DCOL_CLOCK_START,
	DCOL_FIELD,
	DCOL_LEGAL_HOURS,
	DCOL_LEGAL_DAYS,
	DCOL_ON_BEHALF,
	DCOL_FILER_NAME,	    /* the filing account's name */
	DCOL_APPLICANT_ID_VERIFIED, /* filed by its verified holder */
	DCOL_APPLICANT_ORG, /* the applicant an organisation (tax code) */
	DCOL__MAX
};

/* The columns of a locked dossier (STMT_LOCK), in order. */
enum lock_col {
	L_ID,
	L_STATUS,
	L_VERSION,
	L_AGENCY,
	L_PROCEDURE,
	L_WORKFLOW,
	L_STEP,
	L_CURRENT_AGENCY,
	L_HOLDER,
	L_DUE,
	L_STEP_DUE,
	L_PAUSED_AT,
	L_ORIGINAL_DUE,
	L_ACCOUNT,
	L_STAGE,
	L_RECEIVED,
	L_SIGNED
};

/* Who may take an action. */
#define WHO_RECEIVER  0x01 /* receiver or leader of the receiving agency */
#define WHO_STEP      0x02 /* the current step's role (or a leader) there */
#define WHO_LEADER    0x04 /* a leader of the current agency */
#define WHO_APPLICANT 0x08 /* the applicant's own account */
#define WHO_OFFICER   0x10 /* any officer who may see the dossier */
#define WHO_HEAD      0x20 /* a leader of the receiving agency */

#define S(x) (1u << (x))
#define OPEN (S(1) | S(2) | S(4) | S(5) | S(6))

/*
 * The arguments of a state change, for mc_db_tx: it runs the change again
 * when the server ends the transaction (a deadlock or a Galera
 * certification conflict), so each one only writes rows.
 */
struct change {
	struct mc_arena		    *a;
	const struct mc_submission  *s;
	const struct mc_user	    *u;
	const char		    *code;
	enum mc_action		     act;
	const struct mc_action_args *args;
	time_t			     now;
	const char		   **out;
};

/* The dossier as locked for a transition, and what the action changes. */
struct state {
	struct mc_rows row;
	long long      id;
	int	       status;
	int	       step;
	int	       last_step;
	int	       first_step; /* the first not skipped, 0 unknown */
	int	       step_role;  /* index in dossier_role_names, -1 none */
	int	       branch;	   /* step is on a parallel branch */
	unsigned int   agency;	   /* receiving */
	unsigned int   current_agency;
	/* The new values written back. */
	int	     to;
	const char  *received, *due, *finished, *returned, *step_due;
	const char  *step_warn, *clock_start, *paused_at, *original_due;
	const char  *apology, *signed_at;
	long long    workflow, holder, paused_minutes, return_method;
	long long    stage;
	int	     new_step;
	unsigned int new_agency;
};

/* The statements, in mc_dossier.c. */
extern const char *const dossier_stmts[STMT__MAX];

/* The roles of workflow steps, by index (mc_dossier_steps.c). */
extern const char *const dossier_role_names[3];

/* A column of the locked row. */
static inline const char *
col(const struct state *st, enum lock_col c)
{
	return mc_rows_str(&st->row, 0, c);
}

int dossier_add_event(struct mc_db *db, long long dossier, const char *at,
    long long actor, const char *action, int from, int to, const char *note,
    int step, int internal);

int dossier_add_files(struct mc_db *db, long long id,
    const struct mc_file *files, size_t n, const char *at, long long by);

int dossier_add_results(struct mc_db *db, struct mc_arena *a, long long id,
    enum mc_action act, const struct mc_action_args *args, const char *at,
    long long by);

time_t dossier_sql_time(const char *s);

const char *dossier_sql_fmt(struct mc_arena *a, time_t t);

int dossier_may_see(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct state *st);

int dossier_allowed_who(const struct mc_user *u, unsigned int who,
    const struct state *st);

int dossier_create_steps(struct mc_db *db, struct mc_arena *a,
    struct state *st, long long legal_minutes);

int dossier_load_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    int seq, struct mc_rows *out);

int dossier_start_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    int seq, time_t now, time_t clock, long long actor);

int dossier_finish_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    time_t now, long long actor);

/*
 * The step after the current one: its workflow's routes tried in order
 * (conditions on the dossier's form fields and the officer's decision,
 * NULL: none), else the default; without routes the next in sequence.
 * The steps of the branches passed over are marked skipped. 0 and *to,
 * or -1.
 */
int dossier_next_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    const char *decision, int *to);

/*
 * The first step of a dossier being accepted (st->step 0): chosen by the
 * routes from the start (an exclusive gateway right after the start event,
 * on the form's fields; the steps of the other choices marked skipped),
 * else step 1. 1 when chosen, 0 when step 1 by sequence, -1 on error.
 */
int dossier_first_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    int *first);

/* The step before the current one on the path taken: 0 and *to, or -1. */
int dossier_prev_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    int *to);

int dossier_move_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    int to, time_t now, long long actor);

/*
 * The current step (st->step) done and the dossier sent on: to every
 * branch of a parallel split at once, along its branch, through a join
 * once no other branch is open (the dossier's current step then the
 * first open branch's, its step due the earliest), or as
 * dossier_next_step chooses. 0, -1 or a DOSSIER_* outcome.
 */
int dossier_forward(struct mc_db *db, struct mc_arena *a, struct state *st,
    const char *decision, time_t now, long long actor);

/*
 * Makes step seq, an open step of a parallel branch, the one st acts on
 * (its role and agency): 0, DOSSIER_NOT_ALLOWED when it is not one, or -1.
 */
int dossier_pick_branch(struct mc_db *db, struct mc_arena *a, struct state *st,
    int seq);

int dossier_legal_time(struct mc_db *db, struct mc_arena *a, struct state *st,
    long long *minutes, long long *days, int *cutoff);

int dossier_act_in(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const char *code, enum mc_action act,
    const struct mc_action_args *args, time_t now);

int dossier_shape(const char *what, const struct mc_rows *rows, size_t n);

/*
 * mc_dossier_keys.c: the dossier an earlier submission with s's key filed,
 * DOSSIER_REPLAYED (*code) or DOSSIER_KEY_REUSED (another submission), 0
 * when the key is new, or -1; and the key's row written in the open
 * transaction: 1, 0 when another submission wrote it first, or -1.
 */
int	  dossier_key_find(struct mc_db *db, struct mc_arena *a,
	  const struct mc_submission *s, const char **code);
long long dossier_key_add(struct mc_db *db, const struct mc_submission *s,
    long long dossier_id, const char *at);

#endif
