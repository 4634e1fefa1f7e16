/*
 * fuzz_common.c - the temporary model directory and the invariant check shared by
 * the fuzz targets (see fuzz.h).
 *
 * The gazetteer and rule targets load a whole model per input, because loading a
 * file is what an editor's mistake goes through: tg_model_load is the only public
 * way in. The directory is made once per process (libFuzzer forks one process per
 * job, so parallel jobs do not share it) and removed at exit.
 */
#include "fuzz.h"

#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, what);
    abort();
}

void fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *fp = fopen(path, "wb");
    FUZZ_CHECK(fp != NULL);
    FUZZ_CHECK(size == 0 || fwrite(data, 1, size, fp) == size);
    FUZZ_CHECK(fclose(fp) == 0);
}

static tg_model *shared_model;
static tg_scratch *shared_scratch;

static void free_shared_model(void)
{
    tg_scratch_free(shared_scratch);
    tg_model_free(shared_model);
}

void fuzz_shared_model(const char *model_dir, tg_model **m, tg_scratch **s)
{
    tg_error err;
    if (tg_model_load(&shared_model, model_dir, &err) ||
        (s && tg_scratch_new(&shared_scratch, shared_model, &err))) {
        fprintf(stderr, "fuzz: cannot load %s: %s:%u: %s\n", model_dir, err.file, err.line,
                err.message);
        abort();
    }
    atexit(free_shared_model);
    *m = shared_model;
    if (s)
        *s = shared_scratch;
}

static void remove_dir(void)
{
    static const char *const files[] = {"gazetteers/fuzz.tsv", "gazetteers/fixed.tsv",
                                        "rules/fuzz.rules", "rules/topics.tsv", "input.jsonl", "gazetteers",
                                        "rules", ""};
    char path[512];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        remove(path);
    }
}

/* Topics every fuzzed file may link to; the fixed gazetteer gives the rule target a
 * model that loads when its rule file is empty. */
static const char TOPICS[] = "id\tlabel\tuk\tru\tthreshold\n"
                             "country:RU\tRussia\tРосія\tРоссия\t-\n"
                             "country:US\tUSA\tСША\tСША\t0.2\n"
                             "country:UA\tUkraine\tУкраїна\tУкраина\t-\n";

const char *fuzz_model_dir(void)
{
    if (dir[0])
        return dir;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/tagger-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    FUZZ_CHECK(mkdtemp(dir) != NULL);
    char path[512];
    snprintf(path, sizeof path, "%s/gazetteers", dir);
    FUZZ_CHECK(mkdir(path, 0700) == 0);
    snprintf(path, sizeof path, "%s/rules", dir);
    FUZZ_CHECK(mkdir(path, 0700) == 0);
    snprintf(path, sizeof path, "%s/rules/topics.tsv", dir);
    fuzz_write_file(path, (const uint8_t *)TOPICS, sizeof TOPICS - 1);
    atexit(remove_dir);
    return dir;
}

int fuzz_load(const char *model_dir, const uint8_t *data, size_t size, tg_model **m)
{
    tg_error err;
    *m = NULL;
    int rc = tg_model_load(m, model_dir, &err);
    if (rc == TG_OK)
        return 0;
    FUZZ_CHECK(*m == NULL && err.code == rc && err.message[0]);
    /* Data errors name the file; the line is within it. */
    if (rc == TG_ERR_DATA && err.line) {
        size_t lines = 1;
        for (size_t i = 0; i < size; i++)
            lines += data[i] == '\n';
        FUZZ_CHECK(err.line <= lines);
    }
    return 1;
}
