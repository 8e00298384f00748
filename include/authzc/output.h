/* output.h - atomic output files: written to a temporary file beside the target, flushed,
 * fsynced and renamed over it only when everything succeeded. On any error the target is
 * left as it was and the temporary is removed. */
#ifndef AZ_OUTPUT_H
#define AZ_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

struct az_ctx;

struct az_output {
    FILE *f;
    char *path; /* the target */
    char *tmp;  /* the temporary beside it; NULL for standard output and in-place targets */
    bool in_place; /* an existing device or pipe, written directly */
};

/* path NULL or "-" is standard output. executable: the file is a script (mode 0777 less the
 * umask; otherwise 0666 less the umask). Returns 0, or -1 after queuing an I/O error. */
int az_output_open(struct az_ctx *ctx, struct az_output *o, const char *path, bool executable);
/* Flush, fsync, rename. Returns 0, or -1 after queuing an I/O error (target untouched). */
int az_output_commit(struct az_ctx *ctx, struct az_output *o);
/* Drop the temporary; the target is untouched. */
void az_output_abort(struct az_output *o);

#endif
