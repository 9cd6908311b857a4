/*
 * A minimal ZIP writer for office documents (.docx): entries stored
 * deflated with zlib into a struct buf, then the central directory.
 */
#ifndef MC_ZIP_H
#define MC_ZIP_H

#include <stddef.h>

struct buf;

#define MC_ZIP_MAX_ENTRIES 32

struct mc_zip {
	struct buf *out;
	size_t	    n;
	struct {
		char	      name[64];
		unsigned long crc;
		size_t	      csize, usize, offset;
	} e[MC_ZIP_MAX_ENTRIES];
};

/* Starts an archive written into out (which the caller initialised). */
void mc_zip_begin(struct mc_zip *, struct buf *out);

/* Adds a file name (at most 63 bytes) with its bytes; 0 or -1. */
int mc_zip_add(struct mc_zip *, const char *name, const void *data,
    size_t len);

/* Writes the central directory; 0 or -1. */
int mc_zip_end(struct mc_zip *);

#endif
