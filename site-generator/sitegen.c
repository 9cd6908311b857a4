/*
 * The site generator's run: reads the whole catalogue in one query per
 * table inside one snapshot, renders every page with the cached parse trees
 * of mc_view into site_dir, and remembers when it ran so the next run only
 * renders the procedures changed since.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_view.h"
#include "sitegen.h"

#define PAGE_MAX	(32 * 1024 * 1024)	/* the catalogue is ~1 MB */
#define STATE_FILE	".sitegen-state"
#define PROC_DIR	"thu-tuc"

enum stmt {
	STMT_TIMES,
	STMT_PROCEDURES,
	STMT_CHANNELS,
	STMT_DOCUMENTS,
	STMT_LEGAL,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	/* Now, and the last run less the margin (NULL if no valid last run). */
	[STMT_TIMES] =
	    "SELECT NOW(), CAST(? AS DATETIME) - INTERVAL ? SECOND",
	/* Columns in the order of enum sg_proc_col. */
	[STMT_PROCEDURES] =
	    "SELECT p.id, p.code, p.name, p.field_id, f.name, f.name_en, "
	    "f.slug, p.level_province, p.level_commune, p.procedure_type, "
	    "p.decision_no, p.implementing, p.competent, p.subjects, "
	    "p.steps_text, p.conditions_text, p.result_text, p.online, "
	    "p.service_level, p.source_url, p.updated_at, a.name, a.name_en, "
	    "a.address, a.phone "
	    "FROM procedures p JOIN fields f ON f.id = p.field_id "
	    "LEFT JOIN agencies a ON a.id = p.agency_id "
	    "ORDER BY f.name, f.id, p.name, p.id",
	[STMT_CHANNELS] =
	    "SELECT procedure_id, channel, time_text, fee_text, "
	    "fee_description FROM procedure_channels "
	    "ORDER BY procedure_id, seq",
	[STMT_DOCUMENTS] =
	    "SELECT procedure_id, group_name, name, originals, copies, "
	    "has_template FROM procedure_documents ORDER BY procedure_id, seq",
	[STMT_LEGAL] =
	    "SELECT procedure_id, doc_number, title FROM procedure_legal "
	    "ORDER BY procedure_id, seq",
};

static const enum stmt child_stmt[CHILD__MAX] = {
	[CHILD_CHANNELS] = STMT_CHANNELS,
	[CHILD_DOCUMENTS] = STMT_DOCUMENTS,
	[CHILD_LEGAL] = STMT_LEGAL,
};

/* The languages rendered, each into its own folder of site_dir. */
static const struct {
	enum mc_lang	 lang;
	const char	*prefix;	/* "" or "en/" */
} outputs[] = {
	{ LANG_VI, "" },
};

/* Template folders whose change makes every page stale. */
static const char *const template_dirs[] = {
	"layout", "partials", "site", "lang",
};

struct run {
	const char		*site_dir;
	struct mc_db		*db;
	struct mc_arena		*arena;		/* the catalogue: whole run */
	struct mc_arena		*page;		/* reset after every page */
	struct sg_catalogue	 cat;
	struct buf		 out;
	char			 now[24];	/* the database's clock */
	const char		*since;		/* render changes from here */
	int			 full;
	size_t			 written, unchanged;
};

/* The last run's time from the state file, and when it was written. */
static int
state_read(struct run *r, char *last, size_t size, time_t *mtime)
{
	char		 path[PATH_MAX];
	struct stat	 st;
	FILE		*f;

	last[0] = '\0';
	*mtime = 0;
	snprintf(path, sizeof(path), "%s/%s", r->site_dir, STATE_FILE);
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		mc_err("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == 0)
		*mtime = st.st_mtime;
	if (fgets(last, (int)size, f) == NULL)
		last[0] = '\0';
	last[strcspn(last, "\r\n")] = '\0';
	fclose(f);
	return 0;
}

/* 1 if a file of the site's templates changed after t. */
static int
templates_newer(time_t t)
{
	const char	*dir = mc_config_get("templates_dir", "templates");
	char		 path[PATH_MAX];
	struct dirent	*e;
	struct stat	 st;
	size_t		 i;
	DIR		*d;
	int		 newer = 0;

	for (i = 0; i < sizeof(template_dirs) / sizeof(*template_dirs); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, template_dirs[i]);
		if ((d = opendir(path)) == NULL)
			continue;
		while (!newer && (e = readdir(d)) != NULL) {
			snprintf(path, sizeof(path), "%s/%s/%s", dir,
			    template_dirs[i], e->d_name);
			if (e->d_name[0] != '.' && stat(path, &st) == 0 &&
			    st.st_mtime >= t)
				newer = 1;
		}
		closedir(d);
	}
	return newer;
}

/*
 * Reads the database clock and the catalogue inside one transaction, so
 * the four results are one consistent snapshot. 0 or -1.
 */
static int
load(struct run *r, const char *last)
{
	struct mc_rows	 times;
	const char	*since;
	long long	 margin;
	int		 c;

	margin = mc_config_int("sitegen_margin", 3600, 0, 86400 * 30);
	if (mc_db_begin(r->db) < 0)
		return -1;
	if (mc_db_query(r->db, r->arena, &times, stmts[STMT_TIMES], "si",
	    last[0] ? last : NULL, margin) < 0 || times.n != 1)
		goto out_rollback;
	snprintf(r->now, sizeof(r->now), "%s", mc_rows_str(&times, 0, 0));
	since = mc_rows_str(&times, 0, 1);
	if (since == NULL)
		r->full = 1;
	r->since = since ? since : "";
	if (mc_db_query(r->db, r->arena, &r->cat.procs,
	    stmts[STMT_PROCEDURES], "") < 0)
		goto out_rollback;
	for (c = 0; c < CHILD__MAX; c++)
		if (mc_db_query(r->db, r->arena, &r->cat.child[c],
		    stmts[child_stmt[c]], "") < 0)
			goto out_rollback;
	if (mc_db_commit(r->db) < 0)
		return -1;
	return sitegen_link(&r->cat, r->arena);
out_rollback:
	mc_db_rollback(r->db);
	return -1;
}

/* Renders the page model in hdf with tmpl to rel and writes it. */
static int
emit(struct run *r, HDF *hdf, const char *tmpl, const char *rel)
{
	int	rc;

	mc_buf_reset(&r->out);
	if (mc_view_render(hdf, tmpl, 1, &r->out) < 0)
		return -1;	/* logged by mc_view */
	if ((rc = sitegen_write(r->site_dir, rel, &r->out)) < 0)
		return -1;
	if (rc == 1)
		r->written++;
	else
		r->unchanged++;
	return 0;
}

/* 1 if the page at rel exists. */
static int
exists(struct run *r, const char *rel)
{
	char		path[PATH_MAX];
	struct stat	st;

	snprintf(path, sizeof(path), "%s/%s", r->site_dir, rel);
	return stat(path, &st) == 0;
}

static int
render_procedures(struct run *r, enum mc_lang lang, const char *prefix)
{
	const struct mc_rows	*p = &r->cat.procs;
	const char		*code, *rel, *updated;
	size_t			 i;
	HDF			*hdf;

	for (i = 0; i < p->n; i++, mc_arena_reset(r->page)) {
		code = mc_rows_str(p, i, PROC_CODE);
		if (!sitegen_code_ok(code)) {
			mc_warn("procedure %lld: code unfit for a file name",
			    mc_rows_int(p, i, PROC_ID));
			continue;
		}
		rel = mc_arena_printf(r->page, "%s%s/%s.html", prefix,
		    PROC_DIR, code);
		updated = mc_rows_str(p, i, PROC_UPDATED);
		if (!r->full && updated != NULL &&
		    strcmp(updated, r->since) < 0 && exists(r, rel)) {
			r->unchanged++;
			continue;
		}
		hdf = mc_view_begin(lang);
		sitegen_fill_procedure(hdf, &r->cat, i, lang, r->page);
		if (emit(r, hdf, "site/procedure.cs", rel) < 0)
			return -1;
	}
	return 0;
}

static int
render_lang(struct run *r, enum mc_lang lang, const char *prefix)
{
	HDF	*hdf;
	int	 rc;

	hdf = mc_view_begin(lang);
	sitegen_fill_home(hdf, &r->cat, lang, r->page);
	rc = emit(r, hdf, "site/home.cs",
	    mc_arena_printf(r->page, "%sindex.html", prefix));
	mc_arena_reset(r->page);
	if (rc < 0)
		return -1;
	hdf = mc_view_begin(lang);
	sitegen_fill_catalogue(hdf, &r->cat, lang, r->page);
	rc = emit(r, hdf, "site/catalogue.cs",
	    mc_arena_printf(r->page, "%s%s/index.html", prefix, PROC_DIR));
	mc_arena_reset(r->page);
	if (rc < 0)
		return -1;
	hdf = mc_view_begin(lang);
	sitegen_fill_404(hdf, lang);
	rc = emit(r, hdf, "site/404.cs",
	    mc_arena_printf(r->page, "%s404.html", prefix));
	mc_arena_reset(r->page);
	if (rc < 0)
		return -1;
	return render_procedures(r, lang, prefix);
}

static int
code_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Removes the pages of procedures no longer in the catalogue and temporary
 * files a crashed run left behind. 0 or -1.
 */
static int
prune(struct run *r, const char *prefix)
{
	char		 path[PATH_MAX], code[128];
	const char	**codes, *key;
	struct dirent	*e;
	size_t		 i, n, len;
	DIR		*d;

	snprintf(path, sizeof(path), "%s/%s%s", r->site_dir, prefix, PROC_DIR);
	if ((d = opendir(path)) == NULL)
		return 0;
	codes = mc_arena_alloc(r->page, (r->cat.procs.n + 1) * sizeof(*codes));
	for (i = n = 0; i < r->cat.procs.n; i++)
		codes[n++] = mc_rows_str(&r->cat.procs, i, PROC_CODE);
	qsort(codes, n, sizeof(*codes), code_cmp);
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (e->d_name[0] == '.' || strcmp(e->d_name, "index.html") == 0)
			continue;
		if (strstr(e->d_name, ".tmp.") == NULL) {
			if (len < 6 || len - 5 >= sizeof(code) ||
			    strcmp(e->d_name + len - 5, ".html") != 0)
				continue;
			memcpy(code, e->d_name, len - 5);
			code[len - 5] = '\0';
			key = code;
			if (bsearch(&key, codes, n, sizeof(*codes),
			    code_cmp) != NULL)
				continue;
		}
		snprintf(path, sizeof(path), "%s/%s%s/%s", r->site_dir, prefix,
		    PROC_DIR, e->d_name);
		if (unlink(path) < 0 && errno != ENOENT) {
			mc_err("unlink %s: %s", path, strerror(errno));
			closedir(d);
			return -1;
		}
		mc_info("removed %s", path);
	}
	closedir(d);
	return 0;
}

static int
state_write(struct run *r)
{
	struct buf	b;
	int		rc;

	mc_buf_init(&b, 64);
	if (mc_buf_addf(&b, "%s\n", r->now) < 0)
		return -1;
	rc = sitegen_write(r->site_dir, STATE_FILE, &b);
	mc_buf_free(&b);
	return rc < 0 ? -1 : 0;
}

static long long
ms_since(const struct timespec *t0)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000LL +
	    (t.tv_nsec - t0->tv_nsec) / 1000000;
}

int
sitegen_run(int full)
{
	struct run	 r;
	struct timespec	 t0;
	char		 last[64];
	time_t		 state_mtime;
	size_t		 i;
	int		 rc = -1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&r, 0, sizeof(r));
	r.full = full;
	if ((r.site_dir = mc_config_get("site_dir", NULL)) == NULL) {
		mc_err("site_dir is not set in %s", mc_config_file());
		return -1;
	}
	if (state_read(&r, last, sizeof(last), &state_mtime) < 0)
		return -1;
	if (last[0] == '\0' || templates_newer(state_mtime))
		r.full = 1;
	if ((r.db = mc_db_open()) == NULL)
		return -1;
	if ((r.arena = mc_arena_new(1 << 20)) == NULL ||
	    (r.page = mc_arena_new(64 * 1024)) == NULL)
		goto out_arena;
	mc_buf_init(&r.out, PAGE_MAX);
	if (load(&r, last) < 0)
		goto out_buf;
	for (i = 0; i < sizeof(outputs) / sizeof(*outputs); i++) {
		if (render_lang(&r, outputs[i].lang, outputs[i].prefix) < 0 ||
		    prune(&r, outputs[i].prefix) < 0)
			goto out_buf;
		mc_arena_reset(r.page);
	}
	if (state_write(&r) < 0)
		goto out_buf;
	printf("site: %zu pages written, %zu unchanged, %lld ms\n", r.written,
	    r.unchanged, ms_since(&t0));
	rc = 0;
out_buf:
	mc_buf_free(&r.out);
out_arena:
	if (r.page != NULL)
		mc_arena_free(r.page);
	if (r.arena != NULL)
		mc_arena_free(r.arena);
	mc_db_close(r.db);
	return rc;
}
