/*
 * The outbox: e-mails and SMS queued as rows in the caller's transaction,
 * claimed one at a time by bin/worker with a token and a deadline, their
 * outcomes recorded by the token's holder; and the row as its wire format
 * (an RFC 5322 message by lib/core/mc_mail, the SMS gateway's JSON).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_mail.h"
#include "mc_outbox.h"
#include "mc_util.h"

#define ERROR_MAX 500 /* bytes of last_error */

enum stmt {
	STMT_EMAIL,
	STMT_SMS,
	STMT_CLAIM,
	STMT_CLAIM_ONE,
	STMT_SENT,
	STMT_SENT_LATE,
	STMT_RETRY,
	STMT_RELEASE,
	STMT_STUCK,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_EMAIL] = "INSERT INTO outbox (channel, recipient, subject, body, "
	    "dossier_id, created_at, next_attempt_at) "
	    "VALUES ('email', ?, ?, ?, ?, NOW(), NOW())",
	[STMT_SMS] = "INSERT INTO outbox (channel, recipient, body, "
	    "dossier_id, created_at, next_attempt_at) "
	    "VALUES ('sms', ?, ?, ?, NOW(), NOW())",
	/* One row, in its own transaction (mc_outbox_claim_one). */
	[STMT_CLAIM] = "SELECT id, channel, recipient, subject, body, attempts, "
	    "UNIX_TIMESTAMP(created_at), unknown_outcomes FROM outbox "
	    "WHERE status = 'pending' AND next_attempt_at <= ? "
	    "ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
	[STMT_CLAIM_ONE] = "UPDATE outbox SET status = 'sending', "
	    "claimed_at = NOW(), claim_token = ?, "
	    "claim_until = NOW(6) + INTERVAL ? SECOND WHERE id = ?",
	/* Outcomes: only by the holder of the row's current token. */
	[STMT_SENT] = "UPDATE outbox SET status = 'sent', sent_at = NOW(), "
	    "attempts = GREATEST(attempts, ?), last_error = NULL, "
	    "claim_until = NULL WHERE id = ? AND claim_token = ? AND "
	    "status = 'sending'",
	/* A delivery recorded after its deadline put the row back: still
	 * ours while nobody has claimed it again (the token is kept). */
	[STMT_SENT_LATE] = "UPDATE outbox SET status = 'sent', "
	    "sent_at = NOW(), last_error = NULL, claim_until = NULL "
	    "WHERE id = ? AND claim_token = ? AND status = 'pending'",
	[STMT_RETRY] = "UPDATE outbox SET status = ?, attempts = ?, "
	    "last_error = ?, claim_until = NULL, next_attempt_at = "
	    "DATE_ADD(NOW(), INTERVAL ? SECOND) WHERE id = ? AND "
	    "claim_token = ? AND status = 'sending'",
	[STMT_RELEASE] = "UPDATE outbox SET status = 'pending', "
	    "next_attempt_at = NOW(), claim_token = NULL, claim_until = NULL "
	    "WHERE id = ? AND claim_token = ? AND status = 'sending'",
	/* Attempts that have certainly ended without an outcome recorded
	 * (rows claimed before migration 0026 have no deadline: minutes). */
	[STMT_STUCK] = "UPDATE outbox SET status = 'pending', "
	    "next_attempt_at = GREATEST(next_attempt_at, NOW()), "
	    "attempts = attempts + 1, "
	    "unknown_outcomes = unknown_outcomes + 1, claim_until = NULL, "
	    "last_error = 'outcome unknown: the worker that sent it stopped "
	    "before recording it' WHERE status = 'sending' AND "
	    "(claim_until < NOW(6) OR claim_until IS NULL AND "
	    "claimed_at < DATE_SUB(NOW(), INTERVAL ? SECOND))",
};
/* clang-format on */

/* ------------------------------------------------------------ writing */

int
mc_outbox_email(struct mc_db *db, const char *to, const char *subject,
    const char *body, long long dossier_id)
{
	if (to == NULL || *to == '\0' || subject == NULL || body == NULL)
		return -1;
	return mc_db_exec(db, stmts[STMT_EMAIL], "sssI", to, subject, body,
		   dossier_id) < 0 ?
	    -1 :
	    0;
}

int
mc_outbox_sms(struct mc_db *db, const char *phone, const char *body,
    long long dossier_id)
{
	if (phone == NULL || *phone == '\0' || body == NULL)
		return -1;
	return mc_db_exec(db, stmts[STMT_SMS], "ssI", phone, body,
		   dossier_id) < 0 ?
	    -1 :
	    0;
}

/* ------------------------------------------------------------ delivering */

int
mc_outbox_claim_one(struct mc_db *db, struct mc_arena *a, time_t now,
    long hold_s, struct mc_outbox_msg *m)
{
	struct mc_rows rows;
	unsigned char  rnd[16];
	char	       at[20];

	memset(m, 0, sizeof(*m));
	if (mc_random(rnd, sizeof(rnd)) < 0)
		return -1;
	mc_hex(m->token, rnd, sizeof(rnd));
	mc_time_sql(at, now);
	if (mc_db_begin(db) < 0)
		return -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_CLAIM], "s", at) < 0)
		goto fail;
	if (rows.n == 0) {
		mc_db_rollback(db);
		return 0;
	}
	m->id = mc_rows_int(&rows, 0, 0);
	m->sms = strcmp(mc_rows_str(&rows, 0, 1), "sms") == 0;
	m->recipient = mc_rows_str(&rows, 0, 2);
	m->subject = mc_rows_str(&rows, 0, 3);
	m->body = mc_rows_str(&rows, 0, 4);
	m->attempts = (int)mc_rows_int(&rows, 0, 5);
	m->created = (time_t)mc_rows_int(&rows, 0, 6);
	m->unknown = (int)mc_rows_int(&rows, 0, 7);
	if (mc_db_exec(db, stmts[STMT_CLAIM_ONE], "sii", m->token,
		(long long)(hold_s > 0 ? hold_s : 1), m->id) != 1)
		goto fail;
	if (mc_db_commit(db) < 0)
		return -1;
	return 1;
fail:
	mc_db_rollback(db);
	return -1;
}

int
mc_outbox_claim(struct mc_db *db, struct mc_arena *a, time_t now, size_t max,
    struct mc_outbox_msg **out, size_t *n)
{
	struct mc_outbox_msg *m;
	long		      hold;
	int		      rc = 0;

	*out = NULL;
	*n = 0;
	hold = (long)mc_config_int("outbox_timeout_seconds", 30, 1, 300) +
	    MC_OUTBOX_CLAIM_MARGIN;
	m = mc_arena_alloc(a, (max + 1) * sizeof(*m));
	while (*n < max &&
	    (rc = mc_outbox_claim_one(db, a, now, hold, &m[*n])) == 1)
		(*n)++;
	*out = m;
	return rc < 0 && *n == 0 ? -1 : 0;
}

int
mc_outbox_sent(struct mc_db *db, const struct mc_outbox_msg *m)
{
	long long n;

	n = mc_db_exec(db, stmts[STMT_SENT], "iis", (long long)m->attempts + 1,
	    m->id, m->token);
	if (n == 0)
		n = mc_db_exec(db, stmts[STMT_SENT_LATE], "is", m->id,
		    m->token);
	if (n == 0)
		mc_warn("outbox %lld was claimed again before its delivery "
			"was recorded: it may go out twice",
		    m->id);
	return n < 0 ? -1 : 0;
}

int
mc_outbox_retry(struct mc_db *db, const struct mc_outbox_msg *m,
    const char *error, long delay_s, int max_attempts, int permanent)
{
	struct mc_arena *a;
	int		 attempts = m->attempts + 1, rc;

	if ((a = mc_arena_new(1024)) == NULL)
		return -1;
	rc = mc_db_exec(db, stmts[STMT_RETRY], "sisiis",
		 permanent || attempts >= max_attempts ? "failed" : "pending",
		 (long long)attempts,
		 mc_utf8_cut(a, error ? error : "", ERROR_MAX),
		 (long long)(delay_s > 0 ? delay_s : 0), m->id, m->token) < 0 ?
	    -1 :
	    0;
	mc_arena_free(a);
	return rc;
}

int
mc_outbox_release(struct mc_db *db, const struct mc_outbox_msg *m)
{
	return mc_db_exec(db, stmts[STMT_RELEASE], "is", m->id, m->token) < 0 ?
	    -1 :
	    0;
}

long long
mc_outbox_requeue_stuck(struct mc_db *db, long minutes)
{
	return mc_db_exec(db, stmts[STMT_STUCK], "i", (long long)minutes * 60);
}

long
mc_outbox_backoff(long base, long cap, int attempts)
{
	long d = base > 0 ? base : 1;

	if (cap < d)
		return cap > 0 ? cap : d;
	while (--attempts > 0 && d < cap)
		d = d > cap / 2 ? cap : d * 2;
	return d;
}

/* ------------------------------------------------------------ wire formats */

int
mc_outbox_address_ok(const char *s)
{
	return mc_mail_address_ok(s);
}

int
mc_outbox_message(struct buf *b, const struct mc_outbox_msg *m,
    const char *from, const char *from_name)
{
	struct mc_mail mail;
	char	       id[64];

	snprintf(id, sizeof(id), "outbox-%lld@motcua", m->id);
	mail = (struct mc_mail){ .from = from,
		.from_name = from_name,
		.to = m->recipient,
		.subject = m->subject,
		.body = m->body,
		.message_id = id,
		.date = m->created };
	return mc_mail_message(b, &mail);
}

int
mc_outbox_sms_json(struct buf *b, const struct mc_outbox_msg *m)
{
	int rc = 0;

	rc |= mc_buf_adds(b, "{\"to\": ");
	rc |= mc_buf_add_json(b, m->recipient);
	rc |= mc_buf_adds(b, ", \"text\": ");
	rc |= mc_buf_add_json(b, m->body);
	rc |= mc_buf_addf(b, ", \"id\": %lld}", m->id);
	return rc == 0 ? 0 : -1;
}
