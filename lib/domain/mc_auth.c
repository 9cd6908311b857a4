/*
 * Accounts, sessions and API tokens. Passwords: Argon2id (libargon2).
 * Sessions and tokens: 32 random bytes given out as 64 hex digits; only the
 * SHA-256 of those digits is stored, so a stolen table opens nothing.
 * Cookies and CSRF are the web's: lib/web/mc_session.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <argon2.h>

#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_util.h"

#define ARGON_T	 2
#define ARGON_M	 19456 /* KiB */
#define ARGON_P	 1
#define SALT_LEN 16
#define HASH_LEN 32
/* Accounts tried for one login by ID number (claims of the same number). */
#define LOGIN_ID_MAX 4
#define MC_STR_(x)   #x
#define MC_STR(x)    MC_STR_(x)

enum stmt {
	STMT_LOGIN_EMAIL,
	STMT_LOGIN_ID,
	STMT_SESSION_NEW,
	STMT_SESSION_GET,
	STMT_SESSION_DEL,
	STMT_TOKEN_GET,
	STMT_TOKEN_NEW,
	STMT_ACCOUNT,
	STMT_ROLES,
	STMT_ACCOUNT_NEW,
	STMT_GRANT,
	STMT_ID_HOLDER,
	STMT_ID_CLAIMS,
	STMT_ID_CLAIMANT,
	STMT_ID_VERIFY,
	STMT_ID_OF,
	STMT_BY_EMAIL,
	STMT_ADMIN_OVER,
	STMT_SESSION_OPEN,
	STMT_SESSION_TOUCH,
	STMT_SESSIONS,
	STMT_SESSION_END_ID,
	STMT_SESSIONS_END_ALL,
	STMT_SESSIONS_END_OTHERS,
	STMT_TAX_HOLDER,
	STMT_TAX_SET,
	STMT_TAX_VERIFY,
	STMT_TAX_CLAIMANT,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* The verified e-mail first, then accounts where it waits for its
	 * link (mc_verify): each has its own password. */
	[STMT_LOGIN_EMAIL] = "(SELECT id, password_hash, 0 AS k FROM accounts "
	    "WHERE email = ? AND disabled = 0) UNION ALL "
	    "(SELECT id, password_hash, 1 FROM accounts WHERE email_new = ? "
	    "AND disabled = 0 ORDER BY id LIMIT " MC_STR(LOGIN_ID_MAX) ") "
	    "ORDER BY k, id",
	/* Several accounts may claim a number: the verified one first. */
	[STMT_LOGIN_ID] = "SELECT id, password_hash FROM accounts "
	    "WHERE id_number = ? AND disabled = 0 "
	    "ORDER BY id_verified DESC, id LIMIT " MC_STR(LOGIN_ID_MAX),
	[STMT_SESSION_NEW] = "INSERT INTO sessions (token_hash, account_id, "
	    "created_at, expires_at) VALUES (?, ?, ?, ?)",
	[STMT_SESSION_GET] = "SELECT account_id FROM sessions "
	    "WHERE token_hash = ? AND expires_at > ? "
	    "AND COALESCE(last_seen_at, created_at) > ?",
	[STMT_SESSION_DEL] = "DELETE FROM sessions WHERE token_hash = ?",
	[STMT_TOKEN_GET] = "SELECT account_id FROM api_tokens "
	    "WHERE token_hash = ? AND (expires_at IS NULL OR expires_at > ?)",
	[STMT_TOKEN_NEW] = "INSERT INTO api_tokens (token_hash, account_id, "
	    "created_at, expires_at) VALUES (?, ?, ?, ?)",
	[STMT_ACCOUNT] = "SELECT id, full_name, email, id_number, phone, "
	    "address, id_verified, kind = 'org', org_name, tax_code, "
	    "tax_verified FROM accounts WHERE id = ? AND disabled = 0",
	[STMT_ROLES] = "SELECT role, agency_id FROM account_roles "
	    "WHERE account_id = ?",
	[STMT_ACCOUNT_NEW] = "INSERT INTO accounts (email, id_number, "
	    "full_name, phone, password_hash, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_GRANT] = "INSERT IGNORE INTO account_roles (account_id, role, "
	    "agency_id) VALUES (?, ?, ?)",
	[STMT_ID_HOLDER] = "SELECT id FROM accounts "
	    "WHERE verified_id_number = ? AND disabled = 0",
	[STMT_ID_CLAIMS] = "SELECT COUNT(*) FROM accounts "
	    "WHERE id_number = ? AND id_verified = 0 AND disabled = 0",
	/* A verified contact first; one waiting for its proof (mc_verify)
	 * only when no other claim of the number waits with it. */
	[STMT_ID_CLAIMANT] = "SELECT id, "
	    "COALESCE(email = ? OR phone = ?, 0) AS v FROM accounts "
	    "WHERE id_number = ? AND id_verified = 0 AND disabled = 0 "
	    "AND (email = ? OR phone = ? OR email_new = ? OR phone_new = ?) "
	    "ORDER BY v DESC, id LIMIT 2",
	[STMT_ID_VERIFY] = "UPDATE accounts SET id_verified = 1, "
	    "id_verified_by = ?, id_verified_at = ? "
	    "WHERE id = ? AND id_number = ? AND id_verified = 0",
	[STMT_ID_OF] = "SELECT id_number, id_verified FROM accounts "
	    "WHERE id = ?",
	[STMT_BY_EMAIL] = "SELECT id FROM accounts "
	    "WHERE email = ? AND disabled = 0",
	[STMT_ADMIN_OVER] = "SELECT COUNT(*) FROM account_roles a "
	    "JOIN agencies aa ON aa.id = a.agency_id "
	    "WHERE a.account_id = ? AND a.role = 'admin' AND "
	    "(aa.kind = 'city' OR EXISTS (SELECT 1 FROM account_roles o "
	    "JOIN agencies ag ON ag.id = o.agency_id WHERE o.account_id = ? "
	    "AND (ag.id = aa.id OR ag.parent_id = aa.id)))",
	[STMT_SESSION_OPEN] = "INSERT INTO sessions (token_hash, account_id, "
	    "created_at, expires_at, last_seen_at, user_agent, address, "
	    "method) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_SESSION_TOUCH] = "UPDATE sessions SET last_seen_at = ? "
	    "WHERE token_hash = ? AND (last_seen_at IS NULL "
	    "OR last_seen_at < ?)",
	[STMT_SESSIONS] = "SELECT id, created_at, "
	    "COALESCE(last_seen_at, created_at) AS seen, user_agent, address, "
	    "method, IF(token_hash = ?, 1, 0) FROM sessions "
	    "WHERE account_id = ? AND expires_at > ? "
	    "AND COALESCE(last_seen_at, created_at) > ? "
	    "ORDER BY seen DESC, id DESC LIMIT 100",
	[STMT_SESSION_END_ID] = "DELETE FROM sessions "
	    "WHERE id = ? AND account_id = ?",
	[STMT_SESSIONS_END_ALL] = "DELETE FROM sessions WHERE account_id = ?",
	[STMT_SESSIONS_END_OTHERS] = "DELETE FROM sessions "
	    "WHERE account_id = ? AND token_hash <> ?",
	[STMT_TAX_HOLDER] = "SELECT id FROM accounts "
	    "WHERE verified_tax_code = ?",
	[STMT_TAX_SET] = "UPDATE accounts SET kind = 'org', org_name = ?, "
	    "tax_code = ?, tax_verified = 0 WHERE id = ?",
	[STMT_TAX_VERIFY] = "UPDATE accounts SET tax_verified = 1, "
	    "tax_verified_by = ?, tax_verified_at = ? "
	    "WHERE id = ? AND kind = 'org' AND tax_code = ? "
	    "AND tax_verified = 0",
	/* As STMT_ID_CLAIMANT, among the organisations claiming the code. */
	[STMT_TAX_CLAIMANT] = "SELECT id, "
	    "COALESCE(email = ? OR phone = ?, 0) AS v FROM accounts "
	    "WHERE tax_code = ? AND kind = 'org' AND tax_verified = 0 "
	    "AND disabled = 0 "
	    "AND (email = ? OR phone = ? OR email_new = ? OR phone_new = ?) "
	    "ORDER BY v DESC, id LIMIT 2",
};
/* clang-format on */

/* clang-format off */
static const char *const role_names[ROLE__MAX] = {
	"citizen", "receiver", "specialist", "leader", "admin", "evaluator",
	"webmaster"
};
/* clang-format on */

const char *
mc_auth_role_name(enum mc_role r)
{
	return role_names[r];
}

int
mc_auth_role_parse(const char *s)
{
	int i;

	for (i = 0; i < ROLE__MAX; i++)
		if (s != NULL && strcmp(s, role_names[i]) == 0)
			return i;
	return -1;
}

int
mc_auth_hash_password(const char *password, char *out, size_t outsz)
{
	unsigned char salt[SALT_LEN];

	if (mc_random(salt, sizeof(salt)) < 0)
		return -1;
	if (argon2id_hash_encoded(ARGON_T, ARGON_M, ARGON_P, password,
		strlen(password), salt, sizeof(salt), HASH_LEN, out,
		outsz) != ARGON2_OK)
		return -1;
	return 0;
}

int
mc_auth_verify_password(const char *encoded, const char *password)
{
	int rc;

	if (encoded != NULL && encoded[0] == '!')
		return 0; /* no password (single sign-on only): none matches */
	rc = argon2id_verify(encoded, password, strlen(password));
	if (rc == ARGON2_OK)
		return 1;
	if (rc == ARGON2_VERIFY_MISMATCH)
		return 0;
	return -1;
}

/* SHA-256 of a 64-hex token string: what the tables store. */
static void
token_hash(unsigned char out[32], const char *token)
{
	mc_sha256(out, token, strlen(token));
}

int
mc_auth_login(struct mc_db *db, struct mc_arena *a, const char *login,
    const char *password, long long *id)
{
	static char    dummy[128];
	struct mc_rows rows;
	size_t	       i;
	int	       ok, rc;

	if (dummy[0] == '\0' &&
	    mc_auth_hash_password("not a password", dummy, sizeof(dummy)) < 0)
		return -1;
	if (strchr(login, '@') != NULL)
		rc = mc_db_query(db, a, &rows, stmts[STMT_LOGIN_EMAIL], "ss",
		    login, login);
	else
		rc = mc_db_query(db, a, &rows, stmts[STMT_LOGIN_ID], "s",
		    login);
	if (rc < 0)
		return -1;
	if (rows.n == 0) {
		mc_auth_verify_password(dummy, password); /* same time */
		return 0;
	}
	/* Each claim of an ID number or e-mail has its own password. */
	for (i = 0; i < rows.n; i++) {
		ok = mc_auth_verify_password(mc_rows_str(&rows, i, 1),
		    password);
		if (ok != 0) {
			if (ok == 1)
				*id = mc_rows_int(&rows, i, 0);
			return ok;
		}
	}
	return 0;
}

int
mc_auth_session_new(struct mc_db *db, long long account_id, char token[65])
{
	return mc_auth_session_open(db, account_id, NULL, NULL, NULL, token);
}

int
mc_auth_session_open(struct mc_db *db, long long account_id,
    const char *user_agent, const char *address, const char *method,
    char token[65])
{
	unsigned char raw[32], h[32];
	char	      now[20], until[20], ua[256];
	time_t	      t = time(NULL);
	size_t	      n;

	if (mc_random(raw, sizeof(raw)) < 0)
		return -1;
	mc_hex(token, raw, sizeof(raw));
	token_hash(h, token);
	mc_time_sql(now, t);
	mc_time_sql(until, t + MC_SESSION_HOURS * 3600);
	if (user_agent != NULL) {
		/* Cut at 255 bytes, not inside a UTF-8 sequence. */
		n = strlen(user_agent);
		if (n > sizeof(ua) - 1)
			n = sizeof(ua) - 1;
		while (n > 0 && ((unsigned char)user_agent[n] & 0xc0) == 0x80)
			n--;
		memcpy(ua, user_agent, n);
		ua[n] = '\0';
		user_agent = mc_utf8_valid(ua, n) ? ua : NULL;
	}
	return mc_db_exec(db, stmts[STMT_SESSION_OPEN], "bissssss", (char *)h,
		   sizeof(h), account_id, now, until, now, user_agent, address,
		   method) < 0 ?
	    -1 :
	    0;
}

long
mc_auth_session_idle(void)
{
	return (long)mc_config_int("session_idle_minutes",
	    MC_SESSION_IDLE_MINUTES, 1, 1440);
}

int
mc_auth_sessions(struct mc_db *db, struct mc_arena *a, long long account_id,
    const char *current, struct mc_rows *out)
{
	unsigned char h[32];
	char	      now[20], idle[20];
	time_t	      t = time(NULL);

	memset(h, 0, sizeof(h));
	if (current != NULL)
		token_hash(h, current);
	mc_time_sql(now, t);
	mc_time_sql(idle, t - mc_auth_session_idle() * 60);
	if (mc_db_query(db, a, out, stmts[STMT_SESSIONS], "biss", (char *)h,
		sizeof(h), account_id, now, idle) < 0)
		return -1;
	if (out->ncols != SESS__MAX) {
		mc_err("sessions: %zu columns, want %d", out->ncols,
		    SESS__MAX);
		return -1;
	}
	return 0;
}

int
mc_auth_session_end_id(struct mc_db *db, long long account_id, long long id)
{
	long long n;

	n = mc_db_exec(db, stmts[STMT_SESSION_END_ID], "ii", id, account_id);
	return n < 0 ? -1 : n > 0;
}

long long
mc_auth_sessions_end(struct mc_db *db, long long account_id, const char *keep)
{
	unsigned char h[32];

	if (keep == NULL)
		return mc_db_exec(db, stmts[STMT_SESSIONS_END_ALL], "i",
		    account_id);
	token_hash(h, keep);
	return mc_db_exec(db, stmts[STMT_SESSIONS_END_OTHERS], "ib",
	    account_id, (char *)h, sizeof(h));
}

int
mc_auth_session_drop(struct mc_db *db, const char *token)
{
	unsigned char h[32];

	token_hash(h, token);
	return mc_db_exec(db, stmts[STMT_SESSION_DEL], "b", (char *)h,
		   sizeof(h)) < 0 ?
	    -1 :
	    0;
}

const char *
mc_auth_token_shape(const char *s)
{
	if (s == NULL || strlen(s) != 64 ||
	    s[strspn(s, "0123456789abcdef")] != '\0')
		return NULL;
	return s;
}

int
mc_auth_link_find(struct mc_db *db, struct mc_arena *a, const char *sql,
    const char *token, time_t now, struct mc_rows *rows)
{
	unsigned char h[32];
	char	      t[20];

	if (mc_auth_token_shape(token) == NULL)
		return 0;
	mc_sha256(h, token, strlen(token));
	mc_time_sql(t, now);
	if (mc_db_query(db, a, rows, sql, "bs", (char *)h, sizeof(h), t) < 0)
		return -1;
	return rows->n > 0 ? 1 : 0;
}

int
mc_auth_token_owner(struct mc_db *db, struct mc_arena *a, int bearer,
    const char *token, long long *account_id)
{
	unsigned char  h[32];
	char	       now[20], idle[20], minute[20];
	struct mc_rows rows;
	time_t	       t = time(NULL);

	mc_time_sql(now, t);
	token_hash(h, token);
	if (bearer) {
		if (mc_db_query(db, a, &rows, stmts[STMT_TOKEN_GET], "bs",
			(char *)h, sizeof(h), now) < 0)
			return -1;
	} else {
		mc_time_sql(idle, t - mc_auth_session_idle() * 60);
		if (mc_db_query(db, a, &rows, stmts[STMT_SESSION_GET], "bss",
			(char *)h, sizeof(h), now, idle) < 0)
			return -1;
	}
	if (rows.n == 0)
		return 0;
	*account_id = mc_rows_int(&rows, 0, 0);
	if (bearer)
		return 1;
	/* Used now: the idle clock starts again (a write a minute at most). */
	mc_time_sql(minute, t - 60);
	if (mc_db_exec(db, stmts[STMT_SESSION_TOUCH], "sbs", now, (char *)h,
		sizeof(h), minute) < 0)
		return -1;
	return 1;
}

int
mc_auth_account_load(struct mc_db *db, struct mc_arena *a, long long id,
    struct mc_user **out)
{
	struct mc_rows	acc, roles;
	struct mc_user *u;
	size_t		i;
	int		role;

	if (mc_db_query(db, a, &acc, stmts[STMT_ACCOUNT], "i", id) < 0 ||
	    mc_db_query(db, a, &roles, stmts[STMT_ROLES], "i", id) < 0)
		return -1;
	if (acc.n == 0)
		return 0;
	u = mc_arena_alloc(a, sizeof(*u));
	u->id = id;
	u->full_name = mc_rows_str(&acc, 0, 1);
	u->email = mc_rows_str(&acc, 0, 2);
	u->id_number = mc_rows_str(&acc, 0, 3);
	u->phone = mc_rows_str(&acc, 0, 4);
	u->address = mc_rows_str(&acc, 0, 5);
	u->id_verified = mc_rows_int(&acc, 0, 6) != 0;
	u->org = mc_rows_int(&acc, 0, 7) != 0;
	u->org_name = mc_rows_str(&acc, 0, 8);
	u->tax_code = mc_rows_str(&acc, 0, 9);
	u->tax_verified = mc_rows_int(&acc, 0, 10) != 0;
	u->grants = mc_arena_alloc(a, (roles.n + 1) * sizeof(*u->grants));
	for (i = 0; i < roles.n; i++) {
		if ((role = mc_auth_role_parse(mc_rows_str(&roles, i, 0))) < 0)
			continue;
		u->grants[u->ngrants].role = (enum mc_role)role;
		u->grants[u->ngrants].agency_id = (unsigned int)mc_rows_int(
		    &roles, i, 1);
		u->ngrants++;
		u->roles |= 1u << role;
	}
	*out = u;
	return 1;
}

int
mc_auth_has_role(const struct mc_user *u, enum mc_role role)
{
	return u != NULL && (u->roles & (1u << role)) != 0;
}

int
mc_auth_acts_for(const struct mc_user *u, unsigned int roles,
    unsigned int agency_id)
{
	size_t i;

	if (u == NULL)
		return 0;
	for (i = 0; i < u->ngrants; i++)
		if ((roles & (1u << u->grants[i].role)) &&
		    u->grants[i].agency_id == agency_id)
			return 1;
	return 0;
}

int
mc_auth_token_create(struct mc_db *db, long long account_id, int days,
    char token[65])
{
	unsigned char raw[32], h[32];
	char	      now[20], until[20];
	time_t	      t = time(NULL);

	if (mc_random(raw, sizeof(raw)) < 0)
		return -1;
	mc_hex(token, raw, sizeof(raw));
	token_hash(h, token);
	mc_time_sql(now, t);
	mc_time_sql(until, t + (time_t)days * 86400);
	return mc_db_exec(db, stmts[STMT_TOKEN_NEW], "biss", (char *)h,
		   sizeof(h), account_id, now, until) < 0 ?
	    -1 :
	    0;
}

long long
mc_auth_account_create(struct mc_db *db, const char *email,
    const char *id_number, const char *full_name, const char *phone,
    const char *password)
{
	char hash[128], now[20];

	if (mc_auth_hash_password(password, hash, sizeof(hash)) < 0)
		return -1;
	mc_time_sql(now, time(NULL));
	if (mc_db_exec(db, stmts[STMT_ACCOUNT_NEW], "ssssss", email, id_number,
		full_name, phone, hash, now) < 0)
		return -1;
	return (long long)mc_db_insert_id(db);
}

int
mc_auth_grant(struct mc_db *db, long long account_id, enum mc_role role,
    unsigned int agency_id)
{
	return mc_db_exec(db, stmts[STMT_GRANT], "isi", account_id,
		   role_names[role], (long long)agency_id) < 0 ?
	    -1 :
	    0;
}

int
mc_auth_id_holder(struct mc_db *db, struct mc_arena *a, const char *id_number,
    struct mc_user **out)
{
	struct mc_rows rows;

	if (id_number == NULL)
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_ID_HOLDER], "s", id_number) <
	    0)
		return -1;
	if (rows.n == 0)
		return 0;
	return mc_auth_account_load(db, a, mc_rows_int(&rows, 0, 0), out);
}

long long
mc_auth_id_claims(struct mc_db *db, struct mc_arena *a, const char *id_number)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_ID_CLAIMS], "s", id_number) <
		0 ||
	    rows.n == 0)
		return -1;
	return mc_rows_int(&rows, 0, 0);
}

int
mc_auth_id_claimant(struct mc_db *db, struct mc_arena *a,
    const char *id_number, const char *contact, long long *id)
{
	struct mc_rows rows;

	if (id_number == NULL || contact == NULL)
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_ID_CLAIMANT], "sssssss",
		contact, contact, id_number, contact, contact, contact,
		contact) < 0)
		return -1;
	if (rows.n == 0 || (rows.n > 1 && mc_rows_int(&rows, 0, 1) != 1))
		return 0;
	*id = mc_rows_int(&rows, 0, 0);
	return 1;
}

int
mc_auth_id_verify(struct mc_db *db, struct mc_arena *a, long long account_id,
    const char *id_number, enum mc_id_proof proof)
{
	static const char *const how[] = { "sso", "counter", "admin" };
	struct mc_rows		 rows;
	char			 now[20];
	long long		 n;

	if (mc_db_query(db, a, &rows, stmts[STMT_ID_OF], "i", account_id) < 0)
		return -1;
	if (rows.n == 0 || mc_rows_str(&rows, 0, 0) == NULL ||
	    strcmp(mc_rows_str(&rows, 0, 0), id_number) != 0)
		return 0;
	if (mc_rows_int(&rows, 0, 1) != 0)
		return 1;
	mc_time_sql(now, time(NULL));
	n = mc_db_exec(db, stmts[STMT_ID_VERIFY], "ssis", how[proof], now,
	    account_id, id_number);
	if (n < 0)
		return mc_db_errno(db) == 1062 ? 0 : -1; /* another verified */
	return n > 0 ? 1 : 0;
}

int
mc_auth_account_by_email(struct mc_db *db, struct mc_arena *a,
    const char *email, struct mc_user **out)
{
	struct mc_rows rows;

	if (email == NULL)
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_BY_EMAIL], "s", email) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	return mc_auth_account_load(db, a, mc_rows_int(&rows, 0, 0), out);
}

int
mc_auth_admin_over(struct mc_db *db, struct mc_arena *a, long long admin_id,
    long long account_id)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_ADMIN_OVER], "ii", admin_id,
		account_id) < 0 ||
	    rows.n == 0)
		return -1;
	return mc_rows_int(&rows, 0, 0) > 0;
}

int
mc_auth_tax_holder(struct mc_db *db, struct mc_arena *a, const char *tax_code,
    long long *id)
{
	struct mc_rows rows;

	if (tax_code == NULL)
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_TAX_HOLDER], "s", tax_code) <
	    0)
		return -1;
	if (rows.n == 0)
		return 0;
	*id = mc_rows_int(&rows, 0, 0);
	return 1;
}

int
mc_auth_org_set(struct mc_db *db, long long account_id, const char *org_name,
    const char *tax_code)
{
	return mc_db_exec(db, stmts[STMT_TAX_SET], "ssi", org_name, tax_code,
		   account_id) < 0 ?
	    -1 :
	    0;
}

int
mc_auth_tax_claimant(struct mc_db *db, struct mc_arena *a,
    const char *tax_code, const char *contact, long long *id)
{
	struct mc_rows rows;

	if (tax_code == NULL || contact == NULL)
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_TAX_CLAIMANT], "sssssss",
		contact, contact, tax_code, contact, contact, contact,
		contact) < 0)
		return -1;
	if (rows.n == 0 || (rows.n > 1 && mc_rows_int(&rows, 0, 1) != 1))
		return 0;
	*id = mc_rows_int(&rows, 0, 0);
	return 1;
}

int
mc_auth_tax_verify(struct mc_db *db, long long account_id,
    const char *tax_code, enum mc_id_proof proof)
{
	static const char *const how[] = { "sso", "counter", "admin" };
	char			 now[20];
	long long		 n;

	if (proof == ID_PROOF_SSO || tax_code == NULL)
		return 0; /* no provider vouches for a tax code */
	mc_time_sql(now, time(NULL));
	n = mc_db_exec(db, stmts[STMT_TAX_VERIFY], "ssis", how[proof], now,
	    account_id, tax_code);
	if (n < 0)
		return mc_db_errno(db) == 1062 ? 0 : -1; /* another verified */
	return n > 0 ? 1 : 0;
}
