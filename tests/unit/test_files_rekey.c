/*
 * Unit tests of the attachment key's rotation (mc_files, files_key_file
 * and files_key_file.old.*): files written under the old key are read
 * after the rotation, new ones are written under the new key, each file is
 * brought under it by mc_files_encrypt_stored (`motcua files-rekey`), a
 * run killed at any moment leaves every file readable with its own bytes
 * and a second run finishes the rest, and once the old key is retired the
 * rewritten files are still read while one left behind is not. No
 * database needed.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_files.h"

#define NFILES 60

static char top[] = "/tmp/test_files_rekey.XXXXXX";
static char store[128], key[128];

static void
put(const char *path, const char *b, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, b, n) != (ssize_t)n)
		fprintf(stderr, "cannot write %s\n", path);
	if (fd >= 0)
		close(fd);
}

/* As tools/fileskey.sh --rotate: the key kept as key.old.N (a link made
 * first), a new one renamed over key. */
static int
rotate(int n, const char *hex)
{
	char old[160], tmp[160];

	snprintf(old, sizeof(old), "%s.old.%d", key, n);
	snprintf(tmp, sizeof(tmp), "%s.new", key);
	if (link(key, old) < 0)
		return -1;
	put(tmp, hex, 64);
	return rename(tmp, key);
}

/* A PDF of len bytes whose text is marker and n. */
static char *
pdf(const char *marker, int n, size_t len)
{
	char *b = malloc(len);

	memset(b, ' ', len);
	snprintf(b, len, "%%PDF-1.4\n%% %s %d\n", marker, n);
	b[strlen(b)] = ' ';
	memcpy(b + len - 6, "%%EOF\n", 6);
	return b;
}

static int
loaded_is(struct mc_arena *a, const char *sha, const char *bytes, size_t n)
{
	struct buf out;
	int	   same;

	mc_buf_init(&out, 1 << 24);
	same = mc_files_load(a, sha, &out) == 0 && out.len == n &&
	    memcmp(out.s, bytes, n) == 0;
	mc_buf_free(&out);
	return same;
}

/* Whether the stored file sha is under the key whose id is id. */
static int
under(struct mc_arena *a, const char *sha, const char *id)
{
	char got[9];

	return mc_files_key_id(sha, got) == 1 && strcmp(got, id) == 0;
}

int
main(void)
{
	struct mc_arena *a = mc_arena_new(4096);
	struct mc_file	 fa, fb, fc, files[NFILES];
	char		*docs[NFILES], *da, *db, *dc, id1[9], id2[9], id3[9];
	const char	*why;
	int		 i, n;

	if (mkdtemp(top) == NULL)
		return 1;
	snprintf(store, sizeof(store), "%s/files", top);
	snprintf(key, sizeof(key), "%s/files.key", top);
	mkdir(store, 0750);
	put(key,
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	    64);
	mc_config_set("files_dir", store);
	mc_config_set("max_upload", "1000000");
	mc_config_set("files_key_file", key);
	CHECK_INT(mc_files_key(), 1);
	CHECK_INT(mc_files_current_key_id(id1), 1);
	CHECK_INT(mc_files_old_keys(), 0);

	/* Two files under the first key (their rows would record its id). */
	da = pdf("MotCuaRekeyA", 1, 300);
	dc = pdf("MotCuaRekeyC", 1, 500);
	CHECK_INT(mc_files_store(a, da, 300, "a.pdf", &fa, &why), 0);
	CHECK(under(a, fa.sha256, id1));
	CHECK_INT(mc_files_store(a, dc, 500, "c.pdf", &fc, &why), 0);
	CHECK(under(a, fa.sha256, id1));

	/* Rotated: the running process follows (no restart), the old key
	 * is kept for reading. */
	CHECK_INT(rotate(1,
		      "ffeeddccbbaa99887766554433221100"
		      "ffeeddccbbaa99887766554433221100"),
	    0);
	CHECK_INT(mc_files_key(), 1);
	CHECK_INT(mc_files_current_key_id(id2), 1);
	CHECK(strcmp(id1, id2) != 0);
	CHECK_INT(mc_files_old_keys(), 1);
	CHECK(loaded_is(a, fa.sha256, da, 300));
	CHECK_INT(mc_files_verify(a, fa.sha256, 300, &why), 1);
	/* The same bytes uploaded again: the file as it is, its key said. */
	CHECK_INT(mc_files_store(a, da, 300, "a.pdf", &fa, &why), 0);
	CHECK(under(a, fa.sha256, id1));
	/* A new file: under the new key. */
	db = pdf("MotCuaRekeyB", 1, 400);
	CHECK_INT(mc_files_store(a, db, 400, "b.pdf", &fb, &why), 0);
	CHECK(under(a, fb.sha256, id2));
	CHECK(loaded_is(a, fb.sha256, db, 400));

	/* Rekeyed: rewritten under the new key, the same bytes; again,
	 * nothing to do. */
	CHECK_INT(mc_files_encrypt_stored(a, fa.sha256, &why), 1);
	CHECK(under(a, fa.sha256, id2));
	CHECK(loaded_is(a, fa.sha256, da, 300));
	CHECK_INT(mc_files_encrypt_stored(a, fa.sha256, &why), 0);
	CHECK_INT(mc_files_encrypt_stored(a, fb.sha256, &why), 0);
	/* A file altered under the old key is left as it was. */
	{
		char *p = mc_files_path(a, fc.sha256), cmd[512];

		snprintf(cmd, sizeof(cmd),
		    "cp %s %s.keep && printf 'x' | dd of=%s bs=1 seek=100 "
		    "conv=notrunc status=none",
		    p, p, p);
		CHECK_INT(system(cmd), 0);
		CHECK_INT(mc_files_encrypt_stored(a, fc.sha256, &why), -1);
		CHECK_STR(why, "tag");
		CHECK(under(a, fc.sha256, id1));
		snprintf(cmd, sizeof(cmd), "mv %s.keep %s", p, p);
		CHECK_INT(system(cmd), 0);
		CHECK(loaded_is(a, fc.sha256, dc, 500));
	}

	/* Interrupted: many files under the second key, rotated to a third;
	 * a crash mid-write leaves a temporary file beside one (never read),
	 * the first run did ten files, a second is killed at some moment. */
	for (i = 0; i < NFILES; i++) {
		docs[i] = pdf("MotCuaRekeyMany", i, 3000 + (size_t)i);
		CHECK_INT(mc_files_store(a, docs[i], 3000 + (size_t)i, "m.pdf",
			      &files[i], &why),
		    0);
	}
	CHECK_INT(rotate(2,
		      "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
		      "0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
	    0);
	CHECK_INT(mc_files_current_key_id(id3), 1);
	CHECK_INT(mc_files_old_keys(), 2);
	put(mc_arena_printf(a, "%s.tmp.host.99999",
		mc_files_path(a, files[0].sha256)),
	    "MCAE half written", 17);
	for (i = 1; i <= 10; i++)
		CHECK_INT(mc_files_encrypt_stored(a, files[i].sha256, &why),
		    1);
	{
		pid_t		pid = fork();
		struct timespec nap = { 0, 2000000 };
		int		status, waited = 0;

		if (pid == 0) {
			for (i = 0; i < NFILES; i++)
				mc_files_encrypt_stored(a, files[i].sha256,
				    &why);
			_exit(0);
		}
		CHECK(pid > 0);
		/* Killed once it has rewritten one more file (or done). */
		for (n = 0; n < 15000 && pid > 0; n++) {
			if (waitpid(pid, &status, WNOHANG) == pid) {
				waited = 1;
				break;
			}
			if (under(a, files[11].sha256, id3) ||
			    under(a, files[0].sha256, id3))
				break;
			nanosleep(&nap, NULL);
		}
		if (pid > 0 && !waited) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
		}
	}
	/* Whatever the moment: every file read whole, its own bytes. */
	for (i = 0, n = 0; i < NFILES; i++) {
		CHECK(
		    loaded_is(a, files[i].sha256, docs[i], 3000 + (size_t)i));
		n += under(a, files[i].sha256, id2);
	}
	printf("a run killed with %d of %d files still under the old key\n", n,
	    NFILES);
	/* Resumed: the rest rewritten, those done before left. */
	{
		int again = 0, done = 0;

		for (i = 0; i < NFILES; i++) {
			int rc = mc_files_encrypt_stored(a, files[i].sha256,
			    &why);

			again += rc == 1;
			done += rc == 0;
		}
		CHECK_INT(again, n);
		CHECK_INT(done, NFILES - n);
		CHECK(n <= NFILES - 10);
	}
	for (i = 0; i < NFILES; i++) {
		CHECK(under(a, files[i].sha256, id3));
		CHECK_INT(mc_files_verify(a, files[i].sha256,
			      3000 + (long long)i, &why),
		    1);
	}

	/* Retired: the old keys deleted. The files rewritten are read; the
	 * one left under the first key is not (hence files-rekey first). */
	{
		char cmd[256];

		CHECK_INT(mc_files_encrypt_stored(a, fa.sha256, &why), 1);
		CHECK_INT(mc_files_encrypt_stored(a, fb.sha256, &why), 1);
		snprintf(cmd, sizeof(cmd), "rm -f %s.old.*", key);
		CHECK_INT(system(cmd), 0);
		/* A program started afresh: the key read again. */
		put(mc_arena_printf(a, "%s.copy", key),
		    "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
		    "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
		    64);
		mc_config_set("files_key_file",
		    mc_arena_printf(a, "%s.copy", key));
		CHECK_INT(mc_files_key(), 1);
		CHECK_INT(mc_files_old_keys(), 0);
		CHECK(loaded_is(a, fa.sha256, da, 300));
		CHECK(loaded_is(a, fb.sha256, db, 400));
		CHECK(loaded_is(a, files[NFILES - 1].sha256, docs[NFILES - 1],
		    3000 + NFILES - 1));
		CHECK_INT(mc_files_verify(a, fc.sha256, 500, &why), -1);
		CHECK_STR(why, "key");
	}

	for (i = 0; i < NFILES; i++)
		free(docs[i]);
	free(da);
	free(db);
	free(dc);
	mc_arena_free(a);
	{
		char cmd[256];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", top);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", top);
	}
	return DONE();
}
