/* strbuf.h - an append-only byte buffer for building strings and JSON. Internal. */
#ifndef TG_STRBUF_H
#define TG_STRBUF_H

#include <stddef.h>

typedef struct strbuf {
    char *v;
    size_t n, cap;
    int failed; /* set once an allocation failed; later appends do nothing */
} strbuf;

void sb_append(strbuf *sb, const char *s, size_t n);
void sb_puts(strbuf *sb, const char *s);
void sb_putc(strbuf *sb, char c);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append an unsigned number in decimal (what "%zu" prints, without printf's cost). */
void sb_put_uint(strbuf *sb, size_t v);
/* Append s as a JSON string literal, quotes included. Input must be valid UTF-8. */
void sb_json_string(strbuf *sb, const char *s, size_t n);
/* NUL-terminate and hand the bytes over; the buffer is left empty. NULL if failed. */
char *sb_detach(strbuf *sb, size_t *len);
void sb_free(strbuf *sb);

#endif
