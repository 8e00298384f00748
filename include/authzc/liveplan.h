/* liveplan.h - an intent's plan against live exports: `authzc plan --live` (what applying
 * the intent would change) and `compile --live` (emitters adopt what exists). The pairing is
 * compare.c's, shared with `lint --intent`. */
#ifndef AZ_LIVEPLAN_H
#define AZ_LIVEPLAN_H

#include <stdbool.h>
#include <stdio.h>

struct az_ctx;
struct az_plan;
struct az_live;

/* Prints the plan (text: one line per policy and a summary; json: {"create", "exists",
 * "differs", "extra"}). Returns 1 when something must be created or changed, 0 when not,
 * -1 on an output error (queued). */
int az_liveplan_print(struct az_ctx *ctx, const struct az_plan *plan, const struct az_live *live,
                      bool json, FILE *out);
/* Marks the plan's policies that exist live (live_id, live_same_roles) for the emitters. */
void az_liveplan_mark(struct az_ctx *ctx, struct az_plan *plan, const struct az_live *live);

#endif
