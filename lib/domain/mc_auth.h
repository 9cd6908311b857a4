/*
 * Accounts and who may do what: Argon2id password hashes, sessions (a random
 * token whose SHA-256 alone is stored), bearer tokens for the API, and role
 * and agency checks. The cookies and CSRF tokens of a request are
 * lib/web/mc_session.h's.
 */
#ifndef MC_AUTH_H
#define MC_AUTH_H

#include <stddef.h>
#include <time.h>

#include "mc_account.h"

struct mc_arena;
struct mc_db;
struct mc_rows;

#define MC_PASSWORD_MIN	 8
#define MC_SESSION_HOURS 12

/* Argon2id hash of a password in encoded form into out; 0 or -1. */
int mc_auth_hash_password(const char *password, char *out, size_t outsz);

/* 1 if the password matches the encoded hash, 0 if not, -1 on error. */
int mc_auth_verify_password(const char *encoded, const char *password);

/*
 * Checks a login (e-mail or ID number) and password; on success returns 1
 * and the account id. 0 for a wrong login or password, -1 on error. Takes
 * the same time for unknown accounts.
 */
int mc_auth_login(struct mc_db *, struct mc_arena *, const char *login,
    const char *password, long long *id);

/* Opens a session of MC_SESSION_HOURS; writes its 64-hex token; 0 or -1. */
int mc_auth_session_new(struct mc_db *, long long account_id, char token[65]);

/*
 * mc_auth_session_new recording where it runs, for the user's list of
 * sessions: the browser's User-Agent (cut to 255 bytes), the address and
 * how it began ("password", "totp", "sso", "reset"); each may be NULL.
 */
int mc_auth_session_open(struct mc_db *, long long account_id,
    const char *user_agent, const char *address, const char *method,
    char token[65]);

/*
 * Minutes a session may stay unused before it ends (the config's
 * session_idle_minutes, default MC_SESSION_IDLE_MINUTES; 1 to 1440).
 */
#define MC_SESSION_IDLE_MINUTES 30
long mc_auth_session_idle(void);

/* What mc_auth_sessions lists, in its columns' order. */
enum mc_session_col {
	SESS_ID,      /* to end one by */
	SESS_CREATED, /* "YYYY-MM-DD HH:MM:SS" */
	SESS_SEEN,    /* last used, or the start */
	SESS_AGENT,   /* the User-Agent, or NULL */
	SESS_ADDRESS, /* or NULL */
	SESS_METHOD,  /* or NULL */
	SESS_CURRENT, /* "1" for the session of current_token */
	SESS__MAX
};

/*
 * The account's live sessions, the most recently used first, marking the
 * one of current_token (may be NULL). 0 or -1.
 */
int mc_auth_sessions(struct mc_db *, struct mc_arena *, long long account_id,
    const char *current_token, struct mc_rows *out);

/*
 * Ends one session of the account by its id: 1 ended, 0 none such (or
 * another's), -1 on error.
 */
int mc_auth_session_end_id(struct mc_db *, long long account_id,
    long long session_id);

/*
 * Ends every session of the account but the one of keep_token (NULL:
 * every one). Returns how many ended, or -1.
 */
long long mc_auth_sessions_end(struct mc_db *, long long account_id,
    const char *keep_token);

/* Ends the session of a token; 0 or -1. */
int mc_auth_session_drop(struct mc_db *, const char *token);

/* s if it has the shape of a token (64 lowercase hex digits), else NULL. */
const char *mc_auth_token_shape(const char *s);

/*
 * The rows of a link's statement sql (its parameters: the token's SHA-256,
 * then now as an SQL time) for a token sent by mail (password reset,
 * e-mail verification): 1 with rows, 0 for none or a token of the wrong
 * shape, -1 on error.
 */
int mc_auth_link_find(struct mc_db *, struct mc_arena *, const char *sql,
    const char *token, time_t now, struct mc_rows *);

/*
 * The account a live session token (bearer 0) or API token (bearer 1)
 * belongs to: 1 and *account_id, 0 unknown or expired, -1 on error. A
 * session unused for mc_auth_session_idle() minutes has expired; one in
 * use is marked used now (at most once a minute).
 */
int mc_auth_token_owner(struct mc_db *, struct mc_arena *, int bearer,
    const char *token, long long *account_id);

/*
 * Loads an enabled account with its roles into *out (in the arena);
 * 1, 0 none, -1 error.
 */
int mc_auth_account_load(struct mc_db *, struct mc_arena *, long long id,
    struct mc_user **out);

/* 1 if the user holds the role (at any agency). */
int mc_auth_has_role(const struct mc_user *, enum mc_role);

/* 1 if the user holds one of the roles (bits) at the agency. */
int mc_auth_acts_for(const struct mc_user *, unsigned int roles,
    unsigned int agency_id);

/* Creates an API token for an account; writes the 64-hex token; 0 or -1. */
int mc_auth_token_create(struct mc_db *, long long account_id, int days,
    char token[65]);

/* Creates an account (fields may be NULL); returns its id or -1. */
long long mc_auth_account_create(struct mc_db *, const char *email,
    const char *id_number, const char *full_name, const char *phone,
    const char *password);

/* Grants a role at an agency (0 for citizens); 0 or -1. */
int mc_auth_grant(struct mc_db *, long long account_id, enum mc_role,
    unsigned int agency_id);

/*
 * How an account's ID number came to be verified: single sign-on at level
 * of assurance 2, an officer who saw the card at the counter, or an
 * administrator who created the account.
 */
enum mc_id_proof { ID_PROOF_SSO, ID_PROOF_COUNTER, ID_PROOF_ADMIN };

/*
 * An ID number typed by a user is a claim: several accounts may hold it,
 * at most one verified. The verified account of an ID number (enabled)
 * with its fields into *out (in the arena): 1, 0 none, -1 error.
 */
int mc_auth_id_holder(struct mc_db *, struct mc_arena *, const char *id_number,
    struct mc_user **out);

/* How many unverified accounts claim the ID number, or -1 on error. */
long long mc_auth_id_claims(struct mc_db *, struct mc_arena *,
    const char *id_number);

/*
 * The unverified account claiming id_number whose e-mail or phone is
 * contact: verified, or else waiting for its proof (mc_verify) in this
 * claim alone (two claims waiting with it: none). 1 and *id, 0 none, -1
 * error.
 */
int mc_auth_id_claimant(struct mc_db *, struct mc_arena *,
    const char *id_number, const char *contact, long long *id);

/*
 * Marks the account's ID number (which must be id_number) verified by
 * proof: 1 done (or already), 0 refused (another account of that number
 * is verified, or the account holds another number), -1 error.
 */
int mc_auth_id_verify(struct mc_db *, struct mc_arena *, long long account_id,
    const char *id_number, enum mc_id_proof proof);

/*
 * An organisation's tax code is a claim like an ID number (migration
 * 0071): several accounts may hold it, at most one verified. The account
 * (enabled or not) whose verified tax code it is: 1 and *id, 0 none, -1.
 */
int mc_auth_tax_holder(struct mc_db *, struct mc_arena *, const char *tax_code,
    long long *id);

/*
 * Makes the account an organisation's, with its name and tax code
 * (unverified). Inside the caller's transaction; 0 or -1.
 */
int mc_auth_org_set(struct mc_db *, long long account_id, const char *org_name,
    const char *tax_code);

/*
 * The unverified organisation account claiming tax_code whose e-mail or
 * phone is contact (the representative at the counter tells it), chosen
 * as mc_auth_id_claimant chooses: 1 and *id, 0 none, -1 error.
 */
int mc_auth_tax_claimant(struct mc_db *, struct mc_arena *,
    const char *tax_code, const char *contact, long long *id);

/*
 * Marks the organisation account's tax code (which must be tax_code)
 * verified by proof (ID_PROOF_COUNTER or ID_PROOF_ADMIN: an officer saw the
 * business registration certificate): 1 done, 0 refused (verified
 * already, another account's is verified, not that code), -1 error.
 */
int mc_auth_tax_verify(struct mc_db *, long long account_id,
    const char *tax_code, enum mc_id_proof proof);

/* The enabled account of an e-mail with its roles: 1, 0 none, -1 error. */
int mc_auth_account_by_email(struct mc_db *, struct mc_arena *,
    const char *email, struct mc_user **out);

/*
 * 1 if the administrator may manage the account: they hold the admin role
 * in the city's agency, or at an agency (or its parent) where the account
 * holds a role; 0 if not, -1 on error.
 */
int mc_auth_admin_over(struct mc_db *, struct mc_arena *, long long admin_id,
    long long account_id);

/* The role's name in the schema ("citizen", "receiver", ...) and back. */
const char *mc_auth_role_name(enum mc_role);
int	    mc_auth_role_parse(const char *); /* -1 if unknown */

#endif
