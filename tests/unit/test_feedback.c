/*
 * Feedback and complaints (lib/domain/mc_feedback): the state machine and
 * routing rules alone, the deadline in working days, then against the
 * database: routing by dossier, category, ward and default; who may act;
 * answer, reopen (a new deadline, counted), resolve; the statistics of an
 * agency of the test's own; and a founded complaint taking index 7 of its
 * dossier to 0.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#include "fixtures.h"
#include "mc_arena.h"
#include "mc_calendar.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eval.h"
#include "mc_feedback.h"
#include "mc_util.h"

enum stmt {
	STMT_PROCEDURE,
	STMT_WARD,
	STMT_CITY,
	STMT_AGENCY_ADD,
	STMT_AGENCY_ID,
	STMT_ROW,
	STMT_RETURN,
	STMT_DOSSIER_ID,
	STMT_PUBLISH,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_PROCEDURE] = "SELECT p.code, p.agency_id FROM procedures p "
	    "WHERE p.level_province = 1 AND p.agency_id IS NOT NULL AND "
	    "p.online = 1 AND p.time_hours IS NOT NULL ORDER BY p.code LIMIT 1",
	[STMT_WARD] = "SELECT gso_code, id FROM agencies WHERE kind = 'ward' "
	    "AND gso_code IS NOT NULL AND (valid_to IS NULL OR "
	    "valid_to > CURDATE()) ORDER BY id DESC LIMIT 1",
	[STMT_CITY] = "SELECT id FROM agencies WHERE kind = 'city' "
	    "ORDER BY id LIMIT 1",
	[STMT_AGENCY_ADD] = "INSERT INTO agencies (code, kind, name, "
	    "valid_from) VALUES (?, 'unit', ?, CURDATE())",
	[STMT_AGENCY_ID] = "SELECT id FROM agencies WHERE code = ?",
	[STMT_PUBLISH] = "UPDATE feedback SET publish = 1 WHERE code = ?",
	[STMT_ROW] = "SELECT status, agency_id, reopened, answers, founded, "
	    "UNIX_TIMESTAMP(due_at), late FROM feedback WHERE code = ?",
	[STMT_RETURN] = "UPDATE dossiers SET status = 10, finished_at = NOW(), "
	    "returned_at = NOW() WHERE code = ?",
	[STMT_DOSSIER_ID] = "SELECT id FROM dossiers WHERE code = ?",
};
/* clang-format on */

static void
test_pure(void)
{
	struct tm tm;
	time_t	  mon, due;

	CHECK_INT(mc_feedback_next(FBS_OPEN, FBA_ANSWER), FBS_ANSWERED);
	CHECK_INT(mc_feedback_next(FBS_OPEN, FBA_RESOLVE), -1);
	CHECK_INT(mc_feedback_next(FBS_OPEN, FBA_REOPEN), -1);
	CHECK_INT(mc_feedback_next(FBS_ANSWERED, FBA_ANSWER), -1);
	CHECK_INT(mc_feedback_next(FBS_ANSWERED, FBA_RESOLVE), FBS_RESOLVED);
	CHECK_INT(mc_feedback_next(FBS_ANSWERED, FBA_REOPEN), FBS_OPEN);
	CHECK_INT(mc_feedback_next(FBS_RESOLVED, FBA_ANSWER), -1);
	CHECK_INT(mc_feedback_next(FBS_RESOLVED, FBA_REOPEN), -1);
	CHECK_INT(mc_feedback_next(FBS_RESOLVED, FBA_RESOLVE), -1);

	CHECK_INT(mc_feedback_route_pick(7, 8, 9, 1), 7); /* the dossier's */
	CHECK_INT(mc_feedback_route_pick(0, 8, 9, 1), 8); /* the category's */
	CHECK_INT(mc_feedback_route_pick(0, 0, 9, 1), 9); /* the ward's */
	CHECK_INT(mc_feedback_route_pick(0, 0, 0, 1), 1); /* the default */
	CHECK_INT(mc_feedback_route_pick(0, 0, 0, 0), 0);

	CHECK_INT(mc_feedback_category_parse("attitude"), FB_ATTITUDE);
	CHECK_INT(mc_feedback_category_parse("fees"), FB_FEES);
	CHECK_INT(mc_feedback_category_parse("Fees"), -1);
	CHECK_INT(mc_feedback_category_parse(""), -1);
	CHECK_INT(mc_feedback_category_parse(NULL), -1);
	CHECK(strcmp(mc_feedback_category_name(FB_INFO), "info") == 0);
	CHECK_INT(mc_feedback_status_parse("answered"), FBS_ANSWERED);
	CHECK_INT(mc_feedback_status_parse("closed"), -1);

	/* 10 working days from Monday 08:00 (weekends only): Monday 08:00
	 * two weeks on; 2 days: Wednesday; from Friday 16:00, 1 day: Monday
	 * 16:00. */
	mc_calendar_reset();
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 2;
	tm.tm_mday = 2;
	tm.tm_hour = 8;
	tm.tm_isdst = -1;
	mon = mktime(&tm);
	due = mc_feedback_due(mon);
	CHECK_INT(due - mon, 14 * 86400);
	mc_config_set("feedback_days", "2");
	CHECK_INT(mc_feedback_due(mon) - mon, 2 * 86400);
	tm.tm_mday = 6;
	tm.tm_hour = 16;
	mc_config_set("feedback_days", "1");
	CHECK_INT(mc_feedback_due(mktime(&tm)) - mktime(&tm), 3 * 86400);
	mc_config_set("feedback_days", "10");
}

/* The row of a feedback: status, agency, reopened, answers, founded... */
static int
row(struct mc_db *db, struct mc_arena *a, const char *code, struct mc_rows *r)
{
	return mc_db_query(db, a, r, stmts[STMT_ROW], "s", code) < 0 ||
		r->n != 1 ?
	    -1 :
	    0;
}

static const char *
file_one(struct mc_db *db, struct mc_arena *a, const char *procedure,
    const struct mc_user *citizen)
{
	struct mc_submission s;
	const char	    *code = NULL;

	memset(&s, 0, sizeof(s));
	s.procedure_code = procedure;
	s.account_id = citizen->id;
	s.name = "Nguyễn Văn Phản Ánh";
	s.id_number = citizen->id_number;
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	if (mc_dossier_submit(db, a, &s, time(NULL), &code) != 0)
		return NULL;
	return code;
}

/* The index 7 sum of the dossier's line in its agency's table now. */
static long long
index7(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    long long dossier)
{
	struct mc_eval_query  q;
	struct mc_eval_score *s;
	size_t		      n, i;
	char		      from[20], to[20];

	mc_time_sql(from, time(NULL) - 3600);
	mc_time_sql(to, time(NULL) + 3600);
	memset(&q, 0, sizeof(q));
	q.agency_id = agency;
	q.by = EVAL_BY_DOSSIER;
	q.from = from;
	q.to = to;
	if (mc_eval_scores(db, a, &q, &s, &n) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (s[i].key == dossier)
			return s[i].sum[EI_7];
	return -2;
}

/* The feedback and late feedback of the agency's line now. 0 or -1. */
static int
unit8(struct mc_db *db, struct mc_arena *a, unsigned int agency, long long *fb,
    long long *late)
{
	struct mc_eval_query  q;
	struct mc_eval_score *s;
	size_t		      n, i;
	char		      from[20], to[20];

	mc_time_sql(from, time(NULL) - 3600);
	mc_time_sql(to, time(NULL) + 3600);
	memset(&q, 0, sizeof(q));
	q.agency_id = agency;
	q.by = EVAL_BY_AGENCY;
	q.from = from;
	q.to = to;
	if (mc_eval_scores(db, a, &q, &s, &n) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (s[i].key == agency) {
			*fb = s[i].feedback;
			*late = s[i].feedback_late;
			return 0;
		}
	return -1;
}

/* 1 if the rows (code first) hold code. */
static int
hit(const struct mc_rows *rows, const char *code)
{
	size_t i;

	for (i = 0; i < rows->n; i++)
		if (strcmp(mc_rows_str(rows, i, 0), code) == 0)
			return 1;
	return 0;
}

/*
 * A reopened feedback is a new round: sent 80 days ago, answered on time,
 * reopened now; its deadline is feedback_days from the reopening, its
 * colour green by that round (from the first sending it would be yellow:
 * little of 80 days and more left), the statistics count it reopened and
 * answered on time, not late.
 */
static void
test_round(struct mc_db *db, struct mc_arena *a, const struct mc_user *citizen,
    const struct mc_user *officer, unsigned int unit, const char *tag)
{
	struct mc_fb_new   n;
	struct mc_feedback f;
	struct mc_rows	   st;
	const char	  *c = NULL;
	char		   from[20], to[20], now[20];
	time_t		   t = time(NULL), sent = t - 80 * 86400;
	size_t		   i, found = 0;

	mc_config_set("feedback_route_info", tag);
	memset(&n, 0, sizeof(n));
	n.category = FB_INFO;
	n.body = "Thông tin niêm yết sai lệch so với thực tế.";
	CHECK_INT(mc_feedback_submit(db, a, citizen, &n, sent, &c), 0);
	if (c == NULL)
		return;
	CHECK_INT(
	    mc_feedback_answer(db, a, officer, c, "Đã sửa.", -1, sent + 86400),
	    0);
	CHECK_INT(
	    mc_feedback_citizen(db, a, citizen, c, FBA_REOPEN, "Vẫn sai.", t),
	    0);
	CHECK_INT(mc_feedback_load(db, a, c, &f), 1);
	CHECK(f.round_at != NULL && mc_time_parse(f.round_at) == t);
	CHECK(mc_time_parse(f.due_at) == mc_feedback_due(t));
	CHECK_INT(mc_time_parse(f.created_at), sent);
	/* In the agency's open list, green by its round, with its start. */
	CHECK_INT(mc_feedback_agency(db, a, unit, FBS_OPEN, &st), 0);
	for (i = 0; i < st.n; i++) {
		if (strcmp(mc_rows_str(&st, i, FBL_CODE), c) != 0)
			continue;
		found++;
		CHECK_INT(mc_time_parse(mc_rows_str(&st, i, FBL_ROUND)), t);
		CHECK_INT(mc_feedback_colour(FBS_OPEN,
			      mc_time_parse(mc_rows_str(&st, i, FBL_ROUND)),
			      mc_time_parse(mc_rows_str(&st, i, FBL_DUE)),
			      t + 3600),
		    COLOUR_GREEN);
		/* What counting from the first sending gave. */
		CHECK_INT(mc_feedback_colour(FBS_OPEN,
			      mc_time_parse(mc_rows_str(&st, i, FBL_CREATED)),
			      mc_time_parse(mc_rows_str(&st, i, FBL_DUE)),
			      t + 3600),
		    COLOUR_YELLOW);
	}
	CHECK_INT(found, 1);
	CHECK_INT(mc_feedback_colour(FBS_OPEN, t, mc_feedback_due(t),
		      mc_feedback_due(t) + 60),
	    COLOUR_RED);
	CHECK_INT(mc_feedback_colour(FBS_ANSWERED, t, mc_feedback_due(t), t),
	    -1);
	/* The statistics of the period it was sent in: reopened, on time. */
	mc_time_sql(from, sent - 3600);
	mc_time_sql(to, t + 3600);
	mc_time_sql(now, t + 3600);
	CHECK_INT(mc_feedback_stats(db, a, unit, from, to, now, &st), 0);
	for (i = 0, found = 0; i < st.n; i++) {
		if (strcmp(mc_rows_str(&st, i, FBST_CATEGORY), "info") != 0)
			continue;
		found++;
		CHECK_INT(mc_rows_int(&st, i, FBST_RECEIVED), 1);
		CHECK_INT(mc_rows_int(&st, i, FBST_REOPENED), 1);
		CHECK_INT(mc_rows_int(&st, i, FBST_ONTIME), 1);
		CHECK_INT(mc_rows_int(&st, i, FBST_LATE), 0);
	}
	CHECK_INT(found, 1);
}

static void
test_db(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows	 proc, ward, city, r, ids, st;
	struct mc_user	*citizen, *other, *recv, *stranger, *unit_officer;
	struct mc_fb_new n;
	const char	*dossier, *c1, *c2, *c3, *c4, *ucode;
	char		 tag[64], from[20], to[20], now[20];
	unsigned int	 ag, ward_ag, unit;
	long long	 did, due1, fbn = 0, fbl = 0;
	int		 ok = 1;
	size_t		 i;

	if (mc_db_query(db, a, &proc, stmts[STMT_PROCEDURE], "") < 0 ||
	    proc.n != 1 ||
	    mc_db_query(db, a, &ward, stmts[STMT_WARD], "") < 0 ||
	    ward.n != 1 ||
	    mc_db_query(db, a, &city, stmts[STMT_CITY], "") < 0) {
		CHECK(!"a procedure with an agency and a ward in the seed");
		return;
	}
	ag = (unsigned int)mc_rows_int(&proc, 0, 1);
	ward_ag = (unsigned int)mc_rows_int(&ward, 0, 1);
	/* An agency of the test's own that the category "fees" goes to. */
	snprintf(tag, sizeof(tag), "T-FB-%d-%ld", (int)getpid(),
	    (long)time(NULL) % 100000);
	if (mc_db_exec(db, stmts[STMT_AGENCY_ADD], "ss", tag, tag) < 0 ||
	    mc_db_query(db, a, &ids, stmts[STMT_AGENCY_ID], "s", tag) < 0 ||
	    ids.n != 1) {
		CHECK(!"test agency");
		return;
	}
	unit = (unsigned int)mc_rows_int(&ids, 0, 0);
	mc_config_set("feedback_route_fees", tag);
	citizen = fixture_account(db, a, "fb", "079", 7, "citizen",
	    ROLE_CITIZEN, 0);
	other = fixture_account(db, a, "fb", "079", 11, "other-citizen",
	    ROLE_CITIZEN, 0);
	recv = fixture_account(db, a, "fb", NULL, 1, "receiver", ROLE_RECEIVER,
	    ag);
	stranger = fixture_account(db, a, "fb", NULL, 1, "stranger",
	    ROLE_RECEIVER, ward_ag == ag ? ag + 1 : ward_ag);
	unit_officer = fixture_account(db, a, "fb", NULL, 1, "unit",
	    ROLE_SPECIALIST, unit);
	if (citizen == NULL || other == NULL || recv == NULL ||
	    stranger == NULL || unit_officer == NULL ||
	    (dossier = file_one(db, a, mc_rows_str(&proc, 0, 0), citizen)) ==
		NULL) {
		CHECK(!"accounts and a dossier");
		return;
	}

	/* Routing. */
	memset(&n, 0, sizeof(n));
	n.category = FB_ATTITUDE;
	n.body = "Cán bộ không hướng dẫn rõ ràng.";
	n.dossier_code = dossier;
	n.ward_code = mc_rows_str(&ward, 0, 0);
	CHECK_INT(mc_feedback_submit(db, a, other, &n, time(NULL), &c1),
	    FB_E_DOSSIER); /* not theirs */
	n.dossier_code = "000.00.00.H29-000000-0000";
	CHECK_INT(mc_feedback_submit(db, a, citizen, &n, time(NULL), &c1),
	    FB_E_DOSSIER);
	n.dossier_code = dossier;
	CHECK_INT(mc_feedback_submit(db, a, citizen, &n, time(NULL), &c1), 0);
	ok = row(db, a, c1, &r) == 0;
	CHECK(ok);
	if (!ok)
		return;
	CHECK_INT(mc_rows_int(&r, 0, 1), ag); /* the dossier's, not the ward */
	CHECK(strcmp(mc_rows_str(&r, 0, 0), "open") == 0);
	CHECK(strncmp(c1, "PA-", 3) == 0);
	n.dossier_code = NULL;
	CHECK_INT(mc_feedback_submit(db, a, citizen, &n, time(NULL), &c2), 0);
	CHECK(row(db, a, c2, &r) == 0 && mc_rows_int(&r, 0, 1) == ward_ag);
	n.ward_code = "99999";
	CHECK_INT(mc_feedback_submit(db, a, citizen, &n, time(NULL), &c3),
	    FB_E_AGENCY);
	n.ward_code = NULL;
	CHECK_INT(mc_feedback_submit(db, a, citizen, &n, time(NULL), &c3), 0);
	CHECK(row(db, a, c3, &r) == 0 &&
	    mc_rows_int(&r, 0, 1) == mc_rows_int(&city, 0, 0));
	n.category = FB_FEES;
	n.ward_code = mc_rows_str(&ward, 0, 0);
	CHECK_INT(mc_feedback_submit(db, a, citizen, &n, time(NULL), &c4), 0);
	CHECK(row(db, a, c4, &r) == 0 && mc_rows_int(&r, 0, 1) == unit);

	/* Who may act, in which state. */
	CHECK_INT(mc_feedback_citizen(db, a, citizen, c1, FBA_RESOLVE, NULL,
		      time(NULL)),
	    FB_E_STATE); /* not answered yet */
	CHECK_INT(
	    mc_feedback_answer(db, a, stranger, c1, "Trả lời.", 1, time(NULL)),
	    FB_E_SCOPE);
	CHECK_INT(
	    mc_feedback_answer(db, a, citizen, c1, "Trả lời.", 1, time(NULL)),
	    FB_E_SCOPE);
	CHECK_INT(
	    mc_feedback_answer(db, a, recv, c1, "Trả lời.", -1, time(NULL)),
	    FB_E_FOUNDED); /* about a dossier: founded or not */
	CHECK_INT(mc_feedback_answer(db, a, recv, "PA-000000-000000",
		      "Trả lời.", 1, time(NULL)),
	    FB_E_NOTFOUND);

	/* Index 7 of the dossier: 1 or 2 without a founded complaint. */
	CHECK(mc_db_exec(db, stmts[STMT_RETURN], "s", dossier) == 1);
	ok = mc_db_query(db, a, &ids, stmts[STMT_DOSSIER_ID], "s", dossier) ==
		0 &&
	    ids.n == 1;
	CHECK(ok);
	did = ok ? mc_rows_int(&ids, 0, 0) : 0;
	CHECK(index7(db, a, ag, did) >= 1);

	/* Answered not founded: index 7 unchanged. Reopened, then founded. */
	CHECK_INT(mc_feedback_answer(db, a, recv, c1, "Không có sai phạm.", 0,
		      time(NULL)),
	    0);
	CHECK(index7(db, a, ag, did) >= 1);
	CHECK(row(db, a, c1, &r) == 0 &&
	    strcmp(mc_rows_str(&r, 0, 0), "answered") == 0);
	due1 = mc_rows_int(&r, 0, 5);
	CHECK_INT(
	    mc_feedback_answer(db, a, recv, c1, "Lần hai.", 1, time(NULL)),
	    FB_E_STATE); /* answered already */
	CHECK_INT(mc_feedback_citizen(db, a, other, c1, FBA_REOPEN, NULL,
		      time(NULL)),
	    FB_E_SCOPE);
	/*
	 * Reopened a day after the first deadline: its new deadline is
	 * then later whatever the calendar. Three days after now it was
	 * not in 2.3% of the hours of the next five years (a long weekend
	 * or Tết closed throughout: the same next opening, the same due).
	 */
	CHECK_INT(mc_feedback_citizen(db, a, citizen, c1, FBA_REOPEN,
		      "Chưa được giải quyết.", (time_t)due1 + 86400),
	    0);
	CHECK(row(db, a, c1, &r) == 0 &&
	    strcmp(mc_rows_str(&r, 0, 0), "open") == 0 &&
	    mc_rows_int(&r, 0, 2) == 1 && mc_rows_int(&r, 0, 5) > due1);
	CHECK_INT(mc_feedback_answer(db, a, recv, c1, "Đúng, xin lỗi.", 1,
		      time(NULL)),
	    0);
	CHECK_INT(index7(db, a, ag, did), 0);
	CHECK_INT(mc_feedback_citizen(db, a, citizen, c1, FBA_RESOLVE, NULL,
		      time(NULL)),
	    0);
	CHECK(row(db, a, c1, &r) == 0 &&
	    strcmp(mc_rows_str(&r, 0, 0), "resolved") == 0 &&
	    mc_rows_int(&r, 0, 3) == 2 && mc_rows_int(&r, 0, 4) == 1);
	CHECK_INT(mc_feedback_citizen(db, a, citizen, c1, FBA_REOPEN, NULL,
		      time(NULL)),
	    FB_E_STATE);

	/* Statistics of the test's own agency: fees feedback, one answered
	 * late (after its deadline), one more open past its deadline, one
	 * reopened, one answered on time. */
	ucode = c4;
	CHECK_INT(mc_feedback_answer(db, a, unit_officer, ucode,
		      "Đã hoàn phí.", -1, time(NULL) + 86400 * 30),
	    0); /* late */
	CHECK_INT(mc_feedback_submit(db, a, citizen, &n, time(NULL), &c2), 0);
	CHECK_INT(mc_feedback_answer(db, a, unit_officer, c2, "Đúng hạn.", -1,
		      time(NULL)),
	    0);
	CHECK_INT(mc_feedback_citizen(db, a, citizen, c2, FBA_REOPEN, NULL,
		      time(NULL)),
	    0);
	CHECK_INT(mc_feedback_answer(db, a, unit_officer, c2, "Lại đúng hạn.",
		      -1, time(NULL)),
	    0);
	CHECK_INT(mc_feedback_submit(db, a, citizen, &n, time(NULL), &c3), 0);
	mc_time_sql(from, time(NULL) - 3600);
	mc_time_sql(to, time(NULL) + 3600);
	mc_time_sql(now, time(NULL) + 86400 * 30); /* c3 is overdue then */
	CHECK_INT(mc_feedback_stats(db, a, unit, from, to, now, &st), 0);
	CHECK_INT(st.n, 1);
	for (i = 0; i < st.n; i++) {
		CHECK(strcmp(mc_rows_str(&st, i, FBST_CATEGORY), "fees") == 0);
		CHECK_INT(mc_rows_int(&st, i, FBST_RECEIVED), 3);
		CHECK_INT(mc_rows_int(&st, i, FBST_ANSWERED), 2);
		CHECK_INT(mc_rows_int(&st, i, FBST_ONTIME), 1);
		CHECK_INT(mc_rows_int(&st, i, FBST_LATE), 2);
		CHECK_INT(mc_rows_int(&st, i, FBST_REOPENED), 1);
	}

	/* Lists: the sender's, the agency's, the dossier's; marks. */
	CHECK_INT(mc_feedback_mine(db, a, citizen->id, &st), 0);
	CHECK_INT(st.n, 6);
	CHECK_INT(mc_feedback_mine(db, a, other->id, &st), 0);
	CHECK_INT(st.n, 0);
	CHECK_INT(mc_feedback_agency(db, a, unit, -1, &st), 0);
	CHECK_INT(st.n, 3);
	CHECK_INT(mc_feedback_agency(db, a, unit, FBS_OPEN, &st), 0);
	CHECK_INT(st.n, 1);
	CHECK_INT(mc_feedback_dossier(db, a, did, &st), 0);
	CHECK_INT(st.n, 1);
	CHECK(st.n == 1 && strcmp(mc_rows_str(&st, 0, FBL_CODE), c1) == 0);

	/* The site's search: the answers their senders agreed to publish,
	 * by any of their words typed without marks; c1 (about the dossier,
	 * answered, published) is found, the same words unpublished are not. */
	CHECK(mc_db_exec(db, stmts[STMT_PUBLISH], "s", c1) == 1);
	CHECK_INT(mc_feedback_search(db, a, "can bo HUONG DAN ro rang xin loi",
		      50, &st),
	    0);
	CHECK(hit(&st, c1));
	/* c2 (the unit's, answered "Lại đúng hạn.") holds these words. */
	CHECK_INT(mc_feedback_search(db, a, "huong dan lai dung han", 50, &st),
	    0);
	CHECK(!hit(&st, c2)); /* not published */
	CHECK(mc_db_exec(db, stmts[STMT_PUBLISH], "s", c2) == 1);
	CHECK_INT(mc_feedback_search(db, a, "huong dan lai dung han", 50, &st),
	    0);
	CHECK(hit(&st, c2) && !hit(&st, c1));
	CHECK_INT(mc_feedback_search(db, a, c1, 50, &st), 0);
	CHECK(hit(&st, c1));
	CHECK_INT(
	    mc_feedback_search(db, a, "huong dan ro rang khong co", 50, &st),
	    0);
	CHECK(!hit(&st, c1)); /* every word: "khong co" is not there */
	CHECK_INT(mc_feedback_search(db, a, " ·· ", 50, &st), 0);
	CHECK_INT(st.n, 0);

	/* Index 8 of the agency: its feedback, one answered late. */
	n.category = FB_DELAY;
	n.dossier_code = dossier;
	n.ward_code = NULL;
	CHECK_INT(mc_feedback_submit(db, a, citizen, &n, time(NULL), &c2), 0);
	CHECK_INT(mc_feedback_answer(db, a, recv, c2, "Trả lời muộn.", 0,
		      time(NULL) + 86400 * 30),
	    0);
	CHECK(unit8(db, a, ag, &fbn, &fbl) == 0 && fbn >= 2 && fbl >= 1);

	test_round(db, a, citizen, unit_officer, unit, tag);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;

	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (!NEED_DB("test_feedback"))
		return DONE();
	if (mc_config_load(NULL) < 0) {
		CHECK(!"config");
		return DONE();
	}
	test_pure();
	if ((db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	mc_calendar_load(db);
	test_db(db, a);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
