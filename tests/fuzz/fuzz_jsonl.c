/*
 * The catalogue importer's parsing (tools/motcua/import.c, included for its
 * static functions as tests/unit/test_import.c does): each line of the
 * input through proc_parse, the half of a line's import that needs no
 * database, and the legal-time texts through mc_catalogue_parse_time
 * (lib). Invariants: a row accepted has a valid code, a name, a field and
 * its slug (no spaces, at most SLUG_MAX), at most CHILDREN_MAX channels,
 * documents and laws, a known channel, non-negative counts, at most one of
 * hours and days, and the same content hash when parsed twice; a row
 * rejected says why.
 */
#include "../../tools/motcua/import.c"
#include "fuzz.h"

static void
check_time(struct mc_arena *a, const char *s)
{
	long long h, d;

	mc_catalogue_parse_time(a, s, &h, &d);
	INVARIANT(h >= -1 && d >= -1 && (h == -1 || d == -1));
}

static void
check_line(struct importer *im, const char *s, size_t len)
{
	struct proc p, q;
	size_t	    i;
	int	    rc;

	mc_arena_reset(im->row);
	rc = proc_parse(im, s, len, &p);
	INVARIANT(rc >= -1 && rc <= 1);
	if (rc == -1)
		INVARIANT(im->why != NULL && *im->why != '\0');
	if (rc == 0)
		INVARIANT(!p.province && !p.commune);
	if (rc != 1)
		return;
	INVARIANT(p.province || p.commune);
	INVARIANT(valid_code(p.code));
	INVARIANT(*p.name != '\0' && *p.field != '\0');
	INVARIANT(*p.slug != '\0' && strlen(p.slug) <= SLUG_MAX &&
	    strchr(p.slug, ' ') == NULL);
	INVARIANT(p.nchans <= CHILDREN_MAX && p.ndocs <= CHILDREN_MAX &&
	    p.nlaws <= CHILDREN_MAX);
	INVARIANT(p.hours >= -1 && p.days >= -1);
	for (i = 0; i < p.nchans; i++) {
		INVARIANT(p.chans[i].channel >= 1 && p.chans[i].channel <= 3);
		INVARIANT(p.chans[i].hours == -1 || p.chans[i].days == -1);
	}
	for (i = 0; i < p.ndocs; i++)
		INVARIANT(p.docs[i].originals >= 0 &&
		    p.docs[i].originals <= COUNT_MAX &&
		    p.docs[i].copies >= 0 && p.docs[i].copies <= COUNT_MAX);
	INVARIANT(proc_hash(&p) == 0 && strlen(p.hash) == 64);
	INVARIANT(proc_parse(im, s, len, &q) == 1);
	INVARIANT(proc_hash(&q) == 0 && strcmp(p.hash, q.hash) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_stats st;
	struct importer	    im;
	const char	   *s = (const char *)data, *end = s + size, *nl;
	char		   *line;
	size_t		    n;

	memset(&im, 0, sizeof(im));
	memset(&st, 0, sizeof(st));
	im.st = &st;
	im.path = "fuzz";
	im.row = mc_arena_new(1 << 16);
	while (s < end) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		n = (size_t)(nl - s);
		/* An exact copy: reads past the line are ASan's to see. */
		line = malloc(n + 1);
		memcpy(line, s, n);
		line[n] = '\0';
		check_line(&im, line, n);
		mc_arena_reset(im.row);
		if (memchr(line, '\0', n) == NULL)
			check_time(im.row, line);
		free(line);
		s = nl + 1;
	}
	mc_arena_free(im.row);
	return 0;
}
