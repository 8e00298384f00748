/* outbuf.h - buffered output for the emitters: bytes are copied into one 64 KiB buffer and
 * leave it with one fwrite (or write) per 64 KiB, instead of one stdio call per small piece.
 *
 * The emitters write tens of megabytes in pieces of a few bytes ("  ", a key, a quote); a
 * stdio call costs ~50 instructions whatever its size, a memcpy of a few bytes ~10. The
 * writers that run per piece are inline here; everything else is in outbuf.c.
 *
 * Errors are sticky: the first failed flush records its errno, later writes are dropped, and
 * az_outbuf_flush() keeps returning -1 with errno set to that first error. Writing to a FILE
 * also leaves the FILE's error flag set (ferror), so code that checks the FILE, such as
 * az_output_commit(), sees the failure too. */
#ifndef AZ_OUTBUF_H
#define AZ_OUTBUF_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define AZ_OUTBUF_SIZE (64u * 1024u)

struct az_outbuf {
    char *pos; /* the next free byte of buf */
    char *end; /* buf + AZ_OUTBUF_SIZE */
    FILE *f;   /* where a flush goes, or NULL for fd */
    int fd;    /* where a flush goes when f is NULL */
    int error; /* errno of the first failed flush; 0 while all is well */
    char buf[AZ_OUTBUF_SIZE];
};

/* Start writing to a stream (flushes fwrite to it) or to a file descriptor (write(2)). */
void az_outbuf_init_file(struct az_outbuf *b, FILE *f);
void az_outbuf_init_fd(struct az_outbuf *b, int fd);

/* Hands what is buffered to the FILE or the descriptor (the FILE is not fflushed). Returns 0,
 * or -1 with errno set to the first error this buffer met. */
int az_outbuf_flush(struct az_outbuf *b);

/* Formatted output, for the few pieces that need it (counts, say); not for every byte. */
void az_outbuf_printf(struct az_outbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The slow half of az_outbuf_write: what does not fit, copied around flushes. */
void az_outbuf_write_slow(struct az_outbuf *b, const void *p, size_t n);

static inline void az_outbuf_write(struct az_outbuf *b, const void *p, size_t n)
{
    if ((size_t)(b->end - b->pos) >= n) {
        memcpy(b->pos, p, n);
        b->pos += n;
    } else {
        az_outbuf_write_slow(b, p, n);
    }
}

static inline void az_outbuf_putc(struct az_outbuf *b, char c)
{
    if (b->pos == b->end)
        az_outbuf_flush(b);
    *b->pos++ = c;
}

static inline void az_outbuf_puts(struct az_outbuf *b, const char *s)
{
    az_outbuf_write(b, s, strlen(s));
}

/* A string literal: its length is known at compile time. */
#define AZ_OUTBUF_LIT(b, lit) az_outbuf_write((b), "" lit, sizeof(lit) - 1)

#endif
