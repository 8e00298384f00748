/* fuzz_yaml.c - the YAML front end and the checker on arbitrary bytes. */
#include "fuzz.h"

#include "authzc/ast.h"
#include "authzc/check.h"
#include "authzc/parse.h"
#include "authzc/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    struct az_source *src = az_source_from_buffer(&ctx, "fuzz.yaml", (const char *)data, size);
    struct az_intent in;
    az_ast_intent_init(&in);
    az_parse_yaml(&ctx, src, &in);
    struct az_plan plan;
    az_check(&ctx, &in, NULL, &plan);
    fuzz_check_diags(&ctx);
    az_ctx_fini(&ctx);
    return 0;
}
