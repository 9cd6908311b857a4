/*
 * Unit tests of mc_auth that need no database: Argon2id hashing and
 * verification, CSRF tokens bound to the visitor's cookie, role checks; and
 * of mc_config's environment overrides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mc_app.h"
#include "mc_arena.h"
#include "mc_session.h"
#include "mc_config.h"
#include "mc_http.h"
#include "mc_util.h"

static void
test_passwords(void)
{
	char h1[128], h2[128];

	CHECK_INT(mc_auth_hash_password("MotCua@2026", h1, sizeof(h1)), 0);
	CHECK_INT(mc_auth_hash_password("MotCua@2026", h2, sizeof(h2)), 0);
	CHECK(strncmp(h1, "$argon2id$", 10) == 0);
	CHECK(strcmp(h1, h2) != 0); /* salted */
	CHECK_INT(mc_auth_verify_password(h1, "MotCua@2026"), 1);
	CHECK_INT(mc_auth_verify_password(h2, "MotCua@2026"), 1);
	CHECK_INT(mc_auth_verify_password(h1, "motcua@2026"), 0);
	CHECK_INT(mc_auth_verify_password("not a hash", "x"), -1);
	CHECK_INT(mc_auth_hash_password("x", h1, 10), -1); /* no room */
}

static struct mc_request *
visitor(struct mc_arena *a, const char *cookie)
{
	struct mc_request *r = mc_arena_alloc(a, sizeof(*r));

	r->arena = a;
	r->cookie = cookie;
	mc_buf_init(&r->headers, 4096);
	return r;
}

/* A header set again replaces every line of its name, and only those. */
static void
test_header_set(void)
{
	struct mc_arena	  *a = mc_arena_new(4096);
	struct mc_request *r = visitor(a, NULL);

	mc_resp_header(r, "Content-Security-Policy", "default-src 'self'");
	mc_resp_header(r, "X-Frame-Options", "DENY");
	mc_resp_header(r, "content-security-policy", "second");
	mc_resp_header(r, "Content-Security-Policy-Report-Only", "kept");
	mc_resp_header_set(r, "Content-Security-Policy", "style-src 'none'");
	CHECK_STR(r->headers.s,
	    "X-Frame-Options: DENY\r\n"
	    "Content-Security-Policy-Report-Only: kept\r\n"
	    "Content-Security-Policy: style-src 'none'\r\n");
	CHECK_INT(r->headers.len, strlen(r->headers.s));
	mc_buf_free(&r->headers);
	mc_arena_free(a);
}

/*
 * Over TLS an answer carries HSTS and its cookies are Secure; over plain
 * HTTP (a development instance) neither, or the site could not be used.
 */
static void
test_tls_headers(void)
{
	struct mc_arena	  *a = mc_arena_new(4096);
	struct mc_request *r = visitor(a, NULL);

	mc_app_security_headers(r);
	mc_resp_cookie(r, "lang", "en", 60);
	CHECK(strstr(r->headers.s, "X-Content-Type-Options: nosniff\r\n"));
	CHECK(strstr(r->headers.s, "Strict-Transport-Security") == NULL);
	CHECK(strstr(r->headers.s, "; Secure") == NULL);
	mc_buf_free(&r->headers);
	r = visitor(a, NULL);
	r->https = "on";
	mc_app_security_headers(r);
	mc_resp_cookie(r, "lang", "en", 60);
	CHECK(strstr(r->headers.s,
	    "Strict-Transport-Security: max-age="
	    "63072000; includeSubDomains\r\n"));
	CHECK(strstr(r->headers.s, "; Secure") != NULL);
	mc_buf_free(&r->headers);
	mc_arena_free(a);
}

static void
test_csrf(void)
{
	struct mc_arena	  *a = mc_arena_new(4096);
	struct mc_request *r, *r2;
	const char	  *anon = "mc_anon="
				  "0123456789abcdef0123456789abcdef"
				  "0123456789abcdef0123456789abcdef";
	const char	  *t1, *t2, *t3;

	mc_config_set("secret", "test-secret");
	/* A first visit gets an anonymous cookie and a token bound to it. */
	r = visitor(a, NULL);
	t1 = mc_auth_csrf(r);
	CHECK_INT(strlen(t1), 64);
	CHECK(strstr(r->headers.s, "Set-Cookie: mc_anon=") != NULL);
	CHECK(strstr(r->headers.s, "HttpOnly") != NULL);
	CHECK(strstr(r->headers.s, "SameSite=Lax") != NULL);
	CHECK_INT(mc_auth_csrf_ok(r, t1, 0), 1);
	mc_buf_free(&r->headers);
	/* The same cookie gives the same token; another cookie does not. */
	r = visitor(a, anon);
	t2 = mc_auth_csrf(r);
	CHECK_INT(mc_auth_csrf_ok(r, t2, 0), 1);
	CHECK(strcmp(t1, t2) != 0);
	r2 = visitor(a, anon);
	CHECK_INT(mc_auth_csrf_ok(r2, t2, 0), 1);
	CHECK_INT(mc_auth_csrf_ok(r2, t1, 0), 0);
	CHECK_INT(mc_auth_csrf_ok(r2, NULL, 0), 0);
	CHECK_INT(mc_auth_csrf_ok(r2, "short", 0), 0);
	/*
	 * Logged in, the tokens follow the session: the anonymous one counts
	 * only on a visitor's form (the login, opened before the session).
	 */
	r2 = visitor(a, anon);
	r2->session_token = "fedcba9876543210fedcba9876543210"
			    "fedcba9876543210fedcba9876543210";
	CHECK_INT(mc_auth_csrf_ok(r2, t2, 0), 0);
	CHECK_INT(mc_auth_csrf_ok(r2, t2, 1), 1);
	CHECK_INT(mc_auth_csrf_ok(r2, t1, 1), 0);
	t3 = mc_auth_csrf(r2);
	CHECK(strcmp(t3, t2) != 0);
	CHECK_INT(mc_auth_csrf_ok(r2, t3, 0), 1);
	CHECK_INT(mc_auth_csrf_ok(r2, t3, 1), 1);
	/* No cookie at all: nothing validates. */
	r2 = visitor(a, NULL);
	CHECK_INT(mc_auth_csrf_ok(r2, t2, 0), 0);
	/* Another secret, another token. */
	mc_config_set("secret", "other-secret");
	r = visitor(a, anon);
	t3 = mc_auth_csrf(r);
	CHECK(strcmp(t2, t3) != 0);
	mc_arena_free(a);
}

static void
test_roles(void)
{
	struct mc_grant g[2] = { { ROLE_RECEIVER, 12 }, { ROLE_LEADER, 40 } };
	struct mc_user	u;

	memset(&u, 0, sizeof(u));
	u.grants = g;
	u.ngrants = 2;
	u.roles = 1u << ROLE_RECEIVER | 1u << ROLE_LEADER;
	CHECK(mc_auth_has_role(&u, ROLE_RECEIVER));
	CHECK(!mc_auth_has_role(&u, ROLE_ADMIN));
	CHECK(!mc_auth_has_role(NULL, ROLE_CITIZEN));
	CHECK(mc_auth_acts_for(&u, 1u << ROLE_RECEIVER, 12));
	CHECK(!mc_auth_acts_for(&u, 1u << ROLE_RECEIVER, 40));
	CHECK(
	    mc_auth_acts_for(&u, 1u << ROLE_RECEIVER | 1u << ROLE_LEADER, 40));
	CHECK(!mc_auth_acts_for(&u, 1u << ROLE_SPECIALIST, 12));
	CHECK_INT(mc_auth_role_parse("leader"), ROLE_LEADER);
	CHECK_INT(mc_auth_role_parse("boss"), -1);
	CHECK_STR(mc_auth_role_name(ROLE_CITIZEN), "citizen");
}

static void
test_config(void)
{
	CHECK_INT(mc_config_set("workers", "7"), 0);
	CHECK_INT(mc_config_int("workers", 4, 1, 64), 7);
	CHECK_INT(mc_config_int("workers", 4, 1, 5), 4); /* out of range */
	setenv("MOTCUA_WORKERS", "9", 1);
	CHECK_INT(mc_config_int("workers", 4, 1, 64), 9); /* env wins */
	unsetenv("MOTCUA_WORKERS");
	CHECK_STR(mc_config_get("no_such_key", "dflt"), "dflt");
}

/* The process's anonymous resident memory (heap, stacks), KiB; -1. */
static long
rss_anon_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char  line[256];
	long  kib = -1;

	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "RssAnon: %ld kB", &kib) == 1)
			break;
	if (f != NULL)
		fclose(f);
	return kib;
}

/*
 * A password hash's 19 MiB is given back once freed (mc_malloc_give_back,
 * called at the start of main as the programs do): hashing again leaves
 * the process no bigger. Without it, once a bigger block has been freed,
 * glibc takes its size as the threshold and the hashes' blocks come from
 * the heap and stay resident. AddressSanitizer has
 * its own allocator: not measured there.
 */
static void
test_memory(long base)
{
#if !defined(__SANITIZE_ADDRESS__)
	char h[128];
	long after;
	int  i;
	unsigned char *volatile big = malloc(32 << 20);

	/* A bigger block freed first (an upload, a report), as in a
	 * worker's life: glibc would take its size as the new threshold. */
	CHECK(big != NULL);
	if (big != NULL)
		memset(big, 1, 32 << 20);
	free(big);
	for (i = 0; i < 3; i++)
		CHECK_INT(mc_auth_hash_password("MotCua@2026", h, sizeof(h)),
		    0);
	after = rss_anon_kib();
	CHECK(base > 0 && after > 0);
	/* From the start of main: test_passwords hashed twice too. */
	if (after - base >= 4096)
		fprintf(stderr, "test_memory: %ld KiB kept\n", after - base);
	CHECK(after - base < 4096);
#endif
}

int
main(void)
{
	long base = rss_anon_kib();

	mc_malloc_give_back();
	test_passwords();
	test_csrf();
	test_header_set();
	test_tls_headers();
	test_roles();
	test_config();
	test_memory(base);
	return DONE();
}
