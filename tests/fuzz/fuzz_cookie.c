/*
 * mc_req_cookie (the Cookie header). The input's first line is the cookie's
 * name, the rest the header. Invariants: a value found is in the header
 * right after "name=", holds no ';', and is no longer than the header; the
 * session and language cookies are looked up as the programs do.
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_http.h"
#include "fuzz.h"

static void
check(struct mc_request *r, const char *header, const char *name)
{
	const char *v;
	char	   *pair;
	size_t	    n;

	if ((v = mc_req_cookie(r, name)) == NULL)
		return;
	n = strlen(v);
	INVARIANT(n <= strlen(header));
	INVARIANT(strchr(v, ';') == NULL);
	pair = malloc(strlen(name) + n + 2);
	memcpy(pair, name, strlen(name));
	pair[strlen(name)] = '=';
	memcpy(pair + strlen(name) + 1, v, n + 1);
	INVARIANT(strstr(header, pair) != NULL);
	free(pair);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mc_request r;
	const uint8_t	 *nl;
	char		 *name, *header;

	if ((nl = memchr(data, '\n', size)) == NULL)
		return 0;
	name = strndup((const char *)data, (size_t)(nl - data));
	header = strndup((const char *)nl + 1, size - (size_t)(nl - data) - 1);
	memset(&r, 0, sizeof(r));
	r.arena = mc_arena_new(4096);
	r.cookie = header;
	check(&r, header, name);
	check(&r, header, "mc_session");
	check(&r, header, "lang");
	mc_arena_free(r.arena);
	free(header);
	free(name);
	return 0;
}
