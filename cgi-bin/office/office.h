/*
 * The modules of the office program (the one-stop back office), each in a
 * file of its own, and what they share.
 */
#ifndef OFFICE_H
#define OFFICE_H

#include "mc_app.h"
#include "mc_audit.h"

struct mc_db;
struct mc_dossier;
struct mc_procedure;

/* counter.c: filing a walk-in applicant's paper dossier at the counter. */
extern const struct mc_module office_counter;

/* forms.c: forms 01-05 of a dossier as PDF. */
extern const struct mc_module office_forms;

/* leader.c: a leader's overview with overdue and due-soon dossiers. */
extern const struct mc_module office_leader;

/*
 * reports.c: the statistics, the tracking book (form 06), the late list
 * with apologies, the officers' workload, and their exports.
 */
extern const struct mc_module office_reports;

/* dashboard.c: the leaders' dashboard and an officer's own. */
extern const struct mc_module office_dashboard;

/* index766.c: Decision 766's national index per agency and period. */
extern const struct mc_module office_index766;

struct mc_export_table;

/* A report's period and agency as the statistics read them (reports.c). */
struct office_report {
	char	     from[11], to[11]; /* "YYYY-MM-DD" */
	unsigned int agency;	       /* within the reader's scope */
	const char  *scope, *period;   /* as the page and the exports say */
};

/*
 * reports.c: reads from, to and agency as the statistics page does (the
 * calling module's fields 0-6 are from, to, agency, procedure, field,
 * channel, by, as reports.c's), the agency within the scope of a reader
 * holding one of the roles (bits) there or above; sets Form.* and
 * Data.MyAgencies, Data.Scope, Data.Period. 0, or an HTTP status (422
 * with the form's errors, 403 out of scope, 503).
 */
int office_report_query(struct mc_request *, unsigned int roles,
    struct office_report *);

/*
 * reports.c: sends body's title, columns and cells with the heading of
 * rep (scope, period, the day) in the format of the address's last part
 * (send_export: audited); 200, 404 (no such format) or 503.
 */
int office_report_export(struct mc_request *, const struct office_report *,
    const struct mc_export_table *body, const char *name);

/*
 * reports.c: the unit view a report is asked for (the word of its field
 * `units`: "time", else today's units, mc_units_view): sets Form.units
 * and Data.Units (the sentence that says it, both languages); returns
 * MC_UNITS_TODAY or MC_UNITS_TIME, *said the sentence (may be NULL).
 */
int office_units_view(struct mc_request *, const char *word,
    const char **said);

/*
 * accounts.c: re-authentication before a sensitive action (a role given or
 * withdrawn, an account disabled, a second factor reset, a workflow
 * published, the working calendar changed): 1 when the session typed its password lately
 * (reauth_minutes) or types it now, right, in the module's field "reauth"
 * (and, for an account with an authenticator, its current code in the
 * field "reauth_code": mc_admin_reauth_check); else the status of the page
 * rendered that asks for them, carrying the action's posted fields back to
 * r->path (200, 422 wrong password or code, 429 too many wrong ones, 503).
 */
int office_reauth(struct mc_request *);

/* exports.c: "my exports", the registers' files built in the background. */
extern const struct mc_module office_exports;

/*
 * exports.c: the build of an export job this process runs (office -x),
 * NULL while serving requests: the export handler then writes its file
 * to path as its rows come, calling office_export_beat after each batch.
 */
struct office_export_build {
	long long   id;
	const char *holder; /* the claim (export_jobs.claimed_by) */
	const char *path;   /* the file being written */
	long long   rows;   /* rows written */
	int	    lost;   /* the claim went to another builder */
};
extern struct office_export_build *office_export_building;

/*
 * exports.c: queues the export at the request's address (path and query)
 * as a job of the user for agency, named name.format, in the audit log;
 * answers a redirect to "my exports" (303), 400 or 503.
 */
int office_export_queue(struct mc_request *, unsigned int agency,
    const char *name, const char *format);

/*
 * exports.c: while building (office_export_building), rows written so
 * far, renewing the build's lease: 1 go on, 0 the job is another's now
 * (stop), -1 error. 1 when not building.
 */
int office_export_beat(struct mc_db *, long long rows);

/*
 * exports.c: `office -x JOB -h HOLDER [-c config]`: builds the export job
 * claimed by HOLDER (bin/worker) through app's handler of its address as
 * the account that asked; the exit code (non-zero: try again).
 */
int office_export_build(const struct mc_app *app, int argc, char **argv);

/* workflow.c: administrators define each procedure's workflow. */
extern const struct mc_module office_workflow;

/* notifications.c: an officer's notifications, marking them read. */
extern const struct mc_module office_notifications;

/* calendar.c: administrators see and edit the working-time calendar. */
extern const struct mc_module office_calendar;

/* procedures.c: an agency's admins edit its procedures as new versions. */
extern const struct mc_module office_procedures;

/* routing.c: administrators move a step nobody can take. */
extern const struct mc_module office_routing;

/* eval_form.c: the evaluation manager's questionnaire versions. */
extern const struct mc_module office_eval_form;

/* webmaster.c: FAQs, news, service levels and rebuilding the public site. */
extern const struct mc_module office_webmaster;

/* synonyms.c: webmasters keep the search's synonyms. */
extern const struct mc_module office_synonyms;

/* eval.c: rating devices, the counter's invitation, officers' cards. */
extern const struct mc_module office_eval;

/* accounts.c: administrators find an account, reset its second factor. */
extern const struct mc_module office_accounts;

/* eform.c: a dossier's declaration PDF; the admins' form designer. */
extern const struct mc_module office_eform;

/*
 * eform.c: the dossier's document checklist as Data.Checklist (editable
 * when the officer may tick it now), its missing and invalid documents as
 * the supplement request's items (Data.Checklist.Flagged, Data.ItemRows).
 * 0 or -1.
 */
int office_checklist(struct mc_request *, const struct mc_dossier *);

/*
 * Loads the dossier of r->cap[0] if the officer may see it; 1 found and
 * visible, or an HTTP status (403, 404, 503) to return.
 */
int office_dossier(struct mc_request *, struct mc_dossier *);

/* feedback.c: feedback and complaints: the agency's list, answers, stats. */
extern const struct mc_module office_feedback;

/* The feedback about dossier d as Data.DossierFeedback. 0 or -1. */
int office_feedback_dossier(struct mc_request *, const struct mc_dossier *);

struct mc_rows;

/*
 * Marks the rows of dossiers (their code in column code_col) about which
 * feedback waits for the agency's answer: <node>.N.feedback = how many.
 * 0 or -1.
 */
int office_feedback_marks(struct mc_request *, unsigned int agency,
    const struct mc_rows *dossiers, size_t code_col, const char *node);

/*
 * The agency the officer works in now (?agency= or their first) into
 * *agency: 1, 0 if none (403), -1 on a database error (503).
 */
int office_agency(struct mc_request *, const char *wanted,
    unsigned int *agency);

/* audit.c: the admins' audit page (filters, pages, the chain, CSV). */
extern const struct mc_module office_audit;

/*
 * Loads the procedure of r->cap[0] into p if the admin may edit it
 * (procedures.c): 0, or an HTTP status (403, 404, 503) to return.
 */
int office_procedure_editable(struct mc_request *, struct mc_procedure *p);

/*
 * audit.c: the officer opened the dossier, in the audit log (a small
 * transaction of its own): 0 or -1.
 */
int office_audit_view(struct mc_request *, const struct mc_dossier *);

/*
 * The officer's access of the kind ev to the dossier (what: the action's
 * name, the paper's number, or NULL) in a transaction of its own: 0 or -1.
 */
int office_audit_access(struct mc_request *, const struct mc_dossier *,
    enum mc_audit_event ev, const char *what);

/*
 * Where an administrator's page looks (mc_admin_scope_at): want is the
 * page's ?noi= (an agency id, or NULL: their first); an administrator in
 * several agencies gets Data.Places.N.{id,name} and Form.noi for the
 * picker (partials/admin_scope.cs). 1 and *agency (0: the city), 0 not an
 * administrator, -1 on error.
 */
int office_admin_scope(struct mc_request *, const char *want,
    unsigned int *agency);

/*
 * An entry by the logged-in user (an export, a setting changed: subject
 * says which; agency 0 for none) inside the transaction open now, or
 * (office_audit_log) in one of its own. 0 or -1.
 */
int office_audit_write(struct mc_request *, enum mc_audit_event,
    const char *subject, unsigned int agency);
int office_audit_log(struct mc_request *, enum mc_audit_event,
    const char *subject, unsigned int agency);

/*
 * A table a page shows, downloaded as CSV for Excel: heads are language
 * keys (the reader's headings), cells nrows lines of ncols text cells
 * (NULL empty); what says what was exported, of agency, in the audit; file
 * is the download's name.
 */
struct office_csv {
	const char *const *heads;
	size_t		   ncols;
	const char	 **cells;
	size_t		   nrows;
	const char	  *what;
	unsigned int	   agency;
	const char	  *file;
};

/*
 * Sends c as CSV (UTF-8 with a byte order mark, the shared writer
 * mc_export_csv), audited as an export: 200, or 503.
 */
int office_csv_send(struct mc_request *, const struct office_csv *c);

/*
 * Ends the transaction of a setting's change begun by the caller: rc is
 * the change's result (< 0 failed, 0 nothing changed: rolled back), else
 * the change is committed with its AUDIT_CONFIG entry (subject says which
 * setting, how). 1 committed, 0 nothing changed, -1 on error.
 */
int office_audit_commit(struct mc_request *, long long rc,
    const char *subject);

#endif
