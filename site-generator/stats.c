/*
 * The public statistics of dossiers (issue 11): one page per period (the
 * years with data, the last twelve months; the current year as the index)
 * in thong-ke/ho-so/, with the city's, each department's and each ward's
 * figures from the summary tables only (lib/domain/mc_pubstats), an SVG
 * bar chart drawn here and the same numbers as tables, and the period's
 * figures as CSV beside the page. Read once before the languages fork
 * (sitegen_stats_load), rendered in each (sitegen_stats_render).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_pubstats.h"
#include "mc_util.h"
#include "mc_view.h"
#include "sitegen.h"

#define MONTHS	    12 /* the last months with a page each */
#define YEARS	    10 /* at most, back from this year */
#define CHART_BARS  10 /* the agencies the chart shows */
#define CHART_W	    420
#define CHART_BAR_W 330
#define CHART_ROW   44
#define DIR	    "thong-ke/ho-so/"

struct period {
	char		     key[8]; /* "2026" or "2026-12" */
	char		     from[11], to[11];
	int		     year, month; /* month 0: the whole year */
	struct mc_pub_row   *rows;	  /* one per agency */
	struct mc_pub_row    city;
	struct mc_pub_field *fields; /* the city's, by field */
	size_t		     nfields;
};

/* What the pages show, read before the languages fork. */
static struct {
	struct mc_pub_agency *ags;
	size_t		      n;
	struct period	     *p; /* years (newest first), then months */
	size_t		      np, nyears;
} st;

/* The columns of the tables and the CSV, in order. */
static const struct {
	const char     *key;
	enum mc_pub_col col; /* PUB__MAX: a rate */
} cols[] = {
	{ "received", PUB_RECEIVED },
	{ "online", PUB_ONLINE },
	{ "inperson", PUB_INPERSON },
	{ "ontime", PUB_ONTIME },
	{ "late", PUB_LATE },
	{ "ontime_rate", PUB__MAX },
	{ "pending_intime", PUB_PENDING_INTIME },
	{ "pending_overdue", PUB_PENDING_OVERDUE },
	{ "online_share", PUB__MAX },
};

#define NCOLS (sizeof(cols) / sizeof(cols[0]))

static void
set_period(struct period *p, int year, int month, const char *today)
{
	int last;

	p->year = year;
	p->month = month;
	if (month == 0) {
		snprintf(p->key, sizeof(p->key), "%04d", year);
		snprintf(p->from, sizeof(p->from), "%04d-01-01", year);
		snprintf(p->to, sizeof(p->to), "%04d-12-31", year);
	} else {
		last = month == 2 ?
		    (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ?
			    29 :
			    28) :
		    month == 4 || month == 6 || month == 9 || month == 11 ?
		    30 :
		    31;
		snprintf(p->key, sizeof(p->key), "%04d-%02d", year, month);
		snprintf(p->from, sizeof(p->from), "%04d-%02d-01", year,
		    month);
		snprintf(p->to, sizeof(p->to), "%04d-%02d-%02d", year, month,
		    last);
	}
	/* The current period ends today: no stock of days to come. */
	if (strcmp(p->to, today) > 0)
		snprintf(p->to, sizeof(p->to), "%s", today);
}

int
sitegen_stats_load(struct mc_db *db, struct mc_arena *a)
{
	const char *first;
	char	    today[11];
	time_t	    now = time(NULL);
	struct tm   tm;
	int	    y, m, y0, i, rc = -1;
	size_t	    k;

	memset(&st, 0, sizeof(st));
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	if (mc_db_begin(db) < 0)
		return -1;
	if (mc_pub_agencies(db, a, &st.ags, &st.n) < 0 ||
	    mc_pub_first_month(db, a, &first) < 0)
		goto out;
	y0 = y;
	if (first != NULL && strlen(first) >= 4) {
		long long fy;
		char	  ys[5];

		memcpy(ys, first, 4);
		ys[4] = '\0';
		if (mc_parse_ll(ys, 1000, 9999, &fy) == 0)
			y0 = (int)fy;
	}
	if (y0 > y)
		y0 = y;
	if (y0 < y - YEARS + 1)
		y0 = y - YEARS + 1;
	st.nyears = (size_t)(y - y0 + 1);
	st.np = st.nyears + MONTHS;
	st.p = mc_arena_alloc(a, sizeof(*st.p) * st.np);
	memset(st.p, 0, sizeof(*st.p) * st.np);
	for (k = 0; k < st.nyears; k++)
		set_period(&st.p[k], y - (int)k, 0, today);
	for (i = 0; i < MONTHS; i++) {
		set_period(&st.p[st.nyears + (size_t)i], y, m, today);
		if (--m == 0) {
			m = 12;
			y--;
		}
	}
	for (k = 0; k < st.np; k++) {
		st.p[k].rows = mc_arena_alloc(a,
		    sizeof(*st.p[k].rows) * (st.n + 1));
		if (mc_pub_period(db, a, st.p[k].from, st.p[k].to, st.ags,
			st.n, st.p[k].rows, &st.p[k].city) < 0 ||
		    mc_pub_fields(db, a, st.p[k].from, st.p[k].to,
			&st.p[k].fields, &st.p[k].nfields) < 0)
			goto out;
	}
	rc = 0;
out:
	if (rc < 0)
		mc_db_rollback(db);
	else if (mc_db_commit(db) < 0)
		rc = -1;
	return rc;
}

/* Sets the value at the name made by fmt. */
static void setp(HDF *hdf, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
setp(HDF *hdf, const char *value, const char *fmt, ...)
{
	char	name[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	mc_view_set(hdf, name, value);
}

/* A count with the language's thousands separator. */
static const char *
num(HDF *hdf, struct mc_arena *a, long long n)
{
	const char *sep = mc_view_str(hdf, "Common.ThousandsSep");

	if (n < 0)
		return mc_arena_printf(a, "%lld", n);
	if (n < 1000)
		return mc_arena_printf(a, "%lld", n);
	if (n < 1000000)
		return mc_arena_printf(a, "%lld%s%03lld", n / 1000, sep,
		    n % 1000);
	return mc_arena_printf(a, "%lld%s%03lld%s%03lld", n / 1000000, sep,
	    n / 1000 % 1000, sep, n % 1000);
}

/* A rate per mille as "95,2 %" (vi) or "95.2%" (en); "–" when none. */
static const char *
rate(HDF *hdf, struct mc_arena *a, int pm)
{
	if (pm < 0)
		return "–";
	return mc_arena_printf(a, "%d%s%d%s", pm / 10,
	    mc_view_str(hdf, "PubStats.DecimalSep"), pm % 10,
	    mc_view_str(hdf, "PubStats.Percent"));
}

static const char *
cell(HDF *hdf, struct mc_arena *a, const struct mc_pub_row *r, size_t c)
{
	if (cols[c].col != PUB__MAX)
		return num(hdf, a, r->v[cols[c].col]);
	return rate(hdf, a,
	    strcmp(cols[c].key, "ontime_rate") == 0 ? r->ontime_pm :
						      r->online_pm);
}

static const char *
label(HDF *hdf, struct mc_arena *a, const struct period *p)
{
	if (p->month == 0)
		return mc_arena_printf(a, "%s %d",
		    mc_view_str(hdf, "PubStats.Year"), p->year);
	return mc_arena_printf(a, "%s %02d/%d",
	    mc_view_str(hdf, "PubStats.Month"), p->month, p->year);
}

static const char *
date_text(struct mc_arena *a, const char *ymd)
{
	return mc_arena_printf(a, "%.2s/%.2s/%.4s", ymd + 8, ymd + 5, ymd);
}

static const char *
name_of(const struct mc_pub_agency *ag, enum mc_lang lang)
{
	return lang == LANG_EN && ag->name_en != NULL ? ag->name_en : ag->name;
}

/* The group of an agency's row: 0 city and departments, 1 wards, -1 none. */
static int
group_of(const struct mc_pub_agency *ag)
{
	if (!ag->in_force)
		return -1;
	return ag->kind == PUBK_WARD ? 1 : ag->kind == PUBK_OTHER ? -1 : 0;
}

/* The chart: the agencies that resolved the most, on time and late. */
static void
fill_chart(HDF *hdf, const struct period *p, enum mc_lang lang,
    struct mc_arena *a)
{
	size_t	  top[CHART_BARS], ntop = 0, i, j;
	long long max = 0, res, w1, w2;

	for (i = 0; i < st.n; i++) {
		res = p->rows[i].v[PUB_RESOLVED];
		if (group_of(&st.ags[i]) < 0 || res == 0)
			continue;
		for (j = ntop;
		     j > 0 && p->rows[top[j - 1]].v[PUB_RESOLVED] < res; j--)
			if (j < CHART_BARS)
				top[j] = top[j - 1];
		if (j < CHART_BARS) {
			top[j] = i;
			if (ntop < CHART_BARS)
				ntop++;
		}
	}
	if (ntop == 0)
		return;
	max = p->rows[top[0]].v[PUB_RESOLVED];
	mc_view_set_int(hdf, "Data.Chart.Width", CHART_W);
	mc_view_set_int(hdf, "Data.Chart.Height", (long long)ntop * CHART_ROW);
	for (i = 0; i < ntop; i++) {
		const struct mc_pub_row *r = &p->rows[top[i]];

		w1 = r->v[PUB_ONTIME] * CHART_BAR_W / max;
		w2 = r->v[PUB_LATE] * CHART_BAR_W / max;
		setp(hdf, name_of(&st.ags[top[i]], lang),
		    "Data.Chart.Bars.%zu.Name", i);
		setp(hdf, mc_arena_printf(a, "%zu", i * CHART_ROW + 14),
		    "Data.Chart.Bars.%zu.TextY", i);
		setp(hdf, mc_arena_printf(a, "%zu", i * CHART_ROW + 20),
		    "Data.Chart.Bars.%zu.Y", i);
		setp(hdf, mc_arena_printf(a, "%lld", w1),
		    "Data.Chart.Bars.%zu.OnTimeW", i);
		setp(hdf, mc_arena_printf(a, "%lld", w1),
		    "Data.Chart.Bars.%zu.LateX", i);
		setp(hdf, mc_arena_printf(a, "%lld", w2),
		    "Data.Chart.Bars.%zu.LateW", i);
		setp(hdf, mc_arena_printf(a, "%lld", w1 + w2 + 6),
		    "Data.Chart.Bars.%zu.ValueX", i);
		setp(hdf, mc_arena_printf(a, "%zu", i * CHART_ROW + 33),
		    "Data.Chart.Bars.%zu.ValueY", i);
		setp(hdf,
		    mc_arena_printf(a, "%s / %s",
			num(hdf, a, r->v[PUB_ONTIME]),
			num(hdf, a, r->v[PUB_LATE])),
		    "Data.Chart.Bars.%zu.Value", i);
	}
}

static void
fill_row(HDF *hdf, const char *prefix, const struct mc_pub_row *r,
    struct mc_arena *a)
{
	size_t c;

	for (c = 0; c < NCOLS; c++)
		setp(hdf, cell(hdf, a, r, c), "%s.V.%s", prefix, cols[c].key);
}

/* The page model of period k; path is the page's own (index or key). */
void
sitegen_fill_dossier_stats(HDF *hdf, size_t k, const char *path,
    enum mc_lang lang, struct mc_arena *a)
{
	const struct period *p = &st.p[k];
	const char	    *root = lang == LANG_EN ? "/en" : "";
	const char	    *title;
	size_t		     i, c, n[2] = { 0, 0 };
	int		     g;

	title = mc_arena_printf(a, "%s – %s",
	    mc_view_str(hdf, "PubStats.Title"), label(hdf, a, p));
	mc_view_set(hdf, "Page.Title", title);
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "PubStats.Description"));
	mc_view_setf(hdf, "Page.Path", "%s/%s", root, path);
	mc_view_setf(hdf, "Page.AltHref", "%s/%s",
	    lang == LANG_EN ? "" : "/en", path);
	mc_view_set(hdf, "Page.Breadcrumb.0.Title",
	    mc_view_str(hdf, "Site.Nav.Home"));
	mc_view_setf(hdf, "Page.Breadcrumb.0.Href", "%s/", root);
	mc_view_set(hdf, "Page.Breadcrumb.1.Title", title);
	mc_view_set(hdf, "Data.Period.Key", p->key);
	mc_view_set(hdf, "Data.Period.Label", label(hdf, a, p));
	mc_view_set(hdf, "Data.Period.From", date_text(a, p->from));
	mc_view_set(hdf, "Data.Period.To", date_text(a, p->to));
	mc_view_setf(hdf, "Data.Csv", "%s/" DIR "%s.csv", root, p->key);
	for (i = 0; i < st.np; i++) {
		setp(hdf, st.p[i].key, "Data.%s.%zu.Key",
		    st.p[i].month ? "Months" : "Years", i);
		setp(hdf, label(hdf, a, &st.p[i]), "Data.%s.%zu.Label",
		    st.p[i].month ? "Months" : "Years", i);
		if (i == k)
			setp(hdf, "1", "Data.%s.%zu.Current",
			    st.p[i].month ? "Months" : "Years", i);
	}
	for (c = 0; c < NCOLS; c++) {
		setp(hdf, cols[c].key, "Data.Cols.%zu.Key", c);
		setp(hdf,
		    mc_view_str(hdf,
			mc_arena_printf(a, "PubStats.Col.%s", cols[c].key)),
		    "Data.Cols.%zu.Title", c);
	}
	fill_row(hdf, "Data.City", &p->city, a);
	for (i = 0; i < st.n; i++) {
		if ((g = group_of(&st.ags[i])) < 0)
			continue;
		setp(hdf, name_of(&st.ags[i], lang),
		    "Data.Groups.%d.Rows.%zu.Name", g, n[g]);
		setp(hdf, st.ags[i].code, "Data.Groups.%d.Rows.%zu.Code", g,
		    n[g]);
		fill_row(hdf,
		    mc_arena_printf(a, "Data.Groups.%d.Rows.%zu", g, n[g]),
		    &p->rows[i], a);
		n[g]++;
	}
	mc_view_set(hdf, "Data.Groups.0.Title",
	    mc_view_str(hdf, "PubStats.Departments"));
	mc_view_set(hdf, "Data.Groups.1.Title",
	    mc_view_str(hdf, "PubStats.Wards"));
	for (i = 0; i < p->nfields; i++) {
		const struct mc_pub_field *f = &p->fields[i];

		setp(hdf,
		    lang == LANG_EN && f->name_en != NULL ? f->name_en :
							    f->name,
		    "Data.Fields.%zu.Name", i);
		fill_row(hdf, mc_arena_printf(a, "Data.Fields.%zu", i),
		    &f->row, a);
	}
	fill_chart(hdf, p, lang, a);
}

int
sitegen_csv_field(struct buf *b, const char *s, int last)
{
	return mc_buf_add_csv(b, s, 1) | mc_buf_adds(b, last ? "\r\n" : ",");
}

static int
csv_row(struct buf *b, const char *code, const char *name,
    const struct mc_pub_row *r)
{
	size_t c;
	int    rc = 0, pm;

	rc |= sitegen_csv_field(b, code, 0);
	rc |= sitegen_csv_field(b, name, 0);
	for (c = 0; c < NCOLS; c++) {
		if (cols[c].col != PUB__MAX) {
			rc |= mc_buf_addf(b, "%lld", r->v[cols[c].col]);
		} else {
			pm = strcmp(cols[c].key, "ontime_rate") == 0 ?
			    r->ontime_pm :
			    r->online_pm;
			if (pm >= 0)
				rc |= mc_buf_addf(b, "%d.%d", pm / 10,
				    pm % 10);
		}
		rc |= mc_buf_adds(b, c + 1 == NCOLS ? "\r\n" : ",");
	}
	return rc;
}

/* The period's figures as CSV (numbers with a dot, rates in percent). */
static int
csv(HDF *hdf, const struct period *p, enum mc_lang lang, struct buf *b)
{
	size_t c, i;
	int    rc = 0;

	rc |= sitegen_csv_field(b, mc_view_str(hdf, "PubStats.ColCode"), 0);
	rc |= sitegen_csv_field(b, mc_view_str(hdf, "PubStats.ColAgency"), 0);
	for (c = 0; c < NCOLS; c++) {
		char name[64];

		snprintf(name, sizeof(name), "PubStats.Col.%s", cols[c].key);
		rc |= sitegen_csv_field(b, mc_view_str(hdf, name),
		    c + 1 == NCOLS);
	}
	rc |= csv_row(b, "", mc_view_str(hdf, "PubStats.City"), &p->city);
	for (i = 0; i < st.n; i++)
		if (group_of(&st.ags[i]) >= 0)
			rc |= csv_row(b, st.ags[i].code,
			    name_of(&st.ags[i], lang), &p->rows[i]);
	return rc < 0 ? -1 : 0;
}

int
sitegen_stats_render(enum mc_lang lang, const char *prefix, struct mc_arena *a,
    const struct sg_out *out)
{
	const char *rel, *path;
	struct buf  b;
	HDF	   *hdf;
	size_t	    k;
	int	    rc = 0;

	mc_buf_init(&b, 1 << 20);
	for (k = 0; k < st.np && rc == 0; k++, mc_arena_reset(a)) {
		/* The current year is the index too. */
		path = mc_arena_printf(a, DIR "%s.html", st.p[k].key);
		rel = mc_arena_printf(a, "%s%s", prefix, path);
		hdf = mc_view_begin(lang);
		sitegen_fill_dossier_stats(hdf, k, path, lang, a);
		if (out->page(out->ctx, hdf, "site/dossier_stats.cs", rel) < 0)
			rc = -1;
		if (rc == 0 && k == 0) {
			hdf = mc_view_begin(lang);
			sitegen_fill_dossier_stats(hdf, k, DIR, lang, a);
			if (out->page(out->ctx, hdf, "site/dossier_stats.cs",
				mc_arena_printf(a, "%s" DIR "index.html",
				    prefix)) < 0)
				rc = -1;
		}
		mc_buf_reset(&b);
		hdf = mc_view_begin(lang);
		if (rc == 0 &&
		    (csv(hdf, &st.p[k], lang, &b) < 0 ||
			out->file(out->ctx,
			    mc_arena_printf(a, "%s" DIR "%s.csv", prefix,
				st.p[k].key),
			    &b) < 0))
			rc = -1;
	}
	mc_buf_free(&b);
	return rc;
}

size_t
sitegen_stats_paths(const char ***paths, struct mc_arena *a)
{
	size_t k;

	*paths = mc_arena_alloc(a, sizeof(**paths) * (st.np + 1));
	(*paths)[0] = "/" DIR;
	for (k = 0; k < st.np; k++)
		(*paths)[k + 1] = mc_arena_printf(a, "/" DIR "%s.html",
		    st.p[k].key);
	return st.np + 1;
}
