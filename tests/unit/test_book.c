/*
 * The registers (lib/domain/mc_book) against the database of a test
 * instance (MOTCUA_CONFIG): hand-made dossiers in March 2034 (early, on
 * time, late with an apology, open and overdue), found by their codes in
 * the tracking book read a page of two at a time, in the late list with
 * their apologies, and in the officers' figures, which equal the steps'
 * own rows. Counts are compared before and after (earlier runs leave
 * their dossiers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "fixtures.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_book.h"
#include "mc_calendar.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_units.h"
#include "mc_util.h"

enum stmt {
	STMT_PROCEDURE,
	STMT_PARENT,
	STMT_STEPS,
	STMT_WARD,
	STMT_WARD_ID,
	STMT_MANY,
	STMT_ANALYZE,
	STMT_READS,
	STMT_DROP_MANY,
	STMT_DROP_WARD,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_PROCEDURE] = "SELECT p.code, p.agency_id FROM procedures p "
	    "WHERE p.level_province = 1 AND p.agency_id IS NOT NULL AND "
	    "p.online = 1 AND p.time_hours BETWEEN 16 AND 80 "
	    "ORDER BY p.code LIMIT 1",
	[STMT_PARENT] = "SELECT COALESCE(parent_id, 0) FROM agencies "
	    "WHERE id = ?",
	/* The officer's finished steps of the agency, from the steps. */
	[STMT_STEPS] = "SELECT COUNT(*), COALESCE(SUM(outcome = 'early'), 0), "
	    "COALESCE(SUM(outcome = 'ontime'), 0), "
	    "COALESCE(SUM(outcome = 'late'), 0) FROM dossier_steps "
	    "WHERE taken_by = ? AND agency_id = ? AND finished_at >= "
	    "'2034-03-01' AND finished_at < '2034-04-01'",
	/* A ward of the run's own, and its 3,000 dossiers of 2036. */
	[STMT_WARD] = "INSERT INTO agencies (code, kind, name, name_en, "
	    "valid_from) VALUES (?, 'ward', ?, ?, '2020-01-01')",
	[STMT_WARD_ID] = "SELECT id FROM agencies WHERE code = ?",
	/* One every 175 minutes of 2036 from its start, by number. */
	[STMT_MANY] = "INSERT INTO dossiers (code, procedure_id, agency_id, "
	    "current_agency_id, applicant_name, applicant_id_number, channel, "
	    "status, form_data, submitted_at, received_at, due_at, "
	    "finished_at, updated_at) SELECT CONCAT(?, LPAD(seq, 5, '0')), "
	    "(SELECT MIN(id) FROM procedures), ?, ?, 'Người Sổ Trang', "
	    "'079100000000', 2, 10, '{}', "
	    "'2036-01-01' + INTERVAL seq * 175 MINUTE, "
	    "'2036-01-01' + INTERVAL seq * 175 MINUTE, "
	    "'2036-01-06' + INTERVAL seq * 175 MINUTE, "
	    "'2036-01-03' + INTERVAL seq * 175 MINUTE, NOW() "
	    "FROM seq_1_to_3000",
	/*
	 * The table's statistics counted now, as a live table's are: after
	 * 3,000 rows into a nearly empty table (a new test instance) the
	 * server's own recount runs in the background, and a plan made
	 * before it guesses a scan cheaper (a CI run read 14,145 rows for
	 * the first page).
	 */
	[STMT_ANALYZE] = "ANALYZE TABLE dossiers",
	/* Rows this session read so far, by index or table. */
	[STMT_READS] = "SELECT SUM(VARIABLE_VALUE) FROM "
	    "information_schema.SESSION_STATUS WHERE VARIABLE_NAME IN "
	    "('HANDLER_READ_NEXT', 'HANDLER_READ_PREV', "
	    "'HANDLER_READ_RND_NEXT')",
	[STMT_DROP_MANY] = "DELETE FROM dossiers WHERE agency_id = ?",
	[STMT_DROP_WARD] = "DELETE FROM agencies WHERE id = ?",
};
/* clang-format on */

#define NOW_2034 (at(12, 31, 12, 0)) /* "now" for the open ones */

static time_t
at(int m, int d, int h, int min)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 2034 - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = min;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static const char *
file_at(struct mc_db *db, struct mc_arena *a, const char *procedure,
    const struct mc_user *citizen, time_t when)
{
	struct mc_submission s;
	const char	    *code = NULL;

	memset(&s, 0, sizeof(s));
	s.procedure_code = procedure;
	s.account_id = citizen->id;
	s.name = "Trần Thị Sổ Sách";
	s.id_number = citizen->id_number;
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	if (mc_dossier_submit(db, a, &s, when, &code) != 0)
		return NULL;
	return code;
}

static int
act_at(struct mc_db *db, struct mc_arena *a, struct mc_user *u,
    const char *code, enum mc_action action, const char *note, time_t when,
    time_t new_due)
{
	struct mc_action_args args;

	memset(&args, 0, sizeof(args));
	args.note = note;
	args.method = CHANNEL_COUNTER;
	args.new_due = new_due;
	return mc_dossier_act(db, a, u, code, action, &args, when);
}

/* Accepted at when, forwarded half an hour later; 0 or -1. */
static int
start(struct mc_db *db, struct mc_arena *a, struct mc_user *u,
    const char *code, time_t when)
{
	if (code == NULL ||
	    act_at(db, a, u, code, ACTION_ACCEPT, NULL, when, 0) != 0 ||
	    act_at(db, a, u, code, ACTION_FORWARD, NULL, when + 1800, 0) != 0)
		return -1;
	return 0;
}

static time_t
due_of(struct mc_db *db, struct mc_arena *a, const char *code)
{
	struct mc_dossier d;

	if (mc_dossier_load(db, a, code, &d) != 1 || d.due_at == NULL)
		return 0;
	return mc_time_parse(d.due_at);
}

/* The row index of code in rows (column col), or -1. */
static long
find(const struct mc_rows *rows, size_t col, const char *code)
{
	size_t i;

	for (i = 0; i < rows->n; i++)
		if (strcmp(mc_rows_str(rows, i, col), code) == 0)
			return (long)i;
	return -1;
}

struct mine {
	const char *early, *ontime, *late, *open;
	time_t	    late_due, late_new_due, late_done;
};

/*
 * The whole book of March 2034 read two rows at a time: every row once,
 * in order of time received then id; ours with their notes.
 */
static void
test_book(struct mc_db *db, struct mc_arena *a, unsigned int ag,
    const struct mine *m)
{
	struct mc_book_filter f;
	struct mc_rows	      page, all;
	const char	    **seen;
	size_t		      n = 0, cap = 4096, i, pages = 0;
	int		      found = 0, dup = 0, order = 1;
	long		      k;
	const char	     *prev_at = NULL;
	long long	      prev_id = 0;

	memset(&f, 0, sizeof(f));
	f.agency = ag;
	f.from = "2034-03-01";
	f.to = "2034-03-31";
	f.limit = 2;
	seen = mc_arena_alloc(a, cap * sizeof(*seen));
	do {
		CHECK_INT(mc_book_page(db, a, &f, &page), 0);
		CHECK(page.n <= 2);
		pages++;
		for (i = 0; i < page.n && n < cap; i++) {
			const char *c = mc_rows_str(&page, i, BOOK_CODE);
			const char *r = mc_rows_str(&page, i, BOOK_RECEIVED);
			long long   id = mc_rows_int(&page, i, BOOK_ID);
			size_t	    j;

			for (j = 0; j < n; j++)
				dup += strcmp(seen[j], c) == 0;
			seen[n++] = c;
			if (prev_at != NULL &&
			    (strcmp(r, prev_at) < 0 ||
				(strcmp(r, prev_at) == 0 && id <= prev_id)))
				order = 0;
			prev_at = r;
			prev_id = id;
			found += strcmp(c, m->early) == 0 ||
			    strcmp(c, m->ontime) == 0 ||
			    strcmp(c, m->late) == 0 || strcmp(c, m->open) == 0;
		}
		if (page.n > 0) {
			f.after_at = mc_rows_str(&page, page.n - 1,
			    BOOK_RECEIVED);
			f.after_id = mc_rows_int(&page, page.n - 1, BOOK_ID);
		}
	} while (page.n == 2 && pages < 2000);
	CHECK_INT(found, 4);
	CHECK_INT(dup, 0);
	CHECK(order);
	/* The same rows in one page, with their notes. */
	f.after_at = NULL;
	f.after_id = 0;
	f.limit = 5000;
	CHECK_INT(mc_book_page(db, a, &f, &all), 0);
	CHECK_INT(all.n, n);
	CHECK_INT(all.ncols, BOOK__MAX);
	/*
	 * Backwards (the previous page) from the last row, two at a time:
	 * each page the rows before, in order, back to the first.
	 */
	if (all.n > 1) {
		size_t back = all.n - 1, k2;
		int    same = 1;

		f.limit = 2;
		f.before_at = mc_rows_str(&all, back, BOOK_RECEIVED);
		f.before_id = mc_rows_int(&all, back, BOOK_ID);
		do {
			CHECK_INT(mc_book_page(db, a, &f, &page), 0);
			for (k2 = page.n; k2-- > 0 && back > 0;)
				same &= strcmp(seen[--back],
					    mc_rows_str(&page, k2,
						BOOK_CODE)) == 0;
			if (page.n > 0) {
				f.before_at = mc_rows_str(&page, 0,
				    BOOK_RECEIVED);
				f.before_id = mc_rows_int(&page, 0, BOOK_ID);
			}
		} while (page.n == 2 && back > 0);
		CHECK(same);
		CHECK_INT(back, 0);
		f.before_at = NULL;
		f.before_id = 0;
	}
	/*
	 * A window (until, as an export's batches read): only the rows
	 * received before it, the first of the whole in the same order.
	 */
	if (all.n > 1) {
		const char *cut = mc_rows_str(&all, all.n - 1, BOOK_RECEIVED);
		size_t	    before = 0, k3;
		int	    same = 1;

		while (before < all.n &&
		    strcmp(mc_rows_str(&all, before, BOOK_RECEIVED), cut) < 0)
			before++;
		f.until = cut;
		f.limit = 5000;
		CHECK_INT(mc_book_page(db, a, &f, &page), 0);
		CHECK_INT(page.n, before);
		for (k3 = 0; k3 < page.n && k3 < all.n; k3++)
			same &= mc_rows_int(&page, k3, BOOK_ID) ==
			    mc_rows_int(&all, k3, BOOK_ID);
		CHECK(same);
		f.until = NULL;
	}
	k = find(&all, BOOK_CODE, m->early);
	CHECK(k >= 0);
	if (k >= 0) {
		CHECK_INT(mc_book_note(&all, (size_t)k, NOW_2034),
		    BOOK_NOTE_EARLY);
		CHECK(mc_rows_str(&all, (size_t)k, BOOK_HANDED_AT) != NULL);
		CHECK(mc_rows_str(&all, (size_t)k, BOOK_HANDED_TO) != NULL);
		CHECK(mc_rows_str(&all, (size_t)k, BOOK_RESULT_AT) != NULL);
		CHECK(mc_rows_str(&all, (size_t)k, BOOK_RETURNED) != NULL);
		CHECK_INT(mc_rows_int(&all, (size_t)k, BOOK_RETURN_METHOD),
		    CHANNEL_COUNTER);
	}
	k = find(&all, BOOK_CODE, m->ontime);
	CHECK(k >= 0);
	if (k >= 0)
		CHECK_INT(mc_book_note(&all, (size_t)k, NOW_2034), 0);
	k = find(&all, BOOK_CODE, m->late);
	CHECK(k >= 0);
	if (k >= 0) {
		CHECK_INT(mc_book_note(&all, (size_t)k, NOW_2034),
		    BOOK_NOTE_LATE | BOOK_NOTE_APOLOGY);
		/* The due column keeps the first date; the new one apart. */
		CHECK_INT(
		    mc_time_parse(mc_rows_str(&all, (size_t)k, BOOK_DUE)),
		    m->late_due);
		CHECK_INT(
		    mc_time_parse(mc_rows_str(&all, (size_t)k, BOOK_NEW_DUE)),
		    m->late_new_due);
		CHECK(mc_rows_str(&all, (size_t)k, BOOK_RETURNED) == NULL);
	}
	k = find(&all, BOOK_CODE, m->open);
	CHECK(k >= 0);
	if (k >= 0) {
		CHECK_INT(mc_book_note(&all, (size_t)k, NOW_2034),
		    BOOK_NOTE_OVERDUE);
		CHECK_INT(mc_book_note(&all, (size_t)k, at(3, 1, 0, 0)), 0);
	}
	/* Another month does not list them. */
	f.from = "2034-04-01";
	f.to = "2034-04-30";
	CHECK_INT(mc_book_page(db, a, &f, &page), 0);
	CHECK(find(&page, BOOK_CODE, m->early) < 0);
}

/* The session's index reads so far. */
static long long
reads(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_READS], "") < 0 || r.n != 1)
		return -1;
	return mc_rows_int(&r, 0, 0);
}

/* Code number k of the ward's dossiers. */
static const char *
many_code(struct mc_arena *a, const char *tag, int k)
{
	return mc_arena_printf(a, "%s%05d", tag, k);
}

/*
 * An interactive page reads only about its page: a ward of the run's own
 * with 3,000 dossiers over 2036 (one every 175 minutes), shown for the
 * whole year 51 rows a page (as the book's page asks: 50 and one more).
 * The first page, one in the middle and one backwards each read under
 * 1,500 rows (index entries, the subtree's and the page's temporary
 * tables) and hold the right rows; the same page read to the period's
 * end in one go (f.until at the year's last second: what every page did
 * before) reads at least every dossier of the ward.
 */
static void
test_page_reads(struct mc_db *db, struct mc_arena *a)
{
	struct mc_book_filter f;
	struct mc_rows	      rows, id;
	const char	     *tag, *code;
	long long	      r0, r1, r2, ward;

	tag = mc_arena_printf(a, "BP-%d-%ld-", (int)getpid() % 100000,
	    (long)time(NULL) % 100000);
	code = mc_arena_printf(a, "UB.%d.%ld", (int)getpid() % 100000,
	    (long)time(NULL) % 100000);
	if (mc_db_exec(db, stmts[STMT_WARD], "sss", code, "Phường Trang Sổ",
		"Page Ward") != 1 ||
	    mc_db_query(db, a, &id, stmts[STMT_WARD_ID], "s", code) < 0 ||
	    id.n != 1) {
		CHECK(!"a ward of our own");
		return;
	}
	ward = mc_rows_int(&id, 0, 0);
	CHECK_INT(mc_db_exec(db, stmts[STMT_MANY], "sii", tag, ward, ward),
	    3000);
	CHECK_INT(mc_db_query(db, a, &id, stmts[STMT_ANALYZE], ""), 0);
	memset(&f, 0, sizeof(f));
	f.agency = (unsigned int)ward;
	f.from = "2036-01-01";
	f.to = "2036-12-31";
	f.limit = 51;
	f.units = MC_UNITS_TIME;

	r0 = reads(db, a);
	CHECK_INT(mc_book_page(db, a, &f, &rows), 0);
	r1 = reads(db, a);
	CHECK_INT(rows.n, 51);
	if (rows.n == 51) {
		CHECK_STR(mc_rows_str(&rows, 0, BOOK_CODE),
		    many_code(a, tag, 1));
		CHECK_STR(mc_rows_str(&rows, 50, BOOK_CODE),
		    many_code(a, tag, 51));
	}
	CHECK(r1 - r0 < 1500);
	/* Before: from the keyset to the period's end in one read. */
	f.until = "2036-12-31 23:59:59";
	CHECK_INT(mc_book_page(db, a, &f, &rows), 0);
	r2 = reads(db, a);
	CHECK_INT(rows.n, 51);
	CHECK(r2 - r1 >= 3000);
	fprintf(stderr,
	    "test_page_reads: first page %lld rows read, "
	    "the whole period's %lld\n",
	    r1 - r0, r2 - r1);
	f.until = NULL;

	/* A page in the middle, after dossier 1,500. */
	f.after_at = "2036-07-01 07:00:00"; /* 1,500 x 175 minutes on */
	f.after_id = 1LL << 62;
	r0 = reads(db, a);
	CHECK_INT(mc_book_page(db, a, &f, &rows), 0);
	r1 = reads(db, a);
	CHECK_INT(rows.n, 51);
	if (rows.n == 51)
		CHECK_STR(mc_rows_str(&rows, 0, BOOK_CODE),
		    many_code(a, tag, 1501));
	CHECK(r1 - r0 < 1500);
	f.after_at = NULL;

	/* Backwards: the 51 before dossier 2,000, the earliest first. */
	f.before_at = "2036-08-31 01:20:00"; /* 2,000 x 175 minutes on */
	f.before_id = 0;
	r0 = reads(db, a);
	CHECK_INT(mc_book_page(db, a, &f, &rows), 0);
	r1 = reads(db, a);
	CHECK_INT(rows.n, 51);
	if (rows.n == 51) {
		CHECK_STR(mc_rows_str(&rows, 0, BOOK_CODE),
		    many_code(a, tag, 1949));
		CHECK_STR(mc_rows_str(&rows, 50, BOOK_CODE),
		    many_code(a, tag, 1999));
	}
	CHECK(r1 - r0 < 1500);

	mc_db_exec(db, stmts[STMT_DROP_MANY], "i", ward);
	mc_db_exec(db, stmts[STMT_DROP_WARD], "i", ward);
}

/* The late list: ours late or overdue, with the apology; counts grow. */
static void
test_late(struct mc_db *db, struct mc_arena *a, unsigned int ag,
    const struct mine *m, long long late0, long long apol0)
{
	struct mc_book_filter f;
	struct mc_rows	      rows, back;
	long long	      late, apol;
	long		      k;

	memset(&f, 0, sizeof(f));
	f.agency = ag;
	f.from = "2034-03-01";
	f.to = "2034-03-31";
	f.limit = 5000;
	CHECK_INT(mc_book_late(db, a, &f, NOW_2034, &rows), 0);
	CHECK(find(&rows, LATE_CODE, m->early) < 0);
	CHECK(find(&rows, LATE_CODE, m->ontime) < 0);
	k = find(&rows, LATE_CODE, m->late);
	CHECK(k >= 0);
	if (k >= 0) {
		CHECK_INT(rows.ncols, LATE__MAX);
		CHECK(mc_rows_str(&rows, (size_t)k, LATE_APOLOGY_AT) != NULL);
		CHECK_INT(
		    mc_time_parse(mc_rows_str(&rows, (size_t)k, LATE_NEW_DUE)),
		    m->late_new_due);
		CHECK_INT(
		    mc_time_parse(mc_rows_str(&rows, (size_t)k, LATE_DUE)),
		    m->late_due);
		CHECK(strcmp(mc_rows_str(&rows, (size_t)k, LATE_REASON),
			  "Chờ ý kiến cơ quan phối hợp") == 0);
		CHECK_INT(mc_book_late_minutes(&rows, (size_t)k, NOW_2034),
		    mc_calendar_work_minutes(m->late_due, m->late_done));
		CHECK(mc_book_late_minutes(&rows, (size_t)k, NOW_2034) > 480);
	}
	k = find(&rows, LATE_CODE, m->open);
	CHECK(k >= 0);
	if (k >= 0) {
		CHECK(mc_rows_str(&rows, (size_t)k, LATE_FINISHED) == NULL);
		CHECK(mc_rows_str(&rows, (size_t)k, LATE_APOLOGY_AT) == NULL);
		CHECK(mc_book_late_minutes(&rows, (size_t)k, NOW_2034) > 480);
	}
	CHECK_INT(mc_book_late_count(db, a, &f, NOW_2034, &late, &apol), 0);
	CHECK_INT(late - late0, 2);
	CHECK_INT(apol - apol0, 1);
	/* Backwards from the last row, one at a time: the rows before it. */
	if (rows.n > 1) {
		size_t i = rows.n - 1;
		int    same = 1;

		f.limit = 1;
		f.before_at = mc_rows_str(&rows, i, LATE_DUE);
		f.before_id = mc_rows_int(&rows, i, LATE_ID);
		while (i-- > 0 &&
		    mc_book_late(db, a, &f, NOW_2034, &back) == 0 &&
		    back.n == 1) {
			same &= strcmp(mc_rows_str(&back, 0, LATE_CODE),
				    mc_rows_str(&rows, i, LATE_CODE)) == 0;
			f.before_at = mc_rows_str(&back, 0, LATE_DUE);
			f.before_id = mc_rows_int(&back, 0, LATE_ID);
		}
		CHECK(same);
		CHECK_INT(i, (size_t)-1);
		CHECK_INT(mc_book_late(db, a, &f, NOW_2034, &back), 0);
		CHECK_INT(back.n, 0);
		f.before_at = NULL;
		f.limit = 5000;
	}
	/* Before its due time the open one was not late yet. */
	CHECK_INT(mc_book_late(db, a, &f, at(3, 2, 12, 0), &rows), 0);
	CHECK(find(&rows, LATE_CODE, m->open) < 0);
	CHECK(find(&rows, LATE_CODE, m->late) >= 0);
}

/* The officers: the one who did it all, and a colleague who did nothing. */
static void
test_officers(struct mc_db *db, struct mc_arena *a, unsigned int ag,
    const struct mc_user *all, const struct mc_user *idle)
{
	struct mc_officer_load *v, *me = NULL, *other = NULL;
	struct mc_rows		steps;
	size_t			n, i;

	CHECK_INT(mc_book_officers(db, a, ag, MC_UNITS_TODAY, "2034-03-01",
		      "2034-03-31", 0, NOW_2034, &v, &n),
	    0);
	for (i = 0; i < n; i++) {
		if (v[i].id == all->id)
			me = &v[i];
		if (v[i].id == idle->id)
			other = &v[i];
	}
	CHECK(me != NULL && other != NULL);
	if (me == NULL || other == NULL)
		return;
	CHECK_INT(mc_db_query(db, a, &steps, stmts[STMT_STEPS], "ii", all->id,
		      (long long)ag),
	    0);
	CHECK(mc_rows_int(&steps, 0, 0) >= 6);
	CHECK_INT(me->steps, mc_rows_int(&steps, 0, 0));
	CHECK_INT(me->early, mc_rows_int(&steps, 0, 1));
	CHECK_INT(me->ontime, mc_rows_int(&steps, 0, 2));
	CHECK_INT(me->late, mc_rows_int(&steps, 0, 3));
	CHECK(me->late >= 1); /* the late one's processing step */
	CHECK(me->minutes > 0);
	CHECK_INT(me->open, 1); /* the open one, claimed */
	CHECK_INT(me->overdue, 1);
	CHECK_INT(me->soon, 0);
	CHECK_INT(other->steps, 0);
	CHECK_INT(other->open, 0);
	/* Only one officer's line. */
	CHECK_INT(mc_book_officers(db, a, ag, MC_UNITS_TODAY, "2034-03-01",
		      "2034-03-31", idle->id, NOW_2034, &v, &n),
	    0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(v[0].id, idle->id);
	/* Before March the open one was within time. */
	CHECK_INT(mc_book_officers(db, a, ag, MC_UNITS_TODAY, "2034-03-01",
		      "2034-03-31", all->id, at(3, 2, 12, 0), &v, &n),
	    0);
	if (n == 1) {
		CHECK_INT(v[0].open, 1);
		CHECK_INT(v[0].overdue, 0);
	}
}

int
main(void)
{
	struct mc_book_filter f;
	struct mc_db	     *db;
	struct mc_arena	     *a;
	struct mc_rows	      proc, par;
	struct mc_user	     *citizen, *all, *idle;
	struct mine	      m;
	const char	     *code;
	unsigned int	      ag;
	long long	      late0, apol0;
	time_t		      due;

	if (!NEED_DB("test_book"))
		return DONE();
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(1 << 22);
	mc_calendar_load(db);
	if (mc_db_query(db, a, &proc, stmts[STMT_PROCEDURE], "") < 0 ||
	    proc.n != 1) {
		CHECK(!"a procedure of 2 to 10 days with an agency");
		return DONE();
	}
	code = mc_rows_str(&proc, 0, 0);
	ag = (unsigned int)mc_rows_int(&proc, 0, 1);
	citizen = fixture_account(db, a, "book", "079", 7, "citizen",
	    ROLE_CITIZEN, 0);
	all = fixture_account(db, a, "book", NULL, 1, "all", ROLE_RECEIVER,
	    ag);
	idle = fixture_account(db, a, "book", NULL, 1, "idle", ROLE_SPECIALIST,
	    ag);
	if (citizen == NULL || all == NULL || idle == NULL) {
		CHECK(!"test accounts");
		return DONE();
	}
	{
		struct mc_grant *g = mc_arena_alloc(a, 3 * sizeof(*g));

		g[0] = all->grants[0];
		g[1].role = ROLE_SPECIALIST;
		g[1].agency_id = ag;
		g[2].role = ROLE_LEADER;
		g[2].agency_id = ag;
		all->grants = g;
		all->ngrants = 3;
		all->roles |= (1u << ROLE_SPECIALIST) | (1u << ROLE_LEADER);
		mc_auth_grant(db, all->id, ROLE_SPECIALIST, ag);
		mc_auth_grant(db, all->id, ROLE_LEADER, ag);
	}
	memset(&f, 0, sizeof(f));
	f.agency = ag;
	f.from = "2034-03-01";
	f.to = "2034-03-31";
	CHECK_INT(mc_book_late_count(db, a, &f, NOW_2034, &late0, &apol0), 0);
	memset(&m, 0, sizeof(m));
	/* Early: decided and returned the morning it came. */
	m.early = file_at(db, a, code, citizen, at(3, 6, 8, 0));
	CHECK_INT(start(db, a, all, m.early, at(3, 6, 8, 30)), 0);
	CHECK_INT(act_at(db, a, all, m.early, ACTION_DECIDE, NULL,
		      at(3, 6, 10, 0), 0),
	    0);
	CHECK_INT(act_at(db, a, all, m.early, ACTION_RETURN, NULL,
		      at(3, 6, 11, 0), 0),
	    0);
	/* On time: decided at its due time exactly. */
	m.ontime = file_at(db, a, code, citizen, at(3, 6, 8, 10));
	CHECK_INT(start(db, a, all, m.ontime, at(3, 6, 8, 40)), 0);
	due = due_of(db, a, m.ontime);
	CHECK(due > 0);
	CHECK_INT(act_at(db, a, all, m.ontime, ACTION_DECIDE, NULL, due, 0),
	    0);
	/* Late with an apology and a new date, decided after both. */
	m.late = file_at(db, a, code, citizen, at(3, 6, 8, 20));
	CHECK_INT(start(db, a, all, m.late, at(3, 6, 8, 50)), 0);
	m.late_due = due_of(db, a, m.late);
	m.late_new_due = m.late_due + 7 * 86400;
	CHECK_INT(act_at(db, a, all, m.late, ACTION_APOLOGY,
		      "Chờ ý kiến cơ quan phối hợp", at(3, 6, 9, 30),
		      m.late_new_due),
	    0);
	m.late_done = m.late_due + 10 * 86400;
	CHECK_INT(
	    act_at(db, a, all, m.late, ACTION_DECIDE, NULL, m.late_done, 0),
	    0);
	/* Open, claimed by the officer, overdue by the year's end. */
	m.open = file_at(db, a, code, citizen, at(3, 6, 8, 30));
	CHECK_INT(start(db, a, all, m.open, at(3, 6, 9, 0)), 0);
	CHECK_INT(
	    act_at(db, a, all, m.open, ACTION_CLAIM, NULL, at(3, 6, 9, 5), 0),
	    0);
	if (m.early == NULL || m.ontime == NULL || m.late == NULL ||
	    m.open == NULL) {
		CHECK(!"dossiers filed");
		return DONE();
	}
	test_book(db, a, ag, &m);
	/* The agency above sees them too (its subtree). */
	if (mc_db_query(db, a, &par, stmts[STMT_PARENT], "i", (long long)ag) ==
		0 &&
	    par.n == 1 && mc_rows_int(&par, 0, 0) != 0) {
		struct mc_rows rows;

		f.agency = (unsigned int)mc_rows_int(&par, 0, 0);
		f.limit = 20000;
		CHECK_INT(mc_book_page(db, a, &f, &rows), 0);
		CHECK(find(&rows, BOOK_CODE, m.early) >= 0);
		f.agency = ag;
	}
	test_late(db, a, ag, &m, late0, apol0);
	test_officers(db, a, ag, all, idle);
	test_page_reads(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
