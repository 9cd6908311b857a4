/*
 * The catalogue importer behind `motcua import-catalogue`: the national
 * catalogue (one JSON object a line) checked row by row and upserted in one
 * transaction. The parsing half needs no database (mc_import_parse), so the
 * unit test and the fuzz target (tests/fuzz/fuzz_jsonl.c) link it as is.
 */
#ifndef MC_IMPORT_H
#define MC_IMPORT_H

#include <stddef.h>

struct mc_arena;
struct mc_db;

#define MC_IMPORT_CHILDREN_MAX 1000  /* channels, documents, laws a row */
#define MC_IMPORT_COUNT_MAX    65535 /* originals, copies: SMALLINT */
#define MC_IMPORT_SLUG_MAX     190   /* a field's slug */

struct mc_import_channel {
	int	    channel; /* 1 in person, 2 online, 3 post */
	const char *time_text;
	long long   hours, days; /* -1: unknown (NULL) */
	const char *fee, *fee_desc;
};

struct mc_import_document {
	const char *group, *name;
	long long   originals, copies;
	int	    form;
};

struct mc_import_law {
	const char *number, *title;
};

/* One procedure as it will be stored; strings in the arena given to mc_import_parse. */
struct mc_import_proc {
	const char *code, *name, *search, *field, *slug, *ministry;
	const char *ptype, *decision, *implementing, *competent;
	const char *subjects, *steps, *conditions, *result, *url;
	int	    province, commune, online;
	long long   hours, days; /* legal time; -1: NULL */
	long long   agency;	 /* 0: NULL */
	struct mc_import_channel  *chans;
	size_t			   nchans;
	struct mc_import_document *docs;
	size_t			   ndocs;
	struct mc_import_law	  *laws;
	size_t			   nlaws;
	char			   hash[65];
};

struct mc_import_stats {
	size_t lines;	  /* non-empty lines read */
	size_t added;	  /* new procedures (version 1) */
	size_t updated;	  /* changed procedures (version + 1) */
	size_t unchanged; /* same content hash: nothing written */
	size_t skipped;	  /* not at province or commune level */
	size_t rejected;  /* invalid rows, reported on stderr */
	size_t kept;	  /* edited in the back office, catalogue
				   text changed: left as edited */
};

/*
 * Imports the procedures of a JSON-lines file (gzip or plain) done at
 * province ("Cấp tỉnh") or commune ("Cấp xã") level, with their channels,
 * documents and legal basis, in one transaction. Invalid rows are reported
 * on stderr with their line number and counted, the others imported. Fills
 * *st. Returns 0 (committed), or -1 when the file cannot be read or the
 * database fails (rolled back: nothing written).
 */
int mc_import_catalogue(struct mc_db *, const char *path,
    struct mc_import_stats *st);

/*
 * Parses one line (len bytes, UTF-8 JSON) into *p, strings in a; no
 * database: the ministry's agency stays 0. Returns 1 a procedure to store
 * (code, name, field and its slug valid, at most MC_IMPORT_CHILDREN_MAX
 * children, counts within MC_IMPORT_COUNT_MAX), 0 skipped (not at province
 * or commune level), -1 rejected with *why (in a) saying why.
 */
int mc_import_parse(struct mc_arena *a, const char *line, size_t len,
    struct mc_import_proc *p, const char **why);

/*
 * Sets p->hash: SHA-256 (hex) of the canonical JSON of everything the
 * import stores for the procedure; equal rows, equal hashes. 0 or -1.
 */
int mc_import_hash(struct mc_import_proc *p);

/* 1 if s is a national code d.dddddd, optionally with a local suffix
 * (1.000494.000.00.00.H29), else 0. */
int mc_import_code_ok(const char *s);

#endif
