/* source.c - inputs are read once into the arena and kept for carets (jq's locfile). */
#include "authzc/source.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/swar.h"

/* The line table is made sixteen bytes at a time with SSE2 (every x86-64 has it), else
 * eight at a time: a lint run over a repository reads hundreds of thousands of short
 * lines, and a memchr call per line cost more than the scanning. */
#if defined(__SSE2__) && defined(__GNUC__)
enum { NL_STEP = 16 };
/* A bit per byte of text[0..16), set where the byte is '\n'; bit k is byte k. */
static uint64_t nl_bits(const char *text)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)text);
    return (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
}
static unsigned nl_first(uint64_t bits)
{
    return (unsigned)__builtin_ctzll(bits);
}
#else
enum { NL_STEP = 8 };
/* The high bit of each byte of text[0..8) that is '\n' (az_swar_first finds the first). */
static uint64_t nl_bits(const char *text)
{
    return az_swar_zero_bytes(az_swar_load8(text) ^ (AZ_SWAR_ONES * '\n'));
}
static unsigned nl_first(uint64_t bits)
{
    return az_swar_first(bits);
}
#endif

/* The number of '\n' in text[0..len). With SSE2, sixteen byte counters (each compare
 * gives -1 where the byte is '\n'), summed every 255 steps before one can overflow: no
 * loop over the bits, which cost as much as the read on lint's read-ahead thread. */
static uint32_t count_newlines(const char *text, size_t len)
{
    uint32_t n = 0;
    size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
    const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    while (i + 16 <= len) {
        size_t steps = (len - i) / 16;
        if (steps > 255)
            steps = 255;
        __m128i counts = zero;
        for (size_t end = i + 16 * steps; i < end; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
            counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, nl));
        }
        __m128i sums = _mm_sad_epu8(counts, zero); /* two 16-bit sums, in bits 0 and 64 */
        n += (uint32_t)_mm_cvtsi128_si32(sums) + (uint32_t)_mm_extract_epi16(sums, 4);
    }
#else
    for (; i + NL_STEP <= len; i += NL_STEP)
        for (uint64_t m = nl_bits(text + i); m; m &= m - 1)
            n++;
#endif
    for (; i < len; i++)
        n += text[i] == '\n';
    return n;
}

/* Writes the offset after each '\n' of text[0..len) to out, in order. */
static void note_line_starts(const char *text, size_t len, uint32_t *out)
{
    size_t i = 0;
    for (; i + NL_STEP <= len; i += NL_STEP)
        for (uint64_t m = nl_bits(text + i); m; m &= m - 1)
            *out++ = (uint32_t)(i + nl_first(m) + 1);
    for (; i < len; i++)
        if (text[i] == '\n')
            *out++ = (uint32_t)(i + 1);
}

/* Makes a source of text[0..len), which is already in the arena with a NUL at text[len]
 * (a leading UTF-8 BOM is dropped when bom is true), of nlines lines (0: count them). */
static struct az_source *source_lines(struct az_ctx *ctx, const char *name, const char *text,
                                      size_t len, bool bom, uint32_t nlines)
{
    struct az_source *src = az_arena_alloc(ctx->arena, sizeof *src);
    if (bom && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* UTF-8 BOM */
        text += 3;
        len -= 3;
        src->bom = true;
    }
    src->name = az_arena_strdup(ctx->arena, name);
    src->text = text;
    src->len = len;

    /* The lines are counted now; where each starts is noted when first asked
     * (az_source_make_lines). */
    src->arena = ctx->arena;
    src->nlines = nlines ? nlines : 1 + count_newlines(src->text, len); /* (a BOM has none) */
    src->index = ctx->nsources++;
    return src;
}

static struct az_source *source_in_arena(struct az_ctx *ctx, const char *name, const char *text,
                                         size_t len, bool bom)
{
    return source_lines(ctx, name, text, len, bom, 0);
}

struct az_source *az_source_from_buffer(struct az_ctx *ctx, const char *name, const char *data,
                                        size_t len)
{
    return source_in_arena(ctx, name, az_arena_strndup(ctx->arena, data, len), len, true);
}

struct az_source *az_source_child(struct az_ctx *ctx, const struct az_source *parent, size_t off,
                                  size_t len)
{
    return az_source_child_in(ctx, parent, off, len, ctx->arena);
}

struct az_source *az_source_child_in(struct az_ctx *ctx, const struct az_source *parent,
                                     size_t off, size_t len, struct az_arena *text_arena)
{
    struct az_source *src = source_in_arena(
        ctx, parent->name, az_arena_strndup(text_arena, parent->text + off, len), len, false);
    src->parent = parent;
    az_source_position(parent, off, &src->origin_line, &src->origin_col);
    return src;
}

struct az_loc az_loc_resolve(struct az_loc loc)
{
    while (loc.src && loc.src->parent) {
        const struct az_source *s = loc.src;
        if (loc.line <= 1)
            loc.col += s->origin_col - 1;
        loc.line += s->origin_line - 1;
        loc.src = s->parent;
    }
    return loc;
}

/* read(2) until the buffer is full or the end: bytes read, or -1 with errno set. */
static ssize_t read_full(int fd, char *buf, size_t cap)
{
    size_t got = 0;
    while (got < cap) {
        ssize_t r = read(fd, buf + got, cap - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* size: the file's, 0 when not known (a stream): the message says what to pass. */
static void too_big(struct az_ctx *ctx, const char *path, uintmax_t size)
{
    if (size > AZ_SOURCE_MAX_LIMIT || size >= UINT32_MAX)
        az_diag_fatal(ctx, "'%s' is larger than the largest input authzc reads (%u bytes)", path,
                      AZ_SOURCE_MAX_LIMIT);
    else if (size)
        az_diag_fatal(ctx,
                      "'%s' is %ju bytes, larger than the input limit of %zu bytes; to read it, "
                      "pass --max-input-size %ju",
                      path, size, ctx->max_input, size);
    else
        az_diag_fatal(ctx,
                      "'%s' is larger than the input limit of %zu bytes; to read it, pass a "
                      "larger --max-input-size (at most %u)",
                      path, ctx->max_input, AZ_SOURCE_MAX_LIMIT);
}

/* A regular file of known size is read straight into the arena: no buffer to grow,
 * nothing copied, one read(2) for most files. What it holds is the file as of its fstat:
 * if it shrinks while read, the bytes that were there; if it grows, the first size bytes. */
static void read_regular(struct az_arena *a, int fd, size_t size, struct az_source_bytes *out)
{
    char *buf = az_arena_alloc_uninit(a, size + 1);
    ssize_t got = read_full(fd, buf, size);
    if (got < 0) {
        out->err = errno;
        return;
    }
    buf[got] = '\0';
    out->text = buf;
    out->len = (size_t)got;
}

/* Anything else (standard input, a pipe, a device): read in growing steps up to the input
 * limit, then copied into the arena. */
static void read_stream(struct az_arena *a, int fd, size_t max, struct az_source_bytes *out)
{
    size_t cap = 64 * 1024, len = 0;
    char *buf = malloc(cap);
    int big = 0;
    ssize_t got = 0;
    while (buf) {
        if (len == cap) {
            if (cap > max) {
                big = 1;
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        got = read_full(fd, buf + len, cap - len);
        if (got <= 0)
            break;
        len += (size_t)got;
    }
    int saved = errno;
    if (!buf)
        out->err = AZ_SOURCE_NO_MEMORY;
    else if (got < 0)
        out->err = saved;
    else if (big || len > max || len >= UINT32_MAX)
        out->err = AZ_SOURCE_TOO_BIG;
    else {
        out->text = az_arena_strndup(a, buf, len);
        out->len = len;
    }
    free(buf);
}

void az_source_read_fd(struct az_arena *a, int fd, int64_t size, size_t max,
                       struct az_source_bytes *out)
{
    *out = (struct az_source_bytes){0};
    /* (A file of /proc says its size is 0 yet has bytes: it takes the stepwise path.) */
    if (size <= 0)
        read_stream(a, fd, max, out);
    else if ((uintmax_t)size > max || (uintmax_t)size >= UINT32_MAX) {
        out->err = AZ_SOURCE_TOO_BIG;
        out->size = (uint64_t)size;
    }
    else
        read_regular(a, fd, (size_t)size, out);
    if (out->text) /* counted here: on lint's read-ahead thread, not the one that parses */
        out->nlines = 1 + count_newlines(out->text, out->len);
}

bool az_source_read_whole(struct az_arena *a, int fd, size_t max, struct az_source_bytes *out)
{
    size_t avail;
    char *buf = az_arena_room(a, 64 * 1024, &avail);
    size_t cap = avail - 1; /* and a NUL */
    if (cap > max)
        cap = max + 1; /* a file that fills it is too large */
    ssize_t got = pread(fd, buf, cap, 0);
    if (got <= 0 || (size_t)got == cap)
        return false;
    az_arena_alloc_uninit(a, (size_t)got + 1); /* == buf */
    buf[got] = '\0';
    *out = (struct az_source_bytes){.text = buf, .len = (size_t)got};
    out->nlines = 1 + count_newlines(buf, (size_t)got);
    return true;
}

struct az_source *az_source_of_bytes(struct az_ctx *ctx, const char *path, const char *name,
                                     const struct az_source_bytes *b)
{
    if (b->err == AZ_SOURCE_TOO_BIG)
        too_big(ctx, path, b->size);
    else if (b->err == AZ_SOURCE_NO_MEMORY)
        az_diag_fatal(ctx, "cannot read '%s': out of memory", path);
    else if (b->err)
        az_diag_fatal(ctx, "cannot read '%s': %s", path, strerror(b->err));
    else
        return source_lines(ctx, name, b->text, b->len, true, b->nlines);
    return NULL;
}

struct az_source *az_source_load_fd(struct az_ctx *ctx, const char *path, int fd, int64_t size)
{
    struct az_source_bytes b;
    az_source_read_fd(ctx->arena, fd, size, ctx->max_input, &b);
    return az_source_of_bytes(ctx, path, path, &b);
}

struct az_source *az_source_load(struct az_ctx *ctx, const char *path)
{
    if (strcmp(path, "-") == 0) {
        struct az_source_bytes b;
        az_source_read_fd(ctx->arena, STDIN_FILENO, -1, ctx->max_input, &b);
        return az_source_of_bytes(ctx, path, "<stdin>", &b);
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        az_diag_fatal(ctx, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    struct stat sb;
    int64_t size = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? (int64_t)sb.st_size : -1;
    struct az_source *src = az_source_load_fd(ctx, path, fd, size);
    close(fd);
    return src;
}

void az_source_make_lines(const struct az_source *src)
{
    /* A cache of what text says: the source itself is not changed (it is in its arena, not
     * in read-only memory, so writing through the cast is allowed). */
    struct az_source *s = (struct az_source *)src;
    if (s->line_table)
        return;
    uint32_t *t = az_arena_alloc_uninit(s->arena, sizeof(uint32_t) * s->nlines);
    t[0] = 0;
    /* as many as source_in_arena counted: the text does not change */
    note_line_starts(s->text, s->len, t + 1);
    s->line_table = t;
}

const char *az_source_line(const struct az_source *src, uint32_t line, size_t *len)
{
    if (!src || line == 0 || line > src->nlines)
        return NULL;
    size_t start = az_source_line_start(src, line);
    size_t end = line < src->nlines ? az_source_line_start(src, line + 1) - 1 : src->len;
    if (end > start && src->text[end - 1] == '\r')
        end--;
    *len = end - start;
    return src->text + start;
}

void az_source_position(const struct az_source *src, size_t off, uint32_t *line, uint32_t *col)
{
    if (!src->line_table)
        az_source_make_lines(src);
    const uint32_t *line_start = src->line_table;
    uint32_t lo = 0, hi = src->nlines; /* last line_start <= off */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo + 1;
    *col = (uint32_t)(off - line_start[lo]) + 1;
}
