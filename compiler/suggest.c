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

/* Whether the first n bytes of a and b are the same letters. */
static int same_start(const char *a, const char *b, size_t n)
{
    size_t k = 0;
    while (k < n && lower((unsigned char)a[k]) == lower((unsigned char)b[k]))
        k++;
    return k == n;
}

/* Whether w (wl bytes) is c (cl bytes) with letters left out, the first kept: "acct" for
 * "account", "typ" for "type". */
static int shortened(const char *w, size_t wl, const char *c, size_t cl)
{
    if (wl == 0 || wl >= cl || lower((unsigned char)*w) != lower((unsigned char)*c))
        return 0;
    size_t k = 0;
    for (size_t j = 0; j < cl && k < wl; j++)
        if (lower((unsigned char)w[k]) == lower((unsigned char)c[j]))
            k++;
    return k == wl;
}

/* Whether part w (wl bytes) is part c (cl bytes) at a looseness near:
 *   0  the same letters;
 *   1  or one edit away, both of four letters or more ("acount" for "account");
 *   2  or shortened to three letters or more ("typ" for "type", "inst" for "instance",
 *      "acct" for "account"), or cut short to one when w is the word's last part
 *      ("--source-resource-t"), or one edit away from three letters ("tpe"), or two edits
 *      from seven ("acounnt"). */
static int part_is(const char *w, size_t wl, const char *c, size_t cl, int near, int last)
{
    if (wl == cl && same_start(w, c, wl))
        return 1;
    if (!near)
        return 0;
    if (near >= 2 && ((wl >= 3 && shortened(w, wl, c, cl)) ||
                      (last && wl < cl && same_start(w, c, wl))))
        return 1;
    if (wl < (near >= 2 ? 3u : 4u) || cl < 4 || wl > 63 || cl > 63)
        return 0;
    char a[64], b[64];
    memcpy(a, w, wl);
    a[wl] = '\0';
    memcpy(b, c, cl);
    b[cl] = '\0';
    size_t limit = near >= 2 && wl >= 7 && cl >= 7 ? 2 : 1;
    return az_suggest_distance(a, b, limit) <= limit;
}

/* Whether the '-'-separated parts of word (up to wend) are parts of cand, in order (cand may
 * have more); near: how far a part may be from cand's (part_is). */
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
            int same = part_is(word, wl, cand, cl, near, word + wl >= wend);
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

/* Whether word and cand have as many '-'-separated parts, all the same but one, and three
 * the same at least: one word chosen wrong ("--target-resource-instance-id" for
 * "--target-service-instance-id"); sharing only "--source-" is not enough. */
static int one_word_off(const char *word, const char *cand)
{
    size_t same = 0, other = 0;
    word += strspn(word, "-");
    cand += strspn(cand, "-");
    while (*word && *cand) {
        size_t wl = strcspn(word, "-"), cl = strcspn(cand, "-");
        if (part_is(word, wl, cand, cl, 0, 0))
            same++;
        else
            other++;
        word += wl + (word[wl] == '-');
        cand += cl + (cand[cl] == '-');
    }
    return !*word && !*cand && other == 1 && same >= 3;
}

/* The candidates at the least edit distance from word, if it is at most limit: up to
 * AZ_SUGGEST_FLAGS of them in out; returns how many (0 when more are that close). */
static size_t closest(const char *word, const char *const *candidates, size_t n, size_t limit,
                      const char **out)
{
    size_t best = limit + 1, k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t d = az_suggest_distance(word, candidates[i], best);
        if (d < best) {
            best = d;
            k = 0;
        }
        if (d == best && d <= limit) {
            if (k < AZ_SUGGEST_FLAGS)
                out[k] = candidates[i];
            k++;
        }
    }
    return k <= AZ_SUGGEST_FLAGS ? k : 0;
}

size_t az_suggest_flags(const char *word, const char *const *candidates, size_t n, const char **out)
{
    if (strchr(word + strspn(word, "-"), '-')) { /* two parts at least */
        const char *end = word + strlen(word), *last = strrchr(word, '-') + 1;
        bool id_tail = same_ci(last, "id") || same_ci(last, "guid");
        /* every part as written; parts with a typo; parts shortened or with two typos; the
         * same without a last "-id"; one word wrong */
        for (int pass = 0; pass < 5; pass++) {
            if (pass == 3 && !id_tail)
                continue;
            size_t k = 0;
            for (size_t i = 0; i < n; i++) {
                if (pass < 4 ? !parts_within(word, pass < 3 ? end : last - 1, candidates[i],
                                             pass < 3 ? pass : 2)
                             : !one_word_off(word, candidates[i]))
                    continue;
                if (k == AZ_SUGGEST_FLAGS)
                    return 0; /* too many to be a guess */
                out[k++] = candidates[i];
            }
            if (k)
                return k;
        }
        /* failing those, two slips at most: further, a flag that shares most of its letters
         * is a look-alike (--source-re-type is not --source-resource) */
        return closest(word, candidates, n, 2, out);
    }
    /* one word: edit distance, its limit set by the letters, not the leading dashes ("--iqet"
     * is not "--file") */
    const char *bodies[64];
    size_t dashes = strspn(word, "-");
    bool same_dashes = n <= 64;
    for (size_t i = 0; same_dashes && i < n; i++) {
        same_dashes = strspn(candidates[i], "-") == dashes;
        bodies[i] = candidates[i] + dashes;
    }
    if (!same_dashes || dashes == 0) {
        out[0] = az_suggest_best(word, candidates, n);
        return out[0] != NULL;
    }
    const char *best = az_suggest_best(word + dashes, bodies, n);
    out[0] = best ? best - dashes : NULL;
    return best != NULL;
}

const char *az_suggest_flag(const char *word, const char *const *candidates, size_t n)
{
    const char *out[AZ_SUGGEST_FLAGS];
    return az_suggest_flags(word, candidates, n, out) == 1 ? out[0] : NULL;
}
