/* fix.h - fixes: the byte edits that repair one finding. Front ends attach them to the
 * diagnostic they queue (az_fix_replace, az_fix_insert); `lint --fix` applies them, `--diff`
 * shows them, SARIF carries them as `fixes` (fix.c, lint.c, report.c).
 *
 * A fix belongs to one diagnostic and is all or nothing: when one of its edits cannot be
 * made safely (its place is not a verbatim byte range of a file, its text would change
 * what the enclosing shell quoting means), the whole fix is dropped and the finding is
 * reported as before. Only IDs marked fixable (az_fix_id_fixable) may carry a fix. */
#ifndef AZ_FIX_H
#define AZ_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "authzc/diag.h"
#include "authzc/loc.h"

struct az_ctx;
struct az_source;

/* Replace bytes [off, off + len) of src->text (src is a file: never a child source) with
 * text; len 0 inserts. Edits of one file never overlap once applied (fix.c drops a later
 * fix that overlaps an earlier one and reports it as not fixed). */
struct az_edit {
    const struct az_source *src;
    size_t off, len;
    const char *text;
    struct az_edit *next;
};

/* Whether findings with this ID can carry a fix (explain --list, SARIF rules). */
bool az_fix_id_fixable(enum az_diag_id id);

/* Adds to d's fix: replace the bytes at (one line, at.col, at.len bytes; a place in a child
 * source is moved to its file) with text. Returns false, and drops d's whole fix, when
 * d is NULL, its ID is not fixable, or the edit cannot be made safely. */
bool az_fix_replace(struct az_ctx *ctx, struct az_diag *d, struct az_loc at, const char *text);
/* Adds to d's fix: insert text before the byte at (line, col) of at.src (at.len ignored). */
bool az_fix_insert(struct az_ctx *ctx, struct az_diag *d, struct az_loc at, const char *text);
/* Drops d's fix (a front end that finds, after all, it cannot repair the whole finding). */
void az_fix_drop(struct az_diag *d);

/* ---- applying fixes (fix_apply.c) -------------------------------------------------------- */

/* One file with the fixes of a run applied: its whole bytes (a BOM the source dropped is
 * put back; every byte no edit covers is kept, line ends included). In the run's arena. */
struct az_fix_file {
    const struct az_source *src;
    const char *text;
    size_t len;
    unsigned findings; /* findings whose fix it holds */
    struct az_fix_file *next;
};

/* Which files a run may fix (lint: the files it linted, not the intent or ignore files). */
typedef bool az_fix_want_fn(void *arg, const struct az_source *src);

/* Applies the fixes of the findings the report shows (az_diag_hidden: suppressed findings
 * keep theirs), in report order, to the files want accepts: a fix whose edits overlap an
 * edit already accepted in its file is left out whole (its finding stays); an edit equal
 * to an accepted one (two findings, one repair) is made once. Sorts the queue. Returns the
 * findings fixed; *out lists the files changed, in the order of their first fix. */
size_t az_fix_apply(struct az_ctx *ctx, az_fix_want_fn *want, void *arg, struct az_fix_file **out);
/* The bytes of src's file as read: its text with a dropped BOM put back (arena copy). */
const char *az_fix_file_bytes(struct az_ctx *ctx, const struct az_source *src, size_t *len);
/* Rewrites path with text atomically (a temporary beside the file, then rename; the file's
 * mode is kept; a symbolic link is followed, not replaced), but only when the file still
 * holds exactly `expect` (the bytes the fixes were made from): otherwise nothing is written
 * and an I/O error says the file changed on disk. Returns 0, or -1 after az_diag_fatal. */
int az_fix_write(struct az_ctx *ctx, const char *path, const char *expect, size_t expect_len,
                 const char *text, size_t len);

#endif
