/* fuzz_live.c - the live export reader (live.c) on arbitrary bytes, then import and the plan
 * comparison of what it read (against an empty intent), writing to /dev/null.
 * live.c reads with a fast reader first and falls back to the located one; the input is also
 * read with the located reader alone, and both must give the same result: the same policies,
 * assignments and counts, or the same diagnostics at the same places. */
#include "fuzz.h"

#include <stdio.h>
#include <string.h>

#include "authzc/diag.h"
#include "authzc/import.h"
#include "authzc/live.h"
#include "authzc/liveplan.h"
#include "authzc/plan.h"

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same_loc(struct az_loc a, struct az_loc b)
{
    return a.line == b.line && a.col == b.col && a.len == b.len;
}

static int same_policy(const struct az_live_policy *a, const struct az_live_policy *b)
{
    if (!same_str(a->id, b->id) || !same_str(a->subj, b->subj) || !same_str(a->res, b->res) ||
        a->target != b->target || !same_str(a->other, b->other) ||
        !same_str(a->instance, b->instance) || !same_str(a->narrowed, b->narrowed) ||
        a->roles != b->roles || a->nunknown != b->nunknown || a->tmpl != b->tmpl ||
        !same_str(a->tmpl_id, b->tmpl_id) || !same_str(a->tmpl_name, b->tmpl_name) ||
        !same_str(a->tmpl_version, b->tmpl_version) ||
        !same_str(a->tmpl_account, b->tmpl_account) || !same_loc(a->loc, b->loc))
        return 0;
    for (size_t i = 0; i < a->nunknown; i++)
        if (!same_str(a->unknown[i], b->unknown[i]))
            return 0;
    return 1;
}

static int same_assign(const struct az_live_assign *a, const struct az_live_assign *b)
{
    return same_str(a->id, b->id) && same_str(a->type, b->type) && same_str(a->target, b->target) &&
           same_str(a->template_id, b->template_id) &&
           same_str(a->template_version, b->template_version) && same_loc(a->loc, b->loc);
}

/* The fast reader (az_live_read) and the located reader alone give the same answer. */
static void check_readers_agree(const uint8_t *data, size_t size, int rc, const struct az_ctx *ctx,
                                const struct az_live *live)
{
    struct az_ctx ctx2;
    az_ctx_init(&ctx2);
    struct az_source *src2 = az_source_from_buffer(&ctx2, "fuzz.json", (const char *)data, size);
    struct az_live live2 = {0};
    int rc2 = az_live_read_located(&ctx2, src2, &live2);
    FUZZ_ASSERT(rc == rc2, "the fast and located readers disagree on success");
    FUZZ_ASSERT(ctx->diags.n == ctx2.diags.n, "the readers queue different diagnostics");
    for (size_t i = 0; i < ctx->diags.n; i++) {
        const struct az_diag *a = ctx->diags.v[i], *b = ctx2.diags.v[i];
        FUZZ_ASSERT(a->diag == b->diag && same_str(a->msg, b->msg) && same_loc(a->loc, b->loc),
                    "the readers report differently");
    }
    FUZZ_ASSERT(live->n == live2.n && live->nassigns == live2.nassigns &&
                    live->other_subjects == live2.other_subjects &&
                    live->other_types == live2.other_types && live->files == live2.files,
                "the readers count differently");
    for (size_t i = 0; i < live->n; i++)
        FUZZ_ASSERT(same_policy(&live->v[i], &live2.v[i]), "the readers read a policy differently");
    for (size_t i = 0; i < live->nassigns; i++)
        FUZZ_ASSERT(same_assign(&live->assigns[i], &live2.assigns[i]),
                    "the readers read an assignment differently");
    az_live_free(&live2);
    az_ctx_fini(&ctx2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    struct az_source *src = az_source_from_buffer(&ctx, "fuzz.json", (const char *)data, size);
    struct az_live live = {0};
    int rc = az_live_read(&ctx, src, &live);
    check_readers_agree(data, size, rc, &ctx, &live);
    if (rc == 0) {
        FILE *sink = fopen("/dev/null", "w");
        if (sink) {
            struct az_plan plan = {0};
            az_import_write(&ctx, &live, false, sink);
            az_import_write(&ctx, &live, true, sink);
            az_liveplan_print(&ctx, &plan, &live, false, sink);
            az_liveplan_print(&ctx, &plan, &live, true, sink);
            fclose(sink);
        }
    }
    az_live_free(&live);
    fuzz_check_diags(&ctx);
    az_ctx_fini(&ctx);
    return 0;
}
