/*
 * The leaders' dashboard: the trend of received and resolved dossiers per
 * day (stats_day), the open ones per agency now (dossier_counters), and
 * the applicants' satisfaction (stats_ratings: mc_stats_ratings).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_calendar.h"
#include "mc_dash.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_stats.h"
#include "mc_util.h"

enum stmt { STMT_TREND, STMT_LIVE, STMT_RISK, STMT_HIST, STMT__MAX };

/* The columns of STMT_RISK. */
enum rcol {
	RK_CODE,
	RK_PROCEDURE,
	RK_STEP,
	RK_DUE,
	RK_STEP_AGENCY,
	RK_STARTED,
	RK_STEP_NAME,
	RK_STEP_DUE,
	RK_APPLICANT,
	RK_PROCEDURE_NAME,
	RK_AGENCY_NAME,
	RK_HOLDER,
	RK__MAX
};

/* clang-format off */
/* The subtree takes in the dissolved units it succeeded, as mc_stats. */
#define SUBTREE "WITH RECURSIVE sub (id) AS (SELECT id FROM agencies " \
	"WHERE id = ? UNION SELECT a.id FROM agencies a " \
	"JOIN sub ON a.parent_id = sub.id OR a.successor_id = sub.id) "

static const char *const stmts[STMT__MAX] = {
	/*
	 * Received (metric 1), resolved (8, 9, 10), late (10) per day: the
	 * period's rows through the date-first index (migration 0065); the
	 * optimizer chose the primary key's agency prefix, every day of the
	 * history (2.5 million rows for the city at 300,000 dossiers).
	 */
	[STMT_TREND] = SUBTREE "SELECT DATE_FORMAT(day, '%Y-%m-%d'), "
	    "SUM(IF(metric = 1, n, 0)), SUM(IF(metric IN (8, 9, 10), n, 0)), "
	    "SUM(IF(metric = 10, n, 0)) FROM stats_day "
	    "FORCE INDEX (stats_day_period) "
	    "WHERE agency_id IN (SELECT id FROM sub) "
	    "AND metric IN (1, 8, 9, 10) AND day BETWEEN ? AND ? "
	    "GROUP BY day ORDER BY day",
	/* Open now (not waiting for a supplement), yellow, red. */
	[STMT_LIVE] = SUBTREE "SELECT c.agency_id AS id, ag.name, "
	    "COALESCE(ag.name_en, ag.name) AS name_en, SUM(c.n) AS open, "
	    "SUM(IF(c.colour = 2, c.n, 0)) AS soon, "
	    "SUM(IF(c.colour = 3, c.n, 0)) AS overdue "
	    "FROM dossier_counters c JOIN agencies ag ON ag.id = c.agency_id "
	    "WHERE c.agency_id IN (SELECT id FROM sub) AND c.status <> 5 "
	    "GROUP BY c.agency_id, ag.name, ag.name_en HAVING SUM(c.n) > 0 "
	    "ORDER BY overdue DESC, open DESC, ag.name",
	/* Open at a step, not yet due, nearest due first (mc_dash_at_risk). */
	[STMT_RISK] = "WITH RECURSIVE units (id) AS (SELECT id FROM agencies "
	    "WHERE id = ? OR parent_id = ? UNION SELECT a.id FROM agencies a "
	    "JOIN units ON a.successor_id = units.id "
	    "AND a.valid_to < CURDATE()) SELECT d.code, d.procedure_id, d.current_step, d.due_at, "
	    "s.agency_id, s.started_at, s.name, s.due_at, d.applicant_name, "
	    "p.name, sa.name, h.full_name FROM agencies ag "
	    "JOIN dossiers d ON d.agency_id = ag.id AND d.status IN (2, 4, 6) "
	    "AND d.due_at > ? "
	    "JOIN dossier_steps s ON s.dossier_id = d.id AND s.seq = d.current_step "
	    "AND s.started_at IS NOT NULL AND s.finished_at IS NULL "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "JOIN agencies sa ON sa.id = s.agency_id "
	    "LEFT JOIN accounts h ON h.id = d.holder_id "
	    "WHERE ag.id IN (SELECT id FROM units) ORDER BY d.due_at LIMIT ?",
	/* The history of a step: as mc_stats_expect reads it. */
	[STMT_HIST] = "SELECT bucket, n FROM stats_remain "
	    "WHERE procedure_id = ? AND agency_id = ? AND seq = ? AND n > 0 "
	    "ORDER BY bucket",
};
/* clang-format on */

/* The local date `k` days after the day at t into out. */
static void
day_after(time_t t, int k, char out[11])
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_mday += k;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
mc_dash_trend(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    const char *from, const char *to, size_t max, struct mc_dash_day **out,
    size_t *n)
{
	struct mc_rows	    rows;
	struct mc_dash_day *d;
	size_t		    i, j = 0;
	time_t		    start;
	int		    y, m, dd;

	*out = NULL;
	*n = 0;
	if (mc_date_parse(from, &y, &m, &dd) < 0 ||
	    mc_date_parse(to, &y, &m, &dd) < 0 || strcmp(from, to) > 0)
		return -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_TREND], "iss",
		(long long)agency, from, to) < 0)
		return -1;
	if (rows.n > 0 && rows.ncols != 4) {
		mc_err("mc_dash_trend: %zu columns", rows.ncols);
		return -1;
	}
	d = mc_arena_alloc(a, (max + 1) * sizeof(*d));
	start = mc_date_at(from, 12);
	for (i = 0; i < max; i++) {
		memset(&d[i], 0, sizeof(d[i]));
		day_after(start, (int)i, d[i].day);
		if (strcmp(d[i].day, to) > 0)
			break;
		while (j < rows.n &&
		    strcmp(mc_rows_str(&rows, j, 0), d[i].day) < 0)
			j++;
		if (j < rows.n &&
		    strcmp(mc_rows_str(&rows, j, 0), d[i].day) == 0) {
			d[i].received = mc_rows_int(&rows, j, 1);
			d[i].resolved = mc_rows_int(&rows, j, 2);
			d[i].late = mc_rows_int(&rows, j, 3);
		}
	}
	*out = d;
	*n = i;
	return 0;
}

int
mc_dash_live(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmts[STMT_LIVE], "i",
		(long long)agency) < 0)
		return -1;
	if (rows->n > 0 && rows->ncols != DLIVE__MAX) {
		mc_err("mc_dash_live: %zu columns", rows->ncols);
		return -1;
	}
	return 0;
}

int
mc_dash_satisfaction(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    const char *from, const char *to, struct mc_dash_sat *s)
{
	struct mc_rows rows;
	size_t	       i;

	memset(s, 0, sizeof(*s));
	if (mc_stats_ratings(db, a, agency, 1, from, to, &rows) < 0)
		return -1;
	for (i = 0; i < rows.n; i++) {
		s->ratings += mc_rows_int(&rows, i, SR_RATINGS);
		s->satisfied += mc_rows_int(&rows, i, SR_SATISFIED);
		s->very += mc_rows_int(&rows, i, SR_VERY);
	}
	return 0;
}

/* A step's history, loaded once per (procedure, agency, step) asked. */
struct hist {
	long long  procedure, agency, seq;
	long	  *bucket;
	long long *n;
	size_t	   nb;
};

static struct hist *
hist_get(struct mc_db *db, struct mc_arena *a, struct hist *h, size_t *nh,
    long long procedure, long long agency, long long seq)
{
	struct mc_rows rows;
	struct hist   *x;
	size_t	       i;

	for (i = 0; i < *nh; i++)
		if (h[i].procedure == procedure && h[i].agency == agency &&
		    h[i].seq == seq)
			return &h[i];
	if (mc_db_query(db, a, &rows, stmts[STMT_HIST], "iii", procedure,
		agency, seq) < 0)
		return NULL;
	x = &h[(*nh)++];
	x->procedure = procedure;
	x->agency = agency;
	x->seq = seq;
	x->nb = rows.n;
	x->bucket = mc_arena_alloc(a, (rows.n + 1) * sizeof(*x->bucket));
	x->n = mc_arena_alloc(a, (rows.n + 1) * sizeof(*x->n));
	for (i = 0; i < rows.n; i++) {
		x->bucket[i] = (long)mc_rows_int(&rows, i, 0);
		x->n[i] = mc_rows_int(&rows, i, 1);
	}
	return x;
}

int
mc_dash_at_risk(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    time_t now, size_t scan, struct mc_dash_risk **out, size_t *n)
{
	struct mc_stats_expect e;
	struct mc_dash_risk   *v;
	struct mc_rows	       rows;
	struct hist	      *h, *x;
	size_t		       i, nh = 0;
	time_t		       started, due, step_due;
	char		       t[20];
	int		       rc;

	*out = NULL;
	*n = 0;
	mc_time_sql(t, now);
	if (mc_db_query(db, a, &rows, stmts[STMT_RISK], "iisi",
		(long long)agency, (long long)agency, t, (long long)scan) < 0)
		return -1;
	if (rows.n > 0 && rows.ncols != RK__MAX) {
		mc_err("%zu columns", rows.ncols);
		return -1;
	}
	v = mc_arena_alloc(a, (rows.n + 1) * sizeof(*v));
	h = mc_arena_alloc(a, (rows.n + 1) * sizeof(*h));
	for (i = 0; i < rows.n; i++) {
		started = mc_time_parse(mc_rows_str(&rows, i, RK_STARTED));
		due = mc_time_parse(mc_rows_str(&rows, i, RK_DUE));
		x = hist_get(db, a, h, &nh,
		    mc_rows_int(&rows, i, RK_PROCEDURE),
		    mc_rows_int(&rows, i, RK_STEP_AGENCY),
		    mc_rows_int(&rows, i, RK_STEP));
		if (x == NULL)
			return -1;
		rc = mc_stats_expect_hist(x->bucket, x->n, x->nb,
		    mc_calendar_work_minutes(started, now), started, &e);
		step_due = mc_rows_str(&rows, i, RK_STEP_DUE) != NULL ?
		    mc_time_parse(mc_rows_str(&rows, i, RK_STEP_DUE)) :
		    0;
		/* Without an estimate (slower than all the history), only
		 * once the step's own quota has passed. */
		if (rc == 1 ? e.median <= due :
			      e.n == 0 || step_due == 0 || step_due > now)
			continue;
		memset(&v[*n], 0, sizeof(v[*n]));
		v[*n].code = mc_rows_str(&rows, i, RK_CODE);
		v[*n].applicant = mc_rows_str(&rows, i, RK_APPLICANT);
		v[*n].procedure = mc_rows_str(&rows, i, RK_PROCEDURE_NAME);
		v[*n].holder = mc_rows_str(&rows, i, RK_HOLDER);
		v[*n].due = due;
		v[*n].beyond = rc == 0;
		v[*n].median = rc == 1 ? e.median : 0;
		v[*n].p90 = rc == 1 ? e.p90 : 0;
		v[*n].history = e.n;
		v[*n].seq = (int)mc_rows_int(&rows, i, RK_STEP);
		v[*n].step_name = mc_rows_str(&rows, i, RK_STEP_NAME);
		v[*n].step_agency = mc_rows_str(&rows, i, RK_AGENCY_NAME);
		v[*n].step_started = started;
		v[*n].step_due = step_due;
		(*n)++;
	}
	*out = v;
	return 0;
}
