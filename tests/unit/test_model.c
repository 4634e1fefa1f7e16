/*
 * test_model.c - loading: every malformed data file stops the load with a message
 * that says what and exactly where; good edge cases (BOM, CRLF) load.
 * Each case writes a small model into a temporary directory.
 */
#include "harness.h"

#include "gazetteer.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char TOPICS[] = "id\tlabel\ncountry:RU\tRussia\n";

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

/* Make a model dir with the given gazetteer and rules; returns its path (static). */
static const char *make_model(const char *gazetteer, size_t gaz_len, const char *rules)
{
    static char dir[64];
    char path[128];
    strcpy(dir, "/tmp/tg-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/gazetteers", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/rules", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/rules/topics.tsv", dir);
    write_file(path, TOPICS, strlen(TOPICS));
    snprintf(path, sizeof path, "%s/gazetteers/a.tsv", dir);
    write_file(path, gazetteer, gaz_len);
    if (rules) {
        snprintf(path, sizeof path, "%s/rules/a.rules", dir);
        write_file(path, rules, strlen(rules));
    }
    return dir;
}

static void remove_model(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

typedef struct bad_case {
    const char *name, *gazetteer, *rules;
    unsigned line, column;
    const char *message; /* a substring of the message */
} bad_case;

static const bad_case BAD[] = {
    {"missing column", "id\ttype\tsubtype\tname\ttopics\ten\nx:1\tPLACE\tcity\tX\t-\n", NULL, 2, 1,
     "expected 6 tab-separated columns, found 5"},
    {"unknown type", "id\ttype\tsubtype\tname\ttopics\ten\nx:1\tTOWN\tcity\tX\t-\tX\n", NULL, 2, 5,
     "unknown type 'TOWN'"},
    {"duplicate id",
     "id\ttype\tsubtype\tname\ttopics\ten\nx:1\tPLACE\tcity\tX\t-\tX\nx:1\tPLACE\tcity\tY\t-\tY\n",
     NULL, 3, 1, "duplicate id 'x:1'"},
    {"unknown topic", "id\ttype\tsubtype\tname\ttopics\ten\nx:1\tPLACE\tcity\tX\tcountry:ZZ=1\tX\n",
     NULL, 2, 18, "unknown topic 'country:ZZ'"},
    {"bad weight", "id\ttype\tsubtype\tname\ttopics\ten\nx:1\tPLACE\tcity\tX\tcountry:RU=2\tX\n",
     NULL, 2, 18, "topic weight"},
    {"empty alias", "id\ttype\tsubtype\tname\ttopics\ten\nx:1\tPLACE\tcity\tX\t-\tX||Y\n", NULL, 2,
     22, "empty alias"},
    {"no header column", "id\ttype\tname\ttopics\ten\n", NULL, 1, 1, "lacks the 'subtype'"},
    {"bad pattern", "id\ttype\tsubtype\tname\ttopics\ten\nx:1\tPLACE\tcity\tX\t-\tX\n",
     "# comment\nrule broken\ntype DATE\npattern ab(c\n", 4, 13, "missing closing parenthesis"},
    {"second pattern line", "id\ttype\tsubtype\tname\ttopics\ten\nx:1\tPLACE\tcity\tX\t-\tX\n",
     "rule broken\ntype DATE\npattern abc\npattern d[e\n", 4, 12, "missing terminating ]"},
    /* Multi-line patterns: the error in the first of three lines, and in the middle one
     * (indented value), point into that line, not the block or the last line. */
    {"first of three pattern lines", "id\ttype\tsubtype\tname\ttopics\ten\nx:1\tPLACE\tcity\tX\t-\tX\n",
     "rule broken\ntype DATE\npattern a)b\npattern cd\npattern ef\n", 3, 10, "unmatched closing parenthesis"},
    {"middle pattern line", "id\ttype\tsubtype\tname\ttopics\ten\nx:1\tPLACE\tcity\tX\t-\tX\n",
     "rule broken\ntype DATE\npattern ab\npattern   c)d\npattern ef\n", 4, 12, "unmatched closing parenthesis"},
    {"rule without type", "id\ttype\tsubtype\tname\ttopics\ten\nx:1\tPLACE\tcity\tX\t-\tX\n",
     "rule r1\npattern x\n", 1, 1, "has no type"},
};

static void bad_files_report_file_line_column(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        const bad_case *c = &BAD[i];
        const char *dir = make_model(c->gazetteer, strlen(c->gazetteer), c->rules);
        tg_model *m = NULL;
        tg_error err;
        int rc = tg_model_load(&m, dir, &err);
        if (rc != TG_ERR_DATA)
            fail_msg("%s: expected TG_ERR_DATA, got %d (%s)", c->name, rc, rc ? err.message : "");
        assert_null(m);
        if (err.line != c->line || err.column != c->column || !strstr(err.message, c->message))
            fail_msg("%s: got %s:%u:%u: %s", c->name, err.file, err.line, err.column, err.message);
        assert_non_null(strstr(err.file, c->rules && strstr(err.message, "rule") ? "a.rules"
                                                                                : "a.tsv"));
        remove_model(dir);
    }
}

static void bom_and_crlf_load(void **state)
{
    (void)state;
    const char data[] = "\xEF\xBB\xBFid\ttype\tsubtype\tname\ttopics\ten\r\n"
                        "country:RU\tPLACE\tcountry\tRussia\tcountry:RU=1\tRussia\r\n";
    const char *dir = make_model(data, sizeof data - 1, NULL);
    tg_model *m = NULL;
    tg_error err;
    assert_int_equal(tg_model_load(&m, dir, &err), TG_OK);
    tg_result *r = NULL;
    assert_int_equal(tg_tag_text(&r, m, NULL, "In Russia.", 10, NULL, &err), TG_OK);
    assert_int_equal(tg_result_entity_count(r), 1);
    assert_string_equal(tg_result_entity(r, 0)->id, "country:RU");
    tg_result_free(r);
    tg_model_free(m);
    remove_model(dir);
}

static void missing_dir_is_io_error(void **state)
{
    (void)state;
    tg_model *m = (tg_model *)1;
    tg_error err;
    assert_int_equal(tg_model_load(&m, "/nonexistent/model", &err), TG_ERR_IO);
    assert_null(m);
    assert_string_equal(err.file, "/nonexistent/model");
}

static void version_is_stable_and_free_accepts_null(void **state)
{
    (void)state;
    tg_model *a, *b;
    tg_error err;
    assert_int_equal(tg_model_load(&a, TEST_DATA_DIR "/model-mini", &err), TG_OK);
    assert_int_equal(tg_model_load(&b, TEST_DATA_DIR "/model-mini", &err), TG_OK);
    assert_string_equal(tg_model_version(a), tg_model_version(b));
    assert_int_equal(strlen(tg_model_version(a)), 8);
    tg_model_free(a);
    tg_model_free(b);
    tg_model_free(NULL);
    tg_result_free(NULL);
    tg_scratch_free(NULL);
    assert_string_equal(tg_version(), TG_VERSION_STRING);
}

/* Weights are read without strtod when they are plain decimals (tg_parse_decimal):
 * the double must be strtod's, bit for bit, and every other form must be left to
 * strtod. Random decimals of up to 19 digits, the point anywhere, with the round
 * cases near 2^53 and the forms only strtod knows. */
static void decimal_weights_read_as_strtod(void **state)
{
    (void)state;
    static const char *const PLAIN[] = {"0.85", "1", ".5", "1.", "0.1", "0.3", "00.7",
                                        "0.3333333333333333", "9007199254740992",
                                        "0.9007199254740991", "12345678.9012345"};
    static const char *const OTHERS[] = {"", ".", "1.2.3", "+0.5", "-0.5", " 0.5", "0.5 ",
                                         "1e-1", "0x1p-1", "inf", "nan", "0.5x",
                                         "9007199254740993", "0.00000000000000000001",
                                         "12345678901234567890", "1234567890123456789"};
    double d;
    for (size_t i = 0; i < sizeof PLAIN / sizeof PLAIN[0]; i++) {
        if (!tg_parse_decimal(PLAIN[i], &d))
            fail_msg("'%s' is a plain decimal", PLAIN[i]);
        double want = strtod(PLAIN[i], NULL);
        assert_memory_equal(&d, &want, sizeof d);
    }
    for (size_t i = 0; i < sizeof OTHERS / sizeof OTHERS[0]; i++)
        assert_int_equal(tg_parse_decimal(OTHERS[i], &d), 0);
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    size_t plain = 0;
    for (int round = 0; round < 200000; round++) {
        char buf[32];
        xorshift(&x);
        size_t digits = 1 + x % 19, point = (x >> 8) % (digits + 2), n = 0;
        uint64_t y = x;
        for (size_t k = 0; k < digits; k++) {
            if (k == point)
                buf[n++] = '.';
            xorshift(&y);
            buf[n++] = (char)('0' + y % 10);
        }
        if (point == digits)
            buf[n++] = '.';
        buf[n] = '\0';
        if (!tg_parse_decimal(buf, &d))
            continue; /* above 2^53 */
        double want = strtod(buf, NULL);
        if (memcmp(&d, &want, sizeof d) != 0)
            fail_msg("'%s': %.17g, strtod says %.17g", buf, d, want);
        plain++;
    }
    assert_true(plain >= 100000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bad_files_report_file_line_column),
        cmocka_unit_test(decimal_weights_read_as_strtod),
        cmocka_unit_test(bom_and_crlf_load),
        cmocka_unit_test(missing_dir_is_io_error),
        cmocka_unit_test(version_is_stable_and_free_accepts_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
