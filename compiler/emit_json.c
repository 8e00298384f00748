/* emit_json.c - placeholder: the JSON emitter is being written. */
#include "authzc/emit.h"

#include "authzc/ctx.h"
#include "authzc/diag.h"

int az_emit_json(struct az_ctx *ctx, const struct az_plan *plan, enum az_json_version v,
                 FILE *out)
{
    (void)plan;
    (void)v;
    (void)out;
    az_diag_fatal(ctx, "the json target is not built yet");
    return -1;
}

int az_emit_json_dir(struct az_ctx *ctx, const struct az_plan *plan, enum az_json_version v,
                     const char *dir)
{
    (void)plan;
    (void)v;
    (void)dir;
    az_diag_fatal(ctx, "the json target is not built yet");
    return -1;
}
