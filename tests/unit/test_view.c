/*
 * Template golden tests: renders the layout, the error page, the generated
 * site's pages in both languages, the search page and the webmaster's
 * build page from fixture data (hostile values included) and compares them
 * with the files in tests/templates. UPDATE_GOLDEN=1 rewrites the
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

#include <brotli/decode.h>
#include <zlib.h>

#include <ClearSilver.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_view.h"
#include "../../site-generator/sitegen.h"
#include "../../site-generator/feedback.h"

#define GOLDEN_DIR  "tests/templates"
#define XSS	    "<script>alert(1)</script>"
#define XSS_ESCAPED "&lt;script&gt;alert(1)&lt;/script&gt;"
#define BASE_URL    "https://dichvucong.hochiminhcity.gov.vn"

/* Three procedures in two fields, ordered as the generator's query. */
/* clang-format off */
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
		[PROC_SEARCH] = "1.000894 dang ky ket hon script alert 1 script "
		    "vo chong",
		[PROC_STEPS] = "Bước 1: Nộp hồ sơ " XSS "\n\n"
		    "  Bước 2: Công chức tư pháp – hộ tịch kiểm tra & ghi sổ.  \r\n"
		    "Bước 3: Trả kết quả",
		[PROC_CONDITIONS] = "Không có thông tin",
		[PROC_RESULT] = "Giấy chứng nhận kết hônMã: KQ.G15.000032Trích lục "
		    "kết hônMã: KQ.G15.000033Từ khóaKhông có thông tinMô tả"
		    "Chọn cơ quan thực hiệnNộp hồ sơ",
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
		[PROC_AGENCY_EN] = "Department of Justice",
		[PROC_AGENCY_ADDRESS] = "141–143 Pasteur, Phường Xuân Hòa",
		[PROC_AGENCY_PHONE] = "028 3829 0230",
		[PROC_AGENCY_ID] = "2", [PROC_AGENCY_CODE] = "000.00.01.H29",
		[PROC_SEARCH] = "2.000635 cap ban sao trich luc ho tich",
		[PROC_RESULT] = "Bản sao trích lục\nGhi chú",
	},
	{
		[PROC_ID] = "4", [PROC_CODE] = "1.001234",
		[PROC_NAME] = "Thủ tục thuế \"đặc biệt\"",
		[PROC_FIELD_ID] = "5", [PROC_FIELD] = "Thuế",
		[PROC_FIELD_SLUG] = "\"><script>", /* unfit: replaced */
		[PROC_PROVINCE] = "1", [PROC_COMMUNE] = "0",
		[PROC_ONLINE] = "1", [PROC_SERVICE_LEVEL] = "full",
		[PROC_UPDATED] = "2026-03-04 00:00:00",
		[PROC_AGENCY_ID] = "3", [PROC_AGENCY_CODE] = "000.00.02.H29",
		[PROC_SEARCH] = "1.001234 thu tuc thue dac biet",
	},
};
/* clang-format on */

/* Children ordered by procedure_id; 5 has no procedure (ignored). */
/* clang-format off */
static const char *chan_cells[][CHAN__MAX] = {
	{ "4", "2", "5 Ngày làm việc", "500,000 Việt Nam Đồng", NULL },
	{ "5", "1", "orphan", "orphan", NULL },
	{ "7", "1", "Ngay trong ngày " XSS, "Miễn phí", NULL },
	{ "7", "2", "1", "10.000 đồng & phí", "Dòng 1\nDòng 2 <b>" },
	{ "7", "9", "--", "Không có thông tin", NULL },
};
/* clang-format on */
/* clang-format off */
static const char *doc_cells[][DOC__MAX] = {
	{ "7", "* Giấy tờ phải nộp:", "Tờ khai đăng ký kết hôn " XSS,
	    "1", "0", "1" },
	{ "7", "* Giấy tờ phải nộp:", "Giấy xác nhận tình trạng hôn nhân",
	    "1", "0", "0" },
	{ "7", NULL, "Không có thông tin", "0", "0", "0" },
	{ "7", "* Giấy tờ phải xuất trình:", "Căn cước \"công dân\"",
	    "0", "1", "0" },
};
/* clang-format on */
/* clang-format off */
static const char *legal_cells[][LEGAL__MAX] = {
	{ "7", "60/2014/QH13", "Luật Hộ tịch 60/2014/QH13" },
	{ "7", "123/2015/NĐ-CP", "Nghị định hướng dẫn " XSS },
	{ "7", NULL, "Không có thông tin" },
};
/* clang-format on */

/* The directory: a department, a ward (it receives commune-level ones). */
/* clang-format off */
static const char *agency_cells[][AG__MAX] = {
	{ "2", "000.00.01.H29", "department", "Sở Tư pháp <i>TP.HCM</i>",
	    "Department of Justice", "141–143 Pasteur", NULL },
	{ "3", "000.00.02.H29", "department", "Sở Tài chính",
	    "Department of Finance", NULL, NULL },
	{ "90", "000.74.60.H29", "ward", "Phường An Đông \"<x>\"",
	    "An Đông Ward", NULL, "028 1234" },
};
/* clang-format on */
/* A general question (English too), one of a field naming a procedure. */
/* clang-format off */
static const char *faq_cells[][FAQ__MAX] = {
	{ "1", NULL, NULL, NULL, NULL, NULL, "Làm sao nộp " XSS "?",
	    "Bước một.\nBước hai & ba.", "How do I apply?", "Step one.",
	    "2026-07-01 00:00:00" },
	{ "5", "3", "Hộ tịch & <b>Dân sự</b>", "Civil status", "ho-tich",
	    "1.000894", "Đăng ký kết hôn ở đâu?", "Ở phường, xã.", NULL, NULL,
	    "2026-07-01 00:00:00" },
};
/* clang-format on */
/* clang-format off */
static const char *news_cells[][NEWS__MAX] = {
	{ "3", "announcement", "Thông báo " XSS, "Tóm tắt", "Đoạn 1\nĐoạn 2",
	    NULL, NULL, NULL, "2026-07-02 08:00:00", "2026-07-02 08:00:00" },
};
/* clang-format on */
/* clang-format off */
static const char *event_cells[][EV__MAX] = {
	{ "1", "ket-hon", "Kết hôn", "Getting married", "Đăng ký kết hôn.",
	    NULL },
	{ "2", "\"><bad", "Bad slug", NULL, NULL, NULL },
};
/* clang-format on */
/* clang-format off */
static const char *item_cells[][EVI__MAX] = {
	{ "1", "1.000894", NULL },
	{ "2", NULL, "ho-tich" },
};
/* clang-format on */

static const char *proc_names[PROC__MAX];
static const char *agency_names[AG__MAX];
static const char *faq_names[FAQ__MAX];
static const char *news_names[NEWS__MAX];
static const char *event_names[EV__MAX];
static const char *item_names[EVI__MAX];
static const char *chan_names[CHAN__MAX];
static const char *doc_names[DOC__MAX];
static const char *legal_names[LEGAL__MAX];

/* clang-format off */
#define ROWS(cells, names) { sizeof(cells) / sizeof(cells[0]), \
	sizeof(cells[0]) / sizeof(cells[0][0]), names, &cells[0][0], NULL }
/* clang-format on */

static void
catalogue(struct sg_catalogue *cat, struct mc_arena *a)
{
	const struct mc_rows procs = ROWS(proc_cells, proc_names);
	const struct mc_rows chans = ROWS(chan_cells, chan_names);
	const struct mc_rows docs = ROWS(doc_cells, doc_names);
	const struct mc_rows legal = ROWS(legal_cells, legal_names);
	const struct mc_rows ags = ROWS(agency_cells, agency_names);
	const struct mc_rows faqs = ROWS(faq_cells, faq_names);
	const struct mc_rows news = ROWS(news_cells, news_names);
	const struct mc_rows evs = ROWS(event_cells, event_names);
	const struct mc_rows items = ROWS(item_cells, item_names);

	memset(cat, 0, sizeof(*cat));
	cat->procs = procs;
	cat->child[CHILD_CHANNELS] = chans;
	cat->child[CHILD_DOCUMENTS] = docs;
	cat->child[CHILD_LEGAL] = legal;
	cat->table[TABLE_AGENCIES] = ags;
	cat->table[TABLE_FAQS] = faqs;
	cat->table[TABLE_NEWS] = news;
	cat->table[TABLE_EVENTS] = evs;
	cat->table[TABLE_ITEMS] = items;
	CHECK(sitegen_link(cat, a) == 0);
}

/* Reads a whole file into b; 0 or -1. */
static int
slurp(const char *path, struct buf *b)
{
	char   chunk[8192];
	size_t n;
	FILE  *f;

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
	char	    path[256];
	struct buf  want;
	const char *upd = getenv("UPDATE_GOLDEN");
	size_t	    i, line = 1;
	FILE	   *f;

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
		fprintf(stderr,
		    "%s: differs at line %zu, which now reads "
		    "\"%.100s\"\n",
		    path, line, out->s + i);
	}
	CHECK(want.len == out->len && memcmp(want.s, out->s, out->len) == 0);
	mc_buf_free(&want);
}

/* The checks every rendered page must pass: no script but our files. */
static void
safe(const char *name, const struct buf *out)
{
	const char *p;
	int	    bad = 0;

	for (p = out->s; (p = strstr(p, "<script")) != NULL; p++)
		if (strncmp(p, "<script src=\"/static/js/", 24) != 0)
			bad = 1;

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
	HDF *hdf;

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
	CHECK(strstr(out->s,
		  "<title>Không tìm thấy trang – Một Cửa</title>") != NULL);
	CHECK(strstr(out->s, "Mã yêu cầu: <code>" XSS_ESCAPED "</code>") !=
	    NULL);
	CHECK(strstr(out->s,
		  "Nguyễn Thị &quot;Ánh&quot; " XSS_ESCAPED
		  " &amp; Co") != NULL);
	CHECK(strstr(out->s, "value=\"tok&quot;&gt;&lt;script&gt;") != NULL);
	CHECK(strstr(out->s, "action=\"/dich-vu/dang-xuat\"") != NULL);
	CHECK(strstr(out->s, "class=\"flash flash-error\" role=\"alert\"") !=
	    NULL);
	CHECK(strstr(out->s,
		  "href=\"/dich-vu/ho-so\" aria-current=\"page\"") != NULL);
	CHECK(strstr(out->s, "/dich-vu/dang-nhap") == NULL);

	/* English, signed out, a 500 with its own title. */
	hdf = mc_view_begin(LANG_EN);
	mc_view_set(hdf, "Page.Status", "500");
	mc_view_set(hdf, "Page.RequestId", "r-0123456789abcdef");
	render(hdf, "error.cs", "error_500_en", out);
	CHECK(strstr(out->s, "<html lang=\"en\">") != NULL);
	CHECK(strstr(out->s, "<title>System error – Một Cửa</title>") != NULL);
	CHECK(strstr(out->s,
		  "href=\"/dich-vu/dang-nhap?lang=en\">Sign in"
		  "</a>") != NULL);
	CHECK(strstr(out->s, "rel=\"canonical\"") == NULL);
	CHECK(strstr(out->s, "class=\"flash") == NULL);

	/* Every status has its sentence in both languages; others fall back. */
	{
		static const char *const st[] = { "400", "403", "404", "405",
			"413", "500", "503" };
		size_t			 i;
		int			 l;
		char			 name[64];

		for (l = 0; l < LANG__MAX; l++)
			for (i = 0; i < sizeof(st) / sizeof(*st); i++) {
				hdf = mc_view_begin(l);
				snprintf(name, sizeof(name), "Error.Text.%s",
				    st[i]);
				CHECK(strcmp(mc_view_str(hdf, name), name));
				mc_view_set(hdf, "Page.Status", st[i]);
				mc_buf_reset(out);
				CHECK(mc_view_render(hdf, "error.cs", 1,
					  out) == 0);
				CHECK(strstr(out->s,
					  mc_view_str(hdf, "Error.Default")) ==
				    NULL);
			}
		hdf = mc_view_begin(LANG_VI);
		mc_view_set(hdf, "Page.Status", "418");
		mc_buf_reset(out);
		CHECK(mc_view_render(hdf, "error.cs", 1, out) == 0);
		CHECK(strstr(out->s, "Đã có lỗi xảy ra.") != NULL);
		CHECK(strstr(out->s, "Mã yêu cầu") == NULL);
	}
}

/* Renders one page model with the layout and keeps the checks in place. */
static void
page(HDF *hdf, const char *tmpl, const char *name, struct buf *out)
{
	if (name != NULL) {
		render(hdf, tmpl, name, out);
		return;
	}
	mc_buf_reset(out);
	mc_view_set(hdf, "Site.BaseUrl", BASE_URL);
	CHECK(mc_view_render(hdf, tmpl, 1, out) == 0);
	safe(tmpl, out);
}

#define HAS(want)   CHECK(strstr(out->s, (want)) != NULL)
#define HASNT(want) CHECK(strstr(out->s, (want)) == NULL)

static void
test_procedure_pages(struct buf *out, struct mc_arena *a)
{
	struct sg_catalogue cat;
	HDF		   *hdf;

	catalogue(&cat, a);
	CHECK_INT(cat.nfields, 2);
	CHECK_INT(cat.online, 2);
	CHECK_INT(cat.province, 2);
	CHECK_INT(cat.commune, 2);
	CHECK_INT(cat.level[SL_FULL], 1);
	CHECK_INT(cat.level[SL_PARTIAL], 1);
	CHECK_INT(cat.level[SL_NONE], 1);
	CHECK_INT(cat.span[CHILD_CHANNELS][0].n, 3);
	CHECK_INT(cat.span[CHILD_CHANNELS][1].n, 0);
	CHECK_INT(cat.span[CHILD_CHANNELS][2].n, 1);
	CHECK_INT(cat.span[CHILD_DOCUMENTS][0].n, 4);
	CHECK_INT(cat.span[CHILD_LEGAL][0].first, 0);
	{
		size_t row = 99;

		CHECK(sitegen_find(&cat, "2.000635", &row) && row == 1);
		CHECK(!sitegen_find(&cat, "9.999999", &row));
		CHECK(!sitegen_find(&cat, NULL, &row));
	}

	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_procedure(hdf, &cat, 0, LANG_VI, a);
	page(hdf, "site/procedure.cs", "site_procedure", out);
	/* The name, escaped, in the title, heading and breadcrumb. */
	HAS("<h1 lang=\"vi\">Đăng ký kết hôn " XSS_ESCAPED
	    " &quot;vợ&quot; &amp; &#39;chồng&#39;</h1>");
	HAS("href=\"/dich-vu/nop-ho-so/1.000894\"");
	HAS("<link rel=\"canonical\" href=\"" BASE_URL
	    "/thu-tuc/1.000894.html\">");
	HAS("<link rel=\"alternate\" hreflang=\"en\" href=\"" BASE_URL
	    "/en/thu-tuc/1.000894.html\">");
	HAS("<meta property=\"og:type\" content=\"article\">");
	HAS("<meta property=\"og:locale\" content=\"vi_VN\">");
	/* The language switch stays on the page. */
	HAS("class=\"lang-switch\" lang=\"en\" hreflang=\"en\" title=\"Xem "
	    "trang này bằng tiếng Anh\" href=\"/en/thu-tuc/1.000894.html\"");
	HASNT("Nội dung này chỉ có bằng tiếng Việt");
	/* Lines became paragraphs, trimmed, blank ones dropped. */
	HAS("<p>Bước 2: Công chức tư pháp – hộ tịch kiểm tra &amp; ghi sổ.</p>");
	/* A javascript: source link is dropped. */
	HASNT("javascript:");
	HASNT("rel=\"external\"");
	/* Placeholders read as "no information"; no empty group row. */
	HASNT("Cơ quan có thẩm quyền");
	HAS("<th colspan=\"3\" scope=\"colgroup\">* Giấy tờ phải nộp:</th>");
	HAS("Luật Hộ tịch 60/2014/QH13</li>");
	HAS("(123/2015/NĐ-CP)");
	HAS("Ủy ban nhân dân phường, xã nơi cư trú");
	HAS("Cập nhật: 20/07/2026");
	HASNT("orphan");
	/* Times and fees read as words of the page's language. */
	HAS("<td data-label=\"Thời hạn giải quyết\">1 ngày làm việc</td>");
	HAS(">Miễn phí<");
	HAS("<span lang=\"vi\">10.000 đồng &amp; phí</span>");
	/* The result without the source page's search widget. */
	HAS("<li>Giấy chứng nhận kết hôn <span class=\"muted small\">(<span "
	    "lang=\"vi\">mã</span> KQ.G15.000032)</span></li>");
	HAS("<li>Trích lục kết hôn <span");
	HASNT("Từ khóa");
	/* Service level, related procedure, its FAQ and life event. */
	HAS("<span class=\"tag tag-level-partial\">Một phần</span>");
	HAS("href=\"/muc-do/mot-phan.html\"");
	HAS("href=\"/thu-tuc/2.000635.html\" lang=\"vi\">Cấp bản sao trích lục "
	    "hộ tịch</a>");
	HAS("href=\"/hoi-dap/5.html\">Đăng ký kết hôn ở đâu?</a>");
	HAS("href=\"/su-kien/ket-hon.html\">Kết hôn</a>");
	HASNT("&quot;&gt;&lt;bad");
	HAS("href=\"/linh-vuc/ho-tich.html\">Hộ tịch &amp; &lt;b&gt;Dân sự"
	    "&lt;/b&gt;</a>");
	mc_arena_reset(a);

	/* Province level: the receiving agency, linked; not online. */
	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_procedure(hdf, &cat, 1, LANG_VI, a);
	page(hdf, "site/procedure.cs", "site_procedure_offline", out);
	HASNT("/dich-vu/nop-ho-so/");
	HAS("<a href=\"/co-quan/000.00.01.H29.html\">Sở Tư pháp &lt;i&gt;"
	    "TP.HCM&lt;/i&gt;</a>");
	HAS("href=\"https://dichvucong.gov.vn/p?a=1&amp;b=&quot;2&quot;\"");
	HAS("<span class=\"tag tag-level-none\">Chưa phân loại</span>");
	HAS("<p>Bản sao trích lục</p>");
	mc_arena_reset(a);

	/* English: the interface in English, the content marked Vietnamese. */
	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_EN);
	sitegen_fill_procedure(hdf, &cat, 0, LANG_EN, a);
	page(hdf, "site/procedure.cs", "site_procedure_en", out);
	HAS("<html lang=\"en\">");
	HAS("<p class=\"lang-note\">This content is available in Vietnamese "
	    "only.</p>");
	HAS("href=\"/en/linh-vuc/ho-tich.html\">Civil status</a>");
	HAS("Updated: 20 July 2026");
	HAS("<link rel=\"canonical\" href=\"" BASE_URL
	    "/en/thu-tuc/1.000894.html\">");
	HAS("class=\"lang-switch\" lang=\"vi\" hreflang=\"vi\" title=\"See "
	    "this page in Vietnamese\" href=\"/thu-tuc/1.000894.html\"");
	HAS("<td data-label=\"Processing time\">1 working day</td>");
	HAS(">Free of charge<");
	HAS("href=\"/dich-vu/nop-ho-so/1.000894?lang=en\"");
	HAS("<a href=\"/en/\">Home</a>");
	HAS("<span class=\"tag tag-level-partial\">Partly online</span>");
	HAS("href=\"/en/hoi-dap/5.html\" lang=\"vi\">Đăng ký kết hôn ở đâu?");
	HAS("href=\"/en/su-kien/ket-hon.html\">Getting married</a>");
	mc_arena_reset(a);

	/* A fee in dong and days in English; full service level. */
	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_EN);
	sitegen_fill_procedure(hdf, &cat, 2, LANG_EN, a);
	page(hdf, "site/procedure.cs", NULL, out);
	HAS(">5 working days<");
	HAS(">500,000 VND<");
	HAS("<span class=\"tag tag-level-full\">Fully online</span>");
	HAS("href=\"/en/linh-vuc/linh-vuc-5.html\">Thuế</a>");
	mc_arena_reset(a);
}

static void
test_index_pages(struct buf *out, struct mc_arena *a)
{
	struct sg_catalogue cat;
	HDF		   *hdf;

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_home(hdf, &cat, LANG_VI, a);
	page(hdf, "site/home.cs", "site_home", out);
	HAS("action=\"/dich-vu/tim-kiem\" data-index=\"/tim-kiem.json\"");
	HAS("href=\"/linh-vuc/ho-tich.html\"");
	HAS("href=\"/linh-vuc/linh-vuc-5.html\"");
	HAS("href=\"/su-kien/ket-hon.html\">Kết hôn</a>");
	HAS("href=\"/tin-tuc/3.html\">Thông báo " XSS_ESCAPED "</a>");
	HAS("href=\"/hoi-dap/1.html\">Làm sao nộp " XSS_ESCAPED "?</a>");
	HASNT("href=\"/hoi-dap/5.html\""); /* not a general question */
	HAS("<script src=\"/static/js/search.js\" defer></script>");
	HAS("href=\"/en/\">English</a>");
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_EN);
	sitegen_fill_home(hdf, &cat, LANG_EN, a);
	page(hdf, "site/home.cs", NULL, out);
	HAS("<input type=\"hidden\" name=\"lang\" value=\"en\">");
	HAS("data-root=\"/en\"");
	HAS("href=\"/en/hoi-dap/1.html\">How do I apply?</a>");
	HAS("href=\"/en/tin-tuc/3.html\" lang=\"vi\">Thông báo");
	HAS(">Civil status</a>");
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_catalogue(hdf, &cat, LANG_VI, a);
	page(hdf, "site/catalogue.cs", "site_catalogue", out);
	HAS("href=\"/cap/tinh.html\"");
	HAS("href=\"/muc-do/chua-phan-loai.html\">Chưa phân loại</a> "
	    "<span class=\"count\">1</span>");
	mc_arena_reset(a);

	/* A field's list: one group, no headings. */
	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_list(hdf, &cat, LIST_FIELD, 0, LANG_VI, a);
	page(hdf, "site/list.cs", "site_list_field", out);
	HAS("<link rel=\"canonical\" href=\"" BASE_URL
	    "/linh-vuc/ho-tich.html\">");
	HAS("href=\"/thu-tuc/2.000635.html\"");
	HASNT("href=\"/thu-tuc/1.001234.html\"");
	HASNT("<section class=\"field-section\"");
	mc_arena_reset(a);

	/* A department: what it receives; a ward: the commune-level list. */
	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_list(hdf, &cat, LIST_AGENCY, 0, LANG_VI, a);
	page(hdf, "site/list.cs", "site_list_agency", out);
	HAS("<h1>Sở Tư pháp &lt;i&gt;TP.HCM&lt;/i&gt;</h1>");
	HAS("href=\"/thu-tuc/2.000635.html\"");
	HASNT("href=\"/thu-tuc/1.000894.html\"");
	HAS("Thứ Hai đến Thứ Sáu: 07:30–11:30, 13:00–17:00");
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_EN);
	sitegen_fill_list(hdf, &cat, LIST_AGENCY, 2, LANG_EN, a);
	page(hdf, "site/list.cs", NULL, out);
	HAS("<h1>An Đông Ward</h1>");
	HAS("<dd lang=\"vi\">Phường An Đông &quot;&lt;x&gt;&quot;</dd>");
	HAS("href=\"/en/cap/xa.html#g-ho-tich\">Civil status</a> <span "
	    "class=\"count\">2</span>");
	HASNT("href=\"/en/thu-tuc/1.");
	HAS("<dd>028 1234</dd>");
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_list(hdf, &cat, LIST_SERVICE, SL_FULL, LANG_VI, a);
	page(hdf, "site/list.cs", NULL, out);
	HAS("href=\"/thu-tuc/1.001234.html\"");
	HASNT("href=\"/thu-tuc/1.000894.html\"");
	HAS("<h2 id=\"g-linh-vuc-5\">");
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_list(hdf, &cat, LIST_EVENT, 0, LANG_VI, a);
	page(hdf, "site/list.cs", NULL, out);
	HAS("<p class=\"lead\">Đăng ký kết hôn.</p>");
	HAS("href=\"/thu-tuc/1.000894.html\"");
	HASNT("href=\"/thu-tuc/2.000635.html\"");
	CHECK(sitegen_list_path(&cat, LIST_EVENT, 1, a) == NULL);
	CHECK(sitegen_list_path(&cat, LIST_AGENCY, 9, a) == NULL);
	CHECK_STR(sitegen_list_path(&cat, LIST_COMMUNE, 0, a), "cap/xa.html");
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_agencies(hdf, &cat, LANG_VI, a);
	page(hdf, "site/agencies.cs", "site_agencies", out);
	HAS("<section id=\"phuong-xa\"");
	HAS("href=\"/co-quan/000.74.60.H29.html\">Phường An Đông "
	    "&quot;&lt;x&gt;&quot;</a>");
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_faqs(hdf, &cat, LANG_VI, a);
	page(hdf, "site/faqs.cs", "site_faqs", out);
	HAS("<summary>Làm sao nộp " XSS_ESCAPED "?</summary>");
	HAS("<p>Bước hai &amp; ba.</p>");
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_EN);
	sitegen_fill_faq(hdf, &cat, 1, LANG_EN, a);
	page(hdf, "site/faq.cs", NULL, out);
	HAS("<p class=\"lang-note\">This content is available in Vietnamese");
	HAS("<div lang=\"vi\">");
	HAS("href=\"/en/thu-tuc/1.000894.html\" lang=\"vi\">Đăng ký kết hôn");
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_news(hdf, &cat, 0, LANG_VI, a);
	page(hdf, "site/news.cs", "site_news", out);
	HAS("<h1>Thông báo " XSS_ESCAPED "</h1>");
	HAS("<p>Đoạn 2</p>");
	HAS("Đăng ngày 02/07/2026");
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_news_index(hdf, &cat, LANG_VI, a);
	page(hdf, "site/news_index.cs", NULL, out);
	HAS("href=\"/tin-tuc/3.html\"");
	mc_arena_reset(a);

	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_EN);
	sitegen_fill_stats(hdf, &cat, LANG_EN, a);
	page(hdf, "site/stats.cs", NULL, out);
	HAS("<caption class=\"visually-hidden\">Procedures by field</caption>");
	mc_arena_reset(a);

	/* Published feedback: the sender's words and the answer escaped. */
	catalogue(&cat, a);
	hdf = mc_view_begin(LANG_EN);
	sitegen_fill_feedback(hdf, &cat, LANG_EN, a);
	mc_view_set(hdf, "Data.Feedback.0.code", "PA-261207-000001");
	mc_view_set(hdf, "Data.Feedback.0.category", "fees");
	mc_view_set(hdf, "Data.Feedback.0.agency", "Ward " XSS);
	mc_view_set(hdf, "Data.Feedback.0.body", "Phí " XSS);
	mc_view_set(hdf, "Data.Feedback.0.answer", "Đã hoàn " XSS);
	mc_view_set(hdf, "Data.Feedback.0.created", "2026-12-07 08:00:00");
	mc_view_set(hdf, "Data.Feedback.0.answered", "2026-12-08 09:00:00");
	page(hdf, "site/feedback.cs", NULL, out);
	HAS("<h1>Answers to feedback and complaints</h1>");
	HAS("Fees and charges");
	HAS("<p class=\"pre-line\" lang=\"vi\">Phí " XSS_ESCAPED "</p>");
	HAS("Đã hoàn " XSS_ESCAPED);
	HAS("hreflang=\"vi\" href=\"" BASE_URL "/phan-anh/\"");
	HASNT(XSS);
	mc_arena_reset(a);

	hdf = mc_view_begin(LANG_VI);
	sitegen_fill_404(hdf, LANG_VI);
	page(hdf, "site/404.cs", "site_404", out);
	HAS("href=\"/\"");
	HAS("<a href=\"/en/\" hreflang=\"en\">Một Cửa in English</a>");
}

static void
test_search_index(struct mc_arena *a)
{
	struct sg_catalogue cat;
	struct buf	    b;

	catalogue(&cat, a);
	mc_buf_init(&b, 1 << 20);
	CHECK(sitegen_search_index(&cat, &b) == 0);
	CHECK(
	    strstr(b.s,
		"[\"1.000894\",\"Đăng ký kết hôn \\u003cscript>"
		"alert(1)\\u003c/script> \\\"vợ\\\" & 'chồng'\",\"dang ki ket hon "
		"script alert 1 script vo chong\",0,0,1,1,1,1]") != NULL);
	CHECK(strstr(b.s,
		  "\"fields\":[[\"Hộ tịch & \\u003cb>Dân sự"
		  "\\u003c/b>\",\"Civil status\"],[\"Thuế\",\"Thuế\"]]") !=
	    NULL);
	CHECK(strstr(b.s,
		  "[\"2.000635\",\"Cấp bản sao trích lục hộ tịch\","
		  "\"cap ban sao trich luc ho tich\",0,1,1,0,2,1]") != NULL);
	mc_buf_reset(&b);
	CHECK(sitegen_sitemap_url(&b, "https://x.vn", "/a?b=1&c=<2>",
		  "2026-07-20 10:11:12") == 0);
	CHECK_STR(b.s,
	    "<url><loc>https://x.vn/a?b=1&amp;c=&lt;2&gt;</loc>"
	    "<lastmod>2026-07-20</lastmod></url>\n");
	mc_buf_free(&b);
	mc_arena_reset(a);
}

/* The portal's search page and the webmaster's build page. */
static void
test_dynamic_pages(struct buf *out)
{
	HDF *hdf;

	hdf = mc_view_begin(LANG_VI);
	mc_view_set(hdf, "Page.Title", "Tìm thủ tục hành chính");
	mc_view_set(hdf, "Page.Path", "/dich-vu/tim-kiem");
	mc_view_set(hdf, "Page.AltHref",
	    "/dich-vu/tim-kiem?q=%3Cx%3E&lang=en");
	mc_view_set(hdf, "Form.q", "\"><script>alert(1)</script>");
	mc_view_set(hdf, "Form.level", "xa");
	mc_view_set(hdf, "Form.Filtered", "1");
	mc_view_set(hdf, "Data.Query", "q=%22%3E&level=xa");
	mc_view_set(hdf, "Data.Fields.0.id", "8");
	mc_view_set(hdf, "Data.Fields.0.name", "Hộ tịch");
	mc_view_set(hdf, "Data.Fields.0.n", "41");
	mc_view_set(hdf, "Data.Agencies.0.code", "000.00.01.H29");
	mc_view_set(hdf, "Data.Agencies.0.name", "Sở Tư pháp");
	mc_view_set(hdf, "Data.Searched", "1");
	mc_view_set(hdf, "Data.Total", "21");
	mc_view_set(hdf, "Data.Page", "2");
	mc_view_set(hdf, "Data.Pages", "2");
	mc_view_set(hdf, "Data.PrevPage", "1");
	mc_view_set(hdf, "Data.Results.0.code", "1.000894");
	mc_view_set(hdf, "Data.Results.0.name", "Thủ tục <b>đăng ký</b>");
	mc_view_set(hdf, "Data.Results.0.field_name", "Hộ tịch");
	mc_view_set(hdf, "Data.Results.0.level_commune", "1");
	mc_view_set(hdf, "Data.Results.0.online", "1");
	mc_view_set(hdf, "Data.FeedbackHits.0.code", "PA-261207-9");
	mc_view_set(hdf, "Data.FeedbackHits.0.category", "attitude");
	mc_view_set(hdf, "Data.FeedbackHits.0.agency", "Phường <Bến Thành>");
	mc_view_set(hdf, "Data.FeedbackHits.0.answer", "Đã <b>nhắc nhở</b>.");
	page(hdf, "portal/search.cs", "portal_search", out);
	HAS("<a href=\"/phan-anh/PA-261207-9.html\">Trả lời phản ánh "
	    "PA-261207-9</a>");
	HAS("Thái độ của cán bộ · Phường &lt;Bến Thành&gt;");
	HAS("Đã &lt;b&gt;nhắc nhở&lt;/b&gt;.");
	HAS("<ol class=\"results proc-list\" start=\"21\">");
	HAS("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
	HAS("<option value=\"xa\" selected>");
	HAS("href=\"/dich-vu/tim-kiem?q=%22%3E&amp;level=xa&amp;page=1\" "
	    "rel=\"prev\"");
	HASNT("rel=\"next\"");
	HAS("href=\"/dich-vu/tim-kiem?q=%3Cx%3E&amp;lang=en\">English</a>");
	HAS("Thủ tục &lt;b&gt;đăng ký&lt;/b&gt;");

	/* A dynamic page without Page.AltHref switches with ?lang=. */
	hdf = mc_view_begin(LANG_EN);
	mc_view_set(hdf, "Page.Path", "/dich-vu/dang-nhap");
	mc_view_set(hdf, "Page.Status", "404");
	page(hdf, "error.cs", NULL, out);
	HAS("href=\"/dich-vu/dang-nhap?lang=vi\">Tiếng Việt</a>");

	hdf = mc_view_begin(LANG_VI);
	mc_view_set(hdf, "Page.Title", "Cập nhật trang công khai");
	mc_view_set(hdf, "Data.Build.0.id", "7");
	mc_view_set(hdf, "Data.Build.0.state", "running");
	mc_view_set(hdf, "Data.Build.0.pages_total", "3873");
	mc_view_set(hdf, "Data.Build.0.pages_done", "1200");
	mc_view_set(hdf, "Data.Build.0.full_name", "Hoàng " XSS);
	page(hdf, "office/webmaster_build.cs", "webmaster_build", out);
	HAS("<progress id=\"build-progress\" max=\"3873\" value=\"1200\">");
	HAS("data-status=\"/can-bo/quan-tri-trang/cap-nhat/7/trang-thai\"");
	HAS("<strong data-k=\"state-text\">Đang chạy</strong>");
	HAS("<dd>Hoàng " XSS_ESCAPED "</dd>");
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
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}

/* 1 if path.gz and path.br both decode to exactly the bytes of b. */
static int
copies_match(const char *path, const struct buf *b)
{
	char	      zpath[512], out[4096];
	unsigned char in[4096];
	size_t	      n, outlen = sizeof(out);
	gzFile	      gz;
	FILE	     *f;
	int	      r;

	snprintf(zpath, sizeof(zpath), "%s.gz", path);
	if ((gz = gzopen(zpath, "rb")) == NULL)
		return 0;
	r = gzread(gz, out, sizeof(out));
	gzclose(gz);
	if (r < 0 || (size_t)r != b->len || memcmp(out, b->s, b->len) != 0)
		return 0;
	snprintf(zpath, sizeof(zpath), "%s.br", path);
	if ((f = fopen(zpath, "rb")) == NULL)
		return 0;
	n = fread(in, 1, sizeof(in), f);
	fclose(f);
	if (BrotliDecoderDecompress(n, in, &outlen, (uint8_t *)out) !=
	    BROTLI_DECODER_RESULT_SUCCESS)
		return 0;
	return outlen == b->len && memcmp(out, b->s, b->len) == 0;
}

static void
test_write(void)
{
	char	       dir[] = "/tmp/test_view.XXXXXX", path[256];
	struct buf     b;
	struct stat    st;
	struct dirent *e;
	long long      t;
	DIR	      *d;
	int	       n = 0;

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
	CHECK_INT(n, 3); /* page.html, page.html.gz, page.html.br */
	/* Both copies decode to the page's bytes. */
	snprintf(path, sizeof(path), "%s/a/b/page.html", dir);
	CHECK(copies_match(path, &b));
	/* Only the file when the bytes did not change; a copy that went
	 * missing is made again; a new page gets new copies. */
	snprintf(path, sizeof(path), "%s/a/b/page.html.br", dir);
	t = mtime_ns(path);
	usleep(20000);
	CHECK_INT(sitegen_write(dir, "a/b/page.html", &b), 0);
	CHECK(mtime_ns(path) == t);
	unlink(path);
	CHECK_INT(sitegen_write(dir, "a/b/page.html", &b), 0);
	snprintf(path, sizeof(path), "%s/a/b/page.html", dir);
	CHECK(copies_match(path, &b));
	mc_buf_adds(&b, "<p>ba</p>\n");
	CHECK_INT(sitegen_write(dir, "a/b/page.html", &b), 1);
	CHECK(copies_match(path, &b));
	/* Not a text file: no copies. */
	CHECK_INT(sitegen_write(dir, "a/b/x.txt", &b), 1);
	snprintf(path, sizeof(path), "%s/a/b/x.txt.gz", dir);
	CHECK(access(path, F_OK) < 0);
	snprintf(path, sizeof(path), "%s/a/b/x.txt", dir);
	unlink(path);
	/* A folder removed under the writer is made again. */
	snprintf(path, sizeof(path), "%s/a/b/page.html", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/a/b/page.html.gz", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/a/b/page.html.br", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/a/b", dir);
	CHECK(rmdir(path) == 0);
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
	char name[512];
	HDF *c;
	int  missing = 0;

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
	HDF    *a, *b;
	NEOERR *err;

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
	char   en[512];
	glob_t g;
	size_t i, n;

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

/*
 * A string of a language other than the page's (a text stored in both
 * languages): each language's own, the page's data untouched, the name
 * for a missing one or a language out of range.
 */
static void
test_lang_str(void)
{
	HDF *vi = mc_view_begin(LANG_VI);

	mc_view_set(vi, "Data.Kept", "1");
	CHECK(strcmp(mc_view_lang_str(LANG_VI, "Eval.Form.NoteOff"),
		  "Tắt câu hỏi kế thừa:") == 0);
	CHECK(strcmp(mc_view_lang_str(LANG_EN, "Eval.Form.NoteOff"),
		  "Inherited question switched off:") == 0);
	CHECK(strcmp(mc_view_lang_str(LANG_EN, "No.Such"), "No.Such") == 0);
	CHECK(strcmp(mc_view_lang_str(LANG__MAX, "Eval.Form.NoteOff"),
		  "Eval.Form.NoteOff") == 0);
	CHECK(strcmp(hdf_get_value(vi, "Data.Kept", ""), "1") == 0);
	CHECK(strcmp(hdf_get_value(vi, "Page.Lang", ""), "vi") == 0);
}

int
main(void)
{
	struct mc_arena *a;
	struct buf	 out;

	mc_config_set("base_url", BASE_URL);
	CHECK(mc_view_init("templates") == 0);
	a = mc_arena_new(64 * 1024);
	mc_buf_init(&out, 16 * 1024 * 1024);
	test_error_pages(&out);
	test_procedure_pages(&out, a);
	test_index_pages(&out, a);
	test_search_index(a);
	test_dynamic_pages(&out);
	test_codes();
	test_write();
	test_lang_complete();
	test_lang_str();
	mc_buf_free(&out);
	mc_arena_free(a);
	mc_view_free();
	return DONE();
}
