/*
 * The public statistics of dossiers: a report by receiving agency from the
 * summaries (mc_stats_report) folded into the city's, the departments' and
 * the wards' rows, with the rates the portal publishes.
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_pubstats.h"
#include "mc_stats.h"

/* How far up (parents, successors) an agency is looked for. */
#define DEPTH_MAX 16

enum stmt { STMT_AGENCIES, STMT_FIRST, STMT__MAX };

/* The columns of STMT_AGENCIES. */
enum acol {
	A_ID,
	A_PARENT,
	A_SUCCESSOR,
	A_KIND,
	A_IN_FORCE,
	A_CODE,
	A_NAME,
	A_NAME_EN,
	A__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* The city, the departments, the wards, then the rest. */
	[STMT_AGENCIES] = "SELECT id, COALESCE(parent_id, 0), "
	    "COALESCE(successor_id, 0), kind, "
	    "valid_to IS NULL OR valid_to >= CURDATE(), code, name, "
	    "COALESCE(name_en, name) FROM agencies "
	    "ORDER BY FIELD(kind, 'city', 'department', 'ward'), name, id",
	[STMT_FIRST] = "SELECT DATE_FORMAT(MIN(month), '%Y-%m-%d') "
	    "FROM stats_month WHERE metric = 1 AND n <> 0",
};
/* clang-format on */

int
mc_pub_agencies(struct mc_db *db, struct mc_arena *a,
    struct mc_pub_agency **out, size_t *n)
{
	struct mc_rows	      rows;
	struct mc_pub_agency *ags;
	const char	     *kind;
	size_t		      i;

	*out = NULL;
	*n = 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_AGENCIES], "") < 0)
		return -1;
	if (rows.n > 0 && rows.ncols != A__MAX) {
		mc_err("agencies: %zu columns", rows.ncols);
		return -1;
	}
	ags = mc_arena_alloc(a, sizeof(*ags) * (rows.n + 1));
	for (i = 0; i < rows.n; i++) {
		ags[i].id = (unsigned int)mc_rows_int(&rows, i, A_ID);
		ags[i].parent = (unsigned int)mc_rows_int(&rows, i, A_PARENT);
		ags[i].successor = (unsigned int)mc_rows_int(&rows, i,
		    A_SUCCESSOR);
		kind = mc_rows_str(&rows, i, A_KIND);
		ags[i].kind = strcmp(kind, "city") == 0 ? PUBK_CITY :
		    strcmp(kind, "department") == 0	? PUBK_DEPARTMENT :
		    strcmp(kind, "ward") == 0		? PUBK_WARD :
							  PUBK_OTHER;
		ags[i].in_force = mc_rows_int(&rows, i, A_IN_FORCE) != 0;
		ags[i].code = mc_rows_str(&rows, i, A_CODE);
		ags[i].name = mc_rows_str(&rows, i, A_NAME);
		ags[i].name_en = mc_rows_str(&rows, i, A_NAME_EN);
	}
	*out = ags;
	*n = rows.n;
	return 0;
}

static long
find(const struct mc_pub_agency *ags, size_t n, unsigned int id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ags[i].id == id)
			return (long)i;
	return -1;
}

long
mc_pub_owner(const struct mc_pub_agency *ags, size_t n, unsigned int id)
{
	long k = find(ags, n, id), up;
	int  depth;

	for (depth = 0; k >= 0 && depth < DEPTH_MAX; depth++) {
		if (ags[k].in_force && ags[k].kind != PUBK_OTHER)
			return k;
		up = -1;
		if (!ags[k].in_force && ags[k].successor != 0)
			up = find(ags, n, ags[k].successor);
		if (up < 0 && ags[k].parent != 0)
			up = find(ags, n, ags[k].parent);
		if (up < 0)
			return ags[k].in_force ? k : -1;
		k = up;
	}
	return -1;
}

/* Adds the figures of a report row to a public row. */
static void
add(struct mc_pub_row *p, const long long *v)
{
	p->v[PUB_RECEIVED] += v[SC_NEW_ONLINE] + v[SC_NEW_COUNTER] +
	    v[SC_NEW_POST];
	p->v[PUB_ONLINE] += v[SC_NEW_ONLINE];
	p->v[PUB_INPERSON] += v[SC_NEW_COUNTER] + v[SC_NEW_POST];
	p->v[PUB_ONTIME] += v[SC_EARLY] + v[SC_ONTIME];
	p->v[PUB_LATE] += v[SC_LATE];
	p->v[PUB_RESOLVED] += v[SC_EARLY] + v[SC_ONTIME] + v[SC_LATE];
	p->v[PUB_PENDING_INTIME] += v[SC_PENDING_INTIME];
	p->v[PUB_PENDING_OVERDUE] += v[SC_PENDING_OVERDUE];
}

/* part / whole per mille, rounded half up; -1 when whole is 0. */
static int
per_mille(long long part, long long whole)
{
	if (whole <= 0)
		return -1;
	return (int)((part * 2000 + whole) / (2 * whole));
}

void
mc_pub_rates(struct mc_pub_row *p)
{
	p->ontime_pm = per_mille(p->v[PUB_ONTIME], p->v[PUB_RESOLVED]);
	p->online_pm = per_mille(p->v[PUB_ONLINE], p->v[PUB_RECEIVED]);
}

void
mc_pub_fold(const struct mc_stats_report *r, const struct mc_pub_agency *ags,
    size_t n, struct mc_pub_row *rows, struct mc_pub_row *city)
{
	size_t i;
	long   k;

	memset(rows, 0, sizeof(*rows) * n);
	memset(city, 0, sizeof(*city));
	for (i = 0; i < r->n; i++) {
		k = mc_pub_owner(ags, n, (unsigned int)r->rows[i].key);
		if (k >= 0)
			add(&rows[k], r->rows[i].v);
		add(city, r->rows[i].v);
	}
	for (i = 0; i < n; i++)
		mc_pub_rates(&rows[i]);
	mc_pub_rates(city);
}

int
mc_pub_period(struct mc_db *db, struct mc_arena *a, const char *from,
    const char *to, const struct mc_pub_agency *ags, size_t n,
    struct mc_pub_row *rows, struct mc_pub_row *city)
{
	struct mc_stats_filter f;
	struct mc_stats_report r;

	memset(&f, 0, sizeof(f));
	f.from = from;
	f.to = to;
	if (mc_stats_report(db, a, &f, STATS_BY_AGENCY, &r) < 0)
		return -1;
	mc_pub_fold(&r, ags, n, rows, city);
	return 0;
}

int
mc_pub_fields(struct mc_db *db, struct mc_arena *a, const char *from,
    const char *to, struct mc_pub_field **out, size_t *n)
{
	struct mc_stats_filter f;
	struct mc_stats_report r;
	struct mc_pub_field   *fs;
	size_t		       i;

	*out = NULL;
	*n = 0;
	memset(&f, 0, sizeof(f));
	f.from = from;
	f.to = to;
	if (mc_stats_report(db, a, &f, STATS_BY_FIELD, &r) < 0)
		return -1;
	fs = mc_arena_alloc(a, sizeof(*fs) * (r.n + 1));
	for (i = 0; i < r.n; i++) {
		memset(&fs[*n], 0, sizeof(fs[*n]));
		fs[*n].id = r.rows[i].key;
		fs[*n].name = r.rows[i].name;
		fs[*n].name_en = r.rows[i].name_en;
		add(&fs[*n].row, r.rows[i].v);
		mc_pub_rates(&fs[*n].row);
		if (fs[*n].row.v[PUB_RECEIVED] + fs[*n].row.v[PUB_RESOLVED] +
			fs[*n].row.v[PUB_PENDING_INTIME] +
			fs[*n].row.v[PUB_PENDING_OVERDUE] >
		    0)
			(*n)++;
	}
	*out = fs;
	return 0;
}

int
mc_pub_first_month(struct mc_db *db, struct mc_arena *a, const char **out)
{
	struct mc_rows rows;

	*out = NULL;
	if (mc_db_query(db, a, &rows, stmts[STMT_FIRST], "") < 0)
		return -1;
	if (rows.n == 1)
		*out = mc_rows_str(&rows, 0, 0);
	return 0;
}
