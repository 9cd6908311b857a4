/*
 * Accounts and who may do what: Argon2id password hashes, sessions (a random
 * cookie whose SHA-256 alone is stored), CSRF tokens bound to the session,
 * bearer tokens for the API, and role and agency checks.
 */
#ifndef MC_AUTH_H
#define MC_AUTH_H

#include <stddef.h>

#include "mc_http.h"

#define MC_SESSION_COOKIE	"mc_session"
#define MC_ANON_COOKIE		"mc_anon"
#define MC_PASSWORD_MIN		8

/* Argon2id hash of a password in encoded form into out; 0 or -1. */
int	mc_auth_hash_password(const char *password, char *out, size_t outsz);

/* 1 if the password matches the encoded hash, 0 if not, -1 on error. */
int	mc_auth_verify_password(const char *encoded, const char *password);

/*
 * Checks a login (e-mail or ID number) and password; on success returns 1
 * and the account id. 0 for a wrong login or password, -1 on error. Takes
 * the same time for unknown accounts.
 */
int	mc_auth_check_login(struct mc_request *, const char *login,
	    const char *password, long long *id);

/* Opens a session for the account and sets its cookie; 0 or -1. */
int	mc_auth_session_start(struct mc_request *, long long account_id);

/* Ends the current session and clears the cookie; 0 or -1. */
int	mc_auth_session_end(struct mc_request *);

/*
 * Loads r->user from the session cookie or (API) the bearer token.
 * 1 found, 0 none, -1 error.
 */
int	mc_auth_load(struct mc_request *);

/* Loads an account with its roles into r->user; 1, 0 none, -1 error. */
int	mc_auth_load_account(struct mc_request *, long long id);

/*
 * The CSRF token for forms of this visitor (bound to the session, or to an
 * anonymous cookie it sets); never NULL.
 */
const char *mc_auth_csrf(struct mc_request *);

/* 1 if the token is this visitor's CSRF token, 0 if not. */
int	mc_auth_csrf_ok(struct mc_request *, const char *token);

/* 1 if the user holds the role (at any agency). */
int	mc_auth_has_role(const struct mc_user *, enum mc_role);

/* 1 if the user holds one of the roles (bits) at the agency. */
int	mc_auth_acts_for(const struct mc_user *, unsigned int roles,
	    unsigned int agency_id);

/* Creates an API token for an account; writes the 64-hex token; 0 or -1. */
int	mc_auth_token_create(struct mc_db *, long long account_id, int days,
	    char token[65]);

/* Creates an account (fields may be NULL); returns its id or -1. */
long long mc_auth_account_create(struct mc_db *, const char *email,
	    const char *id_number, const char *full_name, const char *phone,
	    const char *password);

/* Grants a role at an agency (0 for citizens); 0 or -1. */
int	mc_auth_grant(struct mc_db *, long long account_id, enum mc_role,
	    unsigned int agency_id);

/* The role's name in the schema ("citizen", "receiver", ...) and back. */
const char *mc_auth_role_name(enum mc_role);
int	mc_auth_role_parse(const char *);	/* -1 if unknown */

#endif
