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

/*
 * Procedures matching q, best first: a code or code prefix ("1.000894")
 * matches codes; otherwise every word must match, whole phrase first.
 * Columns: code, name, field_name, level_province, level_commune, online.
 * *total receives the number of matches. 0 or -1.
 */
int	mc_catalogue_search(struct mc_db *, struct mc_arena *, const char *q,
	    size_t limit, size_t offset, struct mc_rows *, long long *total);

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
