/*
 * stream.c - the pipeline stage over whole inputs.
 *
 * Lines are read in batches (up to 256 lines or 1 MiB, whichever comes first) so
 * that handing work to a thread costs little per record, and a ring of
 * 2 * workers + 2 batches bounds memory: the reader stops when every slot is
 * waiting to be written. Batches keep their buffers between uses, so a long stream
 * settles into the same few allocations. Each batch is tagged by whichever worker
 * takes it and written in reading order, so the output never depends on -j.
 */
#include "stream.h"

#include "paths.h"

#include "linereader.h"
#include "pool.h"
#include "vec.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BATCH_LINES 256
#define BATCH_BYTES (1u << 20)
#define BATCH_SLACK (64u << 10) /* a line or two past BATCH_BYTES */

typedef struct line_ref {
    size_t off, len, line_no;
    int over;
} line_ref;

typedef struct batch {
    strbuf in, out;
    VEC(line_ref) lines;
    size_t bytes, errors;
} batch;

typedef struct worker {
    const tg_model *m;
    const jsonl_options *o;
    tg_scratch *scratch;
} worker;

typedef struct stream {
    char **paths;
    size_t npaths, next_path;
    FILE *in;
    line_reader *lr;
    size_t line_no;
    FILE *out;
    stream_stats *stats;
    atomic_int write_failed;
    const jsonl_options *o;
} stream;

/* Open the next input that can be opened; 0 when none is left. */
static int open_next(stream *st)
{
    while (st->next_path < st->npaths) {
        const char *path = st->paths[st->next_path++];
        if (!strcmp(path, "-")) {
            st->in = stdin;
        } else if (path_is_dir(path)) {
            fprintf(stderr, "tagger: %s: is a directory\n", path);
        } else if (!(st->in = fopen(path, "rb"))) {
            fprintf(stderr, "tagger: %s: %s\n", path, strerror(errno));
        }
        if (!st->in) {
            st->stats->failed_inputs++;
            continue;
        }
        line_reader_init(st->lr, st->in);
        st->line_no = 0;
        return 1;
    }
    return 0;
}

static void close_input(stream *st)
{
    if (st->lr->error) {
        fprintf(stderr, "tagger: %s: read error\n", st->paths[st->next_path - 1]);
        st->stats->failed_inputs++;
    }
    if (st->in != stdin)
        fclose(st->in);
    st->in = NULL;
}

/* Room for `bytes` in sb when it can be had; when it cannot, sb grows as it goes, as it
 * would have without this (no `failed` is set here). */
static void reserve_hint(strbuf *sb, size_t bytes)
{
    if (!sb->failed)
        (void)tg_vec_reserve((void **)&sb->v, &sb->cap, bytes + 1, 1);
}

static int fill(void *ctx, void *slot)
{
    stream *st = ctx;
    batch *b = slot;
    b->in.n = b->out.n = b->lines.n = 0;
    b->bytes = b->errors = 0;
    if (atomic_load(&st->write_failed))
        return 0; /* whoever reads our output has gone: stop reading */
    /* Room for a batch's lines at once (the last one may go past it), rather than
     * doubled up to it with a copy each time: a slot keeps it for every batch after. */
    reserve_hint(&b->in, BATCH_BYTES + BATCH_SLACK);
    while (b->lines.n < BATCH_LINES && b->in.n < BATCH_BYTES) {
        if (!st->in && !open_next(st))
            break;
        line_ref ref = {b->in.n, 0, 0, 0};
        if (!line_reader_next(st->lr, &b->in, st->o->max_line, &ref.over)) {
            close_input(st);
            continue;
        }
        ref.len = b->in.n - ref.off;
        ref.line_no = ++st->line_no;
        b->bytes += st->lr->last_bytes;
        if (b->in.failed) { /* out of memory: report the line rather than lose it */
            b->in.failed = 0;
            b->in.n = ref.off;
            ref.len = 0;
            ref.over = 1;
        }
        if (vec_push(b->lines, ref)) {
            fprintf(stderr, "tagger: out of memory\n");
            atomic_store(&st->write_failed, 1);
            break;
        }
    }
    return b->lines.n > 0;
}

static void work(void *ctx, void *slot)
{
    worker *w = ctx;
    batch *b = slot;
    /* The output is the records and their members, some two to three times the
     * input in news (13 MB of 4.5 MB of English records, 4.9 MB of 2.2 Cyrillic):
     * reserved at once, rather than doubled up to with a copy each time. */
    reserve_hint(&b->out, 3 * b->in.n + BATCH_SLACK);
    for (size_t i = 0; i < b->lines.n; i++) {
        const line_ref *l = &b->lines.v[i];
        /* A batch of only over-long lines keeps no bytes: in.v is NULL, and NULL + 0
         * is undefined behaviour (found by fuzzing). */
        const char *line = b->in.v ? b->in.v + l->off : "";
        b->errors += (size_t)jsonl_tag_line(w->m, w->scratch, w->o, line, l->len, l->over,
                                            l->line_no, &b->out);
    }
}

static void drain(void *ctx, void *slot)
{
    stream *st = ctx;
    batch *b = slot;
    st->stats->records += b->lines.n;
    st->stats->errors += b->errors;
    st->stats->bytes += b->bytes;
    if (atomic_load(&st->write_failed))
        return;
    if (b->out.failed || fwrite(b->out.v, 1, b->out.n, st->out) != b->out.n) {
        if (b->out.failed)
            fprintf(stderr, "tagger: out of memory\n");
        atomic_store(&st->write_failed, 1);
    }
}

int stream_run(const tg_model *m, const jsonl_options *o, char **paths, size_t npaths,
               FILE *out, size_t nworkers, stream_stats *stats)
{
    static char *std_in[] = {"-"};
    if (nworkers == 0)
        nworkers = 1;
    size_t nslots = nworkers > 1 ? 2 * nworkers + 2 : 1;
    stream st = {npaths ? paths : std_in, npaths ? npaths : 1, 0, NULL, NULL, 0, out, stats};
    atomic_init(&st.write_failed, 0);
    st.o = o;
    st.lr = malloc(sizeof *st.lr);
    batch *batches = calloc(nslots, sizeof *batches);
    void **slots = calloc(nslots, sizeof *slots);
    worker *workers = calloc(nworkers, sizeof *workers);
    void **wctx = calloc(nworkers, sizeof *wctx);
    int rc = st.lr && batches && slots && workers && wctx ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < nslots; i++)
        slots[i] = &batches[i];
    for (size_t i = 0; rc == 0 && i < nworkers; i++) {
        tg_error err;
        workers[i] = (worker){m, o, NULL};
        wctx[i] = &workers[i];
        if (tg_scratch_new(&workers[i].scratch, m, &err)) {
            fprintf(stderr, "tagger: %s\n", err.message);
            rc = -1;
        }
    }
    if (rc == 0)
        rc = pool_run(&(pool_ops){&st, fill, work, drain}, slots, nslots, wctx, nworkers);
    if (rc == 0 && (fflush(out) || ferror(out) || atomic_load(&st.write_failed)))
        rc = -1;
    if (st.in)
        close_input(&st);
    for (size_t i = 0; batches && i < nslots; i++) {
        sb_free(&batches[i].in);
        sb_free(&batches[i].out);
        vec_free(batches[i].lines);
    }
    for (size_t i = 0; workers && i < nworkers; i++)
        tg_scratch_free(workers[i].scratch);
    free(batches);
    free(slots);
    free(workers);
    free(wctx);
    free(st.lr);
    return rc;
}
