/*
 * Working time for deadlines: office blocks on working days, a per-process
 * table of days off and make-up days read from calendar_days, the public
 * holidays computed for a year, and the admin's overrides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_calendar.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_lunar.h"
#include "mc_util.h"

#define MAX_BLOCKS     4
#define DEFAULT_HOURS  "07:30-11:30,13:00-17:00"
#define FIRST_JDN      2451545L /* 2000-01-01 */
#define NDAYS	       36890	/* to 2100-12-31 */
#define CHECK_EVERY    60	/* default calendar_check_seconds */
#define MAX_SCAN_DAYS  40000	/* loops over days stop here */
#define NAME_MAX_CHARS 255

struct block {
	long from; /* seconds after midnight */
	long to;
};

enum stmt {
	STMT_FINGERPRINT,
	STMT_ALL,
	STMT_YEAR,
	STMT_INSERT,
	STMT_UPDATE,
	STMT_DELETE_COMPUTED,
	STMT_SET,
	STMT_UNSET,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_FINGERPRINT] = "SELECT COUNT(*), COALESCE(MAX(updated_at), ''),"
	    " COALESCE(SUM(CRC32(CONCAT(day, kind))), 0) FROM calendar_days",
	[STMT_ALL] = "SELECT day, kind FROM calendar_days",
	[STMT_YEAR] = "SELECT day, kind, name, source, updated_at,"
	    " DAYOFWEEK(day) AS wday FROM calendar_days"
	    " WHERE day BETWEEN ? AND ? ORDER BY day",
	[STMT_INSERT] = "INSERT INTO calendar_days"
	    " (day, kind, name, source, updated_at)"
	    " VALUES (?, ?, ?, 'computed', NOW())",
	[STMT_UPDATE] = "UPDATE calendar_days SET kind = ?, name = ?,"
	    " updated_at = NOW() WHERE day = ? AND source = 'computed'",
	[STMT_DELETE_COMPUTED] = "DELETE FROM calendar_days"
	    " WHERE day = ? AND source = 'computed'",
	[STMT_SET] = "INSERT INTO calendar_days"
	    " (day, kind, name, source, updated_at)"
	    " VALUES (?, ?, ?, 'admin', NOW())"
	    " ON DUPLICATE KEY UPDATE kind = VALUES(kind),"
	    " name = VALUES(name), source = 'admin', updated_at = NOW()",
	[STMT_UNSET] = "DELETE FROM calendar_days"
	    " WHERE day = ? AND source = 'admin'",
};
/* clang-format on */

/* clang-format off */
static const char *const kind_names[DAY__MAX] = {
	[DAY_DEFAULT] = "", [DAY_OFF] = "off", [DAY_WORK] = "work",
};
/* clang-format on */

/* clang-format off */
static const char *const colour_names[COLOUR__MAX] = {
	[COLOUR_GREEN] = "green", [COLOUR_YELLOW] = "yellow",
	[COLOUR_RED] = "red",
};
/* clang-format on */

/* The process's table: a DAY_ kind per day from 2000-01-01. */
static unsigned char days[NDAYS];
static int	     loaded;
static time_t	     checked_at;
static char	     fingerprint[128];

/* ---- Office blocks ---- */

/* Parses "HH:MM" at *s into seconds after midnight; 0 or -1. */
static int
parse_hhmm(const char **s, long *out)
{
	const char *p = *s;
	long	    h, m;

	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' ||
	    p[2] != ':' || p[3] < '0' || p[3] > '5' || p[4] < '0' ||
	    p[4] > '9')
		return -1;
	h = (p[0] - '0') * 10 + (p[1] - '0');
	m = (p[3] - '0') * 10 + (p[4] - '0');
	if (h > 24 || (h == 24 && m != 0))
		return -1;
	*out = (h * 60 + m) * 60;
	*s = p + 5;
	return 0;
}

/*
 * The office blocks of config office_hours ("HH:MM-HH:MM,..." ascending,
 * not overlapping); the default blocks when it is malformed (logged once).
 */
static int
blocks(struct block *b)
{
	static int  warned;
	const char *s = mc_config_get("office_hours", DEFAULT_HOURS);
	int	    n = 0;

	for (;;) {
		if (n == MAX_BLOCKS || parse_hhmm(&s, &b[n].from) < 0 ||
		    *s++ != '-' || parse_hhmm(&s, &b[n].to) < 0 ||
		    b[n].to <= b[n].from || (n > 0 && b[n].from < b[n - 1].to))
			break;
		n++;
		if (*s == '\0')
			return n;
		if (*s++ != ',')
			break;
	}
	if (!warned) {
		mc_warn("office_hours \"%s\" is malformed; using %s",
		    mc_config_get("office_hours", DEFAULT_HOURS),
		    DEFAULT_HOURS);
		warned = 1;
	}
	b[0].from = (7 * 60 + 30) * 60;
	b[0].to = (11 * 60 + 30) * 60;
	b[1].from = 13 * 3600;
	b[1].to = 17 * 3600;
	return 2;
}

/* ---- Days ---- */

/* The table index of a date, or -1 outside the table or invalid. */
static long
day_index(int year, int month, int day)
{
	long jdn, idx;
	int  y, m, d;

	if (year < MC_CALENDAR_FIRST_YEAR || year > MC_CALENDAR_LAST_YEAR)
		return -1;
	jdn = mc_lunar_jdn(year, month, day);
	mc_lunar_civil(jdn, &y, &m, &d);
	if (y != year || m != month || d != day)
		return -1;
	idx = jdn - FIRST_JDN;
	return idx >= 0 && idx < NDAYS ? idx : -1;
}

enum mc_day_kind
mc_calendar_day_kind(int year, int month, int day)
{
	long idx = day_index(year, month, day);

	return idx < 0 ? DAY_DEFAULT : (enum mc_day_kind)days[idx];
}

int
mc_calendar_mark(int year, int month, int day, enum mc_day_kind kind)
{
	long idx = day_index(year, month, day);

	if (idx < 0 || (unsigned int)kind >= DAY__MAX)
		return -1;
	days[idx] = (unsigned char)kind;
	return 0;
}

static int
workday_tm(const struct tm *tm)
{
	switch (mc_calendar_day_kind(tm->tm_year + 1900, tm->tm_mon + 1,
	    tm->tm_mday)) {
	case DAY_OFF:
		return 0;
	case DAY_WORK:
		return 1;
	default:
		return tm->tm_wday != 0 && tm->tm_wday != 6;
	}
}

int
mc_calendar_is_workday(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return workday_tm(&tm);
}

/* Local midnight of the day of t, moved by `n` days. */
static time_t
midnight(time_t t, int n)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_mday += n;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The next day's midnight after the midnight `day`. */
static time_t
next_day(time_t day)
{
	return midnight(day + 12 * 3600, 1);
}

/* ---- Deadlines ---- */

/*
 * The moment `secs` working seconds after start (see
 * mc_calendar_add_minutes()).
 */
static time_t
add_seconds(time_t start, long secs)
{
	struct block b[MAX_BLOCKS];
	time_t	     day;
	long	     pos, need, take;
	int	     n, i, guard;

	n = blocks(b);
	need = secs > 0 ? secs : 0;
	day = midnight(start, 0);
	pos = (long)(start - day);
	for (guard = 0; guard < MAX_SCAN_DAYS; guard++) {
		if (mc_calendar_is_workday(day + 12 * 3600)) {
			for (i = 0; i < n; i++) {
				if (pos >= b[i].to)
					continue;
				if (pos < b[i].from)
					pos = b[i].from;
				take = b[i].to - pos;
				if (need <= take)
					return day + pos + need;
				need -= take;
				pos = b[i].to;
			}
		}
		day = next_day(day);
		pos = 0;
	}
	return day;
}

time_t
mc_calendar_add_minutes(time_t start, long minutes)
{
	return add_seconds(start, minutes > 0 ? minutes * 60 : 0);
}

time_t
mc_calendar_add_days(time_t start, int days_n)
{
	struct block b[MAX_BLOCKS];
	time_t	     day;
	int	     n, guard;

	n = blocks(b);
	day = midnight(start, days_n > 0 ? days_n : 0);
	for (guard = 0;
	     guard < MAX_SCAN_DAYS && !mc_calendar_is_workday(day + 12 * 3600);
	     guard++)
		day = next_day(day);
	return day + b[n - 1].to;
}

time_t
mc_calendar_start(time_t received, int cutoff_minutes)
{
	time_t day = midnight(received, 0);

	if (cutoff_minutes > 0 && received - day > cutoff_minutes * 60L &&
	    mc_calendar_is_workday(day + 12 * 3600))
		return add_seconds(next_day(day), 0);
	return add_seconds(received, 0);
}

/* Working seconds between from and to. */
static long
work_seconds(time_t from, time_t to)
{
	struct block b[MAX_BLOCKS];
	time_t	     day, s, e;
	long	     total = 0;
	int	     n, i, guard;

	if (to <= from)
		return 0;
	n = blocks(b);
	day = midnight(from, 0);
	for (guard = 0; guard < MAX_SCAN_DAYS && day < to; guard++) {
		if (mc_calendar_is_workday(day + 12 * 3600))
			for (i = 0; i < n; i++) {
				s = day + b[i].from > from ? day + b[i].from :
							     from;
				e = day + b[i].to < to ? day + b[i].to : to;
				if (e > s)
					total += (long)(e - s);
			}
		day = next_day(day);
	}
	return total;
}

long
mc_calendar_work_minutes(time_t from, time_t to)
{
	return work_seconds(from, to) / 60;
}

time_t
mc_calendar_resume(time_t due, time_t paused, time_t resumed)
{
	long waited = work_seconds(paused, resumed);

	return waited > 0 ? add_seconds(due, waited) : due;
}

int
mc_calendar_soon_percent(void)
{
	return (int)mc_config_int("due_soon_percent", 20, 0, 100);
}

enum mc_colour
mc_calendar_colour(time_t start, time_t due, time_t now, int soon_percent)
{
	long long total, left;

	if (now > due)
		return COLOUR_RED;
	if (soon_percent < 0)
		soon_percent = mc_calendar_soon_percent();
	total = work_seconds(start, due);
	left = work_seconds(now, due);
	return left * 100 <= total * soon_percent ? COLOUR_YELLOW :
						    COLOUR_GREEN;
}

const char *
mc_calendar_colour_name(enum mc_colour c)
{
	return (unsigned int)c < COLOUR__MAX ? colour_names[c] : "green";
}

const char *
mc_calendar_kind_name(enum mc_day_kind k)
{
	return (unsigned int)k < DAY__MAX ? kind_names[k] : "";
}

enum mc_day_kind
mc_calendar_kind_parse(const char *s)
{
	if (s == NULL)
		return DAY_DEFAULT;
	if (strcmp(s, "off") == 0)
		return DAY_OFF;
	if (strcmp(s, "work") == 0)
		return DAY_WORK;
	return DAY_DEFAULT;
}

/* ---- Holidays of a year ---- */

/* A holiday under construction: its day number and name. */
struct hday {
	long jdn;
	int  comp;
	char name[MC_HOLIDAY_NAME];
};

/* 0 Sunday .. 6 Saturday. */
static int
weekday(long jdn)
{
	return (int)((jdn + 1) % 7);
}

static int
has_day(const struct hday *h, size_t n, long jdn)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (h[i].jdn == jdn)
			return 1;
	return 0;
}

/* Adds a day unless it is there already; 0, or -1 when full. */
static int
hday_add(struct hday *h, size_t *n, size_t max, long jdn, int comp,
    const char *name)
{
	if (has_day(h, *n, jdn))
		return 0;
	if (*n == max)
		return -1;
	h[*n].jdn = jdn;
	h[*n].comp = comp;
	snprintf(h[*n].name, sizeof(h[*n].name), "%s", name);
	(*n)++;
	return 0;
}

static int
hday_cmp(const void *a, const void *b)
{
	const struct hday *x = a, *y = b;

	return x->jdn < y->jdn ? -1 : x->jdn > y->jdn;
}

/* The holidays proper of a year (no compensatory days), unsorted. */
static int
holidays_proper(int year, struct hday *h, size_t *n, size_t max)
{
	static const char *const tet[] = { "mùng 1", "mùng 2", "mùng 3",
		"mùng 4" };
	struct mc_lunar		 ld;
	char			 name[MC_HOLIDAY_NAME];
	long			 jdn, sep2;
	int			 y, m, d, i;

	if (hday_add(h, n, max, mc_lunar_jdn(year, 1, 1), 0,
		"Tết Dương lịch") < 0)
		return -1;
	memset(&ld, 0, sizeof(ld));
	ld.day = 1;
	ld.month = 1;
	ld.year = year;
	if (mc_lunar_to_solar(&ld, &y, &m, &d) < 0)
		return -1;
	jdn = mc_lunar_jdn(y, m, d);
	mc_lunar_civil(jdn - 1, &y, &m, &d);
	if (mc_lunar_from_solar(y, m, d, &ld) < 0)
		return -1;
	snprintf(name, sizeof(name), "Tết Nguyên Đán (%d tháng Chạp)", ld.day);
	if (hday_add(h, n, max, jdn - 1, 0, name) < 0)
		return -1;
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "Tết Nguyên Đán (%s)", tet[i]);
		if (hday_add(h, n, max, jdn + i, 0, name) < 0)
			return -1;
	}
	memset(&ld, 0, sizeof(ld));
	ld.day = 10;
	ld.month = 3;
	ld.year = year;
	if (mc_lunar_to_solar(&ld, &y, &m, &d) < 0 ||
	    hday_add(h, n, max, mc_lunar_jdn(y, m, d), 0,
		"Giỗ Tổ Hùng Vương (10/3 âm lịch)") < 0 ||
	    hday_add(h, n, max, mc_lunar_jdn(year, 4, 30), 0,
		"Ngày Chiến thắng (30/4)") < 0 ||
	    hday_add(h, n, max, mc_lunar_jdn(year, 5, 1), 0,
		"Ngày Quốc tế Lao động (1/5)") < 0)
		return -1;
	sep2 = mc_lunar_jdn(year, 9, 2);
	if (hday_add(h, n, max, sep2, 0, "Quốc khánh (2/9)") < 0)
		return -1;
	/* Monday: 1/9 is a Sunday; Thursday: 3/9 joins the weekend. */
	if (weekday(sep2) == 1 || weekday(sep2) == 4)
		return hday_add(h, n, max, sep2 + 1, 0,
		    "Quốc khánh (3/9, ngày liền kề)");
	return hday_add(h, n, max, sep2 - 1, 0,
	    "Quốc khánh (1/9, ngày liền kề)");
}

int
mc_calendar_holidays(int year, struct mc_holiday *out, size_t max)
{
	struct hday h[MC_HOLIDAYS_MAX];
	char	    name[MC_HOLIDAY_NAME];
	size_t	    n = 0, nproper, i;
	long	    c;

	if (year < MC_CALENDAR_FIRST_YEAR || year > MC_CALENDAR_LAST_YEAR)
		return -1;
	if (holidays_proper(year, h, &n, MC_HOLIDAYS_MAX) < 0)
		return -1;
	qsort(h, n, sizeof(h[0]), hday_cmp);
	nproper = n;
	for (i = 0; i < nproper; i++) {
		if (weekday(h[i].jdn) != 0 && weekday(h[i].jdn) != 6)
			continue;
		for (c = h[i].jdn + 1;
		     weekday(c) == 0 || weekday(c) == 6 || has_day(h, n, c);
		     c++)
			;
		snprintf(name, sizeof(name), "Nghỉ bù %s", h[i].name);
		if (hday_add(h, &n, MC_HOLIDAYS_MAX, c, 1, name) < 0)
			return -1;
	}
	qsort(h, n, sizeof(h[0]), hday_cmp);
	if (n > max)
		return -1;
	for (i = 0; i < n; i++) {
		mc_lunar_civil(h[i].jdn, &out[i].year, &out[i].month,
		    &out[i].day);
		out[i].compensatory = h[i].comp;
		memcpy(out[i].name, h[i].name, sizeof(out[i].name));
	}
	return (int)n;
}

/* ---- The table in the database ---- */

int
mc_calendar_parse_day(const char *s, int *year, int *month, int *day)
{
	int y, m, d;

	/* The one date rule, then the calendar's own years. */
	if (mc_date_parse(s, &y, &m, &d) < 0 || day_index(y, m, d) < 0)
		return -1;
	*year = y;
	*month = m;
	*day = d;
	return 0;
}

void
mc_calendar_reset(void)
{
	memset(days, 0, sizeof(days));
	loaded = 0;
	checked_at = 0;
	fingerprint[0] = '\0';
}

/* Reads every row into the table (replacing it); 0 or -1. */
static int
load_rows(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows rows;
	size_t	       i;
	int	       y, m, d;

	if (mc_db_query(db, a, &rows, stmts[STMT_ALL], "") < 0)
		return -1;
	memset(days, 0, sizeof(days));
	for (i = 0; i < rows.n; i++) {
		if (mc_calendar_parse_day(mc_rows_str(&rows, i, 0), &y, &m,
			&d) < 0)
			continue; /* outside the table's years */
		mc_calendar_mark(y, m, d,
		    mc_calendar_kind_parse(mc_rows_str(&rows, i, 1)));
	}
	return 0;
}

int
mc_calendar_load(struct mc_db *db)
{
	struct mc_arena *a;
	struct mc_rows	 rows;
	char		 fp[sizeof(fingerprint)];
	time_t		 now = time(NULL);
	long long	 every;
	int		 rc = -1;

	every = mc_config_int("calendar_check_seconds", CHECK_EVERY, 0, 86400);
	if (checked_at != 0 && now >= checked_at && now - checked_at < every)
		return 0;
	/* Also after a failure: the next try (and log line) waits too. */
	checked_at = now;
	if ((a = mc_arena_new(8192)) == NULL)
		return -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_FINGERPRINT], "") < 0 ||
	    rows.n != 1) {
		mc_err("cannot read the calendar's fingerprint");
		goto out;
	}
	snprintf(fp, sizeof(fp), "%s|%s|%s", mc_rows_str(&rows, 0, 0),
	    mc_rows_str(&rows, 0, 1) ? mc_rows_str(&rows, 0, 1) : "",
	    mc_rows_str(&rows, 0, 2) ? mc_rows_str(&rows, 0, 2) : "");
	if (!loaded || strcmp(fp, fingerprint) != 0) {
		if (load_rows(db, a) < 0) {
			mc_err("cannot read calendar_days");
			goto out;
		}
		memcpy(fingerprint, fp, sizeof(fingerprint));
		loaded = 1;
	}
	rc = 0;
out:
	mc_arena_free(a);
	return rc;
}

/* The next load asks the database at once (after a change here). */
static void
stale(void)
{
	checked_at = 0;
}

/* "YYYY-MM-DD" of a Julian day number into out[11]. */
static void
jdn_str(char out[11], long jdn)
{
	int y, m, d;

	mc_lunar_civil(jdn, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* Brings one year's computed rows in line, inside the caller's transaction. */
static int
fill_year(struct mc_db *db, struct mc_arena *a, int year,
    struct mc_calendar_counts *c)
{
	struct mc_holiday h[MC_HOLIDAYS_MAX];
	struct mc_rows	  rows;
	char		  day[11], first[11], last[11];
	const char	 *src;
	size_t		  i, r;
	int		  n;

	if ((n = mc_calendar_holidays(year, h, MC_HOLIDAYS_MAX)) < 0)
		return -1;
	jdn_str(first, mc_lunar_jdn(year, 1, 1));
	jdn_str(last, mc_lunar_jdn(year, 12, 31));
	if (mc_db_query(db, a, &rows, stmts[STMT_YEAR], "ss", first, last) < 0)
		return -1;
	for (i = 0; i < (size_t)n; i++) {
		snprintf(day, sizeof(day), "%04d-%02d-%02d", h[i].year,
		    h[i].month, h[i].day);
		for (r = 0; r < rows.n; r++)
			if (strcmp(mc_rows_str(&rows, r, 0), day) == 0)
				break;
		if (r == rows.n) {
			if (mc_db_exec(db, stmts[STMT_INSERT], "sss", day,
				"off", h[i].name) < 0)
				return -1;
			c->added++;
			continue;
		}
		src = mc_rows_str(&rows, r, 3);
		if (strcmp(src, "admin") == 0)
			c->admin++;
		else if (strcmp(mc_rows_str(&rows, r, 1), "off") == 0 &&
		    strcmp(mc_rows_str(&rows, r, 2), h[i].name) == 0)
			c->unchanged++;
		else {
			if (mc_db_exec(db, stmts[STMT_UPDATE], "sss", "off",
				h[i].name, day) < 0)
				return -1;
			c->changed++;
		}
	}
	/* Computed rows of the year that are no longer computed. */
	for (r = 0; r < rows.n; r++) {
		if (strcmp(mc_rows_str(&rows, r, 3), "computed") != 0)
			continue;
		for (i = 0; i < (size_t)n; i++) {
			snprintf(day, sizeof(day), "%04d-%02d-%02d", h[i].year,
			    h[i].month, h[i].day);
			if (strcmp(mc_rows_str(&rows, r, 0), day) == 0)
				break;
		}
		if (i < (size_t)n)
			continue;
		if (mc_db_exec(db, stmts[STMT_DELETE_COMPUTED], "s",
			mc_rows_str(&rows, r, 0)) < 0)
			return -1;
		c->removed++;
	}
	return 0;
}

/* fill_year over from..to, inside the caller's transaction. */
static int
fill_years(struct mc_db *db, int from, int to, struct mc_calendar_counts *c)
{
	struct mc_arena *a;
	int		 y, rc = 0;

	if ((a = mc_arena_new(16384)) == NULL)
		return -1;
	for (y = from; y <= to && rc == 0; y++) {
		rc = fill_year(db, a, y, c);
		mc_arena_reset(a);
	}
	mc_arena_free(a);
	return rc;
}

int
mc_calendar_fill(struct mc_db *db, int from, int to,
    struct mc_calendar_counts *counts)
{
	struct mc_calendar_counts c;

	memset(&c, 0, sizeof(c));
	if (from < MC_CALENDAR_FIRST_YEAR || to > MC_CALENDAR_LAST_YEAR ||
	    from > to) {
		mc_err("years %d-%d outside %d-%d", from, to,
		    MC_CALENDAR_FIRST_YEAR, MC_CALENDAR_LAST_YEAR);
		return -1;
	}
	if (mc_db_begin(db) < 0)
		return -1;
	if (fill_years(db, from, to, &c) < 0) {
		mc_db_rollback(db);
		mc_err("cannot fill the calendar of %d-%d", from, to);
		return -1;
	}
	if (mc_db_commit(db) < 0)
		return -1;
	stale();
	if (counts != NULL)
		*counts = c;
	return 0;
}

/* 1 if name is one line of 1 to 255 characters of valid UTF-8. */
static int
valid_name(const char *name)
{
	const unsigned char *p;
	size_t		     len;

	if (name == NULL || *name == '\0')
		return 0;
	len = strlen(name);
	if (!mc_utf8_valid(name, len) || mc_utf8_chars(name) > NAME_MAX_CHARS)
		return 0;
	for (p = (const unsigned char *)name; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

int
mc_calendar_set(struct mc_db *db, const char *day, enum mc_day_kind kind,
    const char *name)
{
	int y, m, d;

	if (mc_calendar_parse_day(day, &y, &m, &d) < 0 ||
	    (kind != DAY_OFF && kind != DAY_WORK) || !valid_name(name)) {
		mc_err("invalid day, kind or name");
		return -1;
	}
	if (mc_db_exec(db, stmts[STMT_SET], "sss", day, kind_names[kind],
		name) < 0)
		return -1;
	stale();
	return 0;
}

int
mc_calendar_unset(struct mc_db *db, const char *day)
{
	struct mc_calendar_counts c;
	long long		  n;
	int			  y, m, d;

	memset(&c, 0, sizeof(c));
	if (mc_calendar_parse_day(day, &y, &m, &d) < 0) {
		mc_err("invalid day");
		return -1;
	}
	if (mc_db_begin(db) < 0)
		return -1;
	if ((n = mc_db_exec(db, stmts[STMT_UNSET], "s", day)) < 0 ||
	    (n > 0 && fill_years(db, y, y, &c) < 0)) {
		mc_db_rollback(db);
		return -1;
	}
	if (mc_db_commit(db) < 0)
		return -1;
	stale();
	return n > 0;
}

int
mc_calendar_list(struct mc_db *db, struct mc_arena *a, int year,
    struct mc_rows *rows)
{
	char first[11], last[11];

	if (year < MC_CALENDAR_FIRST_YEAR || year > MC_CALENDAR_LAST_YEAR)
		return -1;
	jdn_str(first, mc_lunar_jdn(year, 1, 1));
	jdn_str(last, mc_lunar_jdn(year, 12, 31));
	return mc_db_query(db, a, rows, stmts[STMT_YEAR], "ss", first, last);
}
