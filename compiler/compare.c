/* compare.c - the comparison of an intent's plan with existing policies (compare.h): the
 * one pairing `plan --live`, `compile --live` and `lint --intent` (drift) all present.
 * Linear in the policies: one hash map of the plan's identities, one of its `current` ones. */
#include "authzc/compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/plan.h"
#include "authzc/strmap.h"

static const char *item_key(struct az_ctx *ctx, const struct az_cmp_item *in)
{
    if (in->tmpl)
        return az_arena_concat(ctx->arena, "template\x1f", in->tname, "\x1f", in->target->name,
                               "\x1f", in->instance, (char *)NULL);
    return az_arena_concat(ctx->arena, in->subj, "\x1f", in->res, "\x1f", in->target->name, "\x1f",
                           in->instance, (char *)NULL);
}

static const char *plan_key(struct az_ctx *ctx, const struct az_policy *pp)
{
    const char *inst = pp->instance ? pp->instance : "";
    if (pp->scope == AZ_SCOPE_TEMPLATE)
        return az_arena_concat(ctx->arena, "template\x1f",
                               pp->template_name ? pp->template_name : "", "\x1f",
                               pp->target->name, "\x1f", inst, (char *)NULL);
    return az_arena_concat(ctx->arena, pp->subject_account ? pp->subject_account : AZ_CMP_CURRENT,
                           "\x1f", pp->resource_account ? pp->resource_account : AZ_CMP_CURRENT,
                           "\x1f", pp->target->name, "\x1f", inst, (char *)NULL);
}

static bool plan_is_current(const struct az_policy *pp)
{
    return pp->scope == AZ_SCOPE_ACCOUNT && !pp->subject_account && !pp->resource_account;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fputs("authzc: error: out of memory\n", stderr);
        abort();
    }
    return p;
}

static void pair(struct az_cmp *c, size_t item, size_t policy)
{
    c->item_plan[item] = (long)policy;
    if (c->plan_item[policy] == AZ_CMP_NONE)
        c->plan_item[policy] = (long)item;
}

int az_compare(struct az_ctx *ctx, const struct az_plan *plan, const struct az_cmp_item *items,
               size_t n, struct az_cmp *out)
{
    struct az_strmap keys = {0}, current = {0};
    out->plan_item = xcalloc(plan->n, sizeof *out->plan_item);
    out->item_plan = xcalloc(n, sizeof *out->item_plan);
    out->current = NULL;
    for (size_t i = 0; i < n; i++)
        out->item_plan[i] = AZ_CMP_NONE;
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *pp = &plan->policies[i];
        void **slot = az_strmap_slot(&keys, plan_key(ctx, pp));
        out->plan_item[i] = AZ_CMP_NONE;
        if (*slot) {
            out->plan_item[i] = AZ_CMP_SAME_KEY;
            continue;
        }
        *slot = (void *)pp;
        if (plan_is_current(pp)) {
            const char *k = az_arena_concat(ctx->arena, pp->target->name, "\x1f",
                                            pp->instance ? pp->instance : "", (char *)NULL);
            void **cs = az_strmap_slot(&current, k);
            if (!*cs)
                *cs = (void *)pp;
        }
    }
    /* Exact identities first. */
    for (size_t i = 0; i < n; i++) {
        if (!items[i].target)
            continue;
        const struct az_policy *pp = az_strmap_get(&keys, item_key(ctx, &items[i]));
        if (pp)
            pair(out, i, (size_t)(pp - plan->policies));
    }
    /* Then 'account current': the existing policies spell it as one literal account ID
     * (an export, json with --account-id) or a placeholder; the first such account found
     * stands for it. */
    for (size_t i = 0; i < n; i++) {
        const struct az_cmp_item *it = &items[i];
        if (out->item_plan[i] != AZ_CMP_NONE || !it->target || it->tmpl ||
            strcmp(it->subj, it->res) != 0 || (out->current && strcmp(out->current, it->subj) != 0))
            continue;
        const char *k =
            az_arena_concat(ctx->arena, it->target->name, "\x1f", it->instance, (char *)NULL);
        const struct az_policy *pp = az_strmap_get(&current, k);
        if (!pp || out->plan_item[pp - plan->policies] != AZ_CMP_NONE)
            continue;
        out->current = it->subj;
        pair(out, i, (size_t)(pp - plan->policies));
    }
    az_strmap_free(&keys);
    az_strmap_free(&current);
    return 0;
}

void az_compare_free(struct az_cmp *c)
{
    free(c->plan_item);
    free(c->item_plan);
    c->plan_item = c->item_plan = NULL;
}
