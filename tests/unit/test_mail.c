/*
 * E-mail encoding (lib/core/mc_mail), without a database: the RFC 5322
 * message (RFC 2047 subject and sender's name, base64 body in canonical
 * form, Message-ID, lines under 78), no header injection through the
 * subject, an address or the Message-ID, and the address rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_mail.h"

/* base64 of s, decoded into the arena (NUL-terminated); NULL if bad. */
static char *
unbase64(struct mc_arena *a, const char *s, size_t n)
{
	unsigned char *out = mc_arena_alloc(a, n + 4);
	int	       len;

	if ((len = EVP_DecodeBlock(out, (const unsigned char *)s, (int)n)) < 0)
		return NULL;
	while (n > 0 && s[n - 1] == '=') { /* padding counted as zeros */
		len--;
		n--;
	}
	out[len] = '\0';
	return (char *)out;
}

/* The value of header name (unfolded encoded words joined), or NULL. */
static const char *
header(struct mc_arena *a, const char *msg, const char *name)
{
	struct buf  b;
	const char *p, *end, *w, *q;
	char	   *out;
	size_t	    n = strlen(name);

	for (p = msg; p != NULL && *p != '\0' && strncmp(p, "\r\n", 2) != 0;
	     p = strstr(p, "\r\n") ? strstr(p, "\r\n") + 2 : NULL)
		if (strncmp(p, name, n) == 0 && p[n] == ':')
			break;
	if (p == NULL || strncmp(p, name, n) != 0)
		return NULL;
	/* The field runs until a line that does not start with a space. */
	for (end = p; (end = strstr(end, "\r\n")) != NULL && end[2] == ' ';
	     end += 2)
		;
	mc_buf_init(&b, 4096);
	for (w = p + n + 1; w < end; w = q + 2) {
		if ((w = strstr(w, "=?UTF-8?B?")) == NULL || w >= end)
			break;
		w += 10;
		if ((q = strstr(w, "?=")) == NULL)
			break;
		mc_buf_adds(&b, unbase64(a, w, (size_t)(q - w)));
	}
	out = mc_arena_strdup(a, b.len ? b.s : "");
	mc_buf_free(&b);
	return out;
}

static void
test_message(struct mc_arena *a)
{
	struct mc_mail m;
	struct buf     b;
	const char    *subject, *body, *p, *line;
	size_t	       longest = 0;
	int	       bare_lf = 0;

	memset(&m, 0, sizeof(m));
	m.from = "noreply@motcua.local";
	m.from_name = "Một Cửa";
	m.message_id = "outbox-4242@motcua";
	m.to = "cong.dan@example.vn";
	m.subject =
	    "Hồ sơ 000.00.16.H29-261127-0001 đã được tiếp nhận – "
	    "thời hạn trả kết quả ngày 30/11/2026, Ủy ban nhân dân Phường "
	    "Bến Thành";
	m.body = "Kính gửi Nguyễn Văn An,\n\nDòng hai.\n.\nDòng cuối.";
	m.date = 1795000000;
	mc_buf_init(&b, 1 << 20);
	CHECK_INT(mc_mail_message(&b, &m), 0);
	CHECK(strstr(b.s, "\r\nMessage-ID: <outbox-4242@motcua>\r\n") != NULL);
	CHECK(strstr(b.s, "\r\nTo: <cong.dan@example.vn>\r\n") != NULL);
	CHECK(strstr(b.s, "\r\nContent-Type: text/plain; charset=UTF-8\r\n") !=
	    NULL);
	CHECK(strncmp(b.s, "Date: ", 6) == 0);
	CHECK(strstr(b.s, "+0700\r\n") != NULL);
	/* Every line ends in CRLF and keeps under 78 characters. */
	for (p = line = b.s; *p != '\0'; p++) {
		if (*p == '\n' && (p == b.s || p[-1] != '\r'))
			bare_lf++;
		if (*p == '\n') {
			if ((size_t)(p - line) > longest)
				longest = (size_t)(p - line);
			line = p + 1;
		}
	}
	CHECK_INT(bare_lf, 0);
	CHECK(longest <= 78);
	/* The subject decodes back whole, each word valid UTF-8 alone. */
	subject = header(a, b.s, "Subject");
	CHECK_STR(subject, m.subject);
	CHECK_STR(header(a, b.s, "From"), "Một Cửa");
	/* The body decodes back, in canonical form. */
	p = strstr(b.s, "\r\n\r\n") + 4;
	{
		struct buf  raw;
		const char *q;

		mc_buf_init(&raw, 1 << 20);
		for (q = p; *q != '\0'; q++)
			if (*q != '\r' && *q != '\n')
				mc_buf_addc(&raw, *q);
		body = unbase64(a, raw.s, raw.len);
		mc_buf_free(&raw);
	}
	CHECK_STR(body,
	    "Kính gửi Nguyễn Văn An,\r\n\r\nDòng hai.\r\n.\r\n"
	    "Dòng cuối.");
	/* The same row makes the same message: duplicates are detectable. */
	{
		struct buf again;

		mc_buf_init(&again, 1 << 20);
		mc_mail_message(&again, &m);
		CHECK_STR(again.s, b.s);
		mc_buf_free(&again);
	}
	/* No header injection: through the subject or the address. */
	mc_buf_reset(&b);
	m.subject = "Chào\r\nBcc: victim@example.com";
	m.from_name = NULL;
	CHECK_INT(mc_mail_message(&b, &m), 0);
	CHECK(strstr(b.s, "\nBcc:") == NULL);
	CHECK_STR(header(a, b.s, "Subject"), m.subject);
	CHECK(strstr(b.s, "From: <noreply@motcua.local>\r\n") != NULL);
	mc_buf_reset(&b);
	m.to = "a@b.vn\r\nBcc: victim@example.com";
	CHECK_INT(mc_mail_message(&b, &m), -1);
	CHECK_INT((long long)b.len, 0);
	m.to = "cong.dan@example.vn";
	m.message_id = "x@y>\r\nBcc: victim@example.com";
	CHECK_INT(mc_mail_message(&b, &m), -1);
	CHECK_INT((long long)b.len, 0);
	mc_buf_free(&b);

	CHECK(mc_mail_address_ok("a.b+c@sub.example.vn"));
	CHECK(!mc_mail_address_ok("a b@example.vn"));
	CHECK(!mc_mail_address_ok("<a@example.vn>"));
	CHECK(!mc_mail_address_ok("a@b@example.vn"));
	CHECK(!mc_mail_address_ok("@example.vn"));
	CHECK(!mc_mail_address_ok("nguyễn@example.vn"));
	CHECK(!mc_mail_address_ok(NULL));
}

static void
test_base64(void)
{
	struct buf b;

	mc_buf_init(&b, 1024);
	CHECK_INT(mc_mail_base64(&b, "", 0, 0), 0);
	CHECK_STR(b.len ? b.s : "", "");
	CHECK_INT(mc_mail_base64(&b, "Ma", 2, 0), 0);
	CHECK_STR(b.s, "TWE=");
	mc_buf_reset(&b);
	CHECK_INT(mc_mail_base64(&b, "abcdefghi", 9, 8), 0);
	CHECK_STR(b.s, "YWJjZGVm\r\nZ2hp");
	mc_buf_reset(&b);
	/* A word never splits a character: 40 bytes of "ệ" (3 bytes each). */
	CHECK_INT(mc_mail_encoded_words(&b, "ệệệệệệệệệệệệệệ"), 0);
	CHECK(strstr(b.s, "?=\r\n =?UTF-8?B?") != NULL);
	mc_buf_free(&b);
}

int
main(void)
{
	struct mc_arena *a = mc_arena_new(1 << 16);

	setenv("TZ", "Asia/Ho_Chi_Minh", 1); /* as mc_config_load does */
	tzset();
	test_message(a);
	test_base64();
	mc_arena_free(a);
	return DONE();
}
