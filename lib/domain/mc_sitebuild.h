/*
 * Site builds as queue rows (site_builds, migrations 0007 and 0023): the
 * webmaster's button queues a build, bin/worker (the lease holder) claims
 * it, runs the generator in a child process and records its progress and
 * outcome; the webmaster's page reads the row. No web program runs the
 * generator.
 */
#ifndef MC_SITEBUILD_H
#define MC_SITEBUILD_H

#include <stddef.h>

#include "mc_db.h"

struct mc_arena;

/*
 * Columns of a build row (mc_sitebuild_get, mc_sitebuild_recent), in
 * SELECT order; the names are those of the table (full_name: who asked).
 * Times are "YYYY-MM-DD HH:MM:SS", NULL until reached.
 */
enum mc_sitebuild_col {
	SBCOL_ID,
	SBCOL_STATE, /* queued, running, done, failed */
	SBCOL_FULL,  /* 1: every page, 0: what changed */
	SBCOL_REQUESTED,
	SBCOL_STARTED,
	SBCOL_FINISHED,
	SBCOL_PAGES_TOTAL,
	SBCOL_PAGES_DONE,
	SBCOL_WRITTEN,
	SBCOL_UNCHANGED,
	SBCOL_REMOVED,
	SBCOL_MS,
	SBCOL_MESSAGE,
	SBCOL_BY,
	SBCOL__MAX
};

/* What a finished build did (the generator's figures). */
struct mc_sitebuild_result {
	long long pages, written, unchanged, removed, ms;
};

/*
 * Queues a build for account (0: none) in one transaction. A build still
 * waiting is joined rather than doubled (asked in full, it becomes full);
 * a running one is not joined: it may have read the data before the
 * change the caller wants published. *id receives the build to follow.
 * An account's request is in the audit log (AUDIT_CONFIG), in the same
 * transaction.
 * Returns 1 queued, 0 joined a waiting one, -1 database error (logged).
 */
int mc_sitebuild_request(struct mc_db *, long long account, int full,
    long long *id);

/* The build id as one row of SBCOL__MAX columns: 1 found, 0 none, -1. */
int mc_sitebuild_get(struct mc_db *, struct mc_arena *, long long id,
    struct mc_rows *);

/* The newest n builds, newest first, SBCOL__MAX columns. 0 or -1. */
int mc_sitebuild_recent(struct mc_db *, struct mc_arena *, size_t n,
    struct mc_rows *);

/*
 * The worker's side. Claims the oldest waiting build for holder (a lease
 * holder's name) in one transaction (SKIP LOCKED: two workers never take
 * one): it is then running. 1 claimed (*id, *full), 0 none waiting, -1.
 */
int mc_sitebuild_claim(struct mc_db *, const char *holder, long long *id,
    int *full);

/* Records pages done of total and that the build is alive. 0 or -1. */
int mc_sitebuild_progress(struct mc_db *, long long id, size_t done,
    size_t total);

/* Records that the build is alive (its worker beats while it runs). */
int mc_sitebuild_beat(struct mc_db *, long long id);

/*
 * Ends a running build: done with the figures of res, or failed (res may
 * be NULL) with message. 1 ended, 0 it was not running, -1.
 */
int mc_sitebuild_finish(struct mc_db *, long long id, int ok,
    const struct mc_sitebuild_result *res, const char *message);

/* Puts a running build back in the queue (its worker stops). 0 or -1. */
int mc_sitebuild_requeue(struct mc_db *, long long id);

/*
 * Marks failed the builds running without a beat for stale_s seconds (their
 * worker died). The number marked, or -1.
 */
long long mc_sitebuild_fail_stale(struct mc_db *, long stale_s);

#endif
