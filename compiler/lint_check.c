/* lint_check.c - what a linted policy means, held to the rule table (rules.def).
 *
 * The front ends (lint_json.c, lint_hcl.c, lint_sh.c) record policies as written, in one
 * model (lint.h), and report their format's own problems. Here each policy is analysed:
 *   type authorization (AZ601); the subject is Backup for VPC, serviceName is and
 *   resourceType backup-policy (AZ602, AZ603) - policies with another subject are passed
 *   over quietly; the target service (AZ603) and the target, named by its ID attribute
 *   (AZ809, AZ810); accountId on both sides (AZ607); operators (AZ803) and the wildcard
 *   scope (AZ801, AZ802); roles spelled in the format's form (AZ702, AZ701, AZ303, AZ206)
 *   and granting what the target needs (AZ301, AZ302).
 * What is understood of each Backup for VPC policy (accounts, target, instance, roles)
 * then feeds the checks across the run: duplicates (AZ405), companions (AZ404) and drift
 * against the intent's plan (AZ805, AZ806, AZ807). Messages read like the compiler's
 * (check.c) for the same problems. Time and memory are linear in the policies. */
#include "authzc/lint.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/compare.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/fix.h"
#include "authzc/lint_fix.h"
#include "authzc/lint_units.h"
#include "authzc/plan.h"
#include "authzc/rules.h"
#include "authzc/source.h"
#include "authzc/suggest.h"
#include "authzc/strmap.h"

/* ---- what one policy is understood to be ------------------------------------------------ */

/* Account identities for the checks across files: a literal ID, "current" (the account the
 * provider or the CLI runs in), a reference's text, or NO_ACCOUNT when none is written. */
#define CURRENT "current"
#define NO_ACCOUNT "(no accountId)"
/* What the generated script's bodies hold for 'account current' until it runs (emit_cli.c). */
#define ACCOUNT_PLACEHOLDER AZ_ACCOUNT_PLACEHOLDER

struct info { /* one per policy: the flags are together, after the pointers (no padding) */
    const struct az_lpolicy *p;
    const struct az_lfile *file;
    const struct az_target *target;
    const char *instance; /* Event Notifications instance as written, else "" */
    const char *subj, *res;
    const char *tname; /* template name, "" when unknown */
    az_roleset roles;
    bool reported;    /* AZ405 said for it (a module's policy is in each caller's unit) */
    bool tmpl;        /* identity ("template", tmpl_name) instead of accounts */
    bool roles_known; /* every role understood: roles is the set granted */
    bool after_apply; /* an accountId known only after apply (az_lint_account_ref): no
                         finding across policies assumes which account it is */
};

/* ---- small helpers ---------------------------------------------------------------------- */

static bool is_json(enum az_lform f)
{
    return f == AZ_LFORM_JSON_V1 || f == AZ_LFORM_JSON_V2 || f == AZ_LFORM_JSON_TEMPLATE;
}

static bool is_template(enum az_lform f)
{
    return f == AZ_LFORM_JSON_TEMPLATE || f == AZ_LFORM_TF_TEMPLATE;
}

/* v2 JSON shape: every attribute needs an operator, stringExists takes a JSON boolean. */
static bool is_v2_json(enum az_lform f)
{
    return f == AZ_LFORM_JSON_V2 || f == AZ_LFORM_JSON_TEMPLATE;
}

/* a equals b; the first bytes decide most comparisons without a call (attribute and
 * target names are looked up for every attribute of every policy). */
static inline bool same(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

static bool lv_is(const struct az_lval *v, const char *s)
{
    return v->kind == AZ_LV_STRING && same(v->text, s);
}

static const struct az_lattr *attr_find(const struct az_lattr *a, const char *name)
{
    for (; a; a = a->next)
        if (lv_is(&a->name, name))
            return a;
    return NULL;
}

static struct az_loc or_loc(struct az_loc loc, struct az_loc fallback)
{
    return loc.src ? loc : fallback;
}

static struct az_loc attr_loc(const struct az_lpolicy *p, const struct az_lattr *a)
{
    return or_loc(a->loc, p->loc);
}

static struct az_loc value_loc(const struct az_lpolicy *p, const struct az_lattr *a)
{
    if (a->value.kind != AZ_LV_NONE && a->value.loc.src)
        return a->value.loc;
    return attr_loc(p, a);
}

/* The place to report a missing attribute of one side: its first attribute, or the policy. */
static struct az_loc side_loc(const struct az_lpolicy *p, const struct az_lattr *list)
{
    return list ? attr_loc(p, list) : p->loc;
}

/* Whether some attribute of the side has no readable name (written without one, or not as
 * an attribute at all: the front end said so), or the policy was read around a syntax
 * error. What the side lacks may then be written there, so nothing is reported as missing
 * from it. */
static bool side_unreadable(const struct az_lpolicy *p, const struct az_lattr *list)
{
    if (p->damaged)
        return true;
    for (const struct az_lattr *a = list; a; a = a->next)
        if (a->name.kind == AZ_LV_NONE || a->name.kind == AZ_LV_OTHER)
            return true;
    return false;
}

/* An attribute in v1 form inside a v2 or template body: AZ504 already said to rewrite it
 * with an operator, so no AZ803 for it. */
static bool v1_form_attr(const struct az_lattr *a)
{
    return a->v1_form;
}

/* User text for a message: at most 80 bytes, control bytes escaped, so that nothing the
 * input holds can break a line of the report or send a terminal escape. */
static const char *shown(struct az_ctx *ctx, const char *s)
{
    size_t n = strlen(s), cut = n > 80 ? 77 : n;
    char *out = az_arena_alloc(ctx->arena, cut * 4 + 4);
    char *o = out;
    for (size_t i = 0; i < cut; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            *o++ = '\\';
            *o++ = 'n';
        } else if (c == '\t') {
            *o++ = '\\';
            *o++ = 't';
        } else if (c < 0x20 || c == 0x7f) {
            o += snprintf(o, 5, "\\x%02x", c);
        } else {
            *o++ = (char)c;
        }
    }
    if (cut < n) {
        while (o > out && ((unsigned char)o[-1] & 0xC0) == 0x80)
            o--; /* never end in the middle of a character */
        if (o > out && ((unsigned char)o[-1] & 0xC0) == 0xC0)
            o--;
        memcpy(o, "...", 3);
        o += 3;
    }
    *o = '\0';
    return out;
}

static bool is_account_id(const char *s)
{
    return az_rules_is_account_id(s);
}

/* Why an account ID is not one (the compiler's words, check.c). */
static const char *account_id_problem(const char *s)
{
    size_t n = strlen(s);
    if (s[0] == '$')
        return "a shell variable, which nothing expands here: write the account ID itself "
               "(32 lowercase hexadecimal characters)";
    bool placeholder = s[0] == '<' || s[0] == '{';
    for (size_t i = 0; !placeholder && i < n; i++)
        placeholder = s[i] == '_';
    if (placeholder)
        return "a placeholder: write the account ID itself (32 lowercase hexadecimal "
               "characters)";
    return az_rules_account_id_problem(s);
}

/* Whether the attributes of one side of a Terraform policy are written as blocks
 * (subject_attributes { name = "..." }): the name is then a quoted string token. The scalar
 * arguments (source_service_name = ...) are recorded with the argument's own place. */
static bool tf_blocks(const struct az_lattr *list)
{
    for (const struct az_lattr *a = list; a; a = a->next) {
        const struct az_loc *l = &a->name.loc;
        if (!l->src || l->line == 0 || l->line > l->src->nlines)
            continue;
        size_t off = az_source_line_start(l->src, l->line) + l->col - 1;
        if (off < l->src->len)
            return l->src->text[off] == '"';
    }
    return false;
}

/* Whether a side without accountId is an error: IAM bodies and Terraform attribute blocks
 * need it; Terraform's scalar arguments and the CLI use the caller's account. */
static bool needs_account(const struct az_lpolicy *p, const struct az_lattr *list)
{
    switch (p->form) {
    case AZ_LFORM_JSON_V1:
    case AZ_LFORM_JSON_V2:
        return true;
    case AZ_LFORM_TF_POLICY:
        return tf_blocks(list);
    default:
        return false;
    }
}

static const char *account_hint(const struct az_lpolicy *p, bool subject)
{
    switch (p->form) {
    case AZ_LFORM_JSON_V1:
        return "{\"name\": \"accountId\", \"value\": \"<32 hexadecimal characters>\"}";
    case AZ_LFORM_JSON_V2:
        return "{\"key\": \"accountId\", \"operator\": \"stringEquals\", \"value\": \"<32 "
               "hexadecimal characters>\"}";
    default:
        return subject ? "subject_attributes { name = \"accountId\" value = "
                         "data.ibm_iam_account_settings.current.account_id }"
                       : "resource_attributes { name = \"accountId\" operator = "
                         "\"stringEquals\" value = data.ibm_iam_account_settings.current."
                         "account_id }";
    }
}

/* Checks the accountId of one side; returns its identity (*after_apply set when the value
 * is known only after apply). */
static const char *check_account(struct az_ctx *ctx, const struct az_lpolicy *p,
                                 const struct az_lattr *list, bool subject, bool *after_apply)
{
    const char *side = subject ? "subject" : "resource";
    const struct az_lattr *a = attr_find(list, AZ_ATTR_ACCOUNT_ID);
    if (is_template(p->form)) {
        if (a)
            az_diag_report(ctx, AZ_D_LINT_ACCOUNT_ID, attr_loc(p, a),
                           "a template's %s carries no accountId (the assignment decides the "
                           "account); remove this attribute",
                           side);
        return "";
    }
    if (!a) {
        if (side_unreadable(p, list))
            return NO_ACCOUNT;
        if (needs_account(p, list)) {
            az_diag_report(ctx, AZ_D_LINT_ACCOUNT_ID, side_loc(p, list),
                           "the %s has no accountId; add %s", side, account_hint(p, subject));
            return NO_ACCOUNT;
        }
        return CURRENT;
    }
    const struct az_lval *v = &a->value;
    switch (v->kind) {
    case AZ_LV_STRING:
        if (strcmp(v->text, ACCOUNT_PLACEHOLDER) == 0)
            return CURRENT;
        if (!is_account_id(v->text))
            az_diag_report(ctx, AZ_D_LINT_ACCOUNT_ID, value_loc(p, a),
                           "'%s' is not an account ID: %s", shown(ctx, v->text),
                           account_id_problem(v->text));
        return v->text;
    case AZ_LV_REF:
        switch (az_lint_account_ref(v->text)) {
        case AZ_LINT_ACCOUNT_CURRENT:
            return CURRENT;
        case AZ_LINT_ACCOUNT_AFTER_APPLY:
            *after_apply = true;
            return v->text;
        case AZ_LINT_ACCOUNT_NAMED:
        default:
            return v->text;
        }
    case AZ_LV_NONE:
        return NO_ACCOUNT; /* the front end reported the missing value */
    case AZ_LV_BOOL:
    case AZ_LV_NUMBER:
    case AZ_LV_OTHER:
    default:
        az_diag_report(ctx, AZ_D_LINT_ACCOUNT_ID, value_loc(p, a),
                       "the %s accountId must be a string of 32 lowercase hexadecimal "
                       "characters",
                       side);
        return NO_ACCOUNT;
    }
}

/* ---- fixes (fix.h) ---------------------------------------------------------------------- */

/* Whether p's findings may carry fixes: not when p was read around a syntax error, nor when
 * several policies share its places (a Terraform for_each or count instance; a change of a
 * Terraform plan, which is generated and never fixed by hand). */
static bool fixable_policy(const struct az_lpolicy *p)
{
    return !p->damaged && !p->name_findings;
}

/* How v's place holds its literal: 0 the text itself, 1 the text in double or single
 * quotes; -1 when the bytes there are not the text verbatim (an escape, an interpolation, a
 * place that is a whole attribute or a flag): then nothing is rewritten. */
static int literal_quote(const struct az_lval *v)
{
    const struct az_loc *l = &v->loc;
    size_t len;
    const char *line = l->src && v->text ? az_source_line(l->src, l->line, &len) : NULL;
    if (!line || l->col == 0 || l->col - 1 + (size_t)l->len > len)
        return -1;
    const char *b = line + l->col - 1;
    size_t n = l->len, tl = strlen(v->text);
    if (n == tl && memcmp(b, v->text, n) == 0)
        return 0;
    if (n == tl + 2 && (b[0] == '"' || b[0] == '\'') && b[n - 1] == b[0] &&
        memcmp(b + 1, v->text, tl) == 0)
        return 1;
    return -1;
}

/* d's fix: v's text (inside its quotes) becomes text (NULL: no fix after all). */
static void fix_text(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                     const struct az_lval *v, const char *text)
{
    int q = literal_quote(v);
    if (!d || !text || !fixable_policy(p) || q < 0) {
        az_fix_drop(d);
        return;
    }
    struct az_loc at = v->loc;
    at.col += (uint32_t)q;
    at.len = (uint32_t)strlen(v->text);
    az_fix_replace(ctx, d, at, text);
}

/* d's fix: the whole literal v, quotes included, becomes text (JSON "true" -> true). */
static void fix_literal(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                        const struct az_lval *v, const char *text)
{
    size_t len;
    const char *line = az_source_line(v->loc.src, v->loc.line, &len);
    if (!d || !fixable_policy(p) || literal_quote(v) != 1 || line[v->loc.col - 1] != '"') {
        az_fix_drop(d);
        return;
    }
    az_fix_replace(ctx, d, v->loc, text);
}

/* ---- operators -------------------------------------------------------------------------- */

static bool op_known(const char *op, bool subject)
{
    return az_rules_operator_known(op, subject);
}

static bool is_target_attr(const char *name)
{
    for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
        if (!(az_targets[i].flags & AZ_PER_INSTANCE) && same(az_targets[i].attr, name))
            return true;
    return false;
}

/* AZ803's fix for a missing operator (v2 and template JSON): `, "operator": "..."` after
 * the attribute's name, when the operator is certain: stringEquals for a string without a
 * wildcard, stringExists for a target's ID with the value true. */
static void fix_missing_operator(struct az_ctx *ctx, struct az_diag *d,
                                 const struct az_lpolicy *p, const struct az_lattr *a, bool wild)
{
    const struct az_lval *v = &a->value;
    bool sure = wild ? v->kind == AZ_LV_BOOL && strcmp(v->text, "true") == 0
                     : v->kind == AZ_LV_STRING && !strchr(v->text, '*');
    if (!d || !sure || a->name.kind != AZ_LV_STRING || literal_quote(&a->name) != 1 ||
        !fixable_policy(p)) {
        az_fix_drop(d);
        return;
    }
    struct az_loc at = a->name.loc;
    at.col += at.len; /* after the name's closing quote */
    az_fix_insert(ctx, d, at,
                  wild ? ", \"operator\": \"" AZ_OP_EXISTS "\""
                       : ", \"operator\": \"" AZ_OP_EQUALS "\"");
}

/* AZ803's fix for an unknown operator: the one operator it is a typo of (the same letters
 * in another case, or one edit away with no other operator within two). */
static void fix_operator(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                         const struct az_lval *op, bool subject)
{
    size_t n = subject ? AZ_SUBJECT_OPERATOR_COUNT : AZ_OPERATOR_COUNT, near = 0;
    const char *one = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t dist = az_suggest_distance(op->text, az_operators[i], 2);
        if (dist <= 2)
            near++;
        if (dist <= 1)
            one = az_operators[i];
    }
    if (near != 1 || !one) {
        az_fix_drop(d);
        return;
    }
    fix_text(ctx, d, p, op, one);
}

/* AZ803: operators missing (v2 and template JSON) or not in IAM's list (every form that
 * writes operators). */
static void check_operators(struct az_ctx *ctx, const struct az_lpolicy *p,
                            const struct az_lattr *list, bool subject)
{
    if (p->form == AZ_LFORM_CLI)
        return;
    for (const struct az_lattr *a = list; a; a = a->next) {
        const char *name = a->name.kind == AZ_LV_STRING ? a->name.text : "";
        if (a->name.kind == AZ_LV_OTHER)
            continue; /* not an attribute: the front end said so */
        if (a->op.kind == AZ_LV_NONE) {
            if (!is_v2_json(p->form) || v1_form_attr(a))
                continue;
            bool wild = is_target_attr(name) && a->value.kind == AZ_LV_BOOL;
            bool star = a->value.kind == AZ_LV_STRING && strchr(a->value.text, '*');
            struct az_diag *d;
            if (star && is_target_attr(name))
                /* v1's wildcard ID carried into v2: there, every resource is stringExists
                 * true (stringEquals would match only an ID spelled "*"). */
                d = az_diag_report(ctx, AZ_D_LINT_OPERATOR, attr_loc(p, a),
                                   "the attribute '%s' has no operator; for every resource "
                                   "write \"operator\": \"" AZ_OP_EXISTS "\", \"value\": true",
                                   shown(ctx, name));
            else if (star)
                d = az_diag_report(ctx, AZ_D_LINT_OPERATOR, attr_loc(p, a),
                                   "%s%s%s has no operator; add \"operator\": \"" AZ_OP_MATCH "\" "
                                   "if '*' is a wildcard (stringEquals matches it literally)",
                                   *name ? "the attribute '" : "this attribute", shown(ctx, name),
                                   *name ? "'" : "");
            else
                d = az_diag_report(ctx, AZ_D_LINT_OPERATOR, attr_loc(p, a),
                                   "%s%s%s has no operator; add \"operator\": \"%s\"",
                                   *name ? "the attribute '" : "this attribute", shown(ctx, name),
                                   *name ? "'" : "", wild ? AZ_OP_EXISTS : AZ_OP_EQUALS);
            fix_missing_operator(ctx, d, p, a, wild);
            continue;
        }
        if (a->op.kind != AZ_LV_STRING || op_known(a->op.text, subject))
            continue;
        struct az_loc at = or_loc(a->op.loc, attr_loc(p, a));
        if (subject && op_known(a->op.text, false)) {
            az_diag_report(ctx, AZ_D_LINT_OPERATOR, at,
                           "'%s' is not a subject operator; subject attributes take "
                           "stringEquals or stringExists",
                           a->op.text);
            continue;
        }
        const char *best = az_suggest_best(a->op.text, az_operators,
                                           subject ? AZ_SUBJECT_OPERATOR_COUNT : AZ_OPERATOR_COUNT);
        if (best)
            fix_operator(ctx,
                         az_diag_report(ctx, AZ_D_LINT_OPERATOR, at,
                                        "unknown operator '%s'; did you mean '%s'?",
                                        shown(ctx, a->op.text), best),
                         p, &a->op, subject);
        else
            az_diag_report(ctx, AZ_D_LINT_OPERATOR, at,
                           subject ? "unknown operator '%s'; subject attributes take "
                                     "stringEquals or stringExists"
                                   : "unknown operator '%s'; resource attributes take "
                                     "stringEquals, stringExists, stringEqualsAnyOf, "
                                     "stringMatch or stringMatchAnyOf",
                           shown(ctx, a->op.text));
    }
}

/* ---- the subject ------------------------------------------------------------------------ */

/* The resource names a target of the rule table by ID attribute or resourceType (used to
 * recognise a Backup for VPC policy whose subject lacks resourceType). */
static bool names_backup_target(const struct az_lattr *res)
{
    for (const struct az_lattr *a = res; a; a = a->next) {
        if (a->name.kind != AZ_LV_STRING)
            continue;
        if (is_target_attr(a->name.text))
            return true;
        if (strcmp(a->name.text, AZ_ATTR_RESOURCE_TYPE) == 0 && a->value.kind == AZ_LV_STRING) {
            const struct az_target *t = az_rules_target(a->value.text);
            if (t && !(t->flags & AZ_PER_INSTANCE))
                return true;
        }
    }
    return false;
}

static bool service_is_vpc(const struct az_lval *v)
{
    return v->kind == AZ_LV_STRING &&
           (strcmp(v->text, "is") == 0 || strncmp(v->text, "is.", 3) == 0);
}

/* Whether the policy's subject is Backup for VPC (reporting a near miss). */
static bool subject_is_ours(struct az_ctx *ctx, const struct az_lpolicy *p)
{
    const struct az_lattr *rt = attr_find(p->subject, AZ_ATTR_RESOURCE_TYPE);
    const struct az_lattr *sn = attr_find(p->subject, AZ_ATTR_SERVICE_NAME);
    if (rt) {
        const struct az_lval *v = &rt->value;
        if (lv_is(v, AZ_SUBJECT_RESOURCE_TYPE))
            return true;
        if (v->kind == AZ_LV_STRING &&
            az_suggest_distance(v->text, AZ_SUBJECT_RESOURCE_TYPE, 2) <= 2) {
            az_diag_report(ctx, AZ_D_LINT_SUBJECT, value_loc(p, rt),
                           "the subject resourceType '%s' is not a VPC resource type; did you "
                           "mean '%s'?",
                           shown(ctx, v->text), AZ_SUBJECT_RESOURCE_TYPE);
            return true;
        }
        /* A reference: ours when the rest says so; anything else is another subject. */
        return v->kind == AZ_LV_REF && (!sn || service_is_vpc(&sn->value)) &&
               names_backup_target(p->resource);
    }
    if (sn && service_is_vpc(&sn->value) && names_backup_target(p->resource)) {
        if (side_unreadable(p, p->subject))
            return true; /* resourceType may be the attribute the front end could not read */
        az_diag_report(ctx, AZ_D_LINT_SUBJECT, side_loc(p, p->subject),
                       "the subject lacks resourceType backup-policy: without it every VPC "
                       "resource type is authorized; add the attribute resourceType = "
                       "backup-policy");
        return true;
    }
    return false;
}

static void check_subject_service(struct az_ctx *ctx, const struct az_lpolicy *p)
{
    const struct az_lattr *sn = attr_find(p->subject, AZ_ATTR_SERVICE_NAME);
    if (!sn && side_unreadable(p, p->subject))
        return;
    if (!sn) {
        az_diag_report(ctx, AZ_D_LINT_SUBJECT, side_loc(p, p->subject),
                       "the subject has no serviceName; add serviceName 'is' (Backup for VPC "
                       "is a resource type of the VPC service)");
        return;
    }
    const struct az_lval *v = &sn->value;
    if (lv_is(v, AZ_SUBJECT_SERVICE) || v->kind == AZ_LV_REF || v->kind == AZ_LV_NONE)
        return;
    if (v->kind == AZ_LV_STRING &&
        (strncmp(v->text, "is.", 3) == 0 || az_suggest_distance(v->text, "is", 0) == 0))
        fix_text(ctx,
                 az_diag_report(ctx, AZ_D_LINT_SERVICE_NAME, value_loc(p, sn),
                                "'%s' is not a service name; did you mean 'is'? (the resource "
                                "type goes into its own attribute: resourceType = "
                                "backup-policy)",
                                shown(ctx, v->text)),
                 p, v,
                 /* without resourceType, 'is' would make every VPC resource type the
                  * subject: fixed only with it (or when only the case differs) */
                 attr_find(p->subject, AZ_ATTR_RESOURCE_TYPE) || strncmp(v->text, "is.", 3) != 0
                     ? AZ_SUBJECT_SERVICE
                     : NULL);
    else if (v->kind == AZ_LV_STRING)
        az_diag_report(ctx, AZ_D_LINT_SUBJECT, value_loc(p, sn),
                       "the subject serviceName '%s' is not Backup for VPC's service; write "
                       "'is' (with resourceType backup-policy)",
                       shown(ctx, v->text));
    else
        az_diag_report(ctx, AZ_D_LINT_SUBJECT, value_loc(p, sn),
                       "the subject serviceName must be the string 'is'");
}

/* ---- the resource and its target --------------------------------------------------------- */

enum service { SVC_UNKNOWN, SVC_IS, SVC_EN, SVC_OTHER };

static enum service check_resource_service(struct az_ctx *ctx, const struct az_lpolicy *p)
{
    const char *en = az_targets[AZ_TARGET_EVENT_NOTIFICATIONS].service;
    const struct az_lattr *sn = attr_find(p->resource, AZ_ATTR_SERVICE_NAME);
    if (!sn && side_unreadable(p, p->resource))
        return SVC_UNKNOWN;
    if (!sn) {
        az_diag_report(ctx, AZ_D_LINT_SERVICE_NAME, side_loc(p, p->resource),
                       "the resource has no serviceName; add serviceName 'is' (or "
                       "'event-notifications' for an Event Notifications instance)");
        return SVC_UNKNOWN;
    }
    const struct az_lval *v = &sn->value;
    if (v->kind == AZ_LV_REF || v->kind == AZ_LV_NONE)
        return SVC_UNKNOWN;
    if (v->kind != AZ_LV_STRING) {
        az_diag_report(ctx, AZ_D_LINT_SERVICE_NAME, value_loc(p, sn),
                       "the resource serviceName must be a string such as 'is'");
        return SVC_UNKNOWN;
    }
    const char *s = v->text;
    if (strcmp(s, AZ_SUBJECT_SERVICE) == 0)
        return SVC_IS;
    if (strcmp(s, en) == 0)
        return SVC_EN;
    if (strncmp(s, "is.", 3) == 0 || az_suggest_distance(s, "is", 0) == 0) {
        const struct az_target *t = az_rules_target(s + (strncmp(s, "is.", 3) == 0 ? 3 : 0));
        const struct az_lattr *id = NULL;
        for (const struct az_lattr *a = p->resource; a && !id; a = a->next)
            if (a->name.kind == AZ_LV_STRING && is_target_attr(a->name.text))
                id = a;
        struct az_diag *d;
        if (id && (!t || strcmp(t->attr, id->name.text) != 0))
            /* IBM's page writes "is.volume" even next to instanceId */
            d = az_diag_report(ctx, AZ_D_LINT_SERVICE_NAME, value_loc(p, sn),
                               "'%s' is not a service name; did you mean 'is'? (the %s "
                               "attribute already names the target)",
                               shown(ctx, s), id->name.text);
        else if (t && !(t->flags & AZ_PER_INSTANCE))
            d = az_diag_report(ctx, AZ_D_LINT_SERVICE_NAME, value_loc(p, sn),
                               "'%s' is not a service name; did you mean 'is'? (the resource "
                               "type goes into its own attribute: %s)",
                               shown(ctx, s), t->attr);
        else
            d = az_diag_report(ctx, AZ_D_LINT_SERVICE_NAME, value_loc(p, sn),
                               "'%s' is not a service name; did you mean 'is'? (the resource "
                               "type goes into its own attribute)",
                               shown(ctx, s));
        /* 'is' alone is certain when an ID attribute names the target (or only the case
         * differs); else it would authorize every VPC resource type: no fix. */
        if (id || strncmp(s, "is.", 3) != 0)
            fix_text(ctx, d, p, v, AZ_SUBJECT_SERVICE);
        else
            az_fix_drop(d);
        return SVC_IS;
    }
    if (az_suggest_distance(s, en, 2) <= 2 || strcmp(s, "event-notification") == 0) {
        fix_text(ctx,
                 az_diag_report(ctx, AZ_D_LINT_SERVICE_NAME, value_loc(p, sn),
                                "'%s' is not a service name; did you mean '%s'?", shown(ctx, s),
                                en),
                 p, v, en);
        return SVC_EN;
    }
    return SVC_OTHER;
}

/* Names of resource attributes that are not a typo of an ID attribute. */
static bool plain_attr(const char *name)
{
    static const char *const names[] = {AZ_ATTR_ACCOUNT_ID,
                                        AZ_ATTR_SERVICE_NAME,
                                        AZ_ATTR_RESOURCE_TYPE,
                                        AZ_ATTR_SERVICE_INSTANCE,
                                        AZ_ATTR_RESOURCE_GROUP_ID,
                                        "region",
                                        "resource"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* Finds the target; returns NULL after AZ809 when there is none. *id_attr is the attribute
 * that scopes it (NULL when the target is named by resourceType). */
static const struct az_target *find_target(struct az_ctx *ctx, const struct az_lpolicy *p,
                                           enum service svc, const struct az_lattr **id_attr,
                                           const char **instance)
{
    *id_attr = NULL;
    *instance = "";
    if (svc == SVC_EN) {
        const struct az_target *t = &az_targets[AZ_TARGET_EVENT_NOTIFICATIONS];
        const struct az_lattr *a = attr_find(p->resource, t->attr);
        if (!a) {
            for (const struct az_lattr *b = p->resource; b; b = b->next) {
                if (b->name.kind != AZ_LV_STRING)
                    continue;
                const char *n = b->name.text;
                if (strcmp(n, "instanceId") == 0 || strcmp(n, "instance") == 0 ||
                    strcmp(n, "serviceInstanceId") == 0 ||
                    az_suggest_distance(n, t->attr, 2) <= 2) {
                    az_diag_report(ctx, AZ_D_LINT_NOT_A_TARGET, or_loc(b->name.loc, attr_loc(p, b)),
                                   "'%s' does not name an Event Notifications instance; did "
                                   "you mean '%s'?",
                                   shown(ctx, n), t->attr);
                    a = b;
                    break;
                }
            }
        }
        if (a) {
            *id_attr = a;
            if (a->value.kind == AZ_LV_STRING || a->value.kind == AZ_LV_REF)
                *instance = a->value.text;
        }
        return t;
    }
    if (svc == SVC_OTHER) {
        const struct az_lattr *sn = attr_find(p->resource, AZ_ATTR_SERVICE_NAME);
        az_diag_report(ctx, AZ_D_LINT_NOT_A_TARGET, value_loc(p, sn),
                       "Backup for VPC needs no authorization on the service '%s'; its targets "
                       "are resources of 'is' and Event Notifications instances ('authzc "
                       "rules' lists them)",
                       shown(ctx, sn->value.text));
        return NULL;
    }
    for (const struct az_lattr *a = p->resource; a; a = a->next) {
        if (a->name.kind != AZ_LV_STRING)
            continue;
        for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
            if (!(az_targets[i].flags & AZ_PER_INSTANCE) && same(az_targets[i].attr, a->name.text)) {
                *id_attr = a;
                return &az_targets[i];
            }
    }
    const struct az_lattr *rt = attr_find(p->resource, AZ_ATTR_RESOURCE_TYPE);
    if (rt && rt->value.kind == AZ_LV_STRING) {
        const struct az_target *t = az_rules_target(rt->value.text);
        if (t && !(t->flags & AZ_PER_INSTANCE)) {
            if (is_json(p->form))
                az_diag_report(ctx, AZ_D_LINT_TF_RESOURCE_TYPE, attr_loc(p, rt),
                               "the target is named by resourceType '%s'; IBM documents the "
                               "ID-attribute form for Backup for VPC: %s",
                               t->name,
                               p->form == AZ_LFORM_JSON_V1
                                   ? az_arena_printf(ctx->arena,
                                                     "{\"name\": \"%s\", \"operator\": "
                                                     "\"stringEquals\", \"value\": \"*\"}",
                                                     t->attr)
                                   : az_arena_printf(ctx->arena,
                                                     "{\"key\": \"%s\", \"operator\": "
                                                     "\"stringExists\", \"value\": true}",
                                                     t->attr));
            return t;
        }
    }
    for (const struct az_lattr *a = p->resource; a; a = a->next) {
        if (a->name.kind != AZ_LV_STRING || plain_attr(a->name.text))
            continue;
        for (size_t i = 0; i < AZ_TARGET_COUNT; i++) {
            const struct az_target *t = &az_targets[i];
            if (t->flags & AZ_PER_INSTANCE)
                continue;
            if (az_suggest_distance(a->name.text, t->attr, 2) <= 2) {
                az_diag_report(ctx, AZ_D_LINT_NOT_A_TARGET, or_loc(a->name.loc, attr_loc(p, a)),
                               "'%s' is not the ID attribute of a Backup for VPC target; did "
                               "you mean '%s'?",
                               shown(ctx, a->name.text), t->attr);
                *id_attr = a;
                return t;
            }
        }
    }
    if (rt && rt->value.kind == AZ_LV_STRING) {
        const char *best = az_rules_suggest_target(rt->value.text);
        const struct az_target *t = best ? az_rules_target(best) : NULL;
        if (t && !(t->flags & AZ_PER_INSTANCE)) {
            az_diag_report(ctx, AZ_D_LINT_NOT_A_TARGET, value_loc(p, rt),
                           "resourceType '%s' is not a Backup for VPC target; did you mean "
                           "'%s'? (better: scope it with %s)",
                           shown(ctx, rt->value.text), t->name, t->attr);
            return t;
        }
    }
    if (svc == SVC_UNKNOWN && attr_find(p->resource, AZ_ATTR_SERVICE_NAME))
        return NULL; /* a reference names the service: nothing to say */
    if (side_unreadable(p, p->resource))
        return NULL; /* the target may be the attribute the front end could not read */
    if (rt && rt->value.kind == AZ_LV_REF)
        return NULL; /* a variable names the resource type: it may be a target */
    az_diag_report(ctx, AZ_D_LINT_NOT_A_TARGET, side_loc(p, p->resource),
                   "the resource names no target Backup for VPC uses; name one by its ID "
                   "attribute: instanceId, volumeId, snapshotId, snapshotConsistencyGroupId, "
                   "shareId or backupPolicyId ('authzc rules' lists them)");
    return NULL;
}

/* ---- scope ------------------------------------------------------------------------------ */

static const char *wildcard_fix(const struct az_lpolicy *p, const char *attr)
{
    switch (p->form) {
    case AZ_LFORM_JSON_V1:
        return "\"operator\": \"stringEquals\", \"value\": \"*\"";
    case AZ_LFORM_JSON_V2:
    case AZ_LFORM_JSON_TEMPLATE:
        return "\"operator\": \"stringExists\", \"value\": true";
    case AZ_LFORM_CLI:
        return "leave the resource ID out";
    default:
        return attr ? "operator = \"stringExists\" and value = \"true\"" : "";
    }
}

static bool lv_word(const struct az_lval *v, const char *w)
{
    return (v->kind == AZ_LV_STRING || v->kind == AZ_LV_BOOL) && same(v->text, w);
}

/* AZ802's fix for a stringExists value that means true but is not spelled so ("True",
 * "TRUE", the v1 wildcard "*"): v2 and template JSON take the boolean true, Terraform the
 * string "true". Other values (and v1 bodies, the CLI) are left to a person. */
static void fix_string_exists(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                              const struct az_lval *v)
{
    bool means_true = v->kind == AZ_LV_STRING &&
                      (strcmp(v->text, AZ_WILDCARD_V1) == 0 ||
                       az_suggest_distance(v->text, "true", 0) == 0);
    if (means_true && is_v2_json(p->form))
        fix_literal(ctx, d, p, v, "true");
    else if (means_true && (p->form == AZ_LFORM_TF_POLICY || p->form == AZ_LFORM_TF_TEMPLATE))
        fix_text(ctx, d, p, v, "true");
    else
        az_fix_drop(d);
}

/* AZ801, AZ802: the ID attribute must be a wildcard. */
static void check_scope(struct az_ctx *ctx, const struct az_lpolicy *p, const struct az_lattr *a,
                        const struct az_target *t)
{
    const struct az_lval *v = &a->value, *op = &a->op;
    if (v->kind == AZ_LV_REF || op->kind == AZ_LV_REF || v->kind == AZ_LV_NONE)
        return;
    if (op->kind != AZ_LV_NONE && (op->kind != AZ_LV_STRING || !op_known(op->text, false)))
        return; /* AZ803 or a wrong type said so */
    const char *o = op->kind == AZ_LV_STRING ? op->text : NULL;
    struct az_loc at = value_loc(p, a);
    if (o && strcmp(o, AZ_OP_EXISTS) == 0) {
        bool yes = lv_word(v, "true"), no = lv_word(v, "false");
        if (!yes && !no) {
            fix_string_exists(
                ctx,
                az_diag_report(ctx, AZ_D_LINT_STRING_EXISTS, at,
                               "stringExists takes true or false, not %s; write %s",
                               v->kind == AZ_LV_STRING
                                   ? az_arena_printf(ctx->arena, "'%s'", shown(ctx, v->text))
                                   : shown(ctx, v->text),
                               is_json(p->form) ? "true" : "\"true\""),
                p, v);
            return;
        }
        if (no) {
            az_diag_report(ctx, AZ_D_LINT_SCOPE, at,
                           "stringExists false matches only resources without a %s: Backup "
                           "for VPC needs every %s; write %s",
                           t->attr, t->name, wildcard_fix(p, t->attr));
            return;
        }
        if (is_v2_json(p->form) && v->kind == AZ_LV_STRING)
            fix_literal(ctx,
                        az_diag_report(ctx, AZ_D_LINT_STRING_EXISTS, at,
                                       "stringExists takes a JSON boolean: true, not \"true\""),
                        p, v, "true");
        return;
    }
    bool star = lv_is(v, AZ_WILDCARD_V1);
    if (star && o && strcmp(o, "stringMatch") == 0)
        return;
    if (star && (!o || strcmp(o, AZ_OP_EQUALS) == 0)) {
        if (is_v2_json(p->form) && o)
            az_diag_report(ctx, AZ_D_LINT_SCOPE, at,
                           "in a v2 body stringEquals \"*\" matches only the ID '*', not every "
                           "%s; write %s",
                           t->name, wildcard_fix(p, t->attr));
        return; /* v1, Terraform and the CLI read "*" as every resource */
    }
    if (v->kind == AZ_LV_STRING && v->text[0] == '\0') {
        az_diag_report(ctx, AZ_D_LINT_SCOPE, at, "%s is empty; Backup for VPC needs every %s: %s",
                       t->attr, t->name, wildcard_fix(p, t->attr));
        return;
    }
    az_diag_report(ctx, AZ_D_LINT_SCOPE, at,
                   "the authorization is narrowed to one %s ('%s'); Backup for VPC needs every "
                   "%s, so jobs for the others fail: write %s",
                   t->name, shown(ctx, v->text), t->name, wildcard_fix(p, t->attr));
}

/* ---- roles ------------------------------------------------------------------------------ */

/* The role whose ID ends a CRN written in the wrong namespace; else NULL (check.c). */
static const struct az_role *crn_misplaced(const char *crn)
{
    if (strncmp(crn, "crn:", 4) != 0)
        return NULL;
    const char *last = strrchr(crn, ':');
    if (!last)
        return NULL;
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++)
        if (strcmp(az_roles[i].id, last + 1) == 0)
            return &az_roles[i];
    return NULL;
}

/* Whether crn is r's CRN written in another IBM Cloud namespace only:
 * crn:v1:bluemix:public:SERVICE::::role:ID or ...::::serviceRole:ID with r's ID, so that
 * writing r's CRN instead changes nothing but the namespace (not another cloud or a
 * made-up layout). */
static bool crn_namespace_only(const char *crn, const struct az_role *r)
{
    static const char head[] = "crn:v1:bluemix:public:";
    if (strncmp(crn, head, sizeof head - 1) != 0)
        return false;
    const char *svc = crn + sizeof head - 1, *colons = strstr(svc, "::::");
    if (!colons || colons == svc || memchr(svc, ':', (size_t)(colons - svc)))
        return false;
    const char *kind = colons + 4;
    const char *id = strncmp(kind, "role:", 5) == 0           ? kind + 5
                     : strncmp(kind, "serviceRole:", 12) == 0 ? kind + 12
                                                              : NULL;
    return id && strcmp(id, r->id) == 0;
}

/* The role whose hyphenated ID this spelling (or the last part of this CRN) writes without
 * its hyphens: EventSourceManager for Event-Source-Manager. Else NULL. */
static const struct az_role *id_without_hyphens(const char *text)
{
    const char *last = strncmp(text, "crn:", 4) == 0 ? strrchr(text, ':') : NULL;
    const char *w = last ? last + 1 : text;
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++) {
        const char *id = az_roles[i].id;
        if (!strchr(id, '-'))
            continue;
        const char *a = id, *b = w;
        for (; *a && *b; a++) {
            if (*a == '-')
                continue;
            if (*a != *b)
                break;
            b++;
        }
        if (!*a && !*b)
            return &az_roles[i];
    }
    return NULL;
}

static const char *role_spelling(const struct az_lpolicy *p, const struct az_role *r)
{
    return is_json(p->form) ? r->crn : r->display;
}

/* "Editor", "Share Snapshot Operator" written out as the format's list, or NULL when some
 * part is not a role. */
static const char *joined_fix(struct az_ctx *ctx, const struct az_lpolicy *p, const char *text)
{
    const struct az_role *parts[AZ_LINT_JOINED_MAX];
    size_t n = az_lint_roles_split(ctx, text, parts, AZ_LINT_JOINED_MAX);
    if (n == 0)
        return NULL;
    char *out = az_arena_strdup(ctx->arena, is_json(p->form) ? "" : "[");
    for (size_t i = 0; i < n; i++)
        out = az_arena_printf(ctx->arena,
                              is_json(p->form) ? "%s%s{\"role_id\": \"%s\"}" : "%s%s\"%s\"", out,
                              i == 0 ? "" : ", ", role_spelling(p, parts[i]));
    return is_json(p->form) ? out : az_arena_printf(ctx->arena, "%s]", out);
}

static const char *roles_text(struct az_ctx *ctx, az_roleset set)
{
    return set ? az_rules_roles_text(ctx->arena, set) : "no role";
}

/* Checks every role; returns whether each was understood, with the set granted. */
static bool check_roles(struct az_ctx *ctx, const struct az_lpolicy *p, const struct az_target *t,
                        az_roleset *out)
{
    bool ok = true;
    az_roleset set = 0;
    bool json = is_json(p->form);
    for (const struct az_lrole *lr = p->roles; lr; lr = lr->next) {
        const struct az_lval *v = &lr->role;
        struct az_loc at = or_loc(v->loc, or_loc(p->roles_loc, p->loc));
        if (v->kind != AZ_LV_STRING) { /* a reference, or a type the front end reported */
            ok = false;
            continue;
        }
        const char *text = v->text;
        const struct az_role *role = az_rules_role(text);
        if (!role) {
            const struct az_role *right = crn_misplaced(text);
            const struct az_role *hy = right ? NULL : id_without_hyphens(text);
            const char *fix;
            if (hy) {
                struct az_diag *d =
                    az_diag_report(ctx, AZ_D_UNKNOWN_ROLE, at,
                                   "'%s' is not a role IAM knows: the ID of %s is '%s', with "
                                   "hyphens; did you mean '%s'?",
                                   shown(ctx, text), hy->display, hy->id, role_spelling(p, hy));
                az_lint_fix_role_spelling(ctx, d, p, v, hy);
            } else if (right) {
                struct az_diag *d =
                    az_diag_report(ctx, AZ_D_ROLE_WRONG_SERVICE, at,
                                   "'%s' is not the CRN of %s; did you mean '%s'?",
                                   shown(ctx, text), right->display, role_spelling(p, right));
                if (crn_namespace_only(text, right))
                    az_lint_fix_role(ctx, d, p, v, right);
            } else if (strchr(text, ',') && p->form != AZ_LFORM_CLI) {
                fix = joined_fix(ctx, p, text);
                if (fix)
                    az_lint_fix_roles_joined(
                        ctx,
                        az_diag_report(ctx, AZ_D_LINT_ROLES_JOINED, at,
                                       "'%s' holds several roles in one string; write one element "
                                       "per role: %s",
                                       shown(ctx, text), fix),
                        p, v);
                else
                    az_diag_report(ctx, AZ_D_LINT_ROLES_JOINED, at,
                                   "'%s' holds several roles in one string; write one element "
                                   "per role",
                                   shown(ctx, text));
            } else {
                const char *last = strncmp(text, "crn:", 4) == 0 ? strrchr(text, ':') : NULL;
                const char *best = az_rules_suggest_role(last ? last + 1 : text);
                const struct az_role *br = best ? az_rules_role(best) : NULL;
                if (br)
                    az_lint_fix_role_spelling(
                        ctx,
                        az_diag_report(ctx, AZ_D_UNKNOWN_ROLE, at,
                                       "unknown role '%s'; did you mean '%s'?", shown(ctx, text),
                                       role_spelling(p, br)),
                        p, v, br);
                else
                    az_diag_report(ctx, AZ_D_UNKNOWN_ROLE, at,
                                   "unknown role '%s' ('authzc rules' lists the roles)",
                                   shown(ctx, text));
            }
            ok = false;
            continue;
        }
        const char *want = role_spelling(p, role);
        if (strcmp(text, want) != 0) {
            struct az_diag *d;
            if (json)
                d = az_diag_report(ctx, AZ_D_LINT_ROLE_FORM, at,
                                   "role_id takes the CRN: '%s', not '%s'", want, text);
            else
                d = az_diag_report(
                    ctx, AZ_D_LINT_ROLE_FORM, at, "%s takes display names: use '%s', not '%s'",
                    p->form == AZ_LFORM_CLI ? "the ibmcloud role list" : "roles", want, text);
            az_lint_fix_role(ctx, d, p, v, role);
        }
        if (t && !az_rules_role_applies(role, t)) {
            az_diag_report(ctx, AZ_D_ROLE_WRONG_SERVICE, at,
                           "'%s' is a role of the '%s' service and cannot be granted on %s "
                           "(service '%s')",
                           role->display, role->service, t->name, t->service);
            ok = false;
            continue;
        }
        if (set & (1u << role->kind)) {
            az_diag_report(ctx, AZ_D_DUPLICATE, at, "role '%s' is listed twice", role->display);
            continue;
        }
        set |= 1u << role->kind;
    }
    *out = set;
    return ok;
}

/* AZ301, AZ302 once every role is understood and the target is known. */
static void check_role_needs(struct az_ctx *ctx, const struct az_lpolicy *p,
                             const struct az_target *t, az_roleset set)
{
    if (!p->roles || p->damaged)
        return; /* no role written: the front end reports the missing or empty list; or
                   read around a syntax error: the list may hold more than was read */
    struct az_loc at = or_loc(p->roles_loc, p->loc);
    if (az_rules_missing(t, set)) {
        az_lint_fix_roles_add(ctx,
                              az_diag_report(ctx, AZ_D_ROLE_MISSING, at, "%s",
                                             az_rules_missing_text(ctx->arena, t, set)),
                              p, az_rules_missing(t, set));
        return; /* as the compiler does: the missing role first */
    }
    az_roleset seen = 0;
    for (const struct az_lrole *lr = p->roles; lr; lr = lr->next) {
        if (lr->role.kind != AZ_LV_STRING)
            continue;
        const struct az_role *role = az_rules_role(lr->role.text);
        if (!role || (seen & (1u << role->kind)))
            continue;
        seen |= 1u << role->kind;
        const char *extra = az_rules_extra_text(ctx->arena, t, set, role);
        if (extra)
            az_diag_report(ctx, AZ_D_ROLE_EXTRA, or_loc(lr->role.loc, at), "%s", extra);
    }
}

/* ---- one policy ------------------------------------------------------------------------- */

/* Analyses p, reporting what is wrong; fills *info and returns true when p is a Backup for
 * VPC authorization whose target is known. */
static bool analyse(struct az_ctx *ctx, const struct az_lpolicy *p, struct info *info)
{
    memset(info, 0, sizeof *info);
    info->p = p;
    /* A policy of another subject (an access policy or template for users) is passed
     * over: only a Backup for VPC body is told to be an authorization. */
    if (!subject_is_ours(ctx, p))
        return false;
    if (is_json(p->form) && p->type.kind == AZ_LV_STRING &&
        strcmp(p->type.text, AZ_POLICY_TYPE) != 0)
        fix_text(ctx,
                 az_diag_report(ctx, AZ_D_LINT_POLICY_TYPE, or_loc(p->type.loc, p->loc),
                                "type '%s' is not a service-to-service policy; write "
                                "\"type\": \"authorization\"",
                                shown(ctx, p->type.text)),
                 p, &p->type, AZ_POLICY_TYPE);
    if (!p->resource)
        return false; /* no resource written: the front end reported the missing key */
    check_subject_service(ctx, p);
    info->subj = check_account(ctx, p, p->subject, true, &info->after_apply);
    enum service svc = check_resource_service(ctx, p);
    info->res = check_account(ctx, p, p->resource, false, &info->after_apply);
    check_operators(ctx, p, p->subject, true);
    check_operators(ctx, p, p->resource, false);
    if (is_template(p->form)) {
        info->tmpl = true;
        info->tname = p->tmpl_name.kind == AZ_LV_STRING || p->tmpl_name.kind == AZ_LV_REF
                          ? p->tmpl_name.text
                          : "";
        if (p->tmpl_account.kind == AZ_LV_STRING && !is_account_id(p->tmpl_account.text))
            az_diag_report(ctx, AZ_D_LINT_ACCOUNT_ID, or_loc(p->tmpl_account.loc, p->loc),
                           "'%s' is not an account ID: %s", shown(ctx, p->tmpl_account.text),
                           account_id_problem(p->tmpl_account.text));
    }
    const struct az_lattr *id_attr;
    const char *instance;
    const struct az_target *t = find_target(ctx, p, svc, &id_attr, &instance);
    if (!t)
        return false;
    info->target = t;
    info->instance = instance;
    if (id_attr && !(t->flags & AZ_PER_INSTANCE))
        check_scope(ctx, p, id_attr, t);
    info->roles_known = check_roles(ctx, p, t, &info->roles);
    if (info->roles_known)
        check_role_needs(ctx, p, t, info->roles);
    return true;
}

void az_lint_check_policy(struct az_ctx *ctx, const struct az_lpolicy *p)
{
    struct info info;
    analyse(ctx, p, &info);
}

/* ---- across the run --------------------------------------------------------------------- */

static const char *policy_key(struct az_arena *a, const struct info *in)
{
    if (in->tmpl)
        return az_arena_concat(a, "template\x1f", in->tname, "\x1f", in->target->name,
                               "\x1f", in->instance, (char *)NULL);
    return az_arena_concat(a, in->subj, "\x1f", in->res, "\x1f", in->target->name, "\x1f",
                           in->instance, (char *)NULL);
}

/* "KIND 'ID'"; for an ID written empty (an AZ607 error) or none lint could read, words that
 * say so instead of quoting "" or NO_ACCOUNT as if they were names. */
static const char *account_named(struct az_ctx *ctx, const char *article, const char *kind,
                                 const char *id)
{
    if (!id[0])
        return az_arena_printf(ctx->arena, "%s%s with an empty accountId", article, kind);
    if (strcmp(id, NO_ACCOUNT) == 0)
        return az_arena_printf(ctx->arena, "%s%s without a usable accountId", article, kind);
    return az_arena_printf(ctx->arena, "%s '%s'", kind, shown(ctx, id));
}

/* "the current account", "account 'X'", "child account 'C' of enterprise 'E'". */
static const char *who(struct az_ctx *ctx, const char *subj, const char *res)
{
    if (strcmp(subj, res) == 0) {
        if (strcmp(res, CURRENT) == 0)
            return "the current account";
        if (strcmp(res, NO_ACCOUNT) == 0)
            return "policies without accountId";
        return account_named(ctx, "an ", "account", res);
    }
    return az_arena_printf(ctx->arena, "%s of %s", account_named(ctx, "a ", "child account", res),
                           account_named(ctx, "an ", "enterprise", subj));
}

/* ---- deployment units -------------------------------------------------------------------- */

/* One policy in one deployment unit (lint_units.h): a policy of a module called by several
 * root modules is in each of their units. */
struct entry {
    struct info *in;
    const char *unit; /* a folder; GLOBAL_UNIT (or the enterprise of a template) when
                         literal accounts place it */
    bool assigned;    /* a file of its folder's unit assigns templates */
    bool unsure;      /* its unit holds a policy lint could not evaluate (no AZ404) */
};

/* Policies that name literal account IDs on both sides (templates: a literal enterprise
 * account_id) are one account wherever they are. */
#define GLOBAL_UNIT ""

static const char *global_key(const struct info *in)
{
    if (in->tmpl)
        return in->p->tmpl_account.kind == AZ_LV_STRING && is_account_id(in->p->tmpl_account.text)
                   ? in->p->tmpl_account.text
                   : NULL;
    return is_account_id(in->subj) && is_account_id(in->res) ? GLOBAL_UNIT : NULL;
}

/* " in 'envs/dev'" when the run has several units and e is scoped to one, else "". */
static const char *unit_suffix(struct az_ctx *ctx, const struct entry *e, bool many)
{
    if (!many || !e->unit[0] || global_key(e->in))
        return "";
    return az_arena_printf(ctx->arena, " in '%s'", shown(ctx, e->unit));
}

/* The duplicate check's key of e: its unit and policy_key. */
static const char *entry_key(struct az_arena *a, const struct entry *e)
{
    return az_arena_concat(a, e->unit, "\x1e", policy_key(a, e->in), (char *)NULL);
}

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The FNV-1a hash of entry_key(e), without making the string. */
static uint64_t entry_hash(const struct entry *e)
{
    const struct info *in = e->in;
    uint64_t h = fnv(fnv(1469598103934665603u, e->unit), "\x1e");
    if (in->tmpl)
        h = fnv(fnv(h, "template\x1f"), in->tname);
    else
        h = fnv(fnv(fnv(h, in->subj), "\x1f"), in->res);
    return fnv(fnv(fnv(fnv(h, "\x1f"), in->target->name), "\x1f"), in->instance);
}

/* Whether a and b have the same key (made only for entries whose hashes are equal). */
static bool same_key(struct az_arena *tmp, const struct entry *a, const struct entry *b)
{
    struct az_arena_mark m = az_arena_mark(tmp);
    bool same = strcmp(entry_key(tmp, a), entry_key(tmp, b)) == 0;
    az_arena_release(tmp, m);
    return same;
}

static void check_duplicates(struct az_ctx *ctx, struct entry *v, size_t n, bool many)
{
    /* The entries seen, by the hash of their key: no key string is kept per policy (a run
     * over 60,000 policies would hold 6 MB of them). */
    struct seen {
        uint64_t hash;
        size_t index; /* into v, plus 1; 0: empty */
    };
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    struct seen *tab = calloc(cap, sizeof *tab);
    if (!tab)
        az_oom();
    struct az_arena *tmp = az_arena_new();
    for (size_t i = 0; i < n; i++) {
        struct info *in = v[i].in;
        if (in->after_apply)
            continue; /* its account may be any: not a copy of another policy's, as far as
                         lint knows */
        uint64_t h = entry_hash(&v[i]);
        size_t j = (size_t)h & (cap - 1);
        const struct entry *found = NULL;
        for (; tab[j].index; j = (j + 1) & (cap - 1))
            if (tab[j].hash == h && same_key(tmp, &v[tab[j].index - 1], &v[i])) {
                found = &v[tab[j].index - 1];
                break;
            }
        if (!found) {
            tab[j] = (struct seen){h, i + 1};
            continue;
        }
        const struct info *first = found->in;
        if (first == in || in->reported)
            continue;
        in->reported = true;
        const char *what = in->instance[0]
                               ? az_arena_printf(ctx->arena, "%s instance '%s'", in->target->name,
                                                 shown(ctx, in->instance))
                               : in->target->name;
        struct az_diag *d;
        if (in->tmpl)
            d = az_diag_report(ctx, AZ_D_DUPLICATE, in->p->loc,
                               "template '%s' authorizing %s is declared twice%s; remove one copy",
                               shown(ctx, in->tname), what, unit_suffix(ctx, &v[i], many));
        else
            d = az_diag_report(ctx, AZ_D_DUPLICATE, in->p->loc,
                               "%s is already authorized for %s%s; remove one copy", what,
                               who(ctx, in->subj, in->res), unit_suffix(ctx, &v[i], many));
        az_diag_note(ctx, d, first->p->loc, "first declared here");
    }
    free(tab);
    az_arena_free(tmp);
}

struct group {
    const char *subj, *res;
    const struct entry *first, *first_volume, *first_set;
    bool tmpl;     /* the templates of one unit: a template set */
    bool assigned; /* the set is assigned to accounts: it is their authorizations */
    bool unsure;   /* a policy of its unit is not known: what it lacks is not known either */
    bool has[AZ_TARGET_COUNT];
    struct group *next;
};

/* "snapshot (Editor on snapshotId) and ..." for the volume targets g lacks; "" if none. */
static const char *volumes_missing(struct az_ctx *ctx, const struct group *g)
{
    const char *missing = "";
    size_t nmissing = 0, k = 0;
    for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
        if ((az_targets[i].flags & AZ_IN_VOLUMES) && !g->has[i])
            nmissing++;
    for (size_t i = 0; i < AZ_TARGET_COUNT; i++) {
        const struct az_target *t = &az_targets[i];
        if (!(t->flags & AZ_IN_VOLUMES) || g->has[i])
            continue;
        k++;
        missing = az_arena_printf(ctx->arena, "%s%s%s (%s on %s)", missing,
                                  k == 1          ? ""
                                  : k == nmissing ? " and "
                                                  : ", ",
                                  t->name, az_rules_roles_text(ctx->arena, t->roles), t->attr);
    }
    return missing;
}

static const char *set_name(struct az_ctx *ctx, const struct group *g, bool many)
{
    const char *account = global_key(g->first->in);
    if (account)
        return az_arena_printf(ctx->arena, "the template set of enterprise '%s'",
                               shown(ctx, account));
    return az_arena_concat(ctx->arena, "the template set", unit_suffix(ctx, g->first, many),
                           (char *)NULL);
}

static void check_group(struct az_ctx *ctx, const struct group *g, bool many)
{
    if (g->tmpl && !g->assigned)
        return; /* templates nobody assigns here are no account's set (yet) */
    if (g->unsure)
        return; /* an unevaluated policy (AZ820) may be what it lacks: say less */
    if (g->first_volume) {
        const char *missing = volumes_missing(ctx, g);
        if (!missing[0])
            ;
        else if (g->tmpl)
            az_diag_report(ctx, AZ_D_INCOMPLETE_SET, g->first_volume->in->p->loc,
                           "block storage backups need instance, volume, snapshot and "
                           "snapshot-consistency-group; %s lacks %s",
                           set_name(ctx, g, many), missing);
        else
            az_diag_report(ctx, AZ_D_INCOMPLETE_SET, g->first_volume->in->p->loc,
                           "block storage backups need instance, volume, snapshot and "
                           "snapshot-consistency-group; the authorizations for %s%s lack %s",
                           who(ctx, g->subj, g->res), unit_suffix(ctx, g->first, many), missing);
    }
    if (g->tmpl) {
        if (g->first_set && !g->has[AZ_TARGET_BACKUP_POLICY])
            az_diag_report(ctx, AZ_D_INCOMPLETE_SET, g->first_set->in->p->loc,
                           "%s has no backup-policy template, which an enterprise template "
                           "set needs beside its volume and share templates (IBM's template "
                           "table lists it); add one for backupPolicyId with Editor",
                           set_name(ctx, g, many));
        return;
    }
    if (strcmp(g->subj, g->res) != 0 && is_account_id(g->subj) && is_account_id(g->res) &&
        !g->has[AZ_TARGET_BACKUP_POLICY])
        az_diag_report(ctx, AZ_D_INCOMPLETE_SET, g->first->in->p->loc,
                       "child account '%s' has no backup-policy authorization from "
                       "enterprise '%s', which enterprise-managed backups need; add one "
                       "for backupPolicyId with Editor",
                       g->res, g->subj);
}

/* Companions, per account (subject and resource) in a unit, and per template set. */
static void check_companions(struct az_ctx *ctx, struct entry *v, size_t n, bool many)
{
    struct az_strmap map = {0};
    struct az_arena *keys = az_arena_new(); /* the map's keys and groups, freed with it */
    struct group *groups = NULL, **tail = &groups;
    for (size_t i = 0; i < n; i++) {
        const struct info *in = v[i].in;
        struct az_arena_mark m = az_arena_mark(keys);
        const char *key =
            in->tmpl ? az_arena_concat(keys, v[i].unit, "\x1etemplates", (char *)NULL)
                     : az_arena_concat(keys, v[i].unit, "\x1e", in->subj, "\x1f", in->res,
                                       (char *)NULL);
        struct group **slot = (struct group **)az_strmap_slot(&map, key);
        struct group *g = *slot;
        if (g)
            az_arena_release(keys, m); /* a key already in the map: this copy is not kept */
        if (!g) {
            g = az_arena_alloc(keys, sizeof *g); /* after its key: both are kept */
            g->subj = in->subj;
            g->res = in->res;
            g->tmpl = in->tmpl;
            g->first = &v[i];
            *tail = g;
            tail = &g->next;
            *slot = g;
        }
        g->has[in->target->kind] = true;
        g->assigned = g->assigned || v[i].assigned;
        g->unsure = g->unsure || v[i].unsure;
        if ((in->target->flags & AZ_IN_VOLUMES) && !g->first_volume)
            g->first_volume = &v[i];
        if ((in->target->flags & (AZ_IN_VOLUMES | AZ_IN_SHARES)) && !g->first_set)
            g->first_set = &v[i];
    }
    for (struct group *g = groups; g; g = g->next)
        check_group(ctx, g, many);
    az_strmap_free(&map);
    az_arena_free(keys);
}

/* ---- drift against the intent ------------------------------------------------------------ */

/* The pairing itself is compare.c's (shared with `plan --live`); here it becomes findings. */

static const char *plan_what(struct az_ctx *ctx, const struct az_policy *pp)
{
    const char *target = pp->instance ? az_arena_printf(ctx->arena, "%s instance '%s'",
                                                        pp->target->name, pp->instance)
                                      : pp->target->name;
    const char *where;
    if (pp->scope == AZ_SCOPE_TEMPLATE)
        where = az_arena_printf(ctx->arena, "template '%s'",
                                pp->template_name ? pp->template_name : "");
    else
        where = who(ctx, pp->subject_account ? pp->subject_account : CURRENT,
                    pp->resource_account ? pp->resource_account : CURRENT);
    return az_arena_printf(ctx->arena, "%s on %s for %s", roles_text(ctx, pp->roles), target,
                           where);
}

static void compare_roles(struct az_ctx *ctx, const struct info *in, const struct az_policy *pp)
{
    if (!in->roles_known || in->roles == pp->roles)
        return;
    struct az_diag *d =
        az_diag_report(ctx, AZ_D_LINT_DRIFT_ROLES, or_loc(in->p->roles_loc, in->p->loc),
                       "the roles differ from the intent's: this file grants %s on %s, the "
                       "intent %s",
                       roles_text(ctx, in->roles), in->target->name, roles_text(ctx, pp->roles));
    az_diag_note(ctx, d, pp->loc, "the intent asks for it here");
}

/* Whether one of the k policies whose account is known only after apply may be pp (it
 * has pp's target). */
static bool may_declare(const struct info *const *after, size_t k, const struct az_policy *pp)
{
    for (size_t i = 0; i < k; i++)
        if (after[i]->target == pp->target &&
            strcmp(after[i]->instance, pp->instance ? pp->instance : "") == 0)
            return true;
    return false;
}

static void check_drift(struct az_ctx *ctx, struct info *v, size_t n, const struct az_plan *plan)
{
    struct az_cmp_item *items = calloc(n ? n : 1, sizeof *items);
    const struct info **after = calloc(n ? n : 1, sizeof *after);
    if (!items || !after)
        az_oom();
    size_t nafter = 0;
    for (size_t i = 0; i < n; i++) {
        items[i] = (struct az_cmp_item){.subj = v[i].subj,
                                        .res = v[i].res,
                                        .tmpl = v[i].tmpl,
                                        .tname = v[i].tname,
                                        .target = v[i].after_apply ? NULL : v[i].target,
                                        .instance = v[i].instance};
        if (v[i].after_apply)
            after[nafter++] = &v[i];
    }
    struct az_cmp cmp;
    az_compare(ctx, plan, items, n, &cmp);
    free(items);
    for (size_t i = 0; i < n; i++) {
        if (cmp.item_plan[i] != AZ_CMP_NONE) {
            compare_roles(ctx, &v[i], &plan->policies[cmp.item_plan[i]]);
            continue;
        }
        if (v[i].after_apply)
            continue; /* it may be one the intent asks for, or not: lint cannot tell */
        const char *what = v[i].instance[0]
                               ? az_arena_printf(ctx->arena, "%s instance '%s'", v[i].target->name,
                                                 shown(ctx, v[i].instance))
                               : v[i].target->name;
        const char *where =
            v[i].tmpl ? az_arena_printf(ctx->arena, "template '%s'", shown(ctx, v[i].tname))
                      : who(ctx, v[i].subj, v[i].res);
        az_diag_report(ctx, AZ_D_LINT_DRIFT_EXTRA, v[i].p->loc,
                       "the intent asks for no %s authorization for %s; remove it from the "
                       "file or add it to the intent",
                       what, where);
    }
    for (size_t i = 0; i < plan->n; i++) {
        /* Two plan policies with one key (not produced by the checker) count as one. */
        if (cmp.plan_item[i] != AZ_CMP_NONE)
            continue;
        const struct az_policy *pp = &plan->policies[i];
        if (may_declare(after, nafter, pp))
            continue;
        az_diag_report(ctx, AZ_D_LINT_DRIFT_MISSING, pp->loc,
                       "the intent asks for %s, and no linted file declares it ('authzc "
                       "compile' emits it)",
                       plan_what(ctx, pp));
    }
    az_compare_free(&cmp);
    free(after);
}

void az_lint_check_run(struct az_ctx *ctx, const struct az_lfile *files,
                       const struct az_plan *intent)
{
    size_t cap = 0, n = 0;
    for (const struct az_lfile *f = files; f; f = f->next)
        for (const struct az_lpolicy *p = f->policies; p; p = p->next)
            cap++;
    struct info *v = calloc(cap ? cap : 1, sizeof *v);
    if (!v) {
        az_oom();
    }
    for (const struct az_lfile *f = files; f; f = f->next) {
        if (f->syntax_error) {
            /* Recovered: each policy read is checked on its own, none across files. */
            for (const struct az_lpolicy *p = f->policies; f->recovered && p; p = p->next)
                az_lint_check_policy(ctx, p);
            continue;
        }
        for (const struct az_lpolicy *p = f->policies; p; p = p->next) {
            size_t before = ctx->diags.n;
            if (analyse(ctx, p, &v[n])) {
                v[n].file = f;
                n++;
            }
            if (p->name_findings) /* several policies share the place: say which one */
                for (size_t i = before; i < ctx->diags.n; i++)
                    az_diag_note(ctx, ctx->diags.v[i], p->loc, "in %s", p->label);
        }
    }
    struct az_lunits *units = az_lint_units_build(ctx, files);
    struct az_strmap assigning = {0}; /* the units whose files assign templates */
    struct az_strmap unsure = {0};    /* the units holding a policy lint did not evaluate */
    bool any_unsure = false;
    for (const struct az_lfile *f = files; f; f = f->next) {
        size_t k;
        const char *const *u = az_lint_units_of(units, f, &k);
        for (size_t j = 0; f->assigns && j < k; j++)
            *az_strmap_slot(&assigning, u[j]) = (void *)f;
        for (size_t j = 0; f->unevaluated && j < k; j++)
            *az_strmap_slot(&unsure, u[j]) = (void *)f;
        any_unsure = any_unsure || f->unevaluated;
    }
    size_t ne = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 1;
        if (!global_key(&v[i]))
            az_lint_units_of(units, v[i].file, &k);
        ne += k;
    }
    struct entry *e = malloc((ne ? ne : 1) * sizeof *e); /* freed at the end, like v */
    if (!e)
        az_oom();
    ne = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k;
        const char *const *u = az_lint_units_of(units, v[i].file, &k);
        bool assigned = false;
        for (size_t j = 0; j < k; j++)
            assigned = assigned || az_strmap_get(&assigning, u[j]);
        const char *global = global_key(&v[i]);
        if (global) {
            /* Literal accounts: an unevaluated policy anywhere may name them too. */
            e[ne++] = (struct entry){&v[i], global, assigned, any_unsure};
            continue;
        }
        for (size_t j = 0; j < k; j++)
            e[ne++] = (struct entry){&v[i], u[j], assigned, az_strmap_get(&unsure, u[j]) != NULL};
    }
    az_strmap_free(&assigning);
    az_strmap_free(&unsure);
    bool many = az_lint_units_count(units) > 1;
    check_duplicates(ctx, e, ne, many);
    check_companions(ctx, e, ne, many);
    free(e);
    az_lint_units_free(units);
    if (intent)
        check_drift(ctx, v, n, intent);
    free(v);
}
