/*
 * strbuf.c - an append-only byte buffer.
 *
 * Allocation failure is sticky rather than returned from every append, so that
 * renderers stay readable: check `failed` (or sb_detach's NULL) once at the end.
 */
#include "strbuf.h"

#include "vec.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int reserve(strbuf *sb, size_t extra)
{
    if (sb->failed)
        return -1;
    if (tg_vec_grow((void **)&sb->v, &sb->cap, sb->n + extra + 1, 1)) {
        sb->failed = 1;
        return -1;
    }
    return 0;
}

void sb_append(strbuf *sb, const char *s, size_t n)
{
    if (reserve(sb, n))
        return;
    memcpy(sb->v + sb->n, s, n);
    sb->n += n;
}

void sb_puts(strbuf *sb, const char *s) { sb_append(sb, s, strlen(s)); }

void sb_putc(strbuf *sb, char c)
{
    if (reserve(sb, 1))
        return;
    sb->v[sb->n++] = c;
}

void sb_put_uint(strbuf *sb, size_t v)
{
    char buf[24];
    size_t i = sizeof buf;
    do
        buf[--i] = (char)('0' + v % 10);
    while (v /= 10);
    sb_append(sb, buf + i, sizeof buf - i);
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0 || reserve(sb, (size_t)need))
        return;
    va_start(ap, fmt);
    vsnprintf(sb->v + sb->n, (size_t)need + 1, fmt, ap);
    va_end(ap);
    sb->n += (size_t)need;
}

void sb_json_string(strbuf *sb, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if (reserve(sb, n + 2))
        return;
    sb->v[sb->n++] = '"';
    size_t run = 0; /* bytes copied verbatim in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        sb_append(sb, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': sb_append(sb, "\\\"", 2); break;
        case '\\': sb_append(sb, "\\\\", 2); break;
        case '\n': sb_append(sb, "\\n", 2); break;
        case '\r': sb_append(sb, "\\r", 2); break;
        case '\t': sb_append(sb, "\\t", 2); break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            sb_append(sb, esc, 6);
        }
        }
    }
    sb_append(sb, s + run, n - run);
    sb_putc(sb, '"');
}

char *sb_detach(strbuf *sb, size_t *len)
{
    if (reserve(sb, 0)) {
        sb_free(sb);
        return NULL;
    }
    sb->v[sb->n] = '\0';
    char *out = sb->v;
    if (len)
        *len = sb->n;
    sb->v = NULL;
    sb->n = sb->cap = 0;
    return out;
}

void sb_free(strbuf *sb)
{
    free(sb->v);
    sb->v = NULL;
    sb->n = sb->cap = 0;
    sb->failed = 0;
}
