/*
 * The session of a request: the cookie or bearer token turned into r->user
 * (through lib/domain/mc_auth), login and logout, CSRF tokens bound to the
 * session or to an anonymous cookie.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_http.h"
#include "mc_session.h"
#include "mc_throttle.h"
#include "mc_totp.h"
#include "mc_util.h"

/* The larger of two waits; -1 if either is. */
static long
wait_max(long a, long b)
{
	if (a < 0 || b < 0)
		return -1;
	return a > b ? a : b;
}

int
mc_auth_check_login(struct mc_request *r, const char *login,
    const char *password, long long *id, long *wait)
{
	const char     *addr = r->remote_addr;
	struct mc_audit fail = { AUDIT_LOGIN_FAILED, 0, 0, NULL, NULL };
	time_t		now = time(NULL);
	int		ok;

	*wait = wait_max(
	    mc_throttle_wait(r->db, r->arena, THROTTLE_LOGIN, login, now),
	    mc_throttle_wait(r->db, r->arena, THROTTLE_LOGIN_ADDR, addr, now));
	if (*wait != 0)
		return *wait < 0 ? -1 : 2;
	if ((ok = mc_auth_login(r->db, r->arena, login, password, id)) == 1)
		return mc_throttle_clear(r->db, THROTTLE_LOGIN, login) < 0 ?
		    -1 :
		    1;
	if (ok < 0)
		return -1;
	fail.subject = login;
	fail.address = addr;
	if (mc_audit_log(r->db, &fail) < 0)
		return -1;
	*wait = wait_max(
	    mc_throttle_fail(r->db, r->arena, THROTTLE_LOGIN, login, now),
	    mc_throttle_fail(r->db, r->arena, THROTTLE_LOGIN_ADDR, addr, now));
	if (*wait != 0)
		return *wait < 0 ? -1 : 2;
	return 0;
}

struct session_tx {
	struct mc_request *r;
	long long	   id;	      /* the account */
	const char	  *drop;      /* the token ended, or NULL */
	char		   token[65]; /* the new one (start) */
};

/*
 * A login: the session this browser had before ends, the new one begins,
 * and the audit log says so, in one transaction.
 */
static int
start_tx(struct mc_db *db, void *arg)
{
	struct session_tx *t = arg;
	struct mc_audit	   au = { AUDIT_LOGIN, t->id, 0, NULL,
		   t->r->remote_addr };

	if (t->drop != NULL && mc_auth_session_drop(db, t->drop) < 0)
		return -1;
	if (mc_auth_session_open(db, t->id, t->r->user_agent,
		t->r->remote_addr, NULL, t->token) < 0)
		return -1;
	return mc_audit_write(db, &au);
}

int
mc_auth_session_start(struct mc_request *r, long long account_id)
{
	struct session_tx t = { r, account_id, r->session_token, "" };

	/* A new login ends the session this browser had before. */
	if (mc_db_tx(r->db, start_tx, &t) != 0)
		return -1;
	r->session_token = mc_arena_strdup(r->arena, t.token);
	mc_resp_cookie(r, MC_SESSION_COOKIE, t.token,
	    MC_SESSION_HOURS * 3600L);
	return 0;
}

/* A logout: the session ends and the audit log says so. */
static int
end_tx(struct mc_db *db, void *arg)
{
	struct session_tx *t = arg;
	struct mc_audit	   au = { AUDIT_LOGOUT, t->id, 0, NULL,
		   t->r->remote_addr };

	if (mc_auth_session_drop(db, t->drop) < 0)
		return -1;
	return t->id > 0 ? mc_audit_write(db, &au) : 0;
}

int
mc_auth_session_end(struct mc_request *r)
{
	struct session_tx t = { r, r->user != NULL ? r->user->id : 0,
		r->session_token, "" };

	mc_resp_cookie(r, MC_SESSION_COOKIE, "", 0);
	if (t.drop == NULL)
		return 0;
	r->session_token = NULL;
	r->user = NULL;
	return mc_db_tx(r->db, end_tx, &t) != 0 ? -1 : 0;
}

int
mc_auth_load_account(struct mc_request *r, long long id)
{
	struct mc_user *u;
	int		rc;

	if ((rc = mc_auth_account_load(r->db, r->arena, id, &u)) == 1)
		r->user = u;
	return rc;
}

int
mc_auth_load(struct mc_request *r)
{
	const char *tok;
	long long   id;
	int	    bearer = 0, rc;

	if (r->user != NULL)
		return 1;
	if (r->api) {
		/*
		 * The API reads a bearer token only, never the session
		 * cookie: a browser sends that cookie with any same-site
		 * form, and the API has no CSRF token to check.
		 */
		if (r->authorization == NULL ||
		    strncmp(r->authorization, "Bearer ", 7) != 0 ||
		    (tok = mc_auth_token_shape(r->authorization + 7)) == NULL)
			return 0;
		bearer = 1;
		r->via_token = 1;
	} else {
		if ((tok = mc_auth_token_shape(
			 mc_req_cookie(r, MC_SESSION_COOKIE))) == NULL)
			return 0;
		r->session_token = tok;
	}
	if ((rc = mc_auth_token_owner(r->db, r->arena, bearer, tok, &id)) < 0)
		return -1;
	if (rc == 0) {
		r->via_token = 0;
		r->session_token = NULL;
		return 0;
	}
	if ((rc = mc_auth_load_account(r, id)) != 1 || bearer)
		return rc;
	if ((r->user->roles & ROLES_STAFF) &&
	    (r->mfa_missing = mc_totp_missing(r->db, r->arena, r->user)) < 0)
		return -1;
	return 1;
}

/* HMAC of the visitor's cookie under the site secret, as 64 hex digits. */
static void
csrf_for(const char *cookie, char out[65])
{
	const char   *secret = mc_config_get("secret", "");
	unsigned char mac[32];
	char	      msg[80];

	snprintf(msg, sizeof(msg), "csrf:%s", cookie);
	mc_hmac_sha256(mac, secret, strlen(secret), msg, strlen(msg));
	mc_hex(out, mac, sizeof(mac));
}

/* The cookie CSRF tokens are bound to: the session's, else an anonymous one. */
static const char *
csrf_cookie(struct mc_request *r, int create)
{
	unsigned char raw[32];
	char	     *anon;
	const char   *c;

	if (r->session_token != NULL)
		return r->session_token;
	if ((c = mc_auth_token_shape(mc_req_cookie(r, MC_ANON_COOKIE))) !=
	    NULL)
		return c;
	if (!create)
		return NULL;
	anon = mc_arena_alloc(r->arena, 65);
	if (mc_random(raw, sizeof(raw)) < 0)
		return NULL;
	mc_hex(anon, raw, sizeof(raw));
	mc_resp_cookie(r, MC_ANON_COOKIE, anon, 30L * 86400);
	/* Later calls in this request must see the same cookie. */
	r->cookie = mc_arena_printf(r->arena, "%s=%s", MC_ANON_COOKIE, anon);
	return anon;
}

const char *
mc_auth_csrf(struct mc_request *r)
{
	const char *c = csrf_cookie(r, 1);
	char	   *tok;

	if (c == NULL)
		return "";
	tok = mc_arena_alloc(r->arena, 65);
	csrf_for(c, tok);
	return tok;
}

/*
 * A form's token is good if it is bound to this browser's session, or, with
 * no session, to its anonymous cookie: a login changes the tokens. A
 * visitor's form (the login) takes the anonymous one even once a session
 * began, so a login form opened in another tab, or a login retried after a
 * 503 that came after its session began, still logs in.
 */
int
mc_auth_csrf_ok(struct mc_request *r, const char *token, int visitor_form)
{
	const char *anon = mc_auth_token_shape(
	    mc_req_cookie(r, MC_ANON_COOKIE));
	char want[65];

	if (token == NULL || strlen(token) != 64)
		return 0;
	if (r->session_token != NULL) {
		csrf_for(r->session_token, want);
		if (mc_ct_equal(want, token, 64))
			return 1;
		if (!visitor_form)
			return 0;
	}
	if (anon == NULL)
		return 0;
	csrf_for(anon, want);
	return mc_ct_equal(want, token, 64);
}
