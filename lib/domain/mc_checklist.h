/*
 * The document checklist of a dossier at intake (issue 13, migration
 * 0047): one row per upload slot of the form it was filed with (its
 * procedure's catalogue documents when it has no answers), ticked by the
 * receiving officer as complete, missing or invalid with a note. Missing
 * and invalid rows become the supplement request's items (form 02);
 * complete ones are what the receipt (form 01) lists as received.
 */
#ifndef MC_CHECKLIST_H
#define MC_CHECKLIST_H

#include <stddef.h>
#include <time.h>

struct mc_arena;
struct mc_db;
struct mc_dossier;
struct mc_rows;
struct mc_user;

#define MC_CHECKLIST_MAX  30  /* slots ticked at most */
#define MC_CHECK_NOTE_MAX 500 /* characters of a note */

enum mc_check_verdict {
	CHECK_NONE, /* not ticked yet */
	CHECK_COMPLETE,
	CHECK_MISSING,
	CHECK_INVALID,
	CHECK__MAX
};

/* "none", "complete", "missing", "invalid". */
const char *mc_check_verdict_name(enum mc_check_verdict);

/* The verdict of a name (not "none"), or -1. */
int mc_check_verdict_parse(const char *);

struct mc_check {
	const char	     *slot; /* the form's document id ("d1") */
	const char	     *name;
	int		      required;
	unsigned int	      originals, copies; /* asked for by the slot */
	const char	    **files; /* names of the files attached online */
	size_t		      nfiles;
	enum mc_check_verdict verdict; /* saved; CHECK_NONE: not yet */
	const char	     *note;    /* or NULL */
	const char	     *checked_at, *checked_by; /* or NULL */
};

struct mc_checklist {
	struct mc_check *items; /* in the form's order, at most MAX */
	size_t		 n;
	int		 saved; /* 1: ticked before */
};

/*
 * The dossier's checklist with what was saved (strings in the arena).
 * 0, or -1 on a database error.
 */
int mc_checklist_get(struct mc_db *, struct mc_arena *,
    const struct mc_dossier *, struct mc_checklist *);

/*
 * 1 if the user may tick the dossier's checklist now (they may accept it,
 * ask to complete it at receipt or ask for a supplement), 0 if not, -1.
 */
int mc_checklist_editable(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const struct mc_dossier *, time_t now);

/* Why a row is refused (mc_check_input.err). */
enum mc_check_err {
	CHKE_NONE,
	CHKE_VERDICT,	/* not ticked */
	CHKE_NOTE,	/* invalid without a reason */
	CHKE_NOTE_TEXT, /* too long, or not text a person types */
	CHKE__MAX
};

/* "none", "verdict", "note", "note_text". */
const char *mc_check_err_name(enum mc_check_err);

/* One row as the officer sent it, in the checklist's order. */
struct mc_check_input {
	enum mc_check_verdict verdict;
	const char	     *note; /* or NULL */
	enum mc_check_err     err;  /* set by mc_checklist_save */
};

/*
 * Saves the whole checklist of the dossier with this code ticked by the
 * user, in one transaction: the dossier locked, the user's right checked
 * again (mc_checklist_editable), the rows replaced, an audit entry
 * (AUDIT_DOSSIER_ACTION "check_documents"). Rows that are refused get
 * their err and nothing is saved. Returns 0, -1, DOSSIER_BAD_INPUT (see
 * the errs; also n not the checklist's length), DOSSIER_NOT_FOUND or
 * DOSSIER_NOT_ALLOWED.
 */
int mc_checklist_save(struct mc_db *, struct mc_arena *,
    const struct mc_user *, const char *code, struct mc_check_input *in,
    size_t n, time_t now, const char *address);

/*
 * The reason a missing or invalid row gives the supplement request
 * (Vietnamese, as the papers are): "Còn thiếu", "Không hợp lệ: <note>".
 */
const char *mc_check_reason(struct mc_arena *, const struct mc_check *);

/* What the receipt lists: rows of enum mc_received_col. */
enum mc_received_col { RCV_NAME, RCV_ORIGINALS, RCV_COPIES, RCV__MAX };

/*
 * The documents a ticked checklist found complete: 1 and rows (in the
 * checklist's order) when the dossier's checklist was saved, 0 when it
 * was never ticked (rows empty), -1 on an error.
 */
int mc_checklist_received(struct mc_db *, struct mc_arena *,
    long long dossier_id, struct mc_rows *);

#endif
