/* lint_units.c - deployment units of a lint run (lint_units.h): folders, with the local
 * Terraform modules they call. Paths are compared lexically (envs/dev/../dev is envs/dev);
 * nothing is read from the disk. */
#include "authzc/lint_units.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/source.h"
#include "authzc/strmap.h"

/* Module calls nested deeper than this are not followed (a cycle is cut the same way). */
#define MAX_CALL_DEPTH 32

struct folder {
    const char *name;
    struct folder **callers;
    size_t ncallers, cap;
    const char **roots; /* the units: the root folders that reach this one */
    size_t nroots;
    bool done, visiting;
};

struct az_lunits {
    struct az_ctx *ctx;
    struct az_strmap folders; /* name -> struct folder */
    struct az_strmap files;   /* file key -> struct folder */
    /* The units' temporaries (paths being normalized, the file keys): freed with them, and
     * rewound after each file's lookup, so that a run over many files does not keep them. */
    struct az_arena *tmp;
    size_t nunits;
};

/* path without "." components and with "x/.." removed; "." when nothing is left. */
static const char *normalize(struct az_arena *a, const char *path)
{
    size_t n = strlen(path);
    const char **part = az_arena_alloc(a, (n / 2 + 1) * sizeof *part);
    size_t *len = az_arena_alloc(a, (n / 2 + 1) * sizeof *len);
    size_t k = 0, total = 2;
    bool absolute = path[0] == '/';
    for (const char *s = path; *s;) {
        size_t l = strcspn(s, "/");
        bool dot = l == 1 && s[0] == '.', up = l == 2 && s[0] == '.' && s[1] == '.';
        if (up && k > 0 && !(len[k - 1] == 2 && memcmp(part[k - 1], "..", 2) == 0))
            k--;
        else if (l > 0 && !dot && !(up && absolute)) {
            part[k] = s;
            len[k++] = l;
        }
        s += l;
        if (*s == '/')
            s++;
    }
    for (size_t i = 0; i < k; i++)
        total += len[i] + 1;
    char *out = az_arena_alloc(a, total);
    size_t o = 0;
    if (absolute)
        out[o++] = '/';
    for (size_t i = 0; i < k; i++) {
        if (i > 0)
            out[o++] = '/';
        memcpy(out + o, part[i], len[i]);
        o += len[i];
    }
    if (o == 0)
        out[o++] = '.';
    out[o] = '\0';
    return out;
}

static const char *dir_of(struct az_arena *a, const char *name)
{
    const char *slash = strrchr(name, '/');
    if (!slash)
        return ".";
    if (slash == name)
        return "/";
    return normalize(a, az_arena_strndup(a, name, (size_t)(slash - name)));
}

/* The key of f in u->files: its address in hexadecimal, written into buf (no printf: it is
 * looked up for every policy). */
static const char *file_key(char buf[static 2 * sizeof(uintptr_t) + 1], const struct az_lfile *f)
{
    uintptr_t v = (uintptr_t)(const void *)f;
    char *o = buf + 2 * sizeof v;
    *o = '\0';
    do {
        *--o = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    return o;
}

/* The last file's folder (folder_of_file): the file's name, the length of its folder's
 * part, and the folder. */
struct last {
    const char *name;
    size_t len;
    struct folder *folder;
};

/* The folder named name (a temporary: a new folder keeps a copy in the run's arena). */
static struct folder *folder(struct az_lunits *u, const char *name)
{
    struct folder *f = az_strmap_get(&u->folders, name);
    if (!f) {
        f = az_arena_alloc(u->ctx->arena, sizeof *f);
        f->name = az_arena_strdup(u->ctx->arena, name);
        *az_strmap_slot(&u->folders, f->name) = f;
    }
    return f;
}

static void add_caller(struct az_lunits *u, struct folder *callee, struct folder *caller)
{
    if (callee == caller)
        return;
    for (size_t i = 0; i < callee->ncallers; i++)
        if (callee->callers[i] == caller)
            return;
    if (callee->ncallers == callee->cap) {
        size_t cap = callee->cap ? callee->cap * 2 : 4;
        struct folder **v = az_arena_alloc(u->ctx->arena, cap * sizeof *v);
        if (callee->ncallers)
            memcpy(v, callee->callers, callee->ncallers * sizeof *v);
        callee->callers = v;
        callee->cap = cap;
    }
    callee->callers[callee->ncallers++] = caller;
}

/* The roots reaching f, in the order of the callers; a folder nobody calls is its own. */
static void resolve(struct az_lunits *u, struct folder *f, unsigned depth)
{
    if (f->done)
        return;
    if (f->ncallers == 0 || f->visiting || depth > MAX_CALL_DEPTH) {
        f->roots = az_arena_alloc(u->ctx->arena, sizeof *f->roots);
        f->roots[0] = f->name;
        f->nroots = 1;
        f->done = !f->visiting;
        return;
    }
    f->visiting = true;
    size_t cap = 0;
    for (size_t i = 0; i < f->ncallers; i++) {
        resolve(u, f->callers[i], depth + 1);
        cap += f->callers[i]->nroots;
    }
    const char **roots = az_arena_alloc(u->ctx->arena, cap * sizeof *roots);
    size_t n = 0;
    for (size_t i = 0; i < f->ncallers; i++)
        for (size_t k = 0; k < f->callers[i]->nroots; k++) {
            const char *r = f->callers[i]->roots[k];
            bool seen = false;
            for (size_t j = 0; j < n && !seen; j++)
                seen = strcmp(roots[j], r) == 0;
            if (!seen)
                roots[n++] = r;
        }
    f->roots = roots;
    f->nroots = n;
    f->visiting = false;
    f->done = true;
}

/* The folder of the file named name; *last is the one found before (files come folder by
 * folder: the next file is most often in the same one, and nothing is looked up then). */
static struct folder *folder_of_file(struct az_lunits *u, const char *name, struct last *last)
{
    const char *slash = strrchr(name, '/');
    size_t n = slash ? (size_t)(slash - name) + 1 : 0; /* the folder's part, through the '/' */
    if (last->folder && n == last->len && memcmp(name, last->name, n) == 0)
        return last->folder;
    struct az_arena_mark m = az_arena_mark(u->tmp);
    struct folder *h = folder(u, dir_of(u->tmp, name));
    az_arena_release(u->tmp, m);
    *last = (struct last){name, n, h};
    return h;
}

/* The folder a file's policies belong to: its own, or the one of the script passing it. */
static struct folder *home(struct az_lunits *u, const struct az_lfile *f, struct last *last)
{
    unsigned hops = 0;
    while (f->referrer && hops++ < MAX_CALL_DEPTH)
        f = f->referrer;
    return folder_of_file(u, f->src->name, last);
}

struct az_lunits *az_lint_units_build(struct az_ctx *ctx, const struct az_lfile *files)
{
    struct az_lunits *u = az_arena_alloc(ctx->arena, sizeof *u);
    u->ctx = ctx;
    u->tmp = az_arena_new();
    char buf[2 * sizeof(uintptr_t) + 1];
    struct last last = {0};
    for (const struct az_lfile *f = files; f; f = f->next) {
        struct folder *h = home(u, f, &last);
        *az_strmap_slot(&u->files, az_arena_strdup(u->tmp, file_key(buf, f))) = h;
        const char *dir = f->calls ? dir_of(ctx->arena, f->src->name) : NULL;
        for (const struct az_lref *c = f->calls; c; c = c->next) {
            const char *callee =
                c->path[0] == '/'
                    ? normalize(ctx->arena, c->path)
                    : normalize(ctx->arena, az_arena_concat(ctx->arena, dir, "/", c->path,
                                                            (char *)NULL));
            add_caller(u, folder(u, callee), folder(u, dir));
        }
    }
    struct az_strmap roots = {0};
    for (const struct az_lfile *f = files; f; f = f->next) {
        struct folder *h = az_strmap_get(&u->files, file_key(buf, f));
        resolve(u, h, 0);
        for (size_t i = 0; f->policies && i < h->nroots; i++) {
            void **slot = az_strmap_slot(&roots, h->roots[i]);
            if (!*slot) {
                *slot = h;
                u->nunits++;
            }
        }
    }
    az_strmap_free(&roots);
    return u;
}

const char *const *az_lint_units_of(const struct az_lunits *u, const struct az_lfile *f,
                                    size_t *n)
{
    char buf[2 * sizeof(uintptr_t) + 1];
    const struct folder *h = az_strmap_get(&u->files, file_key(buf, f));
    *n = h->nroots;
    return h->roots;
}

void az_lint_units_free(struct az_lunits *u)
{
    az_strmap_free(&u->folders);
    az_strmap_free(&u->files);
    az_arena_free(u->tmp);
    u->tmp = NULL;
}

size_t az_lint_units_count(const struct az_lunits *u)
{
    return u->nunits;
}
