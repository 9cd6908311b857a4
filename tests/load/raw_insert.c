/*
 * The ceiling for durable submissions: the same INSERTs a submission makes
 * (code sequence, dossier row, event row) with COMMIT, straight into
 * MariaDB from C, from P processes at once. Prints one line:
 *   raw: N transactions in S s = R/s (P processes)
 * Usage: raw_insert PROCESSES PER_PROCESS PROCEDURE_ID AGENCY_ID AGENCY_CODE
 * [AGENCY_ID AGENCY_CODE ...] (MOTCUA_CONFIG names the instance): with
 * several agencies, process i files at the (i mod n)-th. The rows it makes are real dossiers
 * at status 1 of that agency, dated today.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_util.h"

static const char *const sql_insert =
    "INSERT INTO dossiers (code, "
    "procedure_id, agency_id, current_agency_id, applicant_name, "
    "applicant_id_number, channel, status, form_data, submitted_at, "
    "updated_at) VALUES (?, ?, ?, ?, 'Người Đo Tải', '079000000000', 2, 1, "
    "'{}', ?, ?)";
static const char *const sql_event =
    "INSERT INTO dossier_events "
    "(dossier_id, at, action, to_status) VALUES (?, ?, 'submit', 1)";

static int
run(long n, long long proc, long long agency, const char *agency_code)
{
	struct mc_db	*db = mc_db_open();
	struct mc_arena *a = mc_arena_new(65536);
	const char	*code;
	char		 now[20];
	long		 i;

	if (db == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		mc_time_sql(now, time(NULL));
		if ((code = mc_dossier_next_code(db, a, (unsigned int)agency,
			 agency_code, time(NULL))) == NULL ||
		    mc_db_begin(db) < 0 ||
		    mc_db_exec(db, sql_insert, "siiiss", code, proc, agency,
			agency, now, now) < 0 ||
		    mc_db_exec(db, sql_event, "is",
			(long long)mc_db_insert_id(db), now) < 0 ||
		    mc_db_commit(db) < 0)
			return 1;
		mc_arena_reset(a);
	}
	mc_db_close(db);
	mc_arena_free(a);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct timespec t0, t1;
	long long	procs, per, proc, agency;
	double		s;
	int		i, j, npairs, status, bad = 0;

	if (argc < 6 || argc % 2 != 0 ||
	    mc_parse_ll(argv[1], 1, 512, &procs) < 0 ||
	    mc_parse_ll(argv[2], 1, 10000000, &per) < 0 ||
	    mc_parse_ll(argv[3], 1, 1LL << 31, &proc) < 0) {
		fprintf(stderr,
		    "usage: raw_insert PROCESSES PER_PROCESS "
		    "PROCEDURE_ID AGENCY_ID AGENCY_CODE [AGENCY_ID "
		    "AGENCY_CODE ...]\n");
		return 2;
	}
	npairs = (argc - 4) / 2;
	for (i = 0; i < npairs; i++)
		if (mc_parse_ll(argv[4 + 2 * i], 1, 1LL << 31, &agency) < 0) {
			fprintf(stderr, "raw_insert: bad agency id %s\n",
			    argv[4 + 2 * i]);
			return 2;
		}
	if (mc_config_load(NULL) < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < procs; i++) {
		j = 4 + 2 * (i % npairs);
		mc_parse_ll(argv[j], 1, 1LL << 31, &agency);
		if (fork() == 0)
			_exit(run(per, proc, agency, argv[j + 1]));
	}
	for (i = 0; i < procs; i++) {
		wait(&status);
		bad += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf(
	    "raw: %lld transactions in %.2f s = %.0f/s (%lld processes)%s\n",
	    procs * per, s, (double)(procs * per) / s, procs,
	    bad ? " (some failed)" : "");
	return bad ? 1 : 0;
}
