/*
 * Decision 766's national index (lib/domain/mc_index766): the points of a
 * rate with their rounding, the parts and the total worked out by hand,
 * and, against a test instance's database (MOTCUA_CONFIG), a small
 * hand-made history in 2030 of the summary tables and ratings at a ward of
 * its own beside a ward without dossiers (both dissolved when done); and
 * the satisfaction's summaries (mc_stats_ratings) against the ratings' own
 * count after a random sequence of ratings, and after their rebuild.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "fixtures.h"
#include "mc_arena.h"
#include "mc_config.h"
#include "mc_dash.h"
#include "mc_db.h"
#include "mc_index766.h"
#include "mc_stats.h"

enum stmt {
	STMT_PROC_FULL,
	STMT_PROC_POOR,
	STMT_DAY,
	STMT_MONTH,
	STMT_OVERALL,
	STMT_RATING,
	STMT_RATING_ID,
	STMT_ANSWER,
	STMT_DISSOLVE,
	STMT_SCAN,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* Complete in the catalogue (legal time, documents) and online. */
	[STMT_PROC_FULL] = "SELECT p.id FROM procedures p WHERE p.online = 1 "
	    "AND p.time_hours IS NOT NULL AND EXISTS (SELECT 1 FROM "
	    "procedure_documents d WHERE d.procedure_id = p.id) "
	    "ORDER BY p.id LIMIT 1",
	/* Neither: no legal time, not online. */
	[STMT_PROC_POOR] = "SELECT p.id FROM procedures p WHERE p.online = 0 "
	    "AND p.service_level IS NULL AND p.time_hours IS NULL "
	    "AND p.time_days IS NULL ORDER BY p.id LIMIT 1",
	[STMT_DAY] = "INSERT INTO stats_day (day, agency_id, procedure_id, "
	    "channel, metric, n) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
	[STMT_MONTH] = "INSERT INTO stats_month (month, agency_id, "
	    "procedure_id, channel, metric, n) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
	[STMT_OVERALL] = "SELECT questionnaire_id, seq FROM eval_questions "
	    "WHERE code = 'overall' ORDER BY questionnaire_id LIMIT 1",
	[STMT_RATING] = "INSERT INTO eval_ratings (questionnaire_id, channel, "
	    "agency_id, created_at) VALUES (?, 'kiosk', ?, ?)",
	[STMT_RATING_ID] = "SELECT LAST_INSERT_ID()",
	[STMT_ANSWER] = "INSERT INTO eval_answers (rating_id, seq, score) "
	    "VALUES (?, ?, ?)",
	[STMT_DISSOLVE] = "UPDATE agencies SET valid_to = CURDATE() - "
	    "INTERVAL 1 DAY WHERE code LIKE ? AND valid_to IS NULL",
	/* The ratings of two agencies on the days [from, to], counted from
	 * the ratings themselves (what the pages read before 0077). */
	[STMT_SCAN] = "SELECT r.agency_id, COUNT(*), SUM(a.score >= 1), "
	    "SUM(a.score = 2) FROM eval_ratings r JOIN eval_questions q "
	    "ON q.questionnaire_id = r.questionnaire_id AND q.code = 'overall' "
	    "JOIN eval_answers a ON a.rating_id = r.id AND a.seq = q.seq "
	    "WHERE r.agency_id IN (?, ?) AND r.created_at >= ? "
	    "AND r.created_at < ? + INTERVAL 1 DAY "
	    "GROUP BY r.agency_id ORDER BY r.agency_id",
};
/* clang-format on */

/* Rates into points (tenths, half up); nothing to measure: the maximum. */
static void
test_points(void)
{
	CHECK_INT(mc_i766_points(1, 8, 6), 8);	  /* 0.75 -> 0.8 */
	CHECK_INT(mc_i766_points(2, 3, 20), 133); /* 13.33 -> 13.3 */
	CHECK_INT(mc_i766_points(1, 6, 11), 18);  /* 1.833 -> 1.8 */
	CHECK_INT(mc_i766_points(1, 20, 1), 1);	  /* 0.05 -> 0.1 */
	CHECK_INT(mc_i766_points(1, 40, 1), 0);	  /* 0.025 -> 0.0 */
	CHECK_INT(mc_i766_points(0, 0, 22), 220); /* nothing: full */
	CHECK_INT(mc_i766_points(5, 3, 10), 100); /* at most the maximum */
	CHECK_INT(mc_i766_points(-1, 3, 10), 0);
	CHECK_INT(mc_i766_points(7, 7, 12), 120);
}

/* The parts' maxima are the Decision's: 18, 20, 22, 22, 18. */
static void
test_max(void)
{
	int i, sum = 0;

	CHECK_INT(mc_i766_part_max(I766_PUBLICITY), 18);
	CHECK_INT(mc_i766_part_max(I766_PROGRESS), 20);
	CHECK_INT(mc_i766_part_max(I766_DIGITISATION), 22);
	CHECK_INT(mc_i766_part_max(I766_ONLINE), 22);
	CHECK_INT(mc_i766_part_max(I766_SATISFACTION), 18);
	for (i = 0; i < I766__SUBS; i++)
		sum += mc_i766_sub_max((enum mc_i766_sub)i);
	CHECK_INT(sum, 100);
	CHECK_STR(mc_i766_part_name(I766_ONLINE), "online");
	CHECK_STR(mc_i766_sub_name(I766_PAID_ONLINE), "paid_online");
}

/* An agency's counts scored by hand, then one without dossiers. */
static void
test_score(void)
{
	struct mc_i766_counts c;
	struct mc_i766	      s;

	memset(&c, 0, sizeof(c));
	c.dossiers = 9;
	c.num[I766_RESOLVED_ONTIME] = 5; /* 5/6 x 12 = 10.0 */
	c.den[I766_RESOLVED_ONTIME] = 6;
	c.num[I766_PENDING_INTIME] = 0; /* 0/3 x 8 = 0.0 */
	c.den[I766_PENDING_INTIME] = 3;
	c.num[I766_FILED_ONLINE] = 1; /* 1/8 x 10 = 1.25 -> 1.3 */
	c.den[I766_FILED_ONLINE] = 8;
	mc_i766_score(&c, &s);
	CHECK_INT(s.sub[I766_RESOLVED_ONTIME], 100);
	CHECK_INT(s.sub[I766_FILED_ONLINE], 13);
	CHECK_INT(s.part[I766_PROGRESS], 100);
	/* online: 6 (no procedures counted) + 1.3 + 6 (no payments) */
	CHECK_INT(s.part[I766_ONLINE], 133);
	CHECK_INT(s.part[I766_PUBLICITY], 180);
	CHECK_INT(s.total, 180 + 100 + 220 + 133 + 180);
	c.dossiers = 0;
	mc_i766_score(&c, &s);
	CHECK_INT(s.total, -1);
}

/* A summary row of the day and of its month, as mc_stats writes them. */
static int
put(struct mc_db *db, const char *day, unsigned int ag, long long pr, int ch,
    int metric, long long n)
{
	char month[11];

	snprintf(month, sizeof(month), "%.8s01", day);
	return mc_db_exec(db, stmts[STMT_DAY], "siiiii", day, (long long)ag,
		   pr, (long long)ch, (long long)metric, n) < 0 ||
		mc_db_exec(db, stmts[STMT_MONTH], "siiiii", month,
		    (long long)ag, pr, (long long)ch, (long long)metric,
		    n) < 0 ?
	    -1 :
	    0;
}

static int
rate(struct mc_db *db, struct mc_arena *a, long long q, long long seq,
    unsigned int ag, const char *at, int score)
{
	struct mc_rows id;

	if (mc_db_exec(db, stmts[STMT_RATING], "iis", q, (long long)ag, at) <
		0 ||
	    mc_db_query(db, a, &id, stmts[STMT_RATING_ID], "") < 0 ||
	    id.n != 1)
		return -1;
	/* Score -1: no overall answer. Then the summaries, as mc_eval_rate. */
	return (score >= 0 &&
		   mc_db_exec(db, stmts[STMT_ANSWER], "iii",
		       mc_rows_int(&id, 0, 0), seq, (long long)score) < 0) ||
		mc_stats_rating(db, mc_rows_int(&id, 0, 0)) < 0 ?
	    -1 :
	    0;
}

/*
 * Ward A's history (P1 complete and online, P2 neither), the period
 * 2030-02-20 .. 2030-03-31 (its edge days from stats_day, March from
 * stats_month):
 *   02-10 (before): 2 received online, open +2; 03-05 one overdue (+1)
 *   02-25: 3 received online (P1), accepted 3, digitised 3
 *   03-10: 4 received at the counter (P2), accepted 2, refused 1 (open
 *          -1), digitised 1
 *   03-20: resolved early 2 (P1), on time 1 and late 3 (P2), open -6;
 *          2 with an electronic result; payments: 1 at the counter, 2
 *          online
 *   04-02 (after): 7 received
 *   ratings in March: overall 2, 1, 0
 * so: received 7 (online 3), pending at the end 2 (1 overdue).
 */
static int
history(struct mc_db *db, struct mc_arena *a, unsigned int ag, long long p1,
    long long p2)
{
	struct mc_rows q;

	if (put(db, "2030-02-10", ag, p1, 2, STM_RECEIVED, 2) < 0 ||
	    put(db, "2030-02-10", ag, p1, 2, STM_OPEN, 2) < 0 ||
	    put(db, "2030-03-05", ag, p1, 2, STM_OVERDUE, 1) < 0 ||
	    put(db, "2030-02-25", ag, p1, 2, STM_RECEIVED, 3) < 0 ||
	    put(db, "2030-02-25", ag, p1, 2, STM_OPEN, 3) < 0 ||
	    put(db, "2030-02-25", ag, p1, 2, STM_ACCEPTED, 3) < 0 ||
	    put(db, "2030-02-25", ag, p1, 2, STM_DIGITISED, 3) < 0 ||
	    put(db, "2030-03-10", ag, p2, 1, STM_RECEIVED, 4) < 0 ||
	    put(db, "2030-03-10", ag, p2, 1, STM_OPEN, 4) < 0 ||
	    put(db, "2030-03-10", ag, p2, 1, STM_ACCEPTED, 2) < 0 ||
	    put(db, "2030-03-10", ag, p2, 1, STM_REFUSED, 1) < 0 ||
	    put(db, "2030-03-10", ag, p2, 1, STM_OPEN, -1) < 0 ||
	    put(db, "2030-03-10", ag, p2, 1, STM_DIGITISED, 1) < 0 ||
	    put(db, "2030-03-20", ag, p1, 2, STM_EARLY, 2) < 0 ||
	    put(db, "2030-03-20", ag, p2, 1, STM_ONTIME, 1) < 0 ||
	    put(db, "2030-03-20", ag, p2, 1, STM_LATE, 3) < 0 ||
	    put(db, "2030-03-20", ag, p1, 2, STM_OPEN, -2) < 0 ||
	    put(db, "2030-03-20", ag, p2, 1, STM_OPEN, -4) < 0 ||
	    put(db, "2030-03-20", ag, p1, 2, STM_RESULT_DIGITAL, 2) < 0 ||
	    put(db, "2030-03-20", ag, p2, 1, STM_PAID, 1) < 0 ||
	    put(db, "2030-03-20", ag, p1, 2, STM_PAID, 2) < 0 ||
	    put(db, "2030-03-20", ag, p1, 2, STM_PAID_ONLINE, 2) < 0 ||
	    put(db, "2030-04-02", ag, p1, 2, STM_RECEIVED, 7) < 0 ||
	    put(db, "2030-04-02", ag, p1, 2, STM_OPEN, 7) < 0)
		return -1;
	if (mc_db_query(db, a, &q, stmts[STMT_OVERALL], "") < 0 || q.n != 1)
		return -1;
	return rate(db, a, mc_rows_int(&q, 0, 0), mc_rows_int(&q, 0, 1), ag,
		   "2030-03-02 10:00:00", 2) < 0 ||
		rate(db, a, mc_rows_int(&q, 0, 0), mc_rows_int(&q, 0, 1), ag,
		    "2030-03-31 16:00:00", 1) < 0 ||
		rate(db, a, mc_rows_int(&q, 0, 0), mc_rows_int(&q, 0, 1), ag,
		    "2030-03-15 09:00:00", 0) < 0 ||
		rate(db, a, mc_rows_int(&q, 0, 0), mc_rows_int(&q, 0, 1), ag,
		    "2030-04-01 00:00:00", 0) < 0 ?
	    -1 :
	    0;
}

static void
test_table(struct mc_db *db, struct mc_arena *a, const char *prefix)
{
	struct mc_i766_row *rows, *x = NULL, *y = NULL;
	struct mc_rows	    p1, p2;
	unsigned int	    root, wa, wb;
	size_t		    n, i;

	if (mc_db_query(db, a, &p1, stmts[STMT_PROC_FULL], "") < 0 ||
	    p1.n != 1 ||
	    mc_db_query(db, a, &p2, stmts[STMT_PROC_POOR], "") < 0 ||
	    p2.n != 1) {
		CHECK(!"two procedures of the catalogue");
		return;
	}
	root = fixture_agency(db, a, mc_arena_printf(a, "%s.R", prefix),
	    "other", 0);
	wa = fixture_agency(db, a, mc_arena_printf(a, "%s.A", prefix), "ward",
	    root);
	wb = fixture_agency(db, a, mc_arena_printf(a, "%s.B", prefix), "ward",
	    root);
	if (root == 0 || wa == 0 || wb == 0) {
		CHECK(!"test agencies");
		return;
	}
	CHECK_INT(
	    history(db, a, wa, mc_rows_int(&p1, 0, 0), mc_rows_int(&p2, 0, 0)),
	    0);
	CHECK_INT(mc_i766_table(db, a, root, "2030-02-20", "2030-03-31",
		      "2030-04-01 08:00:00", &rows, &n),
	    0);
	CHECK_INT(n, 3);
	for (i = 0; i < n; i++) {
		if (rows[i].agency == wa)
			x = &rows[i];
		if (rows[i].agency == wb)
			y = &rows[i];
	}
	if (x == NULL || y == NULL) {
		CHECK(!"both wards in the table");
		return;
	}
	/* Publicity: 1 of 2 procedures complete 4.0; (5+1)/7 x 10 = 8.6 */
	CHECK_INT(x->c.den[I766_CATALOGUE], 2);
	CHECK_INT(x->s.sub[I766_CATALOGUE], 40);
	CHECK_INT(x->c.num[I766_RECEIPT], 6);
	CHECK_INT(x->c.den[I766_RECEIPT], 7);
	CHECK_INT(x->s.sub[I766_RECEIPT], 86);
	CHECK_INT(x->s.part[I766_PUBLICITY], 126);
	/* Progress: 3/6 x 12 = 6.0; pending 1 of 2 in time x 8 = 4.0 */
	CHECK_INT(x->s.sub[I766_RESOLVED_ONTIME], 60);
	CHECK_INT(x->c.den[I766_PENDING_INTIME], 2);
	CHECK_INT(x->s.sub[I766_PENDING_INTIME], 40);
	CHECK_INT(x->s.part[I766_PROGRESS], 100);
	/* Digitisation: 4/7 x 11 = 6.3; 2/6 x 11 = 3.7 */
	CHECK_INT(x->s.sub[I766_DIGITISED], 63);
	CHECK_INT(x->s.sub[I766_RESULT_DIGITAL], 37);
	CHECK_INT(x->s.part[I766_DIGITISATION], 100);
	/* Online: 1/2 x 6 = 3.0; 3/7 x 10 = 4.3; 2/3 x 6 = 4.0 */
	CHECK_INT(x->s.sub[I766_PROC_ONLINE], 30);
	CHECK_INT(x->s.sub[I766_FILED_ONLINE], 43);
	CHECK_INT(x->s.sub[I766_PAID_ONLINE], 40);
	CHECK_INT(x->s.part[I766_ONLINE], 113);
	/* Satisfaction: no feedback 6 + 6; ratings 2 of 3 x 6 = 4.0 */
	CHECK_INT(x->c.den[I766_RATED_SATISFIED], 3);
	CHECK_INT(x->s.part[I766_SATISFACTION], 160);
	CHECK_INT(x->s.total, 599);
	/* Ward B has no dossiers: no index; the root none of its own. */
	CHECK_INT(y->c.dossiers, 0);
	CHECK_INT(y->s.total, -1);
	/* Sorted by total, the ward with an index first, B last. */
	mc_i766_sort(rows, n, I766__PARTS, 0);
	CHECK_INT(rows[0].agency, wa);
	mc_i766_sort(rows, n, I766_ONLINE, 1);
	CHECK_INT(rows[0].agency, wa);
	CHECK(rows[n - 1].s.total < 0);
	/* The same period without March's first days: only the edge. */
	CHECK_INT(mc_i766_table(db, a, wa, "2030-02-20", "2030-02-28",
		      "2030-04-01 08:00:00", &rows, &n),
	    0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(rows[0].c.den[I766_RECEIPT], 3);
		CHECK_INT(rows[0].c.num[I766_DIGITISED], 3);
		CHECK_INT(rows[0].c.den[I766_RATED_SATISFIED], 0);
	}
}

static unsigned long rnd_state;

static unsigned long
rnd(unsigned long n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned long)(rnd_state >> 33) % n;
}

/* A random local day of 2030-12-20 .. 2031-05-09 into out. */
static void
rnd_day(char out[11])
{
	struct tm tm;
	time_t	  t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 130;
	tm.tm_mon = 11;
	tm.tm_mday = 20 + (int)rnd(141);
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/*
 * The period's satisfaction from the summaries (mc_stats_ratings per
 * agency, mc_dash_satisfaction in all) equals the ratings' own count,
 * for the test's two wards under their root; the number of failures.
 */
static int
same_ratings(struct mc_db *db, struct mc_arena *a, unsigned int root,
    unsigned int wa, unsigned int wb, const char *from, const char *to)
{
	struct mc_rows	   fast, scan;
	struct mc_dash_sat sat;
	long long	   sum[3] = { 0, 0, 0 };
	size_t		   i, j;
	int		   bad = 0;

	if (mc_stats_ratings(db, a, root, 0, from, to, &fast) < 0 ||
	    mc_dash_satisfaction(db, a, root, from, to, &sat) < 0 ||
	    mc_db_query(db, a, &scan, stmts[STMT_SCAN], "iiss", (long long)wa,
		(long long)wb, from, to) < 0)
		return 1;
	bad += fast.n != scan.n;
	for (i = 0; i < fast.n && i < scan.n; i++)
		for (j = 0; j < SR__MAX; j++)
			bad += mc_rows_int(&fast, i, j) !=
			    mc_rows_int(&scan, i, j);
	for (i = 0; i < scan.n; i++)
		for (j = 0; j < 3; j++)
			sum[j] += mc_rows_int(&scan, i, j + 1);
	bad += sat.ratings != sum[0] || sat.satisfied != sum[1] ||
	    sat.very != sum[2];
	if (bad)
		fprintf(stderr, "ratings %s .. %s: %zu rows, scan %zu\n", from,
		    to, fast.n, scan.n);
	return bad;
}

/*
 * A random sequence of ratings at two wards of a root of their own (some
 * without an overall answer); after each tenth, and after a rebuild of
 * the summaries, random periods (whole months and edge days) compared
 * with the ratings' own count.
 */
static void
test_ratings(struct mc_db *db, struct mc_arena *a, const char *prefix)
{
	struct mc_rows q;
	unsigned int   root, wa, wb;
	char	       day[11], at[20], from[11], to[11], *t;
	int	       i, k, bad = 0;

	rnd_state = (unsigned long)getpid() * 2654435761UL + 7;
	root = fixture_agency(db, a, mc_arena_printf(a, "%s.SR", prefix),
	    "other", 0);
	wa = fixture_agency(db, a, mc_arena_printf(a, "%s.SA", prefix), "ward",
	    root);
	wb = fixture_agency(db, a, mc_arena_printf(a, "%s.SB", prefix), "ward",
	    root);
	if (root == 0 || wa == 0 || wb == 0 ||
	    mc_db_query(db, a, &q, stmts[STMT_OVERALL], "") < 0 || q.n != 1) {
		CHECK(!"test agencies and the overall question");
		return;
	}
	for (i = 1; i <= 60; i++) {
		rnd_day(day);
		snprintf(at, sizeof(at), "%s %02d:%02d:00", day, (int)rnd(24),
		    (int)rnd(60));
		if (rate(db, a, mc_rows_int(&q, 0, 0), mc_rows_int(&q, 0, 1),
			rnd(2) ? wa : wb, at, (int)rnd(4) - 1) < 0) {
			CHECK(!"a rating written");
			return;
		}
		if (i % 10 != 0)
			continue;
		for (k = 0; k < 4; k++) {
			rnd_day(from);
			rnd_day(to);
			if (strcmp(from, to) > 0) {
				t = from;
				memcpy(day, t, sizeof(day));
				memcpy(from, to, sizeof(from));
				memcpy(to, day, sizeof(to));
			}
			bad += same_ratings(db, a, root, wa, wb, from, to);
		}
	}
	/* The whole span: every rating of the sequence. */
	bad += same_ratings(db, a, root, wa, wb, "2030-12-01", "2031-05-31");
	CHECK_INT(bad, 0);
	/* Rebuilt from the ratings: the same figures. */
	CHECK_INT(mc_stats_ratings_rebuild(db), 0);
	bad = same_ratings(db, a, root, wa, wb, "2030-12-01", "2031-05-31");
	for (k = 0; k < 10; k++) {
		rnd_day(from);
		rnd_day(to);
		if (strcmp(from, to) <= 0)
			bad += same_ratings(db, a, root, wa, wb, from, to);
	}
	CHECK_INT(bad, 0);
	/* The whole span holds all 60, some without an overall answer. */
	CHECK(mc_stats_ratings(db, a, root, 0, "2030-12-01", "2031-05-31",
		  &q) == 0 &&
	    q.n >= 1 && q.n <= 2);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;
	char		 prefix[32];

	test_points();
	test_max();
	test_score();
	if (!NEED_DB("test_index766"))
		return DONE();
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(1 << 20);
	snprintf(prefix, sizeof(prefix), "I766.%d", (int)getpid());
	test_table(db, a, prefix);
	test_ratings(db, a, prefix);
	/* The test's wards are no longer offered anywhere. */
	CHECK(mc_db_exec(db, stmts[STMT_DISSOLVE], "s",
		  mc_arena_printf(a, "%s.%%", prefix)) >= 0);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
