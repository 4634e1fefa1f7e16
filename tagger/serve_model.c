/*
 * serve_model.c - the model handle behind hot reload.
 *
 * A reload loads the new model beside the old one and swaps one pointer. Requests
 * must finish on the model they started with, so each request takes a reference
 * (under the holder's mutex, which only guards the pointer copy and the increment:
 * the holder's own reference keeps the count above zero meanwhile) and drops it
 * when its response is built. The reloading thread waits for the last of them and
 * frees the old model itself.
 *
 * Scratches belong to one model, so each handle keeps its own pool of them. A
 * worker takes one per request and gives it back; a pool rather than a
 * thread-local cache so that no idle thread can keep an old model alive.
 */
#include "serve_model.h"

#include <stdlib.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

struct serve_model {
    tg_model *model;
    atomic_long refs;
    serve_holder *holder;
    pthread_mutex_t lock; /* guards the scratch pool */
    tg_scratch **free_scratch;
    size_t nfree, capfree;
};

serve_model *serve_model_new(tg_model *model, serve_holder *holder)
{
    serve_model *m = calloc(1, sizeof *m);
    if (!m) {
        tg_model_free(model);
        return NULL;
    }
    m->model = model;
    atomic_init(&m->refs, 1);
    m->holder = holder;
    pthread_mutex_init(&m->lock, NULL);
    atomic_fetch_add(&holder->alive, 1);
    return m;
}

const tg_model *serve_model_tg(const serve_model *m) { return m->model; }

const char *serve_model_version(const serve_model *m) { return tg_model_version(m->model); }

void serve_model_release(serve_model *m)
{
    if (!m || atomic_fetch_sub(&m->refs, 1) != 1)
        return;
    for (size_t i = 0; i < m->nfree; i++)
        tg_scratch_free(m->free_scratch[i]);
    free(m->free_scratch);
    tg_model_free(m->model);
    pthread_mutex_destroy(&m->lock);
    atomic_fetch_sub(&m->holder->alive, 1);
    free(m);
#ifdef __GLIBC__
    /* A model loaded from source is tens of MB of small blocks in whichever thread's
     * arena loaded it; give them back, or every reload leaves RSS a step higher. */
    malloc_trim(0);
#endif
}

tg_scratch *serve_model_scratch_get(serve_model *m, tg_error *err)
{
    tg_scratch *s = NULL;
    pthread_mutex_lock(&m->lock);
    if (m->nfree)
        s = m->free_scratch[--m->nfree];
    pthread_mutex_unlock(&m->lock);
    if (!s && tg_scratch_new(&s, m->model, err) != TG_OK)
        return NULL;
    return s;
}

void serve_model_scratch_put(serve_model *m, tg_scratch *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&m->lock);
    if (m->nfree == m->capfree) {
        size_t cap = m->capfree ? m->capfree * 2 : 8;
        tg_scratch **v = realloc(m->free_scratch, cap * sizeof *v);
        if (!v) {
            pthread_mutex_unlock(&m->lock);
            tg_scratch_free(s);
            return;
        }
        m->free_scratch = v;
        m->capfree = cap;
    }
    m->free_scratch[m->nfree++] = s;
    pthread_mutex_unlock(&m->lock);
}

void serve_holder_init(serve_holder *h)
{
    pthread_mutex_init(&h->lock, NULL);
    h->current = NULL;
    atomic_init(&h->alive, 0);
}

serve_model *serve_holder_acquire(serve_holder *h)
{
    pthread_mutex_lock(&h->lock);
    serve_model *m = h->current;
    if (m)
        atomic_fetch_add(&m->refs, 1);
    pthread_mutex_unlock(&h->lock);
    return m;
}

void serve_holder_swap(serve_holder *h, serve_model *next)
{
    pthread_mutex_lock(&h->lock);
    serve_model *old = h->current;
    h->current = next;
    pthread_mutex_unlock(&h->lock);
    /* No new request can take `old` now, and those on it finish within milliseconds.
     * Waiting for them makes this thread, not the last request, pay for freeing tens
     * of MB of model (and the heap trim after it): that was a latency spike on a
     * tagging thread at every reload. */
    while (old && atomic_load(&old->refs) > 1) {
        struct timespec pause = {0, 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    serve_model_release(old);
}

void serve_holder_clear(serve_holder *h)
{
    serve_holder_swap(h, NULL);
    pthread_mutex_destroy(&h->lock);
}
