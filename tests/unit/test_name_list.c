/*
 * test_name_list.c - people named in a list of people (src/name_list.c), through the
 * public API on the default model (its given-name rules find the neighbours):
 * table-driven from tests/data/name_list.cases (text, with "\n" for a line break, then
 * the texts of the entities found by their place in a list, "|" between them, or "-"
 * for none).
 */
#include "harness.h"

#include "model.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEST_MODEL_FIXTURE(TEST_SOURCE_DIR)

static void check_entity(const tg_entity *e)
{
    assert_string_equal(e->type, "PERSON");
    assert_string_equal(e->source, "layout");
    assert_true(strncmp(e->id, "person:", 7) == 0);
}

static void run_cases(void **state)
{
    (void)state;
    int found;
    int n = test_subtype_cases(model, TEST_DATA_DIR "/name_list.cases", "list", "|",
                               check_entity, &found);
    assert_true(n >= 10 && found >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(run_cases)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
