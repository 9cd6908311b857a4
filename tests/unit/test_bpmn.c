/*
 * Workflow diagrams (lib/domain/mc_bpmn): a workflow written as BPMN reads
 * back as the same steps; what bpmn-js saves (a plain task, a pool, lanes,
 * annotations) is read; exclusive gateways branch on a field or the
 * officer's decision into routes, each path's time checked; a parallel
 * split and join become fork and join routes, the block taking its
 * longest branch's time, and misshapen ones are refused; other
 * gateways, branches, loops, dangling paths, tasks
 * off the path, missing names, roles and times, times that do not add up,
 * elements the engine does not run and XML that is not a diagram are each
 * refused naming the element; no entity is expanded. A diagram is drawn
 * as SVG with each task in the state given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_bpmn.h"
#include "mc_dossier_page.h"

#define HEAD \
	"<?xml version=\"1.0\"?><bpmn:definitions " \
	"xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" " \
	"xmlns:mc=\"" MC_BPMN_NS "\" id=\"D\"><bpmn:process id=\"P\">"
#define TAIL "</bpmn:process></bpmn:definitions>"

/* A start, tasks a, b (c's attributes given), an end, in sequence. */
#define SEQ(a, b) \
	HEAD \
	    "<bpmn:startEvent id=\"S\"/>" a b "<bpmn:endEvent id=\"E\"/>" \
	    "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"S\" targetRef=\"T1\"/>" \
	    "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"T1\" targetRef=\"T2\"/>" \
	    "<bpmn:sequenceFlow id=\"f3\" sourceRef=\"T2\" targetRef=\"E\"/>" TAIL

#define T1 \
	"<bpmn:task id=\"T1\" name=\"Tiếp nhận\" mc:role=\"receiver\" " \
	"mc:hours=\"2\"/>"
#define T2 \
	"<bpmn:userTask id=\"T2\" name=\"Thẩm định\" mc:role=\"specialist\" " \
	"mc:agency=\"000.00.01.H29\" mc:hours=\"6,5\"/>"

static int
parse(struct mc_arena *a, const char *xml, long legal, struct mc_bpmn *b)
{
	return mc_bpmn_parse(a, xml, strlen(xml), legal, b);
}

/* 1 if b holds a problem code about the element id (NULL: any). */
static int
has(const struct mc_bpmn *b, enum mc_bpmn_problem code, const char *id)
{
	size_t i;

	for (i = 0; i < b->nerr; i++)
		if (b->errs[i].code == code &&
		    (id == NULL ||
			(b->errs[i].id && strcmp(b->errs[i].id, id) == 0)))
			return 1;
	return 0;
}

static void
test_good(struct mc_arena *a)
{
	struct mc_bpmn b;

	CHECK_INT(parse(a, SEQ(T1, T2), 510, &b), 0);
	CHECK_INT(b.nerr, 0);
	CHECK_INT(b.nsteps, 2);
	CHECK(strcmp(b.steps[0].name, "Tiếp nhận") == 0);
	CHECK(strcmp(b.steps[0].role, "receiver") == 0);
	CHECK(b.steps[0].agency == NULL);
	CHECK_INT(b.steps[0].minutes, 120);
	CHECK(strcmp(b.steps[1].agency, "000.00.01.H29") == 0);
	CHECK_INT(b.steps[1].minutes, 390);
	/* No legal time: any total. A minute off: the last step takes it. */
	CHECK_INT(parse(a, SEQ(T1, T2), 0, &b), 0);
	CHECK_INT(parse(a, SEQ(T1, T2), 511, &b), 0);
	CHECK_INT(b.steps[1].minutes, 391);
}

/* The steps written as a diagram read back the same. */
static void
test_roundtrip(struct mc_arena *a)
{
	struct mc_bpmn_step s[3] = {
		{ NULL, "Tiếp nhận <hồ sơ> & \"kiểm tra\"", "receiver", NULL,
		    120 },
		{ NULL, "Thẩm định", "specialist", "000.00.01.H29", 930 },
		{ NULL, "Trả kết quả", "receiver", NULL, 45 },
	};
	struct mc_bpmn b;
	char	      *xml = mc_bpmn_write(a, "Quy trình 'A'", s, 3);
	size_t	       i;

	CHECK(xml != NULL);
	CHECK(xml && strstr(xml, "bpmndi:BPMNShape") != NULL);
	CHECK_INT(parse(a, xml, 1095, &b), 0);
	CHECK_INT(b.nsteps, 3);
	for (i = 0; i < 3 && i < b.nsteps; i++) {
		CHECK(strcmp(b.steps[i].name, s[i].name) == 0);
		CHECK(strcmp(b.steps[i].role, s[i].role) == 0);
		CHECK((b.steps[i].agency == NULL) == (s[i].agency == NULL));
		CHECK_INT(b.steps[i].minutes, s[i].minutes);
	}
}

/* What bpmn-js saves around a process: a pool, lanes, annotations. */
static void
test_pool(struct mc_arena *a)
{
	static const char xml[] =
	    "<?xml version=\"1.0\"?><bpmn:definitions "
	    "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
	    "xmlns:mc=\"" MC_BPMN_NS "\" id=\"D\">"
	    "<bpmn:collaboration id=\"C\"><bpmn:participant id=\"Pa\" "
	    "processRef=\"P\"/></bpmn:collaboration>"
	    "<bpmn:process id=\"P\"><bpmn:laneSet id=\"L\"/>"
	    "<bpmn:startEvent id=\"S\"><bpmn:outgoing>f1</bpmn:outgoing>"
	    "</bpmn:startEvent>" T1 T2
	    "<bpmn:textAnnotation id=\"A\"><bpmn:text>x</bpmn:text>"
	    "</bpmn:textAnnotation>"
	    "<bpmn:endEvent id=\"E\"/>"
	    "<bpmn:sequenceFlow id=\"f3\" sourceRef=\"T2\" targetRef=\"E\"/>"
	    "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"T1\" targetRef=\"T2\"/>"
	    "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"S\" targetRef=\"T1\"/>"
	    "</bpmn:process><bpmn:process id=\"Empty\"/></bpmn:definitions>";
	struct mc_bpmn b;

	CHECK_INT(parse(a, xml, 510, &b), 0);
	CHECK_INT(b.nsteps, 2);
	CHECK(b.nsteps == 2 && strcmp(b.steps[0].id, "T1") == 0);
}

static void
test_bad(struct mc_arena *a)
{
	struct mc_bpmn b;

	/* A task without a role, another without a time or a name. */
	CHECK_INT(
	    parse(a,
		SEQ("<bpmn:task id=\"T1\" name=\"Nhận\" mc:hours=\"2\"/>",
		    "<bpmn:task id=\"T2\" mc:role=\"boss\"/>"),
		0, &b),
	    1);
	CHECK(has(&b, BPMN_NO_ROLE, "T1"));
	CHECK(has(&b, BPMN_BAD_ROLE, "T2"));
	CHECK(has(&b, BPMN_NO_HOURS, "T2"));
	CHECK(has(&b, BPMN_NO_NAME, "T2"));
	CHECK(strcmp(b.errs[0].subject, "Nhận") == 0);
	CHECK(strcmp(mc_bpmn_problem_name(BPMN_NO_ROLE), "no_role") == 0);
	/* Times that do not add up to the legal time. */
	CHECK_INT(parse(a, SEQ(T1, T2), 960, &b), 1);
	CHECK(has(&b, BPMN_TOTAL, NULL));
	CHECK(strcmp(b.errs[0].subject, "8.50/16.00") == 0);
	/* A gateway with two branches. */
	CHECK_INT(parse(a,
		      HEAD
		      "<bpmn:startEvent id=\"S\"/>" T1 T2
		      "<bpmn:exclusiveGateway id=\"G\" name=\"Đủ hồ sơ?\"/>"
		      "<bpmn:endEvent id=\"E\"/>"
		      "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"S\" "
		      "targetRef=\"G\"/>"
		      "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"G\" "
		      "targetRef=\"T1\"/>"
		      "<bpmn:sequenceFlow id=\"f3\" sourceRef=\"G\" "
		      "targetRef=\"T2\"/>"
		      "<bpmn:sequenceFlow id=\"f4\" sourceRef=\"T1\" "
		      "targetRef=\"E\"/>"
		      "<bpmn:sequenceFlow id=\"f5\" sourceRef=\"T2\" "
		      "targetRef=\"E\"/>" TAIL,
		      0, &b),
	    1);
	CHECK(!has(&b, BPMN_FIRST, "G"));  /* a first choice: start_choice */
	CHECK(has(&b, BPMN_DEFAULT, "G")); /* two arrows without condition */
	CHECK(has(&b, BPMN_BRANCH, "E"));  /* two flows into the end */
	/* A path that stops, a task off it, no end event. */
	CHECK_INT(parse(a,
		      HEAD "<bpmn:startEvent id=\"S\"/>" T1 T2
			   "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"S\" "
			   "targetRef=\"T1\"/>" TAIL,
		      0, &b),
	    1);
	CHECK(has(&b, BPMN_DANGLING, "T1"));
	CHECK(has(&b, BPMN_UNREACHED, "T2"));
	CHECK(has(&b, BPMN_END, NULL));
	/* A loop back. */
	CHECK_INT(parse(a,
		      HEAD "<bpmn:startEvent id=\"S\"/>" T1 T2
			   "<bpmn:endEvent id=\"E\"/>"
			   "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"S\" "
			   "targetRef=\"T1\"/>"
			   "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"T1\" "
			   "targetRef=\"T2\"/>"
			   "<bpmn:sequenceFlow id=\"f3\" sourceRef=\"T2\" "
			   "targetRef=\"T1\"/>" TAIL,
		      0, &b),
	    1);
	CHECK(has(&b, BPMN_LOOP, "T1"));
	/* Something the engine does not run. */
	CHECK_INT(parse(a,
		      SEQ(T1, "<bpmn:serviceTask id=\"T2\" name=\"Gửi\"/>"), 0,
		      &b),
	    1);
	CHECK(has(&b, BPMN_UNSUPPORTED, "T2"));
	CHECK(
	    b.nerr > 0 && strcmp(b.errs[0].subject, "Gửi (serviceTask)") == 0);
	/* One step only. */
	CHECK_INT(parse(a,
		      HEAD "<bpmn:startEvent id=\"S\"/>" T1
			   "<bpmn:endEvent id=\"E\"/>"
			   "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"S\" "
			   "targetRef=\"T1\"/>"
			   "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"T1\" "
			   "targetRef=\"E\"/>" TAIL,
		      0, &b),
	    1);
	CHECK(has(&b, BPMN_FEW_STEPS, NULL));
	/* Not XML, not BPMN, nothing in it. */
	CHECK_INT(parse(a, "<bpmn:definitions", 0, &b), 1);
	CHECK(has(&b, BPMN_XML, NULL));
	CHECK_INT(parse(a, "<html><body/></html>", 0, &b), 1);
	CHECK(has(&b, BPMN_XML, NULL));
	CHECK_INT(parse(a, HEAD TAIL, 0, &b), 1);
	CHECK(has(&b, BPMN_NO_PROCESS, NULL));
	CHECK_INT(parse(a, "", 0, &b), 1);
}

/* A branch on a field, then on the officer's decision, joined again. */
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
#define BRANCHED(cond1, t4hours, gdefault) \
	HEAD "<bpmn:startEvent id=\"S\"/>" TASK("T1", "Tiếp nhận", \
	    "receiver", \
	    "1") "<bpmn:exclusiveGateway id=\"Gf\" " \
		 "name=\"Loại người nộp?\"/>" TASK("T2o", \
		     "Thẩm định tổ chức", "specialist", \
		     "4") TASK("T2c", "Thẩm định cá nhân", "specialist", \
		     "4") "<bpmn:exclusiveGateway id=\"Gd\" name=\"Duyệt?\" " gdefault \
			  "/>" TASK("T3", "Phê duyệt", "leader", \
			      "2") TASK("T4", "Ký từ chối", "leader", \
			      t4hours) TASK("T5", "Trả kết quả", "receiver", \
			      "1") "<bpmn:endEvent id=\"E\"/>" FLOW("f1", \
			      "S", "T1") FLOW("f2", "T1", "Gf") CFLOW("f3", \
			      "Tổ chức", "Gf", "T2o", cond1) FLOW("f4", "Gf", \
			      "T2c") FLOW("f5", "T2o", "Gd") FLOW("f6", \
			      "T2c", "Gd") CFLOW("f7", "Đồng ý", "Gd", "T3", \
			      "decision == &quot;approve&quot;") "<bpmn:sequenceFlow id=\"f8\" " \
								 "name=\"Từ chối\" sourceRef=\"Gd\" targetRef=\"T4\"/>" FLOW( \
								     "f9", \
								     "T3", \
								     "T5") FLOW("f10", \
								     "T4", \
								     "T5") \
								     FLOW( \
									 "f11", \
									 "T5", \
									 "E") \
									 TAIL

static void
test_branches(struct mc_arena *a)
{
	static const char *const names[] = { "Tiếp nhận", "Thẩm định tổ chức",
		"Thẩm định cá nhân", "Phê duyệt", "Ký từ chối",
		"Trả kết quả" };
	/* from, to, cond (NULL: default) */
	static const struct {
		size_t	    from, to;
		const char *cond, *label;
	} want[] = {
		{ 0, 1, "fields.applicant_type == \"organisation\"",
		    "Tổ chức" },
		{ 0, 2, NULL, NULL },
		{ 1, 3, "decision == \"approve\"", "Đồng ý" },
		{ 1, 4, NULL, "Từ chối" },
		{ 2, 3, "decision == \"approve\"", "Đồng ý" },
		{ 2, 4, NULL, "Từ chối" },
		{ 3, 5, NULL, NULL },
		{ 4, 5, NULL, NULL },
	};
	struct mc_bpmn b;
	size_t	       i;

	CHECK_INT(parse(a,
		      BRANCHED("fields.applicant_type == "
			       "&quot;organisation&quot;",
			  "2", ""),
		      480, &b),
	    0);
	for (i = 0; i < b.nerr; i++)
		fprintf(stderr, "problem %s %s %s\n",
		    mc_bpmn_problem_name(b.errs[i].code),
		    b.errs[i].id ? b.errs[i].id : "-",
		    b.errs[i].subject ? b.errs[i].subject : "-");
	/* Each step after those leading to it, the return last. */
	CHECK_INT(b.nsteps, 6);
	for (i = 0; i < b.nsteps && i < 6; i++)
		CHECK(strcmp(b.steps[i].name, names[i]) == 0);
	CHECK_INT(b.steps[5].minutes, 60);
	CHECK_INT(b.nroutes, 8);
	for (i = 0; i < b.nroutes && i < 8; i++) {
		CHECK_INT(b.routes[i].from, want[i].from);
		CHECK_INT(b.routes[i].to, want[i].to);
		CHECK(want[i].cond == NULL ? b.routes[i].cond == NULL :
					     b.routes[i].cond != NULL &&
			    strcmp(b.routes[i].cond, want[i].cond) == 0);
		CHECK(want[i].label == NULL ? b.routes[i].label == NULL :
					      b.routes[i].label != NULL &&
			    strcmp(b.routes[i].label, want[i].label) == 0);
	}
	/* The default named by the gateway: f8 keeps no condition then. */
	CHECK_INT(parse(a, BRANCHED("fields.a == 1", "2", "default=\"f8\""),
		      480, &b),
	    0);
	/* A path longer than the legal time: both totals named. */
	CHECK_INT(parse(a, BRANCHED("fields.a == 1", "3", ""), 480, &b), 1);
	CHECK(has(&b, BPMN_TOTAL, NULL));
	CHECK(b.nerr > 0 && strcmp(b.errs[0].subject, "8.00–9.00/8.00") == 0);
	/* A condition that cannot be read. */
	CHECK_INT(parse(a, BRANCHED("fields.a = 1", "2", ""), 480, &b), 1);
	CHECK(has(&b, BPMN_CONDITION, "f3"));
	CHECK(b.nerr > 0 &&
	    strcmp(b.errs[0].subject, "Tổ chức: fields.a = 1") == 0);
	/* A default arrow that has a condition. */
	CHECK_INT(parse(a, BRANCHED("fields.a == 1", "2", "default=\"f7\""),
		      480, &b),
	    1);
	CHECK(has(&b, BPMN_CONDITION, "f7")); /* a default has none */
	/* A parallel gateway that neither splits nor joins. */
	CHECK_INT(parse(a,
		      HEAD "<bpmn:startEvent id=\"S\"/>" T1
			   "<bpmn:parallelGateway id=\"P1\"/>" T2
			   "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S", "T1")
			       FLOW("f2", "T1", "P1") FLOW("f3", "P1", "T2")
				   FLOW("f4", "T2", "E") TAIL,
		      0, &b),
	    1);
	CHECK(has(&b, BPMN_PARALLEL, "P1"));
	/* Another kind of gateway is not run. */
	CHECK_INT(parse(a,
		      HEAD "<bpmn:startEvent id=\"S\"/>" T1
			   "<bpmn:inclusiveGateway id=\"I1\"/>" T2
			   "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S", "T1")
			       FLOW("f2", "T1", "I1") FLOW("f3", "I1", "T2")
				   FLOW("f4", "T2", "E") TAIL,
		      0, &b),
	    1);
	CHECK(has(&b, BPMN_GATEWAY, "I1"));
	/* A path that ends at a gateway, not after the return step. */
	CHECK_INT(parse(a,
		      HEAD "<bpmn:startEvent id=\"S\"/>" T1 T2
			   "<bpmn:exclusiveGateway id=\"G\"/>"
			   "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S", "T1")
			       FLOW("f2", "T1", "T2") FLOW("f3", "T2", "G")
				   FLOW("f4", "G", "E") TAIL,
		      0, &b),
	    1);
	CHECK(has(&b, BPMN_RETURN, "E"));
	/* A sequence has no routes. */
	CHECK_INT(parse(a, SEQ(T1, T2), 0, &b), 0);
	CHECK_INT(b.nroutes, 0);
}

/*
 * A choice right after the start event (the first step on the form's
 * answers): an organisation's dossier received by the business desk,
 * a person's by the civil desk (2 h each), both then examined (4 h) and
 * returned (1 h).
 */
#define STARTING(cond, to_b) \
	HEAD "<bpmn:startEvent id=\"S\"/>" \
	     "<bpmn:exclusiveGateway id=\"G0\" name=\"Người nộp?\"/>" TASK( \
		 "A", "Tiếp nhận tổ chức", "receiver", "2") \
		 TASK("B", "Tiếp nhận cá nhân", "receiver", "2") \
		     TASK("C", "Thẩm định", "specialist", "4") \
			 TASK("R", "Trả kết quả", "receiver", \
			     "1") "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S", \
			     "G0") CFLOW("f2", "Tổ chức", "G0", "A", cond) \
			     FLOW("f3", "G0", to_b) FLOW("f4", "A", "C") \
				 FLOW("f5", "B", "C") FLOW("f6", "C", "R") \
				     FLOW("f7", "R", "E") TAIL

static void
test_start_choice(struct mc_arena *a)
{
	static const struct {
		size_t	    from, to;
		const char *cond;
	} want[] = {
		{ MC_BPMN_FROM_START, 0,
		    "fields.applicant_type == \"organisation\"" },
		{ MC_BPMN_FROM_START, 1, NULL },
		{ 0, 2, NULL },
		{ 1, 2, NULL },
		{ 2, 3, NULL },
	};
	struct mc_bpmn b;
	size_t	       i;

	CHECK_INT(parse(a,
		      STARTING("fields.applicant_type == "
			       "&quot;organisation&quot;",
			  "B"),
		      420, &b),
	    0);
	for (i = 0; i < b.nerr; i++)
		fprintf(stderr, "problem %s %s\n",
		    mc_bpmn_problem_name(b.errs[i].code),
		    b.errs[i].id ? b.errs[i].id : "-");
	CHECK_INT(b.nsteps, 4);
	CHECK(b.nsteps == 4 &&
	    strcmp(b.steps[0].name, "Tiếp nhận tổ chức") == 0 &&
	    strcmp(b.steps[1].name, "Tiếp nhận cá nhân") == 0);
	CHECK_INT(b.nroutes, 5);
	for (i = 0; i < b.nroutes && i < 5; i++) {
		CHECK_INT(b.routes[i].from, want[i].from);
		CHECK_INT(b.routes[i].to, want[i].to);
		CHECK(want[i].cond == NULL ? b.routes[i].cond == NULL :
					     b.routes[i].cond != NULL &&
			    strcmp(b.routes[i].cond, want[i].cond) == 0);
	}
	/* Each path takes 2 + 4 + 1 hours, not 8. */
	CHECK_INT(parse(a, STARTING("fields.x == 1", "B"), 480, &b), 1);
	CHECK(has(&b, BPMN_TOTAL, NULL));
	/* Nobody has decided before the first step. */
	CHECK_INT(
	    parse(a, STARTING("decision == &quot;approve&quot;", "B"), 0, &b),
	    1);
	CHECK(has(&b, BPMN_START_DECISION, "f2"));
	CHECK(!has(&b, BPMN_FIRST, NULL));
	/* Each choice leads to a step: not to the end, nor another gateway. */
	CHECK_INT(parse(a, STARTING("fields.x == 1", "E"), 0, &b), 1);
	CHECK(has(&b, BPMN_FIRST, "G0"));
	CHECK(!has(&b, BPMN_START_DECISION, NULL));
}

/*
 * A parallel consultation: after receipt the tax office (8 h) and the
 * land office (4 h, then 4 h more) at once, joined before the return.
 */
#define PARALLEL(inside, hours_a, more) \
	HEAD "<bpmn:startEvent id=\"S\"/>" TASK("T1", "Tiếp nhận", \
	    "receiver", "2") "<bpmn:parallelGateway id=\"Ps\"/>" TASK("A", \
	    "Ý kiến thuế", "specialist", hours_a) \
	    TASK("B1", "Ý kiến đất đai", "specialist", "4") \
		TASK("B2", "Đo đạc", "specialist", "4") inside \
	    "<bpmn:parallelGateway id=\"Pj\"/>" TASK("T5", "Trả kết quả", \
		"receiver", "2") "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S", \
		"T1") FLOW("f2", "T1", "Ps") FLOW("f3", "Ps", "A") \
		FLOW("f4", "Ps", "B1") FLOW("f6", "A", "Pj") \
		    FLOW("f8", "Pj", "T5") FLOW("f9", "T5", "E") more TAIL

static void
test_parallel(struct mc_arena *a)
{
	struct mc_bpmn b;
	const char *names[] = { "Tiếp nhận", "Ý kiến thuế", "Ý kiến đất đai",
		"Đo đạc", "Trả kết quả" };
	size_t i;

	CHECK_INT(parse(a,
		      PARALLEL("", "8",
			  FLOW("f5", "B1", "B2") FLOW("f7", "B2", "Pj")),
		      12 * 60, &b),
	    0);
	CHECK_INT(b.nerr, 0);
	CHECK_INT(b.nsteps, 5);
	for (i = 0; i < 5 && i < b.nsteps; i++)
		CHECK(strcmp(b.steps[i].name, names[i]) == 0);
	/* Forks from the receipt, a choice along a branch, two joins. */
	CHECK_INT(b.nroutes, 5);
	CHECK(b.nroutes == 5 && b.routes[0].from == 0 && b.routes[0].to == 1 &&
	    b.routes[0].kind == ROUTE_FORK && b.routes[1].from == 0 &&
	    b.routes[1].to == 2 && b.routes[1].kind == ROUTE_FORK);
	CHECK(b.nroutes == 5 && b.routes[2].from == 1 && b.routes[2].to == 4 &&
	    b.routes[2].kind == ROUTE_JOIN);
	CHECK(b.nroutes == 5 && b.routes[3].from == 2 && b.routes[3].to == 3 &&
	    b.routes[3].kind == ROUTE_CHOICE && b.routes[3].cond == NULL);
	CHECK(b.nroutes == 5 && b.routes[4].from == 3 && b.routes[4].to == 4 &&
	    b.routes[4].kind == ROUTE_JOIN);
	/* The block takes its longest branch: 2 + 8 + 2, not 2 + 16 + 2. */
	CHECK_INT(parse(a,
		      PARALLEL("", "6",
			  FLOW("f5", "B1", "B2") FLOW("f7", "B2", "Pj")),
		      20 * 60, &b),
	    1);
	CHECK(has(&b, BPMN_TOTAL, NULL));
	CHECK(b.nerr > 0 && strcmp(b.errs[0].subject, "12.00/20.00") == 0);
	/* A branch of another length: the longest still counts. */
	CHECK_INT(parse(a,
		      PARALLEL("", "10",
			  FLOW("f5", "B1", "B2") FLOW("f7", "B2", "Pj")),
		      14 * 60, &b),
	    0);
	/* A gateway passed through inside a branch is read. */
	CHECK_INT(parse(a,
		      PARALLEL("<bpmn:exclusiveGateway id=\"X\"/>", "8",
			  FLOW("f5", "B1", "X") FLOW("f10", "X", "B2")
			      FLOW("f7", "B2", "Pj")),
		      0, &b),
	    0);
	/* Branches that do not meet again at one join. */
	CHECK_INT(parse(a,
		      PARALLEL("<bpmn:parallelGateway id=\"Pk\"/>", "8",
			  FLOW("f5", "B1", "B2") FLOW("f7", "B2", "Pk")
			      FLOW("f10", "Pk", "T5")),
		      0, &b),
	    1);
	CHECK(has(&b, BPMN_PARALLEL, "Ps"));
	CHECK(has(&b, BPMN_PARALLEL, "Pj")); /* joins no split */
	/* A split right after the start event. */
	CHECK_INT(
	    parse(a,
		HEAD
		"<bpmn:startEvent id=\"S\"/>"
		"<bpmn:parallelGateway id=\"Ps\"/>" TASK("A", "Thuế",
		    "specialist", "2") TASK("B", "Đất", "specialist",
		    "2") "<bpmn:parallelGateway id=\"Pj\"/>" TASK("T5", "Trả",
		    "receiver", "2") "<bpmn:endEvent id=\"E\"/>" FLOW("f1",
		    "S", "Ps") FLOW("f2", "Ps", "A") FLOW("f3", "Ps", "B")
		    FLOW("f4", "A", "Pj") FLOW("f5", "B", "Pj")
			FLOW("f6", "Pj", "T5") FLOW("f7", "T5", "E") TAIL,
		0, &b),
	    1);
	CHECK(has(&b, BPMN_PARALLEL, "Ps"));
	/* A condition on a parallel arrow is refused. */
	CHECK_INT(parse(a,
		      PARALLEL("", "8",
			  CFLOW("f5", "x", "B1", "B2", "decision == \"a\"")
			      FLOW("f7", "B2", "Pj")),
		      0, &b),
	    1);
	CHECK(has(&b, BPMN_CONDITION, "f5"));
	CHECK(strcmp(mc_bpmn_problem_name(BPMN_PARALLEL), "parallel") == 0);
}

/*
 * The land office's branch chooses (a survey when the plot is large, else
 * a check of the map) within the branch; the tax office's answers
 * meanwhile: ax hours, the land office 4 then b or c.
 */
#define CHOICE_IN_BRANCH(ax, b2, b3, more) \
	PARALLEL("<bpmn:exclusiveGateway id=\"X\" default=\"f11\"/>" TASK( \
		     "B3", "Đối chiếu bản đồ", "specialist", b3), \
	    ax, \
	    FLOW("f5", "B1", "X") \
		CFLOW("f10", "Lớn", "X", "B2", "fields.area == \"large\"") \
		    FLOW("f11", "X", "B3") FLOW("f7", "B2", "Pj") more)
#undef PARALLEL
#define PARALLEL(inside, hours_a, more) \
	HEAD "<bpmn:startEvent id=\"S\"/>" TASK("T1", "Tiếp nhận", \
	    "receiver", "2") "<bpmn:parallelGateway id=\"Ps\"/>" TASK("A", \
	    "Ý kiến thuế", "specialist", hours_a) \
	    TASK("B1", "Ý kiến đất đai", "specialist", "4") \
		TASK("B2", "Đo đạc", "specialist", "4") inside \
	    "<bpmn:parallelGateway id=\"Pj\"/>" TASK("T5", "Trả kết quả", \
		"receiver", "2") "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S", \
		"T1") FLOW("f2", "T1", "Ps") FLOW("f3", "Ps", "A") \
		FLOW("f4", "Ps", "B1") FLOW("f6", "A", "Pj") \
		    FLOW("f8", "Pj", "T5") FLOW("f9", "T5", "E") more TAIL

/* Two blocks one after another: the survey, then two signatures. */
#define TWO_BLOCKS(c_hours) \
	HEAD "<bpmn:startEvent id=\"S\"/>" TASK("T1", "Tiếp nhận", \
	    "receiver", "2") "<bpmn:parallelGateway id=\"Ps\"/>" TASK("A", \
	    "Ý kiến thuế", "specialist", "4") TASK("B", "Ý kiến đất đai", \
	    "specialist", "4") "<bpmn:parallelGateway id=\"Pj\"/>" TASK("T3", \
	    "Tổng hợp", "specialist", \
	    "2") "<bpmn:parallelGateway id=\"Ps2\"/>" TASK("C", "Ký phòng", \
	    "leader", c_hours) TASK("D", "Ký sở", "leader", \
	    "2") "<bpmn:parallelGateway id=\"Pj2\"/>" TASK("T5", \
	    "Trả kết quả", "receiver", \
	    "2") "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S", "T1") \
	    FLOW("f2", "T1", "Ps") FLOW("f3", "Ps", "A") \
		FLOW("f4", "Ps", "B") FLOW("f5", "A", "Pj") \
		    FLOW("f6", "B", "Pj") FLOW("f7", "Pj", "T3") \
			FLOW("f8", "T3", "Ps2") FLOW("f9", "Ps2", "C") \
			    FLOW("f10", "Ps2", "D") FLOW("f11", "C", "Pj2") \
				FLOW("f12", "D", "Pj2") \
				    FLOW("f13", "Pj2", "T5") \
					FLOW("f14", "T5", "E") TAIL

/* A parallel consultation on one path of an exclusive gateway only. */
#define ON_A_PATH(f_hours) \
	HEAD "<bpmn:startEvent id=\"S\"/>" TASK("T1", "Tiếp nhận", \
	    "receiver", \
	    "2") "<bpmn:exclusiveGateway id=\"X\" " \
		 "default=\"f4\"/>" TASK("T2", "Chuẩn bị", "specialist", \
		     "2") "<bpmn:parallelGateway id=\"Ps\"/>" TASK("A", \
		     "Thuế", "specialist", \
		     "4") TASK("B", "Đất", "specialist", \
		     "4") "<bpmn:parallelGateway id=\"Pj\"/>" TASK("T4", \
		     "Duyệt", "leader", "2") TASK("F", "Duyệt nhanh", \
		     "leader", f_hours) TASK("T5", "Trả kết quả", "receiver", \
		     "2") "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S", "T1") \
		     FLOW("f2", "T1", "X") CFLOW("f3", "Có đất", "X", "T2", \
			 "fields.land == \"yes\"") FLOW("f4", "X", "F") \
			 FLOW("f5", "T2", "Ps") FLOW("f6", "Ps", "A") \
			     FLOW("f7", "Ps", "B") FLOW("f8", "A", "Pj") \
				 FLOW("f9", "B", "Pj") \
				     FLOW("f10", "Pj", "T4") \
					 FLOW("f11", "T4", "T5") \
					     FLOW("f12", "F", "T5") \
						 FLOW("f13", "T5", "E") TAIL

static void
test_nesting(struct mc_arena *a)
{
	struct mc_bpmn b;
	size_t	       i, n;

	/* A choice within a branch: 2 + max(8, 4 + 4) + 2 either way. */
	CHECK_INT(parse(a,
		      CHOICE_IN_BRANCH("8", "4", "4", FLOW("f12", "B3", "Pj")),
		      12 * 60, &b),
	    0);
	CHECK_INT(b.nerr, 0);
	CHECK_INT(b.nsteps, 6);
	/* From the land office's first step: the condition, the default. */
	for (n = 0, i = 0; i < b.nroutes; i++)
		if (b.steps[b.routes[i].from].id != NULL &&
		    strcmp(b.steps[b.routes[i].from].id, "B1") == 0) {
			CHECK(b.routes[i].kind == ROUTE_CHOICE);
			CHECK(n != 0 ||
			    (b.routes[i].cond != NULL &&
				strcmp(b.steps[b.routes[i].to].id, "B2") ==
				    0));
			CHECK(n != 1 ||
			    (b.routes[i].cond == NULL &&
				strcmp(b.steps[b.routes[i].to].id, "B3") ==
				    0));
			n++;
		}
	CHECK_INT(n, 2);
	/* Both choices join: B2 and B3 lead to the return through it. */
	for (n = 0, i = 0; i < b.nroutes; i++)
		if (b.routes[i].kind == ROUTE_JOIN &&
		    strcmp(b.steps[b.routes[i].to].id, "T5") == 0)
			n++;
	CHECK_INT(n, 3);
	/* The shorter choice makes the block shorter: refused. */
	CHECK_INT(parse(a,
		      CHOICE_IN_BRANCH("5", "4", "2", FLOW("f12", "B3", "Pj")),
		      12 * 60, &b),
	    1);
	CHECK(has(&b, BPMN_TOTAL, NULL));
	CHECK(
	    b.nerr > 0 && strcmp(b.errs[0].subject, "10.00–12.00/12.00") == 0);
	/* Shorter, but the other branch is the longest either way: run. */
	CHECK_INT(parse(a,
		      CHOICE_IN_BRANCH("8", "4", "2", FLOW("f12", "B3", "Pj")),
		      12 * 60, &b),
	    0);
	/* The choices meet at an exclusive gateway before the join. */
	CHECK_INT(
	    parse(a,
		CHOICE_IN_BRANCH("8", "4", "4",
		    "<bpmn:exclusiveGateway id=\"M\"/>" FLOW("f12", "B3", "M")
			FLOW("f13", "B2", "M") FLOW("f14", "M", "Pj")),
		12 * 60, &b),
	    1); /* B2 has two arrows out: into the join and M */
	CHECK(has(&b, BPMN_BRANCH, "B2"));
	/* A choice straight into the join (no step) is refused. */
	CHECK_INT(parse(a,
		      CHOICE_IN_BRANCH("8", "4", "4",
			  FLOW("f12", "B3", "Pj") CFLOW("f13", "Bỏ qua", "X",
			      "Pj", "fields.area == \"none\"")),
		      0, &b),
	    1);
	CHECK(has(&b, BPMN_PARALLEL, "Ps"));
	/* A choice leaving the block (to the return) is refused. */
	CHECK_INT(parse(a,
		      CHOICE_IN_BRANCH("8", "4", "4", FLOW("f12", "B3", "T5")),
		      0, &b),
	    1);
	CHECK(has(&b, BPMN_PARALLEL, "Ps"));
	/* Two blocks one after another. */
	CHECK_INT(parse(a, TWO_BLOCKS("2"), 12 * 60, &b), 0);
	CHECK_INT(b.nerr, 0);
	CHECK_INT(b.nsteps, 7);
	for (n = 0, i = 0; i < b.nroutes; i++)
		n += b.routes[i].kind == ROUTE_FORK;
	CHECK_INT(n, 4);
	for (n = 0, i = 0; i < b.nroutes; i++)
		n += b.routes[i].kind == ROUTE_JOIN;
	CHECK_INT(n, 4);
	/* The second block's longest branch counts too: 2+4+2+3+2. */
	CHECK_INT(parse(a, TWO_BLOCKS("3"), 12 * 60, &b), 1);
	CHECK(b.nerr > 0 && strcmp(b.errs[0].subject, "13.00/12.00") == 0);
	/* A parallel block on one path of a choice: 2+2+4+2+2 = 2+10+2. */
	CHECK_INT(parse(a, ON_A_PATH("8"), 12 * 60, &b), 0);
	CHECK_INT(b.nerr, 0);
	CHECK_INT(parse(a, ON_A_PATH("6"), 12 * 60, &b), 1);
	CHECK(
	    b.nerr > 0 && strcmp(b.errs[0].subject, "10.00–12.00/12.00") == 0);
	/* A block inside a branch: named, not run. */
	CHECK_INT(parse(a,
		      PARALLEL("<bpmn:parallelGateway id=\"Pi\"/>"
			       "<bpmn:parallelGateway id=\"Pk\"/>" TASK("B3",
				   "Đo", "specialist", "4"),
			  "8",
			  FLOW("f5", "B1", "Pi") FLOW("f10", "Pi", "B2") FLOW(
			      "f11", "Pi", "B3") FLOW("f12", "B2", "Pk")
			      FLOW("f13", "B3", "Pk") FLOW("f7", "Pk", "Pj")),
		      0, &b),
	    1);
	CHECK(has(&b, BPMN_NESTED, "Pi"));
	CHECK(!has(&b, BPMN_PARALLEL, "Pi"));
	CHECK(strcmp(mc_bpmn_problem_name(BPMN_NESTED), "nested") == 0);
	/* A choice outside the block leading into a branch. */
	CHECK_INT(
	    parse(a,
		HEAD "<bpmn:startEvent id=\"S\"/>" TASK("T1", "Tiếp nhận",
		    "receiver",
		    "2") "<bpmn:exclusiveGateway id=\"X\" "
			 "default=\"f4\"/>" TASK("T2", "Chuẩn bị",
			     "specialist",
			     "2") "<bpmn:parallelGateway id=\"Ps\"/>" TASK("A",
			     "Thuế", "specialist",
			     "4") TASK("B", "Đất", "specialist",
			     "4") "<bpmn:parallelGateway id=\"Pj\"/>" TASK("T5",
			     "Trả kết quả", "receiver",
			     "2") "<bpmn:endEvent id=\"E\"/>" FLOW("f1", "S",
			     "T1") FLOW("f2", "T1", "X") CFLOW("f3", "c", "X",
			     "T2", "fields.a == \"1\"") FLOW("f4", "X",
			     "B") FLOW("f5", "T2", "Ps") FLOW("f6", "Ps", "A")
			     FLOW("f7", "Ps", "B") FLOW("f8", "A", "Pj")
				 FLOW("f9", "B", "Pj") FLOW("f10", "Pj", "T5")
				     FLOW("f11", "T5", "E") TAIL,
		0, &b),
	    1);
	CHECK(has(&b, BPMN_PARALLEL, "Ps"));
}

/* An entity is never expanded from a file. */
static void
test_entities(struct mc_arena *a)
{
	static const char xml[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]><bpmn:definitions "
	    "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
	    "xmlns:mc=\"" MC_BPMN_NS "\" id=\"D\"><bpmn:process id=\"P\">"
	    "<bpmn:startEvent id=\"S\"/>"
	    "<bpmn:task id=\"T1\" name=\"a&x;\" mc:role=\"receiver\" "
	    "mc:hours=\"1\"/>" T2 "<bpmn:endEvent id=\"E\"/>"
	    "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"S\" targetRef=\"T1\"/>"
	    "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"T1\" targetRef=\"T2\"/>"
	    "<bpmn:sequenceFlow id=\"f3\" sourceRef=\"T2\" targetRef=\"E\"/>"
	    "</bpmn:process></bpmn:definitions>";
	struct mc_bpmn b;

	parse(a, xml, 0, &b);
	CHECK(b.nsteps == 0 || strstr(b.steps[0].name, "root") == NULL);
}

/* Occurrences of needle in s. */
static int
count(const char *s, const char *needle)
{
	int n = 0;

	while (s != NULL && (s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/*
 * The drawing: every shape where the layout puts it, the tasks with the
 * classes given in the path's order, names escaped and wrapped; nothing
 * for a diagram without layout; bad coordinates drop only their shape.
 */
static void
test_svg(struct mc_arena *a)
{
	struct mc_bpmn_step s[3] = {
		{ NULL, "Tiếp nhận <hồ sơ> & \"kiểm tra\"", "receiver", NULL,
		    120 },
		{ NULL,
		    "Thẩm định hồ sơ liên thông với Sở Tài nguyên và Môi "
		    "trường cùng các phường có liên quan đến thửa đất",
		    "specialist", NULL, 930 },
		{ NULL, "Trả kết quả", "receiver", NULL, 45 },
	};
	const char *ids[] = { "Step_1", "Step_2", "Step_3" };
	const char *cls[] = { "wf-done", "wf-current wf-red", "wf-todo" };
	char	   *xml = mc_bpmn_write(a, "Quy trình", s, 3), *svg, *bad;
	const char *p1, *p2, *p3;

	CHECK(xml != NULL);
	if (xml == NULL)
		return;
	svg = mc_bpmn_svg(a, xml, strlen(xml), ids, cls, 3);
	CHECK(svg != NULL);
	if (svg == NULL)
		return;
	CHECK(strncmp(svg, "<svg ", 5) == 0);
	CHECK(strcmp(svg + strlen(svg) - 6, "</svg>") == 0);
	CHECK_INT(count(svg, "<g class=\"wf-task "), 3);
	CHECK_INT(count(svg, "<circle "), 2);
	CHECK_INT(count(svg, "<polyline "), 4);
	p1 = strstr(svg, "<g class=\"wf-task wf-done\">");
	p2 = strstr(svg, "<g class=\"wf-task wf-current wf-red\">");
	p3 = strstr(svg, "<g class=\"wf-task wf-todo\">");
	CHECK(p1 != NULL && p2 != NULL && p3 != NULL && p1 < p2 && p2 < p3);
	/* The layout's first shape is the start event at x 180: 12 around. */
	CHECK(strstr(svg, "viewBox=\"168 ") != NULL);
	CHECK(strstr(svg, ">Tiếp nhận &lt;hồ</tspan>") != NULL);
	CHECK(
	    strstr(svg, ">sơ&gt; &amp; &quot;kiểm tra&quot;</tspan>") != NULL);
	CHECK(strstr(svg, "<hồ") == NULL);
	/* The long name in several lines, cut with an ellipsis. */
	CHECK(p2 != NULL && count(p2, "<tspan ") - count(p3, "<tspan ") >= 3);
	CHECK(strstr(svg, "…</tspan>") != NULL);
	CHECK(strstr(svg, ">Trả kết quả</tspan>") != NULL);
	/* Three words of nine that fill three lines of 16 characters (29
	 * characters, two lines' worth): centred as three lines. */
	{
		struct mc_bpmn_step one[1] = { { NULL,
		    "aaaaaaaaa bbbbbbbbb ccccccccc", "receiver", NULL, 60 } };
		char		   *x1 = mc_bpmn_write(a, "P", one, 1);
		char *s1 = x1 ? mc_bpmn_svg(a, x1, strlen(x1), ids, cls, 1) :
				NULL;

		CHECK(s1 != NULL && count(s1, "<tspan ") == 3);
		CHECK(s1 != NULL &&
		    strstr(s1, "<text x=\"426\" y=\"129\" ") != NULL);
	}
	/* A task the caller did not name. */
	svg = mc_bpmn_svg(a, xml, strlen(xml), ids, cls, 1);
	CHECK_INT(count(svg, "<g class=\"wf-task wf-other\">"), 2);
	/* No layout: no drawing. */
	CHECK(mc_bpmn_svg(a, SEQ(T1, T2), strlen(SEQ(T1, T2)), ids, cls, 2) ==
	    NULL);
	CHECK(mc_bpmn_svg(a, "<x/>", 4, ids, cls, 0) == NULL);
	/* A coordinate that is no number drops its shape only. */
	bad = mc_arena_strdup(a, xml);
	if ((p1 = strstr(bad, "x=\"180\"")) != NULL)
		memcpy((char *)p1, "x=\"nan\"", 7);
	svg = mc_bpmn_svg(a, bad, strlen(bad), ids, cls, 3);
	CHECK(svg != NULL && count(svg, "<circle ") == 1);
	CHECK_INT(count(svg, "<g class=\"wf-task "), 3);
}

/*
 * The chain drawn for a dossier without a diagram: one box per step, left
 * to right in their order, each in its class, names escaped and wrapped
 * (a long one cut with an ellipsis), a start and an end; none for no step.
 */
static void
test_chain(struct mc_arena *a)
{
	static const char *const names[] = { "Tiếp nhận <hồ sơ>",
		"Thẩm định, xử lý hồ sơ của cơ quan chuyên môn cấp xã theo quy "
		"định của pháp luật hiện hành về hộ tịch và giám hộ",
		"Trả kết quả" };
	static const char *const cls[] = { "wf-done", "wf-current wf-red",
		"wf-todo" };
	const char *svg = mc_dossier_chain_svg(a, names, cls, 3), *p, *q;

	CHECK(svg != NULL);
	if (svg == NULL)
		return;
	CHECK(strncmp(svg, "<svg ", 5) == 0);
	CHECK(strstr(svg, "aria-hidden=\"true\"") != NULL);
	CHECK_INT(count(svg, "<g class=\"wf-task "), 3);
	CHECK_INT(count(svg, "wf-event wf-start"), 1);
	CHECK_INT(count(svg, "wf-event wf-end"), 1);
	CHECK_INT(count(svg, "class=\"wf-flow\""), 4);
	p = strstr(svg, "<g class=\"wf-task wf-done\">");
	q = strstr(svg, "<g class=\"wf-task wf-current wf-red\">");
	CHECK(p != NULL && q != NULL && p < q &&
	    q < strstr(svg, "<g class=\"wf-task wf-todo\">"));
	CHECK(strstr(svg, "Tiếp nhận &lt;hồ sơ&gt;") != NULL);
	CHECK(strstr(svg, "<hồ") == NULL);
	CHECK(strstr(svg, "\xe2\x80\xa6</tspan>") != NULL); /* cut */
	CHECK(strstr(svg, "hiện hành") == NULL);
	CHECK(mc_dossier_chain_svg(a, names, cls, 0) == NULL);
}

int
main(void)
{
	struct mc_arena *a = mc_arena_new(1 << 16);

	test_good(a);
	test_roundtrip(a);
	test_pool(a);
	test_bad(a);
	test_entities(a);
	test_branches(a);
	test_start_choice(a);
	test_parallel(a);
	test_nesting(a);
	test_svg(a);
	test_chain(a);
	mc_arena_free(a);
	return DONE();
}
