/*
 * The rule a new password must meet (mc_password.h): the common passwords
 * read once into one block with an array of line pointers, searched with
 * bsearch(3); the other checks on the password's NFC lowercase.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_password.h"
#include "mc_util.h"

#define LIST_MAX_BYTES (16L << 20)
/* Digits and signs around a common word that still leave it common. */
#define DRESS_MAX 6
#define CORE_MIN  4
/* What a password may add to the account's own value and still be it. */
#define PERSONAL_EXTRA 4
#define PERSONAL_MIN   4

enum stmt {
	STMT_PW_SET,
	STMT_PW_GET,
	STMT_RESET_ACCOUNT,
	STMT_RESET_RECENT,
	STMT_RESET_NEW,
	STMT_RESET_GET,
	STMT_RESET_USE,
	STMT_RESET_OTHERS,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_PW_SET] = "UPDATE accounts SET password_hash = ? WHERE id = ?",
	[STMT_PW_GET] = "SELECT password_hash FROM accounts "
	    "WHERE id = ? AND disabled = 0",
	[STMT_RESET_ACCOUNT] = "SELECT id FROM accounts "
	    "WHERE email = ? AND disabled = 0",
	[STMT_RESET_RECENT] = "SELECT COUNT(*) FROM password_resets "
	    "WHERE account_id = ? AND created_at > ?",
	[STMT_RESET_NEW] = "INSERT INTO password_resets (token_hash, "
	    "account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
	[STMT_RESET_GET] = "SELECT account_id FROM password_resets "
	    "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
	[STMT_RESET_USE] = "UPDATE password_resets SET used_at = ? "
	    "WHERE token_hash = ? AND account_id = ? AND used_at IS NULL "
	    "AND expires_at > ?",
	[STMT_RESET_OTHERS] = "UPDATE password_resets SET used_at = ? "
	    "WHERE account_id = ? AND used_at IS NULL",
};
/* clang-format on */

static char	   *list_block;
static const char **list;
static size_t	    nlist;

/* clang-format off */
static const char *const verdict_names[PW__MAX] = {
	"ok", "short", "long", "common", "personal", "weak"
};
/* clang-format on */

const char *
mc_password_verdict_name(enum mc_pw_verdict v)
{
	return v < PW__MAX ? verdict_names[v] : "ok";
}

/* Splits the block into lines, checking they are sorted; 0 or -1. */
static int
list_index(const char *path, char *block, size_t len)
{
	size_t i, n = 0;
	char  *p, *nl;

	for (i = 0; i < len; i++)
		if (block[i] == '\n')
			n++;
	if ((list = calloc(n + 1, sizeof(*list))) == NULL)
		return -1;
	for (p = block; p < block + len; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(block + len - p))) == NULL)
			nl = block + len;
		*nl = '\0';
		if (*p == '\0')
			continue;
		if (nlist > 0 && strcmp(list[nlist - 1], p) >= 0) {
			mc_err("%s: not sorted bytewise at \"%s\"", path, p);
			return -1;
		}
		list[nlist++] = p;
	}
	return 0;
}

int
mc_password_load(const char *path)
{
	static char def[1024];
	FILE	   *f;
	long	    len;
	char	   *block;
	const char *p = path;

	if (list != NULL)
		return 0;
	if (p == NULL)
		p = mc_config_get("common_passwords", NULL);
	if (p == NULL) {
		snprintf(def, sizeof(def), "%s/common-passwords.txt",
		    mc_config_get("seed_dir", "db/seed"));
		p = def;
	}
	if ((f = fopen(p, "r")) == NULL) {
		mc_err("cannot open the common passwords %s", p);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) < 0 || (len = ftell(f)) < 0 ||
	    len > LIST_MAX_BYTES || fseek(f, 0, SEEK_SET) < 0 ||
	    (block = malloc((size_t)len + 1)) == NULL) {
		mc_err("cannot read the common passwords %s", p);
		fclose(f);
		return -1;
	}
	if (fread(block, 1, (size_t)len, f) != (size_t)len) {
		mc_err("cannot read the common passwords %s", p);
		fclose(f);
		free(block);
		return -1;
	}
	fclose(f);
	block[len] = '\0';
	if (list_index(p, block, (size_t)len) < 0) {
		free(list);
		list = NULL;
		nlist = 0;
		free(block);
		return -1;
	}
	list_block = block;
	return 0;
}

static int
cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

int
mc_password_common(const char *s)
{
	if (mc_password_load(NULL) < 0)
		return -1;
	return bsearch(s, list, nlist, sizeof(*list), cmp) != NULL;
}

/* NFC and lowercase of valid UTF-8 into the arena; NULL if invalid. */
static char *
lower(struct mc_arena *a, const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	const char	*n;
	char		*out;
	size_t		 i = 0, len;

	if (s == NULL || (n = mc_nfc(a, s)) == NULL)
		return NULL;
	len = strlen(n);
	out = mc_arena_alloc(a, 4 * len + 1);
	while (*n != '\0') {
		k = utf8proc_iterate((const utf8proc_uint8_t *)n, -1, &cp);
		if (k <= 0)
			return NULL;
		n += k;
		i += (size_t)utf8proc_encode_char(utf8proc_tolower(cp),
		    (utf8proc_uint8_t *)out + i);
	}
	out[i] = '\0';
	return out;
}

/* 1 if c is an ASCII digit or sign (what dresses up a common word). */
static int
dress(unsigned char c)
{
	return c < 0x80 && c > 0x20 && !(c >= 'a' && c <= 'z');
}

/*
 * 1 if the lowercase password is a common one, or a common word of at
 * least CORE_MIN characters with at most DRESS_MAX digits and signs
 * around it ("password2026!", "@motcua1"); -1 on error.
 */
static int
is_common(struct mc_arena *a, const char *lw)
{
	size_t b = 0, e = strlen(lw);
	int    rc;

	if ((rc = mc_password_common(lw)) != 0)
		return rc;
	while (b < e && dress((unsigned char)lw[b]))
		b++;
	while (e > b && dress((unsigned char)lw[e - 1]))
		e--;
	if (e - b == strlen(lw) || e - b < CORE_MIN ||
	    strlen(lw) - (e - b) > DRESS_MAX)
		return 0;
	return mc_password_common(mc_arena_strndup(a, lw + b, e - b));
}

/* The letters and digits of s, folded (no marks, lowercase), no spaces. */
static char *
bare(struct mc_arena *a, const char *s)
{
	char  *f;
	size_t i, j;

	if (s == NULL || (f = mc_fold_plain(a, s)) == NULL)
		return NULL;
	for (i = j = 0; f[i] != '\0'; i++)
		if (f[i] != ' ')
			f[j++] = f[i];
	f[j] = '\0';
	return f;
}

/* 1 if the password is little more than one of the account's values. */
static int
is_personal(struct mc_arena *a, const char *pw, const char *const *personal,
    size_t n)
{
	const char *bp = bare(a, pw), *v, *at;
	size_t	    i, lv;

	if (bp == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if (personal[i] == NULL)
			continue;
		v = personal[i];
		if ((at = strchr(v, '@')) != NULL) /* an e-mail's own part */
			v = mc_arena_strndup(a, v, (size_t)(at - v));
		if ((v = bare(a, v)) == NULL ||
		    (lv = strlen(v)) < PERSONAL_MIN)
			continue;
		if (strstr(bp, v) != NULL && strlen(bp) - lv <= PERSONAL_EXTRA)
			return 1;
	}
	return 0;
}

/* How many different code points the (valid UTF-8) string has, up to 64. */
static size_t
distinct(const char *s)
{
	utf8proc_int32_t seen[64], cp;
	utf8proc_ssize_t k;
	size_t		 n = 0, i;

	while (*s != '\0' && n < 64) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
		if (k <= 0)
			break;
		s += k;
		for (i = 0; i < n && seen[i] != cp; i++)
			;
		if (i == n)
			seen[n++] = cp;
	}
	return n;
}

int
mc_password_judge(struct mc_arena *a, const char *pw,
    const char *const *personal, size_t n, enum mc_pw_verdict *out)
{
	const char *lw;
	size_t	    chars;
	int	    rc;

	*out = PW_OK;
	if (pw == NULL || !mc_utf8_valid(pw, strlen(pw)) ||
	    (chars = mc_utf8_chars(pw)) < MC_PASSWORD_MIN) {
		*out = PW_SHORT;
		return 0;
	}
	if (chars > MC_PASSWORD_MAX) {
		*out = PW_LONG;
		return 0;
	}
	if ((lw = lower(a, pw)) == NULL) {
		*out = PW_WEAK;
		return 0;
	}
	if ((rc = is_common(a, lw)) < 0)
		return -1;
	if (rc == 1)
		*out = PW_COMMON;
	else if (is_personal(a, pw, personal, n))
		*out = PW_PERSONAL;
	else if (distinct(lw) < MC_PASSWORD_DISTINCT)
		*out = PW_WEAK;
	return 0;
}

/* ------------------------------------------------ changing and resetting */

struct pw_set {
	long long   id;
	const char *hash;
	const char *keep;  /* token of the session kept, or NULL */
	const char *reset; /* reset token used, or NULL */
	char	    now[20];
};

static int
pw_set_tx(struct mc_db *db, void *arg)
{
	struct pw_set  *p = arg;
	struct mc_audit au = { 0 };
	unsigned char	h[32];
	long long	n;

	if (p->reset != NULL) {
		mc_sha256(h, p->reset, strlen(p->reset));
		if ((n = mc_db_exec(db, stmts[STMT_RESET_USE], "sbis", p->now,
			 (char *)h, sizeof(h), p->id, p->now)) < 0)
			return -1;
		if (n == 0)
			return 1; /* used or expired meanwhile */
		if (mc_db_exec(db, stmts[STMT_RESET_OTHERS], "si", p->now,
			p->id) < 0)
			return -1;
	}
	if (mc_db_exec(db, stmts[STMT_PW_SET], "si", p->hash, p->id) < 0)
		return -1;
	au.event = p->reset != NULL ? AUDIT_PASSWORD_RESET :
				      AUDIT_PASSWORD_CHANGE;
	au.account_id = p->id;
	if (mc_audit_write(db, &au) < 0)
		return -1;
	return mc_auth_sessions_end(db, p->id, p->keep) < 0 ? -1 : 0;
}

int
mc_password_set(struct mc_db *db, long long account_id, const char *password,
    const char *keep_token)
{
	struct pw_set p = { account_id, NULL, keep_token, NULL, "" };
	char	      hash[128];

	if (mc_auth_hash_password(password, hash, sizeof(hash)) < 0)
		return -1;
	p.hash = hash;
	mc_time_sql(p.now, time(NULL));
	return mc_db_tx(db, pw_set_tx, &p) == 0 ? 0 : -1;
}

int
mc_password_is_current(struct mc_db *db, struct mc_arena *a,
    long long account_id, const char *password)
{
	struct mc_rows rows;

	if (password == NULL)
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_PW_GET], "i", account_id) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	return mc_auth_verify_password(mc_rows_str(&rows, 0, 0), password);
}

int
mc_password_reset_new(struct mc_db *db, struct mc_arena *a, const char *email,
    time_t now, char token[65], long long *account_id)
{
	struct mc_rows rows;
	unsigned char  raw[32], h[32];
	char	       t[20], since[20], until[20];

	if (email == NULL)
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_RESET_ACCOUNT], "s", email) <
	    0)
		return -1;
	if (rows.n == 0)
		return 0;
	*account_id = mc_rows_int(&rows, 0, 0);
	mc_time_sql(since, now - 3600);
	if (mc_db_query(db, a, &rows, stmts[STMT_RESET_RECENT], "is",
		*account_id, since) < 0 ||
	    rows.n == 0)
		return -1;
	if (mc_rows_int(&rows, 0, 0) >= MC_PASSWORD_RESETS_HOUR)
		return 0;
	if (mc_random(raw, sizeof(raw)) < 0)
		return -1;
	mc_hex(token, raw, sizeof(raw));
	mc_sha256(h, token, strlen(token));
	mc_time_sql(t, now);
	mc_time_sql(until, now + MC_PASSWORD_RESET_MINUTES * 60);
	if (mc_db_exec(db, stmts[STMT_RESET_NEW], "biss", (char *)h, sizeof(h),
		*account_id, t, until) < 0)
		return -1;
	return 1;
}

int
mc_password_reset_owner(struct mc_db *db, struct mc_arena *a,
    const char *token, time_t now, long long *account_id)
{
	struct mc_rows rows;
	int	       rc;

	if ((rc = mc_auth_link_find(db, a, stmts[STMT_RESET_GET], token, now,
		 &rows)) != 1)
		return rc;
	*account_id = mc_rows_int(&rows, 0, 0);
	return 1;
}

int
mc_password_reset_finish(struct mc_db *db, const char *token,
    long long account_id, const char *password, time_t now)
{
	struct pw_set p = { account_id, NULL, NULL, token, "" };
	char	      hash[128];
	int	      rc;

	if (mc_auth_token_shape(token) == NULL)
		return 0;
	if (mc_auth_hash_password(password, hash, sizeof(hash)) < 0)
		return -1;
	p.hash = hash;
	mc_time_sql(p.now, now);
	if ((rc = mc_db_tx(db, pw_set_tx, &p)) < 0)
		return -1;
	return rc == 0 ? 1 : 0;
}
