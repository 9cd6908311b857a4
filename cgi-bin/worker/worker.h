/*
 * The worker's parts besides deliveries: site builds (build.c).
 */
#ifndef WORKER_H
#define WORKER_H

#include <sys/types.h>

#include <time.h>

struct mc_db;

/* The build this worker runs in a child, if any (pid 0: none). */
struct builder {
	pid_t	  pid;
	long long id;
	time_t	  beat_at; /* last beat for it */
};

/*
 * One turn: reaps or beats for the running child; with none, and
 * may_claim (the lease is held), claims a queued build for holder and
 * starts it in a child.
 */
void builds_tick(struct mc_db *, struct builder *, const char *holder,
    int may_claim);

/*
 * At the end: waits for the child (wait), or ends it and puts its build
 * back in the queue.
 */
void builds_stop(struct mc_db *, struct builder *, int wait);

/* Marks failed the builds whose worker died; the number, or -1. */
long long builds_fail_stale(struct mc_db *);

/*
 * The export job this worker builds in a child (`office -x`), if any
 * (pid 0: none); holder names this attempt (export_jobs.claimed_by).
 */
struct exporter {
	pid_t	  pid;
	long long id;
	char	  holder[160];
	unsigned  seq; /* attempts started by this worker */
};

/*
 * One turn (exports.c): reaps the running child (a child that died
 * without an outcome puts its job back); with none, and may_claim (the
 * lease is held), claims the next job (waiting, or whose builder died)
 * and starts `office -x` for it; me is the worker's lease name, cfg the
 * config file given to the worker (or NULL).
 */
void exports_tick(struct mc_db *, struct exporter *, const char *me,
    const char *cfg, int may_claim);

/* At the end: waits for the child (wait), or ends it and puts its job back. */
void exports_stop(struct mc_db *, struct exporter *, int wait);

/* Removes the files kept longer than export_keep_days; how many, or -1. */
long long exports_expire(struct mc_db *);

#endif
