/*
 * mc_audit: the hash-chained audit log of security events (migration 0031).
 * Each row's hash is SHA-256 over the previous row's hash and the row's
 * canonical fields; the one-row audit_head is locked by each writer, so the
 * chain never forks, and mc_audit_check finds the first row edited, deleted
 * or inserted by hand.
 */
#ifndef MC_AUDIT_H
#define MC_AUDIT_H

struct mc_arena;
struct mc_db;

/* What happened (audit_log.event). */
enum mc_audit_event {
	AUDIT_LOGIN,	       /* a session began (password, code, SSO) */
	AUDIT_LOGIN_FAILED,    /* a wrong password (subject: the login) */
	AUDIT_LOGOUT,	       /* the session's own logout */
	AUDIT_SESSION_END,     /* the account ended another of its sessions */
	AUDIT_SESSIONS_END,    /* ... every other one */
	AUDIT_PASSWORD_CHANGE, /* through the account page */
	AUDIT_PASSWORD_RESET,  /* through an e-mailed link */
	AUDIT_TOTP_RESET,      /* an administrator reset the second factor */
	AUDIT__MAX
};

const char *mc_audit_event_name(enum mc_audit_event);

/* One entry: account_id / actor_id 0 for none; subject, address may be NULL. */
struct mc_audit {
	enum mc_audit_event event;
	long long	    account_id;
	long long	    actor_id;
	const char	   *subject;
	const char	   *address;
};

/*
 * Appends an entry inside the caller's transaction (so that it is written
 * with the change it records, or not at all): 0 or -1.
 */
int mc_audit_write(struct mc_db *, const struct mc_audit *);

/* Appends an entry in a transaction of its own: 0 or -1. */
int mc_audit_log(struct mc_db *, const struct mc_audit *);

/*
 * Verifies the whole chain: 0 intact (*rows: how many), 1 broken (*bad_id:
 * the first row that does not fit, or the head's last id + 1 when rows at
 * the end were removed; *why a short reason), -1 on error.
 */
int mc_audit_check(struct mc_db *, struct mc_arena *, long long *rows,
    long long *bad_id, const char **why);

#endif
