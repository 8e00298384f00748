/* fuzz_fmt.c - authzc fmt on arbitrary bytes: a file that formats must format again to the
 * same bytes (idempotence), and the formatted text must mean the same: the same number of
 * errors and warnings, and when it checks clean, the same JSON. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "fuzz.h"

#include <string.h>

#include "authzc/ast.h"
#include "authzc/check.h"
#include "authzc/emit.h"
#include "authzc/fmt.h"
#include "authzc/parse.h"
#include "authzc/plan.h"

/* Checks text; returns its JSON (malloc'd) when it has no error, else NULL. */
static char *meaning(const char *text, size_t len, unsigned *errors, unsigned *warnings)
{
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    struct az_source *src = az_source_from_buffer(&ctx, "fuzz.authz", text, len);
    struct az_intent in;
    az_ast_intent_init(&in);
    az_parse_dsl(&ctx, src, &in);
    struct az_check_opts opts = {.current_account = "0123456789abcdef0123456789abcdef"};
    struct az_plan plan;
    char *json = NULL;
    size_t n = 0;
    if (az_check(&ctx, &in, &opts, &plan) == 0) {
        FILE *f = open_memstream(&json, &n);
        FUZZ_ASSERT(f != NULL, "open_memstream");
        az_emit_json(&ctx, &plan, AZ_JSON_V1, f);
        fclose(f);
    }
    *errors = ctx.diags.errors;
    *warnings = ctx.diags.warnings;
    az_ctx_fini(&ctx);
    return json;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    struct az_source *src = az_source_from_buffer(&ctx, "fuzz.authz", (const char *)data, size);
    const char *once;
    size_t once_len;
    if (az_fmt_dsl(&ctx, src, &once, &once_len) == 0) {
        struct az_source *again = az_source_from_buffer(&ctx, "fmt.authz", once, once_len);
        const char *twice;
        size_t twice_len;
        FUZZ_ASSERT(az_fmt_dsl(&ctx, again, &twice, &twice_len) == 0,
                    "fmt's output does not parse");
        FUZZ_ASSERT(twice_len == once_len && memcmp(once, twice, once_len) == 0,
                    "fmt is not idempotent");
        unsigned e1, w1, e2, w2;
        char *j1 = meaning(src->text, src->len, &e1, &w1);
        char *j2 = meaning(once, once_len, &e2, &w2);
        FUZZ_ASSERT(e1 == e2 && w1 == w2, "fmt changes the diagnostics");
        FUZZ_ASSERT((!j1 && !j2) || (j1 && j2 && strcmp(j1, j2) == 0), "fmt changes the JSON");
        free(j1);
        free(j2);
    } else {
        FUZZ_ASSERT(ctx.diags.errors > 0 || ctx.diags.fatal, "fmt fails without an error");
    }
    fuzz_check_diags(&ctx);
    az_ctx_fini(&ctx);
    return 0;
}
