/*
 * Language strings read from the templates' .hdf files. ClearSilver's HDF
 * reader is used as a file parser only (the same syntax the views load);
 * no HDF leaves this file, so the domain stays free of the views' types.
 */
#include <stdlib.h>

#include <ClearSilver.h>

#include "mc_log.h"
#include "mc_texts.h"

struct mc_texts {
	HDF *hdf;
};

struct mc_texts *
mc_texts_load(const char *const *paths, size_t n)
{
	struct mc_texts *t;
	NEOERR		*err;
	size_t		 i;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	if ((err = hdf_init(&t->hdf)) != STATUS_OK)
		goto fail;
	for (i = 0; i < n; i++)
		if ((err = hdf_read_file(t->hdf, paths[i])) != STATUS_OK) {
			mc_err("cannot read %s", paths[i]);
			goto fail;
		}
	return t;
fail:
	nerr_ignore(&err);
	mc_texts_free(t);
	return NULL;
}

const char *
mc_texts_get(void *texts, const char *name, const char *dflt)
{
	struct mc_texts *t = texts;

	return t == NULL ? dflt : hdf_get_value(t->hdf, name, dflt);
}

void
mc_texts_free(struct mc_texts *t)
{
	if (t == NULL)
		return;
	if (t->hdf != NULL)
		hdf_destroy(&t->hdf);
	free(t);
}
