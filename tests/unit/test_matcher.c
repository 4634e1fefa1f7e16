/*
 * test_matcher.c - gazetteer matching through the public API on the mini model:
 * table-driven from tests/data/matcher.cases (text, then the expected
 * "surface=id" list in order, or "-" for none).
 */
#include "harness.h"

#include "hash.h"
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

static void run_cases(void **state)
{
    (void)state;
    FILE *fp = fopen(TEST_DATA_DIR "/matcher.cases", "r");
    assert_non_null(fp);
    char line[2048];
    int line_no = 0, n = 0;
    while (fgets(line, sizeof line, fp)) {
        line_no++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        tg_result *r = NULL;
        tg_error err;
        assert_int_equal(tg_tag_text(&r, model, NULL, line, strlen(line), NULL, &err), TG_OK);
        char got[2048] = "";
        for (size_t i = 0; i < tg_result_entity_count(r); i++) {
            const tg_entity *e = tg_result_entity(r, i);
            if (strcmp(e->source, "gazetteer") != 0)
                continue;
            if (got[0])
                strcat(got, " ");
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s=%s", e->text, e->id);
        }
        if (!got[0])
            strcpy(got, "-");
        if (strcmp(got, tab + 1) != 0)
            fail_msg("matcher.cases:%d: '%s'\n  expected: %s\n  got:      %s", line_no, line,
                     tab + 1, got);
        tg_result_free(r);
        n++;
    }
    fclose(fp);
    assert_true(n >= 10);
}

/* The string table behind the vocabulary takes the empty string, first or later
 * (the pool is still unallocated the first time: UBSan flags NULL + 0). */
static void empty_string_interns(void **state)
{
    (void)state;
    strmap m;
    assert_int_equal(strmap_init(&m), 0);
    assert_int_equal(strmap_intern(&m, "", 0), 0);
    assert_int_equal(strmap_intern(&m, "x", 1), 1);
    assert_int_equal(strmap_get(&m, "", 0), 0);
    size_t len = 9;
    strmap_str(&m, 0, &len);
    assert_int_equal(len, 0);
    strmap_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(run_cases),
                                       cmocka_unit_test(empty_string_interns)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
