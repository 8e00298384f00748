/* check.c - the checker: validates the intent against the rule table and lowers it into
 * the plan (plan.h) that every emitter reads (nftables' evaluate.c).
 *
 * One pass over the blocks. Each block is folded into a "unit": the account, child or
 * template it stands for, keyed by ID or name, so repeated blocks for the same account
 * merge (and disagreements are reported). Units keep, per target, the roles granted and
 * the place that asked first. Then every unit is lowered, in order of first appearance,
 * into policies: targets in rule-table order, Event Notifications instances in input order.
 * Time and memory are linear in the input (hash maps for the keys). */
#include "authzc/check.h"

#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ast.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/plan.h"
#include "authzc/rules.h"
#include "authzc/suggest.h"
#include "authzc/strmap.h"


/* ---- units ------------------------------------------------------------------------------ */

struct en_grant {
    const char *guid;
    struct az_loc loc;
    struct en_grant *next;
};

struct unit_assign {
    enum az_assign_kind kind;
    const char *id;
    struct az_loc loc;
    struct unit_assign *next;
};

struct unit {
    enum az_scope scope;
    const char *key;        /* account ID ("current" for current), or "enterprise/template" */
    const char *account;    /* creation account; NULL = current */
    const char *enterprise; /* children and templates */
    const char *tmpl_name;  /* templates */
    bool from_current;
    const struct az_block *first;
    const struct az_word *description; /* the first one given, or NULL */
    az_roleset roles[AZ_TARGET_COUNT];
    struct az_loc where[AZ_TARGET_COUNT]; /* first place that asked for the target */
    bool has[AZ_TARGET_COUNT];
    bool by_backup; /* some target came from `backup` */
    bool failed;    /* a statement was refused: completeness would only echo it */
    struct en_grant *ens, **ens_tail;
    struct unit_assign *assigns, **assigns_tail;
    struct unit *next;
};

struct checker {
    struct az_ctx *ctx;
    const struct az_check_opts *opts;
    struct unit *units, **units_tail;
    struct az_strmap accounts;  /* account key -> unit (plain accounts) */
    struct az_strmap children;  /* child ID -> unit */
    struct az_strmap templates; /* "enterprise/name" -> unit */
    struct az_strmap names;     /* plan names in use */
    /* "unit/GUID" and "unit/kind/ID" -> the first notify or assign: duplicates are found
     * in constant time, so a template assigned to 100,000 accounts stays linear. */
    struct az_strmap members;
};

/* ---- value checks ----------------------------------------------------------------------- */

static bool is_hex_lower(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static bool is_guid(const char *s)
{
    static const unsigned groups[] = {8, 4, 4, 4, 12};
    for (size_t g = 0; g < 5; g++) {
        for (unsigned i = 0; i < groups[g]; i++, s++)
            if (!is_hex_lower(*s))
                return false;
        if (g < 4 && *s++ != '-')
            return false;
    }
    return *s == '\0';
}

static bool is_assign_id(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-'))
            return false;
    }
    return n >= 1 && n <= 32;
}

static bool is_template_name(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ' '))
            return false;
    }
    return n >= 1 && n <= 240;
}

/* Characters (not bytes) in a UTF-8 string; -1 if it holds a control character. */
static long text_chars(const char *s)
{
    long n = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f)
            return -1;
        if ((c & 0xC0) != 0x80)
            n++;
    }
    return n;
}

/* The GUID a user probably meant: the lowercase spelling of an uppercase GUID, or the
 * instance GUID inside a service instance CRN (its second-to-last ':' field). */
static const char *guid_hint(struct az_arena *a, const char *s)
{
    char *low = az_arena_strdup(a, s);
    for (char *p = low; *p; p++)
        if (*p >= 'A' && *p <= 'F')
            *p = (char)(*p + 32);
    if (is_guid(low))
        return low;
    if (strncmp(s, "crn:", 4) != 0)
        return NULL;
    /* crn:v1:bluemix:public:SERVICE:REGION:a/ACCOUNT:GUID:: */
    const char *field = s;
    for (int i = 0; i < 7 && field; i++) {
        field = strchr(field, ':');
        if (field)
            field++;
    }
    if (!field)
        return NULL;
    const char *end = strchr(field, ':');
    char *guid = az_arena_strndup(a, field, end ? (size_t)(end - field) : strlen(field));
    return is_guid(guid) ? guid : NULL;
}

/* ---- units ------------------------------------------------------------------------------- */

static struct unit *unit_new(struct checker *ck, enum az_scope scope, const char *key,
                             const struct az_block *b)
{
    struct unit *u = az_arena_alloc(ck->ctx->arena, sizeof *u);
    u->scope = scope;
    u->key = key;
    u->first = b;
    u->ens_tail = &u->ens;
    u->assigns_tail = &u->assigns;
    *ck->units_tail = u;
    ck->units_tail = &u->next;
    return u;
}

static const char *block_what(const struct az_block *b)
{
    return b->kind == AZ_BLOCK_ACCOUNT ? "account" : b->kind == AZ_BLOCK_CHILD ? "child" : "template";
}

/* Grants target with roles in unit u; reports a duplicate when nothing is new.
 * Returns true when the grant added something. */
static bool unit_grant(struct unit *u, const struct az_target *t, az_roleset roles,
                       struct az_loc loc)
{
    size_t k = t->kind;
    if (u->has[k] && (u->roles[k] & roles) == roles)
        return false;
    if (!u->has[k]) {
        u->has[k] = true;
        u->where[k] = loc;
    }
    u->roles[k] |= roles;
    return true;
}

static void dup_warning(struct checker *ck, struct az_loc loc, struct az_loc first,
                        const char *msg)
{
    struct az_diag *d = az_diag_report(ck->ctx, AZ_D_DUPLICATE, loc, "%s", msg);
    if (first.src)
        az_diag_note(ck->ctx, d, first, "first granted here");
}

/* ---- statements -------------------------------------------------------------------------- */

static void check_description(struct checker *ck, struct unit *u, const struct az_block *b)
{
    for (const struct az_word *w = b->descriptions; w; w = w->next) {
        long n = text_chars(w->text);
        if (n < 0 || n > 300) {
            az_diag_report(ck->ctx, AZ_D_BAD_DESCRIPTION, w->loc,
                           n < 0 ? "description holds a control character"
                                 : "description is %ld characters long; IAM allows at most 300",
                           n);
            continue;
        }
        if (!u->description) {
            u->description = w;
        } else if (strcmp(u->description->text, w->text) == 0) {
            struct az_diag *d = az_diag_report(ck->ctx, AZ_D_DUPLICATE, w->loc,
                                               "the same description is given again");
            az_diag_note(ck->ctx, d, u->description->loc, "first given here");
        } else {
            struct az_diag *d =
                az_diag_report(ck->ctx, AZ_D_ACCOUNT_CONFLICT, w->loc,
                               "a second, different description for %s '%s'", block_what(b),
                               b->name.text);
            az_diag_note(ck->ctx, d, u->description->loc, "the first description is here");
        }
    }
}

static void check_backups(struct checker *ck, struct unit *u, const struct az_block *b)
{
    for (const struct az_word *w = b->backups; w; w = w->next) {
        unsigned flags;
        if (strcmp(w->text, "volumes") == 0)
            flags = AZ_IN_VOLUMES;
        else if (strcmp(w->text, "shares") == 0)
            flags = AZ_IN_SHARES;
        else if (strcmp(w->text, "all") == 0)
            flags = AZ_IN_VOLUMES | AZ_IN_SHARES;
        else {
            static const char *const groups[] = {"volumes", "shares", "all"};
            const char *best = NULL;
            if (strcmp(w->text, "volume") == 0 || strcmp(w->text, "block") == 0)
                best = "volumes";
            else if (strcmp(w->text, "share") == 0 || strcmp(w->text, "file") == 0 ||
                     strcmp(w->text, "files") == 0)
                best = "shares";
            else
                best = az_suggest_best(w->text, groups, 3);
            if (best)
                az_diag_report(ck->ctx, AZ_D_UNKNOWN_GROUP, w->loc,
                               "unknown backup group '%s'; did you mean '%s'?", w->text, best);
            else
                az_diag_report(ck->ctx, AZ_D_UNKNOWN_GROUP, w->loc,
                               "unknown backup group '%s'; expected volumes, shares or all",
                               w->text);
            u->failed = true;
            continue;
        }
        bool added = false;
        struct az_loc first = {0};
        for (size_t i = 0; i < AZ_TARGET_COUNT; i++) {
            const struct az_target *t = &az_targets[i];
            if (!(t->flags & flags))
                continue;
            if (u->has[i] && !first.src)
                first = u->where[i];
            added |= unit_grant(u, t, t->roles, w->loc);
        }
        /* Enterprise-managed backups need this one too: in a child, and in a template (IBM's
         * table for authorization templates lists Backup for VPC -> Backup for VPC, Editor). */
        if (b->kind == AZ_BLOCK_CHILD || b->kind == AZ_BLOCK_TEMPLATE)
            added |= unit_grant(u, &az_targets[AZ_TARGET_BACKUP_POLICY],
                                az_targets[AZ_TARGET_BACKUP_POLICY].roles, w->loc);
        u->by_backup = true;
        if (!added)
            dup_warning(ck, w->loc, first,
                        az_arena_printf(ck->ctx->arena,
                                        "'backup %s' grants nothing new; it is removed", w->text));
    }
}

static void check_notifies(struct checker *ck, struct unit *u, const struct az_block *b)
{
    for (const struct az_word *w = b->notifies; w; w = w->next) {
        if (b->kind == AZ_BLOCK_TEMPLATE) {
            az_diag_report(ck->ctx, AZ_D_NOT_IN_TEMPLATE, w->loc,
                           "'notify' cannot go into a template: an Event Notifications "
                           "instance lives in one account; put it into an account or child");
            continue;
        }
        if (!is_guid(w->text)) {
            const char *hint = guid_hint(ck->ctx->arena, w->text);
            if (hint)
                az_diag_report(ck->ctx, AZ_D_BAD_GUID, w->loc,
                               "'%s' is not an Event Notifications instance GUID; did you mean "
                               "'%s'?",
                               w->text, hint);
            else
                az_diag_report(ck->ctx, AZ_D_BAD_GUID, w->loc,
                               "'%s' is not an Event Notifications instance GUID "
                               "(8-4-4-4-12 lowercase hexadecimal digits)",
                               w->text);
            continue;
        }
        void **slot = az_strmap_slot(&ck->members,
                                     az_arena_printf(ck->ctx->arena, "%p/%s", (void *)u, w->text));
        const struct en_grant *dup = *slot;
        if (dup) {
            dup_warning(ck, w->loc, dup->loc,
                        az_arena_printf(ck->ctx->arena,
                                        "'notify %s' is given twice; the copy is removed",
                                        w->text));
            continue;
        }
        struct en_grant *e = az_arena_alloc(ck->ctx->arena, sizeof *e);
        e->guid = w->text;
        e->loc = w->loc;
        *slot = e;
        *u->ens_tail = e;
        u->ens_tail = &e->next;
    }
}

/* The right CRN when crn names a known role ID in the wrong namespace; else NULL. */
static const struct az_role *crn_misplaced(const char *crn)
{
    if (strncmp(crn, "crn:", 4) != 0)
        return NULL;
    const char *last = strrchr(crn, ':');
    if (!last)
        return NULL;
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++)
        if (strcmp(az_roles[i].id, last + 1) == 0)
            return &az_roles[i];
    return NULL;
}

/* Resolves one grant's roles; returns false after reporting a problem. */
static bool check_roles(struct checker *ck, const struct az_grant *g, const struct az_target *t,
                        az_roleset *out)
{
    bool ok = true;
    az_roleset set = 0;
    for (const struct az_word *r = g->roles; r; r = r->next) {
        const struct az_role *role = az_rules_role(r->text);
        if (!role) {
            const struct az_role *right = crn_misplaced(r->text);
            if (right) {
                az_diag_report(ck->ctx, AZ_D_ROLE_WRONG_SERVICE, r->loc,
                               "'%s' is not the CRN of %s; did you mean '%s'?", r->text,
                               right->display, right->crn);
            } else if (strchr(r->text, ',')) {
                az_diag_report(ck->ctx, AZ_D_UNKNOWN_ROLE, r->loc,
                               "'%s' holds several roles in one string; write them as a list: "
                               "Editor, \"Share Snapshot Operator\"",
                               r->text);
            } else {
                const char *best = az_rules_suggest_role(r->text);
                if (best)
                    az_diag_report(ck->ctx, AZ_D_UNKNOWN_ROLE, r->loc,
                                   "unknown role '%s'; did you mean '%s'?", r->text, best);
                else
                    az_diag_report(ck->ctx, AZ_D_UNKNOWN_ROLE, r->loc,
                                   "unknown role '%s' ('authzc rules' lists the roles)", r->text);
            }
            ok = false;
            continue;
        }
        if (!az_rules_role_applies(role, t)) {
            az_diag_report(ck->ctx, AZ_D_ROLE_WRONG_SERVICE, r->loc,
                           "'%s' is a role of the '%s' service and cannot be granted on %s "
                           "(service '%s')",
                           role->display, role->service, t->name, t->service);
            ok = false;
            continue;
        }
        if (set & (1u << role->kind)) {
            az_diag_report(ck->ctx, AZ_D_DUPLICATE, r->loc, "role '%s' is listed twice",
                           role->display);
            continue;
        }
        set |= 1u << role->kind;
    }
    if (!ok)
        return false;

    if (az_rules_missing(t, set)) {
        az_diag_report(ck->ctx, AZ_D_ROLE_MISSING, g->roles->loc, "%s",
                       az_rules_missing_text(ck->ctx->arena, t, set));
        return false;
    }
    for (const struct az_word *r = g->roles; r; r = r->next) {
        const char *extra = az_rules_extra_text(ck->ctx->arena, t, set, az_rules_role(r->text));
        if (extra)
            az_diag_report(ck->ctx, AZ_D_ROLE_EXTRA, r->loc, "%s", extra);
    }
    *out = set;
    return true;
}

static void check_grants(struct checker *ck, struct unit *u, const struct az_block *b)
{
    for (const struct az_grant *g = b->grants; g; g = g->next) {
        const struct az_target *t = az_rules_target(g->target.text);
        if (!t) {
            const char *best = az_rules_suggest_target(g->target.text);
            if (best)
                az_diag_report(ck->ctx, AZ_D_UNKNOWN_TARGET, g->target.loc,
                               "unknown target '%s'; did you mean '%s'?", g->target.text, best);
            else
                az_diag_report(ck->ctx, AZ_D_UNKNOWN_TARGET, g->target.loc,
                               "unknown target '%s' ('authzc rules' lists the targets)",
                               g->target.text);
            u->failed = true;
            continue;
        }
        if (t->flags & AZ_PER_INSTANCE) {
            az_diag_report(ck->ctx, AZ_D_NEEDS_INSTANCE, g->target.loc,
                           "'authorize %s' cannot name the instance; use 'notify GUID'", t->name);
            continue;
        }
        if ((t->flags & AZ_CHILD_ONLY) && b->kind != AZ_BLOCK_CHILD &&
            b->kind != AZ_BLOCK_TEMPLATE) {
            az_diag_report(ck->ctx, AZ_D_BACKUP_POLICY_SCOPE, g->target.loc,
                           "'%s' can only be authorized in an enterprise child or template",
                           t->name);
            continue;
        }
        az_roleset set;
        if (!check_roles(ck, g, t, &set)) {
            u->failed = true;
            continue;
        }
        struct az_loc first = u->where[t->kind];
        if (!unit_grant(u, t, set, g->target.loc))
            dup_warning(ck, g->target.loc, first,
                        az_arena_printf(ck->ctx->arena,
                                        "%s is already authorized with these roles; the copy "
                                        "is removed",
                                        t->name));
    }
}

static void check_assigns(struct checker *ck, struct unit *u, const struct az_block *b)
{
    for (const struct az_assign *as = b->assigns; as; as = as->next) {
        if (b->kind != AZ_BLOCK_TEMPLATE) {
            az_diag_report(ck->ctx, AZ_D_NOT_IN_TEMPLATE, as->loc,
                           "'assign' belongs in a template");
            continue;
        }
        const char *what = as->kind == AZ_ASSIGN_ACCOUNT ? "account" : "account-group";
        if (!is_assign_id(as->id.text)) {
            az_diag_report(ck->ctx, AZ_D_BAD_ASSIGN_ID, as->id.loc,
                           "'%s' is not a valid %s ID for an assignment (1 to 32 letters, "
                           "digits and '-')",
                           as->id.text, what);
            continue;
        }
        if (as->kind == AZ_ASSIGN_ACCOUNT && !az_rules_is_account_id(as->id.text)) {
            az_diag_report(ck->ctx, AZ_D_BAD_ACCOUNT_ID, as->id.loc,
                           "'%s' is not an account ID: %s", as->id.text,
                           az_rules_account_id_problem(as->id.text));
            continue;
        }
        void **slot =
            az_strmap_slot(&ck->members, az_arena_printf(ck->ctx->arena, "%p/%d/%s", (void *)u,
                                                         (int)as->kind, as->id.text));
        const struct unit_assign *dup = *slot;
        if (dup) {
            struct az_diag *d = az_diag_report(ck->ctx, AZ_D_DUPLICATE, as->loc,
                                               "the template is already assigned to %s '%s'",
                                               what, as->id.text);
            az_diag_note(ck->ctx, d, dup->loc, "first assigned here");
            continue;
        }
        struct unit_assign *x = az_arena_alloc(ck->ctx->arena, sizeof *x);
        *slot = x;
        x->kind = as->kind;
        x->id = as->id.text;
        x->loc = as->loc;
        *u->assigns_tail = x;
        u->assigns_tail = &x->next;
    }
}

static void check_block_body(struct checker *ck, struct unit *u, const struct az_block *b)
{
    check_description(ck, u, b);
    check_backups(ck, u, b);
    check_notifies(ck, u, b);
    check_grants(ck, u, b);
    check_assigns(ck, u, b);
    if (!b->backups && !b->notifies && !b->grants && !ck->opts->partial)
        az_diag_report(ck->ctx, AZ_D_EMPTY_BLOCK, b->loc,
                       "%s '%s' grants nothing; add a backup of volumes, shares or all",
                       block_what(b), b->name.text);
}

/* ---- blocks ---------------------------------------------------------------------------- */

static void check_account(struct checker *ck, const struct az_block *b)
{
    const char *id = b->name.text;
    bool current = strcmp(id, "current") == 0;
    if (current && ck->opts->current_account)
        id = ck->opts->current_account;
    else if (!current && !az_rules_is_account_id(id)) {
        az_diag_report(ck->ctx, AZ_D_BAD_ACCOUNT_ID, b->name.loc, "'%s' is not an account ID: %s",
                       id, az_rules_account_id_problem(id));
        return;
    }
    struct unit **slot = (struct unit **)az_strmap_slot(&ck->accounts, id);
    struct unit *u = *slot;
    if (!u) {
        u = unit_new(ck, AZ_SCOPE_ACCOUNT, id, b);
        u->account = current && !ck->opts->current_account ? NULL : id;
        u->from_current = current;
        *slot = u;
    }
    check_block_body(ck, u, b);
}

static void check_child(struct checker *ck, const struct az_enterprise *e, const struct az_block *b)
{
    const char *id = b->name.text;
    if (!az_rules_is_account_id(id)) {
        az_diag_report(ck->ctx, AZ_D_BAD_ACCOUNT_ID, b->name.loc,
                       "'%s' is not a child account ID: %s", id, az_rules_account_id_problem(id));
        return;
    }
    if (strcmp(id, e->id.text) == 0) {
        struct az_diag *d = az_diag_report(ck->ctx, AZ_D_ENTERPRISE_IS_CHILD, b->name.loc,
                                           "the enterprise account '%s' cannot be its own child",
                                           id);
        az_diag_note(ck->ctx, d, e->id.loc, "the enterprise is declared here");
        return;
    }
    struct unit **slot = (struct unit **)az_strmap_slot(&ck->children, id);
    struct unit *u = *slot;
    if (u && strcmp(u->enterprise, e->id.text) != 0) {
        struct az_diag *d = az_diag_report(ck->ctx, AZ_D_ACCOUNT_CONFLICT, b->name.loc,
                                           "child '%s' is already a child of enterprise '%s'",
                                           id, u->enterprise);
        az_diag_note(ck->ctx, d, u->first->name.loc, "first declared here");
        return;
    }
    if (!u) {
        u = unit_new(ck, AZ_SCOPE_CHILD, id, b);
        u->account = id;
        u->enterprise = e->id.text;
        *slot = u;
    }
    check_block_body(ck, u, b);
}

static void check_template(struct checker *ck, const struct az_enterprise *e,
                           const struct az_block *b)
{
    const char *name = b->name.text;
    if (!is_template_name(name)) {
        az_diag_report(ck->ctx, AZ_D_BAD_TEMPLATE_NAME, b->name.loc,
                       "template name '%s' must be 1 to 240 letters, digits, spaces, '-', '_' "
                       "or '.'",
                       name);
        return;
    }
    const char *key = az_arena_printf(ck->ctx->arena, "%s/%s", e->id.text, name);
    struct unit **slot = (struct unit **)az_strmap_slot(&ck->templates, key);
    if (*slot) {
        struct az_diag *d = az_diag_report(ck->ctx, AZ_D_TEMPLATE_DUPLICATE, b->name.loc,
                                           "template '%s' is defined twice in enterprise '%s'",
                                           name, e->id.text);
        az_diag_note(ck->ctx, d, (*slot)->first->name.loc, "first defined here");
        return;
    }
    struct unit *u = unit_new(ck, AZ_SCOPE_TEMPLATE, key, b);
    u->account = e->id.text;
    u->enterprise = e->id.text;
    u->tmpl_name = name;
    *slot = u;
    check_block_body(ck, u, b);
    if (!b->assigns && !ck->opts->partial)
        az_diag_report(ck->ctx, AZ_D_TEMPLATE_NO_ASSIGN, b->loc,
                       "template '%s' is assigned to nothing; assign it to an account or an "
                       "account group",
                       name);
}

/* ---- whole-intent checks ----------------------------------------------------------------- */

static void check_completeness(struct checker *ck)
{
    for (struct unit *u = ck->units; u; u = u->next) {
        if (u->failed)
            continue;
        bool any = false;
        struct az_loc at = {0};
        char missing[256] = "";
        for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
            if ((az_targets[i].flags & AZ_IN_VOLUMES) && u->has[i] && !any) {
                any = true;
                at = u->where[i];
            }
        if (any) {
            for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
                if ((az_targets[i].flags & AZ_IN_VOLUMES) && !u->has[i]) {
                    if (missing[0])
                        strcat(missing, ", ");
                    strcat(missing, az_targets[i].name);
                }
            if (missing[0])
                az_diag_report(ck->ctx, AZ_D_INCOMPLETE_SET, at,
                               "block storage backups need instance, volume, snapshot and "
                               "snapshot-consistency-group; %s '%s' lacks %s ('backup volumes' "
                               "grants all four)",
                               block_what(u->first), u->first->name.text, missing);
        }
        if (u->scope == AZ_SCOPE_CHILD && !u->has[AZ_TARGET_BACKUP_POLICY]) {
            bool grants = false;
            for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
                grants |= u->has[i];
            if (grants || u->ens)
                az_diag_report(ck->ctx, AZ_D_INCOMPLETE_SET, u->first->loc,
                               "child '%s' has no backup-policy authorization, which "
                               "enterprise-managed backups need; add 'authorize backup-policy "
                               "as Editor' or use 'backup'",
                               u->key);
        }
    }
    /* A child declared again as a plain account is not a conflict: the child's policies
     * have the enterprise as subject (cross-account), the account's have the account itself,
     * so they are different policies and both are emitted (README "Enterprise backups"). */
}

/* ---- lowering ----------------------------------------------------------------------------- */

/* [a-z0-9_-] only; anything else becomes '_'. */
static char *slug(struct az_arena *a, const char *s)
{
    char *out = az_arena_strdup(a, s);
    for (char *p = out; *p; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            *p = (char)(c + 32);
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            *p = '_';
    }
    return out;
}

static const char *unique_name(struct checker *ck, const char *base)
{
    const char *name = base;
    for (unsigned i = 2;; i++) {
        void **slot = az_strmap_slot(&ck->names, name);
        if (!*slot) {
            *slot = (void *)name;
            return name;
        }
        name = az_arena_printf(ck->ctx->arena, "%s_%u", base, i);
    }
}

static const char *unit_prefix(struct checker *ck, const struct unit *u)
{
    struct az_arena *a = ck->ctx->arena;
    switch (u->scope) {
    case AZ_SCOPE_ACCOUNT:
        return u->from_current ? "current" : az_arena_printf(a, "acct_%s", u->key);
    case AZ_SCOPE_CHILD:
        return az_arena_printf(a, "child_%s", u->key);
    case AZ_SCOPE_TEMPLATE:
    default:
        return az_arena_printf(a, "tmpl_%s", slug(a, u->tmpl_name));
    }
}

static void lower(struct checker *ck, struct az_plan *plan)
{
    struct az_arena *a = ck->ctx->arena;
    size_t n = 0;
    for (struct unit *u = ck->units; u; u = u->next) {
        for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
            n += u->has[i];
        for (struct en_grant *e = u->ens; e; e = e->next)
            n++;
    }
    plan->policies = az_arena_alloc(a, sizeof *plan->policies * (n ? n : 1));
    plan->n = 0;
    plan->uses_current = false;
    size_t nunits = 0;
    for (struct unit *u = ck->units; u; u = u->next)
        nunits++;
    plan->accounts = az_arena_alloc(a, sizeof *plan->accounts * (nunits ? nunits : 1));
    plan->naccounts = 0;
    struct az_strmap seen = {0};
    /* Per target, once: the name part (snapshot_consistency_group) and the default
     * description, shared by every policy of that target. */
    const char *target_names[AZ_TARGET_COUNT], *default_descriptions[AZ_TARGET_COUNT];
    for (size_t i = 0; i < AZ_TARGET_COUNT; i++) {
        char *tname = slug(a, az_targets[i].name);
        for (char *c = tname; *c; c++)
            if (*c == '-')
                *c = '_';
        target_names[i] = tname;
        default_descriptions[i] =
            az_targets[i].flags & AZ_CHILD_ONLY
                ? "Backup for VPC in the enterprise account to the backup policies of this "
                  "child account"
                : az_arena_printf(a, "Backup for VPC to %s", az_targets[i].console);
    }
    for (struct unit *u = ck->units; u; u = u->next) {
        bool grants = u->ens != NULL;
        for (size_t i = 0; i < AZ_TARGET_COUNT; i++)
            grants |= u->has[i];
        void **slot = grants ? az_strmap_slot(&seen, u->account ? u->account : "") : NULL;
        if (slot && !*slot) {
            *slot = u;
            plan->accounts[plan->naccounts++] = u->account;
        }
        const char *prefix = unit_prefix(ck, u);
        const char *desc = u->description ? u->description->text : NULL;
        size_t nassigns = 0;
        for (struct unit_assign *x = u->assigns; x; x = x->next)
            nassigns++;
        for (size_t i = 0; i <= AZ_TARGET_COUNT; i++) {
            struct en_grant *en = NULL;
            if (i < AZ_TARGET_COUNT && (!u->has[i] || (az_targets[i].flags & AZ_PER_INSTANCE)))
                continue;
            /* i == AZ_TARGET_COUNT: the Event Notifications instances, in input order */
            for (en = i == AZ_TARGET_COUNT ? u->ens : NULL;; en = en->next) {
                if (i == AZ_TARGET_COUNT && !en)
                    break;
                const struct az_target *t =
                    en ? &az_targets[AZ_TARGET_EVENT_NOTIFICATIONS] : &az_targets[i];
                struct az_policy *p = &plan->policies[plan->n++];
                p->scope = u->scope;
                p->target = t;
                p->roles = en ? t->roles : u->roles[i];
                p->account = u->account;
                p->instance = en ? en->guid : NULL;
                p->loc = en ? en->loc : u->where[i];
                if (u->scope == AZ_SCOPE_ACCOUNT) {
                    p->subject_account = p->resource_account = u->account;
                } else if (u->scope == AZ_SCOPE_CHILD) {
                    p->subject_account = u->enterprise;
                    p->resource_account = u->account;
                }
                if (!u->account)
                    plan->uses_current = true;
                const char *tname = target_names[t->kind];
                const char *name = en ? az_arena_printf(a, "%s_%s_%s", prefix, tname, en->guid)
                                      : az_arena_printf(a, "%s_%s", prefix, tname);
                /* Accounts and children are units by ID, and a unit has one policy per target
                 * or GUID, so their names are unique by construction; template names come
                 * from free text and may meet ("a b" and "a_b"). */
                p->name = u->scope == AZ_SCOPE_TEMPLATE ? unique_name(ck, name) : name;
                if (desc)
                    p->description = desc;
                else if (en)
                    p->description = az_arena_printf(
                        a, "Backup for VPC to %s instance %s", t->console, en->guid);
                else if ((t->flags & AZ_CHILD_ONLY) && u->scope == AZ_SCOPE_TEMPLATE)
                    p->description = "Backup for VPC to the backup policies of the accounts "
                                     "the template is assigned to";
                else
                    p->description = default_descriptions[t->kind];
                if (u->scope == AZ_SCOPE_TEMPLATE) {
                    p->template_name = az_arena_printf(a, "%s-%s", u->tmpl_name, t->name);
                    p->template_description = desc;
                    p->nassigns = nassigns;
                    p->assigns = az_arena_alloc(a, sizeof *p->assigns * (nassigns ? nassigns : 1));
                    size_t k = 0;
                    for (struct unit_assign *x = u->assigns; x; x = x->next, k++) {
                        struct az_assignment *as = &p->assigns[k];
                        as->kind = x->kind;
                        as->type_name = x->kind == AZ_ASSIGN_ACCOUNT ? "Account" : "AccountGroup";
                        as->id = x->id;
                        as->name = unique_name(
                            ck, az_arena_printf(a, "%s_%s_%s", p->name,
                                                x->kind == AZ_ASSIGN_ACCOUNT ? "account"
                                                                             : "account_group",
                                                slug(a, x->id)));
                    }
                }
                if (i < AZ_TARGET_COUNT)
                    break;
            }
        }
    }
    az_strmap_free(&seen);
}

int az_check(struct az_ctx *ctx, const struct az_intent *in, const struct az_check_opts *opts,
             struct az_plan *out)
{
    static const struct az_check_opts defaults = {0};
    struct checker ck = {.ctx = ctx, .opts = opts ? opts : &defaults};
    ck.units_tail = &ck.units;
    unsigned errors_before = ctx->diags.errors;

    for (const struct az_block *b = in->accounts; b; b = b->next) {
        if (strcmp(b->name.text, "current") == 0 && ck.opts->current_unsupported &&
            !ck.opts->current_account)
            az_diag_report(ctx, AZ_D_NEEDS_ACCOUNT_ID, b->name.loc,
                           "this target needs the account behind 'current': pass "
                           "--account-id ID");
        check_account(&ck, b);
    }
    for (const struct az_enterprise *e = in->enterprises; e; e = e->next) {
        if (!az_rules_is_account_id(e->id.text)) {
            az_diag_report(ctx, AZ_D_BAD_ACCOUNT_ID, e->id.loc,
                           "'%s' is not an enterprise account ID: %s", e->id.text,
                           az_rules_account_id_problem(e->id.text));
            continue;
        }
        if (!e->children && !e->templates && !ck.opts->partial)
            az_diag_report(ctx, AZ_D_EMPTY_BLOCK, e->loc,
                           "enterprise '%s' has no child and no template", e->id.text);
        for (const struct az_block *b = e->children; b; b = b->next)
            check_child(&ck, e, b);
        for (const struct az_block *b = e->templates; b; b = b->next)
            check_template(&ck, e, b);
    }
    if (!ck.opts->partial)
        check_completeness(&ck);
    lower(&ck, out);
    az_strmap_free(&ck.accounts);
    az_strmap_free(&ck.children);
    az_strmap_free(&ck.templates);
    az_strmap_free(&ck.names);
    az_strmap_free(&ck.members);
    return ctx->diags.errors > errors_before ? -1 : 0;
}
