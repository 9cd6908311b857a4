/*
 * mc_http_parse_urlencoded (query strings and form bodies). Invariants: it
 * answers 0 or -1; on 0 every param has a name and a value, a value's len
 * is its decoded length, nothing decodes longer than its source (all the
 * names and values together are at most the input's length), and the
 * params written back percent-encoded parse to the same params.
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_http.h"
#include "fuzz.h"

static char *
encode(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		  i;

	for (i = 0; i < n; i++) {
		*o++ = '%';
		*o++ = hex[(unsigned char)s[i] >> 4];
		*o++ = hex[(unsigned char)s[i] & 15];
	}
	return o;
}

static void
roundtrip(const struct mc_request *r)
{
	struct mc_request again;
	char		 *text, *o;
	size_t		  i, len = 1;

	for (i = 0; i < r->nparams; i++)
		len += 3 * (strlen(r->params[i].name) + r->params[i].len) + 2;
	o = text = malloc(len);
	for (i = 0; i < r->nparams; i++) {
		if (i > 0)
			*o++ = '&';
		o = encode(o, r->params[i].name, strlen(r->params[i].name));
		*o++ = '=';
		o = encode(o, r->params[i].value, r->params[i].len);
	}
	memset(&again, 0, sizeof(again));
	again.arena = mc_arena_new(4096);
	INVARIANT(
	    mc_http_parse_urlencoded(&again, text, (size_t)(o - text)) == 0);
	INVARIANT(again.nparams == r->nparams);
	for (i = 0; i < r->nparams; i++) {
		INVARIANT(
		    strcmp(again.params[i].name, r->params[i].name) == 0);
		INVARIANT(again.params[i].len == r->params[i].len);
		INVARIANT(memcmp(again.params[i].value, r->params[i].value,
			      r->params[i].len) == 0);
	}
	mc_arena_free(again.arena);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mc_request r;
	size_t		  i, total = 0;
	char		 *s;
	int		  rc;

	memset(&r, 0, sizeof(r));
	r.arena = mc_arena_new(4096);
	/* An exact copy, so ASan sees any read past the end. */
	s = malloc(size + 1);
	memcpy(s, data, size);
	rc = mc_http_parse_urlencoded(&r, s, size);
	INVARIANT(rc == 0 || rc == -1);
	if (rc == 0) {
		for (i = 0; i < r.nparams; i++) {
			const struct mc_param *p = &r.params[i];

			INVARIANT(p->name != NULL && p->value != NULL);
			INVARIANT(p->filename == NULL && p->ctype == NULL);
			INVARIANT(p->len <= size);
			INVARIANT(memchr(p->value, '\0', p->len) != NULL ||
			    strlen(p->value) == p->len);
			total += strlen(p->name) + p->len;
		}
		INVARIANT(total <= size);
		INVARIANT(r.nparams <= size);
		roundtrip(&r);
	}
	free(s);
	mc_arena_free(r.arena);
	return 0;
}
