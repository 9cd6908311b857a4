/*
 * Search that finds what people mean: the catalogue's words and the
 * synonyms (kept per process, read again when they change), the rewriting
 * of a query that found nothing, and the search in three tries.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_buf.h"
#include "mc_log.h"
#include "mc_search.h"
#include "mc_util.h"

#define WORD_MAX   48 /* longer "words" are not corrected */
#define SPLIT_MAX  4  /* pieces of a run-together word */
#define RECHECK	   2  /* seconds between checks that the words changed */
#define VOCAB_HINT 8192
#define SYN_PASSES 2 /* a meaning may hold another term */

enum stmt {
	STMT_SIGNATURE,
	STMT_TEXTS,
	STMT_SYNONYMS_ACTIVE,
	STMT_SYNONYMS,
	STMT_SYN_ADD,
	STMT_SYN_SEED,
	STMT_SYN_SET,
	STMT_ASK_LOG,
	STMT_ASK_LIST,
	STMT_ASK_DONE,
	STMT_FAQ_WORDING,
	STMT_FAQ_ANSWER,
	STMT_WARDS,
	STMT_WARD,
	STMT_LAST_WARD,
	STMT_USES,
	STMT_USES_NTH,
	STMT_FREQUENT,
	STMT__MAX
};

static const char *ask_words(struct mc_arena *, const char *);

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_SIGNATURE] = "SELECT CONCAT((SELECT COUNT(*) FROM procedures), "
	    "' ', IFNULL((SELECT MAX(updated_at) FROM procedures), ''), ' ', "
	    "(SELECT COUNT(*) FROM search_synonyms), ' ', "
	    "IFNULL((SELECT MAX(updated_at) FROM search_synonyms), ''))",
	[STMT_TEXTS] = "SELECT search_text FROM procedures",
	[STMT_SYNONYMS_ACTIVE] = "SELECT term, means FROM search_synonyms "
	    "WHERE active = 1",
	[STMT_SYNONYMS] = "SELECT id, term, means, source, active, "
	    "DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i') FROM search_synonyms "
	    "ORDER BY active DESC, term, means, id",
	[STMT_SYN_ADD] = "INSERT INTO search_synonyms (term, means, source, "
	    "active, updated_at, updated_by) VALUES (?, ?, ?, 1, NOW(), ?) "
	    "ON DUPLICATE KEY UPDATE active = 1, source = VALUES(source), "
	    "updated_at = NOW(), updated_by = VALUES(updated_by)",
	[STMT_SYN_SEED] = "INSERT IGNORE INTO search_synonyms (term, means, "
	    "source, active, updated_at) VALUES (?, ?, ?, 1, NOW())",
	[STMT_SYN_SET] = "UPDATE search_synonyms SET active = ?, "
	    "updated_at = NOW(), updated_by = ? WHERE id = ?",
	[STMT_ASK_LOG] = "INSERT INTO assistant_unanswered (question, lang, "
	    "first_at, last_at) VALUES (?, ?, NOW(), NOW()) "
	    "ON DUPLICATE KEY UPDATE asked = asked + 1, last_at = NOW(), "
	    "done = 0",
	[STMT_ASK_LIST] = "SELECT question, lang, asked, "
	    "DATE_FORMAT(last_at, '%Y-%m-%d %H:%i') FROM assistant_unanswered "
	    "WHERE done = 0 ORDER BY asked DESC, last_at DESC LIMIT 200",
	[STMT_ASK_DONE] = "UPDATE assistant_unanswered SET done = 1 "
	    "WHERE question = ? AND done = 0",
	[STMT_FAQ_WORDING] = "INSERT INTO faq_questions (question, faq_id) "
	    "VALUES (?, ?) ON DUPLICATE KEY UPDATE faq_id = VALUES(faq_id)",
	[STMT_FAQ_ANSWER] = "SELECT f.id, f.question, f.answer, "
	    "f.question_en, f.answer_en FROM faq_questions w "
	    "JOIN faqs f ON f.id = w.faq_id WHERE w.question = ? "
	    "AND f.published = 1",
	[STMT_WARDS] = "SELECT code, name FROM agencies WHERE kind = 'ward' "
	    "AND (valid_to IS NULL OR valid_to >= CURDATE())",
	[STMT_WARD] = "SELECT name, name_en FROM agencies WHERE code = ? "
	    "AND kind = 'ward' AND (valid_to IS NULL OR valid_to >= CURDATE())",
	[STMT_LAST_WARD] = "SELECT a.code, a.name FROM dossiers d "
	    "JOIN agencies a ON a.id = d.agency_id WHERE d.account_id = ? "
	    "AND a.kind = 'ward' AND (a.valid_to IS NULL OR "
	    "a.valid_to >= CURDATE()) ORDER BY d.submitted_at DESC LIMIT 1",
	[STMT_USES] = "UPDATE procedures p LEFT JOIN (SELECT procedure_id, "
	    "COUNT(*) AS n FROM dossiers WHERE submitted_at >= "
	    "NOW() - INTERVAL 365 DAY GROUP BY procedure_id) d "
	    "ON d.procedure_id = p.id SET p.uses = IFNULL(d.n, 0), "
	    "p.updated_at = p.updated_at",
	[STMT_USES_NTH] = "SELECT uses FROM procedures ORDER BY uses DESC "
	    "LIMIT 1 OFFSET ?",
	[STMT_FREQUENT] = "UPDATE procedures SET frequent = (uses >= ?), "
	    "updated_at = updated_at",
};
/* clang-format on */

/* ------------------------------------------------------------ the words */

/* 1 if the n bytes at s are all lowercase ASCII letters. */
static int
letters(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return n > 0;
}

/* Adds the pair "a b" (a: na bytes, b: nb bytes). 0 or -1. */
static int
pair_add(struct mc_search_words *w, const char *a, size_t na, const char *b,
    size_t nb)
{
	char **np;

	if (w->npair == w->paircap) {
		w->paircap = w->paircap ? w->paircap * 2 : VOCAB_HINT;
		if ((np = realloc(w->pair, w->paircap * sizeof(*np))) == NULL)
			return -1;
		w->pair = np;
	}
	if ((w->pair[w->npair] = malloc(na + nb + 2)) == NULL)
		return -1;
	memcpy(w->pair[w->npair], a, na);
	w->pair[w->npair][na] = ' ';
	memcpy(w->pair[w->npair] + na + 1, b, nb);
	w->pair[w->npair++][na + nb + 1] = '\0';
	return 0;
}

int
mc_search_words_add(struct mc_search_words *w, const char *folded)
{
	const char *s, *prev = NULL;
	size_t	    n, nprev = 0;
	char	  **nw;
	unsigned   *nf;

	for (s = folded; *s != '\0'; s += n) {
		while (*s == ' ')
			s++;
		n = strcspn(s, " ");
		if (n == 0 || n > WORD_MAX || !letters(s, n)) {
			prev = NULL;
			continue;
		}
		if (prev != NULL && pair_add(w, prev, nprev, s, n) < 0)
			return -1;
		prev = s;
		nprev = n;
		if (w->n == w->cap) {
			w->cap = w->cap ? w->cap * 2 : VOCAB_HINT;
			if ((nw = realloc(w->word, w->cap * sizeof(*nw))) ==
			    NULL)
				return -1;
			w->word = nw;
			if ((nf = realloc(w->freq, w->cap * sizeof(*nf))) ==
			    NULL)
				return -1;
			w->freq = nf;
		}
		if ((w->word[w->n] = strndup(s, n)) == NULL)
			return -1;
		w->freq[w->n++] = 1;
	}
	return 0;
}

int
mc_search_words_synonym(struct mc_search_words *w, const char *term,
    const char *means)
{
	char **nt, **nm;

	if (*term == '\0' || *means == '\0')
		return 0;
	if (w->nsyn == w->syncap) {
		w->syncap = w->syncap ? w->syncap * 2 : 256;
		if ((nt = realloc(w->term, w->syncap * sizeof(*nt))) == NULL)
			return -1;
		w->term = nt;
		if ((nm = realloc(w->means, w->syncap * sizeof(*nm))) == NULL)
			return -1;
		w->means = nm;
	}
	if ((w->term[w->nsyn] = strdup(term)) == NULL)
		return -1;
	if ((w->means[w->nsyn] = strdup(means)) == NULL) {
		free(w->term[w->nsyn]);
		return -1;
	}
	w->nsyn++;
	return mc_search_words_add(w, means);
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

void
mc_search_words_done(struct mc_search_words *w)
{
	size_t i, j, k, out;
	char  *t;

	/* Sort the words, carrying no counts yet (all 1), then merge. */
	qsort(w->word, w->n, sizeof(*w->word), cmp_str);
	for (i = 0, out = 0; i < w->n; i = j) {
		for (j = i + 1;
		     j < w->n && strcmp(w->word[j], w->word[i]) == 0; j++)
			free(w->word[j]);
		w->word[out] = w->word[i];
		w->freq[out++] = (unsigned)(j - i);
	}
	w->n = out;
	qsort(w->pair, w->npair, sizeof(*w->pair), cmp_str);
	for (i = 0, out = 0; i < w->npair; i = j) {
		for (j = i + 1;
		     j < w->npair && strcmp(w->pair[j], w->pair[i]) == 0; j++)
			free(w->pair[j]);
		w->pair[out++] = w->pair[i];
	}
	w->npair = out;
	/* Synonyms, longest term first (insertion sort: a few hundred). */
	for (i = 1; i < w->nsyn; i++)
		for (k = i;
		     k > 0 && strlen(w->term[k]) > strlen(w->term[k - 1]);
		     k--) {
			t = w->term[k];
			w->term[k] = w->term[k - 1];
			w->term[k - 1] = t;
			t = w->means[k];
			w->means[k] = w->means[k - 1];
			w->means[k - 1] = t;
		}
}

void
mc_search_words_free(struct mc_search_words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->word[i]);
	for (i = 0; i < w->npair; i++)
		free(w->pair[i]);
	free(w->pair);
	for (i = 0; i < w->nsyn; i++) {
		free(w->term[i]);
		free(w->means[i]);
	}
	free(w->word);
	free(w->freq);
	free(w->term);
	free(w->means);
	memset(w, 0, sizeof(*w));
}

/* The index of the word (n bytes at s), or -1. */
static long
find(const struct mc_search_words *w, const char *s, size_t n)
{
	size_t lo = 0, hi = w->n, mid;
	int    c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strncmp(w->word[mid], s, n);
		if (c == 0 && w->word[mid][n] != '\0')
			c = 1;
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int
mc_search_words_has(const struct mc_search_words *w, const char *s, size_t n)
{
	return find(w, s, n) >= 0;
}

/*
 * A piece of a run-together word as the vocabulary holds it: "ky" is
 * "ki" (mc_fold's i/y rule); the piece in buf, its length.
 */
static size_t
piece(char *buf, const char *s, size_t n)
{
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (n == 2 && buf[1] == 'y' && strchr("bdhklmnprstvx", buf[0]))
		buf[1] = 'i';
	else if (n == 3 && strcmp(buf, "quy") == 0)
		buf[2] = 'i';
	return n;
}

size_t
mc_search_distance(const char *a, size_t na, const char *b, size_t nb,
    size_t max)
{
	size_t d[WORD_MAX + 1][WORD_MAX + 1], i, j, v, best;

	if (na > WORD_MAX || nb > WORD_MAX)
		return max + 1;
	if ((na > nb ? na - nb : nb - na) > max)
		return max + 1;
	for (i = 0; i <= na; i++)
		d[i][0] = i;
	for (j = 0; j <= nb; j++)
		d[0][j] = j;
	for (i = 1; i <= na; i++) {
		best = max + 1;
		for (j = 1; j <= nb; j++) {
			v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
	}
	return d[na][nb] > max ? max + 1 : d[na][nb];
}

/* A way to cut a word: where each piece ends, and its score. */
struct cut {
	size_t	      at[SPLIT_MAX], k;
	int	      pairs;
	unsigned long freq;
};

/* 1 if the pieces "a b" (each n bytes, as piece() makes them) are a pair. */
static int
is_pair(const struct mc_search_words *w, const char *a, const char *b)
{
	char   buf[2 * WORD_MAX + 2];
	size_t lo = 0, hi = w->npair, mid;
	int    c;

	snprintf(buf, sizeof(buf), "%s %s", a, b);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(w->pair[mid], buf)) == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Scores a complete cut of s and keeps it in best when better. */
static void
cut_score(const struct mc_search_words *w, const char *s, struct cut *c,
    struct cut *best)
{
	char   prev[WORD_MAX + 1], buf[WORD_MAX + 1];
	size_t i, from = 0;

	c->pairs = 0;
	c->freq = 0;
	for (i = 0; i < c->k; from = c->at[i++]) {
		piece(buf, s + from, c->at[i] - from);
		c->freq += w->freq[find(w, buf, strlen(buf))];
		if (i > 0 && is_pair(w, prev, buf))
			c->pairs++;
		memcpy(prev, buf, sizeof(buf));
	}
	if (best->k == 0 || c->k < best->k ||
	    (c->k == best->k &&
		(c->pairs > best->pairs ||
		    (c->pairs == best->pairs && c->freq > best->freq))))
		*best = *c;
}

/* Every cut of s from pos on into words of the vocabulary. */
static void
cut_walk(const struct mc_search_words *w, const char *s, size_t n, size_t pos,
    struct cut *c, struct cut *best)
{
	char   buf[WORD_MAX + 1];
	size_t end;

	if (pos == n) {
		if (c->k >= 2)
			cut_score(w, s, c, best);
		return;
	}
	if (c->k == SPLIT_MAX || (best->k != 0 && c->k >= best->k))
		return;
	for (end = pos + 2; end <= n; end++)
		if (mc_search_words_has(w, buf,
			piece(buf, s + pos, end - pos))) {
			c->at[c->k++] = end;
			cut_walk(w, s, n, end, c, best);
			c->k--;
		}
}

/*
 * Splits the n bytes at s into the fewest words of the vocabulary (at most
 * SPLIT_MAX, each of 2 letters or more; then the most pairs the names
 * hold, then the most frequent words), appended to b with spaces. 1 if
 * split, 0 if not.
 */
static int
split(const struct mc_search_words *w, struct buf *b, const char *s, size_t n)
{
	struct cut c, best;
	char	   buf[WORD_MAX + 1];
	size_t	   i, from = 0;

	if (n > WORD_MAX || n < 4)
		return 0;
	memset(&c, 0, sizeof(c));
	memset(&best, 0, sizeof(best));
	cut_walk(w, s, n, 0, &c, &best);
	if (best.k < 2)
		return 0;
	for (i = 0; i < best.k; from = best.at[i++]) {
		piece(buf, s + from, best.at[i] - from);
		mc_buf_addf(b, "%s%s", i ? " " : "", buf);
	}
	return 1;
}

/* The nearest word of the vocabulary to the n bytes at s, or NULL. */
static const char *
nearest(const struct mc_search_words *w, const char *s, size_t n)
{
	size_t	    i, d, max, bestd;
	unsigned    bestf = 0;
	const char *best = NULL;

	if (n < 3 || n > WORD_MAX)
		return NULL;
	max = n <= 5 ? 1 : 2;
	bestd = max + 1;
	for (i = 0; i < w->n; i++) {
		d = mc_search_distance(s, n, w->word[i], strlen(w->word[i]),
		    max);
		if (d < bestd ||
		    (d == bestd && d <= max && w->freq[i] > bestf)) {
			bestd = d;
			bestf = w->freq[i];
			best = w->word[i];
		}
	}
	return bestd <= max ? best : NULL;
}

/*
 * 1 if the n bytes at hit (inside q) lie within an occurrence of the
 * spaced meaning in q: the meaning already holds the term ("ket hon" in
 * "dang ki ket hon").
 */
static int
within(const char *q, const char *hit, size_t n, const char *spaced)
{
	const char *m;
	size_t	    len = strlen(spaced);

	for (m = strstr(q, spaced); m != NULL; m = strstr(m + 1, spaced))
		if (hit >= m && hit + n <= m + len)
			return 1;
	return 0;
}

const char *
mc_search_synonyms_apply(const struct mc_search_words *w, struct mc_arena *a,
    const char *folded)
{
	struct buf  q;
	const char *s, *hit, *out, *rest;
	char	   *spaced;
	size_t	    i, n, pass;

	/*
	 * On " query " (whole words), longest first; twice, so that a meaning
	 * holding another term is read again ("lam cccd" -> "lam can cuoc"
	 * -> "cap the can cuoc"). The meaning already in the query, outside
	 * the term ("tach ho khau" holds "tach ho" only inside it), leaves
	 * the term as it is.
	 */
	mc_buf_init(&q, 4096);
	mc_buf_addf(&q, " %s ", folded);
	for (pass = 0; pass < SYN_PASSES; pass++)
		for (i = 0; i < w->nsyn && q.s != NULL; i++) {
			spaced = mc_arena_printf(a, " %s ", w->term[i]);
			if ((hit = strstr(q.s, spaced)) == NULL)
				continue;
			rest = mc_arena_printf(a, "%.*s %s", (int)(hit - q.s),
			    q.s, hit + strlen(spaced) - 1);
			if (strstr(rest,
				mc_arena_printf(a, " %s ", w->means[i])) !=
				NULL ||
			    within(q.s, hit, strlen(spaced),
				mc_arena_printf(a, " %s ", w->means[i])))
				continue;
			s = mc_arena_printf(a, "%.*s %s %s", (int)(hit - q.s),
			    q.s, w->means[i], hit + strlen(spaced));
			q.len = 0;
			mc_buf_adds(&q, s);
		}
	/* Trimmed, one space between words. */
	s = q.s ? q.s : "";
	s += strspn(s, " ");
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	out = mc_arena_strndup(a, s, n);
	mc_buf_free(&q);
	return out;
}

const char *
mc_search_rewrite(const struct mc_search_words *w, struct mc_arena *a,
    const char *folded)
{
	struct buf  b;
	const char *s, *near, *out, *q;
	size_t	    n;

	if ((q = mc_search_synonyms_apply(w, a, folded)) == NULL)
		return NULL;
	/* The words the vocabulary does not know. */
	mc_buf_init(&b, 4096);
	for (s = q; *s != '\0'; s += n) {
		while (*s == ' ')
			s++;
		if ((n = strcspn(s, " ")) == 0)
			break;
		if (b.len > 0)
			mc_buf_addc(&b, ' ');
		if (!letters(s, n) || mc_search_words_has(w, s, n))
			mc_buf_addf(&b, "%.*s", (int)n, s);
		else if (split(w, &b, s, n))
			continue;
		else if ((near = nearest(w, s, n)) != NULL)
			mc_buf_adds(&b, near);
		else
			mc_buf_addf(&b, "%.*s", (int)n, s);
	}
	out = mc_arena_strdup(a, b.s ? b.s : "");
	mc_buf_free(&b);
	return out;
}

/* ------------------------------------------------------------ the cache */

static struct mc_search_words cache;
static size_t		      cache_procs; /* procedures read */
static char		      cache_sig[128];
static time_t		      cache_checked;
static int		      cache_ok;

static const char *
ez(const char *s)
{
	return s != NULL ? s : "";
}

/* Reads the catalogue's words and the synonyms again if they changed. */
static int
cache_fresh(struct mc_db *db, struct mc_arena *a)
{
	struct mc_search_words fresh;
	struct mc_rows	       sig, texts, syn;
	const char	      *s, *t, *m;
	size_t		       i;
	time_t		       now = time(NULL);

	if (cache_ok && now - cache_checked < RECHECK && now >= cache_checked)
		return 0;
	if (mc_db_query(db, a, &sig, stmts[STMT_SIGNATURE], "") < 0 ||
	    sig.n != 1)
		return -1;
	s = mc_rows_str(&sig, 0, 0);
	cache_checked = now;
	if (cache_ok && s != NULL && strcmp(s, cache_sig) == 0)
		return 0;
	if (mc_db_query(db, a, &texts, stmts[STMT_TEXTS], "") < 0 ||
	    mc_db_query(db, a, &syn, stmts[STMT_SYNONYMS_ACTIVE], "") < 0)
		return -1;
	memset(&fresh, 0, sizeof(fresh));
	for (i = 0; i < texts.n; i++)
		if ((t = mc_rows_str(&texts, i, 0)) != NULL &&
		    mc_search_words_add(&fresh, t) < 0)
			goto fail;
	for (i = 0; i < syn.n; i++) {
		t = mc_fold(a, ez(mc_rows_str(&syn, i, 0)));
		m = mc_fold(a, ez(mc_rows_str(&syn, i, 1)));
		if (t != NULL && m != NULL && strcmp(t, m) != 0 &&
		    mc_search_words_synonym(&fresh, t, m) < 0)
			goto fail;
	}
	mc_search_words_done(&fresh);
	mc_search_words_free(&cache);
	cache = fresh;
	cache_procs = texts.n;
	snprintf(cache_sig, sizeof(cache_sig), "%s", s ? s : "");
	cache_ok = 1;
	return 0;
fail:
	mc_err("mc_search: out of memory reading the catalogue's words");
	mc_search_words_free(&fresh);
	return -1;
}

/* The words of folded that text (a folded search text) does not hold. */
static const char *
missing(struct mc_arena *a, const char *folded, const char *text)
{
	struct buf  b;
	const char *s, *out;
	char	   *spaced;
	size_t	    n;

	spaced = mc_arena_printf(a, " %s ", text ? text : "");
	mc_buf_init(&b, 1024);
	for (s = folded; *s != '\0'; s += n) {
		while (*s == ' ')
			s++;
		if ((n = strcspn(s, " ")) == 0)
			break;
		if (strstr(spaced, mc_arena_printf(a, " %.*s ", (int)n, s)) ==
		    NULL)
			mc_buf_addf(&b, "%s%.*s", b.len ? " " : "", (int)n, s);
	}
	out = b.len ? mc_arena_strdup(a, b.s) : NULL;
	mc_buf_free(&b);
	return out;
}

/* Runs the search for the folded words used; 0 or -1. */
static int
try_words(struct mc_db *db, struct mc_arena *a, const struct mc_cat_query *q,
    const char *used, struct mc_rows *out, long long *total)
{
	struct mc_cat_query again = *q;

	again.q = used;
	return mc_catalogue_find(db, a, &again, out, total);
}

unsigned
mc_search_weight(const struct mc_search_words *w, size_t nprocs, const char *s,
    size_t n)
{
	unsigned long long t;
	long		   i;
	unsigned	   wt = 1;

	if (n < 2)
		return 1; /* a letter alone ("a", "b"): no meaning of its own */
	t = (i = find(w, s, n)) >= 0 ? (unsigned long long)w->freq[i] + 1 : 1;
	while (t * 2 <= (unsigned long long)nprocs + 1) {
		t *= 2;
		wt++;
	}
	return wt;
}

/* The weights of the first MC_SEARCH_ANY_WORDS words of folded. */
static void
weights(const char *folded, unsigned *wt)
{
	const char *s;
	size_t	    n, k = 0;

	for (k = 0; k < MC_SEARCH_ANY_WORDS; k++)
		wt[k] = 1;
	k = 0;
	for (s = folded; *s != '\0' && k < MC_SEARCH_ANY_WORDS; s += n) {
		while (*s == ' ')
			s++;
		if ((n = strcspn(s, " ")) > 0)
			wt[k++] = mc_search_weight(&cache, cache_procs, s, n);
	}
}

int
mc_search_find(struct mc_db *db, struct mc_arena *a,
    const struct mc_cat_query *q, int exact, struct mc_rows *out,
    long long *total, struct mc_search_how *how)
{
	struct mc_cat_query again;
	const char	   *folded = NULL, *used;
	unsigned	    wt[MC_SEARCH_ANY_WORDS];
	int		    words, known;

	memset(how, 0, sizeof(*how));
	words = !exact && q->q != NULL &&
	    (folded = mc_fold(a, q->q)) != NULL && *folded != '\0' &&
	    !(*folded >= '0' && *folded <= '9' && strchr(q->q, '.') != NULL);
	known = words && cache_fresh(db, a) == 0;
	/* An everyday word first: "sổ đỏ" means the land-use certificate. */
	if (known) {
		if ((used = mc_search_synonyms_apply(&cache, a, folded)) ==
		    NULL)
			return -1;
		if (strcmp(used, folded) != 0) {
			if (try_words(db, a, q, used, out, total) < 0)
				return -1;
			if (*total > 0) {
				how->used = used;
				return 0;
			}
		}
	}
	/* As typed. */
	if (mc_catalogue_find(db, a, q, out, total) < 0)
		return -1;
	if (*total > 0 || !words)
		return 0;
	/* Run-together words split, typos corrected. */
	used = folded;
	if (known) {
		if ((used = mc_search_rewrite(&cache, a, folded)) == NULL)
			return -1;
		if (strcmp(used, folded) != 0) {
			if (try_words(db, a, q, used, out, total) < 0)
				return -1;
			if (*total > 0) {
				how->used = used;
				return 0;
			}
		}
	}
	/* Some of the words, most first; say which the first lacks. */
	again = *q;
	again.q = used;
	again.any = 1;
	if (known) {
		weights(used, wt);
		again.weight = wt;
	}
	if (mc_catalogue_find(db, a, &again, out, total) < 0)
		return -1;
	if (*total == 0)
		return 0;
	how->any = 1;
	if (strcmp(used, folded) != 0)
		how->used = used;
	if (out->n > 0)
		how->ignored = missing(a, used, mc_rows_str(out, 0, 11));
	return 0;
}

/* ------------------------------------------------------------ synonyms */

int
mc_search_synonyms(struct mc_db *db, struct mc_arena *a, struct mc_rows *out)
{
	if (mc_db_query(db, a, out, stmts[STMT_SYNONYMS], "") < 0)
		return -1;
	if (out->n > 0 && out->ncols != SYN__MAX) {
		mc_err("mc_search_synonyms: %zu columns", out->ncols);
		return -1;
	}
	return 0;
}

/*
 * A webmaster's change of the synonyms in the audit log (a configuration
 * change), inside the change's transaction: 0 or -1.
 */
static int syn_audit(struct mc_db *, long long, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static int
syn_audit(struct mc_db *db, long long by, const char *fmt, ...)
{
	struct mc_audit e;
	char		subject[256];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(subject, sizeof(subject), fmt, ap);
	va_end(ap);
	memset(&e, 0, sizeof(e));
	e.event = AUDIT_CONFIG;
	e.account_id = by;
	e.subject = subject;
	return mc_audit_write(db, &e);
}

struct syn_add {
	const char *term, *means, *source, *asked;
	long long   by;
};

/* The pair and the question it answers, in one transaction. */
static int
syn_add_tx(struct mc_db *db, void *arg)
{
	const struct syn_add *p = arg;

	if (mc_db_exec(db, stmts[STMT_SYN_ADD], "sssi", p->term, p->means,
		p->source, p->by) < 0)
		return -1;
	if (*p->asked != '\0' &&
	    mc_db_exec(db, stmts[STMT_ASK_DONE], "s", p->asked) < 0)
		return -1;
	return syn_audit(db, p->by, "synonym added: %.100s = %.100s", p->term,
	    p->means);
}

int
mc_search_synonym_add(struct mc_db *db, const char *term, const char *means,
    const char *source, long long by)
{
	struct syn_add	 p;
	struct mc_arena *a;
	int		 rc;

	if (by > 0) {
		if ((a = mc_arena_new(4096)) == NULL)
			return -1;
		p.term = term;
		p.means = means;
		p.source = source;
		p.by = by;
		rc = (p.asked = ask_words(a, term)) == NULL ?
		    -1 :
		    mc_db_tx(db, syn_add_tx, &p);
		mc_arena_free(a);
		return rc < 0 ? -1 : 0;
	}
	return mc_db_exec(db, stmts[STMT_SYN_SEED], "sss", term, means,
		   source) < 0 ?
	    -1 :
	    0;
}

struct syn_set {
	long long id, by;
	int	  active;
	int	  done; /* out: 1 the pair was changed */
};

static int
syn_set_tx(struct mc_db *db, void *arg)
{
	struct syn_set *p = arg;
	long long	n;

	if ((n = mc_db_exec(db, stmts[STMT_SYN_SET], "iii",
		 (long long)p->active, p->by, p->id)) < 0)
		return -1;
	p->done = n > 0;
	if (n == 0)
		return 0;
	return syn_audit(db, p->by, "synonym %lld turned %s", p->id,
	    p->active ? "on" : "off");
}

int
mc_search_synonym_set(struct mc_db *db, long long id, int active, long long by)
{
	struct syn_set p = { id, by, !!active, 0 };

	if (mc_db_tx(db, syn_set_tx, &p) < 0)
		return -1;
	return p.done;
}

/* ------------------------------------------------------------ assistant */

/*
 * A question as the assistant logs it: its folded words only (numbers:
 * ID, phone, dates never reach the table), at most 200 bytes; "" when
 * none, NULL on memory failure.
 */
static const char *
ask_words(struct mc_arena *a, const char *q)
{
	struct buf  b;
	const char *f, *s, *out;
	size_t	    n;

	if ((f = mc_fold(a, q)) == NULL)
		return "";
	mc_buf_init(&b, 256);
	for (s = f; *s != '\0'; s += n) {
		while (*s == ' ')
			s++;
		if ((n = strcspn(s, " ")) == 0 || !letters(s, n))
			continue;
		if (b.len + n + 1 > 200)
			break;
		mc_buf_addf(&b, "%s%.*s", b.len ? " " : "", (int)n, s);
	}
	out = mc_arena_strdup(a, b.s ? b.s : "");
	mc_buf_free(&b);
	return out;
}

int
mc_search_unanswered_log(struct mc_db *db, struct mc_arena *a, const char *q,
    const char *lang)
{
	const char *w;

	if ((w = ask_words(a, q)) == NULL)
		return -1;
	if (*w == '\0')
		return 0;
	return mc_db_exec(db, stmts[STMT_ASK_LOG], "ss", w,
		   strcmp(lang, "en") == 0 ? "en" : "vi") < 0 ?
	    -1 :
	    0;
}

int
mc_search_unanswered(struct mc_db *db, struct mc_arena *a, struct mc_rows *out)
{
	return mc_db_query(db, a, out, stmts[STMT_ASK_LIST], "") < 0 ? -1 : 0;
}

/* One wording of an FAQ ("" and NULL: none). 0 or -1. */
static int
faq_wording(struct mc_db *db, struct mc_arena *a, long long faq_id,
    const char *text)
{
	const char *w;

	if (text == NULL)
		return 0;
	if ((w = ask_words(a, text)) == NULL)
		return -1;
	if (*w == '\0')
		return 0;
	return mc_db_exec(db, stmts[STMT_FAQ_WORDING], "si", w, faq_id) < 0 ?
	    -1 :
	    0;
}

int
mc_search_faq_wordings(struct mc_db *db, struct mc_arena *a, long long faq_id,
    const char *question, const char *question_en, const char *asked)
{
	const char *w;

	if (faq_wording(db, a, faq_id, question) < 0 ||
	    faq_wording(db, a, faq_id, question_en) < 0 ||
	    faq_wording(db, a, faq_id, asked) < 0)
		return -1;
	if (asked == NULL)
		return 0;
	if ((w = ask_words(a, asked)) == NULL)
		return -1;
	return *w != '\0' && mc_db_exec(db, stmts[STMT_ASK_DONE], "s", w) < 0 ?
	    -1 :
	    0;
}

/* Columns of STMT_FAQ_ANSWER. */
enum { FA_ID, FA_QUESTION, FA_ANSWER, FA_QUESTION_EN, FA_ANSWER_EN, FA__MAX };

int
mc_search_faq_answer(struct mc_db *db, struct mc_arena *a, const char *q,
    const char *lang, struct mc_faq_answer *out)
{
	struct mc_rows r;
	const char    *w;
	int	       en = strcmp(lang, "en") == 0;

	memset(out, 0, sizeof(*out));
	if ((w = ask_words(a, q)) == NULL)
		return -1;
	if (*w == '\0')
		return 0;
	if (mc_db_query(db, a, &r, stmts[STMT_FAQ_ANSWER], "s", w) < 0)
		return -1;
	if (r.n == 0)
		return 0;
	if (r.ncols != FA__MAX) {
		mc_warn("mc_search: the FAQ answer has %zu columns, not %d",
		    r.ncols, FA__MAX);
		return -1;
	}
	out->id = mc_rows_int(&r, 0, FA_ID);
	en = en && mc_rows_str(&r, 0, FA_ANSWER_EN) != NULL &&
	    mc_rows_str(&r, 0, FA_QUESTION_EN) != NULL;
	out->question = mc_rows_str(&r, 0, en ? FA_QUESTION_EN : FA_QUESTION);
	out->answer = mc_rows_str(&r, 0, en ? FA_ANSWER_EN : FA_ANSWER);
	return 1;
}

/* ------------------------------------------------------------ ranking */

/* The folded name of a ward without its kind ("phuong ", "xa "...). */
static const char *
ward_bare(const char *folded)
{
	static const char *const kinds[] = { "phuong ", "xa ", "dac khu ",
		"thi tran " };
	size_t			 i, n;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		n = strlen(kinds[i]);
		if (strncmp(folded, kinds[i], n) == 0 && folded[n] != '\0')
			return folded + n;
	}
	return folded;
}

int
mc_search_citizen_ward(struct mc_db *db, struct mc_arena *a,
    long long account_id, const char *address, const char **code,
    const char **name)
{
	struct mc_rows rows;
	const char    *addr, *f, *bare;
	size_t	       i, best = 0;

	*code = *name = NULL;
	if (address != NULL && (f = mc_fold(a, address)) != NULL &&
	    *f != '\0') {
		addr = mc_arena_printf(a, " %s ", f);
		if (mc_db_query(db, a, &rows, stmts[STMT_WARDS], "") < 0)
			return -1;
		for (i = 0; i < rows.n; i++) {
			if ((f = mc_fold(a, ez(mc_rows_str(&rows, i, 1)))) ==
				NULL ||
			    *f == '\0')
				continue;
			bare = ward_bare(f);
			if (strlen(bare) <= best ||
			    (strstr(addr, mc_arena_printf(a, " %s ", f)) ==
				    NULL &&
				strstr(addr,
				    mc_arena_printf(a, " %s ", bare)) == NULL))
				continue;
			best = strlen(bare);
			*code = mc_rows_str(&rows, i, 0);
			*name = mc_rows_str(&rows, i, 1);
		}
		if (*code != NULL)
			return 1;
	}
	if (account_id <= 0)
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_LAST_WARD], "i", account_id) <
	    0)
		return -1;
	if (rows.n == 0)
		return 0;
	*code = mc_rows_str(&rows, 0, 0);
	*name = mc_rows_str(&rows, 0, 1);
	return 1;
}

int
mc_search_ward(struct mc_db *db, struct mc_arena *a, const char *code,
    const char **name, const char **name_en)
{
	struct mc_rows rows;

	*name = *name_en = NULL;
	if (code == NULL || *code == '\0')
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_WARD], "s", code) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	*name = mc_rows_str(&rows, 0, 0);
	*name_en = mc_rows_str(&rows, 0, 1);
	return 1;
}

/* The counts, the threshold and the marks, in one transaction. */
static int
usage_tx(struct mc_db *db, void *arg)
{
	struct mc_arena *a = arg;
	struct mc_rows	 rows;
	long long	 min = MC_SEARCH_FREQUENT_MIN, nth;

	if (mc_db_exec(db, stmts[STMT_USES], "") < 0 ||
	    mc_db_query(db, a, &rows, stmts[STMT_USES_NTH], "i",
		(long long)MC_SEARCH_FREQUENT_TOP - 1) < 0)
		return -1;
	if (rows.n == 1 && (nth = mc_rows_int(&rows, 0, 0)) > min)
		min = nth;
	return mc_db_exec(db, stmts[STMT_FREQUENT], "i", min) < 0 ? -1 : 0;
}

int
mc_search_usage_refresh(struct mc_db *db)
{
	struct mc_arena *a;
	int		 rc;

	if ((a = mc_arena_new(4096)) == NULL)
		return -1;
	rc = mc_db_tx(db, usage_tx, a);
	mc_arena_free(a);
	return rc < 0 ? -1 : 0;
}
