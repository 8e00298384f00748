/* sh_scan.h - the shell scanner of `authzc lint` (compiler/sh_scan.c).
 *
 * It reads a script once, left to right, in linear time, with an explicit stack of open
 * constructs (at most ctx->max_depth deep, else AZ106), and hands every finished simple
 * command (its words, with places and quoting) and every here-document body to the front
 * end's hooks (compiler/lint_sh.c: the ibmcloud command model, curl requests and bodies).
 * It reports what is wrong with the script as shell (AZ501: unterminated quotes and
 * substitutions, here-documents without their end line, CRLF line ends; AZ606 for an
 * apostrophe that ends a '...' string and a URL in backquotes; AZ103/AZ104 encoding) and
 * records `# authzc:ignore` comments in the file's suppressions.
 * What it understands and what not: see the top of compiler/lint_sh.c. */
#ifndef AZ_SH_SCAN_H
#define AZ_SH_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "authzc/loc.h"

struct az_ctx;
struct az_source;
struct az_lfile;

#define AZ_SH_NONE UINT32_MAX
#define AZ_SH_LBUF 128 /* az_sh_small_lit's buffer */

enum az_sh_fkind {
    AZ_SH_F_TOP,    /* the script: a command list */
    AZ_SH_F_CMDSUB, /* $( ... ), <( ... ), >( ... ): a command list closed by ')' */
    AZ_SH_F_CASE,   /* case ... in ... esac: patterns and command lists */
    AZ_SH_F_ARRAY,  /* x=( ... ): words, no commands */
    AZ_SH_F_DQUOTE, /* " ... " */
    AZ_SH_F_PARAM,  /* ${ ... } */
    AZ_SH_F_ARITH,  /* $(( ... )) and (( ... )) */
};

enum az_sh_cstate { AZ_SH_CS_PAT, AZ_SH_CS_BODY };
enum az_sh_redir { AZ_SH_R_NONE, AZ_SH_R_TARGET, AZ_SH_R_HEREDOC, AZ_SH_R_HEREDOC_STRIP };
enum az_sh_sep { AZ_SH_SEP_OTHER, AZ_SH_SEP_NEWLINE, AZ_SH_SEP_EOF };

#define AZ_SH_W_QUOTED 0x1u  /* some part is quoted or escaped */
#define AZ_SH_W_EXP 0x2u     /* some part is an expansion: the value is not literal */
#define AZ_SH_W_SQ_ONLY 0x4u /* the word is exactly one '...' string */

struct az_sh_word {
    uint32_t start, end;     /* bytes of the source */
    uint32_t exp_lo, exp_hi; /* its expansions in sh.exps */
    uint32_t flags;
    uint32_t sq_open, sq_close;             /* the first '...' when the word starts with one */
    uint32_t dash_off, dash_name, dash_suf; /* "$name-suffix": '$', name length, suffix */
    uint32_t sqd_off, sqd_len;              /* a "$NAME" inside '...' */
};

struct az_sh_span {
    uint32_t a, b;
};

struct az_sh_frame {
    enum az_sh_fkind kind;
    unsigned owner;  /* the list frame whose current word holds this frame */
    bool word_level; /* expansions seen here are parts of the owner's word */
    bool rec;        /* on close, [open, end) is an expansion of the owner's word */
    bool in_dq;      /* inside double quotes: ' is an ordinary character */
    uint32_t open;
    unsigned depth; /* AZ_SH_F_ARITH: open parentheses */
    /* command lists (AZ_SH_F_TOP, AZ_SH_F_CMDSUB, AZ_SH_F_CASE, AZ_SH_F_ARRAY) */
    enum az_sh_cstate cs;
    unsigned paren;
    bool dbracket;
    bool in_word;
    struct az_sh_word w;
    uint32_t cmd_lo, cmd_exp_lo, cmd_n;
    bool cmd_trunc, cmdpos, cmd_case, cmd_bol, cmd_fundef;
    int head;
    uint32_t cmd_apos; /* an apostrophe that ended a '...' in this command */
    enum az_sh_redir redir;
    uint32_t redir_off;
    /* what the command is, for the lines a broken continuation splits off it: an IAM
     * command (an enum of lint_sh.c) or a curl request (with its API), and whether its last word
     * is a curl option left without its value (a data option: the body) */
    unsigned char cmd_kind, cmd_api;
    bool cmd_open, cmd_data;
    /* the previous command of this list, for the continuation check */
    bool prev_real;
    unsigned char prev_kind, prev_api;
    bool prev_open, prev_data;
    uint32_t prev_nl, prev_comment, prev_bs;
    uint32_t line_comment, line_bs;
};

struct az_sh_heredoc {
    uint32_t op;   /* the << */
    uint32_t dend; /* end of the delimiter word */
    const char *delim;
    uint32_t dlen;
    bool strip;
    bool quoted; /* <<'END' or <<"END": the body is not expanded */
};

struct az_sh_cooked {
    char *t;
    uint32_t len;
    uint32_t *map;      /* source offset of each byte (NULL: base + index) */
    unsigned char *ref; /* 1: the byte is part of an expansion, copied as written (NULL: none) */
    uint32_t base;
    bool any_ref;
};

static inline uint32_t az_sh_ck_map(const struct az_sh_cooked *c, uint32_t k)
{
    return c->map ? c->map[k] : c->base + k;
}

static inline bool az_sh_ck_ref(const struct az_sh_cooked *c, uint32_t k)
{
    return c->ref && c->ref[k];
}

struct az_sh {
    struct az_ctx *ctx;
    const struct az_source *src;
    struct az_lfile *f;
    const char *s;
    uint32_t n, i;
    struct az_sh_frame *fr;
    unsigned nfr, maxfr;
    struct az_sh_word *words;
    uint32_t nwords, capwords;
    struct az_sh_span *exps;
    uint32_t nexps, capexps;
    struct az_sh_heredoc *hd;
    uint32_t nhd, caphd;
    bool failed;
    bool esac;
    /* what the front end does with what the scanner finds: every finished simple command
     * of a command list (its words are sh->words[fr->cmd_lo ..]), and every here-document
     * body s[a, b) */
    void (*on_command)(struct az_sh *sh, struct az_sh_frame *fr, enum az_sh_sep sep);
    void (*on_heredoc)(struct az_sh *sh, const struct az_sh_heredoc *h, uint32_t a, uint32_t b);
};

static inline bool az_sh_is_name_start(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static inline bool az_sh_is_name_char(int c)
{
    return az_sh_is_name_start(c) || (c >= '0' && c <= '9');
}

static inline bool az_sh_is_alpha(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static inline bool az_sh_is_alnum(int c)
{
    return az_sh_is_alpha(c) || (c >= '0' && c <= '9');
}

static inline int az_sh_at(const struct az_sh *sh, uint32_t k)
{
    return k < sh->n ? (unsigned char)sh->s[k] : 0;
}

/* Scans sh->src into its hooks (sh: ctx, src, f, on_command and on_heredoc set, the rest
 * zero). Returns 0, or -1 after a syntax error that stopped the scan. */
int az_sh_scan(struct az_sh *sh);

/* A place: [a, b) clipped to a's line. */
struct az_loc az_sh_loc(const struct az_sh *sh, uint32_t a, uint32_t b);
/* The line of a byte offset. */
unsigned az_sh_line(const struct az_sh *sh, uint32_t off);
/* User text for a message: a bounded part of its first line, control bytes as '?'. */
const char *az_sh_show(struct az_sh *sh, const char *p, size_t len);
const char *az_sh_show_src(struct az_sh *sh, uint32_t a, uint32_t b);
/* A word's value with quotes removed, each byte mapped to its place. */
struct az_sh_cooked *az_sh_cook(struct az_sh *sh, const struct az_sh_word *w);
/* The word's literal value, or NULL when it holds an expansion. */
const char *az_sh_literal(struct az_sh *sh, const struct az_sh_word *w);
/* The literal value of a short word in buf, or NULL (an expansion, longer than buf). */
const char *az_sh_small_lit(struct az_sh *sh, const struct az_sh_word *w, char buf[AZ_SH_LBUF]);
/* NAME=value (or NAME+=, NAME[...]=) */
bool az_sh_is_assignment(const struct az_sh *sh, const struct az_sh_word *w);

#endif
