/*
 * fuzz.h - what every fuzz target shares: the libFuzzer entry points and a
 * throw-away model directory for the targets that fuzz data files.
 *
 * Each target defines LLVMFuzzerTestOneInput (and LLVMFuzzerInitialize when it needs
 * a model). Built with -DTAGGER_FUZZ=ON they link against libFuzzer; in every other
 * build they link against replay.c, which feeds them the saved crash inputs, so the
 * ordinary ctest run (gcc, no libFuzzer) replays every bug the fuzzers ever found.
 *
 * FUZZ_MODEL_DIR (the repository root: gazetteers/ + rules/) is set by CMake.
 */
#ifndef TG_FUZZ_H
#define TG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fuzz target's own invariant failed: say which and abort, so that libFuzzer
 * saves the input exactly as it does for a sanitizer report. */
#define FUZZ_CHECK(cond)                                                                 \
    do {                                                                                 \
        if (!(cond))                                                                     \
            fuzz_fail(__FILE__, __LINE__, #cond);                                        \
    } while (0)
void fuzz_fail(const char *file, int line, const char *what) __attribute__((noreturn));

/* A fresh directory laid out as a model (gazetteers/, rules/ with a fixed
 * topics.tsv), removed at exit. Returns its path (static storage). */
const char *fuzz_model_dir(void);

struct tg_model;

/* Load the model in dir, whose data file under test holds data[0..size): 0 with *m
 * set, or 1 after checking that the failure says why, at a line inside that file. */
int fuzz_load(const char *model_dir, const uint8_t *data, size_t size, struct tg_model **m);

/* The model in dir and a scratch for it (s may be NULL), loaded once for the whole
 * run and freed at exit; aborts with the loader's message when it cannot load. */
struct tg_scratch;
void fuzz_shared_model(const char *dir, struct tg_model **m, struct tg_scratch **s);

/* Write bytes to path (replacing it); abort when that fails. */
void fuzz_write_file(const char *path, const uint8_t *data, size_t size);

#endif
