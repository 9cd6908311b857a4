/*
 * The audit log's hash chain (mc_audit), against the database of a test
 * instance (MOTCUA_CONFIG): entries written by two processes at once make
 * one chain; a row edited, deleted (in the middle or at the end) or an
 * entry inserted by SQL is found by mc_audit_check at that row, and the
 * chain is whole again once the row is put back. Entries naming a dossier,
 * an agency and a role (officers' accesses) chain the same way, a name
 * added or removed breaks the row; the accesses of a dossier and the
 * audit page's search (filters, an agency admin's subtree) find them. The
 * page's check from the checkpoint (mc_audit_check_recent) finds a row
 * changed after it on every load; one changed before it, the full check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_config.h"
#include "mc_db.h"

#define PER_CHILD 15

/* A check of the chain: 0 intact, else the first broken row. */
static long long
broken_by(struct mc_db *db, struct mc_arena *a,
    int (*check)(struct mc_db *, struct mc_arena *, long long *, long long *,
	const char **))
{
	long long   rows = 0, bad = 0;
	const char *why = "";
	int	    rc = check(db, a, &rows, &bad, &why);

	CHECK(rc >= 0);
	return rc == 1 ? bad : 0;
}

/* mc_audit_check (the whole chain): 0 intact, else the first broken row. */
static long long
broken_at(struct mc_db *db, struct mc_arena *a)
{
	return broken_by(db, a, mc_audit_check);
}

/* The id of the entry with a subject. */
static long long
id_of(struct mc_db *db, struct mc_arena *a, const char *subject)
{
	struct mc_rows r;

	CHECK(mc_db_query(db, a, &r,
		  "SELECT id FROM audit_log WHERE subject = ?", "s",
		  subject) == 0);
	CHECK_INT(r.n, 1);
	return r.n == 1 ? mc_rows_int(&r, 0, 0) : 0;
}

struct about_tx {
	const struct mc_audit	    *e;
	const struct mc_audit_about *ab;
};

static int
about_tx(struct mc_db *db, void *arg)
{
	struct about_tx *t = arg;

	return mc_audit_write_about(db, t->e, t->ab);
}

/*
 * Writes PER_CHILD entries from a process of its own; the second child's
 * name a dossier, an agency and a role (the chain's second form).
 */
static void
child(const char *tag, int k)
{
	struct mc_db   *db;
	struct mc_audit e = { AUDIT_LOGIN_FAILED, 0, 0, NULL, "192.0.2.9" };
	struct mc_audit_about ab = { 4000000000LL + k, 1, "receiver" };
	struct about_tx	      t = { &e, &ab };
	char		      subject[128];
	int		      i, bad = 0;

	if ((db = mc_db_open()) == NULL)
		_exit(2);
	for (i = 0; i < PER_CHILD; i++) {
		snprintf(subject, sizeof(subject), "%s-c%d-%d", tag, k, i);
		e.subject = subject;
		bad += (k == 2 ? mc_db_tx(db, about_tx, &t) :
				 mc_audit_log(db, &e)) != 0;
	}
	mc_db_close(db);
	_exit(bad != 0);
}

/* The row's cells, to put it back as it was. */
static int
save(struct mc_db *db, struct mc_arena *a, long long id, struct mc_rows *r)
{
	return mc_db_query(db, a, r,
	    "SELECT id, at, event, account_id, actor_id, subject, address, "
	    "prev_hash, hash FROM audit_log WHERE id = ?",
	    "i", id);
}

static void
restore(struct mc_db *db, const struct mc_rows *r)
{
	CHECK(mc_db_exec(db,
		  "REPLACE INTO audit_log (id, at, event, account_id, "
		  "actor_id, subject, address, prev_hash, hash) "
		  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		  "sssssssss", mc_rows_str(r, 0, 0), mc_rows_str(r, 0, 1),
		  mc_rows_str(r, 0, 2), mc_rows_str(r, 0, 3),
		  mc_rows_str(r, 0, 4), mc_rows_str(r, 0, 5),
		  mc_rows_str(r, 0, 6), mc_rows_str(r, 0, 7),
		  mc_rows_str(r, 0, 8)) >= 1);
}

static void
test_chain(struct mc_db *db, struct mc_arena *a)
{
	char		tag[64], s1[96], s2[96], s3[96];
	struct mc_audit e = { AUDIT_PASSWORD_CHANGE, 1, 0, NULL, NULL };
	struct mc_rows	row;
	long long	mid;
	pid_t		p1, p2;
	int		st1 = -1, st2 = -1;

	snprintf(tag, sizeof(tag), "unit-audit-%d-%ld", (int)getpid(),
	    (long)time(NULL));
	CHECK_STR(mc_audit_event_name(AUDIT_LOGIN), "login");
	CHECK_INT(broken_at(db, a), 0); /* what the suites wrote holds */

	/* Two writers at once: one chain, no row lost. */
	if ((p1 = fork()) == 0)
		child(tag, 1);
	if ((p2 = fork()) == 0)
		child(tag, 2);
	CHECK(p1 > 0 && p2 > 0);
	waitpid(p1, &st1, 0);
	waitpid(p2, &st2, 0);
	CHECK_INT(st1, 0);
	CHECK_INT(st2, 0);
	CHECK_INT(broken_at(db, a), 0);

	snprintf(s1, sizeof(s1), "%s-1", tag);
	snprintf(s2, sizeof(s2), "%s-2 (Trần Thị Hoa)", tag);
	snprintf(s3, sizeof(s3), "%s-3", tag);
	e.subject = s1;
	CHECK(mc_audit_log(db, &e) == 0);
	e.subject = s2;
	e.event = AUDIT_TOTP_RESET;
	e.actor_id = 2;
	CHECK(mc_audit_log(db, &e) == 0);
	e.subject = s3;
	CHECK(mc_audit_log(db, &e) == 0);
	CHECK_INT(broken_at(db, a), 0);
	mid = id_of(db, a, s2);
	CHECK(mid > 1);
	CHECK(save(db, a, mid, &row) == 0 && row.n == 1);

	/* An edited field: found at that row; whole again once undone. */
	CHECK(
	    mc_db_exec(db, "UPDATE audit_log SET account_id = 7 WHERE id = ?",
		"i", mid) == 1);
	CHECK_INT(broken_at(db, a), mid);
	restore(db, &row);
	CHECK_INT(broken_at(db, a), 0);

	/* A hash that is not the fields': found at that row. */
	CHECK(
	    mc_db_exec(db,
		"UPDATE audit_log SET hash = SHA2('forged', 256) WHERE id = ?",
		"i", mid) == 1);
	CHECK_INT(broken_at(db, a), mid);
	restore(db, &row);

	/* Edited with its hash made again: the next row no longer fits. */
	CHECK(mc_db_exec(db,
		  "UPDATE audit_log SET account_id = 7, hash = SHA2(CONCAT("
		  "prev_hash, '\\n', 'mc-audit-1|', id, '|', "
		  "DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), '|', event, '|7|', "
		  "IFNULL(actor_id, ''), '|', LENGTH(subject), ':', subject, "
		  "'|~'), 256) WHERE id = ?",
		  "i", mid) == 1);
	CHECK_INT(broken_at(db, a), mid + 1);
	restore(db, &row);
	CHECK_INT(broken_at(db, a), 0);

	/* A row deleted in the middle: found where it was. */
	CHECK(mc_db_exec(db, "DELETE FROM audit_log WHERE id = ?", "i", mid) ==
	    1);
	CHECK_INT(broken_at(db, a), mid);
	restore(db, &row);
	CHECK_INT(broken_at(db, a), 0);

	/* The newest row deleted (nothing after it to notice): the head does. */
	e.subject = tag;
	CHECK(mc_audit_log(db, &e) == 0);
	mid = id_of(db, a, tag);
	CHECK(save(db, a, mid, &row) == 0 && row.n == 1);
	CHECK(mc_db_exec(db, "DELETE FROM audit_log WHERE id = ?", "i", mid) ==
	    1);
	CHECK_INT(broken_at(db, a), mid); /* also if another wrote after it */
	restore(db, &row);
	CHECK_INT(broken_at(db, a), 0);
}

/* A leaf agency (no agency under it) other than not: its id, or 0. */
static unsigned int
leaf(struct mc_db *db, struct mc_arena *a, long long not )
{
	struct mc_rows r;

	CHECK(mc_db_query(db, a, &r,
		  "SELECT g.id FROM agencies g WHERE g.parent_id IS NOT NULL "
		  "AND g.id <> ? AND NOT EXISTS (SELECT 1 FROM agencies c "
		  "WHERE c.parent_id = g.id) ORDER BY g.id LIMIT 1",
		  "i", not ) == 0);
	CHECK_INT(r.n, 1);
	return r.n == 1 ? (unsigned int)mc_rows_int(&r, 0, 0) : 0;
}

static void
test_about(struct mc_db *db, struct mc_arena *a)
{
	struct mc_grant	       g[3];
	struct mc_user	       u;
	struct mc_audit_filter f;
	struct mc_rows	       rows;
	unsigned int	       x, y;
	long long	       dossier = 5000000000LL + getpid(), id;

	x = leaf(db, a, 0);
	y = leaf(db, a, x);
	memset(&u, 0, sizeof(u));
	u.id = 900000000LL + getpid(); /* holds no role in the database */
	u.grants = g;
	u.ngrants = 3;
	g[0].role = ROLE_CITIZEN;
	g[0].agency_id = 0;
	g[1].role = ROLE_LEADER;
	g[1].agency_id = y;
	g[2].role = ROLE_SPECIALIST;
	g[2].agency_id = x;
	u.roles = ROLES(ROLE_CITIZEN) | ROLES(ROLE_LEADER) |
	    ROLES(ROLE_SPECIALIST);

	/* The grant acted in: at the agency, else the other, else the first. */
	CHECK(mc_audit_grant(&u, x, y) == &g[2]);
	CHECK(mc_audit_grant(&u, 99999, y) == &g[1]);
	CHECK(mc_audit_grant(&u, 99999, 99998) == &g[1]);
	u.ngrants = 1;
	CHECK(mc_audit_grant(&u, x, y) == NULL); /* a citizen acts in none */
	u.ngrants = 3;

	CHECK(mc_db_begin(db) == 0);
	CHECK(mc_audit_dossier_write(db, AUDIT_DOSSIER_VIEW, &u, dossier, x, y,
		  NULL, "192.0.2.7") == 0);
	CHECK(mc_audit_dossier_write(db, AUDIT_DOSSIER_ACTION, &u, dossier, x,
		  y, "accept", NULL) == 0);
	CHECK(mc_db_commit(db) == 0);
	CHECK_INT(broken_at(db, a), 0);

	/* The dossier's accesses: newest first, the unit and the role. */
	CHECK(mc_audit_dossier(db, a, dossier, 10, &rows) == 0);
	CHECK_INT(rows.n, 2);
	CHECK_STR(mc_rows_str(&rows, 0, AACC_EVENT), "dossier_action");
	CHECK_STR(mc_rows_str(&rows, 0, AACC_ACTION), "accept");
	CHECK_STR(mc_rows_str(&rows, 1, AACC_EVENT), "dossier_view");
	CHECK(mc_rows_str(&rows, 1, AACC_ACTION) == NULL);
	CHECK_STR(mc_rows_str(&rows, 1, AACC_ROLE), "specialist");
	CHECK(mc_rows_str(&rows, 1, AACC_AGENCY) != NULL);

	/* The search: by dossier, by event, in x's subtree, not in y's. */
	memset(&f, 0, sizeof(f));
	f.event = -1;
	f.dossier_id = dossier;
	f.limit = 10;
	CHECK(mc_audit_search(db, a, &f, &rows) == 0);
	CHECK_INT(rows.n, 2);
	id = rows.n > 1 ? mc_rows_int(&rows, 1, ACOL_ID) : 0;
	f.event = AUDIT_DOSSIER_VIEW;
	CHECK(mc_audit_search(db, a, &f, &rows) == 0);
	CHECK_INT(rows.n, 1);
	CHECK_STR(mc_rows_str(&rows, 0, ACOL_ADDRESS), "192.0.2.7");
	f.scope_agency = x;
	CHECK(mc_audit_search(db, a, &f, &rows) == 0);
	CHECK_INT(rows.n, 1);
	f.scope_agency = y;
	CHECK(mc_audit_search(db, a, &f, &rows) == 0);
	CHECK_INT(rows.n, 0);
	f.scope_agency = 0;
	f.event = -1;
	f.account_id = u.id;
	f.from = "2000-01-01";
	f.to = "2000-01-02";
	CHECK(mc_audit_search(db, a, &f, &rows) == 0);
	CHECK_INT(rows.n, 0); /* not in those days */
	f.from = f.to = NULL;
	f.before_id = id + 1;
	CHECK(mc_audit_search(db, a, &f, &rows) == 0);
	CHECK_INT(rows.n, 1); /* the page after the action: the view */

	/* A paper downloaded: the applicant sees which, newest first. */
	CHECK(mc_db_begin(db) == 0);
	CHECK(mc_audit_dossier_write(db, AUDIT_DOSSIER_PAPER, &u, dossier, x,
		  y, "04", NULL) == 0);
	CHECK(mc_db_commit(db) == 0);
	CHECK(mc_audit_dossier(db, a, dossier, 10, &rows) == 0);
	CHECK_INT(rows.n, 3);
	CHECK_STR(mc_rows_str(&rows, 0, AACC_EVENT), "dossier_paper");
	CHECK_STR(mc_rows_str(&rows, 0, AACC_ACTION), "04");
	CHECK_STR(mc_rows_str(&rows, 0, AACC_ROLE), "specialist");

	/* A name taken off, or put on a row without one: that row breaks. */
	CHECK(mc_db_exec(db,
		  "UPDATE audit_log SET dossier_id = NULL WHERE id = ?", "i",
		  id) == 1);
	CHECK_INT(broken_at(db, a), id);
	CHECK(
	    mc_db_exec(db, "UPDATE audit_log SET dossier_id = ? WHERE id = ?",
		"ii", dossier, id) == 1);
	CHECK_INT(broken_at(db, a), 0);
	CHECK(
	    mc_db_exec(db, "UPDATE audit_log SET role = 'admin' WHERE id = ?",
		"i", id) == 1);
	CHECK_INT(broken_at(db, a), id);
	CHECK(mc_db_exec(db,
		  "UPDATE audit_log SET role = 'specialist' WHERE id = ?", "i",
		  id) == 1);
	CHECK_INT(broken_at(db, a), 0);
	CHECK_INT(mc_audit_event_parse("role_grant"), AUDIT_ROLE_GRANT);
	CHECK_INT(mc_audit_event_parse("nope"), -1);
}

/* mc_audit_check_recent (the audit page's): 0 intact, else the row. */
static long long
recent_broken_at(struct mc_db *db, struct mc_arena *a)
{
	return broken_by(db, a, mc_audit_check_recent);
}

/* Where the checkpoint stands (audit_checkpoint.last_id). */
static long long
checkpoint(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows r;

	CHECK(
	    mc_db_query(db, a, &r,
		"SELECT last_id FROM audit_checkpoint WHERE id = 1", "") == 0);
	return r.n == 1 ? mc_rows_int(&r, 0, 0) : -1;
}

/*
 * The page checks from the checkpoint on: a row changed after it is found
 * on every load (the checkpoint stays before it) until it is put back;
 * one changed before it only by the full check (motcua audit-check).
 */
static void
test_checkpoint(struct mc_db *db, struct mc_arena *a)
{
	struct mc_audit e = { AUDIT_PASSWORD_CHANGE, 3, 0, NULL, NULL };
	struct mc_rows	row;
	char		s1[96], s2[96];
	long long	old, young, cp;

	snprintf(s1, sizeof(s1), "unit-audit-cp-%d-1", (int)getpid());
	snprintf(s2, sizeof(s2), "unit-audit-cp-%d-2", (int)getpid());
	e.subject = s1;
	CHECK(mc_audit_log(db, &e) == 0);
	old = id_of(db, a, s1);
	CHECK_INT(recent_broken_at(db, a), 0);
	CHECK(checkpoint(db, a) >= old); /* moved on past it */

	/* Before the checkpoint: the full check finds it. */
	CHECK(save(db, a, old, &row) == 0 && row.n == 1);
	CHECK(
	    mc_db_exec(db, "UPDATE audit_log SET account_id = 8 WHERE id = ?",
		"i", old) == 1);
	CHECK_INT(broken_at(db, a), old);
	restore(db, &row);
	CHECK_INT(broken_at(db, a), 0);

	/* After the checkpoint: the page finds it, load after load. */
	cp = checkpoint(db, a);
	e.subject = s2;
	CHECK(mc_audit_log(db, &e) == 0);
	young = id_of(db, a, s2);
	CHECK(young > cp);
	CHECK(save(db, a, young, &row) == 0 && row.n == 1);
	CHECK(mc_db_exec(db, "UPDATE audit_log SET subject = 'x' WHERE id = ?",
		  "i", young) == 1);
	CHECK_INT(recent_broken_at(db, a), young);
	CHECK_INT(recent_broken_at(db, a), young);
	CHECK(checkpoint(db, a) < young);
	CHECK_INT(broken_at(db, a), young);
	restore(db, &row);
	CHECK_INT(recent_broken_at(db, a), 0);
	CHECK(checkpoint(db, a) >= young);

	/* The checkpoint's own row given another hash: found there. */
	cp = checkpoint(db, a);
	CHECK(save(db, a, cp, &row) == 0 && row.n == 1);
	CHECK(
	    mc_db_exec(db,
		"UPDATE audit_log SET hash = SHA2('forged', 256) WHERE id = ?",
		"i", cp) == 1);
	CHECK_INT(recent_broken_at(db, a), cp);
	restore(db, &row);
	CHECK_INT(recent_broken_at(db, a), 0);
	CHECK_INT(broken_at(db, a), 0);
}

int
main(void)
{
	struct mc_arena *a = mc_arena_new(1 << 20);
	struct mc_db	*db;

	if (NEED_DB("unit_audit")) {
		if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
			CHECK(!"database reachable");
		} else {
			test_chain(db, a);
			test_about(db, a);
			test_checkpoint(db, a);
			mc_db_close(db);
		}
	}
	mc_arena_free(a);
	return DONE();
}
