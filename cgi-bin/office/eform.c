/*
 * E-forms in the back office: a dossier's declaration (tờ khai) as PDF,
 * drawn from the answers it was filed with; the admins' form designer
 * (bpmn.io's form-js editor in the browser, the JSON in a text box
 * without JavaScript), each save a new version of the procedure's form
 * from its effective date, checked by the same parser that draws and
 * checks the citizen's form; a preview drawn as the citizen sees it. The
 * document checklist ticked at intake on the dossier's page. Saving a
 * form asks for the password again (office_reauth).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_catalogue.h"
#include "mc_checklist.h"
#include "mc_dossier.h"
#include "mc_dossier_page.h"
#include "mc_eform.h"
#include "mc_eform_page.h"
#include "mc_log.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define DEFINITION_MAX (512 * 1024)
#define DESIGNER_CSP \
	"default-src 'self'; style-src 'self' 'unsafe-inline'; " \
	"img-src 'self' data:; object-src 'none'; base-uri 'self'; " \
	"form-action 'self'; frame-ancestors 'none'"

enum field {
	FIELD_CSRF,
	FIELD_DEFINITION,
	FIELD_EFFECTIVE,
	FIELD_ACTION,
	FIELD_COPY,
	FIELD_TEMPLATE,
	FIELD_OK,
	FIELD_REAUTH,	   /* the password again */
	FIELD_REAUTH_CODE, /* ... and the authenticator\'s code */
	FIELD_V1,	   /* v1 .. : a slot's verdict */
	FIELD_N1 = FIELD_V1 + MC_CHECKLIST_MAX, /* n1 .. : its note */
	FIELD__MAX = FIELD_N1 + MC_CHECKLIST_MAX
};

static int valid_verdict(const struct mc_param *);

/* clang-format off */
#define CHECK_FIELDS(n) \
	[FIELD_V1 + (n) - 1] = { "v" #n, valid_verdict, 16, 0 }, \
	[FIELD_N1 + (n) - 1] = { "n" #n, valid_line, 4 * MC_CHECK_NOTE_MAX, 0 },
/* clang-format on */

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_DEFINITION] = { "definition", valid_any, DEFINITION_MAX, 0 },
	[FIELD_EFFECTIVE] = { "effective", valid_line, 10, 0 },
	[FIELD_ACTION] = { "action", valid_line, 16, 0 },
	[FIELD_COPY] = { "copy", valid_line, 64, 0 },
	[FIELD_TEMPLATE] = { "template", valid_line, 64, 0 },
	[FIELD_OK] = { "ok", valid_uint, 10, 0 },
	[FIELD_REAUTH] = { "reauth", valid_any, 512, 0 },
	[FIELD_REAUTH_CODE] = { "reauth_code", valid_any, 64, 0 },
	CHECK_FIELDS(1) CHECK_FIELDS(2) CHECK_FIELDS(3) CHECK_FIELDS(4)
	CHECK_FIELDS(5) CHECK_FIELDS(6) CHECK_FIELDS(7) CHECK_FIELDS(8)
	CHECK_FIELDS(9) CHECK_FIELDS(10) CHECK_FIELDS(11) CHECK_FIELDS(12)
	CHECK_FIELDS(13) CHECK_FIELDS(14) CHECK_FIELDS(15) CHECK_FIELDS(16)
	CHECK_FIELDS(17) CHECK_FIELDS(18) CHECK_FIELDS(19) CHECK_FIELDS(20)
	CHECK_FIELDS(21) CHECK_FIELDS(22) CHECK_FIELDS(23) CHECK_FIELDS(24)
	CHECK_FIELDS(25) CHECK_FIELDS(26) CHECK_FIELDS(27) CHECK_FIELDS(28)
	CHECK_FIELDS(29) CHECK_FIELDS(30)
};
/* clang-format on */

/* The declaration of the dossier as PDF. */
static int
page_declaration(struct mc_request *r)
{
	struct mc_dossier d;
	int		  rc;

	if ((rc = office_dossier(r, &d)) != 1)
		return rc;
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

/*
 * The components of a definition (from) with this procedure's upload
 * slots (those of mine, its form json): JSON in the arena, NULL on error.
 */
static const char *
with_my_documents(struct mc_request *r, const char *from_json,
    const char *mine_json)
{
	json_t	   *from, *mine;
	char	   *txt;
	const char *out;

	if ((from = json_loads(from_json, 0, NULL)) == NULL)
		return NULL;
	if ((mine = json_loads(mine_json, 0, NULL)) != NULL &&
	    json_object_get(mine, "documents") != NULL)
		json_object_set(from, "documents",
		    json_object_get(mine, "documents"));
	else
		json_object_del(from, "documents");
	json_decref(mine);
	txt = json_dumps(from, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(from);
	if (txt == NULL)
		return NULL;
	out = mc_arena_strdup(r->arena, txt);
	free(txt);
	return out;
}

/*
 * Another procedure's form in force with this one's upload slots: 1 and
 * *out, 0 when there is no such procedure, -1 on an error.
 */
static int
design_copy(struct mc_request *r, const char *code, const char *json,
    const char **out)
{
	struct mc_procedure other;
	struct mc_eform	    f;
	int		    rc;

	if ((rc = mc_catalogue_get(r->db, r->arena, code, 0, &other)) <= 0)
		return rc;
	if (mc_eform_current(r->db, r->arena,
		mc_rows_int(&other.row, 0, PCOL_ID), &other.documents,
		time(NULL), &f) < 0 ||
	    (*out = with_my_documents(r, f.json, json)) == NULL)
		return -1;
	mc_view_set(r->hdf, "Data.CopiedFrom", code);
	mc_view_set(r->hdf, "Data.CopiedName",
	    mc_rows_str(&other.row, 0, PCOL_NAME));
	return 1;
}

/*
 * A form template of a field of law (mc_eform_templates) with this
 * procedure's upload slots: 1 and *out, 0 when there is no such template,
 * -1 on an error.
 */
static int
design_template(struct mc_request *r, const char *slug, const char *json,
    const char **out)
{
	const char *def, *name;
	int	    rc;

	if ((rc = mc_eform_template(r->db, r->arena, slug, &def, &name)) <= 0)
		return rc;
	if ((*out = with_my_documents(r, def, json)) == NULL)
		return -1;
	mc_view_set(r->hdf, "Data.FromTemplate", name);
	return 1;
}

/*
 * The designer's page: the procedure, its versions (who saved each,
 * when, from when in force), the definition to edit (Form.definition),
 * the preview (Data.EForm) when f is not NULL.
 */
static int
design_page(struct mc_request *r, const struct mc_procedure *p,
    const struct mc_eform *f, int status)
{
	struct mc_rows versions, wards, templates;
	json_t	      *answers;

	if (mc_eform_versions(r->db, r->arena,
		mc_rows_int(&p->row, 0, PCOL_ID), time(NULL), &versions) < 0 ||
	    mc_eform_templates(r->db, r->arena,
		mc_rows_int(&p->row, 0, PCOL_ID), &templates) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Versions", &versions);
	mc_view_rows(r->hdf, "Data.Templates", &templates);
	mc_view_set(r->hdf, "Data.Procedure.code",
	    mc_rows_str(&p->row, 0, PCOL_CODE));
	mc_view_set(r->hdf, "Data.Procedure.name",
	    mc_rows_str(&p->row, 0, PCOL_NAME));
	if (f != NULL) {
		if (mc_eform_wards(r->db, r->arena, &wards) < 0)
			return 503;
		answers = json_object();
		mc_eform_page_model(r, f, answers, &wards, NULL, 0);
		json_decref(answers);
		mc_view_set(r->hdf, "Data.Preview", "1");
	}
	mc_view_set(r->hdf, "Page.Title",
	    mc_arena_printf(r->arena, "%s %s",
		mc_view_str(r->hdf, "EFormDesign.Title"),
		mc_rows_str(&p->row, 0, PCOL_CODE)));
	mc_view_set(r->hdf, "Page.Nav", "office");
	/* form-js's editor (its FEEL fields) sets inline styles: allowed
	 * here only, for styles only; scripts stay 'self'. */
	mc_resp_header_set(r, "Content-Security-Policy", DESIGNER_CSP);
	r->status = status;
	if (mc_resp_page(r, "office/eform_design.cs") != 200)
		return 500;
	return status;
}

/*
 * The form designer of a procedure (?copy=CODE: start from its form;
 * ?template=SLUG: from a template of a field of law).
 */
static int
page_design(struct mc_request *r)
{
	struct mc_procedure p;
	struct mc_eform	    f;
	const char	   *json, *copy = mc_req_field(r, FIELD_COPY);
	const char	   *tpl = mc_req_field(r, FIELD_TEMPLATE);
	int		    rc;

	if ((rc = office_procedure_editable(r, &p)) != 0)
		return rc;
	if (mc_eform_current(r->db, r->arena, mc_rows_int(&p.row, 0, PCOL_ID),
		&p.documents, time(NULL), &f) < 0)
		return 503;
	json = f.json;
	mc_view_set_int(r->hdf, "Data.Current", f.version);
	if (mc_req_field(r, FIELD_OK) != NULL) {
		mc_view_set(r->hdf, "Data.Saved", mc_req_field(r, FIELD_OK));
		mc_view_set(r->hdf, "Page.Flash",
		    mc_arena_printf(r->arena, "%s %s.",
			mc_view_str(r->hdf, "EFormDesign.Saved"),
			mc_req_field(r, FIELD_OK)));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	if (copy != NULL && *copy != '\0') {
		if ((rc = design_copy(r, copy, f.json, &json)) < 0)
			return 503;
		if (rc == 0) {
			mc_view_set(r->hdf, "Form.copy", copy);
			mc_view_set(r->hdf, "Form.Errors.copy", "1");
			mc_view_set(r->hdf, "Form.definition", json);
			return design_page(r, &p, NULL, 422);
		}
	} else if (tpl != NULL && *tpl != '\0') {
		if ((rc = design_template(r, tpl, f.json, &json)) < 0)
			return 503;
		mc_view_set(r->hdf, "Form.template", tpl);
		if (rc == 0) {
			mc_view_set(r->hdf, "Form.Errors.template", "1");
			mc_view_set(r->hdf, "Form.definition", json);
			return design_page(r, &p, NULL, 422);
		}
	}
	mc_view_set(r->hdf, "Form.definition", json);
	return design_page(r, &p, NULL, 200);
}

/*
 * Saves the posted definition as the procedure's next form version from
 * the effective date (empty: now), or previews it (action "preview"); a
 * definition the parser refuses, or a bad date, is shown again with why.
 */
static int
page_design_post(struct mc_request *r)
{
	struct mc_procedure   p;
	struct mc_eform	      f;
	enum mc_eform_problem why;
	const char	     *json = mc_req_field(r, FIELD_DEFINITION);
	const char	     *eff = mc_req_field(r, FIELD_EFFECTIVE);
	const char	     *action = mc_req_field(r, FIELD_ACTION);
	const char	     *subject = NULL;
	time_t		      now = time(NULL), from = 0;
	long long	      version;
	int		      rc, y, m, d;

	if ((rc = office_procedure_editable(r, &p)) != 0)
		return rc;
	mc_view_set(r->hdf, "Form.definition", json ? json : "");
	mc_view_set(r->hdf, "Form.effective", eff);
	if (json == NULL || mc_req_field_bad(r, FIELD_DEFINITION)) {
		mc_view_set(r->hdf, "Form.Errors.definition", "json");
		return design_page(r, &p, NULL, 422);
	}
	if (eff != NULL && *eff != '\0' &&
	    (mc_date_parse(eff, &y, &m, &d) < 0 ||
		(from = mc_date_at(eff, 0)) == 0 || from < now - 86400)) {
		mc_view_set(r->hdf, "Form.Errors.effective", "1");
		return design_page(r, &p, NULL, 422);
	}
	if (mc_eform_parse(r->arena, json, &f, &why, &subject) < 0) {
		mc_view_set(r->hdf, "Form.Errors.definition",
		    mc_eform_problem_name(why));
		mc_view_set(r->hdf, "Form.Errors.subject", subject);
		return design_page(r, &p, NULL, 422);
	}
	if (action != NULL && strcmp(action, "preview") == 0)
		return design_page(r, &p, &f, 200);
	if ((rc = office_reauth(r)) != 1) /* the password again */
		return rc;
	if (from < now)
		from = 0;
	rc = mc_eform_save(r->db, r->arena, mc_rows_int(&p.row, 0, PCOL_ID),
	    json, from, r->user->id, now, &version, &why, &subject);
	if (rc < 0)
		return 503;
	if (rc == 1) { /* checked above: only if the parser changed */
		mc_view_set(r->hdf, "Form.Errors.definition",
		    mc_eform_problem_name(why));
		return design_page(r, &p, NULL, 422);
	}
	mc_info("procedure %s: form version %lld saved by account %lld",
	    r->cap[0], version, r->user->id);
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena,
		"/can-bo/quan-tri/thu-tuc/%s/bieu-mau?ok=%lld", r->cap[0],
		version));
}

/* ------------------------------------------------------------ checklist */

/* "complete", "missing" or "invalid". */
static int
valid_verdict(const struct mc_param *p)
{
	return mc_check_verdict_parse(p->value) > 0;
}

/* The supplement request's rows: at least 3, one per flagged document. */
#define ITEM_ROWS_MIN 3
#define ITEM_ROWS_MAX 5

/*
 * The checklist as Data.Checklist: .Items.N (slot, name, required, files,
 * verdict, note, who and when; in[] when given: as posted, with its
 * error), .Editable, .Saved; the missing and invalid documents as the
 * supplement request's items (Data.Checklist.Flagged.K, from 1: item,
 * reason, label) and Data.ItemRows.
 */
static void
checklist_model(struct mc_request *r, const struct mc_checklist *cl,
    const struct mc_check_input *in, int editable)
{
	const struct mc_check *c;
	const char	      *n, *note;
	size_t		       i, j, k = 0;
	int		       v;

	for (i = 0; i < cl->n; i++) {
		c = &cl->items[i];
		n = mc_arena_printf(r->arena, "Data.Checklist.Items.%zu", i);
		v = in != NULL ? (int)in[i].verdict : (int)c->verdict;
		note = in != NULL ? in[i].note : c->note;
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.slot", n),
		    c->slot);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.name", n),
		    c->name);
		mc_view_set_int(r->hdf, mc_arena_printf(r->arena, "%s.i", n),
		    (long long)i + 1);
		if (c->required)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.required", n), "1");
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.verdict", n),
		    mc_check_verdict_name((enum mc_check_verdict)v));
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.note", n),
		    note);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.at", n),
		    c->checked_at);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.by", n),
		    c->checked_by);
		for (j = 0; j < c->nfiles; j++)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.Files.%zu", n, j),
			    c->files[j]);
		if (in != NULL && in[i].err != CHKE_NONE)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.error", n),
			    mc_check_err_name(in[i].err));
		if (in == NULL &&
		    (c->verdict == CHECK_MISSING ||
			c->verdict == CHECK_INVALID) &&
		    k < ITEM_ROWS_MAX) {
			n = mc_arena_printf(r->arena,
			    "Data.Checklist.Flagged.%zu", ++k);
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.item", n), c->name);
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.reason", n),
			    mc_check_reason(r->arena, c));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.verdict", n),
			    mc_check_verdict_name(c->verdict));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.note", n), c->note);
		}
	}
	mc_view_set_int(r->hdf, "Data.ItemRows",
	    k > ITEM_ROWS_MIN ? (long long)k : ITEM_ROWS_MIN);
	if (cl->n > 0)
		mc_view_set_int(r->hdf, "Data.Checklist.Count",
		    (long long)cl->n);
	if (editable)
		mc_view_set(r->hdf, "Data.Checklist.Editable", "1");
	if (cl->saved)
		mc_view_set(r->hdf, "Data.Checklist.Saved", "1");
}

int
office_checklist(struct mc_request *r, const struct mc_dossier *d)
{
	struct mc_checklist cl;
	int		    rc;

	if (mc_checklist_get(r->db, r->arena, d, &cl) < 0 ||
	    (rc = mc_checklist_editable(r->db, r->arena, r->user, d,
		 time(NULL))) < 0)
		return -1;
	checklist_model(r, &cl, NULL, rc);
	return 0;
}

/*
 * Saves the ticked checklist (one transaction) and goes back to the
 * dossier; a row refused is shown again on the checklist's own page (422)
 * with everything as ticked.
 */
static int
page_checklist(struct mc_request *r)
{
	struct mc_dossier     d;
	struct mc_checklist   cl;
	struct mc_check_input in[MC_CHECKLIST_MAX];
	size_t		      i;
	int		      rc;

	if ((rc = office_dossier(r, &d)) != 1)
		return rc;
	if (mc_checklist_get(r->db, r->arena, &d, &cl) < 0)
		return 503;
	if (cl.n == 0)
		return 404;
	for (i = 0; i < cl.n; i++) {
		rc = mc_check_verdict_parse(
		    mc_req_field(r, FIELD_V1 + (int)i));
		in[i].verdict = rc > 0 ? (enum mc_check_verdict)rc :
					 CHECK_NONE;
		in[i].note = mc_req_field(r, FIELD_N1 + (int)i);
		in[i].err = CHKE_NONE;
	}
	rc = mc_checklist_save(r->db, r->arena, r->user, d.code, in, cl.n,
	    time(NULL), r->remote_addr);
	if (rc == 0)
		return mc_resp_redirect(r,
		    mc_arena_printf(r->arena,
			"/can-bo/ho-so/%s?ok=1#checklist", r->cap[0]));
	if (rc != DOSSIER_BAD_INPUT)
		return mc_dossier_refusal(r, rc, "Checklist.NotNow", NULL);
	mc_view_rows(r->hdf, "Data.Dossier", &d.row);
	checklist_model(r, &cl, in, 1);
	mc_view_set(r->hdf, "Data.Checklist.Failed", "1");
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_arena_printf(r->arena, "%s %s",
		mc_view_str(r->hdf, "Checklist.Title"), d.code));
	r->status = 422;
	if (mc_resp_page(r, "office/checklist.cs") != 200)
		return 500;
	return 422;
}

#define ADMIN ROUTE_LOGIN, ROLES(ROLE_ADMIN)

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/ho-so/{}/to-khai.pdf", page_declaration, ROUTE_LOGIN, ROLES_OFFICER },
	{ METHOD_POST, "/can-bo/ho-so/{}/giay-to", page_checklist, ROUTE_LOGIN, ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/quan-tri/thu-tuc/{}/bieu-mau", page_design, ADMIN },
	{ METHOD_POST, "/can-bo/quan-tri/thu-tuc/{}/bieu-mau", page_design_post, ADMIN },
};
/* clang-format on */

const struct mc_module office_eform = {
	routes,
	sizeof(routes) / sizeof(routes[0]),
	fields,
	FIELD__MAX,
};
