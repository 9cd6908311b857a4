/*
 * Unit tests of mc_files: type from the bytes, size limits, the
 * content-addressed path, writing once, and cleaned file names.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_config.h"
#include "mc_files.h"

static const char pdf[] =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>"
    "endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0"
    " R>>\n%%EOF\n";
static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
	'\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
	0, 0, 0x1f, 0x15, 0xc4, 0x89 };

int
main(void)
{
	struct mc_arena *a = mc_arena_new(4096);
	struct mc_file	 f, g;
	struct stat	 st;
	const char	*why = NULL;
	char		 dir[] = "/tmp/test_files.XXXXXX", *path;

	if (mkdtemp(dir) == NULL)
		return 1;
	mc_config_set("files_dir", dir);
	mc_config_set("max_upload", "1000");

	CHECK_INT(
	    mc_files_store(a, pdf, sizeof(pdf) - 1, "giấy tờ.pdf", &f, &why),
	    0);
	CHECK_STR(f.mime, "application/pdf");
	CHECK_INT(strlen(f.sha256), 64);
	CHECK_STR(f.filename, "giấy tờ.pdf");
	path = mc_files_path(a, f.sha256);
	CHECK(strncmp(path, dir, strlen(dir)) == 0);
	CHECK(stat(path, &st) == 0 && st.st_size == (off_t)(sizeof(pdf) - 1));
	/* The same bytes again: the same file, nothing new written, but made
	 * young again (motcua files-sweep leaves it to the row to come). */
	{
		struct timespec old[2] = { { 1000000000, 0 },
			{ 1000000000, 0 } };

		CHECK(utimensat(AT_FDCWD, path, old, 0) == 0);
		CHECK_INT(mc_files_store(a, pdf, sizeof(pdf) - 1, "other.pdf",
			      &g, &why),
		    0);
		CHECK_STR(g.sha256, f.sha256);
		CHECK(stat(path, &st) == 0 && st.st_mtime > 1000000000 + 3600);
	}
	/* Checked without storing: a good one says its type, a bad one why. */
	{
		const char *mime = NULL;
		char	    hex[65], *p2;

		CHECK_INT(mc_files_check((const char *)png, sizeof(png), &mime,
			      &why),
		    0);
		CHECK_STR(mime, "image/png");
		CHECK_INT(mc_files_check("only text", 9, &mime, &why), 1);
		CHECK_STR(why, "Error.FileType");
		CHECK_INT(mc_files_check("", 0, NULL, &why), 1);
		CHECK_STR(why, "Error.FileEmpty");
		/* The PNG checked is not in the store. */
		mc_files_store(a, (const char *)png, sizeof(png), "a.png", &g,
		    &why);
		memcpy(hex, g.sha256, sizeof(hex));
		p2 = mc_files_path(a, hex);
		unlink(p2);
		CHECK_INT(
		    mc_files_check((const char *)png, sizeof(png), NULL, &why),
		    0);
		CHECK(access(p2, F_OK) != 0);
	}

	CHECK_INT(mc_files_store(a, (const char *)png, sizeof(png),
		      "C:\\Users\\an\\anh.png", &f, &why),
	    0);
	CHECK_STR(f.mime, "image/png");
	CHECK_STR(f.filename, "anh.png"); /* folders dropped */

	/* A text file named .pdf is refused by its bytes. */
	CHECK_INT(mc_files_store(a, "hello, not a pdf", 16, "x.pdf", &f, &why),
	    1);
	CHECK_STR(why, "Error.FileType");
	CHECK_INT(mc_files_store(a, "", 0, "empty.pdf", &f, &why), 1);
	CHECK_STR(why, "Error.FileEmpty");
	{
		char *big = calloc(1, 2000);

		memcpy(big, pdf, sizeof(pdf) - 1);
		CHECK_INT(mc_files_store(a, big, 2000, "big.pdf", &f, &why),
		    1);
		CHECK_STR(why, "Error.FileSize");
		free(big);
	}
	/* Names: controls and quotes replaced, path parts dropped. */
	CHECK_INT(mc_files_store(a, pdf, sizeof(pdf) - 1,
		      "../../etc/\"a\x01\".pdf", &f, &why),
	    0);
	CHECK_STR(f.filename, "_a__.pdf");
	/* Bidi controls dropped: "hoa-don<U+202E>fdp.exe" would read as
	 * "hoa-donexe.pdf". */
	CHECK_INT(mc_files_store(a, pdf, sizeof(pdf) - 1,
		      "hoa-don\xe2\x80\xae"
		      "fdp.exe\xe2\x81\xa9",
		      &f, &why),
	    0);
	CHECK_STR(f.filename, "hoa-donfdp.exe");
	/* C1 controls (NEL) and line separators become '_'; the byte order
	 * mark and the non-characters U+FFFE-F are dropped (hostile.test's
	 * corpus found them kept). */
	CHECK_INT(mc_files_store(a, pdf, sizeof(pdf) - 1,
		      "a\xc2\x85"
		      "b\xe2\x80\xa8"
		      "c\xe2\x80\xa9"
		      "d\xef\xbb\xbf"
		      "e\xef\xbf\xbe\xef\xbf\xbf"
		      "f\xc2\xa0g.pdf",
		      &f, &why),
	    0);
	CHECK_STR(f.filename, "a_b_c_def\xc2\xa0g.pdf");
	CHECK_INT(mc_files_store(a, pdf, sizeof(pdf) - 1,
		      "\xef\xbb\xbf\xe2\x80\xae", &f, &why),
	    0);
	CHECK_STR(f.filename, "tep-dinh-kem");
	CHECK_INT(mc_files_store(a, pdf, sizeof(pdf) - 1, NULL, &f, &why), 0);
	CHECK_STR(f.filename, "tep-dinh-kem");

	mc_arena_free(a);
	{
		char cmd[64];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return DONE();
}
