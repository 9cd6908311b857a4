/*
 * The Vietnamese lunar calendar computed from the sky: new moons and the
 * sun's longitude by Meeus' truncated series, days in UTC+7.
 */
#include <math.h>

#include "mc_lunar.h"

#define TZ_HOURS 7.0
#define SYNODIC	 29.530588853	   /* mean lunation, days */
#define NM_EPOCH 2415021.076998695 /* new moon k = 0 (1900-01-01) */
#define DEG	 (M_PI / 180.0)

long
mc_lunar_jdn(int year, int month, int day)
{
	long a, y, m;

	a = (14 - month) / 12;
	y = year + 4800L - a;
	m = month + 12 * a - 3;
	return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 -
	    32045;
}

void
mc_lunar_civil(long jdn, int *year, int *month, int *day)
{
	long a, b, c, d, e, m;

	a = jdn + 32044;
	b = (4 * a + 3) / 146097;
	c = a - 146097 * b / 4;
	d = (4 * c + 3) / 1461;
	e = c - 1461 * d / 4;
	m = (5 * e + 2) / 153;
	*day = (int)(e - (153 * m + 2) / 5 + 1);
	*month = (int)(m + 3 - 12 * (m / 10));
	*year = (int)(100 * b + d - 4800 + m / 10);
}

/* 1 if the Gregorian date exists and lies in the supported years. */
static int
valid_solar(int year, int month, int day)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (year < MC_LUNAR_MIN_YEAR || year > MC_LUNAR_MAX_YEAR ||
	    month < 1 || month > 12 || day < 1 || day > mdays[month - 1])
		return 0;
	if (month == 2 && day == 29)
		return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
	return 1;
}

/*
 * The local day (Julian day number) of the k-th new moon after the one of
 * 1900-01-01: mean lunation, periodic terms of the sun's and the moon's
 * anomalies and the moon's argument of latitude, then TT to UT.
 */
static long
new_moon_day(long k)
{
	double t, t2, t3, jd, m, mp, f, corr, dt;

	t = k / 1236.85; /* Julian centuries since 1900 */
	t2 = t * t;
	t3 = t2 * t;
	jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 -
	    0.000000155 * t3 +
	    0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
	m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) *
	    DEG;
	mp = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) *
	    DEG;
	f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) *
	    DEG;
	corr = (0.1734 - 0.000393 * t) * sin(m) + 0.0021 * sin(2 * m) -
	    0.4068 * sin(mp) + 0.0161 * sin(2 * mp) - 0.0004 * sin(3 * mp) +
	    0.0104 * sin(2 * f) - 0.0051 * sin(m + mp) - 0.0074 * sin(m - mp) +
	    0.0004 * sin(2 * f + m) - 0.0004 * sin(2 * f - m) -
	    0.0006 * sin(2 * f + mp) + 0.0010 * sin(2 * f - mp) +
	    0.0005 * sin(m + 2 * mp);
	if (t < -11)
		dt = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 -
		    0.000000081 * t * t3;
	else
		dt = -0.000278 + 0.000265 * t + 0.000262 * t2;
	return (long)floor(jd + corr - dt + 0.5 + TZ_HOURS / 24);
}

/*
 * The sun's apparent longitude at the local midnight that starts day jdn,
 * as the number of its 30-degree sector (0 from the March equinox to 11).
 * A major solar term (trung khí) is the crossing of a sector boundary.
 */
static int
sun_sector(long jdn)
{
	double t, t2, m, l;

	t = (jdn - 0.5 - TZ_HOURS / 24 - 2451545.0) / 36525;
	t2 = t * t;
	m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 -
		0.00000048 * t * t2) *
	    DEG;
	l = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
	l += (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(m) +
	    (0.019993 - 0.000101 * t) * sin(2 * m) + 0.000290 * sin(3 * m);
	l = fmod(l, 360.0);
	if (l < 0)
		l += 360.0;
	return (int)(l / 30.0);
}

/* The index k of the lunation starting on local day jdn (a new moon day). */
static long
lunation(long jdn)
{
	return (long)floor((jdn - NM_EPOCH) / SYNODIC + 0.5);
}

/*
 * The first day of the 11th lunar month of solar year y: the month that
 * holds the winter solstice (the sun entering sector 9, 270 degrees).
 */
static long
month11(int y)
{
	long k, nm;

	k = (long)floor((mc_lunar_jdn(y, 12, 31) - 2415021) / SYNODIC);
	nm = new_moon_day(k);
	if (sun_sector(nm) >= 9) /* the solstice came before it */
		nm = new_moon_day(k - 1);
	return nm;
}

/*
 * In a 13-month span starting with the 11th month on day a11: how many
 * months after it the leap month comes, that is the first month during
 * which the sun enters no new sector.
 */
static int
leap_offset(long a11)
{
	long k = lunation(a11);
	int  i, prev, cur;

	cur = sun_sector(new_moon_day(k + 1));
	for (i = 2; i < 14; i++) {
		prev = cur;
		cur = sun_sector(new_moon_day(k + i));
		if (cur == prev)
			break;
	}
	return i - 1;
}

int
mc_lunar_from_solar(int year, int month, int day, struct mc_lunar *out)
{
	long jdn, k, start, a11, b11;
	int  diff, leap_off, lyear;

	if (!valid_solar(year, month, day))
		return -1;
	jdn = mc_lunar_jdn(year, month, day);
	/*
	 * The month holding jdn starts on the last new moon day not after
	 * it; the true new moon may lie more than a day from the mean one,
	 * so step back as far as needed (2054-05-07 needs two steps).
	 */
	k = (long)floor((jdn - NM_EPOCH) / SYNODIC) + 1;
	while ((start = new_moon_day(k)) > jdn)
		k--;
	a11 = month11(year);
	if (a11 >= start) {
		/* Before this year's 11th month: the span began last year. */
		lyear = year;
		b11 = a11;
		a11 = month11(year - 1);
	} else {
		lyear = year + 1;
		b11 = month11(year + 1);
	}
	out->day = (int)(jdn - start + 1);
	diff = (int)((start - a11) / 29);
	out->leap = 0;
	out->month = diff + 11;
	if (b11 - a11 > 365) { /* 13 months in the span */
		leap_off = leap_offset(a11);
		if (diff >= leap_off) {
			out->month = diff + 10;
			if (diff == leap_off)
				out->leap = 1;
		}
	}
	if (out->month > 12)
		out->month -= 12;
	if (out->month >= 11 && diff < 4)
		lyear--;
	out->year = lyear;
	return 0;
}

int
mc_lunar_to_solar(const struct mc_lunar *ld, int *year, int *month, int *day)
{
	long a11, b11, k, start, next;
	int  off, leap_off, leap_month;

	if (ld->month < 1 || ld->month > 12 || ld->day < 1 || ld->day > 30 ||
	    ld->year <= MC_LUNAR_MIN_YEAR || ld->year >= MC_LUNAR_MAX_YEAR)
		return -1;
	if (ld->month < 11) {
		a11 = month11(ld->year - 1);
		b11 = month11(ld->year);
	} else {
		a11 = month11(ld->year);
		b11 = month11(ld->year + 1);
	}
	off = ld->month - 11;
	if (off < 0)
		off += 12;
	if (b11 - a11 > 365) {
		leap_off = leap_offset(a11);
		leap_month = leap_off - 2;
		if (leap_month <= 0)
			leap_month += 12;
		if (ld->leap && ld->month != leap_month)
			return -1;
		if (ld->leap || off >= leap_off)
			off++;
	} else if (ld->leap)
		return -1;
	k = lunation(a11);
	start = new_moon_day(k + off);
	next = new_moon_day(k + off + 1);
	if (ld->day > next - start)
		return -1;
	mc_lunar_civil(start + ld->day - 1, year, month, day);
	return 0;
}

/* The leap month of the span from the 11th month of solar year y, or 0. */
static int
span_leap_month(int y)
{
	long a11 = month11(y), b11 = month11(y + 1);
	int  m;

	if (b11 - a11 <= 365)
		return 0;
	m = leap_offset(a11) - 2;
	return m <= 0 ? m + 12 : m;
}

int
mc_lunar_leap_month(int lunar_year)
{
	int m;

	if (lunar_year <= MC_LUNAR_MIN_YEAR || lunar_year >= MC_LUNAR_MAX_YEAR)
		return -1;
	/* Months 1-10 of lunar year y lie in the span from 11 of y - 1. */
	if ((m = span_leap_month(lunar_year - 1)) != 0 && m <= 10)
		return m;
	/* Its months 11 and 12 in the span from 11 of y. */
	if ((m = span_leap_month(lunar_year)) != 0 && m >= 11)
		return m;
	return 0;
}
