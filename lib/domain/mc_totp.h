/*
 * Officers' second factor: time-based one-time passwords (RFC 6238, with
 * liboath; six digits, thirty seconds, one step either side), enrolment
 * confirmed by a first code, each code good once, recovery codes (shown
 * once, stored as SHA-256, used once), and an administrator's reset. The
 * secret is stored encrypted under a key derived from the site secret.
 *
 * Policy: an officer (any role but citizen) must use it when the config's
 * totp_officers is "required" (the default), or when an administrator
 * reset the account's second factor (accounts.totp_required).
 */
#ifndef MC_TOTP_H
#define MC_TOTP_H

#include <stddef.h>
#include <time.h>

struct mc_arena;
struct mc_db;
struct mc_user;

#define MC_TOTP_STEP	      30
#define MC_TOTP_DIGITS	      6
#define MC_TOTP_WINDOW	      1
#define MC_TOTP_SECRET_BYTES  20
#define MC_TOTP_RECOVERY      10
#define MC_TOTP_RECOVERY_SIZE 12 /* "abcde-fghij" and its NUL */

/* Where an account stands. */
enum mc_totp_state {
	TOTP_NONE,    /* no authenticator */
	TOTP_PENDING, /* a secret shown, no code typed yet */
	TOTP_ON,      /* confirmed: every login asks for a code */
};

/*
 * The account's state into *state and whether it must use a second factor
 * (an officer under the policy, or reset by an administrator) into *must.
 * 0 or -1.
 */
int mc_totp_status(struct mc_db *, struct mc_arena *, const struct mc_user *,
    enum mc_totp_state *state, int *must);

/* 1 if the account has a confirmed authenticator (TOTP_ON), 0 not, -1. */
int mc_totp_on(struct mc_db *, struct mc_arena *, long long account_id);

/*
 * 1 if the user must have a second factor and has none confirmed (then
 * officer pages send them to enrol), 0 if not, -1 on error.
 */
int mc_totp_missing(struct mc_db *, struct mc_arena *, const struct mc_user *);

/*
 * Starts (or goes on with) an enrolment: a new secret unless one is
 * pending; writes its base32 form (for typing in by hand) into the arena.
 * An account with TOTP_ON is left alone (returns 0 and *base32 NULL).
 * 0 or -1.
 */
int mc_totp_begin(struct mc_db *, struct mc_arena *, long long account_id,
    const char **base32);

/*
 * The otpauth:// URI an authenticator app reads from the QR code, for the
 * account named label (e-mail), issuer "Một Cửa". In the arena.
 */
const char *mc_totp_uri(struct mc_arena *, const char *label,
    const char *base32);

/*
 * Confirms a pending enrolment with a code the authenticator made at now:
 * 1 confirmed, codes (MC_TOTP_RECOVERY of them, shown once) filled and the
 * account's other sessions but keep_token ended; 0 a wrong code or nothing
 * pending; -1 on error.
 */
int mc_totp_confirm(struct mc_db *, struct mc_arena *, long long account_id,
    const char *code, time_t now, const char *keep_token,
    char codes[MC_TOTP_RECOVERY][MC_TOTP_RECOVERY_SIZE]);

/*
 * Checks a login's second factor: six digits against the confirmed secret
 * (a step already used is refused), or a recovery code (then used up).
 * 1 good, 0 not, -1 on error. *recovery is set to 1 when a recovery code
 * was used.
 */
int mc_totp_check(struct mc_db *, struct mc_arena *, long long account_id,
    const char *code, time_t now, int *recovery);

/* Recovery codes not used yet, or -1. */
long long mc_totp_recovery_left(struct mc_db *, struct mc_arena *,
    long long account_id);

/*
 * An administrator's reset: the secret and recovery codes go, the account
 * must enrol again at its next login, and its sessions end; one
 * transaction. 0 or -1.
 */
int mc_totp_reset(struct mc_db *, long long account_id);

/*
 * The code of a raw secret at time t (RFC 6238): digits 6 or 8; sha 1,
 * 256 or 512. Writes digits + 1 bytes to out. 0 or -1.
 */
int mc_totp_code(const void *secret, size_t n, time_t t, unsigned digits,
    int sha, char *out);

#endif
