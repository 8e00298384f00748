/* lint_model.c - the lint model's list helpers (lint_model.h), used by every front end. */
#include "authzc/lint_model.h"

#include <stddef.h>

void az_lint_file_init(struct az_lfile *f, const struct az_source *src)
{
    f->src = src;
    f->policies = NULL;
    f->policies_tail = &f->policies;
    f->suppress = NULL;
    f->suppress_tail = &f->suppress;
    f->refs = NULL;
    f->refs_tail = &f->refs;
    f->calls = NULL;
    f->calls_tail = &f->calls;
    f->referrer = NULL;
    f->recovered = false;
    f->hcl = NULL;
    f->next = NULL;
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
