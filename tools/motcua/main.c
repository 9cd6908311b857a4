/*
 * bin/motcua: the administration tool (migrations, seed data, catalogue
 * import, accounts, API tokens, the static site). One table of commands.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_log.h"

#include "motcua.h"

struct command {
	const char *name;
	const char *sub; /* second word, or NULL */
	int (*fn)(struct mc_db *, int, char **);
	int	    needs_db;
	const char *usage;
	const char *help;
};

static int cmd_help(struct mc_db *, int, char **);

/* clang-format off */
static const struct command commands[] = {
	{ "migrate", NULL, cmd_migrate, 1, "",
	    "apply the db/migrations not applied yet" },
	{ "seed", NULL, cmd_seed, 1, "",
	    "load agencies, ministry mappings and demo accounts (idempotent)" },
	{ "import-catalogue", NULL, cmd_import, 1, "FILE",
	    "import procedures from a JSON-lines file (gzip or plain)" },
	{ "user", "add", cmd_user_add, 1,
	    "--role ROLE [--agency CODE] [--email E] [--id-number N]\n"
	    "\t\t--password P [--name N] [--phone P]",
	    "create an account, or add a role to an existing one" },
	{ "token", "create", cmd_token_create, 1, "--email E [--days N]",
	    "create an API token for an account (shown once)" },
	{ "calendar", NULL, cmd_calendar, 1, "fill FROM_YEAR TO_YEAR | list YEAR"
	    "\n\t\t| set YYYY-MM-DD off|work NAME | unset YYYY-MM-DD",
	    "public holidays (computed) and an admin's days off / make-up days" },
	{ "counters", NULL, cmd_counters, 1, "rebuild | check",
	    "open dossiers' counts by agency, status, step and colour:\n"
	    "\t\trecomputed from the dossiers, or compared with them" },
	{ "check", NULL, cmd_check, 1, "[--counters] [--steps] [--files]",
	    "the application's consistency (after a restore): counters,\n"
	    "\t\tdossiers' steps, attachments present with their hash" },
	{ "audit-check", NULL, cmd_audit_check, 1, "",
	    "verifies the audit log's hash chain; names the first broken row" },
	{ "audit", "verify", cmd_audit_check, 1, "",
	    "the same as audit-check" },
	{ "site", NULL, cmd_site, 0, "[--full]",
	    "generate the static site (incrementally unless --full)" },
	{ "compress", NULL, cmd_compress, 0, "DIR",
	    "write .gz and .br copies beside the CSS, JS, SVG... under DIR" },
	{ "stats-rebuild", NULL, cmd_stats_rebuild, 1, "[--if-empty]",
	    "count every dossier again into the statistics summaries\n"
	    "\t(--if-empty: only when they hold nothing yet); offices quiet" },
	{ "stats-months", NULL, cmd_stats_months, 1, "",
	    "list again the open and overdue dossiers at each month's start\n"
	    "\t\tfrom the summaries (after they were changed by hand)" },
	{ "stats-recount", NULL, cmd_stats_recount, 1, "DOSSIER_ID",
	    "count one dossier again into the summaries (after a fix)" },
	{ "stats-report", NULL, cmd_stats_report, 1,
	    "--from D --to D [--by agency|procedure|field|channel|month]\n"
	    "\t\t[--agency ID]",
	    "the statistics report of a period, every cell, tab-separated" },
	{ "gen", NULL, cmd_gen, 1,
	    "--dossiers N [--seed S] [--years Y] [--until YYYY-MM-DD]",
	    "fill the database with N dossiers of realistic history\n"
	    "\t\t(events, steps, ratings, summaries); on a quiet instance" },
	{ "move-dossiers", NULL, cmd_move_dossiers, 1,
	    "--from CODE --to CODE [--dry-run]",
	    "move the open dossiers of a dissolved unit to its successor\n"
	    "\t\t(history and deadlines kept; run again, moves what is left)" },
	{ "files-encrypt", NULL, cmd_files_encrypt, 0, "",
	    "encrypt the attachments stored in clear (files_key_file);\n"
	    "\t\tidempotent, safe to interrupt; prints the counts" },
	{ "files-rekey", NULL, cmd_files_rekey, 1, "",
	    "every attachment under the current key (after\n"
	    "\t\ttools/fileskey.sh --rotate), rows told; resumable" },
	{ "files-sweep", NULL, cmd_files_sweep, 1,
	    "[--older-than HOURS] [--dry-run]",
	    "remove the stored files no row names, older than HOURS\n"
	    "\t\t(default 48: uploads in flight are never touched)" },
	{ "backup", NULL, cmd_backup, 0, "DEST [--incremental] [--logs]",
	    "hot backup with mariadb-backup, attachments, binary logs" },
	{ "restore", NULL, cmd_restore, 0,
	    "DEST [--until 'YYYY-MM-DD HH:MM:SS'] [--binlogs DIR]",
	    "into this (stopped) instance, logs replayed up to a time" },
	{ "help", NULL, cmd_help, 0, "", "this list" },
};
/* clang-format on */

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static int
cmd_help(struct mc_db *db, int argc, char **argv)
{
	size_t i;

	printf("usage: motcua COMMAND [ARGS]\n\n");
	for (i = 0; i < NCOMMANDS; i++) {
		printf("  %s%s%s%s%s\n\t%s\n", commands[i].name,
		    commands[i].sub ? " " : "",
		    commands[i].sub ? commands[i].sub : "",
		    *commands[i].usage ? " " : "", commands[i].usage,
		    commands[i].help);
	}
	printf(
	    "\nThe configuration comes from $MOTCUA_CONFIG, else "
	    "./motcua.conf\n(`PORT=N make run` links the instance it started "
	    "there), else only\nMOTCUA_<KEY> variables (MOTCUA_DB_SOCKET at "
	    "least); they override keys.\nNo other instance is ever guessed.\n");
	return 0;
}

int
motcua_opts(int argc, char **argv, struct motcua_opt *opts, size_t n)
{
	const char *a, *eq;
	size_t	    i, len;
	int	    k;

	for (k = 0; k < argc; k++) {
		a = argv[k];
		if (strncmp(a, "--", 2) != 0) {
			fprintf(stderr, "motcua: unexpected argument '%s'\n",
			    a);
			return -1;
		}
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		for (i = 0; i < n; i++)
			if (strlen(opts[i].name) == len &&
			    strncmp(opts[i].name, a, len) == 0)
				break;
		if (i == n) {
			fprintf(stderr, "motcua: unknown option '%s'\n",
			    argv[k]);
			return -1;
		}
		if (!opts[i].has_arg) {
			if (eq != NULL) {
				fprintf(stderr,
				    "motcua: --%s takes no value\n",
				    opts[i].name);
				return -1;
			}
			opts[i].value = "";
		} else if (eq != NULL)
			opts[i].value = eq + 1;
		else if (k + 1 < argc)
			opts[i].value = argv[++k];
		else {
			fprintf(stderr, "motcua: --%s needs a value\n",
			    opts[i].name);
			return -1;
		}
	}
	return 0;
}

int
motcua_read_file(const char *path, struct buf *out)
{
	FILE  *f;
	char   chunk[65536];
	size_t n;
	int    rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "motcua: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (mc_buf_add(out, chunk, n) < 0) {
			fprintf(stderr,
			    "motcua: %s: too large (over %zu bytes)"
			    "\n",
			    path, out->max);
			rc = -1;
			break;
		}
	if (rc == 0 && ferror(f)) {
		fprintf(stderr, "motcua: %s: read error\n", path);
		rc = -1;
	}
	fclose(f);
	return rc;
}

static const struct command *
command_find(int argc, char **argv, int *used)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, argv[0]) != 0)
			continue;
		if (commands[i].sub == NULL) {
			*used = 1;
			return &commands[i];
		}
		if (argc > 1 && strcmp(commands[i].sub, argv[1]) == 0) {
			*used = 2;
			return &commands[i];
		}
	}
	return NULL;
}

/*
 * Which instance: $MOTCUA_CONFIG, else ./motcua.conf (the link `make run`
 * makes to the instance it started from this checkout, whatever its port),
 * else MOTCUA_<KEY> variables alone. Never another instance without saying
 * so: a path is always passed (/dev/null for the variables alone), and the
 * instance found through ./motcua.conf is named on stderr.
 */
static int
config_load(void)
{
	char	    real[PATH_MAX];
	const char *env, *path;

	if ((env = getenv("MOTCUA_CONFIG")) != NULL && *env != '\0') {
		if (access(env, R_OK) < 0) {
			fprintf(stderr, "motcua: MOTCUA_CONFIG=%s: %s\n", env,
			    strerror(errno));
			return -1;
		}
		path = env;
	} else if (access("motcua.conf", R_OK) == 0)
		path = "motcua.conf";
	else if (getenv("MOTCUA_DB_SOCKET") != NULL)
		path = "/dev/null";
	else {
		fprintf(stderr,
		    "motcua: no instance chosen: MOTCUA_CONFIG is "
		    "not set and there is no readable\n  ./motcua.conf%s.\n"
		    "  Set MOTCUA_CONFIG=/tmp/motcua-PORT/motcua.conf (the "
		    "instance to act on), or run\n  from the checkout where "
		    "`PORT=PORT make run` started it (it links\n  motcua.conf "
		    "there). The file holds \"key = value\" lines: db_socket, "
		    "db_name,\n  db_user, db_password, migrations_dir, "
		    "seed_dir, ...\n",
		    readlink("motcua.conf", real, sizeof(real)) > 0 ?
			" (the link there points to an instance that is gone)" :
			"");
		return -1;
	}
	if (mc_config_load(path) < 0) {
		fprintf(stderr,
		    "motcua: cannot read the configuration %s "
		    "(MOTCUA_CONFIG)\n",
		    path);
		return -1;
	}
	if (path == env)
		return 0;
	if (strcmp(path, "/dev/null") == 0)
		fprintf(stderr,
		    "motcua: no config file: MOTCUA_* variables "
		    "only (database socket %s)\n",
		    mc_config_get("db_socket", "(unset)"));
	else
		fprintf(stderr,
		    "motcua: instance %s (port %s) through "
		    "./motcua.conf -> %s; set MOTCUA_CONFIG for another\n",
		    mc_config_get("run_dir", "?"), mc_config_get("port", "?"),
		    realpath("motcua.conf", real) != NULL ? real :
							    "motcua.conf");
	return 0;
}

int
main(int argc, char **argv)
{
	const struct command *c;
	struct mc_db	     *db = NULL;
	int		      used, rc;

	mc_log_init("motcua");
	if (argc < 2) {
		cmd_help(NULL, 0, NULL);
		return 1;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(NULL, 0, NULL) < 0 ? 1 : 0;
	if ((c = command_find(argc - 1, argv + 1, &used)) == NULL) {
		fprintf(stderr,
		    "motcua: unknown command '%s%s%s' "
		    "(motcua help lists them)\n",
		    argv[1], argc > 2 ? " " : "", argc > 2 ? argv[2] : "");
		return 1;
	}
	if (c->fn != cmd_help && config_load() < 0)
		return 1;
	if (c->needs_db && (db = mc_db_open()) == NULL) {
		fprintf(stderr,
		    "motcua: cannot connect to the database "
		    "(socket %s, config %s): is that instance running?\n"
		    "  Start it (`PORT=%s make run`) or set MOTCUA_CONFIG to "
		    "the motcua.conf of a running one.\n",
		    mc_config_get("db_socket", "(unset)"),
		    *mc_config_file() ? mc_config_file() : "(environment)",
		    mc_config_get("port", "N"));
		return 1;
	}
	rc = c->fn(db, argc - 1 - used, argv + 1 + used);
	mc_db_close(db);
	return rc < 0 ? 1 : 0;
}
