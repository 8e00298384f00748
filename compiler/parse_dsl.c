/* parse_dsl.c - placeholder: the DSL front end is being written. */
#include "authzc/parse.h"

#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/source.h"

int az_parse_dsl(struct az_ctx *ctx, const struct az_source *src, struct az_intent *out)
{
    (void)out;
    az_diag_fatal(ctx, "%s: the DSL front end is not built yet", src->name);
    return -1;
}
