/*
 * motcua counters rebuild|check: the counters of open dossiers by agency,
 * status, step and colour (lib/domain/mc_counters) recomputed from the
 * dossiers, or compared with them.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_counters.h"
#include "mc_db.h"

#include "motcua.h"

int
cmd_counters(struct mc_db *db, int argc, char **argv)
{
	struct mc_arena *a;
	long long	 bad;
	int		 rc = -1;

	if (argc != 1 ||
	    (strcmp(argv[0], "rebuild") != 0 &&
		strcmp(argv[0], "check") != 0)) {
		fprintf(stderr, "usage: motcua counters rebuild | check\n");
		return -1;
	}
	if ((a = mc_arena_new(1 << 16)) == NULL)
		return -1;
	if (strcmp(argv[0], "rebuild") == 0) {
		if ((rc = mc_counters_rebuild(db, a, time(NULL))) == 0)
			printf("counters rebuilt from the dossiers\n");
	} else if ((bad = mc_counters_check(db, a, 0, time(NULL))) >= 0) {
		printf("counters: %lld bucket(s) differ from the dossiers\n",
		    bad);
		rc = bad == 0 ? 0 : -1;
	}
	mc_arena_free(a);
	return rc;
}
