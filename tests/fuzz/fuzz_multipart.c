/*
 * mc_http_parse_multipart (multipart/form-data bodies). The input's first
 * line is the boundary, the rest the body. Invariants: 0 or -1; on 0 every
 * part has a name and a NUL-terminated value of len bytes, and the parts
 * together are no longer than the body.
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_http.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mc_request r;
	const uint8_t	 *nl;
	char		 *boundary, *body;
	size_t		  blen, len, i, total = 0;
	int		  rc;

	if ((nl = memchr(data, '\n', size)) == NULL)
		return 0;
	blen = (size_t)(nl - data);
	if (memchr(data, '\0', blen) != NULL)
		return 0; /* the boundary comes from a C string */
	boundary = strndup((const char *)data, blen);
	len = size - blen - 1;
	body = malloc(len + 1);
	memcpy(body, nl + 1, len);
	memset(&r, 0, sizeof(r));
	r.arena = mc_arena_new(4096);
	rc = mc_http_parse_multipart(&r, body, len, boundary);
	INVARIANT(rc == 0 || rc == -1);
	if (rc == 0) {
		for (i = 0; i < r.nparams; i++) {
			const struct mc_param *p = &r.params[i];

			INVARIANT(p->name != NULL && p->value != NULL);
			INVARIANT(p->len <= len && p->value[p->len] == '\0');
			INVARIANT(strlen(p->name) <= len);
			INVARIANT(
			    p->filename == NULL || strlen(p->filename) <= len);
			total += p->len;
		}
		INVARIANT(total <= len);
	}
	mc_arena_free(r.arena);
	free(body);
	free(boundary);
	return 0;
}
