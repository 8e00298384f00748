/* test_fix.c - unit tests of fixes (fix.h): edits attached to findings, moved from a child
 * source to its file, applied per file (overlaps left out, equal edits made once, hidden
 * findings not fixed, BOM and line ends kept), and the careful rewrite (a file that
 * changed on disk since it was read is not written; the mode is kept). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/fix.h"
#include "authzc/source.h"

/* A finding at (line, col, len) of src whose fix replaces that place with text. */
static struct az_diag *finding(struct az_ctx *ctx, enum az_diag_id id, const struct az_source *src,
                               uint32_t line, uint32_t col, uint32_t len, const char *text)
{
    static unsigned seq; /* a distinct message: an exact repeat of the last one is dropped */
    struct az_loc at = {src, line, col, len};
    struct az_diag *d = az_diag_report(ctx, id, at, "finding %u:%u #%u", line, col, ++seq);
    assert_non_null(d);
    az_fix_replace(ctx, d, at, text);
    return d;
}

static const char *apply_one(struct az_ctx *ctx, size_t *nfixed, size_t *len)
{
    struct az_fix_file *ff;
    *nfixed = az_fix_apply(ctx, NULL, NULL, &ff);
    if (!ff)
        return NULL;
    assert_null(ff->next);
    *len = ff->len;
    return ff->text;
}

static void overlaps_wait_and_equal_edits_are_made_once(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    const char *text = "{\"type\": \"access\", \"x\": \"is.volume\"}\n";
    const struct az_source *src = az_source_from_buffer(&ctx, "a.json", text, strlen(text));
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 11, 6, "authorization");
    /* the same repair from a second finding: made once, both count as fixed */
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 11, 6, "authorization");
    /* overlaps the first: left out whole, its finding stays */
    struct az_diag *d = finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 12, 2, "XX");
    struct az_loc far = {src, 1, 26, 9};
    az_fix_replace(&ctx, d, far, "is"); /* its second edit alone would fit */
    finding(&ctx, AZ_D_LINT_SERVICE_NAME, src, 1, 26, 9, "is");
    size_t n, len;
    const char *out = apply_one(&ctx, &n, &len);
    assert_int_equal(n, 3);
    assert_string_equal(out, "{\"type\": \"authorization\", \"x\": \"is\"}\n");
    assert_int_equal(len, strlen(out));
    az_ctx_fini(&ctx);
}

/* A finding at col of src whose fix inserts text before that byte. */
static struct az_diag *insertion(struct az_ctx *ctx, const struct az_source *src, uint32_t col,
                                 const char *text)
{
    static unsigned seq;
    struct az_loc at = {src, 1, col, 0};
    struct az_diag *d = az_diag_report(ctx, AZ_D_LINT_POLICY_TYPE, at, "insert %u #%u", col, ++seq);
    assert_non_null(d);
    az_fix_insert(ctx, d, at, text);
    return d;
}

static void touching_nested_and_identical_edits(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    const char *text = "0123456789abcdefghij\n";
    const struct az_source *src = az_source_from_buffer(&ctx, "a.json", text, strlen(text));
    insertion(&ctx, src, 1, "<");                             /* taken */
    insertion(&ctx, src, 1, ">");                             /* same place, other text: out */
    insertion(&ctx, src, 1, "<");                             /* identical: made once */
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 3, 2, "X");  /* [2,4) taken */
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 4, 2, "O");  /* [3,5) overlaps it: out */
    insertion(&ctx, src, 5, "+");                             /* at 4, where [2,4) ends: taken */
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 5, 2, "Y");  /* [4,6) touches [2,4): taken */
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 11, 6, "N"); /* [10,16) taken */
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 12, 1, "n"); /* nested in it: out */
    insertion(&ctx, src, 14, "!");                            /* inside it: out */
    insertion(&ctx, src, 17, "]");                            /* at its end: taken */
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 18, 2, "Z"); /* [17,19) taken */
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 18, 2, "Z"); /* identical: made once */
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 18, 3, "W"); /* [17,20) holds it: out */
    size_t n, len;
    const char *out = apply_one(&ctx, &n, &len);
    assert_int_equal(n, 9);
    assert_string_equal(out, "<01X+Y6789N]gZj\n");
    az_ctx_fini(&ctx);
}

/* ---- the fixes of random findings against a plain model of the rules ---------------------- */

static uint32_t rnd(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

/* Whether edits x and y (offset, length, text) can both be made, as fix.h states the rules:
 * equal edits are one; ranges must not share a byte; an insertion must not fall strictly
 * inside a replaced range; two different insertions must not share a place. */
static bool compatible(const struct az_edit *x, const struct az_edit *y)
{
    if (x->off == y->off && x->len == y->len && strcmp(x->text, y->text) == 0)
        return true;
    if (!x->len && !y->len)
        return x->off != y->off;
    if (!x->len || !y->len) {
        const struct az_edit *ins = x->len ? y : x, *rep = x->len ? x : y;
        return ins->off <= rep->off || ins->off >= rep->off + rep->len;
    }
    return x->off + x->len <= y->off || y->off + y->len <= x->off;
}

static int by_place(const void *a, const void *b)
{
    const struct az_edit *x = *(const struct az_edit *const *)a;
    const struct az_edit *y = *(const struct az_edit *const *)b;
    return x->off != y->off ? (x->off < y->off ? -1 : 1) : (x->len > y->len) - (x->len < y->len);
}

/* The model: every fix, in report order, against every edit taken so far. */
static size_t model(struct az_ctx *ctx, const char *text, char *out)
{
    const struct az_edit *taken[256];
    size_t n = 0, fixed = 0;
    for (size_t i = 0; i < ctx->diags.n; i++) {
        size_t before = n;
        bool ok = true;
        for (const struct az_edit *e = ctx->diags.v[i]->fix; e && ok; e = e->next) {
            bool dup = false;
            for (size_t j = 0; j < n && ok; j++) {
                ok = compatible(taken[j], e);
                dup = dup || (taken[j]->off == e->off && taken[j]->len == e->len &&
                              strcmp(taken[j]->text, e->text) == 0);
            }
            if (ok && !dup)
                taken[n++] = e;
        }
        if (ok)
            fixed++;
        else
            n = before;
    }
    qsort(taken, n, sizeof *taken, by_place);
    size_t at = 0;
    *out = '\0';
    for (size_t i = 0; i < n; i++) {
        strncat(out, text + at, taken[i]->off - at);
        strcat(out, taken[i]->text);
        at = taken[i]->off + taken[i]->len;
    }
    strcat(out, text + at);
    return fixed;
}

static void random_fixes_match_the_model(void **state)
{
    (void)state;
    static const char *const texts[] = {"", "a", "bb", "ccc"};
    const char *text = "abcdefghijklmnopqrstuvwxyz0123";
    uint32_t seed = 19;
    for (int round = 0; round < 500; round++) {
        struct az_ctx ctx;
        az_ctx_init(&ctx);
        const struct az_source *src = az_source_from_buffer(&ctx, "a.json", text, strlen(text));
        uint32_t nd = 1 + rnd(&seed) % 40;
        for (uint32_t i = 0; i < nd; i++) {
            uint32_t col = 1 + rnd(&seed) % 30, len = rnd(&seed) % 5;
            if (col - 1 + len > 30)
                len = 0;
            const char *t = texts[rnd(&seed) % 4];
            struct az_diag *d = len ? finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, col, len, t)
                                    : insertion(&ctx, src, col, t);
            for (uint32_t k = rnd(&seed) % 3; k > 0; k--) { /* more edits in the same fix */
                struct az_loc at = {src, 1, 1 + rnd(&seed) % 30, rnd(&seed) % 3};
                if (at.col - 1 + at.len > 30)
                    at.len = 0;
                az_fix_replace(&ctx, d, at, texts[rnd(&seed) % 4]);
            }
        }
        size_t n, len = 0;
        const char *out = apply_one(&ctx, &n, &len);
        char want[1024];
        size_t want_n = model(&ctx, text, want); /* the queue is in report order now */
        assert_int_equal(n, want_n);
        assert_string_equal(out ? out : text, want);
        az_ctx_fini(&ctx);
    }
}

static bool hide_policy_type(void *arg, const struct az_diag *d)
{
    (void)arg;
    return d->diag == AZ_D_LINT_POLICY_TYPE;
}

static void hidden_findings_are_not_fixed(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    const char *text = "{\"type\": \"access\", \"x\": \"is.volume\"}";
    const struct az_source *src = az_source_from_buffer(&ctx, "a.json", text, strlen(text));
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 1, 11, 6, "authorization");
    finding(&ctx, AZ_D_LINT_SERVICE_NAME, src, 1, 26, 9, "is");
    az_diag_set_filter(&ctx, hide_policy_type, NULL);
    size_t n, len;
    const char *out = apply_one(&ctx, &n, &len);
    assert_int_equal(n, 1);
    assert_string_equal(out, "{\"type\": \"access\", \"x\": \"is\"}");
    az_ctx_fini(&ctx);
}

static void only_fixable_ids_carry_fixes(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    const char *text = "{\"roles\": [\"Manager\"]}\n";
    const struct az_source *src = az_source_from_buffer(&ctx, "a.json", text, strlen(text));
    assert_false(az_fix_id_fixable(AZ_D_ROLE_EXTRA)); /* roles are never removed */
    struct az_diag *d = finding(&ctx, AZ_D_ROLE_EXTRA, src, 1, 12, 9, "");
    assert_null(d->fix);
    assert_true(d->fix_dropped);
    struct az_fix_file *ff;
    assert_int_equal(az_fix_apply(&ctx, NULL, NULL, &ff), 0);
    assert_null(ff);
    az_ctx_fini(&ctx);
}

static void bom_and_line_ends_are_kept(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    const char *text = "\xEF\xBB\xBF{\r\n  \"type\": \"access\"\r\n}";
    const struct az_source *src = az_source_from_buffer(&ctx, "a.json", text, strlen(text));
    assert_true(src->bom);
    finding(&ctx, AZ_D_LINT_POLICY_TYPE, src, 2, 12, 6, "authorization");
    size_t n, len;
    const char *out = apply_one(&ctx, &n, &len);
    assert_int_equal(n, 1);
    assert_string_equal(out, "\xEF\xBB\xBF{\r\n  \"type\": \"authorization\"\r\n}");
    az_ctx_fini(&ctx);
}

static void child_edits_move_to_the_file_and_stay_shell_safe(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    const char *text = "#!/bin/sh\ncurl -d '{\n\"type\": \"access\"}' x\n";
    const struct az_source *sh = az_source_from_buffer(&ctx, "a.sh", text, strlen(text));
    size_t open = (size_t)(strchr(text, '\'') - text) + 1, close = (size_t)(strrchr(text, '\'') - text);
    const struct az_source *body = az_source_child(&ctx, sh, open, close - open);
    struct az_diag *d = finding(&ctx, AZ_D_LINT_POLICY_TYPE, body, 2, 10, 6, "authorization");
    assert_non_null(d->fix);
    assert_ptr_equal(d->fix->src, sh);
    /* an apostrophe would end the single-quoted word: the whole fix is dropped */
    struct az_diag *bad = finding(&ctx, AZ_D_LINT_POLICY_TYPE, body, 2, 10, 6, "it's");
    assert_null(bad->fix);
    assert_true(bad->fix_dropped);
    size_t n, len;
    const char *out = apply_one(&ctx, &n, &len);
    assert_int_equal(n, 1);
    assert_string_equal(out, "#!/bin/sh\ncurl -d '{\n\"type\": \"authorization\"}' x\n");
    az_ctx_fini(&ctx);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void write_refuses_a_file_changed_on_disk(void **state)
{
    (void)state;
    char dir[] = "/tmp/authzc-fix-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/a.json", dir);
    const char *before = "{\"type\": \"access\"}\n", *after = "{\"type\": \"authorization\"}\n";

    /* Unchanged since read: written, mode kept. */
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(before, f);
    fclose(f);
    assert_int_equal(chmod(path, 0640), 0);
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    assert_int_equal(az_fix_write(&ctx, path, before, strlen(before), after, strlen(after)), 0);
    assert_false(ctx.diags.fatal);
    assert_string_equal(read_all(path), after);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);

    /* Changed on disk after it was read (someone saved it meanwhile): not written. */
    const char *theirs = "{\"type\": \"authorization\", \"description\": \"theirs\"}\n";
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(theirs, f);
    fclose(f);
    assert_int_equal(az_fix_write(&ctx, path, after, strlen(after), before, strlen(before)), -1);
    assert_true(ctx.diags.fatal);
    assert_int_equal(az_diag_exit_status(&ctx, false), 2);
    assert_non_null(strstr(ctx.diags.v[ctx.diags.n - 1]->msg, "changed on disk"));
    assert_string_equal(read_all(path), theirs);
    az_ctx_fini(&ctx);

    unlink(path);
    assert_int_equal(rmdir(dir), 0); /* no temporary left behind */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(overlaps_wait_and_equal_edits_are_made_once),
        cmocka_unit_test(touching_nested_and_identical_edits),
        cmocka_unit_test(random_fixes_match_the_model),
        cmocka_unit_test(hidden_findings_are_not_fixed),
        cmocka_unit_test(only_fixable_ids_carry_fixes),
        cmocka_unit_test(bom_and_line_ends_are_kept),
        cmocka_unit_test(child_edits_move_to_the_file_and_stay_shell_safe),
        cmocka_unit_test(write_refuses_a_file_changed_on_disk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
