/* lint.c - placeholder: the lint driver is being written. */
#include "authzc/lint.h"

#include <stdio.h>

void az_lint_file_init(struct az_lfile *f, const struct az_source *src)
{
    f->src = src;
    f->policies = NULL;
    f->policies_tail = &f->policies;
    f->suppress = NULL;
    f->suppress_tail = &f->suppress;
    f->refs = NULL;
    f->refs_tail = &f->refs;
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

int az_lint_command(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("authzc lint: error: lint is not part of this build yet\n", stderr);
    return 2;
}
