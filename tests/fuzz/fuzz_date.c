/*
 * The date parsers: mc_time_parse ("YYYY-MM-DD[ HH:MM:SS]", local time),
 * mc_date_parse and mc_date_at (the strict date people and the API type)
 * and mc_calendar_parse_day ("YYYY-MM-DD" of the calendar's years).
 * Invariants: a date accepted is the date given (no 31 February turning
 * into 3 March), printing it back gives it again, and what the calendar
 * accepts mc_time_parse accepts as the same day.
 */
#include <string.h>
#include <time.h>

#include "mc_calendar.h"
#include "mc_util.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tm tm;
	char	 *s, sql[20], day[32];
	time_t	  t;
	int	  y, m, d, hh, mi, ss, n;

	static int once;

	if (!once) {
		setenv("TZ", "Asia/Ho_Chi_Minh", 1); /* as the programs */
		tzset();
		once = 1;
	}
	s = strndup((const char *)data, size);
	if ((t = mc_time_parse(s)) != 0) {
		n = sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d", &y, &m, &d, &hh, &mi,
		    &ss);
		INVARIANT(n == 3 || n == 6);
		localtime_r(&t, &tm);
		INVARIANT(tm.tm_year + 1900 == y && tm.tm_mon + 1 == m &&
		    tm.tm_mday == d);
		if (n == 6)
			INVARIANT(tm.tm_hour == hh && tm.tm_min == mi &&
			    tm.tm_sec == ss);
		mc_time_sql(sql, t);
		INVARIANT(mc_time_parse(sql) == t);
	}
	if (mc_date_parse(s, &y, &m, &d) == 0) {
		snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m, d);
		INVARIANT(strcmp(day, s) == 0);
		INVARIANT((t = mc_date_at(s, 17)) != 0);
		localtime_r(&t, &tm);
		INVARIANT(tm.tm_year + 1900 == y && tm.tm_mon + 1 == m &&
		    tm.tm_mday == d && tm.tm_hour == 17);
		INVARIANT(mc_time_parse(s) != 0);
	} else
		INVARIANT(mc_date_at(s, 17) == 0);
	if (mc_calendar_parse_day(s, &y, &m, &d) == 0) {
		INVARIANT(mc_date_parse(s, &y, &m, &d) == 0);
		snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m, d);
		INVARIANT(strcmp(day, s) == 0);
		INVARIANT((t = mc_time_parse(s)) != 0);
		localtime_r(&t, &tm);
		INVARIANT(tm.tm_year + 1900 == y && tm.tm_mon + 1 == m &&
		    tm.tm_mday == d && tm.tm_hour == 0);
	}
	free(s);
	return 0;
}
