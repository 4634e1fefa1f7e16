/* serve_metrics.h - the service's counters and latency histogram, for GET /metrics. */
#ifndef TAGGER_SERVE_METRICS_H
#define TAGGER_SERVE_METRICS_H

#include "strbuf.h"

#include <stdatomic.h>
#include <time.h>

/* Latency buckets: 8 per doubling from 1 microsecond, so a percentile is exact to
 * within 9%; the last bucket holds everything from about 70 s up. */
#define SERVE_LAT_BUCKETS 208

typedef struct serve_metrics {
    atomic_ullong requests;  /* every HTTP request answered */
    atomic_ullong documents; /* records tagged */
    atomic_ullong bytes;     /* bytes of text tagged */
    atomic_ullong errors;    /* POST /tag answered with 4xx or 5xx */
    atomic_ullong status_4xx, status_5xx;
    atomic_ullong reloads, reload_failures;
    atomic_ullong lat[SERVE_LAT_BUCKETS]; /* POST /tag latency */
    atomic_ullong lat_sum_us, lat_max_us;
    struct timespec started;
} serve_metrics;

void serve_metrics_init(serve_metrics *m);

/* Record one POST /tag answered after `us` microseconds. */
void serve_metrics_latency(serve_metrics *m, unsigned long long us);

/* The latency (microseconds) below which fraction q of the requests fall (the upper
 * bound of its bucket), or 0 with no requests yet. */
double serve_metrics_percentile(const serve_metrics *m, double q);

/* Append the members of the /metrics object (no braces, no leading comma). */
void serve_metrics_json(const serve_metrics *m, strbuf *out);

#endif
