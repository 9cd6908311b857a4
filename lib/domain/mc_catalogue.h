/*
 * The procedure catalogue as the programs read it: search that forgives
 * missing diacritics (folded text in a FULLTEXT index), and one procedure
 * with its channels, documents and legal basis.
 */
#ifndef MC_CATALOGUE_H
#define MC_CATALOGUE_H

#include <stddef.h>

#include "mc_db.h"

struct mc_arena;

/* Where a procedure is done: any, at province (city) or commune level. */
enum mc_cat_level { CAT_LEVEL_ANY, CAT_LEVEL_PROVINCE, CAT_LEVEL_COMMUNE };

/* A search: the words and the filters (0, NULL: no filter). */
struct mc_cat_query {
	const char	 *q; /* words or a code (prefix) */
	long long	  field_id;
	const char	 *agency; /* agency code: what it receives */
	enum mc_cat_level level;
	const char	 *service;    /* "full", "partial", "none" */
	int		  online;     /* only those filed online */
	int		  any;	      /* some words suffice (below) */
	const unsigned	 *weight;     /* with any: each word's weight (the
				      first eight), NULL: 1 each */
	int		  ward_first; /* a ward is known: the commune-level
					 procedures (its own) first */
	size_t		  limit, offset;
};

/*
 * Procedures matching the query, best first. A code or code prefix
 * ("1.000894") matches codes. Otherwise the text is folded (mc_fold) and
 * every word must be a whole word of the folded name; procedures holding
 * the words as one phrase come first, then (ward_first) the commune-level
 * ones the citizen's ward receives, then those of a life event and the
 * frequently used (procedures.frequent, mc_search_usage_refresh; both
 * count), then shorter names (the more specific procedure, a
 * leading "Thủ tục" not counted), then by code. Without words the filters alone
 * list procedures by field and name. A ward's agency code filters the
 * commune-level procedures (every ward receives them). Columns: code,
 * name, field_name, level_province, level_commune, online, field_name_en,
 * service_level, field_slug. *total receives the number of matches.
 * With any set, a procedure holding at least one of the (first eight)
 * words matches, those holding the most words first (each counted by its
 * weight when q->weight is set: the rarer words count more), then as above;
 * column 11 is then its folded search text (mc_search.h says which words
 * were ignored). 0 or -1.
 */
int mc_catalogue_find(struct mc_db *, struct mc_arena *,
    const struct mc_cat_query *, struct mc_rows *, long long *total);

/* mc_catalogue_find() without filters. 0 or -1. */
int mc_catalogue_search(struct mc_db *, struct mc_arena *, const char *q,
    size_t limit, size_t offset, struct mc_rows *, long long *total);

/*
 * The choices of the search filters: fields (id, name, name_en, count)
 * ordered by name, and agencies in force (code, name, name_en, kind)
 * ordered city, departments, wards. 0 or -1.
 */
int mc_catalogue_facets(struct mc_db *, struct mc_arena *,
    struct mc_rows *fields, struct mc_rows *agencies);

/*
 * Sets a procedure's online service level ("full", "partial", or NULL for
 * not classified) and stamps updated_at so the site generator renders it
 * again. 1 done, 0 no such procedure, -1 error.
 */
int mc_catalogue_set_service_level(struct mc_db *, const char *code,
    const char *level);

/*
 * The first columns of mc_catalogue_find's rows (a search may add more
 * after them); the other enums are the columns of struct mc_procedure's
 * lists. mc_catalogue.c checks each shape when it reads them.
 */
enum cat_list_col {
	CATL_CODE,
	CATL_NAME,
	CATL_FIELD,
	CATL_PROVINCE,
	CATL_COMMUNE,
	CATL_ONLINE,
	CATL_FIELD_EN,
	CATL_SERVICE,
	CATL_FIELD_SLUG,
	CATL__MAX
};

enum cat_proc_col {
	PCOL_ID,
	PCOL_CODE,
	PCOL_NAME,
	PCOL_FIELD,
	PCOL_PROVINCE,
	PCOL_COMMUNE,
	PCOL_AGENCY, /* the receiving agency's id; NULL: every ward */
	PCOL_AGENCY_CODE,
	PCOL_AGENCY_NAME,
	PCOL_TYPE,
	PCOL_DECISION,
	PCOL_IMPLEMENTING,
	PCOL_COMPETENT,
	PCOL_SUBJECTS,
	PCOL_STEPS,
	PCOL_CONDITIONS,
	PCOL_RESULT,
	PCOL_ONLINE,
	PCOL_SERVICE,
	PCOL_HOURS,
	PCOL_DAYS,
	PCOL_VERSION,
	PCOL_UPDATED,
	PCOL_LOCAL_VERSION,
	PCOL_HELD,
	PCOL_FIELD_EN,
	PCOL__MAX
};

enum cat_channel_col {
	CCH_CHANNEL,
	CCH_TIME_TEXT,
	CCH_HOURS,
	CCH_DAYS,
	CCH_FEE,
	CCH_FEE_DESC,
	CCH__MAX
};

enum cat_document_col {
	CDOC_GROUP,
	CDOC_NAME,
	CDOC_ORIGINALS,
	CDOC_COPIES,
	CDOC_TEMPLATE,
	CDOC_NOTE,
	CDOC__MAX
};

enum cat_legal_col { LAW_NUMBER, LAW_TITLE, LAW__MAX };

enum cat_receiver_col { RECV_CODE, RECV_NAME, RECV_KIND, RECV__MAX };

/* A procedure's versions: mc_catalogue_versions. */
enum cat_version_col {
	VER_VERSION,
	VER_SOURCE,
	VER_CREATED,
	VER_BY,
	VER_CHANGES,
	VER__MAX
};

struct mc_procedure {
	struct mc_rows row;	  /* one row: enum cat_proc_col */
	struct mc_rows channels;  /* enum cat_channel_col */
	struct mc_rows documents; /* enum cat_document_col */
	struct mc_rows legal;	  /* enum cat_legal_col */
	struct mc_rows agencies;  /* where it can be filed: cat_receiver_col */
};

/*
 * Loads a procedure by code. With agencies non-zero, also the agencies that
 * receive it (its department, or every ward for commune-level ones).
 * 1 found, 0 none, -1 error.
 */
int mc_catalogue_get(struct mc_db *, struct mc_arena *, const char *code,
    int agencies, struct mc_procedure *);

/*
 * The documents of procedure id alone (rows of enum cat_document_col, as
 * in struct mc_procedure). 0 or -1.
 */
int mc_catalogue_documents(struct mc_db *, struct mc_arena *, long long id,
    struct mc_rows *);

/*
 * The legal time of a channel's text: "N Ngày làm việc" and a bare "N" are
 * working days (8 hours each), "N Giờ" hours, "N Ngày" calendar days,
 * "N Tháng" 30 days; "0,5" and "0.5" are fractions (rounded up to whole
 * hours or days). Anything else leaves both unknown (-1). The importer and
 * the back office's editor read times with this one rule.
 */
void mc_catalogue_parse_time(struct mc_arena *, const char *s,
    long long *hours, long long *days);

struct mc_user;

/*
 * 1 if the user may edit the procedure whose receiving agency is agency_id
 * (0: none, e.g. the commune-level ones every ward receives): an admin of
 * the city edits every procedure, an admin of an agency its own. 0 if not,
 * -1 on error.
 */
int mc_catalogue_may_edit(struct mc_db *, struct mc_arena *,
    const struct mc_user *, long long agency_id);

/* The texts of a procedure an agency edits, in the order of the form. */
enum mc_proc_text {
	PT_NAME,
	PT_SUBJECTS,
	PT_TYPE,
	PT_DECISION,
	PT_IMPLEMENTING,
	PT_COMPETENT,
	PT_STEPS,
	PT_CONDITIONS,
	PT_RESULT,
	PT__MAX
};

#define MC_PROC_CHANNELS_MAX 16
#define MC_PROC_DOCS_MAX     120
#define MC_PROC_LAWS_MAX     60

struct mc_proc_channel {
	int	    channel; /* 1 in person, 2 online, 3 post */
	const char *time_text, *fee, *fee_desc;
};

struct mc_proc_doc {
	const char *group, *name, *note;
	long long   originals, copies; /* -1: not a count (error) */
	int	    form;	       /* has a form template */
};

struct mc_proc_law {
	const char *number, *title;
};

/* A procedure's new content; NULL or "" texts are empty. */
struct mc_proc_edit {
	const char	      *text[PT__MAX];
	struct mc_proc_channel chans[MC_PROC_CHANNELS_MAX];
	size_t		       nchans;
	struct mc_proc_doc     docs[MC_PROC_DOCS_MAX];
	size_t		       ndocs;
	struct mc_proc_law     laws[MC_PROC_LAWS_MAX];
	size_t		       nlaws;
};

/* What is wrong with a field: its form name ("name", "fee2", "docn5"). */
struct mc_proc_error {
	char	    field[24];
	const char *why; /* "required", "negative", "time", "count",
				   "long", "channel" */
};

/* The texts' names as the form, the JSON and the history know them. */
const char *mc_catalogue_text_name(enum mc_proc_text);

/*
 * Checks a procedure's new content before it is saved: a name; every
 * channel a known channel, a fee (none negative: "Miễn phí" when free) and
 * a time mc_catalogue_parse_time() reads (or the text already stored for
 * the procedure, old may be NULL); every document a name and counts of
 * 0-99; lengths that fit the columns. Writes at most nerr errors; returns
 * how many there are (0: fine).
 */
size_t mc_catalogue_check(struct mc_arena *, const struct mc_proc_edit *,
    const struct mc_procedure *old, struct mc_proc_error *err, size_t nerr);

#define MC_CAT_SAVED 1 /* a new version */
#define MC_CAT_NONE  0 /* no such procedure */
#define MC_CAT_STALE 2 /* another version was saved meanwhile */
#define MC_CAT_SAME  3 /* nothing changed: no version made */

/*
 * Saves e as the next version of the procedure, in one transaction: the
 * content before it is kept in procedure_versions (the catalogue's text
 * before the first edit), the procedure, its channels and documents
 * rewritten, the legal time taken from the in-person channel as the
 * importer does, version and local_version set, updated_at stamped (the
 * site generator's next run renders it), and a version row with who, when
 * and the list of changes. expected is the version the form was opened
 * on. The caller has checked e (mc_catalogue_check) and the user's right
 * (mc_catalogue_may_edit). MC_CAT_SAVED with *version, MC_CAT_NONE,
 * MC_CAT_STALE, MC_CAT_SAME, or -1 on error (rolled back).
 */
int mc_catalogue_save_version(struct mc_db *, struct mc_arena *,
    const char *code, long long expected, long long account_id,
    const struct mc_proc_edit *e, long long *version);

/*
 * A procedure's versions, newest first, columns enum cat_version_col:
 * version, source, created_at, full_name (NULL: the importer), changes
 * (JSON). 0 or -1.
 */
int mc_catalogue_versions(struct mc_db *, struct mc_arena *,
    long long procedure_id, struct mc_rows *);

#endif
