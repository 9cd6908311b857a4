/*
 * Template golden tests: renders the layout, the error page and the
 * generated site's pages from fixture data (hostile values included) and
 * compares them with the files in tests/templates. UPDATE_GOLDEN=1 rewrites the
 * golden files (review the diff). Also checks the site generator's writes
 * and that both languages name the same strings. No database. Run from the
 * repository's top folder.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ClearSilver.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_view.h"
#include "../../site-generator/sitegen.h"

#define GOLDEN_DIR	"tests/templates"
#define XSS		"<script>alert(1)</script>"
#define XSS_ESCAPED	"&lt;script&gt;alert(1)&lt;/script&gt;"
#define BASE_URL	"https://dichvucong.hochiminhcity.gov.vn"

/* Three procedures in two fields, ordered as the generator's query. */
static const char *proc_cells[][PROC__MAX] = {
	{
		[PROC_ID] = "7", [PROC_CODE] = "1.000894",
		[PROC_NAME] = "Đăng ký kết hôn " XSS " \"vợ\" & 'chồng'",
		[PROC_FIELD_ID] = "3", [PROC_FIELD] = "Hộ tịch & <b>Dân sự</b>",
		[PROC_FIELD_EN] = "Civil status", [PROC_FIELD_SLUG] = "ho-tich",
		[PROC_PROVINCE] = "0", [PROC_COMMUNE] = "1",
		[PROC_TYPE] = "TTHC được luật giao quy định chi tiết",
		[PROC_DECISION] = "163/QĐ-BTP",
		[PROC_IMPLEMENTING] = "UBND cấp xã \"nơi cư trú\"",
		[PROC_COMPETENT] = "Không có thông tin",
		[PROC_SUBJECTS] = "Công dân Việt Nam; Người nước ngoài",
		[PROC_STEPS] = "Bước 1: Nộp hồ sơ " XSS "\n\n"
		    "  Bước 2: Công chức tư pháp – hộ tịch kiểm tra & ghi sổ.  \r\n"
		    "Bước 3: Trả kết quả",
		[PROC_CONDITIONS] = "Không có thông tin",
		[PROC_RESULT] = "Giấy chứng nhận kết hôn",
		[PROC_ONLINE] = "1", [PROC_SERVICE_LEVEL] = "partial",
		[PROC_SOURCE_URL] = "javascript:alert(1)",
		[PROC_UPDATED] = "2026-07-20 10:11:12",
	},
	{
		[PROC_ID] = "9", [PROC_CODE] = "2.000635",
		[PROC_NAME] = "Cấp bản sao trích lục hộ tịch",
		[PROC_FIELD_ID] = "3", [PROC_FIELD] = "Hộ tịch & <b>Dân sự</b>",
		[PROC_FIELD_EN] = "Civil status", [PROC_FIELD_SLUG] = "ho-tich",
		[PROC_PROVINCE] = "1", [PROC_COMMUNE] = "1",
		[PROC_ONLINE] = "0",
		[PROC_SOURCE_URL] = "https://dichvucong.gov.vn/p?a=1&b=\"2\"",
		[PROC_UPDATED] = "2026-01-02 03:04:05",
		[PROC_AGENCY] = "Sở Tư pháp <i>TP.HCM</i>",
		[PROC_AGENCY_ADDRESS] = "141–143 Pasteur, Phường Xuân Hòa",
		[PROC_AGENCY_PHONE] = "028 3829 0230",
	},
	{
		[PROC_ID] = "4", [PROC_CODE] = "1.001234",
		[PROC_NAME] = "Thủ tục thuế \"đặc biệt\"",
		[PROC_FIELD_ID] = "5", [PROC_FIELD] = "Thuế",
		[PROC_FIELD_SLUG] = "\"><script>", /* unfit: replaced */
		[PROC_PROVINCE] = "1", [PROC_COMMUNE] = "0",
		[PROC_ONLINE] = "1", [PROC_SERVICE_LEVEL] = "full",
		[PROC_UPDATED] = "2026-03-04 00:00:00",
	},
};

/* Children ordered by procedure_id; 5 has no procedure (ignored). */
static const char *chan_cells[][CHAN__MAX] = {
	{ "4", "2", "5 ngày làm việc", "Miễn phí", NULL },
	{ "5", "1", "orphan", "orphan", NULL },
	{ "7", "1", "Ngay trong ngày " XSS, "Miễn phí", NULL },
	{ "7", "2", "1 ngày", "10.000 đồng & phí", "Dòng 1\nDòng 2 <b>" },
	{ "7", "9", "--", "Không có thông tin", NULL },
};
static const char *doc_cells[][DOC__MAX] = {
	{ "7", "* Giấy tờ phải nộp:", "Tờ khai đăng ký kết hôn " XSS,
	    "1", "0", "1" },
	{ "7", "* Giấy tờ phải nộp:", "Giấy xác nhận tình trạng hôn nhân",
	    "1", "0", "0" },
	{ "7", NULL, "Không có thông tin", "0", "0", "0" },
	{ "7", "* Giấy tờ phải xuất trình:", "Căn cước \"công dân\"",
	    "0", "1", "0" },
};
static const char *legal_cells[][LEGAL__MAX] = {
	{ "7", "60/2014/QH13", "Luật Hộ tịch 60/2014/QH13" },
	{ "7", "123/2015/NĐ-CP", "Nghị định hướng dẫn " XSS },
	{ "7", NULL, "Không có thông tin" },
};

static const char *proc_names[PROC__MAX];
static const char *chan_names[CHAN__MAX];
static const char *doc_names[DOC__MAX];
static const char *legal_names[LEGAL__MAX];

#define ROWS(cells, names) { sizeof(cells) / sizeof(cells[0]), \
	sizeof(cells[0]) / sizeof(cells[0][0]), names, &cells[0][0], NULL }

static void
catalogue(struct sg_catalogue *cat, struct mc_arena *a)
{
	const struct mc_rows	procs = ROWS(proc_cells, proc_names);
	const struct mc_rows	chans = ROWS(chan_cells, chan_names);
	const struct mc_rows	docs = ROWS(doc_cells, doc_names);
	const struct mc_rows	legal = ROWS(legal_cells, legal_names);

	memset(cat, 0, sizeof(*cat));
	cat->procs = procs;
	cat->child[CHILD_CHANNELS] = chans;
	cat->child[CHILD_DOCUMENTS] = docs;
	cat->child[CHILD_LEGAL] = legal;
	CHECK(sitegen_link(cat, a) == 0);
}

/* Reads a whole file into b; 0 or -1. */
static int
slurp(const char *path, struct buf *b)
{
	char	 chunk[8192];
	size_t	 n;
	FILE	*f;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (mc_buf_add(b, chunk, n) < 0) {
			fclose(f);
			return -1;
		}
	fclose(f);
	return 0;
}

/* Compares out with the golden file, or rewrites it with UPDATE_GOLDEN. */
static void
golden(const char *name, const struct buf *out)
{
	char		 path[256];
	struct buf	 want;
	const char	*upd = getenv("UPDATE_GOLDEN");
	size_t		 i, line = 1;
	FILE		*f;

	snprintf(path, sizeof(path), "%s/%s.html", GOLDEN_DIR, name);
	if (upd != NULL && strcmp(upd, "1") == 0) {
		f = fopen(path, "wb");
		CHECK(f != NULL);
		if (f != NULL) {
			fwrite(out->s, 1, out->len, f);
			fclose(f);
		}
		return;
	}
	mc_buf_init(&want, 16 * 1024 * 1024);
	if (slurp(path, &want) < 0) {
		fprintf(stderr, "%s: missing (run with UPDATE_GOLDEN=1)\n",
		    path);
		CHECK(!"golden file exists");
		return;
	}
	for (i = 0; i < want.len && i < out->len && want.s[i] == out->s[i];
	    i++)
		if (want.s[i] == '\n')
			line++;
	if (i < want.len || i < out->len) {
		while (i > 0 && out->s[i - 1] != '\n')
			i--;
		fprintf(stderr, "%s: differs at line %zu, which now reads "
		    "\"%.100s\"\n", path, line, out->s + i);
	}
	CHECK(want.len == out->len && memcmp(want.s, out->s, out->len) == 0);
	mc_buf_free(&want);
}

/* The checks every rendered page must pass. */
static void
safe(const char *name, const struct buf *out)
{
	int	bad = strstr(out->s, "<script") != NULL;

	if (bad)
		fprintf(stderr, "%s: raw <script in output\n", name);
	CHECK(!bad);
	CHECK(strstr(out->s, "<!DOCTYPE html>") == out->s);
	CHECK(strstr(out->s, "</html>") != NULL);
	CHECK(strstr(out->s, "style=") == NULL);
	CHECK(strstr(out->s, "onclick") == NULL);
}

static void
render(HDF *hdf, const char *tmpl, const char *name, struct buf *out)
{
	mc_buf_reset(out);
	mc_view_set(hdf, "Site.BaseUrl", BASE_URL);
	CHECK(mc_view_render(hdf, tmpl, 1, out) == 0);
	safe(name, out);
	golden(name, out);
}

static void
test_error_pages(struct buf *out)
{
	HDF	*hdf;

	/* A signed-in user, a flash and hostile values everywhere. */
	hdf = mc_view_begin(LANG_VI);
	mc_view_set(hdf, "Page.Status", "404");
	mc_view_set(hdf, "Page.RequestId", XSS);
	mc_view_set(hdf, "Page.Path", "/thu-tuc/\"><script>x.html");
	mc_view_set(hdf, "Page.Description", "Mô tả \"có\" <ngoặc> & 'nháy'");
	mc_view_set(hdf, "Page.Flash", "Đã lưu " XSS " & 'xong'");
	mc_view_set(hdf, "Page.FlashKind", "error");
	mc_view_set(hdf, "Page.Csrf", "tok\"><script>alert(1)</script>");
	mc_view_set(hdf, "Page.Nav", "dossiers");
	mc_view_set(hdf, "User.Name", "Nguyễn Thị \"Ánh\" " XSS " & Co");
	render(hdf, "error.cs", "error_404_user", out);
	CHECK(strstr(out->s, "<title>Không tìm thấy trang – Một Cửa</title>")
	    != NULL);
	CHECK(strstr(out->s, "Mã yêu cầu: <code>" XSS_ESCAPED "</code>") !=
	    NULL);
	CHECK(strstr(out->s, "Nguyễn Thị &quot;Ánh&quot; " XSS_ESCAPED
	    " &amp; Co") != NULL);
	CHECK(strstr(out->s, "value=\"tok&quot;&gt;&lt;script&gt;") != NULL);
	CHECK(strstr(out->s, "action=\"/dich-vu/dang-xuat\"") != NULL);
	CHECK(strstr(out->s, "class=\"flash flash-error\" role=\"alert\"") !=
	    NULL);
	CHECK(strstr(out->s, "href=\"/dich-vu/ho-so\" aria-current=\"page\"")
	    != NULL);
	CHECK(strstr(out->s, "/dich-vu/dang-nhap") == NULL);

	/* English, signed out, a 500 with its own title. */
	hdf = mc_view_begin(LANG_EN);
	mc_view_set(hdf, "Page.Status", "500");
	mc_view_set(hdf, "Page.RequestId", "r-0123456789abcdef");
	render(hdf, "error.cs", "error_500_en", out);
	CHECK(strstr(out->s, "<html lang=\"en\">") != NULL);
	CHECK(strstr(out->s, "<title>System error – Một Cửa</title>") != NULL);
	CHECK(strstr(out->s, "href=\"/dich-vu/dang-nhap\">Sign in</a>") !=
	    NULL);
	CHECK(strstr(out->s, "rel=\"canonical\"") == NULL);
	CHECK(strstr(out->s, "class=\"flash") == NULL);

	/* Every status has its sentence in both languages; others fall back. */
	{
		static const char *const st[] = { "400", "403", "404", "405",
		    "413", "500", "503" };
		size_t	i;
		int	l;
		char	name[64];

		for (l = 0; l < LANG__MAX; l++)
			for (i = 0; i < sizeof(st) / sizeof(*st); i++) {
				hdf = mc_view_begin(l);
				snprintf(name, sizeof(name), "Error.Text.%s",
				    st[i]);
				CHECK(strcmp(mc_view_str(hdf, name), name));
				mc_view_set(hdf, "Page.Status", st[i]);
				mc_buf_reset(out);
				CHECK(mc_view_render(hdf, "error.cs", 1, out) ==
				    0);
				CHECK(strstr(out->s, mc_view_str(hdf,
				    "Error.Default")) == NULL);
			}
		hdf = mc_view_begin(LANG_VI);
		mc_view_set(hdf, "Page.Status", "418");
		mc_buf_reset(out);
		CHECK(mc_view_render(hdf, "error.cs", 1, out) == 0);
		CHECK(strstr(out->s, "Đã có lỗi xảy ra.") != NULL);
		CHECK(strstr(out->s, "Mã yêu cầu") == NULL);
	}
}

static void
test_site_pages(struct buf *out, struct mc_arena *a)
{
	struct sg_catalogue	 cat;
	HDF			*hdf;

	catalogue(&cat, a);
	CHECK_INT(cat.nfields, 2);
	CHECK_INT(cat.online, 2);
	CHECK_INT(cat.span[CHILD_CHANNELS][0].n, 3);
	CHECK_INT(cat.span[CHILD_CHANNELS][1].n, 0);
	CHECK_INT(cat.span[CHILD_CHANNELS][2].n, 1);
	CHECK_INT(cat.span[CHILD_DOCUMENTS][0].n, 4);
	CHECK_INT(cat.span[CHILD_LEGAL][0].first, 0);

	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_procedure(hdf, &cat, 0, LANG_VI, a);
	render(hdf, "site/procedure.cs", "site_procedure", out);
	/* The name, escaped, in the title, heading and breadcrumb. */
	CHECK(strstr(out->s, "<h1>Đăng ký kết hôn " XSS_ESCAPED
	    " &quot;vợ&quot; &amp; &#39;chồng&#39;</h1>") != NULL);
	CHECK(strstr(out->s, "href=\"/dich-vu/nop-ho-so/1.000894\"") != NULL);
	CHECK(strstr(out->s, "<link rel=\"canonical\" href=\"" BASE_URL
	    "/thu-tuc/1.000894.html\">") != NULL);
	/* Lines became paragraphs, trimmed, blank ones dropped. */
	CHECK(strstr(out->s, "<p>Bước 2: Công chức tư pháp – hộ tịch kiểm tra "
	    "&amp; ghi sổ.</p>") != NULL);
	/* A javascript: source link is dropped. */
	CHECK(strstr(out->s, "javascript:") == NULL);
	CHECK(strstr(out->s, "rel=\"external\"") == NULL);
	/* Placeholders read as "no information"; no empty group row. */
	CHECK(strstr(out->s, "Cơ quan có thẩm quyền") == NULL);
	CHECK(strstr(out->s, "<th colspan=\"3\" scope=\"colgroup\">* Giấy tờ "
	    "phải nộp:</th>") != NULL);
	CHECK(strstr(out->s, "Luật Hộ tịch 60/2014/QH13</li>") != NULL);
	CHECK(strstr(out->s, "(123/2015/NĐ-CP)") != NULL);
	CHECK(strstr(out->s, "Ủy ban nhân dân phường, xã nơi cư trú") != NULL);
	CHECK(strstr(out->s, "Cập nhật: 20/07/2026") != NULL);
	CHECK(strstr(out->s, "orphan") == NULL);
	mc_arena_reset(a);

	/* Province level: the receiving agency; not online. */
	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_procedure(hdf, &cat, 1, LANG_VI, a);
	render(hdf, "site/procedure.cs", "site_procedure_offline", out);
	CHECK(strstr(out->s, "/dich-vu/nop-ho-so/") == NULL);
	CHECK(strstr(out->s, "Sở Tư pháp &lt;i&gt;TP.HCM&lt;/i&gt;") != NULL);
	CHECK(strstr(out->s, "href=\"https://dichvucong.gov.vn/p?a=1&amp;b="
	    "&quot;2&quot;\"") != NULL);
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_home(hdf, &cat, LANG_VI, a);
	render(hdf, "site/home.cs", "site_home", out);
	CHECK(strstr(out->s, "action=\"/dich-vu/tim-kiem\"") != NULL);
	CHECK(strstr(out->s, "href=\"/thu-tuc/#ho-tich\"") != NULL);
	CHECK(strstr(out->s, "href=\"/thu-tuc/#linh-vuc-5\"") != NULL);
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_catalogue(hdf, &cat, LANG_VI, a);
	render(hdf, "site/catalogue.cs", "site_catalogue", out);
	CHECK(strstr(out->s, "<section class=\"field-section\" id=\"ho-tich\"")
	    != NULL);
	CHECK(strstr(out->s, "href=\"/thu-tuc/2.000635.html\"") != NULL);
	CHECK(strstr(out->s, "Cấp tỉnh, cấp xã") != NULL);
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_EN);
	sitegen_fill_procedure(hdf, &cat, 0, LANG_EN, a);
	mc_buf_reset(out);
	CHECK(mc_view_render(hdf, "site/procedure.cs", 1, out) == 0);
	safe("site_procedure_en", out);
	CHECK(strstr(out->s, ">Civil status</a>") != NULL);
	CHECK(strstr(out->s, "Updated: 2026-07-20") != NULL);
	mc_arena_reset(a);

	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_404(hdf, LANG_VI);
	render(hdf, "site/404.cs", "site_404", out);
	CHECK(strstr(out->s, "href=\"/\"") != NULL);
}

static void
test_codes(void)
{
	CHECK(sitegen_code_ok("1.000894"));
	CHECK(sitegen_code_ok("1.000494.000.00.00.H29"));
	CHECK(!sitegen_code_ok(""));
	CHECK(!sitegen_code_ok(NULL));
	CHECK(!sitegen_code_ok("../etc/passwd"));
	CHECK(!sitegen_code_ok(".hidden"));
	CHECK(!sitegen_code_ok("1..2"));
	CHECK(!sitegen_code_ok("a/b"));
	CHECK(!sitegen_code_ok("1.000894 x"));
	CHECK(!sitegen_code_ok("mã"));
}

static long long
mtime_ns(const char *path)
{
	struct stat	st;

	if (stat(path, &st) < 0)
		return -1;
	return st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}

static void
test_write(void)
{
	char		 dir[] = "/tmp/test_view.XXXXXX", path[256];
	struct buf	 b;
	struct stat	 st;
	struct dirent	*e;
	long long	 t;
	DIR		*d;
	int		 n = 0;

	CHECK(mkdtemp(dir) != NULL);
	mc_buf_init(&b, 1024);
	mc_buf_adds(&b, "<p>một</p>\n");
	CHECK_INT(sitegen_write(dir, "a/b/page.html", &b), 1);
	snprintf(path, sizeof(path), "%s/a/b/page.html", dir);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
	snprintf(path, sizeof(path), "%s/a/b", dir);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0755);
	snprintf(path, sizeof(path), "%s/a/b/page.html", dir);
	t = mtime_ns(path);
	usleep(20000);
	CHECK_INT(sitegen_write(dir, "a/b/page.html", &b), 0);
	CHECK(mtime_ns(path) == t);
	mc_buf_adds(&b, "<p>hai</p>\n");
	CHECK_INT(sitegen_write(dir, "a/b/page.html", &b), 1);
	CHECK(mtime_ns(path) != t);
	/* A shorter file with the same start is a change too. */
	mc_buf_reset(&b);
	mc_buf_adds(&b, "<p>một</p>\n");
	CHECK_INT(sitegen_write(dir, "a/b/page.html", &b), 1);
	CHECK(stat(path, &st) == 0 && (size_t)st.st_size == b.len);
	/* No temporary file is left behind. */
	snprintf(path, sizeof(path), "%s/a/b", dir);
	if ((d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.')
				n++;
		closedir(d);
	}
	CHECK_INT(n, 1);
	/* A folder removed under the writer is made again. */
	snprintf(path, sizeof(path), "%s/a/b/page.html", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/a/b", dir);
	rmdir(path);
	CHECK_INT(sitegen_write(dir, "a/b/page.html", &b), 1);
	/* A file where a folder should be is an error, not a crash. */
	CHECK_INT(sitegen_write(dir, "a/b/page.html/x.html", &b), -1);
	mc_buf_free(&b);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	CHECK(system(path) == 0);
}

/* Every leaf under node in a exists in b; prints the missing ones. */
static int
lang_missing(HDF *node, const char *prefix, HDF *b, const char *file)
{
	char	 name[512];
	HDF	*c;
	int	 missing = 0;

	for (c = hdf_obj_child(node); c != NULL; c = hdf_obj_next(c)) {
		snprintf(name, sizeof(name), "%s.%s", prefix, hdf_obj_name(c));
		if (hdf_obj_child(c) != NULL)
			missing += lang_missing(c, name, b, file);
		else if (hdf_get_value(b, name, NULL) == NULL) {
			fprintf(stderr, "%s lacks %s\n", file, name);
			missing++;
		}
	}
	return missing;
}

static void
lang_pair(const char *vi, const char *en)
{
	HDF	*a, *b;
	NEOERR	*err;

	hdf_init(&a);
	hdf_init(&b);
	err = hdf_read_file(a, vi);
	CHECK(err == STATUS_OK);
	nerr_ignore(&err);
	err = hdf_read_file(b, en);
	CHECK(err == STATUS_OK);
	nerr_ignore(&err);
	CHECK(hdf_get_obj(a, "Lang") != NULL);
	CHECK_INT(lang_missing(hdf_get_obj(a, "Lang"), "Lang", b, en), 0);
	CHECK_INT(lang_missing(hdf_get_obj(b, "Lang"), "Lang", a, vi), 0);
	hdf_destroy(&a);
	hdf_destroy(&b);
}

/* vi.hdf and en.hdf, and every <name>.vi.hdf with its <name>.en.hdf. */
static void
test_lang_complete(void)
{
	char	 en[512];
	glob_t	 g;
	size_t	 i, n;

	lang_pair("templates/lang/vi.hdf", "templates/lang/en.hdf");
	if (glob("templates/lang/*.vi.hdf", 0, NULL, &g) != 0)
		return;
	for (i = 0; i < g.gl_pathc; i++) {
		n = strlen(g.gl_pathv[i]);
		snprintf(en, sizeof(en), "%.*sen.hdf", (int)(n - 6),
		    g.gl_pathv[i]);
		lang_pair(g.gl_pathv[i], en);
	}
	globfree(&g);
}

int
main(void)
{
	struct mc_arena	*a;
	struct buf	 out;

	mc_config_set("base_url", BASE_URL);
	CHECK(mc_view_init("templates") == 0);
	a = mc_arena_new(64 * 1024);
	mc_buf_init(&out, 16 * 1024 * 1024);
	test_error_pages(&out);
	test_site_pages(&out, a);
	test_codes();
	test_write();
	test_lang_complete();
	mc_buf_free(&out);
	mc_arena_free(a);
	mc_view_free();
	return DONE();
}
