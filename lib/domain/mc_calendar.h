/*
 * Working time: office blocks (config office_hours, default
 * "07:30-11:30,13:00-17:00", 8 hours a day) on working days, and deadlines
 * counted in working minutes or in calendar days.
 *
 * A working day is Monday to Friday unless the calendar table says
 * otherwise: 'off' rows are days off (public holidays, compensatory days,
 * days off decided by the Government), 'work' rows are make-up working days
 * (usually a Saturday). The rows live in the table calendar_days: computed
 * ones (Labour Code 2019 Art. 112, lunar dates from mc_lunar) written by
 * mc_calendar_fill(), and admin ones that override them. A process keeps
 * one compact copy (a byte per day, 2000-01-01 to 2100-12-31), read by
 * mc_calendar_load(); until it has loaded, only weekends are days off.
 *
 * Times are time_t; days are the local days of the process's time zone
 * (the config sets TZ to Asia/Ho_Chi_Minh). Everything here works to the
 * second; the deadline functions never fail.
 */
#ifndef MC_CALENDAR_H
#define MC_CALENDAR_H

#include <stddef.h>
#include <time.h>

struct mc_arena;
struct mc_db;
struct mc_rows;

#define MC_CALENDAR_FIRST_YEAR 2000 /* the years the table covers */
#define MC_CALENDAR_LAST_YEAR  2100

/* What a calendar row says about its day. */
enum mc_day_kind {
	DAY_DEFAULT, /* no row: Monday-Friday work, weekends off */
	DAY_OFF,     /* 'off': a day off */
	DAY_WORK,    /* 'work': a working day */
	DAY__MAX
};

/* How a dossier or a step stands against its due time. */
enum mc_colour {
	COLOUR_GREEN,  /* on time */
	COLOUR_YELLOW, /* due soon */
	COLOUR_RED,    /* overdue */
	COLOUR__MAX
};

/* ---- Deadlines (pure computations on the loaded table) ---- */

/* 1 if the local day of t is a working day, else 0. */
int mc_calendar_is_workday(time_t t);

/*
 * The moment `minutes` working minutes after start, counting only office
 * blocks of working days. A start outside office hours counts from the
 * next block's opening; a result that falls on a block's end stays there
 * (17:00, not the next morning). minutes < 0 counts as 0, so 0 gives the
 * first moment at or after start that is in office hours.
 */
time_t mc_calendar_add_minutes(time_t start, long minutes);

/*
 * The end of a period of `days` calendar days after start: the close of
 * office (end of the last block) on the day `days` days after start's
 * day, or on the next working day when that day is not one.
 */
time_t mc_calendar_add_days(time_t start, int days);

/*
 * When the clock of a dossier received at `received` starts: the received
 * moment itself (moved to the next office opening when outside office
 * hours), or, when it came after the cut-off (cutoff_minutes after
 * midnight, e.g. 900 for 15:00; 0 or less for none) or on a day off, the
 * opening of the next working day.
 */
time_t mc_calendar_start(time_t received, int cutoff_minutes);

/*
 * Working minutes between two moments (office blocks of working days
 * only), rounded down; 0 when to <= from. Used for time used, time left,
 * and for the time a paused dossier waited.
 */
long mc_calendar_work_minutes(time_t from, time_t to);

/*
 * The due time after a pause: `due` moved by the working time between
 * `paused` and `resumed` (the clock stood still meanwhile). Equal to due
 * when no working time passed.
 */
time_t mc_calendar_resume(time_t due, time_t paused, time_t resumed);

/*
 * The colour of a step that started at `start` and is due at `due`, seen
 * at `now`: red when now > due; yellow when the working time left is at
 * most soon_percent % of the step's working time (start to due); else
 * green. soon_percent < 0 takes the config (mc_calendar_soon_percent()).
 */
enum mc_colour mc_calendar_colour(time_t start, time_t due, time_t now,
    int soon_percent);

/* Config due_soon_percent (0-100, default 20). */
int mc_calendar_soon_percent(void);

/* "green", "yellow", "red" (for HDF, CSS classes and JSON). */
const char *mc_calendar_colour_name(enum mc_colour);

/* ---- The in-memory table ---- */

/*
 * Reads the calendar rows into this process's table, if they changed: at
 * most once a minute (config calendar_check_seconds, default 60) it asks
 * the database for a fingerprint of the table (one small query: count,
 * latest updated_at, checksum of days and kinds) and reloads every row
 * when it differs; a change made through this module in this process is
 * seen at the next call. Call it before computing deadlines (cheap: a
 * clock check in between; e.g. once per request). After an
 * error the previous table (or weekends only) stays in use until the next
 * check. 0 or -1 (logged).
 */
int mc_calendar_load(struct mc_db *);

/*
 * Forgets the table: weekends only until the next mc_calendar_load(),
 * which then reads the database at once. For tests, and after a change.
 */
void mc_calendar_reset(void);

/*
 * Marks one day in this process's table only (not the database): tests
 * and tools. 0, or -1 for a date outside the table's years.
 */
int mc_calendar_mark(int year, int month, int day, enum mc_day_kind);

/* What the process's table says about a day (DAY_DEFAULT when unknown). */
enum mc_day_kind mc_calendar_day_kind(int year, int month, int day);

/* ---- Public holidays computed for a year ---- */

#define MC_HOLIDAY_NAME 96
#define MC_HOLIDAYS_MAX 32

/* One computed day off. */
struct mc_holiday {
	int  year, month, day;
	int  compensatory; /* 1: a day off in lieu of a weekend holiday */
	char name[MC_HOLIDAY_NAME]; /* Vietnamese, UTF-8 */
};

/*
 * The days off of a solar year by Labour Code 2019 Art. 112 and 111(3),
 * sorted by date, into out[0..max): 1 January; Tết Nguyên Đán (the last
 * day of the lunar year and the first four of the new one); Hùng Kings'
 * day (10th of the 3rd lunar month); 30 April; 1 May; 2 September and one
 * adjacent day (3 September when 2 September is a Monday or a Thursday,
 * so the holiday joins a weekend, else 1 September, as the schedules of
 * 2021-2025 did); and for each of them that falls on a Saturday or a
 * Sunday a compensatory day on the next working day that is not already
 * off. Days on weekends are included (they name the holiday). Returns
 * the count, or -1 when the year is outside the table's years or max is
 * too small.
 */
int mc_calendar_holidays(int year, struct mc_holiday *out, size_t max);

/* ---- The calendar_days table ---- */

/* What mc_calendar_fill() did. */
struct mc_calendar_counts {
	size_t added, changed, removed, unchanged, admin;
};

/*
 * Writes the computed days off of years from..to into calendar_days, in
 * one transaction: missing ones are added, computed rows that differ are
 * updated, computed rows no longer computed are removed, rows an admin
 * set are never touched (counted in admin). Unchanged rows keep their
 * updated_at, so running it again changes nothing. counts may be NULL.
 * 0, or -1 (logged; nothing written).
 */
int mc_calendar_fill(struct mc_db *, int from, int to,
    struct mc_calendar_counts *);

/*
 * An admin override of one day ("YYYY-MM-DD"): kind DAY_OFF or DAY_WORK
 * with a name (one line, 1-255 characters). Replaces whatever row the day
 * had. 0, or -1 (invalid input, or a database error, logged).
 */
int mc_calendar_set(struct mc_db *, const char *day, enum mc_day_kind,
    const char *name);

/*
 * Removes the admin override of a day; the computed row of that day, if
 * any, comes back. 1 removed, 0 there was no admin row, -1 error.
 */
int mc_calendar_unset(struct mc_db *, const char *day);

/*
 * The rows of a solar year, by day, into the arena; columns day, kind,
 * name, source, updated_at, wday (1 Sunday .. 7 Saturday). 0 or -1.
 */
int mc_calendar_list(struct mc_db *, struct mc_arena *, int year,
    struct mc_rows *);

/*
 * Parses "YYYY-MM-DD" within the table's years into its parts. 0, or -1
 * when malformed or out of range.
 */
int mc_calendar_parse_day(const char *, int *year, int *month, int *day);

/* "off" / "work" and back (DAY_DEFAULT for anything else). */
const char	*mc_calendar_kind_name(enum mc_day_kind);
enum mc_day_kind mc_calendar_kind_parse(const char *);

#endif
