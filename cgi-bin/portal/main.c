/*
 * portal: the citizens' dynamic pages of the public service portal under
 * /dich-vu/: register, log in, search, file a dossier with attachments,
 * follow one's dossiers.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_account.h"
#include "mc_app.h"
#include "mc_arena.h"
#include "mc_calendar.h"
#include "mc_catalogue.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eform.h"
#include "mc_files.h"
#include "mc_notices.h"
#include "mc_oidc.h"
#include "mc_session.h"
#include "mc_util.h"
#include "mc_verify.h"
#include "mc_view.h"

#include "portal.h"

enum field {
	FIELD_CSRF,
	FIELD_LOGIN,
	FIELD_PASSWORD,
	FIELD_PASSWORD2,
	FIELD_NAME,
	FIELD_ID_NUMBER,
	FIELD_EMAIL,
	FIELD_PHONE,
	FIELD_ADDRESS,
	FIELD_AGENCY,
	FIELD_CONTENT,
	FIELD_FILE,
	FIELD_NEXT,
	FIELD_AGENCY_Q,
	FIELD_FILTER,
	FIELD_KEPT_FILE,
	FIELD_KEPT_NAME,
	FIELD_KEPT_MAC,
	FIELD_CODE,
	FIELD_STATE,
	FIELD_ERROR,
	FIELD_KIND,
	FIELD_ORG_NAME,
	FIELD_TAX_CODE,
	FIELD__MAX
};

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_LOGIN] = { "login", valid_line, 254, 0 },
	[FIELD_PASSWORD] = { "password", valid_line, 600, 0 },
	[FIELD_PASSWORD2] = { "password2", valid_line, 600, 0 },
	[FIELD_NAME] = { "name", valid_line, 200, 0 },
	[FIELD_ID_NUMBER] = { "id_number", valid_id_number, 12, 0 },
	[FIELD_EMAIL] = { "email", valid_email, 254, 0 },
	[FIELD_PHONE] = { "phone", valid_phone, 16, 0 },
	[FIELD_ADDRESS] = { "address", valid_line, 500, 0 },
	[FIELD_AGENCY] = { "agency", valid_code, 32, 0 },
	[FIELD_CONTENT] = { "content", valid_text, 4000, 0 },
	[FIELD_FILE] = { "file", valid_file, 10 << 20, 1 },
	[FIELD_NEXT] = { "next", portal_valid_next, 500, 0 },
	[FIELD_AGENCY_Q] = { "agency_q", valid_line, 200, 0 },
	[FIELD_FILTER] = { "filter", valid_uint, 1, 0 },
	[FIELD_KEPT_FILE] = { "kept_file", valid_line, 160, 0 },
	[FIELD_KEPT_NAME] = { "kept_name", valid_line, 255, 0 },
	[FIELD_KEPT_MAC] = { "kept_mac", valid_token, 64, 0 },
	[FIELD_CODE] = { "code", valid_line, 1024, 0 },
	[FIELD_STATE] = { "state", valid_token, 64, 0 },
	[FIELD_ERROR] = { "error", valid_line, 64, 0 },
	[FIELD_KIND] = { "kind", valid_code, 8, 0 },
	[FIELD_ORG_NAME] = { "org_name", valid_line, 255, 0 },
	[FIELD_TAX_CODE] = { "tax_code", valid_line, 14, 0 },
};
/* clang-format on */

int
portal_valid_next(const struct mc_param *p)
{
	const unsigned char *s;

	for (s = (const unsigned char *)p->value; *s != '\0'; s++)
		if (*s <= 0x20 || *s == 0x7f || *s == '\\')
			return 0; /* browsers drop tabs: "/\t/x" is "//x" */
	return valid_line(p) && p->value[0] == '/' && p->value[1] != '/';
}

int
portal_valid_applicant_id(const struct mc_param *p)
{
	return valid_id_number(p) ||
	    mc_account_tax_code(p->value) == TAX_CODE_OK;
}

/* Echoes the submitted values and marks invalid ones, for a re-shown form. */
static void
form_echo(struct mc_request *r, const int *which, size_t n)
{
	const struct mc_param *p;
	char		       name[64];
	size_t		       i;

	for (i = 0; i < n; i++) {
		p = r->fields[which[i]];
		snprintf(name, sizeof(name), "Form.%s", fields[which[i]].name);
		if (p != NULL && fields[which[i]].file == 0 &&
		    mc_utf8_valid(p->value, p->len))
			mc_view_set(r->hdf, name, p->value);
		if (mc_req_field_bad(r, which[i])) {
			snprintf(name, sizeof(name), "Form.Errors.%s",
			    fields[which[i]].name);
			mc_view_set(r->hdf, name, "1");
		}
	}
}

/* The login page's model: title, next, and the single sign-on button. */
static void
login_model(struct mc_request *r, const char *next)
{
	struct mc_oidc_conf c;

	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Login.Title"));
	mc_view_set(r->hdf, "Form.next", next);
	if (mc_oidc_conf(r->arena, &c)) {
		mc_view_set(r->hdf, "Data.Sso", "1");
		if (next != NULL)
			mc_view_set(r->hdf, "Data.SsoNext", next);
	}
}

static int
page_login(struct mc_request *r)
{
	login_model(r, mc_req_field(r, FIELD_NEXT));
	if (strcmp(r->query, "reset=1") == 0) { /* a password was reset */
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Reset.Done"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	return mc_resp_page(r, "portal/login.cs");
}

#define OIDC_COOKIE "mc_oidc"

/* The MAC of the flow cookie's content, under the site secret. */
static void
oidc_mac(const char *msg, char out[65])
{
	const char   *secret = mc_config_get("secret", "");
	unsigned char mac[32];
	const char   *m = msg;
	char	      buf[2048];

	snprintf(buf, sizeof(buf), "oidc-flow\n%s", m);
	mc_hmac_sha256(mac, secret, strlen(secret), buf, strlen(buf));
	mc_hex(out, mac, sizeof(mac));
}

/*
 * Single sign-on, step 1: a new state, nonce and PKCE verifier kept in a
 * signed cookie (ten minutes), then off to the provider.
 */
static int
page_sso(struct mc_request *r)
{
	struct mc_oidc_conf c;
	struct mc_oidc_flow f;
	const char	   *url, *next = mc_req_field(r, FIELD_NEXT), *msg;
	char		   *hexnext, mac[65];

	if (!mc_oidc_conf(r->arena, &c))
		return 404;
	if (mc_req_field_bad(r, FIELD_NEXT))
		next = NULL;
	if (mc_oidc_begin(r->arena, &c, &f, &url) < 0)
		return 503;
	hexnext = mc_arena_alloc(r->arena, 2 * (next ? strlen(next) : 0) + 1);
	mc_hex(hexnext, next ? next : "", next ? strlen(next) : 0);
	msg = mc_arena_printf(r->arena, "%s.%s.%s.%s", f.state, f.nonce,
	    f.verifier, hexnext);
	oidc_mac(msg, mac);
	mc_resp_cookie(r, OIDC_COOKIE,
	    mc_arena_printf(r->arena, "%s.%s", msg, mac), 600);
	mc_resp_header(r, "Location", url); /* the provider: not local */
	r->rendered = 1;
	return r->status = 303;
}

/* The login page again with the single sign-on's failure said. */
static int
sso_failed(struct mc_request *r, int status)
{
	login_model(r, NULL);
	mc_view_set(r->hdf, "Form.Errors.sso", "1");
	r->status = status;
	return mc_resp_page(r, "portal/login.cs") == 200 ? status : 500;
}

/*
 * The flow kept in the cookie, checked against its MAC and the state the
 * provider sent back: 1 and *f, *next; 0 if it does not check out.
 */
static int
sso_flow(struct mc_request *r, struct mc_oidc_flow *f, const char **next)
{
	const char *c = mc_req_cookie(r, OIDC_COOKIE);
	const char *state = mc_req_field(r, FIELD_STATE), *dot;
	char	    want[65], *msg, *nx;
	size_t	    n, hl;

	if (c == NULL || state == NULL || strlen(state) != 64 ||
	    (dot = strrchr(c, '.')) == NULL || strlen(dot + 1) != 64)
		return 0;
	n = (size_t)(dot - c);
	msg = mc_arena_strndup(r->arena, c, n);
	oidc_mac(msg, want);
	if (!mc_ct_equal(want, dot + 1, 64) || n < 3 * 65 || msg[64] != '.' ||
	    msg[129] != '.' || msg[194] != '.')
		return 0;
	memcpy(f->state, msg, 64);
	f->state[64] = '\0';
	memcpy(f->nonce, msg + 65, 64);
	f->nonce[64] = '\0';
	memcpy(f->verifier, msg + 130, 64);
	f->verifier[64] = '\0';
	if (!mc_ct_equal(f->state, state, 64))
		return 0;
	hl = strlen(msg + 195);
	nx = mc_arena_alloc(r->arena, hl / 2 + 1);
	if (hl % 2 != 0 || mc_unhex(nx, msg + 195, hl / 2) < 0)
		return 0;
	nx[hl / 2] = '\0';
	*next = *nx == '/' && nx[1] != '/' && nx[1] != '\\' ? nx : NULL;
	return 1;
}

/*
 * Single sign-on, step 2: the provider sends the browser back with a code
 * and the state; the code is exchanged, the id_token checked, the account
 * found, linked or made, and a session begins.
 */
static int
page_sso_callback(struct mc_request *r)
{
	struct mc_oidc_conf   c;
	struct mc_oidc_flow   f;
	struct mc_oidc_claims cl;
	const char	     *code = mc_req_field(r, FIELD_CODE), *next;
	long long	      id;
	int		      rc;

	if (!mc_oidc_conf(r->arena, &c))
		return 404;
	rc = sso_flow(r, &f, &next);
	mc_resp_cookie(r, OIDC_COOKIE, "", 0); /* used once */
	if (rc == 0 || code == NULL || mc_req_field(r, FIELD_ERROR) != NULL)
		return sso_failed(r, 400);
	if ((rc = mc_oidc_finish(r->arena, &c, code, &f, time(NULL), &cl)) < 0)
		return 503;
	if (rc != 0)
		return sso_failed(r, 400);
	if (mc_oidc_account(r->db, r->arena, c.issuer, &cl, time(NULL), &id) <
	    0)
		return 503;
	if ((rc = portal_mfa_start(r, id, next)) != 0) /* an officer's code */
		return rc < 0 ? 503 : rc;
	/* The session last: a 503 after it began would leave the browser
	 * logged in behind an error page. */
	if (mc_auth_load_account(r, id) < 0 ||
	    mc_auth_session_start(r, id) < 0)
		return 503;
	if (next == NULL)
		next = (r->user != NULL && (r->user->roles & ROLES_OFFICER)) ?
		    "/can-bo/" :
		    "/dich-vu/ho-so";
	return mc_resp_redirect(r, next);
}

static int
page_login_post(struct mc_request *r)
{
	const char *login = mc_req_field(r, FIELD_LOGIN);
	const char *pw = mc_req_field(r, FIELD_PASSWORD);
	const char *next = mc_req_field(r, FIELD_NEXT);
	long long   id;
	long	    wait = 0;
	int	    ok = 0, status;

	if (login != NULL && pw != NULL &&
	    (ok = mc_auth_check_login(r, login, pw, &id, &wait)) < 0)
		return 503;
	if (ok == 0 || ok == 2) {
		login_model(r, next);
		mc_view_set(r->hdf, "Form.login", login);
		if (ok == 2) {
			/* Too many failures: how long to wait, in minutes. */
			mc_view_set_int(r->hdf, "Form.WaitMinutes",
			    (wait + 59) / 60);
			mc_resp_header(r, "Retry-After",
			    mc_arena_printf(r->arena, "%ld", wait));
		} else
			mc_view_set(r->hdf, "Form.Errors.login", "1");
		status = ok == 2 ? 429 : 422;
		r->status = status;
		return mc_resp_page(r, "portal/login.cs") == 200 ? status :
								   500;
	}
	if ((ok = portal_mfa_start(r, id, next)) != 0) /* an officer's code */
		return ok < 0 ? 503 : ok;
	/* The session last: a 503 after it began would leave the browser
	 * logged in behind an error page. */
	if (mc_auth_load_account(r, id) < 0 ||
	    mc_auth_session_start(r, id) < 0)
		return 503;
	if (next == NULL)
		next = r->user == NULL ? "/dich-vu/ho-so" :
		    (r->user->roles & ROLES_OFFICER) ?
					 "/can-bo/" :
		    (r->user->roles & ROLES(ROLE_EVALUATOR)) ?
					 "/can-bo/danh-gia/bang-hoi" :
		    (r->user->roles & ROLES(ROLE_WEBMASTER)) ?
					 "/can-bo/quan-tri-trang/" :
					 "/dich-vu/ho-so";
	return mc_resp_redirect(r, next);
}

static int
page_logout(struct mc_request *r)
{
	if (mc_auth_session_end(r) < 0)
		return 503;
	return mc_resp_redirect(r, "/");
}

static int
page_register(struct mc_request *r)
{
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Register.Title"));
	return mc_resp_page(r, "portal/register.cs");
}

/*
 * An organisation's own fields of the registration form (the kind "org"):
 * its name and tax code, the error of each into Form.Errors (the tax
 * code's: "format" or "check", told apart). 1 if both are good.
 */
static int
register_org_ok(struct mc_request *r, const char *org, const char *tax)
{
	enum mc_tax_code tc = mc_account_tax_code(tax);
	int		 ok = 1;

	if (org == NULL || mc_utf8_chars(org) < 2)
		ok = 0, mc_view_set(r->hdf, "Form.Errors.org_name", "1");
	if (tc != TAX_CODE_OK)
		ok = 0,
		mc_view_set(r->hdf, "Form.Errors.tax_code",
		    tc == TAX_CODE_CHECK_DIGIT ? "check" : "format");
	return ok;
}

static int
page_register_post(struct mc_request *r)
{
	static const int   echo[] = { FIELD_NAME, FIELD_ID_NUMBER, FIELD_EMAIL,
		  FIELD_PHONE, FIELD_PASSWORD, FIELD_ORG_NAME, FIELD_TAX_CODE };
	const char	  *name = mc_req_field(r, FIELD_NAME);
	const char	  *idn = mc_req_field(r, FIELD_ID_NUMBER);
	const char	  *email = mc_req_field(r, FIELD_EMAIL);
	const char	  *phone = mc_req_field(r, FIELD_PHONE);
	const char	  *pw = mc_req_field(r, FIELD_PASSWORD);
	const char	  *pw2 = mc_req_field(r, FIELD_PASSWORD2);
	const char	  *kind = mc_req_field(r, FIELD_KIND);
	const char	  *org = mc_req_field(r, FIELD_ORG_NAME);
	const char	  *tax = mc_req_field(r, FIELD_TAX_CODE);
	const char	  *own[] = { name, idn, email, phone, org, tax };
	struct mc_register reg;
	long long	   id;
	int		   bad = 0, ok, is_org;

	is_org = kind != NULL && strcmp(kind, "org") == 0;
	if (!is_org)
		org = tax = own[4] = own[5] = NULL;
	form_echo(r, echo, sizeof(echo) / sizeof(echo[0]));
	mc_view_set(r->hdf, "Form.password", NULL);
	mc_view_set(r->hdf, "Form.kind", is_org ? "org" : "person");
	/* The errors of the form's own fields, not the echo's "1". */
	mc_view_set(r->hdf, "Form.Errors.org_name", NULL);
	mc_view_set(r->hdf, "Form.Errors.tax_code", NULL);
	if (is_org && !register_org_ok(r, org, tax))
		bad = 1;
	if (name == NULL || mc_utf8_chars(name) < 2)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.name", "1");
	if (idn == NULL)
		bad = 1, mc_view_set(r->hdf, "Form.Errors.id_number", "1");
	if (mc_req_field_bad(r, FIELD_EMAIL) ||
	    mc_req_field_bad(r, FIELD_PHONE))
		bad = 1;
	if ((ok = portal_password_check(r, pw,
		 mc_req_field_bad(r, FIELD_PASSWORD), pw2, NULL, own,
		 sizeof(own) / sizeof(own[0]))) < 0)
		return 503;
	if (ok == 0)
		bad = 1;
	if (!bad) {
		/* The e-mail and phone wait for their proof (account.c):
		 * nothing here tells whether another account has them. The
		 * account is whole or absent (a retry after a 503 works);
		 * the session begins once it is committed. A tax code
		 * verified for another account is refused (as the counter's
		 * verified ID number: the field, nothing of the account). */
		reg = (struct mc_register){ .id_number = idn,
			.full_name = name,
			.org_name = org,
			.tax_code = tax,
			.password = pw,
			.email = email,
			.phone = phone };
		if ((ok = portal_register(r, &reg, &id)) < 0)
			return 503;
		if (ok == VERIFY_E_TAKEN)
			bad = 1,
			mc_view_set(r->hdf, "Form.Errors.tax_code", "taken");
		else if (mc_auth_session_start(r, id) < 0)
			return 503;
	}
	if (bad) {
		mc_view_set(r->hdf, "Page.Title",
		    mc_view_str(r->hdf, "Register.Title"));
		return mc_resp_page(r, "portal/register.cs") == 200 ? 422 :
								      500;
	}
	return mc_resp_redirect(r, "/dich-vu/ho-so");
}

static int
page_dossiers(struct mc_request *r)
{
	struct mc_rows rows;

	if (mc_dossier_list_mine(r->db, r->arena, r->user->id, 100, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Dossiers", &rows);
	if (mc_eform_draft_list(r->db, r->arena, r->user->id, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Drafts", &rows);
	if (portal_contacts_note(r) < 0)
		return 503;
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Dossiers.Title"));
	return mc_resp_page(r, "portal/dossiers.cs");
}

static int
page_home(struct mc_request *r)
{
	return mc_resp_redirect(r,
	    r->user ? "/dich-vu/ho-so" : "/dich-vu/dang-nhap");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/dich-vu/", page_home, 0, 0 },
	{ METHOD_GET, "/dich-vu/dang-nhap", page_login, 0, 0 },
	{ METHOD_POST, "/dich-vu/dang-nhap", page_login_post, ROUTE_VISITOR_FORM,
	    0 },
	{ METHOD_GET, "/dich-vu/dang-nhap/sso", page_sso, 0, 0 },
	{ METHOD_GET, "/dich-vu/dang-nhap/sso/callback", page_sso_callback, 0,
	    0 },
	{ METHOD_POST, "/dich-vu/dang-xuat", page_logout, 0, 0 },
	{ METHOD_GET, "/dich-vu/dang-ky", page_register, 0, 0 },
	{ METHOD_POST, "/dich-vu/dang-ky", page_register_post, 0, 0 },
	{ METHOD_GET, "/dich-vu/ho-so", page_dossiers, ROUTE_LOGIN, 0 },
};
/* clang-format on */

/*
 * Before each handler: days off and make-up days reread when changed (at
 * most a query a minute; on failure the table already loaded stays), and the
 * layout's notification count.
 */
static void
portal_before(struct mc_request *r)
{
	mc_calendar_load(r->db);
	mc_notices_layout(r);
}

static int
portal_init(void)
{
	return mc_files_init();
}

int
main(int argc, char *argv[])
{
	static const struct mc_app app = {
		.name = "portal",
		.routes = routes,
		.nroutes = sizeof(routes) / sizeof(routes[0]),
		.fields = fields,
		.nfields = FIELD__MAX,
		.init = portal_init,
		.login_path = "/dich-vu/dang-nhap",
		.before = portal_before,
		.modules = { &portal_search, &portal_dossier,
		    &portal_notifications, &portal_eval, &portal_assistant,
		    &portal_account, &portal_mfa, &portal_filing,
		    &portal_feedback, &portal_wallet },
	};

	return mc_app_run(&app, argc, argv);
}
