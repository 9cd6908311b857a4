/*
 * Administrators' account page (/can-bo/quan-tri/tai-khoan): an account
 * found by e-mail, its roles and its second factor, and the reset of that
 * second factor when the officer lost their phone (lib/domain/mc_totp):
 * the account must enrol again at its next login and its sessions end. An
 * agency's administrator manages the accounts of their agency and the
 * agencies under it; the city's, every account (mc_auth_admin_over).
 */
#include <stdio.h>
#include <string.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_totp.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define PATH "/can-bo/quan-tri/tai-khoan"

enum field { FIELD_CSRF, FIELD_EMAIL, FIELD_OK, FIELD__MAX };

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_EMAIL] = { "email", valid_email, 254, 0 },
	[FIELD_OK] = { "ok", valid_uint, 1, 0 },
};
/* clang-format on */

/* An e-mail for a query string: unreserved bytes and '@' kept. */
static const char *
query_escape(struct mc_arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char		 *out = mc_arena_alloc(a, 3 * strlen(s) + 1), *p = out;
	unsigned char	  c;

	for (; (c = (unsigned char)*s) != '\0'; s++)
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || strchr("-._~@", c) != NULL)
			*p++ = (char)c;
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	*p = '\0';
	return out;
}

/* Fills Data.Account.* for the account u. 0 or -1. */
static int
account_model(struct mc_request *r, const struct mc_user *u)
{
	enum mc_totp_state st;
	size_t		   i;
	int		   must;

	if (mc_totp_status(r->db, r->arena, u, &st, &must) < 0)
		return -1;
	mc_view_set_int(r->hdf, "Data.Account.id", u->id);
	mc_view_set(r->hdf, "Data.Account.name", u->full_name);
	mc_view_set(r->hdf, "Data.Account.email", u->email);
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
	return mc_auth_admin_over(r->db, r->arena, r->user->id, (*u)->id);
}

static int
page_accounts(struct mc_request *r)
{
	const char     *email = mc_req_field(r, FIELD_EMAIL);
	struct mc_user *u;
	int		rc = 0;

	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Accounts.Title"));
	mc_view_set(r->hdf, "Page.Nav", "office");
	if (email != NULL) {
		mc_view_set(r->hdf, "Form.email", email);
		if ((rc = find(r, email, &u)) < 0 ||
		    (rc == 1 && account_model(r, u) < 0))
			return 503;
		if (rc == 0)
			mc_view_set(r->hdf, "Data.NotFound", "1");
	} else if (mc_req_field_bad(r, FIELD_EMAIL))
		mc_view_set(r->hdf, "Form.Errors.email", "1");
	if (mc_req_field(r, FIELD_OK) != NULL && rc == 1) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Accounts.ResetDone"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	return mc_resp_page(r, "office/accounts.cs");
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
	if (mc_totp_reset(r->db, id) < 0)
		return 503;
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "%s?email=%s&ok=1", PATH,
		query_escape(r->arena, email)));
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, PATH, page_accounts, ROUTE_LOGIN, ROLES(ROLE_ADMIN) },
	{ METHOD_POST, PATH "/{}/xac-thuc-hai-buoc", page_totp_reset,
	    ROUTE_LOGIN, ROLES(ROLE_ADMIN) },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_accounts = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
