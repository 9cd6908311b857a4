/*
 * The catalogue search page served without JavaScript: ranked results,
 * paging. (The static site's search box submits here.)
 */
#include <stddef.h>

#include "mc_app.h"
#include "mc_catalogue.h"
#include "mc_util.h"
#include "mc_view.h"

#include "portal.h"

enum field {
	FIELD_Q,
	FIELD_PAGE,
	FIELD__MAX
};

static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_Q] = { "q", valid_line, 200, 0 },
	[FIELD_PAGE] = { "page", valid_uint, 4, 0 },
};

static int
page_search(struct mc_request *r)
{
	struct mc_rows	 rows;
	const char	*q = mc_req_field(r, FIELD_Q);
	long long	 total = 0, page = 1;
	const size_t	 per = 20;

	if (mc_req_field(r, FIELD_PAGE) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_PAGE), 1, 1000, &page);
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Search.Title"));
	mc_view_set(r->hdf, "Form.q", q);
	if (q != NULL && *q != '\0') {
		if (mc_catalogue_search(r->db, r->arena, q, per,
		    (size_t)(page - 1) * per, &rows, &total) < 0)
			return 503;
		mc_view_rows(r->hdf, "Data.Results", &rows);
		mc_view_set_int(r->hdf, "Data.Total", total);
		mc_view_set_int(r->hdf, "Data.Page", page);
		if ((long long)(page * per) < total)
			mc_view_set_int(r->hdf, "Data.NextPage", page + 1);
		if (page > 1)
			mc_view_set_int(r->hdf, "Data.PrevPage", page - 1);
	}
	return mc_resp_page(r, "portal/search.cs");
}

static const struct mc_route routes[] = {
	{ METHOD_GET, "/dich-vu/tim-kiem", page_search, 0, 0 },
};

const struct mc_module portal_search = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
