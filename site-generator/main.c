/*
 * bin/sitegen: renders the public site from the database into site_dir.
 * Usage: sitegen [--full]. Configuration: mc_config (MOTCUA_CONFIG).
 */
#include <stdio.h>
#include <string.h>

#include "mc_config.h"
#include "mc_log.h"
#include "mc_view.h"
#include "sitegen.h"

int
main(int argc, char *argv[])
{
	int	i, full = 0, rc;

	mc_log_init("sitegen");
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--full") == 0)
			full = 1;
		else {
			fprintf(stderr, "usage: sitegen [--full]\n");
			return 2;
		}
	}
	if (mc_config_load(NULL) < 0)
		return 1;
	if (mc_view_init(mc_config_get("templates_dir", "templates")) < 0)
		return 1;
	rc = sitegen_run(full);
	mc_view_free();
	return rc < 0 ? 1 : 0;
}
