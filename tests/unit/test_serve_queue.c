/*
 * test_serve_queue.c - the tagging queue of `tagger serve` (tagger/serve_queue.c).
 *
 * What the service relies on: the oldest job runs first, every job runs exactly
 * once whoever pushes it, and stopping runs what is still queued (a queued job is
 * a suspended connection waiting for its answer) and refuses new jobs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "serve_queue.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

typedef struct job {
    serve_job link; /* first, as the service's request does */
    int id;
    atomic_int runs;
} job;

typedef struct record {
    pthread_mutex_t lock;
    int order[64];
    int n;
    int slow_first; /* the first job sleeps, so that the others queue behind it */
} record;

static void run(serve_job *j, void *ctx)
{
    job *jb = (job *)j;
    record *r = ctx;
    if (r->slow_first && jb->id == 0) {
        struct timespec t = {0, 20 * 1000 * 1000};
        nanosleep(&t, NULL);
    }
    atomic_fetch_add(&jb->runs, 1);
    pthread_mutex_lock(&r->lock);
    if (r->n < 64)
        r->order[r->n++] = jb->id;
    pthread_mutex_unlock(&r->lock);
}

static void test_oldest_first(void **state)
{
    (void)state;
    record r = {.lock = PTHREAD_MUTEX_INITIALIZER, .slow_first = 1};
    job jobs[40] = {0};
    serve_queue q;
    assert_int_equal(serve_queue_start(&q, 1, run, &r), 0);
    for (int i = 0; i < 40; i++) {
        jobs[i].id = i;
        assert_int_equal(serve_queue_push(&q, &jobs[i].link), 0);
    }
    serve_queue_stop(&q);
    serve_queue_free(&q);
    assert_int_equal(r.n, 40);
    for (int i = 0; i < 40; i++)
        assert_int_equal(r.order[i], i);
}

static void test_stop_runs_queued_then_refuses(void **state)
{
    (void)state;
    record r = {.lock = PTHREAD_MUTEX_INITIALIZER, .slow_first = 1};
    job jobs[30] = {0};
    serve_queue q;
    assert_int_equal(serve_queue_start(&q, 2, run, &r), 0);
    for (int i = 0; i < 30; i++) {
        jobs[i].id = i;
        assert_int_equal(serve_queue_push(&q, &jobs[i].link), 0);
    }
    serve_queue_stop(&q); /* most jobs are still queued behind the slow one */
    for (int i = 0; i < 30; i++)
        assert_int_equal(atomic_load(&jobs[i].runs), 1);
    job late = {.id = 99};
    assert_int_equal(serve_queue_push(&q, &late.link), -1);
    assert_int_equal(atomic_load(&late.runs), 0);
    serve_queue_free(&q);
}

enum { PER_PRODUCER = 20000 };

typedef struct producer {
    serve_queue *q;
    job *jobs;
} producer;

static void *produce(void *arg)
{
    producer *p = arg;
    for (int i = 0; i < PER_PRODUCER; i++)
        if (serve_queue_push(p->q, &p->jobs[i].link))
            return NULL;
    return p;
}

static void test_every_job_once_under_contention(void **state)
{
    (void)state;
    record r = {.lock = PTHREAD_MUTEX_INITIALIZER};
    job *jobs = calloc(2 * PER_PRODUCER, sizeof *jobs);
    assert_non_null(jobs);
    serve_queue q;
    assert_int_equal(serve_queue_start(&q, 4, run, &r), 0);
    producer ps[2] = {{&q, jobs}, {&q, jobs + PER_PRODUCER}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, produce, &ps[i]), 0);
    for (int i = 0; i < 2; i++) {
        void *ok = NULL;
        pthread_join(t[i], &ok);
        assert_non_null(ok);
    }
    serve_queue_stop(&q);
    serve_queue_free(&q);
    for (int i = 0; i < 2 * PER_PRODUCER; i++)
        assert_int_equal(atomic_load(&jobs[i].runs), 1);
    free(jobs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oldest_first),
        cmocka_unit_test(test_stop_runs_queued_then_refuses),
        cmocka_unit_test(test_every_job_once_under_contention),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
