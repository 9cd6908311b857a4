/*
 * The questionnaire editor (issue 10): an evaluation manager makes a new
 * version of the questionnaire (wording edited, questions added); ratings
 * keep the version they were given on, so earlier answers read as asked.
 */
#include <string.h>
#include <time.h>

#include "mc_arena.h"
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
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	/* Every version locked, so two managers' saves follow each other. */
	[STMT_CURRENT] = "SELECT id, version, valid_from <= ? FROM "
	    "eval_questionnaires ORDER BY version DESC FOR UPDATE",
	[STMT_ADD] = "INSERT INTO eval_questionnaires (version, valid_from, "
	    "created_by, created_at, note) VALUES (?, ?, ?, ?, ?)",
	[STMT_QUESTION] = "INSERT INTO eval_questions (questionnaire_id, seq, "
	    "kind, code, text, text_en, o2, o1, o0, o2_en, o1_en, o0_en) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* Columns in the order of enum mc_eval_forms_col. */
	[STMT_LIST] = "SELECT q.id, q.version, q.valid_from, q.note, "
	    "a.full_name, (SELECT COUNT(*) FROM eval_questions x "
	    "WHERE x.questionnaire_id = q.id) AS questions, (SELECT COUNT(*) "
	    "FROM eval_ratings r WHERE r.questionnaire_id = q.id) AS ratings "
	    "FROM eval_questionnaires q LEFT JOIN accounts a ON a.id = q.created_by "
	    "ORDER BY q.version DESC LIMIT 100",
	[STMT_RATING] = "SELECT id, questionnaire_id FROM eval_ratings "
	    "WHERE dossier_id = ?",
	[STMT_ANSWERS] = "SELECT seq, score FROM eval_answers "
	    "WHERE rating_id = ?",
	[STMT_CITY] = "SELECT id FROM agencies WHERE kind = 'city' "
	    "ORDER BY id LIMIT 1",
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

struct new_tx {
	long long		   base;
	const struct mc_eval_form *next;
	const char		  *note;
	long long		   by;
	time_t			   now;
	struct mc_arena		  *a;
	int			   version;
};

static int
new_tx(struct mc_db *db, void *arg)
{
	struct new_tx		      *t = arg;
	struct mc_rows		       rows;
	const struct mc_eval_question *q;
	char			       at[20];
	long long		       id = 0;
	size_t			       i;

	mc_time_sql(at, t->now);
	if (mc_db_query(db, t->a, &rows, stmts[STMT_CURRENT], "s", at) < 0)
		return -1;
	/* The current version: the newest in force (as mc_eval_form_load). */
	for (i = 0; i < rows.n; i++)
		if (mc_rows_int(&rows, i, 2) == 1) {
			id = mc_rows_int(&rows, i, 0);
			break;
		}
	if (id != t->base)
		return EVAL_FORM_STALE;
	t->version = rows.n > 0 ? (int)mc_rows_int(&rows, 0, 1) + 1 : 1;
	if (mc_db_exec(db, stmts[STMT_ADD], "isiss", (long long)t->version, at,
		t->by, at, t->note) < 0)
		return -1;
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
	return 0;
}

int
mc_eval_form_new(struct mc_db *db, struct mc_arena *a, long long base,
    const struct mc_eval_form *next, const char *note, long long by,
    time_t now, int *version)
{
	struct new_tx t;
	size_t	      bad;
	int	      rc;

	if ((rc = mc_eval_form_check(next, &bad)) != 0)
		return rc;
	memset(&t, 0, sizeof(t));
	t.base = base;
	t.next = next;
	t.note = note != NULL && *note != '\0' ? note : NULL;
	t.by = by;
	t.now = now;
	t.a = a;
	if ((rc = mc_db_tx(db, new_tx, &t)) != 0)
		return rc;
	*version = t.version;
	return 0;
}

int
mc_eval_forms(struct mc_db *db, struct mc_arena *a, struct mc_rows *out)
{
	if (mc_db_query(db, a, out, stmts[STMT_LIST], "") < 0)
		return -1;
	if (out->n > 0 && out->ncols != EVF__MAX) {
		mc_err("eval: forms: %zu columns", out->ncols);
		return -1;
	}
	return 0;
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
mc_eval_form_manager(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_CITY], "") < 0)
		return -1;
	return rows.n == 1 &&
	    mc_auth_acts_for(u, ROLES(ROLE_EVALUATOR),
		(unsigned int)mc_rows_int(&rows, 0, 0));
}
