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

const char *
mc_dossier_next_code(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, const char *agency_code, time_t now)
{
	struct tm tm;
	char	  day[11], ymd[7];

	localtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	strftime(ymd, sizeof(ymd), "%y%m%d", &tm);
	/* The number is LAST_INSERT_ID(n): the answer's insert id. */
	if (mc_db_exec(db, dossier_stmts[STMT_SEQ_NEXT], "is",
		(long long)agency_id, day) < 0)
		return NULL;
	return mc_arena_printf(a, "%s-%s-%04llu", agency_code, ymd,
	    mc_db_insert_id(db));
}
