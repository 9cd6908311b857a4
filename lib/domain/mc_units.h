/*
 * Reorganisations of units (issue 11): a dissolved agency (valid_to set)
 * and the units that took over from it (agency_successors, migration 0054;
 * agencies.successor_id the one its figures count in today), and moving a
 * dissolved unit's open dossiers to a successor, keeping their history and
 * deadlines.
 */
#ifndef MC_UNITS_H
#define MC_UNITS_H

#include <stddef.h>
#include <time.h>

struct mc_arena;
struct mc_db;
struct mc_rows;

/* What mc_units_move refuses, besides -1 (an error). */
#define UNITS_NO_FROM	    1 /* no agency with the --from code */
#define UNITS_NO_TO	    2 /* no agency with the --to code */
#define UNITS_NOT_DISSOLVED 3 /* from has no end (valid_to) before today */
#define UNITS_TO_ENDED	    4 /* to is no longer in force */
#define UNITS_NOT_SUCCESSOR 5 /* to did not take over from from */

/* What a move found and did. */
struct mc_units_move {
	long long    from_id, to_id;
	const char  *from_name, *to_name; /* in the arena */
	long long    open;   /* open dossiers of from when asked */
	long long    moved;  /* of them, moved now */
	unsigned int failed; /* not moved (errors, logged) */
};

/*
 * Moves every open dossier whose receiving or current agency is the
 * dissolved unit from_code (or with a step not yet done there) to its
 * successor to_code, one transaction per dossier: the agencies and the
 * steps not yet done, the holder cleared (officers of the new unit take
 * it), the version bumped, an internal event `move_unit` naming both
 * units, the counters of open dossiers (mc_counters_move) and the
 * statistics (mc_stats_dossier) moved, and an audit row
 * (dossier_action "move_unit"). Deadlines, events, files and steps done
 * stay as they were. A dossier already moved is not found again: running
 * it twice, or after a stop, moves what is left. dry_run: only counts.
 * 0 (out filled), a UNITS_ refusal (out's ids and names as far as found),
 * or -1.
 */
int mc_units_move(struct mc_db *, struct mc_arena *, const char *from_code,
    const char *to_code, int dry_run, time_t now, struct mc_units_move *out);

/* A refusal's reason, in English, for the command line. */
const char *mc_units_refusal(int);

/*
 * The agencies and where each one counts today: the unit itself while in
 * force, else its successor's (followed through successor_id, at most 16
 * links), else itself.
 */
struct mc_unit {
	unsigned int id;
	unsigned int successor;
	int	     in_force;
	const char  *name, *name_en;
};

struct mc_units {
	struct mc_unit *u; /* sorted by id */
	size_t		n;
};

/* Loads every agency (a few hundred rows); 0 or -1. */
int mc_units_load(struct mc_db *, struct mc_arena *, struct mc_units *);

/* The unit id counts in today (id itself when unknown). */
const struct mc_unit *mc_units_today(const struct mc_units *, unsigned int id);

/*
 * The unit view of every report (the statistics, the book, the late list,
 * the officers, the dashboard): 0, by today's units (a dissolved unit's
 * dossiers and figures counted in the unit that succeeded it); 1, by the
 * units of the time (each as it was when the dossier was filed).
 */
#define MC_UNITS_TODAY 0
#define MC_UNITS_TIME  1

/* The view a request's word names: "time", else today's units. */
int mc_units_view(const char *word);

/* The view's word in an address ("today" or "time"). */
const char *mc_units_view_word(int view);

/*
 * A statement's head: the CTE `units (id)` of an agency (the first ?)
 * and, when the second ? is MC_UNITS_TODAY, every dissolved unit that
 * counts in it today (followed through successor_id); by the units of
 * the time, the agency alone.
 */
#define MC_UNITS_CTE \
	"WITH RECURSIVE units (id) AS (SELECT id FROM agencies WHERE id = ? " \
	"UNION SELECT a.id FROM agencies a JOIN units ON a.successor_id = " \
	"units.id AND ? = 0 AND a.valid_to < CURDATE()) "

/*
 * By today's units: in each row, the agency's id (column id_col) and
 * names (name_col, and name_en_col unless it is (size_t)-1) replaced by
 * those of the unit it counts in today (mc_units_today); strings in the
 * arena. 0 or -1.
 */
int mc_units_rename(struct mc_db *, struct mc_arena *, struct mc_rows *,
    size_t id_col, size_t name_col, size_t name_en_col);

#endif
