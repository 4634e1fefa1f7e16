/*
 * test_region_list.c - the listed region an item of a list of regions names
 * (src/region_list.c), through the public API on the default model: the ids of every
 * place of a list, in order. Sentences of my own.
 */
#include "harness.h"

#include "model.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEST_MODEL_FIXTURE(TEST_SOURCE_DIR)

static void items_before_the_noun_are_their_regions(void **state)
{
    (void)state;
    char got[512];
    test_entities_of(model, "ru", "Атаки над Белгородской, Курской и Брянской областями отражены.",
                     "PLACE", got, sizeof got);
    assert_string_equal(got, "Белгородской region:RU-BEL|Курской region:RU-KRS|"
                             "Брянской областями region:RU-BRY");
    /* the regions of two countries, side by side */
    test_entities_of(model, "uk", "Обстріли тривали в Сумській та Курській областях.", "PLACE",
                     got, sizeof got);
    assert_string_equal(got, "Сумській region:UA-59|Курській областях region:RU-KRS");
}

/* A long list, whose first item is 19 tokens before the noun, and a hyphenated item. */
static void long_lists_and_hyphenated_items(void **state)
{
    (void)state;
    char got[1024];
    test_entities_of(model, "uk",
                     "Знеструмлені Закарпатська, Івано-Франківська, Львівська, Одеська, "
                     "Чернівецька, Чернігівська, Сумська й Харківська області.",
                     "PLACE", got, sizeof got);
    assert_string_equal(got, "Закарпатська region:UA-21|Івано-Франківська region:UA-26|"
                             "Львівська region:UA-46|Одеська region:UA-51|"
                             "Чернівецька region:UA-77|Чернігівська region:UA-74|"
                             "Сумська region:UA-59|Харківська області region:UA-63");
}

/* "обл." abbreviates the noun: a list joined by commas alone, or by a conjunction; a
 * region named alone with it keeps its span. */
static void lists_with_the_abbreviated_noun(void **state)
{
    (void)state;
    char got[1024];
    test_entities_of(model, "uk",
                     "Підрозділи (Львівська, Рівненська, Івано-Франківська обл.) і Київська обл. "
                     "Волинська та Житомирська обл. теж.",
                     "PLACE", got, sizeof got);
    assert_string_equal(got, "Львівська region:UA-46|Рівненська region:UA-56|"
                             "Івано-Франківська обл. region:UA-26|Київська обл. region:UA-32|"
                             "Волинська region:UA-07|Житомирська обл. region:UA-18");
}

/* An adjective that with the list's noun names no listed region stays the rule's. */
static void unlisted_items_stay_the_rules(void **state)
{
    (void)state;
    char got[512];
    test_entities_of(model, "uk", "Вибори пройшли в Тарасівській та Іванівській громадах.",
                     "PLACE", got, sizeof got);
    assert_string_equal(got, "Тарасівській place:тарасівській");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(items_before_the_noun_are_their_regions),
        cmocka_unit_test(long_lists_and_hyphenated_items),
        cmocka_unit_test(unlisted_items_stay_the_rules),
        cmocka_unit_test(lists_with_the_abbreviated_noun),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
