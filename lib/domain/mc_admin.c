/*
 * Administrators' scope and the account changes they make (mc_admin.h):
 * subtrees read with a recursive query over agencies.parent_id.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_admin.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_db.h"
#include "mc_password.h"
#include "mc_throttle.h"
#include "mc_totp.h"
#include "mc_util.h"

/* clang-format off */
#define SUB "WITH RECURSIVE sub (id) AS (SELECT id FROM agencies " \
	"WHERE id = ? UNION ALL SELECT g.id FROM agencies g " \
	"JOIN sub ON g.parent_id = sub.id) "
/* clang-format on */

enum stmt {
	STMT_KIND,
	STMT_IN_SUB,
	STMT_ACCOUNT_IN_SUB,
	STMT_EMAIL_TAKEN,
	STMT_GRANT,
	STMT_REVOKE,
	STMT_DISABLE,
	STMT_REAUTH_GET,
	STMT_REAUTH_SET,
	STMT_ROLES,
	STMT_AGENCIES,
	STMT_PARENT,
	STMT_NAME,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_KIND] = "SELECT kind FROM agencies WHERE id = ?",
	[STMT_IN_SUB] = SUB "SELECT COUNT(*) FROM sub WHERE id = ?",
	[STMT_ACCOUNT_IN_SUB] = SUB "SELECT COUNT(*) FROM account_roles "
	    "WHERE account_id = ? AND role <> 'citizen' "
	    "AND agency_id IN (SELECT id FROM sub)",
	[STMT_EMAIL_TAKEN] = "SELECT id FROM accounts WHERE email = ?",
	[STMT_GRANT] = "INSERT IGNORE INTO account_roles (account_id, role, "
	    "agency_id) VALUES (?, ?, ?)",
	[STMT_REVOKE] = "DELETE FROM account_roles WHERE account_id = ? "
	    "AND role = ? AND agency_id = ?",
	[STMT_DISABLE] = "UPDATE accounts SET disabled = 1 "
	    "WHERE id = ? AND disabled = 0",
	[STMT_REAUTH_GET] = "SELECT COUNT(*) FROM sessions "
	    "WHERE token_hash = ? AND reauth_at >= ?",
	[STMT_REAUTH_SET] = "UPDATE sessions SET reauth_at = ? "
	    "WHERE token_hash = ?",
	[STMT_ROLES] = SUB "SELECT a.id, a.email, a.full_name, r.role, "
	    "r.agency_id, g.name, a.disabled FROM account_roles r "
	    "JOIN accounts a ON a.id = r.account_id "
	    "JOIN agencies g ON g.id = r.agency_id "
	    "WHERE r.role <> 'citizen' AND (? = 0 OR r.agency_id IN "
	    "(SELECT id FROM sub)) ORDER BY g.name, a.full_name, a.id "
	    "LIMIT ?",
	[STMT_AGENCIES] = SUB "SELECT id, name FROM agencies "
	    "WHERE ? = 0 OR id IN (SELECT id FROM sub) ORDER BY kind, name",
	[STMT_PARENT] = "SELECT parent_id FROM agencies WHERE id = ?",
	[STMT_NAME] = "SELECT name FROM agencies WHERE id = ?",
};
/* clang-format on */

/* One count of a statement with two ids; -1 on error. */
static long long
count(struct mc_db *db, struct mc_arena *a, int stmt, long long x, long long y)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[stmt], "ii", x, y) < 0 ||
	    rows.n != 1)
		return -1;
	return mc_rows_int(&rows, 0, 0);
}

#define MAX_DEPTH 8 /* agency levels walked up */

int
mc_admin_over_agency(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *admin, unsigned int agency)
{
	struct mc_rows rows;
	unsigned int   root;
	int	       depth, rc;

	if ((rc = mc_admin_scope(db, a, admin, &root)) <= 0)
		return rc;
	if (root == 0)
		return 1; /* the city's: every agency */
	for (depth = 0; agency != 0 && depth < MAX_DEPTH; depth++) {
		if (mc_auth_acts_for(admin, ROLES(ROLE_ADMIN), agency))
			return 1;
		if (mc_db_query(db, a, &rows, stmts[STMT_PARENT], "i",
			(long long)agency) < 0)
			return -1;
		if (rows.n == 0)
			return 0;
		agency = (unsigned int)mc_rows_int(&rows, 0, 0);
	}
	return 0;
}

int
mc_admin_over_account(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *admin, long long account_id)
{
	unsigned int root;
	long long    n;
	size_t	     i;
	int	     rc;

	if ((rc = mc_admin_scope(db, a, admin, &root)) <= 0)
		return rc;
	if (root == 0)
		return 1; /* the city's */
	/* Any of their agencies' subtrees. */
	for (i = 0; i < admin->ngrants; i++) {
		if (admin->grants[i].role != ROLE_ADMIN)
			continue;
		if ((n = count(db, a, STMT_ACCOUNT_IN_SUB,
			 admin->grants[i].agency_id, account_id)) < 0)
			return -1;
		if (n > 0)
			return 1;
	}
	return 0;
}

int
mc_admin_over_role(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *admin, const struct mc_user *u, unsigned int agency)
{
	int rc;

	if ((rc = mc_admin_over_agency(db, a, admin, agency)) <= 0)
		return rc;
	/*
	 * An account with no role but a citizen's may be given its first; one
	 * holding any other (an evaluation manager's, a webmaster's) belongs
	 * to the administrators over where it is held.
	 */
	if ((u->roles & ~ROLES(ROLE_CITIZEN)) == 0)
		return 1;
	return mc_admin_over_account(db, a, admin, u->id);
}

/* An entry about the account, by the actor, naming role and agency. */
static int
audit(struct mc_db *db, enum mc_audit_event ev, long long actor,
    const char *address, long long account, const char *role,
    unsigned int agency)
{
	struct mc_audit	      e = { ev, account, actor, NULL, address };
	struct mc_audit_about ab = { 0, agency, role };

	return mc_audit_write_about(db, &e, &ab);
}

int
mc_admin_create(struct mc_db *db, struct mc_arena *a, long long actor_id,
    const char *address, const struct mc_admin_new *n, long long *id)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_EMAIL_TAKEN], "s", n->email) <
	    0)
		return -1;
	if (rows.n > 0)
		return 0;
	if ((*id = mc_auth_account_create(db, n->email, n->id_number,
		 n->full_name, n->phone, n->password)) < 0)
		return -1;
	if (n->id_number != NULL &&
	    mc_auth_id_verify(db, a, *id, n->id_number, ID_PROOF_ADMIN) != 1)
		return 0;
	if (audit(db, AUDIT_ACCOUNT_CREATE, actor_id, address, *id, NULL, 0) <
		0 ||
	    mc_admin_grant(db, actor_id, address, *id, n->role, n->agency_id) <
		0)
		return -1;
	return 1;
}

int
mc_admin_grant(struct mc_db *db, long long actor_id, const char *address,
    long long account_id, enum mc_role role, unsigned int agency)
{
	const char *name = mc_auth_role_name(role);
	long long   n;

	if ((n = mc_db_exec(db, stmts[STMT_GRANT], "isi", account_id, name,
		 (long long)agency)) < 0)
		return -1;
	if (n == 0)
		return 0;
	return audit(db, AUDIT_ROLE_GRANT, actor_id, address, account_id, name,
		   agency) < 0 ?
	    -1 :
	    1;
}

int
mc_admin_revoke(struct mc_db *db, long long actor_id, const char *address,
    long long account_id, enum mc_role role, unsigned int agency)
{
	const char *name = mc_auth_role_name(role);
	long long   n;

	if ((n = mc_db_exec(db, stmts[STMT_REVOKE], "isi", account_id, name,
		 (long long)agency)) < 0)
		return -1;
	if (n == 0)
		return 0;
	return audit(db, AUDIT_ROLE_REVOKE, actor_id, address, account_id,
		   name, agency) < 0 ?
	    -1 :
	    1;
}

int
mc_admin_tax_verify_by(struct mc_db *db, long long actor_id,
    const char *address, long long account_id, const char *tax_code,
    enum mc_id_proof proof)
{
	struct mc_audit e = { AUDIT_TAX_VERIFIED, account_id, actor_id,
		tax_code, address };
	int		rc;

	if ((rc = mc_auth_tax_verify(db, account_id, tax_code, proof)) != 1)
		return rc;
	return mc_audit_write(db, &e) < 0 ? -1 : 1;
}

int
mc_admin_tax_verify(struct mc_db *db, long long actor_id, const char *address,
    long long account_id, const char *tax_code)
{
	return mc_admin_tax_verify_by(db, actor_id, address, account_id,
	    tax_code, ID_PROOF_ADMIN);
}

int
mc_admin_disable(struct mc_db *db, long long actor_id, const char *address,
    long long account_id)
{
	long long n;

	if ((n = mc_db_exec(db, stmts[STMT_DISABLE], "i", account_id)) < 0)
		return -1;
	if (n == 0)
		return 0;
	if (mc_auth_sessions_end(db, account_id, NULL) < 0 ||
	    audit(db, AUDIT_ACCOUNT_DISABLE, actor_id, address, account_id,
		NULL, 0) < 0)
		return -1;
	return 1;
}

int
mc_admin_reauth_fresh(struct mc_db *db, struct mc_arena *a, const char *token,
    int minutes)
{
	struct mc_rows rows;
	unsigned char  h[32];
	char	       since[20];

	if (token == NULL)
		return 0;
	mc_sha256(h, token, strlen(token));
	mc_time_sql(since, time(NULL) - (time_t)minutes * 60);
	if (mc_db_query(db, a, &rows, stmts[STMT_REAUTH_GET], "bs", (char *)h,
		sizeof(h), since) < 0 ||
	    rows.n != 1)
		return -1;
	return mc_rows_int(&rows, 0, 0) > 0;
}

struct reauth {
	long long   account_id;
	const char *token;
	const char *address;
};

static int
reauth_tx(struct mc_db *db, void *arg)
{
	const struct reauth *t = arg;
	struct mc_audit	     e = { AUDIT_REAUTH, t->account_id, 0, NULL,
		     t->address };
	unsigned char	     h[32];
	char		     now[20];

	mc_sha256(h, t->token, strlen(t->token));
	mc_time_sql(now, time(NULL));
	if (mc_db_exec(db, stmts[STMT_REAUTH_SET], "sb", now, (char *)h,
		sizeof(h)) < 0)
		return -1;
	return mc_audit_write(db, &e);
}

/* A refused re-authentication: counted, audited; 0 or -1. */
static int
reauth_refuse(struct mc_db *db, struct mc_arena *a, long long account_id,
    const char *key, struct mc_reauth *t, time_t now, enum mc_reauth_why why)
{
	struct mc_audit e = { AUDIT_REAUTH_FAILED, account_id, 0,
		why == REAUTH_PASSWORD ? "password" : "code", t->address };

	t->why = why;
	if ((t->wait = mc_throttle_fail(db, a, THROTTLE_LOGIN, key, now)) <
		0 ||
	    mc_audit_log(db, &e) < 0)
		return -1;
	if (t->wait > 0)
		t->why = REAUTH_WAIT;
	return 0;
}

/* 1 for six ASCII digits. */
static int
six_digits(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= MC_TOTP_DIGITS || s[i] < '0' || s[i] > '9')
			return 0;
	return i == MC_TOTP_DIGITS;
}

int
mc_admin_reauth_check(struct mc_db *db, struct mc_arena *a,
    long long account_id, struct mc_reauth *t, time_t now)
{
	const char *key = mc_arena_printf(a, "reauth:%lld", account_id);
	int	    rc, on, recovery;

	t->why = REAUTH_PASSWORD;
	if ((t->wait = mc_throttle_wait(db, a, THROTTLE_LOGIN, key, now)) < 0)
		return -1;
	if (t->wait > 0) {
		t->why = REAUTH_WAIT;
		return 0;
	}
	if (t->password == NULL || *t->password == '\0')
		return 0;
	if ((rc = mc_password_is_current(db, a, account_id, t->password)) < 0)
		return -1;
	if (rc == 0)
		return reauth_refuse(db, a, account_id, key, t, now,
		    REAUTH_PASSWORD);
	/* The password is right: the second factor too, if the account has it. */
	if ((on = mc_totp_on(db, a, account_id)) < 0)
		return -1;
	if (on && (t->code == NULL || *t->code == '\0'))
		return reauth_refuse(db, a, account_id, key, t, now,
		    REAUTH_CODE_MISSING);
	if (on) {
		rc = six_digits(t->code) ?
		    mc_totp_check(db, a, account_id, t->code, now, &recovery) :
		    0;
		if (rc < 0)
			return -1;
		if (rc == 0)
			return reauth_refuse(db, a, account_id, key, t, now,
			    REAUTH_CODE_WRONG);
	}
	t->why = REAUTH_OK;
	return mc_throttle_clear(db, THROTTLE_LOGIN, key) < 0 ? -1 : 1;
}

int
mc_admin_reauth_mark(struct mc_db *db, long long account_id, const char *token,
    const char *address)
{
	struct reauth t = { account_id, token, address };

	if (token == NULL)
		return -1;
	return mc_db_tx(db, reauth_tx, &t) != 0 ? -1 : 0;
}

int
mc_admin_roles(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    int max, struct mc_rows *out)
{
	if (mc_db_query(db, a, out, stmts[STMT_ROLES], "iii",
		(long long)agency, (long long)agency, (long long)max) < 0)
		return -1;
	return out->n == 0 || out->ncols == AROLE__MAX ? 0 : -1;
}

int
mc_admin_agencies(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    struct mc_rows *out)
{
	return mc_db_query(db, a, out, stmts[STMT_AGENCIES], "ii",
	    (long long)agency, (long long)agency);
}

int
mc_admin_scope(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    unsigned int *agency)
{
	struct mc_rows rows;
	size_t	       i;
	int	       found = 0;

	*agency = 0;
	for (i = 0; u != NULL && i < u->ngrants; i++) {
		if (u->grants[i].role != ROLE_ADMIN)
			continue;
		if (mc_db_query(db, a, &rows, stmts[STMT_KIND], "i",
			(long long)u->grants[i].agency_id) < 0)
			return -1;
		if (rows.n == 1 &&
		    strcmp(mc_rows_str(&rows, 0, 0), "city") == 0) {
			*agency = 0;
			return 1;
		}
		if (!found)
			*agency = u->grants[i].agency_id;
		found = 1;
	}
	return found;
}

int
mc_admin_scope_at(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, unsigned int want, unsigned int *agency)
{
	int rc;

	if ((rc = mc_admin_scope(db, a, u, agency)) <= 0 || want == 0 ||
	    *agency == 0)
		return rc;
	if ((rc = mc_admin_over_agency(db, a, u, want)) < 0)
		return -1;
	if (rc == 1)
		*agency = want;
	return 1;
}

int
mc_admin_places(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    struct mc_admin_place *out, size_t max, size_t *n)
{
	struct mc_rows rows;
	size_t	       i;

	*n = 0;
	for (i = 0; u != NULL && i < u->ngrants && *n < max; i++) {
		if (u->grants[i].role != ROLE_ADMIN)
			continue;
		if (mc_db_query(db, a, &rows, stmts[STMT_NAME], "i",
			(long long)u->grants[i].agency_id) < 0)
			return -1;
		out[*n].agency_id = u->grants[i].agency_id;
		out[*n].name = rows.n == 1 ? mc_rows_str(&rows, 0, 0) : "";
		(*n)++;
	}
	return 0;
}
