/* suggest.c - "did you mean": restricted edit distance over short words. */
#include "authzc/suggest.h"

#include <stdbool.h>
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

/* Whether part w (wl bytes) is part c (cl bytes): the same letters, or, when near, one edit
 * away (parts of four letters or more: "acount" for "account"). */
static int part_is(const char *w, size_t wl, const char *c, size_t cl, int near)
{
    int same = cl == wl;
    for (size_t k = 0; same && k < wl; k++)
        same = lower((unsigned char)w[k]) == lower((unsigned char)c[k]);
    if (same || !near || wl < 4 || cl < 4 || wl > 63 || cl > 63)
        return same;
    char a[64], b[64];
    memcpy(a, w, wl);
    a[wl] = '\0';
    memcpy(b, c, cl);
    b[cl] = '\0';
    return az_suggest_distance(a, b, 1) <= 1;
}

/* Whether the '-'-separated parts of word (up to wend) are parts of cand, in order (cand may
 * have more); near: a part may be a typo of cand's (part_is). */
static int parts_within(const char *word, const char *wend, const char *cand, int near)
{
    while (*word == '-' && *cand == '-') {
        word++;
        cand++;
    }
    if (*word == '-' || *cand == '-')
        return 0;
    while (word < wend) {
        size_t wl = strcspn(word, "-");
        if (word + wl > wend)
            wl = (size_t)(wend - word);
        for (;;) {
            size_t cl = strcspn(cand, "-");
            if (cl == 0 && !*cand)
                return 0;
            int same = part_is(word, wl, cand, cl, near);
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
            if (!parts_within(word, word + strlen(word), candidates[i], 0))
                continue;
            if (only)
                return NULL; /* ambiguous */
            only = candidates[i];
        }
    }
    return only;
}

static int same_ci(const char *a, const char *b)
{
    while (*a && lower((unsigned char)*a) == lower((unsigned char)*b)) {
        a++;
        b++;
    }
    return *a == *b;
}

size_t az_suggest_flags(const char *word, const char *const *candidates, size_t n, const char **out)
{
    if (strchr(word + strspn(word, "-"), '-')) { /* two parts at least */
        const char *end = word + strlen(word), *last = strrchr(word, '-') + 1;
        bool id_tail = same_ci(last, "id") || same_ci(last, "guid");
        /* every part as written; parts with a typo; the same without a last "-id" */
        for (int pass = 0; pass < 3 && (pass < 2 || id_tail); pass++) {
            size_t k = 0;
            for (size_t i = 0; i < n; i++) {
                if (!parts_within(word, pass < 2 ? end : last - 1, candidates[i], pass > 0))
                    continue;
                if (k == AZ_SUGGEST_FLAGS)
                    return 0; /* too many to be a guess */
                out[k++] = candidates[i];
            }
            if (k)
                return k;
        }
    }
    out[0] = az_suggest_best(word, candidates, n);
    return out[0] != NULL;
}

const char *az_suggest_flag(const char *word, const char *const *candidates, size_t n)
{
    const char *out[AZ_SUGGEST_FLAGS];
    return az_suggest_flags(word, candidates, n, out) == 1 ? out[0] : NULL;
}
