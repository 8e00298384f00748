/* import.c - `authzc import` (import.h): the Backup for VPC policies of live exports as an
 * intent that compiles back to them.
 *
 * Policies are grouped into blocks: an account (subject accountId = resource accountId), an
 * enterprise child (subject = the enterprise), a template set (templates named
 * "<set>-<target>", as `compile` names them, with their assignments). In each block a whole
 * `backup` group with exactly the rule table's roles becomes `backup volumes`, `shares` or
 * `all` (in a child or a template set only together with its backup-policy authorization,
 * which `backup` adds there); Event Notifications instances with Event Source Manager become
 * `notify`; every other policy an `authorize` with its live roles, so that `authzc check`
 * reports roles that differ from the rule table. What an intent cannot say (a scope narrowed to one resource,
 * a target outside the rule table, no accountId, a duplicate) is listed in the header
 * comment and passed over. */
#include "authzc/import.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/live.h"
#include "authzc/outbuf.h"
#include "authzc/rules.h"
#include "authzc/strmap.h"

enum ukind { U_ACCOUNT, U_CHILD, U_TEMPLATE };

struct unit {
    enum ukind kind;
    const char *enterprise; /* child, template: the enterprise account */
    const char *key;        /* account ID, or the template set's name */
    const struct az_live_policy *by_target[AZ_TARGET_COUNT];
    const struct az_live_policy **ens; /* Event Notifications, one per instance */
    size_t nens, ens_cap;
    const char **assign_types, **assign_ids; /* templates */
    size_t nassigns, assigns_cap;
};

struct importer {
    struct az_ctx *ctx;
    const struct az_live *live;
    struct az_outbuf *out;
    bool yaml;
    struct az_strmap units;   /* "kind\x1f enterprise \x1f key" -> unit */
    struct az_strmap ens;     /* unit key + instance -> seen */
    struct unit **v;
    size_t n, cap;
    const char **skipped; /* header lines: what was passed over */
    size_t nskipped, skipped_cap;
    size_t imported;
};

static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 16;
    void *nv = realloc(v, *cap * size);
    if (!nv) {
        fputs("authzc: error: out of memory\n", stderr);
        abort();
    }
    return nv;
}

static void skip(struct importer *im, const struct az_live_policy *lp, const char *why)
{
    im->skipped = grow(im->skipped, &im->skipped_cap, im->nskipped, sizeof *im->skipped);
    const char *what = lp->target && !lp->narrowed ? lp->target->name : lp->other;
    im->skipped[im->nskipped++] =
        az_arena_printf(im->ctx->arena, "%s%s%s%s: %s", lp->tmpl ? "template " : "",
                        lp->tmpl ? lp->tmpl_name : "", lp->tmpl ? ", " : "", what, why);
}

static struct unit *unit_for(struct importer *im, enum ukind kind, const char *enterprise,
                             const char *key)
{
    const char *k = az_arena_concat(im->ctx->arena, kind == U_ACCOUNT ? "a" : kind == U_CHILD ? "c" : "t",
                                    "\x1f", enterprise ? enterprise : "", "\x1f", key, (char *)NULL);
    struct unit **slot = (struct unit **)az_strmap_slot(&im->units, k);
    if (!*slot) {
        struct unit *u = az_arena_alloc(im->ctx->arena, sizeof *u);
        u->kind = kind;
        u->enterprise = enterprise;
        u->key = key;
        im->v = grow(im->v, &im->cap, im->n, sizeof *im->v);
        im->v[im->n++] = u;
        *slot = u;
    }
    return *slot;
}

/* The template set a template belongs to: its name without "-<target>". */
static const char *set_name(struct importer *im, const struct az_live_policy *lp)
{
    size_t n = strlen(lp->tmpl_name), m = strlen(lp->target->name);
    if (n > m + 1 && lp->tmpl_name[n - m - 1] == '-' &&
        strcmp(lp->tmpl_name + n - m, lp->target->name) == 0)
        return az_arena_strndup(im->ctx->arena, lp->tmpl_name, n - m - 1);
    return lp->tmpl_name;
}

static void add_assignments(struct importer *im, struct unit *u, const struct az_live_policy *lp)
{
    for (size_t i = 0; i < im->live->nassigns; i++) {
        const struct az_live_assign *as = &im->live->assigns[i];
        if (!lp->tmpl_id[0] || strcmp(as->template_id, lp->tmpl_id) != 0)
            continue;
        bool seen = false;
        for (size_t k = 0; k < u->nassigns && !seen; k++)
            seen = strcmp(u->assign_types[k], as->type) == 0 &&
                   strcmp(u->assign_ids[k], as->target) == 0;
        if (seen)
            continue;
        size_t cap = u->assigns_cap;
        u->assign_types = grow(u->assign_types, &cap, u->nassigns, sizeof *u->assign_types);
        u->assign_ids = grow(u->assign_ids, &u->assigns_cap, u->nassigns, sizeof *u->assign_ids);
        /* kept sorted (type, then ID), so the order of the exports does not show */
        size_t at = u->nassigns;
        while (at > 0 && (strcmp(u->assign_types[at - 1], as->type) > 0 ||
                          (strcmp(u->assign_types[at - 1], as->type) == 0 &&
                           strcmp(u->assign_ids[at - 1], as->target) > 0))) {
            u->assign_types[at] = u->assign_types[at - 1];
            u->assign_ids[at] = u->assign_ids[at - 1];
            at--;
        }
        u->assign_types[at] = as->type;
        u->assign_ids[at] = as->target;
        u->nassigns++;
    }
}

/* Whether s holds a byte no intent string may (a control character, DEL). */
static bool unsayable(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
            return true;
    return false;
}

static void place(struct importer *im, const struct az_live_policy *lp)
{
    if (unsayable(lp->subj) || unsayable(lp->res) || unsayable(lp->instance) ||
        unsayable(lp->tmpl_name) || unsayable(lp->tmpl_account)) {
        skip(im, lp, "an account, instance or template name with control characters");
        return;
    }
    if (!lp->target || lp->narrowed) {
        skip(im, lp, lp->narrowed ? "narrower than every resource; not imported"
                                  : "not a Backup for VPC target of the rule table");
        return;
    }
    if (!lp->roles && !lp->nunknown) {
        skip(im, lp, "grants no role");
        return;
    }
    struct unit *u;
    if (lp->tmpl) {
        u = unit_for(im, U_TEMPLATE, lp->tmpl_account, set_name(im, lp));
    } else if (!lp->subj[0] || !lp->res[0]) {
        skip(im, lp, "no accountId in its subject or resource");
        return;
    } else if (strcmp(lp->subj, lp->res) == 0) {
        u = unit_for(im, U_ACCOUNT, NULL, lp->res);
    } else {
        u = unit_for(im, U_CHILD, lp->subj, lp->res);
    }
    if (lp->target->flags & AZ_PER_INSTANCE) {
        const char *k = az_arena_concat(im->ctx->arena, u->key, "\x1f", u->enterprise ? u->enterprise : "",
                                        "\x1f", lp->instance, (char *)NULL);
        void **slot = az_strmap_slot(&im->ens, k);
        if (*slot) {
            skip(im, lp, "a duplicate");
            return;
        }
        *slot = (void *)lp;
        u->ens = grow(u->ens, &u->ens_cap, u->nens, sizeof *u->ens);
        u->ens[u->nens++] = lp;
    } else if (u->by_target[lp->target->kind]) {
        skip(im, lp, "a duplicate");
        return;
    } else {
        u->by_target[lp->target->kind] = lp;
    }
    if (lp->tmpl)
        add_assignments(im, u, lp);
    im->imported++;
}

static bool exact(const struct unit *u, const struct az_target *t)
{
    const struct az_live_policy *lp = u->by_target[t->kind];
    return lp && !lp->nunknown && lp->roles == t->roles;
}

/* Whether every target of a group (flag) is there with exactly its roles. */
static bool whole(const struct unit *u, unsigned flag)
{
    for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
        if ((az_targets[i].flags & flag) && !exact(u, &az_targets[i]))
            return false;
    return true;
}

static int by_key(const void *a, const void *b)
{
    const struct unit *x = *(const struct unit *const *)a, *y = *(const struct unit *const *)b;
    /* Accounts first; then per enterprise its children, then its templates. */
    if ((x->kind == U_ACCOUNT) != (y->kind == U_ACCOUNT))
        return x->kind == U_ACCOUNT ? -1 : 1;
    if (x->kind != U_ACCOUNT) {
        int c = strcmp(x->enterprise ? x->enterprise : "", y->enterprise ? y->enterprise : "");
        if (c)
            return c;
        if (x->kind != y->kind)
            return x->kind == U_CHILD ? -1 : 1;
    }
    return strcmp(x->key, y->key);
}

/* ---- writing ---------------------------------------------------------------------------- */

/* A double-quoted string: the DSL and YAML both take \" and \\. Control characters never
 * reach here (place() passes such policies over; other text went through the reader's
 * printable()); were one to, YAML gets \xNN and the DSL, which has no such escape, drops it,
 * so the output stays well-formed. */
static void put_str(struct importer *im, const char *s)
{
    az_outbuf_putc(im->out, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            az_outbuf_putc(im->out, '\\');
            az_outbuf_putc(im->out, (char)c);
        } else if (c < 0x20 || c == 0x7f) {
            if (im->yaml)
                az_outbuf_printf(im->out, "\\x%02x", c);
        } else {
            az_outbuf_putc(im->out, (char)c);
        }
    }
    az_outbuf_putc(im->out, '"');
}

/* A role: a display name of the rule table (quoted when it has a space), or a spelling the
 * table does not know, quoted as written. */
static void put_role(struct importer *im, const char *role, bool known)
{
    if (known && !strchr(role, ' '))
        az_outbuf_puts(im->out, role);
    else
        put_str(im, role);
}

static void put_roles(struct importer *im, const struct az_live_policy *lp)
{
    bool first = true;
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++)
        if (lp->roles & (1u << i)) {
            az_outbuf_puts(im->out, first ? "" : ", ");
            put_role(im, az_roles[i].display, true);
            first = false;
        }
    for (size_t i = 0; i < lp->nunknown; i++) {
        az_outbuf_puts(im->out, first ? "" : ", ");
        put_role(im, lp->unknown[i], false);
        first = false;
    }
}

/* The statements of one block at indent (spaces). */
static void put_body(struct importer *im, const struct unit *u, int indent)
{
    struct az_outbuf *o = im->out;
    /* `backup` in a child or a template also grants backup-policy (Editor) */
    bool adds_bp = u->kind == U_CHILD || u->kind == U_TEMPLATE;
    bool implied = !adds_bp || exact(u, &az_targets[AZ_TARGET_BACKUP_POLICY]);
    bool vols = implied && whole(u, AZ_IN_VOLUMES), shares = implied && whole(u, AZ_IN_SHARES);
    bool done[AZ_TARGET_COUNT] = {false};
    for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
        done[i] = ((az_targets[i].flags & AZ_IN_VOLUMES) && vols) ||
                  ((az_targets[i].flags & AZ_IN_SHARES) && shares) ||
                  (adds_bp && i == AZ_TARGET_BACKUP_POLICY && (vols || shares));
    if (vols || shares) {
        const char *g = vols && shares ? "all" : vols ? "volumes" : "shares";
        az_outbuf_printf(o, im->yaml ? "%*sbackup: [%s]\n" : "%*sbackup %s\n", indent, "", g);
    }
    bool any_en = false;
    for (size_t i = 0; i < u->nens; i++) {
        const struct az_live_policy *lp = u->ens[i];
        const struct az_target *t = lp->target;
        if (im->yaml) {
            if (!any_en)
                az_outbuf_printf(o, "%*snotify:\n", indent, "");
            az_outbuf_printf(o, "%*s- ", indent + 2, "");
        } else {
            az_outbuf_printf(o, "%*snotify ", indent, "");
        }
        any_en = true;
        put_str(im, lp->instance);
        if (lp->nunknown || lp->roles != t->roles)
            az_outbuf_printf(o, "  # live roles: %s (notify grants %s)",
                             az_live_roles_text(im->ctx, lp),
                             az_rules_roles_text(im->ctx->arena, t->roles));
        az_outbuf_putc(o, '\n');
    }
    bool any = false;
    for (size_t i = 0; i < AZ_TARGET_COUNT; i++) {
        const struct az_live_policy *lp = u->by_target[i];
        if (!lp || done[i])
            continue;
        if (im->yaml) {
            if (!any)
                az_outbuf_printf(o, "%*sauthorize:\n", indent, "");
            az_outbuf_printf(o, "%*s- {target: %s, roles: [", indent + 2, "", az_targets[i].name);
            put_roles(im, lp);
            az_outbuf_puts(o, "]}\n");
        } else {
            az_outbuf_printf(o, "%*sauthorize %s as ", indent, "", az_targets[i].name);
            put_roles(im, lp);
            az_outbuf_putc(o, '\n');
        }
        any = true;
    }
    bool any_assign = false;
    for (size_t i = 0; i < u->nassigns; i++) {
        const char *kw = strcmp(u->assign_types[i], "Account") == 0        ? "account"
                         : strcmp(u->assign_types[i], "AccountGroup") == 0 ? "account-group"
                                                                           : NULL;
        if (!kw) {
            az_outbuf_printf(o, "%*s# not imported: an assignment to target type '%s'\n", indent,
                             "", u->assign_types[i]);
            continue;
        }
        if (im->yaml) {
            if (!any_assign)
                az_outbuf_printf(o, "%*sassign:\n", indent, "");
            any_assign = true;
            az_outbuf_printf(o, "%*s- {%s: ", indent + 2, "", kw);
            put_str(im, u->assign_ids[i]);
            az_outbuf_puts(o, "}\n");
        } else {
            az_outbuf_printf(o, "%*sassign %s ", indent, "", kw);
            put_str(im, u->assign_ids[i]);
            az_outbuf_putc(o, '\n');
        }
    }
}

static void put_header(struct importer *im)
{
    struct az_outbuf *o = im->out;
    size_t accounts = 0, children = 0, templates = 0;
    for (size_t i = 0; i < im->n; i++) {
        accounts += im->v[i]->kind == U_ACCOUNT;
        children += im->v[i]->kind == U_CHILD;
        templates += im->v[i]->kind == U_TEMPLATE;
    }
    az_outbuf_printf(o,
                     "# Imported by authzc from %zu export%s: %zu Backup for VPC polic%s\n"
                     "# (%zu account%s, %zu enterprise child%s, %zu template set%s).\n",
                     im->live->files, im->live->files == 1 ? "" : "s", im->imported,
                     im->imported == 1 ? "y" : "ies", accounts, accounts == 1 ? "" : "s",
                     children, children == 1 ? "" : "ren", templates, templates == 1 ? "" : "s");
    size_t other = im->live->other_subjects + im->live->other_types;
    az_outbuf_printf(o,
                     "# Passed over: %zu polic%s whose subject is not Backup for VPC, %zu an "
                     "intent cannot say%s\n",
                     other, other == 1 ? "y" : "ies", im->nskipped, im->nskipped ? ":" : ".");
    for (size_t i = 0; i < im->nskipped; i++)
        az_outbuf_printf(o, "#   %s\n", im->skipped[i]);
    az_outbuf_puts(o, "# 'authzc check' reports what differs from the rule table.\n");
    if (im->yaml)
        az_outbuf_putc(o, '\n');
}

static void put_dsl(struct importer *im)
{
    struct az_outbuf *o = im->out;
    const char *ent = NULL;
    for (size_t i = 0; i < im->n; i++) {
        const struct unit *u = im->v[i];
        if (u->kind == U_ACCOUNT) {
            AZ_OUTBUF_LIT(o, "\naccount ");
            put_str(im, u->key);
            AZ_OUTBUF_LIT(o, " {\n");
            put_body(im, u, 4);
            AZ_OUTBUF_LIT(o, "}\n");
            continue;
        }
        if (!ent || strcmp(ent, u->enterprise) != 0) {
            if (ent)
                AZ_OUTBUF_LIT(o, "}\n");
            AZ_OUTBUF_LIT(o, "\nenterprise ");
            put_str(im, u->enterprise);
            AZ_OUTBUF_LIT(o, " {\n");
            ent = u->enterprise;
        } else {
            az_outbuf_putc(o, '\n');
        }
        az_outbuf_puts(o, u->kind == U_CHILD ? "    child " : "    template ");
        put_str(im, u->key);
        AZ_OUTBUF_LIT(o, " {\n");
        put_body(im, u, 8);
        AZ_OUTBUF_LIT(o, "    }\n");
    }
    if (ent)
        AZ_OUTBUF_LIT(o, "}\n");
}

static void put_yaml(struct importer *im)
{
    struct az_outbuf *o = im->out;
    const char *ent = NULL;
    enum ukind section = U_ACCOUNT;
    bool accounts = false;
    for (size_t i = 0; i < im->n; i++) {
        const struct unit *u = im->v[i];
        if (u->kind == U_ACCOUNT) {
            if (!accounts)
                AZ_OUTBUF_LIT(o, "accounts:\n");
            accounts = true;
            AZ_OUTBUF_LIT(o, "  - id: ");
            put_str(im, u->key);
            az_outbuf_putc(o, '\n');
            put_body(im, u, 4);
            continue;
        }
        if (!ent) {
            AZ_OUTBUF_LIT(o, "enterprises:\n");
        }
        if (!ent || strcmp(ent, u->enterprise) != 0) {
            AZ_OUTBUF_LIT(o, "  - id: ");
            put_str(im, u->enterprise);
            az_outbuf_putc(o, '\n');
            ent = u->enterprise;
            section = U_ACCOUNT;
        }
        if (u->kind != section) {
            az_outbuf_puts(o, u->kind == U_CHILD ? "    children:\n" : "    templates:\n");
            section = u->kind;
        }
        az_outbuf_puts(o, u->kind == U_CHILD ? "      - id: " : "      - name: ");
        put_str(im, u->key);
        az_outbuf_putc(o, '\n');
        put_body(im, u, 8);
    }
    if (!im->n)
        AZ_OUTBUF_LIT(o, "accounts: []\n");
}

int az_import_write(struct az_ctx *ctx, const struct az_live *live, bool yaml, FILE *f)
{
    struct az_outbuf out;
    az_outbuf_init_file(&out, f);
    struct importer im = {.ctx = ctx, .live = live, .out = &out, .yaml = yaml};
    for (size_t i = 0; i < live->n; i++)
        place(&im, &live->v[i]);
    if (im.n > 1)
        qsort(im.v, im.n, sizeof *im.v, by_key);
    put_header(&im);
    if (yaml)
        put_yaml(&im);
    else
        put_dsl(&im);
    for (size_t i = 0; i < im.n; i++) {
        free(im.v[i]->ens);
        free(im.v[i]->assign_types);
        free(im.v[i]->assign_ids);
    }
    free(im.v);
    free(im.skipped);
    az_strmap_free(&im.units);
    az_strmap_free(&im.ens);
    errno = 0;
    if (az_outbuf_flush(&out) != 0 || fflush(f) != 0 || ferror(f)) {
        az_diag_fatal(ctx, "cannot write the intent: %s", errno ? strerror(errno) : "write error");
        return -1;
    }
    return 0;
}
