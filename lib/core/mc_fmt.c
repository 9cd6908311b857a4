/*
 * Dates, times and numbers in the reader's language: the one place pages,
 * notifications, e-mails and the generator take them from.
 */
#include <stdio.h>
#include <string.h>

#include "mc_fmt.h"

/* clang-format off */
static const char *const months_short[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
/* clang-format on */
/* clang-format off */
static const char *const months_long[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"
};
/* clang-format on */

struct moment {
	int y, mo, d, h, mi;
	int has_time;
};

static int
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* Parses "YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]]"; 0 or -1. */
static int
parse_moment(const char *s, struct moment *m)
{
	memset(m, 0, sizeof(*m));
	if (s == NULL || strlen(s) < 10 || digits(s, 4, &m->y) < 0 ||
	    s[4] != '-' || digits(s + 5, 2, &m->mo) < 0 || s[7] != '-' ||
	    digits(s + 8, 2, &m->d) < 0)
		return -1;
	if (m->mo < 1 || m->mo > 12 || m->d < 1 || m->d > 31)
		return -1;
	if (s[10] == '\0')
		return 0;
	if ((s[10] != ' ' && s[10] != 'T') || strlen(s) < 16 ||
	    digits(s + 11, 2, &m->h) < 0 || s[13] != ':' ||
	    digits(s + 14, 2, &m->mi) < 0 || m->h > 23 || m->mi > 59)
		return -1;
	m->has_time = 1;
	return 0;
}

static const char *
copy(const char *s, char *out, size_t len)
{
	if (len == 0)
		return out;
	snprintf(out, len, "%s", s != NULL ? s : "");
	return out;
}

const char *
mc_fmt_date(enum mc_lang l, const char *iso, char *out, size_t len)
{
	struct moment m;

	if (parse_moment(iso, &m) < 0)
		return copy(iso, out, len);
	if (l == LANG_EN)
		snprintf(out, len, "%d %s %04d", m.d, months_long[m.mo - 1],
		    m.y);
	else
		snprintf(out, len, "%02d/%02d/%04d", m.d, m.mo, m.y);
	return out;
}

const char *
mc_fmt_datetime(enum mc_lang l, const char *iso, char *out, size_t len)
{
	struct moment m;

	if (parse_moment(iso, &m) < 0)
		return copy(iso, out, len);
	if (!m.has_time)
		return mc_fmt_date(l, iso, out, len);
	if (l == LANG_EN)
		snprintf(out, len, "%d %s %04d, %02d:%02d", m.d,
		    months_short[m.mo - 1], m.y, m.h, m.mi);
	else
		snprintf(out, len, "%02d/%02d/%04d %02d:%02d", m.d, m.mo, m.y,
		    m.h, m.mi);
	return out;
}

/* Splits "12.50" into whole "12" and fraction "5" (zeros dropped); 0/-1. */
static int
parse_decimal(const char *s, char *whole, char *frac, size_t len)
{
	size_t w, f;

	if (s == NULL)
		return -1;
	w = strspn(s, "0123456789");
	if (w == 0 || w >= len)
		return -1;
	memcpy(whole, s, w);
	whole[w] = '\0';
	frac[0] = '\0';
	if (s[w] == '\0')
		return 0;
	if (s[w] != '.' && s[w] != ',')
		return -1;
	f = strspn(s + w + 1, "0123456789");
	if (f == 0 || f >= len || s[w + 1 + f] != '\0')
		return -1;
	while (f > 0 && s[w + f] == '0')
		f--;
	memcpy(frac, s + w + 1, f);
	frac[f] = '\0';
	return 0;
}

const char *
mc_fmt_number(enum mc_lang l, const char *num, char *out, size_t len)
{
	char whole[32], frac[32];

	if (parse_decimal(num, whole, frac, sizeof(whole)) < 0)
		return copy(num, out, len);
	if (frac[0] == '\0')
		snprintf(out, len, "%s", whole);
	else
		snprintf(out, len, "%s%c%s", whole, l == LANG_EN ? '.' : ',',
		    frac);
	return out;
}

/* 1 if s is digits, with a fraction after one '.' or ',': "87", "87.5". */
static int
decimal_ok(const char *s)
{
	size_t w, f;

	if (s == NULL || (w = strspn(s, "0123456789")) == 0)
		return 0;
	if (s[w] == '\0')
		return 1;
	if (s[w] != '.' && s[w] != ',')
		return 0;
	f = strspn(s + w + 1, "0123456789");
	return f > 0 && s[w + 1 + f] == '\0';
}

const char *
mc_fmt_decimal(enum mc_lang l, const char *num, char *out, size_t len)
{
	size_t w;

	if (!decimal_ok(num) || num[w = strspn(num, "0123456789")] == '\0')
		return copy(num, out, len);
	snprintf(out, len, "%.*s%c%s", (int)w, num, l == LANG_EN ? '.' : ',',
	    num + w + 1);
	return out;
}

const char *
mc_fmt_percent(enum mc_lang l, const char *num, char *out, size_t len)
{
	size_t n;

	if (len == 0)
		return out;
	mc_fmt_decimal(l, num, out, len);
	n = strlen(out);
	if (decimal_ok(num))
		snprintf(out + n, len - n, " %%");
	return out;
}

const char *
mc_fmt_workdays(enum mc_lang l, const char *amount, char *out, size_t len)
{
	char whole[32], frac[32], n[64];
	int  one_or_less;

	if (parse_decimal(amount, whole, frac, sizeof(whole)) < 0)
		return copy(amount, out, len);
	mc_fmt_number(l, amount, n, sizeof(n));
	if (l != LANG_EN) {
		snprintf(out, len, "%s ngày làm việc", n);
		return out;
	}
	/* Singular for 1 and for fractions of one day: "0.5 working day". */
	one_or_less = strspn(whole, "0") == strlen(whole) ||
	    (strspn(whole, "0") == strlen(whole) - 1 &&
		whole[strlen(whole) - 1] == '1' && frac[0] == '\0');
	snprintf(out, len, "%s working %s", n, one_or_less ? "day" : "days");
	return out;
}

const char *
mc_fmt_workminutes(enum mc_lang l, long long minutes, char *out, size_t len)
{
	char	  amount[48];
	long long hundredths;

	if (minutes < 0)
		minutes = 0;
	/* Rounded to the nearest hundredth of a 480-minute day. */
	hundredths = (minutes * 100 + 240) / 480;
	snprintf(amount, sizeof(amount), "%lld.%02lld", hundredths / 100,
	    hundredths % 100);
	return mc_fmt_workdays(l, amount, out, len);
}
