/*
 * A reader for the seed files: RFC 4180 CSV (comma, double quotes, ""
 * inside quotes, CRLF or LF), UTF-8, with a header row.
 */
#ifndef MC_CSV_H
#define MC_CSV_H

#include <stddef.h>

struct mc_arena;

struct mc_csv {
	const char *text;
	size_t	    len;
	size_t	    pos;
	size_t	    line; /* where the last record started */
	size_t	    cur;  /* line at pos */
};

/* Starts reading text[0..len); the text must outlive the reader. */
void mc_csv_init(struct mc_csv *, const char *text, size_t len);

/*
 * Reads the next record into f[0..nf) as NUL-terminated strings in the
 * arena. Returns the number of fields in the record (which may exceed nf:
 * the rest are dropped), 0 at the end, -1 on a malformed record (an
 * unterminated quote, text after a closing quote).
 */
int mc_csv_next(struct mc_csv *, struct mc_arena *, const char **f, size_t nf);

#endif
