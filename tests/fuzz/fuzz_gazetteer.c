/*
 * fuzz_gazetteer.c - fuzz target: load a gazetteer file.
 *
 * The input becomes gazetteers/fuzz.tsv of a model whose rules/topics.tsv is fixed
 * (fuzz_common.c), and the model is loaded through tg_model_load as the program
 * would. A file that loads must then tag: the input itself is tagged (with invalid
 * UTF-8 replaced), which runs every alias it defined through the matcher. A file
 * that does not load must say why, with a position inside the file.
 */
#include "fuzz.h"

#include "tagger.h"

#include <stdio.h>
#include <string.h>

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
    snprintf(path, sizeof path, "%s/gazetteers/fuzz.tsv", dir);
    fuzz_write_file(path, data, size);
    tg_model *m;
    if (fuzz_load(dir, data, size, &m))
        return 0;
    tg_error err;
    size_t entities = 0, aliases = 0;
    tg_model_counts(m, &entities, &aliases, NULL);
    FUZZ_CHECK(entities == 0 || aliases >= entities);
    tg_doc_options o = {0};
    o.replace_invalid = 1;
    tg_result *r = NULL;
    int rc = tg_tag_text(&r, m, NULL, (const char *)data, size, &o, &err);
    FUZZ_CHECK(rc == TG_OK);
    for (size_t i = 0; i < tg_result_entity_count(r); i++)
        FUZZ_CHECK(tg_result_entity(r, i)->byte_end <= 3 * size);
    tg_result_free(r);
    tg_model_free(m);
    return 0;
}
