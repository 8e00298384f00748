/* outbuf.c - buffered output for the emitters: the flush and the rarely taken paths (see
 * outbuf.h for why the emitters write through one buffer). */
#include "authzc/outbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void init(struct az_outbuf *b, FILE *f, int fd)
{
    b->pos = b->buf;
    b->end = b->buf + AZ_OUTBUF_SIZE;
    b->f = f;
    b->fd = fd;
    b->error = 0;
}

void az_outbuf_init_file(struct az_outbuf *b, FILE *f)
{
    init(b, f, -1);
}

void az_outbuf_init_fd(struct az_outbuf *b, int fd)
{
    init(b, NULL, fd);
}

/* write(2) until all of p is written; 0, or -1 with errno set. */
static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

int az_outbuf_flush(struct az_outbuf *b)
{
    size_t n = (size_t)(b->pos - b->buf);
    b->pos = b->buf; /* after an error, what follows is dropped */
    if (!b->error && n > 0) {
        errno = 0;
        int failed = b->f ? fwrite(b->buf, 1, n, b->f) != n : write_all(b->fd, b->buf, n) != 0;
        if (failed)
            b->error = errno ? errno : EIO;
    }
    if (b->error) {
        errno = b->error;
        return -1;
    }
    return 0;
}

void az_outbuf_write_slow(struct az_outbuf *b, const void *p, size_t n)
{
    const char *s = p;
    while (n > 0) {
        size_t room = (size_t)(b->end - b->pos);
        if (room == 0) {
            az_outbuf_flush(b);
            room = AZ_OUTBUF_SIZE;
        }
        size_t k = n < room ? n : room;
        memcpy(b->pos, s, k);
        b->pos += k;
        s += k;
        n -= k;
    }
}

void az_outbuf_printf(struct az_outbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = (size_t)(b->end - b->pos);
    int n = vsnprintf(b->pos, room, fmt, ap);
    va_end(ap);
    if (n < 0)
        return; /* an encoding error; our formats have none */
    if ((size_t)n < room) {
        b->pos += n;
        return;
    }
    /* It did not fit: format it again into a buffer of its own size. */
    char *s = malloc((size_t)n + 1);
    if (!s) {
        fputs("authzc: error: out of memory\n", stderr);
        abort();
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    az_outbuf_write(b, s, (size_t)n);
    free(s);
}
