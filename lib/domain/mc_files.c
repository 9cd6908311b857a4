/*
 * Content-addressed attachment storage: type from the bytes (libmagic),
 * written once under its SHA-256 with a rename so that a reader never sees
 * half a file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <magic.h>

#include "mc_arena.h"
#include "mc_config.h"
#include "mc_files.h"
#include "mc_log.h"
#include "mc_util.h"

static magic_t cookie;

/* clang-format off */
static const char *const allowed[] = {
	"application/pdf", "image/jpeg", "image/png"
};
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

int
mc_files_verify(struct mc_arena *a, const char *sha, long long size,
    const char **why)
{
	unsigned char h[32];
	char	      hex[65];
	long long     got;

	if (mc_sha256_file(mc_files_path(a, sha), h, &got) < 0) {
		*why = errno == ENOENT ? "missing" : strerror(errno);
		return errno == ENOENT ? 0 : -1;
	}
	mc_hex(hex, h, sizeof(h));
	*why = got != size ? "size" : strcmp(hex, sha) != 0 ? "hash" : NULL;
	return *why == NULL;
}

/* The user's file name without folders or control characters. */
static const char *
clean_name(struct mc_arena *a, const char *name)
{
	const char *base;
	char	   *out, *o;

	if (name == NULL || *name == '\0')
		return "tep-dinh-kem";
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	if (strrchr(base, '\\') != NULL)
		base = strrchr(base, '\\') + 1;
	out = o = mc_arena_strndup(a, base, strnlen(base, 200));
	for (; *o != '\0'; o++)
		if ((unsigned char)*o < 0x20 || *o == '"' || *o == 0x7f)
			*o = '_';
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
write_atomic(struct mc_arena *a, const char *path, const char *bytes,
    size_t len)
{
	char	host[64] = "";
	char   *tmp, *dir, *slash;
	ssize_t w;
	size_t	done = 0;
	int	fd;

	/* The store may be shared by several web nodes (NFS): the temporary
	 * name holds the host too, so two nodes never write the same one. */
	gethostname(host, sizeof(host) - 1);
	tmp = mc_arena_printf(a, "%s.tmp.%s.%d", path, host, (int)getpid());

	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640)) < 0) {
		mc_err("open %s: %s", tmp, strerror(errno));
		return -1;
	}
	while (done < len) {
		if ((w = write(fd, bytes + done, len - done)) < 0) {
			if (errno == EINTR)
				continue;
			mc_err("write %s: %s", tmp, strerror(errno));
			goto fail;
		}
		done += (size_t)w;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
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
mc_files_store(struct mc_arena *a, const char *bytes, size_t len,
    const char *filename, struct mc_file *f, const char **why)
{
	unsigned char h[32];
	const char   *mime, *dir = mc_config_get("files_dir", "files");
	char	     *path;
	struct stat   st;
	size_t	      i;
	long long max = mc_config_int("max_upload", 10 << 20, 1, 1LL << 32);

	memset(f, 0, sizeof(*f));
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
		if (strcmp(mime, allowed[i]) == 0)
			break;
	if (i == sizeof(allowed) / sizeof(allowed[0])) {
		*why = "Error.FileType";
		return 1;
	}
	mc_sha256(h, bytes, len);
	mc_hex(f->sha256, h, sizeof(h));
	f->mime = allowed[i];
	f->size = len;
	f->filename = clean_name(a, filename);
	path = mc_files_path(a, f->sha256);
	if (stat(path, &st) == 0 && (size_t)st.st_size == len)
		return 0; /* the same bytes are there already */
	if (mkdirs(dir) < 0 ||
	    mkdirs(mc_arena_printf(a, "%s/%.2s", dir, f->sha256)) < 0 ||
	    mkdirs(mc_arena_printf(a, "%s/%.2s/%.2s", dir, f->sha256,
		f->sha256 + 2)) < 0)
		return -1;
	return write_atomic(a, path, bytes, len);
}
