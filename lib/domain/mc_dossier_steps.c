/*
 * Steps and deadlines: the workflow's steps of a dossier, their due and
 * warning times in working time, the legal time, the colours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_arena.h"
#include "mc_auth.h"
#include "mc_bpmn.h"
#include "mc_calendar.h"
#include "mc_cond.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_int.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_util.h"

const char *const dossier_role_names[] = { "receiver", "specialist",
	"leader" };

/* The local time of a "YYYY-MM-DD HH:MM:SS" string; 0 if NULL or bad. */
time_t
dossier_sql_time(const char *s)
{
	return mc_time_parse(s);
}

const char *
dossier_sql_fmt(struct mc_arena *a, time_t t)
{
	char *s;

	if (t == 0)
		return NULL;
	s = mc_arena_alloc(a, 20);
	mc_time_sql(s, t);
	return s;
}

static int
soon_percent(void)
{
	return (int)mc_config_int("due_soon_percent", 20, 0, 100);
}

int
mc_dossier_colour(const char *due, const char *warn, time_t now)
{
	time_t d = dossier_sql_time(due), w = dossier_sql_time(warn);

	if (d == 0)
		return COLOUR_NONE;
	if (now > d)
		return COLOUR_RED;
	if (w != 0 && now >= w)
		return COLOUR_YELLOW;
	return COLOUR_GREEN;
}

const char *
mc_dossier_colour_name(int c)
{
	return c == COLOUR_NONE ? "none" :
				  mc_calendar_colour_name((enum mc_colour)c);
}

/* Creates the dossier's steps from its procedure's workflow; 0 or -1. */
int
dossier_create_steps(struct mc_db *db, struct mc_arena *a, struct state *st,
    long long legal_minutes)
{
	struct mc_rows wf, steps;
	long long      minutes, total = 0;
	size_t	       i;

	if (mc_db_query(db, a, &wf, dossier_stmts[STMT_WORKFLOW_OF], "i",
		mc_rows_int(&st->row, 0, L_PROCEDURE)) < 0 ||
	    wf.n == 0)
		return -1;
	st->workflow = mc_rows_int(&wf, 0, 0);
	if (mc_db_query(db, a, &steps, dossier_stmts[STMT_WORKFLOW_STEPS], "i",
		st->workflow) < 0 ||
	    steps.n == 0 || steps.n > MAX_STEPS)
		return -1;
	for (i = 0; i < steps.n; i++) {
		if (mc_rows_str(&steps, i, 4) != NULL)
			minutes = mc_rows_int(&steps, i, 4);
		else if (i + 1 == steps.n) /* the rest: totals match */
			minutes = legal_minutes - total;
		else
			minutes = legal_minutes * mc_rows_int(&steps, i, 5) /
			    1000;
		if (minutes < 0)
			minutes = 0;
		total += minutes;
		if (mc_db_exec(db, dossier_stmts[STMT_STEP_NEW], "iissii",
			st->id, mc_rows_int(&steps, i, 0),
			mc_rows_str(&steps, i, 1), mc_rows_str(&steps, i, 2),
			mc_rows_str(&steps, i, 3) ? mc_rows_int(&steps, i, 3) :
						    (long long)st->agency,
			minutes) < 0)
			return -1;
	}
	st->last_step = (int)steps.n;
	return 0;
}

/* Loads step seq of the dossier into st (role, agency, last); 0 or -1. */
int
dossier_load_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    int seq, struct mc_rows *out)
{
	size_t i;

	if (mc_db_query(db, a, out, dossier_stmts[STMT_STEP_GET], "iiii",
		st->id, st->id, st->id, (long long)seq) < 0)
		return -1;
	if (out->n == 0)
		return 0;
	st->last_step = (int)mc_rows_int(out, 0, 5);
	st->first_step = (int)mc_rows_int(out, 0, 8);
	for (i = 0;
	     i < sizeof(dossier_role_names) / sizeof(dossier_role_names[0]);
	     i++)
		if (strcmp(mc_rows_str(out, 0, 1), dossier_role_names[i]) == 0)
			return (int)i + 1;
	return 0;
}

/*
 * Starts step seq: handed over at now (form 05's "given" is that real
 * moment), its time counted from clock (now, or the next opening when
 * accepted after hours or after the cut-off); 0 or -1.
 */
int
dossier_start_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    int seq, time_t now, time_t clock, long long actor)
{
	struct mc_rows step;
	time_t	       due;
	long	       minutes;

	if (dossier_load_step(db, a, st, seq, &step) < 0 || step.n == 0)
		return -1;
	minutes = (long)mc_rows_int(&step, 0, 3);
	due = mc_calendar_add_minutes(clock, minutes);
	st->new_step = seq;
	st->new_agency = (unsigned int)mc_rows_int(&step, 0, 2);
	st->step_due = dossier_sql_fmt(a, due);
	st->step_warn = dossier_sql_fmt(a,
	    mc_calendar_add_minutes(clock,
		minutes * (100 - soon_percent()) / 100));
	st->holder = 0;
	return mc_db_exec(db, dossier_stmts[STMT_STEP_START], "ssIii",
		   dossier_sql_fmt(a, now), st->step_due, actor, st->id,
		   (long long)seq) < 0 ?
	    -1 :
	    0;
}

/* Finishes the current step at now with its outcome; 0 or -1. */
int
dossier_finish_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    time_t now, long long actor)
{
	struct mc_rows step;
	struct tm      dt, nt;
	const char    *outcome = "ontime";
	time_t	       due;

	if (st->step == 0)
		return 0;
	if (dossier_load_step(db, a, st, st->step, &step) < 0 || step.n == 0)
		return -1;
	if ((due = dossier_sql_time(mc_rows_str(&step, 0, 4))) != 0) {
		localtime_r(&due, &dt);
		localtime_r(&now, &nt);
		if (now > due)
			outcome = "late";
		else if (nt.tm_year != dt.tm_year || nt.tm_yday != dt.tm_yday)
			outcome = "early";
	}
	return mc_db_exec(db, dossier_stmts[STMT_STEP_FINISH], "ssIii",
		   dossier_sql_fmt(a, now), outcome, actor, st->id,
		   (long long)st->step) < 0 ?
	    -1 :
	    0;
}

/* The form's answers and the arena, for a condition's fields. */
struct answers {
	json_t		*form;
	struct mc_arena *a;
};

/* The text of answer key: a string as it is, a number as written. */
static const char *
answer(void *arg, const char *key)
{
	struct answers *an = arg;
	json_t	       *v = json_object_get(an->form, key);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return mc_arena_printf(an->a, "%lld",
		    (long long)json_integer_value(v));
	if (json_is_real(v))
		return mc_arena_printf(an->a, "%g", json_real_value(v));
	if (json_is_boolean(v))
		return json_is_true(v) ? "true" : "false";
	return NULL;
}

/* The steps reach (a bit a step, 1 << (seq - 1)) leads to, added. */
static unsigned long long
closure(const struct mc_rows *r, unsigned long long reach)
{
	long long from, dest;
	size_t	  i;
	int	  grew = 1;

	/* Routes go forward: as many passes as it takes, at most a step's. */
	while (grew) {
		grew = 0;
		for (i = 0; i < r->n; i++) {
			from = mc_rows_int(r, i, 0);
			dest = mc_rows_int(r, i, 1);
			if (from < 1 || from > MAX_STEPS || dest < 1 ||
			    dest > MAX_STEPS ||
			    !(reach & (1ULL << (from - 1))) ||
			    (reach & (1ULL << (dest - 1))))
				continue;
			reach |= 1ULL << (dest - 1);
			grew = 1;
		}
	}
	return reach;
}

/*
 * The steps after the current one that the steps in reach (a bit a step,
 * 1 << (seq - 1)) do not lead to (the branches not taken) marked skipped,
 * the others not; 0 or -1. On a parallel branch (st->branch) only the
 * steps the current one leads to are touched: the other branches go on.
 */
static int
skip_others(struct mc_db *db, struct mc_arena *a, struct state *st,
    unsigned long long reach)
{
	struct mc_rows	   r;
	unsigned long long mine;

	if (mc_db_query(db, a, &r, dossier_stmts[STMT_ROUTES_ALL], "i",
		st->workflow) < 0)
		return -1;
	reach = closure(&r, reach);
	if (st->branch) {
		mine = closure(&r, 1ULL << (st->step - 1)) &
		    ~(1ULL << (st->step - 1));
		return mc_db_exec(db, dossier_stmts[STMT_STEPS_SKIP_IN], "iii",
			   (long long)(mine & ~reach), st->id,
			   (long long)mine) < 0 ?
		    -1 :
		    0;
	}
	return mc_db_exec(db, dossier_stmts[STMT_STEPS_SKIP], "iii",
		   (long long)reach, st->id, (long long)st->step) < 0 ?
	    -1 :
	    0;
}

int
dossier_next_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    const char *decision, int *to)
{
	struct mc_rows	   routes, form;
	struct answers	   an = { NULL, a };
	struct mc_cond_env env = { answer, &an, decision };
	size_t		   i;
	int		   rc;

	*to = st->step + 1;
	if (mc_db_query(db, a, &routes, dossier_stmts[STMT_ROUTES], "ii",
		st->workflow, (long long)st->step) < 0)
		return -1;
	if (routes.n == 0)
		return 0; /* steps in sequence */
	if (mc_db_query(db, a, &form, dossier_stmts[STMT_FORM_DATA], "i",
		st->id) < 0)
		return -1;
	an.form = json_loads(form.n && mc_rows_str(&form, 0, 0) ?
		mc_rows_str(&form, 0, 0) :
		"{}",
	    0, NULL);
	for (i = 0; i < routes.n; i++) {
		if (mc_rows_str(&routes, i, 1) == NULL) {
			*to = (int)mc_rows_int(&routes, i, 0);
			break;
		}
		rc = mc_cond_eval(mc_rows_str(&routes, i, 1), &env);
		if (rc < 0)
			mc_err("dossier %lld: condition not valid: %s", st->id,
			    mc_rows_str(&routes, i, 1));
		if (rc == 1) {
			*to = (int)mc_rows_int(&routes, i, 0);
			break;
		}
	}
	json_decref(an.form);
	if (*to <= st->step || *to > MAX_STEPS)
		return -1;
	return skip_others(db, a, st, 1ULL << (*to - 1));
}

int
dossier_first_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    int *first)
{
	struct mc_rows routes;

	*first = 1;
	if (mc_db_query(db, a, &routes, dossier_stmts[STMT_ROUTES], "ii",
		st->workflow, 0LL) < 0)
		return -1;
	if (routes.n == 0)
		return 0;
	st->step = 0;
	return dossier_next_step(db, a, st, NULL, first) < 0 ? -1 : 1;
}

int
dossier_pick_branch(struct mc_db *db, struct mc_arena *a, struct state *st,
    int seq)
{
	struct mc_rows step;
	int	       role;

	if ((role = dossier_load_step(db, a, st, seq, &step)) < 0)
		return -1;
	if (step.n == 0 || mc_rows_int(&step, 0, 6) != 1 ||
	    mc_rows_int(&step, 0, 7) != 1)
		return DOSSIER_NOT_ALLOWED;
	st->step = seq;
	st->step_role = role;
	st->branch = 1;
	st->current_agency = (unsigned int)mc_rows_int(&step, 0, 2);
	return 0;
}

/*
 * The dossier's current step among the open parallel ones: the first, at
 * its agency, nobody holding it; its step due the earliest of theirs (and
 * the warning before that one's); 1 when one is open, 0 when none, -1.
 */
static int
branch_current(struct mc_db *db, struct mc_arena *a, struct state *st)
{
	struct mc_rows open;
	size_t	       i, e = 0;
	time_t	       due, best = 0;
	long	       minutes;

	if (mc_db_query(db, a, &open, dossier_stmts[STMT_BRANCHES_OPEN], "i",
		st->id) < 0)
		return -1;
	if (open.n == 0)
		return 0;
	for (i = 0; i < open.n; i++) {
		due = dossier_sql_time(mc_rows_str(&open, i, 2));
		if (i == 0 || (due != 0 && due < best))
			best = due, e = i;
	}
	minutes = (long)mc_rows_int(&open, e, 3);
	st->new_step = (int)mc_rows_int(&open, 0, 0);
	st->new_agency = (unsigned int)mc_rows_int(&open, 0, 1);
	st->step_due = mc_rows_str(&open, e, 2);
	st->step_warn = dossier_sql_fmt(a,
	    mc_calendar_add_minutes(dossier_sql_time(mc_rows_str(&open, e, 4)),
		minutes * (100 - soon_percent()) / 100));
	st->holder = 0;
	st->to = STATUS_PROCESSING;
	return 1;
}

/* Starts step seq on a parallel branch at now; 0 or -1. */
static int
branch_start(struct mc_db *db, struct mc_arena *a, struct state *st, int seq,
    time_t now, long long actor)
{
	if (seq <= st->step || seq > st->last_step)
		return -1;
	if (dossier_start_step(db, a, st, seq, now, now, actor) < 0 ||
	    mc_db_exec(db, dossier_stmts[STMT_STEP_BRANCH], "ii", st->id,
		(long long)seq) < 0)
		return -1;
	return 0;
}

int
dossier_forward(struct mc_db *db, struct mc_arena *a, struct state *st,
    const char *decision, time_t now, long long actor)
{
	struct mc_rows	   routes;
	unsigned long long reach = 0;
	size_t		   i;
	int		   to, kind, rc;

	if (mc_db_query(db, a, &routes, dossier_stmts[STMT_ROUTES], "ii",
		st->workflow, (long long)st->step) < 0)
		return -1;
	kind = routes.n > 0 ? (int)mc_rows_int(&routes, 0, 2) : 0;
	if (kind == ROUTE_FORK) {
		/* A parallel split: every branch's first step at once. */
		if (dossier_finish_step(db, a, st, now, actor) < 0)
			return -1;
		for (i = 0; i < routes.n; i++) {
			to = (int)mc_rows_int(&routes, i, 0);
			if (to < 1 || to > MAX_STEPS ||
			    branch_start(db, a, st, to, now, actor) < 0)
				return -1;
			reach |= 1ULL << (to - 1);
		}
		if (skip_others(db, a, st, reach) < 0)
			return -1;
		return branch_current(db, a, st) == 1 ? 0 : -1;
	}
	if (!st->branch) {
		if (dossier_next_step(db, a, st, decision, &to) < 0)
			return -1;
		return dossier_move_step(db, a, st, to, now, actor);
	}
	/*
	 * A branch's step done: its next one (chosen as dossier_next_step
	 * does when an exclusive gateway branches within the branch), or
	 * the join.
	 */
	to = routes.n > 0 ? (int)mc_rows_int(&routes, 0, 0) : st->step + 1;
	if (kind == ROUTE_CHOICE && routes.n > 1 &&
	    dossier_next_step(db, a, st, decision, &to) < 0)
		return -1;
	if (dossier_finish_step(db, a, st, now, actor) < 0)
		return -1;
	if (kind != ROUTE_JOIN) {
		if (branch_start(db, a, st, to, now, actor) < 0)
			return -1;
		return branch_current(db, a, st) == 1 ? 0 : -1;
	}
	if ((rc = branch_current(db, a, st)) != 0)
		return rc < 0 ? -1 : 0; /* other branches still open */
	return dossier_move_step(db, a, st, to, now, actor);
}

int
dossier_prev_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    int *to)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, dossier_stmts[STMT_STEP_BACK], "ii", st->id,
		(long long)st->step) < 0)
		return -1;
	*to = r.n && mc_rows_str(&r, 0, 0) ? (int)mc_rows_int(&r, 0, 0) : 0;
	return 0;
}

int
mc_dossier_decisions(struct mc_db *db, struct mc_arena *a,
    const struct mc_dossier *d, const char **values, const char **labels,
    size_t max, size_t *n)
{
	struct mc_rows r;
	const char    *cond, *v;
	size_t	       i;
	int	       uses = 0;

	*n = 0;
	if (d->step <= 0)
		return 0;
	if (mc_db_query(db, a, &r, dossier_stmts[STMT_DECISIONS], "ii", d->id,
		(long long)d->step) < 0)
		return -1;
	for (i = 0; i < r.n; i++)
		uses |= mc_cond_uses_decision(mc_rows_str(&r, i, 0));
	for (i = 0; uses && i < r.n && *n < max; i++) {
		cond = mc_rows_str(&r, i, 0);
		v = cond == NULL ? "" : mc_cond_decision(a, cond);
		if (v == NULL)
			continue;
		values[*n] = v;
		labels[*n] = mc_rows_str(&r, i, 1);
		(*n)++;
	}
	return 0;
}

/* Moves the current step forward (or back), status 9 before the last. */
int
dossier_move_step(struct mc_db *db, struct mc_arena *a, struct state *st,
    int to, time_t now, long long actor)
{
	if (to < 1 || to > st->last_step)
		return DOSSIER_NOT_ALLOWED;
	if (dossier_finish_step(db, a, st, now, actor) < 0 ||
	    dossier_start_step(db, a, st, to, now, now, actor) < 0)
		return -1;
	if (to == st->last_step) {
		st->to = STATUS_DECIDED;
		st->finished = dossier_sql_fmt(a, now);
	} else
		st->to = STATUS_PROCESSING;
	return 0;
}

long long
mc_dossier_legal_minutes(const char *hours, const char *days)
{
	if (hours != NULL)
		return strtoll(hours, NULL, 10) * 60;
	return (days != NULL ? strtoll(days, NULL, 10) : 0) * DAY_MINUTES * 5 /
	    7;
}

/* The procedure's legal time in working minutes (calendar days: days). */
int
dossier_legal_time(struct mc_db *db, struct mc_arena *a, struct state *st,
    long long *minutes, long long *days, int *cutoff)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, dossier_stmts[STMT_LEGAL_TIME], "i",
		mc_rows_int(&st->row, 0, L_PROCEDURE)) < 0 ||
	    rows.n == 0)
		return -1;
	*days = mc_rows_str(&rows, 0, 1) ? mc_rows_int(&rows, 0, 1) : 0;
	*minutes = mc_dossier_legal_minutes(mc_rows_str(&rows, 0, 0),
	    mc_rows_str(&rows, 0, 1));
	*cutoff = (int)mc_rows_int(&rows, 0, 2);
	return 0;
}

int
mc_dossier_workflow(struct mc_db *db, struct mc_arena *a,
    long long procedure_id, struct mc_rows *out)
{
	struct mc_rows wf;

	if (mc_db_query(db, a, &wf, dossier_stmts[STMT_WORKFLOW_OF], "i",
		procedure_id) < 0 ||
	    wf.n == 0)
		return -1;
	return mc_db_query(db, a, out, dossier_stmts[STMT_WORKFLOW_STEPS], "i",
	    mc_rows_int(&wf, 0, 0));
}

const char *
mc_dossier_diagram(struct mc_db *db, struct mc_arena *a,
    const struct mc_dossier *d)
{
	struct mc_rows r;

	if (mc_db_query(db, a, &r, dossier_stmts[STMT_WORKFLOW_BPMN], "i",
		d->id) < 0 ||
	    r.n == 0)
		return NULL;
	return mc_rows_str(&r, 0, 0);
}

int
mc_dossier_branch_inbox(struct mc_db *db, struct mc_arena *a,
    unsigned int agency, long long limit, struct mc_rows *out)
{
	return mc_db_query(db, a, out, dossier_stmts[STMT_BRANCH_INBOX], "ii",
	    (long long)agency, limit);
}
