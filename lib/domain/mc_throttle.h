/*
 * Limits on guessing: failed logins per account and per address, wrong ID
 * numbers in the public lookup per dossier code and per address. Counted
 * in the database (table throttle), so that every worker of every web node
 * agrees; subjects are stored as SHA-256, never in clear.
 */
#ifndef MC_THROTTLE_H
#define MC_THROTTLE_H

#include <time.h>

struct mc_arena;
struct mc_db;

enum mc_throttle_kind {
	THROTTLE_LOGIN,	      /* a login (e-mail or ID number) */
	THROTTLE_LOGIN_ADDR,  /* the address logins come from */
	THROTTLE_LOOKUP,      /* a dossier code in the public lookup */
	THROTTLE_LOOKUP_ADDR, /* the address lookups come from */
	THROTTLE__MAX
};

/*
 * The limit of a kind: at most max failures within window seconds, then
 * blocked for block seconds. Defaults can be changed in the config file
 * (throttle_<name>_max, _window, _block; names login, login_addr,
 * lookup, lookup_addr).
 */
struct mc_throttle_rule {
	const char *name;
	long	    max;
	long	    window;
	long	    block;
};

/* The rule of a kind, config applied. */
struct mc_throttle_rule mc_throttle_rule(enum mc_throttle_kind);

/*
 * Seconds the subject must still wait (0: it may try), or -1 on error. A
 * NULL or empty key is never blocked.
 */
long mc_throttle_wait(struct mc_db *, struct mc_arena *, enum mc_throttle_kind,
    const char *key, time_t now);

/*
 * Counts a failure of the subject; returns the seconds it must now wait (0
 * while under the limit), or -1 on error.
 */
long mc_throttle_fail(struct mc_db *, struct mc_arena *, enum mc_throttle_kind,
    const char *key, time_t now);

/*
 * The stored subject of a key (SHA-256 of the kind's name and the key,
 * lowercased) and the kind's name: for a module that reads the block of a
 * subject within a query of its own (mc_dossier_lookup).
 */
void	    mc_throttle_subject(enum mc_throttle_kind, const char *key,
	   unsigned char out[32]);
const char *mc_throttle_kind_name(enum mc_throttle_kind);

/* Forgets the subject's failures (after a success); 0 or -1. */
int mc_throttle_clear(struct mc_db *, enum mc_throttle_kind, const char *key);

/*
 * The public lookup (a dossier code and the applicant's ID number), for
 * the portal's page and the API alike: the seconds to wait before the code
 * may be tried from this address (0: go on), or -1 on error.
 */
long mc_throttle_lookup_wait(struct mc_db *, struct mc_arena *,
    const char *code, const char *address, time_t now);

/*
 * Counts a wrong ID number for the code and the address; the seconds to
 * wait from now on (0 while under the limits), or -1 on error.
 */
long mc_throttle_lookup_fail(struct mc_db *, struct mc_arena *,
    const char *code, const char *address, time_t now);

#endif
