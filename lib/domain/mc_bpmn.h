/*
 * Workflows drawn as BPMN 2.0 (the admins' workflow designer, bpmn-js in
 * the browser): a diagram read with libxml2 into the steps the engine runs
 * (a start event, tasks, exclusive gateways choosing a branch by a
 * condition on the form's fields or the officer's decision (mc_cond.h),
 * right after the start event on the fields only (the first step),
 * parallel gateways sending the dossier to several chains of tasks at
 * once and joining them again,
 * one end event after the task returning the result), every problem
 * listed with the element it is about; and a workflow's steps written
 * back as a diagram to start from.
 */
#ifndef MC_BPMN_H
#define MC_BPMN_H

#include <stddef.h>

struct mc_arena;

/* Our attributes on a task: mc:role, mc:agency, mc:hours. */
#define MC_BPMN_NS	   "https://motcua.hochiminhcity.gov.vn/bpmn"
#define MC_BPMN_MAX_STEPS  32 /* as many as a dossier may have */
#define MC_BPMN_MAX_ERRORS 40
#define MC_BPMN_MAX_ROUTES 128
#define MC_BPMN_XML_MAX	   (1024 * 1024)

enum mc_bpmn_problem {
	BPMN_XML,	  /* not well-formed XML, or not a BPMN diagram */
	BPMN_NO_PROCESS,  /* no process with steps */
	BPMN_PROCESSES,	  /* more than one process (pools) */
	BPMN_TOO_BIG,	  /* too many elements */
	BPMN_UNSUPPORTED, /* an element the engine does not run */
	BPMN_GATEWAY,	  /* a gateway of a kind the engine does not run */
	BPMN_BRANCH,	  /* several flows out of a task or an event */
	BPMN_FLOW,	  /* a flow with a missing end */
	BPMN_START,	  /* not exactly one start event */
	BPMN_END,	  /* not exactly one end event */
	BPMN_DANGLING,	  /* the path stops before the end event */
	BPMN_LOOP,	  /* the path comes back to an element */
	BPMN_UNREACHED,	  /* a task not on the path from the start */
	BPMN_NO_NAME,	  /* a task without a name */
	BPMN_BAD_NAME,	  /* a name too long or with control characters */
	BPMN_NO_ROLE,	  /* a task without a role */
	BPMN_BAD_ROLE,	  /* a role that is not receiver/specialist/leader */
	BPMN_NO_HOURS,	  /* a task without a positive time */
	BPMN_BAD_AGENCY,  /* an agency code that cannot be one */
	BPMN_AGENCY,	  /* no such agency (the caller checks) */
	BPMN_SCOPE,	/* an agency outside the admin's (the caller checks) */
	BPMN_FEW_STEPS, /* fewer than two tasks */
	BPMN_MANY_STEPS, /* more than MC_BPMN_MAX_STEPS */
	BPMN_TOTAL,	 /* the times do not add up to the legal time */
	BPMN_DEFAULT,	 /* a branching gateway without exactly one default */
	BPMN_CONDITION,	 /* a condition that cannot be read, or misplaced */
	BPMN_FIRST,	 /* the start not followed by a task or a choice */
	BPMN_RETURN,	 /* the end event not right after one task */
	BPMN_PARALLEL,	 /* a parallel gateway not a split or join of tasks */
	BPMN_NESTED,	 /* a parallel block inside a parallel branch */
	BPMN_START_DECISION, /* the start's choice on a decision */
	BPMN__MAX
};

/* A problem: what, the element's id (or NULL) and its name or a figure. */
struct mc_bpmn_error {
	enum mc_bpmn_problem code;
	const char	    *id;
	const char	    *subject;
};

/* A step as the engine runs it; strings in the arena. */
struct mc_bpmn_step {
	const char *id; /* the task's element id */
	const char *name;
	const char *role;   /* "receiver", "specialist" or "leader" */
	const char *agency; /* an agency code, or NULL: the receiving one */
	long	    minutes;
};

/*
 * Where step from leads (indexes into steps): to step to when cond holds
 * (mc_cond.h), or by default when cond is NULL; a step's routes in the
 * order they are tried, its default last. label: the arrow's name.
 * from is MC_BPMN_FROM_START for an exclusive gateway right after the
 * start event: the first step chosen on the form's fields (saved as
 * from_seq 0, tried when the dossier is accepted).
 */
#define MC_BPMN_FROM_START ((size_t)-1)

enum mc_bpmn_route_kind {
	ROUTE_CHOICE, /* the first whose condition holds, or the default */
	ROUTE_FORK,   /* every fork route of the step, at once */
	ROUTE_JOIN    /* taken when no other branch is open */
};

struct mc_bpmn_route {
	size_t			from, to;
	const char	       *cond;
	const char	       *label;
	enum mc_bpmn_route_kind kind;
};

struct mc_bpmn {
	struct mc_bpmn_step steps[MC_BPMN_MAX_STEPS];
	size_t		    nsteps;
	/* None when the steps follow one another (no gateway branches). */
	struct mc_bpmn_route routes[MC_BPMN_MAX_ROUTES];
	size_t		     nroutes;
	struct mc_bpmn_error errs[MC_BPMN_MAX_ERRORS];
	size_t		     nerr;
};

/*
 * Reads the diagram xml (len bytes, at most MC_BPMN_XML_MAX; no network,
 * no DTD, no entity expansion) into b: its steps in an order where every
 * step comes after those leading to it (the path from the start event to
 * the end event when there is no gateway), the routes when an exclusive
 * gateway branches or a parallel one splits (ROUTE_FORK from the task
 * before the split to the first task of each branch, ROUTE_JOIN from each
 * branch's last task to the task after the join), and every problem found
 * (b->nerr). A parallel split follows a task; each of its arrows leads to
 * a chain of tasks (one arrow in, one out) and all chains end at the same
 * parallel join, which leads to a task. legal_minutes > 0: the tasks'
 * times along every path from the start to the end must add up to it (a
 * parallel block takes its longest branch's; within a minute a step;
 * without branches the last step takes the rounding). Returns
 * 0 when the diagram is a workflow the engine runs (no problem), 1 when
 * problems were found, -1 on an internal error.
 */
int mc_bpmn_parse(struct mc_arena *, const char *xml, size_t len,
    long legal_minutes, struct mc_bpmn *b);

/* Adds a problem found by the caller (an agency unknown or not theirs). */
void mc_bpmn_error(struct mc_bpmn *, enum mc_bpmn_problem, const char *id,
    const char *subject);

/* The problem's name ("no_role", ...), for the language strings. */
const char *mc_bpmn_problem_name(enum mc_bpmn_problem);

/*
 * The steps as a BPMN diagram (a start event, one user task a step with
 * mc:role, mc:agency and mc:hours, an end event, laid out left to right),
 * named name; in the arena, or NULL on error.
 */
char *mc_bpmn_write(struct mc_arena *, const char *name,
    const struct mc_bpmn_step *, size_t		   n);

/*
 * The diagram xml drawn as SVG where its layout (BPMN DI) places things:
 * events as circles, tasks as rounded boxes with their names, flows as
 * arrows, gateways as diamonds. The task whose id is ids[i] gets the
 * class classes[i] (e.g. "wf-done"), any other task "wf-other"; an arrow
 * between two tasks reached ("wf-done", "wf-current", through gateways)
 * is "wf-taken", one into a task "wf-skipped" is "wf-not-taken"; the
 * colours are the style sheet's. The SVG is aria-hidden (the page lists the steps as text).
 * In the arena; NULL when the diagram cannot be read or has no layout.
 */
char *mc_bpmn_svg(struct mc_arena *, const char *xml, size_t len,
    const char *const *ids, const char *const *classes, size_t n);

#endif
