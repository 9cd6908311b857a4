/*
 * bin/motcua files-encrypt: the attachments written in clear (before
 * files_key_file was set) encrypted in place, one at a time, each checked
 * whole first and rewritten under a temporary name, synced and renamed
 * (lib/domain/mc_files), so that an interrupted run leaves every file
 * either as it was or encrypted, and a second run carries on. Reads the
 * store's folders, not the database: every file of the store, named or not.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_files.h"
#include "motcua.h"

#define SHOW 10

struct tally {
	long long encrypted, already, failed;
};

static int
is_name(const char *s, size_t len)
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
	DIR	      *d;
	int	       rc;

	if ((d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		/* 64 hex digits: a file; NAME.tmp.* is one being written. */
		if (!is_name(e->d_name, 64))
			continue;
		mc_arena_reset(a);
		rc = mc_files_encrypt_stored(a, e->d_name, &why);
		if (rc > 0)
			t->encrypted++;
		else if (rc == 0)
			t->already++;
		else if (t->failed++ < SHOW)
			printf("files-encrypt: %s: %s (left as it was)\n",
			    e->d_name, why != NULL ? why : "error");
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
		if (is_name(e->d_name, 2))
			memcpy(names[n++], e->d_name, 3);
	closedir(d);
	return (int)n;
}

int
cmd_files_encrypt(struct mc_db *db, int argc, char **argv)
{
	struct mc_arena *a;
	struct tally	 t = { 0, 0, 0 };
	const char	*dir = mc_config_get("files_dir", "files");
	char		 l1[256][3], l2[256][3], path[4096];
	int		 n1, n2, i, j;

	if (argc != 0) {
		fprintf(stderr, "usage: motcua files-encrypt\n");
		return -1;
	}
	if (mc_files_key() != 1) {
		fprintf(stderr,
		    "motcua: files-encrypt needs files_key_file in the "
		    "configuration, naming a readable key (tools/fileskey.sh)\n");
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
			leaf(a, path, &t);
		}
	}
	mc_arena_free(a);
	printf("files-encrypt: %lld encrypted now, %lld were already, "
	       "%lld left as they were (not whole or unreadable)\n",
	    t.encrypted, t.already, t.failed);
	return t.failed > 0 ? -1 : 0;
}
