/*
 * The papers of a dossier as PDF (01 receipt, 02 supplement request, 03
 * refusal, 04 apology, 05 control slip) and the tracking book (form 06) of
 * an agency, field and period, as a page and as PDF.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_papers.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

enum field {
	FIELD_AGENCY,
	FIELD_FIELD,
	FIELD_FROM,
	FIELD_TO,
	FIELD_PDF,
	FIELD__MAX
};

static int valid_day(const struct mc_param *);

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_FIELD] = { "field", valid_uint, 10, 0 },
	[FIELD_FROM] = { "from", valid_day, 10, 0 },
	[FIELD_TO] = { "to", valid_day, 10, 0 },
	[FIELD_PDF] = { "pdf", valid_uint, 1, 0 },
};
/* clang-format on */

enum stmt { STMT_FIELDS, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_FIELDS] = "SELECT id, name FROM fields ORDER BY name",
};
/* clang-format on */

static int
valid_day(const struct mc_param *p)
{
	return p->len == 10 && mc_time_parse(p->value) != 0;
}

/* "01.pdf" .. "05.pdf" -> 1..5; 0 otherwise. */
static int
paper_number(const char *s)
{
	if (strlen(s) != 6 || s[0] != '0' || s[1] < '1' || s[1] > '5' ||
	    strcmp(s + 2, ".pdf") != 0)
		return 0;
	return s[1] - '0';
}

/* Sends out as a PDF named name. */
static int
send_pdf(struct mc_request *r, const char *name)
{
	mc_resp_header(r, "Content-Type", "application/pdf");
	mc_resp_header(r, "Content-Disposition",
	    mc_arena_printf(r->arena, "inline; filename=\"%s\"", name));
	r->rendered = 1;
	return 200;
}

static int
page_paper(struct mc_request *r)
{
	struct mc_dossier d;
	int		  n, rc;

	if ((n = paper_number(r->cap[1])) == 0)
		return 404;
	if ((rc = office_dossier(r, &d)) != 1)
		return rc;
	if ((rc = mc_papers_dossier(r->db, r->arena, &d, n, &r->out)) < 0)
		return 503;
	if (rc == 1)
		return 404;
	return send_pdf(r,
	    mc_arena_printf(r->arena, "mau-%02d-%s.pdf", n, r->cap[0]));
}

static int
page_book(struct mc_request *r)
{
	struct mc_rows rows, list;
	unsigned int   agency;
	int	       rc;
	long long      field = 0;
	time_t	       now = time(NULL), from, to;
	struct tm      tm;
	char	       day[11];

	if ((rc = office_agency(r, mc_req_field(r, FIELD_AGENCY), &agency)) <=
	    0)
		return rc < 0 ? 503 : 403;
	if (mc_req_field(r, FIELD_FIELD) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_FIELD), 0, 1LL << 31,
		    &field);
	/* Default period: this month so far. */
	localtime_r(&now, &tm);
	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	from = mc_req_field(r, FIELD_FROM) ?
	    mc_time_parse(mc_req_field(r, FIELD_FROM)) :
	    mktime(&tm);
	to = (mc_req_field(r, FIELD_TO) ?
		     mc_time_parse(mc_req_field(r, FIELD_TO)) :
		     now) +
	    86400;
	if (mc_req_field(r, FIELD_PDF) != NULL) {
		if (mc_papers_book_pdf(r->db, r->arena, agency, field, from,
			to, &r->out) < 0)
			return 503;
		return send_pdf(r, "so-theo-doi-ho-so.pdf");
	}
	if (mc_papers_book(r->db, r->arena, agency, field, from, to, &rows) <
		0 ||
	    mc_db_query(r->db, r->arena, &list, stmts[STMT_FIELDS], "") < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Book", &rows);
	mc_view_rows(r->hdf, "Data.Fields", &list);
	mc_view_set_int(r->hdf, "Data.Field", field);
	localtime_r(&from, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	mc_view_set(r->hdf, "Form.from", day);
	to -= 86400;
	localtime_r(&to, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	mc_view_set(r->hdf, "Form.to", day);
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Book.Title"));
	return mc_resp_page(r, "office/book.cs");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/ho-so/{}/phieu/{}", page_paper, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/so-theo-doi", page_book, ROUTE_LOGIN,
	    ROLES_OFFICER },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_forms = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
