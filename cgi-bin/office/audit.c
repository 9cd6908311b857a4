/*
 * The audit log in the back office: the entries the office writes (an
 * officer opening a dossier, exports, settings changed) and the admins'
 * audit page (/can-bo/quan-tri/nhat-ky): filters, pages, the chain's check,
 * CSV.
 */
#include <stdio.h>
#include <string.h>

#include "mc_admin.h"
#include "mc_app.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_export.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define PATH	 "/can-bo/quan-tri/nhat-ky"
#define PER_PAGE 50
#define CSV_MAX	 10000

enum field {
	FIELD_CSRF,
	FIELD_ACCOUNT,
	FIELD_EVENT,
	FIELD_DOSSIER,
	FIELD_FROM,
	FIELD_TO,
	FIELD_BEFORE,
	FIELD_SCOPE,
	FIELD__MAX
};

static int valid_day(const struct mc_param *);
static int valid_event(const struct mc_param *);

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_ACCOUNT] = { "account", valid_email, 254, 0 },
	[FIELD_EVENT] = { "event", valid_event, 32, 0 },
	[FIELD_DOSSIER] = { "dossier", valid_code, 48, 0 },
	[FIELD_FROM] = { "from", valid_day, 10, 0 },
	[FIELD_TO] = { "to", valid_day, 10, 0 },
	[FIELD_BEFORE] = { "before", valid_uint, 19, 0 },
	[FIELD_SCOPE] = { "noi", valid_uint, 10, 0 },
};
/* clang-format on */

enum stmt { STMT_ACCOUNT, STMT_DOSSIER, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_ACCOUNT] = "SELECT id FROM accounts WHERE email = ?",
	[STMT_DOSSIER] = "SELECT id FROM dossiers WHERE code = ?",
};
/* clang-format on */

/* The column names of the CSV, in ACOL_* order (the page's headings). */
static const char *const heads[ACOL__MAX] = {
	[ACOL_ID] = "Audit.Id",
	[ACOL_AT] = "Audit.At",
	[ACOL_EVENT] = "Audit.Event",
	[ACOL_ACCOUNT_ID] = "Audit.AccountId",
	[ACOL_ACCOUNT] = "Audit.Account",
	[ACOL_ACTOR_ID] = "Audit.ActorId",
	[ACOL_ACTOR] = "Audit.Actor",
	[ACOL_SUBJECT] = "Audit.Subject",
	[ACOL_ADDRESS] = "Audit.Address",
	[ACOL_DOSSIER] = "Audit.Dossier",
	[ACOL_AGENCY] = "Audit.Agency",
	[ACOL_ROLE] = "Audit.Role",
};

/* "YYYY-MM-DD". */
static int
valid_day(const struct mc_param *p)
{
	int y, m, d;

	return p->len == 10 && mc_date_parse(p->value, &y, &m, &d) == 0;
}

/* One of the audit log's event names. */
static int
valid_event(const struct mc_param *p)
{
	return mc_audit_event_parse(p->value) >= 0;
}

struct view_tx {
	struct mc_request	*r;
	const struct mc_dossier *d;
	enum mc_audit_event	 ev;
	const char		*what;
};

static int
view_tx(struct mc_db *db, void *arg)
{
	struct view_tx *v = arg;

	return mc_audit_dossier_write(db, v->ev, v->r->user, v->d->id,
	    v->d->current_agency_id, v->d->agency_id, v->what,
	    v->r->remote_addr);
}

int
office_audit_access(struct mc_request *r, const struct mc_dossier *d,
    enum mc_audit_event ev, const char *what)
{
	struct view_tx v = { r, d, ev, what };

	return mc_db_tx(r->db, view_tx, &v) != 0 ? -1 : 0;
}

int
office_audit_view(struct mc_request *r, const struct mc_dossier *d)
{
	return office_audit_access(r, d, AUDIT_DOSSIER_VIEW, NULL);
}

int
office_admin_scope(struct mc_request *r, const char *want,
    unsigned int *agency)
{
	struct mc_admin_place pl[16];
	long long	      w = 0;
	size_t		      i, n;
	int		      rc;

	if (want != NULL && mc_parse_ll(want, 1, 0xffffffffLL, &w) < 0)
		w = 0;
	if ((rc = mc_admin_scope_at(r->db, r->arena, r->user, (unsigned int)w,
		 agency)) <= 0 ||
	    *agency == 0)
		return rc;
	if (mc_admin_places(r->db, r->arena, r->user, pl, 16, &n) < 0)
		return -1;
	mc_view_set_int(r->hdf, "Form.noi", *agency);
	for (i = 0; n > 1 && i < n; i++) {
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Places.%zu.id", i),
		    pl[i].agency_id);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Places.%zu.name", i),
		    pl[i].name);
	}
	return rc;
}

int
office_audit_write(struct mc_request *r, enum mc_audit_event ev,
    const char *subject, unsigned int agency)
{
	struct mc_audit	      e = { ev, r->user != NULL ? r->user->id : 0, 0,
		      subject, r->remote_addr };
	struct mc_audit_about ab = { 0, agency, NULL };

	return mc_audit_write_about(r->db, &e, &ab);
}

int
office_audit_log(struct mc_request *r, enum mc_audit_event ev,
    const char *subject, unsigned int agency)
{
	int rc;

	if (mc_db_begin(r->db) < 0)
		return -1;
	if ((rc = office_audit_write(r, ev, subject, agency)) < 0 ||
	    mc_db_commit(r->db) < 0) {
		mc_db_rollback(r->db);
		return -1;
	}
	return rc;
}

int
office_audit_commit(struct mc_request *r, long long rc, const char *subject)
{
	if (rc <= 0) {
		mc_db_rollback(r->db);
		return rc < 0 ? -1 : 0;
	}
	if (office_audit_write(r, AUDIT_CONFIG, subject, 0) < 0 ||
	    mc_db_commit(r->db) < 0) {
		mc_db_rollback(r->db);
		return -1;
	}
	return 1;
}

/* The id a query finds by one text, or 0 (none), -1 on error. */
static long long
id_by(struct mc_request *r, int stmt, const char *s)
{
	struct mc_rows rows;

	if (mc_db_query(r->db, r->arena, &rows, stmts[stmt], "s", s) < 0)
		return -1;
	return rows.n > 0 ? mc_rows_int(&rows, 0, 0) : 0;
}

/*
 * The filter of the query string, echoed as Form.* and Data.Query; the
 * admin's scope. 0, 1 when a name given finds nothing (no entry then),
 * or an HTTP status.
 */
static int
read_filter(struct mc_request *r, struct mc_audit_filter *f)
{
	static const int keep[] = { FIELD_ACCOUNT, FIELD_EVENT, FIELD_DOSSIER,
		FIELD_FROM, FIELD_TO, FIELD_SCOPE };
	const char	*v, *acc = mc_req_field(r, FIELD_ACCOUNT);
	const char	*dos = mc_req_field(r, FIELD_DOSSIER), *query = "";
	size_t		 i;
	int		 rc, none = 0;

	memset(f, 0, sizeof(*f));
	f->event = -1;
	if ((rc = office_admin_scope(r, mc_req_field(r, FIELD_SCOPE),
		 &f->scope_agency)) <= 0)
		return rc < 0 ? 503 : 403;
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (mc_req_field_bad(r, keep[i]))
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.Errors.%s",
				fields[keep[i]].name),
			    "1");
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		if ((v = mc_req_field(r, keep[i])) == NULL || *v == '\0')
			continue;
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.%s", fields[keep[i]].name),
		    v);
		query = mc_arena_printf(r->arena, "%s%s%s=%s", query,
		    *query ? "&" : "", fields[keep[i]].name,
		    mc_http_query_escape(r->arena, v));
	}
	mc_view_set(r->hdf, "Data.Query", query);
	if (acc != NULL && *acc != '\0') {
		if ((f->account_id = id_by(r, STMT_ACCOUNT, acc)) < 0)
			return 503;
		none |= f->account_id == 0;
	}
	if (dos != NULL && *dos != '\0') {
		if ((f->dossier_id = id_by(r, STMT_DOSSIER, dos)) < 0)
			return 503;
		none |= f->dossier_id == 0;
	}
	if ((v = mc_req_field(r, FIELD_EVENT)) != NULL)
		f->event = mc_audit_event_parse(v);
	f->from = mc_req_field(r, FIELD_FROM);
	f->to = mc_req_field(r, FIELD_TO);
	mc_parse_ll(mc_req_field(r, FIELD_BEFORE) ?
		mc_req_field(r, FIELD_BEFORE) :
		"0",
	    0, 1LL << 62, &f->before_id);
	return none;
}

static int
page_audit(struct mc_request *r)
{
	struct mc_audit_filter f;
	struct mc_rows	       rows;
	long long	       nrows = 0, bad = 0;
	const char	      *why = NULL;
	int		       rc, i;

	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Audit.Title"));
	mc_view_set(r->hdf, "Page.Nav", "office");
	if ((rc = read_filter(r, &f)) > 1)
		return rc;
	for (i = 0; i < AUDIT__MAX; i++)
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Events.%d", i),
		    mc_audit_event_name((enum mc_audit_event)i));
	if (f.scope_agency == 0)
		mc_view_set(r->hdf, "Data.City", "1");
	/* Whether the chain holds, from the last checkpoint on. */
	if ((i = mc_audit_check_recent(r->db, r->arena, &nrows, &bad, &why)) <
	    0)
		return 503;
	mc_view_set(r->hdf, "Data.Chain.ok", i == 0 ? "1" : "0");
	mc_view_set_int(r->hdf, "Data.Chain.rows", nrows);
	if (i == 1)
		mc_view_set_int(r->hdf, "Data.Chain.bad", bad);
	if (rc == 1)
		return mc_resp_page(r, "office/audit.cs");
	f.limit = PER_PAGE + 1;
	if (mc_audit_search(r->db, r->arena, &f, &rows) < 0)
		return 503;
	if (rows.n > PER_PAGE) {
		rows.n = PER_PAGE;
		mc_view_set(r->hdf, "Data.Older",
		    mc_rows_str(&rows, PER_PAGE - 1, ACOL_ID));
	}
	mc_view_rows(r->hdf, "Data.Entries", &rows);
	return mc_resp_page(r, "office/audit.cs");
}

/* The entries of the same filter as CSV (at most CSV_MAX), audited. */
static int
page_audit_csv(struct mc_request *r)
{
	struct mc_export_table t;
	struct mc_audit_filter f;
	struct mc_rows	       rows;
	enum mc_export_kind    kinds[ACOL__MAX];
	const char	      *hv[ACOL__MAX];
	size_t		       i;
	int		       rc;

	if ((rc = read_filter(r, &f)) > 1)
		return rc;
	memset(&rows, 0, sizeof(rows));
	f.limit = CSV_MAX;
	if (rc == 0 && mc_audit_search(r->db, r->arena, &f, &rows) < 0)
		return 503;
	for (i = 0; i < ACOL__MAX; i++) {
		hv[i] = mc_view_str(r->hdf, heads[i]);
		kinds[i] = EXPORT_TEXT;
	}
	memset(&t, 0, sizeof(t));
	t.ncols = ACOL__MAX;
	t.heads = hv;
	t.kinds = kinds;
	t.nrows = rows.n;
	t.cells = rows.v;
	mc_buf_reset(&r->out);
	if (mc_export_csv(r->arena, &t, &r->out) < 0 ||
	    office_audit_log(r, AUDIT_EXPORT,
		mc_arena_printf(r->arena, "nhat-ky.csv %s",
		    mc_view_str(r->hdf, "Data.Query")),
		f.scope_agency) < 0)
		return 503;
	mc_resp_header(r, "Content-Type", "text/csv; charset=utf-8");
	mc_resp_header(r, "Content-Disposition",
	    "attachment; filename=\"nhat-ky.csv\"");
	r->rendered = 1;
	return 200;
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, PATH, page_audit, ROUTE_LOGIN, ROLES(ROLE_ADMIN) },
	{ METHOD_GET, PATH ".csv", page_audit_csv, ROUTE_LOGIN,
	    ROLES(ROLE_ADMIN) },
};

const struct mc_module office_audit = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
