/*
 * Notifications that are never lost. The writing side only INSERTs rows and
 * runs inside the caller's open transaction, so a transition and its
 * notifications commit together or not at all: a notification a user sees
 * in the portal or back office, and outbox rows (e-mail, SMS) that the
 * worker (cgi-bin/worker) delivers later. The texts are Vietnamese, from
 * Lang.Notify.* in templates/lang/notify.vi.hdf, loaded once per process
 * from the config's templates_dir.
 *
 * The delivering side (claim, sent, retry, fail) and the wire formats (an
 * RFC 5322 message, the SMS gateway's JSON) are here too, so that they are
 * tested without a network.
 */
#ifndef MC_OUTBOX_H
#define MC_OUTBOX_H

#include <stddef.h>
#include <time.h>

#include "mc_lang.h"
#include "mc_texts.h"

struct buf;
struct mc_arena;
struct mc_db;
struct mc_rows;

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

/*
 * Adds a notification to an account (kind: the event, e.g. "accept"; url:
 * a local path or NULL). Inside the caller's transaction. 0 or -1.
 */
int mc_notify(struct mc_db *, long long account_id, long long dossier_id,
    const char *kind, const char *title, const char *body, const char *url);

/*
 * Tells the applicant about an event of the dossier: its name is the
 * action's ("submit", "accept", "refuse", "request_completion",
 * "request_supplement", "supplement", "request_payment", "confirm_payment",
 * "forward", "approve", "sign", "decide", "return", "withdraw", "stop",
 * "apology"; others get a generic text). Reads the dossier as the caller's
 * transaction sees it (status, due date, the note of its latest event) and
 * writes a notification to the applicant's account (if any), and for the
 * events that warrant it an e-mail (if an address is known) and an SMS (if
 * a phone number is known). Call it after the event row is written, inside
 * the transaction, for events shown to the applicant; on -1 the caller
 * rolls back. Returns 0, or -1 (also for an unknown dossier).
 */
int mc_notify_dossier_event(struct mc_db *, struct mc_arena *,
    long long dossier_id, const char *event);

/*
 * Tells a citizen that a draft filing will be deleted at expires (an SQL
 * date and time): a notification (Lang.Notify.Draft.expiring, with what
 * it was made from, so that it reads in the reader's language) linking to
 * path, and an e-mail when email is not NULL or empty. Inside the
 * caller's transaction. 0 or -1.
 */
int mc_notify_draft(struct mc_db *, struct mc_arena *, long long account_id,
    const char *name, const char *email, const char *procedure,
    const char *expires, const char *path);

/*
 * Tells an officer about a dossier: kind "new_work", "reminder" (đôn đốc,
 * also e-mailed), "yellow" (due soon) or "red" (overdue); note (may be
 * NULL) is shown as given. Inside the caller's transaction; 0 or -1.
 */
int mc_notify_officer(struct mc_db *, struct mc_arena *, long long account_id,
    long long dossier_id, const char *kind, const char *note);

/*
 * Tells the officers holding dossiers that turned yellow (due soon) or red
 * (overdue) at now, as the inbox colours them, once per dossier, holder,
 * step and colour; at most max of each colour a call (the worker calls it
 * every minute). Each notice is its own transaction. Returns how many were
 * written, or -1.
 */
long long mc_notify_due_scan(struct mc_db *, struct mc_arena *, time_t now,
    size_t max);

/* ------------------------------------------------------------ reading */

/* Unread notifications of an account (0 or more), or -1. */
long long mc_notify_unread(struct mc_db *, long long account_id);

/*
 * An account's notifications for its page: unread ones newest first (at
 * most limit), and the latest read ones (at most limit). Columns: id, kind,
 * title, body, url, created_at, read_at, dossier_code, msg, vars (what
 * the text was made from, NULL on older rows). 0 or -1.
 */
int mc_notify_list(struct mc_db *, struct mc_arena *, long long account_id,
    size_t limit, struct mc_rows *unread, struct mc_rows *read);

/*
 * Marks notifications of the account read: the one with this id (id > 0),
 * or all with an id up to upto (the newest the user saw; 0: all). Returns
 * the number marked, or -1.
 */
/*
 * A listed notification's title and body in language l, from its msg and
 * vars and the Lang.Notify texts that get finds in ctx (the web passes
 * mc_view_text and the page's HDF; dates by lib/core/mc_fmt, the status by
 * Lang.Status). Strings in the arena. 0, or -1
 * when the row has no such texts (then show its stored title and body).
 */
int mc_notify_localize(struct mc_arena *, mc_text_fn get, void *ctx,
    enum mc_lang l, const char *msg, const char *vars, const char **title,
    const char **body);

long long mc_notify_mark_read(struct mc_db *, long long account_id,
    long long id, long long upto);

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
 * Appends the RFC 5322 message of an e-mail row: Date (its creation), From
 * (name RFC 2047-encoded, may be NULL), To, Subject (RFC 2047, UTF-8,
 * folded), Message-ID <outbox-ID@motcua> (the same on every try, so a
 * receiver can drop duplicates), MIME headers and the UTF-8 body in base64,
 * CRLF line ends. 0, or -1 if an address holds characters not allowed in a
 * header or the buffer is full.
 */
int mc_outbox_message(struct buf *, const struct mc_outbox_msg *,
    const char *from, const char *from_name);

/* Appends the SMS gateway's JSON {"to", "text", "id"}; 0 or -1. */
int mc_outbox_sms_json(struct buf *, const struct mc_outbox_msg *);

/* 1 if s is an address safe for SMTP and a header (no spaces, <>, CR/LF). */
int mc_outbox_address_ok(const char *s);

/* Forgets the loaded texts (tests, or a process about to exit). */
void mc_outbox_free(void);

#endif
