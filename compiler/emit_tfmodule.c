/* emit_tfmodule.c - the Terraform module folder: `compile -t terraform -o DIR/` writes
 *
 *   versions.tf  Terraform >= 1.3, IBM-Cloud/ibm at the lowest version that has every
 *                argument the module uses, configuration_aliases with several accounts,
 *                hashicorp/time with --wait;
 *   main.tf      the resources of the single-file output (az_emit_terraform_main);
 *   wait.tf      with --wait only: a time_sleep after every authorization;
 *   outputs.tf   the policy IDs by account and target, the template IDs and versions, the
 *                assignment IDs, and `ready` for the caller's depends_on;
 *   README.md    what the module creates, its inputs, outputs and a usage block.
 *
 * All or nothing, like the JSON folder: every file is written into a temporary folder beside
 * DIR first. A new DIR is that folder renamed. In an existing DIR every file this run writes
 * must be absent or authzc's (checked before anything moves), the files are renamed in, and
 * a file of an earlier run that this run does not write (wait.tf after a run without --wait)
 * is removed. A file is authzc's when its name is one this writer uses and its first line is
 * the generated header; nothing else in DIR is ever touched. */
#include "authzc/emit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/outbuf.h"
#include "authzc/output.h"
#include "authzc/plan.h"
#include "authzc/rules.h"
#include "authzc/strmap.h"

/* The lowest IBM-Cloud/ibm versions (README.md, "Provider versions"): 1.62.0 sends an
 * authorization policy through the v2 API, where resource_attributes with operator
 * stringExists and value "true" become the boolean wildcard; 1.68.0 assigns templates of
 * authorization policies (S2S) to accounts; 1.70.0 also to account groups. */
#define TFM_IBM_POLICIES "1.62.0"
#define TFM_IBM_TEMPLATES "1.68.0"
#define TFM_IBM_ACCOUNT_GROUPS "1.70.0"
/* hashicorp/time: time_sleep since 0.5.0; 0.7.2 fixed waits longer than 20 minutes. */
#define TFM_TIME "0.7.2"
#define TFM_SLEEP "time_sleep.authorizations"
#define TFM_CURRENT "current" /* the account key of `account current` in outputs */

enum tfm_file { F_VERSIONS, F_MAIN, F_WAIT, F_OUTPUTS, F_README, F_COUNT };
static const char *const tfm_names[F_COUNT] = {"versions.tf", "main.tf", "wait.tf", "outputs.tf",
                                               "README.md"};
#define TFM_HEADER_TF "# " AZ_EMIT_GENERATED "\n"
#define TFM_HEADER_MD "<!-- " AZ_EMIT_GENERATED " -->\n"

struct tfm {
    struct az_ctx *ctx;
    const struct az_plan *plan;
    const char *wait;   /* Go duration, or NULL */
    const char *source; /* "./<folder name>", for the usage block */
    size_t npolicies, ntemplates, nassigns;
    bool account_groups; /* some assignment goes to an account group */
    struct az_outbuf out;
};

static const char *header_of(enum tfm_file f)
{
    return f == F_README ? TFM_HEADER_MD : TFM_HEADER_TF;
}

/* ---- small writers ---------------------------------------------------------------------- */

static void lit(struct tfm *m, const char *s)
{
    az_outbuf_puts(&m->out, s);
}

static void put_account(struct tfm *m, const char *account)
{
    lit(m, account ? account : TFM_CURRENT);
}

/* Every resource that grants something, one `ADDRESS,` line each at indent 4: what wait.tf
 * and `ready` depend on. */
static void put_addresses(struct tfm *m)
{
    for (size_t i = 0; i < m->plan->n; i++) {
        const struct az_policy *p = &m->plan->policies[i];
        if (p->scope != AZ_SCOPE_TEMPLATE) {
            az_outbuf_printf(&m->out, "    ibm_iam_authorization_policy.%s,\n", p->name);
            continue;
        }
        az_outbuf_printf(&m->out, "    ibm_iam_policy_template.%s,\n", p->name);
        for (size_t k = 0; k < p->nassigns; k++)
            az_outbuf_printf(&m->out, "    ibm_iam_policy_assignment.%s,\n", p->assigns[k].name);
    }
}

static const char *ibm_version(const struct tfm *m)
{
    return m->account_groups ? TFM_IBM_ACCOUNT_GROUPS
           : m->ntemplates   ? TFM_IBM_TEMPLATES
                             : TFM_IBM_POLICIES;
}

/* ---- versions.tf, wait.tf --------------------------------------------------------------- */

static void write_versions(struct tfm *m)
{
    const struct az_plan *plan = m->plan;
    bool aliased = plan->naccounts > 1;
    lit(m, TFM_HEADER_TF "\n"
                         "terraform {\n"
                         "  required_version = \">= 1.3\"\n"
                         "\n"
                         "  required_providers {\n"
                         "    ibm = {\n");
    if (aliased) {
        /* A multi-line value is not aligned with the lines before it (hclwrite). */
        az_outbuf_printf(&m->out,
                         "      source  = \"IBM-Cloud/ibm\"\n"
                         "      version = \">= %s\"\n"
                         "      configuration_aliases = [\n",
                         ibm_version(m));
        for (size_t k = 0; k < plan->naccounts; k++)
            if (plan->accounts[k])
                az_outbuf_printf(&m->out, "        ibm.account_%s,\n", plan->accounts[k]);
        lit(m, "      ]\n");
    } else {
        az_outbuf_printf(&m->out,
                         "      source  = \"IBM-Cloud/ibm\"\n"
                         "      version = \">= %s\"\n",
                         ibm_version(m));
    }
    lit(m, "    }\n");
    if (m->wait)
        lit(m, "    time = {\n"
               "      source  = \"hashicorp/time\"\n"
               "      version = \">= " TFM_TIME "\"\n"
               "    }\n");
    lit(m, "  }\n"
           "}\n");
}

static void write_wait(struct tfm *m)
{
    az_outbuf_printf(&m->out,
                     TFM_HEADER_TF
                     "\n"
                     "# IAM takes a while to make new authorizations effective everywhere: Backup "
                     "for VPC\n"
                     "# fails with \"s2s service not completed\" when a backup policy is created "
                     "right\n"
                     "# after them. This waits %s after the last one; output `ready` waits for "
                     "it.\n"
                     "resource \"time_sleep\" \"authorizations\" {\n"
                     "  create_duration = \"%s\"\n"
                     "\n"
                     "  depends_on = [\n",
                     m->wait, m->wait);
    put_addresses(m);
    lit(m, "  ]\n"
           "}\n");
}

/* ---- outputs.tf ------------------------------------------------------------------------- */

/* One policy's key in its account's map: the target, "event-notifications/GUID" for an
 * instance, or the resource name when the account already has that key (a policy of the
 * account and one of the same account as an enterprise child). */
static const char *policy_key(struct tfm *m, struct az_strmap *seen, const struct az_policy *p)
{
    struct az_arena *a = m->ctx->arena;
    const char *key =
        p->instance ? az_arena_concat(a, p->target->name, "/", p->instance, NULL) : p->target->name;
    void **slot =
        az_strmap_slot(seen, az_arena_concat(a, p->account ? p->account : "", "\x1f", key, NULL));
    if (*slot)
        return p->name;
    *slot = (void *)p;
    return key;
}

/* `"KEY" = VALUE` lines at indent, their `=` aligned (hclwrite). */
static void put_items(struct tfm *m, int indent, const char *const *keys, const char *const *vals,
                      size_t n)
{
    size_t width = 0;
    for (size_t i = 0; i < n; i++)
        if (strlen(keys[i]) > width)
            width = strlen(keys[i]);
    for (size_t i = 0; i < n; i++)
        az_outbuf_printf(&m->out, "%*s\"%s\"%*s = %s\n", indent, "", keys[i],
                         (int)(width - strlen(keys[i])), "", vals[i]);
}

/* The non-template policies grouped by account, accounts in plan order and each account's
 * policies in plan order (a counting sort: one pass, not one pass per account). first[k] is
 * where account k's policies start in the returned array, first[naccounts] its length. */
static const struct az_policy **by_account(struct tfm *m, size_t **first_out)
{
    const struct az_plan *plan = m->plan;
    struct az_arena *a = m->ctx->arena;
    struct az_strmap index = {0};
    for (size_t k = 0; k < plan->naccounts; k++)
        *az_strmap_slot(&index, plan->accounts[k] ? plan->accounts[k] : "") = (void *)(k + 1);
    size_t *first = az_arena_alloc(a, (plan->naccounts + 2) * sizeof *first);
    size_t *of = az_arena_alloc(a, (plan->n + 1) * sizeof *of);
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        if (p->scope == AZ_SCOPE_TEMPLATE)
            continue;
        of[i] = (size_t)az_strmap_get(&index, p->account ? p->account : "");
        first[of[i]]++; /* of[i] is k + 1: counts land one slot late, ready for the sums */
    }
    az_strmap_free(&index);
    for (size_t k = 1; k <= plan->naccounts; k++)
        first[k] += first[k - 1];
    const struct az_policy **sorted = az_arena_alloc(a, (m->npolicies + 1) * sizeof *sorted);
    size_t *next = az_arena_alloc(a, (plan->naccounts + 1) * sizeof *next);
    memcpy(next, first, (plan->naccounts + 1) * sizeof *next);
    for (size_t i = 0; i < plan->n; i++)
        if (plan->policies[i].scope != AZ_SCOPE_TEMPLATE && of[i] > 0)
            sorted[next[of[i] - 1]++] = &plan->policies[i];
    *first_out = first;
    return sorted;
}

static void write_policy_ids(struct tfm *m)
{
    const struct az_plan *plan = m->plan;
    struct az_arena *a = m->ctx->arena;
    const char **keys = az_arena_alloc(a, (m->npolicies + 1) * sizeof *keys);
    const char **vals = az_arena_alloc(a, (m->npolicies + 1) * sizeof *vals);
    size_t *first;
    const struct az_policy **sorted = by_account(m, &first);
    struct az_strmap seen = {0};
    lit(m, "\n"
           "output \"authorization_policy_ids\" {\n"
           "  description = \"The IDs of the authorization policies, by the account they are in "
           "(or \\\"" TFM_CURRENT "\\\") and their target.\"\n"
           "  value = {\n");
    for (size_t k = 0; k < plan->naccounts; k++) {
        size_t n = 0;
        for (size_t j = first[k]; j < first[k + 1]; j++) {
            const struct az_policy *p = sorted[j];
            keys[n] = policy_key(m, &seen, p);
            vals[n++] = az_arena_concat(a, "ibm_iam_authorization_policy.", p->name, ".id", NULL);
        }
        if (n == 0)
            continue;
        lit(m, "    \"");
        put_account(m, plan->accounts[k]);
        lit(m, "\" = {\n");
        put_items(m, 6, keys, vals, n);
        lit(m, "    }\n");
    }
    lit(m, "  }\n"
           "}\n");
    az_strmap_free(&seen);
}

static void write_templates(struct tfm *m)
{
    const struct az_plan *plan = m->plan;
    lit(m, "\n"
           "output \"policy_templates\" {\n"
           "  description = \"The policy templates, by resource name: their IDs and committed "
           "versions.\"\n"
           "  value = {\n");
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        if (p->scope == AZ_SCOPE_TEMPLATE)
            az_outbuf_printf(&m->out,
                             "    \"%s\" = {\n"
                             "      id      = ibm_iam_policy_template.%s.template_id\n"
                             "      version = ibm_iam_policy_template.%s.version\n"
                             "    }\n",
                             p->name, p->name, p->name);
    }
    lit(m, "  }\n"
           "}\n");
    if (m->nassigns == 0)
        return;
    struct az_arena *a = m->ctx->arena;
    const char **keys = az_arena_alloc(a, m->nassigns * sizeof *keys);
    const char **vals = az_arena_alloc(a, m->nassigns * sizeof *vals);
    size_t n = 0;
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        for (size_t k = 0; p->scope == AZ_SCOPE_TEMPLATE && k < p->nassigns; k++) {
            keys[n] = p->assigns[k].name;
            vals[n++] =
                az_arena_concat(a, "ibm_iam_policy_assignment.", p->assigns[k].name, ".id", NULL);
        }
    }
    lit(m, "\n"
           "output \"policy_assignment_ids\" {\n"
           "  description = \"The IDs of the template assignments, by resource name.\"\n"
           "  value = {\n");
    put_items(m, 4, keys, vals, n);
    lit(m, "  }\n"
           "}\n");
}

static void write_outputs(struct tfm *m)
{
    lit(m, TFM_HEADER_TF);
    if (m->npolicies)
        write_policy_ids(m);
    if (m->ntemplates)
        write_templates(m);
    lit(m, "\n"
           "# Put this in depends_on of what needs the authorizations, such as an\n"
           "# ibm_is_backup_policy: it is known only after every authorization exists");
    lit(m, m->wait ? "\n# and the wait after them (wait.tf) is over.\n" : ".\n");
    lit(m, "output \"ready\" {\n"
           "  description = \"Depend on this (depends_on) to run after every authorization of "
           "this module.\"\n");
    lit(m, m->wait ? "  value       = " TFM_SLEEP ".id\n" : "  value       = true\n");
    lit(m, "\n"
           "  depends_on = [\n");
    put_addresses(m);
    if (m->wait)
        lit(m, "    " TFM_SLEEP ",\n");
    lit(m, "  ]\n"
           "}\n");
}

/* ---- README.md -------------------------------------------------------------------------- */

static void readme_resources(struct tfm *m)
{
    const struct az_plan *plan = m->plan;
    struct az_arena *a = m->ctx->arena;
    lit(m, "\n## What it creates\n\n"
           "| Resource | Account | Target | Roles |\n"
           "| --- | --- | --- | --- |\n");
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        const char *roles = az_rules_roles_text(a, p->roles);
        const char *type = p->scope == AZ_SCOPE_TEMPLATE ? "ibm_iam_policy_template"
                                                         : "ibm_iam_authorization_policy";
        az_outbuf_printf(&m->out, "| `%s.%s` | %s | %s%s%s | %s |\n", type, p->name,
                         p->account ? p->account : "current", p->target->name,
                         p->instance ? " " : "", p->instance ? p->instance : "", roles);
        for (size_t k = 0; p->scope == AZ_SCOPE_TEMPLATE && k < p->nassigns; k++)
            az_outbuf_printf(&m->out, "| `ibm_iam_policy_assignment.%s` | %s | assigns `%s` | |\n",
                             p->assigns[k].name, p->account, p->name);
    }
    if (m->wait)
        az_outbuf_printf(&m->out, "| `" TFM_SLEEP "` | | waits %s after the authorizations | |\n",
                         m->wait);
}

static void readme_providers(struct tfm *m)
{
    const struct az_plan *plan = m->plan;
    az_outbuf_printf(
        &m->out,
        "\n## Inputs\n\n"
        "No variables: what the module creates comes from the intent it was compiled from.\n"
        "It takes its providers from the caller: ");
    if (plan->naccounts <= 1) {
        lit(m, "the default `ibm` provider, whose API key acts in the\naccount ");
        if (plan->naccounts == 1 && plan->accounts[0])
            az_outbuf_printf(&m->out, "`%s`", plan->accounts[0]);
        else
            lit(m, "Terraform runs in (`current`)");
        lit(m, ".\n");
    } else {
        lit(m, "one `ibm` provider per account, each with an API\n"
               "key of that account, passed in `providers` (versions.tf names them in\n"
               "`configuration_aliases`):\n\n"
               "| Provider in this module | Account |\n"
               "| --- | --- |\n");
        if (plan->uses_current)
            lit(m, "| `ibm` (the default) | the one Terraform runs in (`current`) |\n");
        for (size_t k = 0; k < plan->naccounts; k++)
            if (plan->accounts[k])
                az_outbuf_printf(&m->out, "| `ibm.account_%s` | `%s` |\n", plan->accounts[k],
                                 plan->accounts[k]);
    }
}

static void readme_outputs(struct tfm *m)
{
    lit(m, "\n## Outputs\n\n"
           "| Name | What |\n"
           "| --- | --- |\n");
    if (m->npolicies)
        lit(m, "| `authorization_policy_ids` | the policy IDs, by account (`current` for the "
               "account Terraform runs in) and target |\n");
    if (m->ntemplates)
        lit(m, "| `policy_templates` | the template IDs and versions, by resource name |\n");
    if (m->nassigns)
        lit(m, "| `policy_assignment_ids` | the assignment IDs, by resource name |\n");
    lit(m, "| `ready` | known once every authorization exists");
    lit(m, m->wait ? " and the wait after them is over" : "");
    lit(m, ": put it in `depends_on` |\n");
}

static void readme_usage(struct tfm *m)
{
    const struct az_plan *plan = m->plan;
    az_outbuf_printf(&m->out,
                     "\n## Usage\n\n"
                     "```hcl\n"
                     "module \"backup_authorizations\" {\n"
                     "  source = \"%s\" # this folder, from your root module\n",
                     m->source);
    if (plan->naccounts > 1) {
        /* hclwrite aligns the `=` of the map's items. */
        size_t width = plan->uses_current ? 3 : 0;
        for (size_t k = 0; k < plan->naccounts; k++)
            if (plan->accounts[k] && strlen(plan->accounts[k]) + 12 > width)
                width = strlen(plan->accounts[k]) + 12;
        lit(m, "\n  providers = {\n");
        if (plan->uses_current)
            az_outbuf_printf(&m->out, "    ibm%*s = ibm\n", (int)(width - 3), "");
        for (size_t k = 0; k < plan->naccounts; k++)
            if (plan->accounts[k])
                az_outbuf_printf(&m->out, "    ibm.account_%s%*s = ibm.account_%s\n",
                                 plan->accounts[k], (int)(width - strlen(plan->accounts[k]) - 12),
                                 "", plan->accounts[k]);
        lit(m, "  }\n");
    }
    lit(m, "}\n"
           "\n"
           "resource \"ibm_is_backup_policy\" \"daily\" {\n"
           "  name            = \"daily-backups\"\n"
           "  match_user_tags = [\"backup:daily\"]\n"
           "\n"
           "  depends_on = [module.backup_authorizations.ready]\n"
           "}\n"
           "```\n");
    if (plan->naccounts > 1)
        lit(m, "\nEach `ibm.account_<ID>` on the right is a provider block of your root module "
               "with\n`alias = \"account_<ID>\"` and an API key of that account.\n");
}

static void write_readme(struct tfm *m)
{
    const struct az_plan *plan = m->plan;
    lit(m, TFM_HEADER_MD "\n# Backup for VPC authorizations\n\n");
    lit(m, "The IAM service-to-service authorizations IBM Cloud Backup for VPC needs, as "
           "a\nTerraform module:");
    const size_t counts[] = {m->npolicies, m->ntemplates, m->nassigns};
    static const char *const what[][2] = {{"authorization policy", "authorization policies"},
                                          {"policy template", "policy templates"},
                                          {"template assignment", "template assignments"}};
    const char *sep = " ";
    for (size_t i = 0; i < 3; i++)
        if (counts[i]) {
            az_outbuf_printf(&m->out, "%s%zu %s", sep, counts[i], what[i][counts[i] != 1]);
            sep = ", ";
        }
    if (plan->n == 0)
        lit(m, " none, the intent grants nothing.\n");
    else
        az_outbuf_printf(&m->out, "; in %zu account%s.\n", plan->naccounts,
                         plan->naccounts == 1 ? "" : "s");
    readme_resources(m);
    readme_providers(m);
    readme_outputs(m);
    readme_usage(m);
    az_outbuf_printf(&m->out,
                     "\n## Requirements\n\n"
                     "- Terraform >= 1.3.\n"
                     "- `IBM-Cloud/ibm` >= %s: %s\n",
                     ibm_version(m),
                     m->account_groups ? "the first version that assigns templates of "
                                         "authorization policies to account groups."
                     : m->ntemplates   ? "the first version that assigns templates of "
                                         "authorization policies to accounts."
                                       : "the first version that sends `resource_attributes` "
                                         "with operator\n  `stringExists` as the wildcard "
                                         "IAM expects.");
    if (m->wait)
        lit(m, "- `hashicorp/time` >= " TFM_TIME ": `time_sleep`, with waits over 20 minutes "
               "fixed.\n");
    lit(m, "\nEvery file here starts with the line authzc writes first; compiling again "
           "replaces\nthose files and removes the ones the new run does not write. Other files "
           "are left\nalone.\n");
}

/* ---- the folder ------------------------------------------------------------------------- */

/* Whether path's first line is the header authzc writes first in that file. */
static bool is_ours(const char *path, enum tfm_file f)
{
    const char *want = header_of(f);
    size_t n = strlen(want);
    char buf[256];
    FILE *fp = fopen(path, "r");
    if (!fp)
        return false;
    size_t got = fread(buf, 1, n, fp);
    fclose(fp);
    return got == n && memcmp(buf, want, n) == 0;
}

/* Writes one file of the module into tmp. Returns 0, or -1 after queuing an I/O error. */
static int write_one(struct tfm *m, const char *tmp, enum tfm_file f)
{
    const char *path = az_arena_printf(m->ctx->arena, "%s/%s", tmp, tfm_names[f]);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!fp) {
        az_diag_fatal(m->ctx, "cannot write '%s': %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    int rc = 0;
    if (f == F_MAIN) {
        rc = az_emit_terraform_main(m->ctx, m->plan, fp);
    } else {
        az_outbuf_init_file(&m->out, fp);
        switch (f) {
        case F_VERSIONS:
            write_versions(m);
            break;
        case F_WAIT:
            write_wait(m);
            break;
        case F_OUTPUTS:
            write_outputs(m);
            break;
        case F_README:
        default:
            write_readme(m);
            break;
        }
        az_outbuf_flush(&m->out);
    }
    errno = 0;
    int failed = fflush(fp) != 0 || ferror(fp) || fsync(fd) != 0;
    int saved = errno;
    if (fclose(fp) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (rc == 0 && failed) {
        az_diag_fatal(m->ctx, "cannot write '%s': %s", path,
                      saved ? strerror(saved) : "write error");
        rc = -1;
    }
    return rc;
}

/* An existing folder: refuses before anything moves when a file this run writes is there
 * and is not authzc's. */
static int check_existing(struct tfm *m, const char *dir, const bool *writes)
{
    for (int f = 0; f < F_COUNT; f++) {
        if (!writes[f])
            continue;
        const char *path = az_arena_printf(m->ctx->arena, "%s/%s", dir, tfm_names[f]);
        struct stat st;
        if (lstat(path, &st) != 0) {
            if (errno == ENOENT)
                continue;
            az_diag_fatal(m->ctx, "cannot write '%s': %s", path, strerror(errno));
            return -1;
        }
        if (!S_ISREG(st.st_mode) || !is_ours(path, (enum tfm_file)f)) {
            az_diag_fatal(m->ctx,
                          "cannot write '%s': it is there and authzc did not write it (its "
                          "first line is not authzc's header); move it away or compile into "
                          "another folder",
                          path);
            return -1;
        }
    }
    return 0;
}

/* Moves this run's files into the existing dir, then removes authzc's files of an earlier
 * run that this run did not write. */
static int merge_into(struct tfm *m, const char *tmp, const char *dir, const bool *writes)
{
    struct az_arena *a = m->ctx->arena;
    for (int f = 0; f < F_COUNT; f++) {
        const char *to = az_arena_printf(a, "%s/%s", dir, tfm_names[f]);
        if (!writes[f]) {
            struct stat st;
            if (lstat(to, &st) == 0 && S_ISREG(st.st_mode) && is_ours(to, (enum tfm_file)f) &&
                unlink(to) != 0) {
                az_diag_fatal(m->ctx, "cannot remove '%s' (an earlier run's): %s", to,
                              strerror(errno));
                return -1;
            }
            continue;
        }
        if (rename(az_arena_printf(a, "%s/%s", tmp, tfm_names[f]), to) != 0) {
            az_diag_fatal(m->ctx, "cannot write '%s': %s", to, strerror(errno));
            return -1;
        }
    }
    if (az_output_fsync_dir(dir) != 0) {
        az_diag_fatal(m->ctx, "cannot write '%s': %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* Puts the finished temporary folder in place: a new dir, or merged into an existing one. */
static int install(struct tfm *m, const char *tmp, const char *dir, const bool *writes)
{
    struct az_ctx *ctx = m->ctx;
    struct stat st, tst;
    if (stat(dir, &st) != 0) {
        mode_t mask = umask(0);
        umask(mask);
        chmod(tmp, 0777 & ~mask); /* mkdtemp made it 0700; not fatal if this fails */
        if (rename(tmp, dir) != 0) {
            az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
            return -1;
        }
        if (az_output_fsync_dir(az_output_parent(ctx, dir)) != 0) {
            az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
            return -1; /* the folder is complete and in place; only its sync failed */
        }
        return 0;
    }
    if (!S_ISDIR(st.st_mode)) {
        az_diag_fatal(ctx, "cannot write '%s': it exists and is not a folder", dir);
        return -1;
    }
    if (stat(tmp, &tst) != 0 || tst.st_dev != st.st_dev) {
        az_diag_fatal(ctx,
                      "cannot write '%s': it is on another file system than its parent "
                      "folder; remove it or choose another path",
                      dir);
        return -1;
    }
    if (access(dir, W_OK) != 0) {
        az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
        return -1;
    }
    if (check_existing(m, dir, writes) != 0)
        return -1;
    return merge_into(m, tmp, dir, writes);
}

static void count(struct tfm *m)
{
    for (size_t i = 0; i < m->plan->n; i++) {
        const struct az_policy *p = &m->plan->policies[i];
        if (p->scope != AZ_SCOPE_TEMPLATE) {
            m->npolicies++;
            continue;
        }
        m->ntemplates++;
        m->nassigns += p->nassigns;
        for (size_t k = 0; k < p->nassigns; k++)
            if (p->assigns[k].kind != AZ_ASSIGN_ACCOUNT)
                m->account_groups = true;
    }
}

int az_emit_terraform_module(struct az_ctx *ctx, const struct az_plan *plan, const char *dir_arg,
                             const char *wait)
{
    const char *dir = az_output_dir_name(ctx, dir_arg, "Terraform module folder");
    if (!dir)
        return -1;
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        az_diag_fatal(ctx,
                      "cannot write the module folder '%s': it exists and is not a folder "
                      "(for one .tf file, drop the trailing '/' and --module)",
                      dir);
        return -1;
    }
    bool writes[F_COUNT] = {true, true, wait != NULL, true, true};
    /* An existing folder is checked first, so that a refusal costs nothing. */
    struct tfm *m = calloc(1, sizeof *m); /* the buffer is large: on the heap */
    if (!m) {
        az_diag_fatal(ctx, "out of memory");
        return -1;
    }
    m->ctx = ctx;
    m->plan = plan;
    m->wait = wait;
    const char *base = strrchr(dir, '/');
    m->source = az_arena_concat(ctx->arena, "./", base ? base + 1 : dir, NULL);
    count(m);
    int rc = -1;
    char *tmp = NULL;
    if (stat(dir, &st) == 0 && check_existing(m, dir, writes) != 0)
        goto out;
    tmp = az_arena_printf(ctx->arena, "%s.tmp-XXXXXX", dir);
    if (!mkdtemp(tmp)) {
        az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
        tmp = NULL;
        goto out;
    }
    /* main.tf first: it validates the plan before anything else is written. */
    static const enum tfm_file order[F_COUNT] = {F_MAIN, F_VERSIONS, F_WAIT, F_OUTPUTS, F_README};
    for (int i = 0; i < F_COUNT; i++)
        if (writes[order[i]] && write_one(m, tmp, order[i]) != 0)
            goto out;
    if (az_output_fsync_dir(tmp) != 0) {
        az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
        goto out;
    }
    rc = install(m, tmp, dir, writes);
out:
    if (tmp)
        az_output_remove_tmpdir(ctx, tmp); /* gone already when it became dir */
    free(m);
    return rc;
}
