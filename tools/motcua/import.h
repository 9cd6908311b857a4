/*
 * The catalogue importer behind `motcua import-catalogue`, as functions so
 * that tests/unit/test_import.c can run it without the command line.
 */
#ifndef MOTCUA_IMPORT_H
#define MOTCUA_IMPORT_H

#include <stddef.h>

struct mc_db;

struct import_stats {
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
int import_catalogue(struct mc_db *, const char *path,
    struct import_stats *st);

#endif
