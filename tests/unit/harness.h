/*
 * A tiny unit test harness: CHECK() counts and reports, DONE() prints the
 * one summary line "N passed, N failed" and gives main's exit status (1 when
 * anything failed). Include it once, in the test's one .c file.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int harness_passed, harness_failed;

#if defined(__SANITIZE_ADDRESS__)
/*
 * LeakSanitizer's built-in suppressions for the ASan builds: fontconfig's
 * configuration, which pango loads in a thread of its own and which is
 * never freed because FcFini at exit races that thread and aborts
 * (lib/domain/mc_pdf.c, mc_pdf_cleanup). Only allocations whose stack
 * passes through libfontconfig are suppressed; ours are all still checked.
 */
const char *__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
#endif

/* Checks a condition; a failure prints where and what. */
/* clang-format off */
#define CHECK(cond) do {						\
	if (cond)							\
		harness_passed++;					\
	else {								\
		harness_failed++;					\
		fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__,	\
		    __LINE__, #cond);					\
	}								\
} while (0)
/* clang-format on */

/* Checks two integers for equality and prints both when they differ. */
/* clang-format off */
#define CHECK_INT(a, b) do {						\
	long long harness_a = (long long)(a);				\
	long long harness_b = (long long)(b);				\
	if (harness_a == harness_b)					\
		harness_passed++;					\
	else {								\
		harness_failed++;					\
		fprintf(stderr, "%s:%d: FAILED: %s == %s (%lld != %lld)"\
		    "\n", __FILE__, __LINE__, #a, #b, harness_a,	\
		    harness_b);						\
	}								\
} while (0)
/* clang-format on */

/* Checks two strings (NULL allowed) for equality. */
/* clang-format off */
#define CHECK_STR(a, b) do {						\
	const char *harness_s = (a), *harness_t = (b);			\
	if ((harness_s == NULL && harness_t == NULL) ||			\
	    (harness_s != NULL && harness_t != NULL &&			\
	    strcmp(harness_s, harness_t) == 0))				\
		harness_passed++;					\
	else {								\
		harness_failed++;					\
		fprintf(stderr, "%s:%d: FAILED: %s == %s (\"%s\" != "	\
		    "\"%s\")\n", __FILE__, __LINE__, #a, #b,		\
		    harness_s ? harness_s : "(null)",			\
		    harness_t ? harness_t : "(null)");			\
	}								\
} while (0)
/* clang-format on */

/* Prints the summary line; evaluates to main's exit status. */
/* clang-format off */
#define DONE() (printf("%d passed, %d failed\n", harness_passed,	\
	harness_failed), fflush(stdout), harness_failed > 0 ? 1 : 0)
/* clang-format on */

/*
 * A suite that needs a database: when MOTCUA_CONFIG is unset, says why on
 * stderr and counts a failure (a skipped suite must not look green).
 * Evaluates to 1 when the database part may run.
 */
/* clang-format off */
#define NEED_DB(name) (getenv("MOTCUA_CONFIG") != NULL ? 1 :		\
	(fprintf(stderr, "%s: FAILED: MOTCUA_CONFIG unset: this suite "	\
	"needs a migrated database (e.g. `PORT=8080 make run`, then "	\
	"MOTCUA_CONFIG=/tmp/motcua-8080/motcua.conf)\n", (name)),	\
	harness_failed++, 0))
/* clang-format on */

#endif
