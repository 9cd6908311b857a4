/*
 * Conditions on workflow arrows (lib/domain/mc_cond.c: what an admin
 * writes in the designer, read again by the engine). Invariants: a
 * condition is valid exactly when it evaluates (to 0 or 1) and then
 * evaluates the same again; one that is not never evaluates; a decision
 * offered comes from a valid condition that mentions the decision.
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_cond.h"
#include "fuzz.h"

static const char *
field(void *arg, const char *key)
{
	(void)arg;
	return strlen(key) % 2 ? "a" : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mc_arena	  *a = mc_arena_new(1 << 12);
	struct mc_cond_env env = { field, NULL, "a" };
	char		  *s = malloc(size + 1);
	int		   valid, v;

	memcpy(s, data, size);
	s[size] = '\0';
	valid = mc_cond_valid(s);
	v = mc_cond_eval(s, &env);
	INVARIANT(valid ? (v == 0 || v == 1) : v == -1);
	INVARIANT(mc_cond_eval(s, &env) == v);
	if (mc_cond_decision(a, s) != NULL)
		INVARIANT(valid && mc_cond_uses_decision(s));
	if (mc_cond_uses_decision(s))
		INVARIANT(valid);
	free(s);
	mc_arena_free(a);
	return 0;
}
