/*
 * motcua check [--counters] [--steps] [--files]: the application's own
 * consistency check, for after a restore or a failover (issue 15), beside
 * MariaDB's CHECK TABLE. With no option, all three:
 *
 *   counters  the open dossiers' counters agree with the dossiers
 *             (lib/domain/mc_counters, as `motcua counters check`);
 *   steps     every dossier's current step exists, no dossier has two
 *             steps under way at once, no step ends before it starts;
 *   files     every stored attachment is present, its size and its
 *             SHA-256 what the database says (read in full: on a big
 *             store this takes the time of reading it).
 *
 * Prints one line per check and up to ten of what is wrong; exit 0 when
 * everything agrees.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_files.h"

#include "motcua.h"

#define FILES_BATCH 1000
#define SHOW	    10

enum stmt {
	STMT_STEP_MISSING,
	STMT_STEPS_TWO,
	STMT_STEP_BACKWARDS,
	STMT_FILES,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* Each step query: how many dossiers, and the first codes. */
	[STMT_STEP_MISSING] = "SELECT COUNT(*), COALESCE(GROUP_CONCAT(d.code "
	    "ORDER BY d.id DESC SEPARATOR ' ' LIMIT 10), '') FROM dossiers d "
	    "WHERE d.current_step IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
	    "dossier_steps s WHERE s.dossier_id = d.id AND "
	    "s.seq = d.current_step)",
	[STMT_STEPS_TWO] = "SELECT COUNT(*), COALESCE(GROUP_CONCAT(x.code "
	    "ORDER BY x.id DESC SEPARATOR ' ' LIMIT 10), '') FROM (SELECT d.id, "
	    "d.code FROM dossier_steps s JOIN dossiers d ON d.id = "
	    "s.dossier_id WHERE s.started_at IS NOT NULL AND s.finished_at "
	    "IS NULL GROUP BY d.id, d.code HAVING COUNT(*) > 1) x",
	[STMT_STEP_BACKWARDS] = "SELECT COUNT(DISTINCT d.id), "
	    "COALESCE(GROUP_CONCAT(DISTINCT d.code ORDER BY d.id "
	    "SEPARATOR ' ' LIMIT 10), '') FROM dossier_steps s JOIN dossiers "
	    "d ON d.id = s.dossier_id WHERE s.finished_at < s.started_at",
	[STMT_FILES] = "SELECT sha256, size FROM attachments WHERE sha256 > ? "
	    "ORDER BY sha256 LIMIT 1000",
};
/* clang-format on */

static const struct {
	enum stmt   stmt;
	const char *what;
} step_checks[] = {
	{ STMT_STEP_MISSING, "current step missing" },
	{ STMT_STEPS_TWO, "two steps under way at once" },
	{ STMT_STEP_BACKWARDS, "a step that ends before it starts" },
};

/* Problems found (0: none), or -1 on a database error. */
static long long
check_counters(struct mc_db *db, struct mc_arena *a)
{
	long long bad = mc_counters_check(db, a, 0, time(NULL));

	if (bad >= 0)
		printf("counters: %lld bucket(s) differ from the dossiers%s\n",
		    bad, bad ? " (motcua counters rebuild mends them)" : "");
	return bad;
}

static long long
check_steps(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows r;
	long long      n, bad = 0;
	size_t	       i;

	for (i = 0; i < sizeof(step_checks) / sizeof(step_checks[0]); i++) {
		if (mc_db_query(db, a, &r, stmts[step_checks[i].stmt], "") <
			0 ||
		    r.n != 1)
			return -1;
		n = strtoll(mc_rows_str(&r, 0, 0), NULL, 10);
		if (n > 0)
			printf("steps: %lld dossier(s) with %s: %s%s\n", n,
			    step_checks[i].what, mc_rows_str(&r, 0, 1),
			    n > SHOW ? " ..." : "");
		bad += n;
	}
	if (bad == 0)
		printf("steps: every dossier's steps are in order\n");
	return bad;
}

static long long
check_files(struct mc_db *db, struct mc_arena *a)
{
	struct mc_arena *row;
	struct mc_rows	 r;
	char		 last[65] = "";
	const char	*why;
	long long	 seen = 0, bad = 0, missing = 0;
	size_t		 i;
	int		 rc;

	if ((row = mc_arena_new(1 << 12)) == NULL)
		return -1;
	do {
		mc_arena_reset(row);
		if (mc_db_query(db, row, &r, stmts[STMT_FILES], "s", last) <
		    0) {
			bad = -1;
			break;
		}
		for (i = 0; i < r.n; i++) {
			const char *sha = mc_rows_str(&r, i, 0);

			seen++;
			rc = mc_files_verify(row, sha,
			    strtoll(mc_rows_str(&r, i, 1), NULL, 10), &why);
			/* A row whose file is absent: named apart (a file
			 * lost, or a row written without its file). */
			if (rc == 0 && why != NULL &&
			    strcmp(why, "missing") == 0)
				missing++;
			if (rc != 1 && bad++ < SHOW)
				printf("files: %s: %s\n", sha, why);
			snprintf(last, sizeof(last), "%s", sha);
		}
	} while (r.n == FILES_BATCH);
	mc_arena_free(row);
	if (bad >= 0)
		printf("files: %lld attachment(s) read, %lld not whole "
		       "(%lld missing: a row with no file in the store)\n",
		    seen, bad, missing);
	return bad;
}

int
cmd_check(struct mc_db *db, int argc, char **argv)
{
	struct motcua_opt opts[] = {
		{ "counters", 0, NULL },
		{ "steps", 0, NULL },
		{ "files", 0, NULL },
	};
	struct mc_arena *a;
	long long	 bad = 0, n;
	int		 all, failed = 0;

	if (motcua_opts(argc, argv, opts, 3) < 0) {
		fprintf(stderr,
		    "usage: motcua check [--counters] [--steps] [--files]\n");
		return -1;
	}
	all = !opts[0].value && !opts[1].value && !opts[2].value;
	if ((a = mc_arena_new(1 << 16)) == NULL)
		return -1;
	if (all || opts[0].value) {
		n = check_counters(db, a);
		failed |= n < 0;
		bad += n > 0 ? n : 0;
	}
	if (all || opts[1].value) {
		n = check_steps(db, a);
		failed |= n < 0;
		bad += n > 0 ? n : 0;
	}
	if (all || opts[2].value) {
		n = check_files(db, a);
		failed |= n < 0;
		bad += n > 0 ? n : 0;
	}
	mc_arena_free(a);
	if (failed)
		fprintf(stderr, "check: a check could not run (see above)\n");
	return failed || bad > 0 ? -1 : 0;
}
