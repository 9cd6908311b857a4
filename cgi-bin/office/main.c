/*
 * office: the electronic one-stop back office under /can-bo/: an officer's
 * inbox with colours and filters, a leader's overview, a dossier's page with
 * its workflow and the actions allowed now.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_admin.h"
#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_calendar.h"
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_page.h"
#include "mc_eform_page.h"
#include "mc_files.h"
#include "mc_notices.h"
#include "mc_routing.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define MAX_AGENCIES 32
#define MAX_ITEMS    5
#define MAX_RESULTS  3
#define PER_PAGE     50
#define MAX_BRANCHES 16	 /* open parallel steps offered at once */
#define MAX_CONSULT  100 /* parallel steps listed in the inbox */

enum field {
	FIELD_CSRF,
	FIELD_AGENCY,
	FIELD_STATUS,
	FIELD_MINE,
	FIELD_PROCEDURE,
	FIELD_FIELD,
	FIELD_DUE,
	FIELD_Q,
	FIELD_PAGE,
	FIELD_ACTION,
	FIELD_NOTE,
	FIELD_VERSION,
	FIELD_OFFICER,
	FIELD_METHOD,
	FIELD_NEW_DUE,
	FIELD_REASON,
	FIELD_ITEM1,
	FIELD_ITEM2,
	FIELD_ITEM3,
	FIELD_ITEM4,
	FIELD_ITEM5,
	FIELD_WHY1,
	FIELD_WHY2,
	FIELD_WHY3,
	FIELD_WHY4,
	FIELD_WHY5,
	FIELD_PQ,
	FIELD_RESULT1,
	FIELD_RESULT2,
	FIELD_RESULT3,
	FIELD_DECISION,
	FIELD_STEP,
	FIELD_CAUSE,
	FIELD_REAUTH,	   /* the password again (signing) */
	FIELD_REAUTH_CODE, /* ... and the authenticator\'s code */
	FIELD_AFTER,
	FIELD_BEFORE,
	FIELD__MAX
};

static int valid_date(const struct mc_param *);
static int valid_action(const struct mc_param *);
static int valid_key(const struct mc_param *);

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_STATUS] = { "status", valid_uint, 2, 0 },
	[FIELD_MINE] = { "mine", valid_uint, 1, 0 },
	[FIELD_PROCEDURE] = { "procedure", valid_uint, 10, 0 },
	[FIELD_FIELD] = { "field", valid_uint, 10, 0 },
	[FIELD_DUE] = { "due", valid_code, 10, 0 },
	[FIELD_Q] = { "q", valid_line, 100, 0 },
	[FIELD_PAGE] = { "page", valid_uint, 5, 0 },
	[FIELD_ACTION] = { "action", valid_action, 32, 0 },
	[FIELD_NOTE] = { "note", valid_text, 2000, 0 },
	[FIELD_VERSION] = { "version", valid_uint, 10, 0 },
	[FIELD_OFFICER] = { "officer", valid_uint, 19, 0 },
	[FIELD_METHOD] = { "method", valid_uint, 1, 0 },
	[FIELD_NEW_DUE] = { "new_due", valid_date, 10, 0 },
	[FIELD_REASON] = { "reason", valid_line, 500, 0 },
	[FIELD_ITEM1] = { "item1", valid_line, 500, 0 },
	[FIELD_ITEM2] = { "item2", valid_line, 500, 0 },
	[FIELD_ITEM3] = { "item3", valid_line, 500, 0 },
	[FIELD_ITEM4] = { "item4", valid_line, 500, 0 },
	[FIELD_ITEM5] = { "item5", valid_line, 500, 0 },
	[FIELD_WHY1] = { "why1", valid_line, 500, 0 },
	[FIELD_WHY2] = { "why2", valid_line, 500, 0 },
	[FIELD_WHY3] = { "why3", valid_line, 500, 0 },
	[FIELD_WHY4] = { "why4", valid_line, 500, 0 },
	[FIELD_WHY5] = { "why5", valid_line, 500, 0 },
	[FIELD_PQ] = { "pq", valid_line, 300, 0 },
	[FIELD_RESULT1] = { "result1", valid_file, 10 << 20, 1 },
	[FIELD_RESULT2] = { "result2", valid_file, 10 << 20, 1 },
	[FIELD_RESULT3] = { "result3", valid_file, 10 << 20, 1 },
	[FIELD_DECISION] = { "decision", valid_line, 100, 0 },
	[FIELD_STEP] = { "step", valid_uint, 3, 0 },
	[FIELD_REAUTH] = { "reauth", valid_any, 512, 0 },
	[FIELD_REAUTH_CODE] = { "reauth_code", valid_any, 64, 0 },
	[FIELD_CAUSE] = { "cause", valid_line, 10, 0 },
	[FIELD_AFTER] = { "after", valid_key, 40, 0 },
	[FIELD_BEFORE] = { "before", valid_key, 40, 0 },
};
/* clang-format on */

enum stmt { STMT_AGENCY, STMT_REASONS, STMT_OFFICERS, STMT_FIELDS, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCY] = "SELECT id, code, name, COALESCE(name_en, name) "
	    "FROM agencies WHERE id = ?",
	[STMT_REASONS] = "SELECT kind, text, id FROM reasons ORDER BY kind, id",
	[STMT_OFFICERS] = "SELECT a.id, a.full_name, r.role "
	    "FROM account_roles r JOIN accounts a ON a.id = r.account_id "
	    "WHERE r.agency_id = ? AND r.role IN ('receiver', 'specialist', "
	    "'leader') AND a.disabled = 0 ORDER BY a.full_name",
	[STMT_FIELDS] = "SELECT id, name FROM fields ORDER BY name",
};
/* clang-format on */

/* One of mc_dossier's action names ("send_back"), exactly. */
static int
valid_action(const struct mc_param *p)
{
	return mc_dossier_action_parse(p->value) >= 0;
}

/*
 * A row's key in the inbox's order (keyset paging): its step due time as
 * YYYYMMDDHHMMSS, or 0 (none), '_', its id.
 */
static int
valid_key(const struct mc_param *p)
{
	const char *s = p->value, *u = strchr(s, '_');
	size_t	    d = u != NULL ? (size_t)(u - s) : 0;

	if (u == NULL || !(d == 14 || (d == 1 && s[0] == '0')) ||
	    strspn(s, "0123456789") != d || u[1] == '\0' ||
	    strlen(u + 1) > 18 || u[1 + strspn(u + 1, "0123456789")] != '\0')
		return 0;
	return 1;
}

/* "YYYY-MM-DD". */
static int
valid_date(const struct mc_param *p)
{
	const char *s = p->value;
	int	    i;

	if (p->len != 10)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
				       (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static long long
field_int(struct mc_request *r, int f, long long min, long long max)
{
	long long n = 0;

	if (mc_req_field(r, f) != NULL)
		mc_parse_ll(mc_req_field(r, f), min, max, &n);
	return n;
}

int
office_agency(struct mc_request *r, const char *wanted, unsigned int *agency)
{
	unsigned int   ids[MAX_AGENCIES], chosen = 0;
	struct mc_rows ag;
	long long      want = 0;
	size_t	       n, i;

	n = mc_dossier_agencies(r->user, ROLES_OFFICER, ids, MAX_AGENCIES);
	if (wanted != NULL)
		mc_parse_ll(wanted, 1, 1LL << 32, &want);
	*agency = 0;
	for (i = 0; i < n; i++) {
		if (mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCY], "i",
			(long long)ids[i]) < 0)
			return -1;
		if (ag.n == 0)
			return 0;
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.MyAgencies.%zu.id", i),
		    ids[i]);
		/* In the page's language, as the agencies' lines below. */
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.MyAgencies.%zu.name", i),
		    mc_rows_str(&ag, 0, r->lang == LANG_EN ? 3 : 2));
		if (i == 0 || ids[i] == want)
			chosen = ids[i];
	}
	mc_view_set_int(r->hdf, "Data.AgencyId", chosen);
	*agency = chosen;
	return chosen != 0;
}

/* Adds Data.Dossiers.N.colour to the inbox rows. */
static void
inbox_colours(struct mc_request *r, const struct mc_rows *rows, time_t now)
{
	int    c;
	size_t i;

	for (i = 0; i < rows->n; i++) {
		c = mc_rows_int(rows, i, DINBOX_STATUS) == STATUS_SUPPLEMENT ?
		    COLOUR_NONE :
		    mc_dossier_colour(mc_rows_str(rows, i, DINBOX_STEP_DUE),
			mc_rows_str(rows, i, DINBOX_STEP_WARN), now);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Dossiers.%zu.colour", i),
		    mc_dossier_colour_name(c));
	}
}

/*
 * An agency's colour counts: the counters every transition keeps
 * (mc_counters), never a count of the dossiers, never cached. 0 or -1.
 */
static int
colour_counts(struct mc_request *r, unsigned int agency, time_t now,
    long long counts[COLOUR__MAX])
{
	return mc_dossier_colour_counts(r->db, r->arena, agency, now, counts);
}

/*
 * The inbox's procedure filter: the agency's procedures as a searchable
 * list (Data.Procedures with .label "name · code"), and the text typed in
 * ?pq= resolved among them: a label, a code, or words of a name (folded)
 * naming exactly one. Sets f->procedure_id; several or no matches filter
 * everything out and are said (Data.ProcedureMatches, Data.ProcedureNone).
 * 0 or -1.
 */
static int
inbox_procedures(struct mc_request *r, struct mc_inbox_filter *f)
{
	struct mc_rows list;
	const char    *pq = mc_req_field(r, FIELD_PQ), *label, *want;
	long long      found = 0;
	size_t	       i, n = 0;

	/*
	 * The agency's own procedures: those of the dossiers in it (a ward
	 * may receive six hundred, it handles a few), each once, from the
	 * counters every transition keeps (mc_counters).
	 */
	if (mc_counters_procedures(r->db, r->arena, f->agency_id, &list) < 0)
		return -1;
	mc_view_rows(r->hdf, "Data.Procedures", &list);
	want = pq != NULL && *pq != '\0' ? mc_fold(r->arena, pq) : NULL;
	for (i = 0; i < list.n; i++) {
		label = mc_arena_printf(r->arena, "%s · %s",
		    mc_rows_str(&list, i, 2), mc_rows_str(&list, i, 1));
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Procedures.%zu.label", i),
		    label);
		if (mc_rows_int(&list, i, 0) == f->procedure_id)
			mc_view_set(r->hdf, "Form.pq", label);
		if (want == NULL || *want == '\0')
			continue;
		if (strcmp(pq, label) == 0 ||
		    strcmp(pq, mc_rows_str(&list, i, 1)) == 0) {
			found = mc_rows_int(&list, i, 0);
			n = 1;
			break;
		}
		if (strstr(mc_fold(r->arena, label), want) != NULL) {
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena,
				"Data.ProcedureMatches.%zu.id", n),
			    mc_rows_str(&list, i, 0));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena,
				"Data.ProcedureMatches.%zu.label", n++),
			    label);
			found = mc_rows_int(&list, i, 0);
		}
	}
	if (want == NULL || *want == '\0')
		return 0;
	mc_view_set(r->hdf, "Form.pq", pq);
	if (n == 1) {
		f->procedure_id = (int)found;
		hdf_remove_tree(r->hdf, "Data.ProcedureMatches");
		return 0;
	}
	/* Nothing, or more than one: no dossier until one is named. */
	f->procedure_id = -1;
	if (n == 0)
		mc_view_set(r->hdf, "Data.ProcedureNone", "1");
	return 0;
}

/* The key (valid_key) of an inbox row: its step due time and id. */
static const char *
row_key(struct mc_arena *a, const struct mc_rows *rows, size_t i)
{
	const char *due = mc_rows_str(rows, i, DINBOX_STEP_DUE);
	char	    d[15];
	size_t	    n = 0;

	for (; due != NULL && *due != '\0' && n < 14; due++)
		if (*due >= '0' && *due <= '9')
			d[n++] = *due;
	d[n] = '\0';
	return mc_arena_printf(a, "%s_%s", n == 14 ? d : "0",
	    mc_rows_str(rows, i, DINBOX_ID));
}

/* A key of the query string into the filter (dir 1 after, -1 before). */
static void
key_filter(struct mc_arena *a, const char *key, int dir,
    struct mc_inbox_filter *f)
{
	f->key_dir = dir;
	f->key_due = key[0] == '0' && key[1] == '_' ?
	    NULL :
	    mc_arena_printf(a, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", key, key + 4,
		key + 6, key + 8, key + 10, key + 12);
	mc_parse_ll(strchr(key, '_') + 1, 1, 1LL << 62, &f->key_id);
}

/*
 * One page of the inbox (issue 12), as real inboxes page: "previous" and
 * "next" from the first and last row shown (keyset: no page is slower
 * than the first), Data.Prev / Data.Next their keys (Data.PrevStart: the
 * previous page is the first). ?page=N (older links) still pages by
 * offset. 0 or -1.
 */
static int
inbox_page(struct mc_request *r, struct mc_inbox_filter *f, long long page,
    struct mc_rows *rows)
{
	const char *after = mc_req_field(r, FIELD_AFTER);
	const char *before = mc_req_field(r, FIELD_BEFORE);

	f->limit = PER_PAGE + 1;
	if (before != NULL) {
		key_filter(r->arena, before, -1, f);
		if (mc_dossier_inbox(r->db, r->arena, f, rows) < 0)
			return -1;
		if (rows->n > PER_PAGE) {
			/* More before these: the earliest is the next
			 * page back's. */
			rows->v += rows->ncols;
			rows->len += rows->ncols;
			rows->n--;
			mc_view_set(r->hdf, "Data.Prev",
			    row_key(r->arena, rows, 0));
			mc_view_set(r->hdf, "Data.Next",
			    row_key(r->arena, rows, rows->n - 1));
			return 0;
		}
		/* Back at the start: the first page, full. */
		f->key_dir = 0;
	} else if (after != NULL)
		key_filter(r->arena, after, 1, f);
	else
		f->offset = (size_t)(page - 1) * PER_PAGE;
	if (mc_dossier_inbox(r->db, r->arena, f, rows) < 0)
		return -1;
	if (rows->n > PER_PAGE) {
		rows->n = PER_PAGE;
		mc_view_set(r->hdf, "Data.Next",
		    row_key(r->arena, rows, PER_PAGE - 1));
	}
	if (f->key_dir == 0 && f->offset == 0)
		return 0;
	if (rows->n > 0)
		mc_view_set(r->hdf, "Data.Prev", row_key(r->arena, rows, 0));
	else
		mc_view_set(r->hdf, "Data.PrevStart", "1");
	return 0;
}

/* The inbox's filters as a query string for its page links. */
static void
inbox_query_string(struct mc_request *r, const struct mc_inbox_filter *f,
    const char *due)
{
	const char *q = mc_arena_printf(r->arena, "agency=%u", f->agency_id);

	if (f->status != 0)
		q = mc_arena_printf(r->arena, "%s&status=%d", q, f->status);
	if (f->holder_id != 0)
		q = mc_arena_printf(r->arena, "%s&mine=1", q);
	if (f->procedure_id > 0)
		q = mc_arena_printf(r->arena, "%s&procedure=%d", q,
		    f->procedure_id);
	if (f->field_id > 0)
		q = mc_arena_printf(r->arena, "%s&field=%d", q, f->field_id);
	if (f->due_before != NULL && due != NULL)
		q = mc_arena_printf(r->arena, "%s&due=%s", q,
		    mc_http_query_escape(r->arena, due));
	if (f->q != NULL && *f->q != '\0')
		q = mc_arena_printf(r->arena, "%s&q=%s", q,
		    mc_http_query_escape(r->arena, f->q));
	mc_view_set(r->hdf, "Data.Query", q);
}

static int
page_inbox(struct mc_request *r)
{
	struct mc_inbox_filter f;
	struct mc_rows	       rows, list;
	unsigned int	       ids[MAX_AGENCIES];
	long long	       counts[COLOUR__MAX], page;
	time_t		       now = time(NULL);
	const char	      *due = mc_req_field(r, FIELD_DUE);
	char		       t[20];
	int		       rc;

	memset(&f, 0, sizeof(f));
	if ((rc = office_agency(r, mc_req_field(r, FIELD_AGENCY),
		 &f.agency_id)) <= 0)
		return rc < 0 ? 503 : 403;
	f.status = (int)field_int(r, FIELD_STATUS, 1, 10);
	f.holder_id = field_int(r, FIELD_MINE, 0, 1) ? r->user->id : 0;
	f.procedure_id = (int)field_int(r, FIELD_PROCEDURE, 1, 1LL << 31);
	f.field_id = (int)field_int(r, FIELD_FIELD, 1, 1LL << 31);
	f.q = mc_req_field(r, FIELD_Q);
	page = field_int(r, FIELD_PAGE, 1, 10000);
	page = page ? page : 1;
	if (inbox_procedures(r, &f) < 0)
		return 503;
	if (due != NULL && strcmp(due, "overdue") == 0) {
		mc_time_sql(t, now);
		f.due_before = t;
	}
	if (inbox_page(r, &f, page, &rows) < 0 ||
	    colour_counts(r, f.agency_id, now, counts) < 0 ||
	    mc_dossier_branch_inbox(r->db, r->arena, f.agency_id, MAX_CONSULT,
		&list) < 0)
		return 503;
	/* The steps of parallel consultations waiting at this agency. */
	mc_view_rows(r->hdf, "Data.Consult", &list);
	inbox_query_string(r, &f, due);
	mc_view_rows(r->hdf, "Data.Dossiers", &rows);
	inbox_colours(r, &rows, now);
	if (office_feedback_marks(r, f.agency_id, &rows, DINBOX_CODE,
		"Data.Dossiers") < 0)
		return 503;
	mc_view_set_int(r->hdf, "Data.Count.red", counts[COLOUR_RED]);
	mc_view_set_int(r->hdf, "Data.Count.yellow", counts[COLOUR_YELLOW]);
	mc_view_set_int(r->hdf, "Data.Count.green", counts[COLOUR_GREEN]);
	mc_view_set_int(r->hdf, "Data.Status", f.status);
	mc_view_set_int(r->hdf, "Data.Mine", f.holder_id != 0);
	mc_view_set_int(r->hdf, "Data.Procedure", f.procedure_id);
	mc_view_set_int(r->hdf, "Data.Field", f.field_id);
	mc_view_set(r->hdf, "Data.Due", due);
	mc_view_set(r->hdf, "Form.q", f.q);
	if (mc_db_query(r->db, r->arena, &list, stmts[STMT_FIELDS], "") < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Fields", &list);
	if (mc_auth_has_role(r->user, ROLE_RECEIVER))
		mc_view_set(r->hdf, "Data.CanCounter", "1");
	if (mc_auth_has_role(r->user, ROLE_LEADER))
		mc_view_set(r->hdf, "Data.IsLeader", "1");
	if (mc_auth_has_role(r->user, ROLE_ADMIN))
		mc_view_set(r->hdf, "Data.IsAdmin", "1");
	/* Who may manage an agency's rating devices (office/eval.c). */
	if (mc_dossier_agencies(r->user,
		ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN) | ROLES(ROLE_EVALUATOR),
		ids, MAX_AGENCIES) > 0)
		mc_view_set(r->hdf, "Data.CanDevices", "1");
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Inbox.Title"));
	return mc_resp_page(r, "office/inbox.cs");
}

int
office_dossier(struct mc_request *r, struct mc_dossier *d)
{
	int rc;

	if ((rc = mc_dossier_load(r->db, r->arena, r->cap[0], d)) < 0)
		return 503;
	if (rc == 0)
		return 404;
	if ((rc = mc_dossier_officer_visible(r->db, r->arena, r->user, d)) < 0)
		return 503;
	return rc == 1 ? 1 : 403;
}

/*
 * Steps of the dossier nobody can take (Data.Gaps): before acceptance,
 * those it would stop at; Data.GapsKind says before, stuck (the current
 * step) or after; Data.CanReassign for an administrator over the step's
 * agency while a step runs. 0 or -1.
 */
static int
dossier_gaps(struct mc_request *r, const struct mc_dossier *d)
{
	struct mc_rows gaps;
	int	       rc;

	if (mc_routing_gaps(r->db, r->arena, d, &gaps) < 0)
		return -1;
	mc_routing_view(r->hdf, r->arena, "Data.Gaps", &gaps, 1);
	if (gaps.n > 0)
		mc_view_set(r->hdf, "Data.GapsKind",
		    d->status == STATUS_SUBMITTED	    ? "before" :
			mc_rows_int(&gaps, 0, 0) == d->step ? "stuck" :
							      "after");
	if (d->status != STATUS_ACCEPTED && d->status != STATUS_PROCESSING &&
	    d->status != STATUS_PAYMENT && d->status != STATUS_DECIDED)
		return 0;
	if ((rc = mc_admin_over_agency(r->db, r->arena, r->user,
		 d->current_agency_id)) < 0)
		return -1;
	if (rc == 1)
		mc_view_set(r->hdf, "Data.CanReassign", "1");
	return 0;
}

/*
 * Data.Decisions.N.{value,label}: the outcomes to choose from when the
 * current step is done (an exclusive gateway on the decision after it).
 */
static int
decisions_model(struct mc_request *r, const struct mc_dossier *d)
{
	const char *values[16], *labels[16];
	size_t	    i, n;

	if (mc_dossier_decisions(r->db, r->arena, d, values, labels, 16, &n) <
	    0)
		return -1;
	for (i = 0; i < n; i++) {
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Decisions.%zu.value", i),
		    values[i]);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Decisions.%zu.label", i),
		    labels[i] != NULL ? labels[i] : values[i]);
	}
	return 0;
}

/*
 * Data.Branches.k.Decisions.N.{value,label}: the outcomes to choose from
 * when the branch's step seq is done (an exclusive gateway within the
 * branch on the decision). 0 or -1.
 */
static int
branch_decisions(struct mc_request *r, const struct mc_dossier *d, int seq,
    size_t k)
{
	struct mc_dossier at = *d;
	const char	 *values[16], *labels[16];
	size_t		  i, n;

	at.step = seq;
	if (mc_dossier_decisions(r->db, r->arena, &at, values, labels, 16,
		&n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena,
			"Data.Branches.%zu.Decisions.%zu.value", k, i),
		    values[i]);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena,
			"Data.Branches.%zu.Decisions.%zu.label", k, i),
		    labels[i] != NULL ? labels[i] : values[i]);
	}
	return 0;
}

/*
 * Data.Branches.N.{seq,name,agency_name,due_at,Decisions}: the open steps of a
 * parallel consultation the officer may do, each with its own form; the
 * dossier's one "forward" is not offered while they are open. 0 or -1.
 */
static int
branches_model(struct mc_request *r, const struct mc_dossier *d,
    unsigned int *bits)
{
	int    seqs[MAX_BRANCHES];
	size_t i, j, n, k = 0;

	for (i = 0; i < d->steps.n; i++)
		if (mc_rows_int(&d->steps, i, DSTEP_SEQ) == d->step &&
		    mc_rows_int(&d->steps, i, DSTEP_BRANCH) == 1 &&
		    mc_rows_str(&d->steps, i, DSTEP_FINISHED) == NULL)
			*bits &= ~(1u << ACTION_FORWARD);
	if (mc_dossier_branch_steps(r->db, r->arena, r->user, d, seqs,
		MAX_BRANCHES, &n) < 0)
		return -1;
	for (j = 0; j < n; j++)
		for (i = 0; i < d->steps.n; i++) {
			if (mc_rows_int(&d->steps, i, DSTEP_SEQ) != seqs[j])
				continue;
			mc_view_set_int(r->hdf,
			    mc_arena_printf(r->arena, "Data.Branches.%zu.seq",
				k),
			    seqs[j]);
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Data.Branches.%zu.name",
				k),
			    mc_rows_str(&d->steps, i, DSTEP_NAME));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena,
				"Data.Branches.%zu.agency_name", k),
			    mc_rows_str(&d->steps, i, DSTEP_AGENCY_NAME));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena,
				"Data.Branches.%zu.due_at", k),
			    mc_rows_str(&d->steps, i, DSTEP_DUE));
			if (branch_decisions(r, d, seqs[j], k) < 0)
				return -1;
			k++;
		}
	return 0;
}

/*
 * Data.BranchAssign.N.{seq,name,role,agency_name,holder_name,Officers}: the
 * open steps of a parallel consultation the leader may give to an officer
 * of the step's agency (each branch its own holder). 0 or -1.
 */
static int
branch_assign_model(struct mc_request *r, const struct mc_dossier *d)
{
	struct mc_rows list;
	int	       seqs[MAX_BRANCHES];
	size_t	       i, j, n, k = 0;
	const char    *at;

	if (mc_dossier_branch_assignable(r->db, r->arena, r->user, d, seqs,
		MAX_BRANCHES, &n) < 0)
		return -1;
	for (j = 0; j < n; j++)
		for (i = 0; i < d->steps.n; i++) {
			if (mc_rows_int(&d->steps, i, DSTEP_SEQ) != seqs[j])
				continue;
			at = mc_arena_printf(r->arena, "Data.BranchAssign.%zu",
			    k++);
			mc_view_set_int(r->hdf,
			    mc_arena_printf(r->arena, "%s.seq", at), seqs[j]);
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.name", at),
			    mc_rows_str(&d->steps, i, DSTEP_NAME));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.role", at),
			    mc_rows_str(&d->steps, i, DSTEP_ROLE));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.agency_name", at),
			    mc_rows_str(&d->steps, i, DSTEP_AGENCY_NAME));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.holder_name", at),
			    mc_rows_str(&d->steps, i, DSTEP_HOLDER));
			if (mc_db_query(r->db, r->arena, &list,
				stmts[STMT_OFFICERS], "i",
				mc_rows_int(&d->steps, i, DSTEP_AGENCY)) < 0)
				return -1;
			mc_view_rows(r->hdf,
			    mc_arena_printf(r->arena, "%s.Officers", at),
			    &list);
		}
	return 0;
}

static int
page_dossier(struct mc_request *r)
{
	struct mc_dossier d;
	struct mc_rows	  list;
	unsigned int	  bits;
	time_t		  now = time(NULL);
	int		  rc, i;

	if ((rc = office_dossier(r, &d)) != 1)
		return rc;
	if (office_audit_view(r, &d) < 0)
		return 503;
	mc_dossier_model(r->hdf, r->arena, &d, now, 1);
	mc_dossier_picture_model(r->hdf, r->db, r->arena, &d);
	if (mc_dossier_expect_model(r->hdf, r->db, r->arena, &d, now) < 0)
		return 503;
	if (mc_eform_page_dossier(r, &d) < 0 || office_checklist(r, &d) < 0)
		return 503;
	if (mc_dossier_allowed(r->db, r->arena, r->user, &d, now, &bits) < 0 ||
	    branches_model(r, &d, &bits) < 0 || branch_assign_model(r, &d) < 0)
		return 503;
	for (i = 0; i < ACTION__MAX; i++)
		if (bits & (1u << i))
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Data.Actions.%s",
				mc_dossier_action_name((enum mc_action)i)),
			    "1");
	if (decisions_model(r, &d) < 0)
		return 503;
	if (mc_db_query(r->db, r->arena, &list, stmts[STMT_REASONS], "") < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Reasons", &list);
	if (dossier_gaps(r, &d) < 0 || office_feedback_dossier(r, &d) < 0)
		return 503;
	if (bits & (1u << ACTION_ASSIGN)) {
		if (mc_db_query(r->db, r->arena, &list, stmts[STMT_OFFICERS],
			"i", (long long)d.current_agency_id) < 0)
			return 503;
		mc_view_rows(r->hdf, "Data.Officers", &list);
	}
	if (strstr(r->query, "ok=1") != NULL) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Office.Done"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title", d.code);
	return mc_resp_page(r, "office/dossier.cs");
}

/* The numbered items of a form 02 as JSON, or NULL when none. */
static const char *
items_json(struct mc_request *r)
{
	json_t	   *arr = json_array();
	const char *item, *why, *out = NULL;
	char	   *s;
	int	    i;

	for (i = 0; i < MAX_ITEMS; i++) {
		item = mc_req_field(r, FIELD_ITEM1 + i);
		why = mc_req_field(r, FIELD_WHY1 + i);
		if (item == NULL || *item == '\0')
			continue;
		json_array_append_new(arr,
		    json_pack("{s:s,s:s}", "item", item, "reason",
			why ? why : ""));
	}
	if (json_array_size(arr) > 0 && (s = json_dumps(arr, JSON_COMPACT))) {
		out = mc_arena_strdup(r->arena, s);
		free(s);
	}
	json_decref(arr);
	return out;
}

/*
 * Stores the result files sent with the action (same checks as every
 * upload); 0, or the HTTP status of the error page already rendered.
 */
static int
result_files(struct mc_request *r, struct mc_file *files, size_t *n)
{
	const struct mc_param *p;
	const char	      *why;
	int		       i, rc;

	*n = 0;
	/* Every file checked before any is stored. */
	for (i = 0; i < MAX_RESULTS; i++) {
		if ((p = mc_req_param(r, FIELD_RESULT1 + i)) == NULL ||
		    p->len == 0) {
			if (mc_req_field_bad(r, FIELD_RESULT1 + i))
				return mc_app_error(r, 413,
				    mc_view_str(r->hdf, "Error.FileSize"));
			continue;
		}
		if ((rc = mc_files_check(p->value, p->len, NULL, &why)) < 0)
			return 503;
		if (rc == 1)
			return mc_app_error(r, 422, mc_view_str(r->hdf, why));
	}
	for (i = 0; i < MAX_RESULTS; i++) {
		if ((p = mc_req_param(r, FIELD_RESULT1 + i)) == NULL ||
		    p->len == 0)
			continue;
		if ((rc = mc_files_store(r->arena, p->value, p->len,
			 p->filename, &files[*n], &why)) < 0)
			return 503;
		if (rc == 1)
			return mc_app_error(r, 422, mc_view_str(r->hdf, why));
		(*n)++;
	}
	return 0;
}

static int
page_act(struct mc_request *r)
{
	struct mc_action_args args;
	struct mc_file	      results[MAX_RESULTS];
	const char	     *reason = mc_req_field(r, FIELD_REASON);
	const char	     *note = mc_req_field(r, FIELD_NOTE);
	int		      action, rc;

	action = mc_dossier_action_parse(mc_req_field(r, FIELD_ACTION));
	if (action < 0 || mc_req_field_bad(r, FIELD_NOTE))
		return 400;
	/* Signing asks for the password again (unless typed lately), before
	 * any file is stored. */
	if (action == ACTION_SIGN && (rc = office_reauth(r)) != 1)
		return rc;
	memset(&args, 0, sizeof(args));
	if ((rc = result_files(r, results, &args.nresults)) != 0)
		return rc;
	args.results = results;
	/* A reason picked from the list, then the officer's own words. */
	if (reason != NULL && *reason != '\0')
		note = note && *note ?
		    mc_arena_printf(r->arena, "%s. %s", reason, note) :
		    reason;
	args.note = note && *note ? note : NULL;
	args.items_json = items_json(r);
	args.officer_id = field_int(r, FIELD_OFFICER, 1, 1LL << 62);
	args.method = (int)field_int(r, FIELD_METHOD, 1, 3);
	args.new_due = mc_date_at(mc_req_field(r, FIELD_NEW_DUE), 17);
	args.expected_version = field_int(r, FIELD_VERSION, 1, 1LL << 31);
	args.decision = mc_req_field(r, FIELD_DECISION);
	args.step = (int)field_int(r, FIELD_STEP, 1, 999);
	/* The page asks whose fault a supplement request is (index 3). */
	args.cause = mc_req_field(r, FIELD_CAUSE);
	if (action == ACTION_REQUEST_SUPPLEMENT &&
	    (args.cause == NULL || *args.cause == '\0'))
		return mc_dossier_refusal(r, DOSSIER_BAD_INPUT, NULL,
		    "Office.NoCause");
	rc = mc_dossier_act(r->db, r->arena, r->user, r->cap[0],
	    (enum mc_action)action, &args, time(NULL));
	if (rc != 0)
		return mc_dossier_refusal(r, rc, NULL, NULL);
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "/can-bo/ho-so/%s?ok=1", r->cap[0]));
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/", page_inbox, ROUTE_LOGIN, ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/ho-so/{}", page_dossier, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_POST, "/can-bo/ho-so/{}/xu-ly", page_act, ROUTE_LOGIN,
	    ROLES_OFFICER },
};
/* clang-format on */

/*
 * Before each handler: days off and make-up days reread when changed (at
 * most a query a minute; on failure the table already loaded stays), and the
 * layout's notification count.
 */
static void
office_before(struct mc_request *r)
{
	mc_calendar_load(r->db);
	mc_notices_layout(r);
}

int
main(int argc, char *argv[])
{
	static const struct mc_app app = {
		.name = "office",
		.routes = routes,
		.nroutes = sizeof(routes) / sizeof(routes[0]),
		.fields = fields,
		.nfields = FIELD__MAX,
		.login_path = "/dich-vu/dang-nhap",
		.before = office_before,
		.modules = { &office_counter, &office_forms, &office_workflow,
		    &office_eform, &office_notifications, &office_calendar,
		    &office_leader, &office_webmaster, &office_procedures,
		    &office_routing, &office_synonyms, &office_eval,
		    &office_reports, &office_accounts, &office_feedback,
		    &office_audit, &office_eval_form, &office_dashboard,
		    &office_index766, &office_exports },
	};

	/* An export job for bin/worker, not the FastCGI program. */
	if (argc > 1 && strcmp(argv[1], "-x") == 0)
		return office_export_build(&app, argc, argv);
	return mc_app_run(&app, argc, argv);
}
