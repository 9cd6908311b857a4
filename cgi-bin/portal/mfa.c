/*
 * Officers' second factor in the portal (lib/domain/mc_totp): the code
 * asked after the password (or single sign-on) of an account that has an
 * authenticator, with the account kept meanwhile in a signed five-minute
 * cookie; enrolling an authenticator from a QR code and a first code, with
 * recovery codes shown once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <qrencode.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_session.h"
#include "mc_throttle.h"
#include "mc_totp.h"
#include "mc_util.h"
#include "mc_view.h"

#include "portal.h"

#define CODE_PATH   "/dich-vu/dang-nhap/ma-xac-thuc"
#define MFA_COOKIE  "mc_mfa"
#define MFA_SECONDS 300

enum field { FIELD_CSRF, FIELD_CODE, FIELD_NEXT, FIELD__MAX };

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_CODE] = { "code", valid_line, 32, 0 },
	[FIELD_NEXT] = { "next", portal_valid_next, 500, 0 },
};
/* clang-format on */

/* The MAC of the pending login's cookie content, under the site secret. */
static void
mfa_mac(const char *msg, char out[65])
{
	const char   *secret = mc_config_get("secret", "");
	unsigned char mac[32];
	char	      buf[1200];

	snprintf(buf, sizeof(buf), "mfa-pending\n%s", msg);
	mc_hmac_sha256(mac, secret, strlen(secret), buf, strlen(buf));
	mc_hex(out, mac, sizeof(mac));
}

int
portal_mfa_start(struct mc_request *r, long long id, const char *next)
{
	struct mc_user	  *u;
	enum mc_totp_state st;
	const char	  *msg;
	char		  *hexnext, mac[65];
	int		   must, rc;

	if ((rc = mc_auth_account_load(r->db, r->arena, id, &u)) <= 0)
		return rc < 0 ? -1 : 0;
	if (mc_totp_status(r->db, r->arena, u, &st, &must) < 0)
		return -1;
	if (st != TOTP_ON)
		return 0;
	if (next == NULL)
		next = "";
	hexnext = mc_arena_alloc(r->arena, 2 * strlen(next) + 1);
	mc_hex(hexnext, next, strlen(next));
	msg = mc_arena_printf(r->arena, "%lld.%lld.%s", id,
	    (long long)time(NULL) + MFA_SECONDS, hexnext);
	mfa_mac(msg, mac);
	mc_resp_cookie(r, MFA_COOKIE,
	    mc_arena_printf(r->arena, "%s.%s", msg, mac), MFA_SECONDS);
	return mc_resp_redirect(r, CODE_PATH);
}

/*
 * The pending login of the cookie, checked against its MAC and its time:
 * 1 with *id and *next (NULL: none), 0 if none or no longer good.
 */
static int
pending(struct mc_request *r, long long *id, const char **next)
{
	const char *c = mc_req_cookie(r, MFA_COOKIE), *dot;
	char	    want[65], *msg, *p, *end, *nx;
	long long   until;
	size_t	    hl;

	if (c == NULL || (dot = strrchr(c, '.')) == NULL ||
	    strlen(dot + 1) != 64)
		return 0;
	msg = mc_arena_strndup(r->arena, c, (size_t)(dot - c));
	mfa_mac(msg, want);
	if (!mc_ct_equal(want, dot + 1, 64))
		return 0;
	*id = strtoll(msg, &end, 10);
	if (*end != '.' || *id <= 0)
		return 0;
	until = strtoll(end + 1, &p, 10);
	if (*p != '.' || until < (long long)time(NULL))
		return 0;
	hl = strlen(p + 1);
	nx = mc_arena_alloc(r->arena, hl / 2 + 1);
	if (hl % 2 != 0 || mc_unhex(nx, p + 1, hl / 2) < 0)
		return 0;
	nx[hl / 2] = '\0';
	*next = *nx == '/' && nx[1] != '/' && nx[1] != '\\' ? nx : NULL;
	return 1;
}

static int
code_page(struct mc_request *r, int status)
{
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Mfa.Title"));
	r->status = status;
	return mc_resp_page(r, "portal/mfa_code.cs") == 200 ? status : 500;
}

static int
page_code(struct mc_request *r)
{
	const char *next;
	long long   id;

	if (!pending(r, &id, &next))
		return mc_resp_redirect(r, "/dich-vu/dang-nhap");
	return code_page(r, 200);
}

static int
page_code_post(struct mc_request *r)
{
	const char *next, *code = mc_req_field(r, FIELD_CODE), *key;
	long long   id;
	long	    wait;
	int	    ok, recovery;

	if (!pending(r, &id, &next)) {
		mc_view_set(r->hdf, "Form.Errors.expired", "1");
		return code_page(r, 400);
	}
	key = mc_arena_printf(r->arena, "totp:%lld", id);
	if ((wait = mc_throttle_wait(r->db, r->arena, THROTTLE_LOGIN, key,
		 time(NULL))) < 0)
		return 503;
	if (wait > 0) {
		mc_view_set_int(r->hdf, "Form.WaitMinutes", (wait + 59) / 60);
		mc_resp_header(r, "Retry-After",
		    mc_arena_printf(r->arena, "%ld", wait));
		return code_page(r, 429);
	}
	if ((ok = mc_totp_check(r->db, r->arena, id, code, time(NULL),
		 &recovery)) < 0)
		return 503;
	if (ok == 0) {
		if ((wait = mc_throttle_fail(r->db, r->arena, THROTTLE_LOGIN,
			 key, time(NULL))) < 0)
			return 503;
		mc_view_set(r->hdf, "Form.Errors.code", "1");
		return code_page(r, wait > 0 ? 429 : 422);
	}
	if (mc_throttle_clear(r->db, THROTTLE_LOGIN, key) < 0 ||
	    mc_auth_load_account(r, id) < 0 ||
	    mc_auth_session_start(r, id) < 0)
		return 503;
	mc_resp_cookie(r, MFA_COOKIE, "", 0);
	if (recovery)
		next = mc_arena_printf(r->arena, "%s?recovery=1",
		    MC_TOTP_ENROL_PATH);
	if (next == NULL)
		next = (r->user != NULL && (r->user->roles & ROLES_OFFICER)) ?
		    "/can-bo/" :
		    "/dich-vu/ho-so";
	return mc_resp_redirect(r, next);
}

/* The QR code of text as an SVG document into out; 0 or -1. */
static int
qr_svg(struct buf *out, const char *text)
{
	QRcode *q;
	int	x, y, w, m = 4;

	q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (q == NULL)
		return -1;
	w = q->width;
	mc_buf_addf(out,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path d=\"",
	    w + 2 * m, w + 2 * m, (w + 2 * m) * 6, (w + 2 * m) * 6, w + 2 * m,
	    w + 2 * m);
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x++)
			if (q->data[y * w + x] & 1)
				mc_buf_addf(out, "M%d %dh1v1h-1z", x + m,
				    y + m);
	mc_buf_addf(out, "\" fill=\"#000\"/></svg>\n");
	QRcode_free(q);
	return 0;
}

/* The account's label in the authenticator app: e-mail, else ID number. */
static const char *
label_of(const struct mc_user *u)
{
	return u->email != NULL	 ? u->email :
	    u->id_number != NULL ? u->id_number :
				   "account";
}

/* The enrolment page's model: state, secret, recovery codes left, next. */
static int
enrol_model(struct mc_request *r, const char *next)
{
	enum mc_totp_state st;
	const char	  *b32;
	long long	   left;
	int		   must;

	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Mfa.Title"));
	mc_view_set(r->hdf, "Page.Nav", "account");
	if (next != NULL)
		mc_view_set(r->hdf, "Form.next", next);
	if (mc_totp_status(r->db, r->arena, r->user, &st, &must) < 0)
		return -1;
	if (must)
		mc_view_set(r->hdf, "Data.Must", "1");
	if (st == TOTP_ON) {
		if ((left = mc_totp_recovery_left(r->db, r->arena,
			 r->user->id)) < 0)
			return -1;
		mc_view_set(r->hdf, "Data.On", "1");
		mc_view_set_int(r->hdf, "Data.RecoveryLeft", left);
		return 0;
	}
	if (mc_totp_begin(r->db, r->arena, r->user->id, &b32) < 0 ||
	    b32 == NULL)
		return -1;
	mc_view_set(r->hdf, "Data.Secret", b32);
	return 0;
}

static int
page_enrol(struct mc_request *r)
{
	if (enrol_model(r, mc_req_field(r, FIELD_NEXT)) < 0)
		return 503;
	if (strcmp(r->query, "recovery=1") == 0) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Mfa.RecoveryUsed"));
		mc_view_set(r->hdf, "Page.FlashKind", "error");
	}
	return mc_resp_page(r, "portal/mfa_enrol.cs");
}

static int
page_enrol_qr(struct mc_request *r)
{
	const char *b32;

	if (mc_totp_begin(r->db, r->arena, r->user->id, &b32) < 0)
		return 503;
	if (b32 == NULL)
		return 404; /* enrolled: the secret is never shown again */
	if (qr_svg(&r->out, mc_totp_uri(r->arena, label_of(r->user), b32)) < 0)
		return 503;
	mc_resp_header(r, "Content-Type", "image/svg+xml");
	r->rendered = 1;
	return 200;
}

static int
page_enrol_post(struct mc_request *r)
{
	char	    codes[MC_TOTP_RECOVERY][MC_TOTP_RECOVERY_SIZE];
	const char *next = mc_req_field(r, FIELD_NEXT);
	int	    ok, i;

	if ((ok = mc_totp_confirm(r->db, r->arena, r->user->id,
		 mc_req_field(r, FIELD_CODE), time(NULL), r->session_token,
		 codes)) < 0)
		return 503;
	if (ok == 0) {
		if (enrol_model(r, next) < 0)
			return 503;
		mc_view_set(r->hdf, "Form.Errors.code", "1");
		r->status = 422;
		return mc_resp_page(r, "portal/mfa_enrol.cs") == 200 ? 422 :
								       500;
	}
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Mfa.Title"));
	for (i = 0; i < MC_TOTP_RECOVERY; i++)
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Codes.%d", i), codes[i]);
	mc_view_set(r->hdf, "Data.Next",
	    next != NULL			 ? next :
		(r->user->roles & ROLES_OFFICER) ? "/can-bo/" :
						   "/dich-vu/tai-khoan");
	return mc_resp_page(r, "portal/mfa_codes.cs");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, CODE_PATH, page_code, 0, 0 },
	{ METHOD_POST, CODE_PATH, page_code_post, 0, 0 },
	{ METHOD_GET, MC_TOTP_ENROL_PATH, page_enrol, ROUTE_LOGIN, 0 },
	{ METHOD_POST, MC_TOTP_ENROL_PATH, page_enrol_post, ROUTE_LOGIN, 0 },
	{ METHOD_GET, MC_TOTP_ENROL_PATH "/qr.svg", page_enrol_qr, ROUTE_LOGIN,
	    0 },
};
/* clang-format on */

/* clang-format off */
const struct mc_module portal_mfa = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
