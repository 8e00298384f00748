/* fuzz_compile.c - a fuzzed DSL intent that compiles without any diagnostic must compile,
 * in every target, to output that authzc's own linter reads back with no finding at all:
 * no syntax error, no rule finding, and no drift from the plan it came from. JSON outputs
 * must also load strictly with jansson. */
#include "fuzz.h"

#include <jansson.h>
#include <string.h>

#include "authzc/ast.h"
#include "authzc/check.h"
#include "authzc/emit.h"
#include "authzc/lint.h"
#include "authzc/parse.h"
#include "authzc/plan.h"

enum target { T_TERRAFORM, T_CLI, T_JSON, T_JSON_V2, T_COUNT };
static const char *const names[T_COUNT] = {"out.tf", "out.sh", "out.json", "out-v2.json"};

static void emit_and_lint(const struct az_plan *plan, enum target t)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    FUZZ_ASSERT(mem != NULL, "open_memstream");
    struct az_ctx ectx;
    az_ctx_init(&ectx);
    int rc = t == T_TERRAFORM ? az_emit_terraform(&ectx, plan, mem)
             : t == T_CLI     ? az_emit_cli(&ectx, plan, mem)
                              : az_emit_json(&ectx, plan, t == T_JSON ? AZ_JSON_V1 : AZ_JSON_V2, mem);
    fclose(mem);
    FUZZ_ASSERT(rc == 0 && ectx.diags.n == 0, "an emitter failed on a checked plan");
    az_ctx_fini(&ectx);

    if (t == T_JSON || t == T_JSON_V2) {
        json_error_t err;
        json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
        FUZZ_ASSERT(doc != NULL, "JSON output does not load strictly");
        json_decref(doc);
    }

    struct az_ctx lctx;
    az_ctx_init(&lctx);
    struct az_source *src = az_source_from_buffer(&lctx, names[t], text, len);
    struct az_lfile f;
    az_lint_file_init(&f, src);
    int lrc = t == T_TERRAFORM ? az_lint_hcl(&lctx, src, &f)
              : t == T_CLI     ? az_lint_sh(&lctx, src, &f)
                               : az_lint_json(&lctx, src, &f);
    f.syntax_error = lrc != 0;
    if (t == T_TERRAFORM)
        az_lint_hcl_module(&lctx, &f);
    az_lint_check_run(&lctx, &f, plan);
    if (lctx.diags.n != 0) {
        fprintf(stderr, "lint of %s found %zu problem(s); first: %s\n--- output ---\n%.*s\n",
                names[t], lctx.diags.n, lctx.diags.v[0]->msg, (int)len, text);
        FUZZ_ASSERT(0, "compiled output does not lint clean");
    }
    az_ctx_fini(&lctx);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16 * 1024)
        return 0;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    struct az_source *src = az_source_from_buffer(&ctx, "fuzz.authz", (const char *)data, size);
    struct az_intent in;
    az_ast_intent_init(&in);
    if (az_parse_dsl(&ctx, src, &in) == 0) {
        /* --account-id: every target can express the plan, JSON included. */
        struct az_check_opts opts = {.current_account = "0123456789abcdef0123456789abcdef"};
        struct az_plan plan;
        if (az_check(&ctx, &in, &opts, &plan) == 0 && ctx.diags.n == 0)
            for (int t = 0; t < T_COUNT; t++)
                emit_and_lint(&plan, (enum target)t);
    }
    fuzz_check_diags(&ctx);
    az_ctx_fini(&ctx);
    return 0;
}
