/*
 * Who may see and do what, as a table: every role (receiver, specialist,
 * leader, administrator) at the dossier's own agency, at a sibling agency
 * and at the parent agency, the applicant and another citizen, against
 * every national status 1-10: mc_dossier_visible and mc_dossier_allowed
 * compared with the rules of DOMAIN.md written out here, independently of
 * lib. Against the real database of a test instance (MOTCUA_CONFIG);
 * without it it fails.
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
#include "mc_calendar.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"

enum stmt {
	STMT_PROCEDURE,
	STMT_SIBLING,
	STMT_SET_STATUS,
	STMT_LATER,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_PROCEDURE] = "SELECT p.code, p.agency_id, a.parent_id "
	    "FROM procedures p JOIN agencies a ON a.id = p.agency_id "
	    "WHERE p.level_province = 1 AND p.online = 1 AND "
	    "p.time_hours IS NOT NULL AND a.parent_id IS NOT NULL "
	    "ORDER BY p.code LIMIT 1",
	[STMT_SIBLING] = "SELECT id FROM agencies WHERE parent_id = ? AND "
	    "id <> ? ORDER BY id LIMIT 1",
	[STMT_SET_STATUS] = "UPDATE dossiers SET status = ? WHERE code = ?",
	/* The apology needs a whole working day left: ten more days. */
	[STMT_LATER] = "UPDATE dossiers SET due_at = due_at + INTERVAL 10 DAY "
	    "WHERE code = ? AND due_at IS NOT NULL",
};
/* clang-format on */

enum scope { OWN, SIBLING, PARENT, NOSCOPE };

/* One person of the table. */
struct person {
	const char     *tag;
	enum mc_role	role;
	enum scope	scope;
	int		applicant;
	struct mc_user *u;
};

/* clang-format off */
static struct person people[] = {
	{ "applicant", ROLE_CITIZEN, NOSCOPE, 1, NULL },
	{ "citizen", ROLE_CITIZEN, NOSCOPE, 0, NULL },
	{ "receiver", ROLE_RECEIVER, OWN, 0, NULL },
	{ "specialist", ROLE_SPECIALIST, OWN, 0, NULL },
	{ "leader", ROLE_LEADER, OWN, 0, NULL },
	{ "admin", ROLE_ADMIN, OWN, 0, NULL },
	{ "sib-receiver", ROLE_RECEIVER, SIBLING, 0, NULL },
	{ "sib-specialist", ROLE_SPECIALIST, SIBLING, 0, NULL },
	{ "sib-leader", ROLE_LEADER, SIBLING, 0, NULL },
	{ "sib-admin", ROLE_ADMIN, SIBLING, 0, NULL },
	{ "par-receiver", ROLE_RECEIVER, PARENT, 0, NULL },
	{ "par-specialist", ROLE_SPECIALIST, PARENT, 0, NULL },
	{ "par-leader", ROLE_LEADER, PARENT, 0, NULL },
	{ "par-admin", ROLE_ADMIN, PARENT, 0, NULL },
};
/* clang-format on */
#define NPEOPLE (sizeof(people) / sizeof(people[0]))

#define B(x) (1u << (x))
#define R(x) (1u << (x)) /* a role bit */

/* The statuses each action applies to (DOMAIN.md). */
/* clang-format off */
static const unsigned int from[ACTION__MAX] = {
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
};
/* clang-format on */

/*
 * The roles at the dossier's own agency that may take each action ('who'
 * of DOMAIN.md): the receiving desk is its receivers and leaders, a step
 * is its role's (STEPROLE: the current step's role) and the leaders', any
 * officer may note. Officers of other agencies, even the parent's, take
 * no action.
 */
#define STEPROLE (1u << 31)
static enum mc_role step_role; /* the current step's role */

/* clang-format off */
static const unsigned int roles_for[ACTION__MAX] = {
	[ACTION_ACCEPT] = R(ROLE_RECEIVER) | R(ROLE_LEADER),
	[ACTION_REQUEST_COMPLETION] = R(ROLE_RECEIVER) | R(ROLE_LEADER),
	[ACTION_REFUSE] = R(ROLE_RECEIVER) | R(ROLE_LEADER),
	[ACTION_FORWARD] = STEPROLE | R(ROLE_LEADER),
	[ACTION_SEND_BACK] = STEPROLE | R(ROLE_LEADER),
	[ACTION_CLAIM] = STEPROLE | R(ROLE_LEADER),
	[ACTION_ASSIGN] = R(ROLE_LEADER),
	[ACTION_REQUEST_SUPPLEMENT] = STEPROLE | R(ROLE_LEADER),
	[ACTION_SUPPLEMENT] = R(ROLE_RECEIVER) | R(ROLE_LEADER),
	[ACTION_REQUEST_PAYMENT] = STEPROLE | R(ROLE_LEADER),
	[ACTION_CONFIRM_PAYMENT] = R(ROLE_RECEIVER) | STEPROLE |
	    R(ROLE_LEADER),
	[ACTION_APPROVE] = R(ROLE_LEADER),
	[ACTION_SIGN] = R(ROLE_LEADER),
	[ACTION_DECIDE] = R(ROLE_LEADER),
	[ACTION_RETURN] = R(ROLE_RECEIVER) | R(ROLE_LEADER),
	[ACTION_WITHDRAW] = R(ROLE_RECEIVER) | R(ROLE_LEADER),
	[ACTION_STOP] = R(ROLE_LEADER),
	[ACTION_APOLOGY] = R(ROLE_LEADER),
	[ACTION_REMIND] = R(ROLE_LEADER),
	[ACTION_NOTE] = R(ROLE_RECEIVER) | R(ROLE_SPECIALIST) |
	    R(ROLE_LEADER) | R(ROLE_ADMIN),
};
/* clang-format on */

/* What the applicant's own account may do. */
static const unsigned int applicant_may = B(ACTION_SUPPLEMENT) |
    B(ACTION_WITHDRAW);

/* Actions that the dossier's state may also rule out. */
static const unsigned int state_bound = B(ACTION_FORWARD) |
    B(ACTION_SEND_BACK) | B(ACTION_APPROVE) | B(ACTION_APOLOGY) |
    B(ACTION_REMIND);

/*
 * What the dossier's state rules out, as DOMAIN.md says it: forwarding
 * and approving at the last step, sending back at the first, approving
 * but at a leader's step, an apology once and not within a working day
 * (480 minutes) of the due date, a reminder when nobody holds it.
 */
static unsigned int
state_rules_out(const struct mc_dossier *d, time_t now)
{
	unsigned int out = 0;
	size_t	     last = d->steps.n, i;
	const char  *role = NULL;
	struct tm    tm;
	time_t	     due = 0;

	for (i = 0; i < d->steps.n; i++)
		if (mc_rows_int(&d->steps, i, DSTEP_SEQ) == d->step)
			role = mc_rows_str(&d->steps, i, DSTEP_ROLE);
	if ((size_t)d->step >= last)
		out |= B(ACTION_FORWARD) | B(ACTION_APPROVE);
	if (d->step <= 1)
		out |= B(ACTION_SEND_BACK);
	if (role == NULL || strcmp(role, "leader") != 0)
		out |= B(ACTION_APPROVE);
	memset(&tm, 0, sizeof(tm));
	if (d->due_at != NULL &&
	    strptime(d->due_at, "%Y-%m-%d %H:%M:%S", &tm) != NULL) {
		tm.tm_isdst = -1;
		due = mktime(&tm);
	}
	if (d->original_due_at != NULL || due == 0 ||
	    mc_calendar_work_minutes(now, due) < 480)
		out |= B(ACTION_APOLOGY);
	if (d->holder_id == 0)
		out |= B(ACTION_REMIND);
	return out;
}

static int
expect_visible(const struct person *p)
{
	if (p->applicant)
		return 1;
	return p->role != ROLE_CITIZEN &&
	    (p->scope == OWN || p->scope == PARENT);
}

static unsigned int
expect_allowed(const struct person *p, const struct mc_dossier *d, time_t now)
{
	int	     status = d->status;
	unsigned int bits = 0, roles;
	int	     i;

	for (i = 0; i < ACTION__MAX; i++) {
		if (!(from[i] & B(status)))
			continue;
		roles = roles_for[i];
		if (roles & STEPROLE)
			roles |= R(step_role);
		if (p->applicant && (applicant_may & B(i)))
			bits |= B(i);
		if (p->scope == OWN && (roles & R(p->role)))
			bits |= B(i);
	}
	return bits & ~state_rules_out(d, now);
}

/* An account with one role at an agency (0: a citizen), as a user. */
static struct mc_user *
account(struct mc_db *db, struct mc_arena *a, const char *tag,
    enum mc_role role, unsigned int agency)
{
	return fixture_account(db, a, "acc", "0788", 13, tag, role, agency);
}

/* Checks every person against the table at the dossier's status now. */
static void
check_all(struct mc_db *db, struct mc_arena *a, const char *code, int status)
{
	struct mc_dossier     d;
	struct mc_action_args args;
	unsigned int	      got, want;
	size_t		      i;
	int		      vis, act, rc;
	time_t		      now = time(NULL);

	if (mc_dossier_load(db, a, code, &d) != 1) {
		CHECK(!"dossier loads");
		return;
	}
	CHECK_INT(d.status, status);
	for (i = 0; i < NPEOPLE; i++) {
		vis = mc_dossier_visible(db, a, people[i].u, &d);
		if (vis != expect_visible(&people[i])) {
			fprintf(stderr,
			    "status %d, %s: visible %d, wanted %d\n", status,
			    people[i].tag, vis, expect_visible(&people[i]));
			CHECK(!"visible as the table says");
		} else
			CHECK(1);
		if (mc_dossier_allowed(db, a, people[i].u, &d, now, &got) <
		    0) {
			CHECK(!"allowed answers");
			continue;
		}
		want = expect_allowed(&people[i], &d, now);
		if (got != want) {
			fprintf(stderr,
			    "status %d, step %d, %s: allowed %#x, wanted "
			    "%#x\n",
			    status, d.step, people[i].tag, got, want);
			CHECK(!"allowed as the table says");
		} else
			CHECK(1);
		/* Not offered: does not run either (and changes nothing). */
		memset(&args, 0, sizeof(args));
		args.note = "kiểm tra";
		args.new_due = now + 60L * 86400;
		for (act = 0; act < ACTION__MAX; act++) {
			if (!(state_bound & B(act)) || (got & B(act)))
				continue;
			rc = mc_dossier_act(db, a, people[i].u, code,
			    (enum mc_action)act, &args, now);
			if (rc <= 0) {
				fprintf(stderr,
				    "status %d, %s: %s not offered, ran: "
				    "%d\n",
				    status, people[i].tag,
				    mc_dossier_action_name(
					(enum mc_action)act),
				    rc);
				CHECK(!"not offered, not run");
			} else
				CHECK(1);
		}
	}
	/* A visitor is offered nothing. */
	got = 1;
	CHECK_INT(mc_dossier_allowed(db, a, NULL, &d, now, &got), 0);
	CHECK_INT(got, 0);
}

/*
 * Offered: runs. At the review step (processing), each state-bound action
 * a person is offered runs: remind and apology by the leader (neither
 * moves the dossier), then send back by the specialist.
 */
static void
offered_runs(struct mc_db *db, struct mc_arena *a, const char *code)
{
	static const struct {
		const char    *tag;
		enum mc_action act;
	} runs[] = {
		{ "leader", ACTION_REMIND },
		{ "leader", ACTION_APOLOGY },
		{ "specialist", ACTION_SEND_BACK },
	};
	struct mc_dossier     d;
	struct mc_action_args args;
	unsigned int	      got;
	size_t		      i, k;
	time_t		      now = time(NULL);

	if (mc_db_exec(db, stmts[STMT_SET_STATUS], "is", 4LL, code) < 0 ||
	    mc_db_exec(db, stmts[STMT_LATER], "s", code) < 0)
		CHECK(!"status set");
	for (k = 0; k < sizeof(runs) / sizeof(runs[0]); k++) {
		for (i = 0; i < NPEOPLE; i++)
			if (strcmp(people[i].tag, runs[k].tag) == 0)
				break;
		if (i == NPEOPLE || mc_dossier_load(db, a, code, &d) != 1 ||
		    mc_dossier_allowed(db, a, people[i].u, &d, now, &got) <
			0) {
			CHECK(!"dossier and person");
			return;
		}
		if (runs[k].act == ACTION_REMIND && d.holder_id == 0)
			continue; /* not offered, checked above */
		CHECK(got & B(runs[k].act));
		memset(&args, 0, sizeof(args));
		args.note = "kiểm tra";
		args.new_due = now + 60L * 86400;
		CHECK_INT(mc_dossier_act(db, a, people[i].u, code, runs[k].act,
			      &args, now),
		    0);
	}
}

static void
test_table(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows	      proc, sib;
	struct mc_submission  s;
	struct mc_action_args args;
	struct person	     *receiver = NULL;
	const char	     *code = NULL;
	unsigned int	      agency[3];
	size_t		      i;
	int		      status;

	if (mc_db_query(db, a, &proc, stmts[STMT_PROCEDURE], "") < 0 ||
	    proc.n != 1) {
		CHECK(!"a procedure whose agency has a parent");
		return;
	}
	agency[OWN] = (unsigned int)mc_rows_int(&proc, 0, 1);
	agency[PARENT] = (unsigned int)mc_rows_int(&proc, 0, 2);
	if (mc_db_query(db, a, &sib, stmts[STMT_SIBLING], "ii",
		(long long)agency[PARENT], (long long)agency[OWN]) < 0 ||
	    sib.n != 1) {
		CHECK(!"a sibling agency");
		return;
	}
	agency[SIBLING] = (unsigned int)mc_rows_int(&sib, 0, 0);
	for (i = 0; i < NPEOPLE; i++) {
		people[i].u = account(db, a, people[i].tag, people[i].role,
		    people[i].scope == NOSCOPE ? 0 : agency[people[i].scope]);
		if (people[i].u == NULL) {
			CHECK(!"test account");
			return;
		}
		if (people[i].scope == OWN && people[i].role == ROLE_RECEIVER)
			receiver = &people[i];
	}

	memset(&s, 0, sizeof(s));
	s.procedure_code = mc_rows_str(&proc, 0, 0);
	s.account_id = people[0].u->id;
	s.name = "Trần Thị Bình";
	s.id_number = people[0].u->id_number;
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	if (mc_dossier_submit(db, a, &s, time(NULL), &code) != 0 ||
	    code == NULL) {
		CHECK(!"dossier filed");
		return;
	}
	check_all(db, a, code, 1);

	/*
	 * Accepted for real: the steps exist, the first (the receiver's) is
	 * current; then forwarded for real: the review (a specialist's). At
	 * each, every status the dossier could be in.
	 */
	memset(&args, 0, sizeof(args));
	args.method = CHANNEL_COUNTER;
	CHECK_INT(mc_dossier_act(db, a, receiver->u, code, ACTION_ACCEPT,
		      &args, time(NULL)),
	    0);
	step_role = ROLE_RECEIVER;
	for (status = 2; status <= 10; status++) {
		if (mc_db_exec(db, stmts[STMT_SET_STATUS], "is",
			(long long)status, code) < 0) {
			CHECK(!"status set");
			return;
		}
		check_all(db, a, code, status);
	}
	if (mc_db_exec(db, stmts[STMT_SET_STATUS], "is", 2LL, code) < 0)
		CHECK(!"status set");
	CHECK_INT(mc_dossier_act(db, a, receiver->u, code, ACTION_FORWARD,
		      &args, time(NULL)),
	    0);
	step_role = ROLE_SPECIALIST;
	for (status = 2; status <= 10; status++) {
		if (mc_db_exec(db, stmts[STMT_SET_STATUS], "is",
			(long long)status, code) < 0) {
			CHECK(!"status set");
			return;
		}
		check_all(db, a, code, status);
	}
	offered_runs(db, a, code);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;

	if (!NEED_DB("test_access"))
		return DONE();
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	test_table(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
