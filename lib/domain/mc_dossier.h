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
	const char	     *procedure_code;
	const char	     *agency_code; /* NULL: the procedure's own */
	long long	      account_id;  /* 0: none */
	const char	     *name;
	const char	     *id_number;
	const char	     *phone;
	const char	     *email;
	const char	     *address;
	enum mc_channel	      channel;
	const char	     *form_json; /* the form's fields as JSON */
	const struct mc_file *files;
	size_t		      nfiles;
	/* Received documents; none online: each file is one copy. */
	const struct mc_received_doc *docs;
	size_t			      ndocs;
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
 * Returns 0, -1 on a database error, or a DOSSIER_* outcome.
 */
int mc_dossier_submit(struct mc_db *, struct mc_arena *,
    const struct mc_submission *, time_t now, const char **code);

/*
 * The code for the next dossier received by an agency on the local day of
 * now: "<agency code>-YYMMDD-XXXX" (the sequence has at least 4 digits).
 * Must run inside the caller's transaction; NULL on error.
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
};

/* More outcomes of mc_dossier_act. */
#define DOSSIER_BAD_INPUT 7 /* a required field is missing/wrong */
#define DOSSIER_TOO_LATE  8 /* apology within a working day of due */
#define DOSSIER_NO_RESULT 9 /* returned online without a result file */

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

/* Every action the user may take on the dossier now, as bits. */
unsigned int mc_dossier_allowed(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const struct mc_dossier *, time_t now);

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

/* "green", "yellow", "red", or "none". */
const char *mc_dossier_colour_name(int);

/* A loaded dossier: the row's columns by name, plus its lists. */
/*
 * The columns of a loaded dossier's row (d->row), in the order of
 * mc_dossier.c's STMT_GET; mc_dossier_load refuses a row of another shape.
 * Read them by name: mc_rows_str(&d->row, 0, DCOL_DUE).
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
	DCOL__MAX
};

struct mc_dossier {
	struct mc_rows row; /* one row: columns enum dossier_col */
	struct mc_rows events;
	struct mc_rows files;
	struct mc_rows steps;	    /* seq, name, role, agency, times */
	struct mc_rows supplements; /* requests (form 02) */
	struct mc_rows results;	    /* id, sha256, filename, mime, size, at */
	long long      id;
	long long      account_id;
	unsigned int   agency_id;
	int	       status;
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
 * 1 if the user may see the dossier: its applicant, an officer of the
 * receiving agency or of an agency with a step in it, or an officer of an
 * agency above one of those.
 */
int mc_dossier_visible(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const struct mc_dossier *);

/* 1 if the user is an officer who may see it (as above, not as applicant). */
int mc_dossier_officer_visible(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const struct mc_dossier *);

/*
 * A user's own dossiers, newest first (at most limit): code, status,
 * submitted_at, due_at, procedure_name, agency_name, agency_code; 0 or -1.
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
};

/*
 * An inbox page, most urgent first (step due time), with its columns:
 * code, status, version, submitted_at, due_at, step_due_at, step_warn_at,
 * applicant_name, applicant_id_number, procedure_name, holder_name.
 * 0 or -1.
 */
int mc_dossier_inbox(struct mc_db *, struct mc_arena *,
    const struct mc_inbox_filter *, struct mc_rows *);

/* Counts of an agency's open dossiers by colour (index enum mc_colour). */
int mc_dossier_colour_counts(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, time_t now, long long counts[COLOUR__MAX]);

/* The workflow steps a procedure's dossiers follow now; 0 or -1. */
int mc_dossier_workflow(struct mc_db *, struct mc_arena *,
    long long procedure_id, struct mc_rows *);

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
