/*
 * The published answers of feedback, for the site generator and the site's
 * search, and the statistics (for the pages, and the Decision 766 index in
 * the league tables): a file of its own so that sitegen and the worker link
 * no more of mc_feedback than these queries (not the accounts, passwords
 * and photos of mc_feedback.c).
 */
#include <stddef.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_db.h"
#include "mc_feedback.h"
#include "mc_log.h"
#include "mc_util.h"

/* clang-format off */
/* Columns in the order of enum mc_fb_pub_col. */
#define PUB_SELECT "SELECT f.code, f.category, ag.name, " \
	"COALESCE(ag.name_en, ag.name), w.name, f.body, f.answer, " \
	"f.created_at, f.answered_at FROM feedback f " \
	"JOIN agencies ag ON ag.id = f.agency_id " \
	"LEFT JOIN agencies w ON w.gso_code = f.ward_code AND w.kind = 'ward' " \
	"AND (w.valid_to IS NULL OR w.valid_to > CURDATE()) " \
	"WHERE f.publish = 1 AND f.answers > 0 "
#define PUB_ORDER "ORDER BY f.answered_at DESC, f.id DESC LIMIT ?"

static const char *const stmt_published = PUB_SELECT PUB_ORDER;
static const char *const stmt_search = PUB_SELECT
	"AND MATCH (f.search_text) AGAINST (? IN BOOLEAN MODE) " PUB_ORDER;
/* Columns in the order of enum mc_fb_stats_col. */
static const char *const stmt_stats = "SELECT ag.id, ag.name, f.category, "
	"COUNT(*) AS received, SUM(f.answers > 0) AS answered, "
	"SUM(f.answers > 0 AND f.late = 0 AND "
	"NOT (f.status = 'open' AND f.due_at < ?)) AS ontime, "
	"SUM(f.late = 1 OR (f.status = 'open' AND f.due_at < ?)) AS late, "
	"SUM(f.reopened > 0) AS reopened FROM feedback f "
	"JOIN agencies ag ON ag.id = f.agency_id "
	"WHERE f.created_at >= ? AND f.created_at < ? "
	"AND (? = 0 OR ag.id = ? OR ag.parent_id = ?) "
	"GROUP BY ag.id, ag.name, f.category ORDER BY ag.name, f.category";
/* clang-format on */

static int
shape(const struct mc_rows *rows, size_t want, const char *what)
{
	if (rows->n > 0 && rows->ncols != want) {
		mc_err("feedback: %s: %zu columns", what, rows->ncols);
		return -1;
	}
	return 0;
}

int
mc_feedback_published(struct mc_db *db, struct mc_arena *a, size_t limit,
    struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmt_published, "i", (long long)limit) <
	    0)
		return -1;
	return shape(rows, FBP__MAX, "published");
}

int
mc_feedback_search(struct mc_db *db, struct mc_arena *a, const char *q,
    size_t limit, struct mc_rows *rows)
{
	const char *folded, *boolean;

	memset(rows, 0, sizeof(*rows));
	if (q == NULL || (folded = mc_fold(a, q)) == NULL || *folded == '\0')
		return 0;
	if ((boolean = mc_fold_all_words(a, folded)) == NULL ||
	    mc_db_query(db, a, rows, stmt_search, "si", boolean,
		(long long)limit) < 0)
		return -1;
	return shape(rows, FBP__MAX, "search");
}

int
mc_feedback_stats(struct mc_db *db, struct mc_arena *a, unsigned int agency_id,
    const char *from, const char *to, const char *now, struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmt_stats, "ssssiii", now, now, from, to,
		(long long)agency_id, (long long)agency_id,
		(long long)agency_id) < 0)
		return -1;
	return shape(rows, FBST__MAX, "stats");
}
