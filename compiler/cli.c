/* cli.c - the command line (CLI.md). It reads like the pipeline: load every input, parse
 * it with the front end its name calls for, check the intent into a plan, emit the plan,
 * print the diagnostics once. Only this layer prints diagnostics or decides the exit status. */
#define _XOPEN_SOURCE 700 /* realpath (fmt writes through a symlink) */
#include "authzc/cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "authzc/arena.h"
#include "authzc/ast.h"
#include "authzc/check.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/emit.h"
#include "authzc/import.h"
#include "authzc/fmt.h"
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

struct options {
    enum lang lang;
    enum target target;
    const char *output;
    const char *account_id;
    bool module;      /* --module: -o PATH is a Terraform module folder */
    const char *wait; /* --wait DURATION (module form only) */
    const char **files;
    size_t nfiles;
    struct az_report_opts report;
    const char *rules_format;
    size_t max_input;
    const char **live; /* compile --live, plan --live: the exports */
    size_t nlive;
};

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
    "  authzc --help | --version; every command has --help.\n"
    "\n"
    "exit status: 0 nothing at or above the failing level, 1 the input has errors,\n"
    "2 usage errors, unreadable inputs, unwritable outputs.\n";

static const char usage_check[] =
    "usage: authzc check [options] FILE...\n"
    "\n"
    "Parses and checks an intent (several files form one intent) and prints diagnostics.\n"
    "FILE ending in .yaml or .yml is YAML, anything else the .authz DSL; '-' is standard input.\n"
    "\n"
    "options:\n"
    "  --lang dsl|yaml          the language of every FILE (default: by extension)\n"
    "  --format text|json|sarif|github\n"
    "                           how diagnostics are printed (default: text, on standard\n"
    "                           error; the others on standard output)\n"
    "  --max-errors N           print at most N diagnostics (0: all; default 0)\n"
    "  --werror                 warnings make the exit status 1\n"
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

__attribute__((format(printf, 2, 3))) static int usage_error(const char *cmd, const char *fmt,
                                                           ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "authzc%s%s: error: ", cmd ? " " : "", cmd ? cmd : "");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'authzc %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return 2;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Parses a non-negative decimal; returns false on anything else. */
static bool parse_size(const char *s, size_t *out)
{
    if (!*s)
        return false;
    size_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (SIZE_MAX - 9) / 10)
            return false;
        v = v * 10 + (size_t)(*s - '0');
    }
    *out = v;
    return true;
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

static const char *const option_names[] = {
    "--lang", "--format", "--max-errors", "--werror", "--max-input-size", "--target",
    "--output", "--account-id", "--help", "--live", "--module", "--wait",
};

/* Parses the options shared by check and compile. Returns -1 after printing a usage error,
 * 1 when --help was printed, 0 to go on. */
static int parse_options(const char *cmd, int argc, char **argv, struct options *o,
                         bool compile)
{
    const char *usage = compile ? usage_compile : usage_check;
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    o->live = calloc((size_t)argc + 1, sizeof *o->live);
    if (!o->files || !o->live)
        return -1;
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            o->files[o->nfiles++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = true;
            continue;
        }
        /* --opt=value */
        char name[64];
        const char *eq = strchr(a, '=');
        if (eq && a[1] == '-' && (size_t)(eq - a) < sizeof name) {
            memcpy(name, a, (size_t)(eq - a));
            name[eq - a] = '\0';
            val = eq + 1;
            a = name;
        }
#define TAKES_VALUE()                                                                           \
    do {                                                                                        \
        if (!val) {                                                                             \
            if (i + 1 >= argc) {                                                                \
                usage_error(cmd, "option '%s' needs a value", a);                              \
                return -1;                                                                      \
            }                                                                                   \
            val = argv[++i];                                                                    \
        }                                                                                       \
    } while (0)
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            return 1;
        } else if (strcmp(a, "--lang") == 0) {
            TAKES_VALUE();
            if (strcmp(val, "dsl") == 0)
                o->lang = LANG_DSL;
            else if (strcmp(val, "yaml") == 0)
                o->lang = LANG_YAML;
            else {
                usage_error(cmd, "--lang takes dsl or yaml, not '%s'", val);
                return -1;
            }
        } else if (strcmp(a, "--format") == 0) {
            TAKES_VALUE();
            if (strcmp(val, "text") == 0)
                o->report.format = AZ_REPORT_TEXT;
            else if (strcmp(val, "json") == 0)
                o->report.format = AZ_REPORT_JSON;
            else if (strcmp(val, "sarif") == 0)
                o->report.format = AZ_REPORT_SARIF;
            else if (strcmp(val, "github") == 0)
                o->report.format = AZ_REPORT_GITHUB;
            else {
                usage_error(cmd, "--format takes text, json, sarif or github, not '%s'", val);
                return -1;
            }
        } else if (strcmp(a, "--max-errors") == 0) {
            TAKES_VALUE();
            size_t n;
            if (!parse_size(val, &n) || n > 1000000) {
                usage_error(cmd, "--max-errors takes a number from 0 to 1000000, not '%s'", val);
                return -1;
            }
            o->report.max_errors = (unsigned)n;
        } else if (strcmp(a, "--werror") == 0) {
            o->report.werror = true;
        } else if (strcmp(a, "--max-input-size") == 0) {
            TAKES_VALUE();
            size_t n;
            if (!parse_size(val, &n) || n == 0 || n > 1024u * 1024 * 1024) {
                usage_error(cmd, "--max-input-size takes a number of bytes from 1 to 1073741824, "
                            "not '%s'", val);
                return -1;
            }
            o->max_input = n;
        } else if (compile && (strcmp(a, "-t") == 0 || strcmp(a, "--target") == 0)) {
            TAKES_VALUE();
            if (strcmp(val, "terraform") == 0)
                o->target = TARGET_TERRAFORM;
            else if (strcmp(val, "cli") == 0)
                o->target = TARGET_CLI;
            else if (strcmp(val, "json") == 0)
                o->target = TARGET_JSON;
            else if (strcmp(val, "json-v2") == 0)
                o->target = TARGET_JSON_V2;
            else {
                static const char *const targets[] = {"terraform", "cli", "json", "json-v2"};
                const char *best = az_suggest_best(val, targets, 4);
                if (best) {
                    fprintf(stderr,
                            "authzc compile: error: unknown target '%s'; did you mean '%s'?\n",
                            val, best);
                    return -1;
                }
                usage_error(cmd, "unknown target '%s' (terraform, cli, json or json-v2)", val);
                return -1;
            }
        } else if (compile && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)) {
            TAKES_VALUE();
            o->output = val;
        } else if (compile && strcmp(a, "--module") == 0) {
            o->module = true;
        } else if (compile && strcmp(a, "--wait") == 0) {
            TAKES_VALUE();
            if (!valid_duration(val)) {
                usage_error(cmd,
                            "--wait takes a duration in Go syntax from 1s to 24h, such as 30s, "
                            "2m or 1m30s, not '%s'",
                            val);
                return -1;
            }
            o->wait = val;
        } else if (compile && strcmp(a, "--account-id") == 0) {
            TAKES_VALUE();
            o->account_id = val;
        } else if (compile && strcmp(a, "--live") == 0) {
            TAKES_VALUE();
            o->live[o->nlive++] = val;
        } else {
            const char *best = az_suggest_best(a, option_names,
                                               sizeof option_names / sizeof option_names[0]);
            if (best)
                fprintf(stderr, "authzc %s: error: unknown option '%s'; did you mean '%s'?\n",
                        cmd, a, best);
            else
                fprintf(stderr, "authzc %s: error: unknown option '%s'\n", cmd, a);
            fprintf(stderr, "Try 'authzc %s --help'.\n", cmd);
            return -1;
        }
#undef TAKES_VALUE
    }
    if (o->nfiles == 0) {
        fprintf(stderr, "authzc %s: error: no input files\nTry 'authzc %s --help'.\n", cmd, cmd);
        return -1;
    }
    return 0;
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
static int load_intent(struct az_ctx *ctx, const struct options *o, struct az_intent *in)
{
    int rc = 0;
    az_ast_intent_init(in);
    for (size_t i = 0; i < o->nfiles; i++) {
        const char *path = o->files[i];
        const struct az_source *src = az_source_load(ctx, path);
        if (!src) {
            rc = -1;
            continue;
        }
        bool yaml = o->lang == LANG_YAML ||
                    (o->lang == LANG_AUTO && (ends_with(path, ".yaml") || ends_with(path, ".yml")));
        if ((yaml ? az_parse_yaml(ctx, src, in) : az_parse_dsl(ctx, src, in)) != 0)
            rc = -1;
    }
    return rc;
}

static int finish(struct az_ctx *ctx, const struct options *o)
{
    /* Text is for people (standard error). check's machine formats go to standard output, like
     * lint's, so CI can redirect them (`authzc check --format sarif F > r.sarif`); compile's
     * standard output may be the compiled output itself, so its diagnostics stay on standard
     * error in every format. */
    bool to_stdout = o->report.format != AZ_REPORT_TEXT && o->target == TARGET_NONE;
    az_diag_print(ctx, to_stdout ? stdout : stderr, &o->report);
    int status = az_diag_exit_status(ctx, o->report.werror);
    az_ctx_fini(ctx);
    free(o->files);
    free(o->live);
    return status;
}

static int cmd_check(int argc, char **argv)
{
    struct options o = {0};
    report_defaults(&o.report);
    int r = parse_options("check", argc, argv, &o, false);
    if (r != 0) {
        free(o.files);
        free(o.live);
        return r > 0 ? 0 : 2;
    }
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    if (o.max_input)
        ctx.max_input = o.max_input;
    struct az_intent in;
    int parsed = load_intent(&ctx, &o, &in);
    if (!ctx.diags.fatal) {
        struct az_check_opts copts = {.partial = parsed != 0};
        struct az_plan plan;
        az_check(&ctx, &in, &copts, &plan);
    }
    return finish(&ctx, &o);
}

static bool valid_account_id(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == 32;
}

/* Whether -t terraform writes a module folder: --module, a PATH ending in '/', or a folder. */
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
    struct options o = {0};
    report_defaults(&o.report);
    int r = parse_options("compile", argc, argv, &o, true);
    if (r != 0) {
        free(o.files);
        free(o.live);
        return r > 0 ? 0 : 2;
    }
    if (o.target == TARGET_NONE) {
        free(o.files);
        free(o.live);
        return usage_error("compile", "%s", "no target: pass -t terraform, cli, json or json-v2");
    }
    const char *module_usage = NULL;
    if ((o.module || o.wait) && o.target != TARGET_TERRAFORM)
        module_usage = o.module ? "--module is for -t terraform" : "--wait is for -t terraform";
    else if (o.module && (!o.output || strcmp(o.output, "-") == 0))
        module_usage = "--module needs -o FOLDER: the module is a folder of files";
    else if (o.nlive && module_form(&o))
        module_usage = "--live writes import blocks, which Terraform allows only in a root "
                       "module, not in a module folder: compile --live to one .tf file in the "
                       "root module (-o FILE.tf)";
    else if (o.wait && !module_form(&o))
        module_usage = "--wait adds a time_sleep to the module form: pass -o FOLDER/ (or "
                       "--module)";
    if (module_usage) {
        free(o.files);
        free(o.live);
        return usage_error("compile", "%s", module_usage);
    }
    if (o.account_id && !valid_account_id(o.account_id)) {
        free(o.files);
        free(o.live);
        return usage_error("compile",
                           "--account-id '%s' is not an account ID (32 lowercase hexadecimal "
                           "characters)",
                           o.account_id);
    }
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    if (o.max_input)
        ctx.max_input = o.max_input;
    struct az_intent in;
    int rc = load_intent(&ctx, &o, &in);
    if (!ctx.diags.fatal) {
        struct az_check_opts copts = {
            .current_account = o.account_id,
            .current_unsupported = o.target == TARGET_JSON || o.target == TARGET_JSON_V2,
            .partial = rc != 0,
        };
        struct az_plan plan;
        if (az_check(&ctx, &in, &copts, &plan) != 0)
            rc = -1;
        struct az_live live = {0};
        if (rc == 0 && o.nlive) {
            if (az_live_load(&ctx, o.live, o.nlive, &live) != 0)
                rc = -1;
            else
                az_liveplan_mark(&ctx, &plan, &live);
        }
        if (rc == 0 && !(o.report.werror && ctx.diags.warnings > 0))
            emit(&ctx, &o, &plan);
        az_live_free(&live);
    }
    return finish(&ctx, &o);
}

static int cmd_explain(int argc, char **argv)
{
    if (argc == 1 && (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0)) {
        fputs(usage_explain, stdout);
        return 0;
    }
    if (argc == 1 && strcmp(argv[0], "--list") == 0) {
        for (size_t i = 1; i < AZ_D_COUNT; i++) {
            const struct az_diag_info *d = az_diag_info((enum az_diag_id)i);
            printf("%s  %-7s  %-22s %s\n", d->id,
                   d->severity == AZ_SEV_ERROR ? "error" : d->severity == AZ_SEV_WARNING ? "warning" : "note", d->name, d->title);
        }
        return 0;
    }
    if (argc != 1)
        return usage_error("explain", "%s", "expected one diagnostic ID, such as AZ301");
    const struct az_diag_info *d = az_diag_find(argv[0]);
    if (!d) {
        const char *best = az_diag_suggest(argv[0]);
        if (best)
            fprintf(stderr, "authzc explain: error: unknown diagnostic '%s'; did you mean '%s'?\n",
                    argv[0], best);
        else
            fprintf(stderr,
                    "authzc explain: error: unknown diagnostic '%s' ('authzc explain --list' "
                    "lists them)\n",
                    argv[0]);
        return 2;
    }
    printf("%s %s (%s)\n%s\n\n%s", d->id, d->name,
           d->severity == AZ_SEV_ERROR ? "error" : d->severity == AZ_SEV_WARNING ? "warning" : "note", d->title, d->explain);
    return 0;
}

static int cmd_rules(int argc, char **argv)
{
    bool json = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage_rules, stdout);
            return 0;
        } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            const char *v = argv[++i];
            if (strcmp(v, "json") == 0)
                json = true;
            else if (strcmp(v, "text") != 0)
                return usage_error("rules", "--format takes text or json, not '%s'", v);
        } else if (strcmp(argv[i], "--format=json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--format=text") == 0) {
            json = false;
        } else {
            return usage_error("rules", "unexpected argument '%s'", argv[i]);
        }
    }
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
           "enterprise child: adds backup-policy; notify GUID: event-notifications on that "
           "instance\n"
           "scope: every resource (ID attribute wildcard), never one resource ID\n\n");
    printf("%-25s %-22s %s\n", "ROLE", "ID", "CRN");
    for (size_t k = 0; k < AZ_ROLE_COUNT; k++)
        printf("%-25s %-22s %s\n", az_roles[k].display, az_roles[k].id, az_roles[k].crn);
    return 0;
}

/* ---- import and plan --live: live exports ------------------------------------------------ */

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
    "  --max-input-size BYTES   refuse larger exports (default 67108864)\n"
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
    "  --max-input-size BYTES   refuse larger inputs (default 67108864)\n"
    "  -h, --help               this text\n"
    "\n"
    "exit status: 0 nothing to create or change, 1 something to create or change (or the\n"
    "intent or an export has errors), 2 usage errors and unreadable inputs.\n";

/* The options of import and plan. Returns -1 after a usage error, 1 after --help, 0. */
static int parse_live_options(const char *cmd, const char *usage, int argc, char **argv,
                              struct options *o, bool *json)
{
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    o->live = calloc((size_t)argc + 1, sizeof *o->live);
    if (!o->files || !o->live)
        return -1;
    bool plan = json != NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            /* plan --live A.json B.json INTENT: intents are never JSON, so a .json after
             * --live is one more export */
            if (plan && o->nlive && ends_with(a, ".json"))
                o->live[o->nlive++] = a;
            else
                o->files[o->nfiles++] = a;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            return 1;
        }
        bool takes = strcmp(a, "--lang") == 0 || strcmp(a, "--max-input-size") == 0 ||
                     (plan && (strcmp(a, "--live") == 0 || strcmp(a, "--format") == 0)) ||
                     (!plan && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0));
        if (!takes) {
            usage_error(cmd, "unknown option '%s'", a);
            return -1;
        }
        if (i + 1 >= argc) {
            usage_error(cmd, "option '%s' needs a value", a);
            return -1;
        }
        val = argv[++i];
        if (strcmp(a, "--lang") == 0) {
            if (strcmp(val, "dsl") != 0 && strcmp(val, "yaml") != 0) {
                usage_error(cmd, "--lang takes dsl or yaml, not '%s'", val);
                return -1;
            }
            o->lang = val[0] == 'd' ? LANG_DSL : LANG_YAML;
        } else if (strcmp(a, "--max-input-size") == 0) {
            size_t n;
            if (!parse_size(val, &n) || n == 0 || n > 1024u * 1024 * 1024) {
                usage_error(cmd, "--max-input-size takes a number of bytes from 1 to 1073741824, "
                            "not '%s'", val);
                return -1;
            }
            o->max_input = n;
        } else if (strcmp(a, "--live") == 0) {
            o->live[o->nlive++] = val;
        } else if (strcmp(a, "--format") == 0) {
            if (strcmp(val, "text") != 0 && strcmp(val, "json") != 0) {
                usage_error(cmd, "--format takes text or json, not '%s'", val);
                return -1;
            }
            *json = val[0] == 'j';
        } else {
            o->output = val;
        }
    }
    if (plan && o->nlive == 0) {
        usage_error(cmd, "%s", "no export: pass --live EXPORT (ibmcloud iam authorization-policies "
                    "--output json > EXPORT)");
        return -1;
    }
    if (o->nfiles == 0) {
        usage_error(cmd, "%s", plan ? "no intent files" : "no exports");
        return -1;
    }
    return 0;
}

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
            (void)!fchmod(fileno(out.f), st.st_mode & 07777);
        fwrite(text, 1, len, out.f);
        rc = az_output_commit(ctx, &out);
    }
    free(real);
    return rc;
}

static int cmd_fmt(int argc, char **argv)
{
    bool check = false, diff = false, only_files = false;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    if (!files)
        return 2;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            files[nfiles++] = a;
        } else if (strcmp(a, "--") == 0) {
            only_files = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_fmt, stdout);
            free(files);
            return 0;
        } else if (strcmp(a, "--check") == 0) {
            check = true;
        } else if (strcmp(a, "--diff") == 0) {
            diff = true;
        } else {
            static const char *const opts[] = {"--check", "--diff", "--help"};
            const char *best = az_suggest_best(a, opts, 3);
            free(files);
            if (best)
                return usage_error("fmt", "unknown option '%s'; did you mean '%s'?", a, best);
            return usage_error("fmt", "unknown option '%s'", a);
        }
    }
    if (nfiles == 0) {
        free(files);
        return usage_error("fmt", "%s", "no input files");
    }
    struct az_report_opts report = {0};
    report_defaults(&report);
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    bool unformatted = false;
    for (size_t i = 0; i < nfiles; i++) {
        const char *path = files[i];
        if (ends_with(path, ".yaml") || ends_with(path, ".yml")) {
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
    free(files);
    if ((check || diff) && fflush(stdout) != 0)
        az_diag_fatal(&ctx, "cannot write to standard output: %s", strerror(errno));
    az_diag_print(&ctx, stderr, &report);
    int status = az_diag_exit_status(&ctx, false);
    az_ctx_fini(&ctx);
    return status == 0 && check && unformatted ? 1 : status;
}

static int cmd_schema(int argc, char **argv)
{
    if (argc == 1 && (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0)) {
        fputs(usage_schema, stdout);
        return 0;
    }
    if (argc > 0)
        return usage_error("schema", "unexpected argument '%s'", argv[0]);
    if (fwrite(az_schema_text, 1, az_schema_len, stdout) != az_schema_len || fflush(stdout) != 0) {
        fprintf(stderr, "authzc schema: error: cannot write to standard output: %s\n",
                strerror(errno));
        return 2;
    }
    return 0;
}

static int cmd_import(int argc, char **argv)
{
    struct options o = {0};
    report_defaults(&o.report);
    int r = parse_live_options("import", usage_import, argc, argv, &o, NULL);
    if (r != 0) {
        free(o.files);
        free(o.live);
        return r > 0 ? 0 : 2;
    }
    bool yaml = o.lang == LANG_YAML ||
                (o.lang == LANG_AUTO && o.output &&
                 (ends_with(o.output, ".yaml") || ends_with(o.output, ".yml")));
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    if (o.max_input)
        ctx.max_input = o.max_input;
    struct az_live live = {0};
    if (az_live_load(&ctx, o.files, o.nfiles, &live) == 0) {
        struct az_output out;
        if (az_output_open(&ctx, &out, o.output, false) == 0) {
            if (az_import_write(&ctx, &live, yaml, out.f) == 0)
                az_output_commit(&ctx, &out);
            else
                az_output_abort(&out);
        }
    }
    az_live_free(&live);
    return finish(&ctx, &o);
}

static int cmd_plan(int argc, char **argv)
{
    struct options o = {0};
    bool json = false;
    report_defaults(&o.report);
    int r = parse_live_options("plan", usage_plan, argc, argv, &o, &json);
    if (r != 0) {
        free(o.files);
        free(o.live);
        return r > 0 ? 0 : 2;
    }
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    if (o.max_input)
        ctx.max_input = o.max_input;
    struct az_intent in;
    struct az_live live = {0};
    int rc = load_intent(&ctx, &o, &in);
    if (az_live_load(&ctx, o.live, o.nlive, &live) != 0)
        rc = -1;
    int changes = 0;
    if (!ctx.diags.fatal) {
        struct az_check_opts copts = {.partial = rc != 0};
        struct az_plan plan;
        if (az_check(&ctx, &in, &copts, &plan) != 0)
            rc = -1;
        if (rc == 0)
            changes = az_liveplan_print(&ctx, &plan, &live, json, stdout);
    }
    az_live_free(&live);
    int status = finish(&ctx, &o);
    return status != 0 ? status : changes > 0 ? 1 : 0;
}

static int cmd_lint(int argc, char **argv)
{
    return az_lint_command(argc, argv);
}

int az_cli_main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return 2;
    }
    const char *cmd = argv[1];
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
                {"explain", cmd_explain}, {"rules", cmd_rules},     {"import", cmd_import},
                {"plan", cmd_plan},       {"fmt", cmd_fmt},         {"schema", cmd_schema}};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strcmp(cmd, cmds[i].name) == 0)
            return cmds[i].fn(argc - 2, argv + 2);
    static const char *const names[] = {"check", "compile", "lint",   "explain", "rules",
                                        "import", "plan",   "fmt",    "schema"};
    const char *best = az_suggest_best(cmd, names, sizeof names / sizeof names[0]);
    if (best)
        fprintf(stderr, "authzc: error: unknown command '%s'; did you mean '%s'?\n", cmd, best);
    else
        fprintf(stderr, "authzc: error: unknown command '%s'\n", cmd);
    fputs("Try 'authzc --help'.\n", stderr);
    return 2;
}
