/* worker_batch.h - the stream entries a worker holds at once, and what became of each. */
#ifndef TAGGER_WORKER_BATCH_H
#define TAGGER_WORKER_BATCH_H

#include "jsonl.h"
#include "strbuf.h"
#include "tagger.h"

#include <hiredis/hiredis.h>

typedef enum worker_outcome {
    WORKER_PENDING, /* not tagged yet */
    WORKER_TAGGED,  /* `out` holds the tagged record: to the output stream */
    WORKER_DEAD,    /* `out` holds the error message: to the dead-letter stream */
    WORKER_GONE,    /* deleted from the stream while pending: only acknowledged */
    WORKER_RETRY    /* a passing failure (out of memory): left pending, claimed later */
} worker_outcome;

typedef struct worker_entry {
    const char *id;     /* borrowed from the batch's replies */
    size_t id_len;
    const char *record; /* the `record` field, borrowed; NULL when the entry has none */
    size_t record_len;
    long long deliveries; /* times Redis handed it out, when looked up (else 0) */
    worker_outcome outcome;
    strbuf out; /* kept across batches, so a worker settles into the same buffers */
} worker_entry;

/* Entries borrow their bytes from the Redis replies they came in, which the batch
 * owns until it is reset. */
typedef struct worker_batch {
    worker_entry *v;
    size_t n, cap;
    redisReply **replies;
    size_t nreplies, capreplies;
    size_t bytes; /* record bytes, for the MB/s figures */
} worker_batch;

/*
 * Add the entries of `entries` (an array of [id, [field, value, ...]] as XREADGROUP
 * and XAUTOCLAIM return them) to the batch, which takes ownership of `reply`, the
 * whole reply they belong to. An entry whose fields are nil was deleted from the
 * stream and comes out WORKER_GONE. Returns 0, or -1 when the reply is not shaped
 * like entries or memory ran out (the reply is then freed and the batch unchanged
 * apart from it).
 */
int worker_batch_add(worker_batch *b, redisReply *reply, const redisReply *entries);

/* Tag entry i (WORKER_PENDING only) with the pipeline stage's own per-record
 * function, so a worker writes exactly the bytes `tagger --jsonl` writes for the
 * same record. Safe from many threads, each with its own scratch and entries. */
void worker_entry_tag(worker_entry *e, const tg_model *m, tg_scratch *s, const jsonl_options *o);

/* Mark an entry dead with a message (not tagged at all). */
void worker_entry_dead(worker_entry *e, const char *message);

/* Forget the entries and free the replies; buffers are kept for the next batch. */
void worker_batch_reset(worker_batch *b);
void worker_batch_free(worker_batch *b);

#endif
