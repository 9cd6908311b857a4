/*
 * Routing: which steps nobody can take, the dossiers stuck at one, and an
 * administrator's move of a step to an agency or officer that can take it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_admin.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_outbox.h"
#include "mc_routing.h"
#include "mc_util.h"

/*
 * Nobody active holds the role (or leader) at the agency: the one rule of
 * "nobody can act", shared by every statement below.
 */
/* clang-format off */
#define NOBODY(agency, role) "NOT EXISTS (SELECT 1 FROM account_roles r " \
	"JOIN accounts ac ON ac.id = r.account_id AND ac.disabled = 0 " \
	"WHERE r.agency_id = " agency " AND r.role IN (" role ", 'leader')) "
/* clang-format on */

/*
 * The agencies whose dossiers may be stuck: in scope (the agency, those
 * right under it, the dissolved units that count in one of them today),
 * shown (only: that one, with, by today's units, the dissolved units that
 * count in it) and with no active leader. Arguments: agency, agency, only,
 * units, only.
 */
/* clang-format off */
#define STUCK_UNITS "WITH RECURSIVE scope (id) AS (SELECT id FROM agencies " \
	"WHERE id = ? OR parent_id = ? UNION SELECT a.id FROM agencies a " \
	"JOIN scope ON a.successor_id = scope.id " \
	"AND a.valid_to < CURDATE()), " \
	"shown (id) AS (SELECT id FROM agencies WHERE id = ? " \
	"UNION SELECT a.id FROM agencies a JOIN shown " \
	"ON a.successor_id = shown.id AND ? = 0 " \
	"AND a.valid_to < CURDATE()), " \
	"lone (id) AS (SELECT ag.id FROM agencies ag " \
	"WHERE ag.id IN (SELECT id FROM scope) " \
	"AND (? = 0 OR ag.id IN (SELECT id FROM shown)) AND " \
	NOBODY("ag.id", "'leader'") ") "
/* clang-format on */

enum stmt {
	STMT_STAFFED,
	STMT_GAPS_WORKFLOW,
	STMT_GAPS_STEPS,
	STMT_STUCK,
	STMT_STUCK_BY_SUBMITTED,
	STMT_STUCK_LOAD,
	STMT_LOCK,
	STMT_STEP,
	STMT_OFFICER_OK,
	STMT_STEP_MOVE,
	STMT_DOSSIER_MOVE,
	STMT_EVENT,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_STAFFED] = "SELECT 1 FROM account_roles r "
	    "JOIN accounts ac ON ac.id = r.account_id AND ac.disabled = 0 "
	    "WHERE r.agency_id = ? AND r.role IN (?, 'leader') LIMIT 1",
	/* Before acceptance: the workflow the dossier would follow. */
	[STMT_GAPS_WORKFLOW] = "SELECT w.seq, w.name, w.role, ag.id AS "
	    "agency_id, ag.name AS agency_name FROM workflow_steps w "
	    "JOIN agencies ag ON ag.id = COALESCE(w.agency_id, ?) "
	    "WHERE w.workflow_id = (SELECT id FROM workflows "
	    "WHERE procedure_id = ? OR procedure_id IS NULL "
	    "ORDER BY procedure_id IS NULL, version DESC LIMIT 1) AND "
	    NOBODY("ag.id", "w.role") "ORDER BY w.seq",
	[STMT_GAPS_STEPS] = "SELECT s.seq, s.name, s.role, s.agency_id, "
	    "ag.name AS agency_name FROM dossier_steps s "
	    "JOIN agencies ag ON ag.id = s.agency_id "
	    "WHERE s.dossier_id = ? AND s.seq >= ? AND "
	    NOBODY("s.agency_id", "s.role") "ORDER BY s.seq",
	/*
	 * The agencies with no active leader are found first, once (a
	 * leader may act at every step there): only their dossiers are
	 * read, and of each only its step's role is looked up (once per
	 * agency and role: the subquery's cache). Two ways of reading
	 * them, the same rows in the same order (ties by id): the plain
	 * one sorts those agencies' own; the other (STMT_STUCK_BY_SUBMITTED)
	 * reads the open dossiers of every agency in order of submission
	 * (dossiers_open_submitted, migration 0067) and keeps theirs up to
	 * the limit, cheaper when they hold most of them (mc_routing_stuck).
	 */
	[STMT_STUCK] = STUCK_UNITS "SELECT d.code, d.status, d.applicant_name, "
	    "p.name AS procedure_name, ag.id AS agency_id, "
	    "ag.name AS agency_name, d.current_step AS step, "
	    "s.name AS step_name, COALESCE(s.role, 'receiver') AS role, "
	    "d.submitted_at FROM lone "
	    "JOIN agencies ag ON ag.id = lone.id "
	    "JOIN dossiers d ON d.current_agency_id = ag.id AND d.is_open = 1 "
	    "AND d.status <> 5 "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "LEFT JOIN dossier_steps s ON s.dossier_id = d.id "
	    "AND s.seq = d.current_step WHERE "
	    NOBODY("ag.id", "COALESCE(s.role, 'receiver')")
	    "ORDER BY d.submitted_at, d.id LIMIT ?",
	[STMT_STUCK_BY_SUBMITTED] = STUCK_UNITS "SELECT STRAIGHT_JOIN d.code, "
	    "d.status, d.applicant_name, p.name AS procedure_name, "
	    "ag.id AS agency_id, ag.name AS agency_name, "
	    "d.current_step AS step, s.name AS step_name, "
	    "COALESCE(s.role, 'receiver') AS role, d.submitted_at "
	    "FROM dossiers d FORCE INDEX (dossiers_open_submitted) "
	    "JOIN agencies ag ON ag.id = d.current_agency_id "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "LEFT JOIN dossier_steps s ON s.dossier_id = d.id "
	    "AND s.seq = d.current_step "
	    "WHERE d.is_open = 1 AND d.status <> 5 "
	    "AND ag.id IN (SELECT id FROM lone) AND "
	    NOBODY("ag.id", "COALESCE(s.role, 'receiver')")
	    "ORDER BY d.submitted_at, d.id LIMIT ?",
	/* The open dossiers of those agencies, and of all, by the
	 * counters every transition keeps: no dossier is counted. */
	[STMT_STUCK_LOAD] = STUCK_UNITS "SELECT "
	    "(SELECT COALESCE(SUM(c.n), 0) FROM dossier_counters c "
	    "WHERE c.status <> 5 AND c.agency_id IN (SELECT id FROM lone)), "
	    "(SELECT COALESCE(SUM(c.n), 0) FROM dossier_counters c "
	    "WHERE c.status <> 5)",
	[STMT_LOCK] = "SELECT id, status, version, current_step, "
	    "current_agency_id FROM dossiers WHERE code = ? FOR UPDATE",
	[STMT_STEP] = "SELECT role FROM dossier_steps "
	    "WHERE dossier_id = ? AND seq = ?",
	[STMT_OFFICER_OK] = "SELECT 1 FROM account_roles r "
	    "JOIN accounts ac ON ac.id = r.account_id AND ac.disabled = 0 "
	    "WHERE r.account_id = ? AND r.agency_id = ? "
	    "AND r.role IN (?, 'leader') LIMIT 1",
	[STMT_STEP_MOVE] = "UPDATE dossier_steps SET agency_id = ?, "
	    "taken_by = NULL WHERE dossier_id = ? AND seq = ?",
	[STMT_DOSSIER_MOVE] = "UPDATE dossiers SET current_agency_id = ?, "
	    "holder_id = ?, version = version + 1, updated_at = ? "
	    "WHERE id = ?",
	[STMT_EVENT] = "INSERT INTO dossier_events (dossier_id, at, actor_id, "
	    "action, from_status, to_status, note, step, internal) "
	    "VALUES (?, ?, ?, 'reassign', ?, ?, ?, ?, 1)",
};
/* clang-format on */

int
mc_routing_staffed(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, const char *role)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_STAFFED], "is",
		(long long)agency_id, role) < 0)
		return -1;
	return rows.n > 0;
}

int
mc_routing_gaps(struct mc_db *db, struct mc_arena *a,
    const struct mc_dossier *d, struct mc_rows *out)
{
	long long step;

	memset(out, 0, sizeof(*out));
	switch (d->status) {
	case STATUS_SUBMITTED:
		return mc_db_query(db, a, out, stmts[STMT_GAPS_WORKFLOW], "ii",
		    (long long)d->agency_id, d->procedure_id);
	case STATUS_ACCEPTED:
	case STATUS_PROCESSING:
	case STATUS_SUPPLEMENT:
	case STATUS_PAYMENT:
	case STATUS_DECIDED:
		step = d->step;
		return mc_db_query(db, a, out, stmts[STMT_GAPS_STEPS], "ii",
		    d->id, step > 0 ? step : 1);
	default:
		return 0;
	}
}

int
mc_routing_stuck_way(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, unsigned int only, int units, size_t limit,
    int way, struct mc_rows *out)
{
	struct mc_rows load;
	long long      mine, all, ag = agency_id, o = only, u = units;

	if (way == MC_STUCK_AUTO) {
		/*
		 * In the order of submission of every agency's open dossiers,
		 * about limit * all / mine are read before limit of theirs;
		 * the plain way sorts all of theirs (mine).
		 */
		way = MC_STUCK_PLAIN;
		if (mc_db_query(db, a, &load, stmts[STMT_STUCK_LOAD], "iiiii",
			ag, ag, o, u, o) == 0 &&
		    load.n == 1) {
			mine = mc_rows_int(&load, 0, 0);
			all = mc_rows_int(&load, 0, 1);
			if (mine > 2 * (long long)limit &&
			    all / mine * (long long)limit < mine)
				way = MC_STUCK_BY_SUBMITTED;
		}
	}
	return mc_db_query(db, a, out,
	    stmts[way == MC_STUCK_BY_SUBMITTED ? STMT_STUCK_BY_SUBMITTED :
						 STMT_STUCK],
	    "iiiiii", ag, ag, o, u, o, (long long)limit);
}

int
mc_routing_stuck(struct mc_db *db, struct mc_arena *a, unsigned int agency_id,
    unsigned int only, int units, size_t limit, struct mc_rows *out)
{
	return mc_routing_stuck_way(db, a, agency_id, only, units, limit,
	    MC_STUCK_AUTO, out);
}

/* The move inside the open transaction; 0, -1 or a DOSSIER_* outcome. */
static int
reassign_in(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    const char *code, unsigned int agency_id, long long officer_id,
    const char *note, long long expected_version, time_t now,
    const char *address)
{
	struct mc_audit	      e = { AUDIT_DOSSIER_ACTION, u->id, 0, "reassign",
		      address };
	struct mc_audit_about ab = { 0, 0, "admin" };
	struct mc_rows	      row, step, ok;
	const char	     *role;
	long long	      id, step_seq;
	int		      status, rc;
	char		      at[20];

	if (mc_db_query(db, a, &row, stmts[STMT_LOCK], "s", code) < 0)
		return -1;
	if (row.n == 0)
		return DOSSIER_NOT_FOUND;
	id = mc_rows_int(&row, 0, 0);
	status = (int)mc_rows_int(&row, 0, 1);
	step_seq = mc_rows_int(&row, 0, 3);
	if ((rc = mc_admin_over_agency(db, a, u,
		 (unsigned int)mc_rows_int(&row, 0, 4))) < 0)
		return -1;
	if (rc == 0)
		return DOSSIER_FORBIDDEN;
	if (expected_version > 0 &&
	    mc_rows_int(&row, 0, 2) != expected_version)
		return DOSSIER_CONFLICT;
	if (step_seq <= 0 ||
	    (status != STATUS_ACCEPTED && status != STATUS_PROCESSING &&
		status != STATUS_PAYMENT && status != STATUS_DECIDED))
		return DOSSIER_NOT_ALLOWED;
	if (mc_db_query(db, a, &step, stmts[STMT_STEP], "ii", id, step_seq) <
	    0)
		return -1;
	if (step.n == 0)
		return DOSSIER_NOT_ALLOWED;
	role = mc_rows_str(&step, 0, 0);
	if (officer_id > 0) {
		if (mc_db_query(db, a, &ok, stmts[STMT_OFFICER_OK], "iis",
			officer_id, (long long)agency_id, role) < 0)
			return -1;
		if (ok.n == 0)
			return DOSSIER_BAD_INPUT;
	} else if ((rc = mc_routing_staffed(db, a, agency_id, role)) <= 0)
		return rc < 0 ? -1 : DOSSIER_BAD_INPUT;
	mc_time_sql(at, now);
	if (mc_db_exec(db, stmts[STMT_STEP_MOVE], "iii", (long long)agency_id,
		id, step_seq) < 0 ||
	    mc_db_exec(db, stmts[STMT_DOSSIER_MOVE], "iIsi",
		(long long)agency_id, officer_id > 0 ? officer_id : 0, at,
		id) < 0 ||
	    mc_counters_move(db, a, id, now) < 0 ||
	    mc_db_exec(db, stmts[STMT_EVENT], "isIiisi", id, at, u->id,
		(long long)status, (long long)status, note, step_seq) < 0)
		return -1;
	/* In the audit log as the administrator's act where the step was. */
	ab.dossier_id = id;
	ab.agency_id = (unsigned int)mc_rows_int(&row, 0, 4);
	if (mc_audit_write_about(db, &e, &ab) < 0)
		return -1;
	if (officer_id > 0 &&
	    mc_notify_officer(db, a, officer_id, id, "new_work", note) < 0)
		return -1;
	return 0;
}

int
mc_routing_reassign(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const char *code, unsigned int agency_id,
    long long officer_id, const char *note, long long expected_version,
    time_t now, const char *address)
{
	int rc;

	if (u == NULL || code == NULL || agency_id == 0)
		return u == NULL ? DOSSIER_FORBIDDEN : DOSSIER_BAD_INPUT;
	if (mc_db_begin(db) < 0)
		return -1;
	if ((rc = reassign_in(db, a, u, code, agency_id, officer_id, note,
		 expected_version, now, address)) != 0) {
		mc_db_rollback(db);
		return rc;
	}
	return mc_db_commit(db);
}
