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
#include "mc_stats.h"
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
	STMT_DEVICE_LOCK,
	STMT_BANDS,
	STMT_TRAIL,
	STMT_TRAIL_OFFICERS,
	STMT_VISIT_RATINGS,
	STMT_FEEDBACK,
	STMT_STEPS,
	STMT_CARD_SET,
	STMT_CARD_GET,
	STMT_DEVICE_REVOKE,
	STMT_OFFICER_AT,
	STMT_TABLETS_OF,
	STMT_UP,
	STMT__MAX
};

/* clang-format off */
/* The score a rating r gave to the question of this code, or NULL. */
#define ANSWER(code) "(SELECT a.score FROM eval_answers a " \
	"JOIN eval_questions qq ON qq.questionnaire_id = r.questionnaire_id " \
	"AND qq.seq = a.seq WHERE a.rating_id = r.id AND qq.code = '" code "')"
/* clang-format on */

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* The city's line: id, version, its agency (0), the agency's name. */
	[STMT_FORM_CURRENT] = "SELECT id, version, 0, NULL "
	    "FROM eval_questionnaires WHERE agency_id IS NULL "
	    "AND valid_from <= ? ORDER BY version DESC LIMIT 1",
	[STMT_FORM_ID] = "SELECT q.id, q.version, COALESCE(q.agency_id, 0), "
	    "ag.name FROM eval_questionnaires q "
	    "LEFT JOIN agencies ag ON ag.id = q.agency_id WHERE q.id = ?",
	[STMT_QUESTIONS] = "SELECT seq, kind, code, text, text_en, o2, o1, o0, "
	    "o2_en, o1_en, o0_en FROM eval_questions "
	    "WHERE questionnaire_id = ? ORDER BY seq LIMIT 20",
	[STMT_TOKEN_USE] = "UPDATE eval_tokens SET used_at = ? "
	    "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
	[STMT_TOKEN_DOSSIER] = "SELECT d.code FROM eval_tokens t "
	    "JOIN dossiers d ON d.id = t.dossier_id WHERE t.token_hash = ?",
	[STMT_TOKEN_PEEK] = "SELECT d.code, d.agency_id FROM eval_tokens t "
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
	    "counter, officer_id, pair_hash, pair_expires_at, created_by, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_DEVICE_PAIR] = "UPDATE eval_devices SET token_hash = ?, "
	    "paired_at = ?, pair_hash = NULL, pair_expires_at = NULL "
	    "WHERE pair_hash = ? AND pair_expires_at > ? AND revoked_at IS NULL",
	[STMT_DEVICE_GET] = "SELECT d.id, d.agency_id, a.name, d.kind, d.name, "
	    "d.officer_id, o.full_name, c.title, c.title_en, c.photo_sha256, "
	    "(SELECT MAX(v.id) FROM eval_visits v WHERE v.device_id = d.id "
	    "AND v.rated_at IS NULL), d.counter, c.photo_mime "
	    "FROM eval_devices d "
	    "JOIN agencies a ON a.id = d.agency_id "
	    "LEFT JOIN accounts o ON o.id = d.officer_id "
	    "LEFT JOIN eval_officer_cards c ON c.account_id = d.officer_id "
	    "WHERE d.token_hash = ? AND d.revoked_at IS NULL",
	[STMT_DEVICE_LIST] = "SELECT d.id, d.kind, d.name, d.counter, "
	    "DATE_FORMAT(d.paired_at, '%Y-%m-%d %H:%i') AS paired_at, "
	    "o.full_name AS officer_name, "
	    "DATE_FORMAT(d.pair_expires_at, '%Y-%m-%d %H:%i') "
	    "AS pair_expires_at, "
	    "DATE_FORMAT(d.revoked_at, '%Y-%m-%d %H:%i') AS revoked_at "
	    "FROM eval_devices d "
	    "LEFT JOIN accounts o ON o.id = d.officer_id "
	    "WHERE d.agency_id = ? ORDER BY d.revoked_at IS NOT NULL, d.id DESC "
	    "LIMIT 500",
	[STMT_DEVICE_REVOKE] = "UPDATE eval_devices SET revoked_at = ?, "
	    "revoked_by = ?, pair_hash = NULL, pair_expires_at = NULL "
	    "WHERE id = ? AND agency_id = ? AND revoked_at IS NULL",
	[STMT_OFFICER_AT] = "SELECT 1 FROM account_roles r "
	    "JOIN accounts a ON a.id = r.account_id WHERE r.account_id = ? "
	    "AND r.agency_id = ? AND r.role IN ('receiver', 'specialist', "
	    "'leader', 'admin') AND a.disabled = 0 LIMIT 1",
	[STMT_TABLETS_OF] = "SELECT d.id, d.name, d.counter, ag.name AS agency, "
	    "o.full_name AS officer_name, d.officer_id = ? AS mine, "
	    "(SELECT COUNT(*) FROM eval_visits v WHERE v.device_id = d.id "
	    "AND v.rated_at IS NULL AND v.officer_id = ?) AS waiting, "
	    "d.agency_id FROM eval_devices d JOIN agencies ag ON ag.id = d.agency_id "
	    "LEFT JOIN accounts o ON o.id = d.officer_id "
	    "WHERE d.kind = 'tablet' AND d.token_hash IS NOT NULL "
	    "AND d.revoked_at IS NULL AND d.agency_id IN (SELECT r.agency_id "
	    "FROM account_roles r WHERE r.account_id = ? AND r.role IN "
	    "('receiver', 'specialist', 'leader', 'admin')) "
	    "ORDER BY d.officer_id = ? DESC, ag.name, d.name LIMIT 100",
	/* An agency and its ancestors (mc_eval_form_applies). */
	[STMT_UP] = "WITH RECURSIVE up (id, parent_id, depth) AS (SELECT id, "
	    "parent_id, 0 FROM agencies WHERE id = ? UNION ALL SELECT ag.id, "
	    "ag.parent_id, up.depth + 1 FROM agencies ag JOIN up "
	    "ON ag.id = up.parent_id WHERE up.depth < 16) SELECT id FROM up",
	[STMT_DEVICE_BIND] = "UPDATE eval_devices SET officer_id = ? "
	    "WHERE id = ?",
	[STMT_DEVICE_LOCK] = "SELECT id FROM eval_devices "
	    "WHERE id = ? AND agency_id = ? AND kind = 'tablet' "
	    "AND token_hash IS NOT NULL AND revoked_at IS NULL FOR UPDATE",
	[STMT_CARD_SET] = "INSERT INTO eval_officer_cards (account_id, title, "
	    "title_en, photo_sha256, photo_mime) VALUES (?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE title = VALUES(title), "
	    "title_en = VALUES(title_en), "
	    "photo_mime = IF(VALUES(photo_sha256) IS NULL, photo_mime, "
	    "VALUES(photo_mime)), "
	    "photo_sha256 = COALESCE(VALUES(photo_sha256), photo_sha256)",
	[STMT_CARD_GET] = "SELECT title, title_en, photo_sha256 "
	    "FROM eval_officer_cards WHERE account_id = ?",
	[STMT_BANDS] = "SELECT min_total, name, name_en FROM eval_bands "
	    "ORDER BY min_total DESC",
	/* Columns in the order of enum trail_col. */
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
	    "(SELECT COUNT(*) FROM supplement_requests q WHERE "
	    "q.dossier_id = d.id AND q.stage = 'processing' "
	    "AND NOT q.cause <=> 'applicant' AND NOT EXISTS (SELECT 1 "
	    "FROM account_roles ar WHERE ar.account_id = q.requested_by "
	    "AND ar.agency_id = d.agency_id)), "
	    "r.id, " ANSWER("overall") ", "
	    "(SELECT COUNT(*) FROM dossier_steps s WHERE s.dossier_id = d.id "
	    "AND s.role <> 'receiver') = 0, "
	    "p.online = 1 OR p.service_level IS NOT NULL, d.code, ag.kind, "
	    "(SELECT COUNT(*) FROM feedback fb WHERE fb.dossier_id = d.id "
	    "AND fb.founded = 1), "
	    "(SELECT COUNT(*) FROM supplement_requests q WHERE "
	    "q.dossier_id = d.id AND q.stage = 'processing' "
	    "AND q.cause = 'applicant') "
	    "FROM dossiers d JOIN agencies ag ON ag.id = d.agency_id "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "LEFT JOIN eval_ratings r ON r.dossier_id = d.id "
	    "WHERE d.status = 10 AND d.returned_at >= ? AND d.returned_at < ? "
	    "AND (ag.id = ? OR ag.parent_id = ?) ORDER BY d.id LIMIT 200000",
	/* Who took a step of those dossiers: dossier id, officer, name. */
	[STMT_TRAIL_OFFICERS] = "SELECT DISTINCT s.dossier_id, s.taken_by, "
	    "o.full_name FROM dossier_steps s "
	    "JOIN dossiers d ON d.id = s.dossier_id "
	    "JOIN agencies ag ON ag.id = d.agency_id "
	    "JOIN accounts o ON o.id = s.taken_by "
	    "WHERE d.status = 10 AND d.returned_at >= ? AND d.returned_at < ? "
	    "AND (ag.id = ? OR ag.parent_id = ?) LIMIT 1000000",
	/* Feedback per agency received in the period (mc_feedback): agency,
	 * how many, how many answered late or overdue now. */
	[STMT_FEEDBACK] = "SELECT f.agency_id, COUNT(*), "
	    "SUM(f.late = 1 OR (f.status = 'open' AND f.due_at < NOW())) "
	    "FROM feedback f JOIN agencies ag ON ag.id = f.agency_id "
	    "WHERE f.created_at >= ? AND f.created_at < ? "
	    "AND (ag.id = ? OR ag.parent_id = ?) GROUP BY f.agency_id",
	/* Counter visits rated: agency, its name, officer, name, overall. */
	[STMT_VISIT_RATINGS] = "SELECT r.agency_id, ag.name, r.officer_id, "
	    "o.full_name, " ANSWER("overall") " FROM eval_ratings r "
	    "JOIN agencies ag ON ag.id = r.agency_id "
	    "LEFT JOIN accounts o ON o.id = r.officer_id "
	    "WHERE r.visit_id IS NOT NULL AND r.created_at >= ? "
	    "AND r.created_at < ? AND (ag.id = ? OR ag.parent_id = ?) "
	    "LIMIT 1000000",
	/* Columns named as enum mc_eval_step_col. */
	[STMT_STEPS] = "SELECT s.name, COUNT(*) AS steps, "
	    "SUM(s.outcome = 'early') AS early, "
	    "SUM(s.outcome = 'ontime') AS ontime, "
	    "SUM(s.outcome = 'late') AS late "
	    "FROM dossier_steps s JOIN agencies ag ON ag.id = s.agency_id "
	    "WHERE s.finished_at >= ? AND s.finished_at < ? "
	    "AND (ag.id = ? OR ag.parent_id = ?) "
	    "AND (? = 0 OR s.taken_by = ?) "
	    "GROUP BY s.name ORDER BY s.name LIMIT 500",
};
/* clang-format on */

static const char *const channels[] = { "web", "link", "kiosk", "tablet" };

/* 0 if rows have n columns, as their enum says; else logs it, -1. */
static int
rows_shape(const struct mc_rows *rows, size_t n)
{
	if (rows->ncols == n)
		return 0;
	mc_err("mc_eval: %zu columns, not %zu", rows->ncols, n);
	return -1;
}

static const char *const kinds[EVAL__KINDS] = {
	[EVAL_INDEX] = "index",
	[EVAL_SATISFACTION] = "satisfaction",
	[EVAL_EXTRA] = "extra",
};

const char *
mc_eval_kind_name(enum mc_eval_kind k)
{
	return (unsigned)k < EVAL__KINDS ? kinds[k] : kinds[EVAL_SATISFACTION];
}

enum mc_eval_kind
mc_eval_kind_parse(const char *s)
{
	int i;

	for (i = 0; i < EVAL__KINDS; i++)
		if (s != NULL && strcmp(s, kinds[i]) == 0)
			return (enum mc_eval_kind)i;
	return EVAL_SATISFACTION;
}

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
	f->agency_id = (unsigned int)mc_rows_int(&rows, 0, 2);
	f->agency_name = mc_rows_str(&rows, 0, 3);
	if (mc_db_query(db, a, &qs, stmts[STMT_QUESTIONS], "i", f->id) < 0)
		return -1;
	for (i = 0; i < qs.n && i < EVAL_MAX_QUESTIONS; i++) {
		struct mc_eval_question *q = &f->q[i];

		q->seq = (int)mc_rows_int(&qs, i, 0);
		q->kind = mc_eval_kind_parse(mc_rows_str(&qs, i, 1));
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
mc_eval_form_applies(struct mc_db *db, struct mc_arena *a, unsigned int owner,
    unsigned int agency)
{
	struct mc_rows rows;
	size_t	       i;

	if (owner == 0)
		return 1;
	if (mc_db_query(db, a, &rows, stmts[STMT_UP], "i", (long long)agency) <
	    0)
		return -1;
	for (i = 0; i < rows.n; i++)
		if (mc_rows_int(&rows, i, 0) == owner)
			return 1;
	return 0;
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
	/* The satisfaction's summaries, in the same transaction. */
	if (mc_stats_rating(db, id) < 0)
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
	int	       rc;

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
	if ((rc = mc_eval_form_applies(db, a, f->agency_id,
		 (unsigned int)mc_rows_int(&d, 0, 3))) != 1)
		return rc < 0 ? -1 : EVAL_WRONG_FORM;
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
	int	       rc;

	if (mc_db_query(db, a, &v, stmts[STMT_VISIT_USE], "i", r->device_id) <
	    0)
		return -1;
	if (v.n != 1)
		return EVAL_NOT_FOUND;
	if ((rc = mc_eval_form_applies(db, a, f->agency_id,
		 (unsigned int)mc_rows_int(&v, 0, 2))) != 1)
		return rc < 0 ? -1 : EVAL_WRONG_FORM;
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
    time_t now, const char **code, unsigned int *agency)
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
	if (agency != NULL)
		*agency = (unsigned int)mc_rows_int(&rows, 0, 1);
	return 1;
}

/* ------------------------------------------------------------ devices */

int
mc_eval_device_add(struct mc_db *db, struct mc_arena *a,
    const struct mc_eval_device_new *d, long long admin_id, time_t now,
    const char **code)
{
	unsigned char raw[8], h[32];
	char	      c[9], at[20], until[20];
	int	      i, tablet = strcmp(d->kind, "tablet") == 0;

	if (!tablet && strcmp(d->kind, "kiosk") != 0)
		return EVAL_FORBIDDEN;
	if (tablet && d->officer_id > 0 &&
	    mc_eval_officer_at(db, a, d->officer_id, d->agency_id) != 1)
		return EVAL_FORBIDDEN;
	if (mc_random(raw, sizeof(raw)) < 0)
		return -1;
	for (i = 0; i < 8; i++)
		c[i] = (char)('0' + raw[i] % 10);
	c[8] = '\0';
	mc_sha256(h, c, 8);
	mc_time_sql(at, now);
	mc_time_sql(until, now + (time_t)EVAL_PAIR_MINUTES * 60);
	if (mc_db_exec(db, stmts[STMT_DEVICE_ADD], "isssIbsIs",
		(long long)d->agency_id, d->kind, d->name,
		tablet ? d->counter : NULL, tablet ? d->officer_id : 0,
		(const char *)h, sizeof(h), until, admin_id, at) < 0)
		return -1;
	*code = mc_arena_strdup(a, c);
	return 0;
}

int
mc_eval_officer_at(struct mc_db *db, struct mc_arena *a, long long officer_id,
    unsigned int agency_id)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_OFFICER_AT], "ii", officer_id,
		(long long)agency_id) < 0)
		return -1;
	return rows.n > 0;
}

int
mc_eval_device_revoke(struct mc_db *db, unsigned int agency_id,
    long long device_id, long long by, time_t now)
{
	char	  at[20];
	long long n;

	mc_time_sql(at, now);
	if ((n = mc_db_exec(db, stmts[STMT_DEVICE_REVOKE], "siii", at, by,
		 device_id, (long long)agency_id)) < 0)
		return -1;
	return n > 0;
}

int
mc_eval_tablets_of(struct mc_db *db, struct mc_arena *a, long long officer_id,
    struct mc_rows *out)
{
	if (mc_db_query(db, a, out, stmts[STMT_TABLETS_OF], "iiii", officer_id,
		officer_id, officer_id, officer_id) < 0)
		return -1;
	return rows_shape(out, ETAB__MAX);
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
	dev->counter = mc_rows_str(&rows, 0, 11);
	dev->officer_photo_mime = mc_rows_str(&rows, 0, 12);
	return 1;
}

int
mc_eval_device_list(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, struct mc_rows *out)
{
	if (mc_db_query(db, a, out, stmts[STMT_DEVICE_LIST], "i",
		(long long)agency_id) < 0)
		return -1;
	return rows_shape(out, EDEV__MAX);
}

int
mc_eval_visit_open(struct mc_db *db, struct mc_arena *a, long long device_id,
    unsigned int agency_id, long long officer_id, time_t now)
{
	struct mc_rows rows;
	char	       at[20];

	mc_time_sql(at, now);
	if (mc_db_begin(db) < 0)
		return -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_DEVICE_LOCK], "ii", device_id,
		(long long)agency_id) < 0)
		goto fail;
	if (rows.n == 0) {
		mc_db_rollback(db);
		return EVAL_NOT_FOUND;
	}
	if (mc_db_exec(db, stmts[STMT_DEVICE_BIND], "ii", officer_id,
		device_id) < 0 ||
	    mc_db_exec(db, stmts[STMT_VISIT_OPEN], "iis", device_id,
		officer_id, at) < 0)
		goto fail;
	return mc_db_commit(db);
fail:
	mc_db_rollback(db);
	return -1;
}

int
mc_eval_card_set(struct mc_db *db, long long account_id, const char *title,
    const char *title_en, const char *photo_sha256, const char *photo_mime)
{
	return mc_db_exec(db, stmts[STMT_CARD_SET], "issss", account_id, title,
		   title_en, photo_sha256, photo_mime) < 0 ?
	    -1 :
	    0;
}

int
mc_eval_card_get(struct mc_db *db, struct mc_arena *a, long long account_id,
    const char **title, const char **title_en, const char **photo)
{
	struct mc_rows rows;

	*title = *title_en = *photo = NULL;
	if (mc_db_query(db, a, &rows, stmts[STMT_CARD_GET], "i", account_id) <
	    0)
		return -1;
	if (rows.n == 0)
		return 0;
	*title = mc_rows_str(&rows, 0, 0);
	*title_en = mc_rows_str(&rows, 0, 1);
	*photo = mc_rows_str(&rows, 0, 2);
	return 1;
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
	int	  contacts;

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
	/* Rounds caused by the applicant's missing or wrong papers do not
	 * count (Circular 01/2018 Art. 13: "unless the applicant's fault"). */
	contacts = t->supplements - t->by_applicant;
	out[EI_3] = contacts <= 0 ? 2 : contacts == 1 ? 1 : 0;
	/* Index 4: see the rule in mc_eval.h. */
	if (t->asked_elsewhere > 0)
		out[EI_4] = 0;
	else if (!t->online_in || !(t->online_out || t->post_out) ||
	    contacts > 0)
		out[EI_4] = 1;
	else
		out[EI_4] = 2;
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

/* The trail's columns (STMT_TRAIL). */
enum trail_col {
	TR_ID,
	TR_AGENCY,
	TR_AGENCY_NAME,
	TR_PROCEDURE,
	TR_PROCEDURE_NAME,
	TR_DUE,
	TR_FINISHED,
	TR_CHANNEL,
	TR_RETURN,
	TR_EARLY,
	TR_ONTIME,
	TR_LATE,
	TR_SUPPLEMENTS,
	TR_ELSEWHERE, /* requests not by the applicant, from another agency */
	TR_RATING,
	TR_OVERALL,
	TR_SECTION,
	TR_ONLINE_PROC,
	TR_CODE,
	TR_AGENCY_KIND,
	TR_COMPLAINTS,	 /* founded feedback about it (mc_feedback) */
	TR_BY_APPLICANT, /* of TR_SUPPLEMENTS, the applicant's fault */
	TR__MAX
};

/* The line of key in s[0..*m), added (name) if new. */
static struct mc_eval_score *
line(struct mc_eval_score *s, size_t *m, long long key, const char *name)
{
	size_t j;

	for (j = 0; j < *m && s[j].key != key; j++)
		;
	if (j == *m) {
		memset(&s[j], 0, sizeof(s[j]));
		s[j].key = key;
		s[j].name = name;
		(*m)++;
	}
	return &s[j];
}

/* Adds trail row i of rows to line l. */
static void
add_dossier(struct mc_eval_score *l, const struct mc_rows *rows, size_t i)
{
	struct mc_eval_trail t;
	int		     idx[EI__MAX], k, part = 0;
	time_t		     due, fin;

	memset(&t, 0, sizeof(t));
	due = t.due = (time_t)mc_rows_int(rows, i, TR_DUE);
	fin = t.finished = (time_t)mc_rows_int(rows, i, TR_FINISHED);
	t.online_in = mc_rows_int(rows, i, TR_CHANNEL) == 2;
	t.online_out = mc_rows_int(rows, i, TR_RETURN) == 2;
	t.post_out = mc_rows_int(rows, i, TR_RETURN) == 3;
	t.steps_early = (int)mc_rows_int(rows, i, TR_EARLY);
	t.steps_ontime = (int)mc_rows_int(rows, i, TR_ONTIME);
	t.steps_late = (int)mc_rows_int(rows, i, TR_LATE);
	t.supplements = (int)mc_rows_int(rows, i, TR_SUPPLEMENTS);
	t.by_applicant = (int)mc_rows_int(rows, i, TR_BY_APPLICANT);
	t.asked_elsewhere = (int)mc_rows_int(rows, i, TR_ELSEWHERE);
	t.complaints = (int)mc_rows_int(rows, i, TR_COMPLAINTS);
	mc_eval_dossier_indices(&t, idx);
	l->dossiers++;
	for (k = 0; k < EI__MAX; k++) {
		l->sum[k] += idx[k];
		part += idx[k];
	}
	l->part_sum += part;
	l->part_sq += part * part;
	if (mc_rows_str(rows, i, TR_OVERALL) != NULL) {
		l->ratings++;
		l->satisfied += mc_rows_int(rows, i, TR_OVERALL) >= 1;
		l->very += mc_rows_int(rows, i, TR_OVERALL) == 2;
	}
	l->section += mc_rows_int(rows, i, TR_SECTION) == 1;
	l->online_proc += mc_rows_int(rows, i, TR_ONLINE_PROC) == 1;
	if (t.online_in) {
		l->online++;
		l->online_late += due > 0 && fin > 0 &&
		    local_day(fin) > local_day(due);
	}
}

/* Adds a rated counter visit's overall answer (NULL: none) to l. */
static void
add_visit(struct mc_eval_score *l, const char *overall)
{
	if (overall == NULL)
		return;
	l->ratings++;
	l->satisfied += overall[0] >= '1';
	l->very += overall[0] == '2';
}

/* The trail row of dossier id (rows sorted by id), or -1. */
static long
find_dossier(const struct mc_rows *rows, long long id)
{
	size_t lo = 0, hi = rows->n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (mc_rows_int(rows, mid, TR_ID) < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < rows->n && mc_rows_int(rows, lo, TR_ID) == id ? (long)lo :
								    -1;
}

int
mc_eval_scores(struct mc_db *db, struct mc_arena *a,
    const struct mc_eval_query *q, struct mc_eval_score **out, size_t *n)
{
	struct mc_rows	      rows, offs, visits;
	struct mc_eval_score *s;
	unsigned char	     *mine = NULL;
	size_t		      i, m = 0, cap;
	long		      d;
	long long	      ag = q->agency_id;

	*out = NULL;
	*n = 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_TRAIL], "ssii", q->from,
		q->to, ag, ag) < 0 ||
	    rows_shape(&rows, TR__MAX) < 0)
		return -1;
	offs.n = visits.n = 0;
	if ((q->by == EVAL_BY_OFFICER || q->officer_id > 0) &&
	    mc_db_query(db, a, &offs, stmts[STMT_TRAIL_OFFICERS], "ssii",
		q->from, q->to, ag, ag) < 0)
		return -1;
	if (q->by != EVAL_BY_PROCEDURE && q->by != EVAL_BY_DOSSIER &&
	    mc_db_query(db, a, &visits, stmts[STMT_VISIT_RATINGS], "ssii",
		q->from, q->to, ag, ag) < 0)
		return -1;
	cap = rows.n + offs.n + visits.n + 1;
	s = mc_arena_alloc(a, cap * sizeof(*s));
	if (q->officer_id > 0) {
		/* Only the dossiers the officer took a step of. */
		mine = mc_arena_alloc(a, rows.n + 1);
		memset(mine, 0, rows.n + 1);
		for (i = 0; i < offs.n; i++)
			if (mc_rows_int(&offs, i, 1) == q->officer_id &&
			    (d = find_dossier(&rows,
				 mc_rows_int(&offs, i, 0))) >= 0)
				mine[d] = 1;
	}
	if (q->by == EVAL_BY_OFFICER) {
		for (i = 0; i < offs.n; i++) {
			if (q->officer_id > 0 &&
			    mc_rows_int(&offs, i, 1) != q->officer_id)
				continue;
			if ((d = find_dossier(&rows,
				 mc_rows_int(&offs, i, 0))) < 0)
				continue;
			add_dossier(line(s, &m, mc_rows_int(&offs, i, 1),
					mc_rows_str(&offs, i, 2)),
			    &rows, (size_t)d);
		}
	} else
		for (i = 0; i < rows.n; i++) {
			if (mine != NULL && !mine[i])
				continue;
			switch (q->by) {
			case EVAL_BY_PROCEDURE:
				add_dossier(
				    line(s, &m,
					mc_rows_int(&rows, i, TR_PROCEDURE),
					mc_rows_str(&rows, i,
					    TR_PROCEDURE_NAME)),
				    &rows, i);
				break;
			case EVAL_BY_DOSSIER:
				add_dossier(
				    line(s, &m, mc_rows_int(&rows, i, TR_ID),
					mc_rows_str(&rows, i, TR_CODE)),
				    &rows, i);
				break;
			default:
				add_dossier(
				    line(s, &m,
					mc_rows_int(&rows, i, TR_AGENCY),
					mc_rows_str(&rows, i, TR_AGENCY_NAME)),
				    &rows, i);
			}
		}
	for (i = 0; i < visits.n; i++) {
		if (q->by == EVAL_BY_OFFICER) {
			if (mc_rows_str(&visits, i, 2) == NULL ||
			    (q->officer_id > 0 &&
				mc_rows_int(&visits, i, 2) != q->officer_id))
				continue;
			add_visit(line(s, &m, mc_rows_int(&visits, i, 2),
				      mc_rows_str(&visits, i, 3)),
			    mc_rows_str(&visits, i, 4));
		} else if (q->officer_id == 0)
			add_visit(line(s, &m, mc_rows_int(&visits, i, 0),
				      mc_rows_str(&visits, i, 1)),
			    mc_rows_str(&visits, i, 4));
	}
	if (q->by == EVAL_BY_AGENCY && q->officer_id == 0) {
		/* Index 8: the feedback about each unit and how it was
		 * handled. */
		if (mc_db_query(db, a, &visits, stmts[STMT_FEEDBACK], "ssii",
			q->from, q->to, ag, ag) < 0)
			return -1;
		for (i = 0; i < visits.n; i++)
			for (d = 0; d < (long)m; d++)
				if (s[d].key == mc_rows_int(&visits, i, 0)) {
					s[d].feedback = mc_rows_int(&visits, i,
					    1);
					s[d].feedback_late = mc_rows_int(
					    &visits, i, 2);
				}
	}
	*out = s;
	*n = m;
	return 0;
}

void
mc_eval_unit_indices(const struct mc_eval_score *s, int out[EU__MAX])
{
	if (s->dossiers <= 0) {
		out[EU_5] = out[EU_6] = out[EU_8] = out[EU_9] = -1;
		return;
	}
	out[EU_5] = s->section > 0 ? 2 : 1;
	out[EU_6] = s->online_proc == s->dossiers ? 2 : 1;
	if (s->feedback == 0 || s->feedback_late == 0)
		out[EU_8] = 2;
	else
		out[EU_8] = s->feedback_late * 10 <= s->feedback ? 1 : 0;
	if (s->online == 0 || s->online_late > 0)
		out[EU_9] = 0;
	else
		out[EU_9] = s->online * 100 >= s->dossiers * EVAL_ONLINE_HIGH ?
		    2 :
		    1;
}

int
mc_eval_total_tenths(const struct mc_eval_score *s)
{
	int k, total = 0, u[EU__MAX];

	if (s->dossiers <= 0)
		return -1;
	for (k = 0; k < EI__MAX; k++)
		total += mc_eval_mean_tenths(s->sum[k], s->dossiers);
	mc_eval_unit_indices(s, u);
	for (k = 0; k < EU__MAX; k++)
		total += 10 * u[k];
	return total;
}

void
mc_eval_total_interval(const struct mc_eval_score *s, int *lo, int *hi)
{
	long long n = s->dossiers;
	int	  total = mc_eval_total_tenths(s), u[EU__MAX], k, unit = 0, h;
	double	  var;

	*lo = *hi = -1;
	if (total < 0)
		return;
	mc_eval_unit_indices(s, u);
	for (k = 0; k < EU__MAX; k++)
		unit += 10 * u[k];
	*lo = unit;
	*hi = unit + 20 * EI__MAX;
	if (n < 2)
		return;
	/* The sample's variance from its moments, exact in integers. */
	var = (double)(n * s->part_sq - s->part_sum * s->part_sum) /
	    ((double)n * (double)(n - 1));
	h = (int)(1.959964 * sqrt(var / (double)n) * 10 + 0.5);
	if (total - h > *lo)
		*lo = total - h;
	if (total + h < *hi)
		*hi = total + h;
}

int
mc_eval_band(const struct mc_rows *bands, int tenths)
{
	long long   min;
	size_t	    i;
	char	    buf[16];
	const char *v, *dot;

	for (i = 0; i < bands->n; i++) {
		v = mc_rows_str(bands, i, 0);
		if (v == NULL)
			continue;
		/* "16.0": tenths 160 */
		dot = strchr(v, '.');
		snprintf(buf, sizeof(buf), "%.*s%c",
		    dot ? (int)(dot - v) : (int)strlen(v), v,
		    dot && dot[1] ? dot[1] : '0');
		if (mc_parse_ll(buf, 0, 1000, &min) < 0)
			continue;
		if (tenths >= min)
			return (int)i;
	}
	return -1;
}

int
mc_eval_steps(struct mc_db *db, struct mc_arena *a,
    const struct mc_eval_query *q, struct mc_rows *out)
{
	if (mc_db_query(db, a, out, stmts[STMT_STEPS], "ssiiii", q->from,
		q->to, (long long)q->agency_id, (long long)q->agency_id,
		q->officer_id, q->officer_id) < 0)
		return -1;
	return rows_shape(out, ESTEP__MAX);
}

/* ------------------------------------------------------------ league */

/* A procedure's city-wide tally: dossiers and those on time. */
struct proc_tally {
	long long id;
	long long n;
	long long ontime;
};

static int
tally_cmp(const void *a, const void *b)
{
	const struct proc_tally *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* 1 if trail row i was decided by its due day (or has no clock). */
static int
on_time(const struct mc_rows *rows, size_t i)
{
	time_t due = (time_t)mc_rows_int(rows, i, TR_DUE);
	time_t fin = (time_t)mc_rows_int(rows, i, TR_FINISHED);

	return due <= 0 || fin <= 0 || local_day(fin) <= local_day(due);
}

/*
 * The league's order: ranked first, by total; tied totals by name only,
 * so that the order within a shared rank says nothing of merit (no
 * tie-break: the legal score is the total, nothing else; not even its
 * interval).
 */
static int
league_cmp(const void *a, const void *b)
{
	const struct mc_eval_league *x = a, *y = b;

	if (x->ranked != y->ranked)
		return y->ranked - x->ranked;
	if (x->total != y->total)
		return y->total - x->total;
	return strcmp(x->s.name ? x->s.name : "", y->s.name ? y->s.name : "");
}

/* What a rank goes by: the total or the raw on-time rate. */
enum league_by { BY_TOTAL, BY_ONTIME };

/* Line x's figure, its interval's ends and its rank by what by says. */
static int
by_value(const struct mc_eval_league *x, enum league_by by)
{
	return by == BY_TOTAL ? x->total : x->ontime_rate;
}

static int
by_lo(const struct mc_eval_league *x, enum league_by by)
{
	return by == BY_TOTAL ? x->tot_lo : x->ot_lo;
}

static int
by_hi(const struct mc_eval_league *x, enum league_by by)
{
	return by == BY_TOTAL ? x->tot_hi : x->ot_hi;
}

static int *
by_rank(struct mc_eval_league *x, enum league_by by)
{
	return by == BY_TOTAL ? &x->rank : &x->ot_rank;
}

/*
 * 1 if line x comes before line y: by the total, the league's order (the
 * lines are sorted, x < y); on time, the raw rate (the one with the
 * interval), then the interval's low end, then the league's order.
 */
static int
league_before(const struct mc_eval_league *l, size_t x, size_t y,
    enum league_by by)
{
	if (by == BY_ONTIME && l[x].ontime_rate != l[y].ontime_rate)
		return l[x].ontime_rate > l[y].ontime_rate;
	if (by == BY_ONTIME && l[x].ot_lo != l[y].ot_lo)
		return l[x].ot_lo > l[y].ot_lo;
	return x < y;
}

/*
 * The table a line is ranked in: the departments' (1) or the wards' and
 * communes' (0), as the league page shows them, each ranked from 1.
 */
static int
league_table(const struct mc_eval_league *x)
{
	return x->kind != NULL && strcmp(x->kind, "department") == 0;
}

/*
 * The ranks by what by says of table's ranked lines (their ranks 0
 * before), in its order: a line shares the rank of its group's first (the leader)
 * when their intervals overlap, or when its figure equals the one of the
 * line before it (as shown: equal figures always share); else it starts a
 * group at its place. Lines are taken best first, one at a time (a few
 * hundred agencies: no allocation).
 */
static void
league_share_rank(struct mc_eval_league *l, size_t n, enum league_by by,
    int table)
{
	size_t i, best, lead = 0, prev = 0, place;
	int    found;

	for (place = 1;; place++) {
		found = 0;
		best = 0;
		for (i = 0; i < n; i++)
			if (l[i].ranked && league_table(&l[i]) == table &&
			    *by_rank(&l[i], by) == 0 &&
			    (!found || league_before(l, i, best, by))) {
				best = i;
				found = 1;
			}
		if (!found)
			return;
		if (place > 1 &&
		    (by_value(&l[best], by) == by_value(&l[prev], by) ||
			(by_lo(&l[best], by) <= by_hi(&l[lead], by) &&
			    by_hi(&l[best], by) >= by_lo(&l[lead], by))))
			*by_rank(&l[best], by) = *by_rank(&l[lead], by);
		else {
			lead = best;
			*by_rank(&l[best], by) = (int)place;
		}
		prev = best;
	}
}

void
mc_eval_league_rank(struct mc_eval_league *l, size_t n)
{
	size_t i;
	int    table;

	qsort(l, n, sizeof(*l), league_cmp);
	for (i = 0; i < n; i++)
		l[i].rank = l[i].ot_rank = 0;
	for (table = 0; table <= 1; table++) {
		league_share_rank(l, n, BY_TOTAL, table);
		league_share_rank(l, n, BY_ONTIME, table);
	}
}

int
mc_eval_league(struct mc_db *db, struct mc_arena *a, unsigned int root,
    const char *from, const char *to, long long min_dossiers,
    struct mc_eval_league **out, size_t *n, int *city_ontime)
{
	struct mc_rows	       rows;
	struct mc_eval_league *l;
	struct proc_tally     *p, key, *hit;
	size_t		       i, j, np = 0, m = 0;
	long long	       all = 0, all_on = 0;
	double		       expected;

	*out = NULL;
	*n = 0;
	*city_ontime = -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_TRAIL], "ssii", from, to,
		(long long)root, (long long)root) < 0 ||
	    rows_shape(&rows, TR__MAX) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	p = mc_arena_alloc(a, rows.n * sizeof(*p));
	l = mc_arena_alloc(a, rows.n * sizeof(*l));
	/* The city-wide on-time rate of each procedure. */
	for (i = 0; i < rows.n; i++) {
		key.id = mc_rows_int(&rows, i, TR_PROCEDURE);
		for (j = 0; j < np && p[j].id != key.id; j++)
			;
		if (j == np) {
			p[np].id = key.id;
			p[np].n = p[np].ontime = 0;
			np++;
		}
		p[j].n++;
		p[j].ontime += on_time(&rows, i);
		all++;
		all_on += on_time(&rows, i);
	}
	qsort(p, np, sizeof(*p), tally_cmp);
	*city_ontime = (int)((all_on * 1000 + all / 2) / all);
	for (i = 0; i < rows.n; i++) {
		long long ag = mc_rows_int(&rows, i, TR_AGENCY);

		for (j = 0; j < m && l[j].s.key != ag; j++)
			;
		if (j == m) {
			memset(&l[m], 0, sizeof(l[m]));
			l[m].s.key = ag;
			l[m].s.name = mc_rows_str(&rows, i, TR_AGENCY_NAME);
			l[m].kind = mc_rows_str(&rows, i, TR_AGENCY_KIND);
			m++;
		}
		add_dossier(&l[j].s, &rows, i);
		l[j].ontime += on_time(&rows, i);
		key.id = mc_rows_int(&rows, i, TR_PROCEDURE);
		hit = bsearch(&key, p, np, sizeof(*p), tally_cmp);
		l[j].expected += hit != NULL && hit->n > 0 ?
		    (double)hit->ontime / (double)hit->n :
		    0;
	}
	for (j = 0; j < m; j++) {
		/* The city's and the units' own lines are in no table. */
		l[j].ranked = l[j].s.dossiers >= min_dossiers &&
		    (l[j].kind == NULL ||
			(strcmp(l[j].kind, "city") != 0 &&
			    strcmp(l[j].kind, "unit") != 0));
		l[j].total = mc_eval_total_tenths(&l[j].s);
		mc_eval_total_interval(&l[j].s, &l[j].tot_lo, &l[j].tot_hi);
		l[j].ontime_rate = (int)((l[j].ontime * 1000 +
					     l[j].s.dossiers / 2) /
		    l[j].s.dossiers);
		mc_eval_wilson(l[j].ontime, l[j].s.dossiers, &l[j].ot_lo,
		    &l[j].ot_hi);
		if (l[j].s.ratings > 0)
			mc_eval_wilson(l[j].s.satisfied, l[j].s.ratings,
			    &l[j].sat_lo, &l[j].sat_hi);
		/* Indirectly standardised: observed / expected x city. */
		expected = l[j].expected;
		l[j].adjusted = expected > 0 ?
		    (int)((double)l[j].ontime / expected * *city_ontime +
			0.5) :
		    l[j].ontime_rate;
		if (l[j].adjusted > 1000)
			l[j].adjusted = 1000;
	}
	mc_eval_league_rank(l, m);
	*out = l;
	*n = m;
	return 0;
}
