/*
 * The rules of an account's fields (mc_account.h): what a phone number and
 * an ID number look like, for every door an account comes through.
 */
#include <string.h>

#include "mc_account.h"

/* 1 if every byte of s is in set. */
static int
all_in(const char *s, const char *set)
{
	return s[strspn(s, set)] == '\0';
}

int
mc_account_phone_ok(const char *s)
{
	size_t n;

	if (s == NULL)
		return 0;
	if (*s == '+')
		s++;
	n = strlen(s);
	return n >= 9 && n <= 15 && all_in(s, "0123456789");
}

int
mc_account_id_number_ok(const char *s)
{
	return s != NULL && strlen(s) == 12 && all_in(s, "0123456789");
}

int
mc_account_email_ok(const char *s)
{
	const char *at, *p;
	size_t	    len;

	if (s == NULL || (len = strlen(s)) < 3 || len > 254 ||
	    strpbrk(s, " <>\"'();,") != NULL)
		return 0;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	at = strchr(s, '@');
	return at != NULL && at > s && strchr(at + 1, '@') == NULL &&
	    strchr(at + 1, '.') != NULL && at[1] != '.' && s[len - 1] != '.';
}
