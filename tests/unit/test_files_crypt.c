/*
 * Unit tests of the attachment store's encryption at rest (mc_files with
 * files_key_file): a round trip, the stored bytes holding no plaintext, a
 * byte flipped anywhere refused, a file copied under another name refused,
 * another key refused, a file written in clear before still read (and
 * encrypted in place by mc_files_encrypt_stored), an empty file, a file of
 * several chunks, a fresh nonce per write, and keys that are refused
 * (readable by others, inside the store, malformed). No database needed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_files.h"
#include "mc_util.h"

static char top[] = "/tmp/test_files_crypt.XXXXXX";
static char store[128], key1[128], key2[128];

static void
put(const char *path, const void *b, size_t n, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, b, n) != (ssize_t)n)
		fprintf(stderr, "cannot write %s\n", path);
	if (fd >= 0) {
		fchmod(fd, mode);
		close(fd);
	}
}

/* The whole file at path into a malloc'd buffer; *n its length. */
static unsigned char *
slurp(const char *path, size_t *n)
{
	unsigned char *b;
	struct stat    st;
	FILE	      *f;

	*n = 0;
	if (stat(path, &st) < 0 || (f = fopen(path, "rb")) == NULL)
		return NULL;
	b = malloc((size_t)st.st_size + 1);
	*n = fread(b, 1, (size_t)st.st_size, f);
	fclose(f);
	return b;
}

/* Whether needle (n bytes) occurs in the file at path: 1 yes, 0 no. */
static int
holds(const char *path, const char *needle)
{
	unsigned char *b;
	size_t	       n, i, k = strlen(needle);
	int	       found = 0;

	if ((b = slurp(path, &n)) == NULL)
		return -1;
	for (i = 0; i + k <= n && !found; i++)
		found = memcmp(b + i, needle, k) == 0;
	free(b);
	return found;
}

static void
flip(const char *path, long off)
{
	unsigned char *b;
	size_t	       n;

	if ((b = slurp(path, &n)) == NULL || n == 0)
		return;
	b[off < 0 ? (long)n + off : off] ^= 0x01;
	put(path, b, n, 0640);
	free(b);
}

/* A PDF whose text is marker, padded to len bytes. */
static char *
pdf(const char *marker, size_t len)
{
	char *b = malloc(len);

	memset(b, ' ', len);
	snprintf(b, len, "%%PDF-1.4\n%% %s\n", marker);
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

int
main(void)
{
	struct mc_arena *a = mc_arena_new(4096);
	struct mc_file	 f, g;
	struct stat	 st, st2;
	struct buf	 out;
	const char	*why = NULL;
	const char	*marker = "MotCuaCryptMarker4711";
	char		*doc, *big, *path, *copy, cmd[256];
	unsigned char	 h[32], nonce[12];
	size_t		 n;

	if (mkdtemp(top) == NULL)
		return 1;
	snprintf(store, sizeof(store), "%s/files", top);
	snprintf(key1, sizeof(key1), "%s/files.key", top);
	snprintf(key2, sizeof(key2), "%s/other.key", top);
	mkdir(store, 0750);
	put(key1,
	    "00112233445566778899aabbccddeeff"
	    "00112233445566778899aabbccddeeff\n",
	    65, 0600);
	put(key2,
	    "ffeeddccbbaa99887766554433221100"
	    "ffeeddccbbaa99887766554433221100",
	    64, 0600);
	mc_config_set("files_dir", store);
	mc_config_set("max_upload", "1000000");
	mc_config_set("files_key_file", key1);
	CHECK_INT(mc_files_key(), 1);

	/* Round trip: stored encrypted, read back the same bytes. */
	doc = pdf(marker, 300);
	CHECK_INT(mc_files_store(a, doc, 300, "don.pdf", &f, &why), 0);
	path = mc_files_path(a, f.sha256);
	CHECK(stat(path, &st) == 0 && st.st_size == 300 + MC_FILES_OVERHEAD);
	CHECK_INT(holds(path, marker), 0);
	CHECK_INT(holds(path, "%PDF"), 0);
	CHECK(loaded_is(a, f.sha256, doc, 300));
	CHECK_INT(mc_files_verify(a, f.sha256, 300, &why), 1);
	{
		long long size = 0;

		CHECK_INT(mc_files_size(a, f.sha256, &size), 0);
		CHECK_INT(size, 300);
	}
	/* The address is the hash of the plaintext. */
	mc_sha256(h, doc, 300);
	{
		char hex[65];

		mc_hex(hex, h, sizeof(h));
		CHECK_STR(f.sha256, hex);
	}
	/* The same bytes again: nothing rewritten. */
	CHECK_INT(mc_files_store(a, doc, 300, "lai.pdf", &g, &why), 0);
	CHECK(stat(path, &st2) == 0 && st2.st_ino == st.st_ino);

	/* A fresh nonce each time the file is written. */
	{
		unsigned char *b = slurp(path, &n);

		memcpy(nonce, b + 12, 12);
		free(b);
		unlink(path);
		CHECK_INT(mc_files_store(a, doc, 300, "don.pdf", &f, &why), 0);
		b = slurp(path, &n);
		CHECK(b != NULL && memcmp(nonce, b + 12, 12) != 0);
		free(b);
	}

	/* Several chunks (the reader and writer stream 64 KiB at a time). */
	big = pdf(marker, 200001);
	CHECK_INT(mc_files_store(a, big, 200001, "lon.pdf", &g, &why), 0);
	CHECK_INT(holds(mc_files_path(a, g.sha256), marker), 0);
	CHECK(loaded_is(a, g.sha256, big, 200001));
	CHECK_INT(mc_files_verify(a, g.sha256, 200001, &why), 1);

	/* A byte flipped in the body, the header or the tag: refused, and
	 * nothing of it appended to what would be served. */
	copy = mc_arena_printf(a, "%s.keep", path);
	snprintf(cmd, sizeof(cmd), "cp -p %s %s", path, copy);
	CHECK_INT(system(cmd), 0);
	{
		static const long at[] = { 100, 13, 0, 4, 8, -1, -16 };
		size_t		  i;

		for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
			rename(copy, path);
			snprintf(cmd, sizeof(cmd), "cp -p %s %s", path, copy);
			CHECK_INT(system(cmd), 0);
			flip(path, at[i]);
			mc_buf_init(&out, 1 << 20);
			mc_buf_adds(&out, "before");
			CHECK_INT(mc_files_load(a, f.sha256, &out), -1);
			CHECK_INT(out.len, 6);
			CHECK_STR(out.s, "before");
			mc_buf_free(&out);
			CHECK(mc_files_verify(a, f.sha256, 300, &why) != 1);
		}
		rename(copy, path);
		CHECK(loaded_is(a, f.sha256, doc, 300));
	}
	/* Cut short: refused. */
	if (truncate(path, 300) == 0) {
		CHECK_INT(mc_files_verify(a, f.sha256, 300, &why), 0);
		mc_buf_init(&out, 1 << 20);
		CHECK_INT(mc_files_load(a, f.sha256, &out), -1);
		mc_buf_free(&out);
	}
	unlink(path);
	CHECK_INT(mc_files_store(a, doc, 300, "don.pdf", &f, &why), 0);

	/* A whole encrypted file copied under another file's name: its
	 * address is authenticated, so it is not taken for that file. */
	snprintf(cmd, sizeof(cmd), "cp %s %s", path,
	    mc_files_path(a, g.sha256));
	CHECK_INT(system(cmd), 0);
	mc_buf_init(&out, 1 << 20);
	CHECK_INT(mc_files_load(a, g.sha256, &out), -1);
	CHECK_INT(out.len, 0);
	mc_buf_free(&out);
	CHECK_INT(mc_files_verify(a, g.sha256, 300, &why), 0);
	CHECK_STR(why, "tag");
	unlink(mc_files_path(a, g.sha256));

	/* Another key: refused, named as such (never decrypted). */
	mc_config_set("files_key_file", key2);
	CHECK_INT(mc_files_key(), 1);
	mc_buf_init(&out, 1 << 20);
	CHECK_INT(mc_files_load(a, f.sha256, &out), -1);
	CHECK_INT(out.len, 0);
	mc_buf_free(&out);
	CHECK_INT(mc_files_verify(a, f.sha256, 300, &why), -1);
	CHECK_STR(why, "key");
	/* No key at all: an encrypted file cannot be read... */
	mc_config_set("files_key_file", "");
	CHECK_INT(mc_files_key(), 0);
	mc_buf_init(&out, 1 << 20);
	CHECK_INT(mc_files_load(a, f.sha256, &out), -1);
	mc_buf_free(&out);
	CHECK_INT(mc_files_verify(a, f.sha256, 300, &why), -1);
	CHECK_STR(why, "no key");
	/* ...and the store works in clear (a file written then). */
	{
		char *plain = pdf("MotCuaPlainMarker", 400);

		CHECK_INT(mc_files_store(a, plain, 400, "ro.pdf", &g, &why),
		    0);
		CHECK_INT(
		    holds(mc_files_path(a, g.sha256), "MotCuaPlainMarker"), 1);
		CHECK(loaded_is(a, g.sha256, plain, 400));

		/* With the key back, the file written in clear is still read,
		 * and encrypting it in place keeps its name and bytes. */
		mc_config_set("files_key_file", key1);
		CHECK(loaded_is(a, g.sha256, plain, 400));
		CHECK_INT(mc_files_verify(a, g.sha256, 400, &why), 1);
		CHECK_INT(mc_files_encrypt_stored(a, g.sha256, &why), 1);
		CHECK_INT(mc_files_encrypt_stored(a, g.sha256, &why), 0);
		CHECK_INT(
		    holds(mc_files_path(a, g.sha256), "MotCuaPlainMarker"), 0);
		CHECK(loaded_is(a, g.sha256, plain, 400));
		CHECK_INT(mc_files_verify(a, g.sha256, 400, &why), 1);
		free(plain);
	}
	/* A file in clear whose bytes are not its name's is not encrypted
	 * (check --files names it). */
	{
		char  bad[65];
		char *p;

		memset(bad, 'a', 64);
		bad[64] = '\0';
		p = mc_files_path(a, bad);
		snprintf(cmd, sizeof(cmd), "mkdir -p %s/aa/aa", store);
		CHECK_INT(system(cmd), 0);
		put(p, "not these bytes", 15, 0640);
		CHECK_INT(mc_files_encrypt_stored(a, bad, &why), -1);
		CHECK_STR(why, "hash");
		CHECK_INT(holds(p, "not these bytes"), 1);
		/* Nor served: bytes in clear are checked against the name. */
		mc_buf_init(&out, 1 << 20);
		CHECK_INT(mc_files_load(a, bad, &out), -1);
		CHECK_INT(out.len, 0);
		mc_buf_free(&out);
	}

	/* An empty file (stored in clear before; uploads refuse it). */
	{
		char  e[65];
		char *p;

		mc_sha256(h, "", 0);
		mc_hex(e, h, sizeof(h));
		p = mc_files_path(a, e);
		snprintf(cmd, sizeof(cmd), "mkdir -p %s/%.2s/%.2s", store, e,
		    e + 2);
		CHECK_INT(system(cmd), 0);
		put(p, "", 0, 0640);
		CHECK(loaded_is(a, e, "", 0));
		CHECK_INT(mc_files_encrypt_stored(a, e, &why), 1);
		CHECK(stat(p, &st) == 0 && st.st_size == MC_FILES_OVERHEAD);
		CHECK(loaded_is(a, e, "", 0));
		CHECK_INT(mc_files_verify(a, e, 0, &why), 1);
		flip(p, -1);
		CHECK_INT(mc_files_verify(a, e, 0, &why), 0);
		CHECK_STR(why, "tag");
	}

	/* Keys refused: readable by others, inside the store, malformed. A
	 * key named but unusable stops writes rather than write in clear. */
	chmod(key2, 0644);
	mc_config_set("files_key_file", key2);
	CHECK_INT(mc_files_key(), -1);
	CHECK_INT(mc_files_store(a, doc, 300, "don.pdf", &f, &why), -1);
	{
		char *inkey = mc_arena_printf(a, "%s/k", store);

		put(inkey,
		    "00112233445566778899aabbccddeeff"
		    "00112233445566778899aabbccddeeff",
		    64, 0600);
		mc_config_set("files_key_file", inkey);
		CHECK_INT(mc_files_key(), -1);
		put(key2, "short", 5, 0600);
		mc_config_set("files_key_file", key2);
		CHECK_INT(mc_files_key(), -1);
		mc_config_set("files_key_file", "/nonexistent/files.key");
		CHECK_INT(mc_files_key(), -1);
	}
	/* A raw 32-byte key is taken too. */
	put(key2, "0123456789abcdef0123456789abcdef", 32, 0600);
	mc_config_set("files_key_file", key2);
	CHECK_INT(mc_files_key(), 1);

	free(doc);
	free(big);
	mc_arena_free(a);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", top);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", top);
	return DONE();
}
