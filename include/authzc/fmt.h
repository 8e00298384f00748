/* fmt.h - `authzc fmt`: the canonical layout of a .authz file (LANGUAGE.md), comments kept. */
#ifndef AZ_FMT_H
#define AZ_FMT_H

#include <stddef.h>

struct az_ctx;
struct az_source;

/* Formats src into *out (NUL-terminated, in the run's arena; *len bytes). Returns 0, or -1
 * after the parser queued the file's syntax errors (nothing is formatted then). */
int az_fmt_dsl(struct az_ctx *ctx, const struct az_source *src, const char **out, size_t *len);

#endif
