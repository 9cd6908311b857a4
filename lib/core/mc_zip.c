/*
 * A minimal ZIP writer: local headers, raw deflate (zlib), the central
 * directory; enough for the packages of office documents (.docx).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "mc_buf.h"
#include "mc_zip.h"

static int
le16(struct buf *b, unsigned int v)
{
	unsigned char c[2] = { v & 0xff, (v >> 8) & 0xff };

	return mc_buf_add(b, c, 2);
}

static int
le32(struct buf *b, unsigned long v)
{
	unsigned char c[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
		(v >> 24) & 0xff };

	return mc_buf_add(b, c, 4);
}

void
mc_zip_begin(struct mc_zip *z, struct buf *out)
{
	memset(z, 0, sizeof(*z));
	z->out = out;
}

/* Raw deflate of data into a malloc'd block; its size in *clen. */
static unsigned char *
deflate_raw(const void *data, size_t len, size_t *clen)
{
	z_stream       s;
	unsigned char *c;
	size_t	       cap = compressBound((uLong)len) + 64;

	if ((c = malloc(cap)) == NULL)
		return NULL;
	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK) {
		free(c);
		return NULL;
	}
	s.next_in = (Bytef *)(uintptr_t)data;
	s.avail_in = (uInt)len;
	s.next_out = c;
	s.avail_out = (uInt)cap;
	if (deflate(&s, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&s);
		free(c);
		return NULL;
	}
	*clen = s.total_out;
	deflateEnd(&s);
	return c;
}

int
mc_zip_add(struct mc_zip *z, const char *name, const void *data, size_t len)
{
	struct buf    *b = z->out;
	unsigned char *c;
	size_t	       clen, nlen = strlen(name);
	int	       rc;

	if (z->n == MC_ZIP_MAX_ENTRIES || nlen >= sizeof(z->e[0].name))
		return -1;
	if ((c = deflate_raw(data, len, &clen)) == NULL)
		return -1;
	snprintf(z->e[z->n].name, sizeof(z->e[0].name), "%s", name);
	z->e[z->n].crc = crc32(0L, (const Bytef *)data, (uInt)len);
	z->e[z->n].csize = clen;
	z->e[z->n].usize = len;
	z->e[z->n].offset = b->len;
	rc = le32(b, 0x04034b50) < 0 || le16(b, 20) < 0 || le16(b, 0) < 0 ||
		le16(b, 8) < 0 || le16(b, 0) < 0 || le16(b, 0x21) < 0 ||
		le32(b, z->e[z->n].crc) < 0 || le32(b, clen) < 0 ||
		le32(b, len) < 0 || le16(b, (unsigned int)nlen) < 0 ||
		le16(b, 0) < 0 || mc_buf_add(b, name, nlen) < 0 ||
		mc_buf_add(b, c, clen) < 0 ?
	    -1 :
	    0;
	free(c);
	if (rc == 0)
		z->n++;
	return rc;
}

int
mc_zip_end(struct mc_zip *z)
{
	struct buf *b = z->out;
	size_t	    start = b->len, i, nlen, size;

	for (i = 0; i < z->n; i++) {
		nlen = strlen(z->e[i].name);
		if (le32(b, 0x02014b50) < 0 || le16(b, 20) < 0 ||
		    le16(b, 20) < 0 || le16(b, 0) < 0 || le16(b, 8) < 0 ||
		    le16(b, 0) < 0 || le16(b, 0x21) < 0 ||
		    le32(b, z->e[i].crc) < 0 || le32(b, z->e[i].csize) < 0 ||
		    le32(b, z->e[i].usize) < 0 ||
		    le16(b, (unsigned int)nlen) < 0 || le16(b, 0) < 0 ||
		    le16(b, 0) < 0 || le16(b, 0) < 0 || le16(b, 0) < 0 ||
		    le32(b, 0) < 0 || le32(b, z->e[i].offset) < 0 ||
		    mc_buf_add(b, z->e[i].name, nlen) < 0)
			return -1;
	}
	size = b->len - start;
	return le32(b, 0x06054b50) < 0 || le16(b, 0) < 0 || le16(b, 0) < 0 ||
		le16(b, (unsigned int)z->n) < 0 ||
		le16(b, (unsigned int)z->n) < 0 || le32(b, size) < 0 ||
		le32(b, start) < 0 || le16(b, 0) < 0 ?
	    -1 :
	    0;
}
