/*
 * E-forms in the back office: a dossier's declaration (tờ khai) as PDF,
 * drawn from the answers it was filed with; the admins' form designer.
 */
#include <stdio.h>
#include <string.h>

#include "mc_app.h"
#include "mc_dossier.h"
#include "mc_eform_page.h"

#include "office.h"

enum field { FIELD_CSRF, FIELD__MAX };

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
};
/* clang-format on */

/* The declaration of the dossier as PDF. */
static int
page_declaration(struct mc_request *r)
{
	struct mc_dossier d;
	int		  rc;

	if ((rc = office_dossier(r, &d)) != 1)
		return rc;
	if ((rc = mc_eform_page_pdf(r, &d)) < 0)
		return 503;
	if (rc == 1)
		return 404;
	mc_resp_header(r, "Content-Type", "application/pdf");
	mc_resp_header(r, "Content-Disposition",
	    "inline; filename=\"to-khai.pdf\"");
	r->rendered = 1;
	return 200;
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/ho-so/{}/to-khai.pdf", page_declaration, ROUTE_LOGIN, ROLES_OFFICER },
};
/* clang-format on */

const struct mc_module office_eform = {
	routes,
	sizeof(routes) / sizeof(routes[0]),
	fields,
	FIELD__MAX,
};
