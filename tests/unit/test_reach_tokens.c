/*
 * test_reach_tokens.c - the tokens' "no digit in time" (reach_tokens.h) never says no
 * where the byte-by-byte check (tg_pf_reach_met) would say yes.
 *
 * Random texts of words, figures, punctuation, control characters, whitespace of
 * every kind, apostrophes, possessives and combining marks are tokenized, and every
 * character of every token is a start, for reaches of digits of many lengths. The
 * same texts show that no token holds whitespace (where rules.c's follow check
 * starts its walk).
 */
#include "harness.h"

#include "prefilter.h"
#include "reach_tokens.h"
#include "token.h"

#include <stdio.h>
#include <string.h>

static tg_fold fold;

/* The soundness argument's premise: no character that may be in a word token is
 * whitespace tg_pf_skip_len passes over, or an ASCII control character. */
static void test_word_chars_counted(void **state)
{
    (void)state;
    tg_fold_init(&fold);
    static const uint32_t blanks[] = {0x85,   0xA0,   0x1680, 0x180E, 0x2000, 0x2001, 0x2002,
                                      0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009,
                                      0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
    for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++)
        assert_false(tg_fold_get(&fold, blanks[i]).cls & (TG_C_WORD | TG_C_APOS));
    for (uint32_t c = 0; c <= ' '; c++)
        assert_false(tg_fold_get(&fold, c).cls & (TG_C_WORD | TG_C_APOS));
}

/* Random texts: words, figures, punctuation, control characters and whitespace of
 * every kind between them (and inside: U+180E and a no-break space cut a word). */
static const char *const pieces[] = {
    "the", "The", "in", "year", "early", "1990s", "2019", "1", "22", "x", "a",
    "Wednesday", "Mon.", "Russia's", "don't", "O'Brien", "\xe2\x80\x99s", "caf\xc3\xa9",
    "e\xcc\x81t\xc3\xa9", "\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2", "\xd9\xa3", "\xc2\xb2", "5G",
    ".", ",", "(", "-", "\xe2\x80\x94", "\xe2\x80\x9c", "\x01", "\x7f", "\x1b",
    "\xe2\x80\x8b", "\xe1\xa0\x8e", "$", "%", "'", "\xe2\x84\xaa",
    "a\xe1\xa0\x8e" "b", "x\xc2\xa0y", "co\xc2\xadop", "\xd0\x9a\xe2\x80\xafw",
};
static const char *const gaps[] = {" ", "", "  ", "\t", "\xc2\xa0", "\xe2\x80\x83", "\n",
                                   "\x0b", "\x01", " \x01 ", " ", " ", "\xe3\x80\x80",
                                   " \xc2\xa0", "\xc2\x85", "\xe1\x9a\x80"};

/* The text of 50 random pieces and gaps in text (2048 bytes); its length. */
static size_t random_text(unsigned long *seed, char *text, size_t room)
{
    size_t n = 0;
    for (int w = 0; w < 50; w++) {
        *seed = *seed * 6364136223846793005ul + 1442695040888963407ul;
        const char *p = pieces[(*seed >> 33) % (sizeof pieces / sizeof pieces[0])];
        const char *g = gaps[(*seed >> 17) % (sizeof gaps / sizeof gaps[0])];
        if ((*seed >> 40) % 3 == 0)
            p = pieces[(*seed >> 45) % 8]; /* more of the words than the rest */
        n += (size_t)snprintf(text + n, room - n, "%s%s", p, g);
    }
    return n;
}

/* No character of any token is whitespace that tg_pf_skip_len passes over: what
 * rules.c's reaches_met relies on when it looks for a match's first stretch of
 * whitespace from the end of the token where the match starts. */
static void test_tokens_hold_no_blank(void **state)
{
    (void)state;
    tg_fold_init(&fold);
    tg_token_vec tokens = {0};
    tg_char_vec norm = {0};
    unsigned long seed = 4242, chars = 0;
    char text[2048];
    for (int doc = 0; doc < 400; doc++) {
        size_t n = random_text(&seed, text, sizeof text);
        assert_int_equal(tg_tokenize(&fold, text, n, &tokens, &norm), 0);
        for (size_t t = 0; t < tokens.n; t++)
            for (size_t at = tokens.v[t].byte_start; at < tokens.v[t].byte_end; at++) {
                if (((unsigned char)text[at] & 0xC0) == 0x80)
                    continue;
                chars++;
                size_t blank = tg_pf_skip_len((const unsigned char *)text + at,
                                              (const unsigned char *)text + n);
                if (blank)
                    fail_msg("doc %d: token %zu ('%.*s') holds whitespace at byte %zu", doc,
                             t, (int)(tokens.v[t].byte_end - tokens.v[t].byte_start),
                             text + tokens.v[t].byte_start, at);
            }
    }
    assert_true(chars > 10000); /* not an empty look */
    vec_free(tokens);
    vec_free(norm);
}

static void test_never_wrong(void **state)
{
    (void)state;
    tg_fold_init(&fold);
    static const uint64_t masks[] = {0x3FFull << '0', 0x6ull << '0', 0x301ull << '0',
                                     0x3FEull << '0'};
    /* the same as ranges, for tg_pf_reach_met's eight bytes at a time */
    static const struct { uint8_t n, lo[2], hi[2]; } ranges[] = {
        {1, {'0'}, {'9'}}, {1, {'1'}, {'2'}}, {2, {'0', '8'}, {'0', '9'}}, {1, {'1'}, {'9'}}};
    tg_token_vec tokens = {0};
    tg_char_vec norm = {0};
    unsigned long seed = 777, said_out = 0, starts = 0;
    char text[2048];
    for (int doc = 0; doc < 400; doc++) {
        size_t n = random_text(&seed, text, sizeof text);
        assert_int_equal(tg_tokenize(&fold, text, n, &tokens, &norm), 0);
        for (size_t t = 0; t < tokens.n; t++) {
            for (size_t at = tokens.v[t].byte_start; at < tokens.v[t].byte_end; at++) {
                if (((unsigned char)text[at] & 0xC0) == 0x80)
                    continue;
                starts++;
                for (size_t k = 0; k < sizeof masks / sizeof masks[0]; k++)
                    for (uint32_t reach = 0; reach < 24; reach += 1 + reach / 4) {
                        tg_pf_reach c = {{masks[k], 0}, reach, 0, {0}, {0}, 0};
                        seed = seed * 6364136223846793005ul + 1442695040888963407ul;
                        if ((seed >> 20) % 2) { /* or read eight at a time */
                            c.nranges = ranges[k].n;
                            memcpy(c.lo, ranges[k].lo, ranges[k].n);
                            memcpy(c.hi, ranges[k].hi, ranges[k].n);
                        }
                        assert_true(tg_reach_of_digits(&c));
                        if (!tg_reach_tokens_out(tokens.v, tokens.n, t, at, text, reach))
                            continue;
                        said_out++;
                        size_t to = (seed >> 30) % 2 ? n : at + (seed >> 33) % (n - at + 1);
                        while (to < n && ((unsigned char)text[to] & 0xC0) == 0x80)
                            to++;
                        if (tg_pf_reach_met(&c, text, at, to))
                            fail_msg("doc %d: start %zu ('%.20s'), reach %u of mask %zu: the "
                                     "tokens say no digit in time, the bytes say one is",
                                     doc, at, text + at, reach, k);
                    }
            }
        }
    }
    print_message("%lu starts, %lu no's from the tokens\n", starts, said_out);
    assert_true(said_out > 10000);
    /* Reaches it may not speak for. */
    tg_pf_reach letters = {{0, 1ull << ('A' - 64)}, 5, 0, {0}, {0}, 0};
    tg_pf_reach words_only = {{0x3FFull << '0', 0}, TG_PF_REACH_NONE, 0, {0}, {0}, 3};
    tg_pf_reach dot = {{(0x3FFull << '0') | (1ull << '.'), 0}, 5, 0, {0}, {0}, 0};
    assert_false(tg_reach_of_digits(&letters));
    assert_false(tg_reach_of_digits(&words_only));
    assert_false(tg_reach_of_digits(&dot));
    vec_free(tokens);
    vec_free(norm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_chars_counted),
        cmocka_unit_test(test_never_wrong),
        cmocka_unit_test(test_tokens_hold_no_blank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
