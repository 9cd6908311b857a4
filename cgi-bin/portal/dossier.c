/*
 * A citizen's dossier: its status, current step and handling unit, due
 * date, working time used, history, the supplements asked for (with an
 * upload form), withdrawal, and the attachments.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mc_app.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_dossier_page.h"
#include "mc_eform.h"
#include "mc_eform_page.h"
#include "mc_files.h"
#include "mc_papers.h"
#include "mc_throttle.h"
#include "mc_util.h"
#include "mc_view.h"

#include "portal.h"

#define MAX_UPLOADS  3
#define MAX_ACCESSES 50 /* officers' accesses listed */

enum field {
	FIELD_CSRF,
	FIELD_MA,
	FIELD_ID_NUMBER,
	FIELD_NOTE,
	FIELD_FILE1,
	FIELD_FILE2,
	FIELD_FILE3,
	FIELD__MAX
};

/* clang-format off */
static const struct mc_field fields[FIELD__MAX] = {
	[FIELD_CSRF] = { "csrf", valid_token, 64, 0 },
	[FIELD_MA] = { "ma", valid_code, 48, 0 },
	[FIELD_ID_NUMBER] = { "id_number", portal_valid_applicant_id, 14, 0 },
	[FIELD_NOTE] = { "note", valid_text, 2000, 0 },
	[FIELD_FILE1] = { "file1", valid_file, 10 << 20, 1 },
	[FIELD_FILE2] = { "file2", valid_file, 10 << 20, 1 },
	[FIELD_FILE3] = { "file3", valid_file, 10 << 20, 1 },
};
/* clang-format on */

/* Loads the dossier of r->cap[0] for its applicant (or an officer). */
static int
load(struct mc_request *r, struct mc_dossier *d)
{
	int rc;

	if ((rc = mc_dossier_load(r->db, r->arena, r->cap[0], d)) < 0)
		return 503;
	if (rc == 0)
		return 404;
	if ((rc = mc_dossier_visible(r->db, r->arena, r->user, d)) < 0)
		return 503;
	return rc ? 0 : 403;
}

/*
 * "Who opened my dossier": for its applicant, the officers' accesses from
 * the audit log (unit, role, time; never who) as Data.Accesses. 0 or -1.
 */
static int
accesses(struct mc_request *r, const struct mc_dossier *d)
{
	struct mc_rows rows;

	if (d->account_id != r->user->id)
		return 0;
	if (mc_audit_dossier(r->db, r->arena, d->id, MAX_ACCESSES, &rows) < 0)
		return -1;
	mc_view_set(r->hdf, "Data.ShowAccesses", "1");
	mc_view_rows(r->hdf, "Data.Accesses", &rows);
	return 0;
}

static int
show(struct mc_request *r, struct mc_dossier *d, int status)
{
	mc_dossier_model(r->hdf, r->arena, d, time(NULL), 0);
	mc_dossier_picture_model(r->hdf, r->db, r->arena, d);
	if (mc_dossier_expect_model(r->hdf, r->db, r->arena, d, time(NULL)) <
	    0)
		return 503;
	if (mc_eform_page_dossier(r, d) < 0)
		return 503;
	if (d->account_id == r->user->id) {
		if (d->status == STATUS_SUPPLEMENT)
			mc_view_set(r->hdf, "Data.CanSupplement", "1");
		if (d->status == STATUS_SUBMITTED ||
		    d->status == STATUS_ACCEPTED ||
		    d->status == STATUS_PROCESSING ||
		    d->status == STATUS_SUPPLEMENT ||
		    d->status == STATUS_PAYMENT)
			mc_view_set(r->hdf, "Data.CanWithdraw", "1");
	}
	if (strstr(r->query, "moi=1") != NULL) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Dossier.SubmittedOk"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	} else if (strstr(r->query, "ok=1") != NULL) {
		mc_view_set(r->hdf, "Page.Flash",
		    mc_view_str(r->hdf, "Dossier.Updated"));
		mc_view_set(r->hdf, "Page.FlashKind", "success");
	}
	if (portal_eval_dossier(r, d) < 0 || accesses(r, d) < 0)
		return 503;
	mc_view_set(r->hdf, "Page.Nav", "dossiers");
	mc_view_set(r->hdf, "Page.Title", d->code);
	if (mc_resp_page(r, "portal/dossier.cs") != 200)
		return 500;
	return status;
}

static int
page_dossier(struct mc_request *r)
{
	struct mc_dossier d;
	int		  rc;

	if ((rc = load(r, &d)) != 0)
		return rc;
	return show(r, &d, 200);
}

/* Answers an action's outcome: back to the page, or an error. */
static int
acted(struct mc_request *r, int rc)
{
	if (rc != 0)
		return mc_dossier_refusal(r, rc, "Dossier.Changed",
		    "Dossier.NeedFiles");
	return mc_resp_redirect(r,
	    mc_arena_printf(r->arena, "/dich-vu/ho-so/%s?ok=1", r->cap[0]));
}

/*
 * The supplement form again (422) with why it was refused and the note as
 * typed: the files chosen must be chosen again (a browser never keeps
 * them).
 */
static int
supplement_refused(struct mc_request *r, struct mc_dossier *d, const char *why)
{
	mc_view_set(r->hdf, "Form.note", mc_req_field(r, FIELD_NOTE));
	mc_view_set(r->hdf, "Form.Errors.supplement", why);
	return show(r, d, 422);
}

/*
 * The applicant's supplement. The files' sizes are checked against the
 * dossier's limit (max_dossier_bytes, with the files it holds), and each
 * one's type and size, before any is stored: a refused supplement leaves
 * nothing in the store (a refusal of the action itself, after, leaves
 * files no row names: `motcua files-sweep` removes them later).
 */
static int
page_supplement(struct mc_request *r)
{
	struct mc_action_args  args;
	struct mc_dossier      d;
	struct mc_file	       files[MAX_UPLOADS];
	const struct mc_param *p;
	const char	      *why;
	long long	       have = 0, add = 0;
	size_t		       k;
	int		       i, rc;

	if ((rc = load(r, &d)) != 0)
		return rc;
	for (k = 0; k < d.files.n; k++)
		have += mc_rows_int(&d.files, k, DFILE_SIZE);
	for (i = 0; i < MAX_UPLOADS; i++)
		if ((p = mc_req_param(r, FIELD_FILE1 + i)) != NULL)
			add += (long long)p->len;
	if (!mc_eform_total_ok(have, add))
		return supplement_refused(r, &d,
		    mc_arena_printf(r->arena, "%s %s",
			mc_eform_page_total_text(r),
			mc_view_str(r->hdf, "Dossier.SupplementTooLarge")));
	/* Every file checked before any is stored. */
	for (i = 0; i < MAX_UPLOADS; i++) {
		if ((p = mc_req_param(r, FIELD_FILE1 + i)) == NULL ||
		    p->len == 0) {
			if (mc_req_field_bad(r, FIELD_FILE1 + i))
				return mc_app_error(r, 413, NULL);
			continue;
		}
		if ((rc = mc_files_check(p->value, p->len, NULL, &why)) < 0)
			return 503;
		if (rc == 1)
			return supplement_refused(r, &d,
			    mc_view_str(r->hdf, why));
	}
	memset(&args, 0, sizeof(args));
	args.files = files;
	for (i = 0; i < MAX_UPLOADS; i++) {
		if ((p = mc_req_param(r, FIELD_FILE1 + i)) == NULL ||
		    p->len == 0)
			continue;
		if ((rc = mc_files_store(r->arena, p->value, p->len,
			 p->filename, &files[args.nfiles], &why)) < 0)
			return 503;
		if (rc == 1)
			return supplement_refused(r, &d,
			    mc_view_str(r->hdf, why));
		args.nfiles++;
	}
	args.note = mc_req_field(r, FIELD_NOTE);
	if (args.note != NULL && *args.note == '\0')
		args.note = NULL;
	return acted(r,
	    mc_dossier_act(r->db, r->arena, r->user, r->cap[0],
		ACTION_SUPPLEMENT, &args, time(NULL)));
}

static int
page_withdraw(struct mc_request *r)
{
	struct mc_action_args args;

	memset(&args, 0, sizeof(args));
	args.note = mc_req_field(r, FIELD_NOTE);
	return acted(r,
	    mc_dossier_act(r->db, r->arena, r->user, r->cap[0],
		ACTION_WITHDRAW, &args, time(NULL)));
}

/* Percent-encodes every byte outside [A-Za-z0-9._-] (RFC 5987). */
static const char *
url_encode(struct mc_request *r, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char		 *out, *o;

	out = o = mc_arena_alloc(r->arena, strlen(s) * 3 + 1);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')
			*o++ = (char)c;
		else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

/* Sends the file of rows (id, sha256, filename, mime) whose id is cap[1]. */
static int
send_file(struct mc_request *r, const struct mc_rows *rows)
{
	const char *sha = NULL, *name = NULL, *mime = NULL;
	size_t	    i;
	int	    rc;

	for (i = 0; i < rows->n; i++)
		if (strcmp(mc_rows_str(rows, i, DFILE_ID), r->cap[1]) == 0) {
			sha = mc_rows_str(rows, i, DFILE_SHA256);
			name = mc_rows_str(rows, i, DFILE_NAME);
			mime = mc_rows_str(rows, i, DFILE_MIME);
		}
	/* Decrypted and verified whole before a byte is sent. */
	if (sha == NULL || (rc = mc_files_load(r->arena, sha, &r->out)) > 0)
		return 404;
	if (rc < 0)
		return 500;
	mc_resp_header(r, "Content-Type", mime);
	mc_resp_header(r, "Content-Disposition",
	    mc_arena_printf(r->arena, "attachment; filename*=UTF-8''%s",
		url_encode(r, name)));
	r->rendered = 1;
	return 200;
}

/* An attachment, to the applicant and to officers who may see it. */
static int
page_file_download(struct mc_request *r)
{
	struct mc_dossier d;
	int		  rc;

	if ((rc = load(r, &d)) != 0)
		return rc;
	return send_file(r, &d.files);
}

/* A result file: to officers, and to the applicant once returned. */
static int
page_result_download(struct mc_request *r)
{
	struct mc_dossier d;
	int		  rc;

	if ((rc = load(r, &d)) != 0)
		return rc;
	if ((rc = mc_dossier_results_visible(r->db, r->arena, r->user, &d)) <
	    0)
		return 503;
	return rc ? send_file(r, &d.results) : 404;
}

/* The papers issued to the applicant (forms 01-04) as PDF. */
static int
page_paper(struct mc_request *r)
{
	struct mc_dossier d;
	const char	 *s = r->cap[1];
	int		  n, rc;

	if (strlen(s) != 6 || s[0] != '0' || s[1] < '1' || s[1] > '4' ||
	    strcmp(s + 2, ".pdf") != 0)
		return 404;
	n = s[1] - '0';
	if ((rc = load(r, &d)) != 0)
		return rc;
	if ((rc = mc_papers_dossier(r->db, r->arena, &d, n, &r->out)) < 0)
		return 503;
	if (rc == 1)
		return 404;
	mc_resp_header(r, "Content-Type", "application/pdf");
	mc_resp_header(r, "Content-Disposition",
	    mc_arena_printf(r->arena, "inline; filename=\"mau-%02d-%s.pdf\"",
		n, r->cap[0]));
	r->rendered = 1;
	return 200;
}

/*
 * The public status page (the receipt's QR code opens it): the dossier
 * code and the applicant's ID number show its status and history, nothing
 * personal.
 */
/* The lookup refused for a while (429), the form kept, with the wait. */
static int
lookup_throttled(struct mc_request *r, long wait)
{
	mc_view_set_int(r->hdf, "Data.WaitMinutes", (wait + 59) / 60);
	mc_resp_header(r, "Retry-After",
	    mc_arena_printf(r->arena, "%ld", wait));
	r->status = 429;
	return mc_resp_page(r, "portal/lookup.cs") == 200 ? 429 : 500;
}

static int
page_lookup(struct mc_request *r)
{
	struct mc_dossier d;
	const char	 *code = mc_req_field(r, FIELD_MA);
	const char	 *idn = mc_req_field(r, FIELD_ID_NUMBER);
	long		  wait;
	int		  rc;

	mc_view_set(r->hdf, "Page.Title", mc_view_str(r->hdf, "Lookup.Title"));
	mc_view_set(r->hdf, "Page.Nav", "lookup");
	mc_view_set(r->hdf, "Form.ma", code);
	mc_view_set(r->hdf, "Form.id_number", idn);
	if (code != NULL && idn != NULL) {
		/* Wrong ID numbers are counted per code and per address. */
		if ((wait = mc_throttle_lookup_wait(r->db, r->arena, code,
			 r->remote_addr, time(NULL))) < 0)
			return 503;
		if (wait > 0)
			return lookup_throttled(r, wait);
		if ((rc = mc_dossier_load(r->db, r->arena, code, &d)) < 0)
			return 503;
		if (rc == 1 && strcmp(d.id_number, idn) == 0) {
			mc_dossier_model(r->hdf, r->arena, &d, time(NULL), 0);
			mc_view_set(r->hdf, "Data.Found", "1");
		} else {
			if (mc_throttle_lookup_fail(r->db, r->arena, code,
				r->remote_addr, time(NULL)) < 0)
				return 503;
			mc_view_set(r->hdf, "Data.NotFound", "1");
		}
	} else if (mc_req_field_bad(r, FIELD_ID_NUMBER) ||
	    mc_req_field_bad(r, FIELD_MA))
		mc_view_set(r->hdf, "Data.NotFound", "1");
	return mc_resp_page(r, "portal/lookup.cs");
}

/* clang-format off */
static const struct mc_route routes[] = {
	{ METHOD_GET, "/dich-vu/tra-cuu", page_lookup, 0, 0 },
	{ METHOD_GET, "/dich-vu/ho-so/{}/phieu/{}", page_paper, ROUTE_LOGIN,
	    0 },
	{ METHOD_GET, "/dich-vu/ho-so/{}", page_dossier, ROUTE_LOGIN, 0 },
	{ METHOD_POST, "/dich-vu/ho-so/{}/bo-sung", page_supplement,
	    ROUTE_LOGIN, 0 },
	{ METHOD_POST, "/dich-vu/ho-so/{}/rut", page_withdraw, ROUTE_LOGIN, 0 },
	{ METHOD_GET, "/dich-vu/ho-so/{}/tep/{}", page_file_download,
	    ROUTE_LOGIN, 0 },
	{ METHOD_GET, "/dich-vu/ho-so/{}/ket-qua/{}", page_result_download,
	    ROUTE_LOGIN, 0 },
};
/* clang-format on */

/* clang-format off */
const struct mc_module portal_dossier = {
	routes, sizeof(routes) / sizeof(routes[0]), fields, FIELD__MAX
};
/* clang-format on */
