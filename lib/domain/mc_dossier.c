/*
 * The dossier module's shared statement table and its read side: one
 * dossier loaded by code as typed fields with its lists, step names.
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
#include "mc_throttle.h"
#include "mc_util.h"

/*
 * The later end of the two throttle subjects' blocks, for the lookups: a
 * column and the two joins it reads (by the throttle's primary key). Joins,
 * not a subquery: MariaDB optimised the subquery's OR of two keys as a
 * range at every execution, which took about a third of the server's time
 * of a repeated lookup (perf, 2026-12-07; BENCHMARKS.md, issue 12).
 */
#define LOOKUP_BLOCKED_COL \
	"GREATEST(COALESCE(t1.blocked_until, '1970-01-02 00:00:00'), " \
	"COALESCE(t2.blocked_until, '1970-01-02 00:00:00')) AS blocked_until "
#define LOOKUP_BLOCKED_JOIN \
	"LEFT JOIN throttle t1 ON t1.kind = ? AND t1.subject = ? " \
	"LEFT JOIN throttle t2 ON t2.kind = ? AND t2.subject = ? "

/* clang-format off */
const char *const dossier_stmts[STMT__MAX] = {
	/*
	 * A submission's procedure and the agency named (PROC_AGENCY_CODE,
	 * in force) or its own (PROC_AGENCY_OWN): one read, enum proc_col.
	 */
	[STMT_PROC_AGENCY_CODE] = "SELECT p.id, p.agency_id, "
	    "p.level_province, p.level_commune, p.online, p.version, a.id, "
	    "a.code, a.kind FROM procedures p LEFT JOIN agencies a "
	    "ON a.code = ? AND (a.valid_to IS NULL OR a.valid_to >= CURDATE()) "
	    "WHERE p.code = ?",
	[STMT_PROC_AGENCY_OWN] = "SELECT p.id, p.agency_id, "
	    "p.level_province, p.level_commune, p.online, p.version, a.id, "
	    "a.code, a.kind FROM procedures p LEFT JOIN agencies a "
	    "ON a.id = p.agency_id WHERE p.code = ?",
	[STMT_AGENCY_PARENT] = "SELECT parent_id FROM agencies WHERE id = ?",
	[STMT_SEQ_NEXT] = "INSERT INTO dossier_code_seq (agency_id, day, last) "
	    "VALUES (?, ?, LAST_INSERT_ID(1)) "
	    "ON DUPLICATE KEY UPDATE last = LAST_INSERT_ID(last + 1)",
	[STMT_LAST_ID] = "SELECT LAST_INSERT_ID()",
	[STMT_INSERT] = "INSERT INTO dossiers (code, procedure_id, "
	    "procedure_version, agency_id, current_agency_id, account_id, "
	    "applicant_name, applicant_id_number, applicant_phone, "
	    "applicant_email, applicant_address, channel, status, form_data, "
	    "submitted_at, updated_at, on_behalf) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_EVENT] = "INSERT INTO dossier_events (dossier_id, at, actor_id, "
	    "action, from_status, to_status, note, step, internal) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_BLOB] = "INSERT IGNORE INTO attachments (sha256, size, mime, "
	    "created_at, key_id) VALUES (?, ?, ?, ?, ?)",
	[STMT_FILE] = "INSERT INTO dossier_files (dossier_id, sha256, filename, "
	    "uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?)",
	[STMT_GET] = "SELECT d.id, d.code, d.status, d.version, d.agency_id, "
	    "d.account_id, d.channel, d.applicant_name, d.applicant_id_number, "
	    "d.applicant_phone, d.applicant_email, d.applicant_address, "
	    "d.form_data, d.submitted_at, d.received_at, d.due_at, "
	    "d.finished_at, d.returned_at, p.code AS procedure_code, "
	    "p.name AS procedure_name, a.code AS agency_code, "
	    "a.name AS agency_name, d.current_step, d.current_agency_id, "
	    "ca.name AS current_agency_name, d.holder_id, "
	    "h.full_name AS holder_name, d.step_due_at, d.step_warn_at, "
	    "d.paused_at, d.paused_minutes, d.original_due_at, "
	    "d.apology_reason, d.signed_at, d.return_method, d.procedure_id, "
	    "d.clock_start_at, f.name AS field_name, "
	    "p.time_hours AS legal_hours, p.time_days AS legal_days, "
	    "d.on_behalf, fa.full_name AS filer_name, "
	    "(d.on_behalf = 0 AND ((fa.id_verified = 1 AND "
	    "fa.id_number = d.applicant_id_number) OR (fa.tax_verified = 1 "
	    "AND fa.tax_code = d.applicant_id_number))) "
	    "AS applicant_id_verified, "
	    /* An organisation's tax code, not a person's ID number. */
	    "((fa.kind = 'org' AND fa.tax_code = d.applicant_id_number) "
	    "OR d.applicant_id_number REGEXP '^[0-9]{10}(-[0-9]{3})?$') "
	    "AS applicant_org "
	    "FROM dossiers d "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "JOIN fields f ON f.id = p.field_id "
	    "JOIN agencies a ON a.id = d.agency_id "
	    "LEFT JOIN agencies ca ON ca.id = d.current_agency_id "
	    "LEFT JOIN accounts fa ON fa.id = d.account_id "
	    "LEFT JOIN accounts h ON h.id = d.holder_id WHERE d.code = ?",
	[STMT_EVENTS] = "SELECT DATE_FORMAT(e.at, '%Y-%m-%d %H:%i:%s') AS at, "
	    "e.action, e.from_status, e.to_status, e.note, e.step, e.internal, "
	    "acc.full_name AS actor FROM dossier_events e "
	    "LEFT JOIN accounts acc ON acc.id = e.actor_id "
	    "WHERE e.dossier_id = ? ORDER BY e.id",
	[STMT_FILES] = "SELECT f.id, f.sha256, f.filename, b.mime, b.size, "
	    "f.uploaded_at FROM dossier_files f "
	    "JOIN attachments b ON b.sha256 = f.sha256 "
	    "WHERE f.dossier_id = ? ORDER BY f.id",
	[STMT_STEPS] = "SELECT s.seq, s.name, s.role, s.agency_id, "
	    "a.name AS agency_name, s.minutes, s.started_at, s.due_at, "
	    "s.finished_at, s.outcome, g.full_name AS given_by, "
	    "t.full_name AS taken_by, s.skipped, s.branch, "
	    "h.full_name AS holder_name FROM dossier_steps s "
	    "JOIN agencies a ON a.id = s.agency_id "
	    "LEFT JOIN accounts g ON g.id = s.given_by "
	    "LEFT JOIN accounts t ON t.id = s.taken_by "
	    "LEFT JOIN accounts h ON h.id = s.holder_id "
	    "WHERE s.dossier_id = ? ORDER BY s.seq",
	[STMT_SUPPLEMENTS] = "SELECT id, stage, requested_at, items, note, "
	    "answered_at, cause FROM supplement_requests WHERE dossier_id = ? "
	    "ORDER BY id",
	[STMT_MINE] = "SELECT d.code, d.status, d.submitted_at, d.due_at, "
	    "p.name AS procedure_name, a.name AS agency_name, "
	    "a.code AS agency_code, d.applicant_name, d.applicant_id_number "
	    "FROM dossiers d "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "JOIN agencies a ON a.id = d.agency_id "
	    "WHERE d.account_id = ? ORDER BY d.submitted_at DESC, d.id DESC "
	    "LIMIT ?",
#define INBOX_SELECT "SELECT d.code, d.status, d.version, d.submitted_at, " \
	"d.due_at, d.step_due_at, d.step_warn_at, d.applicant_name, " \
	"d.applicant_id_number, p.name AS procedure_name, " \
	"h.full_name AS holder_name, d.current_step, d.id FROM dossiers d " \
	"JOIN procedures p ON p.id = d.procedure_id " \
	"LEFT JOIN accounts h ON h.id = d.holder_id "
#define INBOX_FILTERS "AND (? = 0 OR d.holder_id = ?) " \
	"AND (? = 0 OR d.procedure_id = ?) AND (? = 0 OR p.field_id = ?) " \
	"AND (? IS NULL OR (d.step_due_at < ? AND d.status <> 5)) "
/*
 * Keyset paging (issue 12): the rows after (step due, id) of the last row
 * shown, or before the first one, in the list's order, where a dossier
 * without a step due time comes first (NULL sorts first). Arguments: on
 * (0: from the start), due (NULL: none), due, id, due.
 */
#define INBOX_AFTER "AND (? = 0 OR d.step_due_at > ? OR " \
	"(d.step_due_at <=> ? AND d.id > ?) OR " \
	"(? IS NULL AND d.step_due_at IS NOT NULL)) "
#define INBOX_BEFORE "AND (? = 0 OR d.step_due_at < ? OR " \
	"(d.step_due_at <=> ? AND d.id < ?) OR " \
	"(? IS NOT NULL AND d.step_due_at IS NULL)) "
#define INBOX_ORDER INBOX_AFTER "ORDER BY d.step_due_at, d.id " \
	"LIMIT ? OFFSET ?"
#define INBOX_BACK INBOX_BEFORE "ORDER BY d.step_due_at DESC, d.id DESC " \
	"LIMIT ? OFFSET ?"
#define INBOX_WHERE "WHERE d.current_agency_id = ? AND d.is_open = 1 " \
	INBOX_FILTERS
#define INBOX_WHERE_STATUS "WHERE d.current_agency_id = ? " \
	"AND d.status = ? " INBOX_FILTERS
/* A dossier code or an ID number, exactly. */
#define INBOX_WHERE_KEY "WHERE (d.code = ? OR d.applicant_id_number = ?) " \
	"AND d.current_agency_id = ? " INBOX_FILTERS
/* The start of the applicant's name, diacritics or not. */
#define INBOX_WHERE_NAME "WHERE d.current_agency_id = ? " \
	"AND d.applicant_name LIKE CONCAT(?, '%') " INBOX_FILTERS
	/* Every open status, in the order of the dossiers_open index. */
	[STMT_INBOX] = INBOX_SELECT INBOX_WHERE INBOX_ORDER,
	[STMT_INBOX_STATUS] = INBOX_SELECT INBOX_WHERE_STATUS INBOX_ORDER,
	[STMT_INBOX_KEY] = INBOX_SELECT INBOX_WHERE_KEY INBOX_ORDER,
	[STMT_INBOX_NAME] = INBOX_SELECT INBOX_WHERE_NAME INBOX_ORDER,
	[STMT_INBOX_BACK] = INBOX_SELECT INBOX_WHERE INBOX_BACK,
	[STMT_INBOX_STATUS_BACK] = INBOX_SELECT INBOX_WHERE_STATUS INBOX_BACK,
	[STMT_INBOX_KEY_BACK] = INBOX_SELECT INBOX_WHERE_KEY INBOX_BACK,
	[STMT_INBOX_NAME_BACK] = INBOX_SELECT INBOX_WHERE_NAME INBOX_BACK,
	[STMT_LOCK] = "SELECT id, status, version, agency_id, procedure_id, "
	    "workflow_id, current_step, current_agency_id, holder_id, due_at, "
	    "step_due_at, paused_at, original_due_at, account_id, "
	    "stage_before_pause, received_at, signed_at "
	    "FROM dossiers WHERE code = ? FOR UPDATE",
	[STMT_WORKFLOW_OF] = "SELECT id FROM workflows "
	    "WHERE procedure_id = ? OR procedure_id IS NULL "
	    "ORDER BY procedure_id IS NULL, version DESC LIMIT 1",
	[STMT_WORKFLOW_STEPS] = "SELECT w.seq, w.name, w.role, w.agency_id, "
	    "w.minutes, w.share, a.name AS agency_name FROM workflow_steps w "
	    "LEFT JOIN agencies a ON a.id = w.agency_id "
	    "WHERE w.workflow_id = ? ORDER BY w.seq",
	[STMT_WORKFLOW_BPMN] = "SELECT w.bpmn FROM dossiers d "
	    "JOIN workflows w ON w.id = d.workflow_id WHERE d.id = ?",
	[STMT_STEP_NEW] = "INSERT INTO dossier_steps (dossier_id, seq, name, "
	    "role, agency_id, minutes) VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_STEP_START] = "UPDATE dossier_steps SET started_at = ?, "
	    "due_at = ?, finished_at = NULL, outcome = NULL, given_by = ?, "
	    "taken_by = NULL, holder_id = NULL "
	    "WHERE dossier_id = ? AND seq = ?",
	/* An open parallel step given to an officer. */
	[STMT_STEP_HOLD] = "UPDATE dossier_steps SET holder_id = ? "
	    "WHERE dossier_id = ? AND seq = ?",
	[STMT_STEP_FINISH] = "UPDATE dossier_steps SET finished_at = ?, "
	    "outcome = ?, taken_by = COALESCE(taken_by, ?) "
	    "WHERE dossier_id = ? AND seq = ?",
	[STMT_STEP_GET] = "SELECT seq, role, agency_id, minutes, due_at, "
	    "(SELECT MAX(seq) FROM dossier_steps WHERE dossier_id = ?) AS last, "
	    "branch, started_at IS NOT NULL AND finished_at IS NULL "
	    "AND skipped = 0 AS open, "
	    "(SELECT MIN(seq) FROM dossier_steps WHERE dossier_id = ? "
	    "AND skipped = 0) AS first "
	    "FROM dossier_steps WHERE dossier_id = ? AND seq = ?",
	[STMT_STEP_AGENCIES] = "SELECT DISTINCT agency_id FROM dossier_steps "
	    "WHERE dossier_id = ?",
	/* The current step's due, and every open parallel step's. */
	[STMT_STEPS_SHIFT] = "UPDATE dossier_steps SET due_at = "
	    "due_at + INTERVAL ? SECOND WHERE dossier_id = ? AND (seq = ? OR "
	    "(branch = 1 AND started_at IS NOT NULL AND finished_at IS NULL))",
	/*
	 * The open steps of parallel branches, locked: a join sees the
	 * branches other transactions finished (not a snapshot's view).
	 */
	[STMT_BRANCHES_OPEN] = "SELECT seq, agency_id, due_at, minutes, "
	    "started_at, role FROM dossier_steps WHERE dossier_id = ? "
	    "AND branch = 1 AND started_at IS NOT NULL AND finished_at IS NULL "
	    "AND skipped = 0 ORDER BY seq FOR UPDATE",
	[STMT_BRANCHES_SEE] = "SELECT seq, agency_id, due_at, minutes, "
	    "started_at, role FROM dossier_steps WHERE dossier_id = ? "
	    "AND branch = 1 AND started_at IS NOT NULL AND finished_at IS NULL "
	    "AND skipped = 0 ORDER BY seq",
	[STMT_STEP_BRANCH] = "UPDATE dossier_steps SET branch = 1 "
	    "WHERE dossier_id = ? AND seq = ?",
	/* The open parallel steps at an agency, for its officers' inbox. */
	[STMT_BRANCH_INBOX] = "SELECT d.code, d.version, s.seq, s.name, "
	    "s.role, s.due_at, d.applicant_name, p.name AS procedure_name, "
	    "d.due_at AS dossier_due FROM dossier_steps s "
	    "JOIN dossiers d ON d.id = s.dossier_id "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "WHERE s.branch = 1 AND s.agency_id = ? AND s.finished_at IS NULL "
	    "AND s.started_at IS NOT NULL AND s.skipped = 0 AND d.status = 4 "
	    "ORDER BY s.due_at, s.dossier_id, s.seq LIMIT ?",
	[STMT_UPDATE] = "UPDATE dossiers SET status = ?, version = version + 1, "
	    "updated_at = ?, received_at = ?, due_at = ?, finished_at = ?, "
	    "returned_at = ?, workflow_id = ?, current_step = ?, "
	    "current_agency_id = ?, holder_id = ?, step_due_at = ?, "
	    "step_warn_at = ?, clock_start_at = ?, paused_at = ?, "
	    "paused_minutes = ?, original_due_at = ?, apology_reason = ?, "
	    "signed_at = ?, return_method = ?, stage_before_pause = ? "
	    "WHERE id = ?",
	[STMT_DOC_NEW] = "INSERT INTO dossier_documents (dossier_id, seq, "
	    "name, originals, copies) VALUES (?, ?, ?, ?, ?)",
	[STMT_SUPP_NEW] = "INSERT INTO supplement_requests (dossier_id, stage, "
	    "cause, requested_at, requested_by, items, note) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
	[STMT_SUPP_ANSWER] = "UPDATE supplement_requests SET answered_at = ? "
	    "WHERE dossier_id = ? AND answered_at IS NULL",
	[STMT_HOLDER_OK] = "SELECT 1 FROM account_roles "
	    "WHERE account_id = ? AND agency_id = ? AND role = ?",
	[STMT_LEGAL_TIME] = "SELECT time_hours, time_days, cutoff_minutes "
	    "FROM procedures WHERE id = ?",
	/* The columns of STMT_UPDATE that STMT_LOCK does not hold. */
	[STMT_EXTRA] = "SELECT finished_at, returned_at, step_warn_at, "
	    "clock_start_at, paused_minutes, apology_reason, return_method "
	    "FROM dossiers WHERE id = ?",
	[STMT_RESULT] = "INSERT INTO dossier_results (dossier_id, sha256, "
	    "filename, action, uploaded_at, uploaded_by) "
	    "VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_RESULTS] = "SELECT r.id, r.sha256, r.filename, b.mime, b.size, "
	    "r.uploaded_at FROM dossier_results r "
	    "JOIN attachments b ON b.sha256 = r.sha256 "
	    "WHERE r.dossier_id = ? ORDER BY r.id",
	[STMT_RESULT_COUNT] = "SELECT COUNT(*) FROM dossier_results "
	    "WHERE dossier_id = ?",
	/*
	 * The public lookup (mc_dossier_lookup) in one round trip: STMT_GET's
	 * columns, NULL where the public view shows nothing (the applicant's
	 * name and contacts, answers, holder, field: so without their joins),
	 * then the later end of the two throttle subjects' blocks.
	 */
	/* Events the applicant may see, without notes and actors. */
	[STMT_EVENTS_PUBLIC] = "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s') "
	    "AS at, action, from_status, to_status, NULL AS note, step, "
	    "internal, NULL AS actor FROM dossier_events "
	    "WHERE dossier_id = ? AND internal = 0 ORDER BY id",
	/* Steps without who gave and took them. */
	[STMT_STEPS_PUBLIC] = "SELECT s.seq, s.name, s.role, s.agency_id, "
	    "a.name AS agency_name, s.minutes, s.started_at, s.due_at, "
	    "s.finished_at, s.outcome, NULL AS given_by, NULL AS taken_by, "
	    "s.skipped, s.branch, NULL AS holder_name FROM dossier_steps s "
	    "JOIN agencies a ON a.id = s.agency_id "
	    "WHERE s.dossier_id = ? ORDER BY s.seq",
	/* Where a step leads (exclusive gateways), in the order tried. */
	[STMT_ROUTES] = "SELECT to_seq, cond, kind FROM workflow_routes "
	    "WHERE workflow_id = ? AND from_seq = ? ORDER BY ord",
	[STMT_FORM_DATA] = "SELECT form_data FROM dossiers WHERE id = ?",
	/*
	 * The steps after the one done: skipped unless the step gone to
	 * leads to them (a bit a step, 1 << (seq - 1), in the mask).
	 */
	[STMT_STEPS_SKIP] = "UPDATE dossier_steps SET skipped = "
	    "((? >> (seq - 1)) & 1) = 0 WHERE dossier_id = ? AND seq > ?",
	/* Within the steps given (a bit a step), those skipped marked. */
	[STMT_STEPS_SKIP_IN] = "UPDATE dossier_steps SET skipped = "
	    "(? >> (seq - 1)) & 1 WHERE dossier_id = ? "
	    "AND ((? >> (seq - 1)) & 1) = 1",
	[STMT_ROUTES_ALL] = "SELECT from_seq, to_seq FROM workflow_routes "
	    "WHERE workflow_id = ?",
	[STMT_STEP_BACK] = "SELECT MAX(seq) FROM dossier_steps "
	    "WHERE dossier_id = ? AND seq < ? AND skipped = 0",
	/* The outcomes an officer chooses from at a dossier's step. */
	[STMT_DECISIONS] = "SELECT r.cond, r.label FROM workflow_routes r "
	    "JOIN dossiers d ON d.workflow_id = r.workflow_id "
	    "WHERE d.id = ? AND r.from_seq = ? ORDER BY r.ord",
	[STMT_LOOKUP] = "SELECT d.id, d.code, d.status, d.version, "
	    "d.agency_id, NULL AS account_id, d.channel, NULL, "
	    "d.applicant_id_number, NULL, NULL, NULL, NULL AS form_data, "
	    "d.submitted_at, d.received_at, d.due_at, d.finished_at, "
	    "d.returned_at, p.code AS procedure_code, "
	    "p.name AS procedure_name, a.code AS agency_code, "
	    "a.name AS agency_name, d.current_step, d.current_agency_id, "
	    "ca.name AS current_agency_name, NULL, NULL, d.step_due_at, "
	    "d.step_warn_at, d.paused_at, d.paused_minutes, d.original_due_at, "
	    "NULL, NULL, NULL, d.procedure_id, d.clock_start_at, NULL, "
	    "NULL, NULL, 0, NULL, 0, "
	    "d.applicant_id_number REGEXP '^[0-9]{10}(-[0-9]{3})?$', "
	    LOOKUP_BLOCKED_COL
	    "FROM dossiers d JOIN procedures p ON p.id = d.procedure_id "
	    "JOIN agencies a ON a.id = d.agency_id "
	    "LEFT JOIN agencies ca ON ca.id = d.current_agency_id "
	    LOOKUP_BLOCKED_JOIN
	    "WHERE d.code = ?",
	/* mc_dossier_lookup_check: what a repeated lookup needs. */
	[STMT_LOOKUP_CHECK] = "SELECT d.version, d.applicant_id_number, "
	    LOOKUP_BLOCKED_COL
	    "FROM dossiers d " LOOKUP_BLOCKED_JOIN "WHERE d.code = ?",
};
/* clang-format on */

/* 1 if rows have n columns, as their enum says; else logs it, 0. */
int
dossier_shape(const char *what, const struct mc_rows *rows, size_t n)
{
	if (rows->ncols == n)
		return 1;
	mc_err("%s: %zu columns, not %zu", what, rows->ncols, n);
	return 0;
}

/* The row's columns into the dossier's typed fields. */
static void
dossier_fields(struct mc_dossier *d)
{
	const struct mc_rows *r = &d->row;

	d->id = mc_rows_int(r, 0, DCOL_ID);
	d->code = mc_rows_str(r, 0, DCOL_CODE);
	d->status = (int)mc_rows_int(r, 0, DCOL_STATUS);
	d->version = mc_rows_int(r, 0, DCOL_VERSION);
	d->agency_id = (unsigned int)mc_rows_int(r, 0, DCOL_AGENCY);
	d->account_id = mc_rows_int(r, 0, DCOL_ACCOUNT);
	d->channel = (int)mc_rows_int(r, 0, DCOL_CHANNEL);
	d->name = mc_rows_str(r, 0, DCOL_NAME);
	d->id_number = mc_rows_str(r, 0, DCOL_ID_NUMBER);
	d->phone = mc_rows_str(r, 0, DCOL_PHONE);
	d->email = mc_rows_str(r, 0, DCOL_EMAIL);
	d->address = mc_rows_str(r, 0, DCOL_ADDRESS);
	d->form_json = mc_rows_str(r, 0, DCOL_FORM);
	d->submitted_at = mc_rows_str(r, 0, DCOL_SUBMITTED);
	d->received_at = mc_rows_str(r, 0, DCOL_RECEIVED);
	d->due_at = mc_rows_str(r, 0, DCOL_DUE);
	d->finished_at = mc_rows_str(r, 0, DCOL_FINISHED);
	d->returned_at = mc_rows_str(r, 0, DCOL_RETURNED);
	d->procedure_code = mc_rows_str(r, 0, DCOL_PCODE);
	d->procedure_name = mc_rows_str(r, 0, DCOL_PNAME);
	d->agency_code = mc_rows_str(r, 0, DCOL_ACODE);
	d->agency_name = mc_rows_str(r, 0, DCOL_ANAME);
	d->step = (int)mc_rows_int(r, 0, DCOL_STEP);
	d->current_agency_id = (unsigned int)mc_rows_int(r, 0, DCOL_CAGENCY);
	d->current_agency_name = mc_rows_str(r, 0, DCOL_CANAME);
	d->holder_id = mc_rows_int(r, 0, DCOL_HOLDER);
	d->holder_name = mc_rows_str(r, 0, DCOL_HOLDER_NAME);
	d->step_due_at = mc_rows_str(r, 0, DCOL_STEP_DUE);
	d->step_warn_at = mc_rows_str(r, 0, DCOL_STEP_WARN);
	d->paused_at = mc_rows_str(r, 0, DCOL_PAUSED);
	d->paused_minutes = mc_rows_int(r, 0, DCOL_PAUSED_MIN);
	d->original_due_at = mc_rows_str(r, 0, DCOL_ORIGINAL_DUE);
	d->apology_reason = mc_rows_str(r, 0, DCOL_APOLOGY);
	d->signed_at = mc_rows_str(r, 0, DCOL_SIGNED);
	d->return_method = (int)mc_rows_int(r, 0, DCOL_RETURN_METHOD);
	d->procedure_id = mc_rows_int(r, 0, DCOL_PROCEDURE);
	d->clock_start_at = mc_rows_str(r, 0, DCOL_CLOCK_START);
	d->field_name = mc_rows_str(r, 0, DCOL_FIELD);
	d->legal_hours = mc_rows_str(r, 0, DCOL_LEGAL_HOURS);
	d->legal_days = mc_rows_str(r, 0, DCOL_LEGAL_DAYS);
	d->on_behalf = (int)mc_rows_int(r, 0, DCOL_ON_BEHALF);
	d->applicant_org = (int)mc_rows_int(r, 0, DCOL_APPLICANT_ORG);
}

int
mc_dossier_load(struct mc_db *db, struct mc_arena *a, const char *code,
    struct mc_dossier *d)
{
	memset(d, 0, sizeof(*d));
	if (mc_db_query(db, a, &d->row, dossier_stmts[STMT_GET], "s", code) <
	    0)
		return -1;
	if (!dossier_shape("dossier row", &d->row, DCOL__MAX))
		return -1;
	if (d->row.n == 0)
		return 0;
	dossier_fields(d);
	if (mc_db_query(db, a, &d->events, dossier_stmts[STMT_EVENTS], "i",
		d->id) < 0 ||
	    mc_db_query(db, a, &d->files, dossier_stmts[STMT_FILES], "i",
		d->id) < 0 ||
	    mc_db_query(db, a, &d->steps, dossier_stmts[STMT_STEPS], "i",
		d->id) < 0 ||
	    mc_db_query(db, a, &d->supplements,
		dossier_stmts[STMT_SUPPLEMENTS], "i", d->id) < 0 ||
	    mc_db_query(db, a, &d->results, dossier_stmts[STMT_RESULTS], "i",
		d->id) < 0)
		return -1;
	if (!dossier_shape("dossier events", &d->events, DEV__MAX) ||
	    !dossier_shape("dossier files", &d->files, DFILE__MAX) ||
	    !dossier_shape("dossier steps", &d->steps, DSTEP__MAX) ||
	    !dossier_shape("dossier supplements", &d->supplements,
		DSUPP__MAX) ||
	    !dossier_shape("dossier results", &d->results, DFILE__MAX))
		return -1;
	return 1;
}

int
mc_dossier_lookup(struct mc_db *db, struct mc_arena *a, const char *code,
    const char *id_number, const char *address, time_t now, long *wait,
    struct mc_dossier *d)
{
	unsigned char h1[32], h2[32];
	time_t	      until;

	memset(d, 0, sizeof(*d));
	*wait = 0;
	mc_throttle_subject(THROTTLE_LOOKUP, code, h1);
	mc_throttle_subject(THROTTLE_LOOKUP_ADDR, address, h2);
	if (mc_db_query(db, a, &d->row, dossier_stmts[STMT_LOOKUP], "sbsbs",
		mc_throttle_kind_name(THROTTLE_LOOKUP), (char *)h1, sizeof(h1),
		mc_throttle_kind_name(THROTTLE_LOOKUP_ADDR), (char *)h2,
		sizeof(h2), code) < 0)
		return -1;
	if (!dossier_shape("dossier lookup", &d->row, DCOL__MAX + 1))
		return -1;
	if (d->row.n == 0) {
		/* An unknown code (rare: a typo or a guess): the block alone. */
		*wait = mc_throttle_lookup_wait(db, a, code, address, now);
		return *wait < 0 ? -1 : 0;
	}
	until = mc_time_parse(mc_rows_str(&d->row, 0, DCOL__MAX));
	if (until > now) {
		*wait = (long)(until - now);
		return 0;
	}
	dossier_fields(d);
	if (d->id_number == NULL || id_number == NULL ||
	    strcmp(d->id_number, id_number) != 0)
		return 0;
	if (mc_db_query(db, a, &d->steps, dossier_stmts[STMT_STEPS_PUBLIC],
		"i", d->id) < 0 ||
	    mc_db_query(db, a, &d->events, dossier_stmts[STMT_EVENTS_PUBLIC],
		"i", d->id) < 0)
		return -1;
	if (!dossier_shape("public dossier steps", &d->steps, DSTEP__MAX) ||
	    !dossier_shape("public dossier events", &d->events, DEV__MAX))
		return -1;
	return 1;
}

int
mc_dossier_lookup_check(struct mc_db *db, struct mc_arena *a, const char *code,
    const char *id_number, const char *address, time_t now, long *wait,
    long long *version)
{
	struct mc_rows row;
	unsigned char  h1[32], h2[32];
	const char    *idn;
	time_t	       until;

	*wait = 0;
	*version = 0;
	mc_throttle_subject(THROTTLE_LOOKUP, code, h1);
	mc_throttle_subject(THROTTLE_LOOKUP_ADDR, address, h2);
	if (mc_db_query(db, a, &row, dossier_stmts[STMT_LOOKUP_CHECK], "sbsbs",
		mc_throttle_kind_name(THROTTLE_LOOKUP), (char *)h1, sizeof(h1),
		mc_throttle_kind_name(THROTTLE_LOOKUP_ADDR), (char *)h2,
		sizeof(h2), code) < 0)
		return -1;
	if (!dossier_shape("dossier lookup check", &row, 3))
		return -1;
	if (row.n == 0) {
		*wait = mc_throttle_lookup_wait(db, a, code, address, now);
		return *wait < 0 ? -1 : 0;
	}
	until = mc_time_parse(mc_rows_str(&row, 0, 2));
	if (until > now) {
		*wait = (long)(until - now);
		return 0;
	}
	idn = mc_rows_str(&row, 0, 1);
	if (idn == NULL || id_number == NULL || strcmp(idn, id_number) != 0)
		return 0;
	*version = mc_rows_int(&row, 0, 0);
	return 1;
}

/* The default workflow's step names (db/migrations/0005) and their keys. */
static const struct {
	const char *name;
	const char *key;
} default_steps[] = {
	{ "Tiếp nhận hồ sơ", "receive" },
	{ "Thẩm định, xử lý hồ sơ", "review" },
	{ "Phê duyệt kết quả", "approve" },
	{ "Trả kết quả", "return" },
};

const char *
mc_dossier_step_key(const char *name)
{
	size_t i;

	for (i = 0; name != NULL &&
	     i < sizeof(default_steps) / sizeof(default_steps[0]);
	     i++)
		if (strcmp(name, default_steps[i].name) == 0)
			return default_steps[i].key;
	return NULL;
}
