/*
 * pool.c - the ordered worker pool behind -j N.
 *
 * A ring of slots and three counters: `filled` (jobs loaded by the reader),
 * `taken` (jobs handed to workers) and `drained` (jobs written out). Job k lives in
 * slot k % nslots, so order is kept without sorting: the drainer simply waits for
 * slot `drained` to be done. The reader waits while the ring is full, which is
 * what keeps memory flat however long the input is. The calling thread reads; one
 * extra thread drains; workers take jobs in order.
 *
 * With one worker there is no thread at all: fill, work, drain in a loop. The same
 * work() produces the bytes either way, so -j 1 and -j N agree byte for byte.
 */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct pool {
    const pool_ops *ops;
    void **slots;
    size_t nslots;
    unsigned char *done;
    size_t filled, taken, drained;
    int eof;
    pthread_mutex_t lock;
    pthread_cond_t can_fill, can_take, can_drain;
} pool;

typedef struct worker_arg {
    pool *p;
    void *ctx;
} worker_arg;

static void *worker_main(void *arg)
{
    worker_arg *w = arg;
    pool *p = w->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->taken == p->filled && !p->eof)
            pthread_cond_wait(&p->can_take, &p->lock);
        if (p->taken == p->filled)
            break;
        size_t k = p->taken++ % p->nslots;
        pthread_mutex_unlock(&p->lock);
        p->ops->work(w->ctx, p->slots[k]);
        pthread_mutex_lock(&p->lock);
        p->done[k] = 1;
        pthread_cond_signal(&p->can_drain);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void *drainer_main(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        size_t k = p->drained % p->nslots;
        while (!p->done[k] && !(p->eof && p->drained == p->filled))
            pthread_cond_wait(&p->can_drain, &p->lock);
        if (!p->done[k])
            break;
        pthread_mutex_unlock(&p->lock);
        p->ops->drain(p->ops->ctx, p->slots[k]);
        pthread_mutex_lock(&p->lock);
        p->done[k] = 0;
        p->drained++;
        pthread_cond_signal(&p->can_fill);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static int run_inline(const pool_ops *ops, void *slot, void *worker_ctx)
{
    while (ops->fill(ops->ctx, slot)) {
        ops->work(worker_ctx, slot);
        ops->drain(ops->ctx, slot);
    }
    return 0;
}

int pool_run(const pool_ops *ops, void **slots, size_t nslots, void **worker_ctx,
             size_t nworkers)
{
    if (nworkers <= 1 || nslots < 2)
        return run_inline(ops, slots[0], worker_ctx[0]);
    pool p = {ops, slots, nslots, calloc(nslots, 1), 0, 0, 0, 0};
    pthread_t *threads = calloc(nworkers + 1, sizeof *threads);
    worker_arg *args = calloc(nworkers, sizeof *args);
    if (!p.done || !threads || !args) {
        free(p.done);
        free(threads);
        free(args);
        return -1;
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.can_fill, NULL);
    pthread_cond_init(&p.can_take, NULL);
    pthread_cond_init(&p.can_drain, NULL);
    size_t started = 0;
    int rc = 0, drainer = pthread_create(&threads[0], NULL, drainer_main, &p) == 0;
    if (!drainer)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < nworkers; i++) {
        args[i] = (worker_arg){&p, worker_ctx[i]};
        if (pthread_create(&threads[i + 1], NULL, worker_main, &args[i]) != 0)
            break; /* fewer workers than asked still finish the job */
        started++;
    }
    if (rc == 0 && started == 0)
        rc = -1;
    for (;;) {
        pthread_mutex_lock(&p.lock);
        while (rc == 0 && p.filled - p.drained >= nslots)
            pthread_cond_wait(&p.can_fill, &p.lock);
        pthread_mutex_unlock(&p.lock);
        /* Slot filled % nslots is free: the drainer is done with it. */
        if (rc != 0 || !ops->fill(ops->ctx, slots[p.filled % nslots]))
            break;
        pthread_mutex_lock(&p.lock);
        p.filled++;
        pthread_cond_signal(&p.can_take);
        pthread_mutex_unlock(&p.lock);
    }
    pthread_mutex_lock(&p.lock);
    p.eof = 1;
    pthread_cond_broadcast(&p.can_take);
    pthread_cond_broadcast(&p.can_drain);
    pthread_mutex_unlock(&p.lock);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i + 1], NULL);
    if (drainer)
        pthread_join(threads[0], NULL);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.can_fill);
    pthread_cond_destroy(&p.can_take);
    pthread_cond_destroy(&p.can_drain);
    free(p.done);
    free(threads);
    free(args);
    return rc;
}
