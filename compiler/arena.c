/* arena.c - a bump allocator in growing chunks; one per run, freed at once.
 *
 * Chunks of 4 MiB and more (a large input's text, the later chunks of a big run) are mapped
 * on their own, 2 MiB-aligned and marked for transparent huge pages on Linux: the kernel
 * then faults them in 2 MiB at a time instead of 4 KiB, which on virtual machines was a
 * third of the time of reading a 50 MiB export (14,000 page faults at several microseconds
 * each). Where huge pages are off or unknown, the mapping is an ordinary one.
 *
 * Every chunk is also prefaulted ahead of the allocations, PREFAULT_STEP bytes at a time
 * (madvise MADV_POPULATE_WRITE, Linux 5.14): one system call instead of a page fault per
 * 4 KiB page. On the virtual machines CI runs on a page fault costs ~10 us, and faulting in
 * the arenas was a fifth of linting a folder of 6,000 small JSON files. The memory resident
 * beyond what is allocated is at most one step per arena. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* MAP_ANONYMOUS, MADV_HUGEPAGE, MADV_POPULATE_WRITE */
#endif
#include "authzc/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

struct chunk {
    struct chunk *prev;
    size_t size, used;
    size_t mapped;      /* bytes mapped with mmap (0: from malloc) */
    size_t ready;       /* data[0..ready) is prefaulted (all of it when that is not done) */
    max_align_t data[]; /* aligned for any type */
};

/* bump must come first: arena.h's inline allocation reads it through the arena pointer.
 * The head chunk's used bytes are bump.cur - its data (its used field is not kept up to
 * date); base is the bytes handed out before it, in the chunks below. */
struct az_arena {
    struct az_arena_bump bump;
    struct chunk *head;
    size_t base;
    struct chunk *spare; /* one chunk az_arena_release gave back, reused before malloc */
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

enum { BIG_CHUNK = 4 * 1024 * 1024, HUGE_PAGE = 2 * 1024 * 1024 };

/* A chunk with room for want bytes: mapped on its own when big (see the top), else malloc. */
static struct chunk *chunk_new(size_t want)
{
    struct chunk *c = NULL;
#if defined(__linux__) && defined(MAP_ANONYMOUS)
    if (want >= BIG_CHUNK && want < SIZE_MAX / 2) {
        size_t len = (sizeof(struct chunk) + want + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
        char *p =
            mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) { /* keep the 2 MiB-aligned len bytes, unmap the rest */
            char *start = (char *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
            if (start > p)
                munmap(p, (size_t)(start - p));
            if (start + len < p + len + HUGE_PAGE)
                munmap(start + len, (size_t)(p + len + HUGE_PAGE - (start + len)));
#ifdef MADV_HUGEPAGE
            madvise(start, len, MADV_HUGEPAGE); /* advice: ignored where unsupported */
#endif
            c = (struct chunk *)(void *)start;
            c->mapped = len;
            want = len - sizeof(struct chunk);
        }
    }
#endif
    if (!c) {
        c = malloc(sizeof(struct chunk) + want);
        if (!c)
            az_oom();
        c->mapped = 0;
    }
    c->size = want;
    c->used = 0;
    c->ready = 0;
    return c;
}

static void chunk_free(struct chunk *c)
{
    if (!c)
        return;
#if defined(__linux__) && defined(MAP_ANONYMOUS)
    if (c->mapped) {
        munmap(c, c->mapped);
        return;
    }
#endif
    free(c);
}

void az_arena_free(struct az_arena *a)
{
    if (!a)
        return;
    for (struct chunk *c = a->head, *prev; c; c = prev) {
        prev = c->prev;
        chunk_free(c);
    }
    chunk_free(a->spare);
    free(a);
}

static size_t head_used(const struct az_arena *a)
{
    return a->head ? (size_t)(a->bump.cur - (char *)a->head->data) : 0;
}

enum { PREFAULT_STEP = 512 * 1024, PAGE_SIZE_MIN = 4096 };

/* Prefaults c's data up to at least upto bytes (and a step ahead, within the chunk). Where
 * the kernel cannot (before Linux 5.14, or elsewhere), the chunk counts as ready: its pages
 * are then faulted in one by one as they are first written, as usual. */
static void prefault(struct chunk *c, size_t upto)
{
    if (upto <= c->ready && c->ready != 0)
        return;
    size_t want = c->ready + PREFAULT_STEP;
    if (want < upto)
        want = upto;
    if (want > c->size)
        want = c->size;
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    /* from the page holding data[ready] (it is the chunk's: the header is on it, or bytes
     * already prefaulted) to the one holding data[want - 1] */
    uintptr_t lo = ((uintptr_t)c->data + c->ready) & ~(uintptr_t)(PAGE_SIZE_MIN - 1);
    uintptr_t hi = (uintptr_t)c->data + want;
    if (hi > lo && madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE) != 0)
        want = c->size;
#else
    want = c->size;
#endif
    c->ready = want;
}

/* Makes c the head chunk with used bytes taken; the bump ends where c is prefaulted, so
 * that az_arena_grow is called to prefault the next step. */
static void set_head(struct az_arena *a, struct chunk *c, size_t used)
{
    a->head = c;
    if (c)
        prefault(c, used);
    a->bump.cur = c ? (char *)c->data + used : NULL;
    a->bump.end = c ? (char *)c->data + c->ready : NULL;
}

void *az_arena_grow(struct az_arena *a, size_t size)
{
    if (size > SIZE_MAX - ALIGN - sizeof(struct chunk))
        az_oom();
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (size == 0)
        size = ALIGN;
    struct chunk *c = a->head;
    if (c && c->ready < c->size && c->size - head_used(a) >= size) {
        prefault(c, head_used(a) + size); /* the next step of the head chunk */
        a->bump.end = (char *)c->data + c->ready;
    }
    if (c && (size_t)(a->bump.end - a->bump.cur) >= size) { /* size 0 rounded up: it fits */
        void *p = a->bump.cur;
        a->bump.cur += size;
        return p;
    }
    size_t want = c ? c->size * 2 : MIN_CHUNK;
    if (want > 16u * 1024 * 1024)
        want = 16u * 1024 * 1024;
    if (want < size)
        want = size;
    if (a->spare && a->spare->size >= size) {
        c = a->spare;
        a->spare = NULL;
    } else {
        c = chunk_new(want);
    }
    if (a->head) {
        a->head->used = head_used(a);
        a->base += a->head->used;
    }
    c->prev = a->head;
    set_head(a, c, size);
    return c->data;
}

void *az_arena_room(struct az_arena *a, size_t min, size_t *avail)
{
    char *p = az_arena_alloc_uninit(a, min); /* made room (and prefaulted it) ... */
    a->bump.cur = p;                          /* ... and gave it back */
    *avail = (size_t)(a->bump.end - p) & ~(size_t)(ALIGN - 1);
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
    size_t used = head_used(a);
    struct az_arena_mark m = {a->head, used, a->base + used};
    return m;
}

void az_arena_release(struct az_arena *a, struct az_arena_mark m)
{
    while (a->head != m.chunk) {
        struct chunk *c = a->head;
        a->head = c->prev;
        if (!a->spare || a->spare->size < c->size) { /* keep the largest for reuse */
            chunk_free(a->spare);
            a->spare = c;
        } else {
            chunk_free(c);
        }
    }
    set_head(a, a->head, m.used);
    a->base = m.total - m.used;
}

size_t az_arena_used(const struct az_arena *a)
{
    return a->base + head_used(a);
}
