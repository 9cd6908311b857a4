/*
 * Routing: who can take a dossier's steps. Steps that nobody can take (no
 * active account holding the step's role, or a leader, at the step's
 * agency), the dossiers stuck at such a step, and an administrator moving
 * a step to an agency (or officer) that can take it.
 */
#ifndef MC_ROUTING_H
#define MC_ROUTING_H

#include <stddef.h>
#include <time.h>

struct mc_arena;
struct mc_db;
struct mc_dossier;
struct mc_rows;
struct mc_user;

/*
 * 1 if an active account may act at a step of this role ("receiver",
 * "specialist", "leader") at the agency: one holding that role or leader
 * there (the rule of mc_dossier_allowed); 0 if nobody, -1 on error.
 */
int mc_routing_staffed(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, const char *role);

/*
 * The steps of a dossier, from its current one on, that nobody can take;
 * before acceptance (status 1) the steps of the workflow it would follow,
 * at the receiving agency where a step names none. Columns: seq, name,
 * role, agency_id, agency_name. Closed dossiers have none. 0 or -1.
 */
int mc_routing_gaps(struct mc_db *, struct mc_arena *,
    const struct mc_dossier *, struct mc_rows *out);

/*
 * The open dossiers whose current step nobody can take (before acceptance:
 * nobody to receive them), at the agency or one right under it, or a
 * dissolved unit that counts in one of them today (only that one of them
 * if only is not 0; by today's units, units MC_UNITS_TODAY, with the
 * dissolved units that count in it), oldest first, at most limit. Columns
 * (enum stuck_col): code, status, applicant_name, procedure_name,
 * agency_id, agency_name, step, step_name, role, submitted_at. Paused ones
 * (status 5, the applicant's turn) are left out. 0 or -1.
 */
enum stuck_col {
	STUCK_CODE,
	STUCK_STATUS,
	STUCK_APPLICANT,
	STUCK_PROCEDURE,
	STUCK_AGENCY_ID,
	STUCK_AGENCY,
	STUCK_STEP,
	STUCK_STEP_NAME,
	STUCK_ROLE,
	STUCK_SUBMITTED,
	STUCK__MAX
};
int mc_routing_stuck(struct mc_db *, struct mc_arena *, unsigned int agency_id,
    unsigned int only, int units, size_t limit, struct mc_rows *out);

/*
 * The same list read one way (the tests compare them): MC_STUCK_PLAIN sorts
 * the dossiers of the agencies with no leader; MC_STUCK_BY_SUBMITTED reads
 * every agency's open dossiers in order of submission and keeps theirs;
 * MC_STUCK_AUTO (mc_routing_stuck) chooses by the counters the cheaper.
 */
enum { MC_STUCK_AUTO, MC_STUCK_PLAIN, MC_STUCK_BY_SUBMITTED };
int mc_routing_stuck_way(struct mc_db *, struct mc_arena *,
    unsigned int agency_id, unsigned int only, int units, size_t limit,
    int way, struct mc_rows *out);

/*
 * Moves the current step of the dossier with this code to agency_id, held
 * by officer_id (0: by nobody yet, for anyone able there to claim), in one
 * transaction with a "reassign" event (internal) carrying the note, a
 * notice to the new holder and the audit log's entry (dossier_action
 * "reassign" by the administrator from address, at the step's agency). The user must be an administrator at or above
 * the step's present agency; the officer must hold the step's role or be a
 * leader there, and without an officer someone must. Returns 0, -1, or a
 * DOSSIER_* outcome of mc_dossier.h (FORBIDDEN, NOT_FOUND, CONFLICT when
 * expected_version (0: not checked) differs, NOT_ALLOWED when no step runs,
 * BAD_INPUT when nobody there could take it).
 */
int mc_routing_reassign(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const char *code, unsigned int agency_id,
    long long officer_id, const char *note, long long expected_version,
    time_t now, const char *address);

#endif
