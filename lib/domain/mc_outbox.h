/*
 * The outbox: e-mails and SMS that are never lost. The writing side only
 * INSERTs rows and runs inside the caller's open transaction, so a
 * transition and its messages commit together or not at all; the worker
 * (cgi-bin/worker) delivers them later. The delivering side (claim, sent,
 * retry, fail) and the wire formats (an RFC 5322 message by
 * lib/core/mc_mail, the SMS gateway's JSON) are here too, so that they are
 * tested without a network.
 *
 * What a citizen or officer is told, and its texts, are mc_notify's and
 * mc_notify_text's: this header includes mc_notify.h, so that a caller
 * queuing notifications needs only this one.
 */
#ifndef MC_OUTBOX_H
#define MC_OUTBOX_H

#include <stddef.h>
#include <time.h>

#include "mc_notify.h"

struct buf;
struct mc_arena;
struct mc_db;

/* ------------------------------------------------------------ writing */

/*
 * Queues an e-mail to one address (subject and body UTF-8 plain text);
 * dossier_id 0 for none. Call inside the caller's transaction. 0 or -1.
 */
int mc_outbox_email(struct mc_db *, const char *to, const char *subject,
    const char *body, long long dossier_id);

/* Queues an SMS to a phone number; as mc_outbox_email. 0 or -1. */
int mc_outbox_sms(struct mc_db *, const char *phone, const char *body,
    long long dossier_id);

/* ------------------------------------------------------------ delivering */

/*
 * Delivery is at least once, never lost. A row is claimed on its own, in
 * one transaction, with a token and a deadline (claim_until: the delivery's
 * time limit plus MC_OUTBOX_CLAIM_MARGIN); until then no other worker takes
 * it, and only the token's holder records its outcome. A row still
 * 'sending' after its deadline was left by a worker that stopped between
 * sending and recording (kill -9, a lost database): it is sent again, with
 * the same Message-ID (e-mail) or gateway id (SMS), so the one case where a
 * message may reach the wire twice is a delivery whose outcome is unknown,
 * counted in unknown_outcomes (DOMAIN terms: apache-conf/cluster.md).
 */
#define MC_OUTBOX_CLAIM_MARGIN 10 /* seconds to start a send, and slack */

/* A claimed outbox row (strings in the claim's arena). */
struct mc_outbox_msg {
	long long   id;
	int	    sms; /* 1 SMS, 0 e-mail */
	const char *recipient;
	const char *subject; /* e-mail only, else NULL */
	const char *body;
	int	    attempts;  /* tries before this one */
	int	    unknown;   /* earlier tries whose outcome is unknown */
	time_t	    created;   /* the Date of the e-mail */
	char	    token[33]; /* this claim's token (hex) */
};

/*
 * Claims the oldest due row (status pending, next_attempt_at <= now) in one
 * transaction: locks it with SKIP LOCKED, sets it 'sending' with a new
 * token and a deadline hold_s seconds ahead, commits. The caller must
 * start its delivery at once and end it within hold_s -
 * MC_OUTBOX_CLAIM_MARGIN seconds. 1 claimed (*m, strings in the arena),
 * 0 nothing due, -1 error.
 */
int mc_outbox_claim_one(struct mc_db *, struct mc_arena *, time_t now,
    long hold_s, struct mc_outbox_msg *m);

/*
 * Claims up to max due rows, each by mc_outbox_claim_one with the
 * configured delivery time limit (outbox_timeout_seconds) plus the margin.
 * *out (arena) receives them and *n their count. 0 or -1.
 */
int mc_outbox_claim(struct mc_db *, struct mc_arena *, time_t now, size_t max,
    struct mc_outbox_msg **out, size_t *n);

/*
 * Records a delivery: status 'sent', sent_at now, one more attempt, if the
 * row is still this claim's (also after its deadline, while nobody has
 * claimed it again). 0, or -1 on a database error (then try again: the
 * message is out).
 */
int mc_outbox_sent(struct mc_db *, const struct mc_outbox_msg *);

/*
 * Records a failed try: one more attempt and the error; back to 'pending'
 * due in delay_s seconds, or 'failed' for good when permanent is non-zero
 * or the attempts reach max_attempts. Only this claim's row. 0 or -1.
 */
int mc_outbox_retry(struct mc_db *, const struct mc_outbox_msg *,
    const char *error, long delay_s, int max_attempts, int permanent);

/* Gives an unsent claimed row back ('pending', due now, no attempt). 0/-1. */
int mc_outbox_release(struct mc_db *, const struct mc_outbox_msg *);

/*
 * Puts back to 'pending', due now (or when they were due, if later), the
 * rows whose attempt has certainly
 * ended without an outcome recorded (past their deadline; rows claimed
 * before deadlines existed: after minutes), counting an attempt and an
 * unknown outcome. Returns the number of rows, or -1.
 */
long long mc_outbox_requeue_stuck(struct mc_db *, long minutes);

/* The wait before try attempts + 1: base * 2^(attempts - 1), at most cap. */
long mc_outbox_backoff(long base, long cap, int attempts);

/*
 * Appends the RFC 5322 message of an e-mail row (mc_mail_message): Date
 * its creation, From (name may be NULL), To its recipient, its Subject,
 * Message-ID <outbox-ID@motcua> (the same on every try, so a receiver can
 * drop duplicates), the UTF-8 body in base64. 0, or -1 if an address holds
 * characters not allowed in a header or the buffer is full.
 */
int mc_outbox_message(struct buf *, const struct mc_outbox_msg *,
    const char *from, const char *from_name);

/* Appends the SMS gateway's JSON {"to", "text", "id"}; 0 or -1. */
int mc_outbox_sms_json(struct buf *, const struct mc_outbox_msg *);

/* 1 if s is an address safe for SMTP and a header (mc_mail_address_ok). */
int mc_outbox_address_ok(const char *s);

#endif
