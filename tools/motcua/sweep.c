/*
 * bin/motcua files-sweep: removes the stored files no row names (left by a
 * request refused after its files were stored, or whose transaction rolled
 * back) once older than a safe age, so that an upload in flight (its file
 * written, its row not yet) is never touched.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_util.h"
#include "motcua.h"

#define SWEEP_HOURS 48 /* the default age: two days */

enum stmt { STMT_NAMED, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* Every row that names a stored file (a draft's in its JSON). */
	[STMT_NAMED] = "SELECT EXISTS (SELECT 1 FROM attachments "
	    "WHERE sha256 = ?) OR EXISTS (SELECT 1 FROM dossier_files "
	    "WHERE sha256 = ?) OR EXISTS (SELECT 1 FROM dossier_results "
	    "WHERE sha256 = ?) OR EXISTS (SELECT 1 FROM feedback_photos "
	    "WHERE sha256 = ?) OR EXISTS (SELECT 1 FROM eval_officer_cards "
	    "WHERE photo_sha256 = ?) OR EXISTS (SELECT 1 FROM form_drafts "
	    "WHERE documents LIKE CONCAT('%', ?, '%'))",
};
/* clang-format on */

struct sweep {
	struct mc_db	*db;
	struct mc_arena *a;
	time_t		 before; /* files last written or stored before it */
	int		 dry_run;
	long long	 removed, named, young, failed;
};

/* 1 if a row names the file sha, 0 not, -1 error. */
static int
named(struct sweep *w, const char *sha)
{
	struct mc_rows rows;

	if (mc_db_query(w->db, w->a, &rows, stmts[STMT_NAMED], "ssssss", sha,
		sha, sha, sha, sha, sha) < 0 ||
	    rows.n != 1)
		return -1;
	return mc_rows_int(&rows, 0, 0) != 0;
}

/*
 * One file: old, named by no row, then moved aside and looked at again (an
 * upload of the same bytes makes the file young before it writes its row,
 * mc_files_store); still old, removed, else put back.
 */
static void
one(struct sweep *w, const char *dir, const char *sha)
{
	struct stat st;
	char	    path[4096], aside[4200];
	int	    rc;

	if (snprintf(path, sizeof(path), "%s/%s", dir, sha) >=
		(int)sizeof(path) ||
	    lstat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return;
	if (st.st_mtime >= w->before) {
		w->young++;
		return;
	}
	mc_arena_reset(w->a);
	if ((rc = named(w, sha)) != 0) {
		if (rc < 0)
			w->failed++;
		else
			w->named++;
		return;
	}
	if (w->dry_run) {
		printf("files-sweep: would remove %s\n", sha);
		w->removed++;
		return;
	}
	if (snprintf(aside, sizeof(aside), "%s.sweep", path) >=
		(int)sizeof(aside) ||
	    rename(path, aside) < 0) {
		w->failed++;
		return;
	}
	if (stat(aside, &st) == 0 && st.st_mtime < w->before &&
	    unlink(aside) == 0) {
		w->removed++;
		return;
	}
	/* Made young meanwhile: back (unless written again meanwhile). */
	if (link(aside, path) < 0 && errno != EEXIST)
		w->failed++;
	else
		w->young++;
	unlink(aside);
}

/* The files of dir/ab/cd, for every ab and cd. */
static int
walk(struct sweep *w, const char *dir)
{
	DIR	      *d1, *d2, *d3;
	struct dirent *e1, *e2, *e3;
	char	       p1[4096], p2[4096];

	if ((d1 = opendir(dir)) == NULL)
		return -1;
	while ((e1 = readdir(d1)) != NULL) {
		if (!motcua_hex_name(e1->d_name, 2))
			continue;
		if (snprintf(p1, sizeof(p1), "%s/%s", dir, e1->d_name) >=
			(int)sizeof(p1) ||
		    (d2 = opendir(p1)) == NULL)
			continue;
		while ((e2 = readdir(d2)) != NULL) {
			if (!motcua_hex_name(e2->d_name, 2))
				continue;
			if (snprintf(p2, sizeof(p2), "%s/%s", p1,
				e2->d_name) >= (int)sizeof(p2) ||
			    (d3 = opendir(p2)) == NULL)
				continue;
			while ((e3 = readdir(d3)) != NULL)
				if (motcua_hex_name(e3->d_name, 64))
					one(w, p2, e3->d_name);
			closedir(d3);
		}
		closedir(d2);
	}
	closedir(d1);
	return 0;
}

int
cmd_files_sweep(struct mc_db *db, int argc, char **argv)
{
	struct sweep w = { db, NULL, 0, 0, 0, 0, 0, 0 };
	const char  *dir = mc_config_get("files_dir", "files");
	long long    hours = SWEEP_HOURS;
	int	     i, rc;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			w.dry_run = 1;
		else if (strcmp(argv[i], "--older-than") == 0 &&
		    i + 1 < argc &&
		    mc_parse_ll(argv[i + 1], 1, 24 * 3650, &hours) == 0)
			i++;
		else {
			fprintf(stderr,
			    "usage: motcua files-sweep "
			    "[--older-than HOURS] [--dry-run]\n");
			return -1;
		}
	}
	w.before = time(NULL) - (time_t)hours * 3600;
	if ((w.a = mc_arena_new(1 << 12)) == NULL)
		return -1;
	rc = walk(&w, dir);
	mc_arena_free(w.a);
	if (rc < 0) {
		fprintf(stderr, "motcua: cannot read files_dir %s\n", dir);
		return -1;
	}
	printf("files-sweep: %lld %s (named by no row, older than %lld "
	       "hours), %lld named by a row, %lld younger, %lld not "
	       "looked at (errors)\n",
	    w.removed, w.dry_run ? "to remove" : "removed", hours, w.named,
	    w.young, w.failed);
	return w.failed > 0 ? -1 : 0;
}
