/*
 * Rating devices from the office (issue 10): a leader or admin registers a
 * kiosk or a counter tablet of their agency and gets its one-time pairing
 * code, sees the agency's devices and revokes one; an officer takes the
 * counter of a tablet and invites the applicant just served to rate, and
 * keeps the card the tablet shows (title, photo).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eval.h"
#include "mc_files.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define DEVICES	     "/can-bo/danh-gia/thiet-bi"
#define COUNTER	     "/can-bo/danh-gia/quay"
#define MAX_AGENCIES 32
#define ROLES_MANAGE (ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN))

enum field {
	FIELD_CSRF,
	FIELD_AGENCY,
	FIELD_KIND,
	FIELD_NAME,
	FIELD_COUNTER,
	FIELD_OFFICER,
	FIELD_TITLE,
	FIELD_TITLE_EN,
	FIELD_PHOTO,
	FIELD__MAX
};

static int valid_kind(const struct mc_param *);

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_KIND] = { "kind", valid_kind, 6, 0 },
	[FIELD_NAME] = { "name", valid_line, 120, 0 },
	[FIELD_COUNTER] = { "counter", valid_line, 60, 0 },
	[FIELD_OFFICER] = { "officer", valid_uint, 19, 0 },
	[FIELD_TITLE] = { "title", valid_line, 255, 0 },
	[FIELD_TITLE_EN] = { "title_en", valid_line, 255, 0 },
	[FIELD_PHOTO] = { "photo", valid_file, 5 << 20, 1 },
};
/* clang-format on */

enum stmt { STMT_AGENCY, STMT_OFFICERS, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCY] = "SELECT name FROM agencies WHERE id = ?",
	[STMT_OFFICERS] = "SELECT DISTINCT a.id, a.full_name "
	    "FROM account_roles r JOIN accounts a ON a.id = r.account_id "
	    "WHERE r.agency_id = ? AND r.role IN ('receiver', 'specialist', "
	    "'leader') AND a.disabled = 0 ORDER BY a.full_name LIMIT 500",
};
/* clang-format on */

/* "kiosk" or "tablet". */
static int
valid_kind(const struct mc_param *p)
{
	return strcmp(p->value, "kiosk") == 0 ||
	    strcmp(p->value, "tablet") == 0;
}

/* The field's value, or NULL when absent or only spaces. */
static const char *
text(struct mc_request *r, int f)
{
	const char *v = mc_req_field(r, f);

	if (v == NULL || v[strspn(v, " \t")] == '\0')
		return NULL;
	return v;
}

/*
 * The agency whose devices the leader or admin manages (?agency= or their
 * first), listed as Data.MyAgencies: 1, 0 none or not one of theirs, -1.
 */
static int
managed_agency(struct mc_request *r, unsigned int *agency)
{
	unsigned int   ids[MAX_AGENCIES];
	struct mc_rows ag;
	long long      want = 0;
	size_t	       n, i;

	n = mc_dossier_agencies(r->user, ROLES_MANAGE, ids, MAX_AGENCIES);
	if (mc_req_field(r, FIELD_AGENCY) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_AGENCY), 1, 1LL << 32,
		    &want);
	*agency = 0;
	for (i = 0; i < n; i++) {
		if (mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCY], "i",
			(long long)ids[i]) < 0)
			return -1;
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.MyAgencies.%zu.id", i),
		    ids[i]);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.MyAgencies.%zu.name", i),
		    ag.n ? mc_rows_str(&ag, 0, 0) : "");
		if ((i == 0 && want == 0) || ids[i] == want) {
			*agency = ids[i];
			mc_view_set(r->hdf, "Data.AgencyName",
			    ag.n ? mc_rows_str(&ag, 0, 0) : "");
		}
	}
	if (want != 0 && *agency != want)
		*agency = 0;
	mc_view_set_int(r->hdf, "Data.AgencyId", *agency);
	return *agency != 0;
}

/* The devices page of the agency chosen, with status (200 or 422). */
static int
devices(struct mc_request *r, unsigned int agency, int status)
{
	struct mc_rows rows;

	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_OFFICERS], "i",
		(long long)agency) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Officers", &rows);
	if (mc_eval_device_list(r->db, r->arena, agency, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Devices", &rows);
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Eval.Devices.Title"));
	if (status == 200 && strstr(r->query, "ok=revoked") != NULL)
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Eval.Devices.Revoked"));
	r->status = status;
	if (mc_resp_page(r, "office/eval_devices.cs") != 200)
		return 500;
	return status;
}

/* GET /can-bo/danh-gia/thiet-bi: the agency's devices and the form. */
static int
page_devices(struct mc_request *r)
{
	unsigned int agency;
	int	     rc;

	if ((rc = managed_agency(r, &agency)) < 0)
		return 503;
	if (rc == 0)
		return 403;
	return devices(r, agency, 200);
}

/* POST /can-bo/danh-gia/thiet-bi: registers a device, shows its code. */
static int
page_device_add(struct mc_request *r)
{
	struct mc_eval_device_new d;
	const char		 *code;
	long long		  officer = 0;
	int			  rc, bad = 0;

	if ((rc = managed_agency(r, &d.agency_id)) < 0)
		return 503;
	if (rc == 0)
		return 403;
	d.kind = mc_req_field(r, FIELD_KIND);
	d.name = text(r, FIELD_NAME);
	d.counter = text(r, FIELD_COUNTER);
	if (mc_req_field(r, FIELD_OFFICER) != NULL &&
	    *mc_req_field(r, FIELD_OFFICER) != '\0' &&
	    mc_parse_ll(mc_req_field(r, FIELD_OFFICER), 1, 1LL << 62,
		&officer) < 0)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.officer", "1");
	d.officer_id = officer;
	if (d.kind == NULL)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.kind", "1");
	if (d.name == NULL || mc_req_field_bad(r, FIELD_NAME))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.name", "1");
	if (mc_req_field_bad(r, FIELD_COUNTER))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.counter", "1");
	if (!bad &&
	    (rc = mc_eval_device_add(r->db, r->arena, &d, r->user->id,
		 time(NULL), &code)) < 0)
		return 503;
	if (!bad && rc == EVAL_FORBIDDEN)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.officer", "1");
	if (bad) {
		mc_view_set(r->hdf, "Form.kind", mc_req_field(r, FIELD_KIND));
		mc_view_set(r->hdf, "Form.name", mc_req_field(r, FIELD_NAME));
		mc_view_set(r->hdf, "Form.counter",
		    mc_req_field(r, FIELD_COUNTER));
		mc_view_set(r->hdf, "Form.officer",
		    mc_req_field(r, FIELD_OFFICER));
		mc_view_set(r->hdf, "Form.Invalid", "1");
		return devices(r, d.agency_id, 422);
	}
	mc_view_set(r->hdf, "Data.NewCode", code);
	mc_view_set(r->hdf, "Data.NewName", d.name);
	mc_view_set_int(r->hdf, "Data.NewHours", EVAL_PAIR_MINUTES / 60);
	return devices(r, d.agency_id, 200);
}

/* POST /can-bo/danh-gia/thiet-bi/{id}/thu-hoi: revokes a device. */
static int
page_device_revoke(struct mc_request *r)
{
	unsigned int agency;
	long long    id;
	int	     rc;

	if (mc_parse_ll(r->cap[0], 1, 1LL << 31, &id) < 0)
		return 404;
	if ((rc = managed_agency(r, &agency)) < 0)
		return 503;
	if (rc == 0)
		return 403;
	if ((rc = mc_eval_device_revoke(r->db, agency, id, r->user->id,
		 time(NULL))) < 0)
		return 503;
	if (rc == 0)
		return mc_app_error(r, 404,
		    mc_view_str(r->hdf, "Eval.Devices.NoDevice"));
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, DEVICES "?agency=%u&ok=revoked",
		agency));
}

/* ------------------------------------------------------------ counter */

/* The officer's counter page: tablets and card (status 200 or 422). */
static int
counter(struct mc_request *r, int status)
{
	struct mc_rows rows;
	const char    *title, *title_en, *photo;
	int	       rc;

	if (mc_eval_tablets_of(r->db, r->arena, r->user->id, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Tablets", &rows);
	if ((rc = mc_eval_card_get(r->db, r->arena, r->user->id, &title,
		 &title_en, &photo)) < 0)
		return 503;
	if (status == 200 && rc == 1) {
		mc_view_set(r->hdf, "Form.title", title);
		mc_view_set(r->hdf, "Form.title_en", title_en);
	}
	if (rc == 1 && photo != NULL)
		mc_view_set(r->hdf, "Data.HasPhoto", "1");
	mc_view_set(r->hdf, "Data.Me", r->user->full_name);
	if (mc_auth_has_role(r->user, ROLE_LEADER) ||
	    mc_auth_has_role(r->user, ROLE_ADMIN))
		mc_view_set(r->hdf, "Data.CanManage", "1");
	if (status == 200 && strstr(r->query, "ok=invited") != NULL)
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Eval.Counter.Invited"));
	if (status == 200 && strstr(r->query, "ok=card") != NULL)
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Eval.Counter.CardSaved"));
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Eval.Counter.Title"));
	r->status = status;
	if (mc_resp_page(r, "office/eval_counter.cs") != 200)
		return 500;
	return status;
}

static int
page_counter(struct mc_request *r)
{
	return counter(r, 200);
}

/*
 * POST /can-bo/danh-gia/quay/{id}/moi: the officer takes tablet id's
 * counter and opens a visit it may rate once.
 */
static int
page_invite(struct mc_request *r)
{
	struct mc_rows rows;
	long long      id;
	size_t	       i;
	int	       rc;

	if (mc_parse_ll(r->cap[0], 1, 1LL << 31, &id) < 0)
		return 404;
	if (mc_eval_tablets_of(r->db, r->arena, r->user->id, &rows) < 0)
		return 503;
	for (i = 0; i < rows.n && mc_rows_int(&rows, i, ETAB_ID) != id; i++)
		;
	if (i == rows.n)
		return mc_app_error(r, 404,
		    mc_view_str(r->hdf, "Eval.Devices.NoDevice"));
	if ((rc = mc_eval_visit_open(r->db, r->arena, id,
		 (unsigned int)mc_rows_int(&rows, i, ETAB_AGENCY_ID),
		 r->user->id, time(NULL))) < 0)
		return 503;
	if (rc != 0)
		return mc_app_error(r, 404,
		    mc_view_str(r->hdf, "Eval.Devices.NoDevice"));
	return mc_resp_redirect(r, COUNTER "?ok=invited");
}

/* POST /can-bo/danh-gia/the: the officer's card (title, photo). */
static int
page_card(struct mc_request *r)
{
	const struct mc_param *p = mc_req_param(r, FIELD_PHOTO);
	struct mc_file	       f;
	const char	      *title = text(r, FIELD_TITLE), *why = NULL;
	const char	      *sha = NULL, *mime = NULL;
	int		       rc, bad = 0;

	if (title == NULL || mc_req_field_bad(r, FIELD_TITLE))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.title", "1");
	if (mc_req_field_bad(r, FIELD_TITLE_EN))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.title_en", "1");
	if (mc_req_field_bad(r, FIELD_PHOTO))
		why = "Error.FileSize";
	else if (p != NULL && p->len > 0) {
		if ((rc = mc_files_store(r->arena, p->value, p->len,
			 p->filename, &f, &why)) < 0)
			return 503;
		if (rc == 0 && strcmp(f.mime, "image/jpeg") != 0 &&
		    strcmp(f.mime, "image/png") != 0)
			why = "Eval.Counter.PhotoType";
		else if (rc == 0)
			sha = f.sha256, mime = f.mime;
	}
	if (why != NULL) {
		mc_view_set(r->hdf, "Form.Errors.photo", "1");
		mc_view_set(r->hdf, "Form.PhotoWhy", mc_view_str(r->hdf, why));
	}
	if (why != NULL || bad) {
		mc_view_set(r->hdf, "Form.title",
		    mc_req_field(r, FIELD_TITLE));
		mc_view_set(r->hdf, "Form.title_en",
		    mc_req_field(r, FIELD_TITLE_EN));
		mc_view_set(r->hdf, "Form.Invalid", "1");
		return counter(r, 422);
	}
	if (mc_eval_card_set(r->db, r->user->id, title,
		text(r, FIELD_TITLE_EN), sha, mime) < 0)
		return 503;
	return mc_resp_redirect(r, COUNTER "?ok=card");
}

#define MANAGE	ROUTE_LOGIN, ROLES_MANAGE
#define OFFICER ROUTE_LOGIN, ROLES_OFFICER

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, DEVICES, page_devices, MANAGE },
	{ METHOD_POST, DEVICES, page_device_add, MANAGE },
	{ METHOD_POST, DEVICES "/{}/thu-hoi", page_device_revoke, MANAGE },
	{ METHOD_GET, COUNTER, page_counter, OFFICER },
	{ METHOD_POST, COUNTER "/{}/moi", page_invite, OFFICER },
	{ METHOD_POST, "/can-bo/danh-gia/the", page_card, OFFICER },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_eval = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
