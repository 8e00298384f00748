/* udiff.h - unified diffs (`authzc fmt --diff`), in the format `diff -u` and `patch` use. */
#ifndef AZ_UDIFF_H
#define AZ_UDIFF_H

#include <stddef.h>
#include <stdio.h>

/* Writes to f a unified diff with 3 lines of context that turns a into b, naming the file
 * `name` in both headers (so `patch -p0` applies it); nothing when a and b are equal. The
 * edit is minimal up to a few million line pairs, a single hunk for larger changes. */
void az_udiff_write(FILE *f, const char *name, const char *a, size_t alen, const char *b,
                    size_t blen);

#endif
