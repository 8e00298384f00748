/* source.h - an input loaded once into memory, with a line table for carets. */
#ifndef AZ_SOURCE_H
#define AZ_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "authzc/loc.h"

struct az_arena;
struct az_ctx;

struct az_source {
    const char *name; /* as given on the command line; "<stdin>" for "-" */
    const char *text; /* NUL-terminated copy; a leading UTF-8 BOM is dropped */
    size_t len;       /* bytes in text, without the terminating NUL */
    /* The line table: the byte offset of each line's first byte. It is made on first use
     * (az_source_line_start): a file read without a finding never needs it, and at 4 bytes
     * a line it is a fifth of a generated .tf file's size. */
    uint32_t *line_table;
    struct az_arena *arena; /* where the source lives, and its line table once made */
    uint32_t nlines;
    unsigned index; /* load order: diagnostics sort by it first */
    /* A body embedded in another input (a curl -d '...' or a here-document in a script) is
     * a child source: its own text and lines, and where its first byte sits in the parent
     * (nftables' location chain). Places in it are shown, sorted and suppressed at their
     * place in the parent (az_loc_resolve); nothing is copied or rewritten. */
    const struct az_source *parent; /* NULL: a file of its own */
    uint32_t origin_line, origin_col;
    /* The file began with a UTF-8 BOM, dropped from text: `lint --fix` writes it back. */
    bool bom;
};

/* Default cap on one input's size (bytes); az_ctx.max_input overrides it. */
#define AZ_SOURCE_MAX_DEFAULT (64u * 1024u * 1024u)
/* Default cap on one IAM export (import, --live): 256 MiB. An export costs about 1.3 times
 * its size (113 MiB for the 86 MB `jq .`-indented export of 10,000 accounts), so at most
 * about 340 MiB; intents and linted files keep AZ_SOURCE_MAX_DEFAULT. */
#define AZ_SOURCE_MAX_EXPORT (256u * 1024u * 1024u)
/* The largest --max-input-size. */
#define AZ_SOURCE_MAX_LIMIT (1024u * 1024u * 1024u)

/* Loads path ("-" is standard input). On failure reports an I/O error (exit 2) and
 * returns NULL. */
struct az_source *az_source_load(struct az_ctx *ctx, const char *path);
/* Reads the file open at fd (path names it; fd stays open): size is its size when it is a
 * regular file (its fstat), read straight into the arena; -1 (or 0) reads in steps up to the
 * input limit, as for a pipe. On failure reports an I/O error (exit 2) and returns NULL. */
struct az_source *az_source_load_fd(struct az_ctx *ctx, const char *path, int fd, int64_t size);
/* A file's bytes as az_source_read_fd read them. */
struct az_source_bytes {
    char *text; /* NUL-terminated, in the arena given; NULL on failure */
    size_t len;
    uint32_t nlines; /* its lines (a BOM holds no '\n') */
    int err; /* 0; an errno value (cannot read); AZ_SOURCE_TOO_BIG; AZ_SOURCE_NO_MEMORY */
    uint64_t size; /* AZ_SOURCE_TOO_BIG: the file's size; 0 for a stream (not known) */
};
enum { AZ_SOURCE_TOO_BIG = -1, AZ_SOURCE_NO_MEMORY = -2 };
/* Reads the file open at fd as az_source_load_fd does, into the arena a, reporting nothing
 * (lint's read-ahead thread reads with it into an arena of its own): max is the input
 * limit. */
void az_source_read_fd(struct az_arena *a, int fd, int64_t size, size_t max,
                       struct az_source_bytes *out);
/* Reads the regular file open at fd, of a size not known, with one pread(2) into the room at
 * the head of a (a read shorter than asked is its end: see lint.c's walk for the file
 * systems where it is used). Returns false, having taken nothing from a, when the file is
 * empty, does not fit, is larger than max or cannot be read: the caller then reads it the
 * usual way (fstat, az_source_read_fd), from the start. */
bool az_source_read_whole(struct az_arena *a, int fd, size_t max, struct az_source_bytes *out);
/* The source of b, read from path (named name: "<stdin>" for "-"); b->text is kept, not
 * copied, and must live as long as the source. When b says the read failed, reports it
 * (an I/O error, exit 2) and returns NULL. */
struct az_source *az_source_of_bytes(struct az_ctx *ctx, const char *path, const char *name,
                                     const struct az_source_bytes *b);
/* Wraps bytes already in memory (copied into the arena). */
struct az_source *az_source_from_buffer(struct az_ctx *ctx, const char *name, const char *data,
                                        size_t len);
/* The child source of parent's bytes [off, off + len): the same name, its own line table. */
struct az_source *az_source_child(struct az_ctx *ctx, const struct az_source *parent, size_t off,
                                  size_t len);
/* The same with the text copied into text_arena (NUL-terminated, for a scanner). Once the
 * child is read, its text may be pointed at the parent's bytes, which are the same
 * (src->text = parent->text + off), and text_arena freed: nothing reads past len then. */
struct az_source *az_source_child_in(struct az_ctx *ctx, const struct az_source *parent,
                                     size_t off, size_t len, struct az_arena *text_arena);
/* The place loc is in the outermost source: a place in a child source moves to its line and
 * column in the parent (and on up the chain); any other place is returned as it is. */
struct az_loc az_loc_resolve(struct az_loc loc);
/* Text of line (1-based) without its line end ("\n" or "\r\n"); NULL if out of range. */
const char *az_source_line(const struct az_source *src, uint32_t line, size_t *len);
/* Makes src's line table (az_source_line_start does when it is missing). */
void az_source_make_lines(const struct az_source *src);
/* The byte offset of line's first byte (1 <= line <= src->nlines). */
static inline uint32_t az_source_line_start(const struct az_source *src, uint32_t line)
{
    if (!src->line_table)
        az_source_make_lines(src);
    return src->line_table[line - 1];
}
/* 1-based line and byte column of a byte offset. */
void az_source_position(const struct az_source *src, size_t off, uint32_t *line, uint32_t *col);

#endif
