/*
 * serve_queue.c - the tagging threads of `tagger serve`, fed first come, first served.
 *
 * Why a queue of its own rather than tagging on libmicrohttpd's threads: each of
 * those threads owns the connections it accepted, so a request waits behind the
 * requests of its own thread's connections, however idle the others are. At 32
 * connections on two CPUs that made the slowest 1% of answers wait more than twice
 * the median. Here the HTTP threads only read and write sockets; a finished request
 * body is queued and the first free tagging thread takes the oldest one, so every
 * request waits for the same work ahead of it, and --workers (one per CPU by
 * default) bounds the documents tagged at once.
 *
 * Stopping closes the queue under its lock: a push after that fails and its caller
 * runs the job itself, so no job is ever left in a queue nobody reads.
 */
#include "serve_queue.h"

#include <stdlib.h>

static void *tagging_thread(void *arg)
{
    serve_queue *q = arg;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (!q->head && !q->closed)
            pthread_cond_wait(&q->ready, &q->lock);
        serve_job *job = q->head;
        if (!job)
            break; /* closed and empty */
        q->head = job->next;
        if (!q->head)
            q->tail = NULL;
        pthread_mutex_unlock(&q->lock);
        job->next = NULL;
        q->run(job, q->ctx);
        pthread_mutex_lock(&q->lock);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

int serve_queue_start(serve_queue *q, unsigned threads, serve_job_fn run, void *ctx)
{
    *q = (serve_queue){.run = run, .ctx = ctx};
    q->threads = calloc(threads ? threads : 1, sizeof *q->threads);
    if (!q->threads)
        return -1;
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->ready, NULL);
    for (; q->nthreads < threads; q->nthreads++) {
        if (pthread_create(&q->threads[q->nthreads], NULL, tagging_thread, q)) {
            serve_queue_stop(q);
            serve_queue_free(q);
            return -1;
        }
    }
    return 0;
}

int serve_queue_push(serve_queue *q, serve_job *job)
{
    job->next = NULL;
    pthread_mutex_lock(&q->lock);
    int closed = q->closed;
    if (!closed) {
        if (q->tail)
            q->tail->next = job;
        else
            q->head = job;
        q->tail = job;
        pthread_cond_signal(&q->ready);
    }
    pthread_mutex_unlock(&q->lock);
    return closed ? -1 : 0;
}

void serve_queue_stop(serve_queue *q)
{
    if (!q->threads)
        return;
    pthread_mutex_lock(&q->lock);
    q->closed = 1;
    pthread_cond_broadcast(&q->ready);
    pthread_mutex_unlock(&q->lock);
    for (unsigned i = 0; i < q->nthreads; i++)
        pthread_join(q->threads[i], NULL);
    q->nthreads = 0;
}

void serve_queue_free(serve_queue *q)
{
    if (!q->threads)
        return;
    free(q->threads);
    q->threads = NULL;
    pthread_cond_destroy(&q->ready);
    pthread_mutex_destroy(&q->lock);
}
