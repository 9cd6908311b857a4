/*
 * The Vietnamese lunisolar calendar (âm lịch): lunar dates of solar dates
 * and back, for the time zone of Vietnam (UTC+7). Months start on the local
 * day of the new moon; the 11th month holds the winter solstice; in a year
 * of 13 months the first month without a major solar term is the leap one.
 * New moons and solar longitudes are computed astronomically (Meeus'
 * series), after the method published by Hồ Ngọc Đức. Valid for solar
 * years 1900-2199 (Gregorian); tested over 2000-2100.
 */
#ifndef MC_LUNAR_H
#define MC_LUNAR_H

/* A lunar date. */
struct mc_lunar {
	int day;   /* 1-30 */
	int month; /* 1-12 */
	int year;  /* the lunar year, named by the solar year of its Tết */
	int leap;  /* 1 in the leap (repeated) month, else 0 */
};

#define MC_LUNAR_MIN_YEAR 1900
#define MC_LUNAR_MAX_YEAR 2199

/*
 * The Julian day number of a Gregorian date (2000-01-01 is 2451545), and
 * back. Pure arithmetic, any proleptic Gregorian date.
 */
long mc_lunar_jdn(int year, int month, int day);
void mc_lunar_civil(long jdn, int *year, int *month, int *day);

/*
 * The lunar date of a solar date into *out. Returns 0, or -1 when the date
 * is invalid or outside MC_LUNAR_MIN_YEAR..MC_LUNAR_MAX_YEAR.
 */
int mc_lunar_from_solar(int year, int month, int day, struct mc_lunar *out);

/*
 * The solar date of a lunar date into *year, *month, *day. Returns 0, or -1
 * when there is no such lunar date (a leap flag in a month that is not
 * repeated that year, day 30 of a 29-day month, out of range).
 */
int mc_lunar_to_solar(const struct mc_lunar *, int *year, int *month,
    int *day);

/*
 * The leap month of a lunar year: 1 to 12 (the month that is repeated; the
 * leap one follows the ordinary one), 0 when the year has 12 months, -1
 * out of range.
 */
int mc_lunar_leap_month(int lunar_year);

#endif
