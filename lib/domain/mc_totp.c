/*
 * Officers' second factor (mc_totp.h): liboath computes and checks the
 * codes; the secret is sealed with AES-256-GCM (OpenSSL) under a key
 * derived from the site secret; recovery codes are kept as SHA-256.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>
#include <openssl/evp.h>

#include "mc_account.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_totp.h"
#include "mc_util.h"

#define NONCE_LEN 12
#define TAG_LEN	  16
#define SEALED	  (NONCE_LEN + TAG_LEN + MC_TOTP_SECRET_BYTES)

enum stmt {
	STMT_GET,
	STMT_MUST,
	STMT_NEW,
	STMT_CONFIRM,
	STMT_STEP,
	STMT_CODES_DEL,
	STMT_CODE_NEW,
	STMT_CODE_USE,
	STMT_CODES_LEFT,
	STMT_DEL,
	STMT_MUST_SET,
	STMT_MUST_CLEAR,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_GET] = "SELECT secret, confirmed_at IS NOT NULL, last_step "
	    "FROM account_totp WHERE account_id = ?",
	[STMT_MUST] = "SELECT totp_required FROM accounts WHERE id = ?",
	[STMT_NEW] = "INSERT INTO account_totp (account_id, secret, "
	    "created_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "secret = IF(confirmed_at IS NULL, VALUES(secret), secret), "
	    "created_at = IF(confirmed_at IS NULL, VALUES(created_at), "
	    "created_at)",
	[STMT_CONFIRM] = "UPDATE account_totp SET confirmed_at = ?, "
	    "last_step = ? WHERE account_id = ? AND confirmed_at IS NULL",
	/* A step is good once: concurrent uses of one code, one wins. */
	[STMT_STEP] = "UPDATE account_totp SET last_step = ? "
	    "WHERE account_id = ? AND last_step < ? "
	    "AND confirmed_at IS NOT NULL",
	[STMT_CODES_DEL] = "DELETE FROM account_recovery_codes "
	    "WHERE account_id = ?",
	[STMT_CODE_NEW] = "INSERT INTO account_recovery_codes (account_id, "
	    "code_hash) VALUES (?, ?)",
	[STMT_CODE_USE] = "UPDATE account_recovery_codes SET used_at = ? "
	    "WHERE account_id = ? AND code_hash = ? AND used_at IS NULL",
	[STMT_CODES_LEFT] = "SELECT COUNT(*) FROM account_recovery_codes "
	    "WHERE account_id = ? AND used_at IS NULL",
	[STMT_DEL] = "DELETE FROM account_totp WHERE account_id = ?",
	[STMT_MUST_SET] = "UPDATE accounts SET totp_required = 1 WHERE id = ?",
	[STMT_MUST_CLEAR] = "UPDATE accounts SET totp_required = 0 "
	    "WHERE id = ?",
};
/* clang-format on */

static int oath_ready;

static int
ready(void)
{
	if (!oath_ready && oath_init() != OATH_OK) {
		mc_err("oath_init failed");
		return -1;
	}
	oath_ready = 1;
	return 0;
}

/* The sealing key: HMAC-SHA256 of a label under the site secret. */
static int
seal_key(unsigned char key[32])
{
	const char *secret = mc_config_get("secret", "");
	const char *label = "motcua totp secret v1";

	if (*secret == '\0') {
		mc_err("no site secret: cannot seal a TOTP secret");
		return -1;
	}
	mc_hmac_sha256(key, secret, strlen(secret), label, strlen(label));
	return 0;
}

/* Seals raw (MC_TOTP_SECRET_BYTES) into out (SEALED bytes); 0 or -1. */
static int
seal(const unsigned char *raw, unsigned char *out)
{
	EVP_CIPHER_CTX *c;
	unsigned char	key[32];
	int		n, ok;

	if (seal_key(key) < 0 || mc_random(out, NONCE_LEN) < 0 ||
	    (c = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	ok = EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, out) == 1 &&
	    EVP_EncryptUpdate(c, out + NONCE_LEN + TAG_LEN, &n, raw,
		MC_TOTP_SECRET_BYTES) == 1 &&
	    EVP_EncryptFinal_ex(c, out + NONCE_LEN + TAG_LEN + n, &n) == 1 &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, TAG_LEN,
		out + NONCE_LEN) == 1;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

/* Opens a sealed secret (len bytes) into raw; 0, or -1 if it fails. */
static int
unseal(const unsigned char *in, size_t len, unsigned char *raw)
{
	EVP_CIPHER_CTX *c;
	unsigned char	key[32];
	int		n, ok;

	if (len != SEALED || seal_key(key) < 0 ||
	    (c = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	ok = EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, in) == 1 &&
	    EVP_DecryptUpdate(c, raw, &n, in + NONCE_LEN + TAG_LEN,
		MC_TOTP_SECRET_BYTES) == 1 &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, TAG_LEN,
		(void *)(in + NONCE_LEN)) == 1 &&
	    EVP_DecryptFinal_ex(c, raw + n, &n) == 1;
	EVP_CIPHER_CTX_free(c);
	if (!ok)
		mc_err("a TOTP secret does not open (site secret changed?)");
	return ok ? 0 : -1;
}

int
mc_totp_code(const void *secret, size_t n, time_t t, unsigned digits, int sha,
    char *out)
{
	int flags = sha == 256 ? OATH_TOTP_HMAC_SHA256 :
	    sha == 512	       ? OATH_TOTP_HMAC_SHA512 :
				 0;

	if (ready() < 0)
		return -1;
	return oath_totp_generate2(secret, n, t, MC_TOTP_STEP,
		   OATH_TOTP_DEFAULT_START_TIME, digits, flags,
		   out) == OATH_OK ?
	    0 :
	    -1;
}

/* The account's row: 1 and its fields, 0 none, -1 error. */
static int
row(struct mc_db *db, struct mc_arena *a, long long id, unsigned char *raw,
    int *confirmed, long long *last_step)
{
	struct mc_rows rows;
	const char    *s;

	if (mc_db_query(db, a, &rows, stmts[STMT_GET], "i", id) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	s = mc_rows_str(&rows, 0, 0);
	if (raw != NULL &&
	    unseal((const unsigned char *)s, rows.len[0], raw) < 0)
		return -1;
	*confirmed = mc_rows_int(&rows, 0, 1) != 0;
	*last_step = mc_rows_int(&rows, 0, 2);
	return 1;
}

int
mc_totp_status(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    enum mc_totp_state *state, int *must)
{
	struct mc_rows rows;
	long long      step;
	int	       rc, confirmed = 0;

	*state = TOTP_NONE;
	*must = 0;
	if ((rc = row(db, a, u->id, NULL, &confirmed, &step)) < 0 ||
	    mc_db_query(db, a, &rows, stmts[STMT_MUST], "i", u->id) < 0)
		return -1;
	if (rc == 1)
		*state = confirmed ? TOTP_ON : TOTP_PENDING;
	if (rows.n > 0 && mc_rows_int(&rows, 0, 0) != 0)
		*must = 1;
	if ((u->roles & ROLES_OFFICER) &&
	    strcmp(mc_config_get("totp_officers", "required"), "required") ==
		0)
		*must = 1;
	return 0;
}

int
mc_totp_on(struct mc_db *db, struct mc_arena *a, long long id)
{
	long long step;
	int	  rc, confirmed = 0;

	if ((rc = row(db, a, id, NULL, &confirmed, &step)) <= 0)
		return rc;
	return confirmed;
}

int
mc_totp_missing(struct mc_db *db, struct mc_arena *a, const struct mc_user *u)
{
	enum mc_totp_state s;
	int		   must;

	if (u == NULL)
		return 0;
	if (mc_totp_status(db, a, u, &s, &must) < 0)
		return -1;
	return must && s != TOTP_ON;
}

/* Base32 of a raw secret, without padding, into the arena. */
static const char *
base32(struct mc_arena *a, const unsigned char *raw)
{
	char  *b;
	size_t n, i;
	char  *out;

	if (oath_base32_encode((const char *)raw, MC_TOTP_SECRET_BYTES, &b,
		&n) != OATH_OK)
		return NULL;
	for (i = n; i > 0 && b[i - 1] == '='; i--)
		;
	out = mc_arena_strndup(a, b, i);
	free(b);
	return out;
}

int
mc_totp_begin(struct mc_db *db, struct mc_arena *a, long long id,
    const char **b32)
{
	unsigned char raw[MC_TOTP_SECRET_BYTES], sealed[SEALED];
	char	      now[20];
	long long     step;
	int	      rc, confirmed = 0;

	*b32 = NULL;
	if (ready() < 0 || (rc = row(db, a, id, raw, &confirmed, &step)) < 0)
		return -1;
	if (rc == 1 && confirmed)
		return 0;
	if (rc == 0) {
		if (mc_random(raw, sizeof(raw)) < 0 || seal(raw, sealed) < 0)
			return -1;
		mc_time_sql(now, time(NULL));
		if (mc_db_exec(db, stmts[STMT_NEW], "ibs", id, (char *)sealed,
			sizeof(sealed), now) < 0)
			return -1;
	}
	return (*b32 = base32(a, raw)) == NULL ? -1 : 0;
}

/* Percent-encodes s for a URI's path or query, into the arena. */
static const char *
uri_escape(struct mc_arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char		 *out = mc_arena_alloc(a, 3 * strlen(s) + 1), *p = out;
	unsigned char	  c;

	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (isalnum(c) || c == '-' || c == '.' || c == '_' ||
		    c == '~' || c == '@') {
			*p++ = (char)c;
			continue;
		}
		*p++ = '%';
		*p++ = hex[c >> 4];
		*p++ = hex[c & 15];
	}
	*p = '\0';
	return out;
}

const char *
mc_totp_uri(struct mc_arena *a, const char *label, const char *b32)
{
	const char *issuer = uri_escape(a, "Một Cửa");

	return mc_arena_printf(a,
	    "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1"
	    "&digits=%d&period=%d",
	    issuer, uri_escape(a, label), b32, issuer, MC_TOTP_DIGITS,
	    MC_TOTP_STEP);
}

/*
 * The time step a six-digit code was made for, within the window around
 * now: 1 and *step, 0 if it matches none, -1 on error.
 */
static int
code_step(const unsigned char *raw, const char *code, time_t now,
    long long *step)
{
	uint64_t counter = 0;
	int	 pos, rc;

	if (code == NULL || strlen(code) != MC_TOTP_DIGITS ||
	    code[strspn(code, "0123456789")] != '\0')
		return 0;
	rc = oath_totp_validate4((const char *)raw, MC_TOTP_SECRET_BYTES, now,
	    MC_TOTP_STEP, OATH_TOTP_DEFAULT_START_TIME, MC_TOTP_WINDOW, &pos,
	    &counter, 0, code);
	if (rc == OATH_INVALID_OTP)
		return 0;
	if (rc < 0) {
		mc_err("oath_totp_validate4: %s", oath_strerror(rc));
		return -1;
	}
	*step = (long long)counter;
	return 1;
}

/* A recovery code as stored: lowercase letters and digits only, hashed. */
static int
recovery_hash(const char *code, unsigned char h[32])
{
	char   norm[32];
	size_t n = 0;

	for (; code != NULL && *code != '\0'; code++) {
		if (*code == '-' || *code == ' ')
			continue;
		if (!isalnum((unsigned char)*code) || n + 1 >= sizeof(norm))
			return -1;
		norm[n++] = (char)tolower((unsigned char)*code);
	}
	if (n != MC_TOTP_RECOVERY_SIZE - 2)
		return -1;
	mc_sha256(h, norm, n);
	return 0;
}

struct confirm {
	long long   id;
	long long   step;
	const char *keep;
	char (*codes)[MC_TOTP_RECOVERY_SIZE];
	char now[20];
};

static int
confirm_tx(struct mc_db *db, void *arg)
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	struct confirm	 *c = arg;
	unsigned char	  raw[MC_TOTP_RECOVERY_SIZE], h[32];
	long long	  n;
	int		  i, j, k;

	if ((n = mc_db_exec(db, stmts[STMT_CONFIRM], "sii", c->now, c->step,
		 c->id)) < 0)
		return -1;
	if (n == 0)
		return 1; /* confirmed meanwhile, or reset */
	if (mc_db_exec(db, stmts[STMT_CODES_DEL], "i", c->id) < 0 ||
	    mc_db_exec(db, stmts[STMT_MUST_CLEAR], "i", c->id) < 0)
		return -1;
	for (i = 0; i < MC_TOTP_RECOVERY; i++) {
		if (mc_random(raw, sizeof(raw)) < 0)
			return -1;
		for (j = k = 0; j < MC_TOTP_RECOVERY_SIZE - 2; j++) {
			if (j == 5)
				c->codes[i][k++] = '-';
			c->codes[i][k++] =
			    alphabet[raw[j] % (sizeof(alphabet) - 1)];
		}
		c->codes[i][k] = '\0';
		if (recovery_hash(c->codes[i], h) < 0 ||
		    mc_db_exec(db, stmts[STMT_CODE_NEW], "ib", c->id,
			(char *)h, sizeof(h)) < 0)
			return -1;
	}
	return mc_auth_sessions_end(db, c->id, c->keep) < 0 ? -1 : 0;
}

int
mc_totp_confirm(struct mc_db *db, struct mc_arena *a, long long id,
    const char *code, time_t now, const char *keep_token,
    char codes[MC_TOTP_RECOVERY][MC_TOTP_RECOVERY_SIZE])
{
	unsigned char  raw[MC_TOTP_SECRET_BYTES];
	struct confirm c = { id, 0, keep_token, codes, "" };
	long long      last;
	int	       rc, confirmed = 0;

	if (ready() < 0 || (rc = row(db, a, id, raw, &confirmed, &last)) < 0)
		return -1;
	if (rc == 0 || confirmed)
		return 0;
	if ((rc = code_step(raw, code, now, &c.step)) <= 0)
		return rc;
	mc_time_sql(c.now, now);
	if ((rc = mc_db_tx(db, confirm_tx, &c)) < 0)
		return -1;
	return rc == 0 ? 1 : 0;
}

int
mc_totp_check(struct mc_db *db, struct mc_arena *a, long long id,
    const char *code, time_t now, int *recovery)
{
	unsigned char raw[MC_TOTP_SECRET_BYTES], h[32];
	char	      t[20];
	long long     last, step, n;
	int	      rc, confirmed = 0;

	*recovery = 0;
	if (ready() < 0 || (rc = row(db, a, id, raw, &confirmed, &last)) < 0)
		return -1;
	if (rc == 0 || !confirmed || code == NULL)
		return 0;
	if (strlen(code) == MC_TOTP_DIGITS) {
		if ((rc = code_step(raw, code, now, &step)) <= 0)
			return rc;
		if ((n = mc_db_exec(db, stmts[STMT_STEP], "iii", step, id,
			 step)) < 0)
			return -1;
		return n > 0 ? 1 : 0; /* 0: that code was used already */
	}
	if (recovery_hash(code, h) < 0)
		return 0;
	mc_time_sql(t, now);
	if ((n = mc_db_exec(db, stmts[STMT_CODE_USE], "sib", t, id, (char *)h,
		 sizeof(h))) < 0)
		return -1;
	*recovery = n > 0;
	return n > 0 ? 1 : 0;
}

long long
mc_totp_recovery_left(struct mc_db *db, struct mc_arena *a, long long id)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_CODES_LEFT], "i", id) < 0 ||
	    rows.n == 0)
		return -1;
	return mc_rows_int(&rows, 0, 0);
}

static int
reset_tx(struct mc_db *db, void *arg)
{
	long long	id = *(long long *)arg;
	struct mc_audit au = { AUDIT_TOTP_RESET, id, 0, NULL, NULL };

	return mc_audit_write(db, &au) < 0 ||
		mc_db_exec(db, stmts[STMT_DEL], "i", id) < 0 ||
		mc_db_exec(db, stmts[STMT_CODES_DEL], "i", id) < 0 ||
		mc_db_exec(db, stmts[STMT_MUST_SET], "i", id) < 0 ||
		mc_auth_sessions_end(db, id, NULL) < 0 ?
	    -1 :
	    0;
}

int
mc_totp_reset(struct mc_db *db, long long id)
{
	return mc_db_tx(db, reset_tx, &id) == 0 ? 0 : -1;
}
