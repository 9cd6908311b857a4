/*
 * Notifications: what a citizen or an officer is told, in the account
 * (the notifications page) and, for the events that warrant it, by e-mail
 * and SMS through the outbox (mc_outbox). The writing side only INSERTs
 * rows and runs inside the caller's open transaction, so a transition and
 * its notifications commit together or not at all. The texts are
 * mc_notify_text's (Vietnamese, Lang.Notify.* in
 * templates/lang/notify.vi.hdf); the pages write a notification again in
 * their reader's language with mc_notify_localize.
 */
#ifndef MC_NOTIFY_H
#define MC_NOTIFY_H

#include <stddef.h>
#include <time.h>

#include "mc_notify_text.h"

struct mc_arena;
struct mc_db;
struct mc_rows;

/* ------------------------------------------------------------ writing */

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
 * the text was made from, NULL on older rows; mc_notify_localize). 0 or -1.
 */
int mc_notify_list(struct mc_db *, struct mc_arena *, long long account_id,
    size_t limit, struct mc_rows *unread, struct mc_rows *read);

/*
 * Marks notifications of the account read: the one with this id (id > 0),
 * or all with an id up to upto (the newest the user saw; 0: all). Returns
 * the number marked, or -1.
 */
long long mc_notify_mark_read(struct mc_db *, long long account_id,
    long long id, long long upto);

#endif
