/*
 * Submission keys: the Idempotency-Key a client sends with a submission
 * (issue 15). The same key from the same account files one dossier however
 * often it comes: a web node that stopped under a submission, HAProxy's
 * 503, the client's retry. A file of its own so that the worker, which
 * forgets old keys, links none of the submission's code.
 */
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_int.h"
#include "mc_util.h"

enum key_stmt { KEY_FIND, KEY_ADD, KEY_SWEEP, KEY__MAX };

/* clang-format off */
static const char *const key_stmts[KEY__MAX] = {
	[KEY_FIND] = "SELECT k.fingerprint, d.code FROM submission_keys k "
	    "JOIN dossiers d ON d.id = k.dossier_id "
	    "WHERE k.account_id = ? AND k.key_hash = ?",
	/* A second submission with the key waits here for the first's
	 * commit, then writes nothing. */
	[KEY_ADD] = "INSERT IGNORE INTO submission_keys (account_id, "
	    "key_hash, fingerprint, dossier_id, created_at) "
	    "VALUES (?, ?, ?, ?, ?)",
	[KEY_SWEEP] = "DELETE FROM submission_keys WHERE created_at < ? LIMIT ?",
};
/* clang-format on */

int
dossier_key_find(struct mc_db *db, struct mc_arena *a,
    const struct mc_submission *s, const char **code)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, key_stmts[KEY_FIND], "is", s->account_id,
		s->key_hash) < 0)
		return -1;
	if (r.n == 0)
		return 0;
	if (strcmp(mc_rows_str(&r, 0, 0), s->key_fingerprint) != 0)
		return DOSSIER_KEY_REUSED;
	*code = mc_rows_str(&r, 0, 1);
	return DOSSIER_REPLAYED;
}

long long
dossier_key_add(struct mc_db *db, const struct mc_submission *s,
    long long dossier_id, const char *at)
{
	return mc_db_exec(db, key_stmts[KEY_ADD], "issis", s->account_id,
	    s->key_hash, s->key_fingerprint, dossier_id, at);
}

long long
mc_dossier_keys_sweep(struct mc_db *db, time_t now, long long max)
{
	char at[20];

	mc_time_sql(at, now - (time_t)MC_DOSSIER_KEY_DAYS * 86400);
	return mc_db_exec(db, key_stmts[KEY_SWEEP], "si", at, max);
}
