/*
 * Filling a new dossier's form from the answers of an earlier one (issue
 * 13: "from documents in their store"): a wallet document carries the
 * answers of the dossier it was filed with or issued for; the questions
 * they share, by key or by tag (mc_eform.h), are copied over the empty ones.
 */
#include <string.h>

#include <jansson.h>

#include "mc_eform.h"

/* The first question of type t in fs (sections walked, repeats not). */
static const struct mc_eform_field *
first_of_type(const struct mc_eform_field *fs, size_t n, enum mc_eform_type t)
{
	const struct mc_eform_field *x;
	size_t			     i;

	for (i = 0; i < n; i++) {
		if (fs[i].type == EF_SECTION &&
		    (x = first_of_type(fs[i].children, fs[i].nchildren, t)) !=
			NULL)
			return x;
		if (fs[i].type == t && fs[i].key != NULL)
			return &fs[i];
	}
	return NULL;
}

/* Whether key is one of the NULL-ended names. */
static int
key_in(const char *key, const char *const *names)
{
	for (; key != NULL && *names != NULL; names++)
		if (strcmp(key, *names) == 0)
			return 1;
	return 0;
}

const char *
mc_eform_tag(const struct mc_eform *f, const struct mc_eform_field *x)
{
	static const char *const names[] = { "full_name", "name", "ho_ten",
		NULL };
	static const char *const births[] = { "date_of_birth", "ngay_sinh",
		"dob", NULL };

	if (x->prefill != NULL)
		return x->prefill;
	switch (x->type) {
	case EF_TEXT:
		return key_in(x->key, names) ? "name" : NULL;
	case EF_DATE:
		return key_in(x->key, births) ? "date_of_birth" : NULL;
	case EF_ID_NUMBER:
	case EF_PHONE:
	case EF_EMAIL:
	case EF_ADDRESS:
		if (first_of_type(f->fields, f->nfields, x->type) != x)
			return NULL;
		return x->type == EF_ID_NUMBER ? "id_number" :
		    x->type == EF_PHONE	       ? "phone" :
		    x->type == EF_EMAIL	       ? "email" :
						 "address";
	default:
		return NULL;
	}
}

/* Whether an answer of type s can answer a question of type t. */
static int
types_fit(enum mc_eform_type t, enum mc_eform_type s)
{
	if (t == s)
		return 1;
	return (t == EF_TEXT || t == EF_TEXTAREA) &&
	    (s == EF_TEXT || s == EF_TEXTAREA);
}

/*
 * The source question for t: the one with t's key, else the one with t's
 * tag, of a fitting type (sections walked, repeats not); NULL: none.
 */
static const struct mc_eform_field *
source_of(const struct mc_eform *sf, const struct mc_eform_field *fs, size_t n,
    const char *key, const char *tag, enum mc_eform_type t)
{
	const struct mc_eform_field *x;
	const char		    *xt;
	size_t			     i;

	for (i = 0; i < n; i++) {
		if (fs[i].type == EF_SECTION) {
			if ((x = source_of(sf, fs[i].children, fs[i].nchildren,
				 key, tag, t)) != NULL)
				return x;
			continue;
		}
		if (fs[i].key == NULL || !types_fit(t, fs[i].type))
			continue;
		if (key != NULL && strcmp(fs[i].key, key) == 0)
			return &fs[i];
		if (tag != NULL && (xt = mc_eform_tag(sf, &fs[i])) != NULL &&
		    strcmp(xt, tag) == 0)
			return &fs[i];
	}
	return NULL;
}

/* Whether an answer is empty: absent, null, "", [], {} or all of "". */
static int
empty(json_t *v)
{
	const char *k;
	json_t	   *e;

	if (v == NULL || json_is_null(v))
		return 1;
	if (json_is_string(v))
		return json_string_length(v) == 0;
	if (json_is_array(v))
		return json_array_size(v) == 0;
	if (json_is_object(v)) {
		json_object_foreach (v, k, e)
			if (!empty(e))
				return 0;
		return 1;
	}
	return 0;
}

/* Whether s is one of the question's values. */
static int
option_of(const struct mc_eform_field *t, const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < t->noptions; i++)
		if (strcmp(t->options[i].value, s) == 0)
			return 1;
	return 0;
}

/*
 * The source answer v made an answer of t (new reference), or NULL when
 * nothing of it fits: choices kept only among t's values, a repeat's rows
 * with only the keys of t's own row questions.
 */
static json_t *
convert(const struct mc_eform_field *t, json_t *v)
{
	json_t *out, *row, *e;
	size_t	i, k;

	switch (t->type) {
	case EF_CHOICE:
		return option_of(t, json_string_value(v)) ? json_copy(v) :
							    NULL;
	case EF_CHECKLIST:
		if (!json_is_array(v))
			return NULL;
		out = json_array();
		json_array_foreach (v, i, e)
			if (option_of(t, json_string_value(e)))
				json_array_append(out, e);
		break;
	case EF_REPEAT:
		if (!json_is_array(v))
			return NULL;
		out = json_array();
		json_array_foreach (v, i, e) {
			if (!json_is_object(e) ||
			    (t->max_rows > 0 &&
				json_array_size(out) >= (size_t)t->max_rows))
				continue;
			row = json_object();
			for (k = 0; k < t->nchildren; k++)
				if (t->children[k].key != NULL &&
				    json_object_get(e, t->children[k].key))
					json_object_set(row,
					    t->children[k].key,
					    json_object_get(e,
						t->children[k].key));
			json_array_append_new(out, row);
		}
		break;
	default:
		return json_deep_copy(v);
	}
	if (empty(out)) {
		json_decref(out);
		return NULL;
	}
	return out;
}

/* The questions of fs filled from src's answers; counts into *st. */
static void
fill_list(const struct mc_eform *f, const struct mc_eform_field *fs, size_t n,
    json_t *answers, const struct mc_eform *sf, json_t *src, int overwrite,
    struct mc_eform_fill *st)
{
	const struct mc_eform_field *s;
	json_t			    *v, *mine;
	size_t			     i;

	for (i = 0; i < n; i++) {
		if (fs[i].type == EF_SECTION) {
			fill_list(f, fs[i].children, fs[i].nchildren, answers,
			    sf, src, overwrite, st);
			continue;
		}
		if (fs[i].key == NULL || fs[i].type == EF_STATIC)
			continue;
		/* By key first, else by tag. */
		if ((s = source_of(sf, sf->fields, sf->nfields, fs[i].key,
			 NULL, fs[i].type)) == NULL)
			s = source_of(sf, sf->fields, sf->nfields, NULL,
			    mc_eform_tag(f, &fs[i]), fs[i].type);
		if (s == NULL || empty(json_object_get(src, s->key)) ||
		    (v = convert(&fs[i], json_object_get(src, s->key))) ==
			NULL)
			continue;
		mine = json_object_get(answers, fs[i].key);
		if (!empty(mine) && json_equal(mine, v)) {
			json_decref(v);
			continue;
		}
		if (!empty(mine) && !overwrite) {
			st->kept++;
			json_decref(v);
			continue;
		}
		json_object_set_new(answers, fs[i].key, v);
		st->filled++;
	}
}

void
mc_eform_fill(const struct mc_eform *f, json_t *answers,
    const struct mc_eform *sf, json_t *src, int overwrite,
    struct mc_eform_fill *st)
{
	st->filled = st->kept = 0;
	if (!json_is_object(answers) || !json_is_object(src))
		return;
	fill_list(f, f->fields, f->nfields, answers, sf, src, overwrite, st);
}
