/*
 * E-forms (lib/domain/mc_eform): definitions accepted and refused (every
 * field type, conditions, repeats, upload slots), answers checked against
 * them (each error code, hidden fields dropped, numbers typed), files
 * against the slots, and the default form of a catalogue entry. With a
 * database (MOTCUA_CONFIG): a saved version is the current one once its
 * date has come, and a dossier's answers come back with their form; the
 * drafts' sweep reminds once before the expiry and deletes after it.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_catalogue.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_checklist.h"
#include "mc_dossier.h"
#include "mc_eform.h"
#include "mc_util.h"
#include "fixtures.h"

/* A form with every field type, a condition, a section and a repeat. */
static const char *const FULL =
    "{\"components\": ["
    "{\"type\": \"group\", \"label\": \"Người khai\", \"components\": ["
    " {\"type\": \"textfield\", \"key\": \"full_name\", \"label\": \"Họ tên\","
    "  \"validate\": {\"required\": true, \"maxLength\": 50}},"
    " {\"type\": \"textfield\", \"key\": \"idn\", \"label\": \"Số định danh\","
    "  \"properties\": {\"type\": \"id_number\"}},"
    " {\"type\": \"textfield\", \"key\": \"phone\", \"label\": \"Điện thoại\","
    "  \"validate\": {\"validationType\": \"phone\"}},"
    " {\"type\": \"textfield\", \"key\": \"mail\", \"label\": \"E-mail\","
    "  \"validate\": {\"validationType\": \"email\"}},"
    " {\"type\": \"textfield\", \"key\": \"home\", \"label\": \"Nơi ở\","
    "  \"properties\": {\"type\": \"address\"},"
    "  \"validate\": {\"required\": true}}]},"
    "{\"type\": \"number\", \"key\": \"age\", \"label\": \"Tuổi\","
    " \"validate\": {\"min\": 0, \"max\": 130}},"
    "{\"type\": \"datetime\", \"subtype\": \"date\", \"key\": \"born\","
    " \"label\": \"Ngày sinh\"},"
    "{\"type\": \"radio\", \"key\": \"married\", \"label\": \"Đã kết hôn\","
    " \"values\": [{\"label\": \"Có\", \"value\": \"yes\"},"
    "  {\"label\": \"Không\", \"value\": \"no\"}],"
    " \"validate\": {\"required\": true}},"
    "{\"type\": \"textfield\", \"key\": \"spouse\", \"label\": \"Vợ/chồng\","
    " \"validate\": {\"required\": true},"
    " \"conditional\": {\"hide\": \"=married != \\\"yes\\\"\"}},"
    "{\"type\": \"checklist\", \"key\": \"needs\", \"label\": \"Cần\","
    " \"values\": [{\"label\": \"A\", \"value\": \"a\"},"
    "  {\"label\": \"B\", \"value\": \"b\"}]},"
    "{\"type\": \"checkbox\", \"key\": \"agree\", \"label\": \"Cam kết\","
    " \"validate\": {\"required\": true}},"
    "{\"type\": \"text\", \"text\": \"Đọc kỹ hướng dẫn.\"},"
    "{\"type\": \"spacer\"},"
    "{\"type\": \"dynamiclist\", \"path\": \"members\", \"label\": \"Thành "
    "viên\", \"properties\": {\"max_rows\": 3}, \"components\": ["
    " {\"type\": \"textfield\", \"key\": \"name\", \"label\": \"Tên\","
    "  \"validate\": {\"required\": true}},"
    " {\"type\": \"textarea\", \"key\": \"note\", \"label\": \"Ghi chú\","
    "  \"conditional\": {\"hide\": \"=not(name)\"}}]}"
    "],"
    "\"documents\": [{\"id\": \"d1\", \"name\": \"Tờ khai\", \"required\": "
    "true, \"types\": [\"pdf\"], \"max_mb\": 1, \"max_files\": 1},"
    "{\"id\": \"d2\", \"name\": \"Ảnh\", \"types\": [\"jpeg\", \"png\"]}]}";

static int
ward_ok(const char *code, void *arg)
{
	(void)arg;
	return strcmp(code, "26734") == 0;
}

/* The code of the error at path, or -1. */
static int
err_at(const struct mc_eform_error *e, size_t n, const char *path)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(e[i].path, path) == 0)
			return (int)e[i].code;
	return -1;
}

static size_t
check(struct mc_arena *a, const struct mc_eform *f, const char *answers,
    struct mc_eform_error *e, size_t max, json_t **out)
{
	json_t *j = json_loads(answers, 0, NULL);
	size_t	n;

	if (j == NULL) {
		fprintf(stderr, "bad test JSON: %s\n", answers);
		exit(2);
	}
	n = mc_eform_check(a, f, j, ward_ok, NULL, e, max);
	if (out != NULL)
		*out = j;
	else
		json_decref(j);
	return n;
}

static void
test_definitions(struct mc_arena *a)
{
	static const struct {
		const char	     *json;
		enum mc_eform_problem why;
	} bad[] = {
		{ "[1]", EP_JSON },
		{ "{\"components\": [{\"type\": \"button\"}]}", EP_TYPE },
		{ "{\"components\": [{\"type\": \"textfield\"}]}", EP_KEY },
		{ "{\"components\": [{\"type\": \"textfield\", \"key\": "
		  "\"a b\"}]}",
		    EP_KEY },
		{ "{\"components\": [{\"type\": \"textfield\", \"key\": \"a\"},"
		  "{\"type\": \"number\", \"key\": \"a\"}]}",
		    EP_DUPLICATE },
		{ "{\"components\": [{\"type\": \"textfield\", \"key\": \"a\","
		  "\"conditional\": {\"hide\": \"=a > 3 and b\"}}]}",
		    EP_CONDITION },
		{ "{\"components\": [{\"type\": \"textfield\", \"key\": \"a\","
		  "\"conditional\": {\"hide\": \"=zz = \\\"1\\\"\"}}]}",
		    EP_CONDITION_KEY },
		{ "{\"components\": [{\"type\": \"select\", \"key\": \"a\"}]}",
		    EP_OPTIONS },
		{ "{\"components\": [{\"type\": \"datetime\", \"key\": \"a\","
		  "\"subtype\": \"datetime\"}]}",
		    EP_TYPE },
		{ "{\"documents\": [{\"id\": \"d1\"}]}", EP_DOCUMENT },
		{ "{\"documents\": [{\"id\": \"d1\", \"name\": \"x\", "
		  "\"types\": [\"exe\"]}]}",
		    EP_DOCUMENT },
		{ "{\"components\": [{\"type\": \"dynamiclist\", \"path\": "
		  "\"r\", \"components\": [{\"type\": \"dynamiclist\", "
		  "\"path\": \"s\"}]}]}",
		    EP_TOO_BIG },
	};
	struct mc_eform	      f;
	enum mc_eform_problem why;
	const char	     *subj;
	size_t		      i;

	CHECK_INT(mc_eform_parse(a, FULL, &f, &why, &subj), 0);
	CHECK_INT(f.nfields, 9); /* the spacer is dropped */
	CHECK_INT(f.fields[0].type, EF_SECTION);
	CHECK_INT(f.fields[0].nchildren, 5);
	CHECK_INT(f.fields[0].children[1].type, EF_ID_NUMBER);
	CHECK_INT(f.fields[0].children[2].type, EF_PHONE);
	CHECK_INT(f.fields[0].children[3].type, EF_EMAIL);
	CHECK_INT(f.fields[0].children[4].type, EF_ADDRESS);
	CHECK(mc_eform_has_address(&f)); /* within a section */
	CHECK_INT(f.fields[2].type, EF_DATE);
	CHECK_INT(f.fields[4].cond, COND_NE);
	CHECK_INT(f.fields[8].type, EF_REPEAT);
	CHECK_INT(f.fields[8].max_rows, 3);
	CHECK_INT(f.fields[8].children[1].cond, COND_FALSY);
	CHECK_INT(f.ndocs, 2);
	CHECK_INT(f.docs[0].types, EFT_PDF);
	CHECK_INT(f.docs[0].max_bytes, 1 << 20);
	CHECK(f.open == 0);
	/* As form-js's editor saves a date: its label is "dateLabel". */
	CHECK_INT(mc_eform_parse(a,
		      "{\"type\": \"default\", \"id\": \"Form_1\", "
		      "\"components\": [{\"type\": \"datetime\", \"id\": "
		      "\"Field_1\", \"key\": \"d\", \"subtype\": \"date\", "
		      "\"dateLabel\": \"Ngày cấp\"}]}",
		      &f, &why, &subj),
	    0);
	CHECK_STR(f.fields[0].label, "Ngày cấp");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = EP__MAX;
		CHECK_INT(mc_eform_parse(a, bad[i].json, &f, &why, &subj), -1);
		if (why != bad[i].why)
			fprintf(stderr, "definition %zu: %s\n", i,
			    mc_eform_problem_name(why));
		CHECK_INT(why, bad[i].why);
	}
}

static void
test_answers(struct mc_arena *a)
{
	struct mc_eform	      f;
	struct mc_eform_error e[32];
	enum mc_eform_problem why;
	const char	     *subj;
	json_t		     *j;
	size_t		      n;

	CHECK_INT(mc_eform_parse(a, FULL, &f, &why, &subj), 0);
	/* Good: the spouse hidden (not married) is dropped; age typed. */
	n = check(a, &f,
	    "{\"full_name\": \"Nguyễn Văn A\", \"idn\": \"079123456789\","
	    "\"phone\": \"0901234567\", \"mail\": \"a@b.vn\","
	    "\"home\": {\"street\": \"1 Lê Lợi\", \"ward\": \"26734\"},"
	    "\"age\": \"42\", \"born\": \"1984-02-29\", \"married\": \"no\","
	    "\"spouse\": \"ghost\", \"needs\": [\"a\"], \"agree\": true,"
	    "\"members\": [{\"name\": \"Bé\", \"note\": \"x\"}, {\"name\": \"C\"}]}",
	    e, 32, &j);
	CHECK_INT(n, 0);
	CHECK(json_object_get(j, "spouse") == NULL);
	CHECK(json_is_integer(json_object_get(j, "age")));
	json_decref(j);
	/* Married: the spouse becomes required. */
	n = check(a, &f,
	    "{\"full_name\": \"A\", \"home\": {\"street\": \"1\", "
	    "\"ward\": \"26734\"}, \"married\": \"yes\", \"agree\": true}",
	    e, 32, NULL);
	CHECK_INT(n, 1);
	CHECK_INT(err_at(e, n, "spouse"), EE_REQUIRED);
	/* Everything wrong at once, in the order of the form. */
	n = check(a, &f,
	    "{\"full_name\": \"" /* 51 characters */
	    "ẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠẠ\","
	    "\"idn\": \"12345\", \"phone\": \"12\", \"mail\": \"a@b\","
	    "\"home\": {\"street\": \"1\", \"ward\": \"99999\"},"
	    "\"age\": \"bốn\", \"born\": \"2023-02-29\", \"married\": \"maybe\","
	    "\"needs\": [\"z\"], \"agree\": \"yes\","
	    "\"members\": [{\"note\": \"no name\"}, {}, {}, {}],"
	    "\"extra\": 1}",
	    e, 32, NULL);
	CHECK_INT(err_at(e, n, "full_name"), EE_TOO_LONG);
	CHECK_INT(err_at(e, n, "idn"), EE_ID_NUMBER);
	CHECK_INT(err_at(e, n, "phone"), EE_PHONE);
	CHECK_INT(err_at(e, n, "mail"), EE_EMAIL);
	CHECK_INT(err_at(e, n, "home"), EE_WARD);
	CHECK_INT(err_at(e, n, "age"), EE_FORMAT);
	CHECK_INT(err_at(e, n, "born"), EE_DATE);
	CHECK_INT(err_at(e, n, "married"), EE_CHOICE);
	CHECK_INT(err_at(e, n, "needs"), EE_CHOICE);
	CHECK_INT(err_at(e, n, "agree"), EE_FORMAT);
	CHECK_INT(err_at(e, n, "members"), EE_ROWS);
	CHECK_INT(err_at(e, n, "extra"), EE_UNKNOWN);
	CHECK(strcmp(e[0].path, "full_name") == 0);
	CHECK(strcmp(e[0].label, "Họ tên") == 0);
	/* Missing required ones; range; a row's required field. */
	n = check(a, &f, "{\"age\": 200, \"members\": [{\"note\": \"x\"}]}", e,
	    32, NULL);
	CHECK_INT(err_at(e, n, "full_name"), EE_REQUIRED);
	CHECK_INT(err_at(e, n, "home"), EE_REQUIRED);
	CHECK_INT(err_at(e, n, "married"), EE_REQUIRED);
	CHECK_INT(err_at(e, n, "agree"), EE_REQUIRED);
	CHECK_INT(err_at(e, n, "age"), EE_RANGE);
	CHECK_INT(err_at(e, n, "members.0.name"), EE_REQUIRED);
	CHECK_INT(err_at(e, n, "members.0.note"), -1); /* hidden, dropped */
	/* More errors than room: all counted, max kept. */
	CHECK_INT(check(a, &f, "{}", e, 2, NULL), 4);
	/* Not an object. */
	j = json_array();
	CHECK_INT(mc_eform_check(a, &f, j, NULL, NULL, e, 32), 1);
	json_decref(j);
}

static void
test_files(struct mc_arena *a)
{
	struct mc_eform		   f;
	struct mc_eform_error	   e[8];
	enum mc_eform_problem	   why;
	const char		  *subj;
	const struct mc_eform_file good[] = {
		{ "d1", "application/pdf", 1000 },
		{ "d2", "image/png", 5000 },
	};
	const struct mc_eform_file bad[] = {
		{ "d1", "image/png", 1000 },
		{ "d1", "application/pdf", 2 << 20 },
		{ "d9", "application/pdf", 10 },
	};
	size_t n;

	CHECK_INT(mc_eform_parse(a, FULL, &f, &why, &subj), 0);
	CHECK_INT(mc_eform_check_files(a, &f, good, 2, e, 0, 8), 0);
	CHECK_INT(mc_eform_check_files(a, &f, good + 1, 1, e, 0, 8), 1);
	CHECK_INT(e[0].code, EE_FILE_REQUIRED);
	CHECK(strcmp(e[0].path, "doc.d1") == 0);
	n = mc_eform_check_files(a, &f, bad, 3, e, 0, 8);
	CHECK_INT(err_at(e, n, "doc.d9"), EE_UNKNOWN);
	CHECK_INT(n, 4); /* unknown slot, type, size, count */
}

/*
 * The files of a dossier together (max_dossier_bytes, default 50 MB):
 * the file that goes over is refused at its slot, once; at the limit
 * exactly they fit.
 */
static void
test_files_total(struct mc_arena *a)
{
	struct mc_eform		   f;
	struct mc_eform_error	   e[8];
	enum mc_eform_problem	   why;
	const char		  *subj;
	const struct mc_eform_file three[] = {
		{ "d1", "application/pdf", 1000 },
		{ "d2", "image/png", 5000 },
		{ "d2", "image/png", 4000 },
	};
	size_t n;

	CHECK(mc_eform_max_dossier_bytes() == 50LL << 20);
	CHECK_INT(mc_eform_total_ok(0, 50LL << 20), 1);
	CHECK_INT(mc_eform_total_ok(1, 50LL << 20), 0);
	CHECK_INT(mc_eform_total_ok(50LL << 20, 0), 1);
	CHECK_INT(mc_eform_parse(a, FULL, &f, &why, &subj), 0);
	CHECK_INT(mc_eform_check_files(a, &f, three, 3, e, 0, 8), 0);

	CHECK_INT(mc_config_set("max_dossier_bytes", "5500"), 0);
	CHECK(mc_eform_max_dossier_bytes() == 5500);
	CHECK_INT(mc_eform_total_ok(1000, 4500), 1);
	CHECK_INT(mc_eform_total_ok(1000, 4501), 0);
	CHECK_INT(mc_eform_total_ok(0, LLONG_MAX), 0);
	n = mc_eform_check_files(a, &f, three, 3, e, 0, 8);
	CHECK_INT(n, 1);
	CHECK_INT(e[0].code, EE_FILES_TOTAL);
	CHECK(strcmp(e[0].path, "doc.d2") == 0);
	CHECK(strcmp(mc_eform_err_name(e[0].code), "files_total") == 0);
	CHECK_INT(mc_eform_check_files(a, &f, three, 1, e, 0, 8), 0);

	CHECK_INT(mc_config_set("max_dossier_bytes", "6000"), 0);
	CHECK_INT(mc_eform_check_files(a, &f, three, 2, e, 0, 8), 0);
	CHECK_INT(mc_eform_check_files(a, &f, three, 3, e, 0, 8), 1);
	CHECK_INT(mc_config_set("max_dossier_bytes", "52428800"), 0);
}

static void
test_default(struct mc_arena *a)
{
	/* A stray U+200E inside a word, as in the national catalogue. */
	static const char    *cells[] = { "Nhóm\xe2\x80\x8e 1",
		   "Tờ khai đăng k\xe2\x80\x8e\xc3\xbd", "1", "0", NULL,
		   "Giấy tờ tùy thân", "0", "1" };
	static size_t	      lens[8];
	struct mc_rows	      docs = { 2, 4, NULL, cells, lens };
	struct mc_eform	      f;
	struct mc_eform_error e[4];
	enum mc_eform_problem why;
	const char	     *subj;
	json_t		     *j;

	const char *json = mc_eform_default_json(a, &docs);

	/* Without it: the designer posts the definition as a text field. */
	CHECK(mc_text_ok(json, strlen(json), 1));
	CHECK_INT(mc_eform_parse(a, json, &f, &why, &subj), 0);
	CHECK_INT(f.ndocs, 2);
	CHECK(strcmp(f.docs[0].name, "Tờ khai đăng ký") == 0);
	CHECK(strcmp(f.docs[0].group, "Nhóm 1") == 0);
	CHECK_INT(f.docs[0].originals, 1);
	CHECK_INT(f.docs[1].copies, 1);
	CHECK(f.docs[1].group == NULL);
	CHECK(f.open);
	/* The old free fields still pass: open forms keep unknown keys. */
	j = json_loads("{\"content\": \"x\", \"con\": {\"ten\": \"Na\"}}", 0,
	    NULL);
	CHECK_INT(mc_eform_check(a, &f, j, NULL, NULL, e, 4), 0);
	CHECK(json_object_get(j, "con") != NULL);
	json_decref(j);
	CHECK_INT(
	    mc_eform_parse(a, mc_eform_default_json(a, NULL), &f, &why, &subj),
	    0);
	CHECK_INT(f.ndocs, 0);
}

static void
test_db(struct mc_arena *a)
{
	static const char
	    *const q_proc = "SELECT id FROM procedures ORDER BY id LIMIT 1";
	static const char *const q_clean =
	    "DELETE FROM procedure_forms WHERE procedure_id = ? AND "
	    "definition LIKE '%unit_eform%'";
	struct mc_db	     *db;
	struct mc_rows	      rows;
	struct mc_eform	      f;
	enum mc_eform_problem why;
	const char	     *subj;
	long long	      proc, v1, v2;
	time_t		      now = time(NULL);
	const char	     *def = "{\"components\": [{\"type\": "
				    "\"textfield\", \"key\": \"unit_eform\"}]}";

	if (getenv("MOTCUA_CONFIG") == NULL ||
	    mc_config_load(getenv("MOTCUA_CONFIG")) < 0 ||
	    (db = mc_db_open()) == NULL) {
		fprintf(stderr, "no database: MOTCUA_CONFIG needed\n");
		CHECK(0);
		return;
	}
	CHECK_INT(mc_db_query(db, a, &rows, q_proc, ""), 0);
	if (rows.n == 0) {
		CHECK(0);
		mc_db_close(db);
		return;
	}
	proc = mc_rows_int(&rows, 0, 0);
	mc_db_exec(db, q_clean, "i", proc);
	CHECK_INT(mc_eform_save(db, a, proc, "{\"components\": 3}", 0, 0, now,
		      &v1, &why, &subj),
	    1);
	CHECK_INT(why, EP_JSON);
	CHECK_INT(mc_eform_save(db, a, proc, def, now - 60, 0, now, &v1, &why,
		      &subj),
	    0);
	CHECK_INT(mc_eform_save(db, a, proc, def, now + 86400, 0, now, &v2,
		      &why, &subj),
	    0);
	CHECK_INT(v2, v1 + 1);
	CHECK_INT(mc_eform_current(db, a, proc, NULL, now, &f), 0);
	CHECK_INT(f.version, v1); /* the later one is not in force yet */
	CHECK(f.id > 0);
	CHECK_INT(mc_eform_current(db, a, proc, NULL, now + 2 * 86400, &f), 0);
	CHECK_INT(f.version, v2);
	mc_db_exec(db, q_clean, "i", proc);
	CHECK_INT(mc_eform_current(db, a, proc, NULL, now, &f), 0);
	CHECK_INT(f.id, 0); /* the default again */
	mc_db_close(db);
}

/*
 * What a submission reads of its procedure (mc_eform_current_of): the form
 * in force by the procedure's code, the default from its documents (as
 * the whole procedure gives it), nothing for an unknown code; and the
 * wards read only when an address is checked (mc_eform_ward_lazy).
 */
static void
test_current_of(struct mc_arena *a)
{
	static const char *const q_proc =
	    "SELECT p.id, p.code FROM procedures p WHERE NOT EXISTS "
	    "(SELECT 1 FROM procedure_forms f WHERE f.procedure_id = p.id) "
	    "AND EXISTS (SELECT 1 FROM procedure_documents d "
	    "WHERE d.procedure_id = p.id) ORDER BY p.id LIMIT 1";
	static const char *const q_ward =
	    "SELECT gso_code FROM agencies WHERE kind = 'ward' "
	    "AND gso_code IS NOT NULL AND (valid_to IS NULL OR "
	    "valid_to > CURDATE()) LIMIT 1";
	struct mc_eform_wardlist w;
	struct mc_db		*db;
	struct mc_rows		 rows;
	struct mc_procedure	 p;
	struct mc_eform		 f, whole;
	struct mc_eform_error	 e[32];
	enum mc_eform_problem	 why;
	const char		*subj, *code;
	long long		 id = 0;
	time_t			 now = time(NULL);
	json_t			*j;
	size_t			 n;

	if (getenv("MOTCUA_CONFIG") == NULL || (db = mc_db_open()) == NULL) {
		CHECK(0);
		return;
	}
	if (mc_db_query(db, a, &rows, q_proc, "") < 0 || rows.n == 0) {
		CHECK(0);
		mc_db_close(db);
		return;
	}
	code = mc_rows_str(&rows, 0, 1);
	CHECK_INT(mc_eform_current_of(db, a, code, now, &f, &id), 1);
	CHECK_INT(id, mc_rows_int(&rows, 0, 0));
	CHECK_INT(f.id, 0);
	CHECK_INT(mc_catalogue_get(db, a, code, 0, &p), 1);
	CHECK_INT(mc_eform_current(db, a, id, &p.documents, now, &whole), 0);
	CHECK(f.ndocs > 0);
	CHECK_INT(f.ndocs, whole.ndocs);
	CHECK_STR(f.json, whole.json);
	CHECK_INT(mc_eform_current_of(db, a, "unit-eform-none", now, &f, &id),
	    0);

	/* An address checked: the wards read once; none: never read. */
	CHECK_INT(mc_eform_parse(a, FULL, &f, &why, &subj), 0);
	CHECK_INT(mc_db_query(db, a, &rows, q_ward, ""), 0);
	CHECK_INT(rows.n, 1);
	memset(&w, 0, sizeof(w));
	w.db = db;
	w.a = a;
	j = json_pack("{s:{s:s, s:s}}", "home", "street", "12 Lê Lợi", "ward",
	    rows.n > 0 ? mc_rows_str(&rows, 0, 0) : "");
	n = mc_eform_check(a, &f, j, mc_eform_ward_lazy, &w, e, 32);
	CHECK_INT(w.state, 1);
	CHECK(w.rows.n > 0);
	CHECK_INT(err_at(e, n, "home"), -1);
	json_object_set_new(json_object_get(j, "home"), "ward",
	    json_string("99999"));
	n = mc_eform_check(a, &f, j, mc_eform_ward_lazy, &w, e, 32);
	CHECK_INT(err_at(e, n, "home"), EE_WARD);
	json_decref(j);
	memset(&w, 0, sizeof(w));
	w.db = db;
	w.a = a;
	j = json_pack("{s:s}", "full_name", "Nguyễn Văn A");
	mc_eform_check(a, &f, j, mc_eform_ward_lazy, &w, e, 32);
	CHECK_INT(w.state, 0);
	json_decref(j);
	mc_db_close(db);
}

/* How many rows q counts for one integer argument. */
static long long
count(struct mc_db *db, struct mc_arena *a, const char *q, long long arg)
{
	struct mc_rows rows;

	if (mc_db_query(db, a, &rows, q, "i", arg) < 0 || rows.n != 1)
		return -1;
	return mc_rows_int(&rows, 0, 0);
}

/*
 * The sweep: a draft that expires in a day is reminded once (a
 * notification naming the procedure, an e-mail), an expired one is
 * deleted, a fresh one is left alone.
 */
static void
test_sweep(struct mc_arena *a)
{
	static const char *const q_notes =
	    "SELECT COUNT(*) FROM notifications WHERE account_id = ? AND "
	    "msg = 'Draft.expiring' AND url LIKE '/dich-vu/nop-ho-so/%'";
	static const char *const q_mail =
	    "SELECT COUNT(*) FROM outbox o JOIN accounts a ON a.email = "
	    "o.recipient WHERE a.id = ?";
	static const char
	    *const q_draft = "SELECT COUNT(*) FROM form_drafts WHERE id = ?";
	static const char *const q_reminded =
	    "SELECT COUNT(*) FROM form_drafts WHERE id = ? AND "
	    "reminded_at IS NOT NULL";
	struct mc_db	     *db;
	struct mc_rows	      rows;
	struct mc_user	     *u;
	struct mc_eform_draft soon, gone, fresh;
	time_t		      now;
	long long	      days = 30;

	if (getenv("MOTCUA_CONFIG") == NULL || (db = mc_db_open()) == NULL) {
		CHECK(0);
		return;
	}
	/*
	 * Our clock ahead by the reminder's days and two: the instance's
	 * running worker sweeps at the real time every minute and would
	 * otherwise find our drafts due first, between their save and our
	 * sweep (ours then swept nothing). To the worker's clock they are
	 * neither expired nor about to expire.
	 */
	now = time(NULL) +
	    (mc_config_int("draft_remind_days", 3, 0, 60) + 2) * 86400;
	u = fixture_account(db, a, "unit_eform", NULL, 1, "sweep",
	    ROLE_CITIZEN, 0);
	CHECK(u != NULL);
	CHECK_INT(mc_db_query(db, a, &rows,
		      "SELECT id FROM procedures ORDER BY id LIMIT 1", ""),
	    0);
	if (u == NULL || rows.n == 0) {
		mc_db_close(db);
		return;
	}
	memset(&soon, 0, sizeof(soon));
	soon.account_id = u->id;
	soon.procedure_id = mc_rows_int(&rows, 0, 0);
	gone = fresh = soon;
	/* Saved draft_days ago less one day: expires tomorrow. */
	days = mc_config_int("draft_days", 30, 1, 365);
	CHECK_INT(mc_eform_draft_save(db, &soon, now - (days - 1) * 86400), 0);
	CHECK_INT(mc_eform_draft_save(db, &gone, now - (days + 1) * 86400), 0);
	CHECK_INT(mc_eform_draft_save(db, &fresh, now), 0);
	CHECK(mc_eform_draft_sweep(db, a, now, 1000) >= 2);
	CHECK_INT(count(db, a, q_notes, u->id), 1);
	CHECK_INT(count(db, a, q_mail, u->id), 1);
	CHECK_INT(count(db, a, q_reminded, soon.id), 1);
	CHECK_INT(count(db, a, q_draft, gone.id), 0);
	CHECK_INT(count(db, a, q_draft, fresh.id), 1);
	CHECK_INT(count(db, a, q_reminded, fresh.id), 0);
	/* Saved again in the same second with nothing new: MariaDB changes
	 * no row, and the draft is still the account's (the no-JavaScript
	 * form's round trips got 404 for it in the official CI). */
	CHECK_INT(mc_eform_draft_save(db, &fresh, now), 0);
	CHECK_INT(mc_eform_draft_save(db, &fresh, now), 0);
	{
		struct mc_eform_draft other = fresh;

		other.account_id = fresh.account_id + 1000000;
		CHECK_INT(mc_eform_draft_save(db, &other, now), 1);
	}
	/* Once only. */
	CHECK(mc_eform_draft_sweep(db, a, now, 1000) >= 0);
	CHECK_INT(count(db, a, q_notes, u->id), 1);
	CHECK_INT(count(db, a, q_mail, u->id), 1);
	/* Only its account deletes a draft; a second delete finds none. */
	CHECK_INT(mc_eform_draft_delete(db, soon.id, u->id + 1), 0);
	CHECK_INT(count(db, a, q_draft, soon.id), 1);
	CHECK_INT(mc_eform_draft_delete(db, soon.id, u->id), 1);
	CHECK_INT(mc_eform_draft_delete(db, soon.id, u->id), 0);
	CHECK_INT(mc_eform_draft_delete(db, fresh.id, u->id), 1);
	mc_db_close(db);
}

/*
 * The checklist's rows are refused before any transaction: each not ticked,
 * an invalid one without its reason, a note too long or with a bidi
 * control, each with its error; the verdicts' names both ways.
 */
static void
test_checklist_rules(struct mc_arena *a)
{
	struct mc_check_input in[5];
	struct mc_check	      c = { 0 };
	char		      longnote[MC_CHECK_NOTE_MAX + 2];

	memset(longnote, 'x', sizeof(longnote) - 1);
	longnote[sizeof(longnote) - 1] = '\0';
	memset(in, 0, sizeof(in));
	in[0].verdict = CHECK_COMPLETE;
	in[1].verdict = CHECK_NONE;
	in[2].verdict = CHECK_INVALID;
	in[3].verdict = CHECK_MISSING;
	in[3].note = longnote;
	in[4].verdict = CHECK_MISSING;
	in[4].note = "a\xe2\x80\xae"
		     "b";
	CHECK_INT(mc_checklist_save(NULL, a, NULL, "X", in, 5, 0, NULL),
	    DOSSIER_BAD_INPUT);
	CHECK_INT(in[0].err, CHKE_NONE);
	CHECK_INT(in[1].err, CHKE_VERDICT);
	CHECK_INT(in[2].err, CHKE_NOTE);
	CHECK_INT(in[3].err, CHKE_NOTE_TEXT);
	CHECK_INT(in[4].err, CHKE_NOTE_TEXT);
	CHECK_INT(mc_check_verdict_parse("invalid"), CHECK_INVALID);
	CHECK_INT(mc_check_verdict_parse("none"), -1);
	CHECK_INT(mc_check_verdict_parse(NULL), -1);
	CHECK(strcmp(mc_check_verdict_name(CHECK_MISSING), "missing") == 0);
	c.verdict = CHECK_INVALID;
	c.note = "Hết hạn";
	CHECK(strcmp(mc_check_reason(a, &c), "Không hợp lệ: Hết hạn") == 0);
	c.verdict = CHECK_MISSING;
	c.note = NULL;
	CHECK(strcmp(mc_check_reason(a, &c), "Còn thiếu") == 0);
}

/*
 * Prefilling from the account: by type (the first top-level question of
 * each, none inside a repeat), by key for the name, by properties.prefill;
 * an answer already there kept; no ID number when none is verified.
 */
static void
test_prefill(struct mc_arena *a)
{
	static const char def[] =
	    "{\"components\": ["
	    "{\"type\": \"textfield\", \"key\": \"full_name\", \"label\": \"N\"},"
	    "{\"type\": \"textfield\", \"key\": \"idn\", \"label\": \"I\","
	    " \"properties\": {\"type\": \"id_number\"}},"
	    "{\"type\": \"textfield\", \"key\": \"tel\", \"label\": \"P\","
	    " \"validate\": {\"validationType\": \"phone\"}},"
	    "{\"type\": \"textfield\", \"key\": \"tel2\", \"label\": \"P2\","
	    " \"validate\": {\"validationType\": \"phone\"}},"
	    "{\"type\": \"textfield\", \"key\": \"home\", \"label\": \"A\","
	    " \"properties\": {\"type\": \"address\"}},"
	    "{\"type\": \"textfield\", \"key\": \"mail\", \"label\": \"E\","
	    " \"properties\": {\"prefill\": \"email\"}},"
	    "{\"type\": \"dynamiclist\", \"path\": \"kids\", \"label\": \"K\","
	    " \"components\": [{\"type\": \"textfield\", \"key\": \"name\","
	    " \"label\": \"KN\"}]}]}";
	struct mc_eform	       f;
	struct mc_eform_person who = { "Nguyễn Văn A", NULL, "0903123456",
		"a@b.vn", "12 Lê Lợi" };
	enum mc_eform_problem  why;
	const char	      *subject;
	json_t		      *ans;

	CHECK(mc_eform_parse(a, def, &f, &why, &subject) == 0);
	ans = json_pack("{s:s}", "tel", "0911000000");
	CHECK_INT(mc_eform_prefill(&f, ans, &who), 3);
	CHECK(strcmp(json_string_value(json_object_get(ans, "full_name")),
		  "Nguyễn Văn A") == 0);
	CHECK(json_object_get(ans, "idn") == NULL); /* not verified */
	CHECK(strcmp(json_string_value(json_object_get(ans, "tel")),
		  "0911000000") == 0);		     /* the answer kept */
	CHECK(json_object_get(ans, "tel2") == NULL); /* the first only */
	CHECK(strcmp(json_string_value(json_object_get(
			 json_object_get(ans, "home"), "street")),
		  "12 Lê Lợi") == 0);
	CHECK(strcmp(json_string_value(json_object_get(ans, "mail")),
		  "a@b.vn") == 0);
	CHECK(json_object_get(ans, "kids") == NULL);
	json_decref(ans);
	who.id_number = "079090001234";
	ans = json_object();
	CHECK_INT(mc_eform_prefill(&f, ans, &who), 5);
	CHECK(strcmp(json_string_value(json_object_get(ans, "idn")),
		  "079090001234") == 0);
	CHECK(strcmp(json_string_value(json_object_get(ans, "tel")),
		  "0903123456") == 0);
	json_decref(ans);
}

/*
 * Filling a form from another dossier's answers: by key (a repeat's rows,
 * with only its row questions' keys), else by tag (a name keyed ho_ten, a
 * date of birth keyed ngay_sinh, the first ID number and address, a
 * properties.prefill word), types fitting (text and long text alike, a
 * date never from a text); choices only among the form's values; an empty
 * answer filled, a typed one kept (counted) unless overwrite, an equal one
 * neither; the second ID number of a form has no tag.
 */
static void
test_fill(struct mc_arena *a)
{
	static const char src_def[] =
	    "{\"components\": ["
	    "{\"type\": \"textfield\", \"key\": \"full_name\", \"label\": \"N\"},"
	    "{\"type\": \"textfield\", \"key\": \"cccd\", \"label\": \"I\","
	    " \"properties\": {\"type\": \"id_number\"}},"
	    "{\"type\": \"datetime\", \"subtype\": \"date\","
	    " \"key\": \"date_of_birth\", \"label\": \"D\"},"
	    "{\"type\": \"group\", \"label\": \"G\", \"components\": ["
	    "{\"type\": \"textfield\", \"key\": \"home\", \"label\": \"A\","
	    " \"properties\": {\"type\": \"address\"}}]},"
	    "{\"type\": \"select\", \"key\": \"sex\", \"label\": \"S\","
	    " \"values\": [{\"label\": \"M\", \"value\": \"m\"},"
	    " {\"label\": \"F\", \"value\": \"f\"}, {\"label\": \"O\","
	    " \"value\": \"o\"}]},"
	    "{\"type\": \"textfield\", \"key\": \"job\", \"label\": \"J\","
	    " \"properties\": {\"prefill\": \"occupation\"}},"
	    "{\"type\": \"textfield\", \"key\": \"note\", \"label\": \"T\"},"
	    "{\"type\": \"dynamiclist\", \"path\": \"members\", \"label\": \"K\","
	    " \"components\": [{\"type\": \"textfield\", \"key\": \"name\","
	    " \"label\": \"KN\"}, {\"type\": \"textfield\", \"key\": \"idn\","
	    " \"label\": \"KI\", \"properties\": {\"type\": \"id_number\"}}]}]}";
	static const char dst_def[] =
	    "{\"components\": ["
	    "{\"type\": \"textfield\", \"key\": \"ho_ten\", \"label\": \"N\"},"
	    "{\"type\": \"textfield\", \"key\": \"so\", \"label\": \"I\","
	    " \"properties\": {\"type\": \"id_number\"}},"
	    "{\"type\": \"textfield\", \"key\": \"so2\", \"label\": \"I2\","
	    " \"properties\": {\"type\": \"id_number\"}},"
	    "{\"type\": \"datetime\", \"subtype\": \"date\","
	    " \"key\": \"ngay_sinh\", \"label\": \"D\"},"
	    "{\"type\": \"textfield\", \"key\": \"noi_o\", \"label\": \"A\","
	    " \"properties\": {\"type\": \"address\"}},"
	    "{\"type\": \"radio\", \"key\": \"sex\", \"label\": \"S\","
	    " \"values\": [{\"label\": \"M\", \"value\": \"m\"},"
	    " {\"label\": \"F\", \"value\": \"f\"}]},"
	    "{\"type\": \"textarea\", \"key\": \"nghe\", \"label\": \"J\","
	    " \"properties\": {\"prefill\": \"occupation\"}},"
	    "{\"type\": \"datetime\", \"subtype\": \"date\", \"key\": \"note\","
	    " \"label\": \"T\"},"
	    "{\"type\": \"dynamiclist\", \"path\": \"members\", \"label\": \"K\","
	    " \"components\": [{\"type\": \"textfield\", \"key\": \"name\","
	    " \"label\": \"KN\"}]}]}";
	struct mc_eform	      sf, f;
	struct mc_eform_fill  st;
	enum mc_eform_problem why;
	const char	     *subject;
	json_t		     *src, *ans, *row;

	CHECK(mc_eform_parse(a, src_def, &sf, &why, &subject) == 0);
	CHECK(mc_eform_parse(a, dst_def, &f, &why, &subject) == 0);
	CHECK_STR(mc_eform_tag(&f, &f.fields[0]), "name");
	CHECK_STR(mc_eform_tag(&f, &f.fields[1]), "id_number");
	CHECK(mc_eform_tag(&f, &f.fields[2]) == NULL); /* the second */
	CHECK_STR(mc_eform_tag(&f, &f.fields[3]), "date_of_birth");
	CHECK_STR(mc_eform_tag(&f, &f.fields[6]), "occupation");
	CHECK_STR(mc_eform_tag(&sf, &sf.fields[3].children[0]), "address");
	src = json_loads(
	    "{\"full_name\": \"Nguyễn Văn A\","
	    " \"cccd\": \"079090001234\","
	    " \"date_of_birth\": \"1990-05-17\","
	    " \"home\": {\"street\": \"12 Lê Lợi\", \"ward\": \"26734\"},"
	    " \"sex\": \"o\", \"job\": \"Kỹ sư\", \"note\": \"x\","
	    " \"members\": [{\"name\": \"B\", \"idn\": \"1\"},"
	    " \"junk\", {\"name\": \"C\"}]}",
	    0, NULL);
	CHECK(src != NULL);
	ans = json_pack("{s:s, s:s, s:s}", "ho_ten", "Typed", "so",
	    "079090001234", "nghe", "");
	mc_eform_fill(&f, ans, &sf, src, 0, &st);
	CHECK_INT(st.filled, 4); /* ngay_sinh, noi_o, nghe, members */
	CHECK_INT(st.kept, 1);	 /* ho_ten */
	CHECK_STR(json_string_value(json_object_get(ans, "ho_ten")), "Typed");
	CHECK(json_object_get(ans, "so2") == NULL);
	CHECK_STR(json_string_value(json_object_get(ans, "ngay_sinh")),
	    "1990-05-17");
	CHECK_STR(json_string_value(
		      json_object_get(json_object_get(ans, "noi_o"), "ward")),
	    "26734");
	CHECK(json_object_get(ans, "sex") == NULL); /* "o" is not offered */
	CHECK_STR(json_string_value(json_object_get(ans, "nghe")), "Kỹ sư");
	CHECK(json_object_get(ans, "note") == NULL); /* a text, not a date */
	CHECK_INT(json_array_size(json_object_get(ans, "members")), 2);
	row = json_array_get(json_object_get(ans, "members"), 0);
	CHECK_STR(json_string_value(json_object_get(row, "name")), "B");
	CHECK(json_object_get(row, "idn") == NULL); /* not a row question */
	mc_eform_fill(&f, ans, &sf, src, 1, &st);
	CHECK_INT(st.filled, 1);
	CHECK_INT(st.kept, 0);
	CHECK_STR(json_string_value(json_object_get(ans, "ho_ten")),
	    "Nguyễn Văn A");
	json_object_set_new(src, "sex", json_string("f"));
	mc_eform_fill(&f, ans, &sf, src, 0, &st);
	CHECK_INT(st.filled, 1);
	CHECK_STR(json_string_value(json_object_get(ans, "sex")), "f");
	mc_eform_fill(&f, ans, &sf, NULL, 0, &st);
	CHECK_INT(st.filled, 0);
	json_decref(ans);
	json_decref(src);
}

/*
 * Every form template a designer may start from is a form the parser takes
 * (with fields, sections and a condition that work), and the list puts the
 * procedure's own field's first: a Hộ tịch procedure gets Hộ tịch's, then
 * the one for any field; an unknown slug is none.
 */
static void
test_templates(struct mc_arena *a)
{
	struct mc_db	     *db;
	struct mc_rows	      rows, list;
	struct mc_eform	      f;
	enum mc_eform_problem why;
	const char	     *subj, *json, *name;
	size_t		      i;

	if (getenv("MOTCUA_CONFIG") == NULL || (db = mc_db_open()) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(mc_db_query(db, a, &rows,
		      "SELECT slug, definition FROM form_templates", ""),
	    0);
	CHECK(rows.n >= 5);
	for (i = 0; i < rows.n; i++) {
		CHECK_INT(mc_eform_parse(a, mc_rows_str(&rows, i, 1), &f, &why,
			      &subj),
		    0);
		CHECK(f.nfields >= 2);
		CHECK_INT(f.open, 0);
		CHECK_INT(mc_eform_template(db, a, mc_rows_str(&rows, i, 0),
			      &json, &name),
		    1);
		CHECK(json != NULL &&
		    strcmp(json, mc_rows_str(&rows, i, 1)) == 0);
	}
	CHECK_INT(mc_eform_template(db, a, "no-such-template", &json, &name),
	    0);
	CHECK_INT(mc_db_query(db, a, &rows,
		      "SELECT p.id FROM procedures p JOIN fields f ON "
		      "f.id = p.field_id WHERE f.slug = 'ho-tich' LIMIT 1",
		      ""),
	    0);
	if (rows.n == 1) {
		CHECK_INT(
		    mc_eform_templates(db, a, mc_rows_int(&rows, 0, 0), &list),
		    0);
		CHECK(list.n >= 5);
		CHECK(list.n >= 2 &&
		    strcmp(mc_rows_str(&list, 0, FT_SLUG), "ho-tich") == 0);
		CHECK_INT(mc_rows_int(&list, 0, FT_OWN), 1);
		CHECK(list.n >= 2 &&
		    strcmp(mc_rows_str(&list, 1, FT_SLUG), "chung") == 0);
		CHECK_INT(mc_rows_int(&list, 1, FT_GENERAL), 1);
		for (i = 2; i < list.n; i++)
			CHECK_INT(mc_rows_int(&list, i, FT_OWN), 0);
	} else
		CHECK(!"a procedure of the field Hộ tịch");
	mc_db_close(db);
}

int
main(void)
{
	struct mc_arena *a = mc_arena_new(1 << 16);

	test_definitions(a);
	test_answers(a);
	test_files(a);
	test_files_total(a);
	test_default(a);
	test_db(a);
	test_current_of(a);
	test_sweep(a);
	test_checklist_rules(a);
	test_prefill(a);
	test_fill(a);
	test_templates(a);
	mc_arena_free(a);
	return DONE();
}
