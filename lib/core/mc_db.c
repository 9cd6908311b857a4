/*
 * MariaDB access over the unix socket (or over TCP with TLS: db_host):
 * statements prepared once per connection and cached by the address of
 * their SQL text, parameters bound, results copied into an arena, one
 * reconnect when the server went away.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>
#include <errmsg.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"

#define STMT_SLOTS  512 /* power of two, more than any program uses */
#define MAX_PARAMS  48
#define CELL_INLINE 64

struct slot {
	const char *sql;
	MYSQL_STMT *stmt;
};

struct mc_db {
	MYSQL	    *conn;
	struct slot  slots[STMT_SLOTS];
	int	     in_tx;
	int	     tx_work; /* statements run in this transaction */
	unsigned int last_errno;
	unsigned int tx_doomed; /* the server ended the transaction: errno */
	unsigned int retries;	/* transactions run again (mc_db_tx) */
};

/* One bound parameter list, kept until the statement has run. */
struct params {
	MYSQL_BIND    bind[MAX_PARAMS];
	long long     ints[MAX_PARAMS];
	unsigned long lens[MAX_PARAMS];
	size_t	      n;
};

/*
 * TLS to the server (db_host set and db_tls_ca naming the CA that signed
 * the servers' certificates): required, the server's certificate verified
 * against that CA and its name (db_host), TLS 1.2 or 1.3 only, and the
 * client's own certificate and key (db_tls_cert, db_tls_key) when the
 * server asks for one (a user created REQUIRE X509). Connector/C then
 * refuses a server without TLS, or one whose certificate does not verify.
 */
static void
db_tls_options(MYSQL *conn, const char *ca)
{
	const char *cert, *key;
	my_bool	    yes = 1;

	cert = mc_config_get("db_tls_cert", NULL);
	key = mc_config_get("db_tls_key", NULL);
	mysql_options(conn, MYSQL_OPT_SSL_ENFORCE, &yes);
	mysql_options(conn, MYSQL_OPT_SSL_CA, ca);
	mysql_options(conn, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes);
	mysql_options(conn, MARIADB_OPT_TLS_VERSION, "TLSv1.2,TLSv1.3");
	if (cert != NULL && *cert != '\0')
		mysql_options(conn, MYSQL_OPT_SSL_CERT, cert);
	if (key != NULL && *key != '\0')
		mysql_options(conn, MYSQL_OPT_SSL_KEY, key);
}

static int
db_connect(struct mc_db *db)
{
	unsigned int timeout = 5, rw;
	const char  *sock, *name, *user, *pass, *host, *ca;
	unsigned int port;
	int	     tls = 0;

	sock = mc_config_get("db_socket", NULL);
	name = mc_config_get("db_name", "motcua");
	user = mc_config_get("db_user", "app");
	pass = mc_config_get("db_password", "");
	/* Over TCP (a cluster: HAProxy in front of Galera; a server on
	 * another machine) when db_host is set; then TLS when db_tls_ca
	 * names the CA of the servers. */
	host = mc_config_get("db_host", NULL);
	if (host != NULL && *host == '\0')
		host = NULL;
	port = (unsigned int)mc_config_int("db_port", 3306, 1, 65535);
	ca = mc_config_get("db_tls_ca", NULL);
	if ((db->conn = mysql_init(NULL)) == NULL)
		return -1;
	mysql_options(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (host != NULL) {
		/* A dead peer behind the proxy is noticed, not waited on. */
		rw = (unsigned int)mc_config_int("db_timeout", 30, 1, 3600);
		mysql_options(db->conn, MYSQL_OPT_READ_TIMEOUT, &rw);
		mysql_options(db->conn, MYSQL_OPT_WRITE_TIMEOUT, &rw);
		if (ca != NULL && *ca != '\0') {
			db_tls_options(db->conn, ca);
			tls = 1;
		}
		sock = NULL;
	}
	if (mysql_real_connect(db->conn, host, user, pass, name,
		host ? port : 0, sock, 0) == NULL) {
		db->last_errno = mysql_errno(db->conn);
		if (tls)
			mc_err("connect to %s:%u over TLS (CA %s): %s", host,
			    port, ca, mysql_error(db->conn));
		else
			mc_err("connect to %s: %s",
			    host     ? host :
				sock ? sock :
				       "(default socket)",
			    mysql_error(db->conn));
		mysql_close(db->conn);
		db->conn = NULL;
		return -1;
	}
	/* Enforced above; a session in clear here would be a library bug. */
	if (tls && mysql_get_ssl_cipher(db->conn) == NULL) {
		db->last_errno = CR_SSL_CONNECTION_ERROR;
		mc_err("connect to %s:%u: no TLS on the session, refused",
		    host, port);
		mysql_close(db->conn);
		db->conn = NULL;
		return -1;
	}
	return 0;
}

static void
db_forget_statements(struct mc_db *db)
{
	size_t i;

	for (i = 0; i < STMT_SLOTS; i++) {
		if (db->slots[i].stmt != NULL)
			mysql_stmt_close(db->slots[i].stmt);
		db->slots[i].stmt = NULL;
		db->slots[i].sql = NULL;
	}
}

static void
db_disconnect(struct mc_db *db)
{
	db_forget_statements(db);
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
}

static int
db_reconnect(struct mc_db *db)
{
	db_disconnect(db);
	return db_connect(db);
}

static int
lost(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */ ||
	    e == CR_CONNECTION_ERROR || e == 1927 /* connection killed */ ||
	    e == CR_CONN_HOST_ERROR;
}

/*
 * The server ended the transaction: a deadlock, or Galera's certification
 * conflict or brute-force abort (both reported as 1213), or a node that
 * left the primary component (1047). Every statement since BEGIN is void.
 */
static int
aborted(unsigned int e)
{
	return e == 1213 /* ER_LOCK_DEADLOCK */ ||
	    e == 1047 /* ER_UNKNOWN_COM_ERROR: WSREP not ready */ ||
	    e == 1180 /* ER_ERROR_DURING_COMMIT */;
}

struct mc_db *
mc_db_open(void)
{
	struct mc_db *db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	if (db_connect(db) < 0) {
		free(db);
		return NULL;
	}
	return db;
}

void
mc_db_close(struct mc_db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	free(db);
}

int
mc_db_ping(struct mc_db *db)
{
	if (db->conn != NULL && mysql_ping(db->conn) == 0)
		return 1;
	if (db->in_tx)
		return 0;
	return db_reconnect(db) == 0;
}

/* The prepared statement for sql, preparing it on first use; NULL on error. */
static MYSQL_STMT *
db_stmt(struct mc_db *db, const char *sql)
{
	size_t	     i;
	struct slot *s;

	if (db->conn == NULL && (db->in_tx || db_connect(db) < 0))
		return NULL;
	i = ((uintptr_t)sql >> 3) & (STMT_SLOTS - 1);
	for (;; i = (i + 1) & (STMT_SLOTS - 1)) {
		s = &db->slots[i];
		if (s->sql == sql)
			return s->stmt;
		if (s->sql == NULL)
			break;
	}
	if ((s->stmt = mysql_stmt_init(db->conn)) == NULL)
		return NULL;
	if (mysql_stmt_prepare(s->stmt, sql, strlen(sql)) != 0) {
		db->last_errno = mysql_stmt_errno(s->stmt);
		mc_err("prepare: %s in: %.120s", mysql_stmt_error(s->stmt),
		    sql);
		mysql_stmt_close(s->stmt);
		s->stmt = NULL;
		return NULL;
	}
	s->sql = sql;
	return s->stmt;
}

static int
params_bind(struct params *p, const char *types, va_list ap)
{
	const char *s;
	MYSQL_BIND *b;

	memset(p->bind, 0, sizeof(p->bind));
	for (p->n = 0; types[p->n] != '\0'; p->n++) {
		if (p->n == MAX_PARAMS)
			return -1;
		b = &p->bind[p->n];
		switch (types[p->n]) {
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL) {
				b->buffer_type = MYSQL_TYPE_NULL;
				break;
			}
			b->buffer_type = MYSQL_TYPE_STRING;
			b->buffer = (void *)s;
			p->lens[p->n] = strlen(s);
			b->buffer_length = p->lens[p->n];
			b->length = &p->lens[p->n];
			break;
		case 'b':
			s = va_arg(ap, const char *);
			p->lens[p->n] = va_arg(ap, size_t);
			if (s == NULL) {
				b->buffer_type = MYSQL_TYPE_NULL;
				break;
			}
			b->buffer_type = MYSQL_TYPE_BLOB;
			b->buffer = (void *)s;
			b->buffer_length = p->lens[p->n];
			b->length = &p->lens[p->n];
			break;
		case 'i':
		case 'I':
			p->ints[p->n] = va_arg(ap, long long);
			if (types[p->n] == 'I' && p->ints[p->n] == 0) {
				b->buffer_type = MYSQL_TYPE_NULL;
				break;
			}
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &p->ints[p->n];
			break;
		case 'n':
			b->buffer_type = MYSQL_TYPE_NULL;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

/*
 * Prepares (if needed), binds and executes; on a lost connection outside a
 * transaction (or before its first statement) reconnects and tries once
 * more. Returns the statement or NULL.
 */
static MYSQL_STMT *
db_run(struct mc_db *db, const char *sql, struct params *p)
{
	MYSQL_STMT *st;
	int	    attempt;

	if (db->in_tx && db->tx_doomed) {
		/* The server already rolled back: no statement may run in a
		 * new implicit transaction that the commit would keep. */
		db->last_errno = db->tx_doomed;
		return NULL;
	}
	for (attempt = 0; attempt < 2; attempt++) {
		db->last_errno = 0;
		if ((st = db_stmt(db, sql)) == NULL) {
			/* db_stmt kept the statement's error: mysql_stmt_close()
			 * has already cleared the connection's. */
			if (db->conn != NULL && db->last_errno == 0)
				db->last_errno = mysql_errno(db->conn);
			if (db->conn != NULL && !lost(db->last_errno))
				return NULL;
		} else if (mysql_stmt_param_count(st) != p->n) {
			mc_err("statement wants %lu values, got %zu: %.80s",
			    mysql_stmt_param_count(st), p->n, sql);
			return NULL;
		} else if (mysql_stmt_bind_param(st, p->bind) == 0 &&
		    mysql_stmt_execute(st) == 0) {
			db->last_errno = 0;
			db->tx_work++;
			return st;
		} else {
			db->last_errno = mysql_stmt_errno(st);
			if (db->in_tx && aborted(db->last_errno))
				db->tx_doomed = db->last_errno;
			if (!lost(db->last_errno)) {
				if (db->last_errno != 1062 &&
				    !(db->in_tx && aborted(db->last_errno)))
					mc_err("%s in: %.120s",
					    mysql_stmt_error(st), sql);
				return NULL;
			}
		}
		if (db->in_tx && db->tx_work > 0) {
			mc_err("connection lost inside a transaction");
			db_disconnect(db);
			db->tx_doomed = db->last_errno;
			return NULL;
		}
		mc_warn("connection lost; reconnecting");
		if (db_reconnect(db) < 0)
			return NULL;
		if (db->in_tx)
			mysql_autocommit(db->conn, 0);
	}
	return NULL;
}

long long
mc_db_exec(struct mc_db *db, const char *sql, const char *types, ...)
{
	struct params p;
	MYSQL_STMT   *st;
	va_list	      ap;
	int	      rc;

	va_start(ap, types);
	rc = params_bind(&p, types, ap);
	va_end(ap);
	if (rc < 0) {
		mc_err("bad parameter types \"%s\"", types);
		return -1;
	}
	if ((st = db_run(db, sql, &p)) == NULL)
		return -1;
	return (long long)mysql_stmt_affected_rows(st);
}

int
mc_db_query(struct mc_db *db, struct mc_arena *a, struct mc_rows *rows,
    const char *sql, const char *types, ...)
{
	struct params  p;
	MYSQL_STMT    *st;
	MYSQL_RES     *meta;
	MYSQL_FIELD   *f;
	MYSQL_BIND    *rb = NULL;
	unsigned long *lens = NULL;
	my_bool	      *nulls = NULL, *errs = NULL;
	char	      *inl = NULL, *cell;
	size_t	       nc, r, c, n;
	va_list	       ap;
	int	       rc, ret = -1;

	memset(rows, 0, sizeof(*rows));
	va_start(ap, types);
	rc = params_bind(&p, types, ap);
	va_end(ap);
	if (rc < 0) {
		mc_err("bad parameter types \"%s\"", types);
		return -1;
	}
	if ((st = db_run(db, sql, &p)) == NULL)
		return -1;
	if ((meta = mysql_stmt_result_metadata(st)) == NULL) {
		mc_err("statement returns no rows: %.80s", sql);
		return -1;
	}
	nc = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	rows->ncols = nc;
	rows->names = mc_arena_alloc(a, nc * sizeof(char *));
	for (c = 0; c < nc; c++)
		rows->names[c] = mc_arena_strdup(a, f[c].name);
	if (mysql_stmt_store_result(st) != 0) {
		db->last_errno = mysql_stmt_errno(st);
		mc_err("store: %s", mysql_stmt_error(st));
		goto out_meta;
	}
	n = (size_t)mysql_stmt_num_rows(st);
	rows->v = mc_arena_alloc(a, (n * nc + 1) * sizeof(char *));
	rows->len = mc_arena_alloc(a, (n * nc + 1) * sizeof(size_t));
	rb = calloc(nc + 1, sizeof(*rb));
	lens = calloc(nc + 1, sizeof(*lens));
	nulls = calloc(nc + 1, sizeof(*nulls));
	errs = calloc(nc + 1, sizeof(*errs));
	inl = malloc((nc + 1) * CELL_INLINE);
	if (rb == NULL || lens == NULL || nulls == NULL || errs == NULL ||
	    inl == NULL)
		goto out_free;
	for (c = 0; c < nc; c++) {
		rb[c].buffer_type = MYSQL_TYPE_STRING;
		rb[c].buffer = inl + c * CELL_INLINE;
		rb[c].buffer_length = CELL_INLINE;
		rb[c].length = &lens[c];
		rb[c].is_null = &nulls[c];
		rb[c].error = &errs[c];
	}
	if (mysql_stmt_bind_result(st, rb) != 0) {
		mc_err("bind result: %s", mysql_stmt_error(st));
		goto out_free;
	}
	for (r = 0; r < n; r++) {
		rc = mysql_stmt_fetch(st);
		if (rc == MYSQL_NO_DATA)
			break;
		if (rc == 1) {
			mc_err("fetch: %s", mysql_stmt_error(st));
			goto out_free;
		}
		for (c = 0; c < nc; c++) {
			if (nulls[c])
				continue;
			cell = mc_arena_alloc(a, lens[c] + 1);
			if (lens[c] <= CELL_INLINE)
				memcpy(cell, inl + c * CELL_INLINE, lens[c]);
			else {
				MYSQL_BIND    one;
				unsigned long got = 0;

				memset(&one, 0, sizeof(one));
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = cell;
				one.buffer_length = lens[c] + 1;
				one.length = &got;
				if (mysql_stmt_fetch_column(st, &one,
					(unsigned int)c, 0) != 0) {
					mc_err("fetch column: %s",
					    mysql_stmt_error(st));
					goto out_free;
				}
			}
			cell[lens[c]] = '\0';
			rows->v[r * nc + c] = cell;
			rows->len[r * nc + c] = lens[c];
		}
	}
	rows->n = r;
	ret = 0;
out_free:
	free(rb);
	free(lens);
	free(nulls);
	free(errs);
	free(inl);
	mysql_stmt_free_result(st);
out_meta:
	mysql_free_result(meta);
	return ret;
}

int
mc_db_begin(struct mc_db *db)
{
	if (db->conn == NULL && db_connect(db) < 0)
		return -1;
	if (mysql_autocommit(db->conn, 0) != 0) {
		if (!lost(mysql_errno(db->conn)) || db_reconnect(db) < 0 ||
		    mysql_autocommit(db->conn, 0) != 0) {
			mc_err("begin: %s",
			    db->conn ? mysql_error(db->conn) :
				       "no connection");
			return -1;
		}
	}
	db->in_tx = 1;
	db->tx_work = 0;
	db->tx_doomed = 0;
	return 0;
}

int
mc_db_commit(struct mc_db *db)
{
	int rc = 0;

	if (db->tx_doomed) {
		db->last_errno = db->tx_doomed;
		mc_db_rollback(db);
		return -1;
	}
	if (db->conn == NULL || mysql_commit(db->conn) != 0) {
		/* Outcome unknown when the connection died: never retried. */
		if (db->conn != NULL) {
			db->last_errno = mysql_errno(db->conn);
			mc_err("commit: %s", mysql_error(db->conn));
		}
		rc = -1;
	}
	if (db->conn != NULL)
		mysql_autocommit(db->conn, 1);
	db->in_tx = 0;
	return rc;
}

void
mc_db_rollback(struct mc_db *db)
{
	db->tx_doomed = 0;
	if (db->conn != NULL) {
		if (mysql_rollback(db->conn) != 0 ||
		    mysql_autocommit(db->conn, 1) != 0)
			db_disconnect(db);
	}
	db->in_tx = 0;
}

/* Sleeps ms milliseconds, more or less a third at random. */
static void
backoff(long ms)
{
	struct timespec ts;

	ms += (long)((unsigned)rand() % (unsigned)(ms / 3 + 1)) - ms / 6;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

int
mc_db_tx(struct mc_db *db, int (*fn)(struct mc_db *, void *), void *arg)
{
	unsigned int e;
	int	     rc, n;

	for (n = 1;; n++) {
		if (mc_db_begin(db) < 0)
			return -1;
		if ((rc = fn(db, arg)) == 0) {
			if (mc_db_commit(db) == 0)
				return 0;
			/* A lost commit has an unknown outcome: not again. */
			e = db->last_errno;
			if (!aborted(e))
				return -1;
			rc = -1;
		} else {
			/* Why it failed, before the rollback clears it. */
			e = db->tx_doomed ? db->tx_doomed : db->last_errno;
			mc_db_rollback(db);
			if (rc > 0 || !(aborted(e) || lost(e)))
				return rc;
		}
		if (n >= MC_DB_TX_TRIES) {
			mc_err("transaction given up after %d tries (error "
			       "%u)",
			    n, e);
			db->last_errno = e;
			return rc;
		}
		db->retries++;
		mc_warn("transaction ended by the server (error %u): try %d "
			"of %d",
		    e, n + 1, MC_DB_TX_TRIES);
		backoff(20L << n);
	}
}

void
mc_db_tx_ended(struct mc_db *db)
{
	if (!db->in_tx || db->tx_doomed)
		return;
	mc_warn("a row this transaction wrote is gone: ended by the server");
	db->tx_doomed = 1213;
	db->last_errno = 1213;
}

unsigned int
mc_db_retries(struct mc_db *db)
{
	return db->retries;
}

unsigned long long
mc_db_insert_id(struct mc_db *db)
{
	return db->conn ? mysql_insert_id(db->conn) : 0;
}

unsigned int
mc_db_errno(struct mc_db *db)
{
	return db->last_errno;
}

/* Runs one statement of a migration script. */
static int
script_statement(struct mc_db *db, const char *s, size_t n)
{
	MYSQL_RES *res;

	while (n > 0 && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
		s++, n--;
	if (n == 0)
		return 0;
	if (mysql_real_query(db->conn, s, n) != 0) {
		db->last_errno = mysql_errno(db->conn);
		mc_err("%s in: %.*s", mysql_error(db->conn),
		    (int)(n > 200 ? 200 : n), s);
		return -1;
	}
	if ((res = mysql_store_result(db->conn)) != NULL)
		mysql_free_result(res);
	return 0;
}

int
mc_db_script(struct mc_db *db, const char *text, size_t len)
{
	char	   *clean, *o;
	const char *p, *end = text + len, *eol, *stmt;
	size_t	    l;

	if (db->conn == NULL && db_connect(db) < 0)
		return -1;
	/* Drop "--" comment lines, then split at ';' ending a line. */
	if ((clean = malloc(len + 1)) == NULL)
		return -1;
	o = clean;
	for (p = text; p < end; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		l = (size_t)(eol - p);
		while (l > 0 && (*p == ' ' || *p == '\t'))
			p++, l--;
		if (l >= 2 && p[0] == '-' && p[1] == '-')
			continue;
		memcpy(o, p, l);
		o += l;
		*o++ = '\n';
		if (eol == end)
			break;
	}
	*o = '\0';
	for (stmt = p = clean; *p != '\0'; p++) {
		if (*p != ';')
			continue;
		for (eol = p + 1; *eol == ' ' || *eol == '\t' || *eol == '\r';)
			eol++;
		if (*eol != '\n' && *eol != '\0')
			continue;
		if (script_statement(db, stmt, (size_t)(p - stmt)) < 0) {
			free(clean);
			return -1;
		}
		stmt = p + 1;
	}
	l = strlen(stmt);
	if (script_statement(db, stmt, l) < 0) {
		free(clean);
		return -1;
	}
	free(clean);
	return 0;
}

const char *
mc_rows_str(const struct mc_rows *r, size_t row, size_t col)
{
	if (row >= r->n || col >= r->ncols)
		return NULL;
	return r->v[row * r->ncols + col];
}

long long
mc_rows_int(const struct mc_rows *r, size_t row, size_t col)
{
	const char *s = mc_rows_str(r, row, col);

	return s ? strtoll(s, NULL, 10) : 0;
}

int
mc_rows_col(const struct mc_rows *r, const char *name)
{
	size_t c;

	for (c = 0; c < r->ncols; c++)
		if (strcmp(r->names[c], name) == 0)
			return (int)c;
	return -1;
}
