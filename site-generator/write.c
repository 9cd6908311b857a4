/*
 * Files of the generated site: atomic writes (temporary file in the same
 * folder, then rename) that leave a file alone when its bytes are the same,
 * so unchanged pages keep their mtime and caches stay warm.
 *
 * Text files (.html, .json, .xml, .css, .js, .svg) get pre-compressed
 * copies beside them, <file>.gz and <file>.br, which Apache serves to the
 * browsers that accept them (apache-conf/): written before the file itself,
 * each atomically, and only when the file changed (or a copy is missing),
 * so a reader never finds a copy older than its file once the file is new.
 */
#include <sys/stat.h>

#include <brotli/encode.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "mc_buf.h"
#include "mc_log.h"
#include "sitegen.h"

/* The last folder known to exist: most pages share one. */
static char known_dir[PATH_MAX];

/* Who gets what is created when running as root; -1: nobody. */
static long owner_uid = -1, owner_gid = -1;

void
sitegen_owner(long uid, long gid)
{
	owner_uid = uid;
	owner_gid = gid;
}

/* Creates every folder above path (0755); 0 or -1. */
static int
make_parents(const char *path)
{
	char   dir[PATH_MAX], *p;
	size_t n;

	if ((p = strrchr(path, '/')) == NULL)
		return 0;
	n = (size_t)(p - path);
	if (n == 0 || n >= sizeof(dir))
		return 0;
	memcpy(dir, path, n);
	dir[n] = '\0';
	if (strcmp(dir, known_dir) == 0)
		return 0;
	for (p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) == 0) {
			chmod(dir, 0755); /* whatever the umask */
			if (owner_uid >= 0 &&
			    chown(dir, (uid_t)owner_uid, (gid_t)owner_gid) < 0)
				mc_warn("chown %s: %s", dir, strerror(errno));
		} else if (errno != EEXIST) {
			mc_err("mkdir %s: %s", dir, strerror(errno));
			return -1;
		}
		if (p == dir + n)
			break;
		*p = '/';
	}
	memcpy(known_dir, dir, n + 1);
	return 0;
}

/* 1 if path holds exactly the bytes of b, 0 if not (or missing), -1. */
static int
same_bytes(const char *path, const struct buf *b)
{
	char	    chunk[65536];
	struct stat st;
	size_t	    off = 0;
	ssize_t	    r;
	int	    fd, same = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return 0;
		mc_err("open %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != b->len)
		goto out_close;
	while ((r = read(fd, chunk, sizeof(chunk))) > 0) {
		if ((size_t)r > b->len - off ||
		    memcmp(chunk, b->s + off, (size_t)r) != 0)
			goto out_close;
		off += (size_t)r;
	}
	same = r == 0 && off == b->len;
out_close:
	close(fd);
	return same;
}

static int
write_all(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, s, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Writes path atomically from s/n (temporary file, rename); 0 or -1. */
static int
replace_file(const char *path, const char *s, size_t n)
{
	char tmp[PATH_MAX + 32];
	int  fd, rc;

	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT && known_dir[0] != '\0') {
		known_dir[0] = '\0'; /* removed under us: make it again */
		if (make_parents(path) < 0)
			return -1;
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	}
	if (fd < 0) {
		mc_err("create %s: %s", tmp, strerror(errno));
		return -1;
	}
	if (owner_uid >= 0 &&
	    fchown(fd, (uid_t)owner_uid, (gid_t)owner_gid) < 0)
		mc_warn("chown %s: %s", tmp, strerror(errno));
	if (fchmod(fd, 0644) < 0 || write_all(fd, s, n) < 0) {
		mc_err("write %s: %s", tmp, strerror(errno));
		goto out_unlink;
	}
	rc = close(fd);
	fd = -1;
	if (rc < 0) {
		mc_err("close %s: %s", tmp, strerror(errno));
		goto out_unlink;
	}
	if (rename(tmp, path) < 0) {
		mc_err("rename %s: %s", path, strerror(errno));
		goto out_unlink;
	}
	return 0;
out_unlink:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}

int
sitegen_compressible(const char *name)
{
	static const char *const exts[] = {
		".html",
		".json",
		".xml",
		".css",
		".js",
		".svg",
	};
	size_t i, n = strlen(name), e;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		e = strlen(exts[i]);
		if (n > e && strcmp(name + n - e, exts[i]) == 0)
			return 1;
	}
	return 0;
}

/*
 * Compression levels. A 38 KB procedure page: brotli 5 takes ~3.5 ms for
 * 7.6 KB, 11 ~65 ms for 7.0 KB, 9 (window 20) ~130 ms for 7.4 KB; gzip 6
 * ~1.5 ms for 7.9 KB. The whole site (3,873 pages) would take minutes at
 * 11; at 5 a full build costs a few seconds more, an incremental one
 * nothing to speak of.
 */
#define GZIP_LEVEL     6
#define BROTLI_QUALITY 5

/* gzip of s/n into a malloc'd *out (no name, mtime 0); 0 or -1. */
static int
gzip_bytes(const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	z_stream z;
	uLong	 cap;
	int	 rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, GZIP_LEVEL, Z_DEFLATED, 15 + 16, 9,
		Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	cap = deflateBound(&z, (uLong)n) + 32;
	if ((*out = malloc(cap)) == NULL) {
		deflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)(uintptr_t)s;
	z.avail_in = (uInt)n;
	z.next_out = *out;
	z.avail_out = (uInt)cap;
	rc = deflate(&z, Z_FINISH);
	*outlen = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* brotli of s/n (text mode) into a malloc'd *out; 0 or -1. */
static int
brotli_bytes(const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	size_t cap = BrotliEncoderMaxCompressedSize(n);

	if (cap == 0)
		cap = n + 1024;
	if ((*out = malloc(cap)) == NULL)
		return -1;
	*outlen = cap;
	if (!BrotliEncoderCompress(BROTLI_QUALITY, BROTLI_DEFAULT_WINDOW,
		BROTLI_MODE_TEXT, n, (const uint8_t *)s, outlen, *out)) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* Writes path.gz and path.br from s/n, atomically each; 0 or -1. */
static int
write_compressed(const char *path, const char *s, size_t n)
{
	char	       cpath[PATH_MAX + 4];
	unsigned char *z;
	size_t	       zlen;
	int	       rc;

	if (gzip_bytes(s, n, &z, &zlen) < 0) {
		mc_err("gzip %s failed", path);
		return -1;
	}
	snprintf(cpath, sizeof(cpath), "%s.gz", path);
	rc = replace_file(cpath, (const char *)z, zlen);
	free(z);
	if (rc < 0)
		return -1;
	if (brotli_bytes(s, n, &z, &zlen) < 0) {
		mc_err("brotli %s failed", path);
		return -1;
	}
	snprintf(cpath, sizeof(cpath), "%s.br", path);
	rc = replace_file(cpath, (const char *)z, zlen);
	free(z);
	return rc;
}

/* 1 if path.gz and path.br both exist, else 0. */
static int
have_compressed(const char *path)
{
	char	    cpath[PATH_MAX + 4];
	struct stat st;

	snprintf(cpath, sizeof(cpath), "%s.gz", path);
	if (stat(cpath, &st) < 0)
		return 0;
	snprintf(cpath, sizeof(cpath), "%s.br", path);
	return stat(cpath, &st) == 0;
}

int
sitegen_write(const char *dir, const char *rel, const struct buf *b)
{
	char path[PATH_MAX];
	int  n, zip;

	n = snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (n < 0 || (size_t)n >= sizeof(path) - 8) {
		mc_err("path too long: %s/%s", dir, rel);
		return -1;
	}
	if (make_parents(path) < 0)
		return -1;
	zip = sitegen_compressible(rel);
	switch (same_bytes(path, b)) {
	case 1:
		if (zip && !have_compressed(path) &&
		    write_compressed(path, b->s, b->len) < 0)
			return -1;
		return 0;
	case -1:
		return -1;
	}
	/* The copies first: the file never gets ahead of them. */
	if (zip && write_compressed(path, b->s, b->len) < 0)
		return -1;
	if (replace_file(path, b->s, b->len) < 0)
		return -1;
	return 1;
}

/* Reads a whole file into b; 0 or -1. */
static int
read_file(const char *path, struct buf *b)
{
	char	chunk[65536];
	ssize_t r;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	while ((r = read(fd, chunk, sizeof(chunk))) > 0)
		if (mc_buf_add(b, chunk, (size_t)r) < 0)
			break;
	close(fd);
	return r == 0 ? 0 : -1;
}

/* Files of the tree at path (recursively) made compressible; counts. */
static int
compress_tree(const char *path, size_t *written, size_t depth)
{
	char	       sub[PATH_MAX], cpath[PATH_MAX + 4];
	struct stat    st, cst;
	struct dirent *e;
	struct buf     b;
	DIR	      *d;
	int	       rc = 0, fresh;

	if (depth > 16 || (d = opendir(path)) == NULL)
		return depth > 16 ? 0 : -1;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strstr(e->d_name, ".tmp.") != NULL)
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
			e->d_name) >= sizeof(sub) - 8 ||
		    lstat(sub, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			rc = compress_tree(sub, written, depth + 1);
			continue;
		}
		if (!S_ISREG(st.st_mode) || !sitegen_compressible(e->d_name))
			continue;
		/* Fresh: both copies at least as new as the file. */
		snprintf(cpath, sizeof(cpath), "%s.gz", sub);
		fresh = stat(cpath, &cst) == 0 && cst.st_mtime >= st.st_mtime;
		snprintf(cpath, sizeof(cpath), "%s.br", sub);
		fresh = fresh && stat(cpath, &cst) == 0 &&
		    cst.st_mtime >= st.st_mtime;
		if (fresh)
			continue;
		mc_buf_init(&b, (size_t)64 << 20);
		if (read_file(sub, &b) < 0 ||
		    write_compressed(sub, b.s, b.len) < 0) {
			mc_err("compress %s failed", sub);
			rc = -1;
		} else
			(*written)++;
		mc_buf_free(&b);
	}
	closedir(d);
	return rc;
}

int
sitegen_compress_tree(const char *dir, size_t *written)
{
	*written = 0;
	known_dir[0] = '\0';
	return compress_tree(dir, written, 0);
}
