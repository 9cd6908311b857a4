/*
 * The password rule of mc_password (the shipped list of common passwords,
 * dressed-up ones, personal values, too few characters) and, against the
 * database of a test instance (MOTCUA_CONFIG), the change that ends the
 * other sessions and the reset link used once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_password.h"

static enum mc_pw_verdict
judge(struct mc_arena *a, const char *pw, const char *const *own, size_t n)
{
	enum mc_pw_verdict v = PW__MAX;

	CHECK(mc_password_judge(a, pw, own, n, &v) == 0);
	return v;
}

static void
test_rule(struct mc_arena *a)
{
	const char *own[] = { "079123456789", "0901234567",
		"tran.hoa@example.vn", "Trần Thị Hoa", NULL };
	char	    longpw[200];

	CHECK_INT(mc_password_common("12345678"), 1);
	CHECK_INT(mc_password_common("matkhau"), 1);
	CHECK_INT(mc_password_common("motcua"), 1);
	CHECK_INT(mc_password_common("hoa sen no muon"), 0);
	CHECK_INT(mc_password_common("motcua@2026"), 0);

	CHECK_INT(judge(a, "12345678", NULL, 0), PW_COMMON);
	CHECK_INT(judge(a, "PassWord", NULL, 0), PW_COMMON);	 /* case */
	CHECK_INT(judge(a, "Matkhau2026!", NULL, 0), PW_COMMON); /* dressed */
	CHECK_INT(judge(a, "MotCua@2026", NULL, 0), PW_COMMON);
	CHECK_INT(judge(a, "!!iloveyou", NULL, 0), PW_COMMON);
	/* Seven characters of dress are too many to call it the word. */
	CHECK_INT(judge(a, "matkhau#2026!!", NULL, 0), PW_OK);
	CHECK_INT(judge(a, "ngan", NULL, 0), PW_SHORT);
	CHECK_INT(judge(a, "ngắn ơi", NULL, 0), PW_SHORT); /* 7 characters */
	CHECK_INT(judge(a, NULL, NULL, 0), PW_SHORT);
	memset(longpw, 'x', 129);
	longpw[129] = '\0';
	CHECK_INT(judge(a, longpw, NULL, 0), PW_LONG);
	CHECK_INT(judge(a, "abababab", NULL, 0), PW_WEAK);
	CHECK_INT(judge(a, "zzzzzzzzzzzz", NULL, 0), PW_WEAK);
	CHECK_INT(judge(a, "079123456789", own, 5), PW_PERSONAL);
	CHECK_INT(judge(a, "0901234567!", own, 5), PW_PERSONAL);
	CHECK_INT(judge(a, "TranThiHoa99", own, 5), PW_PERSONAL);
	CHECK_INT(judge(a, "tran.hoa-2026", own, 5), PW_PERSONAL);
	CHECK_INT(judge(a, "hoa sen nở muộn", own, 5), PW_OK);
	CHECK_INT(judge(a, "Ngựa ô chạy xa", own, 5), PW_OK);
	CHECK_STR(mc_password_verdict_name(PW_COMMON), "common");
	CHECK_STR(mc_password_verdict_name(PW_PERSONAL), "personal");
}

/* 1 if the session token is still live. */
static int
live(struct mc_db *db, struct mc_arena *a, const char *token)
{
	long long id;

	return mc_auth_token_owner(db, a, 0, token, &id) == 1;
}

static void
test_db(struct mc_db *db, struct mc_arena *a)
{
	char	    s1[65], s2[65], t1[65], t2[65];
	const char *email = mc_arena_printf(a, "pw-%d-%ld@test.motcua.vn",
	    (int)getpid(), (long)time(NULL));
	long long   id, got = 0, owner = 0;
	time_t	    now = time(NULL);
	int	    i, rc;

	id = mc_auth_account_create(db, email, NULL, "Người Đổi", NULL,
	    "mật khẩu đầu tiên");
	CHECK(id > 0);
	CHECK_INT(mc_password_is_current(db, a, id, "mật khẩu đầu tiên"), 1);
	CHECK_INT(mc_password_is_current(db, a, id, "khác"), 0);

	/* A change keeps this session and ends the others. */
	CHECK(mc_auth_session_new(db, id, s1) == 0);
	CHECK(mc_auth_session_new(db, id, s2) == 0);
	CHECK(mc_password_set(db, id, "mật khẩu thứ hai", s1) == 0);
	CHECK(live(db, a, s1));
	CHECK(!live(db, a, s2));
	CHECK_INT(mc_password_is_current(db, a, id, "mật khẩu thứ hai"), 1);

	/* A reset link: unknown e-mails get none; used once; ends all. */
	CHECK_INT(mc_password_reset_new(db, a, "nobody-pw@test.motcua.vn", now,
		      t1, &got),
	    0);
	CHECK_INT(mc_password_reset_new(db, a, email, now, t1, &got), 1);
	CHECK_INT(got, id);
	CHECK_INT(mc_password_reset_new(db, a, email, now, t2, &got), 1);
	CHECK_INT(mc_password_reset_owner(db, a, t1, now, &owner), 1);
	CHECK_INT(owner, id);
	CHECK_INT(mc_password_reset_owner(db, a, t1, now + 3601, &owner), 0);
	CHECK_INT(mc_password_reset_owner(db, a, "00", now, &owner), 0);
	CHECK_INT(mc_password_reset_finish(db, t1, id, "mật khẩu thứ ba", now),
	    1);
	CHECK(!live(db, a, s1));
	CHECK_INT(mc_password_is_current(db, a, id, "mật khẩu thứ ba"), 1);
	CHECK_INT(mc_password_reset_finish(db, t1, id, "lần nữa nhé", now), 0);
	/* The other link sent before it died with the first one's use. */
	CHECK_INT(mc_password_reset_owner(db, a, t2, now, &owner), 0);
	CHECK_INT(mc_password_is_current(db, a, id, "mật khẩu thứ ba"), 1);

	/* At most MC_PASSWORD_RESETS_HOUR links an hour. */
	for (i = 2; i < MC_PASSWORD_RESETS_HOUR; i++)
		CHECK_INT(mc_password_reset_new(db, a, email, now, t2, &got),
		    1);
	rc = mc_password_reset_new(db, a, email, now, t2, &got);
	CHECK_INT(rc, 0);
}

int
main(void)
{
	struct mc_arena *a = mc_arena_new(65536);
	const char	*top = getenv("TOP");
	struct mc_db	*db;
	char		 path[1024];

	snprintf(path, sizeof(path), "%s/db/seed/common-passwords.txt",
	    top != NULL ? top : ".");
	CHECK(mc_password_load(path) == 0);
	test_rule(a);
	if (NEED_DB("unit_password")) {
		if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
			CHECK(!"database reachable");
		} else {
			test_db(db, a);
			mc_db_close(db);
		}
	}
	mc_arena_free(a);
	return DONE();
}
