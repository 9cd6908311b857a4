/*
 * Exports of report tables: xlsx with libxlsxwriter, docx as a minimal
 * WordprocessingML package (minizip, the zip library libxlsxwriter itself
 * uses), PDF with mc_pdf, CSV (RFC 4180).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <minizip/zip.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_export.h"
#include "mc_log.h"
#include "mc_pdf.h"

static const char *
cell(const struct mc_export_table *t, size_t r, size_t c)
{
	return t->cells[r * t->ncols + c];
}

/* A "YYYY-MM-DD" as libxlsxwriter's datetime; 0 or -1. */
static int
xdate(const char *s, lxw_datetime *d)
{
	memset(d, 0, sizeof(*d));
	return s != NULL &&
		sscanf(s, "%4d-%2d-%2d", &d->year, &d->month, &d->day) == 3 ?
	    0 :
	    -1;
}

static int
read_file(const char *path, struct buf *out)
{
	char   chunk[65536];
	size_t n;
	FILE  *f;
	int    rc = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (mc_buf_add(out, chunk, n) < 0) {
			rc = -1;
			break;
		}
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

/* A workbook being written, a row after the other. */
struct mc_export_xlsx {
	lxw_workbook		     *wb;
	lxw_worksheet		     *ws;
	lxw_format		     *bold, *head, *date, *dec, *title;
	const struct mc_export_table *t;      /* the heading and columns */
	size_t			      row;    /* the next row of ws */
	size_t			      sheets; /* worksheets so far */
};

/* The next worksheet (a sheet holds LXW_ROW_MAX rows): 0 or -1. */
static int
xlsx_sheet(struct mc_export_xlsx *x)
{
	char name[32];

	if (++x->sheets == 1)
		snprintf(name, sizeof(name), "%.28s", x->t->sheet);
	else
		snprintf(name, sizeof(name), "%.24s-%zu", x->t->sheet,
		    x->sheets);
	if ((x->ws = workbook_add_worksheet(x->wb, name)) == NULL)
		return -1;
	x->row = 0;
	return 0;
}

/* The column heads on the current row, frozen above the rows. */
static void
xlsx_heads(struct mc_export_xlsx *x)
{
	const struct mc_export_table *t = x->t;
	size_t			      c;

	for (c = 0; c < t->ncols; c++)
		worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)c,
		    t->heads[c], x->head);
	worksheet_freeze_panes(x->ws, (lxw_row_t)x->row + 1, 1);
	worksheet_set_column(x->ws, 0, 0, 40, NULL);
	worksheet_set_column(x->ws, 1, (lxw_col_t)t->ncols, 12, NULL);
	x->row++;
}

/* The title, scope, period as dates, the day, then the heads. */
static void
xlsx_heading(struct mc_export_xlsx *x)
{
	const struct mc_export_table *t = x->t;
	lxw_worksheet		     *ws = x->ws;
	lxw_datetime		      d;

	worksheet_write_string(ws, (lxw_row_t)x->row++, 0, t->title, x->title);
	if (t->scope != NULL)
		worksheet_write_string(ws, (lxw_row_t)x->row++, 0, t->scope,
		    NULL);
	if (t->from != NULL && xdate(t->to, &d) == 0 &&
	    xdate(t->from, &d) == 0) {
		worksheet_write_string(ws, (lxw_row_t)x->row, 0, t->from_label,
		    x->bold);
		worksheet_write_datetime(ws, (lxw_row_t)x->row, 1, &d,
		    x->date);
		xdate(t->to, &d);
		worksheet_write_string(ws, (lxw_row_t)x->row, 2, t->to_label,
		    x->bold);
		worksheet_write_datetime(ws, (lxw_row_t)x->row, 3, &d,
		    x->date);
		x->row++;
	}
	if (t->dateline != NULL)
		worksheet_write_string(ws, (lxw_row_t)x->row++, 0, t->dateline,
		    NULL);
	x->row++;
	xlsx_heads(x);
}

/* Opens path as a workbook with t's formats; NULL on error (logged). */
static struct mc_export_xlsx *
xlsx_open(const struct mc_export_table *t, const char *path,
    const char *tmp_dir, int constant_memory)
{
	lxw_workbook_options   o;
	struct mc_export_xlsx *x;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	memset(&o, 0, sizeof(o));
	o.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
	o.tmpdir = (char *)(uintptr_t)tmp_dir;
	x->t = t;
	if ((x->wb = workbook_new_opt(path, &o)) == NULL) {
		mc_err("workbook_new %s failed", path);
		free(x);
		return NULL;
	}
	x->title = workbook_add_format(x->wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_text_wrap(x->head);
	format_set_border(x->head, LXW_BORDER_THIN);
	format_set_bg_color(x->head, 0xDDE6F0);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "dd/mm/yyyy");
	x->dec = workbook_add_format(x->wb);
	format_set_num_format(x->dec, "0.0");
	if (xlsx_sheet(x) < 0) {
		workbook_close(x->wb);
		free(x);
		return NULL;
	}
	xlsx_heading(x);
	return x;
}

/* One cell of the current row. */
static void
xlsx_cell(struct mc_export_xlsx *x, size_t c, const char *v)
{
	lxw_worksheet *ws = x->ws;
	lxw_row_t      row = (lxw_row_t)x->row;
	lxw_datetime   d;

	switch (x->t->kinds[c]) {
	case EXPORT_INT:
	case EXPORT_DECIMAL:
		worksheet_write_number(ws, row, (lxw_col_t)c, strtod(v, NULL),
		    x->t->kinds[c] == EXPORT_DECIMAL ? x->dec : NULL);
		return;
	case EXPORT_DATE:
		if (xdate(v, &d) == 0) {
			worksheet_write_datetime(ws, row, (lxw_col_t)c, &d,
			    x->date);
			return;
		}
		/* FALLTHROUGH */
	default:
		worksheet_write_string(ws, row, (lxw_col_t)c, v, NULL);
	}
}

int
mc_export_xlsx_rows(struct mc_export_xlsx *x, const struct mc_export_table *t)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++, x->row++) {
		/* A full sheet: the rows go on in the next, under the heads. */
		if (x->row >= LXW_ROW_MAX) {
			if (xlsx_sheet(x) < 0)
				return -1;
			xlsx_heads(x);
		}
		for (c = 0; c < x->t->ncols; c++)
			if (cell(t, r, c) != NULL)
				xlsx_cell(x, c, cell(t, r, c));
	}
	return 0;
}

struct mc_export_xlsx *
mc_export_xlsx_open(const struct mc_export_table *t, const char *path,
    const char *tmp_dir)
{
	return xlsx_open(t, path, tmp_dir, 1);
}

int
mc_export_xlsx_close(struct mc_export_xlsx *x)
{
	lxw_error e;

	if (x == NULL)
		return -1;
	e = workbook_close(x->wb);
	free(x);
	if (e != LXW_NO_ERROR) {
		mc_err("workbook_close failed: %s", lxw_strerror(e));
		return -1;
	}
	return 0;
}

int
mc_export_xlsx(struct mc_arena *a, const struct mc_export_table *t,
    const char *tmp_dir, struct buf *out)
{
	struct mc_export_xlsx *x;
	char		      *path;
	int		       fd, rc = -1;

	path = mc_arena_printf(a, "%s/export-XXXXXX.xlsx", tmp_dir);
	if ((fd = mkstemps(path, 5)) < 0) {
		mc_err("mkstemps %s failed", path);
		return -1;
	}
	close(fd);
	if ((x = xlsx_open(t, path, tmp_dir, 0)) == NULL)
		goto out;
	if (mc_export_xlsx_rows(x, t) < 0) {
		mc_export_xlsx_close(x);
		goto out;
	}
	if (mc_export_xlsx_close(x) < 0)
		goto out;
	rc = read_file(path, out);
out:
	unlink(path);
	return rc;
}

/* Appends s escaped for XML text. */
static int
xml_text(struct buf *b, const char *s)
{
	return mc_buf_add_html(b, s != NULL ? s : "");
}

static int
docx_para(struct buf *b, const char *text, int bold, int size_half_pt,
    const char *align)
{
	mc_buf_adds(b, "<w:p><w:pPr>");
	if (align != NULL)
		mc_buf_addf(b, "<w:jc w:val=\"%s\"/>", align);
	mc_buf_adds(b, "</w:pPr><w:r><w:rPr>");
	if (bold)
		mc_buf_adds(b, "<w:b/>");
	if (size_half_pt > 0)
		mc_buf_addf(b, "<w:sz w:val=\"%d\"/>", size_half_pt);
	mc_buf_adds(b, "</w:rPr><w:t xml:space=\"preserve\">");
	xml_text(b, text);
	return mc_buf_adds(b, "</w:t></w:r></w:p>");
}

static int
docx_cell(struct buf *b, const char *text, int bold, int right, int header)
{
	mc_buf_adds(b, "<w:tc><w:tcPr>");
	if (header)
		mc_buf_adds(b,
		    "<w:shd w:val=\"clear\" w:color=\"auto\" "
		    "w:fill=\"DDE6F0\"/>");
	mc_buf_adds(b, "</w:tcPr><w:p><w:pPr>");
	if (right)
		mc_buf_adds(b, "<w:jc w:val=\"right\"/>");
	mc_buf_adds(b, "</w:pPr><w:r><w:rPr>");
	if (bold)
		mc_buf_adds(b, "<w:b/>");
	mc_buf_adds(b,
	    "<w:sz w:val=\"16\"/></w:rPr><w:t "
	    "xml:space=\"preserve\">");
	xml_text(b, text);
	return mc_buf_adds(b, "</w:t></w:r></w:p></w:tc>");
}

static const char docx_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\"><Default Extension=\"rels\" ContentType=\""
    "application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\""
    "application/vnd.openxmlformats-officedocument.wordprocessingml."
    "document.main+xml\"/></Types>";

static const char docx_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\""
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships>";

/* A Word file being written: its package (minizip) and a batch's XML. */
struct mc_export_docx {
	zipFile			      z;
	struct buf		      xml; /* written to z past DOCX_FLUSH */
	const struct mc_export_table *t;
	int			      failed;
};

#define DOCX_FLUSH (256 * 1024)

/* A whole member of the package; 0 or -1. */
static int
docx_member(zipFile z, const char *name, const char *data, size_t len)
{
	zip_fileinfo zi;

	memset(&zi, 0, sizeof(zi));
	if (zipOpenNewFileInZip(z, name, &zi, NULL, 0, NULL, 0, NULL,
		Z_DEFLATED, Z_DEFAULT_COMPRESSION) != ZIP_OK)
		return -1;
	if (zipWriteInFileInZip(z, data, (unsigned int)len) != ZIP_OK) {
		zipCloseFileInZip(z);
		return -1;
	}
	return zipCloseFileInZip(z) == ZIP_OK ? 0 : -1;
}

/* Writes the XML held to document.xml (at least min bytes); 0 or -1. */
static int
docx_flush(struct mc_export_docx *x, size_t min)
{
	if (x->failed)
		return -1;
	if (x->xml.len < min || x->xml.len == 0)
		return 0;
	if (zipWriteInFileInZip(x->z, x->xml.s, (unsigned int)x->xml.len) !=
	    ZIP_OK) {
		x->failed = 1;
		return -1;
	}
	mc_buf_reset(&x->xml);
	return 0;
}

struct mc_export_docx *
mc_export_docx_open(const struct mc_export_table *t, const char *path)
{
	struct mc_export_docx *x;
	struct buf	      *doc;
	zip_fileinfo	       zi;
	size_t		       c;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	x->t = t;
	mc_buf_init(&x->xml, 4 * DOCX_FLUSH);
	if ((x->z = zipOpen(path, APPEND_STATUS_CREATE)) == NULL) {
		mc_err("zipOpen %s failed", path);
		goto out_free;
	}
	memset(&zi, 0, sizeof(zi));
	if (docx_member(x->z, "[Content_Types].xml", docx_types,
		sizeof(docx_types) - 1) < 0 ||
	    docx_member(x->z, "_rels/.rels", docx_rels,
		sizeof(docx_rels) - 1) < 0 ||
	    zipOpenNewFileInZip(x->z, "word/document.xml", &zi, NULL, 0, NULL,
		0, NULL, Z_DEFLATED, Z_DEFAULT_COMPRESSION) != ZIP_OK) {
		mc_err("docx %s: cannot write the package", path);
		zipClose(x->z, NULL);
		unlink(path);
		goto out_free;
	}
	doc = &x->xml;
	mc_buf_adds(doc,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	    "wordprocessingml/2006/main\"><w:body>");
	docx_para(doc, t->title, 1, 28, "center");
	if (t->scope != NULL)
		docx_para(doc, t->scope, 0, 22, "center");
	if (t->period != NULL)
		docx_para(doc, t->period, 0, 22, "center");
	if (t->dateline != NULL)
		docx_para(doc, t->dateline, 0, 20, "right");
	mc_buf_adds(doc,
	    "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
	    "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/>"
	    "<w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" "
	    "w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
	    "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV "
	    "w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr>");
	mc_buf_adds(doc, "<w:tr><w:trPr><w:tblHeader/></w:trPr>");
	for (c = 0; c < t->ncols; c++)
		docx_cell(doc, t->heads[c], 1, 0, 1);
	mc_buf_adds(doc, "</w:tr>");
	return x;
out_free:
	mc_buf_free(&x->xml);
	free(x);
	return NULL;
}

int
mc_export_docx_rows(struct mc_export_docx *x, const struct mc_export_table *t)
{
	struct buf *doc = &x->xml;
	size_t	    r, c;

	for (r = 0; r < t->nrows; r++) {
		mc_buf_adds(doc, "<w:tr>");
		for (c = 0; c < x->t->ncols; c++)
			docx_cell(doc, cell(t, r, c), 0,
			    x->t->kinds[c] == EXPORT_INT ||
				x->t->kinds[c] == EXPORT_DECIMAL,
			    0);
		if (mc_buf_adds(doc, "</w:tr>") < 0 ||
		    docx_flush(x, DOCX_FLUSH) < 0)
			return -1;
	}
	return 0;
}

int
mc_export_docx_close(struct mc_export_docx *x)
{
	int rc = 0;

	if (x == NULL)
		return -1;
	if (mc_buf_adds(&x->xml,
		"</w:tbl><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" "
		"w:orient=\"landscape\"/><w:pgMar w:top=\"850\" "
		"w:right=\"850\" w:bottom=\"850\" w:left=\"850\"/>"
		"</w:sectPr></w:body></w:document>") < 0 ||
	    docx_flush(x, 0) < 0)
		rc = -1;
	if (zipCloseFileInZip(x->z) != ZIP_OK)
		rc = -1;
	if (zipClose(x->z, NULL) != ZIP_OK)
		rc = -1;
	mc_buf_free(&x->xml);
	free(x);
	return rc;
}

int
mc_export_docx(struct mc_arena *a, const struct mc_export_table *t,
    const char *tmp_dir, struct buf *out)
{
	struct mc_export_docx *x;
	char		      *path;
	int		       fd, rc = -1;

	path = mc_arena_printf(a, "%s/export-XXXXXX.docx", tmp_dir);
	if ((fd = mkstemps(path, 5)) < 0) {
		mc_err("mkstemps %s failed", path);
		return -1;
	}
	close(fd);
	if ((x = mc_export_docx_open(t, path)) == NULL)
		goto out;
	if (mc_export_docx_rows(x, t) < 0) {
		mc_export_docx_close(x);
		goto out;
	}
	if (mc_export_docx_close(x) < 0)
		goto out;
	rc = read_file(path, out);
out:
	unlink(path);
	return rc;
}

/* A PDF being written a page at a time (mc_pdf_stream). */
struct mc_export_pdf {
	struct mc_arena	     *a; /* the document's heading */
	struct mc_pdf_stream *ps;
	size_t		      ncols;
};

/* t's heading and columns as a document to stream; the table's columns. */
static struct mc_pdf *
pdf_doc(struct mc_arena *a, const struct mc_export_table *t,
    struct mc_pdf_col **colsp, size_t *np)
{
	struct mc_pdf	  *p = mc_pdf_new(a, t->title, 1);
	struct mc_pdf_col *cols;
	size_t		   c, n = t->ncols > 16 ? 16 : t->ncols;

	mc_pdf_set_size(p, 9);
	mc_pdf_page_numbers(p, t->page_label);
	mc_pdf_title(p, t->title, t->scope);
	if (t->period != NULL)
		mc_pdf_para(p, 0, MC_PDF_CENTER, t->period);
	if (t->dateline != NULL)
		mc_pdf_para(p, MC_PDF_ITALIC, MC_PDF_RIGHT, t->dateline);
	cols = mc_arena_alloc(a, n * sizeof(*cols));
	for (c = 0; c < n; c++) {
		cols[c].head = t->heads[c];
		cols[c].width = t->widths != NULL ? t->widths[c] :
		    c == 0			  ? 4 :
						    1;
		cols[c].align = t->kinds[c] == EXPORT_TEXT ? MC_PDF_LEFT :
							     MC_PDF_RIGHT;
	}
	*colsp = cols;
	*np = n;
	return p;
}

int
mc_export_pdf(struct mc_arena *a, const struct mc_export_table *t,
    struct buf *out)
{
	struct mc_pdf_col   *cols;
	struct mc_pdf_table *tb;
	struct mc_pdf	    *p;
	size_t		     r, n;

	p = pdf_doc(a, t, &cols, &n);
	if ((tb = mc_pdf_table(p, cols, n)) == NULL)
		return -1;
	for (r = 0; r < t->nrows; r++)
		mc_pdf_row(tb, &t->cells[r * t->ncols]);
	return mc_pdf_render(p, out);
}

struct mc_export_pdf *
mc_export_pdf_open(const struct mc_export_table *t, const char *path)
{
	struct mc_export_pdf *x;
	struct mc_pdf_col    *cols;
	struct mc_pdf	     *p;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	if ((x->a = mc_arena_new(16 * 1024)) == NULL)
		goto out_free;
	p = pdf_doc(x->a, t, &cols, &x->ncols);
	if ((x->ps = mc_pdf_stream_open(p, cols, x->ncols, path)) == NULL) {
		mc_err("mc_export_pdf_open: %s", path);
		mc_arena_free(x->a);
		goto out_free;
	}
	return x;
out_free:
	free(x);
	return NULL;
}

int
mc_export_pdf_rows(struct mc_export_pdf *x, const struct mc_export_table *t)
{
	size_t r;

	for (r = 0; r < t->nrows; r++)
		if (mc_pdf_stream_row(x->ps, &t->cells[r * t->ncols]) < 0)
			return -1;
	return 0;
}

int
mc_export_pdf_pages(const struct mc_export_pdf *x)
{
	return mc_pdf_stream_pages(x->ps);
}

int
mc_export_pdf_close(struct mc_export_pdf *x)
{
	int rc;

	if (x == NULL)
		return -1;
	rc = mc_pdf_stream_close(x->ps);
	mc_arena_free(x->a);
	free(x);
	return rc;
}

int
mc_export_csv(struct mc_arena *a, const struct mc_export_table *t,
    struct buf *out)
{
	size_t c;

	(void)a;
	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			mc_buf_addc(out, ',');
		mc_buf_add_csv(out, t->heads[c], 1);
	}
	mc_buf_adds(out, "\r\n");
	return mc_export_csv_rows(t, out);
}

int
mc_export_csv_rows(const struct mc_export_table *t, struct buf *out)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				mc_buf_addc(out, ',');
			mc_buf_add_csv(out, cell(t, r, c),
			    t->kinds == NULL || t->kinds[c] == EXPORT_TEXT);
		}
		if (mc_buf_adds(out, "\r\n") < 0)
			return -1;
	}
	return 0;
}
