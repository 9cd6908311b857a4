/*
 * lib/domain/mc_lease against the instance of MOTCUA_CONFIG (its own lease
 * name, so the instance's worker is not disturbed): one holder at a time,
 * renewed by its holder, taken over only once expired, handed on at a
 * release, and of several takers racing for an expired lease exactly one
 * wins.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_lease.h"

#define NAME   "unit-test"
#define RACERS 4

/* clang-format off */
static const char *const sql[] = {
	"DELETE FROM worker_leases WHERE name = ?",
	"UPDATE worker_leases SET expires_at = NOW(6) - INTERVAL 1 SECOND "
	    "WHERE name = ?",
};
/* clang-format on */
enum { S_CLEAR, S_EXPIRE };

static void
as(struct mc_lease *l, const char *who)
{
	mc_lease_init(l, NAME, 30);
	snprintf(l->me, sizeof(l->me), "%s", who);
}

static void
test_one_holder(struct mc_db *db)
{
	struct mc_lease a, b;
	time_t		now = time(NULL);
	int		took;

	CHECK(mc_db_exec(db, sql[S_CLEAR], "s", NAME) >= 0);
	as(&a, "node-a:1:1");
	as(&b, "node-b:2:2");
	/* The first takes it (none yet), the second stands by. */
	CHECK_INT(mc_lease_hold(db, &a, now, &took), 1);
	CHECK_INT(took, 0);
	CHECK(mc_lease_valid(&a, now));
	CHECK(!mc_lease_valid(&a, now + 30));
	CHECK_INT(mc_lease_hold(db, &b, now, &took), 0);
	CHECK(!mc_lease_valid(&b, now));
	/* Renewed by its holder, still not the other's. */
	CHECK_INT(mc_lease_hold(db, &a, now, &took), 1);
	CHECK_INT(took, 0);
	CHECK_INT(mc_lease_hold(db, &b, now, &took), 0);

	/* The holder dies: once expired, the other takes it over... */
	CHECK_INT(mc_db_exec(db, sql[S_EXPIRE], "s", NAME), 1);
	CHECK_INT(mc_lease_hold(db, &b, now, &took), 1);
	CHECK_INT(took, 1);
	/* ...and the old one, back, finds it gone and may act no more. */
	CHECK_INT(mc_lease_hold(db, &a, now, &took), 0);
	CHECK(!mc_lease_valid(&a, now));

	/* A clean stop hands it on at once. */
	mc_lease_release(db, &b);
	CHECK(!mc_lease_valid(&b, now));
	CHECK_INT(mc_lease_hold(db, &a, now, &took), 1);
	CHECK_INT(mc_lease_hold(db, &b, now, &took), 0);
}

struct racer {
	struct mc_db   *db;
	struct mc_lease l;
	int		rc;
};

static pthread_barrier_t start;

static void *
race(void *arg)
{
	struct racer *r = arg;
	int	      took;

	pthread_barrier_wait(&start);
	r->rc = mc_lease_hold(r->db, &r->l, time(NULL), &took);
	return NULL;
}

static void
test_race(struct mc_db *db)
{
	struct racer r[RACERS];
	pthread_t    t[RACERS];
	char	     who[32];
	int	     i, won = 0, ok = 1;

	CHECK_INT(mc_db_exec(db, sql[S_EXPIRE], "s", NAME), 1);
	pthread_barrier_init(&start, NULL, RACERS);
	for (i = 0; i < RACERS; i++) {
		snprintf(who, sizeof(who), "racer-%d", i);
		as(&r[i].l, who);
		if ((r[i].db = mc_db_open()) == NULL)
			ok = 0;
	}
	CHECK(ok);
	if (!ok)
		return;
	for (i = 0; i < RACERS; i++)
		pthread_create(&t[i], NULL, race, &r[i]);
	for (i = 0; i < RACERS; i++) {
		pthread_join(t[i], NULL);
		CHECK(r[i].rc == 0 || r[i].rc == 1);
		won += r[i].rc == 1;
		mc_db_close(r[i].db);
	}
	CHECK_INT(won, 1);
	pthread_barrier_destroy(&start);
	CHECK(mc_db_exec(db, sql[S_CLEAR], "s", NAME) >= 0);
}

int
main(void)
{
	struct mc_db *db;

	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		fprintf(stderr, "no database (MOTCUA_CONFIG)\n");
		printf("0 passed, 1 failed\n");
		return 1;
	}
	test_one_holder(db);
	test_race(db);
	mc_db_close(db);
	return DONE();
}
