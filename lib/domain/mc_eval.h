/*
 * Satisfaction evaluation (Circular 01/2018 Art. 13-15): the versioned
 * questionnaire, one rating per dossier (or per counter visit) through the
 * web page, a single-use link, a kiosk or a counter tablet; the indices of
 * a dossier from its event trail and the legal formula (mean per index to
 * one decimal, total out of 18). No HTTP, no HDF: the pages fill their
 * models from these structs and rows.
 */
#ifndef MC_EVAL_H
#define MC_EVAL_H

#include <stddef.h>
#include <time.h>

#include "mc_db.h"

struct mc_arena;
struct mc_db;

#define EVAL_MAX_QUESTIONS 20
#define EVAL_TOKEN_DAYS	   30	     /* a link's life */
#define EVAL_PAIR_MINUTES  (24 * 60) /* a pairing code's life */

enum mc_eval_kind { EVAL_INDEX, EVAL_SATISFACTION };

enum mc_eval_channel { EVAL_WEB, EVAL_LINK, EVAL_KIOSK, EVAL_TABLET };

/* One question: its text and three options (scores 2, 1, 0) per language. */
struct mc_eval_question {
	int		  seq;
	enum mc_eval_kind kind;
	const char	 *code;	     /* i1..i9, overall, ... */
	const char	 *text[2];   /* [enum mc_lang] */
	const char	 *opt[2][3]; /* [lang][2 - score] */
};

/* A questionnaire version (strings in the arena). */
struct mc_eval_form {
	long long		id;
	int			version;
	size_t			n;
	struct mc_eval_question q[EVAL_MAX_QUESTIONS];
};

/*
 * Loads questionnaire id (0: the current version, the highest in force at
 * now). 1 found, 0 none, -1 error.
 */
int mc_eval_form_load(struct mc_db *, struct mc_arena *, long long id,
    time_t now, struct mc_eval_form *);

/* What someone answered (score[i] for f->q[i]: 2, 1, 0, or -1 none). */
struct mc_eval_rating {
	enum mc_eval_channel channel;
	const char	    *dossier_code;  /* web, kiosk (may be NULL) */
	long long	     account_id;    /* web: who is logged in */
	const char	    *token;	    /* link: the token of the URL */
	long long	     device_id;	    /* kiosk, tablet */
	long long	     device_agency; /* kiosk: its agency */
	int		     score[EVAL_MAX_QUESTIONS];
	const char	    *reason; /* asked for when a score is 0 */
};

/* Outcomes besides 0 and -1. */
#define EVAL_MISSING	  1 /* a satisfaction question unanswered */
#define EVAL_NEED_REASON  2 /* a low score without a reason */
#define EVAL_DONE	  3 /* this dossier (visit) was rated already */
#define EVAL_NOT_RETURNED 4 /* the result is not returned yet */
#define EVAL_FORBIDDEN	  5 /* not the applicant / not this device's */
#define EVAL_BAD_TOKEN	  6 /* unknown, used or expired link */
#define EVAL_NOT_FOUND	  7 /* no such dossier / no open visit */

/*
 * The answers' own rules: every satisfaction question answered, a reason
 * (at least 5 characters) when any score is 0. 0, EVAL_MISSING or
 * EVAL_NEED_REASON. Pure.
 */
int mc_eval_check(const struct mc_eval_form *, const struct mc_eval_rating *);

/* 1 if some answer is a low score (0): the reason is asked for. Pure. */
int mc_eval_low(const struct mc_eval_form *, const struct mc_eval_rating *);

/*
 * Records a rating in one transaction: for a dossier (web: by its
 * applicant; link: the token used up; kiosk: a registered kiosk of its
 * agency), once it is returned, tied to its return step and every officer
 * who took one of its steps; for a tablet, the device's open counter visit
 * and its officer. Returns 0, -1, or an EVAL_* outcome; on an outcome
 * nothing is written.
 */
int mc_eval_rate(struct mc_db *, struct mc_arena *,
    const struct mc_eval_form *, const struct mc_eval_rating *, time_t now);

/*
 * The rating of a dossier, if any: 1 with *when ("YYYY-MM-DD HH:MM:SS",
 * arena) and *channel, 0 none, -1 error.
 */
int mc_eval_rated(struct mc_db *, struct mc_arena *, long long dossier_id,
    const char **when, const char **channel);

/*
 * Issues a single-use rating link for a returned dossier, inside the
 * caller's transaction: *url (arena) is base_url + /dich-vu/danh-gia/<64
 * hex>; only the token's SHA-256 is stored. 0 or -1.
 */
int mc_eval_invite(struct mc_db *, struct mc_arena *, long long dossier_id,
    time_t now, const char **url);

/*
 * The dossier a link is for, when it can still be used: 1 with *code,
 * 0 unknown, used or expired, -1 error.
 */
int mc_eval_token_dossier(struct mc_db *, struct mc_arena *, const char *token,
    time_t now, const char **code);

/* ------------------------------------------------------------ devices */

/* A registered device (strings in the arena). */
struct mc_eval_device {
	long long    id;
	unsigned int agency_id;
	const char  *agency_name;
	const char  *kind; /* "kiosk" or "tablet" */
	const char  *name;
	long long    officer_id; /* tablet: the officer at the counter; 0 */
	const char  *officer_name;
	const char  *officer_title;
	const char  *officer_title_en;
	const char  *officer_photo; /* sha256 or NULL */
	long long    visit_id;	    /* tablet: the open visit; 0 none */
};

/*
 * An admin registers a device of an agency: *code (arena) receives the
 * one-time pairing code (8 digits, valid EVAL_PAIR_MINUTES). 0 or -1.
 */
int mc_eval_device_add(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, const char *kind, const char *name,
    long long admin_id, time_t now, const char **code);

/*
 * Pairs the device whose code this is: token (65 bytes) receives the
 * device's secret (64 hex) for its cookie; the code is used up. 0, -1,
 * or EVAL_BAD_TOKEN for an unknown or expired code.
 */
int mc_eval_device_pair(struct mc_db *, const char *code, time_t now,
    char token[65]);

/* The device of a token: 1 found (not revoked), 0 none, -1 error. */
int mc_eval_device_get(struct mc_db *, struct mc_arena *, const char *token,
    struct mc_eval_device *);

/*
 * An agency's devices: id, kind, name, paired_at, officer_name,
 * pair_expires_at (pending code), revoked_at. 0 or -1.
 */
int mc_eval_device_list(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, struct mc_rows *);

/*
 * The officer takes the counter of tablet device_id (of one of their
 * agencies, checked by the caller) and opens a visit for the next rating.
 * 0, -1, or EVAL_NOT_FOUND.
 */
int mc_eval_visit_open(struct mc_db *, long long device_id,
    long long officer_id, time_t now);

/* ------------------------------------------------------------ scores */

/* What the indices of one dossier are computed from (its event trail). */
struct mc_eval_trail {
	time_t due;	    /* the legal due time, pauses added */
	time_t finished;    /* decided (status 9) */
	int    steps_early; /* per agency step outcomes */
	int    steps_ontime;
	int    steps_late;
	int    supplements; /* processing-stage requests (not at receipt) */
	int    online_in;   /* filed online */
	int    online_out;  /* result returned online */
	int    agencies;    /* agencies with a step */
	int    complaints;  /* founded complaints about it */
};

/* The per-dossier indices: 1, 2, 3, 4 and 7. */
enum mc_eval_dossier_index { EI_1, EI_2, EI_3, EI_4, EI_7, EI__MAX };

/*
 * Scores indices 1-4 and 7 of a dossier (2, 1 or 0 each) from its trail:
 * 1 decided before its due day (local time) 2, on it 1, after 0; 2 every
 * step early 2, none late 1, any late 0; 3 no supplement request during
 * processing 2, one 1, more 0; 4 filed and returned online 2, through the
 * one-stop section only 1, inter-agency with a supplement 0; 7 a founded
 * complaint 0, else early 2, else 1. Pure.
 */
void mc_eval_dossier_indices(const struct mc_eval_trail *, int out[EI__MAX]);

/*
 * The legal mean of n scores summing to sum, in tenths rounded half up
 * (one decimal): 13 of 2 dossiers scoring 2 and 1 is 15 (1.5). -1 when
 * n is 0. Pure.
 */
int mc_eval_mean_tenths(long long sum, long long n);

/*
 * Wilson score interval of k successes in n (95 %), in per mille: lo and
 * hi. n 0: 0 and 1000. Pure.
 */
void mc_eval_wilson(long long k, long long n, int *lo, int *hi);

/* One line of a score table: sums over the dossiers of one key. */
struct mc_eval_score {
	long long   key; /* agency or procedure id */
	const char *name;
	long long   dossiers;
	long long   sum[EI__MAX]; /* of the indices 1, 2, 3, 4, 7 */
	long long   ratings;	  /* ratings with an overall answer */
	long long   satisfied;	  /* overall 1 or 2 */
	long long   very;	  /* overall 2 */
};

/*
 * Scores of the dossiers returned in [from, to) ("YYYY-MM-DD HH:MM:SS")
 * whose receiving agency is agency_id or directly under it, one line per
 * receiving agency (by_procedure 0) or per procedure (1), indices from each
 * dossier's trail (mc_eval_dossier_indices) and the applicants' overall
 * answers. *out (arena) and *n. 0 or -1.
 */
int mc_eval_scores(struct mc_db *, struct mc_arena *, unsigned int agency_id,
    int by_procedure, const char *from, const char *to,
    struct mc_eval_score **out, size_t *n);

/* The legal total of a line in tenths (sum of the index means); -1 none. */
int mc_eval_total_tenths(const struct mc_eval_score *);

/* The classification bands, highest first: min_total, name, name_en. */
int mc_eval_bands(struct mc_db *, struct mc_arena *, struct mc_rows *);

#endif
