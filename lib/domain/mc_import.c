/*
 * Catalogue import (mc_import.h; `motcua import-catalogue` calls it): reads
 * the national catalogue of procedures (one JSON
 * object a line, gzip or plain), checks every row, and upserts the
 * procedures done at province or commune level with their channels,
 * documents and legal basis, in one transaction. A row whose content hash
 * has not changed is not written at all; nor is one an agency edited in the
 * back office (procedures.local_version): the local edit is the newer
 * version, and a changed catalogue text only stamps import_held_at.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zlib.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_catalogue.h"
#include "mc_db.h"
#include "mc_import.h"
#include "mc_util.h"

#define LINE_MAX_BYTES (64 * 1024 * 1024)
#define READ_CHUNK     (256 * 1024)
#define TEXT_BYTES     65535	/* TEXT column */
#define MEDIUM_BYTES   16777215 /* MEDIUMTEXT column */
#define CODE_MAX       40
#define HASH_FORMAT    1 /* bump when what is stored changes */

#define LEVEL_PROVINCE "Cấp tỉnh"
#define LEVEL_COMMUNE  "Cấp xã"

static const char sql_ministries[] =
    "SELECT ministry, agency_id FROM ministry_agencies";
static const char sql_field_add[] =
    "INSERT IGNORE INTO fields (slug, name) VALUES (?, ?)";
static const char sql_field_get[] = "SELECT id FROM fields WHERE slug = ?";
static const char sql_proc_find[] =
    "SELECT id, content_hash, local_version FROM procedures WHERE code = ?";
static const char sql_proc_held[] =
    "UPDATE procedures SET import_held_at = NOW() WHERE id = ?";
static const char sql_proc_insert[] =
    "INSERT INTO procedures (code, name, search_text, field_id, ministry,"
    " level_province, level_commune, agency_id, procedure_type, decision_no,"
    " implementing, competent, subjects, steps_text, conditions_text,"
    " result_text, online, source_url, time_hours, time_days, content_hash,"
    " version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " ?, ?, ?, ?, ?, ?, ?, ?, 1, NOW())";
static const char sql_proc_update[] =
    "UPDATE procedures SET code = ?, name = ?, search_text = ?,"
    " field_id = ?, ministry = ?, level_province = ?, level_commune = ?,"
    " agency_id = ?, procedure_type = ?, decision_no = ?, implementing = ?,"
    " competent = ?, subjects = ?, steps_text = ?, conditions_text = ?,"
    " result_text = ?, online = ?, source_url = ?, time_hours = ?,"
    " time_days = ?, content_hash = ?, version = version + 1,"
    " updated_at = NOW() WHERE id = ?";
static const char sql_chan_delete[] =
    "DELETE FROM procedure_channels WHERE procedure_id = ?";
static const char sql_doc_delete[] =
    "DELETE FROM procedure_documents WHERE procedure_id = ?";
static const char sql_legal_delete[] =
    "DELETE FROM procedure_legal WHERE procedure_id = ?";
static const char sql_chan_insert[] =
    "INSERT INTO procedure_channels (procedure_id, seq, channel, time_text,"
    " time_hours, time_days, fee_text, fee_description)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_doc_insert[] =
    "INSERT INTO procedure_documents (procedure_id, seq, group_name, name,"
    " originals, copies, has_template) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char sql_legal_insert[] =
    "INSERT INTO procedure_legal (procedure_id, seq, doc_number, title)"
    " VALUES (?, ?, ?, ?)";

/* The channels' names in the source, in the order of their numbers. */
/* clang-format off */
static const char *const channel_names[] = {
	"Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính",
};
/* clang-format on */

struct ministry {
	const char *name;
	long long   agency;
};

struct field_id {
	const char *slug;
	long long   id;
};

struct seen {
	const char *code;
	size_t	    line;
};

struct mc_importer {
	struct mc_db	       *db;
	struct mc_import_stats *st;
	struct mc_arena	       *row;  /* reset after every line */
	struct mc_arena	       *keep; /* the run's caches */
	const char	       *path;
	size_t			line;
	const char	       *why; /* reason of a rejection */
	struct ministry	       *mins;
	size_t			nmins;
	struct field_id	       *fields;
	size_t			nfields, capfields;
	struct seen	       *seen; /* open addressing, by code */
	size_t			nseen, capseen;
};

struct reader {
	gzFile gz;
	char  *buf;
	size_t pos, end;
	int    eof;
};

/*
 * Reads the next line into line, without its line end. A line longer than
 * the buffer's maximum is consumed and flagged in *toolong. 1 a line, 0 at
 * the end, -1 on a read error.
 */
static int
read_line(struct reader *r, struct buf *line, int *toolong)
{
	const char *nl;
	size_t	    n;
	int	    k, got = 0, err;

	mc_buf_reset(line);
	*toolong = 0;
	for (;;) {
		if (r->pos == r->end) {
			if (r->eof)
				break;
			k = gzread(r->gz, r->buf, READ_CHUNK);
			gzerror(r->gz, &err);
			if (k < 0 || (err != Z_OK && err != Z_STREAM_END))
				return -1;
			if (k == 0) {
				r->eof = 1;
				break;
			}
			r->pos = 0;
			r->end = (size_t)k;
		}
		got = 1;
		nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);
		n = nl ? (size_t)(nl - (r->buf + r->pos)) : r->end - r->pos;
		if (!*toolong && mc_buf_add(line, r->buf + r->pos, n) < 0) {
			*toolong = 1;
			mc_buf_reset(line);
		}
		r->pos += n;
		if (nl != NULL) {
			r->pos++;
			break;
		}
	}
	if (line->len > 0 && line->s[line->len - 1] == '\r')
		line->s[--line->len] = '\0';
	return got;
}

/* Records why the current row is rejected; returns -1 for the caller. */
static int reject(struct mc_importer *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static int
reject(struct mc_importer *im, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	im->why = mc_arena_vprintf(im->row, fmt, ap);
	va_end(ap);
	return -1;
}

int
mc_import_code_ok(const char *s)
{
	size_t i, n;

	if (strlen(s) > CODE_MAX || !(s[0] >= '0' && s[0] <= '9') ||
	    s[1] != '.')
		return 0;
	for (i = 2; i < 8; i++)
		if (!(s[i] >= '0' && s[i] <= '9'))
			return 0;
	for (s += 8; *s != '\0'; s += n) {
		if (*s++ != '.')
			return 0;
		for (n = 0; (s[n] >= '0' && s[n] <= '9') ||
		     (s[n] >= 'A' && s[n] <= 'Z') ||
		     (s[n] >= 'a' && s[n] <= 'z');
		     n++)
			;
		if (n == 0 || n > 10)
			return 0;
	}
	return 1;
}

static const char *
trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 &&
	    (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
		s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/*
 * The text of obj[key] in NFC, without direction controls (the national
 * catalogue has stray U+200E inside words, which the forms built from it
 * would refuse), trimmed, into *out ("" when absent or null),
 * at most maxchars characters (0: no limit) and maxbytes bytes. 0, or -1
 * with the reason.
 */
static int
get_text(struct mc_importer *im, json_t *obj, const char *key, size_t maxchars,
    size_t maxbytes, const char **out)
{
	json_t *v = json_object_get(obj, key);
	char   *s;

	*out = "";
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return reject(im, "%s is not a string", key);
	if ((s = mc_nfc(im->row, json_string_value(v))) == NULL)
		return reject(im, "%s is not valid UTF-8", key);
	*out = trim(mc_text_strip_bidi(s));
	if (strlen(*out) > maxbytes)
		return reject(im, "%s is too long (%zu bytes, at most %zu)",
		    key, strlen(*out), maxbytes);
	if (maxchars > 0 && mc_utf8_chars(*out) > maxchars)
		return reject(im,
		    "%s is too long (%zu characters, at most "
		    "%zu)",
		    key, mc_utf8_chars(*out), maxchars);
	return 0;
}

/* NULL for "": what nullable columns store for an empty text. */
static const char *
nz(const char *s)
{
	return *s == '\0' ? NULL : s;
}

/* A decimal for a nullable integer column: NULL when v < 0 (or 0). */
static const char *
num(struct mc_arena *a, long long v, int zero_is_null)
{
	if (v < 0 || (zero_is_null && v == 0))
		return NULL;
	return mc_arena_printf(a, "%lld", v);
}

static int
get_bool(json_t *obj, const char *key)
{
	return json_is_true(json_object_get(obj, key));
}

/* obj[key] as an integer in [0, MC_IMPORT_COUNT_MAX]: 0 when absent; -1 if invalid. */
static long long
get_count(json_t *obj, const char *key)
{
	json_t	  *v = json_object_get(obj, key);
	json_int_t n;

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_integer(v))
		return -1;
	n = json_integer_value(v);
	return n < 0 || n > MC_IMPORT_COUNT_MAX ? -1 : (long long)n;
}

static int
get_channels(struct mc_importer *im, json_t *o, struct mc_import_proc *p)
{
	json_t			 *arr = json_object_get(o, "channels"), *c;
	struct mc_import_channel *ch;
	const char		 *name;
	size_t			  i, k;

	if (arr == NULL || json_is_null(arr))
		return 0;
	if (!json_is_array(arr) ||
	    json_array_size(arr) > MC_IMPORT_CHILDREN_MAX)
		return reject(im, "%s is not a list (or too long)",
		    "channels");
	p->nchans = json_array_size(arr);
	p->chans = mc_arena_alloc(im->row, (p->nchans + 1) * sizeof(*ch));
	json_array_foreach (arr, i, c) {
		ch = &p->chans[i];
		if (!json_is_object(c))
			return reject(im, "%s is not an object", "a channel");
		if (get_text(im, c, "channel", 100, 400, &name) < 0 ||
		    get_text(im, c, "processing_time", 500, 2000,
			&ch->time_text) < 0 ||
		    get_text(im, c, "fee", 1000, 4000, &ch->fee) < 0 ||
		    get_text(im, c, "fee_description", 0, TEXT_BYTES,
			&ch->fee_desc) < 0)
			return -1;
		for (k = 0; k < 3; k++)
			if (strcmp(name, channel_names[k]) == 0)
				break;
		if (k == 3)
			return reject(im, "unknown channel '%s'", name);
		ch->channel = (int)k + 1;
		mc_catalogue_parse_time(im->row, ch->time_text, &ch->hours,
		    &ch->days);
	}
	return 0;
}

static int
get_documents(struct mc_importer *im, json_t *o, struct mc_import_proc *p)
{
	json_t			  *arr, *d;
	struct mc_import_document *doc;
	size_t			   i;

	arr = json_object_get(o, "required_documents");
	if (arr == NULL || json_is_null(arr))
		return 0;
	if (!json_is_array(arr) ||
	    json_array_size(arr) > MC_IMPORT_CHILDREN_MAX)
		return reject(im, "%s is not a list (or too long)",
		    "required_documents");
	p->ndocs = json_array_size(arr);
	p->docs = mc_arena_alloc(im->row, (p->ndocs + 1) * sizeof(*doc));
	json_array_foreach (arr, i, d) {
		doc = &p->docs[i];
		if (!json_is_object(d))
			return reject(im, "%s is not an object", "a document");
		if (get_text(im, d, "group", 0, TEXT_BYTES, &doc->group) < 0 ||
		    get_text(im, d, "name", 0, TEXT_BYTES, &doc->name) < 0)
			return -1;
		doc->originals = get_count(d, "originals");
		doc->copies = get_count(d, "copies");
		if (doc->originals < 0 || doc->copies < 0)
			return reject(im,
			    "%s: originals or copies not a count",
			    "a document");
		doc->form = get_bool(d, "has_form_template");
	}
	return 0;
}

static int
get_laws(struct mc_importer *im, json_t *o, struct mc_import_proc *p)
{
	json_t		     *arr = json_object_get(o, "legal_basis"), *l;
	struct mc_import_law *law;
	size_t		      i;

	if (arr == NULL || json_is_null(arr))
		return 0;
	if (!json_is_array(arr) ||
	    json_array_size(arr) > MC_IMPORT_CHILDREN_MAX)
		return reject(im, "%s is not a list (or too long)",
		    "legal_basis");
	p->nlaws = json_array_size(arr);
	p->laws = mc_arena_alloc(im->row, (p->nlaws + 1) * sizeof(*law));
	json_array_foreach (arr, i, l) {
		law = &p->laws[i];
		if (!json_is_object(l))
			return reject(im, "%s is not an object", "a law");
		if (get_text(im, l, "doc_number", 255, 1020, &law->number) <
			0 ||
		    get_text(im, l, "title", 0, TEXT_BYTES, &law->title) < 0)
			return -1;
	}
	return 0;
}

/* The subjects joined with ", " (the source split some at their comma). */
static int
get_subjects(struct mc_importer *im, json_t *o, struct mc_import_proc *p)
{
	json_t	   *arr = json_object_get(o, "subjects"), *v;
	struct buf  b;
	const char *s;
	char	   *t;
	size_t	    i;
	int	    rc = 0;

	p->subjects = "";
	if (arr == NULL || json_is_null(arr))
		return 0;
	if (!json_is_array(arr))
		return reject(im, "%s is not a list", "subjects");
	mc_buf_init(&b, TEXT_BYTES);
	json_array_foreach (arr, i, v) {
		if (!json_is_string(v) ||
		    (t = mc_nfc(im->row, json_string_value(v))) == NULL) {
			rc = reject(im, "%s: not a list of texts", "subjects");
			break;
		}
		if (*(s = trim(t)) == '\0')
			continue;
		if ((b.len > 0 && mc_buf_adds(&b, ", ") < 0) ||
		    mc_buf_adds(&b, s) < 0) {
			rc = reject(im, "%s is too long", "subjects");
			break;
		}
	}
	if (rc == 0)
		p->subjects = mc_arena_strndup(im->row, b.s, b.len);
	mc_buf_free(&b);
	return rc;
}

/* 1 if levels lists province or commune, 0 if not, -1 if malformed. */
static int
get_levels(struct mc_importer *im, json_t *o, struct mc_import_proc *p)
{
	json_t	   *arr = json_object_get(o, "levels"), *v;
	const char *s;
	size_t	    i;

	if (!json_is_array(arr))
		return reject(im, "%s is not a list", "levels");
	json_array_foreach (arr, i, v) {
		if (!json_is_string(v) ||
		    (s = mc_nfc(im->row, json_string_value(v))) == NULL)
			return reject(im, "%s: not a list of texts", "levels");
		if (strcmp(s, LEVEL_PROVINCE) == 0)
			p->province = 1;
		else if (strcmp(s, LEVEL_COMMUNE) == 0)
			p->commune = 1;
	}
	return p->province || p->commune;
}

/* The field's slug: its folded name with '-' for spaces, at most 190. */
static const char *
field_slug(struct mc_importer *im, const char *name)
{
	char  *s, *c;
	size_t n;

	if ((s = mc_fold_plain(im->row, name)) == NULL) /* slugs stay */
		return NULL;
	for (c = s; *c != '\0'; c++)
		if (*c == ' ')
			*c = '-';
	if ((n = strlen(s)) > MC_IMPORT_SLUG_MAX) {
		s[MC_IMPORT_SLUG_MAX] = '\0';
		for (n = MC_IMPORT_SLUG_MAX; n > 0 && s[n - 1] == '-'; n--)
			s[n - 1] = '\0';
	}
	return s;
}

static long long
ministry_agency(const struct mc_importer *im, const char *ministry)
{
	size_t i;

	for (i = 0; i < im->nmins; i++)
		if (strcmp(im->mins[i].name, ministry) == 0)
			return im->mins[i].agency;
	return 0;
}

/* Fills p from the row's object; 0, or -1 with the reason. */
static int
proc_build(struct mc_importer *im, json_t *o, struct mc_import_proc *p)
{
	char	   *search;
	const char *folded;
	long long   h = -1, d = -1;
	size_t	    i;

	if (get_text(im, o, "name", 2000, 8000, &p->name) < 0 ||
	    get_text(im, o, "field", 255, 1020, &p->field) < 0 ||
	    get_text(im, o, "ministry_folder", 64, 256, &p->ministry) < 0 ||
	    get_text(im, o, "procedure_type", 255, 1020, &p->ptype) < 0 ||
	    get_text(im, o, "decision_no", 255, 1020, &p->decision) < 0 ||
	    get_text(im, o, "implementing_agency", 0, TEXT_BYTES,
		&p->implementing) < 0 ||
	    get_text(im, o, "competent_authority", 0, TEXT_BYTES,
		&p->competent) < 0 ||
	    get_text(im, o, "steps_text", 0, MEDIUM_BYTES, &p->steps) < 0 ||
	    get_text(im, o, "conditions_text", 0, MEDIUM_BYTES,
		&p->conditions) < 0 ||
	    get_text(im, o, "result_text", 0, TEXT_BYTES, &p->result) < 0 ||
	    get_text(im, o, "source_url", 500, 2000, &p->url) < 0 ||
	    get_subjects(im, o, p) < 0 || get_channels(im, o, p) < 0 ||
	    get_documents(im, o, p) < 0 || get_laws(im, o, p) < 0)
		return -1;
	if (*p->name == '\0')
		return reject(im, "%s", "empty name");
	if (*p->field == '\0')
		return reject(im, "%s", "empty field (lĩnh vực)");
	if ((p->slug = field_slug(im, p->field)) == NULL || *p->slug == '\0')
		return reject(im, "field '%s' has no letters", p->field);
	if ((folded = mc_fold(im->row, p->name)) == NULL)
		return reject(im, "%s", "name is not valid UTF-8");
	search = mc_arena_printf(im->row, "%s %s", p->code, folded);
	if (strlen(search) > TEXT_BYTES)
		return reject(im, "%s", "name too long to index");
	p->search = search;
	p->online = get_bool(o, "online_submission");
	p->agency = p->province ? ministry_agency(im, p->ministry) : 0;
	/* The legal time: the in-person channel's, else the first one's. */
	for (i = 0; i < p->nchans; i++)
		if (p->chans[i].channel == 1)
			break;
	if (i == p->nchans)
		i = 0;
	if (p->nchans > 0) {
		h = p->chans[i].hours;
		d = p->chans[i].days;
	}
	p->hours = h;
	p->days = d;
	return 0;
}

static json_t *
jstr(const char *s)
{
	return s == NULL ? json_null() : json_string(s);
}

static json_t *
jnum(long long v)
{
	return v < 0 ? json_null() : json_integer(v);
}

/*
 * The content hash: SHA-256 of the canonical JSON (sorted keys, compact) of
 * every value the import stores for the procedure, derived ones included,
 * so that a change of the source or of how it is read shows as a change.
 */
int
mc_import_hash(struct mc_import_proc *p)
{
	unsigned char md[32];
	json_t	     *o, *a, *e;
	char	     *dump;
	size_t	      i;

	o = json_pack("{s:i, s:o, s:o, s:o, s:o, s:o, s:i, s:i, s:o, s:o, s:o,"
		      " s:o, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:o, s:o}",
	    "format", HASH_FORMAT, "code", jstr(p->code), "name",
	    jstr(p->name), "search", jstr(p->search), "field", jstr(p->field),
	    "ministry", jstr(nz(p->ministry)), "province", p->province,
	    "commune", p->commune, "agency", jnum(p->agency ? p->agency : -1),
	    "type", jstr(nz(p->ptype)), "decision", jstr(nz(p->decision)),
	    "implementing", jstr(nz(p->implementing)), "competent",
	    jstr(nz(p->competent)), "subjects", jstr(nz(p->subjects)), "steps",
	    jstr(nz(p->steps)), "conditions", jstr(nz(p->conditions)),
	    "result", jstr(nz(p->result)), "online", p->online, "url",
	    jstr(nz(p->url)), "hours", jnum(p->hours), "days", jnum(p->days));
	if (o == NULL)
		return -1;
	a = json_array();
	for (i = 0; i < p->nchans; i++) {
		e = json_pack("[i, o, o, o, o, o]", p->chans[i].channel,
		    jstr(p->chans[i].time_text), jnum(p->chans[i].hours),
		    jnum(p->chans[i].days), jstr(p->chans[i].fee),
		    jstr(nz(p->chans[i].fee_desc)));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "channels", a);
	a = json_array();
	for (i = 0; i < p->ndocs; i++) {
		e = json_pack("[o, o, I, I, b]", jstr(nz(p->docs[i].group)),
		    jstr(p->docs[i].name), (json_int_t)p->docs[i].originals,
		    (json_int_t)p->docs[i].copies, p->docs[i].form);
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "documents", a);
	a = json_array();
	for (i = 0; i < p->nlaws; i++) {
		e = json_pack("[o, o]", jstr(nz(p->laws[i].number)),
		    jstr(p->laws[i].title));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "laws", a);
	dump = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(o);
	if (dump == NULL)
		return -1;
	mc_sha256(md, dump, strlen(dump));
	free(dump);
	mc_hex(p->hash, md, sizeof(md));
	return 0;
}

/* The id of the field with this slug, creating it; -1 on error. */
static long long
field_id(struct mc_importer *im, const char *slug, const char *name)
{
	struct field_id *grown;
	struct mc_rows	 rows;
	long long	 id;
	size_t		 i;

	for (i = 0; i < im->nfields; i++)
		if (strcmp(im->fields[i].slug, slug) == 0)
			return im->fields[i].id;
	if (mc_db_exec(im->db, sql_field_add, "ss", slug, name) < 0 ||
	    mc_db_query(im->db, im->row, &rows, sql_field_get, "s", slug) < 0)
		return -1;
	if (rows.n != 1)
		return -1;
	id = mc_rows_int(&rows, 0, 0);
	if (im->nfields == im->capfields) {
		im->capfields = im->capfields ? 2 * im->capfields : 64;
		grown = mc_arena_alloc(im->keep,
		    im->capfields * sizeof(*grown));
		if (im->nfields > 0)
			memcpy(grown, im->fields,
			    im->nfields * sizeof(*grown));
		im->fields = grown;
	}
	im->fields[im->nfields].slug = mc_arena_strdup(im->keep, slug);
	im->fields[im->nfields++].id = id;
	return id;
}

static size_t
code_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
seen_put(struct seen *tab, size_t cap, const char *code, size_t line)
{
	size_t i, mask = cap - 1;

	for (i = code_hash(code) & mask; tab[i].code != NULL;
	     i = (i + 1) & mask)
		;
	tab[i].code = code;
	tab[i].line = line;
}

/* The line where code was first seen, or 0 after recording it now. */
static size_t
seen_before(struct mc_importer *im, const char *code)
{
	struct seen *old = im->seen;
	size_t	     i, cap = im->capseen, mask = cap - 1;

	for (i = code_hash(code) & mask; cap > 0 && im->seen[i].code != NULL;
	     i = (i + 1) & mask)
		if (strcmp(im->seen[i].code, code) == 0)
			return im->seen[i].line;
	if (2 * (im->nseen + 1) > cap) {
		im->capseen = cap ? 2 * cap : 4096;
		im->seen = mc_arena_alloc(im->keep,
		    im->capseen * sizeof(*im->seen));
		for (i = 0; i < cap; i++)
			if (old[i].code != NULL)
				seen_put(im->seen, im->capseen, old[i].code,
				    old[i].line);
	}
	seen_put(im->seen, im->capseen, mc_arena_strdup(im->keep, code),
	    im->line);
	im->nseen++;
	return 0;
}

/* Writes the procedure's children under id; 0 or -1. */
static int
children_insert(struct mc_importer *im, const struct mc_import_proc *p,
    long long id)
{
	struct mc_arena *a = im->row;
	size_t		 i;

	for (i = 0; i < p->nchans; i++)
		if (mc_db_exec(im->db, sql_chan_insert, "iiisssss", id,
			(long long)i + 1, (long long)p->chans[i].channel,
			p->chans[i].time_text, num(a, p->chans[i].hours, 0),
			num(a, p->chans[i].days, 0), p->chans[i].fee,
			nz(p->chans[i].fee_desc)) < 0)
			return -1;
	for (i = 0; i < p->ndocs; i++)
		if (mc_db_exec(im->db, sql_doc_insert, "iissiii", id,
			(long long)i + 1, nz(p->docs[i].group),
			p->docs[i].name, p->docs[i].originals,
			p->docs[i].copies, (long long)p->docs[i].form) < 0)
			return -1;
	for (i = 0; i < p->nlaws; i++)
		if (mc_db_exec(im->db, sql_legal_insert, "iiss", id,
			(long long)i + 1, nz(p->laws[i].number),
			p->laws[i].title) < 0)
			return -1;
	return 0;
}

/* Inserts, updates or leaves the procedure; 0 or -1 on a database error. */
static int
proc_store(struct mc_importer *im, const struct mc_import_proc *p)
{
	struct mc_arena *a = im->row;
	struct mc_rows	 rows;
	long long	 field, id;
	const char	*agency = num(a, p->agency, 1);

	if (mc_db_query(im->db, a, &rows, sql_proc_find, "s", p->code) < 0)
		return -1;
	if (rows.n == 1 && strcmp(mc_rows_str(&rows, 0, 1), p->hash) == 0) {
		im->st->unchanged++;
		return 0;
	}
	/* Edited here since: keep the local version, note the new text. */
	if (rows.n == 1 && mc_rows_str(&rows, 0, 2) != NULL) {
		im->st->kept++;
		fprintf(stderr,
		    "%s:%zu: %s: kept the local edit (version %s); "
		    "the catalogue's text changed\n",
		    im->path, im->line, p->code, mc_rows_str(&rows, 0, 2));
		return mc_db_exec(im->db, sql_proc_held, "i",
			   mc_rows_int(&rows, 0, 0)) < 0 ?
		    -1 :
		    0;
	}
	if ((field = field_id(im, p->slug, p->field)) < 0)
		return -1;
	if (rows.n == 0) {
		if (mc_db_exec(im->db, sql_proc_insert,
			"sssisiisssssssssisss"
			"s",
			p->code, p->name, p->search, field, nz(p->ministry),
			(long long)p->province, (long long)p->commune, agency,
			nz(p->ptype), nz(p->decision), nz(p->implementing),
			nz(p->competent), nz(p->subjects), nz(p->steps),
			nz(p->conditions), nz(p->result), (long long)p->online,
			nz(p->url), num(a, p->hours, 0), num(a, p->days, 0),
			p->hash) < 0)
			return -1;
		id = (long long)mc_db_insert_id(im->db);
		im->st->added++;
	} else {
		id = mc_rows_int(&rows, 0, 0);
		if (mc_db_exec(im->db, sql_proc_update,
			"sssisiisssssssssisss"
			"si",
			p->code, p->name, p->search, field, nz(p->ministry),
			(long long)p->province, (long long)p->commune, agency,
			nz(p->ptype), nz(p->decision), nz(p->implementing),
			nz(p->competent), nz(p->subjects), nz(p->steps),
			nz(p->conditions), nz(p->result), (long long)p->online,
			nz(p->url), num(a, p->hours, 0), num(a, p->days, 0),
			p->hash, id) < 0 ||
		    mc_db_exec(im->db, sql_chan_delete, "i", id) < 0 ||
		    mc_db_exec(im->db, sql_doc_delete, "i", id) < 0 ||
		    mc_db_exec(im->db, sql_legal_delete, "i", id) < 0)
			return -1;
		im->st->updated++;
	}
	return children_insert(im, p, id);
}

/*
 * The parsing half of a line, without the database: checks it and fills
 * *p. 1 when it is to be stored, 0 when skipped (not at province or
 * commune level), -1 when rejected (im->why says why).
 */
static int
proc_parse(struct mc_importer *im, const char *s, size_t len,
    struct mc_import_proc *p)
{
	json_error_t err;
	json_t	    *o;
	int	     lv, rc = -1;

	memset(p, 0, sizeof(*p));
	im->why = NULL;
	if (!mc_utf8_valid(s, len)) {
		im->why = "invalid UTF-8";
		return -1;
	}
	if ((o = json_loadb(s, len, JSON_REJECT_DUPLICATES, &err)) == NULL) {
		im->why = mc_arena_printf(im->row, "bad JSON: %s (column %d)",
		    err.text, err.column);
		return -1;
	}
	if (!json_is_object(o))
		im->why = "not a JSON object";
	else if (get_text(im, o, "code", 0, 200, &p->code) < 0 ||
	    (lv = get_levels(im, o, p)) < 0)
		;
	else if (lv == 0)
		rc = 0;
	else if (!mc_import_code_ok(p->code))
		im->why = "code is not d.dddddd (or d.dddddd.<local suffix>)";
	else if (proc_build(im, o, p) == 0)
		rc = 1;
	json_decref(o);
	return rc;
}

int
mc_import_parse(struct mc_arena *a, const char *s, size_t len,
    struct mc_import_proc *p, const char **why)
{
	struct mc_importer im;
	int		   rc;

	memset(&im, 0, sizeof(im));
	im.row = a;
	rc = proc_parse(&im, s, len, p);
	*why = im.why;
	return rc;
}

/*
 * One line: rejected (reported), skipped, or stored. 0, or -1 on a
 * database error.
 */
static int
import_line(struct mc_importer *im, const char *s, size_t len)
{
	struct mc_import_proc p;
	size_t		      first;
	int		      rc;

	switch (proc_parse(im, s, len, &p)) {
	case 0:
		im->st->skipped++;
		return 0;
	case -1:
		goto out_reject;
	}
	if ((first = seen_before(im, p.code)) != 0) {
		im->why = mc_arena_printf(im->row,
		    "duplicate code (first on "
		    "line %zu)",
		    first);
		goto out_reject;
	}
	if (mc_import_hash(&p) < 0)
		return -1;
	if ((rc = proc_store(im, &p)) < 0)
		fprintf(stderr, "%s:%zu: %s: database error\n", im->path,
		    im->line, p.code);
	return rc;
out_reject:
	im->st->rejected++;
	fprintf(stderr, "%s:%zu: %s: rejected: %s\n", im->path, im->line,
	    p.code && *p.code ? p.code : "-", im->why ? im->why : "invalid");
	return 0;
}

/* Which department takes each ministry's procedures (from the seed). */
static int
load_ministries(struct mc_importer *im)
{
	struct mc_rows rows;
	size_t	       i;

	if (mc_db_query(im->db, im->keep, &rows, sql_ministries, "") < 0)
		return -1;
	im->nmins = rows.n;
	im->mins = mc_arena_alloc(im->keep, (rows.n + 1) * sizeof(*im->mins));
	for (i = 0; i < rows.n; i++) {
		im->mins[i].name = mc_rows_str(&rows, i, 0);
		im->mins[i].agency = mc_rows_int(&rows, i, 1);
	}
	return 0;
}

static int
import_run(struct mc_importer *im, struct reader *r)
{
	struct buf line;
	int	   got, toolong, rc = -1;

	mc_buf_init(&line, LINE_MAX_BYTES);
	while ((got = read_line(r, &line, &toolong)) > 0) {
		im->line++;
		mc_arena_reset(im->row);
		if (toolong) {
			im->st->lines++;
			im->st->rejected++;
			fprintf(stderr,
			    "%s:%zu: -: rejected: line longer than "
			    "%d bytes\n",
			    im->path, im->line, LINE_MAX_BYTES);
			continue;
		}
		if (line.len == 0)
			continue;
		im->st->lines++;
		if (import_line(im, line.s, line.len) < 0)
			goto out;
	}
	if (got < 0) {
		fprintf(stderr, "%s:%zu: read error: %s\n", im->path,
		    im->line + 1, gzerror(r->gz, &got));
		goto out;
	}
	rc = 0;
out:
	mc_buf_free(&line);
	return rc;
}

int
mc_import_catalogue(struct mc_db *db, const char *path,
    struct mc_import_stats *st)
{
	struct mc_importer im;
	struct reader	   r;
	int		   rc = -1;

	memset(st, 0, sizeof(*st));
	memset(&im, 0, sizeof(im));
	memset(&r, 0, sizeof(r));
	im.db = db;
	im.st = st;
	im.path = path;
	if ((r.gz = gzopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	gzbuffer(r.gz, READ_CHUNK);
	if ((r.buf = malloc(READ_CHUNK)) == NULL ||
	    (im.row = mc_arena_new(1 << 20)) == NULL ||
	    (im.keep = mc_arena_new(1 << 16)) == NULL)
		goto out;
	if (mc_db_begin(db) < 0)
		goto out;
	if (load_ministries(&im) < 0 || import_run(&im, &r) < 0 ||
	    mc_db_commit(db) < 0) {
		mc_db_rollback(db);
		goto out;
	}
	rc = 0;
out:
	if (im.keep != NULL)
		mc_arena_free(im.keep);
	if (im.row != NULL)
		mc_arena_free(im.row);
	free(r.buf);
	gzclose(r.gz);
	return rc;
}
