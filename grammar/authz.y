/* authz.y - the grammar of the .authz DSL (pure bison, located, LAC, custom syntax errors).
 *
 *   file      := (account | enterprise)*
 *   account   := 'account' (ID | 'current') '{' stmt* '}'
 *   enterprise:= 'enterprise' ID '{' (child | template)* '}'
 *   child     := 'child' ID '{' stmt* '}'          template := 'template' NAME '{' stmt* '}'
 *   stmt      := 'description' WORD | 'backup' WORD (',' WORD)* | 'notify' WORD (',' WORD)*
 *              | 'authorize' WORD 'as' WORD (',' WORD)*
 *              | 'assign' ('account' | 'account-group') WORD
 *
 * Every statement is parsed in every block kind: the checker (check.c) says what belongs where.
 * Newlines carry no meaning (each statement begins with a keyword). A block joins the intent as
 * soon as it opens and a statement when it is complete, so what parsed before an error stays in
 * the AST; the helpers the actions call are in compiler/parse_dsl.c, the scanner is
 * grammar/authz.l.
 *
 * Error recovery: `error` at statement, enterprise-item and top level skips to the next keyword
 * that can start one; a broken child or template takes its braces along ('chld "x" { ... }',
 * 'child "x" backup volumes }'). A block that meets a keyword that cannot be inside it (or the
 * end of the file) is closed by an empty `close` rule, which reports the missing '}' once, and
 * the rest of the file parses normally. Nothing nests deeper than enterprise > child, so the
 * parser stack stays small whatever the input: a run of '{' is one error, skipped token by
 * token. Syntax messages are written by yyreport_syntax_error at the end of this file. */
%require "3.6"
%define api.pure full
%define api.prefix {az_yy}
%define api.token.prefix {TOK_}
%define api.location.type {struct az_loc}
%define parse.error custom
%define parse.lac full
%locations
%expect 0

%code requires {
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "authzc/ast.h"
#include "authzc/diag.h"
#include "authzc/loc.h"

typedef void *yyscan_t;
struct az_ctx;
struct az_diag;
struct az_lexemes;
struct az_source;

/* One open block: which keyword opened it and where (for "expected '}'" messages). */
struct az_dsl_open {
    const char *what; /* "account", "enterprise", "child", "template" */
    struct az_loc kw; /* the block keyword */
    bool damaged;     /* a block whose head was an error: its statements are dropped */
    unsigned syntax;  /* syntax errors reported before it opened */
};

/* The scanner's and the parser's shared state (yyextra and %parse-param). */
struct az_dsl_state {
    struct az_ctx *ctx;
    const struct az_source *src;
    struct az_intent *out;

    /* scanner: position of the next byte, the string being read */
    size_t off;
    uint32_t line, col;
    struct az_loc str_loc; /* the opening quote */
    size_t str_off;        /* offset of the opening quote */
    char *buf;             /* string contents (malloc'd, freed by the driver) */
    size_t buf_len, buf_cap;
    bool str_bad;     /* a problem in the current string was reported: it becomes an error */
    bool comment_bad; /* a problem in the current comment was reported */
    bool at_eof;
    bool eof_in_string; /* the file ended inside a string (already reported) */

    /* the last two tokens handed to the parser */
    int la_tok, prev_tok;
    struct az_loc la_loc, prev_loc;
    const char *la_text; /* text of a word or string lookahead */
    int stmt_kw;         /* keyword of the statement or block head being read */
    int prev_stmt_kw;    /* the same before the lookahead was read */
    unsigned long ntok;

    /* parser: where statements go */
    struct az_block *block; /* NULL: inside a damaged block (dropped) */
    struct az_enterprise *ent;
    struct { /* the list statement being read */
        int stmt;            /* TOK_BACKUP, TOK_NOTIFY, TOK_AUTHORIZE; 0: none */
        struct az_loc kw;
        struct az_word *target; /* authorize */
        struct az_word *head, **tail;
    } list;
    struct az_dsl_open open[2];
    unsigned depth;
    unsigned long missing_tok; /* ntok of the lookahead a missing '}' was reported at */

    unsigned errors; /* diagnostics this file queued */
    unsigned syntax; /* of which syntax errors (a missing '}' after one is not reported) */
    bool stopped;    /* too many errors: the scanner returns end of file */
    struct az_lexemes *lexemes; /* authzc fmt: every token and comment is recorded here */
};
}

%code provides {
int az_yylex(AZ_YYSTYPE *lval, struct az_loc *lloc, yyscan_t scanner);

/* parse_dsl.c: diagnostics (counted and capped per file) and AST building. */
struct az_diag *az_dsl_error(struct az_dsl_state *st, enum az_diag_id id, struct az_loc loc,
                             const char *fmt, ...) __attribute__((format(printf, 4, 5)));
const char *az_dsl_found(const struct az_dsl_state *st);
const char *az_dsl_word_wanted(const struct az_dsl_state *st);
struct az_word *az_dsl_word(struct az_dsl_state *st, const char *text, struct az_loc loc);
void az_dsl_open_account(struct az_dsl_state *st, struct az_loc kw, struct az_word *name);
void az_dsl_open_enterprise(struct az_dsl_state *st, struct az_loc kw, struct az_word *id);
void az_dsl_open_inner(struct az_dsl_state *st, enum az_block_kind kind, struct az_loc kw,
                       struct az_word *name);
void az_dsl_open_damaged(struct az_dsl_state *st, struct az_loc kw);
void az_dsl_missing_close(struct az_dsl_state *st);
void az_dsl_close(struct az_dsl_state *st);
void az_dsl_add(struct az_dsl_state *st, int stmt, struct az_word *w);
void az_dsl_begin(struct az_dsl_state *st, int stmt, struct az_loc kw, struct az_word *target);
void az_dsl_push(struct az_dsl_state *st, struct az_word *w);
void az_dsl_commit(struct az_dsl_state *st);
void az_dsl_settle(struct az_dsl_state *st);
void az_dsl_assign(struct az_dsl_state *st, struct az_loc kw, enum az_assign_kind kind,
                   struct az_word *id);
/* Records a token (tok, its text for words and strings) or, with tok 0, the comment that
 * starts at loc, into st->lexemes. */
void az_dsl_record(struct az_dsl_state *st, int tok, const char *text, struct az_loc loc);
}

%code {
#include <stdio.h>
#include <string.h>

#include "authzc/suggest.h"

static void yyerror(const struct az_loc *loc, yyscan_t scanner, struct az_dsl_state *st,
                    const char *msg);

/* Spans: the first symbol's place, widened to the last symbol's end while on the same line;
 * an empty rule sits where the previous symbol ended. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                                                \
    do {                                                                                           \
        if (N) {                                                                                   \
            (Cur) = YYRHSLOC(Rhs, 1);                                                              \
            struct az_loc end_ = YYRHSLOC(Rhs, N);                                                 \
            if (end_.line == (Cur).line && end_.col + end_.len > (Cur).col + (Cur).len)            \
                (Cur).len = end_.col + end_.len - (Cur).col;                                       \
        } else {                                                                                   \
            (Cur) = YYRHSLOC(Rhs, 0);                                                              \
            (Cur).col += (Cur).len;                                                                \
            (Cur).len = 0;                                                                         \
        }                                                                                          \
    } while (0)
}

%param {yyscan_t scanner}
%parse-param {struct az_dsl_state *st}

%initial-action {
    @$.src = st->src;
    @$.line = 1;
    @$.col = 1;
    @$.len = 0;
}

%union {
    const char *text;
    struct az_word *word;
}

%token YYEOF 0 "end of file"
%token ACCOUNT "'account'" CURRENT "'current'" ENTERPRISE "'enterprise'" CHILD "'child'"
%token TEMPLATE "'template'" DESCRIPTION "'description'" BACKUP "'backup'" NOTIFY "'notify'"
%token AUTHORIZE "'authorize'" AS "'as'" ASSIGN "'assign'" ACCOUNT_GROUP "'account-group'"
%token LBRACE "'{'" RBRACE "'}'" COMMA "','"
%token <text> IDENT "a word" STRING "a string" NUMBER "a word starting with a digit"

/* A missing '}' is an empty `close`; it gives way to a real '}' and to error recovery. */
%precedence MISSING_CLOSE
%precedence RBRACE
%precedence error

%type <word> word name

%%

file: %empty
    | file top
    ;

top: account
   | enterprise
   | error
   ;

account: ACCOUNT name LBRACE { az_dsl_open_account(st, @1, $2); } stmts close
       ;

name: word
    | CURRENT { $$ = az_dsl_word(st, "current", @1); }
    ;

enterprise: ENTERPRISE word LBRACE { az_dsl_open_enterprise(st, @1, $2); } items close
          ;

items: %empty
     | items item
     ;

/* After an error, '}' ends the broken item (shift wins over the plain `error`). */
item: CHILD word LBRACE { az_dsl_open_inner(st, AZ_BLOCK_CHILD, @1, $2); } stmts close
    | TEMPLATE word LBRACE { az_dsl_open_inner(st, AZ_BLOCK_TEMPLATE, @1, $2); } stmts close
    | error %prec MISSING_CLOSE
    | error RBRACE
    | error LBRACE { az_dsl_open_damaged(st, @2); } stmts close
    ;

close: RBRACE { az_dsl_close(st); }
     | %empty %prec MISSING_CLOSE { az_dsl_missing_close(st); az_dsl_close(st); }
     ;

stmts: %empty
     | stmts stmt
     ;

/* A statement joins its block when it is complete. A list (backup, notify, the roles of
 * authorize) is complete only when the token after it is read, so when that token is an error
 * az_dsl_settle decides: a list that ended in a word at the end of its line is kept, one that
 * ended in ',' or runs on into the error on its line is left out whole. */
stmt: DESCRIPTION resync word { az_dsl_add(st, TOK_DESCRIPTION, $3); }
    | BACKUP resync { az_dsl_begin(st, TOK_BACKUP, @1, NULL); } words { az_dsl_commit(st); }
    | NOTIFY resync { az_dsl_begin(st, TOK_NOTIFY, @1, NULL); } words { az_dsl_commit(st); }
    | AUTHORIZE resync word AS { az_dsl_begin(st, TOK_AUTHORIZE, @1, $3); } words
      { az_dsl_commit(st); }
    | ASSIGN resync ACCOUNT word { az_dsl_assign(st, @1, AZ_ASSIGN_ACCOUNT, $4); }
    | ASSIGN resync ACCOUNT_GROUP word { az_dsl_assign(st, @1, AZ_ASSIGN_ACCOUNT_GROUP, $4); }
    | error { st->list.stmt = 0; /* what az_dsl_settle did not keep is dropped */ }
    ;

/* A statement keyword read where a statement may begin ends error recovery at once, so the
 * next mistake is reported even when it comes within three tokens of the last one (bison
 * otherwise stays silent until three tokens have been shifted). */
resync: %empty { yyerrok; }
      ;

words: word { az_dsl_push(st, $1); }
     | words COMMA word { az_dsl_push(st, $3); }
     ;

word: IDENT { $$ = az_dsl_word(st, $1, @1); }
    | STRING { $$ = az_dsl_word(st, $1, @1); }
    | NUMBER { $$ = az_dsl_word(st, $1, @1); }
    ;

%%

/* ---- syntax errors --------------------------------------------------------------------- */

/* Only bison's own failures come here ("memory exhausted"): syntax errors are reported by
 * yyreport_syntax_error. The grammar does not nest, so this needs a hostile grammar change. */
static void yyerror(const struct az_loc *loc, yyscan_t scanner, struct az_dsl_state *st,
                    const char *msg)
{
    (void)scanner;
    az_dsl_error(st, AZ_D_LIMIT, *loc, "%s", msg);
}

static bool is_stmt_kw(yysymbol_kind_t k)
{
    return k == YYSYMBOL_DESCRIPTION || k == YYSYMBOL_BACKUP || k == YYSYMBOL_NOTIFY ||
           k == YYSYMBOL_AUTHORIZE || k == YYSYMBOL_ASSIGN;
}

static bool is_block_kw(yysymbol_kind_t k)
{
    return k == YYSYMBOL_ACCOUNT || k == YYSYMBOL_ENTERPRISE || k == YYSYMBOL_CHILD ||
           k == YYSYMBOL_TEMPLATE;
}

static bool is_word(yysymbol_kind_t k)
{
    return k == YYSYMBOL_IDENT || k == YYSYMBOL_STRING || k == YYSYMBOL_NUMBER;
}

/* A keyword that is acceptable only because it would close the open block (its '}' is
 * missing): not worth listing or suggesting where '}' itself is expected. */
static bool implicit(yysymbol_kind_t k, bool want_close, const struct az_dsl_state *st)
{
    return want_close && (k == YYSYMBOL_YYEOF || k == YYSYMBOL_ACCOUNT ||
                          k == YYSYMBOL_ENTERPRISE || (is_block_kw(k) && st->depth == 2));
}

/* "'backup'" -> "backup" (keyword names are quoted in the symbol table). */
static const char *kw_text(yysymbol_kind_t k, char *buf, size_t size)
{
    const char *n = yysymbol_name(k);
    size_t len = strlen(n);
    if (len >= 2 && n[0] == '\'' && len - 2 < size) {
        memcpy(buf, n + 1, len - 2);
        buf[len - 2] = '\0';
        return buf;
    }
    return n;
}

/* Appends "A", "A or B", "A, B or C" to buf. */
static void join(char *buf, size_t size, const char *const *items, int n)
{
    size_t len = strlen(buf);
    for (int i = 0; i < n && len < size; i++) {
        const char *sep = i == 0 ? "" : i == n - 1 ? " or " : ", ";
        int w = snprintf(buf + len, size - len, "%s%s", sep, items[i]);
        if (w < 0)
            return;
        len += (size_t)w;
    }
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, yyscan_t scanner,
                                 struct az_dsl_state *st)
{
    (void)scanner;
    az_dsl_settle(st);
    if (st->stopped)
        return 0;
    st->syntax++;
    yysymbol_kind_t exp[YYNTOKENS];
    int n = yypcontext_expected_tokens(yyctx, exp, YYNTOKENS);
    if (n < 0)
        return n;
    yysymbol_kind_t la = yypcontext_token(yyctx);
    struct az_loc loc = *yypcontext_location(yyctx);

    bool want_word = false, want_close = false, want_comma = false, at_keyword = false;
    for (int i = 0; i < n; i++) {
        want_word |= is_word(exp[i]);
        want_close |= exp[i] == YYSYMBOL_RBRACE;
        want_comma |= exp[i] == YYSYMBOL_COMMA;
        at_keyword |= is_stmt_kw(exp[i]) || is_block_kw(exp[i]) || exp[i] == YYSYMBOL_ACCOUNT_GROUP;
    }

    /* A word where a statement or block begins: a misspelt keyword, or a missing comma. */
    if (la == YYSYMBOL_IDENT && at_keyword) {
        if (want_comma && loc.line == st->prev_loc.line) {
            az_dsl_error(st, AZ_D_SYNTAX, loc,
                         "expected ',' before %s (list items are separated by commas)",
                         az_dsl_found(st));
            return 0;
        }
        char names[YYNTOKENS][32];
        const char *cands[YYNTOKENS];
        size_t nc = 0;
        for (int i = 0; i < n; i++)
            if ((is_stmt_kw(exp[i]) || is_block_kw(exp[i]) || exp[i] == YYSYMBOL_ACCOUNT_GROUP) &&
                !implicit(exp[i], want_close, st)) {
                cands[nc] = kw_text(exp[i], names[nc], sizeof names[nc]);
                nc++;
            }
        const char *best = az_suggest_best(st->la_text, cands, nc);
        if (best) {
            az_dsl_error(st, AZ_D_UNKNOWN_KEYWORD, loc, "unknown keyword %s; did you mean '%s'?",
                         az_dsl_found(st), best);
            return 0;
        }
    }

    /* What could come here, as the user would say it. Inside a block, the keywords that only
     * fit after an implicit '}' (and the end of the file) are left out. */
    const char *items[YYNTOKENS];
    int ni = 0;
    bool words_listed = false;
    if (want_comma && la != YYSYMBOL_IDENT) /* ',' first: "expected ',' or 'backup' ..." */
        items[ni++] = yysymbol_name(YYSYMBOL_COMMA);
    for (int i = 0; i < n; i++) {
        yysymbol_kind_t k = exp[i];
        if (k == YYSYMBOL_YYEOF || k == YYSYMBOL_YYerror || k == YYSYMBOL_YYUNDEF)
            continue;
        if (implicit(k, want_close, st) || k == YYSYMBOL_COMMA)
            continue;
        if (k == YYSYMBOL_CURRENT && want_word)
            continue; /* part of "an account ID or 'current'" */
        if (is_word(k)) {
            if (!words_listed)
                items[ni++] = az_dsl_word_wanted(st);
            words_listed = true;
            continue;
        }
        items[ni++] = yysymbol_name(k);
    }
    char want[512] = "";
    join(want, sizeof want, items, ni);

    if (la == YYSYMBOL_IDENT && at_keyword) {
        az_dsl_error(st, AZ_D_UNKNOWN_KEYWORD, loc, "unknown keyword %s; expected %s",
                     az_dsl_found(st), want);
        return 0;
    }
    bool at_top = false; /* where 'account' and 'enterprise' blocks begin */
    for (int i = 0; i < n; i++)
        at_top |= exp[i] == YYSYMBOL_ENTERPRISE && !want_close;
    const char *hint = "";
    if (n == 1 && exp[0] == YYSYMBOL_AS)
        hint = " (authorize TARGET as ROLE, ROLE...)";
    else if (la == YYSYMBOL_RBRACE && at_top)
        hint = " (no block is open here)";
    else if (is_stmt_kw(la) && at_top)
        hint = "; statements go inside a block, for example 'account current { ... }'";
    else if (is_stmt_kw(la) && want_close && st->depth == 1 && st->ent)
        hint = "; statements go inside a 'child' or 'template' block";
    else if ((la == YYSYMBOL_CHILD || la == YYSYMBOL_TEMPLATE) && at_top)
        hint = "; 'child' and 'template' blocks go inside an 'enterprise' block";
    az_dsl_error(st, AZ_D_SYNTAX, loc, "expected %s, found %s%s", ni ? want : "nothing more",
                 az_dsl_found(st), hint);
    return 0;
}
