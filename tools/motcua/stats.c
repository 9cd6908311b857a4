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
#include "mc_util.h"

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

static int
recount_tx(struct mc_db *db, void *arg)
{
	struct mc_arena *a = mc_arena_new(1 << 20);
	long long	 id = *(long long *)arg;
	int		 rc;

	if (a == NULL)
		return -1;
	rc = mc_stats_dossier(db, a, id);
	mc_arena_free(a);
	return rc;
}

/*
 * motcua stats-months: the stocks at each month's start listed again from
 * the summaries (after they were changed by hand); motcua stats-recount ID:
 * one dossier counted again from its row (after a fix by hand), in one
 * transaction, as a transition does.
 */
int
cmd_stats_months(struct mc_db *db, int argc, char **argv)
{
	struct mc_arena *a;
	int		 n;

	if (argc != 0) {
		fprintf(stderr, "motcua: usage: stats-months\n");
		return -1;
	}
	if ((a = mc_arena_new(1 << 20)) == NULL)
		return -1;
	n = mc_stats_open_reset(db) < 0 ?
	    -1 :
	    mc_stats_close_months(db, a, time(NULL), 0);
	mc_arena_free(a);
	if (n < 0) {
		fprintf(stderr, "motcua: stats-months failed\n");
		return -1;
	}
	printf("stats-months: %d month(s) with their stocks\n", n);
	return 0;
}

int
cmd_stats_recount(struct mc_db *db, int argc, char **argv)
{
	long long id;

	if (argc != 1 || mc_parse_ll(argv[0], 1, 1LL << 62, &id) < 0) {
		fprintf(stderr, "motcua: usage: stats-recount DOSSIER_ID\n");
		return -1;
	}
	mc_calendar_load(db);
	if (mc_db_tx(db, recount_tx, &id) != 0) {
		fprintf(stderr, "motcua: stats-recount %lld failed\n", id);
		return -1;
	}
	return 0;
}

/*
 * motcua stats-report --from D --to D [--by agency|procedure|field|
 * channel|month] [--agency ID]: the statistics report as the office page
 * computes it, every cell, tab-separated (a header line, the rows, the
 * total).
 */
int
cmd_stats_report(struct mc_db *db, int argc, char **argv)
{
	static const char *const bys[] = { "", "agency", "procedure", "field",
		"channel", "month" };
	struct motcua_opt	 opts[] = {
		       { "from", 1, NULL },
		       { "to", 1, NULL },
		       { "by", 1, NULL },
		       { "agency", 1, NULL },
	};
	struct mc_stats_filter f;
	struct mc_stats_report r;
	struct mc_arena	      *a;
	long long	       ag = 0;
	size_t		       i;
	int		       by = STATS_BY_AGENCY, c;

	memset(&f, 0, sizeof(f));
	if (motcua_opts(argc, argv, opts, 4) < 0 || opts[0].value == NULL ||
	    opts[1].value == NULL ||
	    (opts[3].value &&
		mc_parse_ll(opts[3].value, 0, 1LL << 31, &ag) < 0)) {
		fprintf(stderr,
		    "usage: motcua stats-report --from YYYY-MM-DD --to "
		    "YYYY-MM-DD [--by agency|procedure|field|channel|month] "
		    "[--agency ID]\n");
		return -1;
	}
	if (opts[2].value != NULL) {
		for (by = 1; by <= STATS_BY_MONTH &&
		     strcmp(bys[by], opts[2].value) != 0;
		     by++)
			;
		if (by > STATS_BY_MONTH) {
			fprintf(stderr, "motcua: stats-report: --by %s?\n",
			    opts[2].value);
			return -1;
		}
	}
	f.from = opts[0].value;
	f.to = opts[1].value;
	f.agency = (unsigned int)ag;
	if ((a = mc_arena_new(1 << 22)) == NULL)
		return -1;
	if (mc_stats_report(db, a, &f, (enum mc_stats_by)by, &r) < 0) {
		mc_arena_free(a);
		fprintf(stderr, "motcua: stats-report failed\n");
		return -1;
	}
	printf("key");
	for (c = 0; c < SC__MAX; c++)
		printf("\t%s", mc_stats_col_name((enum mc_stats_col)c));
	printf("\n");
	for (i = 0; i <= r.n; i++) {
		const struct mc_stats_row *row = i < r.n ? &r.rows[i] :
							   &r.total;

		if (i < r.n)
			printf("%lld", row->key);
		else
			printf("total");
		for (c = 0; c < SC__MAX; c++)
			printf("\t%lld", row->v[c]);
		printf("\n");
	}
	mc_arena_free(a);
	return 0;
}
