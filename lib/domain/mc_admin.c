/*
 * Administrators' scope and the account changes they make (mc_admin.h):
 * subtrees read with a recursive query over agencies.parent_id.
 */
#include <string.h>

#include "mc_admin.h"
#include "mc_arena.h"
#include "mc_db.h"

enum stmt { STMT_KIND, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_KIND] = "SELECT kind FROM agencies WHERE id = ?",
};
/* clang-format on */

int
mc_admin_scope(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    unsigned int *agency)
{
	struct mc_rows rows;
	size_t	       i;
	int	       found = 0;

	*agency = 0;
	for (i = 0; u != NULL && i < u->ngrants; i++) {
		if (u->grants[i].role != ROLE_ADMIN)
			continue;
		if (mc_db_query(db, a, &rows, stmts[STMT_KIND], "i",
			(long long)u->grants[i].agency_id) < 0)
			return -1;
		if (rows.n == 1 &&
		    strcmp(mc_rows_str(&rows, 0, 0), "city") == 0) {
			*agency = 0;
			return 1;
		}
		if (!found)
			*agency = u->grants[i].agency_id;
		found = 1;
	}
	return found;
}
