/*
 * Counter intake: a receiving officer picks the procedure (searched by name
 * or code among those the agency receives), ticks the documents received
 * from its checklist, files a walk-in applicant's paper dossier (the
 * applicant found by ID number or created), attaches scans and gets the
 * receipt (form 01) with its QR code, and its print view. The applicant's
 * answers are the procedure's own form in force (lib/domain/mc_eform, the
 * one citizens fill online: partials/eform.cs), checked by the server the
 * same way and stored with the dossier, so that a dossier looks the same
 * whichever way it came.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_account.h"
#include "mc_admin.h"
#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_catalogue.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eform.h"
#include "mc_eform_page.h"
#include "mc_files.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define MAX_SCANS   5
#define MAX_DOCS    30 /* checklist rows offered (catalogue max: 26) */
#define MAX_MATCHES 20 /* procedures listed by a search */
#define MAX_ERRORS  40 /* form errors shown */

/* The picked procedure's form in force and what was typed into it. */
struct cform {
	struct mc_eform	      form;
	struct mc_rows	      wards;
	json_t		     *answers; /* as typed */
	struct mc_eform_error errs[MAX_ERRORS];
	size_t		      nerr;
	int		      loaded;
};

enum field {
	FIELD_CSRF,
	FIELD_PROCEDURE,
	FIELD_AGENCY,
	FIELD_NAME,
	FIELD_ID_NUMBER,
	FIELD_PHONE,
	FIELD_EMAIL,
	FIELD_ADDRESS,
	FIELD_SCAN1,
	FIELD_SCAN2,
	FIELD_SCAN3,
	FIELD_SCAN4,
	FIELD_SCAN5,
	FIELD_Q,
	FIELD_PRINT,
	FIELD_HOLDER,
	FIELD_CARD_SEEN,
	FIELD_KIND,	  /* "org": an organisation applies */
	FIELD_ORG_NAME,	  /* its name */
	FIELD_TAX_CODE,	  /* its tax code (mc_account_tax_code) */
	FIELD_ORG_HOLDER, /* its account's e-mail or phone, to verify it */
	FIELD_CERT_SEEN,  /* the business registration certificate seen */
	FIELD_ACTION, /* a repeating group's "add:<key>" or "remove:<row>" */
	FIELD_DOC,    /* doc1 .. docN: ticked */
	FIELD_ORIG = FIELD_DOC + MAX_DOCS,    /* orig1 .. : originals */
	FIELD_COPIES = FIELD_ORIG + MAX_DOCS, /* copies1 .. : copies */
	FIELD__MAX = FIELD_COPIES + MAX_DOCS
};

/* clang-format off */
#define DOC_FIELDS(n) \
	[FIELD_DOC + (n) - 1] = { "doc" #n, valid_uint, 1, 0 }, \
	[FIELD_ORIG + (n) - 1] = { "orig" #n, valid_uint, 2, 0 }, \
	[FIELD_COPIES + (n) - 1] = { "copies" #n, valid_uint, 2, 0 },
/* clang-format on */

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_PROCEDURE] = { "procedure", valid_code, 40, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_NAME] = { "name", valid_line, 200, 0 },
	[FIELD_ID_NUMBER] = { "id_number", valid_id_number, 12, 0 },
	[FIELD_PHONE] = { "phone", valid_phone, 16, 0 },
	[FIELD_EMAIL] = { "email", valid_email, 254, 0 },
	[FIELD_ADDRESS] = { "address", valid_line, 500, 0 },
	[FIELD_SCAN1] = { "scan1", valid_file, 10 << 20, 1 },
	[FIELD_SCAN2] = { "scan2", valid_file, 10 << 20, 1 },
	[FIELD_SCAN3] = { "scan3", valid_file, 10 << 20, 1 },
	[FIELD_SCAN4] = { "scan4", valid_file, 10 << 20, 1 },
	[FIELD_SCAN5] = { "scan5", valid_file, 10 << 20, 1 },
	[FIELD_Q] = { "q", valid_line, 200, 0 },
	[FIELD_PRINT] = { "print", valid_uint, 1, 0 },
	[FIELD_HOLDER] = { "holder", valid_line, 254, 0 },
	[FIELD_CARD_SEEN] = { "card_seen", valid_uint, 1, 0 },
	[FIELD_KIND] = { "kind", valid_line, 6, 0 },
	[FIELD_ORG_NAME] = { "org_name", valid_line, 255, 0 },
	[FIELD_TAX_CODE] = { "tax_code", valid_line, 14, 0 },
	[FIELD_ORG_HOLDER] = { "org_holder", valid_line, 254, 0 },
	[FIELD_CERT_SEEN] = { "cert_seen", valid_uint, 1, 0 },
	[FIELD_ACTION] = { "action", valid_line, 120, 0 },
	DOC_FIELDS(1) DOC_FIELDS(2) DOC_FIELDS(3) DOC_FIELDS(4) DOC_FIELDS(5)
	DOC_FIELDS(6) DOC_FIELDS(7) DOC_FIELDS(8) DOC_FIELDS(9) DOC_FIELDS(10)
	DOC_FIELDS(11) DOC_FIELDS(12) DOC_FIELDS(13) DOC_FIELDS(14)
	DOC_FIELDS(15) DOC_FIELDS(16) DOC_FIELDS(17) DOC_FIELDS(18)
	DOC_FIELDS(19) DOC_FIELDS(20) DOC_FIELDS(21) DOC_FIELDS(22)
	DOC_FIELDS(23) DOC_FIELDS(24) DOC_FIELDS(25) DOC_FIELDS(26)
	DOC_FIELDS(27) DOC_FIELDS(28) DOC_FIELDS(29) DOC_FIELDS(30)
};
/* clang-format on */

enum stmt { STMT_AGENCY, STMT_CHECKLIST, STMT_RECEIVED, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCY] = "SELECT code FROM agencies WHERE id = ?",
	/*
	 * The documents to hand in or show: rows with originals or copies,
	 * the catalogue's notes ("Lưu ý") left out. Columns: seq, name,
	 * originals, copies.
	 */
	[STMT_CHECKLIST] = "SELECT d.seq, d.name, d.originals, d.copies "
	    "FROM procedure_documents d JOIN procedures p "
	    "ON p.id = d.procedure_id WHERE p.code = ? "
	    "AND (d.originals > 0 OR d.copies > 0) "
	    "AND (d.group_name IS NULL OR d.group_name NOT LIKE '%Lưu ý%') "
	    "ORDER BY d.seq LIMIT 30",
	[STMT_RECEIVED] = "SELECT name, originals, copies "
	    "FROM dossier_documents WHERE dossier_id = ? ORDER BY seq",
};
/* clang-format on */

static const int echo[] = { FIELD_PROCEDURE, FIELD_NAME, FIELD_ID_NUMBER,
	FIELD_PHONE, FIELD_EMAIL, FIELD_ADDRESS, FIELD_HOLDER, FIELD_CARD_SEEN,
	FIELD_KIND, FIELD_ORG_NAME, FIELD_TAX_CODE, FIELD_ORG_HOLDER,
	FIELD_CERT_SEEN };

/* 1 if the receiver chose an organisation as the applicant. */
static int
is_org(struct mc_request *r)
{
	const char *k = mc_req_field(r, FIELD_KIND);

	return k != NULL && strcmp(k, "org") == 0;
}

static void
form_echo(struct mc_request *r)
{
	size_t i;

	for (i = 0; i < MAX_DOCS; i++) {
		if (mc_req_field(r, FIELD_DOC + (int)i) != NULL)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.doc%zu", i + 1),
			    "1");
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.orig%zu", i + 1),
		    mc_req_field(r, FIELD_ORIG + (int)i));
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.copies%zu", i + 1),
		    mc_req_field(r, FIELD_COPIES + (int)i));
	}

	for (i = 0; i < sizeof(echo) / sizeof(echo[0]); i++) {
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Form.%s", fields[echo[i]].name),
		    mc_req_field(r, echo[i]));
		if (mc_req_field_bad(r, echo[i]))
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.Errors.%s",
				fields[echo[i]].name),
			    "1");
	}
}

/*
 * The procedure picked (?procedure=CODE) if the agency receives it: its
 * name in *name; 1 yes, 0 no, -1 error. The same rule as filing
 * (mc_catalogue_find with the agency's code).
 */
static int
picked(struct mc_request *r, const char *agency_code, const char *code,
    const char **name)
{
	struct mc_cat_query q;
	struct mc_rows	    rows;
	long long	    total;
	size_t		    i;

	memset(&q, 0, sizeof(q));
	q.q = code;
	q.agency = agency_code;
	q.limit = 50;
	if (mc_catalogue_find(r->db, r->arena, &q, &rows, &total) < 0)
		return -1;
	for (i = 0; i < rows.n; i++)
		if (strcmp(mc_rows_str(&rows, i, CATL_CODE), code) == 0) {
			*name = mc_rows_str(&rows, i, CATL_NAME);
			return 1;
		}
	return 0;
}

/* The agency's code; NULL on error. */
static const char *
agency_code(struct mc_request *r, unsigned int agency)
{
	struct mc_rows ag;

	if (mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCY], "i",
		(long long)agency) < 0 ||
	    ag.n == 0)
		return NULL;
	return mc_rows_str(&ag, 0, 0);
}

/*
 * Loads the form in force of the procedure code into cf, with the answers
 * posted ("f.<key>"; none on a first visit). 1 loaded, 0 no such
 * procedure, -1 error. The caller decrefs cf->answers.
 */
static int
cform_load(struct mc_request *r, const char *code, struct cform *cf)
{
	struct mc_procedure p;
	int		    rc;

	if ((rc = mc_catalogue_get(r->db, r->arena, code, 0, &p)) <= 0)
		return rc;
	if (mc_eform_current(r->db, r->arena, mc_rows_int(&p.row, 0, PCOL_ID),
		&p.documents, time(NULL), &cf->form) < 0 ||
	    mc_eform_wards(r->db, r->arena, &cf->wards) < 0)
		return -1;
	cf->answers = mc_eform_page_read(r, &cf->form);
	cf->loaded = 1;
	return 1;
}

/*
 * The picker: Data.Matches (code, name, ...) for ?q= among the agency's
 * procedures; Data.Procedure, Data.Checklist (seq, name, originals,
 * copies) and the procedure's form (Data.EForm, with cf's answers and
 * errors) for the one picked. 0 or -1.
 */
static int
picker(struct mc_request *r, unsigned int agency, struct cform *cf)
{
	struct mc_cat_query q;
	struct mc_rows	    rows;
	const char	   *ac, *code, *name = NULL;
	long long	    total;
	size_t		    i;
	int		    rc;

	if ((ac = agency_code(r, agency)) == NULL)
		return -1;
	if (mc_req_field(r, FIELD_Q) != NULL) {
		memset(&q, 0, sizeof(q));
		q.q = mc_req_field(r, FIELD_Q);
		q.agency = ac;
		q.limit = MAX_MATCHES;
		if (mc_catalogue_find(r->db, r->arena, &q, &rows, &total) < 0)
			return -1;
		mc_view_rows(r->hdf, "Data.Matches", &rows);
		mc_view_set_int(r->hdf, "Data.MatchCount", total);
		mc_view_set(r->hdf, "Form.q", q.q);
	}
	if ((code = mc_req_field(r, FIELD_PROCEDURE)) == NULL)
		return 0;
	if ((rc = picked(r, ac, code, &name)) < 0)
		return -1;
	if (rc == 0) {
		mc_view_set(r->hdf, "Form.Errors.procedure", "1");
		return 0;
	}
	mc_view_set(r->hdf, "Data.Procedure.code", code);
	mc_view_set(r->hdf, "Data.Procedure.name", name);
	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_CHECKLIST], "s",
		code) < 0)
		return -1;
	mc_view_rows(r->hdf, "Data.Checklist", &rows);
	for (i = 0; i < rows.n && i < MAX_DOCS; i++) /* fields doc<n> */
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Checklist.%zu.n", i),
		    (long long)i + 1);
	if (!cf->loaded && cform_load(r, code, cf) < 0)
		return -1;
	if (cf->loaded)
		mc_eform_page_model(r, &cf->form, cf->answers, &cf->wards,
		    cf->errs, cf->nerr);
	return 0;
}

/*
 * The account an ID number belongs to, for the form: only a verified one
 * fills the form in (Form.Known); unverified claims are only counted
 * (Data.Claims), so that the officer who sees the card can verify one.
 * 0 or -1.
 */
static int
applicant_model(struct mc_request *r, const char *idn, int fill)
{
	struct mc_user *u;
	long long	n;
	int		rc;

	if (idn == NULL || mc_req_field_bad(r, FIELD_ID_NUMBER))
		return 0;
	if ((rc = mc_auth_id_holder(r->db, r->arena, idn, &u)) < 0)
		return -1;
	if (rc == 1) {
		if (fill) {
			mc_view_set(r->hdf, "Form.name", u->full_name);
			mc_view_set(r->hdf, "Form.phone", u->phone);
			mc_view_set(r->hdf, "Form.email", u->email);
			mc_view_set(r->hdf, "Form.address", u->address);
		}
		mc_view_set(r->hdf, "Form.Known", "1");
		return 0;
	}
	if ((n = mc_auth_id_claims(r->db, r->arena, idn)) < 0)
		return -1;
	if (n > 0)
		mc_view_set_int(r->hdf, "Data.Claims", n);
	return 0;
}

static int
counter_form(struct mc_request *r, int status, struct cform *cf)
{
	unsigned int agency;
	int	     rc;

	if ((rc = office_agency(r, mc_req_field(r, FIELD_AGENCY), &agency)) <=
	    0)
		return rc < 0 ? 503 : 403;
	if (picker(r, agency, cf) < 0)
		return 503;
	/* An applicant known (verified) by ID number: the form starts filled. */
	if (!is_org(r) &&
	    applicant_model(r, mc_req_field(r, FIELD_ID_NUMBER),
		status == 200) < 0)
		return 503;
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Counter.Title"));
	if (mc_resp_page(r, "office/counter.cs") != 200)
		return 500;
	return status;
}

/*
 * The account that owns a counter-filed dossier: the verified holder of
 * the ID number, else the claim the officer verified now (the applicant
 * told its e-mail or phone, the officer ticked that they saw the card).
 * 1 and *id, 0 none, 2 the verification was refused (Form.Errors set),
 * -1 error.
 */
static int
applicant_account(struct mc_request *r, const char *idn, long long *id)
{
	const char     *holder = mc_req_field(r, FIELD_HOLDER);
	struct mc_user *u;
	int		rc;

	*id = 0;
	if ((rc = mc_auth_id_holder(r->db, r->arena, idn, &u)) < 0)
		return -1;
	if (rc == 1) {
		*id = u->id;
		return 1;
	}
	if (holder == NULL)
		return 0;
	if (mc_req_field(r, FIELD_CARD_SEEN) == NULL) {
		mc_view_set(r->hdf, "Form.Errors.card_seen", "1");
		return 2;
	}
	if ((rc = mc_auth_id_claimant(r->db, r->arena, idn, holder, id)) < 0)
		return -1;
	if (rc == 1 &&
	    (rc = mc_auth_id_verify(r->db, r->arena, *id, idn,
		 ID_PROOF_COUNTER)) < 0)
		return -1;
	if (rc == 0) {
		*id = 0;
		mc_view_set(r->hdf, "Form.Errors.holder", "1");
		return 2;
	}
	return 1;
}

/* The verification of a tax code at the counter, audited, in one go. */
struct tax_tx {
	const struct mc_request *r;
	long long		 account;
	const char		*tax;
	int			 rc;
};

static int
tax_tx_run(struct mc_db *db, void *arg)
{
	struct tax_tx *t = arg;

	t->rc = mc_admin_tax_verify_by(db, t->r->user->id, t->r->remote_addr,
	    t->account, t->tax, ID_PROOF_COUNTER);
	return t->rc < 0 ? -1 : 0;
}

/*
 * The account that owns an organisation's counter-filed dossier, as
 * applicant_account for a person: the verified holder of the tax code,
 * else the organisation's account the representative named (its e-mail
 * or phone), its tax code verified now by the receiver who saw the
 * certificate (tax_verified_by 'counter', tax_code_verified audited), else
 * none: the dossier carries the tax code. 1 and *id, 0 none, 2 refused
 * (Form.Errors set), -1 error.
 */
static int
org_account(struct mc_request *r, const char *tax, long long *id)
{
	struct tax_tx t = { r, 0, tax, 0 };
	const char   *holder = mc_req_field(r, FIELD_ORG_HOLDER);
	int	      rc;

	*id = 0;
	if ((rc = mc_auth_tax_holder(r->db, r->arena, tax, id)) != 0)
		return rc;
	if (holder == NULL)
		return 0;
	if ((rc = mc_auth_tax_claimant(r->db, r->arena, tax, holder,
		 &t.account)) < 0)
		return -1;
	if (rc == 1 && mc_db_tx(r->db, tax_tx_run, &t) != 0)
		return -1;
	if (rc == 0 || t.rc == 0) {
		mc_view_set(r->hdf, "Form.Errors.org_holder", "1");
		return 2;
	}
	*id = t.account;
	return 1;
}

/*
 * An organisation's own fields (kind "org"): its name, tax code (the
 * registration's check: "format" or "check") and the certificate seen,
 * into s and Form.Errors. 1 if all are good.
 */
static int
org_fields(struct mc_request *r, struct mc_submission *s)
{
	enum mc_tax_code tc;
	int		 ok = 1;

	s->name = mc_req_field(r, FIELD_ORG_NAME);
	s->id_number = mc_req_field(r, FIELD_TAX_CODE);
	tc = mc_account_tax_code(s->id_number);
	if (s->name == NULL || mc_utf8_chars(s->name) < 2)
		ok = 0, mc_view_set(r->hdf, "Form.Errors.org_name", "1");
	if (tc != TAX_CODE_OK)
		ok = 0,
		mc_view_set(r->hdf, "Form.Errors.tax_code",
		    tc == TAX_CODE_CHECK_DIGIT ? "check" : "format");
	if (mc_req_field(r, FIELD_CERT_SEEN) == NULL)
		ok = 0, mc_view_set(r->hdf, "Form.Errors.cert_seen", "1");
	return ok;
}

static int
page_counter(struct mc_request *r)
{
	struct cform cf;
	int	     rc;

	memset(&cf, 0, sizeof(cf));
	form_echo(r);
	rc = counter_form(r, 200, &cf);
	json_decref(cf.answers);
	return rc;
}

static const char *
dump(struct mc_arena *a, json_t *j)
{
	char	   *s = json_dumps(j, JSON_COMPACT);
	const char *out = mc_arena_strdup(a, s ? s : "{}");

	free(s);
	return out;
}

/* What the filing's transaction writes besides the dossier: the answers. */
struct then {
	const struct mc_eform *form;
	const char	      *answers;
};

static int
then_store(struct mc_db *db, long long dossier, void *arg)
{
	struct then *t = arg;

	return mc_eform_store_answers(db, dossier, t->form, t->answers, "{}");
}

/*
 * Checks cf's answers against its form (the Data.EForm error summary for
 * the page); the checked answers (hidden fields dropped, numbers typed)
 * as JSON in *checked. The count of errors.
 */
static size_t
cform_check(struct mc_request *r, struct cform *cf, const char **checked)
{
	json_t *copy = json_deep_copy(cf->answers);

	cf->nerr = mc_eform_check(r->arena, &cf->form, copy, mc_eform_ward_in,
	    &cf->wards, cf->errs, MAX_ERRORS);
	if (cf->nerr > MAX_ERRORS)
		cf->nerr = MAX_ERRORS;
	mc_eform_page_errors(r, cf->errs, cf->nerr);
	*checked = dump(r->arena, copy);
	json_decref(copy);
	return cf->nerr;
}

/*
 * The ticked rows of the procedure's checklist (row i is field doc<i+1>),
 * with the originals and copies counted at the counter (default: the
 * catalogue's); into s->docs. 0 or -1.
 */
static int
received_docs(struct mc_request *r, const char *code, struct mc_submission *s)
{
	struct mc_rows		rows;
	struct mc_received_doc *docs;
	long long		n;
	size_t			i;

	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_CHECKLIST], "s",
		code) < 0)
		return -1;
	docs = mc_arena_alloc(r->arena, (rows.n + 1) * sizeof(*docs));
	s->ndocs = 0;
	for (i = 0; i < rows.n && i < MAX_DOCS; i++) {
		struct mc_received_doc *d = &docs[s->ndocs];

		if (mc_req_field(r, FIELD_DOC + (int)i) == NULL)
			continue;
		d->seq = (unsigned int)mc_rows_int(&rows, i, 0);
		d->name = mc_rows_str(&rows, i, 1);
		d->originals = (unsigned int)mc_rows_int(&rows, i, 2);
		d->copies = (unsigned int)mc_rows_int(&rows, i, 3);
		if (mc_req_field(r, FIELD_ORIG + (int)i) != NULL &&
		    mc_parse_ll(mc_req_field(r, FIELD_ORIG + (int)i), 0, 99,
			&n) == 0)
			d->originals = (unsigned int)n;
		if (mc_req_field(r, FIELD_COPIES + (int)i) != NULL &&
		    mc_parse_ll(mc_req_field(r, FIELD_COPIES + (int)i), 0, 99,
			&n) == 0)
			d->copies = (unsigned int)n;
		s->ndocs++;
	}
	s->docs = docs;
	return 0;
}

/* Files the walk-in applicant's dossier; the page again with why when not. */
static int
counter_file(struct mc_request *r, struct cform *cf)
{
	struct mc_submission   s;
	struct mc_file	       files[MAX_SCANS];
	struct mc_rows	       ag;
	const struct mc_param *p;
	struct then	       t;
	long long	       owner;
	const char	      *code, *why, *checked = "{}";
	unsigned int	       agency;
	int		       i, rc, bad = 0;

	form_echo(r);
	if ((rc = office_agency(r, mc_req_field(r, FIELD_AGENCY), &agency)) <
	    0)
		return 503;
	if (rc == 0 ||
	    !mc_auth_acts_for(r->user,
		ROLES(ROLE_RECEIVER) | ROLES(ROLE_LEADER), agency))
		return 403;
	memset(&s, 0, sizeof(s));
	s.procedure_code = mc_req_field(r, FIELD_PROCEDURE);
	if (s.procedure_code != NULL &&
	    cform_load(r, s.procedure_code, cf) < 0)
		return 503;
	/* A row added to or removed from a repeating group: the page again. */
	if (cf->loaded && mc_req_field(r, FIELD_ACTION) != NULL)
		return counter_form(r, 200, cf);
	s.name = mc_req_field(r, FIELD_NAME);
	s.id_number = mc_req_field(r, FIELD_ID_NUMBER);
	if (is_org(r) && !org_fields(r, &s))
		bad = 1;
	s.phone = mc_req_field(r, FIELD_PHONE);
	s.email = mc_req_field(r, FIELD_EMAIL);
	s.address = mc_req_field(r, FIELD_ADDRESS);
	s.channel = CHANNEL_COUNTER;
	s.files = files;
	if (s.procedure_code == NULL || !cf->loaded)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.procedure", "1");
	if (!is_org(r) && s.name == NULL)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.name", "1");
	if (!is_org(r) && s.id_number == NULL)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.id_number", "1");
	if (cf->loaded && cform_check(r, cf, &checked) > 0)
		bad = 1;
	for (i = 0; i < MAX_SCANS; i++) {
		if ((p = mc_req_param(r, FIELD_SCAN1 + i)) == NULL ||
		    p->len == 0)
			continue;
		if ((rc = mc_files_store(r->arena, p->value, p->len,
			 p->filename, &files[s.nfiles], &why)) < 0)
			return 503;
		if (rc == 1) {
			bad = 1;
			mc_view_set(r->hdf, "Form.Errors.scan", why);
			continue;
		}
		s.nfiles++;
	}
	if (s.procedure_code != NULL &&
	    received_docs(r, s.procedure_code, &s) < 0)
		return 503;
	if (bad)
		return counter_form(r, 422, cf);
	/* The applicant's verified account, if they have one, owns it. */
	rc = is_org(r) ? org_account(r, s.id_number, &owner) :
			 applicant_account(r, s.id_number, &owner);
	if (rc < 0)
		return 503;
	if (rc == 2)
		return counter_form(r, 422, cf);
	if (mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCY], "i",
		(long long)agency) < 0 ||
	    ag.n == 0)
		return 503;
	s.account_id = owner;
	s.agency_code = mc_rows_str(&ag, 0, 0);
	s.form_json = checked;
	t.form = &cf->form;
	t.answers = checked;
	s.then = then_store;
	s.then_arg = &t;
	rc = mc_dossier_counter(r->db, r->arena, r->user, &s, time(NULL),
	    &code);
	if (rc < 0)
		return 503;
	if (rc == DOSSIER_NO_PROCEDURE || rc == DOSSIER_NO_AGENCY) {
		mc_view_set(r->hdf, "Form.Errors.procedure", "1");
		return counter_form(r, 422, cf);
	}
	if (rc != 0)
		return 409;
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "/can-bo/ho-so/%s?ok=1&receipt=1",
		code));
}

static int
page_counter_post(struct mc_request *r)
{
	struct cform cf;
	int	     rc;

	memset(&cf, 0, sizeof(cf));
	rc = counter_file(r, &cf);
	json_decref(cf.answers);
	return rc;
}

/*
 * The receipt's print view: what form 01 says, as a page to print at the
 * counter (?print=1 opens the print dialog: /js/print.js).
 */
static int
page_receipt(struct mc_request *r)
{
	struct mc_dossier d;
	struct mc_rows	  rows;
	size_t		  i;
	int		  rc;

	if ((rc = office_dossier(r, &d)) != 1)
		return rc;
	if (d.received_at == NULL) /* not received */
		return 404;
	if (mc_db_query(r->db, r->arena, &rows, stmts[STMT_RECEIVED], "i",
		d.id) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Dossier", &d.row);
	mc_view_rows(r->hdf, "Data.Received", &rows);
	for (i = 0; i < rows.n; i++)
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Received.%zu.n", i),
		    (long long)i + 1);
	if (mc_req_field(r, FIELD_PRINT) != NULL)
		mc_view_set(r->hdf, "Data.AutoPrint", "1");
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Counter.Receipt"));
	return mc_resp_page(r, "office/receipt.cs");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/ho-so/{}/giay-tiep-nhan", page_receipt,
	    ROUTE_LOGIN, ROLES(ROLE_RECEIVER) | ROLES(ROLE_SPECIALIST) |
	    ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN) },
	{ METHOD_GET, "/can-bo/tiep-nhan", page_counter, ROUTE_LOGIN,
	    ROLES(ROLE_RECEIVER) | ROLES(ROLE_LEADER) },
	{ METHOD_POST, "/can-bo/tiep-nhan", page_counter_post, ROUTE_LOGIN,
	    ROLES(ROLE_RECEIVER) | ROLES(ROLE_LEADER) },
};
/* clang-format on */

/* clang-format off */
const struct mc_module office_counter = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
