/*
 * The dossier (hồ sơ): its code (Circular 01/2018 Art. 19), submission, the
 * transitions between the national status codes 1-10, and who may see it.
 * Every state change is one transaction: the dossier row (with its version
 * checked), one dossier_events row, and later the outbox rows.
 */
#ifndef MC_DOSSIER_H
#define MC_DOSSIER_H

#include <stddef.h>
#include <time.h>

#include "mc_files.h"
#include "mc_http.h"

struct mc_arena;
struct mc_db;

/* National status codes. */
enum mc_status {
	STATUS_SUBMITTED = 1,
	STATUS_ACCEPTED = 2,
	STATUS_REFUSED = 3,
	STATUS_PROCESSING = 4,
	STATUS_SUPPLEMENT = 5,
	STATUS_PAYMENT = 6,
	STATUS_WITHDRAWN = 7,
	STATUS_STOPPED = 8,
	STATUS_DECIDED = 9,
	STATUS_RETURNED = 10
};

enum mc_channel {
	CHANNEL_COUNTER = 1,
	CHANNEL_ONLINE = 2,
	CHANNEL_POST = 3
};

/* What a citizen (or an officer at the counter) files. */
struct mc_submission {
	const char		*procedure_code;
	const char		*agency_code;	/* NULL: the procedure's own */
	long long		 account_id;	/* 0: none */
	const char		*name;
	const char		*id_number;
	const char		*phone;
	const char		*email;
	const char		*address;
	enum mc_channel		 channel;
	const char		*form_json;	/* the form's fields as JSON */
	const struct mc_file	*files;
	size_t			 nfiles;
};

/* Outcomes of submit and transition besides 0 and -1. */
#define DOSSIER_NO_PROCEDURE	1	/* unknown or not filed online */
#define DOSSIER_NO_AGENCY	2	/* agency unknown or not competent */
#define DOSSIER_CONFLICT	3	/* changed meanwhile (version) */
#define DOSSIER_FORBIDDEN	4	/* role or agency scope */
#define DOSSIER_NOT_ALLOWED	5	/* action not allowed in this state */
#define DOSSIER_NOT_FOUND	6

/*
 * Files a dossier in one transaction; *code receives its code (arena).
 * Returns 0, -1 on a database error, or a DOSSIER_* outcome.
 */
int	mc_dossier_submit(struct mc_db *, struct mc_arena *,
	    const struct mc_submission *, time_t now, const char **code);

/*
 * The code for the next dossier received by an agency on the local day of
 * now: "<agency code>-YYMMDD-XXXX" (the sequence has at least 4 digits).
 * Must run inside the caller's transaction; NULL on error.
 */
const char *mc_dossier_next_code(struct mc_db *, struct mc_arena *,
	    unsigned int agency_id, const char *agency_code, time_t now);

enum mc_action {
	ACTION_ACCEPT,
	ACTION__MAX
};

/* "accept" -> ACTION_ACCEPT; -1 if unknown. */
int	mc_dossier_action_parse(const char *);
const char *mc_dossier_action_name(enum mc_action);

/*
 * Applies an action by user to the dossier with this code. expected_version
 * is the version the user saw (0: don't check). Returns 0, -1, or a
 * DOSSIER_* outcome.
 */
int	mc_dossier_transition(struct mc_db *, struct mc_arena *,
	    const struct mc_user *, const char *code, enum mc_action,
	    const char *note, long long expected_version, time_t now);

/* A loaded dossier: the row's columns by name, plus events and files. */
struct mc_dossier {
	struct mc_rows	 row;		/* one row: see STMT_GET's columns */
	struct mc_rows	 events;
	struct mc_rows	 files;
	long long	 id;
	long long	 account_id;
	unsigned int	 agency_id;
	int		 status;
};

/* Loads by code; 1 found, 0 none, -1 error. Events and files included. */
int	mc_dossier_load(struct mc_db *, struct mc_arena *, const char *code,
	    struct mc_dossier *);

/* 1 if the user may see the dossier (applicant or officer of its agency). */
int	mc_dossier_visible(const struct mc_user *, const struct mc_dossier *);

/* A user's own dossiers, newest first (at most limit); 0 or -1. */
int	mc_dossier_list_mine(struct mc_db *, struct mc_arena *, long long
	    account_id, size_t limit, struct mc_rows *);

/* Dossiers of an agency in a status, oldest first; 0 or -1. */
int	mc_dossier_inbox(struct mc_db *, struct mc_arena *, unsigned int
	    agency_id, int status, size_t limit, struct mc_rows *);

/* The agencies where the user holds one of the roles (bits); count. */
size_t	mc_dossier_agencies(const struct mc_user *, unsigned int roles,
	    unsigned int *out, size_t max);

#endif
