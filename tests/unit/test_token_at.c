/*
 * test_token_at.c - the token at a byte, and a byte's code point offset, against
 * a walk from the start.
 *
 * tg_token_at_from gallops from a token before the answer, so it is checked from
 * every such token. tg_token_cp_at counts only from the nearest token, so it is
 * checked at every byte
 * of random texts (Latin, Cyrillic, three- and four-byte characters, punctuation,
 * runs of spaces and newlines, text before the first token): at token starts,
 * inside tokens, in the gaps, and past the last token. tg_count_cp, which counts a
 * word at a time, is checked on every span of random bytes.
 */
#include "harness.h"

#include "token.h"
#include "token_at.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static tg_fold fold;

static size_t slow_token_at(const tg_token *t, size_t n, uint32_t byte)
{
    size_t i = 0;
    while (i < n && t[i].byte_start < byte)
        i++;
    return i;
}

static size_t slow_cp(const char *s, size_t n)
{
    size_t cp = 0;
    for (size_t i = 0; i < n; i++)
        cp += ((unsigned char)s[i] & 0xC0) != 0x80;
    return cp;
}

static void offsets_match_a_walk(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "Kyiv", "Київ", "Москва", " ", "  ", "\n", "\n\n", ",", ".", "—", "«", "»", "€5",
        "2024", "O'Brien", "м'ясо", "😀", "中文", "Russia's", "\t", "x", "(RDIF)",
    };
    size_t npieces = sizeof pieces / sizeof pieces[0];
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    char text[2048];
    uint32_t x = 7;
    for (int round = 0; round < 400; round++) {
        size_t len = 0;
        size_t want = (size_t)(round % 60);
        for (size_t k = 0; k < want; k++) {
            x = x * 1103515245u + 12345u;
            const char *p = pieces[(x >> 16) % npieces];
            size_t n = strlen(p);
            if (len + n >= sizeof text)
                break;
            memcpy(text + len, p, n);
            len += n;
        }
        assert_int_equal(tg_tokenize(&fold, text, len, &toks, &norm), 0);
        for (uint32_t b = 0; b <= len; b++) {
            size_t at = slow_token_at(toks.v, toks.n, b);
            assert_int_equal(tg_token_at(toks.v, toks.n, b), at);
            /* From any token at or before the answer. */
            for (size_t from = 0; from <= at; from++)
                assert_int_equal(tg_token_at_from(toks.v, toks.n, from, b), at);
            if (b < len && ((unsigned char)text[b] & 0xC0) == 0x80)
                continue; /* offsets are asked for at character boundaries */
            assert_int_equal(tg_token_cp_at(toks.v, toks.n, text, b), slow_cp(text, b));
            assert_int_equal(tg_count_cp(text, b), slow_cp(text, b));
        }
    }
    vec_free(toks);
    vec_free(norm);
}

/* tg_count_cp reads eight bytes at a time and the last few by one load shifted:
 * every span of random bytes (any byte counts as its class says, valid UTF-8 or not),
 * at every alignment and length, against a byte by byte count. */
static void count_cp_matches_a_count_at_every_span(void **state)
{
    (void)state;
    static const unsigned char kinds[] = {'a', ' ', 0x80, 0xBF, 0xC0, 0xD0, 0xE2, 0xF0, 0x7F, 0x40};
    unsigned char buf[80];
    uint32_t x = 11;
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = (x >> 20) & 1 ? kinds[(x >> 16) % sizeof kinds] : (unsigned char)(x >> 8);
        }
        for (size_t from = 0; from < sizeof buf; from++)
            for (size_t to = from; to <= sizeof buf; to++)
                assert_int_equal(tg_count_cp((const char *)buf + from, to - from),
                                 slow_cp((const char *)buf + from, to - from));
    }
}

int main(void)
{
    tg_fold_init(&fold);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(offsets_match_a_walk),
        cmocka_unit_test(count_cp_matches_a_count_at_every_span),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
