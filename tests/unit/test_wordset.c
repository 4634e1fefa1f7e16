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

/* Words with the same length, first, middle and last bytes share a home slot: they
 * must still be told apart by their other bytes. */
static void same_slot_words_differ(void **state)
{
    (void)state;
    static tg_wordset w;
    memset(&w, 0, sizeof w);
    static const char *const words[] = {"abcde", "axcye", "abcye", NULL};
    assert_int_equal(tg_wordset_add(&w, words, 4), 0);
    assert_int_equal(tg_wordset_slot_of((const unsigned char *)"abcde", 5),
                     tg_wordset_slot_of((const unsigned char *)"axcye", 5));
    assert_int_equal(tg_wordset_get(&w, "abcde", 5), 4);
    assert_int_equal(tg_wordset_get(&w, "axcye", 5), 4);
    assert_int_equal(tg_wordset_get(&w, "abcye", 5), 4);
    assert_int_equal(tg_wordset_get(&w, "axcde", 5), 0);
    assert_int_equal(tg_wordset_get(&w, "aqcqe", 5), 0);
}

/* Many random words against a plain search of the list. */
static void agrees_with_a_linear_search(void **state)
{
    (void)state;
    static tg_wordset w;
    memset(&w, 0, sizeof w);
    enum { N = 400 };
    static char store[N][8];
    static const char *list[N + 1];
    uint64_t rng = 12345;
    for (int i = 0; i < N; i++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        int len = 1 + (int)((rng >> 33) % 6);
        for (int k = 0; k < len; k++)
            store[i][k] = (char)('a' + (rng >> (8 + 3 * k)) % 4); /* few letters: many near misses */
        store[i][len] = '\0';
        list[i] = store[i];
    }
    list[N] = NULL;
    assert_int_equal(tg_wordset_add(&w, list, 1), 0);
    char q[8];
    for (int iter = 0; iter < 20000; iter++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        int len = 1 + (int)((rng >> 33) % 7);
        for (int k = 0; k < len; k++)
            q[k] = (char)('a' + (rng >> (8 + 3 * k)) % 4);
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
