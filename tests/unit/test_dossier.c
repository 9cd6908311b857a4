/*
 * Dossier rules against the real database of a test instance
 * (MOTCUA_CONFIG): code format and per-day sequence, uniqueness under
 * parallel submissions, and the accept transition's checks (role, agency
 * scope, state, version). Without MOTCUA_CONFIG it runs nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"

#define PARALLEL	6
#define PER_PROCESS	25

enum stmt {
	STMT_AGENCY_NEW,
	STMT_AGENCY_GET,
	STMT_PROCEDURE,
	STMT_CLEAN_SEQ,
	STMT_DOSSIER_STATUS,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCY_NEW] = "INSERT IGNORE INTO agencies (code, kind, name, "
	    "valid_from) VALUES (?, 'unit', ?, '2020-01-01')",
	[STMT_AGENCY_GET] = "SELECT id FROM agencies WHERE code = ?",
	[STMT_PROCEDURE] = "SELECT p.code, p.agency_id FROM procedures p "
	    "WHERE p.level_province = 1 AND p.agency_id IS NOT NULL AND "
	    "p.online = 1 AND p.time_hours IS NOT NULL ORDER BY p.code LIMIT 1",
	[STMT_CLEAN_SEQ] = "DELETE FROM dossier_code_seq WHERE agency_id = ?",
	[STMT_DOSSIER_STATUS] = "SELECT status, version, due_at IS NOT NULL "
	    "FROM dossiers WHERE code = ?",
};

static time_t
day(int y, int m, int d, int h)
{
	struct tm	tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static unsigned int
test_agency(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows	rows;

	mc_db_exec(db, stmts[STMT_AGENCY_NEW], "ss", "999.99.99.T99",
	    "Đơn vị thử nghiệm");
	if (mc_db_query(db, a, &rows, stmts[STMT_AGENCY_GET], "s",
	    "999.99.99.T99") < 0 || rows.n != 1)
		return 0;
	return (unsigned int)mc_rows_int(&rows, 0, 0);
}

static void
test_codes(struct mc_db *db, struct mc_arena *a, unsigned int ag)
{
	const char	*c1, *c2, *c3;

	mc_db_exec(db, stmts[STMT_CLEAN_SEQ], "i", (long long)ag);
	CHECK_INT(mc_db_begin(db), 0);
	c1 = mc_dossier_next_code(db, a, ag, "999.99.99.T99",
	    day(2099, 12, 31, 16));
	c2 = mc_dossier_next_code(db, a, ag, "999.99.99.T99",
	    day(2099, 12, 31, 23));
	/* The next day (and year) starts again at 0001. */
	c3 = mc_dossier_next_code(db, a, ag, "999.99.99.T99",
	    day(2100, 1, 1, 0));
	CHECK_INT(mc_db_commit(db), 0);
	CHECK_STR(c1, "999.99.99.T99-991231-0001");
	CHECK_STR(c2, "999.99.99.T99-991231-0002");
	CHECK_STR(c3, "999.99.99.T99-000101-0001");
	/* A rolled-back number was never issued: it is given again. */
	mc_db_begin(db);
	c1 = mc_dossier_next_code(db, a, ag, "999.99.99.T99",
	    day(2099, 12, 31, 10));
	mc_db_rollback(db);
	mc_db_begin(db);
	c2 = mc_dossier_next_code(db, a, ag, "999.99.99.T99",
	    day(2099, 12, 31, 10));
	mc_db_commit(db);
	CHECK_STR(c1, "999.99.99.T99-991231-0003");
	CHECK_STR(c2, "999.99.99.T99-991231-0003");
}

/* PARALLEL processes each take PER_PROCESS codes for the same day. */
static void
test_parallel(struct mc_db *db, struct mc_arena *a, unsigned int ag)
{
	int	 fds[2], i, j, status, seen[PARALLEL * PER_PROCESS + 1];
	int	 dup = 0, missing = 0, bad = 0;
	char	 line[128];
	FILE	*in;
	pid_t	 pid;

	mc_db_exec(db, stmts[STMT_CLEAN_SEQ], "i", (long long)ag);
	if (pipe(fds) < 0)
		return;
	for (i = 0; i < PARALLEL; i++) {
		if ((pid = fork()) != 0)
			continue;
		struct mc_db	*own = mc_db_open();
		struct mc_arena	*oa = mc_arena_new(4096);
		FILE		*out = fdopen(fds[1], "w");

		for (j = 0; own != NULL && j < PER_PROCESS; j++) {
			const char *c;

			if (mc_db_begin(own) < 0)
				break;
			c = mc_dossier_next_code(own, oa, ag, "999.99.99.T99",
			    day(2099, 6, 15, 9));
			if (c == NULL || mc_db_commit(own) < 0)
				break;
			fprintf(out, "%s\n", c);
			fflush(out);
		}
		_exit(j == PER_PROCESS ? 0 : 1);
	}
	close(fds[1]);
	memset(seen, 0, sizeof(seen));
	in = fdopen(fds[0], "r");
	while (fgets(line, sizeof(line), in) != NULL) {
		int n = (int)strtol(line + 21, NULL, 10);

		if (strncmp(line, "999.99.99.T99-990615-", 21) != 0 || n < 1 ||
		    n > PARALLEL * PER_PROCESS)
			bad++;
		else if (seen[n]++)
			dup++;
	}
	fclose(in);
	for (i = 0; i < PARALLEL; i++) {
		wait(&status);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	for (i = 1; i <= PARALLEL * PER_PROCESS; i++)
		missing += seen[i] == 0;
	CHECK_INT(bad, 0);
	CHECK_INT(dup, 0);
	CHECK_INT(missing, 0);
	(void)a;
}

static void
test_accept(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows		 proc, st;
	struct mc_submission	 s;
	struct mc_user		 officer, other, citizen;
	struct mc_grant		 g1 = { ROLE_RECEIVER, 0 }, g2 = { ROLE_RECEIVER,
				     0 }, g3 = { ROLE_CITIZEN, 0 };
	const char		*code = NULL;

	if (mc_db_query(db, a, &proc, stmts[STMT_PROCEDURE], "") < 0 ||
	    proc.n != 1) {
		CHECK(!"no procedure with an agency in the catalogue");
		return;
	}
	memset(&s, 0, sizeof(s));
	s.procedure_code = mc_rows_str(&proc, 0, 0);
	s.name = "Trần Thị Bình";
	s.id_number = "079190000001";
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code), 0);
	if (code == NULL)
		return;
	memset(&officer, 0, sizeof(officer));
	memset(&other, 0, sizeof(other));
	memset(&citizen, 0, sizeof(citizen));
	g1.agency_id = (unsigned int)mc_rows_int(&proc, 0, 1);
	g2.agency_id = g1.agency_id + 100000;	/* another agency */
	officer.grants = &g1, officer.ngrants = 1;
	other.grants = &g2, other.ngrants = 1;
	citizen.grants = &g3, citizen.ngrants = 1;
	CHECK_INT(mc_dossier_transition(db, a, &citizen, code, ACTION_ACCEPT,
	    NULL, 0, time(NULL)), DOSSIER_FORBIDDEN);
	CHECK_INT(mc_dossier_transition(db, a, &other, code, ACTION_ACCEPT,
	    NULL, 0, time(NULL)), DOSSIER_FORBIDDEN);
	CHECK_INT(mc_dossier_transition(db, a, &officer, code, ACTION_ACCEPT,
	    NULL, 7, time(NULL)), DOSSIER_CONFLICT);
	CHECK_INT(mc_dossier_transition(db, a, &officer, code, ACTION_ACCEPT,
	    "ok", 1, time(NULL)), 0);
	CHECK_INT(mc_dossier_transition(db, a, &officer, code, ACTION_ACCEPT,
	    NULL, 0, time(NULL)), DOSSIER_NOT_ALLOWED);
	CHECK_INT(mc_dossier_transition(db, a, &officer, "NO-SUCH-CODE",
	    ACTION_ACCEPT, NULL, 0, time(NULL)), DOSSIER_NOT_FOUND);
	CHECK_INT(mc_db_query(db, a, &st, stmts[STMT_DOSSIER_STATUS], "s",
	    code), 0);
	CHECK_INT(mc_rows_int(&st, 0, 0), STATUS_ACCEPTED);
	CHECK_INT(mc_rows_int(&st, 0, 1), 2);
	CHECK_INT(mc_rows_int(&st, 0, 2), 1);	/* a due date */
	/* An agency that is not competent for the procedure is refused. */
	s.agency_code = "999.99.99.T99";
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code),
	    DOSSIER_NO_AGENCY);
	s.agency_code = NULL;
	s.procedure_code = "0.000000";
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code),
	    DOSSIER_NO_PROCEDURE);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena	*a;
	unsigned int	 ag;

	if (getenv("MOTCUA_CONFIG") == NULL) {
		fprintf(stderr, "test_dossier: MOTCUA_CONFIG unset, skipped\n");
		return DONE();
	}
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	if ((ag = test_agency(db, a)) == 0)
		CHECK(!"test agency");
	else {
		test_codes(db, a, ag);
		test_parallel(db, a, ag);
		mc_db_exec(db, stmts[STMT_CLEAN_SEQ], "i", (long long)ag);
	}
	test_accept(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
