/*
 * Site builds as queue rows: queued by the webmaster's page, claimed and
 * run by bin/worker, read back by the page (mc_sitebuild.h).
 */
#include <stdio.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_sitebuild.h"

#define ROW_COLUMNS \
	"SELECT b.id, b.state, b.full_rebuild, b.requested_at, " \
	"b.started_at, b.finished_at, b.pages_total, b.pages_done, " \
	"b.written, b.unchanged, b.removed, b.ms, b.message, a.full_name " \
	"FROM site_builds b LEFT JOIN accounts a ON a.id = b.requested_by "

enum stmt {
	STMT_WAITING,
	STMT_JOIN_FULL,
	STMT_ADD,
	STMT_GET,
	STMT_RECENT,
	STMT_NEXT,
	STMT_START,
	STMT_PROGRESS,
	STMT_BEAT,
	STMT_DONE,
	STMT_FAILED,
	STMT_REQUEUE,
	STMT_STALE,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_WAITING] = "SELECT id FROM site_builds WHERE state = 'queued' "
	    "ORDER BY id DESC LIMIT 1 FOR UPDATE",
	[STMT_JOIN_FULL] = "UPDATE site_builds SET full_rebuild = 1 "
	    "WHERE id = ? AND state = 'queued'",
	[STMT_ADD] = "INSERT INTO site_builds (requested_by, full_rebuild, "
	    "state, requested_at) VALUES (?, ?, 'queued', NOW())",
	[STMT_GET] = ROW_COLUMNS "WHERE b.id = ?",
	[STMT_RECENT] = ROW_COLUMNS "ORDER BY b.id DESC LIMIT ?",
	[STMT_NEXT] = "SELECT id, full_rebuild FROM site_builds "
	    "WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
	[STMT_START] = "UPDATE site_builds SET state = 'running', "
	    "started_at = NOW(), heartbeat_at = NOW(), claimed_by = ?, "
	    "pages_done = 0, pages_total = 0, message = NULL "
	    "WHERE id = ? AND state = 'queued'",
	[STMT_PROGRESS] = "UPDATE site_builds SET pages_done = ?, "
	    "pages_total = ?, heartbeat_at = NOW() "
	    "WHERE id = ? AND state = 'running'",
	[STMT_BEAT] = "UPDATE site_builds SET heartbeat_at = NOW() "
	    "WHERE id = ? AND state = 'running'",
	[STMT_DONE] = "UPDATE site_builds SET state = 'done', "
	    "finished_at = NOW(), heartbeat_at = NOW(), pages_done = ?, "
	    "pages_total = ?, written = ?, unchanged = ?, removed = ?, "
	    "ms = ?, message = NULL WHERE id = ? AND state = 'running'",
	[STMT_FAILED] = "UPDATE site_builds SET state = 'failed', "
	    "finished_at = NOW(), heartbeat_at = NOW(), message = ? "
	    "WHERE id = ? AND state = 'running'",
	[STMT_REQUEUE] = "UPDATE site_builds SET state = 'queued', "
	    "started_at = NULL, heartbeat_at = NULL, claimed_by = NULL, "
	    "pages_done = 0, pages_total = 0 "
	    "WHERE id = ? AND state = 'running'",
	[STMT_STALE] = "UPDATE site_builds SET state = 'failed', "
	    "finished_at = NOW(), message = 'the worker stopped during the "
	    "build' WHERE state = 'running' AND (heartbeat_at IS NULL OR "
	    "heartbeat_at < NOW() - INTERVAL ? SECOND)",
};
/* clang-format on */

/* 1 when rows have the columns of a build row, else 0 (logged). */
static int
shape(const char *what, const struct mc_rows *rows)
{
	if (rows->ncols == SBCOL__MAX)
		return 1;
	mc_err("%s: %zu columns, not %d", what, rows->ncols, SBCOL__MAX);
	return 0;
}

struct request {
	long long account;
	int	  full;
	long long id;
	int	  queued;
};

/*
 * The webmaster's "update the public site" in the audit log (a
 * configuration change), in the request's transaction: 0 or -1.
 */
static int
request_audit(struct mc_db *db, struct mc_arena *a, const struct request *q)
{
	struct mc_audit e;

	memset(&e, 0, sizeof(e));
	e.event = AUDIT_CONFIG;
	e.account_id = q->account;
	e.subject = mc_arena_printf(a, "site build %lld %s (%s)", q->id,
	    q->queued ? "asked" : "joined", q->full ? "full" : "changes");
	return mc_audit_write(db, &e);
}

static int
request_tx(struct mc_db *db, void *arg)
{
	struct request	*q = arg;
	struct mc_arena *a;
	struct mc_rows	 rows;
	int		 rc = -1;

	if ((a = mc_arena_new(1024)) == NULL)
		return -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_WAITING], "") < 0)
		goto out;
	if (rows.n == 1) {
		q->id = mc_rows_int(&rows, 0, 0);
		q->queued = 0;
		if (q->full &&
		    mc_db_exec(db, stmts[STMT_JOIN_FULL], "i", q->id) < 0)
			goto out;
		rc = 0;
		goto out;
	}
	if (mc_db_exec(db, stmts[STMT_ADD], "Ii", q->account,
		(long long)q->full) < 0)
		goto out;
	q->id = (long long)mc_db_insert_id(db);
	q->queued = 1;
	rc = 0;
out:
	if (rc == 0 && q->account > 0)
		rc = request_audit(db, a, q);
	mc_arena_free(a);
	return rc;
}

int
mc_sitebuild_request(struct mc_db *db, long long account, int full,
    long long *id)
{
	struct request q;

	memset(&q, 0, sizeof(q));
	q.account = account;
	q.full = full != 0;
	if (mc_db_tx(db, request_tx, &q) < 0)
		return -1;
	*id = q.id;
	return q.queued;
}

int
mc_sitebuild_get(struct mc_db *db, struct mc_arena *a, long long id,
    struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmts[STMT_GET], "i", id) < 0 ||
	    !shape("site build", rows))
		return -1;
	return rows->n == 1;
}

int
mc_sitebuild_recent(struct mc_db *db, struct mc_arena *a, size_t n,
    struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmts[STMT_RECENT], "i", (long long)n) <
		0 ||
	    !shape("site builds", rows))
		return -1;
	return 0;
}

int
mc_sitebuild_claim(struct mc_db *db, const char *holder, long long *id,
    int *full)
{
	struct mc_arena *a;
	struct mc_rows	 rows;
	int		 rc = -1;

	if ((a = mc_arena_new(1024)) == NULL)
		return -1;
	if (mc_db_begin(db) < 0)
		goto out;
	if (mc_db_query(db, a, &rows, stmts[STMT_NEXT], "") < 0)
		goto out_rollback;
	if (rows.n == 0) {
		mc_db_rollback(db);
		rc = 0;
		goto out;
	}
	*id = mc_rows_int(&rows, 0, 0);
	*full = mc_rows_int(&rows, 0, 1) != 0;
	if (mc_db_exec(db, stmts[STMT_START], "si", holder, *id) != 1)
		goto out_rollback;
	if (mc_db_commit(db) < 0)
		goto out;
	rc = 1;
	goto out;
out_rollback:
	mc_db_rollback(db);
out:
	mc_arena_free(a);
	return rc;
}

int
mc_sitebuild_progress(struct mc_db *db, long long id, size_t done,
    size_t total)
{
	return mc_db_exec(db, stmts[STMT_PROGRESS], "iii", (long long)done,
		   (long long)total, id) < 0 ?
	    -1 :
	    0;
}

int
mc_sitebuild_beat(struct mc_db *db, long long id)
{
	return mc_db_exec(db, stmts[STMT_BEAT], "i", id) < 0 ? -1 : 0;
}

int
mc_sitebuild_finish(struct mc_db *db, long long id, int ok,
    const struct mc_sitebuild_result *res, const char *message)
{
	long long n;

	if (ok && res != NULL)
		n = mc_db_exec(db, stmts[STMT_DONE], "iiiiiii", res->pages,
		    res->pages, res->written, res->unchanged, res->removed,
		    res->ms, id);
	else
		n = mc_db_exec(db, stmts[STMT_FAILED], "si",
		    message != NULL ? message : "failed", id);
	if (n < 0)
		return -1;
	return n == 1;
}

int
mc_sitebuild_requeue(struct mc_db *db, long long id)
{
	return mc_db_exec(db, stmts[STMT_REQUEUE], "i", id) < 0 ? -1 : 0;
}

long long
mc_sitebuild_fail_stale(struct mc_db *db, long stale_s)
{
	return mc_db_exec(db, stmts[STMT_STALE], "i", (long long)stale_s);
}
