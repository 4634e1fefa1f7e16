/* paths.h - where the program finds its model and its other shared files. */
#ifndef TAGGER_PATHS_H
#define TAGGER_PATHS_H

#include <stddef.h>

int path_is_dir(const char *path);

/* share/tagger/<sub> beside this program (a relocated install), else the installed
 * share/tagger/<sub>, else <sub> in the source tree the program was built from.
 * Written into buf; returns buf. */
const char *share_path(const char *sub, char *buf, size_t cap);

/* The model directory: `given` (--model), else $TAGGER_MODEL, else share_path's
 * order for the model itself. */
const char *find_model_dir(const char *given, char *buf, size_t cap);

#endif
