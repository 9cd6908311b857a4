/*
 * Exports as background jobs: queue rows asked for by the office's pages,
 * claimed under a lease by bin/worker, read back by "my exports".
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_export_jobs.h"
#include "mc_log.h"

#define JOB_COLUMNS \
	"SELECT id, account_id, agency_id, name, format, uri, lang, state, " \
	"reason, rows_done, bytes, attempts, claimed_by, requested_at, " \
	"finished_at FROM export_jobs "

/* mc_export_job_get's columns. */
enum job_col {
	JC_ID,
	JC_ACCOUNT,
	JC_AGENCY,
	JC_NAME,
	JC_FORMAT,
	JC_URI,
	JC_LANG,
	JC_STATE,
	JC_REASON,
	JC_ROWS,
	JC_BYTES,
	JC_ATTEMPTS,
	JC_CLAIMED_BY,
	JC_REQUESTED,
	JC_FINISHED,
	JC__MAX
};

enum stmt {
	STMT_ADD,
	STMT_LIST,
	STMT_GET,
	STMT_GIVE_UP,
	STMT_NEXT,
	STMT_START,
	STMT_BEAT,
	STMT_DONE,
	STMT_FAIL,
	STMT_REQUEUE,
	STMT_OLD,
	STMT_EXPIRED,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_ADD] = "INSERT INTO export_jobs (account_id, agency_id, name, "
	    "format, uri, lang, state, requested_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, 0, NOW())",
	[STMT_LIST] = "SELECT id, name, format, state, reason, rows_done, "
	    "bytes, requested_at, finished_at, attempts FROM export_jobs "
	    "WHERE account_id = ? ORDER BY id DESC LIMIT ?",
	[STMT_GET] = JOB_COLUMNS "WHERE id = ?",
	/* Builders that died too often: the job fails. */
	[STMT_GIVE_UP] = "UPDATE export_jobs SET state = 3, reason = 'stopped', "
	    "finished_at = NOW(), claimed_by = NULL WHERE state = 1 "
	    "AND lease_until < NOW() AND attempts >= ?",
	[STMT_NEXT] = "SELECT id FROM export_jobs WHERE state = 0 "
	    "OR (state = 1 AND lease_until < NOW()) ORDER BY id LIMIT 1 "
	    "FOR UPDATE SKIP LOCKED",
	[STMT_START] = "UPDATE export_jobs SET state = 1, claimed_by = ?, "
	    "attempts = attempts + 1, rows_done = 0, "
	    "lease_until = NOW() + INTERVAL ? SECOND, "
	    "started_at = COALESCE(started_at, NOW()) WHERE id = ?",
	[STMT_BEAT] = "UPDATE export_jobs SET rows_done = ?, "
	    "lease_until = NOW() + INTERVAL ? SECOND "
	    "WHERE id = ? AND state = 1 AND claimed_by = ?",
	[STMT_DONE] = "UPDATE export_jobs SET state = 2, rows_done = ?, "
	    "bytes = ?, finished_at = NOW(), lease_until = NULL "
	    "WHERE id = ? AND state = 1 AND claimed_by = ?",
	[STMT_FAIL] = "UPDATE export_jobs SET state = 3, reason = ?, "
	    "finished_at = NOW(), lease_until = NULL "
	    "WHERE id = ? AND state = 1 AND claimed_by = ?",
	[STMT_REQUEUE] = "UPDATE export_jobs SET state = IF(attempts >= ?, "
	    "3, 0), reason = IF(attempts >= ?, 'stopped', NULL), "
	    "finished_at = IF(attempts >= ?, NOW(), NULL), "
	    "lease_until = NULL, claimed_by = NULL "
	    "WHERE id = ? AND state = 1 AND claimed_by = ?",
	[STMT_OLD] = "SELECT id, format FROM export_jobs WHERE state = 2 "
	    "AND finished_at < NOW() - INTERVAL ? DAY ORDER BY id LIMIT ?",
	[STMT_EXPIRED] = "UPDATE export_jobs SET state = 4 "
	    "WHERE id = ? AND state = 2",
};
/* clang-format on */

int
mc_export_job_add(struct mc_db *db, long long account, unsigned int agency,
    const char *name, const char *format, const char *uri, const char *lang,
    long long *id)
{
	if (mc_db_exec(db, stmts[STMT_ADD], "iissss", account,
		(long long)agency, name, format, uri, lang) != 1)
		return -1;
	*id = (long long)mc_db_insert_id(db);
	return 0;
}

int
mc_export_job_list(struct mc_db *db, struct mc_arena *a, long long account,
    size_t n, struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmts[STMT_LIST], "ii", account,
		(long long)n) < 0)
		return -1;
	if (rows->ncols != EJCOL__MAX) {
		mc_err("mc_export_job_list: %zu columns", rows->ncols);
		return -1;
	}
	return 0;
}

int
mc_export_job_get(struct mc_db *db, struct mc_arena *a, long long id,
    struct mc_export_job *j)
{
	struct mc_rows rows;

	memset(j, 0, sizeof(*j));
	if (mc_db_query(db, a, &rows, stmts[STMT_GET], "i", id) < 0)
		return -1;
	if (rows.ncols != JC__MAX) {
		mc_err("mc_export_job_get: %zu columns", rows.ncols);
		return -1;
	}
	if (rows.n == 0)
		return 0;
	j->id = mc_rows_int(&rows, 0, JC_ID);
	j->account_id = mc_rows_int(&rows, 0, JC_ACCOUNT);
	j->agency_id = (unsigned int)mc_rows_int(&rows, 0, JC_AGENCY);
	j->name = mc_rows_str(&rows, 0, JC_NAME);
	j->format = mc_rows_str(&rows, 0, JC_FORMAT);
	j->uri = mc_rows_str(&rows, 0, JC_URI);
	j->lang = mc_rows_str(&rows, 0, JC_LANG);
	j->state = (enum mc_export_state)mc_rows_int(&rows, 0, JC_STATE);
	j->reason = mc_rows_str(&rows, 0, JC_REASON);
	j->rows = mc_rows_int(&rows, 0, JC_ROWS);
	j->bytes = mc_rows_int(&rows, 0, JC_BYTES);
	j->attempts = (int)mc_rows_int(&rows, 0, JC_ATTEMPTS);
	j->claimed_by = mc_rows_str(&rows, 0, JC_CLAIMED_BY);
	j->requested_at = mc_rows_str(&rows, 0, JC_REQUESTED);
	j->finished_at = mc_rows_str(&rows, 0, JC_FINISHED);
	return 1;
}

int
mc_export_job_claim(struct mc_db *db, const char *holder, int ttl,
    long long *id)
{
	struct mc_arena *a;
	struct mc_rows	 rows;
	long long	 n;
	int		 rc = -1;

	if ((n = mc_db_exec(db, stmts[STMT_GIVE_UP], "i",
		 (long long)MC_EXPORT_JOB_TRIES)) < 0)
		return -1;
	if (n > 0)
		mc_warn("%lld export(s) whose builder stopped %d times failed",
		    n, MC_EXPORT_JOB_TRIES);
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
	if (mc_db_exec(db, stmts[STMT_START], "sii", holder, (long long)ttl,
		*id) != 1)
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

/* 1 when one row changed, 0 none, -1 error. */
static int
one(long long n)
{
	return n < 0 ? -1 : n > 0;
}

int
mc_export_job_beat(struct mc_db *db, long long id, const char *holder,
    long long rows, int ttl)
{
	return one(mc_db_exec(db, stmts[STMT_BEAT], "iiis", rows,
	    (long long)ttl, id, holder));
}

int
mc_export_job_done(struct mc_db *db, long long id, const char *holder,
    long long rows, long long bytes)
{
	return one(
	    mc_db_exec(db, stmts[STMT_DONE], "iiis", rows, bytes, id, holder));
}

int
mc_export_job_fail(struct mc_db *db, long long id, const char *holder,
    const char *reason)
{
	return one(
	    mc_db_exec(db, stmts[STMT_FAIL], "sis", reason, id, holder));
}

int
mc_export_job_requeue(struct mc_db *db, long long id, const char *holder)
{
	long long t = MC_EXPORT_JOB_TRIES;

	return one(
	    mc_db_exec(db, stmts[STMT_REQUEUE], "iiiis", t, t, t, id, holder));
}

int
mc_export_job_old(struct mc_db *db, struct mc_arena *a, int days, size_t n,
    struct mc_rows *rows)
{
	return mc_db_query(db, a, rows, stmts[STMT_OLD], "ii", (long long)days,
		   (long long)n) < 0 ?
	    -1 :
	    0;
}

int
mc_export_job_expired(struct mc_db *db, long long id)
{
	return mc_db_exec(db, stmts[STMT_EXPIRED], "i", id) < 0 ? -1 : 0;
}

const char *
mc_export_job_dir(void)
{
	static char dir[512];
	const char *d = mc_config_get("export_dir", NULL);

	if (d != NULL && *d != '\0')
		snprintf(dir, sizeof(dir), "%s", d);
	else
		snprintf(dir, sizeof(dir), "%s/exports",
		    mc_config_get("files_dir", "/tmp"));
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		mc_err("mkdir %s: %s", dir, strerror(errno));
		return NULL;
	}
	return dir;
}

const char *
mc_export_job_path(struct mc_arena *a, long long id, const char *format,
    int part)
{
	const char *dir = mc_export_job_dir();

	if (dir == NULL)
		return NULL;
	return mc_arena_printf(a, "%s/%lld.%s%s", dir, id, format,
	    part ? ".part" : "");
}
