/* parse.h - the two front ends. Each appends what it reads to one intent and queues a
 * located diagnostic for every problem; after an error it goes on to find more.
 * Returns 0 when the source had no errors, -1 otherwise. */
#ifndef AZ_PARSE_H
#define AZ_PARSE_H

#include <stddef.h>

#include "authzc/loc.h"

struct az_ctx;
struct az_source;
struct az_intent;

/* The .authz DSL: grammar/authz.l (flex) and grammar/authz.y (bison); driver parse_dsl.c. */
int az_parse_dsl(struct az_ctx *ctx, const struct az_source *src, struct az_intent *out);
/* The YAML form, through libyaml's event API: parse_yaml.c. */
int az_parse_yaml(struct az_ctx *ctx, const struct az_source *src, struct az_intent *out);

/* The .authz file as its tokens and comments, in source order, for `authzc fmt` (fmt.c). */
enum az_lexeme_kind {
    AZ_LEX_KEYWORD, /* account, current, backup, as, ... (text: the keyword) */
    AZ_LEX_WORD,    /* an unquoted word or a word starting with a digit */
    AZ_LEX_STRING,  /* a double-quoted string (text: its contents, escapes resolved) */
    AZ_LEX_LBRACE,
    AZ_LEX_RBRACE,
    AZ_LEX_COMMA,
    AZ_LEX_COMMENT /* text: from '#' to the end of the line, line end excluded */
};

struct az_lexeme {
    enum az_lexeme_kind kind;
    const char *text;
    struct az_loc loc;
};

struct az_lexemes {
    struct az_lexeme *v; /* in the run's arena */
    size_t n, cap;
};

/* Parses the DSL like az_parse_dsl (the same diagnostics, the AST thrown away) and records
 * every token and comment into out. Returns 0, or -1 when the file has errors. */
int az_parse_dsl_lexemes(struct az_ctx *ctx, const struct az_source *src, struct az_lexemes *out);

#endif
