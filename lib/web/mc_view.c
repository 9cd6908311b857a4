/*
 * ClearSilver views: a data set per language holding Lang.* strings and
 * Site.* settings, per-request names cleared before each render, and one
 * cached parse tree per (language, template).
 */
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_fmt.h"
#include "mc_log.h"
#include "mc_view.h"

#define CACHE_MAX 128

struct cached {
	char	*name; /* page template, "" + name when no layout */
	CSPARSE *cs;
};

static struct lang_view {
	HDF	     *hdf;
	struct cached cache[CACHE_MAX];
	size_t	      ncache;
} views[LANG__MAX];

static const char *const lang_codes[LANG__MAX] = { "vi", "en" };

/* Names a request or a generated page may fill; cleared before each. */
/* clang-format off */
static const char *const volatile_names[] = {
	"Page", "User", "Form", "Data", "Query"
};
/* clang-format on */

static void
log_nerr(const char *what, NEOERR *err)
{
	STRING s;

	string_init(&s);
	nerr_error_string(err, &s);
	mc_err("%s: %s", what, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
}

const char *
mc_view_lang_code(enum mc_lang l)
{
	return lang_codes[l];
}

static int
view_load(struct lang_view *v, const char *dir, const char *code)
{
	NEOERR *err;
	char	path[4096];
	glob_t	g;
	size_t	i;

	if ((err = hdf_init(&v->hdf)) != STATUS_OK) {
		log_nerr("hdf_init", err);
		return -1;
	}
	hdf_set_value(v->hdf, "Config.VarEscapeMode", "html");
	hdf_set_value(v->hdf, "Config.TagStart", "cs");
	hdf_set_value(v->hdf, "hdf.loadpaths.0", dir);
	snprintf(path, sizeof(path), "%s/lang/%s.hdf", dir, code);
	if ((err = hdf_read_file(v->hdf, path)) != STATUS_OK) {
		log_nerr(path, err);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/lang/*.%s.hdf", dir, code);
	if (glob(path, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			if ((err = hdf_read_file(v->hdf, g.gl_pathv[i])) !=
			    STATUS_OK) {
				log_nerr(g.gl_pathv[i], err);
				globfree(&g);
				return -1;
			}
		globfree(&g);
	}
	hdf_set_value(v->hdf, "Site.BaseUrl",
	    mc_config_get("base_url", "http://127.0.0.1:8080"));
	hdf_set_value(v->hdf, "Site.Lang", code);
	return 0;
}

int
mc_view_init(const char *dir)
{
	int l;

	for (l = 0; l < LANG__MAX; l++)
		if (view_load(&views[l], dir, lang_codes[l]) < 0)
			return -1;
	return 0;
}

void
mc_view_free(void)
{
	size_t i;
	int    l;

	for (l = 0; l < LANG__MAX; l++) {
		for (i = 0; i < views[l].ncache; i++) {
			cs_destroy(&views[l].cache[i].cs);
			free(views[l].cache[i].name);
		}
		views[l].ncache = 0;
		if (views[l].hdf != NULL)
			hdf_destroy(&views[l].hdf);
	}
}

HDF *
mc_view_begin(enum mc_lang l)
{
	HDF   *hdf = views[l].hdf;
	size_t i;

	for (i = 0; i < sizeof(volatile_names) / sizeof(volatile_names[0]);
	     i++)
		hdf_remove_tree(hdf, volatile_names[i]);
	hdf_set_value(hdf, "Page.Lang", lang_codes[l]);
	return hdf;
}

void
mc_view_set(HDF *hdf, const char *name, const char *value)
{
	NEOERR *err;

	if (value == NULL) {
		hdf_remove_tree(hdf, name);
		return;
	}
	if ((err = hdf_set_value(hdf, name, value)) != STATUS_OK)
		log_nerr(name, err);
}

void
mc_view_setf(HDF *hdf, const char *name, const char *fmt, ...)
{
	char	small[256], *big = NULL;
	va_list ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		if ((big = malloc((size_t)n + 1)) == NULL)
			return;
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	mc_view_set(hdf, name, big ? big : small);
	free(big);
}

void
mc_view_set_int(HDF *hdf, const char *name, long long n)
{
	mc_view_setf(hdf, name, "%lld", n);
}

const char *
mc_view_str(HDF *hdf, const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "Lang.%s", name);
	return hdf_get_value(hdf, path, name);
}

const char *
mc_view_lang_str(enum mc_lang l, const char *name)
{
	if ((unsigned int)l >= LANG__MAX || views[l].hdf == NULL)
		return name;
	return mc_view_str(views[l].hdf, name);
}

void
mc_view_field_error(HDF *hdf, const char *field, const char *prefix,
    const char *key)
{
	int  n = hdf_get_int_value(hdf, "Data.NErrors", 0);
	char path[256], msg[200];

	snprintf(path, sizeof(path), "Form.Errors.%s", field);
	mc_view_set(hdf, path, key);
	snprintf(path, sizeof(path), "Data.Errors.%d.href", n);
	mc_view_setf(hdf, path, "#%s", field);
	snprintf(msg, sizeof(msg), "%s.%s", prefix, key);
	snprintf(path, sizeof(path), "Data.Errors.%d.text", n);
	mc_view_set(hdf, path, mc_view_str(hdf, msg));
	mc_view_set_int(hdf, "Data.NErrors", n + 1);
}

const char *
mc_view_text(void *hdf, const char *name, const char *dflt)
{
	return hdf_get_value(hdf, name, dflt);
}

void
mc_view_rows(HDF *hdf, const char *prefix, const struct mc_rows *rows)
{
	HDF	   *node;
	NEOERR	   *err;
	char	    name[256];
	const char *v;
	size_t	    r, c;

	for (r = 0; r < rows->n; r++) {
		snprintf(name, sizeof(name), "%s.%zu", prefix, r);
		if ((err = hdf_get_node(hdf, name, &node)) != STATUS_OK) {
			log_nerr(name, err);
			return;
		}
		for (c = 0; c < rows->ncols; c++)
			if ((v = mc_rows_str(rows, r, c)) != NULL)
				hdf_set_value(node, rows->names[c], v);
	}
}

/*
 * The formatting functions of lib/mc_fmt as template string functions,
 * one set per language: a template writes <?cs var:fmt_datetime(x) ?>
 * and the view's language chooses the format.
 */
typedef const char *(*fmt_fn)(enum mc_lang, const char *, char *, size_t);

static NEOERR *
strfunc(enum mc_lang l, fmt_fn fn, const char *in, char **ret)
{
	char out[256];

	fn(l, in, out, sizeof(out));
	if ((*ret = strdup(out)) == NULL)
		return nerr_raise(NERR_NOMEM, "strfunc");
	return STATUS_OK;
}

/* clang-format off */
#define STRFUNC(name, lang, fn)						\
static NEOERR *								\
name(const char *in, char **ret)					\
{									\
	return strfunc(lang, fn, in, ret);				\
}
/* clang-format on */
STRFUNC(datetime_vi, LANG_VI, mc_fmt_datetime)
STRFUNC(datetime_en, LANG_EN, mc_fmt_datetime)
STRFUNC(date_vi, LANG_VI, mc_fmt_date)
STRFUNC(date_en, LANG_EN, mc_fmt_date)
STRFUNC(number_vi, LANG_VI, mc_fmt_number)
STRFUNC(number_en, LANG_EN, mc_fmt_number)
STRFUNC(decimal_vi, LANG_VI, mc_fmt_decimal)
STRFUNC(decimal_en, LANG_EN, mc_fmt_decimal)
STRFUNC(percent_vi, LANG_VI, mc_fmt_percent)
STRFUNC(percent_en, LANG_EN, mc_fmt_percent)
STRFUNC(workdays_vi, LANG_VI, mc_fmt_workdays)
STRFUNC(workdays_en, LANG_EN, mc_fmt_workdays)

static const struct {
	const char *name;
	CSSTRFUNC   fn[LANG__MAX];
} fmt_funcs[] = {
	{ "fmt_datetime", { datetime_vi, datetime_en } },
	{ "fmt_date", { date_vi, date_en } },
	{ "fmt_number", { number_vi, number_en } },
	{ "fmt_workdays", { workdays_vi, workdays_en } },
	{ "fmt_decimal", { decimal_vi, decimal_en } },
	{ "fmt_pct", { percent_vi, percent_en } },
};

static NEOERR *
register_fmt(CSPARSE *cs, enum mc_lang l)
{
	NEOERR *err;
	size_t	i;

	for (i = 0; i < sizeof(fmt_funcs) / sizeof(fmt_funcs[0]); i++)
		if ((err = cs_register_strfunc(cs, (char *)fmt_funcs[i].name,
			 fmt_funcs[i].fn[l])) != STATUS_OK)
			return err;
	return STATUS_OK;
}

static NEOERR *
render_cb(void *ctx, char *s)
{
	if (mc_buf_adds(ctx, s) < 0)
		return nerr_raise(NERR_NOMEM, "page too large");
	return STATUS_OK;
}

/* The cached parse tree of a template, parsing it on first use. */
static CSPARSE *
view_parse(struct lang_view *v, const char *tmpl, int layout)
{
	CSPARSE *cs;
	NEOERR	*err;
	char	 key[256];
	size_t	 i;

	snprintf(key, sizeof(key), "%c%s", layout ? 'L' : '-', tmpl);
	for (i = 0; i < v->ncache; i++)
		if (strcmp(v->cache[i].name, key) == 0)
			return v->cache[i].cs;
	if ((err = cs_init(&cs, v->hdf)) != STATUS_OK) {
		log_nerr("cs_init", err);
		return NULL;
	}
	if ((err = cgi_register_strfuncs(cs)) != STATUS_OK ||
	    (err = register_fmt(cs, (enum mc_lang)(v - views))) != STATUS_OK) {
		log_nerr("strfuncs", err);
		cs_destroy(&cs);
		return NULL;
	}
	hdf_set_value(v->hdf, "Page.Template", tmpl);
	err = cs_parse_file(cs, layout ? "layout/base.cs" : tmpl);
	if (err != STATUS_OK) {
		log_nerr(tmpl, err);
		cs_destroy(&cs);
		return NULL;
	}
	if (v->ncache == CACHE_MAX)
		return cs; /* not cached: leaks nothing, see below */
	v->cache[v->ncache].name = strdup(key);
	v->cache[v->ncache].cs = cs;
	v->ncache++;
	return cs;
}

int
mc_view_render(HDF *hdf, const char *tmpl, int layout, struct buf *out)
{
	struct lang_view *v = NULL;
	CSPARSE		 *cs;
	NEOERR		 *err;
	size_t		  start = out->len, i;
	int		  l, cached = 0;

	for (l = 0; l < LANG__MAX; l++)
		if (views[l].hdf == hdf)
			v = &views[l];
	if (v == NULL) {
		mc_err("not a view data set");
		return -1;
	}
	if ((cs = view_parse(v, tmpl, layout)) == NULL)
		return -1;
	hdf_set_value(hdf, "Page.Template", tmpl);
	err = cs_render(cs, out, render_cb);
	for (i = 0; i < v->ncache; i++)
		if (v->cache[i].cs == cs)
			cached = 1;
	if (!cached)
		cs_destroy(&cs);
	if (err != STATUS_OK) {
		log_nerr(tmpl, err);
		out->len = start;
		if (out->cap > 0)
			out->s[start] = '\0';
		return -1;
	}
	return 0;
}
