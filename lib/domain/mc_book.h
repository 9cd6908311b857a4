/*
 * The registers of an agency's dossiers for leaders and officers (issue
 * 11): the tracking book (form 06 of Circular 01/2018) a page at a time,
 * the late dossiers with their apologies (form 04), and each officer's
 * workload and timeliness. Lists read an index range in order (keyset
 * pages, migration 0043), the officers' figures the open dossiers they
 * hold and the summary stats_officer: never a scan of the history.
 */
#ifndef MC_BOOK_H
#define MC_BOOK_H

#include <stddef.h>
#include <time.h>

struct mc_arena;
struct mc_db;
struct mc_rows;

/* Which dossiers a list shows: an agency with its subtree and a period. */
struct mc_book_filter {
	unsigned int agency;	/* with its subtree */
	long long    field_id;	/* 0: every field */
	const char  *from, *to; /* "YYYY-MM-DD", local days, both included */
	/* Keyset: the page starts after this row (NULL: the first page). */
	const char *after_at; /* "YYYY-MM-DD HH:MM:SS" of its sort time */
	long long   after_id;
	/*
	 * The page ends before this row (the previous page; NULL: not
	 * backwards), the limit rows nearest to it, in order.
	 */
	const char *before_at;
	long long   before_id;
	/*
	 * Forwards, the rows before this sort time only ("YYYY-MM-DD
	 * HH:MM:SS", NULL: the period's end): a window that bounds what a
	 * batch of an export reads (register_batches).
	 */
	const char *until;
	/*
	 * Backwards, the rows from this sort time only (NULL: the
	 * period's start); set by the reads themselves (see mc_book_page).
	 */
	const char *since;
	size_t	    limit; /* rows wanted (one more says there is a next) */
	/*
	 * MC_UNITS_TODAY (0): each row's agency named as the unit it counts
	 * in today; MC_UNITS_TIME: as filed. Either way the subtree takes
	 * in the dissolved units it succeeded.
	 */
	int units;
};

/*
 * The columns of the book's rows (form 06), in the statement's order:
 * received, first due (promised at receipt), the new date an apology set,
 * when and to whom the dossier was handed for processing (the second
 * step), the result's date (decided) and the return with its method.
 */
enum mc_book_col {
	BOOK_ID,
	BOOK_CODE,
	BOOK_STATUS,
	BOOK_PROCEDURE,
	BOOK_APPLICANT,
	BOOK_AGENCY,
	BOOK_RECEIVED,
	BOOK_DUE,
	BOOK_NEW_DUE,
	BOOK_HANDED_AT,
	BOOK_HANDED_TO,
	BOOK_RESULT_AT,
	BOOK_RETURNED,
	BOOK_RETURN_METHOD,
	BOOK_FIELD,
	BOOK_AGENCY_ID, /* the agency the dossier was filed at */
	BOOK__MAX
};

/*
 * A page of the tracking book: the dossiers received in the period by
 * the agency's subtree (of one field), by time received then id; columns
 * enum mc_book_col. Backwards (before_at set), the page ends before that
 * row: as many rows as the limit says (when there are), still in order;
 * the first of them is the earliest. Without f->until, the page is read
 * through windows of time from its keyset (6 hours, then eight times
 * longer while a window holds fewer rows than the limit), so that the
 * server reads about the page's rows, not every row to the period's end
 * (or start). 0 or -1.
 */
int mc_book_page(struct mc_db *, struct mc_arena *,
    const struct mc_book_filter *, struct mc_rows *);

/* What the book's note column says of a row (bits). */
enum mc_book_note {
	BOOK_NOTE_REFUSED = 1 << 0,
	BOOK_NOTE_WITHDRAWN = 1 << 1,
	BOOK_NOTE_STOPPED = 1 << 2,
	BOOK_NOTE_EARLY = 1 << 3,   /* resolved before the due day */
	BOOK_NOTE_LATE = 1 << 4,    /* resolved after the first due time */
	BOOK_NOTE_OVERDUE = 1 << 5, /* open past the first due time at now */
	BOOK_NOTE_APOLOGY = 1 << 6  /* a new date was set (form 04) */
};

/* The note of row i of a book page at now (enum mc_book_note bits). */
unsigned int mc_book_note(const struct mc_rows *, size_t i, time_t now);

/*
 * The columns of the late list's rows: the first due time, when the
 * dossier was resolved (NULL: still open), the apology's time, new date
 * and reason (NULL: none issued).
 */
enum mc_late_col {
	LATE_ID,
	LATE_CODE,
	LATE_STATUS,
	LATE_PROCEDURE,
	LATE_APPLICANT,
	LATE_AGENCY,
	LATE_RECEIVED,
	LATE_DUE,
	LATE_FINISHED,
	LATE_APOLOGY_AT,
	LATE_NEW_DUE,
	LATE_REASON,
	LATE_AGENCY_ID,
	LATE__MAX
};

/*
 * A page of the late dossiers: those of the agency's subtree (and field)
 * whose first due time fell in the period and that were resolved after
 * it, or are still open past it at now (not while waiting for a
 * supplement: the clock is stopped), by first due time then id; the
 * same definition as the statistics' late and overdue. Columns enum
 * mc_late_col. Backwards (before_at set), and read through windows of
 * time, as mc_book_page. 0 or -1.
 */
int mc_book_late(struct mc_db *, struct mc_arena *,
    const struct mc_book_filter *, time_t now, struct mc_rows *);

/* The whole list's counts: late dossiers and those with an apology. */
int mc_book_late_count(struct mc_db *, struct mc_arena *,
    const struct mc_book_filter *, time_t now, long long *late,
    long long *apologies);

/*
 * How late row i of the late list is, in working minutes: from the first
 * due time to its resolution, or to now while it is open.
 */
long mc_book_late_minutes(const struct mc_rows *, size_t i, time_t now);

/* One officer's workload and timeliness at an agency. */
struct mc_officer_load {
	long long   id;
	const char *name;
	long long   agency_id; /* the unit of the line (see below) */
	const char *agency_name, *agency_name_en;
	long long   open, soon, overdue; /* held now; intime = open - both */
	long long   steps, early, ontime,
	    late;	   /* steps finished in the period */
	long long minutes; /* working minutes of those steps */
};

/*
 * The officers of the agency and of the dissolved units that count in it
 * today (their receivers, specialists and leaders, and whoever finished a
 * step at one of them in the period), by name; only the one officer when
 * only is non-zero. By today's units (MC_UNITS_TODAY) one line an
 * officer, its unit the agency (a dissolved unit's figures counted in
 * it); by the units of the time (MC_UNITS_TIME) one line an officer and
 * unit, the agency's first. Open now: the open dossiers each holds there,
 * due soon and overdue as the inbox colours them at now (only those of a
 * unit the officer has a line at); steps finished in the period from
 * stats_officer. In the arena; 0 or -1.
 */
int mc_book_officers(struct mc_db *, struct mc_arena *, unsigned int agency,
    int units, const char *from, const char *to, long long only, time_t now,
    struct mc_officer_load **out, size_t *n);

#endif
