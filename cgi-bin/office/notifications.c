/*
 * An officer's notifications (/can-bo/thong-bao): new work, reminders
 * (đôn đốc), dossiers turning yellow or red; unread first; marking read.
 */
#include <stddef.h>
#include <string.h>

#include "mc_app.h"
#include "mc_db.h"
#include "mc_outbox.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define LIST_MAX	100

enum field {
	FIELD_CSRF,
	FIELD_ID,
	FIELD_UPTO,
	FIELD__MAX
};

static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_ID] = { "id", valid_uint, 19, 0 },
	[FIELD_UPTO] = { "upto", valid_uint, 19, 0 },
};

static int
page_notifications(struct mc_request *r)
{
	struct mc_rows	 unread, read;
	long long	 n;

	if (mc_notify_list(r->db, r->arena, r->user->id, LIST_MAX, &unread,
	    &read) < 0 || (n = mc_notify_unread(r->db, r->user->id)) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Unread", &unread);
	mc_view_rows(r->hdf, "Data.Read", &read);
	mc_view_set_int(r->hdf, "Data.UnreadCount", n);
	if (unread.n > 0)	/* mark read no more than the user saw */
		mc_view_set(r->hdf, "Data.Upto", mc_rows_str(&unread, 0, 0));
	if (strstr(r->query, "ok=1") != NULL) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Notifications.MarkedOk"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Notifications.OfficeTitle"));
	return mc_resp_page(r, "office/notifications.cs");
}

/* Marks one notification (id) or all up to the newest shown (upto) read. */
static int
page_mark_read(struct mc_request *r)
{
	long long	 id = 0, upto = 0;

	if (mc_req_field_bad(r, FIELD_ID) || mc_req_field_bad(r, FIELD_UPTO))
		return 400;
	if ((mc_req_field(r, FIELD_ID) != NULL &&
	    mc_parse_ll(mc_req_field(r, FIELD_ID), 1, 1LL << 62, &id) < 0) ||
	    (mc_req_field(r, FIELD_UPTO) != NULL &&
	    mc_parse_ll(mc_req_field(r, FIELD_UPTO), 1, 1LL << 62, &upto) < 0))
		return 400;
	if (mc_notify_mark_read(r->db, r->user->id, id, upto) < 0)
		return 503;
	return mc_resp_redirect(r, "/can-bo/thong-bao?ok=1");
}

static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/thong-bao", page_notifications, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_POST, "/can-bo/thong-bao/da-doc", page_mark_read,
	    ROUTE_LOGIN, ROLES_OFFICER },
};

const struct mc_module office_notifications = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
