/*
 * One-time codes that prove a phone number (issue 10; migration 0051): a
 * six-digit code sent by SMS through the outbox for a purpose (sending
 * feedback without a login; any other purpose that needs a phone proved
 * adds its name here), bound to the browser's ticket (a random token the
 * form carries; only its SHA-256 is stored), with an expiry, a limited
 * number of wrong attempts, a pause before another code for the same
 * phone, and at most so many codes an hour per phone and per address. A
 * proved code is used once, inside the transaction of what it allows.
 *
 * Config: phone_code_minutes (10), phone_code_attempts (5),
 * phone_code_resend_seconds (60), phone_code_hourly (5 per phone and
 * purpose), phone_code_hourly_addr (20 per address).
 */
#ifndef MC_PHONECODE_H
#define MC_PHONECODE_H

#include <time.h>

struct mc_arena;
struct mc_db;

/* What a code proves the phone for (named in its SMS by the caller). */
enum mc_phonecode_purpose {
	PHONECODE_FEEDBACK, /* sending feedback without a login */
	PHONECODE_ACCOUNT,  /* an account's phone (mc_verify) */
	PHONECODE__MAX
};

/* "feedback", "account". */
const char *mc_phonecode_purpose_name(int);

/* Outcomes besides 0 (done) and -1 (error). */
#define PHONECODE_E_WAIT  1 /* another code too soon: *wait seconds */
#define PHONECODE_E_LIMIT 2 /* too many codes this hour (phone or address) */
#define PHONECODE_E_WRONG 3 /* not the code sent: *left attempts remain */
#define PHONECODE_E_EXPIRED \
	4 /* expired, used up, unknown: ask for a new one */

/*
 * Sends a new code for purpose to phone (asked from address, may be NULL):
 * the row and the SMS (sms: its text, "{code}" and "{minutes}" replaced)
 * in one transaction. On 0, *ticket (arena, 64 hex) is what the form
 * carries to check the code with. 0, PHONECODE_E_WAIT (*wait: seconds
 * before another may be sent), PHONECODE_E_LIMIT (*wait: until the hour's
 * oldest code leaves the window), or -1.
 */
int mc_phonecode_send(struct mc_db *, struct mc_arena *, int purpose,
    const char *phone, const char *address, const char *sms, time_t now,
    const char **ticket, long *wait);

/*
 * Checks code against the ticket's code for purpose and phone; a wrong one
 * counts (its own transaction). 0 (proved: *id is the code's id for
 * mc_phonecode_use), PHONECODE_E_WRONG (*left attempts remain),
 * PHONECODE_E_EXPIRED, or -1.
 */
int mc_phonecode_check(struct mc_db *, struct mc_arena *, int purpose,
    const char *phone, const char *ticket, const char *code, time_t now,
    long long *id, int *left);

/*
 * Inside the caller's transaction: uses the proved, unused, unexpired code
 * id of phone, once. 1 used, 0 not (the caller rolls back), -1 error.
 */
int mc_phonecode_use(struct mc_db *, long long id, const char *phone,
    time_t now);

#endif
