/* liveplan.c - an intent's plan against live exports (liveplan.h): the `plan --live` view
 * of compare.c's pairing (text like `terraform plan`, or JSON), and the marks `compile
 * --live` gives the emitters. Live policies narrowed to one resource, or for targets the rule
 * table does not name, match nothing: they are extras. */
#include "authzc/liveplan.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/compare.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/live.h"
#include "authzc/outbuf.h"
#include "authzc/plan.h"
#include "authzc/rules.h"

static void pair_live(struct az_ctx *ctx, const struct az_plan *plan, const struct az_live *live,
                      struct az_cmp *cmp)
{
    struct az_cmp_item *items = calloc(live->n ? live->n : 1, sizeof *items);
    if (!items) {
        fputs("authzc: error: out of memory\n", stderr);
        abort();
    }
    for (size_t i = 0; i < live->n; i++) {
        const struct az_live_policy *lp = &live->v[i];
        items[i] = (struct az_cmp_item){.subj = lp->subj, .res = lp->res, .tmpl = lp->tmpl,
                                        .tname = lp->tmpl ? lp->tmpl_name : "",
                                        .target = lp->narrowed ? NULL : lp->target,
                                        .instance = lp->instance};
    }
    az_compare(ctx, plan, items, live->n, cmp);
    free(items);
}

static bool same_roles(const struct az_live_policy *lp, const struct az_policy *pp)
{
    return lp->nunknown == 0 && lp->roles == pp->roles;
}

void az_liveplan_mark(struct az_ctx *ctx, struct az_plan *plan, const struct az_live *live)
{
    struct az_cmp cmp;
    pair_live(ctx, plan, live, &cmp);
    for (size_t i = 0; i < plan->n; i++) {
        long k = cmp.plan_item[i];
        if (k < 0 || !live->v[k].id[0])
            continue;
        plan->policies[i].live_id = live->v[k].id;
        plan->policies[i].live_same_roles = same_roles(&live->v[k], &plan->policies[i]);
    }
    az_compare_free(&cmp);
}

/* ---- presenting it ------------------------------------------------------------------------- */

enum kind { CREATE, EXISTS, DIFFERS, EXTRA, KINDS };
static const char *const kind_keys[KINDS] = {"create", "exists", "differs", "extra"};

struct line {
    const char *account, *enterprise, *tmpl; /* where: account or child, or template */
    const char *target, *instance;
    const struct az_live_policy *roles;      /* roles to show: the intent's, or live */
    const struct az_live_policy *live_roles; /* differs: the live roles */
    const char *id;
};

/* The intent's roles in the shape of a live policy's, so one helper prints both. */
static const struct az_live_policy *intent_roles(struct az_ctx *ctx, az_roleset roles)
{
    struct az_live_policy *r = az_arena_alloc(ctx->arena, sizeof *r);
    r->roles = roles;
    return r;
}

static const char *plan_account(const struct az_policy *pp, const char *current)
{
    if (pp->resource_account)
        return pp->resource_account;
    return current ? current : AZ_CMP_CURRENT;
}

static void from_plan(const struct az_policy *pp, const char *current, struct line *l,
                      struct az_ctx *ctx)
{
    if (pp->scope == AZ_SCOPE_TEMPLATE) {
        l->tmpl = pp->template_name;
    } else {
        l->account = plan_account(pp, current);
        if (pp->scope == AZ_SCOPE_CHILD)
            l->enterprise = pp->subject_account;
    }
    l->target = pp->target->name;
    l->instance = pp->instance;
    l->roles = intent_roles(ctx, pp->roles);
}

static void from_live(const struct az_live_policy *lp, struct line *l)
{
    if (lp->tmpl) {
        l->tmpl = lp->tmpl_name;
    } else {
        l->account = lp->res[0] ? lp->res : lp->subj;
        if (lp->subj[0] && lp->res[0] && strcmp(lp->subj, lp->res) != 0)
            l->enterprise = lp->subj;
    }
    l->target = lp->narrowed || !lp->target ? lp->other : lp->target->name;
    l->instance = lp->instance[0] ? lp->instance : NULL;
    l->roles = lp;
    l->id = lp->id[0] ? lp->id : NULL;
}

static void put_roles(struct az_outbuf *o, const struct az_live_policy *r)
{
    bool first = true;
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++)
        if (r->roles & (1u << i)) {
            if (!first)
                AZ_OUTBUF_LIT(o, ", ");
            az_outbuf_puts(o, az_roles[i].display);
            first = false;
        }
    for (size_t i = 0; i < r->nunknown; i++) {
        if (!first)
            AZ_OUTBUF_LIT(o, ", ");
        az_outbuf_puts(o, r->unknown[i]);
        first = false;
    }
    if (first)
        AZ_OUTBUF_LIT(o, "(none)");
}

/* One line: "MARK (ID): WHERE: TARGET[ instance I] as ROLES" or ": roles X -> Y". */
static void put_text(struct az_outbuf *o, enum kind k, const struct line *l)
{
    static const char *const marks[KINDS] = {"+ create", "= exists", "~ differs", "- extra"};
    az_outbuf_puts(o, marks[k]);
    if (l->id) {
        AZ_OUTBUF_LIT(o, " (");
        az_outbuf_puts(o, l->id);
        az_outbuf_putc(o, ')');
    }
    AZ_OUTBUF_LIT(o, ": ");
    if (l->tmpl) {
        AZ_OUTBUF_LIT(o, "template ");
        az_outbuf_puts(o, l->tmpl);
    } else if (l->enterprise) {
        AZ_OUTBUF_LIT(o, "child ");
        az_outbuf_puts(o, l->account);
        AZ_OUTBUF_LIT(o, " of enterprise ");
        az_outbuf_puts(o, l->enterprise);
    } else if (strcmp(l->account, AZ_CMP_CURRENT) == 0) {
        AZ_OUTBUF_LIT(o, "the current account");
    } else {
        AZ_OUTBUF_LIT(o, "account ");
        az_outbuf_puts(o, l->account);
    }
    AZ_OUTBUF_LIT(o, ": ");
    az_outbuf_puts(o, l->target);
    if (l->instance) {
        AZ_OUTBUF_LIT(o, " instance ");
        az_outbuf_puts(o, l->instance);
    }
    if (k == DIFFERS) {
        AZ_OUTBUF_LIT(o, ": roles ");
        put_roles(o, l->live_roles);
        AZ_OUTBUF_LIT(o, " -> ");
        put_roles(o, l->roles);
    } else {
        AZ_OUTBUF_LIT(o, " as ");
        put_roles(o, l->roles);
        if (k == EXTRA)
            AZ_OUTBUF_LIT(o, " (reported, never deleted)");
    }
    az_outbuf_putc(o, '\n');
}

/* Display names, then the spellings the rule table does not know, as written. */
static json_t *roles_json(const struct az_live_policy *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++)
        if (r->roles & (1u << i))
            json_array_append_new(a, json_string(az_roles[i].display));
    for (size_t i = 0; i < r->nunknown; i++)
        json_array_append_new(a, json_string(r->unknown[i]));
    return a;
}

static json_t *put_json(const struct line *l, bool differs)
{
    json_t *o = json_object();
    if (l->tmpl)
        json_object_set_new(o, "template", json_string(l->tmpl));
    else
        json_object_set_new(o, "account", json_string(l->account));
    if (l->enterprise)
        json_object_set_new(o, "enterprise", json_string(l->enterprise));
    json_object_set_new(o, "target", json_string(l->target));
    if (l->instance)
        json_object_set_new(o, "instance", json_string(l->instance));
    json_object_set_new(o, "roles", roles_json(l->roles));
    if (differs)
        json_object_set_new(o, "live_roles", roles_json(l->live_roles));
    if (l->id)
        json_object_set_new(o, "id", json_string(l->id));
    return o;
}

int az_liveplan_print(struct az_ctx *ctx, const struct az_plan *plan, const struct az_live *live,
                      bool json, FILE *out)
{
    struct az_cmp cmp;
    pair_live(ctx, plan, live, &cmp);
    struct az_outbuf *o = malloc(sizeof *o); /* 64 KiB: not on the stack */
    if (!o) {
        fputs("authzc: error: out of memory\n", stderr);
        abort();
    }
    az_outbuf_init_file(o, out);
    size_t count[KINDS] = {0};
    json_t *doc = json ? json_object() : NULL;
    json_t *lists[KINDS] = {NULL};
    for (int k = 0; k < KINDS && json; k++) {
        lists[k] = json_array();
        json_object_set_new(doc, kind_keys[k], lists[k]);
    }
    for (size_t i = 0; i < plan->n; i++) {
        long m = cmp.plan_item[i];
        if (m == AZ_CMP_SAME_KEY)
            continue;
        const struct az_policy *pp = &plan->policies[i];
        struct line l = {0};
        from_plan(pp, cmp.current, &l, ctx);
        enum kind k = CREATE;
        if (m >= 0) {
            const struct az_live_policy *lp = &live->v[m];
            l.id = lp->id[0] ? lp->id : NULL;
            k = same_roles(lp, pp) ? EXISTS : DIFFERS;
            l.live_roles = lp;
            if (!pp->resource_account && pp->scope != AZ_SCOPE_TEMPLATE)
                l.account = lp->res;
        }
        count[k]++;
        if (json)
            json_array_append_new(lists[k], put_json(&l, k == DIFFERS));
        else
            put_text(o, k, &l);
    }
    for (size_t i = 0; i < live->n; i++) {
        if (cmp.item_plan[i] != AZ_CMP_NONE)
            continue;
        struct line l = {0};
        from_live(&live->v[i], &l);
        count[EXTRA]++;
        if (json)
            json_array_append_new(lists[EXTRA], put_json(&l, false));
        else
            put_text(o, EXTRA, &l);
    }
    az_compare_free(&cmp);
    if (json) {
        char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (text) {
            az_outbuf_puts(o, text);
            az_outbuf_putc(o, '\n');
            free(text);
        } else {
            az_diag_fatal(ctx, "out of memory");
        }
        json_decref(doc);
    } else {
        if (count[CREATE] + count[EXISTS] + count[DIFFERS] + count[EXTRA] == 0)
            AZ_OUTBUF_LIT(o, "The intent asks for nothing and the exports hold no Backup for VPC "
                             "policy.\n");
        az_outbuf_printf(o, "Plan: %zu to create, %zu to change, %zu exist, %zu extra (reported, "
                            "never deleted).\n",
                         count[CREATE], count[DIFFERS], count[EXISTS], count[EXTRA]);
        size_t passed = live->other_subjects + live->other_types;
        if (passed)
            az_outbuf_printf(o, "Passed over %zu polic%s whose subject is not Backup for VPC.\n",
                             passed, passed == 1 ? "y" : "ies");
    }
    errno = 0;
    int failed = az_outbuf_flush(o) != 0;
    free(o);
    if (failed || fflush(out) != 0 || ferror(out)) {
        az_diag_fatal(ctx, "cannot write the plan: %s", errno ? strerror(errno) : "write error");
        return -1;
    }
    return count[CREATE] + count[DIFFERS] > 0 ? 1 : 0;
}
