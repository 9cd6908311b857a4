/*
 * The catalogue search page served without JavaScript: ranked results,
 * filters by field, agency, level and online service level, paging. (The
 * static site's search box submits here; search.js shows results as you
 * type from the generator's index and falls back to this page.)
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_catalogue.h"
#include "mc_feedback.h"
#include "mc_search.h"
#include "mc_util.h"
#include "mc_view.h"

#include "portal.h"

#define PER_PAGE 20
#define PAGE_MAX 500
#define FB_HITS	 5   /* published answers shown beside the procedures */
#define FB_CUT	 600 /* bytes of an answer shown */

enum field {
	FIELD_Q,
	FIELD_PAGE,
	FIELD_FIELD,
	FIELD_AGENCY,
	FIELD_LEVEL,
	FIELD_SERVICE,
	FIELD_ONLINE,
	FIELD_EXACT,
	FIELD_WARD,
	FIELD__MAX
};

static int valid_level(const struct mc_param *);
static int valid_service(const struct mc_param *);

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_Q] = { "q", valid_line, 200, 0 },
	[FIELD_PAGE] = { "page", valid_uint, 4, 0 },
	[FIELD_FIELD] = { "field", valid_uint, 10, 0 },
	[FIELD_AGENCY] = { "agency", valid_code, 32, 0 },
	[FIELD_LEVEL] = { "level", valid_level, 4, 0 },
	[FIELD_SERVICE] = { "service", valid_service, 8, 0 },
	[FIELD_ONLINE] = { "online", valid_uint, 1, 0 },
	[FIELD_EXACT] = { "exact", valid_uint, 1, 0 },
	[FIELD_WARD] = { "ward", valid_code, 32, 0 },
};
/* clang-format on */

/* "tinh" (city level) or "xa" (commune level). */
static int
valid_level(const struct mc_param *p)
{
	return strcmp(p->value, "tinh") == 0 || strcmp(p->value, "xa") == 0;
}

static int
valid_service(const struct mc_param *p)
{
	return strcmp(p->value, "full") == 0 ||
	    strcmp(p->value, "partial") == 0 || strcmp(p->value, "none") == 0;
}

/* Appends name=value (percent-encoded) to the query string b. */
static void
query_add(struct buf *b, const char *name, const char *value)
{
	static const char    hex[] = "0123456789ABCDEF";
	const unsigned char *s;

	if (value == NULL || *value == '\0')
		return;
	mc_buf_addf(b, "%s%s=", b->len ? "&" : "", name);
	for (s = (const unsigned char *)value; *s != '\0'; s++) {
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' ||
		    *s == '_')
			mc_buf_addc(b, (char)*s);
		else if (*s == ' ')
			mc_buf_addc(b, '+');
		else
			mc_buf_addf(b, "%%%c%c", hex[*s >> 4], hex[*s & 15]);
	}
}

/* Echoes the filters and makes the query string of this search. */
static const char *
echo(struct mc_request *r)
{
	static const struct {
		int	    field;
		const char *name;
	} echoed[] = {
		{ FIELD_Q, "q" },
		{ FIELD_FIELD, "field" },
		{ FIELD_AGENCY, "agency" },
		{ FIELD_LEVEL, "level" },
		{ FIELD_SERVICE, "service" },
		{ FIELD_ONLINE, "online" },
		{ FIELD_EXACT, "exact" },
		{ FIELD_WARD, "ward" },
	};
	struct buf  b;
	const char *v, *qs;
	char	    name[32];
	size_t	    i;

	mc_buf_init(&b, 2048);
	for (i = 0; i < sizeof(echoed) / sizeof(echoed[0]); i++) {
		if ((v = mc_req_field(r, echoed[i].field)) == NULL)
			continue;
		snprintf(name, sizeof(name), "Form.%s", echoed[i].name);
		mc_view_set(r->hdf, name, v);
		if (echoed[i].field != FIELD_Q &&
		    echoed[i].field != FIELD_EXACT)
			mc_view_set(r->hdf, "Form.Filtered", "1");
		query_add(&b, echoed[i].name, v);
	}
	qs = mc_arena_strdup(r->arena, b.s ? b.s : "");
	mc_buf_free(&b);
	return qs;
}

/*
 * The citizen's ward, whose procedures come first: the one chosen on the
 * page, else the signed-in citizen's (the address, else the latest
 * dossier's ward: mc_search_citizen_ward). Data.Ward.{code,name,name_en}
 * and Form.ward; 1 known, 0 not, -1 error.
 */
static int
ward_known(struct mc_request *r)
{
	const char *code = mc_req_field(r, FIELD_WARD), *name, *name_en = NULL;
	int	    rc;

	if (code != NULL)
		rc = mc_search_ward(r->db, r->arena, code, &name, &name_en);
	else if (r->user != NULL)
		rc = mc_search_citizen_ward(r->db, r->arena, r->user->id,
		    r->user->address, &code, &name);
	else
		rc = 0;
	if (rc <= 0)
		return rc;
	mc_view_set(r->hdf, "Form.ward", code);
	mc_view_set(r->hdf, "Data.Ward.code", code);
	mc_view_set(r->hdf, "Data.Ward.name", name);
	mc_view_set(r->hdf, "Data.Ward.name_en", name_en);
	return 1;
}

/*
 * The published answers to feedback holding every word of the query
 * (mc_feedback_search): Data.FeedbackHits.N.{code, category, agency,
 * answer} (the answer cut short). 0 or -1.
 */
static int
feedback_hits(struct mc_request *r, const char *q)
{
	struct mc_rows rows;
	const char    *answer, *cut, *node;
	size_t	       i;

	if (mc_feedback_search(r->db, r->arena, q, FB_HITS, &rows) < 0)
		return -1;
	for (i = 0; i < rows.n; i++) {
		node = mc_arena_printf(r->arena, "Data.FeedbackHits.%zu", i);
		answer = mc_rows_str(&rows, i, FBP_ANSWER);
		cut = mc_utf8_cut(r->arena, answer != NULL ? answer : "",
		    FB_CUT);
		if (cut != answer && answer != NULL)
			cut = mc_arena_printf(r->arena, "%s…", cut);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.code", node),
		    mc_rows_str(&rows, i, FBP_CODE));
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.category", node),
		    mc_rows_str(&rows, i, FBP_CATEGORY));
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.agency", node),
		    mc_rows_str(&rows, i,
			r->lang == LANG_EN ? FBP_AGENCY_EN : FBP_AGENCY));
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.answer", node), cut);
	}
	return 0;
}

static int
page_search(struct mc_request *r)
{
	struct mc_cat_query  cq;
	struct mc_search_how how;
	struct mc_rows	     rows, fl, ag;
	const char	    *qs, *level;
	long long	     total = 0, page = 1, pages;

	if (mc_req_field(r, FIELD_PAGE) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_PAGE), 1, PAGE_MAX, &page);
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Find.Title"));
	mc_view_set(r->hdf, "Page.Nav", "procedures");
	qs = echo(r);
	mc_view_set(r->hdf, "Data.Query", qs);
	mc_view_setf(r->hdf, "Page.AltHref", "/dich-vu/tim-kiem?%s%slang=%s",
	    qs, *qs ? "&" : "", r->lang == LANG_EN ? "vi" : "en");
	if (mc_catalogue_facets(r->db, r->arena, &fl, &ag) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Fields", &fl);
	mc_view_rows(r->hdf, "Data.Agencies", &ag);

	memset(&cq, 0, sizeof(cq));
	cq.q = mc_req_field(r, FIELD_Q);
	if (mc_req_field(r, FIELD_FIELD) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_FIELD), 1, 1LL << 32,
		    &cq.field_id);
	cq.agency = mc_req_field(r, FIELD_AGENCY);
	level = mc_req_field(r, FIELD_LEVEL);
	cq.level = level == NULL       ? CAT_LEVEL_ANY :
	    strcmp(level, "tinh") == 0 ? CAT_LEVEL_PROVINCE :
					 CAT_LEVEL_COMMUNE;
	cq.service = mc_req_field(r, FIELD_SERVICE);
	cq.online = mc_req_field(r, FIELD_ONLINE) != NULL &&
	    strcmp(mc_req_field(r, FIELD_ONLINE), "1") == 0;
	cq.limit = PER_PAGE;
	cq.offset = (size_t)(page - 1) * PER_PAGE;
	if (*qs == '\0')
		return mc_resp_page(r, "portal/search.cs");
	if ((cq.ward_first = ward_known(r)) < 0)
		return 503;
	if (mc_search_find(r->db, r->arena, &cq,
		mc_req_field(r, FIELD_EXACT) != NULL &&
		    strcmp(mc_req_field(r, FIELD_EXACT), "1") == 0,
		&rows, &total, &how) < 0)
		return 503;
	if (feedback_hits(r, cq.q) < 0)
		return 503;
	mc_view_set(r->hdf, "Data.Searched", "1");
	if (how.used != NULL) /* a rewrite: "showing results for" */
		mc_view_set(r->hdf, "Data.Used", how.used);
	if (how.any)
		mc_view_set(r->hdf, "Data.Any", "1");
	if (how.ignored != NULL)
		mc_view_set(r->hdf, "Data.Ignored", how.ignored);
	mc_view_rows(r->hdf, "Data.Results", &rows);
	mc_view_set_int(r->hdf, "Data.Total", total);
	mc_view_set_int(r->hdf, "Data.Page", page);
	pages = (total + PER_PAGE - 1) / PER_PAGE;
	mc_view_set_int(r->hdf, "Data.Pages", pages);
	if (page < pages)
		mc_view_set_int(r->hdf, "Data.NextPage", page + 1);
	if (page > 1)
		mc_view_set_int(r->hdf, "Data.PrevPage", page - 1);
	return mc_resp_page(r, "portal/search.cs");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/dich-vu/tim-kiem", page_search, 0, 0 },
};
/* clang-format on */

/* clang-format off */
const struct mc_module portal_search = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
