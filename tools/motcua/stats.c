/*
 * motcua stats-rebuild: empties the statistics summaries and counts every
 * dossier again from its row, events and steps (lib/domain/mc_stats).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_calendar.h"
#include "mc_db.h"
#include "mc_stats.h"

#include "motcua.h"

static const char sql_counted[] =
    "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM stats_day LIMIT 1) d) + "
    "(SELECT COUNT(*) FROM (SELECT 1 FROM stats_memo LIMIT 1) m)";

int
cmd_stats_rebuild(struct mc_db *db, int argc, char **argv)
{
	struct mc_arena *a;
	long long	 n = 0;
	time_t		 t0 = time(NULL);
	int		 rc;

	struct mc_rows rows;
	int if_empty = argc == 1 && strcmp(argv[0], "--if-empty") == 0;

	if (argc != 0 && !if_empty) {
		fprintf(stderr, "motcua: usage: stats-rebuild [--if-empty]\n");
		return -1;
	}
	if ((a = mc_arena_new(1 << 20)) == NULL)
		return -1;
	/* After the migration that made them: count what exists once. */
	if (if_empty &&
	    (mc_db_query(db, a, &rows, sql_counted, "") < 0 ||
		mc_rows_int(&rows, 0, 0) > 0)) {
		mc_arena_free(a);
		return 0;
	}
	mc_calendar_load(db);
	rc = mc_stats_rebuild(db, a, &n);
	mc_arena_free(a);
	if (rc < 0) {
		fprintf(stderr,
		    "motcua: stats-rebuild failed after %lld "
		    "dossiers\n",
		    n);
		return -1;
	}
	printf("stats-rebuild: %lld dossiers counted in %lld s\n", n,
	    (long long)(time(NULL) - t0));
	return 0;
}
