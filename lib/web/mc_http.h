/*
 * One HTTP request and its response as the FastCGI programs see them:
 * method, path, query, cookies, urlencoded and multipart bodies (sizes capped
 * before anything is read), declared fields with validators; the response's
 * status, headers and body.
 */
#ifndef MC_HTTP_H
#define MC_HTTP_H

#include <stddef.h>

#include "mc_account.h"
#include "mc_buf.h"
#include "mc_view.h"

struct mc_arena;
struct mc_db;
struct mc_request;

enum mc_method {
	METHOD_GET,
	METHOD_HEAD,
	METHOD_POST,
	METHOD_PUT,
	METHOD_DELETE,
	METHOD_OTHER,
	METHOD__MAX
};

/* One value from the query string or the body. */
struct mc_param {
	const char *name;
	const char *value; /* NUL-terminated; may hold NULs if a file */
	size_t	    len;
	const char *filename; /* multipart file parts, else NULL */
	const char *ctype;    /* multipart part's Content-Type or NULL */
};

/*
 * A validator: 1 if the value is acceptable, 0 if not. It may rewrite
 * nothing; it sees the raw bytes (already checked for size and UTF-8 unless
 * the field is a file).
 */
typedef int (*mc_valid_fn)(const struct mc_param *);

/* Every input a program accepts, with its validator and maximum size. */
struct mc_field {
	const char *name;
	mc_valid_fn valid;
	size_t	    max;  /* bytes */
	int	    file; /* a multipart file part */
};

#define MC_MAX_CAPTURES 4
#define MC_REQID_LEN	16

struct mc_request {
	struct mc_arena *arena;
	struct mc_db	*db;
	HDF		*hdf; /* the page model (mc_view_begin) */
	enum mc_lang	 lang;
	int		 api; /* errors answer JSON */
	char		 id[MC_REQID_LEN + 1];

	enum mc_method method;
	const char    *uri;   /* REQUEST_URI as sent */
	const char    *path;  /* decoded path, no query */
	const char    *query; /* raw query string or "" */
	const char    *content_type;
	const char    *cookie;
	const char    *authorization;
	const char    *remote_addr;
	const char    *user_agent;	/* or NULL */
	const char    *https;		/* "on" over TLS, else NULL */
	const char    *origin;		/* the Origin header, or NULL */
	const char    *host;		/* the Host header, or NULL */
	const char    *idempotency_key; /* that header, or NULL */
	size_t	       content_length;
	const char    *body; /* raw body (JSON and form posts) */
	size_t	       body_len;

	struct mc_param	       *params; /* query then body */
	size_t			nparams;
	const struct mc_param **fields;	   /* by field index; NULL if absent */
	unsigned char	       *field_bad; /* by field index: 1 if it failed */
	size_t			nfields;
	/* A posted text field refused whatever the handler (mc_app): */
	const char *refused_field; /* its name, or NULL */
	int	    refused_bidi;  /* 1 bidi controls, 0 too long */
	const char *referer;	   /* the Referer header, or NULL */
	/*
	 * Set while a refused form's page is drawn again (mc_app): called by
	 * mc_resp_page just before rendering, to put the posted values and
	 * the refusal back into the page model.
	 */
	void (*refill)(struct mc_request *);
	const struct mc_field *refill_fields; /* the POST route's fields */
	size_t		       refill_nfields;
	int		       refilled; /* refill ran */

	const char *cap[MC_MAX_CAPTURES]; /* {} segments of the route */
	size_t	    ncap;

	struct mc_user *user;	       /* NULL when anonymous */
	int		via_token;     /* user came from a bearer token */
	const char     *session_token; /* the session cookie's value */
	int		mfa_missing;   /* must enrol a second factor first */

	int	   status;
	struct buf headers;  /* "Name: value\r\n" lines */
	struct buf out;	     /* the body */
	int	   rendered; /* out holds a complete answer */
	/*
	 * A body sent as it is made (mc_resp_stream): the program's writer
	 * of bytes to the client (set by mc_app; NULL: none), its stream,
	 * and whether the status and headers went out (out then unused).
	 */
	int (*send)(struct mc_request *, const char *, size_t);
	void *conn;
	int   streamed;
};

/* A declared field's value, or NULL when absent or invalid. */
const char *mc_req_field(const struct mc_request *, int field);

/* The param of a declared field (files: filename, bytes, len), or NULL. */
const struct mc_param *mc_req_param(const struct mc_request *, int field);

/* 1 if the field was sent but failed its validator or size. */
int mc_req_field_bad(const struct mc_request *, int field);

/* A cookie's value from the request, or NULL. */
const char *mc_req_cookie(const struct mc_request *, const char *name);

/*
 * Starts an answer of status 200 whose body is sent as it is made, with
 * the headers added so far and no length (Apache sends it chunked): the
 * body then goes out with mc_resp_send. 0, or -1 when it cannot be
 * (no writer, a HEAD request, already started): build the body in out
 * as usual.
 */
int mc_resp_stream(struct mc_request *);

/*
 * Sends r->out's bytes of a streamed answer to the client at once and
 * empties out; 0, or -1 (the client is gone: stop making the body).
 */
int mc_resp_send(struct mc_request *);

/* Adds a response header line; name and value must hold no CR/LF. */
void mc_resp_header(struct mc_request *, const char *name, const char *value);

/*
 * Sets a header already added (e.g. the Content-Security-Policy every
 * answer starts with): every line of that name is removed, then the new
 * one added.
 */
void mc_resp_header_set(struct mc_request *, const char *name,
    const char *value);

/* Sets a cookie: HttpOnly, SameSite=Lax, Path=/, Secure over TLS. */
void mc_resp_cookie(struct mc_request *, const char *name, const char *value,
    long max_age);

/* 303 See Other to a local path (must start with '/'); returns 303. */
int mc_resp_redirect(struct mc_request *, const char *path);

/* Renders a page template inside the layout; returns 200 or 500. */
int mc_resp_page(struct mc_request *, const char *tmpl);

/* Sends a prepared JSON body (out holds it) with the status; returns it. */
int mc_resp_json(struct mc_request *, int status);

/*
 * Parses a urlencoded string into params appended to r; 0, or -1 on a
 * malformed escape.
 */
int mc_http_parse_urlencoded(struct mc_request *, const char *s, size_t len);

/* Parses a multipart/form-data body with the boundary; 0 or -1. */
int mc_http_parse_multipart(struct mc_request *, const char *body, size_t len,
    const char *boundary);

/*
 * A value for a query string, in the arena: RFC 3986's unreserved bytes
 * and '@' kept, every other byte %XX (so UTF-8 text, '&', '=' and '+' go
 * through as themselves once decoded).
 */
const char *mc_http_query_escape(struct mc_arena *, const char *s);

/* Percent-decodes into the arena ('+' to space if plus); NULL if malformed. */
char *mc_http_decode(struct mc_arena *, const char *s, size_t len, int plus,
    size_t *outlen);

/* Standard validators. */
int valid_any(const struct mc_param *); /* valid UTF-8, any text */
/* One line, or lines: no other controls, no bidi controls (mc_text_ok). */
int valid_line(const struct mc_param *);
int valid_text(const struct mc_param *);
int valid_uint(const struct mc_param *);
int valid_email(const struct mc_param *);
int valid_id_number(const struct mc_param *); /* 12 digits (CCCD) */
int valid_phone(const struct mc_param *);     /* 9-15 digits, leading + ok */
int valid_token(const struct mc_param *);     /* hex */
int valid_code(const struct mc_param *);      /* [0-9A-Za-z.-] */
int valid_file(const struct mc_param *);      /* any bytes */

#endif
