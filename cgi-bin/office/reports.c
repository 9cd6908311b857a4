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
#include "mc_book.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_export.h"
#include "mc_fmt.h"
#include "mc_log.h"
#include "mc_papers.h"
#include "mc_stats.h"
#include "mc_units.h"
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
	FIELD_AFTER_AT,
	FIELD_AFTER_ID,
	FIELD_SEQ,
	FIELD_PDF,
	FIELD_UNITS,
	FIELD_BEFORE_AT,
	FIELD_BEFORE_ID,
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
	[FIELD_AFTER_AT] = { "after_at", valid_line, 19, 0 },
	[FIELD_AFTER_ID] = { "after_id", valid_uint, 20, 0 },
	[FIELD_SEQ] = { "n", valid_uint, 9, 0 },
	[FIELD_PDF] = { "pdf", valid_uint, 1, 0 },
	[FIELD_UNITS] = { "units", valid_line, 5, 0 },
	[FIELD_BEFORE_AT] = { "before_at", valid_line, 19, 0 },
	[FIELD_BEFORE_ID] = { "before_id", valid_uint, 20, 0 },
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
	    "WHERE id = ? UNION SELECT a.id FROM agencies a "
	    "JOIN sub ON a.parent_id = sub.id OR a.successor_id = sub.id) "
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
	const char	      *units; /* which units: today's or the time's */
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
 * 1 if the reader holds one of the roles (bits) at the agency or one above
 * it, 0 if not, -1 on error.
 */
static int
in_scope(struct mc_request *r, unsigned int agency, unsigned int roles)
{
	struct mc_rows ag;
	int	       depth;

	for (depth = 0; agency != 0 && depth < 8; depth++) {
		if (mc_auth_acts_for(r->user, roles, agency))
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
 * Reads and checks the query for a reader holding one of the roles at the
 * agency or above it: 0, or an HTTP status (422 with the form's errors
 * set, 403 out of scope, 503).
 */
static int
read_period_scope(struct mc_request *r, struct query *q, unsigned int roles)
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
	n = mc_dossier_agencies(r->user, roles, ids, MAX_SCOPE);
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
	switch (in_scope(r, q->f.agency, roles)) {
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

/*
 * read_period_scope, then the unit view: by today's units (a dissolved
 * unit's figures in its successor's row, its dossiers named as it) unless
 * the units of the time are asked for. Every report of this file.
 */
static int
read_scoped(struct mc_request *r, struct query *q, unsigned int roles)
{
	int rc = read_period_scope(r, q, roles);

	q->f.units_of_time = office_units_view(r, mc_req_field(r, FIELD_UNITS),
				 &q->units) == MC_UNITS_TIME;
	return rc;
}

int
office_units_view(struct mc_request *r, const char *word, const char **said)
{
	int	    view = mc_units_view(word);
	const char *s = mc_view_str(r->hdf,
	    view == MC_UNITS_TIME ? "Stats.Units.time" : "Stats.Units.today");

	mc_view_set(r->hdf, "Form.units", mc_units_view_word(view));
	mc_view_set(r->hdf, "Data.Units", s);
	if (said != NULL)
		*said = s;
	return view;
}

/* The statistics' query: leaders and administrators. */
static int
read_query(struct mc_request *r, struct query *q)
{
	return read_scoped(r, q, ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN));
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

#define PENDING_MONTHS 6

/*
 * The dossiers pending at the end of the period and at the end of each of
 * the months before it (Data.Pending.N: day, from, pending, intime,
 * overdue), from the summaries' stocks; 0 or -1.
 */
static int
set_pending(struct mc_request *r, const struct query *q)
{
	struct tm   tm;
	time_t	    t;
	char	    day[11], from[11];
	const char *pfx;
	long long   v[3];
	int	    k, y, m, d;

	if (mc_date_parse(q->to, &y, &m, &d) < 0)
		return 0;
	for (k = 0; k <= PENDING_MONTHS; k++) {
		if (k == 0) {
			snprintf(day, sizeof(day), "%s", q->to);
			snprintf(from, sizeof(from), "%s", q->from);
		} else {
			/* Day 0 of a month: the last day of the one before. */
			memset(&tm, 0, sizeof(tm));
			tm.tm_year = y - 1900;
			tm.tm_mon = m - k;
			tm.tm_mday = 0;
			tm.tm_hour = 12;
			tm.tm_isdst = -1;
			t = mktime(&tm);
			localtime_r(&t, &tm);
			strftime(day, sizeof(day), "%Y-%m-%d", &tm);
			strftime(from, sizeof(from), "%Y-%m-01", &tm);
		}
		if (mc_stats_pending_at(r->db, r->arena, &q->f, day, &v[0],
			&v[1], &v[2]) < 0)
			return -1;
		pfx = mc_arena_printf(r->arena, "Data.Pending.%d", k);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.day", pfx),
		    day);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.from", pfx),
		    from);
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "%s.pending", pfx), v[0]);
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "%s.intime", pfx), v[1]);
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "%s.overdue", pfx), v[2]);
	}
	mc_view_set(r->hdf, "Data.ScopeQuery",
	    mc_arena_printf(r->arena,
		"agency=%u&procedure=%lld&field=%lld&channel=%d", q->f.agency,
		q->f.procedure_id, q->f.field_id, q->f.channel));
	return 0;
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
	if (set_pending(r, &q) < 0)
		return 503;
	mc_view_set(r->hdf, "Data.Query",
	    mc_arena_printf(r->arena,
		"from=%s&to=%s&agency=%u&procedure=%lld&field=%lld"
		"&channel=%d&units=%s",
		q.from, q.to, q.f.agency, q.f.procedure_id, q.f.field_id,
		q.f.channel, q.f.units_of_time ? "time" : "today"));
	return mc_resp_page(r, "office/stats.cs");
}

/* The export formats, in the order of their links. */
enum export_fmt { FMT_XLSX, FMT_DOCX, FMT_PDF, FMT_CSV, FMT__MAX };

/* clang-format off */
static const struct {
	const char *ext, *mime;
} formats[FMT__MAX] = {
	[FMT_XLSX] = { "xlsx", "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet" },
	[FMT_DOCX] = { "docx", "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document" },
	[FMT_PDF] = { "pdf", "application/pdf" },
	[FMT_CSV] = { "csv", "text/csv; charset=utf-8" },
};
/* clang-format on */

/* The format named by the address's last part (…/xuat/{ext}), or -1. */
static int
export_format(struct mc_request *r)
{
	const char *ext = r->ncap > 0 ? r->cap[r->ncap - 1] : "";
	int	    i;

	for (i = 0; i < FMT__MAX; i++)
		if (strcmp(ext, formats[i].ext) == 0)
			return i;
	return -1;
}

/* Clears t and sets its heading: scope, period, the day of the export. */
static void
export_heading(struct mc_request *r, const struct query *q,
    struct mc_export_table *t)
{
	char	  today[11];
	time_t	  now = time(NULL);
	struct tm tm;

	memset(t, 0, sizeof(*t));
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	t->scope = q->units != NULL ?
	    mc_arena_printf(r->arena, "%s: %s. %s: %s",
		mc_view_str(r->hdf, "Stats.Scope"), q->scope,
		mc_view_str(r->hdf, "Stats.Units.Label"), q->units) :
	    mc_arena_printf(r->arena, "%s: %s",
		mc_view_str(r->hdf, "Stats.Scope"), q->scope);
	t->period = mc_arena_printf(r->arena, "%s: %s",
	    mc_view_str(r->hdf, "Stats.Period"), q->period);
	t->dateline = mc_arena_printf(r->arena, "%s: %s",
	    mc_view_str(r->hdf, "Stats.Exported"), date_text(r, today));
	t->page_label = mc_view_str(r->hdf, "Stats.Page");
	t->from = q->from;
	t->to = q->to;
	t->from_label = mc_view_str(r->hdf, "Stats.From");
	t->to_label = mc_view_str(r->hdf, "Stats.To");
}

/*
 * Sends the table as a file of format fmt named name-from-to.ext, the
 * export written to the audit log; 200 or 503. Every report's exports
 * go through here.
 */
static int
send_export(struct mc_request *r, const struct query *q,
    const struct mc_export_table *t, int fmt, const char *name)
{
	int rc;

	mc_buf_reset(&r->out);
	switch (fmt) {
	case FMT_XLSX:
		rc = mc_export_xlsx(r->arena, t,
		    mc_config_get("tmp_dir", "/tmp"), &r->out);
		break;
	case FMT_DOCX:
		rc = mc_export_docx(r->arena, t,
		    mc_config_get("tmp_dir", "/tmp"), &r->out);
		break;
	case FMT_PDF:
		rc = mc_export_pdf(r->arena, t, &r->out);
		break;
	default:
		rc = mc_export_csv(r->arena, t, &r->out);
	}
	if (rc < 0 ||
	    office_audit_log(r, AUDIT_EXPORT,
		mc_arena_printf(r->arena, "%s.%s %s..%s agency=%u", name,
		    formats[fmt].ext, q->from, q->to, q->f.agency),
		q->f.agency) < 0)
		return 503;
	mc_resp_header(r, "Content-Type", formats[fmt].mime);
	mc_resp_header(r, "Content-Disposition",
	    mc_arena_printf(r->arena, "attachment; filename=\"%s-%s-%s.%s\"",
		name, q->from, q->to, formats[fmt].ext));
	r->rendered = 1;
	return 200;
}

/* The report as a table to export: the group then the figures. */
static void
export_table(struct mc_request *r, const struct query *q,
    const struct mc_stats_report *rep, struct mc_export_table *t)
{
	enum mc_export_kind *kinds;
	const char	   **heads, **cells;
	size_t		     i, c, nc = NSHOWN + 1;

	export_heading(r, q, t);
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
	t->sheet = "ThongKe";
	t->ncols = nc;
	t->heads = heads;
	t->kinds = kinds;
	t->nrows = rep->n + 1;
	t->cells = cells;
}

/*
 * The statistics' export, built in the request: its rows come from the
 * summaries and are bounded by the catalogue, not by the dossiers (one a
 * unit, procedure, field, channel, or month of at most MAX_DAYS), unlike
 * the registers' (register_queue: a job).
 */
static int
page_export(struct mc_request *r)
{
	struct mc_stats_report rep;
	struct mc_export_table t;
	struct query	       q;
	int		       fmt, rc;

	if ((fmt = export_format(r)) < 0)
		return 404;
	if ((rc = read_query(r, &q)) != 0)
		return rc == 422 ? 400 : rc;
	if (mc_stats_report(r->db, r->arena, &q.f, q.by, &rep) < 0)
		return 503;
	export_table(r, &q, &rep, &t);
	return send_export(r, &q, &t, fmt, "thong-ke");
}

int
office_report_query(struct mc_request *r, unsigned int roles,
    struct office_report *out)
{
	struct query q;
	int	     rc = read_period_scope(r, &q, roles);

	memset(out, 0, sizeof(*out));
	snprintf(out->from, sizeof(out->from), "%s", q.from);
	snprintf(out->to, sizeof(out->to), "%s", q.to);
	out->agency = q.f.agency;
	out->scope = q.scope;
	out->period = q.period;
	return rc;
}

int
office_report_export(struct mc_request *r, const struct office_report *rep,
    const struct mc_export_table *body, const char *name)
{
	struct mc_export_table t;
	struct query	       q;
	int		       fmt;

	if ((fmt = export_format(r)) < 0)
		return 404;
	memset(&q, 0, sizeof(q));
	snprintf(q.from, sizeof(q.from), "%s", rep->from);
	snprintf(q.to, sizeof(q.to), "%s", rep->to);
	q.f.from = q.from;
	q.f.to = q.to;
	q.f.agency = rep->agency;
	q.scope = rep->scope;
	q.period = rep->period;
	export_heading(r, &q, &t);
	t.title = body->title;
	t.sheet = body->sheet;
	t.ncols = body->ncols;
	t.heads = body->heads;
	t.kinds = body->kinds;
	t.widths = body->widths;
	t.nrows = body->nrows;
	t.cells = body->cells;
	return send_export(r, &q, &t, fmt, name);
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

/*
 * The registers (issue 11): the tracking book (form 06), the late
 * dossiers with their apologies and the officers' workload, for the
 * agency (and subtree) of any officer's scope; lib/domain/mc_book.
 */
#define BOOK_PER_PAGE 50
/*
 * Rows of a register's Word file at most: its document.xml (about 2 KB a
 * row) stays under the 4 GiB of a zip without ZIP64. Excel, PDF and CSV
 * take every row (memory flat in each).
 */
#define REGISTER_DOCX_MAX 1000000
#define REGISTER_BATCH	  1000

/* A date and time of a row for the reader ("" for NULL). */
static const char *
when(struct mc_request *r, const char *iso)
{
	char out[48];

	if (iso == NULL)
		return "";
	return mc_arena_strdup(r->arena,
	    mc_fmt_datetime(r->lang, iso, out, sizeof(out)));
}

static const char *
text(struct mc_request *r, const char *key)
{
	return mc_view_str(r->hdf,
	    mc_arena_printf(r->arena, "Reports.%s", key));
}

/*
 * A keyset's time (after_at, before_at): *at NULL when absent or empty;
 * 0, or 400 when malformed.
 */
static int
keyset_time(struct mc_request *r, int field, const char **at)
{
	const char *v = mc_req_field(r, field);

	*at = NULL;
	if (mc_req_field_bad(r, field))
		return 400;
	if (v == NULL || *v == '\0')
		return 0;
	if (strlen(v) != 19 || mc_time_parse(v) == 0)
		return 400;
	*at = v;
	return 0;
}

/* The keyset of the page asked for: 0, or 400 when malformed. */
static int
read_after(struct mc_request *r, struct mc_book_filter *f, long long *seq)
{
	*seq = uint_field(r, FIELD_SEQ, 1000000000LL);
	f->after_id = uint_field(r, FIELD_AFTER_ID, 1LL << 62);
	if (mc_req_field_bad(r, FIELD_AFTER_ID) ||
	    mc_req_field_bad(r, FIELD_SEQ))
		return 400;
	return keyset_time(r, FIELD_AFTER_AT, &f->after_at);
}

/* A register's backwards keyset (the previous page): 0, or 400. */
static int
read_before(struct mc_request *r, struct mc_book_filter *f)
{
	f->before_id = uint_field(r, FIELD_BEFORE_ID, 1LL << 62);
	if (mc_req_field_bad(r, FIELD_BEFORE_ID) ||
	    keyset_time(r, FIELD_BEFORE_AT, &f->before_at) != 0 ||
	    (f->before_at != NULL && f->after_at != NULL))
		return 400;
	return 0;
}

/* Query string of a report's filters (agency, field, period). */
static const char *
register_query(struct mc_request *r, const struct query *q)
{
	return mc_arena_printf(r->arena,
	    "agency=%u&field=%lld&from=%s&to=%s&units=%s", q->f.agency,
	    q->f.field_id, q->from, q->to,
	    mc_units_view_word(q->f.units_of_time));
}

/*
 * The common part of a register page: title, fields, its address and
 * exports' (Data.Action, Data.Export), the query; 0 or an HTTP status.
 */
static int
register_begin(struct mc_request *r, struct query *q, const char *title,
    const char *tmpl, const char *action)
{
	struct mc_rows flds;
	int	       rc;

	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title", title);
	mc_view_set(r->hdf, "Data.Action", action);
	mc_view_set(r->hdf, "Data.Export",
	    mc_arena_printf(r->arena, "%s/xuat", action));
	if (mc_db_query(r->db, r->arena, &flds, stmts[STMT_FIELDS], "") < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Fields", &flds);
	if ((rc = read_scoped(r, q, ROLES_OFFICER)) != 0) {
		if (rc == 422)
			mc_resp_page(r, tmpl);
		return rc;
	}
	mc_view_set(r->hdf, "Data.Query", register_query(r, q));
	if ((rc = in_scope(r, q->f.agency,
		 ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN))) < 0)
		return 503;
	mc_view_set_int(r->hdf, "Data.CanStats", rc);
	return 0;
}

/* The filter of a register: the query's agency, field and period. */
static void
register_filter(const struct query *q, struct mc_book_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->agency = q->f.agency;
	f->field_id = q->f.field_id;
	f->from = q->from;
	f->to = q->to;
	f->units = q->f.units_of_time;
}

/* The rows a keyset register's page shows, of those read. */
struct window {
	size_t first, nshow; /* rows[first, first + nshow) */
	int    more;	     /* rows follow */
	int    earlier;	     /* rows come before */
};

/*
 * The window of a keyset register's page read one row past BOOK_PER_PAGE,
 * forwards or backwards (f->before_at; *seq 0 when back to the first).
 */
static void
register_window(const struct mc_book_filter *f, const struct mc_rows *rows,
    long long *seq, struct window *w)
{
	w->first = 0;
	w->more = rows->n > BOOK_PER_PAGE;
	w->earlier = f->after_at != NULL;
	if (f->before_at != NULL) {
		/*
		 * Backwards: a row more than a page (the first) says rows
		 * come before; the row the page ends before follows it.
		 */
		w->earlier = rows->n > BOOK_PER_PAGE;
		w->first = w->earlier ? 1 : 0;
		w->more = 1;
		if (!w->earlier)
			*seq = 0;
	}
	w->nshow = rows->n - w->first < BOOK_PER_PAGE ? rows->n - w->first :
							BOOK_PER_PAGE;
}

/*
 * The pager of a keyset register's page: the window's rows, numbered
 * from seq + 1 (Data.First, Data.Last); the next page's query, after the
 * last row shown by the keyset's columns at, id (Data.Next), when more
 * follow; the first page's (Data.Paged) and the previous page's, before
 * the first row shown (Data.Prev), when rows come before.
 */
static void
register_pager(struct mc_request *r, const struct query *q,
    const struct mc_rows *rows, const struct window *w, long long seq, int at,
    int id)
{
	size_t last = w->first + w->nshow - 1;

	mc_view_set_int(r->hdf, "Data.First", seq + 1);
	mc_view_set_int(r->hdf, "Data.Last", seq + (long long)w->nshow);
	if (w->nshow == 0)
		return;
	if (w->more)
		mc_view_set(r->hdf, "Data.Next",
		    mc_arena_printf(r->arena,
			"%s&after_at=%s&after_id=%s&n=%lld",
			register_query(r, q), mc_rows_str(rows, last, at),
			mc_rows_str(rows, last, id),
			seq + (long long)w->nshow));
	if (!w->earlier)
		return;
	mc_view_set_int(r->hdf, "Data.Paged", 1);
	mc_view_set(r->hdf, "Data.Prev",
	    mc_arena_printf(r->arena, "%s&before_at=%s&before_id=%s&n=%lld",
		register_query(r, q), mc_rows_str(rows, w->first, at),
		mc_rows_str(rows, w->first, id),
		seq > BOOK_PER_PAGE ? seq - BOOK_PER_PAGE : 0));
}

/* The book's note of row i: refused, late, apology with its new date... */
static const char *
book_note(struct mc_request *r, const struct mc_rows *rows, size_t i,
    time_t now)
{
	/* clang-format off */
	static const struct {
		unsigned int bit;
		const char  *key;
	} notes[] = {
		{ BOOK_NOTE_REFUSED, "refused" },
		{ BOOK_NOTE_WITHDRAWN, "withdrawn" },
		{ BOOK_NOTE_STOPPED, "stopped" },
		{ BOOK_NOTE_EARLY, "early" },
		{ BOOK_NOTE_LATE, "late" },
		{ BOOK_NOTE_OVERDUE, "overdue" },
		{ BOOK_NOTE_APOLOGY, "apology" },
	};
	/* clang-format on */
	unsigned int bits = mc_book_note(rows, i, now);
	const char  *out = "", *one;
	size_t	     k;

	for (k = 0; k < sizeof(notes) / sizeof(notes[0]); k++) {
		if ((bits & notes[k].bit) == 0)
			continue;
		one = text(r,
		    mc_arena_printf(r->arena, "Note.%s", notes[k].key));
		if (notes[k].bit == BOOK_NOTE_APOLOGY)
			one = mc_arena_printf(r->arena, "%s %s", one,
			    when(r, mc_rows_str(rows, i, BOOK_NEW_DUE)));
		out = *out == '\0' ?
		    one :
		    mc_arena_printf(r->arena, "%s; %s", out, one);
	}
	return out;
}

/* The book's columns, as shown and exported. */
enum book_show {
	BS_SEQ,
	BS_CODE,
	BS_PROCEDURE,
	BS_APPLICANT,
	BS_AGENCY,
	BS_RECEIVED,
	BS_DUE,
	BS_HANDED,
	BS_RESULT,
	BS_RETURNED,
	BS_NOTE,
	BS__MAX
};

/* clang-format off */
static const char *const book_keys[BS__MAX] = {
	[BS_SEQ] = "seq", [BS_CODE] = "code", [BS_PROCEDURE] = "procedure",
	[BS_APPLICANT] = "applicant", [BS_AGENCY] = "agency",
	[BS_RECEIVED] = "received", [BS_DUE] = "due", [BS_HANDED] = "handed",
	[BS_RESULT] = "result", [BS_RETURNED] = "returned",
	[BS_NOTE] = "note",
};
/* clang-format on */

/* Row i of a book page as its cells (BS__MAX). */
static void
book_cells(struct mc_request *r, const struct mc_rows *rows, size_t i,
    long long seq, time_t now, const char **c)
{
	const char *ret = mc_rows_str(rows, i, BOOK_RETURNED);
	const char *to = mc_rows_str(rows, i, BOOK_HANDED_TO);

	c[BS_SEQ] = mc_arena_printf(r->arena, "%lld", seq);
	c[BS_CODE] = mc_rows_str(rows, i, BOOK_CODE);
	c[BS_PROCEDURE] = mc_rows_str(rows, i, BOOK_PROCEDURE);
	c[BS_APPLICANT] = mc_rows_str(rows, i, BOOK_APPLICANT);
	c[BS_AGENCY] = mc_rows_str(rows, i, BOOK_AGENCY);
	c[BS_RECEIVED] = when(r, mc_rows_str(rows, i, BOOK_RECEIVED));
	c[BS_DUE] = when(r, mc_rows_str(rows, i, BOOK_DUE));
	c[BS_HANDED] = mc_rows_str(rows, i, BOOK_HANDED_AT) == NULL ?
	    "" :
	    mc_arena_printf(r->arena, "%s%s%s",
		when(r, mc_rows_str(rows, i, BOOK_HANDED_AT)),
		to != NULL ? " · " : "", to != NULL ? to : "");
	c[BS_RESULT] = when(r, mc_rows_str(rows, i, BOOK_RESULT_AT));
	c[BS_RETURNED] = ret == NULL ?
	    "" :
	    mc_arena_printf(r->arena, "%s · %s", when(r, ret),
		mc_view_str(r->hdf,
		    mc_arena_printf(r->arena, "Channel.%lld",
			mc_rows_int(rows, i, BOOK_RETURN_METHOD))));
	c[BS_NOTE] = book_note(r, rows, i, now);
}

/* Sets Data.Cols.N.key and .title of a register (Reports.<group>.key). */
static void
set_heads(struct mc_request *r, const char *group, const char *const *keys,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Cols.%zu.key", i),
		    keys[i]);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Cols.%zu.title", i),
		    text(r,
			mc_arena_printf(r->arena, "%s.%s", group, keys[i])));
	}
}

/* Sets prefix.N.<key> of one row's cells. */
static void
set_cells(struct mc_request *r, const char *prefix, size_t n,
    const char *const *keys, const char *const *c, size_t ncols)
{
	size_t k;

	for (k = 0; k < ncols; k++)
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.%zu.%s", prefix, n, keys[k]),
		    c[k]);
}

/* The tracking book (form 06): the page, and form 06 as PDF (pdf=1). */
static int
page_book(struct mc_request *r)
{
	struct mc_book_filter f;
	struct mc_rows	      rows;
	struct query	      q;
	const char	     *c[BS__MAX];
	struct window	      w;
	time_t		      now = time(NULL), from, to;
	long long	      seq;
	size_t		      i;
	int		      rc;

	mc_view_set_int(r->hdf, "Data.Pdf", 1);
	mc_view_set_int(r->hdf, "Data.ExportJob", 1);
	if ((rc = register_begin(r, &q, mc_view_str(r->hdf, "Book.Title"),
		 "office/book.cs", "/can-bo/so-theo-doi")) != 0)
		return rc;
	if (mc_req_field(r, FIELD_PDF) != NULL) {
		from = mc_date_at(q.from, 0);
		to = mc_date_at(q.to, 0) + 86400;
		if (mc_papers_book_pdf(r->db, r->arena, q.f.agency,
			q.f.field_id, from, to, &r->out) < 0)
			return 503;
		mc_resp_header(r, "Content-Type", "application/pdf");
		mc_resp_header(r, "Content-Disposition",
		    "inline; filename=\"so-theo-doi-ho-so.pdf\"");
		r->rendered = 1;
		return 200;
	}
	register_filter(&q, &f);
	if ((rc = read_after(r, &f, &seq)) != 0 ||
	    (rc = read_before(r, &f)) != 0)
		return rc;
	f.limit = BOOK_PER_PAGE + 1;
	if (mc_book_page(r->db, r->arena, &f, &rows) < 0)
		return 503;
	register_window(&f, &rows, &seq, &w);
	set_heads(r, "BookCol", book_keys, BS__MAX);
	for (i = 0; i < w.nshow; i++) {
		book_cells(r, &rows, w.first + i, seq + (long long)i + 1, now,
		    c);
		set_cells(r, "Data.Book", i, book_keys, c, BS__MAX);
	}
	register_pager(r, &q, &rows, &w, seq, BOOK_RECEIVED, BOOK_ID);
	return mc_resp_page(r, "office/book.cs");
}

/* A register as exported: its title, sheet, file name and columns. */
struct register_def {
	const char	  *title; /* the key of its title */
	const char	  *sheet, *file;
	const char	  *group; /* its heads: Reports.<group>.<key> */
	const char *const *keys;
	const enum mc_export_kind *kinds;
	const double		  *widths; /* in the PDF */
	size_t			   ncols;
};

/* The heads of a register's table from its keys (Reports.<group>.key). */
static const char **
register_heads(struct mc_request *r, const char *group,
    const char *const *keys, size_t n)
{
	const char **h = mc_arena_alloc(r->arena, n * sizeof(*h));
	size_t	     i;

	for (i = 0; i < n; i++)
		h[i] = text(r,
		    mc_arena_printf(r->arena, "%s.%s", group, keys[i]));
	return h;
}

/* Sends n rows of a register's cells (n * ncols) in format fmt. */
static int
send_register(struct mc_request *r, const struct query *q,
    const struct register_def *d, const char **cells, size_t n, int fmt)
{
	struct mc_export_table t;

	export_heading(r, q, &t);
	t.title = mc_view_str(r->hdf, d->title);
	t.sheet = d->sheet;
	t.ncols = d->ncols;
	t.heads = register_heads(r, d->group, d->keys, d->ncols);
	t.kinds = d->kinds;
	t.widths = d->widths;
	t.nrows = n;
	t.cells = cells;
	return send_export(r, q, &t, fmt, d->file);
}

/* A register read a keyset page at a time: the book, the late list. */
struct register_pages {
	const struct register_def *def;
	/* The page of f->limit rows after f's keyset; 0 or -1. */
	int (*page)(struct mc_request *, struct mc_book_filter *, time_t,
	    struct mc_rows *);
	/* Row i as the export's cells, numbered seq. */
	void (*cells)(struct mc_request *, const struct mc_rows *, size_t,
	    long long seq, time_t, const char **);
	int at, id; /* the keyset's columns */
};

/* What takes a register's batch of rows (t's): < 0 stops the reading. */
typedef int (*register_put)(struct mc_request *, struct mc_export_table *t,
    size_t done, void *arg);

/*
 * Every row of a keyset register, a batch of REGISTER_BATCH at a time,
 * each batch's memory given back before the next, handed to put as t's
 * rows (done: the rows read so far, this batch's with them): 1 once every
 * row went, 0 if put stopped, -1 if a query failed; *done the rows read.
 *
 * Each batch reads a window of sort time (f->until) from its keyset, so
 * that the server reads about a batch's rows, not every row left to the
 * period's end (the sort of all of them each time made a 1M-row export
 * take hours): the window halves when a batch fills, doubles when it holds
 * less than half a batch, and once it ends with rows still to come the
 * next batch starts at its end.
 */
static int
register_batches(struct mc_request *r, const struct register_pages *p,
    struct mc_book_filter *f, struct mc_export_table *t, register_put put,
    void *arg, size_t *done)
{
	struct mc_rows	 rows;
	struct mc_arena *keep = r->arena, *batch;
	const char     **cells;
	char		 at[32], until[20];
	time_t		 now = time(NULL), start, end;
	time_t		 span = 3600; /* the window, in seconds */
	size_t		 i, n = 0, nc = p->def->ncols;
	int		 rc = 1;

	*done = 0;
	if ((batch = mc_arena_new(1 << 16)) == NULL)
		return -1;
	f->limit = REGISTER_BATCH;
	start = mc_date_at(f->from, 0);
	end = mc_date_at(f->to, 0) + 36 * 3600; /* past to's day, as mc_book */
	for (;;) {
		r->arena = batch;
		if (end - start > span) {
			mc_time_sql(until, start + span);
			f->until = until;
		} else
			f->until = NULL; /* the period's end */
		if (p->page(r, f, now, &rows) < 0) {
			rc = -1;
			break;
		}
		cells = mc_arena_alloc(batch,
		    (rows.n + 1) * nc * sizeof(*cells));
		for (i = 0; i < rows.n; i++, n++)
			p->cells(r, &rows, i, (long long)n + 1, now,
			    &cells[i * nc]);
		t->nrows = rows.n;
		t->cells = cells;
		*done = n;
		/* An empty window goes on (a beat changing nothing is lost). */
		if (rows.n > 0 && put(r, t, n, arg) < 0) {
			rc = 0;
			break;
		}
		if (rows.n == REGISTER_BATCH) { /* the window holds more */
			snprintf(at, sizeof(at), "%s",
			    mc_rows_str(&rows, rows.n - 1, p->at));
			f->after_at = at;
			f->after_id = mc_rows_int(&rows, rows.n - 1, p->id);
			start = mc_time_parse(at);
			if (span > 1)
				span /= 2;
		} else if (f->until == NULL)
			break; /* the last window: every row went */
		else { /* the window is done: the next starts at its end */
			snprintf(at, sizeof(at), "%s", until);
			f->after_at = at;
			f->after_id = 0;
			start = mc_time_parse(at);
			if (rows.n < REGISTER_BATCH / 2 && span < 366 * 86400)
				span *= 2;
		}
		r->arena = keep;
		mc_arena_reset(batch);
	}
	r->arena = keep;
	f->after_at = f->until = NULL; /* at and until are this function's */
	mc_arena_free(batch);
	return rc;
}

/* A batch of the CSV sent (register_put); the client gone stops it. */
static int
put_csv(struct mc_request *r, struct mc_export_table *t, size_t done,
    void *arg)
{
	(void)done;
	(void)arg;
	return mc_export_csv_rows(t, &r->out) < 0 || mc_resp_send(r) < 0 ? -1 :
									   0;
}

/*
 * The CSV of a keyset register sent as it is read (mc_resp_stream), a
 * batch at a time (register_batches), every row of the query: a large
 * register never waits whole in memory nor keeps
 * the request silent. 200 (a failure once the answer started cuts the
 * file short and is logged), or 503 while nothing went out.
 */
static int
register_stream_csv(struct mc_request *r, const struct query *q,
    const struct register_pages *p, struct mc_book_filter *f)
{
	struct mc_export_table t;
	size_t		       n;

	export_heading(r, q, &t);
	t.ncols = p->def->ncols;
	t.heads = register_heads(r, p->def->group, p->def->keys, t.ncols);
	t.kinds = p->def->kinds;
	if (office_audit_log(r, AUDIT_EXPORT,
		mc_arena_printf(r->arena, "%s.csv %s..%s agency=%u",
		    p->def->file, q->from, q->to, q->f.agency),
		q->f.agency) < 0)
		return 503;
	mc_resp_header(r, "Content-Type", formats[FMT_CSV].mime);
	mc_resp_header(r, "Content-Disposition",
	    mc_arena_printf(r->arena, "attachment; filename=\"%s-%s-%s.csv\"",
		p->def->file, q->from, q->to));
	if (mc_resp_stream(r) < 0 ||
	    mc_export_csv(r->arena, &t, &r->out) < 0 || mc_resp_send(r) < 0)
		return r->streamed ? 200 : 503;
	if (register_batches(r, p, f, &t, put_csv, NULL, &n) < 0)
		mc_err("register_stream_csv: %s.csv cut after %zu rows "
		       "(request %s)",
		    p->def->file, n, r->id);
	return 200;
}

/* A file of a register being built by a job, in one of its formats. */
struct register_file {
	int		       fmt;
	struct mc_export_xlsx *xlsx;
	struct mc_export_docx *docx;
	struct mc_export_pdf  *pdf;
};

/*
 * A batch written to the job's file (register_put), the lease renewed;
 * the Word file's rows stop at REGISTER_DOCX_MAX.
 */
static int
put_file(struct mc_request *r, struct mc_export_table *t, size_t done,
    void *arg)
{
	struct register_file *f = arg;
	int		      rc;

	switch (f->fmt) {
	case FMT_XLSX:
		rc = mc_export_xlsx_rows(f->xlsx, t);
		break;
	case FMT_DOCX:
		if (done > REGISTER_DOCX_MAX) {
			t->nrows -= done - REGISTER_DOCX_MAX < t->nrows ?
			    done - REGISTER_DOCX_MAX :
			    t->nrows;
			done = REGISTER_DOCX_MAX;
		}
		rc = mc_export_docx_rows(f->docx, t);
		break;
	default:
		rc = mc_export_pdf_rows(f->pdf, t);
	}
	if (rc < 0 || office_export_beat(r->db, (long long)done) <= 0)
		return -1;
	return f->fmt == FMT_DOCX && done >= REGISTER_DOCX_MAX ? -1 : 0;
}

/* Opens the job's file in fmt with t's heading: 0 or -1. */
static int
register_file_open(struct register_file *f, int fmt,
    const struct mc_export_table *t, const char *path)
{
	memset(f, 0, sizeof(*f));
	f->fmt = fmt;
	switch (fmt) {
	case FMT_XLSX:
		f->xlsx = mc_export_xlsx_open(t, path,
		    mc_config_get("tmp_dir", "/tmp"));
		return f->xlsx != NULL ? 0 : -1;
	case FMT_DOCX:
		return (f->docx = mc_export_docx_open(t, path)) != NULL ? 0 :
									  -1;
	default:
		return (f->pdf = mc_export_pdf_open(t, path)) != NULL ? 0 : -1;
	}
}

/* Closes the job's file: 0 or -1. */
static int
register_file_close(struct register_file *f)
{
	switch (f->fmt) {
	case FMT_XLSX:
		return mc_export_xlsx_close(f->xlsx);
	case FMT_DOCX:
		return mc_export_docx_close(f->docx);
	default:
		return mc_export_pdf_close(f->pdf);
	}
}

/*
 * A register's Excel, Word or PDF file built by an export job (office
 * -x, exports.c): every row of the query (the Word file's first
 * REGISTER_DOCX_MAX), a batch at a time (register_batches), written as
 * they come to the job's file (the xlsx in libxlsxwriter's constant
 * memory, the docx's XML deflated into the zip, the PDF a page at a
 * time), the job's lease renewed after each batch. 200, or 503 (the job
 * is tried again).
 */
static int
register_build(struct mc_request *r, const struct query *q,
    const struct register_pages *p, struct mc_book_filter *f, int fmt)
{
	struct mc_export_table t;
	struct register_file   file;
	size_t		       n;
	int		       rc;

	export_heading(r, q, &t);
	t.title = mc_view_str(r->hdf, p->def->title);
	t.sheet = p->def->sheet;
	t.ncols = p->def->ncols;
	t.heads = register_heads(r, p->def->group, p->def->keys, t.ncols);
	t.kinds = p->def->kinds;
	t.widths = p->def->widths;
	if (register_file_open(&file, fmt, &t, office_export_building->path) <
	    0)
		return 503;
	rc = register_batches(r, p, f, &t, put_file, &file, &n);
	/* The Word file full (put_file stopped at its cap): done. */
	if (rc == 0 && fmt == FMT_DOCX && n >= REGISTER_DOCX_MAX &&
	    !office_export_building->lost)
		rc = 1;
	rc = rc == 1 ? 200 : 503;
	if (register_file_close(&file) < 0)
		rc = 503;
	return rc;
}

/*
 * A register's Excel, Word or PDF file asked for on its page (POST):
 * queued as an export job of the reader (exports.c), built by the worker
 * with every row; the answer goes to "my exports" at once.
 */
static int
register_queue(struct mc_request *r, const struct register_pages *p)
{
	struct query q;
	int	     rc, fmt = export_format(r);

	if (fmt != FMT_XLSX && fmt != FMT_DOCX && fmt != FMT_PDF)
		return 404;
	if ((rc = read_scoped(r, &q, ROLES_OFFICER)) != 0)
		return rc == 422 ? 400 : rc;
	return office_export_queue(r, q.f.agency,
	    mc_arena_printf(r->arena, "%s-%s-%s", p->def->file, q.from, q.to),
	    formats[fmt].ext);
}

/*
 * The export of a keyset register: the CSV streamed, every row
 * (register_stream_csv); Excel, Word and PDF only by a job (register_queue
 * asks, register_build builds): 404 in a request.
 */
static int
register_export(struct mc_request *r, const struct register_pages *p)
{
	struct mc_book_filter f;
	struct query	      q;
	int		      fmt, rc;

	if ((fmt = export_format(r)) < 0)
		return 404;
	if ((rc = read_scoped(r, &q, ROLES_OFFICER)) != 0)
		return rc == 422 ? 400 : rc;
	register_filter(&q, &f);
	if (office_export_building != NULL)
		return fmt != FMT_CSV ? register_build(r, &q, p, &f, fmt) :
					404;
	if (fmt != FMT_CSV)
		return 404;
	if (r->send != NULL && r->method != METHOD_HEAD)
		return register_stream_csv(r, &q, p, &f);
	return 503; /* no way to stream the answer */
}

/* clang-format off */
/* The columns not named hold text (EXPORT_TEXT is 0). */
static const enum mc_export_kind book_kinds[BS__MAX] = {
	[BS_SEQ] = EXPORT_INT,
};
static const double book_widths[BS__MAX] = {
	[BS_SEQ] = 0.6, [BS_CODE] = 2.8, [BS_PROCEDURE] = 3,
	[BS_APPLICANT] = 2, [BS_AGENCY] = 2, [BS_RECEIVED] = 1.5,
	[BS_DUE] = 1.5, [BS_HANDED] = 2, [BS_RESULT] = 1.5,
	[BS_RETURNED] = 2, [BS_NOTE] = 2,
};
static const struct register_def book_def = {
	"Book.Title", "SoTheoDoi", "so-theo-doi", "BookCol", book_keys,
	book_kinds, book_widths, BS__MAX
};
/* clang-format on */

static int
book_batch(struct mc_request *r, struct mc_book_filter *f, time_t now,
    struct mc_rows *rows)
{
	(void)now;
	return mc_book_page(r->db, r->arena, f, rows);
}

/* The late list's columns, as shown and exported. */
enum late_show {
	LS_SEQ,
	LS_CODE,
	LS_PROCEDURE,
	LS_APPLICANT,
	LS_AGENCY,
	LS_RECEIVED,
	LS_DUE,
	LS_FINISHED,
	LS_DAYS,
	LS_APOLOGY,
	LS_NEW_DUE,
	LS_REASON,
	LS__MAX
};

/* clang-format off */
static const char *const late_keys[LS__MAX] = {
	[LS_SEQ] = "seq", [LS_CODE] = "code", [LS_PROCEDURE] = "procedure",
	[LS_APPLICANT] = "applicant", [LS_AGENCY] = "agency",
	[LS_RECEIVED] = "received", [LS_DUE] = "due",
	[LS_FINISHED] = "finished", [LS_DAYS] = "days",
	[LS_APOLOGY] = "apology", [LS_NEW_DUE] = "new_due",
	[LS_REASON] = "reason",
};
/* clang-format on */

/*
 * Row i of a late page as its cells; days late as the page writes them
 * ("1,5 ngày làm việc"), or in exports as a number of days ("1.5").
 */
static void
late_cells(struct mc_request *r, const struct mc_rows *rows, size_t i,
    long long seq, time_t now, int number, const char **c)
{
	const char *fin = mc_rows_str(rows, i, LATE_FINISHED);
	const char *ap = mc_rows_str(rows, i, LATE_APOLOGY_AT);
	const char *reason = mc_rows_str(rows, i, LATE_REASON);
	long	    m = mc_book_late_minutes(rows, i, now);
	char	    out[64];

	c[LS_SEQ] = mc_arena_printf(r->arena, "%lld", seq);
	c[LS_CODE] = mc_rows_str(rows, i, LATE_CODE);
	c[LS_PROCEDURE] = mc_rows_str(rows, i, LATE_PROCEDURE);
	c[LS_APPLICANT] = mc_rows_str(rows, i, LATE_APPLICANT);
	c[LS_AGENCY] = mc_rows_str(rows, i, LATE_AGENCY);
	c[LS_RECEIVED] = when(r, mc_rows_str(rows, i, LATE_RECEIVED));
	c[LS_DUE] = when(r, mc_rows_str(rows, i, LATE_DUE));
	c[LS_FINISHED] = fin != NULL ? when(r, fin) : text(r, "Late.Open");
	c[LS_DAYS] = number ?
	    mc_arena_printf(r->arena, "%.1f", (double)m / 480.0) :
	    mc_arena_strdup(r->arena,
		mc_fmt_workminutes(r->lang, m, out, sizeof(out)));
	c[LS_APOLOGY] = ap != NULL ? when(r, ap) : text(r, "Late.NoApology");
	c[LS_NEW_DUE] = when(r, mc_rows_str(rows, i, LATE_NEW_DUE));
	c[LS_REASON] = reason != NULL ? reason : "";
}

/* The late dossiers of the period with their apologies (form 04). */
static int
page_late(struct mc_request *r)
{
	struct mc_book_filter f;
	struct mc_rows	      rows;
	struct query	      q;
	const char	     *c[LS__MAX];
	struct window	      w;
	time_t		      now = time(NULL);
	long long	      seq, late, apologies;
	size_t		      i;
	int		      rc;

	mc_view_set_int(r->hdf, "Data.ExportJob", 1);
	if ((rc = register_begin(r, &q, text(r, "Late.Title"),
		 "office/late.cs", "/can-bo/thong-ke/tre-han")) != 0)
		return rc;
	register_filter(&q, &f);
	if ((rc = read_after(r, &f, &seq)) != 0 ||
	    (rc = read_before(r, &f)) != 0)
		return rc;
	f.limit = BOOK_PER_PAGE + 1;
	if (mc_book_late(r->db, r->arena, &f, now, &rows) < 0 ||
	    mc_book_late_count(r->db, r->arena, &f, now, &late, &apologies) <
		0)
		return 503;
	register_window(&f, &rows, &seq, &w);
	mc_view_set_int(r->hdf, "Data.Late", late);
	mc_view_set_int(r->hdf, "Data.Apologies", apologies);
	set_heads(r, "LateCol", late_keys, LS__MAX);
	for (i = 0; i < w.nshow; i++) {
		late_cells(r, &rows, w.first + i, seq + (long long)i + 1, now,
		    0, c);
		set_cells(r, "Data.Rows", i, late_keys, c, LS__MAX);
		if (mc_rows_str(&rows, w.first + i, LATE_FINISHED) == NULL)
			mc_view_set_int(r->hdf,
			    mc_arena_printf(r->arena, "Data.Rows.%zu.open", i),
			    1);
	}
	register_pager(r, &q, &rows, &w, seq, LATE_DUE, LATE_ID);
	return mc_resp_page(r, "office/late.cs");
}

/* clang-format off */
static const enum mc_export_kind late_kinds[LS__MAX] = {
	[LS_SEQ] = EXPORT_INT, [LS_DAYS] = EXPORT_DECIMAL,
};
static const double late_widths[LS__MAX] = {
	[LS_SEQ] = 0.6, [LS_CODE] = 2.8, [LS_PROCEDURE] = 3,
	[LS_APPLICANT] = 2, [LS_AGENCY] = 2, [LS_RECEIVED] = 1.5,
	[LS_DUE] = 1.5, [LS_FINISHED] = 1.5, [LS_DAYS] = 1,
	[LS_APOLOGY] = 1.5, [LS_NEW_DUE] = 1.5, [LS_REASON] = 2,
};
static const struct register_def late_def = {
	"Reports.Late.Title", "TreHan", "ho-so-tre-han", "LateCol", late_keys,
	late_kinds, late_widths, LS__MAX
};
/* clang-format on */

static int
late_batch(struct mc_request *r, struct mc_book_filter *f, time_t now,
    struct mc_rows *rows)
{
	return mc_book_late(r->db, r->arena, f, now, rows);
}

/* Row i of the late list in an export: days late as a number. */
static void
late_export_cells(struct mc_request *r, const struct mc_rows *rows, size_t i,
    long long seq, time_t now, const char **c)
{
	late_cells(r, rows, i, seq, now, 1, c);
}

/* clang-format off */
static const struct register_pages book_pages = {
	&book_def, book_batch, book_cells, BOOK_RECEIVED, BOOK_ID
}, late_pages = {
	&late_def, late_batch, late_export_cells, LATE_DUE, LATE_ID
};
/* clang-format on */

/* The exports of the book and of the late list; Excel as a job. */
static int
page_book_export(struct mc_request *r)
{
	return register_export(r, &book_pages);
}
static int
page_late_export(struct mc_request *r)
{
	return register_export(r, &late_pages);
}
static int
page_book_queue(struct mc_request *r)
{
	return register_queue(r, &book_pages);
}
static int
page_late_queue(struct mc_request *r)
{
	return register_queue(r, &late_pages);
}

/* The officers' columns, as shown and exported. */
enum officer_show {
	OS_NAME,
	OS_UNIT, /* today's unit, or the unit of the time */
	OS_OPEN,
	OS_INTIME,
	OS_SOON,
	OS_OVERDUE,
	OS_STEPS,
	OS_EARLY,
	OS_ONTIME,
	OS_LATE,
	OS_AVG_HOURS,
	OS__MAX
};

/* clang-format off */
static const char *const officer_keys[OS__MAX] = {
	[OS_NAME] = "name", [OS_UNIT] = "unit", [OS_OPEN] = "open", [OS_INTIME] = "intime",
	[OS_SOON] = "soon", [OS_OVERDUE] = "overdue", [OS_STEPS] = "steps",
	[OS_EARLY] = "early", [OS_ONTIME] = "ontime", [OS_LATE] = "late",
	[OS_AVG_HOURS] = "avg_hours",
};
/* clang-format on */

static void
officer_cells(struct mc_request *r, const struct mc_officer_load *o,
    const char **c)
{
	c[OS_NAME] = o->name != NULL ? o->name : "";
	c[OS_UNIT] = r->lang == LANG_EN && o->agency_name_en != NULL ?
	    o->agency_name_en :
	    (o->agency_name != NULL ? o->agency_name : "");
	c[OS_OPEN] = mc_arena_printf(r->arena, "%lld", o->open);
	c[OS_INTIME] = mc_arena_printf(r->arena, "%lld",
	    o->open - o->soon - o->overdue);
	c[OS_SOON] = mc_arena_printf(r->arena, "%lld", o->soon);
	c[OS_OVERDUE] = mc_arena_printf(r->arena, "%lld", o->overdue);
	c[OS_STEPS] = mc_arena_printf(r->arena, "%lld", o->steps);
	c[OS_EARLY] = mc_arena_printf(r->arena, "%lld", o->early);
	c[OS_ONTIME] = mc_arena_printf(r->arena, "%lld", o->ontime);
	c[OS_LATE] = mc_arena_printf(r->arena, "%lld", o->late);
	c[OS_AVG_HOURS] = mc_arena_printf(r->arena, "%.1f",
	    o->steps > 0 ? (double)o->minutes / 60.0 / (double)o->steps : 0.0);
}

/*
 * The officers the reader may see at the query's agency: all of them for
 * its leaders (and those above), only their own line for an officer of
 * the agency; 1 with *v, *n set, or an HTTP status.
 */
static int
officer_lines(struct mc_request *r, const struct query *q,
    struct mc_officer_load **v, size_t *n, int *all)
{
	long long only = 0;

	switch (
	    in_scope(r, q->f.agency, ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN))) {
	case -1:
		return 503;
	case 1:
		*all = 1;
		break;
	default:
		*all = 0;
		if (!mc_auth_acts_for(r->user, ROLES_OFFICER, q->f.agency))
			return 403;
		only = r->user->id;
	}
	if (mc_book_officers(r->db, r->arena, q->f.agency, q->f.units_of_time,
		q->from, q->to, only, time(NULL), v, n) < 0)
		return 503;
	return 1;
}

/* Each officer's workload now and timeliness in the period. */
static int
page_officers(struct mc_request *r)
{
	struct mc_officer_load *v;
	struct query		q;
	const char	       *c[OS__MAX];
	size_t			i, n;
	int			rc, all;

	mc_view_set_int(r->hdf, "Data.NoField", 1);
	if ((rc = register_begin(r, &q, text(r, "Officers.Title"),
		 "office/officers.cs", "/can-bo/thong-ke/can-bo")) != 0)
		return rc;
	if ((rc = officer_lines(r, &q, &v, &n, &all)) != 1)
		return rc;
	set_heads(r, "OfficerCol", officer_keys, OS__MAX);
	for (i = 0; i < n; i++) {
		officer_cells(r, &v[i], c);
		set_cells(r, "Data.Rows", i, officer_keys, c, OS__MAX);
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Rows.%zu.id", i), v[i].id);
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Rows.%zu.agency_id", i),
		    v[i].agency_id);
	}
	mc_view_set_int(r->hdf, "Data.All", all);
	return mc_resp_page(r, "office/officers.cs");
}

/* clang-format off */
static const enum mc_export_kind officer_kinds[OS__MAX] = {
	[OS_NAME] = EXPORT_TEXT, [OS_UNIT] = EXPORT_TEXT, [OS_OPEN] = EXPORT_INT,
	[OS_INTIME] = EXPORT_INT, [OS_SOON] = EXPORT_INT,
	[OS_OVERDUE] = EXPORT_INT, [OS_STEPS] = EXPORT_INT,
	[OS_EARLY] = EXPORT_INT, [OS_ONTIME] = EXPORT_INT,
	[OS_LATE] = EXPORT_INT, [OS_AVG_HOURS] = EXPORT_DECIMAL,
};
static const double officer_widths[OS__MAX] = {
	[OS_NAME] = 3, [OS_UNIT] = 2.5, [OS_OPEN] = 1, [OS_INTIME] = 1, [OS_SOON] = 1,
	[OS_OVERDUE] = 1, [OS_STEPS] = 1, [OS_EARLY] = 1, [OS_ONTIME] = 1,
	[OS_LATE] = 1, [OS_AVG_HOURS] = 1.4,
};
static const struct register_def officer_def = {
	"Reports.Officers.Title", "CanBo", "can-bo", "OfficerCol",
	officer_keys, officer_kinds, officer_widths, OS__MAX
};
/* clang-format on */

/*
 * The officers' export, in the request: one line an officer of the unit
 * (and of the units it succeeded), from the summaries: bounded by the
 * unit's staff, not by the dossiers.
 */
static int
page_officers_export(struct mc_request *r)
{
	struct mc_officer_load *v;
	struct query		q;
	const char	      **cells;
	size_t			i, n;
	int			fmt, rc, all;

	if ((fmt = export_format(r)) < 0)
		return 404;
	if ((rc = read_scoped(r, &q, ROLES_OFFICER)) != 0)
		return rc == 422 ? 400 : rc;
	if ((rc = officer_lines(r, &q, &v, &n, &all)) != 1)
		return rc;
	cells = mc_arena_alloc(r->arena, (n + 1) * OS__MAX * sizeof(*cells));
	for (i = 0; i < n; i++)
		officer_cells(r, &v[i], &cells[i * OS__MAX]);
	return send_register(r, &q, &officer_def, cells, n, fmt);
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/thong-ke", page_stats, ROUTE_LOGIN,
	    ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN) },
	{ METHOD_GET, "/can-bo/thong-ke/ho-so", page_drill, ROUTE_LOGIN,
	    ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN) },
	{ METHOD_GET, "/can-bo/thong-ke/xuat/{}", page_export, ROUTE_LOGIN,
	    ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN) },
	{ METHOD_GET, "/can-bo/so-theo-doi", page_book, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/so-theo-doi/xuat/{}", page_book_export,
	    ROUTE_LOGIN, ROLES_OFFICER },
	{ METHOD_POST, "/can-bo/so-theo-doi/xuat/{}", page_book_queue,
	    ROUTE_LOGIN, ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/thong-ke/tre-han", page_late, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/thong-ke/tre-han/xuat/{}", page_late_export,
	    ROUTE_LOGIN, ROLES_OFFICER },
	{ METHOD_POST, "/can-bo/thong-ke/tre-han/xuat/{}", page_late_queue,
	    ROUTE_LOGIN, ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/thong-ke/can-bo", page_officers, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/thong-ke/can-bo/xuat/{}",
	    page_officers_export, ROUTE_LOGIN, ROLES_OFFICER },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_reports = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
