/*
 * Unit test of lib/mc_fmt: dates, times, decimal signs and working days in
 * Vietnamese and English, at their boundaries (midnight, end of year,
 * fractions of a day, singular and plural), and the template functions
 * percentages, fmt_datetime, fmt_date, fmt_number, fmt_workdays, fmt_pct
 * and fmt_decimal of each language's
 * view. No database. Run from the repository's top folder.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_fmt.h"
#include "mc_view.h"

static char out[256];

static void
test_datetime(void)
{
	CHECK_STR(
	    mc_fmt_datetime(LANG_VI, "2026-12-06 14:05:33", out, sizeof(out)),
	    "06/12/2026 14:05");
	CHECK_STR(
	    mc_fmt_datetime(LANG_EN, "2026-12-06 14:05:33", out, sizeof(out)),
	    "6 Dec 2026, 14:05");
	/* Midnight stays 00:00, not 24:00 or 12 AM. */
	CHECK_STR(
	    mc_fmt_datetime(LANG_VI, "2027-01-01 00:00:00", out, sizeof(out)),
	    "01/01/2027 00:00");
	CHECK_STR(
	    mc_fmt_datetime(LANG_EN, "2027-01-01 00:00:00", out, sizeof(out)),
	    "1 Jan 2027, 00:00");
	/* The last minute of a year. */
	CHECK_STR(
	    mc_fmt_datetime(LANG_VI, "2026-12-31 23:59:59", out, sizeof(out)),
	    "31/12/2026 23:59");
	CHECK_STR(
	    mc_fmt_datetime(LANG_EN, "2026-12-31 23:59:59", out, sizeof(out)),
	    "31 Dec 2026, 23:59");
	CHECK_STR(
	    mc_fmt_datetime(LANG_EN, "2026-09-07T08:30", out, sizeof(out)),
	    "7 Sep 2026, 08:30");
	CHECK_STR(mc_fmt_datetime(LANG_VI, "2026-09-07 08:30:00.123456", out,
		      sizeof(out)),
	    "07/09/2026 08:30");
	/* A date alone is written as a date. */
	CHECK_STR(mc_fmt_datetime(LANG_VI, "2026-12-06", out, sizeof(out)),
	    "06/12/2026");
	/* Anything else is left alone. */
	CHECK_STR(
	    mc_fmt_datetime(LANG_VI, "06/12/2026 14:05", out, sizeof(out)),
	    "06/12/2026 14:05");
	CHECK_STR(mc_fmt_datetime(LANG_EN, "", out, sizeof(out)), "");
	CHECK_STR(mc_fmt_datetime(LANG_EN, NULL, out, sizeof(out)), "");
	CHECK_STR(
	    mc_fmt_datetime(LANG_EN, "2026-13-01 10:00", out, sizeof(out)),
	    "2026-13-01 10:00");
	CHECK_STR(
	    mc_fmt_datetime(LANG_EN, "2026-12-06 25:00", out, sizeof(out)),
	    "2026-12-06 25:00");
	/* A short buffer is cut, never overrun. */
	CHECK_STR(mc_fmt_datetime(LANG_VI, "2026-12-06 14:05", out, 6),
	    "06/12");
}

static void
test_date(void)
{
	CHECK_STR(mc_fmt_date(LANG_VI, "2026-12-06", out, sizeof(out)),
	    "06/12/2026");
	CHECK_STR(mc_fmt_date(LANG_EN, "2026-12-06", out, sizeof(out)),
	    "6 December 2026");
	CHECK_STR(
	    mc_fmt_date(LANG_VI, "2026-12-31 23:59:59", out, sizeof(out)),
	    "31/12/2026");
	CHECK_STR(
	    mc_fmt_date(LANG_EN, "2027-01-01 00:00:00", out, sizeof(out)),
	    "1 January 2027");
}

static void
test_numbers(void)
{
	CHECK_STR(mc_fmt_number(LANG_VI, "1.5", out, sizeof(out)), "1,5");
	CHECK_STR(mc_fmt_number(LANG_EN, "1,5", out, sizeof(out)), "1.5");
	CHECK_STR(mc_fmt_number(LANG_VI, "0.25", out, sizeof(out)), "0,25");
	CHECK_STR(mc_fmt_number(LANG_VI, "2.50", out, sizeof(out)), "2,5");
	CHECK_STR(mc_fmt_number(LANG_EN, "3.00", out, sizeof(out)), "3");
	CHECK_STR(mc_fmt_number(LANG_VI, "15", out, sizeof(out)), "15");
	CHECK_STR(mc_fmt_number(LANG_VI, "abc", out, sizeof(out)), "abc");
	CHECK_STR(mc_fmt_number(LANG_VI, "1.", out, sizeof(out)), "1.");
}

/* Percentages and fixed decimals: the sign of the language, digits kept. */
static void
test_percent(void)
{
	CHECK_STR(mc_fmt_percent(LANG_VI, "87.5", out, sizeof(out)), "87,5 %");
	CHECK_STR(mc_fmt_percent(LANG_EN, "87.5", out, sizeof(out)), "87.5 %");
	CHECK_STR(mc_fmt_percent(LANG_EN, "87,5", out, sizeof(out)), "87.5 %");
	CHECK_STR(mc_fmt_percent(LANG_VI, "100.0", out, sizeof(out)),
	    "100,0 %");
	CHECK_STR(mc_fmt_percent(LANG_VI, "0.0", out, sizeof(out)), "0,0 %");
	CHECK_STR(mc_fmt_percent(LANG_VI, "100", out, sizeof(out)), "100 %");
	CHECK_STR(mc_fmt_percent(LANG_EN, "66.67", out, sizeof(out)),
	    "66.67 %");
	CHECK_STR(mc_fmt_percent(LANG_VI, "", out, sizeof(out)), "");
	CHECK_STR(mc_fmt_percent(LANG_VI, "–", out, sizeof(out)), "–");
	CHECK_STR(mc_fmt_percent(LANG_VI, "1.", out, sizeof(out)), "1.");
	CHECK_STR(mc_fmt_percent(LANG_VI, "1.5.2", out, sizeof(out)), "1.5.2");
	CHECK_STR(mc_fmt_percent(LANG_VI, NULL, out, sizeof(out)), "");
	CHECK_STR(mc_fmt_percent(LANG_VI, "87.5", out, 5), "87,5"); /* cut */
	CHECK_STR(mc_fmt_decimal(LANG_VI, "80.0", out, sizeof(out)), "80,0");
	CHECK_STR(mc_fmt_decimal(LANG_EN, "80,0", out, sizeof(out)), "80.0");
	CHECK_STR(mc_fmt_decimal(LANG_VI, "80", out, sizeof(out)), "80");
}

static void
test_workdays(void)
{
	CHECK_STR(mc_fmt_workdays(LANG_VI, "1.5", out, sizeof(out)),
	    "1,5 ngày làm việc");
	CHECK_STR(mc_fmt_workdays(LANG_VI, "1", out, sizeof(out)),
	    "1 ngày làm việc");
	CHECK_STR(mc_fmt_workdays(LANG_EN, "1", out, sizeof(out)),
	    "1 working day");
	CHECK_STR(mc_fmt_workdays(LANG_EN, "1.0", out, sizeof(out)),
	    "1 working day");
	CHECK_STR(mc_fmt_workdays(LANG_EN, "0.5", out, sizeof(out)),
	    "0.5 working day");
	CHECK_STR(mc_fmt_workdays(LANG_EN, "0.25", out, sizeof(out)),
	    "0.25 working day");
	CHECK_STR(mc_fmt_workdays(LANG_EN, "1.5", out, sizeof(out)),
	    "1.5 working days");
	CHECK_STR(mc_fmt_workdays(LANG_EN, "10", out, sizeof(out)),
	    "10 working days");
	CHECK_STR(mc_fmt_workdays(LANG_EN, "11", out, sizeof(out)),
	    "11 working days");
	CHECK_STR(mc_fmt_workminutes(LANG_VI, 120, out, sizeof(out)),
	    "0,25 ngày làm việc");
	CHECK_STR(mc_fmt_workminutes(LANG_EN, 240, out, sizeof(out)),
	    "0.5 working day");
	CHECK_STR(mc_fmt_workminutes(LANG_EN, 480, out, sizeof(out)),
	    "1 working day");
	CHECK_STR(mc_fmt_workminutes(LANG_VI, 720, out, sizeof(out)),
	    "1,5 ngày làm việc");
	CHECK_STR(mc_fmt_workminutes(LANG_EN, 7200, out, sizeof(out)),
	    "15 working days");
}

/* The template functions follow the view's language. */
static void
test_templates(void)
{
	static const char *const want[LANG__MAX] = {
		"06/12/2026 14:05|06/12/2026|1,5|0,5 ngày làm việc|87,5 %|80,0",
		"6 Dec 2026, 14:05|6 December 2026|1.5|0.5 working day|87.5 %|80.0",
	};
	struct buf b;
	HDF	  *hdf;
	int	   l;

	mc_buf_init(&b, 64 * 1024);
	for (l = 0; l < LANG__MAX; l++) {
		hdf = mc_view_begin((enum mc_lang)l);
		mc_view_set(hdf, "Data.At", "2026-12-06 14:05:00");
		mc_view_set(hdf, "Data.Num", "1.5");
		mc_view_set(hdf, "Data.Days", "0.5");
		mc_view_set(hdf, "Data.Pct", "87.5");
		mc_view_set(hdf, "Data.Lo", "80.0");
		b.len = 0;
		CHECK(mc_view_render(hdf, "../tests/unit/fmt.cs", 0, &b) == 0);
		CHECK_STR(b.len ? b.s : "", want[l]);
	}
	mc_buf_free(&b);
}

int
main(void)
{
	test_datetime();
	test_date();
	test_numbers();
	test_percent();
	test_workdays();
	mc_config_set("base_url", "http://127.0.0.1");
	CHECK(mc_view_init("templates") == 0);
	test_templates();
	mc_view_free();
	return DONE();
}
