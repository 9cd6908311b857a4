/*
 * Files of the generated site: atomic writes (temporary file in the same
 * folder, then rename) that leave a file alone when its bytes are the same,
 * so unchanged pages keep their mtime and caches stay warm.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mc_buf.h"
#include "mc_log.h"
#include "sitegen.h"

/* The last folder known to exist: most pages share one. */
static char	known_dir[PATH_MAX];

/* Who gets what is created when running as root; -1: nobody. */
static long	owner_uid = -1, owner_gid = -1;

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
	char	 dir[PATH_MAX], *p;
	size_t	 n;

	if ((p = strrchr(path, '/')) == NULL)
		return 0;
	n = (size_t)(p - path);
	if (n == 0 || n >= sizeof(dir))
		return 0;
	memcpy(dir, path, n);
	dir[n] = '\0';
	if (strcmp(dir, known_dir) == 0)
		return 0;
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) == 0) {
			chmod(dir, 0755);	/* whatever the umask */
			if (owner_uid >= 0 && chown(dir, (uid_t)owner_uid,
			    (gid_t)owner_gid) < 0)
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
	char		 chunk[65536];
	struct stat	 st;
	size_t		 off = 0;
	ssize_t		 r;
	int		 fd, same = 0;

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
	ssize_t	w;

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

int
sitegen_write(const char *dir, const char *rel, const struct buf *b)
{
	char	 path[PATH_MAX], tmp[PATH_MAX + 32];
	int	 fd, n;

	n = snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		mc_err("path too long: %s/%s", dir, rel);
		return -1;
	}
	if (make_parents(path) < 0)
		return -1;
	switch (same_bytes(path, b)) {
	case 1:
		return 0;
	case -1:
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT && known_dir[0] != '\0') {
		known_dir[0] = '\0';	/* removed under us: make it again */
		if (make_parents(path) < 0)
			return -1;
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	}
	if (fd < 0) {
		mc_err("create %s: %s", tmp, strerror(errno));
		return -1;
	}
	if (owner_uid >= 0 && fchown(fd, (uid_t)owner_uid,
	    (gid_t)owner_gid) < 0)
		mc_warn("chown %s: %s", tmp, strerror(errno));
	if (fchmod(fd, 0644) < 0 || write_all(fd, b->s, b->len) < 0) {
		mc_err("write %s: %s", tmp, strerror(errno));
		goto out_unlink;
	}
	n = close(fd);
	fd = -1;
	if (n < 0) {
		mc_err("close %s: %s", tmp, strerror(errno));
		goto out_unlink;
	}
	if (rename(tmp, path) < 0) {
		mc_err("rename %s: %s", path, strerror(errno));
		goto out_unlink;
	}
	return 1;
out_unlink:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}
