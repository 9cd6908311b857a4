/*
 * An account's contacts proved (lib/domain/mc_verify, issue 9): the
 * e-mail's link read from the outbox, refused when wrong, expired, ended by
 * a newer pending address or used once already; the address taken by
 * another account told instead of linked, and refused at the link when
 * another account verified it first; the old e-mail told of a change
 * asked for, and once it is proved (so is the old phone, with the moment;
 * a first contact tells nobody); the
 * phone's code (mc_phonecode) wrong then right, refused for a replaced
 * pending number and after its expiry; the audit rows of both. An
 * organisation registering with its tax code: a claim (a second claim
 * registers), verified once by an administrator (audited), then refused to
 * a third with nothing stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#include "mc_account.h"
#include "mc_admin.h"
#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_fmt.h"
#include "mc_util.h"
#include "mc_verify.h"

#define PFX "https://motcua.test/dich-vu/xac-nhan-email/"

enum stmt {
	STMT_MAIL,
	STMT_SMS,
	STMT_AUDIT,
	STMT_HOLD,
	STMT_COUNT,
	STMT_CLAIMS,
	STMT_ROLE,
	STMT_TAX_CLAIMS,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_MAIL] = "SELECT subject, body FROM outbox WHERE channel = "
	    "'email' AND recipient = ? ORDER BY id DESC LIMIT 1",
	[STMT_SMS] = "SELECT body FROM outbox WHERE channel = 'sms' AND "
	    "recipient = ? ORDER BY id DESC LIMIT 1",
	[STMT_AUDIT] = "SELECT COUNT(*) FROM audit_log WHERE account_id = ? "
	    "AND event = ? AND subject = ?",
	[STMT_HOLD] = "UPDATE accounts SET email = ? WHERE id = ?",
	[STMT_COUNT] = "SELECT COUNT(*) FROM outbox WHERE recipient = ?",
	[STMT_CLAIMS] = "SELECT COUNT(*) FROM accounts WHERE id_number = ?",
	[STMT_ROLE] = "SELECT COUNT(*) FROM account_roles WHERE account_id = ? "
	    "AND role = 'citizen'",
	[STMT_TAX_CLAIMS] = "SELECT COUNT(*) FROM accounts WHERE tax_code = ?",
};
/* clang-format on */

static const struct mc_verify_texts texts = {
	.url_prefix = PFX,
	.link_subject = "LINK",
	.link_body = "Open {url} to confirm.",
	.taken_subject = "TAKEN",
	.taken_body = "You already have an account.",
	.notice_subject = "NOTICE",
	.notice_body = "Changing to {email}.",
	.changed_subject = "CHANGED",
	.changed_body = "Changed on {when}.",
	.changed_sms = "PHONE CHANGED on {when}.",
	.address = "unit",
};

/* The latest e-mail's subject to addr (arena), or "". */
static const char *
last_subject(struct mc_db *db, struct mc_arena *a, const char *addr)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_MAIL], "s", addr) < 0 ||
	    r.n != 1)
		return "";
	return mc_rows_str(&r, 0, 0);
}

/* The latest e-mail's body (or SMS) to addr (arena), or "". */
static const char *
last_body(struct mc_db *db, struct mc_arena *a, const char *addr, int sms)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[sms ? STMT_SMS : STMT_MAIL], "s",
		addr) < 0 ||
	    r.n != 1)
		return "";
	return mc_rows_str(&r, 0, sms ? 0 : 1);
}

/* How many messages went to addr (an e-mail or a phone). */
static long long
sent_to(struct mc_db *db, struct mc_arena *a, const char *addr)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_COUNT], "s", addr) < 0 ||
	    r.n != 1)
		return -1;
	return mc_rows_int(&r, 0, 0);
}

/* pre, the moment t as the notices write it, then "." (arena). */
static const char *
at(struct mc_arena *a, const char *pre, time_t t)
{
	char iso[20], out[40];

	mc_time_sql(iso, t);
	mc_fmt_datetime(LANG_VI, iso, out, sizeof(out));
	return mc_arena_printf(a, "%s%s.", pre, out);
}

/* The token of the latest link to addr (arena), or "". */
static const char *
token_of(struct mc_db *db, struct mc_arena *a, const char *addr)
{
	struct mc_rows r;
	const char    *p;

	if (mc_db_query(db, a, &r, stmts[STMT_MAIL], "s", addr) < 0 ||
	    r.n != 1 || (p = strstr(mc_rows_str(&r, 0, 1), PFX)) == NULL)
		return "";
	return mc_arena_strndup(a, p + strlen(PFX), 64);
}

/* The six digits of the latest SMS to phone, or "". */
static const char *
code_of(struct mc_db *db, struct mc_arena *a, const char *phone)
{
	struct mc_rows r;
	const char    *p;
	size_t	       i;

	if (mc_db_query(db, a, &r, stmts[STMT_SMS], "s", phone) < 0 ||
	    r.n != 1)
		return "";
	for (p = mc_rows_str(&r, 0, 0); *p != '\0'; p++) {
		for (i = 0; i < 6 && p[i] >= '0' && p[i] <= '9'; i++)
			;
		if (i == 6 && (p[6] < '0' || p[6] > '9'))
			return mc_arena_strndup(a, p, 6);
	}
	return "";
}

static long long
audits(struct mc_db *db, struct mc_arena *a, long long id, const char *ev,
    const char *subject)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, stmts[STMT_AUDIT], "iss", id, ev, subject) <
		0 ||
	    r.n != 1)
		return -1;
	return mc_rows_int(&r, 0, 0);
}

static const char *
other(struct mc_arena *a, const char *code)
{
	char *s = mc_arena_strdup(a, code);

	s[0] = s[0] == '9' ? '0' : (char)(s[0] + 1);
	return s;
}

static void
test_email(struct mc_db *db, struct mc_arena *a, const char *tag)
{
	struct mc_contacts c;
	const char	  *ea, *eb, *ec, *ed, *ee, *eg, *t1, *t2, *t3, *email;
	long long	   id, id2, owner = 0, n;
	time_t		   t = time(NULL);
	long		   wait = 0;

	ea = mc_arena_printf(a, "verify-a-%s@test.motcua.vn", tag);
	eb = mc_arena_printf(a, "verify-b-%s@test.motcua.vn", tag);
	ec = mc_arena_printf(a, "verify-c-%s@test.motcua.vn", tag);
	ed = mc_arena_printf(a, "verify-d-%s@test.motcua.vn", tag);
	ee = mc_arena_printf(a, "verify-e-%s@test.motcua.vn", tag);
	id = mc_auth_account_create(db, NULL, NULL, "Xác Minh", NULL,
	    "mot hai ba bon");
	CHECK(id > 0);
	/* An account made by an administrator: its e-mail counts verified. */
	id2 = mc_auth_account_create(db, ed, NULL, "Người Khác", NULL,
	    "mot hai ba bon");
	CHECK(id2 > 0);
	CHECK_INT(mc_verify_contacts(db, a, id2, &c), 1);
	CHECK(c.email != NULL && strcmp(c.email, ed) == 0);

	/* A link to the new address; the address waits. */
	CHECK_INT(mc_verify_email_send(db, a, id, ea, &texts, t, &wait), 0);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.email == NULL);
	CHECK(c.email_new != NULL && strcmp(c.email_new, ea) == 0);
	CHECK(strcmp(last_subject(db, a, ea), "LINK") == 0);
	t1 = token_of(db, a, ea);
	CHECK_INT(strlen(t1), 64);
	CHECK_INT(audits(db, a, id, "contact_pending",
		      mc_arena_printf(a, "email %s", ea)),
	    1);
	/* Again at once: wait. */
	CHECK_INT(mc_verify_email_send(db, a, id, NULL, &texts, t + 5, &wait),
	    VERIFY_E_WAIT);
	CHECK(wait > 0 && wait <= 60);
	CHECK_INT(mc_verify_email_send(db, a, id, ea, &texts, t + 6, &wait),
	    VERIFY_E_WAIT);
	/* The link: live; a wrong token, and after 48 hours, not. */
	CHECK_INT(mc_verify_email_owner(db, a, t1, t + 10, &owner, &email), 1);
	CHECK_INT(owner, id);
	CHECK(strcmp(email, ea) == 0);
	CHECK_INT(
	    mc_verify_email_owner(db, a, other(a, t1), t + 10, &owner, &email),
	    0);
	CHECK_INT(mc_verify_email_owner(db, a, "00", t + 10, &owner, &email),
	    0);
	CHECK_INT(mc_verify_email_confirm(db, a, other(a, t1), &texts, t + 10,
		      &owner),
	    VERIFY_E_GONE);
	CHECK_INT(mc_verify_email_owner(db, a, t1, t + 48 * 3600 + 1, &owner,
		      &email),
	    0);
	CHECK_INT(mc_verify_email_confirm(db, a, t1, &texts, t + 48 * 3600 + 1,
		      &owner),
	    VERIFY_E_GONE);
	/* Another pending address ends the first one's link. */
	CHECK_INT(mc_verify_email_send(db, a, id, eb, &texts, t + 61, &wait),
	    0);
	t2 = token_of(db, a, eb);
	CHECK_INT(mc_verify_email_owner(db, a, t1, t + 62, &owner, &email), 0);
	CHECK_INT(mc_verify_email_confirm(db, a, t1, &texts, t + 62, &owner),
	    VERIFY_E_GONE);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.email == NULL);
	/* The second link: verified, once. */
	owner = 0;
	CHECK_INT(mc_verify_email_confirm(db, a, t2, &texts, t + 63, &owner),
	    0);
	CHECK_INT(owner, id);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.email != NULL && strcmp(c.email, eb) == 0);
	CHECK(c.email_new == NULL);
	CHECK_INT(mc_verify_email_confirm(db, a, t2, &texts, t + 64, &owner),
	    VERIFY_E_GONE);
	CHECK_INT(audits(db, a, id, "contact_verified",
		      mc_arena_printf(a, "email %s", eb)),
	    1);
	/* The first verified e-mail: no old one to tell. */
	CHECK_INT(sent_to(db, a, ea), 1);

	/* A change: the verified one stays until the new one is proved, and
	 * is told. */
	CHECK_INT(mc_verify_email_send(db, a, id, ec, &texts, t + 130, &wait),
	    0);
	CHECK(strcmp(last_subject(db, a, eb), "NOTICE") == 0);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.email != NULL && strcmp(c.email, eb) == 0);
	CHECK(c.email_new != NULL && strcmp(c.email_new, ec) == 0);
	/* Back to the verified one: nothing pending any more. */
	CHECK_INT(mc_verify_email_send(db, a, id, eb, &texts, t + 200, &wait),
	    VERIFY_E_SAME);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.email_new == NULL);

	/* Another account's verified address: told, never linked. */
	CHECK_INT(mc_verify_email_send(db, a, id, ed, &texts, t + 270, &wait),
	    0);
	CHECK(strcmp(last_subject(db, a, ed), "TAKEN") == 0);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.email_new != NULL && strcmp(c.email_new, ed) == 0);

	/* Verified by another account between the link and its use. */
	CHECK_INT(mc_verify_email_send(db, a, id, ee, &texts, t + 340, &wait),
	    0);
	t3 = token_of(db, a, ee);
	CHECK(mc_db_exec(db, stmts[STMT_HOLD], "si", ee, id2) >= 0);
	CHECK_INT(mc_verify_email_confirm(db, a, t3, &texts, t + 341, &owner),
	    VERIFY_E_TAKEN);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.email != NULL && strcmp(c.email, eb) == 0);
	/* Five links an hour at most, even to new addresses. */
	CHECK_INT(mc_verify_email_send(db, a, id,
		      mc_arena_printf(a, "verify-f-%s@test.motcua.vn", tag),
		      &texts, t + 400, &wait),
	    VERIFY_E_WAIT);
	CHECK(wait > 0 && wait <= 3600);

	/* An hour later a change proved: the old verified e-mail is told,
	 * once, with the moment; the new one is the account's. */
	eg = mc_arena_printf(a, "verify-g-%s@test.motcua.vn", tag);
	CHECK_INT(mc_verify_email_send(db, a, id, eg, &texts, t + 4000, &wait),
	    0);
	n = sent_to(db, a, eb);
	CHECK_INT(mc_verify_email_confirm(db, a, token_of(db, a, eg), &texts,
		      t + 4001, &owner),
	    0);
	CHECK_INT(sent_to(db, a, eb), n + 1);
	CHECK(strcmp(last_subject(db, a, eb), "CHANGED") == 0);
	CHECK(strcmp(last_body(db, a, eb, 0),
		  at(a, "Changed on ", t + 4001)) == 0);
	CHECK(strcmp(last_subject(db, a, eg), "LINK") == 0);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.email != NULL && strcmp(c.email, eg) == 0);
}

static void
test_phone(struct mc_db *db, struct mc_arena *a, const char *tag,
    const char *addr)
{
	struct mc_contacts c;
	const char	  *p1, *p2, *p3, *p4, *code, *code2, *code3;
	const char	  *sms = "Mot Cua: {code} xac nhan so dien thoai "
				 "tai khoan, {minutes} phut.";
	long long	   id;
	time_t		   t = time(NULL);
	long		   wait = 0, n = (long)getpid() % 100000;
	long long	   sent;
	int		   left = -1;

	p1 = mc_arena_printf(a, "0961%06ld", n * 10 + 1);
	p2 = mc_arena_printf(a, "0961%06ld", n * 10 + 2);
	p3 = mc_arena_printf(a, "0961%06ld", n * 10 + 3);
	p4 = mc_arena_printf(a, "0961%06ld", n * 10 + 4);
	(void)tag;
	id = mc_auth_account_create(db, NULL, NULL, "Điện Thoại", NULL,
	    "mot hai ba bon");
	CHECK(id > 0);
	/* Registration: pending, no code yet; a code typed is refused. */
	CHECK_INT(mc_verify_phone_note(db, a, id, p1, addr), 0);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.phone == NULL);
	CHECK(c.phone_new != NULL && strcmp(c.phone_new, p1) == 0);
	CHECK_INT(c.phone_sent, 0);
	CHECK_INT(mc_verify_phone_confirm(db, a, id, "123456", &texts, addr, t,
		      &left),
	    VERIFY_E_GONE);
	/* The code for the pending phone; again at once: wait. */
	CHECK_INT(mc_verify_phone_send(db, a, id, NULL, sms, addr, t, &wait),
	    0);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK_INT(c.phone_sent, 1);
	code = code_of(db, a, p1);
	CHECK_INT(strlen(code), 6);
	CHECK_INT(
	    mc_verify_phone_send(db, a, id, NULL, sms, addr, t + 5, &wait),
	    VERIFY_E_WAIT);
	CHECK(wait > 0);
	/* Wrong, then right. */
	CHECK_INT(mc_verify_phone_confirm(db, a, id, other(a, code), &texts,
		      addr, t + 10, &left),
	    VERIFY_E_WRONG);
	CHECK_INT(left, 4);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.phone == NULL);
	CHECK_INT(mc_verify_phone_confirm(db, a, id, code, &texts, addr,
		      t + 20, &left),
	    0);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.phone != NULL && strcmp(c.phone, p1) == 0);
	CHECK(c.phone_new == NULL);
	CHECK_INT(audits(db, a, id, "contact_verified",
		      mc_arena_printf(a, "phone %s", p1)),
	    1);
	/* The first verified phone: no old one to tell. */
	CHECK_INT(sent_to(db, a, p1), 1);
	/* Used: not good twice. */
	CHECK_INT(mc_verify_phone_confirm(db, a, id, code, &texts, addr,
		      t + 21, &left),
	    VERIFY_E_GONE);

	/* A change replaced by another before its code: the first code no
	 * longer proves anything; the verified phone stays meanwhile. */
	CHECK_INT(
	    mc_verify_phone_send(db, a, id, p2, sms, addr, t + 30, &wait), 0);
	code2 = code_of(db, a, p2);
	CHECK_INT(
	    mc_verify_phone_send(db, a, id, p3, sms, addr, t + 40, &wait), 0);
	code3 = code_of(db, a, p3);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.phone != NULL && strcmp(c.phone, p1) == 0);
	CHECK(c.phone_new != NULL && strcmp(c.phone_new, p3) == 0);
	if (strcmp(code2, code3) != 0)
		CHECK_INT(mc_verify_phone_confirm(db, a, id, code2, &texts,
			      addr, t + 50, &left),
		    VERIFY_E_WRONG);
	sent = sent_to(db, a, p1);
	CHECK_INT(mc_verify_phone_confirm(db, a, id, code3, &texts, addr,
		      t + 51, &left),
	    0);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.phone != NULL && strcmp(c.phone, p3) == 0);
	/* The old verified phone is told, once, with the moment. */
	CHECK_INT(sent_to(db, a, p1), sent + 1);
	CHECK(strcmp(last_body(db, a, p1, 1),
		  at(a, "PHONE CHANGED on ", t + 51)) == 0);
	CHECK_INT(sent_to(db, a, p2), 1);
	CHECK_INT(audits(db, a, id, "contact_pending",
		      mc_arena_printf(a, "phone %s", p2)),
	    1);
	/* The verified one again: nothing pending. */
	CHECK_INT(
	    mc_verify_phone_send(db, a, id, p3, sms, addr, t + 60, &wait),
	    VERIFY_E_SAME);

	/* A code past its expiry (phone_code_minutes, 10): ask again. */
	CHECK_INT(
	    mc_verify_phone_send(db, a, id, p4, sms, addr, t + 70, &wait), 0);
	code = code_of(db, a, p4);
	CHECK_INT(mc_verify_phone_confirm(db, a, id, code, &texts, addr,
		      t + 70 + 11 * 60, &left),
	    VERIFY_E_GONE);
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK(c.phone != NULL && strcmp(c.phone, p3) == 0);
}

/* The counter names a claim of an ID number by its contact (mc_auth). */
static void
test_claimant(struct mc_db *db, struct mc_arena *a, const char *tag)
{
	const char *idn, *e;
	long long   c1, c2, got = 0;
	time_t	    t = time(NULL);
	long	    wait;

	idn = mc_arena_printf(a, "0799%08ld", (long)getpid() % 100000000L);
	e = mc_arena_printf(a, "verify-claim-%s@test.motcua.vn", tag);
	c1 = mc_auth_account_create(db, NULL, idn, "Khai Một", NULL,
	    "mot hai ba bon");
	c2 = mc_auth_account_create(db, NULL, idn, "Khai Hai", NULL,
	    "mot hai ba bon");
	CHECK(c1 > 0 && c2 > 0);
	/* Waiting in one claim alone: that one. */
	CHECK_INT(mc_verify_email_send(db, a, c2, e, &texts, t, &wait), 0);
	CHECK_INT(mc_auth_id_claimant(db, a, idn, e, &got), 1);
	CHECK_INT(got, c2);
	/* Waiting in both: neither (the e-mail proves nothing yet). */
	CHECK_INT(mc_verify_email_send(db, a, c1, e, &texts, t, &wait), 0);
	CHECK_INT(mc_auth_id_claimant(db, a, idn, e, &got), 0);
	/* Verified in one: that one. */
	CHECK_INT(mc_verify_email_confirm(db, a, token_of(db, a, e), &texts,
		      t + 1, &got),
	    0);
	CHECK_INT(got, c1);
	got = 0;
	CHECK_INT(mc_auth_id_claimant(db, a, idn, e, &got), 1);
	CHECK_INT(got, c1);
}

/* A one-number answer of stmt with one argument (string or number). */
static long long
count_of(struct mc_db *db, struct mc_arena *a, enum stmt st, const char *s,
    long long n)
{
	struct mc_rows r;
	int	       rc;

	rc = s != NULL ? mc_db_query(db, a, &r, stmts[st], "s", s) :
			 mc_db_query(db, a, &r, stmts[st], "i", n);
	if (rc < 0 || r.n != 1)
		return -1;
	return mc_rows_int(&r, 0, 0);
}

/*
 * Registration is whole or absent: a step failing late (the phone's, made
 * to fail here by a number too long for its column) leaves no account, no
 * role and no link behind, and the same form posted again registers.
 */
static void
test_register(struct mc_db *db, struct mc_arena *a, const char *tag)
{
	struct mc_register in;
	struct mc_contacts c;
	const char	  *idn, *e;
	long long	   id = -1, links;
	time_t		   t = time(NULL);

	idn = mc_arena_printf(a, "0798%08ld", (long)getpid() % 100000000L);
	e = mc_arena_printf(a, "verify-reg-%s@test.motcua.vn", tag);
	memset(&in, 0, sizeof(in));
	in.id_number = idn;
	in.full_name = "Đăng Ký";
	in.password = "mot hai ba bon";
	in.email = e;
	in.phone = "0901234567890123456789012345";
	CHECK_INT(mc_verify_register(db, a, &in, &texts, t, &id), -1);
	CHECK_INT(id, 0);
	CHECK_INT(count_of(db, a, STMT_CLAIMS, idn, 0), 0);
	CHECK_INT(count_of(db, a, STMT_COUNT, e, 0), 0);
	in.phone = "0901234567";
	CHECK_INT(mc_verify_register(db, a, &in, &texts, t, &id), 0);
	CHECK(id > 0);
	CHECK_INT(count_of(db, a, STMT_CLAIMS, idn, 0), 1);
	CHECK_INT(count_of(db, a, STMT_ROLE, NULL, id), 1);
	links = count_of(db, a, STMT_COUNT, e, 0);
	CHECK_INT(links, 1);
	CHECK_STR(last_subject(db, a, e), "LINK");
	CHECK_INT(mc_verify_contacts(db, a, id, &c), 1);
	CHECK_STR(c.email_new, e);
	CHECK_STR(c.phone_new, "0901234567");
}

/* A well-formed tax code of its own for this run (a valid check digit). */
static const char *
unique_tax_code(struct mc_arena *a, long seed)
{
	const char *s;
	int	    d;

	for (;; seed++) {
		for (d = 0; d <= 9; d++) {
			s = mc_arena_printf(a, "9%08ld%d-%03ld",
			    seed % 100000000L, d, 1 + seed % 999);
			if (mc_account_tax_code(s) == TAX_CODE_OK)
				return s;
		}
	}
}

/* The account's organisation fields: 1 if as given, else 0. */
static int
org_is(struct mc_db *db, struct mc_arena *a, long long id, const char *name,
    const char *tax, int verified)
{
	struct mc_user *u;

	return mc_auth_account_load(db, a, id, &u) == 1 && u->org &&
	    u->org_name != NULL && strcmp(u->org_name, name) == 0 &&
	    u->tax_code != NULL && strcmp(u->tax_code, tax) == 0 &&
	    u->tax_verified == verified;
}

/*
 * An organisation registers (issue 9): its name and tax code kept as
 * declared, the representative's name and ID number as the account's; a
 * second claim of the same tax code registers while it is unverified; an
 * administrator verifies the first (audited, once: the second can no
 * longer be verified); a third registration with that code is
 * VERIFY_E_TAKEN with no account, no mail and no claim stored.
 */
static void
test_register_org(struct mc_db *db, struct mc_arena *a, const char *tag)
{
	struct mc_register in;
	struct mc_user	  *u;
	const char	  *tax, *e1, *e2, *e3;
	long long	   id1 = -1, id2 = -1, id3 = -1;
	time_t		   t = time(NULL);

	tax = unique_tax_code(a, (long)getpid() * 1000L + (long)(t % 1000));
	e1 = mc_arena_printf(a, "verify-org1-%s@test.motcua.vn", tag);
	e2 = mc_arena_printf(a, "verify-org2-%s@test.motcua.vn", tag);
	e3 = mc_arena_printf(a, "verify-org3-%s@test.motcua.vn", tag);
	memset(&in, 0, sizeof(in));
	in.id_number = "079312345678";
	in.full_name = "Người Đại Diện";
	in.org_name = "Công ty TNHH Một Cửa Thử";
	in.tax_code = tax;
	in.password = "mot hai ba bon";
	in.email = e1;
	CHECK_INT(mc_verify_register(db, a, &in, &texts, t, &id1), 0);
	CHECK(id1 > 0);
	CHECK(org_is(db, a, id1, in.org_name, tax, 0));
	CHECK_INT(mc_auth_account_load(db, a, id1, &u), 1);
	CHECK_STR(u->full_name, "Người Đại Diện");
	CHECK_STR(u->id_number, "079312345678");
	CHECK_STR(last_subject(db, a, e1), "LINK");
	in.email = e2;
	in.org_name = "Công ty khác";
	CHECK_INT(mc_verify_register(db, a, &in, &texts, t, &id2), 0);
	CHECK(id2 > 0 && id2 != id1);
	CHECK_INT(count_of(db, a, STMT_TAX_CLAIMS, tax, 0), 2);
	/* Only an officer's sight of the certificate verifies it. */
	CHECK_INT(mc_auth_tax_verify(db, id1, tax, ID_PROOF_SSO), 0);
	CHECK_INT(mc_auth_tax_verify(db, id1, "0314409058", ID_PROOF_ADMIN),
	    0);
	CHECK_INT(mc_db_begin(db), 0);
	CHECK_INT(mc_admin_tax_verify(db, 0, "unit", id1, tax), 1);
	CHECK_INT(mc_db_commit(db), 0);
	CHECK(org_is(db, a, id1, "Công ty TNHH Một Cửa Thử", tax, 1));
	{
		struct mc_rows r;

		CHECK_INT(mc_db_query(db, a, &r, stmts[STMT_AUDIT], "iss", id1,
			      "tax_code_verified", tax),
		    0);
		CHECK(r.n == 1 && mc_rows_int(&r, 0, 0) == 1);
	}
	CHECK_INT(mc_auth_tax_verify(db, id1, tax, ID_PROOF_ADMIN), 0);
	CHECK_INT(mc_auth_tax_verify(db, id2, tax, ID_PROOF_COUNTER), 0);
	CHECK(org_is(db, a, id2, "Công ty khác", tax, 0));
	in.email = e3;
	CHECK_INT(mc_verify_register(db, a, &in, &texts, t, &id3),
	    VERIFY_E_TAKEN);
	CHECK_INT(id3, 0);
	CHECK_INT(count_of(db, a, STMT_TAX_CLAIMS, tax, 0), 2);
	CHECK_INT(count_of(db, a, STMT_COUNT, e3, 0), 0);
}

int
main(void)
{
	struct mc_db	*db;
	struct mc_arena *a;
	char		 tag[40], addr[64];

	if (!NEED_DB("test_verify"))
		return DONE();
	if (mc_config_load(NULL) < 0) {
		CHECK(!"config");
		return DONE();
	}
	if ((db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	snprintf(tag, sizeof(tag), "%d-%ld", (int)getpid(), (long)time(NULL));
	snprintf(addr, sizeof(addr), "unit-verify-%s", tag);
	test_email(db, a, tag);
	test_phone(db, a, tag, addr);
	test_claimant(db, a, tag);
	test_register(db, a, tag);
	test_register_org(db, a, tag);
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
