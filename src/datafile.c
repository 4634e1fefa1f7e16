/*
 * datafile.c - line-oriented reading of the model's data files.
 */
#include "datafile.h"

#include "error.h"
#include "utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int tg_datafile_open(tg_datafile *df, const char *path, tg_error *err)
{
    memset(df, 0, sizeof *df);
    df->path = path;
    struct stat st;
    if (stat(path, &st) != 0)
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "%s", strerror(errno));
    if (!S_ISREG(st.st_mode))
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "not a regular file");
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "%s", strerror(errno));
    size_t cap = (size_t)st.st_size + 1;
    df->data = malloc(cap);
    if (!df->data) {
        fclose(fp);
        return tg_error_set(err, TG_ERR_NOMEM, "out of memory reading %s", path);
    }
    df->len = fread(df->data, 1, cap - 1, fp);
    int failed = ferror(fp);
    fclose(fp);
    if (failed) {
        tg_datafile_close(df);
        return tg_error_at(err, TG_ERR_IO, path, 0, 0, "read error");
    }
    df->data[df->len] = '\0';
    size_t bad = tg_utf8_check(df->data, df->len);
    if (bad < df->len) {
        unsigned line = 1, col = 1;
        for (size_t i = 0; i < bad; i++) {
            if (df->data[i] == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        tg_datafile_close(df);
        return tg_error_at(err, TG_ERR_DATA, path, line, col, "invalid UTF-8");
    }
    if (memchr(df->data, '\0', df->len)) {
        tg_datafile_close(df);
        return tg_error_at(err, TG_ERR_DATA, path, 0, 0, "NUL byte in a text file");
    }
    if (df->len >= 3 && memcmp(df->data, "\xEF\xBB\xBF", 3) == 0)
        df->pos = 3;
    return TG_OK;
}

void tg_datafile_close(tg_datafile *df)
{
    free(df->data);
    df->data = NULL;
}

char *tg_datafile_next(tg_datafile *df)
{
    if (df->pos >= df->len)
        return NULL;
    char *line = df->data + df->pos;
    char *nl = memchr(line, '\n', df->len - df->pos);
    size_t n = nl ? (size_t)(nl - line) : df->len - df->pos;
    df->pos += n + (nl ? 1 : 0);
    if (n && line[n - 1] == '\r')
        n--;
    line[n] = '\0';
    df->line_no++;
    return line;
}

int tg_datafile_skippable(const char *line)
{
    while (*line == ' ' || *line == '\t')
        line++;
    return *line == '\0' || *line == '#';
}

size_t tg_split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        if (n == max)
            return max + 1;
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            return n;
        *tab = '\0';
        p = tab + 1;
    }
}
