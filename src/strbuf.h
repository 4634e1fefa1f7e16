/* strbuf.h - an append-only byte buffer for building strings and JSON. Internal.
 *
 * The appends that run per JSON member (a byte, a short run, a literal) are inline
 * with only a capacity test before the copy; growing is the one call out. */
#ifndef TG_STRBUF_H
#define TG_STRBUF_H

#include <stddef.h>
#include <string.h>

typedef struct strbuf {
    char *v;
    size_t n, cap; /* cap is 0 once `failed` is set, so every append takes the slow path */
    int failed; /* set once an allocation failed; later appends do nothing */
} strbuf;

/* Grow to hold `extra` more bytes and a NUL: 0, or -1 (and `failed`) when out of memory. */
int sb_grow(strbuf *sb, size_t extra);

/* Room for `extra` more bytes (and a NUL after them): 0, or -1 when failed. */
static inline int sb_reserve(strbuf *sb, size_t extra)
{
    return sb->n + extra < sb->cap ? 0 : sb_grow(sb, extra);
}

static inline void sb_append(strbuf *sb, const char *s, size_t n)
{
    if (sb_reserve(sb, n))
        return;
    memcpy(sb->v + sb->n, s, n);
    sb->n += n;
}

/* A literal's length is known at compile time once this is inlined. */
static inline void sb_puts(strbuf *sb, const char *s) { sb_append(sb, s, strlen(s)); }

static inline void sb_putc(strbuf *sb, char c)
{
    if (sb_reserve(sb, 1))
        return;
    sb->v[sb->n++] = c;
}

void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append an unsigned number in decimal (what "%zu" prints, without printf's cost). */
void sb_put_uint(strbuf *sb, size_t v);
/* Append v as "%.3f" prints it, without printf's cost when v is a non-negative number
 * that is already rounded to thousandths (a tag's score); printf otherwise. */
void sb_put_fixed3(strbuf *sb, double v);
/* Append s as a JSON string literal, quotes included. Input must be valid UTF-8. */
void sb_json_string(strbuf *sb, const char *s, size_t n);
/* NUL-terminate and hand the bytes over; the buffer is left empty. NULL if failed. */
char *sb_detach(strbuf *sb, size_t *len);
void sb_free(strbuf *sb);

#endif
