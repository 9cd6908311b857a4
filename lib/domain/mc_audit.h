/*
 * mc_audit: the hash-chained audit log of security events (migrations 0031,
 * 0042): logins, sessions, passwords, officers opening and acting on
 * dossiers, exports, configuration and account changes. Each row's hash is SHA-256 over the previous row's hash and the row's
 * canonical fields; the one-row audit_head is locked by each writer, so the
 * chain never forks, and mc_audit_check finds the first row edited, deleted
 * or inserted by hand.
 */
#ifndef MC_AUDIT_H
#define MC_AUDIT_H

#include "mc_account.h"

struct mc_arena;
struct mc_db;
struct mc_rows;

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
	AUDIT_DOSSIER_VIEW,    /* an officer opened a dossier (dossier_id) */
	AUDIT_DOSSIER_ACTION, /* an officer acted on it (subject: the action) */
	AUDIT_EXPORT, /* a report downloaded (subject: which, format) */
	AUDIT_CONFIG, /* a setting changed (subject: which) */
	AUDIT_ACCOUNT_CREATE,  /* an administrator made the account */
	AUDIT_ACCOUNT_DISABLE, /* ... disabled it (its sessions ended) */
	AUDIT_ROLE_GRANT,      /* a role given (role, agency_id) */
	AUDIT_ROLE_REVOKE,     /* a role withdrawn (role, agency_id) */
	AUDIT_REAUTH,	     /* the password typed again (sensitive action) */
	AUDIT_DOSSIER_PAPER, /* an officer downloaded a paper (subject "01") */
	AUDIT_CONTACT_PENDING,	/* a new e-mail or phone asked for (subject) */
	AUDIT_CONTACT_VERIFIED, /* ... proved: it replaced the old one */
	AUDIT_TAX_VERIFIED, /* an organisation's tax code (subject) verified */
	AUDIT_REAUTH_FAILED, /* refused (subject: "password" or "code") */
	AUDIT__MAX
};

const char *mc_audit_event_name(enum mc_audit_event);

/* The event of a name ("dossier_view"), or -1. */
int mc_audit_event_parse(const char *);

/*
 * One entry: account_id / actor_id 0 for none; subject, address may be
 * NULL. account_id is whose account it is about (the officer who opened a
 * dossier, the account given a role); actor_id who did it when another
 * (the administrator).
 */
struct mc_audit {
	enum mc_audit_event event;
	long long	    account_id;
	long long	    actor_id;
	const char	   *subject;
	const char	   *address;
};

/* What an entry may also name (migration 0042): 0 / NULL for none. */
struct mc_audit_about {
	long long    dossier_id; /* the dossier it was about */
	unsigned int agency_id;	 /* the agency acted in or for */
	const char  *role;	 /* the role acted in or granted */
};

/*
 * Appends an entry inside the caller's transaction (so that it is written
 * with the change it records, or not at all): 0 or -1.
 */
int mc_audit_write(struct mc_db *, const struct mc_audit *);

/* mc_audit_write with what the entry is about (NULL: nothing). */
int mc_audit_write_about(struct mc_db *, const struct mc_audit *,
    const struct mc_audit_about *);

/* Appends an entry in a transaction of its own: 0 or -1. */
int mc_audit_log(struct mc_db *, const struct mc_audit *);

/*
 * The grant an officer acts in on a dossier, for the entry's agency and
 * role: their officer grant at the agency, else at other (the dossier's
 * receiving agency), else their first officer grant; NULL for none.
 */
const struct mc_grant *mc_audit_grant(const struct mc_user *,
    unsigned int agency, unsigned int other);

/*
 * An officer's access to a dossier (AUDIT_DOSSIER_VIEW or
 * AUDIT_DOSSIER_ACTION with the action's name, AUDIT_DOSSIER_PAPER with
 * the paper's number) inside the caller's transaction, in the grant
 * mc_audit_grant picks: 0 or -1.
 */
int mc_audit_dossier_write(struct mc_db *, enum mc_audit_event,
    const struct mc_user *, long long dossier_id, unsigned int agency,
    unsigned int other, const char *action, const char *address);

/*
 * Verifies the whole chain: 0 intact (*rows: how many), 1 broken (*bad_id:
 * the first row that does not fit, or the head's last id + 1 when rows at
 * the end were removed; *why a short reason), -1 on error. When intact,
 * the checkpoint (audit_checkpoint, migration 0044) moves on to the end.
 */
int mc_audit_check(struct mc_db *, struct mc_arena *, long long *rows,
    long long *bad_id, const char **why);

/*
 * mc_audit_check from the checkpoint on, for the audit page (as fast on
 * millions of rows as on a few): the checkpoint's row must still bear the
 * hash verified, and every row after it fit the chain up to the head; the
 * checkpoint then moves on. Rows up to the checkpoint are not read again:
 * only mc_audit_check finds a row changed there. Results as
 * mc_audit_check's (*rows: the rows in the chain).
 */
int mc_audit_check_recent(struct mc_db *, struct mc_arena *, long long *rows,
    long long *bad_id, const char **why);

/*
 * What mc_audit_dossier lists: each officer access to a dossier (views,
 * actions and papers downloaded), the newest first, with the unit and role (never the officer).
 */
enum mc_audit_access_col {
	AACC_AT,	/* "YYYY-MM-DD HH:MM:SS" */
	AACC_EVENT,	/* "dossier_view", "dossier_action", "dossier_paper" */
	AACC_ACTION,	/* the action's name, the paper's number, or NULL */
	AACC_ROLE,	/* "receiver", ... or NULL */
	AACC_AGENCY,	/* the unit's name, or NULL */
	AACC_AGENCY_EN, /* its English name, or NULL */
	AACC__MAX
};

/* The last max accesses to a dossier (AACC_* columns); 0 or -1. */
int mc_audit_dossier(struct mc_db *, struct mc_arena *, long long dossier_id,
    int max, struct mc_rows *out);

/*
 * A search of the log (the audit page): each criterion 0 / NULL for any.
 * scope_agency 0: every entry (a city administrator); else only entries
 * of that agency's subtree: those naming an agency in it, or about (or by)
 * an account holding a role in it.
 */
struct mc_audit_filter {
	unsigned int scope_agency;
	long long    account_id; /* account_id or actor_id */
	int	     event;	 /* enum mc_audit_event, or -1 */
	long long    dossier_id;
	const char  *from;	/* "YYYY-MM-DD" inclusive */
	const char  *to;	/* "YYYY-MM-DD" inclusive */
	long long    before_id; /* entries older than this id (paging) */
	int	     limit;
};

/* What mc_audit_search lists, newest first. */
enum mc_audit_col {
	ACOL_ID,
	ACOL_AT,
	ACOL_EVENT,
	ACOL_ACCOUNT_ID,
	ACOL_ACCOUNT, /* the account's e-mail (or name), or NULL */
	ACOL_ACTOR_ID,
	ACOL_ACTOR, /* the actor's e-mail (or name), or NULL */
	ACOL_SUBJECT,
	ACOL_ADDRESS,
	ACOL_DOSSIER, /* the dossier's code, or NULL */
	ACOL_AGENCY,  /* the agency's name, or NULL */
	ACOL_ROLE,
	ACOL__MAX
};

/* The entries matching f (ACOL_* columns); 0 or -1. */
int mc_audit_search(struct mc_db *, struct mc_arena *,
    const struct mc_audit_filter *f, struct mc_rows *out);

#endif
