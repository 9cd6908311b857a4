/*
 * The hash-chained audit log (mc_audit.h). A row's hash is
 *   SHA-256(prev_hash "\n" "mc-audit-1" "|" id "|" at "|" event "|"
 *           account_id "|" actor_id "|" field(subject) "|" field(address))
 * with ids in decimal ("" for NULL) and field(x) "~" for NULL or
 * "<bytes>:<x>", so that no two different rows write the same text; the
 * first row's prev_hash is 64 zeros. Writers lock audit_head first.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_util.h"

#define ZERO_HASH \
	"0000000000000000000000000000000000000000000000000000000000000000"
#define BATCH 1000

enum stmt {
	STMT_HEAD_LOCK,
	STMT_HEAD_SET,
	STMT_INSERT,
	STMT_HEAD_GET,
	STMT_ROWS,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_HEAD_LOCK] = "SELECT last_id, hash FROM audit_head "
	    "WHERE id = 1 FOR UPDATE",
	[STMT_HEAD_SET] = "UPDATE audit_head SET last_id = ?, hash = ? "
	    "WHERE id = 1",
	[STMT_INSERT] = "INSERT INTO audit_log (id, at, event, account_id, "
	    "actor_id, subject, address, prev_hash, hash) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_HEAD_GET] = "SELECT last_id, hash FROM audit_head WHERE id = 1",
	[STMT_ROWS] = "SELECT id, at, event, account_id, actor_id, subject, "
	    "address, prev_hash, hash FROM audit_log WHERE id > ? "
	    "ORDER BY id LIMIT 1000",
};

static const char *const names[AUDIT__MAX] = {
	[AUDIT_LOGIN] = "login",
	[AUDIT_LOGIN_FAILED] = "login_failed",
	[AUDIT_LOGOUT] = "logout",
	[AUDIT_SESSION_END] = "session_end",
	[AUDIT_SESSIONS_END] = "sessions_end",
	[AUDIT_PASSWORD_CHANGE] = "password_change",
	[AUDIT_PASSWORD_RESET] = "password_reset",
	[AUDIT_TOTP_RESET] = "totp_reset",
};
/* clang-format on */

enum col {
	C_ID,
	C_AT,
	C_EVENT,
	C_ACCOUNT,
	C_ACTOR,
	C_SUBJECT,
	C_ADDRESS,
	C_PREV,
	C_HASH,
	C__MAX
};

const char *
mc_audit_event_name(enum mc_audit_event e)
{
	return (unsigned)e < AUDIT__MAX ? names[e] : "?";
}

/* Appends field(x) of the header comment to buf; the length written. */
static void
field(char *buf, size_t size, size_t *off, const char *x)
{
	int n;

	if (*off >= size)
		return;
	n = x == NULL ?
	    snprintf(buf + *off, size - *off, "|~") :
	    snprintf(buf + *off, size - *off, "|%zu:%s", strlen(x), x);
	*off += n < 0 ? 0 : (size_t)n;
}

/* The row's hash (65 bytes: hex and NUL); 0, or -1 if it does not fit. */
static int
row_hash(char out[65], const char *prev, const char *id, const char *at,
    const char *event, const char *account, const char *actor,
    const char *subject, const char *address)
{
	char	      buf[1024];
	unsigned char h[32];
	size_t	      off = 0;
	int	      n;

	n = snprintf(buf, sizeof(buf), "%s\nmc-audit-1|%s|%s|%s|%s|%s", prev,
	    id, at, event, account != NULL ? account : "",
	    actor != NULL ? actor : "");
	if (n < 0 || (size_t)n >= sizeof(buf))
		return -1;
	off = (size_t)n;
	field(buf, sizeof(buf), &off, subject);
	field(buf, sizeof(buf), &off, address);
	if (off >= sizeof(buf))
		return -1;
	mc_sha256(h, buf, off);
	mc_hex(out, h, sizeof(h));
	return 0;
}

/* A text as the log keeps it: at most max bytes of valid UTF-8, or NULL. */
static const char *
kept(char *buf, size_t max, const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if (n > max)
		n = max;
	while (n > 0 && n < strlen(s) && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return mc_utf8_valid(buf, n) ? buf : "(not UTF-8)";
}

int
mc_audit_write(struct mc_db *db, const struct mc_audit *e)
{
	struct mc_arena *a;
	struct mc_rows	 head;
	char		 at[20], id[24], acc[24], act[24], hash[65], prev[65];
	char		 subj[256], addr[46];
	const char	*s, *ad;
	long long	 next;
	int		 rc = -1;

	if ((unsigned)e->event >= AUDIT__MAX ||
	    (a = mc_arena_new(4096)) == NULL)
		return -1;
	if (mc_db_query(db, a, &head, stmts[STMT_HEAD_LOCK], "") < 0 ||
	    head.n != 1) {
		mc_err("audit: no head row (migration 0031)");
		goto out;
	}
	next = mc_rows_int(&head, 0, 0) + 1;
	snprintf(prev, sizeof(prev), "%s", mc_rows_str(&head, 0, 1));
	mc_time_sql(at, time(NULL));
	snprintf(id, sizeof(id), "%lld", next);
	snprintf(acc, sizeof(acc), "%lld", e->account_id);
	snprintf(act, sizeof(act), "%lld", e->actor_id);
	s = kept(subj, sizeof(subj) - 1, e->subject);
	ad = kept(addr, sizeof(addr) - 1, e->address);
	if (row_hash(hash, prev, id, at, names[e->event],
		e->account_id > 0 ? acc : NULL, e->actor_id > 0 ? act : NULL,
		s, ad) < 0)
		goto out;
	if (mc_db_exec(db, stmts[STMT_INSERT], "issIIssss", next, at,
		names[e->event], e->account_id, e->actor_id, s, ad, prev,
		hash) < 0 ||
	    mc_db_exec(db, stmts[STMT_HEAD_SET], "is", next, hash) < 0)
		goto out;
	rc = 0;
out:
	mc_arena_free(a);
	return rc;
}

static int
log_tx(struct mc_db *db, void *arg)
{
	return mc_audit_write(db, arg);
}

int
mc_audit_log(struct mc_db *db, const struct mc_audit *e)
{
	return mc_db_tx(db, log_tx, (void *)e) < 0 ? -1 : 0;
}

int
mc_audit_check(struct mc_db *db, struct mc_arena *a, long long *rows,
    long long *bad_id, const char **why)
{
	struct mc_rows r, head;
	char	       prev[65], hash[65];
	long long      last = 0, id;
	size_t	       i;

	*rows = 0;
	snprintf(prev, sizeof(prev), "%s", ZERO_HASH);
	for (;;) {
		if (mc_db_query(db, a, &r, stmts[STMT_ROWS], "i", last) < 0 ||
		    (r.n > 0 && r.ncols != C__MAX))
			return -1;
		for (i = 0; i < r.n; i++) {
			id = mc_rows_int(&r, i, C_ID);
			*bad_id = last + 1;
			if (id != last + 1) {
				*why = "a row is missing before this one";
				return 1;
			}
			if (strcmp(mc_rows_str(&r, i, C_PREV), prev) != 0) {
				*why = "its prev_hash is not the previous "
				       "row's hash";
				return 1;
			}
			if (row_hash(hash, prev, mc_rows_str(&r, i, C_ID),
				mc_rows_str(&r, i, C_AT),
				mc_rows_str(&r, i, C_EVENT),
				mc_rows_str(&r, i, C_ACCOUNT),
				mc_rows_str(&r, i, C_ACTOR),
				mc_rows_str(&r, i, C_SUBJECT),
				mc_rows_str(&r, i, C_ADDRESS)) < 0 ||
			    strcmp(hash, mc_rows_str(&r, i, C_HASH)) != 0) {
				*why = "its fields do not give its hash";
				return 1;
			}
			memcpy(prev, hash, sizeof(prev));
			last = id;
			(*rows)++;
		}
		if (r.n < BATCH)
			break;
	}
	if (mc_db_query(db, a, &head, stmts[STMT_HEAD_GET], "") < 0 ||
	    head.n != 1)
		return -1;
	*bad_id = last + 1;
	if (mc_rows_int(&head, 0, 0) != last ||
	    strcmp(mc_rows_str(&head, 0, 1), prev) != 0) {
		*why = "the last rows are missing (the head is further on)";
		return 1;
	}
	return 0;
}
