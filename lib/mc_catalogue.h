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
enum mc_cat_level {
	CAT_LEVEL_ANY,
	CAT_LEVEL_PROVINCE,
	CAT_LEVEL_COMMUNE
};

/* A search: the words and the filters (0, NULL: no filter). */
struct mc_cat_query {
	const char		*q;		/* words or a code (prefix) */
	long long		 field_id;
	const char		*agency;	/* agency code: what it receives */
	enum mc_cat_level	 level;
	const char		*service;	/* "full", "partial", "none" */
	int			 online;	/* only those filed online */
	size_t			 limit, offset;
};

/*
 * Procedures matching the query, best first. A code or code prefix
 * ("1.000894") matches codes. Otherwise the text is folded (mc_fold) and
 * every word must be a whole word of the folded name; procedures holding
 * the words as one phrase come first, then those of a life event (the
 * common ones), then shorter names (the more specific procedure, a
 * leading "Thủ tục" not counted), then by code. Without words the filters alone
 * list procedures by field and name. A ward's agency code filters the
 * commune-level procedures (every ward receives them). Columns: code,
 * name, field_name, level_province, level_commune, online, field_name_en,
 * service_level, field_slug. *total receives the number of matches.
 * 0 or -1.
 */
int	mc_catalogue_find(struct mc_db *, struct mc_arena *,
	    const struct mc_cat_query *, struct mc_rows *, long long *total);

/* mc_catalogue_find() without filters. 0 or -1. */
int	mc_catalogue_search(struct mc_db *, struct mc_arena *, const char *q,
	    size_t limit, size_t offset, struct mc_rows *, long long *total);

/*
 * The choices of the search filters: fields (id, name, name_en, count)
 * ordered by name, and agencies in force (code, name, name_en, kind)
 * ordered city, departments, wards. 0 or -1.
 */
int	mc_catalogue_facets(struct mc_db *, struct mc_arena *,
	    struct mc_rows *fields, struct mc_rows *agencies);

/*
 * Sets a procedure's online service level ("full", "partial", or NULL for
 * not classified) and stamps updated_at so the site generator renders it
 * again. 1 done, 0 no such procedure, -1 error.
 */
int	mc_catalogue_set_service_level(struct mc_db *, const char *code,
	    const char *level);

struct mc_procedure {
	struct mc_rows	row;		/* columns of the procedure */
	struct mc_rows	channels;	/* channel, time_text, fee_text, ... */
	struct mc_rows	documents;	/* group_name, name, originals, copies */
	struct mc_rows	legal;		/* doc_number, title */
	struct mc_rows	agencies;	/* where it can be filed: code, name */
};

/*
 * Loads a procedure by code. With agencies non-zero, also the agencies that
 * receive it (its department, or every ward for commune-level ones).
 * 1 found, 0 none, -1 error.
 */
int	mc_catalogue_get(struct mc_db *, struct mc_arena *, const char *code,
	    int agencies, struct mc_procedure *);

#endif
