/*
 * Leases in the database: one holder at a time for a named job (the worker
 * on one node of a cluster). A holder renews before the lease expires; when
 * it does not (it died, or lost the database), another takes it over.
 */
#ifndef MC_LEASE_H
#define MC_LEASE_H

#include <time.h>

struct mc_db;

/* What the caller keeps between calls. */
struct mc_lease {
	const char *name;	 /* e.g. "worker" */
	char	    me[160];	 /* this holder: host:pid:start */
	int	    ttl;	 /* seconds */
	time_t	    valid_until; /* local clock: trust the lease until then */
	int	    held;
};

/* Fills l for name with this process as holder and ttl seconds. */
void mc_lease_init(struct mc_lease *l, const char *name, int ttl);

/*
 * Takes the lease if free or expired, or renews it when this process holds
 * it. Returns 1 held, 0 held by another (alive), -1 database error (then
 * the lease is not trusted any more). *taken_over is set to 1 when it was
 * taken from another holder (whose work the caller should then recover).
 */
int mc_lease_hold(struct mc_db *, struct mc_lease *l, time_t now,
    int *taken_over);

/*
 * 1 when the lease may still be trusted at now (held, and renewed less than
 * ttl minus a margin ago), else 0: then act no more before mc_lease_hold.
 */
int mc_lease_valid(const struct mc_lease *l, time_t now);

/* Gives the lease up (at a clean stop), so another takes it at once. */
void mc_lease_release(struct mc_db *, struct mc_lease *l);

#endif
