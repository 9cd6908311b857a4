/*
 * Catalogue reads for the programs: diacritic-insensitive search with
 * filters over the folded search_text column, the filters' choices, a
 * procedure with its child tables, the online service level webmasters set,
 * and the new versions an agency saves of its procedures' content.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mc_account.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_buf.h"
#include "mc_catalogue.h"
#include "mc_log.h"
#include "mc_util.h"

enum stmt {
	STMT_BY_CODE,
	STMT_BY_CODE_COUNT,
	STMT_SEARCH,
	STMT_SEARCH_COUNT,
	STMT_SEARCH_ANY,
	STMT_SEARCH_ANY_COUNT,
	STMT_FILTER,
	STMT_FILTER_COUNT,
	STMT_AGENCY,
	STMT_FACET_FIELDS,
	STMT_FACET_AGENCIES,
	STMT_SET_LEVEL,
	STMT_GET,
	STMT_CHANNELS,
	STMT_DOCUMENTS,
	STMT_LEGAL,
	STMT_RECEIVERS,
	STMT_AGENCY_KIND,
	STMT_LOCK,
	STMT_VERSION_HAS,
	STMT_VERSION_ADD,
	STMT_PROC_SAVE,
	STMT_CHAN_DELETE,
	STMT_DOC_DELETE,
	STMT_LEGAL_DELETE,
	STMT_CHAN_INSERT,
	STMT_DOC_INSERT,
	STMT_LEGAL_INSERT,
	STMT_VERSIONS,
	STMT__MAX
};

/* clang-format off */
#define LIST_COLUMNS "p.code, p.name, f.name AS field_name, " \
	"p.level_province, p.level_commune, p.online, " \
	"f.name_en AS field_name_en, p.service_level, f.slug AS field_slug "
/* clang-format on */
#define LIST_FROM "FROM procedures p JOIN fields f ON f.id = p.field_id "
/* Bound as "iiiiiissi": field twice, agency twice, province, commune,
 * service level twice, online; 0 or "" turns a filter off. */
/* clang-format off */
#define FILTERS "AND (? = 0 OR p.field_id = ?) " \
	"AND (? = 0 OR p.agency_id = ?) " \
	"AND (? = 0 OR p.level_province = 1) " \
	"AND (? = 0 OR p.level_commune = 1) " \
	"AND (? = '' OR IFNULL(p.service_level, 'none') = ?) " \
	"AND (? = 0 OR p.online = 1) "
/* clang-format on */

/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_BY_CODE] = "SELECT " LIST_COLUMNS LIST_FROM
	    "WHERE p.code LIKE ? " FILTERS
	    "ORDER BY p.code LIMIT ? OFFSET ?",
	[STMT_BY_CODE_COUNT] = "SELECT COUNT(*) " LIST_FROM
	    "WHERE p.code LIKE ? " FILTERS,
	/*
	 * The phrase first, then (a ward known) the commune-level procedures
	 * its ward receives, then the procedures of the life events and the
	 * frequently used (the common ones; both count), then the shorter
	 * name (the more specific procedure; a leading "Thủ tục " not
	 * counted), then the code. search.js ranks the same way without the
	 * ward and the use counts.
	 */
	[STMT_SEARCH] = "SELECT " LIST_COLUMNS ", "
	    "LOCATE(?, CONCAT(' ', p.search_text, ' ')) > 0 AS phrase, "
	    "EXISTS (SELECT 1 FROM life_event_items i "
	    "WHERE i.procedure_code = p.code OR i.field_slug = f.slug) "
	    "AS featured "
	    LIST_FROM "WHERE MATCH (p.search_text) AGAINST (? IN BOOLEAN MODE) "
	    FILTERS "ORDER BY phrase DESC, (? <> 0 AND p.level_commune = 1) "
	    "DESC, featured + p.frequent DESC, CHAR_LENGTH(p.name) "
	    "- IF(p.name LIKE 'Thủ tục %', 8, 0), p.code LIMIT ? OFFSET ?",
	[STMT_SEARCH_COUNT] = "SELECT COUNT(*) " LIST_FROM
	    "WHERE MATCH (p.search_text) AGAINST (? IN BOOLEAN MODE) " FILTERS,
	/*
	 * No procedure holds every word: those holding some, the most words
	 * first, each by its weight (eight slots, " word " or "#", which no
	 * search text holds, and its weight).
	 */
	[STMT_SEARCH_ANY] = "SELECT " LIST_COLUMNS ", "
	    "0 AS phrase, EXISTS (SELECT 1 FROM life_event_items i "
	    "WHERE i.procedure_code = p.code OR i.field_slug = f.slug) "
	    "AS featured, p.search_text, "
	    "(LOCATE(?, CONCAT(' ', p.search_text, ' ')) > 0) * ? + "
	    "(LOCATE(?, CONCAT(' ', p.search_text, ' ')) > 0) * ? + "
	    "(LOCATE(?, CONCAT(' ', p.search_text, ' ')) > 0) * ? + "
	    "(LOCATE(?, CONCAT(' ', p.search_text, ' ')) > 0) * ? + "
	    "(LOCATE(?, CONCAT(' ', p.search_text, ' ')) > 0) * ? + "
	    "(LOCATE(?, CONCAT(' ', p.search_text, ' ')) > 0) * ? + "
	    "(LOCATE(?, CONCAT(' ', p.search_text, ' ')) > 0) * ? + "
	    "(LOCATE(?, CONCAT(' ', p.search_text, ' ')) > 0) * ? AS matched "
	    LIST_FROM "WHERE MATCH (p.search_text) AGAINST (? IN BOOLEAN MODE) "
	    FILTERS "ORDER BY matched DESC, (? <> 0 AND p.level_commune = 1) "
	    "DESC, featured + p.frequent DESC, CHAR_LENGTH(p.name) "
	    "- IF(p.name LIKE 'Thủ tục %', 8, 0), p.code LIMIT ? OFFSET ?",
	[STMT_SEARCH_ANY_COUNT] = "SELECT COUNT(*) " LIST_FROM
	    "WHERE MATCH (p.search_text) AGAINST (? IN BOOLEAN MODE) " FILTERS,
	[STMT_FILTER] = "SELECT " LIST_COLUMNS LIST_FROM "WHERE 1 " FILTERS
	    "ORDER BY f.name, p.name, p.code LIMIT ? OFFSET ?",
	[STMT_FILTER_COUNT] = "SELECT COUNT(*) " LIST_FROM "WHERE 1 " FILTERS,
	[STMT_AGENCY] = "SELECT id, kind FROM agencies WHERE code = ?",
	[STMT_FACET_FIELDS] = "SELECT f.id, f.name, f.name_en, COUNT(*) AS n "
	    "FROM fields f JOIN procedures p ON p.field_id = f.id "
	    "GROUP BY f.id, f.name, f.name_en ORDER BY f.name, f.id",
	[STMT_FACET_AGENCIES] = "SELECT code, name, name_en, kind "
	    "FROM agencies WHERE valid_to IS NULL OR valid_to >= CURDATE() "
	    "ORDER BY FIELD(kind, 'city', 'department', 'unit', 'other', "
	    "'ward'), name, id",
	[STMT_SET_LEVEL] = "UPDATE procedures SET service_level = ?, "
	    "updated_at = NOW() WHERE code = ?",
	[STMT_GET] = "SELECT p.id, p.code, p.name, f.name AS field_name, "
	    "p.level_province, p.level_commune, p.agency_id, "
	    "a.code AS agency_code, a.name AS agency_name, p.procedure_type, "
	    "p.decision_no, p.implementing, p.competent, p.subjects, "
	    "p.steps_text, p.conditions_text, p.result_text, p.online, "
	    "p.service_level, p.time_hours, p.time_days, p.version, "
	    "DATE_FORMAT(p.updated_at, '%Y-%m-%d %H:%i:%s') AS updated_at, "
	    "p.local_version, p.import_held_at, f.name_en AS field_name_en "
	    "FROM procedures p JOIN fields f ON f.id = p.field_id "
	    "LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.code = ?",
	[STMT_CHANNELS] = "SELECT channel, time_text, time_hours, time_days, "
	    "fee_text, fee_description FROM procedure_channels "
	    "WHERE procedure_id = ? ORDER BY seq",
	[STMT_DOCUMENTS] = "SELECT group_name, name, originals, copies, "
	    "has_template, note FROM procedure_documents "
	    "WHERE procedure_id = ? ORDER BY seq",
	[STMT_LEGAL] = "SELECT doc_number, title FROM procedure_legal "
	    "WHERE procedure_id = ? ORDER BY seq",
	[STMT_RECEIVERS] = "SELECT code, name, kind FROM agencies "
	    "WHERE (id = ? OR (? = 1 AND kind = 'ward')) "
	    "AND (valid_to IS NULL OR valid_to >= CURDATE()) "
	    "ORDER BY kind = 'ward', name",
	[STMT_AGENCY_KIND] = "SELECT kind FROM agencies WHERE id = ?",
	[STMT_LOCK] = "SELECT version, DATE_FORMAT(updated_at, "
	    "'%Y-%m-%d %H:%i:%s'), local_version FROM procedures "
	    "WHERE id = ? FOR UPDATE",
	[STMT_VERSION_HAS] = "SELECT 1 FROM procedure_versions "
	    "WHERE procedure_id = ? AND version = ?",
	[STMT_VERSION_ADD] = "INSERT INTO procedure_versions (procedure_id, "
	    "version, source, content, changes, created_at, created_by) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
	[STMT_PROC_SAVE] = "UPDATE procedures SET name = ?, search_text = ?, "
	    "subjects = ?, procedure_type = ?, decision_no = ?, "
	    "implementing = ?, competent = ?, steps_text = ?, "
	    "conditions_text = ?, result_text = ?, time_hours = ?, "
	    "time_days = ?, version = ?, local_version = ?, "
	    "import_held_at = NULL, updated_at = NOW() WHERE id = ?",
	[STMT_CHAN_DELETE] = "DELETE FROM procedure_channels "
	    "WHERE procedure_id = ?",
	[STMT_DOC_DELETE] = "DELETE FROM procedure_documents "
	    "WHERE procedure_id = ?",
	[STMT_LEGAL_DELETE] = "DELETE FROM procedure_legal "
	    "WHERE procedure_id = ?",
	[STMT_CHAN_INSERT] = "INSERT INTO procedure_channels (procedure_id, "
	    "seq, channel, time_text, time_hours, time_days, fee_text, "
	    "fee_description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_DOC_INSERT] = "INSERT INTO procedure_documents (procedure_id, "
	    "seq, group_name, name, originals, copies, has_template, note) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_LEGAL_INSERT] = "INSERT INTO procedure_legal (procedure_id, "
	    "seq, doc_number, title) VALUES (?, ?, ?, ?)",
	[STMT_VERSIONS] = "SELECT v.version, v.source, "
	    "DATE_FORMAT(v.created_at, '%Y-%m-%d %H:%i:%s') AS created_at, "
	    "a.full_name, v.changes FROM procedure_versions v "
	    "LEFT JOIN accounts a ON a.id = v.created_by "
	    "WHERE v.procedure_id = ? ORDER BY v.version DESC LIMIT 100",
};
/* clang-format on */

/* 1 if rows have n columns, as their enum says; else logs it, 0. */
static int
shape(const char *what, const struct mc_rows *rows, size_t n)
{
	if (rows->ncols == n)
		return 1;
	mc_err("%s: %zu columns, not %zu", what, rows->ncols, n);
	return 0;
}

/* 1 if q looks like a procedure code or its prefix ("1.000", "2.00063"). */
static int
is_code(const char *q)
{
	const char *p = q;

	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p != '.')
		return 0;
	for (p++; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '.')
			return 0;
	return 1;
}

/* The filters' values, in the order of FILTERS. */
struct filters {
	long long   field, agency, province, commune, online;
	const char *service;
};

/*
 * Resolves the filters of a query; 0, 1 when they cannot match anything
 * (an unknown agency), -1 on error.
 */
static int
filters_of(struct mc_db *db, struct mc_arena *a, const struct mc_cat_query *q,
    struct filters *f)
{
	struct mc_rows rows;
	const char    *kind;

	memset(f, 0, sizeof(*f));
	f->field = q->field_id > 0 ? q->field_id : 0;
	f->province = q->level == CAT_LEVEL_PROVINCE;
	f->commune = q->level == CAT_LEVEL_COMMUNE;
	f->online = q->online != 0;
	f->service = "";
	if (q->service != NULL &&
	    (strcmp(q->service, "full") == 0 ||
		strcmp(q->service, "partial") == 0 ||
		strcmp(q->service, "none") == 0))
		f->service = q->service;
	if (q->agency == NULL || *q->agency == '\0')
		return 0;
	if (mc_db_query(db, a, &rows, stmts[STMT_AGENCY], "s", q->agency) < 0)
		return -1;
	if (rows.n == 0)
		return 1;
	kind = mc_rows_str(&rows, 0, 1);
	if (kind != NULL && strcmp(kind, "ward") == 0)
		f->commune = 1;
	else
		f->agency = mc_rows_int(&rows, 0, 0);
	return 0;
}

/*
 * Runs the count and the page of one statement pair. pre is the value
 * bound before the filters (the LIKE pattern or the boolean query), phrase
 * the one bound first by the search statement (else NULL).
 */
static int
run(struct mc_db *db, struct mc_arena *a, enum stmt list, enum stmt cnt,
    const char *phrase, const char *pre, const struct filters *f,
    const struct mc_cat_query *q, struct mc_rows *out, long long *total)
{
	struct mc_rows rows;
	long long      lim = (long long)q->limit, off = (long long)q->offset;
	int	       rc;

	if (pre != NULL)
		rc = mc_db_query(db, a, &rows, stmts[cnt], "siiiiiissi", pre,
		    f->field, f->field, f->agency, f->agency, f->province,
		    f->commune, f->service, f->service, f->online);
	else
		rc = mc_db_query(db, a, &rows, stmts[cnt], "iiiiiissi",
		    f->field, f->field, f->agency, f->agency, f->province,
		    f->commune, f->service, f->service, f->online);
	if (rc < 0 || rows.n != 1)
		return -1;
	*total = mc_rows_int(&rows, 0, 0);
	if (*total == 0 || (long long)q->offset >= *total)
		return 0;
	if (phrase != NULL)
		return mc_db_query(db, a, out, stmts[list], "ssiiiiiissiiii",
		    phrase, pre, f->field, f->field, f->agency, f->agency,
		    f->province, f->commune, f->service, f->service, f->online,
		    (long long)(q->ward_first != 0), lim, off);
	if (pre != NULL)
		return mc_db_query(db, a, out, stmts[list], "siiiiiissiii",
		    pre, f->field, f->field, f->agency, f->agency, f->province,
		    f->commune, f->service, f->service, f->online, lim, off);
	return mc_db_query(db, a, out, stmts[list], "iiiiiissiii", f->field,
	    f->field, f->agency, f->agency, f->province, f->commune,
	    f->service, f->service, f->online, lim, off);
}

#define ANY_WORDS 8

/* The search by some of the words (q->any), most words first. */
static int
run_any(struct mc_db *db, struct mc_arena *a, const char *folded,
    const struct filters *f, const struct mc_cat_query *q, struct mc_rows *out,
    long long *total)
{
	struct mc_rows rows;
	const char    *slot[ANY_WORDS], *w, *boolean;
	long long      lim = (long long)q->limit, off = (long long)q->offset;
	long long      wt[ANY_WORDS];
	size_t	       i, n, k = 0;

	for (i = 0; i < ANY_WORDS; i++) {
		slot[i] = "#";
		wt[i] = q->weight != NULL ? (long long)q->weight[i] : 1;
	}
	for (w = folded; *w != '\0' && k < ANY_WORDS; w += n) {
		while (*w == ' ')
			w++;
		if ((n = strcspn(w, " ")) > 0)
			slot[k++] = mc_arena_printf(a, " %.*s ", (int)n, w);
	}
	boolean = folded; /* no operator: any word */
	if (mc_db_query(db, a, &rows, stmts[STMT_SEARCH_ANY_COUNT],
		"siiiiiissi", boolean, f->field, f->field, f->agency,
		f->agency, f->province, f->commune, f->service, f->service,
		f->online) < 0 ||
	    rows.n != 1)
		return -1;
	*total = mc_rows_int(&rows, 0, 0);
	if (*total == 0 || off >= *total)
		return 0;
	return mc_db_query(db, a, out, stmts[STMT_SEARCH_ANY],
	    "sisisisisisisisisiiiiiissiiii", slot[0], wt[0], slot[1], wt[1],
	    slot[2], wt[2], slot[3], wt[3], slot[4], wt[4], slot[5], wt[5],
	    slot[6], wt[6], slot[7], wt[7], boolean, f->field, f->field,
	    f->agency, f->agency, f->province, f->commune, f->service,
	    f->service, f->online, (long long)(q->ward_first != 0), lim, off);
}

static int
find(struct mc_db *db, struct mc_arena *a, const struct mc_cat_query *q,
    struct mc_rows *out, long long *total)
{
	struct filters f;
	const char    *text = q->q ? q->q : "", *folded;
	char	      *like, *boolean;
	int	       rc;

	memset(out, 0, sizeof(*out));
	*total = 0;
	if ((rc = filters_of(db, a, q, &f)) != 0)
		return rc < 0 ? -1 : 0;
	while (*text == ' ')
		text++;
	if (is_code(text)) {
		like = mc_arena_printf(a, "%.40s%%", text);
		return run(db, a, STMT_BY_CODE, STMT_BY_CODE_COUNT, NULL, like,
		    &f, q, out, total);
	}
	if ((folded = mc_fold(a, text)) == NULL)
		return 0;
	if (*folded == '\0') {
		if (f.field == 0 && f.agency == 0 && !f.province &&
		    !f.commune && *f.service == '\0' && !f.online)
			return 0; /* nothing asked */
		return run(db, a, STMT_FILTER, STMT_FILTER_COUNT, NULL, NULL,
		    &f, q, out, total);
	}
	/* Every folded word required: "+dang +ky +khai +sinh". */
	if ((boolean = mc_fold_all_words(a, folded)) == NULL)
		return -1;
	if (q->any)
		return run_any(db, a, folded, &f, q, out, total);
	return run(db, a, STMT_SEARCH, STMT_SEARCH_COUNT,
	    mc_arena_printf(a, " %s ", folded), boolean, &f, q, out, total);
}

int
mc_catalogue_find(struct mc_db *db, struct mc_arena *a,
    const struct mc_cat_query *q, struct mc_rows *out, long long *total)
{
	memset(out, 0, sizeof(*out));
	if (find(db, a, q, out, total) < 0)
		return -1;
	if (out->n > 0 && out->ncols < CATL__MAX) {
		mc_err("catalogue list: %zu columns, not %d", out->ncols,
		    (int)CATL__MAX);
		return -1;
	}
	return 0;
}

int
mc_catalogue_search(struct mc_db *db, struct mc_arena *a, const char *q,
    size_t limit, size_t offset, struct mc_rows *out, long long *total)
{
	struct mc_cat_query cq;

	memset(&cq, 0, sizeof(cq));
	cq.q = q;
	cq.limit = limit;
	cq.offset = offset;
	return mc_catalogue_find(db, a, &cq, out, total);
}

int
mc_catalogue_facets(struct mc_db *db, struct mc_arena *a,
    struct mc_rows *fields, struct mc_rows *agencies)
{
	if (mc_db_query(db, a, fields, stmts[STMT_FACET_FIELDS], "") < 0 ||
	    mc_db_query(db, a, agencies, stmts[STMT_FACET_AGENCIES], "") < 0)
		return -1;
	return 0;
}

int
mc_catalogue_set_service_level(struct mc_db *db, const char *code,
    const char *level)
{
	long long n;

	if (level != NULL && strcmp(level, "full") != 0 &&
	    strcmp(level, "partial") != 0)
		level = NULL;
	if ((n = mc_db_exec(db, stmts[STMT_SET_LEVEL], "ss", level, code)) < 0)
		return -1;
	return n > 0;
}

int
mc_catalogue_get(struct mc_db *db, struct mc_arena *a, const char *code,
    int agencies, struct mc_procedure *p)
{
	long long id;

	memset(p, 0, sizeof(*p));
	if (mc_db_query(db, a, &p->row, stmts[STMT_GET], "s", code) < 0 ||
	    !shape("procedure", &p->row, PCOL__MAX))
		return -1;
	if (p->row.n == 0)
		return 0;
	id = mc_rows_int(&p->row, 0, PCOL_ID);
	if (mc_db_query(db, a, &p->channels, stmts[STMT_CHANNELS], "i", id) <
		0 ||
	    mc_db_query(db, a, &p->documents, stmts[STMT_DOCUMENTS], "i", id) <
		0 ||
	    mc_db_query(db, a, &p->legal, stmts[STMT_LEGAL], "i", id) < 0 ||
	    !shape("channels", &p->channels, CCH__MAX) ||
	    !shape("documents", &p->documents, CDOC__MAX) ||
	    !shape("legal basis", &p->legal, LAW__MAX))
		return -1;
	if (!agencies)
		return 1;
	/* Its department, and every ward when done at commune level. */
	if (mc_db_query(db, a, &p->agencies, stmts[STMT_RECEIVERS], "ii",
		mc_rows_int(&p->row, 0, PCOL_AGENCY),
		mc_rows_int(&p->row, 0, PCOL_COMMUNE)) < 0 ||
	    !shape("receivers", &p->agencies, RECV__MAX))
		return -1;
	return 1;
}

int
mc_catalogue_documents(struct mc_db *db, struct mc_arena *a, long long id,
    struct mc_rows *rows)
{
	if (mc_db_query(db, a, rows, stmts[STMT_DOCUMENTS], "i", id) < 0 ||
	    !shape("documents", rows, CDOC__MAX))
		return -1;
	return 0;
}

/* ------------------------------------------------------------ editing */

/* Rounds thousandths up to whole units. */
static long long
ceil_milli(long long v)
{
	return (v + 999) / 1000;
}

void
mc_catalogue_parse_time(struct mc_arena *a, const char *s, long long *hours,
    long long *days)
{
	const char *unit;
	long long   v = 0, scale = 100;

	*hours = *days = -1;
	if (!(*s >= '0' && *s <= '9'))
		return;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((v = v * 10 + (*s - '0')) > 1000000)
			return;
	v *= 1000;
	if ((*s == ',' || *s == '.') && s[1] >= '0' && s[1] <= '9')
		for (s++; *s >= '0' && *s <= '9'; s++, scale /= 10)
			v += (*s - '0') * scale;
	if ((unit = mc_fold(a, s)) == NULL)
		return;
	if (*unit == '\0' || strcmp(unit, "ngay lam viec") == 0)
		*hours = ceil_milli(v * 8);
	else if (strcmp(unit, "gio") == 0 || strcmp(unit, "gio lam viec") == 0)
		*hours = ceil_milli(v);
	else if (strcmp(unit, "ngay") == 0)
		*days = ceil_milli(v);
	else if (strcmp(unit, "thang") == 0)
		*days = ceil_milli(v * 30);
}

int
mc_catalogue_may_edit(struct mc_db *db, struct mc_arena *a,
    const struct mc_user *u, long long agency_id)
{
	struct mc_rows rows;
	const char    *kind;
	size_t	       i;

	for (i = 0; u != NULL && i < u->ngrants; i++) {
		if (u->grants[i].role != ROLE_ADMIN)
			continue;
		if (agency_id != 0 && u->grants[i].agency_id == agency_id)
			return 1;
		if (mc_db_query(db, a, &rows, stmts[STMT_AGENCY_KIND], "i",
			(long long)u->grants[i].agency_id) < 0)
			return -1;
		kind = rows.n == 1 ? mc_rows_str(&rows, 0, 0) : NULL;
		if (kind != NULL && strcmp(kind, "city") == 0)
			return 1;
	}
	return 0;
}

/* clang-format off */
static const char *const text_names[PT__MAX] = {
	[PT_NAME] = "name",
	[PT_SUBJECTS] = "subjects",
	[PT_TYPE] = "procedure_type",
	[PT_DECISION] = "decision_no",
	[PT_IMPLEMENTING] = "implementing",
	[PT_COMPETENT] = "competent",
	[PT_STEPS] = "steps_text",
	[PT_CONDITIONS] = "conditions_text",
	[PT_RESULT] = "result_text",
};
/* clang-format on */

/* The column of each text in STMT_GET. */
/* clang-format off */
static const size_t text_cols[PT__MAX] = {
	[PT_NAME] = 2, [PT_SUBJECTS] = 13, [PT_TYPE] = 9, [PT_DECISION] = 10,
	[PT_IMPLEMENTING] = 11, [PT_COMPETENT] = 12, [PT_STEPS] = 14,
	[PT_CONDITIONS] = 15, [PT_RESULT] = 16,
};
/* clang-format on */

/* The most bytes each text's column holds. */
/* clang-format off */
static const size_t text_max[PT__MAX] = {
	[PT_NAME] = 8000, [PT_SUBJECTS] = 65535, [PT_TYPE] = 1020,
	[PT_DECISION] = 1020, [PT_IMPLEMENTING] = 65535,
	[PT_COMPETENT] = 65535, [PT_STEPS] = 1 << 20,
	[PT_CONDITIONS] = 1 << 20, [PT_RESULT] = 65535,
};
/* clang-format on */

const char *
mc_catalogue_text_name(enum mc_proc_text t)
{
	return t < PT__MAX ? text_names[t] : NULL;
}

/* "" for NULL: the form's and the database's empty text are one. */
static const char *
ez(const char *s)
{
	return s == NULL ? "" : s;
}

static const char *
nz(const char *s)
{
	return s == NULL || *s == '\0' ? NULL : s;
}

static void
add_error(struct mc_proc_error *err, size_t nerr, size_t *n, const char *field,
    size_t i, const char *why)
{
	if (*n < nerr) {
		/* Names are at most 16 bytes ("conditions_text"), rows 3 digits. */
		if (i == (size_t)-1)
			snprintf(err[*n].field, sizeof(err[*n].field), "%.16s",
			    field);
		else
			snprintf(err[*n].field, sizeof(err[*n].field),
			    "%.8s%u", field, (unsigned int)(i % 1000));
		err[*n].why = why;
	}
	(*n)++;
}

/* 1 if s writes a negative amount: a minus sign right before a digit. */
static int
negative(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '-' && s[1] >= '0' && s[1] <= '9')
			return 1;
		/* U+2212 MINUS SIGN */
		if (strncmp(s, "\xe2\x88\x92", 3) == 0 && s[3] >= '0' &&
		    s[3] <= '9')
			return 1;
	}
	return 0;
}

/* 1 if the time text is already one of the procedure's. */
static int
old_time(const struct mc_procedure *old, const char *t)
{
	size_t i;

	for (i = 0; old != NULL && i < old->channels.n; i++)
		if (strcmp(ez(mc_rows_str(&old->channels, i, 1)), t) == 0)
			return 1;
	return 0;
}

size_t
mc_catalogue_check(struct mc_arena *a, const struct mc_proc_edit *e,
    const struct mc_procedure *old, struct mc_proc_error *err, size_t nerr)
{
	const struct mc_proc_channel *c;
	const struct mc_proc_doc     *d;
	long long		      h, dd;
	size_t			      i, n = 0;

	for (i = 0; i < PT__MAX; i++)
		if (strlen(ez(e->text[i])) > text_max[i])
			add_error(err, nerr, &n, text_names[i], (size_t)-1,
			    "long");
	if (*ez(e->text[PT_NAME]) == '\0')
		add_error(err, nerr, &n, "name", (size_t)-1, "required");
	else if (mc_utf8_chars(e->text[PT_NAME]) > 2000)
		add_error(err, nerr, &n, "name", (size_t)-1, "long");
	for (i = 0; i < e->nchans; i++) {
		c = &e->chans[i];
		if (c->channel < 1 || c->channel > 3)
			add_error(err, nerr, &n, "channel", i, "channel");
		if (*ez(c->fee) == '\0')
			add_error(err, nerr, &n, "fee", i, "required");
		else if (negative(c->fee))
			add_error(err, nerr, &n, "fee", i, "negative");
		else if (mc_utf8_chars(c->fee) > 1000)
			add_error(err, nerr, &n, "fee", i, "long");
		if (strlen(ez(c->fee_desc)) > 65535)
			add_error(err, nerr, &n, "feedesc", i, "long");
		mc_catalogue_parse_time(a, ez(c->time_text), &h, &dd);
		if (mc_utf8_chars(ez(c->time_text)) > 500)
			add_error(err, nerr, &n, "time", i, "long");
		else if (h < 0 && dd < 0 &&
		    (*ez(c->time_text) == '\0' ||
			!old_time(old, c->time_text)))
			add_error(err, nerr, &n, "time", i, "time");
	}
	for (i = 0; i < e->ndocs; i++) {
		d = &e->docs[i];
		if (*ez(d->name) == '\0')
			add_error(err, nerr, &n, "docn", i, "required");
		else if (strlen(d->name) > 65535)
			add_error(err, nerr, &n, "docn", i, "long");
		if (d->originals < 0 || d->originals > 99)
			add_error(err, nerr, &n, "doco", i, "count");
		if (d->copies < 0 || d->copies > 99)
			add_error(err, nerr, &n, "docc", i, "count");
		if (mc_utf8_chars(ez(d->note)) > 1000)
			add_error(err, nerr, &n, "docnote", i, "long");
		if (strlen(ez(d->group)) > 65535)
			add_error(err, nerr, &n, "docg", i, "long");
	}
	for (i = 0; i < e->nlaws; i++) {
		if (*ez(e->laws[i].title) == '\0')
			add_error(err, nerr, &n, "lawt", i, "required");
		if (mc_utf8_chars(ez(e->laws[i].number)) > 255)
			add_error(err, nerr, &n, "lawn", i, "long");
	}
	return n;
}

/* The content of an edit as the JSON a version keeps. */
static json_t *
edit_json(const struct mc_proc_edit *e)
{
	json_t *o = json_object(), *arr, *x;
	size_t	i;

	for (i = 0; i < PT__MAX; i++)
		json_object_set_new(o, text_names[i],
		    json_string(ez(e->text[i])));
	arr = json_array();
	for (i = 0; i < e->nchans; i++) {
		x = json_pack("{s:i, s:s, s:s, s:s}", "channel",
		    e->chans[i].channel, "time", ez(e->chans[i].time_text),
		    "fee", ez(e->chans[i].fee), "fee_description",
		    ez(e->chans[i].fee_desc));
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "channels", arr);
	arr = json_array();
	for (i = 0; i < e->ndocs; i++) {
		x = json_pack("{s:s, s:s, s:s, s:I, s:I, s:b}", "group",
		    ez(e->docs[i].group), "name", ez(e->docs[i].name), "note",
		    ez(e->docs[i].note), "originals",
		    (json_int_t)e->docs[i].originals, "copies",
		    (json_int_t)e->docs[i].copies, "form", e->docs[i].form);
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "documents", arr);
	arr = json_array();
	for (i = 0; i < e->nlaws; i++)
		json_array_append_new(arr,
		    json_pack("{s:s, s:s}", "number", ez(e->laws[i].number),
			"title", ez(e->laws[i].title)));
	json_object_set_new(o, "legal", arr);
	return o;
}

/* The stored procedure as an edit (strings in the arena's rows). */
static void
edit_of(const struct mc_procedure *p, struct mc_proc_edit *e)
{
	const struct mc_rows *r;
	size_t		      i;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < PT__MAX; i++)
		e->text[i] = ez(mc_rows_str(&p->row, 0, text_cols[i]));
	r = &p->channels;
	for (i = 0; i < r->n && i < MC_PROC_CHANNELS_MAX; i++) {
		e->chans[i].channel = (int)mc_rows_int(r, i, 0);
		e->chans[i].time_text = ez(mc_rows_str(r, i, 1));
		e->chans[i].fee = ez(mc_rows_str(r, i, 4));
		e->chans[i].fee_desc = ez(mc_rows_str(r, i, 5));
	}
	e->nchans = i;
	r = &p->documents;
	for (i = 0; i < r->n && i < MC_PROC_DOCS_MAX; i++) {
		e->docs[i].group = ez(mc_rows_str(r, i, 0));
		e->docs[i].name = ez(mc_rows_str(r, i, 1));
		e->docs[i].originals = mc_rows_int(r, i, 2);
		e->docs[i].copies = mc_rows_int(r, i, 3);
		e->docs[i].form = (int)mc_rows_int(r, i, 4);
		e->docs[i].note = ez(mc_rows_str(r, i, 5));
	}
	e->ndocs = i;
	r = &p->legal;
	for (i = 0; i < r->n && i < MC_PROC_LAWS_MAX; i++) {
		e->laws[i].number = ez(mc_rows_str(r, i, 0));
		e->laws[i].title = ez(mc_rows_str(r, i, 1));
	}
	e->nlaws = i;
}

/* A text for the history: at most 200 characters. */
static json_t *
short_text(const char *s)
{
	size_t n = 0, i;

	for (i = 0; s[i] != '\0' && n < 200; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	while (s[i] != '\0' && ((unsigned char)s[i] & 0xc0) == 0x80)
		i++;
	if (s[i] == '\0')
		return json_string(s);
	return json_stringn(s, i);
}

static void
change(json_t *arr, const char *what, const char *label, const char *from,
    const char *to)
{
	json_t *o = json_pack("{s:s}", "what", what);

	if (label != NULL)
		json_object_set_new(o, "label", short_text(label));
	if (from != NULL)
		json_object_set_new(o, "from", short_text(from));
	if (to != NULL)
		json_object_set_new(o, "to", short_text(to));
	json_array_append_new(arr, o);
}

static const char *
channel_label(int c)
{
	static const char *const names[] = { "0", "1", "2", "3" };

	return c >= 0 && c <= 3 ? names[c] : "0";
}

static int
doc_same(const struct mc_proc_doc *x, const struct mc_proc_doc *y)
{
	return strcmp(ez(x->name), ez(y->name)) == 0 &&
	    strcmp(ez(x->group), ez(y->group)) == 0 &&
	    strcmp(ez(x->note), ez(y->note)) == 0 &&
	    x->originals == y->originals && x->copies == y->copies &&
	    x->form == y->form;
}

/* The index of the document named name in e, or -1. */
static long
doc_find(const struct mc_proc_edit *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->ndocs; i++)
		if (strcmp(ez(e->docs[i].name), name) == 0)
			return (long)i;
	return -1;
}

/*
 * What changed from o to e, for the history: a list of
 * {"what", "label", "from", "to"}; an empty list when nothing did.
 */
static json_t *
changes_of(const struct mc_proc_edit *o, const struct mc_proc_edit *e)
{
	json_t *arr = json_array();
	size_t	i, n;
	long	k, last = -1;
	int	moved = 0;

	for (i = 0; i < PT__MAX; i++)
		if (strcmp(ez(o->text[i]), ez(e->text[i])) != 0)
			change(arr, "text", text_names[i],
			    i == PT_NAME ? ez(o->text[i]) : NULL,
			    i == PT_NAME ? ez(e->text[i]) : NULL);
	n = o->nchans < e->nchans ? o->nchans : e->nchans;
	for (i = 0; i < n; i++) {
		const struct mc_proc_channel *x = &o->chans[i],
					     *y = &e->chans[i];

		if (x->channel != y->channel)
			change(arr, "channel", channel_label(y->channel), NULL,
			    NULL);
		if (strcmp(ez(x->fee), ez(y->fee)) != 0)
			change(arr, "fee", channel_label(y->channel),
			    ez(x->fee), ez(y->fee));
		if (strcmp(ez(x->fee_desc), ez(y->fee_desc)) != 0)
			change(arr, "fee_description",
			    channel_label(y->channel), NULL, NULL);
		if (strcmp(ez(x->time_text), ez(y->time_text)) != 0)
			change(arr, "time", channel_label(y->channel),
			    ez(x->time_text), ez(y->time_text));
	}
	for (i = n; i < e->nchans; i++)
		change(arr, "channel_add", channel_label(e->chans[i].channel),
		    NULL, ez(e->chans[i].fee));
	for (i = n; i < o->nchans; i++)
		change(arr, "channel_remove",
		    channel_label(o->chans[i].channel), NULL, NULL);
	for (i = 0; i < e->ndocs; i++) {
		k = doc_find(o, ez(e->docs[i].name));
		if (k < 0) {
			change(arr, "document_add", ez(e->docs[i].name), NULL,
			    NULL);
			continue;
		}
		if (!doc_same(&o->docs[k], &e->docs[i]))
			change(arr, "document_change", ez(e->docs[i].name),
			    NULL, NULL);
		if (k < last)
			moved = 1;
		last = k;
	}
	for (i = 0; i < o->ndocs; i++)
		if (doc_find(e, ez(o->docs[i].name)) < 0)
			change(arr, "document_remove", ez(o->docs[i].name),
			    NULL, NULL);
	if (moved)
		change(arr, "document_order", NULL, NULL, NULL);
	n = o->nlaws == e->nlaws;
	for (i = 0; n && i < e->nlaws; i++)
		if (strcmp(ez(o->laws[i].number), ez(e->laws[i].number)) ||
		    strcmp(ez(o->laws[i].title), ez(e->laws[i].title)))
			n = 0;
	if (!n)
		change(arr, "legal", NULL, NULL, NULL);
	return arr;
}

/* A JSON value as text in the arena; NULL on failure. */
static const char *
dump(struct mc_arena *a, json_t *v)
{
	char	   *s;
	const char *out;

	if (v == NULL || (s = json_dumps(v, JSON_COMPACT)) == NULL)
		return NULL;
	out = mc_arena_strdup(a, s);
	free(s);
	return out;
}

/* The legal time of an edit: the in-person channel's, else the first's. */
static void
legal_time(struct mc_arena *a, const struct mc_proc_edit *e, long long *h,
    long long *d)
{
	size_t i;

	*h = *d = -1;
	for (i = 0; i < e->nchans; i++)
		if (e->chans[i].channel == 1)
			break;
	if (i == e->nchans)
		i = 0;
	if (e->nchans > 0)
		mc_catalogue_parse_time(a, ez(e->chans[i].time_text), h, d);
}

static const char *
num_or_null(struct mc_arena *a, long long v)
{
	return v < 0 ? NULL : mc_arena_printf(a, "%lld", v);
}

/* Writes the procedure's rows from e; 0 or -1. */
static int
store(struct mc_db *db, struct mc_arena *a, long long id, const char *code,
    long long version, const struct mc_proc_edit *e)
{
	const struct mc_proc_channel *c;
	const struct mc_proc_doc     *d;
	const char		     *folded, *search;
	long long		      h, dd;
	size_t			      i;

	if ((folded = mc_fold(a, ez(e->text[PT_NAME]))) == NULL)
		return -1;
	search = mc_arena_printf(a, "%s %s", code, folded);
	legal_time(a, e, &h, &dd);
	if (mc_db_exec(db, stmts[STMT_PROC_SAVE], "ssssssssssssiii",
		e->text[PT_NAME], search, nz(e->text[PT_SUBJECTS]),
		nz(e->text[PT_TYPE]), nz(e->text[PT_DECISION]),
		nz(e->text[PT_IMPLEMENTING]), nz(e->text[PT_COMPETENT]),
		nz(e->text[PT_STEPS]), nz(e->text[PT_CONDITIONS]),
		nz(e->text[PT_RESULT]), num_or_null(a, h), num_or_null(a, dd),
		version, version, id) < 0 ||
	    mc_db_exec(db, stmts[STMT_CHAN_DELETE], "i", id) < 0 ||
	    mc_db_exec(db, stmts[STMT_DOC_DELETE], "i", id) < 0 ||
	    mc_db_exec(db, stmts[STMT_LEGAL_DELETE], "i", id) < 0)
		return -1;
	for (i = 0; i < e->nchans; i++) {
		c = &e->chans[i];
		mc_catalogue_parse_time(a, ez(c->time_text), &h, &dd);
		if (mc_db_exec(db, stmts[STMT_CHAN_INSERT], "iiisssss", id,
			(long long)i + 1, (long long)c->channel,
			ez(c->time_text), num_or_null(a, h),
			num_or_null(a, dd), ez(c->fee), nz(c->fee_desc)) < 0)
			return -1;
	}
	for (i = 0; i < e->ndocs; i++) {
		d = &e->docs[i];
		if (mc_db_exec(db, stmts[STMT_DOC_INSERT], "iissiiis", id,
			(long long)i + 1, nz(d->group), ez(d->name),
			d->originals, d->copies, (long long)d->form,
			nz(d->note)) < 0)
			return -1;
	}
	for (i = 0; i < e->nlaws; i++)
		if (mc_db_exec(db, stmts[STMT_LEGAL_INSERT], "iiss", id,
			(long long)i + 1, nz(e->laws[i].number),
			ez(e->laws[i].title)) < 0)
			return -1;
	return 0;
}

/* The edit in the audit log, in its transaction: 0 or -1. */
static int
catalogue_audit(struct mc_db *db, struct mc_arena *a, long long account_id,
    const char *code, long long version)
{
	struct mc_audit e;

	memset(&e, 0, sizeof(e));
	e.event = AUDIT_CONFIG;
	e.account_id = account_id;
	e.subject = mc_arena_printf(a, "procedure %s v%lld", code, version);
	return mc_audit_write(db, &e);
}

int
mc_catalogue_save_version(struct mc_db *db, struct mc_arena *a,
    const char *code, long long expected, long long account_id,
    const struct mc_proc_edit *e, long long *version)
{
	struct mc_procedure  p;
	struct mc_proc_edit *old;
	struct mc_rows	     lock, has;
	json_t		    *ch;
	const char	    *content, *changes, *now;
	long long	     id, cur;
	char		     t[20];
	int		     rc;

	*version = 0;
	if (mc_db_begin(db) < 0)
		return -1;
	if ((rc = mc_catalogue_get(db, a, code, 0, &p)) <= 0) {
		mc_db_rollback(db);
		return rc < 0 ? -1 : MC_CAT_NONE;
	}
	id = mc_rows_int(&p.row, 0, 0);
	if (mc_db_query(db, a, &lock, stmts[STMT_LOCK], "i", id) < 0 ||
	    lock.n != 1)
		goto fail;
	/* Read again under the lock: what the new version replaces. */
	if (mc_catalogue_get(db, a, code, 0, &p) <= 0)
		goto fail;
	if ((cur = mc_rows_int(&lock, 0, 0)) != expected) {
		mc_db_rollback(db);
		return MC_CAT_STALE;
	}
	old = mc_arena_alloc(a, sizeof(*old));
	edit_of(&p, old);
	ch = changes_of(old, e);
	if (json_array_size(ch) == 0) {
		json_decref(ch);
		mc_db_rollback(db);
		return MC_CAT_SAME;
	}
	changes = dump(a, ch);
	json_decref(ch);
	mc_time_sql(t, time(NULL));
	now = t;
	/* The version replaced, if no row keeps it yet (the catalogue's). */
	if (mc_db_query(db, a, &has, stmts[STMT_VERSION_HAS], "ii", id, cur) <
	    0)
		goto fail;
	if (has.n == 0) {
		ch = edit_json(old);
		content = dump(a, ch);
		json_decref(ch);
		if (content == NULL ||
		    mc_db_exec(db, stmts[STMT_VERSION_ADD], "iisssss", id, cur,
			mc_rows_str(&lock, 0, 2) ? "local" : "import", content,
			NULL, mc_rows_str(&lock, 0, 1), NULL) < 0)
			goto fail;
	}
	ch = edit_json(e);
	content = dump(a, ch);
	json_decref(ch);
	if (content == NULL || changes == NULL ||
	    store(db, a, id, code, cur + 1, e) < 0 ||
	    mc_db_exec(db, stmts[STMT_VERSION_ADD], "iissssI", id, cur + 1,
		"local", content, changes, now, account_id) < 0 ||
	    catalogue_audit(db, a, account_id, code, cur + 1) < 0)
		goto fail;
	if (mc_db_commit(db) < 0)
		return -1;
	*version = cur + 1;
	return MC_CAT_SAVED;
fail:
	mc_db_rollback(db);
	return -1;
}

int
mc_catalogue_versions(struct mc_db *db, struct mc_arena *a, long long id,
    struct mc_rows *out)
{
	if (mc_db_query(db, a, out, stmts[STMT_VERSIONS], "i", id) < 0)
		return -1;
	return shape("versions", out, VER__MAX) ? 0 : -1;
}
