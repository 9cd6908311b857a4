/*
 * The site generator's run: reads the catalogue and the site's content in
 * one query per table inside one snapshot, works out which pages changed
 * since the last run, renders them with the cached parse trees of mc_view
 * into site_dir (the two languages in two processes), removes the pages of
 * data no longer there, and remembers when it ran.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pwd.h>
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
#include "mc_util.h"
#include "mc_view.h"
#include "sitegen.h"
#include "feedback.h"
#include "league.h"

#define PAGE_MAX   (32 * 1024 * 1024) /* the largest page is ~1 MB */
#define STATE_FILE ".sitegen-state"
#define LOCK_FILE  ".sitegen-lock"
#define INDEX_FILE "tim-kiem.json"
/* Per procedure, what the pages of others show of it (see plan()). */
#define ITEMS_FILE ".sitegen-items"
/* Procedures showing another in their related list (pages.c). */
#define RELATED_MAX 6
/* Bump when what the generator writes changes: the next run is full. */
#define GENERATOR_VERSION "7" /* 7: .gz and .br copies */

enum stmt {
	STMT_TIMES,
	STMT_PROCEDURES,
	STMT_CHANNELS,
	STMT_DOCUMENTS,
	STMT_LEGAL,
	STMT_AGENCIES,
	STMT_FAQS,
	STMT_NEWS,
	STMT_EVENTS,
	STMT_ITEMS,
	STMT_SYNONYMS,
	STMT_PROCEDURES_LIGHT,
	STMT_PROC_TEXT,
	STMT_CHANNELS_OF,
	STMT_DOCUMENTS_OF,
	STMT_LEGAL_OF,
	STMT__MAX
};

/* clang-format off */
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
	    "a.address, a.phone, a.id, a.code, p.search_text "
	    "FROM procedures p JOIN fields f ON f.id = p.field_id "
	    "LEFT JOIN agencies a ON a.id = p.agency_id "
	    "ORDER BY f.name, f.id, p.name, p.id",
	[STMT_CHANNELS] =
	    "SELECT procedure_id, channel, time_text, fee_text, "
	    "fee_description FROM procedure_channels "
	    "ORDER BY procedure_id, seq",
	[STMT_DOCUMENTS] =
	    "SELECT procedure_id, group_name, name, originals, copies, "
	    "has_template, note FROM procedure_documents "
	    "ORDER BY procedure_id, seq",
	[STMT_LEGAL] =
	    "SELECT procedure_id, doc_number, title FROM procedure_legal "
	    "ORDER BY procedure_id, seq",
	/* The directory: the city, its departments, then the wards. */
	[STMT_AGENCIES] =
	    "SELECT id, code, kind, name, name_en, address, phone "
	    "FROM agencies WHERE valid_to IS NULL OR valid_to >= CURDATE() "
	    "ORDER BY FIELD(kind, 'city', 'department', 'unit', 'other', "
	    "'ward'), name, id",
	/* General questions first, then by field. */
	[STMT_FAQS] =
	    "SELECT q.id, q.field_id, f.name, f.name_en, f.slug, "
	    "q.procedure_code, q.question, q.answer, q.question_en, "
	    "q.answer_en, q.updated_at FROM faqs q "
	    "LEFT JOIN fields f ON f.id = q.field_id WHERE q.published = 1 "
	    "ORDER BY q.field_id IS NOT NULL, f.name, q.seq, q.id",
	[STMT_NEWS] =
	    "SELECT id, kind, title, summary, body, title_en, summary_en, "
	    "body_en, published_at, updated_at FROM news "
	    "WHERE published = 1 AND published_at <= NOW() "
	    "ORDER BY published_at DESC, id DESC",
	[STMT_EVENTS] =
	    "SELECT id, slug, name, name_en, summary, summary_en "
	    "FROM life_events ORDER BY seq, id",
	[STMT_ITEMS] =
	    "SELECT event_id, procedure_code, field_slug "
	    "FROM life_event_items ORDER BY event_id, seq",
	[STMT_SYNONYMS] =
	    "SELECT term, means FROM search_synonyms WHERE active = 1 "
	    "ORDER BY id",
	/*
	 * An incremental run reads every procedure without the texts only its
	 * own page shows (NULL in their places), then those texts and the
	 * child rows of the procedures it renders, one by one.
	 */
	[STMT_PROCEDURES_LIGHT] =
	    "SELECT p.id, p.code, p.name, p.field_id, f.name, f.name_en, "
	    "f.slug, p.level_province, p.level_commune, NULL, NULL, NULL, "
	    "NULL, NULL, NULL, NULL, NULL, p.online, p.service_level, NULL, "
	    "p.updated_at, a.name, a.name_en, NULL, NULL, a.id, a.code, "
	    "p.search_text "
	    "FROM procedures p JOIN fields f ON f.id = p.field_id "
	    "LEFT JOIN agencies a ON a.id = p.agency_id "
	    "ORDER BY f.name, f.id, p.name, p.id",
	/* Columns in the order of text_cols[]. */
	[STMT_PROC_TEXT] =
	    "SELECT p.procedure_type, p.decision_no, p.implementing, "
	    "p.competent, p.subjects, p.steps_text, p.conditions_text, "
	    "p.result_text, p.source_url, a.address, a.phone "
	    "FROM procedures p LEFT JOIN agencies a ON a.id = p.agency_id "
	    "WHERE p.id = ?",
	[STMT_CHANNELS_OF] =
	    "SELECT procedure_id, channel, time_text, fee_text, "
	    "fee_description FROM procedure_channels "
	    "WHERE procedure_id = ? ORDER BY seq",
	[STMT_DOCUMENTS_OF] =
	    "SELECT procedure_id, group_name, name, originals, copies, "
	    "has_template, note FROM procedure_documents "
	    "WHERE procedure_id = ? ORDER BY seq",
	[STMT_LEGAL_OF] =
	    "SELECT procedure_id, doc_number, title FROM procedure_legal "
	    "WHERE procedure_id = ? ORDER BY seq",
};
/* clang-format on */

/* The columns STMT_PROCEDURES_LIGHT leaves out, as STMT_PROC_TEXT reads them. */
static const int text_cols[] = { PROC_TYPE, PROC_DECISION, PROC_IMPLEMENTING,
	PROC_COMPETENT, PROC_SUBJECTS, PROC_STEPS, PROC_CONDITIONS,
	PROC_RESULT, PROC_SOURCE_URL, PROC_AGENCY_ADDRESS, PROC_AGENCY_PHONE };

/* More procedures to render than this: the whole catalogue in one read. */
#define TEXT_ONE_BY_ONE 200

/* clang-format off */
static const enum stmt child_of_stmt[CHILD__MAX] = {
	[CHILD_CHANNELS] = STMT_CHANNELS_OF,
	[CHILD_DOCUMENTS] = STMT_DOCUMENTS_OF,
	[CHILD_LEGAL] = STMT_LEGAL_OF,
};
/* clang-format on */

/* clang-format off */
static const enum stmt child_stmt[CHILD__MAX] = {
	[CHILD_CHANNELS] = STMT_CHANNELS,
	[CHILD_DOCUMENTS] = STMT_DOCUMENTS,
	[CHILD_LEGAL] = STMT_LEGAL,
};
/* clang-format on */

/* clang-format off */
static const enum stmt table_stmt[TABLE__MAX] = {
	[TABLE_AGENCIES] = STMT_AGENCIES,
	[TABLE_FAQS] = STMT_FAQS,
	[TABLE_NEWS] = STMT_NEWS,
	[TABLE_EVENTS] = STMT_EVENTS,
	[TABLE_ITEMS] = STMT_ITEMS,
	[TABLE_SYNONYMS] = STMT_SYNONYMS,
};
/* clang-format on */

/* The languages rendered, each into its own folder of site_dir. */
static const struct {
	enum mc_lang lang;
	const char  *prefix; /* "" or "en/" */
} outputs[] = {
	{ LANG_VI, "" },
	{ LANG_EN, "en/" },
};

#define NOUTPUTS (sizeof(outputs) / sizeof(outputs[0]))

/* Folders of generated pages, pruned of pages whose data went away. */
/* clang-format off */
static const char *const page_dirs[] = {
	"thu-tuc", "linh-vuc", "cap", "muc-do", "co-quan", "su-kien",
	"hoi-dap", "tin-tuc", "thong-ke", "phan-anh",
};
/* clang-format on */

/* Template folders whose change makes every page stale. */
/* clang-format off */
static const char *const template_dirs[] = {
	"layout", "partials", "site", "lang",
};
/* clang-format on */

/*
 * What the pages of other procedures show of one (its item in lists and
 * related lists: name, levels, online, service level; its agency's page):
 * kept from run to run in ITEMS_FILE, so that a change to a procedure's own
 * content renders its own page only, and a change to its item the pages
 * showing it, before and after.
 */
struct old_item {
	const char *code;
	char	    digest[17];
	long long   agency;
	unsigned    flags; /* PF_* */
	int	    level; /* enum sg_level */
};

/* What a process reports of its language (through a pipe when forked). */
struct counts {
	size_t pages, written, unchanged, skipped, removed;
};

struct run {
	const char	   *site_dir;
	struct mc_db	   *db;
	struct mc_arena	   *arena; /* the catalogue: whole run */
	struct mc_arena	   *page;  /* reset after every page */
	struct sg_catalogue cat;
	struct buf	    out;
	char		    now[24]; /* the database's clock */
	const char	   *since;   /* render changes from here */
	char		    sig[65]; /* the data's shape, see sign() */
	int		    full;
	int		    light; /* procs read without their texts */
	/* What to render when not full. */
	unsigned char *proc_dirty;	       /* by procedure row */
	unsigned char *list_dirty[LIST__MAX];  /* by list key */
	unsigned char *faq_dirty, *news_dirty; /* by row */
	int	       summary;		       /* what lists show changed */
	int	       faqs, news;	       /* one of them changed */
	/* The last run's items (ITEMS_FILE), sorted by code. */
	struct old_item *old;
	size_t		 nold;
	/* Pages kept this run, per language: the rest is pruned. */
	const char	  **keep;
	size_t		    nkeep, capkeep;
	struct counts	    c;
	size_t		    planned; /* pages to render, all languages */
	sitegen_progress_fn progress;
	void		   *ctx;
	int		    report; /* this process reports progress */
};

/* The last run's time and signature from the state file, and its mtime. */
static int
state_read(struct run *r, char *last, size_t size, char *sig, size_t ssize,
    time_t *mtime)
{
	char	    path[PATH_MAX];
	struct stat st;
	FILE	   *f;

	last[0] = sig[0] = '\0';
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
	if (fgets(sig, (int)ssize, f) == NULL)
		sig[0] = '\0';
	sig[strcspn(sig, "\r\n")] = '\0';
	fclose(f);
	return 0;
}

/* 1 if a file of the site's templates changed at or after t. */
static int
templates_newer(time_t t)
{
	const char    *dir = mc_config_get("templates_dir", "templates");
	char	       path[PATH_MAX];
	struct dirent *e;
	struct stat    st;
	size_t	       i;
	DIR	      *d;
	int	       newer = 0;

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
 * Reads the database clock and everything the site shows inside one
 * transaction, so the results are one consistent snapshot. 0 or -1.
 */
static int
load(struct run *r, const char *last)
{
	struct mc_rows times;
	const char    *since;
	long long      margin;
	int	       c;

	margin = mc_config_int("sitegen_margin", 3600, 0, 86400 * 30);
	if (mc_db_begin(r->db) < 0)
		return -1;
	if (mc_db_query(r->db, r->arena, &times, stmts[STMT_TIMES], "si",
		last[0] ? last : NULL, margin) < 0 ||
	    times.n != 1)
		goto out_rollback;
	snprintf(r->now, sizeof(r->now), "%s", mc_rows_str(&times, 0, 0));
	since = mc_rows_str(&times, 0, 1);
	if (since == NULL)
		r->full = 1;
	r->since = since ? since : "";
	r->light = !r->full;
	if (mc_db_query(r->db, r->arena, &r->cat.procs,
		stmts[r->light ? STMT_PROCEDURES_LIGHT : STMT_PROCEDURES],
		"") < 0)
		goto out_rollback;
	for (c = 0; c < TABLE__MAX; c++)
		if (mc_db_query(r->db, r->arena, &r->cat.table[c],
			stmts[table_stmt[c]], "") < 0)
			goto out_rollback;
	if (sitegen_link(&r->cat, r->arena) < 0)
		goto out_rollback;
	return 0; /* the snapshot stays open: load_rest() */
out_rollback:
	mc_db_rollback(r->db);
	return -1;
}

/* Appends the rows of more to rows (their cells stay where they are). */
static int
rows_append(struct mc_arena *a, struct mc_rows *rows,
    const struct mc_rows *more)
{
	const char **v;
	size_t	    *len, nc = more->ncols, n;

	if (more->n == 0)
		return 0;
	if (rows->n > 0 && rows->ncols != nc)
		return -1;
	n = rows->n + more->n;
	v = mc_arena_alloc(a, n * nc * sizeof(*v));
	len = mc_arena_alloc(a, n * nc * sizeof(*len));
	if (rows->n > 0) {
		memcpy(v, rows->v, rows->n * nc * sizeof(*v));
		memcpy(len, rows->len, rows->n * nc * sizeof(*len));
	}
	memcpy(v + rows->n * nc, more->v, more->n * nc * sizeof(*v));
	memcpy(len + rows->n * nc, more->len, more->n * nc * sizeof(*len));
	rows->v = v;
	rows->len = len;
	rows->ncols = nc;
	rows->names = more->names;
	rows->n = n;
	return 0;
}

/*
 * The rest of the snapshot, once plan() knows what to render: everything
 * for a full run (or many procedures); else the texts and child rows of
 * the procedures rendered, one by one. Ends the transaction. 0 or -1.
 */
static int
load_rest(struct run *r)
{
	struct sg_catalogue *cat = &r->cat;
	struct mc_rows	     t, ch;
	size_t		     i, k, n = 0;
	long long	     id;
	int		     c;

	for (i = 0; i < cat->procs.n; i++)
		n += r->proc_dirty[i];
	if (r->light && (r->full || n > TEXT_ONE_BY_ONE)) {
		if (mc_db_query(r->db, r->arena, &cat->procs,
			stmts[STMT_PROCEDURES], "") < 0)
			goto out_rollback;
		r->light = 0;
	}
	if (!r->light) {
		for (c = 0; c < CHILD__MAX; c++)
			if (mc_db_query(r->db, r->arena, &cat->child[c],
				stmts[child_stmt[c]], "") < 0)
				goto out_rollback;
	} else {
		memset(cat->child, 0, sizeof(cat->child));
		for (i = 0; i < cat->procs.n; i++) {
			if (!r->proc_dirty[i])
				continue;
			id = mc_rows_int(&cat->procs, i, PROC_ID);
			if (mc_db_query(r->db, r->arena, &t,
				stmts[STMT_PROC_TEXT], "i", id) < 0 ||
			    t.n != 1 ||
			    t.ncols != sizeof(text_cols) / sizeof(*text_cols))
				goto out_rollback;
			for (k = 0; k < t.ncols; k++) {
				cat->procs.v[i * cat->procs.ncols +
				    (size_t)text_cols[k]] = t.v[k];
				cat->procs.len[i * cat->procs.ncols +
				    (size_t)text_cols[k]] = t.len[k];
			}
			for (c = 0; c < CHILD__MAX; c++)
				if (mc_db_query(r->db, r->arena, &ch,
					stmts[child_of_stmt[c]], "i",
					id) < 0 ||
				    rows_append(r->arena, &cat->child[c],
					&ch) < 0)
					goto out_rollback;
		}
	}
	if (mc_db_commit(r->db) < 0)
		return -1;
	return sitegen_link(cat, r->arena);
out_rollback:
	mc_db_rollback(r->db);
	return -1;
}

/* Appends every cell of the columns of rows, separated, to b. */
static void
sign_rows(struct buf *b, const struct mc_rows *rows, const int *cols,
    size_t ncols)
{
	const char *s;
	size_t	    i, k;

	for (i = 0; i < rows->n; i++) {
		for (k = 0; k < ncols; k++) {
			s = mc_rows_str(rows, i, (size_t)cols[k]);
			mc_buf_adds(b, s ? s : "\x01");
			mc_buf_addc(b, '\x1f');
		}
		mc_buf_addc(b, '\x1e');
	}
	mc_buf_addc(b, '\x1d');
}

static const struct mc_rows *by_id_rows;

static int
by_id_cmp(const void *a, const void *b)
{
	long long x = mc_rows_int(by_id_rows, *(const size_t *)a, PROC_ID);
	long long y = mc_rows_int(by_id_rows, *(const size_t *)b, PROC_ID);

	return x < y ? -1 : x > y;
}

/* The procedures' columns in the order of their ids: a rename that moves
 * one in its field's order (by name) is not a change of the set (plan()
 * renders what it moves). */
static void
sign_procs(struct buf *b, const struct sg_catalogue *cat, const int *cols,
    size_t ncols)
{
	const struct mc_rows *rows = &cat->procs;
	const char	     *s;
	size_t		     *order, i, k;

	if ((order = calloc(rows->n + 1, sizeof(*order))) == NULL) {
		sign_rows(b, rows, cols, ncols);
		return;
	}
	for (i = 0; i < rows->n; i++)
		order[i] = i;
	by_id_rows = rows;
	qsort(order, rows->n, sizeof(*order), by_id_cmp);
	for (i = 0; i < rows->n; i++) {
		for (k = 0; k < ncols; k++) {
			s = mc_rows_str(rows, order[i], (size_t)cols[k]);
			mc_buf_adds(b, s ? s : "\x01");
			mc_buf_addc(b, '\x1f');
		}
		mc_buf_addc(b, '\x1e');
	}
	mc_buf_addc(b, '\x1d');
	free(order);
}

/*
 * The signature of what every page may show and no updated_at tells: the
 * set of procedures and their fields, the agencies, the life events, which
 * FAQs and news exist, the generator's version. When it differs from the
 * last run's, the run is full.
 */
static void
sign(struct run *r)
{
	static const int proc_cols[] = { PROC_ID, PROC_CODE, PROC_FIELD_ID,
		PROC_FIELD, PROC_FIELD_EN, PROC_FIELD_SLUG };
	static const int ag_cols[] = { AG_ID, AG_CODE, AG_KIND, AG_NAME,
		AG_NAME_EN, AG_ADDRESS, AG_PHONE };
	static const int faq_cols[] = { FAQ_ID, FAQ_FIELD_ID, FAQ_PROC_CODE };
	static const int news_cols[] = { NEWS_ID };
	static const int ev_cols[] = { EV_ID, EV_SLUG, EV_NAME, EV_NAME_EN,
		EV_SUMMARY, EV_SUMMARY_EN };
	static const int item_cols[] = { EVI_EVENT, EVI_CODE, EVI_FIELD };
	const struct sg_catalogue *cat = &r->cat;
	unsigned char		   md[32];
	struct buf		   b;

	mc_buf_init(&b, 64 << 20);
	mc_buf_adds(&b, GENERATOR_VERSION "\x1d");
	mc_buf_adds(&b, mc_config_get("base_url", ""));
	mc_buf_adds(&b, mc_config_get("office_hours", ""));
	mc_buf_adds(&b, mc_config_get("sitegen_popular_field", ""));
	sign_procs(&b, cat, proc_cols, 6);
	sign_rows(&b, &cat->table[TABLE_AGENCIES], ag_cols, 7);
	sign_rows(&b, &cat->table[TABLE_FAQS], faq_cols, 3);
	sign_rows(&b, &cat->table[TABLE_NEWS], news_cols, 1);
	sign_rows(&b, &cat->table[TABLE_EVENTS], ev_cols, 6);
	sign_rows(&b, &cat->table[TABLE_ITEMS], item_cols, 3);
	mc_sha256(md, b.s ? b.s : "", b.len);
	mc_hex(r->sig, md, sizeof(md));
	mc_buf_free(&b);
}

/* 1 if an updated_at value is at or after the run's starting point. */
static int
changed(const struct run *r, const char *updated)
{
	return updated == NULL || strcmp(updated, r->since) >= 0;
}

/* The digest of procedure row's name (hex, 16): the rest of what other
 * pages show of it is kept as it is (agency, flags, service level). */
static void
item_digest(const struct sg_catalogue *cat, size_t row, char out[17])
{
	const char   *name = mc_rows_str(&cat->procs, row, PROC_NAME);
	unsigned char md[32];

	if (name == NULL)
		name = "";
	mc_sha256(md, name, strlen(name));
	mc_hex(out, md, 8);
}

static int
old_cmp(const void *a, const void *b)
{
	return strcmp(((const struct old_item *)a)->code,
	    ((const struct old_item *)b)->code);
}

/*
 * Reads the last run's items (ITEMS_FILE: code, digest, agency id, flags,
 * service level, tab-separated, a line each). Missing or unreadable: none,
 * and every changed procedure counts as changed in what others show.
 */
static void
items_read(struct run *r)
{
	char		 path[PATH_MAX], line[512], *f[5], *p;
	struct old_item *o;
	size_t		 cap = r->cat.procs.n + 16, k;
	long long	 lv;
	FILE		*fp;

	r->nold = 0;
	r->old = mc_arena_alloc(r->arena, cap * sizeof(*r->old));
	snprintf(path, sizeof(path), "%s/%s", r->site_dir, ITEMS_FILE);
	if ((fp = fopen(path, "r")) == NULL)
		return;
	while (r->nold < cap && fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		for (k = 0, p = line; k < 5 && p != NULL; k++)
			f[k] = strsep(&p, "\t");
		if (k < 5 || strlen(f[1]) != 16 ||
		    mc_parse_ll(f[4], 0, SL__MAX - 1, &lv) < 0)
			continue; /* not ours: rendered again */
		o = &r->old[r->nold++];
		o->code = mc_arena_strndup(r->arena, f[0], strlen(f[0]));
		memcpy(o->digest, f[1], 17);
		o->agency = strtoll(f[2], NULL, 10);
		o->flags = (unsigned)strtoul(f[3], NULL, 10);
		o->level = (int)lv;
	}
	fclose(fp);
	qsort(r->old, r->nold, sizeof(*r->old), old_cmp);
}

/* Writes every procedure's item for the next run; 0 or -1. */
static int
items_write(struct run *r)
{
	const struct sg_catalogue *cat = &r->cat;
	char			   d[17];
	struct buf		   b;
	size_t			   i;
	int			   rc;

	mc_buf_init(&b, 64 << 20);
	for (i = 0; i < cat->procs.n; i++) {
		if (!sitegen_code_ok(mc_rows_str(&cat->procs, i, PROC_CODE)))
			continue;
		item_digest(cat, i, d);
		if (mc_buf_addf(&b, "%s\t%s\t%lld\t%u\t%d\n",
			mc_rows_str(&cat->procs, i, PROC_CODE), d,
			cat->agency_id[i], (unsigned)cat->flags[i],
			(int)sitegen_level(cat, i)) < 0) {
			mc_buf_free(&b);
			return -1;
		}
	}
	rc = sitegen_write(r->site_dir, ITEMS_FILE, &b);
	mc_buf_free(&b);
	return rc < 0 ? -1 : 0;
}

/* How many list pages of a kind. */
static size_t
list_keys(const struct sg_catalogue *cat, enum sg_list kind)
{
	switch (kind) {
	case LIST_FIELD:
		return cat->nfields;
	case LIST_SERVICE:
		return SL__MAX;
	case LIST_AGENCY:
		return cat->table[TABLE_AGENCIES].n;
	case LIST_EVENT:
		return cat->table[TABLE_EVENTS].n;
	default:
		return 1;
	}
}

/* 1 if agencies row k is a ward. */
static int
is_ward(const struct mc_rows *ag, size_t k)
{
	const char *kind = mc_rows_str(ag, k, AG_KIND);

	return kind != NULL && strcmp(kind, "ward") == 0;
}

/*
 * Procedure row changed: its page, and when what others show of it changed
 * (or is not known), the pages showing it before and after: the procedures
 * listing it as related (the RELATED_MAX before it in its field, going
 * round), the lists it is on now (field, level, service level, agency, life
 * events) and was on (level, service level, agency; a ward's page counts the
 * commune-level procedures), and the pages of counts and of the whole
 * catalogue (r->summary: home, catalogue index, directory, statistics,
 * search index), the FAQs naming it and their index.
 */
static void
plan_procedure(struct run *r, size_t row)
{
	const struct sg_catalogue *cat = &r->cat;
	const struct mc_rows	  *ag = &cat->table[TABLE_AGENCIES];
	const struct sg_field	  *f = &cat->fields[cat->field_of[row]];
	const struct mc_rows	  *faqs = &cat->table[TABLE_FAQS];
	const struct old_item	  *o;
	struct old_item		   key;
	char			   d[17];
	size_t			   i, k, seen;
	int			   l, moved, renamed;

	r->proc_dirty[row] = 1;
	key.code = mc_rows_str(&cat->procs, row, PROC_CODE);
	if (key.code == NULL)
		return;
	o = bsearch(&key, r->old, r->nold, sizeof(*r->old), old_cmp);
	item_digest(cat, row, d);
	renamed = o == NULL || strcmp(o->digest, d) != 0;
	if (!renamed && o->agency == cat->agency_id[row] &&
	    o->flags == cat->flags[row] &&
	    o->level == (int)sitegen_level(cat, row))
		return; /* its own content only */
	r->summary = 1;
	/* The FAQs naming it link to it by name (and their index). */
	for (i = 0; i < faqs->n; i++)
		if (mc_rows_str(faqs, i, FAQ_PROC_CODE) != NULL &&
		    strcmp(mc_rows_str(faqs, i, FAQ_PROC_CODE), key.code) == 0)
			r->faq_dirty[i] = r->faqs = 1;
	/* Renamed: it may have moved in its field's order (by name), which
	 * changes the related lists around where it was and where it is. */
	if (renamed)
		for (i = 0; i < f->n; i++)
			r->proc_dirty[f->first + i] = 1;
	for (i = 1, seen = 0; i < f->n && seen < RELATED_MAX; i++) {
		k = f->first + (row - f->first + f->n - i) % f->n;
		r->proc_dirty[k] = 1;
		if (sitegen_code_ok(mc_rows_str(&cat->procs, k, PROC_CODE)))
			seen++;
	}
	/* A ward's page counts the commune-level procedures by field: only a
	 * change of level changes it. */
	moved = o == NULL || ((o->flags ^ cat->flags[row]) & PF_COMMUNE);
	for (l = 0; l < LIST__MAX; l++)
		for (k = 0; k < list_keys(cat, (enum sg_list)l); k++)
			if (sitegen_listed(cat, (enum sg_list)l, k, row) &&
			    (l != LIST_AGENCY || moved || !is_ward(ag, k)))
				r->list_dirty[l][k] = 1;
	if (o == NULL)
		return;
	if (o->flags & PF_PROVINCE)
		r->list_dirty[LIST_PROVINCE][0] = 1;
	if (o->flags & PF_COMMUNE)
		r->list_dirty[LIST_COMMUNE][0] = 1;
	if (o->level >= 0 && o->level < SL__MAX)
		r->list_dirty[LIST_SERVICE][o->level] = 1;
	for (k = 0; k < ag->n; k++)
		if ((mc_rows_int(ag, k, AG_ID) == o->agency &&
			!is_ward(ag, k)) ||
		    (moved && is_ward(ag, k)))
			r->list_dirty[LIST_AGENCY][k] = 1;
}

/*
 * Decides what to render when the run is not full (what depends on what):
 *  - a procedure changed: see plan_procedure();
 *  - an FAQ changed: its page, the FAQ index, the home page (it lists
 *    FAQs), the procedure it names and every procedure of its field (their
 *    pages show the field's FAQs);
 *  - a news item changed: its page, the news index, the home page.
 * Everything else is left as it is; the 404 page has no data (a template
 * change or a new generator makes the run full).
 */
static void
plan(struct run *r)
{
	const struct sg_catalogue *cat = &r->cat;
	const struct mc_rows	  *faqs = &cat->table[TABLE_FAQS];
	const struct mc_rows	  *news = &cat->table[TABLE_NEWS];
	unsigned char		  *field;
	size_t			   i, f, p, n = cat->procs.n, k;
	int			   l;

	r->proc_dirty = mc_arena_alloc(r->arena, n + 1);
	field = mc_arena_alloc(r->arena, cat->nfields + 1);
	memset(r->proc_dirty, r->full, n + 1);
	memset(field, r->full, cat->nfields + 1);
	for (l = 0; l < LIST__MAX; l++) {
		k = list_keys(cat, (enum sg_list)l);
		r->list_dirty[l] = mc_arena_alloc(r->arena, k + 1);
		memset(r->list_dirty[l], r->full, k + 1);
	}
	r->faq_dirty = mc_arena_alloc(r->arena, faqs->n + 1);
	memset(r->faq_dirty, r->full, faqs->n + 1);
	r->news_dirty = mc_arena_alloc(r->arena, news->n + 1);
	memset(r->news_dirty, r->full, news->n + 1);
	r->summary = r->faqs = r->news = r->full;
	if (!r->full)
		items_read(r);
	for (i = 0; !r->full && i < n; i++)
		if (changed(r, mc_rows_str(&cat->procs, i, PROC_UPDATED)))
			plan_procedure(r, i);
	for (i = 0; !r->full && i < faqs->n; i++) {
		if (!changed(r, mc_rows_str(faqs, i, FAQ_UPDATED)))
			continue;
		r->faqs = 1;
		r->faq_dirty[i] = 1;
		if (sitegen_find(cat, mc_rows_str(faqs, i, FAQ_PROC_CODE), &p))
			r->proc_dirty[p] = 1;
		for (f = 0; mc_rows_str(faqs, i, FAQ_FIELD_ID) != NULL &&
		     f < cat->nfields;
		     f++)
			if (mc_rows_int(&cat->procs, cat->fields[f].first,
				PROC_FIELD_ID) ==
			    mc_rows_int(faqs, i, FAQ_FIELD_ID))
				field[f] = 1;
	}
	for (i = 0; !r->full && i < news->n; i++)
		if (changed(r, mc_rows_str(news, i, NEWS_UPDATED))) {
			r->news = 1;
			r->news_dirty[i] = 1;
		}
	for (i = 0; i < n; i++)
		if (field[cat->field_of[i]])
			r->proc_dirty[i] = 1;
	/* The estimate for the progress bar, both languages. */
	for (i = 0; i < n; i++)
		r->planned += r->proc_dirty[i] ? NOUTPUTS : 0;
	for (l = 0; l < LIST__MAX; l++)
		for (k = 0; k < list_keys(cat, (enum sg_list)l); k++)
			r->planned += r->list_dirty[l][k] ? NOUTPUTS : 0;
	for (i = 0; i < faqs->n; i++)
		r->planned += r->faq_dirty[i] ? NOUTPUTS : 0;
	for (i = 0; i < news->n; i++)
		r->planned += r->news_dirty[i] ? NOUTPUTS : 0;
	r->planned += NOUTPUTS *
	    ((r->summary || r->faqs || r->news) + 3 * r->summary + r->faqs +
		r->news + r->full);
}

static void
keep(struct run *r, const char *rel)
{
	const char **grown;

	if (r->nkeep == r->capkeep) {
		r->capkeep = r->capkeep ? 2 * r->capkeep : 4096;
		grown = mc_arena_alloc(r->arena, r->capkeep * sizeof(*grown));
		if (r->nkeep > 0)
			memcpy(grown, r->keep, r->nkeep * sizeof(*grown));
		r->keep = grown;
	}
	r->keep[r->nkeep++] = mc_arena_strndup(r->arena, rel, strlen(rel));
}

static void
progress(struct run *r)
{
	size_t done = r->c.pages * NOUTPUTS;

	if (r->progress != NULL && r->report && r->c.pages % 100 == 0)
		r->progress(r->ctx, done < r->planned ? done : r->planned,
		    r->planned);
}

/* Renders the page model in hdf with tmpl to rel and writes it. */
static int
emit(struct run *r, HDF *hdf, const char *tmpl, const char *rel)
{
	int rc;

	mc_buf_reset(&r->out);
	if (mc_view_render(hdf, tmpl, 1, &r->out) < 0)
		return -1; /* logged by mc_view */
	if ((rc = sitegen_write(r->site_dir, rel, &r->out)) < 0)
		return -1;
	if (rc == 1)
		r->c.written++;
	else
		r->c.unchanged++;
	r->c.pages++;
	keep(r, rel);
	progress(r);
	return 0;
}

/* 1 if the page at rel exists. */
static int
exists(struct run *r, const char *rel)
{
	char	    path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", r->site_dir, rel);
	return stat(path, &st) == 0;
}

/* A page left as it is: counted, kept; 0, or 1 when it must be rendered. */
static int
skip(struct run *r, int dirty, const char *rel)
{
	if (dirty || !exists(r, rel))
		return 1;
	r->c.skipped++;
	keep(r, rel);
	return 0;
}

static int
render_procedures(struct run *r, enum mc_lang lang, const char *prefix)
{
	const struct mc_rows *p = &r->cat.procs;
	const char	     *code, *rel;
	size_t		      i;
	HDF		     *hdf;
	int		      rc;

	for (i = 0; i < p->n; i++, mc_arena_reset(r->page)) {
		code = mc_rows_str(p, i, PROC_CODE);
		if (!sitegen_code_ok(code)) {
			mc_warn("procedure %lld: code unfit for a file name",
			    mc_rows_int(p, i, PROC_ID));
			continue;
		}
		rel = mc_arena_printf(r->page, "%sthu-tuc/%s.html", prefix,
		    code);
		if (!skip(r, r->proc_dirty[i], rel))
			continue;
		hdf = mc_view_begin(lang);
		sitegen_fill_procedure(hdf, &r->cat, i, lang, r->page);
		if ((rc = emit(r, hdf, "site/procedure.cs", rel)) < 0)
			return -1;
	}
	return 0;
}

/* The list pages: fields, levels, service levels, agencies, events. */
static int
render_lists(struct run *r, enum mc_lang lang, const char *prefix)
{
	static const enum sg_list  kinds[] = { LIST_FIELD, LIST_PROVINCE,
		 LIST_COMMUNE, LIST_SERVICE, LIST_AGENCY, LIST_EVENT };
	const struct sg_catalogue *cat = &r->cat;
	const char		  *path, *rel;
	size_t			   k, key, n;
	HDF			  *hdf;
	int			   rc;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		switch (kinds[k]) {
		case LIST_FIELD:
			n = cat->nfields;
			break;
		case LIST_SERVICE:
			n = SL__MAX;
			break;
		case LIST_AGENCY:
			n = cat->table[TABLE_AGENCIES].n;
			break;
		case LIST_EVENT:
			n = cat->table[TABLE_EVENTS].n;
			break;
		default:
			n = 1;
			break;
		}
		for (key = 0; key < n; key++, mc_arena_reset(r->page)) {
			path = sitegen_list_path(cat, kinds[k], key, r->page);
			if (path == NULL)
				continue;
			rel = mc_arena_printf(r->page, "%s%s", prefix, path);
			if (!skip(r, r->list_dirty[kinds[k]][key], rel))
				continue;
			hdf = mc_view_begin(lang);
			sitegen_fill_list(hdf, cat, kinds[k], key, lang,
			    r->page);
			if ((rc = emit(r, hdf, "site/list.cs", rel)) < 0)
				return -1;
		}
	}
	return 0;
}

/* One page without a row: fill it and write it unless skipped. */
static int
render_one(struct run *r, enum mc_lang lang, const char *prefix, int dirty,
    const char *path, const char *tmpl,
    void (*fill)(HDF *, const struct sg_catalogue *, enum mc_lang,
	struct mc_arena *))
{
	const char *rel;
	HDF	   *hdf;
	int	    rc = 0;

	rel = mc_arena_printf(r->page, "%s%s", prefix, path);
	if (skip(r, dirty, rel)) {
		hdf = mc_view_begin(lang);
		fill(hdf, &r->cat, lang, r->page);
		rc = emit(r, hdf, tmpl, rel);
	}
	mc_arena_reset(r->page);
	return rc;
}

/* FAQ pages and news pages, one per row. */
static int
render_rows(struct run *r, enum mc_lang lang, const char *prefix,
    enum sg_table t)
{
	const struct mc_rows *rows = &r->cat.table[t];
	const char	     *rel, *id;
	size_t		      i;
	HDF		     *hdf;

	for (i = 0; i < rows->n; i++, mc_arena_reset(r->page)) {
		id = mc_rows_str(rows, i, 0);
		rel = mc_arena_printf(r->page, "%s%s/%s.html", prefix,
		    t == TABLE_FAQS ? "hoi-dap" : "tin-tuc", id);
		if (!skip(r,
			t == TABLE_FAQS ? r->faq_dirty[i] : r->news_dirty[i],
			rel))
			continue;
		hdf = mc_view_begin(lang);
		if (t == TABLE_FAQS) {
			sitegen_fill_faq(hdf, &r->cat, i, lang, r->page);
			if (emit(r, hdf, "site/faq.cs", rel) < 0)
				return -1;
		} else {
			sitegen_fill_news(hdf, &r->cat, i, lang, r->page);
			if (emit(r, hdf, "site/news.cs", rel) < 0)
				return -1;
		}
	}
	return 0;
}

static void
fill_404(HDF *hdf, const struct sg_catalogue *cat, enum mc_lang lang,
    struct mc_arena *a)
{
	sitegen_fill_404(hdf, lang);
}

static int write_file(struct run *, const char *, const struct buf *);

/* The public statistics' pages and files (stats.c) through emit(). */
static int
stats_page(void *ctx, HDF *hdf, const char *tmpl, const char *rel)
{
	return emit(ctx, hdf, tmpl, rel);
}

static int
stats_file(void *ctx, const char *rel, const struct buf *b)
{
	return write_file(ctx, rel, b);
}

/* A page per published answer to feedback (feedback.c). */
static int
render_feedback(struct run *r, enum mc_lang lang, const char *prefix)
{
	const char *rel;
	size_t	    i, n = sitegen_feedback_count();
	HDF	   *hdf;

	for (i = 0; i < n; i++, mc_arena_reset(r->page)) {
		if ((rel = sitegen_feedback_path(i, r->page, NULL)) == NULL)
			continue;
		hdf = mc_view_begin(lang);
		sitegen_fill_feedback_item(hdf, i, lang, r->page);
		if (emit(r, hdf, "site/feedback.cs",
			mc_arena_printf(r->page, "%s%s", prefix, rel)) < 0)
			return -1;
	}
	return 0;
}

/* The league tables as CSV beside their page, written when changed. */
static int
render_league_csv(struct run *r, enum mc_lang lang, const char *prefix)
{
	HDF *hdf = mc_view_begin(lang);
	int  rc;

	mc_buf_reset(&r->out);
	/* UTF-8 with a byte order mark: Excel reads the accents. */
	rc = mc_buf_adds(&r->out, "\xEF\xBB\xBF") < 0 ||
		sitegen_league_csv(hdf, lang, r->page, &r->out) < 0 ||
		write_file(r,
		    mc_arena_printf(r->page, "%sxep-hang/xep-hang.csv",
			prefix),
		    &r->out) < 0 ?
	    -1 :
	    0;
	mc_arena_reset(r->page);
	return rc;
}

static int
render_lang(struct run *r, enum mc_lang lang, const char *prefix)
{
	const struct sg_out stats = { stats_page, stats_file, r };

	if (render_one(r, lang, prefix, r->summary || r->faqs || r->news,
		"index.html", "site/home.cs", sitegen_fill_home) < 0 ||
	    render_one(r, lang, prefix, r->summary, "thu-tuc/index.html",
		"site/catalogue.cs", sitegen_fill_catalogue) < 0 ||
	    render_one(r, lang, prefix, r->full, "404.html", "site/404.cs",
		fill_404) < 0 ||
	    render_one(r, lang, prefix, r->summary, "co-quan/index.html",
		"site/agencies.cs", sitegen_fill_agencies) < 0 ||
	    render_one(r, lang, prefix, r->summary, "thong-ke/index.html",
		"site/stats.cs", sitegen_fill_stats) < 0 ||
	    render_one(r, lang, prefix, r->faqs, "hoi-dap/index.html",
		"site/faqs.cs", sitegen_fill_faqs) < 0 ||
	    render_one(r, lang, prefix, r->news, "tin-tuc/index.html",
		"site/news_index.cs", sitegen_fill_news_index) < 0 ||
	    render_one(r, lang, prefix, 1, "xep-hang/index.html",
		"site/league.cs", sitegen_fill_league) < 0 ||
	    render_league_csv(r, lang, prefix) < 0 ||
	    render_one(r, lang, prefix, 1, "xep-hang/phuong-phap.html",
		"site/league_method.cs", sitegen_fill_league_method) < 0 ||
	    render_one(r, lang, prefix, 1, "phan-anh/index.html",
		"site/feedback.cs", sitegen_fill_feedback) < 0)
		return -1;
	if (sitegen_stats_render(lang, prefix, r->page, &stats) < 0 ||
	    render_lists(r, lang, prefix) < 0 ||
	    render_rows(r, lang, prefix, TABLE_FAQS) < 0 ||
	    render_rows(r, lang, prefix, TABLE_NEWS) < 0 ||
	    render_feedback(r, lang, prefix) < 0)
		return -1;
	return render_procedures(r, lang, prefix);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Removes the pages of data no longer there (every .html file of the page
 * folders not kept this run) and temporary files a crashed run left. The
 * keep list must be sorted. 0 or -1.
 */
static int
prune(struct run *r, const char *prefix)
{
	char	       path[PATH_MAX], rel[PATH_MAX];
	const char    *key;
	struct dirent *e;
	size_t	       i, len;
	DIR	      *d;
	int	       copy;

	for (i = 0; i < sizeof(page_dirs) / sizeof(page_dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s%s", r->site_dir, prefix,
		    page_dirs[i]);
		if ((d = opendir(path)) == NULL)
			continue;
		while ((e = readdir(d)) != NULL) {
			len = strlen(e->d_name);
			if (e->d_name[0] == '.')
				continue;
			copy = 0;
			if (strstr(e->d_name, ".tmp.") == NULL) {
				/* A page's .gz and .br go with the page. */
				if (len > 8 &&
				    (strcmp(e->d_name + len - 3, ".gz") == 0 ||
					strcmp(e->d_name + len - 3, ".br") ==
					    0)) {
					copy = 1;
					len -= 3;
				}
				if (len < 6 ||
				    strncmp(e->d_name + len - 5, ".html", 5) !=
					0)
					continue;
				snprintf(rel, sizeof(rel), "%s%s/%.*s", prefix,
				    page_dirs[i], (int)len, e->d_name);
				key = rel;
				if (bsearch(&key, r->keep, r->nkeep,
					sizeof(*r->keep), str_cmp) != NULL)
					continue;
			}
			snprintf(path, sizeof(path), "%s/%s%s/%s", r->site_dir,
			    prefix, page_dirs[i], e->d_name);
			if (unlink(path) < 0 && errno != ENOENT) {
				mc_err("unlink %s: %s", path, strerror(errno));
				closedir(d);
				return -1;
			}
			if (!copy) {
				r->c.removed++;
				mc_info("removed %s", path);
			}
		}
		closedir(d);
	}
	return 0;
}

/* One language, start to end: render, then prune. 0 or -1. */
static int
build_lang(struct run *r, size_t k)
{
	r->nkeep = 0;
	if (render_lang(r, outputs[k].lang, outputs[k].prefix) < 0)
		return -1;
	qsort(r->keep, r->nkeep, sizeof(*r->keep), str_cmp);
	return prune(r, outputs[k].prefix);
}

/*
 * The languages after the first each in a child process (the two cores
 * render at once); the children report their counts through a pipe.
 */
static int
build_langs(struct run *r)
{
	pid_t	      pids[NOUTPUTS];
	int	      fds[NOUTPUTS], p[2], status, rc = 0;
	struct counts c;
	size_t	      k;

	for (k = 1; k < NOUTPUTS; k++) {
		pids[k] = -1;
		fds[k] = -1;
		if (mc_config_int("sitegen_jobs", 2, 1, 16) < 2 || pipe(p) < 0)
			continue;
		fflush(NULL);
		if ((pids[k] = fork()) == 0) {
			close(p[0]);
			r->report = 0;
			memset(&r->c, 0, sizeof(r->c));
			rc = build_lang(r, k);
			if (write(p[1], &r->c, sizeof(r->c)) !=
			    (ssize_t)sizeof(r->c))
				rc = -1;
			_exit(rc < 0 ? 1 : 0); /* never close the DB here */
		}
		close(p[1]);
		fds[k] = p[0];
		if (pids[k] < 0)
			close(p[0]);
	}
	if (build_lang(r, 0) < 0)
		rc = -1;
	for (k = 1; k < NOUTPUTS; k++) {
		if (pids[k] < 0) {
			if (rc == 0 && build_lang(r, k) < 0)
				rc = -1;
			continue;
		}
		memset(&c, 0, sizeof(c));
		if (read(fds[k], &c, sizeof(c)) != (ssize_t)sizeof(c))
			rc = -1;
		close(fds[k]);
		while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			mc_err("rendering %s failed", outputs[k].prefix);
			rc = -1;
		}
		r->c.pages += c.pages;
		r->c.written += c.written;
		r->c.unchanged += c.unchanged;
		r->c.skipped += c.skipped;
		r->c.removed += c.removed;
	}
	return rc;
}

static int
write_file(struct run *r, const char *rel, const struct buf *b)
{
	int rc;

	if ((rc = sitegen_write(r->site_dir, rel, b)) < 0)
		return -1;
	if (rc == 1)
		r->c.written++;
	else
		r->c.unchanged++;
	r->c.pages++;
	return 0;
}

/* The sitemap of both languages' pages. */
static int
sitemap(struct run *r, struct buf *b)
{
	const struct sg_catalogue *cat = &r->cat;
	const char *base = mc_config_get("base_url", "http://127.0.0.1:8080");
	static const char *const  fixed[] = { "/", "/thu-tuc/", "/co-quan/",
		 "/hoi-dap/", "/tin-tuc/", "/thong-ke/", "/phan-anh/" };
	static const enum sg_list kinds[] = { LIST_FIELD, LIST_PROVINCE,
		LIST_COMMUNE, LIST_SERVICE, LIST_AGENCY, LIST_EVENT };
	const struct mc_rows	 *t;
	const char		 *path, *rt, **stats, *lastmod;
	size_t			  k, i, n, key;
	int			  rc = 0;

	rc |= mc_buf_adds(b,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
	    "\n");
	for (k = 0; k < NOUTPUTS; k++) {
		rt = outputs[k].lang == LANG_EN ? "/en" : "";
		for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
			rc |= sitegen_sitemap_url(b, base,
			    mc_arena_printf(r->page, "%s%s", rt, fixed[i]),
			    NULL);
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
			n = kinds[i] == LIST_FIELD ?
			    cat->nfields :
			    kinds[i] == LIST_SERVICE ?
			    SL__MAX :
			    kinds[i] == LIST_AGENCY ?
			    cat->table[TABLE_AGENCIES].n :
			    kinds[i] == LIST_EVENT ?
			    cat->table[TABLE_EVENTS].n :
			    1;
			for (key = 0; key < n; key++)
				if ((path = sitegen_list_path(cat, kinds[i],
					 key, r->page)) != NULL)
					rc |= sitegen_sitemap_url(b, base,
					    mc_arena_printf(r->page, "%s/%s",
						rt, path),
					    NULL);
		}
		n = sitegen_stats_paths(&stats, r->page);
		for (i = 0; i < n; i++)
			rc |= sitegen_sitemap_url(b, base,
			    mc_arena_printf(r->page, "%s%s", rt, stats[i]),
			    NULL);
		t = &cat->table[TABLE_FAQS];
		for (i = 0; i < t->n; i++)
			rc |= sitegen_sitemap_url(b, base,
			    mc_arena_printf(r->page, "%s/hoi-dap/%s.html", rt,
				mc_rows_str(t, i, FAQ_ID)),
			    mc_rows_str(t, i, FAQ_UPDATED));
		t = &cat->table[TABLE_NEWS];
		for (i = 0; i < t->n; i++)
			rc |= sitegen_sitemap_url(b, base,
			    mc_arena_printf(r->page, "%s/tin-tuc/%s.html", rt,
				mc_rows_str(t, i, NEWS_ID)),
			    mc_rows_str(t, i, NEWS_UPDATED));
		n = sitegen_feedback_count();
		for (i = 0; i < n; i++)
			if ((path = sitegen_feedback_path(i, r->page,
				 &lastmod)) != NULL)
				rc |= sitegen_sitemap_url(b, base,
				    mc_arena_printf(r->page, "%s/%s", rt,
					path),
				    lastmod);
		for (i = 0; i < cat->procs.n; i++)
			if (sitegen_code_ok(
				mc_rows_str(&cat->procs, i, PROC_CODE)))
				rc |= sitegen_sitemap_url(b, base,
				    mc_arena_printf(r->page,
					"%s/thu-tuc/%s.html", rt,
					mc_rows_str(&cat->procs, i,
					    PROC_CODE)),
				    mc_rows_str(&cat->procs, i, PROC_UPDATED));
		mc_arena_reset(r->page);
	}
	rc |= mc_buf_adds(b, "</urlset>\n");
	return rc < 0 ? -1 : 0;
}

/* sitemap.xml, robots.txt and the search index: one for both languages. */
static int
shared_files(struct run *r)
{
	const char *base = mc_config_get("base_url", "http://127.0.0.1:8080");

	mc_buf_reset(&r->out);
	if (sitemap(r, &r->out) < 0 ||
	    write_file(r, "sitemap.xml", &r->out) < 0)
		return -1;
	mc_buf_reset(&r->out);
	if (mc_buf_addf(&r->out,
		"User-agent: *\nAllow: /\n"
		"Disallow: /dich-vu/\nDisallow: /can-bo/\nDisallow: /api/\n"
		"Sitemap: %s/sitemap.xml\n",
		base) < 0 ||
	    write_file(r, "robots.txt", &r->out) < 0)
		return -1;
	/* Always made (its bytes unchanged: not written): synonyms change it. */
	mc_buf_reset(&r->out);
	if (sitegen_search_index(&r->cat, &r->out) < 0 ||
	    write_file(r, INDEX_FILE, &r->out) < 0)
		return -1;
	return 0;
}

static int
state_write(struct run *r)
{
	struct buf b;
	int	   rc;

	mc_buf_init(&b, 256);
	if (mc_buf_addf(&b, "%s\n%s\n", r->now, r->sig) < 0)
		return -1;
	rc = sitegen_write(r->site_dir, STATE_FILE, &b);
	mc_buf_free(&b);
	return rc < 0 ? -1 : 0;
}

static long long
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000LL +
	    (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* For nftw(): the owner that chown_tree() gives. */
static uid_t tree_uid;
static gid_t tree_gid;

static int
chown_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	if (st->st_uid != tree_uid || st->st_gid != tree_gid)
		if (lchown(path, tree_uid, tree_gid) < 0)
			mc_warn("chown %s: %s", path, strerror(errno));
	return 0;
}

/*
 * Run as root (bin/motcua site from tools/instance.sh), the generator
 * gives site_dir and everything in it to the programs' user (site_owner,
 * default run_user), so that the webmaster's button in the back office,
 * which runs as that user, can rebuild it. 0 or -1.
 */
static int
own_site(const char *dir)
{
	const char    *user;
	struct passwd *pw;
	struct stat    st;

	if (geteuid() != 0)
		return 0;
	user = mc_config_get("site_owner", mc_config_get("run_user", ""));
	if (*user == '\0')
		return 0;
	if ((pw = getpwnam(user)) == NULL) {
		mc_warn("no user %s: site files stay root's", user);
		return 0;
	}
	tree_uid = pw->pw_uid;
	tree_gid = pw->pw_gid;
	sitegen_owner((long)pw->pw_uid, (long)pw->pw_gid);
	if (stat(dir, &st) == 0 && st.st_uid == tree_uid)
		return 0; /* given already (new files are given one by one) */
	return nftw(dir, chown_one, 16, FTW_PHYS) < 0 ? -1 : 0;
}

/* An exclusive lock on site_dir for the whole run; the fd, or -1. */
static int
lock_site(const char *dir)
{
	char path[PATH_MAX];
	int  fd;

	snprintf(path, sizeof(path), "%s/%s", dir, LOCK_FILE);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
		mc_err("%s: %s", path, strerror(errno));
		return -1;
	}
	if (tree_uid != 0 && fchown(fd, tree_uid, tree_gid) < 0)
		mc_warn("chown %s: %s", path, strerror(errno));
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR) {
			mc_err("lock %s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
	return fd;
}

int
sitegen_build(int full, sitegen_progress_fn fn, void *ctx,
    struct sitegen_result *res)
{
	struct run	r;
	struct timespec t0;
	char		last[64], last_sig[80];
	time_t		state_mtime;
	int		rc = -1, lock;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&r, 0, sizeof(r));
	memset(res, 0, sizeof(*res));
	r.full = full;
	r.progress = fn;
	r.ctx = ctx;
	r.report = 1;
	if ((r.site_dir = mc_config_get("site_dir", NULL)) == NULL) {
		mc_err("site_dir is not set in %s", mc_config_file());
		return -1;
	}
	if (mkdir(r.site_dir, 0755) < 0 && errno != EEXIST) {
		mc_err("mkdir %s: %s", r.site_dir, strerror(errno));
		return -1;
	}
	if (own_site(r.site_dir) < 0 || (lock = lock_site(r.site_dir)) < 0)
		return -1;
	if (state_read(&r, last, sizeof(last), last_sig, sizeof(last_sig),
		&state_mtime) < 0)
		goto out_lock;
	if (last[0] == '\0' || templates_newer(state_mtime))
		r.full = 1;
	if ((r.db = mc_db_open()) == NULL)
		goto out_lock;
	if ((r.arena = mc_arena_new(1 << 20)) == NULL ||
	    (r.page = mc_arena_new(64 * 1024)) == NULL)
		goto out_arena;
	mc_buf_init(&r.out, PAGE_MAX);
	if (load(&r, last) < 0)
		goto out_buf;
	sign(&r);
	if (strcmp(r.sig, last_sig) != 0)
		r.full = 1;
	plan(&r);
	if (load_rest(&r) < 0 || sitegen_league_load(r.db, r.arena) < 0 ||
	    sitegen_stats_load(r.db, r.arena) < 0 ||
	    sitegen_feedback_load(r.db, r.arena) < 0)
		goto out_buf;
	if (fn != NULL)
		fn(ctx, 0, r.planned);
	if (build_langs(&r) < 0 || shared_files(&r) < 0 ||
	    items_write(&r) < 0 || state_write(&r) < 0)
		goto out_buf;
	res->pages = r.c.pages + r.c.skipped;
	res->written = r.c.written;
	res->unchanged = r.c.unchanged;
	res->skipped = r.c.skipped;
	res->removed = r.c.removed;
	res->ms = ms_since(&t0);
	if (fn != NULL)
		fn(ctx, r.c.pages, r.c.pages);
	rc = 0;
out_buf:
	mc_buf_free(&r.out);
out_arena:
	if (r.page != NULL)
		mc_arena_free(r.page);
	if (r.arena != NULL)
		mc_arena_free(r.arena);
	mc_db_close(r.db);
out_lock:
	close(lock);
	return rc;
}

int
sitegen_run(int full)
{
	struct sitegen_result res;

	if (sitegen_build(full, NULL, NULL, &res) < 0)
		return -1;
	printf("site: %zu pages written, %zu unchanged, %zu skipped, "
	       "%zu removed, %lld ms\n",
	    res.written, res.unchanged, res.skipped, res.removed, res.ms);
	return 0;
}
