/*
 * test_teams.c - places read as sports teams, and names in results and table rows
 * (src/teams.c), through the public API on
 * the mini model: table-driven from tests/data/teams.cases (text, with "\n" for a
 * line break, then the texts of the entities tagged ORG "team", or "-" for none).
 */
#include "harness.h"

#include "model.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tg_model *model;

static int setup(void **state)
{
    (void)state;
    return test_load_model(&model, TEST_DATA_DIR "/model-mini");
}

static int teardown(void **state)
{
    (void)state;
    tg_model_free(model);
    return 0;
}

static void check_entity(const tg_entity *e)
{
    assert_string_equal(e->type, "ORG");
    /* a listed place, or a name that its line's layout shows to be a team */
    assert_true(!strcmp(e->source, "gazetteer") || !strcmp(e->source, "layout"));
    assert_true(strncmp(e->id, "org:", 4) == 0);
}

static void run_cases(void **state)
{
    (void)state;
    int found;
    int n = test_subtype_cases(model, TEST_DATA_DIR "/teams.cases", "team", " ",
                               check_entity, &found);
    (void)found;
    assert_true(n >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(run_cases)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
