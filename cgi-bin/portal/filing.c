/*
 * Filing a dossier online: the procedure's own form (lib/domain/mc_eform,
 * drawn by lib/web/mc_eform_page), its upload slots, a draft saved at each
 * step, a "check your answers" page with change links, and the submission
 * with the answers stored in its transaction. A long form (two sections or
 * more) can also be filled part by part from a task list (GOV.UK's
 * pattern), each part a page of its own, without JavaScript.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_account.h"
#include "mc_app.h"
#include "mc_arena.h"
#include "mc_catalogue.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eform.h"
#include "mc_eform_page.h"
#include "mc_files.h"
#include "mc_util.h"
#include "mc_view.h"
#include "mc_wallet.h"

#include "portal.h"

#define MAX_ERRORS  64
#define MAX_FILES   60
#define MAX_CHOICES 100 /* wallet documents offered per slot and group */

enum field {
	FIELD_CSRF,
	FIELD_NAME,
	FIELD_ID_NUMBER,
	FIELD_EMAIL,
	FIELD_PHONE,
	FIELD_ADDRESS,
	FIELD_AGENCY,
	FIELD_AGENCY_Q,
	FIELD_FILTER,
	FIELD_DRAFT,
	FIELD_ACTION,
	FIELD_SAVED,
	FIELD_FROM,
	FIELD_ON_BEHALF,
	FIELD__MAX
};

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_NAME] = { "name", valid_line, 200, 0 },
	[FIELD_ID_NUMBER] = { "id_number", portal_valid_applicant_id, 14, 0 },
	[FIELD_EMAIL] = { "email", valid_email, 254, 0 },
	[FIELD_PHONE] = { "phone", valid_phone, 16, 0 },
	[FIELD_ADDRESS] = { "address", valid_line, 500, 0 },
	[FIELD_AGENCY] = { "agency", valid_code, 32, 0 },
	[FIELD_AGENCY_Q] = { "agency_q", valid_line, 200, 0 },
	[FIELD_FILTER] = { "filter", valid_uint, 1, 0 },
	[FIELD_DRAFT] = { "nhap", valid_uint, 20, 0 },
	[FIELD_ACTION] = { "action", valid_line, 120, 0 },
	[FIELD_SAVED] = { "luu", valid_uint, 1, 0 },
	[FIELD_FROM] = { "tu_giay_to", valid_code, 64, 0 },
	[FIELD_ON_BEHALF] = { "on_behalf", valid_uint, 1, 0 },
};
/* clang-format on */

/* The applicant's fields, in the order of the page. */
static const int applicant_fields[] = { FIELD_NAME, FIELD_ID_NUMBER,
	FIELD_PHONE, FIELD_EMAIL, FIELD_ADDRESS };

/* Everything a filing page works on. */
struct filing {
	struct mc_procedure   p;
	long long	      proc_id;
	struct mc_eform	      form;
	struct mc_rows	      wards;
	struct mc_eform_draft draft;
	json_t		     *answers;	 /* as typed */
	json_t		     *documents; /* slot -> [{sha256, ...}] */
	json_t		     *applicant;
	struct mc_eform_error errs[MAX_ERRORS];
	size_t		      nerr;
};

static void
filing_free(struct filing *fl)
{
	json_decref(fl->answers);
	json_decref(fl->documents);
	json_decref(fl->applicant);
}

/*
 * Loads the procedure (filed online), its form in force and the wards;
 * fills Data.Procedure, Data.Documents, Data.Channels. 0, or an HTTP
 * status.
 */
static int
filing_load(struct mc_request *r, struct filing *fl)
{
	int rc;

	memset(fl, 0, sizeof(*fl));
	if ((rc = mc_catalogue_get(r->db, r->arena, r->cap[0], 1, &fl->p)) < 0)
		return 503;
	if (rc == 0 || !mc_rows_int(&fl->p.row, 0, PCOL_ONLINE))
		return 404;
	fl->proc_id = mc_rows_int(&fl->p.row, 0, PCOL_ID);
	/* The wards only for a form with an address (its list of wards). */
	if (mc_eform_current(r->db, r->arena, fl->proc_id, &fl->p.documents,
		time(NULL), &fl->form) < 0 ||
	    (mc_eform_has_address(&fl->form) &&
		mc_eform_wards(r->db, r->arena, &fl->wards) < 0))
		return 503;
	mc_view_rows(r->hdf, "Data.Procedure", &fl->p.row);
	mc_view_rows(r->hdf, "Data.Documents", &fl->p.documents);
	mc_view_rows(r->hdf, "Data.Channels", &fl->p.channels);
	mc_view_set(r->hdf, "Page.Title",
	    mc_rows_str(&fl->p.row, 0, PCOL_NAME));
	return 0;
}

/* ------------------------------------------------------------ agencies */

/*
 * Fills Data.Agencies with the places that can receive the procedure whose
 * folded name holds the folded q (all when q is empty or matches none:
 * then Data.NoMatch), Data.AgencyCount, Data.AgencyWards and
 * Data.AgencyOthers. Returns how many matched q (0 when none did).
 */
static size_t
agencies_model(struct mc_request *r, const struct mc_procedure *p,
    const char *q)
{
	const char *fq = q != NULL ? mc_fold(r->arena, q) : NULL;
	const char *name, *n;
	size_t	    i, count = 0, wards = 0;
	int	    pass;

	for (pass = 0; pass < 2 && count == 0; pass++) {
		if (pass == 1 && fq != NULL && *fq != '\0')
			mc_view_set(r->hdf, "Data.NoMatch", "1");
		for (i = 0; i < p->agencies.n; i++) {
			name = mc_rows_str(&p->agencies, i, RECV_NAME);
			if (pass == 0 && fq != NULL && *fq != '\0' &&
			    strstr(mc_fold(r->arena, name), fq) == NULL)
				continue;
			n = mc_arena_printf(r->arena, "Data.Agencies.%zu",
			    count);
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.code", n),
			    mc_rows_str(&p->agencies, i, RECV_CODE));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.name", n), name);
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.kind", n),
			    mc_rows_str(&p->agencies, i, RECV_KIND));
			if (strcmp(mc_rows_str(&p->agencies, i, RECV_KIND),
				"ward") == 0)
				wards++;
			count++;
		}
	}
	mc_view_set_int(r->hdf, "Data.AgencyCount", (long long)count);
	mc_view_set_int(r->hdf, "Data.AgencyWards", (long long)wards);
	mc_view_set_int(r->hdf, "Data.AgencyOthers",
	    (long long)(count - wards));
	return pass == 1 ? count : 0;
}

/* The name of the receiving place code, or NULL if it is not one. */
static const char *
agency_name(const struct mc_procedure *p, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < p->agencies.n; i++)
		if (strcmp(mc_rows_str(&p->agencies, i, RECV_CODE), code) == 0)
			return mc_rows_str(&p->agencies, i, RECV_NAME);
	return NULL;
}

/*
 * The receiving place known in advance: the only one, or the one of the
 * citizen's last dossier if it can receive this procedure; NULL when not
 * known. -1 in *err on a database error.
 */
static const char *
agency_default(struct mc_request *r, const struct mc_procedure *p, int *err)
{
	struct mc_rows mine;
	const char    *last;

	*err = 0;
	if (p->agencies.n == 1)
		return mc_rows_str(&p->agencies, 0, RECV_CODE);
	if (mc_dossier_list_mine(r->db, r->arena, r->user->id, 1, &mine) < 0) {
		*err = -1;
		return NULL;
	}
	if (mine.n == 0)
		return NULL;
	last = mc_rows_str(&mine, 0, DMINE_AGENCY_CODE);
	return agency_name(p, last) != NULL ? last : NULL;
}

/* ------------------------------------------------------------ state */

static const char *
dump(struct mc_arena *a, json_t *j)
{
	char	   *s = json_dumps(j, JSON_COMPACT);
	const char *out = mc_arena_strdup(a, s ? s : "{}");

	free(s);
	return out;
}

static json_t *
load_json(const char *s)
{
	json_t *j = s != NULL ? json_loads(s, 0, NULL) : NULL;

	if (!json_is_object(j)) {
		json_decref(j);
		j = json_object();
	}
	return j;
}

static const char *
japp(const struct filing *fl, const char *k)
{
	return json_string_value(json_object_get(fl->applicant, k));
}

/*
 * Who an account files for itself as: a person by their name and ID
 * number, an organisation by its name and tax code (migration 0071).
 */
static const char *
own_name(const struct mc_user *u)
{
	return u->org ? u->org_name : u->full_name;
}

static const char *
own_id(const struct mc_user *u)
{
	return u->org ? u->tax_code : u->id_number;
}

static int
own_verified(const struct mc_user *u)
{
	return u->org ? u->tax_verified : u->id_verified;
}

/* The applicant block from the account (a new filing). */
static void
applicant_from_account(struct mc_request *r, struct filing *fl)
{
	const struct mc_user *u = r->user;

	fl->applicant = json_object();
	if (own_name(u))
		json_object_set_new(fl->applicant, "name",
		    json_string(own_name(u)));
	if (own_id(u))
		json_object_set_new(fl->applicant, "id_number",
		    json_string(own_id(u)));
	if (u->phone)
		json_object_set_new(fl->applicant, "phone",
		    json_string(u->phone));
	if (u->email)
		json_object_set_new(fl->applicant, "email",
		    json_string(u->email));
	if (u->address)
		json_object_set_new(fl->applicant, "address",
		    json_string(u->address));
}

/*
 * Who the dossier is for (issue 9, finding 4.2). The account holder, unless
 * "filing on behalf of someone else" was chosen: then the applicant is as
 * declared (a relative, an employee of a business), recorded as filed on
 * behalf (mc_submission.on_behalf) for the officer to check the paper.
 * Filing for oneself, the name and ID number are the account's whatever
 * was posted or saved in the draft: a typed ID number proves nothing, and
 * a verified one is never replaced by one. (An account without an ID
 * number keeps the one typed: a claim, as the officer's page shows.)
 */
static void
applicant_own(struct mc_request *r, struct filing *fl)
{
	const struct mc_user *u = r->user;

	if (japp(fl, "on_behalf") != NULL || own_id(u) == NULL)
		return;
	json_object_set_new(fl->applicant, "id_number",
	    json_string(own_id(u)));
	if (own_name(u) != NULL)
		json_object_set_new(fl->applicant, "name",
		    json_string(own_name(u)));
}

/*
 * Data.Own.*: the account holder's name and ID number, which a filing for
 * oneself uses, and whether that ID number was verified.
 */
static void
own_model(struct mc_request *r)
{
	const struct mc_user *u = r->user;

	mc_view_set(r->hdf, "Data.Own.name", own_name(u));
	mc_view_set(r->hdf, "Data.Own.id_number", own_id(u));
	if (own_id(u) != NULL && own_verified(u))
		mc_view_set(r->hdf, "Data.Own.verified", "1");
	if (u->org)
		mc_view_set(r->hdf, "Data.Own.org", "1");
}

/* The applicant block as posted (values as typed, even invalid ones). */
static void
applicant_from_post(struct mc_request *r, struct filing *fl)
{
	const struct mc_param *p;
	size_t		       i;

	fl->applicant = json_object();
	for (i = 0; i < sizeof(applicant_fields) / sizeof(applicant_fields[0]);
	     i++) {
		p = r->fields[applicant_fields[i]];
		if (p != NULL && p->len > 0 && mc_utf8_valid(p->value, p->len))
			json_object_set_new(fl->applicant,
			    fields[applicant_fields[i]].name,
			    json_string(p->value));
	}
	if (mc_req_field(r, FIELD_AGENCY) != NULL)
		json_object_set_new(fl->applicant, "agency",
		    json_string(mc_req_field(r, FIELD_AGENCY)));
	if (mc_req_field(r, FIELD_ON_BEHALF) != NULL &&
	    strcmp(mc_req_field(r, FIELD_ON_BEHALF), "1") == 0)
		json_object_set_new(fl->applicant, "on_behalf",
		    json_string("1"));
}

/* The draft named by ?nhap= (or the form's field): 0, or a status. */
static int
draft_load(struct mc_request *r, struct filing *fl)
{
	const char *id = mc_req_field(r, FIELD_DRAFT);
	long long   n;
	int	    rc;

	if (id == NULL)
		return 0;
	if (mc_parse_ll(id, 1, 1LL << 62, &n) < 0)
		return 404;
	if ((rc = mc_eform_draft_get(r->db, r->arena, n, r->user->id,
		 &fl->draft)) < 0)
		return 503;
	if (rc == 0 || fl->draft.procedure_id != fl->proc_id)
		return 404;
	return 0;
}

/* Files of a slot as mc_eform_file entries for the check. */
static size_t
slot_files(struct filing *fl, struct mc_eform_file *out, size_t max)
{
	const char *slot;
	json_t	   *files, *f;
	size_t	    i, n = 0;

	json_object_foreach (fl->documents, slot, files) {
		json_array_foreach (files, i, f) {
			if (n == max)
				return n;
			out[n].slot = slot;
			out[n].mime = json_string_value(
			    json_object_get(f, "mime"));
			out[n].size = (size_t)json_integer_value(
			    json_object_get(f, "size"));
			n++;
		}
	}
	return n;
}

/*
 * Checks the whole filing: the applicant, the place, the answers (on a
 * copy: the draft keeps what was typed) and the files. The errors go to
 * fl->errs (the applicant's too, with paths "name", "agency", ...), in the
 * order of the page; *checked (may be NULL) receives the checked answers.
 */
static size_t
filing_check(struct mc_request *r, struct filing *fl, json_t **checked)
{
	static const struct {
		const char	 *key;
		const char	 *label; /* a Lang key */
		enum mc_eform_err code;
	} app[] = {
		{ "name", "Form.Name", EE_REQUIRED },
		{ "id_number", "Form.IdNumber", EE_ID_NUMBER },
		{ "phone", "Form.Phone", EE_PHONE },
		{ "email", "Form.Email", EE_EMAIL },
	};
	struct mc_eform_file files[MAX_FILES];
	json_t		    *copy = json_deep_copy(fl->answers);
	const char	    *v;
	size_t		     i, n = 0, nf;

	for (i = 0; i < sizeof(app) / sizeof(app[0]); i++) {
		v = japp(fl, app[i].key);
		if (i < 2 && v == NULL) {
			fl->errs[n].code = EE_REQUIRED;
		} else if (v == NULL || (i == 0 && mc_utf8_chars(v) <= 200) ||
		    (i == 1 &&
			(mc_account_id_number_ok(v) ||
			    mc_account_tax_code(v) == TAX_CODE_OK)) ||
		    (i == 2 && mc_account_phone_ok(v)) ||
		    (i == 3 && strchr(v, '@') != NULL && !strchr(v, ' ')))
			continue;
		else
			fl->errs[n].code = app[i].code;
		fl->errs[n].path = app[i].key;
		fl->errs[n].label = mc_view_str(r->hdf, app[i].label);
		fl->errs[n].label_en = NULL;
		n++;
	}
	if (agency_name(&fl->p, japp(fl, "agency")) == NULL) {
		fl->errs[n].path = "agency";
		fl->errs[n].label = mc_view_str(r->hdf, "File.Agency");
		fl->errs[n].label_en = NULL;
		fl->errs[n].code = EE_REQUIRED;
		n++;
	}
	n += mc_eform_check(r->arena, &fl->form, copy, mc_eform_ward_in,
	    &fl->wards, fl->errs + n, MAX_ERRORS - n);
	if (n > MAX_ERRORS)
		n = MAX_ERRORS;
	nf = slot_files(fl, files, MAX_FILES);
	n = mc_eform_check_files(r->arena, &fl->form, files, nf, fl->errs, n,
	    MAX_ERRORS);
	/* A form with slots but none required still wants one file. */
	for (i = 0; i < fl->form.ndocs && !fl->form.docs[i].required; i++)
		;
	if (nf == 0 && fl->form.ndocs > 0 && i == fl->form.ndocs &&
	    n < MAX_ERRORS) {
		fl->errs[n].path = mc_arena_printf(r->arena, "doc.%s",
		    fl->form.docs[0].id);
		fl->errs[n].label = mc_view_str(r->hdf, "EForm.DocsTitle");
		fl->errs[n].label_en = NULL;
		fl->errs[n].code = EE_FILE_REQUIRED;
		n++;
	}
	if (n > MAX_ERRORS)
		n = MAX_ERRORS;
	fl->nerr = n;
	if (checked != NULL)
		*checked = copy;
	else
		json_decref(copy);
	return n;
}

/* Saves the draft as it stands (one statement). 0, or a status. */
static int
draft_save(struct mc_request *r, struct filing *fl)
{
	struct mc_eform_draft *d = &fl->draft;
	int		       rc;

	d->account_id = r->user->id;
	d->procedure_id = fl->proc_id;
	d->form_id = fl->form.id;
	d->agency_code = japp(fl, "agency");
	d->applicant = dump(r->arena, fl->applicant);
	d->answers = dump(r->arena, fl->answers);
	d->documents = dump(r->arena, fl->documents);
	d->missing = (long long)filing_check(r, fl, NULL);
	fl->nerr = 0;
	if ((rc = mc_eform_draft_save(r->db, d, time(NULL))) < 0)
		return 503;
	return rc == 1 ? 404 : 0;
}

/* The bytes of the files held in documents ({slot: [{size}, ...]}). */
static long long
documents_bytes(json_t *documents)
{
	const char *slot;
	json_t	   *arr, *e;
	size_t	    j;
	long long   n = 0;

	json_object_foreach (documents, slot, arr)
		json_array_foreach (arr, j, e)
			n += (long long)json_integer_value(
			    json_object_get(e, "size"));
	return n;
}

/*
 * The files posted: "doc.<slot>" parts stored and added to their slot,
 * "drop" values "<slot>:<sha256>" taken out. Refused files become errors
 * of their slot in fl->errs; one that would take the dossier's files over
 * their total (mc_eform_total_ok) is not stored. 0, or 503.
 */
static int
files_from_post(struct mc_request *r, struct filing *fl)
{
	const struct mc_param *p;
	struct mc_file	       f;
	json_t		      *arr, *e;
	const char	      *why, *slot, *colon;
	size_t		       i, j;
	long long	       have = 0;
	int		       rc;

	for (i = 0; i < r->nparams; i++) {
		p = &r->params[i];
		if (strcmp(p->name, "drop") != 0 || p->filename != NULL ||
		    (colon = strchr(p->value, ':')) == NULL)
			continue;
		slot = mc_arena_strndup(r->arena, p->value,
		    (size_t)(colon - p->value));
		arr = json_object_get(fl->documents, slot);
		json_array_foreach (arr, j, e) {
			if (strcmp(json_string_value(
				       json_object_get(e, "sha256")),
				colon + 1) == 0) {
				json_array_remove(arr, j);
				break;
			}
		}
	}
	for (i = 0; i < r->nparams; i++) {
		p = &r->params[i];
		if (strncmp(p->name, "doc.", 4) != 0 || p->filename == NULL ||
		    (p->len == 0 && *p->filename == '\0'))
			continue;
		slot = p->name + 4;
		for (j = 0; j < fl->form.ndocs; j++)
			if (strcmp(fl->form.docs[j].id, slot) == 0)
				break;
		if (j == fl->form.ndocs)
			continue; /* not a slot of this form: dropped */
		if (have == 0)
			have = documents_bytes(fl->documents) + 1;
		if (!mc_eform_total_ok(have - 1, (long long)p->len)) {
			rc = 1;
			why = "files_total";
		} else if ((rc = mc_files_store(r->arena, p->value, p->len,
				p->filename, &f, &why)) < 0)
			return 503;
		if (rc == 1) {
			if (fl->nerr < MAX_ERRORS) {
				fl->errs[fl->nerr].path = mc_arena_printf(
				    r->arena, "doc.%s", slot);
				fl->errs[fl->nerr].label = fl->form.docs[j]
							       .name;
				fl->errs[fl->nerr].label_en = NULL;
				fl->errs[fl->nerr].code = strcmp(why,
							      "files_total") ==
					0 ?
				    EE_FILES_TOTAL :
				    strcmp(why, "Error.FileSize") == 0 ?
				    EE_FILE_SIZE :
				    EE_FILE_TYPE;
				fl->nerr++;
			}
			continue;
		}
		if ((arr = json_object_get(fl->documents, slot)) == NULL) {
			arr = json_array();
			json_object_set_new(fl->documents, slot, arr);
		}
		json_array_append_new(arr,
		    json_pack("{s:s, s:I, s:s, s:s}", "sha256", f.sha256,
			"size", (json_int_t)f.size, "mime", f.mime, "name",
			f.filename));
		have += (long long)f.size;
	}
	return 0;
}

/* ------------------------------------------------------------ wallet */

/* The slot's index in the form, or -1. */
static long
slot_index(const struct filing *fl, const char *slot)
{
	size_t i;

	for (i = 0; i < fl->form.ndocs; i++)
		if (strcmp(fl->form.docs[i].id, slot) == 0)
			return (long)i;
	return -1;
}

/* Whether a slot takes files of the type mime (EFT_* bits). */
static int
slot_takes(const struct mc_eform_doc *d, const char *mime)
{
	unsigned t = strcmp(mime, "application/pdf") == 0 ? EFT_PDF :
	    strcmp(mime, "image/jpeg") == 0		  ? EFT_JPEG :
	    strcmp(mime, "image/png") == 0		  ? EFT_PNG :
							    0;

	return (d->types & t) != 0;
}

/* Whether the slot's files hold sha256. */
static int
slot_has(json_t *arr, const char *sha)
{
	const char *s;
	json_t	   *e;
	size_t	    i;

	json_array_foreach (arr, i, e) {
		s = json_string_value(json_object_get(e, "sha256"));
		if (s != NULL && strcmp(s, sha) == 0)
			return 1;
	}
	return 0;
}

/* A wallet document refused for slot j: its error at the field and in the
 * summary (the select's id). */
static void
wallet_refused(struct mc_request *r, const struct filing *fl, size_t j)
{
	const char *text = mc_view_str(r->hdf, "Wallet.NotYours");

	mc_view_set(r->hdf,
	    mc_arena_printf(r->arena, "Data.DocErrors.%s",
		fl->form.docs[j].id),
	    text);
	mc_eform_page_error(r,
	    mc_arena_printf(r->arena, "wallet-%s", fl->form.docs[j].id),
	    mc_arena_printf(r->arena, "%s: %s", fl->form.docs[j].name, text));
}

/*
 * The documents chosen from the wallet: each "wallet.<slot>" value (a
 * content hash) that is a document of the citizen's wallet (mc_wallet_find)
 * is added to its slot as the same stored file, marked "wallet". One that
 * is not theirs (forged, or removed from the wallet meanwhile) is refused
 * at its field and the whole post with it: 1, nothing to save. 0, 1, or
 * 503.
 */
static int
wallet_from_post(struct mc_request *r, struct filing *fl)
{
	const struct mc_param *p;
	struct mc_wallet_doc   d;
	json_t		      *arr;
	size_t		       i;
	long		       j;
	int		       rc, refused = 0;

	for (i = 0; i < r->nparams; i++) {
		p = &r->params[i];
		if (strncmp(p->name, "wallet.", 7) != 0 ||
		    p->filename != NULL || p->len == 0 ||
		    (j = slot_index(fl, p->name + 7)) < 0)
			continue;
		if ((rc = mc_wallet_find(r->db, r->arena, r->user->id,
			 p->value, &d)) < 0)
			return 503;
		if (rc == 0) {
			wallet_refused(r, fl, (size_t)j);
			refused = 1;
			continue;
		}
		if ((arr = json_object_get(fl->documents, p->name + 7)) ==
		    NULL) {
			arr = json_array();
			json_object_set_new(fl->documents, p->name + 7, arr);
		}
		if (slot_has(arr, d.sha256))
			continue;
		json_array_append_new(arr,
		    json_pack("{s:s, s:I, s:s, s:s, s:b}", "sha256", d.sha256,
			"size", (json_int_t)d.size, "mime", d.mime, "name",
			d.name, "wallet", 1));
	}
	return refused;
}

/*
 * The submission checks again that each document taken from the wallet is
 * still the citizen's: 0 all are, 1 one is not (its error set), -1 error.
 */
static int
wallet_recheck(struct mc_request *r, struct filing *fl)
{
	struct mc_wallet_doc d;
	const char	    *slot;
	json_t		    *arr, *e;
	size_t		     i;
	long		     j;
	int		     rc, refused = 0;

	json_object_foreach (fl->documents, slot, arr) {
		json_array_foreach (arr, i, e) {
			if (!json_is_true(json_object_get(e, "wallet")))
				continue;
			if ((rc = mc_wallet_find(r->db, r->arena, r->user->id,
				 json_string_value(
				     json_object_get(e, "sha256")),
				 &d)) < 0)
				return -1;
			if (rc == 0 && (j = slot_index(fl, slot)) >= 0) {
				wallet_refused(r, fl, (size_t)j);
				refused = 1;
			}
		}
	}
	return refused;
}

/*
 * The wallet's documents each slot offers (Data.WalletFor.<slot>): those
 * filed before as the same document first (.Same), then the others
 * (.Other), only of types the slot takes and not attached already; wallet:
 * the rows of mc_wallet_list.
 */
static void
wallet_model(struct mc_request *r, struct filing *fl,
    const struct mc_rows *wallet)
{
	const struct mc_rows rows = *wallet;
	const char	    *sha, *n;
	size_t		     i, k, same, other;
	json_t		    *arr;
	int		     is_same;

	for (i = 0; i < fl->form.ndocs; i++) {
		const struct mc_eform_doc *d = &fl->form.docs[i];

		arr = json_object_get(fl->documents, d->id);
		for (k = same = other = 0; k < rows.n; k++) {
			sha = mc_rows_str(&rows, k, WAL_SHA256);
			if (!slot_takes(d, mc_rows_str(&rows, k, WAL_MIME)) ||
			    slot_has(arr, sha))
				continue;
			is_same = strcmp(mc_rows_str(&rows, k, WAL_DOC),
				      d->name) == 0;
			if ((is_same ? same : other) == MAX_CHOICES)
				continue;
			n = mc_arena_printf(r->arena,
			    "Data.WalletFor.%s.%s.%zu", d->id,
			    is_same ? "Same" : "Other",
			    is_same ? same++ : other++);
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.sha256", n), sha);
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.name", n),
			    mc_rows_str(&rows, k, WAL_NAME));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.doc", n),
			    mc_rows_str(&rows, k, WAL_DOC));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.kind", n),
			    mc_rows_str(&rows, k, WAL_KIND));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.code", n),
			    mc_rows_str(&rows, k, WAL_CODE));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.at", n),
			    mc_rows_str(&rows, k, WAL_AT));
		}
	}
}

/* ------------------------------------------------------------ fill */

static int form_page(struct mc_request *, struct filing *, int);

/*
 * The wallet's documents that carry their dossier's answers, offered by
 * "fill in from my documents" (Data.FillDocs), when the form has questions.
 */
static void
fill_model(struct mc_request *r, const struct filing *fl,
    const struct mc_rows *rows)
{
	const char *n;
	size_t	    k, i = 0;

	if (fl->form.nfields == 0)
		return;
	for (k = 0; k < rows->n && i < MAX_CHOICES; k++) {
		if (mc_rows_int(rows, k, WAL_DATA) != 1)
			continue;
		n = mc_arena_printf(r->arena, "Data.FillDocs.%zu", i++);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.sha256", n),
		    mc_rows_str(rows, k, WAL_SHA256));
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.name", n),
		    mc_rows_str(rows, k, WAL_NAME));
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.kind", n),
		    mc_rows_str(rows, k, WAL_KIND));
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.code", n),
		    mc_rows_str(rows, k, WAL_CODE));
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.procedure", n),
		    mc_rows_str(rows, k, WAL_PROCEDURE));
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.at", n),
		    mc_rows_str(rows, k, WAL_AT));
	}
}

/*
 * Fills fl->answers from the answers of the dossier that the citizen's
 * wallet document sha came with (mc_eform_fill: empty questions only,
 * unless overwrite); what was done goes to Data.Fill. 1 filled, 0 not a
 * document of the citizen's wallet carrying answers (another account's,
 * hidden, unknown, NULL), -1 on a database error.
 */
static int
fill_from(struct mc_request *r, struct filing *fl, const char *sha,
    int overwrite)
{
	struct mc_wallet_doc d;
	struct mc_eform	     sf;
	struct mc_eform_fill st;
	const char	    *answers, *docs;
	json_t		    *src;
	int		     rc;

	if (sha == NULL)
		return 0;
	if ((rc = mc_wallet_find(r->db, r->arena, r->user->id, sha, &d)) <= 0)
		return rc;
	if (!d.data)
		return 0;
	if ((rc = mc_eform_load_answers(r->db, r->arena, d.dossier_id, &sf,
		 &answers, &docs)) <= 0)
		return rc;
	src = load_json(answers);
	mc_eform_fill(&fl->form, fl->answers, &sf, src, overwrite, &st);
	json_decref(src);
	mc_view_set_int(r->hdf, "Data.Fill.filled", (long long)st.filled);
	mc_view_set_int(r->hdf, "Data.Fill.kept", (long long)st.kept);
	mc_view_set(r->hdf, "Data.Fill.name", d.name);
	mc_view_set(r->hdf, "Data.Fill.code", d.code);
	mc_view_set(r->hdf, "Form.tu_giay_to", d.sha256);
	return 1;
}

/*
 * "Fill in from this document" (action "fill", or "fill-all" replacing
 * what differs): 0 filled (the caller saves the draft and draws the page),
 * or a status: 503, or 422 with the page drawn again unsaved when nothing
 * or a document not the citizen's was chosen.
 */
static int
fill_post(struct mc_request *r, struct filing *fl, const char *act)
{
	const char *sha = mc_req_field(r, FIELD_FROM);
	const char *text;
	int	    rc;

	if ((rc = fill_from(r, fl, sha, strcmp(act, "fill-all") == 0)) < 0)
		return 503;
	if (rc == 1)
		return 0;
	text = mc_view_str(r->hdf,
	    sha == NULL ? "Wallet.Fill.ChooseError" : "Wallet.NotYours");
	mc_view_set(r->hdf, "Data.FillError", text);
	mc_eform_page_error(r, "tu_giay_to",
	    mc_arena_printf(r->arena, "%s: %s",
		mc_view_str(r->hdf, "Wallet.Fill.Title"), text));
	json_decref(fl->documents);
	fl->documents = load_json(fl->draft.id ? fl->draft.documents : NULL);
	agencies_model(r, &fl->p, NULL);
	return form_page(r, fl, 422);
}

/* ------------------------------------------------------------ pages */

/* Fills the form page's model from fl and renders it with status. */
static int
form_page(struct mc_request *r, struct filing *fl, int status)
{
	struct mc_rows wallet;
	const char    *k;
	json_t	      *v;
	size_t	       i;
	char	       name[64];

	json_object_foreach (fl->applicant, k, v) {
		snprintf(name, sizeof(name), "Form.%s", k);
		mc_view_set(r->hdf, name, json_string_value(v));
	}
	own_model(r);
	if (fl->draft.id > 0) {
		mc_view_set_int(r->hdf, "Form.draft", fl->draft.id);
		char exp[20];

		mc_time_sql(exp, fl->draft.expires_at);
		mc_view_set(r->hdf, "Data.Draft.expires", exp);
	}
	for (i = 0; i < fl->nerr; i++) {
		const char *path = fl->errs[i].path;

		if (strchr(path, '.') == NULL &&
		    (strcmp(path, "name") == 0 ||
			strcmp(path, "id_number") == 0 ||
			strcmp(path, "phone") == 0 ||
			strcmp(path, "email") == 0 ||
			strcmp(path, "agency") == 0)) {
			snprintf(name, sizeof(name), "Form.Errors.%s", path);
			mc_view_set(r->hdf, name, "1");
			mc_eform_page_error(r, path,
			    mc_eform_page_error_text(r, &fl->errs[i]));
		} else if (strncmp(path, "doc.", 4) == 0) {
			snprintf(name, sizeof(name), "Data.DocErrors.%s",
			    path + 4);
			mc_view_set(r->hdf, name,
			    mc_view_str(r->hdf,
				mc_arena_printf(r->arena, "EForm.Err.%s",
				    mc_eform_err_name(fl->errs[i].code))));
			mc_eform_page_error(r,
			    mc_arena_printf(r->arena, "doc-%s", path + 4),
			    mc_eform_page_error_text(r, &fl->errs[i]));
		} else
			mc_eform_page_errors(r, &fl->errs[i], 1);
	}
	mc_eform_page_model(r, &fl->form, fl->answers, &fl->wards, fl->errs,
	    fl->nerr);
	{
		struct mc_eform_part *parts;

		if (mc_eform_parts(r->arena, &fl->form, &parts) > 0)
			mc_view_set(r->hdf, "Data.LongForm", "1");
	}
	mc_eform_page_answers(r, "Data.Slots", &fl->form, fl->answers,
	    fl->documents, &fl->wards, NULL);
	if (mc_wallet_list(r->db, r->arena, r->user->id, &wallet) < 0)
		return 503;
	wallet_model(r, fl, &wallet);
	fill_model(r, fl, &wallet);
	r->status = status;
	if (mc_resp_page(r, "portal/file.cs") != 200)
		return 500;
	return status;
}

static int
page_file(struct mc_request *r)
{
	struct filing fl;
	const char   *agency;
	int	      rc, err;

	if ((rc = filing_load(r, &fl)) != 0 || (rc = draft_load(r, &fl)) != 0)
		return rc;
	if (r->refill != NULL) {
		/* A field refused (mc_app): the form as posted, unsaved. */
		applicant_from_post(r, &fl);
		fl.answers = mc_eform_page_read(r, &fl.form);
		fl.documents = load_json(
		    fl.draft.id ? fl.draft.documents : NULL);
	} else if (fl.draft.id > 0) {
		fl.applicant = load_json(fl.draft.applicant);
		fl.answers = load_json(fl.draft.answers);
		fl.documents = load_json(fl.draft.documents);
		if (mc_req_field(r, FIELD_SAVED) != NULL) {
			mc_view_set(r->hdf, "Page.Flash",
			    mc_view_str(r->hdf, "EForm.Saved"));
			mc_view_set(r->hdf, "Page.FlashKind", "success");
		}
	} else {
		struct mc_eform_person who = { r->user->full_name,
			r->user->id_verified ? r->user->id_number : NULL,
			r->user->phone, r->user->email, r->user->address };

		applicant_from_account(r, &fl);
		fl.answers = json_object();
		if (mc_eform_prefill(&fl.form, fl.answers, &who) > 0)
			mc_view_set(r->hdf, "Data.Prefilled", "1");
		fl.documents = json_object();
		/* ?tu_giay_to=: a new form filled from a wallet document. */
		if (mc_req_field(r, FIELD_FROM) != NULL &&
		    (rc = fill_from(r, &fl, mc_req_field(r, FIELD_FROM), 0)) <=
			0) {
			filing_free(&fl);
			return rc < 0 ? 503 : 404;
		}
		agency = agency_default(r, &fl.p, &err);
		if (err < 0) {
			filing_free(&fl);
			return 503;
		}
		if (agency != NULL)
			json_object_set_new(fl.applicant, "agency",
			    json_string(agency));
	}
	agencies_model(r, &fl.p, NULL);
	rc = form_page(r, &fl, 200);
	filing_free(&fl);
	return rc;
}

static int
page_file_post(struct mc_request *r)
{
	struct filing fl;
	const char   *act = mc_req_field(r, FIELD_ACTION);
	int	      rc;

	if ((rc = filing_load(r, &fl)) != 0 || (rc = draft_load(r, &fl)) != 0)
		return rc;
	applicant_from_post(r, &fl);
	applicant_own(r, &fl);
	fl.answers = mc_eform_page_read(r, &fl.form);
	fl.documents = load_json(fl.draft.id ? fl.draft.documents : NULL);
	if ((rc = files_from_post(r, &fl)) == 0 &&
	    (rc = wallet_from_post(r, &fl)) == 1) {
		/* A document that is not the citizen's: nothing saved, the
		 * form again with the files as they were. */
		json_decref(fl.documents);
		fl.documents = load_json(
		    fl.draft.id ? fl.draft.documents : NULL);
		agencies_model(r, &fl.p, NULL);
		rc = form_page(r, &fl, 422);
		filing_free(&fl);
		return rc;
	}
	if (rc == 0 && act != NULL && strncmp(act, "fill", 4) == 0 &&
	    (rc = fill_post(r, &fl, act)) != 0) {
		filing_free(&fl);
		return rc;
	}
	if (rc != 0 || (rc = draft_save(r, &fl)) != 0) {
		filing_free(&fl);
		return rc;
	}
	/* "Filter", "add a row", "remove a row": the page again. */
	if (mc_req_field(r, FIELD_FILTER) != NULL ||
	    (act != NULL && strcmp(act, "save") != 0 &&
		strcmp(act, "tasks") != 0)) {
		mc_view_set(r->hdf, "Form.Filtered",
		    mc_req_field(r, FIELD_FILTER) ? "1" : NULL);
		if (agencies_model(r, &fl.p,
			mc_req_field(r, FIELD_FILTER) ?
			    mc_req_field(r, FIELD_AGENCY_Q) :
			    NULL) == 1)
			json_object_set_new(fl.applicant, "agency",
			    json_string(hdf_get_value(r->hdf,
				"Data.Agencies.0.code", "")));
		mc_view_set(r->hdf, "Form.agency_q",
		    mc_req_field(r, FIELD_AGENCY_Q));
		rc = form_page(r, &fl, 200);
		filing_free(&fl);
		return rc;
	}
	if (act != NULL && strcmp(act, "tasks") == 0) { /* the task list */
		filing_free(&fl);
		return mc_resp_redirect(r,
		    mc_arena_printf(r->arena,
			"/dich-vu/nop-ho-so/%s/cac-phan?nhap=%lld", r->cap[0],
			fl.draft.id));
	}
	if (act != NULL) { /* save: back to the form, saved */
		filing_free(&fl);
		return mc_resp_redirect(r,
		    mc_arena_printf(r->arena,
			"/dich-vu/nop-ho-so/%s?nhap=%lld"
			"&luu=1",
			r->cap[0], fl.draft.id));
	}
	if (fl.nerr > 0 || filing_check(r, &fl, NULL) > 0) {
		agencies_model(r, &fl.p, NULL);
		rc = form_page(r, &fl, 422);
		filing_free(&fl);
		return rc;
	}
	filing_free(&fl);
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena,
		"/dich-vu/nop-ho-so/%s/kiem-tra?nhap=%lld", r->cap[0],
		fl.draft.id));
}

/* ------------------------------------------------------------ task list */

/*
 * The filing with its saved draft and the form's parts: 0, or a status
 * (404 for no draft, or a form that is not long).
 */
static int
parts_load(struct mc_request *r, struct filing *fl,
    struct mc_eform_part **parts, size_t *n)
{
	int rc;

	if ((rc = filing_load(r, fl)) != 0 || (rc = draft_load(r, fl)) != 0)
		return rc;
	if (fl->draft.id == 0 ||
	    (*n = mc_eform_parts(r->arena, &fl->form, parts)) == 0)
		return 404;
	fl->applicant = load_json(fl->draft.applicant);
	fl->answers = load_json(fl->draft.answers);
	fl->documents = load_json(fl->draft.documents);
	return 0;
}

/* One row of the task list: Data.Tasks.N {label, href, state}. */
static void
task_row(struct mc_request *r, size_t i, const char *label, const char *href,
    enum mc_eform_progress state)
{
	const char *n = mc_arena_printf(r->arena, "Data.Tasks.%zu", i);

	mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.label", n), label);
	mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.href", n), href);
	mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.state", n),
	    mc_eform_progress_name(state));
}

/*
 * The task list of a long form: who files and where, each part with its
 * progress, the documents, then "check and send" once everything is done.
 */
static int
page_tasks(struct mc_request *r)
{
	struct filing	       fl;
	struct mc_eform_part  *parts;
	enum mc_eform_progress st;
	const char	      *base, *label;
	size_t		       n, i, k = 0, done = 0, todo = 0;
	int		       rc, app = 0, docs = 0;

	if ((rc = parts_load(r, &fl, &parts, &n)) != 0)
		goto out;
	base = mc_arena_printf(r->arena, "/dich-vu/nop-ho-so/%s", r->cap[0]);
	filing_check(r, &fl, NULL);
	for (i = 0; i < fl.nerr; i++)
		if (strncmp(fl.errs[i].path, "doc.", 4) == 0)
			docs++;
		else if (strchr(fl.errs[i].path, '.') == NULL &&
		    (strcmp(fl.errs[i].path, "name") == 0 ||
			strcmp(fl.errs[i].path, "id_number") == 0 ||
			strcmp(fl.errs[i].path, "phone") == 0 ||
			strcmp(fl.errs[i].path, "email") == 0 ||
			strcmp(fl.errs[i].path, "agency") == 0))
			app++;
	st = app ? EFP_IN_PROGRESS : EFP_COMPLETED;
	task_row(r, k++, mc_view_str(r->hdf, "EForm.Tasks.Applicant"),
	    mc_arena_printf(r->arena, "%s?nhap=%lld#applicant", base,
		fl.draft.id),
	    st);
	st == EFP_COMPLETED ? done++ : todo++;
	for (i = 0; i < n; i++) {
		st = mc_eform_part_progress(r->arena, &parts[i], fl.answers,
		    mc_eform_ward_in, &fl.wards);
		if (st == EFP_HIDDEN)
			continue;
		label = parts[i].section != NULL ?
		    mc_eform_page_label(r, parts[i].section) :
		    mc_view_str(r->hdf, "EForm.Tasks.Other");
		task_row(r, k++, label,
		    mc_arena_printf(r->arena, "%s/phan/%zu?nhap=%lld", base,
			i + 1, fl.draft.id),
		    st);
		st == EFP_COMPLETED ? done++ : todo++;
	}
	if (fl.form.ndocs > 0) {
		st = docs ?
		    (json_object_size(fl.documents) ? EFP_IN_PROGRESS :
						      EFP_NOT_STARTED) :
		    EFP_COMPLETED;
		task_row(r, k++, mc_view_str(r->hdf, "EForm.DocsTitle"),
		    mc_arena_printf(r->arena, "%s?nhap=%lld#docs", base,
			fl.draft.id),
		    st);
		st == EFP_COMPLETED ? done++ : todo++;
	}
	mc_view_set_int(r->hdf, "Data.TasksDone", (long long)done);
	mc_view_set_int(r->hdf, "Data.TasksAll", (long long)(done + todo));
	if (todo == 0)
		mc_view_set(r->hdf, "Data.CheckHref",
		    mc_arena_printf(r->arena, "%s/kiem-tra?nhap=%lld", base,
			fl.draft.id));
	mc_view_set_int(r->hdf, "Form.draft", fl.draft.id);
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "EForm.Tasks.Title"));
	rc = mc_resp_page(r, "portal/file_tasks.cs");
out:
	filing_free(&fl);
	return rc;
}

/* The part named by r->cap[1] (from 1): its index, or -1. */
static long
part_index(struct mc_request *r, size_t n)
{
	long long i;

	if (mc_parse_ll(r->cap[1], 1, (long long)n, &i) < 0)
		return -1;
	return (long)i - 1;
}

/* A part's page with its questions (errors as the summary), status. */
static int
part_page(struct mc_request *r, struct filing *fl,
    const struct mc_eform_part *p, long i, int status)
{
	mc_eform_page_errors(r, fl->errs, fl->nerr);
	mc_eform_page_model(r, &p->form, fl->answers, &fl->wards, fl->errs,
	    fl->nerr);
	mc_view_set(r->hdf, "Data.Part.label",
	    p->section != NULL ? mc_eform_page_label(r, p->section) :
				 mc_view_str(r->hdf, "EForm.Tasks.Other"));
	mc_view_set_int(r->hdf, "Data.Part.number", i + 1);
	mc_view_set_int(r->hdf, "Form.draft", fl->draft.id);
	mc_view_set(r->hdf, "Page.Title",
	    hdf_get_value(r->hdf, "Data.Part.label", ""));
	r->status = status;
	if (mc_resp_page(r, "portal/file_part.cs") != 200)
		return 500;
	return status;
}

static int
page_part(struct mc_request *r)
{
	struct filing	      fl;
	struct mc_eform_part *parts;
	size_t		      n;
	long		      i;
	int		      rc;

	if ((rc = parts_load(r, &fl, &parts, &n)) != 0)
		goto out;
	rc = 404;
	if ((i = part_index(r, n)) < 0)
		goto out;
	rc = part_page(r, &fl, &parts[i], i, 200);
out:
	filing_free(&fl);
	return rc;
}

/*
 * A part saved into the draft: back to the task list when its answers are
 * good, else its page again with the errors (422); a row added or removed:
 * its page again.
 */
static int
page_part_post(struct mc_request *r)
{
	struct filing	      fl;
	struct mc_eform_part *parts;
	const char	     *act = mc_req_field(r, FIELD_ACTION);
	json_t		     *mine, *copy;
	size_t		      n;
	long		      i;
	int		      rc;

	if ((rc = parts_load(r, &fl, &parts, &n)) != 0)
		goto out;
	rc = 404;
	if ((i = part_index(r, n)) < 0)
		goto out;
	mine = mc_eform_page_read(r, &parts[i].form);
	mc_eform_part_merge(&parts[i], fl.answers, mine);
	json_decref(mine);
	if ((rc = draft_save(r, &fl)) != 0)
		goto out;
	if (act != NULL) {
		rc = part_page(r, &fl, &parts[i], i, 200);
		goto out;
	}
	copy = json_deep_copy(fl.answers);
	fl.nerr = mc_eform_check(r->arena, &parts[i].form, copy,
	    mc_eform_ward_in, &fl.wards, fl.errs, MAX_ERRORS);
	json_decref(copy);
	if (fl.nerr > MAX_ERRORS)
		fl.nerr = MAX_ERRORS;
	if (fl.nerr > 0) {
		rc = part_page(r, &fl, &parts[i], i, 422);
		goto out;
	}
	rc = mc_resp_redirect(r,
	    mc_arena_printf(r->arena,
		"/dich-vu/nop-ho-so/%s/cac-phan?nhap=%lld", r->cap[0],
		fl.draft.id));
out:
	filing_free(&fl);
	return rc;
}

/* Loads a saved draft for the check page: 0, or a status. */
static int
check_load(struct mc_request *r, struct filing *fl, json_t **checked)
{
	int rc;

	if ((rc = filing_load(r, fl)) != 0 || (rc = draft_load(r, fl)) != 0)
		return rc;
	if (fl->draft.id == 0)
		return 404;
	fl->applicant = load_json(fl->draft.applicant);
	applicant_own(r, fl);
	fl->answers = load_json(fl->draft.answers);
	fl->documents = load_json(fl->draft.documents);
	filing_check(r, fl, checked);
	return 0;
}

static int
check_page(struct mc_request *r, struct filing *fl, json_t *checked)
{
	const char *base = mc_arena_printf(r->arena,
	    "/dich-vu/nop-ho-so/%s?nhap=%lld", r->cap[0], fl->draft.id);
	const char *k;
	json_t	   *v;
	char	    name[64];

	json_object_foreach (fl->applicant, k, v) {
		snprintf(name, sizeof(name), "Form.%s", k);
		mc_view_set(r->hdf, name, json_string_value(v));
	}
	own_model(r);
	mc_view_set(r->hdf, "Form.agency_name",
	    agency_name(&fl->p, japp(fl, "agency")));
	mc_view_set_int(r->hdf, "Form.draft", fl->draft.id);
	mc_view_set(r->hdf, "Data.Change", base);
	mc_eform_page_answers(r, "Data.Answers", &fl->form, checked,
	    fl->documents, &fl->wards, base);
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "EForm.CheckTitle"));
	return mc_resp_page(r, "portal/file_check.cs");
}

static int
page_check(struct mc_request *r)
{
	struct filing fl;
	json_t	     *checked = NULL;
	int	      rc;

	if ((rc = check_load(r, &fl, &checked)) != 0)
		goto out;
	if (fl.nerr > 0) { /* not ready: the form, with what to fix */
		agencies_model(r, &fl.p, NULL);
		rc = form_page(r, &fl, 422);
		goto out;
	}
	rc = check_page(r, &fl, checked);
out:
	json_decref(checked);
	filing_free(&fl);
	return rc;
}

/* What the submission's transaction writes besides the dossier. */
struct then {
	struct filing *fl;
	const char    *answers;
	const char    *documents;
	long long      account;
};

static int
then_store(struct mc_db *db, long long dossier, void *arg)
{
	struct then *t = arg;

	if (mc_eform_store_answers(db, dossier, &t->fl->form, t->answers,
		t->documents) < 0 ||
	    mc_eform_draft_delete(db, t->fl->draft.id, t->account) < 0)
		return -1;
	return 0;
}

static int
page_submit(struct mc_request *r)
{
	struct filing	     fl;
	struct mc_submission s;
	struct mc_file	    *files;
	struct then	     t;
	json_t		    *checked = NULL, *arr, *e;
	const char	    *slot, *code;
	size_t		     n = 0, i;
	int		     rc;

	if ((rc = check_load(r, &fl, &checked)) != 0)
		goto out;
	if ((rc = wallet_recheck(r, &fl)) < 0) {
		rc = 503;
		goto out;
	}
	if (fl.nerr > 0 || rc == 1) {
		agencies_model(r, &fl.p, NULL);
		rc = form_page(r, &fl, 422);
		goto out;
	}
	files = mc_arena_alloc(r->arena, (MAX_FILES + 1) * sizeof(*files));
	json_object_foreach (fl.documents, slot, arr) {
		json_array_foreach (arr, i, e) {
			const char *sha = json_string_value(
			    json_object_get(e, "sha256"));

			if (n == MAX_FILES || sha == NULL || strlen(sha) != 64)
				continue;
			memcpy(files[n].sha256, sha, 65);
			files[n].size = (size_t)json_integer_value(
			    json_object_get(e, "size"));
			files[n].mime = json_string_value(
			    json_object_get(e, "mime"));
			files[n].filename = json_string_value(
			    json_object_get(e, "name"));
			n++;
		}
	}
	memset(&s, 0, sizeof(s));
	s.procedure_code = r->cap[0];
	s.agency_code = japp(&fl, "agency");
	s.account_id = r->user->id;
	s.name = japp(&fl, "name");
	s.id_number = japp(&fl, "id_number");
	s.phone = japp(&fl, "phone");
	s.email = japp(&fl, "email");
	s.address = japp(&fl, "address");
	s.on_behalf = japp(&fl, "on_behalf") != NULL;
	s.channel = CHANNEL_ONLINE;
	s.form_json = dump(r->arena, checked);
	s.files = files;
	s.nfiles = n;
	t.fl = &fl;
	t.answers = s.form_json;
	t.documents = dump(r->arena, fl.documents);
	t.account = r->user->id;
	s.then = then_store;
	s.then_arg = &t;
	rc = mc_dossier_submit(r->db, r->arena, &s, time(NULL), &code);
	if (rc < 0) {
		rc = 503;
		goto out;
	}
	if (rc == DOSSIER_NO_AGENCY) {
		fl.errs[0].path = "agency";
		fl.errs[0].label = mc_view_str(r->hdf, "File.Agency");
		fl.errs[0].label_en = NULL;
		fl.errs[0].code = EE_REQUIRED;
		fl.nerr = 1;
		agencies_model(r, &fl.p, NULL);
		rc = form_page(r, &fl, 422);
		goto out;
	}
	if (rc != 0) {
		rc = 404;
		goto out;
	}
	rc = mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "/dich-vu/ho-so/%s?moi=1", code));
out:
	json_decref(checked);
	filing_free(&fl);
	return rc;
}

/* A draft thrown away from "my dossiers". */
static int
page_draft_delete(struct mc_request *r)
{
	long long id;
	int	  rc;

	if (mc_parse_ll(r->cap[0], 1, 1LL << 62, &id) < 0)
		return 404;
	if ((rc = mc_eform_draft_delete(r->db, id, r->user->id)) < 0)
		return 503;
	if (rc == 0)
		return 404;
	return mc_resp_redirect(r, "/dich-vu/ho-so");
}

/* The declaration of one's dossier as PDF. */
static int
page_declaration(struct mc_request *r)
{
	struct mc_dossier d;
	int		  rc;

	if ((rc = mc_dossier_load(r->db, r->arena, r->cap[0], &d)) < 0)
		return 503;
	if (rc == 0)
		return 404;
	if ((rc = mc_dossier_visible(r->db, r->arena, r->user, &d)) <= 0)
		return rc < 0 ? 503 : 403;
	if ((rc = mc_eform_page_pdf(r, &d)) < 0)
		return 503;
	if (rc == 1)
		return 404;
	mc_resp_header(r, "Content-Type", "application/pdf");
	mc_resp_header(r, "Content-Disposition",
	    "inline; filename=\"to-khai.pdf\"");
	r->rendered = 1;
	return 200;
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/dich-vu/ho-so/{}/to-khai.pdf", page_declaration, ROUTE_LOGIN, 0 },
	{ METHOD_GET, "/dich-vu/nop-ho-so/{}", page_file, ROUTE_LOGIN, 0 },
	{ METHOD_POST, "/dich-vu/nop-ho-so/{}", page_file_post, ROUTE_LOGIN, 0 },
	{ METHOD_GET, "/dich-vu/nop-ho-so/{}/cac-phan", page_tasks, ROUTE_LOGIN, 0 },
	{ METHOD_GET, "/dich-vu/nop-ho-so/{}/phan/{}", page_part, ROUTE_LOGIN, 0 },
	{ METHOD_POST, "/dich-vu/nop-ho-so/{}/phan/{}", page_part_post, ROUTE_LOGIN, 0 },
	{ METHOD_GET, "/dich-vu/nop-ho-so/{}/kiem-tra", page_check, ROUTE_LOGIN, 0 },
	{ METHOD_POST, "/dich-vu/nop-ho-so/{}/kiem-tra", page_submit, ROUTE_LOGIN, 0 },
	{ METHOD_POST, "/dich-vu/ban-nhap/{}/xoa", page_draft_delete, ROUTE_LOGIN, 0 },
};
/* clang-format on */

const struct mc_module portal_filing = {
	routes,
	sizeof(routes) / sizeof(routes[0]),
	fields,
	FIELD__MAX,
};
