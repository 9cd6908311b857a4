/*
 * Catalogue reads for the programs: diacritic-insensitive search over the
 * folded search_text column, and a procedure with its child tables.
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
	STMT_GET,
	STMT_CHANNELS,
	STMT_DOCUMENTS,
	STMT_LEGAL,
	STMT_RECEIVERS,
	STMT__MAX
};

#define LIST_COLUMNS "p.code, p.name, f.name AS field_name, " \
	"p.level_province, p.level_commune, p.online "

static const char *const stmts[STMT__MAX] = {
	[STMT_BY_CODE] = "SELECT " LIST_COLUMNS "FROM procedures p "
	    "JOIN fields f ON f.id = p.field_id WHERE p.code LIKE ? "
	    "ORDER BY p.code LIMIT ? OFFSET ?",
	[STMT_BY_CODE_COUNT] = "SELECT COUNT(*) FROM procedures "
	    "WHERE code LIKE ?",
	[STMT_SEARCH] = "SELECT " LIST_COLUMNS ", "
	    "LOCATE(?, p.search_text) AS pos, "
	    "MATCH (p.search_text) AGAINST (? IN BOOLEAN MODE) AS score "
	    "FROM procedures p JOIN fields f ON f.id = p.field_id "
	    "WHERE MATCH (p.search_text) AGAINST (? IN BOOLEAN MODE) "
	    "ORDER BY pos = 0, pos, score DESC, CHAR_LENGTH(p.name), p.code "
	    "LIMIT ? OFFSET ?",
	[STMT_SEARCH_COUNT] = "SELECT COUNT(*) FROM procedures p "
	    "WHERE MATCH (p.search_text) AGAINST (? IN BOOLEAN MODE)",
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
		if (!isdigit((unsigned char)*p) && *p != '.' &&
		    !isalnum((unsigned char)*p))
			return 0;
	return 1;
}

static long long
count(struct mc_db *db, struct mc_arena *a, const char *sql, const char *arg)
{
	struct mc_rows	rows;

	if (mc_db_query(db, a, &rows, sql, "s", arg) < 0 || rows.n != 1)
		return -1;
	return mc_rows_int(&rows, 0, 0);
}

int
mc_catalogue_search(struct mc_db *db, struct mc_arena *a, const char *q,
    size_t limit, size_t offset, struct mc_rows *out, long long *total)
{
	struct buf	 b;
	const char	*folded, *w;
	char		*like, *boolean;
	size_t		 n;

	memset(out, 0, sizeof(*out));
	*total = 0;
	while (*q == ' ')
		q++;
	if (is_code(q)) {
		like = mc_arena_printf(a, "%.40s%%", q);
		if ((*total = count(db, a, stmts[STMT_BY_CODE_COUNT], like)) < 0)
			return -1;
		return mc_db_query(db, a, out, stmts[STMT_BY_CODE], "sii", like,
		    (long long)limit, (long long)offset);
	}
	if ((folded = mc_fold(a, q)) == NULL || *folded == '\0')
		return 0;
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
	boolean = mc_arena_strdup(a, b.s);
	mc_buf_free(&b);
	if ((*total = count(db, a, stmts[STMT_SEARCH_COUNT], boolean)) < 0)
		return -1;
	return mc_db_query(db, a, out, stmts[STMT_SEARCH], "sssii", folded,
	    boolean, boolean, (long long)limit, (long long)offset);
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
