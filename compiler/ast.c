/* ast.c - constructors and appenders for the intent's nodes (all in the arena). */
#include "authzc/ast.h"

#include "authzc/arena.h"

void az_ast_intent_init(struct az_intent *in)
{
    in->accounts = NULL;
    in->accounts_tail = &in->accounts;
    in->enterprises = NULL;
    in->enterprises_tail = &in->enterprises;
}

struct az_block *az_ast_block_new(struct az_arena *a, enum az_block_kind kind, struct az_loc loc)
{
    struct az_block *b = az_arena_alloc(a, sizeof *b);
    b->kind = kind;
    b->loc = loc;
    b->descriptions_tail = &b->descriptions;
    b->backups_tail = &b->backups;
    b->notifies_tail = &b->notifies;
    b->grants_tail = &b->grants;
    b->assigns_tail = &b->assigns;
    return b;
}

struct az_enterprise *az_ast_enterprise_new(struct az_arena *a, struct az_loc loc)
{
    struct az_enterprise *e = az_arena_alloc(a, sizeof *e);
    e->loc = loc;
    e->children_tail = &e->children;
    e->templates_tail = &e->templates;
    return e;
}

struct az_word *az_ast_word_new(struct az_arena *a, const char *text, struct az_loc loc)
{
    struct az_word *w = az_arena_alloc(a, sizeof *w);
    w->text = text;
    w->loc = loc;
    return w;
}

struct az_grant *az_ast_grant_new(struct az_arena *a, struct az_loc loc)
{
    struct az_grant *g = az_arena_alloc(a, sizeof *g);
    g->loc = loc;
    return g;
}

struct az_assign *az_ast_assign_new(struct az_arena *a, enum az_assign_kind kind,
                                    struct az_loc loc)
{
    struct az_assign *as = az_arena_alloc(a, sizeof *as);
    as->kind = kind;
    as->loc = loc;
    return as;
}

void az_ast_add_account(struct az_intent *in, struct az_block *b)
{
    *in->accounts_tail = b;
    in->accounts_tail = &b->next;
}

void az_ast_add_enterprise(struct az_intent *in, struct az_enterprise *e)
{
    *in->enterprises_tail = e;
    in->enterprises_tail = &e->next;
}

void az_ast_add_child(struct az_enterprise *e, struct az_block *b)
{
    b->enterprise = e;
    *e->children_tail = b;
    e->children_tail = &b->next;
}

void az_ast_add_template(struct az_enterprise *e, struct az_block *b)
{
    b->enterprise = e;
    *e->templates_tail = b;
    e->templates_tail = &b->next;
}

void az_ast_add_description(struct az_block *b, struct az_word *w)
{
    *b->descriptions_tail = w;
    b->descriptions_tail = &w->next;
}

void az_ast_add_backup(struct az_block *b, struct az_word *w)
{
    *b->backups_tail = w;
    b->backups_tail = &w->next;
}

void az_ast_add_notify(struct az_block *b, struct az_word *w)
{
    *b->notifies_tail = w;
    b->notifies_tail = &w->next;
}

void az_ast_add_grant(struct az_block *b, struct az_grant *g)
{
    *b->grants_tail = g;
    b->grants_tail = &g->next;
}

void az_ast_add_assign(struct az_block *b, struct az_assign *as)
{
    *b->assigns_tail = as;
    b->assigns_tail = &as->next;
}
