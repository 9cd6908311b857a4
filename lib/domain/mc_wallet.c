/*
 * The document wallet: a citizen's filed files and issued results, once per
 * content hash, read from the dossiers (no copy of any file), with the
 * hashes the citizen hid (wallet_hidden, migration 0056).
 */
#include <string.h>

#include "mc_arena.h"
#include "mc_db.h"
#include "mc_dossier.h"
#include "mc_log.h"
#include "mc_util.h"
#include "mc_wallet.h"

#define MAX_ROWS 500

enum stmt { STMT_LIST, STMT_HIDE, STMT__MAX };

/*
 * STMT_LIST: the account's files (of its dossiers) and results (of its
 * returned dossiers), oldest first, those hidden since they were filed
 * left out; ? = '' lists all, else only that hash. The slot a file was
 * filed as is found in the dossier's answers (documents: slot -> files)
 * and named by the form it was filed with (documents[].name). data: the
 * dossier's answers were given on a procedure's own form (not the default
 * one), so the document carries them for filling a new form.
 */
/* clang-format off */
static const char *const stmts[STMT__MAX] = {
	[STMT_LIST] = "SELECT w.sha256, w.kind, w.ref, w.filename, b.mime, "
	    "b.size, DATE_FORMAT(w.at, '%Y-%m-%d %H:%i:%s') AS at, w.code, "
	    "w.procedure_name, "
	    "IFNULL(JSON_UNQUOTE(JSON_EXTRACT(w.def, CONCAT(SUBSTRING_INDEX("
	    "JSON_UNQUOTE(JSON_SEARCH(w.def, 'one', w.slot, NULL, "
	    "'$.documents[*].id')), '.', 2), '.name'))), '') AS doc, "
	    "w.action, w.dossier_id, EXISTS (SELECT 1 FROM dossier_answers x "
	    "WHERE x.dossier_id = w.dossier_id AND x.form_id IS NOT NULL) "
	    "AS data FROM ("
	    "SELECT f.sha256, 'file' AS kind, f.id AS ref, f.filename, "
	    "f.uploaded_at AS at, d.code, p.name AS procedure_name, "
	    "COALESCE(da.definition, pf.definition) AS def, "
	    "SUBSTRING_INDEX(SUBSTRING(JSON_UNQUOTE(JSON_SEARCH(da.documents, "
	    "'one', f.sha256)), 3), '[', 1) AS slot, '' AS action, "
	    "d.id AS dossier_id "
	    "FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "LEFT JOIN dossier_answers da ON da.dossier_id = d.id "
	    "LEFT JOIN procedure_forms pf ON pf.id = da.form_id "
	    "WHERE d.account_id = ? AND (? = '' OR f.sha256 = ?) "
	    "UNION ALL "
	    "SELECT r.sha256, 'result', r.id, r.filename, r.uploaded_at, "
	    "d.code, p.name, NULL, NULL, r.action, d.id "
	    "FROM dossier_results r JOIN dossiers d ON d.id = r.dossier_id "
	    "JOIN procedures p ON p.id = d.procedure_id "
	    "WHERE d.account_id = ? AND d.status = ? "
	    "AND (? = '' OR r.sha256 = ?)) w "
	    "JOIN attachments b ON b.sha256 = w.sha256 "
	    "WHERE NOT EXISTS (SELECT 1 FROM wallet_hidden h "
	    "WHERE h.account_id = ? AND h.sha256 = w.sha256 "
	    "AND h.hidden_at >= w.at) "
	    "ORDER BY w.at, w.kind, w.ref LIMIT 2000",
	[STMT_HIDE] = "INSERT INTO wallet_hidden (account_id, sha256, "
	    "hidden_at) VALUES (?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE hidden_at = VALUES(hidden_at)",
};
/* clang-format on */

/* A 64-character lower-case hexadecimal hash. */
static int
hash_ok(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s != NULL && i == 64 && s[64] == '\0';
}

/* The wallet's rows for sha ("" all), newest first, once per hash. */
static int
query(struct mc_db *db, struct mc_arena *a, long long account, const char *sha,
    struct mc_rows *rows)
{
	const char **v;
	size_t	    *len;
	size_t	     i, j, k, n = 0;

	if (mc_db_query(db, a, rows, stmts[STMT_LIST], "issiissi", account,
		sha, sha, account, (long long)STATUS_RETURNED, sha, sha,
		account) < 0)
		return -1;
	if (rows->n > 0 && rows->ncols != WAL__MAX) {
		mc_err("wallet: %zu columns, want %d", rows->ncols, WAL__MAX);
		return -1;
	}
	if (rows->n == 0)
		return 0;
	/* Once per hash, its first filing; then the newest first. */
	v = mc_arena_alloc(a, rows->n * WAL__MAX * sizeof(*v));
	len = mc_arena_alloc(a, rows->n * WAL__MAX * sizeof(*len));
	for (i = rows->n; i-- > 0;) {
		for (j = 0; j < i; j++)
			if (strcmp(mc_rows_str(rows, j, WAL_SHA256),
				mc_rows_str(rows, i, WAL_SHA256)) == 0)
				break;
		if (j < i)
			continue;
		for (k = 0; k < WAL__MAX; k++) {
			v[n * WAL__MAX + k] = rows->v[i * WAL__MAX + k];
			len[n * WAL__MAX + k] = rows->len[i * WAL__MAX + k];
		}
		if (++n == MAX_ROWS)
			break;
	}
	rows->v = v;
	rows->len = len;
	rows->n = n;
	return 0;
}

int
mc_wallet_list(struct mc_db *db, struct mc_arena *a, long long account,
    struct mc_rows *rows)
{
	return query(db, a, account, "", rows);
}

int
mc_wallet_find(struct mc_db *db, struct mc_arena *a, long long account,
    const char *sha, struct mc_wallet_doc *d)
{
	struct mc_rows rows;

	memset(d, 0, sizeof(*d));
	if (account <= 0 || !hash_ok(sha))
		return 0;
	if (query(db, a, account, sha, &rows) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	memcpy(d->sha256, sha, 65);
	d->name = mc_rows_str(&rows, 0, WAL_NAME);
	d->mime = mc_rows_str(&rows, 0, WAL_MIME);
	d->size = mc_rows_int(&rows, 0, WAL_SIZE);
	d->doc = mc_rows_str(&rows, 0, WAL_DOC);
	d->kind = mc_rows_str(&rows, 0, WAL_KIND);
	d->code = mc_rows_str(&rows, 0, WAL_CODE);
	d->dossier_id = mc_rows_int(&rows, 0, WAL_DOSSIER);
	d->data = (int)mc_rows_int(&rows, 0, WAL_DATA);
	return 1;
}

int
mc_wallet_hide(struct mc_db *db, struct mc_arena *a, long long account,
    const char *sha, time_t now)
{
	struct mc_wallet_doc d;
	char		     at[20];
	int		     rc;

	if ((rc = mc_wallet_find(db, a, account, sha, &d)) <= 0)
		return rc;
	mc_time_sql(at, now);
	return mc_db_exec(db, stmts[STMT_HIDE], "iss", account, sha, at) < 0 ?
	    -1 :
	    1;
}
