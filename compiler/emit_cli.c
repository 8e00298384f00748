/* emit_cli.c - placeholder: the ibmcloud script emitter is being written. */
#include "authzc/emit.h"

#include "authzc/ctx.h"
#include "authzc/diag.h"

int az_emit_cli(struct az_ctx *ctx, const struct az_plan *plan, FILE *out)
{
    (void)plan;
    (void)out;
    az_diag_fatal(ctx, "the cli target is not built yet");
    return -1;
}
