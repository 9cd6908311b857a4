/*
 * Unit tests of mc_pdf and mc_forms: every form rendered with Vietnamese
 * data and read back with poppler (pdftotext -layout, pdfinfo), the form
 * 01 QR code decoded with zbarimg, long tables across pages, hostile text,
 * failure paths; and the rate of form 01 PDFs per second (on stderr).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_forms.h"
#include "mc_pdf.h"

#define PDF_MAX (16u << 20)
#define HOSTILE "<b>Bà & \"Ông\" 'x'</b> 100% %s %n &amp; <i>"
/* clang-format off */
#define URL		"https://dichvucong.hochiminhcity.gov.vn/dich-vu/" \
			    "ho-so/000.00.16.H29-260305-0001?ma=7f3a9c"
/* clang-format on */

static char tmpdir[] = "/tmp/motcua-test-pdf-XXXXXX";
static int  nfile;

/* What poppler made of a PDF. */
struct readback {
	char   path[128];
	char  *text; /* pdftotext -layout, whitespace collapsed */
	char  *raw;  /* pdftotext -layout as it came */
	char  *flow; /* pdftotext -raw (drawing order: a table
				   cell's lines together), collapsed */
	int    pages;
	double width, height; /* of the first page, in points */
};

/* Runs cmd and returns its whole output (malloc'd), or NULL. */
static char *
run(const char *cmd)
{
	struct buf b;
	FILE	  *p;
	char	   chunk[4096];
	size_t	   n;
	char	  *s;

	if ((p = popen(cmd, "r")) == NULL)
		return NULL;
	mc_buf_init(&b, 64u << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		mc_buf_add(&b, chunk, n);
	if (pclose(p) != 0) {
		mc_buf_free(&b);
		return NULL;
	}
	s = strdup(b.s);
	mc_buf_free(&b);
	return s;
}

/* Runs of white space (and form feeds) as one space. */
static char *
collapse(const char *s)
{
	char *out, *o;

	o = out = malloc(strlen(s) + 1);
	while (*s != '\0') {
		if (isspace((unsigned char)*s)) {
			while (isspace((unsigned char)*s))
				s++;
			if (o != out)
				*o++ = ' ';
			continue;
		}
		*o++ = *s++;
	}
	*o = '\0';
	return out;
}

/* Writes the PDF to a file and reads it back; 0 or -1. */
static int
readback(const struct buf *pdf, struct readback *rb)
{
	FILE *f;
	char  cmd[512], *info, *p;

	memset(rb, 0, sizeof(*rb));
	snprintf(rb->path, sizeof(rb->path), "%s/%02d.pdf", tmpdir, ++nfile);
	if ((f = fopen(rb->path, "wb")) == NULL)
		return -1;
	fwrite(pdf->s, 1, pdf->len, f);
	if (fclose(f) != 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "pdftotext -layout -enc UTF-8 %s -",
	    rb->path);
	if ((rb->raw = run(cmd)) == NULL)
		return -1;
	rb->text = collapse(rb->raw);
	snprintf(cmd, sizeof(cmd), "pdftotext -raw -enc UTF-8 %s -", rb->path);
	if ((info = run(cmd)) == NULL)
		return -1;
	rb->flow = collapse(info);
	free(info);
	snprintf(cmd, sizeof(cmd), "pdfinfo %s", rb->path);
	if ((info = run(cmd)) == NULL)
		return -1;
	if ((p = strstr(info, "Pages:")) != NULL)
		rb->pages = (int)strtol(p + 6, NULL, 10);
	if ((p = strstr(info, "Page size:")) != NULL)
		sscanf(p + 10, "%lf x %lf", &rb->width, &rb->height);
	free(info);
	return 0;
}

static void
readback_free(struct readback *rb)
{
	free(rb->text);
	free(rb->raw);
	free(rb->flow);
	rb->text = rb->raw = rb->flow = NULL;
}

/* 1 if the text holds s (white space collapsed in both). */
static int
find(const struct readback *rb, const char *in, const char *s)
{
	char *c = collapse(s);
	int   found;

	found = in != NULL && strstr(in, c) != NULL;
	if (!found)
		fprintf(stderr, "  not in %s: \"%s\"\n", rb->path, c);
	free(c);
	return found;
}

/* In the -layout text: lines as they stand on the page. */
static int
has(const struct readback *rb, const char *s)
{
	return find(rb, rb->text, s);
}

/* In the -raw text: a wrapped table cell or heading column whole. */
static int
cell(const struct readback *rb, const char *s)
{
	return find(rb, rb->flow, s);
}

/* How many times s occurs (in the -raw text). */
static int
count(const struct readback *rb, const char *s)
{
	const char *p;
	int	    n = 0;

	for (p = rb->flow; p != NULL && (p = strstr(p, s)) != NULL; p++)
		n++;
	return n;
}

/* A local time in the city's zone. */
static time_t
at(int y, int mo, int d, int h, int mi)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* clang-format off */
static const struct mc_form_head head = {
	.parent = "Ủy ban nhân dân Thành phố Hồ Chí Minh",
	.agency = "Sở Tư pháp",
	.unit = "Bộ phận tiếp nhận và trả kết quả",
	.number = "125/GTN-STP",
};
/* clang-format on */

/* clang-format off */
static const struct mc_form_doc docs[] = {
	{ "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP)",
	    1, 0 },
	{ "Bản chụp Căn cước công dân", 0, 1 },
	{ "Giấy tờ chứng minh nơi thường trú hoặc tạm trú", 0, 1 },
};
/* clang-format on */

static void
fill01(struct mc_form01 *f)
{
	memset(f, 0, sizeof(*f));
	f->head = head;
	f->head.date = at(2026, 3, 5, 8, 30);
	f->code = "000.00.16.H29-260305-0001";
	f->unit = "Sở Tư pháp Thành phố Hồ Chí Minh";
	f->applicant.name = "Nguyễn Thị Hồng Nhung";
	f->applicant.id_number = "079190012345";
	f->applicant.address = "123 Nguyễn Đình Chiểu, Phường Xuân Hòa, "
			       "Thành phố Hồ Chí Minh";
	f->applicant.phone = "0903 123 456";
	f->applicant.email = "nhung.nguyen@example.vn";
	f->matter = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người "
		    "nước ngoài đang cư trú tại Việt Nam";
	f->docs = docs;
	f->ndocs = 3;
	f->sets = 1;
	f->legal_time = "10 ngày làm việc";
	f->received = at(2026, 3, 5, 8, 30);
	f->due = at(2026, 3, 19, 16, 0);
	f->collect_at = "Bộ phận tiếp nhận và trả kết quả Sở Tư pháp, "
			"141-143 Pasteur, Phường Xuân Hòa";
	f->book = "03";
	f->book_seq = "0125";
	f->officer = "Trần Minh Khôi";
	f->status_url = URL;
}

static void
test_form01(void)
{
	struct mc_form01 f;
	struct buf	 pdf;
	struct readback	 rb;
	char		 cmd[512], *qr;

	fill01(&f);
	mc_buf_init(&pdf, PDF_MAX);
	CHECK_INT(mc_form01_pdf(&pdf, &f), 0);
	CHECK(pdf.len > 1000 && memcmp(pdf.s, "%PDF-", 5) == 0);
	CHECK_INT(readback(&pdf, &rb), 0);
	CHECK_INT(rb.pages, 1);
	CHECK(rb.width > 595 && rb.width < 596 && rb.height > 841 &&
	    rb.height < 842);
	CHECK(cell(&rb, "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"));
	CHECK(has(&rb, "SỞ TƯ PHÁP"));
	CHECK(has(&rb, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	CHECK(has(&rb, "Độc lập - Tự do - Hạnh phúc"));
	CHECK(has(&rb, "Thành phố Hồ Chí Minh, ngày 05 tháng 3 năm 2026"));
	CHECK(has(&rb, "Số: 125/GTN-STP"));
	CHECK(has(&rb, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"));
	CHECK(has(&rb, "Mã hồ sơ: 000.00.16.H29-260305-0001"));
	CHECK(has(&rb, "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung"));
	CHECK(has(&rb, "Số định danh cá nhân: 079190012345"));
	CHECK(strstr(rb.text, "Mã số thuế") == NULL);
	CHECK(has(&rb, "Email: nhung.nguyen@example.vn"));
	CHECK(has(&rb, "Bản chụp Căn cước công dân"));
	CHECK(has(&rb, "2. Số lượng hồ sơ: 01 (bộ)"));
	CHECK(has(&rb, "10 ngày làm việc"));
	CHECK(has(&rb,
	    "4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 05 "
	    "tháng 3 năm 2026"));
	CHECK(has(&rb,
	    "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 "
	    "phút, ngày 19 tháng 3 năm 2026"));
	CHECK(has(&rb, "Quyển số: 03"));
	CHECK(has(&rb, "Số thứ tự: 0125"));
	CHECK(has(&rb, "Quét mã để tra cứu tình trạng hồ sơ"));
	CHECK(has(&rb, "NGƯỜI NỘP HỒ SƠ"));
	CHECK(has(&rb, "NGƯỜI TIẾP NHẬN HỒ SƠ"));
	CHECK(has(&rb, "(Ký và ghi rõ họ tên)"));
	CHECK(has(&rb, "Trần Minh Khôi"));
	CHECK(strstr(rb.text, "Trang") == NULL); /* 1 page: no number */

	/* The QR code opens the dossier's status page. */
	snprintf(cmd, sizeof(cmd),
	    "pdftoppm -r 150 -png -f 1 -l 1 %s "
	    "%s/qr && zbarimg --raw -q %s/qr-1.png 2>/dev/null",
	    rb.path, tmpdir, tmpdir);
	qr = run(cmd);
	CHECK(qr != NULL);
	if (qr != NULL) {
		qr[strcspn(qr, "\n")] = '\0';
		CHECK_STR(qr, URL);
	}
	free(qr);
	readback_free(&rb);

	/* Missing URL: refused, nothing written. */
	mc_buf_reset(&pdf);
	f.status_url = NULL;
	CHECK_INT(mc_form01_pdf(&pdf, &f), -1);
	CHECK_INT(pdf.len, 0);
	mc_buf_free(&pdf);
}

/* An organisation applies: its number is labelled as a tax code. */
static void
test_form01_org(void)
{
	struct mc_form01 f;
	struct buf	 pdf;
	struct readback	 rb;

	fill01(&f);
	f.applicant.name = "Công ty TNHH Hoa Sen";
	f.applicant.id_number = "0314409058-002";
	f.applicant.org = 1;
	mc_buf_init(&pdf, PDF_MAX);
	CHECK_INT(mc_form01_pdf(&pdf, &f), 0);
	if (readback(&pdf, &rb) != 0) {
		CHECK(!"form 01 read back");
		mc_buf_free(&pdf);
		return;
	}
	CHECK(has(&rb, "Tiếp nhận hồ sơ của: Công ty TNHH Hoa Sen"));
	CHECK(has(&rb, "Mã số thuế: 0314409058-002"));
	CHECK(strstr(rb.text, "Số định danh cá nhân") == NULL);
	readback_free(&rb);
	mc_buf_free(&pdf);
}

/* Long names wrap, hostile characters print as themselves. */
static void
test_form01_hostile(void)
{
	static const char longname[] =
	    "Công ty Trách nhiệm hữu hạn Một "
	    "thành viên Thương mại Dịch vụ Xuất nhập khẩu Nguyễn Thị Hồng "
	    "Nhung và Các Cộng sự Đồng bằng sông Cửu Long";
	struct mc_form_doc d[2] = {
		{ "Văn bản ủy quyền " HOSTILE, 1, 1 },
		{ "Giấy tờ khác: 50% bản sao <chứng thực>", 0, 2 },
	};
	struct mc_form01 f;
	struct buf	 pdf;
	struct readback	 rb;

	fill01(&f);
	f.applicant.name = longname;
	f.applicant.address = HOSTILE;
	f.authorised.name = "Lê Văn Tám";
	f.authorised.id_number = "079085000111";
	f.authorised.phone = "0912 000 111";
	f.docs = d;
	f.ndocs = 2;
	f.book = NULL;
	mc_buf_init(&pdf, PDF_MAX);
	CHECK_INT(mc_form01_pdf(&pdf, &f), 0);
	CHECK_INT(readback(&pdf, &rb), 0);
	CHECK_INT(rb.pages, 1);
	CHECK(has(&rb, longname));
	CHECK(has(&rb, "Địa chỉ: " HOSTILE));
	CHECK(has(&rb, "Văn bản ủy quyền " HOSTILE));
	CHECK(has(&rb, "50% bản sao <chứng thực>"));
	CHECK(has(&rb, "Người được ủy quyền: Lê Văn Tám"));
	CHECK(has(&rb, "Quyển số: ......")); /* blank: dots */
	/* The authorised person signs for the applicant. */
	CHECK_INT(count(&rb, "Lê Văn Tám"), 2);
	readback_free(&rb);
	mc_buf_free(&pdf);
}

static void
test_form02(void)
{
	static const struct mc_form_item items[] = {
		{ "Bản sao Giấy khai sinh có chứng thực",
		    "Bản đã nộp là bản "
		    "chụp không có chứng thực" },
		{ "Tờ khai theo Mẫu số 03/2013/TT-LLTP",
		    "Chưa ghi mục "
		    "\"Nơi thường trú\" & thiếu chữ ký" },
		{ "Ảnh 4x6", NULL },
	};
	struct mc_form02 f;
	struct buf	 pdf;
	struct readback	 rb;

	memset(&f, 0, sizeof(f));
	f.head = head;
	f.head.date = at(2026, 1, 7, 9, 0);
	f.code = "000.00.16.H29-260107-0042";
	f.applicant.name = "Nguyễn Thị Hồng Nhung";
	f.applicant.address = "45 Lê Lợi, Phường Sài Gòn";
	f.applicant.phone = "0903 123 456";
	f.matter = "Cấp Phiếu lý lịch tư pháp";
	f.items = items;
	f.nitems = 3;
	f.officer = "Phạm Thu Trang";
	f.officer_phone = "028 3829 0230";
	mc_buf_init(&pdf, PDF_MAX);
	CHECK_INT(mc_form02_pdf(&pdf, &f), 0);
	CHECK_INT(readback(&pdf, &rb), 0);
	CHECK_INT(rb.pages, 1);
	CHECK(has(&rb, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"));
	CHECK(has(&rb, "ngày 07 tháng 01 năm 2026"));
	CHECK(has(&rb, "Mã hồ sơ: 000.00.16.H29-260107-0042"));
	CHECK(has(&rb, "Hồ sơ của: Nguyễn Thị Hồng Nhung"));
	CHECK(has(&rb, "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:"));
	CHECK(has(&rb, "1. Bản sao Giấy khai sinh có chứng thực"));
	CHECK(has(&rb, "Lý do: Bản đã nộp là bản chụp không có chứng thực"));
	CHECK(has(&rb,
	    "Lý do: Chưa ghi mục \"Nơi thường trú\" & thiếu chữ "
	    "ký"));
	CHECK(has(&rb, "3. Ảnh 4x6"));
	CHECK_INT(count(&rb, "Lý do:"), 2);
	CHECK(has(&rb, "Email: ......"));
	CHECK(has(&rb,
	    "liên hệ với Phạm Thu Trang, số điện thoại 028 3829 "
	    "0230 để được hướng dẫn./."));
	CHECK(has(&rb, "NGƯỜI HƯỚNG DẪN"));
	readback_free(&rb);
	mc_buf_free(&pdf);
}

static void
test_form03(void)
{
	static const char *const reasons[] = {
		"Thủ tục không thuộc thẩm quyền giải quyết của Sở Tư pháp "
		"(thuộc Ủy ban nhân dân cấp xã)",
		"Người yêu cầu không thuộc đối tượng được cấp",
	};
	struct mc_form03 f;
	struct buf	 pdf;
	struct readback	 rb;

	memset(&f, 0, sizeof(f));
	f.head = head;
	f.head.date = at(2026, 2, 24, 14, 0);
	f.code = "000.00.16.H29-260224-0007";
	f.applicant.name = "Võ Thị Sáu";
	f.applicant.id_number = "079300000999";
	f.applicant.address = "12 Trần Hưng Đạo, Phường Cầu Ông Lãnh";
	f.matter = "Đăng ký khai sinh";
	f.reasons = reasons;
	f.nreasons = 2;
	f.officer = "Trần Minh Khôi";
	mc_buf_init(&pdf, PDF_MAX);
	CHECK_INT(mc_form03_pdf(&pdf, &f), 0);
	CHECK_INT(readback(&pdf, &rb), 0);
	CHECK_INT(rb.pages, 1);
	CHECK(has(&rb, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"));
	CHECK(has(&rb, "ngày 24 tháng 02 năm 2026"));
	CHECK(has(&rb, "Tiếp nhận hồ sơ của: Võ Thị Sáu"));
	CHECK(has(&rb, "Số định danh cá nhân: 079300000999"));
	CHECK(has(&rb, "Mã hồ sơ: 000.00.16.H29-260224-0007"));
	CHECK(has(&rb,
	    "Qua xem xét, Sở Tư pháp thông báo không tiếp nhận, "
	    "giải quyết hồ sơ này với lý do cụ thể như sau:"));
	CHECK(has(&rb,
	    "1. Thủ tục không thuộc thẩm quyền giải quyết của Sở "
	    "Tư pháp (thuộc Ủy ban nhân dân cấp xã)"));
	CHECK(has(&rb, "2. Người yêu cầu không thuộc đối tượng được cấp"));
	CHECK(has(&rb, "Xin thông báo để ông/bà được biết và thực hiện./."));
	readback_free(&rb);
	mc_buf_free(&pdf);
}

static void
test_form04(void)
{
	struct mc_form04 f;
	struct buf	 pdf;
	struct readback	 rb;

	memset(&f, 0, sizeof(f));
	f.head = head;
	f.head.unit = NULL;
	f.head.date = at(2026, 3, 17, 10, 0);
	f.applicant.name = "Nguyễn Thị Hồng Nhung";
	f.code = "000.00.16.H29-260305-0001";
	f.receipt_no = "0125";
	f.dossier_type = "Lý lịch tư pháp";
	f.status = "Đang xử lý (chờ kết quả xác minh)";
	f.matter = "Cấp Phiếu lý lịch tư pháp";
	f.received = at(2026, 3, 5, 8, 30);
	f.due_old = at(2026, 3, 19, 16, 0);
	f.reason = "Chờ kết quả xác minh của Công an Thành phố";
	f.due_new = at(2026, 3, 26, 16, 0);
	f.signer_role = "GIÁM ĐỐC";
	f.signer = "Nguyễn Văn Bình";
	mc_buf_init(&pdf, PDF_MAX);
	CHECK_INT(mc_form04_pdf(&pdf, &f), 0);
	CHECK_INT(readback(&pdf, &rb), 0);
	CHECK_INT(rb.pages, 1);
	CHECK(has(&rb, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"));
	CHECK(has(&rb, "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung"));
	CHECK(has(&rb,
	    "Ngày 05/03/2026, Sở Tư pháp tiếp nhận giải quyết hồ "
	    "sơ của Ông/Bà Nguyễn Thị Hồng Nhung:"));
	CHECK(has(&rb, "Số biên nhận: 0125"));
	CHECK(has(&rb, "Loại hồ sơ: Lý lịch tư pháp"));
	CHECK(has(&rb,
	    "Tình trạng hồ sơ: Đang xử lý (chờ kết quả xác "
	    "minh)"));
	CHECK(has(&rb, "16 giờ 00 phút, ngày 19 tháng 3 năm 2026"));
	CHECK(has(&rb, "lý do: Chờ kết quả xác minh của Công an Thành phố"));
	CHECK(has(&rb,
	    "xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ "
	    "cho Ông/Bà vào 16 giờ 00 phút, ngày 26 tháng 3 năm 2026."));
	CHECK(has(&rb, "Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./."));
	CHECK(has(&rb, "GIÁM ĐỐC"));
	CHECK(has(&rb, "(Ký, ghi rõ họ tên và đóng dấu)"));
	CHECK(has(&rb, "Nguyễn Văn Bình"));
	readback_free(&rb);
	mc_buf_free(&pdf);
}

/* 60 hand-overs: the table runs over pages, its header on each. */
static void
test_form05(void)
{
	struct mc_form_handover h[60];
	struct mc_form05	f;
	struct mc_arena	       *a = mc_arena_new(8192);
	struct buf		pdf;
	struct readback		rb;
	char			want[64];
	size_t			i;
	int			all = 1;

	memset(&f, 0, sizeof(f));
	f.head = head;
	f.head.date = at(2026, 3, 5, 8, 30);
	f.code = "000.00.16.H29-260305-0001";
	f.applicant.name = "Nguyễn Thị Hồng Nhung";
	f.matter = "Cấp Phiếu lý lịch tư pháp";
	f.lead = "Sở Tư pháp";
	f.partners = "Công an Thành phố Hồ Chí Minh";
	f.received = at(2026, 3, 5, 8, 30);
	f.due = at(2026, 3, 19, 16, 0);
	for (i = 0; i < 60; i++) {
		h[i].step = mc_arena_printf(a,
		    "Phòng Hành chính tư pháp — "
		    "bước %zu",
		    i + 1);
		h[i].giver = i % 2 ? "Trần Minh Khôi" : "Lê Thị Phương Thảo";
		h[i].given = f.received + (time_t)i * 3600;
		h[i].taker = "Nguyễn Hoàng Bảo Ngọc";
		h[i].taken = h[i].given + 600;
		h[i].timing = (enum mc_form_timing)(1 + i % 3);
		h[i].note = i == 7 ? HOSTILE : NULL;
	}
	f.handovers = h;
	f.nhandovers = 60;
	mc_buf_init(&pdf, PDF_MAX);
	CHECK_INT(mc_form05_pdf(&pdf, &f), 0);
	CHECK_INT(readback(&pdf, &rb), 0);
	CHECK(rb.pages >= 3);
	CHECK(has(&rb, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"));
	CHECK(
	    has(&rb, "(Kèm theo hồ sơ có mã số: 000.00.16.H29-260305-0001)"));
	CHECK(has(&rb,
	    "Cơ quan phối hợp giải quyết hồ sơ: Công an Thành phố "
	    "Hồ Chí Minh"));
	/* The header row on every page, the page numbers at the feet. */
	CHECK_INT(count(&rb, "Ghi chú"), rb.pages);
	snprintf(want, sizeof(want), "Trang 1/%d", rb.pages);
	CHECK(has(&rb, want));
	snprintf(want, sizeof(want), "Trang %d/%d", rb.pages, rb.pages);
	CHECK(has(&rb, want));
	for (i = 0; i < 60; i++) {
		snprintf(want, sizeof(want), "bước %zu ", i + 1);
		if (count(&rb, want) != 1)
			all = 0;
	}
	CHECK(all);
	CHECK_INT(count(&rb, "Nguyễn Hoàng Bảo Ngọc"), 60);
	CHECK_INT(count(&rb, "Trước hạn"), 20);
	CHECK_INT(count(&rb, "Quá hạn"), 20);
	CHECK(cell(&rb, "Lê Thị Phương Thảo 05/03/2026 08:30"));
	CHECK(cell(&rb, "Nguyễn Hoàng Bảo Ngọc 05/03/2026 08:40"));
	CHECK(cell(&rb, HOSTILE));
	readback_free(&rb);
	mc_buf_free(&pdf);
	mc_arena_free(a);
}

/* The tracking book: landscape, 60 dossiers over pages. */
static void
test_form06(void)
{
	struct mc_form_book_row r[60];
	struct mc_form06	f;
	struct mc_arena	       *a = mc_arena_new(8192);
	struct buf		pdf;
	struct readback		rb;
	char			want[64];
	size_t			i;
	int			all = 1;

	memset(&f, 0, sizeof(f));
	f.head = head;
	f.head.date = at(2026, 4, 1, 8, 0);
	f.field = "Lý lịch tư pháp";
	f.from = at(2026, 3, 1, 0, 0);
	f.to = at(2026, 3, 31, 0, 0);
	f.book = "03";
	for (i = 0; i < 60; i++) {
		r[i].code = mc_arena_printf(a, "000.00.16.H29-2603%02zu-%04zu",
		    1 + i % 28, i + 1);
		r[i].procedure =
		    "Cấp Phiếu lý lịch tư pháp cho công dân Việt "
		    "Nam, người nước ngoài đang cư trú tại Việt Nam";
		r[i].applicant = i == 3 ? "Nguyễn Thị Hồng Nhung" :
					  "Đặng Văn Lâm";
		r[i].agency = "Sở Tư pháp";
		r[i].received = at(2026, 3, 1 + (int)(i % 28), 9, 15);
		r[i].due = r[i].received + 10 * 86400;
		r[i].returned = i % 4 == 0 ? 0 : r[i].due - 3600;
		r[i].delivery = (enum mc_form_delivery)(i % 4);
	}
	f.rows = r;
	f.nrows = 60;
	mc_buf_init(&pdf, PDF_MAX);
	CHECK_INT(mc_form06_pdf(&pdf, &f), 0);
	CHECK_INT(readback(&pdf, &rb), 0);
	CHECK(rb.pages >= 3);
	CHECK(rb.width > 841 && rb.width < 842); /* landscape */
	CHECK(has(&rb, "SỔ THEO DÕI HỒ SƠ"));
	CHECK(has(&rb,
	    "Lĩnh vực: Lý lịch tư pháp. Từ ngày 01/03/2026 đến "
	    "ngày 31/03/2026"));
	CHECK(cell(&rb, "Nguyễn Thị Hồng Nhung"));
	CHECK_INT(count(&rb, "Hình thức trả kết quả"), rb.pages);
	for (i = 0; i < 60; i++)
		if (count(&rb, r[i].code) != 1)
			all = 0;
	CHECK(all);
	CHECK_INT(count(&rb, "Dịch vụ bưu chính"), 15);
	CHECK_INT(count(&rb, "Trực tuyến"), 15);
	snprintf(want, sizeof(want), "Trang %d/%d", rb.pages, rb.pages);
	CHECK(has(&rb, want));
	readback_free(&rb);
	mc_buf_free(&pdf);
	mc_arena_free(a);
}

/* The renderer's edges: empty, too big, bad UTF-8, overlong content. */
static void
test_renderer(void)
{
	struct mc_arena	    *a = mc_arena_new(8192);
	struct mc_pdf	    *doc;
	struct mc_pdf_table *t;
	struct mc_pdf_col    col[2] = { { "Cột một", 1, MC_PDF_LEFT },
		   { "Cột hai", 1, MC_PDF_RIGHT } };
	struct buf	     pdf, big, small;
	struct readback	     rb;
	const char	    *cells[2];
	char		     qr[3000];
	int		     i;

	/* An empty document is one blank page. */
	mc_buf_init(&pdf, PDF_MAX);
	doc = mc_pdf_new(a, "trống", 0);
	CHECK_INT(mc_pdf_render(doc, &pdf), 0);
	CHECK_INT(mc_pdf_pages(doc), 1);
	CHECK_INT(readback(&pdf, &rb), 0);
	CHECK_INT(rb.pages, 1);
	readback_free(&rb);

	/* Bad UTF-8 and control bytes: replaced, the rest intact. */
	mc_buf_reset(&pdf);
	doc = mc_pdf_new(a, "\xff\xfe", 0);
	mc_pdf_para(doc, 0, MC_PDF_LEFT, "Trước\xc3 sau\x01giữa \xe1\xbb");
	mc_pdf_field(doc, "Nhãn \xff", "giá trị \xc0\xaf đúng");
	CHECK_INT(mc_pdf_render(doc, &pdf), 0);
	CHECK_INT(readback(&pdf, &rb), 0);
	CHECK(has(&rb, "sau giữa"));
	CHECK(has(&rb, "đúng"));
	readback_free(&rb);

	/* A paragraph longer than a page flows on; a huge cell is cut. */
	mc_buf_init(&big, 1u << 20);
	for (i = 0; i < 400; i++)
		mc_buf_addf(&big, "Câu số %d của một đoạn văn rất dài. ", i);
	mc_buf_reset(&pdf);
	doc = mc_pdf_new(a, "dài", 0);
	mc_pdf_page_numbers(doc, NULL);
	mc_pdf_para(doc, MC_PDF_INDENT, MC_PDF_JUSTIFY, big.s);
	t = mc_pdf_table(doc, col, 2);
	CHECK(t != NULL);
	cells[0] = big.s;
	cells[1] = "ô bên phải";
	mc_pdf_row(t, cells);
	cells[0] = "hàng cuối";
	mc_pdf_row(t, cells);
	CHECK_INT(mc_pdf_render(doc, &pdf), 0);
	CHECK_INT(readback(&pdf, &rb), 0);
	CHECK(rb.pages >= 3 && rb.pages <= 6);
	CHECK_INT(mc_pdf_pages(doc), rb.pages);
	CHECK(has(&rb, "Câu số 0 của"));
	CHECK(has(&rb, "Câu số 399 của một đoạn văn rất dài."));
	CHECK(has(&rb, "hàng cuối"));
	CHECK(has(&rb, "1/"));
	readback_free(&rb);
	mc_buf_free(&big);

	/* Rendering twice gives the same pages. */
	mc_buf_reset(&pdf);
	CHECK_INT(mc_pdf_render(doc, &pdf), 0);
	CHECK_INT(mc_pdf_pages(doc), rb.pages);

	/* Past the buffer's maximum: -1 and the buffer as it was. */
	mc_buf_init(&small, 2000);
	mc_buf_adds(&small, "keep");
	CHECK_INT(mc_pdf_render(doc, &small), -1);
	CHECK_STR(small.s, "keep");
	CHECK_INT(small.len, 4);
	mc_buf_free(&small);

	/* Tables: column counts out of range; QR data too long. */
	CHECK(mc_pdf_table(doc, col, 0) == NULL);
	CHECK(mc_pdf_table(doc, col, 17) == NULL);
	memset(qr, 'a', sizeof(qr) - 1);
	qr[sizeof(qr) - 1] = '\0';
	CHECK_INT(mc_pdf_qr(doc, qr, 30, NULL, NULL), -1);
	CHECK_INT(mc_pdf_qr(doc, "", 30, NULL, NULL), -1);
	qr[2000] = '\0';
	CHECK_INT(mc_pdf_qr(doc, qr, 30, NULL, NULL), 0);

	/* Every kind of block at once. */
	mc_buf_reset(&pdf);
	doc = mc_pdf_new(a, "mọi khối", 1);
	{
		struct mc_pdf_heading hd = {
			.left = { "Cơ quan chủ quản", "Cơ quan" },
			.below = { "Số: 1/TB" },
			.country = "CỘNG HÒA",
			.dateline = "ngày 1",
		};
		struct mc_pdf_item it[2] = { { "mục một", "ghi chú một" },
			{ "mục hai", NULL } };
		struct mc_pdf_sig sg[3] = { { "BÊN A", NULL, "An" },
			{ "BÊN B", "(ký)", "Bình" },
			{ "BÊN C", NULL, "Cường" } };

		mc_pdf_set_size(doc, 9);
		mc_pdf_heading(doc, &hd);
		mc_pdf_title(doc, "TIÊU ĐỀ", NULL);
		mc_pdf_para(doc, MC_PDF_SMALL | MC_PDF_ITALIC, MC_PDF_RIGHT,
		    "phải");
		mc_pdf_list(doc, MC_PDF_NUM_PAREN, it, 2);
		mc_pdf_list(doc, MC_PDF_NUM_DASH, it, 2);
		mc_pdf_list(doc, MC_PDF_NUM_DOT, it, 0);
		CHECK(mc_pdf_table(doc, col, 1) != NULL); /* no rows */
		mc_pdf_space(doc, 500);
		mc_pdf_break(doc);
		mc_pdf_sign(doc, sg, 3);
		mc_pdf_sign(doc, sg, 0);
	}
	CHECK_INT(mc_pdf_render(doc, &pdf), 0);
	CHECK_INT(readback(&pdf, &rb), 0);
	CHECK(rb.width > 841 && rb.width < 842);
	/* The space fills page 1; the break then adds no page. */
	CHECK_INT(rb.pages, 2);
	CHECK(cell(&rb, "CƠ QUAN CHỦ QUẢN CƠ QUAN"));
	CHECK(has(&rb, "(1) mục một"));
	CHECK(has(&rb, "ghi chú một"));
	CHECK(has(&rb, "- mục hai"));
	CHECK(has(&rb, "Cột một"));
	CHECK(has(&rb, "Bình"));
	CHECK(strstr(rb.text, "Cường") == NULL); /* two blocks at most */
	readback_free(&rb);

	mc_buf_free(&pdf);
	mc_arena_free(a);
}

/* How many form 01 receipts one process makes a second. */
static void
bench_form01(void)
{
	struct mc_form01 f;
	struct buf	 pdf;
	struct timespec	 t0, t1;
	double		 s = 0;
	int		 n = 0, ok = 1;

	fill01(&f);
	mc_buf_init(&pdf, PDF_MAX);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (s < 2.0 || n < 10) {
		mc_buf_reset(&pdf);
		if (mc_form01_pdf(&pdf, &f) < 0)
			ok = 0;
		n++;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	}
	CHECK(ok);
	fprintf(stderr,
	    "form 01: %d PDFs in %.2f s: %.1f per second, "
	    "%zu bytes each\n",
	    n, s, n / s, pdf.len);
	mc_buf_free(&pdf);
}

int
main(void)
{
	char cmd[128];
	int  rc;

	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_form01();
	test_form01_org();
	test_form01_hostile();
	test_form02();
	test_form03();
	test_form04();
	test_form05();
	test_form06();
	test_renderer();
	bench_form01();
	mc_pdf_cleanup();
	/* Rendering works again after the cleanup, and cleans up again. */
	{
		struct mc_form01 f;
		struct buf	 pdf;

		fill01(&f);
		mc_buf_init(&pdf, PDF_MAX);
		CHECK_INT(mc_form01_pdf(&pdf, &f), 0);
		mc_buf_free(&pdf);
		mc_pdf_cleanup();
	}
	rc = DONE();
	if (getenv("KEEP_PDF") != NULL)
		fprintf(stderr, "PDFs kept in %s\n", tmpdir);
	else {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
	}
	return rc;
}
