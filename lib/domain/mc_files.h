/*
 * Attachments: content-addressed by the SHA-256 of their plaintext under
 * files_dir (outside the served tree), their type found from their bytes
 * with libmagic and checked against the types the portal accepts. With
 * files_key_file set (32 random bytes, as 64 hex digits, kept outside
 * files_dir and out of the backups) each file is written encrypted
 * (AES-256-GCM, a fresh nonce, its address authenticated); files written in
 * clear before stay readable. Read them with mc_files_load, never by path.
 */
#ifndef MC_FILES_H
#define MC_FILES_H

#include <stddef.h>

struct buf;
struct mc_arena;

/* Bytes an encrypted file holds beyond its plaintext (header and tag). */
#define MC_FILES_OVERHEAD 40

struct mc_file {
	char	    sha256[65];
	const char *mime; /* from the bytes, not the name */
	size_t	    size;
	const char *filename; /* as the user named it, cleaned */
};

/* Loads the type database once per process; 0 or -1. */
int mc_files_init(void);

/*
 * Checks and stores one upload: the type must be PDF, JPEG or PNG and the
 * size under max_upload (config, default 10 MB). Writes the bytes once
 * (atomically) to files_dir/ab/cd/<sha256>. Returns 0, -1 on a storage
 * error, or 1 when the file is refused (type or size), with *why set to a
 * language key (Error.FileType, Error.FileSize, Error.FileEmpty).
 */
int mc_files_store(struct mc_arena *, const char *bytes, size_t len,
    const char *filename, struct mc_file *, const char **why);

/*
 * The path of a stored file into the arena (its bytes may be encrypted:
 * read it with mc_files_load).
 */
char *mc_files_path(struct mc_arena *, const char *sha256);

/*
 * Appends the plaintext of the stored file sha256 to out, read (and
 * decrypted) in chunks. Nothing is left appended unless the whole file was
 * read and, when encrypted, its tag verified: 0 done, 1 no such file, -1
 * an error, logged with the file's name (altered, another key, no key, I/O).
 */
int mc_files_load(struct mc_arena *, const char *sha256, struct buf *out);

/* The plaintext size of a stored file, from its length and header: 0 or -1. */
int mc_files_size(struct mc_arena *, const char *sha256, long long *size);

/*
 * The attachment key: 1 configured and loaded, 0 none configured (files
 * are written in clear; said once in the log), -1 named but unusable
 * (unreadable, readable by others, malformed, inside files_dir: logged, and
 * mc_files_store then refuses to write rather than write in clear).
 */
int mc_files_key(void);

/*
 * Encrypts one stored file written in clear (`motcua files-encrypt`): checked
 * whole first, rewritten under a temporary name, synced, renamed, read back.
 * 1 encrypted, 0 it was already, -1 not done (*why).
 */
int mc_files_encrypt_stored(struct mc_arena *, const char *sha256,
    const char **why);

/*
 * Whether the stored file named sha256 is whole: present, its plaintext
 * size bytes long and hashing to its name (decrypted, its tag verified).
 * 1 whole, 0 not (*why: "missing", "size", "hash", "tag", "truncated"),
 * -1 when it could not be read (*why: "key" another key, "no key", or the
 * system's error).
 */
int mc_files_verify(struct mc_arena *, const char *sha256, long long size,
    const char **why);

#endif
