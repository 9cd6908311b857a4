/*
 * A small document renderer: a document is a list of blocks (a national
 * heading, a title, paragraphs, "label: value" lines, numbered lists,
 * tables, a QR code, signature blocks) built in an arena, then laid out on
 * A4 pages with pango and cairo and written as PDF bytes into a struct buf.
 *
 * Text is always UTF-8 plain text, never pango markup: "<b>&amp;" prints as
 * those seven characters. Invalid UTF-8 is replaced, control characters
 * other than newline and tab print as spaces. Text wraps to its column;
 * paragraphs, lists and tables continue on the next page when they do not
 * fit (a table repeats its header row there); headings, QR codes and
 * signature blocks are never split. The library holds no state between
 * calls except pango's font map (one per thread, kept for speed).
 *
 * Every string given to an mc_pdf function is copied into the arena, so the
 * caller's strings need only live until the call returns. Nothing here
 * prints a word of its own: the caller gives every visible string.
 */
#ifndef MC_PDF_H
#define MC_PDF_H

#include <stddef.h>

struct buf;
struct mc_arena;
struct mc_pdf;
struct mc_pdf_table;

enum mc_pdf_align { MC_PDF_LEFT, MC_PDF_CENTER, MC_PDF_RIGHT, MC_PDF_JUSTIFY };

/* Text styles; OR them. */
#define MC_PDF_BOLD   0x01
#define MC_PDF_ITALIC 0x02
#define MC_PDF_SMALL  0x04 /* 85 % of the body size */
#define MC_PDF_INDENT 0x08 /* first line indented 1 cm */

/* How list items are numbered. */
enum mc_pdf_num {
	MC_PDF_NUM_DOT,	  /* 1.  2.  3. */
	MC_PDF_NUM_PAREN, /* (1) (2) (3) */
	MC_PDF_NUM_DASH	  /* -   -   -  */
};

/*
 * A new empty document whose memory comes from the arena (it lives until
 * the arena is reset). title goes into the PDF's metadata; landscape turns
 * the A4 page sideways. Never NULL (the arena aborts when out of memory).
 */
struct mc_pdf *mc_pdf_new(struct mc_arena *, const char *title, int landscape);

/* The body text size in points (default 11; 6 to 24). */
void mc_pdf_set_size(struct mc_pdf *, double pt);

/*
 * Numbers every page "<label> n/N" at the foot when the document has more
 * than one page (label NULL: "n/N" alone). Pages are not numbered by
 * default.
 */
void mc_pdf_page_numbers(struct mc_pdf *, const char *label);

/*
 * The national heading of an administrative document, in two columns.
 * Left: the agency lines, top down, put in capitals (bold but the first),
 * a short rule, then the lines below it ("Số: ...", a code). Right: the
 * country's name (bold, capitals as given), the motto (bold, underlined),
 * then the place and date line in italics. Unused slots are NULL.
 */
struct mc_pdf_heading {
	const char *left[4];
	const char *below[3];
	const char *country;
	const char *motto;
	const char *dateline;
};
void mc_pdf_heading(struct mc_pdf *, const struct mc_pdf_heading *);

/* A centred bold title and an optional subtitle (bold italic) under it. */
void mc_pdf_title(struct mc_pdf *, const char *title, const char *subtitle);

/* A paragraph in the given MC_PDF_* style and alignment. */
void mc_pdf_para(struct mc_pdf *, int style, enum mc_pdf_align,
    const char *text);

/*
 * A "label: value" line, the value in bold; value NULL or "" prints a
 * dotted line to fill in by hand. The label is given without its colon.
 */
void mc_pdf_field(struct mc_pdf *, const char *label, const char *value);

/* Two "label: value" pairs on one line (wrapping if they must). */
void mc_pdf_field2(struct mc_pdf *, const char *label1, const char *value1,
    const char *label2, const char *value2);

/* One list item: its text and an optional note (italic, under it). */
struct mc_pdf_item {
	const char *text;
	const char *note;
};

/* A numbered list of n items, numbered from 1, indented after the number. */
void mc_pdf_list(struct mc_pdf *, enum mc_pdf_num, const struct mc_pdf_item *,
    size_t n);

/* A table column: its header, its share of the width, its cell alignment. */
struct mc_pdf_col {
	const char	 *head;
	double		  width; /* shares, scaled to sum 1 */
	enum mc_pdf_align align;
};

/*
 * Starts a table of ncols (1 to 16) columns (copied) with a bold header
 * row, repeated at the top of every page the table reaches. Rows are
 * added with mc_pdf_row. Cell text is in the small size and wraps; a row
 * too tall for a whole page is cut with an ellipsis. NULL when ncols is
 * out of range.
 */
struct mc_pdf_table *mc_pdf_table(struct mc_pdf *, const struct mc_pdf_col *,
    size_t ncols);

/* Appends a row of ncols cells (copied; NULL cells are empty). */
void mc_pdf_row(struct mc_pdf_table *, const char *const *cells);

/*
 * A QR code of data (byte mode, error correction M, up to about 2 KB)
 * drawn size_mm wide with its quiet zone, at the left margin, with the
 * caption (italic) and detail (small) beside it; either may be NULL.
 * 0, or -1 when data cannot be encoded (nothing is added then).
 */
int mc_pdf_qr(struct mc_pdf *, const char *data, double size_mm,
    const char *caption, const char *detail);

/*
 * Signature blocks side by side, one or two (more are ignored): the role
 * in bold, the note in italics, room to sign, then the name in bold. One
 * block stands in the right half of the page. Kept on one page.
 */
struct mc_pdf_sig {
	const char *role;
	const char *note;
	const char *name;
};
void mc_pdf_sign(struct mc_pdf *, const struct mc_pdf_sig *, size_t n);

/* Vertical space, and a forced page break. */
void mc_pdf_space(struct mc_pdf *, double mm);
void mc_pdf_break(struct mc_pdf *);

/*
 * Lays the document out and appends the PDF to out. 0, or -1 when cairo
 * fails or out would grow past its maximum (out is then left as it was).
 * May be called again: the same document renders the same pages.
 */
int mc_pdf_render(struct mc_pdf *, struct buf *out);

/*
 * A document whose last block is a table of any length, written to the
 * file at path as its rows come: open lays out doc's blocks so far (its
 * title, paragraphs) and the table's header; each mc_pdf_stream_row adds
 * a row (its cells copied), a full page written to the file at once with
 * the header repeated on the next; close draws the last page's number
 * and the fonts and closes the file. Memory stays flat whatever the rows
 * (a row's text is given back after it; cairo keeps a few bytes a page).
 * Pages are numbered "<label> n" (the total is not known while writing).
 * open: NULL on error (nothing left at path); row, close: 0 or -1 (close
 * frees the stream either way).
 */
struct mc_pdf_stream;
struct mc_pdf_stream *mc_pdf_stream_open(struct mc_pdf *,
    const struct mc_pdf_col *, size_t ncols, const char *path);
int mc_pdf_stream_row(struct mc_pdf_stream *, const char *const *cells);
/* The pages begun so far (the last one being filled). */
int mc_pdf_stream_pages(const struct mc_pdf_stream *);
int mc_pdf_stream_close(struct mc_pdf_stream *);

/* The number of pages the last mc_pdf_render made (0 before any). */
int mc_pdf_pages(const struct mc_pdf *);

/*
 * Drops the cached font map: for a process's exit, so that leak checkers
 * see nothing of ours; never while another thread renders. fontconfig's
 * configuration stays (see the .c file). Rendering again afterwards works
 * (it loads the fonts again, slowly).
 */
void mc_pdf_cleanup(void);

#endif
