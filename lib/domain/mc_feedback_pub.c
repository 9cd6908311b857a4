/*
 * The published answers of feedback, for the site generator: a file of
 * its own so that sitegen links no more of mc_feedback than this query.
 */
#include <stddef.h>

#include "mc_db.h"
#include "mc_feedback.h"
#include "mc_log.h"

/* clang-format off */
static const char *const stmt_published =
	/* Columns in the order of enum mc_fb_pub_col. */
	"SELECT f.code, f.category, ag.name, "
	    "COALESCE(ag.name_en, ag.name), w.name, f.body, f.answer, "
	    "f.created_at, f.answered_at FROM feedback f "
	    "JOIN agencies ag ON ag.id = f.agency_id "
	    "LEFT JOIN agencies w ON w.gso_code = f.ward_code AND w.kind = 'ward' "
	    "AND (w.valid_to IS NULL OR w.valid_to > CURDATE()) "
	    "WHERE f.publish = 1 AND f.answers > 0 "
	    "ORDER BY f.answered_at DESC, f.id DESC LIMIT ?";
/* clang-format on */

int
mc_feedback_published(struct mc_db *db, struct mc_arena *a, size_t limit,
    struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmt_published, "i", (long long)limit) <
	    0)
		return -1;
	if (rows->n > 0 && rows->ncols != FBP__MAX) {
		mc_err("feedback: published: %zu columns", rows->ncols);
		return -1;
	}
	return 0;
}
