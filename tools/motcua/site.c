/*
 * motcua site [--full]: loads the templates' language files as bin/sitegen
 * does, then runs the site generator (site-generator/), which reports the
 * pages it writes and leaves unchanged.
 */
#include <stdio.h>

#include "mc_config.h"
#include "mc_view.h"

#include "motcua.h"

int
cmd_site(struct mc_db *db, int argc, char **argv)
{
	struct motcua_opt	 o[] = { { "full", 0, NULL } };
	const char		*dir;
	int			 rc;

	if (motcua_opts(argc, argv, o, 1) < 0)
		return -1;
	dir = mc_config_get("templates_dir", "templates");
	if (mc_view_init(dir) < 0) {
		fprintf(stderr, "motcua: cannot load the templates in %s\n",
		    dir);
		return -1;
	}
	if ((rc = sitegen_run(o[0].value != NULL)) < 0)
		fprintf(stderr, "motcua: site generation failed\n");
	mc_view_free();
	return rc < 0 ? -1 : 0;
}
