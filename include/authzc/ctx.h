/* ctx.h - one run's state: the arena, the diagnostic queue and the options (nftables nft_ctx). */
#ifndef AZ_CTX_H
#define AZ_CTX_H

#include <stdbool.h>
#include <stddef.h>

#include "authzc/diag.h"
#include "authzc/strmap.h"

struct az_arena;

struct az_ctx {
    struct az_arena *arena;
    struct az_diags diags;
    size_t max_input;     /* bytes per input; AZ_SOURCE_MAX_DEFAULT */
    unsigned max_depth;   /* nesting depth front ends accept */
    size_t max_string;    /* bytes in one string or identifier */
    unsigned nsources;    /* inputs loaded so far */
    struct az_strset strings; /* interned strings of the run (az_strset_intern, in arena) */
    bool lint_read_all;   /* tests: lint reads the parts of a plan it drops token by token
                             too (no az_jl_skip), to compare the two readings */
    /* Memory a front end needs only while it reads one file (a tree): taken with
     * az_arena_mark and given back with az_arena_release after the file, so that a run over
     * thousands of small files reuses the same pages instead of faulting in fresh ones. */
    struct az_arena *scratch;
};

void az_ctx_init(struct az_ctx *ctx);
void az_ctx_fini(struct az_ctx *ctx);

#endif
