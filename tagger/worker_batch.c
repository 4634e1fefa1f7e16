/*
 * worker_batch.c - the stream entries a worker holds at once, and what became of each.
 *
 * A batch is what one XREADGROUP (or one XAUTOCLAIM) handed this worker: it is
 * tagged as a whole and committed as a whole, so it is also the unit that a
 * killed worker leaves pending for another. Entries point into the hiredis
 * replies instead of copying records out of them; the replies live exactly as long
 * as the batch. Each entry is tagged by jsonl_tag_line, the pipeline stage's own
 * function, so the tagged record of a stream entry and of a JSON Lines line are the
 * same bytes; its error record is reduced to its message for the dead-letter entry.
 */
#include "worker_batch.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int is_str(const redisReply *r)
{
    return r && (r->type == REDIS_REPLY_STRING || r->type == REDIS_REPLY_STATUS);
}

int worker_batch_add(worker_batch *b, redisReply *reply, const redisReply *entries)
{
    int bad = !entries || entries->type != REDIS_REPLY_ARRAY;
    size_t count = 0;
    for (size_t i = 0; !bad && i < entries->elements; i++) {
        const redisReply *e = entries->element[i];
        if (e && e->type == REDIS_REPLY_NIL)
            continue; /* Redis 6.2's XAUTOCLAIM: an entry deleted while pending */
        bad = !e || e->type != REDIS_REPLY_ARRAY || e->elements != 2 || !is_str(e->element[0]);
        count++;
    }
    size_t need = b->n + count;
    if (!bad && need > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < need)
            cap *= 2;
        worker_entry *v = realloc(b->v, cap * sizeof *v);
        if (v) {
            memset(v + b->cap, 0, (cap - b->cap) * sizeof *v);
            b->v = v;
            b->cap = cap;
        } else {
            bad = 1;
        }
    }
    if (!bad && b->nreplies == b->capreplies) {
        size_t cap = b->capreplies ? b->capreplies * 2 : 4;
        redisReply **r = realloc(b->replies, cap * sizeof *r);
        if (r) {
            b->replies = r;
            b->capreplies = cap;
        } else {
            bad = 1;
        }
    }
    if (bad) {
        freeReplyObject(reply);
        return -1;
    }
    b->replies[b->nreplies++] = reply;
    for (size_t i = 0; i < entries->elements; i++) {
        if (entries->element[i]->type == REDIS_REPLY_NIL)
            continue;
        const redisReply *id = entries->element[i]->element[0];
        const redisReply *fields = entries->element[i]->element[1];
        worker_entry *e = &b->v[b->n++];
        e->id = id->str;
        e->id_len = id->len;
        e->record = NULL;
        e->record_len = 0;
        e->deliveries = 0;
        e->out.n = 0;
        e->out.failed = 0;
        e->outcome = WORKER_PENDING;
        if (!fields || fields->type != REDIS_REPLY_ARRAY) {
            e->outcome = WORKER_GONE;
            continue;
        }
        for (size_t f = 0; f + 1 < fields->elements; f += 2) {
            const redisReply *k = fields->element[f], *v = fields->element[f + 1];
            if (is_str(k) && is_str(v) && k->len == 6 && !memcmp(k->str, "record", 6)) {
                e->record = v->str;
                e->record_len = v->len;
                b->bytes += v->len;
                break;
            }
        }
    }
    return 0;
}

void worker_entry_dead(worker_entry *e, const char *message)
{
    e->out.n = 0;
    e->out.failed = 0;
    sb_puts(&e->out, message);
    e->outcome = e->out.failed ? WORKER_RETRY : WORKER_DEAD;
}

/* The message of the error record jsonl_tag_line wrote into e->out. */
static void keep_error_message(worker_entry *e)
{
    json_t *rec = json_loadb(e->out.v, e->out.n, 0, NULL);
    const char *msg = json_string_value(json_object_get(json_object_get(rec, "error"), "message"));
    if (!msg || !strcmp(msg, "out of memory")) {
        e->outcome = WORKER_RETRY; /* not the record's fault: let it be tried again */
    } else {
        worker_entry_dead(e, msg);
    }
    json_decref(rec);
}

void worker_entry_tag(worker_entry *e, const tg_model *m, tg_scratch *s, const jsonl_options *o)
{
    if (e->outcome != WORKER_PENDING)
        return;
    if (!e->record) {
        worker_entry_dead(e, "stream entry has no \"record\" field");
        return;
    }
    int over = o->max_line && e->record_len > o->max_line;
    e->out.n = 0;
    e->out.failed = 0;
    int failed = jsonl_tag_line(m, s, o, over ? NULL : e->record, over ? 0 : e->record_len,
                                over, 1, &e->out);
    if (e->out.failed) {
        e->outcome = WORKER_RETRY;
    } else if (failed) {
        keep_error_message(e);
    } else {
        if (e->out.n && e->out.v[e->out.n - 1] == '\n')
            e->out.n--;
        e->outcome = WORKER_TAGGED;
    }
}

void worker_batch_reset(worker_batch *b)
{
    for (size_t i = 0; i < b->nreplies; i++)
        freeReplyObject(b->replies[i]);
    b->nreplies = 0;
    b->n = 0;
    b->bytes = 0;
}

void worker_batch_free(worker_batch *b)
{
    worker_batch_reset(b);
    for (size_t i = 0; i < b->cap; i++)
        sb_free(&b->v[i].out);
    free(b->v);
    free(b->replies);
    memset(b, 0, sizeof *b);
}
