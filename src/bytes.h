/*
 * bytes.h - equality of short byte strings, inline. Internal.
 *
 * The strings compared on the hot paths (vocabulary words, rule literals) are a few
 * bytes long, where a library memcmp call costs more than the comparison. Words of
 * eight or four bytes, the last one overlapping, so no load leaves the n bytes; the
 * literals of a rule bucket often share a long prefix (a Cyrillic given name in each
 * of its cases), hence words rather than bytes.
 *
 * Also the little-endian loads that the word-at-a-time scans use (UTF-8 check,
 * record strings, the rules' literal keys), where the first byte must be the lowest,
 * and the big-endian ones of the rules' gram keys, where it must be the highest.
 */
#ifndef TG_BYTES_H
#define TG_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Eight bytes from p, the first in the low byte whatever the machine's order. */
static inline uint64_t tg_load_le64(const void *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

/* Four and two bytes likewise (the rules' literal keys). */
static inline uint32_t tg_load_le32(const void *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap32(w);
#endif
    return w;
}

static inline uint16_t tg_load_le16(const void *p)
{
    uint16_t w;
    memcpy(&w, p, 2);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap16(w);
#endif
    return w;
}

/* Four bytes from p, the first in the high byte (the rules' gram keys). */
static inline uint32_t tg_load_be32(const void *p)
{
    return __builtin_bswap32(tg_load_le32(p));
}

static inline int tg_bytes_equal(const void *pa, const void *pb, size_t n)
{
    const unsigned char *a = pa, *b = pb;
    if (n >= 8) {
        uint64_t x, y;
        for (size_t k = 0; k + 8 < n; k += 8) {
            memcpy(&x, a + k, 8);
            memcpy(&y, b + k, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        uint32_t x0, x1, y0, y1;
        memcpy(&x0, a, 4);
        memcpy(&y0, b, 4);
        memcpy(&x1, a + n - 4, 4);
        memcpy(&y1, b + n - 4, 4);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            return 0;
    return 1;
}

#endif
