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

/* "\n" in a case is a line break. */
static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            *o++ = '\n';
            s++;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

static void run_cases(void **state)
{
    (void)state;
    FILE *fp = fopen(TEST_DATA_DIR "/teams.cases", "r");
    assert_non_null(fp);
    char line[2048], *expect;
    int line_no = 0, n = 0, failed = 0;
    while ((expect = test_next_case(fp, line, sizeof line, &line_no))) {
        unescape(line);
        tg_result *r = NULL;
        tg_error err;
        assert_int_equal(tg_tag_text(&r, model, NULL, line, strlen(line), NULL, &err), TG_OK);
        char got[2048] = "";
        for (size_t i = 0; i < tg_result_entity_count(r); i++) {
            const tg_entity *e = tg_result_entity(r, i);
            if (strcmp(e->subtype, "team") != 0)
                continue;
            assert_string_equal(e->type, "ORG");
            /* a listed place, or a name that its line's layout shows to be a team */
            assert_true(!strcmp(e->source, "gazetteer") || !strcmp(e->source, "layout"));
            assert_true(strncmp(e->id, "org:", 4) == 0);
            if (got[0])
                strcat(got, " ");
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s", e->text);
        }
        if (!got[0])
            strcpy(got, "-");
        if (strcmp(got, expect) != 0) {
            print_error("teams.cases:%d: '%s'\n  expected: %s\n  got:      %s\n", line_no, line,
                        expect, got);
            failed++;
        }
        tg_result_free(r);
        n++;
    }
    fclose(fp);
    assert_int_equal(failed, 0);
    assert_true(n >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(run_cases)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
