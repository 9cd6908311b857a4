/*
 * Accounts from the command line: `motcua user add` (create an account or
 * give an existing one a role) and `motcua token create` (API tokens).
 * The seed command makes its demo accounts with the same functions.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "mc_admin.h"
#include "mc_arena.h"
#include "mc_audit.h"
#include "mc_auth.h"
#include "mc_db.h"
#include "mc_util.h"

#include "motcua.h"

#define TOKEN_BYTES    32
#define TOKEN_DAYS_MAX 3650
#define PASSWORD_MAX   1024 /* bytes */
#define NAME_MAX_CHARS 255

static const char sql_agency_by_code[] =
    "SELECT id, name FROM agencies WHERE code = ?";
static const char sql_account_find[] =
    "SELECT id, email, id_number FROM accounts"
    " WHERE email = ? OR (id_number = ? AND id_verified = 1)";
static const char sql_account_insert[] =
    "INSERT INTO accounts (email, id_number, full_name, phone,"
    " password_hash, created_at) VALUES (?, ?, ?, ?, ?, NOW())";
static const char sql_account_by_email[] =
    "SELECT id, disabled FROM accounts WHERE email = ?";
static const char sql_token_insert[] =
    "INSERT INTO api_tokens (token_hash, account_id, created_at, expires_at)"
    " VALUES (?, ?, NOW(), DATE_ADD(NOW(), INTERVAL ? DAY))";

/* The rules are lib's (mc_auth, mc_account): one for every door. */
int
motcua_valid_role(const char *s)
{
	return mc_auth_role_parse(s) >= 0;
}

int
motcua_valid_email(const char *s)
{
	return mc_account_email_ok(s) && mc_utf8_valid(s, strlen(s));
}

int
motcua_valid_id_number(const char *s)
{
	return mc_account_id_number_ok(s);
}

int
motcua_valid_phone(const char *s)
{
	return mc_account_phone_ok(s);
}

int
motcua_agency_find(struct mc_db *db, struct mc_arena *a, const char *code,
    long long *id, const char **name)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, sql_agency_by_code, "s", code) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	*id = mc_rows_int(&rows, 0, 0);
	if (name != NULL)
		*name = mc_rows_str(&rows, 0, 1);
	return 1;
}

/* The existing account's id (1), none (0), or -1 on error or conflict. */
static int
account_find(struct mc_db *db, struct mc_arena *a,
    const struct motcua_account *acc, long long *id)
{
	struct mc_rows rows;
	const char    *num;

	if (mc_db_query(db, a, &rows, sql_account_find, "ss", acc->email,
		acc->id_number) < 0)
		return -1;
	if (rows.n == 0)
		return 0;
	if (rows.n > 1) {
		fprintf(stderr,
		    "motcua: e-mail %s and ID number %s belong to "
		    "two different accounts (%s and %s)\n",
		    acc->email, acc->id_number, mc_rows_str(&rows, 0, 0),
		    mc_rows_str(&rows, 1, 0));
		return -1;
	}
	num = mc_rows_str(&rows, 0, 2);
	if (acc->id_number != NULL && num != NULL &&
	    strcmp(num, acc->id_number) != 0) {
		fprintf(stderr,
		    "motcua: account %s (%s) has another ID "
		    "number\n",
		    mc_rows_str(&rows, 0, 0), acc->email);
		return -1;
	}
	*id = mc_rows_int(&rows, 0, 0);
	return 1;
}

int
motcua_account_ensure(struct mc_db *db, struct mc_arena *a,
    const struct motcua_account *acc, int add_role, long long *id, int *what)
{
	struct mc_audit made = { AUDIT_ACCOUNT_CREATE, 0, 0, NULL, NULL };
	char		hash[MOTCUA_HASH_MAX];
	long long	n;
	int		found;

	*what = 0;
	if ((found = account_find(db, a, acc, id)) < 0)
		return -1;
	if (found) {
		*what = MOTCUA_ACCOUNT_EXISTS;
		if (!add_role)
			return 0;
	} else {
		if (mc_auth_hash_password(acc->password, hash, sizeof(hash)) <
		    0) {
			fprintf(stderr, "motcua: cannot hash the password\n");
			return -1;
		}
		if (mc_db_exec(db, sql_account_insert, "sssss", acc->email,
			acc->id_number, acc->full_name, acc->phone,
			hash) < 0) {
			explicit_bzero(hash, sizeof(hash));
			fprintf(stderr,
			    "motcua: cannot create the account "
			    "%s\n",
			    acc->email ? acc->email : acc->id_number);
			return -1;
		}
		explicit_bzero(hash, sizeof(hash));
		*id = (long long)mc_db_insert_id(db);
		*what = MOTCUA_ACCOUNT_CREATED;
		/* As the back office's (mc_admin_create): actor 0, the CLI. */
		made.account_id = *id;
		if (mc_audit_write(db, &made) < 0) {
			fprintf(stderr, "motcua: cannot audit account %lld\n",
			    *id);
			return -1;
		}
	}
	/* The back office's grant (lib/domain/mc_admin), audited. */
	if ((n = mc_admin_grant(db, 0, NULL, *id,
		 (enum mc_role)mc_auth_role_parse(acc->role),
		 (unsigned int)acc->agency_id)) < 0) {
		fprintf(stderr,
		    "motcua: cannot give account %lld the role "
		    "%s\n",
		    *id, acc->role);
		return -1;
	}
	if (n > 0)
		*what |= MOTCUA_ROLE_ADDED;
	/* An account an administrator makes or vouches for is verified. */
	if (acc->id_number != NULL &&
	    mc_auth_id_verify(db, a, *id, acc->id_number, ID_PROOF_ADMIN) !=
		1) {
		fprintf(stderr,
		    "motcua: cannot mark the ID number %s of account %lld "
		    "verified (another account holds it verified?)\n",
		    acc->id_number, *id);
		return -1;
	}
	return 0;
}

/* An e-mail address lowercased into the arena. */
static char *
email_lower(struct mc_arena *a, const char *s)
{
	char *e = mc_arena_strdup(a, s), *p;

	for (p = e; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return e;
}

/* Checks the options of `user add` and fills acc; 0 or -1 with a message. */
static int
user_add_check(struct mc_db *db, struct mc_arena *a, struct motcua_opt *o,
    struct motcua_account *acc, const char **agency_name)
{
	const char *role = o[0].value, *agency = o[1].value;
	const char *email = o[2].value, *num = o[3].value;
	const char *pw = o[4].value, *name = o[5].value;
	const char *phone = o[6].value;
	int	    citizen, found;

	memset(acc, 0, sizeof(*acc));
	if (role == NULL || !motcua_valid_role(role)) {
		fprintf(stderr,
		    "motcua: --role must be one of citizen, "
		    "receiver, specialist, leader, admin, evaluator, "
		    "webmaster\n");
		return -1;
	}
	citizen = strcmp(role, "citizen") == 0;
	if (citizen && (num == NULL || agency != NULL)) {
		fprintf(stderr,
		    "motcua: a citizen needs --id-number and no "
		    "--agency\n");
		return -1;
	}
	if (!citizen && (agency == NULL || email == NULL)) {
		fprintf(stderr, "motcua: role %s needs --agency and --email\n",
		    role);
		return -1;
	}
	if (email != NULL && !motcua_valid_email(email)) {
		fprintf(stderr, "motcua: not an e-mail address: '%s'\n",
		    email);
		return -1;
	}
	if (num != NULL && !motcua_valid_id_number(num)) {
		fprintf(stderr, "motcua: --id-number must be 12 digits\n");
		return -1;
	}
	if (pw == NULL || strlen(pw) > PASSWORD_MAX ||
	    !mc_utf8_valid(pw, strlen(pw)) ||
	    mc_utf8_chars(pw) < MOTCUA_PASSWORD_MIN) {
		fprintf(stderr,
		    "motcua: --password of at least %d characters "
		    "is required\n",
		    MOTCUA_PASSWORD_MIN);
		return -1;
	}
	if (phone != NULL && !motcua_valid_phone(phone)) {
		fprintf(stderr,
		    "motcua: --phone must be 9 to 15 digits "
		    "(a leading + allowed)\n");
		return -1;
	}
	if (name != NULL &&
	    (!mc_utf8_valid(name, strlen(name)) || *name == '\0' ||
		mc_utf8_chars(name) > NAME_MAX_CHARS)) {
		fprintf(stderr,
		    "motcua: --name must be 1 to %d characters of "
		    "UTF-8\n",
		    NAME_MAX_CHARS);
		return -1;
	}
	acc->role = role;
	acc->email = email ? email_lower(a, email) : NULL;
	acc->id_number = num;
	acc->password = pw;
	acc->phone = phone;
	acc->full_name = name ? mc_nfc(a, name) :
	    acc->email	      ? acc->email :
				num;
	*agency_name = "";
	if (citizen)
		return 0;
	if ((found = motcua_agency_find(db, a, agency, &acc->agency_id,
		 agency_name)) < 0)
		return -1;
	if (!found) {
		fprintf(stderr, "motcua: no agency with code %s\n", agency);
		return -1;
	}
	return 0;
}

int
cmd_user_add(struct mc_db *db, int argc, char **argv)
{
	struct motcua_opt o[] = {
		{ "role", 1, NULL },
		{ "agency", 1, NULL },
		{ "email", 1, NULL },
		{ "id-number", 1, NULL },
		{ "password", 1, NULL },
		{ "name", 1, NULL },
		{ "phone", 1, NULL },
	};
	struct motcua_account acc;
	struct mc_arena	     *a;
	const char	     *agency_name;
	long long	      id;
	int		      what, rc = -1;

	if (motcua_opts(argc, argv, o, sizeof(o) / sizeof(o[0])) < 0)
		return -1;
	if ((a = mc_arena_new(4096)) == NULL)
		return -1;
	if (mc_db_begin(db) < 0)
		goto out_arena;
	if (user_add_check(db, a, o, &acc, &agency_name) < 0 ||
	    motcua_account_ensure(db, a, &acc, 1, &id, &what) < 0 ||
	    mc_db_commit(db) < 0) {
		mc_db_rollback(db);
		goto out_arena;
	}
	fprintf(stderr, "account %lld %s; role %s%s%s %s\n", id,
	    what & MOTCUA_ACCOUNT_CREATED ? "created" : "exists", acc.role,
	    *agency_name ? " at " : "", agency_name,
	    what & MOTCUA_ROLE_ADDED ? "added" : "already held");
	printf("%lld\n", id);
	rc = 0;
out_arena:
	mc_arena_free(a);
	return rc;
}

int
cmd_token_create(struct mc_db *db, int argc, char **argv)
{
	struct motcua_opt o[] = {
		{ "email", 1, NULL },
		{ "days", 1, NULL },
	};
	unsigned char	 raw[TOKEN_BYTES], hash[32];
	char		 token[2 * TOKEN_BYTES + 1];
	struct mc_arena *a;
	struct mc_rows	 rows;
	long long	 days = 365, id;
	int		 rc = -1;

	if (motcua_opts(argc, argv, o, sizeof(o) / sizeof(o[0])) < 0)
		return -1;
	if (o[0].value == NULL) {
		fprintf(stderr,
		    "usage: motcua token create --email E "
		    "[--days N]\n");
		return -1;
	}
	if (o[1].value != NULL &&
	    mc_parse_ll(o[1].value, 1, TOKEN_DAYS_MAX, &days) < 0) {
		fprintf(stderr, "motcua: --days must be 1 to %d\n",
		    TOKEN_DAYS_MAX);
		return -1;
	}
	if ((a = mc_arena_new(4096)) == NULL)
		return -1;
	if (mc_db_query(db, a, &rows, sql_account_by_email, "s",
		email_lower(a, o[0].value)) < 0)
		goto out_arena;
	if (rows.n == 0 || mc_rows_int(&rows, 0, 1) != 0) {
		fprintf(stderr, "motcua: no %saccount with e-mail %s\n",
		    rows.n ? "enabled " : "", o[0].value);
		goto out_arena;
	}
	id = mc_rows_int(&rows, 0, 0);
	if (mc_random(raw, sizeof(raw)) < 0) {
		fprintf(stderr, "motcua: no randomness\n");
		goto out_arena;
	}
	mc_hex(token, raw, sizeof(raw));
	mc_sha256(hash, token, 2 * TOKEN_BYTES);
	if (mc_db_exec(db, sql_token_insert, "bii", (const char *)hash,
		sizeof(hash), id, days) < 0) {
		fprintf(stderr, "motcua: cannot store the token\n");
		goto out_wipe;
	}
	fprintf(stderr,
	    "token for account %lld (%s), valid %lld days; it is "
	    "shown only now:\n",
	    id, o[0].value, days);
	printf("%s\n", token);
	rc = 0;
out_wipe:
	explicit_bzero(raw, sizeof(raw));
	explicit_bzero(token, sizeof(token));
out_arena:
	mc_arena_free(a);
	return rc;
}
