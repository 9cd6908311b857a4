/*
 * Unit tests of the core lib modules that need no database: arena, buf,
 * util (hex, UTF-8, folding, time), http (query strings, multipart, cookies,
 * validators). The calendar has its own, test_calendar.c.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_dossier.h"
#include "mc_http.h"
#include "mc_util.h"

static void
test_arena(void)
{
	struct mc_arena *a = mc_arena_new(1024);
	char		*s, *big;
	int		 i;

	s = mc_arena_strdup(a, "xin chào");
	CHECK_STR(s, "xin chào");
	CHECK_STR(mc_arena_printf(a, "%d-%s", 42, "x"), "42-x");
	big = mc_arena_alloc(a, 100000); /* larger than a chunk */
	memset(big, 'x', 100000);
	for (i = 0; i < 1000; i++)
		mc_arena_alloc(a, 100);
	CHECK(mc_arena_used(a) >= 200000);
	CHECK_STR(s, "xin chào"); /* earlier data intact */
	mc_arena_reset(a);
	CHECK_INT(mc_arena_used(a), 0);
	s = mc_arena_alloc(a, 16);
	CHECK(s[0] == 0 && s[15] == 0); /* zeroed */
	mc_arena_free(a);
}

static void
test_buf(void)
{
	struct buf b;

	mc_buf_init(&b, 10);
	CHECK_STR(b.s, "");
	CHECK_INT(mc_buf_adds(&b, "12345"), 0);
	CHECK_INT(mc_buf_addf(&b, "%d", 678), 0);
	CHECK_STR(b.s, "12345678");
	CHECK_INT(mc_buf_adds(&b, "abc"), -1); /* would pass the maximum */
	CHECK_STR(b.s, "12345678");	       /* unchanged by the refusal */
	CHECK_INT(mc_buf_adds(&b, "90"), 0);
	CHECK_INT(b.len, 10);
	mc_buf_reset(&b);
	CHECK_INT(mc_buf_add_html(&b, "<a&\">'"), -1); /* 21 bytes > 10 */
	CHECK_INT(b.len, 0);
	mc_buf_free(&b);
	mc_buf_init(&b, 1000);
	mc_buf_add_html(&b, "<script>\"x\" & 'y'</script>");
	CHECK_STR(b.s,
	    "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;"
	    "&lt;/script&gt;");
	mc_buf_reset(&b);
	mc_buf_add_json(&b, "a\"b\\c\n</script>\x01");
	CHECK_STR(b.s, "\"a\\\"b\\\\c\\n\\u003c/script>\\u0001\"");
	/* CSV fields: quoting, and a text that would run as a formula. */
	{
		static const char *const csv[][3] = {
			{ "Phường Bến Thành", "1", "Phường Bến Thành" },
			{ "a,b \"c\"", "1", "\"a,b \"\"c\"\"\"" },
			{ "=HYPERLINK(\"x\")", "1",
			    "\"'=HYPERLINK(\"\"x\"\")\"" },
			{ "=1+2", "1", "'=1+2" },
			{ "+84 909", "1", "'+84 909" },
			{ "-cmd", "1", "'-cmd" },
			{ "@SUM(A1)", "1", "'@SUM(A1)" },
			{ "\tx", "1", "'\tx" },
			{ "\r=x", "1", "\"'\r=x\"" },
			{ "-12", "1", "-12" },	 /* a number, not a formula */
			{ "-3.5", "1", "-3.5" }, /* likewise */
			{ "=1+2", "0", "=1+2" }, /* a number or date column */
			{ "", "1", "" },
		};
		size_t i;

		for (i = 0; i < sizeof(csv) / sizeof(csv[0]); i++) {
			mc_buf_reset(&b);
			CHECK_INT(
			    mc_buf_add_csv(&b, csv[i][0], csv[i][1][0] == '1'),
			    0);
			CHECK_STR(b.s, csv[i][2]);
		}
	}
	mc_buf_free(&b);
}

static void
test_util(void)
{
	struct mc_arena *a = mc_arena_new(4096);
	unsigned char	 raw[4] = { 0x00, 0xab, 0x10, 0xff }, back[4];
	char		 hex[9];
	long long	 n;
	/* "Đăng ký kết hôn" with decomposed marks (NFD). */
	const char *nfd = "\xC4\x90"
			  "a\xCC\x86ng ky\xCC\x81 "
			  "ke\xCC\x82\xCC\x81t ho\xCC\x82n";

	mc_hex(hex, raw, 4);
	CHECK_STR(hex, "00ab10ff");
	CHECK_INT(mc_unhex(back, hex, 4), 0);
	CHECK(memcmp(raw, back, 4) == 0);
	CHECK_INT(mc_unhex(back, "zz00", 2), -1);

	CHECK(mc_utf8_valid("Thủ tục", strlen("Thủ tục")));
	CHECK(!mc_utf8_valid("\xC0\xAF", 2));	      /* overlong '/' */
	CHECK(!mc_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
	CHECK(!mc_utf8_valid("\xE1\xBB", 2));	      /* cut short */
	CHECK(!mc_utf8_valid("\xF5\x80\x80\x80", 4)); /* past U+10FFFF */
	CHECK_INT(mc_utf8_chars("Hồ sơ"), 5);

	CHECK_STR(mc_fold(a, "Đăng ký KẾT HÔN"), "dang ki ket hon");
	CHECK_STR(mc_fold(a, nfd), "dang ki ket hon");
	CHECK_STR(mc_fold(a, "  dang   ky, (ket) hon!! "), "dang ki ket hon");
	CHECK_STR(mc_fold(a, "Thủ tục 1.000894"), "thu tuc 1 000894");
	CHECK(mc_fold(a, "bad \xFF") == NULL);
	CHECK_STR(mc_nfc(a, nfd), "Đăng ký kết hôn");

	CHECK_INT(mc_parse_ll("42", 0, 100, &n), 0);
	CHECK_INT(n, 42);
	CHECK_INT(mc_parse_ll("101", 0, 100, &n), -1);
	CHECK_INT(mc_parse_ll("4x", 0, 100, &n), -1);
	CHECK_INT(mc_parse_ll("", 0, 100, &n), -1);
	CHECK_INT(mc_parse_ll(" 4", 0, 100, &n), -1);
	mc_arena_free(a);
}

static struct mc_request *
request(struct mc_arena *a)
{
	struct mc_request *r = mc_arena_alloc(a, sizeof(*r));

	r->arena = a;
	return r;
}

static const struct mc_param *
param(const struct mc_request *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, name) == 0)
			return &r->params[i];
	return NULL;
}

/* A file's SHA-256 read in blocks equals the one of its bytes in memory. */
static void
test_sha256_file(void)
{
	static char   big[200000];
	unsigned char want[32], got[32];
	char	      path[] = "/tmp/unit-core-sha-XXXXXX";
	long long     size = -1;
	size_t	      i;
	int	      fd;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + i / 251);
	mc_sha256(want, big, sizeof(big));
	if ((fd = mkstemp(path)) < 0) {
		CHECK(!"mkstemp");
		return;
	}
	CHECK(write(fd, big, sizeof(big)) == (ssize_t)sizeof(big));
	close(fd);
	CHECK_INT(mc_sha256_file(path, got, &size), 0);
	CHECK_INT(size, (long long)sizeof(big));
	CHECK(memcmp(got, want, 32) == 0);
	unlink(path);
	CHECK_INT(mc_sha256_file(path, got, &size), -1);
	CHECK_INT(errno, ENOENT);
}

static void
test_http(void)
{
	struct mc_arena	  *a = mc_arena_new(4096);
	struct mc_request *r = request(a);
	const char	  *q = "q=%C4%91%C4%83ng+k%C3%BD&x=a%26b&empty=&flag";
	const char	  *body;
	size_t		   blen;
	const struct mc_param *p;
	struct mc_param	       v;
	char		      *d;
	size_t		       n;

	CHECK_INT(mc_http_parse_urlencoded(r, q, strlen(q)), 0);
	CHECK_INT(r->nparams, 4);
	CHECK_STR(param(r, "q")->value, "đăng ký");
	CHECK_STR(param(r, "x")->value, "a&b");
	CHECK_STR(param(r, "empty")->value, "");
	CHECK_STR(param(r, "flag")->value, "");
	CHECK_INT(mc_http_parse_urlencoded(r, "a=%zz", 5), -1);
	CHECK_INT(mc_http_parse_urlencoded(r, "a=%4", 4), -1);
	CHECK_STR(mc_http_query_escape(a, "Nguyễn a&b=c+d@x.vn/~"),
	    "Nguy%E1%BB%85n%20a%26b%3Dc%2Bd@x.vn%2F~");
	d = mc_http_decode(a, "a+b%2F", 6, 0, &n);
	CHECK_STR(d, "a+b/");

	/* A multipart body whose file holds a NUL and a CRLF. */
	{
		const char *parts[] = {
			"--XyZ\r\nContent-Disposition: form-data; name=\"procedure\""
			"\r\n\r\n1.000894\r\n--XyZ\r\nContent-Disposition: "
			"form-data; name=\"file\"; filename=\"giấy tờ.pdf\"\r\n"
			"Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n",
			"", "binary\r\n--XyZ--\r\n"
		};
		static char buf[512];

		memcpy(buf, parts[0], strlen(parts[0]));
		blen = strlen(parts[0]);
		buf[blen++] = '\0';
		memcpy(buf + blen, parts[2], strlen(parts[2]));
		blen += strlen(parts[2]);
		body = buf;
	}
	r = request(a);
	CHECK_INT(mc_http_parse_multipart(r, body, blen, "XyZ"), 0);
	CHECK_INT(r->nparams, 2);
	CHECK_STR(param(r, "procedure")->value, "1.000894");
	p = param(r, "file");
	CHECK(p != NULL);
	if (p != NULL) {
		CHECK_STR(p->filename, "giấy tờ.pdf");
		CHECK_STR(p->ctype, "application/pdf");
		CHECK_INT(p->len, 17);
		CHECK(memcmp(p->value, "%PDF-1.4\r\n\0binary", 17) == 0);
	}
	r = request(a);
	CHECK_INT(mc_http_parse_multipart(r, body, blen - 10, "XyZ"), -1);
	r = request(a);
	CHECK_INT(mc_http_parse_multipart(r, "garbage", 7, "XyZ"), -1);

	r = request(a);
	r->cookie = "lang=en; mc_session=abc123; x=1";
	CHECK_STR(mc_req_cookie(r, "mc_session"), "abc123");
	CHECK_STR(mc_req_cookie(r, "lang"), "en");
	CHECK(mc_req_cookie(r, "session") == NULL);

	memset(&v, 0, sizeof(v));
#define V(fn, s) (v.value = (s), v.len = strlen(s), fn(&v))
	CHECK(V(valid_email, "an@example.vn"));
	CHECK(!V(valid_email, "an@@example.vn"));
	CHECK(!V(valid_email, "an example@x.vn"));
	CHECK(!V(valid_email, "an@localhost"));
	CHECK(V(valid_id_number, "079090001234"));
	CHECK(!V(valid_id_number, "07909000123"));
	CHECK(!V(valid_id_number, "07909000123a"));
	/* A procedure's legal time: hours, else days as working time. */
	CHECK_INT(mc_dossier_legal_minutes("24", "10"), 24 * 60);
	CHECK_INT(mc_dossier_legal_minutes("0", "10"), 0);
	CHECK_INT(mc_dossier_legal_minutes(NULL, "7"), 5 * 8 * 60);
	CHECK_INT(mc_dossier_legal_minutes(NULL, "15"), 15 * 480 * 5 / 7);
	CHECK_INT(mc_dossier_legal_minutes(NULL, NULL), 0);
	/* One rule for the forms, the API and the motcua command. */
	CHECK(mc_account_phone_ok("0901234567"));
	CHECK(mc_account_phone_ok("+84901234567"));
	CHECK(mc_account_phone_ok("090123456"));	 /* 9 */
	CHECK(!mc_account_phone_ok("09012345"));	 /* 8 */
	CHECK(mc_account_phone_ok("012345678901234"));	 /* 15 */
	CHECK(!mc_account_phone_ok("0123456789012345")); /* 16 */
	CHECK(!mc_account_phone_ok("113")); /* the CLI took 3-20 before */
	CHECK(!mc_account_phone_ok("0901 234 567"));
	CHECK(!mc_account_phone_ok("09012345+67"));
	CHECK(!mc_account_phone_ok("++84901234567"));
	CHECK(!mc_account_phone_ok(""));
	CHECK(!mc_account_phone_ok(NULL));
	CHECK(V(valid_phone, "0901234567"));
	CHECK(!V(valid_phone, "113"));
	CHECK(mc_account_id_number_ok("079090001234"));
	CHECK(!mc_account_id_number_ok("07909000123"));
	CHECK(!mc_account_id_number_ok("0790900012345"));
	CHECK(!mc_account_id_number_ok("07909000123a"));
	/* Tax codes: format, branch, check digit (weights 31..3, mod 11). */
	CHECK_INT(mc_account_tax_code("0314409058"), TAX_CODE_OK);
	CHECK_INT(mc_account_tax_code("0100101121"), TAX_CODE_OK);
	CHECK_INT(mc_account_tax_code("0314409058-002"), TAX_CODE_OK);
	CHECK_INT(mc_account_tax_code("0314409059"), TAX_CODE_CHECK_DIGIT);
	CHECK_INT(mc_account_tax_code("0314409051-002"), TAX_CODE_CHECK_DIGIT);
	CHECK_INT(mc_account_tax_code("0000000000"), TAX_CODE_CHECK_DIGIT);
	CHECK_INT(mc_account_tax_code("031440905"), TAX_CODE_FORMAT);
	CHECK_INT(mc_account_tax_code("03144090588"), TAX_CODE_FORMAT);
	CHECK_INT(mc_account_tax_code("0314409058-000"), TAX_CODE_FORMAT);
	CHECK_INT(mc_account_tax_code("0314409058-02"), TAX_CODE_FORMAT);
	CHECK_INT(mc_account_tax_code("0314409058_002"), TAX_CODE_FORMAT);
	CHECK_INT(mc_account_tax_code("031440905a"), TAX_CODE_FORMAT);
	CHECK_INT(mc_account_tax_code(""), TAX_CODE_FORMAT);
	CHECK_INT(mc_account_tax_code(NULL), TAX_CODE_FORMAT);
	CHECK(!mc_account_id_number_ok(NULL));
	/* One e-mail rule: the forms' (valid_email) is lib's. */
	{
		static const char *const mails[] = { "an@example.vn", "a@b.vn",
			"an.nguyen+hs@so-tu-phap.hcm.gov.vn", "an@@example.vn",
			"an example@x.vn", "an@localhost", "@example.vn",
			"an@.example.vn", "an@example.vn.", "an<x>@example.vn",
			"an@exa\tmple.vn", "a@", "" };
		size_t			 i;

		for (i = 0; i < sizeof(mails) / sizeof(mails[0]); i++)
			CHECK(V(valid_email, mails[i]) ==
			    mc_account_email_ok(mails[i]));
		CHECK(mc_account_email_ok("a@b.vn"));
		CHECK(!mc_account_email_ok("an@exa\tmple.vn"));
		CHECK(!mc_account_email_ok(NULL));
	}
	/* Role names: the motcua command takes lib's. */
	CHECK_INT(mc_auth_role_parse("leader"), ROLE_LEADER);
	CHECK_INT(mc_auth_role_parse("citizen"), ROLE_CITIZEN);
	CHECK_INT(mc_auth_role_parse("root"), -1);
	CHECK_INT(mc_auth_role_parse(NULL), -1);
	CHECK(V(valid_phone, "+84901234567"));
	CHECK(!V(valid_phone, "12345"));
	CHECK(V(valid_line, "Nguyễn Văn An"));
	CHECK(!V(valid_line, "two\nlines"));
	CHECK(V(valid_text, "two\nlines"));
	CHECK(!V(valid_text, "bell\a"));
	/* Bidi controls and C1 controls: refused by the one rule. */
	CHECK(!V(valid_line, "Nguyễn \xe2\x80\xae Văn An")); /* U+202E */
	CHECK(!V(valid_text,
	    "a\xe2\x81\xa6"
	    "b")); /* U+2066 */
	CHECK(!V(valid_line,
	    "a\xe2\x80\x8f"
	    "b")); /* U+200F */
	CHECK(!V(valid_line,
	    "a\xd8\x9c"
	    "b")); /* U+061C */
	CHECK(!V(valid_line,
	    "a\xc2\x85"
	    "b")); /* U+0085 */
	CHECK(V(valid_line,
	    "a\xc2\xa0"
	    "b")); /* U+00A0 */
	CHECK(V(valid_line,
	    "a\xe2\x80\x94"
	    "b")); /* U+2014 */
	CHECK(V(valid_line, "tab\there"));
	CHECK(mc_text_ok("hai\r\ndòng", strlen("hai\r\ndòng"), 1));
	CHECK(!mc_text_ok("hai\r\ndòng", strlen("hai\r\ndòng"), 0));
	CHECK(!mc_text_ok("a\0b", 3, 1));
	/* Invisible marks and non-characters (hostile.test's corpus found a
	 * name of them registered), line separators in one line. */
	CHECK(!V(valid_line, "Ab\xef\xbb\xbf"));
	CHECK(!V(valid_text, "Ab\xef\xbf\xbe"));
	CHECK(!V(valid_text, "Ab\xef\xbf\xbf"));
	CHECK(V(valid_line, "Ab\xef\xbf\xbd")); /* U+FFFD is a character */
	CHECK(!V(valid_line, "a\xe2\x80\xa8"));
	CHECK(!V(valid_line, "a\xe2\x80\xa9"));
	CHECK(V(valid_text, "a\xe2\x80\xa8"));
	{
		char fn[] = "hoa-don\xe2\x80\xae"
			    "fdp.exe";

		CHECK_STR(mc_text_strip_bidi(fn), "hoa-donfdp.exe");
	}
	CHECK(!V(valid_any, "bad \xFF utf8"));
	CHECK(V(valid_code, "000.00.16.H29-261127-0001"));
	CHECK(!V(valid_code, "../etc"));
#undef V
	mc_arena_free(a);
}

/* mc_time_parse: a date that does not exist is no date (tests/fuzz). */
static void
test_time(void)
{
	char   out[20];
	time_t t;

	CHECK((t = mc_time_parse("2026-02-28 08:30:00")) != 0);
	mc_time_sql(out, t);
	CHECK_STR(out, "2026-02-28 08:30:00");
	CHECK((t = mc_time_parse("2028-02-29")) != 0);
	mc_time_sql(out, t);
	CHECK_STR(out, "2028-02-29 00:00:00");
	CHECK_INT(mc_time_parse("2026-02-30"), 0); /* was 2 March */
	CHECK_INT(mc_time_parse("2026-02-29"), 0);
	CHECK_INT(mc_time_parse("2026-13-01"), 0);
	CHECK_INT(mc_time_parse("2026-00-10"), 0);
	CHECK_INT(mc_time_parse("2026-04-31 10:00:00"), 0);
	CHECK_INT(mc_time_parse("2026-02-17 24:00:00"), 0);
	CHECK_INT(mc_time_parse("2026-02-17 08:60:00"), 0);
	CHECK_INT(mc_time_parse("2026-02-17 08"), 0);
	CHECK_INT(mc_time_parse(NULL), 0);
}

/* mc_date_parse and mc_date_at: the one strict date of office and API. */
static void
test_date(void)
{
	char   out[20];
	int    y, m, d;
	time_t t;

	CHECK(mc_date_parse("2026-02-17", &y, &m, &d) == 0 && y == 2026 &&
	    m == 2 && d == 17);
	CHECK(mc_date_parse("2028-02-29", &y, &m, &d) == 0 && d == 29);
	CHECK(mc_date_parse("2000-02-29", &y, &m, &d) == 0);
	CHECK_INT(mc_date_parse("2100-02-29", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse("2026-13-45", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse("2026-02-30", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse("2026-04-31", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse("2026-00-10", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse("2026-01-00", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse("2026-2-17", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse("2026-02-17x", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse(" 2026-02-17", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse("2026-02-17 08:00:00", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse("0999-12-31", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse("+026-02-17", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse("", &y, &m, &d), -1);
	CHECK_INT(mc_date_parse(NULL, &y, &m, &d), -1);
	CHECK((t = mc_date_at("2026-03-31", 17)) != 0);
	mc_time_sql(out, t);
	CHECK_STR(out, "2026-03-31 17:00:00");
	CHECK_INT(mc_date_at("2026-13-45", 17), 0); /* the office took it */
	CHECK_INT(mc_date_at("2026-02-17", 24), 0);
}

/*
 * mc_config_drop_root, in a child: as root it ends as run_user with that
 * user's group and no others, and cannot become root again; an unknown
 * user is an error; not as root nothing changes.
 */
static int
drop_child(const char *user, uid_t uid, gid_t gid)
{
	uid_t before = geteuid();

	if (mc_config_set("run_user", user) < 0)
		return 10;
	if (mc_config_drop_root(NULL) != 0)
		return 1;
	if (before != 0)
		return geteuid() == before ? 0 : 2;
	if (geteuid() != uid || getuid() != uid || getegid() != gid ||
	    getgid() != gid || getgroups(0, NULL) != 0)
		return 3;
	if (setuid(0) == 0)
		return 4;
	return 0;
}

static void
test_drop_root(void)
{
	struct passwd *pw = getpwnam("nobody");
	pid_t	       pid;
	int	       st;

	if (pw == NULL) {
		CHECK(!"a user nobody");
		return;
	}
	if ((pid = fork()) == 0)
		_exit(drop_child("nobody", pw->pw_uid, pw->pw_gid));
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st));
	CHECK_INT(WEXITSTATUS(st), 0);
	if (geteuid() == 0) {
		if ((pid = fork()) == 0)
			_exit(drop_child("no-such-user-motcua", 0, 0));
		CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st));
		CHECK_INT(WEXITSTATUS(st), 1);
	}
}

int
main(void)
{
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	test_arena();
	test_buf();
	test_util();
	test_sha256_file();
	test_http();
	test_time();
	test_date();
	test_drop_root();
	return DONE();
}
