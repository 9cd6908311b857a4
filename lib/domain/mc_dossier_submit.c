/*
 * Submission: a dossier filed online or received at the counter, its
 * documents and files, in one transaction; the events and result files
 * the transitions write too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_calendar.h"
#include "mc_config.h"
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_int.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_stats.h"
#include "mc_util.h"

/* The columns of STMT_PROC_AGENCY_*: the procedure, then the agency. */
enum proc_col {
	PC_ID,
	PC_AGENCY,
	PC_PROVINCE,
	PC_COMMUNE,
	PC_ONLINE,
	PC_VERSION,
	PC_AG_ID, /* NULL: no such agency (in force) */
	PC_AG_CODE,
	PC_AG_KIND,
	PC__MAX
};

/*
 * The receiving agency for a submission (row proc of STMT_PROC_AGENCY_*):
 * the one named, if competent for the procedure, else the procedure's
 * own. Returns its id or 0.
 */
static unsigned int
receiving_agency(const struct mc_rows *proc, const char **code)
{
	unsigned int own = (unsigned int)mc_rows_int(proc, 0, PC_AGENCY);
	const char  *kind = mc_rows_str(proc, 0, PC_AG_KIND);

	if (mc_rows_str(proc, 0, PC_AG_ID) == NULL || kind == NULL)
		return 0;
	if (strcmp(kind, "ward") == 0 ?
		!mc_rows_int(proc, 0, PC_COMMUNE) :
		(unsigned int)mc_rows_int(proc, 0, PC_AG_ID) != own)
		return 0;
	*code = mc_rows_str(proc, 0, PC_AG_CODE);
	return (unsigned int)mc_rows_int(proc, 0, PC_AG_ID);
}

int
dossier_add_event(struct mc_db *db, long long dossier, const char *at,
    long long actor, const char *action, int from, int to, const char *note,
    int step, int internal)
{
	return mc_db_exec(db, dossier_stmts[STMT_EVENT], "isIsIisIi", dossier,
		   at, actor, action, (long long)from, (long long)to, note,
		   (long long)step, (long long)internal) < 0 ?
	    -1 :
	    0;
}

/*
 * Records the documents received with a dossier (form 01 lists them): the
 * ticked checklist, or else each attached file as one electronic copy.
 */
static int
add_docs(struct mc_db *db, long long id, const struct mc_submission *s)
{
	size_t i;

	for (i = 0; i < s->ndocs; i++)
		if (mc_db_exec(db, dossier_stmts[STMT_DOC_NEW], "iisii", id,
			(long long)s->docs[i].seq, s->docs[i].name,
			(long long)s->docs[i].originals,
			(long long)s->docs[i].copies) < 0)
			return -1;
	if (s->ndocs > 0 || s->channel != CHANNEL_ONLINE)
		return 0;
	for (i = 0; i < s->nfiles; i++)
		if (mc_db_exec(db, dossier_stmts[STMT_DOC_NEW], "iisii", id,
			(long long)i + 1, s->files[i].filename, 0LL, 1LL) < 0)
			return -1;
	return 0;
}

int
dossier_add_files(struct mc_db *db, long long id, const struct mc_file *files,
    size_t n, const char *at, long long by)
{
	size_t i;
	char   kid[9];

	for (i = 0; i < n; i++) {
		/* The row says which key the file is under (its header's;
		 * NULL in clear). */
		mc_files_key_id(files[i].sha256, kid);
		if (mc_db_exec(db, dossier_stmts[STMT_BLOB], "sisss",
			files[i].sha256, (long long)files[i].size,
			files[i].mime, at, *kid != '\0' ? kid : NULL) < 0 ||
		    mc_db_exec(db, dossier_stmts[STMT_FILE], "isssI", id,
			files[i].sha256, files[i].filename, at, by) < 0)
			return -1;
	}
	return 0;
}

/*
 * Stores the result files an officer attaches at sign, approve, decide or
 * return; refuses an online return with none, then or before. 0, -1 or a
 * DOSSIER_* outcome.
 */
int
dossier_add_results(struct mc_db *db, struct mc_arena *a, long long id,
    enum mc_action act, const struct mc_action_args *args, const char *at,
    long long by)
{
	struct mc_rows rows;
	size_t	       i;
	char	       kid[9];

	if (args->nresults > 0 && act != ACTION_SIGN &&
	    act != ACTION_APPROVE && act != ACTION_DECIDE &&
	    act != ACTION_RETURN)
		return DOSSIER_BAD_INPUT;
	for (i = 0; i < args->nresults; i++) {
		mc_files_key_id(args->results[i].sha256, kid);
		if (mc_db_exec(db, dossier_stmts[STMT_BLOB], "sisss",
			args->results[i].sha256,
			(long long)args->results[i].size,
			args->results[i].mime, at,
			*kid != '\0' ? kid : NULL) < 0 ||
		    mc_db_exec(db, dossier_stmts[STMT_RESULT], "issssi", id,
			args->results[i].sha256, args->results[i].filename,
			mc_dossier_action_name(act), at, by) < 0)
			return -1;
	}
	if (act != ACTION_RETURN || args->method != CHANNEL_ONLINE)
		return 0;
	if (mc_db_query(db, a, &rows, dossier_stmts[STMT_RESULT_COUNT], "i",
		id) < 0)
		return -1;
	return mc_rows_int(&rows, 0, 0) > 0 ? 0 : DOSSIER_NO_RESULT;
}

/* What a submission settles before its transaction. */
struct intake {
	long long    procedure, version;
	unsigned int agency;
	const char  *code;
};

/*
 * The procedure, the receiving agency and the dossier's code, before the
 * submission's transaction: the code is taken by a statement of its own
 * (mc_dossier_next_code), so the day's sequence of the agency is locked
 * for that statement only, not while the files and rows are written.
 * Returns 0, -1 or a DOSSIER_* outcome (no number is taken then).
 */
static int
intake(struct mc_db *db, struct mc_arena *a, const struct mc_submission *s,
    time_t now, struct intake *in)
{
	struct mc_rows proc;
	const char    *agency_code = NULL;
	int named = s->agency_code != NULL && *s->agency_code != '\0';

	if ((named ? mc_db_query(db, a, &proc,
			 dossier_stmts[STMT_PROC_AGENCY_CODE], "ss",
			 s->agency_code, s->procedure_code) :
		     mc_db_query(db, a, &proc,
			 dossier_stmts[STMT_PROC_AGENCY_OWN], "s",
			 s->procedure_code)) < 0)
		return -1;
	if (proc.n > 0 && proc.ncols != PC__MAX) {
		mc_err("submission: procedure row has %zu columns",
		    proc.ncols);
		return -1;
	}
	if (proc.n == 0 ||
	    (s->channel == CHANNEL_ONLINE &&
		!mc_rows_int(&proc, 0, PC_ONLINE)))
		return DOSSIER_NO_PROCEDURE;
	if ((in->agency = receiving_agency(&proc, &agency_code)) == 0)
		return DOSSIER_NO_AGENCY;
	in->procedure = mc_rows_int(&proc, 0, PC_ID);
	in->version = mc_rows_int(&proc, 0, PC_VERSION);
	if ((in->code = mc_dossier_next_code(db, a, in->agency, agency_code,
		 now)) == NULL)
		return -1;
	return 0;
}

/*
 * Inserts the dossier in the open transaction; its id in *id. Returns 0
 * or -1.
 */
static int
insert_dossier(struct mc_db *db, struct mc_arena *a,
    const struct mc_submission *s, const struct intake *in, time_t now,
    long long actor, long long *id)
{
	char at[20];

	mc_time_sql(at, now);
	if (mc_db_exec(db, dossier_stmts[STMT_INSERT], "siiiiIsssssiisssi",
		in->code, in->procedure, in->version, (long long)in->agency,
		(long long)in->agency, s->account_id, s->name, s->id_number,
		s->phone, s->email, s->address, (long long)s->channel,
		(long long)STATUS_SUBMITTED,
		s->form_json ? s->form_json : "{}", at, at,
		(long long)(s->on_behalf != 0)) < 0)
		return -1;
	*id = (long long)mc_db_insert_id(db);
	if (mc_counters_move(db, a, *id, now) < 0 ||
	    dossier_add_event(db, *id, at, actor ? actor : s->account_id,
		"submit", 0, STATUS_SUBMITTED, NULL, 0, 0) < 0 ||
	    dossier_add_files(db, *id, s->files, s->nfiles, at,
		actor ? actor : s->account_id) < 0 ||
	    add_docs(db, *id, s) < 0 || mc_stats_dossier(db, a, *id) < 0)
		return -1;
	return 0;
}

struct submit {
	struct change c;
	struct intake in;
};

/* Within submit_tx: another submission wrote the key first. */
#define KEY_TAKEN 100

static int
submit_tx(struct mc_db *db, void *arg)
{
	struct submit *sb = arg;
	long long      id, n;
	char	       at[20];

	if (insert_dossier(db, sb->c.a, sb->c.s, &sb->in, sb->c.now, 0, &id) <
	    0)
		return -1;
	if (sb->c.s->key_hash != NULL) {
		mc_time_sql(at, sb->c.now);
		if ((n = dossier_key_add(db, sb->c.s, id, at)) < 0)
			return -1;
		if (n == 0)
			return KEY_TAKEN;
	}
	if (sb->c.s->then != NULL &&
	    sb->c.s->then(db, id, sb->c.s->then_arg) < 0)
		return -1;
	return mc_notify_dossier_event(db, sb->c.a, id, "submit");
}

int
mc_dossier_submit(struct mc_db *db, struct mc_arena *a,
    const struct mc_submission *s, time_t now, const char **code)
{
	struct submit sb = { .c = { .a = a, .s = s, .now = now } };
	int	      rc;

	if (s->key_hash != NULL && s->account_id != 0 &&
	    (rc = dossier_key_find(db, a, s, code)) != 0)
		return rc;
	if ((rc = intake(db, a, s, now, &sb.in)) != 0)
		return rc;
	/*
	 * A number whose transaction rolls back is not given again: no
	 * dossier bears it, and the day's sequence has a gap there (as when
	 * the same key came twice at once: the second gives the first's).
	 */
	if ((rc = mc_db_tx(db, submit_tx, &sb)) == KEY_TAKEN)
		return (rc = dossier_key_find(db, a, s, code)) == 0 ? -1 : rc;
	if (rc != 0)
		return rc;
	*code = sb.in.code;
	return 0;
}

static int
counter_tx(struct mc_db *db, void *arg)
{
	struct submit *sb = arg;
	long long      id;

	if (insert_dossier(db, sb->c.a, sb->c.s, &sb->in, sb->c.now,
		sb->c.u->id, &id) < 0)
		return -1;
	if (sb->c.s->then != NULL &&
	    sb->c.s->then(db, id, sb->c.s->then_arg) < 0)
		return -1;
	return dossier_act_in(db, sb->c.a, sb->c.u, sb->in.code, ACTION_ACCEPT,
	    sb->c.args, sb->c.now);
}

int
mc_dossier_counter(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_submission *s, time_t now,
    const char **code)
{
	struct mc_action_args args;
	struct submit	      sb = {
			.c = { .a = a, .s = s, .u = u, .args = &args, .now = now }
	};
	int rc;

	/* Filed and accepted in one transaction: both or neither. */
	memset(&args, 0, sizeof(args));
	if ((rc = intake(db, a, s, now, &sb.in)) != 0)
		return rc;
	if ((rc = mc_db_tx(db, counter_tx, &sb)) != 0)
		return rc;
	*code = sb.in.code;
	return 0;
}
