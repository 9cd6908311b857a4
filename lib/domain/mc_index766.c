/*
 * Decision 766's national index per agency and period, from the summary
 * tables (mc_stats), the catalogue, the feedback and the ratings' summaries
 * (mc_stats_ratings).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_db.h"
#include "mc_feedback.h"
#include "mc_index766.h"
#include "mc_log.h"
#include "mc_stats.h"
#include "mc_util.h"

enum stmt { STMT_AGENCIES, STMT_FLOWS, STMT_PROCEDURES, STMT__MAX };

/* The columns of STMT_AGENCIES. */
enum acol { A_ID, A_NAME, A_NAME_EN, A_KIND, A__MAX };

/* clang-format off */
#define SUB "WITH RECURSIVE sub (id) AS (SELECT id FROM agencies " \
	"WHERE id = ? UNION ALL SELECT a.id FROM agencies a " \
	"JOIN sub ON a.parent_id = sub.id) "
/*
 * Rows of the summaries in [from, to]: whole months and the edges' days,
 * through the date-first indexes (migration 0065): the optimizer chose the
 * primary keys' agency prefix, every month of the agencies' history.
 */
#define PERIOD(metrics) \
	"SELECT agency_id, procedure_id, metric, n FROM stats_month " \
	"FORCE INDEX (stats_month_period) " \
	"WHERE month >= ? AND month < ? AND metric IN " metrics " " \
	"AND agency_id IN (SELECT id FROM sub) " \
	"UNION ALL SELECT agency_id, procedure_id, metric, n FROM stats_day " \
	"FORCE INDEX (stats_day_period) WHERE day BETWEEN ? AND ? AND (day < ? OR day >= ?) " \
	"AND metric IN " metrics " AND agency_id IN (SELECT id FROM sub)"

static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCIES] = SUB "SELECT ag.id, ag.name, "
	    "COALESCE(ag.name_en, ag.name), ag.kind FROM agencies ag "
	    "WHERE ag.id IN (SELECT id FROM sub) "
	    "AND (ag.valid_to IS NULL OR ag.valid_to >= ?) "
	    "ORDER BY ag.name, ag.id LIMIT 4000",
	/* Accepted (4), digitised (16), electronic results (17), paid. */
	[STMT_FLOWS] = SUB "SELECT s.agency_id, s.metric, SUM(s.n) FROM ("
	    PERIOD("(4, 16, 17, 18, 19)") ") s GROUP BY s.agency_id, s.metric",
	/*
	 * The procedures an agency received dossiers of: how many, with a
	 * complete catalogue entry (legal time, documents), offered online.
	 */
	[STMT_PROCEDURES] = SUB "SELECT t.agency_id, COUNT(*), "
	    "SUM((p.time_hours IS NOT NULL OR p.time_days IS NOT NULL) "
	    "AND EXISTS (SELECT 1 FROM procedure_documents pd "
	    "WHERE pd.procedure_id = p.id)), "
	    "SUM(p.online = 1 OR p.service_level IS NOT NULL) FROM ("
	    "SELECT DISTINCT s.agency_id, s.procedure_id FROM ("
	    PERIOD("(1)") ") s WHERE s.n > 0) t "
	    "JOIN procedures p ON p.id = t.procedure_id GROUP BY t.agency_id",
};
/* clang-format on */

/* clang-format off */
static const struct {
	const char	 *name;
	enum mc_i766_part part;
	int		  max;
} subs[I766__SUBS] = {
	[I766_CATALOGUE] = { "catalogue", I766_PUBLICITY, 8 },
	[I766_RECEIPT] = { "receipt", I766_PUBLICITY, 10 },
	[I766_RESOLVED_ONTIME] = { "resolved_ontime", I766_PROGRESS, 12 },
	[I766_PENDING_INTIME] = { "pending_intime", I766_PROGRESS, 8 },
	[I766_DIGITISED] = { "digitised", I766_DIGITISATION, 11 },
	[I766_RESULT_DIGITAL] = { "result_digital", I766_DIGITISATION, 11 },
	[I766_PROC_ONLINE] = { "proc_online", I766_ONLINE, 6 },
	[I766_FILED_ONLINE] = { "filed_online", I766_ONLINE, 10 },
	[I766_PAID_ONLINE] = { "paid_online", I766_ONLINE, 6 },
	[I766_FB_ONTIME] = { "fb_ontime", I766_SATISFACTION, 6 },
	[I766_FB_SATISFIED] = { "fb_satisfied", I766_SATISFACTION, 6 },
	[I766_RATED_SATISFIED] = { "rated_satisfied", I766_SATISFACTION, 6 },
};

static const char *const part_names[I766__PARTS] = {
	[I766_PUBLICITY] = "publicity", [I766_PROGRESS] = "progress",
	[I766_DIGITISATION] = "digitisation", [I766_ONLINE] = "online",
	[I766_SATISFACTION] = "satisfaction",
};
/* clang-format on */

int
mc_i766_sub_max(enum mc_i766_sub s)
{
	return s < I766__SUBS ? subs[s].max : 0;
}

int
mc_i766_part_max(enum mc_i766_part p)
{
	int i, max = 0;

	for (i = 0; i < I766__SUBS; i++)
		if (subs[i].part == p)
			max += subs[i].max;
	return max;
}

enum mc_i766_part
mc_i766_part_of(enum mc_i766_sub s)
{
	return s < I766__SUBS ? subs[s].part : I766__PARTS;
}

const char *
mc_i766_part_name(enum mc_i766_part p)
{
	return p < I766__PARTS ? part_names[p] : "";
}

const char *
mc_i766_sub_name(enum mc_i766_sub s)
{
	return s < I766__SUBS ? subs[s].name : "";
}

int
mc_i766_points(long long num, long long den, int max)
{
	if (den <= 0)
		return max * 10;
	if (num > den)
		num = den;
	if (num < 0)
		num = 0;
	/* max x 10 x num / den, half up: (2 x 10 max num + den) / 2 den. */
	return (int)((20LL * max * num + den) / (2 * den));
}

void
mc_i766_score(const struct mc_i766_counts *c, struct mc_i766 *s)
{
	int i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < I766__SUBS; i++) {
		s->sub[i] = mc_i766_points(c->num[i], c->den[i], subs[i].max);
		s->part[subs[i].part] += s->sub[i];
	}
	for (i = 0; i < I766__PARTS; i++)
		s->total += s->part[i];
	if (c->dossiers <= 0)
		s->total = -1;
}

static struct mc_i766_row *
find(struct mc_i766_row *rows, size_t n, long long agency)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].agency == agency)
			return &rows[i];
	return NULL;
}

/* The standard figures from the statistics' report, per agency. */
static int
from_report(struct mc_db *db, struct mc_arena *a, unsigned int root,
    const char *from, const char *to, struct mc_i766_row *rows, size_t n)
{
	struct mc_stats_filter f;
	struct mc_stats_report rep;
	struct mc_i766_row    *x;
	const long long	      *v;
	size_t		       i;

	memset(&f, 0, sizeof(f));
	f.from = from;
	f.to = to;
	f.agency = root;
	if (mc_stats_report(db, a, &f, STATS_BY_AGENCY, &rep) < 0)
		return -1;
	for (i = 0; i < rep.n; i++) {
		if ((x = find(rows, n, rep.rows[i].key)) == NULL)
			continue;
		v = rep.rows[i].v;
		x->c.den[I766_RECEIPT] = v[SC_NEW_ONLINE] + v[SC_NEW_COUNTER] +
		    v[SC_NEW_POST];
		x->c.den[I766_DIGITISED] = x->c.den[I766_RECEIPT];
		x->c.den[I766_FILED_ONLINE] = x->c.den[I766_RECEIPT];
		x->c.num[I766_FILED_ONLINE] = v[SC_NEW_ONLINE];
		x->c.num[I766_RECEIPT] = v[SC_REFUSED];
		x->c.num[I766_RESOLVED_ONTIME] = v[SC_EARLY] + v[SC_ONTIME];
		x->c.den[I766_RESOLVED_ONTIME] = v[SC_RESOLVED];
		x->c.den[I766_RESULT_DIGITAL] = v[SC_RESOLVED];
		x->c.num[I766_PENDING_INTIME] = v[SC_PENDING_INTIME];
		x->c.den[I766_PENDING_INTIME] = v[SC_PENDING];
		x->c.dossiers = x->c.den[I766_RECEIPT] + v[SC_RESOLVED] +
		    v[SC_PENDING];
	}
	return 0;
}

/* Accepted, digitised, electronic results and payments, per agency. */
static int
from_flows(struct mc_db *db, struct mc_arena *a, unsigned int root,
    const char *from, const char *to, struct mc_i766_row *rows, size_t n)
{
	struct mc_i766_row *x;
	struct mc_rows	    r;
	char		    fm[11], lm[11];
	long long	    v;
	size_t		    i;

	mc_stats_month_bounds(from, to, fm, lm);
	if (mc_db_query(db, a, &r, stmts[STMT_FLOWS], "issssss",
		(long long)root, fm, lm, from, to, fm, lm) < 0)
		return -1;
	for (i = 0; i < r.n; i++) {
		if ((x = find(rows, n, mc_rows_int(&r, i, 0))) == NULL)
			continue;
		v = mc_rows_int(&r, i, 2);
		switch (mc_rows_int(&r, i, 1)) {
		case STM_ACCEPTED:
			x->c.num[I766_RECEIPT] += v;
			break;
		case STM_DIGITISED:
			x->c.num[I766_DIGITISED] = v;
			break;
		case STM_RESULT_DIGITAL:
			x->c.num[I766_RESULT_DIGITAL] = v;
			break;
		case STM_PAID:
			x->c.den[I766_PAID_ONLINE] = v;
			break;
		case STM_PAID_ONLINE:
			x->c.num[I766_PAID_ONLINE] = v;
			break;
		default:
			break;
		}
	}
	if (mc_db_query(db, a, &r, stmts[STMT_PROCEDURES], "issssss",
		(long long)root, fm, lm, from, to, fm, lm) < 0)
		return -1;
	for (i = 0; i < r.n; i++) {
		if ((x = find(rows, n, mc_rows_int(&r, i, 0))) == NULL)
			continue;
		x->c.den[I766_CATALOGUE] = mc_rows_int(&r, i, 1);
		x->c.num[I766_CATALOGUE] = mc_rows_int(&r, i, 2);
		x->c.den[I766_PROC_ONLINE] = mc_rows_int(&r, i, 1);
		x->c.num[I766_PROC_ONLINE] = mc_rows_int(&r, i, 3);
	}
	return 0;
}

/* Feedback (mc_feedback_stats) and ratings, per agency. */
static int
from_citizens(struct mc_db *db, struct mc_arena *a, unsigned int root,
    const char *from, const char *to, const char *end, const char *now,
    struct mc_i766_row *rows, size_t n)
{
	struct mc_i766_row *x;
	struct mc_rows	    r;
	long long	    rec, ok, late, reo;
	size_t		    i;

	if (mc_feedback_stats(db, a, 0, from, end, now, &r) < 0)
		return -1;
	for (i = 0; i < r.n; i++) {
		if ((x = find(rows, n, mc_rows_int(&r, i, FBST_AGENCY_ID))) ==
		    NULL)
			continue;
		rec = mc_rows_int(&r, i, FBST_RECEIVED);
		ok = mc_rows_int(&r, i, FBST_ONTIME);
		late = mc_rows_int(&r, i, FBST_LATE);
		reo = mc_rows_int(&r, i, FBST_REOPENED);
		/* Of those answered or past their deadline, on time. */
		x->c.num[I766_FB_ONTIME] += ok;
		x->c.den[I766_FB_ONTIME] += ok + late;
		/* Of all received, neither reopened nor late (at least 0). */
		x->c.num[I766_FB_SATISFIED] += rec - reo - late > 0 ?
		    rec - reo - late :
		    0;
		x->c.den[I766_FB_SATISFIED] += rec;
	}
	/* Ratings with an overall answer, and those satisfied (1 or 2). */
	if (mc_stats_ratings(db, a, root, 0, from, to, &r) < 0)
		return -1;
	for (i = 0; i < r.n; i++) {
		if ((x = find(rows, n, mc_rows_int(&r, i, SR_AGENCY_ID))) ==
		    NULL)
			continue;
		x->c.den[I766_RATED_SATISFIED] = mc_rows_int(&r, i,
		    SR_RATINGS);
		x->c.num[I766_RATED_SATISFIED] = mc_rows_int(&r, i,
		    SR_SATISFIED);
	}
	return 0;
}

int
mc_i766_table(struct mc_db *db, struct mc_arena *a, unsigned int root,
    const char *from, const char *to, const char *now,
    struct mc_i766_row **out, size_t *n)
{
	struct mc_i766_row *rows;
	struct mc_rows	    ag;
	const char	   *end;
	char		    next[20];
	struct tm	    tm;
	time_t		    t;
	size_t		    i;

	*out = NULL;
	*n = 0;
	if (mc_db_query(db, a, &ag, stmts[STMT_AGENCIES], "is",
		(long long)root, from) < 0)
		return -1;
	if (ag.n == 0)
		return 0;
	if (ag.ncols != A__MAX) {
		mc_err("agency row has %zu columns", ag.ncols);
		return -1;
	}
	rows = mc_arena_alloc(a, ag.n * sizeof(*rows));
	memset(rows, 0, ag.n * sizeof(*rows));
	for (i = 0; i < ag.n; i++) {
		rows[i].agency = (unsigned int)mc_rows_int(&ag, i, A_ID);
		rows[i].name = mc_rows_str(&ag, i, A_NAME);
		rows[i].name_en = mc_rows_str(&ag, i, A_NAME_EN);
		rows[i].kind = mc_rows_str(&ag, i, A_KIND);
	}
	/* The feedback's period ends as the day after to starts. */
	t = mc_date_at(to, 12) + 86400;
	localtime_r(&t, &tm);
	strftime(next, sizeof(next), "%Y-%m-%d 00:00:00", &tm);
	end = next;
	if (from_report(db, a, root, from, to, rows, ag.n) < 0 ||
	    from_flows(db, a, root, from, to, rows, ag.n) < 0 ||
	    from_citizens(db, a, root, from, to, end, now, rows, ag.n) < 0)
		return -1;
	for (i = 0; i < ag.n; i++)
		mc_i766_score(&rows[i].c, &rows[i].s);
	*out = rows;
	*n = ag.n;
	return 0;
}

static int sort_key, sort_asc;

static int
row_cmp(const void *x, const void *y)
{
	const struct mc_i766_row *p = x, *q = y;
	int			  u, v, c;

	if ((p->s.total < 0) != (q->s.total < 0))
		return p->s.total < 0 ? 1 : -1;
	u = sort_key < I766__PARTS ? p->s.part[sort_key] : p->s.total;
	v = sort_key < I766__PARTS ? q->s.part[sort_key] : q->s.total;
	if (u != v)
		return (u < v) == (sort_asc != 0) ? -1 : 1;
	if ((c = strcmp(p->name, q->name)) != 0)
		return c;
	return p->agency < q->agency ? -1 : p->agency > q->agency;
}

void
mc_i766_sort(struct mc_i766_row *rows, size_t n, int key, int asc)
{
	sort_key = key < 0 || key > I766__PARTS ? I766__PARTS : key;
	sort_asc = asc;
	if (n > 1)
		qsort(rows, n, sizeof(*rows), row_cmp);
}
