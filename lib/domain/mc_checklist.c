/*
 * The document checklist ticked at intake: the slots of the dossier's form
 * with what the receiving officer found, saved whole in one transaction,
 * read back for the page, the supplement request and the receipt.
 */
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_catalogue.h"
#include "mc_checklist.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_eform.h"
#include "mc_log.h"
#include "mc_util.h"

enum stmt {
	STMT_LOCK,
	STMT_CHECKS,
	STMT_DELETE,
	STMT_INSERT,
	STMT_ANY,
	STMT_RECEIVED,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_LOCK] = "SELECT id FROM dossiers WHERE code = ? FOR UPDATE",
	/* Columns: enum check_col. */
	[STMT_CHECKS] = "SELECT c.slot, c.verdict, c.note, "
	    "DATE_FORMAT(c.checked_at, '%Y-%m-%d %H:%i:%s'), a.full_name, "
	    "c.name, c.originals, c.copies FROM dossier_checks c "
	    "LEFT JOIN accounts a ON a.id = c.checked_by "
	    "WHERE c.dossier_id = ? ORDER BY c.seq",
	[STMT_DELETE] = "DELETE FROM dossier_checks WHERE dossier_id = ?",
	[STMT_INSERT] = "INSERT INTO dossier_checks (dossier_id, slot, seq, "
	    "name, verdict, note, originals, copies, checked_at, checked_by) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_ANY] = "SELECT COUNT(*) FROM dossier_checks WHERE dossier_id = ?",
	/* Columns: enum mc_received_col. */
	[STMT_RECEIVED] = "SELECT name, originals, copies "
	    "FROM dossier_checks WHERE dossier_id = ? "
	    "AND verdict = ? ORDER BY seq",
};
/* clang-format on */

enum check_col {
	CK_SLOT,
	CK_VERDICT,
	CK_NOTE,
	CK_AT,
	CK_BY,
	CK_NAME,
	CK_ORIGINALS,
	CK_COPIES,
	CK__MAX
};

static const char *const verdicts[CHECK__MAX] = { "none", "complete",
	"missing", "invalid" };
static const char *const errs[CHKE__MAX] = { "none", "verdict", "note",
	"note_text" };

const char *
mc_check_verdict_name(enum mc_check_verdict v)
{
	return v < CHECK__MAX ? verdicts[v] : "none";
}

int
mc_check_verdict_parse(const char *s)
{
	int i;

	for (i = CHECK_COMPLETE; s != NULL && i < CHECK__MAX; i++)
		if (strcmp(s, verdicts[i]) == 0)
			return i;
	return -1;
}

const char *
mc_check_err_name(enum mc_check_err e)
{
	return e < CHKE__MAX ? errs[e] : "none";
}

/* The slots: of the form filed with, else of the catalogue's documents. */
static int
slots(struct mc_db *db, struct mc_arena *a, const struct mc_dossier *d,
    struct mc_eform *f, json_t **files)
{
	struct mc_procedure   p;
	enum mc_eform_problem why;
	const char	     *answers, *docs = NULL, *subject, *json;
	int		      rc;

	*files = NULL;
	if ((rc = mc_eform_load_answers(db, a, d->id, f, &answers, &docs)) < 0)
		return -1;
	if (rc == 1) {
		*files = json_loads(docs ? docs : "{}", 0, NULL);
		return 0;
	}
	if ((rc = mc_catalogue_get(db, a, d->procedure_code, 0, &p)) < 0)
		return -1;
	memset(f, 0, sizeof(*f));
	if (rc == 0)
		return 0;
	json = mc_eform_default_json(a, &p.documents);
	if (json == NULL || mc_eform_parse(a, json, f, &why, &subject) < 0) {
		mc_err("checklist: %s: the default form does not parse",
		    d->code);
		return -1;
	}
	return 0;
}

int
mc_checklist_get(struct mc_db *db, struct mc_arena *a,
    const struct mc_dossier *d, struct mc_checklist *cl)
{
	struct mc_eform	 f;
	struct mc_rows	 saved;
	struct mc_check *c;
	json_t		*files, *list, *file;
	size_t		 i, j;

	memset(cl, 0, sizeof(*cl));
	if (slots(db, a, d, &f, &files) < 0)
		return -1;
	if (mc_db_query(db, a, &saved, stmts[STMT_CHECKS], "i", d->id) < 0)
		goto fail;
	if (saved.n > 0 && saved.ncols != CK__MAX) {
		mc_err("checklist: %zu columns", saved.ncols);
		goto fail;
	}
	cl->saved = saved.n > 0;
	cl->items = mc_arena_alloc(a, (f.ndocs + 1) * sizeof(*cl->items));
	for (i = 0; i < f.ndocs && cl->n < MC_CHECKLIST_MAX; i++) {
		c = &cl->items[cl->n++];
		memset(c, 0, sizeof(*c));
		c->slot = f.docs[i].id;
		c->name = f.docs[i].name;
		c->required = f.docs[i].required;
		c->originals = (unsigned int)f.docs[i].originals;
		c->copies = (unsigned int)f.docs[i].copies;
		list = json_object_get(files, c->slot);
		c->files = mc_arena_alloc(a,
		    (json_array_size(list) + 1) * sizeof(*c->files));
		json_array_foreach (list, j, file)
			if (json_string_value(json_object_get(file, "name")))
				c->files[c->nfiles++] = mc_arena_strdup(a,
				    json_string_value(
					json_object_get(file, "name")));
		for (j = 0; j < saved.n; j++) {
			if (strcmp(mc_rows_str(&saved, j, CK_SLOT), c->slot) !=
			    0)
				continue;
			c->verdict = (enum mc_check_verdict)mc_rows_int(&saved,
			    j, CK_VERDICT);
			if (c->verdict >= CHECK__MAX)
				c->verdict = CHECK_NONE;
			c->note = mc_rows_str(&saved, j, CK_NOTE);
			c->checked_at = mc_rows_str(&saved, j, CK_AT);
			c->checked_by = mc_rows_str(&saved, j, CK_BY);
		}
	}
	json_decref(files);
	return 0;
fail:
	json_decref(files);
	return -1;
}

int
mc_checklist_editable(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const struct mc_dossier *d, time_t now)
{
	const unsigned int mask = 1u << ACTION_ACCEPT |
	    1u << ACTION_REQUEST_COMPLETION | 1u << ACTION_REQUEST_SUPPLEMENT;
	unsigned int bits;

	if (mc_dossier_allowed(db, a, u, d, now, &bits) < 0)
		return -1;
	return (bits & mask) != 0;
}

const char *
mc_check_reason(struct mc_arena *a, const struct mc_check *c)
{
	const char *what = c->verdict == CHECK_INVALID ? "Không hợp lệ" :
							 "Còn thiếu";

	if (c->note == NULL || *c->note == '\0')
		return what;
	return mc_arena_printf(a, "%s: %s", what, c->note);
}

/* Checks each row (err set); 1 if every row is good. */
static int
inputs_ok(struct mc_check_input *in, size_t n)
{
	size_t i, len;
	int    ok = 1;

	for (i = 0; i < n; i++) {
		in[i].err = CHKE_NONE;
		len = in[i].note ? strlen(in[i].note) : 0;
		if (in[i].verdict <= CHECK_NONE || in[i].verdict >= CHECK__MAX)
			in[i].err = CHKE_VERDICT;
		else if (len > 0 &&
		    (!mc_text_ok(in[i].note, len, 0) ||
			mc_utf8_chars(in[i].note) > MC_CHECK_NOTE_MAX))
			in[i].err = CHKE_NOTE_TEXT;
		else if (in[i].verdict == CHECK_INVALID && len == 0)
			in[i].err = CHKE_NOTE;
		if (in[i].err != CHKE_NONE)
			ok = 0;
	}
	return ok;
}

struct save {
	struct mc_arena	      *a;
	const struct mc_user  *u;
	const char	      *code;
	struct mc_check_input *in;
	size_t		       n;
	time_t		       now;
	const char	      *address;
};

static int
save_tx(struct mc_db *db, void *arg)
{
	struct save	      *s = arg;
	struct mc_dossier      d;
	struct mc_checklist    cl;
	struct mc_rows	       lock;
	const struct mc_check *c;
	char		       at[20];
	unsigned int	       orig, copies;
	size_t		       i;
	int		       rc;

	if (mc_db_query(db, s->a, &lock, stmts[STMT_LOCK], "s", s->code) < 0)
		return -1;
	if (lock.n == 0)
		return DOSSIER_NOT_FOUND;
	/* Read after the lock: the state the save is checked against. */
	if ((rc = mc_dossier_load(db, s->a, s->code, &d)) <= 0)
		return rc < 0 ? -1 : DOSSIER_NOT_FOUND;
	if ((rc = mc_checklist_editable(db, s->a, s->u, &d, s->now)) <= 0)
		return rc < 0 ? -1 : DOSSIER_NOT_ALLOWED;
	if (mc_checklist_get(db, s->a, &d, &cl) < 0)
		return -1;
	if (cl.n == 0 || cl.n != s->n)
		return DOSSIER_BAD_INPUT;
	mc_time_sql(at, s->now);
	if (mc_db_exec(db, stmts[STMT_DELETE], "i", d.id) < 0)
		return -1;
	for (i = 0; i < cl.n; i++) {
		c = &cl.items[i];
		/* Received online: the files, one electronic copy each. */
		orig = c->nfiles > 0 ? 0 : c->originals;
		copies = c->nfiles > 0 ? (unsigned int)c->nfiles : c->copies;
		if (mc_db_exec(db, stmts[STMT_INSERT], "isisisiisI", d.id,
			c->slot, (long long)i + 1, c->name,
			(long long)s->in[i].verdict,
			s->in[i].note && *s->in[i].note ? s->in[i].note : NULL,
			(long long)orig, (long long)copies, at, s->u->id) < 0)
			return -1;
	}
	return mc_audit_dossier_write(db, AUDIT_DOSSIER_ACTION, s->u, d.id,
	    d.current_agency_id, d.agency_id, "check_documents", s->address);
}

int
mc_checklist_save(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, const char *code, struct mc_check_input *in,
    size_t n, time_t now, const char *address)
{
	struct save s = { a, u, code, in, n, now, address };

	if (!inputs_ok(in, n))
		return DOSSIER_BAD_INPUT;
	return mc_db_tx(db, save_tx, &s);
}

int
mc_checklist_received(struct mc_db *db, struct mc_arena *a,
    long long dossier_id, struct mc_rows *out)
{
	struct mc_rows any;

	memset(out, 0, sizeof(*out));
	if (mc_db_query(db, a, &any, stmts[STMT_ANY], "i", dossier_id) < 0)
		return -1;
	if (mc_rows_int(&any, 0, 0) == 0)
		return 0;
	if (mc_db_query(db, a, out, stmts[STMT_RECEIVED], "ii", dossier_id,
		(long long)CHECK_COMPLETE) < 0)
		return -1;
	if (out->n > 0 && out->ncols != RCV__MAX) {
		mc_err("checklist: received: %zu columns", out->ncols);
		return -1;
	}
	return 1;
}
