/*
 * Exports as background jobs (issue 11): a register's page queues its
 * Excel, Word or PDF file (office_export_queue), "my exports" (/can-bo/tep-xuat) lists
 * the reader's jobs with their state and downloads a ready one to the
 * account that asked, while it still acts for the agency. `office -x ID`
 * (run by bin/worker) builds job ID: the export's own page handler, as
 * the account that asked, writing the file as its rows come.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_export_jobs.h"
#include "mc_log.h"
#include "mc_session.h"
#include "mc_util.h"
#include "mc_view.h"

#include "office.h"

#define BASE	     "/can-bo/tep-xuat"
#define LIST_MAX     50
#define CHUNK	     (256 * 1024)
#define LEASE_TTL    60 /* seconds a build's beat lasts */
#define BUILD_OUTMAX (4 * 1024 * 1024)

struct office_export_build *office_export_building;

enum field { FIELD_QUEUED, FIELD__MAX };

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_QUEUED] = { "queued", valid_uint, 19, 0 },
};
/* clang-format on */

static const char *const state_names[] = {
	[EXPORT_WAITING] = "waiting",
	[EXPORT_BUILDING] = "building",
	[EXPORT_READY] = "ready",
	[EXPORT_FAILED] = "failed",
	[EXPORT_EXPIRED] = "expired",
};

int
office_export_queue(struct mc_request *r, unsigned int agency,
    const char *name, const char *format)
{
	const char *uri;
	long long   id;

	uri = *r->query != '\0' ?
	    mc_arena_printf(r->arena, "%s?%s", r->path, r->query) :
	    r->path;
	if (strlen(uri) > 1000)
		return 400;
	if (mc_export_job_add(r->db, r->user->id, agency, name, format, uri,
		mc_view_lang_code(r->lang), &id) < 0 ||
	    office_audit_log(r, AUDIT_EXPORT,
		mc_arena_printf(r->arena, "export job %lld: %s", id, uri),
		agency) < 0)
		return 503;
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "%s?queued=%lld", BASE, id));
}

/* The reader's jobs, newest first; a flash for the one just queued. */
static int
page_exports(struct mc_request *r)
{
	struct mc_rows rows;
	const char    *queued = mc_req_field(r, FIELD_QUEUED);
	size_t	       i;
	long long      st;
	int	       pending = 0;

	if (mc_export_job_list(r->db, r->arena, r->user->id, LIST_MAX, &rows) <
	    0)
		return 503;
	mc_view_rows(r->hdf, "Data.Jobs", &rows);
	for (i = 0; i < rows.n; i++) {
		st = mc_rows_int(&rows, i, EJCOL_STATE);
		if (st < EXPORT_WAITING || st > EXPORT_EXPIRED)
			st = EXPORT_FAILED;
		pending |= st == EXPORT_WAITING || st == EXPORT_BUILDING;
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Jobs.%zu.state_name", i),
		    state_names[st]);
	}
	mc_view_set_int(r->hdf, "Data.Pending", pending);
	if (queued != NULL) {
		mc_view_set(r->hdf, "Data.Queued", queued);
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Exports.Queued"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	mc_view_set(r->hdf, "Page.Nav", "office");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Exports.Title"));
	return mc_resp_page(r, "office/exports.cs");
}

/* The media type of a job's format. */
static const char *
mime(const char *format)
{
	if (strcmp(format, "pdf") == 0)
		return "application/pdf";
	if (strcmp(format, "docx") == 0)
		return "application/vnd.openxmlformats-officedocument."
		       "wordprocessingml.document";
	return "application/vnd.openxmlformats-officedocument."
	       "spreadsheetml.sheet";
}

/* Streams the file at path as name.format; 200, or 503 before any byte. */
static int
send_file(struct mc_request *r, const struct mc_export_job *j,
    const char *path)
{
	char	chunk[CHUNK];
	ssize_t n;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		mc_err("page_export_file: open %s failed", path);
		return 503;
	}
	mc_resp_header(r, "Content-Type", mime(j->format));
	mc_resp_header(r, "Content-Disposition",
	    mc_arena_printf(r->arena, "attachment; filename=\"%s.%s\"",
		j->name, j->format));
	if (mc_resp_stream(r) < 0) {
		close(fd);
		return 503;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		mc_buf_add(&r->out, chunk, (size_t)n);
		if (mc_resp_send(r) < 0)
			break; /* the client is gone */
	}
	close(fd);
	return 200;
}

/*
 * A ready file, to the account that asked only, while it acts for the
 * agency (404 for anyone else: the job's existence is not told).
 */
static int
page_export_file(struct mc_request *r)
{
	struct mc_export_job j;
	const char	    *path;
	long long	     id;
	int		     rc;

	if (mc_parse_ll(r->cap[0], 1, 1LL << 62, &id) < 0)
		return 404;
	if ((rc = mc_export_job_get(r->db, r->arena, id, &j)) < 0)
		return 503;
	if (rc == 0 || j.account_id != r->user->id)
		return 404;
	if (!mc_auth_acts_for(r->user, ROLES_OFFICER, j.agency_id))
		return 403;
	if (j.state != EXPORT_READY)
		return 404;
	if ((path = mc_export_job_path(r->arena, j.id, j.format, 0)) == NULL)
		return 503;
	if (r->method == METHOD_HEAD || r->send == NULL)
		return 503;
	return send_file(r, &j, path);
}

int
office_export_beat(struct mc_db *db, long long rows)
{
	struct office_export_build *b = office_export_building;
	int			    rc;

	if (b == NULL)
		return 1;
	b->rows = rows;
	if ((rc = mc_export_job_beat(db, b->id, b->holder, rows, LEASE_TTL)) <
	    0)
		return -1;
	if (rc == 0) {
		mc_warn("export job %lld is no longer %s's: stopping", b->id,
		    b->holder);
		b->lost = 1;
	}
	return rc;
}

/* The outcome of job j's handler (status); 0, or 1 for the worker to retry. */
static int
build_outcome(struct mc_db *db, struct mc_arena *a,
    const struct mc_export_job *j, struct office_export_build *b, int status)
{
	const char *final = mc_export_job_path(a, j->id, j->format, 0);
	struct stat st;

	if (b->lost)
		return 0;
	if (status == 200 && final != NULL && stat(b->path, &st) == 0 &&
	    rename(b->path, final) == 0) {
		if (mc_export_job_done(db, j->id, b->holder, b->rows,
			(long long)st.st_size) < 0)
			return 1;
		mc_info("export job %lld ready: %lld rows, %lld bytes", j->id,
		    b->rows, (long long)st.st_size);
		return 0;
	}
	unlink(b->path);
	if (status >= 500 || status == 200)
		return 1; /* the database, the disk: maybe better next time */
	mc_export_job_fail(db, j->id, b->holder,
	    status == 403 ? "scope" : "error");
	mc_warn("export job %lld failed: %s answered %d", j->id, j->uri,
	    status);
	return 0;
}

/* Builds job id claimed by holder; the exit code. */
static int
build(const struct mc_app *app, struct mc_db *db, long long id,
    const char *holder)
{
	struct office_export_build b;
	struct mc_export_job	   j;
	struct mc_request	   r;
	struct mc_arena		  *a;
	int			   rc = 1;

	if ((a = mc_arena_new(64 * 1024)) == NULL)
		return 1;
	if (mc_export_job_get(db, a, id, &j) != 1)
		goto out;
	if (j.state != EXPORT_BUILDING || j.claimed_by == NULL ||
	    strcmp(j.claimed_by, holder) != 0) {
		mc_warn("export job %lld is not %s's", id, holder);
		rc = 0;
		goto out;
	}
	memset(&b, 0, sizeof(b));
	b.id = id;
	b.holder = holder;
	if ((b.path = mc_export_job_path(a, id, j.format, 1)) == NULL)
		goto out;
	unlink(b.path);
	memset(&r, 0, sizeof(r));
	r.arena = a;
	r.db = db;
	mc_buf_init(&r.headers, 64 * 1024);
	mc_buf_init(&r.out, BUILD_OUTMAX);
	r.method = METHOD_GET;
	r.uri = j.uri;
	r.cookie = mc_arena_printf(a, "lang=%s", j.lang);
	r.remote_addr = "127.0.0.1";
	if (mc_auth_load_account(&r, j.account_id) != 1) {
		mc_export_job_fail(db, id, holder, "scope");
		rc = 0;
		goto out_free;
	}
	office_export_building = &b;
	mc_app_dispatch(app, &r);
	office_export_building = NULL;
	rc = build_outcome(db, a, &j, &b, r.status);
out_free:
	mc_buf_free(&r.headers);
	mc_buf_free(&r.out);
out:
	mc_arena_free(a);
	return rc;
}

int
office_export_build(const struct mc_app *app, int argc, char **argv)
{
	const char   *cfg = NULL, *holder = NULL;
	struct mc_db *db;
	long long     id = 0;
	int	      opt, rc;

	mc_log_init("office-export");
	while ((opt = getopt(argc, argv, "x:h:c:")) != -1) {
		switch (opt) {
		case 'x':
			if (mc_parse_ll(optarg, 1, 1LL << 62, &id) < 0)
				goto usage;
			break;
		case 'h':
			holder = optarg;
			break;
		case 'c':
			cfg = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (id == 0 || holder == NULL || optind != argc)
		goto usage;
	if (mc_config_load(cfg) < 0 ||
	    mc_view_init(mc_config_get("templates_dir", "templates")) < 0 ||
	    (db = mc_db_open()) == NULL)
		return 1;
	rc = build(app, db, id, holder);
	mc_db_close(db);
	mc_view_free();
	return rc;
usage:
	fprintf(stderr, "usage: office -x JOB -h HOLDER [-c config]\n");
	return 2;
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/can-bo/tep-xuat", page_exports, ROUTE_LOGIN,
	    ROLES_OFFICER },
	{ METHOD_GET, "/can-bo/tep-xuat/{}", page_export_file, ROUTE_LOGIN,
	    ROLES_OFFICER },
};

const struct mc_module office_exports = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
