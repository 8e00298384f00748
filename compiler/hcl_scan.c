/* hcl_scan.c - the scanner of HCL native syntax (Terraform .tf files) for `authzc lint`.
 *
 * Hand-written (it replaced a flex scanner: the same tokens, places and messages in about a
 * third of the instructions); it reads the source in place. It hands grammar/hcl.y tokens with
 * their spans: lines, byte columns and offsets. Besides tokens it keeps a stack of frames
 * (struct az_hcl_frame: a body, an object, (), [], ${ }, %{ }, a string, a heredoc), bounded
 * by ctx->max_depth (AZ106, the file is then not read further). The frames decide
 *   - which newlines are tokens: in a body (ending a statement, repeats dropped) and in an
 *     object (separating items; not right after '{' or ','), never inside (), [], ${ } or a
 *     for expression;
 *   - whether '{' opens a block body (a statement without '=' yet) or an object;
 *   - what '}' closes (a body, an object, or an interpolation: TEND), and which mode
 *     resumes (code, a quoted string, or a heredoc's text or the start of its next line);
 *   - where 'for', 'in', 'if' and the %{ directive keywords are keywords.
 * Template text comes as TLIT tokens with escapes decoded (\n \r \t \" \\ \uNNNN
 * \UNNNNNNNN, $${ and %%{); a heredoc's text comes one line per TLIT (for <<- indentation).
 * Comments: # and // (their text is checked for "authzc:ignore"), and block comments.
 * Lexical problems are reported here with their exact place: bad escapes, invalid UTF-8
 * (AZ103), NUL bytes (AZ104), unterminated strings, heredocs and comments, characters no
 * token begins with; those that break a token return the error token, and the parser
 * skips to the end of the statement (az_hcl_skip_statement). az_hcllex wraps the scanner:
 * the newline before the end of the file, the skipping, and what syntax messages need to
 * know about the last tokens.
 *
 * Each mode reads the longest token that begins at the current byte (what a flex rule set
 * would match: NUM [0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?, names ([A-Za-z_]|UTF-8)([A-Za-z0-9_-]
 * |UTF-8)*, heredoc markers [A-Za-z_][A-Za-z0-9_-]*, UTF-8 as in utf8.h). Until the file's
 * first error, the two commonest whole lines of a generated file, NAME = "text" and
 * NAME "label"... {, are one token each (ATTRLINE, BLOCKOPEN: scan_line); blanks, names and
 * plain string text are skipped a word (SWAR) or sixteen bytes (SSE2) at a time. */
#include "hcl_parser.h" /* the tokens, the state, az_hcllex (grammar/hcl.y) */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/lint.h"
#include "authzc/source.h"
#include "authzc/swar.h"
#include "authzc/utf8.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define HCL_SSE2 1
#endif

typedef AZ_HCLSTYPE YYSTYPE;
typedef struct az_hcl_loc YYLTYPE;

/* What the scanner reads next (st->sc). */
enum { SC_CODE, SC_STR, SC_HD, SC_HDBOL, SC_COMMENT };
/* No token: read on. */
#define NONE (-1)

static int stray(struct az_hcl_state *st, const char *text, size_t len, const YYLTYPE *loc);
static void bad_byte(struct az_hcl_state *st, const char *text, size_t len, const YYLTYPE *loc,
                     const char *where);
static void lit_add(struct az_hcl_state *st, const char *s, size_t n, const YYLTYPE *loc);
static int eof_token(struct az_hcl_state *st, YYLTYPE *loc);

/* ---- position ---------------------------------------------------------------------------- */

/* Moves over the matched text; loc gets its span. No rule matches a line end except as its
 * last byte (\r?\n, a heredoc's opening line, a line end in a comment or heredoc), so a
 * token ends its line exactly when its last byte is '\n'. */
static void advance(struct az_hcl_state *st, const char *text, size_t len, YYLTYPE *loc)
{
    loc->off = st->off;
    loc->line = st->line;
    loc->col = st->col;
    st->off += (uint32_t)len;
    if (len > 0 && text[len - 1] == '\n') {
        st->line++;
        st->col = 1;
    } else {
        st->col += (uint32_t)len;
    }
    loc->end = st->off;
    loc->end_line = st->line;
    loc->end_col = st->col;
}

/* Back to where the token began (it is scanned again after yyless(0)). */
static void unadvance(struct az_hcl_state *st, const YYLTYPE *loc)
{
    st->off = loc->off;
    st->line = loc->line;
    st->col = loc->col;
}

/* ---- frames ------------------------------------------------------------------------------ */

static struct az_hcl_frame *top(struct az_hcl_state *st)
{
    return &st->frames[st->nframes - 1];
}

/* A token of the current frame: remembered for newlines and syntax messages. */
static int tok(struct az_hcl_state *st, int t, const YYLTYPE *loc)
{
    struct az_hcl_frame *fr = top(st);
    st->tok_frame = st->nframes - 1;
    if (fr->kind == AZ_HCL_FR_DIRECTIVE && fr->fresh) {
        fr->fresh = false;
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                     "expected 'if', 'for', 'else', 'endif' or 'endfor' after '%%{'");
        return HCL_AZ_HCLerror;
    }
    fr->fresh = false;
    st->prev_scan = t;
    st->code_line = loc->end_line;
    st->code_col = loc->end_col;
    st->code_off = loc->end;
    return t;
}

static bool push(struct az_hcl_state *st, enum az_hcl_frame_kind kind, const YYLTYPE *loc)
{
    if (st->nframes >= st->max_frames) {
        az_hcl_error(st, AZ_D_LIMIT, loc,
                     "the file nests deeper than %u levels here; authzc stops reading this file",
                     st->max_frames - 1);
        st->stopped = true;
        return false;
    }
    struct az_hcl_frame *fr = &st->frames[st->nframes++];
    memset(fr, 0, sizeof *fr);
    fr->kind = kind;
    fr->fresh = true;
    fr->open = *loc;
    return true;
}

static int start_of(const struct az_hcl_state *st)
{
    switch (st->frames[st->nframes - 1].kind) {
    case AZ_HCL_FR_STRING:
        return SC_STR;
    case AZ_HCL_FR_HEREDOC:
        return SC_HD;
    default:
        return SC_CODE;
    }
}

/* An opener token that pushes a frame. */
static int opener(struct az_hcl_state *st, int t, enum az_hcl_frame_kind kind, const YYLTYPE *loc)
{
    int r = tok(st, t, loc);
    if (r != t)
        return r;
    if (!push(st, kind, loc))
        return HCL_YYEOF;
    return t;
}

static int newline(struct az_hcl_state *st, YYLTYPE *loc)
{
    struct az_hcl_frame *fr = top(st);
    switch (fr->kind) {
    case AZ_HCL_FR_BODY:
        if (st->prev_scan == 0 || st->prev_scan == HCL_NL)
            return 0;
        if (st->prev_scan == HCL_OBRACE_BODY)
            fr->multi = true;
        fr->seen_eq = false;
        break;
    case AZ_HCL_FR_OBJECT:
        if (st->prev_scan == HCL_NL || st->prev_scan == HCL_COMMA || st->prev_scan == HCL_OBRACE)
            return 0;
        break;
    default:
        return 0;
    }
    /* The place: right after the line's last token, where the statement ended. */
    if (st->code_line == loc->line) {
        loc->off = loc->end = st->code_off;
        loc->col = loc->end_col = st->code_col;
    } else {
        loc->end = loc->off;
        loc->end_col = loc->col;
    }
    loc->end_line = loc->line;
    int t = tok(st, HCL_NL, loc);
    st->code_line = 0; /* a newline does not move the place of the next one */
    return t;
}

/* '{': a block's body when the statement has no '=' yet, else an object. */
static int open_brace(struct az_hcl_state *st, const YYLTYPE *loc)
{
    struct az_hcl_frame *fr = top(st);
    bool body = fr->kind == AZ_HCL_FR_BODY && !fr->seen_eq;
    return opener(st, body ? HCL_OBRACE_BODY : HCL_OBRACE, body ? AZ_HCL_FR_BODY : AZ_HCL_FR_OBJECT,
                  loc);
}

/* Which frames c closes, and which it may close implicitly on its way (unclosed brackets:
 * the parser reports them). */
static bool closes(char c, enum az_hcl_frame_kind k)
{
    switch (c) {
    case '}':
        return k == AZ_HCL_FR_BODY || k == AZ_HCL_FR_OBJECT || k == AZ_HCL_FR_FOROBJ ||
               k == AZ_HCL_FR_INTERP || k == AZ_HCL_FR_DIRECTIVE;
    case ']':
        return k == AZ_HCL_FR_BRACKET;
    default:
        return k == AZ_HCL_FR_PAREN;
    }
}

static bool crossable(char c, enum az_hcl_frame_kind k)
{
    if (c == '}')
        return k == AZ_HCL_FR_PAREN || k == AZ_HCL_FR_BRACKET;
    return k == AZ_HCL_FR_PAREN || k == AZ_HCL_FR_BRACKET || k == AZ_HCL_FR_OBJECT ||
           k == AZ_HCL_FR_FOROBJ;
}

static int closer(struct az_hcl_state *st, char c, bool strip, const YYLTYPE *loc)
{
    unsigned i = st->nframes;
    while (i > 1 && !closes(c, st->frames[i - 1].kind) && crossable(c, st->frames[i - 1].kind))
        i--;
    bool found = i > 1 && closes(c, st->frames[i - 1].kind);
    enum az_hcl_frame_kind k = found ? st->frames[i - 1].kind : AZ_HCL_FR_BODY;
    bool tmpl = found && (k == AZ_HCL_FR_INTERP || k == AZ_HCL_FR_DIRECTIVE);
    if (strip && !tmpl) {
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                     "'~}' ends only a '${ ... }' or '%%{ ... }' sequence inside a string");
        return HCL_AZ_HCLerror;
    }
    bool one_line = found && k == AZ_HCL_FR_BODY && !st->frames[i - 1].multi;
    int t = c == '}'   ? (tmpl       ? HCL_TEND
                          : one_line ? HCL_CBRACE_ONE
                                     : HCL_CBRACE)
            : c == ']' ? HCL_RBRACK
                       : HCL_RPAREN;
    t = tok(st, t, loc);
    if (found) {
        st->nframes = i - 1;
        st->closed_body = k == AZ_HCL_FR_BODY && !one_line;
    }
    return t;
}

/* ---- names and keywords ------------------------------------------------------------------ */

static bool word_is(const char *text, size_t len, const char *w)
{
    return len == strlen(w) && memcmp(text, w, len) == 0;
}

/* Whether a code point may be part of a name: HCL takes Unicode letters (ID_Start,
 * ID_Continue); this keeps out what is clearly not one (punctuation such as curly quotes,
 * symbols, arrows, private use, emoji). */
static bool name_char(uint32_t cp)
{
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return false;
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFF20) || cp >= 0xFFF0)
        return false;
    return true;
}

static uint32_t decode_utf8(const unsigned char *s, size_t *len)
{
    unsigned char c = s[0];
    size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    uint32_t cp = c >= 0xF0 ? c & 0x07u : c >= 0xE0 ? c & 0x0Fu : c & 0x1Fu;
    for (size_t i = 1; i < k; i++)
        cp = (cp << 6) | (s[i] & 0x3Fu);
    *len = k;
    return cp;
}

static int stray(struct az_hcl_state *st, const char *text, size_t len, const YYLTYPE *loc);

/* A name (ascii: all of it is ASCII, so every character is a name's). */
static int ident(struct az_hcl_state *st, const char *text, size_t len, bool ascii, YYSTYPE *lval,
                 YYLTYPE *loc)
{
    for (size_t i = 0; i < len && !ascii;) {
        if ((unsigned char)text[i] < 0x80) {
            i++;
            continue;
        }
        size_t k;
        uint32_t cp = decode_utf8((const unsigned char *)text + i, &k);
        if (!name_char(cp)) {
            YYLTYPE at = *loc;
            at.off += (uint32_t)i;
            at.col += (uint32_t)i;
            at.end = at.off + (uint32_t)k;
            at.end_line = at.line;
            at.end_col = at.col + (uint32_t)k;
            return stray(st, text + i, k, &at);
        }
        i += k;
    }
    struct az_hcl_frame *fr = top(st);
    if (fr->kind == AZ_HCL_FR_DIRECTIVE && fr->fresh) {
        static const struct {
            const char *word;
            int tok;
        } kw[] = {{"if", HCL_TIF},
                  {"else", HCL_TELSE},
                  {"endif", HCL_TENDIF},
                  {"for", HCL_TFOR},
                  {"endfor", HCL_TENDFOR}};
        for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
            if (word_is(text, len, kw[i].word)) {
                YYLTYPE span = *loc; /* from the '%{' */
                span.off = fr->open.off;
                span.line = fr->open.line;
                span.col = fr->open.col;
                fr->fresh = false;
                if (kw[i].tok == HCL_TFOR)
                    fr->for_state = 1;
                *loc = span;
                return tok(st, kw[i].tok, loc);
            }
        return tok(st, HCL_IDENT, loc); /* reports the missing keyword */
    }
    if (fr->fresh && (fr->kind == AZ_HCL_FR_BRACKET || fr->kind == AZ_HCL_FR_OBJECT) &&
        word_is(text, len, "for")) {
        if (fr->kind == AZ_HCL_FR_OBJECT)
            fr->kind = AZ_HCL_FR_FOROBJ; /* a for expression ignores newlines */
        fr->for_state = 1;
        return tok(st, HCL_FOR, loc);
    }
    if (fr->for_state == 1 && word_is(text, len, "in")) {
        fr->for_state = 2;
        return tok(st, HCL_IN, loc);
    }
    if (fr->for_state == 2 && fr->kind != AZ_HCL_FR_DIRECTIVE && word_is(text, len, "if"))
        return tok(st, HCL_IF, loc);
    lval->node = az_hcl_leaf(st, AZ_HCL_VAR, loc, text, len);
    return tok(st, HCL_IDENT, loc);
}

/* ---- templates --------------------------------------------------------------------------- */

static void lit_add(struct az_hcl_state *st, const char *s, size_t n, const YYLTYPE *loc)
{
    if (!st->lit_open || st->buf_len == 0) {
        st->lit_open = true;
        if (st->buf_len == 0)
            st->lit_loc = *loc;
    }
    if (st->buf_len + n + 1 > st->buf_cap) {
        size_t cap = st->buf_cap ? st->buf_cap : 256;
        while (cap < st->buf_len + n + 1)
            cap *= 2;
        char *nb = realloc(st->buf, cap);
        if (!nb) {
            fputs("authzc: error: out of memory\n", stderr);
            abort();
        }
        st->buf = nb;
        st->buf_cap = cap;
    }
    memcpy(st->buf + st->buf_len, s, n);
    st->buf_len += n;
}

/* The literal read so far as one TLIT token, spanning from its first byte to here. */
static int lit_flush(struct az_hcl_state *st, YYSTYPE *lval)
{
    YYLTYPE loc = st->lit_loc;
    loc.end = st->off;
    loc.end_line = st->line;
    loc.end_col = st->col;
    lval->node = az_hcl_leaf(st, AZ_HCL_TLIT, &loc, st->buf ? st->buf : "", st->buf_len);
    st->buf_len = 0;
    return tok(st, HCL_TLIT, &loc);
}

static void put_utf8(struct az_hcl_state *st, uint32_t cp, const YYLTYPE *loc)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    lit_add(st, b, n, loc);
}

/* The value of n hexadecimal digits (at most 8). */
static uint32_t hex_value(const char *s, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        v = (v << 4) | (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

static void lit_escape(struct az_hcl_state *st, const char *text, size_t len, const YYLTYPE *loc)
{
    switch (text[1]) {
    case 'n':
        lit_add(st, "\n", 1, loc);
        return;
    case 'r':
        lit_add(st, "\r", 1, loc);
        return;
    case 't':
        lit_add(st, "\t", 1, loc);
        return;
    case '"':
    case '\\':
        lit_add(st, text + 1, 1, loc);
        return;
    case 'u':
    case 'U':
        if (len == 6 || len == 10) {
            uint32_t cp = hex_value(text + 2, len - 2); /* text is not NUL-terminated */
            if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
                az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                             "'%.*s' is not a character: U+%04X cannot be written in UTF-8",
                             (int)len, text, (unsigned)cp);
                lit_add(st, text, len, loc);
                return;
            }
            put_utf8(st, cp, loc);
            return;
        }
        break;
    default:
        break;
    }
    if (text[1] == 'u' || text[1] == 'U')
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                     "'\\%c' takes exactly %d hexadecimal digits (\\u00e9, \\U0001F600)", text[1],
                     text[1] == 'u' ? 4 : 8);
    else if ((unsigned char)text[1] < 0x20 || text[1] == 0x7F)
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                     "invalid escape: a backslash before a control character; HCL strings "
                     "know \\n \\r \\t \\\" \\\\ \\uNNNN and \\UNNNNNNNN");
    else
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                     "invalid escape '%.*s'; HCL strings know \\n \\r \\t \\\" \\\\ \\uNNNN and "
                     "\\UNNNNNNNN (write \\\\ for a backslash)",
                     (int)len, text);
    lit_add(st, text, len, loc);
}

/* "${" pushes an interpolation (a token); "%{" a directive, whose keyword comes next (the
 * keyword is the token: returns 0 here). */
static int template_open(struct az_hcl_state *st, bool directive, const YYLTYPE *loc)
{
    st->lit_open = false;
    if (directive) {
        top(st)->fresh = false;
        if (!push(st, AZ_HCL_FR_DIRECTIVE, loc))
            return HCL_YYEOF;
        return 0;
    }
    return opener(st, HCL_TINTERP, AZ_HCL_FR_INTERP, loc);
}

static int string_end(struct az_hcl_state *st, YYLTYPE *loc)
{
    st->lit_open = false;
    st->nframes--;
    return tok(st, HCL_CQUOTE, loc);
}

/* A string, heredoc or comment that never ends: reported at its opening. */
static int unterminated(struct az_hcl_state *st, const char *where, YYLTYPE *loc)
{
    struct az_hcl_frame *fr = top(st);
    st->lit_open = false;
    st->buf_len = 0;
    if (fr->kind == AZ_HCL_FR_HEREDOC) {
        /* Its marker on the last line, without a line end after it? */
        size_t n;
        const char *last = az_source_line(st->src, st->src->nlines, &n);
        while (last && n > 0 && (last[0] == ' ' || last[0] == '\t')) {
            last++;
            n--;
        }
        while (last && n > 0 && (last[n - 1] == ' ' || last[n - 1] == '\t'))
            n--;
        bool marker_last = last && n == fr->marker_len && memcmp(last, fr->marker, n) == 0;
        az_hcl_error(st, AZ_D_LINT_SYNTAX, &fr->open,
                     "unterminated heredoc: no line holding only '%s' before %s%s", fr->marker,
                     where, marker_last ? " (the closing marker needs a line end after it)" : "");
    } else {
        /* Skipping after a syntax error: the string is part of what is skipped. */
        if (st->skip_frame < 0)
            az_hcl_error(st, AZ_D_LINT_SYNTAX, &fr->open,
                         "unterminated string: no closing '\"' before %s", where);
        /* A string inside an interpolation of a string begun on the same line: that line's
         * quoting is broken (most likely a '}' is missing), so the outer string ends here too
         * rather than swallowing the next lines. */
        while (st->nframes > 3 && st->frames[st->nframes - 2].kind == AZ_HCL_FR_INTERP &&
               st->frames[st->nframes - 3].kind == AZ_HCL_FR_STRING &&
               st->frames[st->nframes - 3].open.line == fr->open.line)
            st->nframes -= 2;
    }
    st->nframes--;
    *loc = fr->open;
    st->tok_frame = st->nframes - 1;
    return HCL_AZ_HCLerror;
}

static int heredoc_start(struct az_hcl_state *st, const char *text, size_t len, YYSTYPE *lval,
                         YYLTYPE *loc)
{
    bool flush = text[2] == '-';
    size_t a = flush ? 3 : 2, b = len;
    while (b > a && (text[b - 1] == '\n' || text[b - 1] == '\r'))
        b--;
    /* The token is <<EOT: the line end it swallowed is not part of its place. */
    loc->end = loc->off + (uint32_t)b;
    loc->end_line = loc->line;
    loc->end_col = loc->col + (uint32_t)b;
    int t = opener(st, HCL_HEREDOC, AZ_HCL_FR_HEREDOC, loc);
    if (t != HCL_HEREDOC)
        return t;
    struct az_hcl_frame *fr = top(st);
    fr->marker = az_arena_strndup(st->ctx->arena, text + a, b - a);
    fr->marker_len = b - a;
    lval->node = az_hcl_leaf(st, AZ_HCL_TEMPLATE, loc, fr->marker, fr->marker_len);
    lval->node->flags = AZ_HCL_F_HEREDOC | (flush ? AZ_HCL_F_FLUSH : 0);
    st->lit_open = true;
    st->buf_len = 0;
    st->lit_loc.off = st->off;
    st->lit_loc.line = st->line;
    st->lit_loc.col = st->col;
    return t;
}

/* A word alone at the start of a heredoc line: the closing marker when it is the marker and
 * the line ends there. Returns HEREDOC_END, or 0 (the line is text). */
static int heredoc_line(struct az_hcl_state *st, const char *text, size_t len, YYLTYPE *loc)
{
    struct az_hcl_frame *fr = top(st);
    size_t a = 0, b = len;
    while (a < b && (text[a] == ' ' || text[a] == '\t'))
        a++;
    while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t'))
        b--;
    if (b - a != fr->marker_len || memcmp(text + a, fr->marker, b - a) != 0)
        return 0;
    const char *s = st->src->text;
    size_t o = st->off;
    if (!(o < st->src->len &&
          (s[o] == '\n' || (s[o] == '\r' && o + 1 < st->src->len && s[o + 1] == '\n'))))
        return 0;
    st->lit_open = false;
    st->buf_len = 0;
    st->nframes--;
    loc->off += (uint32_t)a;
    loc->col += (uint32_t)a;
    loc->end = loc->off + (uint32_t)(b - a);
    loc->end_col = loc->col + (uint32_t)(b - a);
    return tok(st, HCL_HEREDOC_END, loc);
}

/* ---- comments and stray bytes ------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid (utf8.h). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    return az_utf8_len(s, n);
}

static void bad_byte(struct az_hcl_state *st, const char *text, size_t len, const YYLTYPE *loc,
                     const char *where)
{
    YYLTYPE at = *loc;
    at.end = at.off + (uint32_t)len;
    at.end_line = at.line;
    at.end_col = at.col + (uint32_t)len;
    unsigned char c = (unsigned char)text[0];
    if (c == 0)
        az_hcl_error(st, AZ_D_BAD_CHAR, &at, "NUL byte in %s; is this a text file?", where);
    else if (c == '\r')
        az_hcl_error(st, AZ_D_LINT_SYNTAX, &at,
                     "carriage return (U+000D) without a line feed in %s; write \\r, or save "
                     "the file with LF or CRLF line ends",
                     where);
    else
        az_hcl_error(st, AZ_D_BAD_UTF8, &at,
                     "invalid UTF-8 byte 0x%02X in %s; save the file as UTF-8", c, where);
}

/* "authzc:ignore IDS reason" at the start of a comment's text. */
static void suppression(struct az_hcl_state *st, const char *s, size_t n, const YYLTYPE *loc)
{
    static const char tag[] = "authzc:ignore";
    size_t k = 0, tl = sizeof tag - 1;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    if (n - k < tl || memcmp(s + k, tag, tl) != 0)
        return;
    k += tl;
    if (k < n && s[k] != ' ' && s[k] != '\t')
        return;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    size_t ids = k;
    while (k < n && s[k] != ' ' && s[k] != '\t')
        k++;
    size_t ids_end = k;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    size_t r = k, re = n;
    while (re > r && (s[re - 1] == ' ' || s[re - 1] == '\t'))
        re--;
    if (!st->f)
        return;
    struct az_lsuppress *sp = az_arena_alloc(st->ctx->arena, sizeof *sp);
    sp->ids = az_arena_strndup(st->ctx->arena, s + ids, ids_end - ids);
    sp->reason = az_arena_strndup(st->ctx->arena, s + r, re - r);
    sp->line = loc->line;
    sp->loc = az_hcl_loc_of(st, loc);
    sp->used = false;
    az_lint_add_suppress(st->f, sp);
}

static void comment(struct az_hcl_state *st, const char *text, size_t len, const YYLTYPE *loc)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        size_t k = s[i] ? utf8_len(s + i, len - i) : 0;
        if (k == 0) {
            YYLTYPE at = *loc;
            at.off += (uint32_t)i;
            at.col += (uint32_t)i;
            bad_byte(st, text + i, 1, &at, "a comment");
            return;
        }
        i += k;
    }
    size_t skip = text[0] == '#' ? 1 : 2;
    suppression(st, text + skip, len - skip, loc);
}

/* A character that starts no token. */
static int stray(struct az_hcl_state *st, const char *text, size_t len, const YYLTYPE *loc)
{
    unsigned char c = (unsigned char)text[0];
    if (c == 0 || (c >= 0x80 && len == 1)) {
        bad_byte(st, text, 1, loc, "the file");
        return HCL_AZ_HCLerror;
    }
    if (c >= 0x80) {
        size_t k;
        uint32_t cp = decode_utf8((const unsigned char *)text, &k);
        if (cp == 0x201C || cp == 0x201D)
            az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                         "unexpected character '%.*s' (U+%04X); strings are written in straight "
                         "double quotes \"...\"",
                         (int)len, text, (unsigned)cp);
        else if (cp < 0xA0)
            az_hcl_error(st, AZ_D_LINT_SYNTAX, loc, "unexpected control character U+%04X",
                         (unsigned)cp);
        else
            az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                         "unexpected character '%.*s' (U+%04X); names are letters, digits, '_' "
                         "and '-' (quote anything else)",
                         (int)len, text, (unsigned)cp);
        return HCL_AZ_HCLerror;
    }
    if (c == '\r')
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                     "carriage return (U+000D) without a line feed; save the file with LF or "
                     "CRLF line ends");
    else if (c < 0x20 || c == 0x7F)
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc, "unexpected control character U+%04X; remove it",
                     c);
    else if (c == ';')
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                     "unexpected ';': arguments end at the end of the line");
    else if (c == '$')
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                     "unexpected '$': '${ ... }' interpolates only inside a string (\"${var.x}\"); "
                     "outside one, write the reference alone (var.x)");
    else if (c == '`')
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                     "unexpected '`': strings are written in double quotes \"...\"");
    else
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc, "unexpected character '%c'", c);
    return HCL_AZ_HCLerror;
}

/* ---- the modes --------------------------------------------------------------------------- */

enum {
    C_NAME0 = 1 << 0, /* [A-Za-z_]: begins a name or a heredoc marker */
    C_NAME = 1 << 1,  /* [A-Za-z0-9_-] */
    C_DIGIT = 1 << 2, /* [0-9] */
    C_HEX = 1 << 3,   /* [0-9A-Fa-f] */
    C_STR = 1 << 4,   /* plain text of a quoted string: not " \ $ % CR LF NUL or non-ASCII */
    C_HD = 1 << 5,    /* plain text of a heredoc: not $ % CR LF NUL or non-ASCII */
    C_CMT = 1 << 6,   /* plain text of a block comment: not * CR LF NUL or non-ASCII */
};
static unsigned char cls[256];

static void classes(void)
{
    for (unsigned c = 1; c < 0x80; c++) {
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        bool digit = c >= '0' && c <= '9';
        unsigned k = 0;
        if (alpha || c == '_')
            k |= C_NAME0;
        if (alpha || digit || c == '_' || c == '-')
            k |= C_NAME;
        if (digit)
            k |= C_DIGIT;
        if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            k |= C_HEX;
        if (c != '\r' && c != '\n' && c != '$' && c != '%') {
            k |= C_HD;
            if (c != '"' && c != '\\')
                k |= C_STR;
        }
        if (c != '*' && c != '\r' && c != '\n')
            k |= C_CMT;
        cls[c] = (unsigned char)k;
    }
}

/* ---- runs of bytes ----------------------------------------------------------------------- */

/* From e, past blanks (spaces and tabs): eight bytes at a time while they are spaces. */
static size_t skip_blanks(const unsigned char *s, size_t e, size_t n)
{
    while (e + 8 <= n) {
        uint64_t x = az_swar_load8(s + e) ^ (AZ_SWAR_ONES * ' ');
        if (x) {
            e += az_swar_first(x);
            if (s[e] != '\t')
                return e;
            break;
        }
        e += 8;
    }
    while (e < n && (s[e] == ' ' || s[e] == '\t'))
        e++;
    return e;
}

/* From e, past the ASCII bytes of a name, [A-Za-z0-9_-]: sixteen at a time with SSE2. */
static size_t skip_name(const unsigned char *s, size_t e, size_t n)
{
#ifdef HCL_SSE2
    const __m128i case_bit = _mm_set1_epi8(0x20), to_alpha = _mm_set1_epi8((char)(0x80 - 'a')),
                  alpha_end = _mm_set1_epi8((char)(-128 + 26)),
                  to_digit = _mm_set1_epi8((char)(0x80 - '0')),
                  digit_end = _mm_set1_epi8((char)(-128 + 10)), under = _mm_set1_epi8('_'),
                  dash = _mm_set1_epi8('-');
    for (; e + 16 <= n; e += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + e));
        /* in a range: shifted to the bottom of the signed bytes, below its length */
        __m128i alpha =
            _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, case_bit), to_alpha), alpha_end);
        __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, to_digit), digit_end);
        __m128i other = _mm_or_si128(_mm_cmpeq_epi8(v, under), _mm_cmpeq_epi8(v, dash));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(alpha, digit), other));
        if (m != 0xFFFFu)
            return e + (unsigned)__builtin_ctz(~m);
    }
#endif
    while (e < n && (cls[s[e]] & C_NAME))
        e++;
    return e;
}

/* From e, past the plain bytes of a quoted string (C_STR): sixteen at a time with SSE2. */
static size_t skip_plain(const unsigned char *s, size_t e, size_t n)
{
#ifdef HCL_SSE2
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                  dollar = _mm_set1_epi8('$'), pct = _mm_set1_epi8('%'), cr = _mm_set1_epi8('\r'),
                  lf = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    for (; e + 16 <= n; e += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + e));
        __m128i stop = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, dollar), _mm_cmpeq_epi8(v, pct))),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)),
                         _mm_cmpeq_epi8(v, zero)));
        unsigned m = (unsigned)(_mm_movemask_epi8(stop) | _mm_movemask_epi8(v)); /* or >= 0x80 */
        if (m)
            return e + (unsigned)__builtin_ctz(m);
    }
#endif
    while (e < n && (cls[s[e]] & C_STR))
        e++;
    return e;
}

/* The byte at i, -1 past the end. */
static int peek(const struct az_hcl_state *st, size_t i)
{
    return i < st->src->len ? (unsigned char)st->src->text[i] : -1;
}

/* The length of the valid UTF-8 sequence of 2 to 4 bytes at i; 0 if there is none. */
static size_t utf8_at(const struct az_hcl_state *st, size_t i)
{
    const unsigned char *s = (const unsigned char *)st->src->text;
    return i < st->src->len && s[i] >= 0x80 ? az_utf8_len(s + i, st->src->len - i) : 0;
}

/* The next len bytes as one match: loc gets their span; returns their text. */
static const char *take(struct az_hcl_state *st, size_t len, YYLTYPE *loc)
{
    const char *text = st->src->text + st->off;
    advance(st, text, len, loc);
    return text;
}

/* A token of len bytes that only marks its place. */
static int punct(struct az_hcl_state *st, size_t len, int t, YYLTYPE *loc)
{
    take(st, len, loc);
    return tok(st, t, loc);
}

/* A two-byte token when the next byte is second, else a one-byte one. */
static int punct2(struct az_hcl_state *st, char second, int t2, int t1, YYLTYPE *loc)
{
    if (peek(st, st->off + 1) == (unsigned char)second)
        return punct(st, 2, t2, loc);
    return punct(st, 1, t1, loc);
}

/* A character that starts no token, one byte (or one UTF-8 character) long. */
static int stray_at(struct az_hcl_state *st, size_t len, YYLTYPE *loc)
{
    const char *text = take(st, len, loc);
    return stray(st, text, len, loc);
}

/* A name: ([A-Za-z_]|UTF-8)([A-Za-z0-9_-]|UTF-8)*, its first character k bytes long. */
static int scan_name(struct az_hcl_state *st, size_t k, YYSTYPE *lval, YYLTYPE *loc)
{
    const unsigned char *s = (const unsigned char *)st->src->text;
    size_t e = st->off + k, n = st->src->len;
    bool ascii = k == 1;
    while (e < n) {
        if (cls[s[e]] & C_NAME) {
            e = skip_name(s, e + 1, n);
        } else if (s[e] >= 0x80 && (k = utf8_at(st, e)) > 0) {
            e += k;
            ascii = false;
        } else {
            break;
        }
    }
    size_t len = e - st->off;
    const char *text = take(st, len, loc);
    return ident(st, text, len, ascii, lval, loc);
}

/* NUM: [0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int scan_number(struct az_hcl_state *st, YYSTYPE *lval, YYLTYPE *loc)
{
    const unsigned char *s = (const unsigned char *)st->src->text;
    size_t e = st->off, n = st->src->len;
    while (e < n && (cls[s[e]] & C_DIGIT))
        e++;
    if (e + 1 < n && s[e] == '.' && (cls[s[e + 1]] & C_DIGIT)) {
        e += 2;
        while (e < n && (cls[s[e]] & C_DIGIT))
            e++;
    }
    if (e < n && (s[e] == 'e' || s[e] == 'E')) {
        size_t f = e + 1;
        if (f < n && (s[f] == '+' || s[f] == '-'))
            f++;
        if (f < n && (cls[s[f]] & C_DIGIT)) {
            while (f < n && (cls[s[f]] & C_DIGIT))
                f++;
            e = f;
        }
    }
    size_t len = e - st->off;
    const char *text = take(st, len, loc);
    lval->node = az_hcl_leaf(st, AZ_HCL_NUMBER, loc, text, len);
    return tok(st, HCL_NUMBER, loc);
}

/* "<<" or "<<-", a marker [A-Za-z_][A-Za-z0-9_-]* and the line end: a heredoc begins; any
 * other "<<" is an error. */
static int scan_heredoc(struct az_hcl_state *st, YYSTYPE *lval, YYLTYPE *loc)
{
    const unsigned char *s = (const unsigned char *)st->src->text;
    size_t o = st->off, e = o + 2, n = st->src->len;
    if (e < n && s[e] == '-')
        e++;
    if (e < n && (cls[s[e]] & C_NAME0)) {
        while (e < n && (cls[s[e]] & C_NAME))
            e++;
        size_t nl = e < n && s[e] == '\n'                           ? 1
                    : e + 1 < n && s[e] == '\r' && s[e + 1] == '\n' ? 2
                                                                    : 0;
        if (nl) {
            const char *text = take(st, e + nl - o, loc);
            int t = heredoc_start(st, text, e + nl - o, lval, loc);
            if (t == HCL_HEREDOC)
                st->sc = SC_HDBOL;
            return t;
        }
    }
    take(st, e - o, loc);
    az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                 "a heredoc's marker ends its line: write <<EOT, the text on the next lines, "
                 "then EOT alone on a line");
    return HCL_AZ_HCLerror;
}

/* After a string's opening quote (loc): its text begins. */
static void open_string(struct az_hcl_state *st, const YYLTYPE *loc)
{
    st->lit_open = true;
    st->buf_len = 0;
    st->lit_loc = *loc;
    st->lit_loc.off = loc->end;
    st->lit_loc.line = loc->end_line;
    st->lit_loc.col = loc->end_col;
    st->sc = SC_STR;
}

/* A string whose text is len plain bytes, then its closing quote: one STRING token (its value
 * the TLIT, or NULL for "", its place the opening quote's), or OQUOTE TLIT CQUOTE when the
 * opening quote must be reported (in a '%{' before its keyword, or too deep). */
static int scan_plain_string(struct az_hcl_state *st, size_t len, YYSTYPE *lval, YYLTYPE *loc)
{
    struct az_hcl_frame *fr = top(st);
    if ((fr->kind == AZ_HCL_FR_DIRECTIVE && fr->fresh) || st->nframes >= st->max_frames) {
        take(st, 1, loc);
        int t = opener(st, HCL_OQUOTE, AZ_HCL_FR_STRING, loc);
        if (t == HCL_OQUOTE)
            open_string(st, loc);
        return t;
    }
    const char *text = take(st, 1, loc);
    YYLTYPE lit = *loc;
    lit.off = lit.end;
    lit.col = lit.end_col;
    lit.end = lit.off + (uint32_t)len;
    lit.end_col = lit.col + (uint32_t)len;
    lval->node = len ? az_hcl_leaf(st, AZ_HCL_TLIT, &lit, text + 1, len) : NULL;
    st->off += (uint32_t)len + 1;
    st->col += (uint32_t)len + 1;
    int t = tok(st, HCL_STRING, loc);
    st->prev_scan = HCL_CQUOTE; /* what a newline after it sees */
    st->code_line = loc->end_line;
    st->code_col = st->col;
    st->code_off = st->off;
    return t;
}

/* A line end in code: a token where it ends a statement or an item. */
static int line_end(struct az_hcl_state *st, size_t len, YYLTYPE *loc)
{
    take(st, len, loc);
    int t = newline(st, loc);
    return t ? t : NONE;
}

/* The length of the line end at e (\n or \r\n), 0 if none is there. */
static size_t line_end_at(const unsigned char *s, size_t e, size_t n)
{
    return e < n && s[e] == '\n' ? 1 : e + 1 < n && s[e] == '\r' && s[e + 1] == '\n' ? 2 : 0;
}

/* The place of the bytes [a, b) of the line being read (st: at its first token). */
static YYLTYPE on_line(const struct az_hcl_state *st, size_t a, size_t b)
{
    uint32_t col = st->col + (uint32_t)(a - st->off);
    return (YYLTYPE){(uint32_t)a, (uint32_t)b, st->line, col, st->line, col + (uint32_t)(b - a)};
}

/* After a whole line read as one token (its line end at e, nl bytes long; loc its place):
 * the state its tokens one by one would leave, the last being the newline of the body
 * frame now on top. */
static void line_read(struct az_hcl_state *st, size_t e, size_t nl, const YYLTYPE *loc)
{
    struct az_hcl_frame *fr = top(st);
    fr->fresh = false;
    fr->seen_eq = false;
    st->tok_frame = st->nframes - 1;
    st->prev_scan = HCL_NL;
    st->code_line = 0;
    st->code_col = loc->end_col;
    st->code_off = loc->end;
    st->off = (uint32_t)(e + nl);
    st->line = loc->line + 1;
    st->col = 1;
}

/* NAME = "plain text": an ATTRLINE (e: just after the '='). */
static int attr_line(struct az_hcl_state *st, size_t name_end, size_t e, YYSTYPE *lval,
                     YYLTYPE *loc)
{
    const unsigned char *s = (const unsigned char *)st->src->text;
    size_t o = st->off, n = st->src->len;
    e = skip_blanks(s, e, n);
    if (e >= n || s[e] != '"')
        return NONE;
    size_t q = e;
    e = skip_plain(s, e + 1, n);
    if (e >= n || s[e] != '"')
        return NONE;
    size_t q_end = e + 1, nl = line_end_at(s, e = skip_blanks(s, q_end, n), n);
    if (!nl)
        return NONE;
    YYLTYPE name = on_line(st, o, name_end), quote = on_line(st, q, q + 1);
    lval->node = az_hcl_attr_line(st, &name, (const char *)s + o, &quote, (const char *)s + q + 1,
                                  q_end - q - 2);
    *loc = lval->node->loc;
    line_read(st, e, nl, loc);
    return HCL_ATTRLINE;
}

/* NAME "label"... {: a BLOCKOPEN (e: the first label's quote or the '{'). */
static int block_line(struct az_hcl_state *st, size_t name_end, size_t e, YYSTYPE *lval,
                      YYLTYPE *loc)
{
    enum { MAX_LABELS = 4 };
    const unsigned char *s = (const unsigned char *)st->src->text;
    size_t o = st->off, n = st->src->len;
    YYLTYPE quotes[MAX_LABELS];
    const char *texts[MAX_LABELS];
    size_t lens[MAX_LABELS];
    unsigned nlabels = 0;
    while (e < n && s[e] == '"') {
        size_t q = e;
        e = skip_plain(s, q + 1, n);
        if (nlabels == MAX_LABELS || e >= n || s[e] != '"' || e == q + 1)
            return NONE; /* many labels, or not plain text, or empty */
        quotes[nlabels] = on_line(st, q, q + 1);
        texts[nlabels] = (const char *)s + q + 1;
        lens[nlabels++] = e - q - 1;
        e = skip_blanks(s, e + 1, n);
    }
    if (e >= n || s[e] != '{')
        return NONE;
    size_t brace = e, nl = line_end_at(s, e = skip_blanks(s, brace + 1, n), n);
    if (!nl)
        return NONE;
    YYLTYPE type = on_line(st, o, name_end), open = on_line(st, brace, brace + 1);
    lval->node =
        az_hcl_block_line(st, &type, (const char *)s + o, nlabels, quotes, texts, lens, &open);
    *loc = lval->node->loc;
    top(st)->fresh = false;
    push(st, AZ_HCL_FR_BODY, &open); /* room checked by the caller */
    top(st)->multi = true;
    line_read(st, e, nl, loc);
    return HCL_BLOCKOPEN;
}

/* Most lines of a generated file are arguments NAME = "plain text" or block headers
 * NAME "label"... {. At the start of a statement of a multi-line body, such a whole line (an
 * ASCII name, strings of plain text as scan_plain_string reads them whole, blanks, and the
 * line end; no comment, no empty label) is one token, ATTRLINE or BLOCKOPEN, and leaves the
 * state its tokens one by one would. The parser takes it wherever an item may begin, which
 * is everywhere after a newline of a multi-line body as long as the file has had no error:
 * only then (st->errors == 0), since bison counts the tokens shifted after an error before
 * it reports the next one. Returns NONE when the line is anything else (it is then read
 * token by token). */
static int scan_line(struct az_hcl_state *st, YYSTYPE *lval, YYLTYPE *loc)
{
    const unsigned char *s = (const unsigned char *)st->src->text;
    size_t n = st->src->len, name_end = skip_name(s, st->off + 1, n);
    if (name_end < n && s[name_end] >= 0x80) /* a name with UTF-8 */
        return NONE;
    size_t e = skip_blanks(s, name_end, n);
    if (e + 1 >= n)
        return NONE;
    if (s[e] == '=')
        return s[e + 1] == '=' || s[e + 1] == '>' ? NONE
                                                  : attr_line(st, name_end, e + 1, lval, loc);
    if (s[e] == '"' || s[e] == '{')
        return block_line(st, name_end, e, lval, loc);
    return NONE;
}

/* Code: names, numbers, operators, brackets, newlines, comments, the openers of strings,
 * heredocs and block comments. */
static int scan_code(struct az_hcl_state *st, YYSTYPE *lval, YYLTYPE *loc)
{
    const unsigned char *s = (const unsigned char *)st->src->text;
    size_t o = skip_blanks(s, st->off, st->src->len), n = st->src->len;
    st->col += (uint32_t)(o - st->off);
    st->off = (uint32_t)o;
    if (o >= n) {
        st->at_eof = true;
        return eof_token(st, loc);
    }
    int d = peek(st, o + 1);
    switch (s[o]) {
    case '\r':
        if (d != '\n')
            return stray_at(st, 1, loc);
        return line_end(st, 2, loc);
    case '\n':
        return line_end(st, 1, loc);
    case '/':
        if (d == '*') {
            take(st, 2, loc);
            st->cmt_loc = *loc;
            st->cmt_bad = false;
            st->sc = SC_COMMENT;
            return NONE;
        }
        if (d != '/')
            return punct(st, 1, HCL_SLASH, loc);
        /* fall through */
    case '#': {
        size_t e = o;
        while (e < n && s[e] != '\n' && s[e] != '\r')
            e++;
        const char *text = take(st, e - o, loc);
        comment(st, text, e - o, loc);
        return NONE;
    }
    case '"': {
        size_t e = skip_plain(s, o + 1, n);
        if (e < n && s[e] == '"')
            return scan_plain_string(st, e - o - 1, lval, loc);
        take(st, 1, loc);
        int t = opener(st, HCL_OQUOTE, AZ_HCL_FR_STRING, loc);
        if (t == HCL_OQUOTE)
            open_string(st, loc);
        return t;
    }
    case '<':
        if (d == '<')
            return scan_heredoc(st, lval, loc);
        return punct2(st, '=', HCL_LE, HCL_LT, loc);
    case '{':
        take(st, 1, loc);
        return open_brace(st, loc);
    case '}':
    case '~': {
        bool strip = s[o] == '~';
        if (strip && d != '}')
            return stray_at(st, 1, loc);
        take(st, strip ? 2 : 1, loc);
        int t = closer(st, '}', strip, loc);
        st->sc = start_of(st);
        return t;
    }
    case '(':
        take(st, 1, loc);
        return opener(st, HCL_LPAREN, AZ_HCL_FR_PAREN, loc);
    case '[':
        take(st, 1, loc);
        return opener(st, HCL_LBRACK, AZ_HCL_FR_BRACKET, loc);
    case ')':
    case ']':
        take(st, 1, loc);
        return closer(st, (char)s[o], false, loc);
    case '=':
        if (d == '=' || d == '>')
            return punct(st, 2, d == '=' ? HCL_EQ : HCL_ARROW, loc);
        if (top(st)->kind == AZ_HCL_FR_BODY)
            top(st)->seen_eq = true;
        return punct(st, 1, HCL_EQUALS, loc);
    case '!':
        return punct2(st, '=', HCL_NE, HCL_BANG, loc);
    case '>':
        return punct2(st, '=', HCL_GE, HCL_GT, loc);
    case '&':
        return d == '&' ? punct(st, 2, HCL_AND, loc) : stray_at(st, 1, loc);
    case '|':
        return d == '|' ? punct(st, 2, HCL_OR, loc) : stray_at(st, 1, loc);
    case '.':
        if (d == '.' && peek(st, o + 2) == '.')
            return punct(st, 3, HCL_ELLIPSIS, loc);
        return punct(st, 1, HCL_DOT, loc);
    case ':':
        return punct2(st, ':', HCL_DCOLON, HCL_COLON, loc);
    case ',':
        return punct(st, 1, HCL_COMMA, loc);
    case '?':
        return punct(st, 1, HCL_QUESTION, loc);
    case '+':
        return punct(st, 1, HCL_PLUS, loc);
    case '-':
        return punct(st, 1, HCL_MINUS, loc);
    case '*':
        return punct(st, 1, HCL_STAR, loc);
    case '%':
        return punct(st, 1, HCL_PERCENT, loc);
    case '\'': {
        size_t e = o + 1;
        while (e < n && s[e] != '\'' && s[e] != '\r' && s[e] != '\n')
            e++;
        if (e < n && s[e] == '\'')
            e++;
        take(st, e - o, loc);
        az_hcl_error(st, AZ_D_LINT_SYNTAX, loc,
                     "single quotes do not make a string in HCL; write it in double quotes "
                     "\"...\"");
        return HCL_AZ_HCLerror;
    }
    default:
        break;
    }
    if (cls[s[o]] & C_DIGIT)
        return scan_number(st, lval, loc);
    if (cls[s[o]] & C_NAME0) {
        const struct az_hcl_frame *fr = top(st);
        if ((st->prev_scan == HCL_NL || st->prev_scan == 0) && fr->kind == AZ_HCL_FR_BODY &&
            fr->multi && st->errors == 0 && st->skip_frame < 0 && st->nframes < st->max_frames) {
            int t = scan_line(st, lval, loc);
            if (t != NONE)
                return t;
        }
        return scan_name(st, 1, lval, loc);
    }
    size_t k = utf8_at(st, o);
    if (k > 0)
        return scan_name(st, k, lval, loc);
    return stray_at(st, 1, loc);
}

/* A '${' or '%{' (with an optional '~') of a string or heredoc: the literal before it is a
 * token of its own first (the opener is then read again). */
static int scan_template_open(struct az_hcl_state *st, bool directive, YYSTYPE *lval, YYLTYPE *loc)
{
    take(st, peek(st, st->off + 2) == '~' ? 3 : 2, loc);
    if (st->lit_open && st->buf_len > 0) {
        unadvance(st, loc);
        return lit_flush(st, lval);
    }
    int t = template_open(st, directive, loc);
    st->sc = SC_CODE;
    if (directive && !t)
        return NONE; /* the keyword is the token */
    return t;
}

/* A backslash in a quoted string: \n \r \t \" \\ \uNNNN \UNNNNNNNN are escapes; anything
 * else after it is reported (lit_escape); a backslash at the end of the line is text. */
static void scan_escape(struct az_hcl_state *st, YYLTYPE *loc)
{
    const unsigned char *s = (const unsigned char *)st->src->text;
    size_t o = st->off;
    int d = peek(st, o + 1);
    if (d < 0 || d == '\r' || d == '\n') {
        take(st, 1, loc);
        lit_add(st, "\\", 1, loc);
        return;
    }
    size_t len = 2;
    if (d == 'u' || d == 'U') {
        size_t want = d == 'u' ? 4 : 8, i = 0;
        while (i < want && o + 2 + i < st->src->len && (cls[s[o + 2 + i]] & C_HEX))
            i++;
        if (i == want)
            len = 2 + want;
    } else if (d >= 0x80) {
        size_t k = utf8_at(st, o + 1);
        if (k > 0)
            len = 1 + k;
    }
    const char *text = take(st, len, loc);
    lit_escape(st, text, len, loc);
}

/* A byte that is not text here: NUL, a lone CR, or not UTF-8. */
static void text_bad_byte(struct az_hcl_state *st, const char *where, YYLTYPE *loc)
{
    const char *text = take(st, 1, loc);
    bad_byte(st, text, 1, loc, where);
    lit_add(st, text[0] == '\r' ? "\r" : "?", 1, loc);
}

/* The text of a quoted string (str) or of a heredoc's line. */
static int scan_text(struct az_hcl_state *st, bool str, YYSTYPE *lval, YYLTYPE *loc)
{
    const unsigned char *s = (const unsigned char *)st->src->text;
    size_t o = st->off, n = st->src->len;
    if (o >= n) {
        st->at_eof = true;
        int t = unterminated(st, "the end of the file", loc);
        st->sc = SC_CODE;
        return t;
    }
    unsigned char want = str ? C_STR : C_HD;
    if (cls[s[o]] & want) {
        size_t e = o + 1;
        while (e < n && (cls[s[e]] & want))
            e++;
        const char *text = take(st, e - o, loc);
        lit_add(st, text, e - o, loc);
        return NONE;
    }
    int d = peek(st, o + 1);
    switch (s[o]) {
    case '"': {
        take(st, 1, loc);
        if (st->lit_open && st->buf_len > 0) {
            unadvance(st, loc);
            return lit_flush(st, lval);
        }
        int t = string_end(st, loc);
        st->sc = start_of(st);
        return t;
    }
    case '\\':
        scan_escape(st, loc);
        return NONE;
    case '$':
    case '%':
        if (d == s[o] && peek(st, o + 2) == '{') {
            take(st, 3, loc);
            lit_add(st, s[o] == '$' ? "${" : "%{", 2, loc);
            return NONE;
        }
        if (d == '{')
            return scan_template_open(st, s[o] == '%', lval, loc);
        take(st, 1, loc);
        lit_add(st, (const char *)s + o, 1, loc);
        return NONE;
    case '\r':
        if (d != '\n') {
            text_bad_byte(st, str ? "a string" : "a heredoc", loc);
            return NONE;
        }
        /* fall through */
    case '\n': {
        size_t len = s[o] == '\r' ? 2 : 1;
        const char *text = take(st, len, loc);
        if (str) { /* read again after the string */
            unadvance(st, loc);
            int t = unterminated(st, "the end of the line", loc);
            st->sc = start_of(st);
            return t;
        }
        lit_add(st, text, len, loc);
        st->sc = SC_HDBOL;
        return lit_flush(st, lval);
    }
    default:
        break;
    }
    size_t k = utf8_at(st, o);
    if (k > 0) {
        const char *text = take(st, k, loc);
        lit_add(st, text, k, loc);
    } else {
        text_bad_byte(st, str ? "a string" : "a heredoc", loc);
    }
    return NONE;
}

/* The start of a heredoc's line: [ \t]*MARKER[ \t]* and the line end close the heredoc;
 * anything else is text. */
static int scan_heredoc_line(struct az_hcl_state *st, YYLTYPE *loc)
{
    const unsigned char *s = (const unsigned char *)st->src->text;
    size_t o = st->off, e = o, n = st->src->len;
    if (o >= n) {
        st->at_eof = true;
        int t = unterminated(st, "the end of the file", loc);
        st->sc = SC_CODE;
        return t;
    }
    while (e < n && (s[e] == ' ' || s[e] == '\t'))
        e++;
    if (e < n && (cls[s[e]] & C_NAME0)) {
        while (e < n && (cls[s[e]] & C_NAME))
            e++;
        while (e < n && (s[e] == ' ' || s[e] == '\t'))
            e++;
        const char *text = take(st, e - o, loc);
        int t = heredoc_line(st, text, e - o, loc);
        if (t) {
            st->sc = start_of(st);
            return t;
        }
        unadvance(st, loc);
    }
    st->sc = SC_HD;
    return NONE;
}

/* Inside a block comment: up to its '*' '/'. */
static int scan_comment(struct az_hcl_state *st, YYLTYPE *loc)
{
    const unsigned char *s = (const unsigned char *)st->src->text;
    size_t n = st->src->len;
    for (;;) {
        size_t o = st->off;
        if (o >= n) {
            az_hcl_error(st, AZ_D_LINT_SYNTAX, &st->cmt_loc,
                         "unterminated comment: no '*/' before the end of the file");
            st->at_eof = true;
            st->sc = SC_CODE;
            return HCL_AZ_HCLerror;
        }
        int d = peek(st, o + 1);
        size_t len = 1;
        if (cls[s[o]] & C_CMT) {
            while (o + len < n && (cls[s[o + len]] & C_CMT))
                len++;
        } else if (s[o] == '*' && d == '/') {
            take(st, 2, loc);
            st->sc = SC_CODE;
            return NONE;
        } else if (s[o] == '\r' && d == '\n') {
            len = 2;
        } else if (s[o] == 0 || (s[o] >= 0x80 && utf8_at(st, o) == 0)) {
            const char *text = take(st, 1, loc);
            if (!st->cmt_bad)
                bad_byte(st, text, 1, loc, "a comment");
            st->cmt_bad = true;
            continue;
        } else if (s[o] >= 0x80) {
            len = utf8_at(st, o);
        }
        take(st, len, loc);
    }
}

static int next_token(struct az_hcl_state *st, YYSTYPE *lval, YYLTYPE *loc)
{
    if (!cls['a'])
        classes();
    for (;;) {
        int t;
        switch (st->sc) {
        case SC_STR:
            t = scan_text(st, true, lval, loc);
            break;
        case SC_HD:
            t = scan_text(st, false, lval, loc);
            break;
        case SC_HDBOL:
            t = scan_heredoc_line(st, loc);
            break;
        case SC_COMMENT:
            t = scan_comment(st, loc);
            break;
        default:
            t = scan_code(st, lval, loc);
            break;
        }
        if (t != NONE)
            return t;
    }
}

/* ---- the end of the file, and the parser's view ----------------------------------------- */

static YYLTYPE eof_loc(const struct az_hcl_state *st)
{
    YYLTYPE loc = {0};
    if (st->code_line) {
        loc.line = st->code_line;
        loc.col = st->code_col;
        loc.off = st->code_off;
    } else { /* found from the end, not from the line table (made only for a finding) */
        const struct az_source *s = st->src;
        size_t end = s->len;
        loc.off = (uint32_t)s->len;
        loc.line = s->nlines;
        if (end && s->text[end - 1] == '\n' && loc.line > 1) {
            /* after the last line's text rather than on the empty line after it */
            end--;
            loc.line--;
        }
        size_t start = end;
        while (start > 0 && s->text[start - 1] != '\n')
            start--;
        if (end < s->len && end > start && s->text[end - 1] == '\r')
            end--; /* a line's own text ends before its "\r\n" */
        loc.col = (uint32_t)(end - start) + 1;
    }
    loc.end = loc.off;
    loc.end_line = loc.line;
    loc.end_col = loc.col;
    return loc;
}

/* At the end of the file: the newline that ends the last statement (when the file does
 * not end with one), then the end. */
static int eof_token(struct az_hcl_state *st, YYLTYPE *loc)
{
    *loc = eof_loc(st);
    st->tok_frame = st->nframes - 1;
    enum az_hcl_frame_kind k = top(st)->kind;
    if (!st->eof_nl && st->prev_scan != 0 && st->prev_scan != HCL_NL &&
        (k == AZ_HCL_FR_BODY || k == AZ_HCL_FR_OBJECT)) {
        st->eof_nl = true;
        st->prev_scan = HCL_NL;
        return HCL_NL;
    }
    return HCL_YYEOF;
}

void az_hcl_note_unclosed(struct az_hcl_state *st, struct az_diag *d)
{
    if (!d || st->nframes < 2)
        return;
    const struct az_hcl_frame *fr = &st->frames[st->nframes - 1];
    static const char *const what[] = {"block's '{'", "'{'",  "'{'",    "'('",    "'['",
                                       "'${'",        "'%{'", "string", "heredoc"};
    az_diag_note(st->ctx, d, az_hcl_loc_of(st, &fr->open), "this %s is not closed", what[fr->kind]);
}

void az_hcl_skip_statement(struct az_hcl_state *st)
{
    if (st->la_tok == HCL_YYEOF || st->stopped)
        return;
    /* The lookahead ends the statement itself: nothing to skip. */
    if (st->la_tok == HCL_NL && st->la_frame < st->nframes &&
        st->frames[st->la_frame].kind == AZ_HCL_FR_BODY &&
        (st->la_frame == 0 || st->frames[st->la_frame].multi))
        return;
    if (st->la_tok == HCL_CBRACE && st->la_closed_body)
        return;
    /* to the end of the statement in the innermost multi-line body: the parser recovers
     * there (a one-line block is part of its enclosing statement) */
    unsigned i = st->nframes;
    while (i > 1 && !(st->frames[i - 1].kind == AZ_HCL_FR_BODY && st->frames[i - 1].multi))
        i--;
    st->skip_frame = (int)(i - 1);
}

int az_hcllex(YYSTYPE *lval, YYLTYPE *lloc, yyscan_t scanner)
{
    struct az_hcl_state *st = scanner;
    for (;;) {
        int t;
        lval->node = NULL;
        st->closed_body = false;
        if (st->stopped) {
            *lloc = eof_loc(st);
            t = HCL_YYEOF;
        } else if (st->at_eof) {
            t = eof_token(st, lloc);
        } else {
            t = next_token(st, lval, lloc);
            if (st->stopped)
                t = HCL_YYEOF;
        }
        bool skipping = st->skip_frame >= 0;
        if (skipping) {
            bool done = t == HCL_YYEOF || (int)st->nframes - 1 < st->skip_frame ||
                        (t == HCL_NL && (int)st->tok_frame == st->skip_frame);
            if (!done)
                continue; /* inside the statement being skipped */
            st->skip_frame = -1;
        }
        st->prev_tok = st->la_tok;
        st->la_tok = t;
        st->la_frame = st->tok_frame;
        st->la_closed_body = st->closed_body;
        st->la_text = lval->node && (t == HCL_IDENT || t == HCL_NUMBER) ? lval->node->text : NULL;
        if (t == HCL_AZ_HCLerror && !skipping)
            az_hcl_skip_statement(st); /* reported by the scanner: skip the rest */
        return t;
    }
}
