/* lint.h - linting hand-written policies.
 *
 * Pipeline: lint.c walks the paths and picks a front end by extension (and content):
 *   lint_json.c  (.json: grammar/jsonlint.l, a located JSON scanner)
 *   lint_hcl.c   (.tf:   grammar/hcl.l + grammar/hcl.y)
 *   lint_sh.c    (.sh, .bash, or a shell shebang)
 * Each front end reports its format's own problems (syntax, shape, Terraform argument
 * conflicts, CLI flags, shell expansions) and builds located policies (struct az_lpolicy)
 * in one model. lint_check.c then holds every policy to the rule table (type, subject,
 * service names, roles, scope), across files (companions, duplicates) and against
 * --intent (drift). lint.c finally applies suppressions and --fail-on.
 * Everything lives in the run's arena. */
#ifndef AZ_LINT_H
#define AZ_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "authzc/diag.h"

#include "authzc/loc.h"

struct az_ctx;
struct az_source;
struct az_plan;

/* Where a policy was written, which decides how roles and values must be spelled. */
enum az_lform {
    AZ_LFORM_JSON_V1,       /* POST /v1/policies, ibmcloud --file: role CRNs, "*" wildcard */
    AZ_LFORM_JSON_V2,       /* POST /v2/policies: role CRNs, stringExists true */
    AZ_LFORM_JSON_TEMPLATE, /* POST /v1/policy_templates: v2 shape, no accountId */
    AZ_LFORM_TF_POLICY,     /* ibm_iam_authorization_policy: display names, "true" */
    AZ_LFORM_TF_TEMPLATE,   /* ibm_iam_policy_template: display names, no accountId */
    AZ_LFORM_CLI,           /* ibmcloud iam authorization-policy-create positional form */
};

enum az_lval_kind {
    AZ_LV_NONE,   /* absent */
    AZ_LV_STRING, /* a literal string: text */
    AZ_LV_BOOL,   /* JSON true/false: text "true"/"false" */
    AZ_LV_NUMBER, /* text as written */
    AZ_LV_REF,    /* not a literal: a Terraform reference or interpolation, a shell variable;
                     text holds the expression as written; its value is unknown */
    AZ_LV_OTHER,  /* null, an object or a list where a scalar was expected */
};

/* A value as written, with its place. */
struct az_lval {
    enum az_lval_kind kind;
    const char *text;
    struct az_loc loc;
};

/* One attribute: v1 {name, value, operator?}, v2 {key, operator, value}, Terraform blocks,
 * or derived from a CLI flag (then loc is the flag's). */
struct az_lattr {
    struct az_lval name;
    struct az_lval op; /* kind AZ_LV_NONE when not written */
    struct az_lval value;
    struct az_loc loc; /* the whole attribute */
    /* Written in v1 form ("name", no operator) inside a v2 or template body: the front end
     * already said how to rewrite it (AZ504), so its missing operator is not reported again. */
    bool v1_form;
    struct az_lattr *next;
};

struct az_lrole {
    struct az_lval role; /* as written: a CRN in JSON, a display name in TF and CLI */
    struct az_lrole *next;
};

struct az_lpolicy {
    enum az_lform form;
    struct az_loc loc;  /* the body's opening brace, the resource block, the command */
    const char *label;  /* for messages: "ibm_iam_authorization_policy.volume", "policies[2]" */
    struct az_lval type; /* JSON "type" (TF and CLI: kind AZ_LV_NONE; they are always authorization) */
    struct az_lval description;
    struct az_lattr *subject;  /* in order as written */
    struct az_lattr *resource;
    struct az_lrole *roles;
    struct az_loc roles_loc;   /* the roles key/argument, for "role missing" */
    /* Templates (JSON and Terraform): the template name and, in JSON, account_id. */
    struct az_lval tmpl_name;
    struct az_lval tmpl_account;
    const struct az_source *src;
    struct az_lpolicy *next;
};

/* One linted file: its policies and its suppressions. */
struct az_lsuppress {
    const char *ids;   /* "AZ302" or "AZ302,AZ301" as written */
    const char *reason;
    unsigned line;     /* the comment's line: it covers findings on it and on the next line */
    struct az_loc loc;
    bool used;
    struct az_lsuppress *next;
};

/* A JSON file a shell script passes with `--file PATH` (PATH as written, literal only). */
struct az_lref {
    const char *path;
    struct az_loc loc;
    struct az_lref *next;
};

struct az_lfile {
    const struct az_source *src;
    struct az_lpolicy *policies, **policies_tail;
    struct az_lsuppress *suppress, **suppress_tail;
    struct az_lref *refs, **refs_tail; /* shell scripts only */
    bool syntax_error; /* the front end failed: its policies are not checked */
    struct az_lfile *next;
};

void az_lint_file_init(struct az_lfile *f, const struct az_source *src);
void az_lint_add_policy(struct az_lfile *f, struct az_lpolicy *p);
void az_lint_add_suppress(struct az_lfile *f, struct az_lsuppress *s);
void az_lint_add_ref(struct az_lfile *f, struct az_lref *r);

/* Front ends: each reads one file into f (policies, suppressions) and queues the
 * diagnostics of its own format. They return 0, or -1 when the file had a syntax error
 * (its policies are then not checked further). A file that is valid in its format but holds
 * no IAM policy body is not an error: it simply adds no policy. */
int az_lint_json(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f);
int az_lint_hcl(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f);
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
};

/* The run: load the intent, walk the paths, lint, check, suppress, print the report.
 * Returns the exit status (0, 1 or 2). */
int az_lint_run(const struct az_lint_opts *o);
/* lint's --help text. */
void az_lint_usage(FILE *out);

#endif
