/* lint_fix.h - the fixes of the lint findings about roles (AZ206, AZ301, AZ303, AZ701,
 * AZ702) and of a made-up Terraform resource type (AZ604): the byte edits (fix.h) worked
 * out from the lint model and the bytes of the file as written (lint_fix.c).
 *
 * Each function adds its edits to the diagnostic d, or drops d's fix when the place is not
 * written the plain way it expects (a reference, an escape, an object with other keys, a
 * shell word it cannot requote): then the finding is reported without a fix. d may be NULL
 * (a diagnostic that was not queued): nothing happens. */
#ifndef AZ_LINT_FIX_H
#define AZ_LINT_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "authzc/lint_model.h"
#include "authzc/rules.h"

struct az_ctx;
struct az_diag;

/* Whether p's findings may carry a fix: a policy read without a syntax error, at a place of
 * its own (not one instance of a Terraform for_each or count, not a plan's resource change:
 * one edit there would change every instance). */
bool az_lint_fix_policy_ok(const struct az_lpolicy *p);

/* AZ702, AZ303: replaces the role v, written as a literal, with r spelled for p's format
 * (a CRN in JSON bodies, the display name in Terraform and ibmcloud). */
void az_lint_fix_role(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                      const struct az_lval *v, const struct az_role *r);

/* AZ206: as az_lint_fix_role, only when v differs from r's display name or role ID by
 * letter case, spaces, '-' and '_' alone (operator, share snapshot operator). */
void az_lint_fix_role_spelling(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                               const struct az_lval *v, const struct az_role *r);

/* The roles one string holds ("ShareSnapshotOperator, Editor": the parts between commas,
 * with spaces and tabs around them trimmed), in order, at most max; 0 when a part is not a
 * role (the message of AZ701 spells them out with it, too). */
#define AZ_LINT_JOINED_MAX 16
size_t az_lint_roles_split(struct az_ctx *ctx, const char *text, const struct az_role **out,
                           size_t max);

/* AZ701: splits the literal v ("ShareSnapshotOperator,Editor") into one list element per
 * role, each spelled for p's format. */
void az_lint_fix_roles_joined(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                              const struct az_lval *v);

/* AZ301: appends the roles of add, in the rule table's order, to p's literal role list. */
void az_lint_fix_roles_add(struct az_ctx *ctx, struct az_diag *d, const struct az_lpolicy *p,
                           az_roleset add);

/* AZ604 and other renames: replaces the bytes at `at` with text when they are exactly
 * `expect` (a token as written); else drops d's fix. Returns whether the edit was added. */
bool az_lint_fix_token(struct az_ctx *ctx, struct az_diag *d, struct az_loc at, const char *expect,
                       const char *text);

#endif
