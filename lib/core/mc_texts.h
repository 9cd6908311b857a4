/*
 * Language strings by dotted name ("Lang.Notify.accept.Subject"), for the
 * layers that must not know the views: the notification texts of
 * lib/domain/mc_notify_text. The files are the templates' own language files
 * (templates/lang/<lang>.hdf); what reads them is hidden here.
 */
#ifndef MC_TEXTS_H
#define MC_TEXTS_H

#include <stddef.h>

/*
 * A lookup of a string by name in a set of strings (ctx): its value, or
 * dflt when it has none. mc_texts_get is one over a loaded file set;
 * lib/web/mc_view's mc_view_text is one over a page's language strings.
 */
typedef const char *(
    *mc_text_fn)(void *ctx, const char *name, const char *dflt);

struct mc_texts;

/* Reads the files, later ones adding to earlier ones; NULL (logged) or set. */
struct mc_texts *mc_texts_load(const char *const *paths, size_t n);

/* The value of name in the set (a struct mc_texts *), or dflt. */
const char *mc_texts_get(void *texts, const char *name, const char *dflt);

void mc_texts_free(struct mc_texts *);

#endif
