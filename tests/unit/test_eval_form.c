/*
 * The questionnaire per agency against the real database of a test
 * instance (MOTCUA_CONFIG): which version a rating is asked (the agency's
 * own, else the nearest ancestor's, else the city's), who manages which
 * line, the legal questions kept, the stale base refused, a rating tied
 * to the version it was given on while later versions are published, and
 * a version of another agency's line refused. Without MOTCUA_CONFIG it
 * fails.
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
#include "mc_config.h"
#include "mc_db.h"
#include "mc_eval.h"

enum stmt {
	STMT_CITY,
	STMT_RATING,
	STMT_AUDIT,
	STMT_DISSOLVE,
	STMT_ANSWERS,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_CITY] = "SELECT id FROM agencies WHERE kind = 'city' "
	    "ORDER BY id LIMIT 1",
	/* The version a device's rating was given on. */
	[STMT_RATING] = "SELECT questionnaire_id FROM eval_ratings "
	    "WHERE device_id = ?",
	[STMT_AUDIT] = "SELECT COUNT(*) FROM audit_log WHERE event = "
	    "'config_change' AND account_id = ? AND agency_id = ? "
	    "AND subject = ?",
	/* The test's agencies end dissolved (the portal offers today's). */
	[STMT_DISSOLVE] = "UPDATE agencies SET valid_to = CURDATE() - "
	    "INTERVAL 1 DAY WHERE code LIKE ?",
	/* A device's ratings: how many, and their answers. */
	[STMT_ANSWERS] = "SELECT COUNT(DISTINCT r.id), COUNT(a.rating_id) "
	    "FROM eval_ratings r LEFT JOIN eval_answers a "
	    "ON a.rating_id = r.id WHERE r.device_id = ?",
};
/* clang-format on */

/* A version's note in each language (a question's texts' order). */
static const char *const add_note[2] = { "thêm câu", "question added" };
static const char *const off_note[2] = { "tắt", "switched off" };

/*
 * 1 if the newest of agency's versions (mc_eval_forms) has the note n in
 * each language, else 0.
 */
static int
noted(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    const char *const n[2])
{
	struct mc_rows rows;

	if (mc_eval_forms(db, a, agency, &rows) < 0 || rows.n == 0 ||
	    rows.ncols != EVF__MAX)
		return 0;
	return mc_rows_str(&rows, 0, EVF_NOTE) != NULL &&
	    mc_rows_str(&rows, 0, EVF_NOTE_EN) != NULL &&
	    strcmp(mc_rows_str(&rows, 0, EVF_NOTE), n[0]) == 0 &&
	    strcmp(mc_rows_str(&rows, 0, EVF_NOTE_EN), n[1]) == 0;
}

/* The id of the version agency's citizens are asked, or -1. */
static long long
asked(struct mc_db *db, struct mc_arena *a, unsigned int agency)
{
	struct mc_eval_form f;

	if (mc_eval_form_for(db, a, agency, time(NULL), &f) != 1)
		return -1;
	return f.id;
}

/* A paired tablet of agency with a visit of officer open: its id, or 0. */
static long long
tablet(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    long long officer, const char *name)
{
	struct mc_eval_device_new d;
	struct mc_eval_device	  dev;
	const char		 *code;
	char			  token[65];

	memset(&d, 0, sizeof(d));
	d.agency_id = agency;
	d.kind = "tablet";
	d.name = name;
	d.officer_id = officer;
	if (mc_eval_device_add(db, a, &d, officer, time(NULL), &code) != 0 ||
	    mc_eval_device_pair(db, code, time(NULL), token) != 0 ||
	    mc_eval_device_get(db, a, token, &dev) != 1 ||
	    mc_eval_visit_open(db, a, dev.id, agency, officer, time(NULL)) !=
		0)
		return 0;
	return dev.id;
}

/* A tablet's rating on form f: every question very satisfied. */
static int
rate(struct mc_db *db, struct mc_arena *a, const struct mc_eval_form *f,
    long long device)
{
	struct mc_eval_rating r;
	size_t		      i;

	memset(&r, 0, sizeof(r));
	r.channel = EVAL_TABLET;
	r.device_id = device;
	for (i = 0; i < EVAL_MAX_QUESTIONS; i++)
		r.score[i] = i < f->n ? 2 : -1;
	return mc_eval_rate(db, a, f, &r, time(NULL));
}

/* 1 if f asks the question of code. */
static int
asks(const struct mc_eval_form *f, const char *code)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->q[i].code, code) == 0)
			return 1;
	return 0;
}

/*
 * The unit (on version base) switches off the department's added question
 * code, then back on: audited, not asked in between, the legal questions
 * and the unit's own stale base refused; the device's rating given before
 * keeps its nb answers, one given in between has one fewer.
 */
static void
switched(struct mc_db *db, struct mc_arena *a, unsigned int unit,
    long long base, const char *code, const struct mc_user *by,
    const struct mc_user *officer, long long dev, size_t nb)
{
	struct mc_eval_form off, on;
	struct mc_rows	    rows;
	int		    version;

	CHECK_INT(mc_eval_form_switch(db, a, unit, base, "overall", 0, NULL,
		      by->id, time(NULL), &version),
	    EVAL_FORM_NOT_INHERITED);
	CHECK_INT(mc_eval_form_switch(db, a, unit, base, code, 1, NULL, by->id,
		      time(NULL), &version),
	    EVAL_FORM_NOT_INHERITED); /* asked already */
	CHECK_INT(mc_eval_form_switch(db, a, 0, base, code, 0, NULL, by->id,
		      time(NULL), &version),
	    EVAL_FORM_NOT_INHERITED); /* the city has no line above */
	CHECK_INT(mc_eval_form_switch(db, a, unit, base, code, 0, off_note,
		      by->id, time(NULL), &version),
	    0);
	CHECK_INT(version, 2);
	CHECK(noted(db, a, unit, off_note));
	CHECK(mc_db_query(db, a, &rows, stmts[STMT_AUDIT], "iis", by->id,
		  (long long)unit,
		  mc_arena_printf(a, "eval questionnaire agency=%u v2 off %s",
		      unit, code)) == 0);
	CHECK(rows.n == 1 && mc_rows_int(&rows, 0, 0) == 1);
	CHECK_INT(mc_eval_form_for(db, a, unit, time(NULL), &off), 1);
	CHECK_INT((long long)off.n, (long long)nb - 1);
	CHECK(!asks(&off, code));
	CHECK(asks(&off, "overall") && asks(&off, "i9"));
	CHECK_INT(mc_eval_form_switch(db, a, unit, base, code, 1, NULL, by->id,
		      time(NULL), &version),
	    EVAL_FORM_STALE);

	/* A rating in between: its questions, not the switched-off one. */
	CHECK_INT(
	    mc_eval_visit_open(db, a, dev, unit, officer->id, time(NULL)), 0);
	CHECK_INT(rate(db, a, &off, dev), 0);
	CHECK(mc_db_query(db, a, &rows, stmts[STMT_ANSWERS], "i", dev) == 0);
	CHECK(rows.n == 1 && mc_rows_int(&rows, 0, 0) == 2 &&
	    mc_rows_int(&rows, 0, 1) == (long long)(nb + nb - 1));

	CHECK_INT(mc_eval_form_switch(db, a, unit, off.id, code, 1, NULL,
		      by->id, time(NULL), &version),
	    0);
	CHECK_INT(version, 3);
	CHECK_INT(mc_eval_form_for(db, a, unit, time(NULL), &on), 1);
	CHECK_INT((long long)on.n, (long long)nb);
	CHECK(asks(&on, code));
	CHECK(strstr(on.q[on.n - 1].text[0], "Câu thêm") != NULL);
	CHECK(mc_db_query(db, a, &rows, stmts[STMT_ANSWERS], "i", dev) == 0);
	CHECK(rows.n == 1 &&
	    mc_rows_int(&rows, 0, 1) == (long long)(nb + nb - 1));
}

static void
test_lines(struct mc_db *db, struct mc_arena *a)
{
	struct mc_eval_form city, d1, next, u1, pinned;
	struct mc_user	   *ev_city, *ev_d, *ev_b, *officer;
	struct mc_rows	    rows;
	const char	   *tag, *name;
	unsigned int	    city_id, dep, unit, sib, owner;
	long long	    dev;
	int		    version, rc;

	tag = mc_arena_printf(a, "%d", (int)getpid());
	CHECK(mc_db_query(db, a, &rows, stmts[STMT_CITY], "") == 0 &&
	    rows.n == 1);
	if (rows.n != 1)
		return;
	city_id = (unsigned int)mc_rows_int(&rows, 0, 0);
	dep = fixture_agency(db, a, mc_arena_printf(a, "EF.%s.D", tag),
	    "department", city_id);
	unit = fixture_agency(db, a, mc_arena_printf(a, "EF.%s.U", tag),
	    "unit", dep);
	sib = fixture_agency(db, a, mc_arena_printf(a, "EF.%s.B", tag),
	    "department", city_id);
	CHECK(dep != 0 && unit != 0 && sib != 0);
	ev_city = fixture_account(db, a, "ef", NULL, 0, "evc", ROLE_EVALUATOR,
	    city_id);
	ev_d = fixture_account(db, a, "ef", NULL, 0, "evd", ROLE_EVALUATOR,
	    dep);
	ev_b = fixture_account(db, a, "ef", NULL, 0, "evb", ROLE_EVALUATOR,
	    sib);
	officer = fixture_account(db, a, "ef", NULL, 0, "rcv", ROLE_RECEIVER,
	    unit);
	CHECK(ev_city != NULL && ev_d != NULL && ev_b != NULL &&
	    officer != NULL);
	if (dep == 0 || unit == 0 || sib == 0 || ev_d == NULL ||
	    officer == NULL || ev_city == NULL || ev_b == NULL)
		return;

	/* Who manages which line: theirs and those under it, never a
	 * sibling's, never the city's unless held at the city. */
	CHECK_INT(mc_eval_form_owner(db, a, ev_d, 0, &owner, &name), 1);
	CHECK_INT(owner, dep);
	CHECK_INT(mc_eval_form_owner(db, a, ev_d, unit, &owner, &name), 1);
	CHECK_INT(owner, unit);
	CHECK_INT(mc_eval_form_owner(db, a, ev_d, sib, &owner, &name), 0);
	CHECK_INT(mc_eval_form_owner(db, a, ev_d, city_id, &owner, &name), 0);
	CHECK_INT(mc_eval_form_owner(db, a, ev_b, dep, &owner, &name), 0);
	CHECK_INT(mc_eval_form_owner(db, a, ev_city, 0, &owner, &name), 1);
	CHECK_INT(owner, 0);
	CHECK_INT(mc_eval_form_owner(db, a, ev_city, unit, &owner, &name), 1);
	CHECK_INT(owner, unit);
	CHECK_INT(mc_eval_form_owner(db, a, officer, 0, &owner, &name), 0);

	/* No version of their own: the city's, everywhere. */
	CHECK_INT(mc_eval_form_load(db, a, 0, time(NULL), &city), 1);
	CHECK_INT(city.agency_id, 0);
	CHECK(asked(db, a, dep) == city.id);
	CHECK(asked(db, a, unit) == city.id);
	CHECK(asked(db, a, sib) == city.id);
	CHECK(asked(db, a, 0) == city.id);

	/* The department's first version, from the city's: a wording and
	 * an added question. */
	next = city;
	next.q[0].text[0] = mc_arena_printf(a, "Hài lòng chung %s", tag);
	/* Room for one more: the city's added questions may be left out. */
	while (next.n >= EVAL_MAX_QUESTIONS &&
	    next.q[next.n - 1].kind == EVAL_EXTRA)
		next.n--;
	CHECK(next.n < EVAL_MAX_QUESTIONS);
	if (next.n >= EVAL_MAX_QUESTIONS)
		return;
	next.q[next.n] = city.q[0];
	next.q[next.n].kind = EVAL_EXTRA;
	next.q[next.n].code = mc_arena_printf(a, "d%s", tag);
	next.q[next.n].text[0] = mc_arena_printf(a, "Câu thêm %s", tag);
	next.n++;
	CHECK_INT(mc_eval_form_new(db, a, dep, city.id, &next, add_note,
		      ev_d->id, time(NULL), &version),
	    0);
	CHECK_INT(version, 1);
	CHECK(noted(db, a, dep, add_note));
	CHECK(mc_db_query(db, a, &rows, stmts[STMT_AUDIT], "iis", ev_d->id,
		  (long long)dep,
		  mc_arena_printf(a, "eval questionnaire agency=%u v1",
		      dep)) == 0);
	CHECK(rows.n == 1 && mc_rows_int(&rows, 0, 0) == 1);
	CHECK_INT(mc_eval_form_for(db, a, dep, time(NULL), &d1), 1);
	CHECK_INT(d1.agency_id, dep);
	CHECK_INT(d1.version, 1);
	CHECK_INT((long long)d1.n, (long long)next.n);
	CHECK(strcmp(d1.q[0].text[0], next.q[0].text[0]) == 0);
	CHECK(d1.agency_name != NULL && strstr(d1.agency_name, "EF.") != NULL);

	/* Asked: the department's under it, the city's beside it. */
	CHECK(asked(db, a, unit) == d1.id);
	CHECK(asked(db, a, sib) == city.id);
	CHECK(asked(db, a, 0) == city.id);
	CHECK_INT(mc_eval_form_applies(db, a, dep, unit), 1);
	CHECK_INT(mc_eval_form_applies(db, a, dep, sib), 0);
	CHECK_INT(mc_eval_form_applies(db, a, 0, sib), 1);
	CHECK_INT(mc_eval_form_applies(db, a, unit, dep), 0);

	/* The base is no longer what they are asked: stale. */
	CHECK_INT(mc_eval_form_new(db, a, dep, city.id, &next, NULL, ev_d->id,
		      time(NULL), &version),
	    EVAL_FORM_STALE);

	/* The law's questions stay: a legal one dropped, or an added one
	 * made required, is refused. */
	next = d1;
	next.q[0].text[0] = "Khác";
	next.q[0] = next.q[--next.n];
	CHECK_INT(mc_eval_form_new(db, a, dep, d1.id, &next, NULL, ev_d->id,
		      time(NULL), &version),
	    EVAL_FORM_LEGAL);
	next = d1;
	next.q[next.n - 1].kind = EVAL_SATISFACTION; /* the added one */
	CHECK_INT(mc_eval_form_new(db, a, dep, d1.id, &next, NULL, ev_d->id,
		      time(NULL), &version),
	    EVAL_FORM_LEGAL);

	/* A rating at the unit on the department's version; a version of
	 * the sibling's line is refused there. */
	dev = tablet(db, a, unit, officer->id,
	    mc_arena_printf(a, "EF %s", tag));
	CHECK(dev > 0);
	next = city;
	next.q[0].text[0] = mc_arena_printf(a, "Bên cạnh %s", tag);
	CHECK_INT(mc_eval_form_new(db, a, sib, city.id, &next, NULL, ev_b->id,
		      time(NULL), &version),
	    0);
	CHECK_INT(mc_eval_form_for(db, a, sib, time(NULL), &next), 1);
	CHECK_INT(next.agency_id, sib);
	CHECK_INT(rate(db, a, &next, dev), EVAL_WRONG_FORM);
	CHECK_INT(rate(db, a, &d1, dev), 0);

	/* The unit's own version, then the department's second: the rating
	 * stays on the version it was given on, with its wording. */
	next = d1;
	next.q[1].text[1] = mc_arena_printf(a, "Convenience %s", tag);
	CHECK_INT(mc_eval_form_new(db, a, unit, d1.id, &next, NULL, ev_d->id,
		      time(NULL), &version),
	    0);
	CHECK_INT(mc_eval_form_for(db, a, unit, time(NULL), &u1), 1);
	CHECK_INT(u1.agency_id, unit);
	next = d1;
	next.q[0].text[0] = mc_arena_printf(a, "Sửa lần hai %s", tag);
	CHECK_INT(mc_eval_form_new(db, a, dep, d1.id, &next, NULL, ev_d->id,
		      time(NULL), &version),
	    0);
	CHECK_INT(version, 2);
	CHECK(asked(db, a, unit) == u1.id);
	CHECK(asked(db, a, dep) != d1.id);
	CHECK(mc_db_query(db, a, &rows, stmts[STMT_RATING], "i", dev) == 0);
	CHECK(rows.n == 1 && mc_rows_int(&rows, 0, 0) == d1.id);
	CHECK_INT(mc_eval_form_load(db, a, d1.id, time(NULL), &pinned), 1);
	CHECK_INT(pinned.version, 1);
	CHECK(strcmp(pinned.q[0].text[0],
		  mc_arena_printf(a, "Hài lòng chung %s", tag)) == 0);
	/* The lines' lists: each its own versions. */
	CHECK(mc_eval_forms(db, a, dep, &rows) == 0 && rows.n == 2);
	CHECK(mc_eval_forms(db, a, unit, &rows) == 0 && rows.n == 1);

	switched(db, a, unit, u1.id, mc_arena_printf(a, "d%s", tag), ev_d,
	    officer, dev, d1.n);

	rc = (int)mc_db_exec(db, stmts[STMT_DISSOLVE], "s",
	    mc_arena_printf(a, "EF.%s.%%", tag));
	CHECK_INT(rc, 3);
}

/* Switching an inherited added question, without the database. */
static void
test_toggle(void)
{
	struct mc_eval_form up, cur, next;

	memset(&up, 0, sizeof(up));
	up.n = 3;
	up.q[0].code = "overall";
	up.q[0].kind = EVAL_SATISFACTION;
	up.q[1].code = "x14";
	up.q[1].kind = EVAL_EXTRA;
	up.q[2].code = "x15";
	up.q[2].kind = EVAL_EXTRA;
	cur = up;
	cur.q[3].code = "x16"; /* the agency's own */
	cur.q[3].kind = EVAL_EXTRA;
	cur.n = 4;
	CHECK_INT(mc_eval_form_toggle(&cur, &up, "x14", 0, &next), 0);
	CHECK_INT((long long)next.n, 3);
	CHECK(strcmp(next.q[1].code, "x15") == 0 &&
	    strcmp(next.q[2].code, "x16") == 0);
	CHECK_INT(mc_eval_form_toggle(&next, &up, "x14", 0, &cur),
	    EVAL_FORM_NOT_INHERITED); /* off already */
	CHECK_INT(mc_eval_form_toggle(&next, &up, "x15", 1, &cur),
	    EVAL_FORM_NOT_INHERITED); /* on already */
	CHECK_INT(mc_eval_form_toggle(&next, &up, "x16", 0, &cur),
	    EVAL_FORM_NOT_INHERITED); /* its own: edited, not switched */
	CHECK_INT(mc_eval_form_toggle(&next, &up, "overall", 0, &cur),
	    EVAL_FORM_NOT_INHERITED); /* the law's */
	CHECK_INT(mc_eval_form_toggle(&next, &up, "x14", 1, &cur), 0);
	CHECK_INT((long long)cur.n, 4);
	CHECK(
	    strcmp(cur.q[3].code, "x14") == 0 && cur.q[3].kind == EVAL_EXTRA);
	cur.n = EVAL_MAX_QUESTIONS;
	next.n = EVAL_MAX_QUESTIONS;
	next.q[1].code = "y1";
	CHECK_INT(mc_eval_form_toggle(&next, &up, "x15", 1, &cur),
	    EVAL_FORM_TOO_MANY);
}

/* The law's part of a version, without the database. */
static void
test_keeps(void)
{
	struct mc_eval_form base, next;
	size_t		    bad;

	memset(&base, 0, sizeof(base));
	base.n = 3;
	base.q[0].code = "overall";
	base.q[0].kind = EVAL_SATISFACTION;
	base.q[1].code = "i1";
	base.q[1].kind = EVAL_INDEX;
	base.q[2].code = "x14";
	base.q[2].kind = EVAL_EXTRA;
	next = base;
	CHECK_INT(mc_eval_form_keeps(&base, &next, 1, &bad), 0);
	next.q[1].kind = EVAL_EXTRA; /* an index made optional */
	CHECK_INT(mc_eval_form_keeps(&base, &next, 0, &bad), EVAL_FORM_LEGAL);
	CHECK_INT((long long)bad, 1);
	next = base;
	next.n = 2; /* an extra dropped: allowed */
	CHECK_INT(mc_eval_form_keeps(&base, &next, 1, &bad), 0);
	next.q[1] = next.q[0];
	next.q[1].code = "x15"; /* i1 dropped */
	CHECK_INT(mc_eval_form_keeps(&base, &next, 1, &bad), EVAL_FORM_LEGAL);
	next = base;
	next.q[3].code = "x15";
	next.q[3].kind = EVAL_SATISFACTION;
	next.n = 4; /* a required question added */
	CHECK_INT(mc_eval_form_keeps(&base, &next, 0, &bad), 0); /* city */
	CHECK_INT(mc_eval_form_keeps(&base, &next, 1, &bad), EVAL_FORM_LEGAL);
	CHECK_INT((long long)bad, 3);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;

	test_keeps();
	test_toggle();
	if (!NEED_DB("test_eval_form"))
		return DONE();
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	test_lines(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
