/*
 * The forms 01-06 of Circular 01/2018/TT-VPCP (with HCMC's additions to
 * form 04) laid out with mc_pdf. Every Vietnamese word the forms print
 * lives in this file.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_forms.h"
#include "mc_pdf.h"

#define CITY	       "Thành phố Hồ Chí Minh"
#define COUNTRY	       "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define MOTTO	       "Độc lập - Tự do - Hạnh phúc"
#define SIGN_NOTE      "(Ký và ghi rõ họ tên)"
#define SIGN_NOTE_SEAL "(Ký, ghi rõ họ tên và đóng dấu)"
#define BLANK	       "......"
#define QR_CAPTION     "Quét mã để tra cứu tình trạng hồ sơ"
#define QR_SIZE_MM     28

static int
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

static const char *
or_dots(const char *s)
{
	return empty(s) ? BLANK : s;
}

/*
 * Day and month as administrative documents write them (Decree 30/2020):
 * days below 10 and the months 1 and 2 with a leading zero.
 */
static const char *
day_month(struct mc_arena *a, const struct tm *tm)
{
	return mc_arena_printf(a, "ngày %02d tháng %s%d năm %d", tm->tm_mday,
	    tm->tm_mon < 2 ? "0" : "", tm->tm_mon + 1, tm->tm_year + 1900);
}

/* "ngày 05 tháng 3 năm 2026" */
static const char *
t_day(struct mc_arena *a, time_t t)
{
	struct tm tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL)
		return "ngày " BLANK " tháng " BLANK " năm " BLANK;
	return day_month(a, &tm);
}

/* "08 giờ 30 phút, ngày 05 tháng 3 năm 2026" */
static const char *
t_long(struct mc_arena *a, time_t t)
{
	struct tm tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL)
		return BLANK " giờ " BLANK " phút, ngày " BLANK " tháng " BLANK
			     " năm " BLANK;
	return mc_arena_printf(a, "%02d giờ %02d phút, %s", tm.tm_hour,
	    tm.tm_min, day_month(a, &tm));
}

/* "05/03/2026 08:30" for tables; "" for 0. */
static const char *
t_short(struct mc_arena *a, time_t t)
{
	struct tm tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL)
		return "";
	return mc_arena_printf(a, "%02d/%02d/%d %02d:%02d", tm.tm_mday,
	    tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

/* "05/03/2026" */
static const char *
t_date(struct mc_arena *a, time_t t)
{
	struct tm tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL)
		return BLANK;
	return mc_arena_printf(a, "%02d/%02d/%d", tm.tm_mday, tm.tm_mon + 1,
	    tm.tm_year + 1900);
}

/* A new document with the national heading of h. */
static struct mc_pdf *
form_start(struct mc_arena *a, const struct mc_form_head *h, const char *title,
    int landscape)
{
	struct mc_pdf	     *doc;
	struct mc_pdf_heading hd;
	size_t		      n = 0;

	doc = mc_pdf_new(a, title, landscape);
	mc_pdf_page_numbers(doc, "Trang");
	memset(&hd, 0, sizeof(hd));
	if (!empty(h->parent))
		hd.left[n++] = h->parent;
	hd.left[n++] = or_dots(h->agency);
	if (!empty(h->unit))
		hd.left[n++] = h->unit;
	hd.below[0] = mc_arena_printf(a, "Số: %s", or_dots(h->number));
	hd.country = COUNTRY;
	hd.motto = MOTTO;
	hd.dateline = mc_arena_printf(a, "%s, %s",
	    empty(h->place) ? CITY : h->place, t_day(a, h->date));
	mc_pdf_heading(doc, &hd);
	return doc;
}

static int
form_end(struct mc_arena *a, struct mc_pdf *doc, struct buf *out)
{
	int rc;

	rc = mc_pdf_render(doc, out);
	mc_arena_free(a);
	return rc;
}

/* Name, then phone and e-mail on one line. */
static void
contact(struct mc_pdf *doc, const struct mc_form_person *p)
{
	mc_pdf_field(doc, "Địa chỉ", p->address);
	mc_pdf_field2(doc, "Số điện thoại", p->phone, "Email", p->email);
}

/* The text's name for the receiving unit. */
static const char *
unit_name(const char *unit, const struct mc_form_head *h)
{
	return !empty(unit) ? unit : or_dots(h->agency);
}

/* The documents as a table: number, name, originals, copies. */
static void
doc_table(struct mc_pdf *doc, struct mc_arena *a,
    const struct mc_form_doc *docs, size_t n)
{
	static const struct mc_pdf_col cols[] = {
		{ "STT", 0.07, MC_PDF_CENTER },
		{ "Tên giấy tờ", 0.63, MC_PDF_LEFT },
		{ "Bản chính", 0.15, MC_PDF_CENTER },
		{ "Bản sao", 0.15, MC_PDF_CENTER },
	};
	struct mc_pdf_table *t;
	const char	    *cell[4];
	size_t		     i;

	t = mc_pdf_table(doc, cols, 4);
	for (i = 0; i < n; i++) {
		cell[0] = mc_arena_printf(a, "%zu", i + 1);
		cell[1] = docs[i].name;
		cell[2] = mc_arena_printf(a, "%u", docs[i].originals);
		cell[3] = mc_arena_printf(a, "%u", docs[i].copies);
		mc_pdf_row(t, cell);
	}
}

/* The label of a person's number: an organisation's is its tax code. */
static const char *
number_label(const struct mc_form_person *p)
{
	return p->org ? "Mã số thuế" : "Số định danh cá nhân";
}

int
mc_form01_pdf(struct buf *out, const struct mc_form01 *f)
{
	struct mc_arena	 *a;
	struct mc_pdf	 *doc;
	struct mc_pdf_sig sig[2];

	if (empty(f->status_url) || (a = mc_arena_new(16384)) == NULL)
		return -1;
	doc = form_start(a, &f->head,
	    "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 0);
	mc_pdf_title(doc, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
	    mc_arena_printf(a, "Mã hồ sơ: %s", or_dots(f->code)));
	mc_pdf_field(doc, "Bộ phận tiếp nhận và trả kết quả",
	    unit_name(f->unit, &f->head));
	mc_pdf_field(doc, "Tiếp nhận hồ sơ của", f->applicant.name);
	mc_pdf_field(doc, number_label(&f->applicant), f->applicant.id_number);
	contact(doc, &f->applicant);
	if (!empty(f->authorised.name)) {
		mc_pdf_field(doc, "Người được ủy quyền", f->authorised.name);
		mc_pdf_field2(doc, "Số định danh cá nhân",
		    f->authorised.id_number, "Số điện thoại",
		    f->authorised.phone);
	}
	mc_pdf_field(doc, "Nội dung yêu cầu giải quyết", f->matter);

	mc_pdf_para(doc, 0, MC_PDF_LEFT, "1. Thành phần hồ sơ nộp gồm:");
	doc_table(doc, a, f->docs, f->ndocs);
	mc_pdf_field(doc, "2. Số lượng hồ sơ",
	    mc_arena_printf(a, "%02u (bộ)", f->sets > 0 ? f->sets : 1));
	mc_pdf_field(doc, "3. Thời gian giải quyết hồ sơ theo quy định là",
	    f->legal_time);
	mc_pdf_field(doc, "4. Thời gian nhận hồ sơ", t_long(a, f->received));
	mc_pdf_field(doc, "5. Thời gian trả kết quả giải quyết hồ sơ",
	    t_long(a, f->due));
	mc_pdf_field(doc, "6. Đăng ký nhận kết quả tại", f->collect_at);
	mc_pdf_field2(doc, "Vào Sổ theo dõi hồ sơ, Quyển số", f->book,
	    "Số thứ tự", f->book_seq);
	if (mc_pdf_qr(doc, f->status_url, QR_SIZE_MM, QR_CAPTION,
		f->status_url) < 0) {
		mc_arena_free(a);
		return -1;
	}

	sig[0].role = "NGƯỜI NỘP HỒ SƠ";
	sig[0].note = SIGN_NOTE;
	sig[0].name = !empty(f->authorised.name) ? f->authorised.name :
						   f->applicant.name;
	sig[1].role = "NGƯỜI TIẾP NHẬN HỒ SƠ";
	sig[1].note = SIGN_NOTE;
	sig[1].name = f->officer;
	mc_pdf_sign(doc, sig, 2);
	return form_end(a, doc, out);
}

int
mc_form02_pdf(struct buf *out, const struct mc_form02 *f)
{
	struct mc_arena	   *a;
	struct mc_pdf	   *doc;
	struct mc_pdf_item *items;
	struct mc_pdf_sig   sig;
	size_t		    i;

	if ((a = mc_arena_new(16384)) == NULL)
		return -1;
	doc = form_start(a, &f->head,
	    "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", 0);
	mc_pdf_title(doc, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
	    empty(f->code) ? NULL :
			     mc_arena_printf(a, "Mã hồ sơ: %s", f->code));
	mc_pdf_field(doc, "Hồ sơ của", f->applicant.name);
	mc_pdf_field(doc, "Nội dung yêu cầu giải quyết", f->matter);
	contact(doc, &f->applicant);
	if (f->nreceived > 0) {
		mc_pdf_para(doc, 0, MC_PDF_LEFT, "Hồ sơ đã nhận gồm:");
		doc_table(doc, a, f->received, f->nreceived);
	}
	mc_pdf_para(doc, 0, MC_PDF_LEFT,
	    "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:");
	items = mc_arena_alloc(a, (f->nitems + 1) * sizeof(*items));
	for (i = 0; i < f->nitems; i++) {
		items[i].text = f->items[i].what;
		items[i].note = empty(f->items[i].reason) ?
		    NULL :
		    mc_arena_printf(a, "Lý do: %s", f->items[i].reason);
	}
	mc_pdf_list(doc, MC_PDF_NUM_DOT, items, f->nitems);
	mc_pdf_para(doc, MC_PDF_INDENT, MC_PDF_JUSTIFY,
	    mc_arena_printf(a,
		"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên "
		"hệ với %s, số điện thoại %s để được hướng dẫn./.",
		or_dots(f->officer), or_dots(f->officer_phone)));
	sig.role = "NGƯỜI HƯỚNG DẪN";
	sig.note = SIGN_NOTE;
	sig.name = f->officer;
	mc_pdf_sign(doc, &sig, 1);
	return form_end(a, doc, out);
}

int
mc_form03_pdf(struct buf *out, const struct mc_form03 *f)
{
	struct mc_arena	   *a;
	struct mc_pdf	   *doc;
	struct mc_pdf_item *items;
	struct mc_pdf_sig   sig;
	const char	   *unit;
	size_t		    i;

	if ((a = mc_arena_new(16384)) == NULL)
		return -1;
	doc = form_start(a, &f->head,
	    "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", 0);
	mc_pdf_title(doc, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
	    empty(f->code) ? NULL :
			     mc_arena_printf(a, "Mã hồ sơ: %s", f->code));
	unit = unit_name(f->unit, &f->head);
	mc_pdf_field(doc, "Bộ phận tiếp nhận và trả kết quả", unit);
	mc_pdf_field(doc, "Tiếp nhận hồ sơ của", f->applicant.name);
	mc_pdf_field(doc, number_label(&f->applicant), f->applicant.id_number);
	contact(doc, &f->applicant);
	mc_pdf_field(doc, "Nội dung yêu cầu giải quyết", f->matter);
	mc_pdf_para(doc, MC_PDF_INDENT, MC_PDF_JUSTIFY,
	    mc_arena_printf(a,
		"Qua xem xét, %s thông báo không tiếp nhận, giải quyết hồ sơ "
		"này với lý do cụ thể như sau:",
		unit));
	items = mc_arena_alloc(a, (f->nreasons + 1) * sizeof(*items));
	for (i = 0; i < f->nreasons; i++)
		items[i].text = f->reasons[i];
	mc_pdf_list(doc, MC_PDF_NUM_DOT, items, f->nreasons);
	mc_pdf_para(doc, MC_PDF_INDENT, MC_PDF_JUSTIFY,
	    "Xin thông báo để ông/bà được biết và thực hiện./.");
	sig.role = "NGƯỜI TIẾP NHẬN HỒ SƠ";
	sig.note = SIGN_NOTE;
	sig.name = f->officer;
	mc_pdf_sign(doc, &sig, 1);
	return form_end(a, doc, out);
}

int
mc_form04_pdf(struct buf *out, const struct mc_form04 *f)
{
	struct mc_arena	 *a;
	struct mc_pdf	 *doc;
	struct mc_pdf_sig sig;
	const char	 *agency, *name;

	if ((a = mc_arena_new(16384)) == NULL)
		return -1;
	agency = empty(f->agency) ? or_dots(f->head.agency) : f->agency;
	name = or_dots(f->applicant.name);
	doc = form_start(a, &f->head,
	    "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", 0);
	mc_pdf_title(doc, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", NULL);
	mc_pdf_para(doc, MC_PDF_BOLD, MC_PDF_CENTER,
	    mc_arena_printf(a, "Kính gửi: Ông/Bà %s", name));
	mc_pdf_space(doc, 2);
	mc_pdf_para(doc, MC_PDF_INDENT, MC_PDF_JUSTIFY,
	    mc_arena_printf(a,
		"Ngày %s, %s tiếp nhận giải quyết hồ sơ của Ông/Bà %s:",
		t_date(a, f->received), agency, name));
	mc_pdf_field(doc, "Mã hồ sơ", f->code);
	mc_pdf_field(doc, "Số biên nhận", f->receipt_no);
	mc_pdf_field(doc, "Loại hồ sơ", f->dossier_type);
	mc_pdf_field(doc, "Nội dung yêu cầu giải quyết", f->matter);
	mc_pdf_field(doc, "Tình trạng hồ sơ", f->status);
	mc_pdf_field(doc, "Thời gian hẹn trả kết quả giải quyết hồ sơ",
	    t_long(a, f->due_old));
	mc_pdf_para(doc, MC_PDF_INDENT, MC_PDF_JUSTIFY,
	    mc_arena_printf(a,
		"Tuy nhiên đến nay, %s chưa trả kết quả giải quyết hồ sơ của "
		"Ông/Bà đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả "
		"kết quả, lý do: %s",
		agency, or_dots(f->reason)));
	mc_pdf_para(doc, MC_PDF_INDENT, MC_PDF_JUSTIFY,
	    mc_arena_printf(a,
		"Sự chậm trễ này đã gây phiền hà cho Ông/Bà, %s xin lỗi Ông/Bà "
		"và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào %s.",
		agency, t_long(a, f->due_new)));
	mc_pdf_para(doc, MC_PDF_INDENT, MC_PDF_JUSTIFY,
	    "Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.");
	sig.role = empty(f->signer_role) ? "THỦ TRƯỞNG CƠ QUAN" :
					   f->signer_role;
	sig.note = SIGN_NOTE_SEAL;
	sig.name = f->signer;
	mc_pdf_sign(doc, &sig, 1);
	return form_end(a, doc, out);
}

static const char *
timing_name(enum mc_form_timing t)
{
	switch (t) {
	case MC_FORM_TIMING_EARLY:
		return "Trước hạn";
	case MC_FORM_TIMING_ON_TIME:
		return "Đúng hạn";
	case MC_FORM_TIMING_LATE:
		return "Quá hạn";
	default:
		return "";
	}
}

/* "Nguyễn Văn A\n05/03/2026 08:30" */
static const char *
who_when(struct mc_arena *a, const char *who, time_t when)
{
	if (empty(who) && when == 0)
		return "";
	return mc_arena_printf(a, "%s\n%s", empty(who) ? "" : who,
	    t_short(a, when));
}

int
mc_form05_pdf(struct buf *out, const struct mc_form05 *f)
{
	static const struct mc_pdf_col cols[] = {
		{ "STT", 0.06, MC_PDF_CENTER },
		{ "Cơ quan, bộ phận (bước xử lý)", 0.23, MC_PDF_LEFT },
		{ "Bên giao (người giao, thời gian)", 0.20, MC_PDF_LEFT },
		{ "Bên nhận (người nhận, thời gian)", 0.20, MC_PDF_LEFT },
		{ "Kết quả (trước hạn, đúng hạn, quá hạn)", 0.14,
		    MC_PDF_CENTER },
		{ "Ghi chú", 0.17, MC_PDF_LEFT },
	};
	struct mc_arena	    *a;
	struct mc_pdf	    *doc;
	struct mc_pdf_table *t;
	const char	    *cell[6];
	size_t		     i;

	if ((a = mc_arena_new(32768)) == NULL)
		return -1;
	doc = form_start(a, &f->head,
	    "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", 0);
	mc_pdf_title(doc, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
	    mc_arena_printf(a, "(Kèm theo hồ sơ có mã số: %s)",
		or_dots(f->code)));
	mc_pdf_field(doc, "Kèm theo hồ sơ của", f->applicant.name);
	mc_pdf_field(doc, "Nội dung yêu cầu giải quyết", f->matter);
	mc_pdf_field(doc, "Cơ quan (bộ phận) giải quyết hồ sơ", f->lead);
	if (!empty(f->partners))
		mc_pdf_field(doc, "Cơ quan phối hợp giải quyết hồ sơ",
		    f->partners);
	mc_pdf_field(doc, "Thời gian nhận hồ sơ", t_long(a, f->received));
	mc_pdf_field(doc, "Thời gian hẹn trả kết quả", t_long(a, f->due));
	t = mc_pdf_table(doc, cols, 6);
	for (i = 0; i < f->nhandovers; i++) {
		const struct mc_form_handover *h = &f->handovers[i];

		cell[0] = mc_arena_printf(a, "%zu", i + 1);
		cell[1] = h->step;
		cell[2] = who_when(a, h->giver, h->given);
		cell[3] = who_when(a, h->taker, h->taken);
		cell[4] = timing_name(h->timing);
		cell[5] = h->note;
		mc_pdf_row(t, cell);
	}
	return form_end(a, doc, out);
}

static const char *
delivery_name(enum mc_form_delivery d)
{
	switch (d) {
	case MC_FORM_DELIVERY_COUNTER:
		return "Trực tiếp";
	case MC_FORM_DELIVERY_POST:
		return "Dịch vụ bưu chính";
	case MC_FORM_DELIVERY_ONLINE:
		return "Trực tuyến";
	default:
		return "";
	}
}

int
mc_form06_pdf(struct buf *out, const struct mc_form06 *f)
{
	static const struct mc_pdf_col cols[] = {
		{ "STT", 0.04, MC_PDF_CENTER },
		{ "Mã hồ sơ", 0.18, MC_PDF_LEFT },
		{ "Tên thủ tục hành chính", 0.21, MC_PDF_LEFT },
		{ "Tên cá nhân, tổ chức", 0.13, MC_PDF_LEFT },
		{ "Cơ quan chủ trì giải quyết", 0.12, MC_PDF_LEFT },
		{ "Nhận hồ sơ", 0.08, MC_PDF_CENTER },
		{ "Hẹn trả kết quả", 0.08, MC_PDF_CENTER },
		{ "Trả kết quả", 0.08, MC_PDF_CENTER },
		{ "Hình thức trả kết quả", 0.08, MC_PDF_CENTER },
	};
	struct mc_arena	    *a;
	struct mc_pdf	    *doc;
	struct mc_pdf_table *t;
	const char	    *cell[9];
	size_t		     i;

	if ((a = mc_arena_new(65536)) == NULL)
		return -1;
	doc = form_start(a, &f->head, "SỔ THEO DÕI HỒ SƠ", 1);
	mc_pdf_set_size(doc, 10);
	mc_pdf_title(doc, "SỔ THEO DÕI HỒ SƠ",
	    mc_arena_printf(a, "Lĩnh vực: %s. Từ ngày %s đến ngày %s",
		or_dots(f->field), t_date(a, f->from), t_date(a, f->to)));
	if (!empty(f->book))
		mc_pdf_para(doc, 0, MC_PDF_CENTER,
		    mc_arena_printf(a, "Quyển số: %s", f->book));
	t = mc_pdf_table(doc, cols, 9);
	for (i = 0; i < f->nrows; i++) {
		const struct mc_form_book_row *r = &f->rows[i];

		cell[0] = mc_arena_printf(a, "%zu", i + 1);
		cell[1] = r->code;
		cell[2] = r->procedure;
		cell[3] = r->applicant;
		cell[4] = r->agency;
		cell[5] = t_short(a, r->received);
		cell[6] = t_short(a, r->due);
		cell[7] = t_short(a, r->returned);
		cell[8] = delivery_name(r->delivery);
		mc_pdf_row(t, cell);
	}
	return form_end(a, doc, out);
}
