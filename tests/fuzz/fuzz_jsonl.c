/*
 * The catalogue importer's parsing (lib/domain/mc_import, linked from lib):
 * each line of the input through mc_import_parse, the half of a line's
 * import that needs no database, and the legal-time texts through
 * mc_catalogue_parse_time. Invariants: a row accepted has a valid code, a name, a field and
 * its slug (no spaces, at most MC_IMPORT_SLUG_MAX), at most MC_IMPORT_CHILDREN_MAX channels,
 * documents and laws, a known channel, non-negative counts, at most one of
 * hours and days, and the same content hash when parsed twice; a row
 * rejected says why.
 */
#include <stdlib.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_catalogue.h"
#include "mc_import.h"
#include "fuzz.h"

static void
check_time(struct mc_arena *a, const char *s)
{
	long long h, d;

	mc_catalogue_parse_time(a, s, &h, &d);
	INVARIANT(h >= -1 && d >= -1 && (h == -1 || d == -1));
}

static void
check_line(struct mc_arena *a, const char *s, size_t len)
{
	struct mc_import_proc p, q;
	const char	     *why;
	size_t		      i;
	int		      rc;

	mc_arena_reset(a);
	rc = mc_import_parse(a, s, len, &p, &why);
	INVARIANT(rc >= -1 && rc <= 1);
	if (rc == -1)
		INVARIANT(why != NULL && *why != '\0');
	if (rc == 0)
		INVARIANT(!p.province && !p.commune);
	if (rc != 1)
		return;
	INVARIANT(p.province || p.commune);
	INVARIANT(mc_import_code_ok(p.code));
	INVARIANT(*p.name != '\0' && *p.field != '\0');
	INVARIANT(*p.slug != '\0' && strlen(p.slug) <= MC_IMPORT_SLUG_MAX &&
	    strchr(p.slug, ' ') == NULL);
	INVARIANT(p.nchans <= MC_IMPORT_CHILDREN_MAX &&
	    p.ndocs <= MC_IMPORT_CHILDREN_MAX &&
	    p.nlaws <= MC_IMPORT_CHILDREN_MAX);
	INVARIANT(p.hours >= -1 && p.days >= -1);
	for (i = 0; i < p.nchans; i++) {
		INVARIANT(p.chans[i].channel >= 1 && p.chans[i].channel <= 3);
		INVARIANT(p.chans[i].hours == -1 || p.chans[i].days == -1);
	}
	for (i = 0; i < p.ndocs; i++)
		INVARIANT(p.docs[i].originals >= 0 &&
		    p.docs[i].originals <= MC_IMPORT_COUNT_MAX &&
		    p.docs[i].copies >= 0 &&
		    p.docs[i].copies <= MC_IMPORT_COUNT_MAX);
	INVARIANT(mc_import_hash(&p) == 0 && strlen(p.hash) == 64);
	INVARIANT(mc_import_parse(a, s, len, &q, &why) == 1);
	INVARIANT(mc_import_hash(&q) == 0 && strcmp(p.hash, q.hash) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mc_arena *a;
	const char	*s = (const char *)data, *end = s + size, *nl;
	char		*line;
	size_t		 n;

	a = mc_arena_new(1 << 16);
	while (s < end) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		n = (size_t)(nl - s);
		/* An exact copy: reads past the line are ASan's to see. */
		line = malloc(n + 1);
		memcpy(line, s, n);
		line[n] = '\0';
		check_line(a, line, n);
		mc_arena_reset(a);
		if (memchr(line, '\0', n) == NULL)
			check_time(a, line);
		free(line);
		s = nl + 1;
	}
	mc_arena_free(a);
	return 0;
}
