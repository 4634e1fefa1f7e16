/*
 * worker_team.c - the threads that tag a worker's batch, and the model they share.
 *
 * The worker's loop is read, tag, commit, so tagging only ever happens between
 * two Redis round trips, on one batch at a time. The team is therefore a plain
 * fork-join: the caller publishes a batch by bumping a generation number, every
 * thread (the caller included) takes entries one at a time from a shared counter,
 * which evens out records of very different sizes, and the caller returns when the
 * last thread has checked in. The threads stay up between batches.
 *
 * Because no thread tags outside worker_team_tag, a model reload needs no
 * reference counting: between batches the team is idle, the new model's scratches
 * are made, and the pointers are swapped.
 */
#include "worker_team.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct member {
    worker_team *t;
    size_t index; /* its scratch */
    pthread_t thread;
} member;

struct worker_team {
    tg_model *model;
    tg_scratch **scratch; /* one per thread; [0] is the caller's */
    const jsonl_options *o;
    size_t n, started;
    member *members;

    pthread_mutex_t lock;
    pthread_cond_t go, done;
    unsigned long generation; /* bumped once per batch */
    size_t checked_in;        /* threads finished with this generation */
    int quit;
    worker_batch *batch;
    atomic_size_t next; /* the next entry to take */
};

static void tag_share(worker_team *t, size_t index)
{
    worker_batch *b = t->batch;
    for (;;) {
        size_t i = atomic_fetch_add(&t->next, 1);
        if (i >= b->n)
            break;
        worker_entry_tag(&b->v[i], t->model, t->scratch[index], t->o);
    }
}

static void *member_main(void *arg)
{
    member *me = arg;
    worker_team *t = me->t;
    unsigned long seen = 0;
    pthread_mutex_lock(&t->lock);
    for (;;) {
        while (!t->quit && t->generation == seen)
            pthread_cond_wait(&t->go, &t->lock);
        if (t->quit)
            break;
        seen = t->generation;
        pthread_mutex_unlock(&t->lock);
        tag_share(t, me->index);
        pthread_mutex_lock(&t->lock);
        if (++t->checked_in == t->started)
            pthread_cond_signal(&t->done);
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

static tg_scratch **make_scratches(const tg_model *m, size_t n, tg_error *err)
{
    tg_scratch **s = calloc(n, sizeof *s);
    if (!s) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (tg_scratch_new(&s[i], m, err) != TG_OK) {
            for (size_t k = 0; k < i; k++)
                tg_scratch_free(s[k]);
            free(s);
            return NULL;
        }
    }
    return s;
}

static void free_scratches(tg_scratch **s, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        tg_scratch_free(s[i]);
    free(s);
}

int worker_team_new(worker_team **out, size_t nthreads, tg_model *model, const jsonl_options *o,
                    tg_error *err)
{
    memset(err, 0, sizeof *err);
    *out = NULL;
    if (nthreads == 0)
        nthreads = 1;
    worker_team *t = calloc(1, sizeof *t);
    if (t)
        t->members = calloc(nthreads, sizeof *t->members);
    if (t && t->members)
        t->scratch = make_scratches(model, nthreads, err);
    if (!t || !t->members || !t->scratch) {
        if (!err->message[0])
            snprintf(err->message, sizeof err->message, "out of memory");
        if (t)
            free(t->members);
        free(t);
        tg_model_free(model);
        return -1;
    }
    t->model = model;
    t->o = o;
    t->n = nthreads;
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->go, NULL);
    pthread_cond_init(&t->done, NULL);
    atomic_init(&t->next, 0);
    for (size_t i = 1; i < nthreads; i++) {
        t->members[t->started] = (member){t, i, 0};
        if (pthread_create(&t->members[t->started].thread, NULL, member_main,
                           &t->members[t->started]) != 0) {
            snprintf(err->message, sizeof err->message, "cannot start tagging thread %zu", i);
            worker_team_free(t);
            return -1;
        }
        t->started++;
    }
    *out = t;
    return 0;
}

void worker_team_tag(worker_team *t, worker_batch *b)
{
    t->batch = b;
    atomic_store(&t->next, 0);
    if (t->started == 0) {
        tag_share(t, 0);
        return;
    }
    pthread_mutex_lock(&t->lock);
    t->checked_in = 0;
    t->generation++;
    pthread_cond_broadcast(&t->go);
    pthread_mutex_unlock(&t->lock);
    tag_share(t, 0);
    pthread_mutex_lock(&t->lock);
    while (t->checked_in < t->started)
        pthread_cond_wait(&t->done, &t->lock);
    pthread_mutex_unlock(&t->lock);
    t->batch = NULL;
}

int worker_team_swap(worker_team *t, tg_model *model, tg_error *err)
{
    memset(err, 0, sizeof *err);
    tg_scratch **s = make_scratches(model, t->n, err);
    if (!s) {
        tg_model_free(model);
        return -1;
    }
    free_scratches(t->scratch, t->n);
    tg_model_free(t->model);
    t->scratch = s;
    t->model = model;
    return 0;
}

const tg_model *worker_team_model(const worker_team *t) { return t->model; }

void worker_team_free(worker_team *t)
{
    if (!t)
        return;
    pthread_mutex_lock(&t->lock);
    t->quit = 1;
    pthread_cond_broadcast(&t->go);
    pthread_mutex_unlock(&t->lock);
    for (size_t i = 0; i < t->started; i++)
        pthread_join(t->members[i].thread, NULL);
    pthread_mutex_destroy(&t->lock);
    pthread_cond_destroy(&t->go);
    pthread_cond_destroy(&t->done);
    free_scratches(t->scratch, t->n);
    tg_model_free(t->model);
    free(t->members);
    free(t);
}
