/* jsonl.h - one JSON Lines record in, one out: tagged, or an error in its place. */
#ifndef TAGGER_JSONL_H
#define TAGGER_JSONL_H

#include "strbuf.h"
#include "tagger.h"

typedef struct jsonl_options {
    const char *text_field; /* NULL: "text", then "html" */
    const char *lang;       /* forced language, or NULL */
    const char *labels;
    size_t max_line;        /* bytes; longer lines become error records */
    int replace_invalid;
    int jansson_only;       /* read every record with jansson (tests compare the paths) */
} jsonl_options;

/*
 * Append exactly one output line (ending in '\n') for the input line `line` (len
 * bytes, no newline), which is line `line_no` of its input; `over` says the line
 * was longer than the limit and was not kept. Returns 0 for a tagged record, 1 for
 * an error record. Safe to call from many threads, each with its own scratch.
 */
int jsonl_tag_line(const tg_model *m, tg_scratch *s, const jsonl_options *o,
                   const char *line, size_t len, int over, size_t line_no, strbuf *out);

#endif
