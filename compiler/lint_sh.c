/* lint_sh.c - the shell-script lint front end (.sh, .bash, shell shebangs).
 *
 * The shell scanner (sh_scan.c) reads the script once, left to right, in linear time, with
 * an explicit stack of open constructs (at most ctx->max_depth deep, else AZ106), and hands
 * every finished simple command (its words, with places) to this file's checks:
 *   - `ibmcloud iam authorization-policy-create SOURCE TARGET ROLES [flags]` becomes a located
 *     policy (AZ_LFORM_CLI): subject serviceName = SOURCE, resource serviceName = TARGET,
 *     the roles split at ',' (each part with its own place), and every attribute flag of the
 *     CLI synopsis as a subject or resource attribute; values from variables or
 *     substitutions are AZ_LV_REF (the text as written). `--file PATH` (literal only)
 *     becomes a reference lint.c lints as JSON.
 *   - the template, version and assignment commands: flags, argument counts, --target-type
 *     and --target values; every `--file` path is a reference.
 *   - unknown flags and subcommands (AZ605, with "did you mean"), flags that exclude each
 *     other, positionals with --file, missing arguments (AZ503), a backup target named by
 *     --target-resource-type (AZ810), `iam authorization-...` without `ibmcloud` (AZ605).
 *   - shell pitfalls (AZ606), only where the text reaches IAM (`ibmcloud iam ...`, curl
 *     to IAM's host or API; `ibmcloud is`, `ibmcloud cos`, other programs are passed over):
 *     `$en-instance-ID` (bash expands $en), '$VAR' inside single quotes, a line that starts
 *     with a flag (-H, --data, ...) after an IAM or curl command line that did not end with
 *     '\' (also when a comment or "\ " broke the continuation), a curl option left without
 *     its value at the end of a line; the scanner adds an apostrophe that ends a '...'
 *     string ("account's") and a URL in backquotes.
 *   - curl -d/--data '...' bodies sent to /v1/policies, /v2/policies, /v1/policy_templates
 *     or /v1/policy_assignments are linted as JSON (az_lint_json) on a child source of the
 *     script (source.h): the body's own text, which knows where it sits in the script, so
 *     carets, sorting and suppressions work as for any finding of the script. `-d @FILE` to
 *     those URLs becomes a reference. A v1 body sent to /v2 (or the reverse) is AZ504.
 *   - one mistake does not hide the body: the lines a broken continuation splits off a
 *     curl request (a line starting with -d, or the value of an option the line before
 *     ended with) are read as the rest of that request, and a '...' body that an
 *     apostrophe ended early is read whole by the scanner (sh_scan.c); both after their
 *     own finding.
 *   - here-document bodies that are IAM policy bodies (literal JSON holding "role_id": what
 *     `authzc compile -t cli` feeds its shell functions) are linted the same way, so the
 *     generated script's policies are in the model (drift, companions); a body the shell
 *     expands ($, `, \ in an unquoted here-document) is passed over.
 *   - `# authzc:ignore IDS reason` comments (the text after '#' starts with authzc:ignore)
 *     are recorded in f->suppress.
 *   - syntax (AZ501): an unterminated quote, $(, ${, $((, backquote or case, a here-document
 *     without its end line, and Windows (CRLF) line ends (reported once; the rest of the
 *     file is then read as if it had LF line ends).
 *
 * What the scanner understands: words, comments (# at a word start), '...', "..." (with \
 * escapes and expansions inside), $'...', $"...", \ escapes and \-newline continuations,
 * $name and special parameters, ${...} (nested), $(...) and <(...)/>(...) (full command
 * lists: commands inside them are checked too), `...` (skipped; contents not checked),
 * $((...)) and ((...)), here-documents (<<, <<-, quoted or not, several on one line, inside
 * $(...) too; bodies are skipped unless they are IAM JSON, see above) and here-strings,
 * redirections (with fd numbers; their targets are not arguments), the operators ; & && || | |& ;;
 * ;& ;;&, ( ) subshells, { } groups, reserved words in front of a command (if then else elif do
 * while until ! {), case ... esac patterns, [[ ... ]], function definitions, array assignments
 * x=(...), extglob groups, assignments in front of a command (A=b ibmcloud ...) and the wrappers
 * sudo, command, exec, env, nohup, nice, time and timeout.
 *
 * What it does not: aliases and functions are not followed (a command run through a
 * function, like the generated script's `ibm iam ...`, is not checked; `"$@"` or
 * "${args[@]}" arguments make the argument count unknown, so such a command is not
 * modelled), commands inside backquotes are not checked, eval/sh -c strings are not
 * parsed, variables are never resolved, and a file that bash would refuse for other
 * grammar reasons (an `if` without `fi`, say) is not reported. */
#include "authzc/lint.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/lint_fix.h"
#include "authzc/rules.h"
#include "authzc/sh_scan.h"
#include "authzc/source.h"
#include "authzc/suggest.h"

#define MAX_ARGS 64u /* flags and positionals of one ibmcloud command looked at */

enum ckind_of { C_OTHER, C_IAM, C_CURL }; /* az_sh_frame.cmd_kind */

/* ---- ibmcloud commands ------------------------------------------------------------------- */

enum fid {
    FL_OTHER,
    FL_FILE,
    FL_OUTPUT,
    FL_QUIET,
    FL_FORCE,
    FL_API_VERSION,
    FL_SRC_INST_NAME,
    FL_SRC_INST_ID,
    FL_SRC_ACCOUNT,
    FL_SRC_RG,
    FL_SRC_RTYPE,
    FL_SRC_RES,
    FL_TGT_INST_NAME,
    FL_TGT_INST_ID,
    FL_TGT_RG,
    FL_TGT_RTYPE,
    FL_TGT_RES,
    FL_TARGET_TYPE,
    FL_TARGET,
    FL_COUNT
};

enum side { S_NONE, S_SUBJECT, S_RESOURCE };

struct flagdef {
    const char *name;
    const char *alias;
    bool value;
    enum fid id;
    enum side side;
    const char *attr;
    bool by_name; /* the value is a name the CLI resolves: its ID is unknown (AZ_LV_REF) */
};

#define FLAG_QUIET                                                                                 \
    {                                                                                              \
        "--quiet", "-q", false, FL_QUIET, S_NONE, NULL, false                                      \
    }
#define FLAG_OUTPUT                                                                                \
    {                                                                                              \
        "--output", NULL, true, FL_OUTPUT, S_NONE, NULL, false                                     \
    }
#define FLAG_FILE                                                                                  \
    {                                                                                              \
        "--file", NULL, true, FL_FILE, S_NONE, NULL, false                                         \
    }
#define FLAG_FORCE                                                                                 \
    {                                                                                              \
        "--force", "-f", false, FL_FORCE, S_NONE, NULL, false                                      \
    }

static const struct flagdef create_flags[] = {
    {"--source-service-instance-name", NULL, true, FL_SRC_INST_NAME, S_SUBJECT,
     AZ_ATTR_SERVICE_INSTANCE, true},
    {"--source-service-instance-id", NULL, true, FL_SRC_INST_ID, S_SUBJECT,
     AZ_ATTR_SERVICE_INSTANCE, false},
    {"--source-service-account", NULL, true, FL_SRC_ACCOUNT, S_SUBJECT, AZ_ATTR_ACCOUNT_ID, false},
    {"--source-resource-group-id", NULL, true, FL_SRC_RG, S_SUBJECT, AZ_ATTR_RESOURCE_GROUP_ID,
     false},
    {"--source-resource-type", NULL, true, FL_SRC_RTYPE, S_SUBJECT, AZ_ATTR_RESOURCE_TYPE, false},
    {"--source-resource", NULL, true, FL_SRC_RES, S_SUBJECT, "resource", false},
    {"--target-service-instance-name", NULL, true, FL_TGT_INST_NAME, S_RESOURCE,
     AZ_ATTR_SERVICE_INSTANCE, true},
    {"--target-service-instance-id", NULL, true, FL_TGT_INST_ID, S_RESOURCE,
     AZ_ATTR_SERVICE_INSTANCE, false},
    {"--target-resource-group-id", NULL, true, FL_TGT_RG, S_RESOURCE, AZ_ATTR_RESOURCE_GROUP_ID,
     false},
    {"--target-resource-type", NULL, true, FL_TGT_RTYPE, S_RESOURCE, AZ_ATTR_RESOURCE_TYPE, false},
    {"--target-resource", NULL, true, FL_TGT_RES, S_RESOURCE, "resource", false},
    FLAG_FILE,
    FLAG_OUTPUT,
    FLAG_QUIET,
};
static const struct flagdef delete_flags[] = {FLAG_FORCE, FLAG_QUIET};
static const struct flagdef show_flags[] = {
    FLAG_OUTPUT, FLAG_QUIET, {"--api-version", NULL, true, FL_API_VERSION, S_NONE, NULL, false}};
static const struct flagdef list_flags[] = {FLAG_OUTPUT, FLAG_QUIET};
static const struct flagdef file_flags[] = {FLAG_FILE, FLAG_OUTPUT, FLAG_QUIET};
static const struct flagdef quiet_flags[] = {FLAG_QUIET};
static const struct flagdef assign_flags[] = {
    {"--target-type", NULL, true, FL_TARGET_TYPE, S_NONE, NULL, false},
    {"--target", NULL, true, FL_TARGET, S_NONE, NULL, false},
    FLAG_QUIET,
    {"--output", "-o", true, FL_OUTPUT, S_NONE, NULL, false},
};

enum ckind { K_CREATE, K_PLAIN, K_NEEDS_FILE, K_ASSIGN, K_UNCHECKED };

struct cmddef {
    const char *name;
    enum ckind kind;
    unsigned npos;
    const char *args; /* the positionals, for messages */
    const struct flagdef *flags;
    size_t nflags;
};

#define FLAGS(a) a, sizeof a / sizeof *a

static const struct cmddef commands[] = {
    {"authorization-policy-create", K_CREATE, 3, "SOURCE_SERVICE TARGET_SERVICE ROLE1,ROLE2",
     FLAGS(create_flags)},
    {"authorization-policy-delete", K_PLAIN, 1, "AUTHORIZATION_POLICY_ID", FLAGS(delete_flags)},
    {"authorization-policy", K_PLAIN, 1, "AUTHORIZATION_POLICY_ID", FLAGS(show_flags)},
    {"authorization-policies", K_PLAIN, 0, "", FLAGS(list_flags)},
    {"authorization-policy-template-create", K_NEEDS_FILE, 0, "", FLAGS(file_flags)},
    {"authorization-policy-templates", K_PLAIN, 0, "", FLAGS(list_flags)},
    {"authorization-policy-template-version", K_PLAIN, 2, "TEMPLATE VERSION", FLAGS(list_flags)},
    {"authorization-policy-template-version-create", K_NEEDS_FILE, 1, "TEMPLATE",
     FLAGS(file_flags)},
    {"authorization-policy-template-version-update", K_NEEDS_FILE, 2, "TEMPLATE VERSION",
     FLAGS(file_flags)},
    {"authorization-policy-template-version-commit", K_PLAIN, 2, "TEMPLATE VERSION",
     FLAGS(quiet_flags)},
    {"authorization-policy-template-version-delete", K_PLAIN, 2, "TEMPLATE VERSION",
     FLAGS(delete_flags)},
    {"authorization-policy-assignment-create", K_ASSIGN, 2, "TEMPLATE VERSION",
     FLAGS(assign_flags)},
    {"authorization-policy-assignment", K_PLAIN, 1, "ASSIGNMENT_ID", FLAGS(list_flags)},
    {"authorization-policy-assignment-delete", K_PLAIN, 1, "ASSIGNMENT_ID", FLAGS(delete_flags)},
    /* Not in the documentation we read, but plausible: known, not checked. */
    {"authorization-policy-template", K_UNCHECKED, 0, "", NULL, 0},
    {"authorization-policy-template-delete", K_UNCHECKED, 0, "", NULL, 0},
    {"authorization-policy-template-versions", K_UNCHECKED, 0, "", NULL, 0},
    {"authorization-policy-assignments", K_UNCHECKED, 0, "", NULL, 0},
    {"authorization-policy-assignment-update", K_UNCHECKED, 0, "", NULL, 0},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static const struct cmddef *find_command(const char *name)
{
    for (size_t k = 0; k < NCOMMANDS; k++)
        if (strcmp(commands[k].name, name) == 0)
            return &commands[k];
    return NULL;
}

static const struct flagdef *find_flag(const struct cmddef *cmd, const char *name)
{
    for (size_t k = 0; k < cmd->nflags; k++)
        if (strcmp(cmd->flags[k].name, name) == 0 ||
            (cmd->flags[k].alias && strcmp(cmd->flags[k].alias, name) == 0))
            return &cmd->flags[k];
    return NULL;
}

/* A value: a whole word or the part of one after '='. */
struct val {
    bool present;
    enum az_lval_kind kind;
    const char *text; /* literal: the value; ref: as written */
    uint32_t a, b;    /* its bytes in the source */
};

struct farg {
    const struct flagdef *def;
    const struct az_sh_word *w;
    uint32_t na, nb; /* the flag's name in the source */
    struct val v;
};

struct posarg {
    const struct az_sh_word *w;
    struct az_sh_cooked *ck;
};

static bool word_is_spread(const struct az_sh *sh, const struct az_sh_word *w)
{
    if (!(w->flags & AZ_SH_W_EXP))
        return false;
    const char *p = sh->s + w->start;
    size_t len = w->end - w->start;
    static const char *const pats[] = {"$@", "$*", "[@]", "[*]", "${@", "${*"};
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
        size_t pl = strlen(pats[k]);
        for (size_t j = 0; j + pl <= len; j++)
            if (memcmp(p + j, pats[k], pl) == 0)
                return true;
    }
    return false;
}

/* `# ...` or $(# ...): a comment inside a continued command; the word expands to nothing. */
static bool is_comment_subst(const struct az_sh *sh, const struct az_sh_word *w)
{
    if (w->exp_hi != w->exp_lo + 1 || sh->exps[w->exp_lo].a != w->start ||
        sh->exps[w->exp_lo].b != w->end)
        return false;
    uint32_t k = w->start + (az_sh_at(sh, w->start) == '`'       ? 1
                             : az_sh_at(sh, w->start + 1) == '(' ? 2
                                                                 : 0);
    if (k == w->start)
        return false;
    while (k < w->end && (sh->s[k] == ' ' || sh->s[k] == '\t'))
        k++;
    return az_sh_at(sh, k) == '#';
}

static struct val word_val(struct az_sh *sh, const struct az_sh_word *w, struct az_sh_cooked *ck)
{
    struct val v;
    memset(&v, 0, sizeof v);
    v.present = true;
    v.a = w->start;
    v.b = w->end;
    if (ck->any_ref) {
        v.kind = AZ_LV_REF;
        v.text = az_arena_strndup(sh->ctx->arena, sh->s + w->start, w->end - w->start);
    } else {
        v.kind = AZ_LV_STRING;
        v.text = ck->t;
    }
    return v;
}

static struct az_lval to_lval(struct az_sh *sh, const struct val *v)
{
    struct az_lval l;
    l.kind = v->kind;
    l.text = v->text;
    l.loc = az_sh_loc(sh, v->a, v->b);
    return l;
}

static struct az_lattr *mkattr(struct az_sh *sh, const char *name, struct az_loc nloc,
                               const struct val *v, struct az_loc aloc)
{
    struct az_lattr *a = az_arena_alloc(sh->ctx->arena, sizeof *a);
    a->name.kind = AZ_LV_STRING;
    a->name.text = name;
    a->name.loc = nloc;
    a->op.kind = AZ_LV_NONE;
    a->op.text = NULL;
    a->op.loc = nloc;
    a->value = to_lval(sh, v);
    a->loc = aloc;
    return a;
}

/* A part [a, b) of a cooked word: its source span, widened to the quotes around it. */
static void part_span(const struct az_sh *sh, const struct az_sh_cooked *ck, uint32_t a, uint32_t b,
                      uint32_t *sa, uint32_t *sb)
{
    uint32_t x = az_sh_ck_map(ck, a), y = az_sh_ck_map(ck, b - 1) + 1;
    int q = az_sh_at(sh, x - 1);
    if (x > 0 && (q == '"' || q == '\'') && az_sh_at(sh, y) == q) {
        x--;
        y++;
    }
    *sa = x;
    *sb = y;
}

static struct az_lrole *split_roles(struct az_sh *sh, const struct posarg *pa)
{
    struct az_lrole *head = NULL, **tail = &head;
    const struct az_sh_cooked *ck = pa->ck;
    uint32_t a = 0;
    for (uint32_t k = 0; k <= ck->len; k++) {
        if (k < ck->len && !(ck->t[k] == ',' && !az_sh_ck_ref(ck, k)))
            continue;
        if (k > a) {
            bool ref = false;
            for (uint32_t j = a; j < k; j++)
                ref = ref || az_sh_ck_ref(ck, j);
            uint32_t sa, sb;
            part_span(sh, ck, a, k, &sa, &sb);
            struct az_lrole *r = az_arena_alloc(sh->ctx->arena, sizeof *r);
            r->role.kind = ref ? AZ_LV_REF : AZ_LV_STRING;
            r->role.text = ref ? az_arena_strndup(sh->ctx->arena, sh->s + sa, sb - sa)
                               : az_arena_strndup(sh->ctx->arena, ck->t + a, k - a);
            r->role.loc = az_sh_loc(sh, sa, sb);
            *tail = r;
            tail = &r->next;
        }
        a = k + 1;
    }
    return head;
}

static const char *target_id_attr(const char *type)
{
    static const char *const map[][2] = {
        {"instance", "instanceId"}, {"volume", "volumeId"},
        {"snapshot", "snapshotId"}, {"snapshot-consistency-group", "snapshotConsistencyGroupId"},
        {"share", "shareId"},       {"backup-policy", "backupPolicyId"},
    };
    for (size_t k = 0; k < sizeof map / sizeof *map; k++)
        if (strcmp(map[k][0], type) == 0)
            return map[k][1];
    return NULL;
}

static void add_ref(struct az_sh *sh, const char *path, struct az_loc loc)
{
    struct az_lref *r = az_arena_alloc(sh->ctx->arena, sizeof *r);
    r->path = path;
    r->loc = loc;
    az_lint_add_ref(sh->f, r);
}

/* Mutually exclusive flags of authorization-policy-create (CLIDOC). */
static const enum fid exclusive[][2] = {
    {FL_SRC_INST_NAME, FL_SRC_INST_ID}, {FL_SRC_INST_NAME, FL_SRC_ACCOUNT},
    {FL_SRC_RG, FL_SRC_INST_ID},        {FL_TGT_INST_NAME, FL_TGT_INST_ID},
    {FL_TGT_RG, FL_TGT_INST_ID},
};

/* Adds p; a Backup for VPC policy a shell variable decides the target of marks the script
 * unevaluated, so that lint says nothing of what its units lack (AZ404). */
static void add_policy(struct az_sh *sh, struct az_lpolicy *p)
{
    if (az_lint_policy_unknown(p, false))
        sh->f->unevaluated = true;
    az_lint_add_policy(sh->f, p);
}

static void missing_positionals(struct az_sh *sh, const struct cmddef *cmd,
                                const struct az_sh_word *sub, unsigned have)
{
    /* the names of the missing ones: the words of cmd->args from index have on */
    const char *p = cmd->args;
    for (unsigned k = 0; k < have && p; k++) {
        p = strchr(p, ' ');
        if (p)
            p++;
    }
    az_diag_report(sh->ctx, AZ_D_LINT_MISSING_KEY, az_sh_loc(sh, sub->start, sub->end),
                   "'ibmcloud iam %s' is missing %s; usage: ibmcloud iam %s %s%s", cmd->name,
                   p ? p : "arguments", cmd->name, cmd->args,
                   cmd->kind == K_CREATE ? " [flags] | --file JSON_FILE" : "");
}

/* An unknown flag that holds every word of exactly one flag's name, in order, with words
 * left out (--source-account for --source-service-account): its AZ605 can be fixed. */
struct flagfix {
    struct az_diag *d;
    const struct flagdef *def;
    struct az_loc at;
    const char *name; /* as written */
};

/* Renames the flag unless the rename would change what else the command says: the flag is
 * given already (or by an earlier fix), it excludes one given, or --file excludes it. */
static void fix_flag(struct az_sh *sh, const struct cmddef *cmd, const struct flagfix *x,
                     const int *seen, bool *taken)
{
    const struct flagdef *def = x->def;
    bool clash = !def->value || seen[def->id] >= 0 || taken[def->id] ||
                 (cmd->kind == K_CREATE && seen[FL_FILE] >= 0 && def->side != S_NONE);
    for (size_t k = 0; k < sizeof exclusive / sizeof *exclusive; k++)
        if ((exclusive[k][0] == def->id && seen[exclusive[k][1]] >= 0) ||
            (exclusive[k][1] == def->id && seen[exclusive[k][0]] >= 0))
            clash = true;
    if (clash)
        return;
    taken[def->id] = true;
    az_lint_fix_token(sh->ctx, x->d, x->at, x->name, def->name);
}

/* The flags of cmd an unknown flag name most likely meant (az_suggest_flags): returns the
 * first, or NULL; *certain: the one that holds every word of name (its AZ605 can be fixed);
 * alts: the others, as " or '--b'" / ", '--b' or '--c'" for the message. */
static const char *suggest_flags(const struct cmddef *cmd, const char *name, const char **certain,
                                 char *alts, size_t altsz)
{
    const char *cands[32], *out[AZ_SUGGEST_FLAGS];
    size_t nc = 0;
    for (size_t k = 0; k < cmd->nflags && nc < 32; k++)
        cands[nc++] = cmd->flags[k].name;
    *certain = az_suggest_flag_parts(name, cands, nc);
    size_t no = az_suggest_flags(name, cands, nc, out);
    size_t used = 0;
    for (size_t k = 1; k < no && used < altsz; k++)
        used += (size_t)snprintf(alts + used, altsz - used, "%s'%s'", k + 1 < no ? ", " : " or ",
                                 out[k]);
    return no ? out[0] : NULL;
}

static void check_ibmcloud(struct az_sh *sh, const struct az_sh_word *W, uint32_t n, uint32_t lead,
                           uint32_t sub_i)
{
    const struct az_sh_word *sub = &W[sub_i];
    const char *subname = az_sh_literal(sh, sub);
    if (!subname)
        return;
    const struct cmddef *cmd = find_command(subname);
    if (!cmd) {
        const char *names[NCOMMANDS];
        for (size_t k = 0; k < NCOMMANDS; k++)
            names[k] = commands[k].name;
        const char *best = az_suggest_best(subname, names, NCOMMANDS);
        if (best)
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, sub->start, sub->end),
                           "'ibmcloud iam %s' is not a command; did you mean '%s'?",
                           az_sh_show(sh, subname, strlen(subname)), best);
        return;
    }
    if (cmd->kind == K_UNCHECKED)
        return;

    struct farg fa[MAX_ARGS];
    struct posarg pos[MAX_ARGS];
    uint32_t nfa = 0, npos = 0;
    int seen[FL_COUNT];
    for (size_t k = 0; k < FL_COUNT; k++)
        seen[k] = -1;
    bool dd = false, spread = false, help = false;
    struct flagfix fixes[MAX_ARGS];
    uint32_t nfix = 0;

    for (uint32_t j = sub_i + 1; j < n; j++) {
        const struct az_sh_word *w = &W[j];
        if (word_is_spread(sh, w))
            spread = true;
        if (is_comment_subst(sh, w))
            continue; /* `# a comment` expands to nothing */
        struct az_sh_cooked *ck = az_sh_cook(sh, w);
        bool flag =
            !dd && ck->len >= 2 && ck->t[0] == '-' && !az_sh_ck_ref(ck, 0) && !az_sh_ck_ref(ck, 1);
        if (!flag) {
            if (npos < MAX_ARGS) {
                pos[npos].w = w;
                pos[npos].ck = ck;
            }
            npos++;
            continue;
        }
        if (strcmp(ck->t, "--") == 0 && !ck->any_ref) {
            dd = true;
            continue;
        }
        uint32_t eq = AZ_SH_NONE;
        if (ck->t[1] == '-')
            for (uint32_t k = 2; k < ck->len; k++)
                if (ck->t[k] == '=' && !az_sh_ck_ref(ck, k)) {
                    eq = k;
                    break;
                }
        uint32_t nlen = eq == AZ_SH_NONE ? ck->len : eq;
        bool name_ref = false;
        for (uint32_t k = 0; k < nlen; k++)
            name_ref = name_ref || az_sh_ck_ref(ck, k);
        if (name_ref || nlen >= AZ_SH_LBUF)
            continue; /* --$X, or no flag of ours */
        char name[AZ_SH_LBUF];
        memcpy(name, ck->t, nlen);
        name[nlen] = '\0';
        uint32_t na = az_sh_ck_map(ck, 0), nb = az_sh_ck_map(ck, nlen - 1) + 1;
        if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
            help = true;
            continue;
        }
        const struct flagdef *def = find_flag(cmd, name);
        if (!def) {
            const char *best = NULL, *certain = NULL;
            char alts[160] = ""; /* the names of the flags of a command are short */
            bool told = false;
            if (strcmp(name, "--target-resource-instance") == 0 && cmd->kind == K_CREATE) {
                best = "--target-service-instance-id"; /* or -name: no fix */
            } else if (cmd->kind == K_CREATE && strncmp(name, "--target-", 9) == 0 &&
                       strstr(name + 9, "acc")) {
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, na, nb),
                               "'ibmcloud iam %s' has no flag '%s': the target is in the account "
                               "the policy is created in (log in to it); a source in another "
                               "account is '--source-service-account'",
                               cmd->name, az_sh_show(sh, name, nlen));
                told = true;
            } else {
                best = suggest_flags(cmd, name, &certain, alts, sizeof alts);
            }
            if (best) {
                struct az_diag *d =
                    az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, na, nb),
                                   "'ibmcloud iam %s' has no flag '%s'; did you mean '%s'%s?",
                                   cmd->name, az_sh_show(sh, name, nlen), best, alts);
                if (d && certain && nfix < MAX_ARGS)
                    fixes[nfix++] =
                        (struct flagfix){d, find_flag(cmd, certain), az_sh_loc(sh, na, nb),
                                         az_arena_strdup(sh->ctx->arena, name)};
            } else if (!told)
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, na, nb),
                               "'ibmcloud iam %s' has no flag '%s'; see 'ibmcloud iam %s --help'",
                               cmd->name, az_sh_show(sh, name, nlen), cmd->name);
            /* its probable value is not a positional */
            if (eq == AZ_SH_NONE && name[1] == '-' && j + 1 < n && !word_is_spread(sh, &W[j + 1])) {
                char xb[AZ_SH_LBUF];
                const char *nx = az_sh_small_lit(sh, &W[j + 1], xb);
                if (!nx || nx[0] != '-')
                    j++;
            }
            continue;
        }
        if (nfa >= MAX_ARGS)
            continue; /* more flags than any real command has: not checked */
        struct farg *a = &fa[nfa];
        memset(a, 0, sizeof *a);
        a->def = def;
        a->w = w;
        a->na = na;
        a->nb = nb;
        if (def->value) {
            if (eq != AZ_SH_NONE) {
                struct val v;
                memset(&v, 0, sizeof v);
                v.present = true;
                v.a = az_sh_ck_map(ck, eq) + 1;
                v.b = w->end;
                bool ref = false;
                for (uint32_t k = eq + 1; k < ck->len; k++)
                    ref = ref || az_sh_ck_ref(ck, k);
                v.kind = ref ? AZ_LV_REF : AZ_LV_STRING;
                v.text =
                    ref ? az_arena_strndup(sh->ctx->arena, sh->s + v.a, v.b - v.a) : ck->t + eq + 1;
                a->v = v;
            } else {
                bool ok = j + 1 < n;
                if (ok) {
                    char xb[AZ_SH_LBUF];
                    const char *nx = az_sh_small_lit(sh, &W[j + 1], xb);
                    if (nx && nx[0] == '-' && (nx[1] == '-' || find_flag(cmd, nx)))
                        ok = false;
                }
                if (!ok) {
                    az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, na, nb),
                                   "'%s' needs a value", def->name);
                } else {
                    j++;
                    a->v = word_val(sh, &W[j], az_sh_cook(sh, &W[j]));
                }
            }
        }
        if (seen[def->id] >= 0) {
            struct az_diag *d = az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, na, nb),
                                               "'%s' is given twice", def->name);
            const struct farg *first = &fa[seen[def->id]];
            az_diag_note(sh->ctx, d, az_sh_loc(sh, first->na, first->nb), "first given here");
        } else {
            seen[def->id] = (int)nfa;
        }
        nfa++;
    }
    bool taken[FL_COUNT] = {false};
    for (uint32_t k = 0; k < nfix; k++)
        fix_flag(sh, cmd, &fixes[k], seen, taken);
    if (help)
        return;

    /* values the flags take */
    for (uint32_t k = 0; k < nfa; k++) {
        const struct farg *a = &fa[k];
        if (a->v.kind != AZ_LV_STRING)
            continue;
        const char *t = a->v.text;
        if (a->def->id == FL_OUTPUT && strcasecmp(t, "json") != 0)
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, a->v.a, a->v.b),
                           "'%s' takes only JSON, not '%s'", a->def->name,
                           az_sh_show(sh, t, strlen(t)));
        if (a->def->id == FL_API_VERSION && strcmp(t, "v1") != 0 && strcmp(t, "v2") != 0)
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, a->v.a, a->v.b),
                           "'--api-version' takes v1 or v2, not '%s'",
                           az_sh_show(sh, t, strlen(t)));
        if (a->def->id == FL_TARGET_TYPE && strcmp(t, "Account") != 0 &&
            strcmp(t, "AccountGroup") != 0) {
            static const char *const types[] = {"Account", "AccountGroup"};
            const char *best = az_suggest_best(t, types, 2);
            if (best)
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, a->v.a, a->v.b),
                               "'--target-type' takes Account or AccountGroup, not '%s'; did "
                               "you mean '%s'?",
                               az_sh_show(sh, t, strlen(t)), best);
            else
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, a->v.a, a->v.b),
                               "'--target-type' takes Account or AccountGroup, not '%s'",
                               az_sh_show(sh, t, strlen(t)));
        }
        if (a->def->id == FL_TARGET) {
            size_t len = strlen(t);
            bool ok = len >= 1 && len <= 32;
            for (size_t c = 0; ok && c < len; c++)
                ok = az_sh_is_alnum((unsigned char)t[c]) || t[c] == '-';
            if (!ok)
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, a->v.a, a->v.b),
                               "'--target' takes an account or account group ID (1 to 32 "
                               "letters, digits and '-'), not '%s'",
                               az_sh_show(sh, t, len));
        }
        if (a->def->id == FL_FILE && cmd->kind != K_CREATE)
            add_ref(sh, t, az_sh_loc(sh, a->v.a, a->v.b));
    }

    bool has_file = seen[FL_FILE] >= 0;
    if (cmd->kind == K_CREATE && has_file) {
        const struct farg *file = &fa[seen[FL_FILE]];
        if (npos > 0 && !spread)
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG,
                           az_sh_loc(sh, pos[0].w->start, pos[0].w->end),
                           "the positional arguments and '--file' exclude each other: give "
                           "SOURCE_SERVICE TARGET_SERVICE ROLES with flags, or only --file "
                           "JSON_FILE");
        for (uint32_t k = 0; k < nfa; k++)
            if (fa[k].def->side != S_NONE)
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, fa[k].na, fa[k].nb),
                               "'%s' cannot be combined with '--file' (the JSON body holds the "
                               "attributes)",
                               fa[k].def->name);
        if (file->v.kind == AZ_LV_STRING)
            add_ref(sh, file->v.text, az_sh_loc(sh, file->v.a, file->v.b));
        return;
    }
    if (cmd->kind == K_NEEDS_FILE && !has_file)
        az_diag_report(sh->ctx, AZ_D_LINT_MISSING_KEY, az_sh_loc(sh, sub->start, sub->end),
                       "'ibmcloud iam %s' needs --file JSON_FILE", cmd->name);
    if (cmd->kind == K_ASSIGN)
        sh->f->assigns = true;
    if (cmd->kind == K_ASSIGN && !spread) {
        bool tt = seen[FL_TARGET_TYPE] >= 0, tg = seen[FL_TARGET] >= 0;
        if (!tt || !tg)
            az_diag_report(sh->ctx, AZ_D_LINT_MISSING_KEY, az_sh_loc(sh, sub->start, sub->end),
                           "'ibmcloud iam %s' is missing %s; usage: ibmcloud iam %s TEMPLATE "
                           "VERSION --target-type Account|AccountGroup --target ID",
                           cmd->name,
                           !tt && !tg ? "--target-type and --target"
                           : !tt      ? "--target-type"
                                      : "--target",
                           cmd->name);
    }
    if (cmd->kind == K_CREATE) {
        for (size_t k = 0; k < sizeof exclusive / sizeof *exclusive; k++) {
            int x = seen[exclusive[k][0]], y = seen[exclusive[k][1]];
            if (x < 0 || y < 0)
                continue;
            const struct farg *later = x > y ? &fa[x] : &fa[y], *first = x > y ? &fa[y] : &fa[x];
            struct az_diag *d = az_diag_report(
                sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, later->na, later->nb),
                "'%s' and '%s' exclude each other", first->def->name, later->def->name);
            az_diag_note(sh->ctx, d, az_sh_loc(sh, first->na, first->nb), "'%s' is here",
                         first->def->name);
        }
    }
    if (spread)
        return;
    if (npos < cmd->npos) {
        if (cmd->kind != K_CREATE || npos > 0 || !has_file)
            missing_positionals(sh, cmd, sub, npos);
        return;
    }
    if (npos > cmd->npos) {
        const struct az_sh_word *x = pos[cmd->npos].w;
        const char *xl = az_sh_literal(sh, x);
        bool bs_space = az_sh_at(sh, x->start) == '\\' &&
                        (az_sh_at(sh, x->start + 1) == ' ' || az_sh_at(sh, x->start + 1) == '\t');
        if (bs_space)
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, x->start, x->end),
                           "unexpected argument ' ': this '\\' is followed by a space, so it "
                           "escapes the space instead of continuing the line");
        else if (cmd->kind == K_CREATE && xl && az_sh_is_alpha((unsigned char)xl[0]))
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, x->start, x->end),
                           "unexpected argument '%s': 'ibmcloud iam %s' takes %s; a role name "
                           "with spaces needs quotes (\"Share Snapshot Operator\",Editor)",
                           az_sh_show(sh, xl, strlen(xl)), cmd->name, cmd->args);
        else
            az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, x->start, x->end),
                           "unexpected argument '%s': 'ibmcloud iam %s' takes %s",
                           az_sh_show_src(sh, x->start, x->end), cmd->name,
                           cmd->npos ? cmd->args : "no arguments");
    }
    if (cmd->kind != K_CREATE)
        return;

    /* authorization-policy-create SOURCE TARGET ROLES: the policy */
    struct val src = word_val(sh, pos[0].w, pos[0].ck);
    struct val tgt = word_val(sh, pos[1].w, pos[1].ck);
    if (seen[FL_TGT_RTYPE] >= 0 && tgt.kind == AZ_LV_STRING &&
        strcmp(tgt.text, AZ_SUBJECT_SERVICE) == 0 && src.kind == AZ_LV_STRING &&
        strcmp(src.text, AZ_SUBJECT_SERVICE) == 0) {
        const struct farg *rt = &fa[seen[FL_TGT_RTYPE]];
        const struct farg *st = seen[FL_SRC_RTYPE] >= 0 ? &fa[seen[FL_SRC_RTYPE]] : NULL;
        bool backup = !st || (st->v.kind == AZ_LV_STRING &&
                              strcmp(st->v.text, AZ_SUBJECT_RESOURCE_TYPE) == 0);
        const char *idattr = rt->v.kind == AZ_LV_STRING ? target_id_attr(rt->v.text) : NULL;
        if (backup && idattr)
            az_diag_report(sh->ctx, AZ_D_LINT_TF_RESOURCE_TYPE, az_sh_loc(sh, rt->v.a, rt->v.b),
                           "'--target-resource-type %s' names the backup target by resourceType; "
                           "IBM documents the form that scopes by %s with a wildcard: create the "
                           "policy with --file and a v1 body ('authzc compile -t cli' writes "
                           "one)",
                           rt->v.text, idattr);
    }

    struct az_lpolicy *p = az_arena_alloc(sh->ctx->arena, sizeof *p);
    p->form = AZ_LFORM_CLI;
    const struct az_sh_word *lw = &W[lead];
    p->loc = az_sh_loc(sh, lw->start, sub->end);
    if (az_sh_line(sh, lw->start) != az_sh_line(sh, sub->start))
        p->loc = az_sh_loc(sh, lw->start, lw->end);
    p->label = "ibmcloud iam authorization-policy-create";
    p->type.kind = AZ_LV_NONE;
    p->description.kind = AZ_LV_NONE;
    p->tmpl_name.kind = AZ_LV_NONE;
    p->tmpl_account.kind = AZ_LV_NONE;
    p->src = sh->src;
    struct az_lattr **st = &p->subject, **rt = &p->resource;
    struct az_loc sl = az_sh_loc(sh, src.a, src.b), tl = az_sh_loc(sh, tgt.a, tgt.b);
    *st = mkattr(sh, AZ_ATTR_SERVICE_NAME, sl, &src, sl);
    st = &(*st)->next;
    *rt = mkattr(sh, AZ_ATTR_SERVICE_NAME, tl, &tgt, tl);
    rt = &(*rt)->next;
    for (uint32_t k = 0; k < nfa; k++) {
        const struct farg *a = &fa[k];
        if (a->def->side == S_NONE || !a->v.present)
            continue;
        struct val v = a->v;
        if (a->def->by_name) /* the CLI looks the instance up by name: its ID is unknown */
            v.kind = AZ_LV_REF;
        struct az_loc fl = az_sh_loc(sh, a->na, a->nb);
        struct az_lattr *at_ = mkattr(sh, a->def->attr, fl, &v, fl);
        if (a->def->side == S_SUBJECT) {
            *st = at_;
            st = &at_->next;
        } else {
            *rt = at_;
            rt = &at_->next;
        }
    }
    p->roles = split_roles(sh, &pos[2]);
    p->roles_loc = az_sh_loc(sh, pos[2].w->start, pos[2].w->end);
    add_policy(sh, p);
}

/* ---- curl and here-document bodies -------------------------------------------------------- */

static void check_dash_vars(struct az_sh *sh, const struct az_sh_word *W, uint32_t n, uint32_t h);

enum api { API_NONE, API_V1, API_V2, API_TEMPLATE, API_ASSIGNMENT };

static enum api find_api(const struct az_sh *sh, const struct az_sh_word *w)
{
    static const struct {
        const char *path;
        enum api api;
    } paths[] = {{"/v1/policies", API_V1},
                 {"/v2/policies", API_V2},
                 {"/v1/policy_templates", API_TEMPLATE},
                 {"/v1/policy_assignments", API_ASSIGNMENT}};
    const char *p = sh->s + w->start;
    size_t len = w->end - w->start;
    for (size_t k = 0; k < sizeof paths / sizeof *paths; k++) {
        size_t pl = strlen(paths[k].path);
        for (size_t j = 0; j + pl <= len; j++) {
            if (memcmp(p + j, paths[k].path, pl) != 0)
                continue;
            int after = j + pl < len ? (unsigned char)p[j + pl] : 0;
            if (after == 0 || after == '?' || after == '\'' || after == '"' || after == '/')
                return paths[k].api;
        }
    }
    return API_NONE;
}

/* Lints s[a, b) as JSON (az_lint_json) on a child source of the script (source.h): what it
 * reports and builds is placed in the body, and shown, sorted and suppressed at the body's
 * place in the script. */
static void lint_span(struct az_sh *sh, uint32_t a, uint32_t b, enum api api)
{
    uint32_t k = a;
    while (k < b && strchr(" \t\r\n", sh->s[k]))
        k++;
    if (k >= b || (sh->s[k] != '{' && sh->s[k] != '['))
        return;
    /* The body's copy (the JSON scanner needs a NUL after it) is dropped once it is read:
     * the child source then shows the script's own bytes. */
    struct az_arena *copy = az_arena_new();
    struct az_source *body = az_source_child_in(sh->ctx, sh->src, a, b - a, copy);
    struct az_lfile sf;
    memset(&sf, 0, sizeof sf);
    az_lint_file_init(&sf, body);
    int rc = az_lint_json(sh->ctx, body, &sf);
    body->text = sh->src->text + a;
    az_arena_free(copy);
    if (rc != 0)
        return;
    struct az_lpolicy *nx;
    for (struct az_lpolicy *p = sf.policies; p; p = nx) {
        nx = p->next;
        p->next = NULL;
        if (!p->subject && !p->resource)
            ; /* too little written to tell v1 from v2 */
        else if (api == API_V2 && p->form == AZ_LFORM_JSON_V1)
            az_diag_report(sh->ctx, AZ_D_LINT_MIXED_SHAPE, p->loc,
                           "this is a v1 body (subjects, roles, resources), but it is sent to "
                           "/v2/policies, which takes the v2 shape; send it to /v1/policies");
        else if (api == API_V1 && p->form == AZ_LFORM_JSON_V2)
            az_diag_report(sh->ctx, AZ_D_LINT_MIXED_SHAPE, p->loc,
                           "this is a v2 body (subject, resource, control), but it is sent to "
                           "/v1/policies, which takes the v1 shape; send it to /v2/policies");
        add_policy(sh, p);
    }
}

static void lint_body(struct az_sh *sh, const struct az_sh_word *w, enum api api)
{
    lint_span(sh, w->sq_open + 1, w->sq_close, api);
}

/* A here-document body that is an IAM policy body (literal JSON holding "role_id": a policy,
 * a template or a list of them, as `authzc compile -t cli` feeds its shell functions) is
 * linted as JSON where it stands. Bodies the shell expands ($, `, \ in an unquoted
 * here-document) are not: their text is not what the command reads. */
static void lint_heredoc(struct az_sh *sh, const struct az_sh_heredoc *h, uint32_t a, uint32_t b)
{
    uint32_t k = a;
    while (k < b && strchr(" \t\r\n", sh->s[k]))
        k++;
    if (k >= b || (sh->s[k] != '{' && sh->s[k] != '['))
        return;
    for (uint32_t j = k; !h->quoted && j < b; j++)
        if (sh->s[j] == '$' || sh->s[j] == '`' || sh->s[j] == '\\')
            return;
    static const char key[] = "\"role_id\"";
    const uint32_t kl = sizeof key - 1;
    for (const char *q = sh->s + k, *end = sh->s + b; (q = memchr(q, '"', (size_t)(end - q)));
         q++)
        if ((size_t)(end - q) >= kl && memcmp(q, key, kl) == 0) {
            lint_span(sh, a, b, API_NONE);
            return;
        }
}

static bool curl_takes_value(const char *t)
{
    static const char *const opts[] = {"-X",
                                       "--request",
                                       "-H",
                                       "--header",
                                       "-d",
                                       "--data",
                                       "--data-raw",
                                       "--data-binary",
                                       "--data-urlencode",
                                       "--json",
                                       "-u",
                                       "--user",
                                       "-o",
                                       "--output",
                                       "--url",
                                       "-F",
                                       "--form",
                                       "-A",
                                       "--user-agent",
                                       "-e",
                                       "--referer",
                                       "-b",
                                       "--cookie"};
    for (size_t k = 0; k < sizeof opts / sizeof *opts; k++)
        if (strcmp(opts[k], t) == 0)
            return true;
    return false;
}

/* Whether the word names IAM's host (iam.cloud.ibm.com, private.iam..., iam.test...). */
static bool names_iam_host(const struct az_sh *sh, const struct az_sh_word *w)
{
    static const char *const hosts[] = {"iam.cloud.ibm.com", "iam.test.cloud.ibm.com"};
    const char *p = sh->s + w->start;
    size_t len = w->end - w->start;
    for (size_t k = 0; k < sizeof hosts / sizeof *hosts; k++) {
        size_t hl = strlen(hosts[k]);
        for (size_t j = 0; j + hl <= len; j++)
            if (memcmp(p + j, hosts[k], hl) == 0 && (j == 0 || p[j - 1] == '/' || p[j - 1] == '.'))
                return true;
    }
    return false;
}

/* The value of a curl data option (body): a '...' body is linted as JSON, an @FILE
 * becomes a reference. */
static void curl_data(struct az_sh *sh, const struct az_sh_word *body, enum api api, bool data)
{
    if (body->flags & AZ_SH_W_SQ_ONLY) {
        lint_body(sh, body, api); /* also one an apostrophe cut (the scanner reads it whole) */
    } else if (data && !(body->flags & AZ_SH_W_EXP)) {
        const char *bt = az_sh_literal(sh, body);
        if (bt[0] == '@' && bt[1] && strcmp(bt, "@-") != 0)
            add_ref(sh, bt + 1, az_sh_loc(sh, body->start, body->end));
    }
}

/* 1: -d, --data, --data-binary, --json (an @FILE is read); 2: --data-raw; 0: other. */
static int data_option(const char *t)
{
    if (strcmp(t, "-d") == 0 || strcmp(t, "--data") == 0 || strcmp(t, "--data-binary") == 0 ||
        strcmp(t, "--json") == 0)
        return 1;
    return strcmp(t, "--data-raw") == 0 ? 2 : 0;
}

/* The bodies among W[from, n) of a request to api; notes in fr whether the last word is an
 * option that takes a value (the line ended without its value). */
static void curl_bodies(struct az_sh *sh, struct az_sh_frame *fr, const struct az_sh_word *W,
                        uint32_t from, uint32_t n, enum api api)
{
    for (uint32_t j = from; j < n; j++) {
        const struct az_sh_word *w = &W[j];
        if (w->flags & AZ_SH_W_EXP)
            continue;
        char tb[AZ_SH_LBUF];
        const char *t = az_sh_small_lit(sh, w, tb);
        if (!t)
            continue;
        int d = data_option(t);
        if (j + 1 >= n) {
            fr->cmd_open = curl_takes_value(t);
            fr->cmd_data = d != 0;
        } else if (d && api != API_NONE) {
            curl_data(sh, &W[j + 1], api, d == 1);
        }
    }
}

static void check_curl(struct az_sh *sh, struct az_sh_frame *fr, const struct az_sh_word *W,
                       uint32_t n, uint32_t h, enum az_sh_sep sep)
{
    enum api api = API_NONE;
    bool iam = false;
    for (uint32_t j = h + 1; j < n && api == API_NONE; j++)
        api = find_api(sh, &W[j]);
    for (uint32_t j = h + 1; j < n && !iam; j++)
        iam = api != API_NONE || names_iam_host(sh, &W[j]);
    fr->cmd_kind = C_CURL;
    fr->cmd_api = (unsigned char)api;
    if (iam) { /* shell pitfalls only where they reach IAM */
        check_dash_vars(sh, W, n, h);
        for (uint32_t j = h + 1; j < n; j++) {
            const struct az_sh_word *w = &W[j];
            if (w->sqd_len)
                az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR,
                               az_sh_loc(sh, w->sqd_off, w->sqd_off + w->sqd_len),
                               "'%s' is inside single quotes, so curl gets the text '%s', not "
                               "the variable's value; use double quotes",
                               az_sh_show_src(sh, w->sqd_off, w->sqd_off + w->sqd_len),
                               az_sh_show_src(sh, w->sqd_off, w->sqd_off + w->sqd_len));
        }
    }
    curl_bodies(sh, fr, W, h + 1, n, api);
    if (sep == AZ_SH_SEP_NEWLINE && fr->cmd_open && n > h + 1)
        az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, az_sh_loc(sh, W[n - 1].start, W[n - 1].end),
                       "'%s' needs a value, but the line ends here without '\\', so the "
                       "next line runs as a separate command",
                       az_sh_show_src(sh, W[n - 1].start, W[n - 1].end));
}

/* A line a broken continuation split off the IAM command or curl request before it (it
 * starts with a flag, or with the value the line before left out): reported by the
 * continuation check or at the option without its value; here it is read as the rest of
 * that command, so that the body it carries is still linted. */
static void broken_off(struct az_sh *sh, struct az_sh_frame *fr, const struct az_sh_word *W,
                       uint32_t n, enum az_sh_sep sep)
{
    fr->cmd_kind = fr->prev_kind;
    fr->cmd_api = fr->prev_api;
    if (fr->prev_kind != C_CURL)
        return;
    enum api api = (enum api)fr->prev_api;
    if (fr->prev_open && fr->prev_data && api != API_NONE && !(W[0].flags & AZ_SH_W_EXP))
        curl_data(sh, &W[0], api, true);
    curl_bodies(sh, fr, W, fr->prev_open ? 1 : 0, n, api);
    if (sep != AZ_SH_SEP_NEWLINE)
        fr->cmd_open = false;
}

/* ---- one command ----------------------------------------------------------------------- */

static void check_dash_vars(struct az_sh *sh, const struct az_sh_word *W, uint32_t n, uint32_t h)
{
    for (uint32_t j = h; j < n; j++) {
        const struct az_sh_word *w = &W[j];
        if (w->dash_off == AZ_SH_NONE)
            continue;
        uint32_t a = w->dash_off, ne = a + 1 + w->dash_name, e = ne + w->dash_suf;
        char *fix = az_arena_strndup(sh->ctx->arena, sh->s + a + 1, e - a - 1);
        for (char *p = fix; *p; p++)
            *p = *p == '-' ? '_' : (*p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p);
        const char *name = az_sh_show_src(sh, a + 1, ne);
        az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, az_sh_loc(sh, a, e),
                       "'%s' expands $%s and appends '%s'; write \"${%s}\" (or \"${%s}%s\" if "
                       "that is meant)",
                       az_sh_show_src(sh, a, e), name, az_sh_show_src(sh, ne, e),
                       az_sh_show(sh, fix, strlen(fix)), name, az_sh_show_src(sh, ne, e));
    }
}

/* A line that starts with a flag after a line that did not continue: reported; returns
 * whether it was. */
static bool continuation_check(struct az_sh *sh, const struct az_sh_frame *fr,
                               const struct az_sh_word *w)
{
    char tb[AZ_SH_LBUF];
    const char *t = az_sh_small_lit(sh, w, tb);
    if (!t)
        return false;
    bool flag = (t[0] == '-' && az_sh_is_alpha((unsigned char)t[1])) ||
                (t[0] == '-' && t[1] == '-' && az_sh_is_alpha((unsigned char)t[2]));
    if (!flag)
        return false;
    struct az_loc loc = az_sh_loc(sh, w->start, w->end);
    struct az_diag *d;
    if (fr->prev_bs != AZ_SH_NONE) {
        d = az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, loc,
                           "this line continues the previous command, but the '\\' on line %u "
                           "is followed by a space, so it escapes the space and does not "
                           "continue the line",
                           az_sh_line(sh, fr->prev_bs));
        az_diag_note(sh->ctx, d, az_sh_loc(sh, fr->prev_bs, fr->prev_bs + 2),
                     "remove the space after '\\'");
    } else if (fr->prev_comment != AZ_SH_NONE) {
        d = az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, loc,
                           "this line continues the previous command, but the comment on line "
                           "%u ends that command ('\\' cannot continue a line past a comment)",
                           az_sh_line(sh, fr->prev_comment));
        az_diag_note(sh->ctx, d, az_sh_loc(sh, fr->prev_comment, fr->prev_comment + 1),
                     "move this comment out of the command");
    } else {
        d = az_diag_report(sh->ctx, AZ_D_LINT_SHELL_VAR, loc,
                           "this line continues the previous command, but that line does not "
                           "end with '\\'");
        az_diag_note(sh->ctx, d, az_sh_loc(sh, fr->prev_nl, fr->prev_nl + 1),
                     "add ' \\' at the end of this line");
    }
    return true;
}

/* Skips sudo/command/exec/env/nohup/nice/time/timeout and their options; n: not run. */
static uint32_t skip_wrappers(struct az_sh *sh, const struct az_sh_word *W, uint32_t n, uint32_t h)
{
    char tb[AZ_SH_LBUF], ob[AZ_SH_LBUF];
    while (h < n) {
        const char *t = az_sh_small_lit(sh, &W[h], tb);
        if (!t)
            return h;
        if (strcmp(t, "sudo") == 0) {
            h++;
            while (h < n) {
                const char *o = az_sh_small_lit(sh, &W[h], ob);
                if (!o)
                    break;
                if (strcmp(o, "--") == 0) {
                    h++;
                    break;
                }
                if (o[0] == '-') {
                    bool arg = o[1] && !o[2] && strchr("CDghpRrTtUu", o[1]);
                    h += arg ? 2 : 1;
                } else if (az_sh_is_assignment(sh, &W[h])) {
                    h++;
                } else {
                    break;
                }
            }
        } else if (strcmp(t, "command") == 0) {
            h++;
            while (h < n) {
                const char *o = az_sh_small_lit(sh, &W[h], ob);
                if (!o || o[0] != '-')
                    break;
                if (strchr(o, 'v') || strchr(o, 'V'))
                    return n;
                h++;
            }
        } else if (strcmp(t, "exec") == 0) {
            h++;
            while (h < n) {
                const char *o = az_sh_small_lit(sh, &W[h], ob);
                if (!o || o[0] != '-')
                    break;
                h += strcmp(o, "-a") == 0 ? 2 : 1;
            }
        } else if (strcmp(t, "env") == 0) {
            h++;
            while (h < n) {
                const char *o = az_sh_small_lit(sh, &W[h], ob);
                if (az_sh_is_assignment(sh, &W[h])) {
                    h++;
                } else if (!o) {
                    break;
                } else if (strcmp(o, "--") == 0) {
                    h++;
                } else if (strcmp(o, "-u") == 0 || strcmp(o, "-C") == 0 || strcmp(o, "-S") == 0) {
                    h += 2;
                } else if (o[0] == '-') {
                    h++;
                } else {
                    break;
                }
            }
        } else if (strcmp(t, "nohup") == 0) {
            h++;
        } else if (strcmp(t, "nice") == 0) {
            h++;
            const char *o = h < n ? az_sh_small_lit(sh, &W[h], ob) : NULL;
            if (o && strcmp(o, "-n") == 0)
                h += 2;
            else if (o && o[0] == '-')
                h++;
        } else if (strcmp(t, "time") == 0) {
            h++;
            const char *o = h < n ? az_sh_small_lit(sh, &W[h], ob) : NULL;
            if (o && strcmp(o, "-p") == 0)
                h++;
        } else if (strcmp(t, "timeout") == 0) {
            h++;
            while (h < n) {
                const char *o = az_sh_small_lit(sh, &W[h], ob);
                if (!o || o[0] != '-')
                    break;
                h += strcmp(o, "-s") == 0 || strcmp(o, "-k") == 0 ? 2 : 1;
            }
            h++; /* the duration */
        } else {
            return h;
        }
    }
    return h;
}

static const char *basename_of(const char *t)
{
    const char *b = strrchr(t, '/');
    return b ? b + 1 : t;
}

static void analyze(struct az_sh *sh, struct az_sh_frame *fr, enum az_sh_sep sep)
{
    uint32_t n = sh->nwords - fr->cmd_lo;
    const struct az_sh_word *W = &sh->words[fr->cmd_lo];
    if (n == 0)
        return;
    bool after = fr->cmd_bol && fr->prev_real && fr->prev_kind != C_OTHER && fr->head == 0;
    if (after &&
        ((fr->prev_open && (W[0].flags & AZ_SH_W_QUOTED)) || continuation_check(sh, fr, &W[0]))) {
        if (!fr->cmd_trunc)
            broken_off(sh, fr, W, n, sep);
        return;
    }
    if (fr->cmd_trunc || fr->head < 0 || (uint32_t)fr->head >= n)
        return;
    uint32_t h = skip_wrappers(sh, W, n, (uint32_t)fr->head);
    if (h >= n)
        return;
    char nb[AZ_SH_LBUF], sb[AZ_SH_LBUF];
    const char *name = az_sh_small_lit(sh, &W[h], nb);
    if (!name)
        return;
    const char *base = basename_of(name);
    if (strcmp(base, "ibmcloud") == 0) {
        /* `ibmcloud is ...`, `ibmcloud cos ...`: not IAM, passed over */
        const char *ns = h + 1 < n ? az_sh_small_lit(sh, &W[h + 1], sb) : NULL;
        if (ns && strcmp(ns, "iam") == 0) {
            fr->cmd_kind = C_IAM;
            check_dash_vars(sh, W, n, h);
            if (h + 2 < n)
                check_ibmcloud(sh, W, n, h, h + 2);
        }
    } else if (strcmp(name, "iam") == 0 && h + 1 < n) {
        const char *sub = az_sh_small_lit(sh, &W[h + 1], sb);
        const struct cmddef *cmd = sub ? find_command(sub) : NULL;
        if (cmd) {
            fr->cmd_kind = C_IAM;
            struct az_diag *d =
                az_diag_report(sh->ctx, AZ_D_LINT_CLI_FLAG, az_sh_loc(sh, W[h].start, W[h].end),
                               "'iam' is not a command; did you mean 'ibmcloud iam %s'?", cmd->name);
            az_lint_fix_token(sh->ctx, d, az_sh_loc(sh, W[h].start, W[h].end), "iam",
                              "ibmcloud iam");
            check_dash_vars(sh, W, n, h);
            check_ibmcloud(sh, W, n, h, h + 1);
        }
    } else if (strcmp(base, "curl") == 0) {
        check_curl(sh, fr, W, n, h, sep);
    }
}

int az_lint_sh(struct az_ctx *ctx, const struct az_source *src, struct az_lfile *f)
{
    struct az_sh sh;
    memset(&sh, 0, sizeof sh);
    sh.ctx = ctx;
    sh.src = src;
    sh.f = f;
    sh.on_command = analyze;
    sh.on_heredoc = lint_heredoc;
    if (az_sh_scan(&sh) != 0) {
        f->syntax_error = true;
        return -1;
    }
    return 0;
}
