/*
 * One-time codes by SMS that prove a phone number: sent with limits,
 * checked with counted attempts, used once in the caller's transaction.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_phonecode.h"
#include "mc_util.h"

enum stmt {
	STMT_RECENT,
	STMT_RECENT_ADDR,
	STMT_INSERT,
	STMT_LOCK,
	STMT_WRONG,
	STMT_PROVED,
	STMT_USE,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* The phone's codes of the last hour: count, latest, oldest. */
	[STMT_RECENT] = "SELECT COUNT(*), "
	    "COALESCE(UNIX_TIMESTAMP(MAX(sent_at)), 0), "
	    "COALESCE(UNIX_TIMESTAMP(MIN(sent_at)), 0) FROM phone_codes "
	    "WHERE phone = ? AND purpose = ? AND sent_at > ?",
	[STMT_RECENT_ADDR] = "SELECT COUNT(*), "
	    "COALESCE(UNIX_TIMESTAMP(MIN(sent_at)), 0) FROM phone_codes "
	    "WHERE address = ? AND sent_at > ?",
	[STMT_INSERT] = "INSERT INTO phone_codes (purpose, phone, "
	    "ticket_hash, code_mac, address, sent_at, expires_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
	[STMT_LOCK] = "SELECT id, code_mac, attempts, "
	    "expires_at > ? AND used_at IS NULL FROM phone_codes "
	    "WHERE ticket_hash = ? AND purpose = ? AND phone = ? FOR UPDATE",
	[STMT_WRONG] = "UPDATE phone_codes SET attempts = attempts + 1 "
	    "WHERE id = ?",
	[STMT_PROVED] = "UPDATE phone_codes SET verified_at = ? "
	    "WHERE id = ? AND verified_at IS NULL",
	[STMT_USE] = "UPDATE phone_codes SET used_at = ? WHERE id = ? "
	    "AND phone = ? AND verified_at IS NOT NULL AND used_at IS NULL "
	    "AND expires_at > ?",
};
/* clang-format on */

static const char *const purposes[PHONECODE__MAX] = {
	[PHONECODE_FEEDBACK] = "feedback",
	[PHONECODE_ACCOUNT] = "account",
};

const char *
mc_phonecode_purpose_name(int p)
{
	return p >= 0 && p < PHONECODE__MAX ? purposes[p] : "feedback";
}

static long
minutes(void)
{
	return (long)mc_config_int("phone_code_minutes", 10, 1, 60);
}

static long
attempts_max(void)
{
	return (long)mc_config_int("phone_code_attempts", 5, 1, 20);
}

/* hex(SHA-256(ticket)) */
static void
ticket_hash(const char *ticket, char out[65])
{
	unsigned char h[32];

	mc_sha256(h, ticket, strlen(ticket));
	mc_hex(out, h, sizeof(h));
}

/* hex(HMAC(secret, "phone-code\n<ticket>\n<code>")) */
static void
code_mac(const char *ticket, const char *code, char out[65])
{
	const char   *secret = mc_config_get("secret", "");
	unsigned char mac[32];
	char	      msg[160];

	snprintf(msg, sizeof(msg), "phone-code\n%s\n%s", ticket, code);
	mc_hmac_sha256(mac, secret, strlen(secret), msg, strlen(msg));
	mc_hex(out, mac, sizeof(mac));
}

/* tmpl with {code} and {minutes} replaced, in the arena; NULL on error. */
static const char *
sms_text(struct mc_arena *a, const char *tmpl, const char *code)
{
	struct buf  b;
	const char *p, *out = NULL;
	int	    rc = 0;

	mc_buf_init(&b, 2048);
	for (p = tmpl; *p != '\0' && rc == 0; p++) {
		if (strncmp(p, "{code}", 6) == 0) {
			rc = mc_buf_adds(&b, code);
			p += 5;
		} else if (strncmp(p, "{minutes}", 9) == 0) {
			rc = mc_buf_addf(&b, "%ld", minutes());
			p += 8;
		} else
			rc = mc_buf_addc(&b, *p);
	}
	if (rc == 0)
		out = mc_arena_strndup(a, b.s, b.len);
	mc_buf_free(&b);
	return out;
}

/* What a sending's transaction needs. */
struct send_tx {
	const char *purpose, *phone, *address, *hash, *mac, *sms;
	time_t	    now;
};

static int
send_tx(struct mc_db *db, void *arg)
{
	struct send_tx *t = arg;
	char		now[20], exp[20];

	mc_time_sql(now, t->now);
	mc_time_sql(exp, t->now + minutes() * 60);
	if (mc_db_exec(db, stmts[STMT_INSERT], "sssssss", t->purpose, t->phone,
		t->hash, t->mac, t->address, now, exp) < 0)
		return -1;
	return mc_outbox_sms(db, t->phone, t->sms, 0);
}

int
mc_phonecode_send(struct mc_db *db, struct mc_arena *a, int purpose,
    const char *phone, const char *address, const char *sms, time_t now,
    const char **ticket, long *wait)
{
	struct mc_rows rows;
	struct send_tx t;
	unsigned char  rnd[32];
	char	       since[20], hash[65], mac[65], code[8], *tk;
	long	       resend, hourly, hourly_addr;
	unsigned int   n;

	*wait = 0;
	resend = (long)mc_config_int("phone_code_resend_seconds", 60, 0, 3600);
	hourly = (long)mc_config_int("phone_code_hourly", 5, 1, 100);
	hourly_addr = (long)mc_config_int("phone_code_hourly_addr", 20, 1,
	    10000);
	mc_time_sql(since, now - 3600);
	if (mc_db_query(db, a, &rows, stmts[STMT_RECENT], "sss", phone,
		mc_phonecode_purpose_name(purpose), since) < 0 ||
	    rows.n != 1)
		return -1;
	if (mc_rows_int(&rows, 0, 0) > 0 &&
	    now - mc_rows_int(&rows, 0, 1) < resend) {
		*wait = resend - (long)(now - mc_rows_int(&rows, 0, 1));
		return PHONECODE_E_WAIT;
	}
	if (mc_rows_int(&rows, 0, 0) >= hourly) {
		*wait = 3600 - (long)(now - mc_rows_int(&rows, 0, 2));
		return PHONECODE_E_LIMIT;
	}
	if (address != NULL && *address != '\0') {
		if (mc_db_query(db, a, &rows, stmts[STMT_RECENT_ADDR], "ss",
			address, since) < 0 ||
		    rows.n != 1)
			return -1;
		if (mc_rows_int(&rows, 0, 0) >= hourly_addr) {
			*wait = 3600 - (long)(now - mc_rows_int(&rows, 0, 1));
			return PHONECODE_E_LIMIT;
		}
	}
	if (mc_random(rnd, sizeof(rnd)) < 0)
		return -1;
	tk = mc_arena_alloc(a, 65);
	mc_hex(tk, rnd, sizeof(rnd));
	if (mc_random(&n, sizeof(n)) < 0)
		return -1;
	snprintf(code, sizeof(code), "%06u", n % 1000000u);
	ticket_hash(tk, hash);
	code_mac(tk, code, mac);
	memset(&t, 0, sizeof(t));
	t.purpose = mc_phonecode_purpose_name(purpose);
	t.phone = phone;
	t.address = address;
	t.hash = hash;
	t.mac = mac;
	t.now = now;
	if ((t.sms = sms_text(a, sms, code)) == NULL)
		return -1;
	if (mc_db_tx(db, send_tx, &t) != 0)
		return -1;
	*ticket = tk;
	return 0;
}

/* What a check's transaction needs and finds. */
struct check_tx {
	struct mc_arena *a;
	const char	*purpose, *phone, *hash, *mac;
	time_t		 now;
	int		 outcome, left;
	long long	 id;
};

static int
check_tx(struct mc_db *db, void *arg)
{
	struct check_tx *t = arg;
	struct mc_rows	 rows;
	char		 now[20];
	long		 tries;

	mc_time_sql(now, t->now);
	t->outcome = PHONECODE_E_EXPIRED;
	t->left = 0;
	if (mc_db_query(db, t->a, &rows, stmts[STMT_LOCK], "ssss", now,
		t->hash, t->purpose, t->phone) < 0)
		return -1;
	if (rows.n != 1)
		return 0;
	tries = (long)mc_rows_int(&rows, 0, 2);
	if (mc_rows_int(&rows, 0, 3) != 1 || tries >= attempts_max())
		return 0;
	t->id = mc_rows_int(&rows, 0, 0);
	if (!mc_ct_equal(mc_rows_str(&rows, 0, 1), t->mac, 64)) {
		if (mc_db_exec(db, stmts[STMT_WRONG], "i", t->id) < 0)
			return -1;
		t->left = (int)(attempts_max() - tries - 1);
		t->outcome = t->left > 0 ? PHONECODE_E_WRONG :
					   PHONECODE_E_EXPIRED;
		return 0;
	}
	if (mc_db_exec(db, stmts[STMT_PROVED], "si", now, t->id) < 0)
		return -1;
	t->outcome = 0;
	return 0;
}

int
mc_phonecode_check(struct mc_db *db, struct mc_arena *a, int purpose,
    const char *phone, const char *ticket, const char *code, time_t now,
    long long *id, int *left)
{
	struct check_tx t;
	char		hash[65], mac[65];
	size_t		i;

	*id = 0;
	*left = 0;
	if (ticket == NULL || strlen(ticket) != 64 || phone == NULL)
		return PHONECODE_E_EXPIRED;
	memset(&t, 0, sizeof(t));
	ticket_hash(ticket, hash);
	/* Not six digits: wrong, and counted like any wrong code. */
	for (i = 0; code != NULL && code[i] >= '0' && code[i] <= '9'; i++)
		;
	code_mac(ticket,
	    code != NULL && i == 6 && code[6] == '\0' ? code : "-", mac);
	t.a = a;
	t.purpose = mc_phonecode_purpose_name(purpose);
	t.phone = phone;
	t.hash = hash;
	t.mac = mac;
	t.now = now;
	if (mc_db_tx(db, check_tx, &t) != 0)
		return -1;
	if (t.outcome == 0)
		*id = t.id;
	*left = t.left;
	return t.outcome;
}

int
mc_phonecode_use(struct mc_db *db, long long id, const char *phone, time_t now)
{
	char	  at[20];
	long long n;

	mc_time_sql(at, now);
	if ((n = mc_db_exec(db, stmts[STMT_USE], "siss", at, id, phone, at)) <
	    0)
		return -1;
	return n == 1;
}
