/*
 * motcua seed: the agency tree of Ho Chi Minh City, which department takes
 * each ministry's procedures, and the demo accounts, from the CSV files in
 * seed_dir, in one transaction. Running it again changes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_search.h"
#include "mc_util.h"

#include "mc_csv.h"
#include "motcua.h"

#define SEED_FILE_MAX (4 * 1024 * 1024)
#define DEMO_PASSWORD "MotCua@2026"
#define MAX_COLS      8

static const char sql_agency_upsert[] =
    "INSERT INTO agencies (code, gso_code, kind, name, name_en, parent_id,"
    " address, valid_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    " ON DUPLICATE KEY UPDATE gso_code = VALUES(gso_code),"
    " kind = VALUES(kind), name = VALUES(name), name_en = VALUES(name_en),"
    " parent_id = VALUES(parent_id), address = VALUES(address),"
    " valid_from = VALUES(valid_from)";
/* A ward dissolved on 1 July 2025 (ward_successors.csv): no GSO code,
 * whose code a new ward may have taken, and no parent (no district). */
static const char sql_old_ward_upsert[] =
    "INSERT INTO agencies (code, kind, name, name_en, valid_from, valid_to)"
    " VALUES (?, 'ward', ?, ?, '2025-03-01', '2025-06-30')"
    " ON DUPLICATE KEY UPDATE name = VALUES(name),"
    " name_en = VALUES(name_en), valid_to = VALUES(valid_to)";
static const char sql_new_ward[] =
    "SELECT id FROM agencies WHERE gso_code = ? AND kind = 'ward'"
    " AND valid_to IS NULL ORDER BY id LIMIT 1";
static const char sql_successor_upsert[] =
    "INSERT INTO agency_successors (agency_id, successor_id, effective,"
    " part) VALUES (?, ?, '2025-07-01', ?) ON DUPLICATE KEY UPDATE"
    " effective = VALUES(effective), part = VALUES(part)";
static const char sql_successor_primary[] =
    "UPDATE agencies SET successor_id = ? WHERE id = ?";
static const char sql_ministry_upsert[] =
    "INSERT INTO ministry_agencies (ministry, agency_id) VALUES (?, ?)"
    " ON DUPLICATE KEY UPDATE agency_id = VALUES(agency_id)";

/* One seed file: its name, its header, and what to do with each row. */
struct seed_file {
	const char *name;
	const char *cols[MAX_COLS];
	size_t	    ncols;
	int (*row)(struct mc_db *, struct mc_arena *, const char **,
	    const char *, size_t);
};

/* Counts and the demo account lines for the summary after the commit. */
static size_t	  agencies_new, agencies_changed, agencies_same, ministries;
static size_t	  synonyms, successors;
static struct buf accounts_out;

/* NULL for an empty CSV cell (nullable columns). */
static const char *
opt(const char *s)
{
	return *s == '\0' ? NULL : s;
}

static int
valid_date(const char *s)
{
	static const char pat[] = "dddd-dd-dd";
	size_t		  i;

	for (i = 0; pat[i] != '\0'; i++)
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') :
				    s[i] != pat[i])
			return 0;
	return s[i] == '\0';
}

static int
valid_kind(const char *s)
{
	return strcmp(s, "city") == 0 || strcmp(s, "department") == 0 ||
	    strcmp(s, "ward") == 0 || strcmp(s, "unit") == 0 ||
	    strcmp(s, "other") == 0;
}

/* code,gso_code,kind,name,name_en,parent_code,address,valid_from */
static int
seed_agency(struct mc_db *db, struct mc_arena *a, const char **f,
    const char *file, size_t line)
{
	long long   parent = 0, n;
	const char *parent_s = NULL;
	int	    found;

	if (*f[0] == '\0' || strlen(f[0]) > 32 || !valid_kind(f[2]) ||
	    *f[3] == '\0' || !valid_date(f[7])) {
		fprintf(stderr,
		    "motcua: %s:%zu: bad code, kind, name or "
		    "valid_from\n",
		    file, line);
		return -1;
	}
	if (*f[5] != '\0') {
		if ((found = motcua_agency_find(db, a, f[5], &parent, NULL)) <
		    0)
			return -1;
		if (!found) {
			fprintf(stderr,
			    "motcua: %s:%zu: parent %s is not "
			    "defined above\n",
			    file, line, f[5]);
			return -1;
		}
		parent_s = mc_arena_printf(a, "%lld", parent);
	}
	if ((n = mc_db_exec(db, sql_agency_upsert, "ssssssss", f[0], opt(f[1]),
		 f[2], f[3], opt(f[4]), parent_s, opt(f[6]), f[7])) < 0) {
		fprintf(stderr, "motcua: %s:%zu: cannot store agency %s\n",
		    file, line, f[0]);
		return -1;
	}
	if (n == 1)
		agencies_new++;
	else if (n > 1)
		agencies_changed++;
	else
		agencies_same++;
	return 0;
}

/* ministry,agency_code */
static int
seed_ministry(struct mc_db *db, struct mc_arena *a, const char **f,
    const char *file, size_t line)
{
	long long id;
	int	  found;

	if ((found = motcua_agency_find(db, a, f[1], &id, NULL)) < 0)
		return -1;
	if (!found || *f[0] == '\0') {
		fprintf(stderr, "motcua: %s:%zu: no agency %s\n", file, line,
		    f[1]);
		return -1;
	}
	if (mc_db_exec(db, sql_ministry_upsert, "si", f[0], id) < 0)
		return -1;
	ministries++;
	return 0;
}

/* old_code,name,name_en,new_gso_code,part,primary */
static int
seed_successor(struct mc_db *db, struct mc_arena *a, const char **f,
    const char *file, size_t line)
{
	struct mc_rows rows;
	long long      old, next;
	int	       found;

	if (*f[0] == '\0' || strlen(f[0]) > 32 || *f[1] == '\0' ||
	    (strcmp(f[4], "full") != 0 && strcmp(f[4], "partial") != 0) ||
	    (strcmp(f[5], "0") != 0 && strcmp(f[5], "1") != 0)) {
		fprintf(stderr,
		    "motcua: %s:%zu: bad code, name, part or "
		    "primary\n",
		    file, line);
		return -1;
	}
	if (mc_db_query(db, a, &rows, sql_new_ward, "s", f[3]) < 0)
		return -1;
	if (rows.n == 0) {
		fprintf(stderr,
		    "motcua: %s:%zu: no ward in force with GSO "
		    "code %s\n",
		    file, line, f[3]);
		return -1;
	}
	next = mc_rows_int(&rows, 0, 0);
	if (mc_db_exec(db, sql_old_ward_upsert, "sss", f[0], f[1], opt(f[2])) <
		0 ||
	    (found = motcua_agency_find(db, a, f[0], &old, NULL)) < 0)
		return -1;
	if (!found)
		return -1;
	if (mc_db_exec(db, sql_successor_upsert, "iis", old, next, f[4]) < 0)
		return -1;
	if (strcmp(f[5], "1") == 0 &&
	    mc_db_exec(db, sql_successor_primary, "ii", next, old) < 0)
		return -1;
	successors++;
	return 0;
}

/* email,id_number,full_name,phone,role,agency_code */
static int
seed_account(struct mc_db *db, struct mc_arena *a, const char **f,
    const char *file, size_t line)
{
	struct motcua_account acc;
	const char	     *agency_name = "";
	long long	      id;
	int		      found, what;

	memset(&acc, 0, sizeof(acc));
	acc.email = f[0];
	acc.id_number = opt(f[1]);
	acc.full_name = f[2];
	acc.phone = opt(f[3]);
	acc.role = f[4];
	acc.password = DEMO_PASSWORD;
	if (!motcua_valid_email(acc.email) || *acc.full_name == '\0' ||
	    !motcua_valid_role(acc.role) ||
	    (acc.id_number != NULL &&
		!motcua_valid_id_number(acc.id_number))) {
		fprintf(stderr,
		    "motcua: %s:%zu: bad e-mail, name, role or ID "
		    "number\n",
		    file, line);
		return -1;
	}
	if (*f[5] != '\0') {
		if ((found = motcua_agency_find(db, a, f[5], &acc.agency_id,
			 &agency_name)) < 0)
			return -1;
		if (!found) {
			fprintf(stderr, "motcua: %s:%zu: no agency %s\n", file,
			    line, f[5]);
			return -1;
		}
	}
	/* An existing demo account is left as it is. */
	if (motcua_account_ensure(db, a, &acc, 0, &id, &what) < 0)
		return -1;
	if (mc_buf_addf(&accounts_out, "  %-28s %-10s %-12s %s%s\n", acc.email,
		acc.role, DEMO_PASSWORD, *agency_name ? agency_name : "-",
		what & MOTCUA_ACCOUNT_CREATED ?
		    "" :
		    " (existing account, left as it was)") < 0)
		return -1;
	return 0;
}

/*
 * One synonym pair (term, means, source): added unless it exists, so a
 * pair webmasters turned off stays off (mc_search_synonym_add).
 */
static int
seed_synonym(struct mc_db *db, struct mc_arena *a, const char **f,
    const char *file, size_t line)
{
	(void)a;
	if (*f[0] == '\0' || *f[1] == '\0' || strlen(f[0]) > 200 ||
	    strlen(f[1]) > 300 || strlen(f[2]) > 500) {
		fprintf(stderr,
		    "motcua: %s:%zu: a term and its meaning "
		    "(at most 200 and 300 bytes) are needed\n",
		    file, line);
		return -1;
	}
	if (mc_search_synonym_add(db, f[0], f[1], f[2], 0) < 0)
		return -1;
	synonyms++;
	return 0;
}

/* clang-format off */
static const struct seed_file files[] = {
	{ "agencies.csv", { "code", "gso_code", "kind", "name", "name_en",
	    "parent_code", "address", "valid_from" }, 8, seed_agency },
	{ "ministry_agencies.csv", { "ministry", "agency_code" }, 2,
	    seed_ministry },
	{ "ward_successors.csv", { "old_code", "name", "name_en",
	    "new_gso_code", "part", "primary" }, 6, seed_successor },
	{ "demo_accounts.csv", { "email", "id_number", "full_name", "phone",
	    "role", "agency_code" }, 6, seed_account },
	{ "synonyms.csv", { "term", "means", "source" }, 3, seed_synonym },
};
/* clang-format on */

/* Reads one seed file and runs its row function on every record. */
static int
seed_load(struct mc_db *db, const char *dir, const struct seed_file *sf)
{
	struct mc_arena *a;
	struct buf	 text;
	struct mc_csv	 csv;
	const char	*f[MAX_COLS];
	char		 path[4096];
	size_t		 i;
	int		 n, rc = -1;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, sf->name) >=
	    sizeof(path))
		return -1;
	if ((a = mc_arena_new(16384)) == NULL)
		return -1;
	mc_buf_init(&text, SEED_FILE_MAX);
	if (motcua_read_file(path, &text) < 0)
		goto out;
	if (!mc_utf8_valid(text.s, text.len)) {
		fprintf(stderr, "motcua: %s: not UTF-8\n", path);
		goto out;
	}
	mc_csv_init(&csv, text.s, text.len);
	n = mc_csv_next(&csv, a, f, MAX_COLS);
	for (i = 0; n == (int)sf->ncols && i < sf->ncols; i++)
		if (strcmp(f[i], sf->cols[i]) != 0)
			break;
	if (n != (int)sf->ncols || i != sf->ncols) {
		fprintf(stderr,
		    "motcua: %s: the header must be the columns of "
		    "this version of the tool\n",
		    path);
		goto out;
	}
	while ((n = mc_csv_next(&csv, a, f, MAX_COLS)) > 0) {
		if (n != (int)sf->ncols) {
			fprintf(stderr,
			    "motcua: %s:%zu: %d fields, expected "
			    "%zu\n",
			    path, csv.line, n, sf->ncols);
			goto out;
		}
		if (sf->row(db, a, f, path, csv.line) < 0)
			goto out;
		mc_arena_reset(a);
	}
	if (n < 0) {
		fprintf(stderr, "motcua: %s:%zu: malformed CSV\n", path,
		    csv.line);
		goto out;
	}
	rc = 0;
out:
	mc_buf_free(&text);
	mc_arena_free(a);
	return rc;
}

int
cmd_seed(struct mc_db *db, int argc, char **argv)
{
	const char *dir;
	size_t	    i;

	if (argc > 0) {
		fprintf(stderr, "usage: motcua seed\n");
		return -1;
	}
	dir = mc_config_get("seed_dir", "db/seed");
	mc_buf_init(&accounts_out, 65536);
	if (mc_db_begin(db) < 0)
		goto fail;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (seed_load(db, dir, &files[i]) < 0) {
			mc_db_rollback(db);
			goto fail;
		}
	if (mc_db_commit(db) < 0)
		goto fail;
	printf("agencies: %zu new, %zu updated, %zu unchanged; "
	       "ministry mappings: %zu\n",
	    agencies_new, agencies_changed, agencies_same, ministries);
	printf("search synonyms: %zu in the seed\n", synonyms);
	printf("wards dissolved on 1 July 2025: %zu links to their "
	       "successors\n",
	    successors);
	printf("demo accounts (e-mail, role, password, agency):\n%s",
	    accounts_out.s);
	mc_buf_free(&accounts_out);
	return motcua_calendar_seed(db);
fail:
	fprintf(stderr, "motcua: seed failed; nothing was changed\n");
	mc_buf_free(&accounts_out);
	return -1;
}
