/*
 * fuzz_image.c - fuzz target: load a compiled model (model.tgm) and tag with it.
 *
 * A random file never gets past the image's checksums, and a flipped byte of a real
 * image is caught by them too, so neither reaches the checks behind them: section
 * bounds, the counts in the meta block, string tables, and every index that tagging
 * later follows. This target is structure-aware. LLVMFuzzerInitialize compiles the
 * small test model (tests/data/model-mini) into an image held in memory; an input is
 * a list of edits applied to a copy of it, after which both checksums are recomputed
 * (tg_image_fix_checksums), so every edit reaches the loader's deeper checks. A
 * model that loads then tags an English, a Ukrainian and a Russian text, with labels
 * in each language, and renders the result as JSON.
 *
 * Input: one flag byte, then
 *   flag bit 0 clear: edits, each [where:u8][offset:u32 LE][len:u8][len bytes].
 *       where 0xff: offset is into the whole file (modulo its size); otherwise
 *       where % sections picks a section of the image's table and offset is modulo
 *       that section's bytes (its table entry when it is empty), so edits land in
 *       the small tables as often as in the large ones. Bytes past the end of the
 *       file are dropped. An input with no edit loads the valid image.
 *       flag bit 1: also cut the file to (first edit's offset modulo its size).
 *   flag bit 0 set: the rest of the input is the file as it is, checksums unfixed,
 *       so plain corrupt and truncated files stay covered.
 *
 * Invariant: the load succeeds, or fails with TG_ERR_DATA, no model and a message;
 * never a crash, hang, sanitizer report or leak.
 */
#include "fuzz.h"

#include "image_format.h"
#include "model_image.h"
#include "tagger.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SECTION_SIZE sizeof(tg_image_section)

static unsigned char *image;
static size_t image_len;
static uint64_t table_off, table_count;
static char path[512];
static char tmpdir[256];

static void cleanup(void)
{
    unlink(path);
    rmdir(tmpdir);
    free(image);
}

static uint64_t get64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/tagger-fuzz-image-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    FUZZ_CHECK(mkdtemp(tmpdir) != NULL);
    /* No rules/topics.tsv beside it: tg_model_load_file does no source check. */
    snprintf(path, sizeof path, "%s/model.tgm", tmpdir);
    atexit(cleanup);
    tg_model *m = NULL;
    tg_error err;
    if (tg_model_load_source(&m, FUZZ_MODEL_DIR "/tests/data/model-mini", &err) ||
        tg_model_compile(m, path, &err)) {
        fprintf(stderr, "fuzz_image: cannot compile the test model: %s:%u: %s\n", err.file,
                err.line, err.message);
        abort();
    }
    tg_model_free(m);
    FILE *fp = fopen(path, "rb");
    FUZZ_CHECK(fp != NULL);
    FUZZ_CHECK(fseek(fp, 0, SEEK_END) == 0);
    long n = ftell(fp);
    FUZZ_CHECK(n > 0);
    rewind(fp);
    image_len = (size_t)n;
    image = malloc(image_len);
    FUZZ_CHECK(image && fread(image, 1, image_len, fp) == image_len);
    fclose(fp);
    FUZZ_CHECK(image_len > sizeof(tg_image_header));
    table_off = get64(image + offsetof(tg_image_header, table_off));
    table_count = get64(image + offsetof(tg_image_header, table_count));
    FUZZ_CHECK(table_off < image_len && table_count > 0 &&
               table_count <= (image_len - table_off) / SECTION_SIZE);
    return 0;
}

static const char *const TEXTS[][2] = {
    {"en", "Vladimir Putin met Zelensky in 2019 in Kyiv.\n\nNASA said the U.S. and Georgia "
           "signed; Russia and the Russian Federation, United Kingdom, Chile, Nice. aaaaaaaa"},
    {"uk", "Володимир Путін і Зеленський у Росії.\n\nПорошенко, Лаврову, Олені Зеленській, "
           "Велика Британія, США, НАСА, Чилі у 2020 році."},
    {"ru", "Путина и Лаврова в России.\n\nЗеленский, Марии Захаровой, Великобритании, "
           "США и Чили с 2021 года."},
};

static void tag_with(const tg_model *m)
{
    size_t entities, aliases, rules;
    tg_model_counts(m, &entities, &aliases, &rules);
    FUZZ_CHECK(strlen(tg_model_version(m)) <= 8);
    tg_scratch *s = NULL;
    tg_error err;
    if (tg_scratch_new(&s, m, &err) != TG_OK) {
        FUZZ_CHECK(err.code == TG_ERR_NOMEM);
        return;
    }
    for (size_t i = 0; i < sizeof TEXTS / sizeof *TEXTS; i++) {
        tg_doc_options o = {0};
        o.lang = i == 0 ? NULL : TEXTS[i][0];
        o.labels = TEXTS[i][0];
        o.title = "Putin, Путін, Путин";
        o.title_len = strlen(o.title);
        tg_result *r = NULL;
        const char *text = TEXTS[i][1];
        int rc = tg_tag_text(&r, m, s, text, strlen(text), &o, &err);
        if (rc != TG_OK) {
            /* A damaged limit may refuse the document; nothing else may fail. */
            FUZZ_CHECK(rc == TG_ERR_LIMIT || rc == TG_ERR_NOMEM);
            continue;
        }
        size_t total = 0;
        for (size_t k = 0; k < tg_result_entity_count(r); k++) {
            const tg_entity *e = tg_result_entity(r, k);
            total += strlen(e->text) + strlen(e->type) + strlen(e->subtype) + strlen(e->id) +
                     strlen(e->zone) + strlen(e->source);
        }
        for (size_t k = 0; k < tg_result_tag_count(r); k++) {
            const tg_tag *t = tg_result_tag(r, k);
            total += strlen(t->id) + strlen(t->label);
            FUZZ_CHECK(t->evidence_count == 0 || t->evidence != NULL);
            for (size_t j = 0; j < t->evidence_count; j++)
                FUZZ_CHECK(t->evidence[j] < tg_result_entity_count(r));
        }
        (void)total;
        char *json = NULL;
        size_t json_len = 0;
        if (tg_result_to_json(r, m, "fuzz", &json, &json_len) == TG_OK)
            FUZZ_CHECK(json && strlen(json) == json_len);
        free(json);
        tg_result_free(r);
    }
    tg_scratch_free(s);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Apply the edits to buf (a copy of the image); returns the file's new length. */
static size_t apply_edits(unsigned char *buf, const uint8_t *data, size_t size, int cut)
{
    size_t len = image_len;
    int first = 1;
    while (size >= 6) {
        uint8_t where = data[0];
        uint32_t off = get32(data + 1);
        size_t n = data[5];
        data += 6;
        size -= 6;
        if (n > size)
            n = size;
        size_t at;
        if (where == 0xff) {
            at = off % image_len;
        } else {
            /* The section's place in the valid image (the table may be edited). */
            const unsigned char *sec = image + table_off + (where % table_count) * SECTION_SIZE;
            uint32_t elem;
            memcpy(&elem, sec + 4, 4);
            uint64_t soff = get64(sec + 8), bytes = get64(sec + 16) * elem;
            if (bytes == 0)
                at = (size_t)(sec - image) + off % SECTION_SIZE;
            else
                at = (size_t)(soff + off % bytes);
        }
        if (first && cut)
            len = off % image_len;
        first = 0;
        if (at < image_len)
            memcpy(buf + at, data, n < image_len - at ? n : image_len - at);
        data += n;
        size -= n;
    }
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t flags = data[0];
    data++;
    size--;
    if (flags & 1) {
        fuzz_write_file(path, data, size);
    } else {
        unsigned char *buf = malloc(image_len);
        FUZZ_CHECK(buf != NULL);
        memcpy(buf, image, image_len);
        size_t len = apply_edits(buf, data, size, flags & 2);
        tg_image_fix_checksums(buf, len);
        fuzz_write_file(path, buf, len);
        free(buf);
    }
    tg_model *m = NULL;
    tg_error err;
    memset(&err, 0, sizeof err);
    int rc = tg_model_load_file(&m, path, &err);
    if (rc != TG_OK) {
        FUZZ_CHECK(m == NULL && rc == TG_ERR_DATA && err.code == rc && err.message[0]);
        return 0;
    }
    FUZZ_CHECK(m != NULL);
    tag_with(m);
    tg_model_free(m);
    return 0;
}
