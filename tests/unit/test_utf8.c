/* test_utf8.c - strict decoding: every kind of invalid UTF-8 is caught at its byte. */
#include "harness.h"

#include "utf8.h"

#include <stdlib.h>
#include <string.h>

typedef struct { const char *name, *bytes; size_t len, bad_at; } case_t;

static const case_t CASES[] = {
    {"ascii", "hello", 5, 5},
    {"cyrillic", "\xD0\xA0\xD0\xBE\xD1\x81", 6, 6},
    {"emoji", "a\xF0\x9F\x98\x80", 5, 5},
    {"nul inside", "a\0b", 3, 3},
    {"stray continuation", "ab\x80", 3, 2},
    {"overlong slash", "x\xC0\xAF", 3, 1},
    {"overlong 3-byte", "\xE0\x80\xAF", 3, 0},
    {"surrogate", "ok\xED\xA0\x80", 5, 2},
    {"above U+10FFFF", "\xF4\x90\x80\x80", 4, 0},
    {"truncated at end", "abc\xE2\x82", 5, 3},
    {"truncated then ascii", "\xE2\x82z", 3, 0},
    {"invalid lead", "\xFF", 1, 0},
};

static void check_finds_first_bad_byte(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        size_t got = tg_utf8_check(CASES[i].bytes, CASES[i].len);
        if (got != CASES[i].bad_at)
            fail_msg("%s: expected %zu, got %zu", CASES[i].name, CASES[i].bad_at, got);
    }
}

static void repair_replaces_each_bad_byte(void **state)
{
    (void)state;
    size_t n;
    char *fixed = tg_utf8_repair("a\xFF" "b\xC0\xAF", 5, &n);
    assert_non_null(fixed);
    assert_string_equal(fixed, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(tg_utf8_check(fixed, n), n);
    free(fixed);
}

static void encode_decode_round_trip(void **state)
{
    (void)state;
    const uint32_t cps[] = {0x41, 0x7FF, 0x800, 0xFFFD, 0x10000, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        size_t n = tg_utf8_put(cps[i], buf);
        size_t at = 0;
        assert_int_equal(tg_utf8_next((const unsigned char *)buf, n, &at), cps[i]);
        assert_int_equal(at, n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_finds_first_bad_byte),
        cmocka_unit_test(repair_replaces_each_bad_byte),
        cmocka_unit_test(encode_decode_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
