/* serve_http.h - the HTTP side of `tagger serve`, on libmicrohttpd. */
#ifndef TAGGER_SERVE_HTTP_H
#define TAGGER_SERVE_HTTP_H

#include "serve_metrics.h"
#include "serve_model.h"
#include "serve_queue.h"
#include "serve_record.h"
#include "serve_web.h"

#include <stddef.h>

typedef struct serve_config {
    const char *host;       /* address to listen on (default 127.0.0.1) */
    unsigned port;          /* 0: any free port */
    unsigned workers;       /* threads tagging documents */
    size_t max_body;        /* bytes of one POST body; more is 413 */
    unsigned timeout;       /* seconds a connection may stay idle */
    unsigned max_connections;
    serve_record_options record;
} serve_config;

/* What the HTTP threads share: read-only config and page, the model holder, the
 * metrics. Lives as long as the daemon. */
typedef struct serve_state {
    serve_config cfg;
    serve_holder holder;
    serve_metrics metrics;
    serve_web web;
    int has_web;
    serve_queue queue;   /* the tagging threads */
    atomic_long tagging; /* POST /tag requests whose headers are in, not yet answered */
    struct MHD_Daemon *daemon;
} serve_state;

/* Start cfg.workers tagging threads and listen. Returns 0, or -1 with a message in err. */
int serve_http_start(serve_state *st, char *err, size_t cap);

/* The port actually bound (useful with port 0). */
unsigned serve_http_port(const serve_state *st);

/* Stop accepting, let the requests in flight be answered (for up to 5 s), join the
 * threads. */
void serve_http_stop(serve_state *st);

#endif
