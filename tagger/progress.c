/*
 * progress.c - what a person at a terminal sees while many files are tagged.
 *
 * The bar goes to stderr and only when stderr is a terminal: stdout may be the
 * data, and a log file must not fill with carriage returns. The time left is
 * estimated from bytes rather than files, since one long file takes as long as
 * many short ones.
 */
#include "progress.h"

#include <stdio.h>
#include <time.h>

#define MB (1024.0 * 1024.0)

double progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(progress *p, int bar, size_t files, unsigned long long bytes)
{
    *p = (progress){bar, files, 0, 0, bytes, 0, progress_now(), 0};
}

static void draw(progress *p, double now)
{
    double elapsed = now - p->started;
    double rate = elapsed > 0 ? (double)p->bytes_done / elapsed : 0;
    double frac = p->bytes_total ? (double)p->bytes_done / (double)p->bytes_total
                  : p->files_total ? (double)p->files_done / (double)p->files_total : 0;
    if (frac > 1)
        frac = 1;
    char bar[31];
    int full = (int)(frac * 30);
    for (int i = 0; i < 30; i++)
        bar[i] = i < full ? '#' : '.';
    bar[30] = '\0';
    fprintf(stderr, "\r[%s] %zu/%zu files  %.1f/%.1f MB  %.1f MB/s", bar, p->files_done,
            p->files_total, (double)p->bytes_done / MB, (double)p->bytes_total / MB, rate / MB);
    if (rate > 0 && p->bytes_total > p->bytes_done) {
        long left = (long)((double)(p->bytes_total - p->bytes_done) / rate + 0.5);
        fprintf(stderr, "  %ld:%02ld left", left / 60, left % 60);
    }
    fputs("\033[K", stderr);
    fflush(stderr);
    p->drawn = now;
}

void progress_step(progress *p, unsigned long long bytes, int failed)
{
    p->files_done++;
    p->bytes_done += bytes;
    p->failed += failed != 0;
    if (!p->bar)
        return;
    double now = progress_now();
    if (now - p->drawn >= 0.1 || p->files_done == p->files_total)
        draw(p, now);
}

void progress_clear(progress *p)
{
    if (p->bar && p->drawn > 0)
        fputs("\r\033[K", stderr);
}

void progress_summary(const progress *p, const char *one, const char *many)
{
    double secs = progress_now() - p->started;
    double mb = (double)p->bytes_done / MB;
    fprintf(stderr, "tagger: %zu %s, %.1f MB in %.2f s (%.1f MB/s), %zu failed\n",
            p->files_done, p->files_done == 1 ? one : many, mb, secs, secs > 0 ? mb / secs : 0.0, p->failed);
}
