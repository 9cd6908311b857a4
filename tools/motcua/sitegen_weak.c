/*
 * Stand-in for site-generator's sitegen_run() while it is not linked in:
 * weak, so the real one wins as soon as its object is part of the link.
 */
#include <stdio.h>

#include "motcua.h"

int __attribute__((weak)) sitegen_run(int full)
{
	fprintf(stderr,
	    "motcua: this build has no site generator "
	    "(site-generator/ provides sitegen_run)\n");
	return -1;
}
