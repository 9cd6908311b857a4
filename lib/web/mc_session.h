/*
 * The session of a request: its cookie (or, for the API, its bearer token)
 * turned into r->user, login and logout, and CSRF tokens for forms. The
 * rules (passwords, tokens, accounts, roles) are lib/domain/mc_auth.h's;
 * these functions kept their mc_auth_ names when they moved here.
 */
#ifndef MC_SESSION_H
#define MC_SESSION_H

#include "mc_auth.h"
#include "mc_http.h"

#define MC_SESSION_COOKIE "mc_session"
#define MC_ANON_COOKIE	  "mc_anon"
/* Where an officer who must use a second factor and has none enrols. */
#define MC_TOTP_ENROL_PATH "/dich-vu/tai-khoan/xac-thuc-hai-buoc"

/*
 * Checks a login (e-mail or ID number) and password, throttled per login
 * and per address (mc_throttle): 1 and the account id; 0 for a wrong login
 * or password; 2 when that login or address failed too often (nothing
 * checked, or this failure reached the limit): *wait holds the seconds to
 * wait; -1 on error. Takes the same time for unknown accounts.
 */
int mc_auth_check_login(struct mc_request *, const char *login,
    const char *password, long long *id, long *wait);

/* Opens a session for the account and sets its cookie; 0 or -1. */
int mc_auth_session_start(struct mc_request *, long long account_id);

/* Ends the current session and clears the cookie; 0 or -1. */
int mc_auth_session_end(struct mc_request *);

/*
 * Loads r->user from the session cookie or (API) the bearer token.
 * 1 found, 0 none, -1 error. For a session (not a token) sets
 * r->mfa_missing when the user must use a second factor and has none
 * (lib/domain/mc_totp's policy).
 */
int mc_auth_load(struct mc_request *);

/* Loads an account with its roles into r->user; 1, 0 none, -1 error. */
int mc_auth_load_account(struct mc_request *, long long id);

/*
 * The CSRF token for forms of this visitor (bound to the session, or to an
 * anonymous cookie it sets); never NULL.
 */
const char *mc_auth_csrf(struct mc_request *);

/* 1 if the token is this visitor's CSRF token, 0 if not. */
int mc_auth_csrf_ok(struct mc_request *, const char *token, int visitor_form);

#endif
