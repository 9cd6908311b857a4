/*
 * The papers of a dossier (Circular 01/2018 forms 01-05) and the tracking
 * book (form 06), filled from the database and rendered by mc_forms.
 */
#ifndef MC_PAPERS_H
#define MC_PAPERS_H

#include <time.h>

struct buf;
struct mc_arena;
struct mc_db;
struct mc_dossier;
struct mc_rows;

/*
 * Renders form n (1-5) of a loaded dossier as PDF appended to out.
 * Returns 0, -1 on an error, or 1 when the dossier has no such paper
 * (e.g. form 03 of a dossier that was not refused).
 */
int mc_papers_dossier(struct mc_db *, struct mc_arena *,
    const struct mc_dossier *, int n, struct buf *out);

/*
 * The tracking book of an agency for a period (field 0: every field):
 * columns code, procedure_name, applicant_name, agency_name, received_at,
 * due_at, returned_at, return_method, field_name. 0 or -1.
 */
int mc_papers_book(struct mc_db *, struct mc_arena *, unsigned int agency,
    long long field, time_t from, time_t to, struct mc_rows *);

/* The same book as PDF (form 06); 0 or -1. */
int mc_papers_book_pdf(struct mc_db *, struct mc_arena *, unsigned int agency,
    long long field, time_t from, time_t to, struct buf *out);

#endif
