/*
 * The papers of a dossier as PDF (01 receipt, 02 supplement request, 03
 * refusal, 04 apology, 05 control slip). The tracking book (form 06) is
 * one of the registers in reports.c. Each download is in the audit log.
 */
#include <stdio.h>
#include <string.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_papers.h"
#include "mc_view.h"

#include "office.h"

/* "01.pdf" .. "05.pdf" -> 1..5; 0 otherwise. */
static int
paper_number(const char *s)
{
	if (strlen(s) != 6 || s[0] != '0' || s[1] < '1' || s[1] > '5' ||
	    strcmp(s + 2, ".pdf") != 0)
		return 0;
	return s[1] - '0';
}

/* Sends out as a PDF named name. */
static int
send_pdf(struct mc_request *r, const char *name)
{
	mc_resp_header(r, "Content-Type", "application/pdf");
	mc_resp_header(r, "Content-Disposition",
	    mc_arena_printf(r->arena, "inline; filename=\"%s\"", name));
	r->rendered = 1;
	return 200;
}

static int
page_paper(struct mc_request *r)
{
	struct mc_dossier d;
	int		  n, rc;

	if ((n = paper_number(r->cap[1])) == 0)
		return 404;
	if ((rc = office_dossier(r, &d)) != 1)
		return rc;
	if ((rc = mc_papers_dossier(r->db, r->arena, &d, n, &r->out)) < 0)
		return 503;
	if (rc == 1)
		return 404;
	/* Who downloaded which paper of whose dossier (the citizen sees it). */
	if (office_audit_access(r, &d, AUDIT_DOSSIER_PAPER,
		mc_arena_printf(r->arena, "%02d", n)) < 0)
		return 503;
	return send_pdf(r,
	    mc_arena_printf(r->arena, "mau-%02d-%s.pdf", n, r->cap[0]));
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/ho-so/{}/phieu/{}", page_paper, ROUTE_LOGIN,
	    ROLES_OFFICER },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_forms = {
	routes, sizeof(routes) / sizeof(routes[0]), NULL, 0
};
/* clang-format on */
