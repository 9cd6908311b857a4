/*
 * Fixtures the database suites share (include after harness.h): test
 * accounts with one role, named after the suite and the process so that
 * runs side by side do not meet; agencies.
 */
#ifndef FIXTURES_H
#define FIXTURES_H

#include <string.h>
#include <unistd.h>

#include "mc_account.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_db.h"

/*
 * An account with one role at an agency (0: a citizen), as a user: e-mail
 * "<suite>-<pid>-<tag>@test.motcua.vn"; a citizen gets the ID number
 * idn_prefix followed by 8 digits from the pid times mult and the tag's
 * length (idn_prefix NULL: none). NULL on error.
 */
static inline struct mc_user *
fixture_account(struct mc_db *db, struct mc_arena *a, const char *suite,
    const char *idn_prefix, int mult, const char *tag, enum mc_role role,
    unsigned int agency)
{
	struct mc_user *u = mc_arena_alloc(a, sizeof(*u));
	char	       *email, *idn = NULL;
	long long	id;

	memset(u, 0, sizeof(*u));
	email = mc_arena_printf(a, "%s-%d-%s@test.motcua.vn", suite,
	    (int)getpid(), tag);
	if (role == ROLE_CITIZEN && idn_prefix != NULL)
		idn = mc_arena_printf(a, "%s%08d", idn_prefix,
		    (int)(getpid() * mult + (int)strlen(tag)) % 100000000);
	id = mc_auth_account_create(db, email, idn, tag, NULL, "password1");
	if (id < 0 || mc_auth_grant(db, id, role, agency) < 0)
		return NULL;
	u->id = id;
	u->full_name = tag;
	u->id_number = idn;
	u->grants = mc_arena_alloc(a, sizeof(*u->grants));
	u->grants[0].role = role;
	u->grants[0].agency_id = agency;
	u->ngrants = 1;
	u->roles = 1u << role;
	return u;
}

/*
 * A new agency of the kind under parent (0: none), named by its code,
 * valid since 2020; its id, or 0 on error.
 */
static inline unsigned int
fixture_agency(struct mc_db *db, struct mc_arena *a, const char *code,
    const char *kind, unsigned int parent)
{
	struct mc_rows rows;

	if (mc_db_exec(db,
		"INSERT INTO agencies (code, kind, name, parent_id, "
		"valid_from) VALUES (?, ?, ?, ?, '2020-01-01')",
		"sssI", code, kind, code, (long long)parent) < 0 ||
	    mc_db_query(db, a, &rows, "SELECT id FROM agencies WHERE code = ?",
		"s", code) < 0 ||
	    rows.n != 1)
		return 0;
	return (unsigned int)mc_rows_int(&rows, 0, 0);
}

#endif
