/*
 * The public page of answered feedback (issue 10): sitegen reads the
 * answers their senders agreed to publish once per run
 * (sitegen_feedback_load) and fills /phan-anh/ in each language.
 */
#ifndef SG_FEEDBACK_H
#define SG_FEEDBACK_H

#include <ClearSilver.h>

#include "mc_db.h"
#include "mc_view.h"

struct mc_arena;
struct sg_catalogue;

/* Reads the latest published answers (at most feedback_public_max, 200). */
int sitegen_feedback_load(struct mc_db *, struct mc_arena *);

/* The page /phan-anh/ (Data.Feedback.N: code, category, agency, ward,
 * body, answer, created, answered). */
void sitegen_fill_feedback(HDF *, const struct sg_catalogue *, enum mc_lang,
    struct mc_arena *);

/* How many published answers were read (each has a page of its own). */
size_t sitegen_feedback_count(void);

/*
 * The page of answer i: "phan-anh/<code>.html" in the arena (NULL when its
 * code is not fit for a file name); *lastmod its answer's time when
 * lastmod is not NULL.
 */
const char *sitegen_feedback_path(size_t i, struct mc_arena *,
    const char			       **lastmod);

/* The page of answer i (Data.Single, Data.Feedback.0). */
void sitegen_fill_feedback_item(HDF *, size_t i, enum mc_lang,
    struct mc_arena *);

#endif
