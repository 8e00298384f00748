/* live.h - live exports: what IAM says exists in an account, read offline.
 *
 * live.c reads the exports users can make without giving authzc credentials (DOMAIN.md 6a):
 *   - `ibmcloud iam authorization-policies --output json`: a JSON array of v1 policies;
 *   - `GET /v2/policies?type=authorization`: {"policies": [...]} with v2 bodies;
 *   - `ibmcloud iam authorization-policy-templates --output json` or GET /v1/policy_templates
 *     (an array, or {"policy_templates": [...]}), and the assignment lists (an array, or
 *     {"assignments": [...]}).
 * Each element is classified by its own keys, so one file may mix them. Every Backup for
 * VPC policy becomes one normalized struct az_live_policy: accounts, the rule-table target,
 * the Event Notifications instance, roles as a set of the rule table's roles (a CRN, role ID
 * or display name all map to one role), and whether the scope is every resource (stringEquals
 * "*", stringExists true or "true") or narrowed. Policies whose subject is not Backup for VPC
 * are counted and passed over. Unknown keys are ignored.
 *
 * The JSON is read strictly (a fast reader for well-formed exports; the located scanner,
 * json_scan.h, for the rest and for every error): a syntax error (AZ900),
 * a wrong shape (AZ901), a duplicate key (AZ902) or an ID IAM would not write (AZ903) is a
 * located error and nothing of that file is used. */
#ifndef AZ_LIVE_H
#define AZ_LIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "authzc/loc.h"
#include "authzc/rules.h"

struct az_ctx;
struct az_source;

struct az_live_policy {
    const char *id;   /* the IAM policy ID ("" when the export has none) */
    const char *subj; /* subject accountId ("" when absent) */
    const char *res;  /* resource accountId ("" when absent) */
    const struct az_target *target; /* NULL: no rule-table target; see other */
    const char *other;    /* target NULL or narrowed: what it authorizes, for people */
    const char *instance; /* Event Notifications instance GUID, else "" */
    /* Non-NULL: the policy is narrower than the rule table's (one resource ID, another
     * attribute); the text says how, e.g. "volumeId \"r006-...\"". It matches nothing. */
    const char *narrowed;
    az_roleset roles;         /* the roles the rule table knows */
    const char **unknown;     /* role_id spellings the rule table does not know */
    size_t nunknown;
    /* Templates: the template's ID, name, version and account (the enterprise). */
    bool tmpl;
    const char *tmpl_id, *tmpl_name, *tmpl_version, *tmpl_account;
    struct az_loc loc; /* the element's opening brace */
};

struct az_live_assign {
    const char *id;
    const char *type;   /* "Account", "AccountGroup", ... */
    const char *target; /* the account or account group ID */
    const char *template_id, *template_version;
    struct az_loc loc;
};

struct az_live {
    struct az_live_policy *v; /* in the run's arena */
    size_t n, cap;
    struct az_live_assign *assigns;
    size_t nassigns, acap;
    size_t other_subjects; /* policies (and templates) whose subject is not Backup for VPC */
    size_t other_types;    /* policies whose type is not authorization */
    size_t files;          /* exports read */
};

/* Reads one export into live (appending). Returns 0, or -1 after queuing the located
 * diagnostic (nothing of this file is kept). */
int az_live_read(struct az_ctx *ctx, const struct az_source *src, struct az_live *live);
/* The same with the located reader alone (live.c reads well-formed exports with a faster one
 * first; the fuzz harness holds the two to the same results). */
int az_live_read_located(struct az_ctx *ctx, const struct az_source *src, struct az_live *live);
/* Loads and reads every path (I/O errors exit 2: az_source_load), each up to max_input
 * bytes (0: AZ_SOURCE_MAX_EXPORT). Returns 0 or -1. */
int az_live_load(struct az_ctx *ctx, const char *const *paths, size_t n, size_t max_input,
                 struct az_live *live);
void az_live_free(struct az_live *live);

/* "Editor, Share Snapshot Operator" plus the unknown spellings; "(none)" when empty. */
const char *az_live_roles_text(struct az_ctx *ctx, const struct az_live_policy *p);

#endif
