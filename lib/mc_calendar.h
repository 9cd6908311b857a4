/*
 * Working time: office blocks on working days (Monday to Friday by
 * default), and deadlines counted in working minutes (1 day = 8 hours) or in
 * calendar days. Holidays and make-up days come from the calendar data
 * (a later issue); this module is where they will be consulted.
 */
#ifndef MC_CALENDAR_H
#define MC_CALENDAR_H

#include <time.h>

/* 1 if the local day of t is a working day, else 0. */
int	mc_calendar_is_workday(time_t t);

/*
 * The moment `minutes` working minutes after start, counting only office
 * blocks (default 07:30-11:30 and 13:00-17:00, config office_hours).
 * A start outside office hours counts from the next block's opening.
 */
time_t	mc_calendar_add_minutes(time_t start, long minutes);

/*
 * The end of the period of `days` calendar days after start: the close of
 * office on that day, or on the next working day if it is not one.
 */
time_t	mc_calendar_add_days(time_t start, int days);

#endif
