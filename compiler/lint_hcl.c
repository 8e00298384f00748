/* lint_hcl.c - placeholder: this lint front end is being written. */
#include "authzc/lint.h"

#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/source.h"

int az_lint_hcl(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f)
{
    (void)ctx;
    (void)src;
    (void)f;
    return 0;
}
