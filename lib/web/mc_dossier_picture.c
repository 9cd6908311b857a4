/*
 * The process picture of a dossier page (mc_dossier_page.h): the diagram
 * its workflow version was drawn with, each task in its step's state, or
 * its steps as a chain (mc_dossier_chain.c) when there is none. In
 * a file of its own so that only the programs that draw it (portal,
 * office) link libxml2, not the API.
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_bpmn.h"
#include "mc_dossier.h"
#include "mc_dossier_page.h"
#include "mc_view.h"

void
mc_dossier_picture_model(HDF *hdf, struct mc_db *db, struct mc_arena *a,
    const struct mc_dossier *d)
{
	const char *xml = mc_dossier_diagram(db, a, d), **ids, **cls, **names;
	const char *state, *key, *raw,
	    *colour = hdf_get_value(hdf, "Data.Colour", "none");
	struct mc_bpmn *b = mc_arena_alloc(a, sizeof(*b));
	size_t		i, n = d->steps.n;
	char	       *svg = NULL;
	int		drawn = xml != NULL && n <= MC_BPMN_MAX_STEPS &&
	    mc_bpmn_parse(a, xml, strlen(xml), 0, b) == 0 && b->nsteps == n;

	if (n == 0)
		return;
	ids = mc_arena_alloc(a, n * sizeof(*ids));
	cls = mc_arena_alloc(a, n * sizeof(*cls));
	names = mc_arena_alloc(a, n * sizeof(*names));
	for (i = 0; i < n; i++) {
		/* The steps as mc_dossier_model gave them their states. */
		state = hdf_get_value(hdf,
		    mc_arena_printf(a, "Data.Steps.%zu.state", i), "todo");
		key = hdf_get_value(hdf,
		    mc_arena_printf(a, "Data.Steps.%zu.name_key", i), NULL);
		if ((raw = mc_rows_str(&d->steps, i, DSTEP_NAME)) == NULL)
			raw = "";
		names[i] = key == NULL || *key == '\0' ?
		    raw :
		    hdf_get_value(hdf,
			mc_arena_printf(a, "Lang.StepName.%s", key), raw);
		if (drawn && strcmp(b->steps[i].name, raw) != 0)
			drawn = 0;
		ids[i] = drawn ? b->steps[i].id : NULL;
		cls[i] = strcmp(state, "current") == 0 ?
		    mc_arena_printf(a, "wf-current wf-%s", colour) :
		    mc_arena_printf(a, "wf-%s", state);
	}
	if (drawn)
		svg = mc_bpmn_svg(a, xml, strlen(xml), ids, cls, n);
	/* No diagram, or not the dossier's steps any more: the steps. */
	if (svg == NULL)
		svg = mc_dossier_chain_svg(a, names, cls, n);
	if (svg != NULL)
		mc_view_set(hdf, "Data.Picture", svg);
}
