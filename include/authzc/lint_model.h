/* lint_model.h - the lint model: located policies, attributes, roles, suppressions and
 * the files that hold them, with their list helpers (lint_model.c).
 *
 * It is the bottom layer of the linter: the front ends (lint_json.c, lint_hcl.c,
 * lint_sh.c) build it, the checks (lint_check.c, lint_units.c) read it, the driver
 * (lint.c) owns the run. It depends on nothing of the linter above it.
 * Everything lives in the run's arena. */
#ifndef AZ_LINT_MODEL_H
#define AZ_LINT_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "authzc/loc.h"

struct az_source;

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
    /* Read around a syntax error: what it lacks may be the unread part, so only what is
     * written is checked (wrong values), never what is missing. */
    bool damaged;
    /* Findings on this policy carry a note naming label (an instance of a Terraform
     * for_each or count, a resource change of a plan): several policies share one place. */
    bool name_findings;
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
    /* Terraform: the local modules this file calls (`module { source = "./x" }`, the
     * source as written): they belong to this file's deployment units. */
    struct az_lref *calls, **calls_tail;
    /* A JSON file a shell script passes with --file: that script (its units are the
     * script's), else NULL. */
    const struct az_lfile *referrer;
    /* It assigns templates (an assignment body, an ibm_iam_policy_assignment, an ibmcloud
     * authorization-policy-assignment-create): its unit's templates are an account's set. */
    bool assigns;
    /* It holds a Backup for VPC policy, template or assignment lint could not evaluate (an
     * AZ820 note; a plan value known only after apply): what it authorizes is not known, so
     * its deployment units get no companion findings (AZ404). */
    bool unevaluated;
    struct az_lhcl *hcl; /* .tf files: the parsed file, for az_lint_hcl_module (lint_hcl.c) */
    bool syntax_error; /* the front end failed: its policies are not checked... */
    /* ...unless it recovered: then each policy it could read (marked damaged) is checked
     * on its own, and none takes part in the checks across files. */
    bool recovered;
    struct az_lfile *next;
};

/* The list helpers every front end builds its file with (lint_model.c). */
void az_lint_file_init(struct az_lfile *f, const struct az_source *src);
void az_lint_add_policy(struct az_lfile *f, struct az_lpolicy *p);
void az_lint_add_suppress(struct az_lfile *f, struct az_lsuppress *s);
void az_lint_add_ref(struct az_lfile *f, struct az_lref *r);
void az_lint_add_call(struct az_lfile *f, struct az_lref *r);

/* Whether p's subject is known to be another service than Backup for VPC (a literal
 * serviceName or resourceType that is not Backup for VPC's): lint passes such policies over. */
bool az_lint_subject_foreign(const struct az_lpolicy *p);
/* Whether a's value is an ID known only at apply (accountId, serviceInstance, resourceGroupId,
 * region): a reference there is expected, and evaluating it is not needed to check. */
bool az_lint_attr_id_valued(const struct az_lattr *a);
/* Whether p, a Backup for VPC policy or one whose subject is not known, has an attribute
 * name, operator or value lint cannot read where it decides the target (a Terraform plan's
 * "known after apply", a shell variable); with accounts, an unknown accountId counts too.
 * Its file is then marked unevaluated (no AZ404 for its units). */
bool az_lint_policy_unknown(const struct az_lpolicy *p, bool accounts);

/* The text of a value a Terraform plan leaves unknown until apply (lint_tfplan.c): any
 * account, and not the same one in two places. */
#define AZ_LINT_AFTER_APPLY "(known after apply)"

/* What an accountId written as a reference (AZ_LV_REF) stands for. The current account is
 * exactly data.ibm_iam_account_settings.NAME.account_id (the Terraform front end gives that
 * text to "${...}" of it and to a local holding it); any other value naming that data source
 * (its id, a suffix, a concatenation, a function of it) is known only after apply and may be
 * any account, as is a value a plan leaves unknown (AZ_LINT_AFTER_APPLY); other references
 * (a variable, another resource's attribute) are an account of that name. */
enum az_lint_account {
    AZ_LINT_ACCOUNT_NAMED,
    AZ_LINT_ACCOUNT_CURRENT,
    AZ_LINT_ACCOUNT_AFTER_APPLY,
};
enum az_lint_account az_lint_account_ref(const char *text);

#endif
