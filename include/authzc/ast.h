/* ast.h - the intent, as both front ends (DSL and YAML) build it.
 * The AST keeps what the user wrote, with a place for each word; the checker
 * (check.c) validates it against the rule table and lowers it into a plan (plan.h).
 * All nodes and strings live in the run's arena. Lists keep input order. */
#ifndef AZ_AST_H
#define AZ_AST_H

#include <stdbool.h>

#include "authzc/loc.h"

struct az_arena;

/* A word or string as written (escapes already resolved), with its place. */
struct az_word {
    const char *text; /* NUL-terminated; never holds a NUL itself */
    struct az_loc loc;
    struct az_word *next;
};

struct az_grant { /* authorize TARGET as ROLE, ... */
    struct az_loc loc; /* the `authorize` keyword (YAML: the list item) */
    struct az_word target;
    struct az_word *roles; /* at least one */
    struct az_grant *next;
};

enum az_assign_kind { AZ_ASSIGN_ACCOUNT, AZ_ASSIGN_ACCOUNT_GROUP };

struct az_assign { /* assign account "ID" | assign account-group "ID" */
    struct az_loc loc;
    enum az_assign_kind kind;
    struct az_word id;
    struct az_assign *next;
};

enum az_block_kind { AZ_BLOCK_ACCOUNT, AZ_BLOCK_CHILD, AZ_BLOCK_TEMPLATE };

struct az_enterprise;

/* An account, an enterprise child or a template: the statements are the same. */
struct az_block {
    enum az_block_kind kind;
    struct az_loc loc;   /* the block keyword */
    struct az_word name; /* account ID, "current", child ID or template name */
    struct az_word *descriptions; /* every `description` given (the checker wants one) */
    struct az_word *backups;      /* group words: volumes, shares, all */
    struct az_word *notifies;     /* Event Notifications instance GUIDs */
    struct az_grant *grants;
    struct az_assign *assigns;    /* templates only (the checker says so otherwise) */
    struct az_enterprise *enterprise; /* parent, for children and templates */
    struct az_block *next;
    /* tails for O(1) appends */
    struct az_word **descriptions_tail, **backups_tail, **notifies_tail;
    struct az_grant **grants_tail;
    struct az_assign **assigns_tail;
};

struct az_enterprise {
    struct az_loc loc;
    struct az_word id;
    struct az_block *children, **children_tail;
    struct az_block *templates, **templates_tail;
    struct az_enterprise *next;
};

/* One intent: every file of a run appends to the same one, in command-line order. */
struct az_intent {
    struct az_block *accounts, **accounts_tail;
    struct az_enterprise *enterprises, **enterprises_tail;
};

void az_ast_intent_init(struct az_intent *in);
/* Constructors: zeroed nodes with their tails set; the caller fills in the rest. */
struct az_block *az_ast_block_new(struct az_arena *a, enum az_block_kind kind, struct az_loc loc);
struct az_enterprise *az_ast_enterprise_new(struct az_arena *a, struct az_loc loc);
struct az_word *az_ast_word_new(struct az_arena *a, const char *text, struct az_loc loc);
struct az_grant *az_ast_grant_new(struct az_arena *a, struct az_loc loc);
struct az_assign *az_ast_assign_new(struct az_arena *a, enum az_assign_kind kind,
                                    struct az_loc loc);

/* Appenders (keep input order). */
void az_ast_add_account(struct az_intent *in, struct az_block *b);
void az_ast_add_enterprise(struct az_intent *in, struct az_enterprise *e);
void az_ast_add_child(struct az_enterprise *e, struct az_block *b);
void az_ast_add_template(struct az_enterprise *e, struct az_block *b);
void az_ast_add_description(struct az_block *b, struct az_word *w);
void az_ast_add_backup(struct az_block *b, struct az_word *w);
void az_ast_add_notify(struct az_block *b, struct az_word *w);
void az_ast_add_grant(struct az_block *b, struct az_grant *g);
void az_ast_add_assign(struct az_block *b, struct az_assign *as);

#endif
