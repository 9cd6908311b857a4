/*
 * Who someone is and what they may be: the roles of the national rules
 * (citizen, receiver, specialist, leader, administrator, evaluation
 * manager, webmaster), each granted at one agency, and the account a request
 * or a command acts as. Plain data: lib/domain/mc_auth loads and checks it,
 * lib/web/mc_session puts it on the request, every layer above reads it.
 */
#ifndef MC_ACCOUNT_H
#define MC_ACCOUNT_H

#include <stddef.h>

/* Who is logged in (or owns the bearer token). */
enum mc_role {
	ROLE_CITIZEN,
	ROLE_RECEIVER,
	ROLE_SPECIALIST,
	ROLE_LEADER,
	ROLE_ADMIN,
	ROLE_EVALUATOR, /* evaluation manager: the questionnaire's versions */
	ROLE_WEBMASTER, /* the portal's content: FAQs, news, the site build */
	ROLE__MAX
};

/* Role bits (mc_route.roles, mc_user.roles, mc_auth_acts_for). */
#define ROLES(x) (1u << (x))
/* clang-format off */
#define ROLES_OFFICER	(ROLES(ROLE_RECEIVER) | ROLES(ROLE_SPECIALIST) | \
			 ROLES(ROLE_LEADER) | ROLES(ROLE_ADMIN))
/* The back office's staff: officers, evaluation managers and webmasters
 * (second factor). */
#define ROLES_STAFF	(ROLES_OFFICER | ROLES(ROLE_EVALUATOR) | \
			 ROLES(ROLE_WEBMASTER))
/* Who edits and publishes the portal's content: webmasters, and
 * administrators as before the role existed. */
#define ROLES_CONTENT	(ROLES(ROLE_WEBMASTER) | ROLES(ROLE_ADMIN))
/* clang-format on */

struct mc_grant {
	enum mc_role role;
	unsigned int agency_id; /* 0 for citizens */
};

struct mc_user {
	long long	 id;
	const char	*full_name;
	const char	*email;
	const char	*id_number;
	const char	*phone;
	const char	*address;
	int		 id_verified;  /* the ID number was verified */
	int		 org;	       /* an organisation's account (0071) */
	const char	*org_name;     /* its name; NULL for a person */
	const char	*tax_code;     /* its tax code, a claim until ... */
	int		 tax_verified; /* ... an officer saw the certificate */
	unsigned int	 roles;	       /* bit (1 << role) */
	struct mc_grant *grants;
	size_t		 ngrants;
};

/*
 * The rules of an account's fields, one for the web forms, the API and
 * the motcua command alike: a phone number is 9-15 digits, a leading '+'
 * allowed; an ID number (CCCD) is 12 digits. 1 if s is one, 0 if not
 * (NULL is not).
 */
int mc_account_phone_ok(const char *s);

/*
 * An e-mail address as every door takes it: 3-254 bytes, one '@' not
 * first, a '.' in the domain (not right after the '@', not last), none of
 * space < > " ' ( ) ; , or a control character. 1 if s is one, 0 if not (NULL is not).
 */
int mc_account_email_ok(const char *s);
int mc_account_id_number_ok(const char *s);

/*
 * An organisation's tax code (mã số doanh nghiệp / mã số thuế): 10 digits,
 * or 10 digits, '-' and a branch's 3 digits (001-999), the 10th digit the
 * check digit of the first nine (mc_account.c says whence the rule).
 */
enum mc_tax_code {
	TAX_CODE_OK,
	TAX_CODE_FORMAT,      /* length, characters, branch 000, NULL */
	TAX_CODE_CHECK_DIGIT, /* well formed, but the check digit is wrong */
};
enum mc_tax_code mc_account_tax_code(const char *s);

#endif
