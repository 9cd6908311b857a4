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
#include "mc_util.h"

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

/* Sets back when a session was last used by some minutes. */
static void
idle_for(struct mc_db *db, const char *token, long minutes)
{
	unsigned char h[32];
	char	      at[20];

	mc_sha256(h, token, strlen(token));
	mc_time_sql(at, time(NULL) - minutes * 60);
	CHECK(mc_db_exec(db,
		  "UPDATE sessions SET last_seen_at = ?, created_at = ? "
		  "WHERE token_hash = ?",
		  "ssb", at, at, (char *)h, sizeof(h)) == 1);
}

/*
 * The list of an account's sessions (the current one marked, where from),
 * ending one of them (never another account's), every other one, and the
 * idle timeout of the config's session_idle_minutes.
 */
static void
test_sessions(struct mc_db *db, struct mc_arena *a)
{
	char	       s1[65], s2[65], s3[65], x[65];
	const char    *email = mc_arena_printf(a, "sess-%d-%ld@test.motcua.vn",
	       (int)getpid(), (long)time(NULL));
	struct mc_rows rows;
	long long      id, other, sid;
	size_t	       i, cur = 0;

	id = mc_auth_account_create(db, email, NULL, "Người Nhiều Phiên", NULL,
	    "mật khẩu phiên đăng nhập");
	other = mc_auth_account_create(db, mc_arena_printf(a, "x-%s", email),
	    NULL, "Người Khác", NULL, "mật khẩu người khác");
	CHECK(id > 0 && other > 0);
	CHECK(mc_auth_session_open(db, id,
		  "Mozilla/5.0 (X11; Linux x86_64) "
		  "Chrome/120.0 Safari/537.36",
		  "192.0.2.7", "password", s1) == 0);
	CHECK(mc_auth_session_open(db, id, NULL, NULL, NULL, s2) == 0);
	CHECK(mc_auth_session_open(db, id, NULL, NULL, NULL, s3) == 0);
	CHECK(mc_auth_session_new(db, other, x) == 0);

	CHECK_INT(mc_auth_sessions(db, a, id, s1, &rows), 0);
	CHECK_INT(rows.n, 3);
	for (i = 0; i < rows.n; i++)
		if (mc_rows_int(&rows, i, SESS_CURRENT)) {
			cur++;
			CHECK_STR(mc_rows_str(&rows, i, SESS_ADDRESS),
			    "192.0.2.7");
			CHECK(strstr(mc_rows_str(&rows, i, SESS_AGENT),
				  "Chrome/") != NULL);
		}
	CHECK_INT(cur, 1);

	/* Another account's session cannot be ended by its id. */
	CHECK_INT(mc_auth_sessions(db, a, other, NULL, &rows), 0);
	CHECK_INT(rows.n, 1);
	sid = mc_rows_int(&rows, 0, SESS_ID);
	CHECK_INT(mc_auth_session_end_id(db, id, sid), 0);
	CHECK(live(db, a, x));

	/* Idle longer than the limit: over, and no longer listed. */
	CHECK_INT(mc_config_set("session_idle_minutes", "10"), 0);
	CHECK_INT(mc_auth_session_idle(), 10);
	idle_for(db, s3, 9);
	CHECK(live(db, a, s3)); /* and this use starts its clock again */
	idle_for(db, s3, 11);
	CHECK(!live(db, a, s3));
	CHECK_INT(mc_auth_sessions(db, a, id, s1, &rows), 0);
	CHECK_INT(rows.n, 2);
	CHECK_INT(mc_config_set("session_idle_minutes", "0"), 0);
	CHECK_INT(mc_auth_session_idle(), MC_SESSION_IDLE_MINUTES);
	idle_for(db, s3, 12);
	CHECK(live(db, a, s3)); /* the default: 30 minutes */

	/* One by its id; then every other; this one stays. */
	CHECK_INT(mc_auth_sessions(db, a, id, s1, &rows), 0);
	for (i = 0; i < rows.n; i++)
		if (!mc_rows_int(&rows, i, SESS_CURRENT))
			break;
	CHECK(i < rows.n);
	sid = mc_rows_int(&rows, i, SESS_ID);
	CHECK_INT(mc_auth_session_end_id(db, id, sid), 1);
	CHECK_INT(mc_auth_session_end_id(db, id, sid), 0);
	CHECK_INT(mc_auth_sessions_end(db, id, s1), 1);
	CHECK(live(db, a, s1));
	CHECK(!live(db, a, s2) && !live(db, a, s3));
	CHECK(live(db, a, x));
	CHECK_INT(mc_auth_sessions_end(db, id, NULL), 1);
	CHECK(!live(db, a, s1));
	CHECK_INT(mc_auth_sessions_end(db, other, NULL), 1);
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
			test_sessions(db, a);
			mc_db_close(db);
		}
	}
	mc_arena_free(a);
	return DONE();
}
