/*
 * Submissions through the application's own path (mc_dossier_submit) on
 * the database of MOTCUA_CONFIG, or on the Galera node MOTCUA_DB_PORT
 * names: the chaos run (tools/chaos.sh) starts several of these at once,
 * each pointed at a different node, so that two nodes take numbers from
 * one agency's day row of dossier_code_seq and write its counters at the
 * same time (certification conflicts, retried by mc_db_tx).
 *
 * Usage: galera_submit N PROCEDURE AGENCY ACCOUNT_ID NOW TAG GO_FILE
 * Waits (60 s at most) until GO_FILE exists, then files N dossiers of
 * PROCEDURE at AGENCY for the account, all dated NOW (a Unix time: one day
 * whatever the clock does meanwhile), each with {"chaos2":"TAG-i"} as its
 * answers. Prints one line per submission, "ok CODE TAG-i" or
 * "err RC TAG-i", then "retries R" (transactions run again after the
 * server ended them: certification conflicts, deadlocks). Exit 0 when it
 * could connect, 1 otherwise, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"

int
main(int argc, char **argv)
{
	struct mc_submission s;
	struct mc_db	    *db;
	struct timespec	     ts = { 0, 10000000L };
	long		     n, i, waited;
	char		     form[160], marker[96];

	if (argc != 8) {
		fprintf(stderr,
		    "usage: galera_submit N PROCEDURE AGENCY "
		    "ACCOUNT_ID NOW TAG GO_FILE\n");
		return 2;
	}
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		fprintf(stderr, "galera_submit: no database\n");
		return 1;
	}
	n = strtol(argv[1], NULL, 10);
	memset(&s, 0, sizeof(s));
	s.procedure_code = argv[2];
	s.agency_code = argv[3];
	s.account_id = strtoll(argv[4], NULL, 10);
	s.name = "Công Dân Hai Nút";
	s.id_number = "079099000001";
	s.channel = CHANNEL_ONLINE;
	s.form_json = form;
	for (waited = 0; access(argv[7], F_OK) != 0 && waited < 6000; waited++)
		nanosleep(&ts, NULL);
	for (i = 0; i < n; i++) {
		struct mc_arena *a = mc_arena_new(16384);
		const char	*code = NULL;
		int		 rc;

		snprintf(marker, sizeof(marker), "%s-%ld", argv[6], i);
		snprintf(form, sizeof(form), "{\"chaos2\":\"%s\"}", marker);
		rc = mc_dossier_submit(db, a, &s,
		    (time_t)strtoll(argv[5], NULL, 10), &code);
		if (rc == 0)
			printf("ok %s %s\n", code, marker);
		else
			printf("err %d %s\n", rc, marker);
		fflush(stdout);
		mc_arena_free(a);
	}
	printf("retries %u\n", mc_db_retries(db));
	mc_db_close(db);
	return 0;
}
