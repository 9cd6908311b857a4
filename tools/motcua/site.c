/*
 * motcua site [--full]: loads the templates' language files as bin/sitegen
 * does, then runs the site generator (site-generator/), which reports the
 * pages it writes and leaves unchanged.
 */
#include <stdio.h>

#include "mc_config.h"
#include "mc_view.h"

#include "motcua.h"
#include "../../site-generator/sitegen.h"

int
cmd_site(struct mc_db *db, int argc, char **argv)
{
	struct motcua_opt o[] = { { "full", 0, NULL } };
	const char	 *dir;
	int		  rc;

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

/* motcua compress DIR: .gz and .br copies of the text files under DIR. */
int
cmd_compress(struct mc_db *db, int argc, char **argv)
{
	size_t n;

	if (argc != 1) {
		fprintf(stderr, "usage: motcua compress DIR\n");
		return -1;
	}
	if (sitegen_compress_tree(argv[0], &n) < 0) {
		fprintf(stderr, "motcua: compressing %s failed\n", argv[0]);
		return -1;
	}
	printf("compress: %zu files given .gz and .br copies\n", n);
	return 0;
}
