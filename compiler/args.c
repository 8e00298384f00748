/* args.c - the one option parser of every command (args.h): it walks argv against the
 * option table and stores each value where its row says. Part of the CLI layer: it prints
 * usage errors to standard error. */
#include "authzc/args.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authzc/suggest.h"

int az_args_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "authzc%s%s: error: ", cmd ? " " : "", cmd ? cmd : "");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'authzc %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return 2;
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

static void *field(void *opts, const struct az_arg *row)
{
    return (char *)opts + row->off;
}

/* "a, b or c" */
static void print_words(const char *const *w)
{
    for (size_t i = 0; w[i]; i++)
        fprintf(stderr, "%s%s", i == 0 ? "" : w[i + 1] ? ", " : " or ", w[i]);
}

/* The word a hint maps typo to ("tf=terraform"), or NULL. */
static const char *hinted(const char *const *hints, const char *typo)
{
    size_t n = strlen(typo);
    for (size_t i = 0; hints && hints[i]; i++)
        if (strncmp(hints[i], typo, n) == 0 && hints[i][n] == '=')
            return hints[i] + n + 1;
    return NULL;
}

static int set_choice(const struct az_arg *row, const char *cmd, const char *val, void *opts)
{
    size_t n = 0;
    while (row->words[n])
        n++;
    for (size_t i = 0; i < n; i++)
        if (strcmp(val, row->words[i]) == 0) {
            *(int *)field(opts, row) = row->first + (int)i;
            return 0;
        }
    if (!row->noun) {
        fprintf(stderr, "authzc %s: error: %s takes ", cmd, row->name);
        print_words(row->words);
        fprintf(stderr, ", not '%s'\nTry 'authzc %s --help'.\n", val, cmd);
        return -1;
    }
    const char *best = hinted(row->hints, val);
    if (!best)
        best = az_suggest_best(val, row->words, n);
    if (best) {
        fprintf(stderr, "authzc %s: error: unknown %s '%s'; did you mean '%s'?\n", cmd, row->noun,
                val, best);
        return -1;
    }
    fprintf(stderr, "authzc %s: error: unknown %s '%s' (", cmd, row->noun, val);
    print_words(row->words);
    fprintf(stderr, ")\nTry 'authzc %s --help'.\n", cmd);
    return -1;
}

/* Stores val (NULL for options without a value) as row says. Returns 0, 1 for --help, or -1
 * after a usage error. */
static int store(const struct az_arg *row, const char *cmd, const char *val, int argc,
                 void *opts)
{
    switch (row->kind) {
    case AZ_ARG_HELP:
        return 1;
    case AZ_ARG_FLAG:
        *(bool *)field(opts, row) = true;
        return 0;
    case AZ_ARG_STRING:
        *(const char **)field(opts, row) = val;
        return 0;
    case AZ_ARG_LIST: {
        struct az_arg_list *l = field(opts, row);
        if (!l->v && !(l->v = calloc((size_t)argc + 1, sizeof *l->v))) {
            fprintf(stderr, "authzc %s: error: out of memory\n", cmd);
            return -1;
        }
        l->v[l->n++] = val;
        return 0;
    }
    case AZ_ARG_SIZE: {
        size_t v;
        if (!parse_size(val, &v) || v < row->min || v > row->max) {
            az_args_usage_error(cmd, "%s takes %s, not '%s'", row->name, row->range, val);
            return -1;
        }
        *(size_t *)field(opts, row) = v;
        return 0;
    }
    case AZ_ARG_CHOICE:
    default:
        return set_choice(row, cmd, val, opts);
    }
}

static int unknown_option(const struct az_arg *table, size_t n, unsigned cmd,
                          const char *cmdname, const char *a)
{
    const char **names = calloc(n + 1, sizeof *names);
    size_t k = 0;
    for (size_t i = 0; names && i < n; i++)
        if (table[i].cmds & cmd)
            names[k++] = table[i].name;
    const char *best = names ? az_suggest_best(a, names, k) : NULL;
    if (best)
        fprintf(stderr, "authzc %s: error: unknown option '%s'; did you mean '%s'?\n", cmdname,
                a, best);
    else
        fprintf(stderr, "authzc %s: error: unknown option '%s'\n", cmdname, a);
    fprintf(stderr, "Try 'authzc %s --help'.\n", cmdname);
    free(names);
    return -1;
}

int az_args_parse(const struct az_arg *table, size_t n, unsigned cmd, const char *cmdname,
                  int argc, char **argv, void *opts, struct az_arg_list *operands)
{
    operands->n = 0;
    operands->v = calloc((size_t)argc + 1, sizeof *operands->v);
    if (!operands->v) {
        fprintf(stderr, "authzc %s: error: out of memory\n", cmdname);
        return -1;
    }
    bool only_operands = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_operands || a[0] != '-' || strcmp(a, "-") == 0) {
            operands->v[operands->n++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_operands = true;
            continue;
        }
        /* --name=value */
        const char *val = NULL;
        size_t len = strlen(a);
        const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
        if (eq) {
            len = (size_t)(eq - a);
            val = eq + 1;
        }
        const struct az_arg *row = NULL;
        for (size_t k = 0; k < n && !row; k++) {
            const struct az_arg *r = &table[k];
            if (!(r->cmds & cmd))
                continue;
            if ((strncmp(r->name, a, len) == 0 && r->name[len] == '\0') ||
                (r->alias && strncmp(r->alias, a, len) == 0 && r->alias[len] == '\0'))
                row = r;
        }
        if (!row)
            return unknown_option(table, n, cmd, cmdname, a);
        bool takes = row->kind != AZ_ARG_HELP && row->kind != AZ_ARG_FLAG;
        if (!takes && val) {
            az_args_usage_error(cmdname, "option '%s' takes no value", row->name);
            return -1;
        }
        if (takes && !val) {
            if (i + 1 >= argc) {
                az_args_usage_error(cmdname, "option '%.*s' needs a value", (int)len, a);
                return -1;
            }
            val = argv[++i];
        }
        int r = store(row, cmdname, val, argc, opts);
        if (r != 0)
            return r;
    }
    return 0;
}

void az_args_free(const struct az_arg *table, size_t n, unsigned cmd, void *opts,
                  struct az_arg_list *operands)
{
    for (size_t i = 0; i < n; i++)
        if ((table[i].cmds & cmd) && table[i].kind == AZ_ARG_LIST) {
            struct az_arg_list *l = field(opts, &table[i]);
            free(l->v);
            l->v = NULL;
            l->n = 0;
        }
    free(operands->v);
    operands->v = NULL;
    operands->n = 0;
}
