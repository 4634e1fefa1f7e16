/*
 * serve.c - `tagger serve`: options, the model, signals and hot reload.
 *
 * The HTTP threads (serve_http.c) only ever read the current model through the
 * holder; this file is the one writer. The main thread blocks SIGHUP, SIGINT and
 * SIGTERM before any other thread exists, so every thread inherits the mask and
 * the signals are taken here, synchronously, with sigtimedwait: no async handler,
 * and the wait's timeout is the poll of the model's files. A reload loads the new
 * model beside the old one, then swaps (serve_model.c); a model that fails to load
 * is reported with its file:line:column and the old one keeps answering.
 */
#define _GNU_SOURCE /* gettid */
#include "serve.h"

#include "paths.h"
#include "serve_http.h"
#include "serve_watch.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char USAGE[] =
    "Usage: tagger serve [OPTIONS]\n"
    "Serve the tagger over HTTP for editorial tools:\n"
    "  POST /tag      a JSON record (id, text or html, title, lang, ...) in; the\n"
    "                 record with model, tags and entities added out\n"
    "  GET  /health   {\"status\":\"ok\",\"model\":VERSION}\n"
    "  GET  /metrics  documents, bytes, errors, latency percentiles, requests in\n"
    "                 flight, model version\n"
    "  GET  /         the editor's page\n"
    "\n"
    "Options:\n"
    "  -m, --model DIR        model directory (default: $TAGGER_MODEL, else the\n"
    "                         installed model)\n"
    "      --host ADDR        address to listen on (default 127.0.0.1)\n"
    "  -p, --port N           port (default 8080; 0: any free port, printed at start)\n"
    "  -j, --workers N        threads tagging documents (default: one per CPU)\n"
    "      --max-body N       largest request body in bytes (default 8388608); more is\n"
    "                         answered 413\n"
    "      --max-document N   largest text in bytes (default 8388608); more is 413\n"
    "      --max-connections N  open connections at most (default 1024)\n"
    "      --timeout S        close a connection idle for S seconds (default 30)\n"
    "      --watch S          reload when the model's files change, checking every S\n"
    "                         seconds (default 2; 0: only on SIGHUP)\n"
    "      --web DIR          the editor's page (default: share/tagger/web)\n"
    "      --text-field NAME  the record's text field (default text, then html)\n"
    "  -l, --lang LANG        language of every record (default: its lang, or detect)\n"
    "      --labels LANG      language of tag labels: en (default), uk or ru\n"
    "      --replace-invalid  replace invalid UTF-8 with U+FFFD instead of a 400\n"
    "  -h, --help             show this help and exit\n"
    "\n"
    "SIGHUP reloads the model; SIGINT or SIGTERM stops after the requests in flight.\n";

static int parse_num(const char *s, size_t *out, int zero_ok)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || *s == '-' || errno || (v == 0 && !zero_ok))
        return -1;
    *out = (size_t)v;
    return 0;
}

static void report_load_error(const char *dir, const tg_error *err)
{
    if (err->line)
        fprintf(stderr, "tagger serve: %s:%u:%u: %s\n", err->file, err->line, err->column,
                err->message);
    else if (err->file[0])
        fprintf(stderr, "tagger serve: %s: %s\n", err->file, err->message);
    else
        fprintf(stderr, "tagger serve: cannot load model %s: %s\n", dir, err->message);
}

static serve_model *load(serve_state *st, const char *dir, size_t max_document)
{
    tg_model *m = NULL;
    tg_error err;
    if (tg_model_load(&m, dir, &err) != TG_OK) {
        report_load_error(dir, &err);
        return NULL;
    }
    if (tg_model_set_limit(m, TG_LIMIT_DOCUMENT, max_document) != TG_OK) {
        fprintf(stderr, "tagger serve: bad --max-document\n");
        tg_model_free(m);
        return NULL;
    }
    serve_model *h = serve_model_new(m, &st->holder);
    if (!h)
        fprintf(stderr, "tagger serve: out of memory loading the model\n");
    return h;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

typedef struct reloader {
    const char *dir;
    size_t max_document;
    uint64_t seen;   /* signature of the files the current model came from */
    uint64_t failed; /* signature of files that failed to load: not retried until changed */
} reloader;

static void reload(serve_state *st, reloader *rl, const char *why)
{
    uint64_t sig = serve_watch_signature(rl->dir); /* before: a write during the load shows next time */
    double t0 = now_ms();
    serve_model *next = load(st, rl->dir, rl->max_document);
    if (!next) {
        rl->failed = sig;
        atomic_fetch_add(&st->metrics.reload_failures, 1);
        fprintf(stderr, "tagger serve: reload (%s) failed; still serving the previous model\n",
                why);
        return;
    }
    serve_model *old = serve_holder_acquire(&st->holder);
    char old_version[32];
    snprintf(old_version, sizeof old_version, "%s", old ? serve_model_version(old) : "-");
    serve_model_release(old);
    /* Counted before the swap: a client that gets the new model sees the count too. */
    atomic_fetch_add(&st->metrics.reloads, 1);
    serve_holder_swap(&st->holder, next);
    rl->seen = sig;
    rl->failed = 0;
    fprintf(stderr, "tagger serve: model reloaded (%s): %s -> %s in %.0f ms\n", why, old_version,
            serve_model_version(next), now_ms() - t0);
}

/* The files changed since the last load (and are not still being written). */
static int files_changed(reloader *rl)
{
    uint64_t sig = serve_watch_signature(rl->dir);
    if (sig == rl->seen || sig == rl->failed)
        return 0;
    struct timespec settle = {0, 200 * 1000 * 1000};
    nanosleep(&settle, NULL);
    return serve_watch_signature(rl->dir) == sig;
}

int serve_main(int argc, char **argv)
{
    serve_state st;
    memset(&st, 0, sizeof st);
    /* One tagging thread per CPU: requests wait in one queue (serve_queue.c), so more
     * threads than CPUs would only time-slice documents against each other and make
     * every answer later. */
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    st.cfg = (serve_config){"127.0.0.1", 8080, cpus > 0 ? (unsigned)cpus : 2, 8u << 20, 30,
                            1024, {NULL, NULL, NULL, 0}};
    const char *model_opt = NULL, *web_opt = NULL;
    size_t max_document = 8u << 20, watch = 2;
    enum { OPT_HOST = 256, OPT_MAX_BODY, OPT_MAX_DOC, OPT_MAX_CONN, OPT_TIMEOUT, OPT_WATCH,
           OPT_WEB, OPT_TEXT_FIELD, OPT_LABELS, OPT_REPLACE };
    static const struct option longs[] = {
        {"model", required_argument, 0, 'm'}, {"host", required_argument, 0, OPT_HOST},
        {"port", required_argument, 0, 'p'}, {"workers", required_argument, 0, 'j'},
        {"max-body", required_argument, 0, OPT_MAX_BODY},
        {"max-document", required_argument, 0, OPT_MAX_DOC},
        {"max-connections", required_argument, 0, OPT_MAX_CONN},
        {"timeout", required_argument, 0, OPT_TIMEOUT}, {"watch", required_argument, 0, OPT_WATCH},
        {"web", required_argument, 0, OPT_WEB},
        {"text-field", required_argument, 0, OPT_TEXT_FIELD},
        {"lang", required_argument, 0, 'l'}, {"labels", required_argument, 0, OPT_LABELS},
        {"replace-invalid", no_argument, 0, OPT_REPLACE}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:p:j:l:h", longs, NULL)) != -1) {
        size_t v = 0;
        int numeric = c == 'p' || c == 'j' || c == OPT_MAX_BODY || c == OPT_MAX_DOC ||
                      c == OPT_MAX_CONN || c == OPT_TIMEOUT || c == OPT_WATCH;
        if (numeric && (parse_num(optarg, &v, c == 'p' || c == OPT_WATCH) ||
                        (c == 'p' && v > 65535) || (c != OPT_MAX_BODY && c != OPT_MAX_DOC &&
                                                    v > 1000000))) {
            fprintf(stderr, "tagger serve: %s needs a whole number in range, not '%s'\n",
                    argv[optind - 1], optarg);
            return 2;
        }
        switch (c) {
        case 'm': model_opt = optarg; break;
        case OPT_HOST: st.cfg.host = optarg; break;
        case 'p': st.cfg.port = (unsigned)v; break;
        case 'j': st.cfg.workers = (unsigned)v; break;
        case OPT_MAX_BODY: st.cfg.max_body = v; break;
        case OPT_MAX_DOC: max_document = v; break;
        case OPT_MAX_CONN: st.cfg.max_connections = (unsigned)v; break;
        case OPT_TIMEOUT: st.cfg.timeout = (unsigned)v; break;
        case OPT_WATCH: watch = v; break;
        case OPT_WEB: web_opt = optarg; break;
        case OPT_TEXT_FIELD: st.cfg.record.text_field = optarg; break;
        case 'l': st.cfg.record.lang = optarg; break;
        case OPT_LABELS: st.cfg.record.labels = optarg; break;
        case OPT_REPLACE: st.cfg.record.replace_invalid = 1; break;
        case 'h': fputs(USAGE, stdout); return 0;
        default: fputs("Try 'tagger serve --help'.\n", stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "tagger serve: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    if (st.cfg.workers > 1024) {
        fprintf(stderr, "tagger serve: --workers %u is more than 1024\n", st.cfg.workers);
        return 2;
    }

    /* Before any thread exists: the signals go to sigtimedwait below, and jansson
     * seeds its hash once. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGHUP);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    json_object_seed(0);

    char model_buf[PATH_MAX], web_buf[PATH_MAX];
    reloader rl = {find_model_dir(model_opt, model_buf, sizeof model_buf), max_document, 0, 0};
    serve_holder_init(&st.holder);
    serve_metrics_init(&st.metrics);
    rl.seen = serve_watch_signature(rl.dir);
    serve_model *first = load(&st, rl.dir, max_document);
    if (!first)
        return 2;
    serve_holder_swap(&st.holder, first);
    const char *web = web_opt ? web_opt : share_path("web", web_buf, sizeof web_buf);
    st.has_web = serve_web_load(&st.web, web) == 0;
    if (!st.has_web) {
        serve_web_free(&st.web);
        fprintf(stderr, "tagger serve: no editor's page (cannot read %s/index.html)\n", web);
        if (web_opt) {
            serve_holder_clear(&st.holder);
            return 2;
        }
    }
    char err[256];
    if (serve_http_start(&st, err, sizeof err)) {
        fprintf(stderr, "tagger serve: %s\n", err);
        serve_web_free(&st.web);
        serve_holder_clear(&st.holder);
        return 2;
    }
    fprintf(stderr,
            "tagger serve: listening on http://%s:%u/ (model %s from %s, %u workers, watch %zu s)\n",
            st.cfg.host, serve_http_port(&st), serve_model_version(first), rl.dir,
            st.cfg.workers, watch);

    /* Reloads run on this thread, below the tagging threads: a load from source files
     * is 100+ ms of CPU, and at full priority it took a CPU from the tagging threads
     * for that long at every reload. The service answers meanwhile on the old model. */
    if (setpriority(PRIO_PROCESS, (id_t)gettid(), 10))
        perror("tagger serve: cannot lower the reloading thread's priority");
    for (;;) {
        struct timespec wait = {watch ? (time_t)watch : 3600, 0};
        siginfo_t info;
        int sig = sigtimedwait(&sigs, &info, &wait);
        if (sig == SIGHUP)
            reload(&st, &rl, "SIGHUP");
        else if (sig == SIGINT || sig == SIGTERM)
            break;
        else if (sig < 0 && errno == EAGAIN && watch && files_changed(&rl))
            reload(&st, &rl, "files changed");
    }
    fprintf(stderr, "tagger serve: stopping\n");
    serve_http_stop(&st);
    serve_holder_clear(&st.holder);
    serve_web_free(&st.web);
    return 0;
}
