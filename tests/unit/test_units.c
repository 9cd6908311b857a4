/*
 * Reorganisations (lib/domain/mc_units, issue 11) against the database of
 * a test instance (MOTCUA_CONFIG): a small history replayed across a
 * merger at wards of the test's own (two old wards merged into a new one
 * on 1 July 2024, dossiers filed and resolved at each before and after);
 * the report of 2024 by today's units is the sum, by the units of the time
 * it shows the old wards apart; then the open dossier of a dissolved ward
 * is moved to its successor (motcua move-dossiers): counters and a rebuild
 * of the statistics agree with the live figures, its due time is the
 * same, its history says it was moved, and a second run moves nothing.
 * The wards are dissolved when done. Without MOTCUA_CONFIG it fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "fixtures.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_book.h"
#include "mc_calendar.h"
#include "mc_config.h"
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_stats.h"
#include "mc_units.h"
#include "mc_util.h"

enum stmt {
	STMT_PROCEDURE,
	STMT_MERGE,
	STMT_LINK,
	STMT_NEW_FROM,
	STMT_DISSOLVE,
	STMT_SNAP_DAY,
	STMT_SNAP_MONTH,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* A ward's procedure on the default workflow (steps at the ward). */
	[STMT_PROCEDURE] = "SELECT p.code FROM procedures p "
	    "WHERE p.level_commune = 1 AND p.online = 1 "
	    "AND p.time_hours IS NOT NULL AND NOT EXISTS "
	    "(SELECT 1 FROM workflows w WHERE w.procedure_id = p.id) "
	    "ORDER BY p.code LIMIT 1",
	/* The merger: the old ward ends on 30 June, the new one follows. */
	[STMT_MERGE] = "UPDATE agencies SET valid_to = '2024-06-30', "
	    "successor_id = ? WHERE id = ?",
	[STMT_LINK] = "INSERT INTO agency_successors (agency_id, "
	    "successor_id, effective, part) VALUES (?, ?, '2024-07-01', "
	    "'full')",
	[STMT_NEW_FROM] = "UPDATE agencies SET valid_from = '2024-07-01' "
	    "WHERE id = ?",
	/* Once done: no longer offered anywhere (the portal's wards). */
	[STMT_DISSOLVE] = "UPDATE agencies SET valid_to = CURDATE() - "
	    "INTERVAL 1 DAY WHERE id IN (?, ?, ?, ?) AND (valid_to IS NULL "
	    "OR valid_to >= CURDATE())",
	[STMT_SNAP_DAY] = "SELECT CONCAT_WS(' ', day, agency_id, "
	    "procedure_id, channel, metric, n) AS r FROM stats_day "
	    "WHERE agency_id IN (?, ?, ?) AND n <> 0 ORDER BY r",
	[STMT_SNAP_MONTH] = "SELECT CONCAT_WS(' ', month, agency_id, "
	    "procedure_id, channel, metric, n) AS r FROM stats_month "
	    "WHERE agency_id IN (?, ?, ?) AND n <> 0 ORDER BY r",
};
/* clang-format on */

static time_t
at(int m, int d, int h)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 2024 - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* An officer with every role at the ward. */
static struct mc_user *
officer(struct mc_db *db, struct mc_arena *a, const char *tag,
    unsigned int ward)
{
	struct mc_user	*u;
	struct mc_grant *g;

	u = fixture_account(db, a, "units", NULL, 1, tag, ROLE_LEADER, ward);
	if (u == NULL || mc_auth_grant(db, u->id, ROLE_RECEIVER, ward) < 0 ||
	    mc_auth_grant(db, u->id, ROLE_SPECIALIST, ward) < 0)
		return NULL;
	g = mc_arena_alloc(a, 3 * sizeof(*g));
	g[0].role = ROLE_LEADER;
	g[1].role = ROLE_RECEIVER;
	g[2].role = ROLE_SPECIALIST;
	g[0].agency_id = g[1].agency_id = g[2].agency_id = ward;
	u->grants = g;
	u->ngrants = 3;
	u->roles |= (1u << ROLE_RECEIVER) | (1u << ROLE_SPECIALIST);
	return u;
}

static int
act(struct mc_db *db, struct mc_arena *a, struct mc_user *u, const char *code,
    enum mc_action action, time_t when)
{
	struct mc_action_args args;

	memset(&args, 0, sizeof(args));
	args.method = CHANNEL_COUNTER;
	return mc_dossier_act(db, a, u, code, action, &args, when);
}

/*
 * Filed at the ward on `when`; resolved and returned `days` later (< 0:
 * left open).
 */
static const char *
replay(struct mc_db *db, struct mc_arena *a, const char *procedure,
    const char *ward, struct mc_user *citizen, struct mc_user *off,
    time_t when, int days)
{
	struct mc_submission s;
	const char	    *code = NULL;

	memset(&s, 0, sizeof(s));
	s.procedure_code = procedure;
	s.agency_code = ward;
	s.account_id = citizen->id;
	s.name = "Trần Văn Sáp Nhập";
	s.id_number = citizen->id_number;
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	if (mc_dossier_submit(db, a, &s, when, &code) != 0 || code == NULL)
		return NULL;
	if (act(db, a, off, code, ACTION_ACCEPT, when + 600) != 0)
		return NULL;
	if (days < 0)
		return code;
	if (act(db, a, off, code, ACTION_FORWARD, when + 1200) != 0 ||
	    act(db, a, off, code, ACTION_DECIDE, when + days * 86400) != 0 ||
	    act(db, a, off, code, ACTION_RETURN, when + days * 86400 + 600) !=
		0)
		return NULL;
	return code;
}

/* The report of 2024 by agency for the new ward's scope. */
static int
report(struct mc_db *db, struct mc_arena *a, unsigned int ward, int of_time,
    struct mc_stats_report *r)
{
	struct mc_stats_filter f;

	memset(&f, 0, sizeof(f));
	f.from = "2024-01-01";
	f.to = "2024-12-31";
	f.agency = ward;
	f.units_of_time = of_time;
	return mc_stats_report(db, a, &f, STATS_BY_AGENCY, r);
}

static const struct mc_stats_row *
row_of(const struct mc_stats_report *r, unsigned int ward)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->rows[i].key == (long long)ward)
			return &r->rows[i];
	return NULL;
}

/* Received, resolved and pending of a row (-1 each when absent). */
#define FIGURES(row, rec, res, pen) \
	do { \
		const struct mc_stats_row *x_ = (row); \
		CHECK(x_ != NULL); \
		CHECK_INT(x_ ? x_->v[SC_NEW_ONLINE] : -1, (rec)); \
		CHECK_INT(x_ ? x_->v[SC_RESOLVED] : -1, (res)); \
		CHECK_INT(x_ ? x_->v[SC_PENDING] : -1, (pen)); \
	} while (0)

static int
snapshot(struct mc_db *db, struct mc_arena *a, const unsigned int w[3],
    struct mc_rows out[2])
{
	return mc_db_query(db, a, &out[0], stmts[STMT_SNAP_DAY], "iii",
		   (long long)w[0], (long long)w[1], (long long)w[2]) < 0 ||
		mc_db_query(db, a, &out[1], stmts[STMT_SNAP_MONTH], "iii",
		    (long long)w[0], (long long)w[1], (long long)w[2]) < 0 ?
	    -1 :
	    0;
}

static int
same_rows(const struct mc_rows *x, const struct mc_rows *y)
{
	size_t i;

	if (x->n != y->n)
		return 0;
	for (i = 0; i < x->n; i++)
		if (strcmp(mc_rows_str(x, i, 0), mc_rows_str(y, i, 0)) != 0)
			return 0;
	return 1;
}

static long long
counted(struct mc_db *db, struct mc_arena *a, unsigned int ag)
{
	struct mc_rows r;
	long long      n = 0;
	size_t	       i;

	if (mc_counters_agency(db, a, ag, &r) < 0)
		return -1;
	for (i = 0; i < r.n; i++)
		n += mc_rows_int(&r, i, CNT_N);
	return n;
}

/*
 * The agency the book of 2024 at ward shows for the dossier code, by the
 * unit view (0: not in it, -1: error).
 */
static long long
book_agency(struct mc_db *db, struct mc_arena *a, unsigned int ward, int units,
    const char *code)
{
	struct mc_book_filter f;
	struct mc_rows	      rows;
	size_t		      i;

	memset(&f, 0, sizeof(f));
	f.agency = ward;
	f.from = "2024-01-01";
	f.to = "2024-12-31";
	f.units = units;
	f.limit = 100;
	if (mc_book_page(db, a, &f, &rows) < 0)
		return -1;
	for (i = 0; i < rows.n; i++)
		if (strcmp(mc_rows_str(&rows, i, BOOK_CODE), code) == 0)
			return mc_rows_int(&rows, i, BOOK_AGENCY_ID);
	return 0;
}

/*
 * The officer's steps of 2024 in the ward's officers' report (-1: absent)
 * on its first line, whose unit goes to *unit; *lines: the officer's.
 */
static long long
officer_steps(struct mc_db *db, struct mc_arena *a, unsigned int ward,
    int units, long long officer, long long *unit, size_t *lines)
{
	struct mc_officer_load *v;
	size_t			n;

	*unit = 0;
	*lines = 0;
	if (mc_book_officers(db, a, ward, units, "2024-01-01", "2024-12-31",
		officer, time(NULL), &v, &n) < 0 ||
	    n == 0)
		return -1;
	*unit = v[0].agency_id;
	*lines = n;
	return v[0].steps;
}

static void
test_merger(struct mc_db *db, struct mc_arena *a, const char *procedure,
    const char *codes[4], const unsigned int w[4])
{
	struct mc_user	      *citizen, *oa, *ob, *on;
	struct mc_stats_report today, then;
	struct mc_units_move   m;
	struct mc_dossier      before, after;
	struct mc_rows	       live[2], rebuilt[2];
	const char	      *a1, *a2, *b1, *b2, *n1, *n2;
	long long	       n, cn, unit;
	size_t		       i, lines;
	int		       moved_event = 0;

	citizen = fixture_account(db, a, "units", "079", 7, "citizen",
	    ROLE_CITIZEN, 0);
	oa = officer(db, a, "officer-a", w[0]);
	ob = officer(db, a, "officer-b", w[1]);
	on = officer(db, a, "officer-n", w[2]);
	if (citizen == NULL || oa == NULL || ob == NULL || on == NULL) {
		CHECK(!"test accounts");
		return;
	}
	/* Before the merger, at the old wards; b2 resolved after it. */
	a1 = replay(db, a, procedure, codes[0], citizen, oa, at(3, 4, 9), 1);
	a2 = replay(db, a, procedure, codes[0], citizen, oa, at(5, 6, 9), -1);
	b1 = replay(db, a, procedure, codes[1], citizen, ob, at(4, 1, 9), 1);
	b2 = replay(db, a, procedure, codes[1], citizen, ob, at(6, 3, 9), 63);
	/* After it, at the new ward. */
	n1 = replay(db, a, procedure, codes[2], citizen, on, at(8, 1, 9), 1);
	n2 = replay(db, a, procedure, codes[2], citizen, on, at(9, 2, 9), -1);
	CHECK(a1 != NULL && a2 != NULL && b1 != NULL && b2 != NULL &&
	    n1 != NULL && n2 != NULL);
	if (a2 == NULL || n2 == NULL)
		return;
	/*
	 * The replay counted the open ones at its own time (green in 2024):
	 * the worker's pass turns them red now; run it here, so that no
	 * check below depends on when the worker's comes.
	 */
	for (i = 0; i < 50 && mc_counters_tick(db, a, time(NULL), 1000) > 0;
	     i++)
		;
	CHECK_INT(mc_counters_check(db, a, w[2], time(NULL)), 0);
	/* The merger as the seed records it. */
	CHECK(mc_db_exec(db, stmts[STMT_MERGE], "ii", (long long)w[2],
		  (long long)w[0]) == 1);
	CHECK(mc_db_exec(db, stmts[STMT_MERGE], "ii", (long long)w[2],
		  (long long)w[1]) == 1);
	CHECK(mc_db_exec(db, stmts[STMT_LINK], "ii", (long long)w[0],
		  (long long)w[2]) == 1);
	CHECK(mc_db_exec(db, stmts[STMT_LINK], "ii", (long long)w[1],
		  (long long)w[2]) == 1);
	CHECK(mc_db_exec(db, stmts[STMT_NEW_FROM], "i", (long long)w[2]) == 1);

	/* By today's units: one row, the sum. */
	CHECK_INT(report(db, a, w[2], 0, &today), 0);
	CHECK_INT(today.n, 1);
	FIGURES(row_of(&today, w[2]), 6, 4, 2);
	/* By the units of the time: the old wards apart. */
	CHECK_INT(report(db, a, w[2], 1, &then), 0);
	CHECK_INT(then.n, 3);
	FIGURES(row_of(&then, w[0]), 2, 1, 1);
	FIGURES(row_of(&then, w[1]), 2, 2, 0);
	FIGURES(row_of(&then, w[2]), 2, 1, 1);
	CHECK_INT(then.total.v[SC_RECEIVED], today.total.v[SC_RECEIVED]);
	CHECK_INT(then.total.v[SC_RESOLVED], today.total.v[SC_RESOLVED]);
	CHECK_INT(then.total.v[SC_PENDING], today.total.v[SC_PENDING]);
	/*
	 * The book and the officers' report of the new ward: an old ward's
	 * dossier named after the new ward by today's units, after its own
	 * by the units of the time; its officer's steps in the new ward's
	 * report by today's units only.
	 */
	CHECK_INT(mc_units_view(NULL), MC_UNITS_TODAY);
	CHECK_INT(mc_units_view("today"), MC_UNITS_TODAY);
	CHECK_INT(mc_units_view("time"), MC_UNITS_TIME);
	CHECK_STR(mc_units_view_word(MC_UNITS_TIME), "time");
	CHECK_INT(book_agency(db, a, w[2], MC_UNITS_TODAY, a1), w[2]);
	CHECK_INT(book_agency(db, a, w[2], MC_UNITS_TIME, a1), w[0]);
	CHECK_INT(book_agency(db, a, w[2], MC_UNITS_TIME, n1), w[2]);
	CHECK_INT(book_agency(db, a, w[3], MC_UNITS_TODAY, a1), 0);
	/* The old ward's officer: in the new ward's line by today's units,
	 * in a line of the old ward by the units of the time. */
	n = officer_steps(db, a, w[2], MC_UNITS_TODAY, oa->id, &unit, &lines);
	CHECK(n > 0);
	CHECK_INT(unit, w[2]);
	CHECK_INT(lines, 1);
	CHECK_INT(
	    officer_steps(db, a, w[2], MC_UNITS_TIME, oa->id, &unit, &lines),
	    n);
	CHECK_INT(unit, w[0]);
	CHECK_INT(lines, 1);
	n = officer_steps(db, a, w[2], MC_UNITS_TODAY, on->id, &unit, &lines);
	CHECK(n > 0);
	CHECK_INT(
	    officer_steps(db, a, w[2], MC_UNITS_TIME, on->id, &unit, &lines),
	    n);
	CHECK_INT(unit, w[2]);
	/* Not the old ward's officer in another ward's report. */
	CHECK_INT(
	    officer_steps(db, a, w[3], MC_UNITS_TIME, oa->id, &unit, &lines),
	    -1);

	/* Refused: not a successor, not dissolved, unknown. */
	CHECK_INT(mc_units_move(db, a, codes[0], codes[3], 0, time(NULL), &m),
	    UNITS_NOT_SUCCESSOR);
	CHECK_INT(mc_units_move(db, a, codes[2], codes[3], 0, time(NULL), &m),
	    UNITS_NOT_DISSOLVED);
	CHECK_INT(mc_units_move(db, a, codes[0], codes[1], 0, time(NULL), &m),
	    UNITS_TO_ENDED);
	CHECK_INT(
	    mc_units_move(db, a, "NO.SUCH.UNIT", codes[2], 0, time(NULL), &m),
	    UNITS_NO_FROM);
	/* A dry run counts and moves nothing. */
	CHECK_INT(mc_units_move(db, a, codes[0], codes[2], 1, time(NULL), &m),
	    0);
	CHECK_INT(m.open, 1);
	CHECK_INT(m.moved, 0);

	CHECK_INT(mc_dossier_load(db, a, a2, &before), 1);
	cn = counted(db, a, w[2]);
	CHECK_INT(counted(db, a, w[0]), 1);
	CHECK_INT(mc_units_move(db, a, codes[0], codes[2], 0, time(NULL), &m),
	    0);
	CHECK_INT(m.open, 1);
	CHECK_INT(m.moved, 1);
	CHECK_INT((long long)m.failed, 0);
	/* Again: nothing left to move. */
	CHECK_INT(mc_units_move(db, a, codes[0], codes[2], 0, time(NULL), &m),
	    0);
	CHECK_INT(m.open, 0);
	CHECK_INT(m.moved, 0);

	CHECK_INT(mc_dossier_load(db, a, a2, &after), 1);
	CHECK_INT(after.agency_id, w[2]);
	CHECK_INT(after.current_agency_id, w[2]);
	CHECK_INT(after.status, before.status);
	CHECK_INT(after.version, before.version + 1);
	CHECK_STR(after.due_at, before.due_at);
	CHECK_STR(after.step_due_at ? after.step_due_at : "",
	    before.step_due_at ? before.step_due_at : "");
	CHECK_STR(after.submitted_at, before.submitted_at);
	CHECK_STR(after.code, before.code);
	CHECK_INT((long long)after.events.n, (long long)before.events.n + 1);
	for (i = 0; i < after.events.n; i++)
		if (strcmp(mc_rows_str(&after.events, i, DEV_ACTION),
			"move_unit") == 0 &&
		    strstr(mc_rows_str(&after.events, i, DEV_NOTE),
			codes[2]) != NULL)
			moved_event = 1;
	CHECK(moved_event);
	/* The counters moved with it and agree with the dossiers. */
	CHECK_INT(counted(db, a, w[0]), 0);
	CHECK_INT(counted(db, a, w[2]), cn + 1);
	CHECK_INT(mc_counters_check(db, a, w[0], time(NULL)), 0);
	CHECK_INT(mc_counters_check(db, a, w[2], time(NULL)), 0);
	/* Today's view is the same; the old ward keeps what it closed. */
	CHECK_INT(report(db, a, w[2], 0, &today), 0);
	FIGURES(row_of(&today, w[2]), 6, 4, 2);
	CHECK_INT(report(db, a, w[2], 1, &then), 0);
	FIGURES(row_of(&then, w[0]), 1, 1, 0);
	FIGURES(row_of(&then, w[2]), 3, 1, 2);
	/* A rebuild of the statistics gives the live summaries again. */
	CHECK_INT(snapshot(db, a, w, live), 0);
	{
		struct mc_arena *ra = mc_arena_new(1 << 20); /* it resets */

		CHECK_INT(mc_stats_rebuild(db, ra, &n), 0);
		mc_arena_free(ra);
	}
	CHECK_INT(snapshot(db, a, w, rebuilt), 0);
	CHECK(live[0].n > 0);
	CHECK(same_rows(&live[0], &rebuilt[0]));
	CHECK(same_rows(&live[1], &rebuilt[1]));
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;
	struct mc_rows	 proc;
	const char	*codes[4], *tag;
	unsigned int	 w[4];
	int		 i;

	if (!NEED_DB("test_units"))
		return DONE();
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(1 << 20);
	mc_calendar_load(db);
	tag = mc_arena_printf(a, "%d.%ld", (int)getpid() % 100000,
	    (long)time(NULL) % 100000);
	for (i = 0; i < 4; i++) {
		codes[i] = mc_arena_printf(a, "MRG.%s.%c", tag, "ABNX"[i]);
		w[i] = fixture_agency(db, a, codes[i], "ward", 0);
	}
	if (w[0] == 0 || w[1] == 0 || w[2] == 0 || w[3] == 0 ||
	    mc_db_query(db, a, &proc, stmts[STMT_PROCEDURE], "") < 0 ||
	    proc.n != 1)
		CHECK(!"four test wards and a ward's procedure");
	else
		test_merger(db, a, mc_rows_str(&proc, 0, 0), codes, w);
	CHECK(mc_db_exec(db, stmts[STMT_DISSOLVE], "iiii", (long long)w[0],
		  (long long)w[1], (long long)w[2], (long long)w[3]) >= 0);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
