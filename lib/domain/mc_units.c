/*
 * Reorganisations of units: a dissolved unit's open dossiers moved to its
 * successor, one transaction per dossier, and where each agency counts
 * today (the reports' "by today's units").
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_stats.h"
#include "mc_units.h"
#include "mc_util.h"

#define DEPTH_MAX 16

enum stmt {
	STMT_FROM,
	STMT_TO,
	STMT_SUCCESSOR,
	STMT_OPEN,
	STMT_LOCK,
	STMT_STEPS,
	STMT_UPDATE,
	STMT_EVENT,
	STMT_ALL,
	STMT__MAX
};

/* The columns of STMT_LOCK. */
enum lcol { L_STATUS, L_AGENCY, L_CURRENT, L_STEP, L_OPEN, L__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_FROM] = "SELECT id, name, valid_to IS NOT NULL AND "
	    "valid_to < CURDATE() FROM agencies WHERE code = ?",
	[STMT_TO] = "SELECT id, name, valid_to IS NULL OR "
	    "valid_to >= CURDATE() FROM agencies WHERE code = ?",
	[STMT_SUCCESSOR] = "SELECT COUNT(*) FROM agency_successors "
	    "WHERE agency_id = ? AND successor_id = ? UNION ALL "
	    "SELECT COUNT(*) FROM agencies WHERE id = ? AND successor_id = ?",
	/* Received there, there now, or a step still to be done there. */
	[STMT_OPEN] = "SELECT id FROM dossiers WHERE agency_id = ? "
	    "AND is_open = 1 UNION SELECT id FROM dossiers "
	    "WHERE current_agency_id = ? AND is_open = 1 "
	    "UNION SELECT s.dossier_id FROM dossier_steps s "
	    "JOIN dossiers d ON d.id = s.dossier_id WHERE s.agency_id = ? "
	    "AND s.finished_at IS NULL AND d.is_open = 1 ORDER BY 1",
	[STMT_LOCK] = "SELECT status, agency_id, current_agency_id, "
	    "COALESCE(current_step, 0), is_open FROM dossiers "
	    "WHERE id = ? FOR UPDATE",
	[STMT_STEPS] = "UPDATE dossier_steps SET agency_id = ? "
	    "WHERE dossier_id = ? AND agency_id = ? AND finished_at IS NULL",
	/* The holder first: SET reads the columns as already assigned. */
	[STMT_UPDATE] = "UPDATE dossiers SET "
	    "holder_id = IF(current_agency_id = ?, NULL, holder_id), "
	    "agency_id = IF(agency_id = ?, ?, agency_id), "
	    "current_agency_id = IF(current_agency_id = ?, ?, "
	    "current_agency_id), version = version + 1, updated_at = ? "
	    "WHERE id = ?",
	[STMT_EVENT] = "INSERT INTO dossier_events (dossier_id, at, actor_id, "
	    "action, from_status, to_status, note, step, internal) "
	    "VALUES (?, ?, NULL, 'move_unit', ?, ?, ?, ?, 1)",
	[STMT_ALL] = "SELECT id, COALESCE(successor_id, 0), "
	    "valid_to IS NULL OR valid_to >= CURDATE(), name, "
	    "COALESCE(name_en, name) FROM agencies ORDER BY id",
};
/* clang-format on */

static const char *const refusals[] = {
	[UNITS_NO_FROM] = "no agency has the --from code",
	[UNITS_NO_TO] = "no agency has the --to code",
	[UNITS_NOT_DISSOLVED] = "the --from unit is not dissolved (no end "
				"date before today)",
	[UNITS_TO_ENDED] = "the --to unit is no longer in force",
	[UNITS_NOT_SUCCESSOR] = "the --to unit is not a successor of the "
				"--from unit",
};

const char *
mc_units_refusal(int r)
{
	if (r > 0 && (size_t)r < sizeof(refusals) / sizeof(refusals[0]))
		return refusals[r];
	return "error";
}

/* One dossier to move, for mc_db_tx. */
struct one {
	struct mc_arena		   *a;
	const struct mc_units_move *m;
	long long		    id;
	const char		   *note;
	time_t			    now;
};

/* 0 moved, 1 nothing to move (already moved, or closed), -1 error. */
static int
move_one(struct mc_db *db, void *arg)
{
	struct one	     *o = arg;
	struct mc_rows	      r;
	struct mc_audit	      e;
	struct mc_audit_about ab;
	char		      at[20];
	long long	      steps, status;

	if (mc_db_query(db, o->a, &r, stmts[STMT_LOCK], "i", o->id) < 0)
		return -1;
	if (r.n != 1 || r.ncols != L__MAX || mc_rows_int(&r, 0, L_OPEN) == 0)
		return 1;
	if ((steps = mc_db_exec(db, stmts[STMT_STEPS], "iii", o->m->to_id,
		 o->id, o->m->from_id)) < 0)
		return -1;
	if (steps == 0 && mc_rows_int(&r, 0, L_AGENCY) != o->m->from_id &&
	    mc_rows_int(&r, 0, L_CURRENT) != o->m->from_id)
		return 1;
	mc_time_sql(at, o->now);
	status = mc_rows_int(&r, 0, L_STATUS);
	memset(&e, 0, sizeof(e));
	e.event = AUDIT_DOSSIER_ACTION;
	e.subject = "move_unit";
	memset(&ab, 0, sizeof(ab));
	ab.dossier_id = o->id;
	ab.agency_id = (unsigned int)o->m->to_id;
	if (mc_db_exec(db, stmts[STMT_UPDATE], "iiiiisi", o->m->from_id,
		o->m->from_id, o->m->to_id, o->m->from_id, o->m->to_id, at,
		o->id) < 0 ||
	    mc_db_exec(db, stmts[STMT_EVENT], "isiisI", o->id, at, status,
		status, o->note, mc_rows_int(&r, 0, L_STEP)) < 0 ||
	    mc_counters_move(db, o->a, o->id, o->now) < 0 ||
	    mc_stats_dossier(db, o->a, o->id) < 0 ||
	    mc_audit_write_about(db, &e, &ab) < 0)
		return -1;
	return 0;
}

/* The agency of a code: 1 found, 0 none, -1 error. */
static int
agency(struct mc_db *db, struct mc_arena *a, enum stmt s, const char *code,
    long long *id, const char **name, int *flag)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[s], "s", code) < 0)
		return -1;
	if (r.n == 0)
		return 0;
	*id = mc_rows_int(&r, 0, 0);
	*name = mc_rows_str(&r, 0, 1);
	*flag = mc_rows_int(&r, 0, 2) != 0;
	return 1;
}

int
mc_units_move(struct mc_db *db, struct mc_arena *a, const char *from_code,
    const char *to_code, int dry_run, time_t now, struct mc_units_move *m)
{
	struct mc_rows	 r;
	struct mc_arena *ta;
	struct one	 o;
	size_t		 i;
	int		 rc, dissolved = 0, in_force = 0;

	memset(m, 0, sizeof(*m));
	if ((rc = agency(db, a, STMT_FROM, from_code, &m->from_id,
		 &m->from_name, &dissolved)) <= 0)
		return rc < 0 ? -1 : UNITS_NO_FROM;
	if ((rc = agency(db, a, STMT_TO, to_code, &m->to_id, &m->to_name,
		 &in_force)) <= 0)
		return rc < 0 ? -1 : UNITS_NO_TO;
	if (!dissolved)
		return UNITS_NOT_DISSOLVED;
	if (!in_force)
		return UNITS_TO_ENDED;
	if (mc_db_query(db, a, &r, stmts[STMT_SUCCESSOR], "iiii", m->from_id,
		m->to_id, m->from_id, m->to_id) < 0)
		return -1;
	if (r.n != 2 || mc_rows_int(&r, 0, 0) + mc_rows_int(&r, 1, 0) == 0)
		return UNITS_NOT_SUCCESSOR;
	if (mc_db_query(db, a, &r, stmts[STMT_OPEN], "iii", m->from_id,
		m->from_id, m->from_id) < 0)
		return -1;
	m->open = (long long)r.n;
	if (dry_run)
		return 0;
	if ((ta = mc_arena_new(1 << 16)) == NULL)
		return -1;
	memset(&o, 0, sizeof(o));
	o.a = ta;
	o.m = m;
	o.now = now;
	o.note = mc_arena_printf(a,
	    "Chuyển từ %s (%s) sang đơn vị kế thừa %s (%s) do sắp xếp "
	    "đơn vị hành chính; thời hạn giải quyết giữ nguyên.",
	    m->from_name, from_code, m->to_name, to_code);
	for (i = 0; i < r.n; i++) {
		o.id = mc_rows_int(&r, i, 0);
		rc = mc_db_tx(db, move_one, &o);
		if (rc == 0)
			m->moved++;
		else if (rc < 0) {
			mc_err("move-dossiers: dossier %lld not moved", o.id);
			m->failed++;
		}
		mc_arena_reset(ta);
	}
	mc_arena_free(ta);
	return 0;
}

static int
by_id(const void *k, const void *e)
{
	unsigned int id = *(const unsigned int *)k;
	unsigned int x = ((const struct mc_unit *)e)->id;

	return id < x ? -1 : id > x;
}

int
mc_units_load(struct mc_db *db, struct mc_arena *a, struct mc_units *us)
{
	struct mc_rows r;
	size_t	       i;

	memset(us, 0, sizeof(*us));
	if (mc_db_query(db, a, &r, stmts[STMT_ALL], "") < 0)
		return -1;
	if (r.n == 0)
		return 0;
	us->u = mc_arena_alloc(a, sizeof(*us->u) * r.n);
	for (i = 0; i < r.n; i++) {
		us->u[i].id = (unsigned int)mc_rows_int(&r, i, 0);
		us->u[i].successor = (unsigned int)mc_rows_int(&r, i, 1);
		us->u[i].in_force = mc_rows_int(&r, i, 2) != 0;
		us->u[i].name = mc_rows_str(&r, i, 3);
		us->u[i].name_en = mc_rows_str(&r, i, 4);
	}
	us->n = r.n;
	return 0;
}

const struct mc_unit *
mc_units_today(const struct mc_units *us, unsigned int id)
{
	const struct mc_unit *u, *next;
	int		      depth;

	if (us->n == 0 ||
	    (u = bsearch(&id, us->u, us->n, sizeof(*u), by_id)) == NULL)
		return NULL;
	for (depth = 0; depth < DEPTH_MAX; depth++) {
		if (u->in_force || u->successor == 0 ||
		    (next = bsearch(&u->successor, us->u, us->n, sizeof(*u),
			 by_id)) == NULL)
			return u;
		u = next;
	}
	return u;
}

int
mc_units_view(const char *word)
{
	return word != NULL && strcmp(word, "time") == 0 ? MC_UNITS_TIME :
							   MC_UNITS_TODAY;
}

const char *
mc_units_view_word(int view)
{
	return view == MC_UNITS_TIME ? "time" : "today";
}

int
mc_units_rename(struct mc_db *db, struct mc_arena *a, struct mc_rows *rows,
    size_t id_col, size_t name_col, size_t name_en_col)
{
	struct mc_units	      us;
	const struct mc_unit *u;
	size_t		      i;

	if (rows->n == 0)
		return 0;
	if (mc_units_load(db, a, &us) < 0)
		return -1;
	for (i = 0; i < rows->n; i++) {
		u = mc_units_today(&us,
		    (unsigned int)mc_rows_int(rows, i, id_col));
		if (u == NULL)
			continue;
		rows->v[i * rows->ncols + id_col] = mc_arena_printf(a, "%u",
		    u->id);
		rows->len[i * rows->ncols + id_col] = strlen(
		    rows->v[i * rows->ncols + id_col]);
		rows->v[i * rows->ncols + name_col] = u->name;
		rows->len[i * rows->ncols + name_col] = strlen(u->name);
		if (name_en_col == (size_t)-1)
			continue;
		rows->v[i * rows->ncols + name_en_col] = u->name_en;
		rows->len[i * rows->ncols + name_en_col] = strlen(u->name_en);
	}
	return 0;
}
