/* test_core.c - unit tests of the arena, sources, "did you mean", the rule table, the
 * diagnostic queue and lint's folder walk. */
#define _DEFAULT_SOURCE /* readdir's d_type, mkdtemp, symlink */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "authzc/arena.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/lint.h"
#include "authzc/rules.h"
#include "authzc/source.h"
#include "authzc/suggest.h"

static void arena_allocates_zeroed_aligned_memory(void **state)
{
    (void)state;
    struct az_arena *a = az_arena_new();
    for (size_t i = 1; i < 5000; i += 37) {
        unsigned char *p = az_arena_alloc(a, i);
        assert_true(((uintptr_t)p % _Alignof(max_align_t)) == 0);
        for (size_t k = 0; k < i; k++)
            assert_int_equal(p[k], 0);
        memset(p, 0xAB, i);
    }
    char *big = az_arena_alloc(a, 40u * 1024 * 1024); /* larger than a chunk */
    big[40u * 1024 * 1024 - 1] = 1;
    assert_string_equal(az_arena_printf(a, "%s-%d", "x", 42), "x-42");
    assert_string_equal(az_arena_strndup(a, "abcdef", 3), "abc");
    az_arena_free(a);
}

static void source_lines_and_positions(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    const char text[] = "\xEF\xBB\xBF" "ab\r\ncd\n\nlast";
    struct az_source *src = az_source_from_buffer(&ctx, "t", text, sizeof text - 1);
    assert_int_equal(src->nlines, 4);
    size_t len;
    const char *l1 = az_source_line(src, 1, &len);
    assert_int_equal(len, 2); /* BOM dropped, CR dropped */
    assert_memory_equal(l1, "ab", 2);
    assert_non_null(az_source_line(src, 3, &len));
    assert_int_equal(len, 0);
    const char *l4 = az_source_line(src, 4, &len);
    assert_int_equal(len, 4);
    assert_memory_equal(l4, "last", 4);
    assert_null(az_source_line(src, 5, &len));
    uint32_t line, col;
    az_source_position(src, 4, &line, &col); /* 'c' (the BOM is not counted) */
    assert_int_equal(line, 2);
    assert_int_equal(col, 1);
    az_ctx_fini(&ctx);
}

/* Files are read straight into the arena (regular files) or in steps (devices, pipes): the
 * same text either way, NUL-terminated, BOM dropped, NUL bytes kept, the size limit held. */
static void source_load_reads_files_and_devices(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    char path[] = "/tmp/authzc-unit-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char text[] = "\xEF\xBB\xBF" "{\"a\": 1}\n\0tail";
    assert_int_equal(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    struct az_source *src = az_source_load(&ctx, path);
    assert_non_null(src);
    assert_int_equal(src->len, sizeof text - 1 - 3);
    assert_memory_equal(src->text, text + 3, src->len);
    assert_int_equal(src->text[src->len], '\0');
    assert_int_equal(src->nlines, 2);
    assert_false(ctx.diags.fatal);
    ctx.max_input = sizeof text - 1; /* the file's size (BOM included) is at the limit: read */
    assert_non_null(az_source_load(&ctx, path));
    ctx.max_input--; /* one byte past it: an I/O error */
    assert_null(az_source_load(&ctx, path));
    assert_true(ctx.diags.fatal);
    unlink(path);
    az_ctx_fini(&ctx);

    az_ctx_init(&ctx);
    struct az_source *dev = az_source_load(&ctx, "/dev/null");
    assert_non_null(dev);
    assert_int_equal(dev->len, 0);
    assert_int_equal(dev->text[0], '\0');
    assert_null(az_source_load(&ctx, "/nonexistent/authzc"));
    az_ctx_fini(&ctx);
}

/* The line table (made eight bytes at a time) matches a byte-by-byte count for texts of
 * every length up to 70 with line ends at every offset, and for '\n' among bytes that
 * differ from it by one bit (0x0B, 0x8A, 0x0E, ...). */
static void source_line_table_matches_a_byte_count(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    static const char fill[] = {'a', '\x0b', '\x8a', '\x0e', '\x08', '\x2a', '\x4a', '\xff', ' '};
    uint32_t seed = 12345;
    char text[80];
    for (size_t len = 0; len <= 70; len++) {
        for (int round = 0; round < 40; round++) {
            for (size_t i = 0; i < len; i++) {
                seed = seed * 1103515245u + 12345u;
                unsigned r = (seed >> 16) % 32;
                text[i] = r < 6 ? '\n' : fill[r % sizeof fill];
            }
            struct az_source *src = az_source_from_buffer(&ctx, "t", text, len);
            uint32_t n = 1;
            for (size_t i = 0; i < len; i++) {
                if (text[i] != '\n')
                    continue;
                assert_true(n < src->nlines);
                assert_int_equal(az_source_line_start(src, n + 1), i + 1);
                n++;
            }
            assert_int_equal(src->nlines, n);
            assert_int_equal(az_source_line_start(src, 1), 0);
        }
    }
    /* Long texts: the count is kept in byte counters summed every 255 steps of 16 bytes,
     * so texts of only '\n' (every counter at its most) around those lengths, and mixed. */
    static char big[3 * 255 * 16 + 40];
    static const size_t lens[] = {4079, 4080, 4081, 4096, 8160, 8161, sizeof big};
    for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        for (int mixed = 0; mixed < 2; mixed++) {
            uint32_t want = 1;
            for (size_t i = 0; i < lens[k]; i++) {
                seed = seed * 1103515245u + 12345u;
                big[i] = !mixed || (seed >> 16) % 3 == 0 ? '\n' : fill[(seed >> 20) % sizeof fill];
                want += big[i] == '\n';
            }
            struct az_source *src = az_source_from_buffer(&ctx, "t", big, lens[k]);
            assert_int_equal(src->nlines, want);
        }
    }
    az_ctx_fini(&ctx);
}

/* lint's walk decides the same for every kind of entry whether readdir gives its type or
 * not (DT_UNKNOWN, as some file systems do: then the entry is looked up). */
static void walk_entry_same_with_or_without_d_type(void **state)
{
    (void)state;
    char dir[] = "/tmp/authzc-walk-XXXXXX";
    assert_non_null(mkdtemp(dir));
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    assert_true(dfd >= 0);
    int fd = openat(dfd, "file.json", O_WRONLY | O_CREAT, 0644);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(mkdirat(dfd, "folder", 0755), 0);
    assert_int_equal(symlinkat("file.json", dfd, "to-file.json"), 0);
    assert_int_equal(symlinkat("folder", dfd, "to-folder"), 0);
    assert_int_equal(symlinkat("missing.json", dfd, "dangling.json"), 0);
    assert_int_equal(mkfifoat(dfd, "pipe.json", 0644), 0);
    static const struct {
        const char *name;
        enum az_lint_entry want;
    } cases[] = {{"file.json", AZ_LENTRY_FILE},    {"folder", AZ_LENTRY_FOLDER},
                 {"to-file.json", AZ_LENTRY_FILE}, {"to-folder", AZ_LENTRY_SKIP},
                 {"dangling.json", AZ_LENTRY_SKIP}, {"pipe.json", AZ_LENTRY_SKIP}};
    size_t seen = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            if (strcmp(e->d_name, cases[i].name) != 0)
                continue;
            assert_int_equal(az_lint_walk_entry(dfd, e->d_name, e->d_type), cases[i].want);
            assert_int_equal(az_lint_walk_entry(dfd, e->d_name, DT_UNKNOWN), cases[i].want);
            seen++;
        }
    }
    closedir(d);
    assert_int_equal(seen, sizeof cases / sizeof cases[0]);
    assert_int_equal(az_lint_walk_entry(dfd, "gone.json", DT_UNKNOWN), AZ_LENTRY_SKIP);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        unlinkat(dfd, cases[i].name, strcmp(cases[i].name, "folder") == 0 ? AT_REMOVEDIR : 0);
    close(dfd);
    rmdir(dir);
}

static void suggest_finds_typos_not_strangers(void **state)
{
    (void)state;
    static const char *const words[] = {"backup", "notify", "authorize", "description"};
    assert_string_equal(az_suggest_best("bakup", words, 4), "backup");
    assert_string_equal(az_suggest_best("autorize", words, 4), "authorize");
    assert_string_equal(az_suggest_best("BACKUP", words, 4), "backup");
    assert_string_equal(az_suggest_best("ntoify", words, 4), "notify"); /* transposition */
    assert_null(az_suggest_best("zzz", words, 4));
    assert_null(az_suggest_best("volume", words, 4));
}

static void suggest_flag_prefers_a_left_out_word(void **state)
{
    (void)state;
    static const char *const flags[] = {"--source-service-account", "--source-resource",
                                        "--source-resource-type", "--target-service-instance-id",
                                        "--target-resource-group-id"};
    /* edit distance alone picks --source-resource */
    assert_string_equal(az_suggest_best("--source-account", flags, 5), "--source-resource");
    assert_string_equal(az_suggest_flag("--source-account", flags, 5), "--source-service-account");
    assert_string_equal(az_suggest_flag("--source-type", flags, 5), "--source-resource-type");
    /* two flags hold every word: edit distance decides, and neither is close */
    assert_null(az_suggest_flag("--target-id", flags, 5));
    assert_string_equal(az_suggest_flag("--source-resource-typ", flags, 5),
                        "--source-resource-type");
    assert_null(az_suggest_flag("--output", flags, 5));
}

static void suggest_flags_names_the_flags_meant(void **state)
{
    (void)state;
    static const char *const flags[] = {"--source-service-instance-name",
                                        "--source-service-instance-id",
                                        "--source-service-account",
                                        "--source-resource-group-id",
                                        "--source-resource-type",
                                        "--source-resource",
                                        "--target-service-instance-id",
                                        "--target-resource-type",
                                        "--quiet"};
    const size_t n = sizeof flags / sizeof *flags;
    const char *out[AZ_SUGGEST_FLAGS];
    /* a word left out of two flags: both, never the look-alike --source-resource */
    assert_string_equal(az_suggest_best("--source-instance", flags, n), "--source-resource");
    assert_int_equal(az_suggest_flags("--source-instance", flags, n, out), 2);
    assert_string_equal(out[0], "--source-service-instance-name");
    assert_string_equal(out[1], "--source-service-instance-id");
    assert_null(az_suggest_flag("--source-instance", flags, n));
    /* a letter dropped in a word (four letters or more) */
    assert_int_equal(az_suggest_flags("--source-acount", flags, n, out), 1);
    assert_string_equal(out[0], "--source-service-account");
    assert_null(az_suggest_flag_parts("--source-acount", flags, n)); /* not certain: no fix */
    /* an "-id" the flag does not have */
    assert_string_equal(az_suggest_flag("--source-account-id", flags, n),
                        "--source-service-account");
    assert_string_equal(az_suggest_flag("--source-acount-guid", flags, n),
                        "--source-service-account");
    /* three at most; more is too vague to guess */
    assert_int_equal(az_suggest_flags("--source-service", flags, n, out), 3);
    assert_int_equal(az_suggest_flags("--source", flags, n, out), 0);
    assert_int_equal(az_suggest_flags("--source-xyz-id", flags, n, out), 0);
    /* one-word flags go by edit distance */
    assert_int_equal(az_suggest_flags("--source-type", flags, n, out), 1);
    assert_string_equal(out[0], "--source-resource-type");
    assert_string_equal(az_suggest_flag("--quite", flags, n), "--quiet");
}

static void suggest_flags_cut_short_and_two_slips(void **state)
{
    (void)state;
    static const char *const flags[] = {"--source-service-instance-name",
                                        "--source-service-instance-id",
                                        "--source-service-account",
                                        "--source-resource-group-id",
                                        "--source-resource-type",
                                        "--source-resource",
                                        "--file",
                                        "--quiet"};
    const size_t n = sizeof flags / sizeof *flags;
    const char *out[AZ_SUGGEST_FLAGS];
    /* a word cut short, with a word left out: edit distance alone finds nothing */
    assert_null(az_suggest_best("--source-typ", flags, n));
    assert_string_equal(az_suggest_flag("--source-typ", flags, n), "--source-resource-type");
    assert_null(az_suggest_flag_parts("--source-typ", flags, n)); /* not certain: no fix */
    /* ... where edit distance alone picks a look-alike */
    assert_string_equal(az_suggest_best("--source-service-inst", flags, n),
                        "--source-service-account");
    assert_int_equal(az_suggest_flags("--source-service-inst", flags, n, out), 2);
    assert_string_equal(out[0], "--source-service-instance-name");
    assert_string_equal(out[1], "--source-service-instance-id");
    assert_string_equal(az_suggest_best("--source-resource-t", flags, n), "--source-resource");
    assert_string_equal(az_suggest_flag("--source-resource-t", flags, n),
                        "--source-resource-type");
    /* a last word cut to one letter, a middle one to two: too short to be a word */
    assert_int_equal(az_suggest_flags("--source-resource-g", flags, n, out), 1);
    assert_string_equal(out[0], "--source-resource-group-id");
    assert_int_equal(az_suggest_flags("--source-re-type", flags, n, out), 0);
    /* one slip in a word of three letters; two in a word of seven or more */
    assert_string_equal(az_suggest_flag("--source-tpe", flags, n), "--source-resource-type");
    assert_string_equal(az_suggest_best("--source-acounnt", flags, n), "--source-resource");
    assert_string_equal(az_suggest_flag("--source-acounnt", flags, n), "--source-service-account");
    assert_int_equal(az_suggest_flags("--source-amount", flags, n, out), 0); /* a stranger */
    /* letters left out of words, as abbreviations do */
    assert_string_equal(az_suggest_flag("--src-svc-acct", flags, n), "--source-service-account");
    assert_string_equal(az_suggest_flag("--source-grp-id", flags, n),
                        "--source-resource-group-id");
    /* one word wrong of four, three the same */
    assert_string_equal(az_suggest_flag("--source-resource-group-name", flags, n),
                        "--source-resource-group-id");
    /* sharing only "--source-" is no likeness: edit distance alone says --source-resource */
    assert_string_equal(az_suggest_best("--source-region", flags, n), "--source-resource");
    assert_int_equal(az_suggest_flags("--source-region", flags, n, out), 0);
    assert_int_equal(az_suggest_flags("--source-colour", flags, n, out), 0);
    /* a cut-short word that starts three flags: all three */
    assert_int_equal(az_suggest_flags("--source-res", flags, n, out), 3);
    /* one word: the edit limit is set by its letters, not its dashes */
    assert_null(az_suggest_flag("--iqet", flags, n));
    assert_string_equal(az_suggest_flag("--quite", flags, n), "--quiet");
}

static void child_source_places_resolve_into_the_parent(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    static const char text[] = "curl -d '{\"a\":\n  1}'\n";
    struct az_source *script = az_source_from_buffer(&ctx, "s.sh", text, sizeof text - 1);
    struct az_source *body = az_source_child(&ctx, script, 9, 11); /* {"a":\n  1} */
    assert_ptr_equal(body->parent, script);
    assert_string_equal(body->name, "s.sh");
    assert_int_equal(body->nlines, 2);
    struct az_loc first = az_loc_resolve((struct az_loc){body, 1, 2, 3});
    assert_ptr_equal(first.src, script);
    assert_int_equal(first.line, 1);
    assert_int_equal(first.col, 11);
    assert_int_equal(first.len, 3);
    struct az_loc second = az_loc_resolve((struct az_loc){body, 2, 3, 1});
    assert_int_equal(second.line, 2);
    assert_int_equal(second.col, 3);
    struct az_loc own = az_loc_resolve((struct az_loc){script, 2, 1, 1});
    assert_ptr_equal(own.src, script);
    assert_int_equal(own.col, 1);
    az_ctx_fini(&ctx);
}

static bool hide_warnings(void *arg, const struct az_diag *d)
{
    (void)arg;
    return d->sev == AZ_SEV_WARNING;
}

static void diagnostics_filter_hides_without_editing(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    struct az_source *a = az_source_from_buffer(&ctx, "a", "x\n", 2);
    az_diag_report(&ctx, AZ_D_ROLE_EXTRA, (struct az_loc){a, 1, 1, 1}, "a warning");
    az_diag_fatal(&ctx, "an I/O problem");
    assert_int_equal(az_diag_exit_status(&ctx, true), 2);
    ctx.diags.fatal = false; /* (only to see the warning's part) */
    assert_int_equal(az_diag_exit_status(&ctx, true), 1);
    az_diag_set_filter(&ctx, hide_warnings, NULL);
    assert_int_equal(az_diag_exit_status(&ctx, true), 0);
    unsigned errors, warnings;
    az_diag_counts(&ctx, &errors, &warnings);
    assert_int_equal(warnings, 0);
    assert_int_equal(ctx.diags.n, 2); /* the queue is as it was */
    assert_int_equal(ctx.diags.warnings, 1);
    assert_true(az_diag_hidden(&ctx, ctx.diags.v[0]));
    assert_false(az_diag_hidden(&ctx, ctx.diags.v[1])); /* no ID: never hidden */
    az_ctx_fini(&ctx);
}

static void rules_resolve_every_spelling(void **state)
{
    (void)state;
    const struct az_role *r = az_rules_role("Share Snapshot Operator");
    assert_non_null(r);
    assert_ptr_equal(r, az_rules_role("ShareSnapshotOperator"));
    assert_ptr_equal(r, az_rules_role("crn:v1:bluemix:public:is::::serviceRole:ShareSnapshotOperator"));
    assert_null(az_rules_role("crn:v1:bluemix:public:iam::::role:ShareSnapshotOperator"));
    assert_null(az_rules_role("operator")); /* IAM display names are case-sensitive */
    for (size_t i = 0; i < AZ_ROLE_COUNT; i++) { /* each role by each of its spellings */
        assert_ptr_equal(az_rules_role(az_roles[i].display), &az_roles[i]);
        assert_ptr_equal(az_rules_role(az_roles[i].id), &az_roles[i]);
        assert_ptr_equal(az_rules_role(az_roles[i].crn), &az_roles[i]);
    }
    assert_null(az_rules_role("crn:v1:bluemix:public:iam::::role:"));
    assert_null(az_rules_role(""));

    /* Account IDs: exactly 32 lowercase hex digits (read eight bytes at a time). */
    assert_true(az_rules_is_account_id("0123456789abcdef0123456789abcdef"));
    assert_false(az_rules_is_account_id("0123456789abcdef0123456789abcde"));
    assert_false(az_rules_is_account_id("0123456789abcdef0123456789abcdef0"));
    assert_false(az_rules_is_account_id("0123456789abcdef0123456789abcdeF"));
    assert_false(az_rules_is_account_id("0123456789abcdef0123456789abcdeg"));
    assert_false(az_rules_is_account_id("/123456789abcdef0123456789abcdef"));
    assert_false(az_rules_is_account_id(":123456789abcdef0123456789abcdef"));
    assert_false(az_rules_is_account_id("`123456789abcdef0123456789abcdef"));
    assert_false(az_rules_is_account_id("0123456789abcdef\xe0" "0123456789abcde"));
    assert_false(az_rules_is_account_id(""));
    assert_string_equal(az_rules_suggest_role("operator"), "Operator");
    assert_string_equal(az_rules_suggest_role("EventSourceManagr"), "Event Source Manager");

    const struct az_target *share = az_rules_target("share");
    assert_non_null(share);
    assert_int_equal(share->roles, AZ_ROLEBIT(EDITOR) | AZ_ROLEBIT(SHARE_SNAPSHOT_OPERATOR));
    assert_true(az_rules_role_applies(r, share));
    const struct az_target *en = az_rules_target("event-notifications");
    assert_false(az_rules_role_applies(r, en));
    assert_string_equal(az_rules_suggest_target("volumes"), "volume");
    assert_string_equal(az_rules_suggest_target("event-notification"), "event-notifications");

    /* The table is consistent: every required role applies to its target, and the
     * block-storage group is exactly the four targets of DOMAIN.md. */
    size_t volumes = 0;
    for (size_t i = 0; i < AZ_TARGET_COUNT; i++) {
        const struct az_target *t = &az_targets[i];
        assert_int_equal(t->kind, i);
        assert_true(t->roles != 0);
        for (size_t k = 0; k < AZ_ROLE_COUNT; k++)
            if (t->roles & (1u << k))
                assert_true(az_rules_role_applies(&az_roles[k], t));
        volumes += (t->flags & AZ_IN_VOLUMES) != 0;
    }
    assert_int_equal(volumes, 4);
}

static void diagnostics_sort_and_count(void **state)
{
    (void)state;
    struct az_ctx ctx;
    az_ctx_init(&ctx);
    struct az_source *a = az_source_from_buffer(&ctx, "a", "x\ny\n", 4);
    struct az_source *b = az_source_from_buffer(&ctx, "b", "z\n", 2);
    az_diag_report(&ctx, AZ_D_ROLE_EXTRA, (struct az_loc){b, 1, 1, 1}, "third");
    az_diag_report(&ctx, AZ_D_SYNTAX, (struct az_loc){a, 2, 1, 1}, "second");
    az_diag_report(&ctx, AZ_D_SYNTAX, (struct az_loc){a, 1, 1, 1}, "first");
    az_diag_report(&ctx, AZ_D_SYNTAX, (struct az_loc){a, 1, 1, 1}, "first"); /* same: dropped */
    assert_int_equal(ctx.diags.n, 3);
    assert_int_equal(ctx.diags.errors, 2);
    assert_int_equal(ctx.diags.warnings, 1);
    az_diag_sort(&ctx);
    assert_string_equal(ctx.diags.v[0]->msg, "first");
    assert_string_equal(ctx.diags.v[2]->msg, "third");
    assert_int_equal(az_diag_exit_status(&ctx, false), 1);
    az_diag_fatal(&ctx, "disk full");
    assert_int_equal(az_diag_exit_status(&ctx, false), 2);
    assert_non_null(az_diag_find("az301"));
    assert_non_null(az_diag_find("role-missing"));
    assert_string_equal(az_diag_suggest("AZ31"), "AZ301");
    az_ctx_fini(&ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_allocates_zeroed_aligned_memory),
        cmocka_unit_test(source_lines_and_positions),
        cmocka_unit_test(source_load_reads_files_and_devices),
        cmocka_unit_test(source_line_table_matches_a_byte_count),
        cmocka_unit_test(walk_entry_same_with_or_without_d_type),
        cmocka_unit_test(suggest_finds_typos_not_strangers),
        cmocka_unit_test(suggest_flag_prefers_a_left_out_word),
        cmocka_unit_test(suggest_flags_names_the_flags_meant),
        cmocka_unit_test(suggest_flags_cut_short_and_two_slips),
        cmocka_unit_test(child_source_places_resolve_into_the_parent),
        cmocka_unit_test(diagnostics_filter_hides_without_editing),
        cmocka_unit_test(rules_resolve_every_spelling),
        cmocka_unit_test(diagnostics_sort_and_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
