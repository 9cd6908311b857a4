/*
 * Feedback and complaints: routing, deadlines, the small state machine
 * (open, answered, resolved; reopen), each change one transaction with its
 * event and notifications; lists, statistics and the published answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_buf.h"
#include "mc_calendar.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_feedback.h"
#include "mc_files.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_phonecode.h"
#include "mc_texts.h"
#include "mc_util.h"

#define FB_DAY_MINUTES 480 /* a working day is 8 hours (DOMAIN.md) */

enum stmt {
	STMT_INSERT,
	STMT_SET_CODE,
	STMT_PHOTO,
	STMT_BLOB,
	STMT_EVENT,
	STMT_GET,
	STMT_LOCK,
	STMT_PHOTOS,
	STMT_EVENTS,
	STMT_ANSWER,
	STMT_RESOLVE,
	STMT_REOPEN,
	STMT_AGENCY_BY_CODE,
	STMT_WARD_AGENCY,
	STMT_CITY,
	STMT_NOTIFY,
	STMT_MINE,
	STMT_AGENCY,
	STMT_DOSSIER,
	STMT_MARKS,
	STMT__MAX
};

/* The columns of STMT_GET. */
enum get_col {
	G_ID,
	G_CODE,
	G_ACCOUNT,
	G_DOSSIER,
	G_DOSSIER_CODE,
	G_AGENCY,
	G_AGENCY_PARENT,
	G_AGENCY_NAME,
	G_CATEGORY,
	G_WARD,
	G_WARD_NAME,
	G_BODY,
	G_PUBLISH,
	G_STATUS,
	G_CREATED,
	G_DUE,
	G_ANSWER,
	G_ANSWERED,
	G_FOUNDED,
	G_ANSWERS,
	G_LATE,
	G_REOPENED,
	G_RESOLVED,
	G_NAME,
	G_EMAIL,
	G_ROUND,
	G_PHONE,
	G__MAX
};

/* clang-format off */
#define LIST_SELECT "SELECT f.code, f.status, f.category, " \
	"f.created_at, f.due_at, d.code AS dossier_code, ag.name AS agency, " \
	"f.reopened, COALESCE(a.full_name, f.phone) AS name, f.answered_at, " \
	"f.round_at FROM feedback f " \
	"JOIN agencies ag ON ag.id = f.agency_id " \
	"LEFT JOIN accounts a ON a.id = f.account_id " \
	"LEFT JOIN dossiers d ON d.id = f.dossier_id "

static const char *const stmts[STMT__MAX] = {
	[STMT_INSERT] = "INSERT INTO feedback (code, account_id, phone, "
	    "dossier_id, agency_id, category, ward_code, body, publish, "
	    "status, created_at, due_at, round_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
	[STMT_SET_CODE] = "UPDATE feedback SET code = ? WHERE id = ?",
	[STMT_PHOTO] = "INSERT INTO feedback_photos (feedback_id, seq, sha256, "
	    "filename) VALUES (?, ?, ?, ?)",
	[STMT_BLOB] = "INSERT IGNORE INTO attachments (sha256, size, mime, "
	    "created_at, key_id) VALUES (?, ?, ?, ?, ?)",
	[STMT_EVENT] = "INSERT INTO feedback_events (feedback_id, at, "
	    "actor_id, action, note, founded) VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_GET] = "SELECT f.id, f.code, f.account_id, f.dossier_id, "
	    "d.code AS dossier_code, f.agency_id, "
	    "COALESCE(ag.parent_id, 0), ag.name AS agency_name, f.category, "
	    "f.ward_code, w.name AS ward_name, f.body, f.publish, f.status, "
	    "f.created_at, f.due_at, f.answer, f.answered_at, f.founded, "
	    "f.answers, f.late, f.reopened, f.resolved_at, "
	    "COALESCE(a.full_name, f.phone) AS name, a.email, f.round_at, "
	    "f.phone FROM feedback f "
	    "JOIN agencies ag ON ag.id = f.agency_id "
	    "LEFT JOIN accounts a ON a.id = f.account_id "
	    "LEFT JOIN dossiers d ON d.id = f.dossier_id "
	    "LEFT JOIN agencies w ON w.gso_code = f.ward_code AND w.kind = 'ward' "
	    "AND (w.valid_to IS NULL OR w.valid_to > CURDATE()) "
	    "WHERE f.code = ? LIMIT 1",
	[STMT_LOCK] = "SELECT id, status, dossier_id, due_at FROM feedback "
	    "WHERE code = ? FOR UPDATE",
	[STMT_PHOTOS] = "SELECT p.seq, p.sha256, p.filename, t.mime "
	    "FROM feedback_photos p JOIN attachments t ON t.sha256 = p.sha256 "
	    "WHERE p.feedback_id = ? ORDER BY p.seq",
	[STMT_EVENTS] = "SELECT e.at, e.action, e.note, e.founded, "
	    "a.full_name AS actor FROM feedback_events e "
	    "LEFT JOIN accounts a ON a.id = e.actor_id "
	    "WHERE e.feedback_id = ? ORDER BY e.id",
	[STMT_ANSWER] = "UPDATE feedback SET status = 'answered', answer = ?, "
	    "answered_at = ?, answered_by = ?, founded = ?, "
	    "answers = answers + 1, late = late OR ? > due_at, updated_at = ?, "
	    "search_text = ? WHERE id = ?",
	[STMT_RESOLVE] = "UPDATE feedback SET status = 'resolved', "
	    "resolved_at = ?, updated_at = ? WHERE id = ?",
	[STMT_REOPEN] = "UPDATE feedback SET status = 'open', due_at = ?, "
	    "round_at = ?, reopened = reopened + 1, updated_at = ? "
	    "WHERE id = ?",
	[STMT_AGENCY_BY_CODE] = "SELECT id FROM agencies WHERE code = ?",
	[STMT_WARD_AGENCY] = "SELECT id FROM agencies WHERE kind = 'ward' "
	    "AND gso_code = ? AND (valid_to IS NULL OR valid_to > CURDATE()) "
	    "LIMIT 1",
	[STMT_CITY] = "SELECT id FROM agencies WHERE kind = 'city' "
	    "ORDER BY id LIMIT 1",
	[STMT_NOTIFY] = "INSERT INTO notifications (account_id, dossier_id, "
	    "kind, title, body, url, created_at, msg, vars) "
	    "VALUES (?, ?, ?, ?, ?, ?, NOW(), ?, ?)",
	[STMT_MINE] = LIST_SELECT "WHERE f.account_id = ? "
	    "ORDER BY f.id DESC LIMIT 200",
	[STMT_AGENCY] = LIST_SELECT "WHERE (ag.id = ? OR ag.parent_id = ?) "
	    "AND (? = '' OR f.status = ?) "
	    "ORDER BY f.status = 'open' DESC, f.due_at LIMIT 500",
	[STMT_DOSSIER] = LIST_SELECT "WHERE f.dossier_id = ? "
	    "ORDER BY f.id DESC LIMIT 50",
	[STMT_MARKS] = "SELECT d.code, COUNT(*) AS n FROM feedback f "
	    "JOIN dossiers d ON d.id = f.dossier_id "
	    "JOIN agencies ag ON ag.id = d.current_agency_id "
	    "WHERE f.status = 'open' AND (ag.id = ? OR ag.parent_id = ?) "
	    "GROUP BY d.code LIMIT 1000",
	/* Columns in the order of enum mc_fb_stat_col. */
};
/* clang-format on */

static const char *const categories[FB__MAX] = {
	[FB_ATTITUDE] = "attitude",
	[FB_DELAY] = "delay",
	[FB_INFO] = "info",
	[FB_FEES] = "fees",
	[FB_OTHER] = "other",
};

static const char *const statuses[FBS__MAX] = {
	[FBS_OPEN] = "open",
	[FBS_ANSWERED] = "answered",
	[FBS_RESOLVED] = "resolved",
};

const char *
mc_feedback_category_name(int c)
{
	return c >= 0 && c < FB__MAX ? categories[c] : "other";
}

int
mc_feedback_category_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < FB__MAX; i++)
		if (strcmp(s, categories[i]) == 0)
			return i;
	return -1;
}

const char *
mc_feedback_status_name(int s)
{
	return s >= 0 && s < FBS__MAX ? statuses[s] : "open";
}

int
mc_feedback_status_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < FBS__MAX; i++)
		if (strcmp(s, statuses[i]) == 0)
			return i;
	return -1;
}

int
mc_feedback_next(int status, enum mc_fb_action a)
{
	switch (a) {
	case FBA_ANSWER:
		return status == FBS_OPEN ? FBS_ANSWERED : -1;
	case FBA_RESOLVE:
		return status == FBS_ANSWERED ? FBS_RESOLVED : -1;
	case FBA_REOPEN:
		return status == FBS_ANSWERED ? FBS_OPEN : -1;
	default:
		return -1;
	}
}

unsigned int
mc_feedback_route_pick(unsigned int dossier_agency,
    unsigned int category_agency, unsigned int ward_agency,
    unsigned int fallback)
{
	if (dossier_agency != 0)
		return dossier_agency;
	if (category_agency != 0)
		return category_agency;
	if (ward_agency != 0)
		return ward_agency;
	return fallback;
}

int
mc_feedback_colour(int status, time_t round_at, time_t due_at, time_t now)
{
	if (status != FBS_OPEN)
		return -1;
	return (int)mc_calendar_colour(round_at, due_at, now, -1);
}

time_t
mc_feedback_due(time_t from)
{
	long long days = mc_config_int("feedback_days", 10, 1, 365);

	return mc_calendar_add_minutes(from, (long)(days * FB_DAY_MINUTES));
}

/* The id of the first row's first column (an agency), 0 none, -1 error. */
static long long
first_id(struct mc_db *db, struct mc_arena *a, const char *sql,
    const char *arg)
{
	struct mc_rows rows;
	int	       rc;

	rc = arg != NULL ? mc_db_query(db, a, &rows, sql, "s", arg) :
			   mc_db_query(db, a, &rows, sql, "");
	if (rc < 0)
		return -1;
	return rows.n > 0 ? mc_rows_int(&rows, 0, 0) : 0;
}

/* The agency that answers: 1 and *agency, 0 none, -1 error. */
static int
route(struct mc_db *db, struct mc_arena *a, const struct mc_fb_new *n,
    unsigned int dossier_agency, unsigned int *agency)
{
	long long   cat = 0, ward = 0, fb = 0;
	const char *code;
	char	    key[64];

	snprintf(key, sizeof(key), "feedback_route_%s",
	    mc_feedback_category_name(n->category));
	if (dossier_agency == 0) {
		if ((code = mc_config_get(key, NULL)) != NULL &&
		    (cat = first_id(db, a, stmts[STMT_AGENCY_BY_CODE], code)) <
			0)
			return -1;
		if (n->ward_code != NULL && *n->ward_code != '\0' &&
		    (ward = first_id(db, a, stmts[STMT_WARD_AGENCY],
			 n->ward_code)) <= 0)
			return ward < 0 ? -1 : 0; /* not a current ward */
		if ((code = mc_config_get("feedback_default_agency", NULL)) !=
		    NULL)
			fb = first_id(db, a, stmts[STMT_AGENCY_BY_CODE], code);
		if (fb == 0)
			fb = first_id(db, a, stmts[STMT_CITY], NULL);
		if (fb < 0)
			return -1;
	}
	*agency = mc_feedback_route_pick(dossier_agency, (unsigned int)cat,
	    (unsigned int)ward, (unsigned int)fb);
	return *agency != 0;
}

static int
event(struct mc_db *db, long long id, const char *at, long long actor,
    const char *action, const char *note, int founded)
{
	return mc_db_exec(db, stmts[STMT_EVENT],
		   founded < 0 ? "isIssn" : "isIssi", id, at, actor, action,
		   note, (long long)founded) < 0 ?
	    -1 :
	    0;
}

static const char *text(const char *);
static const char *fill(struct mc_arena *, const char *, const char *const[5]);

/* The follow link of a feedback sent without a login (arena). */
static const char *
follow_url(struct mc_arena *a, const char *code)
{
	const char *base = mc_config_get("base_url", "http://127.0.0.1:8080");
	size_t	    bl = strlen(base);

	while (bl > 0 && base[bl - 1] == '/')
		bl--;
	return mc_arena_printf(a, "%.*s/dich-vu/phan-anh/theo-doi/%s/%s",
	    (int)bl, base, code, mc_feedback_follow_token(a, code));
}

/* What a submission's transaction needs. */
struct submit_tx {
	struct mc_arena	       *a;
	const struct mc_user   *u;
	const struct mc_fb_new *n;
	long long		dossier_id;
	unsigned int		agency;
	time_t			now;
	const char	       *code;
};

static int
submit_tx(struct mc_db *db, void *arg)
{
	struct submit_tx *t = arg;
	char		  now[20], due[20], tmp[33], day[16];
	unsigned char rnd[10]; /* a placeholder code until the id is known */
	struct tm     tm;
	long long     id;
	size_t	      i;
	const char   *vals[5] = { NULL, NULL, NULL, NULL, NULL };
	int	      rc;

	mc_time_sql(now, t->now);
	mc_time_sql(due, mc_feedback_due(t->now));
	if (mc_random(rnd, sizeof(rnd)) < 0)
		return -1;
	mc_hex(tmp, rnd, sizeof(rnd));
	if (mc_db_exec(db, stmts[STMT_INSERT], "sIsIisssissss", tmp,
		t->u != NULL ? t->u->id : 0, t->u != NULL ? NULL : t->n->phone,
		t->dossier_id, (long long)t->agency,
		mc_feedback_category_name(t->n->category),
		t->n->ward_code && *t->n->ward_code ? t->n->ward_code : NULL,
		t->n->body, (long long)(t->n->publish != 0), now, due, now,
		now) < 0)
		return -1;
	id = (long long)mc_db_insert_id(db);
	localtime_r(&t->now, &tm);
	strftime(day, sizeof(day), "%y%m%d", &tm);
	t->code = mc_arena_printf(t->a, "PA-%s-%06lld", day, id);
	if (mc_db_exec(db, stmts[STMT_SET_CODE], "si", t->code, id) < 0)
		return -1;
	for (i = 0; i < t->n->nphotos && i < MC_FB_PHOTOS; i++) {
		const struct mc_fb_photo *p = &t->n->photos[i];
		char			  kid[9];

		mc_files_key_id(p->sha256, kid);
		if (mc_db_exec(db, stmts[STMT_BLOB], "sisss", p->sha256,
			(long long)p->size, p->mime, now,
			*kid != '\0' ? kid : NULL) < 0 ||
		    mc_db_exec(db, stmts[STMT_PHOTO], "iiss", id,
			(long long)i + 1, p->sha256, p->filename) < 0)
			return -1;
	}
	if (t->u == NULL) {
		/* The phone's proved code, used once, and the follow link. */
		if ((rc = mc_phonecode_use(db, t->n->phone_code, t->n->phone,
			 t->now)) <= 0)
			return rc < 0 ? -1 : FB_E_CODE;
		vals[0] = t->code;
		vals[3] = follow_url(t->a, t->code);
		if (mc_outbox_sms(db, t->n->phone,
			fill(t->a, text("Feedback.sent.Sms"), vals), 0) < 0)
			return -1;
	}
	return event(db, id, now, t->u != NULL ? t->u->id : 0, "submit", NULL,
	    -1);
}

int
mc_feedback_submit(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_fb_new *n, time_t now,
    const char **code)
{
	struct submit_tx  t;
	struct mc_dossier d;
	unsigned int	  dossier_agency = 0;
	int		  rc;

	memset(&t, 0, sizeof(t));
	if (u == NULL && (n->phone == NULL || n->phone_code == 0))
		return FB_E_CODE;
	if (u == NULL && n->dossier_code != NULL && *n->dossier_code != '\0')
		return FB_E_DOSSIER; /* only its applicant, logged in */
	if (n->dossier_code != NULL && *n->dossier_code != '\0') {
		if ((rc = mc_dossier_load(db, a, n->dossier_code, &d)) < 0)
			return -1;
		if (rc == 0)
			return FB_E_DOSSIER;
		if ((rc = mc_dossier_visible(db, a, u, &d)) <= 0)
			return rc < 0 ? -1 : FB_E_DOSSIER; /* as if none */
		t.dossier_id = d.id;
		dossier_agency = d.agency_id;
	}
	if ((rc = route(db, a, n, dossier_agency, &t.agency)) <= 0)
		return rc < 0 ? -1 : FB_E_AGENCY;
	t.a = a;
	t.u = u;
	t.n = n;
	t.now = now;
	if ((rc = mc_db_tx(db, submit_tx, &t)) != 0)
		return rc == FB_E_CODE ? FB_E_CODE : -1;
	*code = t.code;
	return 0;
}

/* A cell as a string, NULL for SQL NULL. */
static const char *
cell(const struct mc_rows *r, int c)
{
	return mc_rows_str(r, 0, (size_t)c);
}

int
mc_feedback_load(struct mc_db *db, struct mc_arena *a, const char *code,
    struct mc_feedback *f)
{
	memset(f, 0, sizeof(*f));
	if (mc_db_query(db, a, &f->row, stmts[STMT_GET], "s", code) < 0)
		return -1;
	if (f->row.n == 0)
		return 0;
	if (f->row.ncols != G__MAX) {
		mc_err("feedback: %zu columns", f->row.ncols);
		return -1;
	}
	f->id = mc_rows_int(&f->row, 0, G_ID);
	f->code = cell(&f->row, G_CODE);
	f->account_id = mc_rows_int(&f->row, 0, G_ACCOUNT);
	f->dossier_id = mc_rows_int(&f->row, 0, G_DOSSIER);
	f->dossier_code = cell(&f->row, G_DOSSIER_CODE);
	f->agency_id = (unsigned int)mc_rows_int(&f->row, 0, G_AGENCY);
	f->agency_parent_id = (unsigned int)mc_rows_int(&f->row, 0,
	    G_AGENCY_PARENT);
	f->status = mc_feedback_status_parse(cell(&f->row, G_STATUS));
	f->founded = cell(&f->row, G_FOUNDED) == NULL ?
	    -1 :
	    (int)mc_rows_int(&f->row, 0, G_FOUNDED);
	f->due_at = cell(&f->row, G_DUE);
	f->created_at = cell(&f->row, G_CREATED);
	f->round_at = cell(&f->row, G_ROUND);
	f->body = cell(&f->row, G_BODY);
	f->name = cell(&f->row, G_NAME);
	f->email = cell(&f->row, G_EMAIL);
	f->phone = cell(&f->row, G_PHONE);
	if (mc_db_query(db, a, &f->photos, stmts[STMT_PHOTOS], "i", f->id) <
		0 ||
	    mc_db_query(db, a, &f->events, stmts[STMT_EVENTS], "i", f->id) < 0)
		return -1;
	return 1;
}

int
mc_feedback_is_sender(const struct mc_user *u, const struct mc_feedback *f)
{
	return u != NULL && f->account_id != 0 && f->account_id == u->id;
}

const char *
mc_feedback_follow_token(struct mc_arena *a, const char *code)
{
	const char   *secret = mc_config_get("secret", "");
	unsigned char mac[32];
	char	      msg[64], *out;

	snprintf(msg, sizeof(msg), "feedback-follow\n%s", code);
	mc_hmac_sha256(mac, secret, strlen(secret), msg, strlen(msg));
	if ((out = mc_arena_alloc(a, 33)) == NULL)
		return NULL;
	mc_hex(out, mac, 16);
	return out;
}

int
mc_feedback_follow_ok(const char *code, const char *token)
{
	const char   *secret = mc_config_get("secret", "");
	unsigned char mac[32];
	char	      msg[64], hex[33];

	if (code == NULL || token == NULL || strlen(token) != 32)
		return 0;
	snprintf(msg, sizeof(msg), "feedback-follow\n%s", code);
	mc_hmac_sha256(mac, secret, strlen(secret), msg, strlen(msg));
	mc_hex(hex, mac, 16);
	return mc_ct_equal(hex, token, 32);
}

int
mc_feedback_officer_may(const struct mc_user *u, const struct mc_feedback *f)
{
	if (u == NULL || (u->roles & ROLES_OFFICER) == 0)
		return 0;
	return mc_auth_acts_for(u, ROLES_OFFICER, f->agency_id) ||
	    (f->agency_parent_id != 0 &&
		mc_auth_acts_for(u, ROLES_OFFICER, f->agency_parent_id));
}

/* ------------------------------------------------------------ notices */

static struct mc_texts *texts;

/* Lang.Notify.<name> in Vietnamese (feedback.vi.hdf, notify.vi.hdf). */
static const char *
text(const char *name)
{
	const char *dir = mc_config_get("templates_dir", "templates");
	char	    p[2][4096], path[160];
	const char *paths[2] = { p[0], p[1] };

	if (texts == NULL) {
		snprintf(p[0], sizeof(p[0]), "%s/lang/notify.vi.hdf", dir);
		snprintf(p[1], sizeof(p[1]), "%s/lang/feedback.vi.hdf", dir);
		if ((texts = mc_texts_load(paths, 2)) == NULL)
			return "";
	}
	snprintf(path, sizeof(path), "Lang.Notify.%s", name);
	return mc_texts_get(texts, path, "");
}

/* tmpl with {code}, {agency}, {note}, {url}, {name} replaced. */
static const char *
fill(struct mc_arena *a, const char *tmpl, const char *const vals[5])
{
	static const char *const names[5] = { "code", "agency", "note", "url",
		"name" };
	struct buf		 b;
	const char		*p, *end, *out = NULL;
	size_t			 i, n;
	int			 rc = 0;

	mc_buf_init(&b, 64 * 1024);
	for (p = tmpl; *p != '\0' && rc == 0; p++) {
		if (*p == '{' && (end = strchr(p, '}')) != NULL) {
			n = (size_t)(end - p - 1);
			for (i = 0; i < 5; i++)
				if (strlen(names[i]) == n &&
				    strncmp(names[i], p + 1, n) == 0)
					break;
			if (i < 5) {
				rc = mc_buf_adds(&b, vals[i] ? vals[i] : "");
				p = end;
				continue;
			}
		}
		rc = mc_buf_addc(&b, *p);
	}
	if (rc == 0)
		out = mc_arena_strndup(a, b.s, b.len);
	mc_buf_free(&b);
	return out;
}

/*
 * Tells the sender their feedback was answered: a notification that reads
 * in each reader's language (msg Feedback.answered and its values, as
 * lib/domain/mc_outbox's own), and an e-mail when the account has an
 * address. Inside the caller's transaction. 0 or -1.
 */
static int
notify_answered(struct mc_db *db, struct mc_arena *a,
    const struct mc_feedback *f, const char *answer)
{
	const char *base = mc_config_get("base_url", "http://127.0.0.1:8080");
	const char *path, *vals[5], *title, *body, *greet, *vars;
	json_t	   *o;
	char	   *s;
	size_t	    bl = strlen(base);

	while (bl > 0 && base[bl - 1] == '/')
		bl--;
	path = mc_arena_printf(a, "/dich-vu/phan-anh/%s", f->code);
	vals[0] = f->code;
	vals[1] = cell(&f->row, G_AGENCY_NAME);
	vals[2] = answer;
	vals[3] = mc_arena_printf(a, "%.*s%s", (int)bl, base, path);
	vals[4] = f->name;
	if (f->account_id == 0) {
		/* Sent without a login: an SMS with its follow link. */
		vals[3] = follow_url(a, f->code);
		return f->phone == NULL ?
		    0 :
		    mc_outbox_sms(db, f->phone,
			fill(a, text("Feedback.answered.Sms"), vals), 0);
	}
	title = fill(a, text("Feedback.answered.Subject"), vals);
	body = fill(a, text("Feedback.answered.Body"), vals);
	greet = fill(a, text("Email.Greeting"), vals);
	if (title == NULL || body == NULL || greet == NULL || *title == '\0') {
		mc_err("no text for Feedback.answered");
		return -1;
	}
	o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", f->code, "agency",
	    vals[1] ? vals[1] : "", "note", answer, "url", vals[3], "name",
	    f->name ? f->name : "");
	if (o == NULL || (s = json_dumps(o, JSON_COMPACT)) == NULL) {
		json_decref(o);
		return -1;
	}
	vars = mc_arena_strdup(a, s);
	free(s);
	json_decref(o);
	if (mc_db_exec(db, stmts[STMT_NOTIFY], "iIssssss", f->account_id,
		f->dossier_id, "feedback_answer", title, body, path,
		"Feedback.answered", vars) < 0)
		return -1;
	if (f->email == NULL || *f->email == '\0')
		return 0;
	return mc_outbox_email(db, f->email, title,
	    mc_arena_printf(a, "%s\n\n%s\n\n-- \n%s", greet, body,
		text("Email.Footer")),
	    f->dossier_id);
}

int
mc_feedback_send_code(struct mc_db *db, struct mc_arena *a, const char *phone,
    const char *address, time_t now, const char **ticket, long *wait)
{
	const char *sms = text("PhoneCode.feedback");

	if (*sms == '\0') {
		mc_err("no text for PhoneCode.feedback");
		return -1;
	}
	return mc_phonecode_send(db, a, PHONECODE_FEEDBACK, phone, address,
	    sms, now, ticket, wait);
}

/* ------------------------------------------------------------ changes */

/* What a change's transaction needs. */
struct change_tx {
	struct mc_arena	     *a;
	const struct mc_user *u;
	struct mc_feedback    f;
	enum mc_fb_action     action;
	const char	     *text;
	const char	     *token; /* without a login: the follow token */
	int		      founded;
	time_t		      now;
};

static int
change_tx(struct mc_db *db, void *arg)
{
	struct change_tx *t = arg;
	struct mc_rows	  lock;
	const char	 *words;
	char		  now[20], due[20];
	int		  status;

	mc_time_sql(now, t->now);
	if (mc_db_query(db, t->a, &lock, stmts[STMT_LOCK], "s", t->f.code) < 0)
		return -1;
	if (lock.n == 0)
		return FB_E_NOTFOUND;
	status = mc_feedback_status_parse(mc_rows_str(&lock, 0, 1));
	if (mc_feedback_next(status, t->action) < 0)
		return FB_E_STATE;
	switch (t->action) {
	case FBA_ANSWER:
		/* What the search finds it by: the code, its words, the answer. */
		if ((words = mc_fold(t->a,
			 mc_arena_printf(t->a, "%s %s %s", t->f.code,
			     t->f.body != NULL ? t->f.body : "", t->text))) ==
		    NULL)
			words = "";
		if ((t->founded < 0 ?
			    mc_db_exec(db, stmts[STMT_ANSWER], "ssinsssi",
				t->text, now, t->u->id, now, now, words,
				t->f.id) :
			    mc_db_exec(db, stmts[STMT_ANSWER], "ssiisssi",
				t->text, now, t->u->id, (long long)t->founded,
				now, now, words, t->f.id)) < 0 ||
		    event(db, t->f.id, now, t->u->id, "answer", t->text,
			t->founded) < 0 ||
		    notify_answered(db, t->a, &t->f, t->text) < 0)
			return -1;
		return 0;
	case FBA_RESOLVE:
		if (mc_db_exec(db, stmts[STMT_RESOLVE], "ssi", now, now,
			t->f.id) < 0)
			return -1;
		return event(db, t->f.id, now, t->u != NULL ? t->u->id : 0,
		    "resolve", t->text, -1);
	case FBA_REOPEN:
		mc_time_sql(due, mc_feedback_due(t->now));
		if (mc_db_exec(db, stmts[STMT_REOPEN], "sssi", due, now, now,
			t->f.id) < 0)
			return -1;
		return event(db, t->f.id, now, t->u != NULL ? t->u->id : 0,
		    "reopen", t->text, -1);
	default:
		return FB_E_STATE;
	}
}

static int
change(struct mc_db *db, struct change_tx *t, const char *code)
{
	int rc;

	if ((rc = mc_feedback_load(db, t->a, code, &t->f)) <= 0)
		return rc < 0 ? -1 : FB_E_NOTFOUND;
	if (t->action == FBA_ANSWER ? !mc_feedback_officer_may(t->u, &t->f) :
		t->token != NULL    ? t->f.account_id != 0 ||
		    !mc_feedback_follow_ok(t->f.code, t->token) :
				   !mc_feedback_is_sender(t->u, &t->f))
		return FB_E_SCOPE;
	if (t->action == FBA_ANSWER) {
		if (t->f.dossier_id != 0 && t->founded < 0)
			return FB_E_FOUNDED;
		if (t->f.dossier_id == 0)
			t->founded = -1;
	}
	rc = mc_db_tx(db, change_tx, t);
	return rc;
}

int
mc_feedback_answer(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const char *code, const char *answer, int founded,
    time_t now)
{
	struct change_tx t;

	memset(&t, 0, sizeof(t));
	t.a = a;
	t.u = u;
	t.action = FBA_ANSWER;
	t.text = answer;
	t.founded = founded;
	t.now = now;
	return change(db, &t, code);
}

int
mc_feedback_citizen_token(struct mc_db *db, struct mc_arena *a,
    const char *code, const char *token, enum mc_fb_action action,
    const char *note, time_t now)
{
	struct change_tx t;

	if (action != FBA_RESOLVE && action != FBA_REOPEN)
		return FB_E_STATE;
	if (token == NULL)
		return FB_E_SCOPE;
	memset(&t, 0, sizeof(t));
	t.a = a;
	t.token = token;
	t.action = action;
	t.text = note != NULL && *note != '\0' ? note : NULL;
	t.founded = -1;
	t.now = now;
	return change(db, &t, code);
}

int
mc_feedback_citizen(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const char *code, enum mc_fb_action action,
    const char *note, time_t now)
{
	struct change_tx t;

	if (action != FBA_RESOLVE && action != FBA_REOPEN)
		return FB_E_STATE;
	memset(&t, 0, sizeof(t));
	t.a = a;
	t.u = u;
	t.action = action;
	t.text = note != NULL && *note != '\0' ? note : NULL;
	t.founded = -1;
	t.now = now;
	return change(db, &t, code);
}

/* ------------------------------------------------------------ lists */

static int
shape(struct mc_rows *rows, size_t want, const char *what)
{
	if (rows->n > 0 && rows->ncols != want) {
		mc_err("feedback: %s: %zu columns", what, rows->ncols);
		return -1;
	}
	return 0;
}

int
mc_feedback_mine(struct mc_db *db, struct mc_arena *a, long long account_id,
    struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmts[STMT_MINE], "i", account_id) < 0)
		return -1;
	return shape(rows, FBL__MAX, "mine");
}

int
mc_feedback_agency(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, int status, struct mc_rows *rows)
{
	const char *s = status >= 0 ? mc_feedback_status_name(status) : "";

	if (mc_db_query(db, a, rows, stmts[STMT_AGENCY], "iiss",
		(long long)agency_id, (long long)agency_id, s, s) < 0)
		return -1;
	return shape(rows, FBL__MAX, "agency");
}

int
mc_feedback_dossier(struct mc_db *db, struct mc_arena *a, long long dossier_id,
    struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmts[STMT_DOSSIER], "i", dossier_id) < 0)
		return -1;
	return shape(rows, FBL__MAX, "dossier");
}

int
mc_feedback_dossier_marks(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, struct mc_rows *rows)
{
	return mc_db_query(db, a, rows, stmts[STMT_MARKS], "ii",
	    (long long)agency_id, (long long)agency_id);
}
