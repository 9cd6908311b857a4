/*
 * bin/motcua files-encrypt and files-rekey: every attachment of the store
 * brought under the current key (written in clear before files_key_file
 * was set, or under an older key before a rotation), one at a time, each
 * checked whole first and rewritten under a temporary name, synced and
 * renamed (lib/domain/mc_files), so that an interrupted run leaves every
 * file either as it was or rewritten, readable either way, and a second
 * run carries on. Reads the store's folders: every file of the store,
 * named or not; files-rekey also records each file's key id in its
 * attachments row and counts the rows not under the current key.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_files.h"
#include "motcua.h"

#define SHOW 10

enum stmt { STMT_SET_KEY, STMT_NOT_CURRENT, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_SET_KEY] = "UPDATE attachments SET key_id = ? WHERE sha256 = ? "
	    "AND NOT (key_id <=> ?)",
	[STMT_NOT_CURRENT] = "SELECT COUNT(*) FROM attachments "
	    "WHERE NOT (key_id <=> ?)",
};
/* clang-format on */

struct tally {
	struct mc_db *db; /* files-rekey: rows updated; NULL files-encrypt */
	const char   *cmd;
	long long     encrypted, already, failed;
};

int
motcua_hex_name(const char *s, size_t len)
{
	size_t i;

	if (strlen(s) != len)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* The files of one folder dir/ab/cd. */
static void
leaf(struct mc_arena *a, const char *path, struct tally *t)
{
	struct dirent *e;
	const char    *why;
	char	       kid[9];
	DIR	      *d;
	int	       rc;

	if ((d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		/* 64 hex digits: a file; NAME.tmp.* is one being written. */
		if (!motcua_hex_name(e->d_name, 64))
			continue;
		mc_arena_reset(a);
		rc = mc_files_encrypt_stored(a, e->d_name, &why);
		if (rc > 0)
			t->encrypted++;
		else if (rc == 0)
			t->already++;
		else if (t->failed++ < SHOW)
			printf("%s: %s: %s (left as it was)\n", t->cmd,
			    e->d_name, why != NULL ? why : "error");
		/* The row says which key, once the file is in place. */
		if (rc >= 0 && t->db != NULL &&
		    (mc_files_key_id(e->d_name, kid) < 0 ||
			mc_db_exec(t->db, stmts[STMT_SET_KEY], "sss", kid,
			    e->d_name, kid) < 0) &&
		    t->failed++ < SHOW)
			printf("%s: %s: its row not updated\n", t->cmd,
			    e->d_name);
	}
	closedir(d);
}

/* The folders of one level under path whose names are len hex digits. */
static int
each_dir(const char *path, char names[][3], size_t max)
{
	struct dirent *e;
	DIR	      *d;
	size_t	       n = 0;

	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL && n < max)
		if (motcua_hex_name(e->d_name, 2))
			memcpy(names[n++], e->d_name, 3);
	closedir(d);
	return (int)n;
}

/* Every file of the store under the current key; 0, or -1 said. */
static int
walk(struct tally *t)
{
	struct mc_arena *a;
	const char	*dir = mc_config_get("files_dir", "files");
	char		 l1[256][3], l2[256][3], path[4096];
	int		 n1, n2, i, j;

	if (mc_files_key() != 1) {
		fprintf(stderr,
		    "motcua: %s needs files_key_file in the configuration, "
		    "naming a readable key (tools/fileskey.sh)\n",
		    t->cmd);
		return -1;
	}
	if ((n1 = each_dir(dir, l1, 256)) < 0) {
		fprintf(stderr, "motcua: cannot read files_dir %s\n", dir);
		return -1;
	}
	if ((a = mc_arena_new(1 << 12)) == NULL)
		return -1;
	for (i = 0; i < n1; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, l1[i]);
		if ((n2 = each_dir(path, l2, 256)) < 0)
			continue;
		for (j = 0; j < n2; j++) {
			snprintf(path, sizeof(path), "%s/%s/%s", dir, l1[i],
			    l2[j]);
			leaf(a, path, t);
		}
	}
	mc_arena_free(a);
	return 0;
}

int
cmd_files_encrypt(struct mc_db *db, int argc, char **argv)
{
	struct tally t = { NULL, "files-encrypt", 0, 0, 0 };

	if (argc != 0) {
		fprintf(stderr, "usage: motcua files-encrypt\n");
		return -1;
	}
	if (walk(&t) < 0)
		return -1;
	printf("files-encrypt: %lld encrypted now, %lld were already, "
	       "%lld left as they were (not whole or unreadable)\n",
	    t.encrypted, t.already, t.failed);
	return t.failed > 0 ? -1 : 0;
}

/* Rows not under the key cur (NULL key_id: in clear, or no file), or -1. */
static long long
rows_not_under(struct mc_db *db, const char *cur)
{
	struct mc_arena *a;
	struct mc_rows	 r;
	long long	 rows = -1;

	if ((a = mc_arena_new(1 << 10)) == NULL)
		return -1;
	if (mc_db_query(db, a, &r, stmts[STMT_NOT_CURRENT], "s", cur) == 0 &&
	    r.n == 1)
		rows = strtoll(mc_rows_str(&r, 0, 0), NULL, 10);
	mc_arena_free(a);
	return rows;
}

/*
 * Walks the store again until a whole walk finds no file under an older
 * key and no row names one: an upload landing during the run (a file
 * written under the old key just before the rotation, in a folder the walk
 * has passed; a row committed with the key its file had before the walk
 * rewrote it) is caught by the next walk. At most PASSES walks; one that
 * rewrote nothing while rows still differ is followed by another a second
 * later (an upload's transaction committing) only while that count falls.
 */
#define PASSES 10

int
cmd_files_rekey(struct mc_db *db, int argc, char **argv)
{
	struct tally t = { db, "files-rekey", 0, 0, 0 }, pass;
	char	     cur[9];
	long long    rows = -1, before = -1;
	int	     n;

	if (argc != 0) {
		fprintf(stderr, "usage: motcua files-rekey\n");
		return -1;
	}
	for (n = 1; n <= PASSES; n++) {
		pass = (struct tally){ db, "files-rekey", 0, 0, 0 };
		if (walk(&pass) < 0)
			return -1;
		t.encrypted += pass.encrypted;
		t.failed = pass.failed; /* the last walk's: still so */
		if (n == 1)
			t.already = pass.already;
		mc_files_current_key_id(cur);
		rows = rows_not_under(db, cur);
		/* Done: nothing left, or a walk that changed nothing (a
		 * row whose file is missing stays: check --files names it). */
		if (rows < 0 ||
		    (pass.encrypted == 0 && (rows == 0 || rows == before)))
			break;
		if (pass.encrypted == 0)
			sleep(1);
		before = rows;
	}
	printf("files-rekey: key %s: %lld rewritten under it now, %lld were "
	       "already, %lld left as they were (not whole or unreadable); "
	       "%lld attachment row(s) not under it (%d walk(s) of the "
	       "store)\n",
	    cur, t.encrypted, t.already, t.failed, rows,
	    n > PASSES ? PASSES : n);
	if (t.failed == 0 && rows == 0 && mc_files_old_keys() > 0)
		printf("files-rekey: no file needs an older key: %s.old.* "
		       "may be retired\n",
		    mc_config_get("files_key_file", ""));
	return t.failed > 0 || rows != 0 ? -1 : 0;
}
