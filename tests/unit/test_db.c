/*
 * lib/core/mc_db against the instance of MOTCUA_CONFIG: mc_db_tx runs a
 * transaction again when the server ends it (a real InnoDB deadlock between
 * two connections, and error 1213 as Galera reports a certification
 * conflict), never more than MC_DB_TX_TRIES times, never a domain refusal
 * or another error, and a transaction the server ended keeps nothing; every
 * table of the schema has a primary key (Galera replicates rows by it).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"

/* clang-format off */
static const char *const sql[] = {
	"UPDATE unit_db_tx SET v = v + 1 WHERE id = ?",
	"SELECT v FROM unit_db_tx WHERE id = ?",
	"INSERT INTO unit_db_tx (id, v) VALUES (?, 1)",
	"SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, "
	    "MESSAGE_TEXT = 'certification conflict (test)'",
	"SELECT COUNT(*) FROM unit_db_tx",
	"SELECT t.table_name FROM information_schema.tables t "
	    "WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' "
	    "AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c "
	    "WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name "
	    "AND c.constraint_type = 'PRIMARY KEY')",
	"SELECT engine FROM information_schema.tables WHERE table_schema = "
	    "DATABASE() AND table_type = 'BASE TABLE' AND engine <> 'InnoDB'",
};
/* clang-format on */
enum { S_BUMP, S_GET, S_INSERT, S_CONFLICT, S_COUNT, S_NO_PK, S_NOT_INNODB };

static long long
value(struct mc_db *db, struct mc_arena *a, long long id)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, sql[S_GET], "i", id) < 0 || r.n != 1)
		return -1;
	return mc_rows_int(&r, 0, 0);
}

static int
reset(struct mc_db *db)
{
	static const char ddl[] =
	    "DROP TABLE IF EXISTS unit_db_tx;\n"
	    "CREATE TABLE unit_db_tx (id INT PRIMARY KEY, v INT NOT NULL) "
	    "ENGINE=InnoDB;\n"
	    "INSERT INTO unit_db_tx VALUES (1, 0), (2, 0);\n";

	return mc_db_script(db, ddl, sizeof(ddl) - 1);
}

/* ------------------------------------------------------------ deadlock */

/* Two transactions take rows 1 and 2 in opposite orders. */
struct crosser {
	struct mc_db *db;
	long long     first, second;
	int	      calls;
	int	      rc;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t  cv = PTHREAD_COND_INITIALIZER;
static int	       holding; /* transactions holding their first row */

static int
cross(struct mc_db *db, void *arg)
{
	struct crosser *c = arg;

	if (mc_db_exec(db, sql[S_BUMP], "i", c->first) != 1)
		return -1;
	if (c->calls++ == 0) {
		/* First try only: wait until both hold their first row. */
		pthread_mutex_lock(&mu);
		holding++;
		pthread_cond_broadcast(&cv);
		while (holding < 2)
			pthread_cond_wait(&cv, &mu);
		pthread_mutex_unlock(&mu);
	}
	if (mc_db_exec(db, sql[S_BUMP], "i", c->second) != 1)
		return -1;
	return 0;
}

static void *
crosser_run(void *arg)
{
	struct crosser *c = arg;

	c->rc = mc_db_tx(c->db, cross, c);
	return NULL;
}

static void
test_deadlock(struct mc_db *db, struct mc_arena *a)
{
	struct crosser x = { 0 }, y = { 0 };
	pthread_t      tx, ty;

	CHECK_INT(reset(db), 0);
	x.db = mc_db_open();
	y.db = mc_db_open();
	CHECK(x.db != NULL && y.db != NULL);
	if (x.db == NULL || y.db == NULL)
		return;
	x.first = y.second = 1;
	x.second = y.first = 2;
	CHECK_INT(pthread_create(&tx, NULL, crosser_run, &x), 0);
	CHECK_INT(pthread_create(&ty, NULL, crosser_run, &y), 0);
	pthread_join(tx, NULL);
	pthread_join(ty, NULL);
	/* Both committed, each once: the deadlock's victim ran again. */
	CHECK_INT(x.rc, 0);
	CHECK_INT(y.rc, 0);
	CHECK_INT(value(db, a, 1), 2);
	CHECK_INT(value(db, a, 2), 2);
	CHECK_INT(x.calls + y.calls, 3);
	CHECK_INT(mc_db_retries(x.db) + mc_db_retries(y.db), 1);
	mc_db_close(x.db);
	mc_db_close(y.db);
}

/* ------------------------------------------------------------ conflicts */

struct flaky {
	int	  calls;
	int	  conflicts; /* the first this many tries end in 1213 */
	int	  refuse;    /* return this instead (a domain refusal) */
	long long id;
};

static int
flaky(struct mc_db *db, void *arg)
{
	struct flaky *f = arg;

	f->calls++;
	if (mc_db_exec(db, sql[S_INSERT], "i", f->id) != 1)
		return -1;
	if (f->refuse)
		return f->refuse;
	if (f->calls <= f->conflicts) {
		if (mc_db_exec(db, sql[S_CONFLICT], "") >= 0)
			return 0;
		CHECK_INT(mc_db_errno(db), 1213);
		/* The server ended it: nothing more runs in it. */
		CHECK(mc_db_exec(db, sql[S_BUMP], "i", 1LL) < 0);
		CHECK_INT(mc_db_errno(db), 1213);
		return -1;
	}
	return 0;
}

static long long
count(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, sql[S_COUNT], "") < 0 || r.n != 1)
		return -1;
	return mc_rows_int(&r, 0, 0);
}

static void
test_conflicts(struct mc_db *db, struct mc_arena *a)
{
	struct flaky f;

	/* Two conflicts, then a commit: one row, three tries. */
	CHECK_INT(reset(db), 0);
	memset(&f, 0, sizeof(f));
	f.conflicts = 2;
	f.id = 10;
	CHECK_INT(mc_db_tx(db, flaky, &f), 0);
	CHECK_INT(f.calls, 3);
	CHECK_INT(count(db, a), 3);

	/* Always in conflict: given up after MC_DB_TX_TRIES, nothing kept. */
	memset(&f, 0, sizeof(f));
	f.conflicts = 1000;
	f.id = 11;
	CHECK_INT(mc_db_tx(db, flaky, &f), -1);
	CHECK_INT(f.calls, MC_DB_TX_TRIES);
	CHECK_INT(mc_db_errno(db), 1213);
	CHECK_INT(count(db, a), 3);

	/* A refusal of the caller's own (> 0): once, rolled back. */
	memset(&f, 0, sizeof(f));
	f.refuse = 7;
	f.id = 12;
	CHECK_INT(mc_db_tx(db, flaky, &f), 7);
	CHECK_INT(f.calls, 1);
	CHECK_INT(count(db, a), 3);

	/* Another error (a duplicate key, 1062): once, not again. */
	memset(&f, 0, sizeof(f));
	f.id = 10;
	CHECK_INT(mc_db_tx(db, flaky, &f), -1);
	CHECK_INT(f.calls, 1);
	CHECK_INT(mc_db_errno(db), 1062);

	/* The plain begin/commit path refuses a transaction the server
	 * ended, instead of committing what ran after the end. */
	CHECK_INT(mc_db_begin(db), 0);
	CHECK(mc_db_exec(db, sql[S_CONFLICT], "") < 0);
	CHECK(mc_db_exec(db, sql[S_INSERT], "i", 13LL) < 0);
	CHECK_INT(mc_db_commit(db), -1);
	CHECK_INT(count(db, a), 3);
	/* And the connection works on. */
	CHECK_INT(mc_db_exec(db, sql[S_INSERT], "i", 14LL), 1);
	CHECK_INT(count(db, a), 4);
}

/* ------------------------------------------------------------ schema */

static void
test_schema(struct mc_db *db, struct mc_arena *a)
{
	static const char drop[] = "DROP TABLE IF EXISTS unit_db_tx;\n";
	struct mc_rows	  r;
	size_t		  i;

	CHECK_INT(mc_db_script(db, drop, sizeof(drop) - 1), 0);
	CHECK_INT(mc_db_query(db, a, &r, sql[S_NO_PK], ""), 0);
	for (i = 0; i < r.n; i++)
		fprintf(stderr, "table without a primary key: %s\n",
		    mc_rows_str(&r, i, 0));
	CHECK_INT(r.n, 0);
	CHECK_INT(mc_db_query(db, a, &r, sql[S_NOT_INNODB], ""), 0);
	CHECK_INT(r.n, 0);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;

	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		fprintf(stderr, "no database (MOTCUA_CONFIG)\n");
		printf("0 passed, 1 failed\n");
		return 1;
	}
	a = mc_arena_new(64 * 1024);
	test_deadlock(db, a);
	test_conflicts(db, a);
	test_schema(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
