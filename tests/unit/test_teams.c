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

TEST_MODEL_FIXTURE(TEST_DATA_DIR "/model-mini")

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

/* A team that a listed place names takes the place's name for its id, in any case
 * and language: "«Львовом»" (Lviv in the instrumental) is org:lviv, not org:львовом. */
static void team_id_is_the_places_name(void **state)
{
    (void)state;
    static const struct {
        const char *text, *team, *id;
    } cases[] = {
        {"Матч ліги з футболу: за «Львовом» стежили нападники, голи були пізно.", "Львовом",
         "org:lviv"},
        {"League football results: Kyiv 2 Lviv 1, Donetsk 0 Como 3. Goals late.", "Kyiv",
         "org:kyiv"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        tg_result *r = NULL;
        tg_error err;
        assert_int_equal(tg_tag_text(&r, model, NULL, cases[k].text, strlen(cases[k].text), NULL,
                                     &err),
                         TG_OK);
        int found = 0;
        for (size_t i = 0; i < tg_result_entity_count(r); i++) {
            const tg_entity *e = tg_result_entity(r, i);
            if (!strcmp(e->subtype, "team") && !strcmp(e->text, cases[k].team)) {
                assert_string_equal(e->id, cases[k].id);
                found = 1;
            }
        }
        assert_true(found);
        tg_result_free(r);
    }
}

/* The id of the entity whose text is `name` in text, or NULL when none has it. */
static char *id_of(const char *text, const char *name)
{
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, model, NULL, text, strlen(text), NULL, &err), TG_OK);
    char *id = NULL;
    for (size_t i = 0; i < tg_result_entity_count(r) && !id; i++) {
        const tg_entity *e = tg_result_entity(r, i);
        if (!strcmp(e->text, name))
            id = strdup(e->id);
    }
    tg_result_free(r);
    return id;
}

/* A club's bare nickname ("%=Lions" in the mini model: Kyiv's, Lviv's and Texas's
 * clubs) is that club only in a sports text whose listed names are mostly of its
 * country; of two clubs there, the one whose town the text names. */
static void nickname_needs_sports_in_its_country(void **state)
{
    (void)state;
    static const struct {
        const char *text, *id; /* the id "Lions" gets, NULL for none */
    } cases[] = {
        {"Football league: the Lions beat the visitors 2-1 in Kyiv as Donetsk fans sang in "
         "the stadium.",
         "org:kyiv-lions"},
        /* two clubs of the country share it: the one whose town the text names */
        {"Football league: the Lions beat the visitors 2-1 in Lviv as Donetsk fans sang in "
         "the stadium.",
         "org:lviv-lions"},
        {"Football league: the Lions won at the stadium, NASA staff in the US crowd said.",
         "org:texas-lions"},
        /* the most named country decides: Ukraine twice, the US once */
        {"Football league: the Lions beat Donetsk in Kyiv, said a NASA fan at the stadium.",
         "org:kyiv-lions"},
        {"The Lions of the zoo in Kyiv roared as Lviv visitors watched.", NULL},
        {"Football league: the Lions won the match at the stadium.", NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *id = id_of(cases[k].text, "Lions");
        if (cases[k].id) {
            assert_non_null(id);
            assert_string_equal(id, cases[k].id);
        } else {
            assert_null(id);
        }
        free(id);
    }
    /* the full name needs no sports */
    char *id = id_of("The Kyiv Lions said on Monday that the zoo was closed.", "Kyiv Lions");
    assert_non_null(id);
    assert_string_equal(id, "org:kyiv-lions");
    free(id);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(run_cases),
                                       cmocka_unit_test(nickname_needs_sports_in_its_country),
                                       cmocka_unit_test(team_id_is_the_places_name)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
