/*
 * test_lang.c - language detection, table-driven from tests/data/lang.cases
 * (expected language, then the text), and on the gold corpora: every article in
 * corpora/<lang>/ must be detected as <lang>, and so must its title line alone.
 */
#include "harness.h"

#include "lang.h"
#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tg_fold fold;

static const char *detect(const char *text, size_t len, tg_token_vec *toks, tg_char_vec *norm)
{
    assert_int_equal(tg_tokenize(&fold, text, len, toks, norm), 0);
    return tg_detect_lang(toks->v, toks->n, norm->v);
}

static void run_cases(void **state)
{
    (void)state;
    tg_fold_init(&fold);
    FILE *fp = fopen(TEST_DATA_DIR "/lang.cases", "r");
    assert_non_null(fp);
    char line[2048], *text; /* line: the expected language */
    int line_no = 0, n = 0, bad = 0, per_lang[3] = {0};
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    while ((text = test_next_case(fp, line, sizeof line, &line_no))) {
        const char *got = detect(text, strlen(text), &toks, &norm);
        if (strcmp(got, line) != 0) {
            print_error("lang.cases:%d: '%s': detected %s, expected %s\n", line_no, text,
                        got, line);
            bad++;
        }
        per_lang[0] += strcmp(line, "en") == 0;
        per_lang[1] += strcmp(line, "uk") == 0;
        per_lang[2] += strcmp(line, "ru") == 0;
        n++;
    }
    fclose(fp);
    vec_free(toks);
    vec_free(norm);
    assert_int_equal(bad, 0);
    for (int i = 0; i < 3; i++)
        assert_true(per_lang[i] >= 20);
}

/* A given language read as a BCP 47 tag: the primary subtag in any case decides. */
static void given_tags(void **state)
{
    (void)state;
    static const struct { const char *tag, *want; } cases[] = {
        {"en", "en"}, {"EN", "en"}, {"en-GB", "en"}, {"en_US", "en"}, {"uk", "uk"},
        {"uk-UA", "uk"}, {"Uk", "uk"}, {"ru-RU", "ru"}, {"RU", "ru"},
        {"und", NULL}, {"UND", NULL}, {"", NULL}, {NULL, NULL},
        {"de", "de"}, {"eng", "eng"}, {"english", "english"}, {"e", "e"}, {"-en", "-en"},
        {"ua", "ua"}, {"enx", "enx"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = tg_lang_given(cases[i].tag);
        if (!cases[i].want)
            assert_null(got);
        else
            assert_string_equal(got, cases[i].want);
    }
}

/* English is decided early only when the Latin words seen outweigh every Cyrillic
 * word of the text, first against a bound from the offsets of the last token (the
 * continuation bytes: one at least in every Cyrillic word), later against their
 * count. At the margin: k Latin words and m one-letter Cyrillic words (each a single
 * continuation byte, so the bound is exact when nothing else has more than a byte),
 * Latin first, Cyrillic first or alternating, after dashes (two continuation bytes each) that loosen the
 * bound, and long enough to pass the point where the words are counted; and with a
 * comma after each word, where the tests between words see the words so far. Neither
 * kind is a list word of English, so a full pass says "en" exactly when k > m. */
static void english_against_every_cyrillic_word(void **state)
{
    (void)state;
    tg_fold_init(&fold);
    static const int counts[] = {0, 1, 2, 3, 4, 5, 6, 31, 32, 33, 63, 64, 65, 66, 100};
    static const int dashes[] = {0, 1, 2, 70};
    const size_t nc = sizeof counts / sizeof *counts;
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    static char text[8192];
    int cases = 0;
    for (size_t a = 0; a < nc; a++)
        for (size_t b = 0; b < nc; b++)
            for (size_t d = 0; d < sizeof dashes / sizeof *dashes; d++)
                for (int order = 0; order < 6; order++) {
                    int k = counts[a], m = counts[b];
                    size_t len = 0;
                    for (int i = 0; i < dashes[d]; i++)
                        len += (size_t)snprintf(text + len, sizeof text - len, "\xE2\x80\x94 ");
                    for (int i = 0, lat = 0, cyr = 0; lat < k || cyr < m; i++) {
                        int latin = order % 3 == 0   ? lat < k
                                    : order % 3 == 1 ? cyr >= m
                                                     : (i % 2 == 0 && lat < k) || cyr >= m;
                        len += (size_t)snprintf(text + len, sizeof text - len, "%s%s ",
                                                latin ? "ab" : "\xD1\x96", /* і */
                                                order >= 3 ? " ," : "");
                        lat += latin;
                        cyr += !latin;
                    }
                    const char *want = k > m ? "en" : m ? "uk" : "und";
                    const char *got = detect(text, len, &toks, &norm);
                    if (strcmp(got, want) != 0)
                        fail_msg("%d Latin, %d Cyrillic words, %d dashes, order %d: %s, want %s",
                                 k, m, dashes[d], order, got, want);
                    cases++;
                }
    assert_true(cases > 5000);
    vec_free(toks);
    vec_free(norm);
}

static void corpora(void **state)
{
    (void)state;
    tg_fold_init(&fold);
    static const char *const langs[] = {"en", "uk", "ru"};
    static const char *const names[] = {"000_68d5fd724831ed0d", "001_ua_tr_grain_istanbul",
                                        "002_de_fr_energy_berlin"};
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    for (size_t l = 0; l < 3; l++) {
        for (size_t a = 0; a < 3; a++) {
            char path[512];
            snprintf(path, sizeof path, "%s/corpora/%s/%s.txt", TEST_SOURCE_DIR, langs[l],
                     names[a]);
            FILE *fp = fopen(path, "rb");
            assert_non_null(fp);
            static char buf[1 << 16];
            size_t len = fread(buf, 1, sizeof buf, fp);
            fclose(fp);
            const char *got = detect(buf, len, &toks, &norm);
            if (strcmp(got, langs[l]) != 0)
                fail_msg("%s: detected %s", path, got);
            /* The first line that reads as a headline (three or more words). */
            const char *p = buf, *end = buf + len;
            while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
                size_t words = 0;
                for (size_t i = 0; i < n; i++)
                    words += p[i] == ' ';
                if (words >= 5) {
                    got = detect(p, n, &toks, &norm);
                    if (strcmp(got, langs[l]) != 0)
                        fail_msg("%s: line '%.*s' detected %s", path, (int)n, p, got);
                    break;
                }
                p = nl ? nl + 1 : end;
            }
        }
    }
    vec_free(toks);
    vec_free(norm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(run_cases), cmocka_unit_test(given_tags),
                                       cmocka_unit_test(english_against_every_cyrillic_word),
                                       cmocka_unit_test(corpora)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
