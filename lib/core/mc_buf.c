/*
 * Bounded growable byte strings (in the manner of git's strbuf and curl's
 * dynbuf): always NUL-terminated, never past their maximum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc_buf.h"

static char empty[1];

void
mc_buf_init(struct buf *b, size_t max)
{
	b->s = empty;
	b->len = b->cap = 0;
	b->max = max;
}

void
mc_buf_free(struct buf *b)
{
	if (b->cap > 0)
		free(b->s);
	b->s = empty;
	b->len = b->cap = 0;
}

void
mc_buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap > 0)
		b->s[0] = '\0';
}

/* Makes room for n more bytes and the NUL; 0 or -1. */
static int
buf_grow(struct buf *b, size_t n)
{
	size_t want, cap;
	char  *s;

	if (n > b->max || b->len > b->max - n)
		return -1;
	want = b->len + n + 1;
	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < want)
		cap *= 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	if ((s = realloc(b->cap ? b->s : NULL, cap)) == NULL)
		return -1;
	if (b->cap == 0)
		s[0] = '\0';
	b->s = s;
	b->cap = cap;
	return 0;
}

int
mc_buf_add(struct buf *b, const void *p, size_t n)
{
	if (buf_grow(b, n) < 0)
		return -1;
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int
mc_buf_adds(struct buf *b, const char *s)
{
	return mc_buf_add(b, s, strlen(s));
}

int
mc_buf_addc(struct buf *b, char c)
{
	return mc_buf_add(b, &c, 1);
}

int
mc_buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int	n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || buf_grow(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
mc_buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int	rc;

	va_start(ap, fmt);
	rc = mc_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

int
mc_buf_add_html(struct buf *b, const char *s)
{
	const char *p, *rep;
	size_t	    start = b->len;

	for (p = s; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			rep = NULL;
			break;
		}
		if ((rep ? mc_buf_adds(b, rep) : mc_buf_addc(b, *p)) < 0)
			goto fail;
	}
	return 0;
fail:
	b->len = start;
	if (b->cap > 0)
		b->s[start] = '\0';
	return -1;
}

int
mc_buf_add_json(struct buf *b, const char *s)
{
	const unsigned char *p;
	size_t		     start = b->len;
	int		     rc = 0;

	rc |= mc_buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0' && rc == 0; p++) {
		switch (*p) {
		case '"':
			rc = mc_buf_adds(b, "\\\"");
			break;
		case '\\':
			rc = mc_buf_adds(b, "\\\\");
			break;
		case '\n':
			rc = mc_buf_adds(b, "\\n");
			break;
		case '\r':
			rc = mc_buf_adds(b, "\\r");
			break;
		case '\t':
			rc = mc_buf_adds(b, "\\t");
			break;
		case '<':
			rc = mc_buf_adds(b, "\\u003c");
			break;
		default:
			if (*p < 0x20)
				rc = mc_buf_addf(b, "\\u%04x", *p);
			else
				rc = mc_buf_addc(b, (char)*p);
		}
	}
	if (rc == 0)
		rc = mc_buf_addc(b, '"');
	if (rc < 0) {
		b->len = start;
		if (b->cap > 0)
			b->s[start] = '\0';
	}
	return rc;
}

/* 1 if s is a decimal number: an optional sign, digits, maybe a dot. */
static int
is_number(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	int	    digits = 0, dot = 0;

	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digits = 1;
		else if (*p == '.' && !dot)
			dot = 1;
		else
			return 0;
	}
	return digits;
}

int
mc_buf_add_csv(struct buf *b, const char *s, int text)
{
	const char *p;
	size_t	    start = b->len;
	int	    formula, quoted, rc = 0;

	if (s == NULL)
		return 0;
	formula = text && *s != '\0' && strchr("=+-@\t\r", *s) != NULL &&
	    !is_number(s);
	quoted = strpbrk(s, ",\"\r\n") != NULL;
	if (quoted)
		rc |= mc_buf_addc(b, '"');
	if (formula)
		rc |= mc_buf_addc(b, '\'');
	for (p = s; *p != '\0' && rc == 0; p++)
		rc |= (quoted && *p == '"' ? mc_buf_adds(b, "\"\"") :
					     mc_buf_addc(b, *p));
	if (quoted && rc == 0)
		rc |= mc_buf_addc(b, '"');
	if (rc < 0) {
		b->len = start;
		if (b->cap > 0)
			b->s[start] = '\0';
		return -1;
	}
	return 0;
}
