/* emit_json.c - the json and json-v2 targets: the IAM request bodies of a plan (v1 or v2
 * authorization policies, policy templates, template assignments), either as one JSON
 * document on standard output or as one file per body plus index.json in a folder.
 *
 * The body builder here is also what the cli target puts into its script
 * (az_emit_json_body), so the script and the JSON create the same policies. jansson stays
 * in this file: no json_t leaves it. Every body is built, dumped and freed on its own, so a
 * plan of any size streams (one body in memory at a time). */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* syncfs, for large folders */
#endif
#include "authzc/emit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/plan.h"
#include "authzc/rules.h"


#define TEMPLATE_VERSION "1"
#define INDEX_FILE "index.json"
/* index.json's note on every assignment; %s: the template ID placeholder, the template. */
#define ASSIGNMENT_NOTE                                                                            \
    "\"%s\" in templates[0].id stands for the ID of the template \"%s\", which exists only "       \
    "once POST /v1/policy_templates has created it; commit its version " TEMPLATE_VERSION          \
    ", then put the \"id\" that call returned in place of the placeholder and send this body."

/* Stands for an unknown account in the tree; dumped as the escape \u0005, which user text
 * can never produce (the checker refuses control characters). Replaced in script mode. */
#define SENTINEL "\x05"
#define SENTINEL_ESCAPE "\\u0005"

static int internal(struct az_ctx *ctx, const char *what)
{
    az_diag_fatal(ctx, "internal error in the JSON emitter: %s", what);
    return -1;
}

/* ---- body trees ------------------------------------------------------------------------ */

/* jansson returns NULL on bad UTF-8 or out of memory; every builder below passes NULL up. */
static json_t *str(const char *s)
{
    return s ? json_string(s) : NULL;
}

static json_t *v1_subject_attr(const char *name, const char *value)
{
    return json_pack("{s:s, s:o}", "name", name, "value", str(value));
}

static json_t *v1_resource_attr(const char *name, const char *value)
{
    return json_pack("{s:s, s:s, s:o}", "name", name, "operator", "stringEquals", "value",
                     str(value));
}

static json_t *v2_attr(const char *key, const char *op, json_t *value)
{
    return json_pack("{s:s, s:s, s:o}", "key", key, "operator", op, "value", value);
}

static json_t *v2_equals(const char *key, const char *value)
{
    return v2_attr(key, "stringEquals", str(value));
}

/* The target's scope: every resource (ID attribute wildcard), or one Event Notifications
 * instance. */
static json_t *v2_scope(const struct az_policy *p)
{
    if (p->instance)
        return v2_equals(p->target->attr, p->instance);
    return v2_attr(p->target->attr, "stringExists", json_true());
}

static json_t *role_list(az_roleset roles)
{
    json_t *a = json_array();
    if (!a)
        return NULL;
    for (size_t k = 0; k < AZ_ROLE_COUNT; k++)
        if ((roles & (1u << k)) &&
            json_array_append_new(a, json_pack("{s:s}", "role_id", az_roles[k].crn)) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *v1_policy(const struct az_policy *p, const char *subj, const char *res)
{
    return json_pack(
        "{s:s, s:o, s:[{s:[o, o, o]}], s:o, s:[{s:[o, o, o]}]}", "type", AZ_POLICY_TYPE,
        "description", str(p->description), "subjects", "attributes",
        v1_subject_attr("accountId", subj), v1_subject_attr("serviceName", AZ_SUBJECT_SERVICE),
        v1_subject_attr("resourceType", AZ_SUBJECT_RESOURCE_TYPE), "roles", role_list(p->roles),
        "resources", "attributes", v1_resource_attr("accountId", res),
        v1_resource_attr("serviceName", p->target->service),
        v1_resource_attr(p->target->attr, p->instance ? p->instance : "*"));
}

static json_t *v2_policy(const struct az_policy *p, const char *subj, const char *res)
{
    return json_pack("{s:s, s:o, s:{s:[o, o, o]}, s:{s:{s:o}}, s:{s:[o, o, o]}}", "type",
                     AZ_POLICY_TYPE, "description", str(p->description), "subject", "attributes",
                     v2_equals("accountId", subj), v2_equals("serviceName", AZ_SUBJECT_SERVICE),
                     v2_equals("resourceType", AZ_SUBJECT_RESOURCE_TYPE), "control", "grant",
                     "roles", role_list(p->roles), "resource", "attributes",
                     v2_equals("accountId", res), v2_equals("serviceName", p->target->service),
                     v2_scope(p));
}

/* A template: created in the enterprise account; no accountId inside its policy. It is
 * created uncommitted; the commit is a separate step (index.json's "commit", the script's
 * template-version-commit), so every output tells the same create-commit-assign story. */
static json_t *template_body(const struct az_policy *p)
{
    const char *desc = p->template_description ? p->template_description : p->description;
    return json_pack("{s:o, s:o, s:o, s:{s:s, s:o, s:{s:[o, o]}, s:{s:[o, o]}, s:{s:{s:o}}}}",
                     "name", str(p->template_name), "description", str(desc), "account_id",
                     str(p->account), "policy", "type", AZ_POLICY_TYPE, "description",
                     str(p->description), "subject", "attributes",
                     v2_equals("serviceName", AZ_SUBJECT_SERVICE),
                     v2_equals("resourceType", AZ_SUBJECT_RESOURCE_TYPE), "resource", "attributes",
                     v2_equals("serviceName", p->target->service), v2_scope(p), "control", "grant",
                     "roles", role_list(p->roles));
}

static char *template_id_placeholder(const struct az_policy *p)
{
    size_t n = strlen(p->template_name) + sizeof "@template_id:@";
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "@template_id:%s@", p->template_name);
    return s;
}

static json_t *assignment_body(const struct az_policy *p, const struct az_assignment *as)
{
    char *id = template_id_placeholder(p);
    json_t *b = json_pack("{s:{s:s, s:o}, s:[{s:o, s:s}]}", "target", "type", as->type_name, "id",
                          str(as->id), "templates", "id", str(id), "version", TEMPLATE_VERSION);
    free(id);
    return b;
}

/* The body of p (a policy or a template) with the given stand-in for unknown accounts. */
static json_t *body_tree(const struct az_policy *p, enum az_json_version v, const char *unknown)
{
    if (p->scope == AZ_SCOPE_TEMPLATE)
        return template_body(p);
    const char *subj = p->subject_account ? p->subject_account : unknown;
    const char *res = p->resource_account ? p->resource_account : unknown;
    return v == AZ_JSON_V2 ? v2_policy(p, subj, res) : v1_policy(p, subj, res);
}

/* ---- text ------------------------------------------------------------------------------ */

static char *dump(json_t *j)
{
    char *s = j ? json_dumps(j, JSON_INDENT(2) | JSON_ENCODE_ANY) : NULL;
    json_decref(j);
    return s;
}

/* Script mode (see az_emit_json_body): '@' -> \u0040, the sentinel string -> placeholder.
 * Walks the dump token by token inside strings, so an escape is never split. */
static char *script_text(const char *s, const char *placeholder)
{
    size_t n = 0, extra = 0, plen = strlen(placeholder);
    for (; s[n]; n++)
        if (s[n] == '@')
            extra += 5;
        else if (s[n] == '\\')
            extra += plen;
    char *out = malloc(n + extra + 1), *o = out;
    if (!out)
        return NULL;
    bool in_string = false;
    for (size_t i = 0; i < n; i++) {
        if (in_string && s[i] == '\\') {
            if (strncmp(s + i, SENTINEL_ESCAPE, strlen(SENTINEL_ESCAPE)) == 0) {
                memcpy(o, placeholder, plen);
                o += plen;
                i += strlen(SENTINEL_ESCAPE) - 1;
            } else { /* a two-character escape, or the start of \uXXXX: copied as is */
                *o++ = s[i++];
                *o++ = s[i];
            }
            continue;
        }
        if (s[i] == '"')
            in_string = !in_string;
        if (s[i] == '@') {
            memcpy(o, "\\u0040", 6);
            o += 6;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

static bool placeholder_ok(const char *ph)
{
    if (!strchr(ph, '@'))
        return false;
    for (; *ph; ph++)
        if ((unsigned char)*ph < 0x20 || *ph == '"' || *ph == '\\' || *ph == 0x7f)
            return false;
    return true;
}

char *az_emit_json_body(struct az_ctx *ctx, const struct az_policy *p, enum az_json_version v,
                        const char *placeholder)
{
    if (placeholder && !placeholder_ok(placeholder)) {
        internal(ctx, "the account placeholder must hold '@' and nothing JSON escapes");
        return NULL;
    }
    if (!placeholder && !p->account) {
        internal(ctx, "a policy for 'account current' reached the json target");
        return NULL;
    }
    if (p->scope == AZ_SCOPE_TEMPLATE && !p->account) {
        internal(ctx, "a template without its enterprise account");
        return NULL;
    }
    char *text = dump(body_tree(p, v, placeholder ? SENTINEL : NULL));
    if (!text) {
        az_diag_fatal(ctx,
                      "cannot build the JSON body of '%s' (out of memory or text that is "
                      "not UTF-8)",
                      p->name);
        return NULL;
    }
    if (!placeholder)
        return text;
    char *out = script_text(text, placeholder);
    free(text);
    if (!out)
        az_diag_fatal(ctx, "out of memory");
    return out;
}

/* ---- streamed documents ---------------------------------------------------------------- */

/* A document written one entry at a time, in the layout json_dumps(JSON_INDENT(2)) gives the
 * whole tree: {"key": [entry, ...], ...}. */
struct doc {
    struct az_ctx *ctx;
    FILE *f;
    bool first_key;
    bool first_entry;
};

/* Writes text with `indent` spaces after every newline (JSON text has no raw newline
 * inside a string, so this only re-indents structure). */
static void put_indented(FILE *f, const char *text, int indent)
{
    for (const char *s = text; *s; s++) {
        fputc(*s, f);
        if (*s == '\n')
            fprintf(f, "%*s", indent, "");
    }
}

static void doc_begin(struct doc *d, struct az_ctx *ctx, FILE *f)
{
    d->ctx = ctx;
    d->f = f;
    d->first_key = true;
    fputs("{", f);
}

static void doc_key(struct doc *d, const char *key)
{
    fprintf(d->f, "%s\n  \"%s\": ", d->first_key ? "" : ",", key);
    d->first_key = false;
}

static void doc_array_begin(struct doc *d, const char *key)
{
    doc_key(d, key);
    fputs("[", d->f);
    d->first_entry = true;
}

/* Writes one entry (and frees it). Returns -1 when it could not be built (entry NULL: the
 * diagnostic is already queued). */
static int doc_entry(struct doc *d, json_t *entry)
{
    if (!entry)
        return -1;
    char *text = dump(entry);
    if (!text) {
        az_diag_fatal(d->ctx, "out of memory");
        return -1;
    }
    fputs(d->first_entry ? "\n    " : ",\n    ", d->f);
    put_indented(d->f, text, 4);
    free(text);
    d->first_entry = false;
    return 0;
}

static void doc_array_end(struct doc *d)
{
    fputs(d->first_entry ? "]" : "\n  ]", d->f);
}

static void doc_end(struct doc *d)
{
    fputs(d->first_key ? "}\n" : "\n}\n", d->f);
}

/* ---- one run --------------------------------------------------------------------------- */

enum section { SEC_POLICIES, SEC_TEMPLATES, SEC_ASSIGNMENTS };
static const char *const section_keys[] = {"policies", "templates", "assignments"};

struct run {
    struct az_ctx *ctx;
    const struct az_plan *plan;
    enum az_json_version v;
    const char *tmpdir; /* folder mode: where the body files go; NULL: stdout document */
    bool fsync_each;    /* folder mode: fsync every file (else one syncfs at the end) */
};

/* Above this many files a folder is made durable with one syncfs (Linux) rather than one
 * fsync per file: 50,000 fsyncs take tens of seconds, one syncfs well under one. */
#define FSYNC_EACH_MAX 256

/* Writes text and a newline to tmpdir/name.json, created new, and fsyncs it. */
static int write_file(struct run *r, const char *name, const char *text)
{
    char *path = az_arena_printf(r->ctx->arena, "%s/%s.json", r->tmpdir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0) {
        az_diag_fatal(r->ctx, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        az_diag_fatal(r->ctx, "cannot write '%s': %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    fputs(text, f);
    fputc('\n', f);
    int failed = fflush(f) != 0 || ferror(f) || (r->fsync_each && fsync(fd) != 0);
    int saved = errno;
    if (fclose(f) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        az_diag_fatal(r->ctx, "cannot write '%s': %s", path, strerror(saved));
        return -1;
    }
    return 0;
}

/* A file name for a body: the plan's names are [a-z0-9_-] and never "index" (index.json). */
static bool safe_name(const char *name)
{
    if (!*name || strcmp(name, "index") == 0)
        return false;
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-'))
            return false;
    return true;
}

/* One body: in the stdout document an entry {name, account|template, body}; in folder mode
 * a file plus the index entry. Returns the entry (NULL on failure, diagnostic queued). */
static json_t *entry(struct run *r, enum section sec, const struct az_policy *p,
                     const struct az_assignment *as)
{
    const char *name = as ? as->name : p->name;
    if (!safe_name(name)) {
        internal(r->ctx, "a body name is not a safe file name");
        return NULL;
    }
    if (!p->account) {
        internal(r->ctx, "a policy for 'account current' reached the json target");
        return NULL;
    }
    json_t *body = sec == SEC_ASSIGNMENTS ? assignment_body(p, as) : body_tree(p, r->v, NULL);
    json_t *e = NULL;
    if (!r->tmpdir) { /* the stdout document */
        if (sec == SEC_ASSIGNMENTS)
            e = json_pack("{s:s, s:o, s:o}", "name", name, "template", str(p->template_name),
                          "body", body);
        else
            e = json_pack("{s:s, s:s, s:o}", "name", name, "account", p->account, "body", body);
    } else {
        /* The policy and template files are exactly what the cli target starts from. */
        char *text = NULL;
        if (sec == SEC_ASSIGNMENTS) {
            text = dump(body);
            if (!text)
                internal(r->ctx, "cannot build an assignment body");
        } else {
            json_decref(body);
            text = az_emit_json_body(r->ctx, p, r->v, NULL);
        }
        if (!text || write_file(r, name, text) != 0) {
            free(text);
            return NULL;
        }
        free(text);
        char *file = az_arena_printf(r->ctx->arena, "%s.json", name);
        if (sec == SEC_POLICIES)
            e = json_pack("{s:s, s:s, s:s, s:s}", "name", name, "file", file, "account", p->account,
                          "create", r->v == AZ_JSON_V2 ? "POST /v2/policies" : "POST /v1/policies");
        else if (sec == SEC_TEMPLATES)
            e = json_pack("{s:s, s:s, s:s, s:o, s:s, s:s}", "name", name, "file", file, "account",
                          p->account, "template_name", str(p->template_name), "create",
                          "POST /v1/policy_templates", "commit",
                          "POST /v1/policy_templates/{id}/versions/" TEMPLATE_VERSION "/commit");
        else {
            char *id = template_id_placeholder(p);
            e = json_pack(
                "{s:s, s:s, s:o, s:s, s:o}", "name", name, "file", file, "template",
                str(p->template_name), "create", "POST /v1/policy_assignments?version=1.0", "note",
                id ? str(az_arena_printf(r->ctx->arena, ASSIGNMENT_NOTE, id, p->template_name))
                   : NULL);
            free(id);
        }
    }
    if (!e)
        az_diag_fatal(r->ctx,
                      "cannot build the JSON body of '%s' (out of memory or text that "
                      "is not UTF-8)",
                      name);
    return e;
}

/* Streams the three sections into f: the document, or index.json (folder mode). */
static int write_sections(struct run *r, FILE *f)
{
    struct doc d;
    doc_begin(&d, r->ctx, f);
    if (r->tmpdir) {
        doc_key(&d, "format");
        fputs(r->v == AZ_JSON_V2 ? "\"v2\"" : "\"v1\"", f);
    }
    for (int sec = SEC_POLICIES; sec <= SEC_ASSIGNMENTS; sec++) {
        doc_array_begin(&d, section_keys[sec]);
        for (size_t i = 0; i < r->plan->n; i++) {
            const struct az_policy *p = &r->plan->policies[i];
            bool tmpl = p->scope == AZ_SCOPE_TEMPLATE;
            if (sec == SEC_POLICIES && !tmpl) {
                if (doc_entry(&d, entry(r, sec, p, NULL)) != 0)
                    return -1;
            } else if (sec == SEC_TEMPLATES && tmpl) {
                if (doc_entry(&d, entry(r, sec, p, NULL)) != 0)
                    return -1;
            } else if (sec == SEC_ASSIGNMENTS && tmpl) {
                for (size_t k = 0; k < p->nassigns; k++)
                    if (doc_entry(&d, entry(r, sec, p, &p->assigns[k])) != 0)
                        return -1;
            }
        }
        doc_array_end(&d);
    }
    doc_end(&d);
    return 0;
}

int az_emit_json(struct az_ctx *ctx, const struct az_plan *plan, enum az_json_version v, FILE *out)
{
    struct run r = {.ctx = ctx, .plan = plan, .v = v};
    return write_sections(&r, out);
}

/* ---- the folder, all or nothing -------------------------------------------------------- */

/* Removes the temporary folder and everything in it (it only ever holds plain files). */
static void remove_tmpdir(struct az_ctx *ctx, const char *tmp)
{
    DIR *dh = opendir(tmp);
    if (dh) {
        struct dirent *de;
        while ((de = readdir(dh)) != NULL)
            if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
                unlink(az_arena_printf(ctx->arena, "%s/%s", tmp, de->d_name));
        closedir(dh);
    }
    rmdir(tmp);
}

static int fsync_dir(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    if (rc != 0 && (errno == EINVAL || errno == EBADF || errno == EROFS))
        rc = 0; /* some file systems cannot sync a folder; the files are synced */
    close(fd);
    return rc;
}

/* Makes the temporary folder's files durable when they were not fsynced one by one. */
static int sync_files(struct az_ctx *ctx, const char *tmp)
{
#ifdef __linux__
    (void)ctx;
    int fd = open(tmp, O_RDONLY);
    if (fd < 0)
        return -1;
    int rc = syncfs(fd);
    close(fd);
    return rc;
#else
    DIR *dh = opendir(tmp);
    if (!dh)
        return -1;
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(dh)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        int fd = open(az_arena_printf(ctx->arena, "%s/%s", tmp, de->d_name), O_RDONLY);
        if (fd < 0 || fsync(fd) != 0)
            rc = -1;
        if (fd >= 0)
            close(fd);
    }
    closedir(dh);
    return rc;
#endif
}

/* Moves name into dir (an existing folder). */
static int move_into(struct az_ctx *ctx, const char *tmp, const char *dir, const char *file)
{
    const char *from = az_arena_printf(ctx->arena, "%s/%s", tmp, file);
    const char *to = az_arena_printf(ctx->arena, "%s/%s", dir, file);
    if (rename(from, to) != 0) {
        az_diag_fatal(ctx, "cannot write '%s': %s", to, strerror(errno));
        return -1;
    }
    return 0;
}

/* The folder exists: every body file, then index.json, renamed into it. */
static int merge_into(struct az_ctx *ctx, const struct az_plan *plan, const char *tmp,
                      const char *dir)
{
    struct az_arena *a = ctx->arena;
    for (size_t i = 0; i < plan->n; i++) {
        const struct az_policy *p = &plan->policies[i];
        if (move_into(ctx, tmp, dir, az_arena_printf(a, "%s.json", p->name)) != 0)
            return -1;
        if (p->scope == AZ_SCOPE_TEMPLATE)
            for (size_t k = 0; k < p->nassigns; k++)
                if (move_into(ctx, tmp, dir, az_arena_printf(a, "%s.json", p->assigns[k].name)) !=
                    0)
                    return -1;
    }
    if (move_into(ctx, tmp, dir, INDEX_FILE) != 0)
        return -1;
    if (fsync_dir(dir) != 0) {
        az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* The parent folder of path (for fsync after a rename into it). */
static const char *parent_of(struct az_ctx *ctx, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    if (slash == path)
        return "/";
    return az_arena_strndup(ctx->arena, path, (size_t)(slash - path));
}

int az_emit_json_dir(struct az_ctx *ctx, const struct az_plan *plan, enum az_json_version v,
                     const char *dir_arg)
{
    /* "out/" and "out" are the same folder; the temporary goes beside it. */
    size_t len = strlen(dir_arg);
    while (len > 1 && dir_arg[len - 1] == '/')
        len--;
    const char *dir = az_arena_strndup(ctx->arena, dir_arg, len);
    if (!*dir || strcmp(dir, "/") == 0 || strcmp(dir, ".") == 0 || strcmp(dir, "..") == 0 ||
        (len >= 2 && strcmp(dir + len - 2, "/.") == 0) ||
        (len >= 3 && strcmp(dir + len - 3, "/..") == 0)) {
        az_diag_fatal(ctx,
                      "cannot write the JSON folder '%s': name a folder to create or "
                      "fill, such as 'out'",
                      dir_arg);
        return -1;
    }
    struct stat st;
    bool exists = stat(dir, &st) == 0;
    if (exists && !S_ISDIR(st.st_mode)) {
        az_diag_fatal(ctx,
                      "cannot write '%s': it exists and is not a folder (json and json-v2 "
                      "write a folder with one file per body)",
                      dir);
        return -1;
    }
    if (!exists && errno != ENOENT) {
        az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
        return -1;
    }

    char *tmp = az_arena_printf(ctx->arena, "%s.tmp-XXXXXX", dir);
    if (!mkdtemp(tmp)) {
        az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
        return -1;
    }
    size_t nfiles = 1;
    for (size_t i = 0; i < plan->n; i++)
        nfiles +=
            1 + (plan->policies[i].scope == AZ_SCOPE_TEMPLATE ? plan->policies[i].nassigns : 0);
    struct run r = {
        .ctx = ctx, .plan = plan, .v = v, .tmpdir = tmp, .fsync_each = nfiles <= FSYNC_EACH_MAX};
    const char *index = az_arena_printf(ctx->arena, "%s/%s", tmp, INDEX_FILE);
    int rc = -1;
    int fd = open(index, O_WRONLY | O_CREAT | O_EXCL, 0666);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        az_diag_fatal(ctx, "cannot write '%s': %s", index, strerror(errno));
        if (fd >= 0)
            close(fd);
        goto out;
    }
    int failed = write_sections(&r, f);
    if (failed == 0) {
        failed = fflush(f) != 0 || ferror(f) || fsync(fd) != 0;
        int saved = errno;
        if (fclose(f) != 0 && !failed) {
            failed = 1;
            saved = errno;
        }
        if (!failed && !r.fsync_each && sync_files(ctx, tmp) != 0) {
            failed = 1;
            saved = errno;
        }
        if (!failed && fsync_dir(tmp) != 0) {
            failed = 1;
            saved = errno;
        }
        if (failed)
            az_diag_fatal(ctx, "cannot write '%s': %s", index, strerror(saved));
    } else {
        fclose(f);
    }
    if (failed)
        goto out;

    if (stat(dir, &st) != 0) { /* a new folder: the temporary becomes it */
        mode_t mask = umask(0);
        umask(mask);
        chmod(tmp, 0777 & ~mask); /* mkdtemp made it 0700; not fatal if this fails */
        if (rename(tmp, dir) != 0) {
            az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
            goto out;
        }
        if (fsync_dir(parent_of(ctx, dir)) != 0) {
            az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
            return -1; /* the folder is complete and in place; only its sync failed */
        }
        return 0;
    }
    if (!S_ISDIR(st.st_mode)) {
        az_diag_fatal(ctx, "cannot write '%s': it exists and is not a folder", dir);
        goto out;
    }
    struct stat tst;
    if (stat(tmp, &tst) != 0 || tst.st_dev != st.st_dev) {
        az_diag_fatal(ctx,
                      "cannot write '%s': it is on another file system than its parent "
                      "folder; remove it or choose another path",
                      dir);
        goto out;
    }
    if (access(dir, W_OK) != 0) {
        az_diag_fatal(ctx, "cannot write '%s': %s", dir, strerror(errno));
        goto out;
    }
    rc = merge_into(ctx, plan, tmp, dir);
out:
    remove_tmpdir(ctx, tmp);
    return rc;
}
