/*
 * The one configuration file (key = value lines, # comments), read once at
 * start; MOTCUA_<KEY> in the environment overrides any key.
 */
#ifndef MC_CONFIG_H
#define MC_CONFIG_H

/*
 * Which file: the path given, else $MOTCUA_CONFIG, else ./motcua.conf
 * (never a guessed instance's). Returns 0, or -1 with a message on stderr.
 * A missing file is an error unless the environment gives every key used.
 */
int mc_config_load(const char *path);

/* The value of key (environment first), or def when it is not set. */
const char *mc_config_get(const char *key, const char *def);

/* The value as a number in [min, max], or def when unset or invalid. */
long long mc_config_int(const char *key, long long def, long long min,
    long long max);

/* The path of the file that was loaded ("" when none). */
const char *mc_config_file(void);

/*
 * Runs as the config's run_user (default www-data; "" keeps the user)
 * when started as root: groups, group, then user. When sock is not NULL it
 * is first given to that user (0660), or made 0666 when not root. The one
 * privilege drop of the programs and the worker. 0, or -1 (logged).
 */
int mc_config_drop_root(const char *sock);

/* Sets a key for this process (tests); 0 or -1. */
int mc_config_set(const char *key, const char *value);

#endif
