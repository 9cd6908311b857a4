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
 * Checks one upload as mc_files_store does (empty, size, type from its
 * bytes), storing nothing, so that a request with several files refuses
 * before any is stored: 0 good (*mime, when not NULL, its type), 1 refused
 * with *why set (as mc_files_store), -1 error.
 */
int mc_files_check(const char *bytes, size_t len, const char **mime,
    const char **why);

/*
 * Checks and stores one upload: the type must be PDF, JPEG or PNG and the
 * size under max_upload (config, default 10 MB). Writes the bytes once
 * (atomically) to files_dir/ab/cd/<sha256>, under the current key; if the
 * key was rotated while they were written, writes them again under the new
 * one before returning (so that `motcua files-rekey`, run after the
 * rotation, never leaves one behind); bytes stored already have their
 * file's time set to now (see `motcua files-sweep`). Returns 0, -1 on a storage
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
 * Rotation: the keys in files named files_key_file.old.* (beside it; made
 * by tools/fileskey.sh --rotate) are loaded too, for reading the files
 * written under them; new files are written under files_key_file's. A
 * files_key_file replaced on disk is read again at the next call, so that
 * running programs follow a rotation without a restart.
 */
int mc_files_key(void);

/* How many older keys are loaded besides the current one. */
int mc_files_old_keys(void);

/* The current key's id as 8 hex digits into id: 1, or 0 (id "") no key. */
int mc_files_current_key_id(char id[9]);

/*
 * The id of the key the stored file sha is encrypted under, as 8 hex
 * digits into id (its attachments row's key_id): 1 encrypted, 0 in clear
 * (id ""), -1 unreadable.
 */
int mc_files_key_id(const char *sha256, char id[9]);

/*
 * Brings one stored file under the current key (`motcua files-encrypt`,
 * `motcua files-rekey`): one written in clear, or under an older key (see
 * mc_files_key), is checked whole first (decrypted, its tag verified),
 * written again under a temporary name, synced, renamed over the old one
 * and read back, so that a crash at any point leaves the file as it was
 * or rewritten, readable either way. 1 rewritten, 0 it was under the
 * current key already, -1 not done (*why).
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
