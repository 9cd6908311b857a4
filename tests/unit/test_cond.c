/*
 * Conditions on workflow arrows (lib/domain/mc_cond): a field's value and
 * the officer's decision compared with ==, !=, joined with &&, ||, ! and
 * parentheses, evaluated against answers; anything else (single '=',
 * unknown names, unclosed strings, trailing text, too deep, too long) is
 * refused, never evaluated; the decision offered from decision == "v".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_cond.h"

/* The answers: applicant_type = organisation, count = 3, urgent = true. */
static const char *
field(void *arg, const char *key)
{
	(void)arg;
	if (strcmp(key, "applicant_type") == 0)
		return "organisation";
	if (strcmp(key, "count") == 0)
		return "3";
	if (strcmp(key, "urgent") == 0)
		return "true";
	if (strcmp(key, "quote") == 0)
		return "a\"b";
	return NULL;
}

static int
eval(const char *expr, const char *decision)
{
	struct mc_cond_env env = { field, NULL, decision };

	return mc_cond_eval(expr, &env);
}

static void
test_eval(void)
{
	CHECK_INT(eval("fields.applicant_type == \"organisation\"", NULL), 1);
	CHECK_INT(eval("fields.applicant_type == \"citizen\"", NULL), 0);
	CHECK_INT(eval("fields.applicant_type != \"citizen\"", NULL), 1);
	CHECK_INT(eval("  fields.count==3 ", NULL), 1);
	CHECK_INT(eval("fields.count == 30", NULL), 0);
	CHECK_INT(eval("fields.urgent == true", NULL), 1);
	CHECK_INT(eval("fields.urgent == false", NULL), 0);
	CHECK_INT(eval("fields.quote == \"a\\\"b\"", NULL), 1);
	/* A field not answered equals nothing, differs from everything. */
	CHECK_INT(eval("fields.missing == \"\"", NULL), 0);
	CHECK_INT(eval("fields.missing != \"x\"", NULL), 1);
	CHECK_INT(eval("decision == \"approve\"", "approve"), 1);
	CHECK_INT(eval("decision == \"approve\"", "refuse"), 0);
	CHECK_INT(eval("decision == \"approve\"", NULL), 0);
	CHECK_INT(
	    eval("decision == \"approve\" && fields.count == 3", "approve"),
	    1);
	CHECK_INT(
	    eval("decision == \"approve\" && fields.count == 4", "approve"),
	    0);
	CHECK_INT(eval("fields.count == 4 || fields.urgent == true", NULL), 1);
	CHECK_INT(eval("!(fields.count == 4)", NULL), 1);
	CHECK_INT(eval("!fields.count == 3", NULL), 0);
	/* && binds tighter than ||. */
	CHECK_INT(eval("fields.count == 3 || fields.count == 4 && "
		       "fields.urgent == false",
		      NULL),
	    1);
	CHECK_INT(eval("(fields.count == 3 || fields.count == 4) && "
		       "fields.urgent == false",
		      NULL),
	    0);
	CHECK_INT(mc_cond_eval("fields.count == 3", NULL), 0);
}

/* decision == "x" in n parentheses, into out. */
static const char *
nest(char *out, size_t n)
{
	char  *p = out;
	size_t i;

	for (i = 0; i < n; i++)
		*p++ = '(';
	memcpy(p, "decision == \"x\"", 15);
	p += 15;
	for (i = 0; i < n; i++)
		*p++ = ')';
	*p = '\0';
	return out;
}

static void
test_refused(void)
{
	static const char *const bad[] = { "", "   ",
		"fields.applicant_type = \"organisation\"",
		"applicant_type == \"organisation\"", "fields. == \"x\"",
		"fields.a-b == \"x\"", "fields.a == \"x", "fields.a == x",
		"fields.a == \"x\" extra", "fields.a == \"x\" &&",
		"(fields.a == \"x\"", "fields.a == \"x\")",
		"decisions == \"x\"", "decision == 1x",
		"fields.a == \"x\" & fields.b == \"y\"", "fields.a === \"x\"",
		"fields.a != ", "system(\"rm\")", "fields.a == \"x\"; drop",
		NULL };
	char			 deep[200];
	char			 longer[MC_COND_MAX + 20];
	size_t			 i;

	for (i = 0; bad[i] != NULL; i++) {
		if (mc_cond_valid(bad[i]) || eval(bad[i], "x") != -1)
			fprintf(stderr, "accepted: %s\n", bad[i]);
		CHECK(!mc_cond_valid(bad[i]));
		CHECK_INT(eval(bad[i], "x"), -1);
	}
	CHECK(!mc_cond_valid(NULL));
	/* Nesting deeper than MC_COND_DEPTH; as deep is good. */
	CHECK(!mc_cond_valid(nest(deep, MC_COND_DEPTH)));
	CHECK(mc_cond_valid(nest(deep, MC_COND_DEPTH - 1)));
	/* Longer than MC_COND_MAX. */
	memset(longer, ' ', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	memcpy(longer, "decision == \"x\"", 15);
	CHECK(!mc_cond_valid(longer));
	/* A key longer than MC_COND_KEY_MAX. */
	memset(deep, 'k', MC_COND_KEY_MAX + 1);
	snprintf(deep + MC_COND_KEY_MAX + 1, 40, " == \"x\"");
	{
		char with[sizeof(deep) + 8];

		snprintf(with, sizeof(with), "fields.%s", deep);
		CHECK(!mc_cond_valid(with));
	}
}

static void
test_decision(struct mc_arena *a)
{
	const char *v;

	v = mc_cond_decision(a, " decision == \"approve\" ");
	CHECK(v != NULL && strcmp(v, "approve") == 0);
	CHECK(mc_cond_decision(a, "decision != \"approve\"") == NULL);
	CHECK(mc_cond_decision(a,
		  "decision == \"approve\" && fields.a == \"b\"") == NULL);
	CHECK(mc_cond_decision(a, "fields.a == \"b\"") == NULL);
	CHECK(mc_cond_decision(a, "decision == \"x") == NULL);
	CHECK(mc_cond_uses_decision("!(decision == \"x\")"));
	CHECK(!mc_cond_uses_decision("fields.decision == \"x\""));
	CHECK(!mc_cond_uses_decision("decision = \"x\""));
}

int
main(void)
{
	struct mc_arena *a = mc_arena_new(1 << 14);

	test_eval();
	test_refused();
	test_decision(a);
	mc_arena_free(a);
	return DONE();
}
