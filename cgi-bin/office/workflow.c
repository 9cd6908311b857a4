/*
 * Workflow definitions: an administrator sees a procedure's workflow (its
 * own, or the default every procedure follows) and saves a new version of
 * it. Dossiers keep the version they started with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_catalogue.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define MAX_ROWS 8

enum field {
	FIELD_CSRF,
	FIELD_PROCEDURE,
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
	STMT_VERSIONS,
	STMT_AGENCY_CODE,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_PROCEDURE] = "SELECT id, code, name, time_hours, time_days "
	    "FROM procedures WHERE code = ?",
	[STMT_AGENCY] = "SELECT id FROM agencies WHERE code = ?",
	[STMT_NEXT_VERSION] = "SELECT COALESCE(MAX(version), 0) + 1 "
	    "FROM workflows WHERE procedure_id = ? FOR UPDATE",
	[STMT_WORKFLOW_NEW] = "INSERT INTO workflows (procedure_id, version, "
	    "name, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
	[STMT_STEP_NEW] = "INSERT INTO workflow_steps (workflow_id, seq, name, "
	    "role, agency_id, minutes) VALUES (?, ?, ?, ?, ?, ?)",
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
};
/* clang-format on */

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

/* Data.Versions (the first in force) and, after a save, its confirmation. */
static int
workflow_versions(struct mc_request *r, struct mc_rows *proc)
{
	struct mc_rows v;

	if (mc_db_query(r->db, r->arena, &v, stmts[STMT_VERSIONS], "ii",
		mc_rows_int(proc, 0, 0), mc_rows_int(proc, 0, 0)) < 0)
		return -1;
	mc_view_rows(r->hdf, "Data.Versions", &v);
	if (v.n > 0 && strstr(r->query, "ok=1") != NULL &&
	    !mc_rows_int(&v, 0, 2)) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_arena_printf(r->arena, "%s (%s %s)",
			mc_view_str(r->hdf, "Workflow.Saved"),
			mc_view_str(r->hdf, "Workflow.SavedVersion"),
			mc_rows_str(&v, 0, 1)));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	return 0;
}

static int
workflow_page(struct mc_request *r, struct mc_rows *proc, int status)
{
	struct mc_rows steps, ag;
	long long      legal;
	long long      total = 0;
	size_t	       i;

	mc_view_rows(r->hdf, "Data.Procedure", proc);
	legal = mc_dossier_legal_minutes(mc_rows_str(proc, 0, 3),
	    mc_rows_str(proc, 0, 4));
	if (status == 200) {
		if (mc_dossier_workflow(r->db, r->arena,
			mc_rows_int(proc, 0, 0), &steps) < 0)
			return 503;
		for (i = 0; i < steps.n; i++) {
			long long m = mc_rows_str(&steps, i, 4) ?
			    mc_rows_int(&steps, i, 4) :
			    i + 1 == steps.n ?
			    legal - total :
			    legal * mc_rows_int(&steps, i, 5) / 1000;

			total += m;
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.name%zu", i),
			    mc_rows_str(&steps, i, 1));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.role%zu", i),
			    mc_rows_str(&steps, i, 2));
			mc_view_setf(r->hdf,
			    mc_arena_printf(r->arena, "Form.hours%zu", i),
			    "%.2f", m / 60.0);
			/* An inter-agency step keeps its agency when saved. */
			if (mc_rows_str(&steps, i, 3) == NULL)
				continue;
			if (mc_db_query(r->db, r->arena, &ag,
				stmts[STMT_AGENCY_CODE], "i",
				mc_rows_int(&steps, i, 3)) < 0)
				return 503;
			if (ag.n == 1)
				mc_view_set(r->hdf,
				    mc_arena_printf(r->arena, "Form.agency%zu",
					i),
				    mc_rows_str(&ag, 0, 0));
		}
	}
	if (workflow_versions(r, proc) < 0)
		return 503;
	mc_view_setf(r->hdf, "Data.LegalHours", "%.2f", legal / 60.0);
	for (i = 0; i < MAX_ROWS; i++)
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Rows.%zu", i),
		    (long long)i);
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Workflow.Title"));
	if (mc_resp_page(r, "office/workflow.cs") != 200)
		return 500;
	return status;
}

static int
page_workflow(struct mc_request *r)
{
	struct mc_rows proc;
	const char    *code = mc_req_field(r, FIELD_PROCEDURE);

	if (code == NULL) {
		mc_view_set(r->hdf, "Page.Title",
		    mc_view_str(r->hdf, "Workflow.Title"));
		return mc_resp_page(r, "office/workflow.cs");
	}
	if (mc_db_query(r->db, r->arena, &proc, stmts[STMT_PROCEDURE], "s",
		code) < 0)
		return 503;
	if (proc.n == 0)
		return 404;
	return workflow_page(r, &proc, 200);
}

static int
page_workflow_post(struct mc_request *r)
{
	struct mc_rows proc, rows;
	const char    *name, *role, *ag, *hours;
	long long      legal, total = 0, wf, agency[MAX_ROWS];
	long	       minutes[MAX_ROWS];
	char	       now[20];
	int	       i, n = 0, bad = 0;

	if (mc_req_field(r, FIELD_PROCEDURE) == NULL)
		return 400;
	if (mc_db_query(r->db, r->arena, &proc, stmts[STMT_PROCEDURE], "s",
		mc_req_field(r, FIELD_PROCEDURE)) < 0)
		return 503;
	if (proc.n == 0)
		return 404;
	legal = mc_dossier_legal_minutes(mc_rows_str(&proc, 0, 3),
	    mc_rows_str(&proc, 0, 4));
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
			if (mc_db_query(r->db, r->arena, &rows,
				stmts[STMT_AGENCY], "s", ag) < 0)
				return 503;
			if (rows.n == 0)
				bad = 1,
				mc_view_set(r->hdf,
				    mc_arena_printf(r->arena,
					"Form.Errors.agency%d", i),
				    "1");
			else
				agency[n] = mc_rows_int(&rows, 0, 0);
		}
		if (role == NULL || mc_auth_role_parse(role) < ROLE_RECEIVER ||
		    mc_auth_role_parse(role) > ROLE_LEADER)
			bad = 1,
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.Errors.role%d", i),
			    "1");
		if (hours == NULL || (minutes[n] = hours_minutes(hours)) <= 0)
			bad = 1,
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.Errors.hours%d",
				i),
			    "1");
		else
			total += minutes[n];
		n++;
	}
	if (n < 2)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.steps", "1");
	if (total > legal && legal > 0)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.total", "1");
	if (bad)
		return workflow_page(r, &proc, 422);
	mc_time_sql(now, time(NULL));
	if (mc_db_begin(r->db) < 0)
		return 503;
	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_NEXT_VERSION], "i",
		mc_rows_int(&proc, 0, 0)) < 0 ||
	    mc_db_exec(r->db, stmts[STMT_WORKFLOW_NEW], "iissi",
		mc_rows_int(&proc, 0, 0), mc_rows_int(&rows, 0, 0),
		mc_rows_str(&proc, 0, 2), now, r->user->id) < 0)
		goto fail;
	wf = (long long)mc_db_insert_id(r->db);
	for (i = 0, n = 0; i < MAX_ROWS; i++) {
		name = mc_req_field(r, FIELD_NAME1 + i);
		if (name == NULL || *name == '\0')
			continue;
		if (mc_db_exec(r->db, stmts[STMT_STEP_NEW], "iissIi", wf,
			(long long)(n + 1), name,
			mc_req_field(r, FIELD_ROLE1 + i), agency[n],
			(long long)minutes[n]) < 0)
			goto fail;
		n++;
	}
	if (office_audit_write(r, AUDIT_CONFIG,
		mc_arena_printf(r->arena, "workflow %s v%lld",
		    mc_rows_str(&proc, 0, 1), mc_rows_int(&rows, 0, 0)),
		0) < 0)
		goto fail;
	if (mc_db_commit(r->db) < 0)
		return 503;
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena,
		"/can-bo/quan-tri/quy-trinh?procedure=%s&ok=1",
		mc_rows_str(&proc, 0, 1)));
fail:
	mc_db_rollback(r->db);
	return 503;
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/quan-tri/quy-trinh", page_workflow, ROUTE_LOGIN,
	    ROLES(ROLE_ADMIN) },
	{ METHOD_POST, "/can-bo/quan-tri/quy-trinh", page_workflow_post,
	    ROUTE_LOGIN, ROLES(ROLE_ADMIN) },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_workflow = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
