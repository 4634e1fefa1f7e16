/*
 * test_hyphen_name.c - a listed place that is one part of a hyphenated name is none
 * (src/hyphen_name.c), through the public API on the default model: the places found
 * in sentences of my own.
 */
#include "harness.h"

#include "model.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEST_MODEL_FIXTURE(TEST_SOURCE_DIR)

/* A firm's, a branch's or a university's name that holds a place's. */
static void place_in_a_name_is_none(void **state)
{
    (void)state;
    char got[512];
    test_entities_of(model, "ru", "Об этом сообщили «Кубань-Агро» и Интерфакс-Казахстан.",
                     "PLACE", got, sizeof got);
    assert_string_equal(got, "");
    test_entities_of(model, "en", "She studied at the Kyiv-Mohyla Academy.", "PLACE", got,
                     sizeof got);
    assert_string_equal(got, "");
}

/* Two places, a nationality or an international body so joined are each themselves. */
static void partners_stay(void **state)
{
    (void)state;
    char got[512];
    test_entities_of(model, "en", "The Russia-Ukraine talks and the EU-US deal.", "PLACE", got,
                     sizeof got);
    assert_string_equal(got, "Russia country:RU|Ukraine country:UA|US country:US");
    test_entities_of(model, "en", "The US-German carmaker grew.", "PLACE", got, sizeof got);
    assert_string_equal(got, "US country:US");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(place_in_a_name_is_none),
        cmocka_unit_test(partners_stay),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
