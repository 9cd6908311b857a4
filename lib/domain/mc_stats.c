/*
 * Statistics kept as dossiers move: a dossier's contribution to the
 * summaries is a function of its row, events and steps; each transition
 * recounts it and applies the difference with the memo of what was counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_calendar.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_stats.h"
#include "mc_units.h"
#include "mc_util.h"

#define MAX_ENTRIES   512
#define MEMO_MAX      60000
#define REBUILD_BATCH 1000

enum stmt {
	STMT_DOSSIER,
	STMT_HISTORY,
	STMT_MEMO_PUT,
	STMT_MEMO_DEL,
	STMT_DAY_ADD,
	STMT_MONTH_ADD,
	STMT_OFFICER_ADD,
	STMT_STEP_ADD,
	STMT_REMAIN_ADD,
	STMT_REMAIN_GET,
	STMT_IDS,
	STMT_CLEAR_DAY,
	STMT_CLEAR_MONTH,
	STMT_CLEAR_OFFICER,
	STMT_CLEAR_STEP,
	STMT_CLEAR_REMAIN,
	STMT_CLEAR_MEMO,
	STMT_CLEAR_OPEN,
	STMT_CLEAR_OPEN_MONTHS,
	STMT_OPEN_ADD,
	STMT_OPEN_BASE,
	STMT_MONTHS_LAST,
	STMT_MONTHS_FIRST,
	STMT_OPEN_CLOSE,
	STMT_MONTHS_ADD,
	STMT_REPORT,
	STMT__MAX
};

/* The columns of STMT_DOSSIER. */
enum dcol {
	C_STATUS,
	C_AGENCY,
	C_PROCEDURE,
	C_CHANNEL,
	C_SUBMITTED,
	C_RECEIVED,
	C_DUE,
	C_FINISHED,
	C_RETURNED,
	C_ORIGINAL_DUE,
	C_PAUSED_MIN,
	C_RETURN_METHOD,
	C_FILES,
	C_RESULTS,
	C_PAID,
	C_MEMO,
	C__MAX
};

/*
 * The columns of STMT_HISTORY: an event (kind 0: H_A its action, H_B its
 * time) or a step (kind 1: H_ORDER its seq, H_A its agency, H_B its
 * officer or 0).
 */
enum hcol {
	H_KIND,
	H_ORDER,
	H_A,
	H_B,
	H_STARTED,
	H_FINISHED,
	H_OUTCOME,
	H__MAX
};

/* The columns of STMT_REPORT. */
enum rcol {
	R_KEY,
	R_CHANNEL,
	R_METRIC,
	R_BEFORE,
	R_WITHIN,
	R_NAME,
	R_NAME_EN,
	R__MAX
};

/* clang-format off */
#define REPORT_SRC(tbl, col) \
	"SELECT agency_id, procedure_id, channel, metric, " col " AS day, " \
	"n FROM " tbl
#define REPORT_FILTER \
	"AND (? = 0 OR agency_id IN (SELECT id FROM sub)) " \
	"AND (? = 0 OR procedure_id = ?) AND (? = 0 OR channel = ?) "

static const char *const stmts[STMT__MAX] = {
	/*
	 * The dossier's row, its documents digitised, electronic results,
	 * the payment's day and its memo (NULL: none): one read.
	 */
	[STMT_DOSSIER] = "SELECT d.status, d.agency_id, d.procedure_id, "
	    "d.channel, d.submitted_at, d.received_at, d.due_at, "
	    "d.finished_at, d.returned_at, d.original_due_at, "
	    "d.paused_minutes, d.return_method, "
	    "(SELECT COUNT(*) FROM dossier_files f WHERE f.dossier_id = d.id), "
	    "(SELECT COUNT(*) FROM dossier_results r "
	    "WHERE r.dossier_id = d.id), "
	    "(SELECT MIN(e.at) FROM dossier_events e WHERE e.dossier_id = d.id "
	    "AND e.action = 'confirm_payment'), "
	    "(SELECT m.entries FROM stats_memo m WHERE m.dossier_id = d.id) "
	    "FROM dossiers d WHERE d.id = ?",
	/*
	 * Its supplements and apologies (kind 0: id, action, at) and its
	 * finished steps (kind 1: seq, agency, officer, started, finished,
	 * outcome): one read.
	 */
	[STMT_HISTORY] = "SELECT 0 AS kind, id AS o, action, at, NULL, NULL, "
	    "NULL FROM dossier_events "
	    "WHERE dossier_id = ? AND action IN ('request_supplement', "
	    "'request_completion', 'apology') "
	    "UNION ALL SELECT 1, seq, agency_id, COALESCE(taken_by, 0), "
	    "started_at, finished_at, outcome FROM dossier_steps "
	    "WHERE dossier_id = ? AND finished_at IS NOT NULL "
	    "AND started_at IS NOT NULL ORDER BY kind, o",
	[STMT_MEMO_PUT] = "INSERT INTO stats_memo (dossier_id, entries) "
	    "VALUES (?, ?) ON DUPLICATE KEY UPDATE entries = VALUES(entries)",
	[STMT_MEMO_DEL] = "DELETE FROM stats_memo WHERE dossier_id = ?",
	/*
	 * The amounts of one recount, one statement per table: a JSON array
	 * of rows (stats_rows()), keys summed already.
	 */
	[STMT_DAY_ADD] = "INSERT INTO stats_day (day, agency_id, "
	    "procedure_id, channel, metric, n) "
	    "SELECT j.jday, j.jk0, j.jk1, j.jk2, j.jk3, j.jn FROM JSON_TABLE(?, "
	    "'$[*]' COLUMNS (jday DATE PATH '$[0]', jk0 BIGINT PATH '$[1]', "
	    "jk1 BIGINT PATH '$[2]', jk2 BIGINT PATH '$[3]', "
	    "jk3 BIGINT PATH '$[4]', jn BIGINT PATH '$[5]')) j "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
	[STMT_MONTH_ADD] = "INSERT INTO stats_month (month, agency_id, "
	    "procedure_id, channel, metric, n) "
	    "SELECT DATE_FORMAT(j.jday, '%Y-%m-01'), j.jk0, j.jk1, j.jk2, "
	    "j.jk3, j.jn FROM JSON_TABLE(?, "
	    "'$[*]' COLUMNS (jday DATE PATH '$[0]', jk0 BIGINT PATH '$[1]', "
	    "jk1 BIGINT PATH '$[2]', jk2 BIGINT PATH '$[3]', "
	    "jk3 BIGINT PATH '$[4]', jn BIGINT PATH '$[5]')) j "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
	[STMT_OFFICER_ADD] = "INSERT INTO stats_officer (day, officer_id, "
	    "agency_id, metric, n) "
	    "SELECT j.jday, j.jk0, j.jk1, j.jk2, j.jn FROM JSON_TABLE(?, "
	    "'$[*]' COLUMNS (jday DATE PATH '$[0]', jk0 BIGINT PATH '$[1]', "
	    "jk1 BIGINT PATH '$[2]', jk2 BIGINT PATH '$[3]', "
	    "jn BIGINT PATH '$[5]')) j "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
	[STMT_STEP_ADD] = "INSERT INTO stats_step (procedure_id, agency_id, "
	    "seq, bucket, n) "
	    "SELECT j.jk0, j.jk1, j.jk2, j.jk3, j.jn FROM JSON_TABLE(?, "
	    "'$[*]' COLUMNS (jk0 BIGINT PATH '$[1]', jk1 BIGINT PATH '$[2]', "
	    "jk2 BIGINT PATH '$[3]', jk3 BIGINT PATH '$[4]', "
	    "jn BIGINT PATH '$[5]')) j "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
	[STMT_REMAIN_ADD] = "INSERT INTO stats_remain (procedure_id, "
	    "agency_id, seq, bucket, n) "
	    "SELECT j.jk0, j.jk1, j.jk2, j.jk3, j.jn FROM JSON_TABLE(?, "
	    "'$[*]' COLUMNS (jk0 BIGINT PATH '$[1]', jk1 BIGINT PATH '$[2]', "
	    "jk2 BIGINT PATH '$[3]', jk3 BIGINT PATH '$[4]', "
	    "jn BIGINT PATH '$[5]')) j "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
	[STMT_REMAIN_GET] = "SELECT bucket, n FROM stats_remain "
	    "WHERE procedure_id = ? AND agency_id = ? AND seq = ? AND n > 0 "
	    "ORDER BY bucket",
	[STMT_IDS] = "SELECT id FROM dossiers WHERE id > ? ORDER BY id "
	    "LIMIT 1000",
	[STMT_CLEAR_DAY] = "DELETE FROM stats_day",
	[STMT_CLEAR_MONTH] = "DELETE FROM stats_month",
	[STMT_CLEAR_OFFICER] = "DELETE FROM stats_officer",
	[STMT_CLEAR_STEP] = "DELETE FROM stats_step",
	[STMT_CLEAR_REMAIN] = "DELETE FROM stats_remain",
	[STMT_CLEAR_MEMO] = "DELETE FROM stats_memo",
	[STMT_CLEAR_OPEN] = "DELETE FROM stats_open",
	[STMT_CLEAR_OPEN_MONTHS] = "DELETE FROM stats_open_months",
	/* A stock's delta on a day: into the balance of each later month. */
	/*
	 * Stocks' deltas on their days (rows as for STMT_DAY_ADD): into the
	 * balance of each later month.
	 */
	[STMT_OPEN_ADD] = "INSERT INTO stats_open (month, agency_id, "
	    "procedure_id, channel, metric, n) "
	    "SELECT m.month, j.jk0, j.jk1, j.jk2, j.jk3, j.jn FROM JSON_TABLE(?, "
	    "'$[*]' COLUMNS (jday DATE PATH '$[0]', jk0 BIGINT PATH '$[1]', "
	    "jk1 BIGINT PATH '$[2]', jk2 BIGINT PATH '$[3]', "
	    "jk3 BIGINT PATH '$[4]', jn BIGINT PATH '$[5]')) j, "
	    "stats_open_months m WHERE m.month > j.jday "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
	/* The latest month with balances at or before a month start. */
	[STMT_OPEN_BASE] = "SELECT COALESCE(MAX(month), '1000-01-01') "
	    "FROM stats_open_months WHERE month <= ?",
	[STMT_MONTHS_LAST] = "SELECT MAX(month) FROM stats_open_months "
	    "FOR UPDATE",
	[STMT_MONTHS_FIRST] = "SELECT DATE_FORMAT(MIN(month), '%Y-%m-01') "
	    "FROM stats_month",
	/* The balances of the month after ? from those of ? and its deltas. */
	[STMT_OPEN_CLOSE] = "INSERT INTO stats_open (month, agency_id, "
	    "procedure_id, channel, metric, n) "
	    "SELECT ? + INTERVAL 1 MONTH, agency_id, procedure_id, channel, "
	    "metric, SUM(n) FROM (SELECT agency_id, procedure_id, channel, "
	    "metric, n FROM stats_open WHERE month = ? "
	    "UNION ALL SELECT agency_id, procedure_id, channel, metric, n "
	    "FROM stats_month WHERE month = ? AND metric IN (2, 3)) x "
	    "GROUP BY agency_id, procedure_id, channel, metric "
	    "HAVING SUM(n) <> 0",
	[STMT_MONTHS_ADD] = "INSERT INTO stats_open_months (month) VALUES (?)",
	/*
	 * Flows within [from, to] (whole months from stats_month, the
	 * edges from stats_day) and the stocks before from: the balances
	 * at the start of a month (stats_open, the latest listed at or
	 * before from's month) and the deltas after it; the arguments in
	 * report_query().
	 */
	[STMT_REPORT] = "WITH RECURSIVE sub (id) AS (SELECT id FROM agencies "
	    "WHERE id = ? UNION SELECT a.id FROM agencies a "
	    "JOIN sub ON a.parent_id = sub.id OR a.successor_id = sub.id) "
	    "SELECT t.k, t.ch, t.metric, t.b, t.w, "
	    "CASE t.g WHEN 1 THEN ag.name WHEN 2 THEN pr.name "
	    "WHEN 3 THEN f.name END, "
	    "CASE t.g WHEN 1 THEN ag.name_en WHEN 3 THEN f.name_en END "
	    "FROM (SELECT ? AS g, CASE ? WHEN 1 THEN s.agency_id "
	    "WHEN 2 THEN s.procedure_id WHEN 3 THEN p.field_id "
	    "WHEN 4 THEN s.channel "
	    "ELSE CAST(DATE_FORMAT(s.day, '%Y%m') AS UNSIGNED) END AS k, "
	    "s.channel AS ch, s.metric, SUM(s.b) AS b, SUM(s.w) AS w FROM ("
	    "SELECT agency_id, procedure_id, channel, metric, month AS day, "
	    "0 AS b, n AS w FROM stats_month WHERE month >= ? AND month < ? "
	    REPORT_FILTER
	    "UNION ALL SELECT agency_id, procedure_id, channel, metric, day, "
	    "0, n FROM stats_day WHERE day BETWEEN ? AND ? "
	    "AND (day < ? OR day >= ?) " REPORT_FILTER
	    "UNION ALL SELECT agency_id, procedure_id, channel, metric, "
	    "month, n, 0 FROM stats_open WHERE month = ? " REPORT_FILTER
	    "UNION ALL SELECT agency_id, procedure_id, channel, metric, "
	    "month, n, 0 FROM stats_month WHERE metric IN (2, 3) "
	    "AND month >= ? AND month < ? " REPORT_FILTER
	    "UNION ALL SELECT agency_id, procedure_id, channel, metric, day, "
	    "n, 0 FROM stats_day WHERE metric IN (2, 3) AND day >= ? "
	    "AND day < ? " REPORT_FILTER
	    ") s JOIN procedures p ON p.id = s.procedure_id "
	    "WHERE (? = 0 OR p.field_id = ?) GROUP BY k, ch, s.metric) t "
	    "LEFT JOIN agencies ag ON t.g = 1 AND ag.id = t.k "
	    "LEFT JOIN procedures pr ON t.g = 2 AND pr.id = t.k "
	    "LEFT JOIN fields f ON t.g = 3 AND f.id = t.k",
};
/* clang-format on */

/* clang-format off */
static const char *const col_names[SC__MAX] = {
	[SC_CARRIED] = "carried", [SC_NEW_ONLINE] = "new_online",
	[SC_NEW_COUNTER] = "new_counter", [SC_NEW_POST] = "new_post",
	[SC_RECEIVED] = "received", [SC_EARLY] = "early",
	[SC_ONTIME] = "ontime", [SC_LATE] = "late",
	[SC_RESOLVED] = "resolved", [SC_PENDING_INTIME] = "pending_intime",
	[SC_PENDING_OVERDUE] = "pending_overdue", [SC_PENDING] = "pending",
	[SC_WITHDRAWN] = "withdrawn", [SC_REFUSED] = "refused",
	[SC_STOPPED] = "stopped", [SC_SUPPLEMENTS] = "supplements",
	[SC_APOLOGIES] = "apologies", [SC_RETURNED] = "returned",
	[SC_RETURNED_ONLINE] = "returned_online",
	[SC_AVG_MINUTES] = "avg_minutes", [SC_P90_HOURS] = "p90_hours",
};
/* clang-format on */

const char *
mc_stats_col_name(enum mc_stats_col c)
{
	return c < SC__MAX ? col_names[c] : "";
}

/*
 * One counted amount: which table ('D' day, 'O' officer, 'S' step, 'R'
 * remaining time after a step).
 */
struct entry {
	char	  tag;
	char	  day[11]; /* "YYYY-MM-DD"; "" for steps */
	long long k[4];
	long long n;
};

struct entries {
	struct entry e[MAX_ENTRIES];
	size_t	     n;
	int	     full; /* too many: the dossier is left as counted */
};

long
mc_stats_bucket(long minutes)
{
	long h = (minutes + 59) / 60;

	if (h < 1)
		return 1;
	if (h <= 40)
		return h;
	if (h <= 400)
		return (h + 7) / 8 * 8;
	if (h <= 8000)
		return (h + 79) / 80 * 80;
	return 8000;
}

static void
add(struct entries *es, char tag, const char *day, long long k0, long long k1,
    long long k2, long long k3, long long n)
{
	struct entry *e;

	if (n == 0)
		return;
	if (es->n == MAX_ENTRIES) {
		es->full = 1;
		return;
	}
	e = &es->e[es->n++];
	e->tag = tag;
	snprintf(e->day, sizeof(e->day), "%.10s", day ? day : "");
	e->k[0] = k0;
	e->k[1] = k1;
	e->k[2] = k2;
	e->k[3] = k3;
	e->n = n;
}

/* The local day "YYYY-MM-DD" after the day of t (a DATETIME string). */
static void
next_day(const char *t, char out[11])
{
	struct tm tm;
	time_t	  x;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(t, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) !=
	    3) {
		out[0] = '\0';
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += 1;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	x = mktime(&tm);
	localtime_r(&x, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int
is_final(int status)
{
	return status == 3 || status == 7 || status == 8 || status == 10;
}

/* The dossier's resolution and stocks (the 'D' entries of its row). */
static void
count_row(const struct mc_rows *d, struct entries *es)
{
	int	    status = (int)mc_rows_int(d, 0, C_STATUS);
	long long   ag = mc_rows_int(d, 0, C_AGENCY);
	long long   pr = mc_rows_int(d, 0, C_PROCEDURE);
	long long   ch = mc_rows_int(d, 0, C_CHANNEL);
	const char *sub = mc_rows_str(d, 0, C_SUBMITTED);
	const char *rec = mc_rows_str(d, 0, C_RECEIVED);
	const char *fin = mc_rows_str(d, 0, C_FINISHED);
	const char *ret = mc_rows_str(d, 0, C_RETURNED);
	const char *due = mc_rows_str(d, 0, C_ORIGINAL_DUE);
	const char *close = NULL;
	char	    od[11];
	long	    minutes;
	time_t	    f, u;
	int	    m = 0;

	if (due == NULL)
		due = mc_rows_str(d, 0, C_DUE);
	add(es, 'D', sub, ag, pr, ch, STM_RECEIVED, 1);
	add(es, 'D', sub, ag, pr, ch, STM_OPEN, 1);
	if (rec != NULL)
		add(es, 'D', rec, ag, pr, ch, STM_ACCEPTED, 1);
	if (fin != NULL && (status == 3 || status == 7 || status == 8))
		m = status == 3 ? STM_REFUSED :
		    status == 7 ? STM_WITHDRAWN :
				  STM_STOPPED;
	if (m != 0) {
		add(es, 'D', fin, ag, pr, ch, m, 1);
		close = fin;
	} else if (fin != NULL && (status == 9 || status == 10)) {
		close = fin;
		f = mc_time_parse(fin);
		u = due != NULL ? mc_time_parse(due) : 0;
		m = STM_ONTIME;
		if (u != 0 && f > u)
			m = STM_LATE;
		else if (u != 0 && strncmp(fin, due, 10) < 0)
			m = STM_EARLY;
		add(es, 'D', fin, ag, pr, ch, m, 1);
		minutes = mc_calendar_work_minutes(
		    mc_time_parse(rec != NULL ? rec : sub), f);
		minutes -= (long)mc_rows_int(d, 0, C_PAUSED_MIN);
		if (minutes < 0)
			minutes = 0;
		add(es, 'D', fin, ag, pr, ch, STM_MINUTES, minutes);
		add(es, 'D', fin, ag, pr, ch,
		    STM_HIST + mc_stats_bucket(minutes), 1);
	}
	if (close != NULL)
		add(es, 'D', close, ag, pr, ch, STM_OPEN, -1);
	if (ret != NULL && status == 10) {
		add(es, 'D', ret, ag, pr, ch, STM_RETURNED, 1);
		if (mc_rows_int(d, 0, C_RETURN_METHOD) == 2)
			add(es, 'D', ret, ag, pr, ch, STM_RETURNED_ONLINE, 1);
	}
	if (due == NULL)
		return;
	next_day(due, od);
	if (od[0] == '\0')
		return;
	if (close == NULL) {
		/* Waiting for a supplement, the clock is stopped. */
		if (status != 5)
			add(es, 'D', od, ag, pr, ch, STM_OVERDUE, 1);
	} else if (strncmp(close, od, 10) > 0) {
		add(es, 'D', od, ag, pr, ch, STM_OVERDUE, 1);
		add(es, 'D', close, ag, pr, ch, STM_OVERDUE, -1);
	}
}

/*
 * Decision 766's digitisation and payments (the C_FILES, C_RESULTS and
 * C_PAID columns of the row d): the dossier received with a file,
 * resolved with an electronic result, its payment confirmed (online when
 * it was filed online).
 */
static void
count_digital(const struct mc_rows *d, struct entries *es)
{
	int	    status = (int)mc_rows_int(d, 0, C_STATUS);
	long long   ag = mc_rows_int(d, 0, C_AGENCY);
	long long   pr = mc_rows_int(d, 0, C_PROCEDURE);
	long long   ch = mc_rows_int(d, 0, C_CHANNEL);
	const char *fin = mc_rows_str(d, 0, C_FINISHED);
	const char *paid;

	if (mc_rows_int(d, 0, C_FILES) > 0)
		add(es, 'D', mc_rows_str(d, 0, C_SUBMITTED), ag, pr, ch,
		    STM_DIGITISED, 1);
	if (mc_rows_int(d, 0, C_RESULTS) > 0 && fin != NULL &&
	    (status == 9 || status == 10))
		add(es, 'D', fin, ag, pr, ch, STM_RESULT_DIGITAL, 1);
	if ((paid = mc_rows_str(d, 0, C_PAID)) == NULL)
		return;
	add(es, 'D', paid, ag, pr, ch, STM_PAID, 1);
	if (ch == 2)
		add(es, 'D', paid, ag, pr, ch, STM_PAID_ONLINE, 1);
}

/*
 * A finished step's amounts (row i of STMT_HISTORY's h): its time, the
 * time from it to the result (fin: the dossier resolved then, else 0),
 * its officer's.
 */
static void
count_step(const struct mc_rows *h, size_t i, long long pr, time_t fin,
    struct entries *es)
{
	long long ag = mc_rows_int(h, i, H_A),
		  seq = mc_rows_int(h, i, H_ORDER);
	long long   off;
	const char *done = mc_rows_str(h, i, H_FINISHED), *out;
	time_t	    begun = mc_time_parse(mc_rows_str(h, i, H_STARTED));
	long	    minutes;
	int	    m;

	minutes = mc_calendar_work_minutes(begun, mc_time_parse(done));
	add(es, 'S', NULL, pr, ag, seq, mc_stats_bucket(minutes), 1);
	/*
	 * Resolved: the time from each step before it to the result, the
	 * step decided in the same second too (0 minutes); not the steps
	 * after it (the return).
	 */
	if (fin != 0 && begun != 0 && begun <= fin &&
	    mc_time_parse(done) <= fin)
		add(es, 'R', NULL, pr, ag, seq,
		    mc_stats_bucket(mc_calendar_work_minutes(begun, fin)), 1);
	if ((off = mc_rows_int(h, i, H_B)) == 0)
		return;
	out = mc_rows_str(h, i, H_OUTCOME);
	m = out == NULL		       ? 0 :
	    strcmp(out, "early") == 0  ? STO_EARLY :
	    strcmp(out, "ontime") == 0 ? STO_ONTIME :
					 STO_LATE;
	add(es, 'O', done, off, ag, STO_STEPS, 0, 1);
	if (m != 0)
		add(es, 'O', done, off, ag, m, 0, 1);
	add(es, 'O', done, off, ag, STO_MINUTES, 0, minutes);
}

/*
 * The whole contribution of the dossier; *status its status, *memo what
 * was last counted (NULL: nothing). Two reads: its row, its history.
 */
static int
count_dossier(struct mc_db *db, struct mc_arena *a, long long id,
    struct entries *es, int *status, int *found, const char **memo)
{
	struct mc_rows d, h;
	long long      ag, pr, ch;
	time_t	       fin;
	size_t	       i;

	es->n = 0;
	es->full = 0;
	*found = 0;
	if (mc_db_query(db, a, &d, stmts[STMT_DOSSIER], "i", id) < 0)
		return -1;
	if (d.n == 0)
		return 0;
	if (d.ncols != C__MAX) {
		mc_err("dossier row has %zu columns", d.ncols);
		return -1;
	}
	if (mc_db_query(db, a, &h, stmts[STMT_HISTORY], "ii", id, id) < 0)
		return -1;
	if (h.n > 0 && h.ncols != H__MAX) {
		mc_err("dossier history has %zu columns", h.ncols);
		return -1;
	}
	*found = 1;
	*status = (int)mc_rows_int(&d, 0, C_STATUS);
	*memo = mc_rows_str(&d, 0, C_MEMO);
	ag = mc_rows_int(&d, 0, C_AGENCY);
	pr = mc_rows_int(&d, 0, C_PROCEDURE);
	ch = mc_rows_int(&d, 0, C_CHANNEL);
	count_row(&d, es);
	count_digital(&d, es);
	fin = *status == 9 || *status == 10 ?
	    mc_time_parse(mc_rows_str(&d, 0, C_FINISHED)) :
	    0;
	for (i = 0; i < h.n; i++)
		if (mc_rows_int(&h, i, H_KIND) == 0)
			add(es, 'D', mc_rows_str(&h, i, H_B), ag, pr, ch,
			    strcmp(mc_rows_str(&h, i, H_A), "apology") == 0 ?
				STM_APOLOGIES :
				STM_SUPPLEMENTS,
			    1);
		else
			count_step(&h, i, pr, fin, es);
	return 0;
}

static int
entry_cmp(const void *x, const void *y)
{
	const struct entry *p = x, *q = y;
	int		    c, i;

	if (p->tag != q->tag)
		return p->tag < q->tag ? -1 : 1;
	if ((c = strcmp(p->day, q->day)) != 0)
		return c;
	for (i = 0; i < 4; i++)
		if (p->k[i] != q->k[i])
			return p->k[i] < q->k[i] ? -1 : 1;
	return 0;
}

/* Parses a memo ("T day k0 k1 k2 k3 n" lines) into es, negated. */
static void
memo_parse(const char *s, struct entries *es)
{
	struct entry e;
	char	     day[16];
	int	     used;

	while (s != NULL && *s != '\0') {
		memset(&e, 0, sizeof(e));
		if (sscanf(s, "%c %15s %lld %lld %lld %lld %lld%n", &e.tag,
			day, &e.k[0], &e.k[1], &e.k[2], &e.k[3], &e.n,
			&used) != 7)
			break;
		add(es, e.tag, strcmp(day, "-") == 0 ? "" : day, e.k[0],
		    e.k[1], e.k[2], e.k[3], -e.n);
		s += used;
		while (*s == '\n' || *s == ' ')
			s++;
	}
}

/* The tables a recount writes, one statement each (stats_rows()). */
enum table { T_DAY, T_OPEN, T_OFFICER, T_STEP, T_REMAIN, T__MAX };

static const enum stmt table_stmt[T__MAX] = {
	[T_DAY] = STMT_DAY_ADD,
	[T_OPEN] = STMT_OPEN_ADD,
	[T_OFFICER] = STMT_OFFICER_ADD,
	[T_STEP] = STMT_STEP_ADD,
	[T_REMAIN] = STMT_REMAIN_ADD,
};

/* 1 if day is "" or made of digits and dashes (safe in a JSON string). */
static int
day_plain(const char *day)
{
	for (; *day != '\0'; day++)
		if (!(*day >= '0' && *day <= '9') && *day != '-')
			return 0;
	return 1;
}

/* Appends the entry as a row [day, k0, k1, k2, k3, n] to b's array. */
static int
row_add(struct buf *b, const struct entry *e)
{
	return mc_buf_addf(b, "%c[\"%s\",%lld,%lld,%lld,%lld,%lld]",
	    b->len == 0 ? '[' : ',', e->day, e->k[0], e->k[1], e->k[2],
	    e->k[3], e->n);
}

/*
 * Writes the summed entries es (sorted, no key twice, none zero): one
 * statement per table, each row added to its key's count (a day's to its
 * month's too; a stock's delta to the balances of the months after it).
 */
static int
stats_rows(struct mc_db *db, const struct entries *es)
{
	struct buf  b[T__MAX];
	const char *sql;
	size_t	    i;
	int	    t, rc = 0;

	for (t = 0; t < T__MAX; t++)
		mc_buf_init(&b[t], MEMO_MAX);
	for (i = 0; i < es->n && rc == 0; i++) {
		const struct entry *e = &es->e[i];

		if (!day_plain(e->day))
			rc = -1;
		else if (e->tag == 'D')
			rc = row_add(&b[T_DAY], e) < 0 ||
				(e->k[3] == STM_OPEN ||
					    e->k[3] == STM_OVERDUE ?
					row_add(&b[T_OPEN], e) :
					0) < 0 ?
			    -1 :
			    0;
		else if (e->tag == 'O' || e->tag == 'S' || e->tag == 'R')
			rc = row_add(&b[e->tag == 'O'	   ? T_OFFICER :
					     e->tag == 'S' ? T_STEP :
							     T_REMAIN],
			    e);
	}
	if (rc < 0)
		mc_err("stats: %zu entries do not fit one statement", es->n);
	for (t = 0; t < T__MAX && rc == 0; t++) {
		if (b[t].len == 0 || mc_buf_addc(&b[t], ']') < 0) {
			rc = b[t].len == 0 ? 0 : -1;
			continue;
		}
		sql = stmts[table_stmt[t]];
		if (mc_db_exec(db, sql, "s", b[t].s) < 0 ||
		    (t == T_DAY &&
			mc_db_exec(db, stmts[STMT_MONTH_ADD], "s", b[t].s) <
			    0))
			rc = -1;
	}
	for (t = 0; t < T__MAX; t++)
		mc_buf_free(&b[t]);
	return rc;
}

/*
 * Recounts the dossier: live (rebuilding 0) a final dossier never
 * counted is left alone; rebuilding, every dossier counts.
 */
static int
recount(struct mc_db *db, struct mc_arena *a, long long id, int rebuilding)
{
	static struct entries now, diff, sums;
	const char	     *memo = NULL;
	struct buf	      b;
	size_t		      i, j;
	int		      status = 0, found, rc;

	if (count_dossier(db, a, id, &now, &status, &found, &memo) < 0)
		return -1;
	if (!found)
		return 0;
	if (now.full) {
		mc_err("dossier %lld has too many entries", id);
		return -1;
	}
	diff.n = 0;
	diff.full = 0;
	if (!rebuilding) {
		if (memo == NULL && is_final(status))
			return 0;
		if (memo != NULL)
			memo_parse(memo, &diff);
	}
	for (i = 0; i < now.n; i++)
		add(&diff, now.e[i].tag, now.e[i].day, now.e[i].k[0],
		    now.e[i].k[1], now.e[i].k[2], now.e[i].k[3], now.e[i].n);
	if (diff.full)
		return -1;
	/* Same keys together, applied in one order (fewer deadlocks). */
	qsort(diff.e, diff.n, sizeof(diff.e[0]), entry_cmp);
	sums.n = 0;
	for (i = 0; i < diff.n; i = j) {
		struct entry sum = diff.e[i];

		for (j = i + 1; j < diff.n && entry_cmp(&diff.e[j], &sum) == 0;
		     j++)
			sum.n += diff.e[j].n;
		if (sum.n != 0)
			sums.e[sums.n++] = sum;
	}
	if (stats_rows(db, &sums) < 0)
		return -1;
	if (is_final(status))
		return rebuilding ?
		    0 :
		    (mc_db_exec(db, stmts[STMT_MEMO_DEL], "i", id) < 0 ? -1 :
									 0);
	mc_buf_init(&b, MEMO_MAX);
	for (i = 0; i < now.n; i++)
		if (mc_buf_addf(&b, "%c %s %lld %lld %lld %lld %lld\n",
			now.e[i].tag, now.e[i].day[0] ? now.e[i].day : "-",
			now.e[i].k[0], now.e[i].k[1], now.e[i].k[2],
			now.e[i].k[3], now.e[i].n) < 0) {
			mc_err("memo of dossier %lld too long", id);
			mc_buf_free(&b);
			return -1;
		}
	rc = mc_db_exec(db, stmts[STMT_MEMO_PUT], "is", id,
		 b.s != NULL ? b.s : "") < 0 ?
	    -1 :
	    0;
	mc_buf_free(&b);
	return rc;
}

int
mc_stats_dossier(struct mc_db *db, struct mc_arena *a, long long id)
{
	return recount(db, a, id, 0);
}

struct batch {
	struct mc_arena *a;
	struct mc_rows	*ids;
};

static int
batch_tx(struct mc_db *db, void *arg)
{
	struct batch *b = arg;
	size_t	      i;

	for (i = 0; i < b->ids->n; i++)
		if (recount(db, b->a, mc_rows_int(b->ids, i, 0), 1) < 0)
			return -1;
	return 0;
}

int
mc_stats_rebuild(struct mc_db *db, struct mc_arena *a, long long *count)
{
	struct mc_rows ids;
	struct batch   b = { .a = a, .ids = &ids };
	long long      last = 0;
	int	       s;

	*count = 0;
	for (s = STMT_CLEAR_DAY; s <= STMT_CLEAR_OPEN_MONTHS; s++)
		if (mc_db_exec(db, stmts[s], "") < 0)
			return -1;
	for (;;) {
		mc_arena_reset(a);
		if (mc_db_query(db, a, &ids, stmts[STMT_IDS], "i", last) < 0)
			return -1;
		if (ids.n == 0)
			return mc_stats_close_months(db, a, time(NULL), 0) <
				    0 ||
				mc_stats_ratings_rebuild(db) < 0 ?
			    -1 :
			    0;
		if (mc_db_tx(db, batch_tx, &b) != 0)
			return -1;
		last = mc_rows_int(&ids, ids.n - 1, 0);
		*count += (long long)ids.n;
	}
}

struct close_arg {
	struct mc_arena *a;
	char		 target[11]; /* the current month's first day */
	int		 added;	     /* 1 a month listed, 0 none left */
};

/* Lists the next month (with its balances) if it is not after target. */
static int
close_tx(struct mc_db *db, void *arg)
{
	struct close_arg *c = arg;
	struct mc_rows	  r;
	const char	 *last;
	char		  next[11];
	int		  y, m;

	c->added = 0;
	if (mc_db_query(db, c->a, &r, stmts[STMT_MONTHS_LAST], "") < 0)
		return -1;
	if (r.n != 1 || (last = mc_rows_str(&r, 0, 0)) == NULL) {
		/* None yet: the history's first month, nothing before it. */
		if (mc_db_query(db, c->a, &r, stmts[STMT_MONTHS_FIRST], "") <
		    0)
			return -1;
		if (r.n != 1 || (last = mc_rows_str(&r, 0, 0)) == NULL ||
		    strcmp(last, c->target) > 0)
			return 0;
		c->added = 1;
		return mc_db_exec(db, stmts[STMT_MONTHS_ADD], "s", last) < 0 ?
		    -1 :
		    0;
	}
	if (strncmp(last, c->target, 10) >= 0 ||
	    sscanf(last, "%4d-%2d", &y, &m) != 2 || y < 1000 || y > 9998 ||
	    m < 1 || m > 12)
		return 0;
	snprintf(next, sizeof(next), "%04d-%02d-01", m == 12 ? y + 1 : y,
	    m == 12 ? 1 : m + 1);
	if (mc_db_exec(db, stmts[STMT_OPEN_CLOSE], "sss", last, last, last) <
		0 ||
	    mc_db_exec(db, stmts[STMT_MONTHS_ADD], "s", next) < 0)
		return -1;
	c->added = 1;
	return 0;
}

int
mc_stats_close_months(struct mc_db *db, struct mc_arena *a, time_t now,
    int max)
{
	struct close_arg c = { .a = a };
	struct tm	 tm;
	int		 n = 0;

	localtime_r(&now, &tm);
	strftime(c.target, sizeof(c.target), "%Y-%m-01", &tm);
	while (max <= 0 || n < max) {
		if (mc_db_tx(db, close_tx, &c) != 0)
			return -1;
		if (!c.added)
			break;
		n++;
	}
	return n;
}

int
mc_stats_open_reset(struct mc_db *db)
{
	return mc_db_exec(db, stmts[STMT_CLEAR_OPEN], "") < 0 ||
		mc_db_exec(db, stmts[STMT_CLEAR_OPEN_MONTHS], "") < 0 ?
	    -1 :
	    0;
}

#define NHIST 200

/* The index of a bucket (mc_stats_bucket's value) in a row's histogram. */
static int
hist_index(long h)
{
	if (h <= 40)
		return (int)h;
	if (h <= 400)
		return 40 + (int)((h - 40) / 8);
	if (h <= 8000)
		return 85 + (int)((h - 400) / 80);
	return NHIST - 1;
}

static long
hist_hours(int i)
{
	if (i <= 40)
		return i;
	if (i <= 85)
		return 40 + (long)(i - 40) * 8;
	return 400 + (long)(i - 85) * 80;
}

struct acc {
	struct mc_stats_row row;
	long long	    b_open, w_open, b_over, w_over, minutes;
	long long	    hist[NHIST];
};

static void
date_of(const char *s, struct tm *tm)
{
	memset(tm, 0, sizeof(*tm));
	sscanf(s, "%4d-%2d-%2d", &tm->tm_year, &tm->tm_mon, &tm->tm_mday);
	tm->tm_year -= 1900;
	tm->tm_mon -= 1;
	tm->tm_hour = 12;
	tm->tm_isdst = -1;
}

/* The month bounds of the period: fm, lm (whole months), ms. */
static void
month_bounds(const char *from, const char *to, char fm[11], char lm[11],
    char ms[11])
{
	struct tm tm;
	time_t	  t;

	date_of(from, &tm);
	snprintf(ms, 11, "%04d-%02d-01", tm.tm_year + 1900, tm.tm_mon + 1);
	if (tm.tm_mday != 1) {
		tm.tm_mday = 1;
		tm.tm_mon += 1;
	}
	t = mktime(&tm);
	localtime_r(&t, &tm);
	strftime(fm, 11, "%Y-%m-01", &tm);
	date_of(to, &tm);
	tm.tm_mday += 1;
	t = mktime(&tm);
	localtime_r(&t, &tm);
	strftime(lm, 11, "%Y-%m-01", &tm);
}

void
mc_stats_month_bounds(const char *from, const char *to, char fm[11],
    char lm[11])
{
	char ms[11];

	month_bounds(from, to, fm, lm, ms);
}

static int
report_query(struct mc_db *db, struct mc_arena *a,
    const struct mc_stats_filter *f, enum mc_stats_by by, struct mc_rows *out)
{
	char	       fm[11], lm[11], ms[11];
	long long      ag = f->agency, pr = f->procedure_id, ch = f->channel;
	long long      fi = f->field_id, g = by;
	struct mc_rows base;
	const char    *bm;

	month_bounds(f->from, f->to, fm, lm, ms);
	if (mc_db_query(db, a, &base, stmts[STMT_OPEN_BASE], "s", ms) < 0 ||
	    base.n != 1 || (bm = mc_rows_str(&base, 0, 0)) == NULL)
		return -1;
	if (mc_db_query(db, a, out, stmts[STMT_REPORT],
		"iii"
		"ssiiiii"
		"ssssiiiii"
		"siiiii"
		"ssiiiii"
		"ssiiiii"
		"ii",
		ag, g, g, fm, lm, ag, pr, pr, ch, ch, f->from, f->to, fm, lm,
		ag, pr, pr, ch, ch, bm, ag, pr, pr, ch, ch, bm, ms, ag, pr, pr,
		ch, ch, ms, f->from, ag, pr, pr, ch, ch, fi, fi) < 0)
		return -1;
	if (out->n > 0 && out->ncols != R__MAX) {
		mc_err("report row has %zu columns", out->ncols);
		return -1;
	}
	return 0;
}

static void
acc_add(struct acc *x, const struct mc_rows *r, size_t i)
{
	long long  m = mc_rows_int(r, i, R_METRIC);
	long long  b = mc_rows_int(r, i, R_BEFORE);
	long long  w = mc_rows_int(r, i, R_WITHIN);
	long long *v = x->row.v;

	if (m >= STM_HIST) {
		x->hist[hist_index((long)(m - STM_HIST))] += w;
		return;
	}
	switch (m) {
	case STM_OPEN:
		x->b_open += b;
		x->w_open += w;
		break;
	case STM_OVERDUE:
		x->b_over += b;
		x->w_over += w;
		break;
	case STM_RECEIVED:
		switch (mc_rows_int(r, i, R_CHANNEL)) {
		case 2:
			v[SC_NEW_ONLINE] += w;
			break;
		case 3:
			v[SC_NEW_POST] += w;
			break;
		default:
			v[SC_NEW_COUNTER] += w;
		}
		break;
	case STM_REFUSED:
		v[SC_REFUSED] += w;
		break;
	case STM_WITHDRAWN:
		v[SC_WITHDRAWN] += w;
		break;
	case STM_STOPPED:
		v[SC_STOPPED] += w;
		break;
	case STM_EARLY:
		v[SC_EARLY] += w;
		break;
	case STM_ONTIME:
		v[SC_ONTIME] += w;
		break;
	case STM_LATE:
		v[SC_LATE] += w;
		break;
	case STM_MINUTES:
		x->minutes += w;
		break;
	case STM_SUPPLEMENTS:
		v[SC_SUPPLEMENTS] += w;
		break;
	case STM_APOLOGIES:
		v[SC_APOLOGIES] += w;
		break;
	case STM_RETURNED:
		v[SC_RETURNED] += w;
		break;
	case STM_RETURNED_ONLINE:
		v[SC_RETURNED_ONLINE] += w;
		break;
	default:
		break;
	}
}

/* The derived columns of an accumulated row. */
static void
acc_finish(struct acc *x)
{
	long long *v = x->row.v, total = 0, seen = 0;
	int	   i;

	v[SC_CARRIED] = x->b_open;
	v[SC_RECEIVED] = v[SC_CARRIED] + v[SC_NEW_ONLINE] + v[SC_NEW_COUNTER] +
	    v[SC_NEW_POST];
	v[SC_RESOLVED] = v[SC_EARLY] + v[SC_ONTIME] + v[SC_LATE];
	v[SC_PENDING] = x->b_open + x->w_open;
	v[SC_PENDING_OVERDUE] = x->b_over + x->w_over;
	v[SC_PENDING_INTIME] = v[SC_PENDING] - v[SC_PENDING_OVERDUE];
	v[SC_AVG_MINUTES] = v[SC_RESOLVED] > 0 ?
	    (x->minutes + v[SC_RESOLVED] / 2) / v[SC_RESOLVED] :
	    0;
	for (i = 0; i < NHIST; i++)
		total += x->hist[i];
	v[SC_P90_HOURS] = 0;
	for (i = 0; i < NHIST && total > 0; i++) {
		seen += x->hist[i];
		if (seen * 10 >= total * 9) {
			v[SC_P90_HOURS] = hist_hours(i);
			break;
		}
	}
}

static void
acc_merge(struct acc *to, const struct acc *x)
{
	int i;

	for (i = 0; i < SC__MAX; i++)
		to->row.v[i] += x->row.v[i];
	to->b_open += x->b_open;
	to->w_open += x->w_open;
	to->b_over += x->b_over;
	to->w_over += x->w_over;
	to->minutes += x->minutes;
	for (i = 0; i < NHIST; i++)
		to->hist[i] += x->hist[i];
}

static int
row_cmp_received(const void *x, const void *y)
{
	const struct mc_stats_row *p = x, *q = y;

	if (p->v[SC_RECEIVED] != q->v[SC_RECEIVED])
		return p->v[SC_RECEIVED] > q->v[SC_RECEIVED] ? -1 : 1;
	return p->key < q->key ? -1 : p->key > q->key;
}

static int
row_cmp_key(const void *x, const void *y)
{
	const struct mc_stats_row *p = x, *q = y;

	return p->key < q->key ? -1 : p->key > q->key;
}

int
mc_stats_report(struct mc_db *db, struct mc_arena *a,
    const struct mc_stats_filter *f, enum mc_stats_by by,
    struct mc_stats_report *out)
{
	struct mc_rows	      rows;
	struct acc	     *accs, total, before;
	struct mc_units	      units;
	const struct mc_unit *u;
	size_t		      i, j, n = 0;
	long long	      first_month;
	int		      by_month = by == STATS_BY_MONTH;
	int today = by == STATS_BY_AGENCY && !f->units_of_time;

	memset(out, 0, sizeof(*out));
	memset(&units, 0, sizeof(units));
	if (report_query(db, a, f, by, &rows) < 0 ||
	    (today && mc_units_load(db, a, &units) < 0))
		return -1;
	accs = mc_arena_alloc(a, sizeof(*accs) * (rows.n + 1));
	memset(&total, 0, sizeof(total));
	memset(&before, 0, sizeof(before));
	first_month = strtoll(f->from, NULL, 10) * 100 +
	    strtoll(f->from + 5, NULL, 10);
	for (i = 0; i < rows.n; i++) {
		long long   k = mc_rows_int(&rows, i, R_KEY);
		const char *name = mc_rows_str(&rows, i, R_NAME);
		const char *name_en = mc_rows_str(&rows, i, R_NAME_EN);

		/*
		 * Nothing to count (deltas that cancel out): no row, however
		 * the history before the period is summed.
		 */
		if (mc_rows_int(&rows, i, R_BEFORE) == 0 &&
		    mc_rows_int(&rows, i, R_WITHIN) == 0)
			continue;
		/* A dissolved unit's figures in its successor's row. */
		if (today &&
		    (u = mc_units_today(&units, (unsigned int)k)) != NULL) {
			k = u->id;
			name = u->name;
			name_en = u->name_en;
		}

		/* By month, what came before the period is one carry. */
		if (by_month &&
		    (k < first_month ||
			mc_rows_int(&rows, i, R_BEFORE) != 0)) {
			before.b_open += mc_rows_int(&rows, i, R_METRIC) ==
				STM_OPEN ?
			    mc_rows_int(&rows, i, R_BEFORE) :
			    0;
			before.b_over += mc_rows_int(&rows, i, R_METRIC) ==
				STM_OVERDUE ?
			    mc_rows_int(&rows, i, R_BEFORE) :
			    0;
			if (mc_rows_int(&rows, i, R_WITHIN) == 0)
				continue;
		}
		for (j = 0; j < n && accs[j].row.key != k; j++)
			;
		if (j == n) {
			memset(&accs[n], 0, sizeof(accs[n]));
			accs[n].row.key = k;
			accs[n].row.name = name;
			accs[n].row.name_en = name_en;
			n++;
		}
		acc_add(&accs[j], &rows, i);
	}
	if (by_month) {
		/* Drop the before parts counted in acc_add, carry them. */
		long long open = before.b_open, over = before.b_over;

		for (i = 0; i < n; i++)
			accs[i].b_open = accs[i].b_over = 0;
		qsort(accs, n, sizeof(accs[0]), row_cmp_key);
		for (i = 0; i < n; i++) {
			accs[i].b_open = open;
			accs[i].b_over = over;
			open += accs[i].w_open;
			over += accs[i].w_over;
		}
	}
	out->rows = mc_arena_alloc(a, sizeof(*out->rows) * (n + 1));
	for (i = 0; i < n; i++) {
		acc_merge(&total, &accs[i]);
		acc_finish(&accs[i]);
		out->rows[i] = accs[i].row;
	}
	if (by_month) {
		total.b_open = n > 0 ? accs[0].b_open : before.b_open;
		total.b_over = n > 0 ? accs[0].b_over : before.b_over;
	}
	acc_finish(&total);
	total.row.key = 0;
	out->total = total.row;
	out->n = n;
	if (!by_month)
		qsort(out->rows, n, sizeof(out->rows[0]), row_cmp_received);
	return 0;
}

int
mc_stats_pending_at(struct mc_db *db, struct mc_arena *a,
    const struct mc_stats_filter *f, const char *day, long long *pending,
    long long *intime, long long *overdue)
{
	struct mc_stats_filter g = *f;
	struct mc_stats_report r;

	g.from = g.to = day;
	if (mc_stats_report(db, a, &g, STATS_BY_CHANNEL, &r) < 0)
		return -1;
	*pending = r.total.v[SC_PENDING];
	*intime = r.total.v[SC_PENDING_INTIME];
	*overdue = r.total.v[SC_PENDING_OVERDUE];
	return 0;
}

int
mc_stats_expect_hist(const long *bucket, const long long *n, size_t nb,
    long elapsed, time_t started, struct mc_stats_expect *e)
{
	long long cum = 0;
	size_t	  i;
	long	  half = 0, p90 = 0;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < nb; i++) {
		e->n += n[i];
		/* Those still going after this dossier's time so far. */
		if (bucket[i] * 60 > elapsed)
			e->later += n[i];
	}
	if (e->later == 0)
		return 0;
	for (i = 0; i < nb; i++) {
		if (bucket[i] * 60 <= elapsed)
			continue;
		cum += n[i];
		if (half == 0 && cum * 2 >= e->later)
			half = bucket[i];
		if (p90 == 0 && cum * 10 >= e->later * 9)
			p90 = bucket[i];
	}
	e->median = mc_calendar_add_minutes(started, half * 60);
	e->p90 = mc_calendar_add_minutes(started, p90 * 60);
	return 1;
}

int
mc_stats_expect(struct mc_db *db, struct mc_arena *a, long long procedure_id,
    unsigned int agency_id, int seq, time_t started, time_t now,
    struct mc_stats_expect *e)
{
	struct mc_rows rows;
	long	      *bucket;
	long long     *n;
	size_t	       i;

	memset(e, 0, sizeof(*e));
	if (mc_db_query(db, a, &rows, stmts[STMT_REMAIN_GET], "iii",
		procedure_id, (long long)agency_id, (long long)seq) < 0)
		return -1;
	bucket = mc_arena_alloc(a, (rows.n + 1) * sizeof(*bucket));
	n = mc_arena_alloc(a, (rows.n + 1) * sizeof(*n));
	for (i = 0; i < rows.n; i++) {
		bucket[i] = (long)mc_rows_int(&rows, i, 0);
		n[i] = mc_rows_int(&rows, i, 1);
	}
	return mc_stats_expect_hist(bucket, n, rows.n,
	    mc_calendar_work_minutes(started, now), started, e);
}
