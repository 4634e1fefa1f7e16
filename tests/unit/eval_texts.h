/*
 * eval_texts.h - the texts and titles of ../shared/eval records, for tests that compare
 * two ways of doing one thing over real news. Header-only; the test links jansson.
 *
 * The evaluation data is not part of the repository: when the file is not there the
 * walk does nothing, and the test still runs on the corpora and its generated texts.
 */
#ifndef TEST_EVAL_TEXTS_H
#define TEST_EVAL_TEXTS_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

/* Called for the text and then the title of each record; lang is the record's
 * "lang" or NULL, path the file's. */
typedef void (*eval_text_fn)(void *arg, const char *text, size_t len, const char *lang,
                             const char *path);

/* The first max_records records of ../shared/eval/NAME (lines that are not JSON are
 * passed over). */
static inline void eval_texts_each(const char *name, size_t max_records, eval_text_fn fn,
                                   void *arg)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/../shared/eval/%s", TEST_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    for (size_t k = 0; k < max_records && (n = getline(&line, &cap, f)) > 0; k++) {
        json_t *rec = json_loadb(line, (size_t)n, 0, NULL);
        if (!rec)
            continue;
        const char *lang = json_string_value(json_object_get(rec, "lang"));
        for (int field = 0; field < 2; field++) {
            json_t *t = json_object_get(rec, field ? "title" : "text");
            if (json_is_string(t))
                fn(arg, json_string_value(t), json_string_length(t), lang, path);
        }
        json_decref(rec);
    }
    free(line);
    fclose(f);
}

#endif
