/*
 * The questionnaire editor (issue 10): an evaluation manager edits the
 * wording of the questions their citizens are asked and adds a question;
 * the save is a new version of the line of the city or of the manager's
 * agency (?agency=: theirs or one under it; an agency's first version
 * starts from its ancestor's or the city's), lib/domain/mc_eval_form.c.
 * The line's versions listed with their ratings: earlier answers stay tied
 * to theirs. A version's note of what changed is in both languages, as the
 * questions' wording (the manager writes both; a switch's is made in each
 * from the question's texts), and shown in the reader's. The versions with
 * their questions download as CSV (bang-hoi.csv).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_db.h"
#include "mc_eval.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define PATH "/can-bo/danh-gia/bang-hoi"

enum field {
	FIELD_CSRF,
	FIELD_AGENCY,
	FIELD_BASE,
	FIELD_NOTE,
	FIELD_NOTE_EN,
	FIELD_NEW,
	FIELD_NEW_EN,
	FIELD_NEW_KIND,
	FIELD_OK,
	FIELD_OFF,
	FIELD_ON,
	FIELD_T1, /* t1 .. t20: question N's Vietnamese text */
	FIELD_T20 = FIELD_T1 + EVAL_MAX_QUESTIONS - 1,
	FIELD_E1, /* e1 .. e20: its English text */
	FIELD_E20 = FIELD_E1 + EVAL_MAX_QUESTIONS - 1,
	FIELD_R1, /* r1 .. r20: 1 to leave added question N out */
	FIELD_R20 = FIELD_R1 + EVAL_MAX_QUESTIONS - 1,
	FIELD__MAX
};

/* clang-format off */
#define T(n) [FIELD_T1 + (n) - 1] = { "t" #n, valid_line, 2000, 0 }, \
	[FIELD_E1 + (n) - 1] = { "e" #n, valid_line, 2000, 0 }, \
	[FIELD_R1 + (n) - 1] = { "r" #n, valid_uint, 1, 0 }
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_BASE] = { "base", valid_uint, 10, 0 },
	[FIELD_NOTE] = { "note", valid_line, 500, 0 },
	[FIELD_NOTE_EN] = { "note_en", valid_line, 500, 0 },
	[FIELD_NEW] = { "nt", valid_line, 2000, 0 },
	[FIELD_NEW_EN] = { "ne", valid_line, 2000, 0 },
	[FIELD_NEW_KIND] = { "nk", valid_code, 16, 0 },
	[FIELD_OK] = { "ok", valid_uint, 6, 0 },
	[FIELD_OFF] = { "off", valid_code, 32, 0 },
	[FIELD_ON] = { "on", valid_code, 32, 0 },
	T(1), T(2), T(3), T(4), T(5), T(6), T(7), T(8), T(9), T(10),
	T(11), T(12), T(13), T(14), T(15), T(16), T(17), T(18), T(19), T(20),
};
#undef T
/* clang-format on */

/* A posted text, trimmed of spaces around; NULL when absent or empty. */
static const char *
text(struct mc_request *r, int field)
{
	const char *s = mc_req_field(r, field);
	size_t	    n;

	if (s == NULL)
		return NULL;
	while (*s == ' ')
		s++;
	for (n = strlen(s); n > 0 && s[n - 1] == ' '; n--)
		;
	return n == 0 ? NULL : mc_arena_strndup(r->arena, s, n);
}

/* Whose line the page is about (mc_eval_form_owner). */
struct owner {
	unsigned int agency; /* 0: the city's */
	const char  *name;
};

/*
 * The page: the version f the owner's citizens are asked as the form
 * (an ancestor's or the city's until the owner has one), the owner's
 * versions listed.
 */
/* The index in f of the question of code, or f->n. */
static size_t
find(const struct mc_eval_form *f, const char *code)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->q[i].code, code) == 0)
			break;
	return i;
}

/*
 * An agency's inherited added questions: those of f the line above (up)
 * has too marked Data.Q.N.inherited (may be switched off), those of up
 * switched off listed as Data.Off.N.{code,text,text_en}.
 */
static void
inherited(struct mc_request *r, const struct mc_eval_form *f,
    const struct mc_eval_form *up)
{
	const char *p;
	size_t	    i, k, n = 0;

	for (i = 0; i < f->n; i++) {
		k = find(up, f->q[i].code);
		if (f->q[i].kind == EVAL_EXTRA && k < up->n &&
		    up->q[k].kind == EVAL_EXTRA)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Data.Q.%zu.inherited",
				i),
			    "1");
	}
	for (k = 0; k < up->n; k++) {
		if (up->q[k].kind != EVAL_EXTRA ||
		    find(f, up->q[k].code) < f->n)
			continue;
		p = mc_arena_printf(r->arena, "Data.Off.%zu", n++);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.code", p),
		    up->q[k].code);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.text", p),
		    up->q[k].text[0]);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.text_en", p),
		    up->q[k].text[1]);
	}
}

static int
page(struct mc_request *r, const struct owner *o, const struct mc_eval_form *f,
    int status)
{
	struct mc_eval_form up;
	struct mc_rows	    versions;
	const char	   *p, *v;
	size_t		    i;
	int		    rc;

	if (mc_eval_forms(r->db, r->arena, o->agency, &versions) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Versions", &versions);
	mc_view_set_int(r->hdf, "Data.Base", f->id);
	mc_view_set_int(r->hdf, "Data.Version", f->version);
	mc_view_set_int(r->hdf, "Data.Agency", o->agency);
	mc_view_set(r->hdf, "Data.AgencyName", o->name);
	if (f->agency_id != o->agency) {
		/* Not its own yet: whose version its citizens are asked. */
		mc_view_set(r->hdf, "Data.Inherited", "1");
		mc_view_set(r->hdf, "Data.FromName", f->agency_name);
	}
	if (f->agency_id == o->agency)
		for (i = 0; i < versions.n; i++)
			if (mc_rows_int(&versions, i, EVF_ID) == f->id)
				mc_view_set(r->hdf, "Data.Since",
				    mc_rows_str(&versions, i, EVF_FROM));
	for (i = 0; i < f->n; i++) {
		p = mc_arena_printf(r->arena, "Data.Q.%zu", i);
		mc_view_set_int(r->hdf, mc_arena_printf(r->arena, "%s.n", p),
		    (long long)i + 1);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.code", p),
		    f->q[i].code);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.kind", p),
		    mc_eval_kind_name(f->q[i].kind));
		/* What was posted, on a refusal; else the version's. */
		v = status != 200 ? mc_req_field(r, FIELD_T1 + (int)i) : NULL;
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.text", p),
		    v != NULL ? v : f->q[i].text[0]);
		v = status != 200 ? mc_req_field(r, FIELD_E1 + (int)i) : NULL;
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.text_en", p),
		    v != NULL ? v : f->q[i].text[1]);
	}
	if ((rc = mc_eval_form_parent(r->db, r->arena, o->agency, time(NULL),
		 &up)) < 0)
		return 503;
	if (rc == 1)
		inherited(r, f, &up);
	if (status == 200 && mc_req_field(r, FIELD_OK) != NULL) {
		mc_view_setf(r->hdf, "Page.Flash", "%s %s",
		    mc_view_str(r->hdf, "Eval.Form.Saved"),
		    mc_req_field(r, FIELD_OK));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Eval.Form.Title"));
	r->status = status;
	if (mc_resp_page(r, "office/eval_form.cs") != 200)
		return 500;
	return status;
}

/*
 * 0 if the user manages the questionnaire line asked for (?agency=, else
 * theirs), *o filled; else a status.
 */
static int
may(struct mc_request *r, struct owner *o)
{
	long long want = 0;
	int	  rc;

	if (mc_req_field(r, FIELD_AGENCY) != NULL &&
	    mc_parse_ll(mc_req_field(r, FIELD_AGENCY), 1, 0xffffffffLL,
		&want) < 0)
		return 403;
	rc = mc_eval_form_owner(r->db, r->arena, r->user, want, &o->agency,
	    &o->name);
	return rc < 0 ? 503 : rc == 0 ? 403 : 0;
}

static int
page_form(struct mc_request *r)
{
	struct mc_eval_form f;
	struct owner	    o;
	int		    rc;

	if ((rc = may(r, &o)) != 0)
		return rc;
	if ((rc = mc_eval_form_for(r->db, r->arena, o.agency, time(NULL),
		 &f)) <= 0)
		return rc < 0 ? 503 : 404;
	return page(r, &o, &f, 200);
}

/* The CSV's columns (page_csv). */
enum csv_col {
	CSV_VERSION,
	CSV_FROM,
	CSV_BY,
	CSV_NOTE,
	CSV_N,
	CSV_KIND,
	CSV_TEXT_VI,
	CSV_TEXT_EN,
	CSV_STATE,
	CSV_RATINGS,
	CSV__MAX
};

/* The row of versions of id, or versions->n. */
static size_t
version_row(const struct mc_rows *versions, long long id)
{
	size_t i;

	for (i = 0; i < versions->n; i++)
		if (mc_rows_int(versions, i, EVF_ID) == id)
			break;
	return i;
}

/*
 * Adds the lines of version f (its row i of versions) to cells from line
 * *n: each question with its wording in both languages and state (the
 * Lang key state, or for the version asked now "Asked", "Asked, inherited"
 * where up, the line above's, has the added question too), then, for the
 * version asked now, up's added questions it switched off.
 */
static void
csv_version(struct mc_request *r, const char **cells, size_t *n,
    const struct mc_eval_form *f, const struct mc_rows *versions, size_t i,
    const char *state, const struct mc_eval_form *up)
{
	const char *lang = hdf_get_value(r->hdf, "Page.Lang", "vi");
	const char *note, *note_en, **c;
	size_t	    k, j;
	int	    inh;

	note = i < versions->n ? mc_rows_str(versions, i, EVF_NOTE) : NULL;
	note_en = i < versions->n ? mc_rows_str(versions, i, EVF_NOTE_EN) :
				    NULL;
	/* The note as the page shows it: the reader's, else the other. */
	if (strcmp(lang, "en") == 0 ? note_en != NULL && *note_en != '\0' :
				      note == NULL || *note == '\0')
		note = note_en;
	for (k = 0; k < f->n; k++) {
		c = &cells[(*n)++ * CSV__MAX];
		c[CSV_VERSION] = mc_arena_printf(r->arena, "%d", f->version);
		c[CSV_FROM] = i < versions->n ?
		    mc_rows_str(versions, i, EVF_FROM) :
		    NULL;
		c[CSV_BY] = i < versions->n ?
		    mc_rows_str(versions, i, EVF_BY) :
		    NULL;
		c[CSV_NOTE] = note;
		c[CSV_N] = mc_arena_printf(r->arena, "%zu", k + 1);
		c[CSV_KIND] = mc_view_str(r->hdf,
		    mc_arena_printf(r->arena, "Eval.Form.Kind.%s",
			mc_eval_kind_name(f->q[k].kind)));
		c[CSV_TEXT_VI] = f->q[k].text[0];
		c[CSV_TEXT_EN] = f->q[k].text[1];
		inh = 0;
		if (state == NULL && up != NULL &&
		    f->q[k].kind == EVAL_EXTRA) {
			j = find(up, f->q[k].code);
			inh = j < up->n && up->q[j].kind == EVAL_EXTRA;
		}
		c[CSV_STATE] = mc_view_str(r->hdf,
		    state != NULL ? state :
			inh	  ? "Eval.Form.CsvInherited" :
				    "Eval.Form.Asked");
		c[CSV_RATINGS] = i < versions->n ?
		    mc_rows_str(versions, i, EVF_RATINGS) :
		    NULL;
	}
	if (state != NULL || up == NULL)
		return;
	for (j = 0; j < up->n; j++) {
		if (up->q[j].kind != EVAL_EXTRA ||
		    find(f, up->q[j].code) < f->n)
			continue;
		c = &cells[(*n)++ * CSV__MAX];
		memset(c, 0, CSV__MAX * sizeof(*c));
		c[CSV_VERSION] = mc_arena_printf(r->arena, "%d", f->version);
		c[CSV_KIND] = mc_view_str(r->hdf, "Eval.Form.Kind.extra");
		c[CSV_TEXT_VI] = up->q[j].text[0];
		c[CSV_TEXT_EN] = up->q[j].text[1];
		c[CSV_STATE] = mc_view_str(r->hdf, "Eval.Form.Off");
	}
}

/*
 * GET /can-bo/danh-gia/bang-hoi.csv?agency=: the versions the page lists,
 * newest first, each with its questions, as CSV for Excel (UTF-8 with a
 * byte order mark, headings, kinds and states in the reader's language):
 * one line per question of a version with its number, when it came into
 * force, who made it, its note (the reader's language, as the page), the
 * wording in Vietnamese and English, the state (the version asked now:
 * asked, inherited from above, or an inherited question switched off;
 * earlier ones: no longer asked) and the ratings the version holds. While
 * the agency has no version of its own, the version its citizens answer
 * (of the line above) with every question inherited. Same access as the
 * page.
 */
static int
page_csv(struct mc_request *r)
{
	static const char *const heads[CSV__MAX] = { "Eval.Form.Version",
		"Eval.Form.From", "Eval.Form.By", "Eval.Form.Note",
		"Eval.Form.CsvNumber", "Eval.Form.NewKind", "Eval.Form.TextVi",
		"Eval.Form.TextEn", "Eval.Form.State", "Eval.Form.Ratings" };
	struct mc_eval_form	 f, v, up, *upp = NULL;
	struct mc_rows		 versions, above;
	struct office_csv	 c;
	struct owner		 o;
	const char	       **cells;
	size_t			 i, n = 0, cap;
	time_t			 now = time(NULL);
	int			 rc;

	if ((rc = may(r, &o)) != 0)
		return rc;
	if ((rc = mc_eval_form_for(r->db, r->arena, o.agency, now, &f)) <= 0)
		return rc < 0 ? 503 : 404;
	if (mc_eval_forms(r->db, r->arena, o.agency, &versions) < 0 ||
	    (rc = mc_eval_form_parent(r->db, r->arena, o.agency, now, &up)) <
		0)
		return 503;
	if (rc == 1)
		upp = &up;
	cap = (versions.n + 1) * 2 * EVAL_MAX_QUESTIONS;
	cells = mc_arena_alloc(r->arena,
	    (cap + 1) * CSV__MAX * sizeof(*cells));
	if (f.agency_id != o.agency) {
		/* Not its own yet: the line above's version, all inherited. */
		if (mc_eval_forms(r->db, r->arena, f.agency_id, &above) < 0)
			return 503;
		csv_version(r, cells, &n, &f, &above,
		    version_row(&above, f.id), "Eval.Form.CsvInherited", NULL);
	}
	for (i = 0; i < versions.n; i++) {
		if (mc_rows_int(&versions, i, EVF_ID) == f.id) {
			csv_version(r, cells, &n, &f, &versions, i, NULL, upp);
			continue;
		}
		if ((rc = mc_eval_form_load(r->db, r->arena,
			 mc_rows_int(&versions, i, EVF_ID), now, &v)) < 0)
			return 503;
		if (rc == 1)
			csv_version(r, cells, &n, &v, &versions, i,
			    "Eval.Form.CsvEarlier", NULL);
	}
	memset(&c, 0, sizeof(c));
	c.heads = heads;
	c.ncols = CSV__MAX;
	c.cells = cells;
	c.nrows = n;
	c.what = mc_arena_printf(r->arena, "bang-hoi.csv %u", o.agency);
	c.agency = o.agency;
	c.file = mc_arena_printf(r->arena, "bang-hoi-%u.csv", o.agency);
	return office_csv_send(r, &c);
}

/* A refusal: the error (Lang.Eval.Form.<key>) shown, what was typed kept. */
static int
refuse(struct mc_request *r, const struct owner *o,
    const struct mc_eval_form *cur, const char *key, int status)
{
	mc_view_set(r->hdf, "Form.Error",
	    mc_view_str(r->hdf,
		mc_arena_printf(r->arena, "Eval.Form.%s", key)));
	mc_view_set(r->hdf, "Form.nt", mc_req_field(r, FIELD_NEW));
	mc_view_set(r->hdf, "Form.ne", mc_req_field(r, FIELD_NEW_EN));
	mc_view_set(r->hdf, "Form.nk", mc_req_field(r, FIELD_NEW_KIND));
	mc_view_set(r->hdf, "Form.note", mc_req_field(r, FIELD_NOTE));
	mc_view_set(r->hdf, "Form.note_en", mc_req_field(r, FIELD_NOTE_EN));
	return page(r, o, cur, status);
}

/*
 * A code no question of f has, nor one of up (the line above's, may be
 * NULL: a question switched off there stays its own): "x<N>".
 */
static const char *
new_code(struct mc_request *r, const struct mc_eval_form *f,
    const struct mc_eval_form *up)
{
	const char *c;
	size_t	    k;

	for (k = f->n + 1;; k++) {
		c = mc_arena_printf(r->arena, "x%zu", k);
		if (find(f, c) == f->n && (up == NULL || find(up, c) == up->n))
			return c;
	}
}

/*
 * An inherited added question switched off (off=<code>) or back on
 * (on=<code>) for the agency's subtree: a new version of its line.
 */
static int
page_switch(struct mc_request *r, const struct owner *o,
    const struct mc_eval_form *cur, long long base)
{
	struct mc_eval_form up;
	const char	   *off = mc_req_field(r, FIELD_OFF);
	const char *code = off != NULL ? off : mc_req_field(r, FIELD_ON);
	const char *note[LANG__MAX];
	size_t	    i;
	int	    rc, version, l;

	if (o->agency == 0)
		return refuse(r, o, cur, "ErrNotInherited", 422);
	if ((rc = mc_eval_form_parent(r->db, r->arena, o->agency, time(NULL),
		 &up)) < 0)
		return 503;
	if (rc == 0 || (i = find(&up, code)) == up.n)
		return refuse(r, o, cur, "ErrNotInherited", 422);
	/* The note in each language: its label and the question's text. */
	for (l = 0; l < LANG__MAX; l++)
		note[l] = mc_arena_printf(r->arena, "%s %s",
		    mc_view_lang_str((enum mc_lang)l,
			off != NULL ? "Eval.Form.NoteOff" :
				      "Eval.Form.NoteOn"),
		    up.q[i].text[l]);
	rc = mc_eval_form_switch(r->db, r->arena, o->agency, base, code,
	    off == NULL, note, r->user->id, time(NULL), &version);
	if (rc < 0)
		return 503;
	if (rc == EVAL_FORM_STALE)
		return refuse(r, o, cur, "ErrStale", 409);
	if (rc != 0)
		return refuse(r, o, cur,
		    rc == EVAL_FORM_TOO_MANY ? "ErrTooMany" :
					       "ErrNotInherited",
		    422);
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, PATH "?agency=%u&ok=%d", o->agency,
		version));
}

static int
page_save(struct mc_request *r)
{
	struct mc_eval_form	 cur, next, up;
	struct mc_eval_question *q;
	struct owner		 o;
	const char		*t, *e, *nt = text(r, FIELD_NEW);
	const char		*ne = text(r, FIELD_NEW_EN);
	const char		*note[LANG__MAX];
	long long		 base = 0;
	size_t			 i, bad;
	int			 rc, changed = 0, version, l, k, has_up;

	if ((rc = may(r, &o)) != 0)
		return rc;
	if ((rc = mc_eval_form_for(r->db, r->arena, o.agency, time(NULL),
		 &cur)) <= 0)
		return rc < 0 ? 503 : 404;
	if (mc_req_field(r, FIELD_BASE) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_BASE), 1, 1LL << 31, &base);
	if (base != cur.id)
		return refuse(r, &o, &cur, "ErrStale", 409);
	if (mc_req_field(r, FIELD_OFF) != NULL ||
	    mc_req_field(r, FIELD_ON) != NULL)
		return page_switch(r, &o, &cur, base);
	if ((has_up = mc_eval_form_parent(r->db, r->arena, o.agency,
		 time(NULL), &up)) < 0)
		return 503;
	next = cur;
	next.n = 0;
	for (i = 0; i < cur.n; i++) {
		if (mc_req_field_bad(r, FIELD_T1 + (int)i) ||
		    mc_req_field_bad(r, FIELD_E1 + (int)i))
			return refuse(r, &o, &cur, "ErrLong", 422);
		if (mc_req_field(r, FIELD_R1 + (int)i) != NULL &&
		    strcmp(mc_req_field(r, FIELD_R1 + (int)i), "1") == 0) {
			/* Left out: an added question only. */
			if (cur.q[i].kind != EVAL_EXTRA)
				return refuse(r, &o, &cur, "ErrLegal", 422);
			changed = 1;
			continue;
		}
		t = text(r, FIELD_T1 + (int)i);
		e = text(r, FIELD_E1 + (int)i);
		if (t == NULL || e == NULL)
			return refuse(r, &o, &cur, "ErrEmpty", 422);
		changed |= strcmp(t, cur.q[i].text[0]) != 0 ||
		    strcmp(e, cur.q[i].text[1]) != 0;
		next.q[next.n] = cur.q[i];
		next.q[next.n].text[0] = t;
		next.q[next.n++].text[1] = e;
	}
	if (nt != NULL || ne != NULL) {
		if (nt == NULL || ne == NULL)
			return refuse(r, &o, &cur, "ErrEmpty", 422);
		if (next.n >= EVAL_MAX_QUESTIONS)
			return refuse(r, &o, &cur, "ErrTooMany", 422);
		q = &next.q[next.n];
		memset(q, 0, sizeof(*q));
		q->kind = mc_eval_kind_parse(mc_req_field(r, FIELD_NEW_KIND));
		if (q->kind == EVAL_INDEX || o.agency != 0)
			q->kind = EVAL_EXTRA; /* the law's; extra */
		q->code = new_code(r, &cur, has_up ? &up : NULL);
		q->text[0] = nt;
		q->text[1] = ne;
		/* The options of the first satisfaction question. */
		for (i = 0; i < cur.n; i++)
			if (cur.q[i].kind == EVAL_SATISFACTION)
				break;
		for (l = 0; l < 2; l++)
			for (k = 0; k < 3; k++)
				q->opt[l][k] = cur.q[i < cur.n ? i : 0]
						   .opt[l][k];
		next.n++;
		changed = 1;
	}
	if (!changed)
		return refuse(r, &o, &cur, "ErrNoChange", 422);
	if (mc_eval_form_check(&next, &bad) == EVAL_FORM_LONG)
		return refuse(r, &o, &cur, "ErrLong", 422);
	/* The note, as the questions' wording: both languages or none. */
	note[LANG_VI] = text(r, FIELD_NOTE);
	note[LANG_EN] = text(r, FIELD_NOTE_EN);
	if ((note[LANG_VI] == NULL) != (note[LANG_EN] == NULL))
		return refuse(r, &o, &cur, "ErrNote", 422);
	rc = mc_eval_form_new(r->db, r->arena, o.agency, cur.id, &next, note,
	    r->user->id, time(NULL), &version);
	if (rc < 0)
		return 503;
	if (rc == EVAL_FORM_STALE)
		return refuse(r, &o, &cur, "ErrStale", 409);
	if (rc != 0)
		return refuse(r, &o, &cur,
		    rc == EVAL_FORM_LONG      ? "ErrLong" :
			rc == EVAL_FORM_LEGAL ? "ErrLegal" :
						"ErrEmpty",
		    422);
	if (o.agency == 0)
		return mc_resp_redirect(r,
		    mc_arena_printf(r->arena, PATH "?ok=%d", version));
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, PATH "?agency=%u&ok=%d", o.agency,
		version));
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, PATH, page_form, ROUTE_LOGIN, ROLES(ROLE_EVALUATOR) },
	{ METHOD_GET, PATH ".csv", page_csv, ROUTE_LOGIN, ROLES(ROLE_EVALUATOR) },
	{ METHOD_POST, PATH, page_save, ROUTE_LOGIN, ROLES(ROLE_EVALUATOR) },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_eval_form = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
