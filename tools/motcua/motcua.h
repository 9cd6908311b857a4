/*
 * bin/motcua, the administration tool: what its commands share (options,
 * files, accounts, agencies) and the commands themselves.
 */
#ifndef MOTCUA_H
#define MOTCUA_H

#include <stddef.h>

struct buf;
struct mc_arena;
struct mc_db;

/* Room for an encoded Argon2id hash (lib/mc_auth) and its NUL. */
#define MOTCUA_HASH_MAX	    128
#define MOTCUA_PASSWORD_MIN 8

/* One command line option: "--name value" or "--name=value", or a flag. */
struct motcua_opt {
	const char *name; /* without the dashes */
	int	    has_arg;
	const char *value; /* NULL if absent, "" for a flag */
};

/*
 * Parses argv[0..argc) against opts; every argument must be a known option.
 * Returns 0, or -1 with a message on stderr.
 */
int motcua_opts(int argc, char **argv, struct motcua_opt *opts, size_t n);

/*
 * Reads a whole file into out (initialised by the caller, bounded by its
 * max); 0, or -1 with a message on stderr.
 */
int motcua_read_file(const char *path, struct buf *out);

/* Predicates: 1 valid, 0 not. */
int motcua_valid_email(const char *);
int motcua_valid_id_number(const char *);
int motcua_valid_phone(const char *);
int motcua_valid_role(const char *);

/*
 * The agency with this QCVN 102 code: 1 found (id and name set; name in
 * the arena), 0 none, -1 error.
 */
int motcua_agency_find(struct mc_db *, struct mc_arena *, const char *code,
    long long *id, const char **name);

/* An account to find or create, and a role to give it. */
struct motcua_account {
	const char *email;     /* NULL or lowercase */
	const char *id_number; /* NULL or 12 digits */
	const char *full_name;
	const char *phone; /* may be NULL */
	const char *password;
	const char *role;
	long long   agency_id; /* 0 for citizens */
};

#define MOTCUA_ACCOUNT_CREATED 1 /* account new */
#define MOTCUA_ACCOUNT_EXISTS  2 /* account found */
#define MOTCUA_ROLE_ADDED      4 /* the role was new to it */

/*
 * Finds the account by e-mail or ID number or creates it (hashing the
 * password); when add_role is set or the account is new, gives it the role.
 * Sets *id and *what (MOTCUA_ flags). 0, or -1 with a message on stderr
 * (also when e-mail and ID number belong to two different accounts).
 */
int motcua_account_ensure(struct mc_db *, struct mc_arena *,
    const struct motcua_account *, int add_role, long long *id, int *what);

/* The site generator (site-generator/), full or incremental; 0 or -1. */
int sitegen_run(int full);

/*
 * The calendar's part of `motcua seed`: the computed days off of this year
 * - 1 to + 5, and the official schedules of seed_dir/calendar.csv as admin
 * rows (an admin row already there is kept). 0, or -1 after a message.
 */
int motcua_calendar_seed(struct mc_db *);

/* Commands: each returns 0, or -1 after a message on stderr. */
int cmd_migrate(struct mc_db *, int, char **);
int cmd_seed(struct mc_db *, int, char **);
int cmd_import(struct mc_db *, int, char **);
int cmd_user_add(struct mc_db *, int, char **);
int cmd_token_create(struct mc_db *, int, char **);
int cmd_site(struct mc_db *, int, char **);
int cmd_compress(struct mc_db *, int, char **);
int cmd_calendar(struct mc_db *, int, char **);
int cmd_counters(struct mc_db *, int, char **);
int cmd_check(struct mc_db *, int, char **);
int cmd_backup(struct mc_db *, int, char **);
int cmd_files_encrypt(struct mc_db *, int, char **);
int cmd_files_rekey(struct mc_db *, int, char **);
int cmd_restore(struct mc_db *, int, char **);

/* 1 if s is len lowercase hex digits: a stored file's name or folder
 * (files.c). */
int motcua_hex_name(const char *, size_t);

/* motcua files-sweep (sweep.c). */
int cmd_files_sweep(struct mc_db *, int, char **);

/* motcua audit-check (audit.c). */
int cmd_audit_check(struct mc_db *, int, char **);

/* motcua move-dossiers (units.c). */
int cmd_move_dossiers(struct mc_db *, int, char **);

/* motcua stats-rebuild (stats.c). */
int cmd_gen(struct mc_db *, int, char **);
int cmd_stats_rebuild(struct mc_db *, int, char **);
int cmd_stats_months(struct mc_db *, int, char **);
int cmd_stats_recount(struct mc_db *, int, char **);
int cmd_stats_report(struct mc_db *, int, char **);

#endif
