/*
 * Bounded growable byte strings. The bytes are always NUL-terminated and
 * never grow past the maximum given at init: an append that would is refused
 * whole and leaves the buffer as it was.
 */
#ifndef MC_BUF_H
#define MC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char  *s; /* NUL-terminated; "" until the first append */
	size_t len;
	size_t cap;
	size_t max; /* appends beyond this many bytes fail */
};

/* An empty buffer that may hold up to max bytes; owns no memory yet. */
void mc_buf_init(struct buf *, size_t max);

/* Releases the memory; the buffer is empty and usable again. */
void mc_buf_free(struct buf *);

/* Empties the buffer but keeps its memory. */
void mc_buf_reset(struct buf *);

/* Appends bytes, a string, a printf format; 0, or -1 past max or on ENOMEM. */
int mc_buf_add(struct buf *, const void *, size_t);
int mc_buf_adds(struct buf *, const char *);
int mc_buf_addc(struct buf *, char);
int mc_buf_addf(struct buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
int mc_buf_vaddf(struct buf *, const char *, va_list);

/* Appends s with &<>"' escaped for HTML text and attributes; 0 or -1. */
int mc_buf_add_html(struct buf *, const char *);

/* Appends s as a JSON string literal with its quotes; 0 or -1. */
int mc_buf_add_json(struct buf *, const char *);

/*
 * Appends s as one CSV field (RFC 4180: quoted when it holds a comma, a
 * quote or a line break, quotes doubled), without the separator; NULL
 * adds nothing. When text is 1, a field a spreadsheet would run as a
 * formula (first character =, +, -, @, tab or CR: OWASP's "CSV
 * injection", e.g. a name "=HYPERLINK(...)") goes out behind a single
 * quote, which Excel and LibreOffice show and keep as text; a field that
 * is a plain decimal number ("-12", "3.5") is a number, not a formula, and
 * goes as it is. Returns 0 or -1.
 */
int mc_buf_add_csv(struct buf *, const char *s, int text);

#endif
