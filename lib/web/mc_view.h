/*
 * ClearSilver views. One HDF data set per language, loaded at start with the
 * strings of templates/lang/<lang>.hdf under Lang.* and the site settings
 * under Site.*; per request (or per generated page) the names Page, User,
 * Form, Data and Query are cleared and filled again. Parse trees are cached
 * per process, keyed by the page template. Every var: is HTML-escaped
 * (Config.VarEscapeMode = html); raw output needs uvar: and a comment.
 *
 * A page template is rendered inside templates/layout/base.cs, which
 * includes the template named by Page.Template at parse time.
 */
#ifndef MC_VIEW_H
#define MC_VIEW_H

#include <ClearSilver.h>

#include "mc_lang.h"
#include "mc_texts.h"

struct buf;
struct mc_rows;

/* Loads the language files from dir (the templates folder); 0 or -1. */
int  mc_view_init(const char *dir);
void mc_view_free(void);

/* "vi" or "en". */
const char *mc_view_lang_code(enum mc_lang);

/* The data set of a language, with Page/User/Form/Data/Query cleared. */
HDF *mc_view_begin(enum mc_lang);

/* Sets name to value (NULL removes it) in the language's data set. */
void mc_view_set(HDF *, const char *name, const char *value);
void mc_view_setf(HDF *, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void mc_view_set_int(HDF *, const char *name, long long);

/* A language string (Lang.<name>) or name itself when missing. */
const char *mc_view_str(HDF *, const char *name);

/*
 * The string Lang.<name> of language l, whatever the page's language (for
 * a text stored in both languages), or name itself when missing.
 */
const char *mc_view_lang_str(enum mc_lang l, const char *name);

/*
 * An error at a form's field and in the page's error summary (GOV.UK's
 * pattern): Form.Errors.<field> is key, and the summary's next line
 * Data.Errors.<n> links "#<field>" with the message Lang.<prefix>.<key>;
 * Data.NErrors counts the lines.
 */
void mc_view_field_error(HDF *, const char *field, const char *prefix,
    const char *key);

/* The value at name (a full path) in hdf, or dflt: an mc_text_fn. */
const char *mc_view_text(void *hdf, const char *name, const char *dflt);

/*
 * Copies rows under prefix: prefix.<row>.<column name> = cell. NULL cells
 * are left unset. Cells must be valid UTF-8 (the database guarantees it).
 */
void mc_view_rows(HDF *, const char *prefix, const struct mc_rows *);

/*
 * Renders a template: with layout non-zero inside layout/base.cs (setting
 * Page.Template), else alone (e.g. sitemap.xml). Appends to out; 0 or -1.
 */
int mc_view_render(HDF *, const char *tmpl, int layout, struct buf *out);

#endif
