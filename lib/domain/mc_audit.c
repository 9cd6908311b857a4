/*
 * The hash-chained audit log (mc_audit.h). A row's hash is
 *   SHA-256(prev_hash "\n" "mc-audit-1" "|" id "|" at "|" event "|"
 *           account_id "|" actor_id "|" field(subject) "|" field(address))
 * with ids in decimal ("" for NULL) and field(x) "~" for NULL or
 * "<bytes>:<x>", so that no two different rows write the same text; the
 * first row's prev_hash is 64 zeros. A row naming a dossier, an agency or
 * a role (migration 0042) is hashed as "mc-audit-2" with "|" dossier_id "|"
 * agency_id "|" field(role) appended, so that adding or removing one of
 * them breaks the row too. Writers lock audit_head first.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_db.h"
#include "mc_log.h"
#include "mc_util.h"

#define ZERO_HASH \
	"0000000000000000000000000000000000000000000000000000000000000000"
#define BATCH 1000

enum stmt {
	STMT_HEAD_LOCK,
	STMT_HEAD_SET,
	STMT_INSERT,
	STMT_HEAD_GET,
	STMT_ROWS,
	STMT_DOSSIER,
	STMT_SEARCH,
	STMT_CP_GET,
	STMT_CP_SET,
	STMT_HASH_OF,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_HEAD_LOCK] = "SELECT last_id, hash FROM audit_head "
	    "WHERE id = 1 FOR UPDATE",
	[STMT_HEAD_SET] = "UPDATE audit_head SET last_id = ?, hash = ? "
	    "WHERE id = 1",
	[STMT_INSERT] = "INSERT INTO audit_log (id, at, event, account_id, "
	    "actor_id, subject, address, prev_hash, hash, dossier_id, "
	    "agency_id, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_HEAD_GET] = "SELECT last_id, hash FROM audit_head WHERE id = 1",
	[STMT_ROWS] = "SELECT id, at, event, account_id, actor_id, subject, "
	    "address, prev_hash, hash, dossier_id, agency_id, role "
	    "FROM audit_log WHERE id > ? AND id <= ? ORDER BY id LIMIT 1000",
	/* Read through audit_log_dossier alone: fast on any log's size. */
	[STMT_DOSSIER] = "SELECT l.at, l.event, "
	    "IF(l.event IN ('dossier_action', 'dossier_paper'), l.subject, "
	    "NULL) AS action, "
	    "l.role, g.name AS agency, g.name_en AS agency_en "
	    "FROM audit_log l "
	    "LEFT JOIN agencies g ON g.id = l.agency_id "
	    "WHERE l.dossier_id = ? "
	    "AND l.event IN ('dossier_view', 'dossier_action', "
	    "'dossier_paper') "
	    "ORDER BY l.id DESC LIMIT ?",
	[STMT_SEARCH] = "WITH RECURSIVE sub (id) AS (SELECT id FROM agencies "
	    "WHERE id = ? UNION ALL SELECT a.id FROM agencies a "
	    "JOIN sub ON a.parent_id = sub.id) "
	    "SELECT l.id, l.at, l.event, l.account_id, "
	    "COALESCE(ac.email, ac.full_name) AS account, l.actor_id, "
	    "COALESCE(ax.email, ax.full_name) AS actor, l.subject, l.address, "
	    "d.code AS dossier, g.name AS agency, l.role FROM audit_log l "
	    "LEFT JOIN accounts ac ON ac.id = l.account_id "
	    "LEFT JOIN accounts ax ON ax.id = l.actor_id "
	    "LEFT JOIN dossiers d ON d.id = l.dossier_id "
	    "LEFT JOIN agencies g ON g.id = l.agency_id "
	    "WHERE (? = 0 OR l.agency_id IN (SELECT id FROM sub) "
	    "OR EXISTS (SELECT 1 FROM account_roles r "
	    "WHERE r.account_id IN (l.account_id, l.actor_id) "
	    "AND r.agency_id IN (SELECT id FROM sub))) "
	    "AND (? = 0 OR l.account_id = ? OR l.actor_id = ?) "
	    "AND (? = '' OR l.event = ?) "
	    "AND (? = 0 OR l.dossier_id = ?) "
	    "AND (? IS NULL OR l.at >= ?) "
	    "AND (? IS NULL OR l.at < DATE_ADD(?, INTERVAL 1 DAY)) "
	    "AND (? = 0 OR l.id < ?) "
	    "ORDER BY l.id DESC LIMIT ?",
	[STMT_CP_GET] = "SELECT last_id, hash FROM audit_checkpoint "
	    "WHERE id = 1",
	/* Forward only: a slower check that ends earlier leaves it be. */
	[STMT_CP_SET] = "UPDATE audit_checkpoint SET last_id = ?, hash = ?, "
	    "checked_at = ? WHERE id = 1 AND last_id < ?",
	[STMT_HASH_OF] = "SELECT hash FROM audit_log WHERE id = ?",
};

static const char *const names[AUDIT__MAX] = {
	[AUDIT_LOGIN] = "login",
	[AUDIT_LOGIN_FAILED] = "login_failed",
	[AUDIT_LOGOUT] = "logout",
	[AUDIT_SESSION_END] = "session_end",
	[AUDIT_SESSIONS_END] = "sessions_end",
	[AUDIT_PASSWORD_CHANGE] = "password_change",
	[AUDIT_PASSWORD_RESET] = "password_reset",
	[AUDIT_TOTP_RESET] = "totp_reset",
	[AUDIT_DOSSIER_VIEW] = "dossier_view",
	[AUDIT_DOSSIER_ACTION] = "dossier_action",
	[AUDIT_EXPORT] = "export",
	[AUDIT_CONFIG] = "config_change",
	[AUDIT_ACCOUNT_CREATE] = "account_create",
	[AUDIT_ACCOUNT_DISABLE] = "account_disable",
	[AUDIT_ROLE_GRANT] = "role_grant",
	[AUDIT_ROLE_REVOKE] = "role_revoke",
	[AUDIT_REAUTH] = "reauth",
	[AUDIT_DOSSIER_PAPER] = "dossier_paper",
	[AUDIT_CONTACT_PENDING] = "contact_pending",
	[AUDIT_CONTACT_VERIFIED] = "contact_verified",
	[AUDIT_TAX_VERIFIED] = "tax_code_verified",
	[AUDIT_REAUTH_FAILED] = "reauth_failed",
};
/*
 * account_roles.role, as mc_auth_role_name says them: repeated here so that
 * programs writing the log (bin/worker) need not link the password hashing.
 */
static const char *const role_names[ROLE__MAX] = {
	[ROLE_CITIZEN] = "citizen",
	[ROLE_RECEIVER] = "receiver",
	[ROLE_SPECIALIST] = "specialist",
	[ROLE_LEADER] = "leader",
	[ROLE_ADMIN] = "admin",
	[ROLE_EVALUATOR] = "evaluator",
	[ROLE_WEBMASTER] = "webmaster",
};
/* clang-format on */

enum col {
	C_ID,
	C_AT,
	C_EVENT,
	C_ACCOUNT,
	C_ACTOR,
	C_SUBJECT,
	C_ADDRESS,
	C_PREV,
	C_HASH,
	C_DOSSIER,
	C_AGENCY,
	C_ROLE,
	C__MAX
};

const char *
mc_audit_event_name(enum mc_audit_event e)
{
	return (unsigned)e < AUDIT__MAX ? names[e] : "?";
}

int
mc_audit_event_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < AUDIT__MAX; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

/* Appends field(x) of the header comment to buf; the length written. */
static void
field(char *buf, size_t size, size_t *off, const char *x)
{
	int n;

	if (*off >= size)
		return;
	n = x == NULL ?
	    snprintf(buf + *off, size - *off, "|~") :
	    snprintf(buf + *off, size - *off, "|%zu:%s", strlen(x), x);
	*off += n < 0 ? 0 : (size_t)n;
}

/* A row's fields as text, as the hash reads them (NULL for SQL NULL). */
struct row {
	const char *id, *at, *event, *account, *actor, *subject, *address;
	const char *dossier, *agency, *role;
};

/* The row's hash (65 bytes: hex and NUL); 0, or -1 if it does not fit. */
static int
row_hash(char out[65], const char *prev, const struct row *w)
{
	char	      buf[1024];
	unsigned char h[32];
	size_t	      off = 0;
	int	      n, v2;

	v2 = w->dossier != NULL || w->agency != NULL || w->role != NULL;
	n = snprintf(buf, sizeof(buf), "%s\nmc-audit-%d|%s|%s|%s|%s|%s", prev,
	    v2 ? 2 : 1, w->id, w->at, w->event,
	    w->account != NULL ? w->account : "",
	    w->actor != NULL ? w->actor : "");
	if (n < 0 || (size_t)n >= sizeof(buf))
		return -1;
	off = (size_t)n;
	field(buf, sizeof(buf), &off, w->subject);
	field(buf, sizeof(buf), &off, w->address);
	if (v2 && off < sizeof(buf)) {
		n = snprintf(buf + off, sizeof(buf) - off, "|%s|%s",
		    w->dossier != NULL ? w->dossier : "",
		    w->agency != NULL ? w->agency : "");
		off += n < 0 ? sizeof(buf) : (size_t)n;
		field(buf, sizeof(buf), &off, w->role);
	}
	if (off >= sizeof(buf))
		return -1;
	mc_sha256(h, buf, off);
	mc_hex(out, h, sizeof(h));
	return 0;
}

/* A text as the log keeps it: at most max bytes of valid UTF-8, or NULL. */
static const char *
kept(char *buf, size_t max, const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if (n > max)
		n = max;
	while (n > 0 && n < strlen(s) && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return mc_utf8_valid(buf, n) ? buf : "(not UTF-8)";
}

int
mc_audit_write(struct mc_db *db, const struct mc_audit *e)
{
	return mc_audit_write_about(db, e, NULL);
}

int
mc_audit_write_about(struct mc_db *db, const struct mc_audit *e,
    const struct mc_audit_about *ab)
{
	static const struct mc_audit_about none;
	struct mc_arena			  *a;
	struct mc_rows			   head;
	char	   at[20], id[24], acc[24], act[24], hash[65], prev[65];
	char	   subj[256], addr[46], dos[24], ag[16], role[17];
	struct row w;
	long long  next;
	int	   rc = -1;

	if (ab == NULL)
		ab = &none;
	if ((unsigned)e->event >= AUDIT__MAX ||
	    (a = mc_arena_new(4096)) == NULL)
		return -1;
	if (mc_db_query(db, a, &head, stmts[STMT_HEAD_LOCK], "") < 0 ||
	    head.n != 1) {
		mc_err("audit: no head row (migration 0031)");
		goto out;
	}
	next = mc_rows_int(&head, 0, 0) + 1;
	snprintf(prev, sizeof(prev), "%s", mc_rows_str(&head, 0, 1));
	mc_time_sql(at, time(NULL));
	snprintf(id, sizeof(id), "%lld", next);
	snprintf(acc, sizeof(acc), "%lld", e->account_id);
	snprintf(act, sizeof(act), "%lld", e->actor_id);
	snprintf(dos, sizeof(dos), "%lld", ab->dossier_id);
	snprintf(ag, sizeof(ag), "%u", ab->agency_id);
	memset(&w, 0, sizeof(w));
	w.id = id;
	w.at = at;
	w.event = names[e->event];
	w.account = e->account_id > 0 ? acc : NULL;
	w.actor = e->actor_id > 0 ? act : NULL;
	w.subject = kept(subj, sizeof(subj) - 1, e->subject);
	w.address = kept(addr, sizeof(addr) - 1, e->address);
	w.dossier = ab->dossier_id > 0 ? dos : NULL;
	w.agency = ab->agency_id > 0 ? ag : NULL;
	w.role = kept(role, sizeof(role) - 1, ab->role);
	if (row_hash(hash, prev, &w) < 0)
		goto out;
	if (mc_db_exec(db, stmts[STMT_INSERT], "issIIssssIIs", next, at,
		w.event, e->account_id, e->actor_id, w.subject, w.address,
		prev, hash, ab->dossier_id, (long long)ab->agency_id,
		w.role) < 0 ||
	    mc_db_exec(db, stmts[STMT_HEAD_SET], "is", next, hash) < 0)
		goto out;
	rc = 0;
out:
	mc_arena_free(a);
	return rc;
}

const struct mc_grant *
mc_audit_grant(const struct mc_user *u, unsigned int agency,
    unsigned int other)
{
	const struct mc_grant *first = NULL;
	size_t		       i;

	for (i = 0; u != NULL && i < u->ngrants; i++) {
		if (!(ROLES_OFFICER & ROLES(u->grants[i].role)))
			continue;
		if (u->grants[i].agency_id == agency)
			return &u->grants[i];
		if (first == NULL || u->grants[i].agency_id == other)
			first = &u->grants[i];
	}
	return first;
}

int
mc_audit_dossier_write(struct mc_db *db, enum mc_audit_event ev,
    const struct mc_user *u, long long dossier_id, unsigned int agency,
    unsigned int other, const char *action, const char *address)
{
	const struct mc_grant *g = mc_audit_grant(u, agency, other);
	struct mc_audit	       e = { ev, u->id, 0, action, address };
	struct mc_audit_about  ab = { dossier_id, 0, NULL };

	if (g != NULL) {
		ab.agency_id = g->agency_id;
		ab.role = (unsigned)g->role < ROLE__MAX ? role_names[g->role] :
							  NULL;
	}
	return mc_audit_write_about(db, &e, &ab);
}

static int
log_tx(struct mc_db *db, void *arg)
{
	return mc_audit_write(db, arg);
}

int
mc_audit_log(struct mc_db *db, const struct mc_audit *e)
{
	return mc_db_tx(db, log_tx, (void *)e) < 0 ? -1 : 0;
}

/*
 * Verifies the rows after row last, whose hash is prev (65 bytes, moved on
 * to the last row's), up to the head as it stood when the check began
 * (rows written meanwhile are the next check's): 0 intact (*rows: the last
 * row's id, the rows in the chain), 1 broken (*bad_id, *why), -1 on error.
 */
static int
verify(struct mc_db *db, struct mc_arena *a, long long last, char prev[65],
    long long *rows, long long *bad_id, const char **why)
{
	struct mc_rows r, head;
	struct row     w;
	char	       hash[65];
	long long      id, end;
	size_t	       i;

	if (mc_db_query(db, a, &head, stmts[STMT_HEAD_GET], "") < 0 ||
	    head.n != 1)
		return -1;
	end = mc_rows_int(&head, 0, 0);
	for (;;) {
		if (mc_db_query(db, a, &r, stmts[STMT_ROWS], "ii", last, end) <
			0 ||
		    (r.n > 0 && r.ncols != C__MAX))
			return -1;
		for (i = 0; i < r.n; i++) {
			id = mc_rows_int(&r, i, C_ID);
			*bad_id = last + 1;
			if (id != last + 1) {
				*why = "a row is missing before this one";
				return 1;
			}
			if (strcmp(mc_rows_str(&r, i, C_PREV), prev) != 0) {
				*why = "its prev_hash is not the previous "
				       "row's hash";
				return 1;
			}
			w.id = mc_rows_str(&r, i, C_ID);
			w.at = mc_rows_str(&r, i, C_AT);
			w.event = mc_rows_str(&r, i, C_EVENT);
			w.account = mc_rows_str(&r, i, C_ACCOUNT);
			w.actor = mc_rows_str(&r, i, C_ACTOR);
			w.subject = mc_rows_str(&r, i, C_SUBJECT);
			w.address = mc_rows_str(&r, i, C_ADDRESS);
			w.dossier = mc_rows_str(&r, i, C_DOSSIER);
			w.agency = mc_rows_str(&r, i, C_AGENCY);
			w.role = mc_rows_str(&r, i, C_ROLE);
			if (row_hash(hash, prev, &w) < 0 ||
			    strcmp(hash, mc_rows_str(&r, i, C_HASH)) != 0) {
				*why = "its fields do not give its hash";
				return 1;
			}
			memcpy(prev, hash, 65);
			last = id;
		}
		if (r.n < BATCH)
			break;
	}
	*rows = last;
	*bad_id = last + 1;
	if (mc_rows_int(&head, 0, 0) != last ||
	    strcmp(mc_rows_str(&head, 0, 1), prev) != 0) {
		*why = "the last rows are missing (the head is further on)";
		return 1;
	}
	return 0;
}

/* The checkpoint moved on to row last of hash (never back); 0 or -1. */
static int
checkpoint_set(struct mc_db *db, long long last, const char *hash)
{
	char now[20];

	mc_time_sql(now, time(NULL));
	return mc_db_exec(db, stmts[STMT_CP_SET], "issi", last, hash, now,
		   last) < 0 ?
	    -1 :
	    0;
}

int
mc_audit_check(struct mc_db *db, struct mc_arena *a, long long *rows,
    long long *bad_id, const char **why)
{
	char prev[65];
	int  rc;

	*rows = 0;
	snprintf(prev, sizeof(prev), "%s", ZERO_HASH);
	if ((rc = verify(db, a, 0, prev, rows, bad_id, why)) != 0)
		return rc;
	return checkpoint_set(db, *rows, prev) < 0 ? -1 : 0;
}

int
mc_audit_check_recent(struct mc_db *db, struct mc_arena *a, long long *rows,
    long long *bad_id, const char **why)
{
	struct mc_rows cp, at;
	char	       prev[65];
	long long      last;
	int	       rc;

	*rows = 0;
	if (mc_db_query(db, a, &cp, stmts[STMT_CP_GET], "") < 0 || cp.n != 1)
		return -1;
	last = mc_rows_int(&cp, 0, 0);
	snprintf(prev, sizeof(prev), "%s", mc_rows_str(&cp, 0, 1));
	/* The checkpoint's row is still there with the hash verified. */
	if (last > 0) {
		if (mc_db_query(db, a, &at, stmts[STMT_HASH_OF], "i", last) <
		    0)
			return -1;
		if (at.n != 1 || strcmp(mc_rows_str(&at, 0, 0), prev) != 0) {
			*bad_id = last;
			*why =
			    "the row verified last no longer bears its hash";
			return 1;
		}
	}
	if ((rc = verify(db, a, last, prev, rows, bad_id, why)) != 0)
		return rc;
	return *rows > last && checkpoint_set(db, *rows, prev) < 0 ? -1 : 0;
}

int
mc_audit_dossier(struct mc_db *db, struct mc_arena *a, long long dossier_id,
    int max, struct mc_rows *out)
{
	if (mc_db_query(db, a, out, stmts[STMT_DOSSIER], "ii", dossier_id,
		(long long)max) < 0)
		return -1;
	if (out->ncols != AACC__MAX) {
		mc_err("audit: %zu access columns, want %d", out->ncols,
		    AACC__MAX);
		return -1;
	}
	return 0;
}

int
mc_audit_search(struct mc_db *db, struct mc_arena *a,
    const struct mc_audit_filter *f, struct mc_rows *out)
{
	const char *ev = f->event >= 0 && f->event < AUDIT__MAX ?
	    names[f->event] :
	    "";

	if (mc_db_query(db, a, out, stmts[STMT_SEARCH], "iiiiissiissssiii",
		(long long)f->scope_agency, (long long)f->scope_agency,
		f->account_id, f->account_id, f->account_id, ev, ev,
		f->dossier_id, f->dossier_id, f->from, f->from, f->to, f->to,
		f->before_id, f->before_id, (long long)f->limit) < 0)
		return -1;
	if (out->ncols != ACOL__MAX) {
		mc_err("audit: %zu search columns, want %d", out->ncols,
		    ACOL__MAX);
		return -1;
	}
	return 0;
}
