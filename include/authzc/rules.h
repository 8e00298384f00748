/* rules.h - the rule table (rules.def) as C data, and lookups over it. */
#ifndef AZ_RULES_H
#define AZ_RULES_H

#include <stddef.h>
#include <stdint.h>

/* The subject of every authorization: the Backup for VPC service. */
#define AZ_SUBJECT_SERVICE "is"
#define AZ_SUBJECT_RESOURCE_TYPE "backup-policy"
#define AZ_POLICY_TYPE "authorization"

/* Attribute names and operators every format shares (IAM v1/v2, templates, Terraform). */
#define AZ_ATTR_ACCOUNT_ID "accountId"
#define AZ_ATTR_SERVICE_NAME "serviceName"
#define AZ_ATTR_RESOURCE_TYPE "resourceType"
#define AZ_OP_EQUALS "stringEquals"
#define AZ_OP_EXISTS "stringExists"
#define AZ_OP_EQUALS_ANY_OF "stringEqualsAnyOf"
#define AZ_OP_MATCH "stringMatch"
#define AZ_OP_MATCH_ANY_OF "stringMatchAnyOf"
/* The IBM provider's resource types (DOMAIN.md section 5). */
#define AZ_TF_POLICY "ibm_iam_authorization_policy"
#define AZ_TF_TEMPLATE "ibm_iam_policy_template"
#define AZ_TF_ASSIGNMENT "ibm_iam_policy_assignment"
#define AZ_ATTR_SERVICE_INSTANCE "serviceInstance"
#define AZ_ATTR_RESOURCE_GROUP_ID "resourceGroupId"

/* The scalar arguments of ibm_iam_authorization_policy and the IAM attribute each one sets
 * on the subject (source_*) or the resource (target_*) side. */
struct az_tf_scalar {
    const char *arg;
    int subject; /* 1: subject side; 0: resource side */
    const char *attr;
};
extern const struct az_tf_scalar az_tf_scalars[];
extern const size_t az_tf_scalar_count;
/* The row of a scalar argument name, or NULL. */
const struct az_tf_scalar *az_tf_scalar_find(const char *arg);
/* The "every resource" scope of an ID attribute: v1 stringEquals "*"; v2, templates and
 * Terraform stringExists true (Terraform writes the string "true"). */
#define AZ_WILDCARD_V1 "*"
/* In the script target's bodies, the account of `account current`, filled in at run time;
 * the linter reads it as `current`. */
#define AZ_ACCOUNT_PLACEHOLDER "@AUTHZC_ACCOUNT_ID@"

enum az_role_kind {
#define AZ_ROLE(e, display, id, crn, service) AZ_ROLE_##e,
#include "authzc/rules.def"
#undef AZ_ROLE
    AZ_ROLE_COUNT
};

#define AZ_ROLEBIT(e) (1u << AZ_ROLE_##e)
typedef uint32_t az_roleset; /* bit i: role i of the table */

enum az_target_flags {
    AZ_IN_VOLUMES = 1u << 0,   /* part of `backup volumes` */
    AZ_IN_SHARES = 1u << 1,    /* part of `backup shares` */
    AZ_CHILD_ONLY = 1u << 2,   /* only in an enterprise child */
    AZ_PER_INSTANCE = 1u << 3, /* scoped to one service instance (notify) */
};

enum az_target_kind {
#define AZ_TARGET(e, name, console, service, attr, roles, flags) AZ_TARGET_##e,
#include "authzc/rules.def"
#undef AZ_TARGET
    AZ_TARGET_COUNT
};

struct az_role {
    enum az_role_kind kind;
    const char *display; /* Terraform roles, CLI positional list */
    const char *id;      /* API role ID */
    const char *crn;     /* role_id in JSON bodies */
    const char *service; /* service role of this service only; NULL: any service */
};

struct az_target {
    enum az_target_kind kind;
    const char *name;    /* DSL name, also the resource type */
    const char *console; /* console name */
    const char *service; /* target serviceName */
    const char *attr;    /* ID attribute (scope) */
    az_roleset roles;    /* what Backup for VPC needs */
    unsigned flags;
};

extern const struct az_role az_roles[AZ_ROLE_COUNT];
extern const struct az_target az_targets[AZ_TARGET_COUNT];

/* Exact lookups; NULL when unknown. */
const struct az_target *az_rules_target(const char *name);
/* A role written as display name, role ID or CRN (exact spelling). */
const struct az_role *az_rules_role(const char *spelling);
/* Closest target or role spelling for "did you mean"; NULL when none is close. */
const char *az_rules_suggest_target(const char *name);
const char *az_rules_suggest_role(const char *spelling);
/* Whether role can be granted on target's service. */
int az_rules_role_applies(const struct az_role *role, const struct az_target *target);

/* IAM's operators: the first AZ_SUBJECT_OPERATOR_COUNT are those a subject takes. */
enum { AZ_OPERATOR_COUNT = 5, AZ_SUBJECT_OPERATOR_COUNT = 2 };
extern const char *const az_operators[AZ_OPERATOR_COUNT];
/* Whether op is an operator IAM takes on a subject (stringEquals, stringExists) or a
 * resource attribute (also stringEqualsAnyOf, stringMatch, stringMatchAnyOf). */
int az_rules_operator_known(const char *op, int subject);

/* An account ID: 32 lowercase hexadecimal characters (DOMAIN.md section 6). */
int az_rules_is_account_id(const char *s);
/* Why s is not an account ID, for a message ("too short: ..."). */
const char *az_rules_account_id_problem(const char *s);

struct az_arena;

/* The roles a set grants, with the platform hierarchy (rules.def AZ_PLATFORM_RANK): the set
 * itself and every platform role ranked below one of its platform roles. */
az_roleset az_rules_implied(az_roleset set);
/* What target needs that set neither holds nor implies; 0 when set is enough. */
az_roleset az_rules_missing(const struct az_target *target, az_roleset set);

/* The message of AZ301 for a set that lacks roles on target (az_rules_missing != 0), and of
 * AZ302 for one role of a set that is enough (set: every role granted): NULL when target
 * needs that role. The checker and the linter say the same words. */
const char *az_rules_missing_text(struct az_arena *a, const struct az_target *target,
                                  az_roleset set);
const char *az_rules_extra_text(struct az_arena *a, const struct az_target *target, az_roleset set,
                                const struct az_role *role);

/* "Operator", "Editor and Share Snapshot Operator": roles in table order, for messages. */
const char *az_rules_roles_text(struct az_arena *a, az_roleset set);

#endif
