/*
 * datafile.h - reading the model's text files line by line. Internal.
 *
 * Every data file (gazetteers, topics, rules, scorer settings) shares these rules:
 * UTF-8, an optional byte order mark, LF or CRLF line ends, '#' comment lines and
 * blank lines skipped by the caller's choice, and errors as file:line:column.
 */
#ifndef TG_DATAFILE_H
#define TG_DATAFILE_H

#include "tagger.h"

#include <stddef.h>

typedef struct tg_datafile {
    const char *path;
    char *data;       /* whole file, NUL-terminated */
    size_t len;
    size_t pos;       /* start of the next line */
    unsigned line_no; /* of the line last returned */
} tg_datafile;

/* Read the whole file and check it is UTF-8. */
int tg_datafile_open(tg_datafile *df, const char *path, tg_error *err);
void tg_datafile_close(tg_datafile *df);

/* The next line (without its line end, NUL-terminated in place), or NULL at the end.
 * The pointer lives until tg_datafile_close. */
char *tg_datafile_next(tg_datafile *df);

/* Is the line blank or a comment? */
int tg_datafile_skippable(const char *line);

/* Split a line in place at tabs. Returns the number of fields (at most max); more
 * fields than max make it return max + 1. */
size_t tg_split_tabs(char *line, char **fields, size_t max);

#endif
