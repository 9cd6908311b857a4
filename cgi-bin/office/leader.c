/*
 * A leader's overview: the agency and the agencies under it with their
 * open, due-soon and overdue counts, and the lists of overdue and due-soon
 * dossiers, each a link to the dossier where the leader reassigns it or
 * sends a reminder (đôn đốc); and the dossiers nobody can act on, which an
 * administrator moves to someone who can.
 */
#include <stdio.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_dash.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_page.h"
#include "mc_feedback.h"
#include "mc_routing.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

enum field { FIELD_AGENCY, FIELD_IN, FIELD__MAX };

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_IN] = { "in", valid_uint, 10, 0 },
};
/* clang-format on */

enum stmt { STMT_COUNTS, STMT_LATE, STMT_SOON, STMT__MAX };

/* clang-format off */
#define LIST_SELECT "SELECT d.code, d.status, d.step_due_at, " \
	"d.applicant_name, p.name AS procedure_name, ag.name AS agency_name, " \
	"h.full_name AS holder_name FROM agencies ag " \
	"JOIN dossiers d ON d.current_agency_id = ag.id AND d.is_open = 1 " \
	"AND d.status <> 5 "
/* clang-format on */
/* clang-format off */
#define LIST_JOIN "JOIN procedures p ON p.id = d.procedure_id " \
	"LEFT JOIN accounts h ON h.id = d.holder_id " \
	"WHERE ag.id = ? OR ag.parent_id = ? "
/* clang-format on */

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* The counters every transition keeps (mc_counters): no dossier
	 * is counted here. Open excludes those waiting for a supplement. */
	[STMT_COUNTS] = "SELECT ag.id, ag.name, "
	    "COALESCE(SUM(c.n), 0) AS open, "
	    "COALESCE(SUM(IF(c.colour = 3, c.n, 0)), 0) AS red, "
	    "COALESCE(SUM(IF(c.colour = 2, c.n, 0)), 0) AS yellow "
	    "FROM agencies ag LEFT JOIN dossier_counters c "
	    "ON c.agency_id = ag.id AND c.status <> 5 "
	    "WHERE ag.id = ? OR ag.parent_id = ? "
	    "GROUP BY ag.id, ag.name ORDER BY ag.id = ? DESC, red DESC, ag.name",
	[STMT_LATE] = LIST_SELECT "AND " MC_DOSSIER_RED_SQL " " LIST_JOIN
	    "ORDER BY d.step_due_at LIMIT 100",
	[STMT_SOON] = LIST_SELECT "AND " MC_DOSSIER_YELLOW_SQL " " LIST_JOIN
	    "ORDER BY d.step_due_at "
	    "LIMIT 100",
};
/* clang-format on */

#define RISK_SCAN 300

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
	int	       rc;
	long long      ag, in = 0;
	char	       now[20];

	if ((rc = office_agency(r, mc_req_field(r, FIELD_AGENCY), &agency)) <=
	    0)
		return rc < 0 ? 503 : 403;
	if (!mc_auth_acts_for(r->user, ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN),
		agency))
		return 403;
	ag = agency;
	/* The stuck list of one agency under this one (?in=). */
	if (mc_req_field(r, FIELD_IN) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_IN), 0, 1LL << 32, &in);
	mc_view_set_int(r->hdf, "Data.In", in);
	mc_time_sql(now, time(NULL));
	if (mc_db_query(r->db, r->arena, &counts, stmts[STMT_COUNTS], "iii",
		ag, ag, ag) < 0 ||
	    mc_db_query(r->db, r->arena, &late, stmts[STMT_LATE], "sii", now,
		ag, ag) < 0 ||
	    mc_db_query(r->db, r->arena, &soon, stmts[STMT_SOON], "ssii", now,
		now, ag, ag) < 0 ||
	    mc_routing_stuck(r->db, r->arena, agency, (unsigned int)in, 100,
		&stuck) < 0 ||
	    set_risk(r, agency, time(NULL)) < 0)
		return 503;
	mc_routing_view(r->hdf, r->arena, "Data.Stuck", &stuck, 7);
	if (mc_auth_acts_for(r->user, ROLES(ROLE_ADMIN), agency))
		mc_view_set(r->hdf, "Data.CanReassign", "1");
	mc_view_rows(r->hdf, "Data.Agencies", &counts);
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
