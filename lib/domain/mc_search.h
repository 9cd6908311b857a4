/*
 * Search that finds what people mean: the catalogue's vocabulary and the
 * synonyms webmasters keep (table search_synonyms), the rewriting of a
 * query that finds nothing (synonyms, run-together words split, typos
 * corrected to the nearest word), and the search that tries the query as
 * typed, then rewritten, then by the words that do match.
 * htdocs/js/search.js does the same on the generator's index.
 */
#ifndef MC_SEARCH_H
#define MC_SEARCH_H

#include <stddef.h>

#include "mc_catalogue.h"
#include "mc_db.h"

struct mc_arena;

/* The words of the catalogue's names and the synonyms, for rewriting. */
struct mc_search_words {
	char	**word; /* sorted, unique, folded */
	unsigned *freq; /* how many times each occurs */
	size_t	  n, cap;
	char	**pair; /* two words one after the other, sorted */
	size_t	  npair, paircap;
	char	**term;	 /* synonyms, folded, longest term first */
	char	**means; /* what each term means, folded */
	size_t	  nsyn, syncap;
};

/*
 * Adds the words of a folded text (letters only: codes and numbers are not
 * words) and its pairs of neighbouring words to w; then
 * mc_search_words_done() once all are in. 0 or -1.
 */
int mc_search_words_add(struct mc_search_words *w, const char *folded);

/* Adds a synonym pair (both folded, non-empty). 0 or -1. */
int mc_search_words_synonym(struct mc_search_words *w, const char *term,
    const char *means);

/* Sorts and merges the words, orders the synonyms longest first. */
void mc_search_words_done(struct mc_search_words *w);

/* Frees what w holds and empties it. */
void mc_search_words_free(struct mc_search_words *w);

/* 1 if the n bytes at s are a word of the vocabulary, else 0. */
int mc_search_words_has(const struct mc_search_words *w, const char *s,
    size_t n);

/*
 * The optimal-string-alignment distance between a and b (an insertion, a
 * deletion, a substitution or two neighbours swapped cost 1), or max + 1
 * when it is more than max.
 */
size_t mc_search_distance(const char *a, size_t na, const char *b, size_t nb,
    size_t max);

/*
 * Rewrites a folded query that found nothing: a synonym's term becomes what
 * it means (longest terms first, once each), then every word that is not in
 * the vocabulary is split into at most four words of it ("dangky" -> "dang
 * ki"; the fewest, then the most pairs the names hold, then the most
 * frequent words) or else replaced by the nearest word (distance 1 for words of 3-5
 * letters, 2 for longer; the most frequent on a tie), else kept. Returns
 * the new folded query in the arena (equal to folded when nothing
 * changed), NULL on memory failure.
 */
const char *mc_search_rewrite(const struct mc_search_words *w,
    struct mc_arena *a, const char *folded);

/*
 * The synonyms of mc_search_rewrite() alone: a term becomes what it means
 * (longest first, once each, not when the meaning is already there).
 * Returns the folded query in the arena, NULL on memory failure.
 */
const char *mc_search_synonyms_apply(const struct mc_search_words *w,
    struct mc_arena *a, const char *folded);

/* How many words of a query the search by some words weighs. */
#define MC_SEARCH_ANY_WORDS 8

/*
 * A word's weight when the search ranks by the words that match (the
 * n bytes at s): 1 + how many times the count of names holding it (its
 * frequency + 1) can double before exceeding nprocs + 1: a word of few
 * names weighs more than one of many ("di chuc" is rarer than "lam"); a
 * single letter ("a" of "open a shop") weighs 1.
 * search.js weighs the same way.
 */
unsigned mc_search_weight(const struct mc_search_words *w, size_t nprocs,
    const char *s, size_t n);

/* What mc_search_find() did with a query. */
struct mc_search_how {
	const char *used;    /* the folded words searched, when not those
				typed (a rewrite); else NULL */
	const char *ignored; /* with any: words of the query the first
				result does not hold; else NULL */
	int	    any;     /* no procedure holds every word: ranked by
				the words that match */
};

/*
 * The catalogue search (mc_catalogue_find) that finds what people mean:
 * unless exact is set, with its everyday words replaced by the catalogue's
 * (mc_search_synonyms_apply) when that finds something; else the query as
 * typed; when that finds nothing and exact is 0, rewritten
 * (mc_search_rewrite against the catalogue's words and the active
 * synonyms, read once per process and again when procedures or synonyms
 * change); when that finds nothing either, the procedures holding some of
 * the words, the most by weight first (mc_search_weight; how->any,
 * how->ignored). 0 or -1.
 */
int mc_search_find(struct mc_db *, struct mc_arena *,
    const struct mc_cat_query *, int exact, struct mc_rows *out,
    long long *total, struct mc_search_how *how);

/*
 * The citizen's ward when the search should know it: the ward (in force)
 * whose name the address names, as whole words, with or without its
 * "Phường"/"Xã" (the longest name wins), else the ward of the account's
 * latest dossier filed at a ward. *code and *name in the arena. 1 found,
 * 0 none, -1 error. address may be NULL.
 */
int mc_search_citizen_ward(struct mc_db *, struct mc_arena *,
    long long account_id, const char *address, const char **code,
    const char **name);

/* The ward (in force) of code: its name. 1 found, 0 not a ward, -1 error. */
int mc_search_ward(struct mc_db *, struct mc_arena *, const char *code,
    const char **name, const char **name_en);

#define MC_SEARCH_FREQUENT_TOP 50 /* the most used procedures... */
#define MC_SEARCH_FREQUENT_MIN 10 /* ...with at least this many dossiers */

/*
 * Counts again each procedure's dossiers of the last 365 days
 * (procedures.uses) and marks the frequently used (procedures.frequent:
 * among the MC_SEARCH_FREQUENT_TOP most used, with at least
 * MC_SEARCH_FREQUENT_MIN), which the search ranks first among equals; in
 * one transaction, updated_at untouched. bin/worker runs it hourly.
 * 0 or -1.
 */
int mc_search_usage_refresh(struct mc_db *);

/* The synonyms as webmasters see them. */
enum mc_syn_col {
	SYN_ID,
	SYN_TERM,
	SYN_MEANS,
	SYN_SOURCE,
	SYN_ACTIVE,
	SYN_UPDATED,
	SYN__MAX
};

/* Every synonym pair, active first, by term: the columns above. 0 or -1. */
int mc_search_synonyms(struct mc_db *, struct mc_arena *, struct mc_rows *);

/*
 * Adds a pair (or turns an existing one on again with the new source):
 * by is the webmaster's account id, 0 for the seed (which leaves a pair
 * that exists alone, so one turned off stays off). A webmaster's pair
 * also closes the assistant's unanswered question worded as its term
 * (mc_search_unanswered: it is answered now), in the same transaction,
 * with its entry in the audit log (AUDIT_CONFIG, by > 0). 0 or -1.
 */
int mc_search_synonym_add(struct mc_db *, const char *term, const char *means,
    const char *source, long long by);

/*
 * Turns a pair on or off, with its entry in the audit log (AUDIT_CONFIG)
 * in the same transaction. 1 done, 0 no such pair, -1 error.
 */
int mc_search_synonym_set(struct mc_db *, long long id, int active,
    long long by);

/*
 * Logs a question the assistant could not answer, without personal data:
 * its folded words only (numbers dropped), at most 200 bytes, counted
 * once per wording and language ("vi" or "en"). 0 or -1.
 */
int mc_search_unanswered_log(struct mc_db *, struct mc_arena *, const char *q,
    const char *lang);

/* The open unanswered questions, most asked first: question, lang, asked,
 * last_at. 0 or -1. */
int mc_search_unanswered(struct mc_db *, struct mc_arena *, struct mc_rows *);

/*
 * Records the wordings a saved FAQ (faq_id) answers, as the assistant words
 * a question (mc_search_unanswered_log): its question, its English question
 * (or NULL) and asked, the unanswered question it was written from (or
 * NULL), which is closed; a wording another FAQ answered is this one's now.
 * In the caller's transaction (the FAQ's own save). 0 or -1.
 */
int mc_search_faq_wordings(struct mc_db *, struct mc_arena *, long long faq_id,
    const char *question, const char *question_en, const char *asked);

/* A published FAQ's answer, in the reader's language when it has one. */
struct mc_faq_answer {
	long long   id;
	const char *question;
	const char *answer;
};

/*
 * The published FAQ that answers q worded as the assistant words it, in
 * lang ("en": the English text when the FAQ has one, else Vietnamese). 1
 * found (*out filled, strings in a), 0 none, -1 error.
 */
int mc_search_faq_answer(struct mc_db *, struct mc_arena *, const char *q,
    const char *lang, struct mc_faq_answer *out);

#endif
