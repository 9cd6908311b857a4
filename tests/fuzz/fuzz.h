/*
 * Shared by the libFuzzer targets (tests/fuzz/fuzz_*.c): INVARIANT() stops
 * the run (abort, so libFuzzer saves the input as a crash) when a property
 * of the parser's result does not hold. Include it once, in the target's
 * one .c file.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* clang-format off */
#define INVARIANT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)
/* clang-format on */

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#endif
