/* fix_apply.c - applying fixes (fix.h): the edits of the findings a report shows, gathered
 * per file, checked against each other (a fix overlapping one already taken waits), made
 * in one pass over the file's bytes; and the careful rewrite of a file `lint --fix` does
 * (only if it still holds what was read; atomic; mode kept). */
#define _XOPEN_SOURCE 700 /* realpath(3) */
#include "authzc/fix.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/output.h"
#include "authzc/source.h"
#include "authzc/strmap.h"

static const char bom_bytes[] = "\xEF\xBB\xBF";

/* The edits accepted for one file so far: a treap ordered by (offset, length), so that checking
 * an edit against them and taking it cost O(log n), not O(n) (a generated file can carry tens of
 * thousands of fixes). No two accepted edits share both: they would be equal or conflict. */
struct node {
    const struct az_edit *e;
    struct node *l, *r;
    uint32_t pri;
};

struct pending {
    const struct az_source *src;
    struct node *root, *spare; /* spare: nodes of undone edits, to reuse */
    size_t n;
    uint32_t seed; /* the priorities: a fixed sequence, so the run is repeatable */
    unsigned findings;
    struct pending *next;
};

static bool same_edit(const struct az_edit *a, const struct az_edit *b)
{
    return a->off == b->off && a->len == b->len && strcmp(a->text, b->text) == 0;
}

/* Whether two edits of one file cannot both be made: their ranges share a byte, an
 * insertion falls inside a replaced range, or two different insertions share a place (their
 * order would be a guess). Edits that only touch end to start do not conflict. */
static bool conflict(const struct az_edit *a, const struct az_edit *b)
{
    if (same_edit(a, b))
        return false;
    size_t ae = a->off + a->len, be = b->off + b->len;
    if (a->len == 0 && b->len == 0)
        return a->off == b->off;
    if (a->len == 0)
        return a->off > b->off && a->off < be;
    if (b->len == 0)
        return b->off > a->off && b->off < ae;
    return a->off < be && b->off < ae;
}

/* Whether the key (off, len) comes before (off2, len2). */
static bool key_before(size_t off, size_t len, size_t off2, size_t len2)
{
    return off < off2 || (off == off2 && len < len2);
}

/* The accepted edit with the greatest offset below off, or NULL. */
static const struct az_edit *last_before(const struct node *t, size_t off)
{
    const struct az_edit *best = NULL;
    while (t) {
        if (t->e->off < off) {
            best = t->e;
            t = t->r;
        } else {
            t = t->l;
        }
    }
    return best;
}

/* The accepted edit with the least key at or after (off, len) (strictly after: after), or NULL. */
static const struct az_edit *first_from(const struct node *t, size_t off, size_t len, bool after)
{
    const struct az_edit *best = NULL;
    while (t) {
        bool below = after ? !key_before(off, len, t->e->off, t->e->len)
                           : key_before(t->e->off, t->e->len, off, len);
        if (below) {
            t = t->r;
        } else {
            best = t->e;
            t = t->l;
        }
    }
    return best;
}

/* The state of one edit of a fix against the file's accepted edits: 1 new, 0 already
 * there, -1 in conflict. As the accepted edits conflict with none of each other, only a
 * few neighbours can matter: the last one starting before e (a range that may cover e's
 * start; any earlier one ends before it), and those starting inside e (or at its place). */
static int edit_state(const struct pending *p, const struct az_edit *e)
{
    const struct az_edit *a = last_before(p->root, e->off);
    if (a && conflict(a, e))
        return -1;
    size_t end = e->off + e->len;
    for (a = first_from(p->root, e->off, 0, false); a && (a->off == e->off || a->off < end);
         a = first_from(p->root, a->off, a->len, true)) {
        if (same_edit(a, e))
            return 0;
        if (conflict(a, e))
            return -1;
    }
    return 1;
}

/* The two parts of t: keys before e's, and the others. */
static void split(struct node *t, const struct az_edit *e, struct node **l, struct node **r)
{
    if (!t) {
        *l = *r = NULL;
    } else if (key_before(t->e->off, t->e->len, e->off, e->len)) {
        *l = t;
        split(t->r, e, &t->r, r);
    } else {
        *r = t;
        split(t->l, e, l, &t->l);
    }
}

static struct node *merge(struct node *a, struct node *b)
{
    if (!a || !b)
        return a ? a : b;
    if (a->pri > b->pri) {
        a->r = merge(a->r, b);
        return a;
    }
    b->l = merge(a, b->l);
    return b;
}

static struct node *insert(struct node *t, struct node *n)
{
    if (!t)
        return n;
    if (n->pri > t->pri) {
        split(t, n->e, &n->l, &n->r);
        return n;
    }
    if (key_before(n->e->off, n->e->len, t->e->off, t->e->len))
        t->l = insert(t->l, n);
    else
        t->r = insert(t->r, n);
    return t;
}

static void push(struct az_ctx *ctx, struct pending *p, const struct az_edit *e)
{
    struct node *n = p->spare;
    if (n)
        p->spare = n->r;
    else
        n = az_arena_alloc(ctx->arena, sizeof *n);
    p->seed ^= p->seed << 13; /* xorshift32 */
    p->seed ^= p->seed >> 17;
    p->seed ^= p->seed << 5;
    *n = (struct node){e, NULL, NULL, p->seed};
    p->root = insert(p->root, n);
    p->n++;
}

/* Takes e out of t if t holds e itself (not an equal edit of another fix). */
static struct node *pop(struct pending *p, struct node *t, const struct az_edit *e)
{
    if (!t)
        return NULL;
    if (t->e == e) {
        struct node *rest = merge(t->l, t->r);
        t->r = p->spare;
        p->spare = t;
        p->n--;
        return rest;
    }
    if (key_before(e->off, e->len, t->e->off, t->e->len))
        t->l = pop(p, t->l, e);
    else
        t->r = pop(p, t->r, e);
    return t;
}

/* Takes d's whole fix into its file's edits, or nothing of it. Returns whether it did. */
static bool take_fix(struct az_ctx *ctx, const struct az_diag *d, struct pending *p)
{
    const struct az_edit *e;
    for (e = d->fix; e; e = e->next) {
        if (e->src != p->src || e->off + e->len > e->src->len)
            break; /* a fix spans files: not one this code makes */
        int st = edit_state(p, e);
        if (st < 0)
            break;
        if (st > 0)
            push(ctx, p, e);
    }
    if (!e)
        return true;
    /* Undo: the edits of this fix taken so far are the ones the tree holds themselves (an
     * edit found already there left the other fix's in place). */
    for (const struct az_edit *u = d->fix; u != e; u = u->next)
        p->root = pop(p, p->root, u);
    return false;
}

/* Appends the edits of t to v in order of (offset, length). */
static void flatten(const struct node *t, const struct az_edit **v, size_t *n)
{
    for (; t; t = t->r) {
        flatten(t->l, v, n);
        v[(*n)++] = t->e;
    }
}

const char *az_fix_file_bytes(struct az_ctx *ctx, const struct az_source *src, size_t *len)
{
    size_t lead = src->bom ? 3 : 0;
    char *buf = az_arena_alloc_uninit(ctx->arena, lead + src->len + 1);
    memcpy(buf, bom_bytes, lead);
    memcpy(buf + lead, src->text, src->len);
    buf[lead + src->len] = '\0';
    *len = lead + src->len;
    return buf;
}

/* The file's bytes with the accepted edits made (in order; none overlaps another). */
static struct az_fix_file *make_file(struct az_ctx *ctx, struct pending *p)
{
    const struct az_edit **v = malloc(p->n * sizeof *v);
    if (!v)
        az_oom();
    size_t nv = 0;
    flatten(p->root, v, &nv);
    const struct az_source *src = p->src;
    size_t len = src->bom ? 3 : 0;
    for (size_t i = 0; i < nv; i++)
        len += strlen(v[i]->text) - v[i]->len;
    len += src->len;
    char *out = az_arena_alloc_uninit(ctx->arena, len + 1), *o = out;
    if (src->bom) {
        memcpy(o, bom_bytes, 3);
        o += 3;
    }
    size_t at = 0;
    for (size_t i = 0; i < nv; i++) {
        const struct az_edit *e = v[i];
        memcpy(o, src->text + at, e->off - at);
        o += e->off - at;
        size_t tl = strlen(e->text);
        memcpy(o, e->text, tl);
        o += tl;
        at = e->off + e->len;
    }
    memcpy(o, src->text + at, src->len - at);
    o += src->len - at;
    *o = '\0';
    free(v);
    struct az_fix_file *f = az_arena_alloc(ctx->arena, sizeof *f);
    f->src = src;
    f->text = out;
    f->len = (size_t)(o - out);
    f->findings = p->findings;
    return f;
}

size_t az_fix_apply(struct az_ctx *ctx, az_fix_want_fn *want, void *arg, struct az_fix_file **out)
{
    az_diag_sort(ctx);
    struct az_strmap by_name = {0};
    struct pending *files = NULL, **tail = &files;
    size_t fixed = 0;
    for (size_t i = 0; i < ctx->diags.n; i++) {
        const struct az_diag *d = ctx->diags.v[i];
        if (!d->fix || d->fix_dropped || d->diag == AZ_D_NONE || !az_fix_id_fixable(d->diag) ||
            az_diag_hidden(ctx, d))
            continue;
        const struct az_source *src = d->fix->src;
        if (!src || src->parent || (want && !want(arg, src)))
            continue;
        void **slot = az_strmap_slot(&by_name, src->name);
        struct pending *p = *slot;
        if (!p) {
            p = az_arena_alloc(ctx->arena, sizeof *p);
            p->src = src;
            p->seed = 2463534242u;
            *slot = p;
            *tail = p;
            tail = &p->next;
        }
        if (p->src == src && take_fix(ctx, d, p)) {
            p->findings++;
            fixed++;
        }
    }
    az_strmap_free(&by_name);
    struct az_fix_file **otail = out;
    *out = NULL;
    for (struct pending *p = files; p; p = p->next) {
        if (p->n > 0) {
            *otail = make_file(ctx, p);
            otail = &(*otail)->next;
        }
    }
    return fixed;
}

/* ---- writing ---------------------------------------------------------------------------- */

/* Whether the file at path holds exactly expect (read up to one byte more than it). */
static int holds(struct az_ctx *ctx, const char *path, const char *expect, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        az_diag_fatal(ctx, "cannot fix '%s': %s", path, strerror(errno));
        return -1;
    }
    char *buf = malloc(n + 1);
    if (!buf)
        az_oom();
    size_t got = fread(buf, 1, n + 1, f);
    int bad = ferror(f);
    fclose(f);
    int same = !bad && got == n && memcmp(buf, expect, n) == 0;
    free(buf);
    if (bad) {
        az_diag_fatal(ctx, "cannot fix '%s': reading it again failed", path);
        return -1;
    }
    return same;
}

int az_fix_write(struct az_ctx *ctx, const char *path, const char *expect, size_t expect_len,
                 const char *text, size_t len)
{
    /* A symbolic link keeps pointing where it did: the file it names is rewritten. */
    char *real = realpath(path, NULL);
    struct stat st;
    if (!real || stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
        az_diag_fatal(ctx, "cannot fix '%s': %s", path,
                      real ? "it is no longer a regular file" : strerror(errno));
        free(real);
        return -1;
    }
    const char *target = az_arena_strdup(ctx->arena, real);
    free(real);
    int same = holds(ctx, target, expect, expect_len);
    if (same < 0)
        return -1;
    if (!same) {
        az_diag_fatal(ctx,
                      "'%s' changed on disk while it was linted; it was not fixed (run "
                      "'authzc lint --fix' again)",
                      path);
        return -1;
    }
    struct az_output o;
    if (az_output_open(ctx, &o, target, false) != 0)
        return -1;
    (void)!fchmod(o.fd, st.st_mode & 07777); /* the file's own mode, not a new one */
    if (len && fwrite(text, 1, len, o.f) != len) {
        az_output_abort(&o);
        az_diag_fatal(ctx, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    return az_output_commit(ctx, &o);
}
