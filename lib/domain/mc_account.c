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
