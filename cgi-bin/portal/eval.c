/*
 * Rating the service (issue 10): the questionnaire inline on a returned
 * dossier's page, the single-use link from the e-mail or SMS (no login),
 * and the registered kiosks and counter tablets (paired with a one-time
 * code; the tablet shows the officer at its counter and goes back to idle
 * after 30 seconds).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eval.h"
#include "mc_files.h"
#include "mc_util.h"
#include "mc_view.h"

#include "portal.h"

#define DEVICE_COOKIE "mc_device"
#define DEVICE_AGE    (5L * 365 * 86400)
#define IDLE_SECONDS  "30"

enum field {
	FIELD_CSRF,
	FIELD_QV,
	FIELD_REASON,
	FIELD_CODE,
	FIELD_MA,
	FIELD_A1, /* a1 .. a20: the answer to the question of that seq */
	FIELD_A20 = FIELD_A1 + EVAL_MAX_QUESTIONS - 1,
	FIELD__MAX
};

/* clang-format off */
#define A(n) [FIELD_A1 + (n) - 1] = { "a" #n, valid_uint, 1, 0 }
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_QV] = { "qv", valid_uint, 10, 0 },
	[FIELD_REASON] = { "reason", valid_text, 2000, 0 },
	[FIELD_CODE] = { "code", valid_uint, 8, 0 },
	[FIELD_MA] = { "ma", valid_code, 48, 0 },
	A(1), A(2), A(3), A(4), A(5), A(6), A(7), A(8), A(9), A(10),
	A(11), A(12), A(13), A(14), A(15), A(16), A(17), A(18), A(19), A(20),
};
#undef A
/* clang-format on */

/* Data.Eval.*: the questions of f in the page's language, echo's answers. */
static void
form_model(struct mc_request *r, const struct mc_eval_form *f,
    const struct mc_eval_rating *echo, const char *action)
{
	const char *p;
	size_t	    i;
	int	    k, l = r->lang == LANG_EN ? 1 : 0;

	mc_view_set(r->hdf, "Data.Eval.Open", "1");
	mc_view_set(r->hdf, "Data.Eval.Action", action);
	mc_view_set_int(r->hdf, "Data.Eval.Qv", f->id);
	mc_view_set_int(r->hdf, "Data.Eval.Version", f->version);
	mc_view_set(r->hdf, "Data.Eval.Owner", f->agency_name);
	for (i = 0; i < f->n; i++) {
		p = mc_arena_printf(r->arena, "Data.Eval.Q.%zu", i);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.text", p),
		    f->q[i].text[l]);
		mc_view_setf(r->hdf, mc_arena_printf(r->arena, "%s.name", p),
		    "a%d", f->q[i].seq);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.kind", p),
		    mc_eval_kind_name(f->q[i].kind));
		for (k = 0; k < 3; k++) {
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.O.%d.text", p, k),
			    f->q[i].opt[l][k]);
			mc_view_setf(r->hdf,
			    mc_arena_printf(r->arena, "%s.O.%d.score", p, k),
			    "%d", 2 - k);
			mc_view_setf(r->hdf,
			    mc_arena_printf(r->arena, "%s.O.%d.key", p, k),
			    "s%d", 2 - k);
		}
		if (echo != NULL && echo->score[i] >= 0)
			mc_view_setf(r->hdf,
			    mc_arena_printf(r->arena, "%s.sel", p), "s%d",
			    echo->score[i]);
		if (echo != NULL && echo->score[i] < 0 &&
		    f->q[i].kind == EVAL_SATISFACTION)
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.Error", p), "1");
	}
	if (echo != NULL)
		mc_view_set(r->hdf, "Form.reason", echo->reason);
}

/*
 * The answers of a dossier's rating under the questions of the version it
 * was given on: Data.Eval.RatedVersion, Data.Eval.Answers.N.{text,answer}
 * (the questions answered). 0 or -1.
 */
static int
rated_answers(struct mc_request *r, long long dossier_id)
{
	struct mc_eval_form f;
	int    score[EVAL_MAX_QUESTIONS], rc, l = r->lang == LANG_EN;
	size_t i, k = 0;

	if ((rc = mc_eval_rating_answers(r->db, r->arena, dossier_id, &f,
		 score)) <= 0)
		return rc;
	mc_view_set_int(r->hdf, "Data.Eval.RatedVersion", f.version);
	mc_view_set(r->hdf, "Data.Eval.RatedOwner", f.agency_name);
	for (i = 0; i < f.n; i++) {
		if (score[i] < 0)
			continue;
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Eval.Answers.%zu.text", k),
		    f.q[i].text[l]);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Eval.Answers.%zu.answer",
			k),
		    f.q[i].opt[l][2 - score[i]]);
		k++;
	}
	return 0;
}

int
portal_eval_dossier(struct mc_request *r, const struct mc_dossier *d)
{
	struct mc_eval_form f;
	const char	   *when, *channel;
	int		    rc;

	if (d->status != STATUS_RETURNED || r->user == NULL ||
	    d->account_id != r->user->id)
		return 0;
	if ((rc = mc_eval_rated(r->db, r->arena, d->id, &when, &channel)) < 0)
		return -1;
	if (rc == 1) {
		mc_view_set(r->hdf, "Data.Eval.Rated", when);
		return rated_answers(r, d->id);
	}
	/* The questionnaire of the dossier's agency (or up its tree). */
	if ((rc = mc_eval_form_for(r->db, r->arena, d->agency_id, time(NULL),
		 &f)) <= 0)
		return rc;
	form_model(r, &f, NULL,
	    mc_arena_printf(r->arena, "/dich-vu/ho-so/%s/danh-gia", d->code));
	return 0;
}

/*
 * Reads the posted answers into *x for the questionnaire the form named
 * (qv), loaded into *f. 1 read, 0 the version is unknown, -1 error.
 */
static int
read_answers(struct mc_request *r, struct mc_eval_form *f,
    struct mc_eval_rating *x)
{
	long long qv = 0;
	size_t	  i;
	int	  rc;

	memset(x, 0, sizeof(*x));
	if (mc_req_field(r, FIELD_QV) == NULL ||
	    mc_parse_ll(mc_req_field(r, FIELD_QV), 1, 1LL << 31, &qv) < 0)
		return 0;
	if ((rc = mc_eval_form_load(r->db, r->arena, qv, time(NULL), f)) <= 0)
		return rc;
	for (i = 0; i < f->n; i++) {
		const char *v = NULL;

		if (f->q[i].seq >= 1 && f->q[i].seq <= EVAL_MAX_QUESTIONS)
			v = mc_req_field(r, FIELD_A1 + f->q[i].seq - 1);
		x->score[i] = v != NULL && v[1] == '\0' && v[0] >= '0' &&
			v[0] <= '2' ?
		    v[0] - '0' :
		    -1;
	}
	x->reason = mc_req_field(r, FIELD_REASON);
	if (x->reason != NULL && *x->reason == '\0')
		x->reason = NULL;
	return 1;
}

/* The Lang.Eval key of a refusal, and its status. */
static const char *
refusal(int rc, int *status)
{
	*status = 422;
	switch (rc) {
	case EVAL_MISSING:
		return "Eval.ErrMissing";
	case EVAL_NEED_REASON:
		return "Eval.ErrReason";
	case EVAL_DONE:
		*status = 409;
		return "Eval.ErrDone";
	case EVAL_NOT_RETURNED:
		*status = 409;
		return "Eval.ErrNotReturned";
	case EVAL_FORBIDDEN:
		*status = 403;
		return "Eval.ErrForbidden";
	case EVAL_BAD_TOKEN:
		*status = 410;
		return "Eval.ErrToken";
	case EVAL_WRONG_FORM:
		*status = 409;
		return "Eval.ErrWrongForm";
	default:
		*status = 404;
		return "Eval.ErrNoVisit";
	}
}

/*
 * Answers a rating's outcome on the page template tmpl: a re-shown form
 * with the answers kept and the message for 422, an error page otherwise.
 */
static int
refused(struct mc_request *r, int rc, const struct mc_eval_form *f,
    const struct mc_eval_rating *x, const char *action, const char *tmpl)
{
	const char *key;
	int	    status;

	key = refusal(rc, &status);
	if (status != 422)
		return mc_app_error(r, status, mc_view_str(r->hdf, key));
	form_model(r, f, x, action);
	if (rc == EVAL_NEED_REASON)
		mc_view_set(r->hdf, "Form.Errors.reason", "1");
	mc_view_set(r->hdf, "Page.Flash", mc_view_str(r->hdf, key));
	mc_view_set(r->hdf, "Page.FlashKind", "error");
	if (mc_view_str(r->hdf, "Page.Title") == NULL ||
	    *mc_view_str(r->hdf, "Page.Title") == '\0')
		mc_view_set(r->hdf, "Page.Title",
		    mc_view_str(r->hdf, "Eval.Title"));
	r->status = 422;
	return mc_resp_page(r, tmpl) == 200 ? 422 : 500;
}

/* POST /dich-vu/ho-so/{code}/danh-gia: the applicant rates inline. */
static int
page_rate_dossier(struct mc_request *r)
{
	struct mc_eval_form   f;
	struct mc_eval_rating x;
	const char	     *action;
	int		      rc;

	if ((rc = read_answers(r, &f, &x)) < 0)
		return 503;
	if (rc == 0)
		return mc_app_error(r, 422,
		    mc_view_str(r->hdf, "Eval.ErrMissing"));
	x.channel = EVAL_WEB;
	x.dossier_code = r->cap[0];
	x.account_id = r->user->id;
	if ((rc = mc_eval_rate(r->db, r->arena, &f, &x, time(NULL))) < 0)
		return 503;
	action = mc_arena_printf(r->arena, "/dich-vu/ho-so/%s/danh-gia",
	    r->cap[0]);
	if (rc > 0) {
		mc_view_set(r->hdf, "Data.Eval.Code", r->cap[0]);
		return refused(r, rc, &f, &x, action, "portal/eval.cs");
	}
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "/dich-vu/ho-so/%s?danh-gia=1#danh-gia",
		r->cap[0]));
}

/* GET /dich-vu/danh-gia/{token}: the link's page, no login. */
static int
page_link(struct mc_request *r)
{
	struct mc_eval_form f;
	const char	   *code;
	unsigned int	    agency;
	int		    rc;

	if ((rc = mc_eval_token_dossier(r->db, r->arena, r->cap[0], time(NULL),
		 &code, &agency)) < 0)
		return 503;
	if (rc == 0)
		return mc_app_error(r, 410,
		    mc_view_str(r->hdf, "Eval.ErrToken"));
	if ((rc = mc_eval_form_for(r->db, r->arena, agency, time(NULL), &f)) <
	    0)
		return 503;
	if (rc == 0)
		return 404;
	mc_view_set(r->hdf, "Data.Eval.Code", code);
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Eval.Title"));
	form_model(r, &f, NULL,
	    mc_arena_printf(r->arena, "/dich-vu/danh-gia/%s", r->cap[0]));
	return mc_resp_page(r, "portal/eval.cs");
}

/* POST /dich-vu/danh-gia/{token}: rated through the link, used up. */
static int
page_link_post(struct mc_request *r)
{
	struct mc_eval_form   f;
	struct mc_eval_rating x;
	const char	     *code;
	int		      rc;

	if ((rc = read_answers(r, &f, &x)) < 0)
		return 503;
	if (rc == 0)
		return mc_app_error(r, 422,
		    mc_view_str(r->hdf, "Eval.ErrMissing"));
	x.channel = EVAL_LINK;
	x.token = r->cap[0];
	if ((rc = mc_eval_rate(r->db, r->arena, &f, &x, time(NULL))) < 0)
		return 503;
	if (rc > 0) {
		if (mc_eval_token_dossier(r->db, r->arena, r->cap[0],
			time(NULL), &code, NULL) == 1)
			mc_view_set(r->hdf, "Data.Eval.Code", code);
		return refused(r, rc, &f, &x,
		    mc_arena_printf(r->arena, "/dich-vu/danh-gia/%s",
			r->cap[0]),
		    "portal/eval.cs");
	}
	mc_view_set(r->hdf, "Data.Eval.Thanks", "1");
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Eval.Title"));
	return mc_resp_page(r, "portal/eval.cs");
}

/* ------------------------------------------------------------ devices */

/* The registered device of this browser: 1, 0 none, -1 error. */
static int
device(struct mc_request *r, struct mc_eval_device *dev)
{
	return mc_eval_device_get(r->db, r->arena,
	    mc_req_cookie(r, DEVICE_COOKIE), dev);
}

/* Data.Device.*: what the device page shows of it and its officer. */
static void
device_model(struct mc_request *r, const struct mc_eval_device *dev)
{
	mc_view_set(r->hdf, "Data.Device.Name", dev->name);
	mc_view_set(r->hdf, "Data.Device.Kind", dev->kind);
	mc_view_set(r->hdf, "Data.Device.Agency", dev->agency_name);
	if (dev->officer_id > 0) {
		mc_view_set(r->hdf, "Data.Device.Officer", dev->officer_name);
		mc_view_set(r->hdf, "Data.Device.Title",
		    r->lang == LANG_EN && dev->officer_title_en != NULL ?
			dev->officer_title_en :
			dev->officer_title);
		if (dev->officer_photo != NULL)
			mc_view_set(r->hdf, "Data.Device.Photo",
			    dev->officer_photo);
		mc_view_set(r->hdf, "Data.Device.Counter", dev->counter);
	}
	mc_view_set(r->hdf, "Data.Device.Idle", IDLE_SECONDS);
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Eval.Device"));
	/* A device's screen: no way off it but the language switch. */
	mc_view_set(r->hdf, "Page.Device", "1");
}

/* GET /dich-vu/thiet-bi-danh-gia: idle, or the questionnaire. */
static int
page_device(struct mc_request *r)
{
	struct mc_eval_device dev;
	struct mc_eval_form   f;
	int		      rc;

	if ((rc = device(r, &dev)) < 0)
		return 503;
	if (rc == 0)
		return mc_resp_redirect(r, "/dich-vu/thiet-bi-danh-gia/ghep");
	device_model(r, &dev);
	if (strstr(r->query, "xong=1") != NULL)
		mc_view_set(r->hdf, "Data.Eval.Thanks", "1");
	else if ((strcmp(dev.kind, "tablet") == 0 && dev.visit_id > 0 &&
		     strstr(r->query, "bat-dau=1") != NULL) ||
	    (strcmp(dev.kind, "kiosk") == 0 &&
		mc_req_field(r, FIELD_MA) != NULL)) {
		/* A device rates its own agency's dossiers and visits. */
		if ((rc = mc_eval_form_for(r->db, r->arena, dev.agency_id,
			 time(NULL), &f)) < 0)
			return 503;
		if (rc == 0)
			return 404;
		mc_view_set(r->hdf, "Data.Eval.Code",
		    mc_req_field(r, FIELD_MA));
		form_model(r, &f, NULL, "/dich-vu/thiet-bi-danh-gia");
	} else if (dev.visit_id > 0)
		mc_view_set(r->hdf, "Data.Device.Visit", "1");
	return mc_resp_page(r, "portal/eval_device.cs");
}

/* POST /dich-vu/thiet-bi-danh-gia: a rating from a registered device. */
static int
page_device_post(struct mc_request *r)
{
	struct mc_eval_device dev;
	struct mc_eval_form   f;
	struct mc_eval_rating x;
	int		      rc;

	if ((rc = device(r, &dev)) < 0)
		return 503;
	if (rc == 0)
		return mc_app_error(r, 403,
		    mc_view_str(r->hdf, "Eval.ErrDevice"));
	mc_view_set(r->hdf, "Page.Device", "1"); /* its refusals too */
	if ((rc = read_answers(r, &f, &x)) < 0)
		return 503;
	if (rc == 0)
		return mc_app_error(r, 422,
		    mc_view_str(r->hdf, "Eval.ErrMissing"));
	x.device_id = dev.id;
	x.device_agency = dev.agency_id;
	if (strcmp(dev.kind, "tablet") == 0)
		x.channel = EVAL_TABLET;
	else {
		x.channel = EVAL_KIOSK;
		x.dossier_code = mc_req_field(r, FIELD_MA);
	}
	if ((rc = mc_eval_rate(r->db, r->arena, &f, &x, time(NULL))) < 0)
		return 503;
	if (rc > 0) {
		device_model(r, &dev);
		mc_view_set(r->hdf, "Data.Eval.Code", x.dossier_code);
		return refused(r, rc, &f, &x, "/dich-vu/thiet-bi-danh-gia",
		    "portal/eval_device.cs");
	}
	return mc_resp_redirect(r, "/dich-vu/thiet-bi-danh-gia?xong=1");
}

/* GET /dich-vu/thiet-bi-danh-gia/ghep: the pairing form. */
static int
page_pair(struct mc_request *r)
{
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Eval.Pair"));
	return mc_resp_page(r, "portal/eval_pair.cs");
}

/* POST .../ghep: the admin's one-time code makes this browser a device. */
static int
page_pair_post(struct mc_request *r)
{
	char token[65];
	int  rc;

	if ((rc = mc_eval_device_pair(r->db, mc_req_field(r, FIELD_CODE),
		 time(NULL), token)) < 0)
		return 503;
	if (rc != 0) {
		mc_view_set(r->hdf, "Form.Errors.code", "1");
		mc_view_set(r->hdf, "Page.Title",
		    mc_view_str(r->hdf, "Eval.Pair"));
		r->status = 422;
		return mc_resp_page(r, "portal/eval_pair.cs") == 200 ? 422 :
								       500;
	}
	mc_resp_cookie(r, DEVICE_COOKIE, token, DEVICE_AGE);
	return mc_resp_redirect(r, "/dich-vu/thiet-bi-danh-gia");
}

/* GET .../anh: the photo of the officer at this tablet's counter. */
static int
page_photo(struct mc_request *r)
{
	struct mc_eval_device dev;
	int		      rc;

	if ((rc = device(r, &dev)) < 0)
		return 503;
	if (rc == 0 || dev.officer_photo == NULL ||
	    (rc = mc_files_load(r->arena, dev.officer_photo, &r->out)) > 0)
		return 404;
	if (rc < 0)
		return 500;
	mc_resp_header(r, "Content-Type",
	    dev.officer_photo_mime != NULL &&
		    strcmp(dev.officer_photo_mime, "image/png") == 0 ?
		"image/png" :
		"image/jpeg");
	mc_resp_header(r, "Cache-Control", "no-cache");
	r->rendered = 1;
	return 200;
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_POST, "/dich-vu/ho-so/{}/danh-gia", page_rate_dossier,
	    ROUTE_LOGIN, 0 },
	{ METHOD_GET, "/dich-vu/danh-gia/{}", page_link, 0, 0 },
	{ METHOD_POST, "/dich-vu/danh-gia/{}", page_link_post, 0, 0 },
	{ METHOD_GET, "/dich-vu/thiet-bi-danh-gia", page_device, 0, 0 },
	{ METHOD_POST, "/dich-vu/thiet-bi-danh-gia", page_device_post, 0, 0 },
	{ METHOD_GET, "/dich-vu/thiet-bi-danh-gia/ghep", page_pair, 0, 0 },
	{ METHOD_POST, "/dich-vu/thiet-bi-danh-gia/ghep", page_pair_post, 0,
	    0 },
	{ METHOD_GET, "/dich-vu/thiet-bi-danh-gia/anh", page_photo, 0, 0 },
};
/* clang-format on */

/* clang-format off */
const struct mc_module portal_eval = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
