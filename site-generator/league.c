/*
 * League tables of agencies: departments, then wards and communes, ranked
 * on the legal total (out of 18) of the dossiers returned in a rolling
 * window, with the total's 95 % interval, the on-time rate raw and adjusted
 * for each agency's mix of procedures, Wilson intervals, ranks shared where
 * intervals overlap, the minimum volume, and an SVG chart drawn here (the
 * numbers stay in the table too); beside them,
 * Decision 766's national index of each agency (lib/domain/mc_index766).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_eval.h"
#include "mc_index766.h"
#include "mc_util.h"
#include "mc_view.h"

#include "league.h"
#include "sitegen.h"

#define CHART_MAX   30	/* agencies drawn in a chart */
#define CHART_WIDTH 340 /* px of a full bar (18 points), of 420 */
#define CHART_ROW   40	/* px of a line: its name above its bar */

static struct {
	int		       loaded;
	struct mc_eval_league *l;
	size_t		       n;
	int		       city; /* on-time, per mille */
	struct mc_rows	       bands;
	char		       from[20], to[20], last[20];
	long long	       min, days;
	struct mc_i766_row    *i766; /* Decision 766, same window, by agency */
	size_t		       ni766;
} lg;

int
sitegen_league_load(struct mc_db *db, struct mc_arena *a)
{
	time_t	  now = time(NULL), end;
	struct tm tm;
	char	  f[11], t[11];

	lg.days = mc_config_int("league_window_days", 365, 1, 3650);
	lg.min = mc_config_int("league_min_dossiers", 5, 1, 100000);
	/*
	 * Whole local days up to yesterday: the pages change once a day, not
	 * at each dossier returned, and a run with nothing new writes nothing.
	 */
	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	end = mktime(&tm);
	mc_time_sql(lg.from, end - (time_t)lg.days * 86400);
	mc_time_sql(lg.to, end);
	mc_time_sql(lg.last, end - 1);
	if (mc_eval_bands(db, a, &lg.bands) < 0 ||
	    mc_eval_league(db, a, 1, lg.from, lg.to, lg.min, &lg.l, &lg.n,
		&lg.city) < 0)
		return -1;
	/* Decision 766's index over the same whole days. */
	snprintf(f, sizeof(f), "%.10s", lg.from);
	snprintf(t, sizeof(t), "%.10s", lg.last);
	if (mc_i766_table(db, a, 1, f, t, lg.to, &lg.i766, &lg.ni766) < 0)
		return -1;
	lg.loaded = 1;
	return 0;
}

/* "12.3" of tenths, "85.0" of per mille as a percentage. */
static const char *
dec(struct mc_arena *a, int tenths)
{
	return mc_arena_printf(a, "%d.%d", tenths / 10, tenths % 10);
}

/* Sets name under node p. */
static void
put(HDF *hdf, struct mc_arena *a, const char *p, const char *name,
    const char *v)
{
	mc_view_set(hdf, mc_arena_printf(a, "%s.%s", p, name), v);
}

/* The agency's Decision 766 parts and total under p (none: nothing). */
static void
put_i766(HDF *hdf, struct mc_arena *a, const char *p, long long agency)
{
	const struct mc_i766_row *x = NULL;
	size_t			  i;
	int			  k;

	for (i = 0; i < lg.ni766 && x == NULL; i++)
		if (lg.i766[i].agency == agency)
			x = &lg.i766[i];
	if (x == NULL || x->s.total < 0)
		return;
	put(hdf, a, p, "I766.Total", dec(a, x->s.total));
	for (k = 0; k < I766__PARTS; k++)
		put(hdf, a, p,
		    mc_arena_printf(a, "I766.%s",
			mc_i766_part_name((enum mc_i766_part)k)),
		    dec(a, x->s.part[k]));
}

/* One group's lines (departments: dept 1; wards and communes: 0). */
static void
fill_group(HDF *hdf, enum mc_lang lang, struct mc_arena *a, int g, int dept)
{
	const char *p, *gp = mc_arena_printf(a, "Data.Groups.%d", g);
	size_t	    i, k = 0, u = 0;
	int	    band;

	put(hdf, a, gp, "Key", dept ? "departments" : "wards");
	for (i = 0; i < lg.n; i++) {
		const struct mc_eval_league *l = &lg.l[i];

		if ((l->kind != NULL && strcmp(l->kind, "department") == 0) !=
		    dept)
			continue;
		if (l->kind == NULL || strcmp(l->kind, "city") == 0 ||
		    strcmp(l->kind, "unit") == 0)
			continue;
		if (!l->ranked) {
			p = mc_arena_printf(a, "%s.Unranked.%zu", gp, u++);
			put(hdf, a, p, "Name", l->s.name);
			put(hdf, a, p, "Dossiers",
			    mc_arena_printf(a, "%lld", l->s.dossiers));
			continue;
		}
		p = mc_arena_printf(a, "%s.Lines.%zu", gp, k);
		put(hdf, a, p, "Rank", mc_arena_printf(a, "%d", l->rank));
		put(hdf, a, p, "Name", l->s.name);
		put(hdf, a, p, "Dossiers",
		    mc_arena_printf(a, "%lld", l->s.dossiers));
		put(hdf, a, p, "Total", dec(a, l->total));
		put(hdf, a, p, "TotLo", dec(a, l->tot_lo));
		put(hdf, a, p, "TotHi", dec(a, l->tot_hi));
		band = mc_eval_band(&lg.bands, l->total);
		if (band >= 0)
			put(hdf, a, p, "Band",
			    mc_rows_str(&lg.bands, (size_t)band,
				lang == LANG_EN ? 2 : 1));
		put(hdf, a, p, "OnTime", dec(a, l->ontime_rate));
		put(hdf, a, p, "OtLo", dec(a, l->ot_lo));
		put(hdf, a, p, "OtHi", dec(a, l->ot_hi));
		put(hdf, a, p, "Adjusted", dec(a, l->adjusted));
		put(hdf, a, p, "OtRank", mc_arena_printf(a, "%d", l->ot_rank));
		put_i766(hdf, a, p, l->s.key);
		if (l->s.ratings > 0) {
			put(hdf, a, p, "Sat",
			    dec(a,
				(int)((l->s.satisfied * 1000 +
					  l->s.ratings / 2) /
				    l->s.ratings)));
			put(hdf, a, p, "SatLo", dec(a, l->sat_lo));
			put(hdf, a, p, "SatHi", dec(a, l->sat_hi));
			put(hdf, a, p, "Ratings",
			    mc_arena_printf(a, "%lld", l->s.ratings));
		}
		if (k < CHART_MAX) {
			p = mc_arena_printf(a, "%s.Chart.%zu", gp, k);
			put(hdf, a, p, "Name", l->s.name);
			put(hdf, a, p, "Total", dec(a, l->total));
			put(hdf, a, p, "Width",
			    mc_arena_printf(a, "%d",
				l->total * CHART_WIDTH / 180));
			put(hdf, a, p, "TextY",
			    mc_arena_printf(a, "%zu", k * CHART_ROW + 15));
			put(hdf, a, p, "Y",
			    mc_arena_printf(a, "%zu", k * CHART_ROW + 20));
			put(hdf, a, p, "ValueY",
			    mc_arena_printf(a, "%zu", k * CHART_ROW + 32));
		}
		k++;
	}
	put(hdf, a, gp, "ChartHeight",
	    mc_arena_printf(a, "%zu",
		(k < CHART_MAX ? k : CHART_MAX) * CHART_ROW));
}

/* What both pages say of the rules. */
static void
fill_rules(HDF *hdf, struct mc_arena *a)
{
	const char *p;
	int	    k;

	mc_view_set_int(hdf, "Data.Min", lg.min);
	mc_view_set_int(hdf, "Data.Days", lg.days);
	mc_view_set(hdf, "Data.From", mc_arena_printf(a, "%.10s", lg.from));
	mc_view_set(hdf, "Data.To", mc_arena_printf(a, "%.10s", lg.last));
	if (lg.city >= 0)
		mc_view_set(hdf, "Data.CityOnTime", dec(a, lg.city));
	mc_view_rows(hdf, "Data.Bands", &lg.bands);
	for (k = 0; k < I766__PARTS; k++)
		mc_view_set_int(hdf,
		    mc_arena_printf(a, "Data.I766Parts.%s.max",
			mc_i766_part_name((enum mc_i766_part)k)),
		    mc_i766_part_max((enum mc_i766_part)k));
	for (k = 0; k < I766__SUBS; k++) {
		p = mc_arena_printf(a, "Data.I766Subs.%d", k);
		put(hdf, a, p, "name", mc_i766_sub_name((enum mc_i766_sub)k));
		put(hdf, a, p, "part",
		    mc_i766_part_name(mc_i766_part_of((enum mc_i766_sub)k)));
		put(hdf, a, p, "max",
		    mc_arena_printf(a, "%d",
			mc_i766_sub_max((enum mc_i766_sub)k)));
	}
}

/* The CSV's columns: names under Lang.League, in order. */
static const char *const csv_cols[] = { "ColGroup", "Rank", "Agency",
	"Dossiers", "Total", "ColTotLo", "ColTotHi", "Band", "ColOnTime",
	"ColOtLo", "ColOtHi", "ColAdjusted", "OtRank", "ColSat", "ColSatLo",
	"ColSatHi", "ColRatings" };
#define NCSV (sizeof(csv_cols) / sizeof(csv_cols[0]))

/* One ranked agency's line: the figures of its line of the page. */
static int
csv_line(struct buf *b, struct mc_arena *a, enum mc_lang lang,
    const char *group, const struct mc_eval_league *l)
{
	const char *v[NCSV];
	size_t	    c;
	int	    band, rc = 0;

	memset(v, 0, sizeof(v));
	v[0] = group;
	v[1] = mc_arena_printf(a, "%d", l->rank);
	v[2] = l->s.name;
	v[3] = mc_arena_printf(a, "%lld", l->s.dossiers);
	v[4] = dec(a, l->total);
	v[5] = dec(a, l->tot_lo);
	v[6] = dec(a, l->tot_hi);
	band = mc_eval_band(&lg.bands, l->total);
	if (band >= 0)
		v[7] = mc_rows_str(&lg.bands, (size_t)band,
		    lang == LANG_EN ? 2 : 1);
	v[8] = dec(a, l->ontime_rate);
	v[9] = dec(a, l->ot_lo);
	v[10] = dec(a, l->ot_hi);
	v[11] = dec(a, l->adjusted);
	v[12] = mc_arena_printf(a, "%d", l->ot_rank);
	if (l->s.ratings > 0) {
		v[13] = dec(a,
		    (int)((l->s.satisfied * 1000 + l->s.ratings / 2) /
			l->s.ratings));
		v[14] = dec(a, l->sat_lo);
		v[15] = dec(a, l->sat_hi);
		v[16] = mc_arena_printf(a, "%lld", l->s.ratings);
	}
	for (c = 0; c < NCSV; c++)
		rc |= sitegen_csv_field(b, v[c] != NULL ? v[c] : "",
		    c + 1 == NCSV);
	return rc;
}

int
sitegen_league_csv(HDF *hdf, enum mc_lang lang, struct mc_arena *a,
    struct buf *b)
{
	const char *group;
	size_t	    c, i;
	int	    dept, rc = 0;

	for (c = 0; c < NCSV; c++)
		rc |= sitegen_csv_field(b,
		    mc_view_str(hdf,
			mc_arena_printf(a, "League.%s", csv_cols[c])),
		    c + 1 == NCSV);
	/* The page's order: departments, then wards and communes. */
	for (dept = 1; lg.loaded && dept >= 0; dept--) {
		group = mc_view_str(hdf,
		    dept ? "League.Departments" : "League.Wards");
		for (i = 0; i < lg.n; i++) {
			const struct mc_eval_league *l = &lg.l[i];

			if (l->kind == NULL || strcmp(l->kind, "city") == 0 ||
			    strcmp(l->kind, "unit") == 0 || !l->ranked ||
			    (strcmp(l->kind, "department") == 0) != dept)
				continue;
			rc |= csv_line(b, a, lang, group, l);
		}
	}
	return rc < 0 ? -1 : 0;
}

void
sitegen_fill_league(HDF *hdf, const struct sg_catalogue *cat,
    enum mc_lang lang, struct mc_arena *a)
{
	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "League.Title"));
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "League.Description"));
	mc_view_set(hdf, "Page.Path",
	    lang == LANG_EN ? "/en/xep-hang/" : "/xep-hang/");
	mc_view_set(hdf, "Page.AltHref",
	    lang == LANG_EN ? "/xep-hang/" : "/en/xep-hang/");
	mc_view_set(hdf, "Data.Root", lang == LANG_EN ? "/en" : "");
	mc_view_set(hdf, "Data.Csv",
	    lang == LANG_EN ? "/en/xep-hang/xep-hang.csv" :
			      "/xep-hang/xep-hang.csv");
	fill_rules(hdf, a);
	if (!lg.loaded)
		return;
	fill_group(hdf, lang, a, 0, 1);
	fill_group(hdf, lang, a, 1, 0);
}

void
sitegen_fill_league_method(HDF *hdf, const struct sg_catalogue *cat,
    enum mc_lang lang, struct mc_arena *a)
{
	mc_view_set(hdf, "Page.Title", mc_view_str(hdf, "League.Method"));
	mc_view_set(hdf, "Page.Path",
	    lang == LANG_EN ? "/en/xep-hang/phuong-phap.html" :
			      "/xep-hang/phuong-phap.html");
	mc_view_set(hdf, "Page.AltHref",
	    lang == LANG_EN ? "/xep-hang/phuong-phap.html" :
			      "/en/xep-hang/phuong-phap.html");
	mc_view_set(hdf, "Data.Root", lang == LANG_EN ? "/en" : "");
	fill_rules(hdf, a);
}
