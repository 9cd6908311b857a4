/*
 * Exports of a report table (issue 11): Excel (.xlsx, libxlsxwriter: real
 * numbers, dates, a header row), Word (.docx, a minimal WordprocessingML
 * package with a formatted table, title, scope and date, zipped by
 * minizip), PDF (mc_pdf:
 * Vietnamese text, the header repeated on every page, page numbers) and
 * CSV. The caller gives every visible string; nothing here prints a word.
 */
#ifndef MC_EXPORT_H
#define MC_EXPORT_H

#include <stddef.h>

struct buf;
struct mc_arena;

/* What a column holds. */
enum mc_export_kind {
	EXPORT_TEXT,
	EXPORT_INT,	/* a whole number (the cell's text in decimal) */
	EXPORT_DECIMAL, /* a number with one decimal */
	EXPORT_DATE	/* "YYYY-MM-DD" */
};

struct mc_export_table {
	const char *title;	/* the report's name */
	const char *scope;	/* "Phạm vi: ..." line */
	const char *period;	/* "Kỳ báo cáo: ..." line */
	const char *dateline;	/* "Ngày xuất: ..." line */
	const char *sheet;	/* sheet name (xlsx), ASCII */
	const char *page_label; /* before "n/N" (PDF) */
	/* The period as dates, put as real dates in the xlsx heading. */
	const char		  *from, *to;
	const char		  *from_label, *to_label;
	size_t			   ncols;
	const char *const	  *heads;
	const enum mc_export_kind *kinds;
	/* The columns' widths in the PDF as shares; NULL: 4 then 1 each. */
	const double	  *widths;
	size_t		   nrows;
	const char *const *cells; /* nrows * ncols, NULL = empty */
};

/*
 * Appends the table as a file of that format to out; 0 or -1. The xlsx
 * goes through a temporary file in tmp_dir (removed before returning).
 */
int mc_export_xlsx(struct mc_arena *, const struct mc_export_table *,
    const char *tmp_dir, struct buf *out);
/*
 * An xlsx written as its rows come, for a register of any size: open
 * writes t's heading (title, scope, period, day, heads) to a new workbook
 * at path in libxlsxwriter's constant_memory mode (each row goes to a
 * temporary file in tmp_dir as it is written: memory stays flat whatever
 * the rows); rows appends t->nrows rows of t->cells (t's columns as at
 * open), going on in a new sheet under the same heads when one is full
 * (1 048 576 rows); close finishes the file and frees the writer.
 * open: NULL on error (logged); rows, close: 0 or -1.
 */
struct mc_export_xlsx;
struct mc_export_xlsx *mc_export_xlsx_open(const struct mc_export_table *t,
    const char *path, const char *tmp_dir);
int		       mc_export_xlsx_rows(struct mc_export_xlsx *,
		       const struct mc_export_table *t);
int		       mc_export_xlsx_close(struct mc_export_xlsx *);

/*
 * A Word file (.docx) written as its rows come, for a register of any
 * size: open writes the package's fixed parts and t's heading (title,
 * scope, period, day, the heads as a header row repeated on each page)
 * to a new zip at path (minizip), document.xml left open; rows appends
 * t->nrows rows (t's columns as at open), the XML deflated into the file
 * each 256 KiB (memory stays flat); close ends the table and the
 * package. document.xml must stay under 4 GiB (zip without ZIP64, which
 * not every reader takes): about 2 million rows of a register.
 * open: NULL on error (logged); rows, close: 0 or -1.
 */
struct mc_export_docx;
struct mc_export_docx *mc_export_docx_open(const struct mc_export_table *t,
    const char								*path);
int		       mc_export_docx_rows(struct mc_export_docx *,
		       const struct mc_export_table *t);
int		       mc_export_docx_close(struct mc_export_docx *);

/*
 * A PDF written as its rows come (mc_pdf_stream): open lays out t's
 * heading and the table's header at path; rows adds t->nrows rows, each
 * full page written to the file at once, the header repeated on the
 * next; pages numbered "<page_label> n"; close ends the file. Memory
 * stays flat whatever the rows. open: NULL on error; rows, close: 0/-1.
 */
struct mc_export_pdf;
struct mc_export_pdf *mc_export_pdf_open(const struct mc_export_table *t,
    const char							      *path);
int		      mc_export_pdf_rows(struct mc_export_pdf *,
		      const struct mc_export_table *t);
/* The pages begun so far. */
int mc_export_pdf_pages(const struct mc_export_pdf *);
int mc_export_pdf_close(struct mc_export_pdf *);

/* The whole table as a .docx (through a file in tmp_dir, removed). */
int mc_export_docx(struct mc_arena *, const struct mc_export_table *,
    const char *tmp_dir, struct buf *out);
int mc_export_pdf(struct mc_arena *, const struct mc_export_table *,
    struct buf *out);
int mc_export_csv(struct mc_arena *, const struct mc_export_table *,
    struct buf *out);

/*
 * Appends the table's rows alone as CSV lines (no head line), as
 * mc_export_csv writes them: a long CSV sent a batch of rows at a time.
 * 0 or -1.
 */
int mc_export_csv_rows(const struct mc_export_table *, struct buf *out);

#endif
