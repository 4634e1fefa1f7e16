/* serve_queue.h - the tagging threads of `tagger serve`, fed first come, first served. */
#ifndef TAGGER_SERVE_QUEUE_H
#define TAGGER_SERVE_QUEUE_H

#include <pthread.h>

/* A job is embedded in the caller's own struct; the queue links it, never frees it. */
typedef struct serve_job {
    struct serve_job *next;
} serve_job;

typedef void (*serve_job_fn)(serve_job *job, void *ctx);

typedef struct serve_queue {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    serve_job *head, *tail;
    int closed;
    pthread_t *threads;
    unsigned nthreads;
    serve_job_fn run;
    void *ctx;
} serve_queue;

/* Start `threads` threads that call run(job, ctx) for each job pushed, oldest
 * first. Returns 0, or -1 when memory or threads ran out (nothing left running). */
int serve_queue_start(serve_queue *q, unsigned threads, serve_job_fn run, void *ctx);

/* Queue a job: 0, or -1 once the queue is closed (the caller must run it itself). */
int serve_queue_push(serve_queue *q, serve_job *job);

/* Close the queue, let the threads run every job already queued, join them. A push
 * is still safe afterwards (it fails) until serve_queue_free. */
void serve_queue_stop(serve_queue *q);

/* Free a stopped queue, once nobody can push to it any more. */
void serve_queue_free(serve_queue *q);

#endif
