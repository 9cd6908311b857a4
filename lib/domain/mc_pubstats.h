/*
 * The public statistics of dossiers (issue 11): per period, the figures the
 * city publishes for itself, each department and each ward (received
 * online and in person, resolved on time and late, not yet resolved within
 * time and overdue, on-time rate, online share), folded from a report by
 * receiving agency (mc_stats_report, the summary tables only): a unit's
 * dossiers count for the department or ward above it, a dissolved agency's
 * for its successor. The site generator renders them (site-generator/
 * stats.c).
 */
#ifndef MC_PUBSTATS_H
#define MC_PUBSTATS_H

#include <stddef.h>

struct mc_arena;
struct mc_db;
struct mc_stats_report;

/* What an agency is on the public pages. */
enum mc_pub_kind { PUBK_CITY, PUBK_DEPARTMENT, PUBK_WARD, PUBK_OTHER };

/* An agency as the folding needs it. */
struct mc_pub_agency {
	unsigned int	 id, parent, successor;
	enum mc_pub_kind kind;
	int		 in_force; /* valid today */
	const char	*code, *name, *name_en;
};

/* The published figures of a row. */
enum mc_pub_col {
	PUB_RECEIVED, /* new in the period: online + in person */
	PUB_ONLINE,
	PUB_INPERSON, /* at the counter or by post */
	PUB_RESOLVED,
	PUB_ONTIME, /* early or on the due day */
	PUB_LATE,
	PUB_PENDING_INTIME, /* not yet resolved at the end, within time */
	PUB_PENDING_OVERDUE,
	PUB__MAX
};

struct mc_pub_row {
	long long v[PUB__MAX];
	int	  ontime_pm; /* on time / resolved, per mille; -1: none */
	int	  online_pm; /* online / received, per mille; -1: none */
};

/*
 * The agencies, in force and not, with the public kind of each; in the
 * arena. 0 or -1.
 */
int mc_pub_agencies(struct mc_db *, struct mc_arena *,
    struct mc_pub_agency **out, size_t *n);

/*
 * The index in ags of the agency whose public row counts the dossiers
 * received by agency id: itself if it is a city, department or ward in
 * force; the successor of a dissolved one; else the one above it. -1 when
 * none (an unknown id).
 */
long mc_pub_owner(const struct mc_pub_agency *ags, size_t n, unsigned int id);

/*
 * Folds a report grouped by agency into rows[n] (one per agency of ags,
 * zeroed first) and the whole city's row; computes the rates.
 */
void mc_pub_fold(const struct mc_stats_report *, const struct mc_pub_agency *,
    size_t n, struct mc_pub_row *rows, struct mc_pub_row *city);

/* The rates of a row from its counts. */
void mc_pub_rates(struct mc_pub_row *);

/*
 * The rows of the period [from, to] (local days, both included) from the
 * summaries: rows[n] must hold one per agency of ags. 0 or -1.
 */
int mc_pub_period(struct mc_db *, struct mc_arena *, const char *from,
    const char *to, const struct mc_pub_agency *ags, size_t n,
    struct mc_pub_row *rows, struct mc_pub_row *city);

/* The figures of one field for the whole city. */
struct mc_pub_field {
	long long	  id;
	const char	 *name, *name_en;
	struct mc_pub_row row;
};

/*
 * The whole city's figures of the period by field, those with a dossier
 * only, most received first; in the arena. 0 or -1.
 */
int mc_pub_fields(struct mc_db *, struct mc_arena *, const char *from,
    const char *to, struct mc_pub_field **out, size_t *n);

/*
 * The first month with a dossier received, "YYYY-MM-DD" (its first day) in
 * the arena, or NULL when none. 0 or -1.
 */
int mc_pub_first_month(struct mc_db *, struct mc_arena *, const char **out);

#endif
