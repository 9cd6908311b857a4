/*
 * MariaDB access: one connection per process over the unix socket, every
 * statement prepared once (lazily, keyed by the address of its SQL string in
 * a module's statement table), values always bound, results copied into the
 * caller's arena. A lost connection is reopened and the call retried once,
 * unless a transaction was open (then the call fails and the caller rolls
 * back).
 */
#ifndef MC_DB_H
#define MC_DB_H

#include <stddef.h>

struct mc_arena;
struct mc_db;

/*
 * Parameter types, one letter per value in the types string:
 *   s  const char *		(NULL binds SQL NULL)
 *   b  const char *, size_t	(bytes with their length; NULL binds NULL)
 *   i  long long
 *   I  long long, 0 binds SQL NULL (optional references)
 *   n  nothing bound: SQL NULL
 */

/* Rows of a result, copied into an arena; cells are NULL for SQL NULL. */
struct mc_rows {
	size_t	     n; /* rows */
	size_t	     ncols;
	const char **names; /* column names (aliases) */
	const char **v;	    /* n * ncols cells, NUL-terminated */
	size_t	    *len;   /* their lengths */
};

/*
 * Connects with db_socket, db_name, db_user, db_password from the config;
 * over TCP to db_host:db_port instead when db_host is set (a cluster behind
 * HAProxy), with TLS when db_tls_ca is set (required, the server's
 * certificate verified against that CA and db_host, TLS 1.2 or 1.3; the
 * client certificate db_tls_cert and key db_tls_key when set), and
 * db_timeout seconds (30) for a read or a write.
 * NULL on failure (logged).
 */
struct mc_db *mc_db_open(void);
void	      mc_db_close(struct mc_db *);

/* 1 if the server answers (reconnecting if needed), 0 if not. */
int mc_db_ping(struct mc_db *);

/*
 * Transactions: 0 or -1. Rollback never fails visibly. After the server
 * ended a transaction (deadlock, Galera certification conflict: 1213) every
 * later statement of it fails with the same error and commit rolls back.
 */
int  mc_db_begin(struct mc_db *);
int  mc_db_commit(struct mc_db *);
void mc_db_rollback(struct mc_db *);

/*
 * Runs fn in a transaction and commits it; rolls back when fn returns
 * non-zero. When the server ended the transaction (a deadlock, a Galera
 * certification conflict or brute-force abort, a node leaving the cluster,
 * or a connection lost before the commit) and fn returned < 0, fn runs
 * again from the start in a new transaction, up to MC_DB_TX_TRIES in all,
 * with a short random pause between; fn must therefore do nothing outside
 * the database that it cannot do twice. A commit whose connection was lost
 * is never run again (its outcome is unknown). Returns 0, fn's positive
 * result, or -1 (mc_db_errno tells why).
 */
#define MC_DB_TX_TRIES 5
int mc_db_tx(struct mc_db *, int (*fn)(struct mc_db *, void *), void *arg);

/*
 * The open transaction is found ended by the server although no statement
 * said so: a row it wrote itself is gone. Galera may abort a transaction
 * between two statements (brute force, for a write set of another node)
 * and let the next SELECT run, seeing none of its writes, before a later
 * statement reports 1213. Marks it so (1213): nothing more runs in it and
 * mc_db_tx runs it again. Outside a transaction it does nothing.
 */
void mc_db_tx_ended(struct mc_db *);

/* How many transactions mc_db_tx ran again on this connection. */
unsigned int mc_db_retries(struct mc_db *);

/*
 * Runs a statement that returns no rows. sql must point into a static
 * statement table. Returns the affected rows (>= 0) or -1.
 */
long long mc_db_exec(struct mc_db *, const char *sql, const char *types, ...);

/* Runs a query and copies all its rows into the arena; 0 or -1. */
int mc_db_query(struct mc_db *, struct mc_arena *, struct mc_rows *,
    const char *sql, const char *types, ...);

/* The AUTO_INCREMENT id of the last INSERT on this connection. */
unsigned long long mc_db_insert_id(struct mc_db *);

/* The server's error number of the last failure (e.g. 1062 duplicate). */
unsigned int mc_db_errno(struct mc_db *);

/*
 * Runs a script of statements separated by ';' at line ends, outside any
 * statement table: for migrations only. 0 or -1 (the failing statement is
 * logged).
 */
int mc_db_script(struct mc_db *, const char *text, size_t len);

/* Cell accessors: the string (NULL for SQL NULL) and the number (0 if NULL). */
const char *mc_rows_str(const struct mc_rows *, size_t row, size_t col);
long long   mc_rows_int(const struct mc_rows *, size_t row, size_t col);

/* Column index by name, or -1. */
int mc_rows_col(const struct mc_rows *, const char *name);

#endif
