/*
 * Counters of open dossiers by agency, status, step and colour, moved in
 * each transition's transaction and by the worker when the clock turns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mc_arena.h"
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_log.h"
#include "mc_util.h"

/*
 * Writers of one bucket spread over this many rows (a process writes its
 * own), so that 32 submissions to one agency do not queue on one row lock.
 */
#define SLOTS 16

/* A dossier's colour as SQL, the rule of mc_dossier_colour: 0 none,
 * 1 green, 2 yellow, 3 red; parameters: now, now. */
#define COLOUR_SQL \
	"(CASE WHEN status IN (2, 4, 6, 9) AND step_due_at IS NOT NULL " \
	"THEN CASE WHEN step_due_at < ? THEN 3 " \
	"WHEN step_warn_at <= ? THEN 2 ELSE 1 END ELSE 0 END)"

enum stmt {
	STMT_STATE,
	STMT_ADD,
	STMT_SET,
	STMT_DUE,
	STMT_CLEAR,
	STMT_RESET,
	STMT_FILL,
	STMT_LIVE,
	STMT_TRUE,
	STMT_COLOURS,
	STMT_AGENCY,
	STMT_LIST_ADD,
	STMT_LIST_SET,
	STMT_SET_BOTH,
	STMT_LIST_CLEAR,
	STMT_LIST_FILL,
	STMT_LIST_LIVE,
	STMT_LIST_TRUE,
	STMT_PROCEDURES,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* The dossier's state now and the bucket that counts it. */
	[STMT_STATE] = "SELECT current_agency_id, status, "
	    "COALESCE(current_step, 0), is_open, "
	    "DATE_FORMAT(step_due_at, '%Y-%m-%d %H:%i:%s'), "
	    "DATE_FORMAT(step_warn_at, '%Y-%m-%d %H:%i:%s'), "
	    "counted_agency, counted_status, counted_step, counted_colour, "
	    "procedure_id, counted_list_agency "
	    "FROM dossiers WHERE id = ? FOR UPDATE",
	[STMT_ADD] = "INSERT INTO dossier_counters (agency_id, status, step, "
	    "colour, slot, n) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
	[STMT_SET] = "UPDATE dossiers SET counted_agency = ?, "
	    "counted_status = ?, counted_step = ?, counted_colour = ? "
	    "WHERE id = ?",
	/*
	 * Dossiers to move: never counted, turned yellow or red since.
	 * Arguments: limit, now, limit, now, limit.
	 */
	[STMT_DUE] = "(SELECT id FROM dossiers WHERE counted_colour IS NULL "
	    "LIMIT ?) UNION (SELECT id FROM dossiers WHERE counted_colour = 1 "
	    "AND step_warn_at <= ? LIMIT ?) UNION (SELECT id FROM dossiers "
	    "WHERE counted_colour IN (1, 2) AND step_due_at < ? LIMIT ?)",
	[STMT_CLEAR] = "DELETE FROM dossier_counters",
	/* Every dossier's bucket at now (arguments: now, now). */
	[STMT_RESET] = "UPDATE dossiers SET "
	    "counted_agency = IF(is_open, current_agency_id, NULL), "
	    "counted_status = IF(is_open, status, 0), "
	    "counted_step = IF(is_open, COALESCE(current_step, 0), 0), "
	    "counted_colour = IF(is_open, " COLOUR_SQL ", 0), "
	    "counted_list_agency = current_agency_id",
	[STMT_FILL] = "INSERT INTO dossier_counters (agency_id, status, step, "
	    "colour, slot, n) SELECT counted_agency, counted_status, "
	    "counted_step, counted_colour, 0, COUNT(*) FROM dossiers "
	    "WHERE counted_agency IS NOT NULL "
	    "GROUP BY counted_agency, counted_status, counted_step, "
	    "counted_colour",
	[STMT_LIVE] = "SELECT agency_id, status, step, colour, SUM(n) AS n "
	    "FROM dossier_counters WHERE (? = 0 OR agency_id = ?) "
	    "GROUP BY agency_id, status, step, colour "
	    "HAVING SUM(n) <> 0 ORDER BY agency_id, status, step, colour",
	/* What the dossiers give at now (arguments: now, now, agency x2). */
	[STMT_TRUE] = "SELECT current_agency_id, status, "
	    "COALESCE(current_step, 0) AS step, " COLOUR_SQL " AS colour, "
	    "COUNT(*) AS n FROM dossiers WHERE is_open = 1 "
	    "AND (? = 0 OR current_agency_id = ?) "
	    "GROUP BY current_agency_id, status, COALESCE(current_step, 0), "
	    "colour ORDER BY 1, 2, 3, 4",
	[STMT_COLOURS] = "SELECT colour, SUM(n) FROM dossier_counters "
	    "WHERE (? = 0 OR agency_id = ?) AND colour > 0 GROUP BY colour",
	[STMT_AGENCY] = "SELECT status, step, colour, SUM(n) AS n "
	    "FROM dossier_counters WHERE (? = 0 OR agency_id = ?) "
	    "GROUP BY status, step, colour HAVING SUM(n) <> 0 "
	    "ORDER BY status, step, colour",
	/* The procedure lists (db/migrations/0075). */
	[STMT_LIST_ADD] = "INSERT INTO procedure_counters (agency_id, "
	    "procedure_id, slot, n) VALUES (?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
	[STMT_LIST_SET] = "UPDATE dossiers SET counted_list_agency = ? "
	    "WHERE id = ?",
	/* STMT_SET and STMT_LIST_SET in one. */
	[STMT_SET_BOTH] = "UPDATE dossiers SET counted_list_agency = ?, "
	    "counted_agency = ?, counted_status = ?, counted_step = ?, "
	    "counted_colour = ? WHERE id = ?",
	[STMT_LIST_CLEAR] = "DELETE FROM procedure_counters",
	[STMT_LIST_FILL] = "INSERT INTO procedure_counters (agency_id, "
	    "procedure_id, slot, n) SELECT counted_list_agency, procedure_id, "
	    "0, COUNT(*) FROM dossiers WHERE counted_list_agency IS NOT NULL "
	    "GROUP BY counted_list_agency, procedure_id",
	[STMT_LIST_LIVE] = "SELECT agency_id, procedure_id, SUM(n) AS n "
	    "FROM procedure_counters WHERE (? = 0 OR agency_id = ?) "
	    "GROUP BY agency_id, procedure_id HAVING SUM(n) <> 0 "
	    "ORDER BY agency_id, procedure_id",
	[STMT_LIST_TRUE] = "SELECT current_agency_id, procedure_id, "
	    "COUNT(*) AS n FROM dossiers WHERE current_agency_id IS NOT NULL "
	    "AND (? = 0 OR current_agency_id = ?) "
	    "GROUP BY current_agency_id, procedure_id ORDER BY 1, 2",
	/* A few rows per procedure: the agency's rows by primary key. */
	[STMT_PROCEDURES] = "SELECT p.id, p.code, p.name FROM procedures p "
	    "JOIN (SELECT procedure_id FROM procedure_counters "
	    "WHERE agency_id = ? GROUP BY procedure_id HAVING SUM(n) > 0) c "
	    "ON c.procedure_id = p.id ORDER BY p.name, p.code LIMIT 1000",
};
/* clang-format on */

/* A bucket: agency 0 is none (a closed dossier, or not counted yet). */
struct bucket {
	long long agency, status, step, colour;
};

static int
bucket_cmp(const struct bucket *x, const struct bucket *y)
{
	const long long a[4] = { x->agency, x->status, x->step, x->colour };
	const long long b[4] = { y->agency, y->status, y->step, y->colour };
	int		i;

	for (i = 0; i < 4; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

static int
bucket_add(struct mc_db *db, const struct bucket *b, long long n)
{
	if (b->agency == 0)
		return 0;
	return mc_db_exec(db, stmts[STMT_ADD], "iiiiii", b->agency, b->status,
		   b->step, b->colour, (long long)(getpid() % SLOTS), n) < 0 ?
	    -1 :
	    0;
}

static int
list_add(struct mc_db *db, long long agency, long long procedure, long long n)
{
	if (agency == 0)
		return 0;
	return mc_db_exec(db, stmts[STMT_LIST_ADD], "iiii", agency, procedure,
		   (long long)(getpid() % SLOTS), n) < 0 ?
	    -1 :
	    0;
}

/*
 * The dossier's procedure listed at its current agency (to, open or
 * closed) instead of the agency that listed it (from; 0: none); the
 * caller records to in the dossier's row. 0 or -1.
 */
static int
list_move(struct mc_db *db, long long from, long long to, long long procedure)
{
	if (from == to)
		return 0;
	/* Both rows in one order, as the buckets'. */
	if (from < to)
		return list_add(db, from, procedure, -1) < 0 ||
			list_add(db, to, procedure, 1) < 0 ?
		    -1 :
		    0;
	return list_add(db, to, procedure, 1) < 0 ||
		list_add(db, from, procedure, -1) < 0 ?
	    -1 :
	    0;
}

int
mc_counters_move(struct mc_db *db, struct mc_arena *a, long long id,
    time_t now)
{
	struct mc_rows r;
	struct bucket  old, new;
	long long      list_from, list_to;
	int	       c;

	if (mc_db_query(db, a, &r, stmts[STMT_STATE], "i", id) < 0)
		return -1;
	if (r.n != 1)
		return 0;
	memset(&old, 0, sizeof(old));
	memset(&new, 0, sizeof(new));
	if (mc_rows_int(&r, 0, 3)) { /* open */
		new.agency = mc_rows_int(&r, 0, 0);
		new.status = mc_rows_int(&r, 0, 1);
		new.step = mc_rows_int(&r, 0, 2);
		c = (new.status == STATUS_ACCEPTED ||
			new.status == STATUS_PROCESSING ||
			new.status == STATUS_PAYMENT ||
			new.status == STATUS_DECIDED) ?
		    mc_dossier_colour(mc_rows_str(&r, 0, 4),
			mc_rows_str(&r, 0, 5), now) :
		    COLOUR_NONE;
		new.colour = c == COLOUR_NONE ? 0 : c + 1;
	}
	old.agency = mc_rows_int(&r, 0, 6);
	old.status = mc_rows_int(&r, 0, 7);
	old.step = mc_rows_int(&r, 0, 8);
	old.colour = mc_rows_int(&r, 0, 9);
	list_from = mc_rows_int(&r, 0, 11);
	list_to = mc_rows_int(&r, 0, 0);
	if (list_move(db, list_from, list_to, mc_rows_int(&r, 0, 10)) < 0)
		return -1;
	if (mc_rows_str(&r, 0, 9) != NULL && bucket_cmp(&old, &new) == 0) {
		if (list_from == list_to)
			return 0;
		return mc_db_exec(db, stmts[STMT_LIST_SET], "Ii", list_to,
			   id) < 0 ?
		    -1 :
		    0;
	}
	/* Both rows in one order, so two moves never wait on each other. */
	if (bucket_cmp(&old, &new) < 0) {
		if (bucket_add(db, &old, -1) < 0 ||
		    bucket_add(db, &new, 1) < 0)
			return -1;
	} else if (bucket_add(db, &new, 1) < 0 || bucket_add(db, &old, -1) < 0)
		return -1;
	/* The dossier's row in one statement: its list and its bucket. */
	if (list_from != list_to)
		return mc_db_exec(db, stmts[STMT_SET_BOTH], "IIiiii", list_to,
			   new.agency, new.status, new.step, new.colour,
			   id) < 0 ?
		    -1 :
		    0;
	return mc_db_exec(db, stmts[STMT_SET], "Iiiii", new.agency, new.status,
		   new.step, new.colour, id) < 0 ?
	    -1 :
	    0;
}

struct tick {
	struct mc_arena	     *a;
	const struct mc_rows *ids;
	time_t		      now;
};

static int
tick_tx(struct mc_db *db, void *arg)
{
	struct tick *t = arg;
	size_t	     i;

	for (i = 0; i < t->ids->n; i++)
		if (mc_counters_move(db, t->a, mc_rows_int(t->ids, i, 0),
			t->now) < 0)
			return -1;
	return 0;
}

long long
mc_counters_tick(struct mc_db *db, struct mc_arena *a, time_t now, size_t max)
{
	struct mc_rows ids;
	struct tick    t = { .a = a, .ids = &ids, .now = now };
	char	       at[20];
	long long      lim = (long long)max;

	mc_time_sql(at, now);
	if (mc_db_query(db, a, &ids, stmts[STMT_DUE], "isisi", lim, at, lim,
		at, lim) < 0)
		return -1;
	if (ids.n == 0)
		return 0;
	return mc_db_tx(db, tick_tx, &t) < 0 ? -1 : (long long)ids.n;
}

struct rebuild {
	const char *at;
};

static int
rebuild_tx(struct mc_db *db, void *arg)
{
	struct rebuild *r = arg;

	if (mc_db_exec(db, stmts[STMT_CLEAR], "") < 0 ||
	    mc_db_exec(db, stmts[STMT_LIST_CLEAR], "") < 0 ||
	    mc_db_exec(db, stmts[STMT_RESET], "ss", r->at, r->at) < 0 ||
	    mc_db_exec(db, stmts[STMT_FILL], "") < 0 ||
	    mc_db_exec(db, stmts[STMT_LIST_FILL], "") < 0)
		return -1;
	return 0;
}

int
mc_counters_rebuild(struct mc_db *db, struct mc_arena *a, time_t now)
{
	char	       at[20];
	struct rebuild r = { .at = at };

	(void)a;
	mc_time_sql(at, now);
	return mc_db_tx(db, rebuild_tx, &r) < 0 ? -1 : 0;
}

static void
row_bucket(const struct mc_rows *r, size_t i, struct bucket *b)
{
	b->agency = mc_rows_int(r, i, 0);
	b->status = mc_rows_int(r, i, 1);
	b->step = mc_rows_int(r, i, 2);
	b->colour = mc_rows_int(r, i, 3);
}

/*
 * The procedure lists' live rows against the dossiers' (both ordered by
 * agency and procedure): the number that differ, each logged.
 */
static long long
list_diff(const struct mc_rows *live, const struct mc_rows *truth)
{
	size_t	  i = 0, j = 0;
	long long bad = 0, x[2] = { 0, 0 }, y[2] = { 0, 0 }, nx, ny;
	int	  c;

	while (i < live->n || j < truth->n) {
		if (i < live->n)
			x[0] = mc_rows_int(live, i, 0),
			x[1] = mc_rows_int(live, i, 1);
		if (j < truth->n)
			y[0] = mc_rows_int(truth, j, 0),
			y[1] = mc_rows_int(truth, j, 1);
		c = i == live->n  ? 1 :
		    j == truth->n ? -1 :
		    x[0] != y[0]  ? (x[0] < y[0] ? -1 : 1) :
		    x[1] != y[1]  ? (x[1] < y[1] ? -1 : 1) :
				    0;
		nx = c <= 0 ? mc_rows_int(live, i, 2) : 0;
		ny = c >= 0 ? mc_rows_int(truth, j, 2) : 0;
		if (nx != ny) {
			if (c > 0)
				x[0] = y[0], x[1] = y[1];
			mc_warn("counters: agency %lld procedure %lld: %lld "
				"listed, %lld held",
			    x[0], x[1], nx, ny);
			bad++;
		}
		i += c <= 0;
		j += c >= 0;
	}
	return bad;
}

long long
mc_counters_check(struct mc_db *db, struct mc_arena *a, unsigned int agency_id,
    time_t now)
{
	struct mc_rows live, truth, llive, ltruth;
	struct bucket  x, y;
	size_t	       i = 0, j = 0;
	long long      bad = 0, nx, ny, ag = agency_id;
	char	       at[20];
	int	       c;

	mc_time_sql(at, now);
	/* Both read in one snapshot (a transaction that writes nothing). */
	if (mc_db_begin(db) < 0)
		return -1;
	if (mc_db_query(db, a, &live, stmts[STMT_LIVE], "ii", ag, ag) < 0 ||
	    mc_db_query(db, a, &truth, stmts[STMT_TRUE], "ssii", at, at, ag,
		ag) < 0 ||
	    mc_db_query(db, a, &llive, stmts[STMT_LIST_LIVE], "ii", ag, ag) <
		0 ||
	    mc_db_query(db, a, &ltruth, stmts[STMT_LIST_TRUE], "ii", ag, ag) <
		0) {
		mc_db_rollback(db);
		return -1;
	}
	mc_db_rollback(db);
	bad = list_diff(&llive, &ltruth);
	/* Both ordered by bucket: a merge. */
	while (i < live.n || j < truth.n) {
		if (i < live.n)
			row_bucket(&live, i, &x);
		if (j < truth.n)
			row_bucket(&truth, j, &y);
		c = i == live.n ? 1 : j == truth.n ? -1 : bucket_cmp(&x, &y);
		nx = c <= 0 ? mc_rows_int(&live, i, 4) : 0;
		ny = c >= 0 ? mc_rows_int(&truth, j, 4) : 0;
		if (nx != ny) {
			if (c > 0)
				x = y;
			mc_warn("counters: agency %lld status %lld step %lld "
				"colour %lld: %lld counted, %lld open",
			    x.agency, x.status, x.step, x.colour, nx, ny);
			bad++;
		}
		i += c <= 0;
		j += c >= 0;
	}
	return bad;
}

int
mc_counters_colours(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, long long counts[COLOUR__MAX])
{
	struct mc_rows r;
	size_t	       i;
	long long      c;

	memset(counts, 0, COLOUR__MAX * sizeof(counts[0]));
	if (mc_db_query(db, a, &r, stmts[STMT_COLOURS], "ii",
		(long long)agency_id, (long long)agency_id) < 0)
		return -1;
	for (i = 0; i < r.n; i++)
		if ((c = mc_rows_int(&r, i, 0) - 1) >= 0 && c < COLOUR__MAX)
			counts[c] = mc_rows_int(&r, i, 1);
	return 0;
}

int
mc_counters_agency(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, struct mc_rows *out)
{
	if (mc_db_query(db, a, out, stmts[STMT_AGENCY], "ii",
		(long long)agency_id, (long long)agency_id) < 0)
		return -1;
	if (out->ncols != CNT__MAX) {
		mc_err("counters: %zu columns, not %d", out->ncols, CNT__MAX);
		return -1;
	}
	return 0;
}

int
mc_counters_procedures(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, struct mc_rows *out)
{
	return mc_db_query(db, a, out, stmts[STMT_PROCEDURES], "i",
		   (long long)agency_id) < 0 ?
	    -1 :
	    0;
}
