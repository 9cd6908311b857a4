/*
 * The papers of a dossier: forms 01-05 built from its row, steps, events
 * and supplement requests, and the tracking book (06) of an agency.
 */
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_checklist.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_forms.h"
#include "mc_papers.h"
#include "mc_util.h"

enum stmt { STMT_AGENCY, STMT_DOCS, STMT_BOOK, STMT_FIELD, STMT__MAX };

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_AGENCY] = "SELECT a.name, p.name AS parent, a.address "
	    "FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id "
	    "WHERE a.id = ?",
	/* What was received, not the catalogue's whole list (notes too). */
	[STMT_DOCS] = "SELECT name, originals, copies FROM dossier_documents "
	    "WHERE dossier_id = ? ORDER BY seq",
	[STMT_BOOK] = "SELECT d.code, p.name AS procedure_name, "
	    "d.applicant_name, a.name AS agency_name, d.received_at, d.due_at, "
	    "d.returned_at, d.return_method, f.name AS field_name "
	    "FROM dossiers d JOIN procedures p ON p.id = d.procedure_id "
	    "JOIN fields f ON f.id = p.field_id "
	    "JOIN agencies a ON a.id = d.agency_id "
	    "WHERE d.agency_id = ? AND d.received_at >= ? AND d.received_at < ? "
	    "AND (? = 0 OR p.field_id = ?) ORDER BY d.received_at, d.id "
	    "LIMIT 5000",
	[STMT_FIELD] = "SELECT name FROM fields WHERE id = ?",
};
/* clang-format on */

/* The agency heading of the papers; 0 or -1. */
static int
heading(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    struct mc_form_head *h, const char **address)
{
	struct mc_rows rows;

	memset(h, 0, sizeof(*h));
	if (mc_db_query(db, a, &rows, stmts[STMT_AGENCY], "i",
		(long long)agency) < 0 ||
	    rows.n == 0)
		return -1;
	h->agency = mc_rows_str(&rows, 0, 0);
	h->parent = mc_rows_str(&rows, 0, 1);
	h->unit = "Bộ phận tiếp nhận và trả kết quả";
	h->date = time(NULL);
	if (address != NULL)
		*address = mc_rows_str(&rows, 0, 2);
	return 0;
}

static void
applicant(const struct mc_dossier *d, struct mc_form_person *p)
{
	memset(p, 0, sizeof(*p));
	p->name = d->name;
	p->id_number = d->id_number;
	p->address = d->address;
	p->phone = d->phone;
	p->email = d->email;
	p->org = d->applicant_org;
}

/* The last event of an action: its row index, or -1. */
static long
last_event(const struct mc_dossier *d, const char *action)
{
	long i;

	for (i = (long)d->events.n - 1; i >= 0; i--)
		if (strcmp(mc_rows_str(&d->events, (size_t)i, DEV_ACTION),
			action) == 0)
			return i;
	return -1;
}

static const char *
legal_text(struct mc_arena *a, const struct mc_dossier *d)
{
	const char *h = d->legal_hours;
	const char *days = d->legal_days;
	long long   n;

	if (h != NULL && mc_parse_ll(h, 0, 1LL << 31, &n) == 0)
		return n % 8 == 0 ?
		    mc_arena_printf(a, "%lld ngày làm việc", n / 8) :
		    mc_arena_printf(a, "%lld giờ làm việc", n);
	if (days != NULL)
		return mc_arena_printf(a, "%s ngày", days);
	return NULL;
}

/*
 * What was received (enum mc_received_col): the checklist's complete rows
 * once it was ticked at intake, else the documents recorded at filing.
 */
static int
received(struct mc_db *db, struct mc_arena *a, long long id,
    struct mc_rows *rows)
{
	int rc;

	if ((rc = mc_checklist_received(db, a, id, rows)) != 0)
		return rc < 0 ? -1 : 0;
	return mc_db_query(db, a, rows, stmts[STMT_DOCS], "i", id);
}

/* Rows of enum mc_received_col as the papers' list; *n set. */
static struct mc_form_doc *
doc_list(struct mc_arena *a, const struct mc_rows *rows, size_t *n)
{
	struct mc_form_doc *docs;
	size_t		    i;

	docs = mc_arena_alloc(a, (rows->n + 1) * sizeof(*docs));
	for (i = 0; i < rows->n; i++) {
		docs[i].name = mc_rows_str(rows, i, RCV_NAME);
		docs[i].originals = (unsigned int)mc_rows_int(rows, i,
		    RCV_ORIGINALS);
		docs[i].copies = (unsigned int)mc_rows_int(rows, i,
		    RCV_COPIES);
	}
	*n = rows->n;
	return docs;
}

static int
form01(struct mc_db *db, struct mc_arena *a, const struct mc_dossier *d,
    struct buf *out)
{
	struct mc_form01 f;
	struct mc_rows	 rows;
	const char	*address = NULL;
	long		 ev;

	if (d->received_at == NULL)
		return 1;
	memset(&f, 0, sizeof(f));
	if (heading(db, a, d->agency_id, &f.head, &address) < 0 ||
	    received(db, a, d->id, &rows) < 0)
		return -1;
	f.head.date = mc_time_parse(d->received_at);
	f.code = d->code;
	applicant(d, &f.applicant);
	f.matter = d->procedure_name;
	f.docs = doc_list(a, &rows, &f.ndocs);
	f.sets = 1;
	f.legal_time = legal_text(a, d);
	f.received = mc_time_parse(d->received_at);
	f.due = mc_time_parse(
	    d->original_due_at ? d->original_due_at : d->due_at);
	f.collect_at = address ? address : d->agency_name;
	if ((ev = last_event(d, "accept")) >= 0)
		f.officer = mc_rows_str(&d->events, (size_t)ev, DEV_ACTOR);
	f.status_url = mc_arena_printf(a, "%s/dich-vu/tra-cuu?ma=%s",
	    mc_config_get("base_url", "http://127.0.0.1:8080"), f.code);
	return mc_form01_pdf(out, &f);
}

static int
form02(struct mc_db *db, struct mc_arena *a, const struct mc_dossier *d,
    struct buf *out)
{
	struct mc_form02     f;
	struct mc_form_item *items;
	struct mc_rows	     rows;
	json_t		    *arr, *it;
	size_t		     i, n;
	long		     ev;
	int		     rc;

	if (d->supplements.n == 0)
		return 1;
	memset(&f, 0, sizeof(f));
	if (heading(db, a, d->agency_id, &f.head, NULL) < 0)
		return -1;
	f.code = d->code;
	applicant(d, &f.applicant);
	f.matter = d->procedure_name;
	n = d->supplements.n - 1; /* the latest request */
	f.head.date = mc_time_parse(
	    mc_rows_str(&d->supplements, n, DSUPP_REQUESTED));
	arr = json_loads(mc_rows_str(&d->supplements, n, DSUPP_ITEMS), 0,
	    NULL);
	items = mc_arena_alloc(a, (json_array_size(arr) + 1) * sizeof(*items));
	json_array_foreach (arr, i, it) {
		items[i].what = mc_arena_strdup(a,
		    json_string_value(json_object_get(it, "item")) ?
			json_string_value(json_object_get(it, "item")) :
			"");
		if (json_string_value(json_object_get(it, "reason")) != NULL)
			items[i].reason = mc_arena_strdup(a,
			    json_string_value(json_object_get(it, "reason")));
		f.nitems++;
	}
	json_decref(arr);
	f.items = items;
	/* What was received, once the checklist was ticked. */
	if ((rc = mc_checklist_received(db, a, d->id, &rows)) < 0)
		return -1;
	if (rc == 1)
		f.received = doc_list(a, &rows, &f.nreceived);
	ev = last_event(d, "request_supplement");
	if (ev < 0)
		ev = last_event(d, "request_completion");
	if (ev >= 0)
		f.officer = mc_rows_str(&d->events, (size_t)ev, DEV_ACTOR);
	return mc_form02_pdf(out, &f);
}

static int
form03(struct mc_db *db, struct mc_arena *a, const struct mc_dossier *d,
    struct buf *out)
{
	struct mc_form03 f;
	const char     **reasons;
	long		 ev;

	if (d->status != STATUS_REFUSED || (ev = last_event(d, "refuse")) < 0)
		return 1;
	memset(&f, 0, sizeof(f));
	if (heading(db, a, d->agency_id, &f.head, NULL) < 0)
		return -1;
	f.head.date = mc_time_parse(
	    mc_rows_str(&d->events, (size_t)ev, DEV_AT));
	f.code = d->code;
	applicant(d, &f.applicant);
	f.matter = d->procedure_name;
	reasons = mc_arena_alloc(a, sizeof(*reasons));
	reasons[0] = mc_rows_str(&d->events, (size_t)ev, DEV_NOTE);
	f.reasons = reasons;
	f.nreasons = reasons[0] != NULL;
	f.officer = mc_rows_str(&d->events, (size_t)ev, DEV_ACTOR);
	return mc_form03_pdf(out, &f);
}

static int
form04(struct mc_db *db, struct mc_arena *a, const struct mc_dossier *d,
    struct buf *out)
{
	struct mc_form04 f;
	long		 ev;

	if (d->original_due_at == NULL || (ev = last_event(d, "apology")) < 0)
		return 1;
	memset(&f, 0, sizeof(f));
	if (heading(db, a, d->agency_id, &f.head, NULL) < 0)
		return -1;
	f.head.date = mc_time_parse(
	    mc_rows_str(&d->events, (size_t)ev, DEV_AT));
	applicant(d, &f.applicant);
	f.code = d->code;
	f.receipt_no = d->code;
	f.dossier_type = d->field_name; /* field */
	f.status = "Đang giải quyết";
	f.matter = d->procedure_name;
	f.received = mc_time_parse(d->received_at);
	f.due_old = mc_time_parse(d->original_due_at);
	f.due_new = mc_time_parse(d->due_at);
	f.reason = d->apology_reason;
	f.signer = mc_rows_str(&d->events, (size_t)ev, DEV_ACTOR);
	return mc_form04_pdf(out, &f);
}

static int
form05(struct mc_db *db, struct mc_arena *a, const struct mc_dossier *d,
    struct buf *out)
{
	struct mc_form05	 f;
	struct mc_form_handover *h;
	const char		*o;
	size_t			 i;

	if (d->steps.n == 0)
		return 1;
	memset(&f, 0, sizeof(f));
	if (heading(db, a, d->agency_id, &f.head, NULL) < 0)
		return -1;
	f.code = d->code;
	applicant(d, &f.applicant);
	f.matter = d->procedure_name;
	f.lead = d->agency_name;
	f.received = mc_time_parse(d->received_at);
	f.due = mc_time_parse(d->due_at);
	h = mc_arena_alloc(a, d->steps.n * sizeof(*h));
	for (i = 0; i < d->steps.n; i++) {
		h[i].step = mc_arena_printf(a, "%s – %s",
		    mc_rows_str(&d->steps, i, DSTEP_AGENCY_NAME),
		    mc_rows_str(&d->steps, i, DSTEP_NAME));
		h[i].giver = mc_rows_str(&d->steps, i, DSTEP_GIVEN_BY);
		h[i].given = mc_time_parse(
		    mc_rows_str(&d->steps, i, DSTEP_STARTED));
		h[i].taker = mc_rows_str(&d->steps, i, DSTEP_TAKEN_BY);
		h[i].taken = mc_time_parse(
		    mc_rows_str(&d->steps, i, DSTEP_FINISHED));
		o = mc_rows_str(&d->steps, i, DSTEP_OUTCOME);
		h[i].timing = o == NULL	    ? MC_FORM_TIMING_NONE :
		    strcmp(o, "early") == 0 ? MC_FORM_TIMING_EARLY :
		    strcmp(o, "late") == 0  ? MC_FORM_TIMING_LATE :
					      MC_FORM_TIMING_ON_TIME;
	}
	f.handovers = h;
	f.nhandovers = d->steps.n;
	return mc_form05_pdf(out, &f);
}

int
mc_papers_dossier(struct mc_db *db, struct mc_arena *a,
    const struct mc_dossier *d, int n, struct buf *out)
{
	switch (n) {
	case 1:
		return form01(db, a, d, out);
	case 2:
		return form02(db, a, d, out);
	case 3:
		return form03(db, a, d, out);
	case 4:
		return form04(db, a, d, out);
	case 5:
		return form05(db, a, d, out);
	default:
		return 1;
	}
}

int
mc_papers_book(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    long long field, time_t from, time_t to, struct mc_rows *rows)
{
	char f[20], t[20];

	mc_time_sql(f, from);
	mc_time_sql(t, to);
	return mc_db_query(db, a, rows, stmts[STMT_BOOK], "issii",
	    (long long)agency, f, t, field, field);
}

int
mc_papers_book_pdf(struct mc_db *db, struct mc_arena *a, unsigned int agency,
    long long field, time_t from, time_t to, struct buf *out)
{
	struct mc_form06	 f;
	struct mc_form_book_row *rows;
	struct mc_rows		 r, fr;
	size_t			 i;

	memset(&f, 0, sizeof(f));
	if (heading(db, a, agency, &f.head, NULL) < 0 ||
	    mc_papers_book(db, a, agency, field, from, to, &r) < 0)
		return -1;
	if (field != 0 &&
	    mc_db_query(db, a, &fr, stmts[STMT_FIELD], "i", field) == 0 &&
	    fr.n == 1)
		f.field = mc_rows_str(&fr, 0, 0);
	f.from = from;
	f.to = to;
	rows = mc_arena_alloc(a, (r.n + 1) * sizeof(*rows));
	for (i = 0; i < r.n; i++) {
		rows[i].code = mc_rows_str(&r, i, 0);
		rows[i].procedure = mc_rows_str(&r, i, 1);
		rows[i].applicant = mc_rows_str(&r, i, 2);
		rows[i].agency = mc_rows_str(&r, i, 3);
		rows[i].received = mc_time_parse(mc_rows_str(&r, i, 4));
		rows[i].due = mc_time_parse(mc_rows_str(&r, i, 5));
		rows[i].returned = mc_time_parse(mc_rows_str(&r, i, 6));
		switch (mc_rows_int(&r, i, 7)) {
		case 1:
			rows[i].delivery = MC_FORM_DELIVERY_COUNTER;
			break;
		case 2:
			rows[i].delivery = MC_FORM_DELIVERY_ONLINE;
			break;
		case 3:
			rows[i].delivery = MC_FORM_DELIVERY_POST;
			break;
		default:
			rows[i].delivery = MC_FORM_DELIVERY_NONE;
			break;
		}
	}
	f.rows = rows;
	f.nrows = r.n;
	return mc_form06_pdf(out, &f);
}
