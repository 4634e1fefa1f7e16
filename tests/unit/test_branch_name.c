/*
 * test_branch_name.c - a Ukrainian state body's regional branch is named with its
 * region, and a Ukrainian or Russian state body with its state (src/branch_name.c),
 * through the public API on the default model: the organisations and places found in
 * sentences of my own.
 */
#include "harness.h"

#include "model.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEST_MODEL_FIXTURE(TEST_SOURCE_DIR)

/* In Ukrainian text, no place is found, and each of names[0..n) is an organisation's
 * whole name (its text, then a space and its id, in test_entities_of's list). */
static void assert_names_take_their_places(const char *text, const char *const *names,
                                           size_t n)
{
    char got[1024];
    test_entities_of(model, "uk", text, "PLACE", got, sizeof got);
    assert_string_equal(got, "");
    test_entities_of(model, "uk", text, "ORG", got, sizeof got);
    for (size_t i = 0; i < n; i++)
        if (!strstr(got, names[i]))
            fail_msg("no ORG \"%s\" in: %s", names[i], got);
}

/* A branch's first word, or "ГУ" before a listed body, and "у|в" a region: one name. */
static void branch_takes_its_region(void **state)
{
    (void)state;
    static const char *const names[] = {
        "Управління СБУ у Чернігівській області ",
        "ГУ Нацполіції в Київській області org:national-police-ukraine"};
    assert_names_take_their_places("Управління СБУ у Чернігівській області затримало агента. "
                                   "Про це повідомили в ГУ Нацполіції в Київській області.",
                                   names, 2);
}

/* A head word in any case and anywhere in the name, a listed body of a kind with a
 * branch in each region, and a city after "м." or "місті": one name too. */
static void branch_of_a_listed_body_or_a_city(void **state)
{
    (void)state;
    static const char *const names[] = {"Державної фінансової інспекції в Луганській області ",
                                        "Держгеокадастру у Волинській області ",
                                        "ГУ ДФС у м. Києві "};
    assert_names_take_their_places(
        "Скаргу подали до Державної фінансової інспекції в Луганській області. "
        "Держгеокадастру у Волинській області відмовили. Про це повідомили в ГУ ДФС у м. Києві.",
        names, 3);
}

/* A regional unit named before its body, with the unit's place's adjective: one name,
 * and no place; not a unit's noun alone, nor an adjective that is no place's. */
static void unit_named_before_its_body(void **state)
{
    (void)state;
    static const char *const names[] = {"Черкаське ОТВ АМКУ ",
                                        "Луганському обласному тервідділенні АМКУ ",
                                        "Регіональному відділенню ФДМУ "};
    assert_names_take_their_places(
        "Черкаське ОТВ АМКУ оштрафувало фірму. Рішення оскаржили в Луганському обласному "
        "тервідділенні АМКУ. Кошти повернули Регіональному відділенню ФДМУ.",
        names, 3);
    char got[1024];
    test_entities_of(model, "uk", "Скаргу подали у відділення АМКУ. Нове відділення АМКУ відкрили.",
                     "ORG", got, sizeof got);
    assert_string_equal(got, "АМКУ org:amku|АМКУ org:amku");
}

/* The body's initials are its own, not the place's: "Служба автомобільних доріг у
 * Київській області" is САД later. */
static void branch_keeps_its_initials(void **state)
{
    (void)state;
    char got[1024];
    test_entities_of(model, "uk",
                     "Тендер оголосила Служба автомобільних доріг у Київській області. "
                     "Згодом САД його скасувала.",
                     "ORG", got, sizeof got);
    assert_non_null(strstr(got, "Служба автомобільних доріг у Київській області "));
    assert_non_null(strstr(got, "САД "));
}

/* The region's topics stay with the name: a Ukrainian region's branch tags Ukraine. */
static void branch_keeps_the_region_topic(void **state)
{
    (void)state;
    char got[256];
    test_tags_of(model, "uk", "Управління поліції у Волинській області розслідує крадіжку.", got,
                 sizeof got);
    assert_non_null(strstr(got, "country:UA"));
}

/* Not a party's or a council's name, not across a comma, not Russian "по". */
static void other_names_keep_the_place(void **state)
{
    (void)state;
    char got[1024];
    test_entities_of(model, "uk", "Партія регіонів у Луганській області програла вибори.",
                     "PLACE", got, sizeof got);
    assert_string_equal(got, "Луганській області region:UA-09");
    test_entities_of(model, "uk", "Управління СБУ, у Чернігівській області теж.", "PLACE", got,
                     sizeof got);
    assert_string_equal(got, "Чернігівській області region:UA-74");
    test_entities_of(model, "ru", "Управление ФСБ по Курской области задержало агента.",
                     "PLACE", got, sizeof got);
    assert_string_equal(got, "Курской области region:RU-KRS");
    /* Not a company, nor the first of several regions. */
    test_entities_of(model, "uk", "Нафтогаз у Київській області видобуває газ.", "PLACE", got,
                     sizeof got);
    assert_string_equal(got, "Київській області region:UA-32");
    test_entities_of(model, "uk", "Втрутилось СБУ в Донецькій та Луганській областях.", "ORG",
                     got, sizeof got);
    assert_string_equal(got, "СБУ org:sbu");
}

/* A state body and its state or region after it, in the genitive: one name, and no
 * place. A listed body of that state stays the listed one (Госдума, Нацгвардія); a
 * generic one ("МИД", "Минздрав") is that state's, named by its slug. */
static void body_takes_its_state(void **state)
{
    (void)state;
    char got[1024];
    const char *ru = "Госдума России приняла закон. МИД ФРГ выразил протест. "
                     "Минздрав Карелии сообщил о вспышке.";
    test_entities_of(model, "ru", ru, "PLACE", got, sizeof got);
    assert_string_equal(got, "");
    test_entities_of(model, "ru", ru, "ORG", got, sizeof got);
    assert_string_equal(got, "Госдума России org:state-duma|МИД ФРГ org:мид-фрг|"
                             "Минздрав Карелии org:минздрав-карелии");
    static const char *const names[] = {"Нацгвардії України org:national-guard-ukraine",
                                        "Корабельного райсуду Миколаєва "};
    assert_names_take_their_places("Бійці Нацгвардії України відбили атаку. Позов розгляне "
                                   "суддя Корабельного райсуду Миколаєва.",
                                   names, 2);
}

/* Ukraine's "Мінфін" (a listed body of Ukraine) before another country is that
 * country's ministry: the story is about Britain, not Ukraine. */
static void another_states_body_takes_its_topics(void **state)
{
    (void)state;
    char got[1024];
    const char *text = "Мінфін Британії оголосив нові санкції.";
    test_entities_of(model, "uk", text, "ORG", got, sizeof got);
    assert_string_equal(got, "Мінфін Британії org:мінфін-британії");
    test_tags_of(model, "uk", text, got, sizeof got);
    assert_string_equal(got, "country:GB");
}

/* Not the first of several states, not a company's name, not a small place's name
 * that is a word in the genitive, not across a full stop. */
static void other_bodies_keep_the_place(void **state)
{
    (void)state;
    char got[1024];
    test_entities_of(model, "uk", "Мінфін Британії та Франції погодили план.", "PLACE", got,
                     sizeof got);
    assert_string_equal(got, "Британії country:GB|Франції country:FR");
    test_entities_of(model, "uk", "Приватбанк України подав позов.", "PLACE", got, sizeof got);
    assert_string_equal(got, "України country:UA");
    test_entities_of(model, "uk", "Справу веде Управління розслідувань Центрального апарату.",
                     "ORG", got, sizeof got);
    assert_null(strstr(got, "Центрального"));
    test_entities_of(model, "uk", "Так вирішив Кабмін. Японії це не сподобалось.", "PLACE", got,
                     sizeof got);
    assert_string_equal(got, "Японії country:JP");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(branch_takes_its_region),
        cmocka_unit_test(branch_of_a_listed_body_or_a_city),
        cmocka_unit_test(branch_keeps_its_initials),
        cmocka_unit_test(unit_named_before_its_body),
        cmocka_unit_test(branch_keeps_the_region_topic),
        cmocka_unit_test(other_names_keep_the_place),
        cmocka_unit_test(body_takes_its_state),
        cmocka_unit_test(another_states_body_takes_its_topics),
        cmocka_unit_test(other_bodies_keep_the_place),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
