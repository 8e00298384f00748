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
 * must be identifiers, every string valid UTF-8), so a bad plan never leaves half a file.
 *
 * The fast path (a .tf of 10,000 accounts is ~50 MB): everything goes through one 64 KiB
 * buffer (outbuf.h), and the policies and assignments, which are nearly all of a large file,
 * are written from stencils: write_policy and write_assignment write each shape once with
 * markers where the values go, and every resource of that shape is then the stencil's pieces
 * with its values in between (see "stencils" below). Templates, the header and the provider
 * comment are written directly; there are few of them. */
#include "authzc/emit.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/outbuf.h"
#include "authzc/plan.h"
#include "authzc/rules.h"
#include "authzc/utf8.h"

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

#define TF_STENCILS 32
struct tf_stencil;

struct tf {
    struct az_ctx *ctx;
    const struct az_plan *plan;
    /* Distinct creation accounts in plan order; NULL (current) counts as one. */
    const char **accounts;
    size_t naccounts;
    bool aliased; /* more than one account: non-current resources name their provider */
    struct az_outbuf out;
    /* The stencils of this run (see below); beyond TF_STENCILS the oldest makes room. */
    struct tf_stencil *stencils[TF_STENCILS];
    size_t nstencils, evict;
};

/* ---- validation ------------------------------------------------------------------------- */

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
    if (!az_utf8_valid(s))
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

/* Writes s as the inside of an HCL quoted template, with every character that could end the
 * string, start an interpolation or directive, or break the line escaped. Non-ASCII UTF-8
 * (already validated) passes through unchanged. Runs that need nothing are copied at once.
 * Each character's escape depends on that character and, for '$' and '%', the next one in s
 * only, so a string can be escaped in parts cut anywhere but between "${" or "%{". */
static void put_text(struct az_outbuf *out, const char *s)
{
    /* special[c]: c needs an escape, or ('$', '%') a look at what follows; [0]: the end. */
    static const unsigned char special[256] = {
        [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
        [0x07] = 1, [0x08] = 1, ['\t'] = 1, ['\n'] = 1, [0x0b] = 1, [0x0c] = 1, ['\r'] = 1,
        [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
        [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
        [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, [0x7f] = 1, ['"'] = 1,  ['\\'] = 1,
        ['$'] = 1,  ['%'] = 1,
    };
    for (;;) {
        const char *run = s; /* copy what needs nothing at once */
        while (!special[(unsigned char)*s])
            s++;
        az_outbuf_write(out, run, (size_t)(s - run));
        if (!*s)
            break;
        unsigned char c = (unsigned char)*s++;
        switch (c) {
        case '\\':
            AZ_OUTBUF_LIT(out, "\\\\");
            break;
        case '"':
            AZ_OUTBUF_LIT(out, "\\\"");
            break;
        case '\n':
            AZ_OUTBUF_LIT(out, "\\n");
            break;
        case '\r':
            AZ_OUTBUF_LIT(out, "\\r");
            break;
        case '\t':
            AZ_OUTBUF_LIT(out, "\\t");
            break;
        case '$':
        case '%':
            /* "${" and "%{" open an interpolation or a directive; "$${" and "%%{" are the
             * literal forms. A lone '$' or '%' is literal as it is. */
            az_outbuf_putc(out, (char)c);
            if (*s == '{')
                az_outbuf_putc(out, (char)c);
            break;
        default: /* the other control characters */
            az_outbuf_printf(out, "\\u%04X", c);
            break;
        }
    }
}

/* Writes s as an HCL quoted template: "...". */
static void put_string(struct az_outbuf *out, const char *s)
{
    az_outbuf_putc(out, '"');
    put_text(out, s);
    az_outbuf_putc(out, '"');
}

/* Enough spaces for any indent or `=` alignment this file writes in one piece. */
static const char spaces[] = "                                                                ";

static void put_spaces(struct az_outbuf *out, size_t n)
{
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        az_outbuf_write(out, spaces, k);
        n -= k;
    }
}

static void put_indent(struct az_outbuf *out, int level)
{
    put_spaces(out, 2 * (size_t)level);
}

enum tf_value { TF_STR, TF_EXPR, TF_ROLES, TF_TEMPLATE_REF };

/* One `key = value` line of a run of aligned attributes. */
struct tf_attr {
    const char *key;
    enum tf_value kind;
    const char *val;  /* TF_STR: written quoted; TF_EXPR: written as it is; TF_TEMPLATE_REF:
                         the template resource's name */
    const char *ref;  /* TF_TEMPLATE_REF: its attribute, ibm_iam_policy_template.VAL.REF */
    az_roleset roles; /* TF_ROLES */
};

static void put_roles(struct az_outbuf *out, az_roleset roles)
{
    bool first = true;
    az_outbuf_putc(out, '[');
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++) {
        if (!(roles & (1u << i)))
            continue;
        if (!first)
            AZ_OUTBUF_LIT(out, ", ");
        put_string(out, az_roles[i].display);
        first = false;
    }
    az_outbuf_putc(out, ']');
}

/* A run of one-line attributes with their `=` aligned, as hclwrite does. */
static void put_attrs(struct az_outbuf *out, int level, const struct tf_attr *a, size_t n)
{
    size_t width = 0;
    for (size_t i = 0; i < n; i++)
        if (strlen(a[i].key) > width)
            width = strlen(a[i].key);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(a[i].key);
        put_indent(out, level);
        az_outbuf_write(out, a[i].key, len);
        put_spaces(out, width - len);
        AZ_OUTBUF_LIT(out, " = ");
        switch (a[i].kind) {
        case TF_STR:
            put_string(out, a[i].val);
            break;
        case TF_EXPR:
            az_outbuf_puts(out, a[i].val);
            break;
        case TF_TEMPLATE_REF:
            AZ_OUTBUF_LIT(out, "ibm_iam_policy_template.");
            az_outbuf_puts(out, a[i].val);
            az_outbuf_putc(out, '.');
            az_outbuf_puts(out, a[i].ref);
            break;
        case TF_ROLES:
        default:
            put_roles(out, a[i].roles);
            break;
        }
        az_outbuf_putc(out, '\n');
    }
}

static void open_block(struct az_outbuf *out, int level, const char *type)
{
    put_indent(out, level);
    az_outbuf_puts(out, type);
    AZ_OUTBUF_LIT(out, " {\n");
}

static void close_block(struct az_outbuf *out, int level)
{
    put_indent(out, level);
    AZ_OUTBUF_LIT(out, "}\n");
}

/* `resource "TYPE" "NAME" {` and, with several accounts, the provider of its account. */
static void open_resource(const struct tf *t, struct az_outbuf *out, const char *type,
                          const char *name, const char *account)
{
    AZ_OUTBUF_LIT(out, "\nresource \"");
    az_outbuf_puts(out, type);
    AZ_OUTBUF_LIT(out, "\" \"");
    az_outbuf_puts(out, name);
    AZ_OUTBUF_LIT(out, "\" {\n");
    if (t->aliased && account) {
        AZ_OUTBUF_LIT(out, "  provider = ibm.account_");
        az_outbuf_puts(out, account);
        AZ_OUTBUF_LIT(out, "\n\n");
    }
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
static void subject_attr(struct az_outbuf *out, const char *name, struct tf_attr value)
{
    const struct tf_attr a[] = {str_attr("name", name), value};
    az_outbuf_putc(out, '\n');
    open_block(out, 1, "subject_attributes");
    put_attrs(out, 2, a, 2);
    close_block(out, 1);
}

/* resource_attributes { name operator value } in an authorization policy. */
static void resource_attr(struct az_outbuf *out, const char *name, const char *op,
                          struct tf_attr value)
{
    const struct tf_attr a[] = {str_attr("name", name), str_attr("operator", op), value};
    az_outbuf_putc(out, '\n');
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

static void write_policy(const struct tf *t, struct az_outbuf *out, const struct az_policy *p)
{
    open_resource(t, out, AZ_TF_POLICY, p->name, p->account);
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
    AZ_OUTBUF_LIT(out, "}\n");
}

/* attributes { key operator value } in a template's subject or resource. */
static void template_attr(struct az_outbuf *out, bool first, const char *key, const char *op,
                          const char *value)
{
    const struct tf_attr a[] = {str_attr("key", key), str_attr("operator", op),
                                str_attr("value", value)};
    if (!first)
        az_outbuf_putc(out, '\n');
    open_block(out, 3, "attributes");
    put_attrs(out, 4, a, 3);
    close_block(out, 3);
}

/* One assignment of a template: to an account or an account group, in the enterprise. */
static void write_assignment(const struct tf *t, struct az_outbuf *out, const struct az_policy *p,
                             const struct az_assignment *as)
{
    open_resource(t, out, AZ_TF_ASSIGNMENT, as->name, p->account);
    const struct tf_attr version[] = {str_attr("version", TF_ASSIGNMENT_VERSION)};
    put_attrs(out, 1, version, 1);
    /* A multi-line value ends the run of aligned attributes: `target = {` is not aligned,
     * the lines inside the object are. */
    AZ_OUTBUF_LIT(out, "  target = {\n");
    const struct tf_attr target[] = {str_attr("type", as->type_name), str_attr("id", as->id)};
    put_attrs(out, 2, target, 2);
    AZ_OUTBUF_LIT(out, "  }\n");

    az_outbuf_putc(out, '\n');
    open_block(out, 1, "templates");
    const struct tf_attr ref[] = {
        {.key = "id", .kind = TF_TEMPLATE_REF, .val = p->name, .ref = "template_id"},
        {.key = "version", .kind = TF_TEMPLATE_REF, .val = p->name, .ref = "version"},
    };
    put_attrs(out, 2, ref, 2);
    close_block(out, 1);
    AZ_OUTBUF_LIT(out, "}\n");
}

static void emit_template(struct tf *t, const struct az_policy *p)
{
    struct az_outbuf *out = &t->out;
    open_resource(t, out, AZ_TF_TEMPLATE, p->name, p->account);
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

    az_outbuf_putc(out, '\n');
    open_block(out, 1, "policy");
    const struct tf_attr pol[] = {
        {.key = "type", .kind = TF_STR, .val = AZ_POLICY_TYPE},
        {.key = "description", .kind = TF_STR, .val = p->description},
        {.key = "roles", .kind = TF_ROLES, .roles = p->roles},
    };
    put_attrs(out, 2, pol, 3);

    az_outbuf_putc(out, '\n');
    open_block(out, 2, "subject");
    template_attr(out, true, TF_ATTR_SERVICE, TF_OP_EQUALS, AZ_SUBJECT_SERVICE);
    template_attr(out, false, TF_ATTR_RESOURCE_TYPE, TF_OP_EQUALS, AZ_SUBJECT_RESOURCE_TYPE);
    close_block(out, 2);

    const char *op, *value;
    scope_attr(p, &op, &value);
    az_outbuf_putc(out, '\n');
    open_block(out, 2, "resource");
    template_attr(out, true, TF_ATTR_SERVICE, TF_OP_EQUALS, p->target->service);
    template_attr(out, false, p->target->attr, op, value);
    close_block(out, 2);
    close_block(out, 1);
    AZ_OUTBUF_LIT(out, "}\n");
}

/* ---- stencils --------------------------------------------------------------------------- */

/* Most of a large .tf is the same few resources over and over: policies that differ only in
 * their name, account, description and account IDs, assignments that differ in their name and
 * target. So the text of each shape (everything else that decides the text: the target, the
 * roles, which values are `current`) is written once, by write_policy or write_assignment
 * themselves, with a marker in place of every value. A marker is "\x01" and a letter, which
 * no value holds (the checker refuses control characters; validate() runs first): written
 * bare where the value is written bare (names, provider aliases) and as the escape \u0001
 * and the letter inside a quoted string. The text is cut at the markers into pieces, and
 * every resource of that shape is written as the pieces and its values, a value inside a
 * quoted string escaped by put_text. A value is always a whole quoted string, so escaping it
 * alone gives the bytes escaping the string gives. */
enum tf_slot {
    TS_NAME,
    TS_ACCOUNT,
    TS_DESC,
    TS_SUBJECT,
    TS_RESOURCE,
    TS_INSTANCE,
    TS_TEMPLATE,
    TS_TYPE,
    TS_ID,
    TS_COUNT
};
#define TF_MARKER(letter) "\x01" letter /* two literals: "\x01A" is one character, 0x1A */
static const char *const tf_markers[TS_COUNT] = {
    TF_MARKER("A"), TF_MARKER("B"), TF_MARKER("C"), TF_MARKER("D"), TF_MARKER("E"),
    TF_MARKER("F"), TF_MARKER("G"), TF_MARKER("H"), TF_MARKER("I"),
};
#define TF_MARKER_ESCAPE "\\u0001" /* how put_text writes the "\x01" of a marker */

/* len literal bytes, then the value of slot (-1: none), bare or escaped. */
struct tf_piece {
    size_t len;
    int slot;
    bool quoted;
};

struct tf_stencil {
    uint64_t key;
    char *text; /* the literal bytes of all pieces, back to back */
    size_t npieces;
    struct tf_piece pieces[]; /* then the text, in the same allocation */
};

/* What decides a resource's text besides its values. */
static uint64_t tf_key(bool assignment, const struct az_policy *p)
{
    if (assignment) /* the assignment's type and ID are values; only the provider is not */
        return 1u | (uint64_t)(p->account != NULL) << 1;
    return (uint64_t)(p->account != NULL) << 1 | (uint64_t)(p->subject_account != NULL) << 2 |
           (uint64_t)(p->resource_account != NULL) << 3 | (uint64_t)(p->instance != NULL) << 4 |
           (uint64_t)p->target->kind << 8 | (uint64_t)p->roles << 32;
}

/* Cuts the text written with markers into a stencil. */
static struct tf_stencil *tf_cut(const char *text, size_t n)
{
    size_t markers = 0;
    for (size_t i = 0; i < n; i++)
        markers += text[i] == '\x01' || text[i] == '\\';
    struct tf_stencil *st = malloc(sizeof *st + (markers + 1) * sizeof st->pieces[0] + n + 1);
    if (!st)
        return NULL;
    char *o = (char *)&st->pieces[markers + 1], *start = o;
    st->text = o;
    st->npieces = 0;
    size_t esc = strlen(TF_MARKER_ESCAPE);
    for (size_t i = 0; i < n;) {
        bool bare = text[i] == '\x01' && i + 1 < n;
        bool quoted = !bare && n - i > esc && strncmp(text + i, TF_MARKER_ESCAPE, esc) == 0;
        size_t skip = bare ? 1 : quoted ? esc : 0;
        int slot = skip ? text[i + skip] - 'A' : -1;
        if (skip && slot >= 0 && slot < TS_COUNT) {
            st->pieces[st->npieces++] = (struct tf_piece){(size_t)(o - start), slot, quoted};
            start = o;
            i += skip + 1;
        } else if (text[i] == '\\' && i + 1 < n) { /* an escape: copied whole */
            *o++ = text[i++];
            *o++ = text[i++];
        } else {
            *o++ = text[i++];
        }
    }
    st->pieces[st->npieces++] = (struct tf_piece){(size_t)(o - start), -1, false};
    return st;
}

/* The stencil for a policy (as NULL) or an assignment of p; NULL when out of memory. */
static const struct tf_stencil *tf_stencil_for(struct tf *t, const struct az_policy *p,
                                               const struct az_assignment *as)
{
    uint64_t key = tf_key(as != NULL, p);
    for (size_t i = 0; i < t->nstencils; i++)
        if (t->stencils[i]->key == key)
            return t->stencils[i];
    /* The same policy or assignment with a marker for every value. */
    struct az_policy mp = *p;
    mp.name = tf_markers[as ? TS_TEMPLATE : TS_NAME];
    mp.account = p->account ? tf_markers[TS_ACCOUNT] : NULL;
    mp.description = tf_markers[TS_DESC];
    mp.subject_account = p->subject_account ? tf_markers[TS_SUBJECT] : NULL;
    mp.resource_account = p->resource_account ? tf_markers[TS_RESOURCE] : NULL;
    mp.instance = p->instance ? tf_markers[TS_INSTANCE] : NULL;
    struct az_assignment ma = {
        .name = tf_markers[TS_NAME], .type_name = tf_markers[TS_TYPE], .id = tf_markers[TS_ID]};
    char *text = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&text, &n);
    struct az_outbuf *b = mem ? malloc(sizeof *b) : NULL;
    struct tf_stencil *st = NULL;
    if (b) {
        az_outbuf_init_file(b, mem);
        if (as)
            write_assignment(t, b, &mp, &ma);
        else
            write_policy(t, b, &mp);
        az_outbuf_flush(b);
        free(b);
    }
    if (mem && fclose(mem) == 0 && b)
        st = tf_cut(text, n);
    free(text);
    if (!st)
        return NULL;
    st->key = key;
    size_t i = t->nstencils < TF_STENCILS ? t->nstencils++ : t->evict++ % TF_STENCILS;
    free(t->stencils[i]);
    t->stencils[i] = st;
    return st;
}

/* Writes a policy (as NULL) or an assignment of p from its stencil. -1: out of memory. */
static int emit_from_stencil(struct tf *t, const struct az_policy *p,
                             const struct az_assignment *as)
{
    const struct tf_stencil *st = tf_stencil_for(t, p, as);
    if (!st)
        return -1;
    const char *val[TS_COUNT] = {
        [TS_NAME] = as ? as->name : p->name,
        [TS_ACCOUNT] = p->account,
        [TS_DESC] = p->description,
        [TS_SUBJECT] = p->subject_account,
        [TS_RESOURCE] = p->resource_account,
        [TS_INSTANCE] = p->instance,
        [TS_TEMPLATE] = p->name,
        [TS_TYPE] = as ? as->type_name : NULL,
        [TS_ID] = as ? as->id : NULL,
    };
    struct az_outbuf *out = &t->out;
    const char *lit = st->text;
    for (size_t i = 0; i < st->npieces; i++) {
        const struct tf_piece *pc = &st->pieces[i];
        az_outbuf_write(out, lit, pc->len);
        lit += pc->len;
        if (pc->slot < 0)
            continue;
        if (pc->quoted)
            put_text(out, val[pc->slot]);
        else
            az_outbuf_puts(out, val[pc->slot]);
    }
    return 0;
}

/* compile --live: the policy exists (liveplan.c), so `terraform apply` adopts it into state
 * instead of failing with a conflict. Import blocks need Terraform 1.5 or later. With provider
 * aliases the block names the resource's own, so the import reads the right account. */
static void emit_import(const struct tf *t, struct az_outbuf *out, const struct az_policy *p)
{
    bool aliased = t->aliased && p->account;
    AZ_OUTBUF_LIT(out, "\nimport {\n");
    az_outbuf_puts(out, aliased ? "  to       = " : "  to = ");
    AZ_OUTBUF_LIT(out, "ibm_iam_authorization_policy.");
    az_outbuf_puts(out, p->name);
    az_outbuf_puts(out, aliased ? "\n  id       = " : "\n  id = ");
    put_string(out, p->live_id);
    if (aliased) {
        AZ_OUTBUF_LIT(out, "\n  provider = ibm.account_");
        az_outbuf_puts(out, p->account);
    }
    AZ_OUTBUF_LIT(out, "\n}\n");
}

/* With several accounts, the provider aliases the file needs, as a comment to copy from. */
static void emit_providers(struct tf *t)
{
    struct az_outbuf *out = &t->out;
    const char *example = NULL;
    for (size_t k = 0; k < t->naccounts && !example; k++)
        example = t->accounts[k];
    az_outbuf_printf(
        out,
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
        if (t->accounts[k]) {
            AZ_OUTBUF_LIT(out, "#   ibm.account_");
            az_outbuf_puts(out, t->accounts[k]);
            az_outbuf_putc(out, '\n');
        }
    if (t->plan->uses_current)
        AZ_OUTBUF_LIT(out, "#\n"
                           "# Resources without a provider argument use the default provider: "
                           "the account\n"
                           "# `current` stands for.\n");
}

/* In a module (main.tf) the aliases come from the caller: versions.tf declares them. */
static void emit_module_providers(struct tf *t)
{
    az_outbuf_printf(
        &t->out,
        "\n"
        "# These resources are created in %zu accounts, and Terraform acts in the account of\n"
        "# the provider a resource uses. versions.tf declares one provider alias per account\n"
        "# (configuration_aliases); the caller passes them in `providers` (see README.md).\n",
        t->naccounts);
    if (t->plan->uses_current)
        AZ_OUTBUF_LIT(&t->out, "# Resources without a provider argument use the default provider: "
                               "the account\n"
                               "# `current` stands for.\n");
}

static int emit_file(struct az_ctx *ctx, const struct az_plan *plan, FILE *f, bool module)
{
    /* The buffer is large; it lives on the heap, not on the caller's stack. */
    struct tf *t = calloc(1, sizeof *t);
    if (!t) {
        az_diag_fatal(ctx, "out of memory");
        return -1;
    }
    t->ctx = ctx;
    t->plan = plan;
    if (validate(t) != 0) {
        free(t);
        return -1;
    }
    count_accounts(t);
    struct az_outbuf *out = &t->out;
    az_outbuf_init_file(out, f);

    AZ_OUTBUF_LIT(out, "# " AZ_EMIT_GENERATED "\n");
    if (t->aliased)
        (module ? emit_module_providers : emit_providers)(t);
    if (plan->uses_current)
        AZ_OUTBUF_LIT(out, "\ndata \"ibm_iam_account_settings\" \"current\" {\n}\n");
    int rc = 0;
    for (size_t i = 0; i < plan->n && rc == 0; i++) {
        const struct az_policy *p = &plan->policies[i];
        if (p->scope != AZ_SCOPE_TEMPLATE) {
            rc = emit_from_stencil(t, p, NULL);
            if (rc == 0 && p->live_id)
                emit_import(t, out, p);
            continue;
        }
        emit_template(t, p);
        for (size_t k = 0; k < p->nassigns && rc == 0; k++)
            rc = emit_from_stencil(t, p, &p->assigns[k]);
    }
    if (rc != 0) {
        az_diag_fatal(ctx, "out of memory");
        az_outbuf_flush(out); /* what was written stays written, as with stdio */
    } else {
        errno = 0;
        if (az_outbuf_flush(out) != 0 || fflush(f) != 0 || ferror(f)) {
            az_diag_fatal(ctx, "cannot write the Terraform output: %s",
                          errno ? strerror(errno) : "write error");
            rc = -1;
        }
    }
    for (size_t i = 0; i < t->nstencils; i++)
        free(t->stencils[i]);
    free(t);
    return rc;
}

int az_emit_terraform(struct az_ctx *ctx, const struct az_plan *plan, FILE *f)
{
    return emit_file(ctx, plan, f, false);
}

int az_emit_terraform_main(struct az_ctx *ctx, const struct az_plan *plan, FILE *f)
{
    return emit_file(ctx, plan, f, true);
}
