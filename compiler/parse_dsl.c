/* parse_dsl.c - the .authz front end: runs the flex scanner (grammar/authz.l) and the bison
 * parser (grammar/authz.y) over a source in memory and builds the intent's AST.
 * The grammar's actions call the az_dsl_* helpers below; diagnostics go through az_dsl_error,
 * which counts them and stops the file after AZ_DSL_MAX_ERRORS. */
#include "authzc/parse.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ast.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/source.h"

#include "authz_parser.h"
/* The scanner header must see the parser's value and location types under flex's names. */
#define YYSTYPE AZ_YYSTYPE
#define YYLTYPE AZ_YYLTYPE
#include "authz_lexer.h"

/* After this many errors in one file the rest of it is not read. */
#define AZ_DSL_MAX_ERRORS 100u

static int parse(struct az_ctx *ctx, const struct az_source *src, struct az_intent *out,
                 struct az_lexemes *lexemes)
{
    struct az_dsl_state st;
    memset(&st, 0, sizeof st);
    st.ctx = ctx;
    st.src = src;
    st.out = out;
    st.lexemes = lexemes;
    st.line = 1;
    st.col = 1;
    if (src->len > INT_MAX - 2) { /* flex takes an int length */
        struct az_loc loc = {src, 1, 1, 1};
        az_diag_report(ctx, AZ_D_LIMIT, loc, "the file is larger than %d bytes", INT_MAX - 2);
        return -1;
    }
    yyscan_t scanner;
    if (az_yylex_init_extra(&st, &scanner) != 0) {
        az_diag_fatal(ctx, "%s: cannot start the scanner: out of memory", src->name);
        return -1;
    }
    az_yy_scan_bytes(src->text, (int)src->len, scanner);
    int rc = az_yyparse(scanner, &st);
    az_yylex_destroy(scanner);
    free(st.buf);
    return rc != 0 || st.errors ? -1 : 0; /* rc 2 (stack exhausted) was reported by yyerror */
}

int az_parse_dsl(struct az_ctx *ctx, const struct az_source *src, struct az_intent *out)
{
    return parse(ctx, src, out, NULL);
}

int az_parse_dsl_lexemes(struct az_ctx *ctx, const struct az_source *src, struct az_lexemes *out)
{
    struct az_intent scratch;
    az_ast_intent_init(&scratch);
    memset(out, 0, sizeof *out);
    return parse(ctx, src, &scratch, out);
}

/* ---- diagnostics ------------------------------------------------------------------------ */

/* The first significant line (not blank, not a '#' comment) when it looks like YAML: a
 * document marker '---', a key 'accounts:' or a list item '- ...'. Its line number, or 0. */
static uint32_t yaml_looking_line(const struct az_source *src)
{
    for (uint32_t ln = 1; ln <= src->nlines; ln++) {
        size_t n;
        const char *l = az_source_line(src, ln, &n);
        size_t i = 0;
        while (i < n && (l[i] == ' ' || l[i] == '\t'))
            i++;
        if (i == n || l[i] == '#')
            continue;
        if (n - i >= 3 && strncmp(l + i, "---", 3) == 0)
            return ln;
        if (l[i] == '-' && (i + 1 == n || l[i + 1] == ' '))
            return ln;
        size_t k = i;
        while (k < n && (isalnum((unsigned char)l[k]) || l[k] == '_' || l[k] == '-'))
            k++;
        return k > i && k < n && l[k] == ':' && (k + 1 == n || l[k + 1] == ' ') ? ln : 0;
    }
    return 0;
}

struct az_diag *az_dsl_error(struct az_dsl_state *st, enum az_diag_id id, struct az_loc loc,
                             const char *fmt, ...)
{
    if (st->stopped)
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    char *msg = az_arena_vprintf(st->ctx->arena, fmt, ap);
    va_end(ap);
    struct az_diag *d = az_diag_report(st->ctx, id, loc, "%s", msg);
    uint32_t yl = st->errors == 0 ? yaml_looking_line(st->src) : 0;
    if (yl) {
        size_t n;
        const char *l = az_source_line(st->src, yl, &n);
        size_t lead = strspn(l, " \t");
        struct az_loc at = {st->src, yl, (uint32_t)lead + 1, (uint32_t)(n - lead)};
        az_diag_note(st->ctx, d, at,
                     "this looks like YAML; if it is, use --lang yaml (or name the file .yaml)");
    }
    if (++st->errors >= AZ_DSL_MAX_ERRORS) {
        az_diag_note(st->ctx, d, loc, "too many errors in this file; authzc stops reading it here");
        st->stopped = true;
    }
    return d;
}

static const char *kw_name(int tok)
{
    switch (tok) {
    case TOK_ACCOUNT:
        return "account";
    case TOK_ACCOUNT_GROUP:
        return "account-group";
    case TOK_CURRENT:
        return "current";
    case TOK_ENTERPRISE:
        return "enterprise";
    case TOK_CHILD:
        return "child";
    case TOK_TEMPLATE:
        return "template";
    case TOK_DESCRIPTION:
        return "description";
    case TOK_BACKUP:
        return "backup";
    case TOK_NOTIFY:
        return "notify";
    case TOK_AUTHORIZE:
        return "authorize";
    case TOK_AS:
        return "as";
    case TOK_ASSIGN:
        return "assign";
    case TOK_LBRACE:
        return "{";
    case TOK_RBRACE:
        return "}";
    case TOK_COMMA:
        return ",";
    default:
        return NULL;
    }
}

/* At most max bytes of s, cut at a character boundary, with "..." when cut. */
static const char *excerpt(struct az_arena *a, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return s;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return az_arena_printf(a, "%.*s...", (int)max, s);
}

/* The lookahead token as a message says it: 'backup', '{', the string "x", end of file. */
const char *az_dsl_found(const struct az_dsl_state *st)
{
    struct az_arena *a = st->ctx->arena;
    const char *kw = kw_name(st->la_tok);
    if (kw)
        return az_arena_printf(a, "'%s'", kw);
    switch (st->la_tok) {
    case TOK_YYEOF:
        return "end of file";
    case TOK_STRING:
        return az_arena_printf(a, "the string \"%s\"", excerpt(a, st->la_text, 40));
    case TOK_IDENT:
    case TOK_NUMBER:
        return az_arena_printf(a, "'%s'", excerpt(a, st->la_text, 40));
    default:
        return "an invalid token";
    }
}

/* What kind of word the place before the lookahead wants, from the keyword before it. */
const char *az_dsl_word_wanted(const struct az_dsl_state *st)
{
    int kw = st->prev_stmt_kw;
    switch (st->prev_tok) {
    case TOK_ACCOUNT:
        return kw == TOK_ASSIGN ? "an account ID" : "an account ID or 'current'";
    case TOK_ACCOUNT_GROUP:
        return "an account group ID";
    case TOK_ENTERPRISE:
        return "an enterprise account ID";
    case TOK_CHILD:
        return "a child account ID";
    case TOK_TEMPLATE:
        return "a template name";
    case TOK_DESCRIPTION:
        return "a description in double quotes";
    case TOK_AUTHORIZE:
        return "a target (such as volume or share)";
    case TOK_AS:
        return "a role";
    case TOK_BACKUP:
        return "a backup group (volumes, shares or all)";
    case TOK_NOTIFY:
        return "an Event Notifications instance GUID";
    case TOK_COMMA:
        return kw == TOK_BACKUP      ? "a backup group (volumes, shares or all)"
               : kw == TOK_NOTIFY    ? "an Event Notifications instance GUID"
               : kw == TOK_AUTHORIZE ? "a role"
                                     : "a word";
    default:
        return "a word";
    }
}

/* ---- recording for fmt ------------------------------------------------------------------ */

void az_dsl_record(struct az_dsl_state *st, int tok, const char *text, struct az_loc loc)
{
    struct az_lexemes *lx = st->lexemes;
    struct az_lexeme x = {AZ_LEX_KEYWORD, kw_name(tok), loc};
    if (tok == 0) { /* a comment: '#' up to the line end (st->off is just after the '#') */
        const char *start = st->src->text + st->off - 1;
        const char *nl = memchr(start, '\n', st->src->len - (st->off - 1));
        size_t n = nl ? (size_t)(nl - start) : st->src->len - (st->off - 1);
        if (n > 0 && start[n - 1] == '\r')
            n--;
        x.kind = AZ_LEX_COMMENT;
        x.text = az_arena_strndup(st->ctx->arena, start, n);
    } else if (tok == TOK_LBRACE || tok == TOK_RBRACE || tok == TOK_COMMA) {
        x.kind = tok == TOK_LBRACE ? AZ_LEX_LBRACE : tok == TOK_RBRACE ? AZ_LEX_RBRACE : AZ_LEX_COMMA;
    } else if (tok == TOK_STRING || tok == TOK_IDENT || tok == TOK_NUMBER) {
        x.kind = tok == TOK_STRING ? AZ_LEX_STRING : AZ_LEX_WORD;
        x.text = text;
    } else if (!x.text) {
        return; /* an error token: the file is not formatted */
    }
    if (lx->n == lx->cap) {
        size_t cap = lx->cap ? lx->cap * 2 : 256;
        struct az_lexeme *v = az_arena_alloc_uninit(st->ctx->arena, cap * sizeof *v);
        if (lx->n)
            memcpy(v, lx->v, lx->n * sizeof *v);
        lx->v = v;
        lx->cap = cap;
    }
    lx->v[lx->n++] = x;
}

/* ---- building the AST ------------------------------------------------------------------- */

struct az_word *az_dsl_word(struct az_dsl_state *st, const char *text, struct az_loc loc)
{
    return az_ast_word_new(st->ctx->arena, text, loc);
}

static void push(struct az_dsl_state *st, const char *what, struct az_loc kw, bool damaged)
{
    if (st->depth < sizeof st->open / sizeof st->open[0]) {
        st->open[st->depth].what = what;
        st->open[st->depth].kw = kw;
        st->open[st->depth].damaged = damaged;
        st->open[st->depth].syntax = st->syntax;
    }
    st->depth++;
}

void az_dsl_open_account(struct az_dsl_state *st, struct az_loc kw, struct az_word *name)
{
    struct az_block *b = az_ast_block_new(st->ctx->arena, AZ_BLOCK_ACCOUNT, kw);
    b->name = *name;
    b->name.next = NULL;
    az_ast_add_account(st->out, b);
    st->block = b;
    push(st, "account", kw, false);
}

void az_dsl_open_enterprise(struct az_dsl_state *st, struct az_loc kw, struct az_word *id)
{
    struct az_enterprise *e = az_ast_enterprise_new(st->ctx->arena, kw);
    e->id = *id;
    e->id.next = NULL;
    az_ast_add_enterprise(st->out, e);
    st->ent = e;
    st->block = NULL;
    push(st, "enterprise", kw, false);
}

void az_dsl_open_inner(struct az_dsl_state *st, enum az_block_kind kind, struct az_loc kw,
                       struct az_word *name)
{
    if (!st->ent) { /* cannot happen: children and templates only parse inside enterprises */
        az_dsl_open_damaged(st, kw);
        return;
    }
    struct az_block *b = az_ast_block_new(st->ctx->arena, kind, kw);
    b->name = *name;
    b->name.next = NULL;
    if (kind == AZ_BLOCK_CHILD)
        az_ast_add_child(st->ent, b);
    else
        az_ast_add_template(st->ent, b);
    st->block = b;
    push(st, kind == AZ_BLOCK_CHILD ? "child" : "template", kw, false);
}

void az_dsl_open_damaged(struct az_dsl_state *st, struct az_loc kw)
{
    st->block = NULL;
    push(st, "", kw, true);
}

void az_dsl_close(struct az_dsl_state *st)
{
    if (st->depth > 0)
        st->depth--;
    st->block = NULL;
    st->list.stmt = 0;
    if (st->depth == 0)
        st->ent = NULL;
}

/* A block is still open where the lookahead cannot be inside it: report the missing '}' once
 * (one report covers the enclosing blocks closed at the same token), unless a syntax error
 * inside the block came first: error recovery may have taken its '}'. */
void az_dsl_missing_close(struct az_dsl_state *st)
{
    if (st->depth == 0 || st->missing_tok == st->ntok || st->eof_in_string)
        return;
    st->missing_tok = st->ntok;
    const struct az_dsl_open *o = &st->open[st->depth - 1];
    if (o->damaged || o->syntax != st->syntax) /* probably a consequence of that error */
        return;
    struct az_diag *d =
        az_dsl_error(st, AZ_D_SYNTAX, st->la_loc,
                     "expected '}' to close the '%s' block opened on line %u, found %s", o->what,
                     o->kw.line, az_dsl_found(st));
    az_diag_note(st->ctx, d, o->kw, "the '%s' block begins here", o->what);
}

void az_dsl_add(struct az_dsl_state *st, int stmt, struct az_word *w)
{
    if (!st->block)
        return;
    if (stmt == TOK_DESCRIPTION)
        az_ast_add_description(st->block, w);
    else if (stmt == TOK_BACKUP)
        az_ast_add_backup(st->block, w);
    else
        az_ast_add_notify(st->block, w);
}

void az_dsl_begin(struct az_dsl_state *st, int stmt, struct az_loc kw, struct az_word *target)
{
    st->list.stmt = stmt;
    st->list.kw = kw;
    st->list.target = target;
    st->list.head = NULL;
    st->list.tail = &st->list.head;
}

void az_dsl_push(struct az_dsl_state *st, struct az_word *w)
{
    *st->list.tail = w;
    st->list.tail = &w->next;
}

void az_dsl_commit(struct az_dsl_state *st)
{
    int stmt = st->list.stmt;
    st->list.stmt = 0;
    if (!stmt || !st->block || !st->list.head)
        return;
    if (stmt == TOK_AUTHORIZE) {
        struct az_grant *g = az_ast_grant_new(st->ctx->arena, st->list.kw);
        g->target = *st->list.target;
        g->target.next = NULL;
        g->roles = st->list.head;
        az_ast_add_grant(st->block, g);
        return;
    }
    for (struct az_word *w = st->list.head, *next; w; w = next) {
        next = w->next;
        az_dsl_add(st, stmt, w);
    }
}

/* The token after a list is an error (the lookahead; prev_tok is the token before it). */
void az_dsl_settle(struct az_dsl_state *st)
{
    if (!st->list.stmt)
        return;
    bool after_word =
        st->prev_tok == TOK_IDENT || st->prev_tok == TOK_STRING || st->prev_tok == TOK_NUMBER;
    bool line_ended = st->la_tok == TOK_YYEOF || st->la_loc.line > st->prev_loc.line;
    if (after_word && line_ended && st->list.head)
        az_dsl_commit(st);
    st->list.stmt = 0;
}

void az_dsl_assign(struct az_dsl_state *st, struct az_loc kw, enum az_assign_kind kind,
                   struct az_word *id)
{
    if (!st->block)
        return;
    struct az_assign *as = az_ast_assign_new(st->ctx->arena, kind, kw);
    as->id = *id;
    as->id.next = NULL;
    az_ast_add_assign(st->block, as);
}
