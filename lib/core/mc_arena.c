/*
 * Per-request memory: bump allocation from a chain of chunks, all released
 * at once by a reset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc_arena.h"

struct chunk {
	struct chunk *next;
	size_t	      size;
	size_t	      used;
	max_align_t   data[];
};

struct mc_arena {
	struct chunk *head;  /* the chunk being filled */
	struct chunk *first; /* kept across resets */
	size_t	      chunk;
	size_t	      total;
};

static struct chunk *
chunk_new(size_t size)
{
	struct chunk *c;

	if ((c = malloc(sizeof(*c) + size)) == NULL) {
		fprintf(stderr, "mc_arena: out of memory\n");
		abort();
	}
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

struct mc_arena *
mc_arena_new(size_t chunk)
{
	struct mc_arena *a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	a->chunk = chunk < 1024 ? 1024 : chunk;
	a->first = a->head = chunk_new(a->chunk);
	return a;
}

void
mc_arena_free(struct mc_arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void
mc_arena_reset(struct mc_arena *a)
{
	struct chunk *c, *next;

	for (c = a->head; c != a->first; c = next) {
		next = c->next;
		free(c);
	}
	a->head = a->first;
	a->first->used = 0;
	a->total = 0;
}

void *
mc_arena_alloc(struct mc_arena *a, size_t n)
{
	struct chunk *c;
	size_t	      align = sizeof(max_align_t);
	void	     *p;

	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	c = a->head;
	if (c->size - c->used < n) {
		c = chunk_new(n > a->chunk ? n : a->chunk);
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

char *
mc_arena_strndup(struct mc_arena *a, const char *s, size_t n)
{
	char *p;

	p = mc_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
mc_arena_strdup(struct mc_arena *a, const char *s)
{
	return mc_arena_strndup(a, s, strlen(s));
}

char *
mc_arena_vprintf(struct mc_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	int	n;
	char   *p;

	if (fmt == NULL)
		return mc_arena_strdup(a, "");
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return mc_arena_strdup(a, "");
	p = mc_arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
mc_arena_printf(struct mc_arena *a, const char *fmt, ...)
{
	va_list ap;
	char   *p;

	va_start(ap, fmt);
	p = mc_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t
mc_arena_used(const struct mc_arena *a)
{
	return a->total;
}
