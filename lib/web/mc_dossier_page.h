/*
 * A dossier as the pages show it: the HDF model of a loaded dossier and
 * the error page of a refused action, the step names of routing lists. The rules are lib/domain/mc_dossier's.
 */
#ifndef MC_DOSSIER_PAGE_H
#define MC_DOSSIER_PAGE_H

#include <time.h>

#include "mc_dossier.h"
#include "mc_http.h"

/*
 * Answers a DOSSIER_* outcome (or -1) as an error page, or JSON for the
 * API, with a message saying what happened; conflict and input name the
 * language strings for 409 and 422 (NULL: the back office's). Returns the
 * HTTP status.
 */
int mc_dossier_refusal(struct mc_request *, int rc, const char *conflict,
    const char *input);

/*
 * Fills the page model of a dossier: Data.Dossier.0.* (its row),
 * Data.Events (without internal ones unless officer), Data.Files,
 * Data.Steps (each with .state done/current/todo), Data.Supplements (each
 * with .Items.N.item/.reason), Data.Colour, Data.UsedHours and
 * Data.LegalHours.
 */
void mc_dossier_model(HDF *, struct mc_arena *, const struct mc_dossier *,
    time_t now, int officer);

/*
 * The process picture of a dossier whose workflow version was drawn with
 * the designer: the same diagram as SVG (mc_bpmn_svg), each task with the
 * state of its step (wf-done, wf-current with the colour of Data.Colour,
 * wf-todo), as Data.Picture; when the version has no diagram (the
 * built-in default workflow) or the dossier's steps are no longer the
 * diagram's (changed by routing), the dossier's own steps as a chain
 * (mc_dossier_chain_svg), so that every dossier with steps has one.
 * Call after mc_dossier_model.
 */
void mc_dossier_picture_model(HDF *, struct mc_db *, struct mc_arena *,
    const struct mc_dossier *);

/*
 * The steps names[0..n) (shown names, escaped here) as a left-to-right
 * SVG chain from a start to an end circle, each box in classes[i]
 * (wf-done, wf-current wf-<colour>, wf-todo), aria-hidden as the drawn
 * diagrams are. Arena string; NULL when n is 0 or on an error.
 */
char *mc_dossier_chain_svg(struct mc_arena *, const char *const *names,
    const char *const *classes, size_t n);

/*
 * The expected finish of an open dossier (mc_stats_expect of its current
 * step) as Data.Expect: .state "ok" (with .median and .p90, SQL times,
 * .n the history's size, .late when the median is after the due time),
 * "none" (no history), "beyond" (slower than all of it: .n), "paused"
 * (waiting for a supplement); nothing for a dossier without a running
 * step. 0 or -1.
 */
int mc_dossier_expect_model(HDF *, struct mc_db *, struct mc_arena *,
    const struct mc_dossier *, time_t now);

/*
 * Copies rows under prefix (mc_view_rows) and gives each the Lang.StepName
 * key of the step name in column col as .name_key, when it has one.
 */
void mc_routing_view(HDF *, struct mc_arena *, const char *prefix,
    const struct mc_rows *, size_t col);

#endif
