/*
 * Parallel consultation (lib/domain/mc_dossier_steps, mc_dossier_act)
 * against the real database of a test instance (MOTCUA_CONFIG): a
 * workflow read from a BPMN diagram with a parallel split and join (the
 * tax office's opinion, and the land office's in two steps) saved for a
 * procedure no other suite files (1.001928). Forwarded after receipt, a
 * dossier has both branches open at once, each at its own agency with its
 * own due time in working time, the dossier's legal due unchanged; each
 * agency's officers find and do their own step only; the join waits for
 * every branch; two branches finished at the same moment on two
 * connections join exactly once; a dossier then goes on to the decision.
 * A workflow choosing its first step on the form (an exclusive gateway
 * right after the start) starts each dossier at its own first step. Each
 * open branch step gets its own holder from its agency's leader.
 * Without MOTCUA_CONFIG it fails.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "fixtures.h"
#include "mc_arena.h"
#include "mc_bpmn.h"
#include "mc_calendar.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_util.h"

#define PROC  "1.001928" /* Sở Tư pháp, 112 working hours */
#define TAX   "000.00.02.H29"
#define LAND  "000.00.04.H29"
#define RACES 4
#define NESTED_PROC \
	"1.000614" /* Sở Tư pháp, 40 working hours; no other suite's */
#define START_PROC \
	"1.002153" /* Sở Tư pháp, 40 working hours; no other suite's */

#define FLOW(id, from, to) \
	"<bpmn:sequenceFlow id=\"" id "\" sourceRef=\"" from \
	"\" targetRef=\"" to "\"/>"
#define TASK(id, name, role, agency, hours) \
	"<bpmn:userTask id=\"" id "\" name=\"" name "\" mc:role=\"" role \
	"\"" agency " mc:hours=\"" hours "\"/>"
/* Steps 1 receipt, 2 tax, 3 land, 4 survey, 5 decision, 6 return. */
static const char diagram[] =
    "<?xml version=\"1.0\"?><bpmn:definitions "
    "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
    "xmlns:mc=\"" MC_BPMN_NS "\" id=\"D\"><bpmn:process id=\"P\">"
    "<bpmn:startEvent id=\"S\"/>" TASK("T1", "Tiếp nhận", "receiver", "",
	"8") "<bpmn:parallelGateway id=\"Ps\"/>" TASK("A",
	"Ý kiến cơ quan thuế", "specialist", " mc:agency=\"" TAX "\"",
	"40") TASK("B1", "Ý kiến cơ quan đất đai", "specialist",
	" mc:agency=\"" LAND "\"", "24") TASK("B2", "Đo đạc thửa đất",
	"specialist", " mc:agency=\"" LAND "\"",
	"16") "<bpmn:parallelGateway id=\"Pj\"/>" TASK("T4", "Phê duyệt",
	"leader", "", "48") TASK("T5", "Trả kết quả", "receiver", "",
	"16") "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S", "T1")
	FLOW("f2", "T1", "Ps") FLOW("f3", "Ps", "A") FLOW("f4", "Ps", "B1")
	    FLOW("f5", "B1", "B2") FLOW("f6", "A", "Pj") FLOW("f7", "B2", "Pj")
		FLOW("f8", "Pj", "T4") FLOW("f9", "T4", "T5") FLOW("f10", "T5",
		    "E") "</bpmn:process></bpmn:definitions>";

enum stmt {
	STMT_PROC,
	STMT_AGENCY,
	STMT_VERSION,
	STMT_WORKFLOW,
	STMT_STEP,
	STMT_ROUTE,
	STMT_CURRENT,
	STMT_OPEN,
	STMT_STEP_DUE,
	STMT_FORWARDS,
	STMT_SKIPPED,
	STMT_HOLDER,
	STMT_STEP_HOLDER,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_PROC] = "SELECT id, agency_id FROM procedures WHERE code = ?",
	[STMT_AGENCY] = "SELECT id FROM agencies WHERE code = ?",
	[STMT_VERSION] = "SELECT COALESCE(MAX(version), 0) + 1 FROM workflows "
	    "WHERE procedure_id = ?",
	[STMT_WORKFLOW] = "INSERT INTO workflows (procedure_id, version, name, "
	    "created_at, bpmn) VALUES (?, ?, 'unit_parallel', NOW(), ?)",
	[STMT_STEP] = "INSERT INTO workflow_steps (workflow_id, seq, name, role, "
	    "agency_id, minutes) VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_ROUTE] = "INSERT INTO workflow_routes (workflow_id, from_seq, ord, "
	    "to_seq, cond, label, kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[STMT_CURRENT] = "SELECT current_step, status, current_agency_id, "
	    "due_at, step_due_at FROM dossiers WHERE code = ?",
	/* The open steps, "2,3". */
	[STMT_OPEN] = "SELECT GROUP_CONCAT(s.seq ORDER BY s.seq) "
	    "FROM dossier_steps s JOIN dossiers d ON d.id = s.dossier_id "
	    "WHERE d.code = ? AND s.started_at IS NOT NULL "
	    "AND s.finished_at IS NULL",
	[STMT_STEP_DUE] = "SELECT s.due_at, s.agency_id, s.started_at "
	    "FROM dossier_steps s JOIN dossiers d ON d.id = s.dossier_id "
	    "WHERE d.code = ? AND s.seq = ?",
	/* The moves onto step seq (the join's: exactly one). */
	[STMT_FORWARDS] = "SELECT COUNT(*) FROM dossier_events e "
	    "JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = ? "
	    "AND e.action = 'forward' AND e.step = ?",
	[STMT_SKIPPED] = "SELECT s.skipped FROM dossier_steps s "
	    "JOIN dossiers d ON d.id = s.dossier_id WHERE d.code = ? "
	    "AND s.seq = ?",
	[STMT_HOLDER] = "SELECT COALESCE(holder_id, 0) FROM dossiers "
	    "WHERE code = ?",
	[STMT_STEP_HOLDER] = "SELECT COALESCE(s.holder_id, 0) "
	    "FROM dossier_steps s JOIN dossiers d ON d.id = s.dossier_id "
	    "WHERE d.code = ? AND s.seq = ?",
};
/* clang-format on */

static long long
agency_id(struct mc_db *db, struct mc_arena *a, const char *code)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_AGENCY], "s", code) < 0 ||
	    r.n != 1)
		return -1;
	return mc_rows_int(&r, 0, 0);
}

/*
 * Steps 1 receipt; 2 tax || 3 land, then 4 survey when the plot is large
 * or else 5 a map check, at the land office; 6 summary; 7 land office's
 * sign-off || 8 tax office's; 9 decision; 10 return (40 working hours).
 */
static const char nested[] =
    "<?xml version=\"1.0\"?><bpmn:definitions "
    "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
    "xmlns:mc=\"" MC_BPMN_NS "\" id=\"D\"><bpmn:process id=\"P\">"
    "<bpmn:startEvent id=\"S\"/>" TASK("T1", "Tiếp nhận", "receiver", "",
	"2") "<bpmn:parallelGateway id=\"Ps\"/>" TASK("A", "Ý kiến thuế",
	"specialist", " mc:agency=\"" TAX "\"", "8") TASK("B1",
	"Ý kiến đất đai", "specialist", " mc:agency=\"" LAND "\"",
	"4") "<bpmn:exclusiveGateway id=\"X\" default=\"f7\"/>" TASK("B2",
	"Đo đạc", "specialist", " mc:agency=\"" LAND "\"", "4") TASK("B3",
	"Đối chiếu bản đồ", "specialist", " mc:agency=\"" LAND "\"",
	"4") "<bpmn:parallelGateway id=\"Pj\"/>" TASK("T4", "Tổng hợp",
	"specialist", "", "2") "<bpmn:parallelGateway id=\"Ps2\"/>" TASK("C",
	"Đất đai xác nhận", "specialist", " mc:agency=\"" LAND "\"",
	"2") TASK("D", "Thuế xác nhận", "specialist", " mc:agency=\"" TAX "\"",
	"2") "<bpmn:parallelGateway id=\"Pj2\"/>" TASK("T6", "Phê duyệt",
	"leader", "", "24") TASK("T7", "Trả kết quả", "receiver", "",
	"2") "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S", "T1") FLOW("f2", "T1",
	"Ps") FLOW("f3", "Ps", "A") FLOW("f4", "Ps", "B1") FLOW("f5", "B1",
	"X") "<bpmn:sequenceFlow id=\"f6\" sourceRef=\"X\" targetRef=\"B2\">"
	     "<bpmn:conditionExpression>fields.area == \"large\""
	     "</bpmn:conditionExpression></bpmn:sequenceFlow>" FLOW("f7", "X",
		 "B3") FLOW("f8", "A", "Pj") FLOW("f9", "B2", "Pj") FLOW("f10",
		 "B3", "Pj") FLOW("f11", "Pj", "T4") FLOW("f12", "T4", "Ps2")
		 FLOW("f13", "Ps2", "C") FLOW("f14", "Ps2", "D")
		     FLOW("f15", "C", "Pj2") FLOW("f16", "D", "Pj2")
			 FLOW("f17", "Pj2", "T6") FLOW("f18", "T6", "T7")
			     FLOW("f19", "T7", "E") "</bpmn:process>"
						    "</bpmn:definitions>";

/* The diagram's steps and routes as the procedure's newest version. */
static int
save_xml(struct mc_db *db, struct mc_arena *a, long long proc, const char *xml,
    long legal, size_t nsteps)
{
	struct mc_bpmn *b = mc_arena_alloc(a, sizeof(*b));
	struct mc_rows	r;
	long long	wf, ag;
	size_t		i, ord = 0;

	if (mc_bpmn_parse(a, xml, strlen(xml), legal, b) != 0 ||
	    b->nsteps != nsteps)
		return -1;
	if (mc_db_query(db, a, &r, stmts[STMT_VERSION], "i", proc) < 0 ||
	    mc_db_exec(db, stmts[STMT_WORKFLOW], "iis", proc,
		mc_rows_int(&r, 0, 0), xml) < 0)
		return -1;
	wf = (long long)mc_db_insert_id(db);
	for (i = 0; i < b->nsteps; i++) {
		ag = b->steps[i].agency ?
		    agency_id(db, a, b->steps[i].agency) :
		    0;
		if (ag < 0 ||
		    mc_db_exec(db, stmts[STMT_STEP], "iissIi", wf,
			(long long)i + 1, b->steps[i].name, b->steps[i].role,
			ag, (long long)b->steps[i].minutes) < 0)
			return -1;
	}
	for (i = 0; i < b->nroutes; i++) {
		ord = i > 0 && b->routes[i].from == b->routes[i - 1].from ?
		    ord + 1 :
		    1;
		if (mc_db_exec(db, stmts[STMT_ROUTE], "iiiissi", wf,
			b->routes[i].from == MC_BPMN_FROM_START ?
			    0LL :
			    (long long)b->routes[i].from + 1,
			(long long)ord, (long long)b->routes[i].to + 1,
			b->routes[i].cond, b->routes[i].label,
			(long long)b->routes[i].kind) < 0)
			return -1;
	}
	return 0;
}

static int
save(struct mc_db *db, struct mc_arena *a, long long proc)
{
	return save_xml(db, a, proc, diagram, 112 * 60, 6);
}

static const char *
file_in(struct mc_db *db, struct mc_arena *a, const struct mc_user *citizen,
    const char *proc, const char *form)
{
	struct mc_submission s;
	const char	    *code = NULL;

	memset(&s, 0, sizeof(s));
	s.procedure_code = proc;
	s.account_id = citizen->id;
	s.name = "Phạm Thị Năm";
	s.id_number = citizen->id_number;
	s.channel = CHANNEL_ONLINE;
	s.form_json = form;
	if (mc_dossier_submit(db, a, &s, time(NULL), &code) != 0)
		return NULL;
	return code;
}

static const char *
file(struct mc_db *db, struct mc_arena *a, const struct mc_user *citizen)
{
	return file_in(db, a, citizen, PROC, "{\"content\":\"parallel\"}");
}

static int
act(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    const char *code, enum mc_action action, int step, time_t now)
{
	struct mc_action_args args;

	memset(&args, 0, sizeof(args));
	args.step = step;
	args.note = action == ACTION_SEND_BACK ? "Cần thẩm định lại" : NULL;
	return mc_dossier_act(db, a, u, code, action, &args, now);
}

static const char *
open_steps(struct mc_db *db, struct mc_arena *a, const char *code)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_OPEN], "s", code) < 0 ||
	    r.n != 1 || mc_rows_str(&r, 0, 0) == NULL)
		return "";
	return mc_rows_str(&r, 0, 0);
}

static long long
forwards(struct mc_db *db, struct mc_arena *a, const char *code, int step)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_FORWARDS], "si", code,
		(long long)step) < 0 ||
	    r.n != 1)
		return -1;
	return mc_rows_int(&r, 0, 0);
}

/* The open parallel steps u may do on the dossier, "2,3". */
static const char *
mine(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    const char *code)
{
	struct mc_dossier d;
	int		  seqs[8];
	size_t		  n = 0, i;
	char		 *out = mc_arena_alloc(a, 64);

	out[0] = '\0';
	if (mc_dossier_load(db, a, code, &d) != 1 ||
	    mc_dossier_branch_steps(db, a, u, &d, seqs, 8, &n) < 0)
		return "error";
	for (i = 0; i < n; i++)
		snprintf(out + strlen(out), 64 - strlen(out), "%s%d",
		    i ? "," : "", seqs[i]);
	return out;
}

/* 1 if the agency's inbox of open parallel steps lists code at seq. */
static int
in_inbox(struct mc_db *db, struct mc_arena *a, long long agency,
    const char *code, int seq)
{
	struct mc_rows r;
	size_t	       i;

	if (mc_dossier_branch_inbox(db, a, (unsigned int)agency, 100000, &r) <
	    0)
		return -1;
	for (i = 0; i < r.n; i++)
		if (strcmp(mc_rows_str(&r, i, 0), code) == 0 &&
		    mc_rows_int(&r, i, 2) == seq)
			return 1;
	return 0;
}

/* One side of a race: its own connection, started with the other. */
struct racer {
	struct mc_db	     *db;
	struct mc_arena	     *a;
	const struct mc_user *u;
	const char	     *code;
	int		      step;
	time_t		      now;
	pthread_barrier_t    *go;
	int		      rc;
};

static void *
race_run(void *arg)
{
	struct racer *r = arg;

	pthread_barrier_wait(r->go);
	r->rc = act(r->db, r->a, r->u, r->code, ACTION_FORWARD, r->step,
	    r->now);
	return NULL;
}

struct people {
	struct mc_user *citizen, *receiver, *leader, *tax, *land, *spec;
	struct mc_user *tax_lead;
	long long	tax_id, land_id;
};

/* 1 if the dossier's step seq is marked skipped (a branch not taken). */
static int
skipped(struct mc_db *db, struct mc_arena *a, const char *code, int seq)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_SKIPPED], "si", code,
		(long long)seq) < 0 ||
	    r.n != 1)
		return -1;
	return (int)mc_rows_int(&r, 0, 0);
}

/*
 * The nested workflow (NESTED_PROC): the land office's branch chooses by
 * the plot's size while the tax office's stays open, untouched; the
 * block joins, a second block follows and joins, the decision last.
 */
static void
test_nested(struct mc_db *db, struct mc_arena *a, const struct people *p,
    const char *area, int taken, int other)
{
	struct mc_rows after;
	const char    *code;

	if ((code = file_in(db, a, p->citizen, NESTED_PROC,
		 mc_arena_printf(a, "{\"area\":\"%s\"}", area))) == NULL) {
		CHECK(!"dossier filed");
		return;
	}
	CHECK_INT(act(db, a, p->receiver, code, ACTION_ACCEPT, 0, time(NULL)),
	    0);
	CHECK_INT(act(db, a, p->receiver, code, ACTION_FORWARD, 0, time(NULL)),
	    0);
	CHECK(strcmp(open_steps(db, a, code), "2,3") == 0);
	/* The land office's first step: its branch chooses, the tax
	 * office's step stays open and not skipped. */
	CHECK_INT(act(db, a, p->land, code, ACTION_FORWARD, 3, time(NULL)), 0);
	CHECK(strcmp(open_steps(db, a, code),
		  mc_arena_printf(a, "2,%d", taken)) == 0);
	CHECK_INT(skipped(db, a, code, other), 1);
	CHECK_INT(skipped(db, a, code, taken), 0);
	CHECK_INT(skipped(db, a, code, 2), 0);
	CHECK_INT(skipped(db, a, code, 6), 0);
	CHECK(strcmp(mine(db, a, p->tax, code), "2") == 0);
	CHECK(strcmp(mine(db, a, p->land, code),
		  mc_arena_printf(a, "%d", taken)) == 0);
	/* The tax office answers; the join waits for the land office. */
	CHECK_INT(act(db, a, p->tax, code, ACTION_FORWARD, 2, time(NULL)), 0);
	CHECK(strcmp(open_steps(db, a, code),
		  mc_arena_printf(a, "%d", taken)) == 0);
	CHECK_INT(act(db, a, p->land, code, ACTION_FORWARD, taken, time(NULL)),
	    0);
	CHECK(strcmp(open_steps(db, a, code), "6") == 0);
	CHECK_INT(forwards(db, a, code, 6), 1);
	/* The second block: both offices again, then the decision. */
	CHECK_INT(act(db, a, p->spec, code, ACTION_FORWARD, 0, time(NULL)), 0);
	CHECK(strcmp(open_steps(db, a, code), "7,8") == 0);
	CHECK(strcmp(mine(db, a, p->land, code), "7") == 0);
	CHECK(strcmp(mine(db, a, p->tax, code), "8") == 0);
	CHECK_INT(act(db, a, p->tax, code, ACTION_FORWARD, 8, time(NULL)), 0);
	CHECK(strcmp(open_steps(db, a, code), "7") == 0);
	CHECK_INT(act(db, a, p->land, code, ACTION_FORWARD, 7, time(NULL)), 0);
	CHECK(strcmp(open_steps(db, a, code), "9") == 0);
	CHECK_INT(forwards(db, a, code, 9), 1);
	CHECK_INT(act(db, a, p->leader, code, ACTION_FORWARD, 0, time(NULL)),
	    0);
	CHECK_INT(mc_db_query(db, a, &after, stmts[STMT_CURRENT], "s", code),
	    0);
	CHECK(after.n == 1 && mc_rows_int(&after, 0, 0) == 10 &&
	    mc_rows_int(&after, 0, 1) == STATUS_DECIDED);
	CHECK_INT(skipped(db, a, code, other), 1);
}

/*
 * Steps 1 an organisation's receipt (receiver) or 2 a person's file
 * opened by a specialist, chosen on the form right after the start; 3
 * the decision; 4 the return (40 working hours).
 */
static const char starting[] =
    "<?xml version=\"1.0\"?><bpmn:definitions "
    "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
    "xmlns:mc=\"" MC_BPMN_NS "\" id=\"D\"><bpmn:process id=\"P\">"
    "<bpmn:startEvent id=\"S\"/>"
    "<bpmn:exclusiveGateway id=\"G0\" default=\"f3\"/>" TASK("A",
	"Tiếp nhận tổ chức", "receiver", "",
	"2") TASK("B", "Mở hồ sơ cá nhân", "specialist", "", "2") TASK("C",
	"Phê duyệt", "leader", "", "36") TASK("R", "Trả kết quả", "receiver",
	"", "2") "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S",
	"G0") "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"G0\" targetRef=\"A\">"
	      "<bpmn:conditionExpression>fields.kind == &quot;org&quot;"
	      "</bpmn:conditionExpression></bpmn:sequenceFlow>" FLOW("f3",
		  "G0", "B") FLOW("f4", "A", "C") FLOW("f5", "B", "C")
		  FLOW("f6", "C", "R") FLOW("f7", "R",
		      "E") "</bpmn:process></bpmn:definitions>";

static long long
holder(struct mc_db *db, struct mc_arena *a, const char *code)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_HOLDER], "s", code) < 0 ||
	    r.n != 1)
		return -1;
	return mc_rows_int(&r, 0, 0);
}

/*
 * The first step chosen at acceptance on the form (kind): the other
 * choice's step skipped; held by the receiver accepting when it is a
 * receiver's step, else by nobody yet. Sent back, the dossier returns to
 * its own first step and no further.
 */
static void
test_start(struct mc_db *db, struct mc_arena *a, const struct people *p,
    const char *kind, int first, int other)
{
	struct mc_rows now;
	const char    *code;

	if ((code = file_in(db, a, p->citizen, START_PROC,
		 mc_arena_printf(a, "{\"kind\":\"%s\"}", kind))) == NULL) {
		CHECK(!"dossier filed");
		return;
	}
	CHECK_INT(act(db, a, p->receiver, code, ACTION_ACCEPT, 0, time(NULL)),
	    0);
	CHECK(strcmp(open_steps(db, a, code),
		  mc_arena_printf(a, "%d", first)) == 0);
	CHECK_INT(skipped(db, a, code, other), 1);
	CHECK_INT(skipped(db, a, code, first), 0);
	CHECK_INT(skipped(db, a, code, 3), 0);
	CHECK_INT(holder(db, a, code), first == 1 ? p->receiver->id : 0);
	CHECK_INT(act(db, a, first == 1 ? p->receiver : p->spec, code,
		      ACTION_FORWARD, 0, time(NULL)),
	    0);
	CHECK(strcmp(open_steps(db, a, code), "3") == 0);
	CHECK_INT(act(db, a, p->leader, code, ACTION_SEND_BACK, 0, time(NULL)),
	    0);
	CHECK_INT(mc_db_query(db, a, &now, stmts[STMT_CURRENT], "s", code), 0);
	CHECK(now.n == 1 && mc_rows_int(&now, 0, 0) == first &&
	    mc_rows_int(&now, 0, 1) == STATUS_PROCESSING);
	CHECK_INT(act(db, a, first == 1 ? p->receiver : p->spec, code,
		      ACTION_SEND_BACK, 0, time(NULL)),
	    DOSSIER_NOT_ALLOWED);
}

static long long
step_holder(struct mc_db *db, struct mc_arena *a, const char *code, int seq)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_STEP_HOLDER], "si", code,
		(long long)seq) < 0 ||
	    r.n != 1)
		return -1;
	return mc_rows_int(&r, 0, 0);
}

static int
assign(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    const char *code, int step, long long officer)
{
	struct mc_action_args args;

	memset(&args, 0, sizeof(args));
	args.step = step;
	args.officer_id = officer;
	return mc_dossier_act(db, a, u, code, ACTION_ASSIGN, &args,
	    time(NULL));
}

/*
 * Each open branch step its own holder: the tax office's leader gives
 * the tax step to its officer, the dossier's holder and the land step
 * untouched; nobody else's leader may, nor to an officer of another
 * agency; the holder is shown with the step until it is done.
 */
static void
test_branch_holder(struct mc_db *db, struct mc_arena *a,
    const struct people *p)
{
	const char *code;
	long long   before;

	if ((code = file(db, a, p->citizen)) == NULL) {
		CHECK(!"dossier filed");
		return;
	}
	CHECK_INT(act(db, a, p->receiver, code, ACTION_ACCEPT, 0, time(NULL)),
	    0);
	CHECK_INT(act(db, a, p->receiver, code, ACTION_FORWARD, 0, time(NULL)),
	    0);
	CHECK(strcmp(open_steps(db, a, code), "2,3") == 0);
	before = holder(db, a, code);
	CHECK_INT(step_holder(db, a, code, 2), 0);
	CHECK_INT(assign(db, a, p->tax_lead, code, 2, p->tax->id), 0);
	CHECK_INT(step_holder(db, a, code, 2), p->tax->id);
	CHECK_INT(step_holder(db, a, code, 3), 0);
	CHECK_INT(holder(db, a, code), before);
	/* The receiving agency's leader is not the tax office's. */
	CHECK(assign(db, a, p->leader, code, 2, p->tax->id) != 0);
	/* A land officer cannot hold the tax office's step. */
	CHECK_INT(assign(db, a, p->tax_lead, code, 2, p->land->id),
	    DOSSIER_BAD_INPUT);
	CHECK_INT(step_holder(db, a, code, 2), p->tax->id);
	/* The holder does the step; the land step is still nobody's. */
	CHECK_INT(act(db, a, p->tax, code, ACTION_FORWARD, 2, time(NULL)), 0);
	CHECK(strcmp(open_steps(db, a, code), "3") == 0);
	CHECK_INT(step_holder(db, a, code, 3), 0);
}

static void
test_split(struct mc_db *db, struct mc_arena *a, const struct people *p)
{
	struct mc_rows before, after, st;
	const char    *code;
	time_t	       now;

	if ((code = file(db, a, p->citizen)) == NULL) {
		CHECK(!"dossier filed");
		return;
	}
	CHECK_INT(act(db, a, p->receiver, code, ACTION_ACCEPT, 0, time(NULL)),
	    0);
	CHECK_INT(mc_db_query(db, a, &before, stmts[STMT_CURRENT], "s", code),
	    0);
	/* Forwarded after receipt: both offices at once. */
	now = time(NULL);
	CHECK_INT(act(db, a, p->receiver, code, ACTION_FORWARD, 0, now), 0);
	CHECK(strcmp(open_steps(db, a, code), "2,3") == 0);
	CHECK_INT(mc_db_query(db, a, &after, stmts[STMT_CURRENT], "s", code),
	    0);
	CHECK_INT(mc_rows_int(&after, 0, 0), 2);
	CHECK_INT(mc_rows_int(&after, 0, 1), STATUS_PROCESSING);
	CHECK_INT(mc_rows_int(&after, 0, 2), p->tax_id);
	/* The legal due stays; each step has its own, in working time. */
	CHECK(strcmp(mc_rows_str(&before, 0, 3), mc_rows_str(&after, 0, 3)) ==
	    0);
	CHECK_INT(
	    mc_db_query(db, a, &st, stmts[STMT_STEP_DUE], "si", code, 2LL), 0);
	CHECK(st.n == 1 &&
	    mc_time_parse(mc_rows_str(&st, 0, 0)) ==
		mc_calendar_add_minutes(now, 40 * 60));
	CHECK(st.n == 1 && mc_rows_int(&st, 0, 1) == p->tax_id);
	CHECK_INT(
	    mc_db_query(db, a, &st, stmts[STMT_STEP_DUE], "si", code, 3LL), 0);
	CHECK(st.n == 1 &&
	    mc_time_parse(mc_rows_str(&st, 0, 0)) ==
		mc_calendar_add_minutes(now, 24 * 60));
	CHECK(st.n == 1 && mc_rows_int(&st, 0, 1) == p->land_id);
	/* The dossier's step due: the earliest of the open steps'. */
	CHECK(strcmp(mc_rows_str(&after, 0, 4), mc_rows_str(&st, 0, 0)) == 0);
	/* Each office sees and does its own step only. */
	CHECK(strcmp(mine(db, a, p->tax, code), "2") == 0);
	CHECK(strcmp(mine(db, a, p->land, code), "3") == 0);
	CHECK(strcmp(mine(db, a, p->receiver, code), "") == 0);
	CHECK_INT(in_inbox(db, a, p->land_id, code, 3), 1);
	CHECK_INT(in_inbox(db, a, p->tax_id, code, 2), 1);
	CHECK_INT(in_inbox(db, a, p->tax_id, code, 3), 0);
	CHECK_INT(act(db, a, p->land, code, ACTION_FORWARD, 2, time(NULL)),
	    DOSSIER_FORBIDDEN);
	CHECK_INT(act(db, a, p->tax, code, ACTION_FORWARD, 5, time(NULL)),
	    DOSSIER_NOT_ALLOWED);
	CHECK_INT(act(db, a, p->tax, code, ACTION_CLAIM, 3, time(NULL)),
	    DOSSIER_BAD_INPUT);
	/* No sending back or deciding while the branches are open. */
	CHECK_INT(act(db, a, p->tax, code, ACTION_SEND_BACK, 0, time(NULL)),
	    DOSSIER_NOT_ALLOWED);
	/* The land office's first step leads to its second. */
	CHECK_INT(act(db, a, p->land, code, ACTION_FORWARD, 3, time(NULL)), 0);
	CHECK(strcmp(open_steps(db, a, code), "2,4") == 0);
	CHECK_INT(in_inbox(db, a, p->land_id, code, 3), 0);
	CHECK_INT(in_inbox(db, a, p->land_id, code, 4), 1);
	/* Done by the land office: the join waits for the tax office. */
	CHECK_INT(act(db, a, p->land, code, ACTION_FORWARD, 4, time(NULL)), 0);
	CHECK(strcmp(open_steps(db, a, code), "2") == 0);
	CHECK_INT(mc_db_query(db, a, &after, stmts[STMT_CURRENT], "s", code),
	    0);
	CHECK_INT(mc_rows_int(&after, 0, 0), 2);
	CHECK_INT(forwards(db, a, code, 5), 0);
	/* The tax office answers (the current step, no step named). */
	CHECK_INT(act(db, a, p->tax, code, ACTION_FORWARD, 0, time(NULL)), 0);
	CHECK(strcmp(open_steps(db, a, code), "5") == 0);
	CHECK_INT(mc_db_query(db, a, &after, stmts[STMT_CURRENT], "s", code),
	    0);
	CHECK_INT(mc_rows_int(&after, 0, 0), 5);
	CHECK_INT(mc_rows_int(&after, 0, 2),
	    mc_rows_int(&before, 0, 2)); /* back at the receiving agency */
	CHECK(strcmp(mine(db, a, p->tax, code), "") == 0);
	/* Sent back from the decision: the last branch step before it. */
	CHECK_INT(act(db, a, p->leader, code, ACTION_SEND_BACK, 0, time(NULL)),
	    0);
	CHECK_INT(act(db, a, p->land, code, ACTION_FORWARD, 0, time(NULL)), 0);
	CHECK(strcmp(open_steps(db, a, code), "5") == 0);
	CHECK_INT(act(db, a, p->leader, code, ACTION_FORWARD, 0, time(NULL)),
	    0);
	CHECK_INT(mc_db_query(db, a, &after, stmts[STMT_CURRENT], "s", code),
	    0);
	CHECK_INT(mc_rows_int(&after, 0, 0), 6);
	CHECK_INT(mc_rows_int(&after, 0, 1), STATUS_DECIDED);
}

/*
 * The two last branches finished at once, on two connections, RACES
 * times: both succeed and the dossier moves on to the decision once.
 */
static void
test_race(struct mc_db *db, struct mc_arena *a, const struct people *p)
{
	pthread_barrier_t go;
	struct racer	  x, y;
	pthread_t	  tx, ty;
	const char	 *code;
	struct mc_rows	  after;
	int		  i;

	memset(&x, 0, sizeof(x));
	memset(&y, 0, sizeof(y));
	x.db = mc_db_open();
	y.db = mc_db_open();
	x.a = mc_arena_new(65536);
	y.a = mc_arena_new(65536);
	if (x.db == NULL || y.db == NULL || x.a == NULL || y.a == NULL) {
		CHECK(!"two connections");
		goto out;
	}
	for (i = 0; i < RACES; i++) {
		if ((code = file(db, a, p->citizen)) == NULL ||
		    act(db, a, p->receiver, code, ACTION_ACCEPT, 0,
			time(NULL)) != 0 ||
		    act(db, a, p->receiver, code, ACTION_FORWARD, 0,
			time(NULL)) != 0 ||
		    act(db, a, p->land, code, ACTION_FORWARD, 3, time(NULL)) !=
			0) {
			CHECK(!"a dossier at both branches' last steps");
			goto out;
		}
		CHECK(strcmp(open_steps(db, a, code), "2,4") == 0);
		pthread_barrier_init(&go, NULL, 2);
		x.u = p->tax, x.step = 2;
		y.u = p->land, y.step = 4;
		x.code = y.code = code;
		x.now = y.now = time(NULL);
		x.go = y.go = &go;
		CHECK_INT(pthread_create(&tx, NULL, race_run, &x), 0);
		CHECK_INT(pthread_create(&ty, NULL, race_run, &y), 0);
		pthread_join(tx, NULL);
		pthread_join(ty, NULL);
		pthread_barrier_destroy(&go);
		CHECK_INT(x.rc, 0);
		CHECK_INT(y.rc, 0);
		CHECK(strcmp(open_steps(db, a, code), "5") == 0);
		CHECK_INT(forwards(db, a, code, 5), 1);
		CHECK_INT(
		    mc_db_query(db, a, &after, stmts[STMT_CURRENT], "s", code),
		    0);
		CHECK(after.n == 1 && mc_rows_int(&after, 0, 0) == 5 &&
		    mc_rows_int(&after, 0, 1) == STATUS_PROCESSING);
		mc_arena_reset(x.a);
		mc_arena_reset(y.a);
	}
out:
	if (x.db != NULL)
		mc_db_close(x.db);
	if (y.db != NULL)
		mc_db_close(y.db);
	if (x.a != NULL)
		mc_arena_free(x.a);
	if (y.a != NULL)
		mc_arena_free(y.a);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;
	struct mc_rows	 proc;
	struct people	 p;
	unsigned int	 ag;

	if (!NEED_DB("test_parallel"))
		return DONE();
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	if (mc_db_query(db, a, &proc, stmts[STMT_PROC], "s", PROC) < 0 ||
	    proc.n != 1) {
		CHECK(!"procedure " PROC " in the catalogue");
		goto out;
	}
	ag = (unsigned int)mc_rows_int(&proc, 0, 1);
	p.tax_id = agency_id(db, a, TAX);
	p.land_id = agency_id(db, a, LAND);
	CHECK_INT(save(db, a, mc_rows_int(&proc, 0, 0)), 0);
	p.citizen = fixture_account(db, a, "par", "0766", 11, "citizen",
	    ROLE_CITIZEN, 0);
	p.receiver = fixture_account(db, a, "par", NULL, 0, "receiver",
	    ROLE_RECEIVER, ag);
	p.leader = fixture_account(db, a, "par", NULL, 0, "leader",
	    ROLE_LEADER, ag);
	p.tax = fixture_account(db, a, "par", NULL, 0, "tax", ROLE_SPECIALIST,
	    (unsigned int)p.tax_id);
	p.land = fixture_account(db, a, "par", NULL, 0, "land",
	    ROLE_SPECIALIST, (unsigned int)p.land_id);
	p.spec = fixture_account(db, a, "par", NULL, 0, "spec",
	    ROLE_SPECIALIST, ag);
	p.tax_lead = fixture_account(db, a, "par", NULL, 0, "taxlead",
	    ROLE_LEADER, (unsigned int)p.tax_id);
	if (p.citizen == NULL || p.receiver == NULL || p.leader == NULL ||
	    p.tax == NULL || p.land == NULL || p.spec == NULL ||
	    p.tax_lead == NULL || p.tax_id < 0 || p.land_id < 0) {
		CHECK(!"test accounts");
		goto out;
	}
	test_split(db, a, &p);
	test_race(db, a, &p);
	test_branch_holder(db, a, &p);
	if (mc_db_query(db, a, &proc, stmts[STMT_PROC], "s", NESTED_PROC) <
		0 ||
	    proc.n != 1 ||
	    save_xml(db, a, mc_rows_int(&proc, 0, 0), nested, 40 * 60, 10) !=
		0) {
		CHECK(!"the nested workflow saved for " NESTED_PROC);
		goto out;
	}
	test_nested(db, a, &p, "large", 4, 5);
	test_nested(db, a, &p, "small", 5, 4);
	if (mc_db_query(db, a, &proc, stmts[STMT_PROC], "s", START_PROC) < 0 ||
	    proc.n != 1 ||
	    save_xml(db, a, mc_rows_int(&proc, 0, 0), starting, 40 * 60, 4) !=
		0) {
		CHECK(!"the starting workflow saved for " START_PROC);
		goto out;
	}
	test_start(db, a, &p, "org", 1, 2);
	test_start(db, a, &p, "person", 2, 1);
out:
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
