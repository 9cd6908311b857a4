/*
 * Notifications: rows in an account (written in the caller's transaction),
 * the events of a dossier told to its applicant (with an e-mail and an SMS
 * queued through mc_outbox) and to officers, the scan for dossiers that
 * turned yellow or red, and an account's list. Texts by mc_notify_text.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eval.h"
#include "mc_fmt.h"
#include "mc_log.h"
#include "mc_notify.h"
#include "mc_notify_text.h"
#include "mc_outbox.h"
#include "mc_util.h"

enum stmt {
	STMT_NOTIFY,
	STMT_DOSSIER,
	STMT_ACCOUNT,
	STMT_UNREAD,
	STMT_LIST_UNREAD,
	STMT_LIST_READ,
	STMT_MARK_ONE,
	STMT_MARK_ALL,
	STMT_DUE,
	STMT_DUE_LOCK,
	STMT__MAX
};

/*
 * A colour notice is new unless the holder already has one of that kind
 * for the dossier since its current step started (a new step or a new
 * holder gets its own).
 */
/* clang-format off */
#define NOT_NOTIFIED(kind) "NOT EXISTS (SELECT 1 FROM notifications n " \
	"WHERE n.dossier_id = d.id AND n.account_id = d.holder_id AND " \
	"n.kind = " kind " AND n.created_at >= COALESCE((SELECT s.started_at " \
	"FROM dossier_steps s WHERE s.dossier_id = d.id AND " \
	"s.seq = d.current_step), d.received_at, d.submitted_at)) "
/* clang-format on */
/* Colours as the inbox counts them (mc_dossier.h's one definition). */
#define DUE_RED	   MC_DOSSIER_RED_SQL " "
#define DUE_YELLOW MC_DOSSIER_YELLOW_SQL " "

/* clang-format off */
#define LIST_COLUMNS "SELECT n.id, n.kind, n.title, n.body, n.url, " \
	"DATE_FORMAT(n.created_at, '%Y-%m-%d %H:%i:%s') AS created_at, " \
	"DATE_FORMAT(n.read_at, '%Y-%m-%d %H:%i:%s') AS read_at, " \
	"d.code AS dossier_code, n.msg, n.vars FROM notifications n " \
	"LEFT JOIN dossiers d ON d.id = n.dossier_id WHERE n.account_id = ? "
/* clang-format on */

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_NOTIFY] = "INSERT INTO notifications (account_id, dossier_id, "
	    "kind, title, body, url, created_at, msg, vars) "
	    "VALUES (?, ?, ?, ?, ?, ?, NOW(), ?, ?)",
	[STMT_DOSSIER] = "SELECT d.code, p.name, d.status, "
	    "DATE_FORMAT(d.due_at, '%Y-%m-%d %H:%i:%s'), d.account_id, "
	    "COALESCE(NULLIF(d.applicant_email, ''), acc.email), "
	    "COALESCE(NULLIF(d.applicant_phone, ''), acc.phone), "
	    "d.applicant_name, a.name, "
	    "(SELECT e.note FROM dossier_events e WHERE e.dossier_id = d.id "
	    "ORDER BY e.id DESC LIMIT 1) FROM dossiers d "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "JOIN agencies a ON a.id = d.agency_id "
	    "LEFT JOIN accounts acc ON acc.id = d.account_id WHERE d.id = ?",
	[STMT_ACCOUNT] = "SELECT full_name, email FROM accounts WHERE id = ?",
	[STMT_UNREAD] = "SELECT COUNT(*) FROM notifications "
	    "WHERE account_id = ? AND read_at IS NULL",
	[STMT_LIST_UNREAD] = LIST_COLUMNS
	    "AND n.read_at IS NULL ORDER BY n.id DESC LIMIT ?",
	[STMT_LIST_READ] = LIST_COLUMNS
	    "AND n.read_at IS NOT NULL ORDER BY n.id DESC LIMIT ?",
	[STMT_MARK_ONE] = "UPDATE notifications SET read_at = NOW() "
	    "WHERE id = ? AND account_id = ? AND read_at IS NULL",
	[STMT_MARK_ALL] = "UPDATE notifications SET read_at = NOW() "
	    "WHERE account_id = ? AND read_at IS NULL AND id <= ?",
	/* Per agency (agencies first), from the inbox's index ranges. */
	[STMT_DUE] = "(SELECT STRAIGHT_JOIN d.id, d.holder_id, 'red' AS kind "
	    "FROM agencies ag JOIN dossiers d ON d.current_agency_id = ag.id "
	    "WHERE " DUE_RED "AND d.holder_id IS NOT NULL AND "
	    NOT_NOTIFIED("'red'") "LIMIT ?) UNION ALL "
	    "(SELECT STRAIGHT_JOIN d.id, d.holder_id, 'yellow' "
	    "FROM agencies ag JOIN dossiers d ON d.current_agency_id = ag.id "
	    "WHERE " DUE_YELLOW "AND d.holder_id IS NOT NULL AND "
	    NOT_NOTIFIED("'yellow'") "LIMIT ?)",
	/* The same, for one dossier, its row locked: one notice per worker. */
	[STMT_DUE_LOCK] = "SELECT d.id FROM dossiers d WHERE d.id = ? AND "
	    "d.holder_id = ? AND (? = 'red' AND " DUE_RED "OR "
	    "? = 'yellow' AND " DUE_YELLOW ") AND " NOT_NOTIFIED("?")
	    "FOR UPDATE",
};
/* clang-format on */

/* Columns of STMT_DOSSIER. */
enum {
	D_CODE,
	D_PROCEDURE,
	D_STATUS,
	D_DUE,
	D_ACCOUNT,
	D_EMAIL,
	D_PHONE,
	D_NAME,
	D_AGENCY,
	D_NOTE
};

/*
 * The events an applicant hears of (mc_dossier's action names) and the
 * channels besides the portal; an empty Sms text sends no SMS either.
 * Others get the generic text.
 */
static const struct event {
	const char *name;
	int	    email;
	int	    sms;
} events[] = {
	{ "submit", 1, 1 },
	{ "accept", 1, 1 },
	{ "refuse", 1, 1 },
	{ "request_completion", 1, 1 },
	{ "request_supplement", 1, 1 },
	{ "supplement", 1, 0 },
	{ "request_payment", 1, 1 },
	{ "confirm_payment", 1, 0 },
	{ "forward", 0, 0 },
	{ "approve", 0, 0 },
	{ "sign", 0, 0 },
	{ "decide", 1, 1 },
	{ "return", 1, 1 },
	{ "withdraw", 1, 1 },
	{ "stop", 1, 1 },
	{ "apology", 1, 1 },
}, generic_event = { "generic", 1, 0 };

/* Officer kinds and whether each is also e-mailed. */
static const struct officer_kind {
	const char *name;
	int	    email;
} officer_kinds[] = {
	{ "new_work", 0 },
	{ "reminder", 1 },
	{ "yellow", 0 },
	{ "red", 0 },
};

/* 1 if s is a name fit for an HDF path: [a-z_], 1-32 bytes. */
static int
name_ok(const char *s)
{
	size_t n = s ? strspn(s, "abcdefghijklmnopqrstuvwxyz_") : 0;

	return n > 0 && n <= 32 && s[n] == '\0';
}

/* s without trailing spaces and full stops (texts add their own), or NULL. */
static const char *
trim_end(struct mc_arena *a, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	while (n > 0 && strchr(" \t\r\n.", s[n - 1]) != NULL)
		n--;
	return s ? mc_arena_strndup(a, s, n) : NULL;
}

/* The site's address without a trailing slash, in the arena. */
static const char *
base_url(struct mc_arena *a)
{
	const char *u = mc_config_get("base_url", "http://127.0.0.1:8080");
	size_t	    n = strlen(u);

	while (n > 0 && u[n - 1] == '/')
		n--;
	return mc_arena_strndup(a, u, n);
}

/* ------------------------------------------------------------ writing */

int
mc_notify(struct mc_db *db, long long account_id, long long dossier_id,
    const char *kind, const char *title, const char *body, const char *url)
{
	if (account_id <= 0 || kind == NULL || title == NULL || body == NULL)
		return -1;
	return mc_db_exec(db, stmts[STMT_NOTIFY], "iIssssss", account_id,
		   dossier_id, kind, title, body, url, NULL, NULL) < 0 ?
	    -1 :
	    0;
}

/* A notification with what its text was made from (m->msg, m->vars). */
static int
notify_message(struct mc_db *db, long long account_id, long long dossier_id,
    const char *kind, const struct mc_notify_msg *m)
{
	return mc_db_exec(db, stmts[STMT_NOTIFY], "iIssssss", account_id,
		   dossier_id, kind, m->title, m->body, m->path, m->msg,
		   m->vars) < 0 ?
	    -1 :
	    0;
}

/* The dossier's facts as the 9 placeholders of its texts. */
static int
dossier_vars(struct mc_db *db, struct mc_arena *a, long long dossier_id,
    const char *link_prefix, struct mc_rows *d, struct mc_notify_var *vars,
    const char **path)
{
	const char *note, *due;
	char	    status[32], when[64];

	if (mc_notify_texts_load() < 0 ||
	    mc_db_query(db, a, d, stmts[STMT_DOSSIER], "i", dossier_id) < 0)
		return -1;
	if (d->n != 1) {
		/* Its own transaction wrote or changed it: the server ended
		 * that transaction (Galera, two writing nodes; chaos run). */
		mc_err("no dossier %lld", dossier_id);
		mc_db_tx_ended(db);
		return -1;
	}
	snprintf(status, sizeof(status), "Lang.Status.%lld",
	    mc_rows_int(d, 0, D_STATUS));
	note = trim_end(a, mc_rows_str(d, 0, D_NOTE));
	due = mc_rows_str(d, 0, D_DUE);
	*path = mc_arena_printf(a, "%s%s", link_prefix,
	    mc_rows_str(d, 0, D_CODE));
	vars[0] = (struct mc_notify_var){ "code", mc_rows_str(d, 0, D_CODE) };
	vars[1] = (struct mc_notify_var){ "procedure",
		mc_rows_str(d, 0, D_PROCEDURE) };
	vars[2] = (struct mc_notify_var){ "status",
		mc_notify_lang(status, "") };
	vars[3] = (struct mc_notify_var){ "due",
		due && *due ?
		    mc_arena_strdup(a,
			mc_fmt_datetime(LANG_VI, due, when, sizeof(when))) :
		    mc_notify_text("Missing", "Due") };
	vars[4] = (struct mc_notify_var){ "note",
		note && *note ? note : mc_notify_text("Missing", "Note") };
	vars[5] = (struct mc_notify_var){ "agency",
		mc_rows_str(d, 0, D_AGENCY) };
	vars[6] = (struct mc_notify_var){ "name", mc_rows_str(d, 0, D_NAME) };
	vars[7] = (struct mc_notify_var){ "url",
		mc_arena_printf(a, "%s%s", base_url(a), *path) };
	vars[8] = (struct mc_notify_var){ "applicant",
		mc_rows_str(d, 0, D_NAME) };
	return 0;
}

/*
 * The returned result's e-mail and SMS carry a single-use link to rate the
 * service (issue 10), issued in the same transaction.
 */
static int
rate_link(struct mc_db *db, struct mc_arena *a, long long dossier_id,
    struct mc_notify_msg *m)
{
	const char *url;

	if (mc_eval_invite(db, a, dossier_id, time(NULL), &url) < 0)
		return -1;
	m->email = mc_arena_printf(a, "%s\n\n%s\n%s\n", m->email,
	    mc_notify_text("Rate", "Email"), url);
	if (*m->sms != '\0')
		m->sms = mc_arena_printf(a, "%s %s %s", m->sms,
		    mc_notify_text("Rate", "Sms"), url);
	return 0;
}

int
mc_notify_dossier_event(struct mc_db *db, struct mc_arena *a,
    long long dossier_id, const char *event)
{
	const struct event  *ev = &generic_event;
	struct mc_rows	     d;
	struct mc_notify_var vars[9];
	struct mc_notify_msg m;
	const char	    *email, *phone;
	long long	     account;
	size_t		     i;

	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (event != NULL && strcmp(event, events[i].name) == 0)
			ev = &events[i];
	if (dossier_vars(db, a, dossier_id, "/dich-vu/ho-so/", &d, vars,
		&m.path) < 0 ||
	    mc_notify_compose(a, ev->name, vars, 9, 1, &m) < 0)
		return -1;
	m.msg = ev->name;
	if (strcmp(ev->name, "return") == 0 &&
	    rate_link(db, a, dossier_id, &m) < 0)
		return -1;
	m.vars = mc_notify_vars_json(a, vars, 9, mc_rows_str(&d, 0, D_STATUS),
	    mc_rows_str(&d, 0, D_DUE),
	    trim_end(a, mc_rows_str(&d, 0, D_NOTE)));
	account = mc_rows_int(&d, 0, D_ACCOUNT);
	email = mc_rows_str(&d, 0, D_EMAIL);
	phone = mc_rows_str(&d, 0, D_PHONE);
	if (account > 0 &&
	    notify_message(db, account, dossier_id,
		name_ok(event) ? event : "generic", &m) < 0)
		return -1;
	if (ev->email && email != NULL && *email != '\0' &&
	    mc_outbox_email(db, email, m.title, m.email, dossier_id) < 0)
		return -1;
	if (ev->sms && *m.sms != '\0' && phone != NULL && *phone != '\0' &&
	    mc_outbox_sms(db, phone, m.sms, dossier_id) < 0)
		return -1;
	return 0;
}

int
mc_notify_officer(struct mc_db *db, struct mc_arena *a, long long account_id,
    long long dossier_id, const char *kind, const char *note)
{
	const struct officer_kind *k = NULL;
	struct mc_rows		   d, acc;
	struct mc_notify_var	   vars[9];
	struct mc_notify_msg	   m;
	const char		  *email;
	size_t			   i;

	for (i = 0; i < sizeof(officer_kinds) / sizeof(officer_kinds[0]); i++)
		if (kind != NULL && strcmp(kind, officer_kinds[i].name) == 0)
			k = &officer_kinds[i];
	if (dossier_vars(db, a, dossier_id, "/can-bo/ho-so/", &d, vars,
		&m.path) < 0 ||
	    mc_db_query(db, a, &acc, stmts[STMT_ACCOUNT], "i", account_id) < 0)
		return -1;
	if (acc.n != 1) {
		mc_err("no account %lld", account_id);
		return -1;
	}
	/* The officer is addressed, and the note is the caller's. */
	vars[6].value = mc_rows_str(&acc, 0, 0);
	note = trim_end(a, note);
	vars[4].value = note && *note ? note :
					mc_notify_text("Missing", "Note");
	m.msg = k ? mc_arena_printf(a, "Officer.%s", k->name) :
		    "Officer.generic";
	if (mc_notify_compose(a, m.msg, vars, 9, 1, &m) < 0)
		return -1;
	m.vars = mc_notify_vars_json(a, vars, 9, mc_rows_str(&d, 0, D_STATUS),
	    mc_rows_str(&d, 0, D_DUE), note);
	if (notify_message(db, account_id, dossier_id,
		name_ok(kind) ? kind : "generic", &m) < 0)
		return -1;
	email = mc_rows_str(&acc, 0, 1);
	if (k != NULL && k->email && email != NULL && *email != '\0' &&
	    mc_outbox_email(db, email, m.title, m.email, dossier_id) < 0)
		return -1;
	return 0;
}

int
mc_notify_draft(struct mc_db *db, struct mc_arena *a, long long account_id,
    const char *name, const char *email, const char *procedure,
    const char *expires, const char *path)
{
	struct mc_notify_var vars[4];
	struct mc_notify_msg m;
	char		     when[64];

	if (mc_notify_texts_load() < 0 || account_id <= 0 || expires == NULL)
		return -1;
	vars[0] = (struct mc_notify_var){ "procedure",
		procedure ? procedure : "" };
	vars[1] = (struct mc_notify_var){ "due",
		mc_arena_strdup(a,
		    mc_fmt_datetime(LANG_VI, expires, when, sizeof(when))) };
	vars[2] = (struct mc_notify_var){ "url",
		mc_arena_printf(a, "%s%s", base_url(a), path) };
	vars[3] = (struct mc_notify_var){ "name", name ? name : "" };
	if (mc_notify_compose(a, "Draft.expiring", vars, 4, 0, &m) < 0)
		return -1;
	m.msg = "Draft.expiring";
	m.path = path;
	m.vars = mc_notify_vars_json(a, vars, 4, "", expires, "");
	if (notify_message(db, account_id, 0, "draft_expiring", &m) < 0)
		return -1;
	if (email != NULL && *email != '\0' &&
	    mc_outbox_email(db, email, m.title, m.email, 0) < 0)
		return -1;
	return 0;
}

/*
 * One candidate of the colour scan, in a transaction that locks the
 * dossier and checks again, so that two workers never both notify. 1 done,
 * 0 not needed any more, -1 error.
 */
static int
notify_due_one(struct mc_db *db, struct mc_arena *a, long long dossier,
    long long holder, const char *kind, const char *at)
{
	struct mc_rows rows;

	if (mc_db_begin(db) < 0)
		return -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_DUE_LOCK], "iissssss",
		dossier, holder, kind, at, kind, at, at, kind) < 0)
		goto fail;
	if (rows.n == 1 &&
	    mc_notify_officer(db, a, holder, dossier, kind, NULL) < 0)
		goto fail;
	if (mc_db_commit(db) < 0)
		return -1;
	return rows.n == 1;
fail:
	mc_db_rollback(db);
	return -1;
}

long long
mc_notify_due_scan(struct mc_db *db, struct mc_arena *a, time_t now,
    size_t max)
{
	struct mc_rows rows;
	char	       at[20];
	long long      done = 0;
	size_t	       i;
	int	       rc;

	mc_time_sql(at, now);
	if (mc_db_query(db, a, &rows, stmts[STMT_DUE], "sissi", at,
		(long long)max, at, at, (long long)max) < 0)
		return -1;
	for (i = 0; i < rows.n; i++) {
		if ((rc = notify_due_one(db, a, mc_rows_int(&rows, i, 0),
			 mc_rows_int(&rows, i, 1), mc_rows_str(&rows, i, 2),
			 at)) < 0)
			return -1;
		done += rc;
	}
	return done;
}

/* ------------------------------------------------------------ reading */

long long
mc_notify_unread(struct mc_db *db, long long account_id)
{
	struct mc_rows	 rows;
	struct mc_arena *a;
	long long	 n = -1;

	if ((a = mc_arena_new(1024)) == NULL)
		return -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_UNREAD], "i", account_id) ==
		0 &&
	    rows.n == 1)
		n = mc_rows_int(&rows, 0, 0);
	mc_arena_free(a);
	return n;
}

int
mc_notify_list(struct mc_db *db, struct mc_arena *a, long long account_id,
    size_t limit, struct mc_rows *unread, struct mc_rows *read)
{
	if (mc_db_query(db, a, unread, stmts[STMT_LIST_UNREAD], "ii",
		account_id, (long long)limit) < 0 ||
	    mc_db_query(db, a, read, stmts[STMT_LIST_READ], "ii", account_id,
		(long long)limit) < 0)
		return -1;
	return 0;
}

long long
mc_notify_mark_read(struct mc_db *db, long long account_id, long long id,
    long long upto)
{
	if (id > 0)
		return mc_db_exec(db, stmts[STMT_MARK_ONE], "ii", id,
		    account_id);
	return mc_db_exec(db, stmts[STMT_MARK_ALL], "ii", account_id,
	    upto > 0 ? upto : (long long)(~0ULL >> 1));
}
