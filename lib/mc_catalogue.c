/*
 * Catalogue reads for the programs: diacritic-insensitive search with
 * filters over the folded search_text column, the filters' choices, a
 * procedure with its child tables, and the one catalogue write webmasters
 * make (the online service level).
 */
#include <ctype.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_catalogue.h"
#include "mc_util.h"

enum stmt {
	STMT_BY_CODE,
	STMT_BY_CODE_COUNT,
	STMT_SEARCH,
	STMT_SEARCH_COUNT,
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
	STMT__MAX
};

#define LIST_COLUMNS "p.code, p.name, f.name AS field_name, " \
	"p.level_province, p.level_commune, p.online, " \
	"f.name_en AS field_name_en, p.service_level, f.slug AS field_slug "
#define LIST_FROM "FROM procedures p JOIN fields f ON f.id = p.field_id "
/* Bound as "iiiiiissi": field twice, agency twice, province, commune,
 * service level twice, online; 0 or "" turns a filter off. */
#define FILTERS "AND (? = 0 OR p.field_id = ?) " \
	"AND (? = 0 OR p.agency_id = ?) " \
	"AND (? = 0 OR p.level_province = 1) " \
	"AND (? = 0 OR p.level_commune = 1) " \
	"AND (? = '' OR IFNULL(p.service_level, 'none') = ?) " \
	"AND (? = 0 OR p.online = 1) "

static const char *const stmts[STMT__MAX] = {
	[STMT_BY_CODE] = "SELECT " LIST_COLUMNS LIST_FROM
	    "WHERE p.code LIKE ? " FILTERS
	    "ORDER BY p.code LIMIT ? OFFSET ?",
	[STMT_BY_CODE_COUNT] = "SELECT COUNT(*) " LIST_FROM
	    "WHERE p.code LIKE ? " FILTERS,
	/*
	 * The phrase first, then the procedures of the life events (the
	 * common ones), then the shorter name (the more specific procedure;
	 * a leading "Thủ tục " not counted), then the code. search.js ranks
	 * the same way.
	 */
	[STMT_SEARCH] = "SELECT " LIST_COLUMNS ", "
	    "LOCATE(?, CONCAT(' ', p.search_text, ' ')) > 0 AS phrase, "
	    "EXISTS (SELECT 1 FROM life_event_items i "
	    "WHERE i.procedure_code = p.code OR i.field_slug = f.slug) "
	    "AS featured "
	    LIST_FROM "WHERE MATCH (p.search_text) AGAINST (? IN BOOLEAN MODE) "
	    FILTERS "ORDER BY phrase DESC, featured DESC, CHAR_LENGTH(p.name) "
	    "- IF(p.name LIKE 'Thủ tục %', 8, 0), p.code LIMIT ? OFFSET ?",
	[STMT_SEARCH_COUNT] = "SELECT COUNT(*) " LIST_FROM
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
	    "DATE_FORMAT(p.updated_at, '%Y-%m-%d %H:%i:%s') AS updated_at "
	    "FROM procedures p JOIN fields f ON f.id = p.field_id "
	    "LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.code = ?",
	[STMT_CHANNELS] = "SELECT channel, time_text, time_hours, time_days, "
	    "fee_text, fee_description FROM procedure_channels "
	    "WHERE procedure_id = ? ORDER BY seq",
	[STMT_DOCUMENTS] = "SELECT group_name, name, originals, copies, "
	    "has_template FROM procedure_documents WHERE procedure_id = ? "
	    "ORDER BY seq",
	[STMT_LEGAL] = "SELECT doc_number, title FROM procedure_legal "
	    "WHERE procedure_id = ? ORDER BY seq",
	[STMT_RECEIVERS] = "SELECT code, name, kind FROM agencies "
	    "WHERE (id = ? OR (? = 1 AND kind = 'ward')) "
	    "AND (valid_to IS NULL OR valid_to >= CURDATE()) "
	    "ORDER BY kind = 'ward', name",
};

/* 1 if q looks like a procedure code or its prefix ("1.000", "2.00063"). */
static int
is_code(const char *q)
{
	const char	*p = q;

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
	long long	 field, agency, province, commune, online;
	const char	*service;
};

/*
 * Resolves the filters of a query; 0, 1 when they cannot match anything
 * (an unknown agency), -1 on error.
 */
static int
filters_of(struct mc_db *db, struct mc_arena *a, const struct mc_cat_query *q,
    struct filters *f)
{
	struct mc_rows	 rows;
	const char	*kind;

	memset(f, 0, sizeof(*f));
	f->field = q->field_id > 0 ? q->field_id : 0;
	f->province = q->level == CAT_LEVEL_PROVINCE;
	f->commune = q->level == CAT_LEVEL_COMMUNE;
	f->online = q->online != 0;
	f->service = "";
	if (q->service != NULL && (strcmp(q->service, "full") == 0 ||
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
	struct mc_rows	 rows;
	long long	 lim = (long long)q->limit, off = (long long)q->offset;
	int		 rc;

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
		return mc_db_query(db, a, out, stmts[list], "ssiiiiiissiii",
		    phrase, pre, f->field, f->field, f->agency, f->agency,
		    f->province, f->commune, f->service, f->service, f->online,
		    lim, off);
	if (pre != NULL)
		return mc_db_query(db, a, out, stmts[list], "siiiiiissiii",
		    pre, f->field, f->field, f->agency, f->agency, f->province,
		    f->commune, f->service, f->service, f->online, lim, off);
	return mc_db_query(db, a, out, stmts[list], "iiiiiissiii", f->field,
	    f->field, f->agency, f->agency, f->province, f->commune,
	    f->service, f->service, f->online, lim, off);
}

int
mc_catalogue_find(struct mc_db *db, struct mc_arena *a,
    const struct mc_cat_query *q, struct mc_rows *out, long long *total)
{
	struct filters	 f;
	struct buf	 b;
	const char	*text = q->q ? q->q : "", *folded, *w;
	char		*like, *boolean;
	size_t		 n;
	int		 rc;

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
			return 0;	/* nothing asked */
		return run(db, a, STMT_FILTER, STMT_FILTER_COUNT, NULL, NULL,
		    &f, q, out, total);
	}
	/* Every folded word required: "+dang +ky +khai +sinh". */
	mc_buf_init(&b, 4096);
	for (w = folded; *w != '\0'; w += n) {
		while (*w == ' ')
			w++;
		n = strcspn(w, " ");
		if (n > 0 && mc_buf_addf(&b, "%s+%.*s", b.len ? " " : "",
		    (int)n, w) < 0)
			break;
	}
	boolean = mc_arena_strdup(a, b.s ? b.s : "");
	mc_buf_free(&b);
	return run(db, a, STMT_SEARCH, STMT_SEARCH_COUNT,
	    mc_arena_printf(a, " %s ", folded), boolean, &f, q, out, total);
}

int
mc_catalogue_search(struct mc_db *db, struct mc_arena *a, const char *q,
    size_t limit, size_t offset, struct mc_rows *out, long long *total)
{
	struct mc_cat_query	cq;

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
	long long	n;

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
	long long	id;

	memset(p, 0, sizeof(*p));
	if (mc_db_query(db, a, &p->row, stmts[STMT_GET], "s", code) < 0)
		return -1;
	if (p->row.n == 0)
		return 0;
	id = mc_rows_int(&p->row, 0, 0);
	if (mc_db_query(db, a, &p->channels, stmts[STMT_CHANNELS], "i", id) < 0 ||
	    mc_db_query(db, a, &p->documents, stmts[STMT_DOCUMENTS], "i",
	    id) < 0 ||
	    mc_db_query(db, a, &p->legal, stmts[STMT_LEGAL], "i", id) < 0)
		return -1;
	if (!agencies)
		return 1;
	/* Its department, and every ward when done at commune level. */
	if (mc_db_query(db, a, &p->agencies, stmts[STMT_RECEIVERS], "ii",
	    mc_rows_int(&p->row, 0, 6), mc_rows_int(&p->row, 0, 5)) < 0)
		return -1;
	return 1;
}
