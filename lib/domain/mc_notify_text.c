/*
 * The texts of notifications: the Vietnamese Lang.Notify templates loaded
 * once per process, {placeholder} rendering, the e-mail around a body, and
 * a stored notification written again in its reader's language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_fmt.h"
#include "mc_log.h"
#include "mc_notify_text.h"
#include "mc_texts.h"
#include "mc_util.h"

/* The Vietnamese texts: vi.hdf (status names) and notify.vi.hdf. */
static struct mc_texts *texts;

int
mc_notify_texts_load(void)
{
	const char *dir = mc_config_get("templates_dir", "templates");
	const char *files[] = { "vi.hdf", "notify.vi.hdf" };
	char	    path[2][4096];
	const char *paths[2];
	size_t	    i;

	if (texts != NULL)
		return 0;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path[i], sizeof(path[i]), "%s/lang/%s", dir,
		    files[i]);
		paths[i] = path[i];
	}
	return (texts = mc_texts_load(paths, 2)) == NULL ? -1 : 0;
}

void
mc_notify_free(void)
{
	mc_texts_free(texts);
	texts = NULL;
}

const char *
mc_notify_lang(const char *path, const char *dflt)
{
	return mc_texts_get(texts, path, dflt);
}

const char *
mc_notify_text(const char *group, const char *part)
{
	char path[128];

	snprintf(path, sizeof(path), "Lang.Notify.%s.%s", group, part);
	return mc_texts_get(texts, path, "");
}

const char *
mc_notify_render(struct mc_arena *a, const char *tmpl,
    const struct mc_notify_var *vars, size_t nvars)
{
	struct buf  b;
	const char *p, *end, *out = NULL;
	size_t	    i, n;
	int	    rc = 0;

	mc_buf_init(&b, MC_NOTIFY_TEXT_MAX);
	for (p = tmpl; *p != '\0' && rc == 0; p++) {
		if (*p == '{' && (end = strchr(p, '}')) != NULL) {
			n = (size_t)(end - p - 1);
			for (i = 0; i < nvars; i++)
				if (strlen(vars[i].name) == n &&
				    strncmp(vars[i].name, p + 1, n) == 0)
					break;
			if (i < nvars) {
				rc = mc_buf_adds(&b,
				    vars[i].value ? vars[i].value : "");
				p = end;
				continue;
			}
		}
		rc = mc_buf_addc(&b, *p);
	}
	if (rc == 0)
		out = mc_arena_strndup(a, b.s, b.len);
	else
		mc_err("text too long: %.40s", tmpl);
	mc_buf_free(&b);
	return out;
}

int
mc_notify_compose(struct mc_arena *a, const char *group,
    const struct mc_notify_var *vars, size_t nvars, int link,
    struct mc_notify_msg *m)
{
	const char *greet, *url = NULL, *foot;

	m->title = mc_notify_render(a, mc_notify_text(group, "Subject"), vars,
	    nvars);
	m->body = mc_notify_render(a, mc_notify_text(group, "Body"), vars,
	    nvars);
	m->sms = mc_notify_render(a, mc_notify_text(group, "Sms"), vars,
	    nvars);
	greet = mc_notify_render(a, mc_notify_text("Email", "Greeting"), vars,
	    nvars);
	if (link)
		url = mc_notify_render(a, mc_notify_text("Email", "Link"),
		    vars, nvars);
	foot = mc_notify_text("Email", "Footer");
	if (m->title == NULL || m->body == NULL || m->sms == NULL ||
	    greet == NULL || (link && url == NULL))
		return -1;
	m->title = mc_utf8_cut(a, m->title, MC_NOTIFY_TITLE_MAX);
	if (link)
		m->email = mc_arena_printf(a, "%s\n\n%s\n\n%s\n\n-- \n%s",
		    greet, m->body, url, foot);
	else
		m->email = mc_arena_printf(a, "%s\n\n%s\n\n-- \n%s", greet,
		    m->body, foot);
	if (strlen(m->email) >= MC_NOTIFY_TEXT_MAX || *m->title == '\0') {
		mc_err("no or too long text for %s", group);
		return -1;
	}
	return 0;
}

const char *
mc_notify_vars_json(struct mc_arena *a, const struct mc_notify_var *vars,
    size_t n, const char *status, const char *due, const char *note)
{
	json_t	   *o;
	char	   *txt;
	const char *v, *out = NULL;
	size_t	    i;

	if ((o = json_object()) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		v = vars[i].value;
		if (strcmp(vars[i].name, "status") == 0)
			v = status;
		else if (strcmp(vars[i].name, "due") == 0)
			v = due;
		else if (strcmp(vars[i].name, "note") == 0)
			v = note;
		json_object_set_new(o, vars[i].name, json_string(v ? v : ""));
	}
	if ((txt = json_dumps(o, JSON_COMPACT)) != NULL) {
		out = mc_arena_strdup(a, txt);
		free(txt);
	}
	json_decref(o);
	return out;
}

/* 1 if s names a group of texts: [A-Za-z_.], 1-48 bytes. */
static int
msg_ok(const char *s)
{
	size_t n = s ? strspn(s,
			   "abcdefghijklmnopqrstuvwxyz"
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZ_.") :
		       0;

	return n > 0 && n <= 48 && s[n] == '\0';
}

int
mc_notify_localize(struct mc_arena *a, mc_text_fn get, void *ctx,
    enum mc_lang l, const char *msg, const char *vars, const char **title,
    const char **body)
{
	static const char *const names[] = { "code", "procedure", "status",
		"due", "note", "agency", "name", "url", "applicant" };
	struct mc_notify_var	 v[sizeof(names) / sizeof(names[0])];
	json_t			*o;
	json_error_t		 jerr;
	const char		*s, *t, *b;
	char			 path[128], when[64];
	size_t			 i;

	if (!msg_ok(msg) || vars == NULL ||
	    (o = json_loads(vars, 0, &jerr)) == NULL)
		return -1;
	if (!json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		s = json_string_value(json_object_get(o, names[i]));
		v[i] = (struct mc_notify_var){ names[i],
			mc_arena_strdup(a, s ? s : "") };
	}
	json_decref(o);
	snprintf(path, sizeof(path), "Lang.Status.%s", v[2].value);
	v[2].value = get(ctx, path, v[2].value);
	v[3].value = *v[3].value == '\0' ?
	    get(ctx, "Lang.Notify.Missing.Due", "") :
	    mc_arena_strdup(a,
		mc_fmt_datetime(l, v[3].value, when, sizeof(when)));
	if (*v[4].value == '\0')
		v[4].value = get(ctx, "Lang.Notify.Missing.Note", "");
	snprintf(path, sizeof(path), "Lang.Notify.%s.Subject", msg);
	t = get(ctx, path, NULL);
	snprintf(path, sizeof(path), "Lang.Notify.%s.Body", msg);
	b = get(ctx, path, NULL);
	if (t == NULL || b == NULL ||
	    (t = mc_notify_render(a, t, v, sizeof(v) / sizeof(v[0]))) ==
		NULL ||
	    (b = mc_notify_render(a, b, v, sizeof(v) / sizeof(v[0]))) == NULL)
		return -1;
	*title = mc_utf8_cut(a, t, MC_NOTIFY_TITLE_MAX);
	*body = b;
	return 0;
}
