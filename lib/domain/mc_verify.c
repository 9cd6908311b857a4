/*
 * An account's e-mail proved by a link and its phone by an SMS code: the
 * new contact waits beside the verified one until proved, then replaces it.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_fmt.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_phonecode.h"
#include "mc_util.h"
#include "mc_verify.h"

enum stmt {
	STMT_CONTACTS,
	STMT_RECENT,
	STMT_HOLDER,
	STMT_END_LINKS,
	STMT_LINK_NEW,
	STMT_SET_EMAIL_NEW,
	STMT_CLEAR_EMAIL_NEW,
	STMT_LINK_GET,
	STMT_LINK_LOCK,
	STMT_EMAIL_SET,
	STMT_LINK_USE,
	STMT_SET_PHONE_NEW,
	STMT_CLEAR_PHONE_NEW,
	STMT_PHONE_PENDING,
	STMT_PHONE_SET,
	STMT_PHONE_OLD,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_CONTACTS] = "SELECT email, email_new, phone, phone_new, "
	    "password_hash NOT LIKE '!%', phone_ticket IS NOT NULL "
	    "FROM accounts WHERE id = ?",
	/* The account's links of the last hour: count, latest, oldest. */
	[STMT_RECENT] = "SELECT COUNT(*), "
	    "COALESCE(UNIX_TIMESTAMP(MAX(created_at)), 0), "
	    "COALESCE(UNIX_TIMESTAMP(MIN(created_at)), 0) "
	    "FROM email_verifications WHERE account_id = ? AND created_at > ?",
	[STMT_HOLDER] = "SELECT id FROM accounts WHERE email = ? AND id <> ?",
	[STMT_END_LINKS] = "UPDATE email_verifications SET used_at = ? "
	    "WHERE account_id = ? AND used_at IS NULL",
	[STMT_LINK_NEW] = "INSERT INTO email_verifications (token_hash, "
	    "account_id, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
	[STMT_SET_EMAIL_NEW] = "UPDATE accounts SET email_new = ? WHERE id = ?",
	[STMT_CLEAR_EMAIL_NEW] = "UPDATE accounts SET email_new = NULL "
	    "WHERE id = ?",
	[STMT_LINK_GET] = "SELECT v.account_id, v.email "
	    "FROM email_verifications v JOIN accounts a ON a.id = v.account_id "
	    "WHERE v.token_hash = ? AND v.used_at IS NULL AND v.expires_at > ? "
	    "AND a.email_new = v.email AND a.disabled = 0",
	[STMT_LINK_LOCK] = "SELECT v.id, v.account_id, v.email, a.email "
	    "FROM email_verifications v JOIN accounts a ON a.id = v.account_id "
	    "WHERE v.token_hash = ? AND v.used_at IS NULL AND v.expires_at > ? "
	    "AND a.email_new = v.email AND a.disabled = 0 FOR UPDATE",
	[STMT_EMAIL_SET] = "UPDATE accounts SET email = email_new, "
	    "email_new = NULL WHERE id = ? AND email_new = ?",
	[STMT_LINK_USE] = "UPDATE email_verifications SET used_at = ? "
	    "WHERE account_id = ? AND used_at IS NULL",
	[STMT_SET_PHONE_NEW] = "UPDATE accounts SET phone_new = ?, "
	    "phone_ticket = ? WHERE id = ?",
	[STMT_CLEAR_PHONE_NEW] = "UPDATE accounts SET phone_new = NULL, "
	    "phone_ticket = NULL WHERE id = ?",
	[STMT_PHONE_PENDING] = "SELECT phone_new, phone_ticket FROM accounts "
	    "WHERE id = ? AND disabled = 0 AND phone_new IS NOT NULL "
	    "AND phone_ticket IS NOT NULL",
	[STMT_PHONE_SET] = "UPDATE accounts SET phone = phone_new, "
	    "phone_new = NULL, phone_ticket = NULL "
	    "WHERE id = ? AND phone_new = ?",
	[STMT_PHONE_OLD] = "SELECT phone FROM accounts WHERE id = ? FOR UPDATE",
};
/* clang-format on */

static const char *
nz(struct mc_rows *rows, size_t i, size_t c)
{
	const char *s = mc_rows_str(rows, i, c);

	return s != NULL && *s != '\0' ? s : NULL;
}

int
mc_verify_contacts(struct mc_db *db, struct mc_arena *a, long long account_id,
    struct mc_contacts *out)
{
	struct mc_rows rows;

	memset(out, 0, sizeof(*out));
	if (mc_db_query(db, a, &rows, stmts[STMT_CONTACTS], "i", account_id) <
	    0)
		return -1;
	if (rows.n == 0)
		return 0;
	out->email = nz(&rows, 0, 0);
	out->email_new = nz(&rows, 0, 1);
	out->phone = nz(&rows, 0, 2);
	out->phone_new = nz(&rows, 0, 3);
	out->has_password = mc_rows_int(&rows, 0, 4) == 1;
	out->phone_sent = mc_rows_int(&rows, 0, 5) == 1;
	return 1;
}

static void
audit(struct mc_audit *au, enum mc_audit_event ev, long long id,
    const char *subject, const char *address)
{
	memset(au, 0, sizeof(*au));
	au->event = ev;
	au->account_id = id;
	au->subject = subject;
	au->address = address;
}

/* text with each key ("{url}") replaced by value, in the arena. */
static const char *
fill(struct mc_arena *a, const char *text, const char *key, const char *value)
{
	const char *p, *from;
	const char *out = text != NULL ? text : "";
	size_t	    done = 0, klen = strlen(key);

	while ((p = strstr(out + done, key)) != NULL) {
		from = out;
		out = mc_arena_printf(a, "%.*s%s%s", (int)(p - from), from,
		    value, p + klen);
		done = (size_t)(p - from) + strlen(value);
	}
	return out;
}

/* The moment now as the notices of a change say it (arena). */
static const char *
when(struct mc_arena *a, time_t now)
{
	char iso[20], out[40];

	mc_time_sql(iso, now);
	return mc_arena_strdup(a,
	    mc_fmt_datetime(LANG_VI, iso, out, sizeof(out)));
}

/*
 * Queues t's notice of a change to the old verified contact (an e-mail, or
 * a phone when sms): nothing without one or without the text. 0 or -1.
 */
static int
tell_old(struct mc_db *db, struct mc_arena *a, const struct mc_verify_texts *t,
    const char *old, int sms, time_t now)
{
	if (t == NULL || old == NULL || *old == '\0')
		return 0;
	if (sms)
		return t->changed_sms == NULL ?
		    0 :
		    mc_outbox_sms(db, old,
			fill(a, t->changed_sms, "{when}", when(a, now)), 0);
	if (t->changed_subject == NULL)
		return 0;
	return mc_outbox_email(db, old, t->changed_subject,
	    fill(a, t->changed_body, "{when}", when(a, now)), 0);
}

/* ------------------------------------------------------------ e-mail */

struct email_tx {
	struct mc_arena		     *a;
	long long		      id;
	const char		     *email;  /* to prove */
	const char		     *notify; /* the verified one to tell */
	int			      fresh;  /* a new address, not again */
	const struct mc_verify_texts *t;
	time_t			      now;
};

static int
email_tx(struct mc_db *db, void *arg)
{
	struct email_tx *e = arg;
	struct mc_rows	 rows;
	struct mc_audit	 au;
	unsigned char	 raw[32], h[32];
	char		 token[65], now[20], until[20];
	const char	*url;
	long		 hours;
	int		 taken;

	hours = (long)mc_config_int("verify_email_hours", 48, 1, 24 * 30);
	mc_time_sql(now, e->now);
	mc_time_sql(until, e->now + hours * 3600);
	if (mc_db_query(db, e->a, &rows, stmts[STMT_HOLDER], "si", e->email,
		e->id) < 0)
		return -1;
	taken = rows.n > 0;
	if (mc_db_exec(db, stmts[STMT_END_LINKS], "si", now, e->id) < 0 ||
	    mc_db_exec(db, stmts[STMT_SET_EMAIL_NEW], "si", e->email, e->id) <
		0)
		return -1;
	if (mc_random(raw, sizeof(raw)) < 0)
		return -1;
	mc_hex(token, raw, sizeof(raw));
	mc_sha256(h, token, strlen(token));
	/* A row even for a taken address: the limits count it the same. */
	if (mc_db_exec(db, stmts[STMT_LINK_NEW], "bisss", (char *)h, sizeof(h),
		e->id, e->email, now, until) < 0)
		return -1;
	if (taken) {
		if (mc_outbox_email(db, e->email, e->t->taken_subject,
			e->t->taken_body, 0) < 0)
			return -1;
	} else {
		url = mc_arena_printf(e->a, "%s%s", e->t->url_prefix, token);
		if (mc_outbox_email(db, e->email, e->t->link_subject,
			fill(e->a, e->t->link_body, "{url}", url), 0) < 0)
			return -1;
	}
	if (!e->fresh)
		return 0;
	if (e->notify != NULL && e->t->notice_subject != NULL &&
	    mc_outbox_email(db, e->notify, e->t->notice_subject,
		fill(e->a, e->t->notice_body, "{email}", e->email), 0) < 0)
		return -1;
	audit(&au, AUDIT_CONTACT_PENDING, e->id,
	    mc_arena_printf(e->a, "email %s", e->email), e->t->address);
	return mc_audit_write(db, &au);
}

/*
 * Another link too soon (the same address again: a new one may follow a
 * mistyped one at once) or too many this hour: 1 with *wait, 0, -1.
 */
static int
email_wait(struct mc_db *db, struct mc_arena *a, long long id, int fresh,
    time_t now, long *wait)
{
	struct mc_rows rows;
	char	       since[20];
	long	       resend, hourly;
	time_t	       last, first;

	resend = (long)mc_config_int("verify_email_resend_seconds", 60, 0,
	    3600);
	hourly = (long)mc_config_int("verify_email_hourly", 5, 1, 100);
	mc_time_sql(since, now - 3600);
	if (mc_db_query(db, a, &rows, stmts[STMT_RECENT], "is", id, since) <
		0 ||
	    rows.n != 1)
		return -1;
	last = (time_t)mc_rows_int(&rows, 0, 1);
	first = (time_t)mc_rows_int(&rows, 0, 2);
	if (!fresh && mc_rows_int(&rows, 0, 0) > 0 && now - last < resend) {
		*wait = resend - (long)(now - last);
		return 1;
	}
	if (mc_rows_int(&rows, 0, 0) >= hourly) {
		*wait = 3600 - (long)(now - first);
		if (*wait < 1)
			*wait = 1;
		return 1;
	}
	return 0;
}

int
mc_verify_email_send(struct mc_db *db, struct mc_arena *a,
    long long account_id, const char *email, const struct mc_verify_texts *t,
    time_t now, long *wait)
{
	struct mc_contacts c;
	struct email_tx	   e;
	int		   rc;

	*wait = 0;
	if ((rc = mc_verify_contacts(db, a, account_id, &c)) <= 0)
		return rc < 0 ? -1 : VERIFY_E_GONE;
	memset(&e, 0, sizeof(e));
	e.a = a;
	e.id = account_id;
	e.t = t;
	e.now = now;
	e.notify = c.email;
	if (email == NULL) {
		if (c.email_new == NULL)
			return VERIFY_E_GONE;
		e.email = c.email_new;
	} else {
		if (c.email != NULL && strcasecmp(c.email, email) == 0) {
			if (c.email_new != NULL &&
			    mc_db_exec(db, stmts[STMT_CLEAR_EMAIL_NEW], "i",
				account_id) < 0)
				return -1;
			return VERIFY_E_SAME;
		}
		e.email = email;
		e.fresh = c.email_new == NULL ||
		    strcasecmp(c.email_new, email) != 0;
	}
	if ((rc = email_wait(db, a, account_id, e.fresh, now, wait)) != 0)
		return rc < 0 ? -1 : VERIFY_E_WAIT;
	return mc_db_tx(db, email_tx, &e) == 0 ? 0 : -1;
}

int
mc_verify_email_owner(struct mc_db *db, struct mc_arena *a, const char *token,
    time_t now, long long *account_id, const char **email)
{
	struct mc_rows rows;
	int	       rc;

	if ((rc = mc_auth_link_find(db, a, stmts[STMT_LINK_GET], token, now,
		 &rows)) != 1)
		return rc;
	*account_id = mc_rows_int(&rows, 0, 0);
	*email = mc_rows_str(&rows, 0, 1);
	return 1;
}

struct confirm_tx {
	struct mc_arena		     *a;
	const char		     *token;
	const struct mc_verify_texts *t;
	time_t			      now;
	long long		      id;
};

static int
confirm_tx(struct mc_db *db, void *arg)
{
	struct confirm_tx *c = arg;
	struct mc_rows	   rows;
	struct mc_audit	   au;
	const char	  *email, *old;
	char		   now[20];
	long long	   n;
	int		   rc;

	mc_time_sql(now, c->now);
	if ((rc = mc_auth_link_find(db, c->a, stmts[STMT_LINK_LOCK], c->token,
		 c->now, &rows)) < 0)
		return -1;
	if (rc == 0 || rows.n != 1)
		return VERIFY_E_GONE;
	c->id = mc_rows_int(&rows, 0, 1);
	email = mc_rows_str(&rows, 0, 2);
	old = nz(&rows, 0, 3);
	if (mc_db_query(db, c->a, &rows, stmts[STMT_HOLDER], "si", email,
		c->id) < 0)
		return -1;
	if (rows.n > 0)
		return VERIFY_E_TAKEN;
	if ((n = mc_db_exec(db, stmts[STMT_EMAIL_SET], "is", c->id, email)) <
	    0)
		return mc_db_errno(db) == 1062 ? VERIFY_E_TAKEN : -1;
	if (n != 1)
		return VERIFY_E_GONE;
	if (mc_db_exec(db, stmts[STMT_LINK_USE], "si", now, c->id) < 0)
		return -1;
	if (old != NULL && strcasecmp(old, email) != 0 &&
	    tell_old(db, c->a, c->t, old, 0, c->now) < 0)
		return -1;
	audit(&au, AUDIT_CONTACT_VERIFIED, c->id,
	    mc_arena_printf(c->a, "email %s", email), NULL);
	return mc_audit_write(db, &au);
}

int
mc_verify_email_confirm(struct mc_db *db, struct mc_arena *a,
    const char *token, const struct mc_verify_texts *t, time_t now,
    long long *account_id)
{
	struct confirm_tx c = { a, token, t, now, 0 };
	int		  rc;

	if (mc_auth_token_shape(token) == NULL)
		return VERIFY_E_GONE;
	if ((rc = mc_db_tx(db, confirm_tx, &c)) < 0)
		return -1;
	if (rc == 0)
		*account_id = c.id;
	return rc;
}

/* ------------------------------------------------------------ phone */

struct phone_tx {
	struct mc_arena		     *a;
	long long		      id;
	const char		     *phone, *ticket, *address;
	const struct mc_verify_texts *t; /* the old phone's notice */
	long long		      code_id;
	int			      fresh;
	time_t			      now;
};

static int
phone_pending_tx(struct mc_db *db, void *arg)
{
	struct phone_tx *p = arg;
	struct mc_audit	 au;

	if (mc_db_exec(db, stmts[STMT_SET_PHONE_NEW], "ssi", p->phone,
		p->ticket, p->id) < 0)
		return -1;
	if (!p->fresh)
		return 0;
	audit(&au, AUDIT_CONTACT_PENDING, p->id,
	    mc_arena_printf(p->a, "phone %s", p->phone), p->address);
	return mc_audit_write(db, &au);
}

int
mc_verify_phone_send(struct mc_db *db, struct mc_arena *a,
    long long account_id, const char *phone, const char *sms,
    const char *address, time_t now, long *wait)
{
	struct mc_contacts c;
	struct phone_tx	   p;
	const char	  *ticket = NULL;
	int		   rc;

	*wait = 0;
	if ((rc = mc_verify_contacts(db, a, account_id, &c)) <= 0)
		return rc < 0 ? -1 : VERIFY_E_GONE;
	memset(&p, 0, sizeof(p));
	if (phone == NULL) {
		if (c.phone_new == NULL)
			return VERIFY_E_GONE;
		phone = c.phone_new;
	} else if (c.phone != NULL && strcmp(c.phone, phone) == 0) {
		if (c.phone_new != NULL &&
		    mc_db_exec(db, stmts[STMT_CLEAR_PHONE_NEW], "i",
			account_id) < 0)
			return -1;
		return VERIFY_E_SAME;
	} else
		p.fresh = c.phone_new == NULL ||
		    strcmp(c.phone_new, phone) != 0;
	rc = mc_phonecode_send(db, a, PHONECODE_ACCOUNT, phone, address, sms,
	    now, &ticket, wait);
	if (rc < 0)
		return -1;
	if (rc == PHONECODE_E_WAIT || rc == PHONECODE_E_LIMIT)
		return VERIFY_E_WAIT;
	p.a = a;
	p.id = account_id;
	p.phone = phone;
	p.ticket = ticket;
	p.address = address;
	p.now = now;
	return mc_db_tx(db, phone_pending_tx, &p) == 0 ? 0 : -1;
}

int
mc_verify_phone_note(struct mc_db *db, struct mc_arena *a,
    long long account_id, const char *phone, const char *address)
{
	struct mc_contacts c;
	struct phone_tx	   p;
	int		   rc;

	if ((rc = mc_verify_contacts(db, a, account_id, &c)) <= 0)
		return -1;
	if (c.phone != NULL && strcmp(c.phone, phone) == 0)
		return VERIFY_E_SAME;
	memset(&p, 0, sizeof(p));
	p.a = a;
	p.id = account_id;
	p.phone = phone;
	p.address = address;
	p.fresh = 1;
	return mc_db_tx(db, phone_pending_tx, &p) == 0 ? 0 : -1;
}

static int
phone_set_tx(struct mc_db *db, void *arg)
{
	struct phone_tx *p = arg;
	struct mc_rows	 rows;
	struct mc_audit	 au;
	const char	*old;
	long long	 n;
	int		 rc;

	if ((rc = mc_phonecode_use(db, p->code_id, p->phone, p->now)) <= 0)
		return rc < 0 ? -1 : VERIFY_E_GONE;
	if (mc_db_query(db, p->a, &rows, stmts[STMT_PHONE_OLD], "i", p->id) <
	    0)
		return -1;
	old = rows.n == 1 ? nz(&rows, 0, 0) : NULL;
	if ((n = mc_db_exec(db, stmts[STMT_PHONE_SET], "is", p->id,
		 p->phone)) < 0)
		return -1;
	if (n != 1)
		return VERIFY_E_GONE;
	if (old != NULL && strcmp(old, p->phone) != 0 &&
	    tell_old(db, p->a, p->t, old, 1, p->now) < 0)
		return -1;
	audit(&au, AUDIT_CONTACT_VERIFIED, p->id,
	    mc_arena_printf(p->a, "phone %s", p->phone), p->address);
	return mc_audit_write(db, &au);
}

int
mc_verify_phone_confirm(struct mc_db *db, struct mc_arena *a,
    long long account_id, const char *code, const struct mc_verify_texts *t,
    const char *address, time_t now, int *left)
{
	struct mc_rows	rows;
	struct phone_tx p;
	int		rc;

	*left = 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_PHONE_PENDING], "i",
		account_id) < 0)
		return -1;
	if (rows.n != 1)
		return VERIFY_E_GONE;
	memset(&p, 0, sizeof(p));
	p.a = a;
	p.id = account_id;
	p.phone = mc_rows_str(&rows, 0, 0);
	p.ticket = mc_rows_str(&rows, 0, 1);
	p.address = address;
	p.t = t;
	p.now = now;
	rc = mc_phonecode_check(db, a, PHONECODE_ACCOUNT, p.phone, p.ticket,
	    code, now, &p.code_id, left);
	if (rc < 0)
		return -1;
	if (rc == PHONECODE_E_WRONG)
		return VERIFY_E_WRONG;
	if (rc != 0)
		return VERIFY_E_GONE;
	if ((rc = mc_db_tx(db, phone_set_tx, &p)) < 0)
		return -1;
	return rc;
}

struct register_tx {
	const struct mc_register     *in;
	const struct mc_verify_texts *t;
	time_t			      now;
	struct mc_arena		     *a;
	long long		      id;
};

static int
register_tx(struct mc_db *db, void *arg)
{
	struct register_tx *g = arg;
	struct email_tx	    e;
	struct phone_tx	    p;
	long long	    id, holder;
	int		    rc;

	g->id = 0;
	/* A tax code verified for another account is not claimed again. */
	if (g->in->tax_code != NULL &&
	    (rc = mc_auth_tax_holder(db, g->a, g->in->tax_code, &holder)) != 0)
		return rc < 0 ? -1 : VERIFY_E_TAKEN;
	if ((id = mc_auth_account_create(db, NULL, g->in->id_number,
		 g->in->full_name, NULL, g->in->password)) < 0 ||
	    mc_auth_grant(db, id, ROLE_CITIZEN, 0) < 0)
		return -1;
	if (g->in->tax_code != NULL &&
	    mc_auth_org_set(db, id, g->in->org_name, g->in->tax_code) < 0)
		return -1;
	if (g->in->email != NULL) {
		memset(&e, 0, sizeof(e));
		e.a = g->a;
		e.id = id;
		e.email = g->in->email;
		e.fresh = 1;
		e.t = g->t;
		e.now = g->now;
		if (email_tx(db, &e) < 0)
			return -1;
	}
	if (g->in->phone != NULL) {
		memset(&p, 0, sizeof(p));
		p.a = g->a;
		p.id = id;
		p.phone = g->in->phone;
		p.address = g->t->address;
		p.fresh = 1;
		if (phone_pending_tx(db, &p) < 0)
			return -1;
	}
	g->id = id;
	return 0;
}

int
mc_verify_register(struct mc_db *db, struct mc_arena *a,
    const struct mc_register *in, const struct mc_verify_texts *t, time_t now,
    long long *id)
{
	struct register_tx g;
	int		   rc;

	memset(&g, 0, sizeof(g));
	g.in = in;
	g.t = t;
	g.now = now;
	g.a = a;
	*id = 0;
	if ((rc = mc_db_tx(db, register_tx, &g)) != 0)
		return rc < 0 ? -1 : rc;
	*id = g.id;
	return 0;
}
