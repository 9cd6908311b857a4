/*
 * The site generator: renders the public site (home, catalogue index, one
 * page per procedure, 404) from the database into the config's site_dir.
 * sitegen_run() is the whole job; the rest is exposed for the unit tests,
 * which fill pages from hand-made rows without a database.
 */
#ifndef SITEGEN_H
#define SITEGEN_H

#include <stddef.h>

#include <ClearSilver.h>

#include "mc_db.h"
#include "mc_view.h"

struct buf;
struct mc_arena;

/*
 * Renders the site into site_dir. With full zero only the procedure pages
 * changed since the last successful run (and those missing) are rendered;
 * the home, catalogue and 404 pages always are. A file whose bytes did not
 * change is left alone. Prints "site: N pages written, N unchanged, N ms".
 * Returns 0 or -1 (logged).
 */
int	 sitegen_run(int full);

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
	PROC__MAX
};

/* Columns of the child queries; each starts with procedure_id. */
enum sg_chan_col { CHAN_PROC, CHAN_CHANNEL, CHAN_TIME, CHAN_FEE, CHAN_FEE_DESC,
	CHAN__MAX };
enum sg_doc_col { DOC_PROC, DOC_GROUP, DOC_NAME, DOC_ORIGINALS, DOC_COPIES,
	DOC_TEMPLATE, DOC__MAX };
enum sg_legal_col { LEGAL_PROC, LEGAL_NUMBER, LEGAL_TITLE, LEGAL__MAX };

enum sg_child {
	CHILD_CHANNELS,
	CHILD_DOCUMENTS,
	CHILD_LEGAL,
	CHILD__MAX
};

/* Where one procedure's rows sit in a child table. */
struct sg_span {
	size_t	first;
	size_t	n;
};

/* A run of procedures of one field (procedures are ordered by field). */
struct sg_field {
	size_t	first;	/* row in procs */
	size_t	n;
	size_t	online;	/* how many of them take online applications */
};

/*
 * The catalogue in memory: procedures ordered by field name and name, the
 * child tables ordered by procedure_id and seq, merged by sitegen_link().
 */
struct sg_catalogue {
	struct mc_rows	 procs;
	struct mc_rows	 child[CHILD__MAX];
	struct sg_span	*span[CHILD__MAX];	/* one per procedure */
	struct sg_field	*fields;
	size_t		 nfields;
	size_t		 online;		/* procedures online */
};

/*
 * Checks the column counts and computes the spans and fields, in the arena.
 * 0, or -1 when a result has the wrong shape.
 */
int	 sitegen_link(struct sg_catalogue *, struct mc_arena *);

/* 1 if a procedure code is safe as a file name (1.000894), else 0. */
int	 sitegen_code_ok(const char *);

/*
 * Fill the page model of one page (after mc_view_begin); per-page strings
 * come from the arena. The procedure page takes the row of the procedure.
 */
void	 sitegen_fill_home(HDF *, const struct sg_catalogue *, enum mc_lang,
	    struct mc_arena *);
void	 sitegen_fill_catalogue(HDF *, const struct sg_catalogue *,
	    enum mc_lang, struct mc_arena *);
void	 sitegen_fill_procedure(HDF *, const struct sg_catalogue *, size_t row,
	    enum mc_lang, struct mc_arena *);
void	 sitegen_fill_404(HDF *, enum mc_lang);

/*
 * Writes content to dir/rel atomically (a temporary file in the same folder,
 * then rename), creating folders (0755); the file is 0644. Leaves an
 * existing file with the same bytes untouched. Returns 1 written,
 * 0 unchanged, -1 error (logged).
 */
int	 sitegen_write(const char *dir, const char *rel, const struct buf *);

#endif
