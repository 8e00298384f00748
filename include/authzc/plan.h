/* plan.h - the checked, lowered intent: the flat list of authorizations to create.
 * Every emitter reads only this, so Terraform, the script and the JSON bodies are the
 * same policies by construction. Order: blocks in input order (accounts, then each
 * enterprise's children, then its templates), targets within a block in rule-table order,
 * Event Notifications instances in input order. */
#ifndef AZ_PLAN_H
#define AZ_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "authzc/ast.h"
#include "authzc/loc.h"
#include "authzc/rules.h"

enum az_scope {
    AZ_SCOPE_ACCOUNT,  /* policies in the account; subject and resource accountId = it */
    AZ_SCOPE_CHILD,    /* in the child; subject = enterprise, resource = child */
    AZ_SCOPE_TEMPLATE, /* a template in the enterprise account; no accountId inside */
};

struct az_assignment {
    enum az_assign_kind kind;
    const char *type_name; /* "Account" | "AccountGroup" */
    const char *id;
    const char *name; /* stable, readable: "<policy name>_account_<id>" */
};

struct az_policy {
    enum az_scope scope;
    const struct az_target *target;
    az_roleset roles; /* emitted in table order */
    /* The account the policy (or template) is created in; NULL means `current`. */
    const char *account;
    /* accountId attributes; NULL with `current` (the emitter finds it) and in templates. */
    const char *subject_account;
    const char *resource_account;
    const char *instance;    /* serviceInstance GUID (event-notifications), else NULL */
    const char *description; /* never NULL: the user's, or a default naming the target */
    /* Stable, readable, unique in the plan: [a-z0-9_-], starts with a letter; used for
     * Terraform resource names and JSON file names. */
    const char *name;
    /* Templates only: IAM template name ("<template>-<target>") and its assignments. */
    const char *template_name;
    const char *template_description; /* the template's own description (or NULL) */
    struct az_assignment *assigns;
    size_t nassigns;
    struct az_loc loc; /* what in the intent asked for it */
    /* compile --live: the ID of the live policy that already is this one (the same identity;
     * roles may differ: live_same_roles), else NULL. Emitters adopt it instead of creating. */
    const char *live_id;
    bool live_same_roles;
};

struct az_plan {
    struct az_policy *policies;
    size_t n;
    bool uses_current; /* some policy has account == NULL */
    /* The distinct accounts policies are created in, in plan order; NULL (`current`) counts
     * as one. Emitters that switch accounts read this instead of comparing policies. */
    const char **accounts;
    size_t naccounts;
};

#endif
