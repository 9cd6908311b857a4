/*
 * The notifications page shared by the portal and the back office: one
 * handler, one template (partials/notifications.cs), two addresses.
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_db.h"
#include "mc_http.h"
#include "mc_notices.h"
#include "mc_outbox.h"
#include "mc_util.h"
#include "mc_view.h"

#define LIST_MAX 100
#define COL_MSG	 8 /* mc_notify_list's columns */
#define COL_VARS 9

/* Each listed notification's title and body in the reader's language. */
static void
localize(struct mc_request *r, const char *prefix, const struct mc_rows *rows)
{
	const char *title, *body;
	size_t	    i;

	if (rows->ncols <= COL_VARS)
		return;
	for (i = 0; i < rows->n; i++) {
		if (mc_notify_localize(r->arena, mc_view_text, r->hdf, r->lang,
			mc_rows_str(rows, i, COL_MSG),
			mc_rows_str(rows, i, COL_VARS), &title, &body) < 0)
			continue;
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.%zu.title", prefix, i),
		    title);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.%zu.body", prefix, i), body);
	}
}

int
mc_notices_page(struct mc_request *r, const char *base, const char *nav,
    const char *title)
{
	struct mc_rows unread, read;
	long long      n;

	if (mc_notify_list(r->db, r->arena, r->user->id, LIST_MAX, &unread,
		&read) < 0 ||
	    (n = mc_notify_unread(r->db, r->user->id)) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Unread", &unread);
	mc_view_rows(r->hdf, "Data.Read", &read);
	localize(r, "Data.Unread", &unread);
	localize(r, "Data.Read", &read);
	mc_view_set_int(r->hdf, "Data.UnreadCount", n);
	mc_view_set(r->hdf, "Data.Base", base);
	if (unread.n > 0) /* mark read no more than the user saw */
		mc_view_set(r->hdf, "Data.Upto", mc_rows_str(&unread, 0, 0));
	if (strstr(r->query, "ok=1") != NULL) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Notifications.MarkedOk"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	mc_view_set(r->hdf, "Page.Nav", nav);
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, title));
	return mc_resp_page(r, "partials/notifications.cs");
}

int
mc_notices_mark(struct mc_request *r, const char *base, const char *id,
    const char *upto)
{
	long long one = 0, all = 0;

	if ((id != NULL && mc_parse_ll(id, 1, 1LL << 62, &one) < 0) ||
	    (upto != NULL && mc_parse_ll(upto, 1, 1LL << 62, &all) < 0))
		return 400;
	if (mc_notify_mark_read(r->db, r->user->id, one, all) < 0)
		return 503;
	return mc_resp_redirect(r, mc_arena_printf(r->arena, "%s?ok=1", base));
}

void
mc_notices_layout(struct mc_request *r)
{
	long long unread;

	if (r->user == NULL || r->api)
		return;
	if ((unread = mc_notify_unread(r->db, r->user->id)) > 0)
		mc_view_set_int(r->hdf, "User.Unread", unread);
	if (r->user->roles & ROLES_OFFICER)
		mc_view_set(r->hdf, "User.Officer", "1");
}
