/*
 * The modules of the portal program, each in a file of its own.
 */
#ifndef PORTAL_H
#define PORTAL_H

#include "mc_app.h"

/* search.c: the catalogue search page without JavaScript. */
extern const struct mc_module portal_search;

/* assistant.c: the assistant that answers from the catalogue. */
extern const struct mc_module portal_assistant;

/* dossier.c: a citizen's dossier: status, history, supplements, papers. */
extern const struct mc_module portal_dossier;

/* notifications.c: a citizen's notifications, marking them read. */
extern const struct mc_module portal_notifications;

/* eval.c: rating a returned dossier (inline, link, kiosk, tablet). */
extern const struct mc_module portal_eval;

struct mc_dossier;

/*
 * The questionnaire inline on a returned dossier's page for its applicant
 * (Data.Eval.*), or when it was rated (Data.Eval.Rated). 0 or -1.
 */
int portal_eval_dossier(struct mc_request *, const struct mc_dossier *);

#endif
