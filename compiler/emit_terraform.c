/* emit_terraform.c - the Terraform emitter: one plan in, one .tf file for the IBM provider out,
 * byte for byte in the layout `terraform fmt` (hclwrite.Format) produces.
 *
 * Every policy becomes an `ibm_iam_authorization_policy` in the attribute-block form (DOMAIN.md
 * section 5); every template policy an `ibm_iam_policy_template` plus one
 * `ibm_iam_policy_assignment` per assignment. Roles, services and attributes come from the
 * plan's target and roles (the rule table); nothing here spells one.
 *
 * Layout rules of hclwrite that this file follows: two spaces per nesting level; the `=` signs
 * of consecutive one-line attributes in a block are aligned (a blank line, a nested block or a
 * multi-line value ends the run); blocks are separated by one blank line; one final newline.
 *
 * The plan is validated before the first byte is written (resource names and provider aliases
 * must be identifiers, every string valid UTF-8), so a bad plan never leaves half a file. */
#include "authzc/emit.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/plan.h"
#include "authzc/rules.h"

/* The data source that names the account Terraform runs in (`account current`). */
#define TF_CURRENT_DATA "data.ibm_iam_account_settings.current.account_id"
/* Attribute operators (IBM-FORMATS.md section 2.4) and the wildcard value for stringExists. */
#define TF_OP_EQUALS AZ_OP_EQUALS
#define TF_OP_EXISTS AZ_OP_EXISTS
#define TF_WILDCARD "true"
#define TF_ATTR_ACCOUNT AZ_ATTR_ACCOUNT_ID
#define TF_ATTR_SERVICE AZ_ATTR_SERVICE_NAME
#define TF_ATTR_RESOURCE_TYPE AZ_ATTR_RESOURCE_TYPE
#define TF_ASSIGNMENT_VERSION "1.0"

struct tf {
    struct az_ctx *ctx;
    FILE *out;
    const struct az_plan *plan;
    /* Distinct creation accounts in plan order; NULL (current) counts as one. */
    const char **accounts;
    size_t naccounts;
    bool aliased; /* more than one account: non-current resources name their provider */
};

/* ---- validation ------------------------------------------------------------------------- */

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static bool is_utf8(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        unsigned c = *s;
        size_t n;
        unsigned cp;
        if (c < 0x80) {
            s++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (size_t i = 1; i <= n; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i] & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        s += n + 1;
    }
    return true;
}

/* A resource name as the plan promises it: [a-z0-9_-], starting with a letter. */
static bool is_resource_name(const char *s)
{
    if (!s || !(*s >= 'a' && *s <= 'z'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return false;
    return true;
}

/* An account ID that can follow "account_" in a provider alias (and sit in a comment). */
static bool is_alias_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-'))
            return false;
    return true;
}

/* The checker promises a plan this file can write as it is; anything else is a bug there. */
static int bad_plan(struct tf *t, const struct az_policy *p, const char *what, const char *problem)
{
    az_diag_fatal(t->ctx,
                  "internal error: cannot write Terraform for the plan's policy #%zu: %s %s "
                  "(please report this)",
                  (size_t)(p - t->plan->policies) + 1, what, problem);
    return -1;
}

static int check_text(struct tf *t, const struct az_policy *p, const char *what, const char *s,
                      bool required)
{
    if (!s)
        return required ? bad_plan(t, p, what, "is missing") : 0;
    if (!is_utf8(s))
        return bad_plan(t, p, what, "is not valid UTF-8");
    return 0;
}

static int validate(struct tf *t)
{
    static const char name_rule[] = "is not [a-z0-9_-] starting with a letter";
    const struct az_plan *plan = t->plan;
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        if (!is_resource_name(p->name))
            return bad_plan(t, p, "its name", name_rule);
        if (!p->target)
            return bad_plan(t, p, "its target", "is missing");
        if (!p->roles || (p->roles >> AZ_ROLE_COUNT))
            return bad_plan(t, p, "its role set", "is not a set of known roles");
        if (check_text(t, p, "its description", p->description, true) != 0 ||
            check_text(t, p, "its subject account", p->subject_account, false) != 0 ||
            check_text(t, p, "its resource account", p->resource_account, false) != 0 ||
            check_text(t, p, "its service instance", p->instance, false) != 0 ||
            check_text(t, p, "its template description", p->template_description, false) != 0)
            return -1;
        if ((p->target->flags & AZ_PER_INSTANCE) && !p->instance)
            return bad_plan(t, p, "its service instance", "is missing");
        if (p->account && !is_alias_id(p->account))
            return bad_plan(t, p, "its account", "cannot name a provider alias");
        if (p->scope == AZ_SCOPE_TEMPLATE) {
            if (!p->account)
                return bad_plan(t, p, "its enterprise account", "is missing");
            if (check_text(t, p, "its template name", p->template_name, true) != 0)
                return -1;
            for (size_t k = 0; k < p->nassigns; k++) {
                const struct az_assignment *as = &p->assigns[k];
                if (!is_resource_name(as->name))
                    return bad_plan(t, p, "an assignment name", name_rule);
                if (check_text(t, p, "an assignment type", as->type_name, true) != 0 ||
                    check_text(t, p, "an assignment target", as->id, true) != 0)
                    return -1;
            }
        }
    }
    return 0;
}

/* The distinct creation accounts come with the plan (the checker hashes them). */
static void count_accounts(struct tf *t)
{
    t->accounts = t->plan->accounts;
    t->naccounts = t->plan->naccounts;
    t->aliased = t->naccounts > 1;
}

/* ---- writing ---------------------------------------------------------------------------- */

/* Writes s as an HCL quoted template: "..." with every character that could end the string,
 * start an interpolation or directive, or break the line escaped. Non-ASCII UTF-8 (already
 * validated) passes through unchanged. */
static void put_string(FILE *out, const char *s)
{
    /* special[c]: c needs an escape, or ('$', '%') a look at what follows. */
    static const unsigned char special[256] = {
        [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
        [0x08] = 1, ['\t'] = 1, ['\n'] = 1, [0x0b] = 1, [0x0c] = 1, ['\r'] = 1, [0x0e] = 1,
        [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1,
        [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1,
        [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, [0x7f] = 1, ['"'] = 1, ['\\'] = 1, ['$'] = 1,
        ['%'] = 1,
    };
    fputc('"', out);
    for (;;) {
        const char *run = s; /* copy what needs nothing at once */
        while (*s && !special[(unsigned char)*s])
            s++;
        if (s > run)
            fwrite(run, 1, (size_t)(s - run), out);
        if (!*s)
            break;
        unsigned char c = (unsigned char)*s++;
        switch (c) {
        case '\\':
            fputs("\\\\", out);
            break;
        case '"':
            fputs("\\\"", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        case '$':
        case '%':
            /* "${" and "%{" open an interpolation or a directive; "$${" and "%%{" are the
             * literal forms. A lone '$' or '%' is literal as it is. */
            fputc(c, out);
            if (*s == '{')
                fputc(c, out);
            break;
        default: /* the other control characters */
            fprintf(out, "\\u%04X", c);
            break;
        }
    }
    fputc('"', out);
}

static void put_indent(FILE *out, int level)
{
    for (int i = 0; i < level; i++)
        fputs("  ", out);
}

enum tf_value { TF_STR, TF_EXPR, TF_ROLES };

/* One `key = value` line of a run of aligned attributes. */
struct tf_attr {
    const char *key;
    enum tf_value kind;
    const char *val;  /* TF_STR: written quoted; TF_EXPR: written as it is */
    az_roleset roles; /* TF_ROLES */
};

static void put_roles(FILE *out, az_roleset roles)
{
    bool first = true;
    fputc('[', out);
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++) {
        if (!(roles & (1u << i)))
            continue;
        if (!first)
            fputs(", ", out);
        put_string(out, az_roles[i].display);
        first = false;
    }
    fputc(']', out);
}

/* A run of one-line attributes with their `=` aligned, as hclwrite does. */
static void put_attrs(FILE *out, int level, const struct tf_attr *a, size_t n)
{
    size_t width = 0;
    for (size_t i = 0; i < n; i++)
        if (strlen(a[i].key) > width)
            width = strlen(a[i].key);
    for (size_t i = 0; i < n; i++) {
        static const char spaces[] = "                                ";
        size_t len = strlen(a[i].key), pad = width - len;
        put_indent(out, level);
        fwrite(a[i].key, 1, len, out);
        while (pad > 0) {
            size_t k = pad < sizeof spaces - 1 ? pad : sizeof spaces - 1;
            fwrite(spaces, 1, k, out);
            pad -= k;
        }
        fputs(" = ", out);
        switch (a[i].kind) {
        case TF_STR:
            put_string(out, a[i].val);
            break;
        case TF_EXPR:
            fputs(a[i].val, out);
            break;
        case TF_ROLES:
        default:
            put_roles(out, a[i].roles);
            break;
        }
        fputc('\n', out);
    }
}

static void open_block(FILE *out, int level, const char *type)
{
    put_indent(out, level);
    fprintf(out, "%s {\n", type);
}

static void close_block(FILE *out, int level)
{
    put_indent(out, level);
    fputs("}\n", out);
}

/* `resource "TYPE" "NAME" {` and, with several accounts, the provider of its account. */
static void open_resource(struct tf *t, const char *type, const char *name, const char *account)
{
    fprintf(t->out, "\nresource \"%s\" \"%s\" {\n", type, name);
    if (t->aliased && account)
        fprintf(t->out, "  provider = ibm.account_%s\n\n", account);
}

static struct tf_attr str_attr(const char *key, const char *val)
{
    return (struct tf_attr){.key = key, .kind = TF_STR, .val = val};
}

/* An accountId value: the ID, or the data source for the current account. */
static struct tf_attr account_attr(const char *key, const char *account)
{
    if (!account)
        return (struct tf_attr){.key = key, .kind = TF_EXPR, .val = TF_CURRENT_DATA};
    return str_attr(key, account);
}

/* subject_attributes { name value } in an authorization policy. */
static void subject_attr(FILE *out, const char *name, struct tf_attr value)
{
    const struct tf_attr a[] = {str_attr("name", name), value};
    fputc('\n', out);
    open_block(out, 1, "subject_attributes");
    put_attrs(out, 2, a, 2);
    close_block(out, 1);
}

/* resource_attributes { name operator value } in an authorization policy. */
static void resource_attr(FILE *out, const char *name, const char *op, struct tf_attr value)
{
    const struct tf_attr a[] = {str_attr("name", name), str_attr("operator", op), value};
    fputc('\n', out);
    open_block(out, 1, "resource_attributes");
    put_attrs(out, 2, a, 3);
    close_block(out, 1);
}

/* The attribute that scopes a policy to its target: every resource (the ID attribute exists),
 * or one service instance. */
static void scope_attr(const struct az_policy *p, const char **op, const char **value)
{
    if (p->target->flags & AZ_PER_INSTANCE) {
        *op = TF_OP_EQUALS;
        *value = p->instance;
    } else {
        *op = TF_OP_EXISTS;
        *value = TF_WILDCARD;
    }
}

static void emit_policy(struct tf *t, const struct az_policy *p)
{
    FILE *out = t->out;
    open_resource(t, "ibm_iam_authorization_policy", p->name, p->account);
    const struct tf_attr top[] = {
        {.key = "description", .kind = TF_STR, .val = p->description},
        {.key = "roles", .kind = TF_ROLES, .roles = p->roles},
    };
    put_attrs(out, 1, top, 2);

    subject_attr(out, TF_ATTR_ACCOUNT, account_attr("value", p->subject_account));
    subject_attr(out, TF_ATTR_SERVICE, str_attr("value", AZ_SUBJECT_SERVICE));
    subject_attr(out, TF_ATTR_RESOURCE_TYPE, str_attr("value", AZ_SUBJECT_RESOURCE_TYPE));

    const char *op, *value;
    scope_attr(p, &op, &value);
    resource_attr(out, TF_ATTR_ACCOUNT, TF_OP_EQUALS, account_attr("value", p->resource_account));
    resource_attr(out, TF_ATTR_SERVICE, TF_OP_EQUALS, str_attr("value", p->target->service));
    resource_attr(out, p->target->attr, op, str_attr("value", value));
    fputs("}\n", out);
}

/* attributes { key operator value } in a template's subject or resource. */
static void template_attr(FILE *out, bool first, const char *key, const char *op, const char *value)
{
    const struct tf_attr a[] = {str_attr("key", key), str_attr("operator", op),
                                str_attr("value", value)};
    if (!first)
        fputc('\n', out);
    open_block(out, 3, "attributes");
    put_attrs(out, 4, a, 3);
    close_block(out, 3);
}

/* One assignment of a template: to an account or an account group, in the enterprise. */
static void emit_assignment(struct tf *t, const struct az_policy *p, const struct az_assignment *as)
{
    FILE *out = t->out;
    open_resource(t, "ibm_iam_policy_assignment", as->name, p->account);
    const struct tf_attr version[] = {str_attr("version", TF_ASSIGNMENT_VERSION)};
    put_attrs(out, 1, version, 1);
    /* A multi-line value ends the run of aligned attributes: `target = {` is not aligned,
     * the lines inside the object are. */
    fputs("  target = {\n", out);
    const struct tf_attr target[] = {str_attr("type", as->type_name), str_attr("id", as->id)};
    put_attrs(out, 2, target, 2);
    fputs("  }\n", out);

    fputc('\n', out);
    open_block(out, 1, "templates");
    const struct tf_attr ref[] = {
        {.key = "id",
         .kind = TF_EXPR,
         .val = az_arena_printf(t->ctx->arena, "ibm_iam_policy_template.%s.template_id", p->name)},
        {.key = "version",
         .kind = TF_EXPR,
         .val = az_arena_printf(t->ctx->arena, "ibm_iam_policy_template.%s.version", p->name)},
    };
    put_attrs(out, 2, ref, 2);
    close_block(out, 1);
    fputs("}\n", out);
}

static void emit_template(struct tf *t, const struct az_policy *p)
{
    FILE *out = t->out;
    open_resource(t, "ibm_iam_policy_template", p->name, p->account);
    /* Each template covers one target; without a description of its own it carries its
     * policy's, which names the target, so the template list in IAM says what each grants. */
    const struct tf_attr top[] = {
        {.key = "name", .kind = TF_STR, .val = p->template_name},
        {.key = "description",
         .kind = TF_STR,
         .val = p->template_description ? p->template_description : p->description},
        {.key = "committed", .kind = TF_EXPR, .val = "true"},
    };
    put_attrs(out, 1, top, 3);

    fputc('\n', out);
    open_block(out, 1, "policy");
    const struct tf_attr pol[] = {
        {.key = "type", .kind = TF_STR, .val = AZ_POLICY_TYPE},
        {.key = "description", .kind = TF_STR, .val = p->description},
        {.key = "roles", .kind = TF_ROLES, .roles = p->roles},
    };
    put_attrs(out, 2, pol, 3);

    fputc('\n', out);
    open_block(out, 2, "subject");
    template_attr(out, true, TF_ATTR_SERVICE, TF_OP_EQUALS, AZ_SUBJECT_SERVICE);
    template_attr(out, false, TF_ATTR_RESOURCE_TYPE, TF_OP_EQUALS, AZ_SUBJECT_RESOURCE_TYPE);
    close_block(out, 2);

    const char *op, *value;
    scope_attr(p, &op, &value);
    fputc('\n', out);
    open_block(out, 2, "resource");
    template_attr(out, true, TF_ATTR_SERVICE, TF_OP_EQUALS, p->target->service);
    template_attr(out, false, p->target->attr, op, value);
    close_block(out, 2);
    close_block(out, 1);
    fputs("}\n", out);

    for (size_t k = 0; k < p->nassigns; k++)
        emit_assignment(t, p, &p->assigns[k]);
}

/* With several accounts, the provider aliases the file needs, as a comment to copy from. */
static void emit_providers(struct tf *t)
{
    FILE *out = t->out;
    const char *example = NULL;
    for (size_t k = 0; k < t->naccounts && !example; k++)
        example = t->accounts[k];
    fprintf(out,
            "\n"
            "# These resources are created in %zu accounts, and Terraform acts in the account of\n"
            "# the provider a resource uses. Declare one aliased \"ibm\" provider per account,\n"
            "# each with an API key of that account, for example:\n"
            "#\n"
            "#   provider \"ibm\" {\n"
            "#     alias            = \"account_%s\"\n"
            "#     ibmcloud_api_key = var.ibmcloud_api_key_%s\n"
            "#   }\n"
            "#\n"
            "# Aliases used below:\n",
            t->naccounts, example, example);
    for (size_t k = 0; k < t->naccounts; k++)
        if (t->accounts[k])
            fprintf(out, "#   ibm.account_%s\n", t->accounts[k]);
    if (t->plan->uses_current)
        fputs("#\n"
              "# Resources without a provider argument use the default provider: the account\n"
              "# `current` stands for.\n",
              out);
}

int az_emit_terraform(struct az_ctx *ctx, const struct az_plan *plan, FILE *out)
{
    struct tf t = {.ctx = ctx, .out = out, .plan = plan};
    if (validate(&t) != 0)
        return -1;
    count_accounts(&t);
    errno = 0;

    fputs("# " AZ_EMIT_GENERATED "\n", out);
    if (t.aliased)
        emit_providers(&t);
    if (plan->uses_current)
        fputs("\ndata \"ibm_iam_account_settings\" \"current\" {\n}\n", out);
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        if (p->scope == AZ_SCOPE_TEMPLATE)
            emit_template(&t, p);
        else
            emit_policy(&t, p);
    }
    if (fflush(out) != 0 || ferror(out)) {
        az_diag_fatal(ctx, "cannot write the Terraform output: %s",
                      errno ? strerror(errno) : "write error");
        return -1;
    }
    return 0;
}
