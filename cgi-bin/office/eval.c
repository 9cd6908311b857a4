/*
 * Rating devices from the office (issue 10): a leader, admin or evaluation
 * manager registers a kiosk or a counter tablet of their agency and gets its one-time pairing
 * code, sees the agency's devices and revokes one; an officer takes the
 * counter of a tablet and invites the applicant just served to rate, and
 * keeps the card the tablet shows (title, photo); a unit's leader or admin
 * enters its self-scores of a quarter and the agency above appraises them.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_buf.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eval.h"
#include "mc_eval_self.h"
#include "mc_export.h"
#include "mc_files.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define DEVICES	     "/can-bo/danh-gia/thiet-bi"
#define COUNTER	     "/can-bo/danh-gia/quay"
#define SELF	     "/can-bo/danh-gia/tu-cham"
#define MAX_AGENCIES 32
/*
 * Who manages evaluation at an agency (its devices, its self-scores, the
 * scores of its subtree): its leaders and administrators, and the
 * evaluation managers held there (a department's or a ward's, not only
 * the city's), never at a sibling (grants are per agency).
 */
#define ROLES_MANAGE \
	(ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN) | ROLES(ROLE_EVALUATOR))

enum field {
	FIELD_CSRF,
	FIELD_AGENCY,
	FIELD_KIND,
	FIELD_NAME,
	FIELD_COUNTER,
	FIELD_OFFICER,
	FIELD_TITLE,
	FIELD_TITLE_EN,
	FIELD_PHOTO,
	FIELD_BY,
	FIELD_FROM,
	FIELD_TO,
	FIELD_QUARTER,
	FIELD_OK,
	FIELD_S1,			   /* the unit's own scores: s1..s9 */
	FIELD_A1 = FIELD_S1 + EVAL_SELF_N, /* appraised: a1..a9 */
	FIELD__MAX = FIELD_A1 + EVAL_SELF_N
};

static int valid_kind(const struct mc_param *);

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_KIND] = { "kind", valid_kind, 6, 0 },
	[FIELD_NAME] = { "name", valid_line, 120, 0 },
	[FIELD_COUNTER] = { "counter", valid_line, 60, 0 },
	[FIELD_OFFICER] = { "officer", valid_uint, 19, 0 },
	[FIELD_TITLE] = { "title", valid_line, 255, 0 },
	[FIELD_TITLE_EN] = { "title_en", valid_line, 255, 0 },
	[FIELD_PHOTO] = { "photo", valid_file, 5 << 20, 1 },
	[FIELD_BY] = { "theo", valid_code, 10, 0 },
	[FIELD_FROM] = { "tu", valid_code, 10, 0 },
	[FIELD_TO] = { "den", valid_code, 10, 0 },
	[FIELD_QUARTER] = { "ky", valid_code, 6, 0 },
	[FIELD_OK] = { "ok", valid_uint, 1, 0 },
#define SCORE_FIELD(f, name) [f] = { name, valid_line, 8, 0 }
	SCORE_FIELD(FIELD_S1, "s1"), SCORE_FIELD(FIELD_S1 + 1, "s2"),
	SCORE_FIELD(FIELD_S1 + 2, "s3"), SCORE_FIELD(FIELD_S1 + 3, "s4"),
	SCORE_FIELD(FIELD_S1 + 4, "s5"), SCORE_FIELD(FIELD_S1 + 5, "s6"),
	SCORE_FIELD(FIELD_S1 + 6, "s7"), SCORE_FIELD(FIELD_S1 + 7, "s8"),
	SCORE_FIELD(FIELD_S1 + 8, "s9"),
	SCORE_FIELD(FIELD_A1, "a1"), SCORE_FIELD(FIELD_A1 + 1, "a2"),
	SCORE_FIELD(FIELD_A1 + 2, "a3"), SCORE_FIELD(FIELD_A1 + 3, "a4"),
	SCORE_FIELD(FIELD_A1 + 4, "a5"), SCORE_FIELD(FIELD_A1 + 5, "a6"),
	SCORE_FIELD(FIELD_A1 + 6, "a7"), SCORE_FIELD(FIELD_A1 + 7, "a8"),
	SCORE_FIELD(FIELD_A1 + 8, "a9"),
#undef SCORE_FIELD
};
/* clang-format on */

enum stmt { STMT_AGENCY, STMT_OFFICERS, STMT_PARENT, STMT_UNDER, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCY] = "SELECT name FROM agencies WHERE id = ?",
	[STMT_OFFICERS] = "SELECT DISTINCT a.id, a.full_name "
	    "FROM account_roles r JOIN accounts a ON a.id = r.account_id "
	    "WHERE r.agency_id = ? AND r.role IN ('receiver', 'specialist', "
	    "'leader') AND a.disabled = 0 ORDER BY a.full_name LIMIT 500",
	[STMT_PARENT] = "SELECT parent_id, name FROM agencies WHERE id = ?",
	/* The agencies a leader or admin of id appraises. */
	[STMT_UNDER] = "SELECT id, name FROM agencies WHERE parent_id = ? "
	    "AND (valid_to IS NULL OR valid_to >= CURDATE()) "
	    "ORDER BY kind, name LIMIT 500",
};
/* clang-format on */

/* "kiosk" or "tablet". */
static int
valid_kind(const struct mc_param *p)
{
	return strcmp(p->value, "kiosk") == 0 ||
	    strcmp(p->value, "tablet") == 0;
}

/* The field's value, or NULL when absent or only spaces. */
static const char *
text(struct mc_request *r, int f)
{
	const char *v = mc_req_field(r, f);

	if (v == NULL || v[strspn(v, " \t")] == '\0')
		return NULL;
	return v;
}

/*
 * The agency whose devices the leader or admin manages (?agency= or their
 * first), listed as Data.MyAgencies: 1, 0 none or not one of theirs, -1.
 */
static int
managed_agency(struct mc_request *r, unsigned int *agency)
{
	unsigned int   ids[MAX_AGENCIES];
	struct mc_rows ag;
	long long      want = 0;
	size_t	       n, i;

	n = mc_dossier_agencies(r->user, ROLES_MANAGE, ids, MAX_AGENCIES);
	if (mc_req_field(r, FIELD_AGENCY) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_AGENCY), 1, 1LL << 32,
		    &want);
	*agency = 0;
	for (i = 0; i < n; i++) {
		if (mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCY], "i",
			(long long)ids[i]) < 0)
			return -1;
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.MyAgencies.%zu.id", i),
		    ids[i]);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.MyAgencies.%zu.name", i),
		    ag.n ? mc_rows_str(&ag, 0, 0) : "");
		if ((i == 0 && want == 0) || ids[i] == want) {
			*agency = ids[i];
			mc_view_set(r->hdf, "Data.AgencyName",
			    ag.n ? mc_rows_str(&ag, 0, 0) : "");
		}
	}
	if (want != 0 && *agency != want)
		*agency = 0;
	mc_view_set_int(r->hdf, "Data.AgencyId", *agency);
	return *agency != 0;
}

/* The devices page of the agency chosen, with status (200 or 422). */
static int
devices(struct mc_request *r, unsigned int agency, int status)
{
	struct mc_rows rows;

	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_OFFICERS], "i",
		(long long)agency) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Officers", &rows);
	if (mc_eval_device_list(r->db, r->arena, agency, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Devices", &rows);
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Eval.Devices.Title"));
	if (status == 200 && strstr(r->query, "ok=revoked") != NULL)
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Eval.Devices.Revoked"));
	r->status = status;
	if (mc_resp_page(r, "office/eval_devices.cs") != 200)
		return 500;
	return status;
}

/* GET /can-bo/danh-gia/thiet-bi: the agency's devices and the form. */
static int
page_devices(struct mc_request *r)
{
	unsigned int agency;
	int	     rc;

	if ((rc = managed_agency(r, &agency)) < 0)
		return 503;
	if (rc == 0)
		return 403;
	return devices(r, agency, 200);
}

/*
 * Sends a table the page shows as CSV for Excel (office.h): the shared
 * writer mc_export_csv behind a byte order mark, audited as an export.
 */
int
office_csv_send(struct mc_request *r, const struct office_csv *c)
{
	struct mc_export_table t;
	enum mc_export_kind   *kinds;
	const char	     **hv;
	size_t		       j;

	hv = mc_arena_alloc(r->arena, (c->ncols + 1) * sizeof(*hv));
	kinds = mc_arena_alloc(r->arena, (c->ncols + 1) * sizeof(*kinds));
	for (j = 0; j < c->ncols; j++) {
		hv[j] = mc_view_str(r->hdf, c->heads[j]);
		kinds[j] = EXPORT_TEXT;
	}
	memset(&t, 0, sizeof(t));
	t.ncols = c->ncols;
	t.heads = hv;
	t.kinds = kinds;
	t.nrows = c->nrows;
	t.cells = c->cells;
	mc_buf_reset(&r->out);
	if (mc_buf_adds(&r->out, "\xEF\xBB\xBF") < 0 || /* BOM, for Excel */
	    mc_export_csv(r->arena, &t, &r->out) < 0 ||
	    office_audit_log(r, AUDIT_EXPORT, c->what, c->agency) < 0)
		return 503;
	mc_resp_header(r, "Content-Type", "text/csv; charset=utf-8");
	mc_resp_header(r, "Content-Disposition",
	    mc_arena_printf(r->arena, "attachment; filename=\"%s\"", c->file));
	r->rendered = 1;
	return 200;
}

/* The field f of the i-th device of Data.Devices, or NULL. */
static const char *
dev_field(struct mc_request *r, size_t i, const char *f)
{
	return hdf_get_value(r->hdf,
	    mc_arena_printf(r->arena, "Data.Devices.%zu.%s", i, f), NULL);
}

/*
 * GET /can-bo/danh-gia/thiet-bi.csv?agency=: the devices table the page
 * shows, as CSV for Excel (UTF-8 with a byte order mark, headings and
 * kinds and states in the reader's language): one line per device.
 */
static int
page_devices_csv(struct mc_request *r)
{
	static const char *const heads[] = { "Eval.Devices.Name",
		"Eval.Devices.Kind", "Eval.Devices.Counter",
		"Eval.Devices.Officer", "Eval.Devices.State" };
	struct office_csv	 c;
	const char	       **cells, *state, *at, *kind;
	struct mc_rows		 rows;
	unsigned int		 agency;
	int			 rc;
	size_t			 i;

	if ((rc = managed_agency(r, &agency)) < 0)
		return 503;
	if (rc == 0)
		return 403;
	if (mc_eval_device_list(r->db, r->arena, agency, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Devices", &rows);
	cells = mc_arena_alloc(r->arena, (rows.n + 1) * 5 * sizeof(*cells));
	for (i = 0; i < rows.n; i++) {
		cells[i * 5] = dev_field(r, i, "name");
		kind = dev_field(r, i, "kind");
		cells[i * 5 + 1] = mc_view_str(r->hdf,
		    kind != NULL && strcmp(kind, "tablet") == 0 ?
			"Eval.Devices.Tablet" :
			"Eval.Devices.Kiosk");
		cells[i * 5 + 2] = dev_field(r, i, "counter");
		cells[i * 5 + 3] = dev_field(r, i, "officer_name");
		if ((at = dev_field(r, i, "revoked_at")) != NULL &&
		    *at != '\0')
			state = "Eval.Devices.StateRevoked";
		else if ((at = dev_field(r, i, "paired_at")) != NULL &&
		    *at != '\0')
			state = "Eval.Devices.StatePaired";
		else if ((at = dev_field(r, i, "pair_expires_at")) != NULL &&
		    *at != '\0')
			state = "Eval.Devices.StateWaiting";
		else {
			state = "Eval.Devices.StateExpired";
			at = NULL;
		}
		cells[i * 5 + 4] = at == NULL ?
		    mc_view_str(r->hdf, state) :
		    mc_arena_printf(r->arena, "%s %s",
			mc_view_str(r->hdf, state), at);
	}
	memset(&c, 0, sizeof(c));
	c.heads = heads;
	c.ncols = 5;
	c.cells = cells;
	c.nrows = rows.n;
	c.what = mc_arena_printf(r->arena, "thiet-bi.csv %u", agency);
	c.agency = agency;
	c.file = mc_arena_printf(r->arena, "thiet-bi-%u.csv", agency);
	return office_csv_send(r, &c);
}

/* POST /can-bo/danh-gia/thiet-bi: registers a device, shows its code. */
static int
page_device_add(struct mc_request *r)
{
	struct mc_eval_device_new d;
	const char		 *code;
	long long		  officer = 0;
	int			  rc, bad = 0;

	if ((rc = managed_agency(r, &d.agency_id)) < 0)
		return 503;
	if (rc == 0)
		return 403;
	d.kind = mc_req_field(r, FIELD_KIND);
	d.name = text(r, FIELD_NAME);
	d.counter = text(r, FIELD_COUNTER);
	if (mc_req_field(r, FIELD_OFFICER) != NULL &&
	    *mc_req_field(r, FIELD_OFFICER) != '\0' &&
	    mc_parse_ll(mc_req_field(r, FIELD_OFFICER), 1, 1LL << 62,
		&officer) < 0)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.officer", "1");
	d.officer_id = officer;
	if (d.kind == NULL)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.kind", "1");
	if (d.name == NULL || mc_req_field_bad(r, FIELD_NAME))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.name", "1");
	if (mc_req_field_bad(r, FIELD_COUNTER))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.counter", "1");
	if (!bad &&
	    (rc = mc_eval_device_add(r->db, r->arena, &d, r->user->id,
		 time(NULL), &code)) < 0)
		return 503;
	if (!bad && rc == EVAL_FORBIDDEN)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.officer", "1");
	if (bad) {
		mc_view_set(r->hdf, "Form.kind", mc_req_field(r, FIELD_KIND));
		mc_view_set(r->hdf, "Form.name", mc_req_field(r, FIELD_NAME));
		mc_view_set(r->hdf, "Form.counter",
		    mc_req_field(r, FIELD_COUNTER));
		mc_view_set(r->hdf, "Form.officer",
		    mc_req_field(r, FIELD_OFFICER));
		mc_view_set(r->hdf, "Form.Invalid", "1");
		return devices(r, d.agency_id, 422);
	}
	mc_view_set(r->hdf, "Data.NewCode", code);
	mc_view_set(r->hdf, "Data.NewName", d.name);
	mc_view_set_int(r->hdf, "Data.NewHours", EVAL_PAIR_MINUTES / 60);
	return devices(r, d.agency_id, 200);
}

/* POST /can-bo/danh-gia/thiet-bi/{id}/thu-hoi: revokes a device. */
static int
page_device_revoke(struct mc_request *r)
{
	unsigned int agency;
	long long    id;
	int	     rc;

	if (mc_parse_ll(r->cap[0], 1, 1LL << 31, &id) < 0)
		return 404;
	if ((rc = managed_agency(r, &agency)) < 0)
		return 503;
	if (rc == 0)
		return 403;
	if ((rc = mc_eval_device_revoke(r->db, agency, id, r->user->id,
		 time(NULL))) < 0)
		return 503;
	if (rc == 0)
		return mc_app_error(r, 404,
		    mc_view_str(r->hdf, "Eval.Devices.NoDevice"));
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, DEVICES "?agency=%u&ok=revoked",
		agency));
}

/* ------------------------------------------------------------ counter */

/* The officer's counter page: tablets and card (status 200 or 422). */
static int
counter(struct mc_request *r, int status)
{
	struct mc_rows rows;
	const char    *title, *title_en, *photo;
	int	       rc;

	if (mc_eval_tablets_of(r->db, r->arena, r->user->id, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Tablets", &rows);
	if ((rc = mc_eval_card_get(r->db, r->arena, r->user->id, &title,
		 &title_en, &photo)) < 0)
		return 503;
	if (status == 200 && rc == 1) {
		mc_view_set(r->hdf, "Form.title", title);
		mc_view_set(r->hdf, "Form.title_en", title_en);
	}
	if (rc == 1 && photo != NULL)
		mc_view_set(r->hdf, "Data.HasPhoto", "1");
	mc_view_set(r->hdf, "Data.Me", r->user->full_name);
	if (mc_auth_has_role(r->user, ROLE_LEADER) ||
	    mc_auth_has_role(r->user, ROLE_ADMIN))
		mc_view_set(r->hdf, "Data.CanManage", "1");
	if (status == 200 && strstr(r->query, "ok=invited") != NULL)
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Eval.Counter.Invited"));
	if (status == 200 && strstr(r->query, "ok=card") != NULL)
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Eval.Counter.CardSaved"));
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Eval.Counter.Title"));
	r->status = status;
	if (mc_resp_page(r, "office/eval_counter.cs") != 200)
		return 500;
	return status;
}

static int
page_counter(struct mc_request *r)
{
	return counter(r, 200);
}

/*
 * POST /can-bo/danh-gia/quay/{id}/moi: the officer takes tablet id's
 * counter and opens a visit it may rate once.
 */
static int
page_invite(struct mc_request *r)
{
	struct mc_rows rows;
	long long      id;
	size_t	       i;
	int	       rc;

	if (mc_parse_ll(r->cap[0], 1, 1LL << 31, &id) < 0)
		return 404;
	if (mc_eval_tablets_of(r->db, r->arena, r->user->id, &rows) < 0)
		return 503;
	for (i = 0; i < rows.n && mc_rows_int(&rows, i, ETAB_ID) != id; i++)
		;
	if (i == rows.n)
		return mc_app_error(r, 404,
		    mc_view_str(r->hdf, "Eval.Devices.NoDevice"));
	if ((rc = mc_eval_visit_open(r->db, r->arena, id,
		 (unsigned int)mc_rows_int(&rows, i, ETAB_AGENCY_ID),
		 r->user->id, time(NULL))) < 0)
		return 503;
	if (rc != 0)
		return mc_app_error(r, 404,
		    mc_view_str(r->hdf, "Eval.Devices.NoDevice"));
	return mc_resp_redirect(r, COUNTER "?ok=invited");
}

/* POST /can-bo/danh-gia/the: the officer's card (title, photo). */
static int
page_card(struct mc_request *r)
{
	const struct mc_param *p = mc_req_param(r, FIELD_PHOTO);
	struct mc_file	       f;
	const char	      *title = text(r, FIELD_TITLE), *why = NULL;
	const char	      *sha = NULL, *mime = NULL;
	int		       rc, bad = 0;

	if (title == NULL || mc_req_field_bad(r, FIELD_TITLE))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.title", "1");
	if (mc_req_field_bad(r, FIELD_TITLE_EN))
		bad = 1, mc_view_set(r->hdf, "Form.Errors.title_en", "1");
	if (mc_req_field_bad(r, FIELD_PHOTO))
		why = "Error.FileSize";
	else if (p != NULL && p->len > 0) {
		if ((rc = mc_files_store(r->arena, p->value, p->len,
			 p->filename, &f, &why)) < 0)
			return 503;
		if (rc == 0 && strcmp(f.mime, "image/jpeg") != 0 &&
		    strcmp(f.mime, "image/png") != 0)
			why = "Eval.Counter.PhotoType";
		else if (rc == 0)
			sha = f.sha256, mime = f.mime;
	}
	if (why != NULL) {
		mc_view_set(r->hdf, "Form.Errors.photo", "1");
		mc_view_set(r->hdf, "Form.PhotoWhy", mc_view_str(r->hdf, why));
	}
	if (why != NULL || bad) {
		mc_view_set(r->hdf, "Form.title",
		    mc_req_field(r, FIELD_TITLE));
		mc_view_set(r->hdf, "Form.title_en",
		    mc_req_field(r, FIELD_TITLE_EN));
		mc_view_set(r->hdf, "Form.Invalid", "1");
		return counter(r, 422);
	}
	if (mc_eval_card_set(r->db, r->user->id, title,
		text(r, FIELD_TITLE_EN), sha, mime) < 0)
		return 503;
	return mc_resp_redirect(r, COUNTER "?ok=card");
}

/* ------------------------------------------------------------ scores */

#define SCORES "/can-bo/danh-gia/diem"

/* The ?theo= values and what they are about. */
static const struct {
	const char     *slug;
	enum mc_eval_by by;
} bys[] = {
	{ "co-quan", EVAL_BY_AGENCY }, { "thu-tuc", EVAL_BY_PROCEDURE },
	{ "can-bo", EVAL_BY_OFFICER }, { "ho-so", EVAL_BY_DOSSIER },
	{ "buoc", EVAL_BY_AGENCY }, /* steps: a table of their own */
};

/* "1.5" from tenths; "" for -1. */
static const char *
tenths(struct mc_arena *a, int t)
{
	if (t < 0)
		return "";
	return mc_arena_printf(a, "%d.%d", t / 10, t % 10);
}

/* Sets name under the line p. */
static void
set(struct mc_request *r, const char *p, const char *name, const char *v)
{
	mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.%s", p, name), v);
}

/* Data.<prefix>.N: the lines of a score table, with bands. */
static void
score_lines(struct mc_request *r, const char *prefix,
    const struct mc_eval_score *s, size_t n, const struct mc_rows *bands)
{
	static const char *const ei[EI__MAX] = { "i1", "i2", "i3", "i4",
		"i7" };
	static const char *const eu[EU__MAX] = { "i5", "i6", "i8", "i9" };
	const char		*p;
	size_t			 i;
	int			 k, u[EU__MAX], total, band, lo, hi;

	for (i = 0; i < n; i++) {
		p = mc_arena_printf(r->arena, "%s.%zu", prefix, i);
		set(r, p, "name", s[i].name);
		set(r, p, "dossiers",
		    mc_arena_printf(r->arena, "%lld", s[i].dossiers));
		for (k = 0; k < EI__MAX; k++)
			set(r, p, ei[k],
			    tenths(r->arena,
				mc_eval_mean_tenths(s[i].sum[k],
				    s[i].dossiers)));
		mc_eval_unit_indices(&s[i], u);
		for (k = 0; k < EU__MAX; k++)
			set(r, p, eu[k],
			    u[k] < 0 ? "" :
				       mc_arena_printf(r->arena, "%d", u[k]));
		total = mc_eval_total_tenths(&s[i]);
		set(r, p, "total", tenths(r->arena, total));
		band = total < 0 ? -1 : mc_eval_band(bands, total);
		if (band >= 0)
			set(r, p, "band",
			    mc_rows_str(bands, (size_t)band,
				r->lang == LANG_EN ? 2 : 1));
		set(r, p, "ratings",
		    mc_arena_printf(r->arena, "%lld", s[i].ratings));
		if (s[i].ratings == 0)
			continue;
		mc_eval_wilson(s[i].satisfied, s[i].ratings, &lo, &hi);
		set(r, p, "sat",
		    mc_arena_printf(r->arena, "%lld",
			(s[i].satisfied * 100 + s[i].ratings / 2) /
			    s[i].ratings));
		set(r, p, "sat_lo",
		    mc_arena_printf(r->arena, "%d", (lo + 5) / 10));
		set(r, p, "sat_hi",
		    mc_arena_printf(r->arena, "%d", (hi + 5) / 10));
	}
}

/*
 * The peers' bands for an officer: how many other officers of the scope
 * fall in each band (no names): Data.Peers.N.{band,count}.
 */
static void
peer_bands(struct mc_request *r, const struct mc_eval_score *s, size_t n,
    const struct mc_rows *bands)
{
	long long count;
	size_t	  i, b;

	for (b = 0; b < bands->n; b++) {
		count = 0;
		for (i = 0; i < n; i++)
			count += s[i].key != r->user->id &&
			    mc_eval_band(bands, mc_eval_total_tenths(&s[i])) ==
				(int)b;
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Peers.%zu.band", b),
		    mc_rows_str(bands, b, r->lang == LANG_EN ? 2 : 1));
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Peers.%zu.count", b),
		    count);
	}
}

/*
 * GET /can-bo/danh-gia/diem: scores of a period. A leader or admin sees
 * their agency and those under it by agency, procedure, officer, dossier
 * or step; any other officer sees their own line, dossiers and steps and
 * the bands of their peers, never a peer's name.
 */
static int
scores_fill(struct mc_request *r)
{
	struct mc_eval_query  q;
	struct mc_eval_score *s;
	struct mc_rows	      bands, steps;
	const char	     *by = mc_req_field(r, FIELD_BY);
	const char	     *from = mc_req_field(r, FIELD_FROM);
	const char	     *to = mc_req_field(r, FIELD_TO);
	char		      f[20], t[20];
	size_t		      n, i, k = 0;
	int		      rc, leader, y, mo, d;
	time_t		      now = time(NULL);

	memset(&q, 0, sizeof(q));
	if ((rc = managed_agency(r, &q.agency_id)) < 0)
		return 503;
	leader = rc == 1;
	if (!leader) {
		if ((rc = office_agency(r, mc_req_field(r, FIELD_AGENCY),
			 &q.agency_id)) < 0)
			return 503;
		if (rc == 0)
			return 403;
		q.officer_id = r->user->id;
	}
	for (i = 0; by != NULL && i < sizeof(bys) / sizeof(bys[0]); i++)
		if (strcmp(by, bys[i].slug) == 0)
			k = i;
	if (!leader && k < 3)
		k = 2; /* an officer: their own line */
	q.by = bys[k].by;
	if ((from != NULL && mc_date_parse(from, &y, &mo, &d) < 0) ||
	    (to != NULL && mc_date_parse(to, &y, &mo, &d) < 0))
		return mc_app_error(r, 400,
		    mc_view_str(r->hdf, "Eval.Scores.BadDate"));
	mc_time_sql(f, from ? mc_date_at(from, 0) : now - 90L * 86400);
	mc_time_sql(t, to ? mc_date_at(to, 0) + 86400 : now + 86400);
	memcpy(f + 10, " 00:00:00", 10);
	memcpy(t + 10, " 00:00:00", 10);
	q.from = f;
	q.to = t;
	mc_view_set(r->hdf, "Form.tu", mc_arena_printf(r->arena, "%.10s", f));
	/* The last day counted: today when none is asked (t is tomorrow). */
	if (to == NULL)
		mc_time_sql(t, now);
	mc_view_set(r->hdf, "Form.den",
	    to ? to : mc_arena_printf(r->arena, "%.10s", t));
	mc_view_set(r->hdf, "Data.By", bys[k].slug);
	if (leader)
		mc_view_set(r->hdf, "Data.Leader", "1");
	if (mc_eval_bands(r->db, r->arena, &bands) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Bands", &bands);
	if (strcmp(bys[k].slug, "buoc") == 0) {
		if (mc_eval_steps(r->db, r->arena, &q, &steps) < 0)
			return 503;
		mc_view_rows(r->hdf, "Data.Steps", &steps);
	} else {
		if (mc_eval_scores(r->db, r->arena, &q, &s, &n) < 0)
			return 503;
		score_lines(r, "Data.Lines", s, n, &bands);
	}
	if (!leader && k == 2) {
		/* The peers: every officer of the scope, names dropped. */
		q.officer_id = 0;
		if (mc_eval_scores(r->db, r->arena, &q, &s, &n) < 0)
			return 503;
		peer_bands(r, s, n, &bands);
	}
	mc_view_set(r->hdf, "Data.Query",
	    mc_arena_printf(r->arena, "agency=%u&theo=%s&tu=%.10s&den=%.10s",
		q.agency_id, bys[k].slug, f, to ? to : t));
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Eval.Scores.Title"));
	return 0;
}

static int
page_scores(struct mc_request *r)
{
	int rc;

	if ((rc = scores_fill(r)) != 0)
		return rc;
	return mc_resp_page(r, "office/eval_scores.cs");
}

/*
 * GET /can-bo/danh-gia/diem.csv: the score table the page shows for the
 * same query, as CSV (the page's columns and headings; steps as theirs).
 */
static int
page_scores_csv(struct mc_request *r)
{
	static const char *const cols[] = { "name", "dossiers", "i1", "i2",
		"i3", "i4", "i5", "i6", "i7", "i8", "i9", "total", "band",
		"ratings", "sat" };
	static const char *const heads[] = { "Eval.Scores.Name",
		"Eval.Scores.Dossiers", "Eval.Scores.I1", "Eval.Scores.I2",
		"Eval.Scores.I3", "Eval.Scores.I4", "Eval.Scores.I5",
		"Eval.Scores.I6", "Eval.Scores.I7", "Eval.Scores.I8",
		"Eval.Scores.I9", "Eval.Scores.Total", "Eval.Scores.Band",
		"Eval.Scores.Ratings", "Eval.Scores.Satisfied" };
	static const char *const scols[] = { "name", "steps", "early",
		"ontime", "late" };
	static const char *const sheads[] = { "Eval.Scores.Step",
		"Eval.Scores.Steps", "Eval.Scores.Early", "Eval.Scores.OnTime",
		"Eval.Scores.Late" };
	struct office_csv	 o;
	const char *const *c, *const *h, *node;
	const char **cells;
	size_t	     nc, n = 0, i, j;
	int	     rc, steps;

	if ((rc = scores_fill(r)) != 0)
		return rc;
	steps = strcmp(hdf_get_value(r->hdf, "Data.By", ""), "buoc") == 0;
	c = steps ? scols : cols;
	h = steps ? sheads : heads;
	nc = steps ? sizeof(scols) / sizeof(scols[0]) :
		     sizeof(cols) / sizeof(cols[0]);
	node = steps ? "Data.Steps" : "Data.Lines";
	while (hdf_get_value(r->hdf,
		   mc_arena_printf(r->arena, "%s.%zu.name", node, n),
		   NULL) != NULL)
		n++;
	cells = mc_arena_alloc(r->arena, (n * nc + 1) * sizeof(*cells));
	for (i = 0; i < n; i++)
		for (j = 0; j < nc; j++)
			cells[i * nc + j] = hdf_get_value(r->hdf,
			    mc_arena_printf(r->arena, "%s.%zu.%s", node, i,
				c[j]),
			    NULL);
	memset(&o, 0, sizeof(o));
	o.heads = h;
	o.ncols = nc;
	o.cells = cells;
	o.nrows = n;
	o.what = mc_arena_printf(r->arena, "danh-gia.csv %s %s..%s",
	    hdf_get_value(r->hdf, "Data.By", ""),
	    hdf_get_value(r->hdf, "Form.tu", ""),
	    hdf_get_value(r->hdf, "Form.den", ""));
	o.agency = (unsigned int)hdf_get_int_value(r->hdf, "Data.AgencyId", 0);
	o.file = mc_arena_printf(r->arena, "danh-gia-%s-%s-%s.csv",
	    hdf_get_value(r->hdf, "Data.By", ""),
	    hdf_get_value(r->hdf, "Form.tu", ""),
	    hdf_get_value(r->hdf, "Form.den", ""));
	return office_csv_send(r, &o);
}

/* ------------------------------------------------------- self-scores */

/* "2026-4": the year and quarter; 0, or -1 when it is not one. */
static int
parse_quarter(const char *s, int *year, int *quarter)
{
	char	  y[5];
	long long v, q;

	if (s == NULL || strlen(s) != 6 || s[4] != '-')
		return -1;
	memcpy(y, s, 4);
	y[4] = '\0';
	if (mc_parse_ll(y, 2000, 2100, &v) < 0 ||
	    mc_parse_ll(s + 5, 1, 4, &q) < 0)
		return -1;
	*year = (int)v;
	*quarter = (int)q;
	return 0;
}

/*
 * The agency the self-score page is about (?agency=, else the reader's
 * first): 1 one of theirs (they enter its own scores), 2 one directly under
 * one of theirs (they appraise), 0 neither, -1 error. Lists theirs and
 * those under them as Data.Choices.N.{id,name}.
 */
static int
self_agency(struct mc_request *r, unsigned int *agency)
{
	unsigned int   ids[MAX_AGENCIES];
	struct mc_rows rows;
	long long      want = 0;
	size_t	       n, i, j, k = 0;
	int	       rc = 0;

	n = mc_dossier_agencies(r->user, ROLES_MANAGE, ids, MAX_AGENCIES);
	if (n == 0)
		return 0;
	if (mc_req_field(r, FIELD_AGENCY) != NULL &&
	    mc_parse_ll(mc_req_field(r, FIELD_AGENCY), 1, 1LL << 32, &want) <
		0)
		return 0;
	*agency = want != 0 ? (unsigned int)want : ids[0];
	for (i = 0; i < n; i++) {
		if (ids[i] == *agency)
			rc = 1;
		if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_PARENT],
			"i", (long long)ids[i]) < 0)
			return -1;
		set(r, mc_arena_printf(r->arena, "Data.Choices.%zu", k), "id",
		    mc_arena_printf(r->arena, "%u", ids[i]));
		set(r, mc_arena_printf(r->arena, "Data.Choices.%zu", k++),
		    "name", rows.n ? mc_rows_str(&rows, 0, 1) : "");
		if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_UNDER], "i",
			(long long)ids[i]) < 0)
			return -1;
		for (j = 0; j < rows.n; j++, k++) {
			if (mc_rows_int(&rows, j, 0) == *agency && rc == 0)
				rc = 2;
			set(r,
			    mc_arena_printf(r->arena, "Data.Choices.%zu", k),
			    "id", mc_rows_str(&rows, j, 0));
			set(r,
			    mc_arena_printf(r->arena, "Data.Choices.%zu", k),
			    "name", mc_rows_str(&rows, j, 1));
		}
	}
	if (rc == 0)
		return 0;
	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_PARENT], "i",
		(long long)*agency) < 0)
		return -1;
	mc_view_set_int(r->hdf, "Data.AgencyId", *agency);
	mc_view_set(r->hdf, "Data.AgencyName",
	    rows.n ? mc_rows_str(&rows, 0, 1) : "");
	mc_view_set(r->hdf, "Data.Mode", rc == 1 ? "own" : "appraise");
	return rc;
}

/*
 * The model of an agency's quarter's self-scores: the nine indices
 * computed from the data, the unit's own and the appraised scores, their
 * totals, the quarters to choose from. 0 or -1.
 */
static int
self_fill(struct mc_request *r, unsigned int agency, int year, int quarter)
{
	struct mc_eval_self   sc;
	struct mc_eval_query  q;
	struct mc_eval_score *s;
	struct mc_rows	      bands;
	char		      f[48], t[48];
	size_t		      n, i;
	int		      k, y, qq, found = 0;
	time_t		      now = time(NULL);
	struct tm	      tm;

	if (mc_eval_self_load(r->db, r->arena, agency, year, quarter, &sc) < 0)
		return -1;
	memset(&q, 0, sizeof(q));
	q.agency_id = agency;
	q.by = EVAL_BY_AGENCY;
	snprintf(f, sizeof(f), "%04d-%02d-01 00:00:00", year,
	    (quarter - 1) * 3 + 1);
	snprintf(t, sizeof(t), "%04d-%02d-01 00:00:00",
	    quarter == 4 ? year + 1 : year,
	    quarter == 4 ? 1 : quarter * 3 + 1);
	q.from = f;
	q.to = t;
	if (mc_eval_bands(r->db, r->arena, &bands) < 0 ||
	    mc_eval_scores(r->db, r->arena, &q, &s, &n) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (s[i].key == agency)
			score_lines(r, "Data.Computed", &s[i], 1, &bands);
	for (k = 0; k < EVAL_SELF_N; k++) {
		const char *p = mc_arena_printf(r->arena, "Data.Rows.%d", k);

		set(r, p, "n", mc_arena_printf(r->arena, "%d", k + 1));
		set(r, p, "own", tenths(r->arena, sc.own[k]));
		set(r, p, "appraised", tenths(r->arena, sc.appraised[k]));
	}
	set(r, "Data", "OwnTotal",
	    tenths(r->arena, mc_eval_self_total(sc.own)));
	set(r, "Data", "AppraisedTotal",
	    tenths(r->arena, mc_eval_self_total(sc.appraised)));
	if (sc.own_at != NULL)
		mc_view_set(r->hdf, "Data.OwnAt", sc.own_at);
	if (sc.appraised_at != NULL)
		mc_view_set(r->hdf, "Data.AppraisedAt", sc.appraised_at);
	mc_view_set(r->hdf, "Data.Quarter",
	    mc_arena_printf(r->arena, "%d-%d", year, quarter));
	/* The quarters to choose from: this one and the eleven before. */
	localtime_r(&now, &tm);
	y = tm.tm_year + 1900;
	qq = tm.tm_mon / 3 + 1;
	for (k = 0; k < 12; k++) {
		set(r, mc_arena_printf(r->arena, "Data.Quarters.%d", k), "v",
		    mc_arena_printf(r->arena, "%d-%d", y, qq));
		found |= y == year && qq == quarter;
		if (--qq == 0) {
			qq = 4;
			y--;
		}
	}
	if (!found) /* another one asked for: offered too */
		set(r, "Data.Quarters.12", "v",
		    mc_arena_printf(r->arena, "%d-%d", year, quarter));
	return 0;
}

/*
 * The self-score page of an agency's quarter with status (self_fill's
 * model).
 */
static int
self_page(struct mc_request *r, unsigned int agency, int year, int quarter,
    int status)
{
	if (self_fill(r, agency, year, quarter) < 0)
		return 503;
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Eval.Self.Title"));
	r->status = status;
	if (mc_resp_page(r, "office/eval_self.cs") != 200)
		return 500;
	return status;
}

/* GET /can-bo/danh-gia/tu-cham: an agency's self-scores of a quarter. */
static int
page_self(struct mc_request *r)
{
	unsigned int agency;
	int	     rc, year, quarter;
	time_t	     now = time(NULL);
	struct tm    tm;

	localtime_r(&now, &tm);
	year = tm.tm_year + 1900;
	quarter = tm.tm_mon / 3 + 1;
	if (mc_req_field(r, FIELD_QUARTER) != NULL &&
	    parse_quarter(mc_req_field(r, FIELD_QUARTER), &year, &quarter) < 0)
		return mc_app_error(r, 400,
		    mc_view_str(r->hdf, "Eval.Self.BadQuarter"));
	if ((rc = self_agency(r, &agency)) < 0)
		return 503;
	if (rc == 0)
		return 403;
	if (mc_req_field(r, FIELD_OK) != NULL)
		mc_view_set(r->hdf, "Data.Saved", "1");
	return self_page(r, agency, year, quarter, 200);
}

/*
 * GET /can-bo/danh-gia/tu-cham.csv?agency=&ky=: the self-score table the
 * page shows, as CSV for Excel (UTF-8 with a byte order mark, headings in
 * the reader's language, decimal points): one line per index, then the
 * totals.
 */
static int
page_self_csv(struct mc_request *r)
{
	static const char *const heads[] = { "Eval.Self.Index",
		"Eval.Self.Computed", "Eval.Self.Own", "Eval.Self.Appraised" };
	struct office_csv	 c;
	const char	       **cells;
	unsigned int		 agency;
	int			 rc, year, quarter;
	size_t			 i;
	time_t			 now = time(NULL);
	struct tm		 tm;

	localtime_r(&now, &tm);
	year = tm.tm_year + 1900;
	quarter = tm.tm_mon / 3 + 1;
	if (mc_req_field(r, FIELD_QUARTER) != NULL &&
	    parse_quarter(mc_req_field(r, FIELD_QUARTER), &year, &quarter) < 0)
		return mc_app_error(r, 400,
		    mc_view_str(r->hdf, "Eval.Self.BadQuarter"));
	if ((rc = self_agency(r, &agency)) < 0)
		return 503;
	if (rc == 0)
		return 403;
	if (self_fill(r, agency, year, quarter) < 0)
		return 503;
	cells = mc_arena_alloc(r->arena,
	    (EVAL_SELF_N + 1) * 4 * sizeof(*cells));
	for (i = 0; i < EVAL_SELF_N; i++) {
		cells[i * 4] = mc_view_str(r->hdf,
		    mc_arena_printf(r->arena, "Eval.Scores.I%zu", i + 1));
		cells[i * 4 + 1] = hdf_get_value(r->hdf,
		    mc_arena_printf(r->arena, "Data.Computed.0.i%zu", i + 1),
		    NULL);
		cells[i * 4 + 2] = hdf_get_value(r->hdf,
		    mc_arena_printf(r->arena, "Data.Rows.%zu.own", i), NULL);
		cells[i * 4 + 3] = hdf_get_value(r->hdf,
		    mc_arena_printf(r->arena, "Data.Rows.%zu.appraised", i),
		    NULL);
	}
	cells[i * 4] = mc_view_str(r->hdf, "Eval.Self.Total");
	cells[i * 4 + 1] = hdf_get_value(r->hdf, "Data.Computed.0.total",
	    NULL);
	cells[i * 4 + 2] = hdf_get_value(r->hdf, "Data.OwnTotal", NULL);
	cells[i * 4 + 3] = hdf_get_value(r->hdf, "Data.AppraisedTotal", NULL);
	memset(&c, 0, sizeof(c));
	c.heads = heads;
	c.ncols = 4;
	c.cells = cells;
	c.nrows = EVAL_SELF_N + 1;
	c.what = mc_arena_printf(r->arena, "tu-cham.csv %u %d-%d", agency,
	    year, quarter);
	c.agency = agency;
	c.file = mc_arena_printf(r->arena, "tu-cham-%u-%d-%d.csv", agency,
	    year, quarter);
	return office_csv_send(r, &c);
}

/*
 * POST /can-bo/danh-gia/tu-cham: the unit's own nine scores (s1..s9) by
 * its leader or admin, or the appraised ones (a1..a9) by the agency above;
 * each 0 to 2 with one decimal, all nine, else 422 with the values kept.
 */
static int
page_self_save(struct mc_request *r)
{
	unsigned int agency;
	int	     rc, year, quarter, k, bad = 0, t[EVAL_SELF_N];
	int	     base;

	if (parse_quarter(mc_req_field(r, FIELD_QUARTER), &year, &quarter) < 0)
		return mc_app_error(r, 400,
		    mc_view_str(r->hdf, "Eval.Self.BadQuarter"));
	if ((rc = self_agency(r, &agency)) < 0)
		return 503;
	if (rc == 0)
		return 403;
	base = rc == 1 ? FIELD_S1 : FIELD_A1;
	for (k = 0; k < EVAL_SELF_N; k++) {
		t[k] = mc_eval_self_parse(mc_req_field(r, base + k));
		if (t[k] < 0) {
			bad = 1;
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.Errors.%d", k + 1),
			    "1");
		}
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.v.%d", k + 1),
		    mc_req_field(r, base + k));
	}
	if (bad) {
		mc_view_set(r->hdf, "Form.Invalid", "1");
		return self_page(r, agency, year, quarter, 422);
	}
	rc = mc_eval_self_save(r->db, r->arena, agency, year, quarter,
	    rc == 1 ? EVAL_SELF_OWN : EVAL_SELF_APPRAISED, t, r->user->id,
	    time(NULL));
	if (rc < 0)
		return 503;
	if (rc == EVAL_SELF_LOCKED || rc == EVAL_SELF_NO_SELF) {
		mc_view_set(r->hdf, "Form.Refused",
		    rc == EVAL_SELF_LOCKED ? "locked" : "noself");
		return self_page(r, agency, year, quarter, 409);
	}
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, SELF "?agency=%u&ky=%d-%d&ok=1", agency,
		year, quarter));
}

#define MANAGE	ROUTE_LOGIN, ROLES_MANAGE
#define OFFICER ROUTE_LOGIN, ROLES_OFFICER
#define STAFF	ROUTE_LOGIN, ROLES_STAFF

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, DEVICES, page_devices, MANAGE },
	{ METHOD_GET, DEVICES ".csv", page_devices_csv, MANAGE },
	{ METHOD_POST, DEVICES, page_device_add, MANAGE },
	{ METHOD_POST, DEVICES "/{}/thu-hoi", page_device_revoke, MANAGE },
	{ METHOD_GET, COUNTER, page_counter, OFFICER },
	{ METHOD_POST, COUNTER "/{}/moi", page_invite, OFFICER },
	{ METHOD_POST, "/can-bo/danh-gia/the", page_card, OFFICER },
	{ METHOD_GET, SCORES, page_scores, STAFF },
	{ METHOD_GET, SCORES ".csv", page_scores_csv, STAFF },
	{ METHOD_GET, SELF, page_self, MANAGE },
	{ METHOD_GET, SELF ".csv", page_self_csv, MANAGE },
	{ METHOD_POST, SELF, page_self_save, MANAGE },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_eval = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
