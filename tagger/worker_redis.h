/* worker_redis.h - the worker's side of Redis Streams: read, claim, commit. */
#ifndef TAGGER_WORKER_REDIS_H
#define TAGGER_WORKER_REDIS_H

#include "worker_batch.h"

#include <hiredis/hiredis.h>

typedef struct worker_streams {
    const char *input, *output, *dead; /* stream keys */
    const char *group, *consumer;
} worker_streams;

/* What one commit did: entries written to the output and the dead-letter streams,
 * and entries skipped because another worker had already committed them. */
typedef struct worker_commit {
    long long written, dead, duplicates;
} worker_commit;

/*
 * One connection. Every call returns 0, or -1 with `error` saying what failed; on
 * -1 the connection is closed (a Redis error reply is treated like a lost
 * connection: the caller backs off and opens again, which also recreates a group
 * that was deleted). `names` is borrowed for the connection's life.
 */
typedef struct worker_redis {
    redisContext *c;
    const worker_streams *names;
    char sha[41];     /* the commit script, loaded on open */
    char error[256];
    const char **argv; /* the commit's arguments, kept between commits */
    size_t *argvlen;
    size_t cap;
} worker_redis;

/* Connect to host:port, create the consumer group when missing (MKSTREAM; from
 * the start of the stream) and load the commit script. */
int worker_redis_open(worker_redis *r, const worker_streams *names, const char *host, int port);

/* Entries for this consumer, at most `count`: new ones when `from` is ">" (waiting
 * up to `block_ms` for the first), else its own pending entries after the id
 * `from`, as left by an earlier run under the same name. */
int worker_redis_read(worker_redis *r, worker_batch *b, size_t count, int block_ms,
                      const char *from);

/* Claim up to `count` entries pending longer than `min_idle_ms` for any consumer
 * (XAUTOCLAIM from `cursor`, which is updated; "0-0" when the scan came round). */
int worker_redis_claim(worker_redis *r, worker_batch *b, size_t count, long long min_idle_ms,
                       char cursor[64]);

/* Fill each entry's `deliveries` from XPENDING (one pipelined round trip). */
int worker_redis_deliveries(worker_redis *r, worker_batch *b);

/*
 * Write the batch's outcome atomically in one server-side script: for each entry
 * still pending in the group, XADD its output (WORKER_TAGGED) or dead-letter entry
 * (WORKER_DEAD), then XACK it; an entry that is no longer pending was committed by
 * another worker and is skipped. WORKER_PENDING and WORKER_RETRY entries are left
 * pending. Either everything of the batch is applied or (on -1) possibly nothing,
 * and committing the same batch again is harmless.
 */
int worker_redis_commit(worker_redis *r, const worker_batch *b, const char *model,
                        worker_commit *out);

/*
 * The same two steps split for pipelining: queue the command (nothing is sent
 * until worker_redis_flush or a receive), and later take its reply. Replies come
 * in the order the commands were queued, and no other call may come in between.
 * send_commit sets *sent to 0 when the batch has nothing to commit (then there is
 * no reply to take); send_read reads new entries without blocking.
 */
int worker_redis_send_commit(worker_redis *r, const worker_batch *b, const char *model,
                             int *sent);
int worker_redis_recv_commit(worker_redis *r, worker_commit *out);
int worker_redis_send_read(worker_redis *r, size_t count);
int worker_redis_recv_read(worker_redis *r, worker_batch *b);
int worker_redis_flush(worker_redis *r);

/* At a clean exit: remove this consumer from the group when it holds no pending
 * entry, so that finished workers do not pile up in XINFO CONSUMERS. */
int worker_redis_forget_consumer(worker_redis *r);

void worker_redis_close(worker_redis *r);
/* Close and free the argument buffers. */
void worker_redis_free(worker_redis *r);

#endif
