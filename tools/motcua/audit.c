/*
 * motcua audit-check: recomputes the audit log's hash chain (lib/domain/
 * mc_audit) and names the first row that does not fit; exit 0 intact.
 */
#include <stdio.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_db.h"

#include "motcua.h"

int
cmd_audit_check(struct mc_db *db, int argc, char **argv)
{
	struct mc_arena *a;
	long long	 rows = 0, bad = 0;
	const char	*why = "";
	int		 rc;

	(void)argv;
	if (argc != 0) {
		fprintf(stderr, "usage: motcua audit-check\n");
		return -1;
	}
	if ((a = mc_arena_new(1 << 20)) == NULL)
		return -1;
	rc = mc_audit_check(db, a, &rows, &bad, &why);
	if (rc == 0)
		printf("audit: %lld row(s), the chain is intact\n", rows);
	else if (rc == 1)
		printf("audit: the chain breaks at row %lld: %s (%lld row(s) "
		       "before it are intact)\n",
		    bad, why, rows);
	mc_arena_free(a);
	return rc == 0 ? 0 : -1;
}
