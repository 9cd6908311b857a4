/*
 * The counters of open dossiers (mc_counters) against the real database of
 * a test instance (MOTCUA_CONFIG): a random sequence of submissions and
 * actions by officers and the applicant at a ward of the test's own, with
 * the clock turned under some dossiers (the worker's pass moves them);
 * after each step the live counters agree with what the dossiers give, a
 * transition shows at once, and a rebuild gives the live counters again.
 * The same for the procedure lists (the inbox's filter), with dossiers
 * moved by an administrator between the ward and a second one under it.
 * Without MOTCUA_CONFIG it fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "fixtures.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_routing.h"

#define DOSSIERS 10
#define STEPS	 250

enum stmt {
	STMT_AGENCY_NEW,
	STMT_AGENCY_GET,
	STMT_AGENCY_CLOSE,
	STMT_PROCEDURE,
	STMT_CLOCK,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCY_NEW] = "INSERT IGNORE INTO agencies (code, kind, name, "
	    "valid_from) VALUES (?, 'ward', ?, '2020-01-01')",
	[STMT_AGENCY_GET] = "SELECT id FROM agencies WHERE code = ?",
	/* Closed once the run is over: the citizens' lists of wards (the
	 * filing page, the search filter) show only the real ones. */
	[STMT_AGENCY_CLOSE] = "UPDATE agencies SET valid_to = "
	    "CURDATE() - INTERVAL 1 DAY WHERE id = ?",
	[STMT_PROCEDURE] = "SELECT code FROM procedures WHERE "
	    "level_commune = 1 AND online = 1 AND time_hours IS NOT NULL "
	    "ORDER BY code LIMIT 1",
	/* The clock turned under a dossier, outside the domain: its step
	 * due and warned earlier (hours ago, or sooner), never later, as
	 * time passing does. */
	[STMT_CLOCK] = "UPDATE dossiers SET "
	    "step_due_at = LEAST(step_due_at, NOW() + INTERVAL ? HOUR), "
	    "step_warn_at = LEAST(COALESCE(step_warn_at, step_due_at), "
	    "NOW() + INTERVAL ? HOUR) "
	    "WHERE code = ? AND step_due_at IS NOT NULL",
};
/* clang-format on */

static const enum mc_action actions[] = {
	ACTION_ACCEPT,
	ACTION_ACCEPT,
	ACTION_FORWARD,
	ACTION_FORWARD,
	ACTION_FORWARD,
	ACTION_SEND_BACK,
	ACTION_CLAIM,
	ACTION_REQUEST_SUPPLEMENT,
	ACTION_SUPPLEMENT,
	ACTION_REQUEST_PAYMENT,
	ACTION_CONFIRM_PAYMENT,
	ACTION_APPROVE,
	ACTION_SIGN,
	ACTION_RETURN,
	ACTION_WITHDRAW,
	ACTION_STOP,
	ACTION_REFUSE,
	ACTION_REQUEST_COMPLETION,
	ACTION_NOTE,
};

/* 1 when the agency's procedure list names the procedure, 0, or -1. */
static int
listed(struct mc_db *db, struct mc_arena *a, unsigned int ag,
    const char *procedure)
{
	struct mc_rows r;
	size_t	       i;

	if (mc_counters_procedures(db, a, ag, &r) < 0)
		return -1;
	for (i = 0; i < r.n; i++)
		if (strcmp(mc_rows_str(&r, i, 1), procedure) == 0)
			return 1;
	return 0;
}

/* The agency's procedure list as one string of ids. */
static const char *
list_of(struct mc_db *db, struct mc_arena *a, unsigned int ag)
{
	struct mc_rows r;
	const char    *s = "";
	size_t	       i;

	if (mc_counters_procedures(db, a, ag, &r) < 0)
		return "error";
	for (i = 0; i < r.n; i++)
		s = mc_arena_printf(a, "%s %s", s, mc_rows_str(&r, i, 0));
	return s;
}

/* The sum of an agency's buckets with this status (-1: any). */
static long long
counted(struct mc_db *db, struct mc_arena *a, unsigned int ag, int status)
{
	struct mc_rows r;
	long long      n = 0;
	size_t	       i;

	if (mc_counters_agency(db, a, ag, &r) < 0)
		return -1;
	for (i = 0; i < r.n; i++)
		if (status < 0 || mc_rows_int(&r, i, CNT_STATUS) == status)
			n += mc_rows_int(&r, i, CNT_N);
	return n;
}

static const char *
file_one(struct mc_db *db, struct mc_arena *a, struct mc_arena *keep,
    const char *procedure, const char *agency_code,
    const struct mc_user *citizen)
{
	struct mc_submission s;
	const char	    *code = NULL;

	memset(&s, 0, sizeof(s));
	s.procedure_code = procedure;
	s.agency_code = agency_code;
	s.account_id = citizen->id;
	s.name = "Phạm Thị Đếm";
	s.id_number = citizen->id_number;
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	if (mc_dossier_submit(db, a, &s, time(NULL), &code) != 0)
		return NULL;
	return mc_arena_strdup(keep, code);
}

static void
test_random(struct mc_db *db, struct mc_arena *a, struct mc_arena *keep,
    unsigned int ag, unsigned int ag2, const char *agency_code,
    const char *procedure)
{
	struct mc_user	     *users[4], *admin;
	const char	     *lists[2];
	struct mc_action_args args;
	const char	     *codes[DOSSIERS];
	size_t		      n = 0, i;
	long long	      before, after, bad;
	int		      step, rc, ok = 0;

	users[0] = fixture_account(db, keep, "cnt", "0798", 11, "cnt-citizen",
	    ROLE_CITIZEN, 0);
	users[1] = fixture_account(db, keep, "cnt", NULL, 0, "cnt-receiver",
	    ROLE_RECEIVER, ag);
	users[2] = fixture_account(db, keep, "cnt", NULL, 0, "cnt-specialist",
	    ROLE_SPECIALIST, ag);
	users[3] = fixture_account(db, keep, "cnt", NULL, 0, "cnt-leader",
	    ROLE_LEADER, ag);
	/* The administrator of both wards, and officers of the second. */
	admin = fixture_account(db, keep, "cnt", NULL, 0, "cnt-admin",
	    ROLE_ADMIN, ag);
	if (admin == NULL ||
	    fixture_account(db, keep, "cnt", NULL, 0, "cnt-receiver2",
		ROLE_RECEIVER, ag2) == NULL ||
	    fixture_account(db, keep, "cnt", NULL, 0, "cnt-specialist2",
		ROLE_SPECIALIST, ag2) == NULL ||
	    fixture_account(db, keep, "cnt", NULL, 0, "cnt-leader2",
		ROLE_LEADER, ag2) == NULL) {
		CHECK(!"test accounts of the second ward");
		return;
	}
	for (i = 0; i < 4; i++)
		if (users[i] == NULL) {
			CHECK(!"test accounts");
			return;
		}
	/*
	 * First, one dossier moved by hand: its procedure leaves the filter
	 * of the ward that held nothing else of it and enters the other's,
	 * at once, and back.
	 */
	if ((codes[0] = file_one(db, a, keep, procedure, agency_code,
		 users[0])) == NULL) {
		CHECK(!"submission");
		return;
	}
	CHECK_INT(listed(db, a, ag, procedure), 1);
	CHECK_INT(listed(db, a, ag2, procedure), 0);
	memset(&args, 0, sizeof(args));
	CHECK_INT(mc_dossier_act(db, a, users[1], codes[0], ACTION_ACCEPT,
		      &args, time(NULL)),
	    0);
	CHECK_INT(mc_routing_reassign(db, a, admin, codes[0], ag2, 0, "chuyển",
		      0, time(NULL), "127.0.0.1"),
	    0);
	CHECK_INT(listed(db, a, ag, procedure), 0);
	CHECK_INT(listed(db, a, ag2, procedure), 1);
	CHECK_INT(mc_counters_check(db, a, ag, time(NULL)), 0);
	CHECK_INT(mc_counters_check(db, a, ag2, time(NULL)), 0);
	CHECK_INT(mc_routing_reassign(db, a, admin, codes[0], ag, 0, "lại", 0,
		      time(NULL), "127.0.0.1"),
	    0);
	CHECK_INT(listed(db, a, ag, procedure), 1);
	CHECK_INT(listed(db, a, ag2, procedure), 0);
	n = 1;
	srandom((unsigned int)getpid());
	for (step = 0; step < STEPS; step++) {
		int r = (int)(random() % 100);

		if (n < DOSSIERS && (n == 0 || r < 10)) {
			/* A submission counts at once. */
			before = counted(db, a, ag, STATUS_SUBMITTED);
			if ((codes[n] = file_one(db, a, keep, procedure,
				 agency_code, users[0])) == NULL) {
				CHECK(!"submission");
				return;
			}
			n++;
			after = counted(db, a, ag, STATUS_SUBMITTED);
			CHECK_INT(after, before + 1);
			/* Its procedure in the ward's filter at once. */
			CHECK_INT(listed(db, a, ag, procedure), 1);
		} else if (r < 18) {
			/*
			 * The clock turns: due in -30..+50 hours, warned 8
			 * hours before; the worker's pass moves it. Never
			 * due in 0 hours: due this very second, the dossier
			 * turns red a second later, before any pass, and
			 * the check after a later step would count it still
			 * yellow (the official CI failed so, 2 != 0).
			 */
			int due = (int)(random() % 80) - 30;

			due += due >= 0;

			mc_db_exec(db, stmts[STMT_CLOCK], "iis",
			    (long long)due, (long long)(due - 8),
			    codes[random() % n]);
			CHECK(mc_counters_tick(db, a, time(NULL), 1000) >= 0);
		} else if (r < 26) {
			/*
			 * The administrator moves a dossier's step to one of
			 * the two wards: the procedure is in that ward's
			 * filter at once.
			 */
			unsigned int to = random() % 2 ? ag2 : ag;

			rc = mc_routing_reassign(db, a, admin,
			    codes[random() % n], to, 0, "chuyển", 0,
			    time(NULL), "127.0.0.1");
			CHECK(rc >= 0 || rc == DOSSIER_NOT_ALLOWED ||
			    rc == DOSSIER_BAD_INPUT);
			if (rc == 0)
				CHECK_INT(listed(db, a, to, procedure), 1);
		} else {
			memset(&args, 0, sizeof(args));
			args.note = "đếm";
			args.items_json = "[{\"item\":\"Bản sao\","
					  "\"reason\":\"Thiếu\"}]";
			args.method = CHANNEL_COUNTER;
			before = counted(db, a, ag, -1);
			rc = mc_dossier_act(db, a, users[random() % 4],
			    codes[random() % n],
			    actions[random() %
				(sizeof(actions) / sizeof(actions[0]))],
			    &args, time(NULL));
			CHECK(rc >= 0 || rc == DOSSIER_FORBIDDEN ||
			    rc == DOSSIER_NOT_ALLOWED ||
			    rc == DOSSIER_BAD_INPUT ||
			    rc == DOSSIER_NO_RESULT);
			ok += rc == 0;
			/* Open dossiers only leave (refused, withdrawn,
			 * stopped, returned): never more. */
			CHECK(counted(db, a, ag, -1) <= before);
		}
		/* Live and computed agree after every step, in both. */
		if ((bad = mc_counters_check(db, a, ag, time(NULL))) != 0 ||
		    (bad = mc_counters_check(db, a, ag2, time(NULL))) != 0) {
			CHECK_INT(bad, 0);
			fprintf(stderr, "  after step %d\n", step);
			return;
		}
		mc_arena_reset(a);
	}
	CHECK(ok >= 8); /* the sequence did move dossiers */
	/* A rebuild gives the live counters and lists again. */
	before = counted(db, a, ag, -1);
	lists[0] = list_of(db, keep, ag);
	lists[1] = list_of(db, keep, ag2);
	CHECK(strcmp(lists[0], "") != 0);
	CHECK_INT(mc_counters_rebuild(db, a, time(NULL)), 0);
	CHECK_INT(counted(db, a, ag, -1), before);
	CHECK_STR(list_of(db, a, ag), lists[0]);
	CHECK_STR(list_of(db, a, ag2), lists[1]);
	CHECK_INT(mc_counters_check(db, a, ag, time(NULL)), 0);
	CHECK_INT(mc_counters_check(db, a, ag2, time(NULL)), 0);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a, *keep;
	struct mc_rows	 r;
	unsigned int	 ag = 0, ag2 = 0;
	char		 code[32], code2[40];
	const char	*procedure = NULL;

	if (!NEED_DB("test_counters"))
		return DONE();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	keep = mc_arena_new(4096);
	/* A ward of this run's own: nothing else moves its dossiers. */
	snprintf(code, sizeof(code), "%03d.%02d.98.T98", (int)getpid() % 1000,
	    (int)(time(NULL) % 100));
	mc_db_exec(db, stmts[STMT_AGENCY_NEW], "ss", code,
	    "Phường thử bộ đếm");
	if (mc_db_query(db, keep, &r, stmts[STMT_AGENCY_GET], "s", code) ==
		0 &&
	    r.n == 1)
		ag = (unsigned int)mc_rows_int(&r, 0, 0);
	/* A second ward under it (its administrator's too). */
	snprintf(code2, sizeof(code2), "%s.2", code);
	if (ag != 0)
		ag2 = fixture_agency(db, keep, code2, "ward", ag);
	if (mc_db_query(db, keep, &r, stmts[STMT_PROCEDURE], "") == 0 &&
	    r.n == 1)
		procedure = mc_rows_str(&r, 0, 0);
	if (ag == 0 || ag2 == 0 || procedure == NULL)
		CHECK(!"two test wards and a commune-level procedure");
	else
		test_random(db, a, keep, ag, ag2, code, procedure);
	if (ag != 0)
		mc_db_exec(db, stmts[STMT_AGENCY_CLOSE], "i", (int)ag);
	if (ag2 != 0)
		mc_db_exec(db, stmts[STMT_AGENCY_CLOSE], "i", (int)ag2);
	mc_arena_free(a);
	mc_arena_free(keep);
	mc_db_close(db);
	return DONE();
}
