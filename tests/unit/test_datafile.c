/* test_datafile.c - line reading: BOM, CRLF, last line without newline, tabs. */
#include "harness.h"

#include "datafile.h"

#include <stdio.h>
#include <string.h>

static void lines_bom_crlf(void **state)
{
    (void)state;
    const char *path = "/tmp/tg-test-datafile.txt";
    FILE *fp = fopen(path, "wb");
    fputs("\xEF\xBB\xBF# comment\r\na\tb\r\n\r\nlast", fp);
    fclose(fp);
    tg_datafile df;
    tg_error err;
    assert_int_equal(tg_datafile_open(&df, path, &err), TG_OK);
    char *l = tg_datafile_next(&df);
    assert_string_equal(l, "# comment");
    assert_true(tg_datafile_skippable(l));
    l = tg_datafile_next(&df);
    char *f[4];
    assert_int_equal(tg_split_tabs(l, f, 4), 2);
    assert_string_equal(f[0], "a");
    assert_string_equal(f[1], "b");
    assert_true(tg_datafile_skippable(tg_datafile_next(&df)));
    assert_string_equal(tg_datafile_next(&df), "last");
    assert_int_equal(df.line_no, 4);
    assert_null(tg_datafile_next(&df));
    tg_datafile_close(&df);
    remove(path);
}

static void invalid_utf8_names_line_and_column(void **state)
{
    (void)state;
    const char *path = "/tmp/tg-test-datafile-bad.txt";
    FILE *fp = fopen(path, "wb");
    fputs("ok\nab\xFF\n", fp);
    fclose(fp);
    tg_datafile df;
    tg_error err;
    assert_int_equal(tg_datafile_open(&df, path, &err), TG_ERR_DATA);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    remove(path);
}

static void directory_is_refused(void **state)
{
    (void)state;
    tg_datafile df;
    tg_error err;
    assert_int_equal(tg_datafile_open(&df, "/tmp", &err), TG_ERR_IO);
    assert_non_null(strstr(err.message, "not a regular file"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_bom_crlf),
        cmocka_unit_test(invalid_utf8_names_line_and_column),
        cmocka_unit_test(directory_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
