/*
 * The inbox's keyset paging (issue 12) against the real database of a test
 * instance (MOTCUA_CONFIG): at a ward of the test's own with 130 open
 * dossiers (ties of step due time, and some without one), every page
 * reached by the key of the previous page's last row ("next") holds the
 * same rows in the same order as the page read by OFFSET did, and the page
 * before a page's first row ("previous") the same as the page before it by
 * OFFSET; for each of the four inbox statements (every open status, one
 * status, a code or ID number, the start of a name) and page sizes 1, 7
 * and 50. Without MOTCUA_CONFIG it fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "fixtures.h"
#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"

#define DOSSIERS 130

enum stmt { STMT_PROCEDURE, STMT_PUT, STMT_CLOSE, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_PROCEDURE] = "SELECT id FROM procedures ORDER BY id LIMIT 1",
	/*
	 * Code prefix, procedure, agency (twice), name, ID number, count: a
	 * tenth submitted without a step due time, the others accepted or
	 * in processing, due at one of 13 hours (ties), every third of one
	 * applicant.
	 */
	[STMT_PUT] = "INSERT INTO dossiers (code, procedure_id, agency_id, "
	    "current_agency_id, applicant_name, applicant_id_number, channel, "
	    "status, form_data, submitted_at, received_at, due_at, "
	    "step_warn_at, step_due_at, updated_at) "
	    "SELECT CONCAT(?, LPAD(s.seq, 3, '0')), ?, ?, ?, "
	    "IF(s.seq % 2 = 0, ?, 'Người Khác'), "
	    "IF(s.seq % 3 = 0, ?, LPAD(s.seq, 12, '0')), 2, "
	    "IF(s.seq % 10 = 0, 1, IF(s.seq % 4 = 0, 2, 4)), '{}', "
	    "'2024-01-02 09:00:00', '2024-01-02 09:00:00', "
	    "'2099-12-31 17:00:00', "
	    "IF(s.seq % 10 = 0, NULL, '2099-01-01 00:00:00' + "
	    "INTERVAL (s.seq * 7) % 13 HOUR - INTERVAL 2 HOUR), "
	    "IF(s.seq % 10 = 0, NULL, '2099-01-01 00:00:00' + "
	    "INTERVAL (s.seq * 7) % 13 HOUR), NOW() "
	    "FROM seq_1_to_1000 s WHERE s.seq <= ? ORDER BY s.seq",
	/* Dissolved after the run: no list of today's wards offers it. */
	[STMT_CLOSE] = "UPDATE agencies SET valid_to = CURDATE() - "
	    "INTERVAL 1 DAY WHERE id = ?",
};
/* clang-format on */

/* The codes of a page, one string. */
static const char *
codes(struct mc_arena *a, const struct mc_rows *r)
{
	const char *s = "";
	size_t	    i;

	for (i = 0; i < r->n; i++)
		s = mc_arena_printf(a, "%s %s", s,
		    mc_rows_str(r, i, DINBOX_CODE));
	return s;
}

/* The filter's key: row i of r, in direction dir. */
static void
key_of(struct mc_inbox_filter *f, const struct mc_rows *r, size_t i, int dir)
{
	f->key_dir = dir;
	f->key_due = mc_rows_str(r, i, DINBOX_STEP_DUE);
	if (f->key_due != NULL && *f->key_due == '\0')
		f->key_due = NULL;
	f->key_id = mc_rows_int(r, i, DINBOX_ID);
}

/*
 * Every page of size per of the filter, by offset, against the same page
 * by key forwards and backwards. The number of rows seen.
 */
static size_t
walk(struct mc_db *db, struct mc_arena *a, struct mc_inbox_filter base,
    size_t per, const char *what)
{
	struct mc_inbox_filter f;
	struct mc_rows	       byoff, prev, bykey;
	size_t		       page, seen = 0;
	int		       ok = 1;

	memset(&prev, 0, sizeof(prev));
	for (page = 0; ok && page < DOSSIERS + 1; page++) {
		f = base;
		f.limit = per;
		f.offset = page * per;
		if (mc_dossier_inbox(db, a, &f, &byoff) < 0) {
			CHECK(!"inbox by offset");
			return seen;
		}
		if (page > 0) {
			/* Next: after the previous page's last row. */
			f = base;
			f.limit = per;
			key_of(&f, &prev, prev.n - 1, 1);
			if (mc_dossier_inbox(db, a, &f, &bykey) < 0) {
				CHECK(!"inbox after a key");
				return seen;
			}
			if (strcmp(codes(a, &bykey), codes(a, &byoff)) != 0) {
				fprintf(stderr, "  %s, %zu a page, page %zu\n",
				    what, per, page + 1);
				ok = 0;
			}
			CHECK_STR(codes(a, &bykey), codes(a, &byoff));
			/* Previous: before this page's first row. */
			if (byoff.n > 0) {
				f = base;
				f.limit = per;
				key_of(&f, &byoff, 0, -1);
				if (mc_dossier_inbox(db, a, &f, &bykey) < 0) {
					CHECK(!"inbox before a key");
					return seen;
				}
				CHECK_STR(codes(a, &bykey), codes(a, &prev));
			}
		}
		seen += byoff.n;
		if (byoff.n < per)
			break;
		prev = byoff;
	}
	return seen;
}

int
main(void)
{
	struct mc_db	      *db;
	struct mc_arena	      *a;
	struct mc_rows	       r;
	struct mc_inbox_filter f;
	unsigned int	       ag;
	long long	       proc = 0;
	char		       code[32], prefix[40], name[64], idn[24];
	size_t		       per[] = { 1, 7, 50 }, i, n;

	if (!NEED_DB("test_inbox_pages"))
		return DONE();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(1 << 20);
	snprintf(code, sizeof(code), "%05d.%02d.97.T97",
	    (int)getpid() % 100000, (int)(time(NULL) % 100));
	snprintf(prefix, sizeof(prefix), "PG%d-%ld-", (int)getpid(),
	    (long)(time(NULL) % 100000));
	snprintf(name, sizeof(name), "Trần Thị Trang %d", (int)getpid());
	snprintf(idn, sizeof(idn), "0791%08d", (int)getpid() % 100000000);
	ag = fixture_agency(db, a, code, "ward", 0);
	if (mc_db_query(db, a, &r, stmts[STMT_PROCEDURE], "") == 0 && r.n == 1)
		proc = mc_rows_int(&r, 0, 0);
	if (ag == 0 || proc == 0 ||
	    mc_db_exec(db, stmts[STMT_PUT], "siiissi", prefix, proc,
		(long long)ag, (long long)ag, name, idn,
		(long long)DOSSIERS) != DOSSIERS) {
		CHECK(!"a test ward with its dossiers");
		mc_db_close(db);
		return DONE();
	}
	for (i = 0; i < sizeof(per) / sizeof(per[0]); i++) {
		memset(&f, 0, sizeof(f));
		f.agency_id = ag;
		/* Every open status: all of them, each once. */
		CHECK_INT((long long)walk(db, a, f, per[i], "open"), DOSSIERS);
		f.status = STATUS_PROCESSING;
		n = walk(db, a, f, per[i], "status");
		CHECK(n > 10 && n < DOSSIERS);
		f.status = 0;
		f.q = idn; /* every third */
		CHECK_INT((long long)walk(db, a, f, per[i], "id number"),
		    DOSSIERS / 3);
		f.q = name; /* every second */
		CHECK_INT((long long)walk(db, a, f, per[i], "name"),
		    DOSSIERS / 2);
		mc_arena_reset(a);
	}
	mc_db_exec(db, stmts[STMT_CLOSE], "i", (long long)ag);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
