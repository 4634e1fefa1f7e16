/* linereader.h - reading lines of any length with a bound on what is kept. */
#ifndef TAGGER_LINEREADER_H
#define TAGGER_LINEREADER_H

#include "strbuf.h"

#include <stdio.h>

typedef struct line_reader {
    FILE *in;
    char buf[1 << 16];
    size_t pos, end;
    int eof, error;
    size_t last_bytes; /* bytes the last line took, its newline included */
} line_reader;

void line_reader_init(line_reader *lr, FILE *in);

/* Append the next line (without its '\n' and a '\r' before it) to out. A line longer
 * than max bytes is read to its end but not kept: *over is set and nothing is
 * appended. Returns 1 for a line, 0 at the end of input (lr->error tells a read
 * error from the end). */
int line_reader_next(line_reader *lr, strbuf *out, size_t max, int *over);

#endif
