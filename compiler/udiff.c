/* udiff.c - unified diffs for `authzc fmt --diff`: the longest common subsequence of the
 * lines (common head and tail trimmed first), then hunks with 3 lines of context. A line
 * keeps its '\n', so a last line without one differs from the same line with one, and gets
 * patch's "\ No newline at end of file" marker. */
#include "authzc/udiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CONTEXT 3
#define MAX_CELLS (4u * 1024u * 1024u) /* LCS table bound: 16 MiB */

struct line {
    const char *s;
    size_t n; /* with the '\n', when there is one */
};

struct op {
    char kind; /* ' ', '-', '+' */
    size_t a, b; /* line index in a (' ', '-') and in b (' ', '+') */
};

static struct line *split(const char *t, size_t len, size_t *count)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += t[i] == '\n';
    n += len > 0 && t[len - 1] != '\n';
    struct line *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        abort();
    size_t k = 0, start = 0;
    for (size_t i = 0; i < len; i++)
        if (t[i] == '\n') {
            v[k++] = (struct line){t + start, i + 1 - start};
            start = i + 1;
        }
    if (start < len)
        v[k++] = (struct line){t + start, len - start};
    *count = n;
    return v;
}

static int same(const struct line *x, const struct line *y)
{
    return x->n == y->n && memcmp(x->s, y->s, x->n) == 0;
}

/* The edit of the middles a[0..m) -> b[0..n), appended to ops. */
static size_t middle(const struct line *a, size_t m, const struct line *b, size_t n,
                     size_t ao, size_t bo, struct op *ops, size_t k)
{
    uint32_t *t = NULL;
    if (m > 0 && n > 0 && (m + 1) <= MAX_CELLS / (n + 1))
        t = malloc((m + 1) * (n + 1) * sizeof *t);
    if (!t) { /* too large (or nothing on one side): remove all, then add all */
        for (size_t i = 0; i < m; i++)
            ops[k++] = (struct op){'-', ao + i, 0};
        for (size_t j = 0; j < n; j++)
            ops[k++] = (struct op){'+', 0, bo + j};
        return k;
    }
#define T(i, j) t[(i) * (n + 1) + (j)]
    for (size_t i = m + 1; i-- > 0;)
        for (size_t j = n + 1; j-- > 0;)
            T(i, j) = i == m || j == n           ? 0
                      : same(&a[i], &b[j])       ? T(i + 1, j + 1) + 1
                      : T(i + 1, j) >= T(i, j + 1) ? T(i + 1, j)
                                                   : T(i, j + 1);
    size_t i = 0, j = 0;
    while (i < m || j < n) {
        if (i < m && j < n && same(&a[i], &b[j])) {
            ops[k++] = (struct op){' ', ao + i++, bo + j++};
        } else if (j == n || (i < m && T(i + 1, j) >= T(i, j + 1))) {
            ops[k++] = (struct op){'-', ao + i++, 0};
        } else {
            ops[k++] = (struct op){'+', 0, bo + j++};
        }
    }
#undef T
    free(t);
    return k;
}

static void print_line(FILE *f, char kind, const struct line *l)
{
    fputc(kind, f);
    fwrite(l->s, 1, l->n, f);
    if (l->n == 0 || l->s[l->n - 1] != '\n')
        fputs("\n\\ No newline at end of file\n", f);
}

/* ops[from..to) as one hunk; a0 and b0 lines of a and b come before it. */
static void hunk(FILE *f, const struct op *ops, size_t from, size_t to, size_t a0, size_t b0,
                 const struct line *a, const struct line *b)
{
    size_t na = 0, nb = 0;
    for (size_t k = from; k < to; k++) {
        na += ops[k].kind != '+';
        nb += ops[k].kind != '-';
    }
    fprintf(f, "@@ -%zu,%zu +%zu,%zu @@\n", na ? a0 + 1 : a0, na, nb ? b0 + 1 : b0, nb);
    for (size_t k = from; k < to; k++)
        print_line(f, ops[k].kind, ops[k].kind == '+' ? &b[ops[k].b] : &a[ops[k].a]);
}

void az_udiff_write(FILE *f, const char *name, const char *a, size_t alen, const char *b,
                    size_t blen)
{
    if (alen == blen && memcmp(a, b, alen) == 0)
        return;
    size_t na, nb;
    struct line *la = split(a, alen, &na), *lb = split(b, blen, &nb);
    struct op *ops = malloc((na + nb + 1) * sizeof *ops);
    if (!ops)
        abort();
    size_t head = 0, tail = 0, k = 0;
    while (head < na && head < nb && same(&la[head], &lb[head]))
        head++;
    while (tail < na - head && tail < nb - head && same(&la[na - 1 - tail], &lb[nb - 1 - tail]))
        tail++;
    for (size_t i = 0; i < head; i++)
        ops[k++] = (struct op){' ', i, i};
    k = middle(la + head, na - head - tail, lb + head, nb - head - tail, head, head, ops, k);
    for (size_t i = tail; i-- > 0;)
        ops[k++] = (struct op){' ', na - 1 - i, nb - 1 - i};

    fprintf(f, "--- %s\n+++ %s\n", name, name);
    size_t done = 0, a0 = 0, b0 = 0; /* lines of a and b in ops[0..done) */
    for (size_t c = 0; c < k;) {
        if (ops[c].kind == ' ') {
            c++;
            continue;
        }
        size_t from = c >= done + CONTEXT ? c - CONTEXT : done, last = c;
        for (size_t j = c; j < k && j - last <= 2 * CONTEXT; j++)
            if (ops[j].kind != ' ')
                last = j;
        size_t to = last + 1 + CONTEXT < k ? last + 1 + CONTEXT : k;
        for (size_t j = done; j < from; j++) {
            a0 += ops[j].kind != '+';
            b0 += ops[j].kind != '-';
        }
        hunk(f, ops, from, to, a0, b0, la, lb);
        for (size_t j = from; j < to; j++) {
            a0 += ops[j].kind != '+';
            b0 += ops[j].kind != '-';
        }
        done = c = to;
    }
    free(ops);
    free(la);
    free(lb);
}
