/*
 * Unit tests of lib/domain/mc_export's Excel writers: the streaming one
 * (constant memory, a batch of rows at a time, as the export jobs write a
 * register) holds every row in order with numbers as numbers, dates as
 * dates and text escaped; the in-memory one still writes shared strings.
 * The files are read back with unzip(1), as a spreadsheet would. The CSV
 * writer keeps texts that look like formulas from running.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_export.h"

#define NROWS 2500
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
	mc_arena_free(a);
	return DONE();
}
