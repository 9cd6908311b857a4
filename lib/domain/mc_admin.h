/*
 * Administrators and the accounts they manage (issue 9): an agency's
 * administrator manages officers and roles in the agency's subtree (the
 * agency and every agency under it), a city administrator (admin at the
 * agency of kind 'city') everywhere. The back office's account page and
 * `motcua user add` call the same functions; every change is written to the
 * audit log in its transaction (mc_audit).
 */
#ifndef MC_ADMIN_H
#define MC_ADMIN_H

#include <time.h>

#include "mc_account.h"
#include "mc_auth.h"

struct mc_arena;
struct mc_db;
struct mc_rows;

/*
 * Where the user administers: 1 and *agency (0: the whole city; else the
 * root of their subtree, their first admin grant), 0 not an administrator,
 * -1 on error.
 */
int mc_admin_scope(struct mc_db *, struct mc_arena *, const struct mc_user *,
    unsigned int *agency);

/*
 * mc_admin_scope, at the agency want (0: their first) when it is in the
 * scope of one of their admin grants: an administrator in several agencies
 * picks which one's subtree a page shows. 1 and *agency, 0 not an
 * administrator, -1 on error.
 */
int mc_admin_scope_at(struct mc_db *, struct mc_arena *,
    const struct mc_user *, unsigned int want, unsigned int *agency);

/* An agency where the user holds the administrator role. */
struct mc_admin_place {
	unsigned int agency_id;
	const char  *name; /* in the arena */
};

/* The user's admin grants' agencies, at most max, in *n. 0 or -1. */
int mc_admin_places(struct mc_db *, struct mc_arena *, const struct mc_user *,
    struct mc_admin_place *out, size_t max, size_t *n);

/*
 * 1 if the admin may manage the agency: it is, or is under, an agency
 * where they hold the administrator role (any of them; the city's: all).
 * The one such rule: the account page, reassignment and the dossier page
 * call it. 0 if not, -1 on error.
 */
int mc_admin_over_agency(struct mc_db *, struct mc_arena *,
    const struct mc_user *admin, unsigned int agency);

/*
 * 1 if the admin may manage the account: a city administrator any; an
 * agency's, one holding a role in the subtree of any of their agencies.
 * 0 if not, -1 on error.
 */
int mc_admin_over_account(struct mc_db *, struct mc_arena *,
    const struct mc_user *admin, long long account_id);

/*
 * 1 if the admin may grant or withdraw a role of the account u at the
 * agency: the agency is in their subtree (never one above it) and u holds
 * a role in their subtree too, or none but a citizen's yet (its first may
 * be given); 0 if not, -1 on error. The one rule the account page checks.
 */
int mc_admin_over_role(struct mc_db *, struct mc_arena *,
    const struct mc_user *admin, const struct mc_user *u, unsigned int agency);

/* An officer account an administrator makes. */
struct mc_admin_new {
	const char  *email; /* lowercase */
	const char  *full_name;
	const char  *phone;	/* or NULL */
	const char  *id_number; /* or NULL; verified (ID_PROOF_ADMIN) */
	const char  *password;	/* judged by the caller */
	enum mc_role role;
	unsigned int agency_id; /* 0 for a citizen */
};

/*
 * Inside the caller's transaction: makes the account (its ID number, if
 * any, counts as verified: an administrator vouches for it) with its role,
 * and writes account_create and role_grant to the audit log (actor_id 0:
 * the command line). 1 and *id; 0 when the e-mail is another account's or
 * the ID number is verified for another; -1 on error.
 */
int mc_admin_create(struct mc_db *, struct mc_arena *, long long actor_id,
    const char *address, const struct mc_admin_new *, long long *id);

/*
 * Inside the caller's transaction, audited (role_grant / role_revoke with
 * the role and agency): 1 done, 0 the account already held (or did not
 * hold) it, -1 on error.
 */
int mc_admin_grant(struct mc_db *, long long actor_id, const char *address,
    long long account_id, enum mc_role, unsigned int agency);
int mc_admin_revoke(struct mc_db *, long long actor_id, const char *address,
    long long account_id, enum mc_role, unsigned int agency);

/*
 * Inside the caller's transaction: the organisation account's tax code
 * (which must be tax_code) verified by an administrator who saw the
 * business registration certificate (mc_auth_tax_verify), and
 * tax_code_verified written. 1 done, 0 refused (verified already, or
 * another account's is), -1 on error.
 */
int mc_admin_tax_verify(struct mc_db *, long long actor_id,
    const char *address, long long account_id, const char *tax_code);

/*
 * The same by another officer's proof: ID_PROOF_COUNTER, the receiver who
 * saw the certificate at the counter (tax_verified_by 'counter').
 */
int mc_admin_tax_verify_by(struct mc_db *, long long actor_id,
    const char *address, long long account_id, const char *tax_code,
    enum mc_id_proof);

/*
 * Inside the caller's transaction: disables the account, ends all its
 * sessions at once (mc_auth_sessions_end) and writes account_disable.
 * 1 done, 0 it was disabled already, -1 on error.
 */
int mc_admin_disable(struct mc_db *, long long actor_id, const char *address,
    long long account_id);

/*
 * Re-authentication before sensitive actions: 1 if the session of token
 * typed its password again within the last minutes, 0 if not, -1 on error.
 */
int mc_admin_reauth_fresh(struct mc_db *, struct mc_arena *, const char *token,
    int minutes);

/* Why a re-authentication was refused (struct mc_reauth's why). */
enum mc_reauth_why {
	REAUTH_OK,
	REAUTH_PASSWORD,     /* the password missing or wrong */
	REAUTH_CODE_MISSING, /* right, but the account's TOTP code not typed */
	REAUTH_CODE_WRONG,   /* ... a wrong code, or one used already */
	REAUTH_WAIT,	     /* too many wrong ones: wait seconds first */
};

/* A re-authentication typed: what mc_admin_reauth_check reads and says. */
struct mc_reauth {
	const char	  *password;
	const char	  *code;    /* the authenticator's 6 digits, or NULL */
	const char	  *address; /* for the audit log */
	long		   wait; /* out: seconds to wait, 0 under the limit */
	enum mc_reauth_why why;	 /* out: why refused */
};

/*
 * Checks the password an account typed again (the office's password page
 * and the API's "sign" alike) and, when the account has a confirmed
 * authenticator (mc_totp_on), its current six-digit code too (each step
 * good once, as at login; recovery codes are not taken here). Throttled as
 * logins are: a wrong password, and a right one with a missing or wrong
 * code, count against the account (kind login, key "reauth:<id>"), are
 * written to the audit log (reauth_failed, subject "password" or "code")
 * and block it for a while. Returns 1 right, 0 refused (t->why says why,
 * t->wait the seconds to wait once blocked), -1 on error. A blocked
 * account's password is not even compared; an empty password is refused
 * without counting (the page asking for the first time).
 */
int mc_admin_reauth_check(struct mc_db *, struct mc_arena *,
    long long account_id, struct mc_reauth *t, time_t now);

/* Marks the session re-authenticated now and audits it (reauth); 0 or -1. */
int mc_admin_reauth_mark(struct mc_db *, long long account_id,
    const char *token, const char *address);

/* What mc_admin_roles lists: who holds which role where. */
enum mc_admin_role_col {
	AROLE_ACCOUNT_ID,
	AROLE_EMAIL,
	AROLE_NAME,
	AROLE_ROLE,
	AROLE_AGENCY_ID,
	AROLE_AGENCY,
	AROLE_DISABLED, /* "1" when the account is disabled */
	AROLE__MAX
};

/*
 * The officers' roles in the agency's subtree (0: the whole city), by
 * agency then name, at most max rows; 0 or -1.
 */
int mc_admin_roles(struct mc_db *, struct mc_arena *, unsigned int agency,
    int max, struct mc_rows *out);

/* The agencies of the subtree (0: all), id and name, by name; 0 or -1. */
int mc_admin_agencies(struct mc_db *, struct mc_arena *, unsigned int agency,
    struct mc_rows *out);

#endif
