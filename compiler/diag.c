/* diag.c - the diagnostic queue and its text rendering, gcc/clang style:
 *   file:line:col: error: message [AZ301]
 *   <the source line>
 *   <padding>^~~~~
 * Records are queued during the run and printed once, sorted by place (nftables erec).
 * Machine formats (JSON, SARIF, GitHub) are in report.c. */
#include "authzc/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/source.h"
#include "authzc/suggest.h"
#include "authzc/report.h"
#include "authzc/utf8.h"

static const struct az_diag_info infos[AZ_D_COUNT] = {
    [AZ_D_NONE] = {AZ_D_NONE, "", "", AZ_SEV_ERROR, "", ""},
#define AZ_DIAG(name, id, sev, title, explain) [AZ_D_##name] = {AZ_D_##name, id, "", sev, title, explain},
#include "authzc/diagnostics.def"
#undef AZ_DIAG
};

/* The short name is the title's first word ("role-missing: ..."). */
static char names[AZ_D_COUNT][48];

static void init_names(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    for (size_t i = 1; i < AZ_D_COUNT; i++) {
        const char *t = infos[i].title, *colon = strchr(t, ':');
        size_t n = colon ? (size_t)(colon - t) : strlen(t);
        if (n >= sizeof names[i])
            n = sizeof names[i] - 1;
        memcpy(names[i], t, n);
        names[i][n] = '\0';
    }
}

const struct az_diag_info *az_diag_info(enum az_diag_id id)
{
    static struct az_diag_info out[AZ_D_COUNT];
    if ((unsigned)id >= AZ_D_COUNT)
        return NULL;
    init_names();
    out[id] = infos[id];
    out[id].name = names[id];
    const char *colon = strchr(infos[id].title, ':');
    out[id].title = colon ? colon + 2 : infos[id].title;
    return &out[id];
}

const struct az_diag_info *az_diag_find(const char *key)
{
    for (size_t i = 1; i < AZ_D_COUNT; i++) {
        const struct az_diag_info *d = az_diag_info((enum az_diag_id)i);
        if (strcasecmp(d->id, key) == 0 || strcasecmp(d->name, key) == 0)
            return d;
    }
    return NULL;
}

const char *az_diag_suggest(const char *key)
{
    const char *cands[2 * AZ_D_COUNT];
    size_t n = 0;
    for (size_t i = 1; i < AZ_D_COUNT; i++) {
        const struct az_diag_info *d = az_diag_info((enum az_diag_id)i);
        cands[n++] = d->id;
        cands[n++] = d->name;
    }
    return az_suggest_best(key, cands, n);
}

static void push(struct az_ctx *ctx, struct az_diag *d)
{
    struct az_diags *q = &ctx->diags;
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 64;
        struct az_diag **v = realloc(q->v, cap * sizeof *v);
        if (!v) {
            az_oom();
        }
        q->v = v;
        q->cap = cap;
    }
    d->seq = q->n;
    q->v[q->n++] = d;
}

struct az_diag *az_diag_report(struct az_ctx *ctx, enum az_diag_id id, struct az_loc loc,
                               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = az_arena_vprintf(ctx->arena, fmt, ap);
    va_end(ap);
    struct az_diags *q = &ctx->diags;
    if (q->n > 0) { /* error recovery can say the same thing twice at one place */
        const struct az_diag *last = q->v[q->n - 1];
        if (last->diag == id && last->loc.src == loc.src && last->loc.line == loc.line &&
            last->loc.col == loc.col && strcmp(last->msg, msg) == 0)
            return NULL;
    }
    struct az_diag *d = az_arena_alloc(ctx->arena, sizeof *d);
    d->diag = id;
    d->sev = infos[id].severity;
    d->loc = loc;
    if (d->loc.len == 0)
        d->loc.len = 1;
    d->msg = msg;
    if (d->sev == AZ_SEV_ERROR)
        q->errors++;
    else if (d->sev == AZ_SEV_WARNING)
        q->warnings++;
    push(ctx, d);
    return d;
}

void az_diag_swap(struct az_ctx *ctx, struct az_diags *q)
{
    struct az_diags *c = &ctx->diags, t = *c;
    c->v = q->v;
    c->n = q->n;
    c->cap = q->cap;
    c->errors = q->errors;
    c->warnings = q->warnings;
    q->v = t.v;
    q->n = t.n;
    q->cap = t.cap;
    q->errors = t.errors;
    q->warnings = t.warnings;
}

void az_diag_append(struct az_ctx *ctx, struct az_diags *q)
{
    for (size_t i = 0; i < q->n; i++)
        push(ctx, q->v[i]);
    ctx->diags.errors += q->errors;
    ctx->diags.warnings += q->warnings;
    az_diag_drop(q);
}

void az_diag_drop(struct az_diags *q)
{
    free(q->v);
    q->v = NULL;
    q->n = q->cap = 0;
    q->errors = q->warnings = 0;
}

void az_diag_note(struct az_ctx *ctx, struct az_diag *parent, struct az_loc loc, const char *fmt,
                  ...)
{
    if (!parent)
        return;
    va_list ap;
    va_start(ap, fmt);
    struct az_diag *n = az_arena_alloc(ctx->arena, sizeof *n);
    n->diag = parent->diag;
    n->sev = AZ_SEV_NOTE;
    n->loc = loc;
    if (n->loc.len == 0)
        n->loc.len = 1;
    n->msg = az_arena_vprintf(ctx->arena, fmt, ap);
    va_end(ap);
    struct az_diag **tail = &parent->notes;
    while (*tail)
        tail = &(*tail)->next_note;
    *tail = n;
}

void az_diag_fatal(struct az_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct az_diag *d = az_arena_alloc(ctx->arena, sizeof *d);
    d->diag = AZ_D_NONE;
    d->sev = AZ_SEV_ERROR;
    d->msg = az_arena_vprintf(ctx->arena, fmt, ap);
    va_end(ap);
    ctx->diags.fatal = true;
    push(ctx, d);
}

void az_diag_set_filter(struct az_ctx *ctx, az_diag_filter_fn *hide, void *arg)
{
    ctx->diags.hide = hide;
    ctx->diags.hide_arg = arg;
}

bool az_diag_hidden(const struct az_ctx *ctx, const struct az_diag *d)
{
    return ctx->diags.hide && d->diag != AZ_D_NONE && ctx->diags.hide(ctx->diags.hide_arg, d);
}

void az_diag_counts(const struct az_ctx *ctx, unsigned *errors, unsigned *warnings)
{
    const struct az_diags *q = &ctx->diags;
    *errors = q->errors;
    *warnings = q->warnings;
    if (!q->hide)
        return;
    *errors = *warnings = 0;
    for (size_t i = 0; i < q->n; i++) {
        const struct az_diag *d = q->v[i];
        if (d->diag == AZ_D_NONE || az_diag_hidden(ctx, d))
            continue;
        if (d->sev == AZ_SEV_ERROR)
            (*errors)++;
        else if (d->sev == AZ_SEV_WARNING)
            (*warnings)++;
    }
}

int az_diag_exit_status(const struct az_ctx *ctx, bool werror)
{
    if (ctx->diags.fatal)
        return 2;
    unsigned errors, warnings;
    az_diag_counts(ctx, &errors, &warnings);
    if (errors > 0 || (werror && warnings > 0))
        return 1;
    return 0;
}

/* ---- sorting ------------------------------------------------------------------------- */

static int cmp_diag(const void *pa, const void *pb)
{
    const struct az_diag *a = *(const struct az_diag *const *)pa;
    const struct az_diag *b = *(const struct az_diag *const *)pb;
    /* Unplaced records (I/O, usage) first: they explain why the rest may be missing. */
    int ka = a->loc.src != NULL, kb = b->loc.src != NULL;
    if (ka != kb)
        return ka - kb;
    if (ka) { /* a body's findings sort at their place in the file that holds it */
        struct az_loc la = az_loc_resolve(a->loc), lb = az_loc_resolve(b->loc);
        if (la.src->index != lb.src->index)
            return la.src->index < lb.src->index ? -1 : 1;
        if (la.line != lb.line)
            return la.line < lb.line ? -1 : 1;
        if (la.col != lb.col)
            return la.col < lb.col ? -1 : 1;
    }
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void az_diag_sort(struct az_ctx *ctx)
{
    if (ctx->diags.n > 1)
        qsort(ctx->diags.v, ctx->diags.n, sizeof ctx->diags.v[0], cmp_diag);
}

/* ---- text ---------------------------------------------------------------------------- */

static const char *sev_name(enum az_severity s)
{
    return s == AZ_SEV_ERROR ? "error" : s == AZ_SEV_WARNING ? "warning" : "note";
}

static const char *sev_color(enum az_severity s)
{
    return s == AZ_SEV_ERROR ? "\033[1;31m" : s == AZ_SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
}

/* Lines longer than this are shown as a window around the caret (minified JSON can put
 * megabytes on one line). */
enum { WINDOW = 160, CONTEXT = 60 };

/* Prints the source line (control bytes and invalid UTF-8 shown as '?', one column each)
 * and a caret under loc. */
static void print_caret(FILE *out, const struct az_loc *loc, bool color)
{
    size_t len;
    const char *line = az_source_line(loc->src, loc->line, &len);
    if (!line)
        return;
    size_t col = loc->col - 1;
    if (col > len)
        col = len;
    size_t from = 0, to = len;
    if (len > WINDOW) {
        from = col > CONTEXT ? col - CONTEXT : 0;
        while (from > 0 && ((unsigned char)line[from] & 0xC0) == 0x80)
            from--; /* never cut a UTF-8 sequence */
        to = col + (loc->len < CONTEXT ? loc->len : CONTEXT) + CONTEXT;
        if (to > len)
            to = len;
        while (to < len && ((unsigned char)line[to] & 0xC0) == 0x80)
            to++;
    }
    if (from > 0)
        fputs("...", out);
    const unsigned char *u = (const unsigned char *)line;
    for (size_t i = from; i < to;) {
        size_t n = az_utf8_len(u + i, to - i);
        if (n > 1) {
            fwrite(u + i, 1, n, out);
            i += n;
            continue;
        }
        unsigned char c = u[i++];
        fputc(n == 1 && (c == '\t' || (c >= 0x20 && c != 0x7f)) ? c : '?', out);
    }
    if (to < len)
        fputs("...", out);
    fputc('\n', out);
    if (from > 0)
        fputs("   ", out);
    for (size_t i = from; i < col;) { /* one column per character (or '?'), not per byte */
        size_t n = az_utf8_len(u + i, len - i);
        fputc(u[i] == '\t' ? '\t' : ' ', out);
        i += n > 1 ? n : 1;
    }
    if (color)
        fputs("\033[1;32m", out);
    fputc('^', out);
    size_t end = col + loc->len;
    if (end > to)
        end = to;
    for (size_t i = col, first = 1; i < end; first = 0) {
        size_t n = az_utf8_len(u + i, len - i);
        if (!first)
            fputc('~', out);
        i += n > 1 ? n : 1;
    }
    if (color)
        fputs("\033[0m", out);
    fputc('\n', out);
}

/* Messages quote what users wrote, which may hold control characters (a JSON "\u001b"):
 * on a terminal they are shown as \xNN, never sent. */
static void print_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
}

/* attached: a note of another record (it shares that record's ID, which is not repeated). */
static void print_one(FILE *out, const struct az_diag *d, bool color, bool attached)
{
    struct az_loc at = az_loc_resolve(d->loc);
    if (color)
        fputs("\033[1m", out);
    if (at.src)
        fprintf(out, "%s:%u:%u: ", at.src->name, at.line, at.col);
    else
        fputs("authzc: ", out);
    if (color)
        fprintf(out, "%s%s:\033[0m\033[1m ", sev_color(d->sev), sev_name(d->sev));
    else
        fprintf(out, "%s: ", sev_name(d->sev));
    print_text(out, d->msg);
    if (d->diag != AZ_D_NONE && !attached)
        fprintf(out, " [%s]", infos[d->diag].id);
    if (color)
        fputs("\033[0m", out);
    fputc('\n', out);
    if (at.src)
        print_caret(out, &at, color);
}

size_t az_diag_print(struct az_ctx *ctx, FILE *out, const struct az_report_opts *opts)
{
    az_diag_sort(ctx);
    if (opts->format != AZ_REPORT_TEXT)
        return az_report_print(ctx, out, opts);
    size_t shown = 0, hidden = 0;
    for (size_t i = 0; i < ctx->diags.n; i++) {
        const struct az_diag *d = ctx->diags.v[i];
        if (az_diag_hidden(ctx, d))
            continue;
        if (opts->max_errors && d->diag != AZ_D_NONE && shown >= opts->max_errors) {
            hidden++;
            continue;
        }
        print_one(out, d, opts->color, false);
        for (const struct az_diag *n = d->notes; n; n = n->next_note)
            print_one(out, n, opts->color, true);
        if (d->diag != AZ_D_NONE)
            shown++;
    }
    if (hidden)
        fprintf(out, "authzc: note: %zu more diagnostic%s not shown (--max-errors %u)\n", hidden,
                hidden == 1 ? "" : "s", opts->max_errors);
    return shown;
}
