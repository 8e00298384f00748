/* fuzz.h - what every harness shares: a fresh run context per input, the input as a source,
 * and a check that fails loudly (abort) when an invariant breaks. */
#ifndef AZ_FUZZ_H
#define AZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "authzc/ctx.h"
#include "authzc/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond, what)                                                                 \
    do {                                                                                        \
        if (!(cond)) {                                                                          \
            fprintf(stderr, "fuzz invariant broken: %s (%s:%d)\n", what, __FILE__, __LINE__);   \
            abort();                                                                            \
        }                                                                                       \
    } while (0)

/* Inputs above this size are skipped: the limits are tested elsewhere, and big inputs only
 * slow the fuzzer down. */
#define FUZZ_MAX_INPUT (256 * 1024)

/* Every queued diagnostic must have an ID and, when it has a place, a place inside its
 * source: a caret pointing past the end of a line would be a bug. */
static inline void fuzz_check_diags(const struct az_ctx *ctx)
{
    for (size_t i = 0; i < ctx->diags.n; i++) {
        const struct az_diag *d = ctx->diags.v[i];
        FUZZ_ASSERT(d->msg != NULL, "a diagnostic without a message");
        if (d->loc.src) {
            FUZZ_ASSERT(d->loc.line >= 1 && d->loc.line <= d->loc.src->nlines,
                        "a diagnostic line outside its source");
            FUZZ_ASSERT(d->loc.col >= 1, "a diagnostic column below 1");
        }
    }
}

#endif
