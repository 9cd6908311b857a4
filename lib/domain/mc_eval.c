/*
 * Satisfaction evaluation: the questionnaire, ratings through each channel
 * (one transaction each), single-use links, registered devices, and the
 * legal formula (indices of a dossier, means to one decimal, Wilson).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_eval.h"
#include "mc_log.h"
#include "mc_util.h"

enum stmt {
	STMT_FORM_CURRENT,
	STMT_FORM_ID,
	STMT_QUESTIONS,
	STMT_TOKEN_USE,
	STMT_TOKEN_DOSSIER,
	STMT_TOKEN_PEEK,
	STMT_TOKEN_ADD,
	STMT_DOSSIER_LOCK,
	STMT_RATED,
	STMT_LAST_STEP,
	STMT_RATING_ADD,
	STMT_ANSWER_ADD,
	STMT_OFFICERS_ADD,
	STMT_VISIT_USE,
	STMT_VISIT_OPEN,
	STMT_VISIT_CLOSE,
	STMT_DEVICE_ADD,
	STMT_DEVICE_PAIR,
	STMT_DEVICE_GET,
	STMT_DEVICE_LIST,
	STMT_DEVICE_BIND,
	STMT_BANDS,
	STMT_TRAIL,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_FORM_CURRENT] = "SELECT id, version FROM eval_questionnaires "
	    "WHERE valid_from <= ? ORDER BY version DESC LIMIT 1",
	[STMT_FORM_ID] = "SELECT id, version FROM eval_questionnaires "
	    "WHERE id = ?",
	[STMT_QUESTIONS] = "SELECT seq, kind, code, text, text_en, o2, o1, o0, "
	    "o2_en, o1_en, o0_en FROM eval_questions "
	    "WHERE questionnaire_id = ? ORDER BY seq LIMIT 20",
	[STMT_TOKEN_USE] = "UPDATE eval_tokens SET used_at = ? "
	    "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
	[STMT_TOKEN_DOSSIER] = "SELECT d.code FROM eval_tokens t "
	    "JOIN dossiers d ON d.id = t.dossier_id WHERE t.token_hash = ?",
	[STMT_TOKEN_PEEK] = "SELECT d.code FROM eval_tokens t "
	    "JOIN dossiers d ON d.id = t.dossier_id WHERE t.token_hash = ? "
	    "AND t.used_at IS NULL AND t.expires_at > ?",
	[STMT_TOKEN_ADD] = "INSERT INTO eval_tokens (token_hash, dossier_id, "
	    "created_at, expires_at) VALUES (?, ?, ?, ?)",
	[STMT_DOSSIER_LOCK] = "SELECT id, status, account_id, agency_id, "
	    "procedure_id FROM dossiers WHERE code = ? FOR UPDATE",
	[STMT_RATED] = "SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), "
	    "channel FROM eval_ratings WHERE dossier_id = ?",
	[STMT_LAST_STEP] = "SELECT seq, taken_by FROM dossier_steps "
	    "WHERE dossier_id = ? ORDER BY seq DESC LIMIT 1",
	[STMT_RATING_ADD] = "INSERT INTO eval_ratings (questionnaire_id, "
	    "dossier_id, visit_id, channel, device_id, account_id, agency_id, "
	    "procedure_id, step_seq, officer_id, reason, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_ANSWER_ADD] = "INSERT INTO eval_answers (rating_id, seq, score) "
	    "VALUES (?, ?, ?)",
	[STMT_OFFICERS_ADD] = "INSERT INTO eval_rating_officers (rating_id, "
	    "step_seq, officer_id, agency_id) SELECT ?, seq, taken_by, "
	    "agency_id FROM dossier_steps WHERE dossier_id = ? "
	    "AND taken_by IS NOT NULL",
	[STMT_VISIT_USE] = "SELECT v.id, v.officer_id, d.agency_id FROM "
	    "eval_visits v JOIN eval_devices d ON d.id = v.device_id "
	    "WHERE v.device_id = ? AND v.rated_at IS NULL "
	    "ORDER BY v.id DESC LIMIT 1 FOR UPDATE",
	[STMT_VISIT_OPEN] = "INSERT INTO eval_visits (device_id, officer_id, "
	    "opened_at) VALUES (?, ?, ?)",
	[STMT_VISIT_CLOSE] = "UPDATE eval_visits SET rated_at = ? "
	    "WHERE id = ? AND rated_at IS NULL",
	[STMT_DEVICE_ADD] = "INSERT INTO eval_devices (agency_id, kind, name, "
	    "pair_hash, pair_expires_at, created_by, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
	[STMT_DEVICE_PAIR] = "UPDATE eval_devices SET token_hash = ?, "
	    "paired_at = ?, pair_hash = NULL, pair_expires_at = NULL "
	    "WHERE pair_hash = ? AND pair_expires_at > ? AND revoked_at IS NULL",
	[STMT_DEVICE_GET] = "SELECT d.id, d.agency_id, a.name, d.kind, d.name, "
	    "d.officer_id, o.full_name, c.title, c.title_en, c.photo_sha256, "
	    "(SELECT MAX(v.id) FROM eval_visits v WHERE v.device_id = d.id "
	    "AND v.rated_at IS NULL) FROM eval_devices d "
	    "JOIN agencies a ON a.id = d.agency_id "
	    "LEFT JOIN accounts o ON o.id = d.officer_id "
	    "LEFT JOIN eval_officer_cards c ON c.account_id = d.officer_id "
	    "WHERE d.token_hash = ? AND d.revoked_at IS NULL",
	[STMT_DEVICE_LIST] = "SELECT d.id, d.kind, d.name, "
	    "DATE_FORMAT(d.paired_at, '%Y-%m-%d %H:%i:%s') AS paired_at, "
	    "o.full_name AS officer_name, "
	    "DATE_FORMAT(d.pair_expires_at, '%Y-%m-%d %H:%i:%s') "
	    "AS pair_expires_at, d.revoked_at FROM eval_devices d "
	    "LEFT JOIN accounts o ON o.id = d.officer_id "
	    "WHERE d.agency_id = ? ORDER BY d.id",
	[STMT_DEVICE_BIND] = "UPDATE eval_devices SET officer_id = ? "
	    "WHERE id = ? AND kind = 'tablet' AND token_hash IS NOT NULL "
	    "AND revoked_at IS NULL",
	[STMT_BANDS] = "SELECT min_total, name, name_en FROM eval_bands "
	    "ORDER BY min_total DESC",
	[STMT_TRAIL] = "SELECT d.id, d.agency_id, ag.name, d.procedure_id, "
	    "p.name, UNIX_TIMESTAMP(d.due_at), UNIX_TIMESTAMP(d.finished_at), "
	    "d.channel, d.return_method, "
	    "(SELECT COUNT(*) FROM dossier_steps s WHERE s.dossier_id = d.id "
	    "AND s.outcome = 'early'), "
	    "(SELECT COUNT(*) FROM dossier_steps s WHERE s.dossier_id = d.id "
	    "AND s.outcome = 'ontime'), "
	    "(SELECT COUNT(*) FROM dossier_steps s WHERE s.dossier_id = d.id "
	    "AND s.outcome = 'late'), "
	    "(SELECT COUNT(*) FROM supplement_requests q WHERE "
	    "q.dossier_id = d.id AND q.stage = 'processing'), "
	    "(SELECT COUNT(DISTINCT s.agency_id) FROM dossier_steps s "
	    "WHERE s.dossier_id = d.id), "
	    "r.id, (SELECT a.score FROM eval_answers a JOIN eval_questions qq "
	    "ON qq.questionnaire_id = r.questionnaire_id AND qq.seq = a.seq "
	    "WHERE a.rating_id = r.id AND qq.code = 'overall') "
	    "FROM dossiers d JOIN agencies ag ON ag.id = d.agency_id "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "LEFT JOIN eval_ratings r ON r.dossier_id = d.id "
	    "WHERE d.status = 10 AND d.returned_at >= ? AND d.returned_at < ? "
	    "AND (ag.id = ? OR ag.parent_id = ?) LIMIT 200000",
};
/* clang-format on */

static const char *const channels[] = { "web", "link", "kiosk", "tablet" };

int
mc_eval_form_load(struct mc_db *db, struct mc_arena *a, long long id,
    time_t now, struct mc_eval_form *f)
{
	struct mc_rows rows, qs;
	char	       at[20];
	size_t	       i;
	int	       l, k;

	memset(f, 0, sizeof(*f));
	mc_time_sql(at, now);
	if ((id > 0 ? mc_db_query(db, a, &rows, stmts[STMT_FORM_ID], "i", id) :
		      mc_db_query(db, a, &rows, stmts[STMT_FORM_CURRENT], "s",
			  at)) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	f->id = mc_rows_int(&rows, 0, 0);
	f->version = (int)mc_rows_int(&rows, 0, 1);
	if (mc_db_query(db, a, &qs, stmts[STMT_QUESTIONS], "i", f->id) < 0)
		return -1;
	for (i = 0; i < qs.n && i < EVAL_MAX_QUESTIONS; i++) {
		struct mc_eval_question *q = &f->q[i];

		q->seq = (int)mc_rows_int(&qs, i, 0);
		q->kind = strcmp(mc_rows_str(&qs, i, 1), "index") == 0 ?
		    EVAL_INDEX :
		    EVAL_SATISFACTION;
		q->code = mc_rows_str(&qs, i, 2);
		q->text[0] = mc_rows_str(&qs, i, 3);
		q->text[1] = mc_rows_str(&qs, i, 4);
		for (l = 0; l < 2; l++)
			for (k = 0; k < 3; k++)
				q->opt[l][k] = mc_rows_str(&qs, i,
				    5 + l * 3 + k);
	}
	f->n = i;
	return 1;
}

int
mc_eval_low(const struct mc_eval_form *f, const struct mc_eval_rating *r)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (r->score[i] == 0)
			return 1;
	return 0;
}

int
mc_eval_check(const struct mc_eval_form *f, const struct mc_eval_rating *r)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (r->score[i] < -1 || r->score[i] > 2)
			return EVAL_MISSING;
		if (f->q[i].kind == EVAL_SATISFACTION && r->score[i] < 0)
			return EVAL_MISSING;
	}
	if (mc_eval_low(f, r) &&
	    (r->reason == NULL || mc_utf8_chars(r->reason) < 5))
		return EVAL_NEED_REASON;
	return 0;
}

/* The SHA-256 of a 64-hex token into h; 0, or -1 if it is not one. */
static int
token_hash(const char *token, unsigned char h[32])
{
	size_t i;

	if (token == NULL || strlen(token) != 64)
		return -1;
	for (i = 0; i < 64; i++)
		if (!((token[i] >= '0' && token[i] <= '9') ||
			(token[i] >= 'a' && token[i] <= 'f')))
			return -1;
	mc_sha256(h, token, 64);
	return 0;
}

/* Inserts the rating row and its answers; the new id or -1. */
static long long
insert_rating(struct mc_db *db, const struct mc_eval_form *f,
    const struct mc_eval_rating *r, long long dossier, long long visit,
    long long account, long long agency, long long procedure, long long step,
    long long officer, const char *at)
{
	const char *reason = r->reason;
	long long   id;
	size_t	    i;

	if (reason != NULL && *reason == '\0')
		reason = NULL;
	if (mc_db_exec(db, stmts[STMT_RATING_ADD], "iIIsIIiIIIss", f->id,
		dossier, visit, channels[r->channel], r->device_id, account,
		agency, procedure, step, officer, reason, at) < 0)
		return -1;
	id = (long long)mc_db_insert_id(db);
	for (i = 0; i < f->n; i++)
		if (r->score[i] >= 0 &&
		    mc_db_exec(db, stmts[STMT_ANSWER_ADD], "iii", id,
			(long long)f->q[i].seq, (long long)r->score[i]) < 0)
			return -1;
	return id;
}

/* A rating of a dossier, inside the open transaction; 0, -1 or outcome. */
static int
rate_dossier(struct mc_db *db, struct mc_arena *a,
    const struct mc_eval_form *f, const struct mc_eval_rating *r,
    const char *code, const char *at)
{
	struct mc_rows d, rated, step;
	long long      id, account, rid;

	if (mc_db_query(db, a, &d, stmts[STMT_DOSSIER_LOCK], "s", code) < 0)
		return -1;
	if (d.n != 1)
		return EVAL_NOT_FOUND;
	id = mc_rows_int(&d, 0, 0);
	account = mc_rows_int(&d, 0, 2);
	if (r->channel == EVAL_WEB &&
	    (r->account_id <= 0 || r->account_id != account))
		return EVAL_FORBIDDEN;
	if (r->channel == EVAL_KIOSK &&
	    r->device_agency != mc_rows_int(&d, 0, 3))
		return EVAL_FORBIDDEN;
	if (mc_rows_int(&d, 0, 1) != 10)
		return EVAL_NOT_RETURNED;
	if (mc_db_query(db, a, &rated, stmts[STMT_RATED], "i", id) < 0 ||
	    mc_db_query(db, a, &step, stmts[STMT_LAST_STEP], "i", id) < 0)
		return -1;
	if (rated.n > 0)
		return EVAL_DONE;
	rid = insert_rating(db, f, r, id, 0,
	    r->channel == EVAL_WEB ? r->account_id : 0, mc_rows_int(&d, 0, 3),
	    mc_rows_int(&d, 0, 4), step.n ? mc_rows_int(&step, 0, 0) : 0,
	    step.n ? mc_rows_int(&step, 0, 1) : 0, at);
	if (rid < 0)
		return mc_db_errno(db) == 1062 ? EVAL_DONE : -1;
	if (mc_db_exec(db, stmts[STMT_OFFICERS_ADD], "ii", rid, id) < 0)
		return -1;
	return 0;
}

/* A tablet's rating of its open visit, inside the transaction. */
static int
rate_visit(struct mc_db *db, struct mc_arena *a, const struct mc_eval_form *f,
    const struct mc_eval_rating *r, const char *at)
{
	struct mc_rows v;
	long long      visit;

	if (mc_db_query(db, a, &v, stmts[STMT_VISIT_USE], "i", r->device_id) <
	    0)
		return -1;
	if (v.n != 1)
		return EVAL_NOT_FOUND;
	visit = mc_rows_int(&v, 0, 0);
	if (mc_db_exec(db, stmts[STMT_VISIT_CLOSE], "si", at, visit) != 1)
		return -1;
	if (insert_rating(db, f, r, 0, visit, 0, mc_rows_int(&v, 0, 2), 0, 0,
		mc_rows_int(&v, 0, 1), at) < 0)
		return mc_db_errno(db) == 1062 ? EVAL_DONE : -1;
	return 0;
}

int
mc_eval_rate(struct mc_db *db, struct mc_arena *a,
    const struct mc_eval_form *f, const struct mc_eval_rating *r, time_t now)
{
	struct mc_rows t;
	unsigned char  h[32];
	const char    *code = r->dossier_code;
	char	       at[20];
	int	       rc;

	if ((rc = mc_eval_check(f, r)) != 0)
		return rc;
	mc_time_sql(at, now);
	if (r->channel == EVAL_LINK && token_hash(r->token, h) < 0)
		return EVAL_BAD_TOKEN;
	if (mc_db_begin(db) < 0)
		return -1;
	switch (r->channel) {
	case EVAL_LINK:
		if ((rc = (int)mc_db_exec(db, stmts[STMT_TOKEN_USE], "sbs", at,
			 (const char *)h, sizeof(h), at)) < 0)
			goto fail;
		if (rc != 1) {
			rc = EVAL_BAD_TOKEN;
			goto refuse;
		}
		if (mc_db_query(db, a, &t, stmts[STMT_TOKEN_DOSSIER], "b",
			(const char *)h, sizeof(h)) < 0 ||
		    t.n != 1)
			goto fail;
		rc = rate_dossier(db, a, f, r, mc_rows_str(&t, 0, 0), at);
		break;
	case EVAL_TABLET:
		rc = rate_visit(db, a, f, r, at);
		break;
	case EVAL_KIOSK:
		rc = code == NULL ? EVAL_NOT_FOUND :
				    rate_dossier(db, a, f, r, code, at);
		break;
	default:
		rc = code == NULL ? EVAL_NOT_FOUND :
				    rate_dossier(db, a, f, r, code, at);
	}
	if (rc < 0)
		goto fail;
	if (rc > 0)
		goto refuse;
	return mc_db_commit(db);
refuse:
	mc_db_rollback(db);
	return rc;
fail:
	mc_db_rollback(db);
	return -1;
}

int
mc_eval_rated(struct mc_db *db, struct mc_arena *a, long long dossier_id,
    const char **when, const char **channel)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_RATED], "i", dossier_id) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	*when = mc_rows_str(&rows, 0, 0);
	*channel = mc_rows_str(&rows, 0, 1);
	return 1;
}

int
mc_eval_invite(struct mc_db *db, struct mc_arena *a, long long dossier_id,
    time_t now, const char **url)
{
	unsigned char raw[32], h[32];
	char	      token[65], at[20], until[20];

	if (mc_random(raw, sizeof(raw)) < 0)
		return -1;
	mc_hex(token, raw, sizeof(raw));
	mc_sha256(h, token, 64);
	mc_time_sql(at, now);
	mc_time_sql(until, now + (time_t)EVAL_TOKEN_DAYS * 86400);
	if (mc_db_exec(db, stmts[STMT_TOKEN_ADD], "biss", (const char *)h,
		sizeof(h), dossier_id, at, until) < 0)
		return -1;
	*url = mc_arena_printf(a, "%s/dich-vu/danh-gia/%s",
	    mc_config_get("base_url", ""), token);
	return 0;
}

int
mc_eval_token_dossier(struct mc_db *db, struct mc_arena *a, const char *token,
    time_t now, const char **code)
{
	struct mc_rows rows;
	unsigned char  h[32];
	char	       at[20];

	if (token_hash(token, h) < 0)
		return 0;
	mc_time_sql(at, now);
	if (mc_db_query(db, a, &rows, stmts[STMT_TOKEN_PEEK], "bs",
		(const char *)h, sizeof(h), at) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	*code = mc_rows_str(&rows, 0, 0);
	return 1;
}

/* ------------------------------------------------------------ devices */

int
mc_eval_device_add(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, const char *kind, const char *name,
    long long admin_id, time_t now, const char **code)
{
	unsigned char raw[8], h[32];
	char	      c[9], at[20], until[20];
	int	      i;

	if (mc_random(raw, sizeof(raw)) < 0)
		return -1;
	for (i = 0; i < 8; i++)
		c[i] = (char)('0' + raw[i] % 10);
	c[8] = '\0';
	mc_sha256(h, c, 8);
	mc_time_sql(at, now);
	mc_time_sql(until, now + (time_t)EVAL_PAIR_MINUTES * 60);
	if (mc_db_exec(db, stmts[STMT_DEVICE_ADD], "issbsIs",
		(long long)agency_id, kind, name, (const char *)h, sizeof(h),
		until, admin_id, at) < 0)
		return -1;
	*code = mc_arena_strdup(a, c);
	return 0;
}

int
mc_eval_device_pair(struct mc_db *db, const char *code, time_t now,
    char token[65])
{
	unsigned char raw[32], h[32], th[32];
	char	      at[20];
	long long     n;
	size_t	      i;

	if (code == NULL || strlen(code) != 8)
		return EVAL_BAD_TOKEN;
	for (i = 0; i < 8; i++)
		if (code[i] < '0' || code[i] > '9')
			return EVAL_BAD_TOKEN;
	mc_sha256(h, code, 8);
	if (mc_random(raw, sizeof(raw)) < 0)
		return -1;
	mc_hex(token, raw, sizeof(raw));
	mc_sha256(th, token, 64);
	mc_time_sql(at, now);
	if ((n = mc_db_exec(db, stmts[STMT_DEVICE_PAIR], "bsbs",
		 (const char *)th, sizeof(th), at, (const char *)h, sizeof(h),
		 at)) < 0)
		return -1;
	return n == 1 ? 0 : EVAL_BAD_TOKEN;
}

int
mc_eval_device_get(struct mc_db *db, struct mc_arena *a, const char *token,
    struct mc_eval_device *dev)
{
	struct mc_rows rows;
	unsigned char  h[32];

	memset(dev, 0, sizeof(*dev));
	if (token_hash(token, h) < 0)
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_DEVICE_GET], "b",
		(const char *)h, sizeof(h)) < 0)
		return -1;
	if (rows.n != 1)
		return 0;
	dev->id = mc_rows_int(&rows, 0, 0);
	dev->agency_id = (unsigned int)mc_rows_int(&rows, 0, 1);
	dev->agency_name = mc_rows_str(&rows, 0, 2);
	dev->kind = mc_rows_str(&rows, 0, 3);
	dev->name = mc_rows_str(&rows, 0, 4);
	dev->officer_id = mc_rows_int(&rows, 0, 5);
	dev->officer_name = mc_rows_str(&rows, 0, 6);
	dev->officer_title = mc_rows_str(&rows, 0, 7);
	dev->officer_title_en = mc_rows_str(&rows, 0, 8);
	dev->officer_photo = mc_rows_str(&rows, 0, 9);
	dev->visit_id = mc_rows_int(&rows, 0, 10);
	return 1;
}

int
mc_eval_device_list(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, struct mc_rows *out)
{
	return mc_db_query(db, a, out, stmts[STMT_DEVICE_LIST], "i",
	    (long long)agency_id);
}

int
mc_eval_visit_open(struct mc_db *db, long long device_id, long long officer_id,
    time_t now)
{
	char	  at[20];
	long long n;

	mc_time_sql(at, now);
	if (mc_db_begin(db) < 0)
		return -1;
	if ((n = mc_db_exec(db, stmts[STMT_DEVICE_BIND], "ii", officer_id,
		 device_id)) < 0)
		goto fail;
	if (n == 0) {
		mc_db_rollback(db);
		return EVAL_NOT_FOUND;
	}
	if (mc_db_exec(db, stmts[STMT_VISIT_OPEN], "iis", device_id,
		officer_id, at) < 0)
		goto fail;
	return mc_db_commit(db);
fail:
	mc_db_rollback(db);
	return -1;
}

/* ------------------------------------------------------------ scores */

/* The local (UTC+7) day number of t. */
static long long
local_day(time_t t)
{
	return ((long long)t + 7 * 3600) / 86400;
}

void
mc_eval_dossier_indices(const struct mc_eval_trail *t, int out[EI__MAX])
{
	long long due = local_day(t->due), fin = local_day(t->finished);
	int	  early = t->due > 0 && t->finished > 0 && fin < due;

	if (t->due <= 0 || t->finished <= 0)
		out[EI_1] = 1;
	else
		out[EI_1] = fin < due ? 2 : fin == due ? 1 : 0;
	if (t->steps_late > 0)
		out[EI_2] = 0;
	else if (t->steps_early > 0 && t->steps_ontime == 0)
		out[EI_2] = 2;
	else
		out[EI_2] = 1;
	out[EI_3] = t->supplements == 0 ? 2 : t->supplements == 1 ? 1 : 0;
	if (t->online_in && t->online_out)
		out[EI_4] = 2;
	else if (t->agencies > 1 && t->supplements > 0)
		out[EI_4] = 0;
	else
		out[EI_4] = 1;
	if (t->complaints > 0)
		out[EI_7] = 0;
	else
		out[EI_7] = early ? 2 : 1;
}

int
mc_eval_mean_tenths(long long sum, long long n)
{
	if (n <= 0)
		return -1;
	/* round half up of 10 * sum / n in integers */
	return (int)((20 * sum + n) / (2 * n));
}

void
mc_eval_wilson(long long k, long long n, int *lo, int *hi)
{
	const double z = 1.959964;
	double	     p, d, c, w;

	if (n <= 0) {
		*lo = 0;
		*hi = 1000;
		return;
	}
	p = (double)k / (double)n;
	d = 1 + z * z / (double)n;
	c = (p + z * z / (2.0 * (double)n)) / d;
	w = z * sqrt(p * (1 - p) / (double)n + z * z / (4.0 * n * n)) / d;
	*lo = (int)floor((c - w) * 1000 + 0.5);
	*hi = (int)floor((c + w) * 1000 + 0.5);
	if (*lo < 0)
		*lo = 0;
	if (*hi > 1000)
		*hi = 1000;
}

int
mc_eval_bands(struct mc_db *db, struct mc_arena *a, struct mc_rows *out)
{
	return mc_db_query(db, a, out, stmts[STMT_BANDS], "");
}

int
mc_eval_scores(struct mc_db *db, struct mc_arena *a, unsigned int agency_id,
    int by_procedure, const char *from, const char *to,
    struct mc_eval_score **out, size_t *n)
{
	struct mc_rows	      rows;
	struct mc_eval_score *s = NULL;
	struct mc_eval_trail  t;
	int		      idx[EI__MAX];
	size_t		      i, j, k, m = 0;
	long long	      key;

	*out = NULL;
	*n = 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_TRAIL], "ssii", from, to,
		(long long)agency_id, (long long)agency_id) < 0)
		return -1;
	if (rows.n > 0)
		s = mc_arena_alloc(a, rows.n * sizeof(*s));
	for (i = 0; i < rows.n; i++) {
		key = mc_rows_int(&rows, i, by_procedure ? 3 : 1);
		for (j = 0; j < m && s[j].key != key; j++)
			;
		if (j == m) {
			memset(&s[m], 0, sizeof(s[m]));
			s[m].key = key;
			s[m].name = mc_rows_str(&rows, i,
			    by_procedure ? 4 : 2);
			m++;
		}
		memset(&t, 0, sizeof(t));
		t.due = (time_t)mc_rows_int(&rows, i, 5);
		t.finished = (time_t)mc_rows_int(&rows, i, 6);
		t.online_in = mc_rows_int(&rows, i, 7) == 2;
		t.online_out = mc_rows_int(&rows, i, 8) == 2;
		t.steps_early = (int)mc_rows_int(&rows, i, 9);
		t.steps_ontime = (int)mc_rows_int(&rows, i, 10);
		t.steps_late = (int)mc_rows_int(&rows, i, 11);
		t.supplements = (int)mc_rows_int(&rows, i, 12);
		t.agencies = (int)mc_rows_int(&rows, i, 13);
		mc_eval_dossier_indices(&t, idx);
		s[j].dossiers++;
		for (k = 0; k < EI__MAX; k++)
			s[j].sum[k] += idx[k];
		if (mc_rows_str(&rows, i, 15) != NULL) {
			s[j].ratings++;
			s[j].satisfied += mc_rows_int(&rows, i, 15) >= 1;
			s[j].very += mc_rows_int(&rows, i, 15) == 2;
		}
	}
	*out = s;
	*n = m;
	return 0;
}

int
mc_eval_total_tenths(const struct mc_eval_score *s)
{
	int k, total = 0;

	if (s->dossiers <= 0)
		return -1;
	for (k = 0; k < EI__MAX; k++)
		total += mc_eval_mean_tenths(s->sum[k], s->dossiers);
	return total;
}
