/* ctx.c - one run's state. */
#include "authzc/ctx.h"

#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/source.h"

void az_ctx_init(struct az_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->arena = az_arena_new();
    ctx->scratch = az_arena_new();
    ctx->max_input = AZ_SOURCE_MAX_DEFAULT;
    ctx->max_depth = 64;
    ctx->max_string = 4096;
}

void az_ctx_fini(struct az_ctx *ctx)
{
    free(ctx->diags.v);
    az_strset_free(&ctx->strings);
    az_arena_free(ctx->arena);
    az_arena_free(ctx->scratch);
    memset(ctx, 0, sizeof *ctx);
}
