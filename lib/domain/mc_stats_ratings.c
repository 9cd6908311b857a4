/*
 * The applicants' satisfaction kept as ratings are given (issue 11): per
 * receiving agency, local day and month, the ratings with an overall
 * answer, those satisfied and those very satisfied (stats_ratings,
 * migration 0077), so that a period's satisfaction reads a few rows per
 * agency and month instead of every rating of the period with its answers.
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_stats.h"

enum stmt { STMT_ADD, STMT_CLEAR, STMT_ALL, STMT_READ, STMT__MAX };

/* clang-format off */
/* A rating's overall answer, counted on its day ('D') and month ('M'). */
#define RATED "SELECT g.grain, IF(g.grain = 'D', DATE(r.created_at), " \
	"DATE_FORMAT(r.created_at, '%Y-%m-01')) AS d, r.agency_id, " \
	"COUNT(*), SUM(a.score >= 1), SUM(a.score = 2) FROM eval_ratings r " \
	"JOIN eval_questions q ON q.questionnaire_id = r.questionnaire_id " \
	"AND q.code = 'overall' " \
	"JOIN eval_answers a ON a.rating_id = r.id AND a.seq = q.seq " \
	"JOIN (SELECT 'D' AS grain UNION ALL SELECT 'M') g "
#define INTO "INSERT INTO stats_ratings (grain, day, agency_id, ratings, " \
	"satisfied, very) "

static const char *const stmts[STMT__MAX] = {
	[STMT_ADD] = INTO RATED "WHERE r.id = ? GROUP BY g.grain, d, "
	    "r.agency_id ON DUPLICATE KEY UPDATE "
	    "ratings = ratings + VALUES(ratings), "
	    "satisfied = satisfied + VALUES(satisfied), "
	    "very = very + VALUES(very)",
	[STMT_CLEAR] = "DELETE FROM stats_ratings",
	[STMT_ALL] = INTO RATED "GROUP BY g.grain, d, r.agency_id",
	/* The whole months [fm, lm) and the days of [from, to] outside. */
	[STMT_READ] = "WITH RECURSIVE sub (id) AS (SELECT id FROM agencies "
	    "WHERE id = ? UNION SELECT a.id FROM agencies a JOIN sub "
	    "ON a.parent_id = sub.id OR (? = 1 AND a.successor_id = sub.id)) "
	    "SELECT s.agency_id, SUM(s.ratings), SUM(s.satisfied), "
	    "SUM(s.very) FROM stats_ratings s "
	    "WHERE s.agency_id IN (SELECT id FROM sub) AND ((s.grain = 'M' "
	    "AND s.day >= ? AND s.day < ?) OR (s.grain = 'D' "
	    "AND s.day BETWEEN ? AND ? AND (s.day < ? OR s.day >= ?))) "
	    "GROUP BY s.agency_id ORDER BY s.agency_id",
};
/* clang-format on */

int
mc_stats_rating(struct mc_db *db, long long rating_id)
{
	return mc_db_exec(db, stmts[STMT_ADD], "i", rating_id) < 0 ? -1 : 0;
}

static int
rebuild_tx(struct mc_db *db, void *arg)
{
	(void)arg;
	return mc_db_exec(db, stmts[STMT_CLEAR], "") < 0 ||
		mc_db_exec(db, stmts[STMT_ALL], "") < 0 ?
	    -1 :
	    0;
}

int
mc_stats_ratings_rebuild(struct mc_db *db)
{
	return mc_db_tx(db, rebuild_tx, NULL) != 0 ? -1 : 0;
}

int
mc_stats_ratings(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    int successors, const char *from, const char *to, struct mc_rows *rows)
{
	char fm[11], lm[11];

	mc_stats_month_bounds(from, to, fm, lm);
	if (mc_db_query(db, a, rows, stmts[STMT_READ], "iissssss",
		(long long)agency, (long long)(successors != 0), fm, lm, from,
		to, fm, lm) < 0)
		return -1;
	if (rows->n > 0 && rows->ncols != SR__MAX) {
		mc_err("mc_stats_ratings: %zu columns", rows->ncols);
		return -1;
	}
	return 0;
}
