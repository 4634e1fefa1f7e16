/*
 * eval_texts.h - real news for tests that compare two ways of doing one thing: the
 * repository's own articles (the .txt files under corpora/LANG) and the texts and titles of
 * ../shared/eval records. Header-only; the test links jansson.
 *
 * The evaluation data is not part of the repository: when the file is not there the
 * walk does nothing, and the test still runs on the corpora and its generated texts.
 */
#ifndef TEST_EVAL_TEXTS_H
#define TEST_EVAL_TEXTS_H

#include "harness.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Called for the text and then the title of each record; lang is the record's
 * "lang" or NULL, path the file's. */
typedef void (*eval_text_fn)(void *arg, const char *text, size_t len, const char *lang,
                             const char *path);

/* Every .txt article under corpora/LANG of the repository, lang given as LANG. */
static inline void corpus_texts_each(const char *lang, eval_text_fn fn, void *arg)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/corpora/%s", TEST_SOURCE_DIR, lang);
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".txt"))
            continue;
        snprintf(path, sizeof path, "%s/corpora/%s/%s", TEST_SOURCE_DIR, lang, e->d_name);
        size_t len;
        char *text = test_read_file(path, &len);
        fn(arg, text, len, lang, path);
        free(text);
    }
    closedir(d);
}

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
