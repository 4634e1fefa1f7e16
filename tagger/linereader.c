/*
 * linereader.c - lines of any length, memory bounded by a limit.
 *
 * getline() would hold a 50 MB line in memory just to report that it is too long;
 * the pipeline stage promises flat memory, so an over-long line is skipped through
 * a fixed buffer instead and only its length is counted. memchr over a 64 KiB block
 * keeps the cost per byte low for ordinary lines.
 */
#include "linereader.h"

#include <string.h>

void line_reader_init(line_reader *lr, FILE *in)
{
    lr->in = in;
    lr->pos = lr->end = 0;
    lr->eof = lr->error = 0;
}

static int refill(line_reader *lr)
{
    if (lr->eof)
        return 0;
    lr->pos = 0;
    lr->end = fread(lr->buf, 1, sizeof lr->buf, lr->in);
    if (lr->end == 0) {
        lr->eof = 1;
        lr->error = ferror(lr->in) != 0;
        return 0;
    }
    return 1;
}

int line_reader_next(line_reader *lr, strbuf *out, size_t max, int *over)
{
    size_t start = out->n, kept = 0;
    int any = 0, ended = 0;
    *over = 0;
    lr->last_bytes = 0;
    while (!ended) {
        if (lr->pos == lr->end && !refill(lr))
            break;
        any = 1;
        const char *p = lr->buf + lr->pos;
        size_t avail = lr->end - lr->pos;
        const char *nl = memchr(p, '\n', avail);
        size_t take = nl ? (size_t)(nl - p) : avail;
        lr->pos += take + (nl != NULL);
        lr->last_bytes += take + (nl != NULL);
        ended = nl != NULL;
        if (*over)
            continue;
        if (kept + take > max) {
            *over = 1;
            out->n = start;
            continue;
        }
        sb_append(out, p, take);
        kept += take;
    }
    if (!any)
        return 0;
    if (!*over && kept && out->v[out->n - 1] == '\r')
        out->n--;
    return 1;
}
