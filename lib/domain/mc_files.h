/*
 * Attachments: content-addressed by SHA-256 under files_dir (outside the
 * served tree), their type found from their bytes with libmagic and checked
 * against the types the portal accepts.
 */
#ifndef MC_FILES_H
#define MC_FILES_H

#include <stddef.h>

struct mc_arena;

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

/* The path of a stored file into the arena. */
char *mc_files_path(struct mc_arena *, const char *sha256);

/*
 * Whether the stored file named sha256 is whole: present, size bytes long
 * and hashing to its name. 1 whole, 0 not (*why: "missing", "size" or
 * "hash"), -1 when it could not be read (*why: the system's error).
 */
int mc_files_verify(struct mc_arena *, const char *sha256, long long size,
    const char **why);

#endif
