/* emit_json.c - the json and json-v2 targets: the IAM request bodies of a plan (v1 or v2
 * authorization policies, policy templates, template assignments), either as one JSON
 * document on standard output or as one file per body plus index.json in a folder.
 *
 * The body builder here is also what the cli target puts into its script
 * (az_emit_json_body), so the script and the JSON create the same policies. jansson stays
 * in this file: no json_t leaves it.
 *
 * The fast path: stencils. jansson writes all JSON text, but not once per body. Bodies differ
 * only in their values (account IDs, instance GUIDs, names, descriptions); their structure
 * depends on a few things only: what the text is (a body, a document entry, an index entry),
 * the version, the target, the roles, whether an instance is named. So the tree of each such
 * shape is built and dumped once, with a marker in place of every value: "\x01" and a letter,
 * which jansson dumps as the escape \u0001 and that letter (user text never holds a control
 * character: the checker refuses them). The dump, re-indented for its place in the document,
 * is cut at the markers into a stencil: literal pieces with a value slot between them.
 * Writing a body is then copying the pieces and the values into a 64 KiB output buffer
 * (outbuf.h), which leaves with one write per 64 KiB.
 *
 * A value is copied as it is when it is printable ASCII that JSON does not escape (IDs and
 * names always are; in script mode it must not hold '@' either); any other value is escaped
 * by jansson itself, from a dump of that one string. JSON escapes character by character, so
 * the result is byte for byte the dump of the whole tree, and jansson still decides every
 * escape. Stencils are kept in a small cache for the life of the process: each is a pure
 * function of its key (rule-table data and constants), so the cache never changes a byte.
 *
 * Nothing holds more than one body and one output buffer at a time: a plan of any size
 * streams. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* syncfs, for large folders */
#endif
#include "authzc/emit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/outbuf.h"
#include "authzc/output.h"
#include "authzc/plan.h"
#include "authzc/rules.h"

#define TEMPLATE_VERSION "1"
#define INDEX_FILE "index.json"
/* The placeholder for a template's ID in an assignment body, and index.json's note on every
 * assignment (id: that placeholder; tname: the template). */
#define TEMPLATE_ID(tname) "@template_id:" tname "@"
#define ASSIGNMENT_NOTE(id, tname)                                                                 \
    "\"" id "\" in templates[0].id stands for the ID of the template \"" tname                     \
    "\", which exists only once POST /v1/policy_templates has created it; commit its "             \
    "version " TEMPLATE_VERSION                                                                    \
    ", then put the \"id\" that call returned in place of the placeholder "                        \
    "and send this body."

static int internal(struct az_ctx *ctx, const char *what)
{
    az_diag_fatal(ctx, "internal error in the JSON emitter: %s", what);
    return -1;
}

/* ---- values and their markers ---------------------------------------------------------- */

/* The values a stencil leaves open. The marker of slot s is "\x01" and the letter 'A' + s
 * (two literals: "\x01A" would be the one character 0x1A). */
enum slot {
    S_NAME,     /* the body's name (document and index entries, file names) */
    S_ACCOUNT,  /* the account it is created in */
    S_SUBJECT,  /* accountId of the subject; NULL: `current` */
    S_RESOURCE, /* accountId of the resource; NULL: `current` */
    S_INSTANCE, /* the serviceInstance GUID */
    S_DESC,     /* the policy's description */
    S_TNAME,    /* the IAM template name */
    S_TDESC,    /* the template's description */
    S_TYPE,     /* an assignment's target type */
    S_ID,       /* an assignment's target ID */
    S_COUNT
};
#define MARKER(letter) "\x01" letter
#define M_NAME MARKER("A")
#define M_ACCOUNT MARKER("B")
#define M_SUBJECT MARKER("C")
#define M_RESOURCE MARKER("D")
#define M_INSTANCE MARKER("E")
#define M_DESC MARKER("F")
#define M_TNAME MARKER("G")
#define M_TDESC MARKER("H")
#define M_TYPE MARKER("I")
#define M_ID MARKER("J")
#define MARKER_ESCAPE "\\u0001" /* how jansson dumps the "\x01" of a marker */

struct values {
    const char *v[S_COUNT];
};

/* The values of a policy or template body. */
static void policy_values(struct values *val, const struct az_policy *p)
{
    val->v[S_ACCOUNT] = p->account;
    val->v[S_SUBJECT] = p->subject_account;
    val->v[S_RESOURCE] = p->resource_account;
    val->v[S_INSTANCE] = p->instance;
    val->v[S_DESC] = p->description;
    val->v[S_TNAME] = p->template_name;
    val->v[S_TDESC] = p->template_description ? p->template_description : p->description;
}

/* ---- body trees, with markers for values ----------------------------------------------- */

/* jansson returns NULL when out of memory; every builder below passes NULL up. */
static json_t *v1_subject_attr(const char *name, const char *value)
{
    return json_pack("{s:s, s:s}", "name", name, "value", value);
}

static json_t *v1_resource_attr(const char *name, const char *value)
{
    return json_pack("{s:s, s:s, s:s}", "name", name, "operator", AZ_OP_EQUALS, "value", value);
}

static json_t *v2_attr(const char *key, const char *op, json_t *value)
{
    return json_pack("{s:s, s:s, s:o}", "key", key, "operator", op, "value", value);
}

static json_t *v2_equals(const char *key, const char *value)
{
    return v2_attr(key, AZ_OP_EQUALS, json_string(value));
}

/* The target's scope: every resource (ID attribute wildcard), or one Event Notifications
 * instance. */
static json_t *v2_scope(const struct az_policy *p)
{
    if (p->instance)
        return v2_equals(p->target->attr, M_INSTANCE);
    return v2_attr(p->target->attr, AZ_OP_EXISTS, json_true());
}

static json_t *role_list(az_roleset roles)
{
    json_t *a = json_array();
    if (!a)
        return NULL;
    for (size_t k = 0; k < AZ_ROLE_COUNT; k++)
        if ((roles & (1u << k)) &&
            json_array_append_new(a, json_pack("{s:s}", "role_id", az_roles[k].crn)) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *v1_policy(const struct az_policy *p)
{
    return json_pack(
        "{s:s, s:s, s:[{s:[o, o, o]}], s:o, s:[{s:[o, o, o]}]}", "type", AZ_POLICY_TYPE,
        "description", M_DESC, "subjects", "attributes", v1_subject_attr(AZ_ATTR_ACCOUNT_ID, M_SUBJECT),
        v1_subject_attr(AZ_ATTR_SERVICE_NAME, AZ_SUBJECT_SERVICE),
        v1_subject_attr(AZ_ATTR_RESOURCE_TYPE, AZ_SUBJECT_RESOURCE_TYPE), "roles", role_list(p->roles),
        "resources", "attributes", v1_resource_attr(AZ_ATTR_ACCOUNT_ID, M_RESOURCE),
        v1_resource_attr(AZ_ATTR_SERVICE_NAME, p->target->service),
        v1_resource_attr(p->target->attr, p->instance ? M_INSTANCE : AZ_WILDCARD_V1));
}

static json_t *v2_policy(const struct az_policy *p)
{
    return json_pack(
        "{s:s, s:s, s:{s:[o, o, o]}, s:{s:{s:o}}, s:{s:[o, o, o]}}", "type", AZ_POLICY_TYPE,
        "description", M_DESC, "subject", "attributes", v2_equals(AZ_ATTR_ACCOUNT_ID, M_SUBJECT),
        v2_equals(AZ_ATTR_SERVICE_NAME, AZ_SUBJECT_SERVICE),
        v2_equals(AZ_ATTR_RESOURCE_TYPE, AZ_SUBJECT_RESOURCE_TYPE), "control", "grant", "roles",
        role_list(p->roles), "resource", "attributes", v2_equals(AZ_ATTR_ACCOUNT_ID, M_RESOURCE),
        v2_equals(AZ_ATTR_SERVICE_NAME, p->target->service), v2_scope(p));
}

/* A template: created in the enterprise account; no accountId inside its policy. It is
 * created uncommitted; the commit is a separate step (index.json's "commit", the script's
 * template-version-commit), so every output tells the same create-commit-assign story. */
static json_t *template_body(const struct az_policy *p)
{
    return json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:{s:[o, o]}, s:{s:[o, o]}, s:{s:{s:o}}}}",
                     "name", M_TNAME, "description", M_TDESC, "account_id", M_ACCOUNT, "policy",
                     "type", AZ_POLICY_TYPE, "description", M_DESC, "subject", "attributes",
                     v2_equals(AZ_ATTR_SERVICE_NAME, AZ_SUBJECT_SERVICE),
                     v2_equals(AZ_ATTR_RESOURCE_TYPE, AZ_SUBJECT_RESOURCE_TYPE), "resource", "attributes",
                     v2_equals(AZ_ATTR_SERVICE_NAME, p->target->service), v2_scope(p), "control", "grant",
                     "roles", role_list(p->roles));
}

static json_t *assignment_body(void)
{
    return json_pack("{s:{s:s, s:s}, s:[{s:s, s:s}]}", "target", "type", M_TYPE, "id", M_ID,
                     "templates", "id", TEMPLATE_ID(M_TNAME), "version", TEMPLATE_VERSION);
}

/* The body of p: a policy or a template. */
static json_t *body_tree(const struct az_policy *p, enum az_json_version v)
{
    if (p->scope == AZ_SCOPE_TEMPLATE)
        return template_body(p);
    return v == AZ_JSON_V2 ? v2_policy(p) : v1_policy(p);
}

/* What a stencil is the text of. */
enum shape_kind {
    K_BODY,           /* a policy or template body: a folder's file, the cli target */
    K_ASSIGN,         /* an assignment body: a folder's file */
    K_DOC_BODY,       /* the stdout document's entry {name, account, body} */
    K_DOC_ASSIGN,     /* the stdout document's entry {name, template, body} */
    K_INDEX_POLICY,   /* index.json's entry for a policy */
    K_INDEX_TEMPLATE, /* ... for a template */
    K_INDEX_ASSIGN,   /* ... for an assignment */
    K_DOC_LIVE,       /* compile --live: K_DOC_BODY with "live_id" (S_ID) */
    K_INDEX_LIVE,     /* compile --live: K_INDEX_POLICY with "live_id" (S_ID) */
};

static json_t *shape_tree(enum shape_kind kind, const struct az_policy *p, enum az_json_version v)
{
    switch (kind) {
    case K_BODY:
        return body_tree(p, v);
    case K_ASSIGN:
        return assignment_body();
    case K_DOC_BODY:
        return json_pack("{s:s, s:s, s:o}", "name", M_NAME, "account", M_ACCOUNT, "body",
                         body_tree(p, v));
    case K_DOC_ASSIGN:
        return json_pack("{s:s, s:s, s:o}", "name", M_NAME, "template", M_TNAME, "body",
                         assignment_body());
    case K_DOC_LIVE:
        return json_pack("{s:s, s:s, s:s, s:o}", "name", M_NAME, "account", M_ACCOUNT, "live_id",
                         M_ID, "body", body_tree(p, v));
    case K_INDEX_LIVE:
        return json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", M_NAME, "file", M_NAME ".json",
                         "account", M_ACCOUNT, "live_id", M_ID, "create",
                         v == AZ_JSON_V2 ? "POST /v2/policies" : "POST /v1/policies");
    case K_INDEX_POLICY:
        return json_pack("{s:s, s:s, s:s, s:s}", "name", M_NAME, "file", M_NAME ".json", "account",
                         M_ACCOUNT, "create",
                         v == AZ_JSON_V2 ? "POST /v2/policies" : "POST /v1/policies");
    case K_INDEX_TEMPLATE:
        return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "name", M_NAME, "file", M_NAME ".json",
                         "account", M_ACCOUNT, "template_name", M_TNAME, "create",
                         "POST /v1/policy_templates", "commit",
                         "POST /v1/policy_templates/{id}/versions/" TEMPLATE_VERSION "/commit");
    case K_INDEX_ASSIGN:
    default:
        return json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", M_NAME, "file", M_NAME ".json",
                         "template", M_TNAME, "create", "POST /v1/policy_assignments?version=1.0",
                         "note", ASSIGNMENT_NOTE(TEMPLATE_ID(M_TNAME), M_TNAME));
    }
}

/* Everything a stencil's text depends on. Assignment and index texts depend on no policy;
 * bodies on the policy's shape: scope, target, roles, whether it names an instance. */
static uint64_t shape_key(enum shape_kind kind, const struct az_policy *p, enum az_json_version v,
                          bool script)
{
    uint64_t key = (uint64_t)kind << 48 | (uint64_t)v << 44 | (uint64_t)script << 43;
    if (kind == K_BODY || kind == K_DOC_BODY || kind == K_DOC_LIVE)
        key |= (uint64_t)(p->scope == AZ_SCOPE_TEMPLATE) << 42 |
               (uint64_t)(p->instance != NULL) << 41 | (uint64_t)p->target->kind << 32 |
               (uint64_t)p->roles;
    return key;
}

/* The document indents an entry by two levels, index.json too; bodies stand alone. */
static int shape_indent(enum shape_kind kind)
{
    return kind == K_BODY || kind == K_ASSIGN ? 0 : 4;
}

/* ---- stencils -------------------------------------------------------------------------- */

/* len literal bytes, then the value of slot (-1: none, the last piece). */
struct piece {
    size_t len;
    int slot;
};

struct stencil {
    uint64_t key;
    const char *text; /* the literal bytes of all pieces, back to back */
    size_t len;       /* their total */
    unsigned slots;   /* bit s: slot s occurs */
    size_t npieces;
    struct piece pieces[]; /* then the text, in the same allocation */
};

/* Cuts a dump into a stencil, in one pass that also writes `indent` spaces after every
 * newline (JSON text has no raw newline inside a string, so this re-indents structure only)
 * and, in script mode, every '@' as the escape \u0040 (see az_emit_json_body). */
static struct stencil *cut(const char *dump, int indent, bool script)
{
    size_t n = 0, lines = 0, ats = 0, markers = 0;
    for (const char *s = dump; *s; s++, n++) {
        lines += *s == '\n';
        ats += *s == '@';
        markers += *s == '\\'; /* at most one marker per backslash */
    }
    size_t pieces = markers + 1, room = n + lines * (size_t)indent + ats * 5 + 1;
    struct stencil *st = malloc(sizeof *st + pieces * sizeof st->pieces[0] + room);
    if (!st)
        return NULL;
    char *text = (char *)&st->pieces[pieces], *o = text, *start = text;
    st->text = text;
    st->slots = 0;
    st->npieces = 0;
    bool in_string = false;
    for (const char *s = dump; *s;) {
        if (in_string && *s == '\\') {
            size_t m = strlen(MARKER_ESCAPE);
            if (strncmp(s, MARKER_ESCAPE, m) == 0 && s[m] >= 'A' && s[m] < 'A' + S_COUNT) {
                int slot = s[m] - 'A';
                st->pieces[st->npieces++] = (struct piece){(size_t)(o - start), slot};
                st->slots |= 1u << slot;
                start = o;
                s += m + 1;
            } else { /* a two-character escape, or the start of \uXXXX: copied as is */
                *o++ = *s++;
                *o++ = *s++;
            }
            continue;
        }
        if (*s == '"')
            in_string = !in_string;
        if (script && *s == '@') {
            memcpy(o, "\\u0040", 6);
            o += 6;
        } else if (*s == '\n') {
            *o++ = '\n';
            memset(o, ' ', (size_t)indent);
            o += indent;
        } else {
            *o++ = *s;
        }
        s++;
    }
    st->pieces[st->npieces++] = (struct piece){(size_t)(o - start), -1};
    st->len = (size_t)(o - text);
    return st;
}

/* The cache: a few dozen shapes cover any plan (targets x role sets x kinds); beyond that
 * the oldest entry makes room. */
#define STENCIL_CACHE 64
static struct stencil *stencil_cache[STENCIL_CACHE];
static size_t stencil_cached, stencil_evict;

/* Empties the cache when the process exits, so that leak checkers see nothing left. */
__attribute__((destructor)) static void stencil_cache_free(void)
{
    for (size_t i = 0; i < stencil_cached; i++)
        free(stencil_cache[i]);
    stencil_cached = 0;
}

/* The stencil of kind for p's shape; valid until the next call. NULL: out of memory
 * (diagnostic queued). */
static const struct stencil *stencil_for(struct az_ctx *ctx, enum shape_kind kind,
                                         const struct az_policy *p, enum az_json_version v,
                                         bool script)
{
    uint64_t key = shape_key(kind, p, v, script);
    for (size_t i = 0; i < stencil_cached; i++)
        if (stencil_cache[i]->key == key)
            return stencil_cache[i];
    json_t *tree = shape_tree(kind, p, v);
    char *dump = tree ? json_dumps(tree, JSON_INDENT(2) | JSON_ENCODE_ANY) : NULL;
    json_decref(tree);
    struct stencil *st = dump ? cut(dump, shape_indent(kind), script) : NULL;
    free(dump);
    if (!st) {
        az_diag_fatal(ctx, "out of memory");
        return NULL;
    }
    st->key = key;
    size_t i = stencil_cached < STENCIL_CACHE ? stencil_cached++ : stencil_evict++ % STENCIL_CACHE;
    free(stencil_cache[i]);
    stencil_cache[i] = st;
    return st;
}

/* ---- filling --------------------------------------------------------------------------- */

/* A value's text inside its JSON string: the value itself, or jansson's escape of it. */
struct text {
    const char *s;
    size_t n;
    char *owned; /* malloc'd, or NULL */
};

struct filled {
    struct text t[S_COUNT];
    size_t len; /* of the whole text */
};

/* Script mode: '@' -> \u0040 in a dump, escapes copied whole so none is split. */
static char *escape_at(const char *s)
{
    size_t n = 0, ats = 0;
    for (; s[n]; n++)
        ats += s[n] == '@';
    char *out = malloc(n + 5 * ats + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\') { /* a two-character escape, or the start of \uXXXX */
            *o++ = s[i++];
            *o++ = s[i];
        } else if (s[i] == '@') {
            memcpy(o, "\\u0040", 6);
            o += 6;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

/* plain[c] & 1: JSON writes byte c of a string as it is (printable ASCII but '"' and '\\');
 * plain[c] & 2: so does script mode, which escapes '@' too. plain[0] is 0: it ends a scan. */
#define PLAIN_JSON(c) ((c) >= 0x20 && (c) < 0x7f && (c) != '"' && (c) != '\\')
#define PLAIN(c) (PLAIN_JSON(c) | (PLAIN_JSON(c) && (c) != '@') << 1)
#define PLAIN16(c)                                                                                 \
    PLAIN(c), PLAIN(c + 1), PLAIN(c + 2), PLAIN(c + 3), PLAIN(c + 4), PLAIN(c + 5), PLAIN(c + 6),  \
        PLAIN(c + 7), PLAIN(c + 8), PLAIN(c + 9), PLAIN(c + 10), PLAIN(c + 11), PLAIN(c + 12),     \
        PLAIN(c + 13), PLAIN(c + 14), PLAIN(c + 15)
static const unsigned char plain[256] = {
    PLAIN16(0x00), PLAIN16(0x10), PLAIN16(0x20), PLAIN16(0x30), PLAIN16(0x40), PLAIN16(0x50),
    PLAIN16(0x60), PLAIN16(0x70), PLAIN16(0x80), PLAIN16(0x90), PLAIN16(0xa0), PLAIN16(0xb0),
    PLAIN16(0xc0), PLAIN16(0xd0), PLAIN16(0xe0), PLAIN16(0xf0),
};

/* The text of value v. placeholder: script mode, and what a NULL account becomes. Returns 0,
 * or -1 when v cannot be JSON (not UTF-8, NULL outside script mode, out of memory). */
static int text_of(const char *v, const char *placeholder, struct text *t)
{
    bool script = placeholder != NULL;
    t->owned = NULL;
    if (!v) {
        if (!script)
            return -1;
        t->s = placeholder; /* checked: holds nothing JSON escapes */
        t->n = strlen(placeholder);
        return 0;
    }
    unsigned mask = script ? 2 : 1;
    size_t n = 0;
    while (plain[(unsigned char)v[n]] & mask)
        n++;
    if (!v[n]) { /* the common case: IDs, names, default descriptions */
        t->s = v;
        t->n = n;
        return 0;
    }
    json_t *j = json_string(v);
    char *d = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    json_decref(j);
    if (d && script) {
        char *e = escape_at(d);
        free(d);
        d = e;
    }
    if (!d)
        return -1;
    t->owned = d; /* "...": the text between the quotes */
    t->s = d + 1;
    t->n = strlen(d) - 2;
    return 0;
}

static void release(struct filled *f, unsigned slots)
{
    for (int s = 0; s < S_COUNT; s++)
        if (slots & (1u << s))
            free(f->t[s].owned);
}

/* The text of every slot st uses, and the length of the whole. -1: a value cannot be JSON
 * (nothing to release then). */
static int prepare(const struct stencil *st, const struct values *val, const char *placeholder,
                   struct filled *f)
{
    f->len = st->len;
    for (int s = 0; s < S_COUNT; s++) {
        if (!(st->slots & (1u << s)))
            continue;
        if (text_of(val->v[s], placeholder, &f->t[s]) != 0) {
            release(f, st->slots & ((1u << s) - 1));
            return -1;
        }
    }
    for (size_t i = 0; i < st->npieces; i++)
        if (st->pieces[i].slot >= 0)
            f->len += f->t[st->pieces[i].slot].n;
    return 0;
}

static void put_filled(struct az_outbuf *b, const struct stencil *st, const struct filled *f)
{
    const char *lit = st->text;
    for (size_t i = 0; i < st->npieces; i++) {
        const struct piece *pc = &st->pieces[i];
        az_outbuf_write(b, lit, pc->len);
        lit += pc->len;
        if (pc->slot >= 0)
            az_outbuf_write(b, f->t[pc->slot].s, f->t[pc->slot].n);
    }
}

static char *copy_filled(const struct stencil *st, const struct filled *f)
{
    char *out = malloc(f->len + 1), *o = out;
    if (!out)
        return NULL;
    const char *lit = st->text;
    for (size_t i = 0; i < st->npieces; i++) {
        const struct piece *pc = &st->pieces[i];
        memcpy(o, lit, pc->len);
        o += pc->len;
        lit += pc->len;
        if (pc->slot >= 0) {
            memcpy(o, f->t[pc->slot].s, f->t[pc->slot].n);
            o += f->t[pc->slot].n;
        }
    }
    *o = '\0';
    return out;
}

static int cannot_build(struct az_ctx *ctx, const char *name)
{
    az_diag_fatal(
        ctx, "cannot build the JSON body of '%s' (out of memory or text that is not UTF-8)", name);
    return -1;
}

/* ---- one body, for the cli target ------------------------------------------------------ */

static bool placeholder_ok(const char *ph)
{
    if (!strchr(ph, '@'))
        return false;
    for (; *ph; ph++)
        if ((unsigned char)*ph < 0x20 || *ph == '"' || *ph == '\\' || *ph == 0x7f)
            return false;
    return true;
}

char *az_emit_json_body(struct az_ctx *ctx, const struct az_policy *p, enum az_json_version v,
                        const char *placeholder)
{
    if (placeholder && !placeholder_ok(placeholder)) {
        internal(ctx, "the account placeholder must hold '@' and nothing JSON escapes");
        return NULL;
    }
    if (!placeholder && !p->account) {
        internal(ctx, "a policy for 'account current' reached the json target");
        return NULL;
    }
    if (p->scope == AZ_SCOPE_TEMPLATE && !p->account) {
        internal(ctx, "a template without its enterprise account");
        return NULL;
    }
    const struct stencil *st = stencil_for(ctx, K_BODY, p, v, placeholder != NULL);
    if (!st)
        return NULL;
    struct values val = {0};
    policy_values(&val, p);
    struct filled f;
    if (prepare(st, &val, placeholder, &f) != 0) {
        cannot_build(ctx, p->name);
        return NULL;
    }
    char *text = copy_filled(st, &f);
    release(&f, st->slots);
    if (!text)
        az_diag_fatal(ctx, "out of memory");
    return text;
}

/* ---- streamed documents ---------------------------------------------------------------- */

/* A document written one entry at a time, in the layout json_dumps(JSON_INDENT(2)) gives the
 * whole tree: {"key": [entry, ...], ...}. Entries are stencils indented for their place. */
struct doc {
    struct az_outbuf *b;
    bool first_key;
    bool first_entry;
};

static void doc_begin(struct doc *d, struct az_outbuf *b)
{
    d->b = b;
    d->first_key = true;
    az_outbuf_putc(b, '{');
}

static void doc_key(struct doc *d, const char *key)
{
    if (!d->first_key)
        az_outbuf_putc(d->b, ',');
    AZ_OUTBUF_LIT(d->b, "\n  \"");
    az_outbuf_puts(d->b, key);
    AZ_OUTBUF_LIT(d->b, "\": ");
    d->first_key = false;
}

static void doc_array_begin(struct doc *d, const char *key)
{
    doc_key(d, key);
    az_outbuf_putc(d->b, '[');
    d->first_entry = true;
}

static void doc_entry_begin(struct doc *d)
{
    if (!d->first_entry)
        az_outbuf_putc(d->b, ',');
    AZ_OUTBUF_LIT(d->b, "\n    ");
    d->first_entry = false;
}

static void doc_array_end(struct doc *d)
{
    if (d->first_entry)
        az_outbuf_putc(d->b, ']');
    else
        AZ_OUTBUF_LIT(d->b, "\n  ]");
}

static void doc_end(struct doc *d)
{
    if (d->first_key)
        AZ_OUTBUF_LIT(d->b, "}\n");
    else
        AZ_OUTBUF_LIT(d->b, "\n}\n");
}

/* ---- one run --------------------------------------------------------------------------- */

enum section { SEC_POLICIES, SEC_TEMPLATES, SEC_ASSIGNMENTS };
static const char *const section_keys[] = {"policies", "templates", "assignments"};

struct run {
    struct az_ctx *ctx;
    const struct az_plan *plan;
    enum az_json_version v;
    const char *tmpdir;    /* folder mode: where the body files go; NULL: stdout document */
    bool fsync_each;       /* folder mode: fsync every file (else one syncfs at the end) */
    struct doc doc;        /* the stdout document, or index.json */
    struct az_outbuf out;  /* where doc goes */
    struct az_outbuf file; /* folder mode: one body file at a time */
};

/* The buffers are large: a run lives on the heap. */
static struct run *run_new(struct az_ctx *ctx, const struct az_plan *plan, enum az_json_version v)
{
    struct run *r = malloc(sizeof *r);
    if (!r) {
        az_diag_fatal(ctx, "out of memory");
        return NULL;
    }
    r->ctx = ctx;
    r->plan = plan;
    r->v = v;
    r->tmpdir = NULL;
    r->fsync_each = false;
    return r;
}

/* Above this many files a folder is made durable with one syncfs (Linux) rather than one
 * fsync per file: 50,000 fsyncs take tens of seconds, one syncfs well under one. */
#define FSYNC_EACH_MAX 256

/* Writes the stencil of kind filled with val, and a newline, to tmpdir/name.json, created
 * new; fsyncs it when the folder is small. One write(2) for the whole file. */
static int write_file(struct run *r, enum shape_kind kind, const struct az_policy *p,
                      const struct values *val, const char *name)
{
    const struct stencil *st = stencil_for(r->ctx, kind, p, r->v, false);
    if (!st)
        return -1;
    struct filled f;
    if (prepare(st, val, NULL, &f) != 0)
        return kind == K_ASSIGN ? internal(r->ctx, "cannot build an assignment body")
                                : cannot_build(r->ctx, name);
    char *path = az_arena_printf(r->ctx->arena, "%s/%s.json", r->tmpdir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0) {
        release(&f, st->slots);
        az_diag_fatal(r->ctx, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    az_outbuf_init_fd(&r->file, fd);
    put_filled(&r->file, st, &f);
    az_outbuf_putc(&r->file, '\n');
    release(&f, st->slots);
    int failed = az_outbuf_flush(&r->file) != 0 || (r->fsync_each && fsync(fd) != 0);
    int saved = errno;
    if (close(fd) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        az_diag_fatal(r->ctx, "cannot write '%s': %s", path, strerror(saved));
        return -1;
    }
    return 0;
}

/* One entry of the document or of index.json: the stencil of kind filled with val. */
static int put_entry(struct run *r, enum shape_kind kind, const struct az_policy *p,
                     const struct values *val, const char *name)
{
    const struct stencil *st = stencil_for(r->ctx, kind, p, r->v, false);
    if (!st)
        return -1;
    struct filled f;
    if (prepare(st, val, NULL, &f) != 0)
        return cannot_build(r->ctx, name);
    doc_entry_begin(&r->doc);
    put_filled(r->doc.b, st, &f);
    release(&f, st->slots);
    return 0;
}

/* A file name for a body: the plan's names are [a-z0-9_-] and never "index" (index.json). */
static bool safe_name(const char *name)
{
    if (!*name || strcmp(name, "index") == 0)
        return false;
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-'))
            return false;
    return true;
}

/* One body: in the stdout document an entry {name, account|template, body}; in folder mode
 * a file plus the index entry. Returns 0, or -1 with the diagnostic queued. */
static int entry(struct run *r, enum section sec, const struct az_policy *p,
                 const struct az_assignment *as)
{
    const char *name = as ? as->name : p->name;
    if (!safe_name(name))
        return internal(r->ctx, "a body name is not a safe file name");
    if (!p->account)
        return internal(r->ctx, "a policy for 'account current' reached the json target");
    struct values val = {0};
    policy_values(&val, p);
    val.v[S_NAME] = name;
    if (as) {
        val.v[S_TYPE] = as->type_name;
        val.v[S_ID] = as->id;
    }
    bool live = sec == SEC_POLICIES && p->live_id; /* compile --live: it exists */
    if (live)
        val.v[S_ID] = p->live_id;
    if (!r->tmpdir)
        return put_entry(r,
                         sec == SEC_ASSIGNMENTS ? K_DOC_ASSIGN
                         : live                 ? K_DOC_LIVE
                                                : K_DOC_BODY,
                         p, &val, name);
    /* The policy and template files are exactly what the cli target starts from. */
    if (write_file(r, sec == SEC_ASSIGNMENTS ? K_ASSIGN : K_BODY, p, &val, name) != 0)
        return -1;
    return put_entry(r,
                     live                   ? K_INDEX_LIVE
                     : sec == SEC_POLICIES  ? K_INDEX_POLICY
                     : sec == SEC_TEMPLATES ? K_INDEX_TEMPLATE
                                            : K_INDEX_ASSIGN,
                     p, &val, name);
}

/* Streams the three sections into r->out: the document, or index.json (folder mode). */
static int write_sections(struct run *r)
{
    struct doc *d = &r->doc;
    doc_begin(d, &r->out);
    if (r->tmpdir) {
        doc_key(d, "format");
        az_outbuf_puts(d->b, r->v == AZ_JSON_V2 ? "\"v2\"" : "\"v1\"");
    }
    for (int sec = SEC_POLICIES; sec <= SEC_ASSIGNMENTS; sec++) {
        doc_array_begin(d, section_keys[sec]);
        for (size_t i = 0; i < r->plan->n; i++) {
            const struct az_policy *p = &r->plan->policies[i];
            bool tmpl = p->scope == AZ_SCOPE_TEMPLATE;
            if (sec == SEC_POLICIES && !tmpl) {
                if (entry(r, sec, p, NULL) != 0)
                    return -1;
            } else if (sec == SEC_TEMPLATES && tmpl) {
                if (entry(r, sec, p, NULL) != 0)
                    return -1;
            } else if (sec == SEC_ASSIGNMENTS && tmpl) {
                for (size_t k = 0; k < p->nassigns; k++)
                    if (entry(r, sec, p, &p->assigns[k]) != 0)
                        return -1;
            }
        }
        doc_array_end(d);
    }
    doc_end(d);
    return 0;
}

int az_emit_json(struct az_ctx *ctx, const struct az_plan *plan, enum az_json_version v, FILE *out)
{
    struct run *r = run_new(ctx, plan, v);
    if (!r)
        return -1;
    az_outbuf_init_file(&r->out, out);
    int rc = write_sections(r);
    /* Even after a failure: what was written stays written, as with stdio. A write error
     * stays on the stream (ferror), for az_output_commit to report. */
    az_outbuf_flush(&r->out);
    free(r);
    return rc;
}

/* ---- the folder, all or nothing -------------------------------------------------------- */

/* Makes the temporary folder's files durable when they were not fsynced one by one. */
static int sync_files(struct az_ctx *ctx, const char *tmp)
{
#ifdef __linux__
    (void)ctx;
    int fd = open(tmp, O_RDONLY);
    if (fd < 0)
        return -1;
    int rc = syncfs(fd);
    close(fd);
    return rc;
#else
    DIR *dh = opendir(tmp);
    if (!dh)
        return -1;
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(dh)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        int fd = open(az_arena_printf(ctx->arena, "%s/%s", tmp, de->d_name), O_RDONLY);
        if (fd < 0 || fsync(fd) != 0)
            rc = -1;
        if (fd >= 0)
            close(fd);
    }
    closedir(dh);
    return rc;
#endif
}

/* Moves name into dir (an existing folder). */
static int move_into(struct az_ctx *ctx, const char *tmp, const char *dir, const char *file)
{
    const char *from = az_arena_printf(ctx->arena, "%s/%s", tmp, file);
    const char *to = az_arena_printf(ctx->arena, "%s/%s", dir, file);
    if (rename(from, to) != 0) {
        az_diag_fatal(ctx, "cannot write '%s': %s", to, strerror(errno));
        return -1;
    }
    return 0;
}

/* The folder exists: every body file, then index.json, renamed into it. */
static int merge_into(struct az_ctx *ctx, const struct az_plan *plan, const char *tmp,
                      const char *dir)
{
    struct az_arena *a = ctx->arena;
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        if (move_into(ctx, tmp, dir, az_arena_printf(a, "%s.json", p->name)) != 0)
            return -1;
        if (p->scope == AZ_SCOPE_TEMPLATE)
            for (size_t k = 0; k < p->nassigns; k++)
                if (move_into(ctx, tmp, dir, az_arena_printf(a, "%s.json", p->assigns[k].name)) !=
                    0)
                    return -1;
    }
    if (move_into(ctx, tmp, dir, INDEX_FILE) != 0)
        return -1;
    if (az_output_fsync_dir(dir) != 0) {
        az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

int az_emit_json_dir(struct az_ctx *ctx, const struct az_plan *plan, enum az_json_version v,
                     const char *dir_arg)
{
    const char *dir = az_output_dir_name(ctx, dir_arg, "JSON folder");
    if (!dir)
        return -1;
    struct stat st;
    bool exists = stat(dir, &st) == 0;
    if (exists && !S_ISDIR(st.st_mode)) {
        az_diag_fatal(ctx,
                      "cannot write '%s': it exists and is not a folder (json and json-v2 "
                      "write a folder with one file per body)",
                      dir);
        return -1;
    }
    if (!exists && errno != ENOENT) {
        az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
        return -1;
    }

    char *tmp = az_arena_printf(ctx->arena, "%s.tmp-XXXXXX", dir);
    if (!mkdtemp(tmp)) {
        az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
        return -1;
    }
    size_t nfiles = 1;
    for (size_t i = 0; i < plan->n; i++)
        nfiles +=
            1 + (plan->policies[i].scope == AZ_SCOPE_TEMPLATE ? plan->policies[i].nassigns : 0);
    struct run *r = run_new(ctx, plan, v);
    if (!r) {
        rmdir(tmp);
        return -1;
    }
    r->tmpdir = tmp;
    r->fsync_each = nfiles <= FSYNC_EACH_MAX;
    const char *index = az_arena_printf(ctx->arena, "%s/%s", tmp, INDEX_FILE);
    int rc = -1;
    int fd = open(index, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0) {
        az_diag_fatal(ctx, "cannot write '%s': %s", index, strerror(errno));
        goto out;
    }
    az_outbuf_init_fd(&r->out, fd);
    int failed = write_sections(r);
    if (failed == 0) {
        failed = az_outbuf_flush(&r->out) != 0 || fsync(fd) != 0;
        int saved = errno;
        if (close(fd) != 0 && !failed) {
            failed = 1;
            saved = errno;
        }
        if (!failed && !r->fsync_each && sync_files(ctx, tmp) != 0) {
            failed = 1;
            saved = errno;
        }
        if (!failed && az_output_fsync_dir(tmp) != 0) {
            failed = 1;
            saved = errno;
        }
        if (failed)
            az_diag_fatal(ctx, "cannot write '%s': %s", index, strerror(saved));
    } else {
        close(fd);
    }
    free(r); /* every file is written */
    r = NULL;
    if (failed)
        goto out;

    if (stat(dir, &st) != 0) { /* a new folder: the temporary becomes it */
        mode_t mask = umask(0);
        umask(mask);
        chmod(tmp, 0777 & ~mask); /* mkdtemp made it 0700; not fatal if this fails */
        if (rename(tmp, dir) != 0) {
            az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
            goto out;
        }
        if (az_output_fsync_dir(az_output_parent(ctx, dir)) != 0) {
            az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
            return -1; /* the folder is complete and in place; only its sync failed */
        }
        return 0;
    }
    if (!S_ISDIR(st.st_mode)) {
        az_diag_fatal(ctx, "cannot write '%s': it exists and is not a folder", dir);
        goto out;
    }
    struct stat tst;
    if (stat(tmp, &tst) != 0 || tst.st_dev != st.st_dev) {
        az_diag_fatal(ctx,
                      "cannot write '%s': it is on another file system than its parent "
                      "folder; remove it or choose another path",
                      dir);
        goto out;
    }
    if (access(dir, W_OK) != 0) {
        az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
        goto out;
    }
    rc = merge_into(ctx, plan, tmp, dir);
out:
    free(r);
    az_output_remove_tmpdir(ctx, tmp);
    return rc;
}
