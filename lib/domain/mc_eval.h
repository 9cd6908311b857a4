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

/*
 * A question's kind: a legal index (optional for the citizen), a
 * satisfaction question (required), or a question an evaluation manager
 * added (optional, in no formula).
 */
enum mc_eval_kind { EVAL_INDEX, EVAL_SATISFACTION, EVAL_EXTRA, EVAL__KINDS };

/* "index", "satisfaction", "extra"; the parse gives EVAL_SATISFACTION for
 * others. */
const char	 *mc_eval_kind_name(enum mc_eval_kind);
enum mc_eval_kind mc_eval_kind_parse(const char *);

enum mc_eval_channel { EVAL_WEB, EVAL_LINK, EVAL_KIOSK, EVAL_TABLET };

/* One question: its text and three options (scores 2, 1, 0) per language. */
struct mc_eval_question {
	int		  seq;
	enum mc_eval_kind kind;
	const char	 *code;	     /* i1..i9, overall, ... */
	const char	 *text[2];   /* [enum mc_lang] */
	const char	 *opt[2][3]; /* [lang][2 - score] */
};

/*
 * A questionnaire version (strings in the arena). Each line of versions
 * belongs to the city (agency_id 0) or to one agency, for its subtree.
 */
struct mc_eval_form {
	long long		id;
	unsigned int		agency_id;   /* whose line: 0 the city's */
	const char	       *agency_name; /* its name; NULL the city */
	int			version;     /* numbered per line */
	size_t			n;
	struct mc_eval_question q[EVAL_MAX_QUESTIONS];
};

/*
 * Loads questionnaire id (0: the city's current version, the highest in
 * force at now). 1 found, 0 none, -1 error.
 */
int mc_eval_form_load(struct mc_db *, struct mc_arena *, long long id,
    time_t now, struct mc_eval_form *);

/*
 * Loads the questionnaire a citizen rating a dossier (or a visit) of
 * agency is shown: the current version of the agency's own line, else of
 * its nearest ancestor's with one, else the city's (agency 0: the city's).
 * 1 found, 0 none, -1 error.
 */
int mc_eval_form_for(struct mc_db *, struct mc_arena *, unsigned int agency,
    time_t now, struct mc_eval_form *);

/*
 * 1 if answers on a version of the line of owner (0: the city) may be
 * given about agency's dossiers: owner is 0, the agency or one of its
 * ancestors; 0 if not, -1 error.
 */
int mc_eval_form_applies(struct mc_db *, struct mc_arena *, unsigned int owner,
    unsigned int agency);

/* ------------------------------------------------ the questionnaire editor */

/* Why a new version is refused, besides 0 and -1. */
#define EVAL_FORM_EMPTY		1 /* a question without its text in a language */
#define EVAL_FORM_LONG		2 /* a text over 500 bytes (options 255) */
#define EVAL_FORM_STALE		3 /* base is no longer the current version */
#define EVAL_FORM_CODE		4 /* two questions with one code, or none */
#define EVAL_FORM_TOO_MANY	5 /* more than EVAL_MAX_QUESTIONS, or none */
#define EVAL_FORM_LEGAL		6 /* a legal question dropped or changed */
#define EVAL_FORM_NOT_INHERITED 7 /* no added question of the line above */

/*
 * The rules of a new version's questions: one to EVAL_MAX_QUESTIONS, each
 * with a code of its own and its text and three options in both languages
 * (texts at most 500 bytes, options 255). 0 or an EVAL_FORM_* outcome,
 * *bad the index of the question at fault. Pure.
 */
int mc_eval_form_check(const struct mc_eval_form *, size_t *bad);

/*
 * The law's part of a new version: every legal index and satisfaction
 * question of base stays in next with its code and kind (only its wording
 * may change), so the legal scores stay comparable across versions and
 * agencies; in an agency's line (agency set) every other question of next
 * is an added one (EVAL_EXTRA). 0 or EVAL_FORM_LEGAL, *bad the question of
 * next (or of base, when dropped) at fault. Pure.
 */
int mc_eval_form_keeps(const struct mc_eval_form *base,
    const struct mc_eval_form *next, int agency, size_t *bad);

/*
 * Makes next (its questions numbered from 1 in its order) the new current
 * version of the line of agency (0: the city's), in force from now, by
 * account by with a note of what changed in each language (note[0]
 * Vietnamese, note[1] English, as a question's texts; note or either may be
 * NULL), in one transaction
 * with its audit entry, if base (a questionnaire id) is still the one that
 * agency's citizens are shown (mc_eval_form_for: an agency's first version
 * starts from its ancestor's or the city's) and next keeps its legal
 * questions (mc_eval_form_keeps): *version is its number in the line.
 * Answers given on earlier versions stay tied to them. 0, an EVAL_FORM_*
 * outcome, or -1.
 */
int mc_eval_form_new(struct mc_db *, struct mc_arena *, unsigned int agency,
    long long base, const struct mc_eval_form *next, const char *const note[2],
    long long by, time_t now, int *version);

/*
 * An added question (EVAL_EXTRA) that an agency's version inherits from
 * parent (the version its parent's citizens are asked) switched off (on
 * 0) or back on for the agency's subtree: next is cur without the
 * question of code (one parent has too), or cur with parent's question of
 * code appended (one cur lacks). 0, EVAL_FORM_NOT_INHERITED (the index,
 * satisfaction and the agency's own questions cannot be switched) or
 * EVAL_FORM_TOO_MANY. Pure.
 */
int mc_eval_form_toggle(const struct mc_eval_form *cur,
    const struct mc_eval_form *parent, const char *code, int on,
    struct mc_eval_form *next);

/*
 * Loads the version the parent of agency (the city for an agency at the
 * top) has its citizens asked: 1, 0 none (agency 0: the city has no line
 * above), -1 error.
 */
int mc_eval_form_parent(struct mc_db *, struct mc_arena *, unsigned int agency,
    time_t now, struct mc_eval_form *);

/*
 * Makes a new version of agency's line (not the city's) with the
 * inherited question of code switched off or on (mc_eval_form_toggle,
 * against the version its parent's citizens are asked now), as
 * mc_eval_form_new does (with its note in each language): if base is
 * still the version in force, in one transaction with its audit entry ("... vN off <code>" / "on"). Answers
 * already given keep their version. 0, an EVAL_FORM_* outcome, or -1.
 */
int mc_eval_form_switch(struct mc_db *, struct mc_arena *, unsigned int agency,
    long long base, const char *code, int on, const char *const note[2],
    long long by, time_t now, int *version);

struct mc_user;

/*
 * The line of questionnaires u manages: want (an agency id; 0 u's own:
 * the city's when u is an evaluation manager of the city, else the agency
 * of u's first such grant) when u is an evaluation manager held there or
 * at one of its ancestors. 1 with *agency (0: the city's line) and *name
 * (arena), 0 if u may not, -1 error.
 */
int mc_eval_form_owner(struct mc_db *, struct mc_arena *,
    const struct mc_user *u, long long want, unsigned int *agency,
    const char **name);

/* The columns of mc_eval_forms' rows. */
enum mc_eval_forms_col {
	EVF_ID,
	EVF_VERSION,
	EVF_FROM,
	EVF_NOTE,
	EVF_NOTE_EN,
	EVF_BY,
	EVF_QUESTIONS,
	EVF_RATINGS,
	EVF__MAX
};

/*
 * Every version of the line of agency (0: the city's), newest first, with
 * its questions and ratings counted.
 */
int mc_eval_forms(struct mc_db *, struct mc_arena *, unsigned int agency,
    struct mc_rows *);

/*
 * The rating of a dossier with the version it was given on: 1 with *f that
 * version and score[i] the answer to f->q[i] (-1 none), 0 none, -1 error.
 */
int mc_eval_rating_answers(struct mc_db *, struct mc_arena *,
    long long dossier_id, struct mc_eval_form *f,
    int score[EVAL_MAX_QUESTIONS]);

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
#define EVAL_WRONG_FORM	  8 /* a version not of the dossier's agency */

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
 * The dossier a link is for, when it can still be used: 1 with *code and
 * *agency (its receiving agency; agency may be NULL), 0 unknown, used or
 * expired, -1 error.
 */
int mc_eval_token_dossier(struct mc_db *, struct mc_arena *, const char *token,
    time_t now, const char **code, unsigned int *agency);

/* ------------------------------------------------------------ devices */

/* A registered device (strings in the arena). */
struct mc_eval_device {
	long long    id;
	unsigned int agency_id;
	const char  *agency_name;
	const char  *kind; /* "kiosk" or "tablet" */
	const char  *name;
	const char  *counter;	 /* tablet: its counter, may be NULL */
	long long    officer_id; /* tablet: the officer at the counter; 0 */
	const char  *officer_name;
	const char  *officer_title;
	const char  *officer_title_en;
	const char  *officer_photo;	 /* sha256 or NULL */
	const char  *officer_photo_mime; /* its type, may be NULL */
	long long    visit_id;		 /* tablet: the open visit; 0 none */
};

/* A device to register (kind "kiosk" or "tablet"). */
struct mc_eval_device_new {
	unsigned int agency_id;
	const char  *kind;
	const char  *name;
	const char  *counter;	 /* tablet only, may be NULL */
	long long    officer_id; /* tablet only: its officer now; 0 none */
};

/*
 * A leader or admin of d->agency_id (checked by the caller) registers a
 * device: *code (arena) receives the one-time pairing code (8 digits,
 * valid EVAL_PAIR_MINUTES). 0, -1, or EVAL_FORBIDDEN when the kind is
 * unknown or the officer does not work at the agency.
 */
int mc_eval_device_add(struct mc_db *, struct mc_arena *,
    const struct mc_eval_device_new *, long long admin_id, time_t now,
    const char **code);

/* 1 if the account holds an officer's role at the agency (enabled), 0, -1. */
int mc_eval_officer_at(struct mc_db *, struct mc_arena *, long long officer_id,
    unsigned int agency_id);

/*
 * Pairs the device whose code this is: token (65 bytes) receives the
 * device's secret (64 hex) for its cookie; the code is used up. 0, -1,
 * or EVAL_BAD_TOKEN for an unknown, expired or revoked code.
 */
int mc_eval_device_pair(struct mc_db *, const char *code, time_t now,
    char token[65]);

/* The device of a token: 1 found (not revoked), 0 none, -1 error. */
int mc_eval_device_get(struct mc_db *, struct mc_arena *, const char *token,
    struct mc_eval_device *);

/* The columns of mc_eval_device_list's rows (named as the enum says). */
enum mc_eval_device_col {
	EDEV_ID,
	EDEV_KIND,
	EDEV_NAME,
	EDEV_COUNTER,
	EDEV_PAIRED_AT,	   /* NULL: not paired yet */
	EDEV_OFFICER,	   /* the officer's name, NULL */
	EDEV_PAIR_EXPIRES, /* a code waits until then; NULL */
	EDEV_REVOKED_AT,   /* NULL: in use */
	EDEV__MAX
};

/* An agency's devices, those in use first, newest first. 0 or -1. */
int mc_eval_device_list(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, struct mc_rows *);

/*
 * Revokes device_id of agency_id (checked by the caller) and any code it
 * still has: the device's page refuses from the next request. 1 revoked,
 * 0 no such device in use there, -1.
 */
int mc_eval_device_revoke(struct mc_db *, unsigned int agency_id,
    long long device_id, long long by, time_t now);

/* The columns of mc_eval_tablets_of's rows. */
enum mc_eval_tablet_col {
	ETAB_ID,
	ETAB_NAME,
	ETAB_COUNTER,
	ETAB_AGENCY,
	ETAB_OFFICER, /* who is at its counter now, NULL */
	ETAB_MINE,    /* 1 if that is the officer asking */
	ETAB_WAITING, /* their visits it has not rated yet */
	ETAB_AGENCY_ID,
	ETAB__MAX
};

/* The paired tablets of the agencies an officer works in. 0 or -1. */
int mc_eval_tablets_of(struct mc_db *, struct mc_arena *, long long officer_id,
    struct mc_rows *);

/*
 * The officer takes the counter of tablet device_id of agency_id (one of
 * theirs, checked by the caller) and opens a visit for the next rating.
 * 0, -1, or EVAL_NOT_FOUND.
 */
int mc_eval_visit_open(struct mc_db *, struct mc_arena *, long long device_id,
    unsigned int agency_id, long long officer_id, time_t now);

/*
 * What a counter tablet shows of an officer: title (and in English, may be
 * NULL) and photo (an attachment's sha256 and type; NULL keeps the one
 * there). 0/-1.
 */
int mc_eval_card_set(struct mc_db *, long long account_id, const char *title,
    const char *title_en, const char *photo_sha256, const char *photo_mime);

/* An officer's card: 1 with its fields (may be NULL), 0 none, -1. */
int mc_eval_card_get(struct mc_db *, struct mc_arena *, long long account_id,
    const char **title, const char **title_en, const char **photo);

/* ------------------------------------------------------------ scores */

/* What the indices of one dossier are computed from (its event trail). */
struct mc_eval_trail {
	time_t due;	    /* the legal due time, pauses added */
	time_t finished;    /* decided (status 9) */
	int    steps_early; /* per agency step outcomes */
	int    steps_ontime;
	int    steps_late;
	int    supplements;  /* processing-stage requests (not at receipt) */
	int    by_applicant; /* of those, caused by the applicant's papers */
	int    asked_elsewhere; /* of those not by_applicant, asked by an
				   officer of another agency than the
				   receiving one (an inter-agency step) */
	int    online_in;	/* filed online */
	int    online_out;	/* result returned online */
	int    post_out;	/* result sent by post */
	int    complaints;	/* founded complaints about it */
};

/* The per-dossier indices: 1, 2, 3, 4 and 7. */
enum mc_eval_dossier_index { EI_1, EI_2, EI_3, EI_4, EI_7, EI__MAX };

/*
 * Scores indices 1-4 and 7 of a dossier (2, 1 or 0 each) from its trail:
 * 1 decided before its due day (local time) 2, on it 1, after 0; 2 every
 * step early 2, none late 1, any late 0; 3 no supplement request during
 * processing other than those caused by the applicant (by_applicant) 2,
 * one 1, more 0; 7 a founded complaint 0, else early 2, else 1.
 *
 * 4, the agencies the applicant had to contact (Circular 01/2018 Art. 13),
 * from what the trail can honestly tell:
 *  - filing: online, no contact; at the counter or by post (the public
 *    postal service receives for the one-stop section), the receiving
 *    agency's one-stop section;
 *  - the return: online or by post, no contact; at the counter, the
 *    section (only the receiving agency's receivers return, so a counter
 *    is always that agency's section);
 *  - each supplement request during processing not caused by the
 *    applicant (by the agency, or not said, as index 3 counts them): one
 *    more contact, with the section when an officer of the receiving
 *    agency asked, with another agency when an officer of a coordinating
 *    agency asked at its inter-agency step (asked_elsewhere): that agency
 *    needed the applicant, even though the section carried its request;
 *  - not counted: the applicant's own fault (by_applicant), requests at
 *    receipt (before the dossier is accepted), inter-agency steps that
 *    asked nothing of the applicant (the agencies pass the dossier among
 *    themselves: the applicant never sees them).
 * 2 no contact (filed online, returned online or by post, no request of
 * the agency's making); 1 contacts with the section only; 0 any with
 * another agency. The trail does not record an applicant sent away to
 * another agency outside the system; such visits cannot be seen. Pure.
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
	long long   key; /* agency, procedure, officer or dossier id */
	const char *name;
	long long   dossiers;
	long long   sum[EI__MAX]; /* of the indices 1, 2, 3, 4, 7 */
	long long   part_sum;	  /* of each dossier's 1 + 2 + 3 + 4 + 7 */
	long long   part_sq;	  /* of the squares of those */
	long long   ratings;	  /* ratings with an overall answer */
	long long   satisfied;	  /* overall 1 or 2 */
	long long   very;	  /* overall 2 */
	/* What indices 5, 6, 8 and 9 of the unit are computed from: */
	long long
	    section; /* decided at the one-stop section (receivers only) */
	long long online_proc; /* whose procedure is offered online */
	long long online;      /* filed online */
	long long online_late; /* filed online and decided after its due day */
	long long feedback;    /* feedback about the unit (mc_feedback; agency
			       lines only) */
	long long feedback_late;
};

/* What a score table is about. */
enum mc_eval_by {
	EVAL_BY_AGENCY,	   /* the receiving agency */
	EVAL_BY_PROCEDURE, /* the procedure */
	EVAL_BY_OFFICER,   /* every officer who took a step (and the
			      counter visits rated at their tablet) */
	EVAL_BY_DOSSIER	   /* each dossier (name: its code) */
};

/* A score table's scope and period. */
struct mc_eval_query {
	unsigned int	agency_id; /* it and the agencies directly under it */
	enum mc_eval_by by;
	const char *from; /* returned in [from, to): "YYYY-MM-DD HH:MM:SS" */
	const char *to;
	long long   officer_id; /* > 0: only the dossiers they took a step
				       of (and their own line) */
};

/*
 * Scores of the dossiers returned in the query's period whose receiving
 * agency is in its scope, one line per key: indices 1-4 and 7 from each
 * dossier's trail (mc_eval_dossier_indices), what 5, 6, 8, 9 need, and the
 * applicants' overall answers (for agencies and officers, counter visits
 * rated too). *out (arena) and *n. 0 or -1.
 */
int mc_eval_scores(struct mc_db *, struct mc_arena *,
    const struct mc_eval_query *, struct mc_eval_score **out, size_t *n);

/* Indices 5, 6, 8 and 9 of a unit, per DOMAIN.md. */
enum mc_eval_unit_index { EU_5, EU_6, EU_8, EU_9, EU__MAX };

/* The online share (per cent) from which index 9 scores 2. */
#define EVAL_ONLINE_HIGH 50

/*
 * Scores indices 5, 6, 8, 9 of a line (2, 1 or 0; -1 without dossiers):
 * 5 every dossier is received and returned at the one-stop section (the
 * counter or its portal), 2 when the section also decided some itself
 * (every step a receiver's), else 1; 6 every procedure is posted in the
 * public catalogue, 2 when all of the line's are offered online too, else
 * 1; 8 no feedback, or all answered on time, 2, at least 90 % on time 1,
 * else 0; 9 no online dossier or one decided late 0, an online share of
 * EVAL_ONLINE_HIGH % or more 2, else 1. Pure.
 */
void mc_eval_unit_indices(const struct mc_eval_score *, int out[EU__MAX]);

/*
 * The legal total of a line in tenths, out of 18: the means of indices
 * 1-4 and 7 (one decimal each) and indices 5, 6, 8, 9; -1 with no dossier.
 * Pure.
 */
int mc_eval_total_tenths(const struct mc_eval_score *);

/*
 * The 95 % interval of a line's total (mc_eval_total_tenths), in tenths:
 * the total +- 1.96 sd / sqrt(n) of its dossiers' own sums of indices 1-4
 * and 7 (sd of the sample: n - 1), rounded to a tenth, within what that
 * part can be (0 to 10 points above the unit's indices 5, 6, 8, 9, which
 * are one figure per unit). One dossier tells nothing of the spread: the
 * whole of that range. No dossier: -1, -1. Pure.
 */
void mc_eval_total_interval(const struct mc_eval_score *, int *lo, int *hi);

/*
 * The band (row of mc_eval_bands' rows, highest first) a total in tenths
 * falls in: the first whose min_total it reaches; -1 none. Pure.
 */
int mc_eval_band(const struct mc_rows *bands, int tenths);

/* The columns of mc_eval_steps' rows (named as here, lower case). */
enum mc_eval_step_col {
	ESTEP_NAME,
	ESTEP_STEPS,
	ESTEP_EARLY,
	ESTEP_ONTIME,
	ESTEP_LATE,
	ESTEP__MAX
};

/*
 * Per step name, the steps finished in the period at agencies of the
 * scope (q->officer_id > 0: taken by them): how many, early, on time,
 * late. 0 or -1.
 */
int mc_eval_steps(struct mc_db *, struct mc_arena *,
    const struct mc_eval_query *, struct mc_rows *);

/* One agency in the league table (sitegen's public pages). */
struct mc_eval_league {
	struct mc_eval_score s;	       /* key: the agency, name */
	const char	    *kind;     /* "department", "ward", ... */
	long long	     ontime;   /* dossiers decided by their due day */
	double		     expected; /* on time expected from the city-wide
					  rate of each of its procedures */
	int		     ranked;   /* enough dossiers to be ranked */
	int		     total;    /* tenths, out of 180 */
	int		     tot_lo, tot_hi; /* its interval (tenths) */
	int		     rank; /* by total, shared while intervals overlap;
				      0 */
	int		     ontime_rate;  /* per mille */
	int		     ot_lo, ot_hi; /* its Wilson interval */
	int		     adjusted;	   /* for the procedures' mix */
	int		     ot_rank;	   /* shared while intervals overlap */
	int		     sat_lo, sat_hi; /* satisfaction, Wilson */
};

/*
 * The league of the agencies root and directly under it over the dossiers
 * returned in [from, to): one line per receiving agency with its total,
 * its raw on-time rate with its Wilson interval and that rate adjusted for
 * its mix of procedures (observed / expected x the city-wide rate, the
 * expected count summing each of its dossiers' procedure's city-wide
 * rate); ranked when it has min_dossiers or more (mc_eval_league_rank).
 * *city_ontime the city-wide rate (per mille, -1 none). 0 or -1.
 */
int mc_eval_league(struct mc_db *, struct mc_arena *, unsigned int root,
    const char *from, const char *to, long long min_dossiers,
    struct mc_eval_league **out, size_t *n, int *city_ontime);

/*
 * Orders the lines (ranked first, by total, tied totals by name) and
 * ranks them, with no tie-break, by one rule for both ranks: taken best
 * first, a line shares the rank of the first of its group (its leader)
 * when its interval overlaps the leader's or its figure (as shown) equals
 * the line's before it, else it starts a group at its place and the ranks
 * skip (1, 2, 2, 4). The rank goes by the total with tot_lo..tot_hi, the
 * on-time rank by the raw on-time rate with its Wilson interval. Each
 * table of the league page is ranked from 1 on its own: the departments,
 * and the other lines (wards and communes). Unranked lines: 0. Pure.
 */
void mc_eval_league_rank(struct mc_eval_league *, size_t n);

/* The classification bands, highest first: min_total, name, name_en. */
int mc_eval_bands(struct mc_db *, struct mc_arena *, struct mc_rows *);

#endif
