/* fmt.c - `authzc fmt`: prints a .authz file in its canonical layout.
 *
 * The file is parsed first (any syntax error: nothing is formatted); the parser records its
 * tokens and comments (az_parse_dsl_lexemes) and this printer walks them in order. The DSL's
 * newlines carry no meaning, so the layout follows from the tokens alone:
 *   - a line starts at every block and statement keyword, after '{' and '}', and at '}';
 *     the indent is 4 spaces per open block;
 *   - tokens of a statement are one space apart, ',' sticks to the word before it;
 *   - one blank line between top-level blocks; elsewhere a run of blank lines in the source
 *     becomes one, except just after '{' and just before '}';
 *   - a comment stays where it was: after the token it followed on its line (two spaces
 *     before '#'), or on a line of its own, indented like what follows it. A statement cut by
 *     a comment goes on, after it, on a continuation line indented one level deeper (a '{'
 *     stays at its block's indent);
 *   - strings are written back in double quotes with the lexer's only escapes, \" and \\.
 * Applied to its own output the printer changes nothing (tests/scripts/fmt.sh). */
#include "authzc/fmt.h"

#include <stdbool.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/parse.h"

struct printer {
    struct az_arena *arena;
    char *buf;
    size_t len, cap;
    unsigned depth;      /* blocks open */
    bool line_start;     /* nothing written on the current line yet */
    bool after_open;     /* the last line opened a block */
    bool after_top;      /* the last token closed a top-level block */
    uint32_t last_line;  /* source line of the last token or comment written */
    const struct az_lexeme *prev; /* the last token (not comment) written */
};

static void put(struct printer *p, const char *s, size_t n)
{
    if (p->len + n + 1 > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4096;
        while (cap < p->len + n + 1)
            cap *= 2;
        char *b = az_arena_alloc_uninit(p->arena, cap);
        if (p->len)
            memcpy(b, p->buf, p->len);
        p->buf = b;
        p->cap = cap;
    }
    memcpy(p->buf + p->len, s, n);
    p->len += n;
    p->buf[p->len] = '\0';
}

static void puts_(struct printer *p, const char *s)
{
    put(p, s, strlen(s));
}

static void newline(struct printer *p)
{
    while (p->len > 0 && p->buf[p->len - 1] == ' ') /* an empty continuation indent */
        p->len--;
    put(p, "\n", 1);
    p->line_start = true;
}

static void indent(struct printer *p, unsigned level)
{
    for (unsigned i = 0; i < level; i++)
        put(p, "    ", 4);
    p->line_start = false;
}

static bool is_kw(const struct az_lexeme *x, const char *kw)
{
    return x->kind == AZ_LEX_KEYWORD && strcmp(x->text, kw) == 0;
}

/* Whether token t starts a line of its own after token prev. */
static bool starts_line(const struct az_lexeme *prev, const struct az_lexeme *t)
{
    if (!prev || prev->kind == AZ_LEX_LBRACE || prev->kind == AZ_LEX_RBRACE ||
        t->kind == AZ_LEX_RBRACE)
        return true;
    if (t->kind != AZ_LEX_KEYWORD)
        return false;
    static const char *const heads[] = {"enterprise", "child",  "template", "description",
                                        "backup",     "notify", "authorize", "assign"};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (strcmp(t->text, heads[i]) == 0)
            return true;
    return is_kw(t, "account") && !is_kw(prev, "assign"); /* assign account ID */
}

/* Before a line that starts with an item from source line `line`: the blank line it gets. */
static void blank_before(struct printer *p, uint32_t line, bool closing)
{
    if (p->len == 0 || closing)
        return;
    if (p->after_top || (!p->after_open && line > p->last_line + 1))
        put(p, "\n", 1);
}

static void word(struct printer *p, const struct az_lexeme *t)
{
    if (t->kind != AZ_LEX_STRING) {
        puts_(p, t->text);
        return;
    }
    put(p, "\"", 1);
    for (const char *s = t->text; *s; s++) {
        if (*s == '"' || *s == '\\')
            put(p, "\\", 1);
        put(p, s, 1);
    }
    put(p, "\"", 1);
}

static void token(struct printer *p, const struct az_lexeme *t)
{
    bool closing = t->kind == AZ_LEX_RBRACE;
    if (starts_line(p->prev, t)) {
        if (!p->line_start)
            newline(p);
        blank_before(p, t->loc.line, closing);
        if (closing && p->depth > 0)
            p->depth--;
        indent(p, p->depth);
    } else if (p->line_start) { /* a comment cut the statement: a continuation line */
        indent(p, p->depth + (t->kind == AZ_LEX_LBRACE ? 0 : 1)); /* '{' as its block */
    } else if (t->kind != AZ_LEX_COMMA) {
        put(p, " ", 1);
    }
    switch (t->kind) {
    case AZ_LEX_LBRACE:
        put(p, "{", 1);
        p->depth++;
        break;
    case AZ_LEX_RBRACE:
        put(p, "}", 1);
        break;
    case AZ_LEX_COMMA:
        put(p, ",", 1);
        break;
    default:
        word(p, t);
        break;
    }
    p->after_open = t->kind == AZ_LEX_LBRACE;
    p->after_top = closing && p->depth == 0;
    p->last_line = t->loc.line;
    p->prev = t;
}

/* A comment; next is the token after it (NULL at the end of the file). */
static void comment(struct printer *p, const struct az_lexeme *c, const struct az_lexeme *next)
{
    size_t n = strlen(c->text);
    while (n > 1 && (c->text[n - 1] == ' ' || c->text[n - 1] == '\t'))
        n--;
    if (p->len > 0 && !p->line_start && c->loc.line == p->last_line) { /* after a token */
        put(p, "  ", 2);
        put(p, c->text, n);
        newline(p);
        p->last_line = c->loc.line;
        return;
    }
    if (!p->line_start)
        newline(p);
    blank_before(p, c->loc.line, false);
    bool cut = next && p->prev && !starts_line(p->prev, next); /* inside a statement */
    indent(p, p->depth + (cut ? 1 : 0));
    put(p, c->text, n);
    newline(p);
    p->after_open = false;
    p->after_top = false;
    p->last_line = c->loc.line;
}

int az_fmt_dsl(struct az_ctx *ctx, const struct az_source *src, const char **out, size_t *len)
{
    struct az_lexemes lx;
    if (az_parse_dsl_lexemes(ctx, src, &lx) != 0)
        return -1;
    struct printer p = {.arena = ctx->arena, .line_start = true};
    put(&p, "", 0);
    size_t next = 0; /* the first token at or after i (lx.n: none) */
    for (size_t i = 0; i < lx.n; i++) {
        const struct az_lexeme *x = &lx.v[i];
        if (x->kind != AZ_LEX_COMMENT) {
            token(&p, x);
            continue;
        }
        if (next <= i)
            for (next = i + 1; next < lx.n && lx.v[next].kind == AZ_LEX_COMMENT; next++)
                ;
        comment(&p, x, next < lx.n ? &lx.v[next] : NULL);
    }
    if (!p.line_start)
        newline(&p);
    *out = p.buf;
    *len = p.len;
    return 0;
}
