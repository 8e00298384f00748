/* import.h - `authzc import`: live exports (live.h) -> an intent a person would write. */
#ifndef AZ_IMPORT_H
#define AZ_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

struct az_ctx;
struct az_live;

/* Writes the intent (the DSL, or YAML when yaml) to out. Deterministic: blocks sorted by
 * account, enterprise and template name, statements in rule-table order, whatever the
 * order of the exports. Returns 0, or -1 after queuing an output error. */
int az_import_write(struct az_ctx *ctx, const struct az_live *live, bool yaml, FILE *out);

#endif
