/*
 * Per-request memory: a chain of chunks handed out by bumping a pointer and
 * given back all at once by mc_arena_reset() after every request.
 */
#ifndef MC_ARENA_H
#define MC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct mc_arena;

/* A new arena whose chunks are at least chunk bytes; NULL when out of memory. */
struct mc_arena *mc_arena_new(size_t chunk);

/* Frees the arena and everything allocated from it. */
void mc_arena_free(struct mc_arena *);

/* Forgets every allocation; keeps the first chunk for reuse. */
void mc_arena_reset(struct mc_arena *);

/* Zeroed memory, aligned for any type; aborts when out of memory. */
void *mc_arena_alloc(struct mc_arena *, size_t);

/* Copies of a string, of its first n bytes, or of a printf format. */
char *mc_arena_strdup(struct mc_arena *, const char *);
char *mc_arena_strndup(struct mc_arena *, const char *, size_t);
char *mc_arena_printf(struct mc_arena *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
char *mc_arena_vprintf(struct mc_arena *, const char *, va_list);

/* Bytes handed out since the last reset (for tests and logs). */
size_t mc_arena_used(const struct mc_arena *);

#endif
