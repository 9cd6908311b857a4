/*
 * E-form pages: the definition drawn as HDF, the posted answers read back,
 * errors as the GOV.UK summary, the answers as a labelled list and as the
 * API's list of field errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eform_page.h"
#include "mc_util.h"
#include "mc_view.h"

#define MAX_VALUE (64 << 10)

/* ------------------------------------------------------------ reading */

static const struct mc_param *
param(const struct mc_request *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nparams; i++)
		if (r->params[i].filename == NULL &&
		    strcmp(r->params[i].name, name) == 0 &&
		    r->params[i].len < MAX_VALUE &&
		    mc_utf8_valid(r->params[i].value, r->params[i].len))
			return &r->params[i];
	return NULL;
}

static const char *
value(const struct mc_request *r, const char *name)
{
	const struct mc_param *p = param(r, name);

	return p != NULL && p->len > 0 ? p->value : NULL;
}

/* Rows of a repeat posted: the "f.<key>.rows" count, at most max. */
static size_t
rows_posted(struct mc_request *r, const char *prefix, int max)
{
	const char *v = value(r, mc_arena_printf(r->arena, "%s.rows", prefix));
	long long   n;

	if (v == NULL || mc_parse_ll(v, 0, max, &n) < 0)
		return 0;
	return (size_t)n;
}

static void read_list(struct mc_request *, const struct mc_eform_field *,
    size_t, json_t *, const char *prefix);

static void
read_field(struct mc_request *r, const struct mc_eform_field *f, json_t *obj,
    const char *prefix)
{
	const char *name = mc_arena_printf(r->arena, "%s%s", prefix, f->key);
	const char *v, *w;
	json_t	   *arr, *row;
	size_t	    i, n;

	switch (f->type) {
	case EF_CHECKBOX:
		if (value(r, name) != NULL)
			json_object_set_new(obj, f->key, json_true());
		return;
	case EF_CHECKLIST:
		arr = json_array();
		for (i = 0; i < r->nparams; i++)
			if (r->params[i].filename == NULL &&
			    strcmp(r->params[i].name, name) == 0 &&
			    r->params[i].len > 0 && r->params[i].len < 256 &&
			    mc_utf8_valid(r->params[i].value,
				r->params[i].len))
				json_array_append_new(arr,
				    json_string(r->params[i].value));
		json_object_set_new(obj, f->key, arr);
		return;
	case EF_ADDRESS:
		v = value(r, mc_arena_printf(r->arena, "%s.street", name));
		w = value(r, mc_arena_printf(r->arena, "%s.ward", name));
		if (v != NULL || w != NULL)
			json_object_set_new(obj, f->key,
			    json_pack("{s:s, s:s}", "street", v ? v : "",
				"ward", w ? w : ""));
		return;
	case EF_REPEAT:
		n = rows_posted(r, name, f->max_rows);
		arr = json_array();
		for (i = 0; i < n; i++) {
			row = json_object();
			read_list(r, f->children, f->nchildren, row,
			    mc_arena_printf(r->arena, "%s.%zu.", name, i));
			json_array_append_new(arr, row);
		}
		json_object_set_new(obj, f->key, arr);
		return;
	default:
		if ((v = value(r, name)) != NULL)
			json_object_set_new(obj, f->key, json_string(v));
		return;
	}
}

static void
read_list(struct mc_request *r, const struct mc_eform_field *fs, size_t n,
    json_t *obj, const char *prefix)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (fs[i].type == EF_SECTION)
			read_list(r, fs[i].children, fs[i].nchildren, obj,
			    prefix);
		else if (fs[i].key != NULL)
			read_field(r, &fs[i], obj, prefix);
	}
}

/* The repeat with key among fs (sections looked into), or NULL. */
static const struct mc_eform_field *
find_repeat(const struct mc_eform_field *fs, size_t n, const char *key)
{
	const struct mc_eform_field *f;
	size_t			     i;

	for (i = 0; i < n; i++) {
		if (fs[i].type == EF_REPEAT && strcmp(fs[i].key, key) == 0)
			return &fs[i];
		if (fs[i].type == EF_SECTION &&
		    (f = find_repeat(fs[i].children, fs[i].nchildren, key)) !=
			NULL)
			return f;
	}
	return NULL;
}

json_t *
mc_eform_page_read(struct mc_request *r, const struct mc_eform *f)
{
	json_t			    *o = json_object(), *arr;
	const char		    *act = value(r, "action"), *dot;
	const struct mc_eform_field *rep;
	long long		     row;
	char			     key[80];

	read_list(r, f->fields, f->nfields, o, "f.");
	if (act == NULL)
		return o;
	if (strncmp(act, "add:", 4) == 0 &&
	    (rep = find_repeat(f->fields, f->nfields, act + 4)) != NULL &&
	    (arr = json_object_get(o, rep->key)) != NULL &&
	    json_array_size(arr) < (size_t)rep->max_rows)
		json_array_append_new(arr, json_object());
	if (strncmp(act, "remove:", 7) == 0 &&
	    (dot = strrchr(act + 7, '.')) != NULL &&
	    (size_t)(dot - act - 7) < sizeof(key)) {
		memcpy(key, act + 7, (size_t)(dot - act - 7));
		key[dot - act - 7] = '\0';
		if ((rep = find_repeat(f->fields, f->nfields, key)) != NULL &&
		    mc_parse_ll(dot + 1, 0, rep->max_rows, &row) == 0 &&
		    (arr = json_object_get(o, rep->key)) != NULL)
			json_array_remove(arr, (size_t)row);
	}
	return o;
}

/* ------------------------------------------------------------ drawing */

static const char *
lang_pick(const struct mc_request *r, const char *vi, const char *en)
{
	return r->lang == LANG_EN && en != NULL ? en : vi;
}

static const char *
label(const struct mc_request *r, const struct mc_eform_field *f)
{
	const char *l = lang_pick(r, f->label, f->label_en);

	return l != NULL ? l : (f->key ? f->key : "");
}

const char *
mc_eform_page_label(const struct mc_request *r, const struct mc_eform_field *f)
{
	return label(r, f);
}

/* "members.0.name" -> "f-members-0-name" */
static const char *
html_id(struct mc_arena *a, const char *path)
{
	char *s = mc_arena_printf(a, "f-%s", path), *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '.')
			*p = '-';
	return s;
}

/* The language's text of an error code; the total's names the limit. */
static const char *
err_what(struct mc_request *r, enum mc_eform_err code)
{
	const char *what = mc_view_str(r->hdf,
	    mc_arena_printf(r->arena, "EForm.Err.%s",
		mc_eform_err_name(code)));
	long long   max = mc_eform_max_dossier_bytes();

	if (code != EE_FILES_TOTAL)
		return what;
	if (max % (1 << 20) == 0)
		return mc_arena_printf(r->arena, "%s %lld MB", what,
		    max >> 20);
	return mc_arena_printf(r->arena, "%s %lld B", what, max);
}

const char *
mc_eform_page_total_text(struct mc_request *r)
{
	return err_what(r, EE_FILES_TOTAL);
}

const char *
mc_eform_page_error_text(struct mc_request *r, const struct mc_eform_error *e)
{
	const char *what = err_what(r, e->code);
	const char *l = lang_pick(r, e->label, e->label_en);

	if (l == NULL)
		return mc_arena_printf(r->arena, "%s: %s", e->path, what);
	return mc_arena_printf(r->arena, "%s: %s", l, what);
}

void
mc_eform_page_error(struct mc_request *r, const char *id, const char *text)
{
	int n = hdf_get_int_value(r->hdf, "Data.EForm.NErrors", 0);

	mc_view_set(r->hdf,
	    mc_arena_printf(r->arena, "Data.EForm.Errors.%d.href", n),
	    mc_arena_printf(r->arena, "#%s", id));
	mc_view_set(r->hdf,
	    mc_arena_printf(r->arena, "Data.EForm.Errors.%d.text", n), text);
	mc_view_set_int(r->hdf, "Data.EForm.NErrors", n + 1);
}

void
mc_eform_page_errors(struct mc_request *r, const struct mc_eform_error *errs,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		mc_eform_page_error(r, html_id(r->arena, errs[i].path),
		    mc_eform_page_error_text(r, &errs[i]));
}

struct draw {
	struct mc_request	    *r;
	json_t			    *answers;
	const struct mc_eform	    *form;
	const struct mc_rows	    *wards;
	const struct mc_eform_error *errs;
	size_t			     nerr;
};

static const char *
error_for(const struct draw *d, const char *path)
{
	size_t i;

	for (i = 0; i < d->nerr; i++)
		if (strcmp(d->errs[i].path, path) == 0)
			return err_what(d->r, d->errs[i].code);
	return NULL;
}

/* The field with key anywhere in the form (for condition texts). */
static const struct mc_eform_field *
field_by_key(const struct mc_eform_field *fs, size_t n, const char *key)
{
	const struct mc_eform_field *f;
	size_t			     i;

	for (i = 0; i < n; i++) {
		if (fs[i].key != NULL && strcmp(fs[i].key, key) == 0)
			return &fs[i];
		if ((f = field_by_key(fs[i].children, fs[i].nchildren, key)) !=
		    NULL)
			return f;
	}
	return NULL;
}

/* An option's label for its value, or the value. */
static const char *
option_label(const struct mc_eform_field *f, const char *v)
{
	size_t i;

	for (i = 0; f != NULL && v != NULL && i < f->noptions; i++)
		if (strcmp(f->options[i].value, v) == 0)
			return f->options[i].label;
	return v;
}

/* "Answer only if «X» is «v»" for a conditional field. */
static void
cond_model(struct draw *d, const struct mc_eform_field *f, const char *n)
{
	struct mc_request	    *r = d->r;
	const struct mc_eform_field *on;
	const char		    *which, *text;

	if (f->cond == COND_NONE)
		return;
	on = field_by_key(d->form->fields, d->form->nfields, f->cond_key);
	which = f->cond == COND_EQ ? "ShowNe" :
	    f->cond == COND_NE	   ? "ShowEq" :
	    f->cond == COND_TRUTHY ? "ShowEmpty" :
				     "ShowGiven";
	text = mc_arena_printf(r->arena, "%s «%s» %s%s%s",
	    mc_view_str(r->hdf, "EForm.OnlyIf"),
	    on ? label(r, on) : f->cond_key,
	    mc_view_str(r->hdf, mc_arena_printf(r->arena, "EForm.%s", which)),
	    f->cond_value ? " " : "",
	    f->cond_value ? mc_arena_printf(r->arena, "«%s»",
				option_label(on, f->cond_value)) :
			    "");
	mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.cond", n), text);
	mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.cond_key", n),
	    f->cond_key);
	mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.cond_op", n),
	    f->cond == COND_EQ	       ? "eq" :
		f->cond == COND_NE     ? "ne" :
		f->cond == COND_TRUTHY ? "truthy" :
					 "falsy");
	mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.cond_value", n),
	    f->cond_value);
}

/* An answer as the text an input shows. */
static const char *
shown_value(struct mc_arena *a, json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return mc_arena_printf(a, "%lld",
		    (long long)json_integer_value(v));
	if (json_is_real(v))
		return mc_arena_printf(a, "%g", json_real_value(v));
	return NULL;
}

static int
in_array(json_t *arr, const char *v)
{
	json_t *e;
	size_t	i;

	json_array_foreach (arr, i, e) {
		if (json_is_string(e) && strcmp(json_string_value(e), v) == 0)
			return 1;
	}
	return 0;
}

static void draw_list(struct draw *, const struct mc_eform_field *, size_t,
    json_t *obj, const char *hdfname, const char *path);

static void
draw_field(struct draw *d, const struct mc_eform_field *f, json_t *obj,
    const char *n, const char *path)
{
	struct mc_request *r = d->r;
	HDF		  *h = r->hdf;
	json_t		  *v = obj ? json_object_get(obj, f->key) : NULL, *row;
	const char	  *o, *err;
	size_t		   i;

	mc_view_set(h, mc_arena_printf(r->arena, "%s.kind", n),
	    f->type == EF_REPEAT ? "repeat" : "field");
	mc_view_set(h, mc_arena_printf(r->arena, "%s.type", n),
	    mc_eform_type_name(f->type));
	mc_view_set(h, mc_arena_printf(r->arena, "%s.label", n), label(r, f));
	mc_view_set(h, mc_arena_printf(r->arena, "%s.help", n),
	    lang_pick(r, f->help, f->help_en));
	mc_view_set(h, mc_arena_printf(r->arena, "%s.id", n),
	    html_id(r->arena, path));
	mc_view_set(h, mc_arena_printf(r->arena, "%s.name", n),
	    mc_arena_printf(r->arena, "f.%s", path));
	mc_view_set(h, mc_arena_printf(r->arena, "%s.key", n), f->key);
	if (f->required)
		mc_view_set(h, mc_arena_printf(r->arena, "%s.required", n),
		    "1");
	if (f->max_len > 0)
		mc_view_set_int(h,
		    mc_arena_printf(r->arena, "%s.maxlength", n), f->max_len);
	if ((err = error_for(d, path)) != NULL)
		mc_view_set(h, mc_arena_printf(r->arena, "%s.error", n), err);
	cond_model(d, f, n);
	mc_view_set(h, mc_arena_printf(r->arena, "%s.value", n),
	    shown_value(r->arena, v));
	if (f->type == EF_CHECKBOX && json_is_true(v))
		mc_view_set(h, mc_arena_printf(r->arena, "%s.checked", n),
		    "1");
	for (i = 0; i < f->noptions; i++) {
		o = mc_arena_printf(r->arena, "%s.Options.%zu", n, i);
		mc_view_set(h, mc_arena_printf(r->arena, "%s.value", o),
		    f->options[i].value);
		mc_view_set(h, mc_arena_printf(r->arena, "%s.label", o),
		    f->options[i].label);
		if ((json_is_string(v) &&
			strcmp(json_string_value(v), f->options[i].value) ==
			    0) ||
		    (json_is_array(v) && in_array(v, f->options[i].value)))
			mc_view_set(h,
			    mc_arena_printf(r->arena, "%s.selected", o), "1");
	}
	if (f->type == EF_ADDRESS) {
		mc_view_set(h, mc_arena_printf(r->arena, "%s.street", n),
		    json_string_value(json_object_get(v, "street")));
		mc_view_set(h, mc_arena_printf(r->arena, "%s.ward", n),
		    json_string_value(json_object_get(v, "ward")));
	}
	if (f->type != EF_REPEAT)
		return;
	mc_view_set_int(h, mc_arena_printf(r->arena, "%s.rows", n),
	    (long long)json_array_size(v));
	mc_view_set_int(h, mc_arena_printf(r->arena, "%s.max_rows", n),
	    f->max_rows);
	json_array_foreach (v, i, row) {
		const char *rn = mc_arena_printf(r->arena, "%s.Rows.%zu", n,
		    i);

		mc_view_set_int(h, mc_arena_printf(r->arena, "%s.number", rn),
		    (long long)i + 1);
		mc_view_set(h, mc_arena_printf(r->arena, "%s.remove", rn),
		    mc_arena_printf(r->arena, "%s.%zu", path, i));
		draw_list(d, f->children, f->nchildren, row,
		    mc_arena_printf(r->arena, "%s.Items", rn),
		    mc_arena_printf(r->arena, "%s.%zu.", path, i));
	}
}

static void
draw_list(struct draw *d, const struct mc_eform_field *fs, size_t nf,
    json_t *obj, const char *hdfname, const char *prefix)
{
	struct mc_request *r = d->r;
	const char	  *n;
	size_t		   i;

	for (i = 0; i < nf; i++) {
		const struct mc_eform_field *f = &fs[i];

		n = mc_arena_printf(r->arena, "%s.%zu", hdfname, i);
		if (f->type == EF_SECTION) {
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.kind", n),
			    "section");
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.label", n),
			    label(r, f));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.help", n),
			    lang_pick(r, f->help, f->help_en));
			cond_model(d, f, n);
			draw_list(d, f->children, f->nchildren, obj,
			    mc_arena_printf(r->arena, "%s.Items", n), prefix);
			continue;
		}
		if (f->type == EF_STATIC) {
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.kind", n), "static");
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.help", n),
			    lang_pick(r, f->help, f->help_en));
			continue;
		}
		draw_field(d, f, obj, n,
		    mc_arena_printf(r->arena, "%s%s", prefix, f->key));
	}
}

void
mc_eform_page_model(struct mc_request *r, const struct mc_eform *f,
    json_t *answers, const struct mc_rows *wards,
    const struct mc_eform_error *errs, size_t nerr)
{
	struct draw d = { r, answers, f, wards, errs, nerr };
	size_t	    i;

	draw_list(&d, f->fields, f->nfields, answers, "Data.EForm.Items", "");
	for (i = 0; wards != NULL && i < wards->n; i++) {
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.EForm.Wards.%zu.code", i),
		    mc_rows_str(wards, i, WARD_CODE));
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.EForm.Wards.%zu.name", i),
		    mc_rows_str(wards, i,
			r->lang == LANG_EN ? WARD_NAME_EN : WARD_NAME));
	}
	if (f->version > 0)
		mc_view_set_int(r->hdf, "Data.EForm.Version", f->version);
}

/* ------------------------------------------------------------ answers */

static const char *
ward_name(const struct mc_request *r, const struct mc_rows *wards,
    const char *code)
{
	size_t i;

	for (i = 0; wards != NULL && code != NULL && i < wards->n; i++)
		if (strcmp(mc_rows_str(wards, i, WARD_CODE), code) == 0)
			return mc_rows_str(wards, i,
			    r->lang == LANG_EN ? WARD_NAME_EN : WARD_NAME);
	return code;
}

struct list {
	struct mc_request    *r;
	const char	     *name;
	int		      n;
	const struct mc_rows *wards;
	const char	     *change;
};

static void
list_row(struct list *l, const char *lbl, const char *val, const char *path,
    int section)
{
	struct mc_request *r = l->r;
	const char *n = mc_arena_printf(r->arena, "%s.%d", l->name, l->n++);

	mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.label", n), lbl);
	mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.value", n), val);
	if (section)
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.section", n),
		    "1");
	if (l->change != NULL && path != NULL)
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.href", n),
		    mc_arena_printf(r->arena, "%s#%s", l->change,
			html_id(r->arena, path)));
}

static const char *
answer_text(struct list *l, const struct mc_eform_field *f, json_t *v)
{
	struct mc_request *r = l->r;
	json_t		  *e;
	size_t		   i;
	const char	  *s = "";

	switch (f->type) {
	case EF_CHECKBOX:
		return mc_view_str(r->hdf,
		    json_is_true(v) ? "EForm.Yes" : "EForm.No");
	case EF_CHOICE:
		return option_label(f, json_string_value(v));
	case EF_CHECKLIST:
		json_array_foreach (v, i, e) {
			s = mc_arena_printf(r->arena, "%s%s%s", s,
			    i ? "; " : "",
			    option_label(f, json_string_value(e)));
		}
		return s;
	case EF_ADDRESS: {
		const char *st = json_string_value(
		    json_object_get(v, "street"));
		const char *w = json_string_value(json_object_get(v, "ward"));

		return mc_arena_printf(r->arena, "%s%s%s", st ? st : "",
		    st && w && *w ? ", " : "", ward_name(r, l->wards, w));
	}
	default:
		return shown_value(r->arena, v);
	}
}

static void
list_fields(struct list *l, const struct mc_eform_field *fs, size_t n,
    json_t *obj, const char *prefix, json_t *answers, json_t *row)
{
	struct mc_request *r = l->r;
	json_t		  *v, *e;
	size_t		   i, j;

	for (i = 0; i < n; i++) {
		const struct mc_eform_field *f = &fs[i];
		const char		    *path = f->key ?
				     mc_arena_printf(r->arena, "%s%s", prefix, f->key) :
				     NULL;

		if (!mc_eform_shown(f, answers, row) || f->type == EF_STATIC)
			continue;
		if (f->type == EF_SECTION) {
			list_row(l, label(r, f), NULL, NULL, 1);
			list_fields(l, f->children, f->nchildren, obj, prefix,
			    answers, row);
			continue;
		}
		v = json_object_get(obj, f->key);
		if (f->type == EF_REPEAT) {
			list_row(l, label(r, f),
			    json_array_size(v) == 0 ?
				mc_view_str(r->hdf, "EForm.NoRows") :
				NULL,
			    path, 1);
			json_array_foreach (v, j, e) {
				list_row(l,
				    mc_arena_printf(r->arena, "%s %zu",
					label(r, f), j + 1),
				    NULL, NULL, 0);
				list_fields(l, f->children, f->nchildren, e,
				    mc_arena_printf(r->arena, "%s.%zu.", path,
					j),
				    answers, e);
			}
			continue;
		}
		list_row(l, label(r, f), v ? answer_text(l, f, v) : NULL, path,
		    0);
	}
}

void
mc_eform_page_answers(struct mc_request *r, const char *name,
    const struct mc_eform *f, json_t *answers, json_t *documents,
    const struct mc_rows *wards, const char *change_base)
{
	struct list l = { r, name, 0, wards, change_base };
	json_t	   *files, *file;
	size_t	    i, j;
	const char *n;

	list_fields(&l, f->fields, f->nfields, answers, "", answers, NULL);
	if (f->open) { /* keys the default form does not draw */
		const char *k;
		json_t	   *v;

		json_object_foreach (answers, k, v) {
			if (field_by_key(f->fields, f->nfields, k) != NULL)
				continue;
			char *s = json_dumps(v,
			    JSON_ENCODE_ANY | JSON_COMPACT);

			list_row(&l, k, s ? mc_arena_strdup(r->arena, s) : "",
			    NULL, 0);
			free(s);
		}
	}
	for (i = 0; i < f->ndocs; i++) {
		n = mc_arena_printf(r->arena, "%s.Docs.%zu", name, i);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.id", n),
		    f->docs[i].id);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.name", n),
		    f->docs[i].name);
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "%s.originals", n),
		    f->docs[i].originals);
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "%s.copies", n),
		    f->docs[i].copies);
		if (f->docs[i].required)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.required", n), "1");
		if (change_base != NULL)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.href", n),
			    mc_arena_printf(r->arena, "%s#doc-%s", change_base,
				f->docs[i].id));
		files = json_object_get(documents, f->docs[i].id);
		json_array_foreach (files, j, file) {
			const char *fn = mc_arena_printf(r->arena,
			    "%s.Files.%zu", n, j);

			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.name", fn),
			    json_string_value(json_object_get(file, "name")));
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.sha256", fn),
			    json_string_value(
				json_object_get(file, "sha256")));
			mc_view_set_int(r->hdf,
			    mc_arena_printf(r->arena, "%s.size", fn),
			    json_integer_value(json_object_get(file, "size")));
			if (json_is_true(json_object_get(file, "wallet")))
				mc_view_set(r->hdf,
				    mc_arena_printf(r->arena, "%s.wallet", fn),
				    "1");
		}
	}
}

json_t *
mc_eform_page_errors_json(struct mc_request *r,
    const struct mc_eform_error *errs, size_t n)
{
	json_t *arr = json_array();
	size_t	i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr,
		    json_pack("{s:s, s:s, s:s}", "field", errs[i].path, "code",
			mc_eform_err_name(errs[i].code), "message",
			mc_eform_page_error_text(r, &errs[i])));
	return arr;
}

/* ------------------------------------------------------------ dossiers */

int
mc_eform_page_load(struct mc_request *r, const struct mc_dossier *d,
    struct mc_eform *f, json_t **answers, json_t **docs, struct mc_rows *wards)
{
	const char *a, *dj;
	int	    rc;

	if ((rc = mc_eform_load_answers(r->db, r->arena, d->id, f, &a, &dj)) <=
	    0)
		return rc;
	if (mc_eform_wards(r->db, r->arena, wards) < 0)
		return -1;
	*answers = json_loads(a ? a : "{}", 0, NULL);
	*docs = json_loads(dj ? dj : "{}", 0, NULL);
	if (!json_is_object(*answers)) {
		json_decref(*answers);
		*answers = json_object();
	}
	if (!json_is_object(*docs)) {
		json_decref(*docs);
		*docs = json_object();
	}
	return 1;
}

int
mc_eform_page_dossier(struct mc_request *r, const struct mc_dossier *d)
{
	struct mc_eform f;
	struct mc_rows	wards;
	json_t	       *answers, *docs;
	int		rc;

	if ((rc = mc_eform_page_load(r, d, &f, &answers, &docs, &wards)) <= 0)
		return rc;
	mc_eform_page_answers(r, "Data.Answers", &f, answers, docs, &wards,
	    NULL);
	mc_view_set(r->hdf, "Data.HasAnswers", "1");
	if (f.version > 0)
		mc_view_set_int(r->hdf, "Data.AnswersVersion", f.version);
	json_decref(answers);
	json_decref(docs);
	return 0;
}
