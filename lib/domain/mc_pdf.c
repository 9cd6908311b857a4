/*
 * Documents as PDF: blocks kept in the request's arena, laid out twice
 * with pango (once to count the pages, once to draw) on a cairo PDF
 * surface that writes straight into a struct buf.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_pdf.h"

/* Serif faces with Vietnamese, in order of preference (fontconfig). */
#define FONT_FAMILY "Noto Serif,DejaVu Serif,Liberation Serif,serif"

#define MM(x)	      ((x)*72.0 / 25.4)
#define A4_SHORT      (210.0 * 72.0 / 25.4)
#define A4_LONG	      (297.0 * 72.0 / 25.4)
#define MARGIN_TOP    MM(20)
#define MARGIN_BOTTOM MM(20)
#define MARGIN_LEFT   MM(25)
#define MARGIN_RIGHT  MM(15)

#define SMALL_SCALE 0.85
#define HEAD_SCALE  0.92 /* agency lines and the country's name */
#define CELL_PAD    2.5
#define RULE_WIDTH  0.6
#define MAX_COLS    16
#define MAX_QR_DATA 2048

enum blk_kind {
	BLK_HEADING,
	BLK_TITLE,
	BLK_PARA,
	BLK_LIST,
	BLK_TABLE,
	BLK_QR,
	BLK_SIGN,
	BLK_SPACE,
	BLK_BREAK
};

/* A bold stretch of a paragraph, in bytes. */
struct span {
	size_t start;
	size_t end;
};

struct item {
	const char *text; /* the text, then "\n" and the note */
	size_t	    note; /* where the note starts; 0: none */
};

struct row {
	struct row  *next;
	const char **cells;
};

struct mc_pdf_table {
	struct mc_pdf	 *doc;
	size_t		  ncols;
	double		  width[MAX_COLS];
	enum mc_pdf_align align[MAX_COLS];
	const char	 *head[MAX_COLS];
	struct row	 *rows;
	struct row	**tail;
};

struct blk {
	enum blk_kind	      kind;
	struct blk	     *next;
	int		      style;
	enum mc_pdf_align     align;
	const char	     *text;	/* para, title */
	const char	     *text2;	/* subtitle; qr: detail */
	struct span	      spans[2]; /* para: the values */
	size_t		      nspans;
	struct mc_pdf_heading heading;
	enum mc_pdf_num	      num;
	struct item	     *items;
	size_t		      nitems;
	struct mc_pdf_table  *table;
	unsigned char	     *qr; /* width * width, 1 = dark */
	int		      qrwidth;
	struct mc_pdf_sig     sigs[2];
	size_t		      nsigs;
	double		      pt; /* space, qr: size in points */
};

struct mc_pdf {
	struct mc_arena *arena;
	const char	*title;
	int		 landscape;
	double		 size;
	int		 numbered;
	const char	*page_label;
	struct blk	*blocks;
	struct blk     **tail;
	int		 pages;
};

/* One layout pass over the pages. */
struct render {
	struct mc_pdf	     *doc;
	cairo_t		     *cr;
	PangoContext	     *pc;
	PangoFontDescription *font;
	double		      pw, ph; /* the page */
	double		      x0, w;  /* the text column */
	double		      top, bottom;
	double		      y; /* where the next block goes */
	int		      page;
	int		      pages; /* known in the drawing pass */
	int		      dry;   /* counting pass: no drawing */
	int		      open;  /* streamed: pages numbered n alone */
};

/*
 * A copy of s in the arena, valid UTF-8, control characters other than
 * newline and tab turned into spaces; NULL stays NULL.
 */
static char *
text_dup(struct mc_pdf *doc, const char *s)
{
	char  *fixed = NULL, *out;
	size_t i, n;

	if (s == NULL)
		return NULL;
	if (!g_utf8_validate(s, -1, NULL))
		s = fixed = g_utf8_make_valid(s, -1);
	n = strlen(s);
	out = mc_arena_alloc(doc->arena, n + 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		out[i] = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ?
		    ' ' :
		    s[i];
	}
	out[n] = '\0';
	g_free(fixed);
	return out;
}

static struct blk *
blk_add(struct mc_pdf *doc, enum blk_kind kind)
{
	struct blk *b;

	b = mc_arena_alloc(doc->arena, sizeof(*b));
	b->kind = kind;
	*doc->tail = b;
	doc->tail = &b->next;
	return b;
}

struct mc_pdf *
mc_pdf_new(struct mc_arena *a, const char *title, int landscape)
{
	struct mc_pdf *doc;

	doc = mc_arena_alloc(a, sizeof(*doc));
	doc->arena = a;
	doc->title = text_dup(doc, title != NULL ? title : "");
	doc->landscape = landscape != 0;
	doc->size = 11;
	doc->tail = &doc->blocks;
	return doc;
}

void
mc_pdf_set_size(struct mc_pdf *doc, double pt)
{
	if (pt >= 6 && pt <= 24)
		doc->size = pt;
}

void
mc_pdf_page_numbers(struct mc_pdf *doc, const char *label)
{
	doc->numbered = 1;
	doc->page_label = text_dup(doc, label);
}

void
mc_pdf_heading(struct mc_pdf *doc, const struct mc_pdf_heading *h)
{
	struct blk *b = blk_add(doc, BLK_HEADING);
	size_t	    i;

	for (i = 0; i < sizeof(h->left) / sizeof(h->left[0]); i++)
		b->heading.left[i] = text_dup(doc, h->left[i]);
	for (i = 0; i < sizeof(h->below) / sizeof(h->below[0]); i++)
		b->heading.below[i] = text_dup(doc, h->below[i]);
	b->heading.country = text_dup(doc, h->country);
	b->heading.motto = text_dup(doc, h->motto);
	b->heading.dateline = text_dup(doc, h->dateline);
}

void
mc_pdf_title(struct mc_pdf *doc, const char *title, const char *subtitle)
{
	struct blk *b = blk_add(doc, BLK_TITLE);

	b->text = text_dup(doc, title != NULL ? title : "");
	b->text2 = text_dup(doc, subtitle);
}

void
mc_pdf_para(struct mc_pdf *doc, int style, enum mc_pdf_align align,
    const char *text)
{
	struct blk *b = blk_add(doc, BLK_PARA);

	b->style = style;
	b->align = align;
	b->text = text_dup(doc, text != NULL ? text : "");
}

/* The dots printed for a value left blank. */
static const char dots[] = "..............................";

void
mc_pdf_field2(struct mc_pdf *doc, const char *l1, const char *v1,
    const char *l2, const char *v2)
{
	struct blk *b = blk_add(doc, BLK_PARA);
	struct buf  t;
	const char *l[2], *v[2];
	size_t	    i;

	/* Cleaned first, so that the offsets of the values hold. */
	l[0] = text_dup(doc, l1);
	v[0] = text_dup(doc, v1);
	l[1] = text_dup(doc, l2);
	v[1] = text_dup(doc, v2);
	b->align = MC_PDF_LEFT;
	mc_buf_init(&t, 1 << 20);
	for (i = 0; i < 2 && l[i] != NULL; i++) {
		if (i > 0)
			mc_buf_adds(&t, "      ");
		mc_buf_adds(&t, l[i]);
		mc_buf_adds(&t, ": ");
		if (v[i] == NULL || v[i][0] == '\0') {
			mc_buf_adds(&t, dots);
			continue;
		}
		b->spans[b->nspans].start = t.len;
		mc_buf_adds(&t, v[i]);
		b->spans[b->nspans++].end = t.len;
	}
	b->text = mc_arena_strdup(doc->arena, t.s);
	mc_buf_free(&t);
}

void
mc_pdf_field(struct mc_pdf *doc, const char *label, const char *value)
{
	mc_pdf_field2(doc, label, value, NULL, NULL);
}

void
mc_pdf_list(struct mc_pdf *doc, enum mc_pdf_num num,
    const struct mc_pdf_item *items, size_t n)
{
	struct blk *b = blk_add(doc, BLK_LIST);
	size_t	    i;

	b->num = num;
	b->nitems = n;
	b->items = mc_arena_alloc(doc->arena, (n + 1) * sizeof(*b->items));
	for (i = 0; i < n; i++) {
		const char *t, *note;

		t = text_dup(doc, items[i].text ? items[i].text : "");
		note = text_dup(doc, items[i].note);
		if (note == NULL || note[0] == '\0') {
			b->items[i].text = t;
			continue;
		}
		b->items[i].text = mc_arena_printf(doc->arena, "%s\n%s", t,
		    note);
		b->items[i].note = strlen(t) + 1;
	}
}

/* A table of ncols columns, not yet among the document's blocks. */
static struct mc_pdf_table *
table_new(struct mc_pdf *doc, const struct mc_pdf_col *cols, size_t ncols)
{
	struct mc_pdf_table *t;
	double		     sum = 0;
	size_t		     i;

	if (ncols == 0 || ncols > MAX_COLS)
		return NULL;
	for (i = 0; i < ncols; i++)
		sum += cols[i].width > 0 ? cols[i].width : 0;
	t = mc_arena_alloc(doc->arena, sizeof(*t));
	t->doc = doc;
	t->ncols = ncols;
	t->tail = &t->rows;
	for (i = 0; i < ncols; i++) {
		if (sum > 0)
			t->width[i] = (cols[i].width > 0 ? cols[i].width : 0) /
			    sum;
		else
			t->width[i] = 1.0 / ncols;
		t->align[i] = cols[i].align;
		t->head[i] = text_dup(doc, cols[i].head ? cols[i].head : "");
	}
	return t;
}

struct mc_pdf_table *
mc_pdf_table(struct mc_pdf *doc, const struct mc_pdf_col *cols, size_t ncols)
{
	struct mc_pdf_table *t;
	struct blk	    *b;

	if ((t = table_new(doc, cols, ncols)) == NULL)
		return NULL;
	b = blk_add(doc, BLK_TABLE);
	b->table = t;
	return t;
}

void
mc_pdf_row(struct mc_pdf_table *t, const char *const *cells)
{
	struct row *r;
	size_t	    i;

	r = mc_arena_alloc(t->doc->arena, sizeof(*r));
	r->cells = mc_arena_alloc(t->doc->arena, t->ncols * sizeof(char *));
	for (i = 0; i < t->ncols; i++)
		r->cells[i] = text_dup(t->doc,
		    cells[i] != NULL ? cells[i] : "");
	*t->tail = r;
	t->tail = &r->next;
}

int
mc_pdf_qr(struct mc_pdf *doc, const char *data, double size_mm,
    const char *caption, const char *detail)
{
	QRcode	   *q;
	struct blk *b;
	size_t	    n, i;

	if (data == NULL || (n = strlen(data)) == 0 || n > MAX_QR_DATA)
		return -1;
	if (size_mm < 10 || size_mm > 100)
		size_mm = 30;
	q = QRcode_encodeData((int)n, (const unsigned char *)data, 0,
	    QR_ECLEVEL_M);
	if (q == NULL)
		return -1;
	b = blk_add(doc, BLK_QR);
	b->qrwidth = q->width;
	b->qr = mc_arena_alloc(doc->arena, (size_t)q->width * q->width);
	for (i = 0; i < (size_t)q->width * q->width; i++)
		b->qr[i] = q->data[i] & 1;
	QRcode_free(q);
	b->pt = MM(size_mm);
	b->text = text_dup(doc, caption);
	b->text2 = text_dup(doc, detail);
	return 0;
}

void
mc_pdf_sign(struct mc_pdf *doc, const struct mc_pdf_sig *sigs, size_t n)
{
	struct blk *b = blk_add(doc, BLK_SIGN);
	size_t	    i;

	b->nsigs = n > 2 ? 2 : n;
	for (i = 0; i < b->nsigs; i++) {
		b->sigs[i].role = text_dup(doc, sigs[i].role);
		b->sigs[i].note = text_dup(doc, sigs[i].note);
		b->sigs[i].name = text_dup(doc, sigs[i].name);
	}
}

void
mc_pdf_space(struct mc_pdf *doc, double mm)
{
	struct blk *b = blk_add(doc, BLK_SPACE);

	b->pt = mm > 0 ? MM(mm) : 0;
}

void
mc_pdf_break(struct mc_pdf *doc)
{
	blk_add(doc, BLK_BREAK);
}

int
mc_pdf_pages(const struct mc_pdf *doc)
{
	return doc->pages;
}

/* ------------------------------------------------------------ layout */

static double
units(int u)
{
	return (double)u / PANGO_SCALE;
}

/*
 * A layout of plain text in the style, at scale times the body size,
 * wrapped to width points (0: no wrapping). The caller unrefs it.
 */
static PangoLayout *
layout_new(struct render *r, const char *text, int style, double scale,
    double width, enum mc_pdf_align align)
{
	PangoLayout	     *l;
	PangoFontDescription *fd;
	double		      pt = r->doc->size * scale;

	if (style & MC_PDF_SMALL)
		pt *= SMALL_SCALE;
	l = pango_layout_new(r->pc);
	fd = pango_font_description_copy_static(r->font);
	pango_font_description_set_size(fd, (gint)(pt * PANGO_SCALE));
	if (style & MC_PDF_BOLD)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (style & MC_PDF_ITALIC)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, text, -1);
	if (width > 0) {
		pango_layout_set_width(l, pango_units_from_double(width));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	switch (align) {
	case MC_PDF_CENTER:
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
		break;
	case MC_PDF_RIGHT:
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		break;
	case MC_PDF_JUSTIFY:
		pango_layout_set_justify(l, TRUE);
		break;
	default:
		break;
	}
	if (style & MC_PDF_INDENT)
		pango_layout_set_indent(l, pango_units_from_double(MM(10)));
	return l;
}

/* Marks bytes [start, end) of the layout bold or italic. */
static void
layout_style(PangoLayout *l, size_t start, size_t end, int style)
{
	PangoAttrList  *al;
	PangoAttribute *a;

	al = pango_layout_get_attributes(l);
	if (al == NULL) {
		al = pango_attr_list_new();
		pango_layout_set_attributes(l, al);
		pango_attr_list_unref(al);
	}
	a = style & MC_PDF_BOLD ? pango_attr_weight_new(PANGO_WEIGHT_BOLD) :
				  pango_attr_style_new(PANGO_STYLE_ITALIC);
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(al, a);
}

static double
layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return units(h);
}

static double
layout_width(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return units(w);
}

static void
draw_layout(struct render *r, PangoLayout *l, double x, double y)
{
	if (r->dry)
		return;
	cairo_move_to(r->cr, x, y);
	pango_cairo_show_layout(r->cr, l);
}

static void
draw_line(struct render *r, double x0, double y0, double x1, double y1)
{
	if (r->dry)
		return;
	cairo_set_line_width(r->cr, RULE_WIDTH);
	cairo_move_to(r->cr, x0, y0);
	cairo_line_to(r->cr, x1, y1);
	cairo_stroke(r->cr);
}

/* The page number at the foot of the page just filled. */
static void
page_foot(struct render *r)
{
	PangoLayout *l;
	char	    *s;

	if (r->dry || !r->doc->numbered || (!r->open && r->pages < 2))
		return;
	if (r->open)
		s = g_strdup_printf("%s %d",
		    r->doc->page_label != NULL ? r->doc->page_label : "",
		    r->page);
	else if (r->doc->page_label != NULL && r->doc->page_label[0] != '\0')
		s = g_strdup_printf("%s %d/%d", r->doc->page_label, r->page,
		    r->pages);
	else
		s = g_strdup_printf("%d/%d", r->page, r->pages);
	l = layout_new(r, s, MC_PDF_SMALL, 1, r->w, MC_PDF_CENTER);
	draw_layout(r, l, r->x0,
	    r->ph - MARGIN_BOTTOM / 2 - layout_height(l) / 2);
	g_object_unref(l);
	g_free(s);
}

static void
page_new(struct render *r)
{
	page_foot(r);
	if (!r->dry)
		cairo_show_page(r->cr);
	r->page++;
	r->y = r->top;
}

/* Starts a new page unless h more points fit on this one (or it is empty). */
static void
need(struct render *r, double h)
{
	if (r->y + h > r->bottom && r->y > r->top + 0.5)
		page_new(r);
}

/*
 * Draws a layout line by line at x from the current position, going on to
 * the next page where a line would not fit; prefix (if any) is drawn at px
 * on the first line's baseline.
 */
static void
flow(struct render *r, PangoLayout *l, double x, PangoLayout *prefix,
    double px)
{
	PangoLayoutIter *it;
	PangoRectangle	 lr;
	double		 base, top, h;
	int		 first = 1;

	base = r->y; /* where the layout's top is on this page */
	it = pango_layout_get_iter(l);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		top = base + units(lr.y);
		h = units(lr.height);
		if (top + h > r->bottom && top > r->top + 0.5) {
			page_new(r);
			base = r->y - units(lr.y);
			top = r->y;
		}
		if (!r->dry) {
			double baseline = base +
			    units(pango_layout_iter_get_baseline(it));

			cairo_move_to(r->cr, x + units(lr.x), baseline);
			pango_cairo_show_layout_line(r->cr,
			    pango_layout_iter_get_line_readonly(it));
			if (first && prefix != NULL) {
				PangoLayoutLine *pl;

				pl = pango_layout_get_line_readonly(prefix, 0);
				cairo_move_to(r->cr, px, baseline);
				pango_cairo_show_layout_line(r->cr, pl);
			}
		}
		first = 0;
		r->y = top + h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/*
 * Narrows a wrapped layout as far as it goes without one more line, so
 * that centred lines come out even ("ỦY BAN NHÂN DÂN / THÀNH PHỐ HỒ CHÍ
 * MINH", not a lone last word); returns the new width.
 */
static double
balance(PangoLayout *l, double width)
{
	double lo = width / 2, hi = width, mid;
	int    n, i;

	if ((n = pango_layout_get_line_count(l)) < 2)
		return width;
	for (i = 0; i < 8; i++) {
		mid = (lo + hi) / 2;
		pango_layout_set_width(l, pango_units_from_double(mid));
		if (pango_layout_get_line_count(l) > n)
			lo = mid;
		else
			hi = mid;
	}
	pango_layout_set_width(l, pango_units_from_double(hi));
	return hi;
}

/*
 * A centred heading line in the column [x, x + w) at *y, balanced when it
 * wraps; moves *y down and returns the width of its ink.
 */
static double
head_line(struct render *r, const char *text, int style, double scale,
    double x, double w, double *y)
{
	PangoLayout   *l;
	PangoRectangle ink, log;
	double	       bw;

	l = layout_new(r, text, style, scale, w, MC_PDF_CENTER);
	bw = balance(l, w);
	draw_layout(r, l, x + (w - bw) / 2, *y);
	*y += layout_height(l);
	pango_layout_get_extents(l, &ink, &log);
	g_object_unref(l);
	return units(ink.width) < w ? units(ink.width) : w;
}

static void
do_heading(struct render *r, const struct mc_pdf_heading *h)
{
	double lw = r->w * 0.44, rw = r->w - lw;
	double lx = r->x0, rx = r->x0 + lw;
	double yl = r->y, yr = r->y, last = 0, mw;
	size_t i, nleft = 0;
	char  *up;

	for (i = 0; i < 4 && h->left[i] != NULL; i++)
		nleft++;
	for (i = 0; i < nleft; i++) {
		up = g_utf8_strup(h->left[i], -1);
		last = head_line(r, up, i == 0 && nleft > 1 ? 0 : MC_PDF_BOLD,
		    HEAD_SCALE, lx, lw, &yl);
		g_free(up);
	}
	if (nleft > 0) {
		/* A rule under the agency, a third of the column at most. */
		mw = last > lw / 2 ? lw / 3 : last * 2 / 3;
		yl += 3;
		draw_line(r, lx + (lw - mw) / 2, yl, lx + (lw + mw) / 2, yl);
		yl += 5;
	}
	for (i = 0; i < 3 && h->below[i] != NULL; i++)
		head_line(r, h->below[i], 0, 1, lx, lw, &yl);
	if (h->country != NULL)
		head_line(r, h->country, MC_PDF_BOLD, HEAD_SCALE, rx, rw, &yr);
	if (h->motto != NULL) {
		/* The motto underlined by a rule as wide as its text. */
		mw = head_line(r, h->motto, MC_PDF_BOLD, 1, rx, rw, &yr);
		yr += 1;
		draw_line(r, rx + (rw - mw) / 2, yr, rx + (rw + mw) / 2, yr);
		yr += 6;
	}
	if (h->dateline != NULL)
		head_line(r, h->dateline, MC_PDF_ITALIC, HEAD_SCALE, rx, rw,
		    &yr);
	r->y = (yl > yr ? yl : yr) + 6;
}

static void
do_title(struct render *r, const struct blk *b)
{
	PangoLayout *t, *s = NULL;
	double	     h;

	r->y += 10;
	t = layout_new(r, b->text, MC_PDF_BOLD, 1.1, r->w, MC_PDF_CENTER);
	h = layout_height(t);
	if (b->text2 != NULL) {
		s = layout_new(r, b->text2, MC_PDF_ITALIC, 1, r->w,
		    MC_PDF_CENTER);
		h += 2 + layout_height(s);
	}
	need(r, h + 40);
	draw_layout(r, t, r->x0, r->y);
	r->y += layout_height(t);
	if (s != NULL) {
		r->y += 2;
		draw_layout(r, s, r->x0, r->y);
		r->y += layout_height(s);
		g_object_unref(s);
	}
	g_object_unref(t);
	r->y += 8;
}

static void
do_para(struct render *r, const struct blk *b)
{
	PangoLayout *l;
	size_t	     i;

	r->y += 3;
	l = layout_new(r, b->text, b->style, 1, r->w, b->align);
	for (i = 0; i < b->nspans; i++)
		layout_style(l, b->spans[i].start, b->spans[i].end,
		    MC_PDF_BOLD);
	flow(r, l, r->x0, NULL, 0);
	g_object_unref(l);
}

static void
do_list(struct render *r, const struct blk *b)
{
	PangoLayout *l, *num;
	double	     gutter;
	size_t	     i;
	char	     s[32];

	/* The gutter fits the widest number. */
	switch (b->num) {
	case MC_PDF_NUM_PAREN:
		snprintf(s, sizeof(s), "(%zu)", b->nitems > 0 ? b->nitems : 1);
		break;
	case MC_PDF_NUM_DASH:
		snprintf(s, sizeof(s), "-");
		break;
	default:
		snprintf(s, sizeof(s), "%zu.", b->nitems > 0 ? b->nitems : 1);
		break;
	}
	num = layout_new(r, s, 0, 1, 0, MC_PDF_LEFT);
	gutter = layout_width(num) + MM(2.5);
	if (gutter < MM(6))
		gutter = MM(6);
	g_object_unref(num);

	for (i = 0; i < b->nitems; i++) {
		if (b->num == MC_PDF_NUM_PAREN)
			snprintf(s, sizeof(s), "(%zu)", i + 1);
		else if (b->num == MC_PDF_NUM_DASH)
			snprintf(s, sizeof(s), "-");
		else
			snprintf(s, sizeof(s), "%zu.", i + 1);
		r->y += 2;
		num = layout_new(r, s, 0, 1, 0, MC_PDF_LEFT);
		l = layout_new(r, b->items[i].text, 0, 1, r->w - gutter,
		    MC_PDF_LEFT);
		if (b->items[i].note > 0)
			layout_style(l, b->items[i].note,
			    strlen(b->items[i].text), MC_PDF_ITALIC);
		flow(r, l, r->x0 + gutter, num, r->x0 + MM(1));
		g_object_unref(l);
		g_object_unref(num);
	}
}

/*
 * One table row: its cells' layouts and its height. The layouts stay from
 * row to row (one a column, zeroed before the first row): each row only
 * sets their text, which spares a layout, a font description and pango's
 * font lookups per cell; a cell whose text is the one above's (the same
 * procedure, agency or date row after row) is not laid out again.
 */
struct trow {
	PangoLayout *cell[MAX_COLS];
	double	     h;
};

static void
trow_make(struct render *r, const struct mc_pdf_table *t, const char **cells,
    const double *xs, int head, double maxh, struct trow *tr)
{
	PangoLayout *l;
	size_t	     i;
	double	     h;

	tr->h = 0;
	for (i = 0; i < t->ncols; i++) {
		double cw = xs[i + 1] - xs[i] - 2 * CELL_PAD;

		if ((l = tr->cell[i]) == NULL)
			l = tr->cell[i] = layout_new(r, cells[i],
			    MC_PDF_SMALL | (head ? MC_PDF_BOLD : 0), 1,
			    cw > 1 ? cw : 1,
			    head ? MC_PDF_CENTER : t->align[i]);
		else if (strcmp(pango_layout_get_text(l), cells[i]) != 0) {
			/*
			 * As new: the last row's cut undone (the cell above's
			 * text stays laid out, and cut, as it was).
			 */
			pango_layout_set_height(l, -1);
			pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
			pango_layout_set_text(l, cells[i], -1);
		}
		h = layout_height(l);
		if (maxh > 0 && h > maxh) {
			pango_layout_set_height(l,
			    pango_units_from_double(maxh));
			pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
			h = layout_height(l);
		}
		if (h > tr->h)
			tr->h = h;
	}
	tr->h += 2 * CELL_PAD;
}

static void
trow_draw(struct render *r, const struct mc_pdf_table *t, const double *xs,
    int head, const struct trow *tr)
{
	size_t i;
	double dy;

	if (r->dry)
		goto out;
	cairo_set_line_width(r->cr, RULE_WIDTH);
	for (i = 0; i < t->ncols; i++) {
		cairo_rectangle(r->cr, xs[i], r->y, xs[i + 1] - xs[i], tr->h);
		cairo_stroke(r->cr);
		dy = head ?
		    (tr->h - 2 * CELL_PAD - layout_height(tr->cell[i])) / 2 :
		    0;
		draw_layout(r, tr->cell[i], xs[i] + CELL_PAD,
		    r->y + CELL_PAD + dy);
	}
out:
	r->y += tr->h;
}

static void
trow_free(const struct mc_pdf_table *t, struct trow *tr)
{
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		if (tr->cell[i] != NULL)
			g_object_unref(tr->cell[i]);
		tr->cell[i] = NULL;
	}
}

static void
do_table(struct render *r, const struct mc_pdf_table *t)
{
	struct trow head = { 0 }, tr = { 0 };
	struct row *row;
	double	    xs[MAX_COLS + 1], maxh;
	size_t	    i;

	xs[0] = r->x0;
	for (i = 0; i < t->ncols; i++)
		xs[i + 1] = xs[i] + r->w * t->width[i];
	xs[t->ncols] = r->x0 + r->w;
	r->y += 4;
	trow_make(r, t, (const char **)t->head, xs, 1, 0, &head);
	/* The tallest row that fits a page under the header. */
	maxh = r->bottom - r->top - head.h - 2 * CELL_PAD - 1;
	if (maxh < 20)
		maxh = 20;
	if (t->rows == NULL) {
		need(r, head.h);
		trow_draw(r, t, xs, 1, &head);
		goto out;
	}
	for (row = t->rows; row != NULL; row = row->next) {
		trow_make(r, t, row->cells, xs, 0, maxh, &tr);
		if (row == t->rows) {
			need(r, head.h + tr.h);
			trow_draw(r, t, xs, 1, &head);
		} else if (r->y + tr.h > r->bottom) {
			page_new(r);
			trow_draw(r, t, xs, 1, &head);
		}
		trow_draw(r, t, xs, 0, &tr);
	}
out:
	trow_free(t, &tr);
	trow_free(t, &head);
	r->y += 2;
}

static void
do_qr(struct render *r, const struct blk *b)
{
	PangoLayout *cap = NULL, *det = NULL;
	double	     size = b->pt, mod, x, y, tx, tw, th = 0, ty;
	int	     n = b->qrwidth, row, col, run;

	tx = r->x0 + size + MM(3);
	tw = r->w - size - MM(3);
	if (b->text != NULL) {
		cap = layout_new(r, b->text, MC_PDF_ITALIC, 1, tw,
		    MC_PDF_LEFT);
		th += layout_height(cap);
	}
	if (b->text2 != NULL) {
		det = layout_new(r, b->text2, MC_PDF_SMALL, 1, tw,
		    MC_PDF_LEFT);
		pango_layout_set_wrap(det, PANGO_WRAP_CHAR);
		th += 2 + layout_height(det);
	}
	r->y += 4;
	need(r, size > th ? size : th);
	/* Four modules of quiet zone on each side, inside size. */
	mod = size / (n + 8);
	x = r->x0 + 4 * mod;
	y = r->y + 4 * mod;
	if (!r->dry) {
		for (row = 0; row < n; row++) {
			for (col = 0; col < n; col += run) {
				run = 0;
				while (col + run < n &&
				    b->qr[row * n + col + run])
					run++;
				if (run == 0) {
					run = 1;
					continue;
				}
				cairo_rectangle(r->cr, x + col * mod,
				    y + row * mod, run * mod, mod);
			}
		}
		cairo_set_fill_rule(r->cr, CAIRO_FILL_RULE_WINDING);
		cairo_fill(r->cr);
	}
	ty = r->y + (size > th ? (size - th) / 2 : 0);
	if (cap != NULL) {
		draw_layout(r, cap, tx, ty);
		ty += layout_height(cap);
		g_object_unref(cap);
	}
	if (det != NULL) {
		draw_layout(r, det, tx, ty + 2);
		g_object_unref(det);
	}
	r->y += (size > th ? size : th) + 2;
}

static void
do_sign(struct render *r, const struct blk *b)
{
	PangoLayout *l[2][3];
	const char  *s[3];
	double	     cw = r->w / 2, x[2], h[2], hmax = 0, y;
	size_t	     i, j;
	int	     style[3] = { MC_PDF_BOLD, MC_PDF_ITALIC, MC_PDF_BOLD };

	if (b->nsigs == 0)
		return;
	for (i = 0; i < b->nsigs; i++) {
		x[i] = r->x0 + (b->nsigs == 1 ? cw : i * cw);
		s[0] = b->sigs[i].role;
		s[1] = b->sigs[i].note;
		s[2] = b->sigs[i].name;
		h[i] = MM(20);
		for (j = 0; j < 3; j++) {
			l[i][j] = NULL;
			if (s[j] == NULL || s[j][0] == '\0')
				continue;
			l[i][j] = layout_new(r, s[j], style[j], 1, cw - MM(4),
			    MC_PDF_CENTER);
			h[i] += layout_height(l[i][j]);
		}
		if (h[i] > hmax)
			hmax = h[i];
	}
	r->y += 10;
	need(r, hmax);
	for (i = 0; i < b->nsigs; i++) {
		y = r->y;
		for (j = 0; j < 2; j++) {
			if (l[i][j] == NULL)
				continue;
			draw_layout(r, l[i][j], x[i] + MM(2), y);
			y += layout_height(l[i][j]);
		}
		/* The name stands at the foot, aligned across columns. */
		if (l[i][2] != NULL)
			draw_layout(r, l[i][2], x[i] + MM(2),
			    r->y + hmax - layout_height(l[i][2]));
		for (j = 0; j < 3; j++)
			if (l[i][j] != NULL)
				g_object_unref(l[i][j]);
	}
	r->y += hmax;
}

static void
run(struct render *r)
{
	const struct blk *b;

	r->page = 1;
	r->y = r->top;
	for (b = r->doc->blocks; b != NULL; b = b->next) {
		switch (b->kind) {
		case BLK_HEADING:
			do_heading(r, &b->heading);
			break;
		case BLK_TITLE:
			do_title(r, b);
			break;
		case BLK_PARA:
			do_para(r, b);
			break;
		case BLK_LIST:
			do_list(r, b);
			break;
		case BLK_TABLE:
			do_table(r, b->table);
			break;
		case BLK_QR:
			do_qr(r, b);
			break;
		case BLK_SIGN:
			do_sign(r, b);
			break;
		case BLK_SPACE:
			if (r->y + b->pt > r->bottom)
				page_new(r);
			else
				r->y += b->pt;
			break;
		case BLK_BREAK:
			if (r->y > r->top + 0.5)
				page_new(r);
			break;
		}
	}
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	struct buf *out = closure;

	if (mc_buf_add(out, data, len) < 0)
		return CAIRO_STATUS_WRITE_ERROR;
	return CAIRO_STATUS_SUCCESS;
}

/*
 * Sets r up to draw doc on a new PDF surface writing through w to
 * closure; 0, or -1 (the surface destroyed).
 */
static int
render_open(struct render *r, struct mc_pdf *doc, cairo_write_func_t w,
    void *closure, cairo_surface_t **sp)
{
	cairo_surface_t	     *s;
	cairo_font_options_t *fo;

	memset(r, 0, sizeof(*r));
	r->doc = doc;
	r->pw = doc->landscape ? A4_LONG : A4_SHORT;
	r->ph = doc->landscape ? A4_SHORT : A4_LONG;
	r->x0 = MARGIN_LEFT;
	r->w = r->pw - MARGIN_LEFT - MARGIN_RIGHT;
	r->top = MARGIN_TOP;
	r->bottom = r->ph - MARGIN_BOTTOM;
	s = cairo_pdf_surface_create_for_stream(w, closure, r->pw, r->ph);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return -1;
	}
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
	    doc->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "motcua");
	r->cr = cairo_create(s);
	r->pc = pango_cairo_create_context(r->cr);
	pango_cairo_context_set_resolution(r->pc, 72);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(r->pc, fo);
	cairo_font_options_destroy(fo);
	r->font = pango_font_description_from_string(FONT_FAMILY);
	cairo_set_source_rgb(r->cr, 0, 0, 0);
	*sp = s;
	return 0;
}

/* Finishes r's surface s (the document's end written); 0 or -1. */
static int
render_close(struct render *r, cairo_surface_t *s)
{
	int rc = -1;

	pango_font_description_free(r->font);
	g_object_unref(r->pc);
	if (cairo_status(r->cr) == CAIRO_STATUS_SUCCESS)
		rc = 0;
	cairo_destroy(r->cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		rc = -1;
	cairo_surface_destroy(s);
	return rc;
}

int
mc_pdf_render(struct mc_pdf *doc, struct buf *out)
{
	struct render	 r;
	cairo_surface_t *s;
	size_t		 start = out->len;
	int		 rc = -1;

	if (render_open(&r, doc, write_buf, out, &s) == 0) {
		r.dry = 1;
		run(&r);
		r.pages = r.page;
		r.dry = 0;
		run(&r);
		page_foot(&r);
		rc = render_close(&r, s);
	}
	if (rc == 0)
		doc->pages = r.pages;
	else if (out->cap > 0) {
		out->len = start; /* give back what was written */
		out->s[start] = '\0';
	}
	return rc;
}

/* ------------------------------------------------------------ streamed */

struct mc_pdf_stream {
	struct render	     r;
	cairo_surface_t	    *s;
	FILE		    *f;
	struct mc_pdf_table *t;
	struct mc_arena	    *doca, *rowa; /* the document's; a row's */
	struct trow	     head, body;  /* body: the rows' layouts */
	double		     xs[MAX_COLS + 1], maxh;
	int		     started; /* the table's first row drawn */
	int		     failed;  /* a write failed */
};

static cairo_status_t
write_file(void *closure, const unsigned char *data, unsigned int len)
{
	struct mc_pdf_stream *ps = closure;

	if (fwrite(data, 1, len, ps->f) != len) {
		ps->failed = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

struct mc_pdf_stream *
mc_pdf_stream_open(struct mc_pdf *doc, const struct mc_pdf_col *cols,
    size_t ncols, const char *path)
{
	struct mc_pdf_stream *ps;
	struct render	     *r;
	size_t		      i;

	if ((ps = calloc(1, sizeof(*ps))) == NULL)
		return NULL;
	if ((ps->t = table_new(doc, cols, ncols)) == NULL ||
	    (ps->rowa = mc_arena_new(16 * 1024)) == NULL)
		goto out_free;
	if ((ps->f = fopen(path, "wbe")) == NULL)
		goto out_free;
	if (render_open(&ps->r, doc, write_file, ps, &ps->s) < 0)
		goto out_close;
	r = &ps->r;
	r->open = 1;
	r->page = 1;
	r->y = r->top;
	run(r);
	ps->doca = doc->arena;
	ps->xs[0] = r->x0;
	for (i = 0; i < ncols; i++)
		ps->xs[i + 1] = ps->xs[i] + r->w * ps->t->width[i];
	ps->xs[ncols] = r->x0 + r->w;
	r->y += 4;
	trow_make(r, ps->t, (const char **)ps->t->head, ps->xs, 1, 0,
	    &ps->head);
	ps->maxh = r->bottom - r->top - ps->head.h - 2 * CELL_PAD - 1;
	if (ps->maxh < 20)
		ps->maxh = 20;
	return ps;
out_close:
	fclose(ps->f);
	unlink(path);
out_free:
	if (ps->rowa != NULL)
		mc_arena_free(ps->rowa);
	free(ps);
	return NULL;
}

int
mc_pdf_stream_row(struct mc_pdf_stream *ps, const char *const *cells)
{
	struct render *r = &ps->r;
	struct trow   *tr = &ps->body;
	const char    *c[MAX_COLS];
	size_t	       i;

	/* The cells made safe in the row's arena, given back after it. */
	r->doc->arena = ps->rowa;
	for (i = 0; i < ps->t->ncols; i++)
		c[i] = text_dup(r->doc, cells[i] != NULL ? cells[i] : "");
	r->doc->arena = ps->doca;
	trow_make(r, ps->t, c, ps->xs, 0, ps->maxh, tr);
	if (!ps->started) {
		need(r, ps->head.h + tr->h);
		trow_draw(r, ps->t, ps->xs, 1, &ps->head);
		ps->started = 1;
	} else if (r->y + tr->h > r->bottom) {
		page_new(r);
		trow_draw(r, ps->t, ps->xs, 1, &ps->head);
	}
	trow_draw(r, ps->t, ps->xs, 0, tr);
	mc_arena_reset(ps->rowa);
	return ps->failed || cairo_status(r->cr) != CAIRO_STATUS_SUCCESS ? -1 :
									   0;
}

int
mc_pdf_stream_pages(const struct mc_pdf_stream *ps)
{
	return ps->r.page;
}

int
mc_pdf_stream_close(struct mc_pdf_stream *ps)
{
	struct render *r;
	int	       rc;

	if (ps == NULL)
		return -1;
	r = &ps->r;
	if (!ps->started) {
		need(r, ps->head.h);
		trow_draw(r, ps->t, ps->xs, 1, &ps->head);
	}
	trow_free(ps->t, &ps->head);
	trow_free(ps->t, &ps->body);
	page_foot(r);
	ps->r.doc->pages = r->page;
	rc = render_close(r, ps->s);
	if (fclose(ps->f) != 0 || ps->failed)
		rc = -1;
	mc_arena_free(ps->rowa);
	free(ps);
	return rc;
}

void
mc_pdf_cleanup(void)
{
	pango_cairo_font_map_set_default(NULL);
	/*
	 * Not cairo_debug_reset_static_data(): it asserts that no font is
	 * still cached, which pango does not promise (seen aborting in an
	 * optimised build); cairo's caches stay reachable, so no leak shows.
	 *
	 * Not FcFini() either: pango loads fontconfig's configuration in a
	 * thread of its own, which may still be at work when the process
	 * ends; FcFini then races it and aborts now and then ("FcCacheFini:
	 * Assertion fcCacheChains[i] == NULL"). Without it, fontconfig's
	 * configuration (about 300 bytes) is still held at exit, which
	 * LeakSanitizer reports; the ASan unit tests suppress leaks from
	 * libfontconfig alone (tests/unit/harness.h). The process's exit frees
	 * it all the same.
	 */
}
