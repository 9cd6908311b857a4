/*
 * Routing against the real database of a test instance (MOTCUA_CONFIG):
 * which steps nobody can take (before and after acceptance), the list of
 * stuck dossiers, and an administrator's move of a step (who may,
 * where to, the version check, the event). Without MOTCUA_CONFIG it
 * fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "fixtures.h"
#include "mc_admin.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_routing.h"
#include "mc_units.h"

enum stmt {
	STMT_PROCEDURE,
	STMT_DOSSIER,
	STMT_EVENT,
	STMT_DISABLE,
	STMT_AUDIT,
	STMT_DISSOLVE,
	STMT_ANY_PROCEDURE,
	STMT_PUT_DOSSIER,
	STMT_PUT_STEP,
	STMT_STUCK_REF,
	STMT_CLEAN_STEPS,
	STMT_CLEAN_DOSSIERS,
	STMT_CLEAN_COUNTERS,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* A commune-level procedure following the default workflow. */
	[STMT_PROCEDURE] = "SELECT p.code FROM procedures p "
	    "WHERE p.level_commune = 1 AND p.online = 1 AND NOT EXISTS "
	    "(SELECT 1 FROM workflows w WHERE w.procedure_id = p.id) "
	    "ORDER BY p.code LIMIT 1",
	[STMT_DOSSIER] = "SELECT status, current_step, current_agency_id, "
	    "holder_id, version FROM dossiers WHERE code = ?",
	[STMT_EVENT] = "SELECT e.note, e.internal FROM dossier_events e "
	    "JOIN dossiers d ON d.id = e.dossier_id "
	    "WHERE d.code = ? AND e.action = ? ORDER BY e.id DESC LIMIT 1",
	[STMT_DISABLE] = "UPDATE accounts SET disabled = ? WHERE id = ?",
	/* The audit log's entries of a dossier's step moves. */
	[STMT_AUDIT] = "SELECT l.account_id, l.address, l.agency_id, l.role "
	    "FROM audit_log l JOIN dossiers d ON d.id = l.dossier_id "
	    "WHERE d.code = ? AND l.event = 'dossier_action' "
	    "AND l.subject = 'reassign'",
	/*
	 * The test's agencies end dissolved (valid yesterday at the latest),
	 * so that pages listing today's wards (the filing form's 168) do not
	 * offer them to the end-to-end suite that runs after this one.
	 */
	[STMT_DISSOLVE] = "UPDATE agencies SET valid_to = CURDATE() - "
	    "INTERVAL 1 DAY WHERE code LIKE ?",
	[STMT_ANY_PROCEDURE] = "SELECT id FROM procedures ORDER BY id LIMIT 1",
	/* code, procedure, agency (twice), status, submitted_at, step. */
	[STMT_PUT_DOSSIER] = "INSERT INTO dossiers (code, procedure_id, "
	    "agency_id, current_agency_id, applicant_name, "
	    "applicant_id_number, channel, status, form_data, submitted_at, "
	    "received_at, due_at, step_warn_at, step_due_at, current_step, "
	    "updated_at) VALUES (?, ?, ?, ?, 'Trần Văn Kẹt', '079190000778', "
	    "2, ?, '{}', ?, ?, '2099-12-31 17:00:00', '2099-12-30 08:00:00', "
	    "'2099-12-31 17:00:00', ?, NOW())",
	[STMT_PUT_STEP] = "INSERT INTO dossier_steps (dossier_id, seq, name, "
	    "role, agency_id, minutes) SELECT id, ?, ?, ?, current_agency_id, "
	    "480 FROM dossiers WHERE code = ?",
	/*
	 * The straightforward answer: every open dossier of the agencies
	 * in scope, each asked whether a leader or a holder of its step's
	 * role is there (the statement before issue 12).
	 */
	[STMT_STUCK_REF] = "WITH RECURSIVE scope (id) AS (SELECT id FROM "
	    "agencies WHERE id = ? OR parent_id = ? UNION SELECT a.id FROM "
	    "agencies a JOIN scope ON a.successor_id = scope.id "
	    "AND a.valid_to < CURDATE()), "
	    "shown (id) AS (SELECT id FROM agencies WHERE id = ? "
	    "UNION SELECT a.id FROM agencies a JOIN shown "
	    "ON a.successor_id = shown.id AND ? = 0 "
	    "AND a.valid_to < CURDATE()) "
	    "SELECT d.code, COALESCE(s.role, 'receiver') AS role "
	    "FROM agencies ag "
	    "JOIN dossiers d ON d.current_agency_id = ag.id AND d.is_open = 1 "
	    "AND d.status <> 5 "
	    "LEFT JOIN dossier_steps s ON s.dossier_id = d.id "
	    "AND s.seq = d.current_step "
	    "WHERE ag.id IN (SELECT id FROM scope) "
	    "AND (? = 0 OR ag.id IN (SELECT id FROM shown)) "
	    "AND NOT EXISTS (SELECT 1 FROM account_roles r "
	    "JOIN accounts ac ON ac.id = r.account_id AND ac.disabled = 0 "
	    "WHERE r.agency_id = ag.id "
	    "AND r.role IN (COALESCE(s.role, 'receiver'), 'leader')) "
	    "ORDER BY d.submitted_at, d.id LIMIT ?",
	[STMT_CLEAN_STEPS] = "DELETE s FROM dossier_steps s JOIN dossiers d "
	    "ON d.id = s.dossier_id WHERE d.code LIKE ?",
	[STMT_CLEAN_DOSSIERS] = "DELETE FROM dossiers WHERE code LIKE ?",
	[STMT_CLEAN_COUNTERS] = "DELETE c FROM dossier_counters c "
	    "JOIN agencies ag ON ag.id = c.agency_id WHERE ag.code LIKE ?",
};
/* clang-format on */

static struct mc_user *
account(struct mc_db *db, struct mc_arena *a, const char *tag,
    enum mc_role role, unsigned int ag)
{
	return fixture_account(db, a, "rt", NULL, 0, tag, role, ag);
}

/* 1 if the code is in the stuck list of the agency (only: one under it). */
static int
stuck(struct mc_db *db, struct mc_arena *a, unsigned int ag, unsigned int only,
    const char *code)
{
	struct mc_rows rows;
	size_t	       i;

	if (mc_routing_stuck(db, a, ag, only, MC_UNITS_TODAY, 100, &rows) < 0)
		return -1;
	for (i = 0; i < rows.n; i++)
		if (strcmp(mc_rows_str(&rows, i, 0), code) == 0)
			return 1;
	return 0;
}

static long long
dossier_col(struct mc_db *db, struct mc_arena *a, const char *code, int col)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_DOSSIER], "s", code) < 0 ||
	    rows.n != 1)
		return -1;
	return mc_rows_int(&rows, 0, (size_t)col);
}

static void
test_routing(struct mc_db *db, struct mc_arena *a)
{
	struct mc_submission  s;
	struct mc_action_args args;
	struct mc_dossier     d;
	struct mc_rows	      rows, gaps;
	struct mc_user	     *recv, *spec2, *admin, *lead;
	const char	     *code = NULL, *tag;
	unsigned int	      parent, ward, ward2;

	tag = mc_arena_printf(a, "%d.%ld", (int)getpid() % 100000,
	    (long)time(NULL) % 100000);
	parent = fixture_agency(db, a, mc_arena_printf(a, "RT.%s.P", tag),
	    "unit", 0);
	ward = fixture_agency(db, a, mc_arena_printf(a, "RT.%s.W", tag),
	    "ward", parent);
	ward2 = fixture_agency(db, a, mc_arena_printf(a, "RT.%s.W2", tag),
	    "ward", parent);
	if (parent == 0 || ward == 0 || ward2 == 0) {
		CHECK(!"test agencies");
		return;
	}
	if (mc_db_query(db, a, &rows, stmts[STMT_PROCEDURE], "") < 0 ||
	    rows.n != 1) {
		CHECK(!"a commune-level procedure on the default workflow");
		return;
	}
	recv = account(db, a, "recv", ROLE_RECEIVER, ward);
	admin = account(db, a, "admin", ROLE_ADMIN, parent);
	if (recv == NULL || admin == NULL) {
		CHECK(!"test accounts");
		return;
	}
	CHECK_INT(mc_routing_staffed(db, a, ward, "receiver"), 1);
	CHECK_INT(mc_routing_staffed(db, a, ward, "specialist"), 0);
	CHECK_INT(mc_routing_staffed(db, a, ward, "leader"), 0);
	CHECK_INT(mc_routing_staffed(db, a, ward2, "receiver"), 0);

	memset(&s, 0, sizeof(s));
	s.procedure_code = mc_rows_str(&rows, 0, 0);
	s.agency_code = mc_arena_printf(a, "RT.%s.W", tag);
	s.name = "Lê Thị Hoa";
	s.id_number = "079190000777";
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code), 0);
	if (code == NULL)
		return;
	/* Before acceptance: the workflow's steps 2 and 3 have nobody. */
	CHECK_INT(mc_dossier_load(db, a, code, &d), 1);
	CHECK_INT(mc_routing_gaps(db, a, &d, &gaps), 0);
	CHECK_INT(gaps.n, 2);
	CHECK_INT(mc_rows_int(&gaps, 0, 0), 2);
	CHECK_STR(mc_rows_str(&gaps, 0, 2), "specialist");
	CHECK_INT(mc_rows_int(&gaps, 0, 3), ward);
	CHECK_STR(mc_rows_str(&gaps, 1, 2), "leader");
	CHECK_INT(stuck(db, a, parent, 0, code), 0); /* a receiver is there */

	/* Accepted all the same: the same steps still have nobody. */
	memset(&args, 0, sizeof(args));
	CHECK_INT(mc_dossier_act(db, a, recv, code, ACTION_ACCEPT, &args,
		      time(NULL)),
	    0);
	CHECK_INT(mc_dossier_load(db, a, code, &d), 1);
	CHECK_INT(mc_routing_gaps(db, a, &d, &gaps), 0);
	CHECK_INT(gaps.n, 2);
	CHECK_INT(mc_rows_int(&gaps, 0, 0), 2);
	CHECK_INT(stuck(db, a, parent, 0, code), 0); /* step 1: receiver */
	CHECK_INT(mc_dossier_act(db, a, recv, code, ACTION_FORWARD, &args,
		      time(NULL)),
	    0);
	CHECK_INT(dossier_col(db, a, code, 1), 2);

	/* At step 2 nobody can act: listed, at the ward, not at ward 2. */
	CHECK_INT(stuck(db, a, parent, 0, code), 1);
	CHECK_INT(stuck(db, a, parent, ward, code), 1);
	CHECK_INT(stuck(db, a, parent, ward2, code), 0);
	CHECK_INT(stuck(db, a, ward, 0, code), 1);
	CHECK_INT(mc_dossier_load(db, a, code, &d), 1);
	CHECK_INT(mc_routing_gaps(db, a, &d, &gaps), 0);
	CHECK_INT(gaps.n, 2);
	CHECK_INT(mc_rows_int(&gaps, 0, 0), 2);

	/* A leader at the ward could act: not stuck; disabled, stuck again. */
	lead = account(db, a, "lead", ROLE_LEADER, ward);
	CHECK(lead != NULL);
	if (lead != NULL) {
		CHECK_INT(stuck(db, a, parent, 0, code), 0);
		CHECK_INT(
		    mc_db_exec(db, stmts[STMT_DISABLE], "ii", 1LL, lead->id),
		    1);
		CHECK_INT(stuck(db, a, parent, 0, code), 1);
	}

	/* Who may move it, and where to. */
	CHECK_INT(mc_admin_over_agency(db, a, admin, ward), 1);
	CHECK_INT(mc_admin_over_agency(db, a, recv, ward), 0);
	CHECK_INT(mc_routing_reassign(db, a, recv, code, ward2, 0, NULL, 0,
		      time(NULL), NULL),
	    DOSSIER_FORBIDDEN);
	CHECK_INT(mc_routing_reassign(db, a, admin, code, ward2, 0, NULL, 0,
		      time(NULL), NULL),
	    DOSSIER_BAD_INPUT); /* nobody at ward 2 */
	spec2 = account(db, a, "spec2", ROLE_SPECIALIST, ward2);
	if (spec2 == NULL) {
		CHECK(!"specialist at ward 2");
		return;
	}
	CHECK_INT(mc_routing_reassign(db, a, admin, code, ward2, recv->id,
		      NULL, 0, time(NULL), NULL),
	    DOSSIER_BAD_INPUT); /* not there */
	CHECK_INT(mc_routing_reassign(db, a, admin, code, ward2, spec2->id,
		      NULL, 99, time(NULL), NULL),
	    DOSSIER_CONFLICT);
	CHECK_INT(mc_routing_reassign(db, a, admin, "NO-SUCH", ward2,
		      spec2->id, NULL, 0, time(NULL), NULL),
	    DOSSIER_NOT_FOUND);
	CHECK_INT(mc_routing_reassign(db, a, admin, code, ward2, spec2->id,
		      "Phường chưa có chuyên viên",
		      dossier_col(db, a, code, 4), time(NULL), "192.0.2.44"),
	    0);
	CHECK_INT(dossier_col(db, a, code, 2), ward2);
	CHECK_INT(dossier_col(db, a, code, 3), spec2->id);
	CHECK_INT(mc_db_query(db, a, &rows, stmts[STMT_EVENT], "ss", code,
		      "reassign"),
	    0);
	CHECK_INT(rows.n, 1);
	if (rows.n == 1) {
		CHECK_STR(mc_rows_str(&rows, 0, 0),
		    "Phường chưa có chuyên viên");
		CHECK_INT(mc_rows_int(&rows, 0, 1), 1); /* internal */
	}
	CHECK_INT(stuck(db, a, parent, 0, code), 0);
	/* In the audit log: who moved it, from where, at which agency. */
	CHECK_INT(mc_db_query(db, a, &rows, stmts[STMT_AUDIT], "s", code), 0);
	CHECK_INT(rows.n, 1);
	if (rows.n == 1) {
		CHECK_INT(mc_rows_int(&rows, 0, 0), admin->id);
		CHECK_STR(mc_rows_str(&rows, 0, 1), "192.0.2.44");
		CHECK_INT(mc_rows_int(&rows, 0, 2), ward);
		CHECK_STR(mc_rows_str(&rows, 0, 3), "admin");
	}

	/* The new holder acts; the leader's step at the ward is stuck. */
	CHECK_INT(mc_dossier_act(db, a, spec2, code, ACTION_FORWARD, &args,
		      time(NULL)),
	    0);
	CHECK_INT(dossier_col(db, a, code, 1), 3);
	CHECK_INT(dossier_col(db, a, code, 2), ward);
	CHECK_INT(stuck(db, a, parent, ward, code), 1);

	/* Closed dossiers have no gaps, and no step to move. */
	args.note = "dọn dẹp";
	CHECK_INT(mc_dossier_act(db, a, recv, code, ACTION_WITHDRAW, &args,
		      time(NULL)),
	    0);
	CHECK_INT(mc_dossier_load(db, a, code, &d), 1);
	CHECK_INT(mc_routing_gaps(db, a, &d, &gaps), 0);
	CHECK_INT(gaps.n, 0);
	CHECK_INT(stuck(db, a, parent, 0, code), 0);
	CHECK_INT(mc_routing_reassign(db, a, admin, code, ward2, 0, NULL, 0,
		      time(NULL), NULL),
	    DOSSIER_NOT_ALLOWED);
	CHECK_INT(mc_db_exec(db, stmts[STMT_DISSOLVE], "s",
		      mc_arena_printf(a, "RT.%s.%%", tag)),
	    3);
}

/* The codes of a list, one line each, in its order. */
static const char *
codes(struct mc_arena *a, const struct mc_rows *rows)
{
	const char *out = "";
	size_t	    i;

	for (i = 0; i < rows->n; i++)
		out = mc_arena_printf(a, "%s%s %s\n", out,
		    mc_rows_str(rows, i, 0), mc_rows_str(rows, i, 8));
	return out;
}

/*
 * The list of dossiers nobody can act on, read either way (sorted from the
 * agencies with no leader, or in the city's order of submission), against
 * the straightforward answer (each dossier asked), on a small set: a unit
 * with four wards, one with nobody, one with a receiver only, one with a
 * specialist and a disabled leader, one with a leader; dossiers before
 * acceptance and at steps of each role, some paused, submission times
 * shared between wards (ties by id), with limits cutting the list.
 */
static void
test_stuck_ways(struct mc_db *db, struct mc_arena *a)
{
	static const struct {
		int	    ward, status, step;
		const char *role; /* of the current step; NULL: none */
		int	    minute;
	} put[] = {
		{ 0, 1, 0, NULL, 5 },
		{ 0, 4, 2, "specialist", 1 },
		{ 0, 5, 2, "specialist", 0 },
		{ 0, 6, 3, "leader", 9 },
		{ 1, 1, 0, NULL, 1 },
		{ 1, 4, 2, "specialist", 5 },
		{ 1, 2, 1, "receiver", 3 },
		{ 1, 9, 4, "leader", 2 },
		{ 2, 4, 2, "specialist", 7 },
		{ 2, 4, 3, "leader", 1 },
		{ 2, 1, 0, NULL, 4 },
		{ 2, 5, 3, "leader", 2 },
		{ 3, 4, 2, "specialist", 3 },
		{ 3, 1, 0, NULL, 0 },
		{ 0, 2, 1, "receiver", 5 },
		{ 1, 4, 3, "leader", 5 },
		{ 2, 9, 4, "leader", 5 },
		{ 0, 4, 2, "specialist", 8 },
	};
	static const size_t limits[] = { 2, 5, 100 };
	struct mc_user	   *lead;
	struct mc_rows	    rows, ref;
	const char	   *tag, *code, *want, *got;
	unsigned int	    unit, ward[4], only[6];
	long long	    proc;
	size_t		    i, j, k;
	int		    way;
	char		    at[20];

	tag = mc_arena_printf(a, "%d.%ld", (int)getpid() % 100000,
	    (long)time(NULL) % 100000);
	unit = fixture_agency(db, a, mc_arena_printf(a, "RS.%s.U", tag),
	    "unit", 0);
	for (i = 0; i < 4; i++)
		ward[i] = fixture_agency(db, a,
		    mc_arena_printf(a, "RS.%s.W%zu", tag, i), "ward", unit);
	if (unit == 0 || ward[0] == 0 || ward[1] == 0 || ward[2] == 0 ||
	    ward[3] == 0 ||
	    mc_db_query(db, a, &rows, stmts[STMT_ANY_PROCEDURE], "") < 0 ||
	    rows.n != 1) {
		CHECK(!"test agencies and a procedure");
		return;
	}
	proc = mc_rows_int(&rows, 0, 0);
	lead = account(db, a, "slead2", ROLE_LEADER, ward[2]);
	if (account(db, a, "srecv", ROLE_RECEIVER, ward[1]) == NULL ||
	    account(db, a, "sspec", ROLE_SPECIALIST, ward[2]) == NULL ||
	    lead == NULL ||
	    account(db, a, "slead3", ROLE_LEADER, ward[3]) == NULL) {
		CHECK(!"test accounts");
		return;
	}
	CHECK_INT(mc_db_exec(db, stmts[STMT_DISABLE], "ii", 1LL, lead->id), 1);
	for (i = 0; i < sizeof(put) / sizeof(put[0]); i++) {
		code = mc_arena_printf(a, "RS.%s.%02zu", tag, i);
		snprintf(at, sizeof(at), "2025-03-04 10:%02d:00",
		    put[i].minute);
		CHECK_INT(mc_db_exec(db, stmts[STMT_PUT_DOSSIER], "siiiissi",
			      code, proc, (long long)ward[put[i].ward],
			      (long long)ward[put[i].ward],
			      (long long)put[i].status, at, at,
			      (long long)put[i].step),
		    1);
		if (put[i].role != NULL)
			CHECK_INT(mc_db_exec(db, stmts[STMT_PUT_STEP], "isss",
				      (long long)put[i].step, "Bước",
				      put[i].role, code),
			    1);
	}
	/* The unit as a whole, each ward alone, and the wards as shown. */
	only[0] = 0;
	for (i = 0; i < 4; i++)
		only[i + 1] = ward[i];
	only[5] = unit;
	for (i = 0; i < 6; i++)
		for (j = 0; j < sizeof(limits) / sizeof(limits[0]); j++) {
			if (mc_db_query(db, a, &ref, stmts[STMT_STUCK_REF],
				"iiiiii", (long long)unit, (long long)unit,
				(long long)only[i], (long long)MC_UNITS_TODAY,
				(long long)only[i],
				(long long)limits[j]) < 0) {
				CHECK(!"the straightforward answer");
				return;
			}
			want = "";
			for (k = 0; k < ref.n; k++)
				want = mc_arena_printf(a, "%s%s %s\n", want,
				    mc_rows_str(&ref, k, 0),
				    mc_rows_str(&ref, k, 1));
			for (way = MC_STUCK_AUTO; way <= MC_STUCK_BY_SUBMITTED;
			     way++) {
				if (mc_routing_stuck_way(db, a, unit, only[i],
					MC_UNITS_TODAY, limits[j], way,
					&rows) < 0) {
					CHECK(!"the stuck list");
					return;
				}
				got = codes(a, &rows);
				CHECK_STR(got, want);
			}
		}
	/* The set itself: 11 dossiers nobody can act on, oldest first. */
	CHECK_INT(mc_routing_stuck_way(db, a, unit, 0, MC_UNITS_TODAY, 100,
		      MC_STUCK_BY_SUBMITTED, &rows),
	    0);
	CHECK_STR(codes(a, &rows),
	    mc_arena_printf(a,
		"RS.%s.01 specialist\nRS.%s.09 leader\nRS.%s.07 leader\n"
		"RS.%s.10 receiver\nRS.%s.00 receiver\nRS.%s.05 specialist\n"
		"RS.%s.14 receiver\nRS.%s.15 leader\nRS.%s.16 leader\n"
		"RS.%s.17 specialist\nRS.%s.03 leader\n",
		tag, tag, tag, tag, tag, tag, tag, tag, tag, tag, tag));
	code = mc_arena_printf(a, "RS.%s.%%", tag);
	if (mc_db_begin(db) == 0) {
		CHECK(mc_db_exec(db, stmts[STMT_CLEAN_STEPS], "s", code) >= 0);
		CHECK_INT(
		    mc_db_exec(db, stmts[STMT_CLEAN_DOSSIERS], "s", code),
		    (int)(sizeof(put) / sizeof(put[0])));
		CHECK(mc_db_exec(db, stmts[STMT_CLEAN_COUNTERS], "s", code) >=
		    0);
		CHECK_INT(mc_db_commit(db), 0);
	}
	CHECK_INT(mc_db_exec(db, stmts[STMT_DISSOLVE], "s", code), 5);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;

	if (!NEED_DB("test_routing"))
		return DONE();
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	test_routing(db, a);
	test_stuck_ways(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
