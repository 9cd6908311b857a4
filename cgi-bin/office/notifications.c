/*
 * An officer's notifications (/can-bo/thong-bao): new work, reminders
 * (đôn đốc), dossiers turning yellow or red; unread first; marking read.
 * The page itself is lib/mc_notices, shared with the other program.
 */
#include <stddef.h>

#include "mc_app.h"
#include "mc_notices.h"

#include "office.h"

#define BASE "/can-bo/thong-bao"

enum field { FIELD_CSRF, FIELD_ID, FIELD_UPTO, FIELD__MAX };

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_ID] = { "id", valid_uint, 19, 0 },
	[FIELD_UPTO] = { "upto", valid_uint, 19, 0 },
};
/* clang-format on */

static int
page_notifications(struct mc_request *r)
{
	return mc_notices_page(r, BASE, "office", "Notifications.OfficeTitle");
}

static int
page_mark_read(struct mc_request *r)
{
	if (mc_req_field_bad(r, FIELD_ID) || mc_req_field_bad(r, FIELD_UPTO))
		return 400;
	return mc_notices_mark(r, BASE, mc_req_field(r, FIELD_ID),
	    mc_req_field(r, FIELD_UPTO));
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, BASE, page_notifications, ROUTE_LOGIN, ROLES_OFFICER },
	{ METHOD_POST, BASE "/da-doc", page_mark_read, ROUTE_LOGIN, ROLES_OFFICER },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_notifications = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
