/*
 * The working-time calendar for administrators: a year's days off and
 * make-up working days (computed from the Labour Code and the lunar
 * calendar, or set by an admin), and the form that sets or removes one
 * (the administrator's password asked again first: office_reauth).
 * The calendar is the whole city's: only an administrator held at the
 * root agency changes it; the others see it (issue 9).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_admin.h"
#include "mc_arena.h"
#include "mc_calendar.h"
#include "mc_db.h"
#include "mc_lunar.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define PATH	       "/can-bo/quan-tri/lich"
#define NAME_MAX_CHARS 255

enum field {
	FIELD_CSRF,
	FIELD_YEAR,
	FIELD_DAY,
	FIELD_KIND,
	FIELD_NAME,
	FIELD_DELETE,
	FIELD_FILL,
	FIELD_OK,
	FIELD_REAUTH,
	FIELD_REAUTH_CODE, /* ... and the authenticator\'s code */
	FIELD__MAX
};

static int valid_day(const struct mc_param *);
static int valid_kind(const struct mc_param *);

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_YEAR] = { "year", valid_uint, 4, 0 },
	[FIELD_DAY] = { "day", valid_day, 10, 0 },
	[FIELD_KIND] = { "kind", valid_kind, 4, 0 },
	[FIELD_NAME] = { "name", valid_line, NAME_MAX_CHARS * 4, 0 },
	[FIELD_DELETE] = { "delete", valid_uint, 1, 0 },
	[FIELD_FILL] = { "fill", valid_uint, 1, 0 },
	[FIELD_OK] = { "ok", valid_code, 16, 0 },
	[FIELD_REAUTH] = { "reauth", valid_any, 512, 0 },
	[FIELD_REAUTH_CODE] = { "reauth_code", valid_any, 64, 0 },
};
/* clang-format on */

/* The flashes a redirect may ask for, with their strings. */
/* clang-format off */
static const char *const flashes[][2] = {
	{ "saved", "Calendar.Saved" },
	{ "removed", "Calendar.Removed" },
	{ "none", "Calendar.NoOverride" },
	{ "filled", "Calendar.Filled" },
};
/* clang-format on */

static int
valid_day(const struct mc_param *p)
{
	int y, m, d;

	return mc_calendar_parse_day(p->value, &y, &m, &d) == 0;
}

static int
valid_kind(const struct mc_param *p)
{
	return mc_calendar_kind_parse(p->value) != DAY_DEFAULT;
}

/*
 * Whether the user may change the calendar: an administrator of the city
 * (mc_admin_scope's root, 0). 1 yes, 0 no, -1 on error.
 */
static int
city_admin(struct mc_request *r)
{
	unsigned int root;
	int	     rc;

	if ((rc = mc_admin_scope(r->db, r->arena, r->user, &root)) <= 0)
		return rc;
	return root == 0;
}

/* The year asked for, else the year of the day, else this year. */
static int
wanted_year(struct mc_request *r)
{
	struct tm   tm;
	const char *s;
	long long   y;
	time_t	    now = time(NULL);
	int	    dy, dm, dd;

	if ((s = mc_req_field(r, FIELD_YEAR)) != NULL &&
	    mc_parse_ll(s, MC_CALENDAR_FIRST_YEAR, MC_CALENDAR_LAST_YEAR,
		&y) == 0)
		return (int)y;
	if (mc_calendar_parse_day(mc_req_field(r, FIELD_DAY), &dy, &dm, &dd) ==
	    0)
		return dy;
	localtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* The rows of the year with their lunar dates into Data.Days. */
static int
year_rows(struct mc_request *r, int year)
{
	struct mc_rows	rows;
	struct mc_lunar ld;
	const char     *p;
	size_t		i, off = 0;
	int		y, m, d;

	if (mc_calendar_list(r->db, r->arena, year, &rows) < 0)
		return -1;
	mc_view_rows(r->hdf, "Data.Days", &rows);
	for (i = 0; i < rows.n; i++) {
		p = mc_arena_printf(r->arena, "Data.Days.%zu.", i);
		if (mc_calendar_parse_day(mc_rows_str(&rows, i, 0), &y, &m,
			&d) == 0 &&
		    mc_lunar_from_solar(y, m, d, &ld) == 0)
			mc_view_setf(r->hdf,
			    mc_arena_printf(r->arena, "%slunar", p), "%d/%d%s",
			    ld.day, ld.month, ld.leap ? "*" : "");
		mc_view_setf(r->hdf, mc_arena_printf(r->arena, "%sdate", p),
		    "%02d/%02d", d, m);
		if (strcmp(mc_rows_str(&rows, i, 1), "off") == 0 &&
		    mc_rows_int(&rows, i, 5) != 1 &&
		    mc_rows_int(&rows, i, 5) != 7)
			off++;
	}
	mc_view_set_int(r->hdf, "Data.WeekdaysOff", (long long)off);
	return 0;
}

/* The page of a year; status 200, or 400 after a refused form. */
static int
calendar_page(struct mc_request *r, int year, int status)
{
	const char *ok = mc_req_field(r, FIELD_OK);
	size_t	    i;
	int	    city;

	if ((city = city_admin(r)) < 0 || year_rows(r, year) < 0)
		return 503;
	if (city)
		mc_view_set(r->hdf, "Data.CanChange", "1");
	mc_view_set_int(r->hdf, "Data.Year", year);
	if (year > MC_CALENDAR_FIRST_YEAR)
		mc_view_set_int(r->hdf, "Data.PrevYear", year - 1);
	if (year < MC_CALENDAR_LAST_YEAR)
		mc_view_set_int(r->hdf, "Data.NextYear", year + 1);
	mc_view_setf(r->hdf, "Data.MinDay", "%d-01-01",
	    MC_CALENDAR_FIRST_YEAR);
	mc_view_setf(r->hdf, "Data.MaxDay", "%d-12-31", MC_CALENDAR_LAST_YEAR);
	for (i = 0; ok != NULL && status == 200 &&
	     i < sizeof(flashes) / sizeof(flashes[0]);
	     i++)
		if (strcmp(ok, flashes[i][0]) == 0) {
			mc_view_set(r->hdf, "Page.Flash",
			    mc_view_str(r->hdf, flashes[i][1]));
			mc_view_set(r->hdf, "Page.FlashKind", "success");
		}
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Calendar.Title"));
	if (mc_resp_page(r, "office/calendar.cs") != 200)
		return 500;
	return status;
}

static int
page_calendar(struct mc_request *r)
{
	return calendar_page(r, wanted_year(r), 200);
}

/* Back to the year's page with a flash. */
static int
done(struct mc_request *r, int year, const char *flash)
{
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, PATH "?year=%d&ok=%s", year, flash));
}

/*
 * A day set (kind, name) or its override removed (DAY_DEFAULT), with its
 * audit entry in one transaction: what mc_calendar_set / _unset return.
 */
static int
calendar_change(struct mc_request *r, const char *day, enum mc_day_kind kind,
    const char *name)
{
	int rc;

	if (mc_db_begin(r->db) < 0)
		return -1;
	rc = kind == DAY_DEFAULT ? mc_calendar_unset(r->db, day) :
				   mc_calendar_set(r->db, day, kind, name);
	if (rc < 0 ||
	    office_audit_write(r, AUDIT_CONFIG,
		mc_arena_printf(r->arena, "calendar %s %s%s%s", day,
		    kind == DAY_DEFAULT ? "unset" :
			kind == DAY_OFF ? "off" :
					  "work",
		    name != NULL ? " " : "", name != NULL ? name : ""),
		0) < 0 ||
	    mc_db_commit(r->db) < 0) {
		mc_db_rollback(r->db);
		return -1;
	}
	return rc;
}

static int
page_calendar_post(struct mc_request *r)
{
	const char	*day = mc_req_field(r, FIELD_DAY);
	const char	*name = mc_req_field(r, FIELD_NAME);
	enum mc_day_kind kind;
	int		 year, rc, bad = 0, y, m, d;

	/* The city's calendar: its administrators only change it. */
	if ((rc = city_admin(r)) <= 0)
		return rc < 0 ? 503 : 403;
	/* Back to the year of the day acted on. */
	year = mc_calendar_parse_day(day, &y, &m, &d) == 0 ? y :
							     wanted_year(r);

	if (mc_req_field(r, FIELD_FILL) != NULL) {
		if ((rc = office_reauth(r)) != 1) /* the password again */
			return rc;
		if (mc_calendar_fill(r->db, year, year, NULL) < 0 ||
		    office_audit_log(r, AUDIT_CONFIG,
			mc_arena_printf(r->arena, "calendar fill %d", year),
			0) < 0)
			return 503;
		return done(r, year, "filled");
	}
	if (day == NULL) {
		mc_view_set(r->hdf, "Form.Errors.day", "1");
		bad = 1;
	}
	if (mc_req_field(r, FIELD_DELETE) != NULL && !bad) {
		if ((rc = office_reauth(r)) != 1)
			return rc;
		if ((rc = calendar_change(r, day, DAY_DEFAULT, NULL)) < 0)
			return 503;
		return done(r, year, rc ? "removed" : "none");
	}
	kind = mc_calendar_kind_parse(mc_req_field(r, FIELD_KIND));
	if (kind == DAY_DEFAULT) {
		mc_view_set(r->hdf, "Form.Errors.kind", "1");
		bad = 1;
	}
	if (name == NULL || *name == '\0' ||
	    mc_utf8_chars(name) > NAME_MAX_CHARS) {
		mc_view_set(r->hdf, "Form.Errors.name", "1");
		bad = 1;
	}
	if (bad) {
		mc_view_set(r->hdf, "Form.day", mc_req_field(r, FIELD_DAY));
		mc_view_set(r->hdf, "Form.kind", mc_req_field(r, FIELD_KIND));
		mc_view_set(r->hdf, "Form.name", mc_req_field(r, FIELD_NAME));
		mc_view_set(r->hdf, "Form.Errors.any", "1");
		return calendar_page(r, year, 400);
	}
	if ((rc = office_reauth(r)) != 1) /* the password again */
		return rc;
	if (calendar_change(r, day, kind, name) < 0)
		return 503;
	return done(r, year, "saved");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, PATH, page_calendar, ROUTE_LOGIN, ROLES(ROLE_ADMIN) },
	{ METHOD_POST, PATH, page_calendar_post, ROUTE_LOGIN,
	    ROLES(ROLE_ADMIN) },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_calendar = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
