/* strbuf.h - an append-only byte buffer for building strings and JSON. Internal.
 *
 * The appends that run per JSON member (a byte, a short run, a literal) are inline
 * with only a capacity test before the copy; growing is the one call out. */
#ifndef TG_STRBUF_H
#define TG_STRBUF_H

#include "bytes.h"

#include <stddef.h>
#include <stdint.h>
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

/* The most bytes sb_uint_at writes: the digits of UINT64_MAX. */
#define SB_UINT_MAX 20

extern const char tg_digit_pairs[201];  /* "00" to "99" */
extern const uint64_t tg_pow10[20];     /* 10^0 to 10^19 */

/* The decimal digits of v: log10 of its bit length's power of two (1233 / 4096 is
 * log10 2 from below), one less when v is under that power of ten. v | 1 makes 0 a
 * one-digit number and changes no comparison with an even power of ten. */
static inline size_t sb_decimal_digits(uint64_t v)
{
    v |= 1;
    size_t t = (size_t)(64 - __builtin_clzll(v)) * 1233 >> 12;
    return t + (v >= tg_pow10[t]);
}

/* The four bytes of w at o, the low byte first whatever the machine's order. */
static inline void sb_store_le32(char *o, uint32_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap32(w);
#endif
    memcpy(o, &w, 4);
}

/* The four decimal digits of x < 10000, leading zeros included, as four bytes with
 * the first digit lowest: one division by 100 and two digit pairs. */
static inline uint32_t sb_four_digits(uint32_t x)
{
    uint32_t hi = x / 100, lo = x - hi * 100;
    return tg_load_le16(tg_digit_pairs + 2 * hi) |
           (uint32_t)tg_load_le16(tg_digit_pairs + 2 * lo) << 16;
}

/* x < 10000 at o without its leading zeros (one digit for 0): all four digits are
 * made and shifted down past the zeros, and four bytes stored, the ones past the
 * number being overwritten later or lying in the room the caller reserved. The
 * leading zeros are the low bytes that are '0': zero once '0' is xored away, the
 * last digit's byte made nonzero so that 0 keeps its one digit. */
static inline char *sb_small_uint_at(char *o, uint32_t x)
{
    uint32_t w = sb_four_digits(x);
    unsigned zeros = (unsigned)__builtin_ctz((w ^ 0x30303030u) | 1u << 24) >> 3;
    sb_store_le32(o, w >> (8 * zeros));
    return o + 4 - zeros;
}

/* Write v in decimal at o, which has room for SB_UINT_MAX bytes (it may store up to
 * that many even when v has fewer digits); returns the end. Inline for writers that
 * reserve once for several members and then write through a local pointer
 * (render_json's entity offsets): each append through the strbuf reloads its fields
 * after every byte stored, as a char store may alias them.
 *
 * The numbers written are token and byte offsets, nearly all under 10^8: in 32-bit
 * arithmetic, four digits per division by 10000 and two per division by 100, made
 * as one word and stored at once, with no count of digits beforehand beyond the
 * leading four. Larger values take the general loop: counted first, then written
 * from the last digit straight into place, two per division. */
static inline char *sb_uint_at(char *o, uint64_t v)
{
    _Static_assert(sizeof(size_t) <= sizeof(uint64_t), "SB_UINT_MAX digits hold any size_t");
    if (v < 10000)
        return sb_small_uint_at(o, (uint32_t)v);
    if (v < 100000000) {
        uint32_t x = (uint32_t)v, hi = x / 10000;
        o = sb_small_uint_at(o, hi);
        sb_store_le32(o, sb_four_digits(x - hi * 10000));
        return o + 4;
    }
    char *end = o + sb_decimal_digits(v);
    o = end;
    while (v >= 100) {
        uint64_t d = v % 100;
        v /= 100;
        o -= 2;
        memcpy(o, tg_digit_pairs + 2 * d, 2);
    }
    if (v >= 10)
        memcpy(o - 2, tg_digit_pairs + 2 * v, 2);
    else
        o[-1] = (char)('0' + v);
    return end;
}
/* Append v as "%.3f" prints it, without printf's cost when v is a non-negative number
 * that is already rounded to thousandths (a tag's score); printf otherwise. */
void sb_put_fixed3(strbuf *sb, double v);
/* Append s as a JSON string literal, quotes included. Input must be valid UTF-8. */
void sb_json_string(strbuf *sb, const char *s, size_t n);
/* NUL-terminate and hand the bytes over; the buffer is left empty. NULL if failed. */
char *sb_detach(strbuf *sb, size_t *len);
void sb_free(strbuf *sb);

#endif
