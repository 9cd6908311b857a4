/*
 * motcua migrate: applies db/migrations/NNNN_name.sql files in order, each
 * once, recording them in schema_migrations. Forward only.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"

#include "motcua.h"

#define MIGRATION_MAX (16 * 1024 * 1024)

static const char sql_create[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT NOT NULL PRIMARY KEY,"
    " name VARCHAR(200) NOT NULL,"
    " applied_at DATETIME NOT NULL"
    ") ENGINE=InnoDB";
static const char sql_applied[] =
    "SELECT version FROM schema_migrations ORDER BY version";
static const char sql_record[] =
    "INSERT INTO schema_migrations (version, name, applied_at)"
    " VALUES (?, ?, NOW())";

/* 1 if name is NNNN_[A-Za-z0-9_-]+.sql, with its version; else 0. */
static int
migration_name(const char *name, long long *version)
{
	size_t i, len = strlen(name);

	if (len < 10 || len > 200 || strcmp(name + len - 4, ".sql") != 0)
		return 0;
	for (i = 0; i < 4; i++)
		if (name[i] < '0' || name[i] > '9')
			return 0;
	if (name[4] != '_')
		return 0;
	for (i = 5; i < len - 4; i++)
		if (!(name[i] >= 'a' && name[i] <= 'z') &&
		    !(name[i] >= 'A' && name[i] <= 'Z') &&
		    !(name[i] >= '0' && name[i] <= '9') && name[i] != '_' &&
		    name[i] != '-')
			return 0;
	*version = (name[0] - '0') * 1000 + (name[1] - '0') * 100 +
	    (name[2] - '0') * 10 + (name[3] - '0');
	return 1;
}

static int
is_applied(const struct mc_rows *rows, long long version)
{
	size_t i;

	for (i = 0; i < rows->n; i++)
		if (mc_rows_int(rows, i, 0) == version)
			return 1;
	return 0;
}

static int
apply_one(struct mc_db *db, const char *dir, const char *name,
    long long version)
{
	struct buf text;
	char	   path[4096];
	int	   rc = -1;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path)) {
		fprintf(stderr, "motcua: path too long: %s/%s\n", dir, name);
		return -1;
	}
	mc_buf_init(&text, MIGRATION_MAX);
	if (motcua_read_file(path, &text) < 0)
		goto out_free;
	if (mc_db_script(db, text.s, text.len) < 0) {
		fprintf(stderr,
		    "motcua: migration %s failed (the statement "
		    "is logged above); statements before it may have been "
		    "applied: fix the database by hand\n",
		    name);
		goto out_free;
	}
	if (mc_db_exec(db, sql_record, "is", version, name) < 0) {
		fprintf(stderr,
		    "motcua: migration %s applied but not "
		    "recorded\n",
		    name);
		goto out_free;
	}
	printf("applied %s\n", name);
	rc = 0;
out_free:
	mc_buf_free(&text);
	return rc;
}

int
cmd_migrate(struct mc_db *db, int argc, char **argv)
{
	struct dirent  **ents = NULL;
	struct mc_arena *a;
	struct mc_rows	 rows;
	const char	*dir;
	long long	 v, prev = -1;
	int		 n, i, applied = 0, rc = -1;

	if (argc > 0) {
		fprintf(stderr, "usage: motcua migrate\n");
		return -1;
	}
	dir = mc_config_get("migrations_dir", "db/migrations");
	if ((a = mc_arena_new(16384)) == NULL)
		return -1;
	if (mc_db_exec(db, sql_create, "") < 0 ||
	    mc_db_query(db, a, &rows, sql_applied, "") < 0) {
		fprintf(stderr, "motcua: cannot read schema_migrations\n");
		goto out_arena;
	}
	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0) {
		fprintf(stderr, "motcua: cannot list migrations in %s\n", dir);
		goto out_arena;
	}
	for (i = 0; i < n; i++) {
		if (!migration_name(ents[i]->d_name, &v))
			continue;
		if (v == prev) {
			fprintf(stderr,
			    "motcua: two migrations numbered "
			    "%04lld in %s\n",
			    v, dir);
			goto out_ents;
		}
		prev = v;
		if (is_applied(&rows, v))
			continue;
		if (apply_one(db, dir, ents[i]->d_name, v) < 0)
			goto out_ents;
		applied++;
	}
	if (applied == 0)
		printf("up to date\n");
	rc = 0;
out_ents:
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
out_arena:
	mc_arena_free(a);
	return rc;
}
