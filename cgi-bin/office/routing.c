/*
 * Moving a step nobody can take: an administrator picks the agency (and, if
 * they like, the officer) that takes a dossier's current step over.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_admin.h"
#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_page.h"
#include "mc_routing.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

enum field {
	FIELD_CSRF,
	FIELD_AGENCY,
	FIELD_OFFICER,
	FIELD_NOTE,
	FIELD_VERSION,
	FIELD__MAX
};

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_OFFICER] = { "officer", valid_uint, 19, 0 },
	[FIELD_NOTE] = { "note", valid_text, 2000, 0 },
	[FIELD_VERSION] = { "version", valid_uint, 10, 0 },
};
/* clang-format on */

enum stmt { STMT_AGENCIES, STMT_OFFICERS, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCIES] = "SELECT id, name FROM agencies "
	    "WHERE valid_to IS NULL OR valid_to >= CURDATE() "
	    "ORDER BY kind <> 'department', name LIMIT 1000",
	/* Who may take a step of this role there (mc_routing_staffed). */
	[STMT_OFFICERS] = "SELECT a.id, a.full_name, r.role "
	    "FROM account_roles r JOIN accounts a ON a.id = r.account_id "
	    "WHERE r.agency_id = ? AND r.role IN (?, 'leader') "
	    "AND a.disabled = 0 ORDER BY a.full_name LIMIT 500",
};
/* clang-format on */

static long long
field_int(struct mc_request *r, int f, long long max)
{
	long long n = 0;

	if (mc_req_field(r, f) != NULL)
		mc_parse_ll(mc_req_field(r, f), 1, max, &n);
	return n;
}

/* The current step's row of the loaded dossier, or -1 if none runs. */
static long long
current_step(const struct mc_dossier *d)
{
	long long seq = d->step;
	size_t	  i;

	if (d->status != STATUS_ACCEPTED && d->status != STATUS_PROCESSING &&
	    d->status != STATUS_PAYMENT && d->status != STATUS_DECIDED)
		return -1;
	for (i = 0; i < d->steps.n; i++)
		if (mc_rows_int(&d->steps, i, DSTEP_SEQ) == seq)
			return (long long)i;
	return -1;
}

static int
reassign_page(struct mc_request *r, int status, const char *error)
{
	struct mc_dossier d;
	struct mc_rows	  list, gaps;
	long long	  i, target;
	int		  rc;

	if ((rc = office_dossier(r, &d)) != 1)
		return rc;
	if ((rc = mc_admin_over_agency(r->db, r->arena, r->user,
		 d.current_agency_id)) < 0)
		return 503;
	if (rc == 0)
		return 403;
	mc_dossier_model(r->hdf, r->arena, &d, time(NULL), 1);
	if ((i = current_step(&d)) < 0)
		return mc_app_error(r, 409,
		    mc_view_str(r->hdf, "Routing.NotRunning"));
	mc_view_set(r->hdf, "Data.Cur.seq",
	    mc_rows_str(&d.steps, (size_t)i, DSTEP_SEQ));
	mc_view_set(r->hdf, "Data.Cur.name",
	    mc_rows_str(&d.steps, (size_t)i, DSTEP_NAME));
	mc_view_set(r->hdf, "Data.Cur.role",
	    mc_rows_str(&d.steps, (size_t)i, DSTEP_ROLE));
	mc_view_set(r->hdf, "Data.Cur.name_key",
	    mc_dossier_step_key(mc_rows_str(&d.steps, (size_t)i, DSTEP_NAME)));
	mc_view_set(r->hdf, "Data.Cur.agency_name",
	    mc_rows_str(&d.steps, (size_t)i, DSTEP_AGENCY_NAME));
	if (mc_routing_gaps(r->db, r->arena, &d, &gaps) < 0 ||
	    mc_db_query(r->db, r->arena, &list, stmts[STMT_AGENCIES], "") < 0)
		return 503;
	mc_routing_view(r->hdf, r->arena, "Data.Gaps", &gaps, 1);
	mc_view_rows(r->hdf, "Data.Agencies", &list);
	target = field_int(r, FIELD_AGENCY, 1LL << 32);
	if (target > 0) {
		if (mc_db_query(r->db, r->arena, &list, stmts[STMT_OFFICERS],
			"is", target,
			mc_rows_str(&d.steps, (size_t)i, DSTEP_ROLE)) < 0)
			return 503;
		mc_view_rows(r->hdf, "Data.Officers", &list);
		mc_view_set_int(r->hdf, "Data.Target", target);
	}
	if (error != NULL) {
		mc_view_set(r->hdf, "Page.Flash", mc_view_str(r->hdf, error));
		mc_view_set(r->hdf, "Page.FlashKind", "error");
		mc_view_set(r->hdf, "Form.note", mc_req_field(r, FIELD_NOTE));
	}
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Routing.Title"));
	if (mc_resp_page(r, "office/reassign.cs") != 200)
		return 500;
	return status;
}

static int
page_reassign(struct mc_request *r)
{
	return reassign_page(r, 200, NULL);
}

static int
page_reassign_post(struct mc_request *r)
{
	const char *note = mc_req_field(r, FIELD_NOTE);
	long long   agency = field_int(r, FIELD_AGENCY, 1LL << 32);
	int	    rc;

	if (mc_req_field_bad(r, FIELD_NOTE))
		return 400;
	rc = mc_routing_reassign(r->db, r->arena, r->user, r->cap[0],
	    (unsigned int)agency, field_int(r, FIELD_OFFICER, 1LL << 62),
	    note && *note ? note : NULL,
	    field_int(r, FIELD_VERSION, 1LL << 31), time(NULL),
	    r->remote_addr);
	if (rc == DOSSIER_BAD_INPUT)
		return reassign_page(r, 422, "Routing.Bad");
	if (rc != 0)
		return mc_dossier_refusal(r, rc, NULL, NULL);
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "/can-bo/ho-so/%s?ok=1", r->cap[0]));
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/quan-tri/chuyen-buoc/{}", page_reassign,
	    ROUTE_LOGIN, ROLES(ROLE_ADMIN) },
	{ METHOD_POST, "/can-bo/quan-tri/chuyen-buoc/{}", page_reassign_post,
	    ROUTE_LOGIN, ROLES(ROLE_ADMIN) },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_routing = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
