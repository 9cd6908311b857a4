/*
 * Feedback and complaints, the citizen's side (issue 10): send feedback
 * (optionally about one of one's dossiers, with a category, the ward and up
 * to three photos), one's list with each one's state, an answered one
 * resolved or reopened. Without a login, the sender gives a phone number
 * proved by a one-time code sent by SMS (lib/domain/mc_phonecode) before
 * the feedback is accepted, and follows it by the link whose token only
 * they received. The rules are lib/domain/mc_feedback's.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_eform.h"
#include "mc_feedback.h"
#include "mc_files.h"
#include "mc_phonecode.h"
#include "mc_util.h"
#include "mc_view.h"

#include "portal.h"

enum field {
	FIELD_CSRF,
	FIELD_DOSSIER,
	FIELD_CATEGORY,
	FIELD_WARD,
	FIELD_BODY,
	FIELD_PUBLISH,
	FIELD_PHOTO1,
	FIELD_PHOTO2,
	FIELD_PHOTO3,
	FIELD_KEPT1,
	FIELD_KEPT2,
	FIELD_KEPT3,
	FIELD_ACTION,
	FIELD_NOTE,
	FIELD_HS,
	FIELD_PHONE,
	FIELD_TICKET,
	FIELD_CODE,
	FIELD_RESEND,
	FIELD__MAX
};

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_DOSSIER] = { "dossier", valid_code, 48, 0 },
	[FIELD_CATEGORY] = { "category", valid_code, 16, 0 },
	[FIELD_WARD] = { "ward", valid_code, 8, 0 },
	[FIELD_BODY] = { "body", valid_text, 4000, 0 },
	[FIELD_PUBLISH] = { "publish", valid_uint, 1, 0 },
	[FIELD_PHOTO1] = { "photo1", valid_file, 10 << 20, 1 },
	[FIELD_PHOTO2] = { "photo2", valid_file, 10 << 20, 1 },
	[FIELD_PHOTO3] = { "photo3", valid_file, 10 << 20, 1 },
	[FIELD_KEPT1] = { "kept1", valid_line, 400, 0 },
	[FIELD_KEPT2] = { "kept2", valid_line, 400, 0 },
	[FIELD_KEPT3] = { "kept3", valid_line, 400, 0 },
	[FIELD_ACTION] = { "action", valid_code, 16, 0 },
	[FIELD_NOTE] = { "note", valid_text, 2000, 0 },
	[FIELD_HS] = { "ho-so", valid_code, 48, 0 },
	[FIELD_PHONE] = { "phone", valid_phone, 16, 0 },
	[FIELD_TICKET] = { "ticket", valid_token, 64, 0 },
	[FIELD_CODE] = { "code", valid_line, 12, 0 },
	[FIELD_RESEND] = { "resend", valid_uint, 1, 0 },
};
/* clang-format on */

#define BODY_MIN 10 /* characters */

/*
 * The MAC that lets a photo stored by a refused post come back with the
 * next one: over the account and the file, under the site secret.
 */
static void
kept_mac(const struct mc_request *r, const char *sha, char type, char out[65])
{
	const char   *secret = mc_config_get("secret", "");
	unsigned char mac[32];
	char	      msg[160];

	snprintf(msg, sizeof(msg), "feedback-photo\n%lld\n%s\n%c",
	    r->user != NULL ? r->user->id : 0, sha, type);
	mc_hmac_sha256(mac, secret, strlen(secret), msg, strlen(msg));
	mc_hex(out, mac, sizeof(mac));
}

/* The categories and the wards for the form (Data.Categories, .Wards). */
static int
form_model(struct mc_request *r)
{
	struct mc_rows wards;
	int	       i;

	for (i = 0; i < FB__MAX; i++)
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Categories.%d", i),
		    mc_feedback_category_name(i));
	if (mc_eform_wards(r->db, r->arena, &wards) < 0)
		return -1;
	for (i = 0; i < (int)wards.n; i++) {
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Wards.%d.code", i),
		    mc_rows_str(&wards, (size_t)i, WARD_CODE));
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Wards.%d.name", i),
		    mc_rows_str(&wards, (size_t)i,
			r->lang == LANG_EN ? WARD_NAME_EN : WARD_NAME));
	}
	if (r->user == NULL)
		mc_view_set(r->hdf, "Data.Anon", "1");
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Feedback.NewTitle"));
	mc_view_set(r->hdf, "Page.Nav", "feedback");
	return 0;
}

static int
page_new(struct mc_request *r)
{
	if (form_model(r) < 0)
		return 503;
	mc_view_set(r->hdf, "Form.dossier", mc_req_field(r, FIELD_HS));
	return mc_resp_page(r, "portal/feedback_new.cs");
}

/* An error of the form: Form.Errors.<name> and the summary's line. */
static void
form_error(struct mc_request *r, const char *field, const char *key)
{
	mc_view_field_error(r->hdf, field, "Feedback.Err", key);
}

/*
 * The photos: those kept from a refused post (with their MAC), then the
 * new ones, each checked from its bytes (JPEG or PNG only). Kept ones go
 * back to the page as Data.Kept. 0, or 503.
 */
static int
photos(struct mc_request *r, struct mc_fb_new *n)
{
	const struct mc_param *p;
	struct mc_file	       f;
	const char	      *k, *dot, *why;
	long long	       size;
	char		       mac[65], sha[65];
	int		       i, rc;

	for (i = 0; i < MC_FB_PHOTOS; i++) {
		/* "<sha256>.<mac>.<j|p><filename>" */
		if ((k = mc_req_field(r, FIELD_KEPT1 + i)) == NULL ||
		    (dot = strchr(k, '.')) == NULL || dot - k != 64 ||
		    strlen(dot + 1) < 64 + 3 || dot[65] != '.' ||
		    (dot[66] != 'j' && dot[66] != 'p'))
			continue;
		memcpy(sha, k, 64);
		sha[64] = '\0';
		kept_mac(r, sha, dot[66], mac);
		if (!mc_ct_equal(mac, dot + 1, 64) ||
		    mc_files_size(r->arena, sha, &size) < 0)
			continue;
		n->photos[n->nphotos].sha256 = mc_arena_strdup(r->arena, sha);
		n->photos[n->nphotos].filename = dot + 67;
		n->photos[n->nphotos].mime = dot[66] == 'j' ? "image/jpeg" :
							      "image/png";
		n->photos[n->nphotos].size = (size_t)size;
		n->nphotos++;
	}
	for (i = 0; i < MC_FB_PHOTOS; i++) {
		if ((p = mc_req_param(r, FIELD_PHOTO1 + i)) == NULL ||
		    p->len == 0) {
			if (mc_req_field_bad(r, FIELD_PHOTO1 + i))
				form_error(r, "photo1", "photo_size");
			continue;
		}
		if (n->nphotos >= MC_FB_PHOTOS) {
			form_error(r, "photo1", "photo_many");
			break;
		}
		if ((rc = mc_files_store(r->arena, p->value, p->len,
			 p->filename, &f, &why)) < 0)
			return 503;
		if (rc == 1 ||
		    (strcmp(f.mime, "image/jpeg") != 0 &&
			strcmp(f.mime, "image/png") != 0)) {
			form_error(r, "photo1",
			    rc == 1 && strcmp(why, "Error.FileSize") == 0 ?
				"photo_size" :
				"photo_type");
			continue;
		}
		n->photos[n->nphotos].sha256 = mc_arena_strdup(r->arena,
		    f.sha256);
		n->photos[n->nphotos].filename = f.filename;
		n->photos[n->nphotos].mime = f.mime;
		n->photos[n->nphotos].size = f.size;
		n->nphotos++;
	}
	return 0;
}

/* The photos already sent, kept in the re-shown form. */
static void
photos_keep(struct mc_request *r, const struct mc_fb_new *n)
{
	char   mac[65];
	size_t i;

	for (i = 0; i < n->nphotos; i++) {
		char t = strcmp(n->photos[i].mime, "image/png") == 0 ? 'p' :
								       'j';

		kept_mac(r, n->photos[i].sha256, t, mac);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Kept.%zu.value", i),
		    mc_arena_printf(r->arena, "%s.%s.%c%s",
			n->photos[i].sha256, mac, t, n->photos[i].filename));
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "Data.Kept.%zu.name", i),
		    n->photos[i].filename);
		mc_view_set_int(r->hdf,
		    mc_arena_printf(r->arena, "Data.Kept.%zu.n", i),
		    (long long)i + 1);
	}
}

/*
 * Without a login, the phone's code: sent (first, or "send a new code";
 * *sent = 1 and the form comes back for the code), or checked (proved: its
 * id in n->phone_code; wrong: an error at the code, its attempts left,
 * nothing typed lost). 0 or a status.
 */
static int
phone_step(struct mc_request *r, struct mc_fb_new *n, int *sent)
{
	const char *ticket = mc_req_field(r, FIELD_TICKET);
	const char *resend = mc_req_field(r, FIELD_RESEND);
	const char *fresh = NULL;
	long	    wait;
	int	    rc, left;

	if (ticket != NULL)
		mc_view_set(r->hdf, "Data.Ticket", ticket);
	if (ticket == NULL || (resend != NULL && strcmp(resend, "1") == 0)) {
		rc = mc_feedback_send_code(r->db, r->arena, n->phone,
		    r->remote_addr, time(NULL), &fresh, &wait);
		if (rc < 0)
			return 503;
		if (rc == PHONECODE_E_WAIT)
			form_error(r, ticket != NULL ? "code" : "phone",
			    "code_wait");
		else if (rc == PHONECODE_E_LIMIT)
			form_error(r, ticket != NULL ? "code" : "phone",
			    "code_limit");
		else {
			mc_view_set(r->hdf, "Data.Ticket", fresh);
			mc_view_set(r->hdf, "Page.Flash",
			    mc_arena_printf(r->arena, "%s %s.",
				mc_view_str(r->hdf, "Feedback.CodeSentTo"),
				n->phone));
			mc_view_set(r->hdf, "Page.FlashKind", "success");
			*sent = 1;
		}
		return 0;
	}
	rc = mc_phonecode_check(r->db, r->arena, PHONECODE_FEEDBACK, n->phone,
	    ticket, mc_req_field(r, FIELD_CODE), time(NULL), &n->phone_code,
	    &left);
	if (rc < 0)
		return 503;
	if (rc == PHONECODE_E_WRONG) {
		form_error(r, "code", "code");
		mc_view_set_int(r->hdf, "Data.CodeLeft", left);
	} else if (rc != 0)
		form_error(r, "code", "code_expired");
	return 0;
}

static int
page_send(struct mc_request *r)
{
	static const int echo[] = { FIELD_DOSSIER, FIELD_CATEGORY, FIELD_WARD,
		FIELD_BODY, FIELD_PUBLISH, FIELD_PHONE };
	struct mc_fb_new n;
	const char	*code = NULL, *v;
	size_t		 i;
	int		 rc, sent = 0;

	memset(&n, 0, sizeof(n));
	for (i = 0; i < sizeof(echo) / sizeof(echo[0]); i++) {
		const struct mc_param *p = r->fields[echo[i]];

		if (p != NULL && mc_utf8_valid(p->value, p->len))
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "Form.%s",
				fields[echo[i]].name),
			    p->value);
	}
	n.dossier_code = mc_req_field(r, FIELD_DOSSIER);
	if (mc_req_field_bad(r, FIELD_DOSSIER))
		form_error(r, "dossier", "dossier");
	n.category = mc_feedback_category_parse(
	    mc_req_field(r, FIELD_CATEGORY));
	if (n.category < 0)
		form_error(r, "category", "category");
	n.ward_code = mc_req_field(r, FIELD_WARD);
	if (mc_req_field_bad(r, FIELD_WARD))
		form_error(r, "ward", "ward");
	n.body = mc_req_field(r, FIELD_BODY);
	if (mc_req_field_bad(r, FIELD_BODY))
		form_error(r, "body", "body_long");
	else if (n.body == NULL || mc_utf8_chars(n.body) < BODY_MIN)
		form_error(r, "body", "body");
	n.publish = (v = mc_req_field(r, FIELD_PUBLISH)) != NULL &&
	    strcmp(v, "1") == 0;
	if (r->user == NULL) {
		n.phone = mc_req_field(r, FIELD_PHONE);
		if (n.phone == NULL || mc_req_field_bad(r, FIELD_PHONE))
			form_error(r, "phone", "phone");
		if (n.dossier_code != NULL && *n.dossier_code != '\0')
			form_error(r, "dossier", "dossier");
	}
	if (photos(r, &n) != 0)
		return 503;
	if (r->user == NULL &&
	    hdf_get_int_value(r->hdf, "Data.NErrors", 0) == 0 &&
	    (rc = phone_step(r, &n, &sent)) != 0)
		return rc;
	rc = 0;
	if (hdf_get_int_value(r->hdf, "Data.NErrors", 0) == 0 && !sent) {
		rc = mc_feedback_submit(r->db, r->arena, r->user, &n,
		    time(NULL), &code);
		if (rc < 0)
			return 503;
		if (rc == FB_E_DOSSIER)
			form_error(r, "dossier", "dossier");
		else if (rc == FB_E_AGENCY)
			form_error(r, "ward", "ward");
		else if (rc == FB_E_CODE)
			form_error(r, "code", "code_expired");
		else if (rc != 0)
			return 403;
	}
	if (hdf_get_int_value(r->hdf, "Data.NErrors", 0) > 0 || sent) {
		if (form_model(r) < 0)
			return 503;
		photos_keep(r, &n);
		r->status = sent ? 200 : 422;
		return mc_resp_page(r, "portal/feedback_new.cs") == 200 ?
		    r->status :
		    500;
	}
	if (r->user == NULL)
		return mc_resp_redirect(r,
		    mc_arena_printf(r->arena,
			"/dich-vu/phan-anh/theo-doi/%s/%s?moi=1", code,
			mc_feedback_follow_token(r->arena, code)));
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "/dich-vu/phan-anh/%s?moi=1", code));
}

static int
page_mine(struct mc_request *r)
{
	struct mc_rows rows;

	if (mc_feedback_mine(r->db, r->arena, r->user->id, &rows) < 0)
		return 503;
	mc_view_rows(r->hdf, "Data.Feedback", &rows);
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Feedback.MineTitle"));
	mc_view_set(r->hdf, "Page.Nav", "feedback");
	return mc_resp_page(r, "portal/feedback_list.cs");
}

/* Loads r->cap[0] for its sender: 0, or 404 (also for anyone else). */
static int
load(struct mc_request *r, struct mc_feedback *f)
{
	int rc;

	if ((rc = mc_feedback_load(r->db, r->arena, r->cap[0], f)) < 0)
		return 503;
	if (rc == 0 || !mc_feedback_is_sender(r->user, f))
		return 404;
	return 0;
}

/* Loads r->cap[0] for the holder of its follow token r->cap[1]: 0 or 404. */
static int
load_token(struct mc_request *r, struct mc_feedback *f)
{
	int rc;

	if ((rc = mc_feedback_load(r->db, r->arena, r->cap[0], f)) < 0)
		return 503;
	if (rc == 0 || f->account_id != 0 ||
	    !mc_feedback_follow_ok(f->code, r->cap[1]))
		return 404;
	mc_view_set(r->hdf, "Data.Follow", "1");
	return 0;
}

/* Where the feedback's page is: its follow link without a login. */
static const char *
base_of(struct mc_request *r, const struct mc_feedback *f)
{
	return f->account_id == 0 ?
	    mc_arena_printf(r->arena, "/dich-vu/phan-anh/theo-doi/%s/%s",
		f->code, mc_feedback_follow_token(r->arena, f->code)) :
	    mc_arena_printf(r->arena, "/dich-vu/phan-anh/%s", f->code);
}

static int
show(struct mc_request *r, struct mc_feedback *f, int status)
{
	mc_view_set(r->hdf, "Data.Base", base_of(r, f));
	mc_view_rows(r->hdf, "Data.Fb", &f->row);
	mc_view_rows(r->hdf, "Data.Photos", &f->photos);
	mc_view_rows(r->hdf, "Data.Events", &f->events);
	if (f->status == FBS_ANSWERED)
		mc_view_set(r->hdf, "Data.CanConfirm", "1");
	if (strstr(r->query, "moi=1") != NULL) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Feedback.SentOk"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	} else if (strstr(r->query, "ok=1") != NULL) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Feedback.Updated"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	mc_view_set(r->hdf, "Page.Title", f->code);
	mc_view_set(r->hdf, "Page.Nav", "feedback");
	r->status = status;
	if (mc_resp_page(r, "portal/feedback.cs") != 200)
		return 500;
	return status;
}

static int
page_show(struct mc_request *r)
{
	struct mc_feedback f;
	int		   rc;

	if ((rc = load(r, &f)) != 0)
		return rc;
	return show(r, &f, 200);
}

static int send_photo(struct mc_request *, const struct mc_rows *,
    const char *);

/* Resolve or reopen f, as its user or the holder of its token. */
static int
confirm(struct mc_request *r, struct mc_feedback *f, const char *token)
{
	const char	 *a = mc_req_field(r, FIELD_ACTION);
	enum mc_fb_action act;
	int		  rc;

	if (a != NULL && strcmp(a, "resolve") == 0)
		act = FBA_RESOLVE;
	else if (a != NULL && strcmp(a, "reopen") == 0)
		act = FBA_REOPEN;
	else {
		mc_view_set(r->hdf, "Form.Errors.action", "1");
		mc_view_set(r->hdf, "Form.note", mc_req_field(r, FIELD_NOTE));
		return show(r, f, 422);
	}
	if (mc_req_field_bad(r, FIELD_NOTE)) {
		mc_view_set(r->hdf, "Form.Errors.note", "1");
		return show(r, f, 422);
	}
	rc = token != NULL ?
	    mc_feedback_citizen_token(r->db, r->arena, f->code, token, act,
		mc_req_field(r, FIELD_NOTE), time(NULL)) :
	    mc_feedback_citizen(r->db, r->arena, r->user, f->code, act,
		mc_req_field(r, FIELD_NOTE), time(NULL));
	if (rc < 0)
		return 503;
	if (rc == FB_E_NOTFOUND || rc == FB_E_SCOPE)
		return 404;
	if (rc == FB_E_STATE) {
		mc_view_set(r->hdf, "Form.Errors.state", "1");
		mc_view_set(r->hdf, "Form.note", mc_req_field(r, FIELD_NOTE));
		return show(r, f, 409);
	}
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "%s?ok=1", base_of(r, f)));
}

static int
page_confirm(struct mc_request *r)
{
	struct mc_feedback f;
	int		   rc;

	if ((rc = load(r, &f)) != 0)
		return rc;
	return confirm(r, &f, NULL);
}

/* Without a login: the page, the answer's confirmation, a photo. */
static int
page_follow(struct mc_request *r)
{
	struct mc_feedback f;
	int		   rc;

	if ((rc = load_token(r, &f)) != 0)
		return rc;
	return show(r, &f, 200);
}

static int
page_follow_confirm(struct mc_request *r)
{
	struct mc_feedback f;
	int		   rc;

	if ((rc = load_token(r, &f)) != 0)
		return rc;
	return confirm(r, &f, r->cap[1]);
}

static int
page_follow_photo(struct mc_request *r)
{
	struct mc_feedback f;
	int		   rc;

	if ((rc = load_token(r, &f)) != 0)
		return rc;
	return send_photo(r, &f.photos, r->cap[2]);
}

/* Sends photo seq of rows (seq, sha256, filename, mime). */
static int
send_photo(struct mc_request *r, const struct mc_rows *photos, const char *seq)
{
	const char *sha = NULL, *mime = NULL;
	size_t	    i;
	int	    got;

	for (i = 0; i < photos->n; i++)
		if (strcmp(mc_rows_str(photos, i, 0), seq) == 0) {
			sha = mc_rows_str(photos, i, 1);
			mime = mc_rows_str(photos, i, 3);
		}
	if (sha == NULL || (got = mc_files_load(r->arena, sha, &r->out)) > 0)
		return 404;
	if (got < 0)
		return 500;
	mc_resp_header(r, "Content-Type", mime);
	r->rendered = 1;
	return 200;
}

/* A photo of one's own feedback. */
static int
page_photo(struct mc_request *r)
{
	struct mc_feedback f;
	int		   rc;

	if ((rc = load(r, &f)) != 0)
		return rc;
	return send_photo(r, &f.photos, r->cap[1]);
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/dich-vu/phan-anh", page_mine, ROUTE_LOGIN, 0 },
	{ METHOD_GET, "/dich-vu/phan-anh/gui", page_new, 0, 0 },
	{ METHOD_POST, "/dich-vu/phan-anh/gui", page_send, 0, 0 },
	{ METHOD_GET, "/dich-vu/phan-anh/theo-doi/{}/{}", page_follow, 0, 0 },
	{ METHOD_POST, "/dich-vu/phan-anh/theo-doi/{}/{}/xac-nhan",
	    page_follow_confirm, 0, 0 },
	{ METHOD_GET, "/dich-vu/phan-anh/theo-doi/{}/{}/anh/{}",
	    page_follow_photo, 0, 0 },
	{ METHOD_GET, "/dich-vu/phan-anh/{}", page_show, ROUTE_LOGIN, 0 },
	{ METHOD_POST, "/dich-vu/phan-anh/{}/xac-nhan", page_confirm,
	    ROUTE_LOGIN, 0 },
	{ METHOD_GET, "/dich-vu/phan-anh/{}/anh/{}", page_photo, ROUTE_LOGIN,
	    0 },
};
/* clang-format on */

/* clang-format off */
const struct mc_module portal_feedback = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
