/*
 * fuzz_rules.c - fuzz target: load a rule file.
 *
 * The input becomes rules/fuzz.rules of a model with a fixed topics.tsv and a fixed
 * one-entity gazetteer (fuzz_common.c). A file that loads has its rules run over a
 * fixed news sentence and over the input itself, so patterns the fuzzer invents
 * (catastrophic ones included) meet the match limits; a file that does not load
 * must say why. PCRE2 compile errors must point inside the file.
 */
#include "fuzz.h"

#include "tagger.h"

#include <stdio.h>
#include <string.h>

static const char GAZETTEER[] = "id\ttype\tsubtype\tname\ttopics\ten\tuk\n"
                                "country:RU\tPLACE\tcountry\tRussia\tcountry:RU=1\tRussia\tРосія~\n";

static const char SENTENCE[] = "On 29 July 2025 Russia paid $1.5 billion, in 2024 aaaaaaaaaaaa"
                               "aaaaaaaaaaaaaaaaaaaaaaaaaaaab, said Росії 12:30.";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_model_dir();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_model_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/gazetteers/fixed.tsv", dir);
    fuzz_write_file(path, (const uint8_t *)GAZETTEER, sizeof GAZETTEER - 1);
    snprintf(path, sizeof path, "%s/rules/fuzz.rules", dir);
    fuzz_write_file(path, data, size);
    tg_model *m;
    if (fuzz_load(dir, data, size, &m))
        return 0;
    tg_error err;
    tg_scratch *s = NULL;
    FUZZ_CHECK(tg_scratch_new(&s, m, &err) == TG_OK);
    tg_doc_options o = {0};
    o.replace_invalid = 1;
    const char *texts[2] = {SENTENCE, (const char *)data};
    size_t lens[2] = {sizeof SENTENCE - 1, size};
    for (int t = 0; t < 2; t++) {
        tg_result *r = NULL;
        FUZZ_CHECK(tg_tag_text(&r, m, s, texts[t], lens[t], &o, &err) == TG_OK);
        for (size_t i = 0; i < tg_result_entity_count(r); i++) {
            const tg_entity *e = tg_result_entity(r, i);
            FUZZ_CHECK(e->byte_start < e->byte_end && e->byte_end <= 3 * lens[t]);
        }
        tg_result_free(r);
    }
    tg_scratch_free(s);
    tg_model_free(m);
    return 0;
}
