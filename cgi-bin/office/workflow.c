/*
 * Workflow definitions: an administrator of the agency owning a procedure
 * (or of the city) sees its workflow (its own, or the default every
 * procedure follows) and saves a new version of it, as a table of steps
 * (without JavaScript) or drawn as a BPMN diagram with bpmn-js (the
 * designer: the diagram kept with the version, its steps read by
 * lib/domain/mc_bpmn and refused with every problem listed). Dossiers keep
 * the version they started with; every save is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_admin.h"
#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_bpmn.h"
#include "mc_catalogue.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define MAX_ROWS 8

#define DESIGNER_CSP \
	"default-src 'self'; style-src 'self' 'unsafe-inline'; " \
	"img-src 'self' data:; object-src 'none'; base-uri 'self'; " \
	"form-action 'self'; frame-ancestors 'none'"

enum field {
	FIELD_CSRF,
	FIELD_PROCEDURE,
	FIELD_BPMN,
	FIELD_OK,
	FIELD_REAUTH,
	FIELD_REAUTH_CODE, /* ... and the authenticator\'s code */
	FIELD_NAME1,
	FIELD_ROLE1 = FIELD_NAME1 + MAX_ROWS,
	FIELD_AGENCY1 = FIELD_ROLE1 + MAX_ROWS,
	FIELD_HOURS1 = FIELD_AGENCY1 + MAX_ROWS,
	FIELD__MAX = FIELD_HOURS1 + MAX_ROWS
};

static int valid_hours(const struct mc_param *);

/* clang-format off */
#define ROW_FIELDS(n) \
	[FIELD_NAME1 + n] = { "name" #n, valid_line, 255, 0 }, \
	[FIELD_ROLE1 + n] = { "role" #n, valid_code, 16, 0 }, \
	[FIELD_AGENCY1 + n] = { "agency" #n, valid_code, 32, 0 }, \
	[FIELD_HOURS1 + n] = { "hours" #n, valid_hours, 8, 0 }
/* clang-format on */

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_PROCEDURE] = { "procedure", valid_code, 40, 0 },
	[FIELD_BPMN] = { "bpmn", valid_any, MC_BPMN_XML_MAX, 0 },
	[FIELD_OK] = { "ok", valid_uint, 10, 0 },
	[FIELD_REAUTH] = { "reauth", valid_any, 512, 0 },
	[FIELD_REAUTH_CODE] = { "reauth_code", valid_any, 64, 0 },
	ROW_FIELDS(0), ROW_FIELDS(1), ROW_FIELDS(2), ROW_FIELDS(3),
	ROW_FIELDS(4), ROW_FIELDS(5), ROW_FIELDS(6), ROW_FIELDS(7),
};
/* clang-format on */

enum stmt {
	STMT_PROCEDURE,
	STMT_AGENCY,
	STMT_NEXT_VERSION,
	STMT_WORKFLOW_NEW,
	STMT_STEP_NEW,
	STMT_ROUTE_NEW,
	STMT_VERSIONS,
	STMT_AGENCY_CODE,
	STMT_BPMN,
	STMT_AGENCIES,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* Columns by enum proc_col. */
	[STMT_PROCEDURE] = "SELECT id, code, name, time_hours, time_days, "
	    "agency_id FROM procedures WHERE code = ?",
	[STMT_AGENCY] = "SELECT id FROM agencies WHERE code = ?",
	[STMT_NEXT_VERSION] = "SELECT COALESCE(MAX(version), 0) + 1 "
	    "FROM workflows WHERE procedure_id = ? FOR UPDATE",
	[STMT_WORKFLOW_NEW] = "INSERT INTO workflows (procedure_id, version, "
	    "name, created_at, created_by, bpmn) VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_STEP_NEW] = "INSERT INTO workflow_steps (workflow_id, seq, name, "
	    "role, agency_id, minutes) VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_ROUTE_NEW] = "INSERT INTO workflow_routes (workflow_id, "
	    "from_seq, ord, to_seq, cond, label, kind) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
	/*
	 * The versions a procedure's dossiers may follow, the one in force
	 * first (the order of mc_dossier_workflow's choice): its own, then
	 * the default ones; with who saved each, its steps and how many of
	 * the procedure's dossiers follow it.
	 */
	[STMT_VERSIONS] = "SELECT w.id, w.version, w.procedure_id IS NULL "
	    "AS is_default, w.created_at, acc.full_name AS created_by, "
	    "(SELECT COUNT(*) FROM workflow_steps s WHERE s.workflow_id = w.id) "
	    "AS nsteps, (SELECT GROUP_CONCAT(s.name ORDER BY s.seq "
	    "SEPARATOR ' → ') FROM workflow_steps s WHERE s.workflow_id = w.id) "
	    "AS steps, (SELECT COUNT(*) FROM dossiers d WHERE d.procedure_id = ? "
	    "AND d.workflow_id = w.id) AS dossiers FROM workflows w "
	    "LEFT JOIN accounts acc ON acc.id = w.created_by "
	    "WHERE w.procedure_id = ? OR w.procedure_id IS NULL "
	    "ORDER BY w.procedure_id IS NULL, w.version DESC LIMIT 200",
	[STMT_AGENCY_CODE] = "SELECT code FROM agencies WHERE id = ?",
	/* The diagram of the procedure's own newest version (NULL: none). */
	[STMT_BPMN] = "SELECT bpmn FROM workflows WHERE procedure_id = ? "
	    "ORDER BY version DESC LIMIT 1",
	/* The agencies a step may name: the admin's subtree (0: all). */
	[STMT_AGENCIES] = "WITH RECURSIVE sub (id) AS (SELECT id FROM "
	    "agencies WHERE id = ? UNION ALL SELECT g.id FROM agencies g "
	    "JOIN sub ON g.parent_id = sub.id) SELECT code, name FROM agencies "
	    "WHERE (? = 0 OR id IN (SELECT id FROM sub)) AND (valid_to IS NULL "
	    "OR valid_to >= CURDATE()) ORDER BY kind, name LIMIT 2000",
};
/* clang-format on */

/* STMT_PROCEDURE's columns. */
enum proc_col { PR_ID, PR_CODE, PR_NAME, PR_HOURS, PR_DAYS, PR_AGENCY };

/* Hours of working time: "2", "0.5", "24.25" (or "0,5", "24,25"). */
static int
valid_hours(const struct mc_param *p)
{
	size_t dots = 0, i;

	for (i = 0; i < p->len; i++) {
		if (p->value[i] == '.' || p->value[i] == ',')
			dots++;
		else if (p->value[i] < '0' || p->value[i] > '9')
			return 0;
	}
	return p->len > 0 && dots <= 1 && p->value[0] != '.' &&
	    p->value[0] != ',';
}

/* Minutes of "h", "h.f" or "h,f" hours. */
static long
hours_minutes(const char *s)
{
	char   n[16], *comma;
	double h;

	snprintf(n, sizeof(n), "%s", s);
	if ((comma = strchr(n, ',')) != NULL)
		*comma = '.';
	h = strtod(n, NULL);

	return (long)(h * 60.0 + 0.5);
}

/*
 * The procedure named code if the user may edit its workflow (an admin of
 * its agency, or of the city): 0 and *proc, else a status.
 */
static int
procedure_load(struct mc_request *r, const char *code, struct mc_rows *proc)
{
	int rc;

	if (mc_db_query(r->db, r->arena, proc, stmts[STMT_PROCEDURE], "s",
		code) < 0)
		return 503;
	if (proc->n == 0)
		return 404;
	rc = mc_catalogue_may_edit(r->db, r->arena, r->user,
	    mc_rows_str(proc, 0, PR_AGENCY) ? mc_rows_int(proc, 0, PR_AGENCY) :
					      0);
	if (rc < 0)
		return 503;
	return rc == 1 ? 0 : 403;
}

static long
legal_of(struct mc_rows *proc)
{
	return (long)mc_dossier_legal_minutes(mc_rows_str(proc, 0, PR_HOURS),
	    mc_rows_str(proc, 0, PR_DAYS));
}

/* The routes of exclusive gateways (none: steps in sequence); 0 or -1. */
static int
routes_save(struct mc_request *r, long long wf, const struct mc_bpmn *b)
{
	size_t i, ord = 0;

	for (i = 0; b != NULL && i < b->nroutes; i++) {
		ord = i > 0 && b->routes[i].from == b->routes[i - 1].from ?
		    ord + 1 :
		    1;
		if (mc_db_exec(r->db, stmts[STMT_ROUTE_NEW], "iiiissi", wf,
			b->routes[i].from == MC_BPMN_FROM_START ?
			    0LL :
			    (long long)b->routes[i].from + 1,
			(long long)ord, (long long)b->routes[i].to + 1,
			b->routes[i].cond, b->routes[i].label,
			(long long)b->routes[i].kind) < 0)
			return -1;
	}
	return 0;
}

/*
 * Saves the n steps (agency[i]: the id of step i's agency, 0: the
 * receiving one), the routes of a diagram's gateways (b, or NULL) and the
 * diagram as the procedure's next workflow version, with its audit entry,
 * in one transaction: the version, or -1.
 */
static long long
workflow_save(struct mc_request *r, struct mc_rows *proc,
    const struct mc_bpmn_step *s, const long long *agency, size_t n,
    const struct mc_bpmn *b, const char *bpmn, const char *how)
{
	struct mc_rows rows;
	long long      version, wf;
	char	       now[20];
	size_t	       i;

	mc_time_sql(now, time(NULL));
	if (mc_db_begin(r->db) < 0)
		return -1;
	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_NEXT_VERSION], "i",
		mc_rows_int(proc, 0, PR_ID)) < 0 ||
	    rows.n != 1)
		goto fail;
	version = mc_rows_int(&rows, 0, 0);
	if (mc_db_exec(r->db, stmts[STMT_WORKFLOW_NEW], "iissis",
		mc_rows_int(proc, 0, PR_ID), version,
		mc_rows_str(proc, 0, PR_NAME), now, r->user->id, bpmn) < 0)
		goto fail;
	wf = (long long)mc_db_insert_id(r->db);
	for (i = 0; i < n; i++)
		if (mc_db_exec(r->db, stmts[STMT_STEP_NEW], "iissIi", wf,
			(long long)(i + 1), s[i].name, s[i].role, agency[i],
			(long long)s[i].minutes) < 0)
			goto fail;
	if (routes_save(r, wf, b) < 0)
		goto fail;
	if (office_audit_write(r, AUDIT_CONFIG,
		mc_arena_printf(r->arena, "workflow %s v%lld (%s, %zu steps)",
		    mc_rows_str(proc, 0, PR_CODE), version, how, n),
		mc_rows_str(proc, 0, PR_AGENCY) ?
		    (unsigned int)mc_rows_int(proc, 0, PR_AGENCY) :
		    0) < 0)
		goto fail;
	if (mc_db_commit(r->db) < 0)
		return -1;
	return version;
fail:
	mc_db_rollback(r->db);
	return -1;
}

/* Data.Versions (the first in force) and, after a save, its confirmation. */
static int
workflow_versions(struct mc_request *r, struct mc_rows *proc)
{
	struct mc_rows v;

	if (mc_db_query(r->db, r->arena, &v, stmts[STMT_VERSIONS], "ii",
		mc_rows_int(proc, 0, PR_ID), mc_rows_int(proc, 0, PR_ID)) < 0)
		return -1;
	mc_view_rows(r->hdf, "Data.Versions", &v);
	if (v.n > 0 && mc_req_field(r, FIELD_OK) != NULL &&
	    !mc_rows_int(&v, 0, 2)) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_arena_printf(r->arena, "%s (%s %s)",
			mc_view_str(r->hdf, "Workflow.Saved"),
			mc_view_str(r->hdf, "Workflow.SavedVersion"),
			mc_rows_str(&v, 0, 1)));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
		mc_view_set(r->hdf, "Data.SavedVersion",
		    mc_rows_str(&v, 0, 1));
	}
	return 0;
}

/*
 * The steps in force as the engine runs them (a share of the legal time
 * turned into minutes as mc_dossier_steps does): 0, or -1.
 */
static int
steps_in_force(struct mc_request *r, struct mc_rows *proc,
    struct mc_bpmn_step *out, size_t *n)
{
	struct mc_rows steps, ag;
	long long      legal = legal_of(proc), total = 0, m;
	size_t	       i;

	if (mc_dossier_workflow(r->db, r->arena, mc_rows_int(proc, 0, PR_ID),
		&steps) < 0)
		return -1;
	for (i = 0; i < steps.n && i < MC_BPMN_MAX_STEPS; i++) {
		m = mc_rows_str(&steps, i, 4) ?
		    mc_rows_int(&steps, i, 4) :
		    i + 1 == steps.n ?
		    legal - total :
		    legal * mc_rows_int(&steps, i, 5) / 1000;
		total += m;
		out[i].id = NULL;
		out[i].name = mc_rows_str(&steps, i, 1);
		out[i].role = mc_rows_str(&steps, i, 2);
		out[i].agency = NULL;
		out[i].minutes = (long)m;
		/* An inter-agency step keeps its agency. */
		if (mc_rows_str(&steps, i, 3) == NULL)
			continue;
		if (mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCY_CODE],
			"i", mc_rows_int(&steps, i, 3)) < 0)
			return -1;
		if (ag.n == 1)
			out[i].agency = mc_rows_str(&ag, 0, 0);
	}
	*n = i;
	return 0;
}

static int
workflow_page(struct mc_request *r, struct mc_rows *proc, int status)
{
	struct mc_bpmn_step s[MC_BPMN_MAX_STEPS];
	size_t		    i, n;

	mc_view_rows(r->hdf, "Data.Procedure", proc);
	if (status == 200) {
		if (steps_in_force(r, proc, s, &n) < 0)
			return 503;
		for (i = 0; i < n && i < MAX_ROWS; i++) {
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.name%zu", i),
			    s[i].name);
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.role%zu", i),
			    s[i].role);
			mc_view_setf(r->hdf,
			    mc_arena_printf(r->arena, "Form.hours%zu", i),
			    "%.2f", s[i].minutes / 60.0);
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.agency%zu", i),
			    s[i].agency);
		}
	}
	if (workflow_versions(r, proc) < 0)
		return 503;
	mc_view_setf(r->hdf, "Data.LegalHours", "%.2f", legal_of(proc) / 60.0);
	for (i = 0; i < MAX_ROWS; i++)
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Rows.%zu", i),
		    (long long)i);
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Workflow.Title"));
	r->status = status;
	if (mc_resp_page(r, "office/workflow.cs") != 200)
		return 500;
	return status;
}

static int
page_workflow(struct mc_request *r)
{
	struct mc_rows proc;
	const char    *code = mc_req_field(r, FIELD_PROCEDURE);
	int	       rc;

	if (code == NULL) {
		mc_view_set(r->hdf, "Page.Title",
		    mc_view_str(r->hdf, "Workflow.Title"));
		return mc_resp_page(r, "office/workflow.cs");
	}
	if ((rc = procedure_load(r, code, &proc)) != 0)
		return rc;
	return workflow_page(r, &proc, 200);
}

/*
 * The agency of a step by its code: 1 and *id when it exists and is in the
 * admin's scope, 0 not found, 2 not theirs, -1 on error.
 */
static int
step_agency(struct mc_request *r, const char *code, long long *id)
{
	struct mc_rows rows;
	int	       rc;

	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_AGENCY], "s",
		code) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	*id = mc_rows_int(&rows, 0, 0);
	if ((rc = mc_admin_over_agency(r->db, r->arena, r->user,
		 (unsigned int)*id)) < 0)
		return -1;
	return rc == 1 ? 1 : 2;
}

static int
page_workflow_post(struct mc_request *r)
{
	struct mc_rows	    proc;
	struct mc_bpmn_step s[MAX_ROWS];
	const char	   *name, *role, *ag, *hours, *xml;
	long long	    legal, total = 0, agency[MAX_ROWS];
	long		    minutes;
	int		    i, n = 0, bad = 0, rc;

	if (mc_req_field(r, FIELD_PROCEDURE) == NULL)
		return 400;
	if ((rc = procedure_load(r, mc_req_field(r, FIELD_PROCEDURE),
		 &proc)) != 0)
		return rc;
	legal = legal_of(&proc);
	for (i = 0; i < MAX_ROWS; i++) {
		name = mc_req_field(r, FIELD_NAME1 + i);
		role = mc_req_field(r, FIELD_ROLE1 + i);
		ag = mc_req_field(r, FIELD_AGENCY1 + i);
		hours = mc_req_field(r, FIELD_HOURS1 + i);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.name%d", i), name);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.role%d", i), role);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.agency%d", i), ag);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.hours%d", i), hours);
		if (name == NULL || *name == '\0')
			continue;
		agency[n] = 0;
		if (ag != NULL && *ag != '\0') {
			if ((rc = step_agency(r, ag, &agency[n])) < 0)
				return 503;
			if (rc != 1)
				bad = 1,
				mc_view_set(r->hdf,
				    mc_arena_printf(r->arena,
					"Form.Errors.agency%d", i),
				    "1");
		}
		if (role == NULL || mc_auth_role_parse(role) < ROLE_RECEIVER ||
		    mc_auth_role_parse(role) > ROLE_LEADER)
			bad = 1,
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.Errors.role%d", i),
			    "1");
		if (hours == NULL || (minutes = hours_minutes(hours)) <= 0)
			bad = 1,
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.Errors.hours%d",
				i),
			    "1");
		else
			total += minutes, s[n].minutes = minutes;
		s[n].id = NULL;
		s[n].name = name;
		s[n].role = role;
		s[n].agency = ag != NULL && *ag != '\0' ? ag : NULL;
		n++;
	}
	if (n < 2)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.steps", "1");
	if (total > legal && legal > 0)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.total", "1");
	if (bad)
		return workflow_page(r, &proc, 422);
	if ((rc = office_reauth(r)) != 1) /* the password again */
		return rc;
	/* The diagram the designer will start from. */
	if ((xml = mc_bpmn_write(r->arena, mc_rows_str(&proc, 0, PR_NAME), s,
		 (size_t)n)) == NULL)
		return 500;
	if (workflow_save(r, &proc, s, agency, (size_t)n, NULL, xml, "table") <
	    0)
		return 503;
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena,
		"/can-bo/quan-tri/quy-trinh?procedure=%s&ok=1",
		mc_rows_str(&proc, 0, PR_CODE)));
}

/* ------------------------------------------------------------ designer */

/*
 * The designer's page: the procedure, its legal time, the agencies a step
 * may name (Data.Agencies), the versions, the diagram (Form.bpmn), the
 * problems (Data.Errors) when refused.
 */
static int
design_page(struct mc_request *r, struct mc_rows *proc, int status)
{
	struct mc_rows ag;
	unsigned int   scope = 0;

	if (mc_admin_scope(r->db, r->arena, r->user, &scope) < 0 ||
	    mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCIES], "ii",
		(long long)scope, (long long)scope) < 0 ||
	    workflow_versions(r, proc) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Agencies", &ag);
	mc_view_rows(r->hdf, "Data.Procedure", proc);
	mc_view_setf(r->hdf, "Data.LegalHours", "%.2f", legal_of(proc) / 60.0);
	mc_view_set_int(r->hdf, "Data.LegalMinutes", legal_of(proc));
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_arena_printf(r->arena, "%s %s",
		mc_view_str(r->hdf, "WorkflowDesign.Title"),
		mc_rows_str(proc, 0, PR_CODE)));
	/* bpmn-js draws with inline styles: allowed here, for styles only. */
	mc_resp_header_set(r, "Content-Security-Policy", DESIGNER_CSP);
	r->status = status;
	if (mc_resp_page(r, "office/workflow_design.cs") != 200)
		return 500;
	return status;
}

/* The designer of a procedure's workflow, on its version in force. */
static int
page_design(struct mc_request *r)
{
	struct mc_rows	    proc, rows;
	struct mc_bpmn_step s[MC_BPMN_MAX_STEPS];
	const char	   *xml = NULL;
	size_t		    n;
	int		    rc;

	if ((rc = procedure_load(r, r->cap[0], &proc)) != 0)
		return rc;
	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_BPMN], "i",
		mc_rows_int(&proc, 0, PR_ID)) < 0)
		return 503;
	if (rows.n == 1)
		xml = mc_rows_str(&rows, 0, 0);
	if (xml == NULL) {
		if (steps_in_force(r, &proc, s, &n) < 0)
			return 503;
		if ((xml = mc_bpmn_write(r->arena,
			 mc_rows_str(&proc, 0, PR_NAME), s, n)) == NULL)
			return 500;
	}
	mc_view_set(r->hdf, "Form.bpmn", xml);
	return design_page(r, &proc, 200);
}

/* The problems as Data.Errors.N.{text, element}, in the user's language. */
static void
errors_model(struct mc_request *r, const struct mc_bpmn *b)
{
	const char *why, *n;
	size_t	    i;

	for (i = 0; i < b->nerr; i++) {
		why = mc_view_str(r->hdf,
		    mc_arena_printf(r->arena, "WorkflowDesign.Why.%s",
			mc_bpmn_problem_name(b->errs[i].code)));
		n = mc_arena_printf(r->arena, "Data.Errors.%zu", i);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.text", n),
		    b->errs[i].subject ? mc_arena_printf(r->arena, "%s: %s",
					     why, b->errs[i].subject) :
					 why);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.element", n),
		    b->errs[i].id);
	}
}

/*
 * Saves the posted diagram as the procedure's next workflow version when
 * the engine runs it and its agencies exist and are the admin's; else the
 * page again (422) with the diagram as posted and every problem.
 */
static int
page_design_post(struct mc_request *r)
{
	struct mc_rows	proc;
	struct mc_bpmn *b = mc_arena_alloc(r->arena, sizeof(*b));
	const char     *xml = mc_req_field(r, FIELD_BPMN);
	long long	agency[MC_BPMN_MAX_STEPS];
	size_t		i;
	int		rc;

	if ((rc = procedure_load(r, r->cap[0], &proc)) != 0)
		return rc;
	mc_view_set(r->hdf, "Form.bpmn", xml ? xml : "");
	if (xml == NULL || mc_req_field_bad(r, FIELD_BPMN)) {
		memset(b, 0, sizeof(*b));
		mc_bpmn_error(b, BPMN_XML, NULL, NULL);
	} else if (mc_bpmn_parse(r->arena, xml, strlen(xml), legal_of(&proc),
		       b) < 0)
		return 500;
	for (i = 0; i < b->nsteps; i++) {
		agency[i] = 0;
		if (b->steps[i].agency == NULL)
			continue;
		if ((rc = step_agency(r, b->steps[i].agency, &agency[i])) < 0)
			return 503;
		if (rc != 1)
			mc_bpmn_error(b, rc == 0 ? BPMN_AGENCY : BPMN_SCOPE,
			    b->steps[i].id,
			    mc_arena_printf(r->arena, "%s (%s)",
				b->steps[i].name ? b->steps[i].name : "?",
				b->steps[i].agency));
	}
	if (b->nerr > 0) {
		errors_model(r, b);
		return design_page(r, &proc, 422);
	}
	if ((rc = office_reauth(r)) != 1) /* the password again */
		return rc;
	if (workflow_save(r, &proc, b->steps, agency, b->nsteps, b, xml,
		"diagram") < 0)
		return 503;
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena,
		"/can-bo/quan-tri/thu-tuc/%s/quy-trinh?ok=1",
		mc_rows_str(&proc, 0, PR_CODE)));
}

#define ADMIN ROUTE_LOGIN, ROLES(ROLE_ADMIN)

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/quan-tri/quy-trinh", page_workflow, ADMIN },
	{ METHOD_POST, "/can-bo/quan-tri/quy-trinh", page_workflow_post, ADMIN },
	{ METHOD_GET, "/can-bo/quan-tri/thu-tuc/{}/quy-trinh", page_design, ADMIN },
	{ METHOD_POST, "/can-bo/quan-tri/thu-tuc/{}/quy-trinh", page_design_post, ADMIN },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_workflow = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
