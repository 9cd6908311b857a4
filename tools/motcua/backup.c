/*
 * bin/motcua backup / restore: tools/backup.sh beside this program's
 * checkout (bin/../tools), run with MOTCUA_CONFIG set to the configuration
 * chosen, so the two never disagree on the instance. mariadb-backup, rsync
 * and mariadb-binlog do the work; see that script.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mc_config.h"
#include "motcua.h"

static int
run_script(const char *what, int argc, char **argv)
{
	char	exe[PATH_MAX], script[PATH_MAX + 32], *slash;
	char   *args[64];
	int	i, n = 0;
	ssize_t len;

	if (*mc_config_file() == '\0') {
		fprintf(stderr,
		    "motcua: %s needs a configuration file "
		    "(MOTCUA_CONFIG)\n",
		    what);
		return -1;
	}
	if ((len = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) < 0) {
		fprintf(stderr, "motcua: /proc/self/exe: %s\n",
		    strerror(errno));
		return -1;
	}
	exe[len] = '\0';
	/* bin/motcua -> bin -> the checkout */
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	snprintf(script, sizeof(script), "%s/tools/backup.sh", exe);
	if (argc > 60) {
		fprintf(stderr, "motcua: too many arguments\n");
		return -1;
	}
	args[n++] = script;
	args[n++] = (char *)what;
	for (i = 0; i < argc; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	if (setenv("MOTCUA_CONFIG", mc_config_file(), 1) < 0)
		return -1;
	fflush(NULL);
	execv(script, args);
	fprintf(stderr, "motcua: %s: %s\n", script, strerror(errno));
	return -1;
}

int
cmd_backup(struct mc_db *db, int argc, char **argv)
{
	return run_script("backup", argc, argv);
}

int
cmd_restore(struct mc_db *db, int argc, char **argv)
{
	return run_script("restore", argc, argv);
}
