/* output.c - atomic output files: a temporary beside the target, fsync, rename. */
#include "authzc/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"

int az_output_open(struct az_ctx *ctx, struct az_output *o, const char *path, bool executable)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return 0;
    }
    o->path = az_arena_strdup(ctx->arena, path);
    /* A target that exists and is not a regular file (/dev/stdout, /dev/full, a pipe) is
     * written in place: renaming a temporary over it would replace the device or the pipe. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            az_diag_fatal(ctx, "cannot write '%s': it is a folder", path);
            return -1;
        }
        o->f = fopen(path, "w");
        if (!o->f) {
            az_diag_fatal(ctx, "cannot write '%s': %s", path, strerror(errno));
            return -1;
        }
        o->in_place = true;
        return 0;
    }
    o->tmp = az_arena_printf(ctx->arena, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        az_diag_fatal(ctx, "cannot write '%s': %s", path, strerror(errno));
        o->tmp = NULL;
        return -1;
    }
    /* mkstemp makes 0600; outputs are ordinary files (0666 or, for scripts, 0777, less the
     * umask), like any file a compiler writes. A failing fchmod leaves 0600: still correct. */
    mode_t mask = umask(0);
    umask(mask);
    (void)!fchmod(fd, (executable ? 0777 : 0666) & ~mask);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        az_diag_fatal(ctx, "cannot write '%s': %s", path, strerror(errno));
        close(fd);
        unlink(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    return 0;
}

int az_output_commit(struct az_ctx *ctx, struct az_output *o)
{
    if (!o->tmp) { /* standard output, or a device or pipe written in place */
        int failed = fflush(o->f) != 0 || ferror(o->f);
        int saved = errno;
        if (o->in_place && fclose(o->f) != 0 && !failed) {
            failed = 1;
            saved = errno;
        }
        o->f = NULL;
        if (failed) {
            if (o->in_place)
                az_diag_fatal(ctx, "cannot write '%s': %s", o->path, strerror(saved));
            else
                az_diag_fatal(ctx, "cannot write to standard output: %s", strerror(saved));
            return -1;
        }
        return 0;
    }
    int failed = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
    int saved = errno;
    if (fclose(o->f) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    o->f = NULL;
    if (!failed && rename(o->tmp, o->path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        unlink(o->tmp);
        az_diag_fatal(ctx, "cannot write '%s': %s", o->path, strerror(saved));
        o->tmp = NULL;
        return -1;
    }
    o->tmp = NULL;
    return 0;
}

void az_output_abort(struct az_output *o)
{
    if (o->in_place && o->f)
        fclose(o->f);
    if (o->tmp) {
        if (o->f)
            fclose(o->f);
        unlink(o->tmp);
    }
    o->f = NULL;
    o->tmp = NULL;
}
