/*
 * Administrators and the accounts they manage (issue 9): an agency's
 * administrator manages officers and roles in the agency's subtree (the
 * agency and every agency under it), a city administrator (admin at the
 * agency of kind 'city') everywhere. The back office's account page and
 * `motcua user add` call the same functions; every change is written to the
 * audit log in its transaction (mc_audit).
 */
#ifndef MC_ADMIN_H
#define MC_ADMIN_H

#include "mc_account.h"

struct mc_arena;
struct mc_db;
struct mc_rows;

/*
 * Where the user administers: 1 and *agency (0: the whole city; else the
 * root of their subtree, their first admin grant), 0 not an administrator,
 * -1 on error.
 */
int mc_admin_scope(struct mc_db *, struct mc_arena *, const struct mc_user *,
    unsigned int *agency);

#endif
