/* serve_model.h - the service's model handle: refcounted, swapped atomically on reload. */
#ifndef TAGGER_SERVE_MODEL_H
#define TAGGER_SERVE_MODEL_H

#include "tagger.h"

#include <pthread.h>
#include <stdatomic.h>

/* One loaded model, its pool of scratches and a reference count. Requests hold a
 * reference from start to end; the holder holds one while the model is current. */
typedef struct serve_model serve_model;

/* Which model is current. `alive` counts serve_models not yet freed (for /metrics:
 * after a reload it falls back to 1 once the old model's last request ends). */
typedef struct serve_holder {
    pthread_mutex_t lock;
    serve_model *current;
    atomic_long alive;
} serve_holder;

/* Wrap a loaded model (ownership passes to the handle, refcount 1). NULL when out
 * of memory, in which case the model is freed too. */
serve_model *serve_model_new(tg_model *model, serve_holder *holder);

const tg_model *serve_model_tg(const serve_model *m);
const char *serve_model_version(const serve_model *m);

/* Drop one reference; the last frees the model and its scratches. */
void serve_model_release(serve_model *m);

/* A scratch for this model, from its pool or new; give it back with put. NULL when
 * out of memory (err filled). */
tg_scratch *serve_model_scratch_get(serve_model *m, tg_error *err);
void serve_model_scratch_put(serve_model *m, tg_scratch *s);

void serve_holder_init(serve_holder *h);
/* The current model with a new reference for the caller (release it when done). */
serve_model *serve_holder_acquire(serve_holder *h);
/* Make `next` current (taking over its reference), wait for the requests still on
 * the previous one to finish, and free it on the calling thread. */
void serve_holder_swap(serve_holder *h, serve_model *next);
/* Drop the current model (at shutdown, after the last request). */
void serve_holder_clear(serve_holder *h);

#endif
