/*
 * The texts of notifications: Lang.Notify.<group>.<part> templates from
 * templates/lang/notify.vi.hdf (and vi.hdf for the statuses), loaded once
 * per process from the config's templates_dir, and the small template
 * language that writes them: {name} replaced by the placeholder's value,
 * other braces kept. What a text was made from is kept as JSON with the
 * notification so that a page can write it again in its reader's language
 * (mc_notify_localize). The rows themselves are mc_notify's; the queue is
 * mc_outbox's.
 */
#ifndef MC_NOTIFY_TEXT_H
#define MC_NOTIFY_TEXT_H

#include <stddef.h>

#include "mc_lang.h"
#include "mc_texts.h"

struct mc_arena;

#define MC_NOTIFY_TEXT_MAX  (64 * 1024) /* a rendered text (TEXT column) */
#define MC_NOTIFY_TITLE_MAX 1000	/* bytes: subject, title */

/* A placeholder and its value (NULL reads as ""). */
struct mc_notify_var {
	const char *name;
	const char *value;
};

/* The rendered texts of one message. */
struct mc_notify_msg {
	const char *title; /* subject and notification title */
	const char *body;  /* notification body, e-mail paragraph */
	const char *email; /* the whole e-mail body */
	const char *sms;
	const char *path; /* local link */
	const char *msg;  /* the texts' group, e.g. accept */
	const char *vars; /* the placeholders as JSON */
};

/* Loads the Vietnamese texts once (later calls do nothing). 0 or -1. */
int mc_notify_texts_load(void);

/* Forgets the loaded texts (tests, or a process about to exit). */
void mc_notify_free(void);

/* The loaded text called path (e.g. "Lang.Status.3"), or dflt. */
const char *mc_notify_lang(const char *path, const char *dflt);

/* Lang.Notify.<group>.<part>, or "" when missing. */
const char *mc_notify_text(const char *group, const char *part);

/*
 * tmpl copied into the arena with each {name} of vars replaced by its
 * value; other braces are kept. NULL (logged) when the result would be
 * longer than MC_NOTIFY_TEXT_MAX.
 */
const char *mc_notify_render(struct mc_arena *, const char *tmpl,
    const struct mc_notify_var *vars, size_t nvars);

/*
 * Renders group's Subject (cut to MC_NOTIFY_TITLE_MAX), Body and Sms into
 * m, and the e-mail: Email.Greeting, the body, Email.Link and
 * Email.Footer (link NULL: without Email.Link). m->path, m->msg and
 * m->vars are left to the caller. 0, or -1 (logged) when a text is
 * missing or too long.
 */
int mc_notify_compose(struct mc_arena *, const char *group,
    const struct mc_notify_var *vars, size_t nvars, int link,
    struct mc_notify_msg *m);

/*
 * The placeholders as a JSON object (arena), with status, due and note as
 * the database has them (a status number, an ISO time, the note or "")
 * so that another language can write them its own way; NULL on error.
 */
const char *mc_notify_vars_json(struct mc_arena *,
    const struct mc_notify_var *vars, size_t n, const char *status,
    const char *due, const char *note);

/*
 * A listed notification's title and body in language l, from its msg and
 * vars and the Lang.Notify texts that get finds in ctx (the web passes
 * mc_view_text and the page's HDF; dates by lib/core/mc_fmt, the status by
 * Lang.Status). Strings in the arena. 0, or -1
 * when the row has no such texts (then show its stored title and body).
 */
int mc_notify_localize(struct mc_arena *, mc_text_fn get, void *ctx,
    enum mc_lang l, const char *msg, const char *vars, const char **title,
    const char **body);

#endif
