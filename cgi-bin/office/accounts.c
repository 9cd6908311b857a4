/*
 * Administrators' account page (/can-bo/quan-tri/tai-khoan): who holds
 * which role where; an officer account made (verified: an administrator
 * made it) with its first role; an account found by e-mail, its roles
 * granted and withdrawn, the account disabled (its sessions end at once),
 * its second factor reset when the officer lost their phone
 * (lib/domain/mc_totp). An agency's administrator manages the accounts and
 * roles of their agency's subtree; the city's, every one (mc_admin). Role
 * changes, disabling and a second factor's reset ask for the password
 * again unless it was typed in the last reauth_minutes (10: office_reauth,
 * which workflow.c calls too); each change is in the audit log.
 */
#include <stdio.h>
#include <string.h>

#include "mc_admin.h"
#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_password.h"
#include "mc_totp.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define PATH	  "/can-bo/quan-tri/tai-khoan"
#define MAX_ROLES 300

/* The city's agencies: an admin role held there is the city admin's. */
static const char *const city_sql = "SELECT id FROM agencies "
				    "WHERE kind = 'city'";

enum field {
	FIELD_CSRF,
	FIELD_EMAIL,
	FIELD_OK,
	FIELD_NAME,
	FIELD_PHONE,
	FIELD_PASSWORD,
	FIELD_ROLE,
	FIELD_AGENCY,
	FIELD_REAUTH,
	FIELD_REAUTH_CODE, /* ... and the authenticator\'s code */
	FIELD_SCOPE,
	FIELD_TAX_CODE,
	FIELD_SEEN,
	FIELD__MAX
};

/* What ?ok= says was done. */
enum done {
	DONE_RESET = 1,
	DONE_CREATED,
	DONE_GRANTED,
	DONE_REVOKED,
	DONE_DISABLED,
	DONE_TAX
};

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_EMAIL] = { "email", valid_email, 254, 0 },
	[FIELD_OK] = { "ok", valid_uint, 1, 0 },
	[FIELD_NAME] = { "name", valid_line, 255, 0 },
	[FIELD_PHONE] = { "phone", valid_phone, 15, 0 },
	[FIELD_PASSWORD] = { "password", valid_any, 512, 0 },
	[FIELD_ROLE] = { "role", valid_code, 16, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_REAUTH] = { "reauth", valid_any, 512, 0 },
	[FIELD_REAUTH_CODE] = { "reauth_code", valid_any, 64, 0 },
	[FIELD_SCOPE] = { "noi", valid_uint, 10, 0 },
	[FIELD_TAX_CODE] = { "tax_code", valid_line, 14, 0 },
	[FIELD_SEEN] = { "seen", valid_uint, 1, 0 },
};

static const char *const flashes[] = {
	[DONE_RESET] = "Accounts.ResetDone",
	[DONE_CREATED] = "Accounts.Created",
	[DONE_GRANTED] = "Accounts.Granted",
	[DONE_REVOKED] = "Accounts.Revoked",
	[DONE_DISABLED] = "Accounts.Disabled",
	[DONE_TAX] = "Org.Verified",
};
/* clang-format on */

/*
 * Whether a role held at an agency is the city administrator's: the admin
 * role at the root agency (kind 'city', as mc_admin_scope decides); city
 * holds the ids of those agencies.
 */
static int
city_admin_at(const struct mc_rows *city, const char *role, long long agency)
{
	size_t i;

	if (role == NULL || strcmp(role, "admin") != 0)
		return 0;
	for (i = 0; i < city->n; i++)
		if (mc_rows_int(city, i, 0) == agency)
			return 1;
	return 0;
}

/* Fills Data.Account.* for the account u. 0 or -1. */
static int
account_model(struct mc_request *r, const struct mc_user *u)
{
	enum mc_totp_state st;
	struct mc_rows	   city;
	size_t		   i;
	int		   must;

	if (mc_totp_status(r->db, r->arena, u, &st, &must) < 0 ||
	    mc_db_query(r->db, r->arena, &city, city_sql, "") < 0)
		return -1;
	mc_view_set_int(r->hdf, "Data.Account.id", u->id);
	mc_view_set(r->hdf, "Data.Account.name", u->full_name);
	mc_view_set(r->hdf, "Data.Account.email", u->email);
	if (u->org) {
		mc_view_set(r->hdf, "Data.Account.org_name", u->org_name);
		mc_view_set(r->hdf, "Data.Account.tax_code", u->tax_code);
		mc_view_set_int(r->hdf, "Data.Account.tax_verified",
		    u->tax_verified);
	}
	mc_view_set(r->hdf, "Data.Account.totp",
	    st == TOTP_ON	   ? "on" :
		st == TOTP_PENDING ? "pending" :
				     "none");
	if (must)
		mc_view_set(r->hdf, "Data.Account.must", "1");
	for (i = 0; i < u->ngrants; i++) {
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Account.roles.%zu.role",
			i),
		    mc_auth_role_name(u->grants[i].role));
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Account.roles.%zu.agency",
			i),
		    u->grants[i].agency_id);
		if (city_admin_at(&city, mc_auth_role_name(u->grants[i].role),
			u->grants[i].agency_id))
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena,
				"Data.Account.roles.%zu.city", i),
			    "1");
	}
	return 0;
}

/*
 * The account of the e-mail if this administrator may manage it: 1 and
 * *u, 0 none (or not theirs: the same answer), -1 on error.
 */
static int
find(struct mc_request *r, const char *email, struct mc_user **u)
{
	int rc;

	if ((rc = mc_auth_account_by_email(r->db, r->arena, email, u)) <= 0)
		return rc;
	return mc_admin_over_account(r->db, r->arena, r->user, (*u)->id);
}

/*
 * The page: who holds which role where in the admin's scope, the agencies
 * for the forms, the account of ?email=. Its status, rendered.
 */
static int
accounts_page(struct mc_request *r, int status)
{
	const char     *email = mc_req_field(r, FIELD_EMAIL);
	struct mc_user *u;
	struct mc_rows	rows, city;
	unsigned int	root;
	long long	ok = 0;
	size_t		i;
	int		rc = 0;

	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Accounts.Title"));
	mc_view_set(r->hdf, "Page.Nav", "office");
	if (office_admin_scope(r, mc_req_field(r, FIELD_SCOPE), &root) < 0 ||
	    mc_admin_roles(r->db, r->arena, root, MAX_ROLES, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Roles", &rows);
	if (mc_db_query(r->db, r->arena, &city, city_sql, "") < 0)
		return 503;
	for (i = 0; i < rows.n; i++)
		if (city_admin_at(&city, mc_rows_str(&rows, i, AROLE_ROLE),
			mc_rows_int(&rows, i, AROLE_AGENCY_ID)))
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Data.Roles.%zu.city",
				i),
			    "1");
	if (mc_admin_agencies(r->db, r->arena, root, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Agencies", &rows);
	if (email != NULL && status == 200) {
		mc_view_set(r->hdf, "Form.email", email);
		if ((rc = find(r, email, &u)) < 0 ||
		    (rc == 1 && account_model(r, u) < 0))
			return 503;
		if (rc == 0)
			mc_view_set(r->hdf, "Data.NotFound", "1");
	} else if (mc_req_field_bad(r, FIELD_EMAIL))
		mc_view_set(r->hdf, "Form.Errors.email", "1");
	if (mc_req_field(r, FIELD_OK) != NULL &&
	    mc_parse_ll(mc_req_field(r, FIELD_OK), DONE_RESET, DONE_TAX,
		&ok) == 0) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, flashes[ok]));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	if (mc_resp_page(r, "office/accounts.cs") != 200)
		return 500;
	return status;
}

static int
page_accounts(struct mc_request *r)
{
	return accounts_page(r, 200);
}

/* Back to the page with what was done (and the account, if any). */
static int
done(struct mc_request *r, const char *email, enum done what)
{
	return mc_resp_redirect(r,
	    email != NULL ?
		mc_arena_printf(r->arena, "%s?email=%s&ok=%d", PATH,
		    mc_http_query_escape(r->arena, email), what) :
		mc_arena_printf(r->arena, "%s?ok=%d", PATH, what));
}

/* The posted field named name, or NULL. */
static const struct mc_param *
posted(struct mc_request *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nfields; i++)
		if (r->fields[i] != NULL &&
		    strcmp(r->fields[i]->name, name) == 0)
			return r->fields[i];
	return NULL;
}

/* The page's message key (Form.Errors.reauth) for why it was refused. */
static const char *const reauth_errors[] = {
	[REAUTH_OK] = NULL,
	[REAUTH_PASSWORD] = "1",
	[REAUTH_CODE_MISSING] = "code_missing",
	[REAUTH_CODE_WRONG] = "code_wrong",
	[REAUTH_WAIT] = "wait",
};

int
office_reauth(struct mc_request *r)
{
	const struct mc_param *p = posted(r, "reauth");
	const struct mc_param *c = posted(r, "reauth_code");
	struct mc_reauth       t = { p != NULL ? p->value : NULL,
		      c != NULL ? c->value : NULL, r->remote_addr, 0, REAUTH_OK };
	size_t i, n = 0;
	int    rc, on;

	rc = mc_admin_reauth_fresh(r->db, r->arena, r->session_token,
	    (int)mc_config_int("reauth_minutes", 10, 1, 1440));
	if (rc != 0)
		return rc < 0 ? 503 : 1;
	if (t.password != NULL && *t.password != '\0') {
		/* Throttled as logins are, with the API's "sign". */
		if ((rc = mc_admin_reauth_check(r->db, r->arena, r->user->id,
			 &t, time(NULL))) < 0)
			return 503;
		if (rc == 1)
			return mc_admin_reauth_mark(r->db, r->user->id,
				   r->session_token, r->remote_addr) < 0 ?
			    503 :
			    1;
		mc_view_set(r->hdf, "Form.Errors.reauth",
		    reauth_errors[t.why]);
		if (t.wait > 0) {
			mc_view_set(r->hdf, "Data.Reauth.wait_minutes",
			    mc_arena_printf(r->arena, "%ld",
				(t.wait + 59) / 60));
			mc_resp_header(r, "Retry-After",
			    mc_arena_printf(r->arena, "%ld", t.wait));
		}
	}
	/* An account with an authenticator is asked for its code as well. */
	if ((on = mc_totp_on(r->db, r->arena, r->user->id)) < 0)
		return 503;
	if (on)
		mc_view_set(r->hdf, "Data.Reauth.totp", "1");
	mc_view_set(r->hdf, "Data.Reauth.action", r->path);
	/* The action's fields, as sent (no file, no token, no password). */
	for (i = 0; i < r->nfields; i++) {
		p = r->fields[i];
		if (p == NULL || p->filename != NULL ||
		    strcmp(p->name, "csrf") == 0 ||
		    strcmp(p->name, "reauth") == 0 ||
		    strcmp(p->name, "reauth_code") == 0)
			continue;
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Reauth.carry.%zu.name", n),
		    p->name);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Reauth.carry.%zu.value",
			n++),
		    p->value);
	}
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Reauth.Title"));
	mc_view_set(r->hdf, "Page.Nav", "office");
	rc = t.password == NULL || *t.password == '\0' ? 200 :
	    t.wait > 0				       ? 429 :
							 422;
	return mc_resp_page(r, "office/reauth.cs") == 200 ? rc : 500;
}

/* The role of the form (an officer's, not a citizen's), or -1. */
static int
form_role(struct mc_request *r)
{
	int role = mc_auth_role_parse(mc_req_field(r, FIELD_ROLE));

	return role > ROLE_CITIZEN ? role : -1;
}

static unsigned int
form_agency(struct mc_request *r)
{
	long long n = 0;

	if (mc_req_field(r, FIELD_AGENCY) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_AGENCY), 1, 1LL << 32, &n);
	return (unsigned int)n;
}

/* POST /moi: an officer account with its first role. */
static int
page_create(struct mc_request *r)
{
	const char	   *own[3];
	struct mc_admin_new n;
	enum mc_pw_verdict  v = PW_OK;
	long long	    id;
	int		    rc, role, bad = 0;

	memset(&n, 0, sizeof(n));
	n.email = mc_req_field(r, FIELD_EMAIL);
	n.full_name = mc_req_field(r, FIELD_NAME);
	n.phone = mc_req_field(r, FIELD_PHONE);
	n.password = mc_req_field(r, FIELD_PASSWORD);
	n.agency_id = form_agency(r);
	if ((role = form_role(r)) < 0 || n.agency_id == 0)
		return 400;
	n.role = (enum mc_role)role;
	if ((rc = mc_admin_over_agency(r->db, r->arena, r->user,
		 n.agency_id)) <= 0)
		return rc < 0 ? 503 : 403;
	mc_view_set(r->hdf, "Form.new_email", n.email);
	mc_view_set(r->hdf, "Form.name", n.full_name);
	mc_view_set(r->hdf, "Form.phone", n.phone);
	mc_view_set(r->hdf, "Form.role", mc_req_field(r, FIELD_ROLE));
	mc_view_set_int(r->hdf, "Form.agency", n.agency_id);
	if (n.email == NULL)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.new_email", "1");
	if (n.full_name == NULL || *n.full_name == '\0')
		bad = 1, mc_view_set(r->hdf, "Form.Errors.name", "1");
	if (mc_req_field_bad(r, FIELD_PHONE))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.phone", "1");
	own[0] = n.email;
	own[1] = n.full_name;
	own[2] = n.phone;
	if (n.password == NULL)
		v = PW_SHORT;
	else if (mc_password_judge(r->arena, n.password, own, 3, &v) < 0)
		return 503;
	if (v != PW_OK)
		bad = 1,
		mc_view_set(r->hdf, "Form.Errors.password",
		    mc_password_verdict_name(v));
	if (bad) {
		mc_view_set(r->hdf, "Form.Errors.create", "1");
		return accounts_page(r, 422);
	}
	if ((rc = office_reauth(r)) != 1)
		return rc;
	if (mc_db_begin(r->db) < 0)
		return 503;
	if ((rc = mc_admin_create(r->db, r->arena, r->user->id, r->remote_addr,
		 &n, &id)) != 1 ||
	    mc_db_commit(r->db) < 0) {
		mc_db_rollback(r->db);
		if (rc != 0)
			return 503;
		mc_view_set(r->hdf, "Form.Errors.new_email", "taken");
		mc_view_set(r->hdf, "Form.Errors.create", "1");
		return accounts_page(r, 422);
	}
	return done(r, n.email, DONE_CREATED);
}

/*
 * The account of r->cap[0] the admin may change a role of at the form's
 * agency: 1 and *u, or an HTTP status.
 */
static int
target(struct mc_request *r, struct mc_user **u, int *role,
    unsigned int *agency)
{
	long long id;
	int	  rc;

	if (mc_parse_ll(r->cap[0], 1, 1LL << 62, &id) < 0)
		return 404;
	if ((*role = form_role(r)) < 0 || (*agency = form_agency(r)) == 0)
		return 400;
	if ((rc = mc_auth_account_load(r->db, r->arena, id, u)) <= 0)
		return rc < 0 ? 503 : 404;
	if ((rc = mc_admin_over_role(r->db, r->arena, r->user, *u, *agency)) <=
	    0)
		return rc < 0 ? 503 : 403;
	return 1;
}

static int
page_role(struct mc_request *r, int grant)
{
	struct mc_user *u;
	unsigned int	agency;
	int		role, rc;

	if ((rc = target(r, &u, &role, &agency)) != 1)
		return rc;
	if ((rc = office_reauth(r)) != 1)
		return rc;
	if (mc_db_begin(r->db) < 0)
		return 503;
	rc = grant ? mc_admin_grant(r->db, r->user->id, r->remote_addr, u->id,
			 (enum mc_role)role, agency) :
		     mc_admin_revoke(r->db, r->user->id, r->remote_addr, u->id,
			 (enum mc_role)role, agency);
	if (rc < 0 || mc_db_commit(r->db) < 0) {
		mc_db_rollback(r->db);
		return 503;
	}
	return done(r, u->email, grant ? DONE_GRANTED : DONE_REVOKED);
}

static int
page_grant(struct mc_request *r)
{
	return page_role(r, 1);
}

static int
page_revoke(struct mc_request *r)
{
	return page_role(r, 0);
}

/* POST /{id}/khoa: the account disabled, its sessions ended. */
static int
page_disable(struct mc_request *r)
{
	long long id;
	int	  rc;

	if (mc_parse_ll(r->cap[0], 1, 1LL << 62, &id) < 0)
		return 404;
	if (id == r->user->id)
		return 400;
	if ((rc = mc_admin_over_account(r->db, r->arena, r->user, id)) <= 0)
		return rc < 0 ? 503 : 403;
	if ((rc = office_reauth(r)) != 1)
		return rc;
	if (mc_db_begin(r->db) < 0)
		return 503;
	if (mc_admin_disable(r->db, r->user->id, r->remote_addr, id) < 0 ||
	    mc_db_commit(r->db) < 0) {
		mc_db_rollback(r->db);
		return 503;
	}
	return done(r, NULL, DONE_DISABLED);
}

/* The page again with the account u shown (its refusal set), status. */
static int
tax_page(struct mc_request *r, const struct mc_user *u, int status)
{
	mc_view_set(r->hdf, "Form.email", u->email);
	if (account_model(r, u) < 0)
		return 503;
	return accounts_page(r, status);
}

/*
 * POST /{id}/ma-so-thue: an organisation's tax code verified by the
 * administrator who saw its business registration certificate (the box
 * ticked), as the counter verifies an ID number on seeing the card.
 */
static int
page_tax_verify(struct mc_request *r)
{
	const char     *email = mc_req_field(r, FIELD_EMAIL);
	const char     *tax = mc_req_field(r, FIELD_TAX_CODE);
	struct mc_user *u;
	long long	id;
	int		rc;

	if (mc_parse_ll(r->cap[0], 1, 1LL << 62, &id) < 0)
		return 404;
	if ((rc = find(r, email, &u)) < 0)
		return 503;
	if (rc == 0 || u->id != id || !u->org || tax == NULL ||
	    u->tax_code == NULL || strcmp(u->tax_code, tax) != 0)
		return 404;
	if (mc_req_field(r, FIELD_SEEN) == NULL) {
		mc_view_set(r->hdf, "Form.Errors.seen", "1");
		return tax_page(r, u, 422);
	}
	if ((rc = office_reauth(r)) != 1)
		return rc;
	if (mc_db_begin(r->db) < 0)
		return 503;
	if ((rc = mc_admin_tax_verify(r->db, r->user->id, r->remote_addr, id,
		 tax)) < 0 ||
	    mc_db_commit(r->db) < 0) {
		mc_db_rollback(r->db);
		return 503;
	}
	if (rc == 0) {
		mc_db_rollback(r->db);
		mc_view_set(r->hdf, "Form.Errors.tax", "1");
		return tax_page(r, u, 409);
	}
	return done(r, email, DONE_TAX);
}

static int
page_totp_reset(struct mc_request *r)
{
	const char     *email = mc_req_field(r, FIELD_EMAIL);
	struct mc_user *u;
	long long	id;
	int		rc;

	if (mc_parse_ll(r->cap[0], 1, 1LL << 62, &id) < 0)
		return 404;
	if ((rc = find(r, email, &u)) < 0)
		return 503;
	if (rc == 0 || u->id != id)
		return 404;
	if ((rc = office_reauth(r)) != 1)
		return rc;
	if (mc_totp_reset(r->db, id) < 0)
		return 503;
	return done(r, email, DONE_RESET);
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, PATH, page_accounts, ROUTE_LOGIN, ROLES(ROLE_ADMIN) },
	{ METHOD_POST, PATH "/{}/xac-thuc-hai-buoc", page_totp_reset,
	    ROUTE_LOGIN, ROLES(ROLE_ADMIN) },
	{ METHOD_POST, PATH "/moi", page_create, ROUTE_LOGIN,
	    ROLES(ROLE_ADMIN) },
	{ METHOD_POST, PATH "/{}/vai-tro", page_grant, ROUTE_LOGIN,
	    ROLES(ROLE_ADMIN) },
	{ METHOD_POST, PATH "/{}/thu-hoi", page_revoke, ROUTE_LOGIN,
	    ROLES(ROLE_ADMIN) },
	{ METHOD_POST, PATH "/{}/khoa", page_disable, ROUTE_LOGIN,
	    ROLES(ROLE_ADMIN) },
	{ METHOD_POST, PATH "/{}/ma-so-thue", page_tax_verify, ROUTE_LOGIN,
	    ROLES(ROLE_ADMIN) },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_accounts = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
