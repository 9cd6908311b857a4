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
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
