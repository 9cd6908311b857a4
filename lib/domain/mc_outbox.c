/*
 * Notifications and the outbox: rows written inside the caller's
 * transaction (in-app notifications, e-mails and SMS to deliver, Vietnamese
 * texts from Lang.Notify.*), and the worker's side: claiming due rows,
 * recording outcomes, and the RFC 5322 and gateway JSON wire formats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eval.h"
#include "mc_fmt.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_texts.h"
#include "mc_util.h"

#define TEXT_MAX  (64 * 1024) /* a rendered text (TEXT column) */
#define TITLE_MAX 1000	      /* bytes: subject, title */
#define ERROR_MAX 500

enum stmt {
	STMT_EMAIL,
	STMT_SMS,
	STMT_NOTIFY,
	STMT_DOSSIER,
	STMT_ACCOUNT,
	STMT_UNREAD,
	STMT_LIST_UNREAD,
	STMT_LIST_READ,
	STMT_MARK_ONE,
	STMT_MARK_ALL,
	STMT_CLAIM,
	STMT_CLAIM_ONE,
	STMT_SENT,
	STMT_SENT_LATE,
	STMT_RETRY,
	STMT_RELEASE,
	STMT_STUCK,
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
	[STMT_EMAIL] = "INSERT INTO outbox (channel, recipient, subject, body, "
	    "dossier_id, created_at, next_attempt_at) "
	    "VALUES ('email', ?, ?, ?, ?, NOW(), NOW())",
	[STMT_SMS] = "INSERT INTO outbox (channel, recipient, body, "
	    "dossier_id, created_at, next_attempt_at) "
	    "VALUES ('sms', ?, ?, ?, NOW(), NOW())",
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
	/* One row, in its own transaction (mc_outbox_claim_one). */
	[STMT_CLAIM] = "SELECT id, channel, recipient, subject, body, attempts, "
	    "UNIX_TIMESTAMP(created_at), unknown_outcomes FROM outbox "
	    "WHERE status = 'pending' AND next_attempt_at <= ? "
	    "ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
	[STMT_CLAIM_ONE] = "UPDATE outbox SET status = 'sending', "
	    "claimed_at = NOW(), claim_token = ?, "
	    "claim_until = NOW(6) + INTERVAL ? SECOND WHERE id = ?",
	/* Outcomes: only by the holder of the row's current token. */
	[STMT_SENT] = "UPDATE outbox SET status = 'sent', sent_at = NOW(), "
	    "attempts = GREATEST(attempts, ?), last_error = NULL, "
	    "claim_until = NULL WHERE id = ? AND claim_token = ? AND "
	    "status = 'sending'",
	/* A delivery recorded after its deadline put the row back: still
	 * ours while nobody has claimed it again (the token is kept). */
	[STMT_SENT_LATE] = "UPDATE outbox SET status = 'sent', "
	    "sent_at = NOW(), last_error = NULL, claim_until = NULL "
	    "WHERE id = ? AND claim_token = ? AND status = 'pending'",
	[STMT_RETRY] = "UPDATE outbox SET status = ?, attempts = ?, "
	    "last_error = ?, claim_until = NULL, next_attempt_at = "
	    "DATE_ADD(NOW(), INTERVAL ? SECOND) WHERE id = ? AND "
	    "claim_token = ? AND status = 'sending'",
	[STMT_RELEASE] = "UPDATE outbox SET status = 'pending', "
	    "next_attempt_at = NOW(), claim_token = NULL, claim_until = NULL "
	    "WHERE id = ? AND claim_token = ? AND status = 'sending'",
	/* Attempts that have certainly ended without an outcome recorded
	 * (rows claimed before migration 0026 have no deadline: minutes). */
	[STMT_STUCK] = "UPDATE outbox SET status = 'pending', "
	    "next_attempt_at = GREATEST(next_attempt_at, NOW()), "
	    "attempts = attempts + 1, "
	    "unknown_outcomes = unknown_outcomes + 1, claim_until = NULL, "
	    "last_error = 'outcome unknown: the worker that sent it stopped "
	    "before recording it' WHERE status = 'sending' AND "
	    "(claim_until < NOW(6) OR claim_until IS NULL AND "
	    "claimed_at < DATE_SUB(NOW(), INTERVAL ? SECOND))",
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

/* The Vietnamese texts: vi.hdf (status names) and notify.vi.hdf. */
static struct mc_texts *texts;

/* ------------------------------------------------------------ texts */

static int
texts_load(void)
{
	const char *dir = mc_config_get("templates_dir", "templates");
	const char *files[] = { "vi.hdf", "notify.vi.hdf" };
	char	    path[2][4096];
	const char *paths[2];
	size_t	    i;

	if (texts != NULL)
		return 0;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path[i], sizeof(path[i]), "%s/lang/%s", dir,
		    files[i]);
		paths[i] = path[i];
	}
	return (texts = mc_texts_load(paths, 2)) == NULL ? -1 : 0;
}

void
mc_outbox_free(void)
{
	mc_texts_free(texts);
	texts = NULL;
}

/* 1 if s is a name fit for an HDF path: [a-z_], 1-32 bytes. */
static int
name_ok(const char *s)
{
	size_t n = s ? strspn(s, "abcdefghijklmnopqrstuvwxyz_") : 0;

	return n > 0 && n <= 32 && s[n] == '\0';
}

/* Lang.Notify.<group>.<part>, or "" when missing. */
static const char *
text(const char *group, const char *part)
{
	char path[128];

	snprintf(path, sizeof(path), "Lang.Notify.%s.%s", group, part);
	return mc_texts_get(texts, path, "");
}

/* A placeholder and its value. */
struct var {
	const char *name;
	const char *value;
};

/*
 * Copies tmpl into the arena with each {name} of vars replaced by its
 * value; other braces are kept. NULL when the result would be too long.
 */
static const char *
render(struct mc_arena *a, const char *tmpl, const struct var *vars,
    size_t nvars)
{
	struct buf  b;
	const char *p, *end, *out = NULL;
	size_t	    i, n;
	int	    rc = 0;

	mc_buf_init(&b, TEXT_MAX);
	for (p = tmpl; *p != '\0' && rc == 0; p++) {
		if (*p == '{' && (end = strchr(p, '}')) != NULL) {
			n = (size_t)(end - p - 1);
			for (i = 0; i < nvars; i++)
				if (strlen(vars[i].name) == n &&
				    strncmp(vars[i].name, p + 1, n) == 0)
					break;
			if (i < nvars) {
				rc = mc_buf_adds(&b,
				    vars[i].value ? vars[i].value : "");
				p = end;
				continue;
			}
		}
		rc = mc_buf_addc(&b, *p);
	}
	if (rc == 0)
		out = mc_arena_strndup(a, b.s, b.len);
	else
		mc_err("text too long: %.40s", tmpl);
	mc_buf_free(&b);
	return out;
}

/* s cut to at most max bytes on a character boundary (arena copy if cut). */
static const char *
cut(struct mc_arena *a, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return s;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return mc_arena_strndup(a, s, n);
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

/* The rendered texts of one message. */
struct message {
	const char *title; /* subject and notification title */
	const char *body;  /* notification body, e-mail paragraph */
	const char *email; /* the whole e-mail body */
	const char *sms;
	const char *path; /* local link */
	const char *msg;  /* the texts' group, e.g. accept */
	const char *vars; /* the placeholders as JSON */
};

/* Renders group's Subject, Body, Sms and the e-mail around the body. */
static int
compose(struct mc_arena *a, const char *group, const struct var *vars,
    size_t nvars, struct message *m)
{
	const char *greet, *link, *foot;

	m->title = render(a, text(group, "Subject"), vars, nvars);
	m->body = render(a, text(group, "Body"), vars, nvars);
	m->sms = render(a, text(group, "Sms"), vars, nvars);
	greet = render(a, text("Email", "Greeting"), vars, nvars);
	link = render(a, text("Email", "Link"), vars, nvars);
	foot = text("Email", "Footer");
	if (m->title == NULL || m->body == NULL || m->sms == NULL ||
	    greet == NULL || link == NULL)
		return -1;
	m->title = cut(a, m->title, TITLE_MAX);
	m->email = mc_arena_printf(a, "%s\n\n%s\n\n%s\n\n-- \n%s", greet,
	    m->body, link, foot);
	if (strlen(m->email) >= TEXT_MAX || *m->title == '\0') {
		mc_err("no or too long text for %s", group);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ writing */

int
mc_outbox_email(struct mc_db *db, const char *to, const char *subject,
    const char *body, long long dossier_id)
{
	if (to == NULL || *to == '\0' || subject == NULL || body == NULL)
		return -1;
	return mc_db_exec(db, stmts[STMT_EMAIL], "sssI", to, subject, body,
		   dossier_id) < 0 ?
	    -1 :
	    0;
}

int
mc_outbox_sms(struct mc_db *db, const char *phone, const char *body,
    long long dossier_id)
{
	if (phone == NULL || *phone == '\0' || body == NULL)
		return -1;
	return mc_db_exec(db, stmts[STMT_SMS], "ssI", phone, body,
		   dossier_id) < 0 ?
	    -1 :
	    0;
}

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
    const char *kind, const struct message *m)
{
	return mc_db_exec(db, stmts[STMT_NOTIFY], "iIssssss", account_id,
		   dossier_id, kind, m->title, m->body, m->path, m->msg,
		   m->vars) < 0 ?
	    -1 :
	    0;
}

/*
 * The placeholders as a JSON object, with status, due and note as the
 * database has them (a status number, an ISO time, the note or "") so
 * that another language can write them its own way.
 */
static const char *
vars_json(struct mc_arena *a, const struct var *vars, size_t n,
    const char *status, const char *due, const char *note)
{
	json_t	   *o;
	char	   *txt;
	const char *v, *out = NULL;
	size_t	    i;

	if ((o = json_object()) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		v = vars[i].value;
		if (strcmp(vars[i].name, "status") == 0)
			v = status;
		else if (strcmp(vars[i].name, "due") == 0)
			v = due;
		else if (strcmp(vars[i].name, "note") == 0)
			v = note;
		json_object_set_new(o, vars[i].name, json_string(v ? v : ""));
	}
	if ((txt = json_dumps(o, JSON_COMPACT)) != NULL) {
		out = mc_arena_strdup(a, txt);
		free(txt);
	}
	json_decref(o);
	return out;
}

/* 1 if s names a group of texts: [A-Za-z_.], 1-48 bytes. */
static int
msg_ok(const char *s)
{
	size_t n = s ? strspn(s,
			   "abcdefghijklmnopqrstuvwxyz"
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZ_.") :
		       0;

	return n > 0 && n <= 48 && s[n] == '\0';
}

int
mc_notify_localize(struct mc_arena *a, mc_text_fn get, void *ctx,
    enum mc_lang l, const char *msg, const char *vars, const char **title,
    const char **body)
{
	static const char *const names[] = { "code", "procedure", "status",
		"due", "note", "agency", "name", "url", "applicant" };
	struct var		 v[sizeof(names) / sizeof(names[0])];
	json_t			*o;
	json_error_t		 jerr;
	const char		*s, *t, *b;
	char			 path[128], when[64];
	size_t			 i;

	if (!msg_ok(msg) || vars == NULL ||
	    (o = json_loads(vars, 0, &jerr)) == NULL)
		return -1;
	if (!json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		s = json_string_value(json_object_get(o, names[i]));
		v[i] = (struct var){ names[i],
			mc_arena_strdup(a, s ? s : "") };
	}
	json_decref(o);
	snprintf(path, sizeof(path), "Lang.Status.%s", v[2].value);
	v[2].value = get(ctx, path, v[2].value);
	v[3].value = *v[3].value == '\0' ?
	    get(ctx, "Lang.Notify.Missing.Due", "") :
	    mc_arena_strdup(a,
		mc_fmt_datetime(l, v[3].value, when, sizeof(when)));
	if (*v[4].value == '\0')
		v[4].value = get(ctx, "Lang.Notify.Missing.Note", "");
	snprintf(path, sizeof(path), "Lang.Notify.%s.Subject", msg);
	t = get(ctx, path, NULL);
	snprintf(path, sizeof(path), "Lang.Notify.%s.Body", msg);
	b = get(ctx, path, NULL);
	if (t == NULL || b == NULL ||
	    (t = render(a, t, v, sizeof(v) / sizeof(v[0]))) == NULL ||
	    (b = render(a, b, v, sizeof(v) / sizeof(v[0]))) == NULL)
		return -1;
	*title = cut(a, t, TITLE_MAX);
	*body = b;
	return 0;
}

/* The dossier's facts as the 9 placeholders of its texts. */
static int
dossier_vars(struct mc_db *db, struct mc_arena *a, long long dossier_id,
    const char *link_prefix, struct mc_rows *d, struct var *vars,
    const char **path)
{
	const char *note, *due;
	char	    status[32], when[64];

	if (texts_load() < 0 ||
	    mc_db_query(db, a, d, stmts[STMT_DOSSIER], "i", dossier_id) < 0)
		return -1;
	if (d->n != 1) {
		mc_err("no dossier %lld", dossier_id);
		return -1;
	}
	snprintf(status, sizeof(status), "Lang.Status.%lld",
	    mc_rows_int(d, 0, D_STATUS));
	note = trim_end(a, mc_rows_str(d, 0, D_NOTE));
	due = mc_rows_str(d, 0, D_DUE);
	*path = mc_arena_printf(a, "%s%s", link_prefix,
	    mc_rows_str(d, 0, D_CODE));
	vars[0] = (struct var){ "code", mc_rows_str(d, 0, D_CODE) };
	vars[1] = (struct var){ "procedure", mc_rows_str(d, 0, D_PROCEDURE) };
	vars[2] = (struct var){ "status", mc_texts_get(texts, status, "") };
	vars[3] = (struct var){ "due",
		due && *due ?
		    mc_arena_strdup(a,
			mc_fmt_datetime(LANG_VI, due, when, sizeof(when))) :
		    text("Missing", "Due") };
	vars[4] = (struct var){ "note",
		note && *note ? note : text("Missing", "Note") };
	vars[5] = (struct var){ "agency", mc_rows_str(d, 0, D_AGENCY) };
	vars[6] = (struct var){ "name", mc_rows_str(d, 0, D_NAME) };
	vars[7] = (struct var){ "url",
		mc_arena_printf(a, "%s%s", base_url(a), *path) };
	vars[8] = (struct var){ "applicant", mc_rows_str(d, 0, D_NAME) };
	return 0;
}

/*
 * The returned result's e-mail and SMS carry a single-use link to rate the
 * service (issue 10), issued in the same transaction.
 */
static int
rate_link(struct mc_db *db, struct mc_arena *a, long long dossier_id,
    struct message *m)
{
	const char *url;

	if (mc_eval_invite(db, a, dossier_id, time(NULL), &url) < 0)
		return -1;
	m->email = mc_arena_printf(a, "%s\n\n%s\n%s\n", m->email,
	    text("Rate", "Email"), url);
	if (*m->sms != '\0')
		m->sms = mc_arena_printf(a, "%s %s %s", m->sms,
		    text("Rate", "Sms"), url);
	return 0;
}

int
mc_notify_dossier_event(struct mc_db *db, struct mc_arena *a,
    long long dossier_id, const char *event)
{
	const struct event *ev = &generic_event;
	struct mc_rows	    d;
	struct var	    vars[9];
	struct message	    m;
	const char	   *email, *phone;
	long long	    account;
	size_t		    i;

	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (event != NULL && strcmp(event, events[i].name) == 0)
			ev = &events[i];
	if (dossier_vars(db, a, dossier_id, "/dich-vu/ho-so/", &d, vars,
		&m.path) < 0 ||
	    compose(a, ev->name, vars, 9, &m) < 0)
		return -1;
	m.msg = ev->name;
	if (strcmp(ev->name, "return") == 0 &&
	    rate_link(db, a, dossier_id, &m) < 0)
		return -1;
	m.vars = vars_json(a, vars, 9, mc_rows_str(&d, 0, D_STATUS),
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
	struct var		   vars[9];
	struct message		   m;
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
	vars[4].value = note && *note ? note : text("Missing", "Note");
	m.msg = k ? mc_arena_printf(a, "Officer.%s", k->name) :
		    "Officer.generic";
	if (compose(a, m.msg, vars, 9, &m) < 0)
		return -1;
	m.vars = vars_json(a, vars, 9, mc_rows_str(&d, 0, D_STATUS),
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
	struct var     vars[4];
	struct message m;
	const char    *greet, *foot;
	char	       when[64];

	if (texts_load() < 0 || account_id <= 0 || expires == NULL)
		return -1;
	vars[0] = (struct var){ "procedure", procedure ? procedure : "" };
	vars[1] = (struct var){ "due",
		mc_arena_strdup(a,
		    mc_fmt_datetime(LANG_VI, expires, when, sizeof(when))) };
	vars[2] = (struct var){ "url",
		mc_arena_printf(a, "%s%s", base_url(a), path) };
	vars[3] = (struct var){ "name", name ? name : "" };
	m.msg = "Draft.expiring";
	m.path = path;
	m.title = render(a, text("Draft.expiring", "Subject"), vars, 4);
	m.body = render(a, text("Draft.expiring", "Body"), vars, 4);
	greet = render(a, text("Email", "Greeting"), vars, 4);
	foot = text("Email", "Footer");
	if (m.title == NULL || m.body == NULL || greet == NULL ||
	    *m.title == '\0') {
		mc_err("no text for Draft.expiring");
		return -1;
	}
	m.title = cut(a, m.title, TITLE_MAX);
	m.email = mc_arena_printf(a, "%s\n\n%s\n\n-- \n%s", greet, m.body,
	    foot);
	m.vars = vars_json(a, vars, 4, "", expires, "");
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

/* ------------------------------------------------------------ delivering */

int
mc_outbox_claim_one(struct mc_db *db, struct mc_arena *a, time_t now,
    long hold_s, struct mc_outbox_msg *m)
{
	struct mc_rows rows;
	unsigned char  rnd[16];
	char	       at[20];

	memset(m, 0, sizeof(*m));
	if (mc_random(rnd, sizeof(rnd)) < 0)
		return -1;
	mc_hex(m->token, rnd, sizeof(rnd));
	mc_time_sql(at, now);
	if (mc_db_begin(db) < 0)
		return -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_CLAIM], "s", at) < 0)
		goto fail;
	if (rows.n == 0) {
		mc_db_rollback(db);
		return 0;
	}
	m->id = mc_rows_int(&rows, 0, 0);
	m->sms = strcmp(mc_rows_str(&rows, 0, 1), "sms") == 0;
	m->recipient = mc_rows_str(&rows, 0, 2);
	m->subject = mc_rows_str(&rows, 0, 3);
	m->body = mc_rows_str(&rows, 0, 4);
	m->attempts = (int)mc_rows_int(&rows, 0, 5);
	m->created = (time_t)mc_rows_int(&rows, 0, 6);
	m->unknown = (int)mc_rows_int(&rows, 0, 7);
	if (mc_db_exec(db, stmts[STMT_CLAIM_ONE], "sii", m->token,
		(long long)(hold_s > 0 ? hold_s : 1), m->id) != 1)
		goto fail;
	if (mc_db_commit(db) < 0)
		return -1;
	return 1;
fail:
	mc_db_rollback(db);
	return -1;
}

int
mc_outbox_claim(struct mc_db *db, struct mc_arena *a, time_t now, size_t max,
    struct mc_outbox_msg **out, size_t *n)
{
	struct mc_outbox_msg *m;
	long		      hold;
	int		      rc = 0;

	*out = NULL;
	*n = 0;
	hold = (long)mc_config_int("outbox_timeout_seconds", 30, 1, 300) +
	    MC_OUTBOX_CLAIM_MARGIN;
	m = mc_arena_alloc(a, (max + 1) * sizeof(*m));
	while (*n < max &&
	    (rc = mc_outbox_claim_one(db, a, now, hold, &m[*n])) == 1)
		(*n)++;
	*out = m;
	return rc < 0 && *n == 0 ? -1 : 0;
}

int
mc_outbox_sent(struct mc_db *db, const struct mc_outbox_msg *m)
{
	long long n;

	n = mc_db_exec(db, stmts[STMT_SENT], "iis", (long long)m->attempts + 1,
	    m->id, m->token);
	if (n == 0)
		n = mc_db_exec(db, stmts[STMT_SENT_LATE], "is", m->id,
		    m->token);
	if (n == 0)
		mc_warn("outbox %lld was claimed again before its delivery "
			"was recorded: it may go out twice",
		    m->id);
	return n < 0 ? -1 : 0;
}

int
mc_outbox_retry(struct mc_db *db, const struct mc_outbox_msg *m,
    const char *error, long delay_s, int max_attempts, int permanent)
{
	struct mc_arena *a;
	int		 attempts = m->attempts + 1, rc;

	if ((a = mc_arena_new(1024)) == NULL)
		return -1;
	rc = mc_db_exec(db, stmts[STMT_RETRY], "sisiis",
		 permanent || attempts >= max_attempts ? "failed" : "pending",
		 (long long)attempts, cut(a, error ? error : "", ERROR_MAX),
		 (long long)(delay_s > 0 ? delay_s : 0), m->id, m->token) < 0 ?
	    -1 :
	    0;
	mc_arena_free(a);
	return rc;
}

int
mc_outbox_release(struct mc_db *db, const struct mc_outbox_msg *m)
{
	return mc_db_exec(db, stmts[STMT_RELEASE], "is", m->id, m->token) < 0 ?
	    -1 :
	    0;
}

long long
mc_outbox_requeue_stuck(struct mc_db *db, long minutes)
{
	return mc_db_exec(db, stmts[STMT_STUCK], "i", (long long)minutes * 60);
}

long
mc_outbox_backoff(long base, long cap, int attempts)
{
	long d = base > 0 ? base : 1;

	if (cap < d)
		return cap > 0 ? cap : d;
	while (--attempts > 0 && d < cap)
		d = d > cap / 2 ? cap : d * 2;
	return d;
}

/* ------------------------------------------------------------ wire formats */

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Appends base64 of n bytes; a CRLF after every wrap characters (0: none). */
static int
add_base64(struct buf *b, const unsigned char *p, size_t n, size_t wrap)
{
	char   q[4];
	size_t i, col = 0;
	int    rc = 0;

	for (i = 0; i < n && rc == 0; i += 3) {
		unsigned int v = (unsigned int)p[i] << 16;

		if (i + 1 < n)
			v |= (unsigned int)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = b64chars[(v >> 18) & 63];
		q[1] = b64chars[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64chars[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64chars[v & 63] : '=';
		rc = mc_buf_add(b, q, 4);
		col += 4;
		if (wrap > 0 && col >= wrap && i + 3 < n && rc == 0) {
			rc = mc_buf_adds(b, "\r\n");
			col = 0;
		}
	}
	return rc;
}

/*
 * Appends s as RFC 2047 encoded words (UTF-8, base64), each short enough
 * for a folded header line and never splitting a character; words are
 * joined by CRLF SP.
 */
static int
add_encoded_words(struct buf *b, const char *s)
{
	const size_t chunk = 39; /* 52 base64 characters a word */
	size_t	     n, len = strlen(s);
	int	     rc = 0;

	while (rc == 0) {
		n = len < chunk ? len : chunk;
		while (
		    n < len && n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		rc |= mc_buf_adds(b, "=?UTF-8?B?");
		rc |= add_base64(b, (const unsigned char *)s, n, 0);
		rc |= mc_buf_adds(b, "?=");
		s += n;
		len -= n;
		if (len == 0)
			break;
		rc |= mc_buf_adds(b, "\r\n ");
	}
	return rc;
}

int
mc_outbox_address_ok(const char *s)
{
	const char *at, *p;
	size_t	    n = s ? strlen(s) : 0;

	if (n < 3 || n > 254)
		return 0;
	for (p = s; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("<>()[]\\,;:\"", *p))
			return 0;
	at = strchr(s, '@');
	return at != NULL && at > s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL;
}

int
mc_outbox_message(struct buf *b, const struct mc_outbox_msg *m,
    const char *from, const char *from_name)
{
	struct buf  body;
	struct tm   tm;
	char	    date[64];
	const char *p;
	size_t	    start = b->len;
	int	    rc = 0;

	if (!mc_outbox_address_ok(m->recipient) || !mc_outbox_address_ok(from))
		return -1;
	localtime_r(&m->created, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S %z", &tm);
	rc |= mc_buf_addf(b, "Date: %s\r\nFrom: ", date);
	if (from_name != NULL && *from_name != '\0') {
		rc |= add_encoded_words(b, from_name);
		rc |= mc_buf_addc(b, ' ');
	}
	rc |= mc_buf_addf(b, "<%s>\r\nTo: <%s>\r\nSubject: ", from,
	    m->recipient);
	rc |= add_encoded_words(b, m->subject ? m->subject : "");
	rc |= mc_buf_addf(b,
	    "\r\nMessage-ID: <outbox-%lld@motcua>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "Auto-Submitted: auto-generated\r\n\r\n",
	    m->id);
	/* The body in canonical form (CRLF line ends), then base64. */
	mc_buf_init(&body, TEXT_MAX * 2);
	for (p = m->body; *p != '\0' && rc == 0; p++) {
		if (*p == '\n' && (p == m->body || p[-1] != '\r'))
			rc |= mc_buf_addc(&body, '\r');
		rc |= mc_buf_addc(&body, *p);
	}
	rc |= add_base64(b, (const unsigned char *)body.s, body.len, 76);
	rc |= mc_buf_adds(b, "\r\n");
	mc_buf_free(&body);
	if (rc != 0) {
		b->len = start;
		if (b->cap > 0)
			b->s[start] = '\0';
		return -1;
	}
	return 0;
}

int
mc_outbox_sms_json(struct buf *b, const struct mc_outbox_msg *m)
{
	int rc = 0;

	rc |= mc_buf_adds(b, "{\"to\": ");
	rc |= mc_buf_add_json(b, m->recipient);
	rc |= mc_buf_adds(b, ", \"text\": ");
	rc |= mc_buf_add_json(b, m->body);
	rc |= mc_buf_addf(b, ", \"id\": %lld}", m->id);
	return rc == 0 ? 0 : -1;
}
