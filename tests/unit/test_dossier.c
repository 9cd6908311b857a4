/*
 * Dossier rules against the real database of a test instance
 * (MOTCUA_CONFIG): code format and per-day sequence, uniqueness under
 * parallel submissions, and the accept transition's checks (role, agency
 * scope, state, version). Without MOTCUA_CONFIG it fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "fixtures.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_files.h"
#include "mc_throttle.h"
#include "mc_util.h"

#define PARALLEL    6
#define PER_PROCESS 25

enum stmt {
	STMT_AGENCY_NEW,
	STMT_AGENCY_GET,
	STMT_PROCEDURE,
	STMT_CLEAN_SEQ,
	STMT_DOSSIER_STATUS,
	STMT_SET_STATUS,
	STMT_STEP1,
	STMT_COLOUR_ROWS,
	STMT_COLOUR_SET,
	STMT_EXECUTED,
	STMT_ID_OF,
	STMT_AGENCY_LOCK,
	STMT_KEY_AGE,
	STMT__MAX
};

/* clang-format off */
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
	[STMT_SET_STATUS] = "UPDATE dossiers SET status = ? WHERE code = ?",
	[STMT_STEP1] = "SELECT UNIX_TIMESTAMP(s.started_at), "
	    "UNIX_TIMESTAMP(s.finished_at), UNIX_TIMESTAMP(s.due_at), "
	    "UNIX_TIMESTAMP(d.clock_start_at), UNIX_TIMESTAMP(d.received_at) "
	    "FROM dossier_steps s JOIN dossiers d ON d.id = s.dossier_id "
	    "WHERE d.code = ? AND s.seq = 1",
	[STMT_COLOUR_ROWS] = "SELECT d.code, d.status, "
	    "DATE_FORMAT(d.step_due_at, '%Y-%m-%d %H:%i:%s'), "
	    "DATE_FORMAT(d.step_warn_at, '%Y-%m-%d %H:%i:%s'), "
	    MC_DOSSIER_RED_SQL " AS red, " MC_DOSSIER_YELLOW_SQL " AS yellow "
	    "FROM dossiers d WHERE d.current_agency_id = ?",
	[STMT_COLOUR_SET] = "UPDATE dossiers SET status = ?, "
	    "step_due_at = FROM_UNIXTIME(?), step_warn_at = FROM_UNIXTIME(?) "
	    "WHERE code = ?",
	/* Statements this connection has run (this one included). */
	[STMT_EXECUTED] = "SELECT VARIABLE_VALUE FROM "
	    "information_schema.SESSION_STATUS "
	    "WHERE VARIABLE_NAME = 'COM_STMT_EXECUTE'",
	[STMT_ID_OF] = "SELECT id FROM dossiers WHERE code = ?",
	[STMT_AGENCY_LOCK] = "SELECT id FROM dossiers "
	    "WHERE current_agency_id = ? FOR UPDATE",
	/* A key made older, as the days passing do. */
	[STMT_KEY_AGE] = "UPDATE submission_keys SET created_at = "
	    "created_at - INTERVAL ? DAY WHERE account_id = ? AND key_hash = ?",
};
/* clang-format on */

static time_t
day(int y, int m, int d, int h)
{
	struct tm tm;

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
	struct mc_rows rows;

	mc_db_exec(db, stmts[STMT_AGENCY_NEW], "ss", "999.99.99.T99",
	    "Đơn vị thử nghiệm");
	if (mc_db_query(db, a, &rows, stmts[STMT_AGENCY_GET], "s",
		"999.99.99.T99") < 0 ||
	    rows.n != 1)
		return 0;
	return (unsigned int)mc_rows_int(&rows, 0, 0);
}

static void
test_codes(struct mc_db *db, struct mc_arena *a, unsigned int ag)
{
	const char *c1, *c2, *c3;

	mc_db_exec(db, stmts[STMT_CLEAN_SEQ], "i", (long long)ag);
	c1 = mc_dossier_next_code(db, a, ag, "999.99.99.T99",
	    day(2099, 12, 31, 16));
	c2 = mc_dossier_next_code(db, a, ag, "999.99.99.T99",
	    day(2099, 12, 31, 23));
	/* The next day (and year) starts again at 0001. */
	c3 = mc_dossier_next_code(db, a, ag, "999.99.99.T99",
	    day(2100, 1, 1, 0));
	CHECK_STR(c1, "999.99.99.T99-991231-0001");
	CHECK_STR(c2, "999.99.99.T99-991231-0002");
	CHECK_STR(c3, "999.99.99.T99-000101-0001");
	/*
	 * The number is taken by its own statement, before the submission's
	 * transaction (issue 12: the day's row is not locked meanwhile). A
	 * submission that rolls back leaves its number unused: the next one
	 * gets the number after it, never the same.
	 */
	c1 = mc_dossier_next_code(db, a, ag, "999.99.99.T99",
	    day(2099, 12, 31, 10));
	mc_db_begin(db);
	mc_db_rollback(db);
	c2 = mc_dossier_next_code(db, a, ag, "999.99.99.T99",
	    day(2099, 12, 31, 10));
	CHECK_STR(c1, "999.99.99.T99-991231-0003");
	CHECK_STR(c2, "999.99.99.T99-991231-0004");
}

/* PARALLEL processes each take PER_PROCESS codes for the same day. */
static void
test_parallel(struct mc_db *db, struct mc_arena *a, unsigned int ag)
{
	int   fds[2], i, j, status, seen[PARALLEL * PER_PROCESS + 1];
	int   dup = 0, missing = 0, bad = 0;
	char  line[128];
	FILE *in;
	pid_t pid;

	mc_db_exec(db, stmts[STMT_CLEAN_SEQ], "i", (long long)ag);
	if (pipe(fds) < 0)
		return;
	for (i = 0; i < PARALLEL; i++) {
		if ((pid = fork()) != 0)
			continue;
		struct mc_db	*own = mc_db_open();
		struct mc_arena *oa = mc_arena_new(4096);
		FILE		*out = fdopen(fds[1], "w");

		for (j = 0; own != NULL && j < PER_PROCESS; j++) {
			const char *c;

			c = mc_dossier_next_code(own, oa, ag, "999.99.99.T99",
			    day(2099, 6, 15, 9));
			if (c == NULL)
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

/* An account with one role at an agency (0: a citizen), as a user. */
static struct mc_user *
account(struct mc_db *db, struct mc_arena *a, const char *tag,
    enum mc_role role, unsigned int agency)
{
	return fixture_account(db, a, "sm", "0799", 7, tag, role, agency);
}

/* The same user with more roles at the agency. */
static void
grant(struct mc_db *db, struct mc_arena *a, struct mc_user *u,
    enum mc_role role, unsigned int agency)
{
	struct mc_grant *g = mc_arena_alloc(a, (u->ngrants + 1) * sizeof(*g));

	memcpy(g, u->grants, u->ngrants * sizeof(*g));
	g[u->ngrants].role = role;
	g[u->ngrants].agency_id = agency;
	u->grants = g;
	u->ngrants++;
	u->roles |= 1u << role;
	mc_auth_grant(db, u->id, role, agency);
}

static int status_of(struct mc_db *, struct mc_arena *, const char *);

/* An action with this note and these supplement items (JSON). */
static int
act_items(struct mc_db *db, struct mc_arena *a, struct mc_user *u,
    const char *code, enum mc_action action, const char *note,
    const char *items)
{
	struct mc_action_args args;

	memset(&args, 0, sizeof(args));
	args.note = note;
	args.items_json = items;
	args.method = CHANNEL_COUNTER;
	return mc_dossier_act(db, a, u, code, action, &args, time(NULL));
}

static int
act(struct mc_db *db, struct mc_arena *a, struct mc_user *u, const char *code,
    enum mc_action action, const char *note)
{
	return act_items(db, a, u, code, action, note,
	    "[{\"item\":\"Bản sao giấy khai sinh\",\"reason\":\"Thiếu\"}]");
}

/*
 * A supplement whose file takes the dossier over max_dossier_bytes (set to
 * 1000 for the call): refused, nothing added. The outcome.
 */
static int
supplement_over(struct mc_db *db, struct mc_arena *a, struct mc_user *u,
    const char *code)
{
	struct mc_action_args args;
	struct mc_file	      f;
	int		      rc;

	memset(&f, 0, sizeof(f));
	memset(f.sha256, 'a', 64);
	f.mime = "application/pdf";
	f.size = 1001;
	f.filename = "qua-lon.pdf";
	memset(&args, 0, sizeof(args));
	args.files = &f;
	args.nfiles = 1;
	args.note = "Bổ sung quá lớn";
	CHECK_INT(mc_config_set("max_dossier_bytes", "1000"), 0);
	rc = mc_dossier_act(db, a, u, code, ACTION_SUPPLEMENT, &args,
	    time(NULL));
	CHECK_INT(mc_config_set("max_dossier_bytes", "52428800"), 0);
	return rc;
}

/*
 * Notes and supplement items by the one rule of the web's fields, for the
 * API too (issue 9): no control or bidi characters, the columns' sizes, at
 * most 20 items; refused as bad input (422), never a database error (503).
 */
static void
test_action_texts(struct mc_db *db, struct mc_arena *a, struct mc_user *u,
    const char *code)
{
	struct buf many;
	char	   longnote[2002];
	int	   i;

	CHECK_INT(act(db, a, u, code, ACTION_REFUSE, "chuông\a"),
	    DOSSIER_BAD_INPUT);
	CHECK_INT(act(db, a, u, code, ACTION_REFUSE,
		      "Không \xe2\x80\xae thuộc thẩm quyền"),
	    DOSSIER_BAD_INPUT);
	memset(longnote, 'x', sizeof(longnote) - 1);
	longnote[sizeof(longnote) - 1] = '\0';
	CHECK_INT(act(db, a, u, code, ACTION_REFUSE, longnote),
	    DOSSIER_BAD_INPUT);
	mc_buf_init(&many, 1 << 20);
	mc_buf_addc(&many, '[');
	for (i = 0; i < 200; i++)
		mc_buf_addf(&many, "%s{\"item\":\"Giấy tờ %d %0400d\"}",
		    i ? "," : "", i, 0);
	mc_buf_addc(&many, ']');
	CHECK_INT(
	    act_items(db, a, u, code, ACTION_REQUEST_COMPLETION, NULL, many.s),
	    DOSSIER_BAD_INPUT);
	mc_buf_free(&many);
	CHECK_INT(act_items(db, a, u, code, ACTION_REQUEST_COMPLETION, NULL,
		      "[{\"item\":\"hai\\ndòng\"}]"),
	    DOSSIER_BAD_INPUT);
	CHECK_INT(act_items(db, a, u, code, ACTION_REQUEST_COMPLETION, NULL,
		      "[{\"item\":\"Giấy\",\"reason\":\"\\u202eabc\"}]"),
	    DOSSIER_BAD_INPUT);
	CHECK_INT(act_items(db, a, u, code, ACTION_REQUEST_COMPLETION, NULL,
		      "[{\"reason\":\"không có item\"}]"),
	    DOSSIER_BAD_INPUT);
	CHECK_INT(status_of(db, a, code), STATUS_SUBMITTED);
}

/*
 * An action with one result file (a small PDF) or none; method online.
 * Returns what mc_dossier_act returns (-2 if the file cannot be stored).
 */
static int
act_result(struct mc_db *db, struct mc_arena *a, struct mc_user *u,
    const char *code, enum mc_action action, int with_file)
{
	static const char pdf[] =
	    "%PDF-1.4\n1 0 obj << /Type /Catalog "
	    ">> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
	struct mc_action_args args;
	struct mc_file	      f;
	const char	     *why;

	memset(&args, 0, sizeof(args));
	args.method = CHANNEL_ONLINE;
	if (with_file) {
		if (mc_files_store(a, pdf, sizeof(pdf) - 1, "ket-qua.pdf", &f,
			&why) != 0)
			return -2;
		args.results = &f;
		args.nresults = 1;
	}
	return mc_dossier_act(db, a, u, code, action, &args, time(NULL));
}

static int
status_of(struct mc_db *db, struct mc_arena *a, const char *code)
{
	struct mc_rows st;

	if (mc_db_query(db, a, &st, stmts[STMT_DOSSIER_STATUS], "s", code) <
		0 ||
	    st.n != 1)
		return -1;
	return (int)mc_rows_int(&st, 0, 0);
}

static const char *
file_one(struct mc_db *db, struct mc_arena *a, const char *procedure,
    const struct mc_user *citizen)
{
	struct mc_submission s;
	const char	    *code = NULL;

	memset(&s, 0, sizeof(s));
	s.procedure_code = procedure;
	s.account_id = citizen->id;
	s.name = "Trần Thị Bình";
	s.id_number = citizen->id_number;
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	if (mc_dossier_submit(db, a, &s, time(NULL), &code) != 0)
		return NULL;
	return code;
}

/* The statuses each action applies to (DOMAIN.md), independent of lib. */
/* clang-format off */
static const unsigned int expected_from[ACTION__MAX] = {
#define B(x) (1u << (x))
	[ACTION_ACCEPT] = B(1),
	[ACTION_REQUEST_COMPLETION] = B(1),
	[ACTION_REFUSE] = B(1),
	[ACTION_FORWARD] = B(2) | B(4),
	[ACTION_SEND_BACK] = B(4),
	[ACTION_CLAIM] = B(2) | B(4) | B(6) | B(9),
	[ACTION_ASSIGN] = B(2) | B(4) | B(6) | B(9),
	[ACTION_REQUEST_SUPPLEMENT] = B(4),
	[ACTION_SUPPLEMENT] = B(5),
	[ACTION_REQUEST_PAYMENT] = B(4),
	[ACTION_CONFIRM_PAYMENT] = B(6),
	[ACTION_APPROVE] = B(4),
	[ACTION_SIGN] = B(4) | B(9),
	[ACTION_DECIDE] = B(4),
	[ACTION_RETURN] = B(9),
	[ACTION_WITHDRAW] = B(1) | B(2) | B(4) | B(5) | B(6),
	[ACTION_STOP] = B(2) | B(4) | B(5) | B(6),
	[ACTION_APOLOGY] = B(2) | B(4) | B(5) | B(6),
	[ACTION_REMIND] = B(2) | B(4) | B(6) | B(9),
	[ACTION_NOTE] = 0x7fe,
#undef B
};
/* clang-format on */

static void
test_machine(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows	proc;
	struct mc_user *citizen, *other, *receiver, *specialist;
	struct mc_user *leader, *stranger, *all;
	const char     *code, *c2;
	unsigned int	ag;
	int		st, i, bad;

	if (mc_db_query(db, a, &proc, stmts[STMT_PROCEDURE], "") < 0 ||
	    proc.n != 1) {
		CHECK(!"no procedure with an agency in the catalogue");
		return;
	}
	ag = (unsigned int)mc_rows_int(&proc, 0, 1);
	citizen = account(db, a, "citizen", ROLE_CITIZEN, 0);
	other = account(db, a, "other", ROLE_CITIZEN, 0);
	receiver = account(db, a, "receiver", ROLE_RECEIVER, ag);
	specialist = account(db, a, "specialist", ROLE_SPECIALIST, ag);
	leader = account(db, a, "leader", ROLE_LEADER, ag);
	stranger = account(db, a, "stranger", ROLE_RECEIVER, ag + 1);
	all = account(db, a, "all", ROLE_RECEIVER, ag);
	if (citizen == NULL || other == NULL || receiver == NULL ||
	    specialist == NULL || leader == NULL || stranger == NULL ||
	    all == NULL) {
		CHECK(!"test accounts");
		return;
	}
	grant(db, a, all, ROLE_SPECIALIST, ag);
	grant(db, a, all, ROLE_LEADER, ag);

	/* A whole life: receipt, processing with a supplement, decision. */
	code = file_one(db, a, mc_rows_str(&proc, 0, 0), citizen);
	CHECK(code != NULL);
	if (code == NULL)
		return;
	CHECK_INT(act(db, a, stranger, code, ACTION_ACCEPT, NULL),
	    DOSSIER_FORBIDDEN);
	CHECK_INT(act(db, a, citizen, code, ACTION_ACCEPT, NULL),
	    DOSSIER_FORBIDDEN);
	CHECK_INT(act(db, a, specialist, code, ACTION_ACCEPT, NULL),
	    DOSSIER_FORBIDDEN);
	CHECK_INT(act(db, a, receiver, code, ACTION_ACCEPT, NULL), 0);
	CHECK_INT(status_of(db, a, code), STATUS_ACCEPTED);
	CHECK_INT(act(db, a, specialist, code, ACTION_FORWARD, NULL),
	    DOSSIER_FORBIDDEN); /* step 1 is the receiver's */
	CHECK_INT(act(db, a, receiver, code, ACTION_FORWARD, NULL), 0);
	CHECK_INT(status_of(db, a, code), STATUS_PROCESSING);
	CHECK_INT(act(db, a, receiver, code, ACTION_REQUEST_SUPPLEMENT, NULL),
	    DOSSIER_FORBIDDEN); /* step 2 is the specialist's */
	CHECK_INT(
	    act(db, a, specialist, code, ACTION_REQUEST_SUPPLEMENT, NULL), 0);
	CHECK_INT(status_of(db, a, code), STATUS_SUPPLEMENT);
	CHECK_INT(act(db, a, other, code, ACTION_SUPPLEMENT, "đây"),
	    DOSSIER_FORBIDDEN);
	CHECK_INT(act(db, a, citizen, code, ACTION_SUPPLEMENT, NULL),
	    DOSSIER_BAD_INPUT); /* nothing supplied */
	CHECK_INT(supplement_over(db, a, citizen, code), DOSSIER_TOO_LARGE);
	CHECK_INT(status_of(db, a, code), STATUS_SUPPLEMENT);
	CHECK_INT(
	    act(db, a, citizen, code, ACTION_SUPPLEMENT, "Đã bổ sung bản sao"),
	    0);
	CHECK_INT(status_of(db, a, code), STATUS_PROCESSING);
	CHECK_INT(act(db, a, specialist, code, ACTION_SEND_BACK, NULL),
	    DOSSIER_BAD_INPUT); /* a reason is required */
	CHECK_INT(act(db, a, specialist, code, ACTION_FORWARD, NULL), 0);
	CHECK_INT(act(db, a, specialist, code, ACTION_APPROVE, NULL),
	    DOSSIER_FORBIDDEN);
	CHECK_INT(act(db, a, leader, code, ACTION_SEND_BACK,
		      "Cần thẩm định "
		      "lại"),
	    0);
	CHECK_INT(act(db, a, specialist, code, ACTION_FORWARD, NULL), 0);
	CHECK_INT(act(db, a, leader, code, ACTION_SIGN, NULL), 0);
	CHECK_INT(act(db, a, leader, code, ACTION_APPROVE, NULL), 0);
	CHECK_INT(status_of(db, a, code), STATUS_DECIDED);
	CHECK_INT(act(db, a, specialist, code, ACTION_RETURN, NULL),
	    DOSSIER_FORBIDDEN);
	/* Online, the result must come with it (issue 7). */
	CHECK_INT(act_result(db, a, receiver, code, ACTION_RETURN, 0),
	    DOSSIER_NO_RESULT);
	CHECK_INT(act_result(db, a, receiver, code, ACTION_CLAIM, 1),
	    DOSSIER_BAD_INPUT); /* a claim carries no result */
	CHECK_INT(status_of(db, a, code), STATUS_DECIDED);
	CHECK_INT(act_result(db, a, receiver, code, ACTION_RETURN, 1), 0);
	CHECK_INT(status_of(db, a, code), STATUS_RETURNED);
	{
		struct mc_dossier d;

		CHECK_INT(mc_dossier_load(db, a, code, &d), 1);
		CHECK_INT((int)d.results.n, 1);
		CHECK_INT(mc_dossier_results_visible(db, a, citizen, &d), 1);
		CHECK_INT(mc_dossier_results_visible(db, a, other, &d), 0);
	}
	CHECK_INT(act(db, a, citizen, code, ACTION_WITHDRAW, NULL),
	    DOSSIER_NOT_ALLOWED);

	/* Refusal at receipt, and completion asked at receipt. */
	c2 = file_one(db, a, mc_rows_str(&proc, 0, 0), citizen);
	CHECK_INT(act(db, a, receiver, c2, ACTION_REFUSE, NULL),
	    DOSSIER_BAD_INPUT);
	CHECK_INT(act(db, a, receiver, c2, ACTION_REFUSE,
		      "Không thuộc "
		      "thẩm quyền"),
	    0);
	CHECK_INT(status_of(db, a, c2), STATUS_REFUSED);
	c2 = file_one(db, a, mc_rows_str(&proc, 0, 0), citizen);
	test_action_texts(db, a, receiver, c2);
	CHECK_INT(act(db, a, receiver, c2, ACTION_REQUEST_COMPLETION, NULL),
	    0);
	CHECK_INT(status_of(db, a, c2), STATUS_SUPPLEMENT);
	CHECK_INT(act(db, a, citizen, c2, ACTION_SUPPLEMENT, "Bổ sung"), 0);
	CHECK_INT(status_of(db, a, c2), STATUS_SUBMITTED);
	CHECK_INT(act(db, a, citizen, c2, ACTION_WITHDRAW, NULL), 0);
	CHECK_INT(status_of(db, a, c2), STATUS_WITHDRAWN);

	/* Every action in every status it does not apply to is refused. */
	c2 = file_one(db, a, mc_rows_str(&proc, 0, 0), citizen);
	CHECK_INT(act(db, a, all, c2, ACTION_ACCEPT, NULL), 0);
	for (st = 1, bad = 0; st <= 10; st++) {
		mc_db_exec(db, stmts[STMT_SET_STATUS], "is", (long long)st,
		    c2);
		for (i = 0; i < ACTION__MAX; i++) {
			if (expected_from[i] & (1u << st))
				continue;
			if (act(db, a, all, c2, (enum mc_action)i, "x") !=
			    DOSSIER_NOT_ALLOWED) {
				fprintf(stderr, "%s allowed in status %d\n",
				    mc_dossier_action_name((enum mc_action)i),
				    st);
				bad++;
			}
		}
	}
	CHECK_INT(bad, 0);
}

/* Statements run on this connection since the last call. */
static long long
executed(struct mc_db *db, struct mc_arena *a)
{
	static long long last;
	struct mc_rows	 rows;
	long long	 n, d;

	if (mc_db_query(db, a, &rows, stmts[STMT_EXECUTED], "") < 0 ||
	    rows.n != 1)
		return -1;
	n = mc_rows_int(&rows, 0, 0);
	d = n - last - 1; /* not this query */
	last = n;
	return d;
}

/*
 * A block of the code or of the address (a row as five wrong ID numbers
 * leave it, blocked for ten minutes) refuses the right ID number in both
 * the first lookup and the check of one asked again, with the wait; the
 * row is removed after. The address is this run's own.
 */
static void
test_lookup_blocked(struct mc_db *db, struct mc_arena *a, const char *code,
    enum mc_throttle_kind kind)
{
	struct mc_dossier d;
	unsigned char	  h[32];
	char		  addr[64], start[20], until[20];
	long long	  version = -1;
	long		  wait = -1;
	time_t		  now = time(NULL);

	snprintf(addr, sizeof(addr), "2001:db8::%x", (unsigned int)getpid());
	mc_throttle_subject(kind, kind == THROTTLE_LOOKUP ? code : addr, h);
	mc_time_sql(start, now);
	mc_time_sql(until, now + 600);
	CHECK_INT(mc_db_exec(db,
		      "INSERT INTO throttle (kind, subject, failures, "
		      "window_start, blocked_until) VALUES (?, ?, 5, ?, ?)",
		      "sbss", mc_throttle_kind_name(kind), (char *)h,
		      sizeof(h), start, until),
	    1);
	CHECK_INT(mc_dossier_lookup(db, a, code, "079190000001", addr, now,
		      &wait, &d),
	    0);
	CHECK(wait > 590 && wait <= 600 && d.steps.n == 0);
	wait = -1;
	CHECK_INT(mc_dossier_lookup_check(db, a, code, "079190000001", addr,
		      now, &wait, &version),
	    0);
	CHECK(wait > 590 && wait <= 600 && version == 0);
	CHECK_INT(mc_db_exec(db,
		      "DELETE FROM throttle WHERE kind = ? AND subject = ?",
		      "sb", mc_throttle_kind_name(kind), (char *)h, sizeof(h)),
	    1);
	CHECK_INT(mc_dossier_lookup_check(db, a, code, "079190000001", addr,
		      now, &wait, &version),
	    1);
	CHECK(wait == 0 && version > 0);
}

/*
 * The public lookup (issue 12): three queries, what the public sees only
 * (no applicant's name, notes, actors, files or supplements); a wrong ID
 * number one query and nothing of the dossier; an unknown code none. The
 * check of a lookup asked again: one query, the dossier's version.
 */
static void
test_lookup(struct mc_db *db, struct mc_arena *a, const char *code)
{
	struct mc_dossier d;
	long long	  version = -1;
	long		  wait = -1;
	size_t		  i;

	executed(db, a);
	CHECK_INT(mc_dossier_lookup(db, a, code, "079190000001", "192.0.2.7",
		      time(NULL), &wait, &d),
	    1);
	CHECK_INT(executed(db, a), 3);
	CHECK_INT(wait, 0);
	CHECK_STR(d.code, code);
	CHECK_INT(d.status, STATUS_ACCEPTED);
	CHECK(d.name == NULL && d.phone == NULL && d.form_json == NULL);
	CHECK(d.steps.n >= 1 && d.events.n == 2);
	for (i = 0; i < d.events.n; i++)
		CHECK(mc_rows_str(&d.events, i, DEV_NOTE) == NULL &&
		    mc_rows_str(&d.events, i, DEV_ACTOR) == NULL);
	CHECK(d.files.n == 0 && d.supplements.n == 0 && d.results.n == 0);
	CHECK_INT(mc_dossier_lookup(db, a, code, "079190000009", "192.0.2.7",
		      time(NULL), &wait, &d),
	    0);
	CHECK_INT(executed(db, a), 1);
	CHECK(d.steps.n == 0 && d.events.n == 0);
	CHECK_INT(mc_dossier_lookup(db, a, "NO-SUCH-CODE", "079190000001",
		      "192.0.2.7", time(NULL), &wait, &d),
	    0);
	CHECK_INT(wait, 0);

	/* Asked again: the same checks and the version, in one query. */
	CHECK_INT(mc_dossier_lookup(db, a, code, "079190000001", "192.0.2.7",
		      time(NULL), &wait, &d),
	    1);
	executed(db, a);
	CHECK_INT(mc_dossier_lookup_check(db, a, code, "079190000001",
		      "192.0.2.7", time(NULL), &wait, &version),
	    1);
	CHECK_INT(executed(db, a), 1);
	CHECK_INT(wait, 0);
	CHECK(version == d.version && version > 0);
	CHECK_INT(mc_dossier_lookup_check(db, a, code, "079190000009",
		      "192.0.2.7", time(NULL), &wait, &version),
	    0);
	CHECK(version == 0 && wait == 0);
	CHECK_INT(mc_dossier_lookup_check(db, a, "NO-SUCH-CODE",
		      "079190000001", "192.0.2.7", time(NULL), &wait,
		      &version),
	    0);
	CHECK_INT(wait, 0);
	test_lookup_blocked(db, a, code, THROTTLE_LOOKUP);
	test_lookup_blocked(db, a, code, THROTTLE_LOOKUP_ADDR);
}

/*
 * Whether the applicant is an organisation (the receipt's and the dossier
 * page's label, issue 9): a person's 12-digit ID number is not; a tax code
 * (10 digits, or with a branch) is, with or without an account.
 */
static void
test_applicant_org(struct mc_db *db, struct mc_arena *a,
    const struct mc_submission *person, const char *code)
{
	static const char *const taxes[] = { "0314409058", "0314409058-002" };
	struct mc_submission	 s = *person;
	struct mc_dossier	 d;
	const char		*c = NULL;
	size_t			 i;

	CHECK_INT(mc_dossier_load(db, a, code, &d), 1);
	CHECK_INT(d.applicant_org, 0);
	for (i = 0; i < 2; i++) {
		s.name = "Công ty TNHH Thử";
		s.id_number = taxes[i];
		c = NULL;
		CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &c), 0);
		if (c == NULL)
			continue;
		CHECK_INT(mc_dossier_load(db, a, c, &d), 1);
		CHECK_INT(d.applicant_org, 1);
	}
}

static void
test_accept(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows	      proc, st;
	struct mc_submission  s;
	struct mc_user	     *officer, *other, *citizen;
	struct mc_action_args args;
	const char	     *code = NULL;
	unsigned int	      ag;

	if (mc_db_query(db, a, &proc, stmts[STMT_PROCEDURE], "") < 0 ||
	    proc.n != 1) {
		CHECK(!"no procedure with an agency in the catalogue");
		return;
	}
	ag = (unsigned int)mc_rows_int(&proc, 0, 1);
	memset(&s, 0, sizeof(s));
	s.procedure_code = mc_rows_str(&proc, 0, 0);
	s.name = "Trần Thị Bình";
	s.id_number = "079190000001";
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code), 0);
	if (code == NULL)
		return;
	test_applicant_org(db, a, &s, code);
	officer = account(db, a, "acc-officer", ROLE_RECEIVER, ag);
	other = account(db, a, "acc-other", ROLE_RECEIVER, ag + 1);
	citizen = account(db, a, "acc-citizen", ROLE_CITIZEN, 0);
	if (officer == NULL || other == NULL || citizen == NULL) {
		CHECK(!"test accounts");
		return;
	}
	memset(&args, 0, sizeof(args));
	CHECK_INT(mc_dossier_act(db, a, citizen, code, ACTION_ACCEPT, &args,
		      time(NULL)),
	    DOSSIER_FORBIDDEN);
	CHECK_INT(mc_dossier_act(db, a, other, code, ACTION_ACCEPT, &args,
		      time(NULL)),
	    DOSSIER_FORBIDDEN);
	args.expected_version = 7;
	CHECK_INT(mc_dossier_act(db, a, officer, code, ACTION_ACCEPT, &args,
		      time(NULL)),
	    DOSSIER_CONFLICT);
	args.expected_version = 1;
	args.note = "ok";
	CHECK_INT(mc_dossier_act(db, a, officer, code, ACTION_ACCEPT, &args,
		      time(NULL)),
	    0);
	args.expected_version = 0;
	CHECK_INT(mc_dossier_act(db, a, officer, code, ACTION_ACCEPT, &args,
		      time(NULL)),
	    DOSSIER_NOT_ALLOWED);
	CHECK_INT(mc_dossier_act(db, a, officer, "NO-SUCH-CODE", ACTION_ACCEPT,
		      &args, time(NULL)),
	    DOSSIER_NOT_FOUND);
	CHECK_INT(
	    mc_db_query(db, a, &st, stmts[STMT_DOSSIER_STATUS], "s", code), 0);
	CHECK_INT(mc_rows_int(&st, 0, 0), STATUS_ACCEPTED);
	CHECK_INT(mc_rows_int(&st, 0, 1), 2);
	CHECK_INT(mc_rows_int(&st, 0, 2), 1); /* a due date */
	test_lookup(db, a, code);
	/* An agency that is not competent for the procedure is refused. */
	s.agency_code = "999.99.99.T99";
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code),
	    DOSSIER_NO_AGENCY);
	s.agency_code = NULL;
	s.procedure_code = "0.000000";
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code),
	    DOSSIER_NO_PROCEDURE);
}

/*
 * Submission keys (issue 15): the same key files one dossier, another
 * submission with it is refused, another account's key is its own, and a
 * key past MC_DOSSIER_KEY_DAYS is forgotten by the worker's sweep.
 */
static void
test_keys(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows	     proc;
	struct mc_submission s;
	struct mc_user	    *c1, *c2;
	const char	    *first = NULL, *code = NULL;
	char		     key[65];
	unsigned char	     rnd[32];

	if (mc_db_query(db, a, &proc, stmts[STMT_PROCEDURE], "") < 0 ||
	    proc.n != 1 ||
	    (c1 = account(db, a, "key-citizen1", ROLE_CITIZEN, 0)) == NULL ||
	    (c2 = account(db, a, "key-citizen2", ROLE_CITIZEN, 0)) == NULL) {
		CHECK(!"a procedure and two citizens");
		return;
	}
	mc_random(rnd, sizeof(rnd));
	mc_hex(key, rnd, 32); /* a key's hash: any 64 hex digits */
	memset(&s, 0, sizeof(s));
	s.procedure_code = mc_rows_str(&proc, 0, 0);
	s.account_id = c1->id;
	s.name = "Trần Thị Khóa";
	s.id_number = "079190000002";
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	s.key_hash = key;
	s.key_fingerprint = "fp-one";
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &first), 0);
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code),
	    DOSSIER_REPLAYED);
	CHECK(first != NULL && code != NULL && strcmp(first, code) == 0);
	s.key_fingerprint = "fp-two";
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code),
	    DOSSIER_KEY_REUSED);
	s.account_id = c2->id;
	code = NULL;
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code), 0);
	CHECK(code != NULL && strcmp(code, first) != 0);
	/* Past its days the sweep forgets it; then the key files anew. */
	s.account_id = c1->id;
	s.key_fingerprint = "fp-one";
	mc_db_exec(db, stmts[STMT_KEY_AGE], "iis",
	    (long long)MC_DOSSIER_KEY_DAYS - 1, c1->id, key);
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code),
	    DOSSIER_REPLAYED);
	/*
	 * Swept a day and an hour from now, when it is past its days: the
	 * instance's running worker sweeps at the real time every minute,
	 * and a key aged past its days now could be its to forget between
	 * the ageing and our sweep (ours then forgot none).
	 */
	CHECK(
	    mc_dossier_keys_sweep(db, time(NULL) + 86400 + 3600, 100000) >= 1);
	code = NULL;
	CHECK_INT(mc_dossier_submit(db, a, &s, time(NULL), &code), 0);
	CHECK(code != NULL && strcmp(code, first) != 0);
}

/*
 * An after-hours acceptance (Tuesday 18:00, forwarded at 18:05): the
 * clock starts at the next opening (Wednesday 07:30), but the hand-over
 * of step 1 is recorded when it happened, so form 05's "given" (step
 * start) is never after its "taken" (step finish).
 */
static void
test_after_hours(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows	      proc, st;
	struct mc_submission  s;
	struct mc_user	     *officer;
	struct mc_action_args args;
	const char	     *code = NULL;
	time_t		      at = day(2026, 3, 10, 18);

	if (mc_db_query(db, a, &proc, stmts[STMT_PROCEDURE], "") < 0 ||
	    proc.n != 1) {
		CHECK(!"no procedure with an agency in the catalogue");
		return;
	}
	memset(&s, 0, sizeof(s));
	s.procedure_code = mc_rows_str(&proc, 0, 0);
	s.name = "Trần Thị Bình";
	s.id_number = "079190000002";
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	CHECK_INT(mc_dossier_submit(db, a, &s, at - 3600, &code), 0);
	officer = account(db, a, "ah-officer", ROLE_RECEIVER,
	    (unsigned int)mc_rows_int(&proc, 0, 1));
	if (code == NULL || officer == NULL) {
		CHECK(!"dossier and officer");
		return;
	}
	memset(&args, 0, sizeof(args));
	CHECK_INT(
	    mc_dossier_act(db, a, officer, code, ACTION_ACCEPT, &args, at), 0);
	CHECK_INT(mc_dossier_act(db, a, officer, code, ACTION_FORWARD, &args,
		      at + 300),
	    0);
	if (mc_db_query(db, a, &st, stmts[STMT_STEP1], "s", code) < 0 ||
	    st.n != 1) {
		CHECK(!"step 1 of the dossier");
		return;
	}
	CHECK_INT(mc_rows_int(&st, 0, 0), at);	     /* given: 18:00 */
	CHECK_INT(mc_rows_int(&st, 0, 1), at + 300); /* taken: 18:05 */
	CHECK(mc_rows_int(&st, 0, 0) <= mc_rows_int(&st, 0, 1));
	CHECK_INT(mc_rows_int(&st, 0, 4), at); /* received */
	CHECK_INT(mc_rows_int(&st, 0, 3), day(2026, 3, 11, 7) + 1800);
	CHECK(mc_rows_int(&st, 0, 2) > day(2026, 3, 11, 7) + 1800);
}

/*
 * One colour rule: the SQL conditions (counts, the leader's lists, the
 * reminders) agree row by row with mc_dossier_colour, and the agency's
 * counts with the rows; dossiers set red, yellow, green and paused.
 */
static void
test_colours(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows proc, rows;
	long long      counts[COLOUR__MAX], want[COLOUR__MAX];
	unsigned int   agency;
	time_t	       now = time(NULL);
	const char    *code;
	int	       c, status;
	size_t	       i;
	char	       t[20];
	struct mc_rows id;
	/* status, due and warning from now (minutes) */
	static const int set[][3] = { { 4, -60, -120 }, { 4, 60, -30 },
		{ 2, 600, 300 }, { 5, -60, -120 }, { 9, 30, -10 } };

	if (mc_db_query(db, a, &proc, stmts[STMT_PROCEDURE], "") < 0 ||
	    proc.n != 1) {
		CHECK(!"a procedure");
		return;
	}
	agency = (unsigned int)mc_rows_int(&proc, 0, 1);
	mc_time_sql(t, now);
	if (mc_db_query(db, a, &rows, stmts[STMT_COLOUR_ROWS], "sssi", t, t, t,
		(long long)agency) < 0) {
		CHECK(!"rows");
		return;
	}
	for (i = 0; i < rows.n && i < sizeof(set) / sizeof(set[0]); i++) {
		CHECK(
		    mc_db_exec(db, stmts[STMT_COLOUR_SET], "iIIs",
			(long long)set[i][0], (long long)now + set[i][1] * 60,
			(long long)now + set[i][2] * 60,
			mc_rows_str(&rows, i, 0)) == 1);
	}
	CHECK(rows.n >= 5);
	/*
	 * From here to the counts in one transaction holding the agency's
	 * dossiers: the counts are the live counters, which the instance's
	 * running worker moves when the clock turns a dossier's colour. Over
	 * the agency's hundreds of rows (every suite's dossiers) a warning or
	 * due time of another dossier could pass after now, the worker move
	 * it, and the counts be of a later moment than what is wanted at
	 * now. Locked, the worker's move waits for the commit.
	 */
	CHECK_INT(mc_db_begin(db), 0);
	CHECK(mc_db_query(db, a, &id, stmts[STMT_AGENCY_LOCK], "i",
		  (long long)agency) == 0);
	if (mc_db_query(db, a, &rows, stmts[STMT_COLOUR_ROWS], "sssi", t, t, t,
		(long long)agency) < 0) {
		CHECK(!"rows");
		mc_db_rollback(db);
		return;
	}
	memset(want, 0, sizeof(want));
	for (i = 0; i < rows.n; i++) {
		code = mc_rows_str(&rows, i, 0);
		/* Written outside the domain (here and by the tests before):
		 * moved in the counters the counts read, as a transition or
		 * the worker does (mc_counters). */
		CHECK(mc_db_query(db, a, &id, stmts[STMT_ID_OF], "s", code) ==
			0 &&
		    id.n == 1);
		CHECK(
		    mc_counters_move(db, a, mc_rows_int(&id, 0, 0), now) == 0);
		status = (int)mc_rows_int(&rows, i, 1);
		c = status == 2 || status == 4 || status == 6 || status == 9 ?
		    mc_dossier_colour(mc_rows_str(&rows, i, 2),
			mc_rows_str(&rows, i, 3), now) :
		    COLOUR_NONE;
		if (c != COLOUR_NONE)
			want[c]++;
		if ((c == COLOUR_RED) != (mc_rows_int(&rows, i, 4) == 1) ||
		    (c == COLOUR_YELLOW) != (mc_rows_int(&rows, i, 5) == 1)) {
			fprintf(stderr,
			    "%s: colour %d, SQL red %s yellow %s\n", code, c,
			    mc_rows_str(&rows, i, 4),
			    mc_rows_str(&rows, i, 5));
			CHECK(!"SQL colour as mc_dossier_colour");
		} else
			CHECK(1);
	}
	CHECK(want[COLOUR_RED] >= 1 && want[COLOUR_YELLOW] >= 2 &&
	    want[COLOUR_GREEN] >= 1);
	CHECK_INT(mc_dossier_colour_counts(db, a, agency, now, counts), 0);
	CHECK_INT(mc_db_commit(db), 0);
	CHECK_INT(counts[COLOUR_RED], want[COLOUR_RED]);
	CHECK_INT(counts[COLOUR_YELLOW], want[COLOUR_YELLOW]);
	CHECK_INT(counts[COLOUR_GREEN], want[COLOUR_GREEN]);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;
	unsigned int	 ag;

	if (!NEED_DB("test_dossier"))
		return DONE();
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
	test_keys(db, a);
	test_machine(db, a);
	test_after_hours(db, a);
	test_colours(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
