/*
 * One-time codes that prove a phone (lib/domain/mc_phonecode) and the
 * feedback sent with one (issue 10): the code read from its SMS in the
 * outbox, the purpose named there; a wrong code counted with the attempts
 * left, a resend too soon refused, the right code proved and used once;
 * attempts used up, expiry, the hourly limit; then feedback without a
 * login: refused without a proved code, accepted with one (no account,
 * the phone its sender, an SMS with the follow link), the code not good
 * twice, and the follow token the only way to act on it.
 */
#include <stdio.h>
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
#include "mc_feedback.h"
#include "mc_phonecode.h"
#include "mc_util.h"

enum stmt { STMT_SMS, STMT_FB, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_SMS] = "SELECT body FROM outbox WHERE channel = 'sms' AND "
	    "recipient = ? ORDER BY id DESC LIMIT 1",
	[STMT_FB] = "SELECT COALESCE(account_id, 0), phone, status "
	    "FROM feedback WHERE code = ?",
};
/* clang-format on */

/* The latest SMS to phone (arena), or "". */
static const char *
last_sms(struct mc_db *db, struct mc_arena *a, const char *phone)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_SMS], "s", phone) < 0 ||
	    r.n != 1)
		return "";
	return mc_rows_str(&r, 0, 0);
}

/* The six digits at the start of the code's SMS after "Một Cửa: ". */
static const char *
code_of(struct mc_db *db, struct mc_arena *a, const char *phone)
{
	const char *s = last_sms(db, a, phone), *p;
	size_t	    i;

	for (p = s; *p != '\0'; p++) {
		for (i = 0; i < 6 && p[i] >= '0' && p[i] <= '9'; i++)
			;
		if (i == 6 && (p[6] < '0' || p[6] > '9'))
			return mc_arena_strndup(a, p, 6);
	}
	return "";
}

/* A code other than code (its first digit changed). */
static const char *
other(struct mc_arena *a, const char *code)
{
	char *s = mc_arena_strdup(a, code);

	s[0] = s[0] == '9' ? '0' : (char)(s[0] + 1);
	return s;
}

static void
test_codes(struct mc_db *db, struct mc_arena *a, const char *phone,
    const char *addr)
{
	const char *tk = NULL, *tk2 = NULL, *code;
	time_t	    t = time(NULL);
	long	    wait = 0;
	long long   id = 0, id2 = 0;
	int	    left = -1, i;

	CHECK_INT(mc_feedback_send_code(db, a, phone, addr, t, &tk, &wait), 0);
	CHECK(tk != NULL && strlen(tk) == 64);
	code = code_of(db, a, phone);
	CHECK_INT(strlen(code), 6);
	/* The SMS names its purpose and its validity. */
	CHECK(strstr(last_sms(db, a, phone), "để gửi phản ánh") != NULL);
	CHECK(strstr(last_sms(db, a, phone), "10 phút") != NULL);
	/* Another at once: wait. */
	CHECK_INT(
	    mc_feedback_send_code(db, a, phone, addr, t + 5, &tk2, &wait),
	    PHONECODE_E_WAIT);
	CHECK(wait > 0 && wait <= 60);
	/* Wrong, then not six digits, then for another phone: counted. */
	CHECK_INT(mc_phonecode_check(db, a, PHONECODE_FEEDBACK, phone, tk,
		      other(a, code), t + 10, &id, &left),
	    PHONECODE_E_WRONG);
	CHECK_INT(left, 4);
	CHECK_INT(mc_phonecode_check(db, a, PHONECODE_FEEDBACK, phone, tk,
		      "12 34", t + 10, &id, &left),
	    PHONECODE_E_WRONG);
	CHECK_INT(left, 3);
	CHECK_INT(mc_phonecode_check(db, a, PHONECODE_FEEDBACK, "0900000000",
		      tk, code, t + 10, &id, &left),
	    PHONECODE_E_EXPIRED);
	/* Right: proved; used once. */
	CHECK_INT(mc_phonecode_check(db, a, PHONECODE_FEEDBACK, phone, tk,
		      code, t + 20, &id, &left),
	    0);
	CHECK(id > 0);
	CHECK_INT(mc_phonecode_use(db, id, "0900000000", t + 30), 0);
	CHECK_INT(mc_phonecode_use(db, id, phone, t + 30), 1);
	CHECK_INT(mc_phonecode_use(db, id, phone, t + 31), 0);
	CHECK_INT(mc_phonecode_check(db, a, PHONECODE_FEEDBACK, phone, tk,
		      code, t + 40, &id, &left),
	    PHONECODE_E_EXPIRED); /* used */

	/* A second code: five wrong ones use it up; then even the right one
	 * is refused. */
	CHECK_INT(
	    mc_feedback_send_code(db, a, phone, addr, t + 61, &tk2, &wait), 0);
	code = code_of(db, a, phone);
	for (i = 0; i < 4; i++)
		CHECK_INT(mc_phonecode_check(db, a, PHONECODE_FEEDBACK, phone,
			      tk2, other(a, code), t + 70, &id2, &left),
		    PHONECODE_E_WRONG);
	CHECK_INT(mc_phonecode_check(db, a, PHONECODE_FEEDBACK, phone, tk2,
		      other(a, code), t + 70, &id2, &left),
	    PHONECODE_E_EXPIRED);
	CHECK_INT(mc_phonecode_check(db, a, PHONECODE_FEEDBACK, phone, tk2,
		      code, t + 71, &id2, &left),
	    PHONECODE_E_EXPIRED);

	/* A third: expired after ten minutes, proved or not. */
	CHECK_INT(
	    mc_feedback_send_code(db, a, phone, addr, t + 122, &tk2, &wait),
	    0);
	code = code_of(db, a, phone);
	CHECK_INT(mc_phonecode_check(db, a, PHONECODE_FEEDBACK, phone, tk2,
		      code, t + 122 + 601, &id2, &left),
	    PHONECODE_E_EXPIRED);
	CHECK_INT(mc_phonecode_check(db, a, PHONECODE_FEEDBACK, phone, tk2,
		      code, t + 130, &id2, &left),
	    0);
	CHECK_INT(mc_phonecode_use(db, id2, phone, t + 122 + 601), 0);

	/* Five codes an hour for a phone: the sixth waits for the window. */
	CHECK_INT(
	    mc_feedback_send_code(db, a, phone, addr, t + 183, &tk2, &wait),
	    0);
	CHECK_INT(
	    mc_feedback_send_code(db, a, phone, addr, t + 244, &tk2, &wait),
	    0);
	CHECK_INT(
	    mc_feedback_send_code(db, a, phone, addr, t + 305, &tk2, &wait),
	    PHONECODE_E_LIMIT);
	CHECK(wait > 3000 && wait <= 3600);
	/* A forged ticket. */
	CHECK_INT(
	    mc_phonecode_check(db, a, PHONECODE_FEEDBACK, phone,
		"0000000000000000000000000000000000000000000000000000000000"
		"000000",
		code, t + 130, &id2, &left),
	    PHONECODE_E_EXPIRED);
}

static void
test_feedback(struct mc_db *db, struct mc_arena *a, const char *phone,
    const char *addr)
{
	struct mc_fb_new n;
	struct mc_rows	 r;
	struct mc_user	*citizen;
	const char	*tk = NULL, *code, *fb = NULL, *tok, *sms;
	time_t		 t = time(NULL);
	long		 wait;
	long long	 id = 0;
	int		 left;

	memset(&n, 0, sizeof(n));
	n.category = FB_OTHER;
	n.body = "Đèn đường trước trụ sở phường không sáng.";
	n.phone = phone;
	CHECK_INT(mc_feedback_submit(db, a, NULL, &n, t, &fb), FB_E_CODE);
	CHECK_INT(mc_feedback_send_code(db, a, phone, addr, t, &tk, &wait), 0);
	code = code_of(db, a, phone);
	CHECK_INT(mc_phonecode_check(db, a, PHONECODE_FEEDBACK, phone, tk,
		      code, t, &id, &left),
	    0);
	n.phone_code = id;
	n.dossier_code = "000.00.00.H29-000000-0000";
	CHECK_INT(mc_feedback_submit(db, a, NULL, &n, t, &fb), FB_E_DOSSIER);
	n.dossier_code = NULL;
	n.phone = "0900000001"; /* not the proved phone */
	CHECK_INT(mc_feedback_submit(db, a, NULL, &n, t, &fb), FB_E_CODE);
	n.phone = phone;
	CHECK_INT(mc_feedback_submit(db, a, NULL, &n, t, &fb), 0);
	if (fb == NULL)
		return;
	CHECK(mc_db_query(db, a, &r, stmts[STMT_FB], "s", fb) == 0 &&
	    r.n == 1 && mc_rows_int(&r, 0, 0) == 0 &&
	    strcmp(mc_rows_str(&r, 0, 1), phone) == 0);
	/* Its SMS: the code and the follow link. */
	tok = mc_feedback_follow_token(a, fb);
	sms = last_sms(db, a, phone);
	CHECK(strstr(sms, fb) != NULL && strstr(sms, tok) != NULL &&
	    strstr(sms, "/dich-vu/phan-anh/theo-doi/") != NULL);
	CHECK(mc_feedback_follow_ok(fb, tok));
	CHECK(!mc_feedback_follow_ok(fb, other(a, tok)));
	CHECK(!mc_feedback_follow_ok(fb, ""));
	/* The code is not good twice. */
	CHECK_INT(mc_feedback_submit(db, a, NULL, &n, t, &fb), FB_E_CODE);
	/* Not answered yet: no reopening; a wrong token, none at all. */
	CHECK_INT(
	    mc_feedback_citizen_token(db, a, fb, tok, FBA_REOPEN, NULL, t),
	    FB_E_STATE);
	CHECK_INT(mc_feedback_citizen_token(db, a, fb, other(a, tok),
		      FBA_REOPEN, NULL, t),
	    FB_E_SCOPE);
	/* A logged-in citizen is not its sender. */
	citizen = fixture_account(db, a, "phonecode", "079", 13, "citizen",
	    ROLE_CITIZEN, 0);
	CHECK(citizen != NULL);
	if (citizen != NULL)
		CHECK_INT(mc_feedback_citizen(db, a, citizen, fb, FBA_RESOLVE,
			      NULL, t),
		    FB_E_SCOPE);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;
	char		 phone[24], phone2[24], addr[48];

	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (!NEED_DB("test_phonecode"))
		return DONE();
	if (mc_config_load(NULL) < 0) {
		CHECK(!"config");
		return DONE();
	}
	if ((db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	mc_calendar_load(db);
	/* Numbers and an address of this run's own. */
	snprintf(phone, sizeof(phone), "098%07ld",
	    ((long)getpid() * 7919L + (long)time(NULL)) % 10000000L);
	snprintf(phone2, sizeof(phone2), "097%07ld",
	    ((long)getpid() * 7919L + (long)time(NULL)) % 10000000L);
	snprintf(addr, sizeof(addr), "unit-%d-%ld", (int)getpid(),
	    (long)time(NULL));
	test_codes(db, a, phone, addr);
	test_feedback(db, a, phone2, addr);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
