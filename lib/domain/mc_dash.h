/*
 * The leaders' dashboard (issue 11): what an operation centre's screen
 * shows of an agency with its subtree, read from the summary tables and
 * the live counters only (never a scan of the dossiers).
 */
#ifndef MC_DASH_H
#define MC_DASH_H

#include <stddef.h>
#include <time.h>

struct mc_arena;
struct mc_db;
struct mc_rows;

/* One day of the trend: dossiers received and resolved (late of them). */
struct mc_dash_day {
	char	  day[11]; /* "YYYY-MM-DD" */
	long long received, resolved, late;
};

/*
 * The days from `from` to `to` (local "YYYY-MM-DD", both included, at most
 * max of them) of the agency's subtree (here and below: with the dissolved
 * units it succeeded, as mc_stats) from stats_day, every day present
 * (zeros where nothing happened); *out in the arena, *n days. 0 or -1.
 */
int mc_dash_trend(struct mc_db *, struct mc_arena *, unsigned int agency,
    const char *from, const char *to, size_t max, struct mc_dash_day **out,
    size_t *n);

/* The columns of mc_dash_live's rows (named as here, lower case). */
enum mc_dash_live_col {
	DLIVE_ID,
	DLIVE_NAME,
	DLIVE_NAME_EN,
	DLIVE_OPEN,    /* open now, not waiting for a supplement */
	DLIVE_SOON,    /* of them, yellow: the step is due soon */
	DLIVE_OVERDUE, /* red: the step is overdue */
	DLIVE__MAX
};

/*
 * Open dossiers now per current agency of the subtree from the counters
 * every transition keeps (dossier_counters), those with any first, most
 * overdue first. 0 or -1.
 */
int mc_dash_live(struct mc_db *, struct mc_arena *, unsigned int agency,
    struct mc_rows *);

/* Applicants' overall answers of the ratings given in a period. */
struct mc_dash_sat {
	long long ratings;   /* with an overall answer */
	long long satisfied; /* satisfied or very (1 or 2) */
	long long very;	     /* very satisfied (2) */
};

/*
 * The ratings of the agency's subtree given on the local days [from, to]
 * ("YYYY-MM-DD", both included), from their summaries (mc_stats_ratings):
 * a few rows per agency and month, not the ratings. 0 or -1.
 */
int mc_dash_satisfaction(struct mc_db *, struct mc_arena *,
    unsigned int agency, const char *from, const char *to,
    struct mc_dash_sat *);

/*
 * An open dossier whose expected finish (mc_stats_expect, from the history
 * of its procedure at its current step and agency) passes its legal due
 * time while that time has not come yet: the leaders are told early, with
 * the step where it is slow. Strings in the arena.
 */
struct mc_dash_risk {
	const char *code, *applicant, *procedure, *holder; /* holder: NULL */
	time_t	    due;	 /* the legal due time */
	time_t	    median, p90; /* expected finish; 0 when beyond */
	int	    beyond;	 /* slower at the step than all the history */
	long long   history;	 /* dossiers of that history */
	int	    seq;	 /* the slow step: the one it is at */
	const char *step_name;	 /* as the workflow names it */
	const char *step_agency; /* the agency that holds the step */
	time_t	    step_started;
	time_t	    step_due; /* the step's own quota ends; 0 none */
};

/*
 * The dossiers received by the agency or one directly under it (or by a
 * dissolved unit that counts in one of them today), open at a
 * step (accepted, processing, waiting for payment; not paused) and not yet
 * past their legal due time at now, nearest due first (at most `scan` of
 * them looked at, through dossiers_agency_due), whose expected finish
 * (median) is after that due time, or that are slower at their step than
 * every dossier of the history once the step's own quota has passed; *out
 * (arena), *n. 0 or -1.
 */
int mc_dash_at_risk(struct mc_db *, struct mc_arena *, unsigned int agency,
    time_t now, size_t scan, struct mc_dash_risk **out, size_t *n);

#endif
