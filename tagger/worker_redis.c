/*
 * worker_redis.c - the worker's side of Redis Streams: read, claim, commit.
 *
 * The commit is the heart of "nothing lost, nothing twice". It runs as one Lua
 * script, which Redis executes atomically, like a MULTI/EXEC block: no other
 * client sees an output without its acknowledgement or the reverse. A script
 * rather than MULTI/EXEC because it can also check, inside that same atomic step,
 * that each input is still pending before writing its output. That check is what
 * makes a commit safe to repeat and safe to race:
 *
 *  - a commit whose reply was lost with the connection may or may not have run;
 *    the worker simply commits the batch again, and what already ran is skipped;
 *  - a worker that stalled past --claim-idle had its entries claimed and tagged by
 *    another; whichever commits second finds them acknowledged and writes nothing.
 *
 * Within an entry the output is added before the acknowledgement, so a script cut
 * short by an error (say, out of memory on the server) leaves the entry pending,
 * never acknowledged without its output.
 *
 * Everything else is plain commands. Any failure, a Redis error reply included,
 * closes the connection: the caller has one way to recover (back off, open again,
 * which recreates a deleted group and reloads the script) instead of many.
 */
#include "worker_redis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

/* KEYS: input, output, dead-letter. ARGV: group, model, then per entry: kind
 * (t tagged, d dead, g gone), id, body (tagged record, or the input record),
 * error message. */
static const char COMMIT_SCRIPT[] =
    "local written, dead, dup = 0, 0, 0\n"
    "for i = 3, #ARGV, 4 do\n"
    "  local kind, id = ARGV[i], ARGV[i + 1]\n"
    "  if #redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1) == 0 then\n"
    "    dup = dup + 1\n"
    "  else\n"
    "    if kind == 't' then\n"
    "      redis.call('XADD', KEYS[2], '*', 'record', ARGV[i + 2], 'input_id', id,\n"
    "                 'model', ARGV[2])\n"
    "      written = written + 1\n"
    "    elseif kind == 'd' then\n"
    "      redis.call('XADD', KEYS[3], '*', 'record', ARGV[i + 2], 'input_id', id,\n"
    "                 'error', ARGV[i + 3])\n"
    "      dead = dead + 1\n"
    "    end\n"
    "    redis.call('XACK', KEYS[1], ARGV[1], id)\n"
    "  end\n"
    "end\n"
    "return {written, dead, dup}\n";

static int fail(worker_redis *r, const char *what, const redisReply *reply)
{
    if (reply && reply->type == REDIS_REPLY_ERROR)
        snprintf(r->error, sizeof r->error, "%s: %.*s", what, (int)reply->len, reply->str);
    else if (r->c && r->c->err)
        snprintf(r->error, sizeof r->error, "%s: %s", what, r->c->errstr);
    else
        snprintf(r->error, sizeof r->error, "%s: unexpected reply", what);
    worker_redis_close(r);
    return -1;
}

static int is_error(const redisReply *reply, const char *prefix)
{
    return reply && reply->type == REDIS_REPLY_ERROR &&
           !strncmp(reply->str, prefix, strlen(prefix));
}

static int load_script(worker_redis *r)
{
    redisReply *reply = redisCommand(r->c, "SCRIPT LOAD %s", COMMIT_SCRIPT);
    if (!reply || reply->type != REDIS_REPLY_STRING || reply->len != 40) {
        fail(r, "SCRIPT LOAD", reply);
        freeReplyObject(reply);
        return -1;
    }
    memcpy(r->sha, reply->str, 40);
    r->sha[40] = '\0';
    freeReplyObject(reply);
    return 0;
}

int worker_redis_open(worker_redis *r, const worker_streams *names, const char *host, int port)
{
    worker_redis_close(r);
    r->names = names;
    struct timeval connect_timeout = {5, 0}, io_timeout = {30, 0};
    r->c = redisConnectWithTimeout(host, port, connect_timeout);
    if (!r->c || r->c->err) {
        snprintf(r->error, sizeof r->error, "cannot connect to %s:%d: %s", host, port,
                 r->c ? r->c->errstr : "out of memory");
        worker_redis_close(r);
        return -1;
    }
    /* A server that stops answering (a partition, a hung host) must not hang the
     * worker: every reply comes within the blocking read's wait plus this. */
    if (redisSetTimeout(r->c, io_timeout) != REDIS_OK || redisEnableKeepAlive(r->c) != REDIS_OK)
        return fail(r, "socket options", NULL);
    redisReply *reply = redisCommand(r->c, "XGROUP CREATE %s %s 0 MKSTREAM", names->input,
                                     names->group);
    if (!reply || (reply->type == REDIS_REPLY_ERROR && !is_error(reply, "BUSYGROUP"))) {
        fail(r, "XGROUP CREATE", reply);
        freeReplyObject(reply);
        return -1;
    }
    freeReplyObject(reply);
    return load_script(r);
}

/* The entries of the one stream in an XREADGROUP reply: [[key, entries]]. */
static const redisReply *read_entries(const redisReply *reply)
{
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 1)
        return NULL;
    const redisReply *s = reply->element[0];
    if (s->type != REDIS_REPLY_ARRAY || s->elements != 2)
        return NULL;
    return s->element[1];
}

/* Take an XREADGROUP reply into the batch. */
static int take_read(worker_redis *r, worker_batch *b, redisReply *reply)
{
    if (!reply || reply->type == REDIS_REPLY_ERROR) {
        fail(r, "XREADGROUP", reply);
        freeReplyObject(reply);
        return -1;
    }
    if (reply->type == REDIS_REPLY_NIL) { /* nothing new */
        freeReplyObject(reply);
        return 0;
    }
    const redisReply *entries = read_entries(reply);
    if (!entries) {
        freeReplyObject(reply);
        return fail(r, "XREADGROUP", NULL);
    }
    if (worker_batch_add(b, reply, entries)) /* frees reply on failure */
        return fail(r, "XREADGROUP", NULL);
    return 0;
}

int worker_redis_read(worker_redis *r, worker_batch *b, size_t count, int block_ms,
                      const char *from)
{
    const worker_streams *n = r->names;
    /* hiredis 0.14's format knows no %zu. BLOCK 0 would mean "forever". */
    redisReply *reply =
        block_ms > 0
            ? redisCommand(r->c, "XREADGROUP GROUP %s %s COUNT %llu BLOCK %d STREAMS %s %s",
                           n->group, n->consumer, (unsigned long long)count, block_ms, n->input,
                           from)
            : redisCommand(r->c, "XREADGROUP GROUP %s %s COUNT %llu STREAMS %s %s", n->group,
                           n->consumer, (unsigned long long)count, n->input, from);
    return take_read(r, b, reply);
}

int worker_redis_send_read(worker_redis *r, size_t count)
{
    const worker_streams *n = r->names;
    if (redisAppendCommand(r->c, "XREADGROUP GROUP %s %s COUNT %llu STREAMS %s >", n->group,
                           n->consumer, (unsigned long long)count, n->input) != REDIS_OK)
        return fail(r, "XREADGROUP", NULL);
    return 0;
}

int worker_redis_recv_read(worker_redis *r, worker_batch *b)
{
    void *reply = NULL;
    if (redisGetReply(r->c, &reply) != REDIS_OK)
        return fail(r, "XREADGROUP", NULL);
    return take_read(r, b, reply);
}

int worker_redis_flush(worker_redis *r)
{
    int done = 0;
    while (!done)
        if (redisBufferWrite(r->c, &done) != REDIS_OK)
            return fail(r, "write", NULL);
    return 0;
}

int worker_redis_claim(worker_redis *r, worker_batch *b, size_t count, long long min_idle_ms,
                       char cursor[64])
{
    const worker_streams *n = r->names;
    redisReply *reply = redisCommand(r->c, "XAUTOCLAIM %s %s %s %lld %s COUNT %llu", n->input,
                                     n->group, n->consumer, min_idle_ms, cursor,
                                     (unsigned long long)count);
    if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements < 2 ||
        reply->element[0]->type != REDIS_REPLY_STRING || reply->element[0]->len >= 64) {
        fail(r, "XAUTOCLAIM", reply);
        freeReplyObject(reply);
        return -1;
    }
    memcpy(cursor, reply->element[0]->str, reply->element[0]->len);
    cursor[reply->element[0]->len] = '\0';
    if (worker_batch_add(b, reply, reply->element[1]))
        return fail(r, "XAUTOCLAIM", NULL);
    return 0;
}

int worker_redis_deliveries(worker_redis *r, worker_batch *b)
{
    const worker_streams *n = r->names;
    for (size_t i = 0; i < b->n; i++) {
        const worker_entry *e = &b->v[i];
        if (redisAppendCommand(r->c, "XPENDING %s %s %b %b 1", n->input, n->group, e->id,
                               e->id_len, e->id, e->id_len) != REDIS_OK)
            return fail(r, "XPENDING", NULL);
    }
    for (size_t i = 0; i < b->n; i++) {
        void *p = NULL;
        if (redisGetReply(r->c, &p) != REDIS_OK)
            return fail(r, "XPENDING", NULL);
        redisReply *reply = p;
        if (reply->type == REDIS_REPLY_ERROR) {
            fail(r, "XPENDING", reply);
            freeReplyObject(reply);
            return -1;
        }
        /* [[id, consumer, idle, deliveries]], or [] when no longer pending. */
        b->v[i].deliveries = 0;
        if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 1 &&
            reply->element[0]->type == REDIS_REPLY_ARRAY && reply->element[0]->elements == 4 &&
            reply->element[0]->element[3]->type == REDIS_REPLY_INTEGER)
            b->v[i].deliveries = reply->element[0]->element[3]->integer;
        freeReplyObject(reply);
    }
    return 0;
}

static int reserve_args(worker_redis *r, size_t need)
{
    if (need <= r->cap)
        return 0;
    size_t cap = r->cap ? r->cap : 256;
    while (cap < need)
        cap *= 2;
    const char **argv = realloc(r->argv, cap * sizeof *argv);
    if (argv)
        r->argv = argv;
    size_t *argvlen = realloc(r->argvlen, cap * sizeof *argvlen);
    if (argvlen)
        r->argvlen = argvlen;
    if (!argv || !argvlen)
        return -1;
    r->cap = cap;
    return 0;
}

static void arg(worker_redis *r, size_t *argc, const char *s, size_t len)
{
    r->argv[*argc] = s;
    r->argvlen[*argc] = len;
    (*argc)++;
}

int worker_redis_send_commit(worker_redis *r, const worker_batch *b, const char *model,
                             int *sent)
{
    *sent = 0;
    if (reserve_args(r, 8 + 4 * b->n)) {
        snprintf(r->error, sizeof r->error, "out of memory building the commit");
        worker_redis_close(r);
        return -1;
    }
    const worker_streams *n = r->names;
    size_t argc = 0, entries = 0;
    arg(r, &argc, "EVALSHA", 7);
    arg(r, &argc, r->sha, 40);
    arg(r, &argc, "3", 1);
    arg(r, &argc, n->input, strlen(n->input));
    arg(r, &argc, n->output, strlen(n->output));
    arg(r, &argc, n->dead, strlen(n->dead));
    arg(r, &argc, n->group, strlen(n->group));
    arg(r, &argc, model, strlen(model));
    for (size_t i = 0; i < b->n; i++) {
        const worker_entry *e = &b->v[i];
        const char *kind = e->outcome == WORKER_TAGGED ? "t"
                           : e->outcome == WORKER_DEAD ? "d"
                           : e->outcome == WORKER_GONE ? "g" : NULL;
        if (!kind)
            continue;
        arg(r, &argc, kind, 1);
        arg(r, &argc, e->id, e->id_len);
        if (e->outcome == WORKER_TAGGED)
            arg(r, &argc, e->out.v, e->out.n);
        else
            arg(r, &argc, e->record ? e->record : "", e->record ? e->record_len : 0);
        if (e->outcome == WORKER_DEAD)
            arg(r, &argc, e->out.v, e->out.n);
        else
            arg(r, &argc, "", 0);
        entries++;
    }
    if (!entries)
        return 0;
    /* hiredis copies the arguments into its output buffer: the batch may change now. */
    if (redisAppendCommandArgv(r->c, (int)argc, r->argv, r->argvlen) != REDIS_OK)
        return fail(r, "commit", NULL);
    *sent = 1;
    return 0;
}

/* A NOSCRIPT reply (the server lost its scripts: SCRIPT FLUSH) fails like any
 * other; opening the connection again loads the script, and the batch is
 * committed again. */
int worker_redis_recv_commit(worker_redis *r, worker_commit *out)
{
    memset(out, 0, sizeof *out);
    void *p = NULL;
    if (redisGetReply(r->c, &p) != REDIS_OK)
        return fail(r, "commit", NULL);
    redisReply *reply = p;
    if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 3) {
        fail(r, "commit", reply);
        freeReplyObject(reply);
        return -1;
    }
    out->written = reply->element[0]->integer;
    out->dead = reply->element[1]->integer;
    out->duplicates = reply->element[2]->integer;
    freeReplyObject(reply);
    return 0;
}

int worker_redis_commit(worker_redis *r, const worker_batch *b, const char *model,
                        worker_commit *out)
{
    int sent = 0;
    memset(out, 0, sizeof *out);
    if (worker_redis_send_commit(r, b, model, &sent))
        return -1;
    return sent ? worker_redis_recv_commit(r, out) : 0;
}

int worker_redis_forget_consumer(worker_redis *r)
{
    const worker_streams *n = r->names;
    redisReply *reply = redisCommand(r->c, "XPENDING %s %s - + 1 %s", n->input, n->group,
                                     n->consumer);
    if (!reply || reply->type != REDIS_REPLY_ARRAY) {
        fail(r, "XPENDING", reply);
        freeReplyObject(reply);
        return -1;
    }
    size_t pending = reply->elements;
    freeReplyObject(reply);
    if (pending)
        return 0; /* another worker will claim them; the name must stay until then */
    reply = redisCommand(r->c, "XGROUP DELCONSUMER %s %s %s", n->input, n->group, n->consumer);
    if (!reply || reply->type != REDIS_REPLY_INTEGER) {
        fail(r, "XGROUP DELCONSUMER", reply);
        freeReplyObject(reply);
        return -1;
    }
    freeReplyObject(reply);
    return 0;
}

void worker_redis_close(worker_redis *r)
{
    if (r->c)
        redisFree(r->c);
    r->c = NULL;
}

void worker_redis_free(worker_redis *r)
{
    worker_redis_close(r);
    free(r->argv);
    free(r->argvlen);
    r->argv = NULL;
    r->argvlen = NULL;
    r->cap = 0;
}
