/*
 * The dashboards (issue 11): a leader's screen for operation centres and
 * office walls (today's and this month's received, resolved, overdue and
 * due soon per agency of the scope, a 30-day trend, the agencies with the
 * most overdue dossiers, satisfaction) and an officer's own queue by colour
 * with their timeliness; from the summary tables and the live counters
 * only. The page reloads its figures by itself (htdocs/js/dashboard.js, a
 * meta refresh without JavaScript).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_book.h"
#include "mc_dash.h"
#include "mc_db.h"
#include "mc_stats.h"
#include "mc_units.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define TREND_DAYS  30
#define TOP_N	    5
#define REFRESH_DEF 60
#define CHART_H	    160 /* the trend's bars: the tallest, in SVG units */
#define BAR_W	    300 /* the top list's longest bar */

enum field { FIELD_AGENCY, FIELD_REFRESH, FIELD_UNITS, FIELD__MAX };

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_REFRESH] = { "refresh", valid_uint, 4, 0 },
	[FIELD_UNITS] = { "units", valid_line, 5, 0 },
};
/* clang-format on */

/* One agency's line: today's and the month's flows, open now. */
struct line {
	long long   id;
	const char *name, *name_en;
	long long   today_received, today_resolved;
	long long   month_received, month_resolved;
	long long   overdue_legal; /* pending past the legal due day */
	long long   open, soon, overdue;
};

static long long
received(const struct mc_stats_row *row)
{
	return row->v[SC_NEW_ONLINE] + row->v[SC_NEW_COUNTER] +
	    row->v[SC_NEW_POST];
}

/* The line of agency id in v[0..*n), added when new. */
static struct line *
line_of(struct line *v, size_t *n, size_t max, long long id, const char *name,
    const char *name_en)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (v[i].id == id)
			return &v[i];
	if (*n == max)
		return NULL;
	memset(&v[*n], 0, sizeof(v[*n]));
	v[*n].id = id;
	v[*n].name = name;
	v[*n].name_en = name_en;
	return &v[(*n)++];
}

static void
set_ll(struct mc_request *r, const char *pfx, const char *key, long long v)
{
	mc_view_set_int(r->hdf, mc_arena_printf(r->arena, "%s.%s", pfx, key),
	    v);
}

static void
set_line(struct mc_request *r, const char *pfx, const struct line *l)
{
	if (l->name != NULL)
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.name", pfx),
		    r->lang == LANG_EN && l->name_en != NULL ? l->name_en :
							       l->name);
	set_ll(r, pfx, "id", l->id);
	set_ll(r, pfx, "today_received", l->today_received);
	set_ll(r, pfx, "today_resolved", l->today_resolved);
	set_ll(r, pfx, "month_received", l->month_received);
	set_ll(r, pfx, "month_resolved", l->month_resolved);
	set_ll(r, pfx, "overdue_legal", l->overdue_legal);
	set_ll(r, pfx, "open", l->open);
	set_ll(r, pfx, "soon", l->soon);
	set_ll(r, pfx, "overdue", l->overdue);
}

/* Most overdue first, then most open (the live counters' order). */
static int
line_cmp(const void *x, const void *y)
{
	const struct line *p = x, *q = y;

	if (p->overdue != q->overdue)
		return p->overdue > q->overdue ? -1 : 1;
	if (p->open != q->open)
		return p->open > q->open ? -1 : 1;
	return 0;
}

/*
 * The agencies' lines and their total (Data.Agencies, Data.Total) and the
 * most overdue (Data.Top), by the unit view (MC_UNITS_TODAY: a dissolved
 * unit's figures in its successor's line, as the statistics); 0 or -1.
 */
static int
set_agencies(struct mc_request *r, unsigned int agency, int units,
    const char *today, const char *month)
{
	struct mc_stats_filter f;
	struct mc_stats_report day, mon;
	struct mc_rows	       live;
	struct line	      *v, total, *l;
	size_t		       i, n = 0, max, top = 0;
	long long	       most = 0;

	memset(&f, 0, sizeof(f));
	f.agency = agency;
	f.units_of_time = units == MC_UNITS_TIME;
	f.from = f.to = today;
	if (mc_stats_report(r->db, r->arena, &f, STATS_BY_AGENCY, &day) < 0)
		return -1;
	f.from = month;
	if (mc_stats_report(r->db, r->arena, &f, STATS_BY_AGENCY, &mon) < 0 ||
	    mc_dash_live(r->db, r->arena, agency, &live) < 0 ||
	    (units == MC_UNITS_TODAY &&
		mc_units_rename(r->db, r->arena, &live, DLIVE_ID, DLIVE_NAME,
		    DLIVE_NAME_EN) < 0))
		return -1;
	max = day.n + mon.n + live.n + 1;
	v = mc_arena_alloc(r->arena, max * sizeof(*v));
	/* The live counters first: their order is most overdue first. */
	for (i = 0; i < live.n; i++) {
		l = line_of(v, &n, max, mc_rows_int(&live, i, DLIVE_ID),
		    mc_rows_str(&live, i, DLIVE_NAME),
		    mc_rows_str(&live, i, DLIVE_NAME_EN));
		l->open += mc_rows_int(&live, i, DLIVE_OPEN);
		l->soon += mc_rows_int(&live, i, DLIVE_SOON);
		l->overdue += mc_rows_int(&live, i, DLIVE_OVERDUE);
	}
	/* Lines folded together: most overdue first again. */
	qsort(v, n, sizeof(*v), line_cmp);
	for (i = 0; i < day.n; i++) {
		l = line_of(v, &n, max, day.rows[i].key, day.rows[i].name,
		    day.rows[i].name_en);
		l->today_received = received(&day.rows[i]);
		l->today_resolved = day.rows[i].v[SC_RESOLVED];
		l->overdue_legal = day.rows[i].v[SC_PENDING_OVERDUE];
	}
	for (i = 0; i < mon.n; i++) {
		l = line_of(v, &n, max, mon.rows[i].key, mon.rows[i].name,
		    mon.rows[i].name_en);
		l->month_received = received(&mon.rows[i]);
		l->month_resolved = mon.rows[i].v[SC_RESOLVED];
	}
	memset(&total, 0, sizeof(total));
	for (i = 0; i < n; i++) {
		/* A line with nothing to show (a stock gone to 0) is left. */
		if (v[i].today_received + v[i].today_resolved +
			v[i].month_received + v[i].month_resolved +
			v[i].overdue_legal + v[i].open ==
		    0)
			continue;
		set_line(r, mc_arena_printf(r->arena, "Data.Agencies.%zu", i),
		    &v[i]);
		total.open += v[i].open;
		total.soon += v[i].soon;
		total.overdue += v[i].overdue;
		if (v[i].overdue > most)
			most = v[i].overdue;
	}
	total.today_received = received(&day.total);
	total.today_resolved = day.total.v[SC_RESOLVED];
	total.overdue_legal = day.total.v[SC_PENDING_OVERDUE];
	total.month_received = received(&mon.total);
	total.month_resolved = mon.total.v[SC_RESOLVED];
	set_line(r, "Data.Total", &total);
	/* The most overdue now: live lines in their order, overdue > 0. */
	for (i = 0; i < n && top < TOP_N; i++) {
		const char *pfx;

		if (v[i].overdue <= 0)
			break;
		pfx = mc_arena_printf(r->arena, "Data.Top.%zu", top++);
		set_line(r, pfx, &v[i]);
		set_ll(r, pfx, "w",
		    most > 0 ? v[i].overdue * BAR_W / most : 0);
		set_ll(r, pfx, "y", (long long)(top - 1) * 30);
		set_ll(r, "Data.TopH", "v", (long long)top * 30);
	}
	return 0;
}

/* The trend of the last TREND_DAYS days (Data.Trend) as bars; 0 or -1. */
static int
set_trend(struct mc_request *r, unsigned int agency, time_t now)
{
	struct mc_dash_day *d;
	struct tm	    tm;
	char		    from[11], to[11];
	size_t		    i, n;
	long long	    most = 1;
	time_t		    t = now - (time_t)(TREND_DAYS - 1) * 86400;

	localtime_r(&now, &tm);
	strftime(to, sizeof(to), "%Y-%m-%d", &tm);
	localtime_r(&t, &tm);
	strftime(from, sizeof(from), "%Y-%m-%d", &tm);
	if (mc_dash_trend(r->db, r->arena, agency, from, to, TREND_DAYS + 1,
		&d, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (d[i].received > most)
			most = d[i].received;
		if (d[i].resolved > most)
			most = d[i].resolved;
	}
	set_ll(r, "Data.TrendMax", "v", most);
	for (i = 0; i < n; i++) {
		const char *pfx = mc_arena_printf(r->arena, "Data.Trend.%zu",
		    i);
		long long   hr = d[i].received * CHART_H / most,
			  hs = d[i].resolved * CHART_H / most;

		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.day", pfx),
		    d[i].day);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.label", pfx),
		    mc_arena_printf(r->arena, "%.2s/%.2s", d[i].day + 8,
			d[i].day + 5));
		set_ll(r, pfx, "received", d[i].received);
		set_ll(r, pfx, "resolved", d[i].resolved);
		set_ll(r, pfx, "late", d[i].late);
		set_ll(r, pfx, "x", (long long)i * 20 + 40);
		set_ll(r, pfx, "hr", hr);
		set_ll(r, pfx, "hs", hs);
		set_ll(r, pfx, "yr", 10 + CHART_H - hr);
		set_ll(r, pfx, "ys", 10 + CHART_H - hs);
		if ((n - 1 - i) % 7 == 0)
			set_ll(r, pfx, "tick", 1);
	}
	return 0;
}

/* This month's satisfaction (Data.Sat); 0 or -1. */
static int
set_satisfaction(struct mc_request *r, unsigned int agency, const char *month,
    time_t now)
{
	struct mc_dash_sat s;
	struct tm	   tm;
	char		   to[11];

	/* From the month's first day to today (no rating is given later). */
	localtime_r(&now, &tm);
	strftime(to, sizeof(to), "%Y-%m-%d", &tm);
	if (mc_dash_satisfaction(r->db, r->arena, agency, month, to, &s) < 0)
		return -1;
	set_ll(r, "Data.Sat", "ratings", s.ratings);
	set_ll(r, "Data.Sat", "satisfied", s.satisfied);
	set_ll(r, "Data.Sat", "very", s.very);
	if (s.ratings > 0)
		mc_view_set(r->hdf, "Data.Sat.pct",
		    mc_arena_printf(r->arena, "%.1f",
			100.0 * (double)s.satisfied / (double)s.ratings));
	return 0;
}

/* The officer's own queue by colour and timeliness (Data.Me); 0 or -1. */
static int
set_me(struct mc_request *r, unsigned int agency, int units, const char *month,
    const char *today, time_t now)
{
	struct mc_officer_load *v, none;
	size_t			n;

	if (mc_book_officers(r->db, r->arena, agency, units, month, today,
		r->user->id, now, &v, &n) < 0)
		return -1;
	/* By the units of the time the agency's own line, first if any. */
	if (units == MC_UNITS_TIME && n > 0 && v[0].agency_id != agency)
		n = 0;
	if (n == 0) {
		memset(&none, 0, sizeof(none));
		v = &none;
	}
	set_ll(r, "Data.Me", "open", v[0].open);
	set_ll(r, "Data.Me", "soon", v[0].soon);
	set_ll(r, "Data.Me", "overdue", v[0].overdue);
	set_ll(r, "Data.Me", "intime", v[0].open - v[0].soon - v[0].overdue);
	set_ll(r, "Data.Me", "steps", v[0].steps);
	set_ll(r, "Data.Me", "early", v[0].early);
	set_ll(r, "Data.Me", "ontime", v[0].ontime);
	set_ll(r, "Data.Me", "late", v[0].late);
	if (v[0].steps > 0)
		mc_view_set(r->hdf, "Data.Me.pct",
		    mc_arena_printf(r->arena, "%.1f",
			100.0 * (double)(v[0].early + v[0].ontime) /
			    (double)v[0].steps));
	return 0;
}

static int
page_dashboard(struct mc_request *r)
{
	unsigned int agency;
	long long    refresh = REFRESH_DEF;
	struct tm    tm;
	time_t	     now = time(NULL);
	char	     today[11], month[11], clock[9];
	int	     rc, leader, units;

	if ((rc = office_agency(r, mc_req_field(r, FIELD_AGENCY), &agency)) <=
	    0)
		return rc < 0 ? 503 : 403;
	if (mc_req_field(r, FIELD_REFRESH) != NULL &&
	    mc_parse_ll(mc_req_field(r, FIELD_REFRESH), 5, 3600, &refresh) < 0)
		refresh = REFRESH_DEF;
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	strftime(month, sizeof(month), "%Y-%m-01", &tm);
	strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
	units = office_units_view(r, mc_req_field(r, FIELD_UNITS), NULL);
	leader = mc_auth_acts_for(r->user,
	    ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN), agency);
	if (leader) {
		mc_view_set_int(r->hdf, "Data.Leader", 1);
		if (set_agencies(r, agency, units, today, month) < 0 ||
		    set_trend(r, agency, now) < 0 ||
		    set_satisfaction(r, agency, month, now) < 0)
			return 503;
	}
	if (set_me(r, agency, units, month, today, now) < 0)
		return 503;
	mc_view_set(r->hdf, "Data.Today", today);
	mc_view_set(r->hdf, "Data.Month", month);
	mc_view_set(r->hdf, "Data.Clock", clock);
	mc_view_set_int(r->hdf, "Data.Refresh", refresh);
	mc_view_set_int(r->hdf, "Page.Refresh", refresh);
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Dash.Title"));
	return mc_resp_page(r, "office/dashboard.cs");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/bang-dieu-khien", page_dashboard, ROUTE_LOGIN,
	    ROLES_OFFICER },
};

const struct mc_module office_dashboard = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
