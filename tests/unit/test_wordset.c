/*
 * test_wordset.c - the small word set behind stop-word and language-word lookups:
 * every word added is found with its bits, nothing else is, whatever shares its
 * slot, and a set that would be more than half full refuses the words.
 */
#include "harness.h"

#include "wordset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void finds_what_was_added(void **state)
{
    (void)state;
    static tg_wordset w;
    memset(&w, 0, sizeof w);
    static const char *const a[] = {"the", "of", "a", "що", "і", "которые", NULL};
    static const char *const b[] = {"the", "что", "і", NULL};
    assert_int_equal(tg_wordset_add(&w, a, 1), 0);
    assert_int_equal(tg_wordset_add(&w, b, 2), 0);
    assert_int_equal(w.count, 7); /* "the" and "і" once each */
    assert_int_equal(tg_wordset_get(&w, "the", 3), 3);
    assert_int_equal(tg_wordset_get(&w, "of", 2), 1);
    assert_int_equal(tg_wordset_get(&w, "a", 1), 1);
    assert_int_equal(tg_wordset_get(&w, "що", strlen("що")), 1);
    assert_int_equal(tg_wordset_get(&w, "что", strlen("что")), 2);
    assert_int_equal(tg_wordset_get(&w, "і", strlen("і")), 3);
    assert_int_equal(tg_wordset_get(&w, "которые", strlen("которые")), 1);
    /* Prefixes, extensions, other cases, empty and over-long words are not in it. */
    assert_int_equal(tg_wordset_get(&w, "th", 2), 0);
    assert_int_equal(tg_wordset_get(&w, "then", 4), 0);
    assert_int_equal(tg_wordset_get(&w, "The", 3), 0);
    assert_int_equal(tg_wordset_get(&w, "", 0), 0);
    assert_int_equal(tg_wordset_get(&w, "которыекоторые", strlen("которыекоторые")), 0);
}

/* Words that share a home slot must still be told apart: found by search, so that
 * the test does not depend on the mix. And words over TG_WORDSET_EXACT bytes that
 * differ only in the middle, which no key sees, must be told apart by their bytes. */
static void same_slot_words_differ(void **state)
{
    (void)state;
    static tg_wordset w;
    memset(&w, 0, sizeof w);
    static char store[3][8];
    static const char *words[4];
    uint64_t h0, t0, h, t;
    tg_wordset_key((const unsigned char *)"abcde", 5, &h0, &t0);
    size_t home = tg_wordset_slot_of(h0, t0, 5), found = 0;
    for (int i = 0; i < 26 * 26 * 26 && found < 3; i++) {
        char cand[6] = {'a', (char)('a' + i % 26), (char)('a' + i / 26 % 26),
                        (char)('a' + i / 676), 'e', 0};
        tg_wordset_key((const unsigned char *)cand, 5, &h, &t);
        if (tg_wordset_slot_of(h, t, 5) == home)
            memcpy(store[found++], cand, 6);
    }
    assert_int_equal(found, 3); /* "abcde" itself and two others */
    for (int i = 0; i < 3; i++)
        words[i] = store[i];
    words[3] = NULL;
    /* Only the first two go in: the third is probed for along their chain. */
    const char *third = words[2];
    words[2] = NULL;
    assert_int_equal(tg_wordset_add(&w, words, 4), 0);
    assert_int_equal(tg_wordset_get(&w, words[0], 5), 4);
    assert_int_equal(tg_wordset_get(&w, words[1], 5), 4);
    assert_int_equal(tg_wordset_get(&w, third, 5), 0);

    static const char *const longer[] = {"aaaaaaaaXaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                                         NULL};
    assert_int_equal(tg_wordset_add(&w, longer, 8), 0);
    tg_wordset_key((const unsigned char *)"aaaaaaaaXaaaaaaaa", 17, &h0, &t0);
    tg_wordset_key((const unsigned char *)"aaaaaaaaYaaaaaaaa", 17, &h, &t);
    assert_true(h0 == h && t0 == t); /* the keys cannot see byte 8 */
    assert_int_equal(tg_wordset_get(&w, "aaaaaaaaXaaaaaaaa", 17), 8);
    assert_int_equal(tg_wordset_get(&w, "aaaaaaaaYaaaaaaaa", 17), 0);
    assert_int_equal(tg_wordset_get(&w, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 32), 8);
    assert_int_equal(tg_wordset_get(&w, "bbbbbbbbbbbbbbbbcbbbbbbbbbbbbbbb", 32), 0);
}

/* Many random words against a plain search of the list. */
static void agrees_with_a_linear_search(void **state)
{
    (void)state;
    static tg_wordset w;
    memset(&w, 0, sizeof w);
    enum { N = 400 };
    static char store[N][24];
    static const char *list[N + 1];
    uint64_t rng = 12345;
    for (int i = 0; i < N; i++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        int len = 1 + (int)((rng >> 33) % 20);
        for (int k = 0; k < len; k++) /* few letters: many near misses */
            store[i][k] = (char)('a' + ((rng >> (8 + 3 * (k % 8))) + (uint64_t)k / 8) % 4);
        store[i][len] = '\0';
        list[i] = store[i];
    }
    list[N] = NULL;
    assert_int_equal(tg_wordset_add(&w, list, 1), 0);
    char q[24];
    for (int iter = 0; iter < 20000; iter++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        int len = 1 + (int)((rng >> 33) % 21);
        for (int k = 0; k < len; k++)
            q[k] = (char)('a' + ((rng >> (8 + 3 * (k % 8))) + (uint64_t)k / 8) % 4);
        if (iter % 4 == 0) { /* a word of the list, or one byte off it */
            size_t pick = (size_t)(rng >> 40) % N;
            len = (int)strlen(list[pick]);
            memcpy(q, list[pick], (size_t)len);
            if (iter % 8 == 0)
                q[(rng >> 20) % (uint64_t)len] ^= 1;
        }
        int want = 0;
        for (int i = 0; i < N && !want; i++)
            want = strlen(list[i]) == (size_t)len && memcmp(list[i], q, (size_t)len) == 0;
        if ((int)tg_wordset_get(&w, q, (size_t)len) != want)
            fail_msg("'%.*s': set says %u, list says %d", len, q, tg_wordset_get(&w, q, (size_t)len),
                     want);
    }
}

static void refuses_to_fill_up(void **state)
{
    (void)state;
    static tg_wordset w;
    memset(&w, 0, sizeof w);
    static char store[TG_WORDSET_SLOTS][8];
    static const char *list[TG_WORDSET_SLOTS + 1];
    for (int i = 0; i < TG_WORDSET_SLOTS; i++) {
        snprintf(store[i], sizeof store[i], "w%d", i);
        list[i] = store[i];
    }
    list[TG_WORDSET_SLOTS] = NULL;
    assert_int_equal(tg_wordset_add(&w, list, 1), -1);
    assert_true(2 * w.count <= TG_WORDSET_SLOTS);
    static const char *const empty[] = {"", NULL};
    assert_int_equal(tg_wordset_add(&w, empty, 1), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_what_was_added),
        cmocka_unit_test(same_slot_words_differ),
        cmocka_unit_test(agrees_with_a_linear_search),
        cmocka_unit_test(refuses_to_fill_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
