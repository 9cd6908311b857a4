/*
 * The assistant (/dich-vu/tro-ly): a citizen says what they need in their
 * own words; the answer is built from the catalogue alone (mc_search_find,
 * then the procedure: documents, time, fee, where to file given the ward,
 * online or not), with a follow-up question when the choice depends on a
 * foreign element. Questions it cannot answer are logged without personal
 * data for webmasters. No outside service, no model: every fact shown is a
 * row of the catalogue, linked to its page.
 */
#include <stddef.h>
#include <string.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_catalogue.h"
#include "mc_search.h"
#include "mc_util.h"
#include "mc_view.h"

#include "portal.h"

#define CANDIDATES 5

enum field { FIELD_Q, FIELD_WARD, FIELD_FOREIGN, FIELD__MAX };

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_Q] = { "q", valid_line, 300, 0 },
	[FIELD_WARD] = { "ward", valid_code, 32, 0 },
	[FIELD_FOREIGN] = { "foreign", valid_uint, 1, 0 },
};
/* clang-format on */

/*
 * Words that say how one asks, not what one needs ("tôi muốn", "như thế
 * nào", "I want to"), folded; never a word that folds like a catalogue
 * word people need ("cần"/"căn" and "thẻ" fold to "can" and "the").
 */
static const char *const fillers[] = { "toi", "muon", "phai", "nao", "nhu",
	"dau", "gi", "xin", "hoi", "minh", "em", "anh", "duoc", "khong", "bi",
	"thi", "voi", "cua", "mot", "nhung", "giup", "vay", "sao", "ra", "i",
	"want", "need", "how", "do", "my", "please", "we", "lam" };

/* The folded words of q without the fillers; *n receives how many. */
static const char *
intent(struct mc_request *r, const char *folded, size_t *n)
{
	struct buf  b;
	const char *s, *out;
	size_t	    len, i;

	*n = 0;
	mc_buf_init(&b, 512);
	for (s = folded; *s != '\0'; s += len) {
		while (*s == ' ')
			s++;
		if ((len = strcspn(s, " ")) == 0)
			break;
		for (i = 0; i < sizeof(fillers) / sizeof(fillers[0]); i++)
			if (strlen(fillers[i]) == len &&
			    strncmp(fillers[i], s, len) == 0)
				break;
		if (i < sizeof(fillers) / sizeof(fillers[0]))
			continue;
		mc_buf_addf(&b, "%s%.*s", b.len ? " " : "", (int)len, s);
		(*n)++;
	}
	out = mc_arena_strdup(r->arena, b.s ? b.s : "");
	mc_buf_free(&b);
	return out;
}

/* How many words a folded string has. */
static size_t
nwords(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0'; s++)
		if (*s != ' ' && (s[1] == ' ' || s[1] == '\0'))
			n++;
	return n;
}

/* 1 if the folded name of row i speaks of a foreign element. */
static int
foreign(struct mc_request *r, const struct mc_rows *rows, size_t i)
{
	const char *f = mc_fold(r->arena, mc_rows_str(rows, i, CATL_NAME));

	return f != NULL &&
	    (strstr(f, "nuoc ngoai") != NULL ||
		strstr(f, "ngoai quoc") != NULL);
}

/*
 * The intent rule: among the candidates, some with a foreign element and
 * some without, and the question says neither: ask. Else the row to
 * answer with (the answer given, or the first).
 */
static int
choose(struct mc_request *r, const struct mc_rows *rows, const char *folded,
    size_t *pick)
{
	const char *ans = mc_req_field(r, FIELD_FOREIGN);
	size_t	    i, with = 0, without = 0;
	int	    want;

	*pick = 0;
	for (i = 0; i < rows->n && i < CANDIDATES; i++)
		foreign(r, rows, i) ? with++ : without++;
	if (with == 0 || without == 0 || strstr(folded, "nuoc ngoai") != NULL)
		return 0;
	if (ans == NULL)
		return 1; /* ask */
	want = strcmp(ans, "1") == 0;
	for (i = 0; i < rows->n && i < CANDIDATES; i++)
		if (foreign(r, rows, i) == want) {
			*pick = i;
			break;
		}
	return 0;
}

/* The answer from procedure code: Data.Answer.* */
static int
answer(struct mc_request *r, const char *code, const char *ward)
{
	struct mc_procedure p;
	size_t		    i;
	int		    rc;

	if ((rc = mc_catalogue_get(r->db, r->arena, code, 1, &p)) <= 0)
		return rc;
	mc_view_set(r->hdf, "Data.Answer.code", code);
	mc_view_set(r->hdf, "Data.Answer.name",
	    mc_rows_str(&p.row, 0, PCOL_NAME));
	mc_view_set(r->hdf, "Data.Answer.online",
	    mc_rows_int(&p.row, 0, PCOL_ONLINE) == 1 ? "1" : "0");
	mc_view_rows(r->hdf, "Data.Answer.Documents", &p.documents);
	mc_view_rows(r->hdf, "Data.Answer.Channels", &p.channels);
	if (mc_rows_int(&p.row, 0, PCOL_COMMUNE) == 1) {
		mc_view_set(r->hdf, "Data.Answer.commune", "1");
		for (i = 0; ward != NULL && i < p.agencies.n; i++)
			if (strcmp(mc_rows_str(&p.agencies, i, RECV_CODE),
				ward) == 0)
				mc_view_set(r->hdf, "Data.Answer.where",
				    mc_rows_str(&p.agencies, i, RECV_NAME));
	}
	if (mc_view_str(r->hdf, "Data.Answer.where") == NULL &&
	    mc_rows_str(&p.row, 0, PCOL_AGENCY_NAME) != NULL &&
	    mc_rows_int(&p.row, 0, PCOL_PROVINCE) == 1)
		mc_view_set(r->hdf, "Data.Answer.where",
		    mc_rows_str(&p.row, 0, PCOL_AGENCY_NAME));
	return 1;
}

/*
 * The webmasters' answer to this question, when they wrote one (an FAQ
 * answering its words: Data.Faq.{id,question}, Data.Faq.Paras.N, one per
 * line of the answer). 1 answered, 0 not, -1 error.
 */
static int
faq(struct mc_request *r, const char *q)
{
	struct mc_faq_answer f;
	const char	    *s, *e, *t;
	size_t		     i = 0;
	int		     rc;

	if ((rc = mc_search_faq_answer(r->db, r->arena, q,
		 r->lang == LANG_EN ? "en" : "vi", &f)) <= 0)
		return rc;
	mc_view_set_int(r->hdf, "Data.Faq.id", f.id);
	mc_view_set(r->hdf, "Data.Faq.question", f.question);
	for (s = f.answer; s != NULL && *s != '\0'; s = *e ? e + 1 : e) {
		e = s + strcspn(s, "\n");
		if ((t = s + strspn(s, " \t\r")) >= e)
			continue; /* a blank line */
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Faq.Paras.%zu", i++),
		    mc_arena_strndup(r->arena, s, (size_t)(e - s)));
	}
	return 1;
}

static int
page_assistant(struct mc_request *r)
{
	struct mc_cat_query  cq;
	struct mc_search_how how;
	struct mc_rows	     rows, fl, ag;
	const char	    *q = mc_req_field(r, FIELD_Q), *folded, *asked;
	const char	    *ward = mc_req_field(r, FIELD_WARD);
	long long	     total = 0;
	size_t		     pick, n;
	int		     rc;

	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Assistant.Title"));
	mc_view_set(r->hdf, "Page.Nav", "procedures");
	mc_view_set(r->hdf, "Form.q", q);
	mc_view_set(r->hdf, "Form.ward", ward);
	mc_view_set(r->hdf, "Page.AltHref",
	    r->lang == LANG_EN ? "/dich-vu/tro-ly?lang=vi" :
				 "/dich-vu/tro-ly?lang=en");
	if (mc_catalogue_facets(r->db, r->arena, &fl, &ag) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Agencies", &ag);
	if (q == NULL || (folded = mc_fold(r->arena, q)) == NULL ||
	    *folded == '\0')
		return mc_resp_page(r, "portal/assistant.cs");
	mc_view_set(r->hdf, "Data.Asked", "1");
	/* A question the webmasters answered in an FAQ: their answer. */
	if ((rc = faq(r, q)) != 0)
		return rc < 0 ? 503 : mc_resp_page(r, "portal/assistant.cs");
	asked = intent(r, folded, &n);
	memset(&cq, 0, sizeof(cq));
	cq.q = asked;
	cq.limit = CANDIDATES;
	if (mc_search_find(r->db, r->arena, &cq, 0, &rows, &total, &how) < 0)
		return 503;
	/* Fewer than two thirds of the words matched: no answer. */
	if (total == 0 || n == 0 ||
	    (how.any &&
		nwords(how.ignored) * 3 >
		    nwords(how.used ? how.used : asked))) {
		if (mc_search_unanswered_log(r->db, r->arena, q,
			r->lang == LANG_EN ? "en" : "vi") < 0)
			return 503;
		mc_view_set(r->hdf, "Data.Unanswered", "1");
		if (how.any)
			mc_view_rows(r->hdf, "Data.Close", &rows);
		return mc_resp_page(r, "portal/assistant.cs");
	}
	mc_view_rows(r->hdf, "Data.Matches", &rows);
	if (choose(r, &rows, how.used ? how.used : asked, &pick)) {
		mc_view_set(r->hdf, "Data.AskForeign", "1");
		return mc_resp_page(r, "portal/assistant.cs");
	}
	if (answer(r, mc_rows_str(&rows, pick, CATL_CODE), ward) < 0)
		return 503;
	return mc_resp_page(r, "portal/assistant.cs");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/dich-vu/tro-ly", page_assistant, 0, 0 },
};
/* clang-format on */

/* clang-format off */
const struct mc_module portal_assistant = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
