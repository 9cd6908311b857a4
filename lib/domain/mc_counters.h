/*
 * Counters of open dossiers by current agency, status, step and colour
 * (issue 12): kept in the transaction of every transition, so that inboxes
 * and leaders' overviews read a few rows instead of counting the dossiers.
 * Each dossier remembers the bucket that counts it (dossiers.counted_*): a
 * move takes it out of exactly that bucket and into the one of its state
 * now. The clock turning a dossier yellow or red changes no row: the worker
 * notices (mc_counters_tick) and moves it. Table dossier_counters
 * (db/migrations/0036). With them, in the same moves, each agency's list
 * of the procedures of the dossiers it holds, open or closed (the inbox's
 * procedure filter): table procedure_counters (db/migrations/0075).
 */
#ifndef MC_COUNTERS_H
#define MC_COUNTERS_H

#include <stddef.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_calendar.h"
#include "mc_db.h"

/*
 * Moves the dossier (its row written, and locked, by the caller's open
 * transaction) into the bucket of its state at now: its current agency,
 * status, step and colour while it is open, none once closed. The one call
 * every change of a dossier's agency, status, step or clock makes, in its
 * transaction. 0 or -1.
 */
int mc_counters_move(struct mc_db *, struct mc_arena *, long long dossier_id,
    time_t now);

/*
 * The worker's pass: moves (in transactions of its own) at most max
 * dossiers whose colour turned with the clock since they were counted, and
 * counts those never counted (open dossiers written before the counters
 * existed or outside the domain). The number moved, or -1.
 */
long long mc_counters_tick(struct mc_db *, struct mc_arena *, time_t now,
    size_t max);

/*
 * Recomputes every counter from the dossiers at now, in one transaction
 * (transitions wait meanwhile). 0 or -1.
 */
int mc_counters_rebuild(struct mc_db *, struct mc_arena *, time_t now);

/*
 * Compares the live counters of an agency (0: every agency) with what its
 * dossiers give at now, both read in one snapshot: the number of buckets
 * and procedure list rows that differ (0: they agree), or -1. Each
 * difference is logged.
 */
long long mc_counters_check(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, time_t now);

/*
 * An agency's open dossiers whose clock runs, by colour (0: every agency).
 * 0 or -1.
 */
int mc_counters_colours(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, long long counts[COLOUR__MAX]);

/*
 * The procedures of the dossiers the agency holds now (open or closed),
 * each once, by name: columns id, code, name; at most 1000. 0 or -1.
 */
int mc_counters_procedures(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, struct mc_rows *);

/* The columns of mc_counters_agency's rows. */
enum counters_col {
	CNT_STATUS,
	CNT_STEP,
	CNT_COLOUR, /* 0 none, 1 + enum mc_colour */
	CNT_N,
	CNT__MAX
};

/*
 * An agency's open dossiers by status, step and colour (0: every agency),
 * non-zero buckets only, columns enum counters_col. 0 or -1.
 */
int mc_counters_agency(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, struct mc_rows *);

#endif
