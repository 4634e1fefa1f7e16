/* harness.h - what every cmocka test file includes. */
#ifndef TEST_HARNESS_H
#define TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tagger.h"

/* The next value of a xorshift64 generator whose state is *x (never 0): the random
 * inputs of the tests that compare a fast path with a plain one. */
static inline uint64_t xorshift(uint64_t *x)
{
    *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
    return *x;
}

/* Load the model in dir for a group setup: 0, or -1 after printing where it failed. */
static inline int test_load_model(tg_model **m, const char *dir)
{
    tg_error err;
    if (tg_model_load(m, dir, &err) == TG_OK)
        return 0;
    fprintf(stderr, "%s:%u:%u: %s\n", err.file, err.line, err.column, err.message);
    return -1;
}

/* The next case of a table-driven test file (TEST_DATA_DIR/x.cases): lines of
 * "first<TAB>rest", blank lines and '#' comments skipped. Reads into line (cap bytes),
 * cuts it at its first tab and returns the rest (line holds the first field), or NULL
 * at the end of the file. *line_no counts the lines read, for messages; a case line
 * without a tab fails the test. */
static inline char *test_next_case(FILE *fp, char *line, int cap, int *line_no)
{
    while (fgets(line, cap, fp)) {
        (*line_no)++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        return tab + 1;
    }
    return NULL;
}

/* Turn each "\\n" of a case's text into a line break, in place. */
static inline void test_unescape_newlines(char *s)
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

/* Run a cases file of texts ("\\n" a line break) and what they should give: the texts
 * of the entities of `subtype`, joined by `sep`, or "-" for none. `check` asserts what
 * else each such entity must be. Fails on any case that differs (each printed with its
 * line); returns how many cases there were and, in *found, how many such entities. */
static inline int test_subtype_cases(tg_model *m, const char *path, const char *subtype,
                                     const char *sep, void (*check)(const tg_entity *),
                                     int *found)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[2048], *expect;
    int line_no = 0, n = 0, failed = 0;
    *found = 0;
    while ((expect = test_next_case(fp, line, sizeof line, &line_no))) {
        test_unescape_newlines(line);
        tg_result *r = NULL;
        tg_error err;
        assert_int_equal(tg_tag_text(&r, m, NULL, line, strlen(line), NULL, &err), TG_OK);
        char got[2048] = "";
        for (size_t i = 0; i < tg_result_entity_count(r); i++) {
            const tg_entity *e = tg_result_entity(r, i);
            if (strcmp(e->subtype, subtype) != 0)
                continue;
            check(e);
            if (got[0])
                strcat(got, sep);
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s", e->text);
            (*found)++;
        }
        if (!got[0])
            strcpy(got, "-");
        if (strcmp(got, expect) != 0) {
            print_error("%s:%d: '%s'\n  expected: %s\n  got:      %s\n", path, line_no, line,
                        expect, got);
            failed++;
        }
        tg_result_free(r);
        n++;
    }
    fclose(fp);
    assert_int_equal(failed, 0);
    return n;
}

/* A test file's model, loaded once from `dir` before its tests and freed after them:
 * `static tg_model *model` and the group's setup and teardown. */
#define TEST_MODEL_FIXTURE(dir)                                                            \
    static tg_model *model;                                                                \
    static int setup(void **state)                                                         \
    {                                                                                      \
        (void)state;                                                                       \
        return test_load_model(&model, dir);                                               \
    }                                                                                      \
    static int teardown(void **state)                                                      \
    {                                                                                      \
        (void)state;                                                                       \
        tg_model_free(model);                                                              \
        return 0;                                                                          \
    }

/* The result of model m on text in language lang (forced); fails the test on an error.
 * The caller frees it. */
static inline tg_result *test_tag_in(tg_model *m, const char *lang, const char *text)
{
    tg_result *r = NULL;
    tg_error err;
    tg_doc_options opts = {0};
    opts.lang = lang;
    assert_int_equal(tg_tag_text(&r, m, NULL, text, strlen(text), &opts, &err), TG_OK);
    return r;
}

/* The ids of the tags that model m gives text (lang forced), in the result's order, "|"
 * between them, in out. */
static inline void test_tags_of(tg_model *m, const char *lang, const char *text, char *out,
                                size_t cap)
{
    tg_result *r = test_tag_in(m, lang, text);
    out[0] = '\0';
    for (size_t i = 0; i < tg_result_tag_count(r); i++)
        snprintf(out + strlen(out), cap - strlen(out), "%s%s", out[0] ? "|" : "",
                 tg_result_tag(r, i)->id);
    tg_result_free(r);
}

/* "text id" of each entity of `type` that model m finds in text (lang forced), "|"
 * between them, in out. */
static inline void test_entities_of(tg_model *m, const char *lang, const char *text,
                                    const char *type, char *out, size_t cap)
{
    tg_result *r = test_tag_in(m, lang, text);
    out[0] = '\0';
    for (size_t i = 0; i < tg_result_entity_count(r); i++) {
        const tg_entity *e = tg_result_entity(r, i);
        if (!strcmp(e->type, type))
            snprintf(out + strlen(out), cap - strlen(out), "%s%s %s", out[0] ? "|" : "", e->text,
                     e->id);
    }
    tg_result_free(r);
}

/* A whole file, NUL-terminated (the NUL not counted in *len); fails the test when it
 * cannot be read. The caller frees it. */
static inline char *test_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

#endif
