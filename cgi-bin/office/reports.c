/*
 * The statistics report for leaders (issue 11): a period, an agency with
 * its subtree within the reader's scope, a field, a procedure, a channel;
 * grouped by agency, procedure, field, channel or month, from the summary
 * tables only (lib/domain/mc_stats); drill-down to the dossiers behind a
 * number; exports to Excel, Word, PDF and CSV (lib/domain/mc_export).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_export.h"
#include "mc_fmt.h"
#include "mc_stats.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define MAX_SCOPE   16
#define DRILL_LIMIT 200
#define EXPORT_MAX  (64 * 1024 * 1024)
#define MAX_DAYS    (366 * 20)

enum field {
	FIELD_FROM,
	FIELD_TO,
	FIELD_AGENCY,
	FIELD_PROCEDURE,
	FIELD_FIELD,
	FIELD_CHANNEL,
	FIELD_BY,
	FIELD_METRIC,
	FIELD__MAX
};

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_FROM] = { "from", valid_line, 10, 0 },
	[FIELD_TO] = { "to", valid_line, 10, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_PROCEDURE] = { "procedure", valid_uint, 10, 0 },
	[FIELD_FIELD] = { "field", valid_uint, 10, 0 },
	[FIELD_CHANNEL] = { "channel", valid_uint, 1, 0 },
	[FIELD_BY] = { "by", valid_line, 12, 0 },
	[FIELD_METRIC] = { "metric", valid_line, 20, 0 },
};
/* clang-format on */

enum stmt {
	STMT_AGENCY,
	STMT_FIELDS,
	STMT_PROCEDURE,
	STMT_FIELD,
	STMT_DRILL,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCY] = "SELECT id, name, COALESCE(name_en, name), "
	    "COALESCE(parent_id, 0) FROM agencies WHERE id = ?",
	[STMT_FIELDS] = "SELECT id, name, COALESCE(name_en, name) AS name_en "
	    "FROM fields ORDER BY name",
	[STMT_PROCEDURE] = "SELECT name FROM procedures WHERE id = ?",
	[STMT_FIELD] = "SELECT name, COALESCE(name_en, name) FROM fields "
	    "WHERE id = ?",
	/*
	 * The dossiers behind a number: the same definitions as mc_stats
	 * (received on submission, closed on finished_at, due the original
	 * one), from the dossiers of the agency's subtree.
	 */
	[STMT_DRILL] = "WITH RECURSIVE sub (id) AS (SELECT id FROM agencies "
	    "WHERE id = ? UNION ALL SELECT a.id FROM agencies a "
	    "JOIN sub ON a.parent_id = sub.id) "
	    "SELECT d.code, d.status, d.applicant_name, p.name AS "
	    "procedure_name, ag.name AS agency_name, d.submitted_at, "
	    "d.finished_at, COALESCE(d.original_due_at, d.due_at) AS due_at "
	    "FROM dossiers d JOIN procedures p ON p.id = d.procedure_id "
	    "JOIN agencies ag ON ag.id = d.agency_id "
	    "WHERE d.agency_id IN (SELECT id FROM sub) "
	    "AND (? = 0 OR d.procedure_id = ?) AND (? = 0 OR d.channel = ?) "
	    "AND (? = 0 OR p.field_id = ?) AND ("
	    "(? = 'received' AND d.submitted_at >= ? AND d.submitted_at < ?) "
	    "OR (? IN ('resolved', 'early', 'ontime', 'late') "
	    "AND d.status IN (9, 10) AND d.finished_at >= ? "
	    "AND d.finished_at < ? AND (? = 'resolved' "
	    "OR (? = 'late' AND d.finished_at > COALESCE(d.original_due_at, "
	    "d.due_at)) OR (? = 'early' AND DATE(d.finished_at) < "
	    "DATE(COALESCE(d.original_due_at, d.due_at))) "
	    "OR (? = 'ontime' AND d.finished_at <= COALESCE(d.original_due_at, "
	    "d.due_at) AND DATE(d.finished_at) >= "
	    "DATE(COALESCE(d.original_due_at, d.due_at))))) "
	    "OR (? = 'refused' AND d.status = 3 AND d.finished_at >= ? "
	    "AND d.finished_at < ?) "
	    "OR (? = 'withdrawn' AND d.status = 7 AND d.finished_at >= ? "
	    "AND d.finished_at < ?) "
	    "OR (? IN ('pending', 'overdue') AND d.submitted_at < ? "
	    "AND (d.finished_at IS NULL OR d.finished_at >= ?) "
	    "AND (? = 'pending' OR (COALESCE(d.original_due_at, d.due_at) < "
	    "DATE_SUB(?, INTERVAL 1 DAY) AND (d.finished_at IS NOT NULL "
	    "OR d.status <> 5))))) "
	    "ORDER BY d.submitted_at, d.id LIMIT 200",
};
/* clang-format on */

/* The columns shown and exported, in order, with their kind. */
/* clang-format off */
static const struct {
	enum mc_stats_col   col;
	const char	   *drill; /* metric of the dossier list, or NULL */
} shown[] = {
	{ SC_CARRIED, NULL }, { SC_NEW_ONLINE, "received" },
	{ SC_NEW_COUNTER, "received" }, { SC_NEW_POST, "received" },
	{ SC_RECEIVED, NULL }, { SC_EARLY, "early" }, { SC_ONTIME, "ontime" },
	{ SC_LATE, "late" }, { SC_RESOLVED, "resolved" },
	{ SC_PENDING_INTIME, NULL }, { SC_PENDING_OVERDUE, "overdue" },
	{ SC_PENDING, "pending" }, { SC_WITHDRAWN, "withdrawn" },
	{ SC_REFUSED, "refused" }, { SC_SUPPLEMENTS, NULL },
	{ SC_APOLOGIES, NULL }, { SC_AVG_MINUTES, NULL },
	{ SC_P90_HOURS, NULL },
};
/* clang-format on */
#define NSHOWN (sizeof(shown) / sizeof(shown[0]))

/* clang-format off */
static const char *const by_names[] = {
	[STATS_BY_AGENCY] = "agency", [STATS_BY_PROCEDURE] = "procedure",
	[STATS_BY_FIELD] = "field", [STATS_BY_CHANNEL] = "channel",
	[STATS_BY_MONTH] = "month",
};
/* clang-format on */

/* What a request asks for, checked. */
struct query {
	struct mc_stats_filter f;
	enum mc_stats_by       by;
	char		       from[11], to[11];
	const char	      *scope; /* the agency's name (and filters) */
	const char	      *period;
};

static long long
uint_field(struct mc_request *r, int field, long long max)
{
	long long v = 0;

	if (mc_req_field(r, field) != NULL)
		mc_parse_ll(mc_req_field(r, field), 0, max, &v);
	return v;
}

/*
 * 1 if the reader leads (or administers) the agency or one above it, 0 if
 * not, -1 on error.
 */
static int
in_scope(struct mc_request *r, unsigned int agency)
{
	struct mc_rows ag;
	int	       depth;

	for (depth = 0; agency != 0 && depth < 8; depth++) {
		if (mc_auth_acts_for(r->user,
			ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN), agency))
			return 1;
		if (mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCY], "i",
			(long long)agency) < 0)
			return -1;
		if (ag.n == 0)
			return 0;
		agency = (unsigned int)mc_rows_int(&ag, 0, 3);
	}
	return 0;
}

static const char *
lang_name(struct mc_request *r, const char *vi, const char *en)
{
	return r->lang == LANG_EN && en != NULL ? en : vi;
}

static const char *
date_text(struct mc_request *r, const char *iso)
{
	char out[40];

	return mc_arena_strdup(r->arena,
	    mc_fmt_date(r->lang, iso, out, sizeof(out)));
}

/* The period's default: this month to today. */
static void
default_period(char from[11], char to[11])
{
	time_t	  now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(to, 11, "%Y-%m-%d", &tm);
	strftime(from, 11, "%Y-%m-01", &tm);
}

static int
bad(struct mc_request *r, const char *field, const char *key)
{
	mc_view_set(r->hdf, mc_arena_printf(r->arena, "Form.Errors.%s", field),
	    mc_view_str(r->hdf, mc_arena_printf(r->arena, "Stats.%s", key)));
	return 422;
}

/*
 * Reads and checks the query: 0, or an HTTP status (422 with the form's
 * errors set, 403 out of scope, 503).
 */
static int
read_query(struct mc_request *r, struct query *q)
{
	unsigned int   ids[MAX_SCOPE];
	struct mc_rows ag, x;
	const char    *by = mc_req_field(r, FIELD_BY);
	size_t	       n, i;
	int	       y, m, d, rc = 0;

	memset(q, 0, sizeof(*q));
	default_period(q->from, q->to);
	if (mc_req_field(r, FIELD_FROM) != NULL &&
	    *mc_req_field(r, FIELD_FROM) != '\0')
		snprintf(q->from, sizeof(q->from), "%s",
		    mc_req_field(r, FIELD_FROM));
	if (mc_req_field(r, FIELD_TO) != NULL &&
	    *mc_req_field(r, FIELD_TO) != '\0')
		snprintf(q->to, sizeof(q->to), "%s",
		    mc_req_field(r, FIELD_TO));
	mc_view_set(r->hdf, "Form.from", q->from);
	mc_view_set(r->hdf, "Form.to", q->to);
	if (mc_req_field_bad(r, FIELD_FROM) ||
	    mc_date_parse(q->from, &y, &m, &d) < 0)
		rc = bad(r, "from", "BadDate");
	if (mc_req_field_bad(r, FIELD_TO) ||
	    mc_date_parse(q->to, &y, &m, &d) < 0)
		rc = bad(r, "to", "BadDate");
	if (rc == 0 && strcmp(q->from, q->to) > 0)
		rc = bad(r, "to", "ToBeforeFrom");
	if (rc == 0 &&
	    mc_date_at(q->to, 12) - mc_date_at(q->from, 12) >
		(time_t)MAX_DAYS * 86400)
		rc = bad(r, "to", "TooLong");
	q->f.from = q->from;
	q->f.to = q->to;
	q->by = STATS_BY_AGENCY;
	for (i = 1; by != NULL && i <= STATS_BY_MONTH; i++)
		if (strcmp(by, by_names[i]) == 0)
			q->by = (enum mc_stats_by)i;
	mc_view_set(r->hdf, "Form.by", by_names[q->by]);
	q->f.procedure_id = uint_field(r, FIELD_PROCEDURE, 1LL << 31);
	q->f.field_id = uint_field(r, FIELD_FIELD, 1LL << 31);
	q->f.channel = (int)uint_field(r, FIELD_CHANNEL, 3);
	mc_view_set_int(r->hdf, "Form.procedure", q->f.procedure_id);
	mc_view_set_int(r->hdf, "Form.field", q->f.field_id);
	mc_view_set_int(r->hdf, "Form.channel", q->f.channel);
	/* The agency: asked for and within scope, else the reader's first. */
	n = mc_dossier_agencies(r->user,
	    ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN), ids, MAX_SCOPE);
	for (i = 0; i < n; i++) {
		if (mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCY], "i",
			(long long)ids[i]) < 0)
			return 503;
		if (ag.n == 0)
			continue;
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.MyAgencies.%zu.id", i),
		    ids[i]);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.MyAgencies.%zu.name", i),
		    lang_name(r, mc_rows_str(&ag, 0, 1),
			mc_rows_str(&ag, 0, 2)));
	}
	if (n == 0)
		return 403;
	q->f.agency = (unsigned int)uint_field(r, FIELD_AGENCY, 1LL << 32);
	if (q->f.agency == 0)
		q->f.agency = ids[0];
	switch (in_scope(r, q->f.agency)) {
	case -1:
		return 503;
	case 0:
		return 403;
	default:
		break;
	}
	mc_view_set_int(r->hdf, "Form.agency", q->f.agency);
	if (mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCY], "i",
		(long long)q->f.agency) < 0)
		return 503;
	q->scope = ag.n ?
	    lang_name(r, mc_rows_str(&ag, 0, 1), mc_rows_str(&ag, 0, 2)) :
	    "";
	if (q->f.procedure_id != 0) {
		if (mc_db_query(r->db, r->arena, &x, stmts[STMT_PROCEDURE],
			"i", q->f.procedure_id) < 0)
			return 503;
		if (x.n > 0) {
			mc_view_set(r->hdf, "Data.ProcedureName",
			    mc_rows_str(&x, 0, 0));
			q->scope = mc_arena_printf(r->arena, "%s; %s",
			    q->scope, mc_rows_str(&x, 0, 0));
		}
	}
	if (q->f.field_id != 0) {
		if (mc_db_query(r->db, r->arena, &x, stmts[STMT_FIELD], "i",
			q->f.field_id) < 0)
			return 503;
		if (x.n > 0)
			q->scope = mc_arena_printf(r->arena, "%s; %s",
			    q->scope,
			    lang_name(r, mc_rows_str(&x, 0, 0),
				mc_rows_str(&x, 0, 1)));
	}
	if (q->f.channel != 0)
		q->scope = mc_arena_printf(r->arena, "%s; %s", q->scope,
		    mc_view_str(r->hdf,
			mc_arena_printf(r->arena, "Channel.%d",
			    q->f.channel)));
	mc_view_set(r->hdf, "Data.Scope", q->scope);
	q->period = mc_arena_printf(r->arena, "%s %s %s %s",
	    mc_view_str(r->hdf, "Stats.From"), date_text(r, q->from),
	    mc_view_str(r->hdf, "Stats.To"), date_text(r, q->to));
	mc_view_set(r->hdf, "Data.Period", q->period);
	return rc;
}

/* A figure of a row as text: hours with one decimal for the average. */
static const char *
figure(struct mc_request *r, const struct mc_stats_row *row,
    enum mc_stats_col c)
{
	if (c == SC_AVG_MINUTES)
		return mc_arena_printf(r->arena, "%.1f",
		    (double)row->v[c] / 60.0);
	return mc_arena_printf(r->arena, "%lld", row->v[c]);
}

/* The name of a group: agency, procedure, field, channel or month. */
static const char *
group_name(struct mc_request *r, enum mc_stats_by by,
    const struct mc_stats_row *row)
{
	switch (by) {
	case STATS_BY_CHANNEL:
		return mc_view_str(r->hdf,
		    mc_arena_printf(r->arena, "Channel.%lld", row->key));
	case STATS_BY_MONTH:
		return mc_arena_printf(r->arena, "%02lld/%04lld",
		    row->key % 100, row->key / 100);
	default:
		return row->name != NULL ?
		    lang_name(r, row->name, row->name_en) :
		    mc_arena_printf(r->arena, "#%lld", row->key);
	}
}

static void
set_row(struct mc_request *r, const char *prefix, const struct query *q,
    const struct mc_stats_row *row)
{
	size_t i;

	mc_view_set_int(r->hdf, mc_arena_printf(r->arena, "%s.key", prefix),
	    row->key);
	if (row->key != 0)
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.name", prefix),
		    group_name(r, q->by, row));
	for (i = 0; i < NSHOWN; i++)
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.v.%s", prefix,
			mc_stats_col_name(shown[i].col)),
		    figure(r, row, shown[i].col));
}

static void
set_columns(struct mc_request *r)
{
	size_t i;

	for (i = 0; i < NSHOWN; i++) {
		const char *name = mc_stats_col_name(shown[i].col);

		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Cols.%zu.name", i), name);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Cols.%zu.title", i),
		    mc_view_str(r->hdf,
			mc_arena_printf(r->arena, "Stats.Col.%s", name)));
		if (shown[i].drill != NULL)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Data.Cols.%zu.drill",
				i),
			    shown[i].drill);
	}
}

static int
page_stats(struct mc_request *r)
{
	struct mc_stats_report rep;
	struct mc_rows	       flds;
	struct query	       q;
	size_t		       i;
	int		       rc;

	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Stats.Title"));
	set_columns(r);
	if (mc_db_query(r->db, r->arena, &flds, stmts[STMT_FIELDS], "") < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Fields", &flds);
	if ((rc = read_query(r, &q)) != 0) {
		if (rc == 422)
			mc_resp_page(r, "office/stats.cs");
		return rc;
	}
	if (mc_stats_report(r->db, r->arena, &q.f, q.by, &rep) < 0)
		return 503;
	for (i = 0; i < rep.n; i++)
		set_row(r, mc_arena_printf(r->arena, "Data.Rows.%zu", i), &q,
		    &rep.rows[i]);
	set_row(r, "Data.Total", &q, &rep.total);
	mc_view_set(r->hdf, "Data.Query",
	    mc_arena_printf(r->arena,
		"from=%s&to=%s&agency=%u&procedure=%lld&field=%lld"
		"&channel=%d",
		q.from, q.to, q.f.agency, q.f.procedure_id, q.f.field_id,
		q.f.channel));
	return mc_resp_page(r, "office/stats.cs");
}

/* clang-format off */
static const struct {
	const char *ext, *mime;
} formats[] = {
	{ "xlsx", "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet" },
	{ "docx", "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document" },
	{ "pdf", "application/pdf" },
	{ "csv", "text/csv; charset=utf-8" },
};
/* clang-format on */

/* The report as a table to export: the group then the figures. */
static void
export_table(struct mc_request *r, const struct query *q,
    const struct mc_stats_report *rep, struct mc_export_table *t)
{
	enum mc_export_kind *kinds;
	const char	   **heads, **cells;
	char		     today[11];
	time_t		     now = time(NULL);
	struct tm	     tm;
	size_t		     i, c, nc = NSHOWN + 1;

	memset(t, 0, sizeof(*t));
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	heads = mc_arena_alloc(r->arena, nc * sizeof(*heads));
	kinds = mc_arena_alloc(r->arena, nc * sizeof(*kinds));
	heads[0] = mc_view_str(r->hdf,
	    mc_arena_printf(r->arena, "Stats.By.%s", by_names[q->by]));
	kinds[0] = EXPORT_TEXT;
	for (c = 0; c < NSHOWN; c++) {
		heads[c + 1] = mc_view_str(r->hdf,
		    mc_arena_printf(r->arena, "Stats.Col.%s",
			mc_stats_col_name(shown[c].col)));
		kinds[c + 1] = shown[c].col == SC_AVG_MINUTES ?
		    EXPORT_DECIMAL :
		    EXPORT_INT;
	}
	cells = mc_arena_alloc(r->arena, (rep->n + 1) * nc * sizeof(*cells));
	for (i = 0; i <= rep->n; i++) {
		const struct mc_stats_row *row = i < rep->n ? &rep->rows[i] :
							      &rep->total;

		cells[i * nc] = i < rep->n ?
		    group_name(r, q->by, row) :
		    mc_view_str(r->hdf, "Stats.Total");
		for (c = 0; c < NSHOWN; c++)
			cells[i * nc + c + 1] = figure(r, row, shown[c].col);
	}
	t->title = mc_view_str(r->hdf, "Stats.Title");
	t->scope = mc_arena_printf(r->arena, "%s: %s",
	    mc_view_str(r->hdf, "Stats.Scope"), q->scope);
	t->period = mc_arena_printf(r->arena, "%s: %s",
	    mc_view_str(r->hdf, "Stats.Period"), q->period);
	t->dateline = mc_arena_printf(r->arena, "%s: %s",
	    mc_view_str(r->hdf, "Stats.Exported"), date_text(r, today));
	t->sheet = "ThongKe";
	t->page_label = mc_view_str(r->hdf, "Stats.Page");
	t->from = q->from;
	t->to = q->to;
	t->from_label = mc_view_str(r->hdf, "Stats.From");
	t->to_label = mc_view_str(r->hdf, "Stats.To");
	t->ncols = nc;
	t->heads = heads;
	t->kinds = kinds;
	t->nrows = rep->n + 1;
	t->cells = cells;
}

static int
page_export(struct mc_request *r)
{
	struct mc_stats_report rep;
	struct mc_export_table t;
	struct query	       q;
	const char	      *ext = r->ncap > 0 ? r->cap[0] : "";
	size_t		       i, f = sizeof(formats) / sizeof(formats[0]);
	int		       rc;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(ext, formats[i].ext) == 0)
			f = i;
	if (f == sizeof(formats) / sizeof(formats[0]))
		return 404;
	if ((rc = read_query(r, &q)) != 0)
		return rc == 422 ? 400 : rc;
	if (mc_stats_report(r->db, r->arena, &q.f, q.by, &rep) < 0)
		return 503;
	export_table(r, &q, &rep, &t);
	mc_buf_reset(&r->out);
	switch (f) {
	case 0:
		rc = mc_export_xlsx(r->arena, &t,
		    mc_config_get("tmp_dir", "/tmp"), &r->out);
		break;
	case 1:
		rc = mc_export_docx(r->arena, &t, &r->out);
		break;
	case 2:
		rc = mc_export_pdf(r->arena, &t, &r->out);
		break;
	default:
		rc = mc_export_csv(r->arena, &t, &r->out);
	}
	if (rc < 0)
		return 503;
	mc_resp_header(r, "Content-Type", formats[f].mime);
	mc_resp_header(r, "Content-Disposition",
	    mc_arena_printf(r->arena,
		"attachment; filename=\"thong-ke-%s-%s.%s\"", q.from, q.to,
		formats[f].ext));
	r->rendered = 1;
	return 200;
}

/* The dossiers behind a number of the report. */
static int
page_drill(struct mc_request *r)
{
	struct mc_rows rows;
	struct query   q;
	const char    *m = mc_req_field(r, FIELD_METRIC);
	const char    *from, *end;
	char	       next[11];
	time_t	       t;
	struct tm      tm;
	int	       rc;

	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Stats.DrillTitle"));
	if ((rc = read_query(r, &q)) != 0)
		return rc == 422 ? 400 : rc;
	if (m == NULL ||
	    (strcmp(m, "received") != 0 && strcmp(m, "resolved") != 0 &&
		strcmp(m, "early") != 0 && strcmp(m, "ontime") != 0 &&
		strcmp(m, "late") != 0 && strcmp(m, "refused") != 0 &&
		strcmp(m, "withdrawn") != 0 && strcmp(m, "pending") != 0 &&
		strcmp(m, "overdue") != 0))
		return 400;
	t = mc_date_at(q.to, 12) + 86400;
	localtime_r(&t, &tm);
	strftime(next, sizeof(next), "%Y-%m-%d", &tm);
	from = mc_arena_printf(r->arena, "%s 00:00:00", q.from);
	end = mc_arena_printf(r->arena, "%s 00:00:00", next);
	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_DRILL],
		"iiiiiii"
		"sss"
		"sssssss"
		"sss"
		"sss"
		"ssss"
		"s",
		(long long)q.f.agency, q.f.procedure_id, q.f.procedure_id,
		(long long)q.f.channel, (long long)q.f.channel, q.f.field_id,
		q.f.field_id, m, from, end, m, from, end, m, m, m, m, m, from,
		end, m, from, end, m, end, end, m, end) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Dossiers", &rows);
	mc_view_set(r->hdf, "Data.Metric", m);
	mc_view_set_int(r->hdf, "Data.Limit", DRILL_LIMIT);
	mc_view_set(r->hdf, "Data.Query",
	    mc_arena_printf(r->arena,
		"from=%s&to=%s&agency=%u&procedure=%lld&field=%lld"
		"&channel=%d",
		q.from, q.to, q.f.agency, q.f.procedure_id, q.f.field_id,
		q.f.channel));
	return mc_resp_page(r, "office/stats_dossiers.cs");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/thong-ke", page_stats, ROUTE_LOGIN,
	    ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN) },
	{ METHOD_GET, "/can-bo/thong-ke/ho-so", page_drill, ROUTE_LOGIN,
	    ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN) },
	{ METHOD_GET, "/can-bo/thong-ke/xuat/{}", page_export, ROUTE_LOGIN,
	    ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN) },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_reports = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
