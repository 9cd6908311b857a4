/*
 * The worker's site builds: the lease holder claims a build the webmaster
 * queued (mc_sitebuild) and runs the generator in a child process, so that
 * deliveries and the lease go on meanwhile; the child records progress and
 * the outcome, the worker beats for it and records a child that died.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_sitebuild.h"
#include "mc_view.h"

#include "../../site-generator/sitegen.h"
#include "worker.h"

#define BEAT_EVERY 5 /* seconds between the worker's beats */

struct progress {
	struct mc_db *db;
	long long     id;
};

static void
on_progress(void *ctx, size_t done, size_t total)
{
	struct progress *p = ctx;

	mc_sitebuild_progress(p->db, p->id, done, total);
}

/* In the child: the whole build, then _exit; never returns. */
static void
child_run(long long id, int full)
{
	struct sitegen_result	   res;
	struct mc_sitebuild_result out;
	struct progress		   p;
	int			   rc = -1;

	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	memset(&res, 0, sizeof(res));
	memset(&out, 0, sizeof(out));
	/* Its own connection: the worker's stays the worker's. */
	if ((p.db = mc_db_open()) == NULL)
		_exit(1);
	p.id = id;
	if (mc_view_init(mc_config_get("templates_dir", "templates")) == 0) {
		rc = sitegen_build(full, on_progress, &p, &res);
		mc_view_free();
	}
	out.pages = (long long)res.pages;
	out.written = (long long)res.written;
	out.unchanged = (long long)res.unchanged;
	out.removed = (long long)res.removed;
	out.ms = res.ms;
	if (mc_sitebuild_finish(p.db, id, rc == 0, &out,
		"the generator failed; see the worker's log") < 0)
		rc = -1;
	mc_info("site build %lld %s: %lld pages, %lld written, %lld ms", id,
	    rc == 0 ? "done" : "failed", out.pages, out.written, out.ms);
	mc_db_close(p.db);
	_exit(rc == 0 ? 0 : 1);
}

/* Starts the claimed build id in a child. 0 or -1 (the row is failed). */
static int
start(struct mc_db *db, struct builder *b, long long id, int full)
{
	pid_t pid;

	fflush(NULL);
	if ((pid = fork()) < 0) {
		mc_err("fork: %m");
		mc_sitebuild_finish(db, id, 0, NULL, "could not start");
		return -1;
	}
	if (pid == 0)
		child_run(id, full);
	b->pid = pid;
	b->id = id;
	b->beat_at = time(NULL);
	mc_info("site build %lld (%s) started, pid %d", id,
	    full ? "full" : "changes", (int)pid);
	return 0;
}

/* The child ended with status: a build it left running has failed. */
static void
reaped(struct mc_db *db, struct builder *b, int status)
{
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (mc_sitebuild_finish(db, b->id, 0, NULL,
			"the generator stopped") == 1)
			mc_warn(
			    "site build %lld: the generator stopped (%s %d)",
			    b->id, WIFSIGNALED(status) ? "signal" : "status",
			    WIFSIGNALED(status) ? WTERMSIG(status) :
						  WEXITSTATUS(status));
	}
	b->pid = 0;
	b->id = 0;
}

void
builds_tick(struct mc_db *db, struct builder *b, const char *holder,
    int may_claim)
{
	long long id;
	pid_t	  pid;
	int	  status, full;

	if (b->pid > 0) {
		pid = waitpid(b->pid, &status, WNOHANG);
		if (pid == b->pid)
			reaped(db, b, status);
		else if (pid < 0 && errno != EINTR) {
			mc_err("waitpid %d: %m", (int)b->pid);
			b->pid = 0;
		} else if (time(NULL) - b->beat_at >= BEAT_EVERY) {
			mc_sitebuild_beat(db, b->id);
			b->beat_at = time(NULL);
		}
		if (b->pid > 0)
			return;
	}
	if (!may_claim || mc_sitebuild_claim(db, holder, &id, &full) <= 0)
		return;
	start(db, b, id, full);
}

void
builds_stop(struct mc_db *db, struct builder *b, int wait)
{
	int status;

	if (b->pid <= 0)
		return;
	if (!wait)
		kill(b->pid, SIGTERM);
	while (waitpid(b->pid, &status, 0) < 0 && errno == EINTR)
		;
	/* Interrupted, not failed: the next worker runs it again. */
	if (WIFSIGNALED(status) && mc_sitebuild_requeue(db, b->id) == 0)
		mc_info("site build %lld put back in the queue (stopping)",
		    b->id);
	else
		reaped(db, b, status);
	b->pid = 0;
	b->id = 0;
}

long long
builds_fail_stale(struct mc_db *db)
{
	long long n;

	n = mc_sitebuild_fail_stale(db,
	    (long)mc_config_int("site_build_stale_seconds", 300, 30, 86400));
	if (n > 0)
		mc_warn(
		    "%lld site build(s) whose worker stopped marked failed",
		    n);
	return n;
}
