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
                                       cmocka_unit_test(corpora)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
