/*
 * motcua move-dossiers --from CODE --to CODE [--dry-run]: the open dossiers
 * of a dissolved unit moved to its successor (lib/domain/mc_units), one
 * transaction per dossier; run again, it moves what is left.
 */
#include <stdio.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_calendar.h"
#include "mc_db.h"
#include "mc_units.h"

#include "motcua.h"

int
cmd_move_dossiers(struct mc_db *db, int argc, char **argv)
{
	struct motcua_opt    opts[] = { { "from", 1, NULL }, { "to", 1, NULL },
		   { "dry-run", 0, NULL } };
	struct mc_units_move m;
	struct mc_arena	    *a;
	int		     rc;

	if (motcua_opts(argc, argv, opts, 3) < 0 || opts[0].value == NULL ||
	    opts[1].value == NULL) {
		fprintf(stderr,
		    "usage: motcua move-dossiers --from CODE --to CODE "
		    "[--dry-run]\n");
		return -1;
	}
	if ((a = mc_arena_new(1 << 16)) == NULL)
		return -1;
	mc_calendar_load(db);
	rc = mc_units_move(db, a, opts[0].value, opts[1].value,
	    opts[2].value != NULL, time(NULL), &m);
	if (rc < 0)
		fprintf(stderr, "motcua: move-dossiers failed\n");
	else if (rc > 0)
		fprintf(stderr, "motcua: move-dossiers %s -> %s refused: %s\n",
		    opts[0].value, opts[1].value, mc_units_refusal(rc));
	else if (opts[2].value != NULL)
		printf("move-dossiers (dry run): %lld open dossier(s) of %s "
		       "would move to %s\n",
		    m.open, m.from_name, m.to_name);
	else
		printf("move-dossiers: %lld of %lld open dossier(s) moved "
		       "from %s to %s%s\n",
		    m.moved, m.open, m.from_name, m.to_name,
		    m.failed ? " (some failed: see the log; run it again)" :
			       "");
	mc_arena_free(a);
	return rc == 0 && m.failed == 0 ? 0 : -1;
}
