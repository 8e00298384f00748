/* args.h - the command line's options: one table for every command and one parser for it
 * (the CLI layer). A row names an option, the commands that take it and where its value
 * goes in the command's options struct; adding an option is adding a row. */
#ifndef AZ_ARGS_H
#define AZ_ARGS_H

#include <stdbool.h>
#include <stddef.h>

enum az_arg_kind {
    AZ_ARG_HELP,   /* -h, --help: the parser returns 1 and the command prints its usage */
    AZ_ARG_FLAG,   /* sets a bool to true */
    AZ_ARG_STRING, /* stores the value (const char *; the last one wins) */
    AZ_ARG_LIST,   /* appends the value to a struct az_arg_list (repeatable) */
    AZ_ARG_SIZE,   /* a decimal number from min to max, stored as size_t */
    AZ_ARG_CHOICE, /* one of words (stored as int: first + the word's index) */
};

/* What AZ_ARG_LIST fills, and the operands (the arguments that are not options). */
struct az_arg_list {
    const char **v;
    size_t n;
};

struct az_arg {
    const char *name;  /* "--target" */
    const char *alias; /* "-t", or NULL */
    unsigned cmds;     /* the commands that take it: a bit per command (the caller's) */
    enum az_arg_kind kind;
    size_t off; /* offsetof the field in the options struct (not for AZ_ARG_HELP) */
    /* AZ_ARG_CHOICE: the words (NULL-terminated), the value stored for words[0], and
     * optional "typo=word" hints for "did you mean" ("tf=terraform"). When noun is set a bad
     * word reads "unknown NOUN 'x'", else "NAME takes a, b or c, not 'x'". */
    const char *const *words;
    int first;
    const char *const *hints;
    const char *noun;
    /* AZ_ARG_SIZE: the range and how the message says it ("a number from 0 to 1000000"). */
    size_t min, max;
    const char *range;
};

/* Parses argv for command cmd (its bit in az_arg.cmds; cmdname for messages) into opts
 * and operands. `--` ends the options; `-` is an operand; `--name=value` works for every
 * option that takes a value. Returns 0 to go on, 1 when --help was given, -1 after printing
 * a usage error. Free the lists with az_args_free, whatever it returned. */
int az_args_parse(const struct az_arg *table, size_t n, unsigned cmd, const char *cmdname,
                  int argc, char **argv, void *opts, struct az_arg_list *operands);
void az_args_free(const struct az_arg *table, size_t n, unsigned cmd, void *opts,
                  struct az_arg_list *operands);

/* Prints "authzc CMD: error: MESSAGE" and "Try 'authzc CMD --help'." (cmd may be NULL for
 * the top level) to standard error; returns 2, the usage exit status. */
__attribute__((format(printf, 2, 3))) int az_args_usage_error(const char *cmd, const char *fmt,
                                                             ...);

#endif
