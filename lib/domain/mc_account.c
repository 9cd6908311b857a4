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

/*
 * The tax code's check digit N10 over N1..N9: 10 - (sum of Ni * Wi) mod 11
 * with the weights W = 31, 29, 23, 19, 17, 13, 7, 5, 3. The rule is the
 * General Department of Taxation's structure of the tax code (Quyết định
 * 75/1998/QĐ-TCT, mã số thuế N1N2 N3..N9 N10 - N11N12N13, still the form of
 * the enterprise code of Nghị định 01/2021/NĐ-CP); python-stdnum's
 * stdnum.vn.mst checks it the same way. A sum whose remainder is 0 would
 * need 10: no code is issued with it, so none is valid.
 */
enum mc_tax_code
mc_account_tax_code(const char *s)
{
	static const int w[9] = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };
	size_t		 len, i;
	int		 sum = 0;

	if (s == NULL)
		return TAX_CODE_FORMAT;
	len = strlen(s);
	if (len != 10 && len != 14)
		return TAX_CODE_FORMAT;
	for (i = 0; i < len; i++) {
		if (i == 10) {
			if (s[i] != '-')
				return TAX_CODE_FORMAT;
		} else if (s[i] < '0' || s[i] > '9')
			return TAX_CODE_FORMAT;
	}
	if (len == 14 && strcmp(s + 11, "000") == 0)
		return TAX_CODE_FORMAT; /* branches are 001 to 999 */
	for (i = 0; i < 9; i++)
		sum += (s[i] - '0') * w[i];
	if (10 - sum % 11 != s[9] - '0')
		return TAX_CODE_CHECK_DIGIT;
	return TAX_CODE_OK;
}
