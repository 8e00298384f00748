/* sh_scan.c - the shell scanner of `authzc lint` (sh_scan.h): words, quoting, expansions,
 * command lists, here-documents; the front end (lint_sh.c) gets every finished command.
 * Hand-written like json_scan.c: one pass, linear time, an explicit stack of frames. */
#include "authzc/sh_scan.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/lint.h"
#include "authzc/source.h"
#include "authzc/utf8.h"

#define MAX_CMD_WORDS 4096u /* words kept per command; more mark it truncated */
#define MAX_CMD_EXPS 65536u /* expansions kept per command */
#define SHOW_MAX 60         /* bytes of user text quoted in a message */
#define MAX_NAME 1024u      /* longest variable name taken for an assignment */
#define MAX_FINDINGS 1000u  /* diagnostics per file before the rest is skipped */

/* ---- small helpers ------------------------------------------------------------------- */

static void *grow(struct az_sh *sh, void *old, size_t elem, uint32_t *cap, uint32_t need)
{
    if (need <= *cap)
        return old;
    uint32_t nc = *cap ? *cap : 16;
    while (nc < need)
        nc *= 2;
    void *nv = az_arena_alloc(sh->ctx->arena, elem * nc);
    if (old && *cap)
        memcpy(nv, old, elem * *cap);
    *cap = nc;
    return nv;
}

/* A place: [a, b) clipped to a's line. */
struct az_loc az_sh_loc(const struct az_sh *sh, uint32_t a, uint32_t b)
{
    struct az_loc l;
    uint32_t line, col;
    if (a > sh->n)
        a = sh->n;
    az_source_position(sh->src, a, &line, &col);
    l.src = sh->src;
    l.line = line;
    l.col = col;
    uint32_t e = b > sh->n ? sh->n : b;
    if (e > a) {
        const char *nl = memchr(sh->s + a, '\n', e - a);
        if (nl)
            e = (uint32_t)(nl - sh->s);
        if (e > a && sh->s[e - 1] == '\r' && e < sh->n && sh->s[e] == '\n')
            e--;
    }
    l.len = e > a ? e - a : 1;
    return l;
}

unsigned az_sh_line(const struct az_sh *sh, uint32_t off)
{
    uint32_t line, col;
    az_source_position(sh->src, off > sh->n ? sh->n : off, &line, &col);
    return line;
}

/* User text for a message: at most SHOW_MAX bytes of its first line, control bytes as '?'. */
const char *az_sh_show(struct az_sh *sh, const char *p, size_t len)
{
    bool cut = false;
    for (size_t k = 0; k < len; k++)
        if (p[k] == '\n') {
            len = k;
            cut = true;
            break;
        }
    if (len > SHOW_MAX) {
        len = SHOW_MAX;
        while (len > 0 && ((unsigned char)p[len] & 0xC0) == 0x80)
            len--;
        cut = true;
    }
    char *out = az_arena_alloc(sh->ctx->arena, len + 4);
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)p[k];
        out[k] = (char)(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (cut)
        memcpy(out + len, "...", 4);
    else
        out[len] = '\0';
    return out;
}

const char *az_sh_show_src(struct az_sh *sh, uint32_t a, uint32_t b)
{
    return az_sh_show(sh, sh->s + a, b > a ? b - a : 0);
}

/* ---- frames ---------------------------------------------------------------------------- */

static bool is_list(enum az_sh_fkind k)
{
    return k == AZ_SH_F_TOP || k == AZ_SH_F_CMDSUB || k == AZ_SH_F_CASE || k == AZ_SH_F_ARRAY;
}

static struct az_sh_frame *top(struct az_sh *sh)
{
    return &sh->fr[sh->nfr - 1];
}

static struct az_sh_frame *owner_of(struct az_sh *sh, const struct az_sh_frame *fr)
{
    return &sh->fr[fr->owner];
}

static void list_reset_cmd(struct az_sh *sh, struct az_sh_frame *fr)
{
    fr->cmd_lo = sh->nwords;
    fr->cmd_exp_lo = sh->nexps;
    fr->cmd_n = 0;
    fr->cmd_trunc = false;
    fr->cmdpos = true;
    fr->cmd_case = false;
    fr->cmd_fundef = false;
    fr->head = -1;
    fr->cmd_apos = AZ_SH_NONE;
    fr->redir = AZ_SH_R_NONE;
    fr->cmd_kind = fr->cmd_api = 0;
    fr->cmd_open = fr->cmd_data = false;
}

static void list_init(struct az_sh *sh, struct az_sh_frame *fr, unsigned self)
{
    fr->owner = self;
    fr->word_level = true;
    fr->paren = 0;
    fr->dbracket = false;
    fr->in_word = false;
    fr->cs = AZ_SH_CS_PAT;
    list_reset_cmd(sh, fr);
    fr->cmd_bol = false;
    fr->prev_real = false;
    fr->prev_kind = fr->prev_api = 0;
    fr->prev_open = fr->prev_data = false;
    fr->prev_nl = fr->prev_comment = fr->prev_bs = AZ_SH_NONE;
    fr->line_comment = fr->line_bs = AZ_SH_NONE;
}

static struct az_sh_frame *push(struct az_sh *sh, enum az_sh_fkind kind, uint32_t open)
{
    if (sh->nfr >= sh->maxfr) {
        az_diag_report(sh->ctx, AZ_D_LIMIT, az_sh_loc(sh, open, open + 1),
                       "nesting deeper than %u levels ($(...), ${...}, quotes, case); the rest "
                       "of this file is not read",
                       sh->maxfr - 1);
        sh->failed = true;
        return NULL;
    }
    struct az_sh_frame *parent = top(sh);
    unsigned idx = sh->nfr++;
    struct az_sh_frame *fr = &sh->fr[idx];
    memset(fr, 0, sizeof *fr);
    fr->kind = kind;
    fr->open = open;
    fr->rec = kind != AZ_SH_F_DQUOTE && kind != AZ_SH_F_CASE && parent->word_level;
    fr->in_dq = parent->kind == AZ_SH_F_DQUOTE || (parent->kind == AZ_SH_F_PARAM && parent->in_dq);
    if (is_list(kind)) {
        list_init(sh, fr, idx);
    } else {
        fr->owner = parent->owner;
        fr->word_level = kind == AZ_SH_F_DQUOTE && parent->word_level;
    }
    return fr;
}

/* Records [a, b) as an expansion of the current word of fr's owner. */
static void add_exp(struct az_sh *sh, struct az_sh_frame *fr, uint32_t a, uint32_t b)
{
    struct az_sh_frame *o = owner_of(sh, fr);
    if (!o->in_word)
        return;
    o->w.flags |= AZ_SH_W_EXP;
    if (sh->nexps - o->cmd_exp_lo >= MAX_CMD_EXPS) {
        o->cmd_trunc = true;
        return;
    }
    sh->exps = grow(sh, sh->exps, sizeof *sh->exps, &sh->capexps, sh->nexps + 1);
    sh->exps[sh->nexps].a = a;
    sh->exps[sh->nexps].b = b;
    sh->nexps++;
}

static void pop(struct az_sh *sh, uint32_t end)
{
    struct az_sh_frame *fr = top(sh);
    bool rec = fr->rec;
    uint32_t open = fr->open;
    sh->nfr--;
    if (rec)
        add_exp(sh, top(sh), open, end);
}

/* ---- cooking: a word's value with quotes removed ------------------------------------ */

static void cook_put(struct az_sh_cooked *c, char ch, uint32_t off, unsigned char ref)
{
    c->t[c->len] = ch;
    c->map[c->len] = off;
    c->ref[c->len] = ref;
    c->len++;
    if (ref)
        c->any_ref = true;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes one $'...' escape at s[j] == '\\'; returns the bytes consumed. */
static uint32_t ansi_escape(struct az_sh *sh, uint32_t j, uint32_t end, struct az_sh_cooked *c)
{
    int e = j + 1 < end ? az_sh_at(sh, j + 1) : 0;
    switch (e) {
    case 'n':
        cook_put(c, '\n', j, 0);
        return 2;
    case 't':
        cook_put(c, '\t', j, 0);
        return 2;
    case 'r':
        cook_put(c, '\r', j, 0);
        return 2;
    case 'a':
        cook_put(c, '\a', j, 0);
        return 2;
    case 'b':
        cook_put(c, '\b', j, 0);
        return 2;
    case 'f':
        cook_put(c, '\f', j, 0);
        return 2;
    case 'v':
        cook_put(c, '\v', j, 0);
        return 2;
    case 'e':
    case 'E':
        cook_put(c, 27, j, 0);
        return 2;
    case 'x': {
        uint32_t k = j + 2;
        int v = 0, nd = 0;
        while (k < end && nd < 2 && hexval(az_sh_at(sh, k)) >= 0) {
            v = v * 16 + hexval(az_sh_at(sh, k));
            k++;
            nd++;
        }
        if (nd == 0) {
            cook_put(c, '\\', j, 0);
            return 1;
        }
        cook_put(c, (char)v, j, 0);
        return k - j;
    }
    default:
        if (e >= '0' && e <= '7') {
            uint32_t k = j + 1;
            int v = 0, nd = 0;
            while (k < end && nd < 3 && az_sh_at(sh, k) >= '0' && az_sh_at(sh, k) <= '7') {
                v = v * 8 + (az_sh_at(sh, k) - '0');
                k++;
                nd++;
            }
            cook_put(c, (char)(v & 0xff), j, 0);
            return k - j;
        }
        if (e == 0) {
            cook_put(c, '\\', j, 0);
            return 1;
        }
        if (e != '\\' && e != '\'' && e != '"' && e != '?')
            cook_put(c, '\\', j, 0);
        cook_put(c, (char)e, j + 1, 0);
        return 2;
    }
}

struct az_sh_cooked *az_sh_cook(struct az_sh *sh, const struct az_sh_word *w)
{
    struct az_sh_cooked *c = az_arena_alloc(sh->ctx->arena, sizeof *c);
    if (!(w->flags & (AZ_SH_W_QUOTED | AZ_SH_W_EXP))) { /* as written */
        c->len = w->end - w->start;
        c->t = az_arena_strndup(sh->ctx->arena, sh->s + w->start, c->len);
        c->base = w->start;
        return c;
    }
    uint32_t cap = w->end - w->start + 1;
    c->t = az_arena_alloc(sh->ctx->arena, cap);
    c->map = az_arena_alloc(sh->ctx->arena, sizeof(uint32_t) * cap);
    c->ref = az_arena_alloc(sh->ctx->arena, cap);
    enum { Q_NONE, Q_SINGLE, Q_DOUBLE, Q_ANSI } q = Q_NONE;
    uint32_t e = w->exp_lo;
    uint32_t j = w->start;
    while (j < w->end) {
        if (e < w->exp_hi && j == sh->exps[e].a) {
            for (uint32_t k = sh->exps[e].a; k < sh->exps[e].b && k < w->end; k++)
                cook_put(c, sh->s[k], k, 1);
            j = sh->exps[e].b;
            e++;
            continue;
        }
        int ch = az_sh_at(sh, j);
        switch (q) {
        case Q_NONE:
            if (ch == '\\') {
                if (az_sh_at(sh, j + 1) == '\n') {
                    j += 2;
                } else if (az_sh_at(sh, j + 1) == '\r' && az_sh_at(sh, j + 2) == '\n') {
                    j += 3;
                } else if (j + 1 < w->end) {
                    cook_put(c, sh->s[j + 1], j + 1, 0);
                    j += 2;
                } else {
                    j++;
                }
            } else if (ch == '\'') {
                q = Q_SINGLE;
                j++;
            } else if (ch == '"') {
                q = Q_DOUBLE;
                j++;
            } else if (ch == '$' && az_sh_at(sh, j + 1) == '\'' && j + 1 < w->end) {
                q = Q_ANSI;
                j += 2;
            } else if (ch == '$' && az_sh_at(sh, j + 1) == '"' && j + 1 < w->end) {
                q = Q_DOUBLE;
                j += 2;
            } else {
                cook_put(c, (char)ch, j, 0);
                j++;
            }
            break;
        case Q_SINGLE:
            if (ch == '\'')
                q = Q_NONE;
            else
                cook_put(c, (char)ch, j, 0);
            j++;
            break;
        case Q_DOUBLE:
            if (ch == '"') {
                q = Q_NONE;
                j++;
            } else if (ch == '\\' && az_sh_at(sh, j + 1) == '\n') {
                j += 2;
            } else if (ch == '\\' && az_sh_at(sh, j + 1) == '\r' && az_sh_at(sh, j + 2) == '\n') {
                j += 3;
            } else if (ch == '\\' && j + 1 < w->end && strchr("$`\"\\", az_sh_at(sh, j + 1))) {
                cook_put(c, sh->s[j + 1], j + 1, 0);
                j += 2;
            } else {
                cook_put(c, (char)ch, j, 0);
                j++;
            }
            break;
        case Q_ANSI:
            if (ch == '\'') {
                q = Q_NONE;
                j++;
            } else if (ch == '\\') {
                j += ansi_escape(sh, j, w->end, c);
            } else {
                cook_put(c, (char)ch, j, 0);
                j++;
            }
            break;
        }
    }
    c->t[c->len] = '\0';
    return c;
}

/* The word's literal value, or NULL when it holds an expansion. */
const char *az_sh_literal(struct az_sh *sh, const struct az_sh_word *w)
{
    if (w->flags & AZ_SH_W_EXP)
        return NULL;
    if (!(w->flags & AZ_SH_W_QUOTED))
        return az_arena_strndup(sh->ctx->arena, sh->s + w->start, w->end - w->start);
    return az_sh_cook(sh, w)->t;
}

/* The literal value of a short word in buf (no allocation when it has no quotes), or NULL
 * when it holds an expansion or is longer than buf. */
const char *az_sh_small_lit(struct az_sh *sh, const struct az_sh_word *w, char buf[AZ_SH_LBUF])
{
    if (w->flags & AZ_SH_W_EXP)
        return NULL;
    const char *p = sh->s + w->start;
    size_t len = w->end - w->start;
    if (w->flags & AZ_SH_W_QUOTED) {
        if (len >= 4 * AZ_SH_LBUF)
            return NULL;
        /* The cooked copy is needed only until it is in buf: released at once (every
         * command's quoted words pass here). */
        struct az_arena_mark m = az_arena_mark(sh->ctx->arena);
        const struct az_sh_cooked *c = az_sh_cook(sh, w);
        bool fits = c->len < AZ_SH_LBUF;
        if (fits) {
            memcpy(buf, c->t, c->len);
            buf[c->len] = '\0';
        }
        az_arena_release(sh->ctx->arena, m);
        return fits ? buf : NULL;
    }
    if (len >= AZ_SH_LBUF)
        return NULL;
    memcpy(buf, p, len);
    buf[len] = '\0';
    return buf;
}

/* The word as written, unquoted and unexpanded, equals kw. */
static bool raw_is(const struct az_sh *sh, const struct az_sh_word *w, const char *kw)
{
    size_t n = strlen(kw);
    return w->end - w->start == n && memcmp(sh->s + w->start, kw, n) == 0;
}

/* NAME=, NAME+=, NAME[...]= at the start of s[a, b). */
static uint32_t assign_len(const struct az_sh *sh, uint32_t a, uint32_t b)
{
    uint32_t k = a;
    if (k >= b || !az_sh_is_name_start(az_sh_at(sh, k)))
        return 0;
    while (k < b && az_sh_is_name_char(az_sh_at(sh, k)))
        if (++k - a > MAX_NAME)
            return 0; /* bounds the work a word of many "=(" can cause */
    if (k < b && az_sh_at(sh, k) == '[') {
        while (k < b && az_sh_at(sh, k) != ']')
            k++;
        if (k >= b)
            return 0;
        k++;
    }
    if (k < b && az_sh_at(sh, k) == '+')
        k++;
    if (k < b && az_sh_at(sh, k) == '=')
        return k + 1 - a;
    return 0;
}

bool az_sh_is_assignment(const struct az_sh *sh, const struct az_sh_word *w)
{
    return assign_len(sh, w->start, w->end) > 0;
}

static const char *const prefix_words[] = {"if",    "then",  "else", "elif", "do",
                                           "while", "until", "!",    "{"};

static bool is_prefix_word(const struct az_sh *sh, const struct az_sh_word *w)
{
    for (size_t k = 0; k < sizeof prefix_words / sizeof *prefix_words; k++)
        if (raw_is(sh, w, prefix_words[k]))
            return true;
    return false;
}

/* ---- diagnostics shared by several checks ----------------------------------------------- */

static void report_unterminated(struct az_sh *sh, uint32_t open, char q, uint32_t apos)
{
    bool apostrophe = q == '\'' && open > 0 && az_sh_is_alpha(az_sh_at(sh, open - 1)) &&
                      az_sh_is_alpha(az_sh_at(sh, open + 1));
    struct az_diag *d;
    if (q == '`')
        d = az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, open, open + 1),
                           "unterminated command substitution: no closing '`' before the end "
                           "of the file");
    else if (apostrophe)
        d = az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, open, open + 1),
                           "unterminated single-quoted string: this ' is an apostrophe, and an "
                           "apostrophe inside '...' ends the string; the quotes after it pair "
                           "up wrongly to the end of the file");
    else
        d = az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, open, open + 1),
                           "unterminated %s string: no closing %c before the end of the file",
                           q == '"' ? "double-quoted" : "single-quoted", q);
    if (apos != AZ_SH_NONE && apos < open)
        az_diag_note(sh->ctx, d, az_sh_loc(sh, apos, apos + 1),
                     "an apostrophe inside '...' ends the string here; from it on the quotes "
                     "pair up wrongly");
    if (q == '\'') { /* a body closed with ` instead of ' (IBM's page does that) */
        for (uint32_t k = open + 1; k < sh->n; k++) {
            if (sh->s[k] != '`')
                continue;
            uint32_t e = k + 1;
            while (e < sh->n && (sh->s[e] == ' ' || sh->s[e] == '\t' || sh->s[e] == '\r'))
                e++;
            if (e >= sh->n || sh->s[e] == '\n') {
                az_diag_note(sh->ctx, d, az_sh_loc(sh, k, k + 1),
                             "did you mean ' here? the string is closed with ` instead");
                break;
            }
        }
    }
    sh->failed = true;
}

/* ---- the scanner ------------------------------------------------------------------------ */

static void start_word(struct az_sh *sh, struct az_sh_frame *o, uint32_t a)
{
    if (o->in_word)
        return;
    o->in_word = true;
    memset(&o->w, 0, sizeof o->w);
    o->w.start = a;
    o->w.exp_lo = sh->nexps;
    o->w.sq_open = o->w.sq_close = AZ_SH_NONE;
    o->w.dash_off = o->w.sqd_off = AZ_SH_NONE;
}

/* Windows line ends: reported once, at the first; the scanner reads \r\n as \n. */
static void check_crlf(struct az_sh *sh)
{
    const char *p = sh->s;
    uint32_t k = 0;
    for (;;) {
        const char *q = memchr(p + k, '\r', sh->n - k);
        if (!q)
            return;
        k = (uint32_t)(q - p);
        if (k + 1 < sh->n && p[k + 1] == '\n')
            break;
        k++;
    }
    az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, k, k + 1),
                   "the script has Windows line ends (CRLF): bash reads the '\\r' as part of the "
                   "last word of every line, so commands get wrong arguments; convert the file "
                   "to LF line ends (dos2unix)");
}

static void add_heredoc(struct az_sh *sh, struct az_sh_frame *o, const struct az_sh_word *w)
{
    sh->hd = grow(sh, sh->hd, sizeof *sh->hd, &sh->caphd, sh->nhd + 1);
    struct az_sh_heredoc *h = &sh->hd[sh->nhd++];
    h->op = o->redir_off;
    h->dend = w->end;
    h->strip = o->redir == AZ_SH_R_HEREDOC_STRIP;
    h->quoted = (w->flags & AZ_SH_W_QUOTED) != 0;
    if (w->flags & AZ_SH_W_SQ_ONLY) { /* <<'EOF': the text between the quotes, as it is */
        h->delim = sh->s + w->sq_open + 1;
        h->dlen = w->sq_close - w->sq_open - 1;
    } else if (w->flags & (AZ_SH_W_QUOTED | AZ_SH_W_EXP)) {
        struct az_sh_cooked *c = az_sh_cook(sh, w);
        h->delim = c->t;
        h->dlen = c->len;
    } else {
        h->delim = sh->s + w->start;
        h->dlen = w->end - w->start;
    }
}

static void end_word(struct az_sh *sh, struct az_sh_frame *o, uint32_t end)
{
    if (!o->in_word)
        return;
    o->in_word = false;
    struct az_sh_word w = o->w;
    w.end = end;
    w.exp_hi = sh->nexps;
    if (w.sq_open == w.start && w.sq_close != AZ_SH_NONE && w.sq_close + 1 == end &&
        w.exp_hi == w.exp_lo)
        w.flags |= AZ_SH_W_SQ_ONLY;
    if (o->kind == AZ_SH_F_ARRAY || (o->kind == AZ_SH_F_CASE && o->cs == AZ_SH_CS_PAT)) {
        if (o->kind == AZ_SH_F_CASE && raw_is(sh, &w, "esac"))
            sh->esac = true;
        sh->nexps = w.exp_lo;
        return;
    }
    if (o->redir != AZ_SH_R_NONE) {
        if (o->redir != AZ_SH_R_TARGET)
            add_heredoc(sh, o, &w);
        o->redir = AZ_SH_R_NONE;
        sh->nexps = w.exp_lo;
        return;
    }
    if (o->kind == AZ_SH_F_CASE && o->cmdpos && raw_is(sh, &w, "esac")) {
        sh->esac = true;
        sh->nexps = w.exp_lo;
        return;
    }
    uint32_t rel = o->cmd_n++;
    bool push_case = false;
    if (o->cmdpos) {
        if (is_prefix_word(sh, &w)) {
            /* the next word is in command position again */
        } else if (az_sh_is_assignment(sh, &w)) {
            /* assignments in front of a command */
        } else {
            o->cmdpos = false;
            o->head = (int)rel;
            if (raw_is(sh, &w, "case"))
                o->cmd_case = true;
            else if (raw_is(sh, &w, "[["))
                o->dbracket = true;
        }
    } else if (o->dbracket && raw_is(sh, &w, "]]")) {
        o->dbracket = false;
    } else if (o->cmd_case && (int)rel == o->head + 2 && raw_is(sh, &w, "in")) {
        push_case = true;
    }
    if (sh->nwords - o->cmd_lo < MAX_CMD_WORDS) {
        sh->words = grow(sh, sh->words, sizeof *sh->words, &sh->capwords, sh->nwords + 1);
        sh->words[sh->nwords++] = w;
    } else {
        o->cmd_trunc = true;
    }
    if (push_case) {
        struct az_sh_frame *c = push(sh, AZ_SH_F_CASE, w.start);
        if (c)
            c->cs = AZ_SH_CS_PAT;
    }
}


/* Whether the command just finished is a real simple command (for the continuation check). */
static bool command_is_real(struct az_sh *sh, const struct az_sh_frame *fr)
{
    if (fr->cmd_fundef || fr->cmd_case || fr->head < 0)
        return false;
    uint32_t idx = fr->cmd_lo + (uint32_t)fr->head;
    if (idx >= sh->nwords)
        return true;
    const struct az_sh_word *w = &sh->words[idx];
    static const char *const enders[] = {"}", "fi", "done", "esac", "function"};
    for (size_t k = 0; k < sizeof enders / sizeof *enders; k++)
        if (raw_is(sh, w, enders[k]))
            return false;
    return true;
}

static void end_command(struct az_sh *sh, struct az_sh_frame *fr, enum az_sh_sep sep, uint32_t off)
{
    if (fr->kind == AZ_SH_F_ARRAY || (fr->kind == AZ_SH_F_CASE && fr->cs == AZ_SH_CS_PAT))
        return;
    bool had = fr->cmd_n > 0;
    if (had && !fr->cmd_fundef)
        sh->on_command(sh, fr, sep);
    if (sep == AZ_SH_SEP_NEWLINE) {
        if (had) {
            fr->prev_real = command_is_real(sh, fr);
            fr->prev_kind = fr->cmd_kind;
            fr->prev_api = fr->cmd_api;
            fr->prev_open = fr->cmd_open;
            fr->prev_data = fr->cmd_data;
            fr->prev_nl = off;
            fr->prev_comment = fr->line_comment;
            fr->prev_bs = fr->line_bs;
        }
        fr->cmd_bol = true;
    } else {
        fr->prev_real = false;
        fr->cmd_bol = false;
    }
    fr->line_comment = fr->line_bs = AZ_SH_NONE;
    sh->nwords = fr->cmd_lo;
    sh->nexps = fr->cmd_exp_lo;
    if (sep != AZ_SH_SEP_OTHER)
        fr->dbracket = false;
    list_reset_cmd(sh, fr);
}

/* Ends the word in progress; an `esac` that closes the case frame pops it. */
static void word_done(struct az_sh *sh, uint32_t end)
{
    struct az_sh_frame *o = top(sh);
    end_word(sh, o, end);
    if (sh->esac) {
        sh->esac = false;
        end_command(sh, o, AZ_SH_SEP_OTHER, end);
        if (o->kind == AZ_SH_F_CASE)
            pop(sh, end);
    }
}

static void parse_suppress(struct az_sh *sh, uint32_t a, uint32_t b)
{
    uint32_t k = a + 1;
    while (k < b && (sh->s[k] == ' ' || sh->s[k] == '\t'))
        k++;
    static const char tag[] = "authzc:ignore";
    size_t tl = sizeof tag - 1;
    if (b - k < tl || memcmp(sh->s + k, tag, tl) != 0)
        return;
    k += (uint32_t)tl;
    if (k < b && sh->s[k] != ' ' && sh->s[k] != '\t')
        return;
    while (k < b && (sh->s[k] == ' ' || sh->s[k] == '\t'))
        k++;
    uint32_t ids = k;
    while (k < b && sh->s[k] != ' ' && sh->s[k] != '\t')
        k++;
    uint32_t ids_end = k;
    while (k < b && (sh->s[k] == ' ' || sh->s[k] == '\t'))
        k++;
    uint32_t r = k, re = b;
    while (re > r && (sh->s[re - 1] == ' ' || sh->s[re - 1] == '\t'))
        re--;
    struct az_lsuppress *s = az_arena_alloc(sh->ctx->arena, sizeof *s);
    s->ids = az_arena_strndup(sh->ctx->arena, sh->s + ids, ids_end - ids);
    s->reason = az_arena_strndup(sh->ctx->arena, sh->s + r, re - r);
    s->line = az_sh_line(sh, a);
    s->loc = az_sh_loc(sh, a, b);
    s->used = false;
    az_lint_add_suppress(sh->f, s);
}

static void comment(struct az_sh *sh, struct az_sh_frame *o)
{
    uint32_t a = sh->i;
    const char *nl = memchr(sh->s + a, '\n', sh->n - a);
    uint32_t b = nl ? (uint32_t)(nl - sh->s) : sh->n;
    uint32_t e = b;
    if (e > a && sh->s[e - 1] == '\r')
        e--;
    o->line_comment = a;
    parse_suppress(sh, a, e);
    sh->i = b;
}


static void read_heredocs(struct az_sh *sh)
{
    for (uint32_t k = 0; k < sh->nhd; k++) {
        const struct az_sh_heredoc *h = &sh->hd[k];
        uint32_t p = sh->i;
        uint32_t body_end = p, indented = AZ_SH_NONE;
        bool found = false;
        while (p < sh->n) {
            body_end = p;
            const char *nl = memchr(sh->s + p, '\n', sh->n - p);
            uint32_t eol = nl ? (uint32_t)(nl - sh->s) : sh->n;
            uint32_t q = p;
            if (h->strip)
                while (q < eol && sh->s[q] == '\t')
                    q++;
            uint32_t e = eol;
            if (e > q && sh->s[e - 1] == '\r')
                e--;
            p = nl ? eol + 1 : sh->n;
            if (e - q == h->dlen && memcmp(sh->s + q, h->delim, h->dlen) == 0) {
                found = true;
                break;
            }
            if (indented == AZ_SH_NONE) { /* the end line, but indented or with trailing blanks */
                uint32_t x = q, y = e;
                while (x < y && (sh->s[x] == ' ' || sh->s[x] == '\t'))
                    x++;
                while (y > x && (sh->s[y - 1] == ' ' || sh->s[y - 1] == '\t'))
                    y--;
                if (y - x == h->dlen && memcmp(sh->s + x, h->delim, h->dlen) == 0)
                    indented = x;
            }
        }
        if (!found) {
            const char *dl = az_sh_show(sh, h->delim, h->dlen);
            struct az_diag *d;
            if (az_sh_at(sh, h->dend) == '>' && az_sh_at(sh, h->dend + 1) == '>')
                d = az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, h->op, h->dend + 2),
                                   "'<<%s>>' is a placeholder, not shell: bash reads '<<%s' as a "
                                   "here-document that runs to the end of the file; write the "
                                   "value (or \"$%s\") instead",
                                   dl, dl, dl);
            else
                d = az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, h->op, h->dend),
                                   "here-document without its end line '%s': everything after it "
                                   "is the document's body",
                                   dl);
            if (indented != AZ_SH_NONE)
                az_diag_note(sh->ctx, d, az_sh_loc(sh, indented, indented + h->dlen),
                             "this line is not the end line: the end line must be '%s' alone, "
                             "without blanks (<<- allows leading tabs)",
                             dl);
            sh->failed = true;
            sh->i = sh->n;
            sh->nhd = 0;
            return;
        }
        sh->on_heredoc(sh, h, sh->i, body_end);
        sh->i = p;
    }
    sh->nhd = 0;
}

/* A '...' string at sh->i (in a word). Returns false when it is not terminated. */
/* Notes the first "$NAME" or "${...}" inside the '...' string [open, close] in o's word. */
static void single_quoted_var(struct az_sh *sh, struct az_sh_frame *o, uint32_t open,
                              uint32_t close)
{
    for (uint32_t k = open + 1; k + 1 < close; k++) {
        int c = az_sh_at(sh, k + 1);
        if (sh->s[k] != '$' || !(az_sh_is_name_start(c) || c == '{'))
            continue;
        uint32_t e = k + 1;
        if (c == '{') {
            while (e < close && sh->s[e] != '}')
                e++;
            if (e < close)
                e++;
        } else {
            while (e < close && az_sh_is_name_char(az_sh_at(sh, e)))
                e++;
        }
        o->w.sqd_off = k;
        o->w.sqd_len = e - k;
        return;
    }
}

/* Whether the quote at close is an apostrophe of English text ("account's", "we'll"). */
static bool is_apostrophe(const struct az_sh *sh, uint32_t open, uint32_t close)
{
    if (close <= open + 1 || !az_sh_is_alpha(az_sh_at(sh, close - 1)) ||
        !memchr(sh->s + open, ' ', close - open))
        return false;
    int c1 = az_sh_at(sh, close + 1), c2 = az_sh_at(sh, close + 2), c3 = az_sh_at(sh, close + 3);
    bool one = (c1 == 's' || c1 == 't' || c1 == 'd' || c1 == 'm') && !az_sh_is_alnum(c2);
    bool two = ((c1 == 'l' && c2 == 'l') || (c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e')) &&
               !az_sh_is_alnum(c3);
    return one || two;
}

/* The quote that closes the '...' string the author meant when an apostrophe at apos ended
 * it early: the next quote that ends a word, when every quote before it is an apostrophe
 * between letters; *odd: the apostrophes are an odd number (then bash pairs the quotes
 * wrongly past the meant end). AZ_SH_NONE when there is no such quote. */
static uint32_t meant_close(const struct az_sh *sh, uint32_t apos, bool *odd)
{
    unsigned count = 1;
    for (uint32_t k = apos + 1; k < sh->n; k++) {
        if (sh->s[k] != '\'')
            continue;
        int before = az_sh_at(sh, k - 1), after = az_sh_at(sh, k + 1);
        if (az_sh_is_alpha(before) && az_sh_is_alpha(after)) {
            count++;
            continue;
        }
        if (after == 0 || strchr(" \t\r\n;|&)", after) == NULL)
            return AZ_SH_NONE;
        *odd = count % 2 == 1;
        return k;
    }
    return AZ_SH_NONE;
}

/* A '...' string at sh->i (in a word). Returns false when it is not terminated. */
static bool single_quote(struct az_sh *sh, struct az_sh_frame *fr)
{
    uint32_t open = sh->i;
    struct az_sh_frame *o = owner_of(sh, fr);
    const char *q = memchr(sh->s + open + 1, '\'', sh->n - open - 1);
    if (!q) {
        report_unterminated(sh, open, '\'', o->cmd_apos);
        return false;
    }
    uint32_t close = (uint32_t)(q - sh->s);
    bool word = fr->word_level && o->in_word;
    if (is_apostrophe(sh, open, close)) {
        uint32_t we = close + 1;
        while (we < sh->n && az_sh_is_alnum(az_sh_at(sh, we)))
            we++;
        uint32_t ws = close;
        while (ws > open + 1 && az_sh_is_alnum(az_sh_at(sh, ws - 1)))
            ws--;
        az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, az_sh_loc(sh, close, close + 1),
                       "the apostrophe in '%s' ends the single-quoted string: an apostrophe "
                       "inside '...' ends the string, and the rest of the text becomes "
                       "separate words; avoid the apostrophe or put the text in a file "
                       "(--data @file)",
                       az_sh_show_src(sh, ws, we));
        if (o->cmd_apos == AZ_SH_NONE)
            o->cmd_apos = close;
        /* Reported: read on as the author meant, the string up to its real end (a curl
         * body is then linted whole, and the rest of the script is read as written). */
        bool odd = false;
        uint32_t meant = word && o->w.sq_open == open ? meant_close(sh, close, &odd) : AZ_SH_NONE;
        if (meant != AZ_SH_NONE && odd) {
            struct az_diag *d = az_diag_report(
                sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, meant, meant + 1),
                "this ' opens a new single-quoted string, not closes one: the apostrophe "
                "before it closed the string, so bash pairs the quotes after it wrongly; the "
                "rest of the script is read here as written");
            az_diag_note(sh->ctx, d, az_sh_loc(sh, close, close + 1),
                         "the apostrophe that closed the string");
        }
        if (meant != AZ_SH_NONE)
            close = meant;
    }
    if (word) {
        o->w.flags |= AZ_SH_W_QUOTED;
        if (o->w.sq_open == open)
            o->w.sq_close = close;
        if (o->w.sqd_off == AZ_SH_NONE)
            single_quoted_var(sh, o, open, close);
    }
    sh->i = close + 1;
    return true;
}

/* $'...' at sh->i. */
static bool ansi_quote(struct az_sh *sh, struct az_sh_frame *fr)
{
    uint32_t open = sh->i;
    uint32_t k = open + 2;
    while (k < sh->n && sh->s[k] != '\'')
        k += sh->s[k] == '\\' ? 2 : 1;
    if (k >= sh->n) {
        report_unterminated(sh, open + 1, '\'', AZ_SH_NONE);
        return false;
    }
    struct az_sh_frame *o = owner_of(sh, fr);
    if (fr->word_level && o->in_word)
        o->w.flags |= AZ_SH_W_QUOTED;
    sh->i = k + 1;
    return true;
}

static void backtick(struct az_sh *sh, struct az_sh_frame *fr)
{
    uint32_t open = sh->i;
    uint32_t k = open + 1;
    while (k < sh->n && sh->s[k] != '`')
        k += sh->s[k] == '\\' ? 2 : 1;
    if (k >= sh->n) {
        report_unterminated(sh, open, '`', AZ_SH_NONE);
        return;
    }
    uint32_t c = open + 1;
    while (c < k && (sh->s[c] == ' ' || sh->s[c] == '\t'))
        c++;
    if ((k - c >= 7 && memcmp(sh->s + c, "http://", 7) == 0) ||
        (k - c >= 8 && memcmp(sh->s + c, "https://", 8) == 0))
        az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, az_sh_loc(sh, open, k + 1),
                       "`%s` is a command substitution: the shell runs the URL as a command and "
                       "puts its output here; quote the URL with '...' instead",
                       az_sh_show_src(sh, c, k));
    if (fr->word_level)
        add_exp(sh, fr, open, k + 1);
    sh->i = k + 1;
}

/* '$' at sh->i, inside a word. */
static void dollar(struct az_sh *sh)
{
    struct az_sh_frame *fr = top(sh);
    uint32_t a = sh->i;
    int c1 = az_sh_at(sh, a + 1);
    if (c1 == '(') {
        if (az_sh_at(sh, a + 2) == '(') {
            if (push(sh, AZ_SH_F_ARITH, a))
                sh->i = a + 3;
        } else if (push(sh, AZ_SH_F_CMDSUB, a)) {
            sh->i = a + 2;
        }
        return;
    }
    if (c1 == '{') {
        if (push(sh, AZ_SH_F_PARAM, a))
            sh->i = a + 2;
        return;
    }
    if (c1 == '\'' && fr->kind != AZ_SH_F_DQUOTE) {
        ansi_quote(sh, fr);
        return;
    }
    if (az_sh_is_name_start(c1)) {
        uint32_t e = a + 1;
        while (e < sh->n && az_sh_is_name_char(az_sh_at(sh, e)))
            e++;
        if (fr->word_level) {
            add_exp(sh, fr, a, e);
            struct az_sh_frame *o = owner_of(sh, fr);
            if (az_sh_at(sh, e) == '-' && az_sh_is_alpha(az_sh_at(sh, e + 1)) && o->in_word &&
                o->w.dash_off == AZ_SH_NONE && o->kind != AZ_SH_F_ARRAY) {
                uint32_t k = e;
                while (k < sh->n && (az_sh_is_name_char(az_sh_at(sh, k)) || az_sh_at(sh, k) == '-'))
                    k++;
                o->w.dash_off = a;
                o->w.dash_name = e - a - 1;
                o->w.dash_suf = k - e;
            }
        }
        sh->i = e;
        return;
    }
    if (c1 && strchr("0123456789@*#?$!-", c1)) {
        if (fr->word_level)
            add_exp(sh, fr, a, a + 2);
        sh->i = a + 2;
        return;
    }
    sh->i = a + 1; /* a literal '$' */
}

/* The bytes s[a, b) are all digits, or {name}: a file descriptor before < or >. */
static bool is_fd_word(const struct az_sh *sh, uint32_t a, uint32_t b)
{
    if (b <= a)
        return false;
    if (az_sh_at(sh, a) == '{' && az_sh_at(sh, b - 1) == '}' && b - a > 2) {
        for (uint32_t k = a + 1; k + 1 < b; k++)
            if (!az_sh_is_name_char(az_sh_at(sh, k)))
                return false;
        return true;
    }
    for (uint32_t k = a; k < b; k++)
        if (az_sh_at(sh, k) < '0' || az_sh_at(sh, k) > '9')
            return false;
    return true;
}

static void newline(struct az_sh *sh)
{
    uint32_t nl = sh->i;
    if (nl > 0 && sh->s[nl - 1] == '\r')
        nl--;
    word_done(sh, nl);
    struct az_sh_frame *fr = top(sh);
    if (fr->kind == AZ_SH_F_ARRAY || (fr->kind == AZ_SH_F_CASE && fr->cs == AZ_SH_CS_PAT)) {
        fr->line_comment = fr->line_bs = AZ_SH_NONE;
    } else {
        fr->redir = AZ_SH_R_NONE;
        end_command(sh, fr, AZ_SH_SEP_NEWLINE, nl);
    }
    sh->i++;
    if (sh->nhd)
        read_heredocs(sh);
}

/* Operators of a command list; false: the byte is an ordinary word byte here. */
static bool list_operator(struct az_sh *sh, struct az_sh_frame *fr)
{
    uint32_t i = sh->i;
    int c = az_sh_at(sh, i), c1 = az_sh_at(sh, i + 1), c2 = az_sh_at(sh, i + 2);

    if (fr->kind == AZ_SH_F_ARRAY) {
        if (c == '(')
            return false;
        word_done(sh, i);
        sh->i = i + 1;
        if (c == ')')
            pop(sh, i + 1);
        return true;
    }
    if (fr->kind == AZ_SH_F_CASE && fr->cs == AZ_SH_CS_PAT) {
        if (c == '(' && !fr->in_word) {
            sh->i = i + 1;
            return true;
        }
        word_done(sh, i);
        if (top(sh) != fr)
            return true; /* esac closed the case */
        if (c == ')') {
            fr->cs = AZ_SH_CS_BODY;
            list_reset_cmd(sh, fr);
            fr->cmd_bol = false;
            fr->prev_real = false;
        }
        sh->i = i + 1;
        return true;
    }
    if (fr->dbracket && (c == '<' || c == '>' || c == '(' || c == ')'))
        return false;

    switch (c) {
    case ';':
        word_done(sh, i);
        fr = top(sh);
        if (c1 == ';' || c1 == '&') {
            sh->i = i + (c1 == ';' && c2 == '&' ? 3 : 2);
            end_command(sh, fr, AZ_SH_SEP_OTHER, i);
            if (fr->kind == AZ_SH_F_CASE)
                fr->cs = AZ_SH_CS_PAT;
        } else {
            sh->i = i + 1;
            end_command(sh, fr, AZ_SH_SEP_OTHER, i);
        }
        return true;
    case '&':
        if (c1 == '>') {
            word_done(sh, i);
            top(sh)->redir = AZ_SH_R_TARGET;
            sh->i = i + (c2 == '>' ? 3 : 2);
            return true;
        }
        word_done(sh, i);
        sh->i = i + (c1 == '&' ? 2 : 1);
        end_command(sh, top(sh), AZ_SH_SEP_OTHER, i);
        return true;
    case '|':
        word_done(sh, i);
        sh->i = i + (c1 == '|' || c1 == '&' ? 2 : 1);
        end_command(sh, top(sh), AZ_SH_SEP_OTHER, i);
        return true;
    case '<':
    case '>':
        if (c1 == '(') { /* process substitution */
            start_word(sh, fr, i);
            if (push(sh, AZ_SH_F_CMDSUB, i))
                sh->i = i + 2;
            return true;
        }
        if (fr->in_word && is_fd_word(sh, fr->w.start, i) &&
            !(fr->w.flags & (AZ_SH_W_EXP | AZ_SH_W_QUOTED))) {
            fr->in_word = false;
            sh->nexps = fr->w.exp_lo;
        } else {
            word_done(sh, i);
            fr = top(sh);
        }
        fr->redir_off = i;
        if (c == '<' && c1 == '<') {
            if (c2 == '<') {
                fr->redir = AZ_SH_R_TARGET;
                sh->i = i + 3;
            } else if (c2 == '-') {
                fr->redir = AZ_SH_R_HEREDOC_STRIP;
                sh->i = i + 3;
            } else {
                fr->redir = AZ_SH_R_HEREDOC;
                sh->i = i + 2;
            }
        } else {
            fr->redir = AZ_SH_R_TARGET;
            sh->i = i + ((c == '<' && (c1 == '&' || c1 == '>')) ||
                                 (c == '>' && (c1 == '>' || c1 == '&' || c1 == '|'))
                             ? 2
                             : 1);
        }
        return true;
    case '(':
        if (fr->in_word && az_sh_at(sh, i - 1) == '=' &&
            assign_len(sh, fr->w.start, i) == i - fr->w.start) {
            if (push(sh, AZ_SH_F_ARRAY, i))
                sh->i = i + 1;
            return true;
        }
        word_done(sh, i);
        fr = top(sh);
        if (fr->cmdpos && fr->redir == AZ_SH_R_NONE) {
            if (c1 == '(') {
                start_word(sh, fr, i);
                if (push(sh, AZ_SH_F_ARITH, i))
                    sh->i = i + 2;
                return true;
            }
            fr->paren++;
            fr->cmdpos = true;
            sh->i = i + 1;
            return true;
        }
        if (fr->cmd_n == 1 && c1 == '(' && fr->cmd_lo < sh->nwords &&
            raw_is(sh, &sh->words[fr->cmd_lo], "for")) {
            start_word(sh, fr, i);
            if (push(sh, AZ_SH_F_ARITH, i))
                sh->i = i + 2;
            return true;
        }
        {
            uint32_t k = i + 1;
            while (k < sh->n && (sh->s[k] == ' ' || sh->s[k] == '\t'))
                k++;
            bool fn = fr->cmd_n == 1 || (fr->cmd_n == 2 && fr->cmd_lo < sh->nwords &&
                                         raw_is(sh, &sh->words[fr->cmd_lo], "function"));
            if (fn && az_sh_at(sh, k) == ')') {
                fr->cmd_fundef = true;
                sh->i = k + 1;
                end_command(sh, fr, AZ_SH_SEP_OTHER, k);
                return true;
            }
        }
        sh->i = i + 1;
        return true;
    case ')':
        word_done(sh, i);
        fr = top(sh);
        if (fr->paren > 0) {
            fr->paren--;
            end_command(sh, fr, AZ_SH_SEP_OTHER, i);
            sh->i = i + 1;
        } else if (fr->kind == AZ_SH_F_CMDSUB) {
            end_command(sh, fr, AZ_SH_SEP_OTHER, i);
            sh->i = i + 1;
            pop(sh, i + 1);
        } else {
            end_command(sh, fr, AZ_SH_SEP_OTHER, i);
            sh->i = i + 1;
        }
        return true;
    default:
        return false;
    }
}

static void lex_list(struct az_sh *sh)
{
    struct az_sh_frame *fr = top(sh);
    uint32_t i = sh->i;
    int c = az_sh_at(sh, i);
    switch (c) {
    case ' ':
    case '\t':
        word_done(sh, i);
        sh->i = i + 1;
        return;
    case '\r':
        if (az_sh_at(sh, i + 1) == '\n') {
            word_done(sh, i);
            sh->i = i + 1;
            return;
        }
        break;
    case '\n':
        newline(sh);
        return;
    case '#':
        if (!fr->in_word) {
            comment(sh, fr);
            return;
        }
        break;
    case '\\': {
        int c1 = az_sh_at(sh, i + 1);
        if (i + 1 >= sh->n) {
            start_word(sh, fr, i);
            sh->i = i + 1;
            return;
        }
        if (c1 == '\n') {
            sh->i = i + 2;
            return;
        }
        if (c1 == '\r' && az_sh_at(sh, i + 2) == '\n') {
            sh->i = i + 3;
            return;
        }
        if (c1 == ' ' || c1 == '\t') {
            uint32_t k = i + 1;
            while (k < sh->n && (sh->s[k] == ' ' || sh->s[k] == '\t'))
                k++;
            if (k >= sh->n || sh->s[k] == '\n' || (sh->s[k] == '\r' && az_sh_at(sh, k + 1) == '\n'))
                fr->line_bs = i;
        }
        start_word(sh, fr, i);
        fr->w.flags |= AZ_SH_W_QUOTED;
        sh->i = i + 2;
        return;
    }
    case '\'':
        start_word(sh, fr, i);
        if (fr->w.start == i && fr->w.sq_open == AZ_SH_NONE)
            fr->w.sq_open = i;
        single_quote(sh, fr);
        return;
    case '"':
        start_word(sh, fr, i);
        fr->w.flags |= AZ_SH_W_QUOTED;
        if (push(sh, AZ_SH_F_DQUOTE, i))
            sh->i = i + 1;
        return;
    case '`':
        start_word(sh, fr, i);
        backtick(sh, fr);
        return;
    case '$':
        start_word(sh, fr, i);
        if (az_sh_at(sh, i + 1) == '"') {
            fr->w.flags |= AZ_SH_W_QUOTED;
            if (push(sh, AZ_SH_F_DQUOTE, i + 1))
                sh->i = i + 2;
            return;
        }
        dollar(sh);
        return;
    case ';':
    case '&':
    case '|':
    case '<':
    case '>':
    case '(':
    case ')':
        if (list_operator(sh, fr))
            return;
        break;
    default:
        break;
    }
    /* extglob: @(...) ?(...) *(...) +(...) !(...) */
    if ((c == '@' || c == '?' || c == '*' || c == '+' || (c == '!' && fr->in_word)) &&
        az_sh_at(sh, i + 1) == '(' && !fr->dbracket) {
        start_word(sh, fr, i);
        uint32_t k = i + 2;
        unsigned d = 1;
        while (k < sh->n && d > 0 && sh->s[k] != '\n') {
            if (sh->s[k] == '\\')
                k++;
            else if (sh->s[k] == '(')
                d++;
            else if (sh->s[k] == ')')
                d--;
            k++;
        }
        sh->i = k > sh->n ? sh->n : k;
        return;
    }
    start_word(sh, fr, i);
    sh->i = i + 1;
}

static void lex_dquote(struct az_sh *sh)
{
    struct az_sh_frame *fr = top(sh);
    uint32_t i = sh->i;
    switch (az_sh_at(sh, i)) {
    case '"':
        sh->i = i + 1;
        pop(sh, i + 1);
        return;
    case '\\': {
        int c1 = az_sh_at(sh, i + 1);
        if (c1 == '\r' && az_sh_at(sh, i + 2) == '\n')
            sh->i = i + 3;
        else if (c1 && strchr("$`\"\\\n", c1))
            sh->i = i + 2;
        else
            sh->i = i + 1;
        return;
    }
    case '$':
        dollar(sh);
        return;
    case '`':
        backtick(sh, fr);
        return;
    default: {
        uint32_t k = i + 1;
        while (k < sh->n && !strchr("\"\\$`", sh->s[k]))
            k++;
        sh->i = k;
        return;
    }
    }
}

static void lex_param(struct az_sh *sh)
{
    struct az_sh_frame *fr = top(sh);
    uint32_t i = sh->i;
    switch (az_sh_at(sh, i)) {
    case '}':
        sh->i = i + 1;
        pop(sh, i + 1);
        return;
    case '\\':
        sh->i = i + 2 > sh->n ? sh->n : i + 2;
        return;
    case '\'':
        if (!fr->in_dq)
            single_quote(sh, fr);
        else
            sh->i = i + 1;
        return;
    case '"':
        if (push(sh, AZ_SH_F_DQUOTE, i))
            sh->i = i + 1;
        return;
    case '$':
        dollar(sh);
        return;
    case '`':
        backtick(sh, fr);
        return;
    default:
        sh->i = i + 1;
        return;
    }
}

static void lex_arith(struct az_sh *sh)
{
    struct az_sh_frame *fr = top(sh);
    uint32_t i = sh->i;
    switch (az_sh_at(sh, i)) {
    case '(':
        fr->depth++;
        sh->i = i + 1;
        return;
    case ')':
        if (fr->depth > 0) {
            fr->depth--;
            sh->i = i + 1;
        } else if (az_sh_at(sh, i + 1) == ')') {
            sh->i = i + 2;
            pop(sh, i + 2);
        } else {
            /* "$( (cmd) ...)": not arithmetic; the rest is a command list */
            fr->kind = AZ_SH_F_CMDSUB;
            list_init(sh, fr, sh->nfr - 1);
            sh->i = i + 1;
        }
        return;
    case '\\':
        sh->i = i + 2 > sh->n ? sh->n : i + 2;
        return;
    case '\'':
        single_quote(sh, fr);
        return;
    case '"':
        if (push(sh, AZ_SH_F_DQUOTE, i))
            sh->i = i + 1;
        return;
    case '$':
        dollar(sh);
        return;
    case '`':
        backtick(sh, fr);
        return;
    default:
        sh->i = i + 1;
        return;
    }
}

/* ---- the script ---------------------------------------------------------------------------- */

/* Invalid UTF-8 (AZ103) or a NUL byte (AZ104): the first one is reported. */
static bool check_encoding(struct az_sh *sh)
{
    const unsigned char *s = (const unsigned char *)sh->s;
    uint32_t n = sh->n;
    for (uint32_t k = 0; k < n;) {
        unsigned c = s[k];
        if (c == 0) {
            az_diag_report(sh->ctx, AZ_D_BAD_CHAR, az_sh_loc(sh, k, k + 1),
                           "a NUL byte: a shell script is text");
            return false;
        }
        uint32_t len = (uint32_t)az_utf8_len(s + k, n - k);
        if (len == 0) {
            az_diag_report(sh->ctx, AZ_D_BAD_UTF8, az_sh_loc(sh, k, k + 1),
                           "invalid UTF-8 byte 0x%02X", c);
            return false;
        }
        k += len;
    }
    return true;
}

static void report_open_frame(struct az_sh *sh)
{
    struct az_sh_frame *fr = top(sh);
    uint32_t o = fr->open;
    switch (fr->kind) {
    case AZ_SH_F_DQUOTE:
        report_unterminated(sh, o, '"', sh->fr[fr->owner].cmd_apos);
        return;
    case AZ_SH_F_CMDSUB:
        az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, o, o + 2),
                       "unterminated command substitution: no ')' closes this '%s'",
                       az_sh_show_src(sh, o, o + 2));
        break;
    case AZ_SH_F_PARAM:
        az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, o, o + 2),
                       "unterminated '${': no '}' closes it");
        break;
    case AZ_SH_F_ARITH:
        az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, o, o + 2),
                       "unterminated arithmetic: no '))' closes this '%s'",
                       az_sh_show_src(sh, o, o + (az_sh_at(sh, o) == '$' ? 3 : 2)));
        break;
    case AZ_SH_F_ARRAY:
        az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, o, o + 1),
                       "unterminated array: no ')' closes this '('");
        break;
    case AZ_SH_F_CASE:
        az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, az_sh_loc(sh, o, o + 2),
                       "'case ... in' without its 'esac'");
        break;
    case AZ_SH_F_TOP:
        return;
    }
    sh->failed = true;
}

int az_sh_scan(struct az_sh *sh)
{
    struct az_ctx *ctx = sh->ctx;
    sh->s = sh->src->text;
    sh->n = (uint32_t)sh->src->len;
    unsigned depth = ctx->max_depth ? ctx->max_depth : 64;
    sh->maxfr = depth + 1;
    sh->fr = az_arena_alloc(ctx->arena, sizeof *sh->fr * sh->maxfr);
    if (!check_encoding(sh)) {
        return -1;
    }
    check_crlf(sh);
    sh->nfr = 1;
    sh->fr[0].kind = AZ_SH_F_TOP;
    list_init(sh, &sh->fr[0], 0);
    sh->fr[0].cmd_bol = true;

    size_t first_diag = sh->ctx->diags.n;
    while (!sh->failed && sh->i < sh->n) {
        if (sh->ctx->diags.n - first_diag > MAX_FINDINGS) {
            az_diag_report(sh->ctx, AZ_D_LIMIT, az_sh_loc(sh, sh->i, sh->i + 1),
                           "more than %u findings in this file; the rest of it is not read",
                           MAX_FINDINGS);
            sh->failed = true;
            break;
        }
        switch (top(sh)->kind) {
        case AZ_SH_F_TOP:
        case AZ_SH_F_CMDSUB:
        case AZ_SH_F_CASE:
        case AZ_SH_F_ARRAY:
            lex_list(sh);
            break;
        case AZ_SH_F_DQUOTE:
            lex_dquote(sh);
            break;
        case AZ_SH_F_PARAM:
            lex_param(sh);
            break;
        case AZ_SH_F_ARITH:
            lex_arith(sh);
            break;
        }
    }
    if (!sh->failed) {
        if (sh->nfr > 1) {
            report_open_frame(sh);
        } else {
            word_done(sh, sh->n);
            end_command(sh, &sh->fr[0], AZ_SH_SEP_EOF, sh->n);
            if (sh->nhd)
                read_heredocs(sh);
        }
    }
    return sh->failed ? -1 : 0;
}
