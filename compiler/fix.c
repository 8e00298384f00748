/* fix.c - fixes attached to diagnostics (fix.h): the edits, placed in the file that holds
 * them, and which IDs may carry one. */
#include "authzc/fix.h"

#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/source.h"

/* The IDs whose findings can carry a fix: each has golden before/after cases. */
static const enum az_diag_id fixable[] = {
    /* lint_check.c (issue 16): type, service names, stringExists values, operators */
    AZ_D_LINT_POLICY_TYPE,
    AZ_D_LINT_SERVICE_NAME,
    AZ_D_LINT_STRING_EXISTS,
    AZ_D_LINT_OPERATOR,
    AZ_D_UNKNOWN_ROLE,       /* a role differing only in case, spaces, '-' (lint_fix.c) */
    AZ_D_ROLE_MISSING,       /* the missing role added to a literal list (lint_fix.c) */
    AZ_D_ROLE_WRONG_SERVICE, /* a role CRN in the wrong namespace (lint_fix.c) */
    AZ_D_LINT_RESOURCE_TYPE, /* a near miss of the three resource types (lint_hcl.c) */
    AZ_D_LINT_CLI_FLAG,      /* a flag with words left out, one certain flag (lint_sh.c) */
    AZ_D_LINT_ROLES_JOINED,  /* one element per role (lint_fix.c) */
    AZ_D_LINT_ROLE_FORM,     /* the format's spelling of the role (lint_fix.c) */
};

bool az_fix_id_fixable(enum az_diag_id id)
{
    for (size_t i = 0; i < sizeof fixable / sizeof fixable[0]; i++)
        if (fixable[i] == id)
            return true;
    return false;
}

void az_fix_drop(struct az_diag *d)
{
    if (!d)
        return;
    d->fix = NULL;
    d->fix_dropped = true;
}

/* Byte offset of (line, col) in src, or -1 when it is not inside the text. */
static long long offset_of(const struct az_source *src, uint32_t line, uint32_t col)
{
    if (!src || line == 0 || line > src->nlines || col == 0)
        return -1;
    size_t off = (size_t)az_source_line_start(src, line) + (col - 1);
    return off <= src->len ? (long long)off : -1;
}

/* Bytes that would change what the shell quoting around a child source (a single-quoted
 * word or a here-document, lint_sh.c) means. */
static bool safe_in_child(const char *text)
{
    return strpbrk(text, "'$`\\\n\r") == NULL;
}

static bool add_edit(struct az_ctx *ctx, struct az_diag *d, struct az_loc at, size_t len,
                     const char *text)
{
    if (!d || d->fix_dropped || !text)
        return false;
    if (!az_fix_id_fixable(d->diag) || !at.src) {
        az_fix_drop(d);
        return false;
    }
    long long off = offset_of(at.src, at.line, at.col);
    const struct az_source *src = at.src;
    if (off < 0 || (size_t)off + len > src->len) {
        az_fix_drop(d);
        return false;
    }
    /* A child source is a verbatim slice of its parent: move the edit up the chain. */
    while (src->parent) {
        if (!safe_in_child(text)) {
            az_fix_drop(d);
            return false;
        }
        long long base = offset_of(src->parent, src->origin_line, src->origin_col);
        if (base < 0) {
            az_fix_drop(d);
            return false;
        }
        off += base;
        src = src->parent;
    }
    struct az_edit *e = az_arena_alloc(ctx->arena, sizeof *e);
    e->src = src;
    e->off = (size_t)off;
    e->len = len;
    e->text = az_arena_strdup(ctx->arena, text);
    struct az_edit **tail = &d->fix;
    while (*tail)
        tail = &(*tail)->next;
    *tail = e;
    return true;
}

bool az_fix_replace(struct az_ctx *ctx, struct az_diag *d, struct az_loc at, const char *text)
{
    return add_edit(ctx, d, at, at.len, text);
}

bool az_fix_insert(struct az_ctx *ctx, struct az_diag *d, struct az_loc at, const char *text)
{
    return add_edit(ctx, d, at, 0, text);
}
