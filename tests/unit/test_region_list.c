/*
 * test_region_list.c - the listed region an item of a list of regions names
 * (src/region_list.c), through the public API on the default model: the ids and
 * subtypes of every place of a list, in order. Sentences of my own.
 */
#include "harness.h"

#include "model.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEST_MODEL_FIXTURE(TEST_SOURCE_DIR)

/* "id subtype" of each PLACE of the text, "|" between them. */
static void places_of(const char *lang, const char *text, char *out, size_t cap)
{
    tg_result *r = NULL;
    tg_error err;
    tg_doc_options opts = {0};
    opts.lang = lang;
    assert_int_equal(tg_tag_text(&r, model, NULL, text, strlen(text), &opts, &err), TG_OK);
    out[0] = '\0';
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        if (!strcmp(e->type, "PLACE"))
            snprintf(out + strlen(out), cap - strlen(out), "%s%s %s", out[0] ? "|" : "", e->id,
                     e->subtype);
    }
    tg_result_free(r);
}

static void items_before_the_noun_are_their_regions(void **state)
{
    (void)state;
    char got[512];
    places_of("ru", "Атаки над Белгородской, Курской и Брянской областями отражены.", got,
              sizeof got);
    assert_string_equal(got, "region:RU-BEL region|region:RU-KRS region|region:RU-BRY region");
    /* the regions of two countries, side by side */
    places_of("uk", "Обстріли тривали в Сумській та Курській областях.", got, sizeof got);
    assert_string_equal(got, "region:UA-59 region|region:RU-KRS region");
}

/* An adjective that with the list's noun names no listed region stays the rule's. */
static void unlisted_items_stay_the_rules(void **state)
{
    (void)state;
    char got[512];
    places_of("uk", "Вибори пройшли в Тарасівській та Іванівській громадах.", got, sizeof got);
    assert_null(strstr(got, "region:"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(items_before_the_noun_are_their_regions),
        cmocka_unit_test(unlisted_items_stay_the_rules),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
