/*
 * Content-addressed attachment storage: type from the bytes (libmagic),
 * written once under the SHA-256 of its plaintext with a rename so that a
 * reader never sees half a file, and encrypted when a key is configured
 * (files_key_file: AES-256-GCM, a random nonce per file, the address as
 * additional data; files written in clear before stay readable).
 *
 * An encrypted file is
 *	"MCAE" | version 1 | 3 zero bytes | key id (4) | nonce (12)
 *	| ciphertext (as long as the plaintext) | tag (16)
 * and its header with the address (64 hex digits) is the additional
 * authenticated data, so a file copied under another name, a header edited
 * or a byte flipped anywhere fails the tag. The key id is the first four
 * bytes of SHA-256("motcua files key" | key): a file written under another
 * key is named as such, never decrypted into garbage.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <magic.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "mc_arena.h"
#include "mc_buf.h"
#include "mc_config.h"
#include "mc_files.h"
#include "mc_log.h"
#include "mc_util.h"

#define HDR_LEN	  24
#define TAG_LEN	  16
#define NONCE_OFF 12
#define KEYID_OFF 8
#define CHUNK	  65536

static magic_t cookie;

/* A key: its 32 bytes and its id (see above). */
struct fkey {
	unsigned char key[32];
	unsigned char id[4];
};

#define OLD_KEYS 16

/*
 * The keys of this process: files_key_file's (the current one, that files
 * are written under) and the older ones kept beside it for reading,
 * files_key_file.old.* (tools/fileskey.sh --rotate). Loaded again when
 * files_key_file names another file (tests switch keys) or the file was
 * replaced (a rotation: the running programs follow without a restart),
 * and when a file names a key id not loaded.
 */
static struct {
	int		state; /* 0 not loaded, 1 key, 2 no key, -1 unusable */
	char		path[PATH_MAX];
	dev_t		dev;
	ino_t		ino;
	struct timespec mtime;
	struct fkey	cur;
	struct fkey	old[OLD_KEYS];
	size_t		nold;
	int		said_plain;
} fk;

/* clang-format off */
static const char *const allowed[] = {
	"application/pdf", "image/jpeg", "image/png"
};
static const unsigned char magic_hdr[4] = { 'M', 'C', 'A', 'E' };
/* clang-format on */

int
mc_files_init(void)
{
	if (cookie != NULL)
		return 0;
	if ((cookie = magic_open(MAGIC_MIME_TYPE)) == NULL ||
	    magic_load(cookie, NULL) != 0) {
		mc_err("libmagic: %s", cookie ? magic_error(cookie) : "open");
		return -1;
	}
	return 0;
}

char *
mc_files_path(struct mc_arena *a, const char *sha)
{
	return mc_arena_printf(a, "%s/%.2s/%.2s/%s",
	    mc_config_get("files_dir", "files"), sha, sha + 2, sha);
}

/* ------------------------------------------------------------ the key */

/* 32 bytes: 64 hex digits (a newline after allowed) or 32 raw bytes. */
static int
parse_key(const unsigned char *b, size_t n, unsigned char key[32])
{
	while (n > 64 &&
	    (b[n - 1] == '\n' || b[n - 1] == '\r' || b[n - 1] == ' '))
		n--;
	if (n == 64 && mc_unhex(key, (const char *)b, 32) == 0)
		return 0;
	if (n == 32) {
		memcpy(key, b, 32);
		return 0;
	}
	return -1;
}

/* Whether path lies in (or is) the folder dir: 1 yes, 0 no. */
static int
inside(const char *path, const char *dir)
{
	char   rp[PATH_MAX], rd[PATH_MAX];
	size_t n;

	if (realpath(path, rp) == NULL || realpath(dir, rd) == NULL)
		return 0;
	n = strlen(rd);
	return strncmp(rp, rd, n) == 0 && (rp[n] == '/' || rp[n] == '\0');
}

/* The key in the file path into *k, its (dev, inode, mtime) into *st. */
static int
load_key(const char *path, struct fkey *k, struct stat *st)
{
	unsigned char b[130], h[32];
	ssize_t	      n;
	int	      fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		mc_err("files_key_file %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) ||
	    (st->st_mode & 0007) != 0) {
		mc_err("files_key_file %s: not a regular file, or others may "
		       "read it (chmod 0600)",
		    path);
		close(fd);
		return -1;
	}
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n < 0 || parse_key(b, (size_t)n, k->key) < 0) {
		mc_err("files_key_file %s: not 64 hex digits nor 32 bytes",
		    path);
		OPENSSL_cleanse(b, sizeof(b));
		return -1;
	}
	OPENSSL_cleanse(b, sizeof(b));
	/* The key kept apart from what it protects: a copy of the store (a
	 * backup, a stolen disk) must not carry it. */
	if (inside(path, mc_config_get("files_dir", "files"))) {
		mc_err("files_key_file %s is inside files_dir: refused", path);
		return -1;
	}
	{
		EVP_MD_CTX  *c = EVP_MD_CTX_new();
		unsigned int len = 32;
		int	     ok = c != NULL &&
		    EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 &&
		    EVP_DigestUpdate(c, "motcua files key", 16) == 1 &&
		    EVP_DigestUpdate(c, k->key, 32) == 1 &&
		    EVP_DigestFinal_ex(c, h, &len) == 1;

		EVP_MD_CTX_free(c);
		if (!ok)
			return -1;
	}
	memcpy(k->id, h, 4);
	return 0;
}

/* The older keys beside the current one (path.old.*), for reading only;
 * one unusable is logged and left out (its files are then unreadable). */
static void
load_old_keys(const char *path)
{
	struct stat st;
	glob_t	    g;
	char	    pat[PATH_MAX + 8];
	size_t	    i;

	fk.nold = 0;
	if (snprintf(pat, sizeof(pat), "%s.old.*", path) >= (int)sizeof(pat) ||
	    glob(pat, 0, NULL, &g) != 0)
		return;
	/* Named by the time they were rotated away: the newest first. */
	for (i = g.gl_pathc; i > 0 && fk.nold < OLD_KEYS; i--)
		if (load_key(g.gl_pathv[i - 1], &fk.old[fk.nold], &st) == 0)
			fk.nold++;
	if (g.gl_pathc > OLD_KEYS)
		mc_err("files_key_file %s: more than %d old keys: the "
		       "%d newest read (run motcua files-rekey, then retire "
		       "them)",
		    path, OLD_KEYS, OLD_KEYS);
	globfree(&g);
}

/* The ring loaded again from path. */
static int
load_keys(const char *path)
{
	struct stat st;

	OPENSSL_cleanse(&fk.cur, sizeof(fk.cur));
	OPENSSL_cleanse(fk.old, sizeof(fk.old));
	fk.nold = 0;
	if (load_key(path, &fk.cur, &st) < 0)
		return -1;
	fk.dev = st.st_dev;
	fk.ino = st.st_ino;
	fk.mtime = st.st_mtim;
	load_old_keys(path);
	return 0;
}

int
mc_files_key(void)
{
	const char *path = mc_config_get("files_key_file", "");
	struct stat st;

	if (fk.state != 0 && strcmp(path, fk.path) == 0) {
		/* The same file, not replaced since it was read. */
		if (fk.state != 1 ||
		    (stat(path, &st) == 0 && st.st_dev == fk.dev &&
			st.st_ino == fk.ino &&
			st.st_mtim.tv_sec == fk.mtime.tv_sec &&
			st.st_mtim.tv_nsec == fk.mtime.tv_nsec))
			return fk.state == 1 ? 1 : fk.state == 2 ? 0 : -1;
	}
	snprintf(fk.path, sizeof(fk.path), "%s", path);
	if (*path == '\0') {
		OPENSSL_cleanse(&fk.cur, sizeof(fk.cur));
		OPENSSL_cleanse(fk.old, sizeof(fk.old));
		fk.nold = 0;
		fk.state = 2;
		if (!fk.said_plain++)
			mc_info("no files_key_file: attachments are stored "
				"in clear (encryption at rest off)");
		return 0;
	}
	fk.state = load_keys(path) < 0 ? -1 : 1;
	return fk.state == 1 ? 1 : -1;
}

/* The key whose id is id: the current one, an older one, or (after the
 * ring was read again once) NULL. */
static const struct fkey *
find_key(const unsigned char *id)
{
	size_t i;
	int    again;

	for (again = 0; again < 2; again++) {
		if (mc_files_key() != 1)
			return NULL;
		if (memcmp(id, fk.cur.id, 4) == 0)
			return &fk.cur;
		for (i = 0; i < fk.nold; i++)
			if (memcmp(id, fk.old[i].id, 4) == 0)
				return &fk.old[i];
		fk.state = 0; /* an old key added since: read again */
	}
	return NULL;
}

int
mc_files_old_keys(void)
{
	return mc_files_key() == 1 ? (int)fk.nold : 0;
}

int
mc_files_current_key_id(char id[9])
{
	*id = '\0';
	if (mc_files_key() != 1)
		return 0;
	mc_hex(id, fk.cur.id, 4);
	return 1;
}

/* ------------------------------------------------------------ reading */

static int
read_full(int fd, unsigned char *b, size_t n, size_t *got)
{
	ssize_t r;

	*got = 0;
	while (*got < n) {
		if ((r = read(fd, b + *got, n - *got)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		*got += (size_t)r;
	}
	return 0;
}

/* 1 an encrypted file's header, 0 a file in clear, -1 a header of a
 * version this code does not know. */
static int
is_encrypted(const unsigned char *h, size_t n)
{
	if (n < 4 || memcmp(h, magic_hdr, 4) != 0)
		return 0;
	return n == HDR_LEN && h[4] == 1 ? 1 : -1;
}

typedef int (*sink_fn)(void *, const unsigned char *, size_t);

/*
 * Reads the stored file sha in chunks into sink, decrypting it when it is
 * encrypted. 0 the whole plaintext given and (encrypted) its tag verified;
 * 1 no such file; -1 otherwise, *why: "tag" (altered, or copied under
 * another name), "key" (written under another key), "no key" (none
 * configured, or unusable), "truncated", "short read", or the system's
 * error. *enc: whether the file is encrypted.
 */
static int
read_stored(struct mc_arena *a, const char *sha, sink_fn sink, void *ctx,
    int *enc, const char **why)
{
	unsigned char	   h[HDR_LEN], in[CHUNK], out[CHUNK], tag[TAG_LEN];
	EVP_CIPHER_CTX	  *c = NULL;
	const struct fkey *k;
	struct stat	   st;
	size_t		   got, want;
	long long	   left;
	int		   fd, outl, rc = -1;

	*enc = 0;
	*why = NULL;
	if ((fd = open(mc_files_path(a, sha), O_RDONLY | O_CLOEXEC)) < 0) {
		*why = errno == ENOENT ? "missing" : strerror(errno);
		return errno == ENOENT ? 1 : -1;
	}
	if (fstat(fd, &st) < 0 || read_full(fd, h, HDR_LEN, &got) < 0) {
		*why = strerror(errno);
		goto out;
	}
	if (is_encrypted(h, got) < 0) {
		*enc = 1;
		*why = "version";
		goto out;
	}
	if (!is_encrypted(h, got)) {
		/* Written in clear (before a key, or without one). */
		if (got > 0 && sink(ctx, h, got) < 0)
			goto sink_failed;
		for (;;) {
			if (read_full(fd, in, sizeof(in), &got) < 0) {
				*why = strerror(errno);
				goto out;
			}
			if (got == 0)
				break;
			if (sink(ctx, in, got) < 0)
				goto sink_failed;
		}
		rc = 0;
		goto out;
	}
	*enc = 1;
	if (mc_files_key() != 1) {
		*why = "no key";
		goto out;
	}
	if ((k = find_key(h + KEYID_OFF)) == NULL) {
		*why = "key";
		goto out;
	}
	if (st.st_size < HDR_LEN + TAG_LEN) {
		*why = "truncated";
		goto out;
	}
	left = (long long)st.st_size - HDR_LEN - TAG_LEN;
	if ((c = EVP_CIPHER_CTX_new()) == NULL ||
	    EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, 12, NULL) != 1 ||
	    EVP_DecryptInit_ex(c, NULL, NULL, k->key, h + NONCE_OFF) != 1 ||
	    EVP_DecryptUpdate(c, NULL, &outl, h, HDR_LEN) != 1 ||
	    EVP_DecryptUpdate(c, NULL, &outl, (const unsigned char *)sha,
		64) != 1) {
		*why = "cipher";
		goto out;
	}
	while (left > 0) {
		want = left > (long long)sizeof(in) ? sizeof(in) :
						      (size_t)left;
		if (read_full(fd, in, want, &got) < 0 || got != want) {
			*why = got != want ? "short read" : strerror(errno);
			goto out;
		}
		if (EVP_DecryptUpdate(c, out, &outl, in, (int)got) != 1) {
			*why = "cipher";
			goto out;
		}
		if (outl > 0 && sink(ctx, out, (size_t)outl) < 0)
			goto sink_failed;
		left -= (long long)got;
	}
	if (read_full(fd, tag, TAG_LEN, &got) < 0 || got != TAG_LEN ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, TAG_LEN, tag) != 1) {
		*why = "short read";
		goto out;
	}
	if (EVP_DecryptFinal_ex(c, out, &outl) != 1) {
		*why = "tag";
		goto out;
	}
	rc = 0;
	goto out;
sink_failed:
	*why = "out of memory";
out:
	OPENSSL_cleanse(out, sizeof(out));
	EVP_CIPHER_CTX_free(c);
	close(fd);
	return rc;
}

struct hashing {
	EVP_MD_CTX *md;
	long long   size;
};

static int
sink_hash(void *ctx, const unsigned char *b, size_t n)
{
	struct hashing *h = ctx;

	h->size += (long long)n;
	return EVP_DigestUpdate(h->md, b, n) == 1 ? 0 : -1;
}

int
mc_files_verify(struct mc_arena *a, const char *sha, long long size,
    const char **why)
{
	struct hashing h = { NULL, 0 };
	unsigned char  d[32];
	unsigned int   len = 32;
	char	       hex[65];
	int	       rc, enc;

	if ((h.md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(h.md, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(h.md);
		*why = "out of memory";
		return -1;
	}
	rc = read_stored(a, sha, sink_hash, &h, &enc, why);
	if (rc == 0 && EVP_DigestFinal_ex(h.md, d, &len) != 1)
		rc = -1;
	EVP_MD_CTX_free(h.md);
	if (rc == 1)
		return 0; /* missing */
	if (rc < 0) /* an altered file is not whole; no key: unreadable */
		return *why != NULL &&
			(strcmp(*why, "tag") == 0 ||
			    strcmp(*why, "truncated") == 0 ||
			    strcmp(*why, "version") == 0 ||
			    strcmp(*why, "short read") == 0) ?
		    0 :
		    -1;
	mc_hex(hex, d, sizeof(d));
	*why = h.size != size ? "size" : strcmp(hex, sha) != 0 ? "hash" : NULL;
	return *why == NULL;
}

struct loading {
	struct buf *out;
	EVP_MD_CTX *md;
};

static int
sink_buf(void *ctx, const unsigned char *b, size_t n)
{
	struct loading *l = ctx;

	return mc_buf_add(l->out, b, n) < 0 ||
		EVP_DigestUpdate(l->md, b, n) != 1 ?
	    -1 :
	    0;
}

int
mc_files_load(struct mc_arena *a, const char *sha, struct buf *out)
{
	struct loading l = { out, NULL };
	const char    *why = "out of memory";
	unsigned char  d[32];
	unsigned int   len = 32;
	char	       hex[65];
	size_t	       was = out->len;
	int	       rc = -1, enc;

	if ((l.md = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestInit_ex(l.md, EVP_sha256(), NULL) == 1)
		rc = read_stored(a, sha, sink_buf, &l, &enc, &why);
	/* A file in clear has no tag: its bytes are checked against its name
	 * instead, so that one altered (or a header damaged into looking
	 * like clear text) is never served either. */
	if (rc == 0 && !enc) {
		if (EVP_DigestFinal_ex(l.md, d, &len) != 1)
			rc = -1;
		mc_hex(hex, d, sizeof(d));
		if (rc < 0 || strcmp(hex, sha) != 0) {
			why = "hash";
			rc = -1;
		}
	}
	EVP_MD_CTX_free(l.md);
	if (rc == 0)
		return 0;
	/* Nothing of a file that did not verify is left to be served. */
	if (out->s != NULL) {
		OPENSSL_cleanse(out->s + was, out->len - was);
		out->len = was;
		out->s[was] = '\0';
	}
	if (rc == 1)
		return 1;
	mc_err("attachment %s (%s): %s%s", sha, mc_files_path(a, sha), why,
	    strcmp(why, "tag") == 0 || strcmp(why, "hash") == 0 ?
		": altered, or not the file of this name: refused" :
		strcmp(why, "key") == 0 ?
		": encrypted with another key than files_key_file's" :
		"");
	return -1;
}

int
mc_files_size(struct mc_arena *a, const char *sha, long long *size)
{
	unsigned char h[HDR_LEN];
	struct stat   st;
	size_t	      got;
	int	      fd, rc = -1;

	if ((fd = open(mc_files_path(a, sha), O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) == 0 && read_full(fd, h, HDR_LEN, &got) == 0) {
		*size = (long long)st.st_size;
		if (is_encrypted(h, got) != 0)
			*size -= HDR_LEN + TAG_LEN;
		rc = *size >= 0 ? 0 : -1;
	}
	close(fd);
	return rc;
}

/* ------------------------------------------------------------ writing */

/*
 * The length of a character at s (n bytes left) that a file name may not
 * keep: a C1 control (U+0080-U+009F, e.g. NEL), the line and paragraph
 * separators U+2028-9, the byte order mark U+FEFF and the non-characters
 * U+FFFE-F (invisible, or breaking a line where a name is shown or sent in
 * a header); 0 for any other.
 */
static size_t
name_unwanted_at(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	if (n < 3)
		return 0;
	if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9))
		return 3;
	if (s[0] == 0xef &&
	    ((s[1] == 0xbb && s[2] == 0xbf) ||
		(s[1] == 0xbf && (s[2] == 0xbe || s[2] == 0xbf))))
		return 3;
	return 0;
}

/*
 * The user's file name without folders or control characters: C0, DEL,
 * quotes, C1 controls and line separators become '_', the byte order mark,
 * the non-characters and bidi controls are dropped.
 */
static const char *
clean_name(struct mc_arena *a, const char *name)
{
	const char *base;
	char	   *out, *o;
	size_t	    i, n, k;

	if (name == NULL || *name == '\0')
		return "tep-dinh-kem";
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	if (strrchr(base, '\\') != NULL)
		base = strrchr(base, '\\') + 1;
	out = mc_arena_strndup(a, base, strnlen(base, 200));
	n = strlen(out);
	for (i = 0, o = out; i < n;) {
		k = name_unwanted_at((const unsigned char *)out + i, n - i);
		if (k > 0) {
			if ((unsigned char)out[i] != 0xef)
				*o++ = '_';
			i += k;
			continue;
		}
		if ((unsigned char)out[i] < 0x20 || out[i] == '"' ||
		    out[i] == 0x7f)
			out[i] = '_';
		*o++ = out[i++];
	}
	*o = '\0';
	/* "invoice\u202Efdp.exe" would read as "invoiceexe.pdf". */
	mc_text_strip_bidi(out);
	if (!mc_utf8_valid(out, strlen(out)) || *out == '\0')
		return "tep-dinh-kem";
	return out;
}

static int
mkdirs(const char *path)
{
	if (mkdir(path, 0750) < 0 && errno != EEXIST) {
		mc_err("mkdir %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
write_all(int fd, const unsigned char *b, size_t n)
{
	ssize_t w;
	size_t	done = 0;

	while (done < n) {
		if ((w = write(fd, b + done, n - done)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		done += (size_t)w;
	}
	return 0;
}

/*
 * The plaintext a file is written from: bytes in memory, or (bytes NULL)
 * read from fd to its end.
 */
struct source {
	const unsigned char *bytes;
	size_t		     len;
	int		     fd;
};

/* Up to n bytes of the source into b; 0 at its end, -1 error. */
static ssize_t
source_next(struct source *s, unsigned char *b, size_t n)
{
	size_t got;

	if (s->bytes != NULL) {
		got = s->len < n ? s->len : n;
		memcpy(b, s->bytes, got);
		s->bytes += got;
		s->len -= got;
		return (ssize_t)got;
	}
	return read_full(s->fd, b, n, &got) < 0 ? -1 : (ssize_t)got;
}

/* The source into fd: in clear (key NULL) or encrypted for address sha. */
static int
write_body(int fd, struct source *s, const char *sha, int encrypt)
{
	unsigned char	h[HDR_LEN], in[CHUNK], out[CHUNK + 32], tag[TAG_LEN];
	EVP_CIPHER_CTX *c = NULL;
	ssize_t		n;
	int		outl, rc = -1;

	if (!encrypt) {
		while ((n = source_next(s, in, sizeof(in))) > 0)
			if (write_all(fd, in, (size_t)n) < 0)
				return -1;
		return n < 0 ? -1 : 0;
	}
	memset(h, 0, sizeof(h));
	memcpy(h, magic_hdr, 4);
	h[4] = 1;
	memcpy(h + KEYID_OFF, fk.cur.id, 4);
	if (RAND_bytes(h + NONCE_OFF, 12) != 1) {
		mc_err("RAND_bytes failed");
		return -1;
	}
	if ((c = EVP_CIPHER_CTX_new()) == NULL ||
	    EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, 12, NULL) != 1 ||
	    EVP_EncryptInit_ex(c, NULL, NULL, fk.cur.key, h + NONCE_OFF) !=
		1 ||
	    EVP_EncryptUpdate(c, NULL, &outl, h, HDR_LEN) != 1 ||
	    EVP_EncryptUpdate(c, NULL, &outl, (const unsigned char *)sha,
		64) != 1 ||
	    write_all(fd, h, HDR_LEN) < 0)
		goto out;
	while ((n = source_next(s, in, sizeof(in))) > 0)
		if (EVP_EncryptUpdate(c, out, &outl, in, (int)n) != 1 ||
		    write_all(fd, out, (size_t)outl) < 0)
			goto out;
	if (n < 0 || EVP_EncryptFinal_ex(c, out, &outl) != 1 ||
	    write_all(fd, out, (size_t)outl) < 0 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, TAG_LEN, tag) != 1 ||
	    write_all(fd, tag, TAG_LEN) < 0)
		goto out;
	rc = 0;
out:
	OPENSSL_cleanse(in, sizeof(in));
	EVP_CIPHER_CTX_free(c);
	return rc;
}

/*
 * Writes the file named sha at path from s: a temporary file, synced,
 * renamed over path, the folder synced. 0 or -1 (logged).
 */
static int
write_atomic(struct mc_arena *a, const char *path, const char *sha,
    struct source *s, int encrypt, const struct stat *like)
{
	char  host[64] = "";
	char *tmp, *dir, *slash;
	int   fd;

	/* The store may be shared by several web nodes (NFS): the temporary
	 * name holds the host too, so two nodes never write the same one. */
	gethostname(host, sizeof(host) - 1);
	tmp = mc_arena_printf(a, "%s.tmp.%s.%d", path, host, (int)getpid());

	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640)) <
	    0) {
		mc_err("open %s: %s", tmp, strerror(errno));
		return -1;
	}
	/* Rewriting a stored file (root, `motcua files-encrypt`): the
	 * programs' user must still read it. */
	if (like != NULL &&
	    (fchown(fd, like->st_uid, like->st_gid) < 0 ||
		fchmod(fd, like->st_mode & 0640) < 0)) {
		mc_err("chown %s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (write_body(fd, s, sha, encrypt) < 0) {
		mc_err("write %s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		mc_err("fsync %s: %s", tmp, strerror(errno));
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path) < 0) {
		mc_err("rename %s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	/* The name is durable too before the dossier's transaction commits:
	 * the folder that holds it is synced. */
	dir = mc_arena_strdup(a, path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	if ((fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY)) < 0 ||
	    fsync(fd) < 0) {
		mc_err("fsync %s: %s", dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}

int
mc_files_check(const char *bytes, size_t len, const char **mimep,
    const char **why)
{
	const char *mime;
	size_t	    i;
	long long   max = mc_config_int("max_upload", 10 << 20, 1, 1LL << 32);

	if (len == 0) {
		*why = "Error.FileEmpty";
		return 1;
	}
	if ((long long)len > max) {
		*why = "Error.FileSize";
		return 1;
	}
	if (mc_files_init() < 0 ||
	    (mime = magic_buffer(cookie, bytes, len)) == NULL)
		return -1;
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strcmp(mime, allowed[i]) == 0) {
			if (mimep != NULL)
				*mimep = allowed[i];
			return 0;
		}
	*why = "Error.FileType";
	return 1;
}

int
mc_files_store(struct mc_arena *a, const char *bytes, size_t len,
    const char *filename, struct mc_file *f, const char **why)
{
	unsigned char h[32], wrote[4];
	const char   *mime, *again, *dir = mc_config_get("files_dir", "files");
	char	     *path;
	long long     have;
	struct source src;
	int	      key, rc;

	memset(f, 0, sizeof(*f));
	if ((rc = mc_files_check(bytes, len, &mime, why)) != 0)
		return rc;
	/* A key named but unusable: refused rather than written in clear. */
	if ((key = mc_files_key()) < 0)
		return -1;
	mc_sha256(h, bytes, len);
	mc_hex(f->sha256, h, sizeof(h));
	f->mime = mime;
	f->size = len;
	f->filename = clean_name(a, filename);
	path = mc_files_path(a, f->sha256);
	/*
	 * The same bytes are there already, under the key they were written
	 * with (files-rekey brings them to the current one): made young
	 * again, so that `motcua files-sweep` leaves them to the row this
	 * upload is about to write; gone meanwhile (swept), written again.
	 */
	if (mc_files_size(a, f->sha256, &have) == 0 &&
	    have == (long long)len && utimensat(AT_FDCWD, path, NULL, 0) == 0)
		return 0;
	if (mkdirs(dir) < 0 ||
	    mkdirs(mc_arena_printf(a, "%s/%.2s", dir, f->sha256)) < 0 ||
	    mkdirs(mc_arena_printf(a, "%s/%.2s/%.2s", dir, f->sha256,
		f->sha256 + 2)) < 0)
		return -1;
	src.bytes = (const unsigned char *)bytes;
	src.len = len;
	src.fd = -1;
	if (key == 1)
		memcpy(wrote, fk.cur.id, 4);
	if (write_atomic(a, path, f->sha256, &src, key == 1, NULL) < 0)
		return -1;
	/*
	 * The key rotated while the file was written (tools/fileskey.sh
	 * --rotate between the key's read and the rename): written again
	 * under the new one. `motcua files-rekey`, started after the
	 * rotation, may have walked past this folder already; without this
	 * the file would stay under the old key once it said the old key
	 * may be retired.
	 */
	if (key == 1 && mc_files_key() == 1 &&
	    memcmp(wrote, fk.cur.id, 4) != 0 &&
	    mc_files_encrypt_stored(a, f->sha256, &again) < 0) {
		mc_err("attachment %s: written under the key rotated away, "
		       "not again under the new one: %s",
		    f->sha256, again != NULL ? again : "error");
		return -1;
	}
	return 0;
}

static int
sink_plain(void *ctx, const unsigned char *b, size_t n)
{
	return mc_buf_add(ctx, b, n);
}

/*
 * The stored file sha, encrypted under an older key, written again under
 * the current one: decrypted whole (its tag verified) into memory, written
 * as a new file, synced and renamed over the old one (a crash leaves one or
 * the other, each readable with the keys kept), read back. 1 or -1 (*why).
 */
static int
rekey(struct mc_arena *a, const char *sha, const char *path, const char **why)
{
	struct source src;
	struct stat   st;
	struct buf    b;
	long long     size;
	int	      enc, rc;

	mc_buf_init(&b, (size_t)1 << 34);
	if ((rc = read_stored(a, sha, sink_plain, &b, &enc, why)) != 0 ||
	    stat(path, &st) < 0) {
		if (rc == 0)
			*why = strerror(errno);
		rc = -1;
		goto out;
	}
	src.bytes = (const unsigned char *)b.s;
	src.len = b.len;
	src.fd = -1;
	size = (long long)b.len;
	if (write_atomic(a, path, sha, &src, 1, &st) < 0) {
		*why = "write";
		rc = -1;
		goto out;
	}
	/* Read back: the tag verifies and the plaintext is the name's. */
	rc = mc_files_verify(a, sha, size, why) == 1 ? 1 : -1;
out:
	if (b.s != NULL)
		OPENSSL_cleanse(b.s, b.len);
	mc_buf_free(&b);
	return rc;
}

int
mc_files_key_id(const char *sha, char id[9])
{
	unsigned char h[HDR_LEN];
	char	      path[PATH_MAX];
	size_t	      got;
	int	      fd, enc;

	*id = '\0';
	if (snprintf(path, sizeof(path), "%s/%.2s/%.2s/%s",
		mc_config_get("files_dir", "files"), sha, sha + 2,
		sha) >= (int)sizeof(path) ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (read_full(fd, h, HDR_LEN, &got) < 0) {
		close(fd);
		return -1;
	}
	close(fd);
	if ((enc = is_encrypted(h, got)) <= 0)
		return enc;
	mc_hex(id, h + KEYID_OFF, 4);
	return 1;
}

int
mc_files_encrypt_stored(struct mc_arena *a, const char *sha, const char **why)
{
	unsigned char h[HDR_LEN];
	struct source src;
	struct stat   st;
	size_t	      got;
	long long     size;
	char	     *path = mc_files_path(a, sha);
	int	      fd, rc, enc;

	*why = NULL;
	if (mc_files_key() != 1) {
		*why = "no key";
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (read_full(fd, h, HDR_LEN, &got) < 0) {
		*why = strerror(errno);
		close(fd);
		return -1;
	}
	close(fd);
	if ((enc = is_encrypted(h, got)) < 0) {
		*why = "version";
		return -1;
	}
	if (enc && memcmp(h + KEYID_OFF, fk.cur.id, 4) == 0)
		return 0;
	if (enc)
		return rekey(a, sha, path, why);
	/* Only a whole file: one whose bytes are not its name's is left as
	 * it is for `motcua check --files` to name. */
	if (mc_files_size(a, sha, &size) < 0 ||
	    mc_files_verify(a, sha, size, why) != 1) {
		if (*why == NULL)
			*why = strerror(errno);
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) < 0) {
		*why = strerror(errno);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	src.bytes = NULL;
	src.len = 0;
	src.fd = fd;
	rc = write_atomic(a, path, sha, &src, 1, &st);
	close(fd);
	if (rc < 0) {
		*why = "write";
		return -1;
	}
	/* Read back: the tag verifies and the plaintext is the name's. */
	if (mc_files_verify(a, sha, size, why) != 1)
		return -1;
	return 1;
}
