/* test_json_scan.c - the located JSON scanner of lint (compiler/json_scan.c): tokens, their
 * places, the longest-match rules it keeps, and the eight-bytes-at-a-time paths for strings
 * and indentation at every length and alignment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "authzc/arena.h"
#include "authzc/json_scan.h"

struct tok {
    int kind;
    size_t off, len;
    uint32_t line, col;
};

/* Scans text (NUL-terminated, as az_source's is) into out; returns the token count,
 * the final EOF included. */
static size_t scan_all(struct az_arena *a, const char *text, size_t len, struct tok *out,
                       size_t max)
{
    struct az_jl_state st;
    az_jl_init(&st, a, text, len);
    size_t n = 0;
    for (;;) {
        int k = az_jl_next(&st);
        assert_true(n < max);
        out[n++] = (struct tok){k, st.tok_off, st.tok_len, st.tok_line, st.tok_col};
        if (k == AZ_JL_EOF || k == AZ_JL_BAD)
            return n;
    }
}

static void tokens_and_places(void **state)
{
    (void)state;
    struct az_arena *a = az_arena_new();
    const char text[] = "{\n\t\"k\\u00e9\" : [1, -0.5e+3, true, null, False, 'x'\r\n"
                        "  // c\n#h\n/* ; $w \xC3\xA9]\r\n}";
    const struct tok want[] = {
        {AZ_JL_LBRACE, 0, 1, 1, 1},     {AZ_JL_STRING, 3, 9, 2, 2},   {AZ_JL_COLON, 13, 1, 2, 12},
        {AZ_JL_LBRACKET, 15, 1, 2, 14}, {AZ_JL_NUMBER, 16, 1, 2, 15}, {AZ_JL_COMMA, 17, 1, 2, 16},
        {AZ_JL_NUMBER, 19, 7, 2, 18},   {AZ_JL_COMMA, 26, 1, 2, 25},  {AZ_JL_TRUE, 28, 4, 2, 27},
        {AZ_JL_COMMA, 32, 1, 2, 31},    {AZ_JL_NULL, 34, 4, 2, 33},   {AZ_JL_COMMA, 38, 1, 2, 37},
        {AZ_JL_WORD, 40, 5, 2, 39},     {AZ_JL_COMMA, 45, 1, 2, 44},  {AZ_JL_SQUOTE, 47, 3, 2, 46},
        {AZ_JL_COMMENT, 54, 4, 3, 3},   {AZ_JL_COMMENT, 59, 2, 4, 1}, {AZ_JL_COMMENT, 62, 2, 5, 1},
        {AZ_JL_CHAR, 65, 1, 5, 4},      {AZ_JL_WORD, 67, 2, 5, 6},    {AZ_JL_CHAR, 70, 2, 5, 9},
        {AZ_JL_RBRACKET, 72, 1, 5, 11}, {AZ_JL_RBRACE, 75, 1, 6, 1},  {AZ_JL_EOF, 76, 0, 6, 2},
    };
    struct tok got[64];
    size_t n = scan_all(a, text, sizeof text - 1, got, 64);
    assert_int_equal(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(got[i].kind, want[i].kind);
        assert_int_equal(got[i].off, want[i].off);
        assert_int_equal(got[i].len, want[i].len);
        assert_int_equal(got[i].line, want[i].line);
        assert_int_equal(got[i].col, want[i].col);
    }
    /* the decoded string, and EOF again after EOF */
    struct az_jl_state st;
    az_jl_init(&st, a, text, sizeof text - 1);
    az_jl_next(&st);
    assert_int_equal(az_jl_next(&st), AZ_JL_STRING);
    assert_int_equal(st.str_len, 3);
    assert_memory_equal(st.str, "k\xC3\xA9", 4);
    az_jl_init(&st, a, "", 0);
    assert_int_equal(az_jl_next(&st), AZ_JL_EOF);
    assert_int_equal(az_jl_next(&st), AZ_JL_EOF);
    az_arena_free(a);
}

/* What starts like a number is one only if the RFC's grammar covers the whole run of
 * [-+.0-9A-Za-z_] (the longest match of the scanner's two rules). */
static void numbers_and_words_by_longest_match(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int kind;
        size_t len;
    } cases[] = {
        {"0", AZ_JL_NUMBER, 1},    {"-0", AZ_JL_NUMBER, 2},        {"10.25E-3", AZ_JL_NUMBER, 8},
        {"1e5,", AZ_JL_NUMBER, 3}, {"1]", AZ_JL_NUMBER, 1},        {"7$", AZ_JL_NUMBER, 1},
        {"01", AZ_JL_BAD, 2},      {"1.5e", AZ_JL_BAD, 4},         {"-", AZ_JL_BAD, 1},
        {"+1", AZ_JL_BAD, 2},      {".5", AZ_JL_BAD, 2},           {"1.x", AZ_JL_BAD, 3},
        {"0x1F", AZ_JL_BAD, 4},    {"-Infinity", AZ_JL_BAD, 9},    {"1-2", AZ_JL_BAD, 3},
        {"true", AZ_JL_TRUE, 4},   {"trueX", AZ_JL_WORD, 5},       {"false", AZ_JL_FALSE, 5},
        {"null_", AZ_JL_WORD, 5},  {"$ref", AZ_JL_WORD, 4},        {"'a\nb'", AZ_JL_SQUOTE, 2},
        {"'ab", AZ_JL_SQUOTE, 3},  {"/x", AZ_JL_CHAR, 1},          {"\x7F", AZ_JL_CHAR, 1},
        {"\xC3", AZ_JL_BAD, 0},    {"\xED\xA0\x80", AZ_JL_BAD, 0},
    };
    struct az_arena *a = az_arena_new();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct az_jl_state st;
        az_jl_init(&st, a, cases[i].text, strlen(cases[i].text));
        int k = az_jl_next(&st);
        if (k != cases[i].kind)
            fail_msg("'%s': token %d, want %d", cases[i].text, k, cases[i].kind);
        if (cases[i].len && st.tok_len != cases[i].len)
            fail_msg("'%s': length %zu, want %zu", cases[i].text, st.tok_len, cases[i].len);
        if (k == AZ_JL_BAD)
            assert_non_null(st.err_msg);
    }
    az_arena_free(a);
}

/* A string of n 'a's with one special byte at k, after pad blanks: the eight-byte path must
 * stop exactly where the byte-at-a-time rule does, wherever the byte falls. */
static void strings_at_every_length_and_alignment(void **state)
{
    (void)state;
    static const char *const special[] = {"\"", "\\a", "\x01", "\xC3\xA9", "\\n", "\x7F", "\x00"};
    struct az_arena *a = az_arena_new();
    char buf[128];
    for (size_t pad = 0; pad < 9; pad++)
        for (size_t n = 0; n < 26; n++)
            for (size_t k = 0; k <= n; k++)
                for (size_t s = 0; s < sizeof special / sizeof special[0]; s++) {
                    size_t sl = s == 6 ? 1 : strlen(special[s]), len = 0;
                    memset(buf, ' ', pad);
                    len = pad;
                    buf[len++] = '"';
                    memset(buf + len, 'a', k);
                    len += k;
                    memcpy(buf + len, special[s], sl);
                    len += sl;
                    memset(buf + len, 'a', n - k);
                    len += n - k;
                    buf[len++] = '"';
                    buf[len] = '\0';
                    struct az_jl_state st;
                    az_jl_init(&st, a, buf, len);
                    int tok = az_jl_next(&st);
                    assert_int_equal(st.tok_off, pad);
                    assert_int_equal(st.tok_col, pad + 1);
                    switch (s) {
                    case 0: /* the string ends at the '"' */
                        assert_int_equal(tok, AZ_JL_STRING);
                        assert_int_equal(st.str_len, k);
                        assert_int_equal(st.tok_len, k + 2);
                        break;
                    case 1: /* \a is no escape: the error is at the backslash */
                    case 2: /* a raw control character */
                    case 6: /* NUL */
                        assert_int_equal(tok, AZ_JL_BAD);
                        assert_int_equal(st.err_off, pad + 1 + k);
                        assert_int_equal(st.tok_len, k + 1);
                        break;
                    default: /* kept (é, DEL) or decoded (\n) */
                        assert_int_equal(tok, AZ_JL_STRING);
                        assert_int_equal(st.tok_len, len - pad);
                        assert_int_equal(st.str_len, n + (s == 4 ? 1 : sl));
                        assert_int_equal(st.str[k], s == 4 ? '\n' : special[s][0]);
                        assert_int_equal(st.str[st.str_len], '\0');
                    }
                }
    az_arena_free(a);
}

/* Lines and columns after indentation of every width, in spaces, tabs and CRLF. */
static void indentation_of_every_width(void **state)
{
    (void)state;
    struct az_arena *a = az_arena_new();
    char buf[128];
    for (size_t w = 0; w < 40; w++)
        for (int crlf = 0; crlf < 2; crlf++) {
            size_t len = 0;
            buf[len++] = '[';
            if (crlf)
                buf[len++] = '\r';
            buf[len++] = '\n';
            for (size_t i = 0; i < w; i++)
                buf[len++] = i % 11 == 10 ? '\t' : ' ';
            buf[len++] = '1';
            buf[len] = '\0';
            struct az_jl_state st;
            az_jl_init(&st, a, buf, len);
            assert_int_equal(az_jl_next(&st), AZ_JL_LBRACKET);
            assert_int_equal(az_jl_next(&st), AZ_JL_NUMBER);
            assert_int_equal(st.tok_line, 2);
            assert_int_equal(st.tok_col, w + 1);
            assert_int_equal(st.line, 2);
            assert_int_equal(st.col, w + 2); /* just after the token */
            assert_int_equal(az_jl_next(&st), AZ_JL_EOF);
        }
    az_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokens_and_places),
        cmocka_unit_test(numbers_and_words_by_longest_match),
        cmocka_unit_test(strings_at_every_length_and_alignment),
        cmocka_unit_test(indentation_of_every_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
