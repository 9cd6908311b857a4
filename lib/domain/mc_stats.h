/*
 * Statistics of dossiers kept up to date as dossiers move (issue 11): the
 * summary tables (stats_day, stats_month, stats_officer, stats_step), the
 * recount a transition runs in its own transaction, the rebuild, and the
 * report queries that read only the summaries.
 */
#ifndef MC_STATS_H
#define MC_STATS_H

#include <stddef.h>
#include <time.h>

struct mc_arena;
struct mc_db;
struct mc_rows;

/* What stats_day / stats_month count (the metric column). */
enum mc_stats_metric {
	STM_RECEIVED = 1,     /* submitted that day (channel: how) */
	STM_OPEN = 2,	      /* stock delta: +1 received, -1 closed */
	STM_OVERDUE = 3,      /* stock delta: +1 day after due, -1 closed */
	STM_ACCEPTED = 4,     /* accepted (form 01) */
	STM_REFUSED = 5,      /* refused at receipt (form 03) */
	STM_WITHDRAWN = 6,    /* withdrawn by the applicant */
	STM_STOPPED = 7,      /* stopped (2025 stop notice) */
	STM_EARLY = 8,	      /* resolved before the due day */
	STM_ONTIME = 9,	      /* resolved on the due day, in time */
	STM_LATE = 10,	      /* resolved after the due time */
	STM_MINUTES = 11,     /* working minutes of the resolved ones */
	STM_SUPPLEMENTS = 12, /* supplement requests (forms 02) */
	STM_APOLOGIES = 13,   /* apologies (forms 04) */
	STM_RETURNED = 14,    /* results returned */
	STM_RETURNED_ONLINE = 15, /* of them, returned electronically */
	STM_DIGITISED = 16,	  /* received (day submitted) with documents
				     digitised: a file attached */
	STM_RESULT_DIGITAL = 17,  /* resolved with an electronic result */
	STM_PAID = 18,		  /* payment confirmed (its day) */
	STM_PAID_ONLINE = 19,	  /* of them, filed and paid online */
	STM_HIST = 1000 /* + bucket: resolved in up to that many hours */
};

/* What stats_officer counts: steps an officer took, by outcome. */
enum mc_stats_officer_metric {
	STO_STEPS = 1,
	STO_EARLY = 2,
	STO_ONTIME = 3,
	STO_LATE = 4,
	STO_MINUTES = 5 /* working minutes of those steps */
};

/*
 * The histogram bucket of a duration in working minutes: the upper bound
 * in working hours (1..40 by the hour, then by the day to 400, then by ten
 * days).
 */
long mc_stats_bucket(long minutes);

/*
 * Recounts one dossier's contribution to the summaries from its row, its
 * events and its steps, and applies the difference with what was counted
 * before; runs inside the caller's transaction (every transition calls it
 * once, after writing the row and the event). 0 or -1.
 */
int mc_stats_dossier(struct mc_db *, struct mc_arena *, long long dossier_id);

/*
 * Empties the summaries and counts every dossier again, in transactions
 * of a thousand dossiers, then the ratings (mc_stats_ratings_rebuild);
 * *count is how many dossiers. 0 or -1.
 */
int mc_stats_rebuild(struct mc_db *, struct mc_arena *, long long *count);

/*
 * Lists the months that have begun by now (local time) in stats_open_months
 * with their stocks at the start (stats_open), one month a transaction, from
 * the history's first month: at most max months (0: all). The worker runs
 * it each pass; after that a report reads a month's balances instead of
 * every delta before it. The number of months added, or -1.
 */
int mc_stats_close_months(struct mc_db *, struct mc_arena *, time_t now,
    int max);

/*
 * Forgets the month-start balances (after the summaries were written
 * without them, as by `motcua gen`); mc_stats_close_months lists them
 * again. Reports stay exact meanwhile (they sum the deltas). 0 or -1.
 */
int mc_stats_open_reset(struct mc_db *);

/* How a report groups its rows. */
enum mc_stats_by {
	STATS_BY_AGENCY = 1,
	STATS_BY_PROCEDURE = 2,
	STATS_BY_FIELD = 3,
	STATS_BY_CHANNEL = 4,
	STATS_BY_MONTH = 5
};

/* A report's filter: a period of local days and optional dimensions. */
struct mc_stats_filter {
	const char  *from, *to;	   /* "YYYY-MM-DD", both included */
	unsigned int agency;	   /* with its subtree; 0: the whole city */
	long long    procedure_id; /* 0: all */
	long long    field_id;	   /* 0: all */
	int	     channel;	   /* 0: all, else enum mc_channel */
	/*
	 * By agency: 0, by today's units (a dissolved agency's figures
	 * added to its successor's, mc_units_today); 1, by the units of
	 * the time (each as it was). Either way an agency's scope takes
	 * in the dissolved units it succeeded.
	 */
	int units_of_time;
};

/* The columns of a report row. */
enum mc_stats_col {
	SC_CARRIED,	/* pending at the start of the period */
	SC_NEW_ONLINE,	/* received in the period, online */
	SC_NEW_COUNTER, /* in person */
	SC_NEW_POST,	/* by post */
	SC_RECEIVED,	/* carried + new */
	SC_EARLY,
	SC_ONTIME,
	SC_LATE,
	SC_RESOLVED,
	SC_PENDING_INTIME, /* pending at the end, not overdue */
	SC_PENDING_OVERDUE,
	SC_PENDING,
	SC_WITHDRAWN,
	SC_REFUSED,
	SC_STOPPED,
	SC_SUPPLEMENTS,
	SC_APOLOGIES,
	SC_RETURNED,
	SC_RETURNED_ONLINE,
	SC_AVG_MINUTES, /* average handling time (working minutes) */
	SC_P90_HOURS,	/* 90th percentile, working hours (bucket bound) */
	SC__MAX
};

/* One row of a report: a group (key and names) and its figures. */
struct mc_stats_row {
	long long   key; /* agency, procedure, field id, channel, yyyymm */
	const char *name, *name_en; /* in the arena; NULL for channel, month */
	long long   v[SC__MAX];
};

/* A report: its rows, sorted by received (most first), and the total. */
struct mc_stats_report {
	struct mc_stats_row *rows;
	size_t		     n;
	struct mc_stats_row  total;
};

/*
 * The report of the filter grouped by `by`, from the summaries only;
 * rows and names in the arena. 0 or -1.
 */
int mc_stats_report(struct mc_db *, struct mc_arena *,
    const struct mc_stats_filter *, enum mc_stats_by,
    struct mc_stats_report *);

/*
 * The dossiers pending at the end of a past day (of the filter's scope;
 * its from and to are ignored): pending, within time and overdue, from
 * the summaries' stocks, as a report ending that day counts them. 0 or -1.
 */
int mc_stats_pending_at(struct mc_db *, struct mc_arena *,
    const struct mc_stats_filter *, const char *day, long long *pending,
    long long *intime, long long *overdue);

/*
 * The whole months of the local days [from, to]: [fm, lm) ("YYYY-MM-01";
 * fm == lm: none), the days outside them read from stats_day, as
 * mc_stats_report does.
 */
void mc_stats_month_bounds(const char *from, const char *to, char fm[11],
    char lm[11]);

/* The column names of a report ("carried", "new_online" ...), by index. */
const char *mc_stats_col_name(enum mc_stats_col);

/*
 * The expected finish of an open dossier at a step, from the dossiers of
 * the same procedure resolved after the same step of the same agency
 * (stats_remain: the working time from the step's start to the result).
 */
struct mc_stats_expect {
	long long n;	  /* such dossiers in the history */
	long long later;  /* of them, those not resolved within the working
			     time this one has spent at the step so far */
	time_t	  median; /* half of those were resolved by then */
	time_t	  p90;	  /* nine in ten of them */
};

/*
 * The expectation of a dossier at step seq (of the step's agency) of the
 * procedure, started at `started`, by `now`: the median and the 90th
 * percentile of the remaining time of the history's dossiers that took
 * longer than this one's time at the step so far, added to the step's
 * start in working time. 1 with an estimate; 0 without one (no history:
 * e->n == 0; this one already slower than all of it: e->later == 0); -1
 * on error.
 */
int mc_stats_expect(struct mc_db *, struct mc_arena *, long long procedure_id,
    unsigned int agency_id, int seq, time_t started, time_t now,
    struct mc_stats_expect *);

/*
 * The same from a histogram of nb buckets (upper bounds in working hours,
 * ascending, as mc_stats_bucket gives them, with their counts) and the
 * working minutes elapsed since started; 1 or 0 as mc_stats_expect.
 */
int mc_stats_expect_hist(const long *bucket, const long long *n, size_t nb,
    long elapsed, time_t started, struct mc_stats_expect *);

/*
 * The applicants' satisfaction (mc_stats_ratings.c, stats_ratings): a
 * rating's overall answer counted on its local day and month, in the
 * rating's own transaction (mc_eval_rate calls it once the rating and its
 * answers are written; nothing without an overall answer). 0 or -1.
 */
int mc_stats_rating(struct mc_db *, long long rating_id);

/* Counts every rating again (one transaction; stats rebuild). 0 or -1. */
int mc_stats_ratings_rebuild(struct mc_db *);

/* The columns of mc_stats_ratings' rows. */
enum mc_stats_ratings_col {
	SR_AGENCY_ID,
	SR_RATINGS,   /* with an overall answer */
	SR_SATISFIED, /* satisfied or very (1 or 2) */
	SR_VERY,      /* very satisfied (2) */
	SR__MAX
};

/*
 * The ratings given on the local days [from, to] ("YYYY-MM-DD") per
 * receiving agency of the agency's subtree (with the dissolved units it
 * succeeded when successors is 1), agencies without any left out; rows in
 * the arena, by agency id. Reads whole months and the edge days only.
 * 0 or -1.
 */
int mc_stats_ratings(struct mc_db *, struct mc_arena *, unsigned int agency,
    int successors, const char *from, const char *to, struct mc_rows *);

#endif
