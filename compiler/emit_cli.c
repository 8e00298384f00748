/* emit_cli.c - the cli target: one bash script that creates the plan's authorizations with
 * `ibmcloud` and is safe to run twice.
 *
 * Every policy is created with `ibmcloud iam authorization-policy-create --file` and its
 * IAM v1 body, which comes from the JSON target's own body builder (az_emit_json_body), so
 * the script and `authzc compile -t json` create the same policies. Bodies sit in quoted
 * heredocs (nothing in them is expanded); every value on a command line is single-quoted.
 * `account current` is the account ibmcloud is logged in to, read once when the script
 * starts; its bodies carry a placeholder the script replaces (see az_emit_json_body for why
 * user text can never contain it). Templates are created, committed and assigned. */
#include "authzc/emit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/plan.h"

/* Stands for the account of `account current` in its bodies; the script replaces it. */
#define ACCOUNT_PLACEHOLDER "@AUTHZC_ACCOUNT_ID@"
/* Ends every heredoc; no line of a body can be it (every line of a body that jansson
 * indents starts with '{', '}', ']' or a space, and strings hold no raw newline). */
#define HEREDOC_END "AUTHZC_JSON"
#define TEMPLATE_VERSION "1"

/* Writes s as one shell word in single quotes: ' becomes '\''. */
static void put_quoted(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", f);
        else
            fputc(*s, f);
    }
    fputc('\'', f);
}

/* Whether some line of text is exactly the heredoc delimiter. */
static bool holds_delimiter(const char *text)
{
    size_t n = strlen(HEREDOC_END);
    for (const char *line = text; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, HEREDOC_END, n) == 0 && (line[n] == '\n' || line[n] == '\0'))
            return true;
    return false;
}

/* Writes p's body as a quoted heredoc (the lines after a command ending in <<'END'). */
static int put_body(struct az_ctx *ctx, FILE *out, const struct az_policy *p)
{
    char *text = az_emit_json_body(ctx, p, AZ_JSON_V1, ACCOUNT_PLACEHOLDER);
    if (!text)
        return -1;
    if (holds_delimiter(text)) {
        free(text);
        az_diag_fatal(ctx, "internal error in the cli emitter: a body holds the line '%s'",
                      HEREDOC_END);
        return -1;
    }
    fprintf(out, " <<'%s'\n%s\n%s\n", HEREDOC_END, text, HEREDOC_END);
    free(text);
    return 0;
}

static const char script_header[] =
    "#\n"
    "# Creates, with ibmcloud, the IAM service-to-service authorizations that IBM Cloud Backup\n"
    "# for VPC needs. The policy and template bodies are the ones 'authzc compile -t json'\n"
    "# writes. Safe to run twice: what already exists is reported as \"exists\" and left as\n"
    "# it is. Any other failure prints ibmcloud's answer and stops the script (exit 1).\n"
    "# Needs ibmcloud, logged in with the rights to create these in every account below.\n";

static const char script_current[] =
    "# 'account current' is the account ibmcloud is logged in to when the script starts, or\n"
    "# the one AUTHZC_ACCOUNT_ID names (jq reads the logged-in one from 'ibmcloud target').\n";

/* Run with sh (dash), the script would fail on bash syntax; say so first. */
static const char script_bash_only[] =
    "if [ -z \"${BASH_VERSION:-}\" ]; then\n"
    "    echo \"authzc script: run this script with bash, not sh\" >&2\n"
    "    exit 1\n"
    "fi\n";

static const char script_setup[] = "set -euo pipefail\n"
                                   "\n"
                                   "work=$(mktemp -d \"${TMPDIR:-/tmp}/authzc.XXXXXX\")\n"
                                   "trap 'rm -rf \"$work\"' EXIT\n";

/* With `current`: whatever happens, the script ends in that account, so a second run (after
 * a failure, say) reads the same one. */
static const char script_setup_current[] =
    "set -euo pipefail\n"
    "\n"
    "work=$(mktemp -d \"${TMPDIR:-/tmp}/authzc.XXXXXX\")\n"
    "current=''\n"
    "targeted=''\n"
    "# finish: removes the work folder and goes back to the account of 'account current'.\n"
    "finish() {\n"
    "    rm -rf \"$work\"\n"
    "    if [[ -n $targeted && $targeted != \"$current\" ]]; then\n"
    "        ibmcloud target -c \"$current\" >/dev/null 2>&1 || true\n"
    "    fi\n"
    "}\n"
    "trap finish EXIT\n";

static const char script_functions[] =
    "\n"
    "out=''\n"
    "# ibm ARGS...: runs ibmcloud and keeps its answer (output and errors) in $out.\n"
    "ibm() {\n"
    "    local status=0\n"
    "    out=$(ibmcloud \"$@\" 2>&1) || status=$?\n"
    "    return \"$status\"\n"
    "}\n"
    "\n"
    "# fail WHAT: prints ibmcloud's answer and stops.\n"
    "fail() {\n"
    "    printf 'authzc script: %s failed:\\n%s\\n' \"$1\" \"$out\" >&2\n"
    "    exit 1\n"
    "}\n"
    "\n"
    "# conflict WORD: whether IAM answered 409 (it is already there) with WORD in the error.\n"
    "conflict() {\n"
    "    [[ $out == *409* && $out == *\"$1\"* ]]\n"
    "}\n";

static const char script_use_account[] =
    "\n"
    "# use_account ID: the commands after it work in that account.\n"
    "use_account() {\n"
    "%s"
    "    ibm target -c \"$1\" || fail \"switching to account $1\"\n"
    "}\n";

static const char script_mark_switched[] = "    targeted=$1\n";

static const char script_read_current[] =
    "\n"
    "# The account of 'account current', read before anything switches accounts.\n"
    "current=${AUTHZC_ACCOUNT_ID:-}\n"
    "if [[ -z $current ]]; then\n"
    "    if ! command -v jq >/dev/null 2>&1; then\n"
    "        echo \"authzc script: jq is needed to read the logged-in account; install it or set"
    " AUTHZC_ACCOUNT_ID\" >&2\n"
    "        exit 1\n"
    "    fi\n"
    "    if ! target_json=$(ibmcloud target --output json); then\n"
    "        echo \"authzc script: 'ibmcloud target --output json' failed; log in with 'ibmcloud"
    " login' or set AUTHZC_ACCOUNT_ID\" >&2\n"
    "        exit 1\n"
    "    fi\n"
    "    current=$(jq -r '.account.guid // empty' <<<\"$target_json\") || current=''\n"
    "fi\n"
    "if [[ ! $current =~ ^[0-9a-f]{32}$ ]]; then\n"
    "    printf 'authzc script: the account of '\\''account current'\\'' is \"%s\", not an account "
    "ID (32 lowercase hexadecimal characters); check AUTHZC_ACCOUNT_ID or log in with "
    "'\\''ibmcloud login'\\''\\n' \"$current\" >&2\n"
    "    exit 1\n"
    "fi\n";

/* policy(): %s is the placeholder substitution line (or nothing). */
static const char script_policy[] =
    "\n"
    "# policy NAME: creates the authorization policy whose IAM v1 body is on standard input.\n"
    "policy() {\n"
    "    local body\n"
    "    body=$(cat)\n"
    "%s"
    "    printf '%%s\\n' \"$body\" >\"$work/$1.json\"\n"
    "    if ibm iam authorization-policy-create --file \"$work/$1.json\"; then\n"
    "        echo \"created $1\"\n"
    "    elif conflict policy_conflict_error; then\n"
    "        echo \"exists $1\"\n"
    "    else\n"
    "        fail \"creating policy $1\"\n"
    "    fi\n"
    "}\n";

static const char script_substitute[] =
    "    body=${body//\"" ACCOUNT_PLACEHOLDER "\"/\"$current\"}\n";

static const char script_template[] =
    "\n"
    "# template NAME TEMPLATE: creates the authorization policy template whose body is on\n"
    "# standard input, then commits its version " TEMPLATE_VERSION
    " (assignments need it committed).\n"
    "template() {\n"
    "    cat >\"$work/$1.json\"\n"
    "    if ibm iam authorization-policy-template-create --file \"$work/$1.json\"; then\n"
    "        echo \"created $1\"\n"
    "    elif conflict conflict; then\n"
    "        echo \"exists $1\"\n"
    "    else\n"
    "        fail \"creating template $1\"\n"
    "    fi\n"
    "    if ibm iam authorization-policy-template-version-commit \"$2\" " TEMPLATE_VERSION
    "; then\n"
    "        echo \"committed $1\"\n"
    "    elif conflict committed; then\n"
    "        echo \"committed $1 (already)\"\n"
    "    else\n"
    "        fail \"committing template $1\"\n"
    "    fi\n"
    "}\n"
    "\n"
    "# assign NAME TEMPLATE TYPE ID: assigns version " TEMPLATE_VERSION
    " of the template to an account or\n"
    "# an account group.\n"
    "assign() {\n"
    "    if ibm iam authorization-policy-assignment-create \"$2\" " TEMPLATE_VERSION
    " --target-type \"$3\" --target \"$4\"; then\n"
    "        echo \"created $1\"\n"
    "    elif conflict conflict; then\n"
    "        echo \"exists $1\"\n"
    "    else\n"
    "        fail \"creating assignment $1\"\n"
    "    fi\n"
    "}\n";

int az_emit_cli(struct az_ctx *ctx, const struct az_plan *plan, FILE *out)
{
    size_t npolicies = 0, ntemplates = 0, nassigns = 0;
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        if (p->scope == AZ_SCOPE_TEMPLATE) {
            ntemplates++;
            nassigns += p->nassigns;
        } else {
            npolicies++;
        }
    }

    fprintf(out, "#!/usr/bin/env bash\n# %s\n", AZ_EMIT_GENERATED);
    fputs(script_header, out);
    fputs("# This one creates ", out);
    if (npolicies)
        fprintf(out, "%zu polic%s%s", npolicies, npolicies == 1 ? "y" : "ies",
                ntemplates ? " and " : "");
    if (ntemplates)
        fprintf(out, "%zu template%s with %zu assignment%s", ntemplates, ntemplates == 1 ? "" : "s",
                nassigns, nassigns == 1 ? "" : "s");
    fputs(plan->n ? ".\n" : "nothing.\n", out);
    if (plan->uses_current)
        fputs(script_current, out);
    fputs(script_bash_only, out);
    fputs(plan->uses_current ? script_setup_current : script_setup, out);
    fputs(script_functions, out);
    if (plan->n)
        fprintf(out, script_use_account, plan->uses_current ? script_mark_switched : "");
    if (npolicies)
        fprintf(out, script_policy, plan->uses_current ? script_substitute : "");
    if (ntemplates)
        fputs(script_template, out);
    if (plan->uses_current)
        fputs(script_read_current, out);

    const char *acct = NULL; /* the account the script is in at this point */
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        if (i == 0 || (p->account == NULL) != (acct == NULL) ||
            (p->account && strcmp(p->account, acct) != 0)) {
            if (!p->account) { /* switched to even when first: AUTHZC_ACCOUNT_ID may name it */
                fputs("\n# The account of 'account current'.\nuse_account \"$current\"\n", out);
            } else {
                fprintf(out, "\n# %s %s.\nuse_account ",
                        p->scope == AZ_SCOPE_TEMPLATE ? "Templates in the enterprise account"
                        : p->scope == AZ_SCOPE_CHILD  ? "Enterprise child account"
                                                      : "Account",
                        p->account);
                put_quoted(out, p->account);
                fputc('\n', out);
            }
            acct = p->account;
        }
        if (p->scope != AZ_SCOPE_TEMPLATE) {
            fputs("policy ", out);
            put_quoted(out, p->name);
            if (put_body(ctx, out, p) != 0)
                return -1;
            continue;
        }
        fputs("template ", out);
        put_quoted(out, p->name);
        fputc(' ', out);
        put_quoted(out, p->template_name);
        if (put_body(ctx, out, p) != 0)
            return -1;
        for (size_t k = 0; k < p->nassigns; k++) {
            const struct az_assignment *as = &p->assigns[k];
            fputs("assign ", out);
            put_quoted(out, as->name);
            fputc(' ', out);
            put_quoted(out, p->template_name);
            fputc(' ', out);
            put_quoted(out, as->type_name);
            fputc(' ', out);
            put_quoted(out, as->id);
            fputc('\n', out);
        }
    }
    return 0;
}
