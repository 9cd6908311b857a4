/*
 * The seed files' CSV reader (lib/core/mc_csv.c: holidays, agencies,
 * accounts). Invariants: every call moves forward and the reading ends; a
 * record has at least one field, each no longer than the text; the line
 * numbers only grow; and a record written back as CSV (every field quoted)
 * reads back to the same fields.
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_csv.h"
#include "fuzz.h"

#define NF 8

static void
roundtrip(struct mc_arena *a, const char **f, int n)
{
	struct mc_csv c;
	const char   *g[NF];
	char	     *text, *o;
	size_t	      len = 1;
	int	      i, m;
	const char   *p;

	for (i = 0; i < n; i++)
		len += 2 * strlen(f[i]) + 3;
	o = text = mc_arena_alloc(a, len);
	for (i = 0; i < n; i++) {
		if (i > 0)
			*o++ = ',';
		*o++ = '"';
		for (p = f[i]; *p != '\0'; p++) {
			if (*p == '"')
				*o++ = '"';
			*o++ = *p;
		}
		*o++ = '"';
	}
	*o++ = '\n';
	mc_csv_init(&c, text, (size_t)(o - text));
	m = mc_csv_next(&c, a, g, NF);
	INVARIANT(m == n);
	for (i = 0; i < n; i++)
		INVARIANT(strcmp(f[i], g[i]) == 0);
	INVARIANT(mc_csv_next(&c, a, g, NF) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mc_arena *a = mc_arena_new(4096);
	struct mc_csv	 c;
	const char	*f[NF];
	char		*text;
	size_t		 pos, line = 0, k;
	int		 n, i, nul;

	text = malloc(size + 1);
	memcpy(text, data, size);
	nul = memchr(data, '\0', size) != NULL;
	mc_csv_init(&c, text, size);
	for (k = 0; k <= size + 1; k++) {
		pos = c.pos;
		if ((n = mc_csv_next(&c, a, f, NF)) <= 0)
			break;
		INVARIANT(c.pos > pos && c.pos <= size);
		INVARIANT(c.line >= line && c.cur >= c.line);
		line = c.line;
		for (i = 0; i < n && i < NF; i++)
			INVARIANT(f[i] != NULL && strlen(f[i]) <= size);
		if (n <= NF && !nul)
			roundtrip(a, f, n);
	}
	INVARIANT(k <= size); /* it ended */
	INVARIANT(n == 0 || n == -1);
	mc_arena_free(a);
	free(text);
	return 0;
}
