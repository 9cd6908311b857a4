/*
 * Notifications and the outbox. Without a database: backoff, a row's
 * RFC 5322 message (its Message-ID; the encoding is test_mail's) and the
 * SMS gateway's JSON. With one (MOTCUA_CONFIG, required: without it
 * the suite fails): rows written inside a transaction that rolls back leave
 * nothing, committed ones appear with the dossier's code and Vietnamese
 * text; officers hear once of a dossier turning yellow and red; claims by
 * parallel workers take each row once; retry, failure, release and stuck
 * rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_outbox.h"
#include "mc_util.h"
#include "mc_view.h"

#define PARALLEL 4
#define ROWS	 12

enum stmt {
	STMT_COUNT_TO,
	STMT_COUNT_NOTES,
	STMT_OUTBOX_OF,
	STMT_COUNT_OUTBOX_OF,
	STMT_NOTE_OF,
	STMT_ROW,
	STMT_FUTURE,
	STMT_SENDING,
	STMT_STALE,
	STMT_SLOW,
	STMT_CLAIM_OF,
	STMT_CLEAN,
	STMT_CLEAN_DOSSIER,
	STMT_PROCEDURE,
	STMT_EVENT,
	STMT_HOLD,
	STMT_OVERDUE,
	STMT_CLOSE,
	STMT_COUNT_KIND,
	STMT_UNHOLD,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_COUNT_TO] = "SELECT COUNT(*) FROM outbox WHERE recipient = ?",
	[STMT_COUNT_NOTES] = "SELECT COUNT(*) FROM notifications "
	    "WHERE account_id = ?",
	[STMT_OUTBOX_OF] = "SELECT channel, recipient, subject, body, status, "
	    "attempts, next_attempt_at <= NOW() FROM outbox "
	    "WHERE dossier_id = ? ORDER BY id",
	[STMT_COUNT_OUTBOX_OF] = "SELECT COUNT(*) FROM outbox "
	    "WHERE dossier_id = ?",
	[STMT_NOTE_OF] = "SELECT kind, title, body, url FROM notifications "
	    "WHERE account_id = ? ORDER BY id",
	[STMT_ROW] = "SELECT status, attempts, last_error, "
	    "next_attempt_at > NOW() + INTERVAL 3000 SECOND, sent_at IS NOT NULL "
	    "FROM outbox WHERE id = ?",
	/*
	 * By id: by recipient (no index) the update read every row of the
	 * table under REPEATABLE READ, locking them all and the index gaps
	 * it moved ours into, and deadlocked with the instance's worker
	 * claiming a row (seen in SHOW ENGINE INNODB STATUS during a stress
	 * run; a victim transaction rolls back our rows with it).
	 */
	[STMT_FUTURE] = "UPDATE outbox SET next_attempt_at = "
	    "'2090-01-01 00:00:00' WHERE id = ?",
	[STMT_SENDING] = "UPDATE outbox SET status = 'sending', "
	    "claimed_at = NOW() WHERE id = ?",
	[STMT_STALE] = "UPDATE outbox SET status = 'sending', claimed_at = "
	    "NOW() - INTERVAL 20 MINUTE, next_attempt_at = '2090-01-01', "
	    "claim_until = NOW(6) - INTERVAL 1 SECOND WHERE id = ?",
	[STMT_SLOW] = "UPDATE outbox SET claimed_at = NOW() - INTERVAL 40 "
	    "SECOND WHERE id = ?",
	[STMT_CLAIM_OF] = "SELECT status, attempts, unknown_outcomes, "
	    "claim_token FROM outbox WHERE id = ?",
	[STMT_CLEAN] = "DELETE FROM outbox WHERE recipient LIKE ?",
	[STMT_CLEAN_DOSSIER] = "DELETE FROM outbox WHERE dossier_id = ?",
	[STMT_PROCEDURE] = "SELECT p.code FROM procedures p "
	    "WHERE p.level_province = 1 AND p.agency_id IS NOT NULL AND "
	    "p.online = 1 ORDER BY p.code LIMIT 1",
	[STMT_EVENT] = "INSERT INTO dossier_events (dossier_id, at, action, "
	    "from_status, to_status, note) "
	    "VALUES (?, NOW(), 'refuse', 1, 3, ?)",
	[STMT_HOLD] = "UPDATE dossiers SET status = 4, holder_id = ?, "
	    "step_warn_at = NOW() - INTERVAL 1 HOUR, "
	    "step_due_at = NOW() + INTERVAL 1 HOUR WHERE id = ?",
	[STMT_OVERDUE] = "UPDATE dossiers SET "
	    "step_due_at = NOW() - INTERVAL 1 MINUTE WHERE id = ?",
	[STMT_CLOSE] = "UPDATE dossiers SET status = 3, holder_id = NULL "
	    "WHERE id = ?",
	[STMT_COUNT_KIND] = "SELECT COUNT(*) FROM notifications "
	    "WHERE account_id = ? AND dossier_id = ? AND kind = ?",
	/* A claim taken back as if never made: pending, due when it was
	 * (mc_outbox_release makes it due now, and the instance's running
	 * worker would send our rows put off to 2090, or the instance's put
	 * off by a backoff). */
	[STMT_UNHOLD] = "UPDATE outbox SET status = 'pending', "
	    "claim_token = NULL, claim_until = NULL "
	    "WHERE id = ? AND claim_token = ? AND status = 'sending'",
};
/* clang-format on */

/* ------------------------------------------------------------ no database */

static void
test_backoff(void)
{
	CHECK_INT(mc_outbox_backoff(5, 3600, 1), 5);
	CHECK_INT(mc_outbox_backoff(5, 3600, 2), 10);
	CHECK_INT(mc_outbox_backoff(5, 3600, 4), 40);
	CHECK_INT(mc_outbox_backoff(5, 3600, 10), 2560);
	CHECK_INT(mc_outbox_backoff(5, 3600, 11), 3600);
	CHECK_INT(mc_outbox_backoff(5, 3600, 1000), 3600);
	CHECK_INT(mc_outbox_backoff(1, 4, 3), 4);
	CHECK_INT(mc_outbox_backoff(0, 4, 1), 1);
	CHECK_INT(mc_outbox_backoff(10, 4, 1), 4);
}

/* The row's message: its Message-ID, the same on every try. */
static void
test_message(void)
{
	struct mc_outbox_msg m;
	struct buf	     b, again;

	memset(&m, 0, sizeof(m));
	m.id = 4242;
	m.recipient = "cong.dan@example.vn";
	m.subject = "Hồ sơ đã được tiếp nhận";
	m.body = "Kính gửi Nguyễn Văn An,\n\nDòng cuối.";
	m.created = 1795000000;
	mc_buf_init(&b, 1 << 16);
	mc_buf_init(&again, 1 << 16);
	CHECK_INT(mc_outbox_message(&b, &m, "noreply@motcua.local", "Một Cửa"),
	    0);
	CHECK(strstr(b.s, "\r\nMessage-ID: <outbox-4242@motcua>\r\n") != NULL);
	CHECK(strstr(b.s, "\r\nTo: <cong.dan@example.vn>\r\n") != NULL);
	CHECK_INT(
	    mc_outbox_message(&again, &m, "noreply@motcua.local", "Một Cửa"),
	    0);
	CHECK_STR(again.s, b.s);
	mc_buf_reset(&b);
	m.recipient = "a@b.vn\r\nBcc: victim@example.com";
	CHECK_INT(mc_outbox_message(&b, &m, "noreply@motcua.local", NULL), -1);
	CHECK_INT((long long)b.len, 0);
	CHECK(mc_outbox_address_ok("a.b+c@sub.example.vn"));
	CHECK(!mc_outbox_address_ok("a b@example.vn"));
	mc_buf_free(&b);
	mc_buf_free(&again);
}

static void
test_sms_json(void)
{
	struct mc_outbox_msg m;
	struct buf	     b;
	json_t		    *j;

	memset(&m, 0, sizeof(m));
	m.id = 77;
	m.sms = 1;
	m.recipient = "+84912345678";
	m.body = "Một Cửa: hồ sơ \"X\" </script>\nđã được tiếp nhận";
	mc_buf_init(&b, 4096);
	CHECK_INT(mc_outbox_sms_json(&b, &m), 0);
	j = json_loads(b.s, 0, NULL);
	CHECK(j != NULL);
	if (j != NULL) {
		CHECK_STR(json_string_value(json_object_get(j, "to")),
		    m.recipient);
		CHECK_STR(json_string_value(json_object_get(j, "text")),
		    m.body);
		CHECK_INT(json_integer_value(json_object_get(j, "id")), 77);
		json_decref(j);
	}
	mc_buf_free(&b);
}

/* ------------------------------------------------------------ database */

static long long
count(struct mc_db *db, struct mc_arena *a, int stmt, const char *types,
    const void *arg)
{
	struct mc_rows rows;
	int	       rc;

	if (types[0] == 's')
		rc = mc_db_query(db, a, &rows, stmts[stmt], "s",
		    (const char *)arg);
	else
		rc = mc_db_query(db, a, &rows, stmts[stmt], "i",
		    *(const long long *)arg);
	return rc < 0 || rows.n != 1 ? -1 : mc_rows_int(&rows, 0, 0);
}

/* Enqueueing inside a transaction: rollback leaves nothing, commit rows. */
static void
test_transaction(struct mc_db *db, struct mc_arena *a, const char *tag,
    long long account)
{
	const char *to = mc_arena_printf(a, "unit-outbox-%s@motcua.test", tag);
	const char *phone = mc_arena_printf(a, "+8490%07d",
	    (int)getpid() % 10000000);

	CHECK_INT(mc_db_begin(db), 0);
	CHECK_INT(mc_outbox_email(db, to, "Tiêu đề", "Nội dung", 0), 0);
	CHECK_INT(mc_outbox_sms(db, phone, "Tin nhắn", 0), 0);
	CHECK_INT(
	    mc_notify(db, account, 0, "test", "Tiêu đề", "Nội dung", NULL), 0);
	mc_db_rollback(db);
	CHECK_INT(count(db, a, STMT_COUNT_TO, "s", to), 0);
	CHECK_INT(count(db, a, STMT_COUNT_TO, "s", phone), 0);
	CHECK_INT(count(db, a, STMT_COUNT_NOTES, "i", &account), 0);

	CHECK_INT(mc_db_begin(db), 0);
	CHECK_INT(mc_outbox_email(db, to, "Tiêu đề", "Nội dung", 0), 0);
	CHECK_INT(mc_outbox_sms(db, phone, "Tin nhắn", 0), 0);
	CHECK_INT(
	    mc_notify(db, account, 0, "test", "Tiêu đề", "Nội dung", NULL), 0);
	CHECK_INT(mc_db_commit(db), 0);
	CHECK_INT(count(db, a, STMT_COUNT_TO, "s", to), 1);
	CHECK_INT(count(db, a, STMT_COUNT_TO, "s", phone), 1);
	CHECK_INT(count(db, a, STMT_COUNT_NOTES, "i", &account), 1);
	CHECK_INT(mc_notify_unread(db, account), 1);

	/* Bad calls write nothing. */
	CHECK_INT(mc_outbox_email(db, NULL, "x", "y", 0), -1);
	CHECK_INT(mc_outbox_email(db, "", "x", "y", 0), -1);
	CHECK_INT(mc_outbox_sms(db, NULL, "y", 0), -1);
	CHECK_INT(mc_notify(db, 0, 0, "x", "y", "z", NULL), -1);
	mc_db_exec(db, stmts[STMT_CLEAN], "s", phone);
}

static void test_localize(struct mc_db *, struct mc_arena *, long long,
    const char *, const char *);

/* A dossier filed online by the account, with e-mail and phone. */
static long long
file_dossier(struct mc_db *db, struct mc_arena *a, long long account,
    const char *email, const char *phone, const char **code)
{
	struct mc_submission s;
	struct mc_rows	     proc;
	struct mc_dossier    d;

	if (mc_db_query(db, a, &proc, stmts[STMT_PROCEDURE], "") < 0 ||
	    proc.n != 1)
		return -1;
	memset(&s, 0, sizeof(s));
	s.procedure_code = mc_rows_str(&proc, 0, 0);
	s.account_id = account;
	s.name = "Nguyễn Thị Thu Hà";
	s.id_number = "079123456789";
	s.email = email;
	s.phone = phone;
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	if (mc_dossier_submit(db, a, &s, time(NULL), code) != 0 ||
	    mc_dossier_load(db, a, *code, &d) != 1)
		return -1;
	return d.id;
}

static long long
count_kind(struct mc_db *db, struct mc_arena *a, long long account,
    long long dossier, const char *kind)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_COUNT_KIND], "iis", account,
		dossier, kind) < 0 ||
	    rows.n != 1)
		return -1;
	return mc_rows_int(&rows, 0, 0);
}

/*
 * The holder of a dossier hears once that it turned yellow, once that it
 * turned red (the instance's worker may be the one that tells).
 */
static void
test_due_scan(struct mc_db *db, struct mc_arena *a, long long id,
    long long officer)
{
	CHECK_INT(mc_db_exec(db, stmts[STMT_HOLD], "ii", officer, id), 1);
	CHECK(mc_notify_due_scan(db, a, time(NULL), 500) >= 0);
	CHECK_INT(count_kind(db, a, officer, id, "yellow"), 1);
	CHECK_INT(count_kind(db, a, officer, id, "red"), 0);
	CHECK(mc_notify_due_scan(db, a, time(NULL), 500) >= 0);
	CHECK_INT(count_kind(db, a, officer, id, "yellow"), 1);
	CHECK_INT(mc_db_exec(db, stmts[STMT_OVERDUE], "i", id), 1);
	CHECK(mc_notify_due_scan(db, a, time(NULL), 500) >= 0);
	CHECK(mc_notify_due_scan(db, a, time(NULL), 500) >= 0);
	CHECK_INT(count_kind(db, a, officer, id, "red"), 1);
	CHECK_INT(count_kind(db, a, officer, id, "yellow"), 1);
	mc_db_exec(db, stmts[STMT_CLOSE], "i", id);
}

/* The texts of a dossier's events, in its transaction or not at all. */
static void
test_dossier_event(struct mc_db *db, struct mc_arena *a, const char *tag,
    long long account, long long officer)
{
	struct mc_rows rows, notes;
	const char    *code, *email, *link, *subject, *body, *sms;
	long long      id, n0, k0;
	size_t	       i;

	email = mc_arena_printf(a, "unit-outbox-%s-d@motcua.test", tag);
	if ((id = file_dossier(db, a, account, email, "0909000111", &code)) <
	    0) {
		CHECK(!"a dossier to notify about");
		return;
	}
	link = mc_arena_printf(a, "%s/dich-vu/ho-so/%s",
	    mc_config_get("base_url", "http://127.0.0.1:8080"), code);
	mc_db_query(db, a, &rows, stmts[STMT_OUTBOX_OF], "i", id);
	n0 = (long long)rows.n; /* the submission's own, if wired */
	k0 = count(db, a, STMT_COUNT_NOTES, "i", &account);

	/* Rolled back: nothing. */
	CHECK_INT(mc_db_begin(db), 0);
	CHECK_INT(mc_notify_dossier_event(db, a, id, "accept"), 0);
	mc_db_rollback(db);
	mc_db_query(db, a, &rows, stmts[STMT_OUTBOX_OF], "i", id);
	CHECK_INT(rows.n, n0);
	CHECK_INT(count(db, a, STMT_COUNT_NOTES, "i", &account), k0);

	/*
	 * Committed: a notification, an e-mail and an SMS. The rows are
	 * read in their transaction: once committed they are due, and the
	 * instance's running worker may claim one before a read (then
	 * 'sending', or 'pending' again an attempt later and not due);
	 * until then its claim skips them, locked. Still there after.
	 */
	CHECK_INT(mc_db_begin(db), 0);
	CHECK_INT(mc_notify_dossier_event(db, a, id, "accept"), 0);
	mc_db_query(db, a, &rows, stmts[STMT_OUTBOX_OF], "i", id);
	CHECK_INT(mc_db_commit(db), 0);
	CHECK_INT(rows.n, n0 + 2);
	CHECK_INT(count(db, a, STMT_COUNT_OUTBOX_OF, "i", &id), n0 + 2);
	CHECK_INT(count(db, a, STMT_COUNT_NOTES, "i", &account), k0 + 1);
	if (rows.n < 2)
		return;
	i = rows.n - 2;
	CHECK_STR(mc_rows_str(&rows, i, 0), "email");
	CHECK_STR(mc_rows_str(&rows, i, 1), email);
	CHECK_STR(mc_rows_str(&rows, i, 4), "pending");
	CHECK_INT(mc_rows_int(&rows, i, 5), 0);
	CHECK_INT(mc_rows_int(&rows, i, 6), 1); /* due now */
	subject = mc_rows_str(&rows, i, 2);
	body = mc_rows_str(&rows, i, 3);
	CHECK_STR(subject,
	    mc_arena_printf(a, "Hồ sơ %s đã được tiếp nhận", code));
	CHECK(strstr(body, "Kính gửi Nguyễn Thị Thu Hà,") != NULL);
	CHECK(strstr(body, "đã tiếp nhận hồ sơ") != NULL);
	CHECK(strstr(body, code) != NULL);
	CHECK(strstr(body, link) != NULL);
	CHECK(mc_utf8_valid(body, strlen(body)));
	CHECK_STR(mc_rows_str(&rows, i + 1, 0), "sms");
	CHECK_STR(mc_rows_str(&rows, i + 1, 1), "0909000111");
	sms = mc_rows_str(&rows, i + 1, 3);
	CHECK(strstr(sms, code) != NULL && strstr(sms, link) != NULL);
	CHECK(strstr(sms, "đã được tiếp nhận") != NULL);
	mc_db_query(db, a, &notes, stmts[STMT_NOTE_OF], "i", account);
	if (notes.n > 0) {
		CHECK_STR(mc_rows_str(&notes, notes.n - 1, 0), "accept");
		CHECK_STR(mc_rows_str(&notes, notes.n - 1, 1), subject);
		CHECK_STR(mc_rows_str(&notes, notes.n - 1, 3),
		    mc_arena_printf(a, "/dich-vu/ho-so/%s", code));
	}
	test_localize(db, a, account, code, subject);

	/* The latest event's note is the reason, its full stop not doubled. */
	mc_db_exec(db, stmts[STMT_EVENT], "is", id, "Thiếu giấy chứng sinh.");
	CHECK_INT(mc_notify_dossier_event(db, a, id, "refuse"), 0);
	mc_db_query(db, a, &rows, stmts[STMT_OUTBOX_OF], "i", id);
	CHECK(rows.n > 0 &&
	    strstr(mc_rows_str(&rows, rows.n - 2, 3),
		"Lý do: Thiếu giấy chứng sinh.\n") != NULL);

	/* An unknown event: the generic text, in the portal and by e-mail. */
	CHECK_INT(mc_notify_dossier_event(db, a, id, "something_new"), 0);
	mc_db_query(db, a, &rows, stmts[STMT_OUTBOX_OF], "i", id);
	CHECK(rows.n > 0 &&
	    strstr(mc_rows_str(&rows, rows.n - 1, 2), "có cập nhật mới") !=
		NULL);
	CHECK_STR(mc_rows_str(&rows, rows.n - 1, 0), "email");
	CHECK_INT(mc_notify_dossier_event(db, a, id, "Bad.Name{x}"), 0);
	mc_db_query(db, a, &notes, stmts[STMT_NOTE_OF], "i", account);
	CHECK_STR(mc_rows_str(&notes, notes.n - 1, 0), "generic");
	/* In-app only for a step forward. */
	n0 = (long long)rows.n + 1;
	CHECK_INT(mc_notify_dossier_event(db, a, id, "forward"), 0);
	mc_db_query(db, a, &rows, stmts[STMT_OUTBOX_OF], "i", id);
	CHECK_INT(rows.n, n0);
	CHECK_INT(mc_notify_dossier_event(db, a, 1LL << 60, "accept"), -1);

	/* Officers: a reminder also by e-mail, new work only in the office. */
	n0 = (long long)rows.n;
	CHECK_INT(mc_notify_officer(db, a, officer, id, "reminder",
		      "Xin xử lý gấp."),
	    0);
	CHECK_INT(mc_notify_officer(db, a, officer, id, "new_work", NULL), 0);
	mc_db_query(db, a, &rows, stmts[STMT_OUTBOX_OF], "i", id);
	CHECK_INT(rows.n, n0 + 1);
	if (rows.n > 0) {
		CHECK_STR(mc_rows_str(&rows, rows.n - 1, 2),
		    mc_arena_printf(a, "Đôn đốc xử lý hồ sơ %s", code));
		CHECK(strstr(mc_rows_str(&rows, rows.n - 1, 3),
			  "Nội dung: Xin xử lý gấp.\n") != NULL);
		CHECK(strstr(mc_rows_str(&rows, rows.n - 1, 3),
			  "/can-bo/ho-so/") != NULL);
	}
	mc_db_query(db, a, &notes, stmts[STMT_NOTE_OF], "i", officer);
	CHECK_INT(notes.n, 2);
	if (notes.n == 2) {
		CHECK_STR(mc_rows_str(&notes, 0, 0), "reminder");
		CHECK_STR(mc_rows_str(&notes, 1, 0), "new_work");
		CHECK_STR(mc_rows_str(&notes, 1, 3),
		    mc_arena_printf(a, "/can-bo/ho-so/%s", code));
	}
	test_due_scan(db, a, id, officer);
	mc_db_exec(db, stmts[STMT_CLEAN_DOSSIER], "i", id);
}

/*
 * The newest notification of the account (the accept just written) read in
 * English and in Vietnamese: the same message in the reader's language,
 * the due time in its format. Rows without their texts' source are left
 * as stored.
 */
static void
test_localize(struct mc_db *db, struct mc_arena *a, long long account,
    const char *code, const char *subject)
{
	struct mc_rows unread, read;
	const char    *title = NULL, *body = NULL;
	HDF	      *hdf;

	CHECK_INT(mc_notify_list(db, a, account, 100, &unread, &read), 0);
	CHECK(unread.n > 0 && unread.ncols == 10);
	if (unread.n == 0 || unread.ncols < 10)
		return;
	CHECK_STR(mc_rows_str(&unread, 0, 8), "accept");
	CHECK(mc_rows_str(&unread, 0, 9) != NULL);
	hdf = mc_view_begin(LANG_EN);
	CHECK_INT(mc_notify_localize(a, mc_view_text, hdf, LANG_EN,
		      mc_rows_str(&unread, 0, 8), mc_rows_str(&unread, 0, 9),
		      &title, &body),
	    0);
	CHECK_STR(title,
	    mc_arena_printf(a, "Dossier %s has been accepted", code));
	CHECK(body != NULL && strstr(body, "accepted dossier") != NULL &&
	    strstr(body, "Result due: ") != NULL);
	CHECK(body != NULL && strstr(body, "/20") == NULL); /* no dd/mm/yyyy */
	hdf = mc_view_begin(LANG_VI);
	CHECK_INT(mc_notify_localize(a, mc_view_text, hdf, LANG_VI,
		      mc_rows_str(&unread, 0, 8), mc_rows_str(&unread, 0, 9),
		      &title, &body),
	    0);
	CHECK_STR(title, subject);
	CHECK_STR(body, mc_rows_str(&unread, 0, 3));
	/* Nothing to localize from: the stored texts stay. */
	CHECK_INT(mc_notify_localize(a, mc_view_text, hdf, LANG_EN, NULL, "{}",
		      &title, &body),
	    -1);
	CHECK_INT(mc_notify_localize(a, mc_view_text, hdf, LANG_EN, "Bad{x}",
		      "{}", &title, &body),
	    -1);
	CHECK_INT(mc_notify_localize(a, mc_view_text, hdf, LANG_EN, "accept",
		      "[1]", &title, &body),
	    -1);
	CHECK_INT(mc_notify_localize(a, mc_view_text, hdf, LANG_EN, "accept",
		      "{", &title, &body),
	    -1);
}

/* Reading and marking read, scoped to the account. */
static void
test_read(struct mc_db *db, struct mc_arena *a, long long account,
    long long other)
{
	struct mc_rows unread, read;
	long long      n, oldest;

	n = mc_notify_unread(db, account);
	CHECK(n >= 3);
	CHECK_INT(mc_notify_list(db, a, account, 100, &unread, &read), 0);
	CHECK_INT((long long)unread.n, n);
	CHECK_INT(read.n, 0);
	if (unread.n < 3)
		return;
	/* Newest first; another account cannot mark them. */
	CHECK(mc_rows_int(&unread, 0, 0) > mc_rows_int(&unread, 1, 0));
	oldest = mc_rows_int(&unread, unread.n - 1, 0);
	CHECK_INT(mc_notify_mark_read(db, other, oldest, 0), 0);
	CHECK(mc_notify_mark_read(db, other, 0, 0) >= 0); /* its own */
	CHECK_INT(mc_notify_unread(db, account), n);
	CHECK_INT(mc_notify_mark_read(db, account, oldest, 0), 1);
	CHECK_INT(mc_notify_mark_read(db, account, oldest, 0), 0);
	CHECK_INT(mc_notify_unread(db, account), n - 1);
	/* Up to what the user saw: a newer one stays unread. */
	CHECK_INT(
	    mc_notify_mark_read(db, account, 0, mc_rows_int(&unread, 1, 0)),
	    n - 2);
	CHECK_INT(mc_notify_unread(db, account), 1);
	CHECK_INT(mc_notify_list(db, a, account, 100, &unread, &read), 0);
	CHECK_INT(unread.n, 1);
	CHECK_INT((long long)read.n, n - 1);
	CHECK(mc_rows_str(&read, 0, 6) != NULL); /* read_at */
	CHECK_INT(mc_notify_mark_read(db, account, 0, 0), 1);
	CHECK_INT(mc_notify_unread(db, account), 0);
}

/*
 * PARALLEL processes claim one row at a time, at a moment far ahead (our
 * rows are due in 2090; the instance's worker never sees them), until
 * nothing is left; each row must be taken exactly once. Rows of others
 * taken meanwhile are given back.
 */
static void
test_claims(struct mc_db *db, struct mc_arena *a, const char *tag)
{
	const char    *like = mc_arena_printf(a, "unit-outbox-%s-c%%", tag);
	long long      ids[ROWS], id, others[4096];
	int	       fds[2], i, j, status, seen[ROWS], dup = 0;
	int	       missing = 0, nothers = 0;
	char	       line[128], tok[ROWS][33], otok[4096][33];
	char	      *sp;
	FILE	      *in;
	time_t	       later = 3786912000; /* 2090-01-01 */
	struct mc_rows r;
	struct mc_outbox_msg m;

	/* Queued and put off in one transaction: the instance's worker
	 * never sees them due. */
	CHECK_INT(mc_db_begin(db), 0);
	for (i = 0; i < ROWS; i++) {
		mc_outbox_email(db,
		    mc_arena_printf(a, "unit-outbox-%s-c%d@motcua.test", tag,
			i),
		    "Thử", "Thử", 0);
		ids[i] = (long long)mc_db_insert_id(db);
		CHECK_INT(mc_db_exec(db, stmts[STMT_FUTURE], "i", ids[i]), 1);
	}
	CHECK_INT(mc_db_commit(db), 0);
	if (pipe(fds) < 0)
		return;
	for (i = 0; i < PARALLEL; i++) {
		if (fork() != 0)
			continue;
		struct mc_db	     *own = mc_db_open();
		struct mc_arena	     *oa = mc_arena_new(4096);
		struct mc_outbox_msg *got;
		size_t		      n;
		FILE		     *out = fdopen(fds[1], "w");

		int empty = 0, errors = 0;

		/*
		 * As a worker polls: a claim that failed (a deadlock with
		 * another claimer) or found every row locked for a moment
		 * (by the instance's worker) is tried again; five empty
		 * claims in a row, 50 ms apart, mean nothing is left.
		 */
		while (own != NULL && empty < 5 && errors < 50) {
			if (mc_outbox_claim(own, oa, later + 86400, 1, &got,
				&n) < 0) {
				fprintf(out, "E %u\n", mc_db_errno(own));
				fflush(out);
				errors++;
				usleep(10000);
				continue;
			}
			if (n == 0) {
				empty++;
				usleep(50000);
				continue;
			}
			empty = 0;
			fprintf(out, "%lld %s\n", got[0].id, got[0].token);
			fflush(out);
			mc_arena_reset(oa);
		}
		_exit(own == NULL ? 1 : 0);
	}
	close(fds[1]);
	memset(seen, 0, sizeof(seen));
	in = fdopen(fds[0], "r");
	while (fgets(line, sizeof(line), in) != NULL) {
		if (line[0] == 'E') { /* why a claim failed, for the log */
			fprintf(stderr,
			    "test_claims: a claim failed, MariaDB error %s",
			    line + 2);
			continue;
		}
		id = strtoll(line, &sp, 10);
		sp += strspn(sp, " ");
		sp[strcspn(sp, "\n")] = '\0';
		for (j = 0; j < ROWS && ids[j] != id; j++)
			;
		if (j < ROWS) {
			if (seen[j]++)
				dup++;
			snprintf(tok[j], sizeof(tok[j]), "%s", sp);
		} else if (nothers < 4096) { /* somebody else's */
			snprintf(otok[nothers], sizeof(otok[nothers]), "%s",
			    sp);
			others[nothers++] = id;
		}
	}
	fclose(in);
	for (i = 0; i < PARALLEL; i++) {
		wait(&status);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	/* Others' rows back as they were, once no child claims any more. */
	for (i = 0; i < nothers; i++)
		mc_db_exec(db, stmts[STMT_UNHOLD], "is", others[i], otok[i]);
	for (i = 0; i < ROWS; i++)
		missing += seen[i] == 0;
	CHECK_INT(dup, 0);
	CHECK_INT(missing, 0);

	/* Outcomes: the rows are 'sending' now. */
	memset(&m, 0, sizeof(m));
	m.id = ids[0];
	memcpy(m.token, tok[0], sizeof(m.token));
	CHECK_INT(
	    mc_outbox_retry(db, &m, "smtp: Couldn't connect", 3600, 20, 0), 0);
	mc_db_query(db, a, &r, stmts[STMT_ROW], "i", ids[0]);
	CHECK_STR(mc_rows_str(&r, 0, 0), "pending");
	CHECK_INT(mc_rows_int(&r, 0, 1), 1);
	CHECK_STR(mc_rows_str(&r, 0, 2), "smtp: Couldn't connect");
	CHECK_INT(mc_rows_int(&r, 0, 3), 1); /* due in an hour */
	/* Not due: a claim now does not take it. */
	{
		struct mc_outbox_msg *got;
		size_t		      n, k;
		int		      taken = 0;

		CHECK_INT(mc_outbox_claim(db, a, time(NULL), 1000, &got, &n),
		    0);
		for (k = 0; k < n; k++) {
			taken += got[k].id == ids[0];
			mc_outbox_release(db, &got[k]);
		}
		CHECK_INT(taken, 0);
	}
	/* The last allowed attempt fails it for good; so does a 5xx. */
	mc_db_exec(db, stmts[STMT_SENDING], "i", ids[0]);
	m.attempts = 19;
	CHECK_INT(mc_outbox_retry(db, &m, "again", 60, 20, 0), 0);
	mc_db_query(db, a, &r, stmts[STMT_ROW], "i", ids[0]);
	CHECK_STR(mc_rows_str(&r, 0, 0), "failed");
	CHECK_INT(mc_rows_int(&r, 0, 1), 20);
	m.id = ids[1];
	memcpy(m.token, tok[1], sizeof(m.token));
	m.attempts = 0;
	CHECK_INT(mc_outbox_retry(db, &m, "550 no such user", 60, 20, 1), 0);
	mc_db_query(db, a, &r, stmts[STMT_ROW], "i", ids[1]);
	CHECK_STR(mc_rows_str(&r, 0, 0), "failed");
	/* Sent: once; a second record changes nothing. */
	m.id = ids[2];
	memcpy(m.token, tok[2], sizeof(m.token));
	m.attempts = 2;
	CHECK_INT(mc_outbox_sent(db, &m), 0);
	mc_db_query(db, a, &r, stmts[STMT_ROW], "i", ids[2]);
	CHECK_STR(mc_rows_str(&r, 0, 0), "sent");
	CHECK_INT(mc_rows_int(&r, 0, 1), 3);
	CHECK_INT(mc_rows_int(&r, 0, 4), 1);
	CHECK(mc_rows_str(&r, 0, 2) == NULL);
	CHECK_INT(mc_outbox_retry(db, &m, "late", 60, 20, 0), 0);
	mc_db_query(db, a, &r, stmts[STMT_ROW], "i", ids[2]);
	CHECK_STR(mc_rows_str(&r, 0, 0), "sent");
	/* Released: pending again, no attempt counted. */
	/*
	 * A pending row is due at once: the instance's running worker could
	 * claim it between the change and the read. In one transaction the
	 * row stays locked until read (the worker's claim skips locked rows).
	 */
	m.id = ids[3];
	memcpy(m.token, tok[3], sizeof(m.token));
	CHECK_INT(mc_db_begin(db), 0);
	CHECK_INT(mc_outbox_release(db, &m), 0);
	mc_db_query(db, a, &r, stmts[STMT_ROW], "i", ids[3]);
	CHECK_STR(mc_rows_str(&r, 0, 0), "pending");
	CHECK_INT(mc_rows_int(&r, 0, 1), 0);
	CHECK_INT(mc_db_commit(db), 0);
	/* Stuck in 'sending' for 20 minutes: put back. */
	CHECK_INT(mc_db_begin(db), 0);
	mc_db_exec(db, stmts[STMT_STALE], "i", ids[4]);
	CHECK(mc_outbox_requeue_stuck(db, 15) >= 0);
	mc_db_query(db, a, &r, stmts[STMT_ROW], "i", ids[4]);
	CHECK_STR(mc_rows_str(&r, 0, 0), "pending");
	CHECK_INT(mc_rows_int(&r, 0, 1), 1); /* an attempt, outcome unknown */
	mc_db_query(db, a, &r, stmts[STMT_ROW], "i", ids[5]);
	CHECK_STR(mc_rows_str(&r, 0, 0), "sending"); /* recent: kept */
	CHECK_INT(mc_db_commit(db), 0);
	mc_db_exec(db, stmts[STMT_CLEAN], "s", like);
}

/*
 * Claims our row (due in 2090) as a worker would: the rows due before it
 * (the instance's, and our other rows) are claimed first, held, and given
 * back afterwards due when they were (never due now). 1 or 0.
 */
static int
claim_once(struct mc_db *db, struct mc_arena *a, long long id,
    struct mc_outbox_msg *m)
{
	struct mc_outbox_msg *held;
	time_t		      later = 3786912000 + 86400; /* 2090-01-02 */
	size_t		      n = 0, i, max = 100000;
	int		      rc, found = 0;

	held = mc_arena_alloc(a, sizeof(*held) * 64);
	for (;;) {
		if (n % 64 == 0 && n > 0) {
			struct mc_outbox_msg *more;

			more = mc_arena_alloc(a, sizeof(*held) * (n + 64));
			memcpy(more, held, sizeof(*held) * n);
			held = more;
		}
		if (n >= max ||
		    (rc = mc_outbox_claim_one(db, a, later, 600, &held[n])) !=
			1)
			break;
		if (held[n].id == id) {
			*m = held[n];
			found = 1;
			break;
		}
		n++;
	}
	for (i = 0; i < n; i++)
		mc_db_exec(db, stmts[STMT_UNHOLD], "is", held[i].id,
		    held[i].token);
	return found;
}

/*
 * claim_once, tried for up to a second: a claim skips rows another
 * transaction has locked (SKIP LOCKED), and the instance's worker, claiming
 * its own due rows meanwhile, can lock ours for an instant (the next-key
 * lock past its range: ours are the next rows, due in 2090). A claim that
 * must succeed failed so once (ci23, line 787). A claim that must fail
 * is claim_once: skipping can only make it fail.
 */
static int
claim_ours(struct mc_db *db, struct mc_arena *a, long long id,
    struct mc_outbox_msg *m)
{
	int tries;

	for (tries = 0; tries < 50; tries++) {
		if (claim_once(db, a, id, m))
			return 1;
		usleep(20000);
	}
	return 0;
}

/*
 * The fault the cluster's chaos run found: a worker delivered a row, could
 * not record it while the writer node failed over, and the worker that
 * took the lease over put it back 31 s after its claim and sent it again.
 * Now a row is fenced by its own claim: nobody takes or requeues it before
 * its deadline, only its token records an outcome, a late record still
 * lands while nobody has claimed it again, and after the deadline it is
 * sent again once, counted as an unknown outcome.
 */
static void
test_fence(struct mc_db *db, struct mc_arena *a, const char *tag)
{
	const char *like = mc_arena_printf(a, "unit-outbox-%s-f%%", tag);
	struct mc_outbox_msg wa, wb, other;
	struct mc_rows	     r;
	long long	     id1, id2;

	/* Queued and put off in one transaction (as test_claims). */
	CHECK_INT(mc_db_begin(db), 0);
	mc_outbox_email(db,
	    mc_arena_printf(a, "unit-outbox-%s-f1@motcua.test", tag), "Thử",
	    "Thử", 0);
	id1 = (long long)mc_db_insert_id(db);
	mc_outbox_sms(db, mc_arena_printf(a, "unit-outbox-%s-f2", tag), "Thử",
	    0);
	id2 = (long long)mc_db_insert_id(db);
	CHECK_INT(mc_db_exec(db, stmts[STMT_FUTURE], "i", id1), 1);
	CHECK_INT(mc_db_exec(db, stmts[STMT_FUTURE], "i", id2), 1);
	CHECK_INT(mc_db_commit(db), 0);

	/* Worker A claims the e-mail; B cannot take it. */
	CHECK_INT(claim_ours(db, a, id1, &wa), 1);
	CHECK_INT((int)strlen(wa.token), 32);
	CHECK_INT(claim_once(db, a, id1, &wb), 0);
	/* A's delivery or its record takes 40 s (a failover): the row is
	 * still A's, not put back before its deadline. */
	mc_db_exec(db, stmts[STMT_SLOW], "i", id1);
	CHECK(mc_outbox_requeue_stuck(db, 15) >= 0);
	mc_db_query(db, a, &r, stmts[STMT_CLAIM_OF], "i", id1);
	CHECK_STR(mc_rows_str(&r, 0, 0), "sending");
	CHECK_STR(mc_rows_str(&r, 0, 3), wa.token);
	/* Another token records nothing. */
	other = wa;
	memcpy(other.token, "00000000000000000000000000000000", 33);
	CHECK_INT(mc_outbox_sent(db, &other), 0);
	CHECK_INT(mc_outbox_retry(db, &other, "x", 1, 20, 1), 0);
	CHECK_INT(mc_outbox_release(db, &other), 0);
	mc_db_query(db, a, &r, stmts[STMT_CLAIM_OF], "i", id1);
	CHECK_STR(mc_rows_str(&r, 0, 0), "sending");
	/* A dies before recording: past the deadline the row goes back,
	 * an attempt with an unknown outcome... */
	/* In one transaction: the instance's worker never sees it pending
	 * and due (it claimed it in between once: attempts 2, ci16). */
	CHECK_INT(mc_db_begin(db), 0);
	mc_db_exec(db, stmts[STMT_STALE], "i", id1);
	CHECK(mc_outbox_requeue_stuck(db, 15) >= 0);
	mc_db_exec(db, stmts[STMT_FUTURE], "i", id1); /* not the instance's */
	CHECK_INT(mc_db_commit(db), 0);
	mc_db_query(db, a, &r, stmts[STMT_CLAIM_OF], "i", id1);
	CHECK_STR(mc_rows_str(&r, 0, 0), "pending");
	CHECK_INT(mc_rows_int(&r, 0, 1), 1);
	CHECK_INT(mc_rows_int(&r, 0, 2), 1);
	/* ...unless A was only slow: its late record still lands. */
	CHECK_INT(mc_outbox_sent(db, &wa), 0);
	mc_db_query(db, a, &r, stmts[STMT_CLAIM_OF], "i", id1);
	CHECK_STR(mc_rows_str(&r, 0, 0), "sent");
	CHECK_INT(claim_once(db, a, id1, &wb), 0);

	/* Once B has claimed it again, A's late record is refused and B's
	 * claim knows an earlier outcome is unknown. */
	CHECK_INT(claim_ours(db, a, id2, &wa), 1);
	CHECK_INT(mc_db_begin(db), 0);
	mc_db_exec(db, stmts[STMT_STALE], "i", id2);
	CHECK(mc_outbox_requeue_stuck(db, 15) >= 0);
	mc_db_exec(db, stmts[STMT_FUTURE], "i", id2);
	CHECK_INT(mc_db_commit(db), 0);
	CHECK_INT(claim_ours(db, a, id2, &wb), 1);
	CHECK_INT(wb.unknown, 1);
	CHECK_INT(wb.attempts, 1);
	CHECK(strcmp(wa.token, wb.token) != 0);
	CHECK_INT(mc_outbox_sent(db, &wa), 0);
	mc_db_query(db, a, &r, stmts[STMT_CLAIM_OF], "i", id2);
	CHECK_STR(mc_rows_str(&r, 0, 0), "sending");
	CHECK_INT(mc_outbox_sent(db, &wb), 0);
	mc_db_query(db, a, &r, stmts[STMT_CLAIM_OF], "i", id2);
	CHECK_STR(mc_rows_str(&r, 0, 0), "sent");
	CHECK_INT(mc_rows_int(&r, 0, 1), 2);
	mc_db_exec(db, stmts[STMT_CLEAN], "s", like);
}

static void
test_database(struct mc_arena *a)
{
	struct mc_db *db;
	const char   *tag = mc_arena_printf(a, "%d-%ld", (int)getpid(),
	      (long)time(NULL));
	long long     citizen, officer;

	if (!NEED_DB("test_outbox"))
		return;
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database");
		return;
	}
	/* The texts of this checkout (tests run from the top folder). */
	mc_config_set("templates_dir", "templates");
	/* Our claims outlive the test: the instance's worker, requeueing rows
	 * past their deadline, leaves them alone. */
	mc_config_set("outbox_timeout_seconds", "300");
	CHECK_INT(mc_view_init("templates"), 0);
	citizen = mc_auth_account_create(db,
	    mc_arena_printf(a, "unit-outbox-%s-cit@motcua.test", tag), NULL,
	    "Công Dân Thử", NULL, "password1");
	officer = mc_auth_account_create(db,
	    mc_arena_printf(a, "unit-outbox-%s-off@motcua.test", tag), NULL,
	    "Cán Bộ Thử", NULL, "password1");
	CHECK(citizen > 0 && officer > 0);
	if (citizen > 0 && officer > 0) {
		test_transaction(db, a, tag, citizen);
		test_dossier_event(db, a, tag, citizen, officer);
		test_read(db, a, citizen, officer);
		test_claims(db, a, tag);
		test_fence(db, a, tag);
	}
	mc_db_exec(db, stmts[STMT_CLEAN], "s",
	    mc_arena_printf(a, "unit-outbox-%s%%", tag));
	mc_notify_free();
	mc_view_free();
	mc_db_close(db);
}

int
main(void)
{
	struct mc_arena *a = mc_arena_new(1 << 16);

	setenv("TZ", "Asia/Ho_Chi_Minh", 1); /* as mc_config_load does */
	tzset();
	test_backoff();
	test_message();
	test_sms_json();
	test_database(a);
	mc_arena_free(a);
	return DONE();
}
