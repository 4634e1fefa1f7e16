/*
 * serve_http.c - routes and request bodies for `tagger serve`.
 *
 *   POST /tag      a JSON record in, the tagged record out (serve_record.c)
 *   GET  /health   {"status":"ok","model":...}
 *   GET  /metrics  counters, latency percentiles, the model version
 *   GET  /         the editor's page (serve_web.c)
 *
 * libmicrohttpd's threads read requests and write answers; a complete POST /tag
 * body is handed to the tagging threads (serve_queue.c, --workers of them) and its
 * connection suspended until the tagged record is ready, so that the oldest request
 * is always tagged next. Everything else is answered on the HTTP thread. A body is
 * collected up to --max-body: a Content-Length over it is refused before the body
 * is read, and a chunked body that grows past it is dropped as it arrives, so a
 * client can never make the service hold more than the limit per connection.
 *
 * Every response carries the current model version, in an X-Tagger-Model header
 * and in its JSON, so a tool can tell which gazetteers answered it.
 */
#include "serve_http.h"

#include "serve_queue.h"

#include <microhttpd.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

typedef struct request {
    serve_job job; /* first: the queue hands back a pointer to it */
    serve_state *st;
    struct MHD_Connection *conn;
    strbuf body;
    int is_tag;
    int over;   /* the body passed max_body and is being dropped */
    int counted; /* a POST /tag, counted in st->tagging from its headers until completed():
                  * a stop waits for its body to come in and its answer to go out */
    int tagged; /* out, status and model hold the answer */
    unsigned status;
    strbuf out;
    serve_model *model; /* the model that tagged it, held until the answer is queued */
    struct timespec t0;
} request;

static unsigned long long elapsed_us(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long us = (long long)(now.tv_sec - t0->tv_sec) * 1000000LL +
                   (now.tv_nsec - t0->tv_nsec) / 1000;
    return us > 0 ? (unsigned long long)us : 0;
}

/* Queue `body` (malloc'd, ownership taken; NULL means out of memory). */
static enum MHD_Result reply(serve_state *st, struct MHD_Connection *conn, unsigned status,
                             const char *type, char *body, size_t len, const char *model)
{
    static char oom[] = "{\"error\":{\"status\":500,\"message\":\"out of memory\"}}";
    struct MHD_Response *resp;
    if (body) {
        resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    } else {
        status = 500;
        type = "application/json";
        resp = MHD_create_response_from_buffer(sizeof oom - 1, oom, MHD_RESPMEM_PERSISTENT);
    }
    if (!resp) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    if (model)
        MHD_add_response_header(resp, "X-Tagger-Model", model);
    if (status == 405)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "POST");
    if (strncmp(type, "application/json", 16) == 0)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    enum MHD_Result rc = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    atomic_fetch_add_explicit(&st->metrics.requests, 1, memory_order_relaxed);
    if (status >= 500)
        atomic_fetch_add_explicit(&st->metrics.status_5xx, 1, memory_order_relaxed);
    else if (status >= 400)
        atomic_fetch_add_explicit(&st->metrics.status_4xx, 1, memory_order_relaxed);
    return rc;
}

static enum MHD_Result reply_sb(serve_state *st, struct MHD_Connection *conn, unsigned status,
                                strbuf *sb, const char *model)
{
    size_t len = 0;
    char *body = sb_detach(sb, &len);
    return reply(st, conn, status, "application/json", body, len, model);
}

static enum MHD_Result reply_error(serve_state *st, struct MHD_Connection *conn,
                                   unsigned status, const char *message)
{
    serve_model *m = serve_holder_acquire(&st->holder);
    const char *version = m ? serve_model_version(m) : "";
    strbuf sb = {0};
    serve_error_body(&sb, status, message, version);
    enum MHD_Result rc = reply_sb(st, conn, status, &sb, version);
    serve_model_release(m);
    return rc;
}

static void tag_done(serve_state *st, request *r, unsigned status)
{
    if (status == 200) {
        atomic_fetch_add_explicit(&st->metrics.documents, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&st->metrics.bytes, r->body.n, memory_order_relaxed);
    } else {
        atomic_fetch_add_explicit(&st->metrics.errors, 1, memory_order_relaxed);
    }
    serve_metrics_latency(&st->metrics, elapsed_us(&r->t0));
}

/* On a tagging thread: tag the body into r->out, then let the HTTP thread answer. */
static void tag_job(serve_job *job, void *ctx)
{
    (void)ctx;
    request *r = (request *)job;
    serve_state *st = r->st;
    /* The model this request runs on, from start to end, whatever reloads meanwhile. */
    serve_model *m = serve_holder_acquire(&st->holder);
    tg_error err;
    tg_scratch *s = serve_model_scratch_get(m, &err);
    if (!s) {
        r->status = 500;
        serve_error_body(&r->out, r->status, "out of memory", serve_model_version(m));
    } else {
        r->status = serve_tag_record(serve_model_tg(m), s, &st->cfg.record,
                                     r->body.v ? r->body.v : "", r->body.n, &r->out);
    }
    serve_model_scratch_put(m, s);
    r->model = m;
    r->tagged = 1;
    MHD_resume_connection(r->conn); /* r belongs to the HTTP thread from here on */
}

static enum MHD_Result handle_tag(serve_state *st, struct MHD_Connection *conn, request *r)
{
    if (r->over) {
        char msg[96];
        snprintf(msg, sizeof msg, "request body is over the limit of %zu bytes", st->cfg.max_body);
        tag_done(st, r, 413);
        return reply_error(st, conn, 413, msg);
    }
    if (!r->tagged) {
        /* Suspend before queueing: the tagging thread resumes it, maybe at once. */
        r->st = st;
        r->conn = conn;
        MHD_suspend_connection(conn);
        if (serve_queue_push(&st->queue, &r->job))
            tag_job(&r->job, NULL); /* stopping: the queue takes no more */
        return MHD_YES;
    }
    enum MHD_Result rc = reply_sb(st, conn, r->status, &r->out, serve_model_version(r->model));
    tag_done(st, r, r->status);
    serve_model_release(r->model);
    r->model = NULL;
    return rc;
}

static enum MHD_Result handle_health(serve_state *st, struct MHD_Connection *conn)
{
    serve_model *m = serve_holder_acquire(&st->holder);
    strbuf sb = {0};
    sb_puts(&sb, "{\"status\":\"ok\",\"model\":");
    sb_json_string(&sb, serve_model_version(m), strlen(serve_model_version(m)));
    sb_putc(&sb, '}');
    enum MHD_Result rc = reply_sb(st, conn, 200, &sb, serve_model_version(m));
    serve_model_release(m);
    return rc;
}

static enum MHD_Result handle_metrics(serve_state *st, struct MHD_Connection *conn)
{
    serve_model *m = serve_holder_acquire(&st->holder);
    const tg_model *tm = serve_model_tg(m);
    strbuf sb = {0};
    sb_puts(&sb, "{\"model\":{\"version\":");
    sb_json_string(&sb, tg_model_version(tm), strlen(tg_model_version(tm)));
    sb_puts(&sb, ",\"dir\":");
    sb_json_string(&sb, tg_model_dir(tm), strlen(tg_model_dir(tm)));
    size_t ents = 0, aliases = 0, rules = 0;
    tg_model_counts(tm, &ents, &aliases, &rules);
    sb_printf(&sb, ",\"entities\":%zu,\"aliases\":%zu,\"rules\":%zu,\"loaded\":%ld},", ents,
              aliases, rules, (long)atomic_load(&st->holder.alive));
    /* in_flight: POST /tag requests whose headers are in and whose answer has not
     * gone out (queued, read or tagged), what a stop waits for. */
    sb_printf(&sb, "\"workers\":%u,\"max_body\":%zu,\"in_flight\":%ld,", st->cfg.workers,
              st->cfg.max_body, (long)atomic_load(&st->tagging));
    serve_metrics_json(&st->metrics, &sb);
    sb_putc(&sb, '}');
    enum MHD_Result rc = reply_sb(st, conn, 200, &sb, serve_model_version(m));
    serve_model_release(m);
    return rc;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)version;
    serve_state *st = cls;
    request *r = *con_cls;
    int post = !strcmp(method, MHD_HTTP_METHOD_POST);
    int get = !strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD);
    if (!r) { /* headers are in; the body (if any) comes in the next calls */
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &r->t0);
        r->is_tag = post && !strcmp(url, "/tag");
        *con_cls = r;
        if (r->is_tag) {
            r->counted = 1;
            atomic_fetch_add(&st->tagging, 1);
        }
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (r->is_tag && cl && strtoull(cl, NULL, 10) > st->cfg.max_body) {
            r->over = 1;
            return handle_tag(st, conn, r); /* refuse before reading the body */
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (r->is_tag && !r->over) {
            if (r->body.n + *upload_size > st->cfg.max_body) {
                r->over = 1;
                sb_free(&r->body);
            } else {
                sb_append(&r->body, upload, *upload_size);
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->is_tag) {
        if (r->body.failed)
            return reply_error(st, conn, 500, "out of memory");
        return handle_tag(st, conn, r);
    }
    if (!strcmp(url, "/tag"))
        return reply_error(st, conn, 405, "use POST /tag with a JSON record");
    if (!get)
        return reply_error(st, conn, 405, "method not allowed");
    if (!strcmp(url, "/health"))
        return handle_health(st, conn);
    if (!strcmp(url, "/metrics"))
        return handle_metrics(st, conn);
    const serve_file *f = st->has_web ? serve_web_find(&st->web, url) : NULL;
    if (f) {
        char *copy = malloc(f->len ? f->len : 1);
        if (copy)
            memcpy(copy, f->data, f->len);
        return reply(st, conn, 200, f->content_type, copy, f->len, NULL);
    }
    return reply_error(st, conn, 404, "not found");
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode why)
{
    (void)conn, (void)why;
    serve_state *st = cls;
    request *r = *con_cls;
    if (r) {
        if (r->counted)
            atomic_fetch_sub(&st->tagging, 1);
        sb_free(&r->body);
        sb_free(&r->out);
        serve_model_release(r->model);
        free(r);
        *con_cls = NULL;
    }
}

int serve_http_start(serve_state *st, char *err, size_t cap)
{
    struct addrinfo hints = {0}, *ai = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    char port[16];
    snprintf(port, sizeof port, "%u", st->cfg.port);
    int gai = getaddrinfo(st->cfg.host, port, &hints, &ai);
    if (gai) {
        snprintf(err, cap, "cannot resolve %s: %s", st->cfg.host, gai_strerror(gai));
        return -1;
    }
    if (serve_queue_start(&st->queue, st->cfg.workers, tag_job, NULL)) {
        freeaddrinfo(ai);
        snprintf(err, cap, "cannot start %u tagging threads", st->cfg.workers);
        return -1;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
                     MHD_ALLOW_SUSPEND_RESUME;
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    /* Reading and writing a request is tens of microseconds against a millisecond of
     * tagging: one HTTP thread keeps eight tagging threads fed. */
    unsigned io_threads = (st->cfg.workers + 7) / 8;
    st->daemon = MHD_start_daemon(
        flags, (uint16_t)st->cfg.port, NULL, NULL, handle, st, MHD_OPTION_SOCK_ADDR,
        ai->ai_addr, MHD_OPTION_THREAD_POOL_SIZE, io_threads,
        MHD_OPTION_CONNECTION_TIMEOUT, st->cfg.timeout, MHD_OPTION_CONNECTION_LIMIT,
        st->cfg.max_connections, MHD_OPTION_NOTIFY_COMPLETED, completed, st,
        MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!st->daemon) {
        serve_queue_stop(&st->queue);
        serve_queue_free(&st->queue);
        snprintf(err, cap, "cannot listen on %s port %u (in use, or not an address here?)",
                 st->cfg.host, st->cfg.port);
        return -1;
    }
    return 0;
}

unsigned serve_http_port(const serve_state *st)
{
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(st->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : st->cfg.port;
}

void serve_http_stop(serve_state *st)
{
    /* No new connections; the open ones may still send requests, which are tagged in
     * place once the queue is closed. */
    MHD_socket listener = st->daemon ? MHD_quiesce_daemon(st->daemon) : MHD_INVALID_SOCKET;
    /* Then the queue: its jobs are suspended connections, which libmicrohttpd must not
     * have when it stops. */
    serve_queue_stop(&st->queue);
    /* MHD_stop_daemon closes every connection as it is: wait (up to 5 s) for the
     * requests whose headers are in to be read, tagged and answered. */
    for (int ms = 0; ms < 5000 && atomic_load(&st->tagging) > 0; ms++) {
        struct timespec pause = {0, 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    if (st->daemon)
        MHD_stop_daemon(st->daemon);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    st->daemon = NULL;
    serve_queue_free(&st->queue);
}
