/*
 * serve_metrics.c - counters and a latency histogram without locks.
 *
 * Every worker updates the same counters, so they are relaxed atomics: /metrics
 * may read a slightly stale mix, which is fine for monitoring and costs nothing
 * on the request path. Latency goes into log-spaced buckets (8 per doubling)
 * instead of a sample list: constant memory whatever the uptime, and percentiles
 * good to a few percent, which is the resolution a p99 is read at anyway.
 */
#include "serve_metrics.h"

#include <math.h>
#include <string.h>

#define RELAXED memory_order_relaxed

void serve_metrics_init(serve_metrics *m)
{
    memset(m, 0, sizeof *m); /* all-zero is a valid atomic_ullong on every target we build */
    clock_gettime(CLOCK_MONOTONIC, &m->started);
}

/* Bucket b holds latencies in [2^((b-1)/8), 2^(b/8)) microseconds; bucket 0 is < 1. */
static size_t bucket_of(unsigned long long us)
{
    if (us < 1)
        return 0;
    size_t b = (size_t)floor(log2((double)us) * 8.0) + 1;
    return b < SERVE_LAT_BUCKETS ? b : SERVE_LAT_BUCKETS - 1;
}

static double bucket_upper(size_t b) { return exp2((double)b / 8.0); }

void serve_metrics_latency(serve_metrics *m, unsigned long long us)
{
    atomic_fetch_add_explicit(&m->lat[bucket_of(us)], 1, RELAXED);
    atomic_fetch_add_explicit(&m->lat_sum_us, us, RELAXED);
    unsigned long long max = atomic_load_explicit(&m->lat_max_us, RELAXED);
    while (us > max &&
           !atomic_compare_exchange_weak_explicit(&m->lat_max_us, &max, us, RELAXED, RELAXED))
        ;
}

double serve_metrics_percentile(const serve_metrics *m, double q)
{
    unsigned long long counts[SERVE_LAT_BUCKETS], total = 0;
    for (size_t b = 0; b < SERVE_LAT_BUCKETS; b++) {
        counts[b] = atomic_load_explicit(&m->lat[b], RELAXED);
        total += counts[b];
    }
    if (!total)
        return 0;
    unsigned long long rank = (unsigned long long)ceil(q * (double)total), seen = 0;
    if (rank < 1)
        rank = 1;
    for (size_t b = 0; b < SERVE_LAT_BUCKETS; b++) {
        seen += counts[b];
        if (seen >= rank) {
            double up = bucket_upper(b);
            double max = (double)atomic_load_explicit(&m->lat_max_us, RELAXED);
            return up < max ? up : max;
        }
    }
    return (double)atomic_load_explicit(&m->lat_max_us, RELAXED);
}

#define LOAD(x) ((unsigned long long)atomic_load_explicit(&m->x, RELAXED))

void serve_metrics_json(const serve_metrics *m, strbuf *out)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double up = (double)(now.tv_sec - m->started.tv_sec) +
                (double)(now.tv_nsec - m->started.tv_nsec) / 1e9;
    unsigned long long docs = LOAD(documents), errs = LOAD(errors);
    unsigned long long answered = docs + errs;
    sb_printf(out,
              "\"uptime_s\":%.3f,\"requests\":%llu,\"documents\":%llu,\"bytes\":%llu,"
              "\"errors\":%llu,\"status_4xx\":%llu,\"status_5xx\":%llu,"
              "\"reloads\":%llu,\"reload_failures\":%llu,",
              up, LOAD(requests), docs, LOAD(bytes), errs, LOAD(status_4xx), LOAD(status_5xx),
              LOAD(reloads), LOAD(reload_failures));
    sb_printf(out,
              "\"latency_ms\":{\"count\":%llu,\"mean\":%.3f,\"p50\":%.3f,\"p90\":%.3f,"
              "\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f}",
              answered, answered ? (double)LOAD(lat_sum_us) / (double)answered / 1000.0 : 0.0,
              serve_metrics_percentile(m, 0.50) / 1000.0,
              serve_metrics_percentile(m, 0.90) / 1000.0,
              serve_metrics_percentile(m, 0.99) / 1000.0,
              serve_metrics_percentile(m, 0.999) / 1000.0, (double)LOAD(lat_max_us) / 1000.0);
}
