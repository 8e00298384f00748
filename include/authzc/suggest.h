/* suggest.h - "did you mean": the closest of a list of words by edit distance. */
#ifndef AZ_SUGGEST_H
#define AZ_SUGGEST_H

#include <stddef.h>

/* Optimal string alignment distance, ASCII case-insensitive; stops early past limit
 * (then returns limit + 1). */
size_t az_suggest_distance(const char *a, const char *b, size_t limit);
/* The candidate closest to word, or NULL when none is close enough to be a typo
 * (distance at most 1 for short words, a third of the length otherwise); failing that, the
 * one candidate that begins with word (at least 3 characters). */
const char *az_suggest_best(const char *word, const char *const *candidates, size_t n);
/* For command-line flags: the candidates that hold every '-'-separated part of word, in
 * order, with parts added ("--source-account": "--source-service-account"; a word left out
 * is a likelier mistake than letters changed); failing that, those that do with a typo in a
 * part of four letters or more ("--source-acount"); failing that, with parts shortened
 * ("--source-typ", "--src-svc-acct", a last part cut to one letter), one typo in a part of
 * three letters or two in one of seven ("--source-acounnt"); failing that, the same without
 * a last part "id" or "guid" ("--source-account-id"); failing that, those with one part of
 * the same number different and three the same ("--source-resource-group-name"); failing
 * that, those two edits away at most (a larger distance finds look-alikes). A word without
 * parts goes by az_suggest_best, its limit set by its letters, not its leading dashes. Puts
 * up to AZ_SUGGEST_FLAGS of them in out (in the order of candidates) and returns how many; 0
 * when none fits, or more than AZ_SUGGEST_FLAGS do (too vague to guess). */
#define AZ_SUGGEST_FLAGS 3
size_t az_suggest_flags(const char *word, const char *const *candidates, size_t n,
                        const char **out);
/* The one flag az_suggest_flags finds, else NULL (none, or several). */
const char *az_suggest_flag(const char *word, const char *const *candidates, size_t n);
/* The first rule of az_suggest_flag alone: the one candidate that holds every part of word
 * (word has two parts at least), else NULL (none, or several: ambiguous). */
const char *az_suggest_flag_parts(const char *word, const char *const *candidates, size_t n);

#endif
