/* lint.h - linting hand-written policies.
 *
 * Pipeline: lint.c walks the paths and picks a front end by extension (and content):
 *   lint_json.c  (.json: grammar/jsonlint.l, a located JSON scanner)
 *   lint_hcl.c   (.tf:   grammar/hcl.l + grammar/hcl.y)
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

/* `authzc lint ARGS...` (options, paths, output, exit status): the CLI calls this. */
int az_lint_command(int argc, char **argv);

#endif
