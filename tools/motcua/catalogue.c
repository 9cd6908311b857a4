/*
 * motcua import-catalogue FILE: runs the importer (lib/domain/mc_import) and prints its
 * one-line summary.
 */
#include <stdio.h>
#include <time.h>

#include "mc_import.h"
#include "motcua.h"

int
cmd_import(struct mc_db *db, int argc, char **argv)
{
	struct mc_import_stats st;
	struct timespec	       t0, t1;

	if (argc != 1 || argv[0][0] == '-') {
		fprintf(stderr, "usage: motcua import-catalogue FILE\n");
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (mc_import_catalogue(db, argv[0], &st) < 0) {
		fprintf(stderr,
		    "motcua: import of %s failed: rolled back, "
		    "nothing imported\n",
		    argv[0]);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("imported %zu new, %zu updated, %zu unchanged, %zu skipped, "
	       "%zu rejected\n",
	    st.added, st.updated, st.unchanged, st.skipped, st.rejected);
	if (st.kept > 0)
		printf("kept %zu procedures edited in the back office (their "
		       "catalogue text changed: see above)\n",
		    st.kept);
	fprintf(stderr, "motcua: %zu lines in %.2f s\n", st.lines,
	    (double)(t1.tv_sec - t0.tv_sec) +
		(double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
