/*
 * The workflow designer's BPMN reader (lib/domain/mc_bpmn.c: the diagram
 * an admin posts, read with libxml2). Invariants: it answers 0 or 1 (never
 * -1 on input alone); 0 exactly when no problem is listed, and then the
 * steps are between two and MC_BPMN_MAX_STEPS, each named, with a role of
 * the three and a positive time; the routes of exclusive gateways go
 * forward, with readable conditions and one default a step (but the
 * last); without routes the times add up to the legal time; every
 * problem has a name; the steps written back as a diagram read back the
 * same; the input drawn as SVG (mc_bpmn_svg) is nothing or one whole
 * svg element whose text never opens an element of its own (the names are
 * escaped).
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_bpmn.h"
#include "mc_cond.h"
#include "fuzz.h"

#define LEGAL 2400

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mc_arena *a = mc_arena_new(1 << 16);
	struct mc_bpmn	*b = malloc(sizeof(*b)), *c = malloc(sizeof(*c));
	const char	*xml, *ids[MC_BPMN_MAX_STEPS], *cls[MC_BPMN_MAX_STEPS];
	char		*svg;
	long		 total = 0;
	size_t		 i, r, dflt;
	int		 rc;

	rc = mc_bpmn_parse(a, (const char *)data, size, LEGAL, b);
	INVARIANT(rc == 0 || rc == 1);
	INVARIANT((rc == 0) == (b->nerr == 0));
	for (i = 0; i < b->nerr; i++)
		INVARIANT(mc_bpmn_problem_name(b->errs[i].code) != NULL);
	if (rc == 0) {
		INVARIANT(b->nsteps >= 2 && b->nsteps <= MC_BPMN_MAX_STEPS);
		for (i = 0; i < b->nsteps; i++) {
			INVARIANT(b->steps[i].name != NULL);
			INVARIANT(strcmp(b->steps[i].role, "receiver") == 0 ||
			    strcmp(b->steps[i].role, "specialist") == 0 ||
			    strcmp(b->steps[i].role, "leader") == 0);
			INVARIANT(b->steps[i].minutes > 0);
			total += b->steps[i].minutes;
			/* Branches: each step but the last has one default. */
			for (dflt = 0, r = 0; r < b->nroutes; r++)
				dflt += b->routes[r].from == i &&
				    b->routes[r].cond == NULL;
			INVARIANT(b->nroutes == 0 ||
			    dflt == (i + 1 < b->nsteps ? 1 : 0));
		}
		for (r = 0; r < b->nroutes; r++)
			INVARIANT(b->routes[r].from < b->routes[r].to &&
			    b->routes[r].to < b->nsteps &&
			    (b->routes[r].cond == NULL ||
				mc_cond_valid(b->routes[r].cond)));
	}
	if (rc == 0 && b->nroutes == 0) {
		INVARIANT(total == LEGAL);
		xml = mc_bpmn_write(a, "P", b->steps, b->nsteps);
		INVARIANT(xml != NULL);
		INVARIANT(mc_bpmn_parse(a, xml, strlen(xml), LEGAL, c) == 0);
		INVARIANT(c->nsteps == b->nsteps);
		for (i = 0; i < b->nsteps; i++)
			INVARIANT(
			    strcmp(c->steps[i].name, b->steps[i].name) == 0);
	}
	for (i = 0; i < b->nsteps && i < MC_BPMN_MAX_STEPS; i++) {
		ids[i] = b->steps[i].id;
		cls[i] = "wf-done";
	}
	if ((svg = mc_bpmn_svg(a, (const char *)data, size, ids, cls, i)) !=
	    NULL) {
		INVARIANT(strncmp(svg, "<svg ", 5) == 0);
		INVARIANT(strlen(svg) >= 6 &&
		    strcmp(svg + strlen(svg) - 6, "</svg>") == 0);
		INVARIANT(strstr(svg + 1, "<svg") == NULL);
		INVARIANT(strstr(svg, "<script") == NULL);
	}
	free(b);
	free(c);
	mc_arena_free(a);
	return 0;
}
