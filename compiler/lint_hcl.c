/* lint_hcl.c - the Terraform (.tf) front end of `authzc lint`.
 *
 * az_lint_hcl parses one file with the HCL scanner and grammar (compiler/hcl_scan.c,
 * grammar/hcl.y) into a located tree, reporting every syntax error it can recover from
 * (AZ501; AZ103, AZ104 for bad bytes; AZ106 past ctx->max_depth) and HCL's "argument set
 * twice". It reads each top-level block as soon as it is parsed and releases its tree
 * (top_item) unless the module pass needs it as a tree: memory holds the file's text, the
 * model and one block's tree, not the tree of the whole file (issue 18). az_lint_hcl_module
 * then reads the files a folder
 * (a module) at a time: it evaluates what is static across the folder's files (locals,
 * variable defaults, for_each over a map or set and count over a literal - one policy per
 * instance, named "TYPE.NAME[KEY]" in a note on its findings -, dynamic attribute blocks,
 * a few functions; see eval), says once per resource what it cannot evaluate (AZ820, a
 * note, only for policies that may be Backup for VPC's), and reports an ibm_is_backup_policy
 * that is not ordered after the authorizations of its folder or of a local module it calls
 * (AZ821: references followed through other blocks). It walks the top-level blocks and
 * checks three resource types of the IBM provider, passing over everything else quietly
 * (variables, providers, modules, locals, outputs, data sources, other resources):
 *
 *   ibm_iam_authorization_policy  -> an AZ_LFORM_TF_POLICY policy: subject_attributes and
 *       resource_attributes blocks, and the scalar source_* / target_* arguments, become
 *       attributes (serviceName, resourceType, accountId, serviceInstance, resourceGroupId);
 *       roles, description. Findings: unknown arguments (AZ502, did you mean), roles missing
 *       and no source or target at all (AZ503), wrong types (AZ505), scalar arguments
 *       together with attribute blocks of the same side (AZ804), a backup target named by
 *       resourceType (AZ810).
 *   ibm_iam_policy_template       -> an AZ_LFORM_TF_TEMPLATE policy from its policy block.
 *   ibm_iam_policy_assignment     -> its shape only: version, target = {type, id},
 *       templates {id, version}.
 *   In all three: references to resource types that cannot exist (ibm_backup-policy_instance:
 *   AZ604); a resource type close to one of the three (AZ604, did you mean).
 *
 * Values are recorded as evaluated: a literal string decoded (AZ_LV_STRING), true/false and
 * numbers, and anything that cannot be evaluated - a variable without a default, a data
 * source, another resource's attribute - as AZ_LV_REF with the expression's text, which is
 * fine where an ID goes (lint_check.c decides). Comments
 * holding `authzc:ignore` are recorded by the scanner. What the policies mean is
 * lint_check.c's business. */
#include "authzc/lint.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/fix.h"
#include "authzc/lint_fix.h"
#include "authzc/rules.h"
#include "authzc/source.h"
#include "authzc/strmap.h"
#include "authzc/suggest.h"

#include "hcl_parser.h"


#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char TF_POLICY[] = AZ_TF_POLICY;
static const char TF_TEMPLATE[] = AZ_TF_TEMPLATE;
static const char TF_ASSIGNMENT[] = AZ_TF_ASSIGNMENT;

struct hscope;
struct hmod;

struct lh {
    struct az_ctx *ctx;
    const struct az_source *src;
    struct az_lfile *f;
    struct az_hcl_state *st;
    size_t ref; /* the next reference root not yet passed */
    /* Evaluation (az_lint_hcl_module): the instance being read, or NULL (values as written). */
    struct hscope *scope;
    struct hmod *mod; /* the module folder this file belongs to */
    bool mute;        /* a second instance of one resource: its shape was reported already */
    const char *inst; /* the instance key being read ("[\"volume\"]", "[0]") or "" */
    bool no_add;      /* its for_each or count is not known: check the shape only */
    bool backup_authz; /* a Backup for VPC authorization was recorded for this resource */
    bool foreign;      /* its subject is another service: no AZ820 for it */
    const char *why;  /* AZ820 for this resource: what could not be evaluated, and where */
    const char *addr; /* the block being read as it was parsed: its address "T.N" (labels) */
    struct az_loc why_loc;
};

/* What az_lint_hcl keeps of a file for the module pass. */
struct az_lhcl {
    struct az_hcl_state st; /* root, refs (in the arena), src, the tree's arena */
    struct lh lh;
};

/* A top-level block read as soon as it was parsed (top_item), its tree released: what the
 * module pass needs of it. Consecutive ones share one LINTED stand-in node in the file's
 * body, chained by next in their order (a generated file is one run of 60,000 of them). */
struct az_hcl_linted {
    const char *addr;          /* resource and data blocks: "T.N", "data.T.N"; else NULL */
    struct az_loc decl;        /* its header */
    const char **refs;         /* the addresses its body refers to (AZ821) */
    struct az_lpolicy *policies; /* its policies, in order, for the file's list */
    struct az_hcl_linted *next;
    uint32_t nrefs;
    bool unevaluated, assigns, backup_authz;
};

/* The parse of one file, for top_item. */
struct hparse {
    struct lh lh;             /* lh.st: the parser's state */
    struct az_diags twice;    /* "set twice" findings, kept unless a syntax error comes */
    struct az_diags findings; /* the blocks' findings, kept if the whole file reads well */
    unsigned ntwice;
    struct az_hcl_node *run;          /* the last LINTED stand-in made, and */
    struct az_hcl_linted **run_tail;  /* where its chain ends */
};

/* ---- small helpers ----------------------------------------------------------------------- */

static struct az_loc at(const struct lh *lh, const struct az_hcl_loc *l)
{
    return az_hcl_loc_of(lh->st, l);
}

static struct az_diag *report(struct lh *lh, enum az_diag_id id, const struct az_hcl_loc *l,
                              const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static struct az_diag *report(struct lh *lh, enum az_diag_id id, const struct az_hcl_loc *l,
                              const char *fmt, ...)
{
    if (lh->mute)
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    char *msg = az_arena_vprintf(lh->ctx->arena, fmt, ap);
    va_end(ap);
    return az_diag_report(lh->ctx, id, at(lh, l), "%s", msg);
}

/* a equals b: the first bytes decide most comparisons without a call (hot: every item of
 * every body is looked up in a table of names). */
static inline bool is(const char *a, const char *b)
{
    return a && a[0] == b[0] && strcmp(a, b) == 0;
}

/* The source text of a span. */
static const char *text_of(const struct lh *lh, const struct az_hcl_loc *l)
{
    return az_arena_strndup(lh->ctx->arena, lh->src->text + l->off, l->end - l->off);
}

/* User text for a message: at most 60 bytes, control characters escaped. */
static const char *shown(const struct lh *lh, const char *s)
{
    size_t n = strlen(s), cut = n > 60 ? 57 : n;
    while (cut < n && cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    char *out = az_arena_alloc(lh->ctx->arena, cut * 4 + 4), *o = out;
    for (size_t i = 0; i < cut; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F)
            o += snprintf(o, 5, "\\x%02x", c);
        else
            *o++ = (char)c;
    }
    if (cut < n) {
        memcpy(o, "...", 3);
        o += 3;
    }
    *o = '\0';
    return out;
}

/* The header of a block, `TYPE "label" ... {`, as one place. */
static struct az_hcl_loc header(const struct az_hcl_node *blk)
{
    struct az_hcl_loc l = blk->at;
    if (blk->open.line == l.line) {
        l.end = blk->open.end;
        l.end_line = blk->open.end_line;
        l.end_col = blk->open.end_col;
    }
    return l;
}

static struct az_loc header_at(const struct lh *lh, const struct az_hcl_node *blk)
{
    struct az_hcl_loc h = header(blk);
    return at(lh, &h);
}

/* ---- values ------------------------------------------------------------------------------ */

static const struct az_hcl_node *unparen(const struct az_hcl_node *e)
{
    while (e && e->kind == AZ_HCL_PAREN)
        e = e->a;
    return e;
}

static bool literal_template(const struct az_hcl_node *e)
{
    if (!e || e->kind != AZ_HCL_TEMPLATE)
        return false;
    for (const struct az_hcl_node *p = e->kids; p; p = p->next)
        if (p->kind != AZ_HCL_TLIT)
            return false;
    return true;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* A heredoc line that holds only blanks: it neither sets nor loses indentation. */
static bool blank_line(const struct az_hcl_node *p)
{
    size_t k = 0;
    while (k < p->len && is_space(p->text[k]))
        k++;
    return k == p->len && p->len > 0 && p->text[p->len - 1] == '\n';
}

/* The text of a template made only of literal text; a <<- heredoc loses the indentation
 * its lines share (hclsyntax's rule: blank lines neither count nor change). Heredoc text
 * comes one line per part. */
static const char *template_text(const struct lh *lh, const struct az_hcl_node *t)
{
    size_t strip = 0;
    if (t->flags & AZ_HCL_F_FLUSH) {
        size_t min = SIZE_MAX;
        bool bol = true;
        for (const struct az_hcl_node *p = t->kids; p; p = p->next) {
            if (bol && !blank_line(p)) {
                size_t sp = 0;
                while (sp < p->len && is_space(p->text[sp]))
                    sp++;
                if (sp < min)
                    min = sp;
            }
            bol = p->len > 0 && p->text[p->len - 1] == '\n';
        }
        strip = min == SIZE_MAX ? 0 : min;
    }
    if (!strip && !t->kids)
        return "";
    if (!strip && t->nkids == 1) /* one piece of text: the scanner's copy serves */
        return t->kids->text;
    size_t len = 0;
    for (const struct az_hcl_node *p = t->kids; p; p = p->next)
        len += p->len;
    char *out = az_arena_alloc(lh->ctx->arena, len + 1), *o = out;
    bool bol = true;
    for (const struct az_hcl_node *p = t->kids; p; p = p->next) {
        size_t skip = bol && strip && !blank_line(p) ? strip : 0;
        if (skip > p->len)
            skip = p->len;
        memcpy(o, p->text + skip, p->len - skip);
        o += p->len - skip;
        bol = p->len > 0 && p->text[p->len - 1] == '\n';
    }
    *o = '\0';
    return out;
}

enum vclass { V_STRING, V_NUMBER, V_BOOL, V_NULL, V_LIST, V_OBJECT, V_REF };

static enum vclass classify(const struct az_hcl_node *e)
{
    e = unparen(e);
    if (!e)
        return V_NULL;
    switch (e->kind) {
    case AZ_HCL_TEMPLATE:
        return literal_template(e) ? V_STRING : V_REF;
    case AZ_HCL_NUMBER:
        return V_NUMBER;
    case AZ_HCL_VAR:
        if (is(e->text, "true") || is(e->text, "false"))
            return V_BOOL;
        return is(e->text, "null") ? V_NULL : V_REF;
    case AZ_HCL_TUPLE:
        return V_LIST;
    case AZ_HCL_OBJECT:
        return V_OBJECT;
    case AZ_HCL_FOR:
        return e->flags & AZ_HCL_F_OBJECT ? V_OBJECT : V_LIST;
    default:
        return V_REF;
    }
}

static const char *class_name(enum vclass c)
{
    switch (c) {
    case V_STRING:
        return "a string";
    case V_NUMBER:
        return "a number";
    case V_BOOL:
        return "a boolean";
    case V_NULL:
        return "null";
    case V_LIST:
        return "a list";
    case V_OBJECT:
        return "an object";
    default:
        return "an expression";
    }
}

static const char *key_name(const struct lh *lh, const struct az_hcl_node *k);

/* ---- evaluation: what is static in a module ---------------------------------------------- */

/* A value: known, or unknown with the expression that made it so (for AZ820). */
enum evk { EV_UNKNOWN, EV_NULL, EV_BOOL, EV_NUMBER, EV_STRING, EV_LIST, EV_MAP };

struct ev_item;

/* Whether an unknown value comes from the account settings data source: exactly its
 * account_id (the current account), or built from it some other way (an account known only
 * after apply; see az_lint_account_ref). */
enum evfrom { FROM_OTHER, FROM_CURRENT, FROM_SETTINGS };

struct ev {
    enum evk k;
    bool set;           /* LIST: a set (toset): for_each takes it */
    enum evfrom from;   /* UNKNOWN only */
    const char *s; /* BOOL, NUMBER, STRING: the text; UNKNOWN: the expression not known */
    const struct ev_item *items; /* LIST, MAP (keys sorted, as Terraform iterates) */
    size_t n;
};

struct ev_item {
    const char *key; /* MAP only */
    const struct ev *v;
};

/* A local value or a variable of the module, evaluated once when first used. */
struct hdecl {
    const struct az_hcl_node *expr; /* NULL: a variable without a default */
    struct lh *lh;                  /* the file it is written in */
    const struct ev *val;
    bool busy; /* being evaluated: a reference back to it is a cycle */
};

/* One module folder: its files' variables and locals. */
struct hmod {
    struct az_strmap vars, locals;
};

/* The names an instance of a resource binds. */
#define MAX_ITERS 8
struct hscope {
    const struct ev *each_key, *each_value; /* NULL: no for_each */
    const struct ev *count_index;           /* NULL: no count */
    struct {
        const char *name;
        const struct ev *key, *value;
    } it[MAX_ITERS]; /* dynamic blocks being expanded, innermost last */
    size_t nit;
};

/* Evaluation recursion (locals referring to locals) is bounded; deeper is unknown. */
#define MAX_EVAL_DEPTH 64
/* A for_each or count larger than this is not expanded. */
#define MAX_INSTANCES 1000
/* Values built by evaluation stay small (locals that double a string or a list at each of
 * 64 levels would not): a longer string or a longer concat/merge is unknown. */
#define MAX_VALUE_BYTES 65536
#define MAX_VALUE_ITEMS 100000

static const struct ev *ev_new(const struct lh *lh, enum evk k, const char *s)
{
    struct ev *v = az_arena_alloc(lh->ctx->arena, sizeof *v);
    v->k = k;
    v->s = s;
    return v;
}

static const struct ev *unknown(const struct lh *lh, const struct az_hcl_node *e)
{
    return ev_new(lh, EV_UNKNOWN, text_of(lh, &e->loc));
}

/* The unknown value of e, an expression built from the unknown v: v itself (its text names
 * what made it unknown, for AZ820), except that a value built from the account settings
 * data source is named by e, so that "${data.ibm_iam_account_settings.x.account_id}-x" is
 * not taken for the current account. */
static const struct ev *built_from(const struct lh *lh, const struct ev *v,
                                   const struct az_hcl_node *e)
{
    if (v->from == FROM_OTHER)
        return v;
    struct ev *w = (struct ev *)unknown(lh, e);
    w->from = FROM_SETTINGS;
    return w;
}

/* data.ibm_iam_account_settings.NAME.account_id (e a GETATTR): the current account's ID. */
static bool current_account_ref(const struct az_hcl_node *e)
{
    const struct az_hcl_node *name = e->a, *type = name ? name->a : NULL;
    const struct az_hcl_node *data = type ? type->a : NULL;
    return is(e->text, "account_id") && name && name->kind == AZ_HCL_GETATTR && type &&
           type->kind == AZ_HCL_GETATTR && is(type->text, "ibm_iam_account_settings") && data &&
           data->kind == AZ_HCL_VAR && is(data->text, "data");
}

static bool ev_scalar(const struct ev *v)
{
    return v->k == EV_STRING || v->k == EV_NUMBER || v->k == EV_BOOL;
}

static int cmp_items(const void *a, const void *b)
{
    return strcmp(((const struct ev_item *)a)->key, ((const struct ev_item *)b)->key);
}

/* A MAP from n items (keys sorted; a key written twice keeps its last value, as in HCL). */
static const struct ev *ev_map(const struct lh *lh, struct ev_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) /* stable: the later of two equal keys wins below */
        items[i].key = items[i].key ? items[i].key : "";
    qsort(items, n, sizeof *items, cmp_items);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k > 0 && strcmp(items[k - 1].key, items[i].key) == 0)
            items[k - 1] = items[i];
        else
            items[k++] = items[i];
    }
    struct ev *v = (struct ev *)ev_new(lh, EV_MAP, NULL);
    v->items = items;
    v->n = k;
    return v;
}

static const struct ev *ev_list(const struct lh *lh, const struct ev_item *items, size_t n)
{
    struct ev *v = (struct ev *)ev_new(lh, EV_LIST, NULL);
    v->items = items;
    v->n = n;
    return v;
}

static const struct ev *eval(struct lh *lh, const struct az_hcl_node *e, unsigned depth);

/* A declaration's value (a variable's default, a local), evaluated in its own file. */
static const struct ev *decl_value(struct lh *lh, struct hdecl *d, const struct az_hcl_node *use,
                                   unsigned depth)
{
    if (d->val)
        return d->val;
    if (!d->expr || d->busy || depth >= MAX_EVAL_DEPTH)
        return unknown(lh, use);
    d->busy = true;
    struct hscope none = {0};
    struct hscope *saved = d->lh->scope;
    d->lh->scope = &none; /* a default or a local sees no each, count or iterator */
    const struct ev *v = eval(d->lh, d->expr, depth + 1);
    d->lh->scope = saved;
    d->busy = false;
    /* named as the resource refers to it; but a value from the account settings data source
     * keeps its text, so that lint_check.c knows a local holding the current account's ID as
     * the current account, and one holding a value built from it as known after apply */
    if (v->k == EV_UNKNOWN && v->from == FROM_OTHER)
        v = unknown(lh, use);
    d->val = v;
    return v;
}

static const struct ev *ev_get(const struct ev *v, const char *key)
{
    if (v->k != EV_MAP)
        return NULL;
    for (size_t i = 0; i < v->n; i++)
        if (is(v->items[i].key, key))
            return v->items[i].v;
    return NULL;
}

/* NAME.attr where NAME is var, local, each, count or an iterator: the value, or NULL when
 * NAME is none of them. */
static const struct ev *eval_root(struct lh *lh, const struct az_hcl_node *e, unsigned depth)
{
    const char *root = e->a->text, *name = e->text;
    struct hscope *sc = lh->scope;
    if (is(root, "var") || is(root, "local")) {
        if (!lh->mod) /* read as parsed: only blocks without var and local are (top_item) */
            return unknown(lh, e);
        struct az_strmap *m = is(root, "var") ? &lh->mod->vars : &lh->mod->locals;
        struct hdecl *d = az_strmap_get(m, name);
        return d ? decl_value(lh, d, e, depth) : unknown(lh, e);
    }
    if (is(root, "each")) {
        const struct ev *v = !sc || !sc->each_key ? NULL
                             : is(name, "key")    ? sc->each_key
                             : is(name, "value")  ? sc->each_value
                                                  : NULL;
        return v ? v : unknown(lh, e);
    }
    if (is(root, "count"))
        return sc && sc->count_index && is(name, "index") ? sc->count_index : unknown(lh, e);
    for (size_t i = sc ? sc->nit : 0; i-- > 0;)
        if (is(root, sc->it[i].name)) {
            const struct ev *v = is(name, "key")     ? sc->it[i].key
                                 : is(name, "value") ? sc->it[i].value
                                                     : NULL;
            return v ? v : unknown(lh, e);
        }
    return NULL;
}

static const struct ev *eval_template(struct lh *lh, const struct az_hcl_node *e, unsigned depth)
{
    if (literal_template(e))
        return ev_new(lh, EV_STRING, template_text(lh, e));
    if (e->flags & AZ_HCL_F_HEREDOC)
        return unknown(lh, e);
    size_t n = 0, len = 0;
    for (const struct az_hcl_node *p = e->kids; p; p = p->next)
        n++;
    const char **text = az_arena_alloc(lh->ctx->arena, sizeof *text * (n + 1));
    size_t *lens = az_arena_alloc(lh->ctx->arena, sizeof *lens * (n + 1));
    n = 0;
    for (const struct az_hcl_node *p = e->kids; p; p = p->next, n++) {
        if (p->kind == AZ_HCL_TLIT) {
            text[n] = p->text;
            lens[n] = p->len;
        } else if (p->kind == AZ_HCL_INTERP) {
            const struct ev *v = eval(lh, p->a, depth + 1);
            if (v->k == EV_UNKNOWN) /* "${x}" is x; "${x}-y" is built from it */
                return e->kids == p && !p->next ? v : built_from(lh, v, e);
            if (!ev_scalar(v))
                return unknown(lh, e);
            text[n] = v->s;
            lens[n] = strlen(v->s);
        } else {
            return unknown(lh, e);
        }
        len += lens[n];
        if (len > MAX_VALUE_BYTES)
            return unknown(lh, e);
    }
    char *out = az_arena_alloc(lh->ctx->arena, len + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        memcpy(o, text[i], lens[i]);
        o += lens[i];
    }
    *o = '\0';
    return ev_new(lh, EV_STRING, out);
}

/* The elements or values of a collection, for the functions below. */
static bool ev_collection(const struct ev *v)
{
    return v->k == EV_LIST || v->k == EV_MAP;
}

static const struct ev *eval_call(struct lh *lh, const struct az_hcl_node *e, unsigned depth)
{
    const char *f = e->text;
    size_t nargs = 0;
    const struct ev *args[8];
    if (e->flags & AZ_HCL_F_ELLIPSIS)
        return unknown(lh, e);
    for (const struct az_hcl_node *a = e->kids; a; a = a->next) {
        if (nargs == 8)
            return unknown(lh, e);
        const struct ev *v = eval(lh, a, depth + 1);
        if (v->k == EV_UNKNOWN)
            return built_from(lh, v, e);
        args[nargs++] = v;
    }
    struct az_arena *ar = lh->ctx->arena;
    if ((is(f, "tolist") || is(f, "toset") || is(f, "tomap")) && nargs == 1) {
        const struct ev *v = args[0];
        if (is(f, "tomap"))
            return v->k == EV_MAP ? v : unknown(lh, e);
        if (v->k != EV_LIST)
            return unknown(lh, e);
        if (is(f, "tolist"))
            return ev_list(lh, v->items, v->n);
        /* toset: strings, sorted, each once */
        struct ev_item *items = az_arena_alloc(ar, sizeof *items * (v->n + 1));
        for (size_t i = 0; i < v->n; i++) {
            if (!ev_scalar(v->items[i].v))
                return unknown(lh, e);
            items[i].key = v->items[i].v->s;
            items[i].v = ev_new(lh, EV_STRING, v->items[i].v->s);
        }
        const struct ev *m = ev_map(lh, items, v->n);
        struct ev *set = (struct ev *)ev_list(lh, m->items, m->n);
        set->set = true;
        return set;
    }
    if ((is(f, "keys") || is(f, "values")) && nargs == 1 && args[0]->k == EV_MAP) {
        const struct ev *m = args[0];
        struct ev_item *items = az_arena_alloc(ar, sizeof *items * (m->n + 1));
        for (size_t i = 0; i < m->n; i++)
            items[i].v = is(f, "keys") ? ev_new(lh, EV_STRING, m->items[i].key) : m->items[i].v;
        return ev_list(lh, items, m->n);
    }
    if ((is(f, "concat") || is(f, "merge")) && nargs > 0) {
        enum evk want = is(f, "concat") ? EV_LIST : EV_MAP;
        size_t total = 0;
        for (size_t i = 0; i < nargs; i++) {
            if (args[i]->k != want || !ev_collection(args[i]))
                return unknown(lh, e);
            total += args[i]->n;
        }
        if (total > MAX_VALUE_ITEMS)
            return unknown(lh, e);
        struct ev_item *items = az_arena_alloc(ar, sizeof *items * (total + 1));
        size_t k = 0;
        for (size_t i = 0; i < nargs; i++)
            for (size_t j = 0; j < args[i]->n; j++)
                items[k++] = args[i]->items[j];
        return want == EV_LIST ? ev_list(lh, items, k) : ev_map(lh, items, k);
    }
    return unknown(lh, e);
}

static bool ev_equal(const struct ev *a, const struct ev *b)
{
    if (a->k == EV_NULL || b->k == EV_NULL)
        return a->k == b->k;
    return ev_scalar(a) && a->k == b->k && strcmp(a->s, b->s) == 0;
}

static const struct ev *eval(struct lh *lh, const struct az_hcl_node *e, unsigned depth)
{
    e = unparen(e);
    if (!e || depth >= MAX_EVAL_DEPTH)
        return e ? unknown(lh, e) : ev_new(lh, EV_UNKNOWN, "");
    struct az_arena *ar = lh->ctx->arena;
    switch (e->kind) {
    case AZ_HCL_TEMPLATE:
        return eval_template(lh, e, depth);
    case AZ_HCL_NUMBER:
        return ev_new(lh, EV_NUMBER, e->text);
    case AZ_HCL_VAR:
        if (is(e->text, "true") || is(e->text, "false"))
            return ev_new(lh, EV_BOOL, e->text);
        return is(e->text, "null") ? ev_new(lh, EV_NULL, "null") : unknown(lh, e);
    case AZ_HCL_TUPLE: {
        struct ev_item *items = az_arena_alloc(ar, sizeof *items * (e->nkids + 1));
        size_t n = 0;
        for (const struct az_hcl_node *k = e->kids; k; k = k->next)
            items[n++].v = eval(lh, k, depth + 1);
        return ev_list(lh, items, n);
    }
    case AZ_HCL_OBJECT: {
        struct ev_item *items = az_arena_alloc(ar, sizeof *items * (e->nkids + 1));
        size_t n = 0;
        for (const struct az_hcl_node *it = e->kids; it; it = it->next) {
            const char *key = key_name(lh, it->a);
            if (!key || unparen(it->a) != it->a) { /* (expr) = value: the key is evaluated */
                const struct ev *k = eval(lh, it->a, depth + 1);
                if (k->k == EV_UNKNOWN)
                    return built_from(lh, k, e);
                if (!ev_scalar(k))
                    return unknown(lh, e);
                key = k->s;
            }
            items[n].key = key;
            items[n++].v = eval(lh, it->b, depth + 1);
        }
        return ev_map(lh, items, n);
    }
    case AZ_HCL_GETATTR: {
        const struct ev *v = NULL;
        if (e->a && e->a->kind == AZ_HCL_VAR && (v = eval_root(lh, e, depth)))
            return v;
        if (current_account_ref(e)) {
            struct ev *cur = (struct ev *)ev_new(
                lh, EV_UNKNOWN,
                az_arena_printf(ar, "data.ibm_iam_account_settings.%s.account_id", e->a->text));
            cur->from = FROM_CURRENT;
            return cur;
        }
        v = eval(lh, e->a, depth + 1);
        if (v->k == EV_UNKNOWN && e->a->kind == AZ_HCL_VAR) {
            struct ev *u = (struct ev *)unknown(lh, e);
            if ((is(e->a->text, "data") && is(e->text, "ibm_iam_account_settings")) ||
                is(e->a->text, "ibm_iam_account_settings")) /* the data source, the resource */
                u->from = FROM_SETTINGS;
            return u;
        }
        if (v->k == EV_UNKNOWN)
            return built_from(lh, v, e);
        const struct ev *m = ev_get(v, e->text);
        return m ? m : unknown(lh, e);
    }
    case AZ_HCL_INDEX: {
        const struct ev *c = eval(lh, e->a, depth + 1);
        if (c->k == EV_UNKNOWN)
            return built_from(lh, c, e);
        const struct ev *k = eval(lh, e->b, depth + 1);
        if (k->k == EV_UNKNOWN)
            return built_from(lh, k, e);
        if (c->k == EV_MAP && ev_scalar(k)) {
            const struct ev *m = ev_get(c, k->s);
            return m ? m : unknown(lh, e);
        }
        if (c->k == EV_LIST && k->k == EV_NUMBER) {
            char *end;
            unsigned long i = strtoul(k->s, &end, 10);
            if (*end == '\0' && i < c->n)
                return c->items[i].v;
        }
        return unknown(lh, e);
    }
    case AZ_HCL_CALL:
        return eval_call(lh, e, depth);
    case AZ_HCL_COND: {
        const struct ev *c = eval(lh, e->a, depth + 1);
        if (c->k != EV_BOOL)
            return c->k == EV_UNKNOWN ? built_from(lh, c, e) : unknown(lh, e);
        return eval(lh, is(c->s, "true") ? e->b : e->c, depth + 1);
    }
    case AZ_HCL_BINARY: {
        bool eq = is(e->text, "=="), ne = is(e->text, "!=");
        bool and = is(e->text, "&&"), or = is(e->text, "||");
        if (!eq && !ne && !and && !or)
            return unknown(lh, e);
        const struct ev *a = eval(lh, e->a, depth + 1);
        if (a->k == EV_UNKNOWN)
            return built_from(lh, a, e);
        const struct ev *b = eval(lh, e->b, depth + 1);
        if (b->k == EV_UNKNOWN)
            return built_from(lh, b, e);
        bool r;
        if (eq || ne)
            r = ev_equal(a, b) == eq;
        else if (a->k == EV_BOOL && b->k == EV_BOOL)
            r = and ? is(a->s, "true") && is(b->s, "true") : is(a->s, "true") || is(b->s, "true");
        else
            return unknown(lh, e);
        return ev_new(lh, EV_BOOL, r ? "true" : "false");
    }
    case AZ_HCL_UNARY:
        if (is(e->text, "!")) {
            const struct ev *a = eval(lh, e->a, depth + 1);
            if (a->k == EV_BOOL)
                return ev_new(lh, EV_BOOL, is(a->s, "true") ? "false" : "true");
            return a->k == EV_UNKNOWN ? built_from(lh, a, e) : unknown(lh, e);
        }
        return unknown(lh, e);
    default:
        return unknown(lh, e);
    }
}

/* A value as written, for the model. */
static struct az_lval lval_of(struct lh *lh, const struct az_hcl_node *e)
{
    struct az_lval v = {AZ_LV_NONE, "", {0}};
    if (!e)
        return v;
    v.loc = at(lh, &e->loc);
    const struct az_hcl_node *u = unparen(e);
    enum vclass c = classify(u);
    if (lh->scope && c == V_REF) { /* what is static is evaluated */
        const struct ev *x = eval(lh, e, 0);
        v.text = x->s;
        v.kind = x->k == EV_STRING   ? AZ_LV_STRING
                 : x->k == EV_NUMBER ? AZ_LV_NUMBER
                 : x->k == EV_BOOL   ? AZ_LV_BOOL
                 : x->k == EV_UNKNOWN ? AZ_LV_REF
                                      : AZ_LV_OTHER;
        if (v.kind == AZ_LV_OTHER)
            v.text = text_of(lh, &e->loc);
        return v;
    }
    switch (c) {
    case V_STRING:
        v.kind = AZ_LV_STRING;
        v.text = template_text(lh, u);
        break;
    case V_NUMBER:
        v.kind = AZ_LV_NUMBER;
        v.text = u->text;
        break;
    case V_BOOL:
        v.kind = AZ_LV_BOOL;
        v.text = u->text;
        break;
    case V_NULL:
    case V_LIST:
    case V_OBJECT:
        v.kind = AZ_LV_OTHER;
        v.text = text_of(lh, &e->loc);
        break;
    default:
        v.kind = AZ_LV_REF;
        v.text = text_of(lh, &e->loc);
        break;
    }
    return v;
}

/* ---- HCL's own rule: an argument is set once per body ------------------------------------ */

static uint32_t hash_name(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void twice(struct lh *lh, const struct az_hcl_node *first, const struct az_hcl_node *again)
{
    struct az_diag *d = report(lh, AZ_D_LINT_SYNTAX, &again->at,
                               "the argument '%s' is already set on line %u; an argument is set "
                               "once per block (Terraform: Attribute redefined)",
                               shown(lh, again->text), (unsigned)first->at.line);
    az_diag_note(lh->ctx, d, at(lh, &first->at), "first set here");
}

/* Reports arguments set twice in each body (deep: and in its blocks'); returns the number
 * reported. Blocks nest at most ctx->max_depth deep (the scanner's limit), so the recursion
 * is bounded. */
static unsigned check_twice(struct lh *lh, const struct az_hcl_node *body, bool deep)
{
    unsigned found = 0, nattr = 0;
    for (const struct az_hcl_node *n = body->kids; n; n = n->next) {
        if (n->kind == AZ_HCL_BLOCK && deep)
            found += check_twice(lh, n->a, true);
        else if (n->kind == AZ_HCL_ATTR)
            nattr++;
    }
    if (nattr < 2)
        return found;
    if (nattr <= 16) {
        for (const struct az_hcl_node *n = body->kids; n; n = n->next) {
            if (n->kind != AZ_HCL_ATTR)
                continue;
            for (const struct az_hcl_node *k = body->kids; k != n; k = k->next)
                if (k->kind == AZ_HCL_ATTR && is(k->text, n->text)) {
                    twice(lh, k, n);
                    found++;
                    break;
                }
        }
        return found;
    }
    size_t cap = 32;
    while (cap < nattr * 2)
        cap *= 2;
    const struct az_hcl_node **tab = calloc(cap, sizeof *tab);
    if (!tab) {
        az_oom();
    }
    for (const struct az_hcl_node *n = body->kids; n; n = n->next) {
        if (n->kind != AZ_HCL_ATTR)
            continue;
        size_t i = hash_name(n->text) & (cap - 1);
        while (tab[i] && !is(tab[i]->text, n->text))
            i = (i + 1) & (cap - 1);
        if (tab[i]) {
            twice(lh, tab[i], n);
            found++;
        } else {
            tab[i] = n;
        }
    }
    free(tab);
    return found;
}

/* ---- arguments and blocks of one body ---------------------------------------------------- */

enum {
    S_BLOCK = 1u << 0,    /* written as a block */
    S_REQ = 1u << 1,      /* AZ503 when missing */
    S_MULTI = 1u << 2,    /* a block that may repeat */
    S_LIST = 1u << 3,     /* a list argument */
    S_META = 1u << 4,     /* a Terraform meta-argument: accepted as it is */
    S_COMPUTED = 1u << 5, /* set by the provider, cannot be written */
    S_QUIET = 1u << 6,    /* accepted, not looked into */
    S_MAP = 1u << 7,      /* a map argument (target = { ... }) */
};

struct spec {
    const char *name;
    unsigned len; /* strlen(name): an item's name is compared by length first */
    unsigned flags;
    const char *shape; /* how it is written, for messages */
};

/* A spec's name and its length, as a literal. */
#define NM(s) s, sizeof(s) - 1

/* Terraform's meta-arguments, accepted in every resource. */
/* clang-format off */
#define META_SPECS                                                                                 \
    {NM("count"), S_META, NULL},                                                                       \
    {NM("for_each"), S_META, NULL},                                                                    \
    {NM("provider"), S_META, NULL},                                                                    \
    {NM("depends_on"), S_META, NULL},                                                                  \
    {NM("lifecycle"), S_META | S_BLOCK | S_MULTI, NULL},                                               \
    {NM("provisioner"), S_META | S_BLOCK | S_MULTI, NULL},                                             \
    {NM("connection"), S_META | S_BLOCK | S_MULTI, NULL},                                              \
    {NM("dynamic"), S_META | S_BLOCK | S_MULTI, NULL}
/* clang-format on */

#define MAX_SPECS 48 /* at most 64: bits of seen and dynamic */
#define BIT(i) ((uint64_t)1 << (i))

struct body_check {
    const char *what;  /* "ibm_iam_authorization_policy.x", "this subject_attributes block" */
    const char *takes; /* for unknown keys without a suggestion: "(it takes ...)" */
    const struct spec *specs;
    size_t n;
    /* A key of the other attribute form (key in a policy block, name in a template's):
     * reported with the one to write, and read as it. */
    const char *wrong_key, *right_key;
    const struct az_hcl_node *slot[MAX_SPECS]; /* the first item of each spec */
    uint64_t seen;    /* bit i: specs[i] is written, in any form */
    uint64_t dynamic; /* bit i: a dynamic block generates specs[i] */
    /* Misspelt items, read as the item they resemble (after AZ502 with "did you mean"). */
    const struct az_hcl_node *alias[MAX_SPECS];
    int alias_spec[MAX_SPECS];
    size_t nalias;
};

/* The spec named name[0..len), or -1 (hot: every item of every body is looked up). */
static int find_spec_n(const struct body_check *bc, const char *name, size_t len)
{
    for (size_t i = 0; i < bc->n; i++) {
        const struct spec *s = &bc->specs[i];
        if (s->len == len && s->name[0] == name[0] && memcmp(s->name, name, len) == 0)
            return (int)i;
    }
    return -1;
}

static int find_spec(const struct body_check *bc, const char *name)
{
    return find_spec_n(bc, name, strlen(name));
}

/* The spec of an argument or a block: the node carries its name's length (an identifier:
 * no NUL inside, unlike a label, which may hold an escaped one). */
static int find_item_spec(const struct body_check *bc, const struct az_hcl_node *n)
{
    return find_spec_n(bc, n->text, n->len);
}

/* A body_check of n specs; what check_body fills is not zeroed here (over a kilobyte,
 * for every attribute block). */
static void body_check_init(struct body_check *bc, const struct spec *specs, size_t n,
                            const char *what, const char *takes)
{
    bc->what = what;
    bc->takes = takes;
    bc->specs = specs;
    bc->n = n;
    bc->wrong_key = bc->right_key = NULL;
    bc->nalias = 0;
}

/* Reports an unknown item; returns the spec it is read as (a close misspelling written in
 * the same form), or -1. */
static int unknown_item(struct lh *lh, struct body_check *bc, const struct az_hcl_node *n)
{
    bool blk = n->kind == AZ_HCL_BLOCK;
    const char *kind = blk ? "block" : "argument";
    if (is(n->text, "resource_tags") && strstr(bc->what, TF_POLICY)) {
        report(lh, AZ_D_LINT_UNKNOWN_KEY, &n->at,
               "%s has no argument 'resource_tags' (only access policies take tags); an "
               "authorization is scoped by resource_attributes",
               bc->what);
        return -1;
    }
    const char *cands[MAX_SPECS];
    size_t nc = 0;
    for (size_t i = 0; i < bc->n; i++)
        if (!(bc->specs[i].flags & (S_COMPUTED | S_META)))
            cands[nc++] = bc->specs[i].name;
    const char *best = az_suggest_best(n->text, cands, nc);
    if (bc->wrong_key && is(n->text, bc->wrong_key) && !blk) {
        best = bc->right_key;
        report(lh, AZ_D_LINT_UNKNOWN_KEY, &n->at, "%s takes '%s', not '%s' (%s); write %s = ...",
               bc->what, best, n->text,
               is(best, "key") ? "templates write attributes as key, operator and value"
                               : "ibm_iam_authorization_policy writes attributes as name, "
                                 "value and operator",
               best);
    } else if (!best) {
        report(lh, AZ_D_LINT_UNKNOWN_KEY, &n->at, "unknown %s '%s' in %s %s", kind,
               shown(lh, n->text), bc->what, bc->takes);
        return -1;
    } else {
        report(lh, AZ_D_LINT_UNKNOWN_KEY, &n->at, "unknown %s '%s' in %s; did you mean '%s'?", kind,
               shown(lh, n->text), bc->what, best);
    }
    int i = find_spec(bc, best);
    if (blk != !!(bc->specs[i].flags & S_BLOCK) || bc->nalias == MAX_SPECS)
        return -1;
    bc->alias[bc->nalias] = n;
    bc->alias_spec[bc->nalias++] = i;
    return i;
}

/* The name an item is read as: its own, or the one a misspelling resembles. */
static const char *item_name(const struct body_check *bc, const struct az_hcl_node *n)
{
    for (size_t i = 0; i < bc->nalias; i++)
        if (bc->alias[i] == n)
            return bc->specs[bc->alias_spec[i]].name;
    return n->text;
}

/* Checks the items of body against bc's specs: unknown ones are AZ502 (did you mean), ones
 * written in the wrong form (a block as an argument, or the reverse) and repeated single
 * blocks AZ505, literal values of the wrong type AZ505, required ones missing AZ503 (at
 * where). bc->slot[i] gets the first item of specs[i]. */
static void check_body(struct lh *lh, struct body_check *bc, const struct az_hcl_node *body,
                       const struct az_hcl_loc *where)
{
    for (size_t i = 0; i < bc->n; i++)
        bc->slot[i] = NULL;
    bc->seen = bc->dynamic = 0;
    bc->nalias = 0;
    for (const struct az_hcl_node *n = body->kids; n; n = n->next) {
        bool blk = n->kind == AZ_HCL_BLOCK;
        int i = find_item_spec(bc, n);
        if (i < 0 && (i = unknown_item(lh, bc, n)) < 0)
            continue;
        const struct spec *s = &bc->specs[i];
        bc->seen |= BIT(i);
        if (blk && is(s->name, "dynamic")) {
            int g = n->nkids == 1 ? find_spec(bc, n->kids->text) : -1; /* a label */
            if (g >= 0 && (bc->specs[g].flags & S_BLOCK) && !(bc->specs[g].flags & S_META)) {
                bc->dynamic |= BIT(g);
                continue;
            }
            const char *blocks[MAX_SPECS], *list = "";
            size_t nb = 0;
            for (size_t k = 0; k < bc->n; k++)
                if ((bc->specs[k].flags & S_BLOCK) && !(bc->specs[k].flags & S_META))
                    blocks[nb++] = bc->specs[k].name;
            for (size_t k = 0; k < nb; k++)
                list = az_arena_printf(lh->ctx->arena, "%s%s%s", list,
                                       k == 0        ? ""
                                       : k + 1 == nb ? " and "
                                                     : ", ",
                                       blocks[k]);
            const char *best = n->nkids == 1 ? az_suggest_best(n->kids->text, blocks, nb) : NULL;
            if (n->nkids != 1)
                report(lh, AZ_D_LINT_UNKNOWN_KEY, &n->at,
                       "a dynamic block takes one label, the type of the blocks it generates "
                       "(%s)",
                       list);
            else if (best)
                report(lh, AZ_D_LINT_UNKNOWN_KEY, &n->kids->loc,
                       "%s has no '%s' blocks for dynamic to generate; did you mean '%s'?",
                       bc->what, shown(lh, n->kids->text), best);
            else
                report(lh, AZ_D_LINT_UNKNOWN_KEY, &n->kids->loc,
                       "%s has no '%s' blocks for dynamic to generate (its blocks are %s)",
                       bc->what, shown(lh, n->kids->text), list);
            continue;
        }
        if (s->flags & S_COMPUTED) {
            report(lh, AZ_D_LINT_UNKNOWN_KEY, &n->at,
                   "'%s' is set by the provider and cannot be written in %s; remove it", s->name,
                   bc->what);
            continue;
        }
        if (blk != !!(s->flags & S_BLOCK)) {
            if (blk)
                report(lh, AZ_D_LINT_TYPE, &n->at,
                       "'%s' is an argument, not a block: write %s = %s", s->name, s->name,
                       s->shape ? s->shape : "...");
            else
                report(lh, AZ_D_LINT_TYPE, &n->at, "'%s' is a block, not an argument: write %s %s",
                       s->name, s->name, s->shape ? s->shape : "{ ... }");
            continue;
        }
        if (bc->slot[i] && blk && !(s->flags & S_MULTI)) {
            struct az_diag *d =
                report(lh, AZ_D_LINT_TYPE, &n->at, "%s takes one '%s' block; this is a second one",
                       bc->what, s->name);
            az_diag_note(lh->ctx, d, at(lh, &bc->slot[i]->at), "the first one is here");
            continue;
        }
        if (!bc->slot[i])
            bc->slot[i] = n;
        if (blk || (s->flags & (S_META | S_QUIET)))
            continue;
        enum vclass c = classify(n->a);
        if (s->flags & S_LIST) {
            if (c == V_STRING || c == V_NUMBER || c == V_BOOL || c == V_OBJECT)
                report(lh, AZ_D_LINT_TYPE, &n->a->loc, "'%s' must be a list, not %s: write %s = %s",
                       s->name, class_name(c), s->name, s->shape ? s->shape : "[...]");
        } else if (s->flags & S_MAP) {
            if (c != V_OBJECT && c != V_REF && c != V_NULL)
                report(lh, AZ_D_LINT_TYPE, &n->a->loc, "'%s' must be a map, not %s: write %s = %s",
                       s->name, class_name(c), s->name, s->shape ? s->shape : "{ ... }");
        } else if (c == V_LIST || c == V_OBJECT) {
            report(lh, AZ_D_LINT_TYPE, &n->a->loc, "'%s' must be a single value, not %s%s%s",
                   s->name, class_name(c), s->shape ? ": write " : "",
                   s->shape ? az_arena_printf(lh->ctx->arena, "%s = %s", s->name, s->shape) : "");
        }
    }
    for (size_t i = 0; i < bc->n; i++) {
        const struct spec *s = &bc->specs[i];
        if (!(s->flags & S_REQ) || ((bc->seen | bc->dynamic) & BIT(i)))
            continue;
        if (s->flags & S_BLOCK)
            report(lh, AZ_D_LINT_MISSING_KEY, where, "%s has no '%s' block; add %s %s", bc->what,
                   s->name, s->name, s->shape ? s->shape : "{ ... }");
        else
            report(lh, AZ_D_LINT_MISSING_KEY, where, "%s has no '%s'; add %s = %s", bc->what,
                   s->name, s->name, s->shape ? s->shape : "...");
    }
}

static const struct az_hcl_node *slot(const struct body_check *bc, const char *name)
{
    int i = find_spec(bc, name);
    return i < 0 ? NULL : bc->slot[i];
}

static bool has_dynamic(const struct body_check *bc, const char *name)
{
    int i = find_spec(bc, name);
    return i >= 0 && (bc->dynamic & BIT(i));
}

/* Written in some form, or generated by a dynamic block: specs[i]. */
static bool has_at(const struct body_check *bc, int i)
{
    return (bc->seen | bc->dynamic) & BIT(i);
}

/* Written in some form, or generated by a dynamic block. */
static bool has(const struct body_check *bc, const char *name)
{
    int i = find_spec(bc, name);
    return i >= 0 && has_at(bc, i);
}

/* "TYPE.NAME" for messages, in buf when it fits (it is needed only while the block is read,
 * and only if something is reported). */
static const char *type_dot_name(const struct lh *lh, char *buf, size_t cap, const char *type,
                                 const char *name)
{
    size_t a = strlen(type), b = strlen(name);
    if (a + b + 2 > cap)
        return az_arena_concat(lh->ctx->arena, type, ".", name, (char *)NULL);
    memcpy(buf, type, a);
    buf[a] = '.';
    memcpy(buf + a + 1, name, b + 1);
    return buf;
}

/* ---- the model --------------------------------------------------------------------------- */

static struct az_lattr *add_attr(struct lh *lh, struct az_lattr ***tail, struct az_lval name,
                                 struct az_lval op, struct az_lval value, struct az_loc loc)
{
    struct az_lattr *a = az_arena_alloc(lh->ctx->arena, sizeof *a);
    a->name = name;
    a->op = op;
    a->value = value;
    a->loc = loc;
    **tail = a;
    *tail = &a->next;
    return a;
}

static struct az_lval none(void)
{
    struct az_lval v = {AZ_LV_NONE, "", {0}};
    return v;
}

/* One attribute block: {name, value, operator?} (policies) or {key, operator, value}
 * (templates). */
static void attr_block(struct lh *lh, const struct az_hcl_node *blk, bool tmpl,
                       struct az_lattr ***tail)
{
    static const struct spec policy_specs[3] = {
        {NM("name"), S_REQ, "\"serviceName\""},
        {NM("operator"), 0u, "\"stringEquals\""},
        {NM("value"), S_REQ, "\"is\""},
    };
    static const struct spec template_specs[3] = {
        {NM("key"), S_REQ, "\"serviceName\""},
        {NM("operator"), S_REQ, "\"stringEquals\""},
        {NM("value"), S_REQ, "\"is\""},
    };
    const char *key = tmpl ? "key" : "name";
    struct body_check bc;
    body_check_init(&bc, tmpl ? template_specs : policy_specs, 3,
                    is(blk->text, "subject_attributes")    ? "this subject_attributes block"
                    : is(blk->text, "resource_attributes") ? "this resource_attributes block"
                                                           : az_arena_concat(lh->ctx->arena,
                                                                             "this ", blk->text,
                                                                             " block",
                                                                             (char *)NULL),
                    tmpl ? "(it takes key, operator and value)"
                         : "(it takes name, value and operator)");
    bc.wrong_key = tmpl ? "name" : "key";
    bc.right_key = key;
    struct az_hcl_loc h = header(blk);
    check_body(lh, &bc, blk->a, &h);
    const struct az_hcl_node *n = bc.slot[0], *op = bc.slot[1], *v = bc.slot[2];
    struct az_hcl_loc whole = blk->open.line == blk->loc.end_line ? blk->loc : h;
    add_attr(lh, tail, n ? lval_of(lh, n->a) : none(), op ? lval_of(lh, op->a) : none(),
             v ? lval_of(lh, v->a) : none(), at(lh, &whole));
}

static void add_role(struct lh *lh, struct az_lrole ***tail, struct az_lval v)
{
    struct az_lrole *r = az_arena_alloc(lh->ctx->arena, sizeof *r);
    r->role = v;
    **tail = r;
    *tail = &r->next;
}

/* roles = [...]: one role per element; a literal that is not a list is one unreadable role
 * (AZ505 was reported); a reference stands for roles not known here. */
static void read_roles(struct lh *lh, struct az_lpolicy *p, const struct az_hcl_node *attr)
{
    struct az_lrole **tail = &p->roles;
    p->roles_loc = at(lh, &attr->at);
    const struct az_hcl_node *e = unparen(attr->a);
    enum vclass c = classify(e);
    if (e && e->kind == AZ_HCL_TUPLE) {
        for (const struct az_hcl_node *el = e->kids; el; el = el->next) {
            struct az_lval v = lval_of(lh, el);
            add_role(lh, &tail, v);
        }
        return;
    }
    if (lh->scope && c == V_REF) { /* roles = var.roles, local.roles: one role per element */
        const struct ev *x = eval(lh, attr->a, 0);
        if (x->k == EV_LIST) {
            for (size_t i = 0; i < x->n; i++) {
                const struct ev *el = x->items[i].v;
                struct az_lval v = {el->k == EV_STRING    ? AZ_LV_STRING
                                    : el->k == EV_UNKNOWN ? AZ_LV_REF
                                                          : AZ_LV_OTHER,
                                    el->s ? el->s : text_of(lh, &attr->a->loc),
                                    at(lh, &attr->a->loc)};
                add_role(lh, &tail, v);
            }
            return;
        }
    }
    struct az_lval v = lval_of(lh, attr->a);
    if (c != V_REF && c != V_LIST)
        v.kind = AZ_LV_OTHER;
    else if (v.kind != AZ_LV_REF)
        v.kind = AZ_LV_OTHER; /* evaluated to something that is not a list */
    add_role(lh, &tail, v);
}

/* ---- references to resource types that cannot exist -------------------------------------- */

static bool ref_root_skipped(const char *name)
{
    static const char *const roots[] = {"var",   "local", "module", "data",     "each",
                                        "count", "self",  "path",   "terraform"};
    for (size_t i = 0; i < COUNT(roots); i++)
        if (is(name, roots[i]))
            return true;
    return false;
}

static bool contains(const char *s, const char *w)
{
    return strstr(s, w) != NULL;
}

static bool name_char(char c)
{
    return c == '_' || c == '-' || (c >= '0' && c <= '9') ||
           ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The NAME of a reference whose TYPE ends before byte end (TYPE.NAME...), or NULL. */
static const char *ref_name(const struct lh *lh, uint32_t end)
{
    const struct az_source *src = lh->st->src;
    if (end >= src->len || src->text[end] != '.')
        return NULL;
    size_t k = end + 1;
    while (k < src->len && name_char(src->text[k]))
        k++;
    return k > end + 1 ? az_arena_strndup(lh->ctx->arena, src->text + end + 1, k - end - 1) : NULL;
}

/* Whether this file declares the block `kind "type" "name"` (a resource or a data source). */
static bool declares(const struct lh *lh, const char *kind, const char *type, const char *name)
{
    if (!lh->st->root) /* not known while the file is still being parsed (top_item) */
        return false;
    const char *addr = NULL;
    for (const struct az_hcl_node *n = lh->st->root->kids; n; n = n->next) {
        if (n->kind == AZ_HCL_BLOCK && is(n->text, kind) && n->nkids == 2 &&
            is(n->kids->text, type) && is(n->kids->next->text, name))
            return true;
        for (const struct az_hcl_linted *d = n->kind == AZ_HCL_LINTED ? n->linted : NULL; d;
             d = d->next) {
            if (!d->addr)
                continue;
            if (!addr)
                addr = is(kind, "data") ? az_arena_concat(lh->ctx->arena, "data.", type, ".",
                                                          name, (char *)NULL)
                                        : az_arena_concat(lh->ctx->arena, type, ".", name,
                                                          (char *)NULL);
            if (is(d->addr, addr))
                return true;
        }
    }
    return false;
}

/* Reference roots (TYPE of TYPE.NAME.attr, or data.TYPE) inside blk whose type holds a '-':
 * Terraform type names never do (IBM's documentation shows ibm_backup-policy_instance and
 * ibm_event-notification_instance). */
static void check_refs(struct lh *lh, const struct az_hcl_node *blk)
{
    const struct az_hcl_state *st = lh->st;
    while (lh->ref < st->nrefs && st->refs[lh->ref]->loc.off < blk->loc.off)
        lh->ref++;
    for (; lh->ref < st->nrefs; lh->ref++) {
        const struct az_hcl_node *r = st->refs[lh->ref];
        bool data = r->kind == AZ_HCL_GETATTR;
        const struct az_hcl_loc *l = data ? &r->at : &r->loc;
        if (l->off >= blk->loc.end)
            break;
        const char *name = r->text;
        if ((!data && ref_root_skipped(name)) || !strchr(name, '-') || !strchr(name, '_'))
            continue;
        const char *what = data ? "data source type" : "resource type";
        if (contains(name, "event") || contains(name, "notification"))
            report(lh, AZ_D_LINT_RESOURCE_TYPE, l,
                   "there is no %s '%s' (Terraform type names have no '-'); Event "
                   "Notifications instances are 'ibm_resource_instance' resources: write "
                   "ibm_resource_instance.NAME.guid",
                   what, shown(lh, name));
        else if (contains(name, "backup"))
            report(lh, AZ_D_LINT_RESOURCE_TYPE, l,
                   "there is no %s '%s' (Terraform type names have no '-'); backup policies "
                   "are 'ibm_is_backup_policy' resources",
                   what, shown(lh, name));
        else {
            char *fixed = az_arena_strdup(lh->ctx->arena, name);
            for (char *c = fixed; *c; c++)
                if (*c == '-')
                    *c = '_';
            struct az_diag *d =
                report(lh, AZ_D_LINT_RESOURCE_TYPE, l,
                       "there is no %s '%s' (Terraform type names have no '-'); did you mean '%s'?",
                       what, shown(lh, name), shown(lh, fixed));
            /* certain when this file declares the block the reference then names */
            const char *rn = ref_name(lh, l->end);
            if (rn && declares(lh, data ? "data" : "resource", fixed, rn))
                az_lint_fix_token(lh->ctx, d, at(lh, l), name, fixed);
        }
    }
}

/* ---- AZ810: a backup target named by resourceType ---------------------------------------- */

static const struct az_lattr *find_attr(const struct az_lattr *a, const char *name)
{
    for (; a; a = a->next)
        if (a->name.kind == AZ_LV_STRING && is(a->name.text, name))
            return a;
    return NULL;
}

static bool lv_is(const struct az_lval *v, const char *s)
{
    return v->kind == AZ_LV_STRING && is(v->text, s);
}

/* scalar: the resourceType came from target_resource_type (else an attribute block). */
static void check_resource_type(struct lh *lh, const struct az_lpolicy *p,
                                const struct az_lattr *scalar_rt)
{
    const struct az_lattr *rt = find_attr(p->resource, AZ_ATTR_RESOURCE_TYPE);
    if (lh->mute || !rt || rt->value.kind != AZ_LV_STRING)
        return;
    const struct az_target *t = az_rules_target(rt->value.text);
    if (!t || (t->flags & AZ_PER_INSTANCE))
        return;
    for (const struct az_lattr *a = p->resource; a; a = a->next)
        for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
            if (!(az_targets[i].flags & AZ_PER_INSTANCE) && lv_is(&a->name, az_targets[i].attr))
                return; /* scoped by the ID attribute: lint_check reads that */
    const struct az_lattr *sn = find_attr(p->resource, AZ_ATTR_SERVICE_NAME);
    if (sn && !lv_is(&sn->value, AZ_SUBJECT_SERVICE))
        return;
    const struct az_lattr *ssn = find_attr(p->subject, AZ_ATTR_SERVICE_NAME);
    const struct az_lattr *srt = find_attr(p->subject, AZ_ATTR_RESOURCE_TYPE);
    if (!ssn || !lv_is(&ssn->value, AZ_SUBJECT_SERVICE) ||
        (srt && !lv_is(&srt->value, AZ_SUBJECT_RESOURCE_TYPE)))
        return;
    bool tmpl = p->form == AZ_LFORM_TF_TEMPLATE;
    const char *how =
        rt == scalar_rt ? az_arena_printf(lh->ctx->arena, "target_resource_type = \"%s\"", t->name)
                        : az_arena_printf(lh->ctx->arena,
                                          "the resource attribute resourceType = "
                                          "\"%s\"",
                                          t->name);
    const char *fix =
        tmpl ? az_arena_printf(lh->ctx->arena,
                               "attributes { key = \"%s\" operator = \"stringExists\" value = "
                               "\"true\" }",
                               t->attr)
             : az_arena_printf(lh->ctx->arena,
                               "resource_attributes { name = \"%s\" operator = \"stringExists\" "
                               "value = \"true\" }",
                               t->attr);
    az_diag_report(lh->ctx, AZ_D_LINT_TF_RESOURCE_TYPE, rt->value.loc,
                   "%s names the backup target by resourceType; IBM documents the form that "
                   "scopes by %s with a wildcard: %s",
                   how, t->attr, fix);
}

/* Whether a recorded policy is an authorization a backup policy needs before it is created:
 * Backup for VPC on a VPC resource (Event Notifications only carry its events). */
static bool backup_subject(const struct az_lpolicy *p)
{
    const struct az_lattr *sn = find_attr(p->subject, "serviceName");
    const struct az_lattr *rt = find_attr(p->subject, "resourceType");
    const struct az_lattr *tn = find_attr(p->resource, "serviceName");
    return sn && rt && tn && lv_is(&sn->value, AZ_SUBJECT_SERVICE) &&
           lv_is(&rt->value, AZ_SUBJECT_RESOURCE_TYPE) && lv_is(&tn->value, AZ_SUBJECT_SERVICE);
}

/* ---- the module pass: evaluation across a folder, instances, ordering -------------------- */

static void say_unknown(struct lh *lh, struct az_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say_unknown(struct lh *lh, struct az_loc loc, const char *fmt, ...)
{
    if (!lh->scope || lh->why)
        return;
    va_list ap;
    va_start(ap, fmt);
    lh->why = az_arena_vprintf(lh->ctx->arena, fmt, ap);
    va_end(ap);
    lh->why_loc = loc;
}

static void unknown_attrs(struct lh *lh, const struct az_lattr *a, const char *side)
{
    for (; a; a = a->next) {
        if (a->name.kind == AZ_LV_REF)
            say_unknown(lh, a->name.loc, "the name of a %s attribute comes from %s", side,
                        shown(lh, a->name.text));
        else if (a->op.kind == AZ_LV_REF)
            say_unknown(lh, a->op.loc, "the operator of the %s attribute %s comes from %s", side,
                        shown(lh, a->name.text), shown(lh, a->op.text));
        else if (a->value.kind == AZ_LV_REF && a->name.kind == AZ_LV_STRING &&
                 !az_lint_attr_id_valued(a))
            say_unknown(lh, a->value.loc, "the value of the %s attribute %s comes from %s", side,
                        shown(lh, a->name.text), shown(lh, a->value.text));
        else if (a->value.kind == AZ_LV_REF && a->name.kind == AZ_LV_STRING &&
                 is(a->name.text, AZ_ATTR_ACCOUNT_ID) &&
                 az_lint_account_ref(a->value.text) == AZ_LINT_ACCOUNT_AFTER_APPLY)
            say_unknown(lh, a->value.loc,
                        "the %s accountId comes from %s (only "
                        "data.ibm_iam_account_settings.NAME.account_id itself is the current "
                        "account)",
                        side, shown(lh, a->value.text));
    }
}

/* What of p is not known (attribute names, operators, values other than IDs, roles). */
static void scan_unknowns(struct lh *lh, const struct az_lpolicy *p)
{
    if (az_lint_subject_foreign(p)) {
        lh->foreign = true;
        return;
    }
    unknown_attrs(lh, p->subject, "subject");
    unknown_attrs(lh, p->resource, "resource");
    for (const struct az_lrole *r = p->roles; r; r = r->next)
        if (r->role.kind == AZ_LV_REF)
            say_unknown(lh, r->role.loc, "the roles come from %s", shown(lh, r->role.text));
}

/* Attribute names that are references stay unknown: recorded as unreadable, so that
 * lint_check.c says nothing that depends on them (no "names no target"). After scan_unknowns. */
static void names_unreadable(struct az_lpolicy *p)
{
    struct az_lattr *sides[2] = {p->subject, p->resource};
    for (size_t i = 0; i < 2; i++)
        for (struct az_lattr *a = sides[i]; a; a = a->next)
            if (a->name.kind == AZ_LV_REF)
                a->name.kind = AZ_LV_OTHER;
}

/* An attribute lint could not read (a dynamic block over an unknown collection): the side is
 * then unreadable, and lint_check.c says nothing that depends on it. */
static void add_unreadable(struct lh *lh, struct az_lattr ***tail, const struct az_hcl_node *n,
                           const char *what)
{
    struct az_lval nm = {AZ_LV_OTHER, what, at(lh, &n->at)};
    add_attr(lh, tail, nm, none(), none(), at(lh, &n->at));
}

static const struct az_hcl_node *body_attr(const struct az_hcl_node *body, const char *name)
{
    for (const struct az_hcl_node *n = body->kids; n; n = n->next)
        if (n->kind == AZ_HCL_ATTR && is(n->text, name))
            return n;
    return NULL;
}

static const struct az_hcl_node *body_block(const struct az_hcl_node *body, const char *name)
{
    for (const struct az_hcl_node *n = body->kids; n; n = n->next)
        if (n->kind == AZ_HCL_BLOCK && is(n->text, name))
            return n;
    return NULL;
}

/* The key and value of element i of a collection being iterated (a map: its key; a set: the
 * element; a list: the index). */
static void iter_item(struct lh *lh, const struct ev *c, size_t i, const struct ev **key,
                      const struct ev **value)
{
    *value = c->items[i].v;
    if (c->k == EV_MAP)
        *key = ev_new(lh, EV_STRING, c->items[i].key);
    else if (c->set)
        *key = *value;
    else
        *key = ev_new(lh, EV_NUMBER, az_arena_printf(lh->ctx->arena, "%zu", i));
}

/* dynamic "subject_attributes" / "resource_attributes" { for_each iterator content }: one
 * attribute per element when the collection is known, else one unreadable attribute. */
static void expand_dynamic(struct lh *lh, const struct az_hcl_node *dyn, bool tmpl,
                           struct az_lattr ***tail)
{
    const char *label = dyn->kids ? dyn->kids->text : "";
    const struct az_hcl_node *fe = body_attr(dyn->a, "for_each");
    const struct az_hcl_node *itn = body_attr(dyn->a, "iterator");
    const struct az_hcl_node *content = body_block(dyn->a, "content");
    const char *name = label;
    if (itn && unparen(itn->a) && unparen(itn->a)->kind == AZ_HCL_VAR)
        name = unparen(itn->a)->text;
    const struct ev *c = fe && lh->scope ? eval(lh, fe->a, 0) : NULL;
    struct hscope *sc = lh->scope;
    if (!c || !content || !ev_collection(c) || c->n > MAX_INSTANCES || sc->nit == MAX_ITERS) {
        if (fe && c && c->k == EV_UNKNOWN)
            say_unknown(lh, at(lh, &fe->a->loc), "the %s blocks come from a dynamic block over %s",
                        label, shown(lh, text_of(lh, &fe->a->loc)));
        else
            say_unknown(lh, at(lh, &dyn->at), "the %s blocks come from a dynamic block", label);
        add_unreadable(lh, tail, dyn, az_arena_printf(lh->ctx->arena, "dynamic \"%s\"", label));
        return;
    }
    bool mute = lh->mute;
    sc->it[sc->nit].name = name;
    sc->nit++;
    for (size_t i = 0; i < c->n; i++) {
        iter_item(lh, c, i, &sc->it[sc->nit - 1].key, &sc->it[sc->nit - 1].value);
        lh->mute = mute || i > 0;
        attr_block(lh, content, tmpl, tail);
    }
    sc->nit--;
    lh->mute = mute;
}

/* ---- ibm_iam_authorization_policy -------------------------------------------------------- */

static struct az_lpolicy *new_policy(struct lh *lh, enum az_lform form,
                                     const struct az_hcl_node *blk, const char *type,
                                     const char *name)
{
    struct az_lpolicy *p = az_arena_alloc(lh->ctx->arena, sizeof *p);
    struct az_hcl_loc h = header(blk);
    p->form = form;
    p->loc = at(lh, &h);
    if (lh->addr && (!lh->inst || !lh->inst[0])) /* the same text: one copy */
        p->label = lh->addr;
    else
        p->label = az_arena_concat(lh->ctx->arena, type, ".", name, lh->inst ? lh->inst : "",
                                   (char *)NULL);
    p->name_findings = lh->inst && lh->inst[0];
    p->type = none();
    p->description = none();
    p->tmpl_name = none();
    p->tmpl_account = none();
    p->src = lh->src;
    return p;
}

/* The scalar arguments of one side conflict with its attribute blocks (AZ804). */
static void conflicts(struct lh *lh, const struct body_check *bc, const struct az_hcl_node *body,
                      bool subject, const struct az_hcl_node *blocks)
{
    if (!blocks)
        return;
    const char *bname = subject ? "subject_attributes" : "resource_attributes";
    for (const struct az_hcl_node *n = body->kids; n; n = n->next) {
        const struct az_tf_scalar *s =
            n->kind == AZ_HCL_ATTR ? az_tf_scalar_find(item_name(bc, n)) : NULL;
        if (!s || s->subject != subject)
            continue;
        struct az_diag *d =
            report(lh, AZ_D_LINT_TF_CONFLICT, &n->loc,
                   "'%s' conflicts with the %s blocks of this policy (the provider refuses "
                   "both); keep the blocks and write it as one of them: %s { name = \"%s\" "
                   "value = ... }",
                   s->arg, bname, bname, s->attr);
        az_diag_note(lh->ctx, d, at(lh, &blocks->at), "the %s are written here", bname);
    }
}

/* The specs of ibm_iam_authorization_policy that lint_policy reads by index (every policy
 * of a generated file asks for several: no lookup by name). */
enum {
    P_ROLES,
    P_DESCRIPTION,
    P_SOURCE_SERVICE_NAME = 3,
    P_SOURCE_RESOURCE_GROUP_ID = 7,
    P_TARGET_SERVICE_NAME,
    P_TARGET_RESOURCE_TYPE,
    P_SUBJECT_ATTRIBUTES = 12,
    P_RESOURCE_ATTRIBUTES,
    P_VERSION,
};

static void lint_policy(struct lh *lh, const struct az_hcl_node *blk, const char *name)
{
    static const struct spec specs[] = {
        [P_ROLES] = {NM("roles"), S_REQ | S_LIST, "[\"Operator\"]"},
        [P_DESCRIPTION] = {NM("description"), 0, "\"...\""},
        {NM("transaction_id"), 0, NULL},
        [P_SOURCE_SERVICE_NAME] = {NM("source_service_name"), 0, "\"is\""},
        {NM("source_resource_type"), 0, "\"backup-policy\""},
        {NM("source_service_account"), 0, NULL},
        {NM("source_resource_instance_id"), 0, NULL},
        [P_SOURCE_RESOURCE_GROUP_ID] = {NM("source_resource_group_id"), 0, NULL},
        [P_TARGET_SERVICE_NAME] = {NM("target_service_name"), 0, "\"is\""},
        [P_TARGET_RESOURCE_TYPE] = {NM("target_resource_type"), 0, NULL},
        {NM("target_resource_instance_id"), 0, NULL},
        {NM("target_resource_group_id"), 0, NULL},
        [P_SUBJECT_ATTRIBUTES] = {NM("subject_attributes"), S_BLOCK | S_MULTI,
                                  "{ name = \"serviceName\" value = \"is\" }"},
        [P_RESOURCE_ATTRIBUTES] = {NM("resource_attributes"), S_BLOCK | S_MULTI,
                                   "{ name = \"serviceName\" value = \"is\" }"},
        [P_VERSION] = {NM("version"), S_COMPUTED, NULL},
        META_SPECS,
    };
    struct body_check bc;
    char what[256];
    body_check_init(&bc, specs, COUNT(specs),
                    type_dot_name(lh, what, sizeof what, TF_POLICY, name),
                    "(it takes roles, description, subject_attributes and resource_attributes "
                    "blocks, and source_* and target_* arguments)");
    struct az_hcl_loc h = header(blk);
    const struct az_hcl_node *body = blk->a;
    check_body(lh, &bc, body, &h);

    struct az_lpolicy *p = new_policy(lh, AZ_LFORM_TF_POLICY, blk, TF_POLICY, name);
    struct az_lattr **subj = &p->subject, **res = &p->resource;
    const struct az_lattr *scalar_rt = NULL;
    for (const struct az_hcl_node *n = body->kids; n; n = n->next) {
        const char *name_as = item_name(&bc, n);
        if (n->kind == AZ_HCL_BLOCK) {
            if (is(name_as, "subject_attributes"))
                attr_block(lh, n, false, &subj);
            else if (is(name_as, "resource_attributes"))
                attr_block(lh, n, false, &res);
            else if (is(name_as, "dynamic") && n->nkids == 1 &&
                     (is(n->kids->text, "subject_attributes") ||
                      is(n->kids->text, "resource_attributes")))
                expand_dynamic(lh, n, false, is(n->kids->text, "subject_attributes") ? &subj : &res);
            continue;
        }
        const struct az_tf_scalar *s = az_tf_scalar_find(name_as);
        if (s) {
            struct az_lval nm = {AZ_LV_STRING, s->attr, at(lh, &n->at)};
            struct az_lattr ***tail = s->subject ? &subj : &res;
            const struct az_lattr *a =
                add_attr(lh, tail, nm, none(), lval_of(lh, n->a), at(lh, &n->loc));
            if (is(s->arg, "target_resource_type") && !scalar_rt)
                scalar_rt = a;
        } else if (n == bc.slot[P_ROLES]) {
            read_roles(lh, p, n);
        } else if (n == bc.slot[P_DESCRIPTION]) {
            p->description = lval_of(lh, n->a);
        }
    }
    conflicts(lh, &bc, body, true, bc.slot[P_SUBJECT_ATTRIBUTES]);
    conflicts(lh, &bc, body, false, bc.slot[P_RESOURCE_ATTRIBUTES]);
    if (!has_at(&bc, P_SOURCE_SERVICE_NAME) && !has_at(&bc, P_SOURCE_RESOURCE_GROUP_ID) &&
        !has_at(&bc, P_SUBJECT_ATTRIBUTES))
        report(lh, AZ_D_LINT_MISSING_KEY, &h,
               "%s names no source: add subject_attributes blocks (serviceName \"is\", "
               "resourceType \"backup-policy\", accountId) or source_service_name",
               bc.what);
    if (!has_at(&bc, P_TARGET_SERVICE_NAME) && !has_at(&bc, P_TARGET_RESOURCE_TYPE) &&
        !has_at(&bc, P_RESOURCE_ATTRIBUTES))
        report(lh, AZ_D_LINT_MISSING_KEY, &h,
               "%s names no target: add resource_attributes blocks (serviceName, accountId "
               "and the target's ID attribute) or target_service_name",
               bc.what);
    check_resource_type(lh, p, scalar_rt);
    scan_unknowns(lh, p);
    names_unreadable(p);
    if (lh->no_add)
        return;
    if (backup_subject(p))
        lh->backup_authz = true;
    az_lint_add_policy(lh->f, p);
}

/* ---- ibm_iam_policy_template ------------------------------------------------------------- */

/* subject { attributes {...} } or resource { attributes {...} tags {...} } */
static void template_side(struct lh *lh, const struct az_hcl_node *blk, bool subject,
                          struct az_lattr **head)
{
    static const struct spec subject_specs[] = {
        {NM("attributes"), S_BLOCK | S_MULTI | S_REQ,
         "{ key = \"serviceName\" operator = \"stringEquals\" value = \"is\" }"},
    };
    static const struct spec resource_specs[] = {
        {NM("attributes"), S_BLOCK | S_MULTI | S_REQ,
         "{ key = \"serviceName\" operator = \"stringEquals\" value = \"is\" }"},
        {NM("tags"), S_BLOCK | S_MULTI, NULL},
    };
    struct body_check bc;
    body_check_init(&bc, subject ? subject_specs : resource_specs, subject ? 1 : 2,
                    subject ? "the policy's subject block" : "the policy's resource block",
                    subject ? "(it takes attributes blocks)"
                            : "(it takes attributes and tags blocks)");
    struct az_hcl_loc h = header(blk);
    check_body(lh, &bc, blk->a, &h);
    struct az_lattr **tail = head;
    while (*tail)
        tail = &(*tail)->next;
    for (const struct az_hcl_node *n = blk->a->kids; n; n = n->next) {
        if (n->kind != AZ_HCL_BLOCK)
            continue;
        const char *name_as = item_name(&bc, n);
        if (is(name_as, "attributes")) {
            attr_block(lh, n, true, &tail);
        } else if (is(name_as, "tags")) {
            struct spec ts[3] = {
                {NM("key"), S_REQ, NULL}, {NM("value"), S_REQ, NULL}, {NM("operator"), 0, NULL}};
            struct body_check tc;
            body_check_init(&tc, ts, 3, "this tags block", "(it takes key, value and operator)");
            struct az_hcl_loc th = header(n);
            check_body(lh, &tc, n->a, &th);
        }
    }
}

static void lint_template(struct lh *lh, const struct az_hcl_node *blk, const char *name)
{
    static const struct spec specs[] = {
        {NM("name"), S_REQ, "\"backup-for-vpc-volume\""},
        {NM("description"), 0, NULL},
        {NM("committed"), 0, "true"},
        {NM("policy"), S_BLOCK | S_REQ, "{ type = \"authorization\" ... }"},
        {NM("template_id"), S_COMPUTED, NULL},
        {NM("version"), S_COMPUTED, NULL},
        {NM("account_id"), S_COMPUTED, NULL},
        META_SPECS,
    };
    static const struct spec policy_specs[] = {
        {NM("type"), S_REQ, "\"authorization\""},
        {NM("description"), 0, NULL},
        {NM("roles"), S_LIST, "[\"Operator\"]"},
        {NM("subject"), S_BLOCK, "{ attributes { key = ... operator = ... value = ... } }"},
        {NM("resource"), S_BLOCK, "{ attributes { key = ... operator = ... value = ... } }"},
        {NM("role_template_references"), S_BLOCK | S_MULTI, "{ id = ... version = ... }"},
        {NM("pattern"), 0, NULL},
        {NM("rule_conditions"), S_BLOCK | S_MULTI | S_QUIET, NULL},
        {NM("rule_operator"), 0, NULL},
        {NM("rule"), S_BLOCK | S_MULTI | S_QUIET, NULL}, /* in the provider's docs */
        {NM("dynamic"), S_META | S_BLOCK | S_MULTI, NULL},
    };
    struct body_check bc;
    char what[256];
    body_check_init(&bc, specs, COUNT(specs),
                    type_dot_name(lh, what, sizeof what, TF_TEMPLATE, name),
                    "(it takes name, description, committed and a policy block)");
    struct az_hcl_loc h = header(blk);
    check_body(lh, &bc, blk->a, &h);
    const struct az_hcl_node *pol = slot(&bc, "policy");
    if (!pol)
        return;

    struct body_check pc;
    body_check_init(&pc, policy_specs, COUNT(policy_specs), "the policy block",
                    "(it takes type, description, roles, subject and resource blocks, "
                    "role_template_references, pattern, rule_conditions and rule_operator)");
    struct az_hcl_loc ph = header(pol);
    check_body(lh, &pc, pol->a, &ph);

    struct az_lpolicy *p = new_policy(lh, AZ_LFORM_TF_TEMPLATE, blk, TF_TEMPLATE, name);
    const struct az_hcl_node *n;
    if ((n = slot(&bc, "name")))
        p->tmpl_name = lval_of(lh, n->a);
    if ((n = slot(&pc, "type")))
        p->type = lval_of(lh, n->a);
    if ((n = slot(&pc, "description")))
        p->description = lval_of(lh, n->a);
    if ((n = slot(&pc, "subject")))
        template_side(lh, n, true, &p->subject);
    if ((n = slot(&pc, "resource")))
        template_side(lh, n, false, &p->resource);
    if ((n = slot(&pc, "roles"))) {
        read_roles(lh, p, n);
    } else if ((n = slot(&pc, "role_template_references"))) {
        /* roles come from role templates: not known here */
        struct az_lrole **tail = &p->roles;
        struct az_lval v = {AZ_LV_REF, "role_template_references", at(lh, &n->at)};
        add_role(lh, &tail, v);
        p->roles_loc = v.loc;
        for (const struct az_hcl_node *r = pol->a->kids; r; r = r->next) {
            if (r->kind != AZ_HCL_BLOCK || !is(item_name(&pc, r), "role_template_references"))
                continue;
            struct spec rs[2] = {{NM("id"), S_REQ, NULL}, {NM("version"), S_REQ, NULL}};
            struct body_check rc;
            body_check_init(&rc, rs, 2, "this role_template_references block",
                            "(it takes id and version)");
            struct az_hcl_loc rh = header(r);
            check_body(lh, &rc, r->a, &rh);
        }
    } else if (!has(&pc, "role_template_references") && !has(&pc, "roles")) {
        report(lh, AZ_D_LINT_MISSING_KEY, &ph,
               "the policy block has no roles; add roles = [\"Operator\"] (display names)");
    }
    if (has_dynamic(&pc, "subject") || has_dynamic(&pc, "resource")) {
        say_unknown(lh, p->loc, "the template's %s comes from a dynamic block",
                    has_dynamic(&pc, "subject") ? "subject" : "resource");
        return;
    }
    check_resource_type(lh, p, NULL);
    scan_unknowns(lh, p);
    names_unreadable(p);
    if (!lh->no_add)
        az_lint_add_policy(lh->f, p);
}

/* ---- ibm_iam_policy_assignment ----------------------------------------------------------- */

/* The name of an object key: a bare name or a literal string. */
static const char *key_name(const struct lh *lh, const struct az_hcl_node *k)
{
    k = unparen(k);
    if (k && k->kind == AZ_HCL_VAR)
        return k->text;
    if (literal_template(k))
        return template_text(lh, k);
    return NULL;
}

static bool id_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static void assignment_target(struct lh *lh, const struct az_hcl_node *attr)
{
    const struct az_hcl_node *obj = unparen(attr->a);
    if (!obj || obj->kind != AZ_HCL_OBJECT)
        return; /* a reference, or a type reported already */
    const struct az_hcl_node *type = NULL, *id = NULL;
    for (const struct az_hcl_node *it = obj->kids; it; it = it->next) {
        const char *k = key_name(lh, it->a);
        if (is(k, "type") && !type) {
            type = it->b;
        } else if (is(k, "id") && !id) {
            id = it->b;
        } else if (k) {
            static const char *const keys[] = {"type", "id"};
            const char *best = az_suggest_best(k, keys, 2);
            if (best)
                report(lh, AZ_D_LINT_UNKNOWN_KEY, &it->a->loc,
                       "unknown key '%s' in the assignment's target; did you mean '%s'?",
                       shown(lh, k), best);
            else
                report(lh, AZ_D_LINT_UNKNOWN_KEY, &it->a->loc,
                       "unknown key '%s' in the assignment's target (it takes type and id)",
                       shown(lh, k));
        }
    }
    if (!type)
        report(lh, AZ_D_LINT_MISSING_KEY, &obj->loc,
               "the assignment's target has no type; add type = \"Account\" (or \"AccountGroup\")");
    if (!id)
        report(lh, AZ_D_LINT_MISSING_KEY, &obj->loc,
               "the assignment's target has no id; add id = \"<account or account group ID>\"");
    if (type && classify(type) == V_STRING) {
        static const char *const types[] = {"Account", "AccountGroup", "Enterprise"};
        const char *t = template_text(lh, unparen(type));
        if (!is(t, types[0]) && !is(t, types[1]) && !is(t, types[2])) {
            char *squeezed = az_arena_strdup(lh->ctx->arena, t), *o = squeezed;
            for (const char *c = t; *c; c++)
                if (*c != ' ')
                    *o++ = *c;
            *o = '\0';
            const char *best = az_suggest_best(squeezed, types, 3);
            if (best)
                report(lh, AZ_D_LINT_TYPE, &type->loc,
                       "the target type \"%s\" is not one IAM has (Account, AccountGroup or "
                       "Enterprise); did you mean \"%s\"?",
                       shown(lh, t), best);
            else
                report(lh, AZ_D_LINT_TYPE, &type->loc,
                       "the target type \"%s\" is not one IAM has (Account, AccountGroup or "
                       "Enterprise)",
                       shown(lh, t));
        }
    } else if (type && classify(type) != V_REF) {
        report(lh, AZ_D_LINT_TYPE, &type->loc,
               "the target type must be a string such as \"Account\", not %s",
               class_name(classify(type)));
    }
    if (id && classify(id) == V_STRING) {
        const char *s = template_text(lh, unparen(id));
        size_t n = strlen(s);
        bool ok = n >= 1 && n <= 32;
        for (size_t i = 0; ok && i < n; i++)
            ok = id_char(s[i]);
        if (!ok)
            report(lh, AZ_D_BAD_ASSIGN_ID, &id->loc,
                   "the target ID \"%s\" is not 1 to 32 letters, digits and '-' (an account or "
                   "account group ID)",
                   shown(lh, s));
    } else if (id && classify(id) != V_REF) {
        report(lh, AZ_D_LINT_TYPE, &id->loc, "the target id must be a string, not %s",
               class_name(classify(id)));
    }
}

static void lint_assignment(struct lh *lh, const struct az_hcl_node *blk, const char *name)
{
    static const struct spec specs[] = {
        {NM("version"), S_REQ, "\"1.0\""},
        {NM("target"), S_REQ | S_MAP, "{ type = \"Account\", id = \"...\" }"},
        {NM("templates"), S_BLOCK | S_REQ,
         "{ id = ibm_iam_policy_template.NAME.template_id version = "
         "ibm_iam_policy_template.NAME.version }"},
        {NM("template_version"), 0, NULL},
        {NM("accept_language"), 0, NULL},
        {NM("timeouts"), S_BLOCK | S_QUIET, NULL},
        {NM("account_id"), S_COMPUTED, NULL},
        {NM("href"), S_COMPUTED, NULL},
        {NM("created_at"), S_COMPUTED, NULL},
        {NM("created_by_id"), S_COMPUTED, NULL},
        {NM("last_modified_at"), S_COMPUTED, NULL},
        {NM("last_modified_by_id"), S_COMPUTED, NULL},
        {NM("resources"), S_COMPUTED, NULL},
        {NM("status"), S_COMPUTED, NULL},
        {NM("subject"), S_COMPUTED, NULL},
        META_SPECS,
    };
    lh->f->assigns = true;
    struct body_check bc;
    char what[256];
    body_check_init(&bc, specs, COUNT(specs),
                    type_dot_name(lh, what, sizeof what, TF_ASSIGNMENT, name),
                    "(it takes version, target, a templates block, template_version and "
                    "accept_language)");
    struct az_hcl_loc h = header(blk);
    check_body(lh, &bc, blk->a, &h);
    const struct az_hcl_node *n;
    if ((n = slot(&bc, "target")))
        assignment_target(lh, n);
    if ((n = slot(&bc, "templates"))) {
        struct spec ts[2] = {{NM("id"), S_REQ, "ibm_iam_policy_template.NAME.template_id"},
                             {NM("version"), S_REQ, "ibm_iam_policy_template.NAME.version"}};
        struct body_check tc;
        body_check_init(&tc, ts, 2, "the templates block", "(it takes id and version)");
        struct az_hcl_loc th = header(n);
        check_body(lh, &tc, n->a, &th);
        const struct az_hcl_node *v = tc.slot[1];
        if (v && classify(v->a) == V_STRING) {
            const char *s = template_text(lh, unparen(v->a));
            bool ok = s[0] != '\0';
            for (const char *c = s; ok && *c; c++)
                ok = *c >= '0' && *c <= '9';
            if (!ok)
                report(lh, AZ_D_LINT_TYPE, &v->a->loc,
                       "the template version \"%s\" must be a string of digits, such as \"1\"",
                       shown(lh, s));
        }
    }
}

/* One resource of the three, once per instance of its for_each or count. */
static void lint_instances(struct lh *lh, const struct az_hcl_node *blk, const char *type,
                           const char *name)
{
    struct hscope scope = {0};
    lh->scope = &scope;
    lh->why = NULL;
    lh->foreign = false;
    lh->inst = "";
    lh->no_add = false;
    const struct az_hcl_node *fe = body_attr(blk->a, "for_each");
    const struct az_hcl_node *cnt = body_attr(blk->a, "count");
    const struct ev *c = fe ? eval(lh, fe->a, 0) : cnt ? eval(lh, cnt->a, 0) : NULL;
    size_t n = 1;
    bool known = true;
    if (c && fe) {
        known = (c->k == EV_MAP || (c->k == EV_LIST && c->set)) && c->n <= MAX_INSTANCES;
        if (c->k == EV_UNKNOWN)
            say_unknown(lh, at(lh, &fe->a->loc), "the instances come from for_each = %s",
                        shown(lh, text_of(lh, &fe->a->loc)));
        else if (!known)
            say_unknown(lh, at(lh, &fe->a->loc),
                        "for_each is %s; lint expands a map or a set (toset([...])) of at most "
                        "%d elements",
                        c->k == EV_LIST ? "a list" : "not a map or a set", MAX_INSTANCES);
        n = known ? c->n : 1;
    } else if (c) {
        char *end = NULL;
        unsigned long v = c->k == EV_NUMBER ? strtoul(c->s, &end, 10) : 0;
        known = c->k == EV_NUMBER && end && *end == '\0' && v <= MAX_INSTANCES;
        if (c->k == EV_UNKNOWN)
            say_unknown(lh, at(lh, &cnt->a->loc), "the instances come from count = %s",
                        shown(lh, text_of(lh, &cnt->a->loc)));
        else if (!known)
            say_unknown(lh, at(lh, &cnt->a->loc),
                        "count is not a whole number of at most %d", MAX_INSTANCES);
        n = known ? v : 1;
    }
    if (!known) { /* read once for its shape; what it says is not known */
        lh->no_add = true;
        n = 1;
    }
    for (size_t i = 0; i < n; i++) {
        lh->mute = i > 0;
        if (known && fe) {
            iter_item(lh, c, i, &scope.each_key, &scope.each_value);
            lh->inst = az_arena_printf(lh->ctx->arena, "[\"%s\"]", shown(lh, scope.each_key->s));
        } else if (known && cnt) {
            scope.count_index = ev_new(lh, EV_NUMBER, az_arena_printf(lh->ctx->arena, "%zu", i));
            lh->inst = az_arena_printf(lh->ctx->arena, "[%zu]", i);
        }
        if (is(type, TF_POLICY))
            lint_policy(lh, blk, name);
        else if (is(type, TF_TEMPLATE))
            lint_template(lh, blk, name);
        else if (i == 0)
            lint_assignment(lh, blk, name);
    }
    lh->mute = false;
    if (lh->why && !lh->foreign) {
        lh->f->unevaluated = true; /* no AZ404 for its units (lint_check.c) */
        az_diag_report(lh->ctx, AZ_D_LINT_NOT_EVALUATED, lh->why_loc,
                       "not checked: %s, which lint cannot evaluate before plan (lint the "
                       "plan's JSON to check it)",
                       lh->why);
    }
    lh->scope = NULL;
    lh->inst = "";
    lh->no_add = false;
}


/* ---- resource types ---------------------------------------------------------------------- */

/* Whether the reference root r (TYPE) is followed by ".NAME". */
static bool refers_to(const struct lh *lh, const struct az_hcl_node *r, const char *name)
{
    const char *n = ref_name(lh, r->loc.end);
    return n && is(n, name);
}

/* Whether a block read as it was parsed (its tree released, top_item) refers to the
 * resource TYPE.NAME: its references can no longer be renamed. */
static bool released_refers(const struct lh *lh, const char *type, const char *name)
{
    const char *addr = az_arena_concat(lh->ctx->arena, type, ".", name, (char *)NULL);
    for (const struct az_hcl_node *n = lh->st->root->kids; n; n = n->next)
        for (const struct az_hcl_linted *d = n->kind == AZ_HCL_LINTED ? n->linted : NULL; d;
             d = d->next)
            for (size_t i = 0; i < d->nrefs; i++)
                if (is(d->refs[i], addr))
                    return true;
    return false;
}

/* The fix of AZ604 for a resource type close to one of the three: the type renamed in its
 * block's label and in every reference of this file to that block (TYPE.NAME...). A
 * reference from another file of the module is left as it is: it named a type that does
 * not exist. */
static void fix_type_name(struct lh *lh, struct az_diag *d, const struct az_hcl_node *label,
                          const char *right)
{
    const char *type = label->text;
    const struct az_hcl_node *name = label->next;
    struct az_arena *ar = lh->ctx->arena;
    if (d && (!lh->st->root || (name && released_refers(lh, type, name->text)))) {
        az_fix_drop(d); /* a reference it would have to rename is no longer a tree */
        return;
    }
    if (!d || !name ||
        !az_lint_fix_token(lh->ctx, d, at(lh, &label->loc), az_arena_printf(ar, "\"%s\"", type),
                           az_arena_printf(ar, "\"%s\"", right)))
        return;
    const struct az_hcl_state *st = lh->st;
    for (size_t i = 0; i < st->nrefs; i++) {
        const struct az_hcl_node *r = st->refs[i];
        if (r->kind != AZ_HCL_GETATTR && is(r->text, type) && refers_to(lh, r, name->text) &&
            !az_lint_fix_token(lh->ctx, d, at(lh, &r->loc), type, right))
            return;
    }
}

/* A resource type close to one of the three: AZ604 with the one meant. */
static void check_type_name(struct lh *lh, const struct az_hcl_node *label)
{
    const char *type = label->text;
    if (is(type, "ibm_iam_authorization_policy_template")) {
        report(lh, AZ_D_LINT_RESOURCE_TYPE, &label->loc,
               "there is no resource type '%s': authorization templates are '%s' resources "
               "with policy { type = \"authorization\" ... }",
               type, TF_TEMPLATE);
        return;
    }
    static const char *const ours[] = {TF_POLICY, TF_TEMPLATE, TF_ASSIGNMENT};
    const char *best = NULL;
    size_t bd = 4;
    bool tie = false;
    for (size_t i = 0; i < COUNT(ours); i++) {
        size_t d = az_suggest_distance(type, ours[i], 3);
        tie = d == bd || (tie && d > bd);
        if (d < bd) {
            bd = d;
            best = ours[i];
        }
    }
    if (best) {
        struct az_diag *d =
            report(lh, AZ_D_LINT_RESOURCE_TYPE, &label->loc,
                   "there is no resource type '%s'; did you mean '%s'?", shown(lh, type), best);
        if (!tie)
            fix_type_name(lh, d, label, best);
    }
}

static void lint_resource(struct lh *lh, const struct az_hcl_node *blk)
{
    const struct az_hcl_node *type = blk->kids;
    if (!type)
        return;
    bool ours =
        is(type->text, TF_POLICY) || is(type->text, TF_TEMPLATE) || is(type->text, TF_ASSIGNMENT);
    if (!ours) {
        check_type_name(lh, type);
        return;
    }
    if (blk->nkids != 2) {
        struct az_hcl_loc h = header(blk);
        report(lh, AZ_D_LINT_MISSING_KEY, &h,
               "a resource block takes a type and a name: resource \"%s\" \"NAME\" { ... }",
               type->text);
        return;
    }
    lint_instances(lh, blk, type->text, type->next->text);
    check_refs(lh, blk);
}

/* A call of a local module (`module "x" { source = "./modules/iam" }`): recorded in the
 * model, because the module's policies belong to the calling root module's deployment
 * unit (lint_units.c). Registry and Git sources are not local: they are passed over. */
static void record_call(struct lh *lh, const struct az_hcl_node *blk)
{
    if (!blk->a)
        return;
    for (const struct az_hcl_node *n = blk->a->kids; n; n = n->next) {
        if (n->kind != AZ_HCL_ATTR || !is(n->text, "source"))
            continue;
        struct az_lval v = lval_of(lh, n->a);
        if (v.kind != AZ_LV_STRING ||
            (strncmp(v.text, "./", 2) != 0 && strncmp(v.text, "../", 3) != 0))
            return;
        struct az_lref *r = az_arena_alloc(lh->ctx->arena, sizeof *r);
        r->path = v.text;
        r->loc = v.loc;
        az_lint_add_call(lh->f, r);
        return;
    }
}

/* ---- the module pass ----------------------------------------------------------------------- */

/* One authorization (or module call of them) the backup policies must come after. */
struct needed {
    const char *addr, *fix;
    struct az_loc decl; /* its header */
};

/* A folder of .tf files: one Terraform module. */
struct hfolder {
    const char *dir; /* normalised: "." or "a/b" */
    struct hmod mod;
    struct az_lhcl **files;
    size_t n, cap;
    bool has_authz; /* Backup for VPC authorizations (ibm_iam_authorization_policy) */
    bool has_ready; /* output "ready" */
    struct needed *need; /* its own authorizations (nneed) */
    size_t nneed;
    struct hfolder *next;
};

/* path without "." components, with "x/.." removed where it can be: "./a/../b" -> "b". */
static const char *normalise(struct az_arena *ar, const char *path)
{
    size_t n = strlen(path);
    const char **parts = az_arena_alloc(ar, sizeof *parts * (n / 2 + 2));
    size_t np = 0;
    bool abs = path[0] == '/';
    for (const char *s = path; *s;) {
        size_t len = strcspn(s, "/");
        const char *part = az_arena_strndup(ar, s, len);
        if (len == 0 || is(part, ".")) {
            /* nothing */
        } else if (is(part, "..") && np > 0 && !is(parts[np - 1], "..")) {
            np--;
        } else if (!(is(part, "..") && abs && np == 0)) {
            parts[np++] = part;
        }
        s += len;
        if (*s == '/')
            s++;
    }
    const char *out = abs ? "/" : "";
    for (size_t i = 0; i < np; i++)
        out = az_arena_concat(ar, out, i ? "/" : "", parts[i], (char *)NULL);
    return *out ? out : ".";
}

static const char *dir_of(struct az_arena *ar, const char *file)
{
    const char *slash = strrchr(file, '/');
    return normalise(ar, slash ? az_arena_strndup(ar, file, (size_t)(slash - file + 1)) : ".");
}

/* The literal text of an attribute's value, or NULL. */
static const char *literal_of(const struct lh *lh, const struct az_hcl_node *attr)
{
    const struct az_hcl_node *e = attr ? unparen(attr->a) : NULL;
    return literal_template(e) ? template_text(lh, e) : NULL;
}

/* variable "x" { default = ... } and locals { x = ... } of one file into its module. */
static void collect_decls(struct az_lhcl *h, struct hmod *mod)
{
    struct lh *lh = &h->lh;
    for (const struct az_hcl_node *n = h->st.root->kids; n; n = n->next) {
        if (n->kind != AZ_HCL_BLOCK)
            continue;
        if (is(n->text, "variable") && n->nkids == 1) {
            struct hdecl *d = az_arena_alloc(lh->ctx->arena, sizeof *d);
            const struct az_hcl_node *def = body_attr(n->a, "default");
            d->expr = def ? def->a : NULL;
            d->lh = lh;
            *az_strmap_slot(&mod->vars, n->kids->text) = d;
        } else if (is(n->text, "locals") && n->nkids == 0) {
            for (const struct az_hcl_node *a = n->a->kids; a; a = a->next) {
                if (a->kind != AZ_HCL_ATTR)
                    continue;
                struct hdecl *d = az_arena_alloc(lh->ctx->arena, sizeof *d);
                d->expr = a->a;
                d->lh = lh;
                *az_strmap_slot(&mod->locals, a->text) = d;
            }
        }
    }
}

/* ---- AZ821: the backup policy is ordered after its authorizations ------------------------- */

/* A top-level block's address: "T.N", "data.T.N", "module.N"; NULL for others. */
static const char *block_address(struct az_arena *ar, const struct az_hcl_node *n)
{
    const struct az_hcl_node *l1 = n->kids, *l2 = l1 ? l1->next : NULL;
    if (is(n->text, "resource") && n->nkids == 2)
        return az_arena_concat(ar, l1->text, ".", l2->text, (char *)NULL);
    if (is(n->text, "data") && n->nkids == 2)
        return az_arena_concat(ar, "data.", l1->text, ".", l2->text, (char *)NULL);
    if (is(n->text, "module") && n->nkids == 1)
        return az_arena_concat(ar, "module.", l1->text, (char *)NULL);
    return NULL;
}

/* The address a traversal refers to (ibm_iam_authorization_policy.a.id ->
 * "ibm_iam_authorization_policy.a", module.m.ready -> "module.m", local.x -> "local.x"). */
static const char *ref_address(struct az_arena *ar, const struct az_hcl_node *n)
{
    if (n->kind != AZ_HCL_GETATTR || !n->a)
        return NULL;
    if (n->a->kind == AZ_HCL_VAR) {
        static const char *const skip[] = {"var", "each", "count", "self", "path", "terraform",
                                           "data"};
        for (size_t i = 0; i < COUNT(skip); i++)
            if (is(n->a->text, skip[i]))
                return NULL;
        return az_arena_concat(ar, n->a->text, ".", n->text, (char *)NULL);
    }
    if (n->a->kind == AZ_HCL_GETATTR && n->a->a && n->a->a->kind == AZ_HCL_VAR &&
        is(n->a->a->text, "data"))
        return az_arena_concat(ar, "data.", n->a->text, ".", n->text, (char *)NULL);
    return NULL;
}

/* A growing array of pointers (the addresses queued, the nodes still to visit): the first
 * ones in local, on the caller's stack (most lists are short, and there is one per block
 * of a generated file); v is NULL until the first push. */
struct ptrs {
    const void **v;
    size_t n, cap;
    const void *local[32];
};

#define PTRS_EMPTY(q) ((q).v = NULL, (q).n = (q).cap = 0)

static void push_grow(struct ptrs *q, const void *a)
{
    if (!q->v) {
        q->v = q->local;
        q->cap = COUNT(q->local);
    }
    if (q->n == q->cap) {
        size_t cap = q->cap * 2;
        const void **v =
            q->v == q->local ? malloc(cap * sizeof *v) : realloc(q->v, cap * sizeof *v);
        if (!v)
            az_oom();
        if (q->v == q->local)
            memcpy(v, q->local, q->n * sizeof *v);
        q->v = v;
        q->cap = cap;
    }
    q->v[q->n++] = a;
}

static inline void push_ptr(struct ptrs *q, const void *a)
{
    if (q->n < q->cap)
        q->v[q->n++] = a;
    else
        push_grow(q, a);
}

static void ptrs_free(struct ptrs *q)
{
    if (q->v != q->local)
        free(q->v);
}

/* Every address referred to inside n (depends_on included), pushed onto q. Iterative: a
 * chain of binary operators makes a tree as deep as it is long. */
static void refs_in(struct az_arena *ar, const struct az_hcl_node *root, struct ptrs *q)
{
    struct ptrs todo;
    PTRS_EMPTY(todo);
    const struct az_hcl_node *n = root;
    while (n) {
        const char *a = ref_address(ar, n);
        const struct az_hcl_node *next = NULL; /* the last child: visited next, not queued */
        if (a) {
            push_ptr(q, a);
        } else {
            const struct az_hcl_node *sub[] = {n->a, n->b, n->c};
            for (size_t i = 0; i < 3; i++)
                if (sub[i]) {
                    if (next)
                        push_ptr(&todo, next);
                    next = sub[i];
                }
            for (const struct az_hcl_node *k = n->kids; k; k = k->next) {
                if (next)
                    push_ptr(&todo, next);
                next = k;
            }
        }
        n = next ? next : todo.n ? todo.v[--todo.n] : NULL;
    }
    ptrs_free(&todo);
}

/* Every address a block's body refers to, as refs_in, without its provider argument:
 * `provider = ibm.account_x` names a provider configuration, never a resource (and every
 * resource of a generated multi-account file has one). */
static void body_refs(struct az_arena *ar, const struct az_hcl_node *blk, struct ptrs *q)
{
    if (!blk->a)
        return;
    for (const struct az_hcl_node *k = blk->a->kids; k; k = k->next)
        if (!(k->kind == AZ_HCL_ATTR && is(k->text, "provider")))
            refs_in(ar, k, q);
}

/* What a module folder's blocks refer to: address -> the node to look into, or what was
 * kept of a block read as it was parsed (struct az_hcl_linted: then linted maps the address
 * to it too). The last block of an address counts. */
static void index_blocks(struct hfolder *fo, struct az_strmap *blocks, struct az_strmap *linted,
                         struct az_arena *ar)
{
    for (size_t i = 0; i < fo->n; i++)
        for (const struct az_hcl_node *n = fo->files[i]->st.root->kids; n; n = n->next) {
            if (n->kind == AZ_HCL_LINTED) {
                for (const struct az_hcl_linted *d = n->linted; d; d = d->next)
                    if (d->addr)
                        *az_strmap_slot(blocks, d->addr) = *az_strmap_slot(linted, d->addr) =
                            (void *)d;
                continue;
            }
            if (n->kind != AZ_HCL_BLOCK)
                continue;
            if (is(n->text, "locals")) {
                for (const struct az_hcl_node *a = n->a->kids; a; a = a->next)
                    if (a->kind == AZ_HCL_ATTR)
                        *az_strmap_slot(blocks, az_arena_concat(ar, "local.", a->text,
                                                                (char *)NULL)) = (void *)a;
                continue;
            }
            const char *addr = block_address(ar, n);
            if (addr) {
                *az_strmap_slot(blocks, addr) = (void *)n;
                if (az_strmap_get(linted, addr))
                    *az_strmap_slot(linted, addr) = NULL;
            }
        }
}

static void module_pass(struct az_ctx *ctx, struct az_lfile *files, bool order);
static void free_trees(struct az_lfile *files);

/* A local module folder that this run does not lint: its .tf files are read in a context of
 * their own, whose findings are dropped (they are not the run's files), for its facts. */
static bool outside_module(const char *dir, bool *ready)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    struct az_ctx sc;
    az_ctx_init(&sc);
    struct az_lfile *files = NULL, **tail = &files;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' || n < 4 || strcmp(e->d_name + n - 3, ".tf") != 0)
            continue;
        const char *path = az_arena_concat(sc.arena, dir, "/", e->d_name, (char *)NULL);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        const struct az_source *src = az_source_load(&sc, path);
        if (!src)
            continue;
        struct az_lfile *f = az_arena_alloc(sc.arena, sizeof *f);
        az_lint_file_init(f, src);
        az_lint_hcl(&sc, src, f);
        *tail = f;
        tail = &f->next;
    }
    closedir(d);
    module_pass(&sc, files, false);
    bool authz = false;
    for (const struct az_lfile *f = files; f; f = f->next) {
        for (const struct az_lpolicy *p = f->policies; p; p = p->next)
            authz = authz || backup_subject(p);
        for (const struct az_hcl_node *n = f->hcl ? f->hcl->st.root->kids : NULL; n; n = n->next)
            if (n->kind == AZ_HCL_BLOCK && is(n->text, "output") && n->nkids == 1 &&
                is(n->kids->text, "ready"))
                *ready = true;
    }
    free_trees(files);
    az_ctx_fini(&sc);
    return authz;
}

/* Whether the module in dir (linted in this run, or read for it) creates Backup for VPC
 * authorizations; *ready: it has an output "ready" (a module authzc wrote). */
static bool module_has_authz(struct hfolder *folders, const char *dir, bool *ready)
{
    for (struct hfolder *t = folders; t; t = t->next)
        if (is(t->dir, dir)) {
            *ready = t->has_ready;
            return t->has_authz;
        }
    return outside_module(dir, ready);
}

/* Whether n is a resource "ibm_is_backup_policy" block (they stay trees: top_item). */
static bool backup_policy_block(const struct az_hcl_node *n)
{
    return n->kind == AZ_HCL_BLOCK && is(n->text, "resource") && n->nkids == 2 &&
           is(n->kids->text, "ibm_is_backup_policy");
}

static void check_backup_order(struct az_ctx *ctx, struct hfolder *fo, struct hfolder *folders)
{
    struct az_arena *ar = ctx->arena;
    size_t nblocks = 0, nneed = fo->nneed;
    bool any = false; /* without a backup policy there is nothing to check */
    for (size_t i = 0; i < fo->n; i++)
        for (const struct az_hcl_node *n = fo->files[i]->st.root->kids; n; n = n->next) {
            nblocks++;
            any = any || backup_policy_block(n);
        }
    if (!any)
        return;
    /* malloc'd: it lives only as long as this check */
    struct needed *need = malloc(sizeof *need * (nneed + nblocks + 1));
    if (!need)
        az_oom();
    if (nneed)
        memcpy(need, fo->need, sizeof *need * nneed);
    /* module calls of folders that hold Backup for VPC authorizations */
    for (size_t i = 0; i < fo->n; i++) {
        struct lh *lh = &fo->files[i]->lh;
        for (const struct az_hcl_node *n = fo->files[i]->st.root->kids; n; n = n->next) {
            if (n->kind != AZ_HCL_BLOCK || !is(n->text, "module") || n->nkids != 1)
                continue;
            const char *source = literal_of(lh, body_attr(n->a, "source"));
            if (!source || (strncmp(source, "./", 2) != 0 && strncmp(source, "../", 3) != 0))
                continue;
            const char *dir = normalise(ar, az_arena_concat(ar, fo->dir, "/", source, (char *)NULL));
            bool ready = false;
            if (is(dir, fo->dir) || !module_has_authz(folders, dir, &ready))
                continue;
            const char *addr = block_address(ar, n);
            need[nneed++] = (struct needed){
                addr, ready ? az_arena_concat(ar, addr, ".ready", (char *)NULL) : addr,
                header_at(lh, n)};
        }
    }
    if (nneed == 0) {
        free(need);
        return;
    }
    struct az_strmap blocks = {0}, linted = {0};
    index_blocks(fo, &blocks, &linted, ar);
    for (size_t i = 0; i < fo->n; i++) {
        struct lh *lh = &fo->files[i]->lh;
        for (const struct az_hcl_node *n = fo->files[i]->st.root->kids; n; n = n->next) {
            if (!backup_policy_block(n))
                continue;
            /* everything the backup policy depends on, directly or through other blocks */
            struct az_strmap seen = {0};
            struct ptrs q;
            PTRS_EMPTY(q);
            body_refs(ar, n, &q);
            for (size_t k = 0; k < q.n; k++) {
                const char *addr = q.v[k];
                void **slot = az_strmap_slot(&seen, addr);
                if (*slot)
                    continue;
                *slot = &seen;
                const void *got = az_strmap_get(&blocks, addr);
                const struct az_hcl_linted *d = az_strmap_get(&linted, addr);
                const struct az_hcl_node *b = got && got != d ? got : NULL;
                if (d && got == d) /* what its body referred to */
                    for (size_t r = 0; r < d->nrefs; r++)
                        push_ptr(&q, d->refs[r]);
                else if (b && b->kind == AZ_HCL_BLOCK && strncmp(addr, "module.", 7) != 0)
                    body_refs(ar, b, &q); /* a block's body */
                else if (b && strncmp(addr, "module.", 7) != 0)
                    refs_in(ar, b->a, &q); /* a local's value */
            }
            const char *fix = "", *missing = "";
            const struct needed *first = NULL;
            size_t nmiss = 0;
            for (size_t k = 0; k < nneed; k++) {
                if (az_strmap_get(&seen, need[k].addr))
                    continue;
                fix = az_arena_concat(ar, fix, nmiss ? ", " : "", need[k].fix, (char *)NULL);
                missing = az_arena_concat(ar, missing, nmiss ? ", " : "", need[k].addr, (char *)NULL);
                if (!first)
                    first = &need[k];
                nmiss++;
            }
            if (first) {
                struct az_hcl_loc h = header(n);
                struct az_diag *d = report(
                    lh, AZ_D_LINT_BACKUP_ORDER, &h,
                    "ibm_is_backup_policy.%s is not ordered after the authorization%s Backup for "
                    "VPC needs (%s): IAM takes time to make them effective, and a backup policy "
                    "created first fails with 's2s service not completed'; add depends_on = [%s]",
                    n->kids->next->text, nmiss == 1 ? "" : "s", missing, fix);
                az_diag_note(ctx, d, first->decl, "%s is declared here", first->addr);
            }
            az_strmap_free(&seen);
            ptrs_free(&q);
        }
    }
    az_strmap_free(&blocks);
    az_strmap_free(&linted);
    free(need);
}

void az_lint_hcl_module(struct az_ctx *ctx, struct az_lfile *files)
{
    module_pass(ctx, files, true);
    free_trees(files);
}

/* order: check the backup policies' order (not for a module read only for its facts). */
static void module_pass(struct az_ctx *ctx, struct az_lfile *files, bool order)
{
    struct az_arena *ar = ctx->arena;
    struct az_strmap by_dir = {0};
    struct hfolder *folders = NULL, **tail = &folders;
    for (struct az_lfile *f = files; f; f = f->next) {
        if (!f->hcl)
            continue;
        const char *dir = dir_of(ar, f->src->name);
        struct hfolder **slot = (struct hfolder **)az_strmap_slot(&by_dir, dir);
        if (!*slot) {
            *slot = az_arena_alloc(ar, sizeof **slot);
            (*slot)->dir = dir;
            *tail = *slot;
            tail = &(*slot)->next;
        }
        struct hfolder *fo = *slot;
        if (fo->n == fo->cap) {
            size_t cap = fo->cap ? fo->cap * 2 : 8;
            struct az_lhcl **v = az_arena_alloc(ar, cap * sizeof *v);
            if (fo->n)
                memcpy(v, fo->files, fo->n * sizeof *v);
            fo->files = v;
            fo->cap = cap;
        }
        fo->files[fo->n++] = f->hcl;
    }
    for (struct hfolder *fo = folders; fo; fo = fo->next) {
        for (size_t i = 0; i < fo->n; i++) {
            fo->files[i]->lh.mod = &fo->mod;
            collect_decls(fo->files[i], &fo->mod);
        }
    }
    size_t total_need = 0;
    struct needed *need;
    for (struct hfolder *fo = folders; fo; fo = fo->next)
        for (size_t i = 0; i < fo->n; i++)
            for (const struct az_hcl_node *n = fo->files[i]->st.root->kids; n; n = n->next) {
                if (n->kind == AZ_HCL_BLOCK && is(n->text, "resource"))
                    total_need++;
                for (const struct az_hcl_linted *d = n->kind == AZ_HCL_LINTED ? n->linted : NULL;
                     d; d = d->next)
                    total_need += d->backup_authz;
            }
    struct needed *needs = malloc(sizeof *need * (total_need + 1)); /* freed at the end */
    if (!needs)
        az_oom();
    need = needs;
    for (struct hfolder *fo = folders; fo; fo = fo->next) {
        fo->need = need;
        for (size_t i = 0; i < fo->n; i++) {
            struct lh *lh = &fo->files[i]->lh;
            for (const struct az_hcl_node *n = fo->files[i]->st.root->kids; n; n = n->next) {
                for (const struct az_hcl_linted *d = n->kind == AZ_HCL_LINTED ? n->linted : NULL;
                     d; d = d->next) { /* blocks read as they were parsed: their results */
                    for (struct az_lpolicy *p = d->policies, *next; p; p = next) {
                        next = p->next;
                        p->next = NULL;
                        az_lint_add_policy(lh->f, p);
                    }
                    lh->f->unevaluated |= d->unevaluated;
                    lh->f->assigns |= d->assigns;
                    if (d->backup_authz) {
                        fo->has_authz = true;
                        *need++ = (struct needed){d->addr, d->addr, d->decl};
                        fo->nneed++;
                    }
                }
                if (n->kind != AZ_HCL_BLOCK)
                    continue;
                if (is(n->text, "output") && n->nkids == 1 && is(n->kids->text, "ready"))
                    fo->has_ready = true;
                if (is(n->text, "module"))
                    record_call(lh, n);
                if (!is(n->text, "resource"))
                    continue;
                lh->backup_authz = false;
                lint_resource(lh, n);
                if (lh->backup_authz) {
                    fo->has_authz = true;
                    const char *addr = block_address(ar, n);
                    *need++ = (struct needed){addr, addr, header_at(lh, n)};
                    fo->nneed++;
                }
            }
        }
    }
    for (struct hfolder *fo = folders; fo && order; fo = fo->next)
        check_backup_order(ctx, fo, folders);
    for (struct hfolder *fo = folders; fo; fo = fo->next) {
        az_strmap_free(&fo->mod.vars);
        az_strmap_free(&fo->mod.locals);
        fo->need = NULL;
    }
    free(needs);
    az_strmap_free(&by_dir);
}

/* ---- reading top-level blocks as they are parsed ------------------------------------------ */

/* Whether the references in st->refs[first..] include var or local: the block's values then
 * depend on the module's declarations, which the module pass evaluates. */
static bool uses_decls(const struct az_hcl_state *st, size_t first)
{
    for (size_t i = first; i < st->nrefs; i++) {
        const struct az_hcl_node *r = st->refs[i];
        if (r->kind == AZ_HCL_VAR && (is(r->text, "var") || is(r->text, "local")))
            return true;
    }
    return false;
}

/* Whether type is one of ours misspelled (check_type_name's AZ604 with a fix). */
static bool near_ours(const char *type)
{
    static const char *const names[] = {TF_POLICY, TF_TEMPLATE, TF_ASSIGNMENT};
    static const size_t lens[] = {sizeof TF_POLICY - 1, sizeof TF_TEMPLATE - 1,
                                  sizeof TF_ASSIGNMENT - 1};
    for (size_t i = 0; i < COUNT(names); i++)
        if (is(type, names[i]))
            return false;
    size_t n = strlen(type);
    for (size_t i = 0; i < COUNT(names); i++) /* lengths 4 apart are 4 edits apart at least */
        if (n + 3 >= lens[i] && n <= lens[i] + 3 && az_suggest_distance(type, names[i], 3) <= 3)
            return true;
    return false;
}

/* Whether a resource block's AZ604 fixes need the whole file (the blocks it names, the
 * references to it): a type close to one of ours, a reference to such a type, or a reference
 * root holding a '-'. Such blocks are rare; they stay trees and are read in the module pass.
 * A block that refers to a misspelled type and was released anyway (it is not a resource)
 * makes fix_type_name offer no fix. */
static bool needs_file(const struct az_hcl_state *st, size_t first, const char *rtype, bool ours)
{
    if (!ours && near_ours(rtype))
        return true;
    for (size_t i = first; i < st->nrefs; i++) /* '-', or a reference to such a block */
        if (strchr(st->refs[i]->text, '-') || near_ours(st->refs[i]->text))
            return true;
    return false;
}

/* on_top (hcl.y): a top-level item was parsed. Blocks the module pass reads as trees
 * (variable, locals, output, module, ibm_is_backup_policy, and the three resource types of
 * ours when their values refer to var or local) are kept; any other block is read now - its
 * "set twice" check, and lint_resource for a resource - and the module pass gets only a
 * LINTED stand-in: its address, header, references and policies. Its findings wait in hp
 * until the end of the file decides whether they stand. Memory then holds the trees of one
 * block at a time, not of the whole file. */
static struct az_hcl_node *top_item(struct az_hcl_state *st, struct az_hcl_node *n,
                                    bool *release)
{
    struct hparse *hp = st->on_top_arg;
    struct lh *lh = &hp->lh;
    size_t first = st->nrefs; /* this block's references: the last ones recorded */
    while (first > 0 && st->refs[first - 1]->loc.off >= n->loc.off)
        first--;
    *release = false;
    if (n->kind != AZ_HCL_BLOCK || st->errors > 0 || st->stopped)
        return n;
    az_diag_swap(lh->ctx, &hp->twice);
    hp->ntwice += check_twice(lh, n->a, true);
    az_diag_swap(lh->ctx, &hp->twice);
    const char *type = n->text;
    bool resource = is(type, "resource");
    const char *rtype = resource && n->kids ? n->kids->text : "";
    bool ours = is(rtype, TF_POLICY) || is(rtype, TF_TEMPLATE) || is(rtype, TF_ASSIGNMENT);
    if (hp->ntwice > 0 || is(type, "variable") || is(type, "locals") || is(type, "output") ||
        is(type, "module") || is(rtype, "ibm_is_backup_policy") ||
        (ours && uses_decls(st, first)) || (resource && needs_file(st, first, rtype, ours)))
        return n;

    struct az_arena *ar = lh->ctx->arena;
    struct az_hcl_linted *d = az_arena_alloc(ar, sizeof *d);
    d->addr = block_address(ar, n);
    d->decl = header_at(lh, n);
    if (d->addr && n->a) {
        struct ptrs q;
        PTRS_EMPTY(q);
        body_refs(ar, n, &q);
        if (q.n > UINT32_MAX) /* not from a file of at most 2 GiB */
            az_oom();
        if (q.n) {
            d->refs = az_arena_alloc(ar, sizeof *d->refs * q.n);
            for (size_t i = 0; i < q.n; i++)
                d->refs[i] = q.v[i];
        }
        d->nrefs = (uint32_t)q.n;
        ptrs_free(&q);
    }
    if (resource) {
        struct az_lfile *f = lh->f, got;
        az_lint_file_init(&got, lh->src);
        lh->f = &got;
        lh->ref = first;
        lh->addr = d->addr;
        lh->backup_authz = false;
        az_diag_swap(lh->ctx, &hp->findings);
        lint_resource(lh, n);
        az_diag_swap(lh->ctx, &hp->findings);
        lh->f = f;
        lh->addr = NULL;
        d->policies = got.policies;
        d->unevaluated = got.unevaluated;
        d->assigns = got.assigns;
        d->backup_authz = lh->backup_authz;
    }
    st->nrefs = first; /* they point into the nodes released */
    *release = true;
    if (hp->run && st->top->tail == &hp->run->next) { /* the body's last item: join its run */
        *hp->run_tail = d;
        hp->run_tail = &d->next;
        hp->run->loc.end = n->loc.end;
        hp->run->loc.end_line = n->loc.end_line;
        hp->run->loc.end_col = n->loc.end_col;
        return NULL;
    }
    struct az_hcl_node *stand_in = az_arena_alloc(ar, sizeof *stand_in);
    stand_in->kind = AZ_HCL_LINTED;
    stand_in->loc = n->loc;
    stand_in->text = n->text;
    stand_in->len = n->len;
    stand_in->tail = &stand_in->kids;
    stand_in->linted = d;
    hp->run = stand_in;
    hp->run_tail = &d->next;
    return stand_in;
}

/* The trees of files read (their texts and the model are in the run's arena). */
static void free_trees(struct az_lfile *files)
{
    for (struct az_lfile *f = files; f; f = f->next)
        if (f->hcl) {
            az_arena_free(f->hcl->st.tree);
            f->hcl->st.tree = NULL;
            f->hcl->st.root = NULL;
        }
}

/* ---- entry ------------------------------------------------------------------------------- */

int az_lint_hcl(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f)
{
    if (src->len > INT32_MAX) {
        az_diag_report(ctx, AZ_D_LIMIT, (struct az_loc){src, 1, 1, 1},
                       "the file is larger than the 2 GiB the Terraform scanner reads");
        f->syntax_error = true;
        return -1;
    }
    struct az_hcl_state st;
    memset(&st, 0, sizeof st);
    st.ctx = ctx;
    st.src = src;
    st.f = f;
    st.line = 1;
    st.col = 1;
    st.max_frames = ctx->max_depth + 1;
    st.frames = az_arena_alloc(ctx->arena, sizeof *st.frames * st.max_frames);
    st.nframes = 1;
    st.frames[0].kind = AZ_HCL_FR_BODY;
    st.frames[0].multi = true;
    st.skip_frame = -1;
    st.tree = az_arena_new();
    struct hparse hp = {.lh = {.ctx = ctx, .src = src, .f = f, .st = &st, .inst = ""}};
    st.on_top = top_item;
    st.on_top_arg = &hp;

    /* the scanner (hcl_scan.c) reads the source in place; its state is st */
    int rc = az_hclparse(&st, &st);
    free(st.buf);
    free(st.texts);
    st.texts = NULL;

    struct lh lh = {.ctx = ctx, .src = src, .f = f, .st = &st};
    bool bad = rc != 0 || st.errors > 0 || !st.root;
    if (!bad) { /* the blocks were checked as they were parsed (top_item); now the file's own
                   arguments */
        az_diag_append(ctx, &hp.twice);
        bad = hp.ntwice + check_twice(&lh, st.root, false) > 0;
    }
    az_diag_drop(&hp.twice);
    if (bad)
        az_diag_drop(&hp.findings);
    else
        az_diag_append(ctx, &hp.findings);
    if (!bad) { /* kept for the module pass (az_lint_hcl_module), refs moved to the arena */
        struct az_lhcl *h = az_arena_alloc(ctx->arena, sizeof *h);
        h->st = st;
        h->st.buf = NULL;
        h->st.refs = az_arena_alloc(ctx->arena, sizeof *h->st.refs * (st.nrefs + 1));
        if (st.nrefs)
            memcpy(h->st.refs, st.refs, sizeof *h->st.refs * st.nrefs);
        h->st.refs_cap = st.nrefs;
        h->lh = (struct lh){.ctx = ctx, .src = src, .f = f, .st = &h->st, .inst = ""};
        f->hcl = h;
    }
    free(st.refs);
    if (bad) {
        az_arena_free(st.tree);
        f->syntax_error = true;
        return -1;
    }
    return 0;
}
