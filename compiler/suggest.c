/* suggest.c - "did you mean": restricted edit distance over short words. */
#include "authzc/suggest.h"

#include <string.h>

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

size_t az_suggest_distance(const char *a, const char *b, size_t limit)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 64 || m > 64 || (n > m ? n - m : m - n) > limit) /* the distance is at least that */
        return limit + 1;
    size_t d[65][65];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t rowmin = (size_t)-1;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = lower((unsigned char)a[i - 1]) != lower((unsigned char)b[j - 1]);
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 &&
                lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 2]) &&
                lower((unsigned char)a[i - 2]) == lower((unsigned char)b[j - 1]) &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
            if (v < rowmin)
                rowmin = v;
        }
        if (rowmin > limit)
            return limit + 1;
    }
    return d[n][m];
}

const char *az_suggest_best(const char *word, const char *const *candidates, size_t n)
{
    size_t len = strlen(word);
    size_t limit = len <= 4 ? 1 : len / 3 + 1;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = az_suggest_distance(word, candidates[i], limit);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    if (best || len < 3)
        return best;
    /* A unique candidate the word begins ("Edit" for "Editor"). */
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < len && candidates[i][k] &&
               lower((unsigned char)word[k]) == lower((unsigned char)candidates[i][k]))
            k++;
        if (k == len) {
            if (best)
                return NULL; /* ambiguous */
            best = candidates[i];
        }
    }
    return best;
}

/* Whether the '-'-separated parts of word are parts of cand, in order (cand may have more). */
static int parts_within(const char *word, const char *cand)
{
    while (*word == '-' && *cand == '-') {
        word++;
        cand++;
    }
    if (*word == '-' || *cand == '-')
        return 0;
    while (*word) {
        size_t wl = strcspn(word, "-");
        for (;;) {
            size_t cl = strcspn(cand, "-");
            if (cl == 0 && !*cand)
                return 0;
            int same = cl == wl;
            for (size_t k = 0; same && k < wl; k++)
                same = lower((unsigned char)word[k]) == lower((unsigned char)cand[k]);
            cand += cl + (cand[cl] == '-');
            if (same)
                break;
        }
        word += wl + (word[wl] == '-');
    }
    return 1;
}

const char *az_suggest_flag_parts(const char *word, const char *const *candidates, size_t n)
{
    const char *only = NULL;
    if (strchr(word + strspn(word, "-"), '-')) { /* two parts at least */
        for (size_t i = 0; i < n; i++) {
            if (!parts_within(word, candidates[i]))
                continue;
            if (only)
                return NULL; /* ambiguous */
            only = candidates[i];
        }
    }
    return only;
}

const char *az_suggest_flag(const char *word, const char *const *candidates, size_t n)
{
    const char *only = az_suggest_flag_parts(word, candidates, n);
    return only ? only : az_suggest_best(word, candidates, n); /* ambiguous: distance decides */
}
