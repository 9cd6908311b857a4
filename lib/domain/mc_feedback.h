/*
 * Feedback and complaints (phản ánh, kiến nghị; issue 10): a citizen's
 * feedback, optionally about a dossier they may see, routed to the
 * responsible agency, given a deadline in working days, answered by an
 * officer (founded or not when it concerns a dossier: a founded one scores
 * 0 in index 7 of that dossier), then resolved or reopened by the citizen.
 * Each change is one transaction with its event row and, for an answer,
 * the citizen's notification and e-mail. Answers the sender agreed to
 * publish are listed for the public site; statistics per agency and
 * category.
 */
#ifndef MC_FEEDBACK_H
#define MC_FEEDBACK_H

#include <stddef.h>
#include <time.h>

#include "mc_db.h"

struct mc_arena;
struct mc_user;

/* The categories (a small fixed list), stored by name. */
enum mc_fb_category {
	FB_ATTITUDE, /* officers' attitude */
	FB_DELAY,    /* slow or late handling */
	FB_INFO,     /* wrong or missing information */
	FB_FEES,     /* fees and charges */
	FB_OTHER,
	FB__MAX
};

/* "attitude", "delay", "info", "fees", "other". */
const char *mc_feedback_category_name(int);

/* The category named s, or -1. */
int mc_feedback_category_parse(const char *s);

/* The states of a feedback. */
enum mc_fb_status {
	FBS_OPEN,     /* waiting for the agency's answer */
	FBS_ANSWERED, /* answered; the sender may resolve or reopen */
	FBS_RESOLVED, /* the sender said it was resolved */
	FBS__MAX
};

/* "open", "answered", "resolved"; the parse gives -1 for others. */
const char *mc_feedback_status_name(int);
int	    mc_feedback_status_parse(const char *);

/* What may happen to a feedback. */
enum mc_fb_action {
	FBA_ANSWER,  /* the agency answers (open) */
	FBA_RESOLVE, /* the sender: resolved (answered) */
	FBA_REOPEN,  /* the sender: not resolved, back to the agency */
	FBA__MAX
};

/* The state after action a from status s, or -1 when a is not allowed. */
int mc_feedback_next(int status, enum mc_fb_action a);

/*
 * Who answers: the dossier's receiving agency when the feedback is about
 * one, else the agency configured for the category
 * (feedback_route_<category> = an agency code), else the ward's, else the
 * default (feedback_default_agency, else the city). The first non-zero of
 * the four, 0 if none. Pure.
 */
unsigned int mc_feedback_route_pick(unsigned int dossier_agency,
    unsigned int category_agency, unsigned int ward_agency,
    unsigned int fallback);

/*
 * The deadline of a round started at from: feedback_days working days
 * (config, default 10) of office hours (mc_calendar_add_minutes).
 */
time_t mc_feedback_due(time_t from);

/*
 * The colour of a feedback's deadline (enum mc_colour of mc_calendar) for
 * the officers' lists: its current round (round_at: the sending, else the
 * latest reopening) against due_at, so a reopened one starts green again
 * with its fresh deadline; -1 when it is not open (nothing to colour).
 */
int mc_feedback_colour(int status, time_t round_at, time_t due_at, time_t now);

#define MC_FB_PHOTOS 3

/* A photo already stored (mc_files_store). */
struct mc_fb_photo {
	const char *sha256;
	const char *filename;
	const char *mime;
	size_t	    size;
};

/* What a sender fills in. */
struct mc_fb_new {
	const char	  *dossier_code; /* NULL or "": none */
	int		   category;	 /* enum mc_fb_category */
	const char	  *ward_code; /* NULL or a current ward's gso code */
	const char	  *body;
	int		   publish;
	struct mc_fb_photo photos[MC_FB_PHOTOS];
	size_t		   nphotos;
	/* Without a login (user NULL): the phone a code proved, and that
	 * code's id (mc_phonecode_check), used in the submission. */
	const char *phone;
	long long   phone_code;
};

/* Outcomes of the changes below besides 0 and -1. */
#define FB_E_DOSSIER  1 /* no such dossier, or the user may not see it */
#define FB_E_AGENCY   2 /* no agency to route to (bad ward) */
#define FB_E_NOTFOUND 3 /* no such feedback */
#define FB_E_SCOPE    4 /* the user may not act on it */
#define FB_E_STATE    5 /* not allowed in its state */
#define FB_E_FOUNDED  6 /* an answer about a dossier must say founded */
#define FB_E_CODE     7 /* no login, and the phone's code not proved or used */

/*
 * Files the user's feedback (one transaction: the row, its code
 * "PA-YYMMDD-<id>", photos, the submit event). Without a user, the sender
 * is n->phone, proved by the code n->phone_code, used here (FB_E_CODE when
 * it is not proved, used or expired); such feedback is about no dossier
 * (FB_E_DOSSIER), and an SMS with its follow link goes to the phone in the
 * same transaction. *code (arena) on 0. 0, FB_E_DOSSIER, FB_E_AGENCY,
 * FB_E_CODE, or -1.
 */
int mc_feedback_submit(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const struct mc_fb_new *, time_t now,
    const char **code);

/* A loaded feedback (strings in the arena, times "YYYY-MM-DD HH:MM:SS"). */
struct mc_feedback {
	struct mc_rows row;    /* one row, for pages (by column name) */
	struct mc_rows photos; /* seq, sha256, filename, mime */
	struct mc_rows events; /* at, action, note, founded, actor name */
	long long      id;
	const char    *code;
	long long      account_id;
	long long      dossier_id; /* 0: none */
	const char    *dossier_code;
	unsigned int   agency_id;
	unsigned int   agency_parent_id;
	int	       status;	/* enum mc_fb_status */
	int	       founded; /* -1 unset, 0, 1 */
	const char    *due_at;
	const char    *created_at;
	const char    *round_at; /* the current round's start */
	const char    *body;	 /* what the sender wrote */
	const char    *email;	 /* the sender's, or NULL */
	const char    *name;	 /* the sender's (the phone without a login) */
	const char    *phone;	 /* without a login: the proved phone */
};

/*
 * Sends a one-time code proving phone for feedback without a login
 * (mc_phonecode_send with the SMS text Lang.Notify.PhoneCode.feedback,
 * which names the purpose). Its outcomes.
 */
int mc_feedback_send_code(struct mc_db *, struct mc_arena *, const char *phone,
    const char *address, time_t now, const char **ticket, long *wait);

/* Loads by code: 1 found, 0 none, -1 error. */
int mc_feedback_load(struct mc_db *, struct mc_arena *, const char *code,
    struct mc_feedback *);

/*
 * The token of the link that follows a feedback sent without a login
 * (/dich-vu/phan-anh/theo-doi/<code>/<token>): 32 hex characters of an
 * HMAC of its code under the site secret, so only the link's holder has
 * it (arena). The check is 1 when token is code's (constant time).
 */
const char *mc_feedback_follow_token(struct mc_arena *, const char *code);
int	    mc_feedback_follow_ok(const char *code, const char *token);

/* 1 if the user is the sender; 1 for an officer at its agency or above. */
int mc_feedback_is_sender(const struct mc_user *, const struct mc_feedback *);
int mc_feedback_officer_may(const struct mc_user *,
    const struct mc_feedback *);

/*
 * The agency answers (answer text, founded 0/1, or -1 when it is not about
 * a dossier): status answered, the event, the sender's notification
 * (Lang.Notify.Feedback.answered, in the reader's language) and e-mail,
 * one transaction. 0, FB_E_NOTFOUND, FB_E_SCOPE, FB_E_STATE, FB_E_FOUNDED,
 * or -1.
 */
int mc_feedback_answer(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const char *code, const char *answer, int founded,
    time_t now);

/*
 * The sender resolves (FBA_RESOLVE) or reopens (FBA_REOPEN: back to open
 * with a new deadline, counted in reopened) an answered feedback; note may
 * be NULL. One transaction. 0, FB_E_NOTFOUND, FB_E_SCOPE, FB_E_STATE, -1.
 */
int mc_feedback_citizen(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const char *code, enum mc_fb_action,
    const char *note, time_t now);

/* As mc_feedback_citizen, for a feedback sent without a login, by the
 * holder of its follow link's token (FB_E_SCOPE for a wrong one). */
int mc_feedback_citizen_token(struct mc_db *, struct mc_arena *,
    const char *code, const char *token, enum mc_fb_action, const char *note,
    time_t now);

/* The columns of the lists below. */
enum mc_fb_list_col {
	FBL_CODE,
	FBL_STATUS,
	FBL_CATEGORY,
	FBL_CREATED,
	FBL_DUE,
	FBL_DOSSIER,
	FBL_AGENCY,
	FBL_REOPENED,
	FBL_NAME,
	FBL_ANSWERED,
	FBL_ROUND, /* the current round's start (sent or reopened) */
	FBL__MAX
};

/* A sender's feedback, newest first. 0 or -1. */
int mc_feedback_mine(struct mc_db *, struct mc_arena *, long long account_id,
    struct mc_rows *);

/*
 * An agency's feedback and its units' (the agency and those directly under
 * it), open first by deadline; status -1 any. 0 or -1.
 */
int mc_feedback_agency(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, int status, struct mc_rows *);

/* The feedback about a dossier, newest first. 0 or -1. */
int mc_feedback_dossier(struct mc_db *, struct mc_arena *,
    long long dossier_id, struct mc_rows *);

/*
 * Open feedback about the dossiers an agency holds now (and its units'):
 * one row per dossier: code, count. 0 or -1.
 */
int mc_feedback_dossier_marks(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, struct mc_rows *);

/* The columns of mc_feedback_stats' rows. */
enum mc_fb_stat_col {
	FBST_AGENCY_ID,
	FBST_AGENCY,
	FBST_CATEGORY,
	FBST_RECEIVED,
	FBST_ANSWERED,
	FBST_ONTIME,
	FBST_LATE,
	FBST_REOPENED,
	FBST__MAX
};

/*
 * Feedback received in [from, to) by agency (the agency and those under
 * it; 0 every agency) and category: received, answered, answered on time
 * (every answer within its round's deadline), late (an answer after it, or
 * open past it at now), reopened. 0 or -1.
 */
int mc_feedback_stats(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, const char *from, const char *to, const char *now,
    struct mc_rows *);

/* The columns of mc_feedback_published's rows. */
enum mc_fb_pub_col {
	FBP_CODE,
	FBP_CATEGORY,
	FBP_AGENCY,
	FBP_AGENCY_EN,
	FBP_WARD,
	FBP_BODY,
	FBP_ANSWER,
	FBP_CREATED,
	FBP_ANSWERED,
	FBP__MAX
};

/* Answered feedback its sender agreed to publish, newest answer first. */
int mc_feedback_published(struct mc_db *, struct mc_arena *, size_t limit,
    struct mc_rows *);

/*
 * The published answers (as above) whose code, feedback or latest answer
 * hold every word of q, folded like the catalogue's search (mc_fold: "goi
 * lai" finds "gọi lại"), newest answer first, at most limit. An empty q
 * finds nothing. 0 or -1.
 */
int mc_feedback_search(struct mc_db *, struct mc_arena *, const char *q,
    size_t limit, struct mc_rows *);

#endif
