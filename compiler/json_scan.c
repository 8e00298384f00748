/* json_scan.c - the located JSON scanner of `authzc lint` (see json_scan.h).
 *
 * One pass over the text in place: the first byte of a token picks its rule, whitespace only
 * moves the line count, strings and indentation go eight bytes at a time, and a string with
 * neither escapes nor non-ASCII bytes is copied as it is.
 * The tokens and their lengths are exactly those of the longest-match rules below (the
 * scanner was a flex file once; its goldens hold it to the same answers):
 *
 *   [ \t\r\n]+                          whitespace (skipped)
 *   { } [ ] : ,                          punctuation
 *   "(SCHAR|ESC)*"                       a string        SCHAR: any byte but " \ and 00-1F
 *   "(SCHAR|ESC)*                        an unclosed or broken string (AZ_JL_BAD)
 *   -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?   a number, unless a longer
 *   [-+.0-9][-+.0-9A-Za-z_]*             not-a-number matches (AZ_JL_BAD)
 *   [A-Za-z_$][A-Za-z0-9_$]*             true, false, null, or a bare word
 *   '[^'\n]*'?                           a single-quoted string
 *   //[^\n]*  #[^\n]*  / *               a comment (only its opener for / *)
 *   any other character                  AZ_JL_CHAR (one UTF-8 character), or AZ_JL_BAD
 *                                        for NUL and bad UTF-8
 * At the end, "reading without tokens": az_jl_skip checks a container that is read for its
 * syntax only (the parts of a Terraform plan lint drops), and the string and number scans
 * it shares with live.c's fast reader; each takes only what the rules above read without
 * a diagnostic and leaves the rest to them. */
#include "authzc/json_scan.h"

#include <stdbool.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/swar.h"
#include "authzc/utf8.h"

static int az_jl_is_hex(char c);

static int az_jl_error(struct az_jl_state *st, enum az_diag_id diag, size_t off, size_t len,
                       const char *msg)
{
    st->err_diag = diag;
    st->err_off = off;
    st->err_len = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
    st->err_msg = msg;
    return AZ_JL_BAD;
}

static int az_jl_bad_utf8(struct az_jl_state *st, size_t off)
{
    return az_jl_error(st, AZ_D_BAD_UTF8, off, 1,
                       az_arena_printf(st->arena,
                                       "the byte 0x%02X is not valid UTF-8 (JSON "
                                       "text is UTF-8; is the file Latin-1 or "
                                       "UTF-16?)",
                                       (unsigned char)st->text[off]));
}

static unsigned az_jl_hex4(const char *s)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

static char *az_jl_put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* A closed string with escapes or non-ASCII bytes (its escapes are well-formed): decode it,
 * pairing surrogates and checking the raw bytes are UTF-8. */
static int az_jl_string(struct az_jl_state *st)
{
    const char *s = st->text + st->tok_off + 1;
    size_t n = st->tok_len - 2;
    char *out = az_arena_alloc(st->arena, n + 1), *o = out; /* decoding never grows */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t k = az_utf8_len((const unsigned char *)s + i, n - i);
            if (k == 0)
                return az_jl_bad_utf8(st, st->tok_off + 1 + i);
            memcpy(o, s + i, k);
            o += k;
            i += k;
            continue;
        }
        if (c != '\\') {
            *o++ = (char)c;
            i++;
            continue;
        }
        char e = s[i + 1];
        if (e != 'u') {
            static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
            *o++ = to[strchr(from, e) - from];
            i += 2;
            continue;
        }
        unsigned cp = az_jl_hex4(s + i + 2);
        size_t esc = i, len = 6;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return az_jl_error(st, AZ_D_LINT_SYNTAX, st->tok_off + 1 + esc, len,
                               az_arena_printf(st->arena,
                                               "the escape \\u%04X is a low surrogate without "
                                               "the high surrogate (\\uD800-\\uDBFF) that must "
                                               "come before it",
                                               cp));
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo = 0;
            if (i + 12 <= n && s[i + 6] == '\\' && s[i + 7] == 'u')
                lo = az_jl_hex4(s + i + 8);
            if (lo < 0xDC00 || lo > 0xDFFF)
                return az_jl_error(st, AZ_D_LINT_SYNTAX, st->tok_off + 1 + esc, len,
                                   az_arena_printf(st->arena,
                                                   "the escape \\u%04X is a high surrogate: it "
                                                   "must be followed by a low surrogate "
                                                   "\\uDC00-\\uDFFF (write the character as "
                                                   "one pair, or as UTF-8)",
                                                   cp));
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            len = 12;
        }
        o = az_jl_put_utf8(o, cp);
        i += len;
    }
    *o = '\0';
    st->str = out;
    st->str_len = (size_t)(o - out);
    return AZ_JL_STRING;
}

static const char *az_jl_control_name(unsigned char c)
{
    switch (c) {
    case '\t':
        return " (a tab): write it as \\t";
    case '\n':
        return " (a line break): write it as \\n";
    case '\r':
        return " (a carriage return): write it as \\r";
    case '\b':
        return " (a backspace): write it as \\b";
    case '\f':
        return " (a form feed): write it as \\f";
    default:
        return ": write it as a \\u escape";
    }
}

/* A string that did not close: the byte after the longest well-formed part says why. */
static int az_jl_bad_string(struct az_jl_state *st)
{
    size_t at = st->off; /* the byte the string stopped at */
    unsigned char c = (unsigned char)st->text[at];
    if (at >= st->len)
        return az_jl_error(st, AZ_D_LINT_SYNTAX, st->tok_off, st->tok_len,
                           "this string is not closed: the file ends before its closing '\"'");
    if (c == '\n' || (c == '\r' && st->text[at + 1] == '\n')) {
        size_t end = at; /* a ',' ending the line was probably meant to follow the string */
        while (end > st->tok_off + 1 &&
               (st->text[end - 1] == ' ' || st->text[end - 1] == '\t' || st->text[end - 1] == '\r'))
            end--;
        if (end > st->tok_off + 1 && st->text[end - 1] == ',')
            return az_jl_error(st, AZ_D_LINT_SYNTAX, st->tok_off, st->tok_len,
                               "this string is not closed on its line: add the closing '\"' "
                               "before the ',' at its end");
        return az_jl_error(st, AZ_D_LINT_SYNTAX, st->tok_off, st->tok_len,
                           "this string is not closed on its line: add the closing '\"' (a "
                           "line break inside a string is written \\n)");
    }
    if (c == '\0')
        return az_jl_error(st, AZ_D_BAD_CHAR, at, 1,
                           "a NUL byte inside a string (is this a binary file?)");
    if (c < 0x20)
        return az_jl_error(st, AZ_D_LINT_SYNTAX, at, 1,
                           az_arena_printf(st->arena,
                                           "a raw control character U+%04X in a string%s", c,
                                           az_jl_control_name(c)));
    /* c == '\\': an escape JSON does not have */
    unsigned char e = (unsigned char)st->text[at + 1];
    if (at + 1 >= st->len)
        return az_jl_error(st, AZ_D_LINT_SYNTAX, st->tok_off, st->tok_len + 1,
                           "this string is not closed: the file ends inside an escape");
    if (e == 'u') {
        size_t k = 0;
        while (k < 4 && at + 2 + k < st->len && az_jl_is_hex(st->text[at + 2 + k]))
            k++;
        return az_jl_error(st, AZ_D_LINT_SYNTAX, at, 2 + k,
                           "'\\u' must be followed by four hexadecimal digits, as in \\u00e9");
    }
    const char *shown;
    if (e >= 0x21 && e < 0x7f)
        shown = az_arena_printf(st->arena, "'\\%c'", e);
    else
        shown = az_arena_printf(st->arena, "'\\' followed by the byte 0x%02X", e);
    size_t k =
        e >= 0x80 ? az_utf8_len((const unsigned char *)st->text + at + 1, st->len - at - 1) : 1;
    return az_jl_error(st, AZ_D_LINT_SYNTAX, at, 1 + (k ? k : 1),
                       az_arena_printf(st->arena,
                                       "the escape %s is not JSON: the escapes are \\\" \\\\ "
                                       "\\/ \\b \\f \\n \\r \\t and \\uXXXX (write a backslash "
                                       "as \\\\)",
                                       shown));
}

static int az_jl_is_hex(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* Whether s[0..n) has a '.' that no digit follows (1., 1.e5). */
static int az_jl_dot_without_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.')
            return i + 1 == n || s[i + 1] < '0' || s[i + 1] > '9';
    return 0;
}

/* Something that starts like a number but is not one in RFC 8259's grammar. */
static int az_jl_bad_number(struct az_jl_state *st)
{
    const char *s = st->text + st->tok_off;
    size_t n = st->tok_len;
    const char *why;
    const char *t = *s == '-' ? s + 1 : s;
    if (*s == '+')
        why = "a JSON number takes no '+' sign";
    else if (*t == '.')
        why = "a JSON number starts with a digit: write 0.5, not .5";
    else if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
        why = "JSON has no hexadecimal numbers";
    else if (t[0] == '0' && t[1] >= '0' && t[1] <= '9')
        why = "a JSON number has no leading zeros";
    else if (az_jl_dot_without_digit(s, n))
        why = "a digit must follow the '.'";
    else
        why = "it is not a number in JSON's grammar (and not a string: strings need double quotes)";
    if (n > 40)
        return az_jl_error(st, AZ_D_LINT_SYNTAX, st->tok_off, n,
                           az_arena_printf(st->arena, "this is not a valid JSON number: %s", why));
    return az_jl_error(
        st, AZ_D_LINT_SYNTAX, st->tok_off, n,
        az_arena_printf(st->arena, "'%.*s' is not a valid JSON number: %s", (int)n, s, why));
}

/* One character no token starts with, at tok_off: NUL and bad UTF-8 are errors of their
 * own; anything else is a token the parser names ("found the character ';'"). */
static int az_jl_char(struct az_jl_state *st)
{
    unsigned char c = (unsigned char)st->text[st->tok_off];
    size_t k = 1;
    if (c == '\0')
        return az_jl_error(st, AZ_D_BAD_CHAR, st->tok_off, 1,
                           "a NUL byte: JSON text cannot hold one (is this a binary or UTF-16 "
                           "file?)");
    if (c >= 0x80) {
        k = az_utf8_len((const unsigned char *)st->text + st->tok_off, st->len - st->tok_off);
        if (k == 0)
            return az_jl_bad_utf8(st, st->tok_off);
    }
    st->tok_len = k;
    st->off = st->tok_off + k;
    return AZ_JL_CHAR;
}

/* Eight bytes at s, read in one go (memcpy: no alignment is assumed). */
static uint64_t az_jl_load8(const unsigned char *s)
{
    uint64_t v;
    memcpy(&v, s, sizeof v);
    return v;
}

#define AZ_JL_ONES 0x0101010101010101u

static bool az_jl_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool az_jl_word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || az_jl_digit(c) || c == '_' ||
           c == '$';
}

/* [-+.0-9A-Za-z_]: what a number-like run is made of. */
static bool az_jl_number_char(unsigned char c)
{
    return (az_jl_word_char(c) && c != '$') || c == '-' || c == '+' || c == '.';
}

/* The string opening at tok_off: "(SCHAR|ESC)*" closed, or the longest well-formed part of
 * one that is not (whose next byte az_jl_bad_string explains). */
static int az_jl_scan_string(struct az_jl_state *st)
{
    const unsigned char *t = (const unsigned char *)st->text;
    size_t i = st->tok_off + 1;
    bool plain = true, closed = false;
    for (;;) {
        i = az_jl_plain_end(t, i, st->len);
        unsigned char c = t[i];
        if (c == '"') {
            closed = true;
            break;
        }
        if (c == '\\') {
            unsigned char e = t[i + 1];
            if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' ||
                e == 't')
                i += 2;
            else if (e == 'u' && az_jl_is_hex((char)t[i + 2]) && az_jl_is_hex((char)t[i + 3]) &&
                     az_jl_is_hex((char)t[i + 4]) && az_jl_is_hex((char)t[i + 5]))
                i += 6; /* the NUL after the text fails the test before anything past it */
            else
                break; /* not an escape: the string stops before the '\\' */
            plain = false;
        } else if (c >= 0x80) {
            plain = false;
            i++;
        } else {
            break; /* a control character, NUL, or the end of the text */
        }
    }
    if (!closed) {
        st->tok_len = i - st->tok_off;
        st->off = i;
        return az_jl_bad_string(st);
    }
    st->tok_len = i + 1 - st->tok_off;
    st->off = i + 1;
    if (!plain)
        return az_jl_string(st);
    st->str_len = st->tok_len - 2;
    st->str = st->spans ? st->text + st->tok_off + 1
                        : az_arena_strndup(st->arena, st->text + st->tok_off + 1, st->str_len);
    return AZ_JL_STRING;
}

/* Something that starts like a number ([-+.0-9]): a number if the RFC's grammar matches
 * all of [-+.0-9][-+.0-9A-Za-z_]*, else AZ_JL_BAD for that whole run. */
static int az_jl_scan_number(struct az_jl_state *st)
{
    const unsigned char *t = (const unsigned char *)st->text;
    size_t start = st->tok_off, run = start + 1;
    while (az_jl_number_char(t[run]))
        run++;
    size_t j = start;
    bool ok = true;
    if (t[j] == '-')
        j++;
    if (t[j] == '0')
        j++;
    else if (t[j] >= '1' && t[j] <= '9')
        while (az_jl_digit(t[j]))
            j++;
    else
        ok = false;
    if (ok && t[j] == '.' && az_jl_digit(t[j + 1])) {
        j += 2;
        while (az_jl_digit(t[j]))
            j++;
    }
    if (ok && (t[j] == 'e' || t[j] == 'E')) {
        size_t k = j + 1;
        if (t[k] == '+' || t[k] == '-')
            k++;
        if (az_jl_digit(t[k])) {
            while (az_jl_digit(t[k]))
                k++;
            j = k;
        }
    }
    st->tok_len = run - start;
    st->off = run;
    if (ok && j == run)
        return AZ_JL_NUMBER;
    return az_jl_bad_number(st);
}

/* A token of n bytes at tok_off. */
static int az_jl_token(struct az_jl_state *st, size_t n, int tok)
{
    st->tok_len = n;
    st->off = st->tok_off + n;
    return tok;
}

/* A comment at tok_off that runs to the end of its line. */
static int az_jl_line_comment(struct az_jl_state *st)
{
    size_t i = st->tok_off;
    const char *nl = memchr(st->text + i, '\n', st->len - i);
    return az_jl_token(st, nl ? (size_t)(nl - st->text) - i : st->len - i, AZ_JL_COMMENT);
}

void az_jl_init(struct az_jl_state *st, struct az_arena *arena, const char *text, size_t len)
{
    *st = (struct az_jl_state){.arena = arena, .text = text, .len = len, .line = 1, .col = 1};
}

static int az_jl_scan(struct az_jl_state *st)
{
    const unsigned char *t = (const unsigned char *)st->text;
    size_t i = st->off;
    for (;;) { /* whitespace: only lines are counted; columns come from line_off */
        unsigned char c = t[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            i++;
        } else if (c == '\n') {
            st->line++;
            st->line_off = ++i;
            uint64_t x = 0; /* indentation: bytes that are not ' ' */
            while (i + 8 <= st->len && (x = az_jl_load8(t + i) ^ (AZ_JL_ONES * ' ')) == 0)
                i += 8;
            if (x)
                i += az_swar_first(x);
        } else {
            break;
        }
    }
    st->tok_off = i;
    st->tok_line = st->line;
    st->tok_col = (uint32_t)(i - st->line_off + 1);
    if (i >= st->len)
        return az_jl_token(st, 0, AZ_JL_EOF);
    unsigned char c = t[i];
    switch (c) {
    case '{':
        return az_jl_token(st, 1, AZ_JL_LBRACE);
    case '}':
        return az_jl_token(st, 1, AZ_JL_RBRACE);
    case '[':
        return az_jl_token(st, 1, AZ_JL_LBRACKET);
    case ']':
        return az_jl_token(st, 1, AZ_JL_RBRACKET);
    case ':':
        return az_jl_token(st, 1, AZ_JL_COLON);
    case ',':
        return az_jl_token(st, 1, AZ_JL_COMMA);
    case '"':
        return az_jl_scan_string(st);
    case '-':
    case '+':
    case '.':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        return az_jl_scan_number(st);
    case '\'': {
        size_t j = i + 1;
        while (j < st->len && t[j] != '\'' && t[j] != '\n')
            j++;
        if (j < st->len && t[j] == '\'')
            j++;
        return az_jl_token(st, j - i, AZ_JL_SQUOTE);
    }
    case '/':
        if (t[i + 1] == '*')
            return az_jl_token(st, 2, AZ_JL_COMMENT);
        if (t[i + 1] == '/')
            return az_jl_line_comment(st);
        return az_jl_char(st);
    case '#':
        return az_jl_line_comment(st);
    default:
        break;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$') {
        size_t j = i + 1;
        while (az_jl_word_char(t[j]))
            j++;
        size_t n = j - i;
        int tok = AZ_JL_WORD;
        if (n == 4 && memcmp(t + i, "true", 4) == 0)
            tok = AZ_JL_TRUE;
        else if (n == 5 && memcmp(t + i, "false", 5) == 0)
            tok = AZ_JL_FALSE;
        else if (n == 4 && memcmp(t + i, "null", 4) == 0)
            tok = AZ_JL_NULL;
        return az_jl_token(st, n, tok);
    }
    return az_jl_char(st);
}

int az_jl_next(struct az_jl_state *st)
{
    int tok = az_jl_scan(st);
    st->col = (uint32_t)(st->off - st->line_off + 1); /* tokens never span lines */
    return tok;
}

/* ---- reading without tokens (json_scan.h) ---------------------------------------------- */

/* az_jl_string_end, inline for az_jl_skip. */
static inline size_t az_jl_string_run(const unsigned char *t, size_t len, size_t at, bool *plain)
{
    size_t i = at + 1;
    bool pl = true;
    for (;;) {
        i = az_jl_plain_end(t, i, len);
        unsigned char c = t[i];
        if (c == '"')
            break;
        pl = false;
        if (c >= 0x80) { /* i < len: t[len] is NUL */
            size_t k = az_utf8_len(t + i, len - i);
            if (k == 0)
                return 0;
            i += k;
        } else if (c == '\\' && t[i + 1] && strchr("\"\\/bfnrt", t[i + 1])) {
            i += 2;
        } else if (c == '\\' && t[i + 1] == 'u' && az_jl_is_hex((char)t[i + 2]) &&
                   az_jl_is_hex((char)t[i + 3]) && az_jl_is_hex((char)t[i + 4]) &&
                   az_jl_is_hex((char)t[i + 5])) {
            unsigned cp = az_jl_hex4((const char *)t + i + 2);
            if (cp >= 0xD800 && cp <= 0xDFFF)
                return 0;
            i += 6;
        } else {
            return 0; /* a control character, NUL, the end, a bad escape */
        }
    }
    *plain = pl;
    return i + 1;
}

size_t az_jl_string_end(const unsigned char *t, size_t len, size_t at, bool *plain)
{
    return az_jl_string_run(t, len, at, plain);
}

size_t az_jl_number_end(const unsigned char *t, size_t i)
{
    if (t[i] == '-')
        i++;
    if (t[i] == '0')
        i++;
    else if (az_jl_digit(t[i]))
        while (az_jl_digit(t[i]))
            i++;
    else
        return 0;
    if (t[i] == '.') {
        if (!az_jl_digit(t[i + 1]))
            return 0;
        for (i += 2; az_jl_digit(t[i]); i++)
            ;
    }
    if (t[i] == 'e' || t[i] == 'E') {
        size_t k = i + 1 + (t[i + 1] == '+' || t[i + 1] == '-');
        if (!az_jl_digit(t[k]))
            return 0;
        while (az_jl_digit(t[k]))
            k++;
        i = k;
    }
    return az_jl_number_char(t[i]) ? 0 : i;
}

/* Whitespace from i on, counting lines as az_jl_scan does. */
static size_t az_jl_skip_space(const unsigned char *t, size_t i, size_t len, uint32_t *line,
                               size_t *line_off)
{
    if (t[i] > ' ') /* minified JSON: no whitespace at all */
        return i;
    for (;;) {
        unsigned char c = t[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            i++;
        } else if (c == '\n') {
            ++*line;
            *line_off = ++i;
            while (i + 8 <= len && az_jl_load8(t + i) == AZ_JL_ONES * ' ')
                i += 8; /* indentation */
        } else {
            return i;
        }
    }
}

/* The blanks (spaces and tabs) at the start of the line at line_off. */
static size_t az_jl_indent(const unsigned char *t, size_t line_off)
{
    size_t k = 0;
    while (t[line_off + k] == ' ' || t[line_off + k] == '\t')
        k++;
    return k;
}

/* Whether the word w (true, false, null) is at t + i, whole (no word character after it). */
static bool az_jl_literal_at(const unsigned char *t, size_t i, const char *w, size_t n)
{
    for (size_t k = 1; k < n; k++) /* t[i] matched; a NUL at the end stops the loop */
        if (t[i + k] != (unsigned char)w[k])
            return false;
    return !az_jl_word_char(t[i + n]);
}

/* A scalar value at i (not a container): just past it, or 0 when az_jl_skip gives up. */
static size_t az_jl_skip_scalar(const unsigned char *t, size_t len, size_t i)
{
    bool plain;
    switch (t[i]) {
    case '"':
        return az_jl_string_run(t, len, i, &plain);
    case 't':
        return az_jl_literal_at(t, i, "true", 4) ? i + 4 : 0;
    case 'f':
        return az_jl_literal_at(t, i, "false", 5) ? i + 5 : 0;
    case 'n':
        return az_jl_literal_at(t, i, "null", 4) ? i + 4 : 0;
    default:
        return t[i] == '-' || az_jl_digit(t[i]) ? az_jl_number_end(t, i) : 0;
    }
}

#define AZ_JL_SKIP_MAX 64

/* The closer at i of the container opened on the line at opener: false when the parser
 * would look at it for a missing closer (see struct az_jl_skip's lineup). */
static bool az_jl_skip_closer(const unsigned char *t, size_t i, size_t line_off, size_t opener,
                              const struct az_jl_skip *sk)
{
    if (!sk->lineup || line_off == opener)
        return true;
    size_t ind = az_jl_indent(t, line_off);
    return ind != i - line_off || ind == az_jl_indent(t, opener) + (opener == 0 ? sk->indent1 : 0);
}

bool az_jl_skip(struct az_jl_state *st, struct az_jl_skip *sk)
{
    const unsigned char *t = (const unsigned char *)st->text;
    const size_t len = st->len;
    bool object[AZ_JL_SKIP_MAX];
    size_t open_line[AZ_JL_SKIP_MAX]; /* where the opener's line starts */
    size_t i = st->off, line_off = st->line_off, count = 0;
    uint32_t line = st->line;
    unsigned depth = 1, limit = sk->levels < AZ_JL_SKIP_MAX ? sk->levels : AZ_JL_SKIP_MAX;
    if (limit == 0 || st->tok_len != 1 || (t[st->tok_off] != '{' && t[st->tok_off] != '['))
        return false;
    object[0] = t[st->tok_off] == '{';
    open_line[0] = line_off;
    bool opened = true; /* just after an opener, where its closer may come at once */
    while (depth > 0) {
        /* a member or element (or, just after an opener, the closer) */
        i = az_jl_skip_space(t, i, len, &line, &line_off);
        bool obj = object[depth - 1];
        if (!opened || t[i] != (obj ? '}' : ']')) {
            bool plain;
            if (obj) {
                if (t[i] != '"' || (i = az_jl_string_run(t, len, i, &plain)) == 0)
                    return false;
                if (t[i] != ':') {
                    i = az_jl_skip_space(t, i, len, &line, &line_off);
                    if (t[i] != ':')
                        return false;
                }
                i = az_jl_skip_space(t, i + 1, len, &line, &line_off);
            }
            if (depth == 1)
                count++;
            unsigned char c = t[i];
            if (c == '{' || c == '[') {
                if (depth == limit)
                    return false;
                object[depth] = c == '{';
                open_line[depth++] = line_off;
                i++;
                opened = true;
                continue;
            }
            if ((i = az_jl_skip_scalar(t, len, i)) == 0)
                return false;
            i = az_jl_skip_space(t, i, len, &line, &line_off);
        }
        /* after a value: ',' or the closer (and then the closers of the containers around) */
        for (;;) {
            if (t[i] == ',') {
                i++;
                opened = false;
                break;
            }
            if (t[i] != (object[depth - 1] ? '}' : ']') ||
                !az_jl_skip_closer(t, i, line_off, open_line[depth - 1], sk))
                return false;
            if (--depth == 0)
                break;
            i = az_jl_skip_space(t, i + 1, len, &line, &line_off);
        }
    }
    /* as az_jl_next leaves it after returning the closer at i */
    st->tok_off = i;
    st->tok_len = 1;
    st->tok_line = line;
    st->tok_col = (uint32_t)(i - line_off + 1);
    st->off = i + 1;
    st->line = line;
    st->line_off = line_off;
    st->col = (uint32_t)(st->off - line_off + 1);
    sk->count = count;
    return true;
}
