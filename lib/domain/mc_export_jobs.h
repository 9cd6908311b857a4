/*
 * Exports as background jobs (export_jobs, migration 0070): a register's
 * file of any size is asked for on its page (mc_export_job_add), built
 * by bin/worker through `bin/office -x ID` as the account that asked,
 * holding a lease renewed by every batch of rows, and downloaded from
 * "my exports" by that account only. A build whose process died goes
 * back to waiting (the lease runs out, or the worker saw it die) until
 * it has been tried MC_EXPORT_JOB_TRIES times. Files are kept
 * export_keep_days days. No file format here (mc_export.h): the worker
 * links this without libxlsxwriter.
 */
#ifndef MC_EXPORT_JOBS_H
#define MC_EXPORT_JOBS_H

#include <stddef.h>

#include "mc_db.h"

struct mc_arena;

#define MC_EXPORT_JOB_TRIES 3

/* A job's state, as stored. */
enum mc_export_state {
	EXPORT_WAITING,
	EXPORT_BUILDING,
	EXPORT_READY,
	EXPORT_FAILED,
	EXPORT_EXPIRED
};

/* One job (mc_export_job_get); strings live in the arena. */
struct mc_export_job {
	long long	     id, account_id;
	unsigned int	     agency_id;
	const char	    *name;   /* the file's name, without extension */
	const char	    *format; /* "xlsx", "docx" or "pdf" */
	const char	    *uri;    /* the export's address, as the page's */
	const char	    *lang;   /* "vi" or "en" */
	enum mc_export_state state;
	const char	    *reason; /* why it failed, or NULL */
	long long	     rows, bytes;
	int		     attempts;
	const char	    *claimed_by; /* the build's holder, or NULL */
	const char	    *requested_at, *finished_at;
};

/*
 * Columns of mc_export_job_list's rows, in SELECT order; times are
 * "YYYY-MM-DD HH:MM:SS" (NULL until reached).
 */
enum mc_export_col {
	EJCOL_ID,
	EJCOL_NAME,
	EJCOL_FORMAT,
	EJCOL_STATE,
	EJCOL_REASON,
	EJCOL_ROWS,
	EJCOL_BYTES,
	EJCOL_REQUESTED,
	EJCOL_FINISHED,
	EJCOL_ATTEMPTS,
	EJCOL__MAX
};

/*
 * Queues an export for account: name (file name without extension),
 * format, the export's uri, lang; *id the new job. 0 or -1.
 */
int mc_export_job_add(struct mc_db *, long long account, unsigned int agency,
    const char *name, const char *format, const char *uri, const char *lang,
    long long *id);

/* The account's newest jobs (at most n), newest first; 0 or -1. */
int mc_export_job_list(struct mc_db *, struct mc_arena *, long long account,
    size_t n, struct mc_rows *);

/* Job id into *j: 1 found, 0 none, -1 error. */
int mc_export_job_get(struct mc_db *, struct mc_arena *, long long id,
    struct mc_export_job *j);

/*
 * Claims the oldest job waiting, or building with its lease run out
 * (its builder died), for holder (a unique name of this attempt, at most
 * 159 bytes) with a lease of ttl seconds; jobs already tried
 * MC_EXPORT_JOB_TRIES times whose lease ran out are failed instead.
 * 1 claimed (*id), 0 none, -1 error.
 */
int mc_export_job_claim(struct mc_db *, const char *holder, int ttl,
    long long *id);

/*
 * The build of holder goes on: rows written so far, the lease renewed
 * for ttl seconds. 1, 0 when the job is no longer holder's (then stop),
 * -1 error.
 */
int mc_export_job_beat(struct mc_db *, long long id, const char *holder,
    long long rows, int ttl);

/* holder's build is done: rows, bytes; 1, 0 not holder's any more, -1. */
int mc_export_job_done(struct mc_db *, long long id, const char *holder,
    long long rows, long long bytes);

/*
 * holder's build failed for good (reason, shown to the requester); 1, 0
 * not holder's, -1.
 */
int mc_export_job_fail(struct mc_db *, long long id, const char *holder,
    const char *reason);

/*
 * holder's build stopped without an outcome (its process died, the worker
 * stops): back to waiting, or failed when tried MC_EXPORT_JOB_TRIES
 * times. 1, 0 not holder's, -1.
 */
int mc_export_job_requeue(struct mc_db *, long long id, const char *holder);

/*
 * The ready jobs finished more than days days ago (at most n): their ids
 * in rows (one column) for the caller to remove their files, then
 * mc_export_job_expired. 0 or -1.
 */
int mc_export_job_old(struct mc_db *, struct mc_arena *, int days, size_t n,
    struct mc_rows *);

/* Job id's file is removed: 0 or -1. */
int mc_export_job_expired(struct mc_db *, long long id);

/*
 * Where job id's finished file lives (export_dir, or files_dir/exports),
 * in the arena; part: the file while it is built.
 */
const char *mc_export_job_path(struct mc_arena *, long long id,
    const char *format, int part);

/* The folder of the files (created if missing); NULL on error (logged). */
const char *mc_export_job_dir(void);

#endif
