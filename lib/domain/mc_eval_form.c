/*
 * The questionnaire editor (issue 10): an evaluation manager makes a new
 * version of the questionnaire of the city or of an agency's subtree
 * (wording edited, questions added; the legal questions kept); a rating
 * is asked the version of its dossier's agency, else the nearest
 * ancestor's, else the city's, and keeps the version it was given on.
 */
#include <string.h>
#include <time.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_db.h"
#include "mc_eval.h"
#include "mc_log.h"
#include "mc_util.h"

#define TEXT_MAX   500
#define OPTION_MAX 255

enum stmt {
	STMT_CURRENT,
	STMT_ADD,
	STMT_QUESTION,
	STMT_LIST,
	STMT_RATING,
	STMT_ANSWERS,
	STMT_CITY,
	STMT_FOR,
	STMT_UP,
	STMT_AGENCY,
	STMT_PARENT,
	STMT__MAX
};

/* clang-format off */
/* The agency bound first and its ancestors, with their depth (0: itself). */
#define UP "WITH RECURSIVE up (id, parent_id, depth) AS (SELECT id, " \
	"parent_id, 0 FROM agencies WHERE id = ? UNION ALL SELECT ag.id, " \
	"ag.parent_id, up.depth + 1 FROM agencies ag JOIN up " \
	"ON ag.id = up.parent_id WHERE up.depth < 16) "

static const char *const stmts[STMT__MAX] = {
	/* Every version of a line locked, so two managers' saves follow
	 * each other. */
	[STMT_CURRENT] = "SELECT id, version, valid_from <= ? FROM "
	    "eval_questionnaires WHERE scope_id = ? "
	    "ORDER BY version DESC FOR UPDATE",
	[STMT_ADD] = "INSERT INTO eval_questionnaires (agency_id, version, "
	    "valid_from, created_by, created_at, note, note_en) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
	[STMT_QUESTION] = "INSERT INTO eval_questions (questionnaire_id, seq, "
	    "kind, code, text, text_en, o2, o1, o0, o2_en, o1_en, o0_en) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* Columns in the order of enum mc_eval_forms_col. */
	[STMT_LIST] = "SELECT q.id, q.version, q.valid_from, q.note, "
	    "q.note_en, a.full_name, (SELECT COUNT(*) FROM eval_questions x "
	    "WHERE x.questionnaire_id = q.id) AS questions, (SELECT COUNT(*) "
	    "FROM eval_ratings r WHERE r.questionnaire_id = q.id) AS ratings "
	    "FROM eval_questionnaires q LEFT JOIN accounts a ON a.id = q.created_by "
	    "WHERE q.scope_id = ? ORDER BY q.version DESC LIMIT 100",
	[STMT_RATING] = "SELECT id, questionnaire_id FROM eval_ratings "
	    "WHERE dossier_id = ?",
	[STMT_ANSWERS] = "SELECT seq, score FROM eval_answers "
	    "WHERE rating_id = ?",
	[STMT_CITY] = "SELECT id, name FROM agencies WHERE kind = 'city' "
	    "ORDER BY id LIMIT 1",
	/* The version in force nearest up the agency's tree, else the city's. */
	[STMT_FOR] = UP "SELECT q.id FROM eval_questionnaires q "
	    "LEFT JOIN up ON up.id = q.agency_id WHERE q.valid_from <= ? "
	    "AND (q.agency_id IS NULL OR up.id IS NOT NULL) "
	    "ORDER BY q.agency_id IS NULL, up.depth, q.version DESC LIMIT 1",
	[STMT_UP] = UP "SELECT id FROM up ORDER BY depth",
	[STMT_AGENCY] = "SELECT name, kind FROM agencies WHERE id = ?",
	[STMT_PARENT] = "SELECT parent_id FROM agencies WHERE id = ?",
};
/* clang-format on */

/* 0 if s is a text of at most max bytes, else the outcome. */
static int
text_ok(const char *s, size_t max)
{
	if (s == NULL || *s == '\0')
		return EVAL_FORM_EMPTY;
	return strlen(s) > max ? EVAL_FORM_LONG : 0;
}

int
mc_eval_form_check(const struct mc_eval_form *f, size_t *bad)
{
	size_t i, j;
	int    l, k, rc;

	*bad = 0;
	if (f->n == 0 || f->n > EVAL_MAX_QUESTIONS)
		return EVAL_FORM_TOO_MANY;
	for (i = 0; i < f->n; i++) {
		const struct mc_eval_question *q = &f->q[i];

		*bad = i;
		if (q->code == NULL || *q->code == '\0')
			return EVAL_FORM_CODE;
		for (j = 0; j < i; j++)
			if (strcmp(f->q[j].code, q->code) == 0)
				return EVAL_FORM_CODE;
		for (l = 0; l < 2; l++) {
			if ((rc = text_ok(q->text[l], TEXT_MAX)) != 0)
				return rc;
			for (k = 0; k < 3; k++)
				if ((rc = text_ok(q->opt[l][k], OPTION_MAX)) !=
				    0)
					return rc;
		}
	}
	return 0;
}

/* The index in f of the question of this code, or f->n. */
static size_t
find_code(const struct mc_eval_form *f, const char *code)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->q[i].code != NULL && strcmp(f->q[i].code, code) == 0)
			break;
	return i;
}

int
mc_eval_form_keeps(const struct mc_eval_form *base,
    const struct mc_eval_form *next, int agency, size_t *bad)
{
	size_t i, k;

	*bad = 0;
	for (i = 0; i < base->n; i++) {
		if (base->q[i].kind == EVAL_EXTRA)
			continue;
		k = find_code(next, base->q[i].code);
		*bad = k < next->n ? k : i;
		if (k == next->n || next->q[k].kind != base->q[i].kind)
			return EVAL_FORM_LEGAL;
	}
	for (i = 0; agency && i < next->n; i++) {
		k = find_code(base, next->q[i].code);
		*bad = i;
		if (next->q[i].kind != EVAL_EXTRA &&
		    (k == base->n || base->q[k].kind == EVAL_EXTRA))
			return EVAL_FORM_LEGAL;
	}
	return 0;
}

int
mc_eval_form_toggle(const struct mc_eval_form *cur,
    const struct mc_eval_form *parent, const char *code, int on,
    struct mc_eval_form *next)
{
	size_t i = find_code(cur, code), k = find_code(parent, code);

	if (k == parent->n || parent->q[k].kind != EVAL_EXTRA)
		return EVAL_FORM_NOT_INHERITED;
	if (on && i < cur->n)
		return EVAL_FORM_NOT_INHERITED; /* asked already */
	if (!on && (i == cur->n || cur->q[i].kind != EVAL_EXTRA))
		return EVAL_FORM_NOT_INHERITED;
	if (on && cur->n >= EVAL_MAX_QUESTIONS)
		return EVAL_FORM_TOO_MANY;
	*next = *cur;
	if (on) {
		next->q[next->n++] = parent->q[k];
		return 0;
	}
	for (; i + 1 < cur->n; i++)
		next->q[i] = cur->q[i + 1];
	next->n--;
	return 0;
}

struct new_tx {
	unsigned int		   agency;
	long long		   base;
	const struct mc_eval_form *next;
	const char		  *code; /* a switch: the question's */
	int			   on;
	struct mc_eval_form	   made;    /* a switch's next */
	const char		  *note[2]; /* [enum mc_lang], may be NULL */
	long long		   by;
	time_t			   now;
	struct mc_arena		  *a;
	int			   version;
};

/* The id of the version agency's citizens are shown now: 1, 0 none, -1. */
static int
form_for_id(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    const char *at, long long *id)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_FOR], "is", (long long)agency,
		at) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	*id = mc_rows_int(&rows, 0, 0);
	return 1;
}

/*
 * The version the parent of agency (the city for a top agency) has its
 * citizens asked: 1, 0 none (agency 0, the city's line, has no line
 * above), -1.
 */
static int
parent_form(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    time_t now, struct mc_eval_form *f)
{
	struct mc_rows rows;
	char	       at[20];
	long long      id = 0, parent = 0;
	int	       rc;

	if (agency == 0)
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_PARENT], "i",
		(long long)agency) < 0)
		return -1;
	if (rows.n != 1)
		return 0;
	parent = mc_rows_int(&rows, 0, 0); /* NULL: 0, the city's */
	mc_time_sql(at, now);
	if ((rc = form_for_id(db, a, (unsigned int)parent, at, &id)) <= 0)
		return rc;
	return mc_eval_form_load(db, a, id, now, f);
}

int
mc_eval_form_parent(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    time_t now, struct mc_eval_form *f)
{
	return parent_form(db, a, agency, now, f);
}

/* The note of each language, an empty one as none. */
static void
notes(struct new_tx *t, const char *const note[2])
{
	int l;

	for (l = 0; l < 2; l++)
		t->note[l] = note != NULL && note[l] != NULL &&
			*note[l] != '\0' ?
		    note[l] :
		    NULL;
}

static int
new_tx(struct mc_db *db, void *arg)
{
	struct new_tx		      *t = arg;
	struct mc_rows		       rows;
	struct mc_eval_form	       base, up;
	struct mc_audit		       e;
	struct mc_audit_about	       about;
	const struct mc_eval_question *q;
	char			       at[20];
	long long		       id = 0;
	size_t			       i, bad;
	int			       rc;

	mc_time_sql(at, t->now);
	if (mc_db_query(db, t->a, &rows, stmts[STMT_CURRENT], "si", at,
		(long long)t->agency) < 0)
		return -1;
	if ((rc = form_for_id(db, t->a, t->agency, at, &id)) < 0)
		return -1;
	if (rc == 0 || id != t->base)
		return EVAL_FORM_STALE;
	if (mc_eval_form_load(db, t->a, id, t->now, &base) != 1)
		return -1;
	if (t->code != NULL) {
		/* A switch: from the version in force and the line above's. */
		if ((rc = parent_form(db, t->a, t->agency, t->now, &up)) < 0)
			return -1;
		if (rc == 0)
			return EVAL_FORM_NOT_INHERITED;
		if ((rc = mc_eval_form_toggle(&base, &up, t->code, t->on,
			 &t->made)) != 0)
			return rc;
		t->next = &t->made;
	}
	if (mc_eval_form_keeps(&base, t->next, t->agency != 0, &bad) != 0)
		return EVAL_FORM_LEGAL;
	t->version = rows.n > 0 ? (int)mc_rows_int(&rows, 0, 1) + 1 : 1;
	if (mc_db_exec(db, stmts[STMT_ADD], "Iisisss", (long long)t->agency,
		(long long)t->version, at, t->by, at, t->note[0],
		t->note[1]) < 0)
		return mc_db_errno(db) == 1062 ? EVAL_FORM_STALE : -1;
	id = mc_db_insert_id(db);
	for (i = 0; i < t->next->n; i++) {
		q = &t->next->q[i];
		if (mc_db_exec(db, stmts[STMT_QUESTION], "iissssssssss", id,
			(long long)(i + 1), mc_eval_kind_name(q->kind),
			q->code, q->text[0], q->text[1], q->opt[0][0],
			q->opt[0][1], q->opt[0][2], q->opt[1][0], q->opt[1][1],
			q->opt[1][2]) < 0)
			return -1;
	}
	memset(&e, 0, sizeof(e));
	memset(&about, 0, sizeof(about));
	e.event = AUDIT_CONFIG;
	e.account_id = t->by;
	e.subject = mc_arena_printf(t->a,
	    "eval questionnaire agency=%u v%d%s%s", t->agency, t->version,
	    t->code == NULL ? "" :
		t->on	    ? " on " :
			      " off ",
	    t->code == NULL ? "" : t->code);
	about.agency_id = t->agency;
	about.role = "evaluator";
	return mc_audit_write_about(db, &e, &about);
}

int
mc_eval_form_new(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    long long base, const struct mc_eval_form *next, const char *const note[2],
    long long by, time_t now, int *version)
{
	struct new_tx t;
	size_t	      bad;
	int	      rc;

	if ((rc = mc_eval_form_check(next, &bad)) != 0)
		return rc;
	memset(&t, 0, sizeof(t));
	t.agency = agency;
	t.base = base;
	t.next = next;
	notes(&t, note);
	t.by = by;
	t.now = now;
	t.a = a;
	if ((rc = mc_db_tx(db, new_tx, &t)) != 0)
		return rc;
	*version = t.version;
	return 0;
}

int
mc_eval_form_switch(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    long long base, const char *code, int on, const char *const note[2],
    long long by, time_t now, int *version)
{
	struct new_tx t;
	int	      rc;

	if (agency == 0 || code == NULL)
		return EVAL_FORM_NOT_INHERITED;
	memset(&t, 0, sizeof(t));
	t.agency = agency;
	t.base = base;
	t.code = code;
	t.on = on;
	notes(&t, note);
	t.by = by;
	t.now = now;
	t.a = a;
	if ((rc = mc_db_tx(db, new_tx, &t)) != 0)
		return rc;
	*version = t.version;
	return 0;
}

int
mc_eval_forms(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    struct mc_rows *out)
{
	if (mc_db_query(db, a, out, stmts[STMT_LIST], "i", (long long)agency) <
	    0)
		return -1;
	if (out->n > 0 && out->ncols != EVF__MAX) {
		mc_err("eval: forms: %zu columns", out->ncols);
		return -1;
	}
	return 0;
}

int
mc_eval_form_for(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    time_t now, struct mc_eval_form *f)
{
	char	  at[20];
	long long id = 0;
	int	  rc;

	mc_time_sql(at, now);
	if ((rc = form_for_id(db, a, agency, at, &id)) <= 0)
		return rc;
	return mc_eval_form_load(db, a, id, now, f);
}

int
mc_eval_rating_answers(struct mc_db *db, struct mc_arena *a,
    long long dossier_id, struct mc_eval_form *f,
    int score[EVAL_MAX_QUESTIONS])
{
	struct mc_rows r, ans;
	size_t	       i, j;
	int	       rc;

	if (mc_db_query(db, a, &r, stmts[STMT_RATING], "i", dossier_id) < 0)
		return -1;
	if (r.n == 0)
		return 0;
	if ((rc = mc_eval_form_load(db, a, mc_rows_int(&r, 0, 1), 0, f)) <= 0)
		return rc;
	if (mc_db_query(db, a, &ans, stmts[STMT_ANSWERS], "i",
		mc_rows_int(&r, 0, 0)) < 0)
		return -1;
	for (i = 0; i < f->n; i++) {
		score[i] = -1;
		for (j = 0; j < ans.n; j++)
			if (mc_rows_int(&ans, j, 0) == f->q[i].seq)
				score[i] = (int)mc_rows_int(&ans, j, 1);
	}
	return 1;
}

int
mc_eval_form_owner(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, long long want, unsigned int *agency,
    const char **name)
{
	struct mc_rows city, up, ag;
	unsigned int   city_id = 0;
	size_t	       i;

	*agency = 0;
	*name = NULL;
	if (mc_db_query(db, a, &city, stmts[STMT_CITY], "") < 0)
		return -1;
	if (city.n == 1)
		city_id = (unsigned int)mc_rows_int(&city, 0, 0);
	if (want == 0) {
		/* The city's line for its managers, else their first agency. */
		want = city_id;
		if (!mc_auth_acts_for(u, ROLES(ROLE_EVALUATOR), city_id))
			for (i = 0; u != NULL && i < u->ngrants; i++)
				if (u->grants[i].role == ROLE_EVALUATOR &&
				    u->grants[i].agency_id != 0) {
					want = u->grants[i].agency_id;
					break;
				}
	}
	if (want <= 0 || want > 0xffffffffLL)
		return 0;
	if (mc_db_query(db, a, &ag, stmts[STMT_AGENCY], "i", want) < 0 ||
	    mc_db_query(db, a, &up, stmts[STMT_UP], "i", want) < 0)
		return -1;
	if (ag.n != 1)
		return 0;
	for (i = 0; i < up.n; i++)
		if (mc_auth_acts_for(u, ROLES(ROLE_EVALUATOR),
			(unsigned int)mc_rows_int(&up, i, 0)))
			break;
	if (i == up.n)
		return 0;
	*name = mc_rows_str(&ag, 0, 0);
	*agency = (unsigned int)want == city_id ? 0 : (unsigned int)want;
	return 1;
}
