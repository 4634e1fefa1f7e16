/*
 * test_inflect.c - choosing a paradigm from an alias word's ending, and which text
 * forms that paradigm accepts: table-driven from tests/data/inflect.cases (one alias
 * word, its expected class, forms that must match and forms that must not).
 */
#include "harness.h"

#include "inflect.h"
#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tg_fold fold;
static tg_inflect inf;

static int setup(void **state)
{
    (void)state;
    tg_fold_init(&fold);
    return tg_inflect_init(&inf);
}

static int teardown(void **state)
{
    (void)state;
    tg_inflect_free(&inf);
    return 0;
}

/* Fold a single word as text is folded; the result lives in norm. */
static const char *folded(const char *word, size_t *len, tg_token_vec *toks, tg_char_vec *norm)
{
    assert_int_equal(tg_tokenize(&fold, word, strlen(word), toks, norm), 0);
    if (toks->n != 1)
        fail_msg("'%s' is not one token", word);
    *len = toks->v[0].norm_len;
    return norm->v + toks->v[0].norm_off;
}

/* Does some split of form into stem + ending find (cls, stem)? This is the
 * matcher's question, asked of one alias. */
static int accepts(int cls, const char *stem, size_t stem_len, const char *form, size_t len)
{
    if (len < stem_len || memcmp(form, stem, stem_len) != 0)
        return 0;
    return (tg_inflect_classes_for(&inf, form + stem_len, len - stem_len) >> cls) & 1;
}

static void run_cases(void **state)
{
    (void)state;
    FILE *fp = fopen(TEST_DATA_DIR "/inflect.cases", "r");
    assert_non_null(fp);
    char line[2048];
    int line_no = 0, n = 0, forms = 0;
    tg_token_vec toks = {0};
    tg_char_vec norm = {0};
    char stem[256];
    while (fgets(line, sizeof line, fp)) {
        line_no++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *f[5] = {0};
        size_t nf = 0;
        for (char *p = line; nf < 5;) {
            f[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (nf != 3 && nf != 5)
            fail_msg("inflect.cases:%d: expected 3 or 5 tab-separated fields", line_no);
        size_t wlen, stem_len = 0;
        const char *w = folded(f[1], &wlen, &toks, &norm);
        int cls = tg_inflect_classify(f[0], w, wlen, &stem_len);
        if (strcmp(tg_inflect_class_name(cls), f[2]) != 0)
            fail_msg("inflect.cases:%d: %s '%s': class '%s', expected '%s'", line_no, f[0],
                     f[1], tg_inflect_class_name(cls), f[2]);
        n++;
        if (cls < 0)
            continue;
        assert_true(stem_len < sizeof stem);
        memcpy(stem, w, stem_len);
        for (int want = 1; want >= 0; want--) {
            char *list = f[want ? 3 : 4];
            if (strcmp(list, "-") == 0)
                continue;
            for (char *tok = strtok(list, " "); tok; tok = strtok(NULL, " ")) {
                size_t flen;
                const char *form = folded(tok, &flen, &toks, &norm);
                if (accepts(cls, stem, stem_len, form, flen) != want)
                    fail_msg("inflect.cases:%d: %s '%s' (%s, stem '%.*s') %s '%s'", line_no,
                             f[0], f[1], f[2], (int)stem_len, stem,
                             want ? "should accept" : "must not accept", tok);
                forms++;
            }
        }
    }
    fclose(fp);
    vec_free(toks);
    vec_free(norm);
    assert_true(n >= 60);
    assert_true(forms >= 300);
}

/* Every class's own nominative is among its endings, and is recognised as such. */
static void nominatives_are_endings(void **state)
{
    (void)state;
    static const char *const words[][2] = {{"uk", "росія"}, {"uk", "путін"}, {"uk", "київ"},
                                           {"ru", "путин"}, {"ru", "российская"}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t stem_len;
        const char *w = words[i][1];
        int cls = tg_inflect_classify(words[i][0], w, strlen(w), &stem_len);
        assert_true(cls >= 0);
        assert_true(accepts(cls, w, stem_len, w, strlen(w)));
        assert_true(tg_inflect_is_nominative(cls, w + stem_len, strlen(w) - stem_len));
        assert_false(tg_inflect_is_nominative(cls, "ою", strlen("ою")));
    }
}

/* Every class's nominative is its own, and neither a prefix of it, nor it with a
 * letter more, nor (for a longer one) another class's is. */
static void nominative_compares_whole_ending(void **state)
{
    (void)state;
    const char *nom;
    for (int c = 0; (nom = tg_inflect_class_nominative(c)) != NULL; c++) {
        size_t n = strlen(nom);
        char longer[32];
        assert_true(n + 3 <= sizeof longer);
        memcpy(longer, nom, n);
        memcpy(longer + n, "а", 3);
        assert_true(tg_inflect_is_nominative(c, nom, n));
        assert_false(tg_inflect_is_nominative(c, longer, n + 2));
        if (n)
            assert_false(tg_inflect_is_nominative(c, nom, n - 1));
        for (int d = 0; tg_inflect_class_nominative(d) != NULL; d++) {
            const char *other = tg_inflect_class_nominative(d);
            assert_int_equal(tg_inflect_is_nominative(c, other, strlen(other)),
                             strcmp(other, nom) == 0);
        }
    }
}

static void common_words(void **state)
{
    (void)state;
    assert_true(tg_inflect_is_common(&inf, "она", strlen("она")));
    assert_true(tg_inflect_is_common(&inf, "коли", strlen("коли")));
    assert_false(tg_inflect_is_common(&inf, "росії", strlen("росії")));
    assert_false(tg_inflect_is_common(&inf, "путіна", strlen("путіна")));
    /* Each has a Cyrillic letter (U+0400..U+04FF: a lead byte 0xD0..0xD3): tag.c asks
     * the list only for tokens that have one. */
    for (const char *const *w = tg_inflect_common_words(); *w; w++) {
        int cyrillic = 0;
        for (const unsigned char *c = (const unsigned char *)*w; *c; c++)
            cyrillic |= *c >= 0xD0 && *c <= 0xD3;
        if (!cyrillic)
            fail_msg("common word \"%s\" has no Cyrillic letter", *w);
    }
}

static void other_languages_do_not_inflect(void **state)
{
    (void)state;
    size_t stem_len;
    assert_int_equal(tg_inflect_classify("en", "russia", 6, &stem_len), -1);
    assert_int_equal(tg_inflect_classify("be", "расія", strlen("расія"), &stem_len), -1);
}

/* Code points, as the tokenizer counts them for the matcher. */
static size_t cps_of(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* The splits of text + the split that must be there: does split[] hold (cut, cls)?
 * And is every split sound: its classes take its ending, stems get shorter? */
static int splits_have(const char *word, size_t len, size_t cut, int cls)
{
    tg_inflect_split split[TG_INFLECT_MAX_ENDING + 1];
    size_t n = tg_inflect_splits(word, len, cps_of(word, len), split);
    assert_true(n <= TG_INFLECT_MAX_ENDING + 1);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(split[i].cut <= len);
        if (i > 0)
            assert_true(split[i].cut < split[i - 1].cut);
        uint64_t takes = tg_inflect_classes_for(&inf, word + split[i].cut, len - split[i].cut);
        if (split[i].classes & ~takes)
            fail_msg("'%.*s' split at %zu: classes %llx, the ending takes %llx", (int)len, word,
                     split[i].cut, (unsigned long long)split[i].classes,
                     (unsigned long long)takes);
        if (split[i].cut == cut && ((split[i].classes >> cls) & 1))
            found = 1;
    }
    return found;
}

/* Every (class, stem) under which an alias word can be stored (tg_inflect_classify
 * chose that class and that stem) must be found again by tg_inflect_splits in each
 * inflected form stem + ending: the splits filter must never drop a real match. The
 * stems are random letters with the tails the classes look at. */
static void splits_find_every_stored_stem(void **state)
{
    (void)state;
    static const char *const LETTERS[] = {"а", "б", "в", "г", "ґ", "д", "е", "є", "ж", "з", "и",
                                          "і", "ї", "й", "к", "л", "м", "н", "о", "п", "р", "с",
                                          "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "ь", "ю", "я",
                                          "ы", "э", "ъ", "'"};
    static const char *const TAILS[] = {"", "ов", "ев", "єв", "ін", "їн", "ин", "ын", "ськ",
                                        "цьк", "зьк", "ств", "цтв", "жж", "лл", "нн", "тт", "'",
                                        "к", "г", "х", "ж", "ч", "ш", "щ", "ц", "р", "л", "н"};
    const size_t nl = sizeof LETTERS / sizeof LETTERS[0], nt = sizeof TAILS / sizeof TAILS[0];
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    size_t stored = 0, checked = 0;
    int classes = 0;
    while (tg_inflect_class_lang(classes))
        classes++;
    assert_true(classes > 10);
    for (int round = 0; round < 3000; round++) {
        char stem[64] = "";
        xorshift(&x);
        size_t letters = 1 + x % 4;
        for (size_t i = 0; i < letters; i++)
            strcat(stem, LETTERS[(x >> (8 + 6 * i)) % nl]);
        strcat(stem, TAILS[(x >> 40) % nt]);
        size_t sl = strlen(stem);
        for (int c = 0; c < classes; c++) {
            char word[128];
            snprintf(word, sizeof word, "%s%s", stem, tg_inflect_class_nominative(c));
            size_t stem_len;
            if (tg_inflect_classify(tg_inflect_class_lang(c), word, strlen(word), &stem_len) != c ||
                stem_len != sl)
                continue;
            stored++;
            for (size_t k = 0; tg_inflect_class_ending(c, k); k++) {
                snprintf(word, sizeof word, "%s%s", stem, tg_inflect_class_ending(c, k));
                if (!splits_have(word, strlen(word), sl, c))
                    fail_msg("'%s' (stem '%s', %s): no split finds it", word, stem,
                             tg_inflect_class_name(c));
                checked++;
            }
        }
    }
    /* Enough stems were storable for this to mean something. */
    assert_true(stored >= 1000);
    assert_true(checked >= 5000);
}

/* A word whose last letter ends no ending has at most the split with the empty
 * ending (the whole word as the stem): a Latin word, a Cyrillic word in -щ. A word
 * in -ою is read with the endings -ою and -ю as well. */
static void splits_stop_early(void **state)
{
    (void)state;
    tg_inflect_split split[TG_INFLECT_MAX_ENDING + 1];
    static const char *const WORDS[] = {"paris", "лондонщ"};
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++) {
        size_t len = strlen(WORDS[i]), n = tg_inflect_splits(WORDS[i], len, cps_of(WORDS[i], len), split);
        assert_true(n <= 1);
        if (n == 1)
            assert_int_equal(split[0].cut, len);
    }
    const char *w = "москвою";
    size_t len = strlen(w), n = tg_inflect_splits(w, len, cps_of(w, len), split), seen = 0;
    for (size_t i = 0; i < n; i++)
        seen |= (size_t)(split[i].cut == len - strlen("ою")) | (size_t)(split[i].cut == len - strlen("ю")) << 1;
    assert_int_equal(seen, 3);
}

/* tg_inflect_classify reads measured tables, longest nominative first; it must
 * choose what the rule as written (tg_inflect_classify_reference) chooses, class and
 * stem, for every word: random letters with the tails the stem conditions look at,
 * then each class's nominative, each of its endings, or nothing, in uk, ru and a
 * language without paradigms. */
#define MAX_ENDINGS_TRIED 16 /* at least any class's endings */

static void classify_agrees_with_reference(void **state)
{
    (void)state;
    static const char *const LETTERS[] = {"а", "б", "в", "г", "ґ", "д", "е", "є", "ж", "з", "и",
                                          "і", "ї", "й", "к", "л", "м", "н", "о", "п", "р", "с",
                                          "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "ь", "ю", "я",
                                          "ы", "э", "ъ", "ё", "'", "a", "q"};
    static const char *const TAILS[] = {"", "ов", "ев", "єв", "ін", "їн", "ин", "ын", "ськ",
                                        "цьк", "зьк", "ств", "цтв", "жж", "лл", "нн", "тт", "'",
                                        "к", "г", "х", "ж", "ч", "ш", "щ", "ц", "р", "л", "н",
                                        "а", "о", "ь"};
    static const char *const LANGS[] = {"uk", "ru", "be"};
    const size_t nl = sizeof LETTERS / sizeof LETTERS[0], nt = sizeof TAILS / sizeof TAILS[0];
    int classes = 0;
    while (tg_inflect_class_lang(classes))
        classes++;
    uint64_t x = 0x2545F4914F6CDD1DULL;
    size_t words = 0, inflecting = 0;
    for (int round = 0; round < 4000; round++) {
        char stem[64] = "";
        xorshift(&x);
        size_t letters = x % 5; /* 0: the word is a tail and an ending only */
        for (size_t i = 0; i < letters; i++)
            strcat(stem, LETTERS[(x >> (8 + 6 * i)) % nl]);
        strcat(stem, TAILS[(x >> 40) % nt]);
        for (int c = -1; c < classes; c++) {
            for (size_t k = 0; k <= MAX_ENDINGS_TRIED; k++) {
                const char *end = c < 0 ? "" : k == 0 ? tg_inflect_class_nominative(c)
                                                      : tg_inflect_class_ending(c, k - 1);
                if (!end)
                    break;
                char word[128];
                snprintf(word, sizeof word, "%s%s", stem, end);
                for (size_t l = 0; l < sizeof LANGS / sizeof LANGS[0]; l++) {
                    size_t fast_len = 0, ref_len = 0, len = strlen(word);
                    int fast = tg_inflect_classify(LANGS[l], word, len, &fast_len);
                    int ref = tg_inflect_classify_reference(LANGS[l], word, len, &ref_len);
                    if (fast != ref || (ref >= 0 && fast_len != ref_len))
                        fail_msg("%s '%s': class %s stem %zu, the rule says %s stem %zu",
                                 LANGS[l], word, tg_inflect_class_name(fast), fast_len,
                                 tg_inflect_class_name(ref), ref_len);
                    words++;
                    inflecting += ref >= 0;
                }
                if (c < 0)
                    break;
            }
        }
    }
    assert_true(words >= 100000);
    assert_true(inflecting >= words / 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(run_cases),
                                       cmocka_unit_test(nominatives_are_endings),
                                       cmocka_unit_test(nominative_compares_whole_ending),
                                       cmocka_unit_test(common_words),
                                       cmocka_unit_test(other_languages_do_not_inflect),
                                       cmocka_unit_test(splits_find_every_stored_stem),
                                       cmocka_unit_test(splits_stop_early),
                                       cmocka_unit_test(classify_agrees_with_reference)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
