/*
 * The webmasters' corner of the back office (/can-bo/quan-tri-trang/):
 * questions and answers, news, the procedures' online service level, and
 * the "update the public site" button, which queues a site build for
 * bin/worker (mc_sitebuild) and shows its progress. Each change is in the
 * audit log (config_change) in its transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_catalogue.h"
#include "mc_db.h"
#include "mc_fmt.h"
#include "mc_log.h"
#include "mc_search.h"
#include "mc_sitebuild.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define LIST_MAX   500
#define LEVELS_MAX 50

enum field {
	FIELD_CSRF,
	FIELD_FULL,
	FIELD_ACTION,
	FIELD_QUESTION,
	FIELD_ANSWER,
	FIELD_QUESTION_EN,
	FIELD_ANSWER_EN,
	FIELD_FIELD,
	FIELD_PROCEDURE,
	FIELD_PUBLISHED,
	FIELD_SEQ,
	FIELD_KIND,
	FIELD_TITLE,
	FIELD_SUMMARY,
	FIELD_BODY,
	FIELD_TITLE_EN,
	FIELD_SUMMARY_EN,
	FIELD_BODY_EN,
	FIELD_CODE,
	FIELD_SERVICE,
	FIELD_Q,
	FIELD_ASKED,
	FIELD_ASKED_LANG,
	FIELD__MAX
};

static int valid_kind(const struct mc_param *);
static int valid_level(const struct mc_param *);
static int valid_action(const struct mc_param *);

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_FULL] = { "full", valid_uint, 1, 0 },
	[FIELD_ACTION] = { "action", valid_action, 8, 0 },
	[FIELD_QUESTION] = { "question", valid_line, 3000, 0 },
	[FIELD_ANSWER] = { "answer", valid_text, 20000, 0 },
	[FIELD_QUESTION_EN] = { "question_en", valid_line, 3000, 0 },
	[FIELD_ANSWER_EN] = { "answer_en", valid_text, 20000, 0 },
	[FIELD_FIELD] = { "field", valid_uint, 10, 0 },
	[FIELD_PROCEDURE] = { "procedure", valid_code, 40, 0 },
	[FIELD_PUBLISHED] = { "published", valid_uint, 1, 0 },
	[FIELD_SEQ] = { "seq", valid_uint, 5, 0 },
	[FIELD_KIND] = { "kind", valid_kind, 12, 0 },
	[FIELD_TITLE] = { "title", valid_line, 1500, 0 },
	[FIELD_SUMMARY] = { "summary", valid_line, 3000, 0 },
	[FIELD_BODY] = { "body", valid_text, 200000, 0 },
	[FIELD_TITLE_EN] = { "title_en", valid_line, 1500, 0 },
	[FIELD_SUMMARY_EN] = { "summary_en", valid_line, 3000, 0 },
	[FIELD_BODY_EN] = { "body_en", valid_text, 200000, 0 },
	[FIELD_CODE] = { "code", valid_code, 40, 0 },
	[FIELD_SERVICE] = { "service", valid_level, 8, 0 },
	[FIELD_Q] = { "q", valid_line, 200, 0 },
	[FIELD_ASKED] = { "asked", valid_line, 200, 0 },
	[FIELD_ASKED_LANG] = { "asked_lang", valid_line, 2, 0 },
};
/* clang-format on */

enum stmt {
	STMT_FAQS,
	STMT_FAQ,
	STMT_FAQ_ADD,
	STMT_FAQ_SAVE,
	STMT_FAQ_DELETE,
	STMT_FIELDS,
	STMT_FIELD_ONE,
	STMT_NEWS,
	STMT_NEWS_ONE,
	STMT_NEWS_ADD,
	STMT_NEWS_SAVE,
	STMT_NEWS_DELETE,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_FAQS] = "SELECT q.id, q.question, q.question_en IS NOT NULL "
	    "AND q.question_en <> '' AS has_en, q.example, q.published, "
	    "f.name AS field_name, q.procedure_code, q.updated_at FROM faqs q "
	    "LEFT JOIN fields f ON f.id = q.field_id "
	    "ORDER BY q.field_id IS NOT NULL, f.name, q.seq, q.id LIMIT 500",
	[STMT_FAQ] = "SELECT id, field_id, procedure_code, question, answer, "
	    "question_en, answer_en, example, published, seq FROM faqs "
	    "WHERE id = ?",
	[STMT_FAQ_ADD] = "INSERT INTO faqs (field_id, procedure_code, "
	    "question, answer, question_en, answer_en, published, seq, "
	    "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW(), ?)",
	[STMT_FAQ_SAVE] = "UPDATE faqs SET field_id = ?, procedure_code = ?, "
	    "question = ?, answer = ?, question_en = ?, answer_en = ?, "
	    "published = ?, seq = ?, example = 0, updated_at = NOW(), "
	    "updated_by = ? WHERE id = ?",
	[STMT_FAQ_DELETE] = "DELETE FROM faqs WHERE id = ?",
	[STMT_FIELDS] = "SELECT id, name FROM fields ORDER BY name, id",
	[STMT_FIELD_ONE] = "SELECT id FROM fields WHERE id = ?",
	[STMT_NEWS] = "SELECT id, kind, title, example, published, "
	    "published_at FROM news ORDER BY published_at DESC, id DESC "
	    "LIMIT 500",
	[STMT_NEWS_ONE] = "SELECT id, kind, title, summary, body, title_en, "
	    "summary_en, body_en, example, published FROM news WHERE id = ?",
	[STMT_NEWS_ADD] = "INSERT INTO news (kind, title, summary, body, "
	    "title_en, summary_en, body_en, published, published_at, "
	    "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW(), "
	    "NOW(), ?)",
	[STMT_NEWS_SAVE] = "UPDATE news SET kind = ?, title = ?, summary = ?, "
	    "body = ?, title_en = ?, summary_en = ?, body_en = ?, "
	    "published = ?, example = 0, updated_at = NOW(), updated_by = ? "
	    "WHERE id = ?",
	[STMT_NEWS_DELETE] = "DELETE FROM news WHERE id = ?",
};
/* clang-format on */

static int
valid_kind(const struct mc_param *p)
{
	return strcmp(p->value, "news") == 0 ||
	    strcmp(p->value, "announcement") == 0;
}

/* An online service level, or "none" (not classified). */
static int
valid_level(const struct mc_param *p)
{
	return strcmp(p->value, "full") == 0 ||
	    strcmp(p->value, "partial") == 0 || strcmp(p->value, "none") == 0;
}

static int
valid_action(const struct mc_param *p)
{
	return strcmp(p->value, "save") == 0 ||
	    strcmp(p->value, "delete") == 0;
}

/* The field's value, or NULL when absent or blank. */
static const char *
text(struct mc_request *r, int field)
{
	const char *s = mc_req_field(r, field);

	if (s == NULL || s[strspn(s, " \t\r\n")] == '\0')
		return NULL;
	return s;
}

/* A path's id capture as a number; 0 when not one. */
static long long
cap_id(struct mc_request *r)
{
	long long id;

	if (r->ncap < 1 || mc_parse_ll(r->cap[0], 1, 1LL << 31, &id) < 0)
		return 0;
	return id;
}

static void
title(struct mc_request *r, const char *name)
{
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, name));
	mc_view_set(r->hdf, "Page.Nav", "office");
}

/* ------------------------------------------------------------- builds */

/*
 * The button: queues a build (or joins the one waiting) for bin/worker,
 * which runs the generator; the page then follows that build.
 */
static int
page_build_post(struct mc_request *r)
{
	long long id;
	int	  full = mc_req_field(r, FIELD_FULL) != NULL &&
	    strcmp(mc_req_field(r, FIELD_FULL), "1") == 0;
	int rc;

	if ((rc = mc_sitebuild_request(r->db, r->user->id, full, &id)) < 0)
		return 503;
	mc_info("site build %lld (%s) %s by account %lld", id,
	    full ? "full" : "changes", rc == 1 ? "queued" : "joined",
	    r->user->id);
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "/can-bo/quan-tri-trang/cap-nhat/%lld",
		id));
}

static int
build_load(struct mc_request *r, struct mc_rows *rows)
{
	long long id = cap_id(r);
	int	  rc;

	if (id == 0)
		return 404;
	if ((rc = mc_sitebuild_get(r->db, r->arena, id, rows)) < 0)
		return 503;
	return rc == 1 ? 0 : 404;
}

static int
page_build(struct mc_request *r)
{
	struct mc_rows rows;
	int	       rc;

	if ((rc = build_load(r, &rows)) != 0)
		return rc;
	mc_view_rows(r->hdf, "Data.Build", &rows);
	title(r, "Webmaster.Build.Title");
	return mc_resp_page(r, "office/webmaster_build.cs");
}

/*
 * The build's state as JSON, for the page's progress bar: the row's
 * columns, and its times as the page writes them (<name>_text).
 */
static int
page_build_json(struct mc_request *r)
{
	static const int times[] = { SBCOL_REQUESTED, SBCOL_STARTED,
		SBCOL_FINISHED };
	struct mc_rows	 rows;
	const char	*v;
	char		 when[64];
	size_t		 c, i;
	int		 rc;

	r->api = 1;
	if ((rc = build_load(r, &rows)) != 0)
		return rc;
	mc_buf_adds(&r->out, "{");
	for (c = 0; c < rows.ncols; c++) {
		mc_buf_addf(&r->out, "%s\"%s\":", c ? "," : "", rows.names[c]);
		if ((v = mc_rows_str(&rows, 0, c)) == NULL)
			mc_buf_adds(&r->out, "null");
		else
			mc_buf_add_json(&r->out, v);
	}
	for (i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		if ((v = mc_rows_str(&rows, 0, times[i])) == NULL)
			continue;
		mc_fmt_datetime(r->lang, v, when, sizeof(when));
		mc_buf_addf(&r->out, ",\"%s_text\":", rows.names[times[i]]);
		mc_buf_add_json(&r->out, when);
	}
	mc_buf_adds(&r->out, "}\n");
	return mc_resp_json(r, 200);
}

static int
page_home(struct mc_request *r)
{
	struct mc_rows rows;

	if (mc_sitebuild_recent(r->db, r->arena, 5, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Builds", &rows);
	title(r, "Webmaster.Title");
	return mc_resp_page(r, "office/webmaster.cs");
}

/* ------------------------------------------------------------- FAQs */

static int
page_faqs(struct mc_request *r)
{
	struct mc_rows rows;

	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_FAQS], "") < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Faqs", &rows);
	if (strstr(r->query, "ok=1") != NULL)
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Webmaster.Saved"));
	title(r, "Webmaster.Faq.Title");
	return mc_resp_page(r, "office/webmaster_faqs.cs");
}

/* The FAQ form, with its fields' choices; status 200 or 422. */
static int
faq_form(struct mc_request *r, int status)
{
	struct mc_rows fl;

	if (mc_db_query(r->db, r->arena, &fl, stmts[STMT_FIELDS], "") < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Fields", &fl);
	title(r, "Webmaster.Faq.Edit");
	if (mc_resp_page(r, "office/webmaster_faq.cs") != 200)
		return 500;
	return status;
}

/*
 * A new FAQ from the assistant's unanswered question (?asked=, its words,
 * and ?asked_lang=en when asked in English): the question's box of that
 * language holds the words, and the form remembers the question, closed
 * when the FAQ is saved.
 */
static void
asked_form(struct mc_request *r)
{
	const char *asked = text(r, FIELD_ASKED);
	const char *lang = mc_req_field(r, FIELD_ASKED_LANG);
	int	    en = lang != NULL && strcmp(lang, "en") == 0;

	if (asked == NULL || mc_req_field_bad(r, FIELD_ASKED))
		return;
	mc_view_set(r->hdf, "Form.0.asked", asked);
	mc_view_set(r->hdf, "Form.0.asked_lang", en ? "en" : "vi");
	mc_view_set(r->hdf, en ? "Form.0.question_en" : "Form.0.question",
	    asked);
}

static int
page_faq(struct mc_request *r)
{
	struct mc_rows rows;
	long long      id = 0;

	if (r->ncap > 0 && (id = cap_id(r)) == 0)
		return 404;
	if (id != 0) {
		if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_FAQ], "i",
			id) < 0)
			return 503;
		if (rows.n == 0)
			return 404;
		mc_view_rows(r->hdf, "Form", &rows);
	} else {
		mc_view_set(r->hdf, "Form.0.published", "1");
		asked_form(r);
	}
	return faq_form(r, 200);
}

/* Echoes the posted FAQ into Form.0 for a form shown again. */
static void
faq_echo(struct mc_request *r, long long id)
{
	static const struct {
		int	    f;
		const char *n;
	} e[] = {
		{ FIELD_QUESTION, "question" },
		{ FIELD_ANSWER, "answer" },
		{ FIELD_QUESTION_EN, "question_en" },
		{ FIELD_ANSWER_EN, "answer_en" },
		{ FIELD_FIELD, "field_id" },
		{ FIELD_PROCEDURE, "procedure_code" },
		{ FIELD_PUBLISHED, "published" },
		{ FIELD_SEQ, "seq" },
		{ FIELD_ASKED, "asked" },
		{ FIELD_ASKED_LANG, "asked_lang" },
	};
	size_t i;

	if (id != 0)
		mc_view_set_int(r->hdf, "Form.0.id", id);
	for (i = 0; i < sizeof(e) / sizeof(e[0]); i++)
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.0.%s", e[i].n),
		    mc_req_field(r, e[i].f));
}

/* An FAQ being saved: its row and the wordings it answers. */
struct faq_save {
	struct mc_request *r;
	long long	   id, field, seq, pub;
	const char	  *code, *q, *a, *asked;
};

/*
 * The FAQ's row and the wordings the assistant answers with it (the
 * unanswered question it was written from closed), in one transaction.
 */
static int
faq_save_tx(struct mc_db *db, void *arg)
{
	struct faq_save	  *p = arg;
	struct mc_request *r = p->r;
	long long	   id = p->id;

	if (id == 0) {
		if (mc_db_exec(db, stmts[STMT_FAQ_ADD], "IsssssiiI", p->field,
			p->code, p->q, p->a, text(r, FIELD_QUESTION_EN),
			text(r, FIELD_ANSWER_EN), p->pub, p->seq,
			r->user->id) < 0)
			return -1;
		id = (long long)mc_db_insert_id(db);
	} else if (mc_db_exec(db, stmts[STMT_FAQ_SAVE], "IsssssiiIi", p->field,
		       p->code, p->q, p->a, text(r, FIELD_QUESTION_EN),
		       text(r, FIELD_ANSWER_EN), p->pub, p->seq, r->user->id,
		       id) < 0)
		return -1;
	if (mc_search_faq_wordings(db, r->arena, id, p->q,
		text(r, FIELD_QUESTION_EN), p->asked) < 0)
		return -1;
	return office_audit_write(r, AUDIT_CONFIG,
	    mc_arena_printf(r->arena, "faq %lld saved", id), 0);
}

static int
page_faq_post(struct mc_request *r)
{
	struct faq_save fs;
	struct mc_rows	rows;
	const char     *q, *a, *code;
	long long	id = 0, field = 0, seq = 0, pub;
	int		bad = 0;

	if (r->ncap > 0 && (id = cap_id(r)) == 0)
		return 404;
	if (id != 0 && mc_req_field(r, FIELD_ACTION) != NULL &&
	    strcmp(mc_req_field(r, FIELD_ACTION), "delete") == 0) {
		if (mc_db_begin(r->db) < 0 ||
		    office_audit_commit(r,
			mc_db_exec(r->db, stmts[STMT_FAQ_DELETE], "i", id),
			mc_arena_printf(r->arena, "faq %lld deleted", id)) < 0)
			return 503;
		return mc_resp_redirect(r,
		    "/can-bo/quan-tri-trang/hoi-dap?ok=1");
	}
	q = text(r, FIELD_QUESTION);
	a = text(r, FIELD_ANSWER);
	code = text(r, FIELD_PROCEDURE);
	if (mc_req_field(r, FIELD_FIELD) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_FIELD), 0, 1LL << 31,
		    &field);
	if (mc_req_field(r, FIELD_SEQ) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_SEQ), 0, 65535, &seq);
	pub = mc_req_field(r, FIELD_PUBLISHED) != NULL;
	if (q == NULL || mc_req_field_bad(r, FIELD_QUESTION) ||
	    mc_utf8_chars(q) > 1000)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.question", "1");
	if (a == NULL || mc_req_field_bad(r, FIELD_ANSWER))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.answer", "1");
	if (mc_req_field_bad(r, FIELD_QUESTION_EN) ||
	    mc_req_field_bad(r, FIELD_ANSWER_EN) ||
	    (text(r, FIELD_QUESTION_EN) != NULL &&
		mc_utf8_chars(text(r, FIELD_QUESTION_EN)) > 1000))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.english", "1");
	if (field != 0) {
		if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_FIELD_ONE],
			"i", field) < 0)
			return 503;
		if (rows.n == 0)
			bad = 1, field = 0;
	}
	if (code != NULL) {
		struct mc_cat_query cq;
		long long	    total;

		memset(&cq, 0, sizeof(cq));
		cq.q = code;
		cq.limit = 1;
		if (mc_catalogue_find(r->db, r->arena, &cq, &rows, &total) < 0)
			return 503;
		if (mc_req_field_bad(r, FIELD_PROCEDURE) || rows.n == 0 ||
		    strcmp(mc_rows_str(&rows, 0, CATL_CODE), code) != 0)
			bad = 1,
			mc_view_set(r->hdf, "Form.Errors.procedure", "1");
	}
	if (bad) {
		faq_echo(r, id);
		mc_view_set(r->hdf, "Form.Invalid", "1");
		return faq_form(r, 422);
	}
	memset(&fs, 0, sizeof(fs));
	fs.r = r;
	fs.id = id;
	fs.field = field;
	fs.seq = seq;
	fs.pub = pub;
	fs.code = code;
	fs.q = q;
	fs.a = a;
	if (!mc_req_field_bad(r, FIELD_ASKED))
		fs.asked = text(r, FIELD_ASKED);
	if (mc_db_tx(r->db, faq_save_tx, &fs) < 0)
		return 503;
	return mc_resp_redirect(r, "/can-bo/quan-tri-trang/hoi-dap?ok=1");
}

/* ------------------------------------------------------------- news */

static int
page_news(struct mc_request *r)
{
	struct mc_rows rows;

	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_NEWS], "") < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.News", &rows);
	if (strstr(r->query, "ok=1") != NULL)
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Webmaster.Saved"));
	title(r, "Webmaster.News.Title");
	return mc_resp_page(r, "office/webmaster_news.cs");
}

static int
news_form(struct mc_request *r, int status)
{
	title(r, "Webmaster.News.Edit");
	if (mc_resp_page(r, "office/webmaster_news_item.cs") != 200)
		return 500;
	return status;
}

static int
page_news_item(struct mc_request *r)
{
	struct mc_rows rows;
	long long      id = 0;

	if (r->ncap > 0 && (id = cap_id(r)) == 0)
		return 404;
	if (id != 0) {
		if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_NEWS_ONE],
			"i", id) < 0)
			return 503;
		if (rows.n == 0)
			return 404;
		mc_view_rows(r->hdf, "Form", &rows);
	} else {
		mc_view_set(r->hdf, "Form.0.published", "1");
		mc_view_set(r->hdf, "Form.0.kind", "news");
	}
	return news_form(r, 200);
}

static int
page_news_post(struct mc_request *r)
{
	static const struct {
		int	    f;
		const char *n;
	} e[] = {
		{ FIELD_KIND, "kind" },
		{ FIELD_TITLE, "title" },
		{ FIELD_SUMMARY, "summary" },
		{ FIELD_BODY, "body" },
		{ FIELD_TITLE_EN, "title_en" },
		{ FIELD_SUMMARY_EN, "summary_en" },
		{ FIELD_BODY_EN, "body_en" },
		{ FIELD_PUBLISHED, "published" },
	};
	const char *kind = mc_req_field(r, FIELD_KIND);
	const char *t = text(r, FIELD_TITLE), *body = text(r, FIELD_BODY);
	long long   id = 0, pub, n;
	size_t	    i;
	int	    bad = 0;

	if (r->ncap > 0 && (id = cap_id(r)) == 0)
		return 404;
	if (id != 0 && mc_req_field(r, FIELD_ACTION) != NULL &&
	    strcmp(mc_req_field(r, FIELD_ACTION), "delete") == 0) {
		if (mc_db_begin(r->db) < 0 ||
		    office_audit_commit(r,
			mc_db_exec(r->db, stmts[STMT_NEWS_DELETE], "i", id),
			mc_arena_printf(r->arena, "news %lld deleted", id)) <
			0)
			return 503;
		return mc_resp_redirect(r,
		    "/can-bo/quan-tri-trang/tin-tuc?ok=1");
	}
	pub = mc_req_field(r, FIELD_PUBLISHED) != NULL;
	if (kind == NULL)
		kind = "news";
	if (t == NULL || mc_utf8_chars(t) > 500)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.title", "1");
	if (body == NULL || mc_req_field_bad(r, FIELD_BODY))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.body", "1");
	if (mc_req_field_bad(r, FIELD_SUMMARY) ||
	    (text(r, FIELD_SUMMARY) &&
		mc_utf8_chars(text(r, FIELD_SUMMARY)) > 1000))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.summary", "1");
	if (mc_req_field_bad(r, FIELD_TITLE_EN) ||
	    mc_req_field_bad(r, FIELD_SUMMARY_EN) ||
	    mc_req_field_bad(r, FIELD_BODY_EN))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.english", "1");
	if (bad) {
		if (id != 0)
			mc_view_set_int(r->hdf, "Form.0.id", id);
		for (i = 0; i < sizeof(e) / sizeof(e[0]); i++)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.0.%s", e[i].n),
			    mc_req_field(r, e[i].f));
		mc_view_set(r->hdf, "Form.Invalid", "1");
		return news_form(r, 422);
	}
	if (mc_db_begin(r->db) < 0)
		return 503;
	if (id == 0) {
		n = mc_db_exec(r->db, stmts[STMT_NEWS_ADD], "sssssssiI", kind,
		    t, text(r, FIELD_SUMMARY), body, text(r, FIELD_TITLE_EN),
		    text(r, FIELD_SUMMARY_EN), text(r, FIELD_BODY_EN), pub,
		    r->user->id);
		id = n > 0 ? (long long)mc_db_insert_id(r->db) : 0;
	} else
		n = mc_db_exec(r->db, stmts[STMT_NEWS_SAVE], "sssssssiIi",
		    kind, t, text(r, FIELD_SUMMARY), body,
		    text(r, FIELD_TITLE_EN), text(r, FIELD_SUMMARY_EN),
		    text(r, FIELD_BODY_EN), pub, r->user->id, id);
	if (office_audit_commit(r, n,
		mc_arena_printf(r->arena, "news %lld saved", id)) < 0)
		return 503;
	return mc_resp_redirect(r, "/can-bo/quan-tri-trang/tin-tuc?ok=1");
}

/* ------------------------------------------------------- service level */

static int
page_levels(struct mc_request *r)
{
	struct mc_cat_query cq;
	struct mc_rows	    rows;
	long long	    total = 0;

	title(r, "Webmaster.Levels.Title");
	mc_view_set(r->hdf, "Form.q", mc_req_field(r, FIELD_Q));
	if (strstr(r->query, "ok=1") != NULL)
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Webmaster.Saved"));
	memset(&cq, 0, sizeof(cq));
	cq.q = mc_req_field(r, FIELD_Q);
	cq.limit = LEVELS_MAX;
	if (cq.q != NULL &&
	    mc_catalogue_find(r->db, r->arena, &cq, &rows, &total) == 0) {
		mc_view_rows(r->hdf, "Data.Results", &rows);
		mc_view_set_int(r->hdf, "Data.Total", total);
	} else if (cq.q != NULL)
		return 503;
	return mc_resp_page(r, "office/webmaster_levels.cs");
}

static int
page_levels_post(struct mc_request *r)
{
	const char *code = mc_req_field(r, FIELD_CODE);
	const char *level = mc_req_field(r, FIELD_SERVICE);
	const char *q = mc_req_field(r, FIELD_Q);
	struct buf  b;
	int	    rc;

	if (code == NULL || level == NULL)
		return 400;
	if (mc_db_begin(r->db) < 0 ||
	    (rc = office_audit_commit(r,
		 mc_catalogue_set_service_level(r->db, code,
		     strcmp(level, "none") == 0 ? NULL : level),
		 mc_arena_printf(r->arena, "service_level %s %s", code,
		     level))) < 0)
		return 503;
	if (rc == 0)
		return 404;
	mc_buf_init(&b, 1024);
	mc_buf_adds(&b, "/can-bo/quan-tri-trang/muc-do?ok=1&q=");
	for (; q != NULL && *q != '\0'; q++)
		if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		    (*q >= '0' && *q <= '9') || *q == '.')
			mc_buf_addc(&b, *q);
		else
			mc_buf_addf(&b, "%%%02X", (unsigned char)*q);
	q = mc_arena_strdup(r->arena, b.s);
	mc_buf_free(&b);
	return mc_resp_redirect(r, q);
}

#define WM ROUTE_LOGIN, ROLES_CONTENT

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/quan-tri-trang/", page_home, WM },
	{ METHOD_POST, "/can-bo/quan-tri-trang/cap-nhat", page_build_post, WM },
	{ METHOD_GET, "/can-bo/quan-tri-trang/cap-nhat/{}", page_build, WM },
	{ METHOD_GET, "/can-bo/quan-tri-trang/cap-nhat/{}/trang-thai",
	    page_build_json, WM },
	{ METHOD_GET, "/can-bo/quan-tri-trang/hoi-dap", page_faqs, WM },
	{ METHOD_GET, "/can-bo/quan-tri-trang/hoi-dap/moi", page_faq, WM },
	{ METHOD_POST, "/can-bo/quan-tri-trang/hoi-dap/moi", page_faq_post, WM },
	{ METHOD_GET, "/can-bo/quan-tri-trang/hoi-dap/{}", page_faq, WM },
	{ METHOD_POST, "/can-bo/quan-tri-trang/hoi-dap/{}", page_faq_post, WM },
	{ METHOD_GET, "/can-bo/quan-tri-trang/tin-tuc", page_news, WM },
	{ METHOD_GET, "/can-bo/quan-tri-trang/tin-tuc/moi", page_news_item, WM },
	{ METHOD_POST, "/can-bo/quan-tri-trang/tin-tuc/moi", page_news_post, WM },
	{ METHOD_GET, "/can-bo/quan-tri-trang/tin-tuc/{}", page_news_item, WM },
	{ METHOD_POST, "/can-bo/quan-tri-trang/tin-tuc/{}", page_news_post, WM },
	{ METHOD_GET, "/can-bo/quan-tri-trang/muc-do", page_levels, WM },
	{ METHOD_POST, "/can-bo/quan-tri-trang/muc-do", page_levels_post, WM },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_webmaster = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
