/*
 * Unit tests of lib/domain/mc_export's Excel writers: the streaming one
 * (constant memory, a batch of rows at a time, as the export jobs write a
 * register) holds every row in order with numbers as numbers, dates as
 * dates and text escaped; the in-memory one still writes shared strings.
 * The files are read back with unzip(1), as a spreadsheet would. The Word
 * and PDF writers of the export jobs write as the rows come: the file on
 * disk grows batch after batch before it is closed, the process's memory
 * does not grow with the rows (the docx's XML is far larger than what
 * the process gains), and every row is in the file, first to last
 * (unzip, pdftotext). The CSV writer keeps texts that look like formulas
 * from running.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_export.h"
#include "mc_pdf.h"

#define NROWS 2500

/* Built with AddressSanitizer (gcc or clang): memory is not the process's. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif
#define BATCH 1000
#define NC    3

/* unzip -p file member, into b; 0 or -1. */
static int
member(const char *file, const char *name, struct buf *b)
{
	char   cmd[512], chunk[8192];
	FILE  *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "unzip -p '%s' '%s' 2>/dev/null", file,
	    name);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		mc_buf_add(b, chunk, n);
	return pclose(p) == 0 ? 0 : -1;
}

/* How many times s occurs in b. */
static size_t
count(const struct buf *b, const char *s)
{
	const char *p = b->s;
	size_t	    n = 0;

	while (p != NULL && (p = strstr(p, s)) != NULL) {
		n++;
		p += strlen(s);
	}
	return n;
}

static const char *const	 heads[NC] = { "STT", "Tên", "Ngày" };
static const enum mc_export_kind kinds[NC] = { EXPORT_INT, EXPORT_TEXT,
	EXPORT_DATE };

static void
heading(struct mc_export_table *t)
{
	memset(t, 0, sizeof(*t));
	t->title = "Hồ sơ trễ hạn";
	t->scope = "Phạm vi: Phường Bến Thành";
	t->dateline = "Ngày xuất: 07/12/2026";
	t->sheet = "TreHan";
	t->from = "2026-01-01";
	t->to = "2026-01-31";
	t->from_label = "Từ ngày";
	t->to_label = "Đến ngày";
	t->ncols = NC;
	t->heads = heads;
	t->kinds = kinds;
}

static void
test_streaming(struct mc_arena *a)
{
	struct mc_export_table t;
	struct mc_export_xlsx *x;
	struct buf	       sheet;
	const char	     **cells;
	char		       path[] = "/tmp/unit-export-XXXXXX.xlsx";
	size_t		       r, done = 0, n;
	int		       fd;

	CHECK((fd = mkstemps(path, 5)) >= 0);
	close(fd);
	heading(&t);
	CHECK((x = mc_export_xlsx_open(&t, path, "/tmp")) != NULL);
	if (x == NULL)
		return;
	/* Batches of BATCH rows, each from memory given back after. */
	while (done < NROWS) {
		n = NROWS - done < BATCH ? NROWS - done : BATCH;
		cells = mc_arena_alloc(a, n * NC * sizeof(*cells));
		for (r = 0; r < n; r++) {
			cells[r * NC] = mc_arena_printf(a, "%zu",
			    done + r + 1);
			cells[r * NC + 1] = done + r == 7 ?
			    "Nguyễn <Văn> & \"A\"" :
			    mc_arena_printf(a, "Người %zu", done + r + 1);
			cells[r * NC + 2] = r % 2 ? "2026-01-15" : NULL;
		}
		t.nrows = n;
		t.cells = cells;
		CHECK(mc_export_xlsx_rows(x, &t) == 0);
		done += n;
		mc_arena_reset(a);
	}
	CHECK(mc_export_xlsx_close(x) == 0);
	mc_buf_init(&sheet, 64 << 20);
	CHECK(member(path, "xl/worksheets/sheet1.xml", &sheet) == 0);
	mc_buf_addc(&sheet, '\0');
	/* Title, scope, the period's dates, the day, the heads, the rows. */
	CHECK_INT(count(&sheet, "<row "), 5 + NROWS);
	CHECK(strstr(sheet.s, "<v>1</v>") != NULL);
	CHECK(strstr(sheet.s, "<v>2500</v>") != NULL);
	/* Inline strings (no shared table: memory stays flat). */
	CHECK(strstr(sheet.s, "Nguyễn &lt;Văn&gt; &amp; \"A\"") != NULL ||
	    strstr(sheet.s, "Nguyễn &lt;Văn&gt; &amp; &quot;A&quot;") != NULL);
	CHECK(strstr(sheet.s, "Hồ sơ trễ hạn") != NULL);
	/* 2026-01-15 as a date serial, half the rows. */
	CHECK_INT(count(&sheet, "<v>46037</v>"), NROWS / 2);
	mc_buf_free(&sheet);
	unlink(path);
}

static void
test_in_memory(struct mc_arena *a)
{
	static const char *const cells[2 * NC] = { "1", "Một", "2026-01-02",
		"2", "Hai", NULL };
	struct mc_export_table	 t;
	struct buf		 out, strings;
	char			 path[] = "/tmp/unit-export-XXXXXX.xlsx";
	FILE			*f;
	int			 fd;

	heading(&t);
	t.nrows = 2;
	t.cells = cells;
	mc_buf_init(&out, 16 << 20);
	CHECK(mc_export_xlsx(a, &t, "/tmp", &out) == 0);
	CHECK((fd = mkstemps(path, 5)) >= 0);
	CHECK((f = fdopen(fd, "wb")) != NULL);
	if (f == NULL)
		return;
	fwrite(out.s, 1, out.len, f);
	fclose(f);
	mc_buf_init(&strings, 1 << 20);
	CHECK(member(path, "xl/sharedStrings.xml", &strings) == 0);
	mc_buf_addc(&strings, '\0');
	CHECK(strstr(strings.s, "Hai") != NULL);
	mc_buf_free(&strings);
	mc_buf_free(&out);
	unlink(path);
}

/* The process's resident memory now, in KiB (/proc/self/statm). */
static long
rss_kib(void)
{
	long  pages = 0, size;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld %ld", &size, &pages) != 2)
		pages = 0;
	fclose(f);
	return pages * (sysconf(_SC_PAGESIZE) / 1024);
}

static long long
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* Batch b of n rows numbered from first + 1 (cells in the arena). */
static const char **
batch_cells(struct mc_arena *a, size_t first, size_t n)
{
	const char **cells = mc_arena_alloc(a, n * NC * sizeof(*cells));
	size_t	     r;

	for (r = 0; r < n; r++) {
		cells[r * NC] = mc_arena_printf(a, "%zu", first + r + 1);
		cells[r * NC + 1] = mc_arena_printf(a,
		    "Người nộp hồ sơ số %06zu, tổ dân phố %zu, phường "
		    "Bến Thành, Thành phố Hồ Chí Minh",
		    first + r + 1, (first + r) % 97);
		cells[r * NC + 2] = "2026-01-15";
	}
	return cells;
}

#define DOCX_ROWS  20000
#define DOCX_BATCH 1000

/*
 * The Word file of a register: 20 batches of 1,000 rows; the zip grows on
 * disk while the rows come, memory does not follow the XML (over 8 MB of
 * it; not checked under AddressSanitizer, whose quarantine keeps what is
 * freed), every row is in document.xml under the repeated header row.
 */
static void
test_docx_streaming(struct mc_arena *a)
{
	struct mc_export_table t;
	struct mc_export_docx *x;
	struct buf	       doc;
	char		       path[] = "/tmp/unit-export-XXXXXX.docx";
	long long	       size = 0, now;
	long		       rss0 = 0, grown;
	size_t		       done = 0, grew = 0;
	int		       fd;

	CHECK((fd = mkstemps(path, 5)) >= 0);
	close(fd);
	heading(&t);
	CHECK((x = mc_export_docx_open(&t, path)) != NULL);
	if (x == NULL)
		return;
	while (done < DOCX_ROWS) {
		t.nrows = DOCX_BATCH;
		t.cells = batch_cells(a, done, DOCX_BATCH);
		CHECK(mc_export_docx_rows(x, &t) == 0);
		done += DOCX_BATCH;
		mc_arena_reset(a);
		if (done == 5 * DOCX_BATCH)
			rss0 = rss_kib();
		if ((now = file_size(path)) > size)
			grew++;
		size = now;
	}
	grown = rss_kib() - rss0;
	/*
	 * Written as it came: the zip grew on disk again and again before
	 * the close (minizip writes each 64 KiB deflated).
	 */
	CHECK(grew >= 2);
	CHECK(size > 100 * 1024);
	if (!UNDER_ASAN) {
		CHECK(grown < 4 * 1024);
		if (grown >= 4 * 1024)
			fprintf(stderr, "docx: memory grew %ld KiB\n", grown);
	}
	CHECK(mc_export_docx_close(x) == 0);
	mc_buf_init(&doc, 256 << 20);
	CHECK(member(path, "word/document.xml", &doc) == 0);
	mc_buf_addc(&doc, '\0');
	CHECK(doc.len > 8u << 20); /* far more than memory grew */
	CHECK_INT(count(&doc, "<w:tr>"), DOCX_ROWS + 1);
	CHECK_INT(count(&doc, "<w:tblHeader/>"), 1);
	CHECK(strstr(doc.s, "Người nộp hồ sơ số 000001,") != NULL);
	CHECK(strstr(doc.s, "Người nộp hồ sơ số 020000,") != NULL);
	CHECK(strstr(doc.s, "Hồ sơ trễ hạn") != NULL);
	CHECK(strstr(doc.s, "</w:tbl>") != NULL &&
	    strstr(doc.s, "</w:document>") != NULL);
	mc_buf_free(&doc);
	unlink(path);
}

/* pdftotext of path, into b; 0 or -1. */
static int
pdf_text(const char *path, struct buf *b)
{
	char   cmd[512], chunk[8192];
	FILE  *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "pdftotext -layout '%s' - 2>/dev/null",
	    path);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		mc_buf_add(b, chunk, n);
	return pclose(p) == 0 ? 0 : -1;
}

#define PDF_ROWS  3000
#define PDF_BATCH 500

/*
 * The PDF of a register: pages reach the file while the rows come (the
 * file grows from batch to batch before it is closed), every row is in
 * it, the header on each page, each page numbered.
 */
static void
test_pdf_streaming(struct mc_arena *a)
{
	struct mc_export_table t;
	struct mc_export_pdf  *x;
	struct buf	       text;
	char		       path[] = "/tmp/unit-export-XXXXXX.pdf";
	long long	       sizes[PDF_ROWS / PDF_BATCH];
	size_t		       done = 0, k = 0, grew = 0;
	int		       fd, pages;

	CHECK((fd = mkstemps(path, 4)) >= 0);
	close(fd);
	heading(&t);
	t.page_label = "Trang";
	CHECK((x = mc_export_pdf_open(&t, path)) != NULL);
	if (x == NULL)
		return;
	while (done < PDF_ROWS) {
		t.nrows = PDF_BATCH;
		t.cells = batch_cells(a, done, PDF_BATCH);
		CHECK(mc_export_pdf_rows(x, &t) == 0);
		done += PDF_BATCH;
		mc_arena_reset(a);
		sizes[k] = file_size(path);
		if (k > 0 && sizes[k] > sizes[k - 1])
			grew++;
		k++;
	}
	pages = mc_export_pdf_pages(x);
	/* Each batch's pages went to the file before the next batch. */
	CHECK(sizes[0] > 0);
	CHECK_INT(grew, k - 1);
	CHECK(pages > 20);
	CHECK(mc_export_pdf_close(x) == 0);
	CHECK(file_size(path) > sizes[k - 1]);
	mc_buf_init(&text, 64 << 20);
	CHECK(pdf_text(path, &text) == 0);
	mc_buf_addc(&text, '\0');
	CHECK(strstr(text.s, "Hồ sơ trễ hạn") != NULL);
	CHECK(strstr(text.s, "số 000001,") != NULL);
	CHECK(strstr(text.s, "số 003000,") != NULL);
	/* The header on every page, each page numbered. */
	CHECK_INT(count(&text, "STT"), (size_t)pages);
	CHECK(strstr(text.s, mc_arena_printf(a, "Trang %d", pages)) != NULL);
	mc_buf_free(&text);
	unlink(path);
}

/*
 * The CSV: a text a spreadsheet would run as a formula goes out behind a
 * single quote (CSV injection); numbers, dates and other texts as they are.
 */
static void
test_csv_formulas(struct mc_arena *a)
{
	static const char *const cells[] = {
		"1", "=HYPERLINK(\"http://x\",\"y\")", "2026-01-02", /* */
		"-5", "+84 909 000 000", "2026-01-03",		     /* */
		"7", "@SUM(A1)", "2026-01-04",			     /* */
		"8", "Tổ 5, -3", "2026-01-05",			     /* */
		"9", "-", "2026-01-06",				     /* */
	};
	struct mc_export_table t;
	struct buf	       out;

	mc_buf_init(&out, 1 << 16);
	heading(&t);
	t.nrows = 5;
	t.cells = cells;
	CHECK_INT(mc_export_csv(a, &t, &out), 0);
	CHECK(strstr(out.s, "STT,Tên,Ngày\r\n") == out.s);
	CHECK(strstr(out.s,
		  "\r\n1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","
		  "2026-01-02\r\n") != NULL);
	/* A number may begin with a minus: only texts are guarded. */
	CHECK(strstr(out.s, "\r\n-5,'+84 909 000 000,2026-01-03\r\n") != NULL);
	CHECK(strstr(out.s, "\r\n7,'@SUM(A1),2026-01-04\r\n") != NULL);
	CHECK(strstr(out.s, "\r\n8,\"Tổ 5, -3\",2026-01-05\r\n") != NULL);
	CHECK(strstr(out.s, "\r\n9,'-,2026-01-06\r\n") != NULL);
	mc_buf_free(&out);
}

int
main(void)
{
	struct mc_arena *a = mc_arena_new(1 << 16);

	test_streaming(a);
	mc_arena_reset(a);
	test_in_memory(a);
	mc_arena_reset(a);
	test_csv_formulas(a);
	mc_arena_reset(a);
	test_docx_streaming(a);
	mc_arena_reset(a);
	test_pdf_streaming(a);
	mc_arena_free(a);
	mc_pdf_cleanup();
	return DONE();
}
