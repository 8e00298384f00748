/* cli.c - the command line (CLI.md). It reads like the pipeline: load every input, parse
 * it with the front end its name calls for, check the intent into a plan, emit the plan,
 * print the diagnostics once. Only this layer prints diagnostics or decides the exit status. */
#define _XOPEN_SOURCE 700 /* realpath (fmt writes through a symlink) */
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
#include "authzc/fmt.h"
#include "authzc/import.h"
#include "authzc/fix.h"
#include "authzc/lint.h"
#include "authzc/live.h"
#include "authzc/liveplan.h"
#include "authzc/output.h"
#include "authzc/parse.h"
#include "authzc/plan.h"
#include "authzc/rules.h"
#include "authzc/schema.h"
#include "authzc/source.h"
#include "authzc/suggest.h"
#include "authzc/udiff.h"

#ifndef AZ_VERSION
#define AZ_VERSION "0.0.0"
#endif

enum lang { LANG_AUTO, LANG_DSL, LANG_YAML };
enum target { TARGET_NONE, TARGET_TERRAFORM, TARGET_CLI, TARGET_JSON, TARGET_JSON_V2 };
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* The commands, a bit each: an option row says which commands take it. */
enum {
    CMD_CHECK = 1,
    CMD_COMPILE = 2,
    CMD_LINT = 4,
    CMD_EXPLAIN = 8,
    CMD_RULES = 16,
    CMD_IMPORT = 32,
    CMD_PLAN = 64,
    CMD_FMT = 128,
    CMD_SCHEMA = 256,
};
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
    bool module;       /* compile: -o is a Terraform module folder */
    bool check, diff;  /* fmt; diff also lint --fix --diff */
    bool fix, fix_dry_run; /* lint --fix, --fix-dry-run (= --fix --diff) */
    int plan_format;   /* plan: 0 text, 1 json */
    const char *wait;  /* compile --wait DURATION (module form) */
    struct az_arg_list live; /* compile --live, plan --live: the exports */
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
static const char *const plan_format_words[] = {"text", "json", NULL};

/* The option table of every command: one row per option. */
static const struct az_arg option_table[] = {
    {.name = "--help", .alias = "-h", .cmds = ~0u, .kind = AZ_ARG_HELP},
    {.name = "--lang", .cmds = CMD_INTENT | CMD_IMPORT | CMD_PLAN, .kind = AZ_ARG_CHOICE, .off = OPT(lang),
     .words = lang_words, .first = LANG_DSL},
    {.name = "--format", .cmds = CMD_DIAG, .kind = AZ_ARG_CHOICE, .off = OPT(format),
     .words = format_words, .first = AZ_REPORT_TEXT},
    {.name = "--format", .cmds = CMD_RULES, .kind = AZ_ARG_CHOICE, .off = OPT(format),
     .words = rules_format_words, .first = AZ_REPORT_TEXT},
    {.name = "--max-errors", .cmds = CMD_DIAG, .kind = AZ_ARG_SIZE, .off = OPT(max_errors),
     .min = 0, .max = 1000000, .range = "a number from 0 to 1000000"},
    {.name = "--werror", .cmds = CMD_DIAG, .kind = AZ_ARG_FLAG, .off = OPT(werror)},
    {.name = "--max-input-size", .cmds = CMD_DIAG | CMD_IMPORT | CMD_PLAN, .kind = AZ_ARG_SIZE, .off = OPT(max_input),
     .min = 1, .max = AZ_SOURCE_MAX_LIMIT, .range = "a number of bytes from 1 to 1073741824"},
    {.name = "--target", .alias = "-t", .cmds = CMD_COMPILE, .kind = AZ_ARG_CHOICE,
     .off = OPT(target), .words = target_words, .first = TARGET_TERRAFORM,
     .hints = target_hints, .noun = "target"},
    {.name = "--output", .alias = "-o", .cmds = CMD_COMPILE | CMD_IMPORT, .kind = AZ_ARG_STRING,
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
    {.name = "--live", .cmds = CMD_COMPILE | CMD_PLAN, .kind = AZ_ARG_LIST, .off = OPT(live)},
    {.name = "--module", .cmds = CMD_COMPILE, .kind = AZ_ARG_FLAG, .off = OPT(module)},
    {.name = "--wait", .cmds = CMD_COMPILE, .kind = AZ_ARG_STRING, .off = OPT(wait)},
    {.name = "--format", .cmds = CMD_PLAN, .kind = AZ_ARG_CHOICE, .off = OPT(plan_format),
     .words = plan_format_words},
    {.name = "--check", .cmds = CMD_FMT, .kind = AZ_ARG_FLAG, .off = OPT(check)},
    {.name = "--diff", .cmds = CMD_FMT, .kind = AZ_ARG_FLAG, .off = OPT(diff)},
    {.name = "--fix", .cmds = CMD_LINT, .kind = AZ_ARG_FLAG, .off = OPT(fix)},
    {.name = "--diff", .cmds = CMD_LINT, .kind = AZ_ARG_FLAG, .off = OPT(diff)},
    {.name = "--fix-dry-run", .cmds = CMD_LINT, .kind = AZ_ARG_FLAG, .off = OPT(fix_dry_run)},
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
    "  import  [--lang dsl|yaml] [-o FILE] EXPORT...\n"
    "                                             an intent from live IAM exports\n"
    "  plan    --live EXPORT... [--format text|json] INTENT...\n"
    "                                             what applying the intent would change\n"
    "  explain ID                                 what a diagnostic means and how to fix it\n"
    "  rules   [--format text|json]               the rule table the checker uses\n"
    "  fmt     [--check] [--diff] FILE...         rewrite .authz files in the canonical layout\n"
    "  schema                                     the JSON Schema of the YAML intent\n"
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
    "  terraform   one .tf file for the IBM provider, in terraform fmt layout; with\n"
    "              -o DIR/ a module folder (see --module)\n"
    "  cli         one bash script for ibmcloud, safe to run twice\n"
    "  json        IAM v1 policy bodies (POST /v1/policies, ibmcloud ... --file), and\n"
    "              template and assignment bodies for enterprises\n"
    "  json-v2     the same as v2 bodies (POST /v2/policies)\n"
    "\n"
    "options:\n"
    "  -t, --target TARGET      the output format (required)\n"
    "  -o, --output PATH        write to PATH instead of standard output; for json and\n"
    "                           json-v2 PATH is a folder (created if missing) that gets one\n"
    "                           file per body and an index.json; for terraform, a PATH\n"
    "                           ending in '/' or naming a folder is a module folder\n"
    "  --module                 terraform: -o PATH is a module folder (versions.tf with\n"
    "                           IBM-Cloud/ibm, main.tf, outputs.tf with 'ready', README.md);\n"
    "                           authzc's files of an earlier run that this run does not\n"
    "                           write are removed, other files are never touched\n"
    "  --wait DURATION          module form: wait DURATION (Go syntax: 30s, 2m, 1m30s; at\n"
    "                           most 24h) after the authorizations (a time_sleep, in\n"
    "                           wait.tf) before output 'ready' is known, so that IAM has\n"
    "                           made them effective when a backup policy needs them\n"
    "  --account-id ID          the account that 'account current' stands for (required\n"
    "                           by json and json-v2 when the intent uses 'current')\n"
    "  --live EXPORT            a live export (ibmcloud iam authorization-policies --output\n"
    "                           json, GET /v2/policies, templates, assignments); repeat it for\n"
    "                           several. Policies that exist are adopted, not created: cli says\n"
    "                           'exists NAME (ID)', terraform adds import blocks (Terraform\n"
    "                           1.5 or later), json marks them with \"live_id\"\n"
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
    "  --max-input-size BYTES   refuse larger inputs (default 67108864; --live exports:\n"
    "                           268435456)\n"
    "  -h, --help               this text\n";

static const char usage_explain[] =
    "usage: authzc explain ID\n"
    "\n"
    "Prints what a diagnostic means, why it matters and how to fix it. ID is the code in\n"
    "brackets at the end of a diagnostic (AZ301) or its name (role-missing).\n"
    "'authzc explain --list' lists every ID; those 'authzc lint --fix' repairs are marked\n"
    "[fix].\n";

static const char usage_rules[] =
    "usage: authzc rules [--format text|json]\n"
    "\n"
    "Prints the rule table: for each target of Backup for VPC, its service, the attribute\n"
    "that scopes it and the roles it needs; then every role with its ID and CRN.\n"
    "With --format json each target also has \"groups\" (the backup group that holds it),\n"
    "\"enterpriseOnly\" (true: authorized only in an enterprise child or a template, never\n"
    "in a plain account; \"enterpriseChildOnly\" is the same value under its first, narrower\n"
    "name) and \"instanceScoped\" (granted per instance: notify GUID).\n";

static const char usage_fmt[] =
    "usage: authzc fmt [--check] [--diff] FILE...\n"
    "\n"
    "Rewrites each .authz FILE in place, atomically, in the canonical layout: 4 spaces of\n"
    "indent per block, one statement a line, lists as 'a, b', one blank line between\n"
    "top-level blocks, comments kept where they were. A file already formatted is not\n"
    "touched. '-' reads standard input and writes the result to standard output.\n"
    "A file with a syntax error gets the error and is left as it is. YAML is not formatted.\n"
    "\n"
    "options:\n"
    "  --check      write nothing; list the files that are not formatted, and exit 1\n"
    "               if there is one\n"
    "  --diff       write nothing; print what would change as a unified diff (patch -p0\n"
    "               applies it); with --check the exit status is 1 when there is a change\n"
    "  -h, --help   this text\n"
    "\n"
    "exit status: 0 done (or, with --check, everything formatted), 1 a syntax error or,\n"
    "with --check, a file to format, 2 usage errors, unreadable or unwritable files.\n";

static const char usage_schema[] =
    "usage: authzc schema\n"
    "\n"
    "Prints the JSON Schema (draft 2020-12) of the YAML intent: every key, the targets,\n"
    "backup groups and roles of the rule table, and the forms of account IDs, GUIDs and\n"
    "names. Editors with the YAML language server read it from a first-line comment:\n"
    "  # yaml-language-server: $schema=PATH/authzc.schema.json\n"
    "It is installed as share/authzc/authzc.schema.json.\n";

static const char usage_import[] =
    "usage: authzc import [--lang dsl|yaml] [-o FILE] EXPORT...\n"
    "\n"
    "Writes an intent that compiles back to the Backup for VPC authorizations of live IAM\n"
    "exports, read offline (no credentials):\n"
    "  ibmcloud iam authorization-policies --output json > policies.json\n"
    "  GET /v2/policies?type=authorization (the {\"policies\": [...]} answer)\n"
    "  ibmcloud iam authorization-policy-templates --output json, and the assignment list\n"
    "One 'account' block per account ('backup volumes', 'shares' or 'all' where a whole group\n"
    "has the rule table's roles, 'notify' for Event Notifications, 'authorize' for the rest,\n"
    "including roles that differ from the rule table: 'authzc check' then reports them),\n"
    "'enterprise' with 'child' and 'template' blocks. Policies of other services are counted\n"
    "and passed over; policies narrowed to one resource are listed in a comment.\n"
    "\n"
    "options:\n"
    "  --lang dsl|yaml          the intent's language (default: dsl, or yaml when -o FILE\n"
    "                           ends in .yaml or .yml)\n"
    "  -o, --output FILE        write to FILE (atomically) instead of standard output\n"
    "  --max-input-size BYTES   refuse larger exports (default 268435456)\n"
    "  -h, --help               this text\n"
    "\n"
    "exit status: 0 written, 1 an export is malformed (located error), 2 usage errors,\n"
    "unreadable exports, unwritable output.\n";

static const char usage_plan[] =
    "usage: authzc plan --live EXPORT... [options] INTENT...\n"
    "\n"
    "What applying the intent would change in the accounts the exports describe, one line\n"
    "per policy, like terraform plan:\n"
    "  + create               the intent asks for it; it does not exist\n"
    "  = exists (ID)          it exists with the intent's roles\n"
    "  ~ differs (ID): roles X -> Y   it exists with other roles\n"
    "  - extra (ID)           it exists, the intent does not ask for it (never deleted)\n"
    "Roles compare by CRN, wildcards however IAM writes them, order never matters; policies\n"
    "narrowed to one resource are extras. 'account current' stands for the exported account.\n"
    "\n"
    "options:\n"
    "  --live EXPORT            a live export (see 'authzc import --help'); files ending in\n"
    "                           .json after it are exports too (intents are DSL or YAML)\n"
    "  --format text|json       json: {\"create\": [...], \"exists\": [...], \"differs\": [...],\n"
    "                           \"extra\": [...]}, each item with account, target, roles and,\n"
    "                           for live policies, id (and live_roles for differs)\n"
    "  --lang dsl|yaml          the language of every INTENT (default: by extension)\n"
    "  --max-input-size BYTES   refuse larger inputs (default 67108864; --live exports:\n"
    "                           268435456)\n"
    "  -h, --help               this text\n"
    "\n"
    "exit status: 0 nothing to create or change, 1 something to create or change (or the\n"
    "intent or an export has errors), 2 usage errors and unreadable inputs.\n";

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A Go duration (time.ParseDuration, what time_sleep reads) from 1s to 24h: one or more
 * NUMBER UNIT, NUMBER decimal with an optional fraction, UNIT ns us µs ms s m h; no sign.
 * The bound keeps a typo (30h for 30s) from stalling an apply for days. */
static bool valid_duration(const char *s)
{
    static const struct {
        const char *unit;
        double seconds;
    } units[] = {{"ns", 1e-9}, {"us", 1e-6}, {"\xc2\xb5s", 1e-6}, {"\xce\xbcs", 1e-6},
                 {"ms", 1e-3}, {"s", 1},     {"m", 60},            {"h", 3600}};
    double total = 0;
    if (!*s)
        return false;
    while (*s) {
        const char *start = s;
        double v = 0, scale = 1;
        bool digits = false;
        for (; *s >= '0' && *s <= '9'; s++, digits = true)
            v = v * 10 + (*s - '0');
        if (*s == '.')
            for (s++; *s >= '0' && *s <= '9'; s++, digits = true)
                v += (*s - '0') * (scale /= 10);
        if (!digits || s - start > 20)
            return false;
        size_t best = 0, len = 0;
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
            size_t n = strlen(units[i].unit);
            if (n > len && strncmp(s, units[i].unit, n) == 0) {
                best = i;
                len = n;
            }
        }
        if (!len)
            return false;
        s += len;
        total += v * units[best].seconds;
    }
    return total >= 1 && total <= 24 * 3600;
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

static bool module_form(const struct options *o)
{
    struct stat st;
    return o->target == TARGET_TERRAFORM && o->output && strcmp(o->output, "-") != 0 &&
           (o->module || ends_with(o->output, "/") ||
            (stat(o->output, &st) == 0 && S_ISDIR(st.st_mode)));
}

static int emit(struct az_ctx *ctx, const struct options *o, const struct az_plan *plan)
{
    if (module_form(o))
        return az_emit_terraform_module(ctx, plan, o->output, o->wait);
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
    if (o.wait && !valid_duration(o.wait)) {
        az_args_usage_error("compile",
                            "--wait takes a duration in Go syntax from 1s to 24h, such as 30s, "
                            "2m or 1m30s, not '%s'",
                            o.wait);
        free_options(CMD_COMPILE, &o);
        return 2;
    }
    const char *module_usage = NULL;
    if ((o.module || o.wait) && o.target != TARGET_TERRAFORM)
        module_usage = o.module ? "--module is for -t terraform" : "--wait is for -t terraform";
    else if (o.module && (!o.output || strcmp(o.output, "-") == 0))
        module_usage = "--module needs -o FOLDER: the module is a folder of files";
    else if (o.live.n && module_form(&o))
        module_usage = "--live writes import blocks, which Terraform allows only in a root "
                       "module, not in a module folder: compile --live to one .tf file in the "
                       "root module (-o FILE.tf)";
    else if (o.wait && !module_form(&o))
        module_usage = "--wait adds a time_sleep to the module form: pass -o FOLDER/ (or "
                       "--module)";
    if (module_usage) {
        free_options(CMD_COMPILE, &o);
        return az_args_usage_error("compile", "%s", module_usage);
    }
    if (o.account_id && !az_rules_is_account_id(o.account_id)) {
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
        struct az_live live = {0};
        if (rc == 0 && o.live.n) {
            if (az_live_load(&ctx, o.live.v, o.live.n, o.max_input, &live) != 0)
                rc = -1;
            else
                az_liveplan_mark(&ctx, &plan, &live);
        }
        if (rc == 0 && !(o.report.werror && ctx.diags.warnings > 0))
            emit(&ctx, &o, &plan);
        az_live_free(&live);
    }
    return finish(&ctx, CMD_COMPILE, &o);
}

static const char *severity_word(enum az_severity sev)
{
    return sev == AZ_SEV_ERROR ? "error" : sev == AZ_SEV_WARNING ? "warning" : "note";
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
            printf("%s  %-7s  %-22s %s%s\n", d->id, severity_word(d->severity), d->name,
                   d->title, az_fix_id_fixable(d->diag) ? "  [fix]" : "");
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
    printf("%s %s (%s)\n%s\n\n%s", d->id, d->name, severity_word(d->severity), d->title,
           d->explain);
    printf("\n%s\n", az_fix_id_fixable(d->diag)
                          ? "Fixable: 'authzc lint --fix' repairs it where the repair is certain."
                          : "Not fixable: 'authzc lint --fix' leaves it to you.");
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
                targets, json_pack("{s:s,s:s,s:s,s:s,s:o,s:s,s:b,s:b,s:b}", "name", t->name, "console",
                                   t->console, "serviceName", t->service, "attribute", t->attr,
                                   "roles", rs, "groups",
                                   t->flags & AZ_IN_VOLUMES  ? "volumes"
                                   : t->flags & AZ_IN_SHARES ? "shares"
                                                                 : "",
                                   "enterpriseOnly", (t->flags & AZ_CHILD_ONLY) != 0,
                                   /* its first name, kept for readers of it: templates too */
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

/* ---- import and plan --live: live exports ---------------------------------------------- */

static int cmd_import(int argc, char **argv)
{
    struct options o;
    int r = parse_options(CMD_IMPORT, "import", usage_import, argc, argv, &o);
    if (r == 0 && o.files.n == 0) {
        az_args_usage_error("import", "%s",
                            "no exports (ibmcloud iam authorization-policies --output json > "
                            "EXPORT)");
        r = -1;
    }
    if (r != 0) {
        free_options(CMD_IMPORT, &o);
        return r > 0 ? 0 : 2;
    }
    bool yaml = o.lang == LANG_YAML || (o.lang == LANG_AUTO && o.output && is_yaml_name(o.output));
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    if (o.max_input)
        ctx.max_input = o.max_input;
    struct az_live live = {0};
    if (az_live_load(&ctx, o.files.v, o.files.n, o.max_input, &live) == 0) {
        struct az_output out;
        if (az_output_open(&ctx, &out, o.output, false) == 0) {
            if (az_import_write(&ctx, &live, yaml, out.f) == 0)
                az_output_commit(&ctx, &out);
            else
                az_output_abort(&out);
        }
    }
    az_live_free(&live);
    return finish(&ctx, CMD_IMPORT, &o);
}

static int cmd_plan(int argc, char **argv)
{
    struct options o;
    int r = parse_options(CMD_PLAN, "plan", usage_plan, argc, argv, &o);
    if (r == 0) {
        /* plan --live A.json B.json INTENT: intents are never JSON, so a .json operand after
         * --live is one more export (the list has room for every argument) */
        size_t kept = 0;
        for (size_t i = 0; i < o.files.n; i++) {
            if (o.live.n && ends_with(o.files.v[i], ".json"))
                o.live.v[o.live.n++] = o.files.v[i];
            else
                o.files.v[kept++] = o.files.v[i];
        }
        o.files.n = kept;
        if (o.live.n == 0) {
            az_args_usage_error("plan", "%s",
                                "no export: pass --live EXPORT (ibmcloud iam "
                                "authorization-policies --output json > EXPORT)");
            r = -1;
        } else if (o.files.n == 0) {
            az_args_usage_error("plan", "%s", "no intent files");
            r = -1;
        }
    }
    if (r != 0) {
        free_options(CMD_PLAN, &o);
        return r > 0 ? 0 : 2;
    }
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    if (o.max_input)
        ctx.max_input = o.max_input;
    struct az_intent in;
    const struct az_source *first;
    struct az_live live = {0};
    int rc = load_intent(&ctx, &o, &in, &first);
    if (az_live_load(&ctx, o.live.v, o.live.n, o.max_input, &live) != 0)
        rc = -1;
    int changes = 0;
    if (!ctx.diags.fatal) {
        struct az_check_opts copts = {.partial = rc != 0};
        struct az_plan plan;
        if (az_check(&ctx, &in, &copts, &plan) != 0)
            rc = -1;
        if (rc == 0)
            changes = az_liveplan_print(&ctx, &plan, &live, o.plan_format == 1, stdout);
    }
    az_live_free(&live);
    int status = finish(&ctx, CMD_PLAN, &o);
    return status != 0 ? status : changes > 0 ? 1 : 0;
}

/* ---- fmt and schema ------------------------------------------------------------------------ */

/* fmt: writes src's formatted text over the file (its mode kept, through a symlink), or to
 * standard output for "-". Returns 0, or -1 after queuing an I/O error. */
static int fmt_write(struct az_ctx *ctx, const char *path, const char *text, size_t len)
{
    bool stdio = strcmp(path, "-") == 0;
    char *real = stdio ? NULL : realpath(path, NULL);
    struct stat st;
    bool have_mode = real && stat(real, &st) == 0;
    struct az_output out;
    int rc = az_output_open(ctx, &out, stdio ? NULL : real ? real : path, false);
    if (rc == 0) {
        if (have_mode && out.tmp)
            (void)!fchmod(out.fd, st.st_mode & 07777);
        fwrite(text, 1, len, out.f);
        rc = az_output_commit(ctx, &out);
    }
    free(real);
    return rc;
}

static int cmd_fmt(int argc, char **argv)
{
    struct options o;
    int r = parse_options(CMD_FMT, "fmt", usage_fmt, argc, argv, &o);
    if (r == 0 && o.files.n == 0) {
        az_args_usage_error("fmt", "%s", "no input files");
        r = -1;
    }
    if (r != 0) {
        free_options(CMD_FMT, &o);
        return r > 0 ? 0 : 2;
    }
    bool check = o.check, diff = o.diff;
    const char **files = o.files.v;
    size_t nfiles = o.files.n;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    bool unformatted = false;
    for (size_t i = 0; i < nfiles; i++) {
        const char *path = files[i];
        if (is_yaml_name(path)) {
            az_diag_fatal(&ctx, "'%s' is YAML; fmt formats the .authz DSL only", path);
            continue;
        }
        const struct az_source *src = az_source_load(&ctx, path);
        const char *text;
        size_t len;
        if (!src || az_fmt_dsl(&ctx, src, &text, &len) != 0)
            continue;
        bool changed = len != src->len || memcmp(text, src->text, len) != 0;
        unformatted |= changed;
        if (check && changed)
            printf("%s\n", path);
        if (diff)
            az_udiff_write(stdout, path, src->text, src->len, text, len);
        if (!check && !diff && (changed || strcmp(path, "-") == 0))
            fmt_write(&ctx, path, text, len);
    }
    if ((check || diff) && fflush(stdout) != 0)
        az_diag_fatal(&ctx, "cannot write to standard output: %s", strerror(errno));
    int status = finish(&ctx, CMD_FMT, &o);
    return status == 0 && check && unformatted ? 1 : status;
}

static int cmd_schema(int argc, char **argv)
{
    struct options o;
    int r = parse_options(CMD_SCHEMA, "schema", usage_schema, argc, argv, &o);
    const char *extra = o.files.n ? o.files.v[0] : NULL;
    free_options(CMD_SCHEMA, &o);
    if (r != 0)
        return r > 0 ? 0 : 2;
    if (extra)
        return az_args_usage_error("schema", "unexpected argument '%s'", extra);
    if (fwrite(az_schema_text, 1, az_schema_len, stdout) != az_schema_len || fflush(stdout) != 0) {
        fprintf(stderr, "authzc schema: error: cannot write to standard output: %s\n",
                strerror(errno));
        return 2;
    }
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

/* lint --fix, --diff and --fix-dry-run together; returns 2 after a usage error. */
static int lint_fix_usage(const struct options *o)
{
    bool fix = o->fix || o->fix_dry_run, diff = o->diff || o->fix_dry_run;
    if (o->diff && !fix)
        return az_args_usage_error("lint", "%s",
                                   "--diff shows what --fix would change: write --fix --diff "
                                   "(or --fix-dry-run)");
    if (fix && has_stdin(&o->files))
        return az_args_usage_error("lint", "%s",
                                   "--fix rewrites files in place and cannot rewrite standard "
                                   "input ('-'); save it to a file, or lint it without --fix");
    if (diff && o->report.format != AZ_REPORT_TEXT)
        return az_args_usage_error("lint", "%s",
                                   "--fix --diff prints the diff on standard output, where "
                                   "--format json, sarif and github print too; use --format "
                                   "text (the default) with --diff");
    return 0;
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
    if (r == 0 && lint_fix_usage(&o) != 0)
        r = -1;
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
            .fix = o.fix || o.fix_dry_run,
            .fix_diff = o.diff || o.fix_dry_run,
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
                {"import", cmd_import},   {"plan", cmd_plan},       {"explain", cmd_explain},
                {"rules", cmd_rules},     {"fmt", cmd_fmt},         {"schema", cmd_schema}};
    const char *names[sizeof cmds / sizeof cmds[0]];
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        if (strcmp(cmd, cmds[i].name) == 0)
            return cmds[i].fn(argc - 2, argv + 2);
        names[i] = cmds[i].name;
    }
    const char *best = az_suggest_best(cmd, names, sizeof names / sizeof names[0]);
    if (best)
        fprintf(stderr, "authzc: error: unknown command '%s'; did you mean '%s'?\n", cmd, best);
    else
        fprintf(stderr, "authzc: error: unknown command '%s'\n", cmd);
    fputs("Try 'authzc --help'.\n", stderr);
    return 2;
}
