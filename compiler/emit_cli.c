/* emit_cli.c - the cli target: one bash script that creates the plan's authorizations with
 * `ibmcloud` and is safe to run twice.
 *
 * Every policy is created with `ibmcloud iam authorization-policy-create --file` and its
 * IAM v1 body, which comes from the JSON target's own body builder (az_emit_json_body), so
 * the script and `authzc compile -t json` create the same policies. Bodies sit in quoted
 * heredocs (nothing in them is expanded); every value on a command line is single-quoted.
 * `account current` is the account ibmcloud is logged in to, read once when the script
 * starts; its bodies carry a placeholder the script replaces (see az_emit_json_body for why
 * user text can never contain it). Templates are created, committed and assigned.
 *
 * The fast path: a script of 10,000 accounts is ~65 MB, nearly all of it bodies.
 * az_emit_json_body fills each body from a cached stencil (see emit_json.c), and everything
 * goes through one 64 KiB buffer (outbuf.h) instead of one stdio call per piece. */
#include "authzc/emit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/outbuf.h"
#include "authzc/plan.h"

/* Stands for the account of `account current` in its bodies; the script replaces it. */
#define ACCOUNT_PLACEHOLDER "@AUTHZC_ACCOUNT_ID@"
/* Ends every heredoc; no line of a body can be it (every line of a body that jansson
 * indents starts with '{', '}', ']' or a space, and strings hold no raw newline). */
#define HEREDOC_END "AUTHZC_JSON"
#define TEMPLATE_VERSION "1"

/* Writes s as one shell word in single quotes: ' becomes '\''. */
static void put_quoted(struct az_outbuf *b, const char *s)
{
    az_outbuf_putc(b, '\'');
    for (const char *q; (q = strchr(s, '\'')) != NULL; s = q + 1) {
        az_outbuf_write(b, s, (size_t)(q - s));
        AZ_OUTBUF_LIT(b, "'\\''");
    }
    az_outbuf_puts(b, s);
    az_outbuf_putc(b, '\'');
}

/* Whether some line of text is exactly the heredoc delimiter. */
static bool holds_delimiter(const char *text)
{
    size_t n = strlen(HEREDOC_END);
    for (const char *line = text; line;) {
        if (strncmp(line, HEREDOC_END, n) == 0 && (line[n] == '\n' || line[n] == '\0'))
            return true;
        line = strstr(line, "\n" HEREDOC_END); /* the next line that starts like it */
        if (line)
            line++;
    }
    return false;
}

/* Writes p's body as a quoted heredoc (the lines after a command ending in <<'END'). */
static int put_body(struct az_ctx *ctx, struct az_outbuf *out, const struct az_policy *p)
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
    AZ_OUTBUF_LIT(out, " <<'" HEREDOC_END "'\n");
    az_outbuf_puts(out, text);
    AZ_OUTBUF_LIT(out, "\n" HEREDOC_END "\n");
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

static int write_script(struct az_ctx *ctx, const struct az_plan *plan, struct az_outbuf *out)
{
    size_t npolicies = 0, ntemplates = 0, nassigns = 0, nlive = 0;
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        if (p->scope == AZ_SCOPE_TEMPLATE) {
            ntemplates++;
            nassigns += p->nassigns;
        } else if (!p->live_id) {
            npolicies++;
        } else {
            nlive++;
        }
    }

    az_outbuf_printf(out, "#!/usr/bin/env bash\n# %s\n", AZ_EMIT_GENERATED);
    az_outbuf_puts(out, script_header);
    AZ_OUTBUF_LIT(out, "# This one creates ");
    if (npolicies)
        az_outbuf_printf(out, "%zu polic%s%s", npolicies, npolicies == 1 ? "y" : "ies",
                         ntemplates ? " and " : "");
    if (ntemplates)
        az_outbuf_printf(out, "%zu template%s with %zu assignment%s", ntemplates,
                         ntemplates == 1 ? "" : "s", nassigns, nassigns == 1 ? "" : "s");
    if (!npolicies && !ntemplates)
        AZ_OUTBUF_LIT(out, "nothing");
    if (nlive)
        az_outbuf_printf(out, "; %zu polic%s exist%s already", nlive, nlive == 1 ? "y" : "ies",
                         nlive == 1 ? "s" : "");
    AZ_OUTBUF_LIT(out, ".\n");
    if (plan->uses_current)
        az_outbuf_puts(out, script_current);
    az_outbuf_puts(out, script_bash_only);
    az_outbuf_puts(out, plan->uses_current ? script_setup_current : script_setup);
    az_outbuf_puts(out, script_functions);
    if (plan->n)
        az_outbuf_printf(out, script_use_account, plan->uses_current ? script_mark_switched : "");
    if (npolicies)
        az_outbuf_printf(out, script_policy, plan->uses_current ? script_substitute : "");
    if (ntemplates)
        az_outbuf_puts(out, script_template);
    if (plan->uses_current)
        az_outbuf_puts(out, script_read_current);

    const char *acct = NULL; /* the account the script is in at this point */
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        if (i == 0 || (p->account == NULL) != (acct == NULL) ||
            (p->account && strcmp(p->account, acct) != 0)) {
            if (!p->account) { /* switched to even when first: AUTHZC_ACCOUNT_ID may name it */
                AZ_OUTBUF_LIT(out,
                              "\n# The account of 'account current'.\nuse_account \"$current\"\n");
            } else {
                az_outbuf_printf(out, "\n# %s %s.\nuse_account ",
                                 p->scope == AZ_SCOPE_TEMPLATE
                                     ? "Templates in the enterprise account"
                                 : p->scope == AZ_SCOPE_CHILD ? "Enterprise child account"
                                                              : "Account",
                                 p->account);
                put_quoted(out, p->account);
                az_outbuf_putc(out, '\n');
            }
            acct = p->account;
        }
        if (p->scope != AZ_SCOPE_TEMPLATE && p->live_id) { /* compile --live: it exists */
            AZ_OUTBUF_LIT(out, "echo ");
            put_quoted(out, az_arena_printf(ctx->arena,
                                            p->live_same_roles
                                                ? "exists %s (%s)"
                                                : "exists %s (%s) with other roles; not "
                                                  "changed (authzc plan --live shows them)",
                                            p->name, p->live_id));
            az_outbuf_putc(out, '\n');
            continue;
        }
        if (p->scope != AZ_SCOPE_TEMPLATE) {
            AZ_OUTBUF_LIT(out, "policy ");
            put_quoted(out, p->name);
            if (put_body(ctx, out, p) != 0)
                return -1;
            continue;
        }
        AZ_OUTBUF_LIT(out, "template ");
        put_quoted(out, p->name);
        az_outbuf_putc(out, ' ');
        put_quoted(out, p->template_name);
        if (put_body(ctx, out, p) != 0)
            return -1;
        for (size_t k = 0; k < p->nassigns; k++) {
            const struct az_assignment *as = &p->assigns[k];
            AZ_OUTBUF_LIT(out, "assign ");
            put_quoted(out, as->name);
            az_outbuf_putc(out, ' ');
            put_quoted(out, p->template_name);
            az_outbuf_putc(out, ' ');
            put_quoted(out, as->type_name);
            az_outbuf_putc(out, ' ');
            put_quoted(out, as->id);
            az_outbuf_putc(out, '\n');
        }
    }
    return 0;
}

int az_emit_cli(struct az_ctx *ctx, const struct az_plan *plan, FILE *f)
{
    struct az_outbuf *out = malloc(sizeof *out); /* 64 KiB: not on the stack */
    if (!out) {
        az_diag_fatal(ctx, "out of memory");
        return -1;
    }
    az_outbuf_init_file(out, f);
    int rc = write_script(ctx, plan, out);
    /* Even after a failure: what was written stays written, as with stdio. A write error
     * stays on the stream (ferror), for az_output_commit to report. */
    az_outbuf_flush(out);
    free(out);
    return rc;
}
