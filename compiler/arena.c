/* arena.c - a bump allocator in growing chunks; one per run, freed at once. */
#include "authzc/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chunk {
    struct chunk *prev;
    size_t size, used;
    max_align_t data[]; /* aligned for any type */
};

struct az_arena {
    struct chunk *head;
    struct chunk *spare; /* the largest chunk az_arena_rewind released, reused first */
    size_t total;
};

enum { MIN_CHUNK = 64 * 1024, ALIGN = _Alignof(max_align_t) };

/* The one out-of-memory policy of authzc: say so and stop (nothing half-written remains:
 * outputs are written to a temporary file and renamed only at the end). */
void az_oom(void)
{
    fputs("authzc: error: out of memory\n", stderr);
    abort();
}

struct az_arena *az_arena_new(void)
{
    struct az_arena *a = calloc(1, sizeof *a);
    if (!a)
        az_oom();
    return a;
}

void az_arena_free(struct az_arena *a)
{
    if (!a)
        return;
    for (struct chunk *c = a->head, *prev; c; c = prev) {
        prev = c->prev;
        free(c);
    }
    free(a->spare);
    free(a);
}

void *az_arena_alloc_uninit(struct az_arena *a, size_t size)
{
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (size == 0)
        size = ALIGN;
    struct chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t want = c ? c->size * 2 : MIN_CHUNK;
        if (want > 16u * 1024 * 1024)
            want = 16u * 1024 * 1024;
        if (want < size)
            want = size;
        if (want > SIZE_MAX - sizeof(struct chunk))
            az_oom();
        if (a->spare && a->spare->size >= size) { /* its pages are already in memory */
            c = a->spare;
            a->spare = NULL;
        } else {
            c = malloc(sizeof(struct chunk) + want);
            if (!c)
                az_oom();
            c->size = want;
        }
        c->prev = a->head;
        c->used = 0;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    a->total += size;
    return p;
}

void *az_arena_alloc(struct az_arena *a, size_t size)
{
    void *p = az_arena_alloc_uninit(a, size);
    memset(p, 0, size);
    return p;
}

char *az_arena_strndup(struct az_arena *a, const char *s, size_t n)
{
    char *p = az_arena_alloc_uninit(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *az_arena_strdup(struct az_arena *a, const char *s)
{
    return az_arena_strndup(a, s, strlen(s));
}

char *az_arena_vprintf(struct az_arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *p = az_arena_alloc_uninit(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *az_arena_printf(struct az_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = az_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

char *az_arena_concat(struct az_arena *a, ...)
{
    va_list ap;
    size_t len = 0;
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
        len += strlen(s);
    va_end(ap);
    char *out = az_arena_alloc_uninit(a, len + 1), *o = out;
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;) {
        size_t n = strlen(s);
        memcpy(o, s, n);
        o += n;
    }
    va_end(ap);
    *o = '\0';
    return out;
}

struct az_arena_mark az_arena_mark(const struct az_arena *a)
{
    return (struct az_arena_mark){a->head, a->head ? a->head->used : 0, a->total};
}

void az_arena_rewind(struct az_arena *a, struct az_arena_mark m)
{
    while (a->head && a->head != m.chunk) {
        struct chunk *c = a->head;
        a->head = c->prev;
        if (a->spare && a->spare->size >= c->size) {
            free(c);
        } else {
            free(a->spare);
            a->spare = c;
        }
    }
    if (a->head)
        a->head->used = m.used;
    a->total = m.total;
}

size_t az_arena_used(const struct az_arena *a)
{
    return a->total;
}
