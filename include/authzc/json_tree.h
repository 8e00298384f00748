/* json_tree.h - read access to the located JSON tree lint_json.c builds, for the front ends
 * that receive it (lint_tfplan.c). Nodes live in a scratch arena that is freed when the JSON
 * front end returns; strings are decoded. */
#ifndef AZ_JSON_TREE_H
#define AZ_JSON_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "authzc/loc.h"

struct az_ctx;
struct az_source;
struct az_jnode;

enum az_jtype { AZ_JT_OBJECT, AZ_JT_ARRAY, AZ_JT_STRING, AZ_JT_NUMBER, AZ_JT_BOOL, AZ_JT_NULL };

enum az_jtype az_jnode_type(const struct az_jnode *n);
/* An object's member value by key (the first one), or NULL (also when n is not an object). */
const struct az_jnode *az_jnode_member(const struct az_jnode *n, const char *key);
/* The first element or member value of a container, and the one after n; NULL at the end. */
const struct az_jnode *az_jnode_first(const struct az_jnode *n);
const struct az_jnode *az_jnode_next(const struct az_jnode *n);
/* A string's decoded text, a number as written, "true"/"false", "null"; NULL for containers.
 * Strings and numbers are interned in the run (ctx->strings): the tree's strings are spans
 * of the text, and the tree is freed once its file's model is built. */
const char *az_jnode_text(struct az_ctx *ctx, const struct az_jnode *n);
/* Whether n is a string equal to s (as strcmp sees the decoded text). */
bool az_jnode_is(const struct az_jnode *n, const char *s);
/* Where the value is (a container: its opening bracket, the length of its first line). */
struct az_loc az_jnode_loc(const struct az_source *src, const struct az_jnode *n);

#endif
