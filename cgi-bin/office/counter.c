/*
 * Counter intake: a receiving officer files a walk-in applicant's paper
 * dossier (the applicant found by ID number or created), attaches scans and
 * gets the receipt (form 01) with its QR code.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_catalogue.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_files.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define MAX_SCANS	5

enum field {
	FIELD_CSRF,
	FIELD_PROCEDURE,
	FIELD_AGENCY,
	FIELD_NAME,
	FIELD_ID_NUMBER,
	FIELD_PHONE,
	FIELD_EMAIL,
	FIELD_ADDRESS,
	FIELD_CONTENT,
	FIELD_SCAN1, FIELD_SCAN2, FIELD_SCAN3, FIELD_SCAN4, FIELD_SCAN5,
	FIELD__MAX
};

static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_PROCEDURE] = { "procedure", valid_code, 40, 0 },
	[FIELD_AGENCY] = { "agency", valid_uint, 10, 0 },
	[FIELD_NAME] = { "name", valid_line, 200, 0 },
	[FIELD_ID_NUMBER] = { "id_number", valid_id_number, 12, 0 },
	[FIELD_PHONE] = { "phone", valid_phone, 16, 0 },
	[FIELD_EMAIL] = { "email", valid_email, 254, 0 },
	[FIELD_ADDRESS] = { "address", valid_line, 500, 0 },
	[FIELD_CONTENT] = { "content", valid_text, 4000, 0 },
	[FIELD_SCAN1] = { "scan1", valid_file, 10 << 20, 1 },
	[FIELD_SCAN2] = { "scan2", valid_file, 10 << 20, 1 },
	[FIELD_SCAN3] = { "scan3", valid_file, 10 << 20, 1 },
	[FIELD_SCAN4] = { "scan4", valid_file, 10 << 20, 1 },
	[FIELD_SCAN5] = { "scan5", valid_file, 10 << 20, 1 },
};

enum stmt {
	STMT_APPLICANT,
	STMT_AGENCY,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_APPLICANT] = "SELECT id, full_name, phone, email, address "
	    "FROM accounts WHERE id_number = ?",
	[STMT_AGENCY] = "SELECT code FROM agencies WHERE id = ?",
};

static const int echo[] = { FIELD_PROCEDURE, FIELD_NAME, FIELD_ID_NUMBER,
    FIELD_PHONE, FIELD_EMAIL, FIELD_ADDRESS, FIELD_CONTENT };

static void
form_echo(struct mc_request *r)
{
	size_t	i;

	for (i = 0; i < sizeof(echo) / sizeof(echo[0]); i++) {
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "Form.%s",
		    fields[echo[i]].name), mc_req_field(r, echo[i]));
		if (mc_req_field_bad(r, echo[i]))
			mc_view_set(r->hdf, mc_arena_printf(r->arena,
			    "Form.Errors.%s", fields[echo[i]].name), "1");
	}
}

static int
counter_form(struct mc_request *r, int status)
{
	struct mc_rows	 app;
	const char	*idn = mc_req_field(r, FIELD_ID_NUMBER);

	if (office_agency(r, mc_req_field(r, FIELD_AGENCY)) == 0)
		return 403;
	/* An applicant known by ID number: the form starts filled in. */
	if (status == 200 && idn != NULL) {
		if (mc_db_query(r->db, r->arena, &app, stmts[STMT_APPLICANT],
		    "s", idn) < 0)
			return 503;
		if (app.n == 1) {
			mc_view_set(r->hdf, "Form.name", mc_rows_str(&app, 0, 1));
			mc_view_set(r->hdf, "Form.phone", mc_rows_str(&app, 0, 2));
			mc_view_set(r->hdf, "Form.email", mc_rows_str(&app, 0, 3));
			mc_view_set(r->hdf, "Form.address",
			    mc_rows_str(&app, 0, 4));
			mc_view_set(r->hdf, "Form.Known", "1");
		}
	}
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Counter.Title"));
	if (mc_resp_page(r, "office/counter.cs") != 200)
		return 500;
	return status;
}

static int
page_counter(struct mc_request *r)
{
	form_echo(r);
	return counter_form(r, 200);
}

static const char *
content_json(struct mc_request *r)
{
	json_t		*o;
	char		*s;
	const char	*out;

	o = json_pack("{s:s}", "content", mc_req_field(r, FIELD_CONTENT) ?
	    mc_req_field(r, FIELD_CONTENT) : "");
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	out = mc_arena_strdup(r->arena, s ? s : "{}");
	free(s);
	return out;
}

static int
page_counter_post(struct mc_request *r)
{
	struct mc_submission	 s;
	struct mc_file		 files[MAX_SCANS];
	struct mc_rows		 app, ag;
	const struct mc_param	*p;
	const char		*code, *why;
	unsigned int		 agency;
	int			 i, rc, bad = 0;

	form_echo(r);
	if ((agency = office_agency(r, mc_req_field(r, FIELD_AGENCY))) == 0 ||
	    !mc_auth_acts_for(r->user, ROLES(ROLE_RECEIVER) |
	    ROLES(ROLE_LEADER), agency))
		return 403;
	memset(&s, 0, sizeof(s));
	s.procedure_code = mc_req_field(r, FIELD_PROCEDURE);
	s.name = mc_req_field(r, FIELD_NAME);
	s.id_number = mc_req_field(r, FIELD_ID_NUMBER);
	s.phone = mc_req_field(r, FIELD_PHONE);
	s.email = mc_req_field(r, FIELD_EMAIL);
	s.address = mc_req_field(r, FIELD_ADDRESS);
	s.channel = CHANNEL_COUNTER;
	s.files = files;
	if (s.procedure_code == NULL)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.procedure", "1");
	if (s.name == NULL)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.name", "1");
	if (s.id_number == NULL)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.id_number", "1");
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
	if (bad)
		return counter_form(r, 422);
	/* The applicant's account, if they have one, owns the dossier. */
	if (mc_db_query(r->db, r->arena, &app, stmts[STMT_APPLICANT], "s",
	    s.id_number) < 0 ||
	    mc_db_query(r->db, r->arena, &ag, stmts[STMT_AGENCY], "i",
	    (long long)agency) < 0 || ag.n == 0)
		return 503;
	s.account_id = app.n == 1 ? mc_rows_int(&app, 0, 0) : 0;
	s.agency_code = mc_rows_str(&ag, 0, 0);
	s.form_json = content_json(r);
	rc = mc_dossier_counter(r->db, r->arena, r->user, &s, time(NULL),
	    &code);
	if (rc < 0)
		return 503;
	if (rc == DOSSIER_NO_PROCEDURE || rc == DOSSIER_NO_AGENCY) {
		mc_view_set(r->hdf, "Form.Errors.procedure", "1");
		return counter_form(r, 422);
	}
	if (rc != 0)
		return 409;
	return mc_resp_redirect(r, mc_arena_printf(r->arena,
	    "/can-bo/ho-so/%s?ok=1&receipt=1", code));
}

static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/tiep-nhan", page_counter, ROUTE_LOGIN,
	    ROLES(ROLE_RECEIVER) | ROLES(ROLE_LEADER) },
	{ METHOD_POST, "/can-bo/tiep-nhan", page_counter_post, ROUTE_LOGIN,
	    ROLES(ROLE_RECEIVER) | ROLES(ROLE_LEADER) },
};

const struct mc_module office_counter = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
