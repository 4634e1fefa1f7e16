/*
 * fuzz_tag.c - fuzz target: tag one document with the default model (the
 * repository's gazetteers/ and rules/). Compiled twice: as fuzz_tag_text, and with
 * FUZZ_HTML=1 as fuzz_tag_html (tg_doc_options.html set; until the library decodes
 * HTML that flag simply takes the text path).
 *
 * The input is the document. Options are derived from the input itself so that a
 * saved crash replays exactly: a form feed splits off a separate title, the length
 * picks the language (detect, en, uk, ru) and the label language.
 *
 * Beyond "no sanitizer report", the target checks what callers rely on: offsets
 * inside the input and ordered, entity text equal to its span (plain, valid input),
 * scores in [0, 1], evidence pointing at real entities, and JSON that parses.
 */
#include "fuzz.h"

#include "tagger.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_HTML
#define FUZZ_HTML 0
#endif

static tg_model *model;
static tg_scratch *scratch;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_shared_model(FUZZ_MODEL_DIR, &model, &scratch);
    return 0;
}

static void check_result(const tg_result *r, const char *text, size_t len, const char *title,
                         size_t title_len, int exact)
{
    size_t n = tg_result_entity_count(r);
    for (size_t i = 0; i < n; i++) {
        const tg_entity *e = tg_result_entity(r, i);
        int in_title = !strcmp(e->field, "title");
        const char *src = in_title ? title : text;
        size_t src_len = in_title ? title_len : len;
        FUZZ_CHECK(in_title || !strcmp(e->field, "text"));
        FUZZ_CHECK(e->byte_start < e->byte_end && e->byte_end <= src_len);
        FUZZ_CHECK(e->start < e->end && e->end - e->start <= e->byte_end - e->byte_start);
        FUZZ_CHECK(e->type && e->id && e->zone && e->source && e->subtype && e->text);
        if (exact)
            FUZZ_CHECK(strlen(e->text) == e->byte_end - e->byte_start &&
                       !memcmp(e->text, src + e->byte_start, e->byte_end - e->byte_start));
    }
    for (size_t i = 0; i < tg_result_tag_count(r); i++) {
        const tg_tag *t = tg_result_tag(r, i);
        FUZZ_CHECK(t->score >= 0.0 && t->score <= 1.0);
        FUZZ_CHECK(i == 0 || tg_result_tag(r, i - 1)->score >= t->score);
        for (size_t k = 0; k < t->evidence_count; k++)
            FUZZ_CHECK(t->evidence[k] < n);
    }
    for (size_t i = 0; i < tg_result_contribution_count(r); i++) {
        const tg_contribution *c = tg_result_contribution(r, i);
        FUZZ_CHECK(c->tag < tg_result_tag_count(r) && c->entity < n);
    }
    char *json = NULL;
    size_t json_len = 0;
    FUZZ_CHECK(tg_result_to_json(r, model, "fuzz", &json, &json_len) == TG_OK);
    json_error_t jerr;
    json_t *parsed = json_loadb(json, json_len, 0, &jerr);
    if (!parsed)
        fprintf(stderr, "bad JSON (%s): %s\n", jerr.text, json);
    FUZZ_CHECK(parsed != NULL);
    FUZZ_CHECK(json_array_size(json_object_get(parsed, "entities")) == n);
    json_decref(parsed);
    free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = {NULL, "en", "uk", "ru"};
    const char *text = (const char *)data;
    size_t len = size;
    tg_doc_options o = {0};
    const char *ff = memchr(text, '\f', len);
    if (ff) {
        o.title = text;
        o.title_len = (size_t)(ff - text);
        len -= o.title_len + 1;
        text = ff + 1;
    }
    o.lang = langs[size % 4];
    o.labels = langs[1 + size % 3];
    o.html = FUZZ_HTML;
    tg_result *r = NULL;
    tg_error err;
    int rc = tg_tag_text(&r, model, scratch, text, len, &o, &err);
    if (rc == TG_ERR_INPUT) {
        FUZZ_CHECK(r == NULL && err.code == TG_ERR_INPUT && err.message[0]);
        o.replace_invalid = 1;
        rc = tg_tag_text(&r, model, scratch, text, len, &o, &err);
        /* Repair turns a bad byte into three (U+FFFD); spans then index the
         * repaired text, so only bounds are checked. */
        if (rc == TG_OK)
            check_result(r, text, 3 * len, o.title, 3 * o.title_len, 0);
    } else if (rc == TG_OK) {
        check_result(r, text, len, o.title, o.title_len, !FUZZ_HTML);
    }
    FUZZ_CHECK(rc == TG_OK || (r == NULL && err.message[0]));
    tg_result_free(r);
    return 0;
}
