/* lint_json.c - the JSON front end of `authzc lint`.
 *
 * Reads one .json file with the located scanner (json_scan.c) into a located tree
 * in the arena (recursive descent, nesting limited to ctx->max_depth: AZ106), reports the
 * first syntax error exactly (AZ501: what was expected, what was found, a note at the '{'
 * or '[' left open), then recognises the bodies by their keys, holds each to its shape and
 * records the policies for lint_check.c. Accepted shapes:
 *
 *   v1 policy     {type, description?, subjects: [{attributes: [{name, value}]}],
 *                  roles: [{role_id}], resources: [{attributes: [{name, value, operator?}],
 *                  tags?}]}                                       -> AZ_LFORM_JSON_V1
 *   v2 policy     {type, description?, subject: {attributes: [{key, operator, value}]},
 *                  control: {grant: {roles: [{role_id}]}}, resource: {attributes, tags?},
 *                  pattern?, rule?}                               -> AZ_LFORM_JSON_V2
 *   template      {name, account_id?, description?, committed?, policy: {type,
 *                  description?, subject, resource, control, pattern?, rule?}}
 *                                                                 -> AZ_LFORM_JSON_TEMPLATE
 *   assignment    {target: {type, id}, templates: [{id, version}]}   (checked, no policy)
 *   lists         a top-level array of any of these; IAM's list responses
 *                 ({"policies": [...]}, {"policy_templates": [...]}, {"assignments": [...]},
 *                 whose elements also carry response keys such as id, href, created_at);
 *                 authzc's own `compile -t json` document ({"policies": [{name, account,
 *                 body}], "templates": [...], "assignments": [...]}) and index.json.
 *   anything else (package.json, tsconfig.json, ...): no policy, no finding.
 *
 * Shape findings: AZ502 unknown key (did you mean) and duplicate key, AZ503 missing key,
 * AZ504 v1 and v2 mixed (once per policy; the best model is still built from whichever
 * form each part is written in), AZ505 wrong type. What the values mean (type, services,
 * roles, operators, scope) is lint_check.c's: here they are only recorded, with places. */
#include "authzc/lint.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/json_scan.h"
#include "authzc/json_tree.h"
#include "authzc/rules.h"
#include "authzc/source.h"
#include "authzc/suggest.h"

/* ---- the located tree ------------------------------------------------------------------ */

enum jkind { J_OBJECT, J_ARRAY, J_STRING, J_NUMBER, J_TRUE, J_FALSE, J_NULL };

struct jnode {
    uint8_t kind;       /* enum jkind */
    bool damaged;       /* a syntax error inside it: it holds what could be read */
    uint32_t line, col; /* the first byte's line and byte column: the token, or the '{' /
                           '[' (the scanner's: no line table is made for a file without
                           findings) */
    uint32_t end_line;  /* the line of the last byte */
    uint32_t off, end;  /* bytes [off, end): the token, or the container through its closer */
    uint32_t len;       /* of str */
    /* as a member of an object: its key (key_len bytes) and the key's token */
    uint32_t key_len, key_off, key_line, key_col, key_tok_len;
    uint32_t count;
    /* string: decoded, len bytes, not NUL-terminated (a span of the text when it has no
     * escapes); number: as written */
    const char *str;
    const char *key;
    struct jnode *child, *next; /* elements or members, in order */
};

/* ---- the parser ------------------------------------------------------------------------ */

struct jparser {
    struct az_ctx *ctx;
    const struct az_source *src;
    /* The tree and the scanner's strings, in ctx->scratch: given back when the file's model
     * is built (the model's strings are copied into the run's arena), so a run keeps each
     * file's text and model, not its tree. */
    struct az_arena *scratch;
    struct az_jl_state st;
    int tok;                    /* the lookahead token */
    uint32_t end_line, end_col; /* just after the token before the lookahead */
    bool have_prev;
    struct jnode **open; /* the containers not yet closed, outermost first */
    unsigned nopen;
    /* The first closer whose indentation lines up with an outer opener's line rather than
     * its own: where a '}' is probably missing, if the file ends with one left open. */
    bool has_suspect;
    struct jnode suspect; /* a copy: the node may be in a scratch arena already freed */
    uint32_t suspect_closer, suspect_line_up;
    /* The key whose value is parsed next (NULL for array elements and the top level). */
    const char *member_key;
    size_t member_key_len;
    /* Recovery: after a syntax error the parser resynchronises at the next member or
     * element and keeps what it reads. Errors are reported again only once a member or
     * element has been read cleanly since (no cascade from the broken spot). */
    unsigned errors;
    bool recovering;
    bool fatal; /* nesting too deep: nothing of the file is kept */
    /* A Terraform plan is linted as it is read (see plan_member): its large parts are never
     * held as a tree. */
    struct az_lfile *f; /* where the plan's resource changes go */
    bool plan_root;     /* the top-level object has "format_version" */
    bool stream_next;   /* the next array read is resource_changes */
    bool streamed;      /* resource_changes was linted while read (once per file) */
    bool discard;       /* reading a dropped member: elements and members are not kept */
    bool streaming;     /* reading resource_changes: what lint_tfplan.c does not read of
                           each element is dropped (change_member) */
};

static uint32_t clamp32(size_t n)
{
    return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

static inline void advance(struct jparser *p)
{
    if (p->tok != AZ_JL_EOF || !p->have_prev) {
        p->end_line = p->st.line;
        p->end_col = p->st.col;
    }
    p->have_prev = true;
    p->tok = az_jl_next_inline(&p->st);
}

static struct az_loc tok_loc(const struct jparser *p)
{
    if (p->tok == AZ_JL_EOF) /* right after the last token, on a line that shows it */
        return (struct az_loc){p->src, p->end_line, p->end_col, 1};
    return (struct az_loc){p->src, p->st.tok_line, p->st.tok_col, clamp32(p->st.tok_len)};
}

static struct az_loc node_loc(const struct jparser *p, const struct jnode *n)
{
    uint32_t len = n->end_line == n->line ? n->end - n->off : 1;
    return (struct az_loc){p->src, n->line, n->col, len};
}

/* The place of a member's key. */
static struct az_loc key_loc(const struct jparser *p, const struct jnode *m)
{
    return (struct az_loc){p->src, m->key_line, m->key_col, m->key_tok_len};
}

/* s[0..n) for a message: quoted, control characters escaped, cut after 60 bytes. */
static const char *show(struct az_arena *a, const char *s, size_t n)
{
    size_t cut = n > 60 ? 60 : n;
    while (cut < n && cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--; /* not inside a UTF-8 sequence */
    char *out = az_arena_alloc(a, cut * 6 + 8), *o = out;
    *o++ = '"';
    for (size_t i = 0; i < cut; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            *o++ = '\\';
            *o++ = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            static const char hex[] = "0123456789abcdef";
            memcpy(o, "\\u00", 4);
            o[4] = hex[c >> 4];
            o[5] = hex[c & 15];
            o += 6;
        } else {
            *o++ = (char)c;
        }
    }
    if (cut < n) {
        memcpy(o, "...", 3);
        o += 3;
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

/* What the lookahead is, for "expected ..., found X". */
static const char *found(struct jparser *p)
{
    struct az_arena *a = p->ctx->arena;
    const char *t = p->st.text + p->st.tok_off;
    int n = (int)(p->st.tok_len > 40 ? 40 : p->st.tok_len);
    switch (p->tok) {
    case AZ_JL_EOF:
        return "the end of the file";
    case AZ_JL_LBRACE:
        return "'{'";
    case AZ_JL_RBRACE:
        return "'}'";
    case AZ_JL_LBRACKET:
        return "'['";
    case AZ_JL_RBRACKET:
        return "']'";
    case AZ_JL_COLON:
        return "':'";
    case AZ_JL_COMMA:
        return "','";
    case AZ_JL_STRING:
        return "a string";
    case AZ_JL_NUMBER:
        return "a number";
    case AZ_JL_TRUE:
        return "'true'";
    case AZ_JL_FALSE:
        return "'false'";
    case AZ_JL_NULL:
        return "'null'";
    case AZ_JL_WORD: {
        static const char *const literals[] = {"True", "TRUE", "False", "FALSE", "None",
                                               "Null", "NULL", "nil",   "Nil"};
        static const char *const nonjson[] = {"NaN", "Infinity", "undefined"};
        for (size_t i = 0; i < sizeof literals / sizeof literals[0]; i++)
            if ((size_t)n == strlen(literals[i]) && memcmp(t, literals[i], (size_t)n) == 0)
                return az_arena_printf(a,
                                       "'%.*s' (JSON writes true, false and null in "
                                       "lowercase)",
                                       n, t);
        for (size_t i = 0; i < sizeof nonjson / sizeof nonjson[0]; i++)
            if ((size_t)n == strlen(nonjson[i]) && memcmp(t, nonjson[i], (size_t)n) == 0)
                return az_arena_printf(a, "'%.*s' (JSON has no NaN, Infinity or undefined)", n, t);
        return az_arena_printf(a,
                               "the bare word '%.*s%s' (JSON keys and strings need double "
                               "quotes)",
                               n, t, p->st.tok_len > 40 ? "..." : "");
    }
    case AZ_JL_SQUOTE:
        return "a single-quoted string (JSON strings take double quotes)";
    case AZ_JL_COMMENT:
        return "a comment (JSON has no comments)";
    case AZ_JL_CHAR: {
        unsigned char c = (unsigned char)*t;
        if (c >= 0x21 && c < 0x7f)
            return az_arena_printf(a, "the character '%c'", c);
        if (c < 0x80)
            return az_arena_printf(a, "the control character U+%04X", c);
        unsigned cp = c >= 0xF0 ? c & 0x07u : c >= 0xE0 ? c & 0x0Fu : c & 0x1Fu;
        for (size_t i = 1; i < p->st.tok_len; i++)
            cp = (cp << 6) | ((unsigned char)t[i] & 0x3Fu);
        return az_arena_printf(a, "the character U+%04X", cp);
    }
    default:
        return "something else";
    }
}

static struct az_diag *report_v(struct az_ctx *ctx, enum az_diag_id id, struct az_loc loc,
                                const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

static struct az_diag *report_v(struct az_ctx *ctx, enum az_diag_id id, struct az_loc loc,
                                const char *fmt, va_list ap)
{
    char *msg = az_arena_vprintf(ctx->arena, fmt, ap);
    return az_diag_report(ctx, id, loc, "%s", msg);
}

static void note_unclosed(struct jparser *p, struct az_diag *d)
{
    if (p->nopen == 0)
        return;
    const struct jnode *o = p->open[p->nopen - 1];
    az_diag_note(p->ctx, d, node_loc(p, o), "this '%c' is not closed",
                 o->kind == J_OBJECT ? '{' : '[');
    if (p->has_suspect)
        az_diag_note(p->ctx, d, node_loc(p, &p->suspect),
                     "the '%c' on line %u closes this '%c' but is indented like line %u: is a "
                     "'%c' missing before it?",
                     p->suspect.kind == J_OBJECT ? '}' : ']', p->suspect_closer,
                     p->suspect.kind == J_OBJECT ? '{' : '[', p->suspect_line_up,
                     p->suspect.kind == J_OBJECT ? '}' : ']');
}

/* The lookahead is not what the grammar allows here: "EXPECTED, found X". A lexical
 * error reports the scanner's own message instead. Returns the diagnostic. */
static struct az_diag *unexpected(struct jparser *p, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static struct az_diag *unexpected(struct jparser *p, const char *hint, const char *fmt, ...)
{
    struct az_diag *d;
    for (unsigned i = 0; i < p->nopen; i++)
        p->open[i]->damaged = true;
    p->errors++;
    if (p->recovering) {
        if (p->tok == AZ_JL_BAD)
            p->tok = AZ_JL_EOF; /* a lexical error ends the reading */
        return NULL;
    }
    p->recovering = true;
    if (p->tok == AZ_JL_BAD) {
        size_t off = p->st.err_off;
        uint32_t line, col;
        az_source_position(p->src, off, &line, &col);
        d = az_diag_report(p->ctx, p->st.err_diag,
                           (struct az_loc){p->src, line, col, p->st.err_len}, "%s", p->st.err_msg);
    } else {
        va_list ap;
        va_start(ap, fmt);
        const char *expected = az_arena_vprintf(p->ctx->arena, fmt, ap);
        va_end(ap);
        d = az_diag_report(p->ctx, AZ_D_LINT_SYNTAX, tok_loc(p), "%s, found %s%s", expected,
                           found(p), hint ? hint : "");
    }
    if (p->tok == AZ_JL_EOF) {
        note_unclosed(p, d);
    } else if (p->nopen > 0 && (p->tok == AZ_JL_RBRACE || p->tok == AZ_JL_RBRACKET)) {
        const struct jnode *o = p->open[p->nopen - 1]; /* a closer of the other kind */
        if ((o->kind == J_OBJECT) != (p->tok == AZ_JL_RBRACE))
            az_diag_note(p->ctx, d, node_loc(p, o), "this '%c' is not closed",
                         o->kind == J_OBJECT ? '{' : '[');
    }
    if (p->tok == AZ_JL_BAD)
        p->tok = AZ_JL_EOF; /* a lexical error ends the reading: what came before is kept */
    return d;
}

/* " (is a ',' missing before it?)" when the lookahead could start what follows a ','. */
static const char *comma_hint(const struct jparser *p)
{
    switch (p->tok) {
    case AZ_JL_STRING:
    case AZ_JL_NUMBER:
    case AZ_JL_TRUE:
    case AZ_JL_FALSE:
    case AZ_JL_NULL:
    case AZ_JL_LBRACE:
    case AZ_JL_LBRACKET:
        return " (is a ',' missing before it?)";
    default:
        return NULL;
    }
}

static struct jnode *new_node(struct jparser *p, enum jkind kind)
{
    struct jnode *n = az_arena_alloc_uninit(p->scratch, sizeof *n); /* every field set here */
    *n = (struct jnode){.kind = (uint8_t)kind,
                        .line = p->st.tok_line,
                        .col = p->st.tok_col,
                        .end_line = p->st.tok_line,
                        .off = (uint32_t)p->st.tok_off,
                        .end = (uint32_t)(p->st.tok_off + p->st.tok_len)};
    return n;
}

/* Leading blanks of line, which starts at byte start, in bytes. */
static uint32_t indent_of(const struct az_source *src, uint32_t line, uint32_t start)
{
    const char *s = src->text + start;
    uint32_t k = 0;
    while (s[k] == ' ' || s[k] == '\t')
        k++;
    if (line == 1 && src->parent) /* a body in a script: what is in front of it counts */
        k += src->origin_col - 1;
    return k;
}

/* The lookahead closes n: note where it is, and whether its indentation suggests it was
 * meant to close an outer container. */
static void close_node(struct jparser *p, struct jnode *n)
{
    n->end = (uint32_t)p->st.tok_off + 1;
    n->end_line = p->st.tok_line;
    p->nopen--;
    if (p->has_suspect || n->end_line == n->line)
        return;
    uint32_t ind = indent_of(p->src, n->end_line, (uint32_t)p->st.tok_off - (p->st.tok_col - 1));
    if (ind != p->st.tok_col - 1 || ind == indent_of(p->src, n->line, n->off - (n->col - 1)))
        return; /* not first on its line, or lined up with its own opener */
    for (unsigned i = p->nopen; i-- > 0;) {
        const struct jnode *o = p->open[i];
        if (o->line != n->line && indent_of(p->src, o->line, o->off - (o->col - 1)) == ind) {
            p->has_suspect = true;
            p->suspect = *n;
            p->suspect_closer = n->end_line;
            p->suspect_line_up = o->line;
            return;
        }
    }
}

/* expected: what the message says when no value comes; NULL: the value of the member
 * p->member_key. */
static struct jnode *parse_value(struct jparser *p, unsigned depth, const char *expected);

/* A ',' right before the closer: reported at the ','. */
static void trailing_comma(struct jparser *p, struct az_loc comma, char closer)
{
    p->errors++;
    if (p->recovering)
        return;
    struct az_diag *d = az_diag_report(p->ctx, AZ_D_LINT_SYNTAX, comma,
                                       "a ',' before '%c': JSON allows no trailing comma; remove "
                                       "this ','",
                                       closer);
    az_diag_note(p->ctx, d, tok_loc(p), "the '%c' that follows it", closer);
}

/* '{' where an object's first key belongs: IBM's `"subject": { {"attributes": ...} }`. */
static void object_in_object(struct jparser *p, const struct jnode *obj, const char *key,
                             size_t key_len)
{
    struct az_diag *d =
        unexpected(p, " (an object's members are \"key\": value pairs, and this '{' has no key)",
                   "expected a string key or '}'");
    if (!d)
        return;
    static const char *const sides[] = {"subject", "subjects", "resource", "resources"};
    bool side = false;
    for (size_t i = 0; key && i < sizeof sides / sizeof sides[0]; i++)
        side = side || (key_len == strlen(sides[i]) && memcmp(key, sides[i], key_len) == 0);
    if (side) {
        bool subj = key[0] == 's';
        az_diag_note(p->ctx, d, node_loc(p, obj),
                     "to list it, write '[' here and ']' at its end: a v1 body has "
                     "\"%s\": [{\"attributes\": [...]}]; a v2 body has one \"%s\": "
                     "{\"attributes\": [...]}",
                     subj ? "subjects" : "resources", subj ? "subject" : "resource");
    } else {
        az_diag_note(p->ctx, d, node_loc(p, obj),
                     "for a list of objects, write '[' here and ']' at its end");
    }
}

static bool enter(struct jparser *p, struct jnode *n, unsigned depth)
{
    if (depth > p->ctx->max_depth) {
        p->fatal = true;
        az_diag_report(p->ctx, AZ_D_LIMIT, tok_loc(p),
                       "the JSON nests deeper than %u levels here; authzc stops reading this "
                       "file",
                       p->ctx->max_depth);
        return false;
    }
    p->open[p->nopen++] = n;
    return true;
}

/* Whether the lookahead can start a value. */
static bool starts_value(const struct jparser *p)
{
    switch (p->tok) {
    case AZ_JL_STRING:
    case AZ_JL_NUMBER:
    case AZ_JL_TRUE:
    case AZ_JL_FALSE:
    case AZ_JL_NULL:
    case AZ_JL_LBRACE:
    case AZ_JL_LBRACKET:
        return true;
    default:
        return false;
    }
}

/* Recovery: skips tokens (whole nested containers at a time) up to the next ',' or closer
 * of the container being read, or the end. */
static void skip_to_sync(struct jparser *p)
{
    unsigned nest = 0;
    for (;;) {
        switch (p->tok) {
        case AZ_JL_EOF:
        case AZ_JL_BAD:
            p->tok = AZ_JL_EOF;
            return;
        case AZ_JL_LBRACE:
        case AZ_JL_LBRACKET:
            nest++;
            break;
        case AZ_JL_RBRACE:
        case AZ_JL_RBRACKET:
            if (nest == 0)
                return;
            nest--;
            break;
        case AZ_JL_COMMA:
            if (nest == 0)
                return;
            break;
        default:
            break;
        }
        advance(p);
    }
}

/* A container left without its closer (the end of the file, or a closer of the other
 * kind that an outer container takes): kept as read, marked damaged. */
static struct jnode *leave_open(struct jparser *p, struct jnode *n)
{
    n->damaged = true;
    n->end = (uint32_t)p->st.tok_off;
    n->end_line = p->st.tok_line ? p->st.tok_line : n->line;
    if (n->end < n->off) {
        n->end = n->off + 1;
        n->end_line = n->line;
    }
    p->nopen--;
    return n;
}

/* After a member or element could not be read: resynchronise at the next ',' (true: go on
 * with the next one) or stop at a closer or the end (false). */
static bool resync(struct jparser *p)
{
    skip_to_sync(p);
    if (p->tok != AZ_JL_COMMA)
        return false;
    advance(p);
    return true;
}

/* A member of the top-level object (depth 1), for reading a Terraform plan as it comes:
 * after "format_version" (which Terraform writes first), "resource_changes" is linted an
 * element at a time (M_STREAM) and the other large parts of a plan, which lint does not
 * read, are checked for syntax and dropped (M_DROP). The top-level object is a plan as soon
 * as it has both keys (lint_root), so what is dropped is never looked at; in a file that
 * turns out not to be a plan, a dropped member keeps its key, type and place. */
enum member_mode { M_KEEP, M_STREAM, M_DROP };

static enum member_mode plan_member(struct jparser *p, const char *key, size_t len)
{
    static const char *const dropped[] = {
        "planned_values", "prior_state",         "configuration", "resource_drift",
        "variables",      "relevant_attributes", "output_changes", "checks",
    };
    if (len == 14 && memcmp(key, "format_version", 14) == 0)
        p->plan_root = true;
    if (!p->plan_root)
        return M_KEEP;
    if (len == 16 && memcmp(key, "resource_changes", 16) == 0 && !p->streamed)
        return M_STREAM;
    for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
        if (strlen(dropped[i]) == len && memcmp(dropped[i], key, len) == 0)
            return M_DROP;
    return M_KEEP;
}

/* Releases what the scratch arena holds since mark (an element or member read and dropped),
 * unless the lookahead token holds something there (a decoded string, a message: only after
 * a syntax error, when a ',' or closer was expected). */
static void drop_since(struct jparser *p, struct az_arena_mark mark)
{
    if (p->tok == AZ_JL_COMMA || p->tok == AZ_JL_RBRACE || p->tok == AZ_JL_RBRACKET ||
        p->tok == AZ_JL_EOF)
        az_arena_release(p->scratch, mark);
}

/* A member of an element of resource_changes (depth 3) or of its "change" object (depth 4,
 * okey "change"): dropped when lint_tfplan.c does not read it. */
static enum member_mode change_member(const struct jparser *p, const struct jnode *obj,
                                      unsigned depth, const char *okey, size_t okey_len,
                                      const char *key, size_t len)
{
    if (p->discard)
        return M_KEEP; /* inside a dropped member already */
    const struct az_jnode *rc = (const struct az_jnode *)(const void *)obj; /* the tree API */
    if (depth == 3)
        return az_lint_tfplan_reads(rc, key, len) ? M_KEEP : M_DROP;
    if (depth == 4 && okey && okey_len == 6 && memcmp(okey, "change", 6) == 0)
        return az_lint_tfplan_reads(NULL, key, len) ? M_KEEP : M_DROP;
    return M_KEEP;
}

/* A dropped container read at a glance (az_jl_skip: no tokens, no tree): the node that
 * parse_value makes of it in discard mode, without children. NULL when the skipper gives up
 * (it takes only what reads without a diagnostic) or while recovering from a syntax error;
 * the caller then reads it token by token, for the exact messages. */
static struct jnode *skip_dropped(struct jparser *p, unsigned depth)
{
    if ((p->tok != AZ_JL_LBRACE && p->tok != AZ_JL_LBRACKET) || p->recovering ||
        depth >= p->ctx->max_depth || p->ctx->lint_read_all)
        return NULL;
    enum jkind kind = p->tok == AZ_JL_LBRACE ? J_OBJECT : J_ARRAY;
    uint32_t line = p->st.tok_line, col = p->st.tok_col, off = (uint32_t)p->st.tok_off;
    struct az_jl_skip sk = {.levels = p->ctx->max_depth - depth,
                            .lineup = !p->has_suspect, /* close_node's test */
                            .indent1 = p->src->parent ? p->src->origin_col - 1 : 0};
    if (!az_jl_skip(&p->st, &sk))
        return NULL;
    struct jnode *n = az_arena_alloc_uninit(p->scratch, sizeof *n);
    *n = (struct jnode){.kind = (uint8_t)kind,
                        .line = line,
                        .col = col,
                        .end_line = p->st.tok_line,
                        .off = off,
                        .end = (uint32_t)p->st.tok_off + 1,
                        .count = kind == J_ARRAY ? clamp32(sk.count) : 0};
    advance(p);
    return n;
}

/* A member value read for its syntax only: its elements and members are dropped as they
 * are read (discard), so it is kept as a node without children. */
static struct jnode *parse_dropped(struct jparser *p, unsigned depth)
{
    struct jnode *skipped = skip_dropped(p, depth);
    if (skipped)
        return skipped;
    bool outer = p->discard;
    p->discard = true;
    struct jnode *v = parse_value(p, depth, NULL);
    p->discard = outer;
    return v;
}

static struct jnode *parse_object(struct jparser *p, unsigned depth)
{
    const char *okey = p->member_key;
    size_t okey_len = p->member_key_len;
    struct jnode *obj = new_node(p, J_OBJECT), **tail = &obj->child;
    if (!enter(p, obj, depth))
        return NULL;
    advance(p);
    if (p->tok == AZ_JL_RBRACE) {
        close_node(p, obj);
        advance(p);
        return obj;
    }
    struct az_loc comma = {0};
    for (;;) {
        if (p->tok != AZ_JL_STRING) {
            if (comma.src && p->tok == AZ_JL_RBRACE) {
                trailing_comma(p, comma, '}');
                close_node(p, obj);
                advance(p);
                return obj;
            }
            if (comma.src) {
                unexpected(p, NULL, "expected a string key after ','");
            } else if (p->tok == AZ_JL_LBRACE) {
                object_in_object(p, obj, okey, okey_len);
                /* IBM's `"subject": { {"attributes": ...} }`: its members are read as this
                 * object's, which is what the writer meant. */
                struct jnode *inner = parse_object(p, depth + 1);
                if (p->fatal)
                    return NULL;
                if (inner && inner->child) {
                    *tail = inner->child;
                    for (struct jnode *m = inner->child; m; m = m->next)
                        tail = &m->next;
                    obj->count += inner->count;
                }
                obj->damaged = true;
                if (p->tok == AZ_JL_COMMA) {
                    comma = tok_loc(p);
                    advance(p);
                    continue;
                }
                if (p->tok == AZ_JL_RBRACE) {
                    close_node(p, obj);
                    advance(p);
                    return obj;
                }
            } else {
                unexpected(p, NULL, "expected a string key or '}'");
            }
            if (resync(p)) {
                comma = (struct az_loc){0};
                continue;
            }
            break;
        }
        const char *key = p->st.str;
        uint32_t key_len = (uint32_t)p->st.str_len, key_off = (uint32_t)p->st.tok_off;
        uint32_t key_line = p->st.tok_line, key_col = p->st.tok_col;
        uint32_t key_tok_len = (uint32_t)p->st.tok_len;
        advance(p);
        if (p->tok != AZ_JL_COLON) {
            unexpected(p, NULL, "expected ':' after the key %s", show(p->ctx->arena, key, key_len));
            if (!starts_value(p)) { /* else: read as if the ':' were there */
                if (resync(p)) {
                    comma = (struct az_loc){0};
                    continue;
                }
                break;
            }
        } else {
            advance(p);
        }
        p->member_key = key;
        p->member_key_len = key_len;
        /* NULL: parse_value says "expected a value for the key ..." itself, only on error
         * (formatting it for every member cost a third of lint's time). */
        enum member_mode mode = M_KEEP;
        if (depth == 1)
            mode = plan_member(p, key, key_len);
        else if (p->streaming)
            mode = change_member(p, obj, depth, okey, okey_len, key, key_len);
        p->stream_next = mode == M_STREAM;
        struct az_arena_mark mark = az_arena_mark(p->scratch);
        struct jnode *v = mode == M_DROP ? parse_dropped(p, depth) : parse_value(p, depth, NULL);
        p->stream_next = false;
        if (mode == M_STREAM)
            p->streaming = false;
        if (p->fatal)
            return NULL;
        if (v && p->discard) { /* inside a dropped member: checked, not kept */
            drop_since(p, mark);
        } else if (v) {
            v->key = key;
            v->key_len = key_len;
            v->key_off = key_off;
            v->key_line = key_line;
            v->key_col = key_col;
            v->key_tok_len = key_tok_len;
            *tail = v;
            tail = &v->next;
            obj->count++;
        }
        if (p->tok == AZ_JL_COMMA) {
            if (v)
                p->recovering = false;
            comma = tok_loc(p);
            advance(p);
            continue;
        }
        if (p->tok == AZ_JL_RBRACE) {
            if (v)
                p->recovering = false;
            close_node(p, obj);
            advance(p);
            return obj;
        }
        if (v)
            unexpected(p,
                       p->tok == AZ_JL_RBRACKET ? " (is a '}' missing before it?)" : comma_hint(p),
                       "expected ',' or '}' after the value of %s",
                       show(p->ctx->arena, key, key_len));
        if (p->tok == AZ_JL_STRING) { /* read as if the ',' were there */
            comma = (struct az_loc){0};
            continue;
        }
        if (resync(p)) {
            comma = (struct az_loc){0};
            continue;
        }
        break;
    }
    if (p->tok == AZ_JL_RBRACE) {
        close_node(p, obj);
        obj->damaged = true;
        advance(p);
        return obj;
    }
    return leave_open(p, obj);
}

static struct jnode *parse_array(struct jparser *p, unsigned depth)
{
    /* A plan's resource_changes: each element is read, linted (lint_tfplan.c) and dropped
     * (the scratch arena rewound); the array keeps none. So are a dropped member's. */
    bool stream = p->stream_next, drop = stream || p->discard;
    p->stream_next = false;
    if (stream)
        p->streamed = p->streaming = true;
    struct jnode *arr = new_node(p, J_ARRAY), **tail = &arr->child;
    if (!enter(p, arr, depth))
        return NULL;
    advance(p);
    if (p->tok == AZ_JL_RBRACKET) {
        close_node(p, arr);
        advance(p);
        return arr;
    }
    struct az_loc comma = {0};
    for (;;) {
        if (comma.src && p->tok == AZ_JL_RBRACKET) {
            trailing_comma(p, comma, ']');
            close_node(p, arr);
            advance(p);
            return arr;
        }
        p->member_key = NULL;
        p->member_key_len = 0;
        struct az_arena_mark mark = az_arena_mark(p->scratch);
        struct jnode *v = parse_value(
            p, depth, comma.src ? "expected a value after ','" : "expected a value or ']'");
        if (drop) {
            if (stream && v && !p->fatal)
                az_lint_tfplan_change(p->ctx, p->src, p->f, (const struct az_jnode *)(void *)v);
            drop_since(p, mark);
        }
        if (p->fatal)
            return NULL;
        if (!v) {
            if (resync(p)) {
                comma = (struct az_loc){0};
                continue;
            }
            break;
        }
        if (!drop) {
            *tail = v;
            tail = &v->next;
        }
        arr->count++;
        if (p->tok == AZ_JL_COMMA) {
            p->recovering = false;
            comma = tok_loc(p);
            advance(p);
            continue;
        }
        if (p->tok == AZ_JL_RBRACKET) {
            p->recovering = false;
            close_node(p, arr);
            advance(p);
            return arr;
        }
        unexpected(p, p->tok == AZ_JL_RBRACE ? " (is a ']' missing before it?)" : comma_hint(p),
                   "expected ',' or ']' after an element of the array");
        if (starts_value(p)) { /* read as if the ',' were there */
            comma = (struct az_loc){0};
            continue;
        }
        if (resync(p)) {
            comma = (struct az_loc){0};
            continue;
        }
        break;
    }
    if (p->tok == AZ_JL_RBRACKET) {
        close_node(p, arr);
        arr->damaged = true;
        advance(p);
        return arr;
    }
    return leave_open(p, arr);
}

static struct jnode *parse_value(struct jparser *p, unsigned depth, const char *expected)
{
    struct jnode *n;
    switch (p->tok) {
    case AZ_JL_LBRACE:
        return parse_object(p, depth + 1);
    case AZ_JL_LBRACKET:
        return parse_array(p, depth + 1);
    case AZ_JL_STRING:
        n = new_node(p, J_STRING);
        n->str = p->st.str;
        n->len = (uint32_t)p->st.str_len;
        break;
    case AZ_JL_NUMBER:
        n = new_node(p, J_NUMBER);
        n->str = p->st.text + p->st.tok_off; /* a span of the text */
        n->len = (uint32_t)p->st.tok_len;
        break;
    case AZ_JL_TRUE:
        n = new_node(p, J_TRUE);
        n->str = "true";
        n->len = 4;
        break;
    case AZ_JL_FALSE:
        n = new_node(p, J_FALSE);
        n->str = "false";
        n->len = 5;
        break;
    case AZ_JL_NULL:
        n = new_node(p, J_NULL);
        n->str = "null";
        n->len = 4;
        break;
    default:
        if (expected)
            unexpected(p, NULL, "%s", expected);
        else
            unexpected(p, NULL, "expected a value for the key %s",
                       show(p->ctx->arena, p->member_key, p->member_key_len));
        return NULL;
    }
    advance(p);
    return n;
}

/* The whole text: one value, then the end of the file. NULL when nothing could be read
 * (or the nesting was too deep); p->errors counts the syntax errors reported or passed
 * over while recovering. */
static struct jnode *parse_text(struct jparser *p)
{
    advance(p);
    struct jnode *root = parse_value(p, 0, "expected a JSON value");
    if (!root || p->fatal)
        return NULL;
    if (p->tok != AZ_JL_EOF && !(p->errors && p->recovering)) {
        unexpected(p,
                   p->tok == AZ_JL_RBRACE || p->tok == AZ_JL_RBRACKET
                       ? " (one closing bracket too many?)"
                   : p->tok == AZ_JL_LBRACE || p->tok == AZ_JL_LBRACKET
                       ? " (a JSON file holds one value: write several bodies as one array, "
                         "[{...}, {...}])"
                       : NULL,
                   "expected the end of the file after the top-level value");
    } else if (p->tok != AZ_JL_EOF) {
        p->errors++;
    }
    return root;
}

/* ---- shapes ---------------------------------------------------------------------------- */

struct lj {
    struct az_ctx *ctx;
    const struct jparser *p;
    struct az_lfile *f;
    bool broken; /* the file had a syntax error: the tree holds what could be read */
};

static struct az_loc loc_of(const struct lj *lj, const struct jnode *n)
{
    return node_loc(lj->p, n);
}

static struct az_diag *report(struct lj *lj, enum az_diag_id id, struct az_loc loc, const char *fmt,
                              ...) __attribute__((format(printf, 4, 5)));

static struct az_diag *report(struct lj *lj, enum az_diag_id id, struct az_loc loc, const char *fmt,
                              ...)
{
    /* After a syntax error, a key may be missing, out of place (a '}' missing before it
     * puts it in the wrong object), or two forms seem mixed, only because of the broken
     * spot: when in doubt, say less. */
    if (lj->broken && (id == AZ_D_LINT_MISSING_KEY || id == AZ_D_LINT_UNKNOWN_KEY ||
                       id == AZ_D_LINT_MIXED_SHAPE))
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    struct az_diag *d = report_v(lj->ctx, id, loc, fmt, ap);
    va_end(ap);
    return d;
}

/* n's string as a C string: a copy in the file's scratch arena (tree strings are spans). */
static const char *cstr(const struct lj *lj, const struct jnode *n)
{
    return az_arena_strndup(lj->p->scratch, n->str, n->len);
}

/* n's string for the model, which outlives the tree: interned in the run's arena. */
static const char *keep(const struct lj *lj, const struct jnode *n)
{
    return az_strset_intern(&lj->ctx->strings, lj->ctx->arena, n->str, n->len);
}

static bool key_is(const struct jnode *m, const char *name)
{
    return m->key_len == strlen(name) && memcmp(m->key, name, m->key_len) == 0;
}

static bool str_is(const struct jnode *n, const char *s)
{
    return n && n->kind == J_STRING && n->len == strlen(s) && memcmp(n->str, s, n->len) == 0;
}

static struct jnode *member(const struct jnode *obj, const char *name)
{
    for (struct jnode *m = obj->child; m; m = m->next)
        if (key_is(m, name))
            return m;
    return NULL;
}

static const char *kind_name(enum jkind k)
{
    switch (k) {
    case J_OBJECT:
        return "an object";
    case J_ARRAY:
        return "an array";
    case J_STRING:
        return "a string";
    case J_NUMBER:
        return "a number";
    case J_TRUE:
    case J_FALSE:
        return "a boolean";
    default:
        return "null";
    }
}

static const char *key_shown(struct lj *lj, const struct jnode *m)
{
    return show(lj->ctx->arena, m->key, m->key_len);
}

/* Duplicate keys: AZ502 at each repeat, with a note at the first. Hash table past a few
 * members, so that a huge object stays linear. */
static uint32_t hash_key(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void dup_found(struct lj *lj, const struct jnode *first, const struct jnode *again)
{
    struct az_diag *d = report(lj, AZ_D_LINT_UNKNOWN_KEY, key_loc(lj->p, again),
                               "the key %s appears twice in this object: only one of them "
                               "counts; write it once",
                               key_shown(lj, again));
    az_diag_note(lj->ctx, d, key_loc(lj->p, first), "first written here");
}

static void check_dups(struct lj *lj, const struct jnode *obj)
{
    if (obj->count <= 16) {
        for (const struct jnode *m = obj->child; m; m = m->next)
            for (const struct jnode *k = obj->child; k != m; k = k->next)
                if (k->key_len == m->key_len && memcmp(k->key, m->key, m->key_len) == 0) {
                    dup_found(lj, k, m);
                    break;
                }
        return;
    }
    size_t cap = 32;
    while (cap < obj->count * 2)
        cap *= 2;
    const struct jnode **tab = az_arena_alloc(lj->ctx->arena, cap * sizeof *tab);
    for (const struct jnode *m = obj->child; m; m = m->next) {
        size_t i = hash_key(m->key, m->key_len) & (cap - 1);
        for (; tab[i]; i = (i + 1) & (cap - 1))
            if (tab[i]->key_len == m->key_len && memcmp(tab[i]->key, m->key, m->key_len) == 0)
                break;
        if (tab[i])
            dup_found(lj, tab[i], m);
        else
            tab[i] = m;
    }
}

/* Key specifications of one kind of object. */
enum { T_STR = 1, T_NUM = 2, T_BOOL = 4, T_NULL = 8, T_OBJ = 16, T_ARR = 32, T_ANY = 63 };
enum {
    K_REQ = 1,     /* AZ503 when missing */
    K_FOREIGN = 2, /* the other policy format's key: the caller says AZ504 */
    K_QUIET = 4,   /* accepted as is (response keys) */
};

struct kspec {
    const char *name;
    unsigned types;
    unsigned flags;
    const char *shape; /* how the value is written, for messages: "[{\"role_id\": ...}]" */
};

#define MAX_SPECS 40

static unsigned type_bit(enum jkind k)
{
    switch (k) {
    case J_STRING:
        return T_STR;
    case J_NUMBER:
        return T_NUM;
    case J_TRUE:
    case J_FALSE:
        return T_BOOL;
    case J_NULL:
        return T_NULL;
    case J_OBJECT:
        return T_OBJ;
    default:
        return T_ARR;
    }
}

static const char *types_text(unsigned t)
{
    /* with a shape after it: "a string such as \"1\"", "an array [...]" */
    switch (t) {
    case T_STR:
        return "a string";
    case T_BOOL:
        return "true or false";
    case T_OBJ:
        return "an object";
    case T_ARR:
        return "an array";
    default:
        return "a value";
    }
}

/* A required key that is missing and that the unknown key k (member m) abbreviates: it
 * starts with k's first letter, holds k's letters in order ("attrs" for "attributes") and
 * takes m's type. Too far for a typo, but the only key k can have meant. */
static const char *abbreviation_of(const char *k, const struct jnode *m, const struct kspec *specs,
                                   size_t n, struct jnode *const *slots)
{
    if (strlen(k) < 3)
        return NULL;
    const char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        const struct kspec *sp = &specs[i];
        if (!(sp->flags & K_REQ) || (sp->flags & (K_FOREIGN | K_QUIET)) || slots[i] ||
            !(sp->types & type_bit(m->kind)) || (k[0] | 0x20) != (sp->name[0] | 0x20))
            continue;
        size_t matched = 0;
        for (const char *w = k, *x = sp->name; *w && *x; x++)
            if ((*w | 0x20) == (*x | 0x20)) {
                w++;
                matched++;
            }
        if (matched != strlen(k))
            continue;
        if (found)
            return NULL; /* ambiguous */
        found = sp->name;
    }
    return found;
}

/* Checks obj's keys against specs[0..n): slots[i] gets the member for specs[i] (the first
 * one, whatever its type). Wrong types are AZ505, unknown keys AZ502 with "did you mean"
 * (a misspelt key then stands for the key it resembles), missing required keys AZ503.
 * what names the object in messages: "the v1 policy", "this attribute". */
static void check_object(struct lj *lj, const struct jnode *obj, const char *what,
                         const struct kspec *specs, size_t n, struct jnode **slots)
{
    struct az_arena *a = lj->ctx->arena;
    check_dups(lj, obj);
    for (size_t i = 0; i < n; i++)
        slots[i] = NULL;
    for (struct jnode *m = obj->child; m; m = m->next)
        for (size_t i = 0; i < n; i++)
            if (key_is(m, specs[i].name)) {
                if (!slots[i])
                    slots[i] = m;
                break;
            }
    const char *cands[MAX_SPECS];
    size_t nc = 0;
    for (size_t i = 0; i < n && nc < MAX_SPECS; i++)
        if (!(specs[i].flags & (K_FOREIGN | K_QUIET)))
            cands[nc++] = specs[i].name;
    for (struct jnode *m = obj->child; m; m = m->next) {
        bool known = false;
        for (size_t i = 0; i < n && !known; i++)
            known = key_is(m, specs[i].name);
        if (known)
            continue;
        char *k = az_arena_strndup(a, m->key, m->key_len);
        const char *best = strlen(k) == m->key_len ? az_suggest_best(k, cands, nc) : NULL;
        if (!best)
            best = abbreviation_of(k, m, specs, n, slots);
        if (best) {
            report(lj, AZ_D_LINT_UNKNOWN_KEY, key_loc(lj->p, m),
                   "unknown key %s in %s; did you mean \"%s\"?", key_shown(lj, m), what, best);
            for (size_t i = 0; i < n; i++)
                if (specs[i].name == best && !slots[i])
                    slots[i] = m; /* read it as the key it resembles */
            continue;
        }
        const char *list = "";
        for (size_t i = 0; i < nc; i++)
            list = az_arena_printf(a, "%s%s\"%s\"", list,
                                   i == 0        ? ""
                                   : i + 1 == nc ? " and "
                                                 : ", ",
                                   cands[i]);
        report(lj, AZ_D_LINT_UNKNOWN_KEY, key_loc(lj->p, m), "unknown key %s in %s (it takes %s)",
               key_shown(lj, m), what, list);
    }
    for (size_t i = 0; i < n; i++) {
        const struct kspec *s = &specs[i];
        struct jnode *v = slots[i];
        if (!v) {
            if ((s->flags & K_REQ) && s->shape)
                report(lj, AZ_D_LINT_MISSING_KEY, loc_of(lj, obj),
                       "%s has no \"%s\"; add \"%s\": %s", what, s->name, s->name, s->shape);
            else if (s->flags & K_REQ)
                report(lj, AZ_D_LINT_MISSING_KEY, loc_of(lj, obj), "%s has no \"%s\"", what,
                       s->name);
            continue;
        }
        if (s->flags & (K_FOREIGN | K_QUIET) || (s->types & type_bit(v->kind)))
            continue;
        report(lj, AZ_D_LINT_TYPE, loc_of(lj, v), "%s must be %s%s%s, not %s", key_shown(lj, v),
               types_text(s->types),
               !s->shape           ? ""
               : s->types == T_STR ? " such as "
                                   : " ",
               s->shape ? s->shape : "", kind_name(v->kind));
    }
}

/* A value as written, for the model. */
static struct az_lval lval_of(const struct lj *lj, const struct jnode *v)
{
    struct az_lval out = {AZ_LV_NONE, "", {0}};
    if (!v)
        return out;
    out.loc = loc_of(lj, v);
    switch (v->kind) {
    case J_STRING:
        out.kind = AZ_LV_STRING;
        out.text = keep(lj, v);
        break;
    case J_TRUE:
    case J_FALSE:
        out.kind = AZ_LV_BOOL;
        out.text = v->str; /* a literal */
        break;
    case J_NUMBER:
        out.kind = AZ_LV_NUMBER;
        out.text = keep(lj, v);
        break;
    case J_NULL:
        out.kind = AZ_LV_OTHER;
        out.text = "null";
        break;
    case J_OBJECT:
        out.kind = AZ_LV_OTHER;
        out.text = "{...}";
        break;
    case J_ARRAY:
        out.kind = AZ_LV_OTHER;
        out.text = "[...]";
        break;
    }
    return out;
}

/* Keys IAM adds to what it returns (GET and list responses): accepted quietly there. */
static const char *const policy_response_keys[] = {
    "id",
    "href",
    "created_at",
    "created_by_id",
    "last_modified_at",
    "last_modified_by_id",
    "state",
    "template",
    "last_permit_at",
    "last_permit_frequency",
    "counts",
    "references",
};
static const char *const template_response_keys[] = {
    "id",
    "version",
    "href",
    "state",
    "created_at",
    "created_by_id",
    "last_modified_at",
    "last_modified_by_id",
    "counts",
};
static const char *const assignment_response_keys[] = {
    "id",         "href",          "status",           "resources",           "template",
    "created_at", "created_by_id", "last_modified_at", "last_modified_by_id", "account_id",
    "options",    "subject",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static size_t add_quiet(struct kspec *specs, size_t n, const char *const *keys, size_t nk)
{
    for (size_t i = 0; i < nk && n < MAX_SPECS; i++)
        specs[n++] = (struct kspec){keys[i], T_ANY, K_QUIET, NULL};
    return n;
}

/* Whether obj looks like something IAM returned rather than a request body. */
static bool looks_like_response(const struct jnode *obj)
{
    return member(obj, "href") || member(obj, "created_at") || member(obj, "id");
}

/* ---- policies -------------------------------------------------------------------------- */

enum pform { F_V1 = 1, F_V2 = 2 };

struct pbuild {
    struct lj *lj;
    struct az_lpolicy *p;
    enum pform base;
    bool tmpl;       /* the policy of a template: always v2 */
    bool response;   /* from an IAM response: its extra keys are fine */
    bool mixed;      /* AZ504 said */
    const char *why; /* why the body counts as its base form (see base_why); NULL: not yet */
    size_t n_alt;    /* attributes named with the other form's key ("name" in v2) */
    /* what base_why needs, kept so the text is made only when AZ504 is reported */
    const struct jnode *obj;
    const struct kspec *specs;
    unsigned n1, n2;
};

static const char *base_why(struct pbuild *pb);

/* What a v2 attribute looks like, for AZ504's fixes. */
#define V2_ATTR "{\"key\": ..., \"operator\": \"stringEquals\", \"value\": ...}"


static const char *form_name(const struct pbuild *pb)
{
    return pb->tmpl           ? "the template's policy"
           : pb->base == F_V1 ? "the v1 policy"
                              : "the v2 policy";
}

/* AZ504, once per policy: what (a key) is written in the other form. */
static void say_mixed(struct pbuild *pb, struct az_loc loc, const char *what, bool plural,
                      const char *fix)
{
    if (pb->mixed)
        return;
    pb->mixed = true;
    const char *is = plural ? "are" : "is";
    if (pb->tmpl)
        report(pb->lj, AZ_D_LINT_MIXED_SHAPE, loc,
               "%s %s the v1 form, but a template's policy is always v2: %s", what, is, fix);
    else
        report(pb->lj, AZ_D_LINT_MIXED_SHAPE, loc,
               "%s %s the %s form, but this policy is %s (%s): %s", what, is,
               pb->base == F_V1 ? "v2" : "v1", pb->base == F_V1 ? "v1" : "v2", base_why(pb), fix);
}

/* How many attributes of the body's subject and resource name themselves with key (and not
 * with other): "name" attributes in a v2 body, "key" attributes in a v1 body. */
static size_t count_alt_attrs(const struct jnode *obj, const char *key, const char *other)
{
    static const char *const sides[] = {"subjects", "subject", "resources", "resource"};
    size_t n = 0;
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        const struct jnode *e = member(obj, sides[i]);
        if (e && e->kind == J_ARRAY)
            e = e->child;
        if (!e || e->kind != J_OBJECT)
            continue;
        const struct jnode *attrs = member(e, "attributes");
        if (!attrs || attrs->kind != J_ARRAY)
            continue;
        for (const struct jnode *a = attrs->child; a; a = a->next)
            if (a->kind == J_OBJECT && member(a, key) && !member(a, other))
                n++;
    }
    return n;
}

/* The attribute name a value suggests when the name is missing: "is" is a serviceName,
 * "backup-policy" or "volume" a resourceType, 32 hexadecimal characters an accountId. */
static const char *name_for_value(const struct lj *lj, const struct jnode *v)
{
    if (!v || v->kind != J_STRING || memchr(v->str, '\0', v->len))
        return NULL;
    if (str_is(v, "is") || str_is(v, "event-notifications"))
        return AZ_ATTR_SERVICE_NAME;
    if (str_is(v, "backup-policy") || az_rules_target(cstr(lj, v)))
        return AZ_ATTR_RESOURCE_TYPE;
    bool hex = v->len == 32;
    for (size_t i = 0; hex && i < v->len; i++)
        hex = (v->str[i] >= '0' && v->str[i] <= '9') || (v->str[i] >= 'a' && v->str[i] <= 'f');
    return hex ? AZ_ATTR_ACCOUNT_ID : NULL;
}

/* One attribute {name|key, operator, value} of the subject or the resource (or a tag, when
 * out is NULL: checked, not recorded). */
static void lint_attr(struct pbuild *pb, const struct jnode *n, bool subject,
                      struct az_lattr ***out)
{
    struct lj *lj = pb->lj;
    bool v1 = pb->base == F_V1;
    if (n->kind != J_OBJECT) {
        report(lj, AZ_D_LINT_TYPE, loc_of(lj, n), "each attribute must be an object %s, not %s",
               v1 ? "{\"name\": ..., \"value\": ...}"
                  : "{\"key\": ..., \"operator\": ..., \"value\": ...}",
               kind_name(n->kind));
        if (out) { /* recorded unreadable, so that nothing counts as missing from the side */
            struct az_lattr *a = az_arena_alloc(lj->ctx->arena, sizeof *a);
            a->name = lval_of(lj, n);
            a->name.kind = AZ_LV_OTHER;
            a->op = lval_of(lj, NULL);
            a->value = lval_of(lj, NULL);
            a->loc = loc_of(lj, n);
            **out = a;
            *out = &a->next;
        }
        return;
    }
    enum { A_NAME, A_KEY, A_OP, A_VALUE, A_N };
    struct kspec specs[A_N] = {
        {"name", T_STR, v1 ? 0 : K_FOREIGN, NULL},
        {"key", T_STR, v1 ? K_FOREIGN : 0, NULL},
        {"operator", T_STR, v1 && subject ? K_FOREIGN : 0, NULL},
        {"value", T_ANY, K_REQ, "..."},
    };
    struct jnode *s[A_N];
    const char *what = out ? "this attribute" : "this tag";
    check_object(lj, n, what, specs, A_N, s);
    struct jnode *name = v1 ? s[A_NAME] : s[A_KEY];
    struct jnode *alt = v1 ? s[A_KEY] : s[A_NAME];
    if (alt) {
        const char *fix;
        if (v1)
            fix = pb->n_alt > 1 ? az_arena_printf(lj->ctx->arena,
                                                  "write \"name\", as v1 attributes have (%zu "
                                                  "attributes here use \"key\")",
                                                  pb->n_alt)
                                : "write \"name\", as v1 attributes have";
        else
            fix = pb->n_alt > 1 ? az_arena_printf(lj->ctx->arena,
                                                  "write each attribute as " V2_ATTR
                                                  " (%zu attributes here use \"name\")",
                                                  pb->n_alt)
                                : "write the attribute as " V2_ATTR;
        say_mixed(pb, key_loc(pb->lj->p, alt), v1 ? "\"key\"" : "\"name\"", false, fix);
        if (alt->kind != J_STRING)
            report(lj, AZ_D_LINT_TYPE, loc_of(lj, alt), "%s must be a string, not %s",
                   key_shown(lj, alt), kind_name(alt->kind));
        if (!name)
            name = alt;
    } else if (v1 && subject && s[A_OP]) {
        report(lj, AZ_D_LINT_UNKNOWN_KEY, key_loc(pb->lj->p, s[A_OP]),
               "unknown key \"operator\" in a v1 subject attribute: v1 subjects take only "
               "\"name\" and \"value\"; remove it");
    }
    if (!name) {
        const char *guess = name_for_value(pb->lj, s[A_VALUE]);
        if (guess)
            report(lj, AZ_D_LINT_MISSING_KEY, loc_of(lj, n),
                   "%s has no \"%s\"; add \"%s\": \"%s\" (its value reads like a %s)", what,
                   v1 ? "name" : "key", v1 ? "name" : "key", guess, guess);
        else
            report(lj, AZ_D_LINT_MISSING_KEY, loc_of(lj, n),
                   "%s has no \"%s\" (the attribute's name, such as \"serviceName\")", what,
                   v1 ? "name" : "key");
    }
    if (!out)
        return;
    struct az_lattr *a = az_arena_alloc(lj->ctx->arena, sizeof *a);
    a->name = lval_of(lj, name);
    a->op = lval_of(lj, s[A_OP]);
    if (!v1 && !s[A_OP] && !s[A_KEY] && s[A_NAME] && pb->mixed)
        a->v1_form = true; /* AZ504 said how to write it, operator included */
    a->value = lval_of(lj, s[A_VALUE]);
    a->loc = loc_of(lj, n);
    **out = a;
    *out = &a->next;
}

/* attributes: [...] (an object is taken as one attribute). */
static void lint_attrs(struct pbuild *pb, const struct jnode *list, bool subject,
                       struct az_lattr **head)
{
    struct az_lattr **tail = head;
    if (list->kind == J_OBJECT) {
        lint_attr(pb, list, subject, &tail);
        return;
    }
    if (list->kind != J_ARRAY)
        return; /* reported as a wrong type */
    for (const struct jnode *e = list->child; e; e = e->next)
        lint_attr(pb, e, subject, &tail);
}

static void lint_tags(struct pbuild *pb, const struct jnode *list)
{
    if (list->kind != J_ARRAY)
        return;
    for (const struct jnode *e = list->child; e; e = e->next)
        lint_attr(pb, e, false, NULL);
}

/* The subject or resource v: an array of entries (v1) or one object (v2); a wrong type
 * for the key it is written under is reported already. Returns the entry whose attributes
 * count: IAM takes one, so the others are AZ505. */
static const struct jnode *one_entry(struct pbuild *pb, const struct jnode *v, bool subject)
{
    struct lj *lj = pb->lj;
    const char *one = subject ? "subject" : "resource";
    if (v->kind == J_OBJECT)
        return v;
    if (v->kind != J_ARRAY)
        return NULL; /* reported as a wrong type */
    if (!v->child) {
        report(lj, AZ_D_LINT_MISSING_KEY, loc_of(lj, v),
               "%s is empty: a policy has one %s {\"attributes\": [...]}", key_shown(lj, v), one);
        return NULL;
    }
    for (const struct jnode *e = v->child->next; e; e = e->next)
        report(lj, AZ_D_LINT_TYPE, loc_of(lj, e),
               "IAM takes one %s per policy: this entry of %s is a second %s; write it as a "
               "policy of its own",
               one, key_shown(lj, v), one);
    if (v->child->kind != J_OBJECT) {
        report(lj, AZ_D_LINT_TYPE, loc_of(lj, v->child),
               "each entry of %s must be an object {\"attributes\": [...]}, not %s",
               key_shown(lj, v), kind_name(v->child->kind));
        return NULL;
    }
    return v->child;
}

static void lint_side(struct pbuild *pb, const struct jnode *v, bool subject)
{
    const struct jnode *e = one_entry(pb, v, subject);
    if (!e)
        return;
    enum { E_ATTRS, E_TAGS, E_N };
    struct kspec specs[E_N] = {
        {"attributes", T_ARR, K_REQ, "[{...}]"},
        {"tags", T_ARR, 0, "[{...}]"},
    };
    struct jnode *s[E_N];
    const char *what = subject ? "the subject" : "the resource";
    check_object(pb->lj, e, what, specs, subject ? 1 : 2, s);
    if (s[E_ATTRS])
        lint_attrs(pb, s[E_ATTRS], subject, subject ? &pb->p->subject : &pb->p->resource);
    if (!subject && s[E_TAGS])
        lint_tags(pb, s[E_TAGS]);
}

static void add_role(struct pbuild *pb, struct az_lrole ***tail, struct az_lval v)
{
    struct az_lrole *r = az_arena_alloc(pb->lj->ctx->arena, sizeof *r);
    if (v.kind != AZ_LV_STRING && v.kind != AZ_LV_NONE)
        v.kind = AZ_LV_OTHER;
    r->role = v;
    **tail = r;
    *tail = &r->next;
}

/* The role_id to show in a fix for a role written as the string n: its CRN when n spells a
 * role, n itself when it is a CRN, else a stand-in. */
static const char *role_id_example(struct lj *lj, const struct jnode *n)
{
    if (n->kind == J_STRING && !memchr(n->str, '\0', n->len)) {
        const struct az_role *r = az_rules_role(cstr(lj, n));
        if (r)
            return show(lj->ctx->arena, r->crn, strlen(r->crn));
        if (n->len >= 4 && memcmp(n->str, "crn:", 4) == 0)
            return show(lj->ctx->arena, n->str, n->len);
    }
    return "\"crn:v1:bluemix:public:...\"";
}

static void lint_role(struct pbuild *pb, const struct jnode *e, struct az_lrole ***tail)
{
    struct lj *lj = pb->lj;
    if (e->kind != J_OBJECT) {
        report(lj, AZ_D_LINT_TYPE, loc_of(lj, e),
               "each role must be an object {\"role_id\": %s}, not %s", role_id_example(lj, e),
               kind_name(e->kind));
        struct az_lval v = lval_of(lj, e);
        v.kind = AZ_LV_OTHER;
        add_role(pb, tail, v);
        return;
    }
    struct kspec specs[3] = {
        {"role_id", T_STR, K_REQ, "\"crn:v1:bluemix:public:iam::::role:Operator\""},
        {"display_name", T_ANY, K_QUIET, NULL},
        {"description", T_ANY, K_QUIET, NULL},
    };
    struct jnode *s[3];
    check_object(lj, e, "this role", specs, pb->response ? 3 : 1, s);
    if (s[0])
        add_role(pb, tail, lval_of(lj, s[0]));
}

/* roles: [{role_id}, ...] (a single object or scalar counts as one, after AZ505). */
static void lint_roles(struct pbuild *pb, const struct jnode *roles)
{
    struct az_lrole **tail = &pb->p->roles;
    pb->p->roles_loc = key_loc(pb->lj->p, roles);
    if (roles->kind == J_OBJECT) {
        report(pb->lj, AZ_D_LINT_TYPE, loc_of(pb->lj, roles),
               "%s must be an array of roles, not an object: write [{\"role_id\": ...}], "
               "even for one role",
               key_shown(pb->lj, roles));
        lint_role(pb, roles, &tail);
        return;
    }
    if (roles->kind != J_ARRAY) {
        report(pb->lj, AZ_D_LINT_TYPE, loc_of(pb->lj, roles),
               "%s must be an array of roles, not %s: write [{\"role_id\": %s}]",
               key_shown(pb->lj, roles), kind_name(roles->kind), role_id_example(pb->lj, roles));
        struct az_lval v = lval_of(pb->lj, roles);
        v.kind = AZ_LV_OTHER;
        add_role(pb, &tail, v);
        return;
    }
    for (const struct jnode *e = roles->child; e; e = e->next)
        lint_role(pb, e, &tail);
}

/* control: {grant: {roles: [...]}}; returns the roles member or NULL. */
static const struct jnode *lint_control(struct pbuild *pb, const struct jnode *control)
{
    struct lj *lj = pb->lj;
    if (control->kind != J_OBJECT)
        return NULL;
    struct kspec cs[1] = {{"grant", T_OBJ, K_REQ, "{\"roles\": [{\"role_id\": \"crn:...\"}]}"}};
    struct jnode *c[1];
    check_object(lj, control, "\"control\"", cs, 1, c);
    if (!c[0] || c[0]->kind != J_OBJECT)
        return NULL;
    struct kspec gs[2] = {
        {"roles", T_ANY, 0, NULL}, /* its type: lint_roles */
        {"role_template_references", T_ARR, 0, "[{\"id\": ..., \"version\": ...}]"},
    };
    struct jnode *g[2];
    check_object(lj, c[0], "\"grant\"", gs, pb->tmpl ? 2 : 1, g);
    if (!g[0] && !(pb->tmpl && g[1]))
        report(lj, AZ_D_LINT_MISSING_KEY, loc_of(lj, c[0]),
               "\"grant\" has no \"roles\"; add \"roles\": [{\"role_id\": \"crn:...\"}]");
    return g[0];
}

enum {
    P_TYPE,
    P_DESC,
    P_SUBJECTS,
    P_ROLES,
    P_RESOURCES,
    P_SUBJECT,
    P_RESOURCE,
    P_CONTROL,
    P_PATTERN,
    P_RULE,
    P_N
};

static bool is_v1_key(size_t i)
{
    return i == P_SUBJECTS || i == P_ROLES || i == P_RESOURCES;
}

static bool is_v2_key(size_t i)
{
    return i >= P_SUBJECT && i <= P_RULE;
}

/* The fix to say when key i is written in the wrong form. */
static const char *mixed_fix(size_t i)
{
    switch (i) {
    case P_SUBJECT:
        return "write \"subjects\": [{\"attributes\": [...]}]";
    case P_RESOURCE:
        return "write \"resources\": [{\"attributes\": [...]}]";
    case P_CONTROL:
        return "write the roles at the top: \"roles\": [{\"role_id\": \"crn:...\"}]";
    case P_SUBJECTS:
        return "write \"subject\": {\"attributes\": [...]}";
    case P_RESOURCES:
        return "write \"resource\": {\"attributes\": [...]}";
    case P_ROLES:
        return "put the roles in \"control\": {\"grant\": {\"roles\": [...]}}";
    default:
        return "remove it, or write the body in v2 form";
    }
}

/* A policy body (or a template's policy): records it and checks its shape. */
/* Why the body counts as its base form, for AZ504: "it has \"subjects\" and \"roles\"".
 * Made on first use only: bodies that are not mixed never need it. */
static const char *base_why(struct pbuild *pb)
{
    if (pb->why)
        return pb->why;
    const char *why = "";
    if (pb->tmpl) {
        why = "a template's policy is always v2";
    } else {
        unsigned k = 0, total = pb->base == F_V1 ? pb->n1 : pb->n2;
        for (size_t i = P_SUBJECTS; i < P_N; i++) {
            if (pb->base == F_V1 ? !is_v1_key(i) : !is_v2_key(i))
                continue;
            if (!member(pb->obj, pb->specs[i].name))
                continue;
            k++;
            why = az_arena_printf(pb->lj->ctx->arena, "%s%s\"%s\"", why,
                                  k == 1       ? "it has "
                                  : k == total ? " and "
                                               : ", ",
                                  pb->specs[i].name);
        }
    }
    return pb->why = why;
}

static struct az_lpolicy *lint_policy(struct lj *lj, const struct jnode *obj, const char *label,
                                      bool tmpl, bool response)
{
    struct kspec specs[MAX_SPECS] = {
        [P_TYPE] = {"type", T_STR, K_REQ, "\"authorization\""},
        [P_DESC] = {"description", T_STR, 0, NULL},
        [P_SUBJECTS] = {"subjects", T_ARR, 0, "[{\"attributes\": [...]}]"},
        [P_ROLES] = {"roles", T_ANY, 0, NULL}, /* its type: lint_roles */
        [P_RESOURCES] = {"resources", T_ARR, 0, "[{\"attributes\": [...]}]"},
        [P_SUBJECT] = {"subject", T_OBJ, 0, "{\"attributes\": [...]}"},
        [P_RESOURCE] = {"resource", T_OBJ, 0, "{\"attributes\": [...]}"},
        [P_CONTROL] = {"control", T_OBJ, 0, "{\"grant\": {\"roles\": [...]}}"},
        [P_PATTERN] = {"pattern", T_STR, 0, NULL},
        [P_RULE] = {"rule", T_OBJ, 0, NULL},
    };
    struct pbuild pb = {.lj = lj, .tmpl = tmpl, .response = response};

    /* The base form: the one most shape keys are written in (ties: the first written). */
    unsigned n1 = 0, n2 = 0;
    enum pform first = 0;
    for (const struct jnode *m = obj->child; m; m = m->next)
        for (size_t i = P_SUBJECTS; i < P_N; i++)
            if (key_is(m, specs[i].name)) {
                if (is_v1_key(i))
                    n1++;
                else
                    n2++;
                if (!first)
                    first = is_v1_key(i) ? F_V1 : F_V2;
            }
    pb.base = tmpl ? F_V2 : n1 > n2 ? F_V1 : n2 > n1 ? F_V2 : first ? first : F_V2;
    pb.obj = obj;
    pb.specs = specs;
    pb.n1 = n1;
    pb.n2 = n2;
    pb.n_alt =
        pb.base == F_V1 ? count_alt_attrs(obj, "key", "name") : count_alt_attrs(obj, "name", "key");
    for (size_t i = P_SUBJECTS; i < P_N; i++)
        if (pb.base == F_V1 ? is_v2_key(i) : is_v1_key(i))
            specs[i].flags |= K_FOREIGN;
    size_t n = P_N;
    if (response)
        n = add_quiet(specs, n, policy_response_keys, COUNT(policy_response_keys));

    struct az_lpolicy *p = az_arena_alloc(lj->ctx->arena, sizeof *p);
    pb.p = p;
    p->form = tmpl ? AZ_LFORM_JSON_TEMPLATE : pb.base == F_V1 ? AZ_LFORM_JSON_V1 : AZ_LFORM_JSON_V2;
    p->loc = loc_of(lj, obj);
    p->loc.len = 1;
    p->label = label;
    p->src = lj->p->src;
    p->roles_loc = p->loc;
    p->type = lval_of(lj, NULL);
    p->description = lval_of(lj, NULL);
    p->tmpl_name = lval_of(lj, NULL);
    p->tmpl_account = lval_of(lj, NULL);

    struct jnode *s[MAX_SPECS];
    check_object(lj, obj, form_name(&pb), specs, n, s);

    /* AZ504 once, at the first key written in the other form, naming all of them. */
    const struct jnode *bad = NULL;
    const char *names = "", *fixes = "";
    size_t nbad = 0, k = 0;
    for (size_t i = P_SUBJECTS; i < P_N; i++)
        if ((specs[i].flags & K_FOREIGN) && s[i])
            nbad++;
    for (const struct jnode *m = obj->child; m; m = m->next)
        for (size_t i = P_SUBJECTS; i < P_N; i++) {
            if (!(specs[i].flags & K_FOREIGN) || s[i] != m)
                continue;
            k++;
            if (!bad)
                bad = m;
            const char *sep = k == 1 ? "" : k == nbad ? " and " : ", ";
            names = az_arena_printf(lj->ctx->arena, "%s%s\"%s\"", names, sep, specs[i].name);
            fixes =
                az_arena_printf(lj->ctx->arena, "%s%s%s", fixes, k == 1 ? "" : "; ", mixed_fix(i));
        }
    if (bad) {
        if (pb.n_alt > 0 && pb.base == F_V2)
            fixes = az_arena_printf(lj->ctx->arena, "%s; v2 attributes are " V2_ATTR, fixes);
        else if (pb.n_alt > 0)
            fixes = az_arena_printf(lj->ctx->arena,
                                    "%s; v1 attributes are {\"name\": ..., "
                                    "\"value\": ...}",
                                    fixes);
        say_mixed(&pb, key_loc(lj->p, bad), names, nbad > 1, fixes);
    }

    p->type = lval_of(lj, s[P_TYPE]);
    p->description = lval_of(lj, s[P_DESC]);

    bool v1 = pb.base == F_V1;
    const struct jnode *subj = v1 ? (s[P_SUBJECTS] ? s[P_SUBJECTS] : s[P_SUBJECT])
                                  : (s[P_SUBJECT] ? s[P_SUBJECT] : s[P_SUBJECTS]);
    const struct jnode *res = v1 ? (s[P_RESOURCES] ? s[P_RESOURCES] : s[P_RESOURCE])
                                 : (s[P_RESOURCE] ? s[P_RESOURCE] : s[P_RESOURCES]);
    /* An access template (its subject comes from the assignment) has none. */
    bool access_tmpl = tmpl && s[P_TYPE] && s[P_TYPE]->kind == J_STRING &&
                       !str_is(s[P_TYPE], "authorization");
    if (subj)
        lint_side(&pb, subj, true);
    else if (!access_tmpl)
        report(lj, AZ_D_LINT_MISSING_KEY, p->loc, "%s has no %s", form_name(&pb),
               v1 ? "\"subjects\"; add \"subjects\": [{\"attributes\": [...]}]"
                  : "\"subject\"; add \"subject\": {\"attributes\": [...]}");
    if (res)
        lint_side(&pb, res, false);
    else
        report(lj, AZ_D_LINT_MISSING_KEY, p->loc, "%s has no %s", form_name(&pb),
               v1 ? "\"resources\"; add \"resources\": [{\"attributes\": [...]}]"
                  : "\"resource\"; add \"resource\": {\"attributes\": [...]}");

    const struct jnode *grant_roles = s[P_CONTROL] ? lint_control(&pb, s[P_CONTROL]) : NULL;
    const struct jnode *roles =
        v1 ? (s[P_ROLES] ? s[P_ROLES] : grant_roles) : (grant_roles ? grant_roles : s[P_ROLES]);
    if (roles)
        lint_roles(&pb, roles);
    else if (!s[P_CONTROL])
        report(lj, AZ_D_LINT_MISSING_KEY, p->loc, "%s has no %s", form_name(&pb),
               v1 ? "\"roles\"; add \"roles\": [{\"role_id\": \"crn:...\"}]"
                  : "\"control\"; add \"control\": {\"grant\": {\"roles\": [{\"role_id\": "
                    "\"crn:...\"}]}}");
    else if (s[P_CONTROL]->kind == J_OBJECT)
        p->roles_loc = key_loc(lj->p, s[P_CONTROL]);
    return p;
}

/* ---- templates and assignments --------------------------------------------------------- */

static void lint_template(struct lj *lj, const struct jnode *obj, const char *label, bool response)
{
    enum { T_NAME, T_ACCOUNT, T_DESC, T_COMMITTED, T_POLICY, T_N };
    struct kspec specs[MAX_SPECS] = {
        [T_NAME] = {"name", T_STR, K_REQ, NULL},
        [T_ACCOUNT] = {"account_id", T_STR, 0, NULL},
        [T_DESC] = {"description", T_STR, 0, NULL},
        [T_COMMITTED] = {"committed", T_BOOL, 0, NULL},
        [T_POLICY] = {"policy", T_OBJ, K_REQ,
                      "{\"type\": \"authorization\", \"subject\": ..., \"resource\": ..., "
                      "\"control\": ...}"},
    };
    size_t n = T_N;
    if (response)
        n = add_quiet(specs, n, template_response_keys, COUNT(template_response_keys));
    struct jnode *s[MAX_SPECS];
    check_object(lj, obj, "the policy template", specs, n, s);
    if (!s[T_POLICY] || s[T_POLICY]->kind != J_OBJECT)
        return;
    struct az_lpolicy *p = lint_policy(lj, s[T_POLICY], label, true, response);
    p->loc = loc_of(lj, obj);
    p->loc.len = 1;
    p->tmpl_name = lval_of(lj, s[T_NAME]);
    p->tmpl_account = lval_of(lj, s[T_ACCOUNT]);
    if (p->description.kind == AZ_LV_NONE)
        p->description = lval_of(lj, s[T_DESC]);
    az_lint_add_policy(lj->f, p);
}

static bool id_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

static void lint_assignment(struct lj *lj, const struct jnode *obj, bool response)
{
    enum { A_TARGET, A_TEMPLATES, A_N };
    struct kspec specs[MAX_SPECS] = {
        [A_TARGET] = {"target", T_OBJ, K_REQ, "{\"type\": \"Account\", \"id\": ...}"},
        [A_TEMPLATES] = {"templates", T_ARR, response ? 0 : K_REQ,
                         "[{\"id\": ..., \"version\": \"1\"}]"},
    };
    size_t n = A_N;
    if (response)
        n = add_quiet(specs, n, assignment_response_keys, COUNT(assignment_response_keys));
    struct jnode *s[MAX_SPECS];
    lj->f->assigns = true;
    check_object(lj, obj, "the template assignment", specs, n, s);

    if (s[A_TARGET] && s[A_TARGET]->kind == J_OBJECT) {
        struct kspec ts[2] = {
            {"type", T_STR, K_REQ, "\"Account\""},
            {"id", T_STR, K_REQ, NULL},
        };
        struct jnode *t[2];
        check_object(lj, s[A_TARGET], "the assignment's target", ts, 2, t);
        static const char *const types[] = {"Account", "AccountGroup", "Enterprise"};
        if (t[0] && t[0]->kind == J_STRING && !str_is(t[0], types[0]) && !str_is(t[0], types[1]) &&
            !str_is(t[0], types[2])) {
            const char *best = !memchr(t[0]->str, '\0', t[0]->len)
                                   ? az_suggest_best(cstr(lj, t[0]), types, COUNT(types))
                                   : NULL;
            report(lj, AZ_D_LINT_TYPE, loc_of(lj, t[0]),
                   "the target type %s is not one IAM has (Account, AccountGroup or "
                   "Enterprise)%s%s%s",
                   show(lj->ctx->arena, t[0]->str, t[0]->len), best ? "; did you mean \"" : "",
                   best ? best : "", best ? "\"?" : "");
        }
        if (t[1] && t[1]->kind == J_STRING) {
            bool ok = t[1]->len >= 1 && t[1]->len <= 32;
            for (size_t i = 0; ok && i < t[1]->len; i++)
                ok = id_char(t[1]->str[i]);
            if (!ok)
                report(lj, AZ_D_BAD_ASSIGN_ID, loc_of(lj, t[1]),
                       "the target ID %s is not 1 to 32 letters, digits and '-' (an account "
                       "or account group ID)",
                       show(lj->ctx->arena, t[1]->str, t[1]->len));
        }
    }
    if (!s[A_TEMPLATES] || s[A_TEMPLATES]->kind != J_ARRAY)
        return;
    if (!s[A_TEMPLATES]->child)
        report(lj, AZ_D_LINT_MISSING_KEY, loc_of(lj, s[A_TEMPLATES]),
               "\"templates\" is empty: name the template to assign, {\"id\": ..., "
               "\"version\": \"1\"}");
    for (const struct jnode *e = s[A_TEMPLATES]->child; e; e = e->next) {
        if (e->kind != J_OBJECT) {
            report(lj, AZ_D_LINT_TYPE, loc_of(lj, e),
                   "each entry of \"templates\" must be an object {\"id\": ..., \"version\": "
                   "\"1\"}, not %s",
                   kind_name(e->kind));
            continue;
        }
        struct kspec es[2] = {
            {"id", T_STR, K_REQ, "\"policyTemplate-...\""},
            {"version", T_STR, K_REQ, "\"1\""},
        };
        struct jnode *t[2];
        check_object(lj, e, "this template reference", es, 2, t);
        if (t[0] && t[0]->kind == J_STRING && t[0]->len == 0)
            report(lj, AZ_D_LINT_TYPE, loc_of(lj, t[0]),
                   "the template ID is empty: write the \"id\" IAM returned for the template");
        if (t[1] && t[1]->kind == J_STRING) {
            bool ok = t[1]->len >= 1;
            for (size_t i = 0; ok && i < t[1]->len; i++)
                ok = t[1]->str[i] >= '0' && t[1]->str[i] <= '9';
            if (!ok)
                report(lj, AZ_D_LINT_TYPE, loc_of(lj, t[1]),
                       "the template version %s must be a string of digits, such as \"1\"",
                       show(lj->ctx->arena, t[1]->str, t[1]->len));
        }
    }
}

/* ---- recognising bodies ---------------------------------------------------------------- */

static bool has_policy_keys(const struct jnode *obj)
{
    static const char *const keys[] = {"subjects",  "subject",  "roles",
                                       "resources", "resource", "control"};
    for (size_t i = 0; i < COUNT(keys); i++)
        if (member(obj, keys[i]))
            return true;
    return false;
}

/* v (an entry list or one entry) holds {"attributes": ...}. */
static bool has_attributes(const struct jnode *v)
{
    if (v && v->kind == J_ARRAY)
        v = v->child;
    return v && v->kind == J_OBJECT && member(v, "attributes");
}

/* Whether obj is an IAM policy body, by what IAM policies have and other JSON (an ARM
 * template's "resources", a config's "roles") does not. */
static bool policy_like(const struct jnode *obj)
{
    const struct jnode *type = member(obj, "type");
    if (str_is(type, "authorization"))
        return true;
    static const char *const sides[] = {"subjects", "subject", "resources", "resource"};
    for (size_t i = 0; i < COUNT(sides); i++)
        if (has_attributes(member(obj, sides[i])))
            return true;
    const struct jnode *control = member(obj, "control");
    if (control && control->kind == J_OBJECT && member(control, "grant"))
        return true;
    const struct jnode *roles = member(obj, "roles");
    if (roles && roles->kind == J_ARRAY && roles->child && roles->child->kind == J_OBJECT &&
        member(roles->child, "role_id"))
        return true;
    return str_is(type, "access") && has_policy_keys(obj);
}

static bool template_like(const struct jnode *obj)
{
    const struct jnode *policy = member(obj, "policy");
    return policy && policy->kind == J_OBJECT && (policy_like(policy) || member(policy, "type"));
}

static bool assignment_like(const struct jnode *obj)
{
    const struct jnode *target = member(obj, "target");
    return target && target->kind == J_OBJECT &&
           (member(obj, "templates") || (member(target, "type") && member(target, "id")));
}

static void lint_body(struct lj *lj, const struct jnode *n, const char *label, bool in_list);

/* {"policies": [...], "templates": [...], "assignments": [...]}: authzc's compile document
 * and index.json, or IAM's list responses. */
static bool lint_document(struct lj *lj, const struct jnode *obj)
{
    static const char *const sections[] = {"policies", "templates", "assignments",
                                           "policy_templates"};
    bool any = false;
    for (const struct jnode *m = obj->child; m; m = m->next) {
        bool section = false;
        for (size_t i = 0; i < COUNT(sections); i++)
            section = section || key_is(m, sections[i]);
        if (!section || m->kind != J_ARRAY)
            continue;
        any = true;
        const char *key = az_arena_strndup(lj->ctx->arena, m->key, m->key_len);
        size_t i = 0;
        for (const struct jnode *e = m->child; e; e = e->next, i++) {
            if (e->kind != J_OBJECT)
                continue;
            const struct jnode *body = member(e, "body");
            if (member(e, "file") && !body)
                continue; /* an index.json entry: the file is linted on its own */
            if (body)
                lint_body(lj, body, az_arena_printf(lj->ctx->arena, "%s[%zu].body", key, i), false);
            else
                lint_body(lj, e, az_arena_printf(lj->ctx->arena, "%s[%zu]", key, i), true);
        }
    }
    return any;
}

/* One object that may be a body: recognised by its keys; anything else passes quietly. */
static void lint_body(struct lj *lj, const struct jnode *n, const char *label, bool in_list)
{
    if (n->kind != J_OBJECT)
        return;
    bool response = in_list || looks_like_response(n);
    if (policy_like(n))
        az_lint_add_policy(lj->f, lint_policy(lj, n, label, false, response));
    else if (template_like(n))
        lint_template(lj, n, label, response);
    else if (assignment_like(n))
        lint_assignment(lj, n, response);
}

static void lint_root(struct lj *lj, const struct jnode *root)
{
    if (root->kind == J_ARRAY) {
        size_t i = 0;
        for (const struct jnode *e = root->child; e; e = e->next, i++)
            lint_body(lj, e, az_arena_printf(lj->ctx->arena, "[%zu]", i), false);
        return;
    }
    if (root->kind != J_OBJECT)
        return;
    if (member(root, "format_version") && member(root, "resource_changes")) {
        az_lint_tfplan(lj->ctx, lj->p->src, lj->f, (const struct az_jnode *)(const void *)root);
        return; /* a Terraform plan (terraform show -json): lint_tfplan.c */
    }
    if (!policy_like(root) && !template_like(root) && !assignment_like(root) &&
        lint_document(lj, root))
        return;
    lint_body(lj, root, "body", false);
}

/* ---- the tree for other front ends (json_tree.h) -------------------------------------- */

/* struct az_jnode is struct jnode: the public name of the same node. */
struct az_jnode {
    struct jnode n;
};

static const struct az_jnode *pub(const struct jnode *n)
{
    return (const struct az_jnode *)(const void *)n;
}

enum az_jtype az_jnode_type(const struct az_jnode *n)
{
    switch (n->n.kind) {
    case J_OBJECT:
        return AZ_JT_OBJECT;
    case J_ARRAY:
        return AZ_JT_ARRAY;
    case J_STRING:
        return AZ_JT_STRING;
    case J_NUMBER:
        return AZ_JT_NUMBER;
    case J_TRUE:
    case J_FALSE:
        return AZ_JT_BOOL;
    default:
        return AZ_JT_NULL;
    }
}

const struct az_jnode *az_jnode_member(const struct az_jnode *n, const char *key)
{
    return n && n->n.kind == J_OBJECT ? pub(member(&n->n, key)) : NULL;
}

const struct az_jnode *az_jnode_first(const struct az_jnode *n)
{
    return n && (n->n.kind == J_OBJECT || n->n.kind == J_ARRAY) ? pub(n->n.child) : NULL;
}

const struct az_jnode *az_jnode_next(const struct az_jnode *n)
{
    return n ? pub(n->n.next) : NULL;
}

bool az_jnode_is(const struct az_jnode *n, const char *s)
{
    /* strcmp's answer on the decoded string (which stops at a NUL it holds) */
    size_t k = strlen(s);
    return n && n->n.kind == J_STRING && n->n.len >= k && memcmp(n->n.str, s, k) == 0 &&
           (n->n.len == k || n->n.str[k] == '\0');
}

const char *az_jnode_text(struct az_ctx *ctx, const struct az_jnode *n)
{
    switch (n->n.kind) {
    case J_STRING:
    case J_NUMBER:
        return az_strset_intern(&ctx->strings, ctx->arena, n->n.str, n->n.len);
    case J_TRUE:
        return "true";
    case J_FALSE:
        return "false";
    case J_NULL:
        return "null";
    default:
        return NULL;
    }
}

struct az_loc az_jnode_loc(const struct az_source *src, const struct az_jnode *n)
{
    uint32_t len = n->n.end_line == n->n.line ? n->n.end - n->n.off : 1;
    return (struct az_loc){src, n->n.line, n->n.col, len};
}

/* ---- entry ----------------------------------------------------------------------------- */

/* Scratch memory (a file's tree) the run keeps for the next file: more is given back. */
#define SCRATCH_KEPT (1024 * 1024)

/* Gives back the scratch memory of one file (since mark). The run keeps what it reuses for
 * the next file, unless this one needed much more than files usually do. */
static void release_scratch(struct az_ctx *ctx, struct az_arena_mark mark)
{
    bool big = az_arena_used(ctx->scratch) - mark.total > SCRATCH_KEPT;
    az_arena_release(ctx->scratch, mark);
    if (big && az_arena_used(ctx->scratch) == 0) { /* nothing older in it */
        az_arena_free(ctx->scratch);
        ctx->scratch = az_arena_new();
    }
}

int az_lint_json(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f)
{
    struct az_arena_mark mark = az_arena_mark(ctx->scratch);
    struct jparser p = {.ctx = ctx, .src = src, .scratch = ctx->scratch, .f = f};
    az_jl_init(&p.st, p.scratch, src->text, src->len);
    p.st.spans = true;
    p.end_line = 1;
    p.end_col = 1;
    p.open = az_arena_alloc_uninit(p.scratch, sizeof *p.open * ((size_t)ctx->max_depth + 1));
    struct jnode *root = parse_text(&p);
    if (!root) {
        /* Nothing of the file is kept (the findings on the resource changes of a plan read
         * before the nesting limit stopped it are: they stand on their own). */
        f->policies = NULL;
        f->policies_tail = &f->policies;
        f->unevaluated = false;
        release_scratch(ctx, mark);
        return -1;
    }
    /* After a syntax error the model keeps what could be read: each policy is still held
     * to the rule table, marked damaged (lint_check.c then says nothing about what it
     * lacks, and leaves the file out of the checks across files). */
    struct lj lj = {.ctx = ctx, .p = &p, .f = f, .broken = p.errors > 0};
    lint_root(&lj, root);
    release_scratch(ctx, mark);
    if (!lj.broken)
        return 0;
    for (struct az_lpolicy *pol = f->policies; pol; pol = pol->next)
        pol->damaged = true;
    f->recovered = true;
    return -1;
}
