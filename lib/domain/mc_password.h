/*
 * The rule a new password must meet, one for registration, a password
 * change, a reset and the back office alike: long enough, not too long,
 * not one of the common and breached passwords shipped with the project
 * (db/seed/common-passwords.txt, nor one of them with a few digits or
 * signs around it), not the account's own ID number, phone, e-mail or name,
 * and made of at least MC_PASSWORD_DISTINCT different characters. No rule
 * on "special characters": a few words make a good password.
 */
#ifndef MC_PASSWORD_H
#define MC_PASSWORD_H

#include <stddef.h>

#include <time.h>

struct mc_arena;
struct mc_db;

#define MC_PASSWORD_MAX	     128 /* characters */
#define MC_PASSWORD_DISTINCT 5

/* What is wrong with a new password; PW_OK when nothing is. */
enum mc_pw_verdict {
	PW_OK,
	PW_SHORT,    /* fewer than MC_PASSWORD_MIN characters */
	PW_LONG,     /* more than MC_PASSWORD_MAX characters */
	PW_COMMON,   /* in the list of common passwords, or one dressed up */
	PW_PERSONAL, /* the account's ID number, phone, e-mail or name */
	PW_WEAK,     /* too few different characters ("aaaaaaaa") */
	PW__MAX
};

/*
 * Reads the list of common passwords (one a line, lowercase, sorted
 * bytewise) from path, or when path is NULL from the config's
 * common_passwords (default <seed_dir>/common-passwords.txt). Kept for the
 * process's life; a second call does nothing. 0 or -1 (logged).
 */
int mc_password_load(const char *path);

/* 1 if s (already lowercase) is in the list; loads it first. -1 on error. */
int mc_password_common(const char *s);

/*
 * Judges a new password (valid UTF-8) for the account whose own values
 * are personal (n of them, NULL entries skipped: ID number, phone, e-mail,
 * name). *out gets the verdict. 0, or -1 when the list cannot be read.
 */
int mc_password_judge(struct mc_arena *, const char *password,
    const char *const *personal, size_t n, enum mc_pw_verdict *out);

/* The verdict's name: "ok", "short", "long", "common", "personal", "weak". */
const char *mc_password_verdict_name(enum mc_pw_verdict);

/* ------------------------------------------------ changing and resetting */

#define MC_PASSWORD_RESET_MINUTES 60
#define MC_PASSWORD_RESETS_HOUR	  3 /* links sent to an account an hour */

/*
 * Sets an account's password (already judged) and ends its sessions but
 * the one of keep_token (NULL: all of them), in one transaction. 0 or -1.
 */
int mc_password_set(struct mc_db *, long long account_id, const char *password,
    const char *keep_token);

/*
 * 1 if password is the account's current one, 0 if not (or the account
 * has none: single sign-on only), -1 on error.
 */
int mc_password_is_current(struct mc_db *, struct mc_arena *,
    long long account_id, const char *password);

/*
 * A reset link for the enabled account of this e-mail: inside the caller's
 * transaction, records the SHA-256 of a new token valid for
 * MC_PASSWORD_RESET_MINUTES, writes the token (64 hex) and the account id.
 * 1 made; 0 no such account, or MC_PASSWORD_RESETS_HOUR links were sent in
 * the last hour (the caller says the same either way); -1 on error.
 */
int mc_password_reset_new(struct mc_db *, struct mc_arena *, const char *email,
    time_t now, char token[65], long long *account_id);

/* The account of a live, unused reset token: 1 and *id, 0 none, -1 error. */
int mc_password_reset_owner(struct mc_db *, struct mc_arena *,
    const char *token, time_t now, long long *account_id);

/*
 * Uses the reset token: in one transaction marks it (and the account's
 * other links) used, sets the new password (already judged) and ends all
 * the account's sessions. 1 done, 0 the token was used or expired
 * meanwhile, -1 on error.
 */
int mc_password_reset_finish(struct mc_db *, const char *token,
    long long account_id, const char *password, time_t now);

#endif
