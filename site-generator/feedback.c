/*
 * The public page of feedback answers: what senders agreed to publish and
 * the agencies' answers, newest answer first, without the senders' names
 * (lib/domain/mc_feedback reads them).
 */
#include <stdio.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_feedback.h"
#include "mc_view.h"

#include "feedback.h"
#include "sitegen.h"

static struct {
	int	       loaded;
	struct mc_rows rows;
} pub;

int
sitegen_feedback_load(struct mc_db *db, struct mc_arena *a)
{
	long long max = mc_config_int("feedback_public_max", 200, 1, 5000);

	if (mc_feedback_published(db, a, (size_t)max, &pub.rows) < 0)
		return -1;
	pub.loaded = 1;
	return 0;
}

/* Row i of the published answers as Data.Feedback.<k>.*. */
static void
set_item(HDF *hdf, size_t i, size_t k, enum mc_lang lang, struct mc_arena *a)
{
	static const char *const names[FBP__MAX] = { "code", "category",
		"agency", "agency_en", "ward", "body", "answer", "created",
		"answered" };
	const char		*v;
	size_t			 j;

	for (j = 0; j < FBP__MAX; j++) {
		v = mc_rows_str(&pub.rows, i, j);
		if (j == FBP_AGENCY && lang == LANG_EN)
			v = mc_rows_str(&pub.rows, i, FBP_AGENCY_EN);
		if (v != NULL)
			mc_view_set(hdf,
			    mc_arena_printf(a, "Data.Feedback.%zu.%s", k,
				names[j]),
			    v);
	}
}

void
sitegen_fill_feedback(HDF *hdf, const struct sg_catalogue *cat,
    enum mc_lang lang, struct mc_arena *a)
{
	size_t i;

	mc_view_set(hdf, "Page.Title",
	    mc_view_str(hdf, "Feedback.Public.Title"));
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "Feedback.Public.Intro"));
	mc_view_set(hdf, "Page.Path",
	    lang == LANG_EN ? "/en/phan-anh/" : "/phan-anh/");
	mc_view_set(hdf, "Page.AltHref",
	    lang == LANG_EN ? "/phan-anh/" : "/en/phan-anh/");
	if (!pub.loaded)
		return;
	for (i = 0; i < pub.rows.n; i++)
		set_item(hdf, i, i, lang, a);
}

size_t
sitegen_feedback_count(void)
{
	return pub.loaded ? pub.rows.n : 0;
}

const char *
sitegen_feedback_path(size_t i, struct mc_arena *a, const char **lastmod)
{
	const char *code = mc_rows_str(&pub.rows, i, FBP_CODE);

	if (lastmod != NULL)
		*lastmod = mc_rows_str(&pub.rows, i, FBP_ANSWERED);
	if (code == NULL || !sitegen_code_ok(code))
		return NULL;
	return mc_arena_printf(a, "phan-anh/%s.html", code);
}

void
sitegen_fill_feedback_item(HDF *hdf, size_t i, enum mc_lang lang,
    struct mc_arena *a)
{
	const char *rel = sitegen_feedback_path(i, a, NULL);
	const char *code = mc_rows_str(&pub.rows, i, FBP_CODE);

	mc_view_setf(hdf, "Page.Title", "%s %s",
	    mc_view_str(hdf, "Feedback.Public.ItemTitle"), code);
	mc_view_set(hdf, "Page.Description",
	    mc_view_str(hdf, "Feedback.Public.Intro"));
	mc_view_setf(hdf, "Page.Path", "%s/%s", lang == LANG_EN ? "/en" : "",
	    rel);
	mc_view_setf(hdf, "Page.AltHref", "%s/%s",
	    lang == LANG_EN ? "" : "/en", rel);
	mc_view_set(hdf, "Data.Single", "1");
	set_item(hdf, i, 0, lang, a);
}
