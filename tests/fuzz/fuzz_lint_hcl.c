/* fuzz_lint_hcl.c - the hcl lint front end and the rule checks on arbitrary bytes. */
#include "fuzz.h"

#include "authzc/lint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    struct az_source *src = az_source_from_buffer(&ctx, "fuzz.tf", (const char *)data, size);
    struct az_lfile f;
    az_lint_file_init(&f, src);
    f.syntax_error = az_lint_hcl(&ctx, src, &f) != 0;
    az_lint_hcl_module(&ctx, &f);
    az_lint_check_run(&ctx, &f, NULL);
    fuzz_check_diags(&ctx);
    az_ctx_fini(&ctx);
    return 0;
}
