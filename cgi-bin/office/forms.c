/*
 * The forms of a dossier as PDF (01 receipt, 02 supplement request, 03
 * refusal, 04 apology, 05 control slip) and the tracking book (form 06) of
 * a field and period, as a page and as PDF.
 */
#include <stddef.h>

#include "mc_app.h"

#include "office.h"

static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/so-theo-doi", NULL, ROUTE_LOGIN, ROLES_OFFICER },
};

const struct mc_module office_forms = { routes, 0, NULL, 0 };
