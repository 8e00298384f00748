/* lint_tfplan.c - Terraform plan JSON (`terraform show -json PLANFILE`) for `authzc lint`.
 *
 * In a plan every variable, for_each, dynamic block and module call is resolved, so what
 * the source cannot tell (AZ820) the plan does. lint_json.c parses the file and hands over a
 * top-level object with format_version and resource_changes. Each resource change
 *   {address, mode, type, change: {actions, after, after_unknown}}
 * of a managed ibm_iam_authorization_policy, ibm_iam_policy_template or
 * ibm_iam_policy_assignment whose actions create or update it is read from change.after,
 * shaped as the provider's schema stores it (blocks are lists of objects; policy, subject
 * and resource of a template are lists of one):
 *   ibm_iam_authorization_policy -> AZ_LFORM_TF_POLICY: subject_attributes and
 *       resource_attributes lists, else the scalar source_* / target_* arguments (the
 *       provider computes both, so both may be present: the lists win, no AZ804); roles.
 *   ibm_iam_policy_template      -> AZ_LFORM_TF_TEMPLATE from policy[0].
 *   ibm_iam_policy_assignment    -> target {type, id} (AZ505, AZ205).
 * Values known only after apply are absent from `after`; they are recorded as references
 * (AZ_LV_REF), which lint_check.c passes over. The policies are named by their address
 * (findings carry a note "in ADDRESS") and located at the values in the plan file.
 * What this file does not read of a resource change (az_lint_tfplan_reads: before,
 * after_unknown, after_sensitive, name, ..., and the whole change of a resource none of the
 * three) lint_json.c checks for syntax only, with az_jl_skip, and keeps no tree of. */
#include "authzc/lint.h"

#include <stdarg.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/json_tree.h"
#include "authzc/rules.h"
#include "authzc/source.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct tp {
    struct az_ctx *ctx;
    const struct az_source *src;
    struct az_lfile *f;
};

static const char AFTER_APPLY[] = AZ_LINT_AFTER_APPLY;

static const struct az_jnode *get(const struct az_jnode *n, const char *key)
{
    return az_jnode_member(n, key);
}

static bool text_is(const struct az_jnode *n, const char *s)
{
    return az_jnode_is(n, s);
}

/* The first element of a list (blocks of at most one are lists of one in state). */
static const struct az_jnode *one(const struct az_jnode *n)
{
    if (n && az_jnode_type(n) == AZ_JT_ARRAY)
        return az_jnode_first(n);
    return n && az_jnode_type(n) == AZ_JT_OBJECT ? n : NULL;
}

/* A value of `after`; where absent (known only after apply), a reference placed at where. */
static struct az_lval val(const struct tp *tp, const struct az_jnode *n, struct az_loc where)
{
    struct az_lval v = {AZ_LV_REF, AFTER_APPLY, where};
    if (!n)
        return v;
    v.loc = az_jnode_loc(tp->src, n);
    v.text = az_jnode_text(tp->ctx, n);
    switch (az_jnode_type(n)) {
    case AZ_JT_STRING:
        v.kind = AZ_LV_STRING;
        break;
    case AZ_JT_NUMBER:
        v.kind = AZ_LV_NUMBER;
        break;
    case AZ_JT_BOOL:
        v.kind = AZ_LV_BOOL;
        break;
    case AZ_JT_NULL:
        v.kind = AZ_LV_NONE;
        v.text = "";
        break;
    default:
        v.kind = AZ_LV_OTHER;
        v.text = az_jnode_type(n) == AZ_JT_ARRAY ? "a list" : "an object";
        break;
    }
    return v;
}

static struct az_lval none(void)
{
    struct az_lval v = {AZ_LV_NONE, "", {0}};
    return v;
}

static void add_attr(const struct tp *tp, struct az_lattr ***tail, struct az_lval name,
                     struct az_lval op, struct az_lval value, struct az_loc loc)
{
    struct az_lattr *a = az_arena_alloc(tp->ctx->arena, sizeof *a);
    a->name = name;
    a->op = op;
    a->value = value;
    a->loc = loc;
    **tail = a;
    *tail = &a->next;
}

/* [{name|key, value, operator?}, ...]: one attribute per object. Returns how many. */
static size_t attr_list(const struct tp *tp, const struct az_jnode *list, const char *key,
                        struct az_lattr ***tail)
{
    size_t n = 0;
    if (!list || az_jnode_type(list) != AZ_JT_ARRAY)
        return 0;
    for (const struct az_jnode *e = az_jnode_first(list); e; e = az_jnode_next(e), n++) {
        struct az_loc at = az_jnode_loc(tp->src, e);
        const struct az_jnode *op = get(e, "operator");
        add_attr(tp, tail, val(tp, get(e, key), at),
                 op && az_jnode_type(op) != AZ_JT_NULL ? val(tp, op, at) : none(),
                 val(tp, get(e, "value"), at), at);
    }
    return n;
}

/* The scalar arguments of ibm_iam_authorization_policy and the attributes they make. */
/* One side: its attribute list when the plan has one, else its scalar arguments (the
 * provider fills both in state); when neither is known, an attribute lint could not read. */
static void side(const struct tp *tp, const struct az_jnode *after, bool subject,
                 struct az_lattr **head, struct az_loc where)
{
    struct az_lattr **tail = head;
    if (attr_list(tp, get(after, subject ? "subject_attributes" : "resource_attributes"), "name",
                  &tail) > 0)
        return;
    for (size_t i = 0; i < az_tf_scalar_count; i++) {
        const struct az_jnode *n = get(after, az_tf_scalars[i].arg);
        if ((az_tf_scalars[i].subject != 0) != subject || !n || az_jnode_type(n) == AZ_JT_NULL ||
            text_is(n, ""))
            continue;
        struct az_loc at = az_jnode_loc(tp->src, n);
        struct az_lval name = {AZ_LV_STRING, az_tf_scalars[i].attr, at};
        add_attr(tp, &tail, name, none(), val(tp, n, at), at);
    }
    if (!*head) {
        struct az_lval name = {AZ_LV_OTHER, AFTER_APPLY, where};
        add_attr(tp, &tail, name, none(), none(), where);
    }
}

static void roles(const struct tp *tp, struct az_lpolicy *p, const struct az_jnode *list)
{
    struct az_lrole **tail = &p->roles;
    p->roles_loc = list ? az_jnode_loc(tp->src, list) : p->loc;
    if (list && az_jnode_type(list) == AZ_JT_ARRAY) {
        for (const struct az_jnode *e = az_jnode_first(list); e; e = az_jnode_next(e)) {
            struct az_lrole *r = az_arena_alloc(tp->ctx->arena, sizeof *r);
            r->role = val(tp, az_jnode_type(e) == AZ_JT_NULL ? NULL : e, az_jnode_loc(tp->src, e));
            *tail = r;
            tail = &r->next;
        }
        return;
    }
    struct az_lrole *r = az_arena_alloc(tp->ctx->arena, sizeof *r);
    r->role = val(tp, list, p->loc);
    *tail = r;
}

static struct az_lpolicy *new_policy(const struct tp *tp, enum az_lform form,
                                     const struct az_jnode *address, const char *label)
{
    struct az_lpolicy *p = az_arena_alloc(tp->ctx->arena, sizeof *p);
    p->form = form;
    p->loc = az_jnode_loc(tp->src, address);
    p->label = label;
    p->name_findings = true;
    p->type = none();
    p->description = none();
    p->tmpl_name = none();
    p->tmpl_account = none();
    p->src = tp->src;
    return p;
}

/* Adds p; a Backup for VPC policy whose target is known only after apply marks the file
 * unevaluated, so that lint says nothing of what its units lack (AZ404). */
static void add(const struct tp *tp, struct az_lpolicy *p)
{
    if (az_lint_policy_unknown(p, true))
        tp->f->unevaluated = true;
    az_lint_add_policy(tp->f, p);
}

static void authorization(const struct tp *tp, const struct az_jnode *after,
                          const struct az_jnode *address, const char *label)
{
    struct az_lpolicy *p = new_policy(tp, AZ_LFORM_TF_POLICY, address, label);
    const struct az_jnode *d = get(after, "description");
    if (d && az_jnode_type(d) != AZ_JT_NULL)
        p->description = val(tp, d, p->loc);
    side(tp, after, true, &p->subject, p->loc);
    side(tp, after, false, &p->resource, p->loc);
    roles(tp, p, get(after, "roles"));
    add(tp, p);
}

static void template_side(const struct tp *tp, const struct az_jnode *s, struct az_lattr **head,
                          struct az_loc where)
{
    struct az_lattr **tail = head;
    const struct az_jnode *o = one(s);
    if (attr_list(tp, o ? get(o, "attributes") : NULL, "key", &tail) == 0 && s) {
        struct az_lval name = {AZ_LV_OTHER, AFTER_APPLY, where};
        add_attr(tp, &tail, name, none(), none(), where);
    }
}

static void template(const struct tp *tp, const struct az_jnode *after,
                     const struct az_jnode *address, const char *label)
{
    const struct az_jnode *pol = one(get(after, "policy"));
    if (!pol) { /* known only after apply: what the template set holds is not known */
        tp->f->unevaluated = true;
        return;
    }
    struct az_lpolicy *p = new_policy(tp, AZ_LFORM_TF_TEMPLATE, address, label);
    p->tmpl_name = val(tp, get(after, "name"), p->loc);
    p->type = val(tp, get(pol, "type"), p->loc);
    const struct az_jnode *d = get(pol, "description");
    if (d && az_jnode_type(d) != AZ_JT_NULL)
        p->description = val(tp, d, p->loc);
    template_side(tp, get(pol, "subject"), &p->subject, p->loc);
    template_side(tp, get(pol, "resource"), &p->resource, p->loc);
    roles(tp, p, get(pol, "roles"));
    add(tp, p);
}

static void assignment(const struct tp *tp, const struct az_jnode *after, const char *label)
{
    const struct az_jnode *target = get(after, "target");
    const struct az_jnode *type = get(target, "type"), *id = get(target, "id");
    if (type && az_jnode_type(type) == AZ_JT_STRING && !text_is(type, "Account") &&
        !text_is(type, "AccountGroup") && !text_is(type, "Enterprise"))
        az_diag_report(tp->ctx, AZ_D_LINT_TYPE, az_jnode_loc(tp->src, type),
                       "%s: the target type \"%s\" is not one IAM has (Account, AccountGroup or "
                       "Enterprise)",
                       label, az_jnode_text(tp->ctx, type));
    if (id && az_jnode_type(id) == AZ_JT_STRING) {
        const char *s = az_jnode_text(tp->ctx, id);
        size_t n = strlen(s);
        bool ok = n >= 1 && n <= 32;
        for (size_t i = 0; ok && i < n; i++)
            ok = (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
                 (s[i] >= '0' && s[i] <= '9') || s[i] == '-';
        if (!ok)
            az_diag_report(tp->ctx, AZ_D_BAD_ASSIGN_ID, az_jnode_loc(tp->src, id),
                           "%s: the target ID \"%.60s\" is not 1 to 32 letters, digits and '-' "
                           "(an account or account group ID)",
                           label, s);
    }
}

/* Whether the change creates or updates the resource (a replacement does both). */
static bool creates_or_updates(const struct az_jnode *change)
{
    const struct az_jnode *actions = get(change, "actions");
    for (const struct az_jnode *a = az_jnode_first(actions); a; a = az_jnode_next(a))
        if (text_is(a, "create") || text_is(a, "update"))
            return true;
    return false;
}

/* Whether a resource change of this type is one az_lint_tfplan_change reads. */
static bool iam_type(const struct az_jnode *type)
{
    return text_is(type, "ibm_iam_authorization_policy") ||
           text_is(type, "ibm_iam_policy_template") || text_is(type, "ibm_iam_policy_assignment");
}

/* Whether key[0..len) is the word w (a literal: its length known at compile time). */
#define KEY_IS(w) (len == sizeof(w) - 1 && memcmp(key, w, sizeof(w) - 1) == 0)

bool az_lint_tfplan_reads(const struct az_jnode *rc, const char *key, size_t len)
{
    /* what az_lint_tfplan_change and creates_or_updates look up */
    if (!rc)
        return KEY_IS("actions") || KEY_IS("after");
    if (KEY_IS("change")) {
        const struct az_jnode *type = get(rc, "type");
        return !type || iam_type(type);
    }
    return KEY_IS("type") || KEY_IS("address") || KEY_IS("mode");
}

#undef KEY_IS

void az_lint_tfplan_change(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f,
                           const struct az_jnode *rc)
{
    struct tp tp = {ctx, src, f};
    const struct az_jnode *type = get(rc, "type"), *address = get(rc, "address");
    const struct az_jnode *change = get(rc, "change");
    const struct az_jnode *after = get(change, "after");
    if (text_is(get(rc, "mode"), "data") || !address || az_jnode_type(address) != AZ_JT_STRING ||
        !after || az_jnode_type(after) != AZ_JT_OBJECT || !creates_or_updates(change))
        return;
    const char *label = az_jnode_text(ctx, address);
    if (text_is(type, "ibm_iam_authorization_policy"))
        authorization(&tp, after, address, label);
    else if (text_is(type, "ibm_iam_policy_template"))
        template(&tp, after, address, label);
    else if (text_is(type, "ibm_iam_policy_assignment"))
        assignment(&tp, after, label);
}

void az_lint_tfplan(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f,
                    const struct az_jnode *root)
{
    const struct az_jnode *changes = get(root, "resource_changes");
    for (const struct az_jnode *rc = az_jnode_first(changes); rc; rc = az_jnode_next(rc))
        az_lint_tfplan_change(ctx, src, f, rc);
}
