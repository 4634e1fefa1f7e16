/* test_inflect.c - choosing a paradigm from an alias's ending. */
#include "harness.h"

#include "inflect.h"

#include <string.h>

static void classify(const char *lang, const char *word, int inflects, const char *stem)
{
    size_t stem_len = 0;
    int cls = tg_inflect_classify(lang, word, strlen(word), &stem_len);
    if (!inflects) {
        if (cls >= 0)
            fail_msg("%s '%s' should not inflect", lang, word);
        return;
    }
    if (cls < 0)
        fail_msg("%s '%s' should inflect", lang, word);
    if (stem_len != strlen(stem) || memcmp(word, stem, stem_len) != 0)
        fail_msg("%s '%s': stem '%.*s', expected '%s'", lang, word, (int)stem_len, word, stem);
}

static void paradigms(void **state)
{
    (void)state;
    classify("uk", "росія", 1, "рос");
    classify("uk", "москва", 1, "москв");
    classify("uk", "путін", 1, "путін");
    classify("uk", "зеленський", 1, "зеленськ");
    classify("uk", "росіяни", 1, "росі");
    classify("ru", "россия", 1, "росс");
    classify("ru", "российская", 1, "российск");
    classify("ru", "путин", 1, "путин");
    classify("ru", "сша", 1, "сш");
    classify("uk", "я", 0, "");
    classify("ru", "ия", 0, "");
}

static void endings_know_their_classes(void **state)
{
    (void)state;
    tg_inflect inf;
    assert_int_equal(tg_inflect_init(&inf), 0);
    size_t stem_len;
    int cls = tg_inflect_classify("uk", "росія", strlen("росія"), &stem_len);
    assert_true(tg_inflect_classes_for(&inf, "ією", strlen("ією")) & (1ULL << cls));
    assert_false(tg_inflect_classes_for(&inf, "а", strlen("а")) & (1ULL << cls));
    tg_inflect_free(&inf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(paradigms),
                                       cmocka_unit_test(endings_know_their_classes)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
