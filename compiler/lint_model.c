/* lint_model.c - the lint model's list helpers (lint_model.h), used by every front end. */
#include "authzc/lint_model.h"

#include <stddef.h>
#include <string.h>

#include "authzc/rules.h"

void az_lint_file_init(struct az_lfile *f, const struct az_source *src)
{
    /* every field starts empty (a caller may pass an uninitialised struct, as the fuzz
     * harnesses do), then the list tails point at their heads */
    *f = (struct az_lfile){.src = src};
    f->policies_tail = &f->policies;
    f->suppress_tail = &f->suppress;
    f->refs_tail = &f->refs;
    f->calls_tail = &f->calls;
}

void az_lint_add_policy(struct az_lfile *f, struct az_lpolicy *p)
{
    *f->policies_tail = p;
    f->policies_tail = &p->next;
}

void az_lint_add_suppress(struct az_lfile *f, struct az_lsuppress *s)
{
    *f->suppress_tail = s;
    f->suppress_tail = &s->next;
}

void az_lint_add_ref(struct az_lfile *f, struct az_lref *r)
{
    *f->refs_tail = r;
    f->refs_tail = &r->next;
}

void az_lint_add_call(struct az_lfile *f, struct az_lref *r)
{
    *f->calls_tail = r;
    f->calls_tail = &r->next;
}

static const struct az_lattr *named(const struct az_lattr *a, const char *name)
{
    for (; a; a = a->next)
        if (a->name.kind == AZ_LV_STRING && strcmp(a->name.text, name) == 0)
            return a;
    return NULL;
}

static bool literal_other(const struct az_lattr *a, const char *want)
{
    return a && a->value.kind == AZ_LV_STRING && strcmp(a->value.text, want) != 0;
}

bool az_lint_subject_foreign(const struct az_lpolicy *p)
{
    return literal_other(named(p->subject, AZ_ATTR_SERVICE_NAME), AZ_SUBJECT_SERVICE) ||
           literal_other(named(p->subject, AZ_ATTR_RESOURCE_TYPE), AZ_SUBJECT_RESOURCE_TYPE);
}

bool az_lint_attr_id_valued(const struct az_lattr *a)
{
    static const char *const names[] = {AZ_ATTR_ACCOUNT_ID, AZ_ATTR_SERVICE_INSTANCE,
                                        AZ_ATTR_RESOURCE_GROUP_ID, "region"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (a->name.kind == AZ_LV_STRING && strcmp(a->name.text, names[i]) == 0)
            return true;
    return false;
}

/* Whether a side has a name, operator or value that is not known where it decides what is
 * authorized (with accounts, also an accountId). */
static bool side_unknown(const struct az_lattr *a, bool accounts)
{
    for (; a; a = a->next) {
        bool account =
            a->name.kind == AZ_LV_STRING && strcmp(a->name.text, AZ_ATTR_ACCOUNT_ID) == 0;
        if (a->name.kind == AZ_LV_REF || a->name.kind == AZ_LV_OTHER || a->op.kind == AZ_LV_REF ||
            (a->value.kind == AZ_LV_REF && (!az_lint_attr_id_valued(a) || (accounts && account))))
            return true;
    }
    return false;
}

bool az_lint_policy_unknown(const struct az_lpolicy *p, bool accounts)
{
    return !az_lint_subject_foreign(p) &&
           (side_unknown(p->subject, accounts) || side_unknown(p->resource, accounts));
}

enum az_lint_account az_lint_account_ref(const char *text)
{
    static const char data[] = "data.ibm_iam_account_settings.", attr[] = ".account_id";
    if (strcmp(text, AZ_LINT_AFTER_APPLY) == 0)
        return AZ_LINT_ACCOUNT_AFTER_APPLY;
    if (strncmp(text, data, sizeof data - 1) == 0) {
        const char *name = text + sizeof data - 1, *end = name;
        while ((*end >= 'a' && *end <= 'z') || (*end >= 'A' && *end <= 'Z') ||
               (*end >= '0' && *end <= '9') || *end == '_' || *end == '-')
            end++;
        if (end > name && strcmp(end, attr) == 0)
            return AZ_LINT_ACCOUNT_CURRENT;
    }
    return strstr(text, "ibm_iam_account_settings") ? AZ_LINT_ACCOUNT_AFTER_APPLY
                                                     : AZ_LINT_ACCOUNT_NAMED;
}
