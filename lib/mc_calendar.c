/*
 * Working time for deadlines: office blocks on working days, minutes added
 * block by block, calendar-day periods rolled to the next working day.
 */
#include <stdio.h>
#include <string.h>

#include "mc_calendar.h"
#include "mc_config.h"

#define MAX_BLOCKS	4

struct block {
	int	from;	/* minutes after midnight */
	int	to;
};

/* Office blocks from config office_hours ("07:30-11:30,13:00-17:00"). */
static int
blocks(struct block *b)
{
	const char	*s = mc_config_get("office_hours",
			    "07:30-11:30,13:00-17:00");
	int		 n = 0, h1, m1, h2, m2, used;

	while (n < MAX_BLOCKS && sscanf(s, "%d:%d-%d:%d%n", &h1, &m1, &h2, &m2,
	    &used) == 4) {
		b[n].from = h1 * 60 + m1;
		b[n].to = h2 * 60 + m2;
		if (b[n].to > b[n].from)
			n++;
		s += used;
		if (*s != ',')
			break;
		s++;
	}
	if (n == 0) {
		b[0].from = 7 * 60 + 30; b[0].to = 11 * 60 + 30;
		b[1].from = 13 * 60; b[1].to = 17 * 60;
		n = 2;
	}
	return n;
}

int
mc_calendar_is_workday(time_t t)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	return tm.tm_wday != 0 && tm.tm_wday != 6;
}

/* Local midnight of the day of t, moved by `days` days. */
static time_t
midnight(time_t t, int days)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_mday += days;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

time_t
mc_calendar_add_minutes(time_t start, long minutes)
{
	struct block	 b[MAX_BLOCKS];
	struct tm	 tm;
	time_t		 day;
	long		 now, take;
	int		 n, i, guard;

	n = blocks(b);
	localtime_r(&start, &tm);
	now = tm.tm_hour * 60 + tm.tm_min;
	day = midnight(start, 0);
	for (guard = 0; guard < 20000; guard++) {
		if (mc_calendar_is_workday(day + 12 * 3600)) {
			for (i = 0; i < n; i++) {
				if (now >= b[i].to)
					continue;
				if (now < b[i].from)
					now = b[i].from;
				take = b[i].to - now;
				if (minutes <= take)
					return day + (now + minutes) * 60;
				minutes -= take;
				now = b[i].to;
			}
		}
		day = midnight(day + 12 * 3600, 1);
		now = 0;
	}
	return day;
}

time_t
mc_calendar_add_days(time_t start, int days)
{
	struct block	b[MAX_BLOCKS];
	time_t		day;
	int		n, guard;

	n = blocks(b);
	day = midnight(start, days);
	for (guard = 0; guard < 400 && !mc_calendar_is_workday(day + 12 * 3600);
	    guard++)
		day = midnight(day + 12 * 3600, 1);
	return day + b[n - 1].to * 60;
}
