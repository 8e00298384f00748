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
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h> /* the string scan, sixteen bytes at a time (x86-64 always has SSE2) */
#endif

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

/* ---- reading without tokens ------------------------------------------------------------
 * For text that is read only for its syntax (the parts of a Terraform plan lint does not
 * look at) and for live.c's fast reader: the same grammar, no tokens, no copies. Each one
 * takes only what the located scanner takes without a diagnostic, and gives up (0, false)
 * on anything else, so that the caller reads that part again with az_jl_next for the exact
 * message. text[len] is NUL, as for az_jl_init. */

/* The bytes of v (eight read from the text) that are '"', '\\', a control character or
 * non-ASCII, as their high bits: a byte equal to '"' or '\\' turns to zero under the XOR,
 * and a zero, control or non-ASCII byte sets its high bit in (x - 0x01..) & ~x or in v
 * itself. Borrows only run towards the more significant bytes, so the least significant bit
 * set is exact. */
static inline uint64_t az_jl_special8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    return (((q - ones) & ~q) | ((b - ones) & ~b) | ((v - ones * 0x20) & ~v) | v) & highs;
}

/* The first byte from i on that is '"', '\\', a control character or non-ASCII: sixteen
 * bytes at a time where SSE2 is there, else eight (inline: every string goes through it). */
static inline size_t az_jl_plain_end(const unsigned char *text, size_t i, size_t len)
{
#ifdef __SSE2__
    /* '"', '\\', and (signed) below 0x20: controls and non-ASCII */
    const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\'),
                  space = _mm_set1_epi8(0x20);
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
        __m128i sp = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash)),
                                  _mm_cmplt_epi8(v, space));
        unsigned m = (unsigned)_mm_movemask_epi8(sp);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i + 8 <= len; i += 8) {
        uint64_t v, m;
        memcpy(&v, text + i, sizeof v);
        if ((m = az_jl_special8(v)) != 0) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return i + ((size_t)__builtin_ctzll(m) >> 3);
#else
            break; /* the byte loop below finds it */
#endif
        }
    }
    while (text[i] >= 0x20 && text[i] < 0x80 && text[i] != '"' && text[i] != '\\')
        i++; /* text[len] is NUL and stops it */
    return i;
}
/* The string opening at text[at] ('"'): just past its closing quote, *plain when it has
 * neither escapes nor non-ASCII bytes; 0 unless it is closed, valid (escapes, UTF-8) and
 * without surrogate escapes (\uD800-\uDFFF, which the located scanner pairs). */
size_t az_jl_string_end(const unsigned char *text, size_t len, size_t at, bool *plain);
/* The end of the number at text[at] in RFC 8259's grammar; 0 when it is not one, or when a
 * byte of [-+.0-9A-Za-z_] follows it (the located scanner's token would be longer). */
size_t az_jl_number_end(const unsigned char *text, size_t at);

/* az_jl_skip's limits (in) and what it found (out). */
struct az_jl_skip {
    unsigned levels;  /* in: how many containers may be open at once, the first included */
    bool lineup;      /* in: give up at a closer that is first on its line but indented unlike
                         its opener's line (where the parser looks for a missing closer) */
    uint32_t indent1; /* in: what stands in front of line 1 (a body inside a script) */
    size_t count;     /* out: the members or elements directly inside */
};

/* The last token is '{' or '[' (from az_jl_next): skips to its closer, checking that what
 * lies between is well-formed JSON, and leaves the state as az_jl_next does when it returns
 * that closer. false (the state unchanged) on anything az_jl_next would report, and on
 * anything else it does not take at a glance (nesting past levels or 64, surrogate escapes,
 * see lineup): the caller then reads the container token by token. */
bool az_jl_skip(struct az_jl_state *st, struct az_jl_skip *sk);

/* az_jl_next with the commonest tokens read inline: punctuation, and (with spans set) a
 * string without escapes or non-ASCII bytes, each straight after the last token, after one
 * space (a member's value), or first on the next line after its indentation (pretty-printed
 * JSON). Anything else goes to az_jl_next (from where this stopped: the whitespace passed is
 * counted). The same tokens, the same state. */
static inline int az_jl_next_inline(struct az_jl_state *st)
{
    const unsigned char *t = (const unsigned char *)st->text;
    size_t i = st->off;
    if (t[i] == ' ') {
        st->off = ++i;
    } else if (t[i] == '\n') {
        st->line++;
        st->line_off = ++i;
        uint64_t v;
        while (i + 8 <= st->len && (memcpy(&v, t + i, 8), v == 0x2020202020202020u))
            i += 8; /* indentation */
        while (t[i] == ' ')
            i++; /* t[len] is NUL and stops it */
        st->off = i;
    }
    size_t end = i + 1;
    int tok;
    switch (t[i]) {
    case '{':
        tok = AZ_JL_LBRACE;
        break;
    case '}':
        tok = AZ_JL_RBRACE;
        break;
    case '[':
        tok = AZ_JL_LBRACKET;
        break;
    case ']':
        tok = AZ_JL_RBRACKET;
        break;
    case ':':
        tok = AZ_JL_COLON;
        break;
    case ',':
        tok = AZ_JL_COMMA;
        break;
    case '"':
        end = az_jl_plain_end(t, i + 1, st->len);
        if (t[end] != '"' || !st->spans)
            return az_jl_next(st);
        st->str = st->text + i + 1;
        st->str_len = end - i - 1;
        end++;
        tok = AZ_JL_STRING;
        break;
    default:
        return az_jl_next(st);
    }
    st->tok_off = i;
    st->tok_len = end - i;
    st->tok_line = st->line;
    st->tok_col = (uint32_t)(i - st->line_off + 1);
    st->off = end;
    st->col = (uint32_t)(end - st->line_off + 1);
    return tok;
}

#endif
