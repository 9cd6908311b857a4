/*
 * api: JSON for kiosks, mobile apps and partner systems under /api/v1/:
 * the catalogue, public status lookup, and (with a bearer token) filing
 * dossiers and acting on them. The same lib functions as the HTML pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_account.h"
#include "mc_admin.h"
#include "mc_app.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_calendar.h"
#include "mc_catalogue.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_page.h"
#include "mc_eform.h"
#include "mc_eform_page.h"
#include "mc_files.h"
#include "mc_throttle.h"
#include "mc_util.h"
#include "mc_view.h"
#include "mc_wallet.h"

#define MAX_FILES    20
#define DECISION_MAX 100 /* bytes of a decision, as the office form takes */

enum field {
	FIELD_Q,
	FIELD_LIMIT,
	FIELD_OFFSET,
	FIELD_ID_NUMBER,
	FIELD_PROCEDURE,
	FIELD_AGENCY,
	FIELD_FIELDS,
	FIELD__MAX
};

/* An applicant's ID number (12 digits) or an organisation's tax code. */
static int
valid_applicant_id(const struct mc_param *p)
{
	return valid_id_number(p) ||
	    mc_account_tax_code(p->value) == TAX_CODE_OK;
}

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_Q] = { "q", valid_line, 200, 0 },
	[FIELD_LIMIT] = { "limit", valid_uint, 3, 0 },
	[FIELD_OFFSET] = { "offset", valid_uint, 6, 0 },
	[FIELD_ID_NUMBER] = { "id_number", valid_applicant_id, 14, 0 },
	[FIELD_PROCEDURE] = { "procedure", valid_code, 40, 0 },
	[FIELD_AGENCY] = { "agency", valid_code, 32, 0 },
	[FIELD_FIELDS] = { "fields", valid_text, 64 * 1024, 0 },
};
/* clang-format on */

/* Serialises j into the response with the status; takes j. */
static int
reply(struct mc_request *r, int status, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	if (s == NULL)
		return 500;
	mc_buf_reset(&r->out);
	mc_buf_adds(&r->out, s);
	mc_buf_addc(&r->out, '\n');
	free(s);
	return mc_resp_json(r, status);
}

/* A cell as a JSON string, or null. */
static json_t *
jstr(const struct mc_rows *rows, size_t row, const char *col)
{
	int	    c = mc_rows_col(rows, col);
	const char *v = c < 0 ? NULL : mc_rows_str(rows, row, (size_t)c);

	return v ? json_string(v) : json_null();
}

/* A cell as a JSON integer, or null. */
static json_t *
jint(const struct mc_rows *rows, size_t row, const char *col)
{
	int	    c = mc_rows_col(rows, col);
	const char *v = c < 0 ? NULL : mc_rows_str(rows, row, (size_t)c);

	return v ? json_integer(strtoll(v, NULL, 10)) : json_null();
}

/* Every row as an object of string (or null) values. */
static json_t *
jrows(const struct mc_rows *rows)
{
	json_t *a = json_array(), *o;
	size_t	i, c;

	for (i = 0; i < rows->n; i++) {
		o = json_object();
		for (c = 0; c < rows->ncols; c++)
			json_object_set_new(o, rows->names[c],
			    jstr(rows, i, rows->names[c]));
		json_array_append_new(a, o);
	}
	return a;
}

static int
api_procedures(struct mc_request *r)
{
	struct mc_rows rows;
	const char    *q = mc_req_field(r, FIELD_Q);
	long long      limit = 20, offset = 0, total = 0;
	json_t	      *items, *o;
	size_t	       i;

	if (mc_req_field_bad(r, FIELD_Q) || mc_req_field_bad(r, FIELD_LIMIT) ||
	    mc_req_field_bad(r, FIELD_OFFSET))
		return 400;
	if (mc_req_field(r, FIELD_LIMIT) != NULL &&
	    mc_parse_ll(mc_req_field(r, FIELD_LIMIT), 1, 100, &limit) < 0)
		return 400;
	if (mc_req_field(r, FIELD_OFFSET) != NULL)
		mc_parse_ll(mc_req_field(r, FIELD_OFFSET), 0, 100000, &offset);
	memset(&rows, 0, sizeof(rows));
	if (q != NULL &&
	    mc_catalogue_search(r->db, r->arena, q, (size_t)limit,
		(size_t)offset, &rows, &total) < 0)
		return 503;
	items = json_array();
	for (i = 0; i < rows.n; i++) {
		o = json_object();
		json_object_set_new(o, "code", jstr(&rows, i, "code"));
		json_object_set_new(o, "name", jstr(&rows, i, "name"));
		json_object_set_new(o, "field", jstr(&rows, i, "field_name"));
		json_object_set_new(o, "province_level",
		    json_boolean(mc_rows_int(&rows, i, CATL_PROVINCE)));
		json_object_set_new(o, "commune_level",
		    json_boolean(mc_rows_int(&rows, i, CATL_COMMUNE)));
		json_object_set_new(o, "online",
		    json_boolean(mc_rows_int(&rows, i, CATL_ONLINE)));
		json_array_append_new(items, o);
	}
	return reply(r, 200,
	    json_pack("{s:I,s:I,s:I,s:o}", "total", (json_int_t)total, "limit",
		(json_int_t)limit, "offset", (json_int_t)offset, "items",
		items));
}

static int
api_procedure(struct mc_request *r)
{
	struct mc_procedure p;
	json_t		   *o;
	int		    rc;

	if ((rc = mc_catalogue_get(r->db, r->arena, r->cap[0], 1, &p)) < 0)
		return 503;
	if (rc == 0)
		return 404;
	o = json_object();
	json_object_set_new(o, "code", jstr(&p.row, 0, "code"));
	json_object_set_new(o, "name", jstr(&p.row, 0, "name"));
	json_object_set_new(o, "field", jstr(&p.row, 0, "field_name"));
	json_object_set_new(o, "province_level",
	    json_boolean(mc_rows_int(&p.row, 0, PCOL_PROVINCE)));
	json_object_set_new(o, "commune_level",
	    json_boolean(mc_rows_int(&p.row, 0, PCOL_COMMUNE)));
	json_object_set_new(o, "online",
	    json_boolean(mc_rows_int(&p.row, 0, PCOL_ONLINE)));
	json_object_set_new(o, "subjects", jstr(&p.row, 0, "subjects"));
	json_object_set_new(o, "implementing_agency",
	    jstr(&p.row, 0, "implementing"));
	json_object_set_new(o, "competent_authority",
	    jstr(&p.row, 0, "competent"));
	json_object_set_new(o, "decision_no", jstr(&p.row, 0, "decision_no"));
	json_object_set_new(o, "steps", jstr(&p.row, 0, "steps_text"));
	json_object_set_new(o, "conditions",
	    jstr(&p.row, 0, "conditions_text"));
	json_object_set_new(o, "result", jstr(&p.row, 0, "result_text"));
	json_object_set_new(o, "time_hours", jint(&p.row, 0, "time_hours"));
	json_object_set_new(o, "time_days", jint(&p.row, 0, "time_days"));
	json_object_set_new(o, "version", jint(&p.row, 0, "version"));
	json_object_set_new(o, "updated_at", jstr(&p.row, 0, "updated_at"));
	json_object_set_new(o, "channels", jrows(&p.channels));
	json_object_set_new(o, "documents", jrows(&p.documents));
	json_object_set_new(o, "legal_basis", jrows(&p.legal));
	json_object_set_new(o, "agencies", jrows(&p.agencies));
	return reply(r, 200, o);
}

/* The workflow's steps: name, agency, times, outcome. */
static json_t *
steps_json(const struct mc_dossier *d)
{
	json_t *a = json_array(), *o;
	size_t	i;

	for (i = 0; i < d->steps.n; i++) {
		o = json_object();
		json_object_set_new(o, "seq", jint(&d->steps, i, "seq"));
		json_object_set_new(o, "name", jstr(&d->steps, i, "name"));
		json_object_set_new(o, "role", jstr(&d->steps, i, "role"));
		json_object_set_new(o, "agency",
		    jstr(&d->steps, i, "agency_name"));
		json_object_set_new(o, "minutes",
		    jint(&d->steps, i, "minutes"));
		json_object_set_new(o, "started_at",
		    jstr(&d->steps, i, "started_at"));
		json_object_set_new(o, "due_at", jstr(&d->steps, i, "due_at"));
		json_object_set_new(o, "finished_at",
		    jstr(&d->steps, i, "finished_at"));
		json_object_set_new(o, "outcome",
		    jstr(&d->steps, i, "outcome"));
		json_array_append_new(a, o);
	}
	return a;
}

/* The dossier as JSON: full (applicant, fields, files, actors) or public. */
static json_t *
dossier_json(struct mc_request *r, const struct mc_dossier *d, int full)
{
	const struct mc_rows *row = &d->row;
	json_t		     *o = json_object(), *ev, *e, *form;
	size_t		      i;

	json_object_set_new(o, "code", jstr(row, 0, "code"));
	json_object_set_new(o, "status", jint(row, 0, "status"));
	json_object_set_new(o, "status_name",
	    json_string(mc_view_str(r->hdf,
		mc_arena_printf(r->arena, "Status.%d", d->status))));
	json_object_set_new(o, "procedure",
	    json_pack("{s:o,s:o}", "code", jstr(row, 0, "procedure_code"),
		"name", jstr(row, 0, "procedure_name")));
	json_object_set_new(o, "agency",
	    json_pack("{s:o,s:o}", "code", jstr(row, 0, "agency_code"), "name",
		jstr(row, 0, "agency_name")));
	json_object_set_new(o, "channel", jint(row, 0, "channel"));
	json_object_set_new(o, "submitted_at", jstr(row, 0, "submitted_at"));
	json_object_set_new(o, "received_at", jstr(row, 0, "received_at"));
	json_object_set_new(o, "clock_start_at",
	    jstr(row, 0, "clock_start_at"));
	json_object_set_new(o, "due_at", jstr(row, 0, "due_at"));
	json_object_set_new(o, "finished_at", jstr(row, 0, "finished_at"));
	json_object_set_new(o, "returned_at", jstr(row, 0, "returned_at"));
	json_object_set_new(o, "version", jint(row, 0, "version"));
	json_object_set_new(o, "current_step", jint(row, 0, "current_step"));
	json_object_set_new(o, "current_agency",
	    jstr(row, 0, "current_agency_name"));
	json_object_set_new(o, "step_due_at", jstr(row, 0, "step_due_at"));
	json_object_set_new(o, "colour",
	    json_string(mc_dossier_colour_name(d->status == STATUS_SUPPLEMENT ?
		    COLOUR_NONE :
		    mc_dossier_colour(d->step_due_at, d->step_warn_at,
			time(NULL)))));
	json_object_set_new(o, "original_due_at",
	    jstr(row, 0, "original_due_at"));
	json_object_set_new(o, "steps", steps_json(d));
	if (full) {
		json_object_set_new(o, "applicant",
		    json_pack("{s:o,s:o,s:o,s:o,s:o}", "name",
			jstr(row, 0, "applicant_name"), "id_number",
			jstr(row, 0, "applicant_id_number"), "phone",
			jstr(row, 0, "applicant_phone"), "email",
			jstr(row, 0, "applicant_email"), "address",
			jstr(row, 0, "applicant_address")));
		form = json_loads(d->form_json, 0, NULL);
		json_object_set_new(o, "fields", form ? form : json_object());
		json_object_set_new(o, "files", jrows(&d->files));
		if (mc_dossier_results_visible(r->db, r->arena, r->user, d) ==
		    1)
			json_object_set_new(o, "results", jrows(&d->results));
		json_object_set_new(o, "holder", jstr(row, 0, "holder_name"));
		json_object_set_new(o, "supplements", jrows(&d->supplements));
	}
	ev = json_array();
	for (i = 0; i < d->events.n; i++) {
		if (!full && mc_rows_int(&d->events, i, DEV_INTERNAL))
			continue; /* internal */
		e = json_object();
		json_object_set_new(e, "at", jstr(&d->events, i, "at"));
		json_object_set_new(e, "action",
		    jstr(&d->events, i, "action"));
		json_object_set_new(e, "from_status",
		    jint(&d->events, i, "from_status"));
		json_object_set_new(e, "to_status",
		    jint(&d->events, i, "to_status"));
		json_object_set_new(e, "step", jint(&d->events, i, "step"));
		if (full) {
			json_object_set_new(e, "note",
			    jstr(&d->events, i, "note"));
			json_object_set_new(e, "actor",
			    jstr(&d->events, i, "actor"));
		}
		json_array_append_new(ev, e);
	}
	json_object_set_new(o, "events", ev);
	return o;
}

/*
 * Public lookups answered again from this process's memory while the
 * dossier has not changed. A slot keeps the answer built for a code in a
 * language with the dossier's version; a repeated lookup checks the
 * throttle, the ID number and the version in one query
 * (mc_dossier_lookup_check) instead of three, and builds the answer again
 * on any change. The colour is worked out at each answer (it turns with
 * time); the answer's text is kept too and written again as it is while
 * the colour is the same (serialising it took 7 % of the program's time).
 * A slot lives LOOKUP_TTL seconds at most, so that a renamed agency or
 * procedure shows within that time.
 */
#define LOOKUP_SLOTS 512
#define LOOKUP_TTL   60

struct lookup_slot {
	char	  code[64];
	int	  lang;
	long long version;
	time_t	  at;
	int	  status;
	char	  due[24];
	char	  warn[24];
	json_t	 *body;
	char	 *text; /* body serialised with colour, or NULL */
	char	  colour[16];
};

static struct lookup_slot lookup_slots[LOOKUP_SLOTS];

static struct lookup_slot *
lookup_slot(const char *code, int lang)
{
	unsigned int h = 2166136261u;

	for (; *code != '\0'; code++)
		h = (h ^ (unsigned char)*code) * 16777619u;
	return &lookup_slots[(h ^ (unsigned int)lang) % LOOKUP_SLOTS];
}

/* The public answer's colour, now. */
static const char *
lookup_colour(int status, const char *due, const char *warn, time_t now)
{
	return mc_dossier_colour_name(status == STATUS_SUPPLEMENT ?
		COLOUR_NONE :
		mc_dossier_colour(due[0] ? due : NULL, warn[0] ? warn : NULL,
		    now));
}

/*
 * Answers 200 with the slot's body in colour c, serialised again only
 * when the colour is not the one its kept text has.
 */
static int
lookup_reply(struct mc_request *r, struct lookup_slot *s, const char *c)
{
	if (s->text == NULL || strcmp(s->colour, c) != 0) {
		free(s->text);
		json_object_set_new(s->body, "colour", json_string(c));
		if ((s->text = json_dumps(s->body, JSON_COMPACT)) == NULL)
			return 500;
		snprintf(s->colour, sizeof(s->colour), "%s", c);
	}
	mc_buf_reset(&r->out);
	mc_buf_adds(&r->out, s->text);
	mc_buf_addc(&r->out, '\n');
	return mc_resp_json(r, 200);
}

/*
 * Keeps j, the public answer for d, in its slot (takes j) and answers it;
 * a code too long for a slot is answered without being kept.
 */
static int
lookup_keep(struct mc_request *r, const struct mc_dossier *d, json_t *j,
    time_t now)
{
	struct lookup_slot *s = lookup_slot(d->code, (int)r->lang);

	if (strlen(d->code) >= sizeof(s->code))
		return reply(r, 200, j);
	json_decref(s->body);
	free(s->text);
	s->text = NULL;
	snprintf(s->code, sizeof(s->code), "%s", d->code);
	s->lang = (int)r->lang;
	s->version = d->version;
	s->at = now;
	s->status = d->status;
	snprintf(s->due, sizeof(s->due), "%s",
	    d->step_due_at ? d->step_due_at : "");
	snprintf(s->warn, sizeof(s->warn), "%s",
	    d->step_warn_at ? d->step_warn_at : "");
	s->body = j;
	return lookup_reply(r, s,
	    lookup_colour(s->status, s->due, s->warn, now));
}

/*
 * A lookup refused: throttled (429 with the wait), or no dossier with
 * that code and ID number (404, the wrong try counted).
 */
static int
lookup_refused(struct mc_request *r, const char *code, long wait, time_t now)
{
	if (wait > 0) {
		mc_resp_header(r, "Retry-After",
		    mc_arena_printf(r->arena, "%ld", wait));
		return mc_app_error(r, 429,
		    mc_view_str(r->hdf, "Api.Throttled"));
	}
	return mc_throttle_lookup_fail(r->db, r->arena, code, r->remote_addr,
		   now) < 0 ?
	    503 :
	    404;
}

/*
 * Answers with the kept answer for the code when it is still right: 200,
 * 0 (build it), or the status to answer (429, 404, 503).
 */
static int
lookup_kept(struct mc_request *r, const char *code, const char *idn,
    time_t now)
{
	struct lookup_slot *s = lookup_slot(code, (int)r->lang);
	long long	    version;
	long		    wait;
	int		    rc;

	if (s->body == NULL || s->lang != (int)r->lang ||
	    strcmp(s->code, code) != 0 || now - s->at >= LOOKUP_TTL)
		return 0;
	if ((rc = mc_dossier_lookup_check(r->db, r->arena, code, idn,
		 r->remote_addr, now, &wait, &version)) < 0)
		return 503;
	if (wait > 0 || rc == 0)
		return lookup_refused(r, code, wait, now);
	if (version != s->version)
		return 0;
	return lookup_reply(r, s,
	    lookup_colour(s->status, s->due, s->warn, now));
}

static int
api_dossier(struct mc_request *r)
{
	struct mc_dossier d;
	const char	 *idn = mc_req_field(r, FIELD_ID_NUMBER);
	time_t		  now;
	long		  wait;
	int		  rc;

	if (r->user == NULL && idn == NULL)
		return mc_app_error(r,
		    mc_req_field_bad(r, FIELD_ID_NUMBER) ? 400 : 401,
		    mc_view_str(r->hdf, "Api.NeedIdNumber"));
	if (r->user != NULL) {
		if ((rc = mc_dossier_load(r->db, r->arena, r->cap[0], &d)) < 0)
			return 503;
		if (rc == 0)
			return 404;
		if ((rc = mc_dossier_visible(r->db, r->arena, r->user, &d)) <
		    0)
			return 503;
		if (rc == 0)
			return 403;
		return reply(r, 200, dossier_json(r, &d, 1));
	}
	/*
	 * Public lookup: the code and the applicant's ID number must match;
	 * wrong ID numbers are counted per code and per address (429).
	 * mc_dossier_lookup: the throttle with the dossier's row, its steps
	 * and public events (three queries); nothing else is shown. Asked
	 * again, one query says whether the answer kept is still right.
	 */
	now = time(NULL);
	if ((rc = lookup_kept(r, r->cap[0], idn, now)) != 0)
		return rc;
	if ((rc = mc_dossier_lookup(r->db, r->arena, r->cap[0], idn,
		 r->remote_addr, now, &wait, &d)) < 0)
		return 503;
	if (wait > 0 || rc == 0)
		return lookup_refused(r, r->cap[0], wait, now);
	return lookup_keep(r, &d, dossier_json(r, &d, 0), now);
}

/* What the submission's transaction writes besides the dossier. */
struct api_then {
	const struct mc_eform *form;
	const char	      *answers;
	const char	      *documents;
};

static int
api_then_store(struct mc_db *db, long long dossier, void *arg)
{
	struct api_then *t = arg;

	return mc_eform_store_answers(db, dossier, t->form, t->answers,
	    t->documents);
}

/*
 * Checks the fields and the slotted files ("doc.<slot>") against the
 * procedure's form in force: 0 good (*answers the checked answers as JSON),
 * 1 when the procedure is unknown, -1 on a database error, or 422 when
 * the answer went out with each field's error.
 */
static int
api_check_form(struct mc_request *r, const char *proc, json_t *answers_in,
    const struct mc_eform_file *slotted, size_t nslotted,
    struct mc_eform *form, const char **answers)
{
	struct mc_eform_wardlist wards = { .db = r->db, .a = r->arena };
	struct mc_eform_error	 errs[32];
	size_t			 n;
	char			*s;
	long long		 id;
	int			 rc;

	/* Its form alone: not its channels, legal basis or agencies. */
	if ((rc = mc_eform_current_of(r->db, r->arena, proc, time(NULL), form,
		 &id)) <= 0)
		return rc < 0 ? -1 : 1;
	/* The wards are read only if an address names one. */
	n = mc_eform_check(r->arena, form, answers_in, mc_eform_ward_lazy,
	    &wards, errs, 32);
	if (wards.state < 0)
		return -1;
	n = mc_eform_check_files(r->arena, form, slotted, nslotted, errs,
	    n > 32 ? 32 : n, 32);
	if (n > 0) {
		json_t *j = json_pack("{s:s, s:i, s:s, s:o}", "error",
		    mc_view_str(r->hdf, "Api.BadFields"), "status", 422,
		    "request_id", r->id, "errors",
		    mc_eform_page_errors_json(r, errs, n > 32 ? 32 : n));

		return reply(r, 422, j) == 422 ? 422 : 500;
	}
	s = json_dumps(answers_in, JSON_COMPACT);
	*answers = mc_arena_strdup(r->arena, s ? s : "{}");
	free(s);
	return 0;
}

/*
 * The Idempotency-Key of the request into s (its SHA-256 and that of what
 * the submission says: procedure, agency, answers, each file with its
 * slot): 0, 1 without one, -1 when it is not 1 to 255 printable ASCII, or
 * -2 out of memory.
 */
static int
submission_key(struct mc_request *r, struct mc_submission *s,
    const char *documents)
{
	const char   *k = r->idempotency_key;
	unsigned char h[32];
	const char   *part[4];
	struct buf    b;
	size_t	      i, n;
	char	     *hex;
	int	      ok = 1;

	if (k == NULL)
		return 1;
	for (n = 0; k[n] != '\0'; n++)
		if (k[n] < 0x21 || k[n] > 0x7e || n == 255)
			return -1;
	if (n == 0)
		return -1;
	mc_sha256(h, k, n);
	hex = mc_arena_alloc(r->arena, 65);
	mc_hex(hex, h, 32);
	s->key_hash = hex;
	part[0] = s->procedure_code;
	part[1] = s->agency_code ? s->agency_code : "";
	part[2] = s->form_json;
	part[3] = documents;
	mc_buf_init(&b, (size_t)1 << 28);
	for (i = 0; i < 4; i++) /* each with its NUL: no two read alike */
		ok &= mc_buf_add(&b, part[i], strlen(part[i]) + 1) == 0;
	for (i = 0; i < s->nfiles; i++)
		ok &= mc_buf_add(&b, s->files[i].sha256, 65) == 0;
	mc_sha256(h, b.s, b.len);
	mc_buf_free(&b);
	if (!ok)
		return -2;
	hex = mc_arena_alloc(r->arena, 65);
	mc_hex(hex, h, 32);
	s->key_fingerprint = hex;
	return 0;
}

/*
 * One part of a submission into files[*n] (and docs' slot): an upload, or
 * a document of the caller's wallet named by its content hash ("wallet",
 * "wallet.<slot>"; mc_wallet_find, the filing form's ownership rule): the
 * same stored file, marked as from the wallet. 0, or the status of the
 * answer already made (400 too many, 422 refused, 503).
 */
static int
api_part(struct mc_request *r, const struct mc_param *p, const char *slot,
    int wallet, struct mc_file *files, size_t *n, json_t *docs)
{
	struct mc_wallet_doc d;
	struct mc_file	    *f = &files[*n];
	const char	    *why;
	json_t		    *arr;
	int		     rc;

	if (*n == MAX_FILES)
		return mc_app_error(r, 400,
		    mc_view_str(r->hdf, "Error.FileCount"));
	if (wallet) {
		if ((rc = mc_wallet_find(r->db, r->arena, r->user->id,
			 p->value, &d)) < 0)
			return 503;
		if (rc == 0)
			return mc_app_error(r, 422,
			    mc_view_str(r->hdf, "Api.WalletNotYours"));
		memcpy(f->sha256, d.sha256, sizeof(f->sha256));
		f->mime = d.mime;
		f->size = (size_t)d.size;
		f->filename = d.name;
	} else if ((rc = mc_files_store(r->arena, p->value, p->len,
			p->filename, f, &why)) != 0)
		return rc < 0 ? 503 :
				mc_app_error(r, 422, mc_view_str(r->hdf, why));
	(*n)++;
	if (slot == NULL)
		return 0;
	if ((arr = json_object_get(docs, slot)) == NULL)
		json_object_set_new(docs, slot, arr = json_array());
	json_array_append_new(arr,
	    json_pack("{s:s, s:I, s:s, s:s, s:b}", "sha256", f->sha256, "size",
		(json_int_t)f->size, "mime", f->mime, "name", f->filename,
		"wallet", wallet));
	return 0;
}

/* 1 if the n files fit in one dossier (mc_eform_total_ok), else 0. */
static int
files_fit(const struct mc_file *files, size_t n)
{
	long long total = 0;
	size_t	  i;

	for (i = 0; i < n; i++)
		total += (long long)files[i].size;
	return mc_eform_total_ok(0, total);
}

/* 422: the files together over the dossier's limit, as a field error. */
static int
too_large(struct mc_request *r)
{
	json_t *j = json_pack("{s:s, s:i, s:s, s:[{s:s, s:s, s:s}]}", "error",
	    mc_view_str(r->hdf, "Api.BadFields"), "status", 422, "request_id",
	    r->id, "errors", "field", "file", "code",
	    mc_eform_err_name(EE_FILES_TOTAL), "message",
	    mc_eform_page_total_text(r));

	return reply(r, 422, j) == 422 ? 422 : 500;
}

/*
 * The submission's uploads checked (type, size) and counted before any is
 * stored, the parts api_submit takes as api_part would answer them: 0, or
 * the status of the answer made (400 too many, 422 refused, 503).
 */
static int
submit_precheck(struct mc_request *r)
{
	const char *why;
	size_t	    i, n = 0;
	int	    rc, wallet;

	for (i = 0; i < r->nparams; i++) {
		const struct mc_param *p = &r->params[i];

		wallet = strncmp(p->name, "wallet", 6) == 0 &&
		    (p->name[6] == '\0' || p->name[6] == '.');
		if (!wallet && strncmp(p->name, "doc.", 4) != 0 &&
		    strcmp(p->name, "file") != 0)
			continue;
		if (wallet ? p->filename != NULL || p->len == 0 :
			     p->filename == NULL)
			continue;
		if (++n > MAX_FILES)
			return mc_app_error(r, 400,
			    mc_view_str(r->hdf, "Error.FileCount"));
		if (wallet)
			continue;
		if ((rc = mc_files_check(p->value, p->len, NULL, &why)) < 0)
			return 503;
		if (rc > 0)
			return mc_app_error(r, 422, mc_view_str(r->hdf, why));
	}
	return 0;
}

static int
api_submit(struct mc_request *r)
{
	struct mc_submission s;
	struct mc_file	     files[MAX_FILES];
	struct mc_eform_file slotted[MAX_FILES];
	struct mc_eform	     eform;
	struct api_then	     then;
	const char	    *fj = mc_req_field(r, FIELD_FIELDS), *code;
	const char	    *answers = NULL;
	json_t		    *form = NULL, *docs;
	size_t		     i, n = 0, nslotted = 0;
	int		     rc;

	if (!mc_auth_has_role(r->user, ROLE_CITIZEN))
		return 403;
	if (mc_req_field(r, FIELD_PROCEDURE) == NULL ||
	    mc_req_field_bad(r, FIELD_AGENCY) ||
	    mc_req_field_bad(r, FIELD_FIELDS))
		return mc_app_error(r, 400,
		    mc_view_str(r->hdf, "Api.BadSubmission"));
	if ((form = json_loads(fj ? fj : "{}", 0, NULL)) == NULL ||
	    !json_is_object(form)) {
		json_decref(form);
		return mc_app_error(r, 400,
		    mc_view_str(r->hdf, "Api.BadFields"));
	}
	if ((rc = submit_precheck(r)) != 0) {
		json_decref(form);
		return rc;
	}
	docs = json_object();
	for (i = 0; i < r->nparams; i++) {
		const struct mc_param *p = &r->params[i];
		const char	      *slot = NULL;
		int		       wallet = 0;

		if (strncmp(p->name, "doc.", 4) == 0)
			slot = p->name + 4;
		else if (strncmp(p->name, "wallet", 6) == 0 &&
		    (p->name[6] == '\0' || p->name[6] == '.')) {
			wallet = 1;
			slot = p->name[6] == '.' ? p->name + 7 : NULL;
		} else if (strcmp(p->name, "file") != 0)
			continue;
		if (wallet ? p->filename != NULL || p->len == 0 :
			     p->filename == NULL)
			continue;
		if ((rc = api_part(r, p, slot, wallet, files, &n, docs)) !=
		    0) {
			json_decref(form);
			json_decref(docs);
			return rc;
		}
		if (slot != NULL) {
			slotted[nslotted].slot = slot;
			slotted[nslotted].mime = files[n - 1].mime;
			slotted[nslotted].size = files[n - 1].size;
			nslotted++;
		}
	}
	rc = api_check_form(r, mc_req_field(r, FIELD_PROCEDURE), form, slotted,
	    nslotted, &eform, &answers);
	json_decref(form);
	if (rc != 0) {
		json_decref(docs);
		if (rc == 1)
			return mc_dossier_refusal(r, DOSSIER_NO_PROCEDURE,
			    NULL, NULL);
		return rc < 0 ? 503 : rc;
	}
	if (!files_fit(files, n)) {
		json_decref(docs);
		return too_large(r);
	}
	memset(&s, 0, sizeof(s));
	s.procedure_code = mc_req_field(r, FIELD_PROCEDURE);
	s.agency_code = mc_req_field(r, FIELD_AGENCY);
	s.account_id = r->user->id;
	/* An organisation files in its own name, with its tax code. */
	s.name = r->user->org ? r->user->org_name : r->user->full_name;
	s.id_number = r->user->org ? r->user->tax_code : r->user->id_number;
	s.phone = r->user->phone;
	s.email = r->user->email;
	s.channel = CHANNEL_ONLINE;
	s.form_json = answers;
	s.files = files;
	s.nfiles = n;
	then.form = &eform;
	then.answers = answers;
	{
		char *d = json_dumps(docs, JSON_COMPACT);

		then.documents = mc_arena_strdup(r->arena, d ? d : "{}");
		free(d);
	}
	json_decref(docs);
	s.then = api_then_store;
	s.then_arg = &then;
	if (s.id_number == NULL)
		return mc_app_error(r, 422,
		    mc_view_str(r->hdf, "Api.NoIdNumber"));
	if ((rc = submission_key(r, &s, then.documents)) < 0)
		return rc == -2 ?
		    503 :
		    mc_app_error(r, 400, mc_view_str(r->hdf, "Api.BadKey"));
	/*
	 * Sent again with its key (the answer was lost): the dossier filed
	 * the first time, answered as then, nothing filed now.
	 */
	rc = mc_dossier_submit(r->db, r->arena, &s, time(NULL), &code);
	if (rc == DOSSIER_KEY_REUSED)
		return mc_app_error(r, 422,
		    mc_view_str(r->hdf, "Api.KeyReused"));
	if (rc == DOSSIER_REPLAYED)
		mc_resp_header(r, "Idempotent-Replayed", "true");
	else if (rc != 0)
		return mc_dossier_refusal(r, rc, NULL, NULL);
	mc_resp_header(r, "Location",
	    mc_arena_printf(r->arena, "/api/v1/dossiers/%s", code));
	return reply(r, 201,
	    json_pack("{s:s,s:i}", "code", code, "status", STATUS_SUBMITTED));
}

/* A JSON string member copied into the arena, or NULL. */
static const char *
member(struct mc_request *r, json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);

	return json_is_string(v) ?
	    mc_arena_strdup(r->arena, json_string_value(v)) :
	    NULL;
}

/* Why a request's arguments were refused: its status and message key. */
struct refusal {
	int	    status;
	const char *key;
};

static int
refuse(struct refusal *why, int status, const char *key)
{
	why->status = status;
	why->key = key;
	return -1;
}

/*
 * Reads an action's arguments from a JSON body into args and *act (-1:
 * no such action); 0, or -1 with why set.
 */
static int
args_json(struct mc_request *r, struct mc_action_args *args, int *act,
    struct refusal *why)
{
	json_t *body = NULL, *items, *step;
	char   *s;

	if (r->body != NULL)
		body = json_loadb(r->body, r->body_len, 0, NULL);
	if (body == NULL || !json_is_object(body)) {
		json_decref(body);
		return refuse(why, 400, "Api.BadJson");
	}
	*act = mc_dossier_action_parse(member(r, body, "action"));
	args->note = member(r, body, "note");
	if (json_is_integer(json_object_get(body, "version")))
		args->expected_version = json_integer_value(
		    json_object_get(body, "version"));
	if (json_is_integer(json_object_get(body, "officer")))
		args->officer_id = json_integer_value(
		    json_object_get(body, "officer"));
	if (json_is_integer(json_object_get(body, "method")))
		args->method = (int)json_integer_value(
		    json_object_get(body, "method"));
	args->new_due = mc_date_at(member(r, body, "new_due"), 17);
	/* forward, approve: the outcome chosen and the parallel step done. */
	args->decision = member(r, body, "decision");
	step = json_object_get(body, "step");
	if ((args->decision != NULL &&
		(strlen(args->decision) > DECISION_MAX ||
		    !mc_text_ok(args->decision, strlen(args->decision), 0))) ||
	    (step != NULL &&
		(!json_is_integer(step) || json_integer_value(step) < 1 ||
		    json_integer_value(step) > 999))) {
		json_decref(body);
		return refuse(why, 400, "Api.BadJson");
	}
	args->step = step != NULL ? (int)json_integer_value(step) : 0;
	args->cause = member(r, body, "cause"); /* request_supplement */
	items = json_object_get(body, "items");
	if (json_is_array(items) && (s = json_dumps(items, JSON_COMPACT))) {
		args->items_json = mc_arena_strdup(r->arena, s);
		free(s);
	}
	json_decref(body);
	return 0;
}

/*
 * Stores one uploaded part into files[*n]; 0, or -1 with why set: 400
 * when too many, 422 for a refused file, 503 for a storage error.
 */
static int
store_part(struct mc_request *r, const struct mc_param *p,
    struct mc_file *files, size_t *n, struct refusal *why)
{
	const char *type;
	int	    rc;

	if (*n == MAX_FILES)
		return refuse(why, 400, "Api.BadJson");
	rc = mc_files_store(r->arena, p->value, p->len, p->filename,
	    &files[*n], &type);
	if (rc < 0)
		return refuse(why, 503, "Error.Text.503");
	if (rc > 0)
		return refuse(why, 422, "Error.FileType");
	(*n)++;
	return 0;
}

/*
 * Reads an action's arguments from a multipart body with files: "file"
 * parts for a supplement, "result" parts for the result (sign, approve,
 * decide, return), and *act (-1: no such action); 0, or -1 with why set.
 */
static int
args_multipart(struct mc_request *r, struct mc_action_args *args,
    struct mc_file *files, struct mc_file *results, int *act,
    struct refusal *why)
{
	long long v;
	size_t	  i, nfile = 0, nresult = 0;
	int	  rc;

	/* Every file checked (and counted) before any is stored. */
	for (i = 0; i < r->nparams; i++) {
		const struct mc_param *p = &r->params[i];
		const char	      *type;

		if (p->filename == NULL ||
		    (strcmp(p->name, "file") != 0 &&
			strcmp(p->name, "result") != 0))
			continue;
		if (++*(strcmp(p->name, "file") == 0 ? &nfile : &nresult) >
		    MAX_FILES)
			return refuse(why, 400, "Api.BadJson");
		if ((rc = mc_files_check(p->value, p->len, NULL, &type)) < 0)
			return refuse(why, 503, "Error.Text.503");
		if (rc > 0)
			return refuse(why, 422, "Error.FileType");
	}
	for (i = 0; i < r->nparams; i++) {
		const struct mc_param *p = &r->params[i];

		if (p->filename == NULL && !mc_utf8_valid(p->value, p->len))
			return refuse(why, 400, "Api.BadJson");
		if (strcmp(p->name, "action") == 0)
			*act = mc_dossier_action_parse(p->value);
		else if (strcmp(p->name, "note") == 0)
			args->note = p->value;
		else if (strcmp(p->name, "version") == 0 &&
		    mc_parse_ll(p->value, 1, 1LL << 31, &v) == 0)
			args->expected_version = v;
		else if (strcmp(p->name, "method") == 0 &&
		    mc_parse_ll(p->value, 1, 3, &v) == 0)
			args->method = (int)v;
		else if (strcmp(p->name, "file") == 0 && p->filename != NULL) {
			if (store_part(r, p, files, &args->nfiles, why) < 0)
				return -1;
		} else if (strcmp(p->name, "result") == 0 &&
		    p->filename != NULL) {
			if (store_part(r, p, results, &args->nresults, why) <
			    0)
				return -1;
		}
	}
	args->files = files;
	args->results = results;
	return 0;
}

/*
 * "sign" through the API asks for the officer's password with the action
 * (a bearer token alone does not sign: the "password" member, or part),
 * as the office page asks for it again, and for an account with an
 * authenticator its current six-digit code too ("otp"); wrong ones count
 * as failed logins of the account and are audited (mc_admin_reauth_check).
 * Called before any file is stored. 1 go on, else the status of the
 * answer given (403 missing or wrong, 429 too many wrong ones).
 */
static int
sign_reauth(struct mc_request *r, int multipart)
{
	struct mc_audit	 e = { AUDIT_REAUTH, r->user->id, 0, "api sign",
		 r->remote_addr };
	struct mc_reauth t = { NULL, NULL, r->remote_addr, 0, REAUTH_OK };
	const char	*act = NULL;
	json_t		*body;
	size_t		 i;
	int		 rc;

	if (multipart) {
		for (i = 0; i < r->nparams; i++) {
			if (r->params[i].filename != NULL)
				continue;
			if (strcmp(r->params[i].name, "action") == 0)
				act = r->params[i].value;
			else if (strcmp(r->params[i].name, "password") == 0)
				t.password = r->params[i].value;
			else if (strcmp(r->params[i].name, "otp") == 0)
				t.code = r->params[i].value;
		}
	} else if (r->body != NULL &&
	    (body = json_loadb(r->body, r->body_len, 0, NULL)) != NULL) {
		act = member(r, body, "action");
		t.password = member(r, body, "password");
		t.code = member(r, body, "otp");
		json_decref(body);
	}
	if (act == NULL || mc_dossier_action_parse(act) != ACTION_SIGN)
		return 1;
	if (t.password == NULL || *t.password == '\0')
		return mc_app_error(r, 403,
		    mc_view_str(r->hdf, "Api.SignPassword"));
	if ((rc = mc_admin_reauth_check(r->db, r->arena, r->user->id, &t,
		 time(NULL))) < 0)
		return 503;
	if (rc == 0) {
		if (t.wait > 0)
			mc_resp_header(r, "Retry-After",
			    mc_arena_printf(r->arena, "%ld", t.wait));
		return mc_app_error(r, t.wait > 0 ? 429 : 403,
		    mc_view_str(r->hdf,
			t.wait > 0		     ? "Api.SignWait" :
			    t.why == REAUTH_PASSWORD ? "Api.SignPassword" :
						       "Api.SignCode"));
	}
	/* Typed right: in the audit log as a re-authentication. */
	if (mc_db_begin(r->db) < 0)
		return 503;
	if (mc_audit_write(r->db, &e) < 0 || mc_db_commit(r->db) < 0) {
		mc_db_rollback(r->db);
		return 503;
	}
	return 1;
}

static int
api_transition(struct mc_request *r)
{
	struct mc_action_args args;
	struct mc_dossier     d;
	struct mc_file	      files[MAX_FILES], results[MAX_FILES];
	const char	     *ct = r->content_type ? r->content_type : "";
	struct refusal	      why;
	int		      act = -1, rc;

	memset(&args, 0, sizeof(args));
	if ((rc = sign_reauth(r,
		 strncmp(ct, "multipart/form-data", 19) == 0)) != 1)
		return rc;
	if (strncmp(ct, "multipart/form-data", 19) == 0)
		rc = args_multipart(r, &args, files, results, &act, &why);
	else
		rc = args_json(r, &args, &act, &why);
	if (rc < 0)
		return mc_app_error(r, why.status,
		    mc_view_str(r->hdf, why.key));
	if (act < 0)
		return mc_app_error(r, 400,
		    mc_view_str(r->hdf, "Api.BadAction"));
	if (args.note != NULL && strlen(args.note) > 2000)
		return mc_app_error(r, 400, NULL);
	rc = mc_dossier_act(r->db, r->arena, r->user, r->cap[0],
	    (enum mc_action)act, &args, time(NULL));
	if (rc != 0)
		return mc_dossier_refusal(r, rc, "Api.NotAllowed", NULL);
	if ((rc = mc_dossier_load(r->db, r->arena, r->cap[0], &d)) <= 0)
		return 503;
	return reply(r, 200, dossier_json(r, &d, 1));
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/api/v1/procedures", api_procedures, 0, 0 },
	{ METHOD_GET, "/api/v1/procedures/{}", api_procedure, 0, 0 },
	{ METHOD_GET, "/api/v1/dossiers/{}", api_dossier, 0, 0 },
	{ METHOD_POST, "/api/v1/dossiers", api_submit,
	    ROUTE_LOGIN | ROUTE_NOCSRF, 0 },
	{ METHOD_POST, "/api/v1/dossiers/{}/transitions", api_transition,
	    ROUTE_LOGIN | ROUTE_NOCSRF, 0 },
};
/* clang-format on */

/*
 * Before each handler: days off and make-up days reread when changed (at
 * most a query a minute; on failure the table already loaded stays).
 */
static void
api_before(struct mc_request *r)
{
	mc_calendar_load(r->db);
}

static int
api_init(void)
{
	return mc_files_init();
}

int
main(int argc, char *argv[])
{
	static const struct mc_app app = {
		.name = "api",
		.routes = routes,
		.nroutes = sizeof(routes) / sizeof(routes[0]),
		.fields = fields,
		.nfields = FIELD__MAX,
		.api = 1,
		.init = api_init,
		.before = api_before,
	};

	return mc_app_run(&app, argc, argv);
}
