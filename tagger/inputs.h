/* inputs.h - the list of input files: arguments, folders walked, globs expanded. */
#ifndef TAGGER_INPUTS_H
#define TAGGER_INPUTS_H

#include <stddef.h>

typedef struct input_file {
    char *path; /* to open; "-" is standard input */
    char *rel;  /* its name under --output-dir: the path below the folder given, or the
                   file's own name */
    unsigned long long size; /* bytes, 0 when unknown (standard input) */
} input_file;

typedef struct input_list {
    input_file *v;
    size_t n, cap;
    size_t failed; /* arguments that named nothing (reported on stderr) */
} input_list;

/* Expand the arguments: a folder becomes every file below it that is not hidden
 * (sorted, so runs are repeatable); an argument that does not exist but holds a
 * glob character is expanded with glob(3), so a quoted "*.txt" works the same on
 * every shell. No arguments means standard input. Returns 0, or -1 when out of
 * memory. */
int inputs_expand(input_list *list, char **args, size_t nargs);
void inputs_free(input_list *list);

#endif
