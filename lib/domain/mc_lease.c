/*
 * Leases in the database (worker_leases, migration 0018). The row is
 * changed only by a statement whose WHERE says "mine, or expired", so two
 * holders never both succeed: InnoDB locks the row, Galera certifies the
 * write (one of two concurrent takers gets 1213 and fails).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mc_db.h"
#include "mc_lease.h"
#include "mc_log.h"

/* clang-format off */
enum { STMT_RENEW, STMT_TAKE, STMT_INSERT, STMT_RELEASE, STMT_COUNT };
static const char *const stmts[STMT_COUNT] = {
	[STMT_RENEW] = "UPDATE worker_leases SET renewed_at = NOW(6), "
	    "expires_at = NOW(6) + INTERVAL ? SECOND, renewals = renewals + 1 "
	    "WHERE name = ? AND holder = ?",
	[STMT_TAKE] = "UPDATE worker_leases SET holder = ?, "
	    "acquired_at = NOW(6), renewed_at = NOW(6), "
	    "expires_at = NOW(6) + INTERVAL ? SECOND, renewals = 0, "
	    "takeovers = takeovers + 1 WHERE name = ? AND expires_at < NOW(6)",
	[STMT_INSERT] = "INSERT IGNORE INTO worker_leases (name, holder, "
	    "acquired_at, renewed_at, expires_at) VALUES (?, ?, NOW(6), "
	    "NOW(6), NOW(6) + INTERVAL ? SECOND)",
	[STMT_RELEASE] = ("UPDATE worker_leases SET expires_at = NOW(6) - "
	    "INTERVAL 1 SECOND WHERE name = ? AND holder = ?"),
};
/* clang-format on */

void
mc_lease_init(struct mc_lease *l, const char *name, int ttl)
{
	char host[64] = "";

	memset(l, 0, sizeof(*l));
	gethostname(host, sizeof(host) - 1);
	snprintf(l->me, sizeof(l->me), "%s:%d:%lld", host, (int)getpid(),
	    (long long)time(NULL));
	l->name = name;
	l->ttl = ttl;
}

int
mc_lease_hold(struct mc_db *db, struct mc_lease *l, time_t now,
    int *taken_over)
{
	long long n;

	*taken_over = 0;
	/* Renew what is mine. */
	n = mc_db_exec(db, stmts[STMT_RENEW], "iss", (long long)l->ttl,
	    l->name, l->me);
	if (n == 0) {
		/* Not mine: take it when its holder let it expire... */
		n = mc_db_exec(db, stmts[STMT_TAKE], "sis", l->me,
		    (long long)l->ttl, l->name);
		if (n == 1)
			*taken_over = 1;
		else if (n == 0)
			/* ...or when there is none yet. */
			n = mc_db_exec(db, stmts[STMT_INSERT], "ssi", l->name,
			    l->me, (long long)l->ttl);
	}
	if (n < 0) {
		l->held = 0;
		l->valid_until = 0;
		return -1;
	}
	if (n == 0) {
		if (l->held)
			mc_warn("lease %s lost to another holder", l->name);
		l->held = 0;
		l->valid_until = 0;
		return 0;
	}
	if (!l->held)
		mc_info("lease %s taken (%s)%s", l->name, l->me,
		    *taken_over ? " from a holder that stopped renewing" : "");
	l->held = 1;
	/* Trusted for two thirds of its life on our clock: the database's
	 * expiry comes later, so two holders never act at once. */
	l->valid_until = now + (l->ttl * 2) / 3;
	return 1;
}

int
mc_lease_valid(const struct mc_lease *l, time_t now)
{
	return l->held && now < l->valid_until;
}

void
mc_lease_release(struct mc_db *db, struct mc_lease *l)
{
	if (l->held)
		mc_db_exec(db, stmts[STMT_RELEASE], "ss", l->name, l->me);
	l->held = 0;
	l->valid_until = 0;
}
