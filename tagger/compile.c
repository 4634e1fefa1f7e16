/*
 * compile.c - `tagger compile`: load a model from its source files and write it into
 * one compiled file (DIR/model.tgm by default) that later starts load in
 * milliseconds (src/model_image.c).
 */
#include "compile.h"

#include "paths.h"
#include "tagger.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char USAGE[] =
    "Usage: tagger compile [--model DIR] [-o FILE]\n"
    "Load the model from its source files (gazetteers/, rules/) and write it into one\n"
    "compiled file, which tagger then maps at start instead of reading the sources.\n"
    "\n"
    "  -m, --model DIR   model directory (default: as for tagger)\n"
    "  -o, --output FILE where to write (default: DIR/model.tgm, which tagger uses\n"
    "                    automatically while it is newer than the sources)\n"
    "  -q, --quiet       no summary line\n"
    "  -h, --help        show this help and exit\n";

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void print_error(const char *what, const tg_error *err)
{
    if (err->line)
        fprintf(stderr, "tagger: %s:%u:%u: %s\n", err->file, err->line, err->column,
                err->message);
    else if (err->file[0])
        fprintf(stderr, "tagger: %s: %s\n", err->file, err->message);
    else
        fprintf(stderr, "tagger: %s: %s\n", what, err->message);
}

int compile_main(int argc, char **argv)
{
    const char *model = NULL, *output = NULL;
    int quiet = 0;
    static const struct option longs[] = {{"model", required_argument, 0, 'm'},
                                          {"output", required_argument, 0, 'o'},
                                          {"quiet", no_argument, 0, 'q'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "m:o:qh", longs, NULL)) != -1) {
        switch (c) {
        case 'm': model = optarg; break;
        case 'o': output = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(USAGE, stdout); return 0;
        default: fputs("Try 'tagger compile --help'.\n", stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "tagger compile: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    char buf[PATH_MAX];
    const char *dir = find_model_dir(model, buf, sizeof buf);
    tg_model *m = NULL;
    tg_error err;
    double t0 = now_ms();
    if (tg_model_load_source(&m, dir, &err)) {
        print_error(dir, &err);
        return 2;
    }
    double t1 = now_ms();
    char out[PATH_MAX];
    if (!output) {
        snprintf(out, sizeof out, "%s/model.tgm", dir);
        output = out;
    }
    if (tg_model_compile(m, output, &err)) {
        print_error(output, &err);
        tg_model_free(m);
        return 2;
    }
    double t2 = now_ms();
    tg_model_free(m);
    /* Load it back once: a file that does not load is an error now, not at the next
     * start. */
    if (tg_model_load_file(&m, output, &err)) {
        print_error(output, &err);
        return 2;
    }
    double t3 = now_ms();
    size_t entities, aliases, rules;
    tg_model_counts(m, &entities, &aliases, &rules);
    if (!quiet)
        fprintf(stderr,
                "tagger: compiled %s (version %s: %zu entities, %zu aliases, %zu rules): "
                "source load %.0f ms, write %.0f ms, image load %.1f ms\n",
                output, tg_model_version(m), entities, aliases, rules, t1 - t0, t2 - t1,
                t3 - t2);
    tg_model_free(m);
    return 0;
}
