/* json_scan.h - the located JSON scanner of `authzc lint` (RFC 8259).
 *
 * jansson keeps no positions, so lint scans JSON itself: every token comes back with its
 * byte offset, line and byte column, strings already decoded and checked (escapes,
 * \uXXXX with surrogate pairs, UTF-8), numbers in the RFC's grammar. Text that is not JSON
 * but is a common mistake (a bare word, a single-quoted string, a comment, a stray
 * character) comes back as its own token, so that the parser in compiler/lint_json.c can
 * say "expected ..., found a comment". Lexical errors (a raw control character or bad
 * escape in a string, an unclosed string, a malformed number, bad UTF-8, NUL) come back as
 * AZ_JL_BAD with the diagnostic, message and place in the state. Whitespace is skipped.
 *
 * The scanner reads the text in place (it must end with a NUL byte one past len, as
 * az_source's text does) and keeps what it makes (decoded strings, messages) in the arena.
 * It is written by hand rather than with flex: lint reads thousands of small files, and a
 * generated scanner's per-token bookkeeping was half of the time of a lint run. */
#ifndef AZ_JSON_SCAN_H
#define AZ_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "authzc/diag.h"

struct az_arena;

enum az_jl_token {
    AZ_JL_EOF = 0,
    AZ_JL_LBRACE,   /* { */
    AZ_JL_RBRACE,   /* } */
    AZ_JL_LBRACKET, /* [ */
    AZ_JL_RBRACKET, /* ] */
    AZ_JL_COLON,
    AZ_JL_COMMA,
    AZ_JL_STRING, /* str/str_len: the decoded value */
    AZ_JL_NUMBER, /* the token's bytes as written */
    AZ_JL_TRUE,
    AZ_JL_FALSE,
    AZ_JL_NULL,
    AZ_JL_WORD,    /* a bare word: True, None, an unquoted key */
    AZ_JL_SQUOTE,  /* a single-quoted string */
    AZ_JL_COMMENT, /* // ..., / * ..., # ... */
    AZ_JL_CHAR,    /* any other character (tok_len covers one UTF-8 character) */
    AZ_JL_BAD,     /* a lexical error: err_* */
};

/* The scanner's state: where it is, the last token, its error. */
struct az_jl_state {
    struct az_arena *arena;
    const char *text; /* the bytes being scanned; text[len] is NUL */
    size_t len;
    /* just after the last token (where the next scan starts) */
    size_t off;
    uint32_t line, col;
    size_t line_off; /* where the current line starts */
    /* the last token (at the end: the end of the text, tok_len 0) */
    size_t tok_off, tok_len;
    uint32_t tok_line, tok_col;
    const char *str; /* AZ_JL_STRING: decoded, NUL-terminated, may hold NUL: see str_len */
    size_t str_len;
    /* Set by the caller after az_jl_init: a string without escapes comes back as a span of
     * the text (str_len bytes, not NUL-terminated) instead of a copy in the arena. */
    bool spans;
    /* AZ_JL_BAD */
    enum az_diag_id err_diag;
    size_t err_off;
    uint32_t err_len;
    const char *err_msg;
};

/* Starts scanning text[0..len) (text[len] must be NUL) at line 1, column 1. */
void az_jl_init(struct az_jl_state *st, struct az_arena *arena, const char *text, size_t len);
/* The next token (enum az_jl_token); AZ_JL_EOF at the end, and again if called after it. */
int az_jl_next(struct az_jl_state *st);

#endif
