/* emit_terraform.c - placeholder: the Terraform emitter is being written. */
#include "authzc/emit.h"

#include "authzc/ctx.h"
#include "authzc/diag.h"

int az_emit_terraform(struct az_ctx *ctx, const struct az_plan *plan, FILE *out)
{
    (void)plan;
    (void)out;
    az_diag_fatal(ctx, "the terraform target is not built yet");
    return -1;
}
