/*
 * Self-assessment and appraisal of the nine legal indices per agency and
 * quarter (issue 10): the parse of a typed score, the totals, and the two
 * saves (one transaction each; the unit's own locked once appraised).
 */
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_db.h"
#include "mc_eval_self.h"
#include "mc_util.h"

enum stmt { STMT_LOAD, STMT_LOCK, STMT_OWN, STMT_APPRAISE, STMT__MAX };

/* The columns of STMT_LOAD. */
enum { SC_IDX, SC_OWN, SC_OWN_AT, SC_APPR, SC_APPR_AT, SC__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_LOAD] = "SELECT idx, self_tenths, self_at, appraised_tenths, "
	    "appraised_at FROM eval_self_scores WHERE agency_id = ? "
	    "AND year = ? AND quarter = ? ORDER BY idx",
	/* The quarter's rows, locked: how many own, how many appraised. */
	[STMT_LOCK] = "SELECT COUNT(self_tenths), COUNT(appraised_tenths) "
	    "FROM eval_self_scores WHERE agency_id = ? AND year = ? "
	    "AND quarter = ? FOR UPDATE",
	[STMT_OWN] = "INSERT INTO eval_self_scores (agency_id, year, quarter, "
	    "idx, self_tenths, self_by, self_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE self_tenths = VALUES(self_tenths), "
	    "self_by = VALUES(self_by), self_at = VALUES(self_at)",
	[STMT_APPRAISE] = "UPDATE eval_self_scores SET appraised_tenths = ?, "
	    "appraised_by = ?, appraised_at = ? WHERE agency_id = ? "
	    "AND year = ? AND quarter = ? AND idx = ?",
};
/* clang-format on */

int
mc_eval_self_parse(const char *s)
{
	int whole, tenth = 0;

	if (s == NULL)
		return -1;
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '2')
		return -1;
	whole = *s++ - '0';
	if (*s == '.' || *s == ',') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		tenth = *s++ - '0';
	}
	while (*s == ' ')
		s++;
	if (*s != '\0' || whole * 10 + tenth > 20)
		return -1;
	return whole * 10 + tenth;
}

int
mc_eval_self_total(const int t[EVAL_SELF_N])
{
	int i, sum = 0;

	for (i = 0; i < EVAL_SELF_N; i++) {
		if (t[i] < 0)
			return -1;
		sum += t[i];
	}
	return sum;
}

int
mc_eval_self_load(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    int year, int quarter, struct mc_eval_self *out)
{
	struct mc_rows rows;
	size_t	       i;
	long long      k;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < EVAL_SELF_N; i++)
		out->own[i] = out->appraised[i] = -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_LOAD], "iii",
		(long long)agency, (long long)year, (long long)quarter) < 0)
		return -1;
	for (i = 0; i < rows.n; i++) {
		k = mc_rows_int(&rows, i, SC_IDX);
		if (k < 1 || k > EVAL_SELF_N)
			continue;
		if (mc_rows_str(&rows, i, SC_OWN) != NULL) {
			out->own[k - 1] = (int)mc_rows_int(&rows, i, SC_OWN);
			out->own_at = mc_rows_str(&rows, i, SC_OWN_AT);
		}
		if (mc_rows_str(&rows, i, SC_APPR) != NULL) {
			out->appraised[k - 1] = (int)mc_rows_int(&rows, i,
			    SC_APPR);
			out->appraised_at = mc_rows_str(&rows, i, SC_APPR_AT);
		}
	}
	return 0;
}

int
mc_eval_self_save(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    int year, int quarter, enum mc_eval_self_kind kind,
    const int t[EVAL_SELF_N], long long by, time_t now)
{
	struct mc_rows rows;
	char	       at[20];
	int	       i, rc = 0;

	if (mc_eval_self_total(t) < 0)
		return -1;
	mc_time_sql(at, now);
	if (mc_db_begin(db) < 0)
		return -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_LOCK], "iii",
		(long long)agency, (long long)year, (long long)quarter) < 0 ||
	    rows.n != 1)
		goto fail;
	if (kind == EVAL_SELF_OWN && mc_rows_int(&rows, 0, 1) > 0)
		rc = EVAL_SELF_LOCKED;
	else if (kind == EVAL_SELF_APPRAISED && mc_rows_int(&rows, 0, 0) == 0)
		rc = EVAL_SELF_NO_SELF;
	if (rc != 0) {
		mc_db_rollback(db);
		return rc;
	}
	for (i = 0; i < EVAL_SELF_N; i++) {
		if ((kind == EVAL_SELF_OWN ?
			    mc_db_exec(db, stmts[STMT_OWN], "iiiiiis",
				(long long)agency, (long long)year,
				(long long)quarter, (long long)i + 1,
				(long long)t[i], by, at) :
			    mc_db_exec(db, stmts[STMT_APPRAISE], "iisiiii",
				(long long)t[i], by, at, (long long)agency,
				(long long)year, (long long)quarter,
				(long long)i + 1)) < 0)
			goto fail;
	}
	return mc_db_commit(db);
fail:
	mc_db_rollback(db);
	return -1;
}
