/*
 * Administrators' scope (mc_admin), against the database of a test
 * instance (MOTCUA_CONFIG): in a tree of its own (a unit P with wards W and
 * W2, a separate unit X), a ward's administrator manages only their ward,
 * never the unit above nor a sibling nor the city; a unit's, its wards;
 * the city's, everything. Roles are granted and withdrawn once each, every
 * change in the audit log naming role and agency; disabling ends the
 * account's sessions. Making an officer with an e-mail an account holds
 * already changes nothing of that account and sends nothing (only a proved
 * change of a contact does, telling the old one: test_verify).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#include "fixtures.h"
#include "mc_admin.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"

enum stmt {
	STMT_CITY,
	STMT_AUDIT,
	STMT_SESSIONS,
	STMT_DISSOLVE,
	STMT_PHONE,
	STMT_SENT,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_CITY] = "SELECT id FROM agencies WHERE kind = 'city' "
	    "ORDER BY id LIMIT 1",
	/* The entries of an event about an account, by an actor. */
	[STMT_AUDIT] = "SELECT role, agency_id FROM audit_log "
	    "WHERE account_id = ? AND actor_id = ? AND event = ? ORDER BY id",
	[STMT_SESSIONS] = "SELECT COUNT(*) FROM sessions WHERE account_id = ?",
	/* Not offered to the pages of the suites that run after this one. */
	[STMT_DISSOLVE] = "UPDATE agencies SET valid_to = CURDATE() - "
	    "INTERVAL 1 DAY WHERE code LIKE ?",
	[STMT_PHONE] = "SELECT COALESCE(phone, '') FROM accounts WHERE id = ?",
	[STMT_SENT] = "SELECT COUNT(*) FROM outbox "
	    "WHERE recipient IN (?, ?, ?)",
};
/* clang-format on */

static struct mc_user *
account(struct mc_db *db, struct mc_arena *a, const char *tag,
    enum mc_role role, unsigned int ag)
{
	return fixture_account(db, a, "adm", NULL, 0, tag, role, ag);
}

/* The account as loaded again (all its grants). */
static struct mc_user *
reload(struct mc_db *db, struct mc_arena *a, const struct mc_user *u)
{
	struct mc_user *v = NULL;

	CHECK_INT(mc_auth_account_load(db, a, u->id, &v), 1);
	return v;
}

static long long
count1(struct mc_db *db, struct mc_arena *a, int stmt, long long id)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[stmt], "i", id) < 0 || rows.n != 1)
		return -1;
	return mc_rows_int(&rows, 0, 0);
}

/* Where each administrator administers, and which agencies. */
static void
test_scope(struct mc_db *db, struct mc_arena *a, struct mc_user *wadm,
    struct mc_user *padm, struct mc_user *cadm, struct mc_user *recv,
    const unsigned int *ag)
{
	enum { P, W, W2, X, CITY };
	unsigned int root = 99;

	CHECK_INT(mc_admin_scope(db, a, wadm, &root), 1);
	CHECK_INT(root, ag[W]);
	CHECK_INT(mc_admin_scope(db, a, padm, &root), 1);
	CHECK_INT(root, ag[P]);
	CHECK_INT(mc_admin_scope(db, a, cadm, &root), 1);
	CHECK_INT(root, 0); /* the whole city */
	CHECK_INT(mc_admin_scope(db, a, recv, &root), 0);
	CHECK_INT(mc_admin_scope(db, a, NULL, &root), 0);

	/* A ward's administrator: their ward, not above, not beside. */
	CHECK_INT(mc_admin_over_agency(db, a, wadm, ag[W]), 1);
	CHECK_INT(mc_admin_over_agency(db, a, wadm, ag[W2]), 0);
	CHECK_INT(mc_admin_over_agency(db, a, wadm, ag[P]), 0);
	CHECK_INT(mc_admin_over_agency(db, a, wadm, ag[CITY]), 0);
	CHECK_INT(mc_admin_over_agency(db, a, wadm, ag[X]), 0);
	/* A unit's: itself and its wards, not another unit. */
	CHECK_INT(mc_admin_over_agency(db, a, padm, ag[P]), 1);
	CHECK_INT(mc_admin_over_agency(db, a, padm, ag[W]), 1);
	CHECK_INT(mc_admin_over_agency(db, a, padm, ag[W2]), 1);
	CHECK_INT(mc_admin_over_agency(db, a, padm, ag[X]), 0);
	CHECK_INT(mc_admin_over_agency(db, a, padm, ag[CITY]), 0);
	/* Administrator in two places (W and X): both, and picks which. */
	{
		struct mc_grant	      g[2] = { { ROLE_ADMIN, ag[W] },
			      { ROLE_ADMIN, ag[X] } };
		struct mc_user	      two = *wadm;
		struct mc_admin_place pl[4];
		size_t		      n = 0;

		two.grants = g;
		two.ngrants = 2;
		two.roles = ROLES(ROLE_ADMIN);
		CHECK_INT(mc_admin_over_agency(db, a, &two, ag[W]), 1);
		CHECK_INT(mc_admin_over_agency(db, a, &two, ag[X]), 1);
		CHECK_INT(mc_admin_over_agency(db, a, &two, ag[W2]), 0);
		CHECK_INT(mc_admin_scope_at(db, a, &two, 0, &root), 1);
		CHECK_INT(root, ag[W]);
		CHECK_INT(mc_admin_scope_at(db, a, &two, ag[X], &root), 1);
		CHECK_INT(root, ag[X]);
		CHECK_INT(mc_admin_scope_at(db, a, &two, ag[P], &root), 1);
		CHECK_INT(root, ag[W]); /* not theirs: their first */
		CHECK_INT(mc_admin_places(db, a, &two, pl, 4, &n), 0);
		CHECK_INT(n, 2);
		CHECK_INT(pl[1].agency_id, ag[X]);
		CHECK(pl[1].name != NULL && *pl[1].name != '\0');
	}
	/* The city's: everywhere. */
	CHECK_INT(mc_admin_over_agency(db, a, cadm, ag[X]), 1);
	CHECK_INT(mc_admin_over_agency(db, a, cadm, ag[CITY]), 1);
	/* Not an administrator: nowhere, even in their own ward. */
	CHECK_INT(mc_admin_over_agency(db, a, recv, ag[W]), 0);
}

/* Whose roles each administrator may change, and where. */
static void
test_roles(struct mc_db *db, struct mc_arena *a, struct mc_user *wadm,
    struct mc_user *padm, struct mc_user *cadm, const unsigned int *ag)
{
	enum { P, W, W2, X, CITY };
	struct mc_user *inw, *inw2, *cit, *both, *wm2, *ev2;

	inw = account(db, a, "in-w", ROLE_RECEIVER, ag[W]);
	inw2 = account(db, a, "in-w2", ROLE_SPECIALIST, ag[W2]);
	cit = account(db, a, "citizen", ROLE_CITIZEN, 0);
	both = account(db, a, "both", ROLE_RECEIVER, ag[W]);
	wm2 = account(db, a, "wm-w2", ROLE_WEBMASTER, ag[W2]);
	ev2 = account(db, a, "ev-w2", ROLE_EVALUATOR, ag[W2]);
	if (inw == NULL || inw2 == NULL || cit == NULL || both == NULL ||
	    wm2 == NULL || ev2 == NULL ||
	    mc_auth_grant(db, both->id, ROLE_LEADER, ag[W2]) < 0) {
		CHECK(!"test accounts");
		return;
	}
	both = reload(db, a, both);

	/* Accounts: one with a role in the subtree; a citizen is nobody's. */
	CHECK_INT(mc_admin_over_account(db, a, wadm, inw->id), 1);
	CHECK_INT(mc_admin_over_account(db, a, wadm, inw2->id), 0);
	CHECK_INT(mc_admin_over_account(db, a, wadm, cit->id), 0);
	CHECK_INT(mc_admin_over_account(db, a, wadm, padm->id), 0);
	CHECK_INT(mc_admin_over_account(db, a, padm, inw2->id), 1);
	CHECK_INT(mc_admin_over_account(db, a, padm, wadm->id), 1);
	CHECK_INT(mc_admin_over_account(db, a, cadm, cit->id), 1);

	/* A ward's administrator gives roles in their ward only. */
	CHECK_INT(mc_admin_over_role(db, a, wadm, inw, ag[W]), 1);
	CHECK_INT(mc_admin_over_role(db, a, wadm, inw, ag[W2]), 0);
	/* ... no admin role above their level: not the unit, not the city. */
	CHECK_INT(mc_admin_over_role(db, a, wadm, inw, ag[P]), 0);
	CHECK_INT(mc_admin_over_role(db, a, wadm, inw, ag[CITY]), 0);
	CHECK_INT(mc_admin_over_role(db, a, wadm, wadm, ag[P]), 0);
	/* A citizen's first officer role: in the admin's subtree. */
	CHECK_INT(mc_admin_over_role(db, a, wadm, cit, ag[W]), 1);
	CHECK_INT(mc_admin_over_role(db, a, wadm, cit, ag[X]), 0);
	/* An officer of the sibling ward: not even a role in their ward. */
	CHECK_INT(mc_admin_over_role(db, a, wadm, inw2, ag[W]), 0);
	/*
	 * Nor a webmaster or an evaluation manager of the sibling ward (no
	 * officer role, yet not a citizen's first role either): theirs.
	 */
	CHECK_INT(mc_admin_over_role(db, a, wadm, wm2, ag[W]), 0);
	CHECK_INT(mc_admin_over_role(db, a, wadm, ev2, ag[W]), 0);
	CHECK_INT(mc_admin_over_account(db, a, wadm, wm2->id), 0);
	CHECK_INT(mc_admin_over_role(db, a, padm, wm2, ag[W2]), 1);
	/* One with roles in both wards: only the one in their ward. */
	CHECK_INT(mc_admin_over_role(db, a, wadm, both, ag[W]), 1);
	CHECK_INT(mc_admin_over_role(db, a, wadm, both, ag[W2]), 0);
	/* The unit above: the ward administrator's own role, not the unit's. */
	CHECK_INT(mc_admin_over_role(db, a, padm, wadm, ag[W]), 1);
	CHECK_INT(mc_admin_over_role(db, a, wadm, padm, ag[P]), 0);
	CHECK_INT(mc_admin_over_role(db, a, padm, inw2, ag[W]), 1);
	CHECK_INT(mc_admin_over_role(db, a, padm, inw2, ag[X]), 0);
	CHECK_INT(mc_admin_over_role(db, a, cadm, inw2, ag[X]), 1);
	CHECK_INT(mc_admin_over_role(db, a, cadm, padm, ag[CITY]), 1);
}

/*
 * A role granted (revoke 0) or withdrawn in a transaction of its own, as
 * the page does (the audit chain's writers are serialized in one):
 * mc_admin_grant's or mc_admin_revoke's result.
 */
static int
role_tx(struct mc_db *db, long long actor, long long id, enum mc_role role,
    unsigned int ag, int revoke)
{
	int rc;

	if (mc_db_begin(db) < 0)
		return -1;
	rc = revoke ? mc_admin_revoke(db, actor, NULL, id, role, ag) :
		      mc_admin_grant(db, actor, "192.0.2.7", id, role, ag);
	if (rc < 0 || mc_db_commit(db) < 0) {
		mc_db_rollback(db);
		return -1;
	}
	return rc;
}

/* The account disabled in a transaction of its own. */
static int
disable_tx(struct mc_db *db, long long actor, long long id)
{
	int rc;

	if (mc_db_begin(db) < 0)
		return -1;
	if ((rc = mc_admin_disable(db, actor, NULL, id)) < 0 ||
	    mc_db_commit(db) < 0) {
		mc_db_rollback(db);
		return -1;
	}
	return rc;
}

/* Granted and withdrawn once each, audited; disabling ends sessions. */
static void
test_changes(struct mc_db *db, struct mc_arena *a, struct mc_user *wadm,
    const unsigned int *ag)
{
	enum { P, W, W2, X, CITY };
	struct mc_user *u = account(db, a, "changed", ROLE_RECEIVER, ag[W]);
	struct mc_rows	rows;
	char		token[65];

	if (u == NULL) {
		CHECK(!"test account");
		return;
	}
	CHECK_INT(role_tx(db, wadm->id, u->id, ROLE_LEADER, ag[W], 0), 1);
	/* Held already: no second entry. */
	CHECK_INT(role_tx(db, wadm->id, u->id, ROLE_LEADER, ag[W], 0), 0);
	CHECK(reload(db, a, u)->roles & (1u << ROLE_LEADER));
	CHECK_INT(role_tx(db, wadm->id, u->id, ROLE_LEADER, ag[W], 1), 1);
	CHECK_INT(role_tx(db, wadm->id, u->id, ROLE_LEADER, ag[W], 1), 0);
	CHECK(!(reload(db, a, u)->roles & (1u << ROLE_LEADER)));
	/* Withdrawing the last officer role leaves no access at all. */
	CHECK_INT(role_tx(db, wadm->id, u->id, ROLE_RECEIVER, ag[W], 1), 1);
	CHECK_INT(reload(db, a, u)->roles & ROLES_OFFICER, 0);

	CHECK(mc_db_query(db, a, &rows, stmts[STMT_AUDIT], "iis", u->id,
		  wadm->id, "role_grant") == 0);
	CHECK_INT(rows.n, 1);
	if (rows.n == 1) {
		CHECK_STR(mc_rows_str(&rows, 0, 0), "leader");
		CHECK_INT(mc_rows_int(&rows, 0, 1), ag[W]);
	}
	CHECK(mc_db_query(db, a, &rows, stmts[STMT_AUDIT], "iis", u->id,
		  wadm->id, "role_revoke") == 0);
	CHECK_INT(rows.n, 2);
	if (rows.n == 2) {
		CHECK_STR(mc_rows_str(&rows, 0, 0), "leader");
		CHECK_STR(mc_rows_str(&rows, 1, 0), "receiver");
		CHECK_INT(mc_rows_int(&rows, 1, 1), ag[W]);
	}

	/* Disabled once: its session ends, the entry written once. */
	CHECK(mc_auth_session_new(db, u->id, token) == 0);
	CHECK_INT(count1(db, a, STMT_SESSIONS, u->id), 1);
	CHECK_INT(disable_tx(db, wadm->id, u->id), 1);
	CHECK_INT(disable_tx(db, wadm->id, u->id), 0);
	CHECK_INT(count1(db, a, STMT_SESSIONS, u->id), 0);
	CHECK(mc_db_query(db, a, &rows, stmts[STMT_AUDIT], "iis", u->id,
		  wadm->id, "account_disable") == 0);
	CHECK_INT(rows.n, 1);
}

/*
 * An officer made with the e-mail of an existing account (another phone):
 * refused, the account keeps its phone, nothing sent to any of them.
 */
static void
test_create_taken(struct mc_db *db, struct mc_arena *a, const char *tag,
    unsigned int ward)
{
	struct mc_admin_new n = { 0 };
	struct mc_rows	    rows = { 0 };
	const char	   *email, *p1, *p2;
	long long	    id, made = 0;
	long k = ((long)getpid() * 31L + (long)time(NULL)) % 100000000L;

	email = mc_arena_printf(a, "adm-taken-%s@test.motcua.vn", tag);
	p1 = mc_arena_printf(a, "0865%08ld", k);
	p2 = mc_arena_printf(a, "0866%08ld", k);
	id = mc_auth_account_create(db, email, NULL, "Đã Có", p1, "mat-khau");
	CHECK(id > 0);
	n.email = email;
	n.full_name = "Cán Bộ Mới";
	n.phone = p2;
	n.password = "mat-khau-moi-dai";
	n.role = ROLE_RECEIVER;
	n.agency_id = ward;
	CHECK_INT(mc_admin_create(db, a, 0, "unit", &n, &made), 0);
	CHECK(mc_db_query(db, a, &rows, stmts[STMT_PHONE], "i", id) == 0 &&
	    rows.n == 1);
	if (rows.n == 1)
		CHECK_STR(mc_rows_str(&rows, 0, 0), p1);
	CHECK(mc_db_query(db, a, &rows, stmts[STMT_SENT], "sss", email, p1,
		  p2) == 0 &&
	    rows.n == 1);
	if (rows.n == 1)
		CHECK_INT(mc_rows_int(&rows, 0, 0), 0);
}

static void
test_admin(struct mc_db *db, struct mc_arena *a)
{
	enum { P, W, W2, X, CITY, AG__MAX };
	unsigned int	ag[AG__MAX];
	struct mc_user *wadm, *padm, *cadm, *recv;
	struct mc_rows	rows;
	const char     *tag;

	tag = mc_arena_printf(a, "%d.%ld", (int)getpid() % 100000,
	    (long)time(NULL) % 100000);
	ag[P] = fixture_agency(db, a, mc_arena_printf(a, "ADM.%s.P", tag),
	    "unit", 0);
	ag[W] = fixture_agency(db, a, mc_arena_printf(a, "ADM.%s.W", tag),
	    "ward", ag[P]);
	ag[W2] = fixture_agency(db, a, mc_arena_printf(a, "ADM.%s.W2", tag),
	    "ward", ag[P]);
	ag[X] = fixture_agency(db, a, mc_arena_printf(a, "ADM.%s.X", tag),
	    "unit", 0);
	if (mc_db_query(db, a, &rows, stmts[STMT_CITY], "") < 0 ||
	    rows.n != 1 || ag[P] == 0 || ag[W] == 0 || ag[W2] == 0 ||
	    ag[X] == 0) {
		CHECK(!"test agencies and the city");
		return;
	}
	ag[CITY] = (unsigned int)mc_rows_int(&rows, 0, 0);
	wadm = account(db, a, "ward-admin", ROLE_ADMIN, ag[W]);
	padm = account(db, a, "unit-admin", ROLE_ADMIN, ag[P]);
	cadm = account(db, a, "city-admin", ROLE_ADMIN, ag[CITY]);
	recv = account(db, a, "receiver", ROLE_RECEIVER, ag[W]);
	if (wadm == NULL || padm == NULL || cadm == NULL || recv == NULL) {
		CHECK(!"test administrators");
		return;
	}
	test_scope(db, a, wadm, padm, cadm, recv, ag);
	test_roles(db, a, wadm, padm, cadm, ag);
	test_changes(db, a, wadm, ag);
	test_create_taken(db, a, tag, ag[W]);
	CHECK_INT(mc_db_exec(db, stmts[STMT_DISSOLVE], "s",
		      mc_arena_printf(a, "ADM.%s.%%", tag)),
	    4);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;

	if (!NEED_DB("test_admin"))
		return DONE();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	test_admin(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
