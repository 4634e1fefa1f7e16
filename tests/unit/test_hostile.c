/*
 * test_hostile.c - hostile input through the library: every kind of invalid UTF-8,
 * NUL bytes, huge tokens, data files an editor broke (BOM, CRLF, duplicate ids, a
 * missing column, an empty file, a directory, an unreadable file, NUL and invalid
 * UTF-8 inside), a catastrophically backtracking rule, each limit, repeated
 * load/free, and eight threads on the full default model.
 *
 * Each case asserts the behaviour docs/robustness.md promises, not merely "no
 * crash". The data-file cases build a small model in a temporary directory.
 */
#include "harness.h"

#include "tagger.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static tg_model *mini; /* tests/data/model-mini */

static int setup(void **state)
{
    (void)state;
    return test_load_model(&mini, TEST_DATA_DIR "/model-mini");
}

static int teardown(void **state)
{
    (void)state;
    tg_model_free(mini);
    return 0;
}

/* ------------------------------------------------------------ invalid UTF-8 */

typedef struct bad_utf8 {
    const char *what;
    const char *bytes; /* put after "Russia " */
    size_t len;
} bad_utf8;

#define B(what, s) {what, s, sizeof s - 1}
static const bad_utf8 BAD[] = {
    B("overlong 2-byte '/'", "\xC0\xAF"),
    B("overlong 2-byte NUL", "\xC0\x80"),
    B("overlong 2-byte C1", "\xC1\xBF"),
    B("overlong 3-byte '/'", "\xE0\x80\xAF"),
    B("overlong 3-byte U+07FF", "\xE0\x9F\xBF"),
    B("overlong 4-byte '/'", "\xF0\x80\x80\xAF"),
    B("overlong 4-byte U+FFFF", "\xF0\x8F\xBF\xBF"),
    B("high surrogate U+D800", "\xED\xA0\x80"),
    B("low surrogate U+DFFF", "\xED\xBF\xBF"),
    B("surrogate pair (CESU-8)", "\xED\xA0\xBD\xED\xB8\x80"),
    B("above U+10FFFF", "\xF4\x90\x80\x80"),
    B("lead byte F5", "\xF5\x80\x80\x80"),
    B("byte FE", "\xFE"),
    B("byte FF", "\xFF"),
    B("lone continuation byte", "\x80"),
    B("two continuation bytes", "\xBF\xBF"),
    B("2-byte truncated before ASCII", "\xC3 "),
    B("3-byte truncated after 1", "\xE2\x82 "),
    B("4-byte truncated after 2", "\xF0\x9F\x98 "),
    B("5-byte form", "\xF8\x88\x80\x80\x80"),
};

static void invalid_utf8_every_kind(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof BAD / sizeof *BAD; k++) {
        char text[64];
        int n = snprintf(text, sizeof text, "Russia ");
        memcpy(text + n, BAD[k].bytes, BAD[k].len);
        size_t len = (size_t)n + BAD[k].len;
        memcpy(text + len, " Ukraine", 8);
        len += 8;
        tg_result *r = (tg_result *)1;
        tg_error err;
        print_message("  %s\n", BAD[k].what);
        assert_int_equal(tg_tag_text(&r, mini, NULL, text, len, NULL, &err), TG_ERR_INPUT);
        assert_null(r);
        assert_int_equal(err.code, TG_ERR_INPUT);
        assert_int_equal(err.offset, 7); /* the first bad byte, right after "Russia " */
        assert_non_null(strstr(err.message, "not valid UTF-8 at byte 7"));

        /* With replacement the rest of the document is still tagged. */
        tg_doc_options o = {0};
        o.replace_invalid = 1;
        assert_int_equal(tg_tag_text(&r, mini, NULL, text, len, &o, &err), TG_OK);
        assert_int_equal(tg_result_entity_count(r), 2);
        assert_string_equal(tg_result_entity(r, 0)->id, "country:RU");
        assert_string_equal(tg_result_entity(r, 1)->id, "country:UA");
        assert_string_equal(tg_result_entity(r, 1)->text, "Ukraine");
        tg_result_free(r);
    }
}

static void truncated_at_end_of_text(void **state)
{
    (void)state;
    static const char *const tails[] = {"\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xF0"};
    for (size_t k = 0; k < 4; k++) {
        char text[32];
        int n = snprintf(text, sizeof text, "Russia %s", tails[k]);
        tg_result *r = NULL;
        tg_error err;
        assert_int_equal(tg_tag_text(&r, mini, NULL, text, (size_t)n, NULL, &err), TG_ERR_INPUT);
        assert_int_equal(err.offset, 7);
    }
}

static void invalid_title_is_named(void **state)
{
    (void)state;
    tg_doc_options o = {0};
    o.title = "Bad \xED\xA0\x80 title";
    o.title_len = strlen(o.title);
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, mini, NULL, "Russia", 6, &o, &err), TG_ERR_INPUT);
    assert_non_null(strstr(err.message, "title is not valid UTF-8 at byte 4"));
}

static void valid_edge_code_points_pass(void **state)
{
    (void)state;
    /* U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF, U+FEFF: all valid. */
    const char text[] = "\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xEF\xBF\xBF \xF0\x90\x80\x80 "
                        "\xF4\x8F\xBF\xBF \xEF\xBB\xBF Russia";
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, mini, NULL, text, sizeof text - 1, NULL, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 1);
    const tg_entity *e = tg_result_entity(r, 0);
    assert_int_equal(e->byte_start, sizeof text - 1 - 6);
    assert_int_equal(e->start, 14); /* 7 code points and 7 spaces before it */
    tg_result_free(r);
}

/* ------------------------------------------------------------ NUL and big tokens */

static void nul_bytes_are_text(void **state)
{
    (void)state;
    const char text[] = "\0\0Russia\0\0Ukraine\0";
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, mini, NULL, text, sizeof text - 1, NULL, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 2);
    assert_int_equal(tg_result_entity(r, 0)->byte_start, 2);
    assert_int_equal(tg_result_entity(r, 1)->byte_start, 10);
    char *json = NULL;
    assert_int_equal(tg_result_to_json(r, mini, "nul\0id", &json, NULL), TG_OK);
    assert_non_null(strstr(json, "\"Ukraine\""));
    free(json);
    tg_result_free(r);
}

static void megabyte_token_and_no_spaces(void **state)
{
    (void)state;
    size_t n = 4u << 20;
    char *text = malloc(n + 16);
    assert_non_null(text);
    memset(text, 'x', n);
    memcpy(text + n, " Russia", 7);
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, mini, NULL, text, n + 7, NULL, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 1);
    assert_int_equal(tg_result_entity(r, 0)->start, n + 1);
    tg_result_free(r);
    /* Punctuation only: many one-byte tokens. */
    memset(text, '.', n);
    assert_int_equal(tg_tag_text(&r, mini, NULL, text, n, NULL, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 0);
    tg_result_free(r);
    free(text);
}

/* ------------------------------------------------------------ limits */

static void every_limit_reports(void **state)
{
    (void)state;
    tg_model *m;
    tg_error err;
    assert_int_equal(tg_model_load(&m, TEST_DATA_DIR "/model-mini", &err), TG_OK);
    assert_int_equal(tg_model_set_limit(m, TG_LIMIT_DOCUMENT, 0), TG_ERR_ARG);
    assert_int_equal(tg_model_set_limit(m, TG_LIMIT_DOCUMENT, (size_t)1 << 32), TG_ERR_ARG);
    assert_int_equal(tg_model_set_limit(m, (tg_limit)99, 5), TG_ERR_ARG);

    /* Document: refused whole, with both sizes in the message; a title counts too. */
    assert_int_equal(tg_model_set_limit(m, TG_LIMIT_DOCUMENT, 10), TG_OK);
    tg_result *r = NULL;
    assert_int_equal(tg_tag_text(&r, m, NULL, "Russia and Ukraine", 18, NULL, &err), TG_ERR_LIMIT);
    assert_null(r);
    assert_string_equal(err.message, "document of 18 bytes is over the limit of 10 bytes");
    tg_doc_options o = {0};
    o.title = "Russia and Ukraine";
    o.title_len = 18;
    assert_int_equal(tg_tag_text(&r, m, NULL, "Russia", 6, &o, &err), TG_ERR_LIMIT);
    assert_int_equal(tg_model_set_limit(m, TG_LIMIT_DOCUMENT, 1000), TG_OK);

    /* Entities: the first N are listed and a warning says the rest were not. */
    assert_int_equal(tg_model_set_limit(m, TG_LIMIT_ENTITIES, 2), TG_OK);
    const char *text = "Russia, Ukraine, Georgia and Putin.";
    assert_int_equal(tg_tag_text(&r, m, NULL, text, strlen(text), NULL, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 2);
    assert_int_equal(tg_result_warning_count(r), 1);
    assert_non_null(strstr(tg_result_warning(r, 0), "entity limit (2) reached"));
    char *json = NULL;
    assert_int_equal(tg_result_to_json(r, m, NULL, &json, NULL), TG_OK);
    assert_non_null(strstr(json, "\"warnings\":[\"entity limit (2) reached"));
    free(json);
    tg_result_free(r);
    assert_int_equal(tg_model_set_limit(m, TG_LIMIT_ENTITIES, 100000), TG_OK);

    /* Match limit: a tiny one makes even the year rule give up, with a warning. */
    assert_int_equal(tg_model_set_limit(m, TG_LIMIT_MATCH, 1), TG_OK);
    text = "since 2018 in Russia";
    assert_int_equal(tg_tag_text(&r, m, NULL, text, strlen(text), NULL, &err), TG_OK);
    assert_true(tg_result_warning_count(r) >= 1);
    assert_non_null(strstr(tg_result_warning(r, 0), "match limit exceeded"));
    int russia = 0; /* the gazetteer still ran */
    for (size_t i = 0; i < tg_result_entity_count(r); i++)
        russia |= !strcmp(tg_result_entity(r, i)->id, "country:RU");
    assert_true(russia);
    tg_result_free(r);
    tg_model_free(m);
}

static void catastrophic_backtracking_is_bounded(void **state)
{
    (void)state;
    /* (a+)+$ (rule "backtrack" in model-mini) on a long run of a's that ends in b. */
    size_t n = 100000;
    char *text = malloc(n + 32);
    assert_non_null(text);
    strcpy(text, "since 2018 Russia ");
    memset(text + 18, 'a', n);
    strcpy(text + 18 + n, "b");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    tg_result *r = NULL;
    tg_error err;
    assert_int_equal(tg_tag_text(&r, mini, NULL, text, strlen(text), NULL, &err), TG_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    print_message("  (a+)+$ on %zu a's: %.3f s\n", n, secs);
    /* Generous for valgrind and sanitizers; unbounded backtracking takes years. */
    assert_true(secs < 60.0);
    assert_int_equal(tg_result_warning_count(r), 1);
    assert_non_null(strstr(tg_result_warning(r, 0), "rule 'backtrack' skipped"));
    assert_int_equal(tg_result_entity_count(r), 2); /* the year and Russia */
    tg_result_free(r);
    free(text);
}

/* ------------------------------------------------------------ data files */

static char dir[256];

static void write_file(const char *name, const char *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

#define WRITE(name, lit) write_file(name, lit, sizeof lit - 1)

static const char TOPICS[] = "id\tlabel\ncountry:RU\tRussia\ncountry:UA\tUkraine\n";

/* A model directory with topics.tsv and one gazetteer g.tsv. */
static int model_dir_setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/tagger-hostile-XXXXXX", P_tmpdir);
    if (!mkdtemp(dir))
        return -1;
    char path[512];
    snprintf(path, sizeof path, "%s/gazetteers", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/rules", dir);
    mkdir(path, 0700);
    WRITE("rules/topics.tsv", TOPICS);
    return 0;
}

static int model_dir_teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' && rm -rf '%s'", dir, dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int load(tg_model **m, tg_error *err) { return tg_model_load(m, dir, err); }

static void gazetteer_with_bom_and_crlf(void **state)
{
    (void)state;
    WRITE("gazetteers/g.tsv", "\xEF\xBB\xBF# comment\r\n"
                              "id\ttype\tsubtype\tname\ttopics\ten\r\n"
                              "\r\n"
                              "country:RU\tPLACE\tcountry\tRussia\tcountry:RU=1\tRussia\r\n"
                              "country:UA\tPLACE\tcountry\tUkraine\tcountry:UA=1\tUkraine");
    tg_model *m = NULL;
    tg_error err;
    assert_int_equal(load(&m, &err), TG_OK);
    size_t entities, aliases;
    tg_model_counts(m, &entities, &aliases, NULL);
    assert_int_equal(entities, 2);
    tg_result *r = NULL;
    assert_int_equal(tg_tag_text(&r, m, NULL, "Ukraine, Russia", 15, NULL, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 2);
    /* No '\r' left on the last column or the ids. */
    assert_string_equal(tg_result_entity(r, 0)->id, "country:UA");
    assert_string_equal(tg_result_entity(r, 1)->text, "Russia");
    tg_result_free(r);
    tg_model_free(m);
}

static void expect_data_error(unsigned line, unsigned column, const char *message)
{
    tg_model *m = (tg_model *)1;
    tg_error err;
    assert_int_equal(load(&m, &err), TG_ERR_DATA);
    assert_null(m);
    print_message("  %s:%u:%u: %s\n", err.file, err.line, err.column, err.message);
    assert_non_null(strstr(err.file, "g.tsv"));
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_non_null(strstr(err.message, message));
}

static void gazetteer_duplicate_id(void **state)
{
    (void)state;
    WRITE("gazetteers/g.tsv", "id\ttype\tsubtype\tname\ttopics\ten\n"
                              "country:RU\tPLACE\tcountry\tRussia\t-\tRussia\n"
                              "country:RU\tPLACE\tcountry\tRussia\t-\tRF\n");
    expect_data_error(3, 1, "duplicate id 'country:RU'");
}

static void gazetteer_missing_column(void **state)
{
    (void)state;
    WRITE("gazetteers/g.tsv", "id\ttype\tsubtype\tname\ttopics\ten\n"
                              "country:RU\tPLACE\tcountry\tRussia\tRussia\n");
    expect_data_error(2, 1, "expected 6 tab-separated columns, found 5");
    WRITE("gazetteers/g.tsv", "id\ttype\tsubtype\tname\ten\nx\tPLACE\tcity\tX\tX\n");
    expect_data_error(1, 1, "header lacks the 'topics' column");
}

static void gazetteer_empty_file(void **state)
{
    (void)state;
    WRITE("gazetteers/g.tsv", "");
    expect_data_error(1, 1, "no header line");
    WRITE("gazetteers/g.tsv", "\xEF\xBB\xBF# only a comment\n\n");
    expect_data_error(1, 1, "no header line");
}

static void gazetteer_nul_and_invalid_utf8(void **state)
{
    (void)state;
    static const char nul[] = "id\ttype\tsubtype\tname\ttopics\ten\nx\0y\n";
    write_file("gazetteers/g.tsv", nul, sizeof nul - 1);
    tg_model *m = NULL;
    tg_error err;
    assert_int_equal(load(&m, &err), TG_ERR_DATA);
    assert_non_null(strstr(err.message, "NUL byte"));
    WRITE("gazetteers/g.tsv", "id\ttype\tsubtype\tname\ttopics\ten\n"
                              "country:RU\tPLACE\tcountry\tRu\xC0\xAFssia\t-\tRussia\n");
    expect_data_error(2, 28, "invalid UTF-8");
}

static void gazetteer_directory(void **state)
{
    (void)state;
    char path[512];
    WRITE("gazetteers/g.tsv", "id\ttype\tsubtype\tname\ttopics\ten\nx\tPLACE\tcity\tX\t-\tX\n");
    snprintf(path, sizeof path, "%s/gazetteers/dir.tsv", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    tg_model *m = (tg_model *)1;
    tg_error err;
    assert_int_equal(load(&m, &err), TG_ERR_IO);
    assert_null(m);
    assert_non_null(strstr(err.file, "dir.tsv"));
    assert_string_equal(err.message, "not a regular file");
    assert_int_equal(rmdir(path), 0);
    assert_int_equal(load(&m, &err), TG_OK);
    tg_model_free(m);
}

/* Load the model expecting TG_ERR_IO "Permission denied" on g.tsv; 0 when so. */
static int load_denied(void)
{
    tg_model *m = NULL;
    tg_error err;
    int rc = load(&m, &err);
    tg_model_free(m);
    return rc == TG_ERR_IO && strstr(err.file, "g.tsv") &&
                   strstr(err.message, "Permission denied")
               ? 0
               : 1;
}

static void gazetteer_unreadable(void **state)
{
    (void)state;
    char path[512];
    WRITE("gazetteers/g.tsv", "id\ttype\tsubtype\tname\ttopics\ten\nx\tPLACE\tcity\tX\t-\tX\n");
    snprintf(path, sizeof path, "%s/gazetteers/g.tsv", dir);
    assert_int_equal(chmod(path, 0), 0);
    if (access(path, R_OK) != 0) {
        assert_int_equal(load_denied(), 0);
    } else if (geteuid() == 0) {
        /* root reads a chmod 000 file anyway: load it as user nobody, in a child. */
        char sub[600];
        for (int i = 0; i < 3; i++) { /* let nobody reach the directories */
            snprintf(sub, sizeof sub, "%s%s", dir, i == 0 ? "" : i == 1 ? "/gazetteers" : "/rules");
            assert_int_equal(chmod(sub, 0755), 0);
        }
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            _exit(setgid(65534) || setuid(65534) ? 2 : load_denied());
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    } else {
        /* CAP_DAC_OVERRIDE without being root: nothing to test here. */
        print_message("  skipped: chmod 000 does not block reading for this user\n");
        chmod(path, 0600);
        skip();
    }
    chmod(path, 0600);
}

static void rule_errors_have_positions(void **state)
{
    (void)state;
    WRITE("gazetteers/g.tsv", "id\ttype\tsubtype\tname\ttopics\ten\nx\tPLACE\tcity\tX\t-\tX\n");
    WRITE("rules/r.rules", "rule broken\r\ntype DATE\r\npattern (a+\r\n");
    tg_model *m = NULL;
    tg_error err;
    assert_int_equal(load(&m, &err), TG_ERR_DATA);
    assert_non_null(strstr(err.file, "r.rules"));
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 12); /* after "pattern (a+" */
    assert_non_null(strstr(err.message, "rule 'broken': missing closing parenthesis"));
    WRITE("rules/r.rules", "rule a\ntype DATE\npattern x\nrule a\ntype DATE\npattern y\n");
    assert_int_equal(load(&m, &err), TG_ERR_DATA);
    assert_non_null(strstr(err.message, "duplicate rule name 'a'"));
    char path[512];
    snprintf(path, sizeof path, "%s/rules/r.rules", dir);
    remove(path);
}

/* ------------------------------------------------------------ no leaks, no races */

static void repeated_load_free(void **state)
{
    (void)state;
    /* Under valgrind (tools/valgrind.sh) this shows no growth; elsewhere it proves
     * that a model can be loaded again and again with the same version. */
    char first[16] = "";
    for (int i = 0; i < 20; i++) {
        tg_model *m = NULL;
        tg_error err;
        assert_int_equal(tg_model_load(&m, TEST_DATA_DIR "/model-mini", &err), TG_OK);
        if (!first[0])
            snprintf(first, sizeof first, "%s", tg_model_version(m));
        assert_string_equal(tg_model_version(m), first);
        tg_model_free(m);
    }
}

/* Eight threads tag different documents (three languages, invalid bytes replaced,
 * a title) with the full default model, each with its own scratch, and must get
 * exactly what one thread gets. Run under ThreadSanitizer by tools/tsan.sh. */
static const char *const THREAD_TEXTS[] = {
    "Russia's Roscosmos and NASA met in Moscow on 29 July 2025; Putin spoke.",
    "Президент України Володимир Зеленський прибув до Києва 12 березня 2024 року.",
    "Владимир Путин заявил в Москве, что Россия заплатит $1,5 млрд.",
    "Turkey hosted talks in Istanbul \xFF between Ukraine and Russia for 10% more grain.",
};

typedef struct thread_job {
    const tg_model *m;
    char *expected[4];
    int failures;
} thread_job;

static char *tag_json(const tg_model *m, tg_scratch *s, size_t k)
{
    tg_doc_options o = {0};
    o.replace_invalid = 1;
    o.title = k % 2 ? "Russia and Ukraine" : NULL;
    o.title_len = o.title ? strlen(o.title) : 0;
    tg_result *r = NULL;
    tg_error err;
    char *json = NULL;
    if (tg_tag_text(&r, m, s, THREAD_TEXTS[k], strlen(THREAD_TEXTS[k]), &o, &err) == TG_OK)
        tg_result_to_json(r, m, "t", &json, NULL);
    tg_result_free(r);
    return json;
}

static void *thread_main(void *arg)
{
    thread_job *job = arg;
    tg_scratch *s = NULL;
    tg_error err;
    if (tg_scratch_new(&s, job->m, &err))
        return (void *)1;
    size_t bad = 0;
    for (size_t i = 0; i < 50; i++) {
        char *json = tag_json(job->m, i % 3 ? s : NULL, i % 4);
        bad += !json || strcmp(json, job->expected[i % 4]) != 0;
        free(json);
    }
    tg_scratch_free(s);
    return (void *)bad;
}

/* 8 threads x 50 documents on m, each result compared with job->expected. */
static void eight_threads(thread_job *job)
{
    pthread_t th[8];
    for (int i = 0; i < 8; i++)
        assert_int_equal(pthread_create(&th[i], NULL, thread_main, job), 0);
    size_t bad = 0;
    for (int i = 0; i < 8; i++) {
        void *rv;
        pthread_join(th[i], &rv);
        bad += (size_t)rv;
    }
    assert_int_equal(bad, 0);
}

/* The default model from its sources, then the same compiled into an image and
 * loaded afresh, where the eight threads' first documents compile the rules they
 * run at once (tg_rule_code) and JIT them: each answer the single-threaded one. */
static void eight_threads_default_model(void **state)
{
    (void)state;
    tg_model *m = NULL;
    tg_error err;
    assert_int_equal(tg_model_load(&m, TEST_SOURCE_DIR, &err), TG_OK);
    thread_job job = {m, {0}, 0};
    for (size_t k = 0; k < 4; k++) {
        job.expected[k] = tag_json(m, NULL, k);
        assert_non_null(job.expected[k]);
    }
    assert_non_null(strstr(job.expected[0], "country:RU"));
    eight_threads(&job);

    char tmp[] = "/tmp/tg-hostile-XXXXXX", path[64];
    assert_non_null(mkdtemp(tmp));
    snprintf(path, sizeof path, "%s/model.tgm", tmp);
    assert_int_equal(tg_model_compile(m, path, &err), TG_OK);
    tg_model *img = NULL;
    assert_int_equal(tg_model_load_file(&img, path, &err), TG_OK);
    assert_string_equal(tg_model_origin(img, NULL), "image");
    job.m = img;
    eight_threads(&job);
    tg_model_free(img);
    unlink(path);
    rmdir(tmp);

    for (size_t k = 0; k < 4; k++)
        free(job.expected[k]);
    tg_model_free(m);
}

int main(void)
{
    const struct CMUnitTest mini_tests[] = {
        cmocka_unit_test(invalid_utf8_every_kind),
        cmocka_unit_test(truncated_at_end_of_text),
        cmocka_unit_test(invalid_title_is_named),
        cmocka_unit_test(valid_edge_code_points_pass),
        cmocka_unit_test(nul_bytes_are_text),
        cmocka_unit_test(megabyte_token_and_no_spaces),
        cmocka_unit_test(every_limit_reports),
        cmocka_unit_test(catastrophic_backtracking_is_bounded),
        cmocka_unit_test(repeated_load_free),
    };
    const struct CMUnitTest file_tests[] = {
        cmocka_unit_test_setup_teardown(gazetteer_with_bom_and_crlf, model_dir_setup,
                                        model_dir_teardown),
        cmocka_unit_test_setup_teardown(gazetteer_duplicate_id, model_dir_setup,
                                        model_dir_teardown),
        cmocka_unit_test_setup_teardown(gazetteer_missing_column, model_dir_setup,
                                        model_dir_teardown),
        cmocka_unit_test_setup_teardown(gazetteer_empty_file, model_dir_setup,
                                        model_dir_teardown),
        cmocka_unit_test_setup_teardown(gazetteer_nul_and_invalid_utf8, model_dir_setup,
                                        model_dir_teardown),
        cmocka_unit_test_setup_teardown(gazetteer_directory, model_dir_setup,
                                        model_dir_teardown),
        cmocka_unit_test_setup_teardown(gazetteer_unreadable, model_dir_setup,
                                        model_dir_teardown),
        cmocka_unit_test_setup_teardown(rule_errors_have_positions, model_dir_setup,
                                        model_dir_teardown),
    };
    const struct CMUnitTest thread_tests[] = {
        cmocka_unit_test(eight_threads_default_model),
    };
    int failed = cmocka_run_group_tests_name("hostile text", mini_tests, setup, teardown);
    failed += cmocka_run_group_tests_name("hostile data files", file_tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("threads", thread_tests, NULL, NULL);
    return failed;
}
