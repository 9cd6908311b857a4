/*
 * Transitions: the state machine of the national status codes 1-10.
 * One table of actions (from which statuses, who) both offers the
 * actions (mc_dossier_allowed) and runs them (mc_dossier_act), each in
 * one transaction: the row (version checked), steps, one event, the
 * notifications.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_calendar.h"
#include "mc_config.h"
#include "mc_counters.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_int.h"
#include "mc_eform.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_stats.h"
#include "mc_util.h"

/* What an action's texts may hold (the columns, and the web's fields). */
#define NOTE_MAX       2000  /* bytes: dossier_events.note, the form's note */
#define ITEMS_MAX      20    /* items of a supplement request */
#define ITEM_MAX       500   /* bytes of an item or its reason */
#define ITEMS_JSON_MAX 65535 /* supplement_requests.items (TEXT) */

/*
 * What the dossier's state must be for an action besides its status and
 * who acts: 0, or the DOSSIER_* outcome. The one rule both for offering
 * the action (mc_dossier_allowed) and for running it (mc_dossier_act).
 */
static int
pre_forward(const struct state *st, time_t now)
{
	return st->step < st->last_step ? 0 : DOSSIER_NOT_ALLOWED;
}

static int
pre_send_back(const struct state *st, time_t now)
{
	return st->step > 1 && st->step > st->first_step && !st->branch ?
	    0 :
	    DOSSIER_NOT_ALLOWED;
}

/* Not while parallel branches are open: they join first. */
static int
pre_decide(const struct state *st, time_t now)
{
	return st->branch ? DOSSIER_NOT_ALLOWED : 0;
}

/* Only at a leader's step, and not the last one. */
static int
pre_approve(const struct state *st, time_t now)
{
	return st->step_role == 3 && st->step < st->last_step ?
	    0 :
	    DOSSIER_NOT_ALLOWED;
}

/* Form 04 sets a new date once, at least a working day before the due. */
static int
pre_apology(const struct state *st, time_t now)
{
	time_t due = dossier_sql_time(st->due);

	if (st->original_due != NULL)
		return DOSSIER_NOT_ALLOWED; /* a new date is set once */
	if (due == 0)
		return DOSSIER_BAD_INPUT;
	if (mc_calendar_work_minutes(now, due) < DAY_MINUTES)
		return DOSSIER_TOO_LATE;
	return 0;
}

/* Someone must hold it to be reminded. */
static int
pre_remind(const struct state *st, time_t now)
{
	return st->holder == 0 ? DOSSIER_BAD_INPUT : 0;
}

/* clang-format off */
static const struct action_rule {
	const char  *name;
	unsigned int from; /* statuses it applies to */
	unsigned int who;
	int	     note;     /* a note (reason) is required */
	int	     internal; /* its event is not shown to applicants */
	int	   (*pre)(const struct state *, time_t); /* NULL: none */
} rules[ACTION__MAX] = {
	[ACTION_ACCEPT] = { "accept", S(1), WHO_RECEIVER, 0, 0, NULL },
	[ACTION_REQUEST_COMPLETION] = { "request_completion", S(1),
	    WHO_RECEIVER, 0, 0, NULL },
	[ACTION_REFUSE] = { "refuse", S(1), WHO_RECEIVER, 1, 0, NULL },
	[ACTION_FORWARD] = { "forward", S(2) | S(4), WHO_STEP, 0, 0,
	    pre_forward },
	[ACTION_SEND_BACK] = { "send_back", S(4), WHO_STEP, 1, 1,
	    pre_send_back },
	[ACTION_CLAIM] = { "claim", S(2) | S(4) | S(6) | S(9), WHO_STEP, 0,
	    1, NULL },
	[ACTION_ASSIGN] = { "assign", S(2) | S(4) | S(6) | S(9), WHO_LEADER, 0,
	    1, NULL },
	[ACTION_REQUEST_SUPPLEMENT] = { "request_supplement", S(4), WHO_STEP,
	    0, 0, NULL },
	[ACTION_SUPPLEMENT] = { "supplement", S(5),
	    WHO_APPLICANT | WHO_RECEIVER, 0, 0, NULL },
	[ACTION_REQUEST_PAYMENT] = { "request_payment", S(4), WHO_STEP, 1, 0,
	    NULL },
	[ACTION_CONFIRM_PAYMENT] = { "confirm_payment", S(6),
	    WHO_STEP | WHO_RECEIVER, 0, 0, NULL },
	[ACTION_APPROVE] = { "approve", S(4), WHO_LEADER, 0, 0, pre_approve },
	[ACTION_SIGN] = { "sign", S(4) | S(9), WHO_LEADER | WHO_HEAD, 0, 0,
	    NULL },
	[ACTION_DECIDE] = { "decide", S(4), WHO_LEADER, 0, 0, pre_decide },
	[ACTION_RETURN] = { "return", S(9), WHO_RECEIVER, 0, 0, NULL },
	[ACTION_WITHDRAW] = { "withdraw", OPEN, WHO_APPLICANT | WHO_RECEIVER,
	    0, 0, NULL },
	[ACTION_STOP] = { "stop", S(2) | S(4) | S(5) | S(6), WHO_HEAD, 1, 0,
	    NULL },
	[ACTION_APOLOGY] = { "apology", S(2) | S(4) | S(5) | S(6),
	    WHO_HEAD | WHO_LEADER, 1, 0, pre_apology },
	[ACTION_REMIND] = { "remind", S(2) | S(4) | S(6) | S(9),
	    WHO_LEADER | WHO_HEAD, 0, 1, pre_remind },
	[ACTION_NOTE] = { "note",
	    S(1) | S(2) | S(3) | S(4) | S(5) | S(6) | S(7) | S(8) | S(9) |
		S(10),
	    WHO_OFFICER, 1, 1, NULL },
};
/* clang-format on */

int
mc_dossier_action_parse(const char *s)
{
	int i;

	for (i = 0; i < ACTION__MAX; i++)
		if (s != NULL && strcmp(s, rules[i].name) == 0)
			return i;
	return -1;
}

const char *
mc_dossier_action_name(enum mc_action a)
{
	return rules[a].name;
}

static int
do_accept(struct mc_db *db, struct mc_arena *a, struct state *st, time_t now,
    long long actor)
{
	long long      minutes, days;
	struct mc_rows step;
	time_t	       start, due;
	int	       cutoff, first, chosen, role;

	if (dossier_legal_time(db, a, st, &minutes, &days, &cutoff) < 0)
		return -1;
	start = mc_calendar_start(now, cutoff);
	due = days > 0 ? mc_calendar_add_days(start, (int)days) :
			 mc_calendar_add_minutes(start, (long)minutes);
	st->received = dossier_sql_fmt(a, now);
	st->clock_start = dossier_sql_fmt(a, start);
	st->due = dossier_sql_fmt(a, due);
	if (dossier_create_steps(db, a, st, minutes) < 0 ||
	    (chosen = dossier_first_step(db, a, st, &first)) < 0 ||
	    dossier_start_step(db, a, st, first, now, start, actor) < 0 ||
	    (role = dossier_load_step(db, a, st, first, &step)) < 0)
		return -1;
	/*
	 * The receiver accepting holds the first step; a first step chosen
	 * on the form's answers only when it is a receiver's step at the
	 * receiving agency (else its officers find it in their inbox).
	 */
	st->holder = !chosen || (role == 1 && st->new_agency == st->agency) ?
	    actor :
	    0;
	st->to = STATUS_ACCEPTED;
	return 0;
}

/*
 * 1 if a supplement request's items are what the form 02 can hold: 1 to
 * ITEMS_MAX objects, each an "item" of one line (mc_text_ok, at most
 * ITEM_MAX bytes) and an optional "reason" of the same kind.
 */
static int
items_ok(json_t *items)
{
	json_t	   *it, *v;
	const char *s;
	size_t	    i;

	if (items == NULL || !json_is_array(items) ||
	    json_array_size(items) == 0 || json_array_size(items) > ITEMS_MAX)
		return 0;
	json_array_foreach (items, i, it) {
		if (!json_is_object(it))
			return 0;
		v = json_object_get(it, "item");
		if ((s = json_string_value(v)) == NULL || *s == '\0' ||
		    strlen(s) > ITEM_MAX || !mc_text_ok(s, strlen(s), 0))
			return 0;
		v = json_object_get(it, "reason");
		if (v != NULL && !json_is_null(v) &&
		    ((s = json_string_value(v)) == NULL ||
			strlen(s) > ITEM_MAX || !mc_text_ok(s, strlen(s), 0)))
			return 0;
	}
	return 1;
}

/* Records a supplement request (form 02) and pauses the clock. */
static int
do_request(struct mc_db *db, struct mc_arena *a, struct state *st, time_t now,
    long long actor, const struct mc_action_args *args, const char *stage)
{
	json_t	   *items;
	const char *cause = NULL;
	int	    ok;

	if (args->items_json == NULL)
		return DOSSIER_BAD_INPUT;
	/* Only a request during processing counts for index 3. */
	if (strcmp(stage, "processing") == 0 && args->cause != NULL) {
		if (strcmp(args->cause, "applicant") != 0 &&
		    strcmp(args->cause, "agency") != 0)
			return DOSSIER_BAD_INPUT;
		cause = args->cause;
	}
	items = json_loads(args->items_json, 0, NULL);
	ok = items_ok(items) && strlen(args->items_json) <= ITEMS_JSON_MAX;
	json_decref(items);
	if (!ok)
		return DOSSIER_BAD_INPUT;
	if (mc_db_exec(db, dossier_stmts[STMT_SUPP_NEW], "isssiss", st->id,
		stage, cause, dossier_sql_fmt(a, now), actor, args->items_json,
		args->note) < 0)
		return -1;
	st->stage = st->status;
	st->paused_at = st->status == STATUS_SUBMITTED ?
	    NULL :
	    dossier_sql_fmt(a, now);
	st->to = STATUS_SUPPLEMENT;
	return 0;
}

/*
 * 1 if the files added fit with those the dossier holds under
 * max_dossier_bytes (mc_eform_total_ok), 0 if not, -1 on error.
 */
static int
files_fit(struct mc_db *db, struct mc_arena *a, long long id,
    const struct mc_action_args *args)
{
	struct mc_rows rows;
	long long      have = 0, add = 0;
	size_t	       i;

	if (mc_db_query(db, a, &rows, dossier_stmts[STMT_FILES], "i", id) < 0)
		return -1;
	for (i = 0; i < rows.n; i++)
		have += mc_rows_int(&rows, i, 4); /* b.size */
	for (i = 0; i < args->nfiles; i++)
		add += (long long)args->files[i].size;
	return mc_eform_total_ok(have, add);
}

/* The applicant supplements: the clock resumes, due times move. */
static int
do_supplement(struct mc_db *db, struct mc_arena *a, struct state *st,
    time_t now, long long actor, const struct mc_action_args *args)
{
	time_t paused = dossier_sql_time(col(st, L_PAUSED_AT));
	long   minutes = 0;
	int    fit;

	if (args->nfiles == 0 && args->note == NULL)
		return DOSSIER_BAD_INPUT;
	if ((fit = files_fit(db, a, st->id, args)) <= 0)
		return fit < 0 ? -1 : DOSSIER_TOO_LARGE;
	if (dossier_add_files(db, st->id, args->files, args->nfiles,
		dossier_sql_fmt(a, now), actor) < 0 ||
	    mc_db_exec(db, dossier_stmts[STMT_SUPP_ANSWER], "si",
		dossier_sql_fmt(a, now), st->id) < 0)
		return -1;
	st->to = st->stage == STATUS_SUBMITTED || st->stage == 0 ?
	    STATUS_SUBMITTED :
	    (int)st->stage;
	st->stage = 0;
	st->paused_at = NULL;
	if (paused == 0)
		return 0;
	minutes = mc_calendar_work_minutes(paused, now);
	st->paused_minutes += minutes;
	/* Due times move by the working time paused (none: they stay). */
	if (st->due != NULL)
		st->due = dossier_sql_fmt(a,
		    mc_calendar_resume(dossier_sql_time(st->due), paused,
			now));
	if (st->step_due != NULL) {
		time_t old = dossier_sql_time(st->step_due);
		time_t moved = mc_calendar_resume(old, paused, now);

		st->step_due = dossier_sql_fmt(a, moved);
		if (st->step_warn != NULL)
			st->step_warn = dossier_sql_fmt(a,
			    mc_calendar_resume(dossier_sql_time(st->step_warn),
				paused, now));
		if (mc_db_exec(db, dossier_stmts[STMT_STEPS_SHIFT], "iii",
			(long long)(moved - old), st->id,
			(long long)st->step) < 0)
			return -1;
	}
	return 0;
}

static int
do_apology(struct mc_arena *a, struct state *st, time_t now,
    const struct mc_action_args *args)
{
	time_t due = dossier_sql_time(st->due);

	if (args->new_due <= due) /* pre_apology checked the rest */
		return DOSSIER_BAD_INPUT;
	st->original_due = st->due;
	st->due = dossier_sql_fmt(a, args->new_due);
	st->apology = args->note;
	return 0;
}

/*
 * The officer to assign must hold the step's role at the current agency
 * (an open parallel step's, args->step: that step's holder).
 */
static int
do_assign(struct mc_db *db, struct mc_arena *a, struct state *st,
    const struct mc_action_args *args)
{
	struct mc_rows rows;

	if (args->officer_id <= 0 || st->step_role <= 0)
		return DOSSIER_BAD_INPUT;
	if (mc_db_query(db, a, &rows, dossier_stmts[STMT_HOLDER_OK], "iis",
		args->officer_id, (long long)st->current_agency,
		dossier_role_names[st->step_role - 1]) < 0)
		return -1;
	if (rows.n == 0)
		return DOSSIER_BAD_INPUT;
	if (args->step > 0) /* that open step's holder, not the dossier's */
		return mc_db_exec(db, dossier_stmts[STMT_STEP_HOLD], "iii",
			   args->officer_id, st->id, (long long)st->step) < 0 ?
		    -1 :
		    0;
	st->holder = args->officer_id;
	return 0;
}

/* Runs the action's own changes on st; 0, -1 or a DOSSIER_* outcome. */
static int
apply(struct mc_db *db, struct mc_arena *a, struct state *st,
    const struct mc_user *u, enum mc_action act,
    const struct mc_action_args *args, time_t now)
{
	int to;

	switch (act) {
	case ACTION_ACCEPT:
		return do_accept(db, a, st, now, u->id);
	case ACTION_REQUEST_COMPLETION:
		return do_request(db, a, st, now, u->id, args, "receipt");
	case ACTION_REFUSE:
		st->to = STATUS_REFUSED;
		st->finished = dossier_sql_fmt(a, now);
		return 0;
	case ACTION_FORWARD:
	case ACTION_APPROVE:
		return dossier_forward(db, a, st, args->decision, now, u->id);
	case ACTION_SEND_BACK:
		if (dossier_prev_step(db, a, st, &to) < 0)
			return -1;
		return dossier_move_step(db, a, st, to, now, u->id);
	case ACTION_DECIDE:
		return dossier_move_step(db, a, st, st->last_step, now, u->id);
	case ACTION_CLAIM:
		st->holder = u->id;
		return 0;
	case ACTION_ASSIGN:
		return do_assign(db, a, st, args);
	case ACTION_REQUEST_SUPPLEMENT:
		return do_request(db, a, st, now, u->id, args, "processing");
	case ACTION_SUPPLEMENT:
		return do_supplement(db, a, st, now, u->id, args);
	case ACTION_REQUEST_PAYMENT:
		st->to = STATUS_PAYMENT;
		return 0;
	case ACTION_CONFIRM_PAYMENT:
		st->to = STATUS_PROCESSING;
		return 0;
	case ACTION_SIGN:
		st->signed_at = dossier_sql_fmt(a, now);
		return 0;
	case ACTION_RETURN:
		if (args->method < CHANNEL_COUNTER ||
		    args->method > CHANNEL_POST)
			return DOSSIER_BAD_INPUT;
		if (dossier_finish_step(db, a, st, now, u->id) < 0)
			return -1;
		st->to = STATUS_RETURNED;
		st->returned = dossier_sql_fmt(a, now);
		st->return_method = args->method;
		st->step_due = st->step_warn = NULL;
		return 0;
	case ACTION_WITHDRAW:
		st->to = STATUS_WITHDRAWN;
		st->finished = dossier_sql_fmt(a, now);
		st->step_due = st->step_warn = NULL;
		return 0;
	case ACTION_STOP:
		st->to = STATUS_STOPPED;
		st->finished = dossier_sql_fmt(a, now);
		st->step_due = st->step_warn = NULL;
		return 0;
	case ACTION_APOLOGY:
		return do_apology(a, st, now, args);
	case ACTION_REMIND:
	case ACTION_NOTE:
	default:
		return 0;
	}
}

/* Fills st from the locked row. */
static int
state_load(struct mc_db *db, struct mc_arena *a, struct state *st)
{
	struct mc_rows step;
	int	       role;

	st->id = mc_rows_int(&st->row, 0, L_ID);
	st->status = st->to = (int)mc_rows_int(&st->row, 0, L_STATUS);
	st->agency = (unsigned int)mc_rows_int(&st->row, 0, L_AGENCY);
	st->current_agency = st->new_agency = (unsigned int)mc_rows_int(
	    &st->row, 0, L_CURRENT_AGENCY);
	st->step = st->new_step = (int)mc_rows_int(&st->row, 0, L_STEP);
	st->workflow = mc_rows_int(&st->row, 0, L_WORKFLOW);
	st->holder = mc_rows_int(&st->row, 0, L_HOLDER);
	st->received = col(st, L_RECEIVED);
	st->due = col(st, L_DUE);
	st->step_due = col(st, L_STEP_DUE);
	st->paused_at = col(st, L_PAUSED_AT);
	st->original_due = col(st, L_ORIGINAL_DUE);
	st->stage = mc_rows_int(&st->row, 0, L_STAGE);
	st->signed_at = col(st, L_SIGNED);
	st->step_role = -1;
	if (st->step > 0) {
		if ((role = dossier_load_step(db, a, st, st->step, &step)) < 0)
			return -1;
		st->step_role = role;
		st->branch = step.n > 0 && mc_rows_int(&step, 0, 6) == 1 &&
		    mc_rows_int(&step, 0, 7) == 1;
	}
	return 0;
}

/* The officers an action concerns: who is given it, who is reminded. */
static int
notify_officer(struct mc_db *db, struct mc_arena *a, const struct state *st,
    enum mc_action act, const struct mc_action_args *args)
{
	if (act == ACTION_ASSIGN) /* the dossier's holder, or the step's */
		return mc_notify_officer(db, a,
		    args->step > 0 ? args->officer_id : st->holder, st->id,
		    "new_work", args->note);
	if (act == ACTION_REMIND)
		return mc_notify_officer(db, a, st->holder, st->id, "reminder",
		    args->note);
	return 0;
}

/*
 * The action inside the caller's open transaction; 0 when everything is
 * written (the caller commits), else -1 or a DOSSIER_* outcome (the caller
 * rolls back).
 */
int
dossier_act_in(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    const char *code, enum mc_action act, const struct mc_action_args *args,
    time_t now)
{
	const struct action_rule *rule = &rules[act];
	struct state		  st;
	struct mc_rows		  extra;
	char			  at[20];
	int			  rc = -1, vis, branch;

	memset(&st, 0, sizeof(st));
	mc_time_sql(at, now);
	if (mc_db_query(db, a, &st.row, dossier_stmts[STMT_LOCK], "s", code) <
	    0)
		goto out;
	rc = DOSSIER_NOT_FOUND;
	if (st.row.n == 0)
		goto out;
	rc = -1;
	if (state_load(db, a, &st) < 0 ||
	    mc_db_query(db, a, &extra, dossier_stmts[STMT_EXTRA], "i", st.id) <
		0)
		goto out;
	st.finished = mc_rows_str(&extra, 0, 0);
	st.returned = mc_rows_str(&extra, 0, 1);
	st.step_warn = mc_rows_str(&extra, 0, 2);
	st.clock_start = mc_rows_str(&extra, 0, 3);
	st.paused_minutes = mc_rows_int(&extra, 0, 4);
	st.apology = mc_rows_str(&extra, 0, 5);
	st.return_method = mc_rows_int(&extra, 0, 6);
	/*
	 * Another open step of a parallel branch: acted on by its own
	 * agency's officers; its being open, not the dossier's version
	 * (which the other branches move), says the page was current.
	 */
	branch = args->step > 0;
	rc = DOSSIER_BAD_INPUT;
	if (branch && act != ACTION_FORWARD && act != ACTION_ASSIGN)
		goto out;
	if (branch &&
	    (rc = dossier_pick_branch(db, a, &st, args->step)) != 0) {
		if (rc > 0 && (vis = dossier_may_see(db, a, u, &st)) <= 0)
			rc = vis < 0 ? -1 : DOSSIER_FORBIDDEN;
		goto out;
	}
	rc = DOSSIER_FORBIDDEN;
	if (!dossier_allowed_who(u, rule->who, &st)) {
		/*
		 * Someone who may see the dossier is told first that it
		 * changed since they looked, or that its state no longer
		 * allows the action (409): a colleague's move may just have
		 * taken it out of their hands (another step, another agency,
		 * refused, withdrawn). Others only learn it is not theirs.
		 */
		if ((vis = dossier_may_see(db, a, u, &st)) < 0)
			rc = -1;
		else if (vis && !branch && args->expected_version > 0 &&
		    mc_rows_int(&st.row, 0, L_VERSION) !=
			args->expected_version)
			rc = DOSSIER_CONFLICT;
		else if (vis && !(rule->from & S(st.status)))
			rc = DOSSIER_NOT_ALLOWED;
		goto out;
	}
	rc = DOSSIER_CONFLICT;
	if (!branch && args->expected_version > 0 &&
	    mc_rows_int(&st.row, 0, L_VERSION) != args->expected_version)
		goto out;
	rc = DOSSIER_NOT_ALLOWED;
	if (!(rule->from & S(st.status)))
		goto out;
	rc = DOSSIER_BAD_INPUT;
	if (rule->note && (args->note == NULL || *args->note == '\0'))
		goto out;
	/* The web's rule for a note (valid_text, 2000 bytes), the API's too. */
	if (args->note != NULL &&
	    (strlen(args->note) > NOTE_MAX ||
		!mc_text_ok(args->note, strlen(args->note), 1)))
		goto out;
	if (rule->pre != NULL && (rc = rule->pre(&st, now)) != 0)
		goto out;
	if ((rc = apply(db, a, &st, u, act, args, now)) != 0 ||
	    (rc = dossier_add_results(db, a, st.id, act, args, at, u->id)) !=
		0)
		goto out;
	rc = -1;
	if (mc_db_exec(db, dossier_stmts[STMT_UPDATE], "isssssIIIIssssisssIIi",
		(long long)st.to, at, st.received, st.due, st.finished,
		st.returned, st.workflow, (long long)st.new_step,
		(long long)st.new_agency, st.holder, st.step_due, st.step_warn,
		st.clock_start, st.paused_at, st.paused_minutes,
		st.original_due, st.apology, st.signed_at, st.return_method,
		st.stage, st.id) < 0 ||
	    mc_counters_move(db, a, st.id, now) < 0)
		goto out;
	if (dossier_add_event(db, st.id, at, u->id, rule->name, st.status,
		st.to, args->note, st.new_step, rule->internal) < 0 ||
	    (!rule->internal &&
		mc_notify_dossier_event(db, a, st.id, rule->name) < 0) ||
	    notify_officer(db, a, &st, act, args) < 0 ||
	    mc_stats_dossier(db, a, st.id) < 0)
		goto out;
	/* An officer's action is in the audit log too, last (its lock). */
	if ((u->roles & ROLES_OFFICER) &&
	    u->id != mc_rows_int(&st.row, 0, L_ACCOUNT) &&
	    mc_audit_dossier_write(db, AUDIT_DOSSIER_ACTION, u, st.id,
		st.current_agency, st.agency, rule->name, NULL) < 0)
		goto out;
	rc = 0;
out:
	return rc;
}

static int
act_tx(struct mc_db *db, void *arg)
{
	struct change *c = arg;

	return dossier_act_in(db, c->a, c->u, c->code, c->act, c->args,
	    c->now);
}

int
mc_dossier_act(struct mc_db *db, struct mc_arena *a, const struct mc_user *u,
    const char *code, enum mc_action act, const struct mc_action_args *args,
    time_t now)
{
	struct change c = { .a = a,
		.u = u,
		.code = code,
		.act = act,
		.args = args,
		.now = now };

	return mc_db_tx(db, act_tx, &c);
}

int
mc_dossier_allowed(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_dossier *d, time_t now,
    unsigned int *bits)
{
	struct state   st;
	struct mc_rows step;
	int	       i;

	*bits = 0;
	if (u == NULL) /* a visitor does nothing */
		return 0;
	memset(&st, 0, sizeof(st));
	st.id = d->id;
	st.status = d->status;
	st.agency = d->agency_id;
	st.current_agency = d->current_agency_id;
	st.step = d->step;
	st.due = d->due_at;
	st.original_due = d->original_due_at;
	st.holder = d->holder_id;
	st.step_role = -1;
	if (st.step > 0 &&
	    (st.step_role = dossier_load_step(db, a, &st, st.step, &step)) < 0)
		return -1;
	st.branch = st.step > 0 && step.n > 0 &&
	    mc_rows_int(&step, 0, 6) == 1 && mc_rows_int(&step, 0, 7) == 1;
	for (i = 0; i < ACTION__MAX; i++) {
		if (!(rules[i].from & S(st.status)))
			continue;
		if (!((rules[i].who & WHO_APPLICANT) &&
			d->account_id == u->id && d->account_id != 0) &&
		    !dossier_allowed_who(u, rules[i].who & ~WHO_APPLICANT,
			&st))
			continue;
		if (rules[i].pre != NULL && rules[i].pre(&st, now) != 0)
			continue;
		*bits |= 1u << i;
	}
	return 0;
}
