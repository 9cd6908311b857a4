/*
 * E-forms: a procedure's filing form parsed from its JSON definition
 * (form-js components and upload slots), answers and files checked against
 * it, the default form generated from a catalogue entry, and the stored
 * versions and a dossier's answers.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc_account.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_catalogue.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_eform.h"
#include "mc_log.h"
#include "mc_outbox.h"
#include "mc_util.h"

#define MAX_FIELDS  300
#define MAX_OPTIONS 200
#define MAX_DOCS    60
#define MAX_ROWS    50
#define DEFAULT_MB  10
#define MAX_TEXT    4000 /* characters of a text answer without maxLength */

enum stmt {
	STMT_CURRENT,
	STMT_CURRENT_CODE,
	STMT_LAST_VERSION,
	STMT_INSERT,
	STMT_ANSWERS_PUT,
	STMT_ANSWERS_GET,
	STMT_WARDS,
	STMT_DRAFT_INSERT,
	STMT_DRAFT_UPDATE,
	STMT_DRAFT_OWNED,
	STMT_DRAFT_GET,
	STMT_DRAFT_DELETE,
	STMT_DRAFT_LIST,
	STMT_DRAFT_DUE,
	STMT_DRAFT_MARK,
	STMT_DRAFT_EXPIRE,
	STMT_VERSIONS,
	STMT_TEMPLATES,
	STMT_TEMPLATE,
	STMT__MAX
};

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_CURRENT] = "SELECT id, version, definition FROM procedure_forms "
	    "WHERE procedure_id = ? AND effective_from <= ? "
	    "ORDER BY effective_from DESC, version DESC LIMIT 1",
	/* A procedure's id and its form in force (NULLs: none), by code. */
	[STMT_CURRENT_CODE] = "SELECT p.id, f.id, f.version, f.definition "
	    "FROM procedures p LEFT JOIN procedure_forms f ON f.id = "
	    "(SELECT g.id FROM procedure_forms g WHERE g.procedure_id = p.id "
	    "AND g.effective_from <= ? "
	    "ORDER BY g.effective_from DESC, g.version DESC LIMIT 1) "
	    "WHERE p.code = ?",
	[STMT_LAST_VERSION] = "SELECT COALESCE(MAX(version), 0) "
	    "FROM procedure_forms WHERE procedure_id = ? FOR UPDATE",
	[STMT_INSERT] = "INSERT INTO procedure_forms (procedure_id, version, "
	    "definition, effective_from, created_at, created_by) "
	    "VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_ANSWERS_PUT] = "INSERT INTO dossier_answers (dossier_id, "
	    "form_id, definition, answers, documents) VALUES (?, ?, ?, ?, ?)",
	[STMT_ANSWERS_GET] = "SELECT a.form_id, COALESCE(f.definition, "
	    "a.definition), a.answers, a.documents, f.version "
	    "FROM dossier_answers a "
	    "LEFT JOIN procedure_forms f ON f.id = a.form_id "
	    "WHERE a.dossier_id = ?",
	[STMT_WARDS] = "SELECT gso_code, name, COALESCE(name_en, name) "
	    "FROM agencies WHERE kind = 'ward' AND gso_code IS NOT NULL "
	    "AND (valid_to IS NULL OR valid_to > CURDATE()) ORDER BY name",
	[STMT_DRAFT_INSERT] = "INSERT INTO form_drafts (account_id, "
	    "procedure_id, form_id, agency_code, applicant, answers, "
	    "documents, missing, created_at, updated_at, expires_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_DRAFT_UPDATE] = "UPDATE form_drafts SET form_id = ?, "
	    "agency_code = ?, applicant = ?, answers = ?, documents = ?, "
	    "missing = ?, updated_at = ?, expires_at = ?, reminded_at = NULL "
	    "WHERE id = ? AND account_id = ? AND procedure_id = ?",
	[STMT_DRAFT_OWNED] = "SELECT COUNT(*) FROM form_drafts "
	    "WHERE id = ? AND account_id = ? AND procedure_id = ?",
	[STMT_DRAFT_GET] = "SELECT id, account_id, procedure_id, "
	    "COALESCE(form_id, 0), agency_code, applicant, answers, "
	    "documents, missing, expires_at FROM form_drafts "
	    "WHERE id = ? AND account_id = ?",
	[STMT_DRAFT_DELETE] = "DELETE FROM form_drafts "
	    "WHERE id = ? AND account_id = ?",
	[STMT_DRAFT_LIST] = "SELECT d.id, p.code, p.name, d.missing, "
	    "d.updated_at, d.expires_at FROM form_drafts d "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "WHERE d.account_id = ? ORDER BY d.updated_at DESC, d.id DESC "
	    "LIMIT 50",
	[STMT_DRAFT_DUE] = "SELECT d.id, d.account_id, a.email, p.code, "
	    "p.name, d.expires_at, a.full_name FROM form_drafts d "
	    "JOIN accounts a ON a.id = d.account_id "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "WHERE d.expires_at <= ? AND d.expires_at > ? "
	    "AND d.reminded_at IS NULL ORDER BY d.expires_at LIMIT ?",
	[STMT_DRAFT_MARK] = "UPDATE form_drafts SET reminded_at = ? "
	    "WHERE id = ? AND reminded_at IS NULL",
	[STMT_DRAFT_EXPIRE] = "DELETE FROM form_drafts WHERE expires_at <= ? "
	    "ORDER BY expires_at LIMIT ?",
	[STMT_VERSIONS] = "SELECT f.version, f.effective_from, f.created_at, "
	    "COALESCE(a.full_name, '') AS saved_by, "
	    "IF(f.id = (SELECT c.id FROM procedure_forms c "
	    "WHERE c.procedure_id = f.procedure_id AND c.effective_from <= ? "
	    "ORDER BY c.effective_from DESC, c.version DESC LIMIT 1), 1, 0) "
	    "AS in_force "
	    "FROM procedure_forms f "
	    "LEFT JOIN accounts a ON a.id = f.created_by "
	    "WHERE f.procedure_id = ? ORDER BY f.version DESC LIMIT 100",
	/* The procedure's own field's first, then those for any field. */
	[STMT_TEMPLATES] = "SELECT t.slug, t.name, t.name_en, "
	    "IF(f.id IS NOT NULL AND f.id = p.field_id, 1, 0) AS own, "
	    "t.field_slug IS NULL AS general, f.name AS field_name, "
	    "f.name_en AS field_name_en FROM form_templates t "
	    "LEFT JOIN fields f ON f.slug = t.field_slug "
	    "JOIN procedures p ON p.id = ? "
	    "ORDER BY own DESC, general DESC, t.name LIMIT 100",
	[STMT_TEMPLATE] = "SELECT definition, name FROM form_templates "
	    "WHERE slug = ?",
};
/* clang-format on */

/* The columns of STMT_DRAFT_DUE. */
enum due_col {
	DUE_ID,
	DUE_ACCOUNT,
	DUE_EMAIL,
	DUE_CODE,
	DUE_NAME,
	DUE_EXPIRES,
	DUE_FULL_NAME,
	DUE__MAX
};

static const char *const type_names[EF__MAX] = {
	[EF_SECTION] = "section",
	[EF_REPEAT] = "repeat",
	[EF_TEXT] = "text",
	[EF_TEXTAREA] = "textarea",
	[EF_NUMBER] = "number",
	[EF_DATE] = "date",
	[EF_CHOICE] = "choice",
	[EF_CHECKLIST] = "checklist",
	[EF_CHECKBOX] = "checkbox",
	[EF_ID_NUMBER] = "id_number",
	[EF_PHONE] = "phone",
	[EF_EMAIL] = "email",
	[EF_ADDRESS] = "address",
	[EF_STATIC] = "static",
};

static const char *const problem_names[EP__MAX] = {
	[EP_JSON] = "json",
	[EP_TYPE] = "type",
	[EP_KEY] = "key",
	[EP_DUPLICATE] = "duplicate",
	[EP_CONDITION] = "condition",
	[EP_CONDITION_KEY] = "condition_key",
	[EP_OPTIONS] = "options",
	[EP_DOCUMENT] = "document",
	[EP_TOO_BIG] = "too_big",
};

static const char *const err_names[EE__MAX] = {
	[EE_REQUIRED] = "required",
	[EE_FORMAT] = "format",
	[EE_TOO_LONG] = "too_long",
	[EE_TOO_SHORT] = "too_short",
	[EE_RANGE] = "range",
	[EE_CHOICE] = "choice",
	[EE_DATE] = "date",
	[EE_ID_NUMBER] = "id_number",
	[EE_PHONE] = "phone",
	[EE_EMAIL] = "email",
	[EE_WARD] = "ward",
	[EE_ROWS] = "rows",
	[EE_UNKNOWN] = "unknown",
	[EE_FILE_REQUIRED] = "file_required",
	[EE_FILE_COUNT] = "file_count",
	[EE_FILE_TYPE] = "file_type",
	[EE_FILE_SIZE] = "file_size",
	[EE_FILES_TOTAL] = "files_total",
};

const char *
mc_eform_type_name(enum mc_eform_type t)
{
	return t < EF__MAX ? type_names[t] : "text";
}

const char *
mc_eform_problem_name(enum mc_eform_problem p)
{
	return p < EP__MAX ? problem_names[p] : "json";
}

const char *
mc_eform_err_name(enum mc_eform_err e)
{
	return e < EE__MAX ? err_names[e] : "format";
}

/* ------------------------------------------------------------ parsing */

struct parse {
	struct mc_arena	     *a;
	enum mc_eform_problem problem;
	const char	     *subject;
	size_t		      count;
	const char	    **keys; /* every key, for duplicates/conditions */
	size_t		      nkeys;
};

static const char *
str(struct mc_arena *a, json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);

	if (!json_is_string(v) || *json_string_value(v) == '\0')
		return NULL;
	return mc_arena_strdup(a, json_string_value(v));
}

static int
fail(struct parse *p, enum mc_eform_problem why, const char *subject)
{
	p->problem = why;
	p->subject = subject;
	return -1;
}

/* A key: a letter or '_', then letters, digits, '_'; up to 64 bytes. */
static int
key_ok(const char *k)
{
	size_t i;

	if (k == NULL || !(isalpha((unsigned char)k[0]) || k[0] == '_'))
		return 0;
	for (i = 1; k[i] != '\0'; i++)
		if (!isalnum((unsigned char)k[i]) && k[i] != '_')
			return 0;
	return i <= 64;
}

static int
has_key(const struct parse *p, const char *k)
{
	size_t i;

	for (i = 0; i < p->nkeys; i++)
		if (strcmp(p->keys[i], k) == 0)
			return 1;
	return 0;
}

/* A number member as a double; 1 if present. */
static int
num(json_t *o, const char *name, double *out)
{
	json_t *v = json_object_get(o, name);

	if (!json_is_number(v))
		return 0;
	*out = json_number_value(v);
	return 1;
}

/* Skips spaces. */
static const char *
skip(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return s;
}

/* Reads an identifier into the arena; *s moves past it. */
static const char *
ident(struct mc_arena *a, const char **s)
{
	const char *b = *s, *e = b;

	while (isalnum((unsigned char)*e) || *e == '_')
		e++;
	if (e == b)
		return NULL;
	*s = e;
	return mc_arena_strndup(a, b, (size_t)(e - b));
}

/*
 * The conditions this engine evaluates (a small part of FEEL):
 * "=k = \"v\"", "=k != \"v\"", "=k = 12", "=k = true", "=k", "=not(k)".
 */
static int
parse_cond(struct parse *p, struct mc_eform_field *f, const char *text)
{
	const char *s = skip(text), *e;
	int	    neg = 0;

	if (*s == '=')
		s = skip(s + 1);
	if (strncmp(s, "not(", 4) == 0) {
		s = skip(s + 4);
		if ((f->cond_key = ident(p->a, &s)) == NULL ||
		    *(s = skip(s)) != ')' || *skip(s + 1) != '\0')
			return fail(p, EP_CONDITION, text);
		f->cond = COND_FALSY;
		return 0;
	}
	if ((f->cond_key = ident(p->a, &s)) == NULL)
		return fail(p, EP_CONDITION, text);
	s = skip(s);
	if (*s == '\0') {
		f->cond = COND_TRUTHY;
		return 0;
	}
	if (s[0] == '!' && s[1] == '=')
		neg = 1, s++;
	if (*s != '=')
		return fail(p, EP_CONDITION, text);
	s = skip(s + 1);
	if (*s == '"') {
		if ((e = strchr(s + 1, '"')) == NULL || *skip(e + 1) != '\0')
			return fail(p, EP_CONDITION, text);
		f->cond_value = mc_arena_strndup(p->a, s + 1,
		    (size_t)(e - s - 1));
	} else {
		e = s;
		while (isalnum((unsigned char)*e) || *e == '.' || *e == '-')
			e++;
		if (e == s || *skip(e) != '\0')
			return fail(p, EP_CONDITION, text);
		f->cond_value = mc_arena_strndup(p->a, s, (size_t)(e - s));
	}
	f->cond = neg ? COND_NE : COND_EQ;
	return 0;
}

static int parse_list(struct parse *, json_t *, int depth,
    struct mc_eform_field **, size_t *);

static int
parse_options(struct parse *p, json_t *c, struct mc_eform_field *f)
{
	json_t *vals = json_object_get(c, "values"), *v;
	size_t	i, n;

	if (!json_is_array(vals) || (n = json_array_size(vals)) == 0 ||
	    n > MAX_OPTIONS)
		return fail(p, EP_OPTIONS, f->key);
	f->options = mc_arena_alloc(p->a, n * sizeof(*f->options));
	json_array_foreach (vals, i, v) {
		json_t *val = json_object_get(v, "value");

		if (json_is_string(val))
			f->options[i].value = mc_arena_strdup(p->a,
			    json_string_value(val));
		else if (json_is_integer(val))
			f->options[i].value = mc_arena_printf(p->a, "%lld",
			    (long long)json_integer_value(val));
		else
			return fail(p, EP_OPTIONS, f->key);
		f->options[i].label = str(p->a, v, "label");
		if (f->options[i].label == NULL)
			f->options[i].label = f->options[i].value;
	}
	f->noptions = n;
	return 0;
}

/* The field type of a form-js component; -1 if not one we draw, -2 skip. */
static int
component_type(json_t *c)
{
	const char *t = json_string_value(json_object_get(c, "type"));
	json_t	   *props = json_object_get(c, "properties");
	const char *mt = json_string_value(json_object_get(props, "type"));
	const char *vt = json_string_value(
	    json_object_get(json_object_get(c, "validate"), "validationType"));
	const char *sub = json_string_value(json_object_get(c, "subtype"));

	if (t == NULL)
		return -1;
	if (strcmp(t, "group") == 0)
		return EF_SECTION;
	if (strcmp(t, "dynamiclist") == 0)
		return EF_REPEAT;
	if (strcmp(t, "textfield") == 0) {
		if (mt != NULL && strcmp(mt, "id_number") == 0)
			return EF_ID_NUMBER;
		if (mt != NULL && strcmp(mt, "address") == 0)
			return EF_ADDRESS;
		if (vt != NULL && strcmp(vt, "email") == 0)
			return EF_EMAIL;
		if (vt != NULL && strcmp(vt, "phone") == 0)
			return EF_PHONE;
		return EF_TEXT;
	}
	if (strcmp(t, "textarea") == 0)
		return EF_TEXTAREA;
	if (strcmp(t, "number") == 0)
		return EF_NUMBER;
	if (strcmp(t, "datetime") == 0)
		return sub != NULL && strcmp(sub, "date") == 0 ? EF_DATE : -1;
	if (strcmp(t, "select") == 0 || strcmp(t, "radio") == 0)
		return EF_CHOICE;
	if (strcmp(t, "checklist") == 0)
		return EF_CHECKLIST;
	if (strcmp(t, "checkbox") == 0)
		return EF_CHECKBOX;
	if (strcmp(t, "text") == 0)
		return EF_STATIC;
	if (strcmp(t, "spacer") == 0 || strcmp(t, "separator") == 0)
		return -2;
	return -1;
}

static int
parse_component(struct parse *p, json_t *c, int depth,
    struct mc_eform_field *f)
{
	json_t	   *val = json_object_get(c, "validate");
	json_t	   *props = json_object_get(c, "properties");
	json_t	   *cond = json_object_get(c, "conditional");
	const char *hide;
	double	    d;
	int	    t = component_type(c);

	memset(f, 0, sizeof(*f));
	if (t < 0)
		return fail(p, EP_TYPE,
		    str(p->a, c, "type") ? str(p->a, c, "type") : "?");
	if (++p->count > MAX_FIELDS)
		return fail(p, EP_TOO_BIG, NULL);
	f->type = (enum mc_eform_type)t;
	f->label = str(p->a, c, "label");
	if (f->label == NULL && t == EF_DATE) /* form-js's name for it */
		f->label = str(p->a, c, "dateLabel");
	f->label_en = str(p->a, props, "label_en");
	f->prefill = str(p->a, props, "prefill");
	f->help = str(p->a, c, t == EF_STATIC ? "text" : "description");
	f->help_en = str(p->a, props, "description_en");
	if (json_is_true(json_object_get(val, "required")))
		f->required = 1;
	if (num(val, "minLength", &d) && d > 0)
		f->min_len = (long long)d;
	if (num(val, "maxLength", &d) && d > 0)
		f->max_len = (long long)d;
	f->has_min = num(val, "min", &f->min);
	f->has_max = num(val, "max", &f->max);
	if ((hide = json_string_value(json_object_get(cond, "hide"))) !=
		NULL &&
	    *hide != '\0') {
		f->cond_text = mc_arena_strdup(p->a, hide);
		if (parse_cond(p, f, hide) < 0)
			return -1;
	}
	if (t == EF_SECTION || t == EF_STATIC) {
		if (t == EF_SECTION &&
		    (depth > 0 ||
			parse_list(p, json_object_get(c, "components"),
			    depth + 1, &f->children, &f->nchildren) < 0))
			return p->count > MAX_FIELDS || depth == 0 ?
			    -1 :
			    fail(p, EP_TOO_BIG, f->label);
		return 0;
	}
	f->key = str(p->a, c, t == EF_REPEAT ? "path" : "key");
	if (!key_ok(f->key))
		return fail(p, EP_KEY, f->label ? f->label : f->key);
	if (has_key(p, f->key))
		return fail(p, EP_DUPLICATE, f->key);
	p->keys[p->nkeys++] = f->key;
	if (t == EF_REPEAT) {
		f->max_rows = MAX_ROWS;
		if (num(props, "max_rows", &d) && d >= 1 && d <= MAX_ROWS)
			f->max_rows = (int)d;
		if (depth > 1)
			return fail(p, EP_TOO_BIG, f->key);
		return parse_list(p, json_object_get(c, "components"), 2,
		    &f->children, &f->nchildren);
	}
	if ((t == EF_CHOICE || t == EF_CHECKLIST) &&
	    parse_options(p, c, f) < 0)
		return -1;
	return 0;
}

static int
parse_list(struct parse *p, json_t *list, int depth,
    struct mc_eform_field **out, size_t *nout)
{
	json_t *c;
	size_t	i, n = 0;

	*out = NULL;
	*nout = 0;
	if (list == NULL)
		return 0;
	if (!json_is_array(list))
		return fail(p, EP_JSON, "components");
	if (json_array_size(list) > MAX_FIELDS)
		return fail(p, EP_TOO_BIG, NULL);
	*out = mc_arena_alloc(p->a,
	    (json_array_size(list) + 1) * sizeof(**out));
	json_array_foreach (list, i, c) {
		if (!json_is_object(c))
			return fail(p, EP_JSON, "components");
		if (component_type(c) == -2)
			continue;
		if (depth == 2 &&
		    (component_type(c) == EF_SECTION ||
			component_type(c) == EF_REPEAT))
			return fail(p, EP_TOO_BIG, str(p->a, c, "label"));
		if (parse_component(p, c, depth, &(*out)[n]) < 0)
			return -1;
		n++;
	}
	*nout = n;
	return 0;
}

static unsigned
doc_types(json_t *types)
{
	json_t	   *v;
	size_t	    i;
	unsigned    t = 0;
	const char *s;

	if (!json_is_array(types))
		return EFT_PDF | EFT_JPEG | EFT_PNG;
	json_array_foreach (types, i, v) {
		if ((s = json_string_value(v)) == NULL)
			return 0;
		if (strcmp(s, "pdf") == 0)
			t |= EFT_PDF;
		else if (strcmp(s, "jpeg") == 0 || strcmp(s, "jpg") == 0)
			t |= EFT_JPEG;
		else if (strcmp(s, "png") == 0)
			t |= EFT_PNG;
		else
			return 0;
	}
	return t;
}

static int
parse_docs(struct parse *p, json_t *docs, struct mc_eform *f)
{
	json_t *d;
	size_t	i, j;
	double	v;

	if (docs == NULL)
		return 0;
	if (!json_is_array(docs) || json_array_size(docs) > MAX_DOCS)
		return fail(p, EP_DOCUMENT, "documents");
	f->docs = mc_arena_alloc(p->a,
	    (json_array_size(docs) + 1) * sizeof(*f->docs));
	json_array_foreach (docs, i, d) {
		struct mc_eform_doc *s = &f->docs[i];

		memset(s, 0, sizeof(*s));
		s->id = str(p->a, d, "id");
		s->name = str(p->a, d, "name");
		s->group = str(p->a, d, "group");
		if (!key_ok(s->id) || s->name == NULL)
			return fail(p, EP_DOCUMENT, s->id ? s->id : s->name);
		for (j = 0; j < i; j++)
			if (strcmp(f->docs[j].id, s->id) == 0)
				return fail(p, EP_DUPLICATE, s->id);
		s->originals = num(d, "originals", &v) && v >= 0 && v < 100 ?
		    (int)v :
		    0;
		s->copies = num(d, "copies", &v) && v >= 0 && v < 100 ?
		    (int)v :
		    0;
		s->required = json_is_true(json_object_get(d, "required"));
		if ((s->types = doc_types(json_object_get(d, "types"))) == 0)
			return fail(p, EP_DOCUMENT, s->id);
		s->max_bytes = (long long)DEFAULT_MB << 20;
		if (num(d, "max_mb", &v) && v > 0 && v <= 50)
			s->max_bytes = (long long)(v * (1 << 20));
		s->max_files = 3;
		if (num(d, "max_files", &v) && v >= 1 && v <= 20)
			s->max_files = (int)v;
	}
	f->ndocs = json_array_size(docs);
	return 0;
}

/* Every condition names a known key. */
static int
check_conds(struct parse *p, const struct mc_eform_field *fs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (fs[i].cond != COND_NONE && !has_key(p, fs[i].cond_key))
			return fail(p, EP_CONDITION_KEY, fs[i].cond_key);
		if (check_conds(p, fs[i].children, fs[i].nchildren) < 0)
			return -1;
	}
	return 0;
}

int
mc_eform_parse(struct mc_arena *a, const char *text, struct mc_eform *f,
    enum mc_eform_problem *problem, const char **subject)
{
	struct parse p;
	json_t	    *root;
	int	     rc = -1;

	memset(f, 0, sizeof(*f));
	memset(&p, 0, sizeof(p));
	p.a = a;
	p.keys = mc_arena_alloc(a, (MAX_FIELDS + 1) * sizeof(*p.keys));
	p.problem = EP_JSON;
	if ((root = json_loads(text ? text : "", 0, NULL)) == NULL ||
	    !json_is_object(root)) {
		fail(&p, EP_JSON, NULL);
		goto out;
	}
	f->json = mc_arena_strdup(a, text);
	f->open = json_is_true(json_object_get(root, "open"));
	if (parse_list(&p, json_object_get(root, "components"), 0, &f->fields,
		&f->nfields) < 0 ||
	    check_conds(&p, f->fields, f->nfields) < 0 ||
	    parse_docs(&p, json_object_get(root, "documents"), f) < 0)
		goto out;
	rc = 0;
out:
	json_decref(root);
	if (rc < 0) {
		*problem = p.problem;
		*subject = p.subject;
	}
	return rc;
}

/* ------------------------------------------------------------ checking */

static int
given(json_t *v)
{
	if (v == NULL || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_string(v))
		return *json_string_value(v) != '\0';
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_object(v))
		return json_object_size(v) > 0;
	return 1;
}

int
mc_eform_shown(const struct mc_eform_field *f, json_t *answers, json_t *row)
{
	json_t	   *v = NULL;
	const char *t;
	char	    buf[64];
	int	    hide;

	if (f->cond == COND_NONE)
		return 1;
	if (row != NULL)
		v = json_object_get(row, f->cond_key);
	if (v == NULL)
		v = json_object_get(answers, f->cond_key);
	switch (f->cond) {
	case COND_TRUTHY:
		hide = given(v);
		break;
	case COND_FALSY:
		hide = !given(v);
		break;
	default:
		t = NULL;
		if (json_is_string(v))
			t = json_string_value(v);
		else if (json_is_integer(v)) {
			snprintf(buf, sizeof(buf), "%lld",
			    (long long)json_integer_value(v));
			t = buf;
		} else if (json_is_boolean(v))
			t = json_is_true(v) ? "true" : "false";
		hide = t != NULL && strcmp(t, f->cond_value) == 0;
		if (f->cond == COND_NE)
			hide = !hide;
		break;
	}
	return !hide;
}

struct check {
	struct mc_arena	      *a;
	struct mc_eform_error *errs;
	size_t		       n, max;
	mc_eform_ward_fn       ward;
	void		      *arg;
	json_t		      *answers;
};

static void
add(struct check *c, const char *path, const struct mc_eform_field *f,
    enum mc_eform_err code)
{
	if (c->n < c->max) {
		c->errs[c->n].path = path;
		c->errs[c->n].label = f ? f->label : NULL;
		c->errs[c->n].label_en = f ? f->label_en : NULL;
		c->errs[c->n].code = code;
	}
	c->n++;
}

/* 1 if s is a real calendar date "YYYY-MM-DD". */
static int
date_ok(const char *s)
{
	int y, m, d;

	return mc_date_parse(s, &y, &m, &d) == 0 && y >= 1900 && y <= 2200;
}

/* A plain e-mail check: one '@', a dot after it, no spaces. */
static int
email_ok(const char *s)
{
	const char *at = strchr(s, '@');

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    strchr(at + 1, '.') == NULL || strlen(s) > 254)
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ')
			return 0;
	return at[strlen(at) - 1] != '.';
}

static int
option_ok(const struct mc_eform_field *f, const char *v)
{
	size_t i;

	for (i = 0; i < f->noptions; i++)
		if (strcmp(f->options[i].value, v) == 0)
			return 1;
	return 0;
}

static void check_list(struct check *, const struct mc_eform_field *, size_t,
    json_t *obj, json_t *row, const char *prefix);

/* Checks one text-like answer's length; 0 good. */
static int
check_len(struct check *c, const char *path, const struct mc_eform_field *f,
    const char *s)
{
	size_t n = mc_utf8_chars(s);

	if (n > (size_t)(f->max_len > 0 ? f->max_len : MAX_TEXT)) {
		add(c, path, f, EE_TOO_LONG);
		return -1;
	}
	if (f->min_len > 0 && n < (size_t)f->min_len) {
		add(c, path, f, EE_TOO_SHORT);
		return -1;
	}
	return 0;
}

static void
check_field(struct check *c, const struct mc_eform_field *f, json_t *obj,
    const char *path)
{
	json_t	   *v = json_object_get(obj, f->key), *e;
	const char *s;
	size_t	    i;
	double	    d;

	if (!given(v) && f->type != EF_REPEAT) {
		if (f->required)
			add(c, path, f, EE_REQUIRED);
		return;
	}
	switch (f->type) {
	case EF_NUMBER:
		if (json_is_string(v)) {
			char *end;

			d = strtod(json_string_value(v), &end);
			if (*end != '\0' || !isfinite(d)) {
				add(c, path, f, EE_FORMAT);
				return;
			}
			json_object_set_new(obj, f->key, json_real(d));
			if (d == floor(d) && fabs(d) < 1e15)
				json_object_set_new(obj, f->key,
				    json_integer((json_int_t)d));
		} else if (!json_is_number(v)) {
			add(c, path, f, EE_FORMAT);
			return;
		} else
			d = json_number_value(v);
		if ((f->has_min && d < f->min) || (f->has_max && d > f->max))
			add(c, path, f, EE_RANGE);
		return;
	case EF_CHECKBOX:
		if (!json_is_boolean(v))
			add(c, path, f, EE_FORMAT);
		return;
	case EF_CHECKLIST:
		if (!json_is_array(v)) {
			add(c, path, f, EE_FORMAT);
			return;
		}
		json_array_foreach (v, i, e) {
			if (!json_is_string(e) ||
			    !option_ok(f, json_string_value(e))) {
				add(c, path, f, EE_CHOICE);
				return;
			}
		}
		return;
	case EF_ADDRESS: {
		const char *street, *ward;

		if (!json_is_object(v)) {
			add(c, path, f, EE_FORMAT);
			return;
		}
		street = json_string_value(json_object_get(v, "street"));
		ward = json_string_value(json_object_get(v, "ward"));
		if (f->required &&
		    (street == NULL || *street == '\0' || ward == NULL ||
			*ward == '\0')) {
			add(c, path, f, EE_REQUIRED);
			return;
		}
		if (street != NULL && mc_utf8_chars(street) > 500) {
			add(c, path, f, EE_TOO_LONG);
			return;
		}
		if (ward != NULL && *ward != '\0' &&
		    (c->ward != NULL ? !c->ward(ward, c->arg) :
				       strlen(ward) > 16))
			add(c, path, f, EE_WARD);
		return;
	}
	case EF_REPEAT:
		if (v == NULL || json_is_null(v)) {
			if (f->required)
				add(c, path, f, EE_REQUIRED);
			return;
		}
		if (!json_is_array(v)) {
			add(c, path, f, EE_FORMAT);
			return;
		}
		if (json_array_size(v) > (size_t)f->max_rows) {
			add(c, path, f, EE_ROWS);
			return;
		}
		if (f->required && json_array_size(v) == 0) {
			add(c, path, f, EE_REQUIRED);
			return;
		}
		json_array_foreach (v, i, e) {
			if (!json_is_object(e)) {
				add(c, path, f, EE_FORMAT);
				return;
			}
			check_list(c, f->children, f->nchildren, e, e,
			    mc_arena_printf(c->a, "%s.%zu.", path, i));
		}
		return;
	default:
		break;
	}
	if (!json_is_string(v)) {
		add(c, path, f, EE_FORMAT);
		return;
	}
	s = json_string_value(v);
	if (check_len(c, path, f, s) < 0)
		return;
	switch (f->type) {
	case EF_DATE:
		if (!date_ok(s))
			add(c, path, f, EE_DATE);
		break;
	case EF_CHOICE:
		if (!option_ok(f, s))
			add(c, path, f, EE_CHOICE);
		break;
	case EF_ID_NUMBER:
		if (!mc_account_id_number_ok(s))
			add(c, path, f, EE_ID_NUMBER);
		break;
	case EF_PHONE:
		if (!mc_account_phone_ok(s))
			add(c, path, f, EE_PHONE);
		break;
	case EF_EMAIL:
		if (!email_ok(s))
			add(c, path, f, EE_EMAIL);
		break;
	default:
		break;
	}
}

static void
check_list(struct check *c, const struct mc_eform_field *fs, size_t n,
    json_t *obj, json_t *row, const char *prefix)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mc_eform_field *f = &fs[i];

		if (!mc_eform_shown(f, c->answers, row)) {
			if (f->key != NULL)
				json_object_del(obj, f->key);
			if (f->type == EF_SECTION) /* its fields go too */
				check_list(c, f->children, f->nchildren, NULL,
				    row, prefix);
			continue;
		}
		if (f->type == EF_SECTION) {
			check_list(c, f->children, f->nchildren, obj, row,
			    prefix);
			continue;
		}
		if (f->key == NULL || obj == NULL)
			continue;
		check_field(c, f, obj,
		    mc_arena_printf(c->a, "%s%s", prefix, f->key));
	}
}

/* Drops the answers of a hidden section's fields. */
static void
drop_hidden(const struct mc_eform_field *fs, size_t n, json_t *obj)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (fs[i].key != NULL)
			json_object_del(obj, fs[i].key);
		drop_hidden(fs[i].children, fs[i].nchildren, obj);
	}
}

/* The field with key among fs (sections looked into), or NULL. */
static const struct mc_eform_field *
find(const struct mc_eform_field *fs, size_t n, const char *key)
{
	const struct mc_eform_field *f;
	size_t			     i;

	for (i = 0; i < n; i++) {
		if (fs[i].key != NULL && strcmp(fs[i].key, key) == 0)
			return &fs[i];
		if (fs[i].type == EF_SECTION &&
		    (f = find(fs[i].children, fs[i].nchildren, key)) != NULL)
			return f;
	}
	return NULL;
}

size_t
mc_eform_check(struct mc_arena *a, const struct mc_eform *f, json_t *answers,
    mc_eform_ward_fn ward, void *arg, struct mc_eform_error *errs, size_t max)
{
	struct check c;
	const char  *k;
	json_t	    *v;
	void	    *tmp;
	size_t	     i;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.errs = errs;
	c.max = max;
	c.ward = ward;
	c.arg = arg;
	c.answers = answers;
	if (answers == NULL || !json_is_object(answers)) {
		add(&c, "fields", NULL, EE_FORMAT);
		return c.n;
	}
	for (i = 0; i < f->nfields; i++)
		if (f->fields[i].type == EF_SECTION &&
		    !mc_eform_shown(&f->fields[i], answers, NULL))
			drop_hidden(f->fields[i].children,
			    f->fields[i].nchildren, answers);
	check_list(&c, f->fields, f->nfields, answers, NULL, "");
	if (!f->open)
		json_object_foreach_safe(answers, tmp, k, v)
		{
			(void)v;
			if (find(f->fields, f->nfields, k) == NULL)
				add(&c, mc_arena_strdup(a, k), NULL,
				    EE_UNKNOWN);
		}
	return c.n;
}

static unsigned
mime_type(const char *mime)
{
	if (mime == NULL)
		return 0;
	if (strcmp(mime, "application/pdf") == 0)
		return EFT_PDF;
	if (strcmp(mime, "image/jpeg") == 0)
		return EFT_JPEG;
	if (strcmp(mime, "image/png") == 0)
		return EFT_PNG;
	return 0;
}

long long
mc_eform_max_dossier_bytes(void)
{
	return mc_config_int("max_dossier_bytes", 50LL << 20, 1, 1LL << 40);
}

int
mc_eform_total_ok(long long have, long long add)
{
	long long max = mc_eform_max_dossier_bytes();

	return have >= 0 && add >= 0 && have <= max && add <= max - have;
}

size_t
mc_eform_check_files(struct mc_arena *a, const struct mc_eform *f,
    const struct mc_eform_file *files, size_t nfiles,
    struct mc_eform_error *errs, size_t n, size_t max)
{
	struct check c;
	size_t	     i, j, count;
	const char  *path;
	long long    total = 0;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.errs = errs;
	c.n = n;
	c.max = max;
	for (j = 0; j < nfiles; j++) {
		struct mc_eform_field fake;

		if (mc_eform_total_ok(total, (long long)files[j].size)) {
			total += (long long)files[j].size;
			continue;
		}
		memset(&fake, 0, sizeof(fake));
		for (i = 0; i < f->ndocs; i++)
			if (strcmp(files[j].slot, f->docs[i].id) == 0)
				fake.label = f->docs[i].name;
		add(&c, mc_arena_printf(a, "doc.%s", files[j].slot), &fake,
		    EE_FILES_TOTAL);
		break;
	}
	for (j = 0; j < nfiles; j++) {
		for (i = 0; i < f->ndocs; i++)
			if (strcmp(files[j].slot, f->docs[i].id) == 0)
				break;
		if (i == f->ndocs)
			add(&c, mc_arena_printf(a, "doc.%s", files[j].slot),
			    NULL, EE_UNKNOWN);
	}
	for (i = 0; i < f->ndocs; i++) {
		const struct mc_eform_doc *d = &f->docs[i];
		struct mc_eform_field	   fake;

		memset(&fake, 0, sizeof(fake));
		fake.label = d->name;
		path = mc_arena_printf(a, "doc.%s", d->id);
		for (j = count = 0; j < nfiles; j++) {
			if (strcmp(files[j].slot, d->id) != 0)
				continue;
			count++;
			if ((mime_type(files[j].mime) & d->types) == 0)
				add(&c, path, &fake, EE_FILE_TYPE);
			else if ((long long)files[j].size > d->max_bytes)
				add(&c, path, &fake, EE_FILE_SIZE);
		}
		if (count == 0 && d->required)
			add(&c, path, &fake, EE_FILE_REQUIRED);
		if (count > (size_t)d->max_files)
			add(&c, path, &fake, EE_FILE_COUNT);
	}
	return c.n;
}

/* ------------------------------------------------------------ default */

const char *
mc_eform_default_json(struct mc_arena *a, const struct mc_rows *docs)
{
	json_t	   *root, *list, *slots, *sec;
	char	   *s;
	const char *out;
	size_t	    i;

	list = json_array();
	json_array_append_new(list,
	    json_pack("{s:s, s:s, s:s, s:s, s:{s:i}, s:{s:s, s:s}}", "type",
		"textarea", "key", "content", "label", "Nội dung yêu cầu",
		"description",
		"Ghi rõ việc anh/chị đề nghị và thông tin cần thiết khác.",
		"validate", "maxLength", 4000, "properties", "label_en",
		"What you are asking for", "description_en",
		"Say what you request and anything else the agency needs."));
	sec = json_pack("{s:s, s:s, s:o, s:{s:s}}", "type", "group", "label",
	    "Yêu cầu", "components", list, "properties", "label_en",
	    "Your request");
	slots = json_array();
	for (i = 0; docs != NULL && i < docs->n && i < MAX_DOCS; i++) {
		/* Names imported before direction controls were stripped
		 * (mc_import): the designer would refuse them. */
		const char *name = mc_rows_str(docs, i, CDOC_NAME);
		json_t	   *d = json_pack("{s:s, s:s, s:i, s:i, s:b, s:[sss], "
					      "s:i, s:i}",
			"id", mc_arena_printf(a, "d%zu", i + 1), "name",
			name ? mc_text_strip_bidi(mc_arena_strdup(a, name)) : "",
			"originals", (int)mc_rows_int(docs, i, CDOC_ORIGINALS),
			"copies", (int)mc_rows_int(docs, i, CDOC_COPIES),
			"required", 0, "types", "pdf", "jpeg", "png", "max_mb",
			DEFAULT_MB, "max_files", 3);

		if (d == NULL)
			continue;
		if (mc_rows_str(docs, i, CDOC_GROUP) != NULL &&
		    *mc_rows_str(docs, i, CDOC_GROUP) != '\0')
			json_object_set_new(d, "group",
			    json_string(mc_text_strip_bidi(mc_arena_strdup(a,
				mc_rows_str(docs, i, CDOC_GROUP)))));
		json_array_append_new(slots, d);
	}
	root = json_pack("{s:[o], s:o, s:b, s:s}", "components", sec,
	    "documents", slots, "open", 1, "schemaVersion", "default");
	s = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	out = mc_arena_strdup(a, s ? s : "{}");
	free(s);
	return out;
}

/* ------------------------------------------------------------ storage */

/*
 * Parses the stored definition of form id (version) of procedure proc
 * into f. 0 or -1 (logged).
 */
static int
form_stored(struct mc_arena *a, long long proc, const char *id,
    long long version, const char *json, struct mc_eform *f)
{
	enum mc_eform_problem p;
	const char	     *subj;

	if (mc_eform_parse(a, json, f, &p, &subj) < 0) {
		mc_err("eform: form %s of procedure %lld: %s", id, proc,
		    mc_eform_problem_name(p));
		return -1;
	}
	f->id = strtoll(id, NULL, 10);
	f->version = version;
	return 0;
}

int
mc_eform_current(struct mc_db *db, struct mc_arena *a, long long proc,
    const struct mc_rows *docs, time_t now, struct mc_eform *f)
{
	struct mc_rows	      rows;
	enum mc_eform_problem p;
	const char	     *subj;
	char		      at[20];

	mc_time_sql(at, now);
	if (mc_db_query(db, a, &rows, stmts[STMT_CURRENT], "is", proc, at) < 0)
		return -1;
	if (rows.n == 0)
		return mc_eform_parse(a, mc_eform_default_json(a, docs), f, &p,
		    &subj);
	return form_stored(a, proc, mc_rows_str(&rows, 0, 0),
	    mc_rows_int(&rows, 0, 1), mc_rows_str(&rows, 0, 2), f);
}

int
mc_eform_current_of(struct mc_db *db, struct mc_arena *a, const char *code,
    time_t now, struct mc_eform *f, long long *proc)
{
	struct mc_rows	      rows, docs;
	enum mc_eform_problem p;
	const char	     *subj;
	char		      at[20];

	mc_time_sql(at, now);
	if (mc_db_query(db, a, &rows, stmts[STMT_CURRENT_CODE], "ss", at,
		code) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	*proc = mc_rows_int(&rows, 0, 0);
	if (mc_rows_str(&rows, 0, 1) != NULL)
		return form_stored(a, *proc, mc_rows_str(&rows, 0, 1),
			   mc_rows_int(&rows, 0, 2), mc_rows_str(&rows, 0, 3),
			   f) < 0 ?
		    -1 :
		    1;
	/* No form of its own: the default, from its documents. */
	if (mc_catalogue_documents(db, a, *proc, &docs) < 0 ||
	    mc_eform_parse(a, mc_eform_default_json(a, &docs), f, &p, &subj) <
		0)
		return -1;
	return 1;
}

/* 1 if one of the n fields (or their children) is an address. */
static int
fields_address(const struct mc_eform_field *fs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fs[i].type == EF_ADDRESS ||
		    fields_address(fs[i].children, fs[i].nchildren))
			return 1;
	return 0;
}

int
mc_eform_has_address(const struct mc_eform *f)
{
	return fields_address(f->fields, f->nfields);
}

int
mc_eform_save(struct mc_db *db, struct mc_arena *a, long long proc,
    const char *json, time_t effective, long long account, time_t now,
    long long *version, enum mc_eform_problem *problem, const char **subject)
{
	struct mc_eform f;
	struct mc_rows	rows;
	struct mc_audit e;
	char		at[20], eff[20];

	if (mc_eform_parse(a, json, &f, problem, subject) < 0)
		return 1;
	mc_time_sql(at, now);
	mc_time_sql(eff, effective ? effective : now);
	if (mc_db_begin(db) < 0)
		return -1;
	if (mc_db_query(db, a, &rows, stmts[STMT_LAST_VERSION], "i", proc) < 0)
		goto fail;
	*version = mc_rows_int(&rows, 0, 0) + 1;
	memset(&e, 0, sizeof(e));
	e.event = AUDIT_CONFIG;
	e.account_id = account;
	e.subject = mc_arena_printf(a, "eform procedure=%lld v%lld", proc,
	    *version);
	if (mc_db_exec(db, stmts[STMT_INSERT], "iisssI", proc, *version, json,
		eff, at, account) < 0 ||
	    mc_audit_write(db, &e) < 0)
		goto fail;
	return mc_db_commit(db);
fail:
	mc_db_rollback(db);
	return -1;
}

int
mc_eform_store_answers(struct mc_db *db, long long dossier,
    const struct mc_eform *f, const char *answers, const char *documents)
{
	return mc_db_exec(db, stmts[STMT_ANSWERS_PUT], "iIsss", dossier, f->id,
		   f->id == 0 ? f->json : NULL, answers ? answers : "{}",
		   documents ? documents : "{}") < 0 ?
	    -1 :
	    0;
}

int
mc_eform_load_answers(struct mc_db *db, struct mc_arena *a, long long dossier,
    struct mc_eform *f, const char **answers, const char **documents)
{
	struct mc_rows	      rows;
	enum mc_eform_problem p;
	const char	     *subj;

	if (mc_db_query(db, a, &rows, stmts[STMT_ANSWERS_GET], "i", dossier) <
	    0)
		return -1;
	if (rows.n == 0)
		return 0;
	if (mc_eform_parse(a, mc_rows_str(&rows, 0, 1), f, &p, &subj) < 0) {
		mc_err("eform: answers of dossier %lld: form %s", dossier,
		    mc_eform_problem_name(p));
		return -1;
	}
	f->id = mc_rows_int(&rows, 0, 0);
	f->version = mc_rows_int(&rows, 0, 4);
	*answers = mc_rows_str(&rows, 0, 2);
	*documents = mc_rows_str(&rows, 0, 3);
	return 1;
}

int
mc_eform_wards(struct mc_db *db, struct mc_arena *a, struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmts[STMT_WARDS], "") < 0)
		return -1;
	if (rows->n > 0 && rows->ncols != WARD__MAX) {
		mc_err("eform: wards: %zu columns", rows->ncols);
		return -1;
	}
	return 0;
}

int
mc_eform_ward_lazy(const char *code, void *arg)
{
	struct mc_eform_wardlist *w = arg;

	if (w->state == 0)
		w->state = mc_eform_wards(w->db, w->a, &w->rows) < 0 ? -1 : 1;
	return w->state > 0 && mc_eform_ward_in(code, &w->rows);
}

int
mc_eform_ward_in(const char *code, void *arg)
{
	const struct mc_rows *rows = arg;
	size_t		      i;

	for (i = 0; i < rows->n; i++)
		if (strcmp(mc_rows_str(rows, i, WARD_CODE), code) == 0)
			return 1;
	return 0;
}

int
mc_eform_templates(struct mc_db *db, struct mc_arena *a, long long proc,
    struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmts[STMT_TEMPLATES], "i", proc) < 0)
		return -1;
	if (rows->n > 0 && rows->ncols != FT__MAX) {
		mc_err("eform: templates: %zu columns", rows->ncols);
		return -1;
	}
	return 0;
}

int
mc_eform_template(struct mc_db *db, struct mc_arena *a, const char *slug,
    const char **json, const char **name)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_TEMPLATE], "s", slug) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	*json = mc_rows_str(&rows, 0, 0);
	*name = mc_rows_str(&rows, 0, 1);
	return 1;
}

int
mc_eform_versions(struct mc_db *db, struct mc_arena *a, long long proc,
    time_t now, struct mc_rows *rows)
{
	char at[20];

	mc_time_sql(at, now);
	if (mc_db_query(db, a, rows, stmts[STMT_VERSIONS], "si", at, proc) < 0)
		return -1;
	if (rows->n > 0 && rows->ncols != FV__MAX) {
		mc_err("eform: versions: %zu columns", rows->ncols);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ drafts */

int
mc_eform_draft_save(struct mc_db *db, struct mc_eform_draft *d, time_t now)
{
	struct mc_arena *a;
	struct mc_rows	 r;
	char		 at[20], exp[20];
	long long	 n;

	d->expires_at = now + mc_config_int("draft_days", 30, 1, 365) * 86400;
	mc_time_sql(at, now);
	mc_time_sql(exp, d->expires_at);
	if (d->id == 0) {
		if (mc_db_exec(db, stmts[STMT_DRAFT_INSERT], "iiIssssisss",
			d->account_id, d->procedure_id, d->form_id,
			d->agency_code, d->applicant ? d->applicant : "{}",
			d->answers ? d->answers : "{}",
			d->documents ? d->documents : "{}", d->missing, at, at,
			exp) < 0)
			return -1;
		d->id = (long long)mc_db_insert_id(db);
		return 0;
	}
	n = mc_db_exec(db, stmts[STMT_DRAFT_UPDATE], "Issssissiii", d->form_id,
	    d->agency_code, d->applicant ? d->applicant : "{}",
	    d->answers ? d->answers : "{}", d->documents ? d->documents : "{}",
	    d->missing, at, exp, d->id, d->account_id, d->procedure_id);
	if (n != 0)
		return n < 0 ? -1 : 0;
	/*
	 * No row changed: not the account's, or saved again within the same
	 * second with nothing new (MariaDB counts changed rows, not matched
	 * ones: the no-JavaScript form's quick round trips got 404 for it).
	 */
	if ((a = mc_arena_new(1024)) == NULL)
		return -1;
	if (mc_db_query(db, a, &r, stmts[STMT_DRAFT_OWNED], "iii", d->id,
		d->account_id, d->procedure_id) < 0 ||
	    r.n != 1)
		n = -1;
	else
		n = mc_rows_int(&r, 0, 0) > 0 ? 0 : 1;
	mc_arena_free(a);
	return (int)n;
}

int
mc_eform_draft_get(struct mc_db *db, struct mc_arena *a, long long id,
    long long account, struct mc_eform_draft *d)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, stmts[STMT_DRAFT_GET], "ii", id,
		account) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	memset(d, 0, sizeof(*d));
	d->id = mc_rows_int(&rows, 0, 0);
	d->account_id = mc_rows_int(&rows, 0, 1);
	d->procedure_id = mc_rows_int(&rows, 0, 2);
	d->form_id = mc_rows_int(&rows, 0, 3);
	d->agency_code = mc_rows_str(&rows, 0, 4);
	d->applicant = mc_rows_str(&rows, 0, 5);
	d->answers = mc_rows_str(&rows, 0, 6);
	d->documents = mc_rows_str(&rows, 0, 7);
	d->missing = mc_rows_int(&rows, 0, 8);
	d->expires_at = mc_time_parse(mc_rows_str(&rows, 0, 9));
	return 1;
}

int
mc_eform_draft_delete(struct mc_db *db, long long id, long long account)
{
	long long n;

	if ((n = mc_db_exec(db, stmts[STMT_DRAFT_DELETE], "ii", id, account)) <
	    0)
		return -1;
	return n > 0 ? 1 : 0;
}

int
mc_eform_draft_list(struct mc_db *db, struct mc_arena *a, long long account,
    struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmts[STMT_DRAFT_LIST], "i", account) < 0)
		return -1;
	if (rows->n > 0 && rows->ncols != DRAFT__MAX) {
		mc_err("eform: drafts: %zu columns", rows->ncols);
		return -1;
	}
	return 0;
}

long long
mc_eform_draft_sweep(struct mc_db *db, struct mc_arena *a, time_t now,
    size_t max)
{
	struct mc_rows rows;
	char	       at[20], soon[20];
	long long      n = 0, del;
	size_t	       i;
	const char    *path;

	mc_time_sql(at, now);
	mc_time_sql(soon,
	    now + mc_config_int("draft_remind_days", 3, 0, 60) * 86400);
	if (mc_db_query(db, a, &rows, stmts[STMT_DRAFT_DUE], "ssi", soon, at,
		(long long)max) < 0)
		return -1;
	if (rows.n > 0 && rows.ncols != DUE__MAX) {
		mc_err("eform: drafts due: %zu columns", rows.ncols);
		return -1;
	}
	for (i = 0; i < rows.n; i++) {
		path = mc_arena_printf(a, "/dich-vu/nop-ho-so/%s?nhap=%s",
		    mc_rows_str(&rows, i, DUE_CODE),
		    mc_rows_str(&rows, i, DUE_ID));
		if (mc_db_begin(db) < 0)
			return -1;
		/* Marked first: a draft another worker took is left alone. */
		if (mc_db_exec(db, stmts[STMT_DRAFT_MARK], "si", at,
			mc_rows_int(&rows, i, DUE_ID)) != 1 ||
		    mc_notify_draft(db, a, mc_rows_int(&rows, i, DUE_ACCOUNT),
			mc_rows_str(&rows, i, DUE_FULL_NAME),
			mc_rows_str(&rows, i, DUE_EMAIL),
			mc_rows_str(&rows, i, DUE_NAME),
			mc_rows_str(&rows, i, DUE_EXPIRES), path) < 0) {
			mc_db_rollback(db);
			continue;
		}
		if (mc_db_commit(db) < 0)
			return -1;
		n++;
	}
	if ((del = mc_db_exec(db, stmts[STMT_DRAFT_EXPIRE], "si", at,
		 (long long)max)) < 0)
		return -1;
	return n + del;
}

/* ------------------------------------------------------------ parts */

static const char *const progress_names[EFP__MAX] = { "not_started",
	"in_progress", "completed", "hidden" };

const char *
mc_eform_progress_name(enum mc_eform_progress p)
{
	return p < EFP__MAX ? progress_names[p] : "not_started";
}

static int
is_question(const struct mc_eform_field *f)
{
	return f->type != EF_SECTION && f->type != EF_STATIC;
}

size_t
mc_eform_parts(struct mc_arena *a, const struct mc_eform *f,
    struct mc_eform_part **parts)
{
	struct mc_eform_part  *p;
	struct mc_eform_field *loose;
	size_t		       i, n = 0, nsec = 0, nloose = 0;

	*parts = NULL;
	for (i = 0; i < f->nfields; i++)
		if (f->fields[i].type == EF_SECTION)
			nsec++;
		else if (is_question(&f->fields[i]))
			nloose++;
	if (nsec < 2)
		return 0;
	p = mc_arena_alloc(a, (nsec + 2) * sizeof(*p));
	memset(p, 0, (nsec + 2) * sizeof(*p));
	loose = mc_arena_alloc(a, (nloose + 1) * sizeof(*loose));
	for (i = nloose = 0; i < f->nfields; i++) {
		if (f->fields[i].type == EF_SECTION) {
			p[n].section = &f->fields[i];
			p[n].form.fields = &f->fields[i];
			p[n].form.nfields = 1;
			p[n++].form.open = 1;
		} else if (is_question(&f->fields[i])) {
			if (nloose == 0) { /* the loose part stands here */
				p[n].form.fields = loose;
				p[n++].form.open = 1;
			}
			loose[nloose++] = f->fields[i];
		}
	}
	for (i = 0; i < n; i++)
		if (p[i].section == NULL)
			p[i].form.nfields = nloose;
	*parts = p;
	return n;
}

/* 1 if any question of the list is answered. */
static int
any_given(const struct mc_eform_field *fs, size_t n, json_t *answers)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (fs[i].type == EF_SECTION) {
			if (any_given(fs[i].children, fs[i].nchildren,
				answers))
				return 1;
		} else if (fs[i].key != NULL &&
		    given(json_object_get(answers, fs[i].key)))
			return 1;
	}
	return 0;
}

enum mc_eform_progress
mc_eform_part_progress(struct mc_arena *a, const struct mc_eform_part *p,
    json_t *answers, mc_eform_ward_fn ward, void *arg)
{
	struct mc_eform_error errs[1];
	json_t		     *copy;
	size_t		      n;

	if (p->section != NULL && !mc_eform_shown(p->section, answers, NULL))
		return EFP_HIDDEN;
	copy = json_deep_copy(answers);
	n = mc_eform_check(a, &p->form, copy, ward, arg, errs, 1);
	json_decref(copy);
	if (n == 0) /* a part asking nothing required is done untouched */
		return EFP_COMPLETED;
	return any_given(p->form.fields, p->form.nfields, answers) ?
	    EFP_IN_PROGRESS :
	    EFP_NOT_STARTED;
}

static void
merge_list(const struct mc_eform_field *fs, size_t n, json_t *answers,
    json_t *from)
{
	json_t *v;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (fs[i].type == EF_SECTION) {
			merge_list(fs[i].children, fs[i].nchildren, answers,
			    from);
			continue;
		}
		if (fs[i].key == NULL)
			continue;
		if ((v = json_object_get(from, fs[i].key)) != NULL)
			json_object_set(answers, fs[i].key, v);
		else
			json_object_del(answers, fs[i].key);
	}
}

void
mc_eform_part_merge(const struct mc_eform_part *p, json_t *answers,
    json_t *part_answers)
{
	merge_list(p->form.fields, p->form.nfields, answers, part_answers);
}

/* ------------------------------------------------------------ prefill */

/* The account's value for what ("name", "id_number", ...), or NULL. */
static const char *
person_value(const struct mc_eform_person *p, const char *what)
{
	if (what == NULL)
		return NULL;
	if (strcmp(what, "name") == 0)
		return p->name;
	if (strcmp(what, "id_number") == 0)
		return p->id_number;
	if (strcmp(what, "phone") == 0)
		return p->phone;
	if (strcmp(what, "email") == 0)
		return p->email;
	if (strcmp(what, "address") == 0)
		return p->address;
	return NULL;
}

/* What a question takes from the account by its type or key, or NULL. */
static const char *
prefill_kind(const struct mc_eform_field *f)
{
	if (f->prefill != NULL)
		return f->prefill;
	switch (f->type) {
	case EF_ID_NUMBER:
		return "id_number";
	case EF_PHONE:
		return "phone";
	case EF_EMAIL:
		return "email";
	case EF_ADDRESS:
		return "address";
	case EF_TEXT:
		if (f->key != NULL &&
		    (strcmp(f->key, "full_name") == 0 ||
			strcmp(f->key, "name") == 0 ||
			strcmp(f->key, "ho_ten") == 0))
			return "name";
		return NULL;
	default:
		return NULL;
	}
}

static size_t
prefill_list(const struct mc_eform_field *fs, size_t n, json_t *answers,
    const struct mc_eform_person *p, unsigned *used)
{
	static const char *const kinds[] = { "name", "id_number", "phone",
		"email", "address" };
	const char		*kind, *v;
	size_t			 i, k, done = 0;

	for (i = 0; i < n; i++) {
		if (fs[i].type == EF_SECTION) {
			done += prefill_list(fs[i].children, fs[i].nchildren,
			    answers, p, used);
			continue;
		}
		if (fs[i].key == NULL || fs[i].type == EF_REPEAT ||
		    (kind = prefill_kind(&fs[i])) == NULL)
			continue;
		for (k = 0; k < 5 && strcmp(kinds[k], kind) != 0; k++)
			;
		/* By type, the first question only; named, every one. */
		if (k == 5 || (fs[i].prefill == NULL && (*used & (1u << k))))
			continue;
		*used |= 1u << k;
		if ((v = person_value(p, kind)) == NULL || *v == '\0' ||
		    json_object_get(answers, fs[i].key) != NULL)
			continue;
		if (fs[i].type == EF_ADDRESS)
			json_object_set_new(answers, fs[i].key,
			    json_pack("{s:s, s:s}", "street", v, "ward", ""));
		else if (fs[i].type == EF_TEXT || fs[i].type == EF_TEXTAREA ||
		    fs[i].type == EF_ID_NUMBER || fs[i].type == EF_PHONE ||
		    fs[i].type == EF_EMAIL)
			json_object_set_new(answers, fs[i].key,
			    json_string(v));
		else
			continue;
		done++;
	}
	return done;
}

size_t
mc_eform_prefill(const struct mc_eform *f, json_t *answers,
    const struct mc_eform_person *p)
{
	unsigned used = 0;

	return prefill_list(f->fields, f->nfields, answers, p, &used);
}
