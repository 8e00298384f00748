/* lint.h - linting hand-written policies.
 *
 * Pipeline: lint.c walks the paths and picks a front end by extension (and content):
 *   lint_json.c  (.json: grammar/jsonlint.l, a located JSON scanner)
 *   lint_hcl.c   (.tf:   hcl_scan.c + grammar/hcl.y)
 *   lint_sh.c    (.sh, .bash, or a shell shebang: sh_scan.c scans, lint_sh.c models the
 *                 ibmcloud and curl commands; bodies are linted by lint_json.c on child
 *                 sources of the script, source.h)
 * Each front end reports its format's own problems (syntax, shape, Terraform argument
 * conflicts, CLI flags, shell expansions) and builds located policies (struct az_lpolicy)
 * in one model (lint_model.h, the bottom layer: nothing of the linter above it). lint_check.c
 * then holds every policy to the rule table (type, subject, service names, roles, scope),
 * across files within each deployment unit (lint_units.c: companions, duplicates) and
 * against --intent (drift). lint.c finally hides suppressed findings (a filter the report
 * applies) and applies --fail-on.
 * Everything lives in the run's arena. */
#ifndef AZ_LINT_H
#define AZ_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "authzc/diag.h"

#include "authzc/lint_model.h"
#include "authzc/loc.h"

struct az_ctx;
struct az_source;
struct az_plan;
struct az_lhcl;
struct az_jnode;

/* Front ends: each reads one file into f (policies, suppressions) and queues the
 * diagnostics of its own format. They return 0, or -1 when the file had a syntax error
 * (its policies are then not checked further). A file that is valid in its format but holds
 * no IAM policy body is not an error: it simply adds no policy. */
int az_lint_json(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f);
int az_lint_hcl(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f);
/* The Terraform resources of every .tf file az_lint_hcl read, a module (one folder) at a
 * time: locals, variable defaults, for_each and count are evaluated across the folder's
 * files (what cannot be is said once per resource, AZ820), the three IAM resources are
 * checked and recorded, and a backup policy that is not ordered after the authorizations it
 * needs is reported (AZ821). Called once, after every file was read. */
void az_lint_hcl_module(struct az_ctx *ctx, struct az_lfile *files);
/* A Terraform plan (`terraform show -json`, lint_tfplan.c): the IAM resource changes being
 * created or updated, read from change.after. lint_json.c calls it for a top-level object
 * with format_version and resource_changes. */
void az_lint_tfplan(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f,
                    const struct az_jnode *root);
/* One element of a plan's resource_changes: what az_lint_tfplan does for each. lint_json.c
 * calls it while it reads a plan, an element at a time, so that a large plan's tree is
 * never held whole. */
void az_lint_tfplan_change(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f,
                           const struct az_jnode *rc);
/* Whether az_lint_tfplan_change reads the member key[0..len) of a resource change, given
 * the members read before it (rc: the object so far), or of its "change" object (rc NULL).
 * "change" is not read once "type" says the resource is none of lint's. lint_json.c checks
 * what is not read for its syntax only and keeps no tree of it. */
bool az_lint_tfplan_reads(const struct az_jnode *rc, const char *key, size_t len);
/* Shell scripts: literal `--file PATH` arguments are recorded in f->refs; lint.c lints
 * those JSON files too (relative to the script's folder) when they exist. */
int az_lint_sh(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f);

/* The rule-table checks of one policy (lint_check.c). */
void az_lint_check_policy(struct az_ctx *ctx, const struct az_lpolicy *p);
/* Everything lint_check.c checks, for a whole run: each policy of each file without a
 * syntax error (az_lint_check_policy), then across files: companions, duplicates, and
 * drift against the intent's plan when intent is not NULL. */
void az_lint_check_run(struct az_ctx *ctx, const struct az_lfile *files,
                       const struct az_plan *intent);

/* What kind of file lint reads a path as, by name (and a shebang for files without an
 * extension); the CLI refuses explicitly named files of other kinds. JSON, HCL and SH are in
 * the order of lint's --lang words (json, tf, sh). */
enum az_lint_kind { AZ_LKIND_OTHER, AZ_LKIND_JSON, AZ_LKIND_HCL, AZ_LKIND_SH, AZ_LKIND_TF_JSON };
enum az_lint_kind az_lint_kind_of(const char *path);

/* What lint's folder walk does with the entry name of the folder open at dfd, whose type
 * readdir gave as d_type (DT_UNKNOWN when the file system does not say: then it is looked
 * up): a folder is walked (a symbolic link to one never is), a regular file or a symbolic
 * link to one is a file, anything else (a dangling link, a FIFO, a device) is passed over. */
enum az_lint_entry { AZ_LENTRY_SKIP, AZ_LENTRY_FOLDER, AZ_LENTRY_FILE };
enum az_lint_entry az_lint_walk_entry(int dfd, const char *name, int d_type);

/* `authzc lint`'s options (the CLI parses them). */
struct az_lint_opts {
    struct az_report_opts report;
    bool fail_warning; /* --fail-on warning, --werror */
    const char *ignore_file;
    const char *const *intents; /* --intent FILE... (one intent) */
    size_t nintents;
    const char *const *paths; /* files and folders */
    size_t npaths;
    size_t max_input; /* 0: the default */
    enum az_lint_kind stdin_kind; /* --lang for '-'; AZ_LKIND_OTHER: by content */
    bool fix;      /* --fix: rewrite the files with the fixes the findings carry (fix.h) */
    bool fix_diff; /* with fix: print the changes as a unified diff, write nothing */
};

/* The run: load the intent, walk the paths, lint, check, suppress, print the report.
 * With fix, the fixes of the findings shown are applied (again on the fixed text, until
 * none is left), the files rewritten (or, with fix_diff, the changes printed), and the
 * report is about the files as fixed. Returns the exit status (0, 1 or 2). */
int az_lint_run(const struct az_lint_opts *o);
/* lint's --help text. */
void az_lint_usage(FILE *out);

#endif
