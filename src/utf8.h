/* utf8.h - strict UTF-8 decoding, validation and repair. Internal.
 *
 * tg_utf8_put and the common cases of tg_utf8_next are inline: the tokenizer writes
 * every folded non-ASCII code point and decodes every input one, and the work is a
 * few instructions, less than the call. */
#ifndef TG_UTF8_H
#define TG_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* tg_utf8_next for what its inline part leaves: sequences of three and four bytes,
 * and every invalid one. Same contract as tg_utf8_next. */
int32_t tg_utf8_next_slow(const unsigned char *s, size_t len, size_t *i);

/* Decode the code point at s[*i] and advance *i past it. Returns the code point, or
 * -1 for an invalid sequence (overlong, surrogate, > U+10FFFF, truncated, stray
 * continuation byte), in which case *i advances by one byte.
 *
 * Inline for ASCII and the two-byte sequences C2..DF 80..BF (all of Cyrillic): the
 * tokenizer, the rule scan and the matcher decode every such character, and the
 * call cost more than the decoding. A two-byte sequence with a C2..DF lead is never
 * overlong (C0 and C1 are the overlong leads) and never a surrogate, so it needs no
 * range check. */
static inline int32_t tg_utf8_next(const unsigned char *s, size_t len, size_t *i)
{
    size_t p = *i;
    unsigned c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return (int32_t)c;
    }
    if (c - 0xC2u <= 0xDFu - 0xC2u && len - p >= 2 && (s[p + 1] & 0xC0u) == 0x80u) {
        *i = p + 2;
        return (int32_t)(((c & 0x1Fu) << 6) | (s[p + 1] & 0x3Fu));
    }
    return tg_utf8_next_slow(s, len, i);
}

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
