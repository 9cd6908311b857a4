/*
 * BPMN 2.0 diagrams of workflows (mc_bpmn.h): read with libxml2 into the
 * steps the engine runs (in an order where each comes after those leading
 * to it) and the routes of exclusive gateways, every problem named by its
 * element; steps written back as a diagram with its layout.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "mc_arena.h"
#include "mc_bpmn.h"
#include "mc_buf.h"
#include "mc_cond.h"
#include "mc_util.h"

#define BPMN_MODEL "http://www.omg.org/spec/BPMN/20100524/MODEL"
#define MAX_NODES  256
#define MAX_FLOWS  512
#define NAME_MAX_B 255

/* clang-format off */
static const char *const problem_names[BPMN__MAX] = {
	[BPMN_XML] = "xml",
	[BPMN_NO_PROCESS] = "no_process",
	[BPMN_PROCESSES] = "processes",
	[BPMN_TOO_BIG] = "too_big",
	[BPMN_UNSUPPORTED] = "unsupported",
	[BPMN_GATEWAY] = "gateway",
	[BPMN_BRANCH] = "branch",
	[BPMN_FLOW] = "flow",
	[BPMN_START] = "start",
	[BPMN_END] = "end",
	[BPMN_DANGLING] = "dangling",
	[BPMN_LOOP] = "loop",
	[BPMN_UNREACHED] = "unreached",
	[BPMN_NO_NAME] = "no_name",
	[BPMN_BAD_NAME] = "bad_name",
	[BPMN_NO_ROLE] = "no_role",
	[BPMN_BAD_ROLE] = "bad_role",
	[BPMN_NO_HOURS] = "no_hours",
	[BPMN_BAD_AGENCY] = "bad_agency",
	[BPMN_AGENCY] = "agency",
	[BPMN_SCOPE] = "scope",
	[BPMN_FEW_STEPS] = "few_steps",
	[BPMN_MANY_STEPS] = "many_steps",
	[BPMN_TOTAL] = "total",
	[BPMN_DEFAULT] = "default",
	[BPMN_CONDITION] = "condition",
	[BPMN_FIRST] = "first",
	[BPMN_RETURN] = "return",
	[BPMN_PARALLEL] = "parallel",
	[BPMN_NESTED] = "nested",
	[BPMN_START_DECISION] = "start_decision",
};
/* clang-format on */

enum kind { K_START, K_END, K_TASK, K_GATEWAY, K_OTHER, K_XOR, K_AND };

struct node {
	enum kind   kind;
	const char *id, *name, *role, *agency, *hours;
	const char *dflt; /* an exclusive gateway's default flow's id */
	int	    in, out, seen;
	int	    step;	 /* its index in b->steps, or -1 */
	long	    lo, hi;	 /* minutes of the shortest, longest path */
	int	    indeg, done; /* the topological sort's */
	int	    joined;	 /* a parallel join some split reaches */
	int	    split;	 /* on a branch of this split (node + 1) */
	int	    branch;	 /* that branch's arrow (from 1) */
};

struct flow {
	const char *id, *name;
	const char *cond; /* its conditionExpression, trimmed */
	int	    from, to;
};

struct graph {
	struct mc_arena *a;
	struct mc_bpmn	*b;
	struct node	 nodes[MAX_NODES];
	size_t		 nnodes;
	struct flow	 flows[MAX_FLOWS];
	size_t		 nflows;
	const char     **flow_from, **flow_to;
	int		 too_big;
};

const char *
mc_bpmn_problem_name(enum mc_bpmn_problem p)
{
	return p < BPMN__MAX && problem_names[p] ? problem_names[p] : "xml";
}

void
mc_bpmn_error(struct mc_bpmn *b, enum mc_bpmn_problem code, const char *id,
    const char *subject)
{
	if (b->nerr >= MC_BPMN_MAX_ERRORS)
		return;
	b->errs[b->nerr].code = code;
	b->errs[b->nerr].id = id;
	b->errs[b->nerr].subject = subject;
	b->nerr++;
}

/* The attribute (in ns, or none when ns is NULL), trimmed, in the arena. */
static const char *
attr(struct mc_arena *a, xmlNode *n, const char *name, const char *ns)
{
	xmlChar	   *v;
	const char *s, *e;
	char	   *out;

	v = ns ? xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)ns) :
		 xmlGetNoNsProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	for (s = (const char *)v; *s == ' ' || *s == '\t' || *s == '\n'; s++)
		;
	for (e = s + strlen(s); e > s &&
	     (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r');
	     e--)
		;
	out = e > s ? mc_arena_strndup(a, s, (size_t)(e - s)) : NULL;
	xmlFree(v);
	return out;
}

static int
is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, BPMN_MODEL) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* The element's name for a message: its name, else its id. */
static const char *
label(const struct node *n)
{
	return n->name ? n->name : n->id ? n->id : "?";
}

/* Elements of a process that draw or annotate nothing the engine runs. */
static int
ignorable(const char *name)
{
	static const char *const names[] = { "laneSet", "textAnnotation",
		"association", "documentation", "extensionElements",
		"dataObject", "dataObjectReference", "dataStoreReference",
		"group", "property", "ioSpecification", "category" };
	size_t			 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static int
gateway(const char *name)
{
	size_t n = strlen(name);

	return n > 7 && strcmp(name + n - 7, "Gateway") == 0;
}

/* A flow's condition: its conditionExpression's text, trimmed, or NULL. */
static const char *
condition(struct mc_arena *a, xmlNode *flow)
{
	xmlNode	   *c;
	xmlChar	   *v;
	const char *s, *e;
	char	   *out = NULL;

	for (c = flow->children; c != NULL && !is(c, "conditionExpression");
	     c = c->next)
		;
	if (c == NULL || (v = xmlNodeGetContent(c)) == NULL)
		return NULL;
	for (s = (const char *)v;
	     *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'; s++)
		;
	for (e = s + strlen(s); e > s &&
	     (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r');
	     e--)
		;
	if (e > s)
		out = mc_arena_strndup(a, s, (size_t)(e - s));
	xmlFree(v);
	return out;
}

/* One child of a process: a node, a flow, ignored or refused. */
static void
read_child(struct graph *g, xmlNode *c)
{
	const char  *name = (const char *)c->name;
	struct node *n;

	if (c->type != XML_ELEMENT_NODE || c->ns == NULL ||
	    strcmp((const char *)c->ns->href, BPMN_MODEL) != 0 ||
	    ignorable(name))
		return;
	if (strcmp(name, "sequenceFlow") == 0) {
		if (g->nflows >= MAX_FLOWS) {
			g->too_big = 1;
			return;
		}
		g->flows[g->nflows].id = attr(g->a, c, "id", NULL);
		g->flows[g->nflows].name = attr(g->a, c, "name", NULL);
		g->flows[g->nflows].cond = condition(g->a, c);
		g->flow_from[g->nflows] = attr(g->a, c, "sourceRef", NULL);
		g->flow_to[g->nflows] = attr(g->a, c, "targetRef", NULL);
		g->nflows++;
		return;
	}
	if (g->nnodes >= MAX_NODES) {
		g->too_big = 1;
		return;
	}
	n = &g->nodes[g->nnodes++];
	memset(n, 0, sizeof(*n));
	n->id = attr(g->a, c, "id", NULL);
	n->name = attr(g->a, c, "name", NULL);
	if (strcmp(name, "startEvent") == 0)
		n->kind = K_START;
	else if (strcmp(name, "endEvent") == 0)
		n->kind = K_END;
	else if (strcmp(name, "task") == 0 || strcmp(name, "userTask") == 0) {
		n->kind = K_TASK;
		n->role = attr(g->a, c, "role", MC_BPMN_NS);
		n->agency = attr(g->a, c, "agency", MC_BPMN_NS);
		n->hours = attr(g->a, c, "hours", MC_BPMN_NS);
	} else if (strcmp(name, "exclusiveGateway") == 0) {
		n->kind = K_XOR;
		n->dflt = attr(g->a, c, "default", NULL);
	} else if (strcmp(name, "parallelGateway") == 0) {
		n->kind = K_AND;
	} else if (gateway(name)) {
		n->kind = K_GATEWAY;
		mc_bpmn_error(g->b, BPMN_GATEWAY, n->id, label(n));
	} else {
		n->kind = K_OTHER;
		mc_bpmn_error(g->b, BPMN_UNSUPPORTED, n->id,
		    mc_arena_printf(g->a, "%s (%s)", label(n), name));
	}
}

static int
node_of(const struct graph *g, const char *id)
{
	size_t i;

	if (id == NULL)
		return -1;
	for (i = 0; i < g->nnodes; i++)
		if (g->nodes[i].id != NULL && strcmp(g->nodes[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Minutes of "16", "0.5" or "2,25" hours; -1 if not a positive time. */
static long
hours_minutes(const char *s)
{
	long whole = 0, frac = 0, scale = 1;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((whole = whole * 10 + (*s - '0')) > 100000)
			return -1;
	if (*s == '.' || *s == ',')
		for (s++; *s >= '0' && *s <= '9'; s++)
			if (scale < 10000)
				frac = frac * 10 + (*s - '0'), scale *= 10;
	if (*s != '\0')
		return -1;
	whole = whole * 60 + (frac * 60 + scale / 2) / scale;
	return whole > 0 ? whole : -1;
}

static int
agency_code_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n > 32)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'A' && s[i] <= 'Z') ||
			(s[i] >= 'a' && s[i] <= 'z') || s[i] == '.' ||
			s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

/* Each task's own attributes: name, role, time, agency. */
static void
check_tasks(struct graph *g)
{
	struct node *n;
	size_t	     i;

	for (i = 0; i < g->nnodes; i++) {
		n = &g->nodes[i];
		if (n->kind != K_TASK)
			continue;
		if (n->name == NULL)
			mc_bpmn_error(g->b, BPMN_NO_NAME, n->id, label(n));
		else if (strlen(n->name) > NAME_MAX_B ||
		    !mc_text_ok(n->name, strlen(n->name), 0) ||
		    strchr(n->name, '\t') != NULL)
			mc_bpmn_error(g->b, BPMN_BAD_NAME, n->id, label(n));
		if (n->role == NULL)
			mc_bpmn_error(g->b, BPMN_NO_ROLE, n->id, label(n));
		else if (strcmp(n->role, "receiver") != 0 &&
		    strcmp(n->role, "specialist") != 0 &&
		    strcmp(n->role, "leader") != 0)
			mc_bpmn_error(g->b, BPMN_BAD_ROLE, n->id, label(n));
		if (hours_minutes(n->hours) < 0)
			mc_bpmn_error(g->b, BPMN_NO_HOURS, n->id, label(n));
		if (n->agency != NULL && !agency_code_ok(n->agency))
			mc_bpmn_error(g->b, BPMN_BAD_AGENCY, n->id, label(n));
	}
}

/* The flows' ends as nodes; the elements with more than one of either. */
static void
link_flows(struct graph *g)
{
	size_t i;

	for (i = 0; i < g->nflows; i++) {
		g->flows[i].from = node_of(g, g->flow_from[i]);
		g->flows[i].to = node_of(g, g->flow_to[i]);
		if (g->flows[i].from < 0 || g->flows[i].to < 0) {
			mc_bpmn_error(g->b, BPMN_FLOW, g->flows[i].id,
			    g->flows[i].id ? g->flows[i].id : "?");
			continue;
		}
		g->nodes[g->flows[i].from].out++;
		g->nodes[g->flows[i].to].in++;
	}
	/* Tasks may join branches; only a gateway branches. */
	for (i = 0; i < g->nnodes; i++)
		if (g->nodes[i].kind != K_GATEWAY &&
		    g->nodes[i].kind != K_XOR && g->nodes[i].kind != K_AND &&
		    (g->nodes[i].out > 1 ||
			(g->nodes[i].kind != K_TASK && g->nodes[i].in > 1)))
			mc_bpmn_error(g->b, BPMN_BRANCH, g->nodes[i].id,
			    label(&g->nodes[i]));
}

/*
 * An exclusive gateway that branches has one default arrow (its default,
 * or its only arrow without a condition) and a readable condition on
 * every other; a condition elsewhere is refused.
 */
static void
check_conditions(struct graph *g)
{
	struct node *n;
	struct flow *f;
	size_t	     i, j;
	int	     ndef;

	for (i = 0; i < g->nflows; i++) {
		f = &g->flows[i];
		if (f->cond == NULL || f->from < 0)
			continue;
		n = &g->nodes[f->from];
		if (n->kind != K_XOR || n->out < 2 ||
		    (n->dflt && f->id && strcmp(n->dflt, f->id) == 0) ||
		    !mc_cond_valid(f->cond))
			mc_bpmn_error(g->b, BPMN_CONDITION, f->id,
			    mc_arena_printf(g->a, "%s: %s",
				f->name	  ? f->name :
				    f->id ? f->id :
					    "?",
				f->cond));
	}
	for (i = 0; i < g->nnodes; i++) {
		n = &g->nodes[i];
		if (n->kind != K_XOR || n->out < 2)
			continue;
		for (ndef = 0, j = 0; j < g->nflows; j++)
			if (g->flows[j].from == (int)i &&
			    (g->flows[j].cond == NULL ||
				(n->dflt && g->flows[j].id &&
				    strcmp(n->dflt, g->flows[j].id) == 0)))
				ndef++;
		if (ndef != 1)
			mc_bpmn_error(g->b, BPMN_DEFAULT, n->id, label(n));
	}
}

/* 1 if flow f is its exclusive gateway's default arrow. */
static int
is_default(const struct graph *g, const struct flow *f)
{
	const struct node *n = &g->nodes[f->from];

	if (n->dflt != NULL)
		return f->id != NULL && strcmp(n->dflt, f->id) == 0;
	return f->cond == NULL;
}

/* Adds task n as the next step. */
static void
add_step(struct graph *g, struct node *n)
{
	struct mc_bpmn_step *st;

	if (g->b->nsteps >= MC_BPMN_MAX_STEPS) {
		if (g->b->nsteps++ == MC_BPMN_MAX_STEPS)
			mc_bpmn_error(g->b, BPMN_MANY_STEPS, NULL,
			    mc_arena_printf(g->a, "%d", MC_BPMN_MAX_STEPS));
		return;
	}
	st = &g->b->steps[g->b->nsteps];
	n->step = (int)g->b->nsteps++;
	st->id = n->id;
	st->name = n->name;
	st->role = n->role;
	st->agency = n->agency;
	st->minutes = hours_minutes(n->hours);
}

/*
 * From the start event: what it reaches (seen), paths that stop, loops,
 * and the tasks in an order where each comes after those leading to it
 * (first come, first served: the sequence's own order when it has no
 * branch). order[] receives the nodes in that order; their number, or -1
 * when a loop leaves some out.
 */
static int
sort(struct graph *g, int start, int *order)
{
	int    stack[MAX_NODES], queue[MAX_NODES];
	size_t f, i, nstack = 0, head = 0, tail = 0, nseen = 0, n = 0;
	int    cur;

	stack[nstack++] = start;
	g->nodes[start].seen = 1;
	while (nstack > 0) {
		cur = stack[--nstack];
		nseen++;
		if (g->nodes[cur].kind != K_END && g->nodes[cur].out == 0)
			mc_bpmn_error(g->b, BPMN_DANGLING, g->nodes[cur].id,
			    label(&g->nodes[cur]));
		for (f = 0; f < g->nflows; f++)
			if (g->flows[f].from == cur && g->flows[f].to >= 0 &&
			    !g->nodes[g->flows[f].to].seen) {
				g->nodes[g->flows[f].to].seen = 1;
				stack[nstack++] = g->flows[f].to;
			}
	}
	for (f = 0; f < g->nflows; f++)
		if (g->flows[f].from >= 0 && g->flows[f].to >= 0 &&
		    g->nodes[g->flows[f].from].seen)
			g->nodes[g->flows[f].to].indeg++;
	queue[tail++] = start;
	while (head < tail) {
		cur = queue[head++];
		order[n++] = cur;
		g->nodes[cur].done = 1;
		if (g->nodes[cur].kind == K_TASK)
			add_step(g, &g->nodes[cur]);
		for (f = 0; f < g->nflows; f++)
			if (g->flows[f].from == cur && g->flows[f].to >= 0 &&
			    --g->nodes[g->flows[f].to].indeg == 0)
				queue[tail++] = g->flows[f].to;
	}
	if (n == nseen)
		return (int)n;
	for (i = 0; i < g->nnodes; i++)
		if (g->nodes[i].seen && !g->nodes[i].done) {
			mc_bpmn_error(g->b, BPMN_LOOP, g->nodes[i].id,
			    label(&g->nodes[i]));
			break;
		}
	return -1;
}

static void
add_route(struct graph *g, int from, int to, const char *cond,
    const char *name, enum mc_bpmn_route_kind kind)
{
	struct mc_bpmn_route *r;

	if (g->b->nroutes >= MC_BPMN_MAX_ROUTES) {
		if (g->b->nroutes++ == MC_BPMN_MAX_ROUTES)
			mc_bpmn_error(g->b, BPMN_TOO_BIG, NULL, NULL);
		return;
	}
	r = &g->b->routes[g->b->nroutes++];
	r->from = from < 0 ? MC_BPMN_FROM_START : (size_t)from;
	r->to = (size_t)to;
	r->cond = cond;
	r->label = name;
	r->kind = kind;
}

/*
 * The routes of step from through node: to a task, or through a gateway
 * its conditional arrows first (each condition joined to the ones before
 * it with &&), its default last.
 */
static void
resolve(struct graph *g, int from, int node, const char *cond,
    const char *name)
{
	const struct node *n = &g->nodes[node];
	const struct flow *f;
	const char	  *c;
	size_t		   i;
	int		   pass;

	if (n->kind == K_TASK) {
		add_route(g, from, n->step, cond, name, ROUTE_CHOICE);
		return;
	}
	if (n->kind == K_AND) { /* check_parallel: tasks either side */
		for (i = 0; i < g->nflows; i++) {
			f = &g->flows[i];
			if (f->from == node && f->to >= 0 &&
			    g->nodes[f->to].kind == K_TASK)
				add_route(g, from, g->nodes[f->to].step, NULL,
				    f->name,
				    n->out > 1 ? ROUTE_FORK : ROUTE_JOIN);
		}
		return;
	}
	if (n->kind != K_XOR)
		return;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < g->nflows; i++) {
			f = &g->flows[i];
			if (f->from != node || f->to < 0 ||
			    is_default(g, f) != pass)
				continue;
			c = pass || n->out < 2 ? cond :
			    cond == NULL       ? f->cond :
						 mc_arena_printf(g->a,
						     "(%s) && (%s)", cond, f->cond);
			resolve(g, from, f->to, c, f->name ? f->name : name);
		}
}

/*
 * 1 if node x is an exclusive gateway right after the start event whose
 * arrows each lead to a task, none on the officer's decision (nobody has
 * decided before the first step): a choice on the form's fields.
 */
static int
start_choice(struct graph *g, int x)
{
	const struct flow *f;
	size_t		   i;

	if (g->nodes[x].kind != K_XOR || g->nodes[x].in != 1)
		return 0;
	for (i = 0; i < g->nflows; i++) {
		f = &g->flows[i];
		if (f->from != x || f->to < 0)
			continue;
		if (g->nodes[f->to].kind != K_TASK)
			return 0;
		if (f->cond != NULL && mc_cond_uses_decision(f->cond)) {
			mc_bpmn_error(g->b, BPMN_START_DECISION, f->id,
			    f->name   ? f->name :
				f->id ? f->id :
					"?");
			return 1; /* named once, as such */
		}
	}
	return 1;
}

/*
 * The start event leads to a task, or to an exclusive gateway choosing
 * the first task on the form's fields; the end event follows one task
 * (the one returning the result, the last step): a path can only end
 * there.
 */
static void
check_ends(struct graph *g, int start)
{
	size_t f;

	for (f = 0; f < g->nflows; f++) {
		if (g->flows[f].from < 0 || g->flows[f].to < 0)
			continue;
		if (g->flows[f].from == start &&
		    g->nodes[g->flows[f].to].kind != K_TASK &&
		    !start_choice(g, g->flows[f].to))
			mc_bpmn_error(g->b, BPMN_FIRST,
			    g->nodes[g->flows[f].to].id,
			    label(&g->nodes[g->flows[f].to]));
		if (g->nodes[g->flows[f].to].kind == K_END &&
		    g->nodes[g->flows[f].from].kind != K_TASK)
			mc_bpmn_error(g->b, BPMN_RETURN,
			    g->nodes[g->flows[f].to].id,
			    label(&g->nodes[g->flows[f].to]));
	}
}

/*
 * The shortest time to join j: its branches' longest shortest one (a
 * branch's shortest over its paths, the block waiting for every branch).
 */
static long
join_lo(const struct graph *g, int j)
{
	const struct node *n;
	long		   best[MAX_NODES], lo = 0;
	size_t		   f;
	int		   k;

	for (k = 0; k < MAX_NODES; k++)
		best[k] = -1;
	for (f = 0; f < g->nflows; f++) {
		if (g->flows[f].to != j || g->flows[f].from < 0)
			continue;
		n = &g->nodes[g->flows[f].from];
		k = n->branch;
		if (k < 0 || k >= MAX_NODES || n->lo < 0)
			continue;
		if (best[k] < 0 || n->lo < best[k])
			best[k] = n->lo;
	}
	for (k = 0; k < MAX_NODES; k++)
		if (best[k] > lo)
			lo = best[k];
	return lo;
}

/*
 * The shortest and longest time from the start to the end (the nodes in
 * order): every path must take the legal time, within a minute a step;
 * when all take the same, the last step takes the rounding.
 */
static void
check_times(struct graph *g, const int *order, int n, long legal)
{
	struct node *from, *to;
	size_t	     i, f;
	long	     m, diff;
	int	     end = -1, k;

	for (i = 0; i < g->b->nsteps; i++)
		if (g->b->steps[i].minutes < 0)
			return;
	for (k = 0; k < n; k++) {
		from = &g->nodes[order[k]];
		if (from->kind == K_END)
			end = order[k];
		if (from->kind == K_AND && from->joined)
			from->lo = join_lo(g, order[k]);
		for (f = 0; f < g->nflows; f++) {
			if (g->flows[f].from != order[k] || g->flows[f].to < 0)
				continue;
			to = &g->nodes[g->flows[f].to];
			m = to->kind == K_TASK && to->step >= 0 ?
			    g->b->steps[to->step].minutes :
			    0;
			if (to->kind == K_AND && to->in > 1) {
				/* A join: when the longest branch is done. */
				if (from->lo + m > to->lo)
					to->lo = from->lo + m;
				if (from->hi + m > to->hi)
					to->hi = from->hi + m;
				continue;
			}
			if (to->lo < 0 || from->lo + m < to->lo)
				to->lo = from->lo + m;
			if (from->hi + m > to->hi)
				to->hi = from->hi + m;
		}
	}
	if (legal <= 0 || end < 0 || g->b->nsteps == 0)
		return;
	from = &g->nodes[end];
	if (from->lo != from->hi) {
		mc_bpmn_error(g->b, BPMN_TOTAL, NULL,
		    mc_arena_printf(g->a, "%.2f–%.2f/%.2f", from->lo / 60.0,
			from->hi / 60.0, legal / 60.0));
		return;
	}
	diff = legal - from->hi;
	if (labs(diff) > (long)g->b->nsteps ||
	    g->b->steps[g->b->nsteps - 1].minutes + diff <= 0)
		mc_bpmn_error(g->b, BPMN_TOTAL, NULL,
		    mc_arena_printf(g->a, "%.2f/%.2f", from->hi / 60.0,
			legal / 60.0));
	else
		g->b->steps[g->b->nsteps - 1].minutes += diff;
}

/* The node flow i of node leads to (the first), or -1. */
static int
next_of(const struct graph *g, int node)
{
	size_t f;

	for (f = 0; f < g->nflows; f++)
		if (g->flows[f].from == node && g->flows[f].to >= 0)
			return g->flows[f].to;
	return -1;
}

/*
 * The nodes of branch k of parallel split s from node t on (tasks and
 * exclusive gateways, marked), up to the join all reach: the join, or -1
 * when the branch ends elsewhere, meets another branch or holds another
 * parallel block (*nested: that gateway's node).
 */
static int
branch_walk(struct graph *g, int s, int k, int t, int *nested)
{
	int    stack[MAX_NODES], nstack = 0, join = -1, x, y;
	size_t f;

	stack[nstack++] = t;
	while (nstack > 0) {
		x = stack[--nstack];
		if (g->nodes[x].kind == K_AND) {
			if (g->nodes[x].out > 1)
				*nested = x;
			if (g->nodes[x].in < 2 || g->nodes[x].out != 1)
				return -1;
			if (join >= 0 && join != x)
				return -1;
			join = x;
			continue;
		}
		if (g->nodes[x].kind != K_TASK && g->nodes[x].kind != K_XOR)
			return -1;
		if (g->nodes[x].split != 0) {
			if (g->nodes[x].split != s + 1 ||
			    g->nodes[x].branch != k)
				return -1; /* two branches meet */
			continue;
		}
		g->nodes[x].split = s + 1;
		g->nodes[x].branch = k;
		for (f = 0; f < g->nflows; f++) {
			if (g->flows[f].from != x || (y = g->flows[f].to) < 0)
				continue;
			/* A choice leads to a step, not straight out. */
			if (g->nodes[x].kind == K_XOR && g->nodes[x].out > 1 &&
			    g->nodes[y].kind == K_AND)
				return -1;
			if (nstack >= MAX_NODES)
				return -1;
			stack[nstack++] = y;
		}
	}
	return join;
}

/*
 * Each branch of parallel split s: from a task, tasks and exclusive
 * gateways entered only from the split or the same branch, up to one
 * join all reach (marked) and only they lead to; the join, or -1.
 */
static int
branches_of(struct graph *g, int s, int *nested)
{
	size_t f;
	int    t, join = -1, j, k = 0;

	for (f = 0; f < g->nflows; f++) {
		if (g->flows[f].from != s || (t = g->flows[f].to) < 0)
			continue;
		k++;
		if (g->nodes[t].kind != K_TASK || g->nodes[t].split != 0)
			return -1;
		j = branch_walk(g, s, k, t, nested);
		if (j < 0 || (join >= 0 && j != join))
			return -1;
		join = j;
	}
	if (join < 0)
		return -1;
	/* Nothing enters a branch or the join from elsewhere. */
	for (f = 0; f < g->nflows; f++) {
		if (g->flows[f].from < 0 || (t = g->flows[f].to) < 0)
			continue;
		if ((t == join || g->nodes[t].split == s + 1) &&
		    g->flows[f].from != s &&
		    g->nodes[g->flows[f].from].split != s + 1)
			return -1;
		if (g->flows[f].from == s && g->nodes[t].split != s + 1)
			return -1;
	}
	g->nodes[join].joined = 1;
	g->nodes[join].split = s + 1;
	return join;
}

/*
 * Parallel gateways: a split after a task whose branches (tasks, and
 * exclusive gateways choosing within the branch) meet at one join,
 * followed by a task; blocks one after another, or on a path of an
 * exclusive gateway, but none inside a parallel branch.
 */
static void
check_parallel(struct graph *g)
{
	struct node *n;
	size_t	     i, f;
	int	     ok, join, nested;
	char	     bad[MAX_NODES], inner[MAX_NODES];
	int	     any_inner = 0;

	memset(bad, 0, sizeof(bad));
	memset(inner, 0, sizeof(inner));
	for (i = 0; i < g->nnodes; i++) {
		n = &g->nodes[i];
		if (n->kind != K_AND || n->in != 1 || n->out < 2)
			continue;
		for (ok = 0, f = 0; f < g->nflows; f++)
			if (g->flows[f].to == (int)i && g->flows[f].from >= 0)
				ok = g->nodes[g->flows[f].from].kind == K_TASK;
		nested = -1;
		join = ok ? branches_of(g, (int)i, &nested) : -1;
		if (nested >= 0)
			inner[nested] = 1, any_inner = 1;
		else if (join < 0 || next_of(g, join) < 0 ||
		    g->nodes[next_of(g, join)].kind != K_TASK)
			bad[i] = 1;
	}
	/*
	 * A block inside a branch named once, as such (not its outer join,
	 * left unjoined by it).
	 */
	for (i = 0; i < g->nnodes; i++) {
		n = &g->nodes[i];
		if (inner[i])
			mc_bpmn_error(g->b, BPMN_NESTED, n->id, label(n));
		else if (bad[i] ||
		    (n->kind == K_AND && !(n->in == 1 && n->out > 1) &&
			!n->joined && !any_inner))
			mc_bpmn_error(g->b, BPMN_PARALLEL, n->id, label(n));
	}
}

/* Start and end events, the order, the routes, the tasks off the paths. */
static void
check_graph(struct graph *g, long legal)
{
	size_t i, f, nstart = 0, nend = 0;
	int    start = -1, n = -1, branches = 0, *order;

	for (i = 0; i < g->nnodes; i++) {
		g->nodes[i].step = -1;
		g->nodes[i].lo = g->nodes[i].hi = -1;
		if (g->nodes[i].kind == K_START && nstart++ == 0)
			start = (int)i;
		if (g->nodes[i].kind == K_END)
			nend++;
		if ((g->nodes[i].kind == K_XOR && g->nodes[i].out > 1) ||
		    g->nodes[i].kind == K_AND)
			branches = 1;
	}
	if (nstart != 1)
		mc_bpmn_error(g->b, BPMN_START, NULL,
		    mc_arena_printf(g->a, "%zu", nstart));
	if (nend != 1)
		mc_bpmn_error(g->b, BPMN_END, NULL,
		    mc_arena_printf(g->a, "%zu", nend));
	order = mc_arena_alloc(g->a, MAX_NODES * sizeof(*order));
	if (start >= 0) {
		g->nodes[start].lo = g->nodes[start].hi = 0;
		check_ends(g, start);
		n = sort(g, start, order);
	}
	for (i = 0; i < g->nnodes; i++)
		if (g->nodes[i].kind == K_TASK && !g->nodes[i].seen)
			mc_bpmn_error(g->b, BPMN_UNREACHED, g->nodes[i].id,
			    label(&g->nodes[i]));
	if (g->b->nsteps < 2 && nstart == 1)
		mc_bpmn_error(g->b, BPMN_FEW_STEPS, NULL, "2");
	check_conditions(g);
	check_parallel(g);
	if (n < 0 || g->b->nsteps > MC_BPMN_MAX_STEPS)
		return;
	if (branches)
		for (f = 0; f < g->nflows; f++)
			if (g->flows[f].from == start && g->flows[f].to >= 0 &&
			    g->nodes[g->flows[f].to].kind == K_XOR)
				resolve(g, -1,
				    g->flows[f].to, /* the start's */
				    NULL, NULL);
	if (branches)
		for (i = 0; i < g->b->nsteps; i++)
			for (f = 0; f < g->nflows; f++)
				if (g->flows[f].to >= 0 &&
				    g->flows[f].from >= 0 &&
				    g->nodes[g->flows[f].from].step == (int)i)
					resolve(g, (int)i, g->flows[f].to,
					    NULL, NULL);
	check_times(g, order, n, legal);
}

int
mc_bpmn_parse(struct mc_arena *a, const char *xml, size_t len, long legal,
    struct mc_bpmn *b)
{
	struct graph *g;
	xmlDoc	     *doc;
	xmlNode	     *root, *p, *c, *proc = NULL;
	size_t	      nproc = 0;

	memset(b, 0, sizeof(*b));
	if ((g = calloc(1, sizeof(*g))) == NULL)
		return -1;
	g->a = a;
	g->b = b;
	g->flow_from = mc_arena_alloc(a, MAX_FLOWS * sizeof(char *));
	g->flow_to = mc_arena_alloc(a, MAX_FLOWS * sizeof(char *));
	if (len > MC_BPMN_XML_MAX || len > (size_t)INT_MAX) {
		mc_bpmn_error(b, BPMN_TOO_BIG, NULL, NULL);
		goto out;
	}
	doc = xmlReadMemory(xml, (int)len, "diagram.bpmn", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		XML_PARSE_NOCDATA);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL ||
	    !is(root, "definitions")) {
		mc_bpmn_error(b, BPMN_XML, NULL, NULL);
		if (doc != NULL)
			xmlFreeDoc(doc);
		goto out;
	}
	/* The process with flow elements (a pool's, or the only one). */
	for (p = root->children; p != NULL; p = p->next) {
		if (!is(p, "process"))
			continue;
		for (c = p->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && !is(c, "laneSet"))
				break;
		if (c == NULL)
			continue;
		if (nproc++ == 0)
			proc = p;
	}
	if (proc == NULL)
		mc_bpmn_error(b, BPMN_NO_PROCESS, NULL, NULL);
	else if (nproc > 1)
		mc_bpmn_error(b, BPMN_PROCESSES, NULL,
		    mc_arena_printf(a, "%zu", nproc));
	else {
		for (c = proc->children; c != NULL; c = c->next)
			read_child(g, c);
		if (g->too_big)
			mc_bpmn_error(b, BPMN_TOO_BIG, NULL, NULL);
		else {
			check_tasks(g);
			link_flows(g);
			check_graph(g, legal);
		}
	}
	xmlFreeDoc(doc);
out:
	free(g);
	return b->nerr > 0 ? 1 : 0;
}

/* ------------------------------------------------------------ writing */

#define X0     180
#define Y0     100
#define TASK_W 120
#define TASK_H 80
#define GAP    150
#define EV     36

static int
add_attr(struct buf *o, const char *name, const char *v)
{
	if (v == NULL)
		return 0;
	return mc_buf_addf(o, " %s=\"", name) < 0 ||
		mc_buf_add_html(o, v) < 0 || mc_buf_addc(o, '"') < 0 ?
	    -1 :
	    0;
}

static int
write_process(struct buf *o, const char *name, const struct mc_bpmn_step *s,
    size_t n)
{
	size_t i;
	long   m;
	int    rc = 0;

	rc |= mc_buf_adds(o, "<bpmn:process id=\"Process_1\"");
	rc |= add_attr(o, "name", name);
	rc |= mc_buf_adds(o,
	    " isExecutable=\"false\">\n"
	    "<bpmn:startEvent id=\"Start\">"
	    "<bpmn:outgoing>Flow_0</bpmn:outgoing>"
	    "</bpmn:startEvent>\n");
	for (i = 0; i < n; i++) {
		m = s[i].minutes;
		rc |= mc_buf_addf(o, "<bpmn:userTask id=\"Step_%zu\"", i + 1);
		rc |= add_attr(o, "name", s[i].name);
		rc |= add_attr(o, "mc:role", s[i].role);
		rc |= add_attr(o, "mc:agency", s[i].agency);
		if (m % 60 == 0)
			rc |= mc_buf_addf(o, " mc:hours=\"%ld\"", m / 60);
		else
			rc |= mc_buf_addf(o, " mc:hours=\"%ld.%02ld\"", m / 60,
			    (m % 60) * 100 / 60);
		rc |= mc_buf_addf(o,
		    "><bpmn:incoming>Flow_%zu</bpmn:incoming>"
		    "<bpmn:outgoing>Flow_%zu</bpmn:outgoing>"
		    "</bpmn:userTask>\n",
		    i, i + 1);
	}
	rc |= mc_buf_addf(o,
	    "<bpmn:endEvent id=\"End\" name=\"Trả kết quả\">"
	    "<bpmn:incoming>Flow_%zu</bpmn:incoming></bpmn:endEvent>\n",
	    n);
	for (i = 0; i <= n; i++)
		rc |= mc_buf_addf(o,
		    "<bpmn:sequenceFlow id=\"Flow_%zu\" sourceRef=\"%s%.0zu\" "
		    "targetRef=\"%s%.0zu\"/>\n",
		    i, i == 0 ? "Start" : "Step_", i, i == n ? "End" : "Step_",
		    i == n ? (size_t)0 : i + 1);
	rc |= mc_buf_adds(o, "</bpmn:process>\n");
	return rc ? -1 : 0;
}

static int
write_layout(struct buf *o, size_t n)
{
	size_t i;
	long   x, cy = Y0 + TASK_H / 2;
	int    rc = 0;

	rc |= mc_buf_adds(o,
	    "<bpmndi:BPMNDiagram id=\"Diagram_1\">"
	    "<bpmndi:BPMNPlane id=\"Plane_1\" bpmnElement=\"Process_1\">\n");
	rc |= mc_buf_addf(o,
	    "<bpmndi:BPMNShape id=\"Start_di\" bpmnElement=\"Start\">"
	    "<dc:Bounds x=\"%d\" y=\"%ld\" width=\"%d\" height=\"%d\"/>"
	    "</bpmndi:BPMNShape>\n",
	    X0, cy - EV / 2, EV, EV);
	for (i = 0; i < n; i++) {
		x = X0 + EV + GAP + (long)i * (TASK_W + GAP);
		rc |= mc_buf_addf(o,
		    "<bpmndi:BPMNShape id=\"Step_%zu_di\" "
		    "bpmnElement=\"Step_%zu\"><dc:Bounds x=\"%ld\" y=\"%d\" "
		    "width=\"%d\" height=\"%d\"/></bpmndi:BPMNShape>\n",
		    i + 1, i + 1, x, Y0, TASK_W, TASK_H);
	}
	x = X0 + EV + GAP + (long)n * (TASK_W + GAP);
	rc |= mc_buf_addf(o,
	    "<bpmndi:BPMNShape id=\"End_di\" bpmnElement=\"End\">"
	    "<dc:Bounds x=\"%ld\" y=\"%ld\" width=\"%d\" height=\"%d\"/>"
	    "</bpmndi:BPMNShape>\n",
	    x, cy - EV / 2, EV, EV);
	for (i = 0; i <= n; i++) {
		long from = i == 0 ?
		    X0 + EV :
		    X0 + EV + GAP + (long)(i - 1) * (TASK_W + GAP) + TASK_W;

		rc |= mc_buf_addf(o,
		    "<bpmndi:BPMNEdge id=\"Flow_%zu_di\" bpmnElement=\"Flow_%zu\">"
		    "<di:waypoint x=\"%ld\" y=\"%ld\"/>"
		    "<di:waypoint x=\"%ld\" y=\"%ld\"/></bpmndi:BPMNEdge>\n",
		    i, i, from, cy, from + GAP, cy);
	}
	rc |= mc_buf_adds(o, "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n");
	return rc ? -1 : 0;
}

char *
mc_bpmn_write(struct mc_arena *a, const char *name,
    const struct mc_bpmn_step *s, size_t n)
{
	struct buf o;
	char	  *out = NULL;

	mc_buf_init(&o, MC_BPMN_XML_MAX);
	if (mc_buf_adds(&o,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<bpmn:definitions "
		"xmlns:bpmn=\"" BPMN_MODEL "\" "
		"xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" "
		"xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
		"xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" "
		"xmlns:mc=\"" MC_BPMN_NS "\" "
		"id=\"Definitions_1\" "
		"targetNamespace=\"http://bpmn.io/schema/bpmn\">\n") < 0 ||
	    write_process(&o, name, s, n) < 0 || write_layout(&o, n) < 0 ||
	    mc_buf_adds(&o, "</bpmn:definitions>\n") < 0)
		goto out;
	out = mc_arena_strdup(a, o.s);
out:
	mc_buf_free(&o);
	return out;
}

/* ------------------------------------------------------------ drawing */

#define BPMN_DI	   "http://www.omg.org/spec/BPMN/20100524/DI"
#define DD_DC	   "http://www.omg.org/spec/DD/20100524/DC"
#define DD_DI	   "http://www.omg.org/spec/DD/20100524/DI"
#define COORD_MAX  100000.0 /* a diagram's coordinates, either way */
#define LINE_H	   15	    /* a line of a task's name, in pixels */
#define CHAR_W	   7	    /* an average character, in pixels */
#define PAD	   12	    /* around the drawing */
#define MAX_POINTS 64	    /* an edge's waypoints */

/* An element of the process the drawing shows. */
struct elem {
	enum kind
	    kind; /* K_START, K_END, K_TASK, K_XOR, K_AND, K_OTHER: a flow */
	const char *id, *name;
	const char *from, *to; /* a flow's ends' ids */
	int	    reached;   /* an event, task or gateway the dossier met */
};

struct drawing {
	struct mc_arena	  *a;
	struct buf	  *o;
	struct elem	   el[MAX_NODES + MAX_FLOWS];
	size_t		   nel;
	double		   x0, y0, x1, y1; /* what is drawn, its bounds */
	int		   any;
	const char *const *ids, *const *classes;
	size_t n;
};

static const char *flow_class(struct drawing *, const struct elem *);

static int
in_ns(xmlNode *n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* A coordinate attribute: 0, or -1 when missing or not a sane number. */
static int
coord(struct drawing *d, xmlNode *n, const char *name, double *out)
{
	const char *v = attr(d->a, n, name, NULL);
	char	   *end;

	if (v == NULL)
		return -1;
	*out = strtod(v, &end);
	return end == v || *end != '\0' || !(*out > -COORD_MAX) ||
		!(*out < COORD_MAX) ?
	    -1 :
	    0;
}

static void
extend(struct drawing *d, double x, double y)
{
	if (!d->any || x < d->x0)
		d->x0 = x;
	if (!d->any || y < d->y0)
		d->y0 = y;
	if (!d->any || x > d->x1)
		d->x1 = x;
	if (!d->any || y > d->y1)
		d->y1 = y;
	d->any = 1;
}

static const struct elem *
elem_of(const struct drawing *d, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < d->nel; i++)
		if (d->el[i].id != NULL && strcmp(d->el[i].id, id) == 0)
			return &d->el[i];
	return NULL;
}

/* The class the caller gave the task id, or "wf-other". */
static const char *
class_of(const struct drawing *d, const char *id)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->ids[i] != NULL && strcmp(d->ids[i], id) == 0)
			return d->classes[i];
	return "wf-other";
}

/* Characters (not bytes) of UTF-8 s's first len bytes. */
static size_t
chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/*
 * The name in lines of at most per characters, broken at spaces, at most
 * max lines (the last one ends with an ellipsis when the name goes on),
 * as tspans centred on x.
 */
static int
wrap(struct mc_arena *a, struct buf *o, const char *name, size_t per,
    size_t max, double x, size_t *lines)
{
	const char *s = name, *e, *brk;
	size_t	    line = 0;
	int	    rc = 0;

	while (*s == ' ')
		s++;
	while (*s != '\0' && line < max) {
		/* The longest run of words that fits, or one word cut. */
		brk = NULL;
		for (e = s; *e != '\0'; e++) {
			if (*e == ' ' && chars(s, (size_t)(e - s)) <= per)
				brk = e;
			if (chars(s, (size_t)(e - s + 1)) > per)
				break;
		}
		if (*e == '\0')
			brk = e;
		else if (brk == NULL) /* a word longer than a line */
			for (brk = e;
			     brk > s && ((unsigned char)*brk & 0xC0) == 0x80;
			     brk--)
				;
		rc |= mc_buf_addf(o, "<tspan x=\"%.0f\" dy=\"%d\">", x,
		    line == 0 ? 0 : LINE_H);
		rc |= mc_buf_add_html(o,
		    mc_arena_strndup(a, s, (size_t)(brk - s)));
		for (s = brk; *s == ' '; s++)
			;
		if (++line == max && *s != '\0')
			rc |= mc_buf_adds(o, "…");
		rc |= mc_buf_adds(o, "</tspan>");
	}
	*lines = line;
	return rc ? -1 : 0;
}

static int
draw_shape(struct drawing *d, xmlNode *sh)
{
	const struct elem *e = elem_of(d, attr(d->a, sh, "bpmnElement", NULL));
	xmlNode		  *b;
	double		   x, y, w, h;
	size_t		   lines, per;
	struct buf	  *o = d->o;
	int		   rc = 0;

	if (e == NULL || e->kind == K_OTHER)
		return 0;
	for (b = sh->children; b != NULL && !in_ns(b, DD_DC, "Bounds");
	     b = b->next)
		;
	if (b == NULL || coord(d, b, "x", &x) < 0 ||
	    coord(d, b, "y", &y) < 0 || coord(d, b, "width", &w) < 0 ||
	    coord(d, b, "height", &h) < 0 || w <= 0 || h <= 0)
		return 0;
	extend(d, x, y);
	extend(d, x + w, y + h);
	if (e->kind == K_XOR || e->kind == K_AND)
		rc |= mc_buf_addf(o,
		    "<polygon class=\"wf-gateway%s\" points=\"%.0f,%.0f "
		    "%.0f,%.0f %.0f,%.0f %.0f,%.0f\"/>\n",
		    e->reached ? " wf-taken" : "", x + w / 2, y, x + w,
		    y + h / 2, x + w / 2, y + h, x, y + h / 2);
	if (e->kind == K_AND) /* a parallel gateway's plus sign */
		rc |= mc_buf_addf(o,
		    "<path class=\"wf-parallel\" d=\"M%.0f,%.0fV%.0fM%.0f,"
		    "%.0fH%.0f\"/>\n",
		    x + w / 2, y + h / 4, y + 3 * h / 4, x + w / 4, y + h / 2,
		    x + 3 * w / 4);
	if (e->kind == K_XOR || e->kind == K_AND)
		return rc ? -1 : 0;
	if (e->kind != K_TASK)
		return mc_buf_addf(o,
		    "<circle class=\"wf-event wf-%s\" cx=\"%.0f\" cy=\"%.0f\" "
		    "r=\"%.0f\"/>\n",
		    e->kind == K_START ? "start" : "end", x + w / 2, y + h / 2,
		    (w < h ? w : h) / 2);
	per = w > 2 * CHAR_W ? (size_t)((w - 8) / CHAR_W) : 1;
	lines = h > LINE_H ? (size_t)((h - 8) / LINE_H) : 1;
	if (lines > 5)
		lines = 5;
	rc |= mc_buf_addf(o, "<g class=\"wf-task %s\">", class_of(d, e->id));
	rc |= mc_buf_addf(o,
	    "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "rx=\"10\"/>",
	    x, y, w, h);
	if (e->name != NULL) {
		struct buf text;
		size_t	   used = 1;

		/* The lines first, to centre them in the box. */
		mc_buf_init(&text, MC_BPMN_XML_MAX);
		rc |= wrap(d->a, &text, e->name, per, lines, x + w / 2, &used);
		rc |= mc_buf_addf(o,
		    "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">%s"
		    "</text>",
		    x + w / 2,
		    y + h / 2 -
			(double)(used > 0 ? used - 1 : 0) * LINE_H / 2 + 4,
		    text.s != NULL ? text.s : "");
		mc_buf_free(&text);
	}
	rc |= mc_buf_adds(o, "</g>\n");
	return rc ? -1 : 0;
}

static int
draw_edge(struct drawing *d, xmlNode *ed)
{
	const struct elem *e = elem_of(d, attr(d->a, ed, "bpmnElement", NULL));
	xmlNode		  *w;
	double		   x, y;
	size_t		   n = 0;
	int		   rc = 0;

	if (e == NULL || e->kind != K_OTHER)
		return 0;
	rc |= mc_buf_addf(d->o, "<polyline class=\"wf-flow%s\" points=\"",
	    flow_class(d, e));
	for (w = ed->children; w != NULL && n < MAX_POINTS; w = w->next) {
		if (!in_ns(w, DD_DI, "waypoint") || coord(d, w, "x", &x) < 0 ||
		    coord(d, w, "y", &y) < 0)
			continue;
		extend(d, x, y);
		rc |= mc_buf_addf(d->o, "%s%.0f,%.0f", n++ ? " " : "", x, y);
	}
	rc |= mc_buf_adds(d->o, "\" marker-end=\"url(#wf-arrow)\"/>\n");
	return rc ? -1 : 0;
}

/* The element a flow's end names, or NULL. */
static struct elem *
end_of(struct drawing *d, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < d->nel; i++)
		if (d->el[i].id != NULL && strcmp(d->el[i].id, id) == 0)
			return &d->el[i];
	return NULL;
}

/*
 * Which elements the dossier met: the tasks done or current, the start
 * event before them, a gateway or the end event between two met.
 */
static void
mark_reached(struct drawing *d)
{
	struct elem *from, *to;
	size_t	     i, j, pass;
	const char  *c;
	int	     any = 0, in, out;

	for (i = 0; i < d->nel; i++)
		if (d->el[i].kind == K_TASK && d->el[i].id != NULL) {
			c = class_of(d, d->el[i].id);
			d->el[i].reached = strncmp(c, "wf-done", 7) == 0 ||
			    strncmp(c, "wf-current", 10) == 0;
			any |= d->el[i].reached;
		}
	for (i = 0; i < d->nel; i++)
		if (d->el[i].kind == K_START)
			d->el[i].reached = any;
	/* Gateways in a row: as many passes as there may be in a chain. */
	for (pass = 0; pass < 8; pass++)
		for (i = 0; i < d->nel; i++) {
			if (d->el[i].kind != K_XOR && d->el[i].kind != K_AND &&
			    d->el[i].kind != K_END)
				continue;
			for (in = out = 0, j = 0; j < d->nel; j++) {
				if (d->el[j].kind != K_OTHER)
					continue;
				from = end_of(d, d->el[j].from);
				to = end_of(d, d->el[j].to);
				if (to == &d->el[i] && from && from->reached)
					in = 1;
				if (from == &d->el[i] && to && to->reached)
					out = 1;
			}
			d->el[i].reached = in &&
			    (out || d->el[i].kind == K_END);
		}
}

/* An arrow's class: taken (both ends met), not taken (to a skipped one). */
static const char *
flow_class(struct drawing *d, const struct elem *e)
{
	const struct elem *from = elem_of(d, e->from), *to = elem_of(d, e->to);

	if (from == NULL || to == NULL)
		return "";
	if (from->reached && to->reached)
		return " wf-taken";
	if (to->kind == K_TASK && to->id != NULL &&
	    strncmp(class_of(d, to->id), "wf-skipped", 10) == 0)
		return " wf-not-taken";
	return "";
}

/* The process's events, tasks and flows (what a drawing may show). */
static void
read_elements(struct drawing *d, xmlNode *root)
{
	xmlNode	   *p, *c;
	const char *name;
	enum kind   k;

	for (p = root->children; p != NULL; p = p->next) {
		if (!is(p, "process"))
			continue;
		for (c = p->children; c != NULL; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || c->ns == NULL ||
			    strcmp((const char *)c->ns->href, BPMN_MODEL) != 0)
				continue;
			name = (const char *)c->name;
			if (strcmp(name, "startEvent") == 0)
				k = K_START;
			else if (strcmp(name, "endEvent") == 0)
				k = K_END;
			else if (strcmp(name, "task") == 0 ||
			    strcmp(name, "userTask") == 0)
				k = K_TASK;
			else if (strcmp(name, "sequenceFlow") == 0)
				k = K_OTHER;
			else if (strcmp(name, "parallelGateway") == 0)
				k = K_AND;
			else if (gateway(name))
				k = K_XOR;
			else
				continue;
			if (d->nel == sizeof(d->el) / sizeof(d->el[0]))
				return;
			d->el[d->nel].kind = k;
			d->el[d->nel].id = attr(d->a, c, "id", NULL);
			d->el[d->nel].name = attr(d->a, c, "name", NULL);
			if (k == K_OTHER) {
				d->el[d->nel].from = attr(d->a, c, "sourceRef",
				    NULL);
				d->el[d->nel].to = attr(d->a, c, "targetRef",
				    NULL);
			}
			d->nel++;
		}
	}
}

char *
mc_bpmn_svg(struct mc_arena *a, const char *xml, size_t len,
    const char *const *ids, const char *const *classes, size_t n)
{
	struct drawing *d;
	struct buf	body, o;
	xmlDoc	       *doc = NULL;
	xmlNode	       *root, *dg, *pl, *c;
	char	       *out = NULL;
	int		rc = 0;

	if (len > MC_BPMN_XML_MAX || (d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	mc_buf_init(&body, MC_BPMN_XML_MAX);
	mc_buf_init(&o, MC_BPMN_XML_MAX);
	d->a = a;
	d->o = &body;
	d->ids = ids;
	d->classes = classes;
	d->n = n;
	doc = xmlReadMemory(xml, (int)len, "diagram.bpmn", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		XML_PARSE_NOCDATA);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL ||
	    !is(root, "definitions"))
		goto out;
	read_elements(d, root);
	mark_reached(d);
	/* The first diagram's plane: flows first, shapes drawn over them. */
	for (dg = root->children;
	     dg != NULL && !in_ns(dg, BPMN_DI, "BPMNDiagram"); dg = dg->next)
		;
	for (pl = dg ? dg->children : NULL;
	     pl != NULL && !in_ns(pl, BPMN_DI, "BPMNPlane"); pl = pl->next)
		;
	if (pl == NULL)
		goto out;
	for (c = pl->children; c != NULL; c = c->next)
		if (in_ns(c, BPMN_DI, "BPMNEdge"))
			rc |= draw_edge(d, c);
	for (c = pl->children; c != NULL; c = c->next)
		if (in_ns(c, BPMN_DI, "BPMNShape"))
			rc |= draw_shape(d, c);
	if (rc || !d->any || body.s == NULL)
		goto out;
	if (mc_buf_addf(&o,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"wf-svg\" "
		"viewBox=\"%.0f %.0f %.0f %.0f\" width=\"%.0f\" "
		"height=\"%.0f\" aria-hidden=\"true\" focusable=\"false\">"
		"<defs><marker id=\"wf-arrow\" viewBox=\"0 0 10 10\" "
		"refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
		"orient=\"auto\"><path d=\"M0,0L10,5L0,10z\"/></marker>"
		"</defs>\n",
		d->x0 - PAD, d->y0 - PAD, d->x1 - d->x0 + 2 * PAD,
		d->y1 - d->y0 + 2 * PAD, d->x1 - d->x0 + 2 * PAD,
		d->y1 - d->y0 + 2 * PAD) < 0 ||
	    mc_buf_adds(&o, body.s) < 0 || mc_buf_adds(&o, "</svg>") < 0)
		goto out;
	out = mc_arena_strdup(a, o.s);
out:
	if (doc != NULL)
		xmlFreeDoc(doc);
	mc_buf_free(&body);
	mc_buf_free(&o);
	free(d);
	return out;
}
