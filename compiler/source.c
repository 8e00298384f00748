/* source.c - inputs are read once into the arena and kept for carets (jq's locfile). */
#include "authzc/source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"

struct az_source *az_source_from_buffer(struct az_ctx *ctx, const char *name, const char *data,
                                        size_t len)
{
    struct az_source *src = az_arena_alloc(ctx->arena, sizeof *src);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) { /* UTF-8 BOM */
        data += 3;
        len -= 3;
    }
    src->name = az_arena_strdup(ctx->arena, name);
    src->text = az_arena_strndup(ctx->arena, data, len);
    src->len = len;

    /* The line table: count the lines, then note where each starts (memchr: the inputs of a
     * lint run over a repository add up). */
    const char *end = src->text + len;
    uint32_t n = 1;
    for (const char *p = src->text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        n++;
    src->line_start = az_arena_alloc(ctx->arena, sizeof(uint32_t) * n);
    src->line_start[0] = 0;
    uint32_t k = 1;
    for (const char *p = src->text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        src->line_start[k++] = (uint32_t)(p - src->text + 1);
    src->nlines = n;
    src->index = ctx->nsources++;
    return src;
}

struct az_source *az_source_load(struct az_ctx *ctx, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        az_diag_fatal(ctx, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 64 * 1024, len = 0;
    char *buf = malloc(cap);
    int too_big = 0;
    while (buf) {
        if (len == cap) {
            if (cap > ctx->max_input) {
                too_big = 1;
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
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int err = buf && ferror(f);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (!buf) {
        az_diag_fatal(ctx, "cannot read '%s': out of memory", path);
        return NULL;
    }
    if (err) {
        free(buf);
        az_diag_fatal(ctx, "cannot read '%s': %s", path, strerror(saved));
        return NULL;
    }
    if (too_big || len > ctx->max_input || len >= UINT32_MAX) {
        free(buf);
        az_diag_fatal(ctx, "'%s' is larger than the input limit of %zu bytes (--max-input-size)",
                      path, ctx->max_input);
        return NULL;
    }
    struct az_source *src = az_source_from_buffer(ctx, name, buf, len);
    free(buf);
    return src;
}

const char *az_source_line(const struct az_source *src, uint32_t line, size_t *len)
{
    if (!src || line == 0 || line > src->nlines)
        return NULL;
    size_t start = src->line_start[line - 1];
    size_t end = line < src->nlines ? src->line_start[line] - 1 : src->len;
    if (end > start && src->text[end - 1] == '\r')
        end--;
    *len = end - start;
    return src->text + start;
}

void az_source_position(const struct az_source *src, size_t off, uint32_t *line, uint32_t *col)
{
    uint32_t lo = 0, hi = src->nlines; /* last line_start <= off */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (src->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo + 1;
    *col = (uint32_t)(off - src->line_start[lo]) + 1;
}
