/*
 * test_tag.c - the tag call: invalid input, limits, titles, offsets, rule limits,
 * results handed back to the scratch, and many threads on one model.
 */
#include "harness.h"

#include "tagger.h"

#include "tag.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TEST_MODEL_FIXTURE(TEST_DATA_DIR "/model-mini")

static void invalid_utf8_is_an_error_with_offset(void **state)
{
    (void)state;
    tg_result *r = (tg_result *)1;
    tg_error err;
    const char text[] = "Russia \xC0\xAF and";
    assert_int_equal(tg_tag_text(&r, model, NULL, text, sizeof text - 1, NULL, &err), TG_ERR_INPUT);
    assert_null(r);
    assert_int_equal(err.offset, 7);
    assert_non_null(strstr(err.message, "byte 7"));
}

static void invalid_utf8_replaced_on_request(void **state)
{
    (void)state;
    tg_result *r = NULL;
    tg_error err;
    tg_doc_options o = {0};
    o.replace_invalid = 1;
    const char text[] = "\xFF Russia";
    assert_int_equal(tg_tag_text(&r, model, NULL, text, sizeof text - 1, &o, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 1);
    /* Offsets count the replacement character: one code point, three bytes. */
    assert_int_equal(tg_result_entity(r, 0)->start, 2);
    assert_int_equal(tg_result_entity(r, 0)->byte_start, 4);
    tg_result_free(r);
}

static void empty_and_nul_texts(void **state)
{
    (void)state;
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, model, NULL, "", 0, NULL, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 0);
    assert_int_equal(tg_result_tag_count(r), 0);
    tg_result_free(r);
    const char nul[] = "Russia\0Russia";
    assert_int_equal(tg_tag_text(&r, model, NULL, nul, sizeof nul - 1, NULL, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 2);
    assert_int_equal(tg_result_entity(r, 1)->byte_start, 7);
    tg_result_free(r);
}

static void document_limit(void **state)
{
    (void)state;
    tg_model *m;
    tg_error err;
    assert_int_equal(tg_model_load(&m, TEST_DATA_DIR "/model-mini", &err), TG_OK);
    assert_int_equal(tg_model_set_limit(m, TG_LIMIT_DOCUMENT, 10), TG_OK);
    tg_result *r = NULL;
    assert_int_equal(tg_tag_text(&r, m, NULL, "Russia and Ukraine", 18, NULL, &err), TG_ERR_LIMIT);
    assert_non_null(strstr(err.message, "limit"));
    assert_int_equal(tg_model_set_limit(m, TG_LIMIT_ENTITIES, 1), TG_OK);
    assert_int_equal(tg_model_set_limit(m, TG_LIMIT_DOCUMENT, 100), TG_OK);
    assert_int_equal(tg_tag_text(&r, m, NULL, "Russia and Ukraine", 18, NULL, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 1);
    assert_int_equal(tg_result_warning_count(r), 1);
    tg_result_free(r);
    tg_model_free(m);
}

static void backtracking_rule_is_skipped_with_warning(void **state)
{
    (void)state;
    size_t n = 20000;
    char *text = malloc(n + 32);
    strcpy(text, "since 2018 Russia ");
    memset(text + 18, 'a', n);
    strcpy(text + 18 + n, "b");
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, model, NULL, text, strlen(text), NULL, &err), TG_OK);
    assert_int_equal(tg_result_warning_count(r), 1);
    assert_non_null(strstr(tg_result_warning(r, 0), "backtrack"));
    /* The other rule and the gazetteer still ran. */
    int year = 0, russia = 0;
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        year |= !strcmp(tg_result_entity(r, i)->type, "DATE");
        russia |= !strcmp(tg_result_entity(r, i)->id, "country:RU");
    }
    assert_true(year && russia);
    tg_result_free(r);
    free(text);
}

static void title_is_its_own_field(void **state)
{
    (void)state;
    tg_doc_options o = {0};
    o.title = "Putin visits";
    o.title_len = strlen(o.title);
    tg_result *r = NULL;
    tg_error err;
    const char *text = "Talks in Russia with the United States.";
    assert_int_equal(tg_tag_text(&r, model, NULL, text, strlen(text), &o, &err), TG_OK);
    const tg_entity *first = tg_result_entity(r, 0);
    assert_string_equal(first->field, "title");
    assert_string_equal(first->zone, "title");
    assert_int_equal(first->start, 0);
    assert_string_equal(first->text, "Putin");
    for (size_t i = 1; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        assert_string_equal(e->field, "text");
        assert_memory_equal(text + e->byte_start, e->text, e->byte_end - e->byte_start);
    }
    tg_result_free(r);
}

static void tags_have_evidence(void **state)
{
    (void)state;
    const char *text = "Russia said Putin would meet Russian officials in Russia.";
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, model, NULL, text, strlen(text), NULL, &err), TG_OK);
    assert_int_equal(tg_result_tag_count(r), 1);
    const tg_tag *t = tg_result_tag(r, 0);
    assert_string_equal(t->id, "country:RU");
    assert_string_equal(t->label, "Russia");
    assert_true(t->score > 0 && t->score <= 1);
    assert_int_equal(t->evidence_count, 4);
    tg_doc_options o = {0};
    o.labels = "uk";
    tg_result *r2 = NULL;
    assert_int_equal(tg_tag_text(&r2, model, NULL, text, strlen(text), &o, &err), TG_OK);
    assert_string_equal(tg_result_tag(r2, 0)->label, "Росія");
    tg_result_free(r);
    tg_result_free(r2);
}

/* The JSON of text (and title) tagged with scratch s, or with none. */
static char *tagged_json(tg_model *m, tg_scratch *s, const char *text, const char *title,
                         tg_result **r)
{
    tg_doc_options o = {0};
    o.title = title;
    o.title_len = title ? strlen(title) : 0;
    tg_error err;
    assert_int_equal(tg_tag_text(r, m, s, text, strlen(text), &o, &err), TG_OK);
    char *json;
    assert_int_equal(tg_result_to_json(*r, m, NULL, &json, NULL), TG_OK);
    return json;
}

/* A result handed back to the scratch (tg_result_recycle) is filled again by the
 * next tag call: entities, tags, evidence, warnings and texts as a new result's,
 * whatever the one before held. An entity limit of 2 gives some texts a warning. */
static void recycled_result_is_a_new_one(void **state)
{
    (void)state;
    static const char *const texts[][2] = {
        {"Russia said Putin would meet Russian officials in Russia and Ukraine.", "Putin visits"},
        {"", NULL},
        {"Talks in Russia.", NULL},
        {"Росія і Україна, and the United States.", "Kyiv talks"},
        {"Nothing to see here.", NULL},
        {"Russia and Ukraine", NULL},
        /* rule-made ids of two types, whose prefixes the scratch keeps (tag.c) */
        {"Trade fell since 2018 and in 2019 in Russia, then aaaa", "in 2020 a baa"},
        {"since 1999 aa", NULL},
    };
    size_t n = sizeof texts / sizeof texts[0];
    tg_model *m;
    tg_scratch *s;
    tg_error err;
    assert_int_equal(tg_model_load(&m, TEST_DATA_DIR "/model-mini", &err), TG_OK);
    assert_int_equal(tg_model_set_limit(m, TG_LIMIT_ENTITIES, 2), TG_OK);
    assert_int_equal(tg_scratch_new(&s, m, &err), TG_OK);
    for (size_t round = 0; round < 2 * n; round++) {
        const char *const *t = texts[(round * 5) % n]; /* every text after several others */
        tg_result *fresh, *reused;
        char *want = tagged_json(m, NULL, t[0], t[1], &fresh);
        char *got = tagged_json(m, s, t[0], t[1], &reused);
        assert_string_equal(got, want);
        tg_result_free(fresh);
        tg_result_recycle(reused, s);
        free(want);
        free(got);
    }
    tg_result_recycle(NULL, s);
    tg_scratch_free(s);
    tg_model_free(m);
}

/* Eight threads, one model, each with its own scratch: same answers as alone. */
static void *worker(void *arg)
{
    const char *text = arg;
    tg_scratch *s = NULL;
    tg_error err;
    if (tg_scratch_new(&s, model, &err))
        return (void *)1;
    size_t bad = 0;
    for (int i = 0; i < 200; i++) {
        tg_result *r = NULL;
        if (tg_tag_text(&r, model, s, text, strlen(text), NULL, &err) ||
            tg_result_entity_count(r) != 3)
            bad++;
        tg_result_free(r);
    }
    tg_scratch_free(s);
    return (void *)bad;
}

static void threads_share_one_model(void **state)
{
    (void)state;
    pthread_t th[8];
    char *text = "Росія і Україна, and the United States.";
    for (int i = 0; i < 8; i++)
        assert_int_equal(pthread_create(&th[i], NULL, worker, text), 0);
    for (int i = 0; i < 8; i++) {
        void *bad;
        pthread_join(th[i], &bad);
        assert_null(bad);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(invalid_utf8_is_an_error_with_offset),
        cmocka_unit_test(invalid_utf8_replaced_on_request),
        cmocka_unit_test(empty_and_nul_texts),
        cmocka_unit_test(document_limit),
        cmocka_unit_test(backtracking_rule_is_skipped_with_warning),
        cmocka_unit_test(title_is_its_own_field),
        cmocka_unit_test(tags_have_evidence),
        cmocka_unit_test(recycled_result_is_a_new_one),
        cmocka_unit_test(threads_share_one_model),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
