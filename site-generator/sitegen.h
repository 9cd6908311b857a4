/*
 * The site generator: renders the public site (home, catalogue indexes, one
 * page per procedure, agencies, life events, FAQs, news, sitemap, search
 * index, 404) in Vietnamese and English from the database into the config's
 * site_dir. sitegen_build() is the whole job; the rest is exposed for the
 * unit tests, which fill pages from hand-made rows without a database.
 */
#ifndef SITEGEN_H
#define SITEGEN_H

#include <stddef.h>

#include <ClearSilver.h>

#include "mc_db.h"
#include "mc_view.h"

struct buf;
struct mc_arena;

/* What a build did; pages counts both languages. */
struct sitegen_result {
	size_t	  pages;     /* rendered or left as they were */
	size_t	  written;   /* files whose bytes changed */
	size_t	  unchanged; /* rendered, same bytes: not touched */
	size_t	  skipped;   /* not rendered: their data did not change */
	size_t	  removed;   /* pages of data no longer there */
	long long ms;
};

/*
 * Called now and then during a build with the pages done so far and the
 * pages the build will render in all (an estimate until the end).
 */
typedef void (*sitegen_progress_fn)(void *ctx, size_t done, size_t total);

/*
 * Renders the site into site_dir. With full zero only the pages whose data
 * changed since the last successful run are rendered (and missing ones); a
 * file whose bytes did not change is left alone; every write is atomic.
 * Runs under an exclusive lock on site_dir/.sitegen-lock (a second build
 * waits). progress may be NULL. Fills *res. Returns 0 or -1 (logged).
 */
int sitegen_build(int full, sitegen_progress_fn progress, void *ctx,
    struct sitegen_result *res);

/*
 * sitegen_build() for the command line: prints "site: N pages written,
 * N unchanged, N skipped, N removed, N ms". Returns 0 or -1.
 */
int sitegen_run(int full);

/* Columns of the procedures query, in its SELECT order. */
enum sg_proc_col {
	PROC_ID,
	PROC_CODE,
	PROC_NAME,
	PROC_FIELD_ID,
	PROC_FIELD,
	PROC_FIELD_EN,
	PROC_FIELD_SLUG,
	PROC_PROVINCE,
	PROC_COMMUNE,
	PROC_TYPE,
	PROC_DECISION,
	PROC_IMPLEMENTING,
	PROC_COMPETENT,
	PROC_SUBJECTS,
	PROC_STEPS,
	PROC_CONDITIONS,
	PROC_RESULT,
	PROC_ONLINE,
	PROC_SERVICE_LEVEL,
	PROC_SOURCE_URL,
	PROC_UPDATED,
	PROC_AGENCY,
	PROC_AGENCY_EN,
	PROC_AGENCY_ADDRESS,
	PROC_AGENCY_PHONE,
	PROC_AGENCY_ID,
	PROC_AGENCY_CODE,
	PROC_SEARCH,
	PROC__MAX
};

/* Columns of the child queries; each starts with procedure_id. */
enum sg_chan_col {
	CHAN_PROC,
	CHAN_CHANNEL,
	CHAN_TIME,
	CHAN_FEE,
	CHAN_FEE_DESC,
	CHAN__MAX
};
enum sg_doc_col {
	DOC_PROC,
	DOC_GROUP,
	DOC_NAME,
	DOC_ORIGINALS,
	DOC_COPIES,
	DOC_TEMPLATE,
	DOC_NOTE,
	DOC__MAX
};
enum sg_legal_col { LEGAL_PROC, LEGAL_NUMBER, LEGAL_TITLE, LEGAL__MAX };

/* The other tables of the site. */
enum sg_agency_col {
	AG_ID,
	AG_CODE,
	AG_KIND,
	AG_NAME,
	AG_NAME_EN,
	AG_ADDRESS,
	AG_PHONE,
	AG__MAX
};
enum sg_faq_col {
	FAQ_ID,
	FAQ_FIELD_ID,
	FAQ_FIELD,
	FAQ_FIELD_EN,
	FAQ_FIELD_SLUG,
	FAQ_PROC_CODE,
	FAQ_QUESTION,
	FAQ_ANSWER,
	FAQ_QUESTION_EN,
	FAQ_ANSWER_EN,
	FAQ_UPDATED,
	FAQ__MAX
};
enum sg_news_col {
	NEWS_ID,
	NEWS_KIND,
	NEWS_TITLE,
	NEWS_SUMMARY,
	NEWS_BODY,
	NEWS_TITLE_EN,
	NEWS_SUMMARY_EN,
	NEWS_BODY_EN,
	NEWS_PUBLISHED,
	NEWS_UPDATED,
	NEWS__MAX
};
enum sg_event_col {
	EV_ID,
	EV_SLUG,
	EV_NAME,
	EV_NAME_EN,
	EV_SUMMARY,
	EV_SUMMARY_EN,
	EV__MAX
};
enum sg_item_col { EVI_EVENT, EVI_CODE, EVI_FIELD, EVI__MAX };
/* The active search synonyms (search.js rewrites queries with them). */
enum sg_syn_col { SGSYN_TERM, SGSYN_MEANS, SGSYN__MAX };

enum sg_child { CHILD_CHANNELS, CHILD_DOCUMENTS, CHILD_LEGAL, CHILD__MAX };

enum sg_table {
	TABLE_AGENCIES,
	TABLE_FAQS,
	TABLE_NEWS,
	TABLE_EVENTS,
	TABLE_ITEMS,
	TABLE_SYNONYMS,
	TABLE__MAX
};

/* Service levels, as stored (NULL: not classified yet). */
enum sg_level { SL_FULL, SL_PARTIAL, SL_NONE, SL__MAX };

/* Where one procedure's rows sit in a child table. */
struct sg_span {
	size_t first;
	size_t n;
};

/* A run of procedures of one field (procedures are ordered by field). */
struct sg_field {
	size_t first; /* row in procs */
	size_t n;
	size_t online; /* how many of them take online applications */
};

/*
 * The catalogue in memory: procedures ordered by field name and name, the
 * child tables ordered by procedure_id and seq, merged by sitegen_link();
 * the other tables as read.
 */
struct sg_catalogue {
	struct mc_rows	 procs;
	struct mc_rows	 child[CHILD__MAX];
	struct mc_rows	 table[TABLE__MAX];
	struct sg_span	*span[CHILD__MAX]; /* one per procedure */
	size_t		*field_of;	   /* procedure row -> field */
	struct sg_field *fields;
	size_t		 nfields;
	size_t		 online;	    /* procedures online */
	size_t		 province, commune; /* at each level */
	size_t		 level[SL__MAX];    /* by service level */
	size_t		*by_code;	    /* procedure rows by code */
	unsigned char	*flags;		    /* per procedure: PF_* */
	long long	*agency_id;	    /* per procedure, 0: none */
};

/* sg_catalogue.flags, from the procedure's row. */
#define PF_PROVINCE 0x01
#define PF_COMMUNE  0x02
#define PF_ONLINE   0x04

/*
 * Checks the column counts and computes the spans, fields and counts, in
 * the arena. 0, or -1 when a result has the wrong shape.
 */
int sitegen_link(struct sg_catalogue *, struct mc_arena *);

/* The row of the procedure with this code: 1 found, 0 none. */
int sitegen_find(const struct sg_catalogue *, const char *code, size_t *row);

/* The service level of a procedure row. */
enum sg_level sitegen_level(const struct sg_catalogue *, size_t row);

/* 1 if a procedure code is safe as a file name (1.000894), else 0. */
int sitegen_code_ok(const char *);

/* The kinds of list pages; key picks the field, agency, level or event. */
enum sg_list {
	LIST_FIELD, /* key: field index */
	LIST_PROVINCE,
	LIST_COMMUNE,
	LIST_SERVICE, /* key: enum sg_level */
	LIST_AGENCY,  /* key: agencies row */
	LIST_EVENT,   /* key: events row */
	LIST__MAX
};

/*
 * Fill the page model of one page (after mc_view_begin); per-page strings
 * come from the arena. Every page sets Page.Path (its own address, with
 * /en for English) and Page.AltHref (the same page in the other language).
 */
void sitegen_fill_home(HDF *, const struct sg_catalogue *, enum mc_lang,
    struct mc_arena *);
void sitegen_fill_catalogue(HDF *, const struct sg_catalogue *, enum mc_lang,
    struct mc_arena *);
void sitegen_fill_procedure(HDF *, const struct sg_catalogue *, size_t row,
    enum mc_lang, struct mc_arena *);
void sitegen_fill_list(HDF *, const struct sg_catalogue *, enum sg_list,
    size_t key, enum mc_lang, struct mc_arena *);
void sitegen_fill_agencies(HDF *, const struct sg_catalogue *, enum mc_lang,
    struct mc_arena *);
void sitegen_fill_faqs(HDF *, const struct sg_catalogue *, enum mc_lang,
    struct mc_arena *);
void sitegen_fill_faq(HDF *, const struct sg_catalogue *, size_t row,
    enum mc_lang, struct mc_arena *);
void sitegen_fill_news_index(HDF *, const struct sg_catalogue *, enum mc_lang,
    struct mc_arena *);
void sitegen_fill_news(HDF *, const struct sg_catalogue *, size_t row,
    enum mc_lang, struct mc_arena *);
void sitegen_fill_stats(HDF *, const struct sg_catalogue *, enum mc_lang,
    struct mc_arena *);
void sitegen_fill_404(HDF *, enum mc_lang);

/*
 * The path of a list page below the language's root, e.g.
 * "linh-vuc/ho-tich.html", or NULL when key names nothing.
 */
/* 1 if the procedure of row is on the list page (kind, key), else 0. */
int sitegen_listed(const struct sg_catalogue *, enum sg_list kind, size_t key,
    size_t row);

const char *sitegen_list_path(const struct sg_catalogue *, enum sg_list,
    size_t key, struct mc_arena *);

/*
 * The search index (JSON, language-neutral): fields, and per procedure its
 * code, name, folded search text, field, levels and flags. 0 or -1.
 */
int sitegen_search_index(const struct sg_catalogue *, struct buf *);

/* The base URL followed by path, XML-escaped, as a sitemap <url>. */
int sitegen_sitemap_url(struct buf *, const char *base, const char *path,
    const char *lastmod);

/*
 * Writes content to dir/rel atomically (a temporary file in the same folder,
 * then rename), creating folders (0755); the file is 0644. Leaves an
 * existing file with the same bytes untouched. Files and folders created
 * while running as root are given to the owner set by sitegen_owner().
 * A text file (sitegen_compressible()) gets dir/rel.gz and dir/rel.br,
 * written before it when it changed, or when one of them is missing.
 * Returns 1 written, 0 unchanged, -1 error (logged).
 */
int sitegen_write(const char *dir, const char *rel, const struct buf *);

/* 1 if a file of that name gets .gz and .br copies (.html .json .xml .css
 * .js .svg), else 0. */
int sitegen_compressible(const char *name);

/*
 * Gives every compressible file under dir (recursively, dot files and
 * temporary files left out) fresh .gz and .br copies where they are missing
 * or older than the file: the hand-written assets (htdocs). Counts the
 * files compressed into *written. 0 or -1.
 */
int sitegen_compress_tree(const char *dir, size_t *written);

/* Owner of what sitegen_write() creates when run as root (-1: leave). */
void sitegen_owner(long uid, long gid);

/*
 * The public statistics of dossiers (stats.c): read once from the summary
 * tables (before the languages fork), then rendered in each language
 * through out: pages with out->page, the CSV files with out->file.
 */
struct sg_out {
	int (*page)(void *ctx, HDF *, const char *tmpl, const char *rel);
	int (*file)(void *ctx, const char *rel, const struct buf *);
	void *ctx;
};
/*
 * Appends s to b as one CSV field, quoted when it needs to be and a text
 * that would run as a formula behind a single quote (mc_buf_add_csv), then
 * a comma or (last) CRLF. 0 or -1 (b full).
 */
int  sitegen_csv_field(struct buf *b, const char *s, int last);
int  sitegen_stats_load(struct mc_db *, struct mc_arena *);
int  sitegen_stats_render(enum mc_lang, const char *prefix, struct mc_arena *,
     const struct sg_out *);
void sitegen_fill_dossier_stats(HDF *, size_t period, const char *path,
    enum mc_lang, struct mc_arena *);
/* The pages' paths for the sitemap ("/thong-ke/ho-so/..."); how many. */
size_t sitegen_stats_paths(const char ***paths, struct mc_arena *);

#endif
