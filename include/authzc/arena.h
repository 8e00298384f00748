/* arena.h - one bump allocator per run: AST nodes, strings, diagnostics, the plan.
 * Everything allocated here is freed at once by az_arena_free(). */
#ifndef AZ_ARENA_H
#define AZ_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct az_arena;

/* Out of memory anywhere (arena or malloc): "authzc: error: out of memory" and abort. */
_Noreturn void az_oom(void);

struct az_arena *az_arena_new(void);
void az_arena_free(struct az_arena *a);

/* Zero-filled, aligned for any type. Aborts the process only on out-of-memory. */
void *az_arena_alloc(struct az_arena *a, size_t size);
/* The same without the zero fill, for bytes the caller writes at once (string copies, file
 * contents). */
void *az_arena_alloc_uninit(struct az_arena *a, size_t size);
/* Copy of s[0..n) with a terminating NUL. */
char *az_arena_strndup(struct az_arena *a, const char *s, size_t n);
char *az_arena_strdup(struct az_arena *a, const char *s);
char *az_arena_printf(struct az_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *az_arena_vprintf(struct az_arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* The strings given, up to a NULL, one after the other: a cheap join for hash keys and
 * paths (printf costs thousands of instructions a call). */
char *az_arena_concat(struct az_arena *a, ...);
/* A position in an arena, and going back to it: everything allocated after the mark is
 * released at once (chunks begun since are freed; the mark's chunk is reused without new
 * page faults). For scratch arenas that read one element of a large file at a time. */
struct az_arena_mark {
    void *chunk;
    size_t used, total;
};
struct az_arena_mark az_arena_mark(const struct az_arena *a);
void az_arena_rewind(struct az_arena *a, struct az_arena_mark m);
/* Total bytes handed out (for benchmarks and limits). */
size_t az_arena_used(const struct az_arena *a);

#endif
