/*
 * Limits on guessing (mc_throttle.h): one row per kind and subject with its
 * failures in the current window and the time it is blocked until.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_throttle.h"
#include "mc_util.h"

enum stmt { STMT_GET, STMT_FAIL, STMT_CLEAR, STMT_GET2, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_GET] = "SELECT failures, window_start, "
	    "COALESCE(blocked_until, '1970-01-02 00:00:00') "
	    "FROM throttle WHERE kind = ? AND subject = ?",
	/*
	 * One statement, so that concurrent failures all count: a new window
	 * when the old one is over, else one more failure; blocked once the
	 * count reaches the limit. Arguments: kind, subject, now, now - window,
	 * now, max, now + block (SET clauses run left to right).
	 */
	[STMT_FAIL] = "INSERT INTO throttle (kind, subject, failures, "
	    "window_start, blocked_until) VALUES (?, ?, 1, ?, NULL) "
	    "ON DUPLICATE KEY UPDATE "
	    "failures = IF(window_start < ?, 1, failures + 1), "
	    "window_start = IF(failures = 1, ?, window_start), "
	    "blocked_until = IF(failures >= ?, ?, blocked_until)",
	[STMT_CLEAR] = "DELETE FROM throttle WHERE kind = ? AND subject = ?",
	/* The later end of two subjects' blocks, in one query. */
	[STMT_GET2] = "SELECT COALESCE(MAX(blocked_until), "
	    "'1970-01-02 00:00:00') FROM throttle "
	    "WHERE (kind = ? AND subject = ?) OR (kind = ? AND subject = ?)",
};
/* clang-format on */

/* clang-format off */
static const struct mc_throttle_rule defaults[THROTTLE__MAX] = {
	[THROTTLE_LOGIN] = { "login", 5, 900, 900 },
	[THROTTLE_LOGIN_ADDR] = { "login_addr", 50, 900, 900 },
	[THROTTLE_LOOKUP] = { "lookup", 5, 900, 900 },
	[THROTTLE_LOOKUP_ADDR] = { "lookup_addr", 30, 900, 900 },
};
/* clang-format on */

struct mc_throttle_rule
mc_throttle_rule(enum mc_throttle_kind k)
{
	struct mc_throttle_rule r = defaults[k];
	char			name[64];

	snprintf(name, sizeof(name), "throttle_%s_max", r.name);
	r.max = (long)mc_config_int(name, r.max, 1, 1000000);
	snprintf(name, sizeof(name), "throttle_%s_window", r.name);
	r.window = (long)mc_config_int(name, r.window, 1, 86400 * 30);
	snprintf(name, sizeof(name), "throttle_%s_block", r.name);
	r.block = (long)mc_config_int(name, r.block, 1, 86400 * 30);
	return r;
}

/* SHA-256 of the kind's name and the key, lowercased. */
static void
subject(unsigned char out[32], enum mc_throttle_kind k, const char *key)
{
	char   buf[512];
	size_t i, n;

	n = (size_t)snprintf(buf, sizeof(buf), "%s:", defaults[k].name);
	for (i = 0; key[i] != '\0' && n < sizeof(buf) - 1; i++)
		buf[n++] = (char)tolower((unsigned char)key[i]);
	mc_sha256(out, buf, n);
}

void
mc_throttle_subject(enum mc_throttle_kind k, const char *key,
    unsigned char out[32])
{
	subject(out, k, key ? key : "");
}

const char *
mc_throttle_kind_name(enum mc_throttle_kind k)
{
	return defaults[k].name;
}

long
mc_throttle_wait(struct mc_db *db, struct mc_arena *a, enum mc_throttle_kind k,
    const char *key, time_t now)
{
	struct mc_rows rows;
	unsigned char  h[32];
	time_t	       until;

	if (key == NULL || *key == '\0')
		return 0;
	subject(h, k, key);
	if (mc_db_query(db, a, &rows, stmts[STMT_GET], "sb", defaults[k].name,
		(char *)h, sizeof(h)) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	until = mc_time_parse(mc_rows_str(&rows, 0, 2));
	return until > now ? (long)(until - now) : 0;
}

long
mc_throttle_fail(struct mc_db *db, struct mc_arena *a, enum mc_throttle_kind k,
    const char *key, time_t now)
{
	struct mc_throttle_rule r = mc_throttle_rule(k);
	unsigned char		h[32];
	char			at[20], old[20], until[20];

	if (key == NULL || *key == '\0')
		return 0;
	subject(h, k, key);
	mc_time_sql(at, now);
	mc_time_sql(old, now - r.window);
	mc_time_sql(until, now + r.block);
	if (mc_db_exec(db, stmts[STMT_FAIL], "sbsssis", defaults[k].name,
		(char *)h, sizeof(h), at, old, at, (long long)r.max,
		until) < 0)
		return -1;
	return mc_throttle_wait(db, a, k, key, now);
}

int
mc_throttle_clear(struct mc_db *db, enum mc_throttle_kind k, const char *key)
{
	unsigned char h[32];

	if (key == NULL || *key == '\0')
		return 0;
	subject(h, k, key);
	return mc_db_exec(db, stmts[STMT_CLEAR], "sb", defaults[k].name,
		   (char *)h, sizeof(h)) < 0 ?
	    -1 :
	    0;
}

/* The larger of two waits; -1 if either is. */
static long
wait_max(long a, long b)
{
	if (a < 0 || b < 0)
		return -1;
	return a > b ? a : b;
}

long
mc_throttle_lookup_wait(struct mc_db *db, struct mc_arena *a, const char *code,
    const char *address, time_t now)
{
	struct mc_rows rows;
	unsigned char  h1[32], h2[32];
	time_t	       until;

	/* One query for both (the public lookup is a hot path). */
	if (code == NULL || *code == '\0' || address == NULL ||
	    *address == '\0')
		return wait_max(
		    mc_throttle_wait(db, a, THROTTLE_LOOKUP, code, now),
		    mc_throttle_wait(db, a, THROTTLE_LOOKUP_ADDR, address,
			now));
	subject(h1, THROTTLE_LOOKUP, code);
	subject(h2, THROTTLE_LOOKUP_ADDR, address);
	if (mc_db_query(db, a, &rows, stmts[STMT_GET2], "sbsb",
		defaults[THROTTLE_LOOKUP].name, (char *)h1, sizeof(h1),
		defaults[THROTTLE_LOOKUP_ADDR].name, (char *)h2,
		sizeof(h2)) < 0 ||
	    rows.n != 1)
		return -1;
	until = mc_time_parse(mc_rows_str(&rows, 0, 0));
	return until > now ? (long)(until - now) : 0;
}

long
mc_throttle_lookup_fail(struct mc_db *db, struct mc_arena *a, const char *code,
    const char *address, time_t now)
{
	return wait_max(mc_throttle_fail(db, a, THROTTLE_LOOKUP, code, now),
	    mc_throttle_fail(db, a, THROTTLE_LOOKUP_ADDR, address, now));
}
