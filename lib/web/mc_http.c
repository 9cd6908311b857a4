/*
 * Request parsing (query strings, urlencoded and multipart bodies, cookies),
 * declared-field access, response helpers and the standard validators.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mc_arena.h"
#include "mc_http.h"
#include "mc_util.h"

#define MAX_PARAMS 256

static int
hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *
mc_http_decode(struct mc_arena *a, const char *s, size_t len, int plus,
    size_t *outlen)
{
	char  *out, *o;
	size_t i;
	int    hi, lo;

	out = o = mc_arena_alloc(a, len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (i + 2 >= len || (hi = hexdigit(s[i + 1])) < 0 ||
			    (lo = hexdigit(s[i + 2])) < 0)
				return NULL;
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus)
			*o++ = ' ';
		else
			*o++ = s[i];
	}
	*o = '\0';
	if (outlen != NULL)
		*outlen = (size_t)(o - out);
	return out;
}

static struct mc_param *
param_new(struct mc_request *r)
{
	struct mc_param *np;

	if (r->nparams == MAX_PARAMS)
		return NULL;
	if (r->nparams % 16 == 0) {
		np = mc_arena_alloc(r->arena, (r->nparams + 16) * sizeof(*np));
		if (r->nparams > 0)
			memcpy(np, r->params, r->nparams * sizeof(*np));
		r->params = np;
	}
	return &r->params[r->nparams++];
}

int
mc_http_parse_urlencoded(struct mc_request *r, const char *s, size_t len)
{
	const char	*end = s + len, *amp, *eq;
	struct mc_param *p;

	while (s < end) {
		if ((amp = memchr(s, '&', (size_t)(end - s))) == NULL)
			amp = end;
		if (amp == s) {
			s++;
			continue;
		}
		if ((eq = memchr(s, '=', (size_t)(amp - s))) == NULL)
			eq = amp;
		if ((p = param_new(r)) == NULL)
			return -1;
		p->name = mc_http_decode(r->arena, s, (size_t)(eq - s), 1,
		    NULL);
		p->value = eq < amp ? mc_http_decode(r->arena, eq + 1,
					  (size_t)(amp - eq - 1), 1, &p->len) :
				      "";
		if (p->name == NULL || p->value == NULL)
			return -1;
		s = amp + 1;
	}
	return 0;
}

/* memmem for the boundary. */
static const char *
find(const char *hay, size_t n, const char *needle, size_t m)
{
	return memmem(hay, n, needle, m);
}

/* A header's parameter (name="value") from a Content-Disposition line. */
static const char *
header_param(struct mc_arena *a, const char *h, size_t hlen, const char *name)
{
	const char *p = h, *end = h + hlen, *v, *q;
	size_t	    nl = strlen(name);

	while ((p = find(p, (size_t)(end - p), name, nl)) != NULL) {
		if ((p == h || p[-1] == ' ' || p[-1] == ';') && p + nl < end &&
		    p[nl] == '=') {
			v = p + nl + 1;
			if (v < end && *v == '"') {
				v++;
				if ((q = memchr(v, '"', (size_t)(end - v))) ==
				    NULL)
					return NULL;
			} else {
				for (q = v; q < end && *q != ';' && *q != ' ';)
					q++;
			}
			return mc_arena_strndup(a, v, (size_t)(q - v));
		}
		p += nl;
	}
	return NULL;
}

int
mc_http_parse_multipart(struct mc_request *r, const char *body, size_t len,
    const char *boundary)
{
	const char	*end = body + len, *p, *hdr_end, *next, *line, *eol;
	char		*delim;
	size_t		 dlen;
	struct mc_param *prm;

	dlen = strlen(boundary) + 4;
	if (dlen > 200 + 4)
		return -1;
	delim = mc_arena_printf(r->arena, "\r\n--%s", boundary);
	/* The body starts with the delimiter without its CRLF. */
	if (len < dlen - 2 || memcmp(body, delim + 2, dlen - 2) != 0)
		return -1;
	p = body + dlen - 2;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0; /* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		if ((hdr_end = find(p, (size_t)(end - p), "\r\n\r\n", 4)) ==
		    NULL)
			return -1;
		if ((prm = param_new(r)) == NULL)
			return -1;
		for (line = p; line < hdr_end; line = eol + 2) {
			if ((eol = find(line, (size_t)(hdr_end + 2 - line),
				 "\r\n", 2)) == NULL)
				eol = hdr_end;
			if ((size_t)(eol - line) > 20 &&
			    strncasecmp(line, "Content-Disposition:", 20) ==
				0) {
				prm->name = header_param(r->arena, line + 20,
				    (size_t)(eol - line - 20), "name");
				prm->filename = header_param(r->arena,
				    line + 20, (size_t)(eol - line - 20),
				    "filename");
			} else if ((size_t)(eol - line) > 13 &&
			    strncasecmp(line, "Content-Type:", 13) == 0) {
				const char *v = line + 13;

				while (v < eol && *v == ' ')
					v++;
				prm->ctype = mc_arena_strndup(r->arena, v,
				    (size_t)(eol - v));
			}
		}
		if (prm->name == NULL)
			return -1;
		p = hdr_end + 4;
		if ((next = find(p, (size_t)(end - p), delim, dlen)) == NULL)
			return -1;
		prm->value = mc_arena_strndup(r->arena, p, (size_t)(next - p));
		prm->len = (size_t)(next - p);
		p = next + dlen;
	}
}

const char *
mc_req_field(const struct mc_request *r, int field)
{
	const struct mc_param *p = mc_req_param(r, field);

	return p ? p->value : NULL;
}

const struct mc_param *
mc_req_param(const struct mc_request *r, int field)
{
	if (field < 0 || (size_t)field >= r->nfields || r->field_bad[field])
		return NULL;
	return r->fields[field];
}

int
mc_req_field_bad(const struct mc_request *r, int field)
{
	return field >= 0 && (size_t)field < r->nfields && r->field_bad[field];
}

const char *
mc_req_cookie(const struct mc_request *r, const char *name)
{
	const char *p, *end, *eq;
	size_t	    nl = strlen(name);

	if (r->cookie == NULL)
		return NULL;
	for (p = r->cookie; *p != '\0'; p = *end ? end + 1 : end) {
		while (*p == ' ')
			p++;
		if ((end = strchr(p, ';')) == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq != NULL && (size_t)(eq - p) == nl &&
		    memcmp(p, name, nl) == 0)
			return mc_arena_strndup(r->arena, eq + 1,
			    (size_t)(end - eq - 1));
	}
	return NULL;
}

static int
header_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\r' || *s == '\n')
			return 0;
	return 1;
}

int
mc_resp_stream(struct mc_request *r)
{
	static const char head[] = "Status: 200 OK\r\n";

	if (r->send == NULL || r->streamed || r->method == METHOD_HEAD)
		return -1;
	if (r->send(r, head, sizeof(head) - 1) < 0 ||
	    r->send(r, r->headers.s != NULL ? r->headers.s : "",
		r->headers.len) < 0 ||
	    r->send(r, "\r\n", 2) < 0)
		return -1;
	r->streamed = 1;
	r->rendered = 1;
	r->status = 200;
	mc_buf_reset(&r->out);
	return 0;
}

int
mc_resp_send(struct mc_request *r)
{
	int rc = 0;

	if (!r->streamed)
		return -1;
	if (r->out.len > 0)
		rc = r->send(r, r->out.s, r->out.len);
	mc_buf_reset(&r->out);
	return rc;
}

void
mc_resp_header(struct mc_request *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value))
		return;
	mc_buf_addf(&r->headers, "%s: %s\r\n", name, value);
}

void
mc_resp_header_set(struct mc_request *r, const char *name, const char *value)
{
	size_t n = strlen(name), at = 0, end;
	char  *s = r->headers.s;

	while (s != NULL && at < r->headers.len) {
		end = at;
		while (end < r->headers.len && s[end] != '\n')
			end++;
		end = end < r->headers.len ? end + 1 : end;
		if (end - at > n && strncasecmp(s + at, name, n) == 0 &&
		    s[at + n] == ':') {
			memmove(s + at, s + end, r->headers.len - end + 1);
			r->headers.len -= end - at;
		} else
			at = end;
	}
	mc_resp_header(r, name, value);
}

void
mc_resp_cookie(struct mc_request *r, const char *name, const char *value,
    long max_age)
{
	char *v;

	v = mc_arena_printf(r->arena,
	    "%s=%s; Path=/; Max-Age=%ld; HttpOnly;"
	    " SameSite=Lax%s",
	    name, value, max_age, r->https ? "; Secure" : "");
	mc_resp_header(r, "Set-Cookie", v);
}

int
mc_resp_redirect(struct mc_request *r, const char *path)
{
	/* Local paths only: "//host" would leave the site, and so would
	 * "/\t/host" (browsers drop tabs and newlines from URLs). */
	if (path[0] != '/' || path[1] == '/' || path[1] == '\\' ||
	    path[strcspn(path, "\t\n\r \\")] != '\0')
		path = "/";
	mc_resp_header(r, "Location", path);
	r->rendered = 1;
	return r->status = 303;
}

int
mc_resp_page(struct mc_request *r, const char *tmpl)
{
	if (r->refill != NULL)
		r->refill(r);
	if (mc_view_render(r->hdf, tmpl, 1, &r->out) < 0)
		return 500;
	mc_resp_header(r, "Content-Type", "text/html; charset=utf-8");
	r->rendered = 1;
	return 200;
}

int
mc_resp_json(struct mc_request *r, int status)
{
	mc_resp_header(r, "Content-Type", "application/json; charset=utf-8");
	r->rendered = 1;
	return r->status = status;
}

/* Validators: see mc_http.h. */

int
valid_any(const struct mc_param *p)
{
	return mc_utf8_valid(p->value, p->len) &&
	    memchr(p->value, '\0', p->len) == NULL;
}

int
valid_text(const struct mc_param *p)
{
	return mc_text_ok(p->value, p->len, 1);
}

int
valid_line(const struct mc_param *p)
{
	return mc_text_ok(p->value, p->len, 0);
}

static int
all_in(const char *s, const char *set)
{
	return s[strspn(s, set)] == '\0';
}

int
valid_uint(const struct mc_param *p)
{
	return p->len > 0 && p->len < 19 && all_in(p->value, "0123456789");
}

int
valid_email(const struct mc_param *p)
{
	return valid_line(p) && strlen(p->value) == p->len &&
	    mc_account_email_ok(p->value);
}

int
valid_id_number(const struct mc_param *p)
{
	return p->len == 12 && mc_account_id_number_ok(p->value);
}

int
valid_phone(const struct mc_param *p)
{
	return mc_account_phone_ok(p->value);
}

int
valid_token(const struct mc_param *p)
{
	return p->len > 0 && all_in(p->value, "0123456789abcdef");
}

int
valid_code(const struct mc_param *p)
{
	return p->len > 0 &&
	    all_in(p->value,
		"0123456789abcdefghijklmnopqrstu"
		"vwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-");
}

int
valid_file(const struct mc_param *p)
{
	return p->filename != NULL;
}

const char *
mc_http_query_escape(struct mc_arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char		 *out = mc_arena_alloc(a, 3 * strlen(s) + 1), *p = out;
	unsigned char	  c;

	for (; (c = (unsigned char)*s) != '\0'; s++)
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || strchr("-._~@", c) != NULL)
			*p++ = (char)c;
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	*p = '\0';
	return out;
}
