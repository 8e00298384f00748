/* check.h - the checker: validates the intent against the rule table (names, IDs, roles,
 * structure), queues diagnostics, and lowers it into the plan the emitters read. */
#ifndef AZ_CHECK_H
#define AZ_CHECK_H

#include <stdbool.h>

struct az_ctx;
struct az_intent;
struct az_plan;

struct az_check_opts {
    /* --account-id: stands for `account current` in every target when set. */
    const char *current_account;
    /* The target cannot express `current` (JSON): an intent that uses it is an error. */
    bool current_unsupported;
    /* The intent did not parse completely (statements were dropped after syntax errors):
     * report nothing about what is missing (empty blocks, templates without assign,
     * incomplete sets), since the missing part may be the statement that failed. */
    bool partial;
};

/* Returns 0 when no error was queued (warnings allowed), -1 otherwise. The plan is filled
 * in either case (with what could be lowered). */
int az_check(struct az_ctx *ctx, const struct az_intent *in, const struct az_check_opts *opts,
             struct az_plan *out);

#endif
