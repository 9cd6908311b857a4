/*
 * Identity rules of mc_auth against the database of a test instance
 * (MOTCUA_CONFIG): an ID number typed by a user is a claim that several
 * accounts may make, at most one verified, and each claim logs in with its
 * own password. Single sign-on (mc_oidc_account) records the provider's
 * e-mail and phone but never changes the account's verified ones (only a
 * proved change does, and it tells the old contact: test_verify), so it
 * sends no notice to either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "mc_admin.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_oidc.h"
#include "mc_throttle.h"

enum stmt { STMT_CONTACTS, STMT_SENT, STMT_TAX_BY, STMT_TAX_AUDIT, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_CONTACTS] = "SELECT COALESCE(email, ''), COALESCE(phone, '') "
	    "FROM accounts WHERE id = ?",
	[STMT_SENT] = "SELECT COUNT(*) FROM outbox WHERE recipient IN (?, ?)",
	[STMT_TAX_BY] = "SELECT CONCAT(tax_verified, '|', "
	    "COALESCE(tax_verified_by, '-')) FROM accounts WHERE id = ?",
	[STMT_TAX_AUDIT] = "SELECT COUNT(*) FROM audit_log "
	    "WHERE event = 'tax_code_verified' AND account_id = ? "
	    "AND actor_id = ? AND subject = ?",
};
/* clang-format on */

/* A fresh 12-digit ID number for this run. */
static const char *
fresh_id(struct mc_arena *a, int n)
{
	return mc_arena_printf(a, "0771%08ld",
	    ((long)getpid() * 7919L + (long)time(NULL) + n) % 100000000L);
}

static void
test_claims(struct mc_db *db, struct mc_arena *a)
{
	const char     *idn = fresh_id(a, 1);
	struct mc_user *u;
	long long	first, second, id = 0;
	char	       *e1, *e2;

	e1 = mc_arena_printf(a, "claim1-%d-%s@test.motcua.vn", (int)getpid(),
	    idn);
	e2 = mc_arena_printf(a, "claim2-%d-%s@test.motcua.vn", (int)getpid(),
	    idn);
	first = mc_auth_account_create(db, e1, idn, "Một", "0901000001",
	    "mat-khau-mot");
	second = mc_auth_account_create(db, e2, idn, "Hai", "0901000002",
	    "mat-khau-hai");
	CHECK(first > 0 && second > 0); /* a second claim is allowed */
	CHECK_INT(mc_auth_id_holder(db, a, idn, &u), 0);
	CHECK_INT(mc_auth_id_claims(db, a, idn), 2);

	/* Each claim logs in by the number with its own password. */
	CHECK_INT(mc_auth_login(db, a, idn, "mat-khau-hai", &id), 1);
	CHECK_INT(id, second);
	CHECK_INT(mc_auth_login(db, a, idn, "mat-khau-mot", &id), 1);
	CHECK_INT(id, first);
	CHECK_INT(mc_auth_login(db, a, idn, "sai", &id), 0);

	CHECK_INT(mc_auth_id_claimant(db, a, idn, "0901000002", &id), 1);
	CHECK_INT(id, second);
	CHECK_INT(mc_auth_id_claimant(db, a, idn, "x@y.vn", &id), 0);
	CHECK_INT(
	    mc_auth_id_verify(db, a, second, "079999999999", ID_PROOF_COUNTER),
	    0); /* not its number */
	CHECK_INT(mc_auth_id_verify(db, a, second, idn, ID_PROOF_COUNTER), 1);
	CHECK_INT(mc_auth_id_verify(db, a, second, idn, ID_PROOF_COUNTER), 1);
	/* The verified one wins: the other claim cannot be verified too. */
	CHECK_INT(mc_auth_id_verify(db, a, first, idn, ID_PROOF_ADMIN), 0);
	CHECK_INT(mc_auth_id_holder(db, a, idn, &u), 1);
	CHECK_INT(u->id, second);
	CHECK(u->id_verified);
	CHECK_STR(u->full_name, "Hai");
	CHECK_INT(mc_auth_id_claims(db, a, idn), 1);
	/* An account made by single sign-on has no password: none matches. */
	CHECK_INT(mc_auth_verify_password("!sso", "!sso"), 0);
}

/* A fresh tax code for this run, its check digit right, with a branch. */
static const char *
fresh_tax(struct mc_arena *a)
{
	static const int w[9] = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };
	long n = ((long)getpid() * 7919L + (long)time(NULL)) % 10000000L;
	char nine[16];
	int  i, sum, check;

	for (;; n = (n + 1) % 10000000L) {
		snprintf(nine, sizeof(nine), "66%07ld", n);
		for (sum = 0, i = 0; i < 9; i++)
			sum += (nine[i] - '0') * w[i];
		if ((check = 10 - sum % 11) != 10)
			break;
	}
	return mc_arena_printf(a, "%s%d-%03d", nine, check,
	    (int)(getpid() % 999) + 1);
}

/* "verified|by" of an account's tax code (arena). */
static const char *
tax_state(struct mc_db *db, struct mc_arena *a, long long id)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_TAX_BY], "i", id) < 0 ||
	    rows.n != 1)
		return "?";
	return mc_rows_str(&rows, 0, 0);
}

/* mc_admin_tax_verify_by in a transaction of its own: its result. */
static int
tax_verify(struct mc_db *db, long long actor, long long id, const char *tax,
    enum mc_id_proof proof)
{
	int rc;

	if (mc_db_begin(db) < 0)
		return -1;
	rc = mc_admin_tax_verify_by(db, actor, "127.0.0.1", id, tax, proof);
	if (rc < 0 || mc_db_commit(db) < 0) {
		mc_db_rollback(db);
		return -1;
	}
	return rc;
}

/*
 * An organisation's tax code at the counter (issue 9): the claim the
 * representative names by its e-mail or phone is found among the claims of
 * the code, verified by the counter (tax_verified_by) and audited with the
 * receiver as the actor, once; the other claim can no longer be.
 */
static void
test_tax_claims(struct mc_db *db, struct mc_arena *a)
{
	const char    *tax = fresh_tax(a);
	struct mc_rows rows;
	long long      first, second, person, actor, id = 0;
	char	      *e1, *e2, *e3, *e4;

	CHECK_INT(mc_account_tax_code(tax), TAX_CODE_OK);
	e1 = mc_arena_printf(a, "tax1-%d-%s@test.motcua.vn", (int)getpid(),
	    tax);
	e2 = mc_arena_printf(a, "tax2-%d-%s@test.motcua.vn", (int)getpid(),
	    tax);
	e3 = mc_arena_printf(a, "tax3-%d-%s@test.motcua.vn", (int)getpid(),
	    tax);
	e4 = mc_arena_printf(a, "taxr-%d-%s@test.motcua.vn", (int)getpid(),
	    tax);
	first = mc_auth_account_create(db, e1, fresh_id(a, 11), "Đại diện A",
	    "0902000001", "mat-khau-a");
	second = mc_auth_account_create(db, e2, fresh_id(a, 12), "Đại diện B",
	    "0902000002", "mat-khau-b");
	person = mc_auth_account_create(db, e3, fresh_id(a, 13), "Người C",
	    "0902000003", "mat-khau-c");
	actor = mc_auth_account_create(db, e4, NULL, "Cán bộ quầy", NULL,
	    "mat-khau-r");
	CHECK(first > 0 && second > 0 && person > 0 && actor > 0);
	CHECK_INT(mc_auth_org_set(db, first, "Công ty A", tax), 0);
	CHECK_INT(mc_auth_org_set(db, second, "Công ty B", tax), 0);

	/* Found by the contact the representative tells, none by another. */
	CHECK_INT(mc_auth_tax_claimant(db, a, tax, "0902000002", &id), 1);
	CHECK_INT(id, second);
	CHECK_INT(mc_auth_tax_claimant(db, a, tax, e1, &id), 1);
	CHECK_INT(id, first);
	CHECK_INT(mc_auth_tax_claimant(db, a, tax, e3, &id), 0); /* a person */
	CHECK_INT(mc_auth_tax_claimant(db, a, tax, NULL, &id), 0);
	CHECK_INT(mc_auth_tax_holder(db, a, tax, &id), 0);

	/* No provider vouches for a tax code; the counter does, audited. */
	CHECK_INT(tax_verify(db, actor, second, tax, ID_PROOF_SSO), 0);
	CHECK_STR(tax_state(db, a, second), "0|-");
	CHECK_INT(tax_verify(db, actor, second, tax, ID_PROOF_COUNTER), 1);
	CHECK_STR(tax_state(db, a, second), "1|counter");
	CHECK_INT(mc_auth_tax_holder(db, a, tax, &id), 1);
	CHECK_INT(id, second);
	/* Once: again, or the other claim, is refused and not audited. */
	CHECK_INT(tax_verify(db, actor, second, tax, ID_PROOF_COUNTER), 0);
	CHECK_INT(tax_verify(db, actor, first, tax, ID_PROOF_COUNTER), 0);
	CHECK_STR(tax_state(db, a, first), "0|-");
	CHECK_INT(mc_auth_tax_claimant(db, a, tax, "0902000002", &id), 0);
	if (mc_db_query(db, a, &rows, stmts[STMT_TAX_AUDIT], "iis", second,
		actor, tax) < 0 ||
	    rows.n != 1)
		CHECK(!"audit readable");
	else
		CHECK_INT(mc_rows_int(&rows, 0, 0), 1);
	if (mc_db_query(db, a, &rows, stmts[STMT_TAX_AUDIT], "iis", first,
		actor, tax) == 0 &&
	    rows.n == 1)
		CHECK_INT(mc_rows_int(&rows, 0, 0), 0);
}

/* The account's verified e-mail and phone as "email phone" (arena). */
static const char *
contacts(struct mc_db *db, struct mc_arena *a, long long id)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_CONTACTS], "i", id) < 0 ||
	    r.n != 1)
		return "?";
	return mc_arena_printf(a, "%s %s", mc_rows_str(&r, 0, 0),
	    mc_rows_str(&r, 0, 1));
}

/* How many messages went to the e-mail or the phone; -1 on error. */
static long long
sent_to(struct mc_db *db, struct mc_arena *a, const char *email,
    const char *phone)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_SENT], "ss", email, phone) < 0 ||
	    r.n != 1)
		return -1;
	return mc_rows_int(&r, 0, 0);
}

/*
 * A person with a verified account signs in by single sign-on with other
 * contacts in the claims, twice: the same account, its e-mail and phone
 * kept, and nothing sent to the old contacts or the claimed ones. A claim
 * of an e-mail another account holds makes an account without it, and
 * tells that address nothing.
 */
static void
test_sso_contacts(struct mc_db *db, struct mc_arena *a)
{
	const char	     *iss = "http://127.0.0.1:4444/unit-identity";
	const char	     *idn = fresh_id(a, 3);
	struct mc_oidc_claims cl;
	long long	      id, got = 0, other = 0, old_n, new_n;
	const char	     *e1, *e2, *p1, *p2, *kept;
	long tag = ((long)getpid() * 31L + (long)time(NULL)) % 100000000L;

	e1 = mc_arena_printf(a, "sso-old-%ld@test.motcua.vn", tag);
	e2 = mc_arena_printf(a, "sso-new-%ld@test.motcua.vn", tag);
	p1 = mc_arena_printf(a, "0861%08ld", tag);
	p2 = mc_arena_printf(a, "0862%08ld", tag);
	id = mc_auth_account_create(db, e1, idn, "Cũ", p1, "mat-khau-cu");
	CHECK(id > 0);
	CHECK_INT(mc_auth_id_verify(db, a, id, idn, ID_PROOF_COUNTER), 1);
	kept = mc_arena_printf(a, "%s %s", e1, p1);
	CHECK_STR(contacts(db, a, id), kept);
	old_n = sent_to(db, a, e1, p1);
	new_n = sent_to(db, a, e2, p2);
	CHECK(old_n >= 0 && new_n >= 0);

	memset(&cl, 0, sizeof(cl));
	cl.sub = mc_arena_printf(a, "unit-contacts-%ld", tag);
	cl.id_number = idn;
	cl.name = "Nguyễn Văn Mới";
	cl.email = e2;
	cl.phone = p2;
	cl.acr = "LoA2";
	cl.verified = 1;
	/* Linked by the verified ID number, then by the identity. */
	CHECK_INT(mc_oidc_account(db, a, iss, &cl, time(NULL), &got), 0);
	CHECK_INT(got, id);
	CHECK_STR(contacts(db, a, id), kept);
	cl.verified = 0;
	cl.acr = "LoA1";
	CHECK_INT(mc_oidc_account(db, a, iss, &cl, time(NULL), &got), 0);
	CHECK_INT(got, id);
	CHECK_STR(contacts(db, a, id), kept);
	CHECK_INT(sent_to(db, a, e1, p1), old_n);
	CHECK_INT(sent_to(db, a, e2, p2), new_n);

	/* Another person claiming e1 without a vouched-for ID number. */
	cl.sub = mc_arena_printf(a, "unit-contacts-other-%ld", tag);
	cl.id_number = NULL;
	cl.email = e1;
	cl.phone = NULL;
	CHECK_INT(mc_oidc_account(db, a, iss, &cl, time(NULL), &other), 0);
	CHECK(other > 0 && other != id);
	CHECK_STR(contacts(db, a, other), " ");
	CHECK_STR(contacts(db, a, id), kept);
	CHECK_INT(sent_to(db, a, e1, p1), old_n);
}

/* Failures per subject in the database: limit, block, window, clear. */
static void
test_throttle(struct mc_db *db, struct mc_arena *a)
{
	const char *addr = mc_arena_printf(a, "192.0.2.%d",
	    (int)getpid() % 250);
	const char *other = mc_arena_printf(a, "198.51.100.%d",
	    (int)getpid() % 250);
	time_t	    now = time(NULL);
	int	    i;

	CHECK_INT(mc_config_set("throttle_login_addr_max", "3"), 0);
	CHECK_INT(mc_config_set("throttle_login_addr_window", "600"), 0);
	CHECK_INT(mc_config_set("throttle_login_addr_block", "300"), 0);
	CHECK_INT(mc_throttle_clear(db, THROTTLE_LOGIN_ADDR, addr), 0);
	CHECK_INT(mc_throttle_clear(db, THROTTLE_LOGIN_ADDR, other), 0);
	CHECK_INT(mc_throttle_wait(db, a, THROTTLE_LOGIN_ADDR, addr, now), 0);
	for (i = 0; i < 2; i++)
		CHECK_INT(mc_throttle_fail(db, a, THROTTLE_LOGIN_ADDR, addr,
			      now + i),
		    0);
	/* The third failure within the window blocks for 300 s. */
	CHECK_INT(mc_throttle_fail(db, a, THROTTLE_LOGIN_ADDR, addr, now + 2),
	    300);
	CHECK_INT(mc_throttle_wait(db, a, THROTTLE_LOGIN_ADDR, addr, now + 2),
	    300);
	CHECK_INT(
	    mc_throttle_wait(db, a, THROTTLE_LOGIN_ADDR, addr, now + 100),
	    202);
	/* Another address, and the same key of another kind, go on. */
	CHECK_INT(mc_throttle_wait(db, a, THROTTLE_LOGIN_ADDR, other, now), 0);
	CHECK_INT(mc_throttle_wait(db, a, THROTTLE_LOOKUP_ADDR, addr, now), 0);
	/* After the block and the window: free, and counting starts again. */
	CHECK_INT(
	    mc_throttle_wait(db, a, THROTTLE_LOGIN_ADDR, addr, now + 303), 0);
	CHECK_INT(
	    mc_throttle_fail(db, a, THROTTLE_LOGIN_ADDR, addr, now + 700), 0);
	CHECK_INT(
	    mc_throttle_fail(db, a, THROTTLE_LOGIN_ADDR, addr, now + 701), 0);
	CHECK(
	    mc_throttle_fail(db, a, THROTTLE_LOGIN_ADDR, addr, now + 702) > 0);
	/* Failures spread wider than the window never block. */
	CHECK_INT(mc_throttle_clear(db, THROTTLE_LOGIN_ADDR, addr), 0);
	for (i = 0; i < 6; i++)
		CHECK_INT(mc_throttle_fail(db, a, THROTTLE_LOGIN_ADDR, addr,
			      now + 2000 + i * 601),
		    0);
	CHECK_INT(mc_throttle_clear(db, THROTTLE_LOGIN_ADDR, addr), 0);
	CHECK_INT(mc_throttle_wait(db, a, THROTTLE_LOGIN_ADDR, addr, now + 2),
	    0);
	/* The lookup: per code and per address together. */
	CHECK_INT(mc_config_set("throttle_lookup_max", "2"), 0);
	CHECK_INT(mc_throttle_clear(db, THROTTLE_LOOKUP, addr), 0);
	CHECK_INT(mc_throttle_lookup_fail(db, a, addr, other, now), 0);
	CHECK(mc_throttle_lookup_fail(db, a, addr, other, now) > 0);
	CHECK(mc_throttle_lookup_wait(db, a, addr, "203.0.113.1", now) > 0);
	CHECK_INT(mc_throttle_clear(db, THROTTLE_LOOKUP, addr), 0);
	CHECK_INT(mc_throttle_clear(db, THROTTLE_LOOKUP_ADDR, other), 0);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;

	if (!NEED_DB("test_identity"))
		return DONE();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	test_claims(db, a);
	test_tax_claims(db, a);
	test_sso_contacts(db, a);
	test_throttle(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
