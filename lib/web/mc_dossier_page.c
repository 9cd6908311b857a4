/*
 * The pages' view of a dossier: a loaded dossier (lib/domain/mc_dossier)
 * as the HDF model the portal and office templates read, and a refused
 * action as the error page of its status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_calendar.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_page.h"
#include "mc_eform_page.h"
#include "mc_routing.h"
#include "mc_stats.h"
#include "mc_util.h"
#include "mc_view.h"

/* The local time of a "YYYY-MM-DD HH:MM:SS" string; 0 if NULL or bad. */
static time_t
sql_time(const char *s)
{
	return mc_time_parse(s);
}

int
mc_dossier_refusal(struct mc_request *r, int rc, const char *conflict,
    const char *input)
{
	const char *key;
	int	    status;

	switch (rc) {
	case DOSSIER_NOT_FOUND:
		return mc_app_error(r, 404, NULL);
	case DOSSIER_FORBIDDEN:
		return mc_app_error(r, 403, NULL);
	case DOSSIER_CONFLICT:
	case DOSSIER_NOT_ALLOWED:
		status = 409;
		key = conflict ? conflict : "Office.Conflict";
		break;
	case DOSSIER_BAD_INPUT:
		status = 422;
		key = input ? input : "Office.BadInput";
		break;
	case DOSSIER_TOO_LATE:
		status = 422;
		key = "Office.TooLate";
		break;
	case DOSSIER_NO_RESULT:
		status = 422;
		key = "Office.NoResult";
		break;
	case DOSSIER_TOO_LARGE:
		return mc_app_error(r, 422, mc_eform_page_total_text(r));
	case DOSSIER_NO_PROCEDURE:
		status = 422;
		key = "Api.NoProcedure";
		break;
	case DOSSIER_NO_AGENCY:
		status = 422;
		key = "Api.NoAgency";
		break;
	default:
		return mc_app_error(r, 503, NULL);
	}
	return mc_app_error(r, status, mc_view_str(r->hdf, key));
}

/* Copies row i of rows under prefix.n. */
static void
model_row(HDF *hdf, struct mc_arena *a, const char *prefix, size_t n,
    const struct mc_rows *rows, size_t i)
{
	const char *v;
	size_t	    c;

	for (c = 0; c < rows->ncols; c++)
		if ((v = mc_rows_str(rows, i, c)) != NULL)
			mc_view_set(hdf,
			    mc_arena_printf(a, "%s.%zu.%s", prefix, n,
				rows->names[c]),
			    v);
}

static const char *
step_state(const struct mc_dossier *d, size_t i)
{
	long long current = d->step;
	int	  open = d->status != STATUS_RETURNED &&
	    d->status != STATUS_REFUSED && d->status != STATUS_WITHDRAWN &&
	    d->status != STATUS_STOPPED;

	if (mc_rows_int(&d->steps, i, DSTEP_SEQ) == current && open)
		return "current";
	/* Another open step of a parallel consultation. */
	if (open && mc_rows_int(&d->steps, i, DSTEP_BRANCH) == 1 &&
	    mc_rows_str(&d->steps, i, DSTEP_STARTED) != NULL &&
	    mc_rows_str(&d->steps, i, DSTEP_FINISHED) == NULL &&
	    mc_rows_int(&d->steps, i, DSTEP_SKIPPED) == 0)
		return "current";
	if (mc_rows_str(&d->steps, i, DSTEP_FINISHED) != NULL)
		return "done";
	if (mc_rows_int(&d->steps, i, DSTEP_SKIPPED) == 1)
		return "skipped"; /* a branch not taken */
	return "todo";
}

void
mc_dossier_model(HDF *hdf, struct mc_arena *a, const struct mc_dossier *d,
    time_t now, int officer)
{
	json_t	 *items, *it;
	time_t	  start, end;
	size_t	  i, j, n;
	long long hours = 0, days = 0;

	mc_view_rows(hdf, "Data.Dossier", &d->row);
	mc_view_rows(hdf, "Data.Files", &d->files);
	/* The result: to officers, to the applicant once it is returned. */
	if (officer || d->status == STATUS_RETURNED)
		mc_view_rows(hdf, "Data.Results", &d->results);
	{
		const char *fd = d->form_json;
		json_t	   *form = json_loads(fd ? fd : "{}", 0, NULL);

		if (json_is_string(json_object_get(form, "content")))
			mc_view_set(hdf, "Data.Content",
			    json_string_value(
				json_object_get(form, "content")));
		json_decref(form);
	}
	for (i = n = 0; i < d->events.n; i++)
		if (officer || mc_rows_int(&d->events, i, DEV_INTERNAL) == 0)
			model_row(hdf, a, "Data.Events", n++, &d->events, i);
	for (i = 0; i < d->steps.n; i++) {
		model_row(hdf, a, "Data.Steps", i, &d->steps, i);
		mc_view_set(hdf, mc_arena_printf(a, "Data.Steps.%zu.state", i),
		    step_state(d, i));
		mc_view_set(hdf,
		    mc_arena_printf(a, "Data.Steps.%zu.name_key", i),
		    mc_dossier_step_key(
			mc_rows_str(&d->steps, i, DSTEP_NAME)));
	}
	for (i = 0; i < d->supplements.n; i++) {
		model_row(hdf, a, "Data.Supplements", i, &d->supplements, i);
		items = json_loads(
		    mc_rows_str(&d->supplements, i, DSUPP_ITEMS), 0, NULL);
		json_array_foreach (items, j, it) {
			mc_view_set(hdf,
			    mc_arena_printf(a,
				"Data.Supplements.%zu.Items.%zu.item", i, j),
			    json_string_value(json_object_get(it, "item")));
			mc_view_set(hdf,
			    mc_arena_printf(a,
				"Data.Supplements.%zu.Items.%zu.reason", i, j),
			    json_string_value(json_object_get(it, "reason")));
		}
		json_decref(items);
	}
	mc_view_set(hdf, "Data.Colour",
	    mc_dossier_colour_name(d->status == STATUS_SUPPLEMENT ?
		    COLOUR_NONE :
		    mc_dossier_colour(d->step_due_at, d->step_warn_at, now)));
	/* Working time used: from the clock's start, less the pauses. */
	if ((start = sql_time(d->clock_start_at)) != 0) {
		end = sql_time(d->finished_at);
		if (end == 0)
			end = sql_time(d->paused_at);
		if (end == 0)
			end = now;
		mc_view_setf(hdf, "Data.UsedHours", "%.1f",
		    (mc_calendar_work_minutes(start, end) -
			d->paused_minutes) /
			60.0);
	}
	if (d->legal_hours != NULL)
		hours = strtoll(d->legal_hours, NULL, 10);
	if (d->legal_days != NULL)
		days = strtoll(d->legal_days, NULL, 10);
	if (hours > 0) {
		mc_view_set_int(hdf, "Data.LegalHours", hours);
		mc_view_setf(hdf, "Data.LegalWorkdays", "%lld.%03lld",
		    hours / 8, hours % 8 * 125);
	}
	if (days > 0)
		mc_view_set_int(hdf, "Data.LegalDays", days);
}

int
mc_dossier_expect_model(HDF *hdf, struct mc_db *db, struct mc_arena *a,
    const struct mc_dossier *d, time_t now)
{
	struct mc_stats_expect e;
	const char	      *started = NULL;
	unsigned int	       agency = 0;
	char		       t[20];
	size_t		       i;
	int		       rc;

	if (d->status == STATUS_SUPPLEMENT) {
		mc_view_set(hdf, "Data.Expect.state", "paused");
		return 0;
	}
	if (d->status != STATUS_SUBMITTED && d->status != STATUS_ACCEPTED &&
	    d->status != STATUS_PROCESSING && d->status != STATUS_PAYMENT)
		return 0;
	for (i = 0; i < d->steps.n; i++)
		if (mc_rows_int(&d->steps, i, DSTEP_SEQ) == d->step) {
			started = mc_rows_str(&d->steps, i, DSTEP_STARTED);
			agency = (unsigned int)mc_rows_int(&d->steps, i,
			    DSTEP_AGENCY);
		}
	if (d->step == 0 || started == NULL)
		return 0;
	rc = mc_stats_expect(db, a, d->procedure_id, agency, d->step,
	    sql_time(started), now, &e);
	if (rc < 0)
		return -1;
	mc_view_set_int(hdf, "Data.Expect.n", e.n);
	if (rc == 0) {
		mc_view_set(hdf, "Data.Expect.state",
		    e.n == 0 ? "none" : "beyond");
		return 0;
	}
	mc_view_set(hdf, "Data.Expect.state", "ok");
	mc_view_set_int(hdf, "Data.Expect.later", e.later);
	mc_time_sql(t, e.median);
	mc_view_set(hdf, "Data.Expect.median", t);
	mc_time_sql(t, e.p90);
	mc_view_set(hdf, "Data.Expect.p90", t);
	if (d->due_at != NULL && e.median > sql_time(d->due_at))
		mc_view_set_int(hdf, "Data.Expect.late", 1);
	return 0;
}

void
mc_routing_view(HDF *hdf, struct mc_arena *a, const char *prefix,
    const struct mc_rows *rows, size_t col)
{
	const char *key;
	size_t	    i;

	mc_view_rows(hdf, prefix, rows);
	for (i = 0; i < rows->n; i++)
		if ((key = mc_dossier_step_key(mc_rows_str(rows, i, col))) !=
		    NULL)
			mc_view_set(hdf,
			    mc_arena_printf(a, "%s.%zu.name_key", prefix, i),
			    key);
}
