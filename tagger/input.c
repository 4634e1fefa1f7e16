/*
 * input.c - reading an input file whole, with messages a person can act on:
 * a directory, an unreadable file and an oversized file each say so.
 */
#include "input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *read_stream(FILE *fp, size_t max_bytes, size_t *len, int *too_big)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return NULL;
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (n > max_bytes) {
            *too_big = 1;
            free(buf);
            return NULL;
        }
        if (got == 0 || n < cap) {
            if (ferror(fp)) {
                free(buf);
                return NULL;
            }
            if (feof(fp))
                break;
        }
        if (n == cap) {
            cap *= 2;
            char *grown = realloc(buf, cap + 1);
            if (!grown) {
                free(buf);
                return NULL;
            }
            buf = grown;
        }
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *read_input(const char *path, size_t max_bytes, size_t *len, char *why, size_t why_len)
{
    int too_big = 0;
    if (strcmp(path, "-") == 0) {
        char *buf = read_stream(stdin, max_bytes, len, &too_big);
        if (!buf)
            snprintf(why, why_len, "standard input: %s",
                     too_big ? "over the document size limit" : strerror(errno));
        return buf;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(why, why_len, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(why, why_len, "%s: is a directory", path);
        return NULL;
    }
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > max_bytes) {
        snprintf(why, why_len, "%s: %lld bytes is over the document size limit of %zu bytes",
                 path, (long long)st.st_size, max_bytes);
        return NULL;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(why, why_len, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = read_stream(fp, max_bytes, len, &too_big);
    int saved = errno;
    fclose(fp);
    if (!buf)
        snprintf(why, why_len, "%s: %s", path,
                 too_big ? "over the document size limit" : strerror(saved));
    return buf;
}
