/* serve_watch.h - notice that a model directory's files changed (for hot reload). */
#ifndef TAGGER_SERVE_WATCH_H
#define TAGGER_SERVE_WATCH_H

#include <stdint.h>

/* A fingerprint of the model's files: the name, size, mtime and inode of every file
 * in dir/gazetteers and dir/rules. Two calls return the same value while nothing
 * was written, renamed, added or removed. */
uint64_t serve_watch_signature(const char *dir);

#endif
