/* arena.h - one bump allocator per run: AST nodes, strings, diagnostics, the plan.
 * Everything allocated here is freed at once by az_arena_free(). */
#ifndef AZ_ARENA_H
#define AZ_ARENA_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct az_arena;

/* The free space of an arena's newest chunk. It is the first member of struct az_arena
 * (arena.c), so that the allocations below bump a pointer inline: they are the hottest
 * calls of a large lint (millions of small nodes and strings); only a full chunk calls
 * az_arena_grow. */
struct az_arena_bump {
    char *cur, *end;
};
enum { AZ_ARENA_ALIGN = _Alignof(max_align_t) };
/* The slow path: a new chunk with room for size bytes (size rounded up already). */
void *az_arena_grow(struct az_arena *a, size_t size);

/* Out of memory anywhere (arena or malloc): "authzc: error: out of memory" and abort. */
_Noreturn void az_oom(void);

struct az_arena *az_arena_new(void);
void az_arena_free(struct az_arena *a);

/* Aligned for any type, not zero-filled: for bytes the caller writes at once (string
 * copies, file contents). Aborts the process only on out-of-memory. */
static inline void *az_arena_alloc_uninit(struct az_arena *a, size_t size)
{
    struct az_arena_bump *b = (struct az_arena_bump *)(void *)a;
    size_t n = (size + AZ_ARENA_ALIGN - 1) & ~(size_t)(AZ_ARENA_ALIGN - 1);
    if (n != 0 && n <= (size_t)(b->end - b->cur)) { /* n == 0: size 0, or it wrapped */
        void *p = b->cur;
        b->cur += n;
        return p;
    }
    return az_arena_grow(a, size);
}

/* The same, zero-filled. */
static inline void *az_arena_alloc(struct az_arena *a, size_t size)
{
    if (size > PTRDIFF_MAX) /* no object is that large (and the compiler knows it) */
        az_oom();
    void *p = az_arena_alloc_uninit(a, size);
    memset(p, 0, size);
    return p;
}

/* Copy of s[0..n) with a terminating NUL. */
/* The free room at the head of a (at least min bytes, aligned for any type), without taking
 * it: *avail is its size, and the next allocation of at most *avail bytes returns it. For a
 * read(2) of unknown length straight into the arena. */
void *az_arena_room(struct az_arena *a, size_t min, size_t *avail);

char *az_arena_strndup(struct az_arena *a, const char *s, size_t n);
char *az_arena_strdup(struct az_arena *a, const char *s);
char *az_arena_printf(struct az_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *az_arena_vprintf(struct az_arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* The strings given, up to a NULL, one after the other: a cheap join for hash keys and
 * paths (printf costs thousands of instructions a call). */
char *az_arena_concat(struct az_arena *a, ...);
/* A point in an arena's allocations: az_arena_release(a, m) frees everything allocated
 * after m was taken (a stack discipline: a front end's tree for one block, say), keeping
 * one chunk for reuse. Pointers into the released part must not be used again. */
struct az_arena_mark {
    const void *chunk;
    size_t used, total;
};
struct az_arena_mark az_arena_mark(const struct az_arena *a);
void az_arena_release(struct az_arena *a, struct az_arena_mark m);
/* Total bytes handed out (for benchmarks and limits). */
size_t az_arena_used(const struct az_arena *a);

#endif
