/* compare.h - THE comparison of an intent's plan with policies that already exist: live
 * exports (`plan --live`, `compile --live`, live.h) and hand-written files (`lint --intent`,
 * drift in lint_check.c). One implementation, two views: the callers only say what each
 * existing policy is (an item) and present the pairing the way their command needs.
 *
 * A policy is identified by where it lives and what it authorizes: its subject and resource
 * accountId (or, for templates, the template name), its target and its Event Notifications
 * instance. Roles are compared, not matched: a pair with other roles "differs". Order never
 * matters. The intent's `account current` (no account in the plan) is matched against the
 * first account whose own policies (subject = resource) name the same target. */
#ifndef AZ_COMPARE_H
#define AZ_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "authzc/rules.h"

struct az_ctx;
struct az_plan;
struct az_policy;

/* The account name items use for the account a tool runs in (lint: `current`). */
#define AZ_CMP_CURRENT "current"

/* One existing policy, as understood. */
struct az_cmp_item {
    const char *subj, *res; /* subject and resource accountId as written */
    bool tmpl;              /* a template: identified by tname instead of the accounts */
    const char *tname;      /* template name ("" when unknown) */
    const struct az_target *target; /* NULL: nothing the rule table names; never matches */
    const char *instance;           /* Event Notifications instance, "" for none */
};

enum { AZ_CMP_NONE = -1, AZ_CMP_SAME_KEY = -2 };

struct az_cmp {
    /* Per plan policy: the first item that matches it, AZ_CMP_NONE, or AZ_CMP_SAME_KEY when
     * an earlier plan policy has the same identity (it stands for both). */
    long *plan_item;
    /* Per item: the plan policy it matches, or AZ_CMP_NONE (an extra). Several items may
     * match one plan policy (duplicates). */
    long *item_plan;
    /* The account that stood for `account current`, or NULL. */
    const char *current;
};

/* Pairs plan policies with items. Returns 0; aborts only when out of memory. */
int az_compare(struct az_ctx *ctx, const struct az_plan *plan, const struct az_cmp_item *items,
               size_t n, struct az_cmp *out);
void az_compare_free(struct az_cmp *c);

#endif
