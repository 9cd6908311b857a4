/*
 * The public league tables of agencies (issue 10): sitegen loads the
 * scores of the rolling window once per run (sitegen_league_load) and
 * fills the league page and its methodology page in each language.
 */
#ifndef LEAGUE_H
#define LEAGUE_H

#include <ClearSilver.h>

#include "mc_db.h"
#include "mc_view.h"

struct buf;

struct mc_arena;
struct sg_catalogue;

/*
 * Reads the league of the city's agencies over the last league_window_days
 * (config, default 365) into this process's memory (the arena's, for the
 * run); agencies with fewer than league_min_dossiers (default 5) are listed
 * unranked. 0 or -1.
 */
int sitegen_league_load(struct mc_db *, struct mc_arena *);

/*
 * The league tables as CSV in hdf's language (xep-hang/xep-hang.csv): a
 * line per ranked agency with the page table's figures (decimals with a
 * dot, rates in percent, intervals in their own columns). 0 or -1.
 */
int sitegen_league_csv(HDF *, enum mc_lang, struct mc_arena *, struct buf *);

/* The league page (/xep-hang/) and the methodology page. */
void sitegen_fill_league(HDF *, const struct sg_catalogue *, enum mc_lang,
    struct mc_arena *);
void sitegen_fill_league_method(HDF *, const struct sg_catalogue *,
    enum mc_lang, struct mc_arena *);

#endif
