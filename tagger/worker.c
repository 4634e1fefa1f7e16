/*
 * worker.c - `tagger worker`: options, the read-tag-commit loop, recovery, signals.
 *
 * Producers XADD records to an input stream; any number of workers on any number
 * of machines read it through one consumer group. A worker's loop is:
 *
 *   read a batch (XREADGROUP >), or claim one (XAUTOCLAIM, every so often)
 *   tag it on -j threads (worker_team.c, with the pipeline stage's own function)
 *   commit it: outputs, dead letters and acknowledgements in one atomic step
 *
 * Until the commit, the batch's entries stay pending under this worker's name; if
 * the worker dies, they become idle and another worker's XAUTOCLAIM takes them
 * after --claim-idle. An entry that keeps coming back (each claim counts as a
 * delivery) is a poison pill, likely one that kills workers: past
 * --max-deliveries it goes to the dead-letter stream untagged. A record that fails
 * to tag goes there at once, with the same error message `tagger --jsonl` gives.
 *
 * While the threads tag one batch, Redis runs the previous batch's commit and the
 * next batch's read (see run()), so a worker keeps pace with `tagger --jsonl`.
 *
 * Signals are blocked in every thread and taken here between steps with
 * sigtimedwait, so a SIGTERM never interrupts a batch: the batches in hand are
 * committed, then the worker exits 0. The read's BLOCK is capped at a second, which
 * bounds how long that takes on an idle stream. Redis failures of any kind close
 * the connection; the loop reopens it with exponential backoff (0.1 s to 5 s) and
 * then commits the batches in hand again, which is harmless (worker_redis.c).
 */
#include "worker.h"

#include "paths.h"

#include "progress.h"
#include "worker_redis.h"
#include "worker_team.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: tagger worker --input STREAM --output STREAM --group NAME [OPTIONS]\n"
    "Tag the JSON records of a Redis Stream as one member of a consumer group: any\n"
    "number of workers on any number of machines share the stream, and the entries of\n"
    "a worker that dies are claimed and tagged by another.\n"
    "\n"
    "Each input entry holds one JSON record (as for --jsonl) in its field `record`.\n"
    "Each output entry holds `record` (the tagged record), `input_id` and `model`.\n"
    "A record that fails to tag goes to the dead-letter stream as `record`,\n"
    "`input_id` and `error`. Outputs are written and inputs acknowledged together.\n"
    "\n"
    "Options:\n"
    "      --redis HOST:PORT  the Redis server (default 127.0.0.1:6379)\n"
    "      --input STREAM     stream to read records from\n"
    "      --output STREAM    stream to write tagged records to\n"
    "      --group NAME       consumer group (created, from the stream's start, when missing)\n"
    "      --consumer NAME    this worker's name in the group (default HOSTNAME-PID)\n"
    "      --dead-letter STREAM  stream for records that cannot be tagged\n"
    "                         (default: INPUT:dead)\n"
    "  -j, --jobs N           tagging threads (default: the CPUs)\n"
    "      --batch N          entries read and committed at once (default 64 per thread)\n"
    "      --claim-idle MS    claim entries pending this long for a worker (default\n"
    "                         30000); keep it well above the time one batch takes\n"
    "      --max-deliveries N an entry handed out more than N times goes to the dead-\n"
    "                         letter stream untagged (default 5)\n"
    "      --stats            print the counts as JSON on stdout at exit\n"
    "  -q, --quiet            no progress lines on stderr\n"
    "  -m, --model DIR        model directory (default: $TAGGER_MODEL, else the\n"
    "                         installed model)\n"
    "      --text-field NAME  the record's text field (default text, then html)\n"
    "  -l, --lang LANG        language of every record (default: its lang, or detect)\n"
    "      --labels LANG      language of tag labels: en (default), uk or ru\n"
    "      --replace-invalid  replace invalid UTF-8 with U+FFFD instead of failing\n"
    "      --max-document N   records with a text over N bytes fail (default 16777216)\n"
    "      --max-line N       records over N bytes fail (default 16777216)\n"
    "  -h, --help             show this help and exit\n"
    "\n"
    "SIGTERM or SIGINT: commit the batch in hand and exit 0. SIGHUP: reload the model\n"
    "(the old one stays if the new one fails to load). Needs Redis 6.2 or later.\n";

typedef struct stats {
    long long read, claimed, written, dead, dead_deliveries, duplicates, retried, reconnects;
    unsigned long long bytes;
} stats;

typedef struct worker {
    const char *model_dir;
    size_t max_document;
    const char *host;
    int port;
    size_t batch, jobs;
    long long claim_idle, max_deliveries;
    int quiet;
    worker_streams names;
    jsonl_options o;
    worker_team *team;
    worker_redis r;
    stats st;
    sigset_t sigs;
    int stopping;
    int failed;      /* the last Redis step failed */
    long backoff_ms; /* wait before the next attempt; 0 after a success */
    double started;
} worker;

/* ---- options and the model ---------------------------------------------- */


static int parse_num(const char *s, long long max, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (end == s || *end || errno || v < 1 || v > max)
        return -1;
    *out = v;
    return 0;
}

/* HOST:PORT, HOST alone, or [V6ADDR]:PORT. */
static int parse_addr(char *s, const char **host, int *port)
{
    char *colon = strrchr(s, ':');
    long long p = 6379;
    if (colon && (s[0] != '[' || colon > strchr(s, ']'))) {
        *colon = '\0';
        if (parse_num(colon + 1, 65535, &p))
            return -1;
    }
    if (s[0] == '[') {
        char *close = strchr(s, ']');
        if (!close)
            return -1;
        *close = '\0';
        s++;
    }
    if (!*s)
        return -1;
    *host = s;
    *port = (int)p;
    return 0;
}

static tg_model *load_model(const worker *w)
{
    tg_model *m = NULL;
    tg_error err;
    if (tg_model_load(&m, w->model_dir, &err) != TG_OK) {
        if (err.line)
            fprintf(stderr, "tagger worker: %s:%u:%u: %s\n", err.file, err.line, err.column,
                    err.message);
        else if (err.file[0])
            fprintf(stderr, "tagger worker: %s: %s\n", err.file, err.message);
        else
            fprintf(stderr, "tagger worker: cannot load model %s: %s\n", w->model_dir,
                    err.message);
        return NULL;
    }
    if (tg_model_set_limit(m, TG_LIMIT_DOCUMENT, w->max_document) != TG_OK) {
        fprintf(stderr, "tagger worker: --max-document must be below 4 GiB\n");
        tg_model_free(m);
        return NULL;
    }
    return m;
}

/* SIGHUP: the new model is loaded beside the old one, which keeps working if the
 * new one fails. Called between batches, when no thread is tagging. */
static void reload(worker *w)
{
    double t0 = progress_now();
    char old[32];
    snprintf(old, sizeof old, "%s", tg_model_version(worker_team_model(w->team)));
    tg_model *m = load_model(w);
    tg_error err;
    if (!m || worker_team_swap(w->team, m, &err)) {
        if (m)
            fprintf(stderr, "tagger worker: %s\n", err.message);
        fprintf(stderr, "tagger worker: reload failed; still tagging with model %s\n", old);
        return;
    }
    fprintf(stderr, "tagger worker: model reloaded: %s -> %s in %.0f ms\n", old,
            tg_model_version(worker_team_model(w->team)), (progress_now() - t0) * 1e3);
}

/* ---- signals and progress ----------------------------------------------- */

/* Wait up to ms for a signal and act on it; returns 1 once stopping. */
static int take_signals(worker *w, long ms)
{
    struct timespec wait = {ms / 1000, (ms % 1000) * 1000000L};
    siginfo_t info;
    for (;;) {
        int sig = sigtimedwait(&w->sigs, &info, &wait);
        if (sig == SIGHUP) {
            reload(w);
        } else if (sig == SIGTERM || sig == SIGINT) {
            if (!w->stopping)
                fprintf(stderr, "tagger worker: %s: finishing the batch in hand\n",
                        sig == SIGTERM ? "SIGTERM" : "SIGINT");
            w->stopping = 1;
        } else {
            break;
        }
        wait.tv_sec = wait.tv_nsec = 0; /* act on any other pending signal, then go on */
    }
    return w->stopping;
}

/* Counts so far, and the rate since `since` (or since the start when NULL). */
static void report(const worker *w, const char *prefix, const stats *since, double since_t)
{
    const stats *s = &w->st;
    stats zero = {0};
    if (!since) {
        since = &zero;
        since_t = w->started;
    }
    double secs = progress_now() - since_t;
    long long done = s->written + s->dead - since->written - since->dead;
    fprintf(stderr,
            "tagger worker: %s%lld read, %lld claimed, %lld written, %lld dead-lettered, "
            "%lld duplicate; %.0f records/s, %.2f MB/s\n",
            prefix, s->read, s->claimed, s->written, s->dead, s->duplicates,
            secs > 0 ? (double)done / secs : 0.0,
            secs > 0 ? (double)(s->bytes - since->bytes) / 1e6 / secs : 0.0);
}

static void print_stats(const worker *w)
{
    const stats *s = &w->st;
    double secs = progress_now() - w->started;
    json_t *j = json_pack(
        "{s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:f,s:f,s:f}", "consumer",
        w->names.consumer, "model", tg_model_version(worker_team_model(w->team)), "read",
        (json_int_t)s->read, "claimed", (json_int_t)s->claimed, "written", (json_int_t)s->written,
        "dead_lettered", (json_int_t)s->dead, "dead_by_deliveries", (json_int_t)s->dead_deliveries,
        "duplicates", (json_int_t)s->duplicates, "retried", (json_int_t)s->retried, "reconnects",
        (json_int_t)s->reconnects, "bytes", (json_int_t)s->bytes, "seconds", secs,
        "records_per_second", secs > 0 ? (double)(s->written + s->dead) / secs : 0.0,
        "mb_per_second", secs > 0 ? (double)s->bytes / 1e6 / secs : 0.0);
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    if (text)
        printf("%s\n", text);
    free(text);
    json_decref(j);
}

/* ---- the loop ------------------------------------------------------------- */

/* Open the connection again. After a failure the worker waits first, from 0.1 s
 * doubling to 5 s, and the wait is only reset by a step that succeeds: a server
 * that accepts connections but fails every command is not hammered either.
 * Returns -1 when told to stop while waiting. */
static int reconnect(worker *w)
{
    for (;;) {
        if (w->backoff_ms && take_signals(w, w->backoff_ms))
            return -1;
        int ok = worker_redis_open(&w->r, &w->names, w->host, w->port) == 0;
        w->backoff_ms = w->backoff_ms * 2 < 100 ? 100 : w->backoff_ms * 2 > 5000 ? 5000
                                                                              : w->backoff_ms * 2;
        if (ok) {
            if (w->failed)
                fprintf(stderr, "tagger worker: connected to %s:%d again\n", w->host, w->port);
            return 0;
        }
        fprintf(stderr, "tagger worker: %s; retrying in %.1f s\n", w->r.error,
                w->backoff_ms / 1e3);
        w->failed = 1;
    }
}

/* A step failed (the connection is closed): say so; the loop reconnects. */
static void failed(worker *w)
{
    if (w->backoff_ms)
        fprintf(stderr, "tagger worker: %s; reconnecting in %.1f s\n", w->r.error,
                w->backoff_ms / 1e3);
    else
        fprintf(stderr, "tagger worker: %s; reconnecting\n", w->r.error);
    w->failed = 1;
}

/* A step succeeded: the next failure is retried at once. */
static void succeeded(worker *w)
{
    w->failed = 0;
    w->backoff_ms = 0;
}

/* Claimed entries (and this consumer's own, on start) may have been handed out
 * before: those handed out too often are dead letters, not tagged again. */
static int check_deliveries(worker *w, worker_batch *b)
{
    if (worker_redis_deliveries(&w->r, b))
        return -1;
    for (size_t i = 0; i < b->n; i++) {
        worker_entry *e = &b->v[i];
        if (e->outcome != WORKER_PENDING)
            continue;
        if (e->deliveries == 0) {
            e->outcome = WORKER_GONE; /* acknowledged meanwhile: the commit skips it */
        } else if (e->deliveries > w->max_deliveries) {
            char msg[160];
            snprintf(msg, sizeof msg, "delivered %lld times, more than --max-deliveries %lld",
                     e->deliveries, w->max_deliveries);
            worker_entry_dead(e, msg);
            w->st.dead_deliveries++;
        }
    }
    return 0;
}

/* Where a batch slot is: a batch is read, tagged, its commit queued (sent), and
 * the slot is empty again once the commit's reply came. TAGGED means tagged but
 * not known to be committed: after a failure, committed again synchronously. */
typedef enum slot_state { SLOT_EMPTY, SLOT_READ, SLOT_TAGGED, SLOT_SENT } slot_state;

typedef struct slot {
    worker_batch b;
    slot_state state;
} slot;

static void count_commit(worker *w, const worker_batch *b, const worker_commit *c)
{
    w->st.written += c->written;
    w->st.dead += c->dead;
    w->st.duplicates += c->duplicates;
    for (size_t i = 0; i < b->n; i++)
        w->st.retried += b->v[i].outcome == WORKER_RETRY;
}

static const char *model_version(const worker *w)
{
    return tg_model_version(worker_team_model(w->team));
}

static int commit_now(worker *w, slot *s)
{
    worker_commit c;
    if (worker_redis_commit(&w->r, &s->b, model_version(w), &c))
        return -1;
    count_commit(w, &s->b, &c);
    worker_batch_reset(&s->b);
    s->state = SLOT_EMPTY;
    return 0;
}

static int recv_commit(worker *w, slot *s)
{
    worker_commit c;
    if (worker_redis_recv_commit(&w->r, &c))
        return -1;
    count_commit(w, &s->b, &c);
    worker_batch_reset(&s->b);
    s->state = SLOT_EMPTY;
    return 0;
}

/*
 * Fill an empty slot the synchronous way (nothing in flight): this consumer's own
 * pending entries first, claims when they are due, else new entries with a
 * blocking read. Claimed and own entries are checked against --max-deliveries.
 */
static int fetch(worker *w, slot *s, int *history, char *history_from, char *cursor,
                 double *next_claim, long claim_every)
{
    worker_batch *b = &s->b;
    double now = progress_now();
    int rc, checked = 1;
    if (*history) {
        rc = worker_redis_read(&w->r, b, w->batch, 0, history_from);
        if (rc == 0 && b->n)
            snprintf(history_from, 64, "%.*s", (int)b->v[b->n - 1].id_len, b->v[b->n - 1].id);
        else if (rc == 0)
            *history = 0;
    } else if (now >= *next_claim) {
        rc = worker_redis_claim(&w->r, b, w->batch, w->claim_idle, cursor);
        w->st.claimed += (long long)b->n;
        if (rc == 0 && !strcmp(cursor, "0-0"))
            *next_claim = now + claim_every / 1e3;
    } else {
        long wait = (long)((*next_claim - now) * 1e3) + 1;
        rc = worker_redis_read(&w->r, b, w->batch, wait > 1000 ? 1000 : (int)wait, ">");
        checked = 0;
    }
    if (rc == 0 && checked && b->n)
        rc = check_deliveries(w, b);
    if (rc)
        worker_batch_reset(b);
    else if (b->n)
        s->state = SLOT_READ;
    return rc;
}

/*
 * The loop keeps Redis busy while the threads tag. With batch k in hand it queues
 * the read of batch k+1, tags batch k, queues batch k's commit, and only then
 * takes the replies: batch k-1's commit and batch k+1's entries. So the server
 * runs one batch's commit and the next one's read while the worker tags, and at
 * most two batches are in hand. Claims and the first read of the worker's own
 * entries are done between batches, with nothing in flight.
 */
static void run(worker *w)
{
    char cursor[64] = "0-0", history_from[64] = "0";
    int history = 1, connected = 0;
    /* How often to look for entries to claim: a dead worker's entries wait
     * --claim-idle plus at most this. XAUTOCLAIM is cheap, even from many workers. */
    long claim_every = (long)(w->claim_idle / 10);
    claim_every = claim_every < 50 ? 50 : claim_every > 1000 ? 1000 : claim_every;
    double next_claim = 0, reported_t = progress_now(), next_report = reported_t + 5;
    stats reported = w->st;
    slot slots[2];
    memset(slots, 0, sizeof slots);
    slot *cur = &slots[0], *prev = &slots[1];
    for (;;) {
        take_signals(w, 0);
        if (!w->quiet && progress_now() >= next_report) {
            if (memcmp(&reported, &w->st, sizeof reported))
                report(w, "", &reported, reported_t);
            reported = w->st;
            reported_t = progress_now();
            next_report = reported_t + 5;
        }
        if (!w->r.c) {
            /* A commit in flight may or may not have run: commit it again. */
            for (int i = 0; i < 2; i++)
                if (slots[i].state == SLOT_SENT)
                    slots[i].state = SLOT_TAGGED;
            w->st.reconnects += connected;
            if (reconnect(w))
                break;
            connected = 1;
        }
        if ((prev->state == SLOT_TAGGED && commit_now(w, prev)) ||
            (cur->state == SLOT_TAGGED && commit_now(w, cur))) {
            failed(w);
            continue;
        }
        if (cur->state == SLOT_EMPTY) {
            if (prev->state == SLOT_SENT && recv_commit(w, prev)) {
                failed(w);
                continue;
            }
            if (w->stopping)
                break;
            if (fetch(w, cur, &history, history_from, cursor, &next_claim, claim_every)) {
                failed(w);
                continue;
            }
            succeeded(w);
            if (cur->state == SLOT_EMPTY)
                continue;
        }
        /* cur holds entries read but not tagged; prev is empty or its commit is sent. */
        if (cur->state == SLOT_READ) {
            w->st.read += (long long)cur->b.n;
            w->st.bytes += cur->b.bytes;
        }
        int prefetch = !w->stopping && !history && progress_now() < next_claim;
        if ((prefetch && worker_redis_send_read(&w->r, w->batch)) || worker_redis_flush(&w->r)) {
            failed(w);
            continue;
        }
        worker_team_tag(w->team, &cur->b);
        cur->state = SLOT_TAGGED;
        int sent = 0;
        if (worker_redis_send_commit(&w->r, &cur->b, model_version(w), &sent)) {
            failed(w);
            continue;
        }
        if (sent) {
            cur->state = SLOT_SENT;
        } else {
            count_commit(w, &cur->b, &(worker_commit){0, 0, 0});
            worker_batch_reset(&cur->b);
            cur->state = SLOT_EMPTY;
        }
        if (prev->state == SLOT_SENT && recv_commit(w, prev)) {
            failed(w);
            continue;
        }
        if (prefetch) {
            if (worker_redis_recv_read(&w->r, &prev->b)) {
                failed(w);
                continue;
            }
            prev->state = prev->b.n ? SLOT_READ : SLOT_EMPTY;
        }
        succeeded(w);
        slot *t = cur;
        cur = prev;
        prev = t;
    }
    size_t left = 0;
    for (int i = 0; i < 2; i++)
        left += slots[i].state != SLOT_EMPTY ? slots[i].b.n : 0;
    if (left)
        fprintf(stderr, "tagger worker: stopping with %zu entries uncommitted; they stay pending "
                        "and another worker will claim them\n", left);
    else if (w->r.c)
        worker_redis_forget_consumer(&w->r);
    for (int i = 0; i < 2; i++)
        worker_batch_free(&slots[i].b);
}

int worker_main(int argc, char **argv)
{
    worker w;
    memset(&w, 0, sizeof w);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    w.jobs = cpus > 0 ? (size_t)cpus : 1;
    w.claim_idle = 30000;
    w.max_deliveries = 5;
    w.max_document = 16u << 20;
    w.o.max_line = 16u << 20;
    w.host = "127.0.0.1";
    w.port = 6379;
    const char *model_opt = NULL;
    char *redis_opt = NULL;
    long long batch = 0;
    int want_stats = 0;
    enum { OPT_REDIS = 256, OPT_INPUT, OPT_OUTPUT, OPT_GROUP, OPT_CONSUMER, OPT_DEAD, OPT_BATCH,
           OPT_CLAIM, OPT_MAXDEL, OPT_STATS, OPT_TEXT_FIELD, OPT_LABELS, OPT_REPLACE, OPT_MAX_DOC,
           OPT_MAX_LINE };
    static const struct option longs[] = {
        {"redis", required_argument, 0, OPT_REDIS}, {"input", required_argument, 0, OPT_INPUT},
        {"output", required_argument, 0, OPT_OUTPUT}, {"group", required_argument, 0, OPT_GROUP},
        {"consumer", required_argument, 0, OPT_CONSUMER},
        {"dead-letter", required_argument, 0, OPT_DEAD}, {"jobs", required_argument, 0, 'j'},
        {"batch", required_argument, 0, OPT_BATCH},
        {"claim-idle", required_argument, 0, OPT_CLAIM},
        {"max-deliveries", required_argument, 0, OPT_MAXDEL},
        {"stats", no_argument, 0, OPT_STATS}, {"quiet", no_argument, 0, 'q'},
        {"model", required_argument, 0, 'm'},
        {"text-field", required_argument, 0, OPT_TEXT_FIELD},
        {"lang", required_argument, 0, 'l'}, {"labels", required_argument, 0, OPT_LABELS},
        {"replace-invalid", no_argument, 0, OPT_REPLACE},
        {"max-document", required_argument, 0, OPT_MAX_DOC},
        {"max-line", required_argument, 0, OPT_MAX_LINE}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c, idx = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "j:qm:l:h", longs, &idx)) != -1) {
        long long v = 0;
        long long max = c == 'j' ? 256 : c == OPT_BATCH ? 100000 : c == OPT_CLAIM ? 86400000LL
                        : c == OPT_MAXDEL ? 1000000 : (long long)UINT32_MAX;
        int numeric = c == 'j' || c == OPT_BATCH || c == OPT_CLAIM || c == OPT_MAXDEL ||
                      c == OPT_MAX_DOC || c == OPT_MAX_LINE;
        if (numeric && parse_num(optarg, max, &v)) {
            fprintf(stderr, "tagger worker: --%s needs a whole number from 1 to %lld, not '%s'\n",
                    c == 'j' ? "jobs" : longs[idx].name, max, optarg);
            return 2;
        }
        switch (c) {
        case OPT_REDIS: redis_opt = optarg; break;
        case OPT_INPUT: w.names.input = optarg; break;
        case OPT_OUTPUT: w.names.output = optarg; break;
        case OPT_GROUP: w.names.group = optarg; break;
        case OPT_CONSUMER: w.names.consumer = optarg; break;
        case OPT_DEAD: w.names.dead = optarg; break;
        case 'j': w.jobs = (size_t)v; break;
        case OPT_BATCH: batch = v; break;
        case OPT_CLAIM: w.claim_idle = v; break;
        case OPT_MAXDEL: w.max_deliveries = v; break;
        case OPT_STATS: want_stats = 1; break;
        case 'q': w.quiet = 1; break;
        case 'm': model_opt = optarg; break;
        case OPT_TEXT_FIELD: w.o.text_field = optarg; break;
        case 'l': w.o.lang = optarg; break;
        case OPT_LABELS: w.o.labels = optarg; break;
        case OPT_REPLACE: w.o.replace_invalid = 1; break;
        case OPT_MAX_DOC: w.max_document = (size_t)v; break;
        case OPT_MAX_LINE: w.o.max_line = (size_t)v; break;
        case 'h': fputs(USAGE, stdout); return 0;
        default: fputs("Try 'tagger worker --help'.\n", stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "tagger worker: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    if (!w.names.input || !w.names.output || !w.names.group) {
        fprintf(stderr, "tagger worker: --input, --output and --group are required\n"
                        "Try 'tagger worker --help'.\n");
        return 2;
    }
    if (redis_opt && parse_addr(redis_opt, &w.host, &w.port)) {
        fprintf(stderr, "tagger worker: --redis needs HOST:PORT, not '%s'\n", redis_opt);
        return 2;
    }
    for (const char **l = (const char *[]){w.o.lang, w.o.labels, NULL}, **e = l; e < l + 2; e++)
        if (*e && strcmp(*e, "en") && strcmp(*e, "uk") && strcmp(*e, "ru")) {
            fprintf(stderr, "tagger worker: --%s must be en, uk or ru, not '%s'\n",
                    e == l ? "lang" : "labels", *e);
            return 2;
        }
    w.batch = batch ? (size_t)batch : 64 * w.jobs;
    char dead[1024], consumer[300];
    if (!w.names.dead) {
        snprintf(dead, sizeof dead, "%s:dead", w.names.input);
        w.names.dead = dead;
    }
    if (!w.names.consumer) {
        char host[256] = "worker";
        gethostname(host, sizeof host - 1);
        host[sizeof host - 1] = '\0';
        snprintf(consumer, sizeof consumer, "%s-%ld", host, (long)getpid());
        w.names.consumer = consumer;
    }

    /* Before any thread exists: signals are taken synchronously by the loop, and
     * jansson seeds its hash once. */
    sigemptyset(&w.sigs);
    sigaddset(&w.sigs, SIGHUP);
    sigaddset(&w.sigs, SIGINT);
    sigaddset(&w.sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &w.sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    json_object_seed(0);

    char model_buf[PATH_MAX];
    w.model_dir = find_model_dir(model_opt, model_buf, sizeof model_buf);
    tg_model *m = load_model(&w);
    if (!m)
        return 2;
    tg_error err;
    if (worker_team_new(&w.team, w.jobs, m, &w.o, &err)) {
        fprintf(stderr, "tagger worker: %s\n", err.message);
        return 2;
    }
    fprintf(stderr,
            "tagger worker: %s in group %s on %s:%d: %s -> %s (dead letters: %s), model %s, "
            "%zu threads, batches of %zu\n",
            w.names.consumer, w.names.group, w.host, w.port, w.names.input, w.names.output,
            w.names.dead, tg_model_version(m), w.jobs, w.batch);
    w.started = progress_now();
    run(&w);
    if (!w.quiet)
        report(&w, "stopped: ", NULL, 0);
    if (want_stats)
        print_stats(&w);
    worker_redis_free(&w.r);
    worker_team_free(w.team);
    return 0;
}
