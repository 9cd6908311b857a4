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

#endif
