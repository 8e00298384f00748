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
    int fd;        /* the temporary's descriptor (fchmod, fsync); -1 for the others */
    char *path;    /* the target */
    char *tmp;     /* the temporary beside it; NULL for standard output and in-place targets */
    bool in_place; /* an existing device or pipe, written directly */
    /* Bytes written to the temporary, and of them handed to the kernel's write-back. */
    unsigned long long written, synced;
};

/* path NULL or "-" is standard output. executable: the file is a script (mode 0777 less the
 * umask; otherwise 0666 less the umask). Returns 0, or -1 after queuing an I/O error. */
int az_output_open(struct az_ctx *ctx, struct az_output *o, const char *path, bool executable);
/* Flush, fsync, rename. Returns 0, or -1 after queuing an I/O error (target untouched). */
int az_output_commit(struct az_ctx *ctx, struct az_output *o);
/* Drop the temporary; the target is untouched. */
void az_output_abort(struct az_output *o);

/* ---- folders written all or nothing (the JSON folder, the Terraform module) ------------
 * The files go to a temporary folder beside the target (DIR.tmp-XXXXXX); a new folder is
 * that temporary renamed, an existing one gets the files renamed into it. */

/* dir_arg without its trailing slashes; NULL after queuing an error when it cannot be a
 * folder written this way ("", "/", ".", ".."). what names the output in the message. */
const char *az_output_dir_name(struct az_ctx *ctx, const char *dir_arg, const char *what);
/* fsync a folder; 0 on file systems that cannot sync one. */
int az_output_fsync_dir(const char *path);
/* Removes a temporary folder and the plain files in it. */
void az_output_remove_tmpdir(struct az_ctx *ctx, const char *tmp);
/* The parent folder of path (for the fsync after a rename into it). */
const char *az_output_parent(struct az_ctx *ctx, const char *path);

#endif
