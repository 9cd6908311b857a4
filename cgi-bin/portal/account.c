/*
 * A user's own account (/dich-vu/tai-khoan): changing the password (the
 * other sessions end), and a forgotten password reset by an e-mailed link.
 * The password rule is lib/domain/mc_password's, shared with registration.
 * The e-mail and phone, each verified or waiting for its proof (a link, an
 * SMS code: lib/domain/mc_verify), and changing them.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_outbox.h"
#include "mc_password.h"
#include "mc_session.h"
#include "mc_throttle.h"
#include "mc_util.h"
#include "mc_verify.h"
#include "mc_view.h"

#include "portal.h"

#define BASE   "/dich-vu/tai-khoan"
#define FORGOT "/dich-vu/quen-mat-khau"
#define RESET  "/dich-vu/dat-lai-mat-khau"
#define VERIFY "/dich-vu/xac-nhan-email"

enum field {
	FIELD_CSRF,
	FIELD_CURRENT,
	FIELD_PASSWORD,
	FIELD_PASSWORD2,
	FIELD_EMAIL,
	FIELD_PHONE,
	FIELD_CODE,
	FIELD__MAX
};

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_CURRENT] = { "current", valid_line, 600, 0 },
	[FIELD_PASSWORD] = { "password", valid_line, 600, 0 },
	[FIELD_PASSWORD2] = { "password2", valid_line, 600, 0 },
	[FIELD_EMAIL] = { "email", valid_email, 254, 0 },
	[FIELD_PHONE] = { "phone", valid_phone, 16, 0 },
	[FIELD_CODE] = { "code", valid_line, 16, 0 },
};
/* clang-format on */

int
portal_password_check(struct mc_request *r, const char *pw, int bad,
    const char *pw2, const struct mc_user *u, const char *const *more,
    size_t nmore)
{
	const char	  *own[8];
	enum mc_pw_verdict v;
	size_t		   n = 0, i;

	if (u != NULL) {
		own[n++] = u->id_number;
		own[n++] = u->phone;
		own[n++] = u->email;
		own[n++] = u->full_name;
	}
	for (i = 0; i < nmore && n < sizeof(own) / sizeof(own[0]); i++)
		own[n++] = more[i];
	if (bad)
		v = PW_LONG;
	else if (mc_password_judge(r->arena, pw, own, n, &v) < 0)
		return -1;
	if (v != PW_OK) {
		mc_view_set(r->hdf, "Form.Errors.password",
		    mc_password_verdict_name(v));
		return 0;
	}
	if (pw2 == NULL || strcmp(pw, pw2) != 0) {
		mc_view_set(r->hdf, "Form.Errors.password2", "1");
		return 0;
	}
	return 1;
}

/*
 * A device's name for people from its User-Agent: the browser and the
 * system ("Chrome, Linux"), or NULL when neither is known.
 */
static const char *
device_of(struct mc_request *r, const char *ua)
{
	/* clang-format off */
	static const char *const browsers[][2] = {
		{ "Edg/", "Edge" }, { "OPR/", "Opera" },
		{ "Firefox/", "Firefox" }, { "Chrome/", "Chrome" },
		{ "Safari/", "Safari" },
	};
	static const char *const systems[][2] = {
		{ "Android", "Android" }, { "iPhone", "iOS" }, { "iPad", "iOS" },
		{ "Windows", "Windows" }, { "Mac OS X", "macOS" },
		{ "CrOS", "ChromeOS" }, { "Linux", "Linux" },
	};
	/* clang-format on */
	const char *b = NULL, *o = NULL;
	size_t	    i;

	if (ua == NULL)
		return NULL;
	for (i = 0; b == NULL && i < sizeof(browsers) / sizeof(*browsers); i++)
		if (strstr(ua, browsers[i][0]) != NULL)
			b = browsers[i][1];
	for (i = 0; o == NULL && i < sizeof(systems) / sizeof(*systems); i++)
		if (strstr(ua, systems[i][0]) != NULL)
			o = systems[i][1];
	if (b == NULL && o == NULL)
		return NULL;
	if (b == NULL || o == NULL)
		return b != NULL ? b : o;
	return mc_arena_printf(r->arena, "%s, %s", b, o);
}

/* Data.Sessions.N.{id,created,seen,device,address,current}; 0 or -1. */
static int
sessions_model(struct mc_request *r)
{
	struct mc_rows rows;
	const char    *pfx, *dev;
	size_t	       i;

	if (mc_auth_sessions(r->db, r->arena, r->user->id, r->session_token,
		&rows) < 0)
		return -1;
	for (i = 0; i < rows.n; i++) {
		pfx = mc_arena_printf(r->arena, "Data.Sessions.%zu", i);
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.id", pfx),
		    mc_rows_str(&rows, i, SESS_ID));
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.created", pfx),
		    mc_rows_str(&rows, i, SESS_CREATED));
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "%s.seen", pfx),
		    mc_rows_str(&rows, i, SESS_SEEN));
		dev = device_of(r, mc_rows_str(&rows, i, SESS_AGENT));
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.device", pfx), dev);
		mc_view_set(r->hdf,
		    mc_arena_printf(r->arena, "%s.address", pfx),
		    mc_rows_str(&rows, i, SESS_ADDRESS));
		if (mc_rows_int(&rows, i, SESS_CURRENT))
			mc_view_set(r->hdf,
			    mc_arena_printf(r->arena, "%s.current", pfx), "1");
	}
	mc_view_set_int(r->hdf, "Data.SessionCount", (long long)rows.n);
	mc_view_set_int(r->hdf, "Data.IdleMinutes", mc_auth_session_idle());
	return 0;
}

/* An error at a field of the account page and in its summary. */
static void
field_error(struct mc_request *r, const char *field, const char *key)
{
	mc_view_field_error(r->hdf, field, "Verify.Err", key);
}

/* Data.Contacts.*: the e-mail and phone, verified and waiting. 0 or -1. */
static int
contacts_model(struct mc_request *r)
{
	struct mc_contacts c;

	if (mc_verify_contacts(r->db, r->arena, r->user->id, &c) < 0)
		return -1;
	mc_view_set(r->hdf, "Data.Contacts.Email", c.email);
	mc_view_set(r->hdf, "Data.Contacts.EmailNew", c.email_new);
	mc_view_set(r->hdf, "Data.Contacts.Phone", c.phone);
	mc_view_set(r->hdf, "Data.Contacts.PhoneNew", c.phone_new);
	if (c.phone_sent)
		mc_view_set(r->hdf, "Data.Contacts.PhoneSent", "1");
	if (c.has_password)
		mc_view_set(r->hdf, "Data.Contacts.HasPassword", "1");
	return 0;
}

int
portal_contacts_note(struct mc_request *r)
{
	return contacts_model(r);
}

/* The account page's model: who, and the flash of what was just done. */
static int
account_model(struct mc_request *r)
{
	mc_view_set(r->hdf, "Page.Title",
	    mc_view_str(r->hdf, "Account.Title"));
	mc_view_set(r->hdf, "Page.Nav", "account");
	mc_view_set(r->hdf, "Data.Account.Name", r->user->full_name);
	mc_view_set(r->hdf, "Data.Account.Email", r->user->email);
	mc_view_set(r->hdf, "Data.Account.IdNumber", r->user->id_number);
	if (r->user->org) {
		mc_view_set(r->hdf, "Data.Account.OrgName", r->user->org_name);
		mc_view_set(r->hdf, "Data.Account.TaxCode", r->user->tax_code);
		if (r->user->tax_verified)
			mc_view_set(r->hdf, "Data.Account.TaxVerified", "1");
	}
	mc_view_set(r->hdf, "Data.Account.Phone", r->user->phone);
	if (contacts_model(r) < 0)
		return -1;
	return sessions_model(r);
}

static int
page_account(struct mc_request *r)
{
	const char *flash = NULL;

	if (account_model(r) < 0)
		return 503;
	if (strcmp(r->query, "ok=password") == 0)
		flash = "Account.PasswordChanged";
	else if (strcmp(r->query, "ok=session") == 0)
		flash = "Sessions.Ended";
	else if (strcmp(r->query, "ok=others") == 0)
		flash = "Sessions.OthersEnded";
	else if (strcmp(r->query, "ok=email-sent") == 0)
		flash = "Verify.EmailSent";
	else if (strcmp(r->query, "ok=phone-sent") == 0)
		flash = "Verify.PhoneSent";
	else if (strcmp(r->query, "ok=phone") == 0)
		flash = "Verify.PhoneDone";
	else if (strcmp(r->query, "ok=same") == 0)
		flash = "Verify.Same";
	if (flash != NULL) {
		mc_view_set(r->hdf, "Page.Flash", mc_view_str(r->hdf, flash));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	return mc_resp_page(r, "portal/account.cs");
}

/* The account page again with the errors set, as status. */
static int
account_again(struct mc_request *r, int status)
{
	if (account_model(r) < 0)
		return 503;
	r->status = status;
	return mc_resp_page(r, "portal/account.cs") == 200 ? status : 500;
}

/* The login the throttle counts a wrong current password against. */
static const char *
throttle_key(const struct mc_user *u)
{
	return u->email != NULL ? u->email : u->id_number;
}

static int
page_password_post(struct mc_request *r)
{
	const char *cur = mc_req_field(r, FIELD_CURRENT);
	const char *pw = mc_req_field(r, FIELD_PASSWORD);
	const char *key = throttle_key(r->user);
	long	    wait;
	int	    ok;

	wait = mc_throttle_wait(r->db, r->arena, THROTTLE_LOGIN, key,
	    time(NULL));
	if (wait < 0)
		return 503;
	if (wait > 0) {
		mc_view_set_int(r->hdf, "Form.WaitMinutes", (wait + 59) / 60);
		mc_resp_header(r, "Retry-After",
		    mc_arena_printf(r->arena, "%ld", wait));
		return account_again(r, 429);
	}
	if ((ok = mc_password_is_current(r->db, r->arena, r->user->id, cur)) <
	    0)
		return 503;
	if (ok == 0) {
		if (mc_throttle_fail(r->db, r->arena, THROTTLE_LOGIN, key,
			time(NULL)) < 0)
			return 503;
		mc_view_set(r->hdf, "Form.Errors.current", "1");
		return account_again(r, 422);
	}
	if ((ok = portal_password_check(r, pw,
		 mc_req_field_bad(r, FIELD_PASSWORD),
		 mc_req_field(r, FIELD_PASSWORD2), r->user, NULL, 0)) < 0)
		return 503;
	if (ok == 0)
		return account_again(r, 422);
	if (cur != NULL && strcmp(cur, pw) == 0) {
		mc_view_set(r->hdf, "Form.Errors.password", "same");
		return account_again(r, 422);
	}
	if (mc_password_set(r->db, r->user->id, pw, r->session_token) < 0)
		return 503;
	return mc_resp_redirect(r, BASE "?ok=password");
}

struct ending {
	struct mc_request *r;
	long long	   id; /* the session, or 0: every other one */
};

/* Ends a session, or every other, and writes it to the audit log. */
static int
ending_tx(struct mc_db *db, void *arg)
{
	struct ending	  *e = arg;
	struct mc_request *r = e->r;
	struct mc_audit	   au = { AUDIT_SESSIONS_END, r->user->id, 0, NULL,
		   r->remote_addr };
	long long	   n;

	if (e->id > 0) {
		au.event = AUDIT_SESSION_END;
		au.subject = r->cap[0];
		n = mc_auth_session_end_id(db, r->user->id, e->id);
	} else
		n = mc_auth_sessions_end(db, r->user->id, r->session_token);
	if (n < 0)
		return -1;
	return n > 0 ? mc_audit_write(db, &au) : 0;
}

/* Ends a session (id) or every other one (0); back to the list. */
static int
sessions_end(struct mc_request *r, long long id, const char *ok)
{
	struct ending e = { r, id };

	if (mc_db_tx(r->db, ending_tx, &e) != 0)
		return 503;
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, BASE "?ok=%s", ok));
}

/* Logs out one of the user's other sessions (this one: the logout). */
static int
page_session_end(struct mc_request *r)
{
	long long id;

	if (mc_parse_ll(r->cap[0], 1, 1LL << 62, &id) < 0)
		return 404;
	return sessions_end(r, id, "session");
}

/* Logs out every session of the account but this browser's. */
static int
page_sessions_end(struct mc_request *r)
{
	return sessions_end(r, 0, "others");
}

static int
page_forgot(struct mc_request *r)
{
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Reset.Title"));
	return mc_resp_page(r, "portal/forgot.cs");
}

struct forgot {
	struct mc_request *r;
	const char	  *email;
};

/* Replaces the first {url} of a text by url. */
static const char *
with_url(struct mc_arena *a, const char *text, const char *url)
{
	const char *p = strstr(text, "{url}");

	if (p == NULL)
		return mc_arena_printf(a, "%s %s", text, url);
	return mc_arena_printf(a, "%.*s%s%s", (int)(p - text), text, url,
	    p + 5);
}

/* The reset link and its e-mail, in one transaction. */
static int
forgot_tx(struct mc_db *db, void *arg)
{
	struct forgot	  *f = arg;
	struct mc_request *r = f->r;
	const char	  *url, *body;
	char		   token[65];
	long long	   id;
	int		   rc;

	rc = mc_password_reset_new(db, r->arena, f->email, time(NULL), token,
	    &id);
	if (rc <= 0)
		return rc;
	url = mc_arena_printf(r->arena, "%s" RESET "/%s",
	    mc_config_get("base_url", "http://127.0.0.1:8080"), token);
	body = with_url(r->arena, mc_view_str(r->hdf, "Reset.EmailBody"), url);
	return mc_outbox_email(db, f->email,
	    mc_view_str(r->hdf, "Reset.EmailSubject"), body, 0);
}

static int
page_forgot_post(struct mc_request *r)
{
	struct forgot f = { r, mc_req_field(r, FIELD_EMAIL) };

	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Reset.Title"));
	if (f.email == NULL) {
		mc_view_set(r->hdf, "Form.Errors.email", "1");
		r->status = 422;
		return mc_resp_page(r, "portal/forgot.cs") == 200 ? 422 : 500;
	}
	if (mc_db_tx(r->db, forgot_tx, &f) < 0)
		return 503;
	/* The same answer whether or not there is such an account. */
	mc_view_set(r->hdf, "Data.Sent", "1");
	mc_view_set(r->hdf, "Form.email", f.email);
	return mc_resp_page(r, "portal/forgot.cs");
}

/* The reset page for the token in the path: status, Data.Gone if dead. */
static int
reset_page(struct mc_request *r, int status)
{
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Reset.Title"));
	mc_view_set(r->hdf, "Data.Token", r->cap[0]);
	r->status = status;
	return mc_resp_page(r, "portal/reset.cs") == 200 ? status : 500;
}

static int
page_reset(struct mc_request *r)
{
	long long id;
	int	  rc;

	rc = mc_password_reset_owner(r->db, r->arena, r->cap[0], time(NULL),
	    &id);
	if (rc < 0)
		return 503;
	if (rc == 0)
		mc_view_set(r->hdf, "Data.Gone", "1");
	return reset_page(r, rc == 0 ? 410 : 200);
}

static int
page_reset_post(struct mc_request *r)
{
	const char     *pw = mc_req_field(r, FIELD_PASSWORD);
	struct mc_user *u;
	long long	id;
	int		rc;

	rc = mc_password_reset_owner(r->db, r->arena, r->cap[0], time(NULL),
	    &id);
	if (rc < 0)
		return 503;
	if (rc == 0 ||
	    (rc = mc_auth_account_load(r->db, r->arena, id, &u)) == 0) {
		mc_view_set(r->hdf, "Data.Gone", "1");
		return reset_page(r, 410);
	}
	if (rc < 0 ||
	    (rc = portal_password_check(r, pw,
		 mc_req_field_bad(r, FIELD_PASSWORD),
		 mc_req_field(r, FIELD_PASSWORD2), u, NULL, 0)) < 0)
		return 503;
	if (rc == 0)
		return reset_page(r, 422);
	if ((rc = mc_password_reset_finish(r->db, r->cap[0], id, pw,
		 time(NULL))) < 0)
		return 503;
	if (rc == 0) {
		mc_view_set(r->hdf, "Data.Gone", "1");
		return reset_page(r, 410);
	}
	/* Every session of the account ended, this browser's too. */
	if (mc_auth_session_end(r) < 0)
		return 503;
	return mc_resp_redirect(r, "/dich-vu/dang-nhap?reset=1");
}

/* ------------------------------------------------ e-mail and phone */

/* What the e-mails of a contact's proof say, in the page's language. */
static void
verify_texts(struct mc_request *r, struct mc_verify_texts *t)
{
	const char *base = mc_config_get("base_url", "http://127.0.0.1:8080");

	memset(t, 0, sizeof(*t));
	t->url_prefix = mc_arena_printf(r->arena, "%s" VERIFY "/", base);
	t->link_subject = mc_view_str(r->hdf, "Verify.LinkSubject");
	t->link_body = mc_view_str(r->hdf, "Verify.LinkBody");
	t->taken_subject = mc_view_str(r->hdf, "Verify.TakenSubject");
	t->taken_body = with_url(r->arena,
	    mc_view_str(r->hdf, "Verify.TakenBody"),
	    mc_arena_printf(r->arena, "%s" FORGOT, base));
	t->notice_subject = mc_view_str(r->hdf, "Verify.NoticeSubject");
	t->notice_body = mc_view_str(r->hdf, "Verify.NoticeBody");
	t->changed_subject = mc_view_str(r->hdf, "Verify.ChangedSubject");
	t->changed_body = mc_view_str(r->hdf, "Verify.ChangedBody");
	t->changed_sms = mc_view_str(r->hdf, "Verify.ChangedSms");
	t->address = r->remote_addr;
}

int
portal_register(struct mc_request *r, const struct mc_register *in,
    long long *id)
{
	struct mc_verify_texts t;

	verify_texts(r, &t);
	return mc_verify_register(r->db, r->arena, in, &t, time(NULL), id);
}

/* Echoes a posted value (as typed) for the form drawn again. */
static void
echo(struct mc_request *r, int field, const char *name)
{
	const struct mc_param *p = r->fields[field];

	if (p != NULL && mc_utf8_valid(p->value, p->len))
		mc_view_set(r->hdf, mc_arena_printf(r->arena, "Form.%s", name),
		    p->value);
}

/*
 * The current password typed with a change of contact (none asked of a
 * single sign-on account), counted like a login's: 0 right, 1 wrong or too
 * many (the error at field, *status), -1 on error.
 */
static int
contact_current(struct mc_request *r, const struct mc_contacts *c,
    const char *field, int *status)
{
	const char *cur = mc_req_field(r, FIELD_CURRENT);
	const char *key = throttle_key(r->user);
	long	    wait;
	int	    ok;

	if (!c->has_password)
		return 0;
	if (key == NULL)
		key = mc_arena_printf(r->arena, "#%lld", r->user->id);
	if ((wait = mc_throttle_wait(r->db, r->arena, THROTTLE_LOGIN, key,
		 time(NULL))) < 0)
		return -1;
	if (wait > 0) {
		mc_view_set_int(r->hdf, "Form.WaitMinutes", (wait + 59) / 60);
		field_error(r, field, "throttled");
		*status = 429;
		return 1;
	}
	if ((ok = mc_password_is_current(r->db, r->arena, r->user->id, cur)) <
	    0)
		return -1;
	if (ok)
		return 0;
	if (mc_throttle_fail(r->db, r->arena, THROTTLE_LOGIN, key,
		time(NULL)) < 0)
		return -1;
	field_error(r, field, "current");
	*status = 422;
	return 1;
}

/* A resend refused as too soon: the error at field, 429. */
static int
too_soon(struct mc_request *r, const char *field, long wait)
{
	mc_view_set_int(r->hdf, "Form.WaitSeconds", wait);
	field_error(r, field, "wait");
	mc_resp_header(r, "Retry-After",
	    mc_arena_printf(r->arena, "%ld", wait));
	return account_again(r, 429);
}

/* A new e-mail: pending until its link is opened; the old one is told. */
static int
page_email_post(struct mc_request *r)
{
	const char	      *email = mc_req_field(r, FIELD_EMAIL);
	struct mc_contacts     c;
	struct mc_verify_texts t;
	long		       wait;
	int		       rc, status = 422;

	if (mc_verify_contacts(r->db, r->arena, r->user->id, &c) <= 0)
		return 503;
	echo(r, FIELD_EMAIL, "new_email");
	mc_view_set(r->hdf, "Form.Open", "email");
	if (email == NULL)
		field_error(r, "new_email", "email");
	if ((rc = contact_current(r, &c, "email_current", &status)) < 0)
		return 503;
	if (email == NULL || rc > 0)
		return account_again(r, status);
	verify_texts(r, &t);
	rc = mc_verify_email_send(r->db, r->arena, r->user->id, email, &t,
	    time(NULL), &wait);
	if (rc < 0)
		return 503;
	if (rc == VERIFY_E_WAIT)
		return too_soon(r, "new_email", wait);
	return mc_resp_redirect(r,
	    rc == VERIFY_E_SAME ? BASE "?ok=same" : BASE "?ok=email-sent");
}

/* The link again, to the pending e-mail. */
static int
page_email_again(struct mc_request *r)
{
	struct mc_verify_texts t;
	long		       wait;
	int		       rc;

	verify_texts(r, &t);
	rc = mc_verify_email_send(r->db, r->arena, r->user->id, NULL, &t,
	    time(NULL), &wait);
	if (rc < 0)
		return 503;
	if (rc == VERIFY_E_WAIT)
		return too_soon(r, "email_again", wait);
	return mc_resp_redirect(r,
	    rc == 0 ? BASE "?ok=email-sent" : BASE "#contacts");
}

/* Sends a code to phone (NULL: the pending one); a status. */
static int
phone_send(struct mc_request *r, const char *phone, const char *field)
{
	long wait;
	int  rc;

	rc = mc_verify_phone_send(r->db, r->arena, r->user->id, phone,
	    mc_view_str(r->hdf, "Verify.Sms"), r->remote_addr, time(NULL),
	    &wait);
	if (rc < 0)
		return 503;
	if (rc == VERIFY_E_WAIT)
		return too_soon(r, field, wait);
	if (rc == VERIFY_E_SAME)
		return mc_resp_redirect(r, BASE "?ok=same");
	return mc_resp_redirect(r,
	    rc == 0 ? BASE "?ok=phone-sent#code" : BASE "#contacts");
}

/* A new phone: pending until the code sent to it is typed. */
static int
page_phone_post(struct mc_request *r)
{
	const char	  *phone = mc_req_field(r, FIELD_PHONE);
	struct mc_contacts c;
	int		   rc, status = 422;

	if (mc_verify_contacts(r->db, r->arena, r->user->id, &c) <= 0)
		return 503;
	echo(r, FIELD_PHONE, "new_phone");
	mc_view_set(r->hdf, "Form.Open", "phone");
	if (phone == NULL)
		field_error(r, "new_phone", "phone");
	if ((rc = contact_current(r, &c, "phone_current", &status)) < 0)
		return 503;
	if (phone == NULL || rc > 0)
		return account_again(r, status);
	return phone_send(r, phone, "new_phone");
}

/* A code (again) for the pending phone. */
static int
page_phone_again(struct mc_request *r)
{
	return phone_send(r, NULL, "phone_send");
}

/* The code typed: the pending phone becomes the account's. */
static int
page_phone_code(struct mc_request *r)
{
	struct mc_verify_texts t;
	int		       left, rc;

	verify_texts(r, &t);
	rc = mc_verify_phone_confirm(r->db, r->arena, r->user->id,
	    mc_req_field(r, FIELD_CODE), &t, r->remote_addr, time(NULL),
	    &left);
	if (rc < 0)
		return 503;
	if (rc == 0)
		return mc_resp_redirect(r, BASE "?ok=phone");
	if (rc == VERIFY_E_WRONG) {
		mc_view_set_int(r->hdf, "Data.CodeLeft", left);
		field_error(r, "code", "code");
	} else
		field_error(r, "code", "code_expired");
	return account_again(r, 422);
}

/* The page of an e-mail's link: Data.Email, or Data.Gone; as status. */
static int
verify_page(struct mc_request *r, int status)
{
	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Verify.Title"));
	mc_view_set(r->hdf, "Data.Token", r->cap[0]);
	r->status = status;
	return mc_resp_page(r, "portal/verify_email.cs") == 200 ? status : 500;
}

/* Opening the link shows the address and a button (mail scanners that
 * fetch links do not press it). */
static int
page_verify(struct mc_request *r)
{
	const char *email;
	long long   id;
	int	    rc;

	rc = mc_verify_email_owner(r->db, r->arena, r->cap[0], time(NULL), &id,
	    &email);
	if (rc < 0)
		return 503;
	if (rc == 0) {
		mc_view_set(r->hdf, "Data.Gone", "1");
		return verify_page(r, 410);
	}
	mc_view_set(r->hdf, "Data.Email", email);
	return verify_page(r, 200);
}

static int
page_verify_post(struct mc_request *r)
{
	struct mc_verify_texts t;
	const char	      *email;
	long long	       id;
	int		       rc;

	verify_texts(r, &t);
	rc = mc_verify_email_owner(r->db, r->arena, r->cap[0], time(NULL), &id,
	    &email);
	if (rc > 0)
		rc = mc_verify_email_confirm(r->db, r->arena, r->cap[0], &t,
		    time(NULL), &id);
	else if (rc == 0)
		rc = VERIFY_E_GONE;
	if (rc < 0)
		return 503;
	if (rc == VERIFY_E_GONE) {
		mc_view_set(r->hdf, "Data.Gone", "1");
		return verify_page(r, 410);
	}
	mc_view_set(r->hdf, "Data.Email", email);
	if (rc == VERIFY_E_TAKEN) {
		mc_view_set(r->hdf, "Data.Taken", "1");
		return verify_page(r, 409);
	}
	mc_view_set(r->hdf, "Data.Done", "1");
	return verify_page(r, 200);
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, BASE, page_account, ROUTE_LOGIN, 0 },
	{ METHOD_POST, BASE "/mat-khau", page_password_post, ROUTE_LOGIN, 0 },
	{ METHOD_POST, BASE "/phien/{}/dang-xuat", page_session_end, ROUTE_LOGIN,
	    0 },
	{ METHOD_POST, BASE "/dang-xuat-noi-khac", page_sessions_end,
	    ROUTE_LOGIN, 0 },
	{ METHOD_GET, FORGOT, page_forgot, 0, 0 },
	{ METHOD_POST, FORGOT, page_forgot_post, 0, 0 },
	{ METHOD_GET, RESET "/{}", page_reset, 0, 0 },
	{ METHOD_POST, RESET "/{}", page_reset_post, 0, 0 },
	{ METHOD_POST, BASE "/email", page_email_post, ROUTE_LOGIN, 0 },
	{ METHOD_POST, BASE "/email/gui-lai", page_email_again, ROUTE_LOGIN, 0 },
	{ METHOD_POST, BASE "/dien-thoai", page_phone_post, ROUTE_LOGIN, 0 },
	{ METHOD_POST, BASE "/dien-thoai/gui-ma", page_phone_again, ROUTE_LOGIN,
	    0 },
	{ METHOD_POST, BASE "/dien-thoai/ma", page_phone_code, ROUTE_LOGIN, 0 },
	{ METHOD_GET, VERIFY "/{}", page_verify, 0, 0 },
	{ METHOD_POST, VERIFY "/{}", page_verify_post, 0, 0 },
};
/* clang-format on */

/* clang-format off */
const struct mc_module portal_account = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
