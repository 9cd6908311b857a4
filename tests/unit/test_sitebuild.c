/*
 * lib/domain/mc_sitebuild against the instance of MOTCUA_CONFIG. Only rows
 * made here as running are driven (the instance's worker claims waiting
 * ones): a build row's shape, the outcome recorded once, progress and beats
 * only while running, a build whose worker stopped beating failed, one put
 * back in the queue taken back out before the worker could run it.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_sitebuild.h"

/* clang-format off */
static const char *const sql[] = {
	"INSERT INTO site_builds (state, requested_at, started_at, "
	    "heartbeat_at, claimed_by) VALUES ('running', NOW(), NOW(), "
	    "NOW() - INTERVAL ? SECOND, 'unit:1:1')",
	"SELECT state, message, pages_done, pages_total, written, ms, "
	    "heartbeat_at > NOW() - INTERVAL 1 MINUTE FROM site_builds "
	    "WHERE id = ?",
	"DELETE FROM site_builds WHERE id = ?",
};
/* clang-format on */
enum { S_RUNNING, S_ROW, S_DELETE };

static long long
running(struct mc_db *db, long long beat_ago)
{
	if (mc_db_exec(db, sql[S_RUNNING], "i", beat_ago) != 1)
		return 0;
	return (long long)mc_db_insert_id(db);
}

static void
test_finish(struct mc_db *db, struct mc_arena *a)
{
	struct mc_sitebuild_result res = { 3875, 7, 3868, 0, 10038 };
	struct mc_rows		   rows;
	long long		   id;

	CHECK((id = running(db, 0)) > 0);
	CHECK_INT(mc_sitebuild_get(db, a, id, &rows), 1);
	CHECK_INT(rows.ncols, SBCOL__MAX);
	CHECK_STR(mc_rows_str(&rows, 0, SBCOL_STATE), "running");
	CHECK_STR(rows.names[SBCOL_PAGES_DONE], "pages_done");
	CHECK_STR(rows.names[SBCOL_BY], "full_name");
	CHECK_INT(mc_sitebuild_get(db, a, 1LL << 40, &rows), 0);
	CHECK_INT(mc_sitebuild_progress(db, id, 100, 3875), 0);
	CHECK_INT(mc_sitebuild_finish(db, id, 1, &res, NULL), 1);
	CHECK(mc_db_query(db, a, &rows, sql[S_ROW], "i", id) == 0);
	CHECK_STR(mc_rows_str(&rows, 0, 0), "done");
	CHECK_STR(mc_rows_str(&rows, 0, 1), NULL);
	CHECK_INT(mc_rows_int(&rows, 0, 2), 3875);
	CHECK_INT(mc_rows_int(&rows, 0, 4), 7);
	CHECK_INT(mc_rows_int(&rows, 0, 5), 10038);
	/* Ended once: no second outcome, no progress after the end. */
	CHECK_INT(mc_sitebuild_finish(db, id, 0, NULL, "late"), 0);
	CHECK_INT(mc_sitebuild_progress(db, id, 1, 1), 0);
	CHECK(mc_db_query(db, a, &rows, sql[S_ROW], "i", id) == 0);
	CHECK_STR(mc_rows_str(&rows, 0, 0), "done");
	CHECK_INT(mc_rows_int(&rows, 0, 2), 3875);
	mc_db_exec(db, sql[S_DELETE], "i", id);

	CHECK((id = running(db, 0)) > 0);
	CHECK_INT(mc_sitebuild_finish(db, id, 0, NULL, "the generator failed"),
	    1);
	CHECK(mc_db_query(db, a, &rows, sql[S_ROW], "i", id) == 0);
	CHECK_STR(mc_rows_str(&rows, 0, 0), "failed");
	CHECK_STR(mc_rows_str(&rows, 0, 1), "the generator failed");
	mc_db_exec(db, sql[S_DELETE], "i", id);
}

static void
test_stale(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows rows;
	long long      dead, alive;

	/*
	 * In one transaction: both rows are stale to the instance's
	 * running worker too (it fails builds silent for 300 s, every
	 * minute), which could otherwise fail them between their insert
	 * and our sweep (ours then failed none, and the beat came too
	 * late). Uncommitted, they are ours alone.
	 */
	CHECK_INT(mc_db_begin(db), 0);
	CHECK((dead = running(db, 3600)) > 0);
	CHECK((alive = running(db, 700)) > 0);
	/* A beat brings the second back to life; the first stays silent. */
	CHECK_INT(mc_sitebuild_beat(db, alive), 0);
	CHECK(mc_sitebuild_fail_stale(db, 600) >= 1);
	CHECK(mc_db_query(db, a, &rows, sql[S_ROW], "i", dead) == 0);
	CHECK_STR(mc_rows_str(&rows, 0, 0), "failed");
	CHECK(mc_rows_str(&rows, 0, 1) != NULL);
	CHECK(mc_db_query(db, a, &rows, sql[S_ROW], "i", alive) == 0);
	CHECK_STR(mc_rows_str(&rows, 0, 0), "running");
	CHECK_INT(mc_rows_int(&rows, 0, 6), 1);
	CHECK_INT(mc_db_commit(db), 0);
	mc_db_exec(db, sql[S_DELETE], "i", dead);
	mc_db_exec(db, sql[S_DELETE], "i", alive);
}

int
main(void)
{
	struct mc_arena *a;
	struct mc_db	*db;

	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		fprintf(stderr, "no database (MOTCUA_CONFIG)\n");
		printf("0 passed, 1 failed\n");
		return 1;
	}
	if ((a = mc_arena_new(64 * 1024)) == NULL)
		return 1;
	test_finish(db, a);
	mc_arena_reset(a);
	test_stale(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
