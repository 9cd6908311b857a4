/*
 * The tracking book (form 06), the late dossiers with their apologies and
 * the officers' workload: keyset pages over an agency subtree's dossiers
 * and the officers' summaries.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_book.h"
#include "mc_calendar.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_log.h"
#include "mc_stats.h"
#include "mc_units.h"
#include "mc_util.h"

enum stmt {
	STMT_BOOK,
	STMT_BOOK_BACK,
	STMT_LATE,
	STMT_LATE_BACK,
	STMT_LATE_COUNT,
	STMT_OFFICERS,
	STMT_HELD,
	STMT_DONE,
	STMT__MAX
};

/* clang-format off */
/* The subtree takes in the dissolved units it succeeded, as mc_stats. */
#define SUBTREE \
	"WITH RECURSIVE sub (id) AS (SELECT id FROM agencies WHERE id = ? " \
	"UNION SELECT a.id FROM agencies a JOIN sub ON a.parent_id = " \
	"sub.id OR a.successor_id = sub.id) "
/* Late: resolved after the first due time, or open past it at now. */
#define LATE_IS \
	"((d.status IN (9, 10) AND d.finished_at > d.first_due_at) " \
	"OR (d.finished_at IS NULL AND d.status IN (2, 4, 6) " \
	"AND d.first_due_at < ?)) "
#define LATE_WHERE \
	"WHERE d.agency_id IN (SELECT id FROM sub) AND d.first_due_at >= ? " \
	"AND d.first_due_at < ? AND (? = 0 OR p.field_id = ?) AND " LATE_IS
/*
 * A keyset page's ids first (k), then their columns: the subtree joined
 * as agency_id >= s.id AND agency_id <= s.id, not =, so that the server
 * reads each unit's (agency_id, time) index as a range from the keyset
 * to the window's end ("range checked for each record"), where = reads
 * every row of the unit and sorts them all for each page: an export job
 * read a batch in seconds on 300,000 rows (BENCHMARKS.md). Parameters:
 * agency, the period's bounds (the later one the batch window's end,
 * mc_book_filter.until), the field twice, then the keyset's.
 */
#define KEYS_FROM(col) \
	"FROM (SELECT d.id FROM sub s " \
	"JOIN dossiers d ON d.agency_id >= s.id AND d.agency_id <= s.id " \
	"JOIN procedures p ON p.id = d.procedure_id WHERE d." col " >= ? " \
	"AND d." col " < ? AND (? = 0 OR p.field_id = ?) "
/* Forwards: from the period's start or the keyset (given twice more). */
#define KEYS_AFTER(col) \
	"AND d." col " >= ? AND (? IS NULL OR d." col " > ? OR d.id > ?) " \
	"ORDER BY d." col ", d.id LIMIT ?) k JOIN dossiers d ON d.id = k.id "
/* Backwards: the rows before the keyset, nearest first. */
#define KEYS_BEFORE(col) \
	"AND d." col " <= ? AND (d." col " < ? OR d.id < ?) " \
	"ORDER BY d." col " DESC, d.id DESC LIMIT ?) k " \
	"JOIN dossiers d ON d.id = k.id "

/* The book's columns (enum mc_book_col) and the tables they come from. */
#define BOOK_COLS SUBTREE \
	"SELECT d.id, d.code, d.status, p.name AS procedure_name, " \
	"d.applicant_name, ag.name AS agency_name, d.received_at, " \
	"d.first_due_at AS due_at, CASE WHEN d.original_due_at IS NOT " \
	"NULL THEN d.due_at END AS new_due_at, s.started_at AS handed_at, " \
	"ha.name AS handed_to, d.finished_at AS result_at, d.returned_at, " \
	"d.return_method, f.name AS field_name, d.agency_id "
#define BOOK_JOINS \
	"JOIN procedures p ON p.id = d.procedure_id " \
	"LEFT JOIN fields f ON f.id = p.field_id " \
	"JOIN agencies ag ON ag.id = d.agency_id " \
	"LEFT JOIN dossier_steps s ON s.dossier_id = d.id AND s.seq = 2 " \
	"LEFT JOIN agencies ha ON ha.id = s.agency_id "

/* The late list's columns (enum mc_late_col) and their tables. */
#define LATE_COLS SUBTREE \
	"SELECT d.id, d.code, d.status, p.name AS procedure_name, " \
	"d.applicant_name, ag.name AS agency_name, d.received_at, " \
	"d.first_due_at AS due_at, d.finished_at, (SELECT MAX(e.at) FROM " \
	"dossier_events e WHERE e.dossier_id = d.id AND e.action = " \
	"'apology') AS apology_at, CASE WHEN d.original_due_at IS NOT NULL " \
	"THEN d.due_at END AS new_due_at, CASE WHEN d.original_due_at IS " \
	"NOT NULL THEN d.apology_reason END AS apology_reason, d.agency_id "
#define LATE_JOINS \
	"JOIN procedures p ON p.id = d.procedure_id " \
	"JOIN agencies ag ON ag.id = d.agency_id "

static const char *const stmts[STMT__MAX] = {
	[STMT_BOOK] = BOOK_COLS KEYS_FROM("received_at")
	    KEYS_AFTER("received_at") BOOK_JOINS
	    "ORDER BY d.received_at, d.id",
	[STMT_BOOK_BACK] = BOOK_COLS KEYS_FROM("received_at")
	    KEYS_BEFORE("received_at") BOOK_JOINS
	    "ORDER BY d.received_at DESC, d.id DESC",
	[STMT_LATE] = LATE_COLS KEYS_FROM("first_due_at") "AND " LATE_IS
	    KEYS_AFTER("first_due_at") LATE_JOINS
	    "ORDER BY d.first_due_at, d.id",
	[STMT_LATE_BACK] = LATE_COLS KEYS_FROM("first_due_at") "AND " LATE_IS
	    KEYS_BEFORE("first_due_at") LATE_JOINS
	    "ORDER BY d.first_due_at DESC, d.id DESC",
	[STMT_LATE_COUNT] = SUBTREE
	    "SELECT COUNT(*), COALESCE(SUM(d.original_due_at IS NOT NULL), 0) "
	    "FROM dossiers d JOIN procedures p ON p.id = d.procedure_id "
	    LATE_WHERE,
	/*
	 * The officers of the agency and of the dissolved units that count
	 * in it today (the second ?: always MC_UNITS_TODAY), and whoever
	 * finished a step at one of them, with the unit.
	 */
	[STMT_OFFICERS] = MC_UNITS_CTE "SELECT a.id, a.full_name, x.agency_id, "
	    "ag.name, COALESCE(ag.name_en, ag.name) FROM (SELECT account_id "
	    "AS officer_id, agency_id FROM account_roles WHERE agency_id IN "
	    "(SELECT id FROM units) AND role IN ('receiver', 'specialist', "
	    "'leader') UNION SELECT officer_id, agency_id FROM stats_officer "
	    "WHERE agency_id IN (SELECT id FROM units) AND day BETWEEN ? AND ?) "
	    "x JOIN accounts a ON a.id = x.officer_id "
	    "JOIN agencies ag ON ag.id = x.agency_id WHERE (? = 0 OR a.id = ?) "
	    "ORDER BY a.full_name, a.id, x.agency_id <> ?, ag.name, x.agency_id",
	/* The open dossiers each officer holds now per unit, by colour. */
	[STMT_HELD] = MC_UNITS_CTE "SELECT d.holder_id, d.current_agency_id, "
	    "COUNT(*), COALESCE(SUM(" MC_DOSSIER_YELLOW_SQL "), 0), "
	    "COALESCE(SUM(" MC_DOSSIER_RED_SQL "), 0) FROM dossiers d "
	    "WHERE d.current_agency_id IN (SELECT id FROM units) "
	    "AND d.is_open = 1 "
	    "AND d.holder_id IS NOT NULL AND (? = 0 OR d.holder_id = ?) "
	    "GROUP BY d.holder_id, d.current_agency_id",
	[STMT_DONE] = MC_UNITS_CTE "SELECT officer_id, agency_id, metric, "
	    "SUM(n) FROM stats_officer WHERE agency_id IN (SELECT id FROM units) "
	    "AND day BETWEEN ? AND ? "
	    "AND (? = 0 OR officer_id = ?) GROUP BY officer_id, agency_id, metric",
};
/* clang-format on */

/*
 * The period's bounds as times: from's midnight, the day after to's (or
 * f->until when earlier, forwards).
 */
static void
bounds(const struct mc_book_filter *f, char lo[20], char hi[20])
{
	time_t t = mc_time_parse(f->to);

	snprintf(lo, 20, "%.10s 00:00:00", f->from);
	/* Noon, a day on: the next local day whatever the clock change. */
	mc_time_sql(hi, t + 36 * 3600);
	memcpy(hi + 10, " 00:00:00", 10);
	if (f->until != NULL && f->before_at == NULL &&
	    strlen(f->until) == 19 && strcmp(f->until, hi) < 0)
		memcpy(hi, f->until, 20);
	if (f->since != NULL && f->before_at != NULL &&
	    strlen(f->since) == 19 && strcmp(f->since, lo) > 0)
		memcpy(lo, f->since, 20);
}

/* One read of a register's rows of f (its window's), in order. */
typedef int (*book_read)(struct mc_db *, struct mc_arena *,
    const struct mc_book_filter *, time_t, struct mc_rows *);

#define PAGE_SPAN (6 * 3600) /* a page's first window, in seconds */

/*
 * Reads f's page through windows of time from its keyset, forwards
 * (until) or backwards (since): the window grows eightfold while it
 * holds fewer than f->limit rows, and the last reaches the period's end
 * (start). Each window's rows are the first (last) of the whole in its
 * order, so a window holding the limit is the page. 0 or -1.
 */
static int
windowed(struct mc_db *db, struct mc_arena *a, const struct mc_book_filter *f,
    time_t now, book_read read, struct mc_rows *out)
{
	struct mc_book_filter g = *f;
	char		      lo[20], hi[20], edge[20];
	time_t		      key, far, span = PAGE_SPAN;
	int		      back = f->before_at != NULL;

	if (f->until != NULL || f->since != NULL)
		return read(db, a, f, now, out);
	bounds(f, lo, hi);
	key = mc_time_parse(back    ? f->before_at :
		f->after_at != NULL ? f->after_at :
				      lo);
	far = mc_time_parse(back ? lo : hi);
	for (;;) {
		if (key == 0 || far == 0 ||
		    (back ? key - far : far - key) <= span)
			return read(db, a, f, now, out);
		mc_time_sql(edge, back ? key - span : key + span);
		if (back)
			g.since = edge;
		else
			g.until = edge;
		if (read(db, a, &g, now, out) < 0)
			return -1;
		if (out->n >= f->limit)
			return 0;
		span *= 8;
	}
}

static int
shape(const struct mc_rows *rows, size_t want, const char *what)
{
	if (rows->n > 0 && rows->ncols != want) {
		mc_err("%s rows have %zu columns", what, rows->ncols);
		return -1;
	}
	return 0;
}

/* Turns the rows' order around, in place. */
static void
reverse(struct mc_rows *r)
{
	const char *v;
	size_t	    i, c, len, x, y;

	for (i = 0; i < r->n / 2; i++) {
		for (c = 0; c < r->ncols; c++) {
			x = i * r->ncols + c;
			y = (r->n - 1 - i) * r->ncols + c;
			v = r->v[x];
			r->v[x] = r->v[y];
			r->v[y] = v;
			len = r->len[x];
			r->len[x] = r->len[y];
			r->len[y] = len;
		}
	}
}

/* One read of the book's rows of f, in order (book_read). */
static int
book_rows(struct mc_db *db, struct mc_arena *a, const struct mc_book_filter *f,
    time_t now, struct mc_rows *out)
{
	char lo[20], hi[20];
	int  rc;

	(void)now;

	bounds(f, lo, hi);
	if (f->before_at != NULL)
		rc = mc_db_query(db, a, out, stmts[STMT_BOOK_BACK],
		    "issiissii", (long long)f->agency, lo, hi, f->field_id,
		    f->field_id, f->before_at, f->before_at, f->before_id,
		    (long long)f->limit);
	else
		rc = mc_db_query(db, a, out, stmts[STMT_BOOK], "issiisssii",
		    (long long)f->agency, lo, hi, f->field_id, f->field_id,
		    f->after_at != NULL ? f->after_at : lo, f->after_at,
		    f->after_at, f->after_id, (long long)f->limit);
	if (rc < 0 || shape(out, BOOK__MAX, "book") < 0)
		return -1;
	if (f->before_at != NULL)
		reverse(out);
	return 0;
}

int
mc_book_page(struct mc_db *db, struct mc_arena *a,
    const struct mc_book_filter *f, struct mc_rows *out)
{
	if (windowed(db, a, f, 0, book_rows, out) < 0)
		return -1;
	return f->units == MC_UNITS_TIME ?
	    0 :
	    mc_units_rename(db, a, out, BOOK_AGENCY_ID, BOOK_AGENCY,
		(size_t)-1);
}

unsigned int
mc_book_note(const struct mc_rows *r, size_t i, time_t now)
{
	const char  *due = mc_rows_str(r, i, BOOK_DUE);
	const char  *res = mc_rows_str(r, i, BOOK_RESULT_AT);
	unsigned int note = 0;

	switch (mc_rows_int(r, i, BOOK_STATUS)) {
	case STATUS_REFUSED:
		note |= BOOK_NOTE_REFUSED;
		break;
	case STATUS_WITHDRAWN:
		note |= BOOK_NOTE_WITHDRAWN;
		break;
	case STATUS_STOPPED:
		note |= BOOK_NOTE_STOPPED;
		break;
	case STATUS_DECIDED:
	case STATUS_RETURNED:
		if (res == NULL || due == NULL)
			break;
		if (mc_time_parse(res) > mc_time_parse(due))
			note |= BOOK_NOTE_LATE;
		else if (strncmp(res, due, 10) < 0)
			note |= BOOK_NOTE_EARLY;
		break;
	case STATUS_ACCEPTED:
	case STATUS_PROCESSING:
	case STATUS_PAYMENT:
		if (due != NULL && mc_time_parse(due) < now)
			note |= BOOK_NOTE_OVERDUE;
		break;
	default:
		break;
	}
	if (mc_rows_str(r, i, BOOK_NEW_DUE) != NULL)
		note |= BOOK_NOTE_APOLOGY;
	return note;
}

/* One read of the late list's rows of f, in order (book_read). */
static int
late_rows(struct mc_db *db, struct mc_arena *a, const struct mc_book_filter *f,
    time_t now, struct mc_rows *out)
{
	char lo[20], hi[20], at[20];
	int  rc;

	bounds(f, lo, hi);
	mc_time_sql(at, now);
	if (f->before_at != NULL)
		rc = mc_db_query(db, a, out, stmts[STMT_LATE_BACK],
		    "issiisssii", (long long)f->agency, lo, hi, f->field_id,
		    f->field_id, at, f->before_at, f->before_at, f->before_id,
		    (long long)f->limit);
	else
		rc = mc_db_query(db, a, out, stmts[STMT_LATE], "issiissssii",
		    (long long)f->agency, lo, hi, f->field_id, f->field_id, at,
		    f->after_at != NULL ? f->after_at : lo, f->after_at,
		    f->after_at, f->after_id, (long long)f->limit);
	if (rc < 0 || shape(out, LATE__MAX, "late list") < 0)
		return -1;
	if (f->before_at != NULL)
		reverse(out);
	return 0;
}

int
mc_book_late(struct mc_db *db, struct mc_arena *a,
    const struct mc_book_filter *f, time_t now, struct mc_rows *out)
{
	if (windowed(db, a, f, now, late_rows, out) < 0)
		return -1;
	return f->units == MC_UNITS_TIME ?
	    0 :
	    mc_units_rename(db, a, out, LATE_AGENCY_ID, LATE_AGENCY,
		(size_t)-1);
}

int
mc_book_late_count(struct mc_db *db, struct mc_arena *a,
    const struct mc_book_filter *f, time_t now, long long *late,
    long long *apologies)
{
	struct mc_rows rows;
	char	       lo[20], hi[20], at[20];

	bounds(f, lo, hi);
	mc_time_sql(at, now);
	*late = *apologies = 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_LATE_COUNT], "issiis",
		(long long)f->agency, lo, hi, f->field_id, f->field_id,
		at) < 0)
		return -1;
	if (rows.n == 1) {
		*late = mc_rows_int(&rows, 0, 0);
		*apologies = mc_rows_int(&rows, 0, 1);
	}
	return 0;
}

long
mc_book_late_minutes(const struct mc_rows *r, size_t i, time_t now)
{
	const char *fin = mc_rows_str(r, i, LATE_FINISHED);
	time_t	    due = mc_time_parse(mc_rows_str(r, i, LATE_DUE));
	time_t	    end = fin != NULL ? mc_time_parse(fin) : now;

	if (due == 0 || end <= due)
		return 0;
	return mc_calendar_work_minutes(due, end);
}

/* The line of officer id at unit agency (0: any unit), NULL when none. */
static struct mc_officer_load *
find(struct mc_officer_load *v, size_t n, long long id, long long agency)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].id == id && (agency == 0 || v[i].agency_id == agency))
			return &v[i];
	return NULL;
}

int
mc_book_officers(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    int units, const char *from, const char *to, long long only, time_t now,
    struct mc_officer_load **out, size_t *n)
{
	struct mc_rows		ids, held, done;
	struct mc_officer_load *v, *o;
	struct mc_units		us;
	const struct mc_unit   *u;
	char			at[20];
	size_t			i, k = 0;
	long long		x, unit;
	/* By today's units one line an officer, at the agency. */
	int apart = units == MC_UNITS_TIME;

	*out = NULL;
	*n = 0;
	mc_time_sql(at, now);
	if (mc_db_query(db, a, &ids, stmts[STMT_OFFICERS], "iissiii",
		(long long)agency, (long long)MC_UNITS_TODAY, from, to, only,
		only, (long long)agency) < 0 ||
	    shape(&ids, 5, "officers") < 0 ||
	    mc_db_query(db, a, &held, stmts[STMT_HELD], "iisssii",
		(long long)agency, (long long)MC_UNITS_TODAY, at, at, at, only,
		only) < 0 ||
	    shape(&held, 5, "held") < 0 ||
	    mc_db_query(db, a, &done, stmts[STMT_DONE], "iissii",
		(long long)agency, (long long)MC_UNITS_TODAY, from, to, only,
		only) < 0 ||
	    shape(&done, 4, "done") < 0)
		return -1;
	v = mc_arena_alloc(a, (ids.n + 1) * sizeof(*v));
	memset(v, 0, (ids.n + 1) * sizeof(*v));
	for (i = 0; i < ids.n; i++) {
		unit = apart ? mc_rows_int(&ids, i, 2) : 0;
		if (find(v, k, mc_rows_int(&ids, i, 0), unit) != NULL)
			continue;
		v[k].id = mc_rows_int(&ids, i, 0);
		v[k].name = mc_rows_str(&ids, i, 1);
		/* Ordered with the agency's own row first. */
		v[k].agency_id = mc_rows_int(&ids, i, 2);
		v[k].agency_name = mc_rows_str(&ids, i, 3);
		v[k].agency_name_en = mc_rows_str(&ids, i, 4);
		k++;
	}
	for (i = 0; i < held.n; i++) {
		unit = apart ? mc_rows_int(&held, i, 1) : 0;
		if ((o = find(v, k, mc_rows_int(&held, i, 0), unit)) == NULL)
			continue;
		o->open += mc_rows_int(&held, i, 2);
		o->soon += mc_rows_int(&held, i, 3);
		o->overdue += mc_rows_int(&held, i, 4);
	}
	for (i = 0; i < done.n; i++) {
		unit = apart ? mc_rows_int(&done, i, 1) : 0;
		if ((o = find(v, k, mc_rows_int(&done, i, 0), unit)) == NULL)
			continue;
		x = mc_rows_int(&done, i, 3);
		switch (mc_rows_int(&done, i, 2)) {
		case STO_STEPS:
			o->steps += x;
			break;
		case STO_EARLY:
			o->early += x;
			break;
		case STO_ONTIME:
			o->ontime += x;
			break;
		case STO_LATE:
			o->late += x;
			break;
		case STO_MINUTES:
			o->minutes += x;
			break;
		default:
			break;
		}
	}
	if (!apart && k > 0) {
		/* Each line at the unit the agency counts in today. */
		if (mc_units_load(db, a, &us) < 0)
			return -1;
		if ((u = mc_units_today(&us, agency)) != NULL)
			for (i = 0; i < k; i++) {
				v[i].agency_id = u->id;
				v[i].agency_name = u->name;
				v[i].agency_name_en = u->name_en;
			}
	}
	*out = v;
	*n = k;
	return 0;
}
