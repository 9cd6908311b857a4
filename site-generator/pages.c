/*
 * The page models of the generated site: the catalogue read from the
 * database (struct sg_catalogue) turned into HDF for the templates in
 * templates/site/, in either language. No database and no files here, so
 * the unit tests can drive it with hand-made rows.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_fmt.h"
#include "mc_log.h"
#include "mc_util.h"
#include "mc_view.h"
#include "sitegen.h"

#define TITLE_CHARS 120 /* <title> and breadcrumb */
#define DESC_CHARS  240 /* meta description */
#define POPULAR_MAX 10
#define RELATED_MAX 6
#define HOME_FIELDS 12
#define HOME_NEWS   3
#define HOME_FAQS   4
#define PROC_FAQS   5

/* What the source catalogue writes where it has nothing to say. */
/* clang-format off */
static const char *const placeholders[] = {
	"Không có thông tin",
	"--",
};
/* clang-format on */

/* clang-format off */
static const int child_cols[CHILD__MAX] = {
	[CHILD_CHANNELS] = CHAN__MAX,
	[CHILD_DOCUMENTS] = DOC__MAX,
	[CHILD_LEGAL] = LEGAL__MAX,
};
/* clang-format on */

/* clang-format off */
static const int table_cols[TABLE__MAX] = {
	[TABLE_AGENCIES] = AG__MAX,
	[TABLE_FAQS] = FAQ__MAX,
	[TABLE_NEWS] = NEWS__MAX,
	[TABLE_EVENTS] = EV__MAX,
	[TABLE_ITEMS] = EVI__MAX,
	[TABLE_SYNONYMS] = SGSYN__MAX,
};
/* clang-format on */

/* Service levels: as stored, in page paths, in Lang.ServiceLevel. */
static const char *const level_db[SL__MAX] = { "full", "partial", NULL };
/* clang-format off */
static const char *const level_path[SL__MAX] = {
	"toan-trinh", "mot-phan", "chua-phan-loai",
};
/* clang-format on */
static const char *const level_key[SL__MAX] = { "full", "partial", "none" };

struct id_index {
	long long id;
	size_t	  row;
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
	size_t i, n;

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
static HDF *node(HDF *hdf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static HDF *
node(HDF *hdf, const char *fmt, ...)
{
	char	name[128];
	va_list ap;
	HDF    *n;
	NEOERR *err;

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
	return s != NULL &&
	    (strncmp(s, "https://", 8) == 0 ||
		strncmp(s, "http://", 7) == 0) &&
	    strpbrk(s, " \t\r\n") == NULL;
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
	size_t i, chars = 0;

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
	const char *sep = mc_view_str(hdf, "Common.ThousandsSep");

	if (n < 1000)
		return mc_arena_printf(a, "%zu", n);
	if (n < 1000000)
		return mc_arena_printf(a, "%zu%s%03zu", n / 1000, sep,
		    n % 1000);
	return mc_arena_printf(a, "%zu%s%03zu%s%03zu", n / 1000000, sep,
	    n / 1000 % 1000, sep, n % 1000);
}

/* "2026-07-20 10:11:12" as 20/07/2026 (vi) or 20 July 2026 (en). */
static const char *
date(struct mc_arena *a, const char *sqltime, enum mc_lang lang)
{
	char out[64];

	if (sqltime == NULL || strlen(sqltime) < 10)
		return NULL;
	return mc_arena_strdup(a,
	    mc_fmt_date(lang, sqltime, out, sizeof(out)));
}

/* Sets prefix.0, prefix.1, ... to the non-blank lines of text, trimmed. */
static void
set_lines(HDF *hdf, const char *prefix, const char *text, struct mc_arena *a)
{
	const char *s, *e;
	size_t	    n = 0, len;
	char	    name[64];

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
	size_t n;

	if (code == NULL || code[0] == '.' || strstr(code, "..") != NULL)
		return 0;
	n = strspn(code,
	    "0123456789abcdefghijklmnopqrstuvwxyz"
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
	const struct mc_rows *r = &cat->child[c];
	struct id_index	      key, *hit;
	size_t		      i, j;

	cat->span[c] = mc_arena_alloc(a,
	    (cat->procs.n + 1) * sizeof(struct sg_span));
	memset(cat->span[c], 0, (cat->procs.n + 1) * sizeof(struct sg_span));
	for (i = 0; i < r->n; i = j) {
		key.id = mc_rows_int(r, i, 0);
		for (j = i + 1; j < r->n && mc_rows_int(r, j, 0) == key.id;
		     j++)
			;
		hit = bsearch(&key, ids, cat->procs.n, sizeof(*ids), id_cmp);
		if (hit == NULL)
			continue; /* added after the procedures */
		cat->span[c][hit->row].first = i;
		cat->span[c][hit->row].n = j - i;
	}
}

/* For sorting procedure rows by code (the catalogue in qsort's hands). */
static const struct mc_rows *code_rows;

static int
code_row_cmp(const void *a, const void *b)
{
	return strcmp(mc_rows_str(code_rows, *(const size_t *)a, PROC_CODE),
	    mc_rows_str(code_rows, *(const size_t *)b, PROC_CODE));
}

enum sg_level
sitegen_level(const struct sg_catalogue *cat, size_t row)
{
	const char *s = cell(&cat->procs, row, PROC_SERVICE_LEVEL);
	int	    l;

	for (l = 0; l < SL_NONE; l++)
		if (s != NULL && strcmp(s, level_db[l]) == 0)
			return (enum sg_level)l;
	return SL_NONE;
}

static int
shape_ok(const struct mc_rows *r, int want, const char *what)
{
	if (r->n == 0 || r->ncols == (size_t)want)
		return 1;
	mc_err("%s: %zu columns, want %d", what, r->ncols, want);
	return 0;
}

int
sitegen_link(struct sg_catalogue *cat, struct mc_arena *a)
{
	struct id_index *ids;
	struct sg_field *f = NULL;
	size_t		 i, n = cat->procs.n;
	int		 c;

	if (!shape_ok(&cat->procs, PROC__MAX, "procedures"))
		return -1;
	for (c = 0; c < CHILD__MAX; c++)
		if (!shape_ok(&cat->child[c], child_cols[c], "child table"))
			return -1;
	for (c = 0; c < TABLE__MAX; c++)
		if (!shape_ok(&cat->table[c], table_cols[c], "table"))
			return -1;
	ids = mc_arena_alloc(a, (n + 1) * sizeof(*ids));
	cat->fields = mc_arena_alloc(a, (n + 1) * sizeof(*f));
	cat->field_of = mc_arena_alloc(a, (n + 1) * sizeof(size_t));
	cat->by_code = mc_arena_alloc(a, (n + 1) * sizeof(size_t));
	cat->flags = mc_arena_alloc(a, n + 1);
	cat->agency_id = mc_arena_alloc(a, (n + 1) * sizeof(long long));
	cat->nfields = cat->online = cat->province = cat->commune = 0;
	memset(cat->level, 0, sizeof(cat->level));
	for (i = 0; i < n; i++) {
		ids[i].id = mc_rows_int(&cat->procs, i, PROC_ID);
		ids[i].row = i;
		cat->by_code[i] = i;
		if (f == NULL ||
		    mc_rows_int(&cat->procs, i, PROC_FIELD_ID) !=
			mc_rows_int(&cat->procs, f->first, PROC_FIELD_ID)) {
			f = &cat->fields[cat->nfields++];
			f->first = i;
			f->n = f->online = 0;
		}
		f->n++;
		cat->field_of[i] = cat->nfields - 1;
		cat->agency_id[i] = mc_rows_int(&cat->procs, i,
		    PROC_AGENCY_ID);
		cat->flags[i] = (mc_rows_int(&cat->procs, i, PROC_PROVINCE) ?
					PF_PROVINCE :
					0) |
		    (mc_rows_int(&cat->procs, i, PROC_COMMUNE) ? PF_COMMUNE :
								 0) |
		    (mc_rows_int(&cat->procs, i, PROC_ONLINE) ? PF_ONLINE : 0);
		if (cat->flags[i] & PF_ONLINE) {
			f->online++;
			cat->online++;
		}
		cat->province += (cat->flags[i] & PF_PROVINCE) != 0;
		cat->commune += (cat->flags[i] & PF_COMMUNE) != 0;
		cat->level[sitegen_level(cat, i)]++;
	}
	qsort(ids, n, sizeof(*ids), id_cmp);
	for (c = 0; c < CHILD__MAX; c++)
		link_child(cat, c, ids, a);
	code_rows = &cat->procs;
	qsort(cat->by_code, n, sizeof(size_t), code_row_cmp);
	return 0;
}

int
sitegen_find(const struct sg_catalogue *cat, const char *code, size_t *row)
{
	size_t lo = 0, hi = cat->procs.n, mid;
	int    c;

	if (code == NULL)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(code,
		    cell(&cat->procs, cat->by_code[mid], PROC_CODE));
		if (c == 0) {
			*row = cat->by_code[mid];
			return 1;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* "" or "/en": where a language's pages live. */
static const char *
root(enum mc_lang lang)
{
	return lang == LANG_EN ? "/en" : "";
}

/* Page.Path (this language) and Page.AltHref (the other) of path. */
static void
set_paths(HDF *hdf, enum mc_lang lang, const char *path)
{
	mc_view_setf(hdf, "Page.Path", "%s%s", root(lang), path);
	mc_view_setf(hdf, "Page.AltHref", "%s%s",
	    root(lang == LANG_EN ? LANG_VI : LANG_EN), path);
}

/* The anchor and page name of a field. */
static const char *
field_slug(const struct sg_catalogue *cat, size_t row, struct mc_arena *a)
{
	const char *slug = cell(&cat->procs, row, PROC_FIELD_SLUG);

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
	HDF *c = node(hdf, "Page.Breadcrumb.%d", n);

	mc_view_set(c, "Title", title);
	if (href != NULL)
		mc_view_set(c, "Href", href);
}

/* Home > [Catalogue >] title: the usual trail. */
static void
trail(HDF *hdf, enum mc_lang lang, int catalogue, const char *title,
    struct mc_arena *a)
{
	int n = 0;

	crumb(hdf, n++, mc_view_str(hdf, "Site.Nav.Home"),
	    mc_arena_printf(a, "%s/", root(lang)));
	if (catalogue)
		crumb(hdf, n++, mc_view_str(hdf, "Catalogue.Title"),
		    mc_arena_printf(a, "%s/thu-tuc/", root(lang)));
	crumb(hdf, n, title, NULL);
}

static void
set_counts(HDF *hdf, const struct sg_catalogue *cat, struct mc_arena *a)
{
	int l;

	mc_view_set(hdf, "Data.Count.Procedures", count(hdf, a, cat->procs.n));
	mc_view_set(hdf, "Data.Count.Online", count(hdf, a, cat->online));
	mc_view_set(hdf, "Data.Count.Fields", count(hdf, a, cat->nfields));
	mc_view_set(hdf, "Data.Count.Province", count(hdf, a, cat->province));
	mc_view_set(hdf, "Data.Count.Commune", count(hdf, a, cat->commune));
	mc_view_set(hdf, "Data.Count.Agencies",
	    count(hdf, a, cat->table[TABLE_AGENCIES].n));
	for (l = 0; l < SL__MAX; l++) {
		mc_view_set(node(hdf, "Data.Levels.%d", l), "Key",
		    level_key[l]);
		mc_view_set(node(hdf, "Data.Levels.%d", l), "Path",
		    level_path[l]);
		mc_view_set(node(hdf, "Data.Levels.%d", l), "Count",
		    count(hdf, a, cat->level[l]));
	}
}

/* One procedure of a list: Code, Name, Province, Commune, Online, Level. */
static void
set_item(HDF *n, const struct sg_catalogue *cat, size_t row)
{
	const struct mc_rows *p = &cat->procs;

	mc_view_set(n, "Code", cell(p, row, PROC_CODE));
	mc_view_set(n, "Name", cell(p, row, PROC_NAME));
	mc_view_set(n, "Province", cell(p, row, PROC_PROVINCE));
	mc_view_set(n, "Commune", cell(p, row, PROC_COMMUNE));
	mc_view_set(n, "Online", cell(p, row, PROC_ONLINE));
	mc_view_set(n, "Level", level_key[sitegen_level(cat, row)]);
}

/*
 * The common procedures: those the life events name, in their order; with
 * no life events, the first procedures of the configured field.
 */
static void
set_popular(HDF *hdf, const struct sg_catalogue *cat, enum mc_lang lang)
{
	const struct mc_rows  *it = &cat->table[TABLE_ITEMS];
	const struct sg_field *f = NULL;
	const char	      *want, *code;
	size_t		       i, k, row, n = 0;

	for (i = 0; i < it->n && n < POPULAR_MAX; i++) {
		if (!sitegen_find(cat, cell(it, i, EVI_CODE), &row))
			continue;
		for (k = 0; k < n; k++)
			if (strcmp(hdf_get_valuef(hdf, "Data.Popular.%zu.Code",
				       k),
				cell(&cat->procs, row, PROC_CODE)) == 0)
				break;
		if (k == n)
			set_item(node(hdf, "Data.Popular.%zu", n++), cat, row);
	}
	if (n > 0)
		return;
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
		set_item(node(hdf, "Data.Popular.%zu", n++), cat, i);
	}
}

/* Data.Fields.N.{Name,Slug,Count}: all, or the largest max ones. */
static void
set_fields(HDF *hdf, const struct sg_catalogue *cat, enum mc_lang lang,
    size_t max, struct mc_arena *a)
{
	const struct sg_field *f;
	size_t		      *order, i, j, t, n;
	HDF		      *fn;

	n = cat->nfields;
	order = mc_arena_alloc(a, (n + 1) * sizeof(size_t));
	for (i = 0; i < n; i++)
		order[i] = i;
	/* The largest first when cut (insertion sort: ~120 fields). */
	for (i = 1; max > 0 && i < n; i++)
		for (j = i; j > 0 &&
		     cat->fields[order[j]].n > cat->fields[order[j - 1]].n;
		     j--) {
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (max > 0 && n > max)
		n = max;
	for (i = 0; i < n; i++) {
		f = &cat->fields[order[i]];
		fn = node(hdf, "Data.Fields.%zu", i);
		mc_view_set(fn, "Name", field_name(cat, f->first, lang));
		mc_view_set(fn, "Slug", field_slug(cat, f->first, a));
		mc_view_set(fn, "Count", count(hdf, a, f->n));
	}
}

static const char *
event_name(const struct sg_catalogue *cat, size_t row, enum mc_lang lang)
{
	const struct mc_rows *e = &cat->table[TABLE_EVENTS];

	return pick(cell(e, row, EV_NAME), cell(e, row, EV_NAME_EN), lang);
}

/* Data.Events.N.{Slug,Name,Summary}: the life events. */
static void
set_events(HDF *hdf, const struct sg_catalogue *cat, enum mc_lang lang)
{
	const struct mc_rows *e = &cat->table[TABLE_EVENTS];
	size_t		      i, n = 0;
	HDF		     *en;

	for (i = 0; i < e->n; i++) {
		if (!sitegen_code_ok(cell(e, i, EV_SLUG)))
			continue;
		en = node(hdf, "Data.Events.%zu", n++);
		mc_view_set(en, "Slug", cell(e, i, EV_SLUG));
		mc_view_set(en, "Name", event_name(cat, i, lang));
		set_text(en, "Summary",
		    pick(cell(e, i, EV_SUMMARY), cell(e, i, EV_SUMMARY_EN),
			lang));
	}
}

/* A text in the page's language; sets name.ViOnly when only Vietnamese. */
static const char *
pick_note(HDF *n, const char *vi, const char *en, enum mc_lang lang)
{
	if (lang == LANG_EN && (en == NULL || *en == '\0'))
		mc_view_set(n, "ViOnly", "1");
	return pick(vi, en, lang);
}

static void
set_news_item(HDF *n, const struct sg_catalogue *cat, size_t row,
    enum mc_lang lang, struct mc_arena *a)
{
	const struct mc_rows *r = &cat->table[TABLE_NEWS];

	mc_view_set(n, "Id", cell(r, row, NEWS_ID));
	mc_view_set(n, "Kind", cell(r, row, NEWS_KIND));
	mc_view_set(n, "Title",
	    pick_note(n, cell(r, row, NEWS_TITLE), cell(r, row, NEWS_TITLE_EN),
		lang));
	set_text(n, "Summary",
	    pick(cell(r, row, NEWS_SUMMARY), cell(r, row, NEWS_SUMMARY_EN),
		lang));
	set_text(n, "Date", date(a, cell(r, row, NEWS_PUBLISHED), lang));
}

static void
set_faq_item(HDF *n, const struct sg_catalogue *cat, size_t row,
    enum mc_lang lang, int answer, struct mc_arena *a)
{
	const struct mc_rows *r = &cat->table[TABLE_FAQS];
	const char	     *ans;

	mc_view_set(n, "Id", cell(r, row, FAQ_ID));
	mc_view_set(n, "Question",
	    pick_note(n, cell(r, row, FAQ_QUESTION),
		cell(r, row, FAQ_QUESTION_EN), lang));
	if (!answer)
		return;
	ans = pick(cell(r, row, FAQ_ANSWER), cell(r, row, FAQ_ANSWER_EN),
	    lang);
	set_lines(n, "Answer", ans, a);
}

void
sitegen_fill_home(HDF *hdf, const struct sg_catalogue *cat, enum mc_lang lang,
    struct mc_arena *a)
{
	const struct mc_rows *news = &cat->table[TABLE_NEWS];
	const struct mc_rows *faqs = &cat->table[TABLE_FAQS];
	size_t		      i, n;

	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "Home.Title"));
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "Home.Description"));
	set_paths(hdf, lang, "/");
	mc_view_set(hdf, "Page.Nav", "home");
	set_counts(hdf, cat, a);
	set_popular(hdf, cat, lang);
	set_fields(hdf, cat, lang, HOME_FIELDS, a);
	set_events(hdf, cat, lang);
	for (i = 0; i < news->n && i < HOME_NEWS; i++)
		set_news_item(node(hdf, "Data.News.%zu", i), cat, i, lang, a);
	for (i = n = 0; i < faqs->n && n < HOME_FAQS; i++)
		if (cell(faqs, i, FAQ_FIELD_ID) == NULL)
			set_faq_item(node(hdf, "Data.Faqs.%zu", n++), cat, i,
			    lang, 0, a);
}

void
sitegen_fill_catalogue(HDF *hdf, const struct sg_catalogue *cat,
    enum mc_lang lang, struct mc_arena *a)
{
	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "Catalogue.Title"));
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "Catalogue.Description"));
	set_paths(hdf, lang, "/thu-tuc/");
	mc_view_set(hdf, "Page.Nav", "procedures");
	trail(hdf, lang, 0, mc_view_str(hdf, "Catalogue.Title"), a);
	set_counts(hdf, cat, a);
	set_fields(hdf, cat, lang, 0, a);
	set_events(hdf, cat, lang);
}

void
sitegen_fill_404(HDF *hdf, enum mc_lang lang)
{
	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "NotFound.Title"));
	mc_view_set(hdf, "Page.Status", "404");
	mc_view_set(hdf, "Page.AltHref", lang == LANG_EN ? "/" : "/en/");
}

/* 1 if the procedure of row is received by the agency of agency row ag. */
static int
receives(const struct sg_catalogue *cat, size_t ag, size_t row)
{
	const struct mc_rows *r = &cat->table[TABLE_AGENCIES];
	const char	     *kind = cell(r, ag, AG_KIND);

	if (kind != NULL && strcmp(kind, "ward") == 0)
		return (cat->flags[row] & PF_COMMUNE) != 0;
	return cat->agency_id[row] != 0 &&
	    cat->agency_id[row] == mc_rows_int(r, ag, AG_ID);
}

/* 1 if the procedure of row belongs to the life event of event row ev. */
static int
in_event(const struct sg_catalogue *cat, size_t ev, size_t row)
{
	const struct mc_rows *it = &cat->table[TABLE_ITEMS];
	long long   id = mc_rows_int(&cat->table[TABLE_EVENTS], ev, EV_ID);
	const char *code, *slug;
	size_t	    i;

	code = cell(&cat->procs, row, PROC_CODE);
	slug = cell(&cat->procs, row, PROC_FIELD_SLUG);
	for (i = 0; i < it->n; i++) {
		if (mc_rows_int(it, i, EVI_EVENT) != id)
			continue;
		if ((cell(it, i, EVI_CODE) != NULL &&
			strcmp(cell(it, i, EVI_CODE), code) == 0) ||
		    (cell(it, i, EVI_FIELD) != NULL && slug != NULL &&
			strcmp(cell(it, i, EVI_FIELD), slug) == 0))
			return 1;
	}
	return 0;
}

/* 1 if the procedure of row is on the list page (kind, key). */
int
sitegen_listed(const struct sg_catalogue *cat, enum sg_list kind, size_t key,
    size_t row)
{
	switch (kind) {
	case LIST_FIELD:
		return cat->field_of[row] == key;
	case LIST_PROVINCE:
		return (cat->flags[row] & PF_PROVINCE) != 0;
	case LIST_COMMUNE:
		return (cat->flags[row] & PF_COMMUNE) != 0;
	case LIST_SERVICE:
		return (size_t)sitegen_level(cat, row) == key;
	case LIST_AGENCY:
		return receives(cat, key, row);
	case LIST_EVENT:
		return in_event(cat, key, row);
	default:
		return 0;
	}
}

const char *
sitegen_list_path(const struct sg_catalogue *cat, enum sg_list kind,
    size_t key, struct mc_arena *a)
{
	const char *s;

	switch (kind) {
	case LIST_FIELD:
		if (key >= cat->nfields)
			return NULL;
		return mc_arena_printf(a, "linh-vuc/%s.html",
		    field_slug(cat, cat->fields[key].first, a));
	case LIST_PROVINCE:
		return "cap/tinh.html";
	case LIST_COMMUNE:
		return "cap/xa.html";
	case LIST_SERVICE:
		if (key >= SL__MAX)
			return NULL;
		return mc_arena_printf(a, "muc-do/%s.html", level_path[key]);
	case LIST_AGENCY:
		if (key >= cat->table[TABLE_AGENCIES].n)
			return NULL;
		s = cell(&cat->table[TABLE_AGENCIES], key, AG_CODE);
		return sitegen_code_ok(s) ?
		    mc_arena_printf(a, "co-quan/%s.html", s) :
		    NULL;
	case LIST_EVENT:
		if (key >= cat->table[TABLE_EVENTS].n)
			return NULL;
		s = cell(&cat->table[TABLE_EVENTS], key, EV_SLUG);
		return sitegen_code_ok(s) ?
		    mc_arena_printf(a, "su-kien/%s.html", s) :
		    NULL;
	default:
		return NULL;
	}
}

static const char *
agency_name(const struct sg_catalogue *cat, size_t row, enum mc_lang lang)
{
	const struct mc_rows *r = &cat->table[TABLE_AGENCIES];

	return pick(cell(r, row, AG_NAME), cell(r, row, AG_NAME_EN), lang);
}

/* "07:30-11:30,13:00-17:00" as "07:30–11:30, 13:00–17:00" (Data.Hours). */
static void
set_hours(HDF *hdf, struct mc_arena *a)
{
	const char *h = mc_config_get("office_hours",
	    "07:30-11:30,13:00-17:00");
	char	   *s = mc_arena_alloc(a, 3 * strlen(h) + 1), *o = s;

	for (; *h != '\0'; h++)
		if (*h == ',') {
			*o++ = ',';
			*o++ = ' ';
		} else if (*h == '-') {
			memcpy(o, "\xe2\x80\x93", 3); /* en dash */
			o += 3;
		} else
			*o++ = *h;
	*o = '\0';
	mc_view_set(hdf, "Data.Hours", s);
}

/* The title and introduction of a list page, and its agency or event. */
static const char *
list_title(HDF *hdf, const struct sg_catalogue *cat, enum sg_list kind,
    size_t key, enum mc_lang lang, struct mc_arena *a)
{
	const struct mc_rows *ag = &cat->table[TABLE_AGENCIES];
	const struct mc_rows *ev = &cat->table[TABLE_EVENTS];
	HDF		     *d;

	switch (kind) {
	case LIST_FIELD:
		return field_name(cat, cat->fields[key].first, lang);
	case LIST_PROVINCE:
		return mc_view_str(hdf, "List.Province");
	case LIST_COMMUNE:
		return mc_view_str(hdf, "List.Commune");
	case LIST_SERVICE:
		return mc_view_str(hdf,
		    mc_arena_printf(a, "List.Service.%s", level_key[key]));
	case LIST_AGENCY:
		d = node(hdf, "Data.Agency");
		mc_view_set(d, "Code", cell(ag, key, AG_CODE));
		mc_view_set(d, "Kind", cell(ag, key, AG_KIND));
		set_text(d, "Address", cell(ag, key, AG_ADDRESS));
		set_text(d, "Phone", cell(ag, key, AG_PHONE));
		if (lang == LANG_EN)
			mc_view_set(d, "NameVi", cell(ag, key, AG_NAME));
		set_hours(hdf, a);
		return agency_name(cat, key, lang);
	case LIST_EVENT:
		d = node(hdf, "Data.Event");
		set_text(d, "Summary",
		    pick(cell(ev, key, EV_SUMMARY),
			cell(ev, key, EV_SUMMARY_EN), lang));
		return event_name(cat, key, lang);
	default:
		return "";
	}
}

void
sitegen_fill_list(HDF *hdf, const struct sg_catalogue *cat, enum sg_list kind,
    size_t key, enum mc_lang lang, struct mc_arena *a)
{
	static const char *const kinds[LIST__MAX] = {
		"field",
		"province",
		"commune",
		"service",
		"agency",
		"event",
	};
	const char *title, *path;
	size_t	    i, g = 0, n = 0, total = 0, last = (size_t)-1;
	HDF	   *gn = NULL;
	int	    ward;

	path = sitegen_list_path(cat, kind, key, a);
	if (path == NULL)
		return;
	title = list_title(hdf, cat, kind, key, lang, a);
	mc_view_set(hdf, "Page.Title", shorten(a, title, TITLE_CHARS));
	mc_view_setf(hdf, "Page.Description", "%s: %s",
	    mc_view_str(hdf, "List.Description"),
	    shorten(a, title, DESC_CHARS));
	set_paths(hdf, lang, mc_arena_printf(a, "/%s", path));
	mc_view_set(hdf, "Page.Nav",
	    kind == LIST_AGENCY ? "agencies" : "procedures");
	if (kind == LIST_AGENCY) {
		crumb(hdf, 0, mc_view_str(hdf, "Site.Nav.Home"),
		    mc_arena_printf(a, "%s/", root(lang)));
		crumb(hdf, 1, mc_view_str(hdf, "Agencies.Title"),
		    mc_arena_printf(a, "%s/co-quan/", root(lang)));
		crumb(hdf, 2, shorten(a, title, TITLE_CHARS), NULL);
	} else
		trail(hdf, lang, 1, shorten(a, title, TITLE_CHARS), a);
	mc_view_set(hdf, "Data.List.Kind", kinds[kind]);
	mc_view_set(hdf, "Data.List.Title", title);
	if (kind == LIST_SERVICE)
		mc_view_set(hdf, "Data.List.Level", level_key[key]);
	/*
	 * Procedures grouped by field, in the catalogue's order. A ward
	 * receives every commune-level procedure: its page counts them by
	 * field and links to the one list of them (cap/xa.html).
	 */
	ward = kind == LIST_AGENCY &&
	    cell(&cat->table[TABLE_AGENCIES], key, AG_KIND) != NULL &&
	    strcmp(cell(&cat->table[TABLE_AGENCIES], key, AG_KIND), "ward") ==
		0;
	if (ward)
		mc_view_set(hdf, "Data.List.Ward", "1");
	for (i = 0; i < cat->procs.n; i++) {
		if (!sitegen_listed(cat, kind, key, i) ||
		    !sitegen_code_ok(cell(&cat->procs, i, PROC_CODE)))
			continue;
		if (cat->field_of[i] != last) {
			if (gn != NULL && ward)
				mc_view_set(gn, "Count", count(hdf, a, n));
			last = cat->field_of[i];
			gn = node(hdf, "Data.Groups.%zu", g++);
			mc_view_set(gn, "Name", field_name(cat, i, lang));
			mc_view_set(gn, "Slug", field_slug(cat, i, a));
			n = 0;
		}
		if (!ward)
			set_item(node(gn, "Procs.%zu", n), cat, i);
		n++;
		total++;
	}
	if (gn != NULL && ward)
		mc_view_set(gn, "Count", count(hdf, a, n));
	mc_view_set(hdf, "Data.List.Count", count(hdf, a, total));
	if (kind == LIST_FIELD)
		mc_view_set(hdf, "Data.List.Single", "1");
}

void
sitegen_fill_agencies(HDF *hdf, const struct sg_catalogue *cat,
    enum mc_lang lang, struct mc_arena *a)
{
	const struct mc_rows *ag = &cat->table[TABLE_AGENCIES];
	const char	     *kind;
	size_t		      i, j, n, nd = 0, nw = 0;
	HDF		     *an;

	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "Agencies.Title"));
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "Agencies.Description"));
	set_paths(hdf, lang, "/co-quan/");
	mc_view_set(hdf, "Page.Nav", "agencies");
	trail(hdf, lang, 0, mc_view_str(hdf, "Agencies.Title"), a);
	set_hours(hdf, a);
	mc_view_set(hdf, "Data.Count.Commune", count(hdf, a, cat->commune));
	for (i = 0; i < ag->n; i++) {
		if (!sitegen_code_ok(cell(ag, i, AG_CODE)))
			continue;
		kind = cell(ag, i, AG_KIND);
		if (kind != NULL && strcmp(kind, "ward") == 0)
			an = node(hdf, "Data.Wards.%zu", nw++);
		else
			an = node(hdf, "Data.Departments.%zu", nd++);
		mc_view_set(an, "Code", cell(ag, i, AG_CODE));
		mc_view_set(an, "Name", agency_name(cat, i, lang));
		set_text(an, "Address", cell(ag, i, AG_ADDRESS));
		set_text(an, "Phone", cell(ag, i, AG_PHONE));
		if (kind != NULL && strcmp(kind, "ward") == 0)
			continue;
		for (j = n = 0; j < cat->procs.n; j++)
			n += receives(cat, i, j);
		mc_view_set(an, "Count", count(hdf, a, n));
	}
}

/* The field's name of a FAQ row, or the general heading. */
static const char *
faq_group(HDF *hdf, const struct sg_catalogue *cat, size_t row,
    enum mc_lang lang)
{
	const struct mc_rows *r = &cat->table[TABLE_FAQS];

	if (cell(r, row, FAQ_FIELD_ID) == NULL)
		return mc_view_str(hdf, "Faq.General");
	return pick(cell(r, row, FAQ_FIELD), cell(r, row, FAQ_FIELD_EN), lang);
}

void
sitegen_fill_faqs(HDF *hdf, const struct sg_catalogue *cat, enum mc_lang lang,
    struct mc_arena *a)
{
	const struct mc_rows *r = &cat->table[TABLE_FAQS];
	const char	     *last = NULL, *g;
	size_t		      i, ng = 0, n = 0;
	HDF		     *gn = NULL;

	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "Faq.Title"));
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "Faq.Description"));
	set_paths(hdf, lang, "/hoi-dap/");
	mc_view_set(hdf, "Page.Nav", "faq");
	trail(hdf, lang, 0, mc_view_str(hdf, "Faq.Title"), a);
	for (i = 0; i < r->n; i++) {
		g = faq_group(hdf, cat, i, lang);
		if (last == NULL || strcmp(g, last) != 0) {
			gn = node(hdf, "Data.Groups.%zu", ng++);
			mc_view_set(gn, "Name", g);
			if (cell(r, i, FAQ_FIELD_SLUG) != NULL)
				mc_view_set(gn, "Slug",
				    cell(r, i, FAQ_FIELD_SLUG));
			last = g;
			n = 0;
		}
		set_faq_item(node(gn, "Faqs.%zu", n++), cat, i, lang, 1, a);
	}
}

void
sitegen_fill_faq(HDF *hdf, const struct sg_catalogue *cat, size_t row,
    enum mc_lang lang, struct mc_arena *a)
{
	const struct mc_rows *r = &cat->table[TABLE_FAQS];
	const char	     *q;
	size_t		      p;
	HDF		     *d = node(hdf, "Data.Faq");

	set_faq_item(d, cat, row, lang, 1, a);
	q = hdf_get_value(hdf, "Data.Faq.Question", "");
	mc_view_set(hdf, "Page.Title", shorten(a, q, TITLE_CHARS));
	mc_view_set(hdf, "Page.Description", shorten(a, q, DESC_CHARS));
	set_paths(hdf, lang,
	    mc_arena_printf(a, "/hoi-dap/%s.html", cell(r, row, FAQ_ID)));
	mc_view_set(hdf, "Page.Nav", "faq");
	crumb(hdf, 0, mc_view_str(hdf, "Site.Nav.Home"),
	    mc_arena_printf(a, "%s/", root(lang)));
	crumb(hdf, 1, mc_view_str(hdf, "Faq.Title"),
	    mc_arena_printf(a, "%s/hoi-dap/", root(lang)));
	crumb(hdf, 2, shorten(a, q, TITLE_CHARS), NULL);
	mc_view_set(d, "Group", faq_group(hdf, cat, row, lang));
	if (cell(r, row, FAQ_FIELD_SLUG) != NULL &&
	    sitegen_code_ok(cell(r, row, FAQ_FIELD_SLUG)))
		mc_view_set(d, "FieldSlug", cell(r, row, FAQ_FIELD_SLUG));
	if (sitegen_find(cat, cell(r, row, FAQ_PROC_CODE), &p)) {
		mc_view_set(d, "Procedure.Code",
		    cell(&cat->procs, p, PROC_CODE));
		mc_view_set(d, "Procedure.Name",
		    cell(&cat->procs, p, PROC_NAME));
	}
}

void
sitegen_fill_news_index(HDF *hdf, const struct sg_catalogue *cat,
    enum mc_lang lang, struct mc_arena *a)
{
	size_t i;

	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "News.Title"));
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "News.Description"));
	set_paths(hdf, lang, "/tin-tuc/");
	mc_view_set(hdf, "Page.Nav", "news");
	trail(hdf, lang, 0, mc_view_str(hdf, "News.Title"), a);
	for (i = 0; i < cat->table[TABLE_NEWS].n; i++)
		set_news_item(node(hdf, "Data.News.%zu", i), cat, i, lang, a);
}

void
sitegen_fill_news(HDF *hdf, const struct sg_catalogue *cat, size_t row,
    enum mc_lang lang, struct mc_arena *a)
{
	const struct mc_rows *r = &cat->table[TABLE_NEWS];
	const char	     *title;
	HDF		     *d = node(hdf, "Data.Item");

	set_news_item(d, cat, row, lang, a);
	set_lines(d, "Body",
	    pick(cell(r, row, NEWS_BODY), cell(r, row, NEWS_BODY_EN), lang),
	    a);
	title = hdf_get_value(hdf, "Data.Item.Title", "");
	mc_view_set(hdf, "Page.Title", shorten(a, title, TITLE_CHARS));
	mc_view_set(hdf, "Page.Description",
	    hdf_get_value(hdf, "Data.Item.Summary", title));
	mc_view_set(hdf, "Page.OgType", "article");
	set_paths(hdf, lang,
	    mc_arena_printf(a, "/tin-tuc/%s.html", cell(r, row, NEWS_ID)));
	mc_view_set(hdf, "Page.Nav", "news");
	crumb(hdf, 0, mc_view_str(hdf, "Site.Nav.Home"),
	    mc_arena_printf(a, "%s/", root(lang)));
	crumb(hdf, 1, mc_view_str(hdf, "News.Title"),
	    mc_arena_printf(a, "%s/tin-tuc/", root(lang)));
	crumb(hdf, 2, shorten(a, title, TITLE_CHARS), NULL);
}

void
sitegen_fill_stats(HDF *hdf, const struct sg_catalogue *cat, enum mc_lang lang,
    struct mc_arena *a)
{
	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "Stats.Title"));
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "Stats.Description"));
	set_paths(hdf, lang, "/thong-ke/");
	mc_view_set(hdf, "Page.Nav", "procedures");
	trail(hdf, lang, 0, mc_view_str(hdf, "Stats.Title"), a);
	set_counts(hdf, cat, a);
	mc_view_set(hdf, "Data.Count.Offline",
	    count(hdf, a, cat->procs.n - cat->online));
	set_fields(hdf, cat, lang, 0, a);
	/* Per field: online ones too. */
	{
		size_t i;

		for (i = 0; i < cat->nfields; i++)
			mc_view_set(node(hdf, "Data.Fields.%zu", i), "Online",
			    count(hdf, a, cat->fields[i].online));
	}
}

/* Time units of the catalogue ("5 Ngày làm việc") and their Lang keys. */
static const struct {
	const char *folded;
	const char *key;
} time_units[] = {
	{ "", "workdays" },
	{ "ngay lam viec", "workdays" },
	{ "ngay", "days" },
	{ "gio", "hours" },
	{ "gio lam viec", "workhours" },
	{ "thang", "months" },
};

/*
 * A processing time as Amount and Unit (translatable) when it reads
 * "<number> <unit>" (a bare number is working days), else Time as given.
 */
static void
set_time(HDF *n, const char *s, struct mc_arena *a)
{
	const char *unit;
	size_t	    len, i;

	if (blank(s))
		return;
	len = strspn(s, "0123456789");
	if (len > 0 && (s[len] == ',' || s[len] == '.') && s[len + 1] >= '0' &&
	    s[len + 1] <= '9')
		len += 1 + strspn(s + len + 1, "0123456789");
	if (len == 0 || len > 12 || (unit = mc_fold(a, s + len)) == NULL) {
		mc_view_set(n, "Time", s);
		return;
	}
	for (i = 0; i < sizeof(time_units) / sizeof(time_units[0]); i++)
		if (strcmp(unit, time_units[i].folded) == 0) {
			mc_view_set(n, "Amount", mc_arena_strndup(a, s, len));
			mc_view_set(n, "Unit", time_units[i].key);
			return;
		}
	mc_view_set(n, "Time", s);
}

/* A fee: FeeKey free or none, FeeVnd (a number of dong), or Fee as given. */
static void
set_fee(HDF *n, const char *s, struct mc_arena *a)
{
	const char *f, *rest;
	size_t	    len;

	if (blank(s) || (f = mc_fold(a, s)) == NULL)
		return;
	if (strcmp(f, "mien phi") == 0 || strcmp(f, "mien le phi") == 0) {
		mc_view_set(n, "FeeKey", "free");
		return;
	}
	if (strcmp(f, "khong") == 0) {
		mc_view_set(n, "FeeKey", "none");
		return;
	}
	len = strspn(s, "0123456789.,");
	rest = mc_fold(a, s + len);
	if (len > 0 && s[0] != '.' && s[0] != ',' && rest != NULL &&
	    (strcmp(rest, "viet nam dong") == 0 || strcmp(rest, "vnd") == 0 ||
		strcmp(rest, "dong") == 0)) {
		mc_view_set(n, "FeeVnd", mc_arena_strndup(a, s, len));
		return;
	}
	mc_view_set(n, "Fee", s);
}

static void
set_channels(HDF *hdf, const struct sg_catalogue *cat, size_t row,
    struct mc_arena *a)
{
	const struct mc_rows *r = &cat->child[CHILD_CHANNELS];
	const struct sg_span *s = &cat->span[CHILD_CHANNELS][row];
	size_t		      i;
	HDF		     *n;

	for (i = 0; i < s->n; i++) {
		n = node(hdf, "Data.Channels.%zu", i);
		mc_view_set(n, "Channel", cell(r, s->first + i, CHAN_CHANNEL));
		set_time(n, cell(r, s->first + i, CHAN_TIME), a);
		set_fee(n, cell(r, s->first + i, CHAN_FEE), a);
		set_text(n, "FeeDescription",
		    cell(r, s->first + i, CHAN_FEE_DESC));
	}
}

/* Documents; a row whose group differs from the last one opens a group. */
static void
set_documents(HDF *hdf, const struct sg_catalogue *cat, size_t row)
{
	const struct mc_rows *r = &cat->child[CHILD_DOCUMENTS];
	const struct sg_span *s = &cat->span[CHILD_DOCUMENTS][row];
	const char	     *group, *last = NULL;
	size_t		      i, k, n = 0;
	HDF		     *d;

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
		set_text(d, "Note", cell(r, k, DOC_NOTE));
	}
}

/* Legal basis; the number is left out when the title already says it. */
static void
set_legal(HDF *hdf, const struct sg_catalogue *cat, size_t row)
{
	const struct mc_rows *r = &cat->child[CHILD_LEGAL];
	const struct sg_span *s = &cat->span[CHILD_LEGAL][row];
	const char	     *num, *title;
	size_t		      i, n = 0;
	HDF		     *l;

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

/*
 * The result: the source page's text ran into its search widget ("Từ
 * khóa ... Nộp hồ sơ"), and names its results "<name>Mã: KQ.G15.000031".
 * Sets Results.N.{Name,Code}, or Result.N lines when it has no codes.
 */
static void
set_results(HDF *d, const char *text, struct mc_arena *a)
{
	const char *end, *s, *m, *c;
	size_t	    n = 0, len;
	char	   *t;
	HDF	   *r;

	if (blank(text))
		return;
	if ((end = strstr(text, "Từ khóa")) == NULL)
		end = text + strlen(text);
	t = mc_arena_strndup(a, text, (size_t)(end - text));
	if (strstr(t, "Mã: KQ.") == NULL) {
		set_lines(d, "Result", t, a);
		return;
	}
	for (s = t; (m = strstr(s, "Mã: KQ.")) != NULL; s = c) {
		c = m + strlen("Mã: KQ.");
		c += strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		c += strspn(c, "0123456789");
		if (*c == '.')
			c += 1 + strspn(c + 1, "0123456789");
		s += strspn(s, " \t\r\n;,");
		if (m <= s)
			continue;
		len = (size_t)(m - s);
		while (len > 0 && strchr(" \t\r\n;,", s[len - 1]) != NULL)
			len--;
		r = node(d, "Results.%zu", n++);
		mc_view_set(r, "Name", mc_arena_strndup(a, s, len));
		mc_view_set(r, "Code",
		    mc_arena_strndup(a, m + strlen("Mã: "),
			(size_t)(c - m) - strlen("Mã: ")));
	}
	if (n == 0)
		set_lines(d, "Result", t, a);
}

/* Up to RELATED_MAX other procedures of the field, those after it first. */
static void
set_related(HDF *hdf, const struct sg_catalogue *cat, size_t row)
{
	const struct sg_field *f = &cat->fields[cat->field_of[row]];
	size_t		       i, k, n = 0;

	for (i = 1; i < f->n && n < RELATED_MAX; i++) {
		k = f->first + (row - f->first + i) % f->n;
		if (!sitegen_code_ok(cell(&cat->procs, k, PROC_CODE)))
			continue;
		set_item(node(hdf, "Data.Related.%zu", n++), cat, k);
	}
}

/* The procedure's FAQs (named by code first, then of its field). */
static void
set_proc_faqs(HDF *hdf, const struct sg_catalogue *cat, size_t row,
    enum mc_lang lang, struct mc_arena *a)
{
	const struct mc_rows *r = &cat->table[TABLE_FAQS];
	const char	     *code = cell(&cat->procs, row, PROC_CODE);
	long long field = mc_rows_int(&cat->procs, row, PROC_FIELD_ID);
	size_t	  i, n = 0;
	int	  pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < r->n && n < PROC_FAQS; i++) {
			if (pass == 0 &&
			    (cell(r, i, FAQ_PROC_CODE) == NULL ||
				strcmp(cell(r, i, FAQ_PROC_CODE), code) != 0))
				continue;
			if (pass == 1 &&
			    (cell(r, i, FAQ_PROC_CODE) != NULL ||
				cell(r, i, FAQ_FIELD_ID) == NULL ||
				mc_rows_int(r, i, FAQ_FIELD_ID) != field))
				continue;
			set_faq_item(node(hdf, "Data.Faqs.%zu", n++), cat, i,
			    lang, 0, a);
		}
}

static void
set_proc_events(HDF *hdf, const struct sg_catalogue *cat, size_t row,
    enum mc_lang lang)
{
	const struct mc_rows *e = &cat->table[TABLE_EVENTS];
	size_t		      i, n = 0;
	HDF		     *en;

	for (i = 0; i < e->n; i++) {
		if (!sitegen_code_ok(cell(e, i, EV_SLUG)) ||
		    !in_event(cat, i, row))
			continue;
		en = node(hdf, "Data.Events.%zu", n++);
		mc_view_set(en, "Slug", cell(e, i, EV_SLUG));
		mc_view_set(en, "Name", event_name(cat, i, lang));
	}
}

void
sitegen_fill_procedure(HDF *hdf, const struct sg_catalogue *cat, size_t row,
    enum mc_lang lang, struct mc_arena *a)
{
	const struct mc_rows *p = &cat->procs;
	const char	     *code, *name, *field, *slug;
	HDF		     *d;

	code = cell(p, row, PROC_CODE);
	name = cell(p, row, PROC_NAME);
	field = field_name(cat, row, lang);
	slug = field_slug(cat, row, a);

	mc_view_set(hdf, "Page.Title", shorten(a, name, TITLE_CHARS));
	mc_view_setf(hdf, "Page.Description", "%s %s: %s",
	    mc_view_str(hdf, "Procedure.Description"), code,
	    shorten(a, name, DESC_CHARS));
	set_paths(hdf, lang, mc_arena_printf(a, "/thu-tuc/%s.html", code));
	mc_view_set(hdf, "Page.Nav", "procedures");
	mc_view_set(hdf, "Page.OgType", "article");
	crumb(hdf, 0, mc_view_str(hdf, "Site.Nav.Home"),
	    mc_arena_printf(a, "%s/", root(lang)));
	crumb(hdf, 1, mc_view_str(hdf, "Catalogue.Title"),
	    mc_arena_printf(a, "%s/thu-tuc/", root(lang)));
	crumb(hdf, 2, field,
	    mc_arena_printf(a, "%s/linh-vuc/%s.html", root(lang), slug));

	d = node(hdf, "Data.Procedure");
	if (lang == LANG_EN)
		mc_view_set(d, "ViOnly", "1");
	mc_view_set(d, "Code", code);
	mc_view_set(d, "Name", name);
	mc_view_set(d, "Field", field);
	mc_view_set(d, "FieldSlug", slug);
	mc_view_set(d, "Province", cell(p, row, PROC_PROVINCE));
	mc_view_set(d, "Commune", cell(p, row, PROC_COMMUNE));
	mc_view_set(d, "Online", cell(p, row, PROC_ONLINE));
	mc_view_set(d, "ServiceLevel", level_key[sitegen_level(cat, row)]);
	set_text(d, "Type", cell(p, row, PROC_TYPE));
	set_text(d, "DecisionNo", cell(p, row, PROC_DECISION));
	set_text(d, "Implementing", cell(p, row, PROC_IMPLEMENTING));
	set_text(d, "Competent", cell(p, row, PROC_COMPETENT));
	set_text(d, "Subjects", cell(p, row, PROC_SUBJECTS));
	if (web_url(cell(p, row, PROC_SOURCE_URL)))
		mc_view_set(d, "SourceUrl", cell(p, row, PROC_SOURCE_URL));
	set_text(d, "Updated", date(a, cell(p, row, PROC_UPDATED), lang));
	set_text(d, "Agency.Name",
	    pick(cell(p, row, PROC_AGENCY), cell(p, row, PROC_AGENCY_EN),
		lang));
	if (sitegen_code_ok(cell(p, row, PROC_AGENCY_CODE)))
		mc_view_set(d, "Agency.Code", cell(p, row, PROC_AGENCY_CODE));
	set_text(d, "Agency.Address", cell(p, row, PROC_AGENCY_ADDRESS));
	set_text(d, "Agency.Phone", cell(p, row, PROC_AGENCY_PHONE));
	set_lines(d, "Steps", cell(p, row, PROC_STEPS), a);
	set_lines(d, "Conditions", cell(p, row, PROC_CONDITIONS), a);
	set_results(d, cell(p, row, PROC_RESULT), a);
	set_channels(hdf, cat, row, a);
	set_documents(hdf, cat, row);
	set_legal(hdf, cat, row);
	set_related(hdf, cat, row);
	set_proc_faqs(hdf, cat, row, lang, a);
	set_proc_events(hdf, cat, row, lang);
}

int
sitegen_search_index(const struct sg_catalogue *cat, struct buf *b)
{
	const struct mc_rows *p = &cat->procs;
	struct mc_arena	     *a;
	const char	     *s;
	size_t		      i, k, ev;
	int		      rc = 0, featured;

	if ((a = mc_arena_new(65536)) == NULL)
		return -1;
	rc |= mc_buf_adds(b, "{\"v\":1,\"fields\":[");
	for (i = 0; i < cat->nfields; i++) {
		k = cat->fields[i].first;
		rc |= mc_buf_adds(b, i ? ",[" : "[");
		rc |= mc_buf_add_json(b, cell(p, k, PROC_FIELD));
		rc |= mc_buf_addc(b, ',');
		s = cell(p, k, PROC_FIELD_EN);
		rc |= mc_buf_add_json(b, s ? s : cell(p, k, PROC_FIELD));
		rc |= mc_buf_addc(b, ']');
	}
	/*
	 * [code, name, folded name, field, province, commune, online, level,
	 * featured (in a life event)]
	 */
	rc |= mc_buf_adds(b, "],\"procs\":[");
	for (i = 0, k = 0; i < p->n; i++) {
		if (!sitegen_code_ok(cell(p, i, PROC_CODE)))
			continue;
		/* The name folded by mc_fold(), as search.js folds queries. */
		mc_arena_reset(a);
		s = mc_fold(a, cell(p, i, PROC_NAME));
		rc |= mc_buf_adds(b, k++ ? ",\n[" : "\n[");
		rc |= mc_buf_add_json(b, cell(p, i, PROC_CODE));
		rc |= mc_buf_addc(b, ',');
		rc |= mc_buf_add_json(b, cell(p, i, PROC_NAME));
		rc |= mc_buf_addc(b, ',');
		rc |= mc_buf_add_json(b, s ? s : "");
		for (ev = 0, featured = 0;
		     !featured && ev < cat->table[TABLE_EVENTS].n; ev++)
			featured = in_event(cat, ev, i);
		rc |= mc_buf_addf(b, ",%zu,%d,%d,%d,%d,%d]", cat->field_of[i],
		    (cat->flags[i] & PF_PROVINCE) != 0,
		    (cat->flags[i] & PF_COMMUNE) != 0,
		    (cat->flags[i] & PF_ONLINE) != 0,
		    (int)sitegen_level(cat, i), featured);
	}
	/* The synonyms, folded: [term, means]. */
	rc |= mc_buf_adds(b, "],\"syn\":[");
	for (i = 0, k = 0; i < cat->table[TABLE_SYNONYMS].n; i++) {
		const char *t, *m;

		mc_arena_reset(a);
		t = mc_fold(a,
		    cell(&cat->table[TABLE_SYNONYMS], i, SGSYN_TERM));
		m = mc_fold(a,
		    cell(&cat->table[TABLE_SYNONYMS], i, SGSYN_MEANS));
		if (t == NULL || m == NULL || *t == '\0' || *m == '\0')
			continue;
		rc |= mc_buf_adds(b, k++ ? ",\n[" : "\n[");
		rc |= mc_buf_add_json(b, t);
		rc |= mc_buf_addc(b, ',');
		rc |= mc_buf_add_json(b, m);
		rc |= mc_buf_addc(b, ']');
	}
	rc |= mc_buf_adds(b, "]}\n");
	mc_arena_free(a);
	return rc < 0 ? -1 : 0;
}

int
sitegen_sitemap_url(struct buf *b, const char *base, const char *path,
    const char *lastmod)
{
	int rc = 0;

	rc |= mc_buf_adds(b, "<url><loc>");
	rc |= mc_buf_add_html(b, base);
	rc |= mc_buf_add_html(b, path);
	rc |= mc_buf_adds(b, "</loc>");
	if (lastmod != NULL && strlen(lastmod) >= 10)
		rc |= mc_buf_addf(b, "<lastmod>%.10s</lastmod>", lastmod);
	rc |= mc_buf_adds(b, "</url>\n");
	return rc < 0 ? -1 : 0;
}
