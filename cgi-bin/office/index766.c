/*
 * Decision 766's national index for leaders (issues 10 and 11): per agency
 * of the reader's scope and period, the five parts and the total from
 * lib/domain/mc_index766, sortable, with the methodology; exports through
 * the statistics' path (reports.c, office_report_export).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_export.h"
#include "mc_fmt.h"
#include "mc_index766.h"
#include "mc_view.h"

#include "office.h"

#define ROLES_766 (ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN))

/* The first seven as reports.c's (office_report_query reads them). */
enum field {
	FIELD_FROM,
	FIELD_TO,
	FIELD_AGENCY,
	FIELD_PROCEDURE,
	FIELD_FIELD,
	FIELD_CHANNEL,
	FIELD_BY,
	FIELD_SORT,
	FIELD_DIR,
	FIELD__MAX
};

/* The statistics' filters this page does not offer: never read. */
static int
refused(const struct mc_param *p)
{
	return 0;
}

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_FROM] = { "from", valid_line, 10, 0 },
	[FIELD_TO] = { "to", valid_line, 10, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_PROCEDURE] = { "procedure", refused, 10, 0 },
	[FIELD_FIELD] = { "field", refused, 10, 0 },
	[FIELD_CHANNEL] = { "channel", refused, 1, 0 },
	[FIELD_BY] = { "by", refused, 12, 0 },
	[FIELD_SORT] = { "sort", valid_line, 16, 0 },
	[FIELD_DIR] = { "dir", valid_line, 4, 0 },
};
/* clang-format on */

/* "59.9" (or "59,9") from tenths; "—" for -1. */
static const char *
tenths(struct mc_request *r, int t)
{
	char num[24], out[32];

	if (t < 0)
		return "—";
	snprintf(num, sizeof(num), "%d.%d", t / 10, t % 10);
	return mc_arena_strdup(r->arena,
	    mc_fmt_number(r->lang, num, out, sizeof(out)));
}

static const char *
text(struct mc_request *r, const char *key)
{
	return mc_view_str(r->hdf, mc_arena_printf(r->arena, "I766.%s", key));
}

/* The sort key asked for: a part's index or I766__PARTS for the total. */
static int
sort_key(struct mc_request *r, int *asc)
{
	const char *s = mc_req_field(r, FIELD_SORT);
	const char *d = mc_req_field(r, FIELD_DIR);
	int	    i;

	*asc = d != NULL && strcmp(d, "asc") == 0;
	for (i = 0; s != NULL && i < I766__PARTS; i++)
		if (strcmp(s, mc_i766_part_name((enum mc_i766_part)i)) == 0)
			return i;
	return I766__PARTS;
}

/* The table of the reader's query, sorted; 0 or an HTTP status. */
static int
load(struct mc_request *r, struct office_report *q, struct mc_i766_row **rows,
    size_t *n)
{
	char	  now[20];
	time_t	  t = time(NULL);
	struct tm tm;
	int	  rc, key, asc;

	if ((rc = office_report_query(r, ROLES_766, q)) != 0)
		return rc;
	localtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%d %H:%M:%S", &tm);
	if (mc_i766_table(r->db, r->arena, q->agency, q->from, q->to, now,
		rows, n) < 0)
		return 503;
	key = sort_key(r, &asc);
	mc_i766_sort(*rows, *n, key, asc);
	mc_view_set(r->hdf, "Form.sort",
	    key < I766__PARTS ? mc_i766_part_name((enum mc_i766_part)key) :
				"total");
	mc_view_set(r->hdf, "Form.dir", asc ? "asc" : "desc");
	mc_view_set(r->hdf, "Data.Query",
	    mc_arena_printf(r->arena, "from=%s&to=%s&agency=%u", q->from,
		q->to, q->agency));
	return 0;
}

static const char *
row_name(struct mc_request *r, const struct mc_i766_row *x)
{
	return r->lang == LANG_EN && x->name_en != NULL ? x->name_en : x->name;
}

static int
page_index(struct mc_request *r)
{
	struct office_report q;
	struct mc_i766_row  *rows = NULL;
	size_t		     n = 0, i;
	int		     p, s, rc;
	const char	    *pre;

	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title", text(r, "Title"));
	for (p = 0; p < I766__PARTS; p++)
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Parts.%s.max",
			mc_i766_part_name((enum mc_i766_part)p)),
		    mc_i766_part_max((enum mc_i766_part)p));
	for (s = 0; s < I766__SUBS; s++) {
		pre = mc_arena_printf(r->arena, "Data.Subs.%d", s);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.name", pre),
		    mc_i766_sub_name((enum mc_i766_sub)s));
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.part", pre),
		    mc_i766_part_name(mc_i766_part_of((enum mc_i766_sub)s)));
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "%s.max", pre),
		    mc_i766_sub_max((enum mc_i766_sub)s));
	}
	if ((rc = load(r, &q, &rows, &n)) != 0) {
		if (rc == 422)
			mc_resp_page(r, "office/index766.cs");
		return rc;
	}
	for (i = 0; i < n; i++) {
		pre = mc_arena_printf(r->arena, "Data.Rows.%zu", i);
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "%s.agency", pre),
		    rows[i].agency);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.name", pre),
		    row_name(r, &rows[i]));
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.total", pre),
		    tenths(r, rows[i].s.total));
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "%s.dossiers", pre),
		    rows[i].c.dossiers);
		for (p = 0; p < I766__PARTS; p++)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.part.%s", pre,
				mc_i766_part_name((enum mc_i766_part)p)),
			    tenths(r,
				rows[i].s.total < 0 ? -1 : rows[i].s.part[p]));
		for (s = 0; s < I766__SUBS; s++)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.sub.%s", pre,
				mc_i766_sub_name((enum mc_i766_sub)s)),
			    mc_arena_printf(r->arena, "%s (%lld/%lld)",
				tenths(r,
				    rows[i].s.total < 0 ? -1 :
							  rows[i].s.sub[s]),
				rows[i].c.num[s], rows[i].c.den[s]));
	}
	return mc_resp_page(r, "office/index766.cs");
}

/*
 * Columns of the export: agency, the parts, the total, the sub-criteria.
 * Built in the request: one row an agency shown (bounded by the city's
 * units, 626), from the summaries, not a job as the registers'.
 */
#define NCOLS (2 + I766__PARTS + I766__SUBS)

static int
page_export(struct mc_request *r)
{
	struct mc_export_table t;
	struct office_report   q;
	struct mc_i766_row    *rows;
	enum mc_export_kind   *kinds;
	const char	     **heads, **cells, *v;
	size_t		       n, i;
	int		       c, rc;

	if ((rc = load(r, &q, &rows, &n)) != 0)
		return rc == 422 ? 400 : rc;
	memset(&t, 0, sizeof(t));
	heads = mc_arena_alloc(r->arena, NCOLS * sizeof(*heads));
	kinds = mc_arena_alloc(r->arena, NCOLS * sizeof(*kinds));
	heads[0] = text(r, "Agency");
	kinds[0] = EXPORT_TEXT;
	for (c = 0; c < I766__PARTS; c++) {
		heads[1 + c] = text(r,
		    mc_arena_printf(r->arena, "Part.%s",
			mc_i766_part_name((enum mc_i766_part)c)));
		kinds[1 + c] = EXPORT_DECIMAL;
	}
	heads[1 + I766__PARTS] = text(r, "Total");
	kinds[1 + I766__PARTS] = EXPORT_DECIMAL;
	for (c = 0; c < I766__SUBS; c++) {
		heads[2 + I766__PARTS + c] = text(r,
		    mc_arena_printf(r->arena, "Sub.%s.name",
			mc_i766_sub_name((enum mc_i766_sub)c)));
		kinds[2 + I766__PARTS + c] = EXPORT_DECIMAL;
	}
	cells = mc_arena_alloc(r->arena, (n + 1) * NCOLS * sizeof(*cells));
	for (i = 0; i < n; i++) {
		const struct mc_i766 *s = &rows[i].s;

		cells[i * NCOLS] = row_name(r, &rows[i]);
		/* Real numbers ("59.9"); no index: an empty cell. */
		for (c = 0; c < NCOLS - 1; c++) {
			int x = c < I766__PARTS ? s->part[c] :
			    c == I766__PARTS	? s->total :
						  s->sub[c - I766__PARTS - 1];

			v = s->total < 0 ?
			    NULL :
			    mc_arena_printf(r->arena, "%d.%d", x / 10, x % 10);
			cells[i * NCOLS + 1 + c] = v;
		}
	}
	t.title = text(r, "Title");
	t.sheet = "ChiSo766";
	t.ncols = NCOLS;
	t.heads = heads;
	t.kinds = kinds;
	t.nrows = n;
	t.cells = cells;
	return office_report_export(r, &q, &t, "chi-so-766");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/thong-ke/chi-so-766", page_index, ROUTE_LOGIN,
	    ROLES_766 },
	{ METHOD_GET, "/can-bo/thong-ke/chi-so-766/xuat/{}", page_export,
	    ROUTE_LOGIN, ROLES_766 },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_index766 = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
