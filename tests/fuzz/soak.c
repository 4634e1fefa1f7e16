/*
 * soak.c - leak and growth check for long-lived users of the library: load and
 * free the model again and again, then tag many documents on one scratch, and
 * measure the heap in use (glibc mallinfo2) along the way.
 *
 *   tagger_soak MODEL_DIR LOADS CALLS
 *
 * After a warm-up (the scratch and the allocator settle at the largest document)
 * the bytes in use must not grow: a leak of even one small allocation per call
 * shows as CALLS * size. Prints the figures and exits 1 when the heap grew by more
 * than 64 KiB between the warm-up and the end, or any call failed. Under valgrind
 * (tools/valgrind.sh) memcheck counts what is still allocated at exit as well.
 *
 * Run it with GLIBC_TUNABLES=glibc.malloc.tcache_count=0 (ctest does): chunks held
 * in glibc's per-thread cache count as "in use" in mallinfo2, which otherwise adds
 * up to a few hundred KiB of noise to the figures.
 */
#include "tagger.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Documents that reach every stage: three languages, rules, a title, invalid bytes
 * (replaced), an empty one, and a long one that grows the scratch. */
static const char *const TEXTS[] = {
    "Russia's Roscosmos space agency and NASA prepare for their first in-person meeting "
    "in seven years, TASS reported on Tuesday, 29 July 2025, at 11:13.",
    "Президент України Володимир Зеленський зустрівся з Реджепом Ердоганом у Стамбулі "
    "12 березня 2024 року; Україна отримає $1,5 млрд.",
    "Владимир Путин заявил в Москве, что Россия и США обсудят 10% пошлин в 2026 году.",
    "Bad bytes \xC0\xAF and \xED\xA0\x80 in Kyiv and Berlin.",
    "",
};

static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: tagger_soak MODEL_DIR LOADS CALLS\n");
        return 2;
    }
    const char *dir = argv[1];
    long loads = atol(argv[2]), calls = atol(argv[3]);
    tg_error err;
    tg_model *m = NULL;

    /* Load and free: the second load is the baseline (the first warms libc up). */
    size_t base = 0, after_loads = 0;
    double t0 = now();
    for (long i = 0; i < loads; i++) {
        if (tg_model_load(&m, dir, &err)) {
            fprintf(stderr, "soak: %s: %s\n", dir, err.message);
            return 1;
        }
        tg_model_free(m);
        if (i == 0)
            base = heap_in_use();
    }
    after_loads = heap_in_use();
    printf("soak: %ld loads/frees in %.2f s; heap after first %zu B, after last %zu B "
           "(growth %ld B)\n",
           loads, now() - t0, base, after_loads, (long)(after_loads - base));

    if (tg_model_load(&m, dir, &err)) {
        fprintf(stderr, "soak: %s: %s\n", dir, err.message);
        return 1;
    }
    char *big = malloc((16 << 10) + 1); /* snprintf writes the last NUL past 16 KiB */
    for (size_t i = 0; i < (16 << 10); i += 64)
        snprintf(big + i, 65, "%-63s", i % 1024 ? "said Putin in Moscow and Kyiv," : "Russia.");
    tg_scratch *s = NULL;
    if (tg_scratch_new(&s, m, &err))
        return 1;
    tg_doc_options o = {0};
    o.replace_invalid = 1;
    long failed = 0;
    size_t entities = 0, warm = 0;
    long warmup = calls < 1000 ? calls / 2 : 1000;
    t0 = now();
    for (long i = 0; i < calls; i++) {
        size_t k = (size_t)i % (sizeof TEXTS / sizeof *TEXTS + 1);
        const char *text = k < sizeof TEXTS / sizeof *TEXTS ? TEXTS[k] : big;
        size_t len = k < sizeof TEXTS / sizeof *TEXTS ? strlen(text) : (size_t)(16 << 10) - 1;
        o.title = i % 2 ? "Russia and Ukraine" : NULL;
        o.title_len = o.title ? strlen(o.title) : 0;
        tg_result *r = NULL;
        if (tg_tag_text(&r, m, s, text, len, &o, &err) != TG_OK) {
            failed++;
            continue;
        }
        entities += tg_result_entity_count(r);
        char *json = NULL;
        if (tg_result_to_json(r, m, "soak", &json, NULL) != TG_OK)
            failed++;
        free(json);
        tg_result_free(r);
        if (i + 1 == warmup)
            warm = heap_in_use();
    }
    double secs = now() - t0;
    size_t end = heap_in_use();
    long growth = (long)(end - warm);
    printf("soak: %ld tag calls in %.2f s (%.0f/s), %zu entities, %ld failed; heap after "
           "%ld calls %zu B, after %ld calls %zu B (growth %ld B)\n",
           calls, secs, calls / secs, entities, failed, warmup, warm, calls, end, growth);
    tg_scratch_free(s);
    tg_model_free(m);
    free(big);
    long load_growth = (long)(after_loads - base);
    if (failed || growth > 64 * 1024 || load_growth > 64 * 1024) {
        fprintf(stderr, "soak: FAILED (heap growth or failed calls)\n");
        return 1;
    }
    return 0;
}
