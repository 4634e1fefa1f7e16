/* stream.h - the pipeline stage over whole inputs: batches, workers, order. */
#ifndef TAGGER_STREAM_H
#define TAGGER_STREAM_H

#include "jsonl.h"

#include <stdio.h>

typedef struct stream_stats {
    size_t records, errors; /* lines read; error records written */
    size_t bytes;           /* input bytes read, newlines included */
    size_t failed_inputs;   /* inputs that could not be opened or read */
} stream_stats;

/*
 * Tag every line of every input (paths; "-" is standard input; none means standard
 * input) with `nworkers` threads, writing one line to out per input line in input
 * order. Line numbers in error records count from 1 in each input. An input that
 * cannot be opened is reported on stderr and counted in stats->failed_inputs.
 * Returns 0, or -1 when the output could not be written or threads not started.
 */
int stream_run(const tg_model *m, const jsonl_options *o, char **paths, size_t npaths,
               FILE *out, size_t nworkers, stream_stats *stats);

#endif
