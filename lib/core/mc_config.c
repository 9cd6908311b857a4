/*
 * The configuration file: "key = value" lines read once at start, with
 * MOTCUA_<KEY> environment variables taking precedence.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mc_config.h"
#include "mc_log.h"
#include "mc_util.h"

#define CONFIG_MAX 64

static struct {
	char *key;
	char *value;
} config[CONFIG_MAX];
static size_t nconfig;
static char   config_path[4096];

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
mc_config_set(const char *key, const char *value)
{
	size_t i;
	char  *v;

	if ((v = strdup(value)) == NULL)
		return -1;
	for (i = 0; i < nconfig; i++)
		if (strcmp(config[i].key, key) == 0) {
			free(config[i].value);
			config[i].value = v;
			return 0;
		}
	if (nconfig == CONFIG_MAX ||
	    (config[nconfig].key = strdup(key)) == NULL) {
		free(v);
		return -1;
	}
	config[nconfig++].value = v;
	return 0;
}

static int
config_read(const char *path)
{
	FILE *f;
	char  line[4096], *k, *v, *eq;
	int   lineno = 0;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "motcua: cannot read config %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		k = trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			fprintf(stderr,
			    "motcua: %s:%d: expected key = value\n", path,
			    lineno);
			fclose(f);
			return -1;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		if (mc_config_set(k, v) < 0) {
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	snprintf(config_path, sizeof(config_path), "%s", path);
	return 0;
}

int
mc_config_load(const char *path)
{
	const char *env;

	if (path == NULL && (env = getenv("MOTCUA_CONFIG")) != NULL &&
	    *env != '\0')
		path = env;
	if (path == NULL && access("motcua.conf", R_OK) == 0)
		path = "motcua.conf";
	if (path == NULL) {
		if (getenv("MOTCUA_DB_SOCKET") == NULL)
			return -1;
	} else if (config_read(path) < 0)
		return -1;
	/* Every program reckons dates in the city's time. */
	setenv("TZ", mc_config_get("timezone", "Asia/Ho_Chi_Minh"), 1);
	tzset();
	return 0;
}

const char *
mc_config_get(const char *key, const char *def)
{
	char	    name[128];
	const char *v;
	size_t	    i, n;

	n = (size_t)snprintf(name, sizeof(name), "MOTCUA_%s", key);
	if (n < sizeof(name)) {
		for (i = 7; i < n; i++)
			name[i] = (char)toupper((unsigned char)name[i]);
		if ((v = getenv(name)) != NULL)
			return v;
	}
	for (i = 0; i < nconfig; i++)
		if (strcmp(config[i].key, key) == 0)
			return config[i].value;
	return def;
}

long long
mc_config_int(const char *key, long long def, long long min, long long max)
{
	const char *v;
	long long   n;

	if ((v = mc_config_get(key, NULL)) == NULL)
		return def;
	if (mc_parse_ll(v, min, max, &n) < 0)
		return def;
	return n;
}

const char *
mc_config_file(void)
{
	return config_path;
}

int
mc_config_drop_root(const char *sock)
{
	const char    *user = mc_config_get("run_user", "www-data");
	struct passwd *pw;

	if (geteuid() != 0 || *user == '\0')
		return sock != NULL ? chmod(sock, 0666) : 0;
	if ((pw = getpwnam(user)) == NULL) {
		mc_err("no user %s", user);
		return -1;
	}
	if ((sock != NULL &&
		(chown(sock, pw->pw_uid, pw->pw_gid) < 0 ||
		    chmod(sock, 0660) < 0)) ||
	    setgroups(0, NULL) < 0 || setgid(pw->pw_gid) < 0 ||
	    setuid(pw->pw_uid) < 0) {
		mc_err("dropping to %s: %s", user, strerror(errno));
		return -1;
	}
	return 0;
}
