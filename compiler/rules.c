/* rules.c - the rule table (rules.def) as C data, and lookups over it. */
#include "authzc/rules.h"

#include <string.h>

#include "authzc/arena.h"
#include "authzc/suggest.h"
#include "authzc/swar.h"

const struct az_role az_roles[AZ_ROLE_COUNT] = {
#define AZ_ROLE(e, display, id, crn, service) {AZ_ROLE_##e, display, id, crn, service},
#include "authzc/rules.def"
#undef AZ_ROLE
};

const struct az_target az_targets[AZ_TARGET_COUNT] = {
#define AZ_TARGET(e, name, console, service, attr, roles, flags)                                 \
    {AZ_TARGET_##e, name, console, service, attr, roles, flags},
#include "authzc/rules.def"
#undef AZ_TARGET
};

const struct az_target *az_rules_target(const char *name)
{
    for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
        if (strcmp(az_targets[i].name, name) == 0)
            return &az_targets[i];
    return NULL;
}

static inline int same(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

/* Every role of every policy is looked up: the CRNs share a long prefix, so a CRN is
 * compared whole only with the role whose ID ends it (each CRN in rules.def ends in
 * ":" and its role's ID). */
const struct az_role *az_rules_role(const char *spelling)
{
    const char *colon = strrchr(spelling, ':');
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++) {
        const struct az_role *r = &az_roles[i];
        if (same(r->display, spelling) || same(r->id, spelling) ||
            (colon && same(r->id, colon + 1) && strcmp(r->crn, spelling) == 0))
            return r;
    }
    return NULL;
}

const char *az_rules_suggest_target(const char *name)
{
    const char *names[AZ_TARGET_COUNT + 4];
    size_t n = 0;
    for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
        names[n++] = az_targets[i].name;
    const char *best = az_suggest_best(name, names, n);
    if (best)
        return best;
    /* Common plurals and console-ish spellings. */
    static const struct {
        const char *wrong, *right;
    } aliases[] = {{"instances", "instance"}, {"volumes", "volume"}, {"snapshots", "snapshot"},
                   {"shares", "share"},       {"event-notification", "event-notifications"},
                   {"consistency-group", "snapshot-consistency-group"},
                   {"snapshot-consistency-groups", "snapshot-consistency-group"},
                   {"file-share", "share"},   {"backup-policies", "backup-policy"}};
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (az_suggest_distance(name, aliases[i].wrong, 1) <= 1)
            return aliases[i].right;
    return NULL;
}

const char *az_rules_suggest_role(const char *spelling)
{
    const char *names[AZ_ROLE_COUNT * 2];
    size_t n = 0;
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++) {
        names[n++] = az_roles[i].display;
        if (strcmp(az_roles[i].id, az_roles[i].display) != 0)
            names[n++] = az_roles[i].id;
    }
    const char *best = az_suggest_best(spelling, names, n);
    if (!best)
        return NULL;
    /* Always suggest the display name, the spelling Terraform and the CLI need. */
    const struct az_role *r = az_rules_role(best);
    return r ? r->display : best;
}

int az_rules_role_applies(const struct az_role *role, const struct az_target *target)
{
    return role->service == NULL || strcmp(role->service, target->service) == 0;
}

const char *az_rules_roles_text(struct az_arena *a, az_roleset set)
{
    const char *parts[AZ_ROLE_COUNT];
    size_t n = 0, len = 0;
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++)
        if (set & (1u << i)) {
            parts[n++] = az_roles[i].display;
            len += strlen(az_roles[i].display) + 5;
        }
    char *out = az_arena_alloc(a, len + 1);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            strcat(out, i + 1 == n ? " and " : ", ");
        strcat(out, parts[i]);
    }
    return out;
}

/* Platform roles lowest first: bit set of each role and of the roles below it. */
static const enum az_role_kind platform_rank[] = {
#define AZ_PLATFORM_RANK(e) AZ_ROLE_##e,
#include "authzc/rules.def"
#undef AZ_PLATFORM_RANK
};
#define PLATFORM_RANKS (sizeof platform_rank / sizeof platform_rank[0])

az_roleset az_rules_implied(az_roleset set)
{
    az_roleset out = set, below = 0;
    for (size_t i = 0; i < PLATFORM_RANKS; i++) {
        az_roleset bit = 1u << platform_rank[i];
        if (set & bit)
            out |= below;
        below |= bit;
    }
    return out;
}

az_roleset az_rules_missing(const struct az_target *target, az_roleset set)
{
    return target->roles & ~az_rules_implied(set);
}

const char *az_rules_missing_text(struct az_arena *a, const struct az_target *target,
                                  az_roleset set)
{
    az_roleset missing = az_rules_missing(target, set);
    const char *needs = az_rules_roles_text(a, target->roles);
    if ((az_rules_implied(set) & target->roles) == 0)
        return az_arena_printf(a, "Backup for VPC needs %s on %s, not %s", needs, target->name,
                               set ? az_rules_roles_text(a, set) : "no role");
    return az_arena_printf(a, "Backup for VPC needs %s on %s; add %s", needs, target->name,
                           az_rules_roles_text(a, missing));
}

const char *az_rules_extra_text(struct az_arena *a, const struct az_target *target,
                                az_roleset set, const struct az_role *role)
{
    az_roleset bit = 1u << role->kind;
    if (target->roles & bit)
        return NULL;
    const char *needs = az_rules_roles_text(a, target->roles);
    az_roleset others = set & ~bit;
    if (az_rules_implied(others) & bit)
        return az_arena_printf(a, "'%s' adds nothing on %s: %s already includes it; remove it",
                               role->display, target->name, az_rules_roles_text(a, others));
    az_roleset covered = az_rules_implied(bit) & target->roles & ~az_rules_implied(others);
    if (covered)
        return az_arena_printf(a,
                               "'%s' is more than Backup for VPC needs on %s (%s), which it "
                               "includes; grant %s instead",
                               role->display, target->name, needs,
                               az_rules_roles_text(a, covered));
    return az_arena_printf(a, "'%s' is more than Backup for VPC needs on %s (%s)",
                           role->display, target->name, needs);
}

const char *const az_operators[AZ_OPERATOR_COUNT] = {
    AZ_OP_EQUALS, AZ_OP_EXISTS, AZ_OP_EQUALS_ANY_OF, AZ_OP_MATCH, AZ_OP_MATCH_ANY_OF};

int az_rules_operator_known(const char *op, int subject)
{
    size_t n = subject ? AZ_SUBJECT_OPERATOR_COUNT : AZ_OPERATOR_COUNT;
    for (size_t i = 0; i < n; i++)
        if (strcmp(op, az_operators[i]) == 0)
            return 1;
    return 0;
}

static int is_hex_lower(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* Exactly 32 lowercase hexadecimal digits: eight at a time (every accountId of every policy
 * of a large lint is checked). A byte x < 0x80 is at least lo when x + (0x80 - lo) has its
 * high bit set, and above hi when x + (0x7f - hi) has; no sum carries into the next byte. */
int az_rules_is_account_id(const char *s)
{
    const char *nul = memchr(s, '\0', 33); /* C11: it stops at the first NUL */
    if (!nul || nul - s != 32)
        return 0;
    const uint64_t high = 0x80 * AZ_SWAR_ONES;
    for (size_t i = 0; i < 32; i += 8) {
        uint64_t w = az_swar_load8(s + i);
        if (w & high)
            return 0;
        uint64_t digit = (w + 0x50 * AZ_SWAR_ONES) & ~(w + 0x46 * AZ_SWAR_ONES); /* 0-9 */
        uint64_t af = (w + 0x1f * AZ_SWAR_ONES) & ~(w + 0x19 * AZ_SWAR_ONES);    /* a-f */
        if (((digit | af) & high) != high)
            return 0;
    }
    return 1;
}

const char *az_rules_account_id_problem(const char *s)
{
    size_t n = strlen(s);
    int upper = 0, other = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'F')
            upper = 1;
        else if (!is_hex_lower(c))
            other = 1;
    }
    if (!other && upper && n == 32)
        return "uppercase letters: IAM account IDs are lowercase";
    if (!other && n != 32)
        return n < 32 ? "too short: an account ID has 32 hexadecimal characters"
                      : "too long: an account ID has 32 hexadecimal characters";
    return "an account ID is 32 lowercase hexadecimal characters";
}

const struct az_tf_scalar az_tf_scalars[] = {
    {"source_service_name", 1, AZ_ATTR_SERVICE_NAME},
    {"source_resource_type", 1, AZ_ATTR_RESOURCE_TYPE},
    {"source_service_account", 1, AZ_ATTR_ACCOUNT_ID},
    {"source_resource_instance_id", 1, AZ_ATTR_SERVICE_INSTANCE},
    {"source_resource_group_id", 1, AZ_ATTR_RESOURCE_GROUP_ID},
    {"target_service_name", 0, AZ_ATTR_SERVICE_NAME},
    {"target_resource_type", 0, AZ_ATTR_RESOURCE_TYPE},
    {"target_resource_instance_id", 0, AZ_ATTR_SERVICE_INSTANCE},
    {"target_resource_group_id", 0, AZ_ATTR_RESOURCE_GROUP_ID},
};
const size_t az_tf_scalar_count = sizeof az_tf_scalars / sizeof az_tf_scalars[0];

const struct az_tf_scalar *az_tf_scalar_find(const char *arg)
{
    for (size_t i = 0; i < az_tf_scalar_count; i++)
        if (az_tf_scalars[i].arg[0] == arg[0] && strcmp(az_tf_scalars[i].arg, arg) == 0)
            return &az_tf_scalars[i]; /* the first byte rules most out without a call */
    return NULL;
}
