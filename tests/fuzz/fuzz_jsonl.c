/*
 * fuzz_jsonl.c - fuzz target: the pipeline stage (tagger --jsonl) on a stream of
 * records, through the stage's public entry point (stream.h: stream_run), the way
 * main.c calls it. stream_run reads paths, so the input is written to a temporary
 * file; the output goes to an open_memstream buffer. Inputs whose size is a
 * multiple of 3 run with two worker threads, the others on the calling thread.
 *
 * The stage's promise is "N lines in, N lines out, never a crash", so besides the
 * sanitizers this target checks it: as many output lines as input lines, each an
 * object that parses and carries either "error" or "tags" and "entities". Odd-sized
 * inputs run with a 100-byte line limit so the over-long-line path is fuzzed too.
 */
#define _GNU_SOURCE /* open_memstream */
#include "fuzz.h"

#include "stream.h"
#include "tagger.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tg_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_shared_model(FUZZ_MODEL_DIR, &model, NULL);
    return 0;
}

static size_t count_lines(const char *s, size_t n)
{
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    return lines + (n && s[n - 1] != '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[600];
    if (!path[0])
        snprintf(path, sizeof path, "%s/input.jsonl", fuzz_model_dir());
    fuzz_write_file(path, data, size);
    char *out_buf = NULL;
    size_t out_len = 0;
    FILE *out = open_memstream(&out_buf, &out_len);
    FUZZ_CHECK(out != NULL);
    jsonl_options jo = {.max_line = (size & 1) ? 100 : (size_t)1 << 20};
    stream_stats st = {0};
    char *paths[1] = {path};
    int rc = stream_run(model, &jo, paths, 1, out, size % 3 == 0 ? 2 : 1, &st);
    FUZZ_CHECK(fclose(out) == 0);
    FUZZ_CHECK(rc == 0);

    size_t lines_in = count_lines((const char *)data, size);
    FUZZ_CHECK(count_lines(out_buf, out_len) == lines_in);
    FUZZ_CHECK(st.records == lines_in && st.errors <= st.records &&
               st.failed_inputs == 0);
    for (char *line = out_buf; line < out_buf + out_len;) {
        char *nl = memchr(line, '\n', (size_t)(out_buf + out_len - line));
        FUZZ_CHECK(nl != NULL); /* every output line is terminated */
        json_error_t jerr;
        json_t *rec = json_loadb(line, (size_t)(nl - line), JSON_ALLOW_NUL, &jerr);
        if (!rec)
            fprintf(stderr, "output line does not parse (%s): %.*s\n", jerr.text,
                    (int)(nl - line), line);
        FUZZ_CHECK(json_is_object(rec));
        FUZZ_CHECK(json_object_get(rec, "error") ||
                   (json_object_get(rec, "tags") && json_object_get(rec, "entities")));
        json_decref(rec);
        line = nl + 1;
    }
    free(out_buf);
    return 0;
}
