/*
 * utf8.c - strict UTF-8 decoding.
 *
 * Strict because offsets are a contract: a decoder that accepted overlong forms or
 * surrogates would let two byte strings with different lengths mean the same text,
 * and byte_start/byte_end would no longer slice the input the way callers expect.
 */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

int32_t tg_utf8_next(const unsigned char *s, size_t len, size_t *i)
{
    size_t p = *i;
    unsigned c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return (int32_t)c;
    }
    int need;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1; cp = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; cp = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; cp = c & 0x07; min = 0x10000;
    } else {
        *i = p + 1;
        return -1;
    }
    if (len - p <= (size_t)need) {
        *i = p + 1;
        return -1;
    }
    for (int k = 1; k <= need; k++) {
        unsigned cc = s[p + k];
        if ((cc & 0xC0) != 0x80) {
            *i = p + 1;
            return -1;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = p + 1;
        return -1;
    }
    *i = p + 1 + (size_t)need;
    return (int32_t)cp;
}

size_t tg_utf8_check(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* Fast path over ASCII, eight bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        size_t at = i;
        if (tg_utf8_next(u, len, &i) < 0)
            return at;
    }
    return len;
}

size_t tg_utf8_put(uint32_t cp, char *out)
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

char *tg_utf8_repair(const char *s, size_t len, size_t *out_len)
{
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = malloc(len * 3 + 1); /* each bad byte grows to 3 at most */
    if (!out)
        return NULL;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n = 0;
    while (i < len) {
        size_t at = i;
        int32_t cp = tg_utf8_next(u, len, &i);
        if (cp < 0) {
            n += tg_utf8_put(0xFFFD, out + n);
        } else {
            memcpy(out + n, s + at, i - at);
            n += i - at;
        }
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}
