/* hcl.y - the grammar of HCL native syntax (Terraform .tf files) for `authzc lint`.
 *
 * Pure bison, located, LAC, custom "expected ..." messages, %expect 0. It follows HashiCorp's
 * hclsyntax spec (github.com/hashicorp/hcl, hclsyntax/spec.md):
 *
 *   file   := body
 *   body   := (attr NL | block NL)*
 *   attr   := NAME '=' expr
 *   block  := NAME (NAME | "label")* '{' NL body '}'      a multi-line block
 *           | NAME (NAME | "label")* '{' attr? '}'         a one-line block (one argument)
 *   expr   := expr '?' expr ':' expr | expr BINOP expr | '-' expr | '!' expr | term
 *   term   := primary ('.' NAME | '.' NUMBER | '.*' | '[' expr ']' | '[*]')*
 *   primary:= NUMBER | NAME | "template" | <<HEREDOC | '[' tuple ']' | '{' object '}'
 *           | '[' 'for' ... ']' | '{' 'for' ... '}' | NAME '(' args ')' | '(' expr ')'
 *
 * with HCL's precedence (|| < && < == != < > >= < <= < + - < * / % < unary) and templates made
 * of literal text, ${ interpolations } and %{ if }/%{ for } directives. Newlines end attributes
 * and blocks; the scanner (compiler/hcl_scan.c) drops the ones that carry no meaning (inside (), []
 * and interpolations, repeated ones, the first one in an object) and tells a block's '{'
 * (OBRACE_BODY) from an object's (OBRACE), so the grammar stays LALR(1) without conflicts.
 * The keywords 'for', 'in' and 'if' and the directive openers are tokens only where the
 * scanner sees them in that role; everywhere else they are names. Beyond the spec, provider
 * functions (provider::NS::NAME(...), Terraform 1.8) are accepted; heredoc markers are ASCII.
 *
 * The actions build a located tree (struct az_hcl_node) in the run's arena; compiler/
 * lint_hcl.c walks it. For speed the scanner hands two common whole lines as one token each,
 * ATTRLINE (NAME = "text") and BLOCKOPEN (NAME "label"... {), with their nodes made
 * (az_hcl_attr_line, az_hcl_block_line) as the rules for their tokens one by one would; it
 * does so only while the file has had no error, so messages and recovery are unchanged.
 * Error recovery is at attribute and block level (`error NL`, and `error '}'` at the end of
 * a block): on a syntax error the scanner skips to the end of the
 * statement (the next newline of the enclosing multi-line body, or that body's '}'),
 * skipping whatever brackets the statement opened, so one mistake gives one message and the
 * next statements are still read. A one-line block's '}' is its own token (CBRACE_ONE), so
 * recovery never takes it for the end of the enclosing block. Two common slips are rules of
 * their own that report and read on: a block header whose '{' is on the next line, and a
 * header with no '{' at all. Messages list what could come in words ("an expression", "a
 * block label or '{'") and add why for common mistakes (see yyreport_syntax_error).
 * Nesting is bounded by the scanner (ctx->max_depth: AZ106); bison's own stack (long chains
 * of unary operators or conditionals) by YYMAXDEPTH, reported as AZ106 too. */
%require "3.6"
%define api.pure full
%define api.prefix {az_hcl}
%define api.token.prefix {HCL_}
%define api.location.type {struct az_hcl_loc}
%define parse.error custom
%define parse.lac full
%locations
%expect 0

%code requires {
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "authzc/arena.h"
#include "authzc/diag.h"
#include "authzc/loc.h"

typedef void *yyscan_t;
struct az_ctx;
struct az_diag;
struct az_source;
struct az_lfile;

/* A span of the source: bytes [off, end), where its first byte is and where it ends (the
 * line and column just after its last byte). */
struct az_hcl_loc {
    uint32_t off, end;
    uint32_t line, col;
    uint32_t end_line, end_col;
};

enum az_hcl_kind {
    /* structure */
    AZ_HCL_BODY,  /* kids: attributes and blocks */
    AZ_HCL_ATTR,  /* text: the name, at: its place; a: the value */
    AZ_HCL_BLOCK, /* text: the type, at: its place; kids: labels; a: the body; open: '{' */
    AZ_HCL_LABEL, /* text: a label (decoded) */
    /* expressions */
    AZ_HCL_NUMBER,   /* text: as written */
    AZ_HCL_VAR,      /* text: the name (true, false and null too) */
    AZ_HCL_TEMPLATE, /* kids: parts (TLIT, INTERP, TIF, TFOR); flags: HEREDOC, FLUSH */
    AZ_HCL_TLIT,     /* text: literal text, escapes decoded (len bytes) */
    AZ_HCL_INTERP,   /* a: the expression */
    AZ_HCL_TIF,      /* a: condition; b, c: then and else parts (TEMPLATE) */
    AZ_HCL_TFOR,     /* a: collection; b: parts (TEMPLATE) */
    AZ_HCL_TUPLE,    /* kids: elements */
    AZ_HCL_OBJECT,   /* kids: ITEMs */
    AZ_HCL_ITEM,     /* a: key, b: value; flags: COLON */
    AZ_HCL_FOR,      /* a: collection, b: key or value, c: value (object), flags: OBJECT */
    AZ_HCL_CALL,     /* text: the function name; kids: arguments; flags: ELLIPSIS */
    AZ_HCL_GETATTR,  /* a: the object; text: the attribute, at: its place */
    AZ_HCL_INDEX,    /* a: the collection, b: the key */
    AZ_HCL_SPLAT,    /* a: the collection */
    AZ_HCL_UNARY,    /* text: the operator; a */
    AZ_HCL_BINARY,   /* text: the operator; a, b */
    AZ_HCL_COND,     /* a ? b : c */
    AZ_HCL_PAREN,    /* ( a ) */
    AZ_HCL_LINTED,   /* top-level blocks read as they were parsed, their trees released: text:
                        the first one's type; linted: what the reader kept of each, a chain
                        (lint_hcl.c) */
};

enum {
    AZ_HCL_F_HEREDOC = 1u << 0,  /* TEMPLATE: a heredoc */
    AZ_HCL_F_FLUSH = 1u << 1,    /* TEMPLATE: <<- (indentation removed) */
    AZ_HCL_F_OBJECT = 1u << 2,   /* FOR: {for ...} */
    AZ_HCL_F_ELLIPSIS = 1u << 3, /* CALL: f(x...); FOR: grouping */
    AZ_HCL_F_COLON = 1u << 4,    /* ITEM: written k: v */
};

struct az_hcl_linted;

struct az_hcl_node {
    enum az_hcl_kind kind;
    unsigned flags;
    struct az_hcl_loc loc;  /* the whole node */
    struct az_hcl_loc at;   /* ATTR, BLOCK, GETATTR: the name */
    struct az_hcl_loc open; /* BLOCK: its '{' */
    const char *text;
    size_t len;
    struct az_hcl_node *a, *b, *c;
    struct az_hcl_node *kids, **tail, *next;
    size_t nkids;
    const struct az_hcl_linted *linted; /* LINTED */
};

/* The scanner's frames: what is open at this point of the file. */
enum az_hcl_frame_kind {
    AZ_HCL_FR_BODY,      /* the file or a block: newlines end statements */
    AZ_HCL_FR_OBJECT,    /* { k = v }: newlines separate items */
    AZ_HCL_FR_FOROBJ,    /* { for ... }: newlines ignored */
    AZ_HCL_FR_PAREN,     /* ( ): newlines ignored */
    AZ_HCL_FR_BRACKET,   /* [ ]: newlines ignored */
    AZ_HCL_FR_INTERP,    /* ${ }: newlines ignored */
    AZ_HCL_FR_DIRECTIVE, /* %{ }: newlines ignored */
    AZ_HCL_FR_STRING,    /* "...": template text */
    AZ_HCL_FR_HEREDOC,   /* <<EOF ... EOF: template text */
};

struct az_hcl_frame {
    enum az_hcl_frame_kind kind;
    bool seen_eq;     /* BODY: this statement has its '=': a '{' opens an object */
    bool fresh;       /* no token yet since the opener ('for' starts a for expression) */
    int for_state;    /* 1: after 'for' (before 'in'), 2: after 'in' ('if' is a keyword) */
    bool multi;       /* BODY: a multi-line block (a newline right after its '{') */
    struct az_hcl_loc open;
    const char *marker; /* HEREDOC: the closing marker */
    size_t marker_len;
};

/* The scanner's and the parser's shared state (yyextra and %parse-param). */
struct az_hcl_state {
    struct az_ctx *ctx;
    const struct az_source *src;
    struct az_lfile *f; /* suppression comments go here */

    /* scanner: position of the next byte */
    uint32_t off, line, col;
    int sc;        /* what the scanner reads next: code, string, heredoc, comment */
    struct az_hcl_frame *frames; /* frames[0]: the file's body */
    unsigned nframes, max_frames;
    char *buf; /* template literal being read (malloc'd, freed by the driver) */
    size_t buf_len, buf_cap;
    bool lit_open;               /* a literal has begun (possibly empty so far) */
    struct az_hcl_loc lit_loc;   /* its first byte */
    struct az_hcl_loc cmt_loc;   /* the block comment being read */
    bool cmt_bad;                /* a problem in it was reported */
    int prev_scan;               /* the scanner's previous token (0: none yet) */
    uint32_t code_line, code_col, code_off; /* just after the previous token */
    bool at_eof, eof_nl;
    bool closed_body; /* the token just scanned closed a block's body */
    unsigned tok_frame; /* the frame the token just scanned belongs to */

    /* what the parser sees */
    int la_tok, prev_tok; /* the last two tokens delivered */
    const char *la_text;
    unsigned la_frame;
    bool la_closed_body;
    int skip_frame; /* >= 0: skipping to the end of the statement in this body frame */

    struct az_hcl_node *root;
    /* The tree's nodes live in their own arena (their texts in the run's). Each top-level
     * item, once parsed, is handed to on_top, which returns what the file's body keeps of it
     * (the item, or a LINTED stand-in in the run's arena) and may ask for the item's nodes
     * to be released (mark: where the current top-level item's nodes begin). */
    struct az_arena *tree;
    struct az_arena_mark mark;
    struct az_hcl_node *top; /* the file's body */
    struct az_hcl_node *(*on_top)(struct az_hcl_state *st, struct az_hcl_node *item,
                                  bool *release);
    void *on_top_arg;
    /* The leaves' texts, each distinct one copied once into the run's arena (a generated
     * file repeats a few names and values thousands of times): open addressing, malloc'd. */
    struct az_hcl_text {
        const char *s;
        uint32_t len, hash; /* at most 256 bytes are interned */
    } *texts;
    size_t ntexts, texts_cap;
    struct az_hcl_short { /* texts of at most 8 bytes, looked up before texts: direct-mapped */
        uint64_t bytes;   /* load_short */
        const char *s;
        size_t len;
    } shorts[64];
    const struct az_hcl_node **refs; /* reference roots, in source order (malloc'd) */
    size_t nrefs, refs_cap;

    unsigned errors; /* diagnostics this file queued */
    bool stopped;    /* too many errors, or too deep: the scanner returns end of file */
};
}

%code provides {
int az_hcllex(AZ_HCLSTYPE *lval, struct az_hcl_loc *lloc, yyscan_t scanner);

/* A syntax diagnostic of this file (counted and capped); NULL when dropped. */
struct az_diag *az_hcl_error(struct az_hcl_state *st, enum az_diag_id id,
                             const struct az_hcl_loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The place of a span as a diagnostic location (its first line only). */
struct az_loc az_hcl_loc_of(const struct az_hcl_state *st, const struct az_hcl_loc *loc);
/* A leaf of the tree (the scanner makes names, numbers and literal text). */
struct az_hcl_node *az_hcl_leaf(struct az_hcl_state *st, enum az_hcl_kind kind,
                                const struct az_hcl_loc *loc, const char *text, size_t len);
/* The node of an ATTRLINE token: the argument NAME = "text" (name, quote: the places of the
 * name and of the opening quote; text: the len plain bytes between the quotes). */
struct az_hcl_node *az_hcl_attr_line(struct az_hcl_state *st, const struct az_hcl_loc *name,
                                     const char *name_text, const struct az_hcl_loc *quote,
                                     const char *text, size_t len);
/* The node of a BLOCKOPEN token: a block TYPE "label"... { (type: the place of its name;
 * quotes, texts, lens: those of its nlabels labels (plain text, not empty); open: the '{'). */
struct az_hcl_node *az_hcl_block_line(struct az_hcl_state *st, const struct az_hcl_loc *type,
                                      const char *type_text, unsigned nlabels,
                                      const struct az_hcl_loc *quotes, const char *const *texts,
                                      const size_t *lens, const struct az_hcl_loc *open);
/* After a syntax error: skip to the end of the statement. */
void az_hcl_skip_statement(struct az_hcl_state *st);
/* Notes "this '{' is not closed" for what is still open at the end of the file. */
void az_hcl_note_unclosed(struct az_hcl_state *st, struct az_diag *d);
}

%code {
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/source.h"

static void yyerror(const struct az_hcl_loc *loc, yyscan_t scanner, struct az_hcl_state *st,
                    const char *msg);

static struct az_hcl_node *mk(struct az_hcl_state *st, enum az_hcl_kind kind,
                              const struct az_hcl_loc *loc);
static struct az_hcl_node *mk2(struct az_hcl_state *st, enum az_hcl_kind kind,
                               const struct az_hcl_loc *loc, struct az_hcl_node *a,
                               struct az_hcl_node *b, struct az_hcl_node *c, const char *text);
static void add(struct az_hcl_node *list, struct az_hcl_node *kid);
static struct az_hcl_node *finish_block(struct az_hcl_node *blk, const struct az_hcl_loc *loc,
                                        struct az_hcl_node *body);
static struct az_hcl_node *block(struct az_hcl_state *st, const struct az_hcl_loc *loc,
                                 struct az_hcl_node *type, struct az_hcl_node *labels,
                                 const struct az_hcl_loc *open, struct az_hcl_node *body);
static struct az_hcl_node *label_of(struct az_hcl_state *st, struct az_hcl_node *tmpl);
static void add_ref(struct az_hcl_state *st, const struct az_hcl_node *n);
static struct az_hcl_node *release_item(struct az_hcl_state *st, struct az_hcl_node *la);

/* Spans: from the first symbol's start to the last symbol's end; an empty rule sits where
 * the previous symbol ended. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                                                \
    do {                                                                                           \
        if (N) {                                                                                   \
            (Cur) = YYRHSLOC(Rhs, 1);                                                              \
            if ((N) > 1) {                                                                         \
                (Cur).end = YYRHSLOC(Rhs, N).end;                                                  \
                (Cur).end_line = YYRHSLOC(Rhs, N).end_line;                                        \
                (Cur).end_col = YYRHSLOC(Rhs, N).end_col;                                          \
            }                                                                                      \
        } else {                                                                                   \
            (Cur).off = (Cur).end = YYRHSLOC(Rhs, 0).end;                                          \
            (Cur).line = (Cur).end_line = YYRHSLOC(Rhs, 0).end_line;                               \
            (Cur).col = (Cur).end_col = YYRHSLOC(Rhs, 0).end_col;                                  \
        }                                                                                          \
    } while (0)
}

%param {yyscan_t scanner}
%parse-param {struct az_hcl_state *st}

%initial-action {
    @$.off = @$.end = 0;
    @$.line = @$.end_line = 1;
    @$.col = @$.end_col = 1;
}

%union {
    struct az_hcl_node *node;
}

%token YYEOF 0 "end of file"
%token <node> IDENT "name" NUMBER "number" TLIT "text" HEREDOC "heredoc"
%token NL "new line"
%token EQUALS "'='" COLON "':'" COMMA "','" DOT "'.'" QUESTION "'?'"
%token LPAREN "'('" RPAREN "')'" LBRACK "'['" RBRACK "']'"
%token OBRACE_BODY "'{' of a block" OBRACE "'{'" CBRACE "'}'" CBRACE_ONE "'}' of a one-line block"
%token PLUS "'+'" MINUS "'-'" STAR "'*'" SLASH "'/'" PERCENT "'%'" BANG "'!'"
%token EQ "'=='" NE "'!='" LT "'<'" GT "'>'" LE "'<='" GE "'>='" AND "'&&'" OR "'||'"
%token ARROW "'=>'" ELLIPSIS "'...'" DCOLON "'::'"
%token FOR "'for'" IN "'in'" IF "'if'"
%token OQUOTE "'\"'" CQUOTE "closing '\"'" HEREDOC_END "heredoc marker"
/* A string of plain text read whole (what OQUOTE TLIT CQUOTE would be): its value is the TLIT
 * (NULL for ""), its place the opening quote's; messages name it as OQUOTE. */
%token <node> STRING "plain string"
/* A whole argument line, NAME = "plain text" and its line end, read by the scanner as one
 * token (what IDENT EQUALS STRING NL would be; hcl_scan.c says when): its value is the ATTR
 * node, its place the argument's (from the name to the closing quote). */
%token <node> ATTRLINE "argument line"
/* A whole block header line, NAME "label"... { and its line end, read as one token (what
 * IDENT STRING... OBRACE_BODY NL would be): its value is the BLOCK node (without its body),
 * its place from the name to the '{'. */
%token <node> BLOCKOPEN "block line"
%token TINTERP "'${'" TEND "'}' of a template sequence"
%token TIF "'%{ if'" TELSE "'%{ else'" TENDIF "'%{ endif'" TFOR "'%{ for'" TENDFOR "'%{ endfor'"

%right QUESTION COLON
%left OR
%left AND
%left EQ NE
%left LT GT LE GE
%left PLUS MINUS
%left STAR SLASH PERCENT
%precedence UNARY

%type <node> body item attr block labels expr term primary template heredoc tparts tpart
%type <node> tuple exprs object objitems objitem for_expr call args fname

%%

file: body { st->root = $1; }
    ;

body: %empty {
          $$ = mk(st, AZ_HCL_BODY, &@$);
          if (!st->top) { /* the file's body: the first one made */
              st->top = $$;
              st->mark = az_arena_mark(st->tree);
          }
      }
    | body item {
          $$ = $1;
          struct az_hcl_node *it = $2;
          if ($$ == st->top && it && st->on_top) {
              bool release = false;
              it = st->on_top(st, it, &release);
              if (release) { /* the lookahead's node was made after the mark: move it */
                  struct az_hcl_node *la = release_item(
                      st, yychar != HCL_AZ_HCLEMPTY ? yylval.node : NULL);
                  if (yychar != HCL_AZ_HCLEMPTY)
                      yylval.node = la;
              } else {
                  st->mark = az_arena_mark(st->tree);
              }
          }
          if (it)
              add($$, it);
          if ($$->nkids == 1) {
              $$->loc.off = @2.off;
              $$->loc.line = @2.line;
              $$->loc.col = @2.col;
          }
          $$->loc.end = @2.end;
          $$->loc.end_line = @2.end_line;
          $$->loc.end_col = @2.end_col;
      }
    ;

item: attr NL { $$ = $1; }
    | ATTRLINE { $$ = $1; }
    | block NL { $$ = $1; }
    | error NL { $$ = NULL; }
    | IDENT labels NL {
          /* a block header whose '{' does not follow (on this line or the next) */
          $$ = NULL;
          if ($2->nkids == 0)
              az_hcl_error(st, AZ_D_LINT_SYNTAX, &@3,
                           "expected '=' or a block label or '{', found the end of the line "
                           "('%s' alone: an argument is written %s = value, a block %s { ... })",
                           $1->text, $1->text, $1->text);
          else
              az_hcl_error(st, AZ_D_LINT_SYNTAX, &@3,
                           "expected a block label or '{', found the end of the line (a block's "
                           "'{' goes on the same line as its name and labels)");
      }
    ;

attr: IDENT EQUALS expr { $$ = mk2(st, AZ_HCL_ATTR, &@$, $3, NULL, NULL, $1->text); $$->at = @1; }
    ;

block: IDENT labels OBRACE_BODY NL body CBRACE { $$ = block(st, &@$, $1, $2, &@3, $5); }
     | IDENT labels OBRACE_BODY CBRACE_ONE { $$ = block(st, &@$, $1, $2, &@3, mk(st, AZ_HCL_BODY, &@3)); }
     | IDENT labels OBRACE_BODY attr CBRACE_ONE {
           struct az_hcl_node *b = mk(st, AZ_HCL_BODY, &@4);
           add(b, $4);
           $$ = block(st, &@$, $1, $2, &@3, b);
       }
     | IDENT labels OBRACE_BODY NL body error CBRACE { $$ = block(st, &@$, $1, $2, &@3, $5); }
     | BLOCKOPEN body CBRACE { $$ = finish_block($1, &@$, $2); }
     | BLOCKOPEN body error CBRACE { $$ = finish_block($1, &@$, $2); }
     | IDENT labels NL OBRACE_BODY NL body CBRACE {
           /* A common slip, read as meant (the file still does not parse for Terraform). */
           az_hcl_error(st, AZ_D_LINT_SYNTAX, &@3,
                        "a block's '{' goes on the same line as its name and labels: move the "
                        "'{' from line %u up here",
                        (unsigned)@4.line);
           $$ = block(st, &@$, $1, $2, &@4, $6);
       }
     ;

labels: %empty { $$ = mk(st, AZ_HCL_BODY, &@$); }
      | labels IDENT { $$ = $1; add($$, mk2(st, AZ_HCL_LABEL, &@2, NULL, NULL, NULL, $2->text)); }
      | labels template { $$ = $1; add($$, label_of(st, $2)); }
      ;

expr: expr QUESTION expr COLON expr { $$ = mk2(st, AZ_HCL_COND, &@$, $1, $3, $5, "?"); }
    | expr OR expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, "||"); }
    | expr AND expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, "&&"); }
    | expr EQ expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, "=="); }
    | expr NE expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, "!="); }
    | expr LT expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, "<"); }
    | expr GT expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, ">"); }
    | expr LE expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, "<="); }
    | expr GE expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, ">="); }
    | expr PLUS expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, "+"); }
    | expr MINUS expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, "-"); }
    | expr STAR expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, "*"); }
    | expr SLASH expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, "/"); }
    | expr PERCENT expr { $$ = mk2(st, AZ_HCL_BINARY, &@$, $1, $3, NULL, "%"); }
    | MINUS expr %prec UNARY { $$ = mk2(st, AZ_HCL_UNARY, &@$, $2, NULL, NULL, "-"); }
    | BANG expr %prec UNARY { $$ = mk2(st, AZ_HCL_UNARY, &@$, $2, NULL, NULL, "!"); }
    | term
    ;

term: primary
    | term DOT IDENT {
          $$ = mk2(st, AZ_HCL_GETATTR, &@$, $1, NULL, NULL, $3->text);
          $$->at = @3;
          if ($1->kind == AZ_HCL_VAR && strcmp($1->text, "data") == 0)
              add_ref(st, $$);
      }
    | term DOT NUMBER { $$ = mk2(st, AZ_HCL_INDEX, &@$, $1, $3, NULL, NULL); }
    | term DOT STAR { $$ = mk2(st, AZ_HCL_SPLAT, &@$, $1, NULL, NULL, NULL); }
    | term LBRACK expr RBRACK { $$ = mk2(st, AZ_HCL_INDEX, &@$, $1, $3, NULL, NULL); }
    | term LBRACK STAR RBRACK { $$ = mk2(st, AZ_HCL_SPLAT, &@$, $1, NULL, NULL, NULL); }
    ;

primary: NUMBER
       | IDENT { $$ = $1; add_ref(st, $$); }
       | template
       | heredoc
       | tuple
       | object
       | for_expr
       | call
       | LPAREN expr RPAREN { $$ = mk2(st, AZ_HCL_PAREN, &@$, $2, NULL, NULL, NULL); }
       ;

template: OQUOTE tparts CQUOTE { $$ = $2; $$->loc = @$; }
        | STRING {
              struct az_hcl_loc whole = @1; /* from the opening quote to after the closing one */
              uint32_t inner = $1 ? $1->loc.end - $1->loc.off : 0;
              whole.end += inner + 1;
              whole.end_col += inner + 1;
              $$ = mk(st, AZ_HCL_TEMPLATE, &whole);
              if ($1)
                  add($$, $1);
              @$ = whole;
          }
        ;

heredoc: HEREDOC tparts HEREDOC_END {
             $$ = $2;
             $$->loc = @$;
             $$->flags = $1->flags;
         }
       ;

tparts: %empty { $$ = mk(st, AZ_HCL_TEMPLATE, &@$); }
      | tparts tpart { $$ = $1; add($$, $2); }
      ;

tpart: TLIT
     | TINTERP expr TEND { $$ = mk2(st, AZ_HCL_INTERP, &@$, $2, NULL, NULL, NULL); }
     | TIF expr TEND tparts TENDIF TEND { $$ = mk2(st, AZ_HCL_TIF, &@$, $2, $4, NULL, NULL); }
     | TIF expr TEND tparts TELSE TEND tparts TENDIF TEND {
           $$ = mk2(st, AZ_HCL_TIF, &@$, $2, $4, $7, NULL);
       }
     | TFOR IDENT IN expr TEND tparts TENDFOR TEND {
           $$ = mk2(st, AZ_HCL_TFOR, &@$, $4, $6, NULL, $2->text);
       }
     | TFOR IDENT COMMA IDENT IN expr TEND tparts TENDFOR TEND {
           $$ = mk2(st, AZ_HCL_TFOR, &@$, $6, $8, NULL, $4->text);
       }
     ;

tuple: LBRACK RBRACK { $$ = mk(st, AZ_HCL_TUPLE, &@$); }
     | LBRACK exprs RBRACK { $$ = $2; $$->kind = AZ_HCL_TUPLE; $$->loc = @$; }
     | LBRACK exprs COMMA RBRACK { $$ = $2; $$->kind = AZ_HCL_TUPLE; $$->loc = @$; }
     ;

exprs: expr { $$ = mk(st, AZ_HCL_TUPLE, &@$); add($$, $1); }
     | exprs COMMA expr { $$ = $1; add($$, $3); }
     ;

object: OBRACE CBRACE { $$ = mk(st, AZ_HCL_OBJECT, &@$); }
      | OBRACE objitems CBRACE { $$ = $2; $$->loc = @$; }
      | OBRACE objitems objsep CBRACE { $$ = $2; $$->loc = @$; }
      ;

objitems: objitem { $$ = mk(st, AZ_HCL_OBJECT, &@$); add($$, $1); }
        | objitems objsep objitem { $$ = $1; add($$, $3); }
        ;

objsep: COMMA
      | NL
      ;

objitem: expr EQUALS expr { $$ = mk2(st, AZ_HCL_ITEM, &@$, $1, $3, NULL, NULL); }
       | expr COLON expr {
             $$ = mk2(st, AZ_HCL_ITEM, &@$, $1, $3, NULL, NULL);
             $$->flags |= AZ_HCL_F_COLON;
         }
       ;

for_expr: LBRACK FOR IDENT IN expr COLON expr for_cond RBRACK {
              $$ = mk2(st, AZ_HCL_FOR, &@$, $5, $7, NULL, $3->text);
          }
        | LBRACK FOR IDENT COMMA IDENT IN expr COLON expr for_cond RBRACK {
              $$ = mk2(st, AZ_HCL_FOR, &@$, $7, $9, NULL, $3->text);
          }
        | OBRACE FOR IDENT IN expr COLON expr ARROW expr for_group for_cond CBRACE {
              $$ = mk2(st, AZ_HCL_FOR, &@$, $5, $7, $9, $3->text);
              $$->flags |= AZ_HCL_F_OBJECT;
          }
        | OBRACE FOR IDENT COMMA IDENT IN expr COLON expr ARROW expr for_group for_cond CBRACE {
              $$ = mk2(st, AZ_HCL_FOR, &@$, $7, $9, $11, $3->text);
              $$->flags |= AZ_HCL_F_OBJECT;
          }
        ;

for_group: %empty
         | ELLIPSIS
         ;

for_cond: %empty
        | IF expr
        ;

call: fname LPAREN RPAREN { $$ = $1; $$->loc = @$; }
    | fname LPAREN args RPAREN { $$ = $1; $$->loc = @$; $$->kids = $3->kids; $$->nkids = $3->nkids; }
    | fname LPAREN args COMMA RPAREN {
          $$ = $1;
          $$->loc = @$;
          $$->kids = $3->kids;
          $$->nkids = $3->nkids;
      }
    | fname LPAREN args ELLIPSIS RPAREN {
          $$ = $1;
          $$->loc = @$;
          $$->kids = $3->kids;
          $$->nkids = $3->nkids;
          $$->flags |= AZ_HCL_F_ELLIPSIS;
      }
    ;

fname: IDENT { $$ = mk2(st, AZ_HCL_CALL, &@$, NULL, NULL, NULL, $1->text); }
     | IDENT DCOLON IDENT DCOLON IDENT {
           const char *name = az_arena_printf(st->ctx->arena, "%s::%s::%s", $1->text, $3->text,
                                              $5->text);
           $$ = mk2(st, AZ_HCL_CALL, &@$, NULL, NULL, NULL, name);
       }
     ;

args: expr { $$ = mk(st, AZ_HCL_TUPLE, &@$); add($$, $1); }
    | args COMMA expr { $$ = $1; add($$, $3); }
    ;

%%

/* ---- the tree ---------------------------------------------------------------------------- */

static struct az_hcl_node *mk(struct az_hcl_state *st, enum az_hcl_kind kind,
                              const struct az_hcl_loc *loc)
{
    struct az_hcl_node *n = az_arena_alloc_uninit(st->tree, sizeof *n);
    /* field by field: a compound literal becomes a string store of 20 words */
    n->kind = kind;
    n->flags = 0;
    n->loc = *loc;
    n->at = n->open = (struct az_hcl_loc){0};
    n->text = NULL;
    n->len = 0;
    n->a = n->b = n->c = NULL;
    n->kids = n->next = NULL;
    n->tail = &n->kids;
    n->nkids = 0;
    n->linted = NULL;
    return n;
}

static struct az_hcl_node *mk2(struct az_hcl_state *st, enum az_hcl_kind kind,
                               const struct az_hcl_loc *loc, struct az_hcl_node *a,
                               struct az_hcl_node *b, struct az_hcl_node *c, const char *text)
{
    struct az_hcl_node *n = mk(st, kind, loc);
    n->a = a;
    n->b = b;
    n->c = c;
    n->text = text;
    n->len = text ? strlen(text) : 0;
    return n;
}

/* The n bytes at s (n <= 8) as a number, read in at most two loads that stay inside them;
 * the loads cover every byte, so it tells any two texts of n bytes apart. */
static inline uint64_t load_short(const char *s, size_t n)
{
    uint32_t a, b;
    if (n >= 4) {
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        return (uint64_t)a << 32 | b;
    }
    if (n == 0)
        return 0;
    return (uint64_t)(unsigned char)s[0] << 16 | (uint64_t)(unsigned char)s[n / 2] << 8 |
           (unsigned char)s[n - 1];
}

static inline uint64_t load8(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}

/* 8-byte words multiplied in (the last one ending at the text's end, overlapping the one
 * before), then murmur3's finalizer (every input bit reaches the low bits that pick the
 * slot). */
static uint32_t text_hash(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ len;
    if (len <= 8) {
        h = (h ^ load_short(s, len)) * 0x100000001B3u;
    } else {
        for (size_t i = 0; i + 8 < len; i += 8) {
            h = (h ^ load8(s + i)) * 0x100000001B3u;
            h = (h << 31) | (h >> 33);
        }
        h = (h ^ load8(s + len - 8)) * 0x100000001B3u;
    }
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDu;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53u;
    h ^= h >> 33;
    return (uint32_t)h;
}

/* Whether the len bytes at a and b are the same (short ones compared in place). */
static inline bool same_text(const char *a, const char *b, size_t len)
{
    if (len <= 8)
        return load_short(a, len) == load_short(b, len);
    if (len <= 16)
        return load8(a) == load8(b) && load8(a + len - 8) == load8(b + len - 8);
    return memcmp(a, b, len) == 0;
}

static const char *intern_table(struct az_hcl_state *st, const char *s, size_t len);

/* The run's copy of s[0..len) (NUL-terminated), made once per distinct text. */
static const char *intern(struct az_hcl_state *st, const char *s, size_t len)
{
    if (len > 256) /* long texts rarely repeat */
        return az_arena_strndup(st->ctx->arena, s, len);
    if (len <= 8) {
        uint64_t b = load_short(s, len);
        struct az_hcl_short *sh = &st->shorts[((b + len) * 0x9E3779B97F4A7C15u) >> 58];
        if (sh->s && sh->bytes == b && sh->len == len)
            return sh->s;
        sh->bytes = b;
        sh->len = len;
        sh->s = intern_table(st, s, len);
        return sh->s;
    }
    return intern_table(st, s, len);
}

/* intern, through the hash table. */
static const char *intern_table(struct az_hcl_state *st, const char *s, size_t len)
{
    if (st->ntexts * 2 >= st->texts_cap) {
        size_t cap = st->texts_cap ? st->texts_cap * 2 : 1024;
        struct az_hcl_text *t = calloc(cap, sizeof *t);
        if (!t)
            az_oom();
        for (size_t i = 0; i < st->texts_cap; i++) {
            if (!st->texts[i].s)
                continue;
            size_t k = st->texts[i].hash & (cap - 1);
            while (t[k].s)
                k = (k + 1) & (cap - 1);
            t[k] = st->texts[i];
        }
        free(st->texts);
        st->texts = t;
        st->texts_cap = cap;
    }
    uint32_t h = text_hash(s, len);
    size_t k = h & (st->texts_cap - 1);
    for (; st->texts[k].s; k = (k + 1) & (st->texts_cap - 1))
        if (st->texts[k].hash == h && st->texts[k].len == len && same_text(st->texts[k].s, s, len))
            return st->texts[k].s;
    st->texts[k].s = az_arena_strndup(st->ctx->arena, s, len);
    st->texts[k].len = (uint32_t)len;
    st->texts[k].hash = h;
    st->ntexts++;
    return st->texts[k].s;
}

struct az_hcl_node *az_hcl_leaf(struct az_hcl_state *st, enum az_hcl_kind kind,
                                const struct az_hcl_loc *loc, const char *text, size_t len)
{
    struct az_hcl_node *n = mk(st, kind, loc);
    n->text = intern(st, text, len);
    n->len = len;
    return n;
}

struct az_hcl_node *az_hcl_attr_line(struct az_hcl_state *st, const struct az_hcl_loc *name,
                                     const char *name_text, const struct az_hcl_loc *quote,
                                     const char *text, size_t len)
{
    const char *name_copy = intern(st, name_text, name->end - name->off);
    struct az_hcl_loc whole = *quote; /* template: STRING */
    whole.end += (uint32_t)len + 1;
    whole.end_col += (uint32_t)len + 1;
    struct az_hcl_node *tmpl = mk(st, AZ_HCL_TEMPLATE, &whole);
    if (len) {
        struct az_hcl_loc lit = whole;
        lit.off = quote->end;
        lit.col = quote->end_col;
        lit.end--;
        lit.end_col--;
        add(tmpl, az_hcl_leaf(st, AZ_HCL_TLIT, &lit, text, len));
    }
    struct az_hcl_loc span = *name; /* attr: IDENT EQUALS expr */
    span.end = whole.end;
    span.end_line = whole.end_line;
    span.end_col = whole.end_col;
    struct az_hcl_node *n = mk(st, AZ_HCL_ATTR, &span);
    n->a = tmpl;
    n->text = name_copy;
    n->len = name->end - name->off;
    n->at = *name;
    return n;
}

struct az_hcl_node *az_hcl_block_line(struct az_hcl_state *st, const struct az_hcl_loc *type,
                                      const char *type_text, unsigned nlabels,
                                      const struct az_hcl_loc *quotes, const char *const *texts,
                                      const size_t *lens, const struct az_hcl_loc *open)
{
    const char *type_copy = intern(st, type_text, type->end - type->off);
    struct az_hcl_loc span = *type;
    span.end = open->end;
    span.end_line = open->end_line;
    span.end_col = open->end_col;
    struct az_hcl_node *n = mk(st, AZ_HCL_BLOCK, &span);
    n->text = type_copy;
    n->len = type->end - type->off;
    n->at = *type;
    n->open = *open;
    for (unsigned i = 0; i < nlabels; i++) { /* labels: labels template, as label_of */
        struct az_hcl_loc whole = quotes[i];
        whole.end += (uint32_t)lens[i] + 1;
        whole.end_col += (uint32_t)lens[i] + 1;
        struct az_hcl_node *label = mk(st, AZ_HCL_LABEL, &whole);
        label->text = intern(st, texts[i], lens[i]);
        label->len = lens[i];
        add(n, label);
    }
    n->tail = &n->kids; /* as block() leaves it */
    return n;
}

/* block: BLOCKOPEN body CBRACE */
static struct az_hcl_node *finish_block(struct az_hcl_node *blk, const struct az_hcl_loc *loc,
                                        struct az_hcl_node *body)
{
    blk->loc = *loc;
    blk->a = body;
    return blk;
}

/* A copy of the tree n (a token's: a leaf, or an ATTRLINE's or BLOCKOPEN's few nodes), in
 * the tree's arena (arena) or malloc'd (freed by free_copy). */
static struct az_hcl_node *copy_tree(struct az_hcl_state *st, const struct az_hcl_node *n,
                                     bool arena)
{
    if (!n)
        return NULL;
    struct az_hcl_node *c = arena ? az_arena_alloc_uninit(st->tree, sizeof *c) : malloc(sizeof *c);
    if (!c)
        az_oom();
    *c = *n;
    c->a = copy_tree(st, n->a, arena);
    c->b = copy_tree(st, n->b, arena);
    c->c = copy_tree(st, n->c, arena);
    c->kids = NULL;
    c->tail = &c->kids;
    c->nkids = 0;
    for (const struct az_hcl_node *k = n->kids; k; k = k->next)
        add(c, copy_tree(st, k, arena));
    return c;
}

static void free_copy(struct az_hcl_node *n)
{
    if (!n)
        return;
    free_copy(n->a);
    free_copy(n->b);
    free_copy(n->c);
    for (struct az_hcl_node *k = n->kids, *next; k; k = next) {
        next = k->next;
        free_copy(k);
    }
    free(n);
}

/* Frees the nodes of the top-level item just handed to on_top; la, the lookahead token's
 * node (or NULL), was made after them and is made again: the copy is returned. (The rules
 * that hand an item to on_top are reduced without a lookahead, so la is NULL in practice.) */
static struct az_hcl_node *release_item(struct az_hcl_state *st, struct az_hcl_node *la)
{
    struct az_hcl_node *saved = copy_tree(st, la, false);
    az_arena_release(st->tree, st->mark);
    st->mark = az_arena_mark(st->tree);
    la = copy_tree(st, saved, true);
    free_copy(saved);
    return la;
}

static void add(struct az_hcl_node *list, struct az_hcl_node *kid)
{
    kid->next = NULL;
    *list->tail = kid;
    list->tail = &kid->next;
    list->nkids++;
}

static struct az_hcl_node *block(struct az_hcl_state *st, const struct az_hcl_loc *loc,
                                 struct az_hcl_node *type, struct az_hcl_node *labels,
                                 const struct az_hcl_loc *open, struct az_hcl_node *body)
{
    struct az_hcl_node *n = mk2(st, AZ_HCL_BLOCK, loc, body, NULL, NULL, type->text);
    n->at = type->loc;
    n->open = *open;
    n->kids = labels->kids;
    n->nkids = labels->nkids;
    return n;
}

/* A quoted block label: literal text only (escapes allowed). */
static struct az_hcl_node *label_of(struct az_hcl_state *st, struct az_hcl_node *tmpl)
{
    size_t len = 0;
    for (const struct az_hcl_node *p = tmpl->kids; p; p = p->next) {
        if (p->kind != AZ_HCL_TLIT) {
            az_hcl_error(st, AZ_D_LINT_SYNTAX, &p->loc,
                         "a block label is a plain string: it cannot hold '${ }' or '%%{ }'");
            return mk2(st, AZ_HCL_LABEL, &tmpl->loc, NULL, NULL, NULL, "");
        }
        len += p->len;
    }
    if (tmpl->kids && !tmpl->kids->next) { /* one literal: its text, interned already */
        struct az_hcl_node *n = mk2(st, AZ_HCL_LABEL, &tmpl->loc, NULL, NULL, NULL,
                                    tmpl->kids->text);
        n->len = len;
        return n;
    }
    char *text = az_arena_alloc(st->ctx->arena, len + 1), *o = text;
    for (const struct az_hcl_node *p = tmpl->kids; p; p = p->next) {
        memcpy(o, p->text, p->len);
        o += p->len;
    }
    struct az_hcl_node *n = mk2(st, AZ_HCL_LABEL, &tmpl->loc, NULL, NULL, NULL, text);
    n->len = len;
    return n;
}

/* Reference roots (names that are not keywords of the value: true, false, null), and
 * data.TYPE, for lint_hcl.c's check of made-up resource types. */
static void add_ref(struct az_hcl_state *st, const struct az_hcl_node *n)
{
    if (n->kind == AZ_HCL_VAR && ((n->len == 4 && (memcmp(n->text, "true", 4) == 0 ||
                                                   memcmp(n->text, "null", 4) == 0)) ||
                                  (n->len == 5 && memcmp(n->text, "false", 5) == 0)))
        return;
    if (st->nrefs == st->refs_cap) {
        size_t cap = st->refs_cap ? st->refs_cap * 2 : 256;
        const struct az_hcl_node **v = realloc(st->refs, cap * sizeof *v);
        if (!v) {
            fputs("authzc: error: out of memory\n", stderr);
            abort();
        }
        st->refs = v;
        st->refs_cap = cap;
    }
    st->refs[st->nrefs++] = n;
}

/* ---- syntax errors ----------------------------------------------------------------------- */

#define AZ_HCL_MAX_ERRORS 100u

struct az_loc az_hcl_loc_of(const struct az_hcl_state *st, const struct az_hcl_loc *loc)
{
    struct az_loc out = {st->src, loc->line, loc->col, 1};
    if (loc->end_line == loc->line && loc->end > loc->off) {
        out.len = loc->end - loc->off;
    } else if (loc->end > loc->off) { /* to the end of its first line */
        size_t n;
        const char *line = az_source_line(st->src, loc->line, &n);
        if (line && n >= loc->col)
            out.len = (uint32_t)(n - loc->col + 1);
    }
    if (out.len == 0)
        out.len = 1;
    return out;
}

struct az_diag *az_hcl_error(struct az_hcl_state *st, enum az_diag_id id,
                             const struct az_hcl_loc *loc, const char *fmt, ...)
{
    if (st->stopped)
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    char *msg = az_arena_vprintf(st->ctx->arena, fmt, ap);
    va_end(ap);
    struct az_loc at = az_hcl_loc_of(st, loc);
    struct az_diag *d = az_diag_report(st->ctx, id, at, "%s", msg);
    if (++st->errors >= AZ_HCL_MAX_ERRORS) {
        az_diag_note(st->ctx, d, at, "too many errors in this file; authzc stops reading it here");
        st->stopped = true;
    }
    return d;
}

/* bison's own failures: its stack is full (a very long chain of unary operators or
 * conditionals). */
static void yyerror(const struct az_hcl_loc *loc, yyscan_t scanner, struct az_hcl_state *st,
                    const char *msg)
{
    (void)scanner;
    (void)msg;
    az_hcl_error(st, AZ_D_LIMIT, loc,
                 "the expression nests too deeply; authzc stops reading this file");
    st->stopped = true;
}

/* Operators and postfix continuations: listed only when nothing else could come. */
static bool is_operator(yysymbol_kind_t k)
{
    switch (k) {
    case YYSYMBOL_QUESTION:
    case YYSYMBOL_OR:
    case YYSYMBOL_AND:
    case YYSYMBOL_EQ:
    case YYSYMBOL_NE:
    case YYSYMBOL_LT:
    case YYSYMBOL_GT:
    case YYSYMBOL_LE:
    case YYSYMBOL_GE:
    case YYSYMBOL_PLUS:
    case YYSYMBOL_MINUS:
    case YYSYMBOL_STAR:
    case YYSYMBOL_SLASH:
    case YYSYMBOL_PERCENT:
    case YYSYMBOL_DOT:
    case YYSYMBOL_LBRACK:
        return true;
    default:
        return false;
    }
}

static bool is_template_part(yysymbol_kind_t k)
{
    return k == YYSYMBOL_TLIT || k == YYSYMBOL_TINTERP || k == YYSYMBOL_TIF ||
           k == YYSYMBOL_TFOR;
}

/* How a token reads in "expected X" and "found X". */
static const char *sym_text(yysymbol_kind_t k)
{
    switch (k) {
    case YYSYMBOL_YYEOF:
        return "the end of the file";
    case YYSYMBOL_NL:
        return "the end of the line";
    case YYSYMBOL_OBRACE_BODY:
        return "'{'";
    case YYSYMBOL_TEND:
    case YYSYMBOL_CBRACE_ONE:
        return "'}'";
    case YYSYMBOL_OQUOTE:
        return "a string";
    case YYSYMBOL_CQUOTE:
        return "the closing '\"'";
    case YYSYMBOL_HEREDOC:
        return "a heredoc";
    case YYSYMBOL_HEREDOC_END:
        return "the heredoc's closing marker";
    case YYSYMBOL_TLIT:
        return "text";
    case YYSYMBOL_TIF:
        return "'%{ if ... }'";
    case YYSYMBOL_TELSE:
        return "'%{ else }'";
    case YYSYMBOL_TENDIF:
        return "'%{ endif }'";
    case YYSYMBOL_TFOR:
        return "'%{ for ... }'";
    case YYSYMBOL_TENDFOR:
        return "'%{ endfor }'";
    case YYSYMBOL_YYerror:
    case YYSYMBOL_YYUNDEF:
        return "an invalid token";
    default:
        return yysymbol_name(k);
    }
}

static const char *found_text(const struct az_hcl_state *st, yysymbol_kind_t la)
{
    if ((la == YYSYMBOL_IDENT || la == YYSYMBOL_NUMBER) && st->la_text) {
        size_t n = strlen(st->la_text);
        return az_arena_printf(st->ctx->arena, "%s '%.*s%s'",
                               la == YYSYMBOL_IDENT ? "the name" : "the number",
                               (int)(n > 40 ? 40 : n), st->la_text, n > 40 ? "..." : "");
    }
    return sym_text(la);
}

/* Appends "A", "A or B", "A, B or C". */
static const char *join(struct az_hcl_state *st, const char *const *items, int n)
{
    const char *out = "";
    for (int i = 0; i < n; i++)
        out = az_arena_printf(st->ctx->arena, "%s%s%s", out,
                              i == 0 ? "" : i == n - 1 ? " or " : ", ", items[i]);
    return out;
}

static bool prev_is_operator(const struct az_hcl_state *st)
{
    switch (st->prev_tok) {
    case HCL_QUESTION:
    case HCL_COLON:
    case HCL_OR:
    case HCL_AND:
    case HCL_EQ:
    case HCL_NE:
    case HCL_LT:
    case HCL_GT:
    case HCL_LE:
    case HCL_GE:
    case HCL_PLUS:
    case HCL_MINUS:
    case HCL_STAR:
    case HCL_SLASH:
    case HCL_PERCENT:
    case HCL_BANG:
        return true;
    default:
        return false;
    }
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, yyscan_t scanner,
                                 struct az_hcl_state *st)
{
    (void)scanner;
    if (st->stopped)
        return 0;
    yysymbol_kind_t exp[YYNTOKENS];
    int n = yypcontext_expected_tokens(yyctx, exp, YYNTOKENS);
    if (n < 0)
        return n;
    yysymbol_kind_t la = yypcontext_token(yyctx);
    const struct az_hcl_loc *loc = yypcontext_location(yyctx);
    if (la == YYSYMBOL_STRING) /* found at its opening quote, as if read in parts */
        la = YYSYMBOL_OQUOTE;

    bool e[YYNTOKENS] = {false};
    for (int i = 0; i < n; i++)
        e[exp[i]] = true;
    bool e_ops = false, e_tpl = false;
    for (int i = 0; i < n; i++) {
        e_ops |= is_operator(exp[i]);
        e_tpl |= is_template_part(exp[i]);
    }
    /* Where an expression may begin, a number may (a '(' alone continues a function name,
     * '-' and '[' may be operators). */
    bool e_expr = e[YYSYMBOL_NUMBER] && e[YYSYMBOL_OQUOTE];
    bool header = e[YYSYMBOL_OBRACE_BODY]; /* a block header: labels or '{' */
    bool attr_name = e[YYSYMBOL_IDENT] && e[YYSYMBOL_STAR] && !e_expr; /* after '.' */

    /* What could come, as a person would say it. */
    const char *items[YYNTOKENS + 4];
    int ni = 0;
    static const yysymbol_kind_t order[] = {
        YYSYMBOL_EQUALS, YYSYMBOL_COLON,    YYSYMBOL_COMMA,   YYSYMBOL_RBRACK,
        YYSYMBOL_RPAREN, YYSYMBOL_ARROW,    YYSYMBOL_IN,      YYSYMBOL_IF,
        YYSYMBOL_ELLIPSIS, YYSYMBOL_TEND,   YYSYMBOL_CQUOTE,  YYSYMBOL_HEREDOC_END,
        YYSYMBOL_TELSE,  YYSYMBOL_TENDIF,   YYSYMBOL_TENDFOR, YYSYMBOL_CBRACE,
        YYSYMBOL_CBRACE_ONE,
    };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (e[order[i]])
            items[ni++] = sym_text(order[i]);
    if (e_expr)
        items[ni++] = "an expression";
    else if (header) {
        if (e[YYSYMBOL_IDENT])
            items[ni++] = "a block label";
        items[ni++] = "'{'";
    }
    else if (attr_name)
        items[ni++] = "an attribute name";
    else if (e[YYSYMBOL_IDENT]) {
        if (e[YYSYMBOL_CBRACE] || e[YYSYMBOL_YYEOF] || e[YYSYMBOL_NL])
            items[ni++] = "an argument or block name";
        else
            items[ni++] = "a name";
    }
    if (e[YYSYMBOL_NL] && !header) /* after a header, only for a misplaced '{' */
        items[ni++] = sym_text(YYSYMBOL_NL);
    if (ni == 0 && e_tpl)
        items[ni++] = "text, '${' or '%{'";
    if (ni == 0 && e_ops)
        items[ni++] = "an operator";
    if (ni == 0 && e[YYSYMBOL_YYEOF])
        items[ni++] = sym_text(YYSYMBOL_YYEOF);
    const char *want = ni ? join(st, items, ni) : "nothing more";

    /* Why, when a common mistake explains it. */
    const char *hint = "";
    bool one_line = e[YYSYMBOL_CBRACE_ONE];
    if (la == YYSYMBOL_NL && e_expr && prev_is_operator(st))
        hint = " (to continue an expression on the next line, wrap it in parentheses)";
    else if (la == YYSYMBOL_NL && header)
        hint = " (a block's '{' goes on the same line as its name and labels)";
    else if (la == YYSYMBOL_EQUALS && header)
        hint = " ('=' sets an argument; a block is written TYPE \"label\" { ... })";
    else if (la == YYSYMBOL_COMMA && e[YYSYMBOL_NL] && !e[YYSYMBOL_CBRACE])
        hint = " (arguments are separated by new lines, not commas)";
    else if (one_line && (la == YYSYMBOL_IDENT || la == YYSYMBOL_COMMA || la == YYSYMBOL_NL ||
                          la == YYSYMBOL_OBRACE_BODY))
        hint = " (a one-line block holds a single argument; put each argument on its own line)";
    else if (la == YYSYMBOL_OBRACE_BODY && e[YYSYMBOL_EQUALS] && !header)
        hint = " (a one-line block holds a single argument; put a nested block on its own line)";
    else if (la == YYSYMBOL_IDENT && e[YYSYMBOL_NL] && !e_expr)
        hint = " (each argument goes on its own line)";
    else if (la == YYSYMBOL_CBRACE && e[YYSYMBOL_NL] && !e_expr)
        hint = " (the '}' of a multi-line block goes on its own line)";
    else if (la == YYSYMBOL_OQUOTE && e[YYSYMBOL_IDENT] && !e_expr && !header)
        hint = " (argument names are not quoted)";
    else if ((la == YYSYMBOL_CBRACE || la == YYSYMBOL_CBRACE_ONE) && e[YYSYMBOL_YYEOF])
        hint = " (no block is open here)";
    else if ((la == YYSYMBOL_TELSE || la == YYSYMBOL_TENDIF || la == YYSYMBOL_TENDFOR) &&
             !e[la])
        hint = " (no matching '%{ if }' or '%{ for }' is open)";

    struct az_diag *d = az_hcl_error(st, AZ_D_LINT_SYNTAX, loc, "expected %s, found %s%s", want,
                                     found_text(st, la), hint);
    if (la == YYSYMBOL_YYEOF)
        az_hcl_note_unclosed(st, d);
    az_hcl_skip_statement(st);
    return 0;
}
