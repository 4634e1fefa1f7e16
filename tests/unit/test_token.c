/*
 * test_token.c - the tokenizer, table-driven from tests/data/tokens.cases:
 * each case is a text and the folded tokens it must give, separated by " | ".
 */
#include "harness.h"

#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tg_fold fold;

static void run_cases(void **state)
{
    (void)state;
    FILE *fp = fopen(TEST_DATA_DIR "/tokens.cases", "r");
    assert_non_null(fp);
    char line[1024];
    int n = 0, line_no = 0;
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    while (fgets(line, sizeof line, fp)) {
        line_no++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        const char *text = line, *expect = tab + 1;
        assert_int_equal(tg_tokenize(&fold, text, strlen(text), &toks, &norm), 0);
        char got[1024] = "";
        for (size_t i = 0; i < toks.n; i++) {
            if (i)
                strcat(got, " | ");
            strncat(got, norm.v + toks.v[i].norm_off, toks.v[i].norm_len);
            if (toks.v[i].flags & TK_POSSESSIVE)
                strcat(got, "+'s");
        }
        if (strcmp(got, expect) != 0)
            fail_msg("tokens.cases:%d: '%s'\n  expected: %s\n  got:      %s", line_no, text,
                     expect, got);
        n++;
    }
    fclose(fp);
    vec_free(toks);
    vec_free(norm);
    assert_true(n >= 10);
}

static void offsets_slice_the_input(void **state)
{
    (void)state;
    const char *text = "Росія’s «Роскосмос» — NASA’s partner, U.S.";
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    assert_int_equal(tg_tokenize(&fold, text, strlen(text), &toks, &norm), 0);
    size_t cps = 0, byte = 0;
    for (size_t i = 0; i < toks.n; i++) {
        const tg_token *t = &toks.v[i];
        for (; byte < t->byte_start; byte++)
            cps += ((text[byte] & 0xC0) != 0x80);
        assert_int_equal(t->cp_start, cps);
        for (; byte < t->byte_end; byte++)
            cps += ((text[byte] & 0xC0) != 0x80);
        assert_int_equal(t->cp_end, cps);
    }
    /* "NASA’s" ends before the apostrophe and is possessive. */
    int found = 0;
    for (size_t i = 0; i < toks.n; i++)
        if (toks.v[i].norm_len == 4 && !memcmp(norm.v + toks.v[i].norm_off, "nasa", 4)) {
            assert_memory_equal(text + toks.v[i].byte_start, "NASA", 4);
            assert_int_equal(toks.v[i].byte_end - toks.v[i].byte_start, 4);
            assert_true(toks.v[i].flags & TK_POSSESSIVE);
            found = 1;
        }
    assert_true(found);
    vec_free(toks);
    vec_free(norm);
}

/* Flags: each word's, whether its letters are ASCII or not. */
static void flags_of_words(void **state)
{
    (void)state;
    static const struct {
        const char *word;
        uint32_t set, clear;
    } cases[] = {
        {"Paris", TK_WORD | TK_FIRST_UPPER | TK_HAS_UPPER | TK_HAS_LOWER, TK_DIGIT | TK_CYRILLIC},
        {"5G", TK_WORD | TK_FIRST_UPPER | TK_HAS_UPPER | TK_DIGIT, TK_HAS_LOWER},
        {"iPhone", TK_WORD | TK_HAS_UPPER | TK_HAS_LOWER, TK_FIRST_UPPER},
        {"Su34", TK_WORD | TK_FIRST_UPPER | TK_DIGIT, TK_CYRILLIC},
        {"nASA", TK_WORD | TK_HAS_UPPER, TK_FIRST_UPPER},
        {"2024р", TK_WORD | TK_DIGIT | TK_CYRILLIC | TK_HAS_LOWER, TK_FIRST_UPPER},
        {"9Київ", TK_WORD | TK_DIGIT | TK_CYRILLIC | TK_FIRST_UPPER, 0},
        {"Kyiv’ська", TK_WORD | TK_FIRST_UPPER | TK_CYRILLIC, 0},
        {"résumé", TK_WORD | TK_HAS_LOWER, TK_HAS_UPPER},
    };
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *w = cases[i].word;
        assert_int_equal(tg_tokenize(&fold, w, strlen(w), &toks, &norm), 0);
        if (toks.n != 1)
            fail_msg("'%s': %zu tokens, expected 1", w, toks.n);
        uint32_t f = toks.v[0].flags;
        if ((f & cases[i].set) != cases[i].set || (f & cases[i].clear))
            fail_msg("'%s': flags %#x, want %#x set and %#x clear", w, f, cases[i].set,
                     cases[i].clear);
    }
    vec_free(toks);
    vec_free(norm);
}

int main(void)
{
    tg_fold_init(&fold);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(run_cases),
        cmocka_unit_test(offsets_slice_the_input),
        cmocka_unit_test(flags_of_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
