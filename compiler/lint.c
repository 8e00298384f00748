/* lint.c - `authzc lint`: the driver of the linter (lint.h).
 *
 * It reads like the run: parse the options; load the intent (--intent) and check it into a
 * plan; walk the paths (folders recursively, entries in bytewise order, hidden entries,
 * node_modules and symlinked folders skipped) and hand each file to the front end its kind
 * calls for (.json, .tf, .sh/.bash or a sh/bash shebang); lint the JSON files the scripts
 * pass with --file; run the rule-table checks (lint_check.c); hide what suppressions
 * (`# authzc:ignore ID reason` comments, an ignore file for JSON) cover: a filter the
 * report applies, the queue is not edited; print; decide the exit
 * status from --fail-on. Text goes to standard error like every authzc diagnostic; the
 * machine formats (json, sarif, github) go to standard output, where CI picks them up. */
#define _XOPEN_SOURCE 700 /* realpath(3), for the ignore files' folders */
#define _DEFAULT_SOURCE   /* readdir's d_type (DT_REG, DT_DIR, ...) */
#include "authzc/lint.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pthread.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <linux/magic.h> /* EXT4_SUPER_MAGIC, ... */
#include <sys/statfs.h>
#include <sys/syscall.h> /* SYS_close_range */
#endif

#include "authzc/arena.h"
#include "authzc/ast.h"
#include "authzc/check.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/fix.h"
#include "authzc/parse.h"
#include "authzc/plan.h"
#include "authzc/source.h"
#include "authzc/suggest.h"
#include "authzc/strmap.h"
#include "authzc/udiff.h"

#ifndef AZ_VERSION
#define AZ_VERSION "0.0.0"
#endif

/* ---- the help text ---------------------------------------------------------------------------- */

/* The help text, in parts (C limits one string literal to 4095 bytes). */
static const char *const usage_lint[] = {
    "usage: authzc lint [options] [--intent FILE]... PATH...\n"
    "\n"
    "Checks hand-written IAM authorization policies for IBM Cloud Backup for VPC and says,\n"
    "at the line and column, what is wrong and what to write instead.\n"
    "\n"
    "inputs:\n"
    "  PATH is a file or a folder ('-': standard input, read as --lang json|tf|sh says,\n"
    "  or by its content). Folders are walked recursively in a fixed order (names\n"
    "  sorted bytewise), skipping hidden entries (.git, .terraform), node_modules and\n"
    "  symbolic links to folders; a file reached by several paths is linted once.\n"
    "  Files are read by kind:\n"
    "    .json          IAM v1 and v2 policy bodies, policy templates, assignments, arrays\n"
    "                   of them, IAM's list responses, authzc's own json output;\n"
    "                   Terraform plans (terraform show -json: format_version and\n"
    "                   resource_changes)\n"
    "    .tf            Terraform: ibm_iam_authorization_policy, ibm_iam_policy_template,\n"
    "                   ibm_iam_policy_assignment (other blocks are passed over)\n"
    "    .sh, .bash     ibmcloud iam authorization-policy-create and the template and\n"
    "                   assignment commands; also a file without extension whose first\n"
    "                   line is a sh or bash shebang\n"
    "  Other files in folders (and .tf.json) are skipped; naming one explicitly is a usage\n"
    "  error. JSON files a script passes with a literal '--file PATH' (relative to the\n"
    "  script's folder) are linted too. Policies whose subject is not Backup for VPC are\n"
    "  passed over.\n"
    "\n",
    "checks ('authzc explain ID' says more about each):\n"
    "  AZ501-AZ505  syntax and shape: unknown, missing or misplaced keys, v1 and v2 mixed,\n"
    "               wrong types\n"
    "  AZ601-AZ607  type authorization, the subject is/backup-policy, service names,\n"
    "               Terraform resource types, ibmcloud flags, shell expansions, accountId\n"
    "  AZ206 AZ301-AZ303 AZ701 AZ702\n"
    "               roles: unknown, missing for the target, more than needed, of another\n"
    "               service, several in one string, spelled in the wrong form\n"
    "  AZ801-AZ804  scope: one resource instead of the wildcard, stringExists values,\n"
    "               operators, Terraform arguments that conflict\n"
    "  AZ404 AZ405  across all files of the run: a companion authorization missing (the\n"
    "               four block storage targets per account; backup-policy in an\n"
    "               enterprise child), duplicates\n"
    "  AZ805-AZ807  with --intent: what the intent compiles to and the files differ\n"
    "               (missing, extra, other roles)\n"
    "  AZ809 AZ810  a target Backup for VPC does not use; a target named by resourceType\n"
    "  AZ821        Terraform: an ibm_is_backup_policy not ordered after the authorizations\n"
    "               of its folder (or of a local module it calls): add depends_on\n"
    "  AZ820        a note, never a failure: a Terraform value lint cannot evaluate (locals,\n"
    "               variable defaults, for_each and count over them are evaluated)\n"
    "\n"
    "suppressing a finding (a reason is required):\n"
    "  In .tf and .sh files, a comment on the finding's line or on the line above it; a\n"
    "  comment above a policy (a Terraform resource, an ibmcloud command) or on its first\n"
    "  line covers every line of that policy:\n"
    "      # authzc:ignore AZ302 the DR runbook also grants Manager here\n"
    "      # authzc:ignore AZ302,AZ404 reason...\n"
    "  For any file (JSON has no comments), ignore files named .authzc-ignore, found like\n"
    "  git finds .gitignore: in the file's folder and each parent up to the repository\n"
    "  root (the folder holding .git); every one found applies. Lines are\n"
    "  'PATH-GLOB ID[,ID...] reason...':\n"
    "      # comments and blank lines are allowed\n"
    "      legacy/*.json AZ302 kept until the migration in Q3\n"
    "  PATH-GLOB is matched (fnmatch; '*' also matches '/') against the file's path\n"
    "  relative to the ignore file's folder. A suppression without a reason or with an\n"
    "  unknown ID suppresses nothing and is reported (AZ808, which cannot itself be\n"
    "  suppressed).\n"
    "\n",
    "options:\n"
    "  --intent FILE            compare the files with what this intent compiles to\n"
    "                           (repeatable: several files form one intent; .yaml/.yml\n"
    "                           are YAML, anything else the .authz DSL)\n"
    "  --format text|json|sarif|github\n"
    "                           text (default) goes to standard error; json, SARIF 2.1.0\n"
    "                           and GitHub workflow commands go to standard output\n"
    "  --lang json|tf|sh        what standard input ('-') holds (default: by its content)\n"
    "  --fail-on error|warning  the level that makes the exit status 1 (default: error)\n"
    "  --werror                 the same as --fail-on warning\n"
    "  --color auto|always|never\n"
    "                           colour text diagnostics (default auto: only on a terminal\n"
    "                           and when NO_COLOR is unset)\n"
    "  --ignore-file FILE       suppressions for whole files, read instead of every\n"
    "                           .authzc-ignore (globs relative to FILE's folder)\n"
    "  --max-errors N           print at most N diagnostics (0: all; default 0)\n"
    "  --max-input-size BYTES   refuse larger files (default 67108864)\n"
    "  --fix                    rewrite the files with the fixes the findings spell out\n"
    "                           (see 'fixing' below), then report what remains\n"
    "  --diff                   with --fix: print the changes as a unified diff on\n"
    "                           standard output and write nothing\n"
    "  --fix-dry-run            the same as --fix --diff\n"
    "  -h, --help               this text\n"
    "\n",
    "fixing (--fix):\n"
    "  Only findings whose repair cannot change what a correct policy means are fixed,\n"
    "  each by a minimal edit; every other byte (indentation, comments, key order, line\n"
    "  ends, a byte order mark) is kept. 'authzc explain --list' marks them [fix]:\n"
    "    AZ206  a role off only by case, spaces, '-' or '_': operator -> Operator\n"
    "    AZ301  the missing role added after the last one of a literal role list\n"
    "    AZ303  a role CRN in the wrong namespace -> the role's own CRN\n"
    "    AZ601  \"type\": \"access\" -> \"authorization\" in a Backup for VPC body\n"
    "    AZ603  a service name with one certain spelling: is.volume -> is (when an ID\n"
    "           attribute names the target), event-notification -> event-notifications\n"
    "    AZ604  a near miss of one of the three resource types (and its references\n"
    "           in the file); a '-' for '_' in a reference to a declared block\n"
    "    AZ605  a flag with words left out (--source-account -> --source-service-\n"
    "           account); iam authorization-policy-... -> ibmcloud iam ...\n"
    "    AZ701  several roles in one string -> one element per role\n"
    "    AZ702  a role in the wrong form: a CRN in JSON, a display name elsewhere\n"
    "    AZ802  stringExists \"true\" -> true in v2 and template JSON; \"True\", \"TRUE\"\n"
    "           or \"*\" -> the file's form of true (JSON true, Terraform \"true\")\n"
    "    AZ803  a missing operator added in v2 and template JSON (stringEquals, or\n"
    "           stringExists for a target's ID with true); an unknown operator one\n"
    "           typo away from exactly one of IAM's operators\n"
    "  Roles are never removed (AZ302: least privilege is a decision for a person), and\n"
    "  suppressed findings are not fixed. Fixes run again on the fixed text until none is\n"
    "  left; the report and the exit status are then about the files as fixed. Files are\n"
    "  rewritten atomically, keeping their mode; a file that changed on disk while it was\n"
    "  linted is not written (exit 2). Terraform plans (terraform show -json) are\n"
    "  generated: they are never fixed. Standard input cannot be fixed.\n"
    "\n"
    "exit status: 0 nothing at or above the --fail-on level remains; 1 something does;\n"
    "2 usage errors, unreadable paths, internal failures (the other paths are still\n"
    "linted and reported).\n",
};

void az_lint_usage(FILE *out)
{
    for (size_t k = 0; k < sizeof usage_lint / sizeof usage_lint[0]; k++)
        fputs(usage_lint[k], out);
}

/* ---- file kinds ------------------------------------------------------------------------- */

enum kind { K_OTHER, K_JSON, K_HCL, K_SH, K_TF_JSON };

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Whether the file starts with a sh or bash shebang: #!/bin/sh, #!/usr/bin/env bash, ... */
static bool has_shell_shebang(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char line[256];
    size_t n = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[n] = '\0';
    if (n < 2 || line[0] != '#' || line[1] != '!')
        return false;
    line[strcspn(line, "\r\n")] = '\0';
    char *words[8];
    size_t nw = 0;
    for (char *tok = strtok(line + 2, " \t"); tok && nw < 8; tok = strtok(NULL, " \t"))
        words[nw++] = tok;
    size_t i = 0;
    if (i < nw && strcmp(base_name(words[i]), "env") == 0) {
        i++;
        while (i < nw && words[i][0] == '-') /* env -S, env -i */
            i++;
    }
    if (i >= nw)
        return false;
    const char *interp = base_name(words[i]);
    return strcmp(interp, "sh") == 0 || strcmp(interp, "bash") == 0;
}

static enum kind kind_of(const char *path)
{
    const char *b = base_name(path);
    if (ends_with(b, ".tf.json"))
        return K_TF_JSON;
    if (ends_with(b, ".json"))
        return K_JSON;
    if (ends_with(b, ".tf"))
        return K_HCL;
    if (ends_with(b, ".sh") || ends_with(b, ".bash"))
        return K_SH;
    if (!strchr(b[0] == '.' ? b + 1 : b, '.') && has_shell_shebang(path))
        return K_SH;
    return K_OTHER;
}

enum az_lint_kind az_lint_kind_of(const char *path)
{
    switch (kind_of(path)) {
    case K_JSON:
        return AZ_LKIND_JSON;
    case K_HCL:
        return AZ_LKIND_HCL;
    case K_SH:
        return AZ_LKIND_SH;
    case K_TF_JSON:
        return AZ_LKIND_TF_JSON;
    case K_OTHER:
    default:
        return AZ_LKIND_OTHER;
    }
}


/* ---- the run ---------------------------------------------------------------------------- */

/* Folders nest at most this deep below a path given on the command line. */
#define MAX_WALK_DEPTH 128

struct run {
    struct az_ctx *ctx;
    struct az_lfile *files, **tail;
    struct az_strmap seen; /* the files linted (file_key) */
    size_t nfiles;         /* for the closing line */
    bool stdin_done;
    /* lint --fix: a file fixed in an earlier round is read from here (path -> struct
     * fixed), not from the disk; NULL otherwise. */
    const struct az_strmap *overlay;
    /* The read-ahead's arena (walk_ahead makes it): the bytes of the files it read, freed
     * with the run's arena. */
    struct az_arena **texts;
};

/* A file lint --fix changed: the bytes read from the disk, the text as fixed so far and
 * the findings fixed in it. It outlives the rounds' arenas (malloc). */
struct fixed {
    char *name;
    char *orig, *text;
    size_t orig_len, len;
    size_t findings;
    struct fixed *next;
};

/* The identity of a file (device and inode, as hex digits): the same file reached twice
 * (named twice, inside a folder also named, through a symbolic link or a hard link, or
 * passed by a script's --file) is linted once. Cheaper than realpath(3), which costs a
 * system call per path component. */
static const char *file_key(struct az_arena *a, const struct stat *st)
{
    char buf[2 * 2 * sizeof(uintmax_t) + 2], *o = buf + sizeof buf;
    uintmax_t parts[2] = {(uintmax_t)st->st_ino, (uintmax_t)st->st_dev};
    *--o = '\0';
    for (int i = 0; i < 2; i++) {
        if (i)
            *--o = ':';
        uintmax_t v = parts[i];
        do {
            *--o = "0123456789abcdef"[v & 15];
            v >>= 4;
        } while (v);
    }
    return az_arena_strdup(a, o);
}

/* Hands one loaded file to the front end for its kind; returns its model. */
static struct az_lfile *lint_source(struct run *r, const struct az_source *src, enum kind k)
{
    struct az_lfile *f = az_arena_alloc(r->ctx->arena, sizeof *f);
    az_lint_file_init(f, src);
    int rc = k == K_JSON  ? az_lint_json(r->ctx, src, f)
             : k == K_HCL ? az_lint_hcl(r->ctx, src, f)
                          : az_lint_sh(r->ctx, src, f);
    f->syntax_error = rc != 0;
    *r->tail = f;
    r->tail = &f->next;
    r->nfiles++;
    return f;
}

/* What opening a file found: its fstat (or, when it could not be opened, the fstatat of its
 * path), and its bytes when the walk's read-ahead has read them already. */
struct opened {
    int fd;         /* -1: not open (it could not be, or it was read and closed) */
    int open_errno; /* why it could not be opened */
    bool known;     /* st says which file it is */
    bool read;      /* bytes holds what reading it gave */
    struct stat st;
    struct az_source_bytes bytes;
};

/* Opens the file name in the folder open at dfd (AT_FDCWD: name is a path); its fstat says
 * which file it is (device and inode) and how many bytes to read. A file met in a folder's
 * walk (named false) must be regular: anything else met there (a FIFO put in its place since
 * readdir, say) is passed over (known false), and a FIFO is never waited for (O_NONBLOCK). A
 * file named on the command line may be anything readable (a pipe, /dev/stdin). */
static void identify(int dfd, const char *name, bool named, struct opened *o);

static void open_file(int dfd, const char *name, bool named, struct opened *o)
{
    o->fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | (named ? 0 : O_NONBLOCK));
    o->open_errno = errno;
    identify(dfd, name, named, o);
}

/* The rest of open_file, once openat gave o->fd (and o->open_errno). */
static void identify(int dfd, const char *name, bool named, struct opened *o)
{
    o->read = false;
    /* Which file it is: from the open file, or, when it cannot be opened, from its path
     * (so that an unreadable file named twice is reported once). */
    o->known = o->fd >= 0 ? fstat(o->fd, &o->st) == 0 : fstatat(dfd, name, &o->st, 0) == 0;
    if (!o->known || (!named && !S_ISREG(o->st.st_mode))) {
        if (o->fd >= 0)
            close(o->fd);
        o->fd = -1;
        o->known = false; /* gone, or not a regular file */
    }
}

/* The size to read of the file o opened: -1 when it is not a regular file. */
static int64_t size_of(const struct opened *o)
{
    return S_ISREG(o->st.st_mode) ? (int64_t)o->st.st_size : -1;
}

/* Lints the file o opened (closing it), shown as path, with the front end for kind k, once
 * per file. Returns its model (also when it was linted before), or NULL when it cannot be
 * read or is passed over. */
static struct az_lfile *lint_opened(struct run *r, struct opened *o, const char *path, enum kind k)
{
    if (!o->known)
        return NULL;
    void **slot = az_strmap_slot(&r->seen, file_key(r->ctx->arena, &o->st));
    const struct az_source *src = NULL;
    if (*slot) {
        /* linted before (r: it could not be read) */
    } else if (o->fd < 0 && !o->read) {
        az_diag_fatal(r->ctx, "cannot open '%s': %s", path, strerror(o->open_errno));
    } else {
        const struct fixed *fx = r->overlay ? az_strmap_get(r->overlay, path) : NULL;
        if (fx)
            src = az_source_from_buffer(r->ctx, path, fx->text, fx->len);
        else if (o->read)
            src = az_source_of_bytes(r->ctx, path, path, &o->bytes);
        else
            src = az_source_load_fd(r->ctx, path, o->fd, size_of(o));
    }
    if (o->fd >= 0)
        close(o->fd);
    o->fd = -1;
    if (*slot)
        return *slot == (void *)r ? NULL : *slot;
    *slot = src ? (void *)lint_source(r, src, k) : (void *)r;
    return *slot == (void *)r ? NULL : *slot;
}

/* Lints the file name in the folder open at dfd (AT_FDCWD: name is a path), shown as path
 * (open_file says which files are passed over; lint_opened what is reported). */
static struct az_lfile *lint_file(struct run *r, int dfd, const char *name, const char *path,
                                  enum kind k, bool named)
{
    struct opened o;
    open_file(dfd, name, named, &o);
    return lint_opened(r, &o, path, k);
}

/* What text holds, for standard input without --lang: JSON when it starts with '{' or '[',
 * a script when it starts with "#!" or an ibmcloud command, Terraform when its first word
 * (after comments) opens a block; K_OTHER when none of these. */
static enum kind kind_of_text(const char *t, size_t n)
{
    static const char *const blocks[] = {"resource", "data",   "variable", "terraform",
                                         "provider", "module", "locals",   "output"};
    size_t i = 0;
    for (;;) {
        while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n'))
            i++;
        if (i < n && (t[i] == '{' || t[i] == '['))
            return K_JSON;
        if (i + 1 < n && t[i] == '#' && t[i + 1] == '!')
            return K_SH;
        if (i < n && (t[i] == '#' || (t[i] == '/' && i + 1 < n && t[i + 1] == '/'))) {
            while (i < n && t[i] != '\n')
                i++;
            continue;
        }
        break;
    }
    size_t w = i;
    while (w < n && ((t[w] >= 'a' && t[w] <= 'z') || t[w] == '_'))
        w++;
    for (size_t k = 0; k < sizeof blocks / sizeof blocks[0]; k++)
        if (strlen(blocks[k]) == w - i && strncmp(t + i, blocks[k], w - i) == 0)
            return K_HCL;
    if (w - i == 8 && strncmp(t + i, "ibmcloud", 8) == 0)
        return K_SH;
    return K_OTHER;
}

/* Lints standard input ('-'), once, as kind k (K_OTHER: by its content). */
static void lint_stdin(struct run *r, enum kind k)
{
    if (r->stdin_done)
        return;
    r->stdin_done = true;
    const struct az_source *src = az_source_load(r->ctx, "-");
    if (!src)
        return;
    if (k == K_OTHER)
        k = kind_of_text(src->text, src->len);
    if (k == K_OTHER) {
        az_diag_fatal(r->ctx, "cannot tell whether standard input is JSON, Terraform or a "
                              "script; pass --lang json, tf or sh");
        return;
    }
    lint_source(r, src, k);
}

/* A folder's entry: its name, and its type as readdir says it (DT_UNKNOWN when the file
 * system does not say). */
struct entry {
    const char *name;
    size_t off; /* of name in the pool, while it grows */
    ino_t ino;
    unsigned char type;
};

static int cmp_entries(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

enum az_lint_entry az_lint_walk_entry(int dfd, const char *name, int d_type)
{
    struct stat st;
    switch (d_type) {
    case DT_DIR:
        return AZ_LENTRY_FOLDER;
    case DT_REG:
        return AZ_LENTRY_FILE;
    case DT_LNK: /* followed to a file; a folder never (no loops); a dangling one: nothing */
        return fstatat(dfd, name, &st, 0) == 0 && S_ISREG(st.st_mode) ? AZ_LENTRY_FILE
                                                                      : AZ_LENTRY_SKIP;
    case DT_UNKNOWN:
        if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            return AZ_LENTRY_SKIP; /* gone since readdir */
        if (S_ISLNK(st.st_mode))
            return az_lint_walk_entry(dfd, name, DT_LNK);
        return S_ISDIR(st.st_mode)   ? AZ_LENTRY_FOLDER
               : S_ISREG(st.st_mode) ? AZ_LENTRY_FILE
                                     : AZ_LENTRY_SKIP;
    default: /* a FIFO, a socket, a device */
        return AZ_LENTRY_SKIP;
    }
}

/* Reads the entries of the folder open as d, without hidden ones and node_modules, sorted
 * bytewise: *v holds them and *pool their names (both malloc). Returns their number, or -1
 * when out of memory. */
static ptrdiff_t read_entries(DIR *d, struct entry **v, char **pool, size_t *longest)
{
    size_t n = 0, cap = 16, used = 0, room = 4096;
    struct entry *ev = malloc(cap * sizeof *ev);
    char *names = malloc(room);
    struct dirent *e = NULL;
    while (ev && names && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "node_modules") == 0)
            continue; /* also . and .. */
        size_t len = strlen(e->d_name);
        if (n == cap) {
            struct entry *nv = realloc(ev, (cap *= 2) * sizeof *ev);
            if (!nv)
                break;
            ev = nv;
        }
        while (room - used <= len) {
            char *nn = realloc(names, room *= 2);
            if (!nn)
                goto oom;
            names = nn;
        }
        memcpy(names + used, e->d_name, len + 1);
        ev[n].off = used;
        ev[n].ino = e->d_ino;
        ev[n++].type = e->d_type;
        used += len + 1;
        if (len > *longest)
            *longest = len;
    }
    if (e == NULL && ev && names) { /* read to the end */
        for (size_t i = 0; i < n; i++)
            ev[i].name = names + ev[i].off;
        qsort(ev, n, sizeof *ev, cmp_entries);
        *v = ev;
        *pool = names;
        return (ptrdiff_t)n;
    }
oom:
    free(ev);
    free(names);
    return -1;
}

/* What can go wrong in a folder's walk (walk_problem says it). */
enum problem { P_DEEP, P_OPEN, P_MEMORY };

static void walk_problem(struct az_ctx *ctx, enum problem what, const char *dir, int err)
{
    if (what == P_DEEP)
        az_diag_fatal(ctx, "'%s' is nested more than %d folders deep; it is not linted", dir,
                      MAX_WALK_DEPTH);
    else if (what == P_OPEN)
        az_diag_fatal(ctx, "cannot open '%s': %s", dir, strerror(err));
    else
        az_diag_fatal(ctx, "cannot read '%s': out of memory", dir);
}

/* A file's identity (as file_key makes it from fstat's). */
struct walk_id {
    dev_t dev;
    ino_t ino;
};

/* What a walk does with what it meets: a file to lint, named name in the folder open at dfd
 * and shown as path, or a problem. Run alone (lint_walk) it lints at once; with the
 * read-ahead (walk_ahead) it runs on the second thread, which reads the files for the
 * first. */
struct walker {
    /* id: which file it is, when readdir says so truly (see folder_ids); else NULL */
    void (*file)(struct walker *w, int dfd, const char *name, const char *path, enum kind k,
                 const struct walk_id *id);
    void (*problem)(struct walker *w, enum problem what, const char *dir, int err);
    /* Gives back descriptors it holds (NULL: none); true when it did, and opening a folder
     * that failed for want of descriptors is worth another try. */
    bool (*give_back)(struct walker *w);
    /* Finishes with the files given so far (NULL: nothing to do), before the walk goes
     * into a subfolder or leaves a folder (whose descriptor and names it then frees). */
    void (*settle)(struct walker *w);
    bool wants_ids; /* file uses id */
};

/* Whether readdir's inode numbers in the folder open at dfd are the files' own, as fstat
 * would give them, on the device *dev: on the local file systems listed, for regular files,
 * they are. (Not on every one: overlayfs, for one, may give another number; and a read
 * shorter than asked is a file's end there, which az_source_read_whole counts on.) A file
 * bind-mounted over an entry is the exception: it would be known by the number of the file
 * under it. */
static bool folder_ids(int dfd, dev_t *dev)
{
#if defined(__linux__)
    struct statfs sf;
    struct stat st;
    if (fstatfs(dfd, &sf) != 0 || fstat(dfd, &st) != 0)
        return false;
    *dev = st.st_dev;
    switch ((unsigned long)sf.f_type) {
    case EXT4_SUPER_MAGIC: /* also ext2, ext3 */
    case XFS_SUPER_MAGIC:
    case BTRFS_SUPER_MAGIC:
    case TMPFS_MAGIC:
        return true;
    default:
        return false;
    }
#else
    (void)dfd;
    (void)dev;
    return false;
#endif
}

/* Walks the folder dir: its entries in bytewise order, each opened relative to the folder
 * (no path is looked up again from the start), their type from readdir (a system call only
 * for symbolic links and file systems that do not say). */
static void walk(struct walker *w, const char *dir, unsigned depth)
{
    if (depth > MAX_WALK_DEPTH) {
        w->problem(w, P_DEEP, dir, 0);
        return;
    }
    DIR *d = opendir(dir);
    if (!d && errno == EMFILE && w->give_back && w->give_back(w))
        d = opendir(dir);
    if (!d) {
        w->problem(w, P_OPEN, dir, errno);
        return;
    }
    struct entry *v = NULL;
    char *pool = NULL;
    size_t longest = 0;
    ptrdiff_t n = read_entries(d, &v, &pool, &longest);
    /* Each entry's path: dir/name ("." adds nothing, so `authzc lint .` reports main.tf,
     * not ./main.tf), made in one buffer; lint_file copies what it keeps. */
    size_t dlen = strcmp(dir, ".") == 0 ? 0 : strlen(dir);
    char *path = n >= 0 ? malloc(dlen + longest + 2) : NULL;
    if (!path) {
        w->problem(w, P_MEMORY, dir, 0);
        n = 0;
    } else {
        memcpy(path, dir, dlen);
        if (dlen && dir[dlen - 1] != '/')
            path[dlen++] = '/';
    }
    /* readdir's inode numbers, where they can be trusted and are worth the two system calls
     * that tell (a folder of a few files) */
    struct walk_id id = {0};
    ptrdiff_t regular = 0;
    for (ptrdiff_t i = 0; w->wants_ids && i < n && regular < 3; i++)
        regular += v[i].type == DT_REG;
    bool ids = regular >= 3 && folder_ids(dirfd(d), &id.dev);
    for (ptrdiff_t i = 0; i < n; i++) {
        strcpy(path + dlen, v[i].name);
        switch (az_lint_walk_entry(dirfd(d), v[i].name, v[i].type)) {
        case AZ_LENTRY_FOLDER:
            if (w->settle)
                w->settle(w);
            walk(w, path, depth + 1);
            break;
        case AZ_LENTRY_FILE: {
            enum kind k = kind_of(path);
            id.ino = v[i].ino;
            if (k == K_JSON || k == K_HCL || k == K_SH)
                w->file(w, dirfd(d), v[i].name, path, k,
                        ids && v[i].type == DT_REG ? &id : NULL);
            break;
        }
        case AZ_LENTRY_SKIP:
        default:
            break;
        }
    }
    if (w->settle)
        w->settle(w);
    free(path);
    free(v);
    free(pool);
    closedir(d);
}

/* ---- the walk, alone or with read-ahead -------------------------------------------------- */

struct lone_walker {
    struct walker w; /* first: the callbacks get &w */
    struct run *r;
};

static void lone_file(struct walker *w, int dfd, const char *name, const char *path, enum kind k,
                      const struct walk_id *id)
{
    (void)id;
    lint_file(((struct lone_walker *)(void *)w)->r, dfd, name, path, k, false);
}

static void lone_problem(struct walker *w, enum problem what, const char *dir, int err)
{
    walk_problem(((struct lone_walker *)(void *)w)->r->ctx, what, dir, err);
}

/* Walks dir and lints its files in the same thread. */
static void lint_walk(struct run *r, const char *dir)
{
    struct lone_walker lw = {{lone_file, lone_problem, NULL, NULL, false}, r};
    walk(&lw.w, dir, 0);
}

/* The read-ahead: a second thread walks the folder and opens, reads and closes its files,
 * in the walk's order, while the first lints the ones read before; the system calls of a
 * run over many small files then cost no time of their own. The walk queues each file it
 * meets (pending) and reads the queue's files in order, AHEAD_LAG behind; the first thread,
 * whenever the next file is not read yet, reads a pending one itself rather than wait, so
 * the reading is shared as each thread has time. At most AHEAD_FILES files (and
 * AHEAD_BYTES bytes, or one file) are queued. Neither thread reports anything while it
 * reads: the first takes each file (or problem) in turn and does with it what a walk alone
 * does (lint_opened, walk_problem), so the findings, the messages and their order are the
 * same. The bytes go to an arena of the second thread's, kept as long as the run's (the
 * sources point into it), or to the run's arena when the first thread read them. */
enum {
    AHEAD_FILES = 128,
    AHEAD_BATCH = AHEAD_FILES / 4,
    AHEAD_BYTES = 16 * 1024 * 1024,
    AHEAD_CLOSE = 32,
    AHEAD_LAG = 16
};

/* A queued item's state: a file is pending until one thread claims it (compare and swap)
 * and reads it; a problem or the end is ready when queued. */
enum { S_PENDING, S_READING, S_READY };

struct ahead_item {
    enum { AI_FILE, AI_PROBLEM, AI_END } type;
    enum problem what;
    int err;
    enum kind k;
    char *path; /* malloc */
    /* AI_FILE, until read: the folder open at dfd holds it as name (both live until the
     * walk settles, which waits for the files queued to be read), and its identity when
     * readdir said it (has_id) */
    int dfd;
    const char *name;
    bool has_id;
    struct walk_id id;
    struct opened o;
};

struct ahead {
    struct walker w; /* first: the callbacks get &w */
    const char *dir;
    struct az_arena *texts; /* the second thread's, while it runs */
    size_t max_input;
    /* A ring of one writer and one reader: the second thread fills ring[put % AHEAD_FILES]
     * and then counts it in put; the first takes ring[took % AHEAD_FILES] and then counts it
     * in took. Neither takes a lock unless it has to wait (the ring empty or full): then it
     * says so (*_waits) and sleeps on a condition the other signals. A lock or a signal per
     * file would be a system call per file, what the read-ahead is there to save. */
    _Atomic size_t put, took, bytes; /* bytes: of the files read, not yet taken */
    atomic_bool taker_waits, putter_waits, done;
    pthread_mutex_t mu;
    pthread_cond_t more, room;
    struct ahead_item ring[AHEAD_FILES];
    atomic_int state[AHEAD_FILES];
    /* The first thread is reading a pending file (so the second waits before it closes
     * the folder it is in); steals: it may (the limit of open files is not low). */
    atomic_bool stealing;
    bool steals;
    /* (second thread) The next queued item to read: put - next <= AHEAD_LAG + 1, so an
     * item is read (or passed over) before its place in the ring can be taken again. */
    size_t next;
    /* (second thread) The files read and not yet closed: closed AHEAD_CLOSE at a time, a
     * system call for each run of consecutive descriptors (close_range, Linux 5.9). */
    int held[AHEAD_CLOSE];
    unsigned nheld;
    bool one_by_one; /* close_range is not there */
};

/* (second thread) Closes the files held. The descriptors are the second thread's own, open
 * until now: no other thread can have one of their numbers, so a run of consecutive held
 * numbers is closed at once. */
static void ahead_close_held(struct ahead *ah)
{
    int *v = ah->held;
    unsigned n = ah->nheld;
    for (unsigned i = 1; i < n; i++) { /* insertion sort: they come mostly in order */
        int fd = v[i];
        unsigned j = i;
        for (; j > 0 && v[j - 1] > fd; j--)
            v[j] = v[j - 1];
        v[j] = fd;
    }
    for (unsigned i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && v[j] == v[j - 1] + 1; j++)
            ;
#if defined(__linux__) && defined(SYS_close_range)
        if (j - i > 1 && !ah->one_by_one) {
            if (syscall(SYS_close_range, (unsigned)v[i], (unsigned)v[j - 1], 0u) == 0)
                continue;
            ah->one_by_one = true; /* (ENOSYS: a kernel before 5.9) */
        }
#endif
        for (unsigned k = i; k < j; k++)
            close(v[k]);
    }
    ah->nheld = 0;
}

/* (second thread) Keeps fd, a file read, to be closed with others. */
static void ahead_hold(struct ahead *ah, int fd)
{
    ah->held[ah->nheld++] = fd;
    if (ah->nheld == AHEAD_CLOSE)
        ahead_close_held(ah);
}

static char *dup_path(const char *path)
{
    size_t n = strlen(path) + 1;
    char *d = malloc(n);
    if (!d)
        az_oom();
    return memcpy(d, path, n);
}

/* Opens and reads the pending file of it into the arena a (max: the input limit), filling
 * it->o as open_file and a read do. Returns its descriptor, still open, for the caller to
 * close; -1 when it is not open (it->o says why); -2 when opening failed for want of
 * descriptors (EMFILE). A file readdir identified is opened and read with two system calls,
 * not four (no fstat), unless it is empty, large or cannot be read. */
static int read_item(struct ahead_item *it, struct az_arena *a, size_t max)
{
    struct opened *o = &it->o;
    if (it->has_id) {
        o->fd = openat(it->dfd, it->name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        o->open_errno = errno;
        if (o->fd >= 0 && az_source_read_whole(a, o->fd, max, &o->bytes)) {
            o->known = o->read = true;
            o->st.st_mode = S_IFREG;
            o->st.st_dev = it->id.dev;
            o->st.st_ino = it->id.ino;
            int fd = o->fd;
            o->fd = -1;
            return fd;
        }
        identify(it->dfd, it->name, false, o);
    } else {
        open_file(it->dfd, it->name, false, o);
    }
    if (o->fd < 0)
        return o->open_errno == EMFILE ? -2 : -1;
    az_source_read_fd(a, o->fd, size_of(o), max, &o->bytes);
    o->read = true;
    int fd = o->fd;
    o->fd = -1;
    return fd;
}

/* Whether the second thread must wait before it puts another item. */
static bool ahead_full(struct ahead *ah)
{
    size_t n = atomic_load(&ah->put) - atomic_load(&ah->took);
    return n == AHEAD_FILES || (n > 0 && atomic_load(&ah->bytes) >= AHEAD_BYTES);
}

static bool ahead_has_room(struct ahead *ah)
{
    return !ahead_full(ah);
}

/* Whether the first thread, once it waits, goes on: when a batch of files is queued (a
 * wait per file would be a system call per file), the walk is over, or the second thread
 * waits itself. */
static bool ahead_has_batch(struct ahead *ah)
{
    size_t n = atomic_load(&ah->put) - atomic_load(&ah->took);
    return n >= AHEAD_BATCH || atomic_load(&ah->done) || (n > 0 && atomic_load(&ah->putter_waits));
}

static void ahead_wake(struct ahead *ah, pthread_cond_t *cond)
{
    pthread_mutex_lock(&ah->mu);
    pthread_cond_signal(cond);
    pthread_mutex_unlock(&ah->mu);
}

/* Wakes the first thread if it waits and now may go on. */
static void ahead_wake_taker(struct ahead *ah)
{
    if (atomic_load(&ah->taker_waits) && ahead_has_batch(ah))
        ahead_wake(ah, &ah->more);
}

/* Sleeps on cond until ready(ah), having said so in *waits. The other side changes what
 * ready reads before it reads *waits, and this side sets *waits before it reads them (all
 * sequentially consistent): so either ready sees the change or the other side sees *waits,
 * and then signals under the lock, which this side holds until it sleeps. What ready reads
 * only ever changes its way while this side sleeps. */
static void ahead_wait(struct ahead *ah, pthread_cond_t *cond, atomic_bool *waits,
                       bool (*ready)(struct ahead *))
{
    pthread_mutex_lock(&ah->mu);
    atomic_store(waits, true);
    if (waits == &ah->putter_waits && atomic_load(&ah->taker_waits))
        pthread_cond_signal(&ah->more); /* a batch or not, the first thread must go on */
    while (!ready(ah))
        pthread_cond_wait(cond, &ah->mu);
    atomic_store(waits, false);
    pthread_mutex_unlock(&ah->mu);
}

/* A moment's wait for the other thread, which is busy with a file: a few spins, then the
 * processor is offered to others (the other thread may be waiting for it). */
static void ahead_pause(unsigned *spins)
{
    if (++*spins < 64) {
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
        __builtin_ia32_pause();
#endif
        return;
    }
    *spins = 0;
    sched_yield();
}

/* (second thread) Reads the next queued item when it is still pending (the first thread may
 * have claimed it). */
static void ahead_read_next(struct ahead *ah)
{
    size_t i = ah->next++ % AHEAD_FILES;
    int pending = S_PENDING;
    if (!atomic_compare_exchange_strong(&ah->state[i], &pending, S_READING))
        return;
    struct ahead_item *it = &ah->ring[i];
    int fd = read_item(it, ah->texts, ah->max_input);
    if (fd == -2 && ah->nheld) {
        ahead_close_held(ah); /* the descriptors held took the last ones: try again */
        fd = read_item(it, ah->texts, ah->max_input);
    }
    if (fd >= 0)
        ahead_hold(ah, fd);
    atomic_fetch_add(&ah->bytes, it->o.bytes.len);
    atomic_store(&ah->state[i], S_READY);
}

/* (second thread) Reads every file queued, and waits until the first thread has read the one
 * it may be reading: their folders' descriptors and names may then go. */
static void ahead_settle(struct walker *w)
{
    struct ahead *ah = (struct ahead *)(void *)w;
    while (ah->next != atomic_load(&ah->put))
        ahead_read_next(ah);
    for (unsigned spins = 0; atomic_load(&ah->stealing);)
        ahead_pause(&spins);
}

/* (second thread) Queues it (in state st), waiting while the ring is full. */
static void ahead_put(struct ahead *ah, const struct ahead_item *it, int st)
{
    if (ahead_full(ah)) {
        while (ah->next != atomic_load(&ah->put)) /* read what is queued meanwhile */
            ahead_read_next(ah);
        if (ahead_full(ah)) {
            ahead_close_held(ah); /* (nothing is held while it waits) */
            ahead_wait(ah, &ah->room, &ah->putter_waits, ahead_has_room);
        }
    }
    size_t put = atomic_load(&ah->put);
    ah->ring[put % AHEAD_FILES] = *it;
    atomic_store(&ah->state[put % AHEAD_FILES], st);
    atomic_store(&ah->put, put + 1);
    if (st == S_READY)
        ah->next = put + 1; /* nothing to read: the reading is level with the queue */
    if (it->type == AI_END)
        atomic_store(&ah->done, true);
    ahead_wake_taker(ah);
}

/* (first thread) Reads the queued item at (took or after), when it is still pending.
 * Returns whether it did. Only a file the second thread has not claimed is read, and the
 * second thread settles only once this one is no longer reading. */
static bool ahead_steal(struct ahead *ah, struct run *r, size_t at)
{
    size_t i = at % AHEAD_FILES;
    int pending = S_PENDING;
    if (atomic_load(&ah->state[i]) != S_PENDING)
        return false;
    atomic_store(&ah->stealing, true);
    bool won = atomic_compare_exchange_strong(&ah->state[i], &pending, S_READING);
    if (won) {
        struct ahead_item *it = &ah->ring[i];
        /* (EMFILE is reported as a walk alone reports it: steals are made only when the
         * limit of open files is high, see walk_ahead) */
        int fd = read_item(it, r->ctx->arena, r->ctx->max_input);
        if (fd >= 0)
            close(fd);
        atomic_fetch_add(&ah->bytes, it->o.bytes.len);
        atomic_store(&ah->state[i], S_READY);
    }
    atomic_store(&ah->stealing, false);
    return won;
}

/* (first thread) Takes the next item into *it, waiting for it. While it is being read, a
 * later pending file is read here (the last queued: the second thread reads from the
 * first). The second thread, once it waits, is woken when half the ring is free (or all of
 * it), to read on for a while. */
static void ahead_take(struct ahead *ah, struct run *r, struct ahead_item *it)
{
    if (atomic_load(&ah->put) == atomic_load(&ah->took))
        ahead_wait(ah, &ah->more, &ah->taker_waits, ahead_has_batch);
    size_t took = atomic_load(&ah->took), i = took % AHEAD_FILES;
    for (unsigned spins = 0; atomic_load(&ah->state[i]) != S_READY;) {
        if (ah->steals && ahead_steal(ah, r, took))
            break;
        bool stole = false;
        for (size_t j = atomic_load(&ah->put); ah->steals && !stole && --j > took;)
            stole = ahead_steal(ah, r, j);
        if (!stole)
            ahead_pause(&spins);
    }
    *it = ah->ring[i];
    atomic_fetch_sub(&ah->bytes, it->o.bytes.len);
    atomic_store(&ah->took, took + 1);
    size_t n = atomic_load(&ah->put) - (took + 1);
    if (atomic_load(&ah->putter_waits) &&
        (n == 0 || (n <= AHEAD_FILES / 2 && atomic_load(&ah->bytes) <= AHEAD_BYTES / 2)))
        ahead_wake(ah, &ah->room);
}

static void ahead_file(struct walker *w, int dfd, const char *name, const char *path, enum kind k,
                       const struct walk_id *id)
{
    struct ahead *ah = (struct ahead *)(void *)w;
    struct ahead_item it = {.type = AI_FILE, .k = k, .path = dup_path(path), .dfd = dfd,
                            .name = name, .has_id = id != NULL};
    if (id)
        it.id = *id;
    ahead_put(ah, &it, S_PENDING);
    while (atomic_load(&ah->put) - ah->next > AHEAD_LAG)
        ahead_read_next(ah);
}

static bool ahead_give_back(struct walker *w)
{
    struct ahead *ah = (struct ahead *)(void *)w;
    bool any = ah->nheld > 0;
    ahead_close_held(ah);
    return any;
}

static void ahead_problem(struct walker *w, enum problem what, const char *dir, int err)
{
    struct ahead *ah = (struct ahead *)(void *)w;
    ahead_settle(w); /* (in the walk's order) */
    struct ahead_item it = {.type = AI_PROBLEM, .what = what, .err = err, .path = dup_path(dir)};
    ahead_put(ah, &it, S_READY);
}

static void *ahead_main(void *arg)
{
    struct ahead *ah = arg;
    walk(&ah->w, ah->dir, 0);
    ahead_settle(&ah->w);
    ahead_close_held(ah);
    struct ahead_item end = {.type = AI_END};
    ahead_put(ah, &end, S_READY);
    return NULL;
}

/* Walks dir with the read-ahead (alone when no thread can be started). The first thread
 * reads files too only when the limit of open files leaves room for its own beside the
 * second thread's (held, and its folders'); under a low limit (a test's `ulimit -n 16`) it
 * waits, and the second thread alone gives back what it holds when opening fails. */
static void walk_ahead(struct run *r, const char *dir)
{
    struct ahead *ah = calloc(1, sizeof *ah);
    if (!ah)
        az_oom();
    if (!*r->texts)
        *r->texts = az_arena_new();
    ah->w = (struct walker){ahead_file, ahead_problem, ahead_give_back, ahead_settle, true};
    ah->dir = dir;
    ah->texts = *r->texts;
    ah->max_input = r->ctx->max_input;
    struct rlimit files;
    ah->steals = getrlimit(RLIMIT_NOFILE, &files) == 0 &&
                 (files.rlim_cur == RLIM_INFINITY || files.rlim_cur >= 512);
    atomic_init(&ah->put, 0);
    atomic_init(&ah->took, 0);
    atomic_init(&ah->bytes, 0);
    atomic_init(&ah->taker_waits, false);
    atomic_init(&ah->putter_waits, false);
    atomic_init(&ah->done, false);
    atomic_init(&ah->stealing, false);
    for (size_t i = 0; i < AHEAD_FILES; i++)
        atomic_init(&ah->state[i], S_READY);
    pthread_t tid;
    bool sync = pthread_mutex_init(&ah->mu, NULL) == 0;
    bool more = sync && pthread_cond_init(&ah->more, NULL) == 0;
    bool room = more && pthread_cond_init(&ah->room, NULL) == 0;
    if (room && pthread_create(&tid, NULL, ahead_main, ah) == 0) {
        for (;;) {
            struct ahead_item it;
            ahead_take(ah, r, &it);
            if (it.type == AI_END)
                break;
            if (it.type == AI_FILE)
                lint_opened(r, &it.o, it.path, it.k);
            else
                walk_problem(r->ctx, it.what, it.path, it.err);
            free(it.path);
        }
        pthread_join(tid, NULL);
    } else {
        lint_walk(r, dir);
    }
    if (room)
        pthread_cond_destroy(&ah->room);
    if (more)
        pthread_cond_destroy(&ah->more);
    if (sync)
        pthread_mutex_destroy(&ah->mu);
    free(ah);
}

/* JSON files that scripts pass with --file: linted as extra files when they exist. */
static void lint_refs(struct run *r)
{
    for (struct az_lfile *f = r->files; f; f = f->next) {
        for (const struct az_lref *ref = f->refs; ref; ref = ref->next) {
            const char *name = f->src->name, *slash = strrchr(name, '/');
            const char *path = ref->path;
            if (path[0] != '/' && slash)
                path =
                    az_arena_printf(r->ctx->arena, "%.*s%s", (int)(slash - name + 1), name, path);
            /* (Only a regular file: one that is missing or anything else is passed over.) */
            struct az_lfile *g = lint_file(r, AT_FDCWD, path, path, K_JSON, false);
            if (g && g != f && !g->referrer)
                g->referrer = f; /* its deployment unit is the script's */
        }
    }
}

/* ---- the intent ------------------------------------------------------------------------- */

/* Loads, parses and checks the intent. Returns the plan, or NULL when the intent has errors
 * (they are reported; drift against a broken intent would only add noise). */
static const struct az_plan *load_intent(struct az_ctx *ctx, const struct az_lint_opts *o,
                                         struct az_plan *plan)
{
    struct az_intent in;
    az_ast_intent_init(&in);
    bool ok = true;
    for (size_t i = 0; i < o->nintents; i++) {
        const char *path = o->intents[i];
        const struct az_source *src = az_source_load(ctx, path);
        if (!src) {
            ok = false;
            continue;
        }
        size_t n = strlen(path); /* .yaml or .yml in any case */
        bool yaml = (n >= 5 && strcasecmp(path + n - 5, ".yaml") == 0) ||
                    (n >= 4 && strcasecmp(path + n - 4, ".yml") == 0);
        if ((yaml ? az_parse_yaml(ctx, src, &in) : az_parse_dsl(ctx, src, &in)) != 0)
            ok = false;
    }
    if (!ok)
        return NULL;
    return az_check(ctx, &in, NULL, plan) == 0 ? plan : NULL;
}

/* ---- suppressions ----------------------------------------------------------------------- */

struct ids {
    bool on[AZ_D_COUNT];
    bool any;
};

static bool id_shaped(const char *s, size_t n)
{
    if (n < 3 || (s[0] != 'A' && s[0] != 'a') || (s[1] != 'Z' && s[1] != 'z'))
        return false;
    for (size_t i = 2; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Every comma-separated piece of the token [s, s+n) is shaped like an ID. */
static bool ids_token(const char *s, size_t n)
{
    size_t i = 0;
    bool any = false;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ',')
            j++;
        if (j > i) {
            if (!id_shaped(s + i, j - i))
                return false;
            any = true;
        }
        i = j + 1;
    }
    return any;
}

/* Where a suppression's problems are reported: the ignore-file line's token, or the
 * comment. */
struct spot {
    struct az_loc base;
    bool precise; /* base.col is the column of text[0] */
};

static struct az_loc spot_at(const struct spot *sp, size_t off, size_t len)
{
    struct az_loc l = sp->base;
    if (sp->precise) {
        l.col += (uint32_t)off;
        l.len = (uint32_t)(len ? len : 1);
    }
    return l;
}

/* Parses "ID[,ID...] [ID...] reason..." (the first token is always IDs; later tokens are
 * while they look like AZnnn or follow a trailing comma). Reports AZ808 for unknown IDs, no
 * ID or no reason. Returns whether the suppression is valid (then *ids holds its IDs). */
static bool parse_suppression(struct az_ctx *ctx, const char *text, const struct spot *sp,
                              const char *form, struct ids *ids)
{
    memset(ids, 0, sizeof *ids);
    const char *s = text;
    bool ok = true, first = true, cont = false, named = false;
    for (;;) {
        while (*s == ' ' || *s == '\t')
            s++;
        size_t n = strcspn(s, " \t");
        if (n == 0)
            break;
        if (!first && !cont && !ids_token(s, n))
            break;
        first = false;
        cont = s[n - 1] == ',';
        size_t i = 0;
        while (i < n) {
            size_t j = i;
            while (j < n && s[j] != ',')
                j++;
            if (j > i) {
                named = true;
                char *id = az_arena_strndup(ctx->arena, s + i, j - i);
                const struct az_diag_info *d = az_diag_find(id);
                struct az_loc at = spot_at(sp, (size_t)(s + i - text), j - i);
                if (!d) {
                    const char *best = az_diag_suggest(id);
                    if (best)
                        az_diag_report(ctx, AZ_D_LINT_SUPPRESSION, at,
                                       "unknown diagnostic '%s' in %s; did you mean '%s'?", id,
                                       form, best);
                    else
                        az_diag_report(ctx, AZ_D_LINT_SUPPRESSION, at,
                                       "unknown diagnostic '%s' in %s ('authzc explain --list' "
                                       "lists them)",
                                       id, form);
                    ok = false;
                } else if (d->diag == AZ_D_LINT_SUPPRESSION) {
                    az_diag_report(ctx, AZ_D_LINT_SUPPRESSION, at,
                                   "%s (a bad suppression) cannot be suppressed; fix the "
                                   "suppression instead",
                                   d->id);
                } else {
                    ids->on[d->diag] = true;
                    ids->any = true;
                }
            }
            i = j + 1;
        }
        s += n;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    size_t rn = strlen(s);
    while (rn && (s[rn - 1] == ' ' || s[rn - 1] == '\t' || s[rn - 1] == '\r'))
        rn--;
    if (!named) {
        az_diag_report(ctx, AZ_D_LINT_SUPPRESSION, spot_at(sp, 0, strlen(text)),
                       "%s names no diagnostic ID; write the IDs, then why: %s", form,
                       sp->precise ? "'PATH-GLOB AZ302 reason'" : "'# authzc:ignore AZ302 reason'");
        return false;
    }
    if (rn == 0) {
        size_t lead = strspn(text, " \t");
        az_diag_report(ctx, AZ_D_LINT_SUPPRESSION, spot_at(sp, lead, (size_t)(s - text) - lead),
                       "%s has no reason; say after the IDs why the finding does not apply", form);
        return false;
    }
    return ok && ids->any;
}

/* One valid suppression comment: its IDs and the lines it covers. */
struct span {
    struct az_lsuppress *s;
    struct ids ids;
    uint32_t lo, hi;
};

/* One linted file's suppressions (findings are matched by their file's name, so the JSON
 * bodies a front end lints on a sub-source of the same file count too). */
struct fsupp {
    struct ids whole; /* the ignore file's IDs for this file */
    struct span *spans;
    size_t nspans;
};

/* Lines [first, last] of one policy: the lines of every place recorded for it. */
struct pspan {
    uint32_t first, last;
};

static void widen(struct pspan *ps, const char *name, struct az_loc place)
{
    struct az_loc l = az_loc_resolve(place); /* a body's lines are its script's */
    if (!l.src || l.line == 0 || strcmp(l.src->name, name) != 0)
        return;
    if (l.line < ps->first)
        ps->first = l.line;
    if (l.line > ps->last)
        ps->last = l.line;
}

static void widen_attrs(struct pspan *ps, const char *name, const struct az_lattr *a)
{
    for (; a; a = a->next) {
        widen(ps, name, a->loc);
        widen(ps, name, a->name.loc);
        widen(ps, name, a->op.loc);
        widen(ps, name, a->value.loc);
    }
}

static int cmp_pspan(const void *a, const void *b)
{
    const struct pspan *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* The last line of the policies that start on line (0 when none does). */
static uint32_t last_of_policy_at(const struct pspan *v, size_t n, uint32_t line)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].first < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t last = 0;
    for (; lo < n && v[lo].first == line; lo++)
        if (v[lo].last > last)
            last = v[lo].last;
    return last;
}

/* A comment covers its own line and the next; when a policy (a Terraform resource, an
 * ibmcloud command) starts on either, every line of that policy. */
static void comment_spans(struct az_ctx *ctx, const struct az_lfile *f, struct fsupp *fs)
{
    const char *name = f->src->name;
    size_t np = 0, ns = 0;
    for (const struct az_lpolicy *p = f->policies; p; p = p->next)
        np++;
    for (const struct az_lsuppress *s = f->suppress; s; s = s->next)
        ns++;
    struct pspan *ps = calloc(np ? np : 1, sizeof *ps);
    if (!ps)
        az_oom();
    size_t k = 0;
    for (const struct az_lpolicy *p = f->policies; p; p = p->next) {
        struct az_loc at = az_loc_resolve(p->loc);
        if (!at.src || strcmp(at.src->name, name) != 0)
            continue;
        struct pspan *x = &ps[k++];
        x->first = x->last = at.line;
        widen(x, name, p->type.loc);
        widen(x, name, p->description.loc);
        widen_attrs(x, name, p->subject);
        widen_attrs(x, name, p->resource);
        for (const struct az_lrole *r = p->roles; r; r = r->next)
            widen(x, name, r->role.loc);
        widen(x, name, p->roles_loc);
        widen(x, name, p->tmpl_name.loc);
        widen(x, name, p->tmpl_account.loc);
        x->first = at.line; /* the policy starts where it is declared */
    }
    qsort(ps, k, sizeof *ps, cmp_pspan);
    fs->spans = az_arena_alloc(ctx->arena, (ns ? ns : 1) * sizeof *fs->spans);
    fs->nspans = 0;
    for (struct az_lsuppress *s = f->suppress; s; s = s->next) {
        struct span *sp = &fs->spans[fs->nspans];
        const char *text =
            az_arena_printf(ctx->arena, "%s %s", s->ids ? s->ids : "", s->reason ? s->reason : "");
        struct spot at = {s->loc, false};
        if (!at.base.src)
            at.base = (struct az_loc){f->src, s->line, 1, 1};
        if (!parse_suppression(ctx, text, &at, "authzc:ignore", &sp->ids))
            continue;
        sp->s = s;
        sp->lo = s->line;
        sp->hi = s->line + 1;
        for (uint32_t l = s->line; l <= s->line + 1; l++) {
            uint32_t last = last_of_policy_at(ps, k, l);
            if (last > sp->hi)
                sp->hi = last;
        }
        fs->nspans++;
    }
    free(ps);
}

/* ---- ignore files ---------------------------------------------------------------------- */

/* One line of an ignore file: the files its glob matches (relative to the ignore file's
 * folder) drop these IDs. */
struct ignore_rule {
    const char *glob;
    struct ids ids;
    struct ignore_rule *next;
};

/* A folder looked at for an ignore file, found like git finds .gitignore: the linted file's
 * folder, then its parents up to the repository root (the folder holding .git) or /. */
struct ignore_dir {
    const char *real;          /* its real path; NULL when it cannot be resolved */
    struct ignore_rule *rules; /* its .authzc-ignore's valid lines */
    const char *parent;        /* the parent as a path to show, NULL at the root */
    /* whether it or a folder above it (up to the root) has rules: 0 not known yet, 1 no,
     * 2 yes (a run over thousands of files in a folder without one looks no further) */
    unsigned char any_rules;
};

/* Reads an ignore file's lines 'PATH-GLOB ID[,ID...] reason'; bad ones are reported (AZ808)
 * and dropped. */
static struct ignore_rule *read_ignore_file(struct az_ctx *ctx, const char *path)
{
    const struct az_source *src = az_source_load(ctx, path);
    struct ignore_rule *rules = NULL, **tail = &rules;
    for (uint32_t ln = 1; src && ln <= src->nlines; ln++) {
        size_t len;
        const char *line = az_source_line(src, ln, &len);
        if (!line)
            continue;
        char *text = az_arena_strndup(ctx->arena, line, len);
        size_t lead = strspn(text, " \t");
        if (text[lead] == '\0' || text[lead] == '#')
            continue;
        size_t glen = strcspn(text + lead, " \t");
        const char *glob = az_arena_strndup(ctx->arena, text + lead, glen);
        const char *rest = text + lead + glen;
        struct spot sp = {{src, ln, (uint32_t)(rest - text) + 1, 1}, true};
        struct ignore_rule *r = az_arena_alloc(ctx->arena, sizeof *r);
        if (!parse_suppression(ctx, rest, &sp, "this ignore-file line", &r->ids))
            continue;
        while (strncmp(glob, "./", 2) == 0)
            glob += 2;
        if (glob[0] == '/') /* anchored at the ignore file's folder, as in .gitignore */
            glob++;
        r->glob = glob;
        *tail = r;
        tail = &r->next;
    }
    return rules;
}

/* A path without its leading "./" parts. */
static const char *tidy(const char *path)
{
    while (strncmp(path, "./", 2) == 0)
        path += 2;
    return path;
}

/* The folder of a path as a path to show ("." for a bare name). */
static const char *dir_of(struct az_arena *a, const char *path)
{
    path = tidy(path);
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    return slash == path ? "/" : az_arena_strndup(a, path, (size_t)(slash - path));
}

static const char *parent_of(struct az_arena *a, const char *dir)
{
    if (strcmp(dir, ".") == 0)
        return "..";
    const char *slash = strrchr(dir, '/');
    if (strcmp(slash ? slash + 1 : dir, "..") == 0)
        return az_arena_concat(a, dir, "/..", (char *)NULL);
    if (!slash)
        return ".";
    return slash == dir ? "/" : az_arena_strndup(a, dir, (size_t)(slash - dir));
}

static bool exists(const char *path, bool regular)
{
    struct stat st;
    return stat(path, &st) == 0 && (!regular || S_ISREG(st.st_mode));
}

/* The folder dir (cached by its shown path): its real path, ignore file and parent. */
static struct ignore_dir *ignore_dir(struct az_ctx *ctx, struct az_strmap *dirs, const char *dir)
{
    void **slot = az_strmap_slot(dirs, dir);
    if (*slot)
        return *slot;
    struct ignore_dir *d = az_arena_alloc(ctx->arena, sizeof *d);
    *slot = d;
    char *real = realpath(dir, NULL);
    if (!real)
        return d; /* not a folder we can resolve: look no further */
    d->real = az_arena_strdup(ctx->arena, real);
    free(real);
    const char *sep = strcmp(dir, "/") == 0 ? "" : "/";
    const char *file = az_arena_concat(ctx->arena, dir, sep, ".authzc-ignore", (char *)NULL);
    if (exists(file, true))
        d->rules = read_ignore_file(ctx, strcmp(dir, ".") == 0 ? ".authzc-ignore" : file);
    bool root = strcmp(d->real, "/") == 0 ||
                exists(az_arena_concat(ctx->arena, dir, sep, ".git", (char *)NULL), false);
    d->parent = root ? NULL : parent_of(ctx->arena, dir);
    return d;
}

/* Whether d or a folder above it, as load_ignore_files climbs, has rules (cached in d). */
static bool own_rules(struct az_ctx *ctx, struct az_strmap *dirs, struct ignore_dir *d)
{
    if (!d->any_rules) {
        bool any = d->rules || (d->real && d->parent &&
                                own_rules(ctx, dirs, ignore_dir(ctx, dirs, d->parent)));
        d->any_rules = any ? 2 : 1;
    }
    return d->any_rules == 2;
}

/* The file's path relative to the folder whose real path is real, or NULL when the file is
 * not inside it. */
static const char *relative_to(const char *file_real, const char *real)
{
    if (strcmp(real, "/") == 0)
        return file_real + 1;
    size_t n = strlen(real);
    return strncmp(file_real, real, n) == 0 && file_real[n] == '/' ? file_real + n + 1 : NULL;
}

/* A file's suppressions in by_name, made when it has its first one. */
static struct fsupp *fsupp_of(struct az_ctx *ctx, struct az_strmap *by_name, const char *name)
{
    void **slot = az_strmap_slot(by_name, name);
    if (!*slot)
        *slot = az_arena_alloc(ctx->arena, sizeof(struct fsupp));
    return *slot;
}

static void apply_rules(struct az_ctx *ctx, const struct ignore_rule *r, const char *rel,
                        struct az_strmap *by_name, const char *name)
{
    for (; r; r = r->next) {
        if (fnmatch(r->glob, rel, 0) != 0)
            continue;
        struct fsupp *fs = fsupp_of(ctx, by_name, name);
        for (size_t i = 0; i < AZ_D_COUNT; i++)
            fs->whole.on[i] |= r->ids.on[i];
        fs->whole.any = true;
    }
}

/* Applies the ignore files to every linted file: --ignore-file FILE alone when given (its
 * globs relative to FILE's folder, or to the path as given for files outside it), else every
 * .authzc-ignore from the file's folder up to the repository root. */
static void load_ignore_files(struct az_ctx *ctx, const char *only, const struct az_lfile *files,
                              struct az_strmap *by_name)
{
    struct az_strmap dirs = {0};
    struct ignore_rule *only_rules = only ? read_ignore_file(ctx, only) : NULL;
    const struct ignore_dir *only_dir = only ? ignore_dir(ctx, &dirs, dir_of(ctx->arena, only))
                                             : NULL;
    /* Each file's folder and real path are needed only here: a scratch arena, so that a
     * run over many files does not keep two paths per file. */
    struct az_arena *tmp = az_arena_new();
    for (const struct az_lfile *f = files; f; f = f->next) {
        const char *name = f->src->name;
        if (strcmp(name, "<stdin>") == 0)
            continue;
        const char *dir = dir_of(tmp, name);
        if (!az_strmap_get(&dirs, dir)) /* a new folder: the map keeps it as its key */
            dir = dir_of(ctx->arena, name);
        struct ignore_dir *own = ignore_dir(ctx, &dirs, dir);
        if (!only && !own_rules(ctx, &dirs, own))
            continue;
        const char *real =
            own->real ? az_arena_concat(tmp, own->real, "/", base_name(name), (char *)NULL) : NULL;
        if (only) {
            const char *rel = real && only_dir->real ? relative_to(real, only_dir->real) : NULL;
            apply_rules(ctx, only_rules, rel ? rel : tidy(name), by_name, name);
            continue;
        }
        for (; dir && real;) {
            const struct ignore_dir *d = ignore_dir(ctx, &dirs, dir);
            const char *rel = d->real ? relative_to(real, d->real) : NULL;
            if (rel)
                apply_rules(ctx, d->rules, rel, by_name, name);
            dir = d->real ? d->parent : NULL;
        }
    }
    az_arena_free(tmp);
    az_strmap_free(&dirs);
}

/* The report's filter (az_diag_set_filter): whether a suppression covers d. */
static bool dropped(void *arg, const struct az_diag *d)
{
    const struct az_strmap *by_name = arg;
    struct az_loc at = az_loc_resolve(d->loc); /* a body's findings count as its script's */
    if (d->diag == AZ_D_NONE || d->diag == AZ_D_LINT_SUPPRESSION || !at.src)
        return false;
    struct fsupp *fs = az_strmap_get(by_name, at.src->name);
    if (!fs)
        return false; /* not a linted file: the intent, the ignore file */
    if (fs->whole.on[d->diag])
        return true;
    for (size_t i = 0; i < fs->nspans; i++) {
        struct span *sp = &fs->spans[i];
        if (sp->ids.on[d->diag] && at.line >= sp->lo && at.line <= sp->hi) {
            sp->s->used = true;
            return true;
        }
    }
    return false;
}

/* Reads the suppressions into by_name (file name -> struct fsupp) and sets the report's
 * filter: the queue itself is not edited. by_name must live until the report is printed. */
static void apply_suppressions(struct az_ctx *ctx, const struct az_lint_opts *o,
                               const struct az_lfile *files, struct az_strmap *by_name)
{
    /* A file without suppression comments gets an entry only if an ignore file names it. */
    for (const struct az_lfile *f = files; f; f = f->next)
        if (f->suppress)
            comment_spans(ctx, f, fsupp_of(ctx, by_name, f->src->name));
    load_ignore_files(ctx, o->ignore_file, files, by_name);
    az_diag_set_filter(ctx, dropped, by_name);
}

/* ---- the command ------------------------------------------------------------------------ */

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* Text output ends with a summary on standard error: "linted 42 files: 1 error, 3 warnings"
 * (after suppressions; what --max-errors leaves unprinted still counts). */
static void closing_line(const struct az_ctx *ctx, size_t nfiles)
{
    unsigned ue, uw;
    az_diag_counts(ctx, &ue, &uw);
    size_t e = ue, w = uw;
    fprintf(stderr, "linted %zu %s: %zu %s, %zu %s\n", nfiles, plural(nfiles, "file", "files"),
            e, plural(e, "error", "errors"), w, plural(w, "warning", "warnings"));
}

/* One lint of the paths into ctx: intent, files, checks, suppressions (the report's
 * filter, whose state lives in *suppressed). With linted, each linted file's name is put
 * there (lint --fix rewrites only those). The bytes the read-ahead reads are in *texts (made
 * when NULL), which the caller frees after ctx. Returns the number of files linted. */
static size_t lint_pass(struct az_ctx *ctx, const struct az_lint_opts *o,
                        const struct az_strmap *overlay, struct az_strmap *suppressed,
                        struct az_strmap *linted_names, struct az_arena **texts)
{
    if (o->max_input)
        ctx->max_input = o->max_input;
    struct az_plan plan;
    const struct az_plan *intent = o->nintents ? load_intent(ctx, o, &plan) : NULL;

    struct run run = {.ctx = ctx, .overlay = overlay, .texts = texts};
    run.tail = &run.files;
    for (size_t i = 0; i < o->npaths; i++) {
        const char *p = o->paths[i];
        if (strcmp(p, "-") == 0) {
            lint_stdin(&run, o->stdin_kind == AZ_LKIND_JSON  ? K_JSON
                             : o->stdin_kind == AZ_LKIND_HCL ? K_HCL
                             : o->stdin_kind == AZ_LKIND_SH  ? K_SH
                                                             : K_OTHER);
            continue;
        }
        struct stat st;
        if (stat(p, &st) != 0) {
            az_diag_fatal(ctx, "cannot open '%s': %s", p, strerror(errno));
            continue;
        }
        if (S_ISDIR(st.st_mode))
            walk_ahead(&run, p);
        else
            lint_file(&run, AT_FDCWD, p, p, kind_of(p), true);
    }
    lint_refs(&run);
    az_lint_hcl_module(ctx, run.files);
    az_lint_check_run(ctx, run.files, intent);
    apply_suppressions(ctx, o, run.files, suppressed);
    for (const struct az_lfile *f = linted_names ? run.files : NULL; f; f = f->next)
        *az_strmap_slot(linted_names, f->src->name) = (void *)f;
    free(run.seen.keys);
    free(run.seen.vals);
    return run.nfiles;
}

/* Prints the report of ctx (and, for text, the closing line after the line `before`, when
 * there is one). Returns the exit status. */
static int report(struct az_ctx *ctx, const struct az_lint_opts *o, size_t nfiles,
                  const char *before)
{
    bool text = o->report.format == AZ_REPORT_TEXT;
    /* Nothing was written to stderr yet: buffer it, the report is written a byte at a time. */
    static char errbuf[1 << 16];
    if (text)
        setvbuf(stderr, errbuf, _IOFBF, sizeof errbuf);
    az_diag_print(ctx, text ? stderr : stdout, &o->report);
    if (text && before)
        fputs(before, stderr);
    if (text)
        closing_line(ctx, nfiles);
    fflush(stderr);
    fflush(stdout);
    int status = az_diag_exit_status(ctx, o->fail_warning);
    if (ferror(stdout) && status < 2) {
        fputs("authzc lint: error: cannot write the report to standard output\n", stderr);
        status = 2;
    }
    return status;
}

/* ---- lint --fix ------------------------------------------------------------------------- */

/* Rounds of fixes at most: a fix left out because it overlapped another is made in the next
 * round, on the fixed text. Fixes that never settle would be a bug: nothing is written. */
#define MAX_FIX_ROUNDS 8

/* az_fix_want_fn: only the files the run linted are fixed (not an intent or ignore file). */
static bool linted(void *arg, const struct az_source *src)
{
    return az_strmap_get(arg, src->name) != NULL;
}

static char *dup_bytes(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        az_oom();
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Takes one round's fixed files into the overlay (the first time a file is fixed, the bytes
 * it was read with are kept to diff against and to check the disk with). */
static void take_round(struct az_ctx *ctx, struct az_fix_file *ff, struct az_strmap *overlay,
                       struct fixed ***tail)
{
    for (; ff; ff = ff->next) {
        struct fixed *fx = az_strmap_get(overlay, ff->src->name);
        if (!fx) {
            fx = calloc(1, sizeof *fx);
            if (!fx)
                az_oom();
            fx->name = dup_bytes(ff->src->name, strlen(ff->src->name));
            const char *orig = az_fix_file_bytes(ctx, ff->src, &fx->orig_len);
            fx->orig = dup_bytes(orig, fx->orig_len);
            *az_strmap_slot(overlay, fx->name) = fx; /* the key outlives the round */
            **tail = fx;
            *tail = &fx->next;
        }
        free(fx->text);
        fx->text = dup_bytes(ff->text, ff->len);
        fx->len = ff->len;
        fx->findings += ff->findings;
    }
}

/* Writes the fixed files; a failure (a file changed on disk meanwhile, an I/O error) is
 * queued into ctx (exit 2). Counts the files written and the findings fixed in them. */
static void write_fixed(struct az_ctx *ctx, struct fixed *list, size_t *nfiles, size_t *nfixed)
{
    *nfiles = *nfixed = 0;
    for (struct fixed *fx = list; fx; fx = fx->next) {
        if (az_fix_write(ctx, fx->name, fx->orig, fx->orig_len, fx->text, fx->len) != 0)
            continue;
        (*nfiles)++;
        *nfixed += fx->findings;
    }
}

/* lint --fix [--diff]: rounds of lint and fix on the text in memory until no fix is left,
 * then the files are written (or diffed), and the report is a fresh lint of the result. */
static int fix_run(const struct az_lint_opts *o)
{
    struct az_strmap overlay = {0};
    struct az_arena *texts = NULL; /* the read-ahead's, freed with ctx */
    struct fixed *list = NULL, **tail = &list;
    struct az_ctx ctx;
    struct az_strmap suppressed;
    size_t nfiles;
    bool settled = false;
    for (int round = 0;; round++) {
        az_ctx_init(&ctx);
        suppressed = (struct az_strmap){0};
        struct az_strmap names = {0};
        nfiles = lint_pass(&ctx, o, &overlay, &suppressed, &names, &texts);
        struct az_fix_file *ff;
        size_t made = az_fix_apply(&ctx, linted, &names, &ff);
        az_strmap_free(&names);
        if (made == 0 || !ff) {
            settled = true;
            break;
        }
        if (round == MAX_FIX_ROUNDS) {
            az_diag_fatal(&ctx, "the fixes did not settle after %d rounds; nothing was "
                                "written (this is a bug in authzc: please report it)",
                          MAX_FIX_ROUNDS);
            break;
        }
        take_round(&ctx, ff, &overlay, &tail);
        az_strmap_free(&suppressed);
        az_ctx_fini(&ctx);
        az_arena_free(texts);
        texts = NULL;
    }
    size_t nchanged = 0, nfixed = 0;
    if (settled && o->fix_diff) {
        /* ctx is the lint of the fixed text; the changes go to standard output. */
        for (struct fixed *fx = list; fx; fx = fx->next) {
            az_udiff_write(stdout, fx->name, fx->orig, fx->orig_len, fx->text, fx->len);
            nchanged++;
            nfixed += fx->findings;
        }
    } else if (settled && list) {
        /* Written, then linted afresh from the disk: the report is about the files as
         * they now are. */
        az_strmap_free(&suppressed);
        az_ctx_fini(&ctx);
        az_arena_free(texts);
        texts = NULL;
        az_ctx_init(&ctx);
        write_fixed(&ctx, list, &nchanged, &nfixed);
        suppressed = (struct az_strmap){0};
        nfiles = lint_pass(&ctx, o, NULL, &suppressed, NULL, &texts);
    }
    const char *line = NULL;
    if (o->fix_diff)
        line = az_arena_printf(ctx.arena, "would fix %zu %s in %zu %s (nothing written)\n",
                               nfixed, plural(nfixed, "finding", "findings"), nchanged,
                               plural(nchanged, "file", "files"));
    else if (nchanged)
        line = az_arena_printf(ctx.arena, "fixed %zu %s in %zu %s\n", nfixed,
                               plural(nfixed, "finding", "findings"), nchanged,
                               plural(nchanged, "file", "files"));
    int status = report(&ctx, o, nfiles, line);
    az_strmap_free(&suppressed);
    az_ctx_fini(&ctx);
    az_arena_free(texts);
    for (struct fixed *fx = list, *nx; fx; fx = nx) {
        nx = fx->next;
        free(fx->name);
        free(fx->orig);
        free(fx->text);
        free(fx);
    }
    az_strmap_free(&overlay);
    return status;
}

int az_lint_run(const struct az_lint_opts *opts)
{
    if (opts->fix)
        return fix_run(opts);
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    struct az_strmap suppressed = {0};
    struct az_arena *texts = NULL;
    size_t nfiles = lint_pass(&ctx, opts, NULL, &suppressed, NULL, &texts);
    int status = report(&ctx, opts, nfiles, NULL);
    az_strmap_free(&suppressed);
    az_ctx_fini(&ctx);
    az_arena_free(texts);
    return status;
}
