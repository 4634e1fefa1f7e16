/* utf8.h - strict UTF-8 decoding, validation and repair. Internal.
 *
 * tg_utf8_put is inline: the tokenizer writes every folded non-ASCII code point
 * with it, and the work is a few instructions, less than the call. */
#ifndef TG_UTF8_H
#define TG_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the code point at s[*i] and advance *i past it. Returns the code point, or
 * -1 for an invalid sequence (overlong, surrogate, > U+10FFFF, truncated, stray
 * continuation byte), in which case *i advances by one byte. */
int32_t tg_utf8_next(const unsigned char *s, size_t len, size_t *i);

/* The byte offset of the first invalid sequence, or len when s is valid. */
size_t tg_utf8_check(const char *s, size_t len);

/* Write cp as UTF-8 into out (4 bytes room); returns the length. */
static inline size_t tg_utf8_put(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A malloc'd copy of s with each invalid sequence replaced by U+FFFD, NUL-terminated;
 * *out_len gets its length. NULL when out of memory. */
char *tg_utf8_repair(const char *s, size_t len, size_t *out_len);

#endif
