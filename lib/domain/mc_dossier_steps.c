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
#include "mc_calendar.h"
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

	if (mc_db_query(db, a, out, dossier_stmts[STMT_STEP_GET], "iii",
		st->id, st->id, (long long)seq) < 0)
		return -1;
	if (out->n == 0)
		return 0;
	st->last_step = (int)mc_rows_int(out, 0, 5);
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
