/*
 * RFC 4180 CSV records for the seed files: one pass over text in memory,
 * fields copied into an arena.
 */
#include <string.h>

#include "mc_arena.h"

#include "mc_csv.h"

void
mc_csv_init(struct mc_csv *c, const char *text, size_t len)
{
	c->text = text;
	c->len = len;
	c->pos = 0;
	c->line = 0;
	c->cur = 1;
}

/* Reads one field at c->pos into the arena; 0, or -1 when malformed. */
static int
csv_field(struct mc_csv *c, struct mc_arena *a, const char **out,
    size_t *lines)
{
	const char *t = c->text;
	char	   *s;
	size_t	    start = c->pos, n = 0;

	if (c->pos < c->len && t[c->pos] == '"') {
		/* Quoted: at most as long as the rest of the text. */
		s = mc_arena_alloc(a, c->len - c->pos + 1);
		for (c->pos++;; c->pos++) {
			if (c->pos == c->len)
				return -1;
			if (t[c->pos] == '"') {
				if (c->pos + 1 < c->len &&
				    t[c->pos + 1] == '"') {
					s[n++] = '"';
					c->pos++;
					continue;
				}
				c->pos++;
				break;
			}
			if (t[c->pos] == '\n')
				(*lines)++;
			s[n++] = t[c->pos];
		}
		if (c->pos < c->len && t[c->pos] != ',' && t[c->pos] != '\n' &&
		    !(t[c->pos] == '\r' && c->pos + 1 < c->len &&
			t[c->pos + 1] == '\n'))
			return -1;
		s[n] = '\0';
		*out = s;
		return 0;
	}
	while (c->pos < c->len && t[c->pos] != ',' && t[c->pos] != '\n') {
		if (t[c->pos] == '"')
			return -1;
		c->pos++;
	}
	n = c->pos - start;
	if (n > 0 && t[start + n - 1] == '\r')
		n--;
	*out = mc_arena_strndup(a, t + start, n);
	return 0;
}

int
mc_csv_next(struct mc_csv *c, struct mc_arena *a, const char **f, size_t nf)
{
	const char *v;
	size_t	    lines = 0;
	int	    n = 0;

	/* Blank lines between records are skipped. */
	while (c->pos < c->len &&
	    (c->text[c->pos] == '\n' || c->text[c->pos] == '\r')) {
		if (c->text[c->pos] == '\n')
			c->cur++;
		c->pos++;
	}
	if (c->pos >= c->len)
		return 0;
	c->line = c->cur;
	for (;;) {
		if (csv_field(c, a, &v, &lines) < 0)
			return -1;
		if ((size_t)n < nf)
			f[n] = v;
		n++;
		if (c->pos < c->len && c->text[c->pos] == ',') {
			c->pos++;
			continue;
		}
		if (c->pos < c->len && c->text[c->pos] == '\r')
			c->pos++;
		if (c->pos < c->len && c->text[c->pos] == '\n') {
			c->pos++;
			lines++;
		}
		break;
	}
	c->cur += lines;
	return n;
}
