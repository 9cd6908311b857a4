/*
 * A leader's overview: the agency and the agencies under it with their
 * open, due-soon and overdue counts, and the lists of overdue and due-soon
 * dossiers, each a link to the dossier where the leader reassigns it or
 * sends a reminder (đôn đốc); and the dossiers nobody can act on, which an
 * administrator moves to someone who can. By today's units (the default)
 * the lines and dossiers of a dissolved unit under it count in the unit
 * that succeeded it; by the units of the time they stay apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_counters.h"
#include "mc_dash.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_page.h"
#include "mc_feedback.h"
#include "mc_log.h"
#include "mc_routing.h"
#include "mc_units.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

enum field { FIELD_AGENCY, FIELD_IN, FIELD_UNITS, FIELD__MAX };

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_IN] = { "in", valid_uint, 10, 0 },
	[FIELD_UNITS] = { "units", valid_line, 5, 0 },
};
/* clang-format on */

enum stmt {
	STMT_COUNTS,
	STMT_LATE,
	STMT_SOON,
	STMT_LATE_BY_DUE,
	STMT_SOON_BY_DUE,
	STMT__MAX
};

/* The columns of STMT_COUNTS. */
enum count_col { CC_ID, CC_NAME, CC_OPEN, CC_RED, CC_YELLOW, CC__MAX };

/* The columns of the lists (STMT_LATE, STMT_SOON). */
enum list_col {
	LC_CODE,
	LC_STATUS,
	LC_STEP_DUE,
	LC_APPLICANT,
	LC_PROCEDURE,
	LC_AGENCY,
	LC_HOLDER,
	LC_AGENCY_ID,
	LC__MAX
};

/* clang-format off */
/* The agency (first ?), those right under it (second ?) and the dissolved
 * units that count in one of them today (followed through successor_id). */
#define UNITS "WITH RECURSIVE units (id) AS (SELECT id FROM agencies " \
	"WHERE id = ? OR parent_id = ? UNION SELECT a.id FROM agencies a " \
	"JOIN units ON a.successor_id = units.id AND a.valid_to < CURDATE()) "
#define LIST_SELECT UNITS "SELECT d.code, d.status, d.step_due_at, " \
	"d.applicant_name, p.name AS procedure_name, ag.name AS agency_name, " \
	"h.full_name AS holder_name, ag.id AS agency_id FROM agencies ag " \
	"JOIN dossiers d ON d.current_agency_id = ag.id AND d.is_open = 1 " \
	"AND d.status <> 5 "
/* clang-format on */
/* clang-format off */
#define LIST_JOIN "JOIN procedures p ON p.id = d.procedure_id " \
	"LEFT JOIN accounts h ON h.id = d.holder_id " \
	"WHERE ag.id IN (SELECT id FROM units) "
/* clang-format on */
/*
 * The same lists read the other way (list_by_due): the open dossiers of
 * every agency in the order of their step's due time (dossiers_open_due,
 * migration 0061), each kept when its agency is in the leader's, up to the
 * hundredth. Cheaper when the leader's agencies hold most of the city's
 * dossiers of that colour (the city's administrator: 1 million open).
 */
/* clang-format off */
#define BY_DUE_SELECT UNITS "SELECT STRAIGHT_JOIN d.code, d.status, " \
	"d.step_due_at, d.applicant_name, p.name AS procedure_name, " \
	"ag.name AS agency_name, h.full_name AS holder_name, " \
	"ag.id AS agency_id " \
	"FROM dossiers d FORCE INDEX (dossiers_open_due) " \
	"JOIN agencies ag ON ag.id = d.current_agency_id " \
	"JOIN procedures p ON p.id = d.procedure_id " \
	"LEFT JOIN accounts h ON h.id = d.holder_id " \
	"WHERE d.is_open = 1 AND d.status <> 5 AND "
/* clang-format on */

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* The counters every transition keeps (mc_counters): no dossier
	 * is counted here. Open excludes those waiting for a supplement.
	 * A dissolved unit has a line while it holds open dossiers. */
	[STMT_COUNTS] = UNITS "SELECT ag.id, ag.name, "
	    "COALESCE(SUM(c.n), 0) AS open, "
	    "COALESCE(SUM(IF(c.colour = 3, c.n, 0)), 0) AS red, "
	    "COALESCE(SUM(IF(c.colour = 2, c.n, 0)), 0) AS yellow "
	    "FROM agencies ag LEFT JOIN dossier_counters c "
	    "ON c.agency_id = ag.id AND c.status <> 5 "
	    "WHERE ag.id IN (SELECT id FROM units) "
	    "GROUP BY ag.id, ag.name, ag.valid_to "
	    "HAVING ag.valid_to IS NULL OR ag.valid_to >= CURDATE() "
	    "OR open > 0 ORDER BY ag.id = ? DESC, red DESC, ag.name",
	[STMT_LATE] = LIST_SELECT "AND " MC_DOSSIER_RED_SQL " " LIST_JOIN
	    "ORDER BY d.step_due_at, d.id LIMIT 100",
	[STMT_SOON] = LIST_SELECT "AND " MC_DOSSIER_YELLOW_SQL " " LIST_JOIN
	    "ORDER BY d.step_due_at, d.id "
	    "LIMIT 100",
	[STMT_LATE_BY_DUE] = BY_DUE_SELECT MC_DOSSIER_RED_SQL " "
	    "AND ag.id IN (SELECT id FROM units) "
	    "ORDER BY d.step_due_at, d.id LIMIT 100",
	[STMT_SOON_BY_DUE] = BY_DUE_SELECT MC_DOSSIER_YELLOW_SQL " "
	    "AND ag.id IN (SELECT id FROM units) "
	    "ORDER BY d.step_due_at, d.id LIMIT 100",
};
/* clang-format on */

/* One agency's line of the counts. */
struct line {
	long long   id;
	const char *name;
	long long   open, red, yellow;
	size_t	    seq;  /* the statement's order */
	int	    self; /* the agency shown: its line first */
};

/* The agency first, most overdue next, then the statement's order. */
static int
line_cmp(const void *x, const void *y)
{
	const struct line *p = x, *q = y;

	if (p->self != q->self)
		return p->self ? -1 : 1;
	if (p->red != q->red)
		return p->red > q->red ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/*
 * The counts' lines as Data.Agencies: by today's units (MC_UNITS_TODAY)
 * a dissolved unit's line added to the line of the unit it counts in
 * today, by the units of the time each apart. 0 or -1.
 */
static int
set_counts(struct mc_request *r, struct mc_rows *rows, long long agency,
    int units)
{
	struct line *v;
	size_t	     i, j, n = 0;
	const char  *pfx;

	if (units == MC_UNITS_TODAY &&
	    mc_units_rename(r->db, r->arena, rows, CC_ID, CC_NAME,
		(size_t)-1) < 0)
		return -1;
	v = mc_arena_alloc(r->arena, (rows->n + 1) * sizeof(*v));
	for (i = 0; i < rows->n; i++) {
		for (j = 0; j < n; j++)
			if (v[j].id == mc_rows_int(rows, i, CC_ID))
				break;
		if (j == n) {
			memset(&v[n], 0, sizeof(v[n]));
			v[n].id = mc_rows_int(rows, i, CC_ID);
			v[n].name = mc_rows_str(rows, i, CC_NAME);
			v[n].seq = n;
			v[n].self = v[n].id == agency;
			n++;
		}
		v[j].open += mc_rows_int(rows, i, CC_OPEN);
		v[j].red += mc_rows_int(rows, i, CC_RED);
		v[j].yellow += mc_rows_int(rows, i, CC_YELLOW);
	}
	qsort(v, n, sizeof(*v), line_cmp);
	for (i = 0; i < n; i++) {
		pfx = mc_arena_printf(r->arena, "Data.Agencies.%zu", i);
#define SET(k, val) \
	mc_view_set_int(r->hdf, mc_arena_printf(r->arena, "%s." k, pfx), val)
		SET("id", v[i].id);
		SET("open", v[i].open);
		SET("red", v[i].red);
		SET("yellow", v[i].yellow);
#undef SET
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.name", pfx),
		    v[i].name);
	}
	return 0;
}

#define RISK_SCAN 300
#define LIST_MAX  100

/*
 * Whether a list of the colour c (100 dossiers at most, nearest due first)
 * is read in the city's order of due times (1) rather than sorted from the
 * leader's agencies' own (0): the first reads about LIST_MAX times the
 * city's dossiers of that colour over the leader's, the second all the
 * leader's; the counters say both without counting a dossier. The same
 * dossiers either way (ties by id).
 */
static int
list_by_due(struct mc_request *r, const struct mc_rows *counts, int c)
{
	long long city[COLOUR__MAX], mine = 0;
	size_t	  i;

	if (counts->ncols != CC__MAX)
		return 0;
	for (i = 0; i < counts->n; i++)
		mine += mc_rows_int(counts, i,
		    c == COLOUR_RED ? CC_RED : CC_YELLOW);
	if (mine <= 2 * LIST_MAX)
		return 0;
	if (mc_counters_colours(r->db, r->arena, 0, city) < 0)
		return 0; /* the plain way */
	return city[c] / mine * LIST_MAX < mine;
}

/*
 * The dossiers whose expected finish passes their legal due time before
 * it comes (mc_dash_at_risk), with the step where they are slow, as
 * Data.Risk; 0 or -1.
 */
static int
set_risk(struct mc_request *r, unsigned int agency, time_t now)
{
	struct mc_dash_risk *v;
	const char	    *pfx, *key;
	size_t		     i, n;
	char		     t[20];

	if (mc_dash_at_risk(r->db, r->arena, agency, now, RISK_SCAN, &v, &n) <
	    0)
		return -1;
	for (i = 0; i < n; i++) {
		pfx = mc_arena_printf(r->arena, "Data.Risk.%zu", i);
#define SET(k, val) \
	mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s." k, pfx), val)
		SET("code", v[i].code);
		SET("applicant_name", v[i].applicant);
		SET("procedure_name", v[i].procedure);
		if (v[i].holder != NULL)
			SET("holder_name", v[i].holder);
		SET("step_name", v[i].step_name);
		SET("step_agency", v[i].step_agency);
		if ((key = mc_dossier_step_key(v[i].step_name)) != NULL)
			SET("name_key", key);
		mc_time_sql(t, v[i].due);
		SET("due_at", t);
		mc_time_sql(t, v[i].step_started);
		SET("step_started", t);
		if (v[i].step_due != 0) {
			mc_time_sql(t, v[i].step_due);
			SET("step_due", t);
		}
		if (v[i].beyond)
			SET("beyond", "1");
		else {
			mc_time_sql(t, v[i].median);
			SET("median", t);
			mc_time_sql(t, v[i].p90);
			SET("p90", t);
		}
#undef SET
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "%s.seq", pfx), v[i].seq);
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "%s.history", pfx),
		    v[i].history);
	}
	return 0;
}

static int
page_leader(struct mc_request *r)
{
	struct mc_rows counts, late, soon, stuck;
	unsigned int   agency;
	int	       rc, units;
	long long      ag, in = 0;
	char	       now[20];

	if ((rc = office_agency(r, mc_req_field(r, FIELD_AGENCY), &agency)) <=
	    0)
		return rc < 0 ? 503 : 403;
	if (!mc_auth_acts_for(r->user, ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN),
		agency))
		return 403;
	ag = agency;
	units = office_units_view(r, mc_req_field(r, FIELD_UNITS), NULL);
	/* The stuck list of one agency under this one (?in=). */
	if (mc_req_field(r, FIELD_IN) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_IN), 0, 1LL << 32, &in);
	mc_view_set_int(r->hdf, "Data.In", in);
	mc_time_sql(now, time(NULL));
	if (mc_db_query(r->db, r->arena, &counts, stmts[STMT_COUNTS], "iii",
		ag, ag, ag) < 0 ||
	    mc_db_query(r->db, r->arena, &late,
		stmts[list_by_due(r, &counts, COLOUR_RED) ? STMT_LATE_BY_DUE :
							    STMT_LATE],
		"iis", ag, ag, now) < 0 ||
	    mc_db_query(r->db, r->arena, &soon,
		stmts[list_by_due(r, &counts, COLOUR_YELLOW) ?
			STMT_SOON_BY_DUE :
			STMT_SOON],
		"iiss", ag, ag, now, now) < 0 ||
	    mc_routing_stuck(r->db, r->arena, agency, (unsigned int)in, units,
		100, &stuck) < 0 ||
	    set_risk(r, agency, time(NULL)) < 0)
		return 503;
	if (counts.n > 0 && counts.ncols != CC__MAX) {
		mc_err("page_leader: %zu columns", counts.ncols);
		return 503;
	}
	/* By today's units: the dossiers named after today's unit. */
	if (set_counts(r, &counts, ag, units) < 0 ||
	    (units == MC_UNITS_TODAY &&
		(mc_units_rename(r->db, r->arena, &late, LC_AGENCY_ID,
		     LC_AGENCY, (size_t)-1) < 0 ||
		    mc_units_rename(r->db, r->arena, &soon, LC_AGENCY_ID,
			LC_AGENCY, (size_t)-1) < 0 ||
		    mc_units_rename(r->db, r->arena, &stuck, STUCK_AGENCY_ID,
			STUCK_AGENCY, (size_t)-1) < 0)))
		return 503;
	mc_routing_view(r->hdf, r->arena, "Data.Stuck", &stuck, 7);
	if (mc_auth_acts_for(r->user, ROLES(ROLE_ADMIN), agency))
		mc_view_set(r->hdf, "Data.CanReassign", "1");
	mc_view_rows(r->hdf, "Data.Late", &late);
	mc_view_rows(r->hdf, "Data.Soon", &soon);
	/* Dossiers with feedback waiting for an answer (mc_feedback). */
	if (office_feedback_marks(r, agency, &late, 0, "Data.Late") < 0 ||
	    office_feedback_marks(r, agency, &soon, 0, "Data.Soon") < 0 ||
	    mc_feedback_dossier_marks(r->db, r->arena, agency, &stuck) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.FeedbackDossiers", &stuck);
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Leader.Title"));
	return mc_resp_page(r, "office/leader.cs");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/lanh-dao", page_leader, ROUTE_LOGIN,
	    ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN) },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_leader = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
