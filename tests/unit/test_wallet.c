/*
 * Unit tests of mc_wallet against a migrated database: a citizen's files
 * once per hash with their first name and slot, results only once
 * returned, nobody else's, the ownership check, hiding and showing again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "fixtures.h"
#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eform.h"
#include "mc_files.h"
#include "mc_util.h"
#include "mc_wallet.h"

/* clang-format off */
static const char *const PROCEDURE = "SELECT p.code FROM procedures p "
    "WHERE p.level_province = 1 AND p.agency_id IS NOT NULL AND "
    "p.online = 1 AND p.time_hours IS NOT NULL ORDER BY p.code LIMIT 1";
static const char *const RESULT = "INSERT INTO dossier_results (dossier_id, "
    "sha256, filename, action, uploaded_at, uploaded_by) "
    "SELECT id, ?, 'giay-phep.pdf', 'return', NOW(), ? FROM dossiers "
    "WHERE code = ?";
static const char *const BLOB = "INSERT IGNORE INTO attachments (sha256, "
    "size, mime, created_at) VALUES (?, ?, 'application/pdf', NOW())";
static const char *const RETURNED = "UPDATE dossiers SET status = ? "
    "WHERE code = ?";
static const char *const FORM = "{\"components\": [], \"documents\": ["
    "{\"id\": \"d1\", \"name\": \"Giấy khai sinh\", \"types\": [\"pdf\"]},"
    "{\"id\": \"d2\", \"name\": \"Sổ hộ khẩu\", \"types\": [\"pdf\"]}]}";
/* clang-format on */

struct answers {
	struct mc_eform *form;
	const char	*documents;
};

static int
store(struct mc_db *db, long long dossier, void *arg)
{
	struct answers *t = arg;

	return mc_eform_store_answers(db, dossier, t->form, "{}",
	    t->documents);
}

/*
 * A file of its own for this run and tag, stored as an upload is (a small
 * PDF, mc_files_store): every attachments row the test makes has its file
 * in the store, so that `motcua check --files` finds the instance whole
 * after the suites (rows named by hand, with no file, were "missing").
 */
static const char *
stored(struct mc_arena *a, const char *tag, struct mc_file *f)
{
	const char *why,
	    *pdf = mc_arena_printf(a,
		"%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
		"%% wallet %d %s\ntrailer << /Root 1 0 R >>\n"
		"%%%%EOF\n",
		(int)getpid(), tag);

	if (mc_files_store(a, pdf, strlen(pdf), "wallet.pdf", f, &why) != 0)
		return NULL;
	return mc_arena_strdup(a, f->sha256);
}

/* Files a dossier for u with files (sha, name) and their slots. */
static const char *
file(struct mc_db *db, struct mc_arena *a, const char *proc,
    const struct mc_user *u, struct mc_file *files, size_t n,
    struct answers *t, time_t now)
{
	struct mc_submission s;
	const char	    *code = NULL;

	memset(&s, 0, sizeof(s));
	s.procedure_code = proc;
	s.account_id = u->id;
	s.name = u->full_name;
	s.id_number = u->id_number;
	s.channel = CHANNEL_ONLINE;
	s.form_json = "{}";
	s.files = files;
	s.nfiles = n;
	s.then = t ? store : NULL;
	s.then_arg = t;
	if (mc_dossier_submit(db, a, &s, now, &code) != 0)
		return NULL;
	return code;
}

/* The stored file like (mc_file of stored()) under the name name. */
static void
set_file(struct mc_file *f, const struct mc_file *like, const char *name)
{
	*f = *like;
	f->filename = name;
}

/* The row of the wallet with sha, or -1. */
static long
row_of(const struct mc_rows *rows, const char *sha)
{
	size_t i;

	for (i = 0; i < rows->n; i++)
		if (strcmp(mc_rows_str(rows, i, WAL_SHA256), sha) == 0)
			return (long)i;
	return -1;
}

int
main(void)
{
	struct mc_db	     *db;
	struct mc_arena	     *a;
	struct mc_rows	      proc, rows;
	struct mc_user	     *ann, *bob;
	struct mc_file	      files[2], fx, fy, fres;
	struct mc_eform	      form;
	struct mc_wallet_doc  d;
	struct answers	      t;
	enum mc_eform_problem prob;
	const char	     *subj, *x, *y, *res, *c1, *c2, *p;
	time_t		      now = time(NULL);
	long		      i;

	if (!NEED_DB("test_wallet"))
		return DONE();
	if (mc_config_load(NULL) < 0 || (db = mc_db_open()) == NULL) {
		CHECK(!"database reachable");
		return DONE();
	}
	a = mc_arena_new(65536);
	if (mc_db_query(db, a, &proc, PROCEDURE, "") < 0 || proc.n != 1) {
		CHECK(!"a procedure filed online");
		goto out;
	}
	p = mc_rows_str(&proc, 0, 0);
	ann = fixture_account(db, a, "wl", "0799", 11, "ann", ROLE_CITIZEN, 0);
	bob = fixture_account(db, a, "wl", "0799", 11, "bob2", ROLE_CITIZEN,
	    0);
	CHECK(ann != NULL && bob != NULL);
	CHECK_INT(mc_eform_parse(a, FORM, &form, &prob, &subj), 0);
	if (ann == NULL || bob == NULL)
		goto out;
	x = stored(a, "x", &fx);
	y = stored(a, "y", &fy);
	res = stored(a, "result", &fres);
	CHECK(x != NULL && y != NULL && res != NULL);
	if (x == NULL || y == NULL || res == NULL)
		goto out;

	/* An empty wallet. */
	CHECK_INT(mc_wallet_list(db, a, ann->id, &rows), 0);
	CHECK_INT(rows.n, 0);

	/* Two files in two slots; then the first again in a later dossier. */
	set_file(&files[0], &fx, "khai-sinh.pdf");
	set_file(&files[1], &fy, "ho-khau.pdf");
	t.form = &form;
	t.documents = mc_arena_printf(a,
	    "{\"d1\": [{\"sha256\": \"%s\"}], \"d2\": [{\"sha256\": \"%s\"}]}",
	    x, y);
	c1 = file(db, a, p, ann, files, 2, &t, now - 60);
	set_file(&files[0], &fx, "ban-sao.pdf");
	c2 = file(db, a, p, ann, files, 1, NULL, now - 30);
	CHECK(c1 != NULL && c2 != NULL);
	if (c1 == NULL || c2 == NULL)
		goto out;

	CHECK_INT(mc_wallet_list(db, a, ann->id, &rows), 0);
	CHECK_INT(rows.n, 2); /* x once, though filed twice */
	CHECK_INT(rows.ncols, WAL__MAX);
	if ((i = row_of(&rows, x)) < 0)
		CHECK(!"x in the wallet");
	else {
		/* The first filing: its name, slot and dossier. */
		CHECK_STR(mc_rows_str(&rows, i, WAL_NAME), "khai-sinh.pdf");
		CHECK_STR(mc_rows_str(&rows, i, WAL_DOC), "Giấy khai sinh");
		CHECK_STR(mc_rows_str(&rows, i, WAL_CODE), c1);
		CHECK_STR(mc_rows_str(&rows, i, WAL_KIND), "file");
		CHECK_STR(mc_rows_str(&rows, i, WAL_MIME), "application/pdf");
		CHECK_INT(mc_rows_int(&rows, i, WAL_SIZE), (long long)fx.size);
	}
	if ((i = row_of(&rows, y)) < 0)
		CHECK(!"y in the wallet");
	else
		CHECK_STR(mc_rows_str(&rows, i, WAL_DOC), "Sổ hộ khẩu");

	/* Nobody else's wallet holds them; the check says so. */
	CHECK_INT(mc_wallet_list(db, a, bob->id, &rows), 0);
	CHECK_INT(rows.n, 0);
	CHECK_INT(mc_wallet_find(db, a, bob->id, x, &d), 0);
	CHECK_INT(mc_wallet_find(db, a, ann->id, x, &d), 1);
	CHECK_STR(d.sha256, x);
	CHECK_STR(d.name, "khai-sinh.pdf");
	CHECK_STR(d.mime, "application/pdf");
	CHECK_INT(d.size, (long long)fx.size);
	CHECK_STR(d.doc, "Giấy khai sinh");
	CHECK_INT(mc_wallet_find(db, a, ann->id, "x", &d), 0);
	CHECK_INT(mc_wallet_find(db, a, ann->id, NULL, &d), 0);
	CHECK_INT(mc_wallet_find(db, a, ann->id,
		      mc_arena_printf(a, "%.63sZ", x), &d),
	    0);
	CHECK_INT(mc_wallet_find(db, a, 0, x, &d), 0);

	/* A result: in the wallet once the dossier is returned. */
	CHECK(mc_db_exec(db, BLOB, "si", res, (long long)fres.size) >= 0);
	CHECK(mc_db_exec(db, RESULT, "sis", res, ann->id, c2) == 1);
	CHECK_INT(mc_wallet_find(db, a, ann->id, res, &d), 0);
	CHECK(mc_db_exec(db, RETURNED, "is", (long long)STATUS_RETURNED, c2) ==
	    1);
	CHECK_INT(mc_wallet_find(db, a, ann->id, res, &d), 1);
	CHECK_STR(d.name, "giay-phep.pdf");
	CHECK_INT(mc_wallet_find(db, a, bob->id, res, &d), 0);
	CHECK_INT(mc_wallet_list(db, a, ann->id, &rows), 0);
	CHECK_INT(rows.n, 3);
	if ((i = row_of(&rows, res)) < 0)
		CHECK(!"the result in the wallet");
	else {
		CHECK_STR(mc_rows_str(&rows, i, WAL_KIND), "result");
		CHECK_STR(mc_rows_str(&rows, i, WAL_ACTION), "return");
		CHECK_STR(mc_rows_str(&rows, i, WAL_CODE), c2);
	}

	/* Hidden: gone from the list and the check, the dossiers keep it. */
	CHECK_INT(mc_wallet_hide(db, a, bob->id, x, now), 0);
	CHECK_INT(mc_wallet_hide(db, a, ann->id, x, now), 1);
	CHECK_INT(mc_wallet_find(db, a, ann->id, x, &d), 0);
	CHECK_INT(mc_wallet_list(db, a, ann->id, &rows), 0);
	CHECK_INT(rows.n, 2);
	CHECK(row_of(&rows, x) < 0);
	CHECK_INT(mc_wallet_hide(db, a, ann->id, x, now), 0);
	{
		struct mc_dossier dd;

		CHECK_INT(mc_dossier_load(db, a, c1, &dd), 1);
		CHECK_INT(dd.files.n, 2);
	}
	/* The same bytes filed again later: in the wallet again. */
	set_file(&files[0], &fx, "lai.pdf");
	CHECK(file(db, a, p, ann, files, 1, NULL, now + 60) != NULL);
	CHECK_INT(mc_wallet_find(db, a, ann->id, x, &d), 1);
	CHECK_STR(d.name, "lai.pdf");
out:
	mc_arena_free(a);
	mc_db_close(db);
	return DONE();
}
