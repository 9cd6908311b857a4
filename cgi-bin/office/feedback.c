/*
 * Feedback and complaints in the back office (issue 10): the agency's list
 * (with the units under it) coloured by deadline, one feedback with its
 * photos and history, the answer (founded or not when about a dossier),
 * the statistics per agency and category with a CSV; and what the inbox
 * and the dossier page show of the feedback about dossiers.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_calendar.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_export.h"
#include "mc_feedback.h"
#include "mc_files.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

enum field {
	FIELD_CSRF,
	FIELD_AGENCY,
	FIELD_STATUS,
	FIELD_ANSWER,
	FIELD_FOUNDED,
	FIELD_FROM,
	FIELD_TO,
	FIELD__MAX
};

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_STATUS] = { "status", valid_code, 16, 0 },
	[FIELD_ANSWER] = { "answer", valid_text, 4000, 0 },
	[FIELD_FOUNDED] = { "founded", valid_uint, 1, 0 },
	[FIELD_FROM] = { "tu", valid_code, 10, 0 },
	[FIELD_TO] = { "den", valid_code, 10, 0 },
};
/* clang-format on */

/* The colour of an open feedback's deadline (Data.<node>.N.colour). */
static void
colours(struct mc_request *r, const char *node, const struct mc_rows *rows,
    time_t now)
{
	size_t i;
	int    c;

	for (i = 0; i < rows->n; i++) {
		c = mc_feedback_colour(
		    mc_feedback_status_parse(mc_rows_str(rows, i, FBL_STATUS)),
		    mc_time_parse(mc_rows_str(rows, i, FBL_ROUND)),
		    mc_time_parse(mc_rows_str(rows, i, FBL_DUE)), now);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.%zu.colour", node, i),
		    c < 0 ? "none" : mc_calendar_colour_name(c));
	}
}

static int
page_list(struct mc_request *r)
{
	struct mc_rows rows;
	unsigned int   agency;
	const char    *st = mc_req_field(r, FIELD_STATUS);
	int	       rc, status = mc_feedback_status_parse(st);

	if ((rc = office_agency(r, mc_req_field(r, FIELD_AGENCY), &agency)) <=
	    0)
		return rc < 0 ? 503 : 403;
	if (mc_feedback_agency(r->db, r->arena, agency, status, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Feedback", &rows);
	colours(r, "Data.Feedback", &rows, time(NULL));
	mc_view_set(r->hdf, "Data.Status", status >= 0 ? st : "");
	if (mc_auth_acts_for(r->user, ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN),
		agency))
		mc_view_set(r->hdf, "Data.IsLeader", "1");
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Feedback.Office.Title"));
	return mc_resp_page(r, "office/feedback_list.cs");
}

/* Loads r->cap[0] if the officer may see it: 0, or 404 / 503. */
static int
load(struct mc_request *r, struct mc_feedback *f)
{
	int rc;

	if ((rc = mc_feedback_load(r->db, r->arena, r->cap[0], f)) < 0)
		return 503;
	if (rc == 0 || !mc_feedback_officer_may(r->user, f))
		return 404;
	return 0;
}

static int
show(struct mc_request *r, struct mc_feedback *f, int status)
{
	mc_view_rows(r->hdf, "Data.Fb", &f->row);
	mc_view_rows(r->hdf, "Data.Photos", &f->photos);
	mc_view_rows(r->hdf, "Data.Events", &f->events);
	if (f->status == FBS_OPEN) {
		mc_view_set(r->hdf, "Data.CanAnswer", "1");
		mc_view_set(r->hdf, "Data.Colour",
		    mc_calendar_colour_name(mc_feedback_colour(f->status,
			mc_time_parse(f->round_at), mc_time_parse(f->due_at),
			time(NULL))));
	}
	if (strstr(r->query, "ok=1") != NULL) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Feedback.Office.Answered"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title", f->code);
	r->status = status;
	if (mc_resp_page(r, "office/feedback.cs") != 200)
		return 500;
	return status;
}

static int
page_show(struct mc_request *r)
{
	struct mc_feedback f;
	int		   rc;

	if ((rc = load(r, &f)) != 0)
		return rc;
	return show(r, &f, 200);
}

static int
page_answer(struct mc_request *r)
{
	struct mc_feedback f;
	const char	  *answer = mc_req_field(r, FIELD_ANSWER);
	const char	  *fd = mc_req_field(r, FIELD_FOUNDED);
	int		   rc, founded = fd == NULL ? -1 : (fd[0] == '1');

	if ((rc = load(r, &f)) != 0)
		return rc;
	mc_view_set(r->hdf, "Form.answer", answer);
	mc_view_set(r->hdf, "Form.founded", fd);
	if (mc_req_field_bad(r, FIELD_ANSWER) || answer == NULL ||
	    mc_utf8_chars(answer) < 2) {
		if (mc_req_field_bad(r, FIELD_ANSWER) &&
		    r->fields[FIELD_ANSWER] != NULL &&
		    mc_utf8_valid(r->fields[FIELD_ANSWER]->value,
			r->fields[FIELD_ANSWER]->len))
			mc_view_set(r->hdf, "Form.answer",
			    r->fields[FIELD_ANSWER]->value);
		mc_view_set(r->hdf, "Form.Errors.answer", "1");
		return show(r, &f, 422);
	}
	rc = mc_feedback_answer(r->db, r->arena, r->user, r->cap[0], answer,
	    founded, time(NULL));
	if (rc < 0)
		return 503;
	if (rc == FB_E_NOTFOUND || rc == FB_E_SCOPE)
		return 404;
	if (rc == FB_E_FOUNDED) {
		mc_view_set(r->hdf, "Form.Errors.founded", "1");
		return show(r, &f, 422);
	}
	if (rc == FB_E_STATE) {
		mc_view_set(r->hdf, "Form.Errors.state", "1");
		return show(r, &f, 409);
	}
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "/can-bo/phan-anh/%s?ok=1", r->cap[0]));
}

static int
page_photo(struct mc_request *r)
{
	struct mc_feedback f;
	const char	  *sha = NULL, *mime = NULL;
	size_t		   i;
	int		   rc, got;

	if ((rc = load(r, &f)) != 0)
		return rc;
	for (i = 0; i < f.photos.n; i++)
		if (strcmp(mc_rows_str(&f.photos, i, 0), r->cap[1]) == 0) {
			sha = mc_rows_str(&f.photos, i, 1);
			mime = mc_rows_str(&f.photos, i, 3);
		}
	if (sha == NULL || (got = mc_files_load(r->arena, sha, &r->out)) > 0)
		return 404;
	if (got < 0)
		return 500;
	mc_resp_header(r, "Content-Type", mime);
	r->rendered = 1;
	return 200;
}

/* ------------------------------------------------------- statistics */

/*
 * The statistics' period (?tu=, ?den=: YYYY-MM-DD, default this year to
 * today) and agency; fills Data.Stats and the totals. 0 or a status.
 */
static int
stats_fill(struct mc_request *r, struct mc_rows *rows, unsigned int *of)
{
	unsigned int agency;
	const char  *from = mc_req_field(r, FIELD_FROM);
	const char  *to = mc_req_field(r, FIELD_TO);
	char	     f[32], t[20], now[20], day[24];
	time_t	     now_t = time(NULL), to_t;
	struct tm    tm;
	long long    tot[5] = { 0 };
	size_t	     i;
	int	     y, m, d, rc, j;

	if ((rc = office_agency(r, mc_req_field(r, FIELD_AGENCY), &agency)) <=
	    0)
		return rc < 0 ? 503 : 403;
	if (!mc_auth_acts_for(r->user, ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN),
		agency))
		return 403;
	*of = agency;
	localtime_r(&now_t, &tm);
	if (from == NULL || mc_date_parse(from, &y, &m, &d) < 0) {
		snprintf(day, sizeof(day), "%04d-01-01", tm.tm_year + 1900);
		from = mc_arena_strdup(r->arena, day);
	}
	if (to == NULL || mc_date_parse(to, &y, &m, &d) < 0) {
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		to = mc_arena_strdup(r->arena, day);
	}
	mc_view_set(r->hdf, "Form.tu", from);
	mc_view_set(r->hdf, "Form.den", to);
	snprintf(f, sizeof(f), "%s 00:00:00", from);
	to_t = mc_date_at(to, 0) + 36 * 3600; /* the day after, local */
	localtime_r(&to_t, &tm);
	strftime(t, sizeof(t), "%Y-%m-%d 00:00:00", &tm);
	mc_time_sql(now, now_t);
	if (mc_feedback_stats(r->db, r->arena, agency, f, t, now, rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Stats", rows);
	for (i = 0; i < rows->n; i++) {
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Stats.%zu.cat", i),
		    mc_view_str(r->hdf,
			mc_arena_printf(r->arena, "Feedback.Cat.%s",
			    mc_rows_str(rows, i, FBST_CATEGORY))));
		for (j = 0; j < 5; j++)
			tot[j] += mc_rows_int(rows, i, FBST_RECEIVED + j);
	}
	for (j = 0; j < 5; j++)
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Total.%d", j), tot[j]);
	mc_view_set_int(r->hdf, "Data.AgencyId", agency);
	return 0;
}

static int
page_stats(struct mc_request *r)
{
	struct mc_rows rows;
	unsigned int   agency;
	int	       rc;

	if ((rc = stats_fill(r, &rows, &agency)) != 0)
		return rc;
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Feedback.Office.Stats"));
	return mc_resp_page(r, "office/feedback_stats.cs");
}

static int
page_stats_csv(struct mc_request *r)
{
	static const char *const heads[] = { "Feedback.Agency",
		"Feedback.Category", "Feedback.Office.Received",
		"Feedback.Office.AnsweredN", "Feedback.Office.OnTime",
		"Feedback.Office.Late", "Feedback.Office.ReopenedN" };
	enum { NC = sizeof(heads) / sizeof(heads[0]) };
	struct office_csv c;
	struct mc_rows	  rows;
	const char	**cells;
	unsigned int	  agency = 0;
	size_t		  i, j;
	int		  rc;

	if ((rc = stats_fill(r, &rows, &agency)) != 0)
		return rc;
	cells = mc_arena_alloc(r->arena, (rows.n * NC + 1) * sizeof(*cells));
	for (i = 0; i < rows.n; i++) {
		cells[i * NC] = mc_rows_str(&rows, i, FBST_AGENCY);
		cells[i * NC + 1] = hdf_get_value(r->hdf,
		    mc_arena_printf(r->arena, "Data.Stats.%zu.cat", i), "");
		for (j = 2; j < NC; j++)
			cells[i * NC + j] = mc_rows_str(&rows, i,
			    FBST_RECEIVED + j - 2);
	}
	memset(&c, 0, sizeof(c));
	c.heads = heads;
	c.ncols = NC;
	c.cells = cells;
	c.nrows = rows.n;
	c.what = mc_arena_printf(r->arena, "phan-anh.csv %s..%s",
	    hdf_get_value(r->hdf, "Form.tu", ""),
	    hdf_get_value(r->hdf, "Form.den", ""));
	c.agency = agency;
	c.file = mc_arena_printf(r->arena, "phan-anh-%s-%s.csv",
	    hdf_get_value(r->hdf, "Form.tu", ""),
	    hdf_get_value(r->hdf, "Form.den", ""));
	return office_csv_send(r, &c);
}

/* ------------------------------------------------------- shared */

int
office_feedback_dossier(struct mc_request *r, const struct mc_dossier *d)
{
	struct mc_rows rows;

	if (mc_feedback_dossier(r->db, r->arena, d->id, &rows) < 0)
		return -1;
	mc_view_rows(r->hdf, "Data.DossierFeedback", &rows);
	colours(r, "Data.DossierFeedback", &rows, time(NULL));
	return 0;
}

int
office_feedback_marks(struct mc_request *r, unsigned int agency,
    const struct mc_rows *dossiers, size_t code_col, const char *node)
{
	struct mc_rows marks;
	size_t	       i, j;

	if (mc_feedback_dossier_marks(r->db, r->arena, agency, &marks) < 0)
		return -1;
	for (i = 0; i < dossiers->n; i++)
		for (j = 0; j < marks.n; j++)
			if (strcmp(mc_rows_str(dossiers, i, code_col),
				mc_rows_str(&marks, j, 0)) == 0)
				mc_view_set(r->hdf,
				    mc_arena_printf(r->arena,
					"%s.%zu.feedback", node, i),
				    mc_rows_str(&marks, j, 1));
	return 0;
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/phan-anh", page_list, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/phan-anh/thong-ke", page_stats, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/phan-anh/thong-ke.csv", page_stats_csv,
	    ROUTE_LOGIN, ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/phan-anh/{}", page_show, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_POST, "/can-bo/phan-anh/{}/tra-loi", page_answer, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/phan-anh/{}/anh/{}", page_photo, ROUTE_LOGIN,
	    ROLES_OFFICER },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_feedback = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
