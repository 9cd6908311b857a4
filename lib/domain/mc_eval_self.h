/*
 * Self-assessment and appraisal of the nine legal indices (issue 10): a
 * unit's leader or admin enters the score the unit gives itself for a
 * quarter; a leader or admin of the agency directly above it enters the
 * appraised score. Scores are tenths (0-20: 0.0 to 2.0 per index).
 */
#ifndef MC_EVAL_SELF_H
#define MC_EVAL_SELF_H

#include <time.h>

#include "mc_db.h"

struct mc_arena;

#define EVAL_SELF_N 9 /* the legal indices 1-9 */

/* Refusals besides 0 and -1. */
#define EVAL_SELF_LOCKED  1 /* appraised already: the unit's own is kept */
#define EVAL_SELF_NO_SELF 2 /* nothing to appraise: no self-score yet */

/* Which score a save writes. */
enum mc_eval_self_kind { EVAL_SELF_OWN, EVAL_SELF_APPRAISED };

/* An agency's quarter; -1: not entered. */
struct mc_eval_self {
	int	    own[EVAL_SELF_N];
	int	    appraised[EVAL_SELF_N];
	const char *own_at;	  /* "YYYY-MM-DD HH:MM:SS", NULL none */
	const char *appraised_at; /* NULL: not appraised */
};

/*
 * A score as typed ("1.5", "1,5", "2", "0.0") in tenths 0-20, or -1 when
 * it is not a number from 0 to 2 with at most one decimal. Pure.
 */
int mc_eval_self_parse(const char *);

/* The total of nine scores in tenths (out of 180), -1 if one is missing. */
int mc_eval_self_total(const int[EVAL_SELF_N]);

/* Reads an agency's quarter into *out (strings in the arena). 0 or -1. */
int mc_eval_self_load(struct mc_db *, struct mc_arena *, unsigned int agency,
    int year, int quarter, struct mc_eval_self *out);

/*
 * Saves the nine scores of one kind in one transaction, by account by at
 * now. The unit's own: EVAL_SELF_LOCKED once the quarter is appraised.
 * Appraised: EVAL_SELF_NO_SELF while the unit has entered nothing. 0, a
 * refusal, or -1.
 */
int mc_eval_self_save(struct mc_db *, struct mc_arena *, unsigned int agency,
    int year, int quarter, enum mc_eval_self_kind, const int[EVAL_SELF_N],
    long long by, time_t now);

#endif
