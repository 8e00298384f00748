/* fuzz_lint_tfplan.c - the Terraform plan JSON front end (reached through the JSON parser)
 * and the rule checks on arbitrary bytes, read with az_jl_skip and token by token (the
 * findings must be the same, byte for byte, place for place); and the same with the input
 * put in every part of a plan that lint checks for syntax only (planned_values,
 * a resource change's before, its change's after_unknown, prior_state). */
#include "fuzz.h"

#include <string.h>

#include "authzc/arena.h"
#include "authzc/lint.h"

/* One run of lint on text[0..n): its findings and notes, one per line, in the arena. */
static const char *lint_once(const char *text, size_t n, bool read_all, struct az_arena *out)
{
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    ctx.lint_read_all = read_all;
    struct az_source *src = az_source_from_buffer(&ctx, "fuzz.tfplan.json", text, n);
    struct az_lfile f;
    az_lint_file_init(&f, src);
    f.syntax_error = az_lint_json(&ctx, src, &f) != 0;
    az_lint_check_run(&ctx, &f, NULL);
    fuzz_check_diags(&ctx);
    const char *all = az_arena_printf(out, "unevaluated %d\n", f.unevaluated);
    for (size_t i = 0; i < ctx.diags.n; i++)
        for (const struct az_diag *d = ctx.diags.v[i]; d;
             d = d == ctx.diags.v[i] ? d->notes : d->next_note)
            all = az_arena_printf(out, "%s%d %d %u:%u:%u %s\n", all, (int)d->diag, (int)d->sev,
                                  d->loc.line, d->loc.col, d->loc.len, d->msg);
    az_ctx_fini(&ctx);
    return all;
}

static void same_readings(const char *text, size_t n)
{
    struct az_arena *a = az_arena_new();
    const char *skipped = lint_once(text, n, false, a), *read = lint_once(text, n, true, a);
    if (strcmp(skipped, read) != 0)
        fprintf(stderr, "with az_jl_skip:\n%s\ntoken by token:\n%s\n", skipped, read);
    FUZZ_ASSERT(strcmp(skipped, read) == 0,
                "lint of a plan says something else when it skips what it drops");
    az_arena_free(a);
}

static void in_every_dropped_part(const uint8_t *data, size_t size)
{
    static const char *const parts[] = {
        "{\"format_version\":\"1.2\",\"planned_values\":",
        (",\"resource_changes\":[{\"address\":\"ibm_iam_authorization_policy.a\",\"mode\":"
         "\"managed\",\"type\":\"ibm_iam_authorization_policy\",\"before\":"),
        ",\"change\":{\"actions\":[\"create\"],\"after_unknown\":",
        ",\"after\":{\"roles\":[\"Viewer\"]}}}],\"prior_state\":",
        "}\n",
    };
    struct az_arena *a = az_arena_new();
    size_t n = 0, cap = 4 * size + 512;
    char *text = az_arena_alloc(a, cap);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t k = strlen(parts[i]);
        memcpy(text + n, parts[i], k);
        n += k;
        if (i + 1 < sizeof parts / sizeof parts[0]) {
            memcpy(text + n, data, size);
            n += size;
        }
    }
    same_readings(text, n);
    az_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    same_readings((const char *)data, size);
    if (size <= FUZZ_MAX_INPUT / 4)
        in_every_dropped_part(data, size);
    return 0;
}
