/* fuzz_live.c - the live export reader (live.c) on arbitrary bytes, then import and the plan
 * comparison of what it read (against an empty intent), writing to /dev/null. */
#include "fuzz.h"

#include <stdio.h>

#include "authzc/import.h"
#include "authzc/live.h"
#include "authzc/liveplan.h"
#include "authzc/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    struct az_source *src = az_source_from_buffer(&ctx, "fuzz.json", (const char *)data, size);
    struct az_live live = {0};
    if (az_live_read(&ctx, src, &live) == 0) {
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
