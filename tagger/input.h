/* input.h - reading whole input files and standard input. */
#ifndef TAGGER_INPUT_H
#define TAGGER_INPUT_H

#include <stdio.h>
#include <stddef.h>

/* Read all of path ("-" for stdin) into a malloc'd NUL-terminated buffer. On failure
 * returns NULL and writes a message (naming the file) into why. Files larger than
 * max_bytes are refused without reading them whole. */
char *read_input(const char *path, size_t max_bytes, size_t *len, char *why, size_t why_len);

#endif
