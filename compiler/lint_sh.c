/* lint_sh.c - the shell-script lint front end (.sh, .bash, shell shebangs).
 *
 * A hand-written scanner reads the script once, left to right, in linear time, with an
 * explicit stack of open constructs (at most ctx->max_depth deep, else AZ106), and hands
 * every finished simple command (its words, with places) to the checks:
 *   - `ibmcloud iam authorization-policy-create SOURCE TARGET ROLES [flags]` becomes a located
 *     policy (AZ_LFORM_CLI): subject serviceName = SOURCE, resource serviceName = TARGET,
 *     the roles split at ',' (each part with its own place), and every attribute flag of the
 *     CLI synopsis as a subject or resource attribute; values from variables or
 *     substitutions are AZ_LV_REF (the text as written). `--file PATH` (literal only)
 *     becomes a reference lint.c lints as JSON.
 *   - the template, version and assignment commands: flags, argument counts, --target-type
 *     and --target values; every `--file` path is a reference.
 *   - unknown flags and subcommands (AZ605, with "did you mean"), flags that exclude each
 *     other, positionals with --file, missing arguments (AZ503), a backup target named by
 *     --target-resource-type (AZ810), `iam authorization-...` without `ibmcloud` (AZ605).
 *   - shell pitfalls (AZ606): `$en-instance-ID` in ibmcloud and curl commands (bash expands
 *     $en), '$VAR' inside single quotes in curl commands, an apostrophe that ends a
 *     '...' string ("account's"), a line that starts with a flag (-H, --data, ...) after a
 *     line that did not end with '\' (also when a comment or "\ " broke the continuation),
 *     a curl option left without its value at the end of a line, a URL in backquotes.
 *   - curl -d/--data '...' bodies sent to /v1/policies, /v2/policies, /v1/policy_templates
 *     or /v1/policy_assignments are linted as JSON (az_lint_json) on a sub-source in which
 *     the body keeps its line and column (everything else blanked); what that reports and
 *     builds is then moved onto the script's own source, so carets, sorting and suppressions
 *     work as for any finding of the script. `-d @FILE` to those URLs becomes a reference.
 *     A v1 body sent to /v2 (or the reverse) is AZ504.
 *   - here-document bodies that are IAM policy bodies (literal JSON holding "role_id": what
 *     `authzc compile -t cli` feeds its shell functions) are linted the same way, so the
 *     generated script's policies are in the model (drift, companions); a body the shell
 *     expands ($, `, \ in an unquoted here-document) is passed over.
 *   - `# authzc:ignore IDS reason` comments (the text after '#' starts with authzc:ignore)
 *     are recorded in f->suppress.
 *   - syntax (AZ501): an unterminated quote, $(, ${, $((, backquote or case, a here-document
 *     without its end line, and Windows (CRLF) line ends (reported once; the rest of the
 *     file is then read as if it had LF line ends).
 *
 * What the scanner understands: words, comments (# at a word start), '...', "..." (with \
 * escapes and expansions inside), $'...', $"...", \ escapes and \-newline continuations,
 * $name and special parameters, ${...} (nested), $(...) and <(...)/>(...) (full command
 * lists: commands inside them are checked too), `...` (skipped; contents not checked),
 * $((...)) and ((...)), here-documents (<<, <<-, quoted or not, several on one line, inside
 * $(...) too; bodies are skipped unless they are IAM JSON, see above) and here-strings,
 * redirections (with fd numbers; their targets are not arguments), the operators ; & && || | |& ;;
 * ;& ;;&, ( ) subshells, { } groups, reserved words in front of a command (if then else elif do
 * while until ! {), case ... esac patterns, [[ ... ]], function definitions, array assignments
 * x=(...), extglob groups, assignments in front of a command (A=b ibmcloud ...) and the wrappers
 * sudo, command, exec, env, nohup, nice, time and timeout.
 *
 * What it does not: aliases and functions are not followed (a command run through a
 * function, like the generated script's `ibm iam ...`, is not checked; `"$@"` or
 * "${args[@]}" arguments make the argument count unknown, so such a command is not
 * modelled), commands inside backquotes are not checked, eval/sh -c strings are not
 * parsed, variables are never resolved, and a file that bash would refuse for other
 * grammar reasons (an `if` without `fi`, say) is not reported. */
#include "authzc/lint.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/source.h"
#include "authzc/suggest.h"

#define NONE UINT32_MAX
#define MAX_CMD_WORDS 4096u /* words kept per command; more mark it truncated */
#define MAX_CMD_EXPS 65536u /* expansions kept per command */
#define SHOW_MAX 60         /* bytes of user text quoted in a message */
#define MAX_ARGS 64u        /* flags and positionals of one ibmcloud command looked at */
#define MAX_NAME 1024u      /* longest variable name taken for an assignment */
#define MAX_FINDINGS 1000u  /* diagnostics per file before the rest is skipped */

enum fkind {
    F_TOP,    /* the script: a command list */
    F_CMDSUB, /* $( ... ), <( ... ), >( ... ): a command list closed by ')' */
    F_CASE,   /* case ... in ... esac: patterns and command lists */
    F_ARRAY,  /* x=( ... ): words, no commands */
    F_DQUOTE, /* " ... " */
    F_PARAM,  /* ${ ... } */
    F_ARITH,  /* $(( ... )) and (( ... )) */
};

enum cstate { CS_PAT, CS_BODY };
enum redir { R_NONE, R_TARGET, R_HEREDOC, R_HEREDOC_STRIP };
enum sep { SEP_OTHER, SEP_NEWLINE, SEP_EOF };

#define W_QUOTED 0x1u  /* some part is quoted or escaped */
#define W_EXP 0x2u     /* some part is an expansion: the value is not literal */
#define W_SQ_ONLY 0x4u /* the word is exactly one '...' string */

struct word {
    uint32_t start, end;     /* bytes of the source */
    uint32_t exp_lo, exp_hi; /* its expansions in sh.exps */
    uint32_t flags;
    uint32_t sq_open, sq_close;             /* the first '...' when the word starts with one */
    uint32_t dash_off, dash_name, dash_suf; /* "$name-suffix": '$', name length, suffix */
    uint32_t sqd_off, sqd_len;              /* a "$NAME" inside '...' */
};

struct span {
    uint32_t a, b;
};

struct frame {
    enum fkind kind;
    unsigned owner;  /* the list frame whose current word holds this frame */
    bool word_level; /* expansions seen here are parts of the owner's word */
    bool rec;        /* on close, [open, end) is an expansion of the owner's word */
    bool in_dq;      /* inside double quotes: ' is an ordinary character */
    uint32_t open;
    unsigned depth; /* F_ARITH: open parentheses */
    /* command lists (F_TOP, F_CMDSUB, F_CASE, F_ARRAY) */
    enum cstate cs;
    unsigned paren;
    bool dbracket;
    bool in_word;
    struct word w;
    uint32_t cmd_lo, cmd_exp_lo, cmd_n;
    bool cmd_trunc, cmdpos, cmd_case, cmd_bol, cmd_fundef;
    int head;
    uint32_t cmd_apos; /* an apostrophe that ended a '...' in this command */
    enum redir redir;
    uint32_t redir_off;
    /* the previous command of this list, for the continuation check */
    bool prev_real;
    uint32_t prev_nl, prev_comment, prev_bs;
    uint32_t line_comment, line_bs;
};

struct heredoc {
    uint32_t op;   /* the << */
    uint32_t dend; /* end of the delimiter word */
    const char *delim;
    uint32_t dlen;
    bool strip;
    bool quoted; /* <<'END' or <<"END": the body is not expanded */
};

struct cooked {
    char *t;
    uint32_t len;
    uint32_t *map;      /* source offset of each byte (NULL: base + index) */
    unsigned char *ref; /* 1: the byte is part of an expansion, copied as written (NULL: none) */
    uint32_t base;
    bool any_ref;
};

static uint32_t ck_map(const struct cooked *c, uint32_t k)
{
    return c->map ? c->map[k] : c->base + k;
}

static bool ck_ref(const struct cooked *c, uint32_t k)
{
    return c->ref && c->ref[k];
}

struct sh {
    struct az_ctx *ctx;
    const struct az_source *src;
    struct az_lfile *f;
    const char *s;
    uint32_t n, i;
    struct frame *fr;
    unsigned nfr, maxfr;
    struct word *words;
    uint32_t nwords, capwords;
    struct span *exps;
    uint32_t nexps, capexps;
    struct heredoc *hd;
    uint32_t nhd, caphd;
    bool failed;
    bool esac;
};

/* ---- small helpers ------------------------------------------------------------------- */

static bool is_name_start(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_name_char(int c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

static bool is_alpha(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_alnum(int c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static int at(const struct sh *sh, uint32_t k)
{
    return k < sh->n ? (unsigned char)sh->s[k] : 0;
}

static void *grow(struct sh *sh, void *old, size_t elem, uint32_t *cap, uint32_t need)
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
static struct az_loc mkloc(const struct sh *sh, uint32_t a, uint32_t b)
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

static unsigned line_of(const struct sh *sh, uint32_t off)
{
    uint32_t line, col;
    az_source_position(sh->src, off > sh->n ? sh->n : off, &line, &col);
    return line;
}

/* User text for a message: at most SHOW_MAX bytes of its first line, control bytes as '?'. */
static const char *show(struct sh *sh, const char *p, size_t len)
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

static const char *show_src(struct sh *sh, uint32_t a, uint32_t b)
{
    return show(sh, sh->s + a, b > a ? b - a : 0);
}

/* ---- frames ---------------------------------------------------------------------------- */

static bool is_list(enum fkind k)
{
    return k == F_TOP || k == F_CMDSUB || k == F_CASE || k == F_ARRAY;
}

static struct frame *top(struct sh *sh)
{
    return &sh->fr[sh->nfr - 1];
}

static struct frame *owner_of(struct sh *sh, const struct frame *fr)
{
    return &sh->fr[fr->owner];
}

static void list_reset_cmd(struct sh *sh, struct frame *fr)
{
    fr->cmd_lo = sh->nwords;
    fr->cmd_exp_lo = sh->nexps;
    fr->cmd_n = 0;
    fr->cmd_trunc = false;
    fr->cmdpos = true;
    fr->cmd_case = false;
    fr->cmd_fundef = false;
    fr->head = -1;
    fr->cmd_apos = NONE;
    fr->redir = R_NONE;
}

static void list_init(struct sh *sh, struct frame *fr, unsigned self)
{
    fr->owner = self;
    fr->word_level = true;
    fr->paren = 0;
    fr->dbracket = false;
    fr->in_word = false;
    fr->cs = CS_PAT;
    list_reset_cmd(sh, fr);
    fr->cmd_bol = false;
    fr->prev_real = false;
    fr->prev_nl = fr->prev_comment = fr->prev_bs = NONE;
    fr->line_comment = fr->line_bs = NONE;
}

static struct frame *push(struct sh *sh, enum fkind kind, uint32_t open)
{
    if (sh->nfr >= sh->maxfr) {
        az_diag_report(sh->ctx, AZ_D_LIMIT, mkloc(sh, open, open + 1),
                       "nesting deeper than %u levels ($(...), ${...}, quotes, case); the rest "
                       "of this file is not read",
                       sh->maxfr - 1);
        sh->failed = true;
        return NULL;
    }
    struct frame *parent = top(sh);
    unsigned idx = sh->nfr++;
    struct frame *fr = &sh->fr[idx];
    memset(fr, 0, sizeof *fr);
    fr->kind = kind;
    fr->open = open;
    fr->rec = kind != F_DQUOTE && kind != F_CASE && parent->word_level;
    fr->in_dq = parent->kind == F_DQUOTE || (parent->kind == F_PARAM && parent->in_dq);
    if (is_list(kind)) {
        list_init(sh, fr, idx);
    } else {
        fr->owner = parent->owner;
        fr->word_level = kind == F_DQUOTE && parent->word_level;
    }
    return fr;
}

/* Records [a, b) as an expansion of the current word of fr's owner. */
static void add_exp(struct sh *sh, struct frame *fr, uint32_t a, uint32_t b)
{
    struct frame *o = owner_of(sh, fr);
    if (!o->in_word)
        return;
    o->w.flags |= W_EXP;
    if (sh->nexps - o->cmd_exp_lo >= MAX_CMD_EXPS) {
        o->cmd_trunc = true;
        return;
    }
    sh->exps = grow(sh, sh->exps, sizeof *sh->exps, &sh->capexps, sh->nexps + 1);
    sh->exps[sh->nexps].a = a;
    sh->exps[sh->nexps].b = b;
    sh->nexps++;
}

static void pop(struct sh *sh, uint32_t end)
{
    struct frame *fr = top(sh);
    bool rec = fr->rec;
    uint32_t open = fr->open;
    sh->nfr--;
    if (rec)
        add_exp(sh, top(sh), open, end);
}

/* ---- cooking: a word's value with quotes removed ------------------------------------ */

static void cook_put(struct cooked *c, char ch, uint32_t off, unsigned char ref)
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
static uint32_t ansi_escape(struct sh *sh, uint32_t j, uint32_t end, struct cooked *c)
{
    int e = j + 1 < end ? at(sh, j + 1) : 0;
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
        while (k < end && nd < 2 && hexval(at(sh, k)) >= 0) {
            v = v * 16 + hexval(at(sh, k));
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
            while (k < end && nd < 3 && at(sh, k) >= '0' && at(sh, k) <= '7') {
                v = v * 8 + (at(sh, k) - '0');
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

static struct cooked *cook(struct sh *sh, const struct word *w)
{
    struct cooked *c = az_arena_alloc(sh->ctx->arena, sizeof *c);
    if (!(w->flags & (W_QUOTED | W_EXP))) { /* as written */
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
        int ch = at(sh, j);
        switch (q) {
        case Q_NONE:
            if (ch == '\\') {
                if (at(sh, j + 1) == '\n') {
                    j += 2;
                } else if (at(sh, j + 1) == '\r' && at(sh, j + 2) == '\n') {
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
            } else if (ch == '$' && at(sh, j + 1) == '\'' && j + 1 < w->end) {
                q = Q_ANSI;
                j += 2;
            } else if (ch == '$' && at(sh, j + 1) == '"' && j + 1 < w->end) {
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
            } else if (ch == '\\' && at(sh, j + 1) == '\n') {
                j += 2;
            } else if (ch == '\\' && at(sh, j + 1) == '\r' && at(sh, j + 2) == '\n') {
                j += 3;
            } else if (ch == '\\' && j + 1 < w->end && strchr("$`\"\\", at(sh, j + 1))) {
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
static const char *literal(struct sh *sh, const struct word *w)
{
    if (w->flags & W_EXP)
        return NULL;
    if (!(w->flags & W_QUOTED))
        return az_arena_strndup(sh->ctx->arena, sh->s + w->start, w->end - w->start);
    return cook(sh, w)->t;
}

/* The literal value of a short word in buf (no allocation when it has no quotes), or NULL
 * when it holds an expansion or is longer than buf. */
#define LBUF 128
static const char *small_lit(struct sh *sh, const struct word *w, char buf[LBUF])
{
    if (w->flags & W_EXP)
        return NULL;
    const char *p = sh->s + w->start;
    size_t len = w->end - w->start;
    if (w->flags & W_QUOTED) {
        if (len >= 4 * LBUF)
            return NULL;
        const struct cooked *c = cook(sh, w);
        p = c->t;
        len = c->len;
    }
    if (len >= LBUF)
        return NULL;
    memcpy(buf, p, len);
    buf[len] = '\0';
    return buf;
}

/* The word as written, unquoted and unexpanded, equals kw. */
static bool raw_is(const struct sh *sh, const struct word *w, const char *kw)
{
    size_t n = strlen(kw);
    return w->end - w->start == n && memcmp(sh->s + w->start, kw, n) == 0;
}

/* NAME=, NAME+=, NAME[...]= at the start of s[a, b). */
static uint32_t assign_len(const struct sh *sh, uint32_t a, uint32_t b)
{
    uint32_t k = a;
    if (k >= b || !is_name_start(at(sh, k)))
        return 0;
    while (k < b && is_name_char(at(sh, k)))
        if (++k - a > MAX_NAME)
            return 0; /* bounds the work a word of many "=(" can cause */
    if (k < b && at(sh, k) == '[') {
        while (k < b && at(sh, k) != ']')
            k++;
        if (k >= b)
            return 0;
        k++;
    }
    if (k < b && at(sh, k) == '+')
        k++;
    if (k < b && at(sh, k) == '=')
        return k + 1 - a;
    return 0;
}

static bool is_assignment(const struct sh *sh, const struct word *w)
{
    return assign_len(sh, w->start, w->end) > 0;
}

static const char *const prefix_words[] = {"if",    "then",  "else", "elif", "do",
                                           "while", "until", "!",    "{"};

static bool is_prefix_word(const struct sh *sh, const struct word *w)
{
    for (size_t k = 0; k < sizeof prefix_words / sizeof *prefix_words; k++)
        if (raw_is(sh, w, prefix_words[k]))
            return true;
    return false;
}

/* ---- diagnostics shared by several checks ----------------------------------------------- */

static void report_unterminated(struct sh *sh, uint32_t open, char q, uint32_t apos)
{
    bool apostrophe =
        q == '\'' && open > 0 && is_alpha(at(sh, open - 1)) && is_alpha(at(sh, open + 1));
    struct az_diag *d;
    if (q == '`')
        d = az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, mkloc(sh, open, open + 1),
                           "unterminated command substitution: no closing '`' before the end "
                           "of the file");
    else if (apostrophe)
        d = az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, mkloc(sh, open, open + 1),
                           "unterminated single-quoted string: this ' is an apostrophe, and an "
                           "apostrophe inside '...' ends the string; the quotes after it pair "
                           "up wrongly to the end of the file");
    else
        d = az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, mkloc(sh, open, open + 1),
                           "unterminated %s string: no closing %c before the end of the file",
                           q == '"' ? "double-quoted" : "single-quoted", q);
    if (apos != NONE && apos < open)
        az_diag_note(sh->ctx, d, mkloc(sh, apos, apos + 1),
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
                az_diag_note(sh->ctx, d, mkloc(sh, k, k + 1),
                             "did you mean ' here? the string is closed with ` instead");
                break;
            }
        }
    }
    sh->failed = true;
}

/* ---- the scanner ------------------------------------------------------------------------ */

static void start_word(struct sh *sh, struct frame *o, uint32_t a)
{
    if (o->in_word)
        return;
    o->in_word = true;
    memset(&o->w, 0, sizeof o->w);
    o->w.start = a;
    o->w.exp_lo = sh->nexps;
    o->w.sq_open = o->w.sq_close = NONE;
    o->w.dash_off = o->w.sqd_off = NONE;
}

/* Windows line ends: reported once, at the first; the scanner reads \r\n as \n. */
static void check_crlf(struct sh *sh)
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
    az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, mkloc(sh, k, k + 1),
                   "the script has Windows line ends (CRLF): bash reads the '\\r' as part of the "
                   "last word of every line, so commands get wrong arguments; convert the file "
                   "to LF line ends (dos2unix)");
}

static void add_heredoc(struct sh *sh, struct frame *o, const struct word *w)
{
    sh->hd = grow(sh, sh->hd, sizeof *sh->hd, &sh->caphd, sh->nhd + 1);
    struct heredoc *h = &sh->hd[sh->nhd++];
    h->op = o->redir_off;
    h->dend = w->end;
    h->strip = o->redir == R_HEREDOC_STRIP;
    h->quoted = (w->flags & W_QUOTED) != 0;
    if (w->flags & (W_QUOTED | W_EXP)) {
        struct cooked *c = cook(sh, w);
        h->delim = c->t;
        h->dlen = c->len;
    } else {
        h->delim = sh->s + w->start;
        h->dlen = w->end - w->start;
    }
}

static void end_word(struct sh *sh, struct frame *o, uint32_t end)
{
    if (!o->in_word)
        return;
    o->in_word = false;
    struct word w = o->w;
    w.end = end;
    w.exp_hi = sh->nexps;
    if (w.sq_open == w.start && w.sq_close != NONE && w.sq_close + 1 == end && w.exp_hi == w.exp_lo)
        w.flags |= W_SQ_ONLY;
    if (o->kind == F_ARRAY || (o->kind == F_CASE && o->cs == CS_PAT)) {
        if (o->kind == F_CASE && raw_is(sh, &w, "esac"))
            sh->esac = true;
        sh->nexps = w.exp_lo;
        return;
    }
    if (o->redir != R_NONE) {
        if (o->redir != R_TARGET)
            add_heredoc(sh, o, &w);
        o->redir = R_NONE;
        sh->nexps = w.exp_lo;
        return;
    }
    if (o->kind == F_CASE && o->cmdpos && raw_is(sh, &w, "esac")) {
        sh->esac = true;
        sh->nexps = w.exp_lo;
        return;
    }
    uint32_t rel = o->cmd_n++;
    bool push_case = false;
    if (o->cmdpos) {
        if (is_prefix_word(sh, &w)) {
            /* the next word is in command position again */
        } else if (is_assignment(sh, &w)) {
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
        struct frame *c = push(sh, F_CASE, w.start);
        if (c)
            c->cs = CS_PAT;
    }
}

static void analyze(struct sh *sh, struct frame *fr, enum sep sep);

/* Whether the command just finished is a real simple command (for the continuation check). */
static bool command_is_real(struct sh *sh, const struct frame *fr)
{
    if (fr->cmd_fundef || fr->cmd_case || fr->head < 0)
        return false;
    uint32_t idx = fr->cmd_lo + (uint32_t)fr->head;
    if (idx >= sh->nwords)
        return true;
    const struct word *w = &sh->words[idx];
    static const char *const enders[] = {"}", "fi", "done", "esac", "function"};
    for (size_t k = 0; k < sizeof enders / sizeof *enders; k++)
        if (raw_is(sh, w, enders[k]))
            return false;
    return true;
}

static void end_command(struct sh *sh, struct frame *fr, enum sep sep, uint32_t off)
{
    if (fr->kind == F_ARRAY || (fr->kind == F_CASE && fr->cs == CS_PAT))
        return;
    bool had = fr->cmd_n > 0;
    if (had && !fr->cmd_fundef)
        analyze(sh, fr, sep);
    if (sep == SEP_NEWLINE) {
        if (had) {
            fr->prev_real = command_is_real(sh, fr);
            fr->prev_nl = off;
            fr->prev_comment = fr->line_comment;
            fr->prev_bs = fr->line_bs;
        }
        fr->cmd_bol = true;
    } else {
        fr->prev_real = false;
        fr->cmd_bol = false;
    }
    fr->line_comment = fr->line_bs = NONE;
    sh->nwords = fr->cmd_lo;
    sh->nexps = fr->cmd_exp_lo;
    if (sep != SEP_OTHER)
        fr->dbracket = false;
    list_reset_cmd(sh, fr);
}

/* Ends the word in progress; an `esac` that closes the case frame pops it. */
static void word_done(struct sh *sh, uint32_t end)
{
    struct frame *o = top(sh);
    end_word(sh, o, end);
    if (sh->esac) {
        sh->esac = false;
        end_command(sh, o, SEP_OTHER, end);
        if (o->kind == F_CASE)
            pop(sh, end);
    }
}

static void parse_suppress(struct sh *sh, uint32_t a, uint32_t b)
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
    s->line = line_of(sh, a);
    s->loc = mkloc(sh, a, b);
    s->used = false;
    az_lint_add_suppress(sh->f, s);
}

static void comment(struct sh *sh, struct frame *o)
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

static void lint_heredoc(struct sh *sh, const struct heredoc *h, uint32_t a, uint32_t b);

static void read_heredocs(struct sh *sh)
{
    for (uint32_t k = 0; k < sh->nhd; k++) {
        const struct heredoc *h = &sh->hd[k];
        uint32_t p = sh->i;
        uint32_t body_end = p, indented = NONE;
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
            if (indented == NONE) { /* the end line, but indented or with trailing blanks */
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
            const char *dl = show(sh, h->delim, h->dlen);
            struct az_diag *d;
            if (at(sh, h->dend) == '>' && at(sh, h->dend + 1) == '>')
                d = az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, mkloc(sh, h->op, h->dend + 2),
                                   "'<<%s>>' is a placeholder, not shell: bash reads '<<%s' as a "
                                   "here-document that runs to the end of the file; write the "
                                   "value (or \"$%s\") instead",
                                   dl, dl, dl);
            else
                d = az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, mkloc(sh, h->op, h->dend),
                                   "here-document without its end line '%s': everything after it "
                                   "is the document's body",
                                   dl);
            if (indented != NONE)
                az_diag_note(sh->ctx, d, mkloc(sh, indented, indented + h->dlen),
                             "this line is not the end line: the end line must be '%s' alone, "
                             "without blanks (<<- allows leading tabs)",
                             dl);
            sh->failed = true;
            sh->i = sh->n;
            sh->nhd = 0;
            return;
        }
        lint_heredoc(sh, h, sh->i, body_end);
        sh->i = p;
    }
    sh->nhd = 0;
}

/* A '...' string at sh->i (in a word). Returns false when it is not terminated. */
static bool single_quote(struct sh *sh, struct frame *fr)
{
    uint32_t open = sh->i;
    struct frame *o = owner_of(sh, fr);
    const char *q = memchr(sh->s + open + 1, '\'', sh->n - open - 1);
    if (!q) {
        report_unterminated(sh, open, '\'', o->cmd_apos);
        return false;
    }
    uint32_t close = (uint32_t)(q - sh->s);
    if (fr->word_level && o->in_word) {
        o->w.flags |= W_QUOTED;
        if (o->w.sq_open == open)
            o->w.sq_close = close;
        if (o->w.sqd_off == NONE) {
            for (uint32_t k = open + 1; k + 1 < close; k++)
                if (sh->s[k] == '$' && (is_name_start(at(sh, k + 1)) || at(sh, k + 1) == '{')) {
                    uint32_t e = k + 1;
                    if (at(sh, e) == '{') {
                        while (e < close && sh->s[e] != '}')
                            e++;
                        if (e < close)
                            e++;
                    } else {
                        while (e < close && is_name_char(at(sh, e)))
                            e++;
                    }
                    o->w.sqd_off = k;
                    o->w.sqd_len = e - k;
                    break;
                }
        }
    }
    /* "account's": the closing quote is an apostrophe of English text. */
    if (close > open + 1 && is_alpha(at(sh, close - 1)) &&
        memchr(sh->s + open, ' ', close - open)) {
        int c1 = at(sh, close + 1), c2 = at(sh, close + 2), c3 = at(sh, close + 3);
        bool one = (c1 == 's' || c1 == 't' || c1 == 'd' || c1 == 'm') && !is_alnum(c2);
        bool two =
            ((c1 == 'l' && c2 == 'l') || (c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e')) &&
            !is_alnum(c3);
        if (one || two) {
            uint32_t we = close + 1;
            while (we < sh->n && is_alnum(at(sh, we)))
                we++;
            uint32_t ws = close;
            while (ws > open + 1 && is_alnum(at(sh, ws - 1)))
                ws--;
            az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, mkloc(sh, close, close + 1),
                           "the apostrophe in '%s' ends the single-quoted string: an apostrophe "
                           "inside '...' ends the string, and the rest of the text becomes "
                           "separate words; avoid the apostrophe or put the text in a file "
                           "(--data @file)",
                           show_src(sh, ws, we));
            if (o->cmd_apos == NONE)
                o->cmd_apos = close;
        }
    }
    sh->i = close + 1;
    return true;
}

/* $'...' at sh->i. */
static bool ansi_quote(struct sh *sh, struct frame *fr)
{
    uint32_t open = sh->i;
    uint32_t k = open + 2;
    while (k < sh->n && sh->s[k] != '\'')
        k += sh->s[k] == '\\' ? 2 : 1;
    if (k >= sh->n) {
        report_unterminated(sh, open + 1, '\'', NONE);
        return false;
    }
    struct frame *o = owner_of(sh, fr);
    if (fr->word_level && o->in_word)
        o->w.flags |= W_QUOTED;
    sh->i = k + 1;
    return true;
}

static void backtick(struct sh *sh, struct frame *fr)
{
    uint32_t open = sh->i;
    uint32_t k = open + 1;
    while (k < sh->n && sh->s[k] != '`')
        k += sh->s[k] == '\\' ? 2 : 1;
    if (k >= sh->n) {
        report_unterminated(sh, open, '`', NONE);
        return;
    }
    uint32_t c = open + 1;
    while (c < k && (sh->s[c] == ' ' || sh->s[c] == '\t'))
        c++;
    if ((k - c >= 7 && memcmp(sh->s + c, "http://", 7) == 0) ||
        (k - c >= 8 && memcmp(sh->s + c, "https://", 8) == 0))
        az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, mkloc(sh, open, k + 1),
                       "`%s` is a command substitution: the shell runs the URL as a command and "
                       "puts its output here; quote the URL with '...' instead",
                       show_src(sh, c, k));
    if (fr->word_level)
        add_exp(sh, fr, open, k + 1);
    sh->i = k + 1;
}

/* '$' at sh->i, inside a word. */
static void dollar(struct sh *sh)
{
    struct frame *fr = top(sh);
    uint32_t a = sh->i;
    int c1 = at(sh, a + 1);
    if (c1 == '(') {
        if (at(sh, a + 2) == '(') {
            if (push(sh, F_ARITH, a))
                sh->i = a + 3;
        } else if (push(sh, F_CMDSUB, a)) {
            sh->i = a + 2;
        }
        return;
    }
    if (c1 == '{') {
        if (push(sh, F_PARAM, a))
            sh->i = a + 2;
        return;
    }
    if (c1 == '\'' && fr->kind != F_DQUOTE) {
        ansi_quote(sh, fr);
        return;
    }
    if (is_name_start(c1)) {
        uint32_t e = a + 1;
        while (e < sh->n && is_name_char(at(sh, e)))
            e++;
        if (fr->word_level) {
            add_exp(sh, fr, a, e);
            struct frame *o = owner_of(sh, fr);
            if (at(sh, e) == '-' && is_alpha(at(sh, e + 1)) && o->in_word &&
                o->w.dash_off == NONE && o->kind != F_ARRAY) {
                uint32_t k = e;
                while (k < sh->n && (is_name_char(at(sh, k)) || at(sh, k) == '-'))
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
static bool is_fd_word(const struct sh *sh, uint32_t a, uint32_t b)
{
    if (b <= a)
        return false;
    if (at(sh, a) == '{' && at(sh, b - 1) == '}' && b - a > 2) {
        for (uint32_t k = a + 1; k + 1 < b; k++)
            if (!is_name_char(at(sh, k)))
                return false;
        return true;
    }
    for (uint32_t k = a; k < b; k++)
        if (at(sh, k) < '0' || at(sh, k) > '9')
            return false;
    return true;
}

static void newline(struct sh *sh)
{
    uint32_t nl = sh->i;
    if (nl > 0 && sh->s[nl - 1] == '\r')
        nl--;
    word_done(sh, nl);
    struct frame *fr = top(sh);
    if (fr->kind == F_ARRAY || (fr->kind == F_CASE && fr->cs == CS_PAT)) {
        fr->line_comment = fr->line_bs = NONE;
    } else {
        fr->redir = R_NONE;
        end_command(sh, fr, SEP_NEWLINE, nl);
    }
    sh->i++;
    if (sh->nhd)
        read_heredocs(sh);
}

/* Operators of a command list; false: the byte is an ordinary word byte here. */
static bool list_operator(struct sh *sh, struct frame *fr)
{
    uint32_t i = sh->i;
    int c = at(sh, i), c1 = at(sh, i + 1), c2 = at(sh, i + 2);

    if (fr->kind == F_ARRAY) {
        if (c == '(')
            return false;
        word_done(sh, i);
        sh->i = i + 1;
        if (c == ')')
            pop(sh, i + 1);
        return true;
    }
    if (fr->kind == F_CASE && fr->cs == CS_PAT) {
        if (c == '(' && !fr->in_word) {
            sh->i = i + 1;
            return true;
        }
        word_done(sh, i);
        if (top(sh) != fr)
            return true; /* esac closed the case */
        if (c == ')') {
            fr->cs = CS_BODY;
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
            end_command(sh, fr, SEP_OTHER, i);
            if (fr->kind == F_CASE)
                fr->cs = CS_PAT;
        } else {
            sh->i = i + 1;
            end_command(sh, fr, SEP_OTHER, i);
        }
        return true;
    case '&':
        if (c1 == '>') {
            word_done(sh, i);
            top(sh)->redir = R_TARGET;
            sh->i = i + (c2 == '>' ? 3 : 2);
            return true;
        }
        word_done(sh, i);
        sh->i = i + (c1 == '&' ? 2 : 1);
        end_command(sh, top(sh), SEP_OTHER, i);
        return true;
    case '|':
        word_done(sh, i);
        sh->i = i + (c1 == '|' || c1 == '&' ? 2 : 1);
        end_command(sh, top(sh), SEP_OTHER, i);
        return true;
    case '<':
    case '>':
        if (c1 == '(') { /* process substitution */
            start_word(sh, fr, i);
            if (push(sh, F_CMDSUB, i))
                sh->i = i + 2;
            return true;
        }
        if (fr->in_word && is_fd_word(sh, fr->w.start, i) && !(fr->w.flags & (W_EXP | W_QUOTED))) {
            fr->in_word = false;
            sh->nexps = fr->w.exp_lo;
        } else {
            word_done(sh, i);
            fr = top(sh);
        }
        fr->redir_off = i;
        if (c == '<' && c1 == '<') {
            if (c2 == '<') {
                fr->redir = R_TARGET;
                sh->i = i + 3;
            } else if (c2 == '-') {
                fr->redir = R_HEREDOC_STRIP;
                sh->i = i + 3;
            } else {
                fr->redir = R_HEREDOC;
                sh->i = i + 2;
            }
        } else {
            fr->redir = R_TARGET;
            sh->i = i + ((c == '<' && (c1 == '&' || c1 == '>')) ||
                                 (c == '>' && (c1 == '>' || c1 == '&' || c1 == '|'))
                             ? 2
                             : 1);
        }
        return true;
    case '(':
        if (fr->in_word && at(sh, i - 1) == '=' &&
            assign_len(sh, fr->w.start, i) == i - fr->w.start) {
            if (push(sh, F_ARRAY, i))
                sh->i = i + 1;
            return true;
        }
        word_done(sh, i);
        fr = top(sh);
        if (fr->cmdpos && fr->redir == R_NONE) {
            if (c1 == '(') {
                start_word(sh, fr, i);
                if (push(sh, F_ARITH, i))
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
            if (push(sh, F_ARITH, i))
                sh->i = i + 2;
            return true;
        }
        {
            uint32_t k = i + 1;
            while (k < sh->n && (sh->s[k] == ' ' || sh->s[k] == '\t'))
                k++;
            bool fn = fr->cmd_n == 1 || (fr->cmd_n == 2 && fr->cmd_lo < sh->nwords &&
                                         raw_is(sh, &sh->words[fr->cmd_lo], "function"));
            if (fn && at(sh, k) == ')') {
                fr->cmd_fundef = true;
                sh->i = k + 1;
                end_command(sh, fr, SEP_OTHER, k);
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
            end_command(sh, fr, SEP_OTHER, i);
            sh->i = i + 1;
        } else if (fr->kind == F_CMDSUB) {
            end_command(sh, fr, SEP_OTHER, i);
            sh->i = i + 1;
            pop(sh, i + 1);
        } else {
            end_command(sh, fr, SEP_OTHER, i);
            sh->i = i + 1;
        }
        return true;
    default:
        return false;
    }
}

static void lex_list(struct sh *sh)
{
    struct frame *fr = top(sh);
    uint32_t i = sh->i;
    int c = at(sh, i);
    switch (c) {
    case ' ':
    case '\t':
        word_done(sh, i);
        sh->i = i + 1;
        return;
    case '\r':
        if (at(sh, i + 1) == '\n') {
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
        int c1 = at(sh, i + 1);
        if (i + 1 >= sh->n) {
            start_word(sh, fr, i);
            sh->i = i + 1;
            return;
        }
        if (c1 == '\n') {
            sh->i = i + 2;
            return;
        }
        if (c1 == '\r' && at(sh, i + 2) == '\n') {
            sh->i = i + 3;
            return;
        }
        if (c1 == ' ' || c1 == '\t') {
            uint32_t k = i + 1;
            while (k < sh->n && (sh->s[k] == ' ' || sh->s[k] == '\t'))
                k++;
            if (k >= sh->n || sh->s[k] == '\n' || (sh->s[k] == '\r' && at(sh, k + 1) == '\n'))
                fr->line_bs = i;
        }
        start_word(sh, fr, i);
        fr->w.flags |= W_QUOTED;
        sh->i = i + 2;
        return;
    }
    case '\'':
        start_word(sh, fr, i);
        if (fr->w.start == i && fr->w.sq_open == NONE)
            fr->w.sq_open = i;
        single_quote(sh, fr);
        return;
    case '"':
        start_word(sh, fr, i);
        fr->w.flags |= W_QUOTED;
        if (push(sh, F_DQUOTE, i))
            sh->i = i + 1;
        return;
    case '`':
        start_word(sh, fr, i);
        backtick(sh, fr);
        return;
    case '$':
        start_word(sh, fr, i);
        if (at(sh, i + 1) == '"') {
            fr->w.flags |= W_QUOTED;
            if (push(sh, F_DQUOTE, i + 1))
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
        at(sh, i + 1) == '(' && !fr->dbracket) {
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

static void lex_dquote(struct sh *sh)
{
    struct frame *fr = top(sh);
    uint32_t i = sh->i;
    switch (at(sh, i)) {
    case '"':
        sh->i = i + 1;
        pop(sh, i + 1);
        return;
    case '\\': {
        int c1 = at(sh, i + 1);
        if (c1 == '\r' && at(sh, i + 2) == '\n')
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

static void lex_param(struct sh *sh)
{
    struct frame *fr = top(sh);
    uint32_t i = sh->i;
    switch (at(sh, i)) {
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
        if (push(sh, F_DQUOTE, i))
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

static void lex_arith(struct sh *sh)
{
    struct frame *fr = top(sh);
    uint32_t i = sh->i;
    switch (at(sh, i)) {
    case '(':
        fr->depth++;
        sh->i = i + 1;
        return;
    case ')':
        if (fr->depth > 0) {
            fr->depth--;
            sh->i = i + 1;
        } else if (at(sh, i + 1) == ')') {
            sh->i = i + 2;
            pop(sh, i + 2);
        } else {
            /* "$( (cmd) ...)": not arithmetic; the rest is a command list */
            fr->kind = F_CMDSUB;
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
        if (push(sh, F_DQUOTE, i))
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

/* ---- ibmcloud commands ------------------------------------------------------------------- */

enum fid {
    FL_OTHER,
    FL_FILE,
    FL_OUTPUT,
    FL_QUIET,
    FL_FORCE,
    FL_API_VERSION,
    FL_SRC_INST_NAME,
    FL_SRC_INST_ID,
    FL_SRC_ACCOUNT,
    FL_SRC_RG,
    FL_SRC_RTYPE,
    FL_SRC_RES,
    FL_TGT_INST_NAME,
    FL_TGT_INST_ID,
    FL_TGT_RG,
    FL_TGT_RTYPE,
    FL_TGT_RES,
    FL_TARGET_TYPE,
    FL_TARGET,
    FL_COUNT
};

enum side { S_NONE, S_SUBJECT, S_RESOURCE };

struct flagdef {
    const char *name;
    const char *alias;
    bool value;
    enum fid id;
    enum side side;
    const char *attr;
    bool by_name; /* the value is a name the CLI resolves: its ID is unknown (AZ_LV_REF) */
};

#define FLAG_QUIET                                                                                 \
    {                                                                                              \
        "--quiet", "-q", false, FL_QUIET, S_NONE, NULL, false                                      \
    }
#define FLAG_OUTPUT                                                                                \
    {                                                                                              \
        "--output", NULL, true, FL_OUTPUT, S_NONE, NULL, false                                     \
    }
#define FLAG_FILE                                                                                  \
    {                                                                                              \
        "--file", NULL, true, FL_FILE, S_NONE, NULL, false                                         \
    }
#define FLAG_FORCE                                                                                 \
    {                                                                                              \
        "--force", "-f", false, FL_FORCE, S_NONE, NULL, false                                      \
    }

static const struct flagdef create_flags[] = {
    {"--source-service-instance-name", NULL, true, FL_SRC_INST_NAME, S_SUBJECT, "serviceInstance",
     true},
    {"--source-service-instance-id", NULL, true, FL_SRC_INST_ID, S_SUBJECT, "serviceInstance",
     false},
    {"--source-service-account", NULL, true, FL_SRC_ACCOUNT, S_SUBJECT, "accountId", false},
    {"--source-resource-group-id", NULL, true, FL_SRC_RG, S_SUBJECT, "resourceGroupId", false},
    {"--source-resource-type", NULL, true, FL_SRC_RTYPE, S_SUBJECT, "resourceType", false},
    {"--source-resource", NULL, true, FL_SRC_RES, S_SUBJECT, "resource", false},
    {"--target-service-instance-name", NULL, true, FL_TGT_INST_NAME, S_RESOURCE, "serviceInstance",
     true},
    {"--target-service-instance-id", NULL, true, FL_TGT_INST_ID, S_RESOURCE, "serviceInstance",
     false},
    {"--target-resource-group-id", NULL, true, FL_TGT_RG, S_RESOURCE, "resourceGroupId", false},
    {"--target-resource-type", NULL, true, FL_TGT_RTYPE, S_RESOURCE, "resourceType", false},
    {"--target-resource", NULL, true, FL_TGT_RES, S_RESOURCE, "resource", false},
    FLAG_FILE,
    FLAG_OUTPUT,
    FLAG_QUIET,
};
static const struct flagdef delete_flags[] = {FLAG_FORCE, FLAG_QUIET};
static const struct flagdef show_flags[] = {
    FLAG_OUTPUT, FLAG_QUIET, {"--api-version", NULL, true, FL_API_VERSION, S_NONE, NULL, false}};
static const struct flagdef list_flags[] = {FLAG_OUTPUT, FLAG_QUIET};
static const struct flagdef file_flags[] = {FLAG_FILE, FLAG_OUTPUT, FLAG_QUIET};
static const struct flagdef quiet_flags[] = {FLAG_QUIET};
static const struct flagdef assign_flags[] = {
    {"--target-type", NULL, true, FL_TARGET_TYPE, S_NONE, NULL, false},
    {"--target", NULL, true, FL_TARGET, S_NONE, NULL, false},
    FLAG_QUIET,
    {"--output", "-o", true, FL_OUTPUT, S_NONE, NULL, false},
};

enum ckind { K_CREATE, K_PLAIN, K_NEEDS_FILE, K_ASSIGN, K_UNCHECKED };

struct cmddef {
    const char *name;
    enum ckind kind;
    unsigned npos;
    const char *args; /* the positionals, for messages */
    const struct flagdef *flags;
    size_t nflags;
};

#define FLAGS(a) a, sizeof a / sizeof *a

static const struct cmddef commands[] = {
    {"authorization-policy-create", K_CREATE, 3, "SOURCE_SERVICE TARGET_SERVICE ROLE1,ROLE2",
     FLAGS(create_flags)},
    {"authorization-policy-delete", K_PLAIN, 1, "AUTHORIZATION_POLICY_ID", FLAGS(delete_flags)},
    {"authorization-policy", K_PLAIN, 1, "AUTHORIZATION_POLICY_ID", FLAGS(show_flags)},
    {"authorization-policies", K_PLAIN, 0, "", FLAGS(list_flags)},
    {"authorization-policy-template-create", K_NEEDS_FILE, 0, "", FLAGS(file_flags)},
    {"authorization-policy-templates", K_PLAIN, 0, "", FLAGS(list_flags)},
    {"authorization-policy-template-version", K_PLAIN, 2, "TEMPLATE VERSION", FLAGS(list_flags)},
    {"authorization-policy-template-version-create", K_NEEDS_FILE, 1, "TEMPLATE",
     FLAGS(file_flags)},
    {"authorization-policy-template-version-update", K_NEEDS_FILE, 2, "TEMPLATE VERSION",
     FLAGS(file_flags)},
    {"authorization-policy-template-version-commit", K_PLAIN, 2, "TEMPLATE VERSION",
     FLAGS(quiet_flags)},
    {"authorization-policy-template-version-delete", K_PLAIN, 2, "TEMPLATE VERSION",
     FLAGS(delete_flags)},
    {"authorization-policy-assignment-create", K_ASSIGN, 2, "TEMPLATE VERSION",
     FLAGS(assign_flags)},
    {"authorization-policy-assignment", K_PLAIN, 1, "ASSIGNMENT_ID", FLAGS(list_flags)},
    {"authorization-policy-assignment-delete", K_PLAIN, 1, "ASSIGNMENT_ID", FLAGS(delete_flags)},
    /* Not in the documentation we read, but plausible: known, not checked. */
    {"authorization-policy-template", K_UNCHECKED, 0, "", NULL, 0},
    {"authorization-policy-template-delete", K_UNCHECKED, 0, "", NULL, 0},
    {"authorization-policy-template-versions", K_UNCHECKED, 0, "", NULL, 0},
    {"authorization-policy-assignments", K_UNCHECKED, 0, "", NULL, 0},
    {"authorization-policy-assignment-update", K_UNCHECKED, 0, "", NULL, 0},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static const struct cmddef *find_command(const char *name)
{
    for (size_t k = 0; k < NCOMMANDS; k++)
        if (strcmp(commands[k].name, name) == 0)
            return &commands[k];
    return NULL;
}

static const struct flagdef *find_flag(const struct cmddef *cmd, const char *name)
{
    for (size_t k = 0; k < cmd->nflags; k++)
        if (strcmp(cmd->flags[k].name, name) == 0 ||
            (cmd->flags[k].alias && strcmp(cmd->flags[k].alias, name) == 0))
            return &cmd->flags[k];
    return NULL;
}

/* A value: a whole word or the part of one after '='. */
struct val {
    bool present;
    enum az_lval_kind kind;
    const char *text; /* literal: the value; ref: as written */
    uint32_t a, b;    /* its bytes in the source */
};

struct farg {
    const struct flagdef *def;
    const struct word *w;
    uint32_t na, nb; /* the flag's name in the source */
    struct val v;
};

struct posarg {
    const struct word *w;
    struct cooked *ck;
};

static bool word_is_spread(const struct sh *sh, const struct word *w)
{
    if (!(w->flags & W_EXP))
        return false;
    const char *p = sh->s + w->start;
    size_t len = w->end - w->start;
    static const char *const pats[] = {"$@", "$*", "[@]", "[*]", "${@", "${*"};
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
        size_t pl = strlen(pats[k]);
        for (size_t j = 0; j + pl <= len; j++)
            if (memcmp(p + j, pats[k], pl) == 0)
                return true;
    }
    return false;
}

/* `# ...` or $(# ...): a comment inside a continued command; the word expands to nothing. */
static bool is_comment_subst(const struct sh *sh, const struct word *w)
{
    if (w->exp_hi != w->exp_lo + 1 || sh->exps[w->exp_lo].a != w->start ||
        sh->exps[w->exp_lo].b != w->end)
        return false;
    uint32_t k = w->start + (at(sh, w->start) == '`' ? 1 : at(sh, w->start + 1) == '(' ? 2 : 0);
    if (k == w->start)
        return false;
    while (k < w->end && (sh->s[k] == ' ' || sh->s[k] == '\t'))
        k++;
    return at(sh, k) == '#';
}

static struct val word_val(struct sh *sh, const struct word *w, struct cooked *ck)
{
    struct val v;
    memset(&v, 0, sizeof v);
    v.present = true;
    v.a = w->start;
    v.b = w->end;
    if (ck->any_ref) {
        v.kind = AZ_LV_REF;
        v.text = az_arena_strndup(sh->ctx->arena, sh->s + w->start, w->end - w->start);
    } else {
        v.kind = AZ_LV_STRING;
        v.text = ck->t;
    }
    return v;
}

static struct az_lval to_lval(struct sh *sh, const struct val *v)
{
    struct az_lval l;
    l.kind = v->kind;
    l.text = v->text;
    l.loc = mkloc(sh, v->a, v->b);
    return l;
}

static struct az_lattr *mkattr(struct sh *sh, const char *name, struct az_loc nloc,
                               const struct val *v, struct az_loc aloc)
{
    struct az_lattr *a = az_arena_alloc(sh->ctx->arena, sizeof *a);
    a->name.kind = AZ_LV_STRING;
    a->name.text = name;
    a->name.loc = nloc;
    a->op.kind = AZ_LV_NONE;
    a->op.text = NULL;
    a->op.loc = nloc;
    a->value = to_lval(sh, v);
    a->loc = aloc;
    return a;
}

/* A part [a, b) of a cooked word: its source span, widened to the quotes around it. */
static void part_span(const struct sh *sh, const struct cooked *ck, uint32_t a, uint32_t b,
                      uint32_t *sa, uint32_t *sb)
{
    uint32_t x = ck_map(ck, a), y = ck_map(ck, b - 1) + 1;
    int q = at(sh, x - 1);
    if (x > 0 && (q == '"' || q == '\'') && at(sh, y) == q) {
        x--;
        y++;
    }
    *sa = x;
    *sb = y;
}

static struct az_lrole *split_roles(struct sh *sh, const struct posarg *pa)
{
    struct az_lrole *head = NULL, **tail = &head;
    const struct cooked *ck = pa->ck;
    uint32_t a = 0;
    for (uint32_t k = 0; k <= ck->len; k++) {
        if (k < ck->len && !(ck->t[k] == ',' && !ck_ref(ck, k)))
            continue;
        if (k > a) {
            bool ref = false;
            for (uint32_t j = a; j < k; j++)
                ref = ref || ck_ref(ck, j);
            uint32_t sa, sb;
            part_span(sh, ck, a, k, &sa, &sb);
            struct az_lrole *r = az_arena_alloc(sh->ctx->arena, sizeof *r);
            r->role.kind = ref ? AZ_LV_REF : AZ_LV_STRING;
            r->role.text = ref ? az_arena_strndup(sh->ctx->arena, sh->s + sa, sb - sa)
                               : az_arena_strndup(sh->ctx->arena, ck->t + a, k - a);
            r->role.loc = mkloc(sh, sa, sb);
            *tail = r;
            tail = &r->next;
        }
        a = k + 1;
    }
    return head;
}

static const char *target_id_attr(const char *type)
{
    static const char *const map[][2] = {
        {"instance", "instanceId"}, {"volume", "volumeId"},
        {"snapshot", "snapshotId"}, {"snapshot-consistency-group", "snapshotConsistencyGroupId"},
        {"share", "shareId"},       {"backup-policy", "backupPolicyId"},
    };
    for (size_t k = 0; k < sizeof map / sizeof *map; k++)
        if (strcmp(map[k][0], type) == 0)
            return map[k][1];
    return NULL;
}

static void add_ref(struct sh *sh, const char *path, struct az_loc loc)
{
    struct az_lref *r = az_arena_alloc(sh->ctx->arena, sizeof *r);
    r->path = path;
    r->loc = loc;
    az_lint_add_ref(sh->f, r);
}

/* Mutually exclusive flags of authorization-policy-create (CLIDOC). */
static const enum fid exclusive[][2] = {
    {FL_SRC_INST_NAME, FL_SRC_INST_ID}, {FL_SRC_INST_NAME, FL_SRC_ACCOUNT},
    {FL_SRC_RG, FL_SRC_INST_ID},        {FL_TGT_INST_NAME, FL_TGT_INST_ID},
    {FL_TGT_RG, FL_TGT_INST_ID},
};

static void missing_positionals(struct sh *sh, const struct cmddef *cmd, const struct word *sub,
                                unsigned have)
{
    /* the names of the missing ones: the words of cmd->args from index have on */
    const char *p = cmd->args;
    for (unsigned k = 0; k < have && p; k++) {
        p = strchr(p, ' ');
        if (p)
            p++;
    }
    az_diag_report(sh->ctx, AZ_D_LINT_MISSING_KEY, mkloc(sh, sub->start, sub->end),
                   "'ibmcloud iam %s' is missing %s; usage: ibmcloud iam %s %s%s", cmd->name,
                   p ? p : "arguments", cmd->name, cmd->args,
                   cmd->kind == K_CREATE ? " [flags] | --file JSON_FILE" : "");
}

static void check_ibmcloud(struct sh *sh, const struct word *W, uint32_t n, uint32_t lead,
                           uint32_t sub_i)
{
    const struct word *sub = &W[sub_i];
    const char *subname = literal(sh, sub);
    if (!subname)
        return;
    const struct cmddef *cmd = find_command(subname);
    if (!cmd) {
        const char *names[NCOMMANDS];
        for (size_t k = 0; k < NCOMMANDS; k++)
            names[k] = commands[k].name;
        const char *best = az_suggest_best(subname, names, NCOMMANDS);
        if (best)
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, sub->start, sub->end),
                           "'ibmcloud iam %s' is not a command; did you mean '%s'?",
                           show(sh, subname, strlen(subname)), best);
        return;
    }
    if (cmd->kind == K_UNCHECKED)
        return;

    struct farg fa[MAX_ARGS];
    struct posarg pos[MAX_ARGS];
    uint32_t nfa = 0, npos = 0;
    int seen[FL_COUNT];
    for (size_t k = 0; k < FL_COUNT; k++)
        seen[k] = -1;
    bool dd = false, spread = false, help = false;

    for (uint32_t j = sub_i + 1; j < n; j++) {
        const struct word *w = &W[j];
        if (word_is_spread(sh, w))
            spread = true;
        if (is_comment_subst(sh, w))
            continue; /* `# a comment` expands to nothing */
        struct cooked *ck = cook(sh, w);
        bool flag = !dd && ck->len >= 2 && ck->t[0] == '-' && !ck_ref(ck, 0) && !ck_ref(ck, 1);
        if (!flag) {
            if (npos < MAX_ARGS) {
                pos[npos].w = w;
                pos[npos].ck = ck;
            }
            npos++;
            continue;
        }
        if (strcmp(ck->t, "--") == 0 && !ck->any_ref) {
            dd = true;
            continue;
        }
        uint32_t eq = NONE;
        if (ck->t[1] == '-')
            for (uint32_t k = 2; k < ck->len; k++)
                if (ck->t[k] == '=' && !ck_ref(ck, k)) {
                    eq = k;
                    break;
                }
        uint32_t nlen = eq == NONE ? ck->len : eq;
        bool name_ref = false;
        for (uint32_t k = 0; k < nlen; k++)
            name_ref = name_ref || ck_ref(ck, k);
        if (name_ref || nlen >= LBUF)
            continue; /* --$X, or no flag of ours */
        char name[LBUF];
        memcpy(name, ck->t, nlen);
        name[nlen] = '\0';
        uint32_t na = ck_map(ck, 0), nb = ck_map(ck, nlen - 1) + 1;
        if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
            help = true;
            continue;
        }
        const struct flagdef *def = find_flag(cmd, name);
        if (!def) {
            const char *best = NULL;
            if (strcmp(name, "--target-resource-instance") == 0 && cmd->kind == K_CREATE) {
                best = "--target-service-instance-id";
            } else {
                const char *cands[32];
                size_t nc = 0;
                for (size_t k = 0; k < cmd->nflags && nc < 32; k++)
                    cands[nc++] = cmd->flags[k].name;
                best = az_suggest_best(name, cands, nc);
            }
            if (best)
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, na, nb),
                               "'ibmcloud iam %s' has no flag '%s'; did you mean '%s'?", cmd->name,
                               show(sh, name, nlen), best);
            else
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, na, nb),
                               "'ibmcloud iam %s' has no flag '%s'; see 'ibmcloud iam %s --help'",
                               cmd->name, show(sh, name, nlen), cmd->name);
            /* its probable value is not a positional */
            if (eq == NONE && name[1] == '-' && j + 1 < n && !word_is_spread(sh, &W[j + 1])) {
                char xb[LBUF];
                const char *nx = small_lit(sh, &W[j + 1], xb);
                if (!nx || nx[0] != '-')
                    j++;
            }
            continue;
        }
        if (nfa >= MAX_ARGS)
            continue; /* more flags than any real command has: not checked */
        struct farg *a = &fa[nfa];
        memset(a, 0, sizeof *a);
        a->def = def;
        a->w = w;
        a->na = na;
        a->nb = nb;
        if (def->value) {
            if (eq != NONE) {
                struct val v;
                memset(&v, 0, sizeof v);
                v.present = true;
                v.a = ck_map(ck, eq) + 1;
                v.b = w->end;
                bool ref = false;
                for (uint32_t k = eq + 1; k < ck->len; k++)
                    ref = ref || ck_ref(ck, k);
                v.kind = ref ? AZ_LV_REF : AZ_LV_STRING;
                v.text =
                    ref ? az_arena_strndup(sh->ctx->arena, sh->s + v.a, v.b - v.a) : ck->t + eq + 1;
                a->v = v;
            } else {
                bool ok = j + 1 < n;
                if (ok) {
                    char xb[LBUF];
                    const char *nx = small_lit(sh, &W[j + 1], xb);
                    if (nx && nx[0] == '-' && (nx[1] == '-' || find_flag(cmd, nx)))
                        ok = false;
                }
                if (!ok) {
                    az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, na, nb),
                                   "'%s' needs a value", def->name);
                } else {
                    j++;
                    a->v = word_val(sh, &W[j], cook(sh, &W[j]));
                }
            }
        }
        if (seen[def->id] >= 0) {
            struct az_diag *d = az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, na, nb),
                                               "'%s' is given twice", def->name);
            const struct farg *first = &fa[seen[def->id]];
            az_diag_note(sh->ctx, d, mkloc(sh, first->na, first->nb), "first given here");
        } else {
            seen[def->id] = (int)nfa;
        }
        nfa++;
    }
    if (help)
        return;

    /* values the flags take */
    for (uint32_t k = 0; k < nfa; k++) {
        const struct farg *a = &fa[k];
        if (a->v.kind != AZ_LV_STRING)
            continue;
        const char *t = a->v.text;
        if (a->def->id == FL_OUTPUT && strcasecmp(t, "json") != 0)
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, a->v.a, a->v.b),
                           "'%s' takes only JSON, not '%s'", a->def->name, show(sh, t, strlen(t)));
        if (a->def->id == FL_API_VERSION && strcmp(t, "v1") != 0 && strcmp(t, "v2") != 0)
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, a->v.a, a->v.b),
                           "'--api-version' takes v1 or v2, not '%s'", show(sh, t, strlen(t)));
        if (a->def->id == FL_TARGET_TYPE && strcmp(t, "Account") != 0 &&
            strcmp(t, "AccountGroup") != 0) {
            static const char *const types[] = {"Account", "AccountGroup"};
            const char *best = az_suggest_best(t, types, 2);
            if (best)
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, a->v.a, a->v.b),
                               "'--target-type' takes Account or AccountGroup, not '%s'; did "
                               "you mean '%s'?",
                               show(sh, t, strlen(t)), best);
            else
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, a->v.a, a->v.b),
                               "'--target-type' takes Account or AccountGroup, not '%s'",
                               show(sh, t, strlen(t)));
        }
        if (a->def->id == FL_TARGET) {
            size_t len = strlen(t);
            bool ok = len >= 1 && len <= 32;
            for (size_t c = 0; ok && c < len; c++)
                ok = is_alnum((unsigned char)t[c]) || t[c] == '-';
            if (!ok)
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, a->v.a, a->v.b),
                               "'--target' takes an account or account group ID (1 to 32 "
                               "letters, digits and '-'), not '%s'",
                               show(sh, t, len));
        }
        if (a->def->id == FL_FILE && cmd->kind != K_CREATE)
            add_ref(sh, t, mkloc(sh, a->v.a, a->v.b));
    }

    bool has_file = seen[FL_FILE] >= 0;
    if (cmd->kind == K_CREATE && has_file) {
        const struct farg *file = &fa[seen[FL_FILE]];
        if (npos > 0 && !spread)
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, pos[0].w->start, pos[0].w->end),
                           "the positional arguments and '--file' exclude each other: give "
                           "SOURCE_SERVICE TARGET_SERVICE ROLES with flags, or only --file "
                           "JSON_FILE");
        for (uint32_t k = 0; k < nfa; k++)
            if (fa[k].def->side != S_NONE)
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, fa[k].na, fa[k].nb),
                               "'%s' cannot be combined with '--file' (the JSON body holds the "
                               "attributes)",
                               fa[k].def->name);
        if (file->v.kind == AZ_LV_STRING)
            add_ref(sh, file->v.text, mkloc(sh, file->v.a, file->v.b));
        return;
    }
    if (cmd->kind == K_NEEDS_FILE && !has_file)
        az_diag_report(sh->ctx, AZ_D_LINT_MISSING_KEY, mkloc(sh, sub->start, sub->end),
                       "'ibmcloud iam %s' needs --file JSON_FILE", cmd->name);
    if (cmd->kind == K_ASSIGN)
        sh->f->assigns = true;
    if (cmd->kind == K_ASSIGN && !spread) {
        bool tt = seen[FL_TARGET_TYPE] >= 0, tg = seen[FL_TARGET] >= 0;
        if (!tt || !tg)
            az_diag_report(sh->ctx, AZ_D_LINT_MISSING_KEY, mkloc(sh, sub->start, sub->end),
                           "'ibmcloud iam %s' is missing %s; usage: ibmcloud iam %s TEMPLATE "
                           "VERSION --target-type Account|AccountGroup --target ID",
                           cmd->name,
                           !tt && !tg ? "--target-type and --target"
                           : !tt      ? "--target-type"
                                      : "--target",
                           cmd->name);
    }
    if (cmd->kind == K_CREATE) {
        for (size_t k = 0; k < sizeof exclusive / sizeof *exclusive; k++) {
            int x = seen[exclusive[k][0]], y = seen[exclusive[k][1]];
            if (x < 0 || y < 0)
                continue;
            const struct farg *later = x > y ? &fa[x] : &fa[y], *first = x > y ? &fa[y] : &fa[x];
            struct az_diag *d = az_diag_report(
                sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, later->na, later->nb),
                "'%s' and '%s' exclude each other", first->def->name, later->def->name);
            az_diag_note(sh->ctx, d, mkloc(sh, first->na, first->nb), "'%s' is here",
                         first->def->name);
        }
    }
    if (spread)
        return;
    if (npos < cmd->npos) {
        if (cmd->kind != K_CREATE || npos > 0 || !has_file)
            missing_positionals(sh, cmd, sub, npos);
        return;
    }
    if (npos > cmd->npos) {
        const struct word *x = pos[cmd->npos].w;
        const char *xl = literal(sh, x);
        bool bs_space = at(sh, x->start) == '\\' &&
                        (at(sh, x->start + 1) == ' ' || at(sh, x->start + 1) == '\t');
        if (bs_space)
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, x->start, x->end),
                           "unexpected argument ' ': this '\\' is followed by a space, so it "
                           "escapes the space instead of continuing the line");
        else if (cmd->kind == K_CREATE && xl && is_alpha((unsigned char)xl[0]))
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, x->start, x->end),
                           "unexpected argument '%s': 'ibmcloud iam %s' takes %s; a role name "
                           "with spaces needs quotes (\"Share Snapshot Operator\",Editor)",
                           show(sh, xl, strlen(xl)), cmd->name, cmd->args);
        else
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, x->start, x->end),
                           "unexpected argument '%s': 'ibmcloud iam %s' takes %s",
                           show_src(sh, x->start, x->end), cmd->name,
                           cmd->npos ? cmd->args : "no arguments");
    }
    if (cmd->kind != K_CREATE)
        return;

    /* authorization-policy-create SOURCE TARGET ROLES: the policy */
    struct val src = word_val(sh, pos[0].w, pos[0].ck);
    struct val tgt = word_val(sh, pos[1].w, pos[1].ck);
    if (seen[FL_TGT_RTYPE] >= 0 && tgt.kind == AZ_LV_STRING && strcmp(tgt.text, "is") == 0 &&
        src.kind == AZ_LV_STRING && strcmp(src.text, "is") == 0) {
        const struct farg *rt = &fa[seen[FL_TGT_RTYPE]];
        const struct farg *st = seen[FL_SRC_RTYPE] >= 0 ? &fa[seen[FL_SRC_RTYPE]] : NULL;
        bool backup =
            !st || (st->v.kind == AZ_LV_STRING && strcmp(st->v.text, "backup-policy") == 0);
        const char *idattr = rt->v.kind == AZ_LV_STRING ? target_id_attr(rt->v.text) : NULL;
        if (backup && idattr)
            az_diag_report(sh->ctx, AZ_D_LINT_TF_RESOURCE_TYPE, mkloc(sh, rt->v.a, rt->v.b),
                           "'--target-resource-type %s' names the backup target by resourceType; "
                           "IBM documents the form that scopes by %s with a wildcard: create the "
                           "policy with --file and a v1 body ('authzc compile -t cli' writes "
                           "one)",
                           rt->v.text, idattr);
    }

    struct az_lpolicy *p = az_arena_alloc(sh->ctx->arena, sizeof *p);
    p->form = AZ_LFORM_CLI;
    const struct word *lw = &W[lead];
    p->loc = mkloc(sh, lw->start, sub->end);
    if (line_of(sh, lw->start) != line_of(sh, sub->start))
        p->loc = mkloc(sh, lw->start, lw->end);
    p->label = "ibmcloud iam authorization-policy-create";
    p->type.kind = AZ_LV_NONE;
    p->description.kind = AZ_LV_NONE;
    p->tmpl_name.kind = AZ_LV_NONE;
    p->tmpl_account.kind = AZ_LV_NONE;
    p->src = sh->src;
    struct az_lattr **st = &p->subject, **rt = &p->resource;
    struct az_loc sl = mkloc(sh, src.a, src.b), tl = mkloc(sh, tgt.a, tgt.b);
    *st = mkattr(sh, "serviceName", sl, &src, sl);
    st = &(*st)->next;
    *rt = mkattr(sh, "serviceName", tl, &tgt, tl);
    rt = &(*rt)->next;
    for (uint32_t k = 0; k < nfa; k++) {
        const struct farg *a = &fa[k];
        if (a->def->side == S_NONE || !a->v.present)
            continue;
        struct val v = a->v;
        if (a->def->by_name) /* the CLI looks the instance up by name: its ID is unknown */
            v.kind = AZ_LV_REF;
        struct az_loc fl = mkloc(sh, a->na, a->nb);
        struct az_lattr *at_ = mkattr(sh, a->def->attr, fl, &v, fl);
        if (a->def->side == S_SUBJECT) {
            *st = at_;
            st = &at_->next;
        } else {
            *rt = at_;
            rt = &at_->next;
        }
    }
    p->roles = split_roles(sh, &pos[2]);
    p->roles_loc = mkloc(sh, pos[2].w->start, pos[2].w->end);
    az_lint_add_policy(sh->f, p);
}

/* ---- curl and here-document bodies -------------------------------------------------------- */

enum api { API_NONE, API_V1, API_V2, API_TEMPLATE, API_ASSIGNMENT };

static enum api find_api(const struct sh *sh, const struct word *w)
{
    static const struct {
        const char *path;
        enum api api;
    } paths[] = {{"/v1/policies", API_V1},
                 {"/v2/policies", API_V2},
                 {"/v1/policy_templates", API_TEMPLATE},
                 {"/v1/policy_assignments", API_ASSIGNMENT}};
    const char *p = sh->s + w->start;
    size_t len = w->end - w->start;
    for (size_t k = 0; k < sizeof paths / sizeof *paths; k++) {
        size_t pl = strlen(paths[k].path);
        for (size_t j = 0; j + pl <= len; j++) {
            if (memcmp(p + j, paths[k].path, pl) != 0)
                continue;
            int after = j + pl < len ? (unsigned char)p[j + pl] : 0;
            if (after == 0 || after == '?' || after == '\'' || after == '"' || after == '/')
                return paths[k].api;
        }
    }
    return API_NONE;
}

/* The sub-source holds the body at the same columns as the script, from its line 1 on;
 * what az_lint_json reported and built there is moved onto the script itself (line + dline):
 * carets show the script's line, suppressions in the script apply, findings sort in the
 * script's order. */
struct rebase {
    const struct az_source *from, *to;
    uint32_t dline;
};

static void rebase_loc(struct az_loc *l, const struct rebase *r)
{
    if (l->src != r->from)
        return;
    l->src = r->to;
    l->line += r->dline;
}

static void rebase_attrs(struct az_lattr *a, const struct rebase *r)
{
    for (; a; a = a->next) {
        rebase_loc(&a->name.loc, r);
        rebase_loc(&a->op.loc, r);
        rebase_loc(&a->value.loc, r);
        rebase_loc(&a->loc, r);
    }
}

static void rebase_policy(struct az_lpolicy *p, const struct rebase *r)
{
    if (p->src == r->from)
        p->src = r->to;
    rebase_loc(&p->loc, r);
    rebase_loc(&p->type.loc, r);
    rebase_loc(&p->description.loc, r);
    rebase_attrs(p->subject, r);
    rebase_attrs(p->resource, r);
    for (struct az_lrole *ro = p->roles; ro; ro = ro->next)
        rebase_loc(&ro->role.loc, r);
    rebase_loc(&p->roles_loc, r);
    rebase_loc(&p->tmpl_name.loc, r);
    rebase_loc(&p->tmpl_account.loc, r);
}

static void rebase_diags(struct az_ctx *ctx, size_t first, const struct rebase *r)
{
    for (size_t k = first; k < ctx->diags.n; k++) {
        struct az_diag *d = ctx->diags.v[k];
        rebase_loc(&d->loc, r);
        for (struct az_diag *nt = d->notes; nt; nt = nt->next_note)
            rebase_loc(&nt->loc, r);
    }
}

/* Lints s[a, b) as JSON (az_lint_json) on a sub-source that holds it after as many blanks
 * as it has columns in front of it; then moves the results onto the script. */
static void lint_span(struct sh *sh, uint32_t a, uint32_t b, enum api api)
{
    uint32_t k = a;
    while (k < b && strchr(" \t\r\n", sh->s[k]))
        k++;
    if (k >= b || (sh->s[k] != '{' && sh->s[k] != '['))
        return;
    uint32_t line, col;
    az_source_position(sh->src, a, &line, &col);
    size_t pad = col - 1;
    size_t len = pad + (b - a);
    char *buf = malloc(len + 1);
    if (!buf)
        return;
    memset(buf, ' ', pad);
    memcpy(buf + pad, sh->s + a, b - a);
    struct az_source *sub = az_source_from_buffer(sh->ctx, sh->src->name, buf, len);
    free(buf);
    struct rebase rb = {sub, sh->src, line - 1};
    struct az_lfile sf;
    memset(&sf, 0, sizeof sf);
    az_lint_file_init(&sf, sub);
    size_t first = sh->ctx->diags.n;
    int r = az_lint_json(sh->ctx, sub, &sf);
    rebase_diags(sh->ctx, first, &rb);
    if (r != 0)
        return;
    struct az_lpolicy *nx;
    for (struct az_lpolicy *p = sf.policies; p; p = nx) {
        nx = p->next;
        p->next = NULL;
        rebase_policy(p, &rb);
        if (api == API_V2 && p->form == AZ_LFORM_JSON_V1)
            az_diag_report(sh->ctx, AZ_D_LINT_MIXED_SHAPE, p->loc,
                           "this is a v1 body (subjects, roles, resources), but it is sent to "
                           "/v2/policies, which takes the v2 shape; send it to /v1/policies");
        else if (api == API_V1 && p->form == AZ_LFORM_JSON_V2)
            az_diag_report(sh->ctx, AZ_D_LINT_MIXED_SHAPE, p->loc,
                           "this is a v2 body (subject, resource, control), but it is sent to "
                           "/v1/policies, which takes the v1 shape; send it to /v2/policies");
        az_lint_add_policy(sh->f, p);
    }
}

static void lint_body(struct sh *sh, const struct word *w, enum api api)
{
    lint_span(sh, w->sq_open + 1, w->sq_close, api);
}

/* A here-document body that is an IAM policy body (literal JSON holding "role_id": a policy,
 * a template or a list of them, as `authzc compile -t cli` feeds its shell functions) is
 * linted as JSON where it stands. Bodies the shell expands ($, `, \ in an unquoted
 * here-document) are not: their text is not what the command reads. */
static void lint_heredoc(struct sh *sh, const struct heredoc *h, uint32_t a, uint32_t b)
{
    uint32_t k = a;
    while (k < b && strchr(" \t\r\n", sh->s[k]))
        k++;
    if (k >= b || (sh->s[k] != '{' && sh->s[k] != '['))
        return;
    static const char key[] = "\"role_id\"";
    const uint32_t kl = sizeof key - 1;
    bool iam = false;
    for (uint32_t j = k; j < b; j++) {
        char c = sh->s[j];
        if (!h->quoted && (c == '$' || c == '`' || c == '\\'))
            return;
        if (!iam && c == '"' && b - j >= kl && memcmp(sh->s + j, key, kl) == 0)
            iam = true;
    }
    if (iam)
        lint_span(sh, a, b, API_NONE);
}

static bool curl_takes_value(const char *t)
{
    static const char *const opts[] = {"-X",
                                       "--request",
                                       "-H",
                                       "--header",
                                       "-d",
                                       "--data",
                                       "--data-raw",
                                       "--data-binary",
                                       "--data-urlencode",
                                       "--json",
                                       "-u",
                                       "--user",
                                       "-o",
                                       "--output",
                                       "--url",
                                       "-F",
                                       "--form",
                                       "-A",
                                       "--user-agent",
                                       "-e",
                                       "--referer",
                                       "-b",
                                       "--cookie"};
    for (size_t k = 0; k < sizeof opts / sizeof *opts; k++)
        if (strcmp(opts[k], t) == 0)
            return true;
    return false;
}

static void check_curl(struct sh *sh, const struct word *W, uint32_t n, uint32_t h, enum sep sep)
{
    enum api api = API_NONE;
    for (uint32_t j = h + 1; j < n && api == API_NONE; j++)
        api = find_api(sh, &W[j]);
    for (uint32_t j = h + 1; j < n; j++) {
        const struct word *w = &W[j];
        if (w->sqd_len)
            az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR,
                           mkloc(sh, w->sqd_off, w->sqd_off + w->sqd_len),
                           "'%s' is inside single quotes, so curl gets the text '%s', not the "
                           "variable's value; use double quotes",
                           show_src(sh, w->sqd_off, w->sqd_off + w->sqd_len),
                           show_src(sh, w->sqd_off, w->sqd_off + w->sqd_len));
        if (api == API_NONE || j + 1 >= n || (w->flags & W_EXP))
            continue;
        char tb[LBUF];
        const char *t = small_lit(sh, w, tb);
        if (!t)
            continue;
        bool data = strcmp(t, "-d") == 0 || strcmp(t, "--data") == 0 ||
                    strcmp(t, "--data-binary") == 0 || strcmp(t, "--json") == 0;
        if (!data && strcmp(t, "--data-raw") != 0)
            continue;
        const struct word *body = &W[j + 1];
        if (body->flags & W_SQ_ONLY) {
            lint_body(sh, body, api);
        } else if (data && !(body->flags & W_EXP)) {
            const char *bt = literal(sh, body);
            if (bt[0] == '@' && bt[1] && strcmp(bt, "@-") != 0)
                add_ref(sh, bt + 1, mkloc(sh, body->start, body->end));
        }
    }
    if (sep == SEP_NEWLINE && n > h + 1 && !(W[n - 1].flags & W_EXP)) {
        const struct word *last = &W[n - 1];
        char tb[LBUF];
        const char *t = small_lit(sh, last, tb);
        if (t && curl_takes_value(t))
            az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, mkloc(sh, last->start, last->end),
                           "'%s' needs a value, but the line ends here without '\\', so the "
                           "next line runs as a separate command",
                           t);
    }
}

/* ---- one command ----------------------------------------------------------------------- */

static void check_dash_vars(struct sh *sh, const struct word *W, uint32_t n, uint32_t h)
{
    for (uint32_t j = h; j < n; j++) {
        const struct word *w = &W[j];
        if (w->dash_off == NONE)
            continue;
        uint32_t a = w->dash_off, ne = a + 1 + w->dash_name, e = ne + w->dash_suf;
        char *fix = az_arena_strndup(sh->ctx->arena, sh->s + a + 1, e - a - 1);
        for (char *p = fix; *p; p++)
            *p = *p == '-' ? '_' : (*p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p);
        const char *name = show_src(sh, a + 1, ne);
        az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, mkloc(sh, a, e),
                       "'%s' expands $%s and appends '%s'; write \"${%s}\" (or \"${%s}%s\" if "
                       "that is meant)",
                       show_src(sh, a, e), name, show_src(sh, ne, e), show(sh, fix, strlen(fix)),
                       name, show_src(sh, ne, e));
    }
}

static void continuation_check(struct sh *sh, const struct frame *fr, const struct word *w)
{
    char tb[LBUF];
    const char *t = small_lit(sh, w, tb);
    if (!t)
        return;
    bool flag = (t[0] == '-' && is_alpha((unsigned char)t[1])) ||
                (t[0] == '-' && t[1] == '-' && is_alpha((unsigned char)t[2]));
    if (!flag)
        return;
    struct az_loc loc = mkloc(sh, w->start, w->end);
    struct az_diag *d;
    if (fr->prev_bs != NONE) {
        d = az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, loc,
                           "this line continues the previous command, but the '\\' on line %u "
                           "is followed by a space, so it escapes the space and does not "
                           "continue the line",
                           line_of(sh, fr->prev_bs));
        az_diag_note(sh->ctx, d, mkloc(sh, fr->prev_bs, fr->prev_bs + 2),
                     "remove the space after '\\'");
    } else if (fr->prev_comment != NONE) {
        d = az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, loc,
                           "this line continues the previous command, but the comment on line "
                           "%u ends that command ('\\' cannot continue a line past a comment)",
                           line_of(sh, fr->prev_comment));
        az_diag_note(sh->ctx, d, mkloc(sh, fr->prev_comment, fr->prev_comment + 1),
                     "move this comment out of the command");
    } else {
        d = az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, loc,
                           "this line continues the previous command, but that line does not "
                           "end with '\\'");
        az_diag_note(sh->ctx, d, mkloc(sh, fr->prev_nl, fr->prev_nl + 1),
                     "add ' \\' at the end of this line");
    }
}

/* Skips sudo/command/exec/env/nohup/nice/time/timeout and their options; n: not run. */
static uint32_t skip_wrappers(struct sh *sh, const struct word *W, uint32_t n, uint32_t h)
{
    char tb[LBUF], ob[LBUF];
    while (h < n) {
        const char *t = small_lit(sh, &W[h], tb);
        if (!t)
            return h;
        if (strcmp(t, "sudo") == 0) {
            h++;
            while (h < n) {
                const char *o = small_lit(sh, &W[h], ob);
                if (!o)
                    break;
                if (strcmp(o, "--") == 0) {
                    h++;
                    break;
                }
                if (o[0] == '-') {
                    bool arg = o[1] && !o[2] && strchr("CDghpRrTtUu", o[1]);
                    h += arg ? 2 : 1;
                } else if (is_assignment(sh, &W[h])) {
                    h++;
                } else {
                    break;
                }
            }
        } else if (strcmp(t, "command") == 0) {
            h++;
            while (h < n) {
                const char *o = small_lit(sh, &W[h], ob);
                if (!o || o[0] != '-')
                    break;
                if (strchr(o, 'v') || strchr(o, 'V'))
                    return n;
                h++;
            }
        } else if (strcmp(t, "exec") == 0) {
            h++;
            while (h < n) {
                const char *o = small_lit(sh, &W[h], ob);
                if (!o || o[0] != '-')
                    break;
                h += strcmp(o, "-a") == 0 ? 2 : 1;
            }
        } else if (strcmp(t, "env") == 0) {
            h++;
            while (h < n) {
                const char *o = small_lit(sh, &W[h], ob);
                if (is_assignment(sh, &W[h])) {
                    h++;
                } else if (!o) {
                    break;
                } else if (strcmp(o, "--") == 0) {
                    h++;
                } else if (strcmp(o, "-u") == 0 || strcmp(o, "-C") == 0 || strcmp(o, "-S") == 0) {
                    h += 2;
                } else if (o[0] == '-') {
                    h++;
                } else {
                    break;
                }
            }
        } else if (strcmp(t, "nohup") == 0) {
            h++;
        } else if (strcmp(t, "nice") == 0) {
            h++;
            const char *o = h < n ? small_lit(sh, &W[h], ob) : NULL;
            if (o && strcmp(o, "-n") == 0)
                h += 2;
            else if (o && o[0] == '-')
                h++;
        } else if (strcmp(t, "time") == 0) {
            h++;
            const char *o = h < n ? small_lit(sh, &W[h], ob) : NULL;
            if (o && strcmp(o, "-p") == 0)
                h++;
        } else if (strcmp(t, "timeout") == 0) {
            h++;
            while (h < n) {
                const char *o = small_lit(sh, &W[h], ob);
                if (!o || o[0] != '-')
                    break;
                h += strcmp(o, "-s") == 0 || strcmp(o, "-k") == 0 ? 2 : 1;
            }
            h++; /* the duration */
        } else {
            return h;
        }
    }
    return h;
}

static const char *basename_of(const char *t)
{
    const char *b = strrchr(t, '/');
    return b ? b + 1 : t;
}

static void analyze(struct sh *sh, struct frame *fr, enum sep sep)
{
    uint32_t n = sh->nwords - fr->cmd_lo;
    const struct word *W = &sh->words[fr->cmd_lo];
    if (n == 0)
        return;
    if (fr->cmd_bol && fr->prev_real && fr->head == 0)
        continuation_check(sh, fr, &W[0]);
    if (fr->cmd_trunc || fr->head < 0 || (uint32_t)fr->head >= n)
        return;
    uint32_t h = skip_wrappers(sh, W, n, (uint32_t)fr->head);
    if (h >= n)
        return;
    char nb[LBUF], sb[LBUF];
    const char *name = small_lit(sh, &W[h], nb);
    if (!name)
        return;
    const char *base = basename_of(name);
    if (strcmp(base, "ibmcloud") == 0) {
        check_dash_vars(sh, W, n, h);
        if (h + 2 < n) {
            const char *ns = small_lit(sh, &W[h + 1], sb);
            if (ns && strcmp(ns, "iam") == 0)
                check_ibmcloud(sh, W, n, h, h + 2);
        }
    } else if (strcmp(name, "iam") == 0 && h + 1 < n) {
        const char *sub = small_lit(sh, &W[h + 1], sb);
        const struct cmddef *cmd = sub ? find_command(sub) : NULL;
        if (cmd) {
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, mkloc(sh, W[h].start, W[h].end),
                           "'iam' is not a command; did you mean 'ibmcloud iam %s'?", cmd->name);
            check_dash_vars(sh, W, n, h);
            check_ibmcloud(sh, W, n, h, h + 1);
        }
    } else if (strcmp(base, "curl") == 0) {
        check_dash_vars(sh, W, n, h);
        check_curl(sh, W, n, h, sep);
    }
}

/* ---- the file ---------------------------------------------------------------------------- */

/* Invalid UTF-8 (AZ103) or a NUL byte (AZ104): the first one is reported. */
static bool check_encoding(struct sh *sh)
{
    const unsigned char *s = (const unsigned char *)sh->s;
    uint32_t n = sh->n;
    for (uint32_t k = 0; k < n;) {
        unsigned c = s[k];
        if (c == 0) {
            az_diag_report(sh->ctx, AZ_D_BAD_CHAR, mkloc(sh, k, k + 1),
                           "a NUL byte: a shell script is text");
            return false;
        }
        if (c < 0x80) {
            k++;
            continue;
        }
        uint32_t len = c >= 0xC2 && c <= 0xDF   ? 2
                       : c >= 0xE0 && c <= 0xEF ? 3
                       : c >= 0xF0 && c <= 0xF4 ? 4
                                                : 0;
        bool ok = len > 0 && k + len <= n;
        for (uint32_t j = 1; ok && j < len; j++)
            ok = (s[k + j] & 0xC0) == 0x80;
        if (ok && len == 3)
            ok = !(c == 0xE0 && s[k + 1] < 0xA0) && !(c == 0xED && s[k + 1] > 0x9F);
        if (ok && len == 4)
            ok = !(c == 0xF0 && s[k + 1] < 0x90) && !(c == 0xF4 && s[k + 1] > 0x8F);
        if (!ok) {
            az_diag_report(sh->ctx, AZ_D_BAD_UTF8, mkloc(sh, k, k + 1), "invalid UTF-8 byte 0x%02X",
                           c);
            return false;
        }
        k += len;
    }
    return true;
}

static void report_open_frame(struct sh *sh)
{
    struct frame *fr = top(sh);
    uint32_t o = fr->open;
    switch (fr->kind) {
    case F_DQUOTE:
        report_unterminated(sh, o, '"', sh->fr[fr->owner].cmd_apos);
        return;
    case F_CMDSUB:
        az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, mkloc(sh, o, o + 2),
                       "unterminated command substitution: no ')' closes this '%s'",
                       show_src(sh, o, o + 2));
        break;
    case F_PARAM:
        az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, mkloc(sh, o, o + 2),
                       "unterminated '${': no '}' closes it");
        break;
    case F_ARITH:
        az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, mkloc(sh, o, o + 2),
                       "unterminated arithmetic: no '))' closes this '%s'",
                       show_src(sh, o, o + (at(sh, o) == '$' ? 3 : 2)));
        break;
    case F_ARRAY:
        az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, mkloc(sh, o, o + 1),
                       "unterminated array: no ')' closes this '('");
        break;
    case F_CASE:
        az_diag_report(sh->ctx, AZ_D_LINT_SYNTAX, mkloc(sh, o, o + 2),
                       "'case ... in' without its 'esac'");
        break;
    case F_TOP:
        return;
    }
    sh->failed = true;
}

int az_lint_sh(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f)
{
    struct sh sh;
    memset(&sh, 0, sizeof sh);
    sh.ctx = ctx;
    sh.src = src;
    sh.f = f;
    sh.s = src->text;
    sh.n = (uint32_t)src->len;
    unsigned depth = ctx->max_depth ? ctx->max_depth : 64;
    sh.maxfr = depth + 1;
    sh.fr = az_arena_alloc(ctx->arena, sizeof *sh.fr * sh.maxfr);
    if (!check_encoding(&sh)) {
        f->syntax_error = true;
        return -1;
    }
    check_crlf(&sh);
    sh.nfr = 1;
    sh.fr[0].kind = F_TOP;
    list_init(&sh, &sh.fr[0], 0);
    sh.fr[0].cmd_bol = true;

    size_t first_diag = ctx->diags.n;
    while (!sh.failed && sh.i < sh.n) {
        if (ctx->diags.n - first_diag > MAX_FINDINGS) {
            az_diag_report(ctx, AZ_D_LIMIT, mkloc(&sh, sh.i, sh.i + 1),
                           "more than %u findings in this file; the rest of it is not read",
                           MAX_FINDINGS);
            sh.failed = true;
            break;
        }
        switch (top(&sh)->kind) {
        case F_TOP:
        case F_CMDSUB:
        case F_CASE:
        case F_ARRAY:
            lex_list(&sh);
            break;
        case F_DQUOTE:
            lex_dquote(&sh);
            break;
        case F_PARAM:
            lex_param(&sh);
            break;
        case F_ARITH:
            lex_arith(&sh);
            break;
        }
    }
    if (!sh.failed) {
        if (sh.nfr > 1) {
            report_open_frame(&sh);
        } else {
            word_done(&sh, sh.n);
            end_command(&sh, &sh.fr[0], SEP_EOF, sh.n);
            if (sh.nhd)
                read_heredocs(&sh);
        }
    }
    if (sh.failed) {
        f->syntax_error = true;
        return -1;
    }
    return 0;
}
