/*
 * Procedures' content edited by the agency that owns them: an admin finds
 * a procedure (diacritics or not), edits its texts, documents, fees and
 * times, and saves a new version (lib/mc_catalogue.c); the history shows
 * who saved what, and the site generator publishes it on its next run.
 * Saving asks for the password again (office_reauth).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_catalogue.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define PER_PAGE   50
#define CH_ROWS	   MC_PROC_CHANNELS_MAX
#define DOC_ROWS   MC_PROC_DOCS_MAX
#define LAW_ROWS   MC_PROC_LAWS_MAX
#define ERRORS_MAX 64
#define NEW_DOCS   3 /* blank rows offered for new documents */

enum field {
	FIELD_CSRF,
	FIELD_Q,
	FIELD_PAGE,
	FIELD_VERSION,
	FIELD_REAUTH,	   /* the password again */
	FIELD_REAUTH_CODE, /* ... and the authenticator\'s code */
	FIELD_TEXT,	   /* PT__MAX of them */
	FIELD_CH = FIELD_TEXT + PT__MAX, /* channel */
	FIELD_TIME = FIELD_CH + CH_ROWS,
	FIELD_FEE = FIELD_TIME + CH_ROWS,
	FIELD_FEEDESC = FIELD_FEE + CH_ROWS,
	FIELD_CHDEL = FIELD_FEEDESC + CH_ROWS,
	FIELD_DOCN = FIELD_CHDEL + CH_ROWS, /* name */
	FIELD_DOCO = FIELD_DOCN + DOC_ROWS, /* originals */
	FIELD_DOCC = FIELD_DOCO + DOC_ROWS, /* copies */
	FIELD_DOCNOTE = FIELD_DOCC + DOC_ROWS,
	FIELD_DOCG = FIELD_DOCNOTE + DOC_ROWS, /* group */
	FIELD_DOCF = FIELD_DOCG + DOC_ROWS,    /* has a form template */
	FIELD_DOCPOS = FIELD_DOCF + DOC_ROWS,  /* order */
	FIELD_DOCDEL = FIELD_DOCPOS + DOC_ROWS,
	FIELD_LAWN = FIELD_DOCDEL + DOC_ROWS,
	FIELD_LAWT = FIELD_LAWN + LAW_ROWS,
	FIELD_LAWDEL = FIELD_LAWT + LAW_ROWS,
	FIELD__MAX = FIELD_LAWDEL + LAW_ROWS
};

/* One row of each repeated field; n is a number token. */
/* clang-format off */
#define CH(n) \
	[FIELD_CH + n] = { "ch" #n, valid_line, 2, 0 }, \
	[FIELD_TIME + n] = { "time" #n, valid_line, 2000, 0 }, \
	[FIELD_FEE + n] = { "fee" #n, valid_line, 4000, 0 }, \
	[FIELD_FEEDESC + n] = { "feedesc" #n, valid_text, 65535, 0 }, \
	[FIELD_CHDEL + n] = { "chdel" #n, valid_uint, 1, 0 },
/* clang-format on */
/* clang-format off */
#define DOC(n) \
	[FIELD_DOCN + n] = { "docn" #n, valid_text, 65535, 0 }, \
	[FIELD_DOCO + n] = { "doco" #n, valid_line, 12, 0 }, \
	[FIELD_DOCC + n] = { "docc" #n, valid_line, 12, 0 }, \
	[FIELD_DOCNOTE + n] = { "docnote" #n, valid_line, 4000, 0 }, \
	[FIELD_DOCG + n] = { "docg" #n, valid_text, 65535, 0 }, \
	[FIELD_DOCF + n] = { "docf" #n, valid_uint, 1, 0 }, \
	[FIELD_DOCPOS + n] = { "docpos" #n, valid_line, 12, 0 }, \
	[FIELD_DOCDEL + n] = { "docdel" #n, valid_uint, 1, 0 },
/* clang-format on */
/* clang-format off */
#define LAW(n) \
	[FIELD_LAWN + n] = { "lawn" #n, valid_line, 1020, 0 }, \
	[FIELD_LAWT + n] = { "lawt" #n, valid_text, 65535, 0 }, \
	[FIELD_LAWDEL + n] = { "lawdel" #n, valid_uint, 1, 0 },
/* clang-format on */
/* clang-format off */
#define TEN(M, t) M(t##0) M(t##1) M(t##2) M(t##3) M(t##4) M(t##5) M(t##6) \
	M(t##7) M(t##8) M(t##9)
/* clang-format on */

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_Q] = { "q", valid_line, 200, 0 },
	[FIELD_PAGE] = { "page", valid_uint, 5, 0 },
	[FIELD_VERSION] = { "version", valid_uint, 10, 0 },
	[FIELD_REAUTH] = { "reauth", valid_any, 512, 0 },
	[FIELD_REAUTH_CODE] = { "reauth_code", valid_any, 64, 0 },
	[FIELD_TEXT + PT_NAME] = { "name", valid_line, 8000, 0 },
	[FIELD_TEXT + PT_SUBJECTS] = { "subjects", valid_text, 65535, 0 },
	[FIELD_TEXT + PT_TYPE] = { "procedure_type", valid_text, 1020, 0 },
	[FIELD_TEXT + PT_DECISION] = { "decision_no", valid_text, 1020, 0 },
	[FIELD_TEXT + PT_IMPLEMENTING] = { "implementing", valid_text, 65535,
	    0 },
	[FIELD_TEXT + PT_COMPETENT] = { "competent", valid_text, 65535, 0 },
	[FIELD_TEXT + PT_STEPS] = { "steps_text", valid_text, 1 << 20, 0 },
	[FIELD_TEXT + PT_CONDITIONS] = { "conditions_text", valid_text,
	    1 << 20, 0 },
	[FIELD_TEXT + PT_RESULT] = { "result_text", valid_text, 65535, 0 },
	CH(0) CH(1) CH(2) CH(3) CH(4) CH(5) CH(6) CH(7) CH(8) CH(9)
	CH(10) CH(11) CH(12) CH(13) CH(14) CH(15)
	TEN(DOC, ) TEN(DOC, 1) TEN(DOC, 2) TEN(DOC, 3) TEN(DOC, 4)
	TEN(DOC, 5) TEN(DOC, 6) TEN(DOC, 7) TEN(DOC, 8) TEN(DOC, 9)
	TEN(DOC, 10) TEN(DOC, 11)
	TEN(LAW, ) TEN(LAW, 1) TEN(LAW, 2) TEN(LAW, 3) TEN(LAW, 4)
	TEN(LAW, 5)
};
/* clang-format on */

enum stmt { STMT_AGENCY, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCY] = "SELECT id, code, name, kind FROM agencies WHERE id = ?",
};
/* clang-format on */

/* A field's text as sent, even when it failed its check; NULL if absent. */
static const char *
sent(struct mc_request *r, int f)
{
	if (f < 0 || (size_t)f >= r->nfields || r->fields[f] == NULL)
		return NULL;
	return r->fields[f]->value;
}

static void
title(struct mc_request *r, const char *name)
{
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, name));
	mc_view_set(r->hdf, "Page.Nav", "office");
}

/*
 * The agency whose procedures the admin lists: 0 for all (a city admin),
 * else the first agency the user is admin of (code in *code); -1 on error.
 */
static long long
admin_agency(struct mc_request *r, const char **code)
{
	struct mc_rows rows;
	size_t	       i;
	int	       rc;

	*code = NULL;
	if ((rc = mc_catalogue_may_edit(r->db, r->arena, r->user, 0)) < 0)
		return -1;
	if (rc == 1)
		return 0;
	for (i = 0; i < r->user->ngrants; i++) {
		if (r->user->grants[i].role != ROLE_ADMIN)
			continue;
		if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_AGENCY],
			"i", (long long)r->user->grants[i].agency_id) < 0)
			return -1;
		if (rows.n == 0)
			continue;
		*code = mc_rows_str(&rows, 0, 1);
		mc_view_set(r->hdf, "Data.Agency", mc_rows_str(&rows, 0, 2));
		mc_view_set(r->hdf, "Data.AgencyKind",
		    mc_rows_str(&rows, 0, 3));
		return mc_rows_int(&rows, 0, 0);
	}
	return -1;
}

static int
page_list(struct mc_request *r)
{
	struct mc_cat_query cq;
	struct mc_rows	    rows;
	const char	   *code;
	long long	    total = 0, page = 1, agency;

	if ((agency = admin_agency(r, &code)) < 0)
		return 503;
	if (mc_req_field(r, FIELD_PAGE) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_PAGE), 1, 10000, &page);
	memset(&cq, 0, sizeof(cq));
	cq.q = mc_req_field(r, FIELD_Q);
	cq.agency = code;
	cq.limit = PER_PAGE + 1;
	cq.offset = (size_t)(page - 1) * PER_PAGE;
	mc_view_set(r->hdf, "Form.q", sent(r, FIELD_Q));
	if (agency == 0)
		mc_view_set(r->hdf, "Data.AllAgencies", "1");
	if ((cq.q != NULL || code != NULL) &&
	    mc_catalogue_find(r->db, r->arena, &cq, &rows, &total) < 0)
		return 503;
	if (cq.q != NULL || code != NULL) {
		if (rows.n > PER_PAGE) {
			rows.n = PER_PAGE;
			mc_view_set_int(r->hdf, "Data.NextPage", page + 1);
		}
		if (page > 1)
			mc_view_set_int(r->hdf, "Data.PrevPage", page - 1);
		mc_view_rows(r->hdf, "Data.Results", &rows);
		mc_view_set_int(r->hdf, "Data.Total", total);
		mc_view_set(r->hdf, "Data.Searched", "1");
	}
	title(r, "ProcEdit.Title");
	return mc_resp_page(r, "office/procedure_list.cs");
}

int
office_procedure_editable(struct mc_request *r, struct mc_procedure *p)
{
	int rc;

	if ((rc = mc_catalogue_get(r->db, r->arena, r->cap[0], 0, p)) < 0)
		return 503;
	if (rc == 0)
		return 404;
	if ((rc = mc_catalogue_may_edit(r->db, r->arena, r->user,
		 mc_rows_int(&p->row, 0, PCOL_AGENCY))) < 0)
		return 503;
	return rc == 1 ? 0 : 403;
}

static void
set_row(struct mc_request *r, const char *group, size_t i, const char *name,
    const char *value)
{
	mc_view_set(r->hdf,
	    mc_arena_printf(r->arena, "Form.%s.%zu.%s", group, i, name),
	    value);
}

/* The stored content into Form.* (with blank rows for additions). */
static void
form_of(struct mc_request *r, const struct mc_procedure *p)
{
	const struct mc_rows *c = &p->channels, *d = &p->documents;
	size_t		      i;

	for (i = 0; i < PT__MAX; i++)
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.%s",
			mc_catalogue_text_name((enum mc_proc_text)i)),
		    mc_rows_str(&p->row, 0,
			(size_t[]){ PCOL_NAME, PCOL_SUBJECTS, PCOL_TYPE,
			    PCOL_DECISION, PCOL_IMPLEMENTING, PCOL_COMPETENT,
			    PCOL_STEPS, PCOL_CONDITIONS, PCOL_RESULT }[i]));
	for (i = 0; i < c->n && i < CH_ROWS; i++) {
		set_row(r, "Ch", i, "ch", mc_rows_str(c, i, CCH_CHANNEL));
		set_row(r, "Ch", i, "time", mc_rows_str(c, i, CCH_TIME_TEXT));
		set_row(r, "Ch", i, "fee", mc_rows_str(c, i, CCH_FEE));
		set_row(r, "Ch", i, "feedesc",
		    mc_rows_str(c, i, CCH_FEE_DESC));
	}
	if (i < CH_ROWS)
		set_row(r, "Ch", i, "ch", "");
	for (i = 0; i < d->n && i < DOC_ROWS; i++) {
		set_row(r, "Doc", i, "docg", mc_rows_str(d, i, CDOC_GROUP));
		set_row(r, "Doc", i, "docn", mc_rows_str(d, i, CDOC_NAME));
		set_row(r, "Doc", i, "doco",
		    mc_rows_str(d, i, CDOC_ORIGINALS));
		set_row(r, "Doc", i, "docc", mc_rows_str(d, i, CDOC_COPIES));
		set_row(r, "Doc", i, "docf", mc_rows_str(d, i, CDOC_TEMPLATE));
		set_row(r, "Doc", i, "docnote", mc_rows_str(d, i, CDOC_NOTE));
		set_row(r, "Doc", i, "docpos",
		    mc_arena_printf(r->arena, "%zu", i + 1));
	}
	for (; i < d->n + NEW_DOCS && i < DOC_ROWS; i++)
		set_row(r, "Doc", i, "docpos",
		    mc_arena_printf(r->arena, "%zu", i + 1));
	for (i = 0; i < p->legal.n && i < LAW_ROWS; i++) {
		set_row(r, "Law", i, "lawn",
		    mc_rows_str(&p->legal, i, LAW_NUMBER));
		set_row(r, "Law", i, "lawt",
		    mc_rows_str(&p->legal, i, LAW_TITLE));
	}
	if (i < LAW_ROWS)
		set_row(r, "Law", i, "lawn", "");
}

/* The posted content echoed into Form.* as typed, every row kept. */
static void
form_echo(struct mc_request *r)
{
	static const struct {
		const char *g, *n;
		int	    f, rows;
	} rep[] = {
		{ "Ch", "ch", FIELD_CH, CH_ROWS },
		{ "Ch", "time", FIELD_TIME, CH_ROWS },
		{ "Ch", "fee", FIELD_FEE, CH_ROWS },
		{ "Ch", "feedesc", FIELD_FEEDESC, CH_ROWS },
		{ "Ch", "chdel", FIELD_CHDEL, CH_ROWS },
		{ "Doc", "docn", FIELD_DOCN, DOC_ROWS },
		{ "Doc", "doco", FIELD_DOCO, DOC_ROWS },
		{ "Doc", "docc", FIELD_DOCC, DOC_ROWS },
		{ "Doc", "docnote", FIELD_DOCNOTE, DOC_ROWS },
		{ "Doc", "docg", FIELD_DOCG, DOC_ROWS },
		{ "Doc", "docf", FIELD_DOCF, DOC_ROWS },
		{ "Doc", "docpos", FIELD_DOCPOS, DOC_ROWS },
		{ "Doc", "docdel", FIELD_DOCDEL, DOC_ROWS },
		{ "Law", "lawn", FIELD_LAWN, LAW_ROWS },
		{ "Law", "lawt", FIELD_LAWT, LAW_ROWS },
		{ "Law", "lawdel", FIELD_LAWDEL, LAW_ROWS },
	};
	int    last[3] = { -1, -1, -1 }, g, i;
	size_t k;

	for (i = 0; i < PT__MAX; i++)
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.%s",
			mc_catalogue_text_name((enum mc_proc_text)i)),
		    sent(r, FIELD_TEXT + i));
	/* Every row up to the last one the form sent, blank ones too. */
	for (k = 0; k < sizeof(rep) / sizeof(rep[0]); k++) {
		g = rep[k].g[0] == 'C' ? 0 : rep[k].g[0] == 'D' ? 1 : 2;
		for (i = 0; i < rep[k].rows; i++)
			if (sent(r, rep[k].f + i) != NULL && i > last[g])
				last[g] = i;
	}
	for (k = 0; k < sizeof(rep) / sizeof(rep[0]); k++) {
		g = rep[k].g[0] == 'C' ? 0 : rep[k].g[0] == 'D' ? 1 : 2;
		for (i = 0; i <= last[g]; i++)
			set_row(r, rep[k].g, (size_t)i, rep[k].n,
			    sent(r, rep[k].f + i) ? sent(r, rep[k].f + i) :
						    "");
	}
}

/* The history: versions newest first, with their changes. */
static int
history(struct mc_request *r, long long id)
{
	struct mc_rows		 rows;
	json_t			*arr, *c;
	const char		*s, *base;
	size_t			 i, k;
	static const char *const keys[] = { "what", "label", "from", "to" };
	size_t			 j;

	if (mc_catalogue_versions(r->db, r->arena, id, &rows) < 0)
		return -1;
	mc_view_rows(r->hdf, "Data.Versions", &rows);
	for (i = 0; i < rows.n; i++) {
		if ((s = mc_rows_str(&rows, i, VER_CHANGES)) == NULL ||
		    (arr = json_loads(s, 0, NULL)) == NULL)
			continue;
		json_array_foreach (arr, k, c) {
			base = mc_arena_printf(r->arena,
			    "Data.Versions.%zu.Changes.%zu", i, k);
			for (j = 0; j < 4; j++)
				if (json_is_string(
					json_object_get(c, keys[j])))
					mc_view_set(r->hdf,
					    mc_arena_printf(r->arena, "%s.%s",
						base, keys[j]),
					    json_string_value(
						json_object_get(c, keys[j])));
		}
		json_decref(arr);
	}
	return 0;
}

/* The edit page; status 200, 409 or 422. */
static int
edit_page(struct mc_request *r, const struct mc_procedure *p, int status)
{
	long long v;

	mc_view_rows(r->hdf, "Data.Procedure", &p->row);
	if (history(r, mc_rows_int(&p->row, 0, PCOL_ID)) < 0)
		return 503;
	if (status == 200 && strstr(r->query, "ok=") != NULL &&
	    mc_parse_ll(strstr(r->query, "ok=") + 3, 1, 1LL << 31, &v) == 0) {
		mc_view_set_int(r->hdf, "Data.Saved", v);
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	if (status == 200 && strstr(r->query, "same=1") != NULL)
		mc_view_set(r->hdf, "Data.Same", "1");
	title(r, "ProcEdit.EditTitle");
	if (mc_resp_page(r, "office/procedure_edit.cs") != 200)
		return 500;
	return status;
}

static int
page_edit(struct mc_request *r)
{
	struct mc_procedure p;
	int		    rc;

	if ((rc = office_procedure_editable(r, &p)) != 0)
		return rc;
	form_of(r, &p);
	mc_view_set(r->hdf, "Form.version",
	    mc_rows_str(&p.row, 0, PCOL_VERSION));
	return edit_page(r, &p, 200);
}

/* A count as typed: "" is 0; -1 if not a number of 0-65535. */
static long long
count_of(const char *s)
{
	long long n;

	if (s == NULL || *s == '\0')
		return 0;
	if (mc_parse_ll(s, 0, 65535, &n) < 0)
		return -1;
	return n;
}

struct slot {
	long long pos;
	size_t	  row;
};

static int
slot_cmp(const void *x, const void *y)
{
	const struct slot *a = x, *b = y;

	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

/* 1 if the checkbox field was ticked. */
static int
ticked(struct mc_request *r, int f)
{
	return mc_req_field(r, f) != NULL &&
	    strcmp(mc_req_field(r, f), "1") == 0;
}

/*
 * A text as stored: line ends as "\n" (a browser sends a textarea's as
 * "\r\n"), no blank space around it (as the importer stores it). NULL
 * stays NULL.
 */
static const char *
clean(struct mc_request *r, const char *s)
{
	char  *t, *w;
	size_t n;

	if (s == NULL)
		return NULL;
	s += strspn(s, " \t\r\n");
	t = w = mc_arena_strdup(r->arena, s);
	for (; *s != '\0'; s++)
		if (!(*s == '\r' && s[1] == '\n'))
			*w++ = *s;
	*w = '\0';
	for (n = strlen(t); n > 0 && strchr(" \t\r\n", t[n - 1]) != NULL; n--)
		t[n - 1] = '\0';
	return t;
}

static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/*
 * The posted form as an edit. Rows ticked "remove" and blank rows are left
 * out; documents are put in the order of their order numbers. rows[] maps
 * each kept row back to its form row, per group; *bad_order is set when an
 * order number is not a number.
 */
static void
edit_from(struct mc_request *r, struct mc_proc_edit *e, size_t chrow[],
    size_t docrow[], size_t lawrow[], int *bad_order)
{
	struct slot	    slots[DOC_ROWS];
	struct mc_proc_doc *d;
	long long	    ch, pos;
	size_t		    i, n = 0;

	memset(e, 0, sizeof(*e));
	*bad_order = -1;
	for (i = 0; i < PT__MAX; i++)
		e->text[i] = clean(r, sent(r, FIELD_TEXT + (int)i));
	for (i = 0; i < CH_ROWS; i++) {
		if (ticked(r, FIELD_CHDEL + (int)i) ||
		    (blank(sent(r, FIELD_TIME + (int)i)) &&
			blank(sent(r, FIELD_FEE + (int)i)) &&
			blank(sent(r, FIELD_FEEDESC + (int)i))))
			continue;
		ch = 0;
		if (sent(r, FIELD_CH + (int)i) != NULL)
			mc_parse_ll(sent(r, FIELD_CH + (int)i), 1, 3, &ch);
		e->chans[e->nchans].channel = (int)ch;
		e->chans[e->nchans].time_text = clean(r,
		    sent(r, FIELD_TIME + (int)i));
		e->chans[e->nchans].fee = clean(r,
		    sent(r, FIELD_FEE + (int)i));
		e->chans[e->nchans].fee_desc = clean(r,
		    sent(r, FIELD_FEEDESC + (int)i));
		chrow[e->nchans++] = i;
	}
	for (i = 0; i < DOC_ROWS; i++) {
		if (ticked(r, FIELD_DOCDEL + (int)i) ||
		    (blank(sent(r, FIELD_DOCN + (int)i)) &&
			blank(sent(r, FIELD_DOCNOTE + (int)i)) &&
			blank(sent(r, FIELD_DOCG + (int)i))))
			continue;
		pos = (long long)i + 1;
		if (!blank(sent(r, FIELD_DOCPOS + (int)i)) &&
		    mc_parse_ll(sent(r, FIELD_DOCPOS + (int)i), 0, 100000,
			&pos) < 0 &&
		    *bad_order < 0)
			*bad_order = (int)i;
		slots[n].pos = pos;
		slots[n++].row = i;
	}
	qsort(slots, n, sizeof(slots[0]), slot_cmp);
	for (i = 0; i < n; i++) {
		d = &e->docs[i];
		d->name = clean(r, sent(r, FIELD_DOCN + (int)slots[i].row));
		d->note = clean(r, sent(r, FIELD_DOCNOTE + (int)slots[i].row));
		d->group = clean(r, sent(r, FIELD_DOCG + (int)slots[i].row));
		d->originals = count_of(
		    sent(r, FIELD_DOCO + (int)slots[i].row));
		d->copies = count_of(sent(r, FIELD_DOCC + (int)slots[i].row));
		d->form = ticked(r, FIELD_DOCF + (int)slots[i].row);
		docrow[i] = slots[i].row;
	}
	e->ndocs = n;
	for (i = 0; i < LAW_ROWS; i++) {
		if (ticked(r, FIELD_LAWDEL + (int)i) ||
		    (blank(sent(r, FIELD_LAWN + (int)i)) &&
			blank(sent(r, FIELD_LAWT + (int)i))))
			continue;
		e->laws[e->nlaws].number = clean(r,
		    sent(r, FIELD_LAWN + (int)i));
		e->laws[e->nlaws].title = clean(r,
		    sent(r, FIELD_LAWT + (int)i));
		lawrow[e->nlaws++] = i;
	}
}

/*
 * Marks a field of the form wrong: Form.Errors.<field>, and the summary's
 * list with the field's kind ("fee") and row (1, 2, ...; none for texts).
 */
static void
mark(struct mc_request *r, const char *field, const char *why, size_t *n)
{
	size_t	  k = strcspn(field, "0123456789");
	long long row;

	if (field[k] != '\0' && mc_parse_ll(field + k, 0, 1000, &row) == 0)
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Errors.%zu.row", *n),
		    row + 1);
	mc_view_set(r->hdf,
	    mc_arena_printf(r->arena, "Data.Errors.%zu.kind", *n),
	    mc_arena_strndup(r->arena, field, k));
	mc_view_set(r->hdf, mc_arena_printf(r->arena, "Form.Errors.%s", field),
	    why);
	mc_view_set(r->hdf,
	    mc_arena_printf(r->arena, "Data.Errors.%zu.field", *n), field);
	mc_view_set(r->hdf,
	    mc_arena_printf(r->arena, "Data.Errors.%zu.why", *n), why);
	(*n)++;
}

/* A checked error's field, with the edit's row turned into the form's. */
static const char *
form_field(struct mc_request *r, const char *f, const size_t chrow[],
    const size_t docrow[], const size_t lawrow[])
{
	size_t	  k = strcspn(f, "0123456789");
	long long i;

	if (f[k] == '\0' || mc_parse_ll(f + k, 0, 1000, &i) < 0)
		return f;
	if (strncmp(f, "doc", 3) == 0)
		i = (long long)docrow[i];
	else if (strncmp(f, "law", 3) == 0)
		i = (long long)lawrow[i];
	else
		i = (long long)chrow[i];
	return mc_arena_printf(r->arena, "%.*s%lld", (int)k, f, i);
}

static int
page_edit_post(struct mc_request *r)
{
	struct mc_procedure  p;
	struct mc_proc_edit *e;
	struct mc_proc_error errs[ERRORS_MAX];
	size_t		     chrow[CH_ROWS], docrow[DOC_ROWS];
	size_t		     lawrow[LAW_ROWS], nerr, shown = 0, i;
	long long	     expected = 0, version;
	int		     rc, bad_order, f;

	if ((rc = office_procedure_editable(r, &p)) != 0)
		return rc;
	if (mc_req_field(r, FIELD_VERSION) == NULL ||
	    mc_parse_ll(mc_req_field(r, FIELD_VERSION), 1, 1LL << 31,
		&expected) < 0)
		return 400;
	e = mc_arena_alloc(r->arena, sizeof(*e));
	edit_from(r, e, chrow, docrow, lawrow, &bad_order);
	nerr = mc_catalogue_check(r->arena, e, &p, errs, ERRORS_MAX);
	for (i = 0; i < nerr && i < ERRORS_MAX; i++)
		mark(r, form_field(r, errs[i].field, chrow, docrow, lawrow),
		    errs[i].why, &shown);
	/* What the checks above cannot see: input refused as sent. */
	for (f = FIELD_TEXT; f < FIELD__MAX; f++)
		if (mc_req_field_bad(r, f))
			mark(r, fields[f].name, "invalid", &shown);
	if (bad_order >= 0)
		mark(r, mc_arena_printf(r->arena, "docpos%d", bad_order),
		    "order", &shown);
	mc_view_set(r->hdf, "Form.version", sent(r, FIELD_VERSION));
	if (shown > 0) {
		form_echo(r);
		mc_view_set(r->hdf, "Form.Invalid", "1");
		return edit_page(r, &p, 422);
	}
	if ((rc = office_reauth(r)) != 1) /* the password again */
		return rc;
	rc = mc_catalogue_save_version(r->db, r->arena, r->cap[0], expected,
	    r->user->id, e, &version);
	if (rc < 0)
		return 503;
	if (rc == MC_CAT_NONE)
		return 404;
	if (rc == MC_CAT_STALE) {
		form_echo(r);
		mc_view_set(r->hdf, "Form.Stale", "1");
		return edit_page(r, &p, 409);
	}
	if (rc == MC_CAT_SAME)
		return mc_resp_redirect(r,
		    mc_arena_printf(r->arena,
			"/can-bo/quan-tri/thu-tuc/%s?same=1", r->cap[0]));
	mc_info("procedure %s: version %lld saved by account %lld", r->cap[0],
	    version, r->user->id);
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "/can-bo/quan-tri/thu-tuc/%s?ok=%lld",
		r->cap[0], version));
}

#define ADMIN ROUTE_LOGIN, ROLES(ROLE_ADMIN)

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/quan-tri/thu-tuc", page_list, ADMIN },
	{ METHOD_GET, "/can-bo/quan-tri/thu-tuc/{}", page_edit, ADMIN },
	{ METHOD_POST, "/can-bo/quan-tri/thu-tuc/{}", page_edit_post, ADMIN },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_procedures = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
