/*
 * The national index of Decision 766/QĐ-TTg (100 points: publicity 18,
 * progress 20, digitisation 22, online services 22, satisfaction 18) per
 * agency and period, from our own data: the statistics' summary tables
 * (mc_stats, never a scan of dossiers), the catalogue, the feedback and
 * the ratings. Each sub-criterion is a rate num / den scored max x rate
 * in tenths of a point rounded half up; den 0 (nothing happened that it
 * measures) scores its maximum. An agency without dossiers in the period
 * (none received, resolved or pending) has no index. The methodology
 * (which formulas are the Decision's, which are ours) is on the page
 * /can-bo/thong-ke/chi-so-766 and in templates/lang/index766.*.hdf.
 */
#ifndef MC_INDEX766_H
#define MC_INDEX766_H

#include <stddef.h>

struct mc_arena;
struct mc_db;

/* The five parts. */
enum mc_i766_part {
	I766_PUBLICITY,
	I766_PROGRESS,
	I766_DIGITISATION,
	I766_ONLINE,
	I766_SATISFACTION,
	I766__PARTS
};

/* The sub-criteria, each of one part (mc_i766_part_of), with its maximum. */
enum mc_i766_sub {
	I766_CATALOGUE,	      /* publicity 8: procedures with dossiers whose
				catalogue entry is complete (legal time and
				documents) */
	I766_RECEIPT,	      /* publicity 10: receipts or refusals issued
				(forms 01, 03) of the dossiers received */
	I766_RESOLVED_ONTIME, /* progress 12: resolved by the due time */
	I766_PENDING_INTIME,  /* progress 8: pending at the end, not overdue */
	I766_DIGITISED,	      /* digitisation 11: received with documents
				digitised (files attached) */
	I766_RESULT_DIGITAL,  /* digitisation 11: resolved with an electronic
				result */
	I766_PROC_ONLINE,     /* online 6: procedures with dossiers offered
				online */
	I766_FILED_ONLINE,    /* online 10: dossiers received online */
	I766_PAID_ONLINE,     /* online 6: payments made online */
	I766_FB_ONTIME,	      /* satisfaction 6: feedback handled on time */
	I766_FB_SATISFIED,    /* satisfaction 6: feedback neither reopened nor
				late */
	I766_RATED_SATISFIED, /* satisfaction 6: ratings satisfied or very */
	I766__SUBS
};

/* What an agency's index is computed from. */
struct mc_i766_counts {
	long long num[I766__SUBS];
	long long den[I766__SUBS];
	long long dossiers; /* received, resolved or pending: 0 no index */
};

/* An agency's index, in tenths of a point. */
struct mc_i766 {
	int sub[I766__SUBS];
	int part[I766__PARTS];
	int total; /* out of 1000; -1: no dossiers, no index */
};

/* The maximum points of a sub-criterion and of a part. Pure. */
int mc_i766_sub_max(enum mc_i766_sub);
int mc_i766_part_max(enum mc_i766_part);

/* The part a sub-criterion belongs to. Pure. */
enum mc_i766_part mc_i766_part_of(enum mc_i766_sub);

/* Names for pages and exports: "publicity" ..., "catalogue" .... */
const char *mc_i766_part_name(enum mc_i766_part);
const char *mc_i766_sub_name(enum mc_i766_sub);

/*
 * max points x num / den in tenths, rounded half up; den 0 (or less):
 * max; num above den counts as den, below 0 as 0. Pure.
 */
int mc_i766_points(long long num, long long den, int max);

/* Scores the counts: sub-criteria, parts (sums), total. Pure. */
void mc_i766_score(const struct mc_i766_counts *, struct mc_i766 *);

/* One agency of a table. */
struct mc_i766_row {
	unsigned int	      agency;
	const char	     *name, *name_en, *kind; /* in the arena */
	struct mc_i766_counts c;
	struct mc_i766	      s;
};

/*
 * The index of root and every agency under it (valid on from or later)
 * over the local days [from, to] ("YYYY-MM-DD"); now ("YYYY-MM-DD
 * HH:MM:SS") decides which open feedback is late. Rows (arena) by name.
 * 0 or -1.
 */
int mc_i766_table(struct mc_db *, struct mc_arena *, unsigned int root,
    const char *from, const char *to, const char *now,
    struct mc_i766_row **out, size_t *n);

/*
 * Sorts rows by a part (0 .. I766__PARTS - 1) or the total (I766__PARTS),
 * highest first (asc 0) or lowest first; agencies without an index last,
 * equal ones by name. Pure.
 */
void mc_i766_sort(struct mc_i766_row *, size_t n, int key, int asc);

#endif
