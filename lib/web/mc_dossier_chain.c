/*
 * The process picture of a dossier without a diagram (the built-in default
 * workflow, or steps changed by routing since the diagram was drawn): its
 * actual steps as a left-to-right chain, start to end, in the classes of
 * the designer's drawings (mc_bpmn_svg) so that one style sheet serves both.
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_dossier_page.h"

#define BOX_W	160 /* a step's box */
#define BOX_H	72
#define GAP	44 /* the arrow between two boxes */
#define EVENT_R 14 /* start and end circles */
#define LINE_H	15
#define PER	21 /* characters a line of a box holds */
#define LINES	3
#define OUT_MAX (256 * 1024)

/* The number of characters (UTF-8 code points) of s[0..n). */
static size_t
chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/*
 * The name in up to LINES lines of about PER characters, broken at spaces
 * (a longer word stays whole), each a <tspan> centred on cx, escaped; the
 * rest cut with an ellipsis. The number of lines into *used.
 */
static int
wrap(struct mc_arena *a, struct buf *o, const char *name, double cx,
    size_t *used)
{
	const char *p = name, *end, *sp, *brk;
	size_t	    line = 0;
	int	    rc = 0;

	*used = 0;
	while (*p == ' ')
		p++;
	while (*p != '\0' && line < LINES) {
		/* The longest run of words that fits, at least one word. */
		for (brk = NULL, end = p; *end != '\0'; end = sp) {
			sp = strchr(end + (*end == ' '), ' ');
			if (sp == NULL)
				sp = end + strlen(end);
			if (brk != NULL && chars(p, (size_t)(sp - p)) > PER)
				break;
			brk = sp;
		}
		end = brk;
		rc |= mc_buf_addf(o, "<tspan x=\"%.0f\" dy=\"%s\">", cx,
		    line == 0 ? "0" : "1.25em");
		rc |= mc_buf_add_html(o,
		    mc_arena_strndup(a, p, (size_t)(end - p)));
		if (line == LINES - 1 && *end != '\0')
			rc |= mc_buf_adds(o, "\xe2\x80\xa6");
		rc |= mc_buf_adds(o, "</tspan>");
		line++;
		for (p = end; *p == ' '; p++)
			;
	}
	*used = line;
	return rc;
}

char *
mc_dossier_chain_svg(struct mc_arena *a, const char *const *names,
    const char *const *classes, size_t n)
{
	struct buf o;
	double	   x, w, h = BOX_H + 2 * 10, cy = 10 + BOX_H / 2.0;
	size_t	   i, used;
	char	  *out = NULL;
	int	   rc = 0;

	if (n == 0)
		return NULL;
	w = 2 * (2 * EVENT_R + GAP) + (double)n * BOX_W +
	    (double)(n - 1) * GAP + 20;
	mc_buf_init(&o, OUT_MAX);
	rc |= mc_buf_addf(&o,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"wf-svg "
	    "wf-chain\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
	    "height=\"%.0f\" aria-hidden=\"true\" focusable=\"false\">"
	    "<defs><marker id=\"wf-arrow\" viewBox=\"0 0 10 10\" "
	    "refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
	    "orient=\"auto\"><path d=\"M0,0L10,5L0,10z\"/></marker>"
	    "</defs>\n",
	    w, h, w, h);
	x = 10;
	rc |= mc_buf_addf(&o,
	    "<circle class=\"wf-event wf-start\" cx=\"%.0f\" cy=\"%.0f\" "
	    "r=\"%d\"/>\n",
	    x + EVENT_R, cy, EVENT_R);
	x += 2 * EVENT_R;
	for (i = 0; i < n; i++) {
		rc |= mc_buf_addf(&o,
		    "<polyline class=\"wf-flow\" points=\"%.0f,%.0f %.0f,%.0f\" "
		    "marker-end=\"url(#wf-arrow)\"/>\n",
		    x, cy, x + GAP, cy);
		x += GAP;
		rc |= mc_buf_addf(&o,
		    "<g class=\"wf-task %s\"><rect x=\"%.0f\" y=\"10\" "
		    "width=\"%d\" height=\"%d\" rx=\"10\"/>",
		    classes[i] != NULL ? classes[i] : "wf-todo", x, BOX_W,
		    BOX_H);
		/* The lines first, to centre them in the box. */
		struct buf text;

		mc_buf_init(&text, OUT_MAX);
		rc |= wrap(a, &text, names[i] != NULL ? names[i] : "",
		    x + BOX_W / 2.0, &used);
		rc |= mc_buf_addf(&o,
		    "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">%s"
		    "</text></g>\n",
		    x + BOX_W / 2.0,
		    cy - (double)(used > 0 ? used - 1 : 0) * LINE_H / 2 + 4,
		    text.s != NULL ? text.s : "");
		mc_buf_free(&text);
		x += BOX_W;
	}
	rc |= mc_buf_addf(&o,
	    "<polyline class=\"wf-flow\" points=\"%.0f,%.0f %.0f,%.0f\" "
	    "marker-end=\"url(#wf-arrow)\"/>\n"
	    "<circle class=\"wf-event wf-end\" cx=\"%.0f\" cy=\"%.0f\" "
	    "r=\"%d\"/>\n</svg>",
	    x, cy, x + GAP, cy, x + GAP + EVENT_R, cy, EVENT_R);
	if (rc == 0 && o.s != NULL)
		out = mc_arena_strdup(a, o.s);
	mc_buf_free(&o);
	return out;
}
