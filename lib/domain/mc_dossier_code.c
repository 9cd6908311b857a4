/*
 * Dossier codes (Circular 01/2018 Art. 19): "<agency>-YYMMDD-XXXX".
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

/* The day's next number, in a transaction of its own (mc_db_tx). */
struct next_number {
	unsigned int	   agency_id;
	const char	  *day;
	unsigned long long n;
};

static int
next_number_tx(struct mc_db *db, void *arg)
{
	struct next_number *q = arg;

	/* The number is LAST_INSERT_ID(n): the answer's insert id. */
	if (mc_db_exec(db, dossier_stmts[STMT_SEQ_NEXT], "is",
		(long long)q->agency_id, q->day) < 0)
		return -1;
	q->n = mc_db_insert_id(db);
	return 0;
}

const char *
mc_dossier_next_code(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, const char *agency_code, time_t now)
{
	struct next_number q = { .agency_id = agency_id };
	struct tm	   tm;
	char		   day[11], ymd[7];

	localtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	strftime(ymd, sizeof(ymd), "%y%m%d", &tm);
	q.day = day;
	/*
	 * A transaction of one statement rather than autocommit: on Galera
	 * two nodes taking numbers from one day row at once end one of them
	 * with a certification conflict (1213); the server itself retries an
	 * autocommit statement only once (wsrep_retry_autocommit) and then
	 * the submission failed. mc_db_tx runs it again, bounded; the number
	 * of a statement so ended was never taken (the chaos run's two-node
	 * submissions, tools/chaos.sh, count these).
	 */
	if (mc_db_tx(db, next_number_tx, &q) != 0)
		return NULL;
	return mc_arena_printf(a, "%s-%s-%04llu", agency_code, ymd, q.n);
}
