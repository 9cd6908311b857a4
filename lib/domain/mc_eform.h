/*
 * E-forms (issue 13): a procedure's own filing form, its definition stored
 * as JSON per procedure version (procedure_forms) or generated from the
 * catalogue entry, parsed and checked here, and the answers checked against
 * the same definition that drew the page (the portal, the counter and the
 * API alike). Not the paper forms 01-06 of the Circular: those are
 * mc_forms.
 *
 * A definition is a form-js schema (bpmn.io's form editor saves it):
 *   {"components": [...], "documents": [...], "open": false}
 * Components: "group" (a section, its "components"), "dynamiclist" (a
 * repeating group: "path" is the key, rows of its "components"),
 * "textfield" (text; "validate.validationType" "email" or "phone" makes an
 * e-mail or phone; "properties" {"type": "id_number" | "address"} an ID
 * number or an address with a ward), "textarea", "number", "datetime"
 * with "subtype" "date", "select" and "radio" (one of "values"),
 * "checklist" (several), "checkbox" (yes/no), "text" (help shown as is);
 * "spacer" and "separator" are ignored. A field has "key", "label",
 * "description" (help), "validate" {"required", "minLength", "maxLength",
 * "min", "max"}, "conditional" {"hide": "=key = \"v\""} (hidden when true;
 * the forms "=k = \"v\"", "=k != \"v\"", "=k = 1", "=k = true", "=k",
 * "=not(k)"), and English texts in "properties" {"label_en",
 * "description_en"}. Documents are the upload slots: {"id", "name",
 * "group", "originals", "copies", "required", "types": ["pdf", "jpeg",
 * "png"], "max_mb", "max_files"}. "open": answers with keys the form does
 * not know are kept (the default forms), else refused.
 */
#ifndef MC_EFORM_H
#define MC_EFORM_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "mc_db.h"

struct mc_arena;

enum mc_eform_type {
	EF_SECTION,
	EF_REPEAT,
	EF_TEXT,
	EF_TEXTAREA,
	EF_NUMBER,
	EF_DATE,
	EF_CHOICE,    /* one value */
	EF_CHECKLIST, /* several values */
	EF_CHECKBOX,
	EF_ID_NUMBER,
	EF_PHONE,
	EF_EMAIL,
	EF_ADDRESS, /* {"street", "ward"}: the ward a code of the list */
	EF_STATIC,  /* help text, no answer */
	EF__MAX
};

/* "text", "number", ... as used in templates (class names, inputs). */
const char *mc_eform_type_name(enum mc_eform_type);

struct mc_eform_option {
	const char *value;
	const char *label;
};

enum mc_eform_cond {
	COND_NONE,
	COND_EQ,     /* hidden when key's answer equals value */
	COND_NE,     /* hidden when it differs */
	COND_TRUTHY, /* hidden when it is given (not empty, not false) */
	COND_FALSY   /* hidden when it is not */
};

struct mc_eform_field {
	enum mc_eform_type	type;
	const char	       *key; /* NULL: sections, help */
	const char	       *label, *label_en;
	const char	       *help, *help_en;
	int			required;
	long long		min_len, max_len; /* characters; 0: none */
	int			has_min, has_max;
	double			min, max;
	struct mc_eform_option *options;
	size_t			noptions;
	enum mc_eform_cond	cond;
	const char	       *cond_key, *cond_value;
	const char	       *cond_text; /* as written, for the page */
	const char	       *prefill;   /* properties.prefill, or NULL */
	struct mc_eform_field  *children;  /* sections and repeats */
	size_t			nchildren;
	int			max_rows; /* repeats */
};

struct mc_eform_doc {
	const char *id; /* "d1": the slot's name in pages and answers */
	const char *name;
	const char *group; /* or NULL */
	int	    originals, copies;
	int	    required;
	unsigned    types; /* EFT_* bits */
	long long   max_bytes;
	int	    max_files;
};

#define EFT_PDF	 0x01
#define EFT_JPEG 0x02
#define EFT_PNG	 0x04

struct mc_eform {
	long long	       id;	/* procedure_forms.id; 0: default */
	long long	       version; /* 0: default */
	const char	      *json;	/* the definition as stored */
	struct mc_eform_field *fields;
	size_t		       nfields;
	struct mc_eform_doc   *docs;
	size_t		       ndocs;
	int		       open;
};

/* Why a definition is refused (for the designer's page). */
enum mc_eform_problem {
	EP_JSON,	  /* not JSON, or not an object */
	EP_TYPE,	  /* a component type we cannot render */
	EP_KEY,		  /* a field without a key, or a bad key */
	EP_DUPLICATE,	  /* two fields with one key */
	EP_CONDITION,	  /* a condition we cannot evaluate */
	EP_CONDITION_KEY, /* a condition on an unknown key */
	EP_OPTIONS,	  /* a choice without values */
	EP_DOCUMENT,	  /* a bad upload slot */
	EP_TOO_BIG,	  /* too many fields or too deep */
	EP__MAX
};

/* "json", "type", ...: the language key's last part. */
const char *mc_eform_problem_name(enum mc_eform_problem);

/*
 * Parses and checks a definition into f (strings in the arena). 0, or -1
 * with *problem set and *subject (arena, may be NULL) naming the component
 * at fault.
 */
int mc_eform_parse(struct mc_arena *, const char *json, struct mc_eform *f,
    enum mc_eform_problem *problem, const char **subject);

/* Why an answer is refused. */
enum mc_eform_err {
	EE_REQUIRED,
	EE_FORMAT, /* not the type the field wants */
	EE_TOO_LONG,
	EE_TOO_SHORT,
	EE_RANGE,     /* a number out of min..max */
	EE_CHOICE,    /* not one of the values */
	EE_DATE,      /* not a YYYY-MM-DD date */
	EE_ID_NUMBER, /* not 12 digits */
	EE_PHONE,
	EE_EMAIL,
	EE_WARD,	  /* not a current ward or commune */
	EE_ROWS,	  /* too many rows */
	EE_UNKNOWN,	  /* a key the form does not have */
	EE_FILE_REQUIRED, /* an upload slot left empty */
	EE_FILE_COUNT,	  /* too many files in a slot */
	EE_FILE_TYPE,
	EE_FILE_SIZE,
	EE_FILES_TOTAL, /* the files together over max_dossier_bytes */
	EE__MAX
};

/* "required", "format", ...: the language key's last part. */
const char *mc_eform_err_name(enum mc_eform_err);

struct mc_eform_error {
	const char	 *path; /* "name", "members.0.name", "doc.d1" */
	const char	 *label;
	const char	 *label_en;
	enum mc_eform_err code;
};

/* 1 if code is a current ward or commune, 0 if not. */
typedef int (*mc_eform_ward_fn)(const char *code, void *arg);

/*
 * Checks answers (a JSON object; NULL is {}) against the form: every
 * shown field (conditions evaluated against the answers), its type, its
 * rules; hidden fields' answers are dropped from answers (it is changed).
 * Wards are checked with ward (NULL: any non-empty code). Up to max errors
 * go to errs, in the order of the form. Returns how many errors there
 * were (0: the answers are good).
 */
size_t mc_eform_check(struct mc_arena *, const struct mc_eform *,
    json_t *answers, mc_eform_ward_fn ward, void *arg,
    struct mc_eform_error *errs, size_t max);

/* A file attached to a slot, as the page or the API received it. */
struct mc_eform_file {
	const char *slot; /* the doc id */
	const char *mime;
	size_t	    size;
};

/*
 * Checks the files against the slots: required slots filled, counts,
 * types and sizes; a file whose slot is unknown is an EE_UNKNOWN error;
 * files together over mc_eform_max_dossier_bytes() are EE_FILES_TOTAL at
 * the slot of the file that goes over.
 * Errors are added to errs after the n already there (up to max in all).
 * Returns the new count.
 */
size_t mc_eform_check_files(struct mc_arena *, const struct mc_eform *,
    const struct mc_eform_file *, size_t nfiles, struct mc_eform_error *errs,
    size_t n, size_t max);

/*
 * The most bytes the files of one dossier may hold together: config
 * max_dossier_bytes (default 50 MB).
 */
long long mc_eform_max_dossier_bytes(void);

/* 1 if add more bytes fit in a dossier holding have already; else 0. */
int mc_eform_total_ok(long long have, long long add);

/* 1 if the field is shown for the answers (row: the repeat's row or NULL). */
int mc_eform_shown(const struct mc_eform_field *, json_t *answers,
    json_t *row);

/* What an account knows of its holder, for prefilling (NULL: unknown). */
struct mc_eform_person {
	const char *name;
	const char *id_number; /* only a verified one */
	const char *phone;
	const char *email;
	const char *address; /* the street of an address field */
};

/*
 * Prefills the form's matching questions that answers has no answer for:
 * a field whose "properties" {"prefill": "name" | "id_number" | "phone"
 * | "email" | "address"} names one, else the first top-level (not
 * repeated) question of the type ID number, phone, e-mail or address, and
 * a text question keyed "full_name", "name" or "ho_ten" with the name.
 * The citizen may change any of them. Returns how many were filled.
 */
size_t mc_eform_prefill(const struct mc_eform *, json_t *answers,
    const struct mc_eform_person *);

/*
 * A question's tag, what it asks whatever its key, for filling one form
 * from another's answers: its "properties" {"prefill": "..."} when given
 * (any word: "name", "id_number", "date_of_birth", "family_members"...);
 * else a text keyed "full_name", "name" or "ho_ten" is "name", a date
 * keyed "date_of_birth", "ngay_sinh" or "dob" is "date_of_birth", and the
 * first (not repeated) question of the type ID number, phone, e-mail or
 * address is "id_number", "phone", "email" or "address". NULL: none.
 */
const char *mc_eform_tag(const struct mc_eform *,
    const struct mc_eform_field *);

/* What mc_eform_fill did. */
struct mc_eform_fill {
	size_t filled; /* questions answered from the source */
	size_t kept;   /* answered already, differently: left as typed */
};

/*
 * Fills the form f's questions in answers from src, the answers of another
 * dossier filed with form sf: each question (a repeating group as a whole)
 * takes the source question with its key, else the one with its tag
 * (mc_eform_tag), of the same type (text and long text alike); choices
 * keep only values f offers, a repeat's rows only the keys of its row
 * questions. An empty answer is filled; one the citizen gave differently
 * is counted in kept and left, unless overwrite. The values are answers
 * as typed: mc_eform_check judges them as any other.
 */
void mc_eform_fill(const struct mc_eform *f, json_t *answers,
    const struct mc_eform *sf, json_t *src, int overwrite,
    struct mc_eform_fill *);

/*
 * A long form's parts, for its task list (GOV.UK's pattern): each
 * top-level section is a part, and the top-level questions outside any
 * section are one more, where the first of them stands. A part is a form
 * of its own (the same fields, open: other answers are not its business,
 * no documents) drawn and checked on its own page.
 */
struct mc_eform_part {
	const struct mc_eform_field *section; /* NULL: the loose questions */
	struct mc_eform		     form;
};

/* A part's progress in the answers. */
enum mc_eform_progress {
	EFP_NOT_STARTED, /* errors, and none of its questions answered */
	EFP_IN_PROGRESS, /* answered, but the part's check finds errors */
	EFP_COMPLETED,	 /* its check finds no error */
	EFP_HIDDEN,	 /* a section its condition hides: nothing to do */
	EFP__MAX
};

/* "not_started", "in_progress", "completed", "hidden". */
const char *mc_eform_progress_name(enum mc_eform_progress);

/*
 * The form's parts into *parts (arena): how many; 0 when the form is not
 * long (fewer than two top-level sections).
 */
size_t mc_eform_parts(struct mc_arena *, const struct mc_eform *,
    struct mc_eform_part **parts);

/* The part's progress in answers (wards as for mc_eform_check). */
enum mc_eform_progress mc_eform_part_progress(struct mc_arena *,
    const struct mc_eform_part *, json_t *answers, mc_eform_ward_fn ward,
    void *arg);

/*
 * The part's answers from part_answers put into answers: each of its keys
 * replaced (removed when part_answers has none), the others kept.
 */
void mc_eform_part_merge(const struct mc_eform_part *, json_t *answers,
    json_t *part_answers);

/*
 * The default definition of a procedure from its catalogue documents
 * (documents: rows of enum cat_document_col, mc_catalogue): a section with
 * the request's content, and one optional upload slot per document. JSON
 * into the arena.
 */
struct mc_rows;
const char *mc_eform_default_json(struct mc_arena *,
    const struct mc_rows *documents);

/*
 * The form in force for a procedure at now: its latest version whose
 * effective date has come, else its default (documents as above). 0, or
 * -1 on a database error or a stored definition that no longer parses.
 */
int mc_eform_current(struct mc_db *, struct mc_arena *, long long procedure_id,
    const struct mc_rows *documents, time_t now, struct mc_eform *);

/*
 * What a submission's check needs of the procedure whose code is code:
 * its id in *proc and its form in force at now in f (the default from its
 * documents when it has none; neither its channels, legal basis nor
 * receiving agencies are read). 1 found, 0 no such procedure, -1 on a
 * database error or a stored definition that no longer parses.
 */
int mc_eform_current_of(struct mc_db *, struct mc_arena *, const char *code,
    time_t now, struct mc_eform *, long long *proc);

/* 1 if the form has an address field (its ward checked against a list). */
int mc_eform_has_address(const struct mc_eform *);

/*
 * Saves json (checked with mc_eform_parse first) as the procedure's next
 * form version, effective from effective (0: now), by account. Its
 * version number in *version. 0, -1 on a database error, or 1 when json
 * is refused (*problem and *subject set).
 */
int mc_eform_save(struct mc_db *, struct mc_arena *, long long procedure_id,
    const char *json, time_t effective, long long account, time_t now,
    long long *version, enum mc_eform_problem *problem, const char **subject);

/* A procedure's saved forms, newest first (who saved each, which is in force). */
enum mc_form_version_col {
	FV_VERSION,
	FV_EFFECTIVE,
	FV_CREATED,
	FV_BY,	    /* the account's name, "" when it is gone */
	FV_CURRENT, /* 1: the one in force at now */
	FV__MAX
};

/*
 * The form templates a designer may start a procedure's form from
 * (migration 0066), those of the procedure's own field of law first, then
 * those for any field, then the others: rows of enum mc_form_template_col
 * (at most 100). 0/-1.
 */
enum mc_form_template_col {
	FT_SLUG,
	FT_NAME,
	FT_NAME_EN,
	FT_OWN,	    /* 1: for the procedure's own field */
	FT_GENERAL, /* 1: for any field */
	FT_FIELD,   /* the field's name, NULL for any field */
	FT_FIELD_EN,
	FT__MAX
};
int mc_eform_templates(struct mc_db *, struct mc_arena *, long long proc,
    struct mc_rows *);

/* The template slug's definition (JSON) and name: 1, 0 none such, -1. */
int mc_eform_template(struct mc_db *, struct mc_arena *, const char *slug,
    const char **json, const char **name);

/* Rows of enum mc_form_version_col (at most 100). 0/-1. */
int mc_eform_versions(struct mc_db *, struct mc_arena *,
    long long procedure_id, time_t now, struct mc_rows *);

/*
 * Writes a dossier's answers (JSON, checked) with the form they were
 * filed with and the files of each slot (documents: JSON object slot ->
 * [sha256...]). Inside the caller's transaction (the submission's). 0/-1.
 */
int mc_eform_store_answers(struct mc_db *, long long dossier_id,
    const struct mc_eform *, const char *answers, const char *documents);

/*
 * A dossier's answers with the form they were filed with: 1 found (the
 * form parsed into f, answers and documents as JSON in the arena), 0 none
 * (filed before e-forms), -1 error.
 */
int mc_eform_load_answers(struct mc_db *, struct mc_arena *,
    long long dossier_id, struct mc_eform *f, const char **answers,
    const char **documents);

/* The current wards and communes for address fields: gso code, name, English name. */
enum mc_ward_col { WARD_CODE, WARD_NAME, WARD_NAME_EN, WARD__MAX };

/* The wards and communes in force, by name: rows of enum mc_ward_col. 0/-1. */
int mc_eform_wards(struct mc_db *, struct mc_arena *, struct mc_rows *);

/*
 * The wards read when an address is first checked, not before (the
 * argument of mc_eform_ward_lazy): db and a set, the rest zero.
 */
struct mc_eform_wardlist {
	struct mc_db	*db;
	struct mc_arena *a;
	struct mc_rows	 rows;
	int state; /* 0 not read yet, 1 read, -1 the read failed */
};

/*
 * An mc_eform_ward_fn over a struct mc_eform_wardlist: reads the wards at
 * its first call. 0 for every code once the read failed (state -1: the
 * caller answers with a database error).
 */
int mc_eform_ward_lazy(const char *code, void *wardlist);

/* 1 if code is in the rows mc_eform_wards gave (an mc_eform_ward_fn). */
int mc_eform_ward_in(const char *code, void *rows);

/* ------------------------------------------------------------ drafts */

/*
 * A citizen's filing in progress: saved at each step of the form, listed
 * in "my dossiers" with what is missing, reminded before it expires
 * (draft_days, default 30; draft_remind_days before, default 3) and then
 * deleted.
 */
struct mc_eform_draft {
	long long   id; /* 0: not saved yet */
	long long   account_id;
	long long   procedure_id;
	long long   form_id;
	const char *agency_code; /* or NULL */
	const char *applicant;	 /* JSON: name, id_number, phone, ... */
	const char *answers;	 /* JSON object */
	const char *documents; /* JSON: slot -> [{sha256, size, mime, name}] */
	long long   missing;   /* required answers and slots still empty */
	time_t	    expires_at;
};

/*
 * Saves the draft (a new row when d->id is 0: its id into d->id), its
 * expiry moved to now + draft_days, in one statement. 0, -1, or 1 when
 * the draft is not the account's (or gone).
 */
int mc_eform_draft_save(struct mc_db *, struct mc_eform_draft *, time_t now);

/* The account's draft id: 1 found (into d, arena), 0 none, -1 error. */
int mc_eform_draft_get(struct mc_db *, struct mc_arena *, long long id,
    long long account, struct mc_eform_draft *d);

/*
 * Deletes the account's draft (inside a caller's transaction, too): 1
 * deleted, 0 no such draft of that account, -1 error.
 */
int mc_eform_draft_delete(struct mc_db *, long long id, long long account);

/* An account's drafts, newest first: rows of enum mc_draft_col. 0/-1. */
enum mc_draft_col {
	DRAFT_ID,
	DRAFT_PROCEDURE_CODE,
	DRAFT_PROCEDURE_NAME,
	DRAFT_MISSING,
	DRAFT_UPDATED_AT,
	DRAFT_EXPIRES_AT,
	DRAFT__MAX
};
int mc_eform_draft_list(struct mc_db *, struct mc_arena *, long long account,
    struct mc_rows *);

/*
 * The worker's sweep at now: each draft expiring within draft_remind_days
 * and not yet reminded gets its reminder (mc_notify_draft: a notification
 * in the account and an e-mail when the account has an address), each in
 * its own transaction with its mark; then the expired drafts are deleted.
 * At most max of each. Returns how many reminders and deletions, or -1.
 */
long long mc_eform_draft_sweep(struct mc_db *, struct mc_arena *, time_t now,
    size_t max);

#endif
