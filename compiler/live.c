/* live.c - reads live exports (live.h) into normalized Backup for VPC policies.
 *
 * Two steps: a strict JSON reader (nesting limited to ctx->max_depth, duplicate keys refused)
 * builds a small tree of one element at a time in a scratch arena; then each element of the
 * export is classified by its keys (v1 policy, v2 policy, template, assignment) and
 * normalized through the rule table. Time and memory are linear in the export.
 * There are two readers of one contract: the fast reader (below "the fast reader") reads
 * well-formed exports, which is nearly all of them, several times faster; anything it does
 * not take is read again by the located reader (recursive descent over json_scan.c's tokens),
 * which says what is wrong and where. */
#include "authzc/live.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/json_scan.h"
#include "authzc/source.h"
#include "authzc/strmap.h"
#include "authzc/utf8.h"

/* ---- the JSON tree ----------------------------------------------------------------------- */

enum jkind { J_OBJECT, J_ARRAY, J_STRING, J_NUMBER, J_TRUE, J_FALSE, J_NULL };

struct jv {
    enum jkind kind;
    const char *str; /* J_STRING: decoded; J_NUMBER: as written */
    size_t len;
    const char *key; /* a member's key */
    struct az_loc loc;
    struct jv *child, *next;
};

struct reader {
    struct az_ctx *ctx;
    struct az_arena *scratch; /* the tree of one element at a time, and the scanner's strings */
    const struct az_source *src;
    struct az_jl_state st;
    int tok;
};

static struct az_loc tok_loc(const struct reader *r)
{
    return (struct az_loc){r->src, r->st.tok_line, r->st.tok_col,
                           r->st.tok_len ? (uint32_t)(r->st.tok_len > 200 ? 200 : r->st.tok_len)
                                         : 1};
}

static const char *tok_name(int tok)
{
    switch (tok) {
    case AZ_JL_EOF: return "the end of the file";
    case AZ_JL_LBRACE: return "'{'";
    case AZ_JL_RBRACE: return "'}'";
    case AZ_JL_LBRACKET: return "'['";
    case AZ_JL_RBRACKET: return "']'";
    case AZ_JL_COLON: return "':'";
    case AZ_JL_COMMA: return "','";
    case AZ_JL_STRING: return "a string";
    case AZ_JL_NUMBER: return "a number";
    case AZ_JL_TRUE: case AZ_JL_FALSE: case AZ_JL_NULL: return "a literal";
    case AZ_JL_WORD: return "a bare word (JSON strings are double-quoted)";
    case AZ_JL_SQUOTE: return "a single-quoted string (JSON strings are double-quoted)";
    case AZ_JL_COMMENT: return "a comment (JSON has none)";
    default: return "a character that is not JSON";
    }
}

/* Reports a lexical error or an unexpected token; always returns NULL. */
static struct jv *syntax(struct reader *r, const char *expected)
{
    if (r->tok == AZ_JL_BAD) {
        uint32_t line, col;
        az_source_position(r->src, r->st.err_off, &line, &col);
        az_diag_report(r->ctx, r->st.err_diag, (struct az_loc){r->src, line, col, r->st.err_len},
                       "%s", r->st.err_msg);
    } else {
        az_diag_report(r->ctx, AZ_D_LIVE_SYNTAX, tok_loc(r), "expected %s, found %s", expected,
                       tok_name(r->tok));
    }
    return NULL;
}

static void advance(struct reader *r)
{
    r->tok = az_jl_next(&r->st);
}

static struct jv *node(struct reader *r, enum jkind kind)
{
    struct jv *v = az_arena_alloc(r->scratch, sizeof *v);
    v->kind = kind;
    v->loc = tok_loc(r);
    return v;
}

static struct jv *parse_value(struct reader *r, unsigned depth);

/* Duplicate keys: a linear look back in small objects, a hash map in big ones. */
#define SMALL_OBJECT 24

static bool duplicate(struct reader *r, struct jv *obj, size_t count, struct az_strmap *map,
                      struct jv *member)
{
    if (count < SMALL_OBJECT) {
        for (struct jv *m = obj->child; m && m != member; m = m->next)
            if (m->key[0] == member->key[0] && strcmp(m->key, member->key) == 0)
                goto dup;
        return false;
    }
    if (count == SMALL_OBJECT)
        for (struct jv *m = obj->child; m && m != member; m = m->next)
            *az_strmap_slot(map, m->key) = m;
    void **slot = az_strmap_slot(map, member->key);
    if (!*slot) {
        *slot = member;
        return false;
    }
dup:
    az_diag_report(r->ctx, AZ_D_LIVE_DUPLICATE_KEY, member->loc,
                   "the key \"%s\" appears twice in this object; IAM writes each key once "
                   "(export again, or keep one of them)",
                   member->key);
    return true;
}

static struct jv *parse_object(struct reader *r, unsigned depth)
{
    struct jv *obj = node(r, J_OBJECT), **tail = &obj->child;
    struct az_strmap map = {0};
    size_t count = 0;
    struct jv *result = NULL;
    advance(r);
    if (r->tok == AZ_JL_RBRACE) {
        advance(r);
        return obj;
    }
    for (;;) {
        if (r->tok != AZ_JL_STRING) {
            syntax(r, "a string key");
            break;
        }
        struct az_loc key_loc = tok_loc(r);
        const char *key = r->st.str;
        advance(r);
        if (r->tok != AZ_JL_COLON) {
            syntax(r, "':' after the key");
            break;
        }
        advance(r);
        struct jv *v = parse_value(r, depth);
        if (!v)
            break;
        v->key = key;
        *tail = v;
        tail = &v->next;
        struct az_loc value_loc = v->loc;
        v->loc = key_loc; /* a duplicate is shown at its key */
        if (duplicate(r, obj, count++, &map, v))
            break;
        v->loc = value_loc;
        if (r->tok == AZ_JL_COMMA) {
            advance(r);
            continue;
        }
        if (r->tok == AZ_JL_RBRACE) {
            advance(r);
            result = obj;
        } else {
            syntax(r, r->tok == AZ_JL_STRING ? "',' or '}' (is a ',' missing before this key?)"
                                             : "',' or '}'");
        }
        break;
    }
    az_strmap_free(&map);
    return result;
}

static struct jv *parse_array(struct reader *r, unsigned depth)
{
    struct jv *arr = node(r, J_ARRAY), **tail = &arr->child;
    advance(r);
    if (r->tok == AZ_JL_RBRACKET) {
        advance(r);
        return arr;
    }
    for (;;) {
        struct jv *v = parse_value(r, depth);
        if (!v)
            return NULL;
        *tail = v;
        tail = &v->next;
        if (r->tok == AZ_JL_COMMA) {
            advance(r);
            continue;
        }
        if (r->tok == AZ_JL_RBRACKET) {
            advance(r);
            return arr;
        }
        return syntax(r, "',' or ']'");
    }
}

static struct jv *parse_value(struct reader *r, unsigned depth)
{
    struct jv *v;
    switch (r->tok) {
    case AZ_JL_LBRACE:
    case AZ_JL_LBRACKET:
        if (depth >= r->ctx->max_depth) {
            az_diag_report(r->ctx, AZ_D_LIMIT, tok_loc(r),
                           "the export nests deeper than %u levels here; IAM's exports nest "
                           "at most 6",
                           r->ctx->max_depth);
            return NULL;
        }
        return r->tok == AZ_JL_LBRACE ? parse_object(r, depth + 1) : parse_array(r, depth + 1);
    case AZ_JL_STRING:
        v = node(r, J_STRING);
        v->str = r->st.str;
        v->len = r->st.str_len;
        break;
    case AZ_JL_NUMBER:
        v = node(r, J_NUMBER);
        v->str = az_arena_strndup(r->scratch, r->st.text + r->st.tok_off, r->st.tok_len);
        break;
    case AZ_JL_TRUE:
        v = node(r, J_TRUE);
        break;
    case AZ_JL_FALSE:
        v = node(r, J_FALSE);
        break;
    case AZ_JL_NULL:
        v = node(r, J_NULL);
        break;
    default:
        return syntax(r, "a value");
    }
    advance(r);
    return v;
}

/* ---- shapes ------------------------------------------------------------------------------- */

static struct jv *member(const struct jv *obj, const char *key)
{
    if (!obj || obj->kind != J_OBJECT)
        return NULL;
    for (struct jv *m = obj->child; m; m = m->next)
        if (m->key == key || (m->key[0] == key[0] && strcmp(m->key, key) == 0))
            return m; /* (the fast reader's keys are often the very literal; most differ at once) */
    return NULL;
}

static const char *const kind_names[] = {"an object", "an array", "a string", "a number",
                                         "true", "false", "null"};

/* "\"key\" must be an array, found a string" at the value. */
static int wrong_type(struct az_ctx *ctx, const struct jv *v, const char *key, enum jkind want)
{
    az_diag_report(ctx, AZ_D_LIVE_SHAPE, v->loc, "\"%s\" must be %s, found %s", key,
                   kind_names[want], kind_names[v->kind]);
    return -1;
}

/* A member that must have a kind when present (null counts as absent); *out NULL when
 * absent. */
static int typed(struct az_ctx *ctx, const struct jv *obj, const char *key, enum jkind kind,
                 const struct jv **out)
{
    const struct jv *m = member(obj, key);
    *out = NULL;
    if (!m || m->kind == J_NULL)
        return 0;
    if (m->kind != kind)
        return wrong_type(ctx, m, key, kind);
    *out = m;
    return 0;
}

/* The same, required. */
static int required(struct az_ctx *ctx, const struct jv *obj, const char *what, const char *key,
                    enum jkind kind, const struct jv **out)
{
    if (typed(ctx, obj, key, kind, out) != 0)
        return -1;
    if (!*out) {
        az_diag_report(ctx, AZ_D_LIVE_SHAPE, obj->loc, "%s has no \"%s\" (%s)", what, key,
                       kind_names[kind]);
        return -1;
    }
    return 0;
}

/* An optional string member; "" when absent. The string lives as long as the element's tree:
 * what is kept is copied (kept_string_of). */
static int string_of(struct az_ctx *ctx, const struct jv *obj, const char *key, const char **out)
{
    const struct jv *m;
    if (typed(ctx, obj, key, J_STRING, &m) != 0)
        return -1;
    *out = m ? m->str : "";
    return 0;
}

/* The same, copied into the run's arena (up to its first NUL, as the shapes use it). */
static int kept_string_of(struct az_ctx *ctx, const struct jv *obj, const char *key,
                          const char **out)
{
    if (string_of(ctx, obj, key, out) != 0)
        return -1;
    *out = az_arena_strdup(ctx->arena, *out);
    return 0;
}

/* IDs IAM writes (policy UUIDs, policyTemplate-UUID, assignment IDs): letters, digits and
 * '-', at most 128. They reach scripts, Terraform and plans, so nothing else is taken. */
static int id_of(struct az_ctx *ctx, const struct jv *obj, const char *key, const char **out)
{
    const struct jv *m;
    if (typed(ctx, obj, key, J_STRING, &m) != 0)
        return -1;
    *out = "";
    if (!m)
        return 0;
    bool ok = m->len > 0 && m->len <= 128 && strlen(m->str) == m->len;
    for (size_t i = 0; ok && i < m->len; i++) {
        char c = m->str[i];
        ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '-';
    }
    if (ok) {
        *out = az_arena_strndup(ctx->arena, m->str, m->len);
    } else {
        az_diag_report(ctx, AZ_D_LIVE_ID, m->loc,
                       "\"%s\" is not an ID IAM writes (letters, digits and '-', at most 128)",
                       key);
        return -1;
    }
    return 0;
}

/* ---- attributes ----------------------------------------------------------------------------- */

struct attr {
    const char *name;
    const char *op; /* "" when not written */
    const char *value; /* strings as written; booleans "true"/"false" */
    bool is_bool;
    const struct jv *at;
};

struct attrs {
    struct attr *v; /* in when at most eight (IAM writes two to five), else in the arena */
    size_t n;
    struct attr in[8];
};

/* Reads attributes[] {name|key, operator?, value}. */
static int read_attrs(struct az_ctx *ctx, const struct jv *side, const char *what, bool v2,
                      struct attrs *out)
{
    const struct jv *list;
    if (required(ctx, side, what, "attributes", J_ARRAY, &list) != 0)
        return -1;
    size_t n = 0;
    for (const struct jv *a = list->child; a; a = a->next)
        n++;
    out->v = n <= sizeof out->in / sizeof out->in[0]
                 ? out->in
                 : az_arena_alloc(ctx->arena, n * sizeof *out->v);
    out->n = 0;
    for (const struct jv *a = list->child; a; a = a->next) {
        if (a->kind != J_OBJECT)
            return wrong_type(ctx, a, "attributes[]", J_OBJECT);
        struct attr *at = &out->v[out->n++];
        *at = (struct attr){0};
        const struct jv *name, *value;
        if (required(ctx, a, "an attribute", v2 ? "key" : "name", J_STRING, &name) != 0 ||
            string_of(ctx, a, "operator", &at->op) != 0)
            return -1;
        value = member(a, "value");
        if (!value) {
            az_diag_report(ctx, AZ_D_LIVE_SHAPE, a->loc, "an attribute has no \"value\"");
            return -1;
        }
        at->name = name->str;
        at->at = a;
        if (value->kind == J_STRING) {
            at->value = value->str;
        } else if (value->kind == J_TRUE || value->kind == J_FALSE) {
            at->value = value->kind == J_TRUE ? "true" : "false";
            at->is_bool = true;
        } else {
            az_diag_report(ctx, AZ_D_LIVE_SHAPE, value->loc,
                           "an attribute's \"value\" must be a string or a boolean, found %s",
                           kind_names[value->kind]);
            return -1;
        }
    }
    return 0;
}

static const struct attr *attr_get(const struct attrs *as, const char *name)
{
    for (size_t i = 0; i < as->n; i++)
        if (as->v[i].name[0] == name[0] && strcmp(as->v[i].name, name) == 0)
            return &as->v[i];
    return NULL;
}

static const char *attr_value(const struct attrs *as, const char *name)
{
    const struct attr *a = attr_get(as, name);
    return a ? a->value : "";
}

/* Every resource, whichever way IAM writes it: stringEquals (or no operator) "*", or
 * stringExists true / "true". */
static bool is_wildcard(const struct attr *a)
{
    if ((!a->op[0] || strcmp(a->op, "stringEquals") == 0) && !a->is_bool &&
        strcmp(a->value, AZ_WILDCARD_V1) == 0)
        return true;
    return strcmp(a->op, "stringExists") == 0 && strcmp(a->value, "true") == 0;
}

static bool is_plain(const char *name)
{
    return strcmp(name, AZ_ATTR_ACCOUNT_ID) == 0 || strcmp(name, AZ_ATTR_SERVICE_NAME) == 0;
}

/* Text safe to show and to put in a comment: printable ASCII, '?' for anything else. */
static const char *printable(struct az_ctx *ctx, const char *s)
{
    size_t n = strlen(s);
    if (n > 80)
        n = 80;
    char *out = az_arena_strndup(ctx->arena, s, n);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] > 0x7e)
            out[i] = '?';
    return out;
}

/* Fills target, instance, narrowed and other from the resource attributes. */
static void classify_resource(struct az_ctx *ctx, const struct attrs *res,
                              struct az_live_policy *lp)
{
    const char *service = attr_value(res, AZ_ATTR_SERVICE_NAME);
    const struct attr *scope = NULL;
    const struct az_target *t = NULL;
    for (size_t i = 0; i < AZ_TARGET_COUNT && !t; i++) {
        if (az_targets[i].service[0] != service[0] || strcmp(az_targets[i].service, service) != 0)
            continue;
        const struct attr *a = attr_get(res, az_targets[i].attr);
        if (a) {
            t = &az_targets[i];
            scope = a;
        }
    }
    const char *rtype = attr_value(res, AZ_ATTR_RESOURCE_TYPE);
    if (!t) {
        lp->other = printable(ctx, rtype[0] ? az_arena_printf(ctx->arena, "%s %s", service, rtype)
                                            : service[0] ? service : "(no serviceName)");
        return;
    }
    lp->target = t;
    if (t->flags & AZ_PER_INSTANCE) {
        if (strcmp(scope->op, "stringEquals") == 0 || !scope->op[0])
            lp->instance = az_arena_strdup(ctx->arena, scope->value);
        else
            lp->narrowed = az_arena_printf(ctx->arena, "%s %s \"%s\"", scope->name,
                                           printable(ctx, scope->op),
                                           printable(ctx, scope->value));
    } else if (!is_wildcard(scope)) {
        lp->narrowed = az_arena_printf(ctx->arena, "%s \"%s\"", scope->name,
                                       printable(ctx, scope->value));
    }
    for (size_t i = 0; i < res->n && !lp->narrowed; i++) {
        const struct attr *a = &res->v[i];
        if (a != scope && !is_plain(a->name))
            lp->narrowed = az_arena_printf(ctx->arena, "%s \"%s\"", printable(ctx, a->name),
                                           printable(ctx, a->value));
    }
    if (lp->narrowed)
        lp->other = az_arena_printf(ctx->arena, "%s (%s)", t->name, lp->narrowed);
}

/* Whether the subject is Backup for VPC; a subject narrowed to one backup policy (or with
 * other attributes) is Backup for VPC but narrowed. */
static bool classify_subject(struct az_ctx *ctx, const struct attrs *subj,
                             struct az_live_policy *lp)
{
    if (strcmp(attr_value(subj, AZ_ATTR_SERVICE_NAME), AZ_SUBJECT_SERVICE) != 0 ||
        strcmp(attr_value(subj, AZ_ATTR_RESOURCE_TYPE), AZ_SUBJECT_RESOURCE_TYPE) != 0)
        return false;
    lp->subj = az_arena_strdup(ctx->arena, attr_value(subj, AZ_ATTR_ACCOUNT_ID));
    for (size_t i = 0; i < subj->n; i++) {
        const struct attr *a = &subj->v[i];
        if (!is_plain(a->name) && strcmp(a->name, AZ_ATTR_RESOURCE_TYPE) != 0) {
            lp->narrowed = az_arena_printf(ctx->arena, "subject %s \"%s\"",
                                           printable(ctx, a->name), printable(ctx, a->value));
            return true;
        }
    }
    return true;
}

/* roles[] {role_id, display_name?}: through the rule table by CRN, else ID or display name. */
static int read_roles(struct az_ctx *ctx, const struct jv *list, struct az_live_policy *lp)
{
    size_t n = 0;
    for (const struct jv *r = list->child; r; r = r->next)
        n++;
    lp->unknown = NULL; /* made for the first role the rule table does not know */
    for (const struct jv *r = list->child; r; r = r->next) {
        if (r->kind != J_OBJECT)
            return wrong_type(ctx, r, "roles[]", J_OBJECT);
        const char *crn, *display;
        const struct jv *id;
        if (required(ctx, r, "a role", "role_id", J_STRING, &id) != 0 ||
            string_of(ctx, r, "display_name", &display) != 0)
            return -1;
        crn = id->str;
        const struct az_role *role = az_rules_role(crn);
        if (!role && display[0])
            role = az_rules_role(display);
        if (role) {
            lp->roles |= 1u << role->kind;
            continue;
        }
        if (!lp->unknown)
            lp->unknown = az_arena_alloc(ctx->arena, n * sizeof *lp->unknown);
        lp->unknown[lp->nunknown++] = printable(ctx, crn);
    }
    return 0;
}

/* ---- elements ------------------------------------------------------------------------------ */

/* Room for cap policies. They live in the run's arena, whose big chunks take huge pages:
 * filling a realloc'd array of 59,000 policies cost 2,300 page faults, a tenth of an import.
 * An outgrown array stays in the arena. */
static void reserve_policies(struct az_ctx *ctx, struct az_live *live, size_t cap)
{
    if (cap <= live->cap)
        return;
    struct az_live_policy *v = az_arena_alloc_uninit(ctx->arena, cap * sizeof *v);
    if (live->n)
        memcpy(v, live->v, live->n * sizeof *v);
    live->v = v;
    live->cap = cap;
}

static struct az_live_policy *add_policy(struct az_ctx *ctx, struct az_live *live)
{
    if (live->n == live->cap)
        reserve_policies(ctx, live, live->cap ? live->cap * 2 : 64);
    struct az_live_policy *lp = &live->v[live->n];
    memset(lp, 0, sizeof *lp);
    return lp;
}

/* A policy body: v1 (subjects[], roles[], resources[]) or v2 (subject, resource,
 * control.grant.roles). Templates pass their "policy" member. */
static int read_body(struct az_ctx *ctx, const struct jv *e, struct az_live *live,
                     struct az_live_policy *lp)
{
    const char *type;
    const struct jv *tv;
    if (typed(ctx, e, "type", J_STRING, &tv) != 0)
        return -1;
    type = tv ? tv->str : "";
    const struct jv *sv, *rv, *roles;
    bool v2 = !member(e, "subjects");
    if (v2) {
        const struct jv *control, *grant;
        if (required(ctx, e, "a v2 policy", "subject", J_OBJECT, &sv) != 0 ||
            required(ctx, e, "a v2 policy", "resource", J_OBJECT, &rv) != 0 ||
            required(ctx, e, "a v2 policy", "control", J_OBJECT, &control) != 0 ||
            required(ctx, control, "\"control\"", "grant", J_OBJECT, &grant) != 0 ||
            required(ctx, grant, "\"grant\"", "roles", J_ARRAY, &roles) != 0)
            return -1;
    } else {
        const struct jv *ss, *rs;
        if (required(ctx, e, "a v1 policy", "subjects", J_ARRAY, &ss) != 0 ||
            required(ctx, e, "a v1 policy", "resources", J_ARRAY, &rs) != 0 ||
            required(ctx, e, "a v1 policy", "roles", J_ARRAY, &roles) != 0)
            return -1;
        if (!ss->child || ss->child->next || !rs->child || rs->child->next) {
            az_diag_report(ctx, AZ_D_LIVE_SHAPE, (!ss->child || ss->child->next ? ss : rs)->loc,
                           "a v1 policy has exactly one subject and one resource");
            return -1;
        }
        sv = ss->child;
        rv = rs->child;
        if (sv->kind != J_OBJECT)
            return wrong_type(ctx, sv, "subjects[]", J_OBJECT);
        if (rv->kind != J_OBJECT)
            return wrong_type(ctx, rv, "resources[]", J_OBJECT);
    }
    struct attrs subj, res;
    if (read_attrs(ctx, sv, "a subject", v2, &subj) != 0 ||
        read_attrs(ctx, rv, "a resource", v2, &res) != 0 || read_roles(ctx, roles, lp) != 0)
        return -1;
    if (type[0] && strcmp(type, AZ_POLICY_TYPE) != 0) {
        live->other_types++;
        return 1;
    }
    if (!classify_subject(ctx, &subj, lp)) {
        live->other_subjects++;
        return 1;
    }
    lp->res = az_arena_strdup(ctx->arena, attr_value(&res, AZ_ATTR_ACCOUNT_ID));
    lp->instance = "";
    classify_resource(ctx, &res, lp);
    if (lp->narrowed && !lp->other)
        lp->other = lp->target ? az_arena_printf(ctx->arena, "%s (%s)", lp->target->name,
                                                 lp->narrowed)
                               : lp->narrowed;
    return 0;
}

static int read_policy(struct az_ctx *ctx, const struct jv *e, struct az_live *live)
{
    struct az_live_policy *lp = add_policy(ctx, live);
    lp->loc = e->loc;
    if (id_of(ctx, e, "id", &lp->id) != 0)
        return -1;
    int rc = read_body(ctx, e, live, lp);
    if (rc == 0)
        live->n++;
    return rc < 0 ? -1 : 0;
}

static int read_template(struct az_ctx *ctx, const struct jv *e, struct az_live *live)
{
    struct az_live_policy *lp = add_policy(ctx, live);
    lp->loc = e->loc;
    lp->tmpl = true;
    const struct jv *name, *policy, *version;
    if (id_of(ctx, e, "id", &lp->tmpl_id) != 0 ||
        required(ctx, e, "a template", "name", J_STRING, &name) != 0 ||
        required(ctx, e, "a template", "policy", J_OBJECT, &policy) != 0 ||
        kept_string_of(ctx, e, "account_id", &lp->tmpl_account) != 0)
        return -1;
    version = member(e, "version");
    if (version && version->kind != J_STRING && version->kind != J_NUMBER)
        return wrong_type(ctx, version, "version", J_STRING);
    lp->tmpl_version = az_arena_strdup(ctx->arena, version ? version->str : "");
    lp->tmpl_name = az_arena_strdup(ctx->arena, name->str);
    lp->id = lp->tmpl_id;
    int rc = read_body(ctx, policy, live, lp);
    if (rc == 0)
        live->n++;
    return rc < 0 ? -1 : 0;
}

static int read_assignment(struct az_ctx *ctx, const struct jv *e, struct az_live *live)
{
    const struct jv *target, *tmpl = NULL, *list;
    if (required(ctx, e, "an assignment", "target", J_OBJECT, &target) != 0 ||
        typed(ctx, e, "template", J_OBJECT, &tmpl) != 0 ||
        typed(ctx, e, "templates", J_ARRAY, &list) != 0)
        return -1;
    if (!tmpl && list && list->child && list->child->kind == J_OBJECT)
        tmpl = list->child;
    if (!tmpl) {
        az_diag_report(ctx, AZ_D_LIVE_SHAPE, e->loc,
                       "an assignment has no \"template\" (or \"templates\") object");
        return -1;
    }
    if (live->nassigns == live->acap) {
        size_t cap = live->acap ? live->acap * 2 : 16;
        struct az_live_assign *v = realloc(live->assigns, cap * sizeof *v);
        if (!v) {
            fputs("authzc: error: out of memory\n", stderr);
            abort();
        }
        live->assigns = v;
        live->acap = cap;
    }
    struct az_live_assign *as = &live->assigns[live->nassigns];
    memset(as, 0, sizeof *as);
    as->loc = e->loc;
    const struct jv *version = member(tmpl, "version");
    if (id_of(ctx, e, "id", &as->id) != 0 || kept_string_of(ctx, target, "type", &as->type) != 0 ||
        id_of(ctx, target, "id", &as->target) != 0 || id_of(ctx, tmpl, "id", &as->template_id) != 0)
        return -1;
    if (version && version->kind != J_STRING && version->kind != J_NUMBER)
        return wrong_type(ctx, version, "version", J_STRING);
    as->template_version = az_arena_strdup(ctx->arena, version ? version->str : "");
    live->nassigns++;
    return 0;
}

static int read_element(struct az_ctx *ctx, const struct jv *e, struct az_live *live)
{
    if (e->kind != J_OBJECT) {
        az_diag_report(ctx, AZ_D_LIVE_SHAPE, e->loc,
                       "expected a policy, template or assignment object, found %s",
                       kind_names[e->kind]);
        return -1;
    }
    if (member(e, "policy"))
        return read_template(ctx, e, live);
    if (member(e, "target"))
        return read_assignment(ctx, e, live);
    if (member(e, "subjects") || member(e, "subject") || member(e, "resources") ||
        member(e, "resource"))
        return read_policy(ctx, e, live);
    az_diag_report(ctx, AZ_D_LIVE_SHAPE, e->loc,
                   "this object is no policy (\"subjects\" or \"subject\"), template "
                   "(\"policy\") or assignment (\"target\")");
    return -1;
}

/* A fresh scratch arena: the previous element's tree is dropped. The token after it has
 * been scanned into that arena already: its message or string is kept in the run's. */
static void renew(struct reader *r)
{
    if (r->tok == AZ_JL_BAD && r->st.err_msg)
        r->st.err_msg = az_arena_strdup(r->ctx->arena, r->st.err_msg);
    else if (r->tok == AZ_JL_STRING)
        r->st.str = az_arena_strndup(r->ctx->arena, r->st.str, r->st.str_len);
    az_arena_free(r->scratch);
    r->scratch = az_arena_new();
    r->st.arena = r->scratch;
}

/* The elements of a list, one at a time: each is parsed, normalized into live (which keeps
 * copies in the run's arena) and its tree dropped, so memory follows the result, not the
 * export. r->tok is '['. */
static int stream_list(struct reader *r, unsigned depth, struct az_live *live)
{
    if (depth >= r->ctx->max_depth) {
        parse_value(r, depth); /* reports the limit */
        return -1;
    }
    advance(r);
    if (r->tok == AZ_JL_RBRACKET) {
        advance(r);
        return 0;
    }
    for (;;) {
        struct jv *e = parse_value(r, depth + 1);
        if (!e || read_element(r->ctx, e, live) != 0)
            return -1;
        renew(r);
        if (r->tok == AZ_JL_COMMA) {
            advance(r);
            continue;
        }
        if (r->tok == AZ_JL_RBRACKET) {
            advance(r);
            return 0;
        }
        syntax(r, "',' or ']'");
        return -1;
    }
}

static const char *const list_keys[] = {"policies", "policy_templates", "assignments"};

/* {"policies": [...], "policy_templates": [...], "assignments": [...], other keys ignored}.
 * r->tok is '{'. */
static int stream_object(struct reader *r, struct az_live *live)
{
    struct az_ctx *ctx = r->ctx;
    struct az_loc at = tok_loc(r);
    const char *seen[16];
    size_t nseen = 0;
    bool lists = false;
    advance(r);
    while (r->tok != AZ_JL_RBRACE) {
        if (r->tok != AZ_JL_STRING) {
            syntax(r, nseen ? "a string key (is there a ',' before '}'?)" : "a string key or '}'");
            return -1;
        }
        struct az_loc key_loc = tok_loc(r);
        const char *key = az_arena_strndup(ctx->arena, r->st.str, r->st.str_len);
        for (size_t i = 0; i < nseen; i++)
            if (strcmp(seen[i], key) == 0) {
                az_diag_report(ctx, AZ_D_LIVE_DUPLICATE_KEY, key_loc,
                               "the key \"%s\" appears twice in this object; IAM writes each "
                               "key once (export again, or keep one of them)",
                               key);
                return -1;
            }
        if (nseen < sizeof seen / sizeof seen[0])
            seen[nseen++] = key;
        advance(r);
        if (r->tok != AZ_JL_COLON) {
            syntax(r, "':' after the key");
            return -1;
        }
        advance(r);
        bool list = false;
        for (size_t i = 0; i < 3; i++)
            list |= strcmp(key, list_keys[i]) == 0;
        if (list && r->tok == AZ_JL_LBRACKET) {
            lists = true;
            if (stream_list(r, 1, live) != 0)
                return -1;
        } else {
            struct jv *v = parse_value(r, 1);
            if (!v)
                return -1;
            if (list && v->kind != J_NULL)
                return wrong_type(ctx, v, key, J_ARRAY);
            renew(r);
        }
        if (r->tok == AZ_JL_COMMA) {
            advance(r);
            if (r->tok == AZ_JL_RBRACE) {
                syntax(r, "a string key after ','");
                return -1;
            }
        } else if (r->tok != AZ_JL_RBRACE) {
            syntax(r, r->tok == AZ_JL_STRING ? "',' or '}' (is a ',' missing before this key?)"
                                             : "',' or '}'");
            return -1;
        }
    }
    advance(r);
    if (!lists) {
        az_diag_report(ctx, AZ_D_LIVE_SHAPE, at,
                       "expected an array of policies, or an object with \"policies\", "
                       "\"policy_templates\" or \"assignments\"");
        return -1;
    }
    return 0;
}

static int read_root(struct reader *r, struct az_live *live)
{
    if (r->tok == AZ_JL_EOF) {
        az_diag_report(r->ctx, AZ_D_LIVE_SYNTAX, tok_loc(r),
                       "the export is empty; expected the JSON IAM printed");
        return -1;
    }
    int rc;
    if (r->tok == AZ_JL_LBRACKET) {
        rc = stream_list(r, 0, live);
    } else if (r->tok == AZ_JL_LBRACE) {
        rc = stream_object(r, live);
    } else {
        struct jv *v = parse_value(r, 0);
        if (!v)
            return -1;
        az_diag_report(r->ctx, AZ_D_LIVE_SHAPE, v->loc,
                       "expected an array of policies, or an object with \"policies\", found %s",
                       kind_names[v->kind]);
        return -1;
    }
    if (rc == 0 && r->tok != AZ_JL_EOF) {
        syntax(r, "the end of the file after the JSON value");
        return -1;
    }
    return rc;
}

/* ---- the fast reader ---------------------------------------------------------------------- */

/* Exports are large and nearly always well-formed, so they are read first by this reader: one
 * pass over the bytes without the scanner's tokens, building only the members the shapes look
 * at (known_key: no copies of hrefs, dates, descriptions) and counting lines only where
 * whitespace has them. It checks everything the located reader checks (JSON's grammar, UTF-8,
 * escapes, duplicate keys, the depth limit) but accepts a subset of it, for which it builds the
 * same tree (same values, same locations), so the shapes give the same answers and the same
 * diagnostics. On anything else (an error of any kind, a surrogate or non-ASCII escape, a key
 * with escapes, an object of more than SMALL_OBJECT keys) it gives up, nothing of it is kept,
 * and the located reader reads the file again and says what and where.
 * tests/fuzz/fuzz_live.c holds the two readers to the same results on arbitrary bytes. */

enum { FAST_OK = 0, FAST_ERROR = -1, FAST_GIVE_UP = 1 };

struct fast {
    struct reader *r;
    const unsigned char *t; /* the text; t[len] is NUL */
    size_t len, i;          /* i: the next byte */
    uint32_t line;
    size_t line_off; /* where the current line starts */
    char *pool;      /* nodes and strings are taken from the scratch arena 4 KiB at a time */
    size_t pool_left;
};

struct span {
    const unsigned char *s;
    size_t n;
};

/* The member names the shapes look up (member() and its callers); NULL for the others. */
static const char *known_key(const unsigned char *s, size_t n)
{
#define KEY(lit)                                                                                   \
    if (n == sizeof lit - 1 && memcmp(s, lit, sizeof lit - 1) == 0)                                \
    return lit
    switch (s[0]) {
    case 'a':
        KEY("attributes");
        KEY("account_id");
        break;
    case 'c':
        KEY("control");
        break;
    case 'd':
        KEY("display_name");
        break;
    case 'g':
        KEY("grant");
        break;
    case 'i':
        KEY("id");
        break;
    case 'k':
        KEY("key");
        break;
    case 'n':
        KEY("name");
        break;
    case 'o':
        KEY("operator");
        break;
    case 'p':
        KEY("policy");
        break;
    case 'r':
        KEY("roles");
        KEY("role_id");
        KEY("resource");
        KEY("resources");
        break;
    case 's':
        KEY("subject");
        KEY("subjects");
        break;
    case 't':
        KEY("type");
        KEY("target");
        KEY("template");
        KEY("templates");
        break;
    case 'v':
        KEY("value");
        KEY("version");
        break;
    default:
        break;
    }
#undef KEY
    return NULL;
}

/* Skips whitespace, counting lines. */
static void fast_space_run(struct fast *f)
{
    const unsigned char *t = f->t;
    size_t i = f->i;
    for (;;) {
        unsigned char c = t[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            i++;
        } else if (c == '\n') {
            f->line++;
            f->line_off = ++i;
            uint64_t v;
            while (i + 8 <= f->len && (memcpy(&v, t + i, 8), v == 0x2020202020202020u))
                i += 8; /* indentation */
        } else {
            break;
        }
    }
    f->i = i;
}

static inline void fast_space(struct fast *f)
{
    const unsigned char *t = f->t + f->i;
    if (t[0] == ' ' && t[1] > ' ') /* "key": value, one space after ':' and ',' */
        f->i++;
    else if (t[0] <= ' ')
        fast_space_run(f);
}

/* n bytes from the pool, aligned for a node. */
static void *fast_alloc(struct fast *f, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n > f->pool_left) {
        f->pool_left = n > 4096 ? n : 4096;
        f->pool = az_arena_alloc_uninit(f->r->scratch, f->pool_left);
    }
    void *p = f->pool;
    f->pool += n;
    f->pool_left -= n;
    return p;
}

/* A node of the token of n bytes at off (on the current line: tokens never span lines). */
static struct jv *fast_node(struct fast *f, enum jkind kind, size_t off, size_t n)
{
    struct jv *v = fast_alloc(f, sizeof *v);
    *v = (struct jv){.kind = kind,
                     .loc = {f->r->src, f->line, (uint32_t)(off - f->line_off + 1),
                             (uint32_t)(n > 200 ? 200 : n)}};
    return v;
}

static unsigned fast_hex4(const unsigned char *s)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++)
        v = v * 16 + (unsigned)(s[k] <= '9' ? s[k] - '0' : (s[k] | 0x20) - 'a' + 10);
    return v;
}

/* The string opening at f->i: its end just past the closing quote, *plain when it has neither
 * escapes nor non-ASCII bytes; 0 (give up) unless it is a closed, valid JSON string without
 * surrogate escapes. */
static inline size_t fast_string(const struct fast *f, bool *plain)
{
    return az_jl_string_end(f->t, f->len, f->i, plain);
}

/* The decoded value of the string s[0..n) (without its quotes) that fast_string accepted, in
 * the scratch arena; false (give up) on a \u escape past ASCII. */
static bool fast_decode(struct fast *f, struct jv *v, const unsigned char *s, size_t n, bool plain)
{
    char *out = fast_alloc(f, n + 1), *o = out;
    if (plain) {
        memcpy(out, s, n);
        o += n;
    }
    for (size_t i = 0; !plain && i < n;) {
        if (s[i] != '\\') {
            *o++ = (char)s[i++];
            continue;
        }
        unsigned char e = s[i + 1];
        if (e == 'u') {
            unsigned cp = fast_hex4(s + i + 2);
            if (cp >= 0x80)
                return false;
            *o++ = (char)cp;
            i += 6;
            continue;
        }
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        *o++ = to[strchr(from, e) - from];
        i += 2;
    }
    *o = '\0';
    v->str = out;
    v->len = (size_t)(o - out);
    return true;
}

/* [-+.0-9A-Za-z_]: a byte that would make the located scanner's number token longer. */
static bool fast_number_char(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' ||
           c == '-' || c == '+' || c == '.';
}

static bool fast_value(struct fast *f, unsigned depth, bool keep, struct jv **out);

/* Reads '"key":' at f->i into *key, and the space after it. */
static bool fast_key(struct fast *f, struct span *key)
{
    bool plain;
    size_t end = f->t[f->i] == '"' ? fast_string(f, &plain) : 0;
    if (end == 0 || !plain)
        return false;
    key->s = f->t + f->i + 1;
    key->n = end - f->i - 2;
    f->i = end;
    fast_space(f);
    if (f->t[f->i] != ':')
        return false;
    f->i++;
    fast_space(f);
    return true;
}

/* Whether key is one of the n keys before it (linear: objects here are small). */
static bool fast_seen(const struct span *keys, size_t n, struct span key)
{
    for (size_t k = 0; k < n; k++)
        if (keys[k].n == key.n && memcmp(keys[k].s, key.s, key.n) == 0)
            return true;
    return false;
}

/* Past the opening byte at f->i: whether members or elements follow (false: past close). */
static bool fast_open(struct fast *f, unsigned char close)
{
    f->i++;
    fast_space(f);
    if (f->t[f->i] != close)
        return true;
    f->i++;
    return false;
}

/* After a member or an element: ',' (true, *more) or the closing byte (true, !*more). */
static bool fast_next(struct fast *f, unsigned char close, bool *more)
{
    fast_space(f);
    unsigned char c = f->t[f->i];
    if (c != ',' && c != close)
        return false;
    f->i++;
    *more = c == ',';
    if (*more)
        fast_space(f);
    return true;
}

static bool fast_object(struct fast *f, unsigned depth, bool keep, struct jv **out)
{
    struct jv *obj = keep ? fast_node(f, J_OBJECT, f->i, 1) : NULL;
    struct jv **tail = obj ? &obj->child : NULL;
    struct span keys[SMALL_OBJECT];
    size_t count = 0;
    bool more = fast_open(f, '}');
    while (more) {
        if (count == SMALL_OBJECT || !fast_key(f, &keys[count]) ||
            fast_seen(keys, count, keys[count]))
            return false;
        const char *key = keep ? known_key(keys[count].s, keys[count].n) : NULL;
        count++;
        struct jv *v;
        if (!fast_value(f, depth, key != NULL, &v) || !fast_next(f, '}', &more))
            return false;
        if (key) {
            v->key = key;
            *tail = v;
            tail = &v->next;
        }
    }
    *out = obj;
    return true;
}

static bool fast_array(struct fast *f, unsigned depth, bool keep, struct jv **out)
{
    struct jv *arr = keep ? fast_node(f, J_ARRAY, f->i, 1) : NULL;
    struct jv **tail = arr ? &arr->child : NULL;
    bool more = fast_open(f, ']');
    while (more) {
        struct jv *v;
        if (!fast_value(f, depth, keep, &v) || !fast_next(f, ']', &more))
            return false;
        if (keep) {
            *tail = v;
            tail = &v->next;
        }
    }
    *out = arr;
    return true;
}

/* The literal lit (true, false, null) at f->i, not followed by a word character
 * ([A-Za-z0-9_$]: the located scanner would read a longer word). */
static bool fast_literal(const struct fast *f, const char *lit, size_t n)
{
    if (f->len - f->i < n || memcmp(f->t + f->i, lit, n) != 0)
        return false;
    unsigned char c = f->t[f->i + n];
    return !(fast_number_char(c) && c != '.' && c != '-' && c != '+') && c != '$';
}

/* A value at f->i (not space); *out its node when keep, else NULL. */
static bool fast_value(struct fast *f, unsigned depth, bool keep, struct jv **out)
{
    size_t at = f->i, end;
    unsigned char c = f->t[at];
    enum jkind kind;
    *out = NULL;
    if (c == '{' || c == '[') {
        if (depth >= f->r->ctx->max_depth)
            return false;
        return c == '{' ? fast_object(f, depth + 1, keep, out)
                        : fast_array(f, depth + 1, keep, out);
    }
    if (c == '"') {
        bool plain;
        if ((end = fast_string(f, &plain)) == 0)
            return false;
        if (keep) {
            *out = fast_node(f, J_STRING, at, end - at);
            if (!fast_decode(f, *out, f->t + at + 1, end - at - 2, plain))
                return false;
        }
        f->i = end;
        return true;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        if ((end = az_jl_number_end(f->t, at)) == 0)
            return false;
        kind = J_NUMBER;
    } else if (c == 't' && fast_literal(f, "true", 4)) {
        end = at + 4, kind = J_TRUE;
    } else if (c == 'f' && fast_literal(f, "false", 5)) {
        end = at + 5, kind = J_FALSE;
    } else if (c == 'n' && fast_literal(f, "null", 4)) {
        end = at + 4, kind = J_NULL;
    } else {
        return false;
    }
    if (keep) {
        *out = fast_node(f, kind, at, end - at);
        if (kind == J_NUMBER) {
            char *num = fast_alloc(f, end - at + 1);
            memcpy(num, f->t + at, end - at);
            num[end - at] = '\0';
            (*out)->str = num;
        }
    }
    f->i = end;
    return true;
}

/* The elements of a list at f->i ('['), each normalized and dropped as in stream_list. */
static int fast_list(struct fast *f, unsigned depth, struct az_live *live)
{
    if (depth >= f->r->ctx->max_depth)
        return FAST_GIVE_UP;
    bool more = fast_open(f, ']');
    while (more) {
        struct jv *e;
        if (!fast_value(f, depth + 1, true, &e))
            return FAST_GIVE_UP;
        if (read_element(f->r->ctx, e, live) != 0)
            return FAST_ERROR;
        renew(f->r);
        f->pool_left = 0;
        if (!fast_next(f, ']', &more))
            return FAST_GIVE_UP;
    }
    return FAST_OK;
}

/* The object form of stream_object at f->i ('{'). */
static int fast_lists(struct fast *f, struct az_live *live)
{
    struct span seen[16];
    size_t nseen = 0;
    bool lists = false, more = fast_open(f, '}');
    while (more) {
        if (nseen == sizeof seen / sizeof seen[0] || !fast_key(f, &seen[nseen]) ||
            fast_seen(seen, nseen, seen[nseen]))
            return FAST_GIVE_UP;
        struct span key = seen[nseen++];
        bool list = false;
        for (size_t k = 0; k < 3; k++)
            list |= key.n == strlen(list_keys[k]) && memcmp(key.s, list_keys[k], key.n) == 0;
        struct jv *v;
        if (list && f->t[f->i] == '[') {
            lists = true;
            int rc = fast_list(f, 1, live);
            if (rc != FAST_OK)
                return rc;
        } else if ((list && !fast_literal(f, "null", 4)) || !fast_value(f, 1, false, &v)) {
            return FAST_GIVE_UP;
        }
        if (!fast_next(f, '}', &more))
            return FAST_GIVE_UP;
    }
    return lists ? FAST_OK : FAST_GIVE_UP;
}

static int fast_root(struct fast *f, struct az_live *live)
{
    fast_space(f);
    int rc = f->t[f->i] == '['   ? fast_list(f, 0, live)
             : f->t[f->i] == '{' ? fast_lists(f, live)
                                 : FAST_GIVE_UP;
    if (rc == FAST_OK) {
        fast_space(f);
        if (f->i < f->len)
            rc = FAST_GIVE_UP;
    }
    return rc;
}

/* Reads src with the fast reader first (fast: it gives up on anything it does not take, and
 * the located reader reads the file again) or with the located reader alone. */
static int read_export(struct az_ctx *ctx, const struct az_source *src, struct az_live *live,
                       bool fast)
{
    struct reader r = {.ctx = ctx, .src = src, .scratch = az_arena_new()};
    size_t n0 = live->n, a0 = live->nassigns, o0 = live->other_subjects, t0 = live->other_types;
    int rc = FAST_GIVE_UP;
    /* IAM's policies take about 900 bytes of JSON each: room for one every 256 bytes spares
     * nearly every export the copies of a growing array, and what it does not use is never
     * touched, so costs no memory (the arena maps its big chunks). */
    reserve_policies(ctx, live, live->n + src->len / 256);
    if (fast) {
        struct fast f = {
            .r = &r, .t = (const unsigned char *)src->text, .len = src->len, .line = 1};
        rc = fast_root(&f, live);
    }
    if (rc == FAST_GIVE_UP) { /* what the fast reader kept is dropped */
        live->n = n0;
        live->nassigns = a0;
        live->other_subjects = o0;
        live->other_types = t0;
        renew(&r);
        az_jl_init(&r.st, r.scratch, src->text, src->len);
        advance(&r);
        rc = read_root(&r, live);
    }
    az_arena_free(r.scratch);
    if (rc != 0) { /* nothing of a bad file is used */
        live->n = n0;
        live->nassigns = a0;
        live->other_subjects = o0;
        live->other_types = t0;
        return -1;
    }
    live->files++;
    return 0;
}

int az_live_read(struct az_ctx *ctx, const struct az_source *src, struct az_live *live)
{
    return read_export(ctx, src, live, true);
}

int az_live_read_located(struct az_ctx *ctx, const struct az_source *src, struct az_live *live)
{
    return read_export(ctx, src, live, false);
}

int az_live_load(struct az_ctx *ctx, const char *const *paths, size_t n, size_t max_input,
                 struct az_live *live)
{
    int rc = 0;
    size_t limit = ctx->max_input; /* the intent's */
    ctx->max_input = max_input ? max_input : AZ_SOURCE_MAX_EXPORT;
    for (size_t i = 0; i < n; i++) {
        const struct az_source *src = az_source_load(ctx, paths[i]);
        if (!src || az_live_read(ctx, src, live) != 0)
            rc = -1;
    }
    ctx->max_input = limit;
    return rc;
}

void az_live_free(struct az_live *live)
{
    free(live->assigns); /* (the policies are in the run's arena) */
    memset(live, 0, sizeof *live);
}

const char *az_live_roles_text(struct az_ctx *ctx, const struct az_live_policy *p)
{
    const char *s = "";
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++)
        if (p->roles & (1u << i))
            s = az_arena_concat(ctx->arena, s, s[0] ? ", " : "", az_roles[i].display, (char *)NULL);
    for (size_t i = 0; i < p->nunknown; i++)
        s = az_arena_concat(ctx->arena, s, s[0] ? ", " : "", p->unknown[i], (char *)NULL);
    return s[0] ? s : "(none)";
}
