/*
 * The engine's routing at exclusive gateways (lib/domain/mc_dossier_steps,
 * mc_dossier_act) against the real database of a test instance
 * (MOTCUA_CONFIG): a workflow read from a BPMN diagram with a gateway on
 * a form field and one on the officer's decision is saved with its routes
 * for a procedure no other suite files (1.002270); dossiers whose answers
 * differ take their branches when forwarded, the officer's decision picks
 * the next, the branch not taken is marked skipped, sending back goes to
 * the step before on the path taken, and the outcomes offered are the
 * decision's. Without MOTCUA_CONFIG it fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "fixtures.h"
#include "mc_arena.h"
#include "mc_bpmn.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"

#define PROC "1.002270"

/* A receiver, two specialists' branches, a leader's decision, a return. */
#define FLOW(id, from, to) \
	"<bpmn:sequenceFlow id=\"" id "\" sourceRef=\"" from \
	"\" targetRef=\"" to "\"/>"
#define CFLOW(id, name, from, to, cond) \
	"<bpmn:sequenceFlow id=\"" id "\" name=\"" name \
	"\" sourceRef=\"" from "\" targetRef=\"" to \
	"\"><bpmn:conditionExpression>" cond \
	"</bpmn:conditionExpression></bpmn:sequenceFlow>"
#define TASK(id, name, role, hours) \
	"<bpmn:userTask id=\"" id "\" name=\"" name "\" mc:role=\"" role \
	"\" mc:hours=\"" hours "\"/>"
static const char diagram[] =
    "<?xml version=\"1.0\"?><bpmn:definitions "
    "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
    "xmlns:mc=\"" MC_BPMN_NS "\" id=\"D\"><bpmn:process id=\"P\">"
    "<bpmn:startEvent id=\"S\"/>" TASK("T1", "Tiếp nhận", "receiver",
	"2") "<bpmn:exclusiveGateway id=\"Gf\"/>" TASK("T2o",
	"Thẩm định tổ chức", "specialist",
	"14") TASK("T2c", "Thẩm định cá nhân", "specialist",
	"14") "<bpmn:exclusiveGateway id=\"Gd\" default=\"f8\"/>" TASK("T3",
	"Phê duyệt", "leader",
	"4") TASK("T4", "Từ chối", "leader", "4") TASK("T5", "Trả kết quả",
	"receiver", "4") "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S",
	"T1") FLOW("f2", "T1", "Gf") CFLOW("f3", "Tổ chức", "Gf", "T2o",
	"fields.applicant_type == &quot;organisation&quot;") FLOW("f4", "Gf",
	"T2c") FLOW("f5", "T2o", "Gd") FLOW("f6", "T2c", "Gd") CFLOW("f7",
	"Đồng ý", "Gd", "T3",
	"decision == &quot;approve&quot;") "<bpmn:sequenceFlow id=\"f8\" name=\"Không đồng ý\" sourceRef=\"Gd\" "
					   "targetRef=\"T4\"/>" FLOW("f9",
					       "T3", "T5") FLOW("f10", "T4",
					       "T5") FLOW("f11", "T5",
					       "E") "</bpmn:process></bpmn:definitions>";

enum stmt {
	STMT_PROC,
	STMT_VERSION,
	STMT_WORKFLOW,
	STMT_STEP,
	STMT_ROUTE,
	STMT_CURRENT,
	STMT_SKIPPED,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_PROC] = "SELECT id, agency_id FROM procedures WHERE code = ?",
	[STMT_VERSION] = "SELECT COALESCE(MAX(version), 0) + 1 FROM workflows "
	    "WHERE procedure_id = ?",
	[STMT_WORKFLOW] = "INSERT INTO workflows (procedure_id, version, name, "
	    "created_at, bpmn) VALUES (?, ?, 'unit_routes', NOW(), ?)",
	[STMT_STEP] = "INSERT INTO workflow_steps (workflow_id, seq, name, role, "
	    "minutes) VALUES (?, ?, ?, ?, ?)",
	[STMT_ROUTE] = "INSERT INTO workflow_routes (workflow_id, from_seq, ord, "
	    "to_seq, cond, label) VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_CURRENT] = "SELECT current_step, status FROM dossiers "
	    "WHERE code = ?",
	[STMT_SKIPPED] = "SELECT GROUP_CONCAT(s.skipped ORDER BY s.seq "
	    "SEPARATOR '') FROM dossier_steps s JOIN dossiers d "
	    "ON d.id = s.dossier_id WHERE d.code = ?",
};
/* clang-format on */

/* The diagram's steps and routes as the procedure's newest version. */
static int
save(struct mc_db *db, struct mc_arena *a, long long proc)
{
	struct mc_bpmn *b = mc_arena_alloc(a, sizeof(*b));
	struct mc_rows	r;
	long long	wf;
	size_t		i, ord = 0;

	if (mc_bpmn_parse(a, diagram, strlen(diagram), 24 * 60, b) != 0 ||
	    b->nsteps != 6 || b->nroutes != 8)
		return -1;
	if (mc_db_query(db, a, &r, stmts[STMT_VERSION], "i", proc) < 0 ||
	    mc_db_exec(db, stmts[STMT_WORKFLOW], "iis", proc,
		mc_rows_int(&r, 0, 0), diagram) < 0)
		return -1;
	wf = (long long)mc_db_insert_id(db);
	for (i = 0; i < b->nsteps; i++)
		if (mc_db_exec(db, stmts[STMT_STEP], "iissi", wf,
			(long long)i + 1, b->steps[i].name, b->steps[i].role,
			(long long)b->steps[i].minutes) < 0)
			return -1;
	for (i = 0; i < b->nroutes; i++) {
		ord = i > 0 && b->routes[i].from == b->routes[i - 1].from ?
		    ord + 1 :
		    1;
		if (mc_db_exec(db, stmts[STMT_ROUTE], "iiiiss", wf,
			(long long)b->routes[i].from + 1, (long long)ord,
			(long long)b->routes[i].to + 1, b->routes[i].cond,
			b->routes[i].label) < 0)
			return -1;
	}
	return 0;
}

static const char *
file(struct mc_db *db, struct mc_arena *a, const struct mc_user *citizen,
    const char *answers)
{
	struct mc_submission s;
	const char	    *code = NULL;

	memset(&s, 0, sizeof(s));
	s.procedure_code = PROC;
	s.account_id = citizen->id;
	s.name = "Lê Văn Tư";
	s.id_number = citizen->id_number;
	s.channel = CHANNEL_ONLINE;
	s.form_json = answers;
	if (mc_dossier_submit(db, a, &s, time(NULL), &code) != 0)
		return NULL;
	return code;
}

static int
act(struct mc_db *db, struct mc_arena *a, struct mc_user *u, const char *code,
    enum mc_action action, const char *decision, const char *note)
{
	struct mc_action_args args;

	memset(&args, 0, sizeof(args));
	args.decision = decision;
	args.note = note;
	return mc_dossier_act(db, a, u, code, action, &args, time(NULL));
}

/* The current step's seq. */
static int
step_of(struct mc_db *db, struct mc_arena *a, const char *code)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_CURRENT], "s", code) < 0 ||
	    r.n != 1)
		return -1;
	return (int)mc_rows_int(&r, 0, 0);
}

/* The steps' skipped flags, "010100". */
static const char *
skipped(struct mc_db *db, struct mc_arena *a, const char *code)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_SKIPPED], "s", code) < 0 ||
	    r.n != 1 || mc_rows_str(&r, 0, 0) == NULL)
		return "";
	return mc_rows_str(&r, 0, 0);
}

static void
test_routes(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows	  proc;
	struct mc_user	 *citizen, *receiver, *specialist, *leader;
	struct mc_dossier d;
	const char	 *org, *person, *values[8], *labels[8];
	unsigned int	  ag;
	size_t		  n;

	if (mc_db_query(db, a, &proc, stmts[STMT_PROC], "s", PROC) < 0 ||
	    proc.n != 1) {
		CHECK(!"procedure " PROC " in the catalogue");
		return;
	}
	ag = (unsigned int)mc_rows_int(&proc, 0, 1);
	CHECK_INT(save(db, a, mc_rows_int(&proc, 0, 0)), 0);
	citizen = fixture_account(db, a, "rte", "0777", 7, "citizen",
	    ROLE_CITIZEN, 0);
	receiver = fixture_account(db, a, "rte", NULL, 0, "receiver",
	    ROLE_RECEIVER, ag);
	specialist = fixture_account(db, a, "rte", NULL, 0, "specialist",
	    ROLE_SPECIALIST, ag);
	leader = fixture_account(db, a, "rte", NULL, 0, "leader", ROLE_LEADER,
	    ag);
	if (citizen == NULL || receiver == NULL || specialist == NULL ||
	    leader == NULL) {
		CHECK(!"test accounts");
		return;
	}
	org = file(db, a, citizen,
	    "{\"applicant_type\":\"organisation\",\"content\":\"a\"}");
	person = file(db, a, citizen, "{\"applicant_type\":\"person\"}");
	if (org == NULL || person == NULL) {
		CHECK(!"dossiers filed");
		return;
	}
	CHECK_INT(act(db, a, receiver, org, ACTION_ACCEPT, NULL, NULL), 0);
	CHECK_INT(act(db, a, receiver, person, ACTION_ACCEPT, NULL, NULL), 0);
	/* The field decides: the organisation's review, the person's. */
	CHECK_INT(act(db, a, receiver, org, ACTION_FORWARD, NULL, NULL), 0);
	CHECK_INT(act(db, a, receiver, person, ACTION_FORWARD, NULL, NULL), 0);
	CHECK_INT(step_of(db, a, org), 2);
	CHECK_INT(step_of(db, a, person), 3);
	CHECK(strcmp(skipped(db, a, org), "001000") == 0);
	CHECK(strcmp(skipped(db, a, person), "010000") == 0);
	/* The outcomes offered at the review: approve, and the default. */
	CHECK_INT(mc_dossier_load(db, a, org, &d), 1);
	CHECK_INT(mc_dossier_decisions(db, a, &d, values, labels, 8, &n), 0);
	CHECK_INT((int)n, 2);
	CHECK(n == 2 && strcmp(values[0], "approve") == 0 &&
	    strcmp(labels[0], "Đồng ý") == 0 && strcmp(values[1], "") == 0 &&
	    strcmp(labels[1], "Không đồng ý") == 0);
	/* Sent back: the step before on the path taken (1, not 2). */
	CHECK_INT(act(db, a, specialist, person, ACTION_SEND_BACK, NULL,
		      "Cần thẩm định lại"),
	    0);
	CHECK_INT(step_of(db, a, person), 1);
	CHECK_INT(mc_dossier_load(db, a, person, &d), 1);
	CHECK_INT(mc_dossier_decisions(db, a, &d, values, labels, 8, &n), 0);
	CHECK_INT((int)n, 0); /* the field decides there */
	CHECK_INT(act(db, a, receiver, person, ACTION_FORWARD, NULL, NULL), 0);
	CHECK_INT(step_of(db, a, person), 3);
	/* The decision: approve, or anything else (the default). */
	CHECK_INT(act(db, a, specialist, org, ACTION_FORWARD, "approve", NULL),
	    0);
	CHECK_INT(act(db, a, specialist, person, ACTION_FORWARD, "-", NULL),
	    0);
	CHECK_INT(step_of(db, a, org), 4);
	CHECK_INT(step_of(db, a, person), 5);
	CHECK(strcmp(skipped(db, a, org), "001010") == 0);
	CHECK(strcmp(skipped(db, a, person), "010100") == 0);
	/* Both join at the return: decided there. */
	CHECK_INT(act(db, a, leader, org, ACTION_FORWARD, NULL, NULL), 0);
	CHECK_INT(act(db, a, leader, person, ACTION_FORWARD, NULL, NULL), 0);
	CHECK_INT(step_of(db, a, org), 6);
	CHECK_INT(step_of(db, a, person), 6);
	CHECK_INT(mc_dossier_load(db, a, person, &d), 1);
	CHECK_INT(d.status, STATUS_DECIDED);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;

	if (!NEED_DB("test_routes"))
		return DONE();
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	test_routes(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
