/*
 * "My documents" (/dich-vu/kho-giay-to): the citizen's document wallet
 * (lib/domain/mc_wallet): every file filed with their dossiers once per
 * content, and the results issued to them, each downloaded through its
 * dossier (whose owner check applies); removing one hides it.
 */
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_db.h"
#include "mc_view.h"
#include "mc_wallet.h"

#include "portal.h"

#define BASE "/dich-vu/kho-giay-to"

enum field { FIELD_CSRF, FIELD_SHA256, FIELD__MAX };

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_SHA256] = { "tep", valid_code, 64, 0 },
};
/* clang-format on */

static int
page_wallet(struct mc_request *r)
{
	struct mc_rows rows;

	if (mc_wallet_list(r->db, r->arena, r->user->id, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Docs", &rows);
	mc_view_set_int(r->hdf, "Data.Count", (long long)rows.n);
	if (strstr(r->query, "da-an=1") != NULL) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Wallet.Hidden"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	mc_view_set(r->hdf, "Page.Nav", "dossiers");
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Wallet.Title"));
	return mc_resp_page(r, "portal/wallet.cs");
}

/* One document hidden from one's wallet: 404 when it is not in it. */
static int
page_hide(struct mc_request *r)
{
	const char *sha = mc_req_field(r, FIELD_SHA256);
	int	    rc;

	if (sha == NULL)
		return 404;
	if ((rc = mc_wallet_hide(r->db, r->arena, r->user->id, sha,
		 time(NULL))) < 0)
		return 503;
	if (rc == 0)
		return 404;
	return mc_resp_redirect(r, BASE "?da-an=1");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, BASE, page_wallet, ROUTE_LOGIN, 0 },
	{ METHOD_POST, BASE "/an", page_hide, ROUTE_LOGIN, 0 },
};
/* clang-format on */

/* clang-format off */
const struct mc_module portal_wallet = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
