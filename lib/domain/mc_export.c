/*
 * Exports of report tables: xlsx with libxlsxwriter, docx as a minimal
 * WordprocessingML package (mc_zip), PDF with mc_pdf, CSV (RFC 4180).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_export.h"
#include "mc_log.h"
#include "mc_pdf.h"
#include "mc_zip.h"

#define XLSX_MAX (64 * 1024 * 1024)

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

int
mc_export_xlsx(struct mc_arena *a, const struct mc_export_table *t,
    const char *tmp_dir, struct buf *out)
{
	lxw_workbook  *wb;
	lxw_worksheet *ws;
	lxw_format    *bold, *head, *date, *dec, *title;
	lxw_datetime   d;
	char	      *path;
	size_t	       r, c, row = 0;
	int	       fd, rc = -1;

	path = mc_arena_printf(a, "%s/export-XXXXXX.xlsx", tmp_dir);
	if ((fd = mkstemps(path, 5)) < 0) {
		mc_err("mkstemps %s failed", path);
		return -1;
	}
	close(fd);
	if ((wb = workbook_new(path)) == NULL)
		goto out;
	ws = workbook_add_worksheet(wb, t->sheet);
	title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_bg_color(head, 0xDDE6F0);
	date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	dec = workbook_add_format(wb);
	format_set_num_format(dec, "0.0");
	worksheet_write_string(ws, (lxw_row_t)row++, 0, t->title, title);
	if (t->scope != NULL)
		worksheet_write_string(ws, (lxw_row_t)row++, 0, t->scope,
		    NULL);
	if (t->from != NULL && xdate(t->to, &d) == 0 &&
	    xdate(t->from, &d) == 0) {
		worksheet_write_string(ws, (lxw_row_t)row, 0, t->from_label,
		    bold);
		worksheet_write_datetime(ws, (lxw_row_t)row, 1, &d, date);
		xdate(t->to, &d);
		worksheet_write_string(ws, (lxw_row_t)row, 2, t->to_label,
		    bold);
		worksheet_write_datetime(ws, (lxw_row_t)row, 3, &d, date);
		row++;
	}
	if (t->dateline != NULL)
		worksheet_write_string(ws, (lxw_row_t)row++, 0, t->dateline,
		    NULL);
	row++;
	for (c = 0; c < t->ncols; c++)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c,
		    t->heads[c], head);
	worksheet_freeze_panes(ws, (lxw_row_t)row + 1, 1);
	worksheet_set_column(ws, 0, 0, 40, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)t->ncols, 12, NULL);
	row++;
	for (r = 0; r < t->nrows; r++, row++)
		for (c = 0; c < t->ncols; c++) {
			const char *v = cell(t, r, c);

			if (v == NULL)
				continue;
			switch (t->kinds[c]) {
			case EXPORT_INT:
			case EXPORT_DECIMAL:
				worksheet_write_number(ws, (lxw_row_t)row,
				    (lxw_col_t)c, strtod(v, NULL),
				    t->kinds[c] == EXPORT_DECIMAL ? dec :
								    NULL);
				break;
			case EXPORT_DATE:
				if (xdate(v, &d) == 0) {
					worksheet_write_datetime(ws,
					    (lxw_row_t)row, (lxw_col_t)c, &d,
					    date);
					break;
				}
				/* FALLTHROUGH */
			default:
				worksheet_write_string(ws, (lxw_row_t)row,
				    (lxw_col_t)c, v, NULL);
			}
		}
	if (workbook_close(wb) != LXW_NO_ERROR) {
		mc_err("workbook_close %s failed", path);
		goto out;
	}
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

int
mc_export_docx(struct mc_arena *a, const struct mc_export_table *t,
    struct buf *out)
{
	struct buf    doc;
	struct mc_zip z;
	size_t	      r, c;
	int	      rc = -1;

	mc_buf_init(&doc, 64 * 1024 * 1024);
	mc_buf_adds(&doc,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	    "wordprocessingml/2006/main\"><w:body>");
	docx_para(&doc, t->title, 1, 28, "center");
	if (t->scope != NULL)
		docx_para(&doc, t->scope, 0, 22, "center");
	if (t->period != NULL)
		docx_para(&doc, t->period, 0, 22, "center");
	if (t->dateline != NULL)
		docx_para(&doc, t->dateline, 0, 20, "right");
	mc_buf_adds(&doc,
	    "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
	    "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/>"
	    "<w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" "
	    "w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
	    "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV "
	    "w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr>");
	mc_buf_adds(&doc, "<w:tr><w:trPr><w:tblHeader/></w:trPr>");
	for (c = 0; c < t->ncols; c++)
		docx_cell(&doc, t->heads[c], 1, 0, 1);
	mc_buf_adds(&doc, "</w:tr>");
	for (r = 0; r < t->nrows; r++) {
		mc_buf_adds(&doc, "<w:tr>");
		for (c = 0; c < t->ncols; c++)
			docx_cell(&doc, cell(t, r, c), 0,
			    t->kinds[c] == EXPORT_INT ||
				t->kinds[c] == EXPORT_DECIMAL,
			    0);
		mc_buf_adds(&doc, "</w:tr>");
	}
	if (mc_buf_adds(&doc,
		"</w:tbl><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" "
		"w:orient=\"landscape\"/><w:pgMar w:top=\"850\" "
		"w:right=\"850\" w:bottom=\"850\" w:left=\"850\"/>"
		"</w:sectPr></w:body></w:document>") < 0)
		goto out;
	mc_zip_begin(&z, out);
	if (mc_zip_add(&z, "[Content_Types].xml", docx_types,
		sizeof(docx_types) - 1) < 0 ||
	    mc_zip_add(&z, "_rels/.rels", docx_rels, sizeof(docx_rels) - 1) <
		0 ||
	    mc_zip_add(&z, "word/document.xml", doc.s, doc.len) < 0 ||
	    mc_zip_end(&z) < 0)
		goto out;
	rc = 0;
out:
	mc_buf_free(&doc);
	(void)a;
	return rc;
}

int
mc_export_pdf(struct mc_arena *a, const struct mc_export_table *t,
    struct buf *out)
{
	struct mc_pdf	    *p = mc_pdf_new(a, t->title, 1);
	struct mc_pdf_col   *cols;
	struct mc_pdf_table *tb;
	size_t		     c, r, n = t->ncols > 16 ? 16 : t->ncols;

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
	if ((tb = mc_pdf_table(p, cols, n)) == NULL)
		return -1;
	for (r = 0; r < t->nrows; r++)
		mc_pdf_row(tb, &t->cells[r * t->ncols]);
	return mc_pdf_render(p, out);
}

static int
csv_field(struct buf *b, const char *s)
{
	const char *p;

	if (s == NULL)
		return 0;
	if (strpbrk(s, ",\"\r\n") == NULL)
		return mc_buf_adds(b, s);
	mc_buf_addc(b, '"');
	for (p = s; *p; p++)
		if ((*p == '"' && mc_buf_addc(b, '"') < 0) ||
		    mc_buf_addc(b, *p) < 0)
			return -1;
	return mc_buf_addc(b, '"');
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
		csv_field(out, t->heads[c]);
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
			csv_field(out, cell(t, r, c));
		}
		if (mc_buf_adds(out, "\r\n") < 0)
			return -1;
	}
	return 0;
}
