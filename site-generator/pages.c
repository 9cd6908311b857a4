/*
 * The page models of the generated site: the catalogue read from the
 * database (struct sg_catalogue) turned into HDF for the templates in
 * templates/site/. No database and no files here, so the unit tests can
 * drive it with hand-made rows.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_view.h"
#include "sitegen.h"

#define TITLE_CHARS	120	/* <title> and breadcrumb */
#define DESC_CHARS	240	/* meta description */
#define POPULAR_MAX	10

/* What the source catalogue writes where it has nothing to say. */
static const char *const placeholders[] = {
	"Không có thông tin",
	"--",
};

static const int child_cols[CHILD__MAX] = {
	[CHILD_CHANNELS] = CHAN__MAX,
	[CHILD_DOCUMENTS] = DOC__MAX,
	[CHILD_LEGAL] = LEGAL__MAX,
};

struct id_index {
	long long	id;
	size_t		row;
};

static const char *
cell(const struct mc_rows *r, size_t row, int col)
{
	return mc_rows_str(r, row, (size_t)col);
}

/* 1 when s says nothing: NULL, only spaces, or a placeholder. */
static int
blank(const char *s)
{
	size_t	i, n;

	if (s == NULL)
		return 1;
	s += strspn(s, " \t\r\n");
	if (*s == '\0')
		return 1;
	for (i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++) {
		n = strlen(placeholders[i]);
		if (strncmp(s, placeholders[i], n) == 0 &&
		    s[n + strspn(s + n, " \t\r\n.")] == '\0')
			return 1;
	}
	return 0;
}

/* The node name, created if missing; aborts only when out of memory. */
static HDF *
node(HDF *hdf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static HDF *
node(HDF *hdf, const char *fmt, ...)
{
	char	 name[128];
	va_list	 ap;
	HDF	*n;
	NEOERR	*err;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if ((err = hdf_get_node(hdf, name, &n)) != STATUS_OK) {
		nerr_ignore(&err);
		mc_err("out of memory for %s", name);
		abort();
	}
	return n;
}

/* Sets name to s unless s says nothing. */
static void
set_text(HDF *hdf, const char *name, const char *s)
{
	if (!blank(s))
		mc_view_set(hdf, name, s);
}

/* 1 if s is an http(s) address (the template checks it again). */
static int
web_url(const char *s)
{
	return s != NULL && (strncmp(s, "https://", 8) == 0 ||
	    strncmp(s, "http://", 7) == 0) && strpbrk(s, " \t\r\n") == NULL;
}

/* The English text when the page is English and there is one. */
static const char *
pick(const char *vi, const char *en, enum mc_lang lang)
{
	if (lang == LANG_EN && en != NULL && *en != '\0')
		return en;
	return vi;
}

/* s cut to at most max characters, with an ellipsis when cut. */
static const char *
shorten(struct mc_arena *a, const char *s, size_t max)
{
	size_t	i, chars = 0;

	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == max)
			break;
	if (s[i] == '\0')
		return s;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return mc_arena_printf(a, "%.*s…", (int)i, s);
}

/* 1601 as "1.601" (vi) or "1,601" (en). */
static const char *
count(HDF *hdf, struct mc_arena *a, size_t n)
{
	const char	*sep = mc_view_str(hdf, "Common.ThousandsSep");

	if (n < 1000)
		return mc_arena_printf(a, "%zu", n);
	if (n < 1000000)
		return mc_arena_printf(a, "%zu%s%03zu", n / 1000, sep,
		    n % 1000);
	return mc_arena_printf(a, "%zu%s%03zu%s%03zu", n / 1000000, sep,
	    n / 1000 % 1000, sep, n % 1000);
}

/* "2026-07-20 10:11:12" as 20/07/2026 (vi) or 2026-07-20 (en). */
static const char *
date(struct mc_arena *a, const char *sqltime, enum mc_lang lang)
{
	if (sqltime == NULL || strlen(sqltime) < 10)
		return NULL;
	if (lang == LANG_EN)
		return mc_arena_strndup(a, sqltime, 10);
	return mc_arena_printf(a, "%.2s/%.2s/%.4s", sqltime + 8, sqltime + 5,
	    sqltime);
}

/* Sets prefix.0, prefix.1, ... to the non-blank lines of text, trimmed. */
static void
set_lines(HDF *hdf, const char *prefix, const char *text,
    struct mc_arena *a)
{
	const char	*s, *e;
	size_t		 n = 0, len;
	char		 name[64];

	if (blank(text))
		return;
	for (s = text; *s != '\0'; s = *e ? e + 1 : e) {
		e = s + strcspn(s, "\r\n");
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		len = (size_t)(e - s);
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len == 0)
			continue;
		snprintf(name, sizeof(name), "%s.%zu", prefix, n++);
		mc_view_set(hdf, name, mc_arena_strndup(a, s, len));
	}
}

int
sitegen_code_ok(const char *code)
{
	size_t	n;

	if (code == NULL || code[0] == '.' || strstr(code, "..") != NULL)
		return 0;
	n = strspn(code, "0123456789abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ._-");
	return n > 0 && n <= 64 && code[n] == '\0';
}

static int
id_cmp(const void *a, const void *b)
{
	const struct id_index *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Sets the spans of one child table from its runs of procedure_id. */
static void
link_child(struct sg_catalogue *cat, enum sg_child c,
    const struct id_index *ids, struct mc_arena *a)
{
	const struct mc_rows	*r = &cat->child[c];
	struct id_index		 key, *hit;
	size_t			 i, j;

	cat->span[c] = mc_arena_alloc(a, (cat->procs.n + 1) *
	    sizeof(struct sg_span));
	for (i = 0; i < r->n; i = j) {
		key.id = mc_rows_int(r, i, 0);
		for (j = i + 1; j < r->n && mc_rows_int(r, j, 0) == key.id; j++)
			;
		hit = bsearch(&key, ids, cat->procs.n, sizeof(*ids), id_cmp);
		if (hit == NULL)
			continue;	/* added after the procedures */
		cat->span[c][hit->row].first = i;
		cat->span[c][hit->row].n = j - i;
	}
}

int
sitegen_link(struct sg_catalogue *cat, struct mc_arena *a)
{
	struct id_index	*ids;
	struct sg_field	*f = NULL;
	size_t		 i;
	int		 c;

	if (cat->procs.n > 0 && cat->procs.ncols != PROC__MAX) {
		mc_err("procedures: %zu columns, want %d", cat->procs.ncols,
		    PROC__MAX);
		return -1;
	}
	for (c = 0; c < CHILD__MAX; c++)
		if (cat->child[c].n > 0 &&
		    cat->child[c].ncols != (size_t)child_cols[c]) {
			mc_err("child table %d: %zu columns, want %d", c,
			    cat->child[c].ncols, child_cols[c]);
			return -1;
		}
	ids = mc_arena_alloc(a, (cat->procs.n + 1) * sizeof(*ids));
	cat->fields = mc_arena_alloc(a, (cat->procs.n + 1) * sizeof(*f));
	cat->nfields = cat->online = 0;
	for (i = 0; i < cat->procs.n; i++) {
		ids[i].id = mc_rows_int(&cat->procs, i, PROC_ID);
		ids[i].row = i;
		if (f == NULL || mc_rows_int(&cat->procs, i, PROC_FIELD_ID) !=
		    mc_rows_int(&cat->procs, f->first, PROC_FIELD_ID)) {
			f = &cat->fields[cat->nfields++];
			f->first = i;
		}
		f->n++;
		if (mc_rows_int(&cat->procs, i, PROC_ONLINE)) {
			f->online++;
			cat->online++;
		}
	}
	qsort(ids, cat->procs.n, sizeof(*ids), id_cmp);
	for (c = 0; c < CHILD__MAX; c++)
		link_child(cat, c, ids, a);
	return 0;
}

/* The anchor of a field on the catalogue page. */
static const char *
field_slug(const struct sg_catalogue *cat, size_t row, struct mc_arena *a)
{
	const char	*slug = cell(&cat->procs, row, PROC_FIELD_SLUG);

	if (sitegen_code_ok(slug))
		return slug;
	return mc_arena_printf(a, "linh-vuc-%lld",
	    mc_rows_int(&cat->procs, row, PROC_FIELD_ID));
}

static const char *
field_name(const struct sg_catalogue *cat, size_t row, enum mc_lang lang)
{
	return pick(cell(&cat->procs, row, PROC_FIELD),
	    cell(&cat->procs, row, PROC_FIELD_EN), lang);
}

static void
crumb(HDF *hdf, int n, const char *title, const char *href)
{
	HDF	*c = node(hdf, "Page.Breadcrumb.%d", n);

	mc_view_set(c, "Title", title);
	if (href != NULL)
		mc_view_set(c, "Href", href);
}

static void
set_counts(HDF *hdf, const struct sg_catalogue *cat, struct mc_arena *a)
{
	mc_view_set(hdf, "Data.Count.Procedures", count(hdf, a, cat->procs.n));
	mc_view_set(hdf, "Data.Count.Online", count(hdf, a, cat->online));
	mc_view_set(hdf, "Data.Count.Fields", count(hdf, a, cat->nfields));
}

/* The first procedures of the configured popular field, else the first. */
static void
set_popular(HDF *hdf, const struct sg_catalogue *cat, enum mc_lang lang)
{
	const struct sg_field	*f = NULL;
	const char		*want, *code;
	size_t			 i, n = 0;
	HDF			*p;

	want = mc_config_get("sitegen_popular_field", "Hộ tịch");
	for (i = 0; i < cat->nfields; i++)
		if (strcmp(cell(&cat->procs, cat->fields[i].first, PROC_FIELD),
		    want) == 0)
			f = &cat->fields[i];
	if (f == NULL && cat->nfields == 0)
		return;
	if (f == NULL)
		f = &cat->fields[0];
	mc_view_set(hdf, "Data.PopularField", field_name(cat, f->first, lang));
	for (i = f->first; i < f->first + f->n && n < POPULAR_MAX; i++) {
		code = cell(&cat->procs, i, PROC_CODE);
		if (!sitegen_code_ok(code))
			continue;
		p = node(hdf, "Data.Popular.%zu", n++);
		mc_view_set(p, "Code", code);
		mc_view_set(p, "Name", cell(&cat->procs, i, PROC_NAME));
	}
}

/* Data.Fields.N.{Name,Slug,Count}, and with procs the procedures too. */
static void
set_fields(HDF *hdf, const struct sg_catalogue *cat, enum mc_lang lang,
    int procs, struct mc_arena *a)
{
	const struct sg_field	*f;
	const struct mc_rows	*p = &cat->procs;
	const char		*code;
	size_t			 i, j, n;
	HDF			*fn, *pn;

	for (i = 0; i < cat->nfields; i++) {
		f = &cat->fields[i];
		fn = node(hdf, "Data.Fields.%zu", i);
		mc_view_set(fn, "Name", field_name(cat, f->first, lang));
		mc_view_set(fn, "Slug", field_slug(cat, f->first, a));
		mc_view_set(fn, "Count", count(hdf, a, f->n));
		if (!procs)
			continue;
		for (j = f->first, n = 0; j < f->first + f->n; j++) {
			code = cell(p, j, PROC_CODE);
			if (!sitegen_code_ok(code))
				continue;
			pn = node(fn, "Procs.%zu", n++);
			mc_view_set(pn, "Code", code);
			mc_view_set(pn, "Name", cell(p, j, PROC_NAME));
			mc_view_set(pn, "Province", cell(p, j, PROC_PROVINCE));
			mc_view_set(pn, "Commune", cell(p, j, PROC_COMMUNE));
			mc_view_set(pn, "Online", cell(p, j, PROC_ONLINE));
		}
	}
}

void
sitegen_fill_home(HDF *hdf, const struct sg_catalogue *cat,
    enum mc_lang lang, struct mc_arena *a)
{
	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "Home.Title"));
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "Home.Description"));
	mc_view_set(hdf, "Page.Path", "/");
	mc_view_set(hdf, "Page.Nav", "home");
	set_counts(hdf, cat, a);
	set_popular(hdf, cat, lang);
	set_fields(hdf, cat, lang, 0, a);
}

void
sitegen_fill_catalogue(HDF *hdf, const struct sg_catalogue *cat,
    enum mc_lang lang, struct mc_arena *a)
{
	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "Catalogue.Title"));
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "Catalogue.Description"));
	mc_view_set(hdf, "Page.Path", "/thu-tuc/");
	mc_view_set(hdf, "Page.Nav", "procedures");
	crumb(hdf, 0, mc_view_str(hdf, "Site.Nav.Home"), "/");
	crumb(hdf, 1, mc_view_str(hdf, "Catalogue.Title"), NULL);
	set_counts(hdf, cat, a);
	set_fields(hdf, cat, lang, 1, a);
}

void
sitegen_fill_404(HDF *hdf, enum mc_lang lang)
{
	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "NotFound.Title"));
	mc_view_set(hdf, "Page.Status", "404");
}

static void
set_channels(HDF *hdf, const struct sg_catalogue *cat, size_t row)
{
	const struct mc_rows	*r = &cat->child[CHILD_CHANNELS];
	const struct sg_span	*s = &cat->span[CHILD_CHANNELS][row];
	size_t			 i;
	HDF			*n;

	for (i = 0; i < s->n; i++) {
		n = node(hdf, "Data.Channels.%zu", i);
		mc_view_set(n, "Channel", cell(r, s->first + i, CHAN_CHANNEL));
		set_text(n, "Time", cell(r, s->first + i, CHAN_TIME));
		set_text(n, "Fee", cell(r, s->first + i, CHAN_FEE));
		set_text(n, "FeeDescription", cell(r, s->first + i,
		    CHAN_FEE_DESC));
	}
}

/* Documents; a row whose group differs from the last one opens a group. */
static void
set_documents(HDF *hdf, const struct sg_catalogue *cat, size_t row)
{
	const struct mc_rows	*r = &cat->child[CHILD_DOCUMENTS];
	const struct sg_span	*s = &cat->span[CHILD_DOCUMENTS][row];
	const char		*group, *last = NULL;
	size_t			 i, k, n = 0;
	HDF			*d;

	for (i = 0; i < s->n; i++) {
		k = s->first + i;
		if (blank(cell(r, k, DOC_NAME)))
			continue;
		d = node(hdf, "Data.Documents.%zu", n++);
		group = cell(r, k, DOC_GROUP);
		if (blank(group))
			group = NULL;
		if (group != NULL && (last == NULL || strcmp(group, last))) {
			mc_view_set(d, "GroupStart", "1");
			mc_view_set(d, "Group", group);
		}
		last = group;
		mc_view_set(d, "Name", cell(r, k, DOC_NAME));
		mc_view_set(d, "Originals", cell(r, k, DOC_ORIGINALS));
		mc_view_set(d, "Copies", cell(r, k, DOC_COPIES));
		mc_view_set(d, "Template", cell(r, k, DOC_TEMPLATE));
	}
}

/* Legal basis; the number is left out when the title already says it. */
static void
set_legal(HDF *hdf, const struct sg_catalogue *cat, size_t row)
{
	const struct mc_rows	*r = &cat->child[CHILD_LEGAL];
	const struct sg_span	*s = &cat->span[CHILD_LEGAL][row];
	const char		*num, *title;
	size_t			 i, n = 0;
	HDF			*l;

	for (i = 0; i < s->n; i++) {
		title = cell(r, s->first + i, LEGAL_TITLE);
		num = cell(r, s->first + i, LEGAL_NUMBER);
		if (blank(title)) {
			if (blank(num))
				continue;
			title = num;
		}
		l = node(hdf, "Data.Legal.%zu", n++);
		mc_view_set(l, "Title", title);
		if (!blank(num) && strstr(title, num) == NULL)
			mc_view_set(l, "Number", num);
	}
}

void
sitegen_fill_procedure(HDF *hdf, const struct sg_catalogue *cat, size_t row,
    enum mc_lang lang, struct mc_arena *a)
{
	const struct mc_rows	*p = &cat->procs;
	const char		*code, *name, *field, *slug;
	HDF			*d;

	code = cell(p, row, PROC_CODE);
	name = cell(p, row, PROC_NAME);
	field = field_name(cat, row, lang);
	slug = field_slug(cat, row, a);

	mc_view_set(hdf, "Page.Title", shorten(a, name, TITLE_CHARS));
	mc_view_setf(hdf, "Page.Description", "%s %s: %s",
	    mc_view_str(hdf, "Procedure.Description"), code,
	    shorten(a, name, DESC_CHARS));
	mc_view_setf(hdf, "Page.Path", "/thu-tuc/%s.html", code);
	mc_view_set(hdf, "Page.Nav", "procedures");
	crumb(hdf, 0, mc_view_str(hdf, "Site.Nav.Home"), "/");
	crumb(hdf, 1, mc_view_str(hdf, "Catalogue.Title"), "/thu-tuc/");
	crumb(hdf, 2, field, mc_arena_printf(a, "/thu-tuc/#%s", slug));

	d = node(hdf, "Data.Procedure");
	mc_view_set(d, "Code", code);
	mc_view_set(d, "Name", name);
	mc_view_set(d, "Field", field);
	mc_view_set(d, "FieldSlug", slug);
	mc_view_set(d, "Province", cell(p, row, PROC_PROVINCE));
	mc_view_set(d, "Commune", cell(p, row, PROC_COMMUNE));
	mc_view_set(d, "Online", cell(p, row, PROC_ONLINE));
	set_text(d, "Type", cell(p, row, PROC_TYPE));
	set_text(d, "DecisionNo", cell(p, row, PROC_DECISION));
	set_text(d, "Implementing", cell(p, row, PROC_IMPLEMENTING));
	set_text(d, "Competent", cell(p, row, PROC_COMPETENT));
	set_text(d, "Subjects", cell(p, row, PROC_SUBJECTS));
	set_text(d, "ServiceLevel", cell(p, row, PROC_SERVICE_LEVEL));
	if (web_url(cell(p, row, PROC_SOURCE_URL)))
		mc_view_set(d, "SourceUrl", cell(p, row, PROC_SOURCE_URL));
	set_text(d, "Updated", date(a, cell(p, row, PROC_UPDATED), lang));
	set_text(d, "Agency.Name", pick(cell(p, row, PROC_AGENCY),
	    cell(p, row, PROC_AGENCY_EN), lang));
	set_text(d, "Agency.Address", cell(p, row, PROC_AGENCY_ADDRESS));
	set_text(d, "Agency.Phone", cell(p, row, PROC_AGENCY_PHONE));
	set_lines(d, "Steps", cell(p, row, PROC_STEPS), a);
	set_lines(d, "Conditions", cell(p, row, PROC_CONDITIONS), a);
	set_lines(d, "Result", cell(p, row, PROC_RESULT), a);
	set_channels(hdf, cat, row);
	set_documents(hdf, cat, row);
	set_legal(hdf, cat, row);
}
