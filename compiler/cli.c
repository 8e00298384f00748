/* cli.c - the command line (CLI.md). It reads like the pipeline: load every input, parse
 * it with the front end its name calls for, check the intent into a plan, emit the plan,
 * print the diagnostics once. Only this layer prints diagnostics or decides the exit status. */
#include "authzc/cli.h"

#include <errno.h>
#include <stddef.h>
#include <sys/stat.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "authzc/arena.h"
#include "authzc/args.h"
#include "authzc/ast.h"
#include "authzc/check.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/emit.h"
#include "authzc/lint.h"
#include "authzc/output.h"
#include "authzc/parse.h"
#include "authzc/plan.h"
#include "authzc/rules.h"
#include "authzc/source.h"
#include "authzc/suggest.h"

#ifndef AZ_VERSION
#define AZ_VERSION "0.0.0"
#endif

enum lang { LANG_AUTO, LANG_DSL, LANG_YAML };
enum target { TARGET_NONE, TARGET_TERRAFORM, TARGET_CLI, TARGET_JSON, TARGET_JSON_V2 };
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* The commands, a bit each: an option row says which commands take it. */
enum { CMD_CHECK = 1, CMD_COMPILE = 2, CMD_LINT = 4, CMD_EXPLAIN = 8, CMD_RULES = 16 };
#define CMD_INTENT (CMD_CHECK | CMD_COMPILE)
#define CMD_DIAG (CMD_CHECK | CMD_COMPILE | CMD_LINT)

/* Every command's options (the fields a command does not take stay zero). */
struct options {
    int lang;   /* enum lang */
    int target; /* enum target */
    int format; /* enum az_report_format */
    int fail_on; /* 1: warning */
    int color;   /* enum color */
    int lint_lang; /* enum az_lint_kind */
    bool werror, list;
    bool allow_empty;
    const char *output;
    const char *account_id;
    const char *ignore_file;
    struct az_arg_list intents;
    size_t max_errors, max_input;
    struct az_arg_list files; /* the operands */
    struct az_report_opts report;
};

#define OPT(field) offsetof(struct options, field)
static const char *const lang_words[] = {"dsl", "yaml", NULL};
static const char *const format_words[] = {"text", "json", "sarif", "github", NULL};
static const char *const rules_format_words[] = {"text", "json", NULL};
static const char *const target_words[] = {"terraform", "cli", "json", "json-v2", NULL};
static const char *const target_hints[] = {"tf=terraform", "hcl=terraform", "sh=cli",
                                           "bash=cli", "script=cli", NULL};
static const char *const fail_on_words[] = {"error", "warning", NULL};
static const char *const lint_lang_words[] = {"json", "tf", "sh", NULL};
static const char *const color_words[] = {"auto", "always", "never", NULL};

/* The option table of every command: one row per option. */
static const struct az_arg option_table[] = {
    {.name = "--help", .alias = "-h", .cmds = ~0u, .kind = AZ_ARG_HELP},
    {.name = "--lang", .cmds = CMD_INTENT, .kind = AZ_ARG_CHOICE, .off = OPT(lang),
     .words = lang_words, .first = LANG_DSL},
    {.name = "--format", .cmds = CMD_DIAG, .kind = AZ_ARG_CHOICE, .off = OPT(format),
     .words = format_words, .first = AZ_REPORT_TEXT},
    {.name = "--format", .cmds = CMD_RULES, .kind = AZ_ARG_CHOICE, .off = OPT(format),
     .words = rules_format_words, .first = AZ_REPORT_TEXT},
    {.name = "--max-errors", .cmds = CMD_DIAG, .kind = AZ_ARG_SIZE, .off = OPT(max_errors),
     .min = 0, .max = 1000000, .range = "a number from 0 to 1000000"},
    {.name = "--werror", .cmds = CMD_DIAG, .kind = AZ_ARG_FLAG, .off = OPT(werror)},
    {.name = "--max-input-size", .cmds = CMD_DIAG, .kind = AZ_ARG_SIZE, .off = OPT(max_input),
     .min = 1, .max = 1024u * 1024 * 1024, .range = "a number of bytes from 1 to 1073741824"},
    {.name = "--target", .alias = "-t", .cmds = CMD_COMPILE, .kind = AZ_ARG_CHOICE,
     .off = OPT(target), .words = target_words, .first = TARGET_TERRAFORM,
     .hints = target_hints, .noun = "target"},
    {.name = "--output", .alias = "-o", .cmds = CMD_COMPILE, .kind = AZ_ARG_STRING,
     .off = OPT(output)},
    {.name = "--account-id", .cmds = CMD_COMPILE, .kind = AZ_ARG_STRING, .off = OPT(account_id)},
    {.name = "--intent", .cmds = CMD_LINT, .kind = AZ_ARG_LIST, .off = OPT(intents)},
    {.name = "--fail-on", .cmds = CMD_LINT | CMD_CHECK, .kind = AZ_ARG_CHOICE, .off = OPT(fail_on),
     .words = fail_on_words},
    {.name = "--lang", .cmds = CMD_LINT, .kind = AZ_ARG_CHOICE, .off = OPT(lint_lang),
     .words = lint_lang_words, .first = AZ_LKIND_JSON},
    {.name = "--ignore-file", .cmds = CMD_LINT, .kind = AZ_ARG_STRING, .off = OPT(ignore_file)},
    {.name = "--list", .cmds = CMD_EXPLAIN, .kind = AZ_ARG_FLAG, .off = OPT(list)},
    {.name = "--allow-empty", .cmds = CMD_INTENT, .kind = AZ_ARG_FLAG, .off = OPT(allow_empty)},
    {.name = "--color", .cmds = CMD_DIAG, .kind = AZ_ARG_CHOICE, .off = OPT(color),
     .words = color_words, .first = COLOR_AUTO},
};
#define NOPTIONS (sizeof option_table / sizeof option_table[0])

static const char usage_main[] =
    "usage: authzc COMMAND [options] ...\n"
    "\n"
    "Compiles IBM Cloud Backup for VPC authorization intents into Terraform, ibmcloud\n"
    "scripts and IAM policy JSON, and checks hand-written policies.\n"
    "\n"
    "commands:\n"
    "  check   [options] FILE...                  parse and check an intent; print diagnostics\n"
    "  compile [options] -t TARGET [-o PATH] FILE...\n"
    "                                             emit terraform, cli, json or json-v2\n"
    "  lint    [options] [--intent FILE] PATH...  check hand-written policies (.json .tf .sh)\n"
    "  explain ID                                 what a diagnostic means and how to fix it\n"
    "  rules   [--format text|json]               the rule table the checker uses\n"
    "\n"
    "  authzc --help | --version; every command has --help ('authzc help CMD' too).\n"
    "\n"
    "exit status: 0 nothing at or above the failing level, 1 the input has errors,\n"
    "2 usage errors, unreadable inputs, unwritable outputs.\n";

static const char usage_check[] =
    "usage: authzc check [options] FILE...\n"
    "\n"
    "Parses and checks an intent (several files form one intent) and prints diagnostics.\n"
    "FILE ending in .yaml or .yml (any case) is YAML, anything else the .authz DSL; '-' is\n"
    "standard input.\n"
    "\n"
    "options:\n"
    "  --lang dsl|yaml          the language of every FILE (default: by extension)\n"
    "  --format text|json|sarif|github\n"
    "                           how diagnostics are printed (default: text, on standard\n"
    "                           error; the others on standard output)\n"
    "  --max-errors N           print at most N diagnostics (0: all; default 0)\n"
    "  --werror                 warnings make the exit status 1\n"
    "  --allow-empty            an intent that grants nothing is not an error (AZ411)\n"
    "  --fail-on error|warning  the level that makes the exit status 1 (default: error;\n"
    "                           warning is the same as --werror)\n"
    "  --color auto|always|never\n"
    "                           colour text diagnostics (default auto: only on a terminal\n"
    "                           and when NO_COLOR is unset)\n"
    "  --max-input-size BYTES   refuse larger inputs (default 67108864)\n"
    "  -h, --help               this text\n";

static const char usage_compile[] =
    "usage: authzc compile [options] -t TARGET [-o PATH] FILE...\n"
    "\n"
    "Compiles an intent into one target. Nothing is written when the intent has errors;\n"
    "files are written atomically (a temporary file beside the target, then renamed).\n"
    "\n"
    "targets:\n"
    "  terraform   one .tf file for the IBM provider, in terraform fmt layout\n"
    "  cli         one bash script for ibmcloud, safe to run twice\n"
    "  json        IAM v1 policy bodies (POST /v1/policies, ibmcloud ... --file), and\n"
    "              template and assignment bodies for enterprises\n"
    "  json-v2     the same as v2 bodies (POST /v2/policies)\n"
    "\n"
    "options:\n"
    "  -t, --target TARGET      the output format (required)\n"
    "  -o, --output PATH        write to PATH instead of standard output; for json and\n"
    "                           json-v2 PATH is a folder (created if missing) that gets one\n"
    "                           file per body and an index.json\n"
    "  --account-id ID          the account that 'account current' stands for (required\n"
    "                           by json and json-v2 when the intent uses 'current')\n"
    "  --lang dsl|yaml          the language of every FILE (default: by extension)\n"
    "  --format text|json|sarif|github\n"
    "                           how diagnostics are printed, always on standard error\n"
    "                           (default: text)\n"
    "  --max-errors N           print at most N diagnostics (0: all)\n"
    "  --werror                 warnings fail the compile (exit 1, nothing written)\n"
    "  --allow-empty            compile an intent that grants nothing (to remove every\n"
    "                           authorization); without it that is an error (AZ411)\n"
    "  --color auto|always|never\n"
    "                           colour text diagnostics (default auto: only on a terminal\n"
    "                           and when NO_COLOR is unset)\n"
    "  --max-input-size BYTES   refuse larger inputs (default 67108864)\n"
    "  -h, --help               this text\n";

static const char usage_explain[] =
    "usage: authzc explain ID\n"
    "\n"
    "Prints what a diagnostic means, why it matters and how to fix it. ID is the code in\n"
    "brackets at the end of a diagnostic (AZ301) or its name (role-missing).\n"
    "'authzc explain --list' lists every ID.\n";

static const char usage_rules[] =
    "usage: authzc rules [--format text|json]\n"
    "\n"
    "Prints the rule table: for each target of Backup for VPC, its service, the attribute\n"
    "that scopes it and the roles it needs; then every role with its ID and CRN.\n";

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void report_defaults(struct az_report_opts *r);

/* .yaml or .yml, in any case (a file copied from Windows may be INTENT.YAML). */
static bool is_yaml_name(const char *path)
{
    size_t n = strlen(path);
    return (n >= 5 && strcasecmp(path + n - 5, ".yaml") == 0) ||
           (n >= 4 && strcasecmp(path + n - 4, ".yml") == 0);
}

/* Parses cmd's options into o (report options included). Returns 0 to go on, 1 after
 * printing usage (--help), -1 after a usage error; call free_options whatever it returned. */
static int parse_options(unsigned cmd, const char *name, const char *usage, int argc,
                         char **argv, struct options *o)
{
    memset(o, 0, sizeof *o);
    report_defaults(&o->report);
    int r = az_args_parse(option_table, NOPTIONS, cmd, name, argc, argv, o, &o->files);
    if (r > 0 && usage)
        fputs(usage, stdout);
    o->report.format = (enum az_report_format)o->format;
    o->report.max_errors = (unsigned)o->max_errors;
    o->report.werror = o->werror || o->fail_on == 1;
    if (o->color != COLOR_AUTO)
        o->report.color = o->color == COLOR_ALWAYS;
    return r;
}

static void free_options(unsigned cmd, struct options *o)
{
    az_args_free(option_table, NOPTIONS, cmd, o, &o->files);
}

/* check and compile: the options, then at least one file. */
static int intent_options(unsigned cmd, const char *name, const char *usage, int argc,
                          char **argv, struct options *o)
{
    int r = parse_options(cmd, name, usage, argc, argv, o);
    if (r == 0 && o->files.n == 0) {
        fprintf(stderr, "authzc %s: error: no input files\nTry 'authzc %s --help'.\n", name,
                name);
        r = -1;
    }
    return r;
}

static void report_defaults(struct az_report_opts *r)
{
    const char *nc = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    r->color = isatty(fileno(stderr)) && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
    r->tool_version = AZ_VERSION;
}

/* Loads and parses every file into one intent. Returns 0, or -1 when something was wrong
 * (diagnostics queued). */
static int load_intent(struct az_ctx *ctx, const struct options *o, struct az_intent *in,
                       const struct az_source **first)
{
    int rc = 0;
    *first = NULL;
    az_ast_intent_init(in);
    for (size_t i = 0; i < o->files.n; i++) {
        const char *path = o->files.v[i];
        const struct az_source *src = az_source_load(ctx, path);
        if (!src) {
            rc = -1;
            continue;
        }
        if (!*first)
            *first = src;
        bool yaml = o->lang == LANG_YAML ||
                    (o->lang == LANG_AUTO && is_yaml_name(path));
        if ((yaml ? az_parse_yaml(ctx, src, in) : az_parse_dsl(ctx, src, in)) != 0)
            rc = -1;
    }
    return rc;
}

/* An intent that grants nothing is an error unless --allow-empty (AZ411): an empty output
 * over an earlier one would remove every authorization it created. Reported at the first
 * block, or at the start of the first file. Returns -1 when reported. */
static int refuse_empty(struct az_ctx *ctx, const struct options *o, const struct az_intent *in,
                        const struct az_source *first, const struct az_plan *plan)
{
    if (plan->n > 0 || o->allow_empty || !first)
        return 0;
    struct az_loc at = {first, 1, 1, 1};
    if (in->accounts)
        at = in->accounts->loc;
    else if (in->enterprises)
        at = in->enterprises->loc;
    az_diag_report(ctx, AZ_D_EMPTY_INTENT, at,
                   "the intent declares no authorization: its output would grant nothing "
                   "and replace what an earlier one created; add 'backup volumes' to an "
                   "account, or pass --allow-empty");
    return -1;
}

static int finish(struct az_ctx *ctx, unsigned cmd, struct options *o)
{
    /* Text is for people (standard error). check's machine formats go to standard output, like
     * lint's, so CI can redirect them (`authzc check --format sarif F > r.sarif`); compile's
     * standard output may be the compiled output itself, so its diagnostics stay on standard
     * error in every format. */
    bool to_stdout = o->report.format != AZ_REPORT_TEXT && o->target == TARGET_NONE;
    az_diag_print(ctx, to_stdout ? stdout : stderr, &o->report);
    int status = az_diag_exit_status(ctx, o->report.werror);
    az_ctx_fini(ctx);
    free_options(cmd, o);
    return status;
}

static int cmd_check(int argc, char **argv)
{
    struct options o;
    int r = intent_options(CMD_CHECK, "check", usage_check, argc, argv, &o);
    if (r != 0) {
        free_options(CMD_CHECK, &o);
        return r > 0 ? 0 : 2;
    }
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    if (o.max_input)
        ctx.max_input = o.max_input;
    struct az_intent in;
    const struct az_source *first;
    int parsed = load_intent(&ctx, &o, &in, &first);
    if (!ctx.diags.fatal) {
        struct az_check_opts copts = {.partial = parsed != 0};
        struct az_plan plan;
        if (az_check(&ctx, &in, &copts, &plan) == 0 && parsed == 0)
            refuse_empty(&ctx, &o, &in, first, &plan);
    }
    return finish(&ctx, CMD_CHECK, &o);
}

static bool valid_account_id(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == 32;
}

static int emit(struct az_ctx *ctx, const struct options *o, const struct az_plan *plan)
{
    if ((o->target == TARGET_JSON || o->target == TARGET_JSON_V2) && o->output &&
        strcmp(o->output, "-") != 0)
        return az_emit_json_dir(ctx, plan, o->target == TARGET_JSON ? AZ_JSON_V1 : AZ_JSON_V2,
                                o->output);
    struct az_output out;
    if (az_output_open(ctx, &out, o->output, o->target == TARGET_CLI) != 0)
        return -1;
    int rc;
    switch (o->target) {
    case TARGET_TERRAFORM:
        rc = az_emit_terraform(ctx, plan, out.f);
        break;
    case TARGET_CLI:
        rc = az_emit_cli(ctx, plan, out.f);
        break;
    case TARGET_JSON:
    case TARGET_JSON_V2:
    default:
        rc = az_emit_json(ctx, plan, o->target == TARGET_JSON ? AZ_JSON_V1 : AZ_JSON_V2, out.f);
        break;
    }
    if (rc != 0) {
        az_output_abort(&out);
        return -1;
    }
    return az_output_commit(ctx, &out);
}

static int cmd_compile(int argc, char **argv)
{
    struct options o;
    int r = intent_options(CMD_COMPILE, "compile", usage_compile, argc, argv, &o);
    if (r != 0) {
        free_options(CMD_COMPILE, &o);
        return r > 0 ? 0 : 2;
    }
    if (o.target == TARGET_NONE) {
        free_options(CMD_COMPILE, &o);
        return az_args_usage_error("compile", "%s",
                                   "no target: pass -t terraform, cli, json or json-v2");
    }
    if (o.account_id && !valid_account_id(o.account_id)) {
        free_options(CMD_COMPILE, &o);
        return az_args_usage_error("compile",
                           "--account-id '%s' is not an account ID (32 lowercase hexadecimal "
                           "characters)",
                           o.account_id);
    }
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    if (o.max_input)
        ctx.max_input = o.max_input;
    struct az_intent in;
    const struct az_source *first;
    int rc = load_intent(&ctx, &o, &in, &first);
    if (!ctx.diags.fatal) {
        struct az_check_opts copts = {
            .current_account = o.account_id,
            .current_unsupported = o.target == TARGET_JSON || o.target == TARGET_JSON_V2,
            .partial = rc != 0,
        };
        struct az_plan plan;
        if (az_check(&ctx, &in, &copts, &plan) != 0)
            rc = -1;
        if (rc == 0)
            rc = refuse_empty(&ctx, &o, &in, first, &plan);
        if (rc == 0 && !(o.report.werror && ctx.diags.warnings > 0))
            emit(&ctx, &o, &plan);
    }
    return finish(&ctx, CMD_COMPILE, &o);
}

static int cmd_explain(int argc, char **argv)
{
    struct options o;
    int r = parse_options(CMD_EXPLAIN, "explain", usage_explain, argc, argv, &o);
    size_t nids = o.files.n;
    const char *id = nids == 1 ? o.files.v[0] : NULL;
    bool list = o.list;
    free_options(CMD_EXPLAIN, &o);
    if (r != 0)
        return r > 0 ? 0 : 2;
    if (list && nids == 0) {
        for (size_t i = 1; i < AZ_D_COUNT; i++) {
            const struct az_diag_info *d = az_diag_info((enum az_diag_id)i);
            printf("%s  %-7s  %-22s %s\n", d->id,
                   d->severity == AZ_SEV_ERROR ? "error" : "warning", d->name, d->title);
        }
        return 0;
    }
    if (!id || list)
        return az_args_usage_error("explain", "%s", "expected one diagnostic ID, such as AZ301");
    const struct az_diag_info *d = az_diag_find(id);
    if (!d) {
        const char *best = az_diag_suggest(id);
        if (best)
            fprintf(stderr, "authzc explain: error: unknown diagnostic '%s'; did you mean '%s'?\n",
                    id, best);
        else
            fprintf(stderr,
                    "authzc explain: error: unknown diagnostic '%s' ('authzc explain --list' "
                    "lists them)\n",
                    id);
        return 2;
    }
    printf("%s %s (%s)\n%s\n\n%s", d->id, d->name,
           d->severity == AZ_SEV_ERROR ? "error" : "warning", d->title, d->explain);
    return 0;
}

static int cmd_rules(int argc, char **argv)
{
    struct options opts;
    int rc = parse_options(CMD_RULES, "rules", usage_rules, argc, argv, &opts);
    const char *extra = opts.files.n ? opts.files.v[0] : NULL;
    bool json = opts.format == AZ_REPORT_JSON;
    free_options(CMD_RULES, &opts);
    if (rc != 0)
        return rc > 0 ? 0 : 2;
    if (extra)
        return az_args_usage_error("rules", "unexpected argument '%s'", extra);
    if (json) {
        json_t *targets = json_array(), *roles = json_array();
        for (size_t i = 0; i < AZ_TARGET_COUNT; i++) {
            const struct az_target *t = &az_targets[i];
            json_t *rs = json_array();
            for (size_t k = 0; k < AZ_ROLE_COUNT; k++)
                if (t->roles & (1u << k))
                    json_array_append_new(rs, json_string(az_roles[k].display));
            json_array_append_new(
                targets, json_pack("{s:s,s:s,s:s,s:s,s:o,s:s,s:b,s:b}", "name", t->name, "console",
                                   t->console, "serviceName", t->service, "attribute", t->attr,
                                   "roles", rs, "groups",
                                   t->flags & AZ_IN_VOLUMES  ? "volumes"
                                   : t->flags & AZ_IN_SHARES ? "shares"
                                                                 : "",
                                   "enterpriseChildOnly", (t->flags & AZ_CHILD_ONLY) != 0,
                                   "instanceScoped", (t->flags & AZ_PER_INSTANCE) != 0));
        }
        for (size_t k = 0; k < AZ_ROLE_COUNT; k++) {
            const struct az_role *r = &az_roles[k];
            json_t *o = json_pack("{s:s,s:s,s:s}", "displayName", r->display, "id", r->id, "crn",
                                  r->crn);
            json_object_set_new(o, "service", r->service ? json_string(r->service) : json_null());
            json_array_append_new(roles, o);
        }
        json_t *doc = json_pack("{s:{s:s,s:s},s:o,s:o}", "subject", "serviceName",
                                AZ_SUBJECT_SERVICE, "resourceType", AZ_SUBJECT_RESOURCE_TYPE,
                                "targets", targets, "roles", roles);
        json_dumpf(doc, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(doc);
        return 0;
    }
    printf("Subject of every authorization: serviceName=%s, resourceType=%s\n\n",
           AZ_SUBJECT_SERVICE, AZ_SUBJECT_RESOURCE_TYPE);
    printf("%-27s %-32s %-20s %-27s %s\n", "TARGET", "CONSOLE NAME", "SERVICE", "SCOPE ATTRIBUTE",
           "ROLES");
    struct az_arena *a = az_arena_new();
    for (size_t i = 0; i < AZ_TARGET_COUNT; i++) {
        const struct az_target *t = &az_targets[i];
        printf("%-27s %-32s %-20s %-27s %s\n", t->name, t->console, t->service, t->attr,
               az_rules_roles_text(a, t->roles));
    }
    az_arena_free(a);
    printf("\nbackup volumes: instance, volume, snapshot, snapshot-consistency-group\n"
           "backup shares:  share\n"
           "enterprise child or template: adds backup-policy; notify GUID: "
           "event-notifications on that instance\n"
           "scope: every resource (ID attribute wildcard), never one resource ID\n\n");
    printf("%-25s %-22s %s\n", "ROLE", "ID", "CRN");
    for (size_t k = 0; k < AZ_ROLE_COUNT; k++)
        printf("%-25s %-22s %s\n", az_roles[k].display, az_roles[k].id, az_roles[k].crn);
    return 0;
}

static bool is_intent_name(const char *path)
{
    return ends_with(path, ".authz") || is_yaml_name(path);
}

/* Explicitly named files must be of a kind lint reads; returns 2 after a usage error. */
static int lint_explicit_paths(const struct az_arg_list *paths)
{
    for (size_t i = 0; i < paths->n; i++) {
        const char *p = paths->v[i];
        if (strcmp(p, "-") == 0)
            continue; /* standard input: --lang, or by content */
        if (is_intent_name(p))
            return az_args_usage_error("lint",
                                       "'%s' is an intent, not a policy file: 'authzc check %s' "
                                       "checks it; 'authzc lint --intent %s PATH...' compares "
                                       "policies with it",
                                       p, p, p);
        struct stat st;
        if (stat(p, &st) != 0 || S_ISDIR(st.st_mode))
            continue; /* a missing path is reported with the findings */
        enum az_lint_kind k = az_lint_kind_of(p);
        if (k == AZ_LKIND_TF_JSON)
            return az_args_usage_error("lint",
                                       "cannot lint '%s': Terraform's JSON syntax (.tf.json) is "
                                       "not read; lint reads .json, .tf, .sh and .bash files",
                                       p);
        if (k == AZ_LKIND_OTHER)
            return az_args_usage_error("lint",
                                       "cannot lint '%s': lint reads .json, .tf, .sh and .bash "
                                       "files and scripts whose first line is a sh or bash "
                                       "shebang",
                                       p);
    }
    return 0;
}

static bool has_stdin(const struct az_arg_list *paths)
{
    for (size_t i = 0; i < paths->n; i++)
        if (strcmp(paths->v[i], "-") == 0)
            return true;
    return false;
}

static int cmd_lint(int argc, char **argv)
{
    struct options o;
    int r = parse_options(CMD_LINT, "lint", NULL, argc, argv, &o);
    if (r > 0)
        az_lint_usage(stdout);
    if (r == 0 && o.files.n == 0) {
        az_args_usage_error("lint", "%s", "no paths to lint (files or folders)");
        r = -1;
    }
    if (r == 0 && lint_explicit_paths(&o.files) != 0)
        r = -1;
    if (r == 0 && o.lint_lang && !has_stdin(&o.files)) {
        az_args_usage_error("lint", "%s",
                            "--lang says what standard input ('-') holds; files are read by "
                            "their extension");
        r = -1;
    }
    int status = r > 0 ? 0 : 2;
    if (r == 0) {
        struct az_lint_opts lo = {
            .report = o.report,
            .fail_warning = o.report.werror,
            .ignore_file = o.ignore_file,
            .intents = o.intents.v,
            .nintents = o.intents.n,
            .paths = o.files.v,
            .npaths = o.files.n,
            .max_input = o.max_input,
            .stdin_kind = (enum az_lint_kind)o.lint_lang,
        };
        lo.report.werror = false;
        status = az_lint_run(&lo);
    }
    free_options(CMD_LINT, &o);
    return status;
}

int az_cli_main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 && argc > 2) {
        /* authzc help CMD: CMD's --help */
        char *help[] = {argv[0], argv[2], "--help", NULL};
        return az_cli_main(3, help);
    }
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_main, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("authzc %s\n", AZ_VERSION);
        return 0;
    }
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } cmds[] = {{"check", cmd_check},     {"compile", cmd_compile}, {"lint", cmd_lint},
                {"explain", cmd_explain}, {"rules", cmd_rules}};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strcmp(cmd, cmds[i].name) == 0)
            return cmds[i].fn(argc - 2, argv + 2);
    static const char *const names[] = {"check", "compile", "lint", "explain", "rules"};
    const char *best = az_suggest_best(cmd, names, 5);
    if (best)
        fprintf(stderr, "authzc: error: unknown command '%s'; did you mean '%s'?\n", cmd, best);
    else
        fprintf(stderr, "authzc: error: unknown command '%s'\n", cmd);
    fputs("Try 'authzc --help'.\n", stderr);
    return 2;
}
