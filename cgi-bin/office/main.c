/*
 * office: the electronic one-stop back office under /can-bo/: an officer's
 * inbox per agency, a dossier's page, and the actions on it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_util.h"
#include "mc_view.h"

enum field {
	FIELD_CSRF,
	FIELD_AGENCY,
	FIELD_STATUS,
	FIELD_ACTION,
	FIELD_NOTE,
	FIELD_VERSION,
	FIELD__MAX
};

static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_STATUS] = { "status", valid_uint, 2, 0 },
	[FIELD_ACTION] = { "action", valid_code, 32, 0 },
	[FIELD_NOTE] = { "note", valid_text, 2000, 0 },
	[FIELD_VERSION] = { "version", valid_uint, 10, 0 },
};

#define MAX_AGENCIES	32

enum stmt {
	STMT_AGENCY,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCY] = "SELECT id, code, name FROM agencies WHERE id = ?",
};

/* The agency the officer looks at: the one asked for if theirs, else the first. */
static unsigned int
current_agency(struct mc_request *r)
{
	unsigned int	 ids[MAX_AGENCIES];
	size_t		 n, i;
	long long	 want = 0;

	n = mc_dossier_agencies(r->user, ROLES_OFFICER, ids, MAX_AGENCIES);
	if (n == 0)
		return 0;
	if (mc_req_field(r, FIELD_AGENCY) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_AGENCY), 1, 1LL << 32, &want);
	for (i = 0; i < n; i++) {
		struct mc_rows	ag;

		if (mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCY], "i",
		    (long long)ids[i]) < 0)
			return 0;
		mc_view_set_int(r->hdf, mc_arena_printf(r->arena,
		    "Data.MyAgencies.%zu.id", i), ids[i]);
		mc_view_set(r->hdf, mc_arena_printf(r->arena,
		    "Data.MyAgencies.%zu.name", i), mc_rows_str(&ag, 0, 2));
		if (ids[i] == want)
			mc_view_set_int(r->hdf, "Data.AgencyId", want);
	}
	if (hdf_get_value(r->hdf, "Data.AgencyId", NULL) != NULL)
		return (unsigned int)want;
	mc_view_set_int(r->hdf, "Data.AgencyId", ids[0]);
	return ids[0];
}

static int
page_inbox(struct mc_request *r)
{
	struct mc_rows	 rows;
	unsigned int	 agency;
	long long	 status = STATUS_SUBMITTED;

	if ((agency = current_agency(r)) == 0)
		return 403;
	if (mc_req_field(r, FIELD_STATUS) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_STATUS), 1, 10, &status);
	if (mc_dossier_inbox(r->db, r->arena, agency, (int)status, 200,
	    &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Dossiers", &rows);
	mc_view_set_int(r->hdf, "Data.Status", status);
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Inbox.Title"));
	return mc_resp_page(r, "office/inbox.cs");
}

static int
page_dossier(struct mc_request *r)
{
	struct mc_dossier	d;
	int			rc;

	if ((rc = mc_dossier_load(r->db, r->arena, r->cap[0], &d)) < 0)
		return 503;
	if (rc == 0)
		return 404;
	if (!mc_auth_acts_for(r->user, ROLES_OFFICER, d.agency_id))
		return 403;
	mc_view_rows(r->hdf, "Data.Dossier", &d.row);
	mc_view_rows(r->hdf, "Data.Events", &d.events);
	mc_view_rows(r->hdf, "Data.Files", &d.files);
	if (d.status == STATUS_SUBMITTED && mc_auth_acts_for(r->user,
	    ROLES(ROLE_RECEIVER) | ROLES(ROLE_LEADER), d.agency_id))
		mc_view_set(r->hdf, "Data.Actions.accept", "1");
	if (strstr(r->query, "ok=1") != NULL)
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Office.Done"));
	mc_view_set(r->hdf, "Page.Title", mc_rows_str(&d.row, 0, 1));
	return mc_resp_page(r, "office/dossier.cs");
}

static int
page_act(struct mc_request *r)
{
	long long	 version = 0;
	int		 action, rc;

	action = mc_dossier_action_parse(mc_req_field(r, FIELD_ACTION));
	if (action < 0 || mc_req_field_bad(r, FIELD_NOTE))
		return 400;
	if (mc_req_field(r, FIELD_VERSION) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_VERSION), 0, 1LL << 31,
		    &version);
	rc = mc_dossier_transition(r->db, r->arena, r->user, r->cap[0],
	    (enum mc_action)action, mc_req_field(r, FIELD_NOTE), version,
	    time(NULL));
	switch (rc) {
	case 0:
		return mc_resp_redirect(r, mc_arena_printf(r->arena,
		    "/can-bo/ho-so/%s?ok=1", r->cap[0]));
	case DOSSIER_NOT_FOUND:
		return 404;
	case DOSSIER_FORBIDDEN:
		return 403;
	case DOSSIER_CONFLICT:
	case DOSSIER_NOT_ALLOWED:
		return mc_app_error(r, 409, mc_view_str(r->hdf,
		    "Office.Conflict"));
	default:
		return 503;
	}
}

static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/", page_inbox, ROUTE_LOGIN, ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/ho-so/{}", page_dossier, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_POST, "/can-bo/ho-so/{}/xu-ly", page_act, ROUTE_LOGIN,
	    ROLES_OFFICER },
};

int
main(int argc, char *argv[])
{
	static const struct mc_app app = {
		.name = "office",
		.routes = routes,
		.nroutes = sizeof(routes) / sizeof(routes[0]),
		.fields = fields,
		.nfields = FIELD__MAX,
	};

	return mc_app_run(&app, argc, argv);
}
