/*
 * Dates, times and numbers as people read them, one function per kind
 * taking the language: Vietnamese "06/12/2026 14:05", "06/12/2026",
 * "1,5 ngày làm việc"; English "6 Dec 2026, 14:05", "6 December 2026",
 * "1.5 working days". Machine-readable places (JSON, <time datetime>,
 * CSV) keep ISO 8601 and do not call these. The legal forms 01-06 are
 * Vietnamese whatever the reader's language: they pass LANG_VI.
 */
#ifndef MC_FMT_H
#define MC_FMT_H

#include <stddef.h>

#include "mc_lang.h"

/*
 * A moment "YYYY-MM-DD HH:MM[:SS]" (a "T" may separate date and time) as
 * "dd/mm/yyyy HH:MM" (vi) or "6 Dec 2026, 14:05" (en); a date alone as
 * mc_fmt_date does. Anything else is copied unchanged (truncated to len).
 * Writes into out (len bytes, NUL-terminated) and returns out.
 */
const char *mc_fmt_datetime(enum mc_lang, const char *iso, char *out,
    size_t len);

/* The date part of "YYYY-MM-DD[ ...]" as "dd/mm/yyyy" or "6 December 2026". */
const char *mc_fmt_date(enum mc_lang, const char *iso, char *out, size_t len);

/*
 * A decimal number "1.5" or "1,5" with the language's decimal sign
 * ("1,5" vi, "1.5" en), trailing zeros of the fraction dropped ("2.50" ->
 * "2,5", "3.00" -> "3"). Anything else is copied unchanged.
 */
const char *mc_fmt_number(enum mc_lang, const char *num, char *out,
    size_t len);

/*
 * A decimal number with the language's decimal sign, its digits kept
 * ("87.5" -> "87,5" vi, "80.0" -> "80.0" en, "80,0" vi): for figures
 * shown to a fixed number of decimals. Anything else is copied unchanged.
 */
const char *mc_fmt_decimal(enum mc_lang, const char *num, char *out,
    size_t len);

/*
 * A percentage: the number as mc_fmt_decimal gives it and " %" ("87,5 %"
 * vi, "87.5 %" en, "100 %"). Anything not a number is copied unchanged
 * (no sign added).
 */
const char *mc_fmt_percent(enum mc_lang, const char *num, char *out,
    size_t len);

/*
 * An amount of working days with its unit: "1,5 ngày làm việc" (vi, no
 * plural), "1 working day", "0.5 working day", "1.5 working days" (en:
 * singular up to one). amount as mc_fmt_number takes it.
 */
const char *mc_fmt_workdays(enum mc_lang, const char *amount, char *out,
    size_t len);

/*
 * Working minutes (480 a day) as working days with up to two decimals,
 * as mc_fmt_workdays writes them: 120 -> "0,25 ngày làm việc".
 */
const char *mc_fmt_workminutes(enum mc_lang, long long minutes, char *out,
    size_t len);

#endif
