/* diag.h - diagnostics: a stable ID, a severity, a place, a message, notes.
 * Records are queued while a run goes on and printed once, in source order (nftables erec).
 * Every ID, its severity, title and explain text live together in compiler/diagnostics.def. */
#ifndef AZ_DIAG_H
#define AZ_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "authzc/loc.h"

struct az_ctx;
struct az_arena;
struct az_edit;

enum az_severity { AZ_SEV_NOTE, AZ_SEV_WARNING, AZ_SEV_ERROR };

enum az_diag_id {
    AZ_D_NONE = 0, /* usage and I/O problems: no ID, exit 2 */
#define AZ_DIAG(name, id, sev, title, explain) AZ_D_##name,
#include "authzc/diagnostics.def"
#undef AZ_DIAG
    AZ_D_COUNT
};

struct az_diag_info {
    enum az_diag_id diag;
    const char *id;    /* "AZ301" */
    const char *name;  /* "role-missing" */
    enum az_severity severity;
    const char *title; /* one line */
    const char *explain; /* what it means, why, how to fix */
};

struct az_diag {
    enum az_diag_id diag;
    enum az_severity sev;
    struct az_loc loc;
    const char *msg;
    struct az_diag *notes; /* first note; notes chain through next_note */
    struct az_diag *next_note;
    size_t seq; /* queue order, the tie-breaker when sorting */
    struct az_edit *fix;   /* the edits that repair it (fix.h); NULL: no fix */
    bool fix_dropped;      /* a fix was begun and could not be made safely: none is offered */
};

/* A filter the report applies (lint's suppressions): whether to hide a queued record. */
typedef bool az_diag_filter_fn(void *arg, const struct az_diag *d);

struct az_diags {
    struct az_diag **v;
    size_t n, cap;
    unsigned errors, warnings; /* queued, hidden ones included */
    bool fatal; /* a usage, I/O or internal problem: exit 2 */
    az_diag_filter_fn *hide; /* NULL: nothing is hidden */
    void *hide_arg;
};

/* A front end that reports before it knows whether its findings stand (the HCL front end
 * lints a block as soon as it is parsed, but a later syntax error voids the file's findings)
 * diverts them: az_diag_swap exchanges ctx's records and counts with q's (call it again to
 * swap back); az_diag_append then queues q's records after ctx's, in order, or az_diag_drop
 * discards them. */
void az_diag_swap(struct az_ctx *ctx, struct az_diags *q);
void az_diag_append(struct az_ctx *ctx, struct az_diags *q);
void az_diag_drop(struct az_diags *q);

/* Queues a located diagnostic with the severity its ID has in the table. Returns the record
 * (to attach notes) or NULL if it was dropped (a duplicate of the last one). */
struct az_diag *az_diag_report(struct az_ctx *ctx, enum az_diag_id id, struct az_loc loc,
                               const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Attaches a note ("declared here") to a queued diagnostic; parent may be NULL (ignored). */
void az_diag_note(struct az_ctx *ctx, struct az_diag *parent, struct az_loc loc, const char *fmt,
                  ...) __attribute__((format(printf, 4, 5)));
/* A usage, I/O or internal problem: no ID, no place; the run exits 2. */
void az_diag_fatal(struct az_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

const struct az_diag_info *az_diag_info(enum az_diag_id id);
/* By "AZ301" (case-insensitive) or by name ("role-missing"); NULL if unknown. */
const struct az_diag_info *az_diag_find(const char *key);
/* Closest ID or name to key, for "did you mean" in `explain`; NULL if none is close. */
const char *az_diag_suggest(const char *key);

enum az_report_format {
    AZ_REPORT_TEXT,
    AZ_REPORT_JSON,
    AZ_REPORT_SARIF,
    AZ_REPORT_GITHUB,
};

struct az_report_opts {
    enum az_report_format format;
    bool color;          /* text only */
    unsigned max_errors; /* 0: no limit; counts errors and warnings printed */
    bool werror;         /* warnings count as errors for the exit status */
    const char *tool_version;
};

/* Sorts the queue (source, line, column, queue order) and prints it to out. Returns the
 * number of records printed. */
size_t az_diag_print(struct az_ctx *ctx, FILE *out, const struct az_report_opts *opts);
/* Sorts the queue by source, line, column and queue order (done by az_diag_print). */
void az_diag_sort(struct az_ctx *ctx);
/* Records are never edited or removed once queued; a filter hides some of them when the
 * queue is printed and counted (records without an ID are never hidden). */
void az_diag_set_filter(struct az_ctx *ctx, az_diag_filter_fn *hide, void *arg);
/* Whether the filter hides d. */
bool az_diag_hidden(const struct az_ctx *ctx, const struct az_diag *d);
/* Errors and warnings the filter leaves. */
void az_diag_counts(const struct az_ctx *ctx, unsigned *errors, unsigned *warnings);
/* Exit status the queue implies: 2 fatal, 1 errors (or warnings with werror), else 0. */
int az_diag_exit_status(const struct az_ctx *ctx, bool werror);

#endif
