/*
 * A citizen's contacts proved (issue 9, migration 0053): an e-mail by a
 * link sent to it, a phone by a one-time code sent by SMS (mc_phonecode,
 * purpose "account"). accounts.email and accounts.phone hold verified
 * contacts only: a contact typed at registration or on the account page
 * waits as email_new / phone_new and replaces the old one once proved. So
 * notifications and password reset links reach verified contacts only, by
 * construction (an e-mail waiting is still a login, mc_auth_login: the
 * password tells its account). Accounts an administrator, the command
 * line or single sign-on made carry their contacts as verified.
 *
 * A link's token is random, only its SHA-256 is stored, it expires
 * (verify_email_hours, 48), is used once, and a newer link or another
 * pending address ends it. A link again to the same address waits
 * verify_email_resend_seconds (60); at most verify_email_hourly (5) links
 * an hour to an account.
 * Once a new contact is proved, the old verified e-mail or phone is told
 * of the change (the notice queued in the change's transaction).
 * An address that is already another account's verified e-mail gets a
 * notice instead of a link (the page says the same either way: nothing
 * tells whether an address is taken).
 */
#ifndef MC_VERIFY_H
#define MC_VERIFY_H

#include <time.h>

struct mc_arena;
struct mc_db;

/* Outcomes besides 0 (done) and -1 (error). */
#define VERIFY_E_WAIT  1 /* another link or code too soon: *wait seconds */
#define VERIFY_E_GONE  2 /* link used, expired, ended, or nothing pending */
#define VERIFY_E_TAKEN 3 /* proved, but another account verified it first */
#define VERIFY_E_WRONG 4 /* not the code sent: *left attempts remain */
#define VERIFY_E_SAME  5 /* already the account's verified contact */

/* An account's contacts; strings in the arena, NULL for none. */
struct mc_contacts {
	const char *email;	  /* verified */
	const char *email_new;	  /* waiting for its link */
	const char *phone;	  /* verified */
	const char *phone_new;	  /* waiting for its code */
	int	    has_password; /* 0: single sign-on only */
	int	    phone_sent;	  /* a code was sent to phone_new */
};

/* The account's contacts: 1 found, 0 no such account, -1 error. */
int mc_verify_contacts(struct mc_db *, struct mc_arena *, long long account_id,
    struct mc_contacts *out);

/*
 * What an e-mail sending says; "{url}" in link_body is replaced by
 * url_prefix followed by the token. notice_* (may be NULL; "{email}" in
 * the body: the new address) go to the account's verified e-mail when
 * another is asked for; taken_* to an address that is another account's
 * verified e-mail, instead of a link. changed_* (may be NULL; "{when}":
 * the moment, dd/mm/yyyy HH:MM) go to the old verified e-mail once another
 * is proved, changed_sms to the old verified phone once another is proved,
 * queued in the change's transaction.
 */
struct mc_verify_texts {
	const char *url_prefix;
	const char *link_subject, *link_body;
	const char *taken_subject, *taken_body;
	const char *notice_subject, *notice_body;
	const char *changed_subject, *changed_body;
	const char *changed_sms;
	const char *address; /* where it was asked from, for the audit log */
};

/*
 * Makes email the account's pending e-mail and sends a link to it (or the
 * "taken" notice), and the notice of the change to the verified e-mail,
 * with an audit row, in one transaction; earlier links end. email NULL:
 * the link again for the pending one. 0; VERIFY_E_WAIT (*wait seconds);
 * VERIFY_E_SAME (email is already the verified one: nothing pending any
 * more); VERIFY_E_GONE (nothing pending to send again); -1.
 */
int mc_verify_email_send(struct mc_db *, struct mc_arena *,
    long long account_id, const char *email, const struct mc_verify_texts *,
    time_t now, long *wait);

/*
 * The live link of token: 1 with its account and address (arena), 0 none
 * (unknown, used, expired, ended), -1 error.
 */
int mc_verify_email_owner(struct mc_db *, struct mc_arena *, const char *token,
    time_t now, long long *account_id, const char **email);

/*
 * Uses the link: the address becomes the account's e-mail, the link and
 * the account's others end, the old verified e-mail (if another) gets
 * t's changed_* notice (t or its texts NULL: none), an audit row; one
 * transaction. 0 (*account_id set), VERIFY_E_GONE, VERIFY_E_TAKEN, -1.
 */
int mc_verify_email_confirm(struct mc_db *, struct mc_arena *,
    const char *token, const struct mc_verify_texts *t, time_t now,
    long long *account_id);

/*
 * Makes phone the account's pending phone and sends it a code (sms: the
 * text, "{code}" and "{minutes}" replaced) through mc_phonecode; phone
 * NULL: a new code for the pending one. 0, VERIFY_E_WAIT or
 * PHONECODE_E_LIMIT's VERIFY_E_WAIT (*wait seconds), VERIFY_E_SAME,
 * VERIFY_E_GONE (nothing pending), -1.
 */
int mc_verify_phone_send(struct mc_db *, struct mc_arena *,
    long long account_id, const char *phone, const char *sms,
    const char *address, time_t now, long *wait);

/*
 * Makes phone the account's pending phone without sending a code yet (a
 * registration: the citizen asks for the code on the account page), with
 * an audit row. 0, VERIFY_E_SAME, -1.
 */
int mc_verify_phone_note(struct mc_db *, struct mc_arena *,
    long long account_id, const char *phone, const char *address);

/*
 * Checks the code sent to the pending phone; proved, the phone becomes the
 * account's (the code used, t's changed_sms to the old verified phone if
 * any (t or it NULL: none), an audit row, one transaction). 0,
 * VERIFY_E_WRONG (*left), VERIFY_E_GONE (expired, used up, nothing
 * pending: ask for a new one), VERIFY_E_TAKEN never, -1.
 */
int mc_verify_phone_confirm(struct mc_db *, struct mc_arena *,
    long long account_id, const char *code, const struct mc_verify_texts *t,
    const char *address, time_t now, int *left);

/*
 * A citizen registering with a password; NULL email or phone: none. An
 * organisation gives its name and tax code besides (both NULL: a person);
 * id_number and full_name are then its representative's.
 */
struct mc_register {
	const char *id_number; /* a claim until verified (mc_auth_id_verify) */
	const char *full_name;
	const char *org_name; /* an organisation's: its name, */
	const char *tax_code; /* its tax code (a claim: mc_auth_tax_verify) */
	const char *password;
	const char *email; /* pending, its link sent */
	const char
	    *phone; /* pending, its code asked for on the account page */
};

/*
 * Registers a citizen in one transaction: the account, its citizen role,
 * the e-mail's link (as mc_verify_email_send) and the phone pending (as
 * mc_verify_phone_note), with their audit rows (address: t->address).
 * Nothing of it stays when a step fails, so the same form posted again
 * works. 0 (*id: the account), VERIFY_E_TAKEN (the tax code is another
 * account's verified one: nothing stored) or -1 (mc_db_errno tells why).
 */
int mc_verify_register(struct mc_db *, struct mc_arena *,
    const struct mc_register *, const struct mc_verify_texts *t, time_t now,
    long long *id);

#endif
