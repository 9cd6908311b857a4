/*
 * The dossier (hồ sơ): its code (Circular 01/2018 Art. 19), submission, the
 * transitions between the national status codes 1-10, and who may see it.
 * Every state change is one transaction: the dossier row (with its version
 * checked), one dossier_events row, and later the outbox rows.
 */
#ifndef MC_DOSSIER_H
#define MC_DOSSIER_H

#include <stddef.h>
#include <time.h>

#include "mc_account.h"
#include "mc_calendar.h"
#include "mc_db.h"
#include "mc_files.h"

struct mc_arena;
struct mc_db;
struct mc_dossier;

/* National status codes. */
enum mc_status {
	STATUS_SUBMITTED = 1,
	STATUS_ACCEPTED = 2,
	STATUS_REFUSED = 3,
	STATUS_PROCESSING = 4,
	STATUS_SUPPLEMENT = 5,
	STATUS_PAYMENT = 6,
	STATUS_WITHDRAWN = 7,
	STATUS_STOPPED = 8,
	STATUS_DECIDED = 9,
	STATUS_RETURNED = 10
};

enum mc_channel { CHANNEL_COUNTER = 1, CHANNEL_ONLINE = 2, CHANNEL_POST = 3 };

/* What a citizen (or an officer at the counter) files. */
/* A document received with a dossier, as form 01 lists it. */
struct mc_received_doc {
	unsigned int seq; /* its checklist row */
	const char  *name;
	unsigned int originals;
	unsigned int copies;
};

struct mc_submission {
	const char *procedure_code;
	const char *agency_code; /* NULL: the procedure's own */
	long long   account_id;	 /* 0: none */
	const char *name;
	const char *id_number;
	const char *phone;
	const char *email;
	const char *address;
	/*
	 * 1: account_id files it for someone else (issue 9): name, id_number
	 * and the rest are as declared, the officer checks the paper.
	 */
	int		      on_behalf;
	enum mc_channel	      channel;
	const char	     *form_json; /* the form's fields as JSON */
	const struct mc_file *files;
	size_t		      nfiles;
	/* Received documents; none online: each file is one copy. */
	const struct mc_received_doc *docs;
	size_t			      ndocs;
	/*
	 * Called in the submission's transaction once the dossier row is
	 * written (e.g. the e-form's answers, mc_eform); 0, or -1 to roll
	 * back. NULL: nothing. It may run again if the transaction does.
	 */
	int (*then)(struct mc_db *, long long dossier_id, void *arg);
	void *then_arg;
	/*
	 * The Idempotency-Key the client sent, as SHA-256 hex, and what the
	 * submission says (SHA-256 hex of procedure, agency, answers and
	 * files): the same key from the same account files one dossier
	 * however often it comes (mc_dossier_submit). NULL: no key.
	 */
	const char *key_hash;
	const char *key_fingerprint;
};

/* Outcomes of submit and transition besides 0 and -1. */
#define DOSSIER_NO_PROCEDURE 1 /* unknown or not filed online */
#define DOSSIER_NO_AGENCY    2 /* agency unknown or not competent */
#define DOSSIER_CONFLICT     3 /* changed meanwhile (version) */
#define DOSSIER_FORBIDDEN    4 /* role or agency scope */
#define DOSSIER_NOT_ALLOWED  5 /* action not allowed in this state */
#define DOSSIER_NOT_FOUND    6

/*
 * Files a dossier in one transaction; *code receives its code (arena).
 * Returns 0, -1 on a database error, or a DOSSIER_* outcome. With a key
 * (s->key_hash) the account used before: DOSSIER_REPLAYED with *code the
 * dossier it filed then (nothing filed now), or DOSSIER_KEY_REUSED when
 * the submission differs; two at once with one key file one dossier (the
 * key's row is written in the dossier's transaction).
 */
int mc_dossier_submit(struct mc_db *, struct mc_arena *,
    const struct mc_submission *, time_t now, const char **code);

/*
 * Forgets the submission keys older than MC_DOSSIER_KEY_DAYS (at most max
 * of them a call): a client sends a submission again within minutes, not
 * weeks. Returns how many, or -1.
 */
#define MC_DOSSIER_KEY_DAYS 30
long long mc_dossier_keys_sweep(struct mc_db *, time_t now, long long max);

/*
 * The code for the next dossier received by an agency on the local day of
 * now: "<agency code>-YYMMDD-XXXX" (the sequence has at least 4 digits).
 * Run it outside any transaction: the number is then taken for good by a
 * transaction of this one statement, which locks the agency's day row only
 * while it runs (not for the whole submission), run again on a Galera
 * certification conflict. A number whose submission then rolls back is
 * never given to another dossier: the day's sequence skips it. NULL on
 * error.
 */
const char *mc_dossier_next_code(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, const char *agency_code, time_t now);

enum mc_action {
	ACTION_ACCEPT,		   /* 1 -> 2, form 01, deadline starts */
	ACTION_REQUEST_COMPLETION, /* 1 -> 5, form 02 at receipt */
	ACTION_REFUSE,		   /* 1 -> 3, form 03 */
	ACTION_FORWARD,		   /* 2/4 -> 4 (9 before the last step) */
	ACTION_SEND_BACK,	   /* 4 -> 4, to the previous step */
	ACTION_CLAIM,		   /* take the current step */
	ACTION_ASSIGN,		   /* a leader gives it to an officer */
	ACTION_REQUEST_SUPPLEMENT, /* 4 -> 5, clock paused */
	ACTION_SUPPLEMENT,	   /* 5 -> 1 or 4, clock resumed */
	ACTION_REQUEST_PAYMENT,	   /* 4 -> 6 */
	ACTION_CONFIRM_PAYMENT,	   /* 6 -> 4 */
	ACTION_APPROVE,		   /* leader step -> next (9 before last) */
	ACTION_SIGN,		   /* the result is signed */
	ACTION_DECIDE,		   /* -> 9, to the return step */
	ACTION_RETURN,		   /* 9 -> 10, counter, post or online */
	ACTION_WITHDRAW,	   /* -> 7 on the applicant's request */
	ACTION_STOP,		   /* -> 8, stop notice */
	ACTION_APOLOGY,		   /* form 04: a new date, once */
	ACTION_REMIND,		   /* a leader's reminder to the holder */
	ACTION_NOTE,		   /* an internal note */
	ACTION__MAX
};

/* "accept" -> ACTION_ACCEPT; -1 if unknown. */
int	    mc_dossier_action_parse(const char *);
const char *mc_dossier_action_name(enum mc_action);

/* What an action may carry besides who does it. */
struct mc_action_args {
	const char	     *note;	  /* reason or note */
	const char	     *items_json; /* [{"item":..,"reason":..}] */
	long long	      officer_id; /* assign */
	int		      method;	  /* return: enum mc_channel */
	time_t		      new_due;	  /* apology */
	const struct mc_file *files;	  /* supplement */
	size_t		      nfiles;
	long long	      expected_version; /* 0: don't check */
	const struct mc_file *results; /* sign, approve, decide, return */
	size_t		      nresults;
	const char	     *decision; /* forward, approve: the outcome */
	int step; /* forward: the open parallel step done (0: the current) */
	/*
	 * request_supplement: whose fault the request is, "applicant"
	 * (papers missing or wrong) or "agency" (its own error); NULL:
	 * not said (counted against the agency by index 3, mc_eval).
	 */
	const char *cause;
};

/* More outcomes of mc_dossier_act. */
#define DOSSIER_BAD_INPUT  7  /* a required field is missing/wrong */
#define DOSSIER_TOO_LATE   8  /* apology within a working day of due */
#define DOSSIER_NO_RESULT  9  /* returned online without a result file */
#define DOSSIER_REPLAYED   10 /* the key's dossier was filed before */
#define DOSSIER_KEY_REUSED 11 /* the key came with another submission */
#define DOSSIER_TOO_LARGE  12 /* files over max_dossier_bytes together */

/*
 * Applies an action by user to the dossier with this code, in one
 * transaction: the row (version checked), the steps, one event, the
 * notifications. Returns 0, -1, or a DOSSIER_* outcome.
 */
int mc_dossier_act(struct mc_db *, struct mc_arena *, const struct mc_user *,
    const char *code, enum mc_action, const struct mc_action_args *,
    time_t	now);

/*
 * A procedure's legal time in working minutes, from its time_hours and
 * time_days as the database gives them (NULL for SQL NULL): the hours when
 * set, else the days counted as working time (5 working days in 7, 8
 * hours each); 0 when neither. The one rule for deadlines and the
 * workflow editor.
 */
long long mc_dossier_legal_minutes(const char *hours, const char *days);

/*
 * Every action the user (NULL: a visitor, none) may take on the dossier
 * now, as bits (1u << enum mc_action) in *bits: its status, who acts and
 * the state's preconditions, the same table mc_dossier_act runs by.
 * 0, or -1 on a database error (then *bits is 0).
 */
int mc_dossier_allowed(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const struct mc_dossier *, time_t now,
    unsigned int *bits);

/*
 * The open steps of the dossier's parallel branches that user u may do
 * (forward, with mc_action_args.step), their seqs in seqs (at most max),
 * their number in *n: their role (or a leader) at their agency, the
 * dossier in processing. 0, or -1 on a database error.
 */
int mc_dossier_branch_steps(struct mc_db *, struct mc_arena *,
    const struct mc_user *u, const struct mc_dossier *d, int *seqs, size_t max,
    size_t *n);

/*
 * The open steps of the dossier's parallel branches that user u may give
 * to one of their officers (assign, with mc_action_args.step): a leader
 * at the step's agency; as mc_dossier_branch_steps. 0, or -1.
 */
int mc_dossier_branch_assignable(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const struct mc_dossier *, int *seqs, size_t max,
    size_t *n);

/*
 * The open steps of parallel branches at agency (at most limit, the
 * earliest due first), for its officers' inbox: code, version, seq, name,
 * role, due_at, applicant_name, procedure_name, dossier_due. 0 or -1.
 */
int mc_dossier_branch_inbox(struct mc_db *, struct mc_arena *,
    unsigned int agency, long long limit, struct mc_rows *out);

/*
 * Files a dossier received at the counter: like mc_dossier_submit, then
 * accepted by the officer in the same transaction (status 2).
 */
int mc_dossier_counter(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const struct mc_submission *, time_t now,
    const char **code);

/* No clock is running: no colour. */
#define COLOUR_NONE (-1)

/*
 * The colour (enum mc_colour of mc_calendar.h) of a step's due and warning
 * times ("YYYY-MM-DD HH:MM:SS") at now, or COLOUR_NONE when due is NULL.
 */
int mc_dossier_colour(const char *due, const char *warn, time_t now);

/*
 * The same colours as SQL conditions on a dossiers row named d, for
 * counts and lists, each parameter the time now ("YYYY-MM-DD HH:MM:SS"):
 * a clock runs at statuses 2, 4, 6 and 9 (not paused at 5, not before
 * acceptance, not finished); red is past the step's due time (one
 * parameter), yellow from its warning time until then (two).
 */
#define MC_DOSSIER_CLOCK_SQL "d.status IN (2, 4, 6, 9)"
#define MC_DOSSIER_RED_SQL   "(" MC_DOSSIER_CLOCK_SQL " AND d.step_due_at < ?)"
#define MC_DOSSIER_YELLOW_SQL \
	"(" MC_DOSSIER_CLOCK_SQL " AND d.step_warn_at <= ? AND " \
	"d.step_due_at >= ?)"

/* "green", "yellow", "red", or "none". */
const char *mc_dossier_colour_name(int);

/*
 * The columns of a loaded dossier's lists, in the order of their
 * statements in mc_dossier.c; mc_dossier_load refuses lists of another
 * shape. Read them by name: mc_rows_str(&d->steps, i, DSTEP_NAME).
 */
enum dossier_event_col {
	DEV_AT,
	DEV_ACTION,
	DEV_FROM,
	DEV_TO,
	DEV_NOTE,
	DEV_STEP,
	DEV_INTERNAL,
	DEV_ACTOR,
	DEV__MAX
};

/* Files received with it and result files: the same columns. */
enum dossier_file_col {
	DFILE_ID,
	DFILE_SHA256,
	DFILE_NAME,
	DFILE_MIME,
	DFILE_SIZE,
	DFILE_AT,
	DFILE__MAX
};

enum dossier_step_col {
	DSTEP_SEQ,
	DSTEP_NAME,
	DSTEP_ROLE,
	DSTEP_AGENCY,
	DSTEP_AGENCY_NAME,
	DSTEP_MINUTES,
	DSTEP_STARTED,
	DSTEP_DUE,
	DSTEP_FINISHED,
	DSTEP_OUTCOME,
	DSTEP_GIVEN_BY,
	DSTEP_TAKEN_BY,
	DSTEP_SKIPPED, /* 1: on a branch the dossier did not take */
	DSTEP_BRANCH,  /* 1: on a parallel branch (open with others) */
	DSTEP_HOLDER,  /* who holds an open branch step (NULL: nobody) */
	DSTEP__MAX
};

enum dossier_supplement_col {
	DSUPP_ID,
	DSUPP_STAGE,
	DSUPP_REQUESTED,
	DSUPP_ITEMS, /* [{"item":..,"reason":..}] */
	DSUPP_NOTE,
	DSUPP_ANSWERED,
	DSUPP_CAUSE, /* "applicant", "agency" or NULL (see mc_action_args) */
	DSUPP__MAX
};

/*
 * A loaded dossier: its row as typed fields (times "YYYY-MM-DD HH:MM:SS",
 * NULL when unset), plus its lists. The row itself (row) is kept for the
 * pages and the API, which copy it by column name only.
 */
struct mc_dossier {
	struct mc_rows row;    /* one row, read by column name only */
	struct mc_rows events; /* enum dossier_event_col */
	struct mc_rows files;  /* enum dossier_file_col */
	struct mc_rows steps;  /* enum dossier_step_col */
	struct mc_rows
	    supplements; /* requests (form 02): dossier_supplement_col */
	struct mc_rows results; /* enum dossier_file_col */
	long long      id;
	const char    *code;
	int	       status;
	long long      version;
	unsigned int   agency_id;  /* the receiving agency */
	long long      account_id; /* the applicant's account; 0: none */
	int	       channel;	   /* enum mc_channel */
	const char    *name;	   /* the applicant's */
	const char    *id_number;
	const char    *phone;
	const char    *email;
	const char    *address;
	const char    *form_json;
	const char    *submitted_at;
	const char    *received_at;
	const char    *due_at;
	const char    *finished_at;
	const char    *returned_at;
	const char    *procedure_code;
	const char    *procedure_name;
	const char    *agency_code;
	const char    *agency_name;
	int	       step; /* current step's seq; 0: none */
	unsigned int   current_agency_id;
	const char    *current_agency_name;
	long long      holder_id; /* 0: nobody holds it */
	const char    *holder_name;
	const char    *step_due_at;
	const char    *step_warn_at;
	const char    *paused_at;
	long long      paused_minutes;
	const char    *original_due_at; /* set by an apology (form 04) */
	const char    *apology_reason;
	const char    *signed_at;
	int	       return_method; /* enum mc_channel; 0: not yet */
	long long      procedure_id;
	const char    *clock_start_at;
	const char    *field_name;
	const char    *legal_hours; /* the procedure's time; NULL: unset */
	const char    *legal_days;
	int	       on_behalf; /* filed for someone else (mc_submission) */
	int applicant_org;	  /* id_number is an organisation's tax code */
};

/*
 * 1 if the user may have the dossier's result files: an officer who may see
 * the dossier, or its applicant once it is returned (status 10).
 */
int mc_dossier_results_visible(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const struct mc_dossier *);

/* Loads by code; 1 found, 0 none, -1 error. Events and files included. */
int mc_dossier_load(struct mc_db *, struct mc_arena *, const char *code,
    struct mc_dossier *);

/*
 * The public lookup: a visitor with the code and the applicant's ID number.
 * First the throttle of wrong ID numbers for the code and the address
 * (*wait: the seconds to wait, 0: go on; when not 0 nothing is shown and 0
 * is returned); then, when the ID number matches, what the lookup shows:
 * the dossier's state, its steps and the events that are not internal,
 * without notes and actors; none of the applicant's contacts, answers,
 * files, supplements or results (their lists stay empty). Three queries:
 * the dossier's row with the throttle's block, its steps, its events (a
 * wrong ID number: the first only; an unknown code: it and the block).
 * 1 found, 0 none, wrong ID number or throttled, -1 error.
 */
int mc_dossier_lookup(struct mc_db *, struct mc_arena *, const char *code,
    const char *id_number, const char *address, time_t now, long *wait,
    struct mc_dossier *);

/*
 * The same checks as mc_dossier_lookup (throttle, ID number) in one query,
 * reading only the dossier's version: for an answer kept from an earlier
 * lookup, still right while the version is the same (every change to what
 * the lookup shows, a transition or a step moved, adds one to it).
 * 1 matches (*version set), 0 none, wrong ID number or throttled (*wait as
 * for mc_dossier_lookup), -1 error.
 */
int mc_dossier_lookup_check(struct mc_db *, struct mc_arena *,
    const char *code, const char *id_number, const char *address, time_t now,
    long *wait, long long *version);

/*
 * 1 if the user may see the dossier: its applicant, an officer of the
 * receiving agency or of an agency with a step in it, or an officer of an
 * agency above one of those.
 */
int mc_dossier_visible(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const struct mc_dossier *);

/* 1 if the user is an officer who may see it (as above, not as applicant). */
int mc_dossier_officer_visible(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const struct mc_dossier *);

/* The columns of mc_dossier_list_mine's rows. */
enum dossier_mine_col {
	DMINE_CODE,
	DMINE_STATUS,
	DMINE_SUBMITTED,
	DMINE_DUE,
	DMINE_PROCEDURE_NAME,
	DMINE_AGENCY_NAME,
	DMINE_AGENCY_CODE,
	DMINE_APPLICANT_NAME, /* an organisation's name, a person's */
	DMINE_APPLICANT_ID,   /* its tax code, their ID number */
	DMINE__MAX
};

/*
 * A user's own dossiers, newest first (at most limit), columns enum
 * dossier_mine_col; 0 or -1.
 */
int mc_dossier_list_mine(struct mc_db *, struct mc_arena *,
    long long account_id, size_t limit, struct mc_rows *);

/* What an inbox shows: an agency's dossiers, filtered. */
struct mc_inbox_filter {
	unsigned int agency_id;	   /* where the dossier is now */
	int	     status;	   /* 0: every open status */
	long long    holder_id;	   /* 0: anyone's */
	int	     procedure_id; /* 0: any */
	int	     field_id;	   /* 0: any */
	const char  *due_before;   /* "YYYY-MM-DD HH:MM:SS" or NULL */
	const char  *q;		   /* code, applicant name or ID number */
	size_t	     limit;
	size_t	     offset;
	/*
	 * Keyset paging: 1 the rows after the key (step due time, id) in
	 * the list's order, -1 those just before it (still returned in the
	 * list's order), 0 from the start (offset).
	 */
	int	    key_dir;
	const char *key_due; /* "YYYY-MM-DD HH:MM:SS"; NULL: none */
	long long   key_id;
};

/* The columns of an inbox page's rows. */
enum dossier_inbox_col {
	DINBOX_CODE,
	DINBOX_STATUS,
	DINBOX_VERSION,
	DINBOX_SUBMITTED,
	DINBOX_DUE,
	DINBOX_STEP_DUE,
	DINBOX_STEP_WARN,
	DINBOX_NAME,
	DINBOX_ID_NUMBER,
	DINBOX_PROCEDURE_NAME,
	DINBOX_HOLDER_NAME,
	DINBOX_STEP,
	DINBOX_ID, /* with DINBOX_STEP_DUE, the key of keyset paging */
	DINBOX__MAX
};

/*
 * An inbox page, most urgent first (step due time), columns enum
 * dossier_inbox_col. 0 or -1.
 */
int mc_dossier_inbox(struct mc_db *, struct mc_arena *,
    const struct mc_inbox_filter *, struct mc_rows *);

/* Counts of an agency's open dossiers by colour (index enum mc_colour). */
int mc_dossier_colour_counts(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, time_t now, long long counts[COLOUR__MAX]);

/* The workflow steps a procedure's dossiers follow now; 0 or -1. */
int mc_dossier_workflow(struct mc_db *, struct mc_arena *,
    long long procedure_id, struct mc_rows *);

/*
 * The diagram (BPMN XML) of the workflow version the dossier follows, as
 * the workflow designer saved it; NULL when that version was made from a
 * table of steps (or on error).
 */
/*
 * The outcomes the officer chooses from when the dossier's current step
 * is done, when an exclusive gateway after it asks for the decision: at
 * most max into values[] ("": the default branch) and labels[] (the
 * arrows' names, or NULL), their number in *n (0: nothing to choose).
 * Strings in the arena. 0, or -1 on error.
 */
int mc_dossier_decisions(struct mc_db *, struct mc_arena *,
    const struct mc_dossier *, const char **values, const char **labels,
    size_t max, size_t *n);

const char *mc_dossier_diagram(struct mc_db *, struct mc_arena *,
    const struct mc_dossier *);

/* The agencies where the user holds one of the roles (bits); count. */
size_t mc_dossier_agencies(const struct mc_user *, unsigned int roles,
    unsigned int *out, size_t max);

/*
 * The Lang.StepName key (receive, review, approve, return) of a step named
 * as in the default workflow, so that pages show it in their language;
 * NULL for a name an administrator gave (shown as written).
 */
const char *mc_dossier_step_key(const char *name);

#endif
