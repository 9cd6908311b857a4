/*
 * Scope and visibility: who may see a dossier and act as whom on it
 * (applicant, officer of an agency with a step in it or above it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_calendar.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_int.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_util.h"

/* 1 if the user holds one of the roles (names' bits) at the agency. */
static int
acts(const struct mc_user *u, unsigned int roles, unsigned int agency)
{
	return mc_auth_acts_for(u, roles, agency);
}

static int officer_at_or_above(struct mc_db *, struct mc_arena *,
    const struct mc_user *, unsigned int);

/*
 * 1 if the user may see the locked dossier: its applicant, or an officer at
 * (or above) the receiving agency or an agency with a step in it; 0 if not,
 * -1 on a database error.
 */
int
dossier_may_see(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    const struct state *st)
{
	struct mc_rows rows;
	size_t	       i;

	if (u == NULL)
		return 0;
	if (col(st, L_ACCOUNT) != NULL &&
	    mc_rows_int(&st->row, 0, L_ACCOUNT) == u->id)
		return 1;
	if ((u->roles & ROLES_OFFICER) == 0)
		return 0;
	if (officer_at_or_above(db, a, u, st->agency))
		return 1;
	if (mc_db_query(db, a, &rows, dossier_stmts[STMT_STEP_AGENCIES], "i",
		st->id) < 0)
		return -1;
	for (i = 0; i < rows.n; i++)
		if (officer_at_or_above(db, a, u,
			(unsigned int)mc_rows_int(&rows, i, 0)))
			return 1;
	return 0;
}

/* Whether the user may act as `who` on the locked dossier. */
int
dossier_allowed_who(const struct mc_user *u, unsigned int who,
    const struct state *st)
{
	unsigned int step_roles;

	if (u == NULL)
		return 0;
	if ((who & WHO_APPLICANT) && col(st, L_ACCOUNT) != NULL &&
	    mc_rows_int(&st->row, 0, L_ACCOUNT) == u->id)
		return 1;
	if ((who & WHO_RECEIVER) &&
	    acts(u, ROLES(ROLE_RECEIVER) | ROLES(ROLE_LEADER), st->agency))
		return 1;
	if ((who & WHO_HEAD) && acts(u, ROLES(ROLE_LEADER), st->agency))
		return 1;
	if ((who & WHO_LEADER) &&
	    acts(u, ROLES(ROLE_LEADER), st->current_agency))
		return 1;
	if (who & WHO_STEP) {
		step_roles = ROLES(ROLE_LEADER);
		if (st->step_role == 1)
			step_roles |= ROLES(ROLE_RECEIVER);
		else if (st->step_role == 2)
			step_roles |= ROLES(ROLE_SPECIALIST);
		if (acts(u, step_roles, st->current_agency))
			return 1;
	}
	if ((who & WHO_OFFICER) &&
	    (acts(u, ROLES_OFFICER, st->agency) ||
		acts(u, ROLES_OFFICER, st->current_agency)))
		return 1;
	return 0;
}

/* 1 if the user is an officer at the agency or at one above it. */
static int
officer_at_or_above(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, unsigned int agency)
{
	struct mc_rows rows;
	int	       depth;

	for (depth = 0; agency != 0 && depth < 8; depth++) {
		if (mc_auth_acts_for(u, ROLES_OFFICER, agency))
			return 1;
		if (mc_db_query(db, a, &rows,
			dossier_stmts[STMT_AGENCY_PARENT], "i",
			(long long)agency) < 0 ||
		    rows.n == 0)
			return 0;
		agency = (unsigned int)mc_rows_int(&rows, 0, 0);
	}
	return 0;
}

int
mc_dossier_officer_visible(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_dossier *d)
{
	size_t i;

	if (u == NULL || (u->roles & ROLES_OFFICER) == 0)
		return 0;
	if (officer_at_or_above(db, a, u, d->agency_id))
		return 1;
	for (i = 0; i < d->steps.n; i++)
		if (officer_at_or_above(db, a, u,
			(unsigned int)mc_rows_int(&d->steps, i, 3)))
			return 1;
	return 0;
}

int
mc_dossier_results_visible(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_dossier *d)
{
	if (u == NULL)
		return 0;
	if (d->account_id != 0 && d->account_id == u->id &&
	    d->status == STATUS_RETURNED)
		return 1;
	return mc_dossier_officer_visible(db, a, u, d);
}

int
mc_dossier_visible(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_dossier *d)
{
	if (u == NULL)
		return 0;
	if (d->account_id != 0 && d->account_id == u->id)
		return 1;
	return mc_dossier_officer_visible(db, a, u, d);
}

size_t
mc_dossier_agencies(const struct mc_user *u, unsigned int roles,
    unsigned int *out, size_t max)
{
	size_t i, j, n = 0;

	for (i = 0; u != NULL && i < u->ngrants && n < max; i++) {
		if (!(roles & (1u << u->grants[i].role)) ||
		    u->grants[i].agency_id == 0)
			continue;
		for (j = 0; j < n && out[j] != u->grants[i].agency_id; j++)
			;
		if (j == n)
			out[n++] = u->grants[i].agency_id;
	}
	return n;
}

/* The open branch steps whose rule who (WHO_STEP, WHO_LEADER) admits u. */
static int
branch_steps(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    const struct mc_dossier *d, unsigned int who, int *seqs, size_t max,
    size_t *n)
{
	struct state   st;
	struct mc_rows open;
	size_t	       i, r;

	*n = 0;
	if (u == NULL || d->status != STATUS_PROCESSING)
		return 0;
	if (mc_db_query(db, a, &open, dossier_stmts[STMT_BRANCHES_SEE], "i",
		d->id) < 0)
		return -1;
	memset(&st, 0, sizeof(st));
	for (i = 0; i < open.n && *n < max; i++) {
		st.step_role = 0;
		for (r = 0; r < 3; r++)
			if (strcmp(mc_rows_str(&open, i, 5),
				dossier_role_names[r]) == 0)
				st.step_role = (int)r + 1;
		st.current_agency = (unsigned int)mc_rows_int(&open, i, 1);
		if (dossier_allowed_who(u, who, &st))
			seqs[(*n)++] = (int)mc_rows_int(&open, i, 0);
	}
	return 0;
}

int
mc_dossier_branch_steps(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_dossier *d, int *seqs, size_t max,
    size_t *n)
{
	return branch_steps(db, a, u, d, WHO_STEP, seqs, max, n);
}

int
mc_dossier_branch_assignable(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_dossier *d, int *seqs, size_t max,
    size_t *n)
{
	return branch_steps(db, a, u, d, WHO_LEADER, seqs, max, n);
}
