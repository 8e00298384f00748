/* lint_check.c - placeholder: the rule-table checks of linted policies are being written. */
#include "authzc/lint.h"

#include "authzc/ctx.h"
#include "authzc/plan.h"

void az_lint_check_policy(struct az_ctx *ctx, const struct az_lpolicy *p)
{
    (void)ctx;
    (void)p;
}

void az_lint_check_run(struct az_ctx *ctx, const struct az_lfile *files,
                       const struct az_plan *intent)
{
    (void)ctx;
    (void)files;
    (void)intent;
}
