/*
 * The FastCGI program around the handlers: a prefork supervisor that keeps
 * a fixed pool of workers on one socket, and in each worker the accept loop
 * that parses a request, finds its route, checks login, roles and CSRF in
 * one place, runs the handler and writes the answer.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_session.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_util.h"

#define MAX_WORKERS 64
#define OUT_MAX	    (64u << 20)

static volatile sig_atomic_t stopping;
static volatile sig_atomic_t busy; /* a worker inside a request */
static struct mc_db	    *app_db;

/* clang-format off */
static const char *const method_names[METHOD__MAX] = {
	"GET", "HEAD", "POST", "PUT", "DELETE", "OTHER"
};
/* clang-format on */

static void
on_term(int sig)
{
	stopping = 1;
}

/* In a worker: leave at once when idle, else after the current request. */
static void
on_term_worker(int sig)
{
	stopping = 1;
	if (!busy)
		_exit(0);
}

static enum mc_method
method_parse(const char *m)
{
	int i;

	for (i = 0; i < METHOD_OTHER; i++)
		if (m != NULL && strcmp(m, method_names[i]) == 0)
			return (enum mc_method)i;
	return METHOD_OTHER;
}

/*
 * Matches path against a pattern whose "{}" stand for one segment each;
 * captures go to r->cap. 1 match, 0 not.
 */
static int
route_match(struct mc_request *r, const struct mc_route *rt)
{
	const char *p = rt->pattern, *s = r->path, *e;

	r->ncap = 0;
	while (*p != '\0') {
		if (p[0] == '{' && p[1] == '}') {
			if ((e = strchr(s, '/')) == NULL)
				e = s + strlen(s);
			if (e == s || r->ncap == MC_MAX_CAPTURES)
				return 0;
			r->cap[r->ncap++] = mc_arena_strndup(r->arena, s,
			    (size_t)(e - s));
			s = e;
			p += 2;
			continue;
		}
		if (*p++ != *s++)
			return 0;
	}
	return *s == '\0' || (rt->flags & ROUTE_PREFIX);
}

static const char *
status_text(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 201:
		return "Created";
	case 303:
		return "See Other";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 409:
		return "Conflict";
	case 413:
		return "Payload Too Large";
	case 415:
		return "Unsupported Media Type";
	case 422:
		return "Unprocessable Entity";
	case 429:
		return "Too Many Requests";
	case 503:
		return "Service Unavailable";
	default:
		return status >= 500 ? "Internal Server Error" : "Error";
	}
}

int
mc_app_error(struct mc_request *r, int status, const char *message)
{
	char name[64];

	r->status = status;
	mc_buf_reset(&r->out);
	if (r->api) {
		snprintf(name, sizeof(name), "Lang.Error.Text.%d", status);
		if (message == NULL)
			message = r->hdf ?
			    hdf_get_value(r->hdf, name, status_text(status)) :
			    status_text(status);
		mc_buf_addf(&r->out, "{\"error\":");
		mc_buf_add_json(&r->out, message);
		mc_buf_addf(&r->out, ",\"status\":%d,\"request_id\":\"%s\"}\n",
		    status, r->id);
		return mc_resp_json(r, status);
	}
	if (r->hdf != NULL) {
		if (r->id[0] != '\0')
			mc_view_set(r->hdf, "Page.RequestId", r->id);
		mc_view_set_int(r->hdf, "Page.Status", status);
		mc_view_set(r->hdf, "Page.Message", message);
		snprintf(name, sizeof(name), "Error.Title.%d", status);
		mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, name));
		if (mc_resp_page(r, "error.cs") == 200)
			return status;
	}
	/* Templates unusable: still never a blank page. */
	mc_buf_reset(&r->out);
	mc_buf_addf(&r->out,
	    "<!doctype html><html lang=\"vi\"><meta charset="
	    "\"utf-8\"><title>%d</title><h1>%d %s</h1><p>Mã yêu cầu / "
	    "Request id: %s</p></html>\n",
	    status, status, status_text(status), r->id);
	mc_resp_header(r, "Content-Type", "text/html; charset=utf-8");
	r->rendered = 1;
	return status;
}

/* Percent-decodes the path; NULL if malformed, has NUL or bad UTF-8. */
static const char *
path_decode(struct mc_request *r, const char *uri)
{
	const char *q;
	char	   *p;
	size_t	    n;

	q = strchr(uri, '?');
	r->query = q ? q + 1 : "";
	p = mc_http_decode(r->arena, uri, q ? (size_t)(q - uri) : strlen(uri),
	    0, &n);
	if (p == NULL || strlen(p) != n || !mc_utf8_valid(p, n))
		return NULL;
	return p;
}

static const char *
ctype_param(struct mc_request *r, const char *ct, const char *name)
{
	const char *p;
	size_t	    nl = strlen(name), l;

	for (p = ct; (p = strchr(p, ';')) != NULL;) {
		p++;
		while (*p == ' ')
			p++;
		if (strncasecmp(p, name, nl) == 0 && p[nl] == '=') {
			p += nl + 1;
			if (*p == '"') {
				p++;
				l = strcspn(p, "\"");
			} else
				l = strcspn(p, "; ");
			return mc_arena_strndup(r->arena, p, l);
		}
	}
	return NULL;
}

/* Parses query and body into params; 0, or an HTTP status. */
static int
parse_inputs(struct mc_request *r)
{
	const char *ct = r->content_type ? r->content_type : "";
	const char *boundary;

	if (mc_http_parse_urlencoded(r, r->query, strlen(r->query)) < 0)
		return 400;
	if (r->body_len == 0)
		return 0;
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
		return mc_http_parse_urlencoded(r, r->body, r->body_len) < 0 ?
		    400 :
		    0;
	if (strncasecmp(ct, "multipart/form-data", 19) == 0) {
		if ((boundary = ctype_param(r, ct, "boundary")) == NULL ||
		    *boundary == '\0')
			return 400;
		return mc_http_parse_multipart(r, r->body, r->body_len,
			   boundary) < 0 ?
		    400 :
		    0;
	}
	if (strncasecmp(ct, "application/json", 16) == 0)
		return 0; /* the handler reads r->body */
	return 415;
}

/* 1 if a param's value holds a bidirectional control (mc_text_ok). */
static int
has_bidi(const struct mc_param *p)
{
	size_t i;

	for (i = 0; i < p->len; i++)
		if (mc_text_bidi_at(p->value + i, p->len - i) > 0)
			return 1;
	return 0;
}

/* Matches params to declared fields; 0, or 400 for invalid UTF-8. */
static int
bind_fields(const struct mc_module *mod, struct mc_request *r)
{
	const struct mc_field *f;
	const struct mc_param *p;
	size_t		       i, j;

	r->nfields = mod->nfields;
	r->fields = mc_arena_alloc(r->arena,
	    (mod->nfields + 1) * sizeof(*r->fields));
	r->field_bad = mc_arena_alloc(r->arena, mod->nfields + 1);
	for (i = 0; i < mod->nfields; i++) {
		f = &mod->fields[i];
		if (f->name == NULL)
			continue;
		for (j = 0; j < r->nparams; j++) {
			p = &r->params[j];
			if (strcmp(p->name, f->name) != 0)
				continue;
			if (!f->file && p->len == 0)
				break; /* an input left empty: not given */
			if (!f->file &&
			    (!mc_utf8_valid(p->value, p->len) ||
				!mc_utf8_valid(p->name, strlen(p->name))))
				return 400;
			r->fields[i] = p;
			/* Too long, or bidi controls: refused whatever the
			 * handler does with a bad field (mc_app_dispatch). */
			if (!f->file && r->refused_field == NULL &&
			    (p->len > f->max || has_bidi(p))) {
				r->refused_field = f->name;
				r->refused_bidi = p->len <= f->max;
			}
			if (p->len > f->max ||
			    (f->file && p->filename == NULL) ||
			    (!f->file && p->filename != NULL) ||
			    (f->valid != NULL && !f->valid(p)))
				r->field_bad[i] = 1;
			break;
		}
	}
	return 0;
}

/* A raw param's value by name (for csrf and lang), or NULL. */
static const char *
param_value(const struct mc_request *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, name) == 0)
			return r->params[i].value;
	return NULL;
}

static void
choose_lang(struct mc_request *r)
{
	const char *q = NULL, *c;
	size_t	    qlen = strlen(r->query);

	if (qlen >= 7 && (q = strstr(r->query, "lang=")) != NULL &&
	    (q == r->query || q[-1] == '&')) {
		if (strncmp(q + 5, "en", 2) == 0)
			r->lang = LANG_EN;
		else if (strncmp(q + 5, "vi", 2) == 0)
			r->lang = LANG_VI;
		else
			q = NULL;
		if (q != NULL)
			mc_resp_cookie(r, "lang", mc_view_lang_code(r->lang),
			    365L * 86400);
	}
	if (q == NULL && (c = mc_req_cookie(r, "lang")) != NULL)
		r->lang = strcmp(c, "en") == 0 ? LANG_EN : LANG_VI;
}

void
mc_app_security_headers(struct mc_request *r)
{
	mc_resp_header(r, "X-Content-Type-Options", "nosniff");
	mc_resp_header(r, "X-Frame-Options", "DENY");
	mc_resp_header(r, "Referrer-Policy",
	    "strict-origin-when-cross-origin");
	mc_resp_header(r, "Content-Security-Policy",
	    "default-src 'self'; "
	    "img-src 'self' data:; object-src 'none'; base-uri 'self'; "
	    "form-action 'self'; frame-ancestors 'none'");
	mc_resp_header(r, "Cache-Control", "no-store");
	/* Over TLS only: a browser then refuses plain HTTP for two years. */
	if (r->https != NULL && strcasecmp(r->https, "on") == 0)
		mc_resp_header(r, "Strict-Transport-Security",
		    "max-age=63072000; includeSubDomains");
}

/* 1 for a request that may change something (POST, PUT, DELETE). */
static int
changes(const struct mc_request *r)
{
	return r->method == METHOD_POST || r->method == METHOD_PUT ||
	    r->method == METHOD_DELETE;
}

/* 1 if origin (scheme://host[:port], n bytes) is in list (spaces, commas). */
static int
origin_listed(const char *list, const char *origin, size_t n)
{
	const char *p = list;
	size_t	    len;

	while (*p != '\0') {
		p += strspn(p, " ,\t");
		len = strcspn(p, " ,\t");
		while (len > 0 && p[len - 1] == '/')
			len--; /* "https://a.vn/" names https://a.vn */
		if (len == n && len > 0 && strncasecmp(p, origin, n) == 0)
			return 1;
		p += strcspn(p, " ,\t");
	}
	return 0;
}

/*
 * 1 if a request that changes something may come from where its Origin
 * header says (besides the CSRF token): no Origin (a client that is not a
 * browser), this site's own (the host the request was sent to, http or
 * https), base_url's, or one of allowed_origins (motcua.conf, separated by
 * spaces or commas). "null" and every other site: 0.
 */
static int
origin_ok(const struct mc_request *r)
{
	const char *o = r->origin, *host = NULL, *base;
	size_t	    n;

	if (o == NULL || *o == '\0')
		return 1;
	if (strncasecmp(o, "https://", 8) == 0)
		host = o + 8;
	else if (strncasecmp(o, "http://", 7) == 0)
		host = o + 7;
	if (host != NULL && r->host != NULL && *r->host != '\0' &&
	    strcasecmp(host, r->host) == 0)
		return 1;
	n = strlen(o);
	base = mc_config_get("base_url", "");
	if (strncasecmp(base, o, n) == 0 &&
	    (base[n] == '\0' || base[n] == '/'))
		return 1;
	return origin_listed(mc_config_get("allowed_origins", ""), o, n);
}

/*
 * The sentence refusing a posted field (too long, or bidi controls), naming
 * it by its label (Lang.Error.Field.Names) or its name: key is the
 * sentence's stem (Lang.Error.Field.TooLong or Bidi, + "Here" for the form
 * drawn again). NULL when the language has none.
 */
static const char *
refusal_text(struct mc_request *r, const char *here)
{
	char	    path[128];
	const char *label, *tmpl, *at;

	snprintf(path, sizeof(path), "Lang.Error.Field.Names.%s",
	    r->refused_field);
	label = mc_view_text(r->hdf, path, r->refused_field);
	snprintf(path, sizeof(path), "Lang.Error.Field.%s%s",
	    r->refused_bidi ? "Bidi" : "TooLong", here);
	tmpl = mc_view_text(r->hdf, path, NULL);
	if (tmpl == NULL || (at = strstr(tmpl, "{field}")) == NULL)
		return NULL;
	return mc_arena_printf(r->arena, "%.*s%s%s", (int)(at - tmpl), tmpl,
	    label, at + 7);
}

/*
 * The 422 of a posted field refused before its handler runs (too long,
 * or bidi controls) as an error page, when its form cannot be drawn again.
 */
static int
refuse_field(struct mc_request *r)
{
	return mc_app_error(r, 422, refusal_text(r, ""));
}

static const struct mc_module *find_route(const struct mc_app *,
    struct mc_request *, enum mc_method, const struct mc_route **, int *);

/* 1 for a posted field never written back into a page (secrets). */
static int
secret_field(const char *name)
{
	return strcmp(name, "csrf") == 0 || strstr(name, "password") != NULL ||
	    strstr(name, "secret") != NULL || strcmp(name, "code") == 0 ||
	    strcmp(name, "reauth") == 0 || strcmp(name, "reauth_code") == 0;
}

/*
 * mc_resp_page's hook while a refused form is drawn again: every declared
 * text field of the POST route as posted (Form.<name>: what the form page
 * shows, over what its handler put there), the refusal at its field
 * (Form.Refused.<name>, partials/macros.cs "refused") and in the summary
 * above the page (Form.Refused.Field, .Message: layout/base.cs).
 */
static void
refill(struct mc_request *r)
{
	const struct mc_field *f;
	const char	      *v, *msg;
	size_t		       i;
	char		       name[128];

	for (i = 0; i < r->refill_nfields; i++) {
		f = &r->refill_fields[i];
		if (f->name == NULL || f->file || secret_field(f->name) ||
		    (v = param_value(r, f->name)) == NULL ||
		    !mc_utf8_valid(v, strlen(v)))
			continue;
		snprintf(name, sizeof(name), "Form.%s", f->name);
		mc_view_set(r->hdf, name, v);
	}
	if ((msg = refusal_text(r, "Here")) == NULL)
		msg = mc_view_str(r->hdf, "Error.Text.422");
	snprintf(name, sizeof(name), "Form.Refused.%s", r->refused_field);
	mc_view_set(r->hdf, name, msg);
	mc_view_set(r->hdf, "Form.Refused.Field", r->refused_field);
	mc_view_set(r->hdf, "Form.Refused.Message", msg);
	mc_view_set(r->hdf, "Form.Invalid", "1");
	r->refilled = 1;
}

/*
 * The path of a same-site Referer (the page the form was on), or NULL.
 */
static const char *
referer_path(struct mc_request *r)
{
	const char *h = r->referer, *p;
	size_t	    n;

	if (h == NULL || r->host == NULL || *r->host == '\0')
		return NULL;
	if (strncasecmp(h, "https://", 8) == 0)
		h += 8;
	else if (strncasecmp(h, "http://", 7) == 0)
		h += 7;
	else
		return NULL;
	n = strlen(r->host);
	if (strncasecmp(h, r->host, n) != 0 || h[n] != '/')
		return NULL;
	p = mc_arena_strndup(r->arena, h + n, strcspn(h + n, "?#"));
	return path_decode(r, p);
}

/*
 * A posted text field refused before its handler runs: the form's page
 * (the GET route of the same path, else of the same-site page it came
 * from) drawn again with status 422, what was typed in its fields and the
 * refusal at the field and above it; no POST handler runs, so nothing is
 * saved. An API, or a form with no such page: the 422 error page.
 */
static void
reshow_form(const struct mc_app *app, struct mc_request *r,
    const struct mc_module *mod)
{
	const struct mc_route  *rt = NULL;
	const struct mc_module *gmod = NULL;
	const char	       *paths[2], *post_path = r->path;
	size_t			i;
	int			found, rc;

	paths[0] = r->path;
	paths[1] = referer_path(r);
	for (i = 0; i < 2 && rt == NULL && !r->api; i++) {
		if (paths[i] == NULL)
			continue;
		r->path = paths[i];
		gmod = find_route(app, r, METHOD_GET, &rt, &found);
		if (rt != NULL &&
		    (((rt->flags & ROUTE_LOGIN) && r->user == NULL) ||
			(rt->roles != 0 &&
			    (r->user == NULL ||
				(r->user->roles & rt->roles) == 0))))
			rt = NULL;
	}
	if (rt == NULL) {
		r->path = post_path;
		refuse_field(r);
		return;
	}
	route_match(r, rt);
	if (gmod != mod && bind_fields(gmod, r) != 0) {
		r->path = post_path;
		refuse_field(r);
		return;
	}
	r->refill = refill;
	r->refill_fields = mod->fields;
	r->refill_nfields = mod->nfields;
	if (r->user != NULL)
		mc_view_set(r->hdf, "User.Name", r->user->full_name);
	if (app->before != NULL)
		app->before(r);
	mc_view_set(r->hdf, "Page.Csrf", mc_auth_csrf(r));
	rc = rt->handler(r);
	r->refill = NULL;
	if (r->refilled && rc < 300) {
		r->status = 422;
		return;
	}
	/* Its page went elsewhere (a redirect, an error): the error page. */
	mc_buf_reset(&r->headers);
	mc_buf_reset(&r->out);
	mc_app_security_headers(r);
	r->rendered = 0;
	r->path = post_path;
	refuse_field(r);
}

/* Login, role and CSRF checks for a route; 0 to go on, or a status. */
static int
guard(const struct mc_app *app, struct mc_request *r,
    const struct mc_route *rt)
{
	const char *next;
	int	    rc;

	if ((rc = mc_auth_load(r)) < 0)
		return 503;
	if ((rt->flags & ROUTE_LOGIN) && r->user == NULL) {
		if (r->api)
			return 401;
		if (r->method != METHOD_GET || app->login_path == NULL)
			return 403;
		next = mc_arena_printf(r->arena, "%s?next=%s", app->login_path,
		    r->uri);
		return mc_resp_redirect(r, next);
	}
	if (rt->roles != 0 &&
	    (r->user == NULL || (r->user->roles & rt->roles) == 0))
		return 403;
	/*
	 * An officer's page for someone who must use a second factor and
	 * has none: enrol first (the page comes back after).
	 */
	if ((rt->roles & ROLES_STAFF) != 0 && r->mfa_missing) {
		if (r->method != METHOD_GET)
			return 403;
		return mc_resp_redirect(r,
		    mc_arena_printf(r->arena, "%s?next=%s", MC_TOTP_ENROL_PATH,
			r->uri));
	}
	if (changes(r) && !r->via_token && !origin_ok(r)) {
		mc_warn("%s %s: refused, Origin %.200s is not this site's",
		    method_names[r->method], r->path, r->origin);
		return 403;
	}
	if (changes(r) && !(rt->flags & ROUTE_NOCSRF) && !r->via_token &&
	    !mc_auth_csrf_ok(r, param_value(r, "csrf"),
		(rt->flags & ROUTE_VISITOR_FORM) != 0))
		return 403;
	return 0;
}

/* The app's own routes and fields as a module (kept for the process). */
static const struct mc_module *
main_module(const struct mc_app *app)
{
	static struct mc_module m;

	m.routes = app->routes;
	m.nroutes = app->nroutes;
	m.fields = app->fields;
	m.nfields = app->nfields;
	return &m;
}

/*
 * The route for the request's path and method in any module of the app;
 * *found tells whether the path exists with another method. Returns the
 * route's module (NULL, *rt NULL when none).
 */
static const struct mc_module *
find_route(const struct mc_app *app, struct mc_request *r, enum mc_method m,
    const struct mc_route **rt, int *found)
{
	const struct mc_module *mod;
	size_t			i, k;

	*rt = NULL;
	for (k = 0; k <= MC_MAX_MODULES; k++) {
		mod = k == 0 ? main_module(app) : app->modules[k - 1];
		if (mod == NULL)
			break;
		for (i = 0; i < mod->nroutes; i++) {
			if (!route_match(r, &mod->routes[i]))
				continue;
			*found = 1;
			if (mod->routes[i].method == m) {
				*rt = &mod->routes[i];
				return mod;
			}
		}
	}
	return NULL;
}

/* The methods of the routes matching r->path, for the Allow header. */
static const char *
allowed_methods(const struct mc_app *app, struct mc_request *r)
{
	const struct mc_module *mod;
	char			s[64] = "";
	size_t			i, k;
	int			m;

	for (k = 0; k <= MC_MAX_MODULES; k++) {
		mod = k == 0 ? main_module(app) : app->modules[k - 1];
		if (mod == NULL)
			break;
		for (i = 0; i < mod->nroutes; i++) {
			m = mod->routes[i].method;
			if (!route_match(r, &mod->routes[i]) ||
			    strstr(s, method_names[m]) != NULL)
				continue;
			snprintf(s + strlen(s), sizeof(s) - strlen(s),
			    "%s%s%s", s[0] ? ", " : "", method_names[m],
			    m == METHOD_GET ? ", HEAD" : "");
		}
	}
	return mc_arena_strdup(r->arena, s);
}

/* A random id for the request, in its log lines and error pages. */
static void
request_id(struct mc_request *r)
{
	unsigned char rnd[8];

	mc_random(rnd, sizeof(rnd));
	mc_hex(r->id, rnd, sizeof(rnd));
	mc_log_request(r->id);
}

void
mc_app_dispatch(const struct mc_app *app, struct mc_request *r)
{
	const struct mc_route  *rt = NULL;
	const struct mc_module *mod;
	enum mc_method		m;
	int			path_found = 0, rc;
	if (r->id[0] == '\0')
		request_id(r);
	r->api = app->api;
	mc_app_security_headers(r);
	if ((r->path = path_decode(r, r->uri ? r->uri : "/")) == NULL) {
		r->path = "/";
		r->hdf = mc_view_begin(LANG_VI);
		mc_app_error(r, 400, NULL);
		return;
	}
	choose_lang(r);
	r->hdf = mc_view_begin(r->lang);
	mc_view_set(r->hdf, "Page.RequestId", r->id);
	mc_view_set(r->hdf, "Page.Path", r->path);
	m = r->method == METHOD_HEAD ? METHOD_GET : r->method;
	mod = find_route(app, r, m, &rt, &path_found);
	if (rt == NULL) {
		if (path_found) {
			mc_resp_header(r, "Allow", allowed_methods(app, r));
			mc_app_error(r, 405, NULL);
		} else
			mc_app_error(r, 404, NULL);
		return;
	}
	route_match(r, rt); /* captures of the chosen route */
	if (r->status == 413) {
		mc_app_error(r, 413, NULL);
		return;
	}
	if ((rc = parse_inputs(r)) != 0 || (rc = bind_fields(mod, r)) != 0) {
		mc_app_error(r, rc, NULL);
		return;
	}
	if (r->db == NULL && (r->db = app_db = mc_db_open()) == NULL) {
		mc_app_error(r, 503, NULL);
		return;
	}
	if ((rc = guard(app, r, rt)) != 0) {
		if (!r->rendered)
			mc_app_error(r, rc, NULL);
		return;
	}
	if (r->refused_field != NULL && changes(r)) {
		reshow_form(app, r, mod);
		return;
	}
	if (r->user != NULL)
		mc_view_set(r->hdf, "User.Name", r->user->full_name);
	if (app->before != NULL)
		app->before(r);
	if (!r->api)
		mc_view_set(r->hdf, "Page.Csrf", mc_auth_csrf(r));
	rc = rt->handler(r);
	if (rc >= 400 && !r->rendered)
		mc_app_error(r, rc, NULL);
	else
		r->status = rc;
}

/*
 * A body sent without a length (chunked: Apache passes one of more than
 * 64 KB on as it comes, without CONTENT_LENGTH) is read to its end, up to
 * max; a longer one is drained and answered 413.
 */
static int
read_unsized(FCGX_Request *req, struct mc_request *r, size_t max)
{
	struct buf b;
	char	   sink[8192];
	char	  *buf;
	int	   got, over = 0;

	mc_buf_init(&b, max);
	while ((got = FCGX_GetStr(sink, sizeof(sink), req->in)) > 0)
		if (!over && mc_buf_add(&b, sink, (size_t)got) < 0)
			over = 1;
	if (over) {
		mc_buf_free(&b);
		return 413;
	}
	buf = mc_arena_alloc(r->arena, b.len + 1);
	if (b.len > 0)
		memcpy(buf, b.s, b.len);
	buf[b.len] = '\0';
	r->content_length = b.len;
	r->body = buf;
	r->body_len = b.len;
	mc_buf_free(&b);
	return 0;
}

/* Reads the body up to its declared length; drains it if too large. */
static int
read_body(FCGX_Request *req, struct mc_request *r, size_t max)
{
	const char *cl = FCGX_GetParam("CONTENT_LENGTH", req->envp);
	long long   n = 0;
	char	   *buf, sink[8192];
	int	    got;
	size_t	    have = 0;

	if (cl == NULL || *cl == '\0')
		return read_unsized(req, r, max);
	if (mc_parse_ll(cl, 0, 1LL << 40, &n) < 0)
		return 400;
	if ((size_t)n > max) {
		while (FCGX_GetStr(sink, sizeof(sink), req->in) > 0)
			;
		return 413;
	}
	r->content_length = (size_t)n;
	buf = mc_arena_alloc(r->arena, (size_t)n + 1);
	while (have < (size_t)n) {
		got = FCGX_GetStr(buf + have, (int)((size_t)n - have),
		    req->in);
		if (got <= 0)
			return 400;
		have += (size_t)got;
	}
	buf[have] = '\0';
	r->body = buf;
	r->body_len = have;
	return 0;
}

/* A streamed answer's bytes (mc_resp_stream), flushed to Apache at once. */
static int
stream_send(struct mc_request *r, const char *s, size_t n)
{
	FCGX_Stream *out = r->conn;

	if (n > 0 && FCGX_PutStr(s, (int)n, out) != (int)n)
		return -1;
	return FCGX_FFlush(out) < 0 ? -1 : 0;
}

static void
serve(const struct mc_app *app, FCGX_Request *req, struct mc_arena *arena,
    struct buf *headers, struct buf *out, size_t max_body)
{
	struct mc_request r;
	char		**env = req->envp;
	const char	 *status_line;
	int		  rc;

	memset(&r, 0, sizeof(r));
	r.arena = arena;
	r.db = app_db;
	r.headers = *headers;
	r.out = *out;
	r.method = method_parse(FCGX_GetParam("REQUEST_METHOD", env));
	r.uri = FCGX_GetParam("REQUEST_URI", env);
	r.content_type = FCGX_GetParam("CONTENT_TYPE", env);
	r.cookie = FCGX_GetParam("HTTP_COOKIE", env);
	r.authorization = FCGX_GetParam("HTTP_AUTHORIZATION", env);
	r.remote_addr = FCGX_GetParam("REMOTE_ADDR", env);
	r.user_agent = FCGX_GetParam("HTTP_USER_AGENT", env);
	r.https = FCGX_GetParam("HTTPS", env);
	r.origin = FCGX_GetParam("HTTP_ORIGIN", env);
	r.host = FCGX_GetParam("HTTP_HOST", env);
	r.idempotency_key = FCGX_GetParam("HTTP_IDEMPOTENCY_KEY", env);
	r.referer = FCGX_GetParam("HTTP_REFERER", env);
	r.send = stream_send;
	r.conn = req->out;
	request_id(&r);
	if ((rc = read_body(req, &r, max_body)) != 0)
		r.status = rc;
	if (rc == 400) {
		r.hdf = mc_view_begin(LANG_VI);
		r.api = app->api;
		mc_app_error(&r, 400, NULL);
	} else
		mc_app_dispatch(app, &r);
	if (r.streamed)
		goto out_reset; /* status, headers and body went out */
	if (r.status == 0)
		r.status = 500;
	mc_buf_addf(&r.headers, "Content-Length: %zu\r\n\r\n",
	    r.method == METHOD_HEAD ? 0 : r.out.len);
	status_line = mc_arena_printf(arena, "Status: %d %s\r\n", r.status,
	    status_text(r.status));
	FCGX_PutS(status_line, req->out);
	FCGX_PutStr(r.headers.s, (int)r.headers.len, req->out);
	if (r.method != METHOD_HEAD)
		FCGX_PutStr(r.out.s, (int)r.out.len, req->out);
	if (r.status >= 500)
		mc_err("%s %s -> %d", method_names[r.method],
		    r.uri ? r.uri : "", r.status);
out_reset:
	mc_buf_reset(&r.headers);
	mc_buf_reset(&r.out);
	*headers = r.headers;
	*out = r.out;
	mc_log_request("");
}

static int
worker(const struct mc_app *app, int fd)
{
	FCGX_Request	 req;
	struct mc_arena *arena;
	struct buf	 headers, out;
	size_t		 max_body;
	const char	*tdir;

	signal(SIGTERM, on_term_worker);
	signal(SIGINT, on_term_worker);
	signal(SIGPIPE, SIG_IGN);
	tdir = mc_config_get("templates_dir", "templates");
	if (mc_view_init(tdir) < 0) {
		mc_err("cannot load templates from %s", tdir);
		return 1;
	}
	app_db = mc_db_open(); /* NULL: retried per request (503 meanwhile) */
	if (app_db != NULL && app->init != NULL && app->init() < 0)
		return 1;
	max_body = app->max_body ?
	    app->max_body :
	    (size_t)mc_config_int("max_body", 25 << 20, 1024, 1LL << 32);
	arena = mc_arena_new(64 * 1024);
	mc_buf_init(&headers, 64 * 1024);
	mc_buf_init(&out, OUT_MAX);
	FCGX_InitRequest(&req, fd, 0);
	while (!stopping && FCGX_Accept_r(&req) >= 0) {
		busy = 1;
		serve(app, &req, arena, &headers, &out, max_body);
		FCGX_Finish_r(&req);
		mc_arena_reset(arena);
		busy = 0;
	}
	mc_db_close(app_db);
	mc_view_free();
	mc_arena_free(arena);
	mc_buf_free(&headers);
	mc_buf_free(&out);
	return 0;
}

static pid_t
spawn(const struct mc_app *app, int fd)
{
	pid_t pid;

	if ((pid = fork()) == 0)
		_exit(worker(app, fd));
	if (pid < 0)
		mc_err("fork: %s", strerror(errno));
	return pid;
}

static int
supervise(const struct mc_app *app, int fd, int n)
{
	pid_t		 pids[MAX_WORKERS], pid;
	time_t		 last_crash = 0;
	int		 i, status, crashes = 0;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < n; i++)
		pids[i] = spawn(app, fd);
	mc_info("%d workers on fd %d", n, fd);
	while (!stopping) {
		pid = wait(&status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < n && pids[i] != pid; i++)
			;
		if (i == n || stopping)
			continue;
		mc_warn("worker %d ended (status %d); starting another",
		    (int)pid, status);
		if (time(NULL) - last_crash < 2 && ++crashes > 5)
			sleep(1); /* crashing in a loop: slow down */
		else if (time(NULL) - last_crash >= 2)
			crashes = 0;
		last_crash = time(NULL);
		pids[i] = spawn(app, fd);
	}
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	while (wait(&status) > 0 || errno == EINTR)
		;
	mc_info("stopped");
	return 0;
}

int
mc_app_run(const struct mc_app *app, int argc, char **argv)
{
	const char *cfg = NULL, *sock = NULL;
	char	    path[256];
	long long   n = 0;
	int	    opt, fd, fg = 0, rc;

	mc_log_init(app->name);
	mc_malloc_give_back();
	while ((opt = getopt(argc, argv, "c:s:n:f")) != -1) {
		switch (opt) {
		case 'c':
			cfg = optarg;
			break;
		case 's':
			sock = optarg;
			break;
		case 'n':
			if (mc_parse_ll(optarg, 1, MAX_WORKERS, &n) < 0)
				goto usage;
			break;
		case 'f':
			fg = 1;
			break;
		default:
			goto usage;
		}
	}
	if (mc_config_load(cfg) < 0)
		return 1;
	if (n == 0)
		n = mc_config_int("workers", 4, 1, MAX_WORKERS);
	if (sock == NULL) {
		snprintf(path, sizeof(path), "%s/%s.sock",
		    mc_config_get("socket_dir", "."), app->name);
		sock = path;
	}
	if (FCGX_Init() != 0)
		return 1;
	unlink(sock);
	if ((fd = FCGX_OpenSocket(sock, 1024)) < 0) {
		mc_err("cannot listen on %s", sock);
		return 1;
	}
	if (mc_config_drop_root(sock) < 0)
		return 1;
	rc = fg ? worker(app, fd) : supervise(app, fd, (int)n);
	unlink(sock);
	return rc;
usage:
	fprintf(stderr,
	    "usage: %s [-f] [-c config] [-s socket] [-n workers]\n",
	    app->name);
	return 2;
}
