/* progress.h - the progress bar and the closing summary line, both on stderr. */
#ifndef TAGGER_PROGRESS_H
#define TAGGER_PROGRESS_H

#include <stddef.h>

typedef struct progress {
    int bar;                 /* draw a bar (stderr is a terminal) */
    size_t files_total, files_done, failed;
    unsigned long long bytes_total, bytes_done;
    double started, drawn;   /* seconds, monotonic */
} progress;

/* Start the clock; the bar is drawn only when `bar` is set. */
void progress_start(progress *p, int bar, size_t files, unsigned long long bytes);

/* One more file done (failed or not) holding `bytes` bytes; redraws at most ten
 * times a second. */
void progress_step(progress *p, unsigned long long bytes, int failed);

/* Erase the bar, if drawn. */
void progress_clear(progress *p);

/* "tagger: 12 files, 3.4 MB in 1.20 s (2.8 MB/s), 1 failed". `one` and `many` name
 * the unit ("file", "files"). */
void progress_summary(const progress *p, const char *one, const char *many);

double progress_now(void);

#endif
