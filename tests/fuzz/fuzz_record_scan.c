/*
 * fuzz_record_scan.c - fuzz target: the fast path for records
 * (tagger/record_scan.c) against jansson, as a differential test.
 *
 * The input is one record. It goes through the pipeline stage (jsonl_tag_line) and
 * the service (serve_tag_record) twice: as shipped, and with jansson only. The
 * promise is that the fast path changes no byte, so the two outputs and return
 * values must be identical; any difference is a place where the scanner accepts or
 * reads something differently from jansson. The size picks the options (plain,
 * --replace-invalid, --text-field title), so that all three are fuzzed.
 */
#include "fuzz.h"

#include "jsonl.h"
#include "serve_record.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tg_model *model;
static tg_scratch *scratch;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_shared_model(FUZZ_MODEL_DIR "/tests/data/model-mini", &model, &scratch);
    return 0;
}

static int same(const strbuf *a, const strbuf *b)
{
    return a->n == b->n && a->failed == b->failed && (a->n == 0 || !memcmp(a->v, b->v, a->n));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    jsonl_options fast = {NULL, NULL, NULL, (size_t)1 << 20, 0, 0};
    if (size % 3 == 1)
        fast.replace_invalid = 1;
    else if (size % 3 == 2)
        fast.text_field = "title";
    jsonl_options slow = fast;
    slow.jansson_only = 1;

    strbuf a = {0}, b = {0};
    int ra = jsonl_tag_line(model, scratch, &fast, line, size, 0, 1, &a);
    int rb = jsonl_tag_line(model, scratch, &slow, line, size, 0, 1, &b);
    if (ra != rb || !same(&a, &b))
        fprintf(stderr, "fast:    %.*s\njansson: %.*s\n", (int)a.n, a.v, (int)b.n, b.v);
    FUZZ_CHECK(ra == rb && same(&a, &b));

    record_options ro = {fast.text_field, NULL, NULL, fast.replace_invalid, 0};
    record_options rs = ro;
    rs.jansson_only = 1;
    a.n = b.n = 0;
    unsigned sa = serve_tag_record(model, scratch, &ro, line, size, &a);
    unsigned sb = serve_tag_record(model, scratch, &rs, line, size, &b);
    if (sa != sb || !same(&a, &b))
        fprintf(stderr, "fast:    %.*s\njansson: %.*s\n", (int)a.n, a.v, (int)b.n, b.v);
    FUZZ_CHECK(sa == sb && same(&a, &b));
    sb_free(&a);
    sb_free(&b);
    return 0;
}
