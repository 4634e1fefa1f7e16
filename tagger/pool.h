/* pool.h - N workers over a stream of jobs, results delivered in input order. */
#ifndef TAGGER_POOL_H
#define TAGGER_POOL_H

#include <stddef.h>

/*
 * The caller owns `nslots` slots (any struct, reused again and again) and one
 * context per worker (a tg_scratch lives there). fill() loads the next job into a
 * free slot and returns 1, or 0 when there are no more jobs; work() runs on a
 * worker thread with that worker's context; drain() sees the slots in the order
 * fill() loaded them and must leave the slot ready for reuse. fill() and drain()
 * each run on one thread only, so they need no locking of their own.
 */
typedef struct pool_ops {
    void *ctx;
    int (*fill)(void *ctx, void *slot);
    void (*work)(void *worker_ctx, void *slot);
    void (*drain)(void *ctx, void *slot);
} pool_ops;

/* Run until fill() returns 0 and every job is drained. With one worker everything
 * runs on the calling thread. Returns 0, or -1 when threads cannot be started. */
int pool_run(const pool_ops *ops, void **slots, size_t nslots, void **worker_ctx,
             size_t nworkers);

#endif
