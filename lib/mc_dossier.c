/*
 * Dossiers: codes, submission and transitions, each one transaction that
 * writes the dossier row and its event together, and the read side (one
 * dossier, a citizen's list, an agency's inbox).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_calendar.h"
#include "mc_db.h"
#include "mc_auth.h"
#include "mc_dossier.h"
#include "mc_log.h"
#include "mc_util.h"

enum stmt {
	STMT_PROC,
	STMT_AGENCY_CODE,
	STMT_AGENCY_ID,
	STMT_SEQ_NEXT,
	STMT_LAST_ID,
	STMT_INSERT,
	STMT_EVENT,
	STMT_BLOB,
	STMT_FILE,
	STMT_GET,
	STMT_EVENTS,
	STMT_FILES,
	STMT_MINE,
	STMT_INBOX,
	STMT_LOCK,
	STMT_PROC_TIME,
	STMT_ACCEPT,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_PROC] = "SELECT id, agency_id, level_province, level_commune, "
	    "online FROM procedures WHERE code = ?",
	[STMT_AGENCY_CODE] = "SELECT id, code, kind FROM agencies "
	    "WHERE code = ? AND (valid_to IS NULL OR valid_to >= CURDATE())",
	[STMT_AGENCY_ID] = "SELECT id, code, kind FROM agencies WHERE id = ?",
	[STMT_SEQ_NEXT] = "INSERT INTO dossier_code_seq (agency_id, day, last) "
	    "VALUES (?, ?, LAST_INSERT_ID(1)) "
	    "ON DUPLICATE KEY UPDATE last = LAST_INSERT_ID(last + 1)",
	[STMT_LAST_ID] = "SELECT LAST_INSERT_ID()",
	[STMT_INSERT] = "INSERT INTO dossiers (code, procedure_id, agency_id, "
	    "account_id, applicant_name, applicant_id_number, applicant_phone, "
	    "applicant_email, applicant_address, channel, status, form_data, "
	    "submitted_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_EVENT] = "INSERT INTO dossier_events (dossier_id, at, actor_id, "
	    "action, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
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
	    "a.name AS agency_name FROM dossiers d "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "JOIN agencies a ON a.id = d.agency_id WHERE d.code = ?",
	[STMT_EVENTS] = "SELECT DATE_FORMAT(e.at, '%Y-%m-%d %H:%i:%s') AS at, "
	    "e.action, e.from_status, e.to_status, e.note, "
	    "acc.full_name AS actor FROM dossier_events e "
	    "LEFT JOIN accounts acc ON acc.id = e.actor_id "
	    "WHERE e.dossier_id = ? ORDER BY e.id",
	[STMT_FILES] = "SELECT f.id, f.sha256, f.filename, b.mime, b.size, "
	    "f.uploaded_at FROM dossier_files f "
	    "JOIN attachments b ON b.sha256 = f.sha256 "
	    "WHERE f.dossier_id = ? ORDER BY f.id",
	[STMT_MINE] = "SELECT d.code, d.status, d.submitted_at, d.due_at, "
	    "p.name AS procedure_name, a.name AS agency_name FROM dossiers d "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "JOIN agencies a ON a.id = d.agency_id "
	    "WHERE d.account_id = ? ORDER BY d.submitted_at DESC, d.id DESC "
	    "LIMIT ?",
	[STMT_INBOX] = "SELECT d.code, d.status, d.version, d.submitted_at, "
	    "d.due_at, d.applicant_name, d.applicant_id_number, "
	    "p.name AS procedure_name FROM dossiers d "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "WHERE d.agency_id = ? AND d.status = ? "
	    "ORDER BY d.submitted_at, d.id LIMIT ?",
	[STMT_LOCK] = "SELECT id, status, version, agency_id, procedure_id "
	    "FROM dossiers WHERE code = ? FOR UPDATE",
	[STMT_PROC_TIME] = "SELECT time_hours, time_days FROM procedures "
	    "WHERE id = ?",
	[STMT_ACCEPT] = "UPDATE dossiers SET status = ?, received_at = ?, "
	    "due_at = ?, version = version + 1, updated_at = ? WHERE id = ?",
};

/* What each action needs and does. */
static const struct action_rule {
	const char	*name;
	unsigned int	 from;		/* bit (1 << status) */
	int		 to;
	unsigned int	 roles;		/* bit (1 << role) at the agency */
} rules[ACTION__MAX] = {
	[ACTION_ACCEPT] = { "accept", 1u << STATUS_SUBMITTED, STATUS_ACCEPTED,
	    1u << ROLE_RECEIVER | 1u << ROLE_LEADER },
};

int
mc_dossier_action_parse(const char *s)
{
	int	i;

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
	struct mc_rows	rows;
	struct tm	tm;
	char		day[11], ymd[7];

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
	struct mc_rows	 ag;
	const char	*kind;
	unsigned int	 own = (unsigned int)mc_rows_int(proc, 0, 1);

	if (s->agency_code == NULL || *s->agency_code == '\0') {
		if (own == 0 || mc_db_query(db, a, &ag, stmts[STMT_AGENCY_ID],
		    "i", (long long)own) < 0 || ag.n == 0)
			return 0;
	} else if (mc_db_query(db, a, &ag, stmts[STMT_AGENCY_CODE], "s",
	    s->agency_code) < 0 || ag.n == 0)
		return 0;
	kind = mc_rows_str(&ag, 0, 2);
	if (strcmp(kind, "ward") == 0 ? !mc_rows_int(proc, 0, 3) :
	    (unsigned int)mc_rows_int(&ag, 0, 0) != own)
		return 0;
	*code = mc_rows_str(&ag, 0, 1);
	return (unsigned int)mc_rows_int(&ag, 0, 0);
}

static int
add_event(struct mc_db *db, long long dossier, const char *at,
    long long actor, const char *action, int from, int to, const char *note)
{
	return mc_db_exec(db, stmts[STMT_EVENT], "isIsIis", dossier, at, actor,
	    action, (long long)from, (long long)to, note) < 0 ? -1 : 0;
}

int
mc_dossier_submit(struct mc_db *db, struct mc_arena *a,
    const struct mc_submission *s, time_t now, const char **code)
{
	struct mc_rows	 proc;
	const char	*agency_code = NULL, *c;
	unsigned int	 agency;
	long long	 id;
	char		 at[20];
	size_t		 i;

	mc_time_sql(at, now);
	if (mc_db_query(db, a, &proc, stmts[STMT_PROC], "s",
	    s->procedure_code) < 0)
		return -1;
	if (proc.n == 0 || (s->channel == CHANNEL_ONLINE &&
	    !mc_rows_int(&proc, 0, 4)))
		return DOSSIER_NO_PROCEDURE;
	if ((agency = receiving_agency(db, a, s, &proc, &agency_code)) == 0)
		return DOSSIER_NO_AGENCY;
	if (mc_db_begin(db) < 0)
		return -1;
	if ((c = mc_dossier_next_code(db, a, agency, agency_code, now)) ==
	    NULL)
		goto fail;
	if (mc_db_exec(db, stmts[STMT_INSERT], "siiIsssssiisss", c, mc_rows_int(&proc, 0, 0), (long long)agency,
	    s->account_id, s->name, s->id_number, s->phone, s->email,
	    s->address, (long long)s->channel, (long long)STATUS_SUBMITTED,
	    s->form_json ? s->form_json : "{}", at, at) < 0)
		goto fail;
	id = (long long)mc_db_insert_id(db);
	if (add_event(db, id, at, s->account_id, "submit", 0,
	    STATUS_SUBMITTED, NULL) < 0)
		goto fail;
	for (i = 0; i < s->nfiles; i++) {
		if (mc_db_exec(db, stmts[STMT_BLOB], "siss", s->files[i].sha256,
		    (long long)s->files[i].size, s->files[i].mime, at) < 0 ||
		    mc_db_exec(db, stmts[STMT_FILE], "isssI", id,
		    s->files[i].sha256, s->files[i].filename, at,
		    s->account_id) < 0)
			goto fail;
	}
	if (mc_db_commit(db) < 0)
		return -1;
	*code = c;
	return 0;
fail:
	mc_db_rollback(db);
	return -1;
}

/* The due time of a dossier accepted at now under its procedure's time. */
static int
due_time(struct mc_db *db, struct mc_arena *a, long long procedure,
    time_t now, char out[20])
{
	struct mc_rows	rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_PROC_TIME], "i",
	    procedure) < 0)
		return -1;
	out[0] = '\0';
	if (rows.n == 0)
		return 0;
	if (mc_rows_str(&rows, 0, 0) != NULL)
		mc_time_sql(out, mc_calendar_add_minutes(now,
		    (long)mc_rows_int(&rows, 0, 0) * 60));
	else if (mc_rows_str(&rows, 0, 1) != NULL)
		mc_time_sql(out, mc_calendar_add_days(now,
		    (int)mc_rows_int(&rows, 0, 1)));
	return 0;
}

int
mc_dossier_transition(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const char *code, enum mc_action act,
    const char *note, long long expected_version, time_t now)
{
	const struct action_rule	*rule = &rules[act];
	struct mc_rows			 row;
	char				 at[20], due[20];
	long long			 id;
	int				 status, rc = -1;

	mc_time_sql(at, now);
	if (mc_db_begin(db) < 0)
		return -1;
	if (mc_db_query(db, a, &row, stmts[STMT_LOCK], "s", code) < 0)
		goto out;
	rc = DOSSIER_NOT_FOUND;
	if (row.n == 0)
		goto out;
	id = mc_rows_int(&row, 0, 0);
	status = (int)mc_rows_int(&row, 0, 1);
	rc = DOSSIER_FORBIDDEN;
	if (!mc_auth_acts_for(u, rule->roles,
	    (unsigned int)mc_rows_int(&row, 0, 3)))
		goto out;
	rc = DOSSIER_CONFLICT;
	if (expected_version > 0 && mc_rows_int(&row, 0, 2) !=
	    expected_version)
		goto out;
	rc = DOSSIER_NOT_ALLOWED;
	if (!(rule->from & (1u << status)))
		goto out;
	rc = -1;
	switch (act) {
	case ACTION_ACCEPT:
		if (due_time(db, a, mc_rows_int(&row, 0, 4), now, due) < 0 ||
		    mc_db_exec(db, stmts[STMT_ACCEPT], "isssi",
		    (long long)rule->to, at, due[0] ? due : NULL, at, id) < 0)
			goto out;
		break;
	default:
		goto out;
	}
	if (add_event(db, id, at, u->id, rule->name, status, rule->to,
	    note) < 0)
		goto out;
	return mc_db_commit(db);
out:
	mc_db_rollback(db);
	return rc;
}

int
mc_dossier_load(struct mc_db *db, struct mc_arena *a, const char *code,
    struct mc_dossier *d)
{
	memset(d, 0, sizeof(*d));
	if (mc_db_query(db, a, &d->row, stmts[STMT_GET], "s", code) < 0)
		return -1;
	if (d->row.n == 0)
		return 0;
	d->id = mc_rows_int(&d->row, 0, 0);
	d->status = (int)mc_rows_int(&d->row, 0, 2);
	d->agency_id = (unsigned int)mc_rows_int(&d->row, 0, 4);
	d->account_id = mc_rows_int(&d->row, 0, 5);
	if (mc_db_query(db, a, &d->events, stmts[STMT_EVENTS], "i", d->id) < 0 ||
	    mc_db_query(db, a, &d->files, stmts[STMT_FILES], "i", d->id) < 0)
		return -1;
	return 1;
}

int
mc_dossier_visible(const struct mc_user *u, const struct mc_dossier *d)
{
	if (u == NULL)
		return 0;
	if (d->account_id != 0 && d->account_id == u->id)
		return 1;
	return mc_auth_acts_for(u, 1u << ROLE_RECEIVER |
	    1u << ROLE_SPECIALIST | 1u << ROLE_LEADER | 1u << ROLE_ADMIN,
	    d->agency_id);
}

int
mc_dossier_list_mine(struct mc_db *db, struct mc_arena *a,
    long long account_id, size_t limit, struct mc_rows *out)
{
	return mc_db_query(db, a, out, stmts[STMT_MINE], "ii", account_id,
	    (long long)limit);
}

int
mc_dossier_inbox(struct mc_db *db, struct mc_arena *a, unsigned int agency_id,
    int status, size_t limit, struct mc_rows *out)
{
	return mc_db_query(db, a, out, stmts[STMT_INBOX], "iii",
	    (long long)agency_id, (long long)status, (long long)limit);
}

size_t
mc_dossier_agencies(const struct mc_user *u, unsigned int roles,
    unsigned int *out, size_t max)
{
	size_t	i, j, n = 0;

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
