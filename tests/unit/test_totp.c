/*
 * Officers' second factor (mc_totp): the RFC 6238 test vectors (appendix B,
 * SHA-1, SHA-256 and SHA-512, eight digits) and, against the database of a
 * test instance (MOTCUA_CONFIG), enrolment confirmed by a code, a code good
 * once, recovery codes used once, the policy and an administrator's reset.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <liboath/oath.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_totp.h"

static void
test_rfc6238(void)
{
	static const struct {
		long long   t;
		const char *sha1, *sha256, *sha512;
	} v[] = {
		{ 59, "94287082", "46119246", "90693936" },
		{ 1111111109, "07081804", "68084774", "25091201" },
		{ 1111111111, "14050471", "67062674", "99943326" },
		{ 1234567890, "89005924", "91819424", "93441116" },
		{ 2000000000, "69279037", "90698825", "38618901" },
		{ 20000000000LL, "65353130", "77737706", "47863826" },
	};
	const char *k20 = "12345678901234567890";
	const char *k32 = "12345678901234567890123456789012";
	const char *k64 = "1234567890123456789012345678901234567890123456789"
			  "012345678901234";
	char	    out[9];
	size_t	    i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		CHECK(mc_totp_code(k20, 20, (time_t)v[i].t, 8, 1, out) == 0);
		CHECK_STR(out, v[i].sha1);
		CHECK(mc_totp_code(k32, 32, (time_t)v[i].t, 8, 256, out) == 0);
		CHECK_STR(out, v[i].sha256);
		CHECK(mc_totp_code(k64, 64, (time_t)v[i].t, 8, 512, out) == 0);
		CHECK_STR(out, v[i].sha512);
	}
}

/* The code of a base32 secret at t. */
static void
code_at(const char *b32, time_t t, char out[7])
{
	char  *raw;
	size_t n;

	CHECK(oath_base32_decode(b32, strlen(b32), &raw, &n) == OATH_OK);
	CHECK_INT(n, MC_TOTP_SECRET_BYTES);
	CHECK(mc_totp_code(raw, n, t, 6, 1, out) == 0);
	free(raw);
}

static void
test_db(struct mc_db *db, struct mc_arena *a)
{
	char	    codes[MC_TOTP_RECOVERY][MC_TOTP_RECOVERY_SIZE];
	char	    c[7], s1[65], s2[65];
	const char *b32, *b32b, *uri;
	const char *email = mc_arena_printf(a, "totp-%d-%ld@test.motcua.vn",
	    (int)getpid(), (long)time(NULL));
	struct mc_user	  *u;
	enum mc_totp_state st;
	time_t		   now = time(NULL);
	long long	   id, owner;
	int		   must, rec, i;

	id = mc_auth_account_create(db, email, NULL, "Cán Bộ Hai Bước", NULL,
	    "mật khẩu của cán bộ");
	CHECK(id > 0);
	CHECK(mc_auth_grant(db, id, ROLE_RECEIVER, 1) == 0);
	CHECK(mc_auth_account_load(db, a, id, &u) == 1);

	/* The policy: required for officers unless the config says not. */
	mc_config_set("totp_officers", "required");
	CHECK_INT(mc_totp_missing(db, a, u), 1);
	mc_config_set("totp_officers", "optional");
	CHECK_INT(mc_totp_missing(db, a, u), 0);

	CHECK(mc_totp_begin(db, a, id, &b32) == 0 && b32 != NULL);
	CHECK_INT(strlen(b32), 32);
	CHECK(mc_totp_begin(db, a, id, &b32b) == 0 && b32b != NULL);
	CHECK_STR(b32b, b32); /* the pending secret stays until confirmed */
	uri = mc_totp_uri(a, email, b32);
	CHECK(strncmp(uri, "otpauth://totp/M%E1%BB%99t%20C%E1%BB%ADa:", 41) ==
	    0);
	CHECK(strstr(uri, b32) != NULL);
	CHECK(mc_totp_status(db, a, u, &st, &must) == 0);
	CHECK_INT(st, TOTP_PENDING);

	/* A wrong code does not confirm; the right one does, once. */
	CHECK(mc_auth_session_new(db, id, s1) == 0);
	CHECK(mc_auth_session_new(db, id, s2) == 0);
	CHECK_INT(mc_totp_confirm(db, a, id, "000000x", now, s1, codes), 0);
	code_at(b32, now - 10 * MC_TOTP_STEP, c);
	CHECK_INT(mc_totp_confirm(db, a, id, c, now, s1, codes), 0);
	code_at(b32, now, c);
	CHECK_INT(mc_totp_confirm(db, a, id, c, now, s1, codes), 1);
	CHECK(mc_auth_token_owner(db, a, 0, s1, &owner) == 1);
	CHECK(mc_auth_token_owner(db, a, 0, s2, &owner) == 0);
	CHECK_INT(strlen(codes[0]), 11);
	CHECK(codes[0][5] == '-');
	CHECK(strcmp(codes[0], codes[1]) != 0);
	CHECK(mc_totp_begin(db, a, id, &b32b) == 0 && b32b == NULL);
	CHECK(mc_totp_status(db, a, u, &st, &must) == 0);
	CHECK_INT(st, TOTP_ON);

	/* The confirming code's step is spent; the next step's code works
	 * once, a step's neighbour within the window too. */
	CHECK_INT(mc_totp_check(db, a, id, c, now, &rec), 0);
	code_at(b32, now + MC_TOTP_STEP, c);
	CHECK_INT(mc_totp_check(db, a, id, c, now, &rec), 1);
	CHECK_INT(rec, 0);
	CHECK_INT(mc_totp_check(db, a, id, c, now, &rec), 0);
	code_at(b32, now + 3 * MC_TOTP_STEP, c);
	CHECK_INT(mc_totp_check(db, a, id, c, now, &rec), 0);

	/* Recovery codes: in any case, with or without the dash; once. */
	CHECK_INT(mc_totp_recovery_left(db, a, id), MC_TOTP_RECOVERY);
	for (i = 0; codes[3][i] != '\0'; i++) /* any case */
		codes[3][i] = (char)toupper((unsigned char)codes[3][i]);
	CHECK_INT(mc_totp_check(db, a, id, codes[3], now, &rec), 1);
	CHECK_INT(rec, 1);
	CHECK_INT(mc_totp_check(db, a, id, codes[3], now, &rec), 0);
	CHECK_INT(mc_totp_check(db, a, id, "zzzzz-zzzzz", now, &rec), 0);
	CHECK_INT(mc_totp_recovery_left(db, a, id), MC_TOTP_RECOVERY - 1);

	/* The administrator's reset: gone, sessions ended, must enrol. */
	CHECK(mc_totp_reset(db, id) == 0);
	CHECK(mc_auth_token_owner(db, a, 0, s1, &owner) == 0);
	CHECK(mc_totp_status(db, a, u, &st, &must) == 0);
	CHECK_INT(st, TOTP_NONE);
	CHECK_INT(must, 1);
	CHECK_INT(mc_totp_missing(db, a, u), 1);
	CHECK_INT(mc_totp_recovery_left(db, a, id), 0);
	code_at(b32, now + 2 * MC_TOTP_STEP, c);
	CHECK_INT(mc_totp_check(db, a, id, c, now, &rec), 0);
	/* Enrolling again clears the must. */
	CHECK(mc_totp_begin(db, a, id, &b32b) == 0 && b32b != NULL);
	CHECK(strcmp(b32b, b32) != 0);
	code_at(b32b, now, c);
	CHECK_INT(mc_totp_confirm(db, a, id, c, now, NULL, codes), 1);
	CHECK(mc_totp_status(db, a, u, &st, &must) == 0);
	CHECK_INT(must, 0);
	CHECK_INT(st, TOTP_ON);
}

int
main(void)
{
	struct mc_arena *a = mc_arena_new(65536);
	struct mc_db	*db;

	test_rfc6238();
	if (NEED_DB("unit_totp")) {
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
