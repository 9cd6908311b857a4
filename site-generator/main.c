/*
 * bin/sitegen: renders the public site from the database into site_dir.
 * Usage: sitegen [--full]. Configuration: mc_config (MOTCUA_CONFIG).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mc_config.h"
#include "mc_log.h"
#include "mc_view.h"
#include "sitegen.h"

int
main(int argc, char *argv[])
{
	const char *cfg;
	int	    i, full = 0, rc;

	mc_log_init("sitegen");
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--full") == 0)
			full = 1;
		else {
			fprintf(stderr, "usage: sitegen [--full]\n");
			return 2;
		}
	}
	/* $MOTCUA_CONFIG, else ./motcua.conf; never another instance. */
	if ((cfg = getenv("MOTCUA_CONFIG")) == NULL || *cfg == '\0')
		cfg = access("motcua.conf", R_OK) == 0 ? "motcua.conf" : NULL;
	if (cfg == NULL) {
		fprintf(stderr,
		    "sitegen: no instance chosen: set "
		    "MOTCUA_CONFIG=/tmp/motcua-PORT/motcua.conf\n");
		return 1;
	}
	if (mc_config_load(cfg) < 0)
		return 1;
	if (mc_view_init(mc_config_get("templates_dir", "templates")) < 0)
		return 1;
	rc = sitegen_run(full);
	mc_view_free();
	return rc < 0 ? 1 : 0;
}
