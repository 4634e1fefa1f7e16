/* jsonl.h - the pipeline stage: JSON Lines in, JSON Lines out, nothing lost. */
#ifndef TAGGER_JSONL_H
#define TAGGER_JSONL_H

#include "tagger.h"

#include <stdio.h>

typedef struct jsonl_options {
    const char *text_field; /* NULL: "text", then "html" */
    const char *lang;       /* forced language, or NULL */
    const char *labels;
    size_t max_line;        /* bytes; longer lines become error records */
    int replace_invalid;
} jsonl_options;

typedef struct jsonl_stats {
    size_t records, errors;
} jsonl_stats;

/* Tag every line of in, writing exactly one line to out per input line. Returns 0,
 * or -1 when the output cannot be written. */
int jsonl_run(const tg_model *m, FILE *in, FILE *out, const jsonl_options *opts,
              jsonl_stats *stats);

#endif
