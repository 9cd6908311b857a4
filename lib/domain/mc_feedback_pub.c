/*
 * The published answers of feedback, for the site generator and the site's
 * search: a file of its own so that sitegen links no more of mc_feedback
 * than these queries.
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
/* clang-format on */

static int
shape(const struct mc_rows *rows, const char *what)
{
	if (rows->n > 0 && rows->ncols != FBP__MAX) {
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
	return shape(rows, "published");
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
	return shape(rows, "search");
}
