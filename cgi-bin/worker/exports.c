/*
 * The worker's export jobs (issue 11): the lease holder claims a job the
 * office queued (mc_export_jobs) and runs `office -x ID -h HOLDER` in a
 * child, which builds the file (the worker links no file format) and
 * renews the job's lease as rows go; a child that dies puts its job back
 * (and a worker that dies with it leaves a lease that runs out: the next
 * claim takes the job again). Old files are removed.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_export_jobs.h"
#include "mc_log.h"

#include "worker.h"

#define CLAIM_TTL  60  /* seconds before the child's first beat is due */
#define EXPIRE_MAX 200 /* files removed a round at most */

/* The office program: office_bin, else the one beside this worker. */
static const char *
office_bin(void)
{
	static char path[PATH_MAX];
	char	    self[PATH_MAX];
	ssize_t	    n;
	const char *c = mc_config_get("office_bin", NULL);

	if (c != NULL && *c != '\0')
		return c;
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) < 0)
		return "bin/office";
	self[n] = '\0';
	snprintf(path, sizeof(path), "%s/office", dirname(self));
	return path;
}

/* Starts the build of job id in a child; 0 or -1 (the job put back). */
static int
start(struct mc_db *db, struct exporter *e, const char *cfg)
{
	const char *bin = office_bin();
	char	    id[24];
	pid_t	    pid;

	snprintf(id, sizeof(id), "%lld", e->id);
	fflush(NULL);
	if ((pid = fork()) < 0) {
		mc_err("fork: %s", strerror(errno));
		mc_export_job_requeue(db, e->id, e->holder);
		return -1;
	}
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		if (cfg != NULL)
			execl(bin, "office", "-x", id, "-h", e->holder, "-c",
			    cfg, (char *)NULL);
		else
			execl(bin, "office", "-x", id, "-h", e->holder,
			    (char *)NULL);
		_exit(127);
	}
	e->pid = pid;
	mc_info("export job %lld started (%s), pid %d", e->id, e->holder,
	    (int)pid);
	return 0;
}

/* The child ended: without an outcome recorded, its job goes back. */
static void
reaped(struct mc_db *db, struct exporter *e, int status)
{
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (mc_export_job_requeue(db, e->id, e->holder) == 1)
			mc_warn(
			    "export job %lld: its builder stopped (%s %d); "
			    "put back",
			    e->id, WIFSIGNALED(status) ? "signal" : "status",
			    WIFSIGNALED(status) ? WTERMSIG(status) :
						  WEXITSTATUS(status));
	}
	e->pid = 0;
	e->id = 0;
}

void
exports_tick(struct mc_db *db, struct exporter *e, const char *me,
    const char *cfg, int may_claim)
{
	pid_t pid;
	int   status;

	if (e->pid > 0) {
		pid = waitpid(e->pid, &status, WNOHANG);
		if (pid == e->pid)
			reaped(db, e, status);
		else if (pid < 0 && errno != EINTR) {
			mc_err("waitpid %d: %s", (int)e->pid, strerror(errno));
			e->pid = 0;
		}
		if (e->pid > 0)
			return;
	}
	if (!may_claim)
		return;
	snprintf(e->holder, sizeof(e->holder), "%.140s/x%u", me, ++e->seq);
	if (mc_export_job_claim(db, e->holder, CLAIM_TTL, &e->id) <= 0)
		return;
	start(db, e, cfg);
}

void
exports_stop(struct mc_db *db, struct exporter *e, int wait)
{
	int status = 0;

	if (e->pid <= 0)
		return;
	if (!wait)
		kill(e->pid, SIGTERM);
	while (waitpid(e->pid, &status, 0) < 0 && errno == EINTR)
		;
	reaped(db, e, status);
}

long long
exports_expire(struct mc_db *db)
{
	struct mc_arena *a;
	struct mc_rows	 rows;
	const char	*path;
	long long	 id, n = 0;
	size_t		 i;
	int		 days;

	days = (int)mc_config_int("export_keep_days", 7, 1, 3650);
	if ((a = mc_arena_new(4096)) == NULL)
		return -1;
	if (mc_export_job_old(db, a, days, EXPIRE_MAX, &rows) < 0) {
		mc_arena_free(a);
		return -1;
	}
	for (i = 0; i < rows.n; i++) {
		id = mc_rows_int(&rows, i, 0);
		path = mc_export_job_path(a, id, mc_rows_str(&rows, i, 1), 0);
		if (path == NULL || (unlink(path) < 0 && errno != ENOENT)) {
			mc_err("export job %lld: cannot remove its file", id);
			continue;
		}
		if (mc_export_job_expired(db, id) == 0)
			n++;
	}
	mc_arena_free(a);
	if (n > 0)
		mc_info("%lld export file(s) older than %d days removed", n,
		    days);
	return n;
}
