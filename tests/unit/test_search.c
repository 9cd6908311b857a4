/*
 * Unit tests of search that finds what people mean: the one folding
 * (tests/data/fold.tsv, which tests/e2e/search.test.mjs checks against
 * search.js too), the edit distance, and the rewriting of queries (typos,
 * run-together words, synonyms) against a small vocabulary; then against
 * the instance's database ($MOTCUA_CONFIG): the ranking (the citizen's
 * ward's procedures, the frequently used first among equals), the ward
 * read from an address, a webmaster's synonym closing the assistant's
 * question. Run from the repository's top folder.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_config.h"
#include "mc_db.h"
#include "mc_search.h"
#include "mc_util.h"

/* Every line of tests/data/fold.tsv: mc_fold(input) is the expected. */
static void
test_fold_vectors(struct mc_arena *a)
{
	FILE  *f;
	char   line[1024], *tab, *nl;
	size_t n = 0;

	f = fopen("tests/data/fold.tsv", "r");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#' || (tab = strchr(line, '\t')) == NULL)
			continue;
		*tab++ = '\0';
		if ((nl = strchr(tab, '\n')) != NULL)
			*nl = '\0';
		if (strcmp(mc_fold(a, line), tab) != 0)
			fprintf(stderr, "fold(\"%s\") = \"%s\", want \"%s\"\n",
			    line, mc_fold(a, line), tab);
		CHECK_STR(mc_fold(a, line), tab);
		n++;
	}
	fclose(f);
	CHECK(n >= 40);
	/* Slugs keep the spelling of the name (addresses do not move). */
	CHECK_STR(mc_fold_plain(a, "Lý lịch tư pháp"), "ly lich tu phap");
}

static void
test_distance(void)
{
	CHECK_INT(mc_search_distance("ket", 3, "ket", 3, 2), 0);
	CHECK_INT(mc_search_distance("kte", 3, "ket", 3, 2), 1); /* swap */
	CHECK_INT(mc_search_distance("honn", 4, "hon", 3, 2), 1);
	CHECK_INT(mc_search_distance("nhan", 4, "nhna", 4, 2), 1);
	CHECK_INT(mc_search_distance("chung", 5, "trung", 5, 2), 2);
	CHECK_INT(mc_search_distance("abcdef", 6, "uvwxyz", 6, 2), 3);
	CHECK_INT(mc_search_distance("a", 1, "abcd", 4, 2), 3);
}

static const char *const names[] = {
	"Đăng ký kết hôn",
	"Đăng ký kết hôn có yếu tố nước ngoài",
	"Cấp Giấy xác nhận tình trạng hôn nhân",
	"Đăng ký khai sinh",
	"Đăng ký thường trú",
	"Cấp giấy chứng nhận quyền sử dụng đất",
	"Cấp lý lịch tư pháp",
	"Đăng ký hộ kinh doanh",
	"Thủ tục kê khai",
	"Công nhận thôn, tổ dân phố",
};

static void
test_rewrite(struct mc_arena *a)
{
	struct mc_search_words w;
	size_t		       i;

	memset(&w, 0, sizeof(w));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		CHECK_INT(mc_search_words_add(&w, mc_fold(a, names[i])), 0);
	CHECK_INT(mc_search_words_add(&w, "1.000894 12 dang"), 0);
	CHECK_INT(mc_search_words_synonym(&w, mc_fold(a, "độc thân"),
		      mc_fold(a, "tình trạng hôn nhân")),
	    0);
	CHECK_INT(mc_search_words_synonym(&w, mc_fold(a, "sổ đỏ"),
		      mc_fold(a, "giấy chứng nhận quyền sử dụng đất")),
	    0);
	CHECK_INT(mc_search_words_synonym(&w, mc_fold(a, "hộ khẩu"),
		      mc_fold(a, "thường trú")),
	    0);
	CHECK_INT(mc_search_words_synonym(&w, mc_fold(a, "tách hộ khẩu"),
		      mc_fold(a, "tách hộ")),
	    0);
	CHECK_INT(mc_search_words_synonym(&w, "cccd", "can cuoc"), 0);
	CHECK_INT(
	    mc_search_words_synonym(&w, "lam can cuoc", "cap the can cuoc"),
	    0);
	CHECK_INT(
	    mc_search_words_synonym(&w, "hon nhan", "tinh trang hon nhan"), 0);
	mc_search_words_done(&w);

	CHECK(mc_search_words_has(&w, "dang", 4));
	CHECK(mc_search_words_has(&w, "ki", 2));
	CHECK(!mc_search_words_has(&w, "ky", 2)); /* folded to ki */
	CHECK(!mc_search_words_has(&w, "1", 1));  /* numbers: no words */
	CHECK(!mc_search_words_has(&w, "dag", 3));
	CHECK(mc_search_words_has(&w, "dangx", 4)); /* the n bytes only */

	/* The table. */
	CHECK_STR(mc_search_rewrite(&w, a, mc_fold(a, "dang ki ket hon")),
	    "dang ki ket hon");
	CHECK_STR(mc_search_rewrite(&w, a, mc_fold(a, "dangky ket hon")),
	    "dang ki ket hon");
	/* "dang ki ke thon" cuts as few: the pairs the names hold decide. */
	CHECK_STR(mc_search_rewrite(&w, a, mc_fold(a, "dangkykethon")),
	    "dang ki ket hon");
	CHECK_STR(mc_search_rewrite(&w, a, "kekhai"), "ke khai");
	CHECK_STR(
	    mc_search_rewrite(&w, a, mc_fold(a, "giay xac nhan doc than")),
	    "giay xac nhan tinh trang hon nhan");
	/* Typos: a letter off, two swapped, one missing. */
	CHECK_STR(mc_search_rewrite(&w, a, "dang ki kte hon"),
	    "dang ki ket hon");
	CHECK_STR(mc_search_rewrite(&w, a, "dang ki khai snh"),
	    "dang ki khai sinh");
	CHECK_STR(mc_search_rewrite(&w, a, "thuongg tru"), "thuong tru");
	/* Synonyms: longest first, once; not when the meaning is there. */
	CHECK_STR(mc_search_rewrite(&w, a, mc_fold(a, "làm sổ đỏ")),
	    "lam giay chung nhan quyen su dung dat");
	CHECK_STR(mc_search_rewrite(&w, a, "ho khau"), "thuong tru");
	CHECK_STR(mc_search_rewrite(&w, a, "khai sinh ho khau thuong tru"),
	    "khai sinh ho khai thuong tru"); /* meaning there: a typo */
	/* The meaning inside the term is not "already there". */
	CHECK_STR(mc_search_synonyms_apply(&w, a, "tach ho khau"), "tach ho");
	/* A meaning holding another term is read again. */
	CHECK_STR(mc_search_synonyms_apply(&w, a, "lam cccd"),
	    "cap the can cuoc");
	/* A meaning that holds the term is not applied twice. */
	CHECK_STR(mc_search_synonyms_apply(&w, a, "hon nhan"),
	    "tinh trang hon nhan");
	CHECK_STR(mc_search_synonyms_apply(&w, a, "tinh trang hon nhan"),
	    "tinh trang hon nhan");
	/* Synonyms alone: typos stay. */
	CHECK_STR(mc_search_synonyms_apply(&w, a, "so do kte"),
	    "giay chung nhan quyen su dung dat kte");
	CHECK_STR(mc_search_synonyms_apply(&w, a, " ho khau "), "thuong tru");
	/* Unknown, too short or numbers: kept. */
	CHECK_STR(mc_search_rewrite(&w, a, "xyzxyz 2024 ab"),
	    "xyzxyz 2024 ab");
	CHECK_STR(mc_search_rewrite(&w, a, ""), "");
	/* Weights: a word of few names weighs more; unknown words most. */
	CHECK(mc_search_weight(&w, 1000, "dang", 4) <
	    mc_search_weight(&w, 1000, "thon", 4));
	CHECK_INT((int)mc_search_weight(&w, 1000, "zzz", 3), 10);
	CHECK_INT((int)mc_search_weight(&w, 0, "dang", 4), 1);
	CHECK_INT((int)mc_search_weight(&w, 1000, "q", 1), 1);
	mc_search_words_free(&w);
	CHECK_INT((int)w.n, 0);
}

/* The first code mc_search_find gives for q. */
static const char *
first(struct mc_db *db, struct mc_arena *a, const char *q, int ward_first)
{
	struct mc_cat_query  cq;
	struct mc_search_how how;
	struct mc_rows	     rows;
	long long	     total;

	memset(&cq, 0, sizeof(cq));
	cq.q = q;
	cq.limit = 5;
	cq.ward_first = ward_first;
	if (mc_search_find(db, a, &cq, 0, &rows, &total, &how) < 0 ||
	    rows.n == 0)
		return "";
	return mc_rows_str(&rows, 0, CATL_CODE);
}

static const char *const rank_stmts[] = {
	"UPDATE procedures SET frequent = 1, updated_at = updated_at "
	"WHERE code = '1.003596'",
	"SELECT frequent FROM procedures WHERE code = '1.003596'",
	"DELETE FROM search_synonyms WHERE term = 'zzqv blorp hon'",
	"DELETE FROM assistant_unanswered WHERE question = 'zzqv blorp hon'",
	"SELECT COUNT(*) FROM assistant_unanswered "
	"WHERE question = 'zzqv blorp hon' AND done = 0",
	"SELECT id, active FROM search_synonyms WHERE term = 'zzqv blorp hon'",
	"SELECT COUNT(*) FROM audit_log WHERE event = 'config_change' "
	"AND account_id = 1 AND subject = ?",
};

static void
test_rank(struct mc_db *db, struct mc_arena *a)
{
	struct mc_rows rows;
	const char    *code, *name;
	long long      id;

	/* The citizen's ward known: the commune-level procedure (its own)
	 * before the city's of the same words and a shorter name. */
	CHECK_STR(first(db, a, "phe duyet ke hoach khuyen nong dia phuong", 0),
	    "1.003618");
	CHECK_STR(first(db, a, "phe duyet ke hoach khuyen nong dia phuong", 1),
	    "1.003596");
	/* Frequently used first among equals; the refresh recounts. */
	CHECK_INT(mc_search_usage_refresh(db), 0);
	CHECK(mc_db_exec(db, rank_stmts[0], "") == 1);
	CHECK_STR(first(db, a, "phe duyet ke hoach khuyen nong dia phuong", 0),
	    "1.003596");
	CHECK_INT(mc_search_usage_refresh(db), 0); /* no dossiers: not */
	CHECK(mc_db_query(db, a, &rows, rank_stmts[1], "") == 0 &&
	    rows.n == 1 && mc_rows_int(&rows, 0, 0) == 0);
	CHECK_STR(first(db, a, "phe duyet ke hoach khuyen nong dia phuong", 0),
	    "1.003618");
	/* The ward an address names, with or without "Phường". */
	CHECK_INT(mc_search_citizen_ward(db, a, 0,
		      "12 Lê Lợi, Phường Bến Thành, TP.HCM", &code, &name),
	    1);
	CHECK_STR(code, "000.65.60.H29");
	CHECK_INT(mc_search_citizen_ward(db, a, 0, "12 le loi, ben thanh",
		      &code, &name),
	    1);
	CHECK_STR(name, "Phường Bến Thành");
	CHECK_INT(mc_search_citizen_ward(db, a, 0, "nowhere 1", &code, &name),
	    0);
	CHECK_INT(mc_search_citizen_ward(db, a, 0, NULL, &code, &name), 0);
	/* A webmaster's synonym closes the question worded as its term. */
	mc_db_exec(db, rank_stmts[2], "");
	mc_db_exec(db, rank_stmts[3], "");
	CHECK_INT(mc_search_unanswered_log(db, a, "zzqv blorp hôn 0912", "vi"),
	    0);
	CHECK(mc_db_query(db, a, &rows, rank_stmts[4], "") == 0 &&
	    mc_rows_int(&rows, 0, 0) == 1);
	CHECK_INT(mc_search_synonym_add(db, "zzqv blorp hon", "kết hôn",
		      "unit_search", 1),
	    0);
	CHECK(mc_db_query(db, a, &rows, rank_stmts[4], "") == 0 &&
	    mc_rows_int(&rows, 0, 0) == 0);
	/* The change and its audit entry, in one transaction (issue 9). */
	CHECK(mc_db_query(db, a, &rows, rank_stmts[5], "") == 0 &&
	    rows.n == 1 && mc_rows_int(&rows, 0, 1) == 1);
	CHECK(mc_db_query(db, a, &rows, rank_stmts[6], "s",
		  "synonym added: zzqv blorp hon = kết hôn") == 0 &&
	    mc_rows_int(&rows, 0, 0) >= 1);
	CHECK(
	    mc_db_query(db, a, &rows, rank_stmts[5], "") == 0 && rows.n == 1);
	id = mc_rows_int(&rows, 0, 0);
	CHECK_INT(mc_search_synonym_set(db, id, 0, 1), 1);
	CHECK(mc_db_query(db, a, &rows, rank_stmts[6], "s",
		  mc_arena_printf(a, "synonym %lld turned off", id)) == 0 &&
	    mc_rows_int(&rows, 0, 0) == 1);
	CHECK_INT(mc_search_synonym_set(db, 1LL << 40, 1, 1), 0);
	mc_db_exec(db, rank_stmts[2], "");
	mc_db_exec(db, rank_stmts[3], "");
}

static const char *const faq_stmts[] = {
	"DELETE FROM faqs WHERE question LIKE 'zzqf %'",
	"DELETE FROM assistant_unanswered WHERE question LIKE 'zzqf%'",
	"INSERT INTO faqs (question, answer, question_en, answer_en, "
	"published, updated_at) VALUES (?, ?, ?, ?, ?, NOW())",
	"SELECT COUNT(*) FROM assistant_unanswered "
	"WHERE question = 'zzqf cho giay phep' AND done = 0",
};

/* An FAQ a webmaster wrote from a question answers its wordings. */
static void
test_faq(struct mc_db *db, struct mc_arena *a)
{
	struct mc_faq_answer f;
	struct mc_rows	     rows;
	long long	     id, hidden;

	mc_db_exec(db, faq_stmts[0], "");
	mc_db_exec(db, faq_stmts[1], "");
	CHECK_INT(
	    mc_search_unanswered_log(db, a, "zzqf chó, giấy phép? 0912", "vi"),
	    0);
	CHECK_INT(mc_search_faq_answer(db, a, "zzqf chó giấy phép", "vi", &f),
	    0);
	CHECK_INT(mc_db_exec(db, faq_stmts[2], "ssssi", "zzqf Nuôi chó?",
		      "Không cần.", "zzqf Keep a dog?", "No need.", 1),
	    1);
	id = (long long)mc_db_insert_id(db);
	CHECK_INT(mc_db_exec(db, faq_stmts[2], "ssssi", "zzqf Ẩn", "Ẩn.", NULL,
		      NULL, 0),
	    1);
	hidden = (long long)mc_db_insert_id(db);
	CHECK_INT(mc_db_begin(db), 0);
	CHECK_INT(mc_search_faq_wordings(db, a, id, "zzqf Nuôi chó?",
		      "zzqf Keep a dog?", "zzqf cho giay phep"),
	    0);
	CHECK_INT(mc_search_faq_wordings(db, a, hidden, "zzqf Ẩn", NULL, NULL),
	    0);
	CHECK_INT(mc_db_commit(db), 0);
	/* The question it was written from: closed, and answered. */
	CHECK(mc_db_query(db, a, &rows, faq_stmts[3], "") == 0 &&
	    mc_rows_int(&rows, 0, 0) == 0);
	CHECK_INT(
	    mc_search_faq_answer(db, a, "ZZQF chó - giấy phép 0987", "vi", &f),
	    1);
	CHECK(f.id == id);
	CHECK_STR(f.answer, "Không cần.");
	/* Its own questions' words, in each language. */
	CHECK_INT(mc_search_faq_answer(db, a, "zzqf keep a dog", "en", &f), 1);
	CHECK_STR(f.question, "zzqf Keep a dog?");
	CHECK_STR(f.answer, "No need.");
	CHECK_INT(mc_search_faq_answer(db, a, "zzqf nuoi cho", "en", &f), 1);
	CHECK_STR(f.answer, "No need.");
	/* Not an unpublished FAQ; not other words. */
	CHECK_INT(mc_search_faq_answer(db, a, "zzqf ẩn", "vi", &f), 0);
	CHECK_INT(mc_search_faq_answer(db, a, "zzqf chó", "vi", &f), 0);
	CHECK_INT(mc_search_faq_answer(db, a, "12345", "vi", &f), 0);
	mc_db_exec(db, faq_stmts[0], "");
	mc_db_exec(db, faq_stmts[1], "");
}

int
main(void)
{
	struct mc_arena *a = mc_arena_new(65536);
	struct mc_db	*db = NULL;

	test_fold_vectors(a);
	test_distance();
	test_rewrite(a);
	CHECK(mc_config_load(NULL) == 0 && (db = mc_db_open()) != NULL);
	if (db != NULL) {
		test_rank(db, a);
		test_faq(db, a);
		mc_db_close(db);
	}
	mc_arena_free(a);
	return DONE();
}
