/*
 * A FastCGI program: its route table, field table and the accept loop with
 * its prefork supervisor. main() fills a struct mc_app and calls
 * mc_app_run(); everything around the handlers (parsing, limits, session,
 * roles, CSRF, error pages, logging) happens here, once.
 */
#ifndef MC_APP_H
#define MC_APP_H

#include "mc_http.h"
#include "mc_session.h"

typedef int (*mc_handler)(struct mc_request *);

/* Route flags. */
#define ROUTE_LOGIN  0x01 /* a logged-in user (or bearer token) */
#define ROUTE_NOCSRF 0x02 /* a POST without a CSRF check (API, login) */
#define ROUTE_PREFIX 0x04 /* the pattern matches any path below it */
#define ROUTE_VISITOR_FORM \
	0x08 /* a visitor's form (login): its token may be the anonymous one */

struct mc_route {
	enum mc_method method;
	const char    *pattern; /* "/dich-vu/ho-so/{}": {} is a segment */
	mc_handler     handler;
	unsigned int   flags;
	unsigned int   roles; /* any of these roles, 0 = no check */
};

/*
 * A part of a program kept in a file of its own: its routes with the fields
 * they read (field indexes are the module's own).
 */
struct mc_module {
	const struct mc_route *routes;
	size_t		       nroutes;
	const struct mc_field *fields;
	size_t		       nfields;
};

#define MC_MAX_MODULES 24

struct mc_app {
	const char	       *name;	/* "portal": socket and logs */
	const struct mc_route  *routes; /* the main module */
	size_t			nroutes;
	const struct mc_field  *fields;
	size_t			nfields;
	const struct mc_module *modules[MC_MAX_MODULES]; /* others */
	int			api;	  /* JSON errors, bearer tokens */
	size_t			max_body; /* 0: config max_body */
	/* Called once in each worker after the DB opens; 0 or -1. */
	int (*init)(void);
	/*
	 * Where a GET of a ROUTE_LOGIN page sends an anonymous visitor
	 * ("?next=" and the URI are added); NULL: 403 instead.
	 */
	const char *login_path;
	/*
	 * Called before each handler, once the checks passed (r->db open,
	 * r->user loaded): what the program needs per request, e.g. rereading
	 * the days off, the layout's notification count. NULL: nothing.
	 */
	void (*before)(struct mc_request *);
};

/*
 * Runs the program: options -c CONFIG, -s SOCKET (default
 * socket_dir/NAME.sock), -n WORKERS, -f (one worker in the foreground,
 * no fork). Returns the exit code.
 */
int mc_app_run(const struct mc_app *, int argc, char **argv);

/*
 * Serves one request already held in r (used by the loop and by tests).
 * Fills r->status, r->headers and r->out.
 */
void mc_app_dispatch(const struct mc_app *, struct mc_request *);

/*
 * The security headers every answer carries (nosniff, frame and referrer
 * policies, the CSP, no-store), and HSTS when the request came over TLS
 * (Apache's HTTPS=on).
 */
void mc_app_security_headers(struct mc_request *);

/* Answers an error: a rendered page in the user's language, or JSON. */
int mc_app_error(struct mc_request *, int status, const char *message);

#endif
