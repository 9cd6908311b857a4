/*
 * Inboxes and counts: an agency's dossiers filtered and ordered by
 * urgency, a citizen's own list, the colour counts of an agency.
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
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_int.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_util.h"

int
mc_dossier_list_mine(struct mc_db *db, struct mc_arena *a,
    long long account_id, size_t limit, struct mc_rows *out)
{
	if (mc_db_query(db, a, out, dossier_stmts[STMT_MINE], "ii", account_id,
		(long long)limit) < 0)
		return -1;
	return dossier_shape("own dossiers", out, DMINE__MAX) ? 0 : -1;
}

static int
inbox_query(struct mc_db *db, struct mc_arena *a,
    const struct mc_inbox_filter *f, struct mc_rows *out)
{
	const char *q = f->q && *f->q ? f->q : NULL;
	const char *like;
	long long   lim = (long long)f->limit, off = (long long)f->offset;
	long long   ag = f->agency_id, h = f->holder_id;
	long long   pr = f->procedure_id, fi = f->field_id;
	const char *due = f->due_before;
	long long   kon = f->key_dir != 0, kid = f->key_id;
	const char *kd = f->key_due;
	int	    back = f->key_dir < 0 ? STMT_INBOX_BACK - STMT_INBOX : 0;

	if (q != NULL &&
	    (strchr(q, '-') != NULL ||
		(strlen(q) == 12 && q[strspn(q, "0123456789")] == '\0')))
		return mc_db_query(db, a, out,
		    dossier_stmts[STMT_INBOX_KEY + back], "ssiiiiiiississisii",
		    q, q, ag, h, h, pr, pr, fi, fi, due, due, kon, kd, kd, kid,
		    kd, lim, off);
	if (q != NULL) {
		/* LIKE's own characters are matched as themselves. */
		like = q[strcspn(q, "%_\\")] == '\0' ? q : "\x01";
		return mc_db_query(db, a, out,
		    dossier_stmts[STMT_INBOX_NAME + back], "isiiiiiississisii",
		    ag, like, h, h, pr, pr, fi, fi, due, due, kon, kd, kd, kid,
		    kd, lim, off);
	}
	if (f->status != 0)
		return mc_db_query(db, a, out,
		    dossier_stmts[STMT_INBOX_STATUS + back],
		    "iiiiiiiississisii", ag, (long long)f->status, h, h, pr,
		    pr, fi, fi, due, due, kon, kd, kd, kid, kd, lim, off);
	return mc_db_query(db, a, out, dossier_stmts[STMT_INBOX + back],
	    "iiiiiiississisii", ag, h, h, pr, pr, fi, fi, due, due, kon, kd,
	    kd, kid, kd, lim, off);
}

/* The rows in the opposite order (a backwards page in the list's). */
static void
rows_reverse(struct mc_rows *r)
{
	const char *v;
	size_t	    i, j, c, len;

	for (i = 0, j = r->n; i + 1 < j; i++, j--)
		for (c = 0; c < r->ncols; c++) {
			v = r->v[i * r->ncols + c];
			r->v[i * r->ncols + c] = r->v[(j - 1) * r->ncols + c];
			r->v[(j - 1) * r->ncols + c] = v;
			len = r->len[i * r->ncols + c];
			r->len[i * r->ncols + c] =
			    r->len[(j - 1) * r->ncols + c];
			r->len[(j - 1) * r->ncols + c] = len;
		}
}

int
mc_dossier_inbox(struct mc_db *db, struct mc_arena *a,
    const struct mc_inbox_filter *f, struct mc_rows *out)
{
	if (inbox_query(db, a, f, out) < 0)
		return -1;
	if (!dossier_shape("inbox", out, DINBOX__MAX))
		return -1;
	if (f->key_dir < 0)
		rows_reverse(out);
	return 0;
}

int
mc_dossier_colour_counts(struct mc_db *db, struct mc_arena *a,
    unsigned int agency_id, time_t now, long long counts[COLOUR__MAX])
{
	/* Kept by every transition and the worker: no dossier is counted. */
	(void)now;
	return mc_counters_colours(db, a, agency_id, counts);
}
