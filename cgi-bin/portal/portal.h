/*
 * The modules of the portal program, each in a file of its own.
 */
#ifndef PORTAL_H
#define PORTAL_H

#include "mc_app.h"

/* search.c: the catalogue search page without JavaScript. */
extern const struct mc_module portal_search;

/* dossier.c: a citizen's dossier: status, history, supplements, papers. */
extern const struct mc_module portal_dossier;

/* notifications.c: a citizen's notifications, marking them read. */
extern const struct mc_module portal_notifications;

#endif
