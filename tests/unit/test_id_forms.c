/*
 * test_id_forms.c - one id for the inflected forms of a name in one text
 * (src/id_forms.c), through the public API on the default model (its rules find the
 * names): each case is a text of my own and the ids its entities of those names must
 * have, in order.
 */
#include "harness.h"

#include "model.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEST_MODEL_FIXTURE(TEST_SOURCE_DIR)

/* The ids of the entities whose text is one of `names`, in order, "|" between them,
 * in a text of language lang. */
static void ids_in(const char *lang, const char *text, const char *const *names, char *out,
                   size_t cap)
{
    tg_result *r = test_tag_in(model, lang, text);
    out[0] = '\0';
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        for (const char *const *n = names; *n; n++)
            if (!strcmp(e->text, *n)) {
                snprintf(out + strlen(out), cap - strlen(out), "%s%s", out[0] ? "|" : "", e->id);
                break;
            }
    }
    tg_result_free(r);
}

static void ids_of(const char *text, const char *const *names, char *out, size_t cap)
{
    ids_in("uk", text, names, out, cap);
}

/* An initialism's letters go together in a slug however it is written: "U.S.
 * Agriculture Department" is the body "US Agriculture Department" names too. An
 * initial before a surname is no initialism. */
static void an_initialism_with_full_stops_is_one_word(void **state)
{
    (void)state;
    char got[512];
    const char *names[] = {"U.S. Agriculture Department", "US Agriculture Department",
                           "Karl W. Smithers", NULL};
    ids_in("en",
           "The U.S. Agriculture Department said that the US Agriculture Department would buy "
           "grain. Senator Karl W. Smithers spoke.",
           names, got, sizeof got);
    assert_string_equal(got, "org:us-agriculture-department|org:us-agriculture-department|"
                             "person:karl-w-smithers");
}

static void forms_of_a_person_take_the_nominative(void **state)
{
    (void)state;
    char got[512];
    const char *names[] = {"Юрій Луценко", "Юрієм Луценком", NULL};
    ids_of("Пізніше з Юрієм Луценком зустрівся посол. Генпрокурор Юрій Луценко заявив про "
           "підозру.",
           names, got, sizeof got);
    assert_string_equal(got, "person:юрій-луценко|person:юрій-луценко");
}

static void forms_of_an_organisation_take_the_nominative(void **state)
{
    (void)state;
    char got[512];
    const char *names[] = {"Львівської міської ради", "Львівська міська рада",
                           "Київської обласної ради", NULL};
    ids_of("Депутати Львівської міської ради проголосували. Львівська міська рада ухвалила "
           "рішення. Київської обласної ради це не стосується.",
           names, got, sizeof got);
    /* another council is another id */
    assert_string_equal(got, "org:львівська-міська-рада|org:львівська-міська-рада|"
                             "org:київської-обласної-ради");
}

static void a_tie_goes_to_fewer_oblique_endings(void **state)
{
    (void)state;
    char got[512];
    const char *names[] = {"Ларису Анатоліївну", "Лариса Анатоліївна", NULL};
    ids_of("Ларису Анатоліївну призначили головою. Лариса Анатоліївна подякувала.", names, got,
           sizeof got);
    assert_string_equal(got, "person:лариса-анатоліївна|person:лариса-анатоліївна");
}

static void other_names_keep_their_ids(void **state)
{
    (void)state;
    char got[512];
    const char *names[] = {"Юрій Луценко", "Ірина Луценко", NULL};
    ids_of("Юрій Луценко та Ірина Луценко прийшли разом.", names, got, sizeof got);
    assert_string_equal(got, "person:юрій-луценко|person:ірина-луценко");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_initialism_with_full_stops_is_one_word),
        cmocka_unit_test(forms_of_a_person_take_the_nominative),
        cmocka_unit_test(forms_of_an_organisation_take_the_nominative),
        cmocka_unit_test(a_tie_goes_to_fewer_oblique_endings),
        cmocka_unit_test(other_names_keep_their_ids),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
