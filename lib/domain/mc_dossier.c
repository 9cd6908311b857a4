/*
 * Dossiers: codes, submission, the workflow of steps and every transition
 * between the national status codes, each one transaction that writes the
 * dossier row (version checked), its steps, one event and the notifications
 * together; and the read side (one dossier, a citizen's list, an inbox).
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
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_util.h"

#define MAX_STEPS   32
#define DAY_MINUTES 480 /* one working day */

enum stmt {
	STMT_PROC,
	STMT_AGENCY_CODE,
	STMT_AGENCY_ID,
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
	STMT_COUNT_RED,
	STMT_COUNT_YELLOW,
	STMT_COUNT_OPEN,
	STMT_LOCK,
	STMT_WORKFLOW_OF,
	STMT_WORKFLOW_STEPS,
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
	STMT__MAX
};

/*
 * The columns of STMT_GET, in order; mc_dossier_load refuses a row of
 * another shape and copies them into struct mc_dossier's fields.
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

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_PROC] = "SELECT id, agency_id, level_province, level_commune, "
	    "online, version FROM procedures WHERE code = ?",
	[STMT_AGENCY_CODE] = "SELECT id, code, kind FROM agencies "
	    "WHERE code = ? AND (valid_to IS NULL OR valid_to >= CURDATE())",
	[STMT_AGENCY_ID] = "SELECT id, code, kind FROM agencies WHERE id = ?",
	[STMT_AGENCY_PARENT] = "SELECT parent_id FROM agencies WHERE id = ?",
	[STMT_SEQ_NEXT] = "INSERT INTO dossier_code_seq (agency_id, day, last) "
	    "VALUES (?, ?, LAST_INSERT_ID(1)) "
	    "ON DUPLICATE KEY UPDATE last = LAST_INSERT_ID(last + 1)",
	[STMT_LAST_ID] = "SELECT LAST_INSERT_ID()",
	[STMT_INSERT] = "INSERT INTO dossiers (code, procedure_id, "
	    "procedure_version, agency_id, current_agency_id, account_id, "
	    "applicant_name, applicant_id_number, applicant_phone, "
	    "applicant_email, applicant_address, channel, status, form_data, "
	    "submitted_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_EVENT] = "INSERT INTO dossier_events (dossier_id, at, actor_id, "
	    "action, from_status, to_status, note, step, internal) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_BLOB] = "INSERT IGNORE INTO attachments (sha256, size, mime, "
	    "created_at) VALUES (?, ?, ?, ?)",
	[STMT_FILE] = "INSERT INTO dossier_files (dossier_id, sha256, filename, "
	    "uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?)",
	[STMT_GET] = "SELECT d.id, d.code, d.status, d.version, d.agency_id, "
	    "d.account_id, d.channel, d.applicant_name, d.applicant_id_number, "
	    "d.applicant_phone, d.applicant_email, d.applicant_address, "
	    "d.form_data, d.submitted_at, d.received_at, d.due_at, "
	    "d.finished_at, d.returned_at, p.code AS procedure_code, "
	    "p.name AS procedure_name, a.code AS agency_code, "
	    "a.name AS agency_name, d.current_step, d.current_agency_id, "
	    "ca.name AS current_agency_name, d.holder_id, "
	    "h.full_name AS holder_name, d.step_due_at, d.step_warn_at, "
	    "d.paused_at, d.paused_minutes, d.original_due_at, "
	    "d.apology_reason, d.signed_at, d.return_method, d.procedure_id, "
	    "d.clock_start_at, f.name AS field_name, "
	    "p.time_hours AS legal_hours, p.time_days AS legal_days "
	    "FROM dossiers d "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "JOIN fields f ON f.id = p.field_id "
	    "JOIN agencies a ON a.id = d.agency_id "
	    "LEFT JOIN agencies ca ON ca.id = d.current_agency_id "
	    "LEFT JOIN accounts h ON h.id = d.holder_id WHERE d.code = ?",
	[STMT_EVENTS] = "SELECT DATE_FORMAT(e.at, '%Y-%m-%d %H:%i:%s') AS at, "
	    "e.action, e.from_status, e.to_status, e.note, e.step, e.internal, "
	    "acc.full_name AS actor FROM dossier_events e "
	    "LEFT JOIN accounts acc ON acc.id = e.actor_id "
	    "WHERE e.dossier_id = ? ORDER BY e.id",
	[STMT_FILES] = "SELECT f.id, f.sha256, f.filename, b.mime, b.size, "
	    "f.uploaded_at FROM dossier_files f "
	    "JOIN attachments b ON b.sha256 = f.sha256 "
	    "WHERE f.dossier_id = ? ORDER BY f.id",
	[STMT_STEPS] = "SELECT s.seq, s.name, s.role, s.agency_id, "
	    "a.name AS agency_name, s.minutes, s.started_at, s.due_at, "
	    "s.finished_at, s.outcome, g.full_name AS given_by, "
	    "t.full_name AS taken_by FROM dossier_steps s "
	    "JOIN agencies a ON a.id = s.agency_id "
	    "LEFT JOIN accounts g ON g.id = s.given_by "
	    "LEFT JOIN accounts t ON t.id = s.taken_by "
	    "WHERE s.dossier_id = ? ORDER BY s.seq",
	[STMT_SUPPLEMENTS] = "SELECT id, stage, requested_at, items, note, "
	    "answered_at FROM supplement_requests WHERE dossier_id = ? "
	    "ORDER BY id",
	[STMT_MINE] = "SELECT d.code, d.status, d.submitted_at, d.due_at, "
	    "p.name AS procedure_name, a.name AS agency_name, "
	    "a.code AS agency_code FROM dossiers d "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "JOIN agencies a ON a.id = d.agency_id "
	    "WHERE d.account_id = ? ORDER BY d.submitted_at DESC, d.id DESC "
	    "LIMIT ?",
#define INBOX_SELECT "SELECT d.code, d.status, d.version, d.submitted_at, " \
	"d.due_at, d.step_due_at, d.step_warn_at, d.applicant_name, " \
	"d.applicant_id_number, p.name AS procedure_name, " \
	"h.full_name AS holder_name, d.current_step FROM dossiers d " \
	"JOIN procedures p ON p.id = d.procedure_id " \
	"LEFT JOIN accounts h ON h.id = d.holder_id "
#define INBOX_FILTERS "AND (? = 0 OR d.holder_id = ?) " \
	"AND (? = 0 OR d.procedure_id = ?) AND (? = 0 OR p.field_id = ?) " \
	"AND (? IS NULL OR (d.step_due_at < ? AND d.status <> 5)) "
#define INBOX_ORDER "ORDER BY d.step_due_at, d.id LIMIT ? OFFSET ?"
	/* Every open status, in the order of the dossiers_open index. */
	[STMT_INBOX] = INBOX_SELECT "WHERE d.current_agency_id = ? "
	    "AND d.is_open = 1 " INBOX_FILTERS INBOX_ORDER,
	[STMT_INBOX_STATUS] = INBOX_SELECT "WHERE d.current_agency_id = ? "
	    "AND d.status = ? " INBOX_FILTERS INBOX_ORDER,
	/* A dossier code or an ID number, exactly. */
	[STMT_INBOX_KEY] = INBOX_SELECT "WHERE (d.code = ? OR "
	    "d.applicant_id_number = ?) AND d.current_agency_id = ? "
	    INBOX_FILTERS INBOX_ORDER,
	/* The start of the applicant's name, diacritics or not. */
	[STMT_INBOX_NAME] = INBOX_SELECT "WHERE d.current_agency_id = ? "
	    "AND d.applicant_name LIKE CONCAT(?, '%') " INBOX_FILTERS
	    INBOX_ORDER,
	/* Colours count dossiers whose clock runs (not paused at 5). */
	[STMT_COUNT_RED] = "SELECT COUNT(*) FROM dossiers "
	    "WHERE current_agency_id = ? AND status IN (2, 4, 6, 9) "
	    "AND step_due_at < ?",
	[STMT_COUNT_YELLOW] = "SELECT COUNT(*) FROM dossiers "
	    "WHERE current_agency_id = ? AND status IN (2, 4, 6, 9) "
	    "AND step_warn_at <= ?",
	[STMT_COUNT_OPEN] = "SELECT COUNT(*) FROM dossiers "
	    "WHERE current_agency_id = ? AND status IN (2, 4, 6, 9) "
	    "AND step_due_at IS NOT NULL",
	[STMT_LOCK] = "SELECT id, status, version, agency_id, procedure_id, "
	    "workflow_id, current_step, current_agency_id, holder_id, due_at, "
	    "step_due_at, paused_at, original_due_at, account_id, "
	    "stage_before_pause, received_at, signed_at "
	    "FROM dossiers WHERE code = ? FOR UPDATE",
	[STMT_WORKFLOW_OF] = "SELECT id FROM workflows "
	    "WHERE procedure_id = ? OR procedure_id IS NULL "
	    "ORDER BY procedure_id IS NULL, version DESC LIMIT 1",
	[STMT_WORKFLOW_STEPS] = "SELECT w.seq, w.name, w.role, w.agency_id, "
	    "w.minutes, w.share, a.name AS agency_name FROM workflow_steps w "
	    "LEFT JOIN agencies a ON a.id = w.agency_id "
	    "WHERE w.workflow_id = ? ORDER BY w.seq",
	[STMT_STEP_NEW] = "INSERT INTO dossier_steps (dossier_id, seq, name, "
	    "role, agency_id, minutes) VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_STEP_START] = "UPDATE dossier_steps SET started_at = ?, "
	    "due_at = ?, finished_at = NULL, outcome = NULL, given_by = ?, "
	    "taken_by = NULL WHERE dossier_id = ? AND seq = ?",
	[STMT_STEP_FINISH] = "UPDATE dossier_steps SET finished_at = ?, "
	    "outcome = ?, taken_by = COALESCE(taken_by, ?) "
	    "WHERE dossier_id = ? AND seq = ?",
	[STMT_STEP_GET] = "SELECT seq, role, agency_id, minutes, due_at, "
	    "(SELECT MAX(seq) FROM dossier_steps WHERE dossier_id = ?) AS last "
	    "FROM dossier_steps WHERE dossier_id = ? AND seq = ?",
	[STMT_STEP_AGENCIES] = "SELECT DISTINCT agency_id FROM dossier_steps "
	    "WHERE dossier_id = ?",
	[STMT_STEPS_SHIFT] = "UPDATE dossier_steps SET due_at = "
	    "due_at + INTERVAL ? SECOND WHERE dossier_id = ? AND seq = ?",
	[STMT_UPDATE] = "UPDATE dossiers SET status = ?, version = version + 1, "
	    "updated_at = ?, received_at = ?, due_at = ?, finished_at = ?, "
	    "returned_at = ?, workflow_id = ?, current_step = ?, "
	    "current_agency_id = ?, holder_id = ?, step_due_at = ?, "
	    "step_warn_at = ?, clock_start_at = ?, paused_at = ?, "
	    "paused_minutes = ?, original_due_at = ?, apology_reason = ?, "
	    "signed_at = ?, return_method = ?, stage_before_pause = ? "
	    "WHERE id = ?",
	[STMT_DOC_NEW] = "INSERT INTO dossier_documents (dossier_id, seq, "
	    "name, originals, copies) VALUES (?, ?, ?, ?, ?)",
	[STMT_SUPP_NEW] = "INSERT INTO supplement_requests (dossier_id, stage, "
	    "requested_at, requested_by, items, note) VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_SUPP_ANSWER] = "UPDATE supplement_requests SET answered_at = ? "
	    "WHERE dossier_id = ? AND answered_at IS NULL",
	[STMT_HOLDER_OK] = "SELECT 1 FROM account_roles "
	    "WHERE account_id = ? AND agency_id = ? AND role = ?",
	[STMT_LEGAL_TIME] = "SELECT time_hours, time_days, cutoff_minutes "
	    "FROM procedures WHERE id = ?",
	/* The columns of STMT_UPDATE that STMT_LOCK does not hold. */
	[STMT_EXTRA] = "SELECT finished_at, returned_at, step_warn_at, "
	    "clock_start_at, paused_minutes, apology_reason, return_method "
	    "FROM dossiers WHERE id = ?",
	[STMT_RESULT] = "INSERT INTO dossier_results (dossier_id, sha256, "
	    "filename, action, uploaded_at, uploaded_by) "
	    "VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_RESULTS] = "SELECT r.id, r.sha256, r.filename, b.mime, b.size, "
	    "r.uploaded_at FROM dossier_results r "
	    "JOIN attachments b ON b.sha256 = r.sha256 "
	    "WHERE r.dossier_id = ? ORDER BY r.id",
	[STMT_RESULT_COUNT] = "SELECT COUNT(*) FROM dossier_results "
	    "WHERE dossier_id = ?",
};
/* clang-format on */

/* Who may take an action. */
#define WHO_RECEIVER  0x01 /* receiver or leader of the receiving agency */
#define WHO_STEP      0x02 /* the current step's role (or a leader) there */
#define WHO_LEADER    0x04 /* a leader of the current agency */
#define WHO_APPLICANT 0x08 /* the applicant's own account */
#define WHO_OFFICER   0x10 /* any officer who may see the dossier */
#define WHO_HEAD      0x20 /* a leader of the receiving agency */

#define S(x) (1u << (x))
#define OPEN (S(1) | S(2) | S(4) | S(5) | S(6))

static const struct action_rule {
	const char  *name;
	unsigned int from; /* statuses it applies to */
	unsigned int who;
	int	     note;     /* a note (reason) is required */
	int	     internal; /* its event is not shown to applicants */
} rules[ACTION__MAX] = {
	[ACTION_ACCEPT] = { "accept", S(1), WHO_RECEIVER, 0, 0 },
	[ACTION_REQUEST_COMPLETION] = { "request_completion", S(1),
	    WHO_RECEIVER, 0, 0 },
	[ACTION_REFUSE] = { "refuse", S(1), WHO_RECEIVER, 1, 0 },
	[ACTION_FORWARD] = { "forward", S(2) | S(4), WHO_STEP, 0, 0 },
	[ACTION_SEND_BACK] = { "send_back", S(4), WHO_STEP, 1, 1 },
	[ACTION_CLAIM] = { "claim", S(2) | S(4) | S(6) | S(9), WHO_STEP, 0,
	    1 },
	[ACTION_ASSIGN] = { "assign", S(2) | S(4) | S(6) | S(9), WHO_LEADER, 0,
	    1 },
	[ACTION_REQUEST_SUPPLEMENT] = { "request_supplement", S(4), WHO_STEP,
	    0, 0 },
	[ACTION_SUPPLEMENT] = { "supplement", S(5),
	    WHO_APPLICANT | WHO_RECEIVER, 0, 0 },
	[ACTION_REQUEST_PAYMENT] = { "request_payment", S(4), WHO_STEP, 1, 0 },
	[ACTION_CONFIRM_PAYMENT] = { "confirm_payment", S(6),
	    WHO_STEP | WHO_RECEIVER, 0, 0 },
	[ACTION_APPROVE] = { "approve", S(4), WHO_LEADER, 0, 0 },
	[ACTION_SIGN] = { "sign", S(4) | S(9), WHO_LEADER | WHO_HEAD, 0, 0 },
	[ACTION_DECIDE] = { "decide", S(4), WHO_LEADER, 0, 0 },
	[ACTION_RETURN] = { "return", S(9), WHO_RECEIVER, 0, 0 },
	[ACTION_WITHDRAW] = { "withdraw", OPEN, WHO_APPLICANT | WHO_RECEIVER,
	    0, 0 },
	[ACTION_STOP] = { "stop", S(2) | S(4) | S(5) | S(6), WHO_HEAD, 1, 0 },
	[ACTION_APOLOGY] = { "apology", S(2) | S(4) | S(5) | S(6),
	    WHO_HEAD | WHO_LEADER, 1, 0 },
	[ACTION_REMIND] = { "remind", S(2) | S(4) | S(6) | S(9),
	    WHO_LEADER | WHO_HEAD, 0, 1 },
	[ACTION_NOTE] = { "note",
	    S(1) | S(2) | S(3) | S(4) | S(5) | S(6) | S(7) | S(8) | S(9) |
		S(10),
	    WHO_OFFICER, 1, 1 },
};

static const char *const role_names[] = { "receiver", "specialist", "leader" };

int
mc_dossier_action_parse(const char *s)
{
	int i;

	for (i = 0; i < ACTION__MAX; i++)
		if (s != NULL && strcmp(s, rules[i].name) == 0)
			return i;
	return -1;
}

const char *
mc_dossier_action_name(enum mc_action a)
{
	return rules[a].name;
}

const char *
mc_dossier_next_code(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, const char *agency_code, time_t now)
{
	struct mc_rows rows;
	struct tm      tm;
	char	       day[11], ymd[7];

	localtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	strftime(ymd, sizeof(ymd), "%y%m%d", &tm);
	if (mc_db_exec(db, stmts[STMT_SEQ_NEXT], "is", (long long)agency_id,
		day) < 0 ||
	    mc_db_query(db, a, &rows, stmts[STMT_LAST_ID], "") < 0 ||
	    rows.n != 1)
		return NULL;
	return mc_arena_printf(a, "%s-%s-%04lld", agency_code, ymd,
	    mc_rows_int(&rows, 0, 0));
}

/*
 * The receiving agency for a submission: the one named, if competent for
 * the procedure, else the procedure's own. Returns its id or 0.
 */
static unsigned int
receiving_agency(struct mc_db *db, struct mc_arena *a,
    const struct mc_submission *s, const struct mc_rows *proc,
    const char **code)
{
	struct mc_rows ag;
	const char    *kind;
	unsigned int   own = (unsigned int)mc_rows_int(proc, 0, 1);

	if (s->agency_code == NULL || *s->agency_code == '\0') {
		if (own == 0 ||
		    mc_db_query(db, a, &ag, stmts[STMT_AGENCY_ID], "i",
			(long long)own) < 0 ||
		    ag.n == 0)
			return 0;
	} else if (mc_db_query(db, a, &ag, stmts[STMT_AGENCY_CODE], "s",
		       s->agency_code) < 0 ||
	    ag.n == 0)
		return 0;
	kind = mc_rows_str(&ag, 0, 2);
	if (strcmp(kind, "ward") == 0 ?
		!mc_rows_int(proc, 0, 3) :
		(unsigned int)mc_rows_int(&ag, 0, 0) != own)
		return 0;
	*code = mc_rows_str(&ag, 0, 1);
	return (unsigned int)mc_rows_int(&ag, 0, 0);
}

static int
add_event(struct mc_db *db, long long dossier, const char *at, long long actor,
    const char *action, int from, int to, const char *note, int step,
    int internal)
{
	return mc_db_exec(db, stmts[STMT_EVENT], "isIsIisIi", dossier, at,
		   actor, action, (long long)from, (long long)to, note,
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
		if (mc_db_exec(db, stmts[STMT_DOC_NEW], "iisii", id,
			(long long)s->docs[i].seq, s->docs[i].name,
			(long long)s->docs[i].originals,
			(long long)s->docs[i].copies) < 0)
			return -1;
	if (s->ndocs > 0 || s->channel != CHANNEL_ONLINE)
		return 0;
	for (i = 0; i < s->nfiles; i++)
		if (mc_db_exec(db, stmts[STMT_DOC_NEW], "iisii", id,
			(long long)i + 1, s->files[i].filename, 0LL, 1LL) < 0)
			return -1;
	return 0;
}

static int
add_files(struct mc_db *db, long long id, const struct mc_file *files,
    size_t n, const char *at, long long by)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (mc_db_exec(db, stmts[STMT_BLOB], "siss", files[i].sha256,
			(long long)files[i].size, files[i].mime, at) < 0 ||
		    mc_db_exec(db, stmts[STMT_FILE], "isssI", id,
			files[i].sha256, files[i].filename, at, by) < 0)
			return -1;
	return 0;
}

/*
 * Stores the result files an officer attaches at sign, approve, decide or
 * return; refuses an online return with none, then or before. 0, -1 or a
 * DOSSIER_* outcome.
 */
static int
add_results(struct mc_db *db, struct mc_arena *a, long long id,
    enum mc_action act, const struct mc_action_args *args, const char *at,
    long long by)
{
	struct mc_rows rows;
	size_t	       i;

	if (args->nresults > 0 && act != ACTION_SIGN &&
	    act != ACTION_APPROVE && act != ACTION_DECIDE &&
	    act != ACTION_RETURN)
		return DOSSIER_BAD_INPUT;
	for (i = 0; i < args->nresults; i++)
		if (mc_db_exec(db, stmts[STMT_BLOB], "siss",
			args->results[i].sha256,
			(long long)args->results[i].size,
			args->results[i].mime, at) < 0 ||
		    mc_db_exec(db, stmts[STMT_RESULT], "issssi", id,
			args->results[i].sha256, args->results[i].filename,
			mc_dossier_action_name(act), at, by) < 0)
			return -1;
	if (act != ACTION_RETURN || args->method != CHANNEL_ONLINE)
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_RESULT_COUNT], "i", id) < 0)
		return -1;
	return mc_rows_int(&rows, 0, 0) > 0 ? 0 : DOSSIER_NO_RESULT;
}

/*
 * Inserts a dossier in the open transaction; its id in *id, code in *code.
 * Returns 0, -1 or a DOSSIER_* outcome.
 */
static int
insert_dossier(struct mc_db *db, struct mc_arena *a,
    const struct mc_submission *s, time_t now, long long actor, long long *id,
    const char **code)
{
	struct mc_rows proc;
	const char    *agency_code = NULL, *c;
	unsigned int   agency;
	char	       at[20];

	mc_time_sql(at, now);
	if (mc_db_query(db, a, &proc, stmts[STMT_PROC], "s",
		s->procedure_code) < 0)
		return -1;
	if (proc.n == 0 ||
	    (s->channel == CHANNEL_ONLINE && !mc_rows_int(&proc, 0, 4)))
		return DOSSIER_NO_PROCEDURE;
	if ((agency = receiving_agency(db, a, s, &proc, &agency_code)) == 0)
		return DOSSIER_NO_AGENCY;
	if ((c = mc_dossier_next_code(db, a, agency, agency_code, now)) ==
	    NULL)
		return -1;
	if (mc_db_exec(db, stmts[STMT_INSERT], "siiiiIsssssiisss", c,
		mc_rows_int(&proc, 0, 0), mc_rows_int(&proc, 0, 5),
		(long long)agency, (long long)agency, s->account_id, s->name,
		s->id_number, s->phone, s->email, s->address,
		(long long)s->channel, (long long)STATUS_SUBMITTED,
		s->form_json ? s->form_json : "{}", at, at) < 0)
		return -1;
	*id = (long long)mc_db_insert_id(db);
	if (add_event(db, *id, at, actor ? actor : s->account_id, "submit", 0,
		STATUS_SUBMITTED, NULL, 0, 0) < 0 ||
	    add_files(db, *id, s->files, s->nfiles, at,
		actor ? actor : s->account_id) < 0 ||
	    add_docs(db, *id, s) < 0)
		return -1;
	*code = c;
	return 0;
}

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

static int
submit_tx(struct mc_db *db, void *arg)
{
	struct change *c = arg;
	long long      id;
	int	       rc;

	if ((rc = insert_dossier(db, c->a, c->s, c->now, 0, &id, c->out)) != 0)
		return rc;
	return mc_notify_dossier_event(db, c->a, id, "submit");
}

int
mc_dossier_submit(struct mc_db *db, struct mc_arena *a,
    const struct mc_submission *s, time_t now, const char **code)
{
	struct change c = { .a = a, .s = s, .now = now, .out = code };

	return mc_db_tx(db, submit_tx, &c);
}

/* The local time of a "YYYY-MM-DD HH:MM:SS" string; 0 if NULL or bad. */
static time_t
sql_time(const char *s)
{
	return mc_time_parse(s);
}

static const char *
sql_fmt(struct mc_arena *a, time_t t)
{
	char *s;

	if (t == 0)
		return NULL;
	s = mc_arena_alloc(a, 20);
	mc_time_sql(s, t);
	return s;
}

static int
soon_percent(void)
{
	return (int)mc_config_int("due_soon_percent", 20, 0, 100);
}

int
mc_dossier_colour(const char *due, const char *warn, time_t now)
{
	time_t d = sql_time(due), w = sql_time(warn);

	if (d == 0)
		return COLOUR_NONE;
	if (now > d)
		return COLOUR_RED;
	if (w != 0 && now >= w)
		return COLOUR_YELLOW;
	return COLOUR_GREEN;
}

const char *
mc_dossier_colour_name(int c)
{
	return c == COLOUR_NONE ? "none" :
				  mc_calendar_colour_name((enum mc_colour)c);
}

/* The dossier as locked for a transition, and what the action changes. */
struct state {
	struct mc_rows row;
	long long      id;
	int	       status;
	int	       step;
	int	       last_step;
	int	       step_role; /* index in role_names, -1 none */
	unsigned int   agency;	  /* receiving */
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

static const char *
col(const struct state *st, enum lock_col c)
{
	return mc_rows_str(&st->row, 0, c);
}

/* 1 if the user holds one of the roles (names' bits) at the agency. */
static int
acts(const struct mc_user *u, unsigned int roles, unsigned int agency)
{
	return mc_auth_acts_for(u, roles, agency);
}

static int officer_at_or_above(struct mc_db *, struct mc_arena *,
    const struct mc_user *, unsigned int);

/*
 * 1 if the user may see the locked dossier: its applicant, or an officer at
 * (or above) the receiving agency or an agency with a step in it; 0 if not,
 * -1 on a database error.
 */
static int
may_see(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    const struct state *st)
{
	struct mc_rows rows;
	size_t	       i;

	if (u == NULL)
		return 0;
	if (col(st, L_ACCOUNT) != NULL &&
	    mc_rows_int(&st->row, 0, L_ACCOUNT) == u->id)
		return 1;
	if ((u->roles & ROLES_OFFICER) == 0)
		return 0;
	if (officer_at_or_above(db, a, u, st->agency))
		return 1;
	if (mc_db_query(db, a, &rows, stmts[STMT_STEP_AGENCIES], "i", st->id) <
	    0)
		return -1;
	for (i = 0; i < rows.n; i++)
		if (officer_at_or_above(db, a, u,
			(unsigned int)mc_rows_int(&rows, i, 0)))
			return 1;
	return 0;
}

/* Whether the user may act as `who` on the locked dossier. */
static int
allowed_who(const struct mc_user *u, unsigned int who, const struct state *st)
{
	unsigned int step_roles;

	if (u == NULL)
		return 0;
	if ((who & WHO_APPLICANT) && col(st, L_ACCOUNT) != NULL &&
	    mc_rows_int(&st->row, 0, L_ACCOUNT) == u->id)
		return 1;
	if ((who & WHO_RECEIVER) &&
	    acts(u, ROLES(ROLE_RECEIVER) | ROLES(ROLE_LEADER), st->agency))
		return 1;
	if ((who & WHO_HEAD) && acts(u, ROLES(ROLE_LEADER), st->agency))
		return 1;
	if ((who & WHO_LEADER) &&
	    acts(u, ROLES(ROLE_LEADER), st->current_agency))
		return 1;
	if (who & WHO_STEP) {
		step_roles = ROLES(ROLE_LEADER);
		if (st->step_role == 1)
			step_roles |= ROLES(ROLE_RECEIVER);
		else if (st->step_role == 2)
			step_roles |= ROLES(ROLE_SPECIALIST);
		if (acts(u, step_roles, st->current_agency))
			return 1;
	}
	if ((who & WHO_OFFICER) &&
	    (acts(u, ROLES_OFFICER, st->agency) ||
		acts(u, ROLES_OFFICER, st->current_agency)))
		return 1;
	return 0;
}

/* Creates the dossier's steps from its procedure's workflow; 0 or -1. */
static int
create_steps(struct mc_db *db, struct mc_arena *a, struct state *st,
    long long legal_minutes)
{
	struct mc_rows wf, steps;
	long long      minutes, total = 0;
	size_t	       i;

	if (mc_db_query(db, a, &wf, stmts[STMT_WORKFLOW_OF], "i",
		mc_rows_int(&st->row, 0, L_PROCEDURE)) < 0 ||
	    wf.n == 0)
		return -1;
	st->workflow = mc_rows_int(&wf, 0, 0);
	if (mc_db_query(db, a, &steps, stmts[STMT_WORKFLOW_STEPS], "i",
		st->workflow) < 0 ||
	    steps.n == 0 || steps.n > MAX_STEPS)
		return -1;
	for (i = 0; i < steps.n; i++) {
		if (mc_rows_str(&steps, i, 4) != NULL)
			minutes = mc_rows_int(&steps, i, 4);
		else if (i + 1 == steps.n) /* the rest: totals match */
			minutes = legal_minutes - total;
		else
			minutes = legal_minutes * mc_rows_int(&steps, i, 5) /
			    1000;
		if (minutes < 0)
			minutes = 0;
		total += minutes;
		if (mc_db_exec(db, stmts[STMT_STEP_NEW], "iissii", st->id,
			mc_rows_int(&steps, i, 0), mc_rows_str(&steps, i, 1),
			mc_rows_str(&steps, i, 2),
			mc_rows_str(&steps, i, 3) ? mc_rows_int(&steps, i, 3) :
						    (long long)st->agency,
			minutes) < 0)
			return -1;
	}
	st->last_step = (int)steps.n;
	return 0;
}

/* Loads step seq of the dossier into st (role, agency, last); 0 or -1. */
static int
load_step(struct mc_db *db, struct mc_arena *a, struct state *st, int seq,
    struct mc_rows *out)
{
	size_t i;

	if (mc_db_query(db, a, out, stmts[STMT_STEP_GET], "iii", st->id,
		st->id, (long long)seq) < 0)
		return -1;
	if (out->n == 0)
		return 0;
	st->last_step = (int)mc_rows_int(out, 0, 5);
	for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (strcmp(mc_rows_str(out, 0, 1), role_names[i]) == 0)
			return (int)i + 1;
	return 0;
}

/*
 * Starts step seq: handed over at now (form 05's "given" is that real
 * moment), its time counted from clock (now, or the next opening when
 * accepted after hours or after the cut-off); 0 or -1.
 */
static int
start_step(struct mc_db *db, struct mc_arena *a, struct state *st, int seq,
    time_t now, time_t clock, long long actor)
{
	struct mc_rows step;
	time_t	       due;
	long	       minutes;

	if (load_step(db, a, st, seq, &step) < 0 || step.n == 0)
		return -1;
	minutes = (long)mc_rows_int(&step, 0, 3);
	due = mc_calendar_add_minutes(clock, minutes);
	st->new_step = seq;
	st->new_agency = (unsigned int)mc_rows_int(&step, 0, 2);
	st->step_due = sql_fmt(a, due);
	st->step_warn = sql_fmt(a,
	    mc_calendar_add_minutes(clock,
		minutes * (100 - soon_percent()) / 100));
	st->holder = 0;
	return mc_db_exec(db, stmts[STMT_STEP_START], "ssIii", sql_fmt(a, now),
		   st->step_due, actor, st->id, (long long)seq) < 0 ?
	    -1 :
	    0;
}

/* Finishes the current step at now with its outcome; 0 or -1. */
static int
finish_step(struct mc_db *db, struct mc_arena *a, struct state *st, time_t now,
    long long actor)
{
	struct mc_rows step;
	struct tm      dt, nt;
	const char    *outcome = "ontime";
	time_t	       due;

	if (st->step == 0)
		return 0;
	if (load_step(db, a, st, st->step, &step) < 0 || step.n == 0)
		return -1;
	if ((due = sql_time(mc_rows_str(&step, 0, 4))) != 0) {
		localtime_r(&due, &dt);
		localtime_r(&now, &nt);
		if (now > due)
			outcome = "late";
		else if (nt.tm_year != dt.tm_year || nt.tm_yday != dt.tm_yday)
			outcome = "early";
	}
	return mc_db_exec(db, stmts[STMT_STEP_FINISH], "ssIii",
		   sql_fmt(a, now), outcome, actor, st->id,
		   (long long)st->step) < 0 ?
	    -1 :
	    0;
}

/* Moves the current step forward (or back), status 9 before the last. */
static int
move_step(struct mc_db *db, struct mc_arena *a, struct state *st, int to,
    time_t now, long long actor)
{
	if (to < 1 || to > st->last_step)
		return DOSSIER_NOT_ALLOWED;
	if (finish_step(db, a, st, now, actor) < 0 ||
	    start_step(db, a, st, to, now, now, actor) < 0)
		return -1;
	if (to == st->last_step) {
		st->to = STATUS_DECIDED;
		st->finished = sql_fmt(a, now);
	} else
		st->to = STATUS_PROCESSING;
	return 0;
}

long long
mc_dossier_legal_minutes(const char *hours, const char *days)
{
	if (hours != NULL)
		return strtoll(hours, NULL, 10) * 60;
	return (days != NULL ? strtoll(days, NULL, 10) : 0) * DAY_MINUTES * 5 /
	    7;
}

/* The procedure's legal time in working minutes (calendar days: days). */
static int
legal_time(struct mc_db *db, struct mc_arena *a, struct state *st,
    long long *minutes, long long *days, int *cutoff)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_LEGAL_TIME], "i",
		mc_rows_int(&st->row, 0, L_PROCEDURE)) < 0 ||
	    rows.n == 0)
		return -1;
	*days = mc_rows_str(&rows, 0, 1) ? mc_rows_int(&rows, 0, 1) : 0;
	*minutes = mc_dossier_legal_minutes(mc_rows_str(&rows, 0, 0),
	    mc_rows_str(&rows, 0, 1));
	*cutoff = (int)mc_rows_int(&rows, 0, 2);
	return 0;
}

static int
do_accept(struct mc_db *db, struct mc_arena *a, struct state *st, time_t now,
    long long actor)
{
	long long minutes, days;
	time_t	  start, due;
	int	  cutoff;

	if (legal_time(db, a, st, &minutes, &days, &cutoff) < 0)
		return -1;
	start = mc_calendar_start(now, cutoff);
	due = days > 0 ? mc_calendar_add_days(start, (int)days) :
			 mc_calendar_add_minutes(start, (long)minutes);
	st->received = sql_fmt(a, now);
	st->clock_start = sql_fmt(a, start);
	st->due = sql_fmt(a, due);
	if (create_steps(db, a, st, minutes) < 0 ||
	    start_step(db, a, st, 1, now, start, actor) < 0)
		return -1;
	st->holder = actor;
	st->to = STATUS_ACCEPTED;
	return 0;
}

/* Records a supplement request (form 02) and pauses the clock. */
static int
do_request(struct mc_db *db, struct mc_arena *a, struct state *st, time_t now,
    long long actor, const struct mc_action_args *args, const char *stage)
{
	json_t *items;
	int	ok;

	if (args->items_json == NULL)
		return DOSSIER_BAD_INPUT;
	items = json_loads(args->items_json, 0, NULL);
	ok = items != NULL && json_is_array(items) &&
	    json_array_size(items) > 0;
	json_decref(items);
	if (!ok)
		return DOSSIER_BAD_INPUT;
	if (mc_db_exec(db, stmts[STMT_SUPP_NEW], "ississ", st->id, stage,
		sql_fmt(a, now), actor, args->items_json, args->note) < 0)
		return -1;
	st->stage = st->status;
	st->paused_at = st->status == STATUS_SUBMITTED ? NULL :
							 sql_fmt(a, now);
	st->to = STATUS_SUPPLEMENT;
	return 0;
}

/* The applicant supplements: the clock resumes, due times move. */
static int
do_supplement(struct mc_db *db, struct mc_arena *a, struct state *st,
    time_t now, long long actor, const struct mc_action_args *args)
{
	time_t paused = sql_time(col(st, L_PAUSED_AT));
	long   minutes = 0;

	if (args->nfiles == 0 && args->note == NULL)
		return DOSSIER_BAD_INPUT;
	if (add_files(db, st->id, args->files, args->nfiles, sql_fmt(a, now),
		actor) < 0 ||
	    mc_db_exec(db, stmts[STMT_SUPP_ANSWER], "si", sql_fmt(a, now),
		st->id) < 0)
		return -1;
	st->to = st->stage == STATUS_SUBMITTED || st->stage == 0 ?
	    STATUS_SUBMITTED :
	    (int)st->stage;
	st->stage = 0;
	st->paused_at = NULL;
	if (paused == 0)
		return 0;
	minutes = mc_calendar_work_minutes(paused, now);
	st->paused_minutes += minutes;
	/* Due times move by the working time paused (none: they stay). */
	if (st->due != NULL)
		st->due = sql_fmt(a,
		    mc_calendar_resume(sql_time(st->due), paused, now));
	if (st->step_due != NULL) {
		time_t old = sql_time(st->step_due);
		time_t moved = mc_calendar_resume(old, paused, now);

		st->step_due = sql_fmt(a, moved);
		if (st->step_warn != NULL)
			st->step_warn = sql_fmt(a,
			    mc_calendar_resume(sql_time(st->step_warn), paused,
				now));
		if (mc_db_exec(db, stmts[STMT_STEPS_SHIFT], "iii",
			(long long)(moved - old), st->id,
			(long long)st->step) < 0)
			return -1;
	}
	return 0;
}

static int
do_apology(struct mc_arena *a, struct state *st, time_t now,
    const struct mc_action_args *args)
{
	time_t due = sql_time(st->due);

	if (st->original_due != NULL)
		return DOSSIER_NOT_ALLOWED; /* a new date is set once */
	if (due == 0 || args->new_due <= due)
		return DOSSIER_BAD_INPUT;
	if (mc_calendar_work_minutes(now, due) < DAY_MINUTES)
		return DOSSIER_TOO_LATE;
	st->original_due = st->due;
	st->due = sql_fmt(a, args->new_due);
	st->apology = args->note;
	return 0;
}

/* The officer to assign must hold the step's role at the current agency. */
static int
do_assign(struct mc_db *db, struct mc_arena *a, struct state *st,
    const struct mc_action_args *args)
{
	struct mc_rows rows;

	if (args->officer_id <= 0 || st->step_role <= 0)
		return DOSSIER_BAD_INPUT;
	if (mc_db_query(db, a, &rows, stmts[STMT_HOLDER_OK], "iis",
		args->officer_id, (long long)st->current_agency,
		role_names[st->step_role - 1]) < 0)
		return -1;
	if (rows.n == 0)
		return DOSSIER_BAD_INPUT;
	st->holder = args->officer_id;
	return 0;
}

/* Runs the action's own changes on st; 0, -1 or a DOSSIER_* outcome. */
static int
apply(struct mc_db *db, struct mc_arena *a, struct state *st,
    const struct mc_user *u, enum mc_action act,
    const struct mc_action_args *args, time_t now)
{
	switch (act) {
	case ACTION_ACCEPT:
		return do_accept(db, a, st, now, u->id);
	case ACTION_REQUEST_COMPLETION:
		return do_request(db, a, st, now, u->id, args, "receipt");
	case ACTION_REFUSE:
		st->to = STATUS_REFUSED;
		st->finished = sql_fmt(a, now);
		return 0;
	case ACTION_FORWARD:
		if (st->step >= st->last_step)
			return DOSSIER_NOT_ALLOWED;
		return move_step(db, a, st, st->step + 1, now, u->id);
	case ACTION_SEND_BACK:
		if (st->step <= 1)
			return DOSSIER_NOT_ALLOWED;
		return move_step(db, a, st, st->step - 1, now, u->id);
	case ACTION_APPROVE:
		if (st->step_role != 3 || st->step >= st->last_step)
			return DOSSIER_NOT_ALLOWED;
		return move_step(db, a, st, st->step + 1, now, u->id);
	case ACTION_DECIDE:
		return move_step(db, a, st, st->last_step, now, u->id);
	case ACTION_CLAIM:
		st->holder = u->id;
		return 0;
	case ACTION_ASSIGN:
		return do_assign(db, a, st, args);
	case ACTION_REQUEST_SUPPLEMENT:
		return do_request(db, a, st, now, u->id, args, "processing");
	case ACTION_SUPPLEMENT:
		return do_supplement(db, a, st, now, u->id, args);
	case ACTION_REQUEST_PAYMENT:
		st->to = STATUS_PAYMENT;
		return 0;
	case ACTION_CONFIRM_PAYMENT:
		st->to = STATUS_PROCESSING;
		return 0;
	case ACTION_SIGN:
		st->signed_at = sql_fmt(a, now);
		return 0;
	case ACTION_RETURN:
		if (args->method < CHANNEL_COUNTER ||
		    args->method > CHANNEL_POST)
			return DOSSIER_BAD_INPUT;
		if (finish_step(db, a, st, now, u->id) < 0)
			return -1;
		st->to = STATUS_RETURNED;
		st->returned = sql_fmt(a, now);
		st->return_method = args->method;
		st->step_due = st->step_warn = NULL;
		return 0;
	case ACTION_WITHDRAW:
		st->to = STATUS_WITHDRAWN;
		st->finished = sql_fmt(a, now);
		st->step_due = st->step_warn = NULL;
		return 0;
	case ACTION_STOP:
		st->to = STATUS_STOPPED;
		st->finished = sql_fmt(a, now);
		st->step_due = st->step_warn = NULL;
		return 0;
	case ACTION_APOLOGY:
		return do_apology(a, st, now, args);
	case ACTION_REMIND:
		return col(st, L_HOLDER) == NULL ? DOSSIER_BAD_INPUT : 0;
	case ACTION_NOTE:
	default:
		return 0;
	}
}

/* Fills st from the locked row. */
static int
state_load(struct mc_db *db, struct mc_arena *a, struct state *st)
{
	struct mc_rows step;
	int	       role;

	st->id = mc_rows_int(&st->row, 0, L_ID);
	st->status = st->to = (int)mc_rows_int(&st->row, 0, L_STATUS);
	st->agency = (unsigned int)mc_rows_int(&st->row, 0, L_AGENCY);
	st->current_agency = st->new_agency = (unsigned int)mc_rows_int(
	    &st->row, 0, L_CURRENT_AGENCY);
	st->step = st->new_step = (int)mc_rows_int(&st->row, 0, L_STEP);
	st->workflow = mc_rows_int(&st->row, 0, L_WORKFLOW);
	st->holder = mc_rows_int(&st->row, 0, L_HOLDER);
	st->received = col(st, L_RECEIVED);
	st->due = col(st, L_DUE);
	st->step_due = col(st, L_STEP_DUE);
	st->paused_at = col(st, L_PAUSED_AT);
	st->original_due = col(st, L_ORIGINAL_DUE);
	st->stage = mc_rows_int(&st->row, 0, L_STAGE);
	st->signed_at = col(st, L_SIGNED);
	st->step_role = -1;
	if (st->step > 0) {
		if ((role = load_step(db, a, st, st->step, &step)) < 0)
			return -1;
		st->step_role = role;
	}
	return 0;
}

/* The officers an action concerns: who is given it, who is reminded. */
static int
notify_officer(struct mc_db *db, struct mc_arena *a, const struct state *st,
    enum mc_action act, const struct mc_action_args *args)
{
	if (act == ACTION_ASSIGN)
		return mc_notify_officer(db, a, st->holder, st->id, "new_work",
		    args->note);
	if (act == ACTION_REMIND)
		return mc_notify_officer(db, a, st->holder, st->id, "reminder",
		    args->note);
	return 0;
}

/*
 * The action inside the caller's open transaction; 0 when everything is
 * written (the caller commits), else -1 or a DOSSIER_* outcome (the caller
 * rolls back).
 */
static int
act_in(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    const char *code, enum mc_action act, const struct mc_action_args *args,
    time_t now)
{
	const struct action_rule *rule = &rules[act];
	struct state		  st;
	struct mc_rows		  extra;
	char			  at[20];
	int			  rc = -1, vis;

	memset(&st, 0, sizeof(st));
	mc_time_sql(at, now);
	if (mc_db_query(db, a, &st.row, stmts[STMT_LOCK], "s", code) < 0)
		goto out;
	rc = DOSSIER_NOT_FOUND;
	if (st.row.n == 0)
		goto out;
	rc = -1;
	if (state_load(db, a, &st) < 0 ||
	    mc_db_query(db, a, &extra, stmts[STMT_EXTRA], "i", st.id) < 0)
		goto out;
	st.finished = mc_rows_str(&extra, 0, 0);
	st.returned = mc_rows_str(&extra, 0, 1);
	st.step_warn = mc_rows_str(&extra, 0, 2);
	st.clock_start = mc_rows_str(&extra, 0, 3);
	st.paused_minutes = mc_rows_int(&extra, 0, 4);
	st.apology = mc_rows_str(&extra, 0, 5);
	st.return_method = mc_rows_int(&extra, 0, 6);
	rc = DOSSIER_FORBIDDEN;
	if (!allowed_who(u, rule->who, &st)) {
		/*
		 * Someone who may see the dossier is told first that it
		 * changed since they looked, or that its state no longer
		 * allows the action (409): a colleague's move may just have
		 * taken it out of their hands (another step, another agency,
		 * refused, withdrawn). Others only learn it is not theirs.
		 */
		if ((vis = may_see(db, a, u, &st)) < 0)
			rc = -1;
		else if (vis && args->expected_version > 0 &&
		    mc_rows_int(&st.row, 0, L_VERSION) !=
			args->expected_version)
			rc = DOSSIER_CONFLICT;
		else if (vis && !(rule->from & S(st.status)))
			rc = DOSSIER_NOT_ALLOWED;
		goto out;
	}
	rc = DOSSIER_CONFLICT;
	if (args->expected_version > 0 &&
	    mc_rows_int(&st.row, 0, L_VERSION) != args->expected_version)
		goto out;
	rc = DOSSIER_NOT_ALLOWED;
	if (!(rule->from & S(st.status)))
		goto out;
	rc = DOSSIER_BAD_INPUT;
	if (rule->note && (args->note == NULL || *args->note == '\0'))
		goto out;
	if ((rc = apply(db, a, &st, u, act, args, now)) != 0 ||
	    (rc = add_results(db, a, st.id, act, args, at, u->id)) != 0)
		goto out;
	rc = -1;
	if (mc_db_exec(db, stmts[STMT_UPDATE], "isssssIIIIssssisssIIi",
		(long long)st.to, at, st.received, st.due, st.finished,
		st.returned, st.workflow, (long long)st.new_step,
		(long long)st.new_agency, st.holder, st.step_due, st.step_warn,
		st.clock_start, st.paused_at, st.paused_minutes,
		st.original_due, st.apology, st.signed_at, st.return_method,
		st.stage, st.id) < 0)
		goto out;
	if (add_event(db, st.id, at, u->id, rule->name, st.status, st.to,
		args->note, st.new_step, rule->internal) < 0 ||
	    (!rule->internal &&
		mc_notify_dossier_event(db, a, st.id, rule->name) < 0) ||
	    notify_officer(db, a, &st, act, args) < 0)
		goto out;
	rc = 0;
out:
	return rc;
}

static int
act_tx(struct mc_db *db, void *arg)
{
	struct change *c = arg;

	return act_in(db, c->a, c->u, c->code, c->act, c->args, c->now);
}

int
mc_dossier_act(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    const char *code, enum mc_action act, const struct mc_action_args *args,
    time_t now)
{
	struct change c = { .a = a,
		.u = u,
		.code = code,
		.act = act,
		.args = args,
		.now = now };

	return mc_db_tx(db, act_tx, &c);
}

static int
counter_tx(struct mc_db *db, void *arg)
{
	struct change *c = arg;
	long long      id;
	int	       rc;

	if ((rc = insert_dossier(db, c->a, c->s, c->now, c->u->id, &id,
		 c->out)) != 0)
		return rc;
	return act_in(db, c->a, c->u, *c->out, ACTION_ACCEPT, c->args, c->now);
}

int
mc_dossier_counter(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_submission *s, time_t now,
    const char **code)
{
	struct mc_action_args args;
	struct change	      c = { .a = a,
			.s = s,
			.u = u,
			.args = &args,
			.now = now,
			.out = code };

	/* Filed and accepted in one transaction: both or neither. */
	memset(&args, 0, sizeof(args));
	return mc_db_tx(db, counter_tx, &c);
}

unsigned int
mc_dossier_allowed(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_dossier *d, time_t now)
{
	struct state   st;
	struct mc_rows step;
	unsigned int   bits = 0;
	int	       i;

	memset(&st, 0, sizeof(st));
	st.id = d->id;
	st.status = d->status;
	st.agency = d->agency_id;
	st.current_agency = d->current_agency_id;
	st.step = d->step;
	st.step_role = -1;
	if (st.step > 0 &&
	    (st.step_role = load_step(db, a, &st, st.step, &step)) < 0)
		return 0;
	for (i = 0; i < ACTION__MAX; i++) {
		if (!(rules[i].from & S(st.status)))
			continue;
		if ((rules[i].who & WHO_APPLICANT) && d->account_id == u->id &&
		    d->account_id != 0) {
			bits |= 1u << i;
			continue;
		}
		if (allowed_who(u, rules[i].who & ~WHO_APPLICANT, &st))
			bits |= 1u << i;
	}
	/* What the state rules out besides status. */
	if (st.step >= st.last_step)
		bits &= ~(1u << ACTION_FORWARD | 1u << ACTION_APPROVE);
	if (st.step <= 1)
		bits &= ~(1u << ACTION_SEND_BACK);
	if (st.step_role != 3)
		bits &= ~(1u << ACTION_APPROVE);
	if (d->original_due_at != NULL || d->due_at == NULL ||
	    mc_calendar_work_minutes(now, sql_time(d->due_at)) < DAY_MINUTES)
		bits &= ~(1u << ACTION_APOLOGY);
	if (d->holder_id == 0) /* no holder */
		bits &= ~(1u << ACTION_REMIND);
	return bits;
}

/* 1 if rows have n columns, as their enum says; else logs it, 0. */
static int
shape(const char *what, const struct mc_rows *rows, size_t n)
{
	if (rows->ncols == n)
		return 1;
	mc_err("%s: %zu columns, not %zu", what, rows->ncols, n);
	return 0;
}

/* The row's columns into the dossier's typed fields. */
static void
dossier_fields(struct mc_dossier *d)
{
	const struct mc_rows *r = &d->row;

	d->id = mc_rows_int(r, 0, DCOL_ID);
	d->code = mc_rows_str(r, 0, DCOL_CODE);
	d->status = (int)mc_rows_int(r, 0, DCOL_STATUS);
	d->version = mc_rows_int(r, 0, DCOL_VERSION);
	d->agency_id = (unsigned int)mc_rows_int(r, 0, DCOL_AGENCY);
	d->account_id = mc_rows_int(r, 0, DCOL_ACCOUNT);
	d->channel = (int)mc_rows_int(r, 0, DCOL_CHANNEL);
	d->name = mc_rows_str(r, 0, DCOL_NAME);
	d->id_number = mc_rows_str(r, 0, DCOL_ID_NUMBER);
	d->phone = mc_rows_str(r, 0, DCOL_PHONE);
	d->email = mc_rows_str(r, 0, DCOL_EMAIL);
	d->address = mc_rows_str(r, 0, DCOL_ADDRESS);
	d->form_json = mc_rows_str(r, 0, DCOL_FORM);
	d->submitted_at = mc_rows_str(r, 0, DCOL_SUBMITTED);
	d->received_at = mc_rows_str(r, 0, DCOL_RECEIVED);
	d->due_at = mc_rows_str(r, 0, DCOL_DUE);
	d->finished_at = mc_rows_str(r, 0, DCOL_FINISHED);
	d->returned_at = mc_rows_str(r, 0, DCOL_RETURNED);
	d->procedure_code = mc_rows_str(r, 0, DCOL_PCODE);
	d->procedure_name = mc_rows_str(r, 0, DCOL_PNAME);
	d->agency_code = mc_rows_str(r, 0, DCOL_ACODE);
	d->agency_name = mc_rows_str(r, 0, DCOL_ANAME);
	d->step = (int)mc_rows_int(r, 0, DCOL_STEP);
	d->current_agency_id = (unsigned int)mc_rows_int(r, 0, DCOL_CAGENCY);
	d->current_agency_name = mc_rows_str(r, 0, DCOL_CANAME);
	d->holder_id = mc_rows_int(r, 0, DCOL_HOLDER);
	d->holder_name = mc_rows_str(r, 0, DCOL_HOLDER_NAME);
	d->step_due_at = mc_rows_str(r, 0, DCOL_STEP_DUE);
	d->step_warn_at = mc_rows_str(r, 0, DCOL_STEP_WARN);
	d->paused_at = mc_rows_str(r, 0, DCOL_PAUSED);
	d->paused_minutes = mc_rows_int(r, 0, DCOL_PAUSED_MIN);
	d->original_due_at = mc_rows_str(r, 0, DCOL_ORIGINAL_DUE);
	d->apology_reason = mc_rows_str(r, 0, DCOL_APOLOGY);
	d->signed_at = mc_rows_str(r, 0, DCOL_SIGNED);
	d->return_method = (int)mc_rows_int(r, 0, DCOL_RETURN_METHOD);
	d->procedure_id = mc_rows_int(r, 0, DCOL_PROCEDURE);
	d->clock_start_at = mc_rows_str(r, 0, DCOL_CLOCK_START);
	d->field_name = mc_rows_str(r, 0, DCOL_FIELD);
	d->legal_hours = mc_rows_str(r, 0, DCOL_LEGAL_HOURS);
	d->legal_days = mc_rows_str(r, 0, DCOL_LEGAL_DAYS);
}

int
mc_dossier_load(struct mc_db *db, struct mc_arena *a, const char *code,
    struct mc_dossier *d)
{
	memset(d, 0, sizeof(*d));
	if (mc_db_query(db, a, &d->row, stmts[STMT_GET], "s", code) < 0)
		return -1;
	if (!shape("dossier row", &d->row, DCOL__MAX))
		return -1;
	if (d->row.n == 0)
		return 0;
	dossier_fields(d);
	if (mc_db_query(db, a, &d->events, stmts[STMT_EVENTS], "i", d->id) <
		0 ||
	    mc_db_query(db, a, &d->files, stmts[STMT_FILES], "i", d->id) < 0 ||
	    mc_db_query(db, a, &d->steps, stmts[STMT_STEPS], "i", d->id) < 0 ||
	    mc_db_query(db, a, &d->supplements, stmts[STMT_SUPPLEMENTS], "i",
		d->id) < 0 ||
	    mc_db_query(db, a, &d->results, stmts[STMT_RESULTS], "i", d->id) <
		0)
		return -1;
	if (!shape("dossier events", &d->events, DEV__MAX) ||
	    !shape("dossier files", &d->files, DFILE__MAX) ||
	    !shape("dossier steps", &d->steps, DSTEP__MAX) ||
	    !shape("dossier supplements", &d->supplements, DSUPP__MAX) ||
	    !shape("dossier results", &d->results, DFILE__MAX))
		return -1;
	return 1;
}

/* 1 if the user is an officer at the agency or at one above it. */
static int
officer_at_or_above(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, unsigned int agency)
{
	struct mc_rows rows;
	int	       depth;

	for (depth = 0; agency != 0 && depth < 8; depth++) {
		if (mc_auth_acts_for(u, ROLES_OFFICER, agency))
			return 1;
		if (mc_db_query(db, a, &rows, stmts[STMT_AGENCY_PARENT], "i",
			(long long)agency) < 0 ||
		    rows.n == 0)
			return 0;
		agency = (unsigned int)mc_rows_int(&rows, 0, 0);
	}
	return 0;
}

int
mc_dossier_officer_visible(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_dossier *d)
{
	size_t i;

	if (u == NULL || (u->roles & ROLES_OFFICER) == 0)
		return 0;
	if (officer_at_or_above(db, a, u, d->agency_id))
		return 1;
	for (i = 0; i < d->steps.n; i++)
		if (officer_at_or_above(db, a, u,
			(unsigned int)mc_rows_int(&d->steps, i, 3)))
			return 1;
	return 0;
}

int
mc_dossier_results_visible(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_dossier *d)
{
	if (u == NULL)
		return 0;
	if (d->account_id != 0 && d->account_id == u->id &&
	    d->status == STATUS_RETURNED)
		return 1;
	return mc_dossier_officer_visible(db, a, u, d);
}

int
mc_dossier_visible(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_dossier *d)
{
	if (u == NULL)
		return 0;
	if (d->account_id != 0 && d->account_id == u->id)
		return 1;
	return mc_dossier_officer_visible(db, a, u, d);
}

/* The default workflow's step names (db/migrations/0005) and their keys. */
static const struct {
	const char *name;
	const char *key;
} default_steps[] = {
	{ "Tiếp nhận hồ sơ", "receive" },
	{ "Thẩm định, xử lý hồ sơ", "review" },
	{ "Phê duyệt kết quả", "approve" },
	{ "Trả kết quả", "return" },
};

const char *
mc_dossier_step_key(const char *name)
{
	size_t i;

	for (i = 0; name != NULL &&
	     i < sizeof(default_steps) / sizeof(default_steps[0]);
	     i++)
		if (strcmp(name, default_steps[i].name) == 0)
			return default_steps[i].key;
	return NULL;
}

int
mc_dossier_list_mine(struct mc_db *db, struct mc_arena *a,
    long long account_id, size_t limit, struct mc_rows *out)
{
	if (mc_db_query(db, a, out, stmts[STMT_MINE], "ii", account_id,
		(long long)limit) < 0)
		return -1;
	return shape("own dossiers", out, DMINE__MAX) ? 0 : -1;
}

static int
inbox_query(struct mc_db *db, struct mc_arena *a,
    const struct mc_inbox_filter *f, struct mc_rows *out)
{
	const char *q = f->q && *f->q ? f->q : NULL;
	const char *like;
	long long   lim = (long long)f->limit, off = (long long)f->offset;
	long long   ag = f->agency_id, h = f->holder_id;
	long long   pr = f->procedure_id, fi = f->field_id;
	const char *due = f->due_before;

	if (q != NULL &&
	    (strchr(q, '-') != NULL ||
		(strlen(q) == 12 && q[strspn(q, "0123456789")] == '\0')))
		return mc_db_query(db, a, out, stmts[STMT_INBOX_KEY],
		    "ssiiiiiiissii", q, q, ag, h, h, pr, pr, fi, fi, due, due,
		    lim, off);
	if (q != NULL) {
		/* LIKE's own characters are matched as themselves. */
		like = q[strcspn(q, "%_\\")] == '\0' ? q : "\x01";
		return mc_db_query(db, a, out, stmts[STMT_INBOX_NAME],
		    "isiiiiiissii", ag, like, h, h, pr, pr, fi, fi, due, due,
		    lim, off);
	}
	if (f->status != 0)
		return mc_db_query(db, a, out, stmts[STMT_INBOX_STATUS],
		    "iiiiiiiissii", ag, (long long)f->status, h, h, pr, pr, fi,
		    fi, due, due, lim, off);
	return mc_db_query(db, a, out, stmts[STMT_INBOX], "iiiiiiissii", ag, h,
	    h, pr, pr, fi, fi, due, due, lim, off);
}

int
mc_dossier_inbox(struct mc_db *db, struct mc_arena *a,
    const struct mc_inbox_filter *f, struct mc_rows *out)
{
	if (inbox_query(db, a, f, out) < 0)
		return -1;
	return shape("inbox", out, DINBOX__MAX) ? 0 : -1;
}

int
mc_dossier_colour_counts(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, time_t now, long long counts[COLOUR__MAX])
{
	struct mc_rows r;
	const char    *t = sql_fmt(a, now);

	memset(counts, 0, COLOUR__MAX * sizeof(counts[0]));
	if (mc_db_query(db, a, &r, stmts[STMT_COUNT_RED], "is",
		(long long)agency_id, t) < 0)
		return -1;
	counts[COLOUR_RED] = mc_rows_int(&r, 0, 0);
	/* Warned ones include the overdue: a warning comes before the due. */
	if (mc_db_query(db, a, &r, stmts[STMT_COUNT_YELLOW], "is",
		(long long)agency_id, t) < 0)
		return -1;
	counts[COLOUR_YELLOW] = mc_rows_int(&r, 0, 0) - counts[COLOUR_RED];
	if (mc_db_query(db, a, &r, stmts[STMT_COUNT_OPEN], "i",
		(long long)agency_id) < 0)
		return -1;
	counts[COLOUR_GREEN] = mc_rows_int(&r, 0, 0) - counts[COLOUR_RED] -
	    counts[COLOUR_YELLOW];
	return 0;
}

int
mc_dossier_workflow(struct mc_db *db, struct mc_arena *a,
    long long procedure_id, struct mc_rows *out)
{
	struct mc_rows wf;

	if (mc_db_query(db, a, &wf, stmts[STMT_WORKFLOW_OF], "i",
		procedure_id) < 0 ||
	    wf.n == 0)
		return -1;
	return mc_db_query(db, a, out, stmts[STMT_WORKFLOW_STEPS], "i",
	    mc_rows_int(&wf, 0, 0));
}

size_t
mc_dossier_agencies(const struct mc_user *u, unsigned int roles,
    unsigned int *out, size_t max)
{
	size_t i, j, n = 0;

	for (i = 0; u != NULL && i < u->ngrants && n < max; i++) {
		if (!(roles & (1u << u->grants[i].role)) ||
		    u->grants[i].agency_id == 0)
			continue;
		for (j = 0; j < n && out[j] != u->grants[i].agency_id; j++)
			;
		if (j == n)
			out[n++] = u->grants[i].agency_id;
	}
	return n;
}
