/*
 * The webmasters' synonyms (/can-bo/quan-tri-trang/tu-dong-nghia): the
 * everyday words search maps to the catalogue's (mc_search.h), each with
 * its source; webmasters add a pair and turn one off or on again, and see
 * the questions the assistant could not answer. The
 * portal's search reads them within seconds; the as-you-type search at the
 * next site update.
 */
#include <stddef.h>
#include <string.h>

#include "mc_app.h"
#include "mc_search.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

enum field {
	FIELD_CSRF,
	FIELD_TERM,
	FIELD_MEANS,
	FIELD_SOURCE,
	FIELD_ACTIVE,
	FIELD__MAX
};

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_TERM] = { "term", valid_line, 200, 0 },
	[FIELD_MEANS] = { "means", valid_line, 300, 0 },
	[FIELD_SOURCE] = { "source", valid_line, 500, 0 },
	[FIELD_ACTIVE] = { "active", valid_uint, 1, 0 },
};
/* clang-format on */

#define PATH "/can-bo/quan-tri-trang/tu-dong-nghia"

/* The field's value, or NULL when absent or only spaces. */
static const char *
text(struct mc_request *r, int f)
{
	const char *v = mc_req_field(r, f);

	if (v == NULL || v[strspn(v, " \t")] == '\0')
		return NULL;
	return v;
}

/* The list and the form (status 200, or 422 with the errors set). */
static int
list(struct mc_request *r, int status)
{
	struct mc_rows rows, asked;
	size_t	       i, on = 0;

	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Synonyms.Title"));
	mc_view_set(r->hdf, "Page.Nav", "office");
	if (mc_search_synonyms(r->db, r->arena, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Synonyms", &rows);
	for (i = 0; i < rows.n; i++)
		on += mc_rows_int(&rows, i, SYN_ACTIVE) == 1;
	mc_view_set_int(r->hdf, "Data.Active", (long long)on);
	mc_view_set_int(r->hdf, "Data.Total", (long long)rows.n);
	if (mc_search_unanswered(r->db, r->arena, &asked) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Unanswered", &asked);
	if (status == 200 && strstr(r->query, "ok=1") != NULL)
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Synonyms.Saved"));
	if (mc_resp_page(r, "office/synonyms.cs") != 200)
		return 500;
	return status;
}

/* The list; ?term= (from an unanswered question's link) fills the form. */
static int
page_list(struct mc_request *r)
{
	const char *term = text(r, FIELD_TERM);

	if (term != NULL && !mc_req_field_bad(r, FIELD_TERM))
		mc_view_set(r->hdf, "Form.term", term);
	return list(r, 200);
}

static int
page_add(struct mc_request *r)
{
	const char *term = text(r, FIELD_TERM), *means = text(r, FIELD_MEANS);
	const char *source = text(r, FIELD_SOURCE);
	char	   *ft = NULL, *fm = NULL;
	int	    bad = 0;

	if (term == NULL || mc_req_field_bad(r, FIELD_TERM) ||
	    (ft = mc_fold(r->arena, term)) == NULL || *ft == '\0')
		bad = 1, mc_view_set(r->hdf, "Form.Errors.term", "1");
	if (means == NULL || mc_req_field_bad(r, FIELD_MEANS) ||
	    (fm = mc_fold(r->arena, means)) == NULL || *fm == '\0')
		bad = 1, mc_view_set(r->hdf, "Form.Errors.means", "1");
	else if (ft != NULL && strcmp(ft, fm) == 0)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.same", "1");
	if (source == NULL || mc_req_field_bad(r, FIELD_SOURCE))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.source", "1");
	if (bad) {
		mc_view_set(r->hdf, "Form.term", mc_req_field(r, FIELD_TERM));
		mc_view_set(r->hdf, "Form.means",
		    mc_req_field(r, FIELD_MEANS));
		mc_view_set(r->hdf, "Form.source",
		    mc_req_field(r, FIELD_SOURCE));
		mc_view_set(r->hdf, "Form.Invalid", "1");
		return list(r, 422);
	}
	if (mc_search_synonym_add(r->db, term, means, source, r->user->id) < 0)
		return 503;
	return mc_resp_redirect(r, PATH "?ok=1");
}

/* Turns the pair r->cap[0] on (active=1) or off. */
static int
page_set(struct mc_request *r)
{
	long long id, on = 0;
	int	  rc;

	if (r->ncap < 1 || mc_parse_ll(r->cap[0], 1, 1LL << 31, &id) < 0)
		return 404;
	if (mc_req_field(r, FIELD_ACTIVE) != NULL &&
	    mc_parse_ll(mc_req_field(r, FIELD_ACTIVE), 0, 1, &on) < 0)
		return 400;
	if ((rc = mc_search_synonym_set(r->db, id, (int)on, r->user->id)) < 0)
		return 503;
	if (rc == 0)
		return 404;
	return mc_resp_redirect(r, PATH "?ok=1");
}

#define WM ROUTE_LOGIN, ROLES_CONTENT

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, PATH, page_list, WM },
	{ METHOD_POST, PATH, page_add, WM },
	{ METHOD_POST, PATH "/{}", page_set, WM },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_synonyms = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
