/*
 * strbuf.c - an append-only byte buffer.
 *
 * Allocation failure is sticky rather than returned from every append, so that
 * renderers stay readable: check `failed` (or sb_detach's NULL) once at the end.
 *
 * The JSON escaper is on the hot path of every output record (some 140 strings a
 * document: ids, texts, types) and almost none of those strings need an escape, so
 * it tests sixteen bytes at a time with SSE2 (eight without) and stores each clean
 * chunk as soon as it is tested, in the same pass: no second pass to copy a run once
 * its end is found. Numbers are written straight into the buffer (strbuf.h).
 */
#include "strbuf.h"

#include "vec.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

int sb_grow(strbuf *sb, size_t extra)
{
    if (sb->failed)
        return -1;
    if (sb->n + extra + 1 <= sb->cap)
        return 0;
    if (tg_vec_grow((void **)&sb->v, &sb->cap, sb->n + extra + 1, 1)) {
        sb->failed = 1;
        sb->cap = 0; /* the inline capacity test now always fails into here */
        return -1;
    }
    return 0;
}

/* "00" to "99": two digits per division, half the divisions of one at a time. */
const char tg_digit_pairs[201] = "00010203040506070809101112131415161718192021222324"
                                 "25262728293031323334353637383940414243444546474849"
                                 "50515253545556575859606162636465666768697071727374"
                                 "75767778798081828384858687888990919293949596979899";

/* 10^k for k = 0..19: every power of ten a 64-bit value reaches. */
const uint64_t tg_pow10[20] = {1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u,
                               10000000u, 100000000u, 1000000000u, 10000000000u,
                               100000000000u, 1000000000000u, 10000000000000u,
                               100000000000000u, 1000000000000000u, 10000000000000000u,
                               100000000000000000u, 1000000000000000000u,
                               10000000000000000000u};

void sb_put_uint(strbuf *sb, size_t v)
{
    if (sb_reserve(sb, SB_UINT_MAX))
        return;
    sb->n = (size_t)(sb_uint_at(sb->v + sb->n, v) - sb->v);
}

void sb_put_fixed3(strbuf *sb, double v)
{
    /* When v is within a millionth of k/1000, the exact binary value is nowhere near
     * a rounding boundary of "%.3f" (those lie half a thousandth away), so printf
     * would print k's digits: write them directly. Anything else (negative, -0.0,
     * huge, NaN, not a multiple of 0.001) goes to printf. */
    if (v >= 0 && v < 1e12 && !signbit(v)) {
        double scaled = v * 1000;
        double k = floor(scaled + 0.5);
        if (fabs(scaled - k) < 1e-6) {
            uint64_t u = (uint64_t)k;
            char frac[4] = {'.', (char)('0' + u / 100 % 10), (char)('0' + u / 10 % 10),
                            (char)('0' + u % 10)};
            sb_put_uint(sb, (size_t)(u / 1000));
            sb_append(sb, frac, 4);
            return;
        }
    }
    sb_printf(sb, "%.3f", v);
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0 || sb_reserve(sb, (size_t)need))
        return;
    va_start(ap, fmt);
    vsnprintf(sb->v + sb->n, (size_t)need + 1, fmt, ap);
    va_end(ap);
    sb->n += (size_t)need;
}

/* Bytes JSON requires escaped: control characters, '"' and '\'. */
static const unsigned char NEEDS_ESCAPE[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1,
};

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Does any of the eight bytes of w need an escape? Exact as a yes/no answer: a byte
 * below 0x20 sets its high bit in w - 0x20.. only when its own high bit is clear, and
 * x ^ '"'.. has a zero byte exactly where w has a quote. */
static inline int word_needs_escape(uint64_t w)
{
    uint64_t lt = (w - ONES * 0x20) & ~w;
    uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');
    uint64_t zq = (q - ONES) & ~q, zb = (b - ONES) & ~b;
    return ((lt | zq | zb) & HIGHS) != 0;
}

/* sb_json_string for a string that holds an escape: the general loop. */
static __attribute__((noinline)) void json_string_escaped(strbuf *sb, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    /* Room for the quotes and every byte as it is; an escape reserves its extra. */
    if (sb_reserve(sb, n + 2))
        return;
    char *o = sb->v + sb->n;
    *o++ = '"';
    size_t i = 0;
    for (;;) {
        /* Eight bytes at a time while none needs an escape, each word tested and
         * stored in one go; the last bytes as one word that overlaps bytes already
         * stored (with the same bytes). A word that holds an escape, or a string
         * shorter than a word, goes byte by byte up to the escape. */
        uint64_t w;
        for (; i + 8 <= n; i += 8, o += 8) {
            memcpy(&w, s + i, 8);
            if (word_needs_escape(w))
                goto bytes;
            memcpy(o, &w, 8);
        }
        if (i < n && n >= 8) {
            memcpy(&w, s + n - 8, 8);
            if (!word_needs_escape(w)) {
                memcpy(o + (n - i) - 8, &w, 8);
                o += n - i;
                i = n;
            }
        }
    bytes:
        while (i < n && !NEEDS_ESCAPE[u[i]])
            *o++ = s[i++];
        if (i == n)
            break;
        unsigned char c = u[i++];
        /* Up to six bytes for this one, then the rest of s and the closing quote. */
        sb->n = (size_t)(o - sb->v);
        if (sb_reserve(sb, 6 + (n - i) + 1))
            return;
        o = sb->v + sb->n;
        switch (c) {
        case '"': o[0] = '\\', o[1] = '"', o += 2; break;
        case '\\': o[0] = '\\', o[1] = '\\', o += 2; break;
        case '\n': o[0] = '\\', o[1] = 'n', o += 2; break;
        case '\r': o[0] = '\\', o[1] = 'r', o += 2; break;
        case '\t': o[0] = '\\', o[1] = 't', o += 2; break;
        default:
            memcpy(o, "\\u00", 4);
            o[4] = hex[c >> 4];
            o[5] = hex[c & 15];
            o += 6;
        }
    }
    *o++ = '"';
    sb->n = (size_t)(o - sb->v);
}

#if defined(__SSE2__)
/* The bytes of v that need an escape, one bit each (movemask order): '"', '\\' and
 * the control characters, v <= 0x1F being min(v, 0x1F) == v unsigned. (record_scan's
 * x = v ^ 2 form, one operation less, measured no better on these short strings.) */
static inline unsigned escape_bits(__m128i v)
{
    __m128i q = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    __m128i b = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    __m128i c = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(q, b), c));
}
#endif

/* word_needs_escape for the short strings' word, the same answer: with SSE2 as one
 * vector test of its eight bytes (the lanes above them, zero, are masked off). The
 * word form's five 64-bit constants made sb_json_string save and restore five
 * registers for a string under eight bytes (en2k: 36,000 of its 87,000 strings, some
 * 45 instructions each, now some 20). */
static inline int short_needs_escape(uint64_t w)
{
#if defined(__SSE2__)
    return (escape_bits(_mm_loadl_epi64((const __m128i *)(const void *)&w)) & 0xFF) != 0;
#else
    return word_needs_escape(w);
#endif
}

void sb_json_string(strbuf *sb, const char *s, size_t n)
{
    /* Nearly every string needs no escape: its bytes are tested and stored in as few
     * loads as cover them, none outside s[0..n) (the last load overlapping the one
     * before; a short string as one word made of its first and last four bytes, or of
     * its first, middle and last byte and filler), and only a string with an escape
     * goes to the general loop, which starts over. Out of line, that loop leaves this
     * path without the register saves its calls would need. With SSE2 (every x86-64)
     * sixteen bytes are tested at once, and a string of 8 to 16 bytes, the usual
     * entity text, id or type, is one test of its first and last eight. A buffer
     * without room goes to the general loop too, which grows it: with every way out
     * a tail call, this path saves and restores no registers. */
    if (sb->n + n + 2 >= sb->cap)
        goto escaped;
    char *o = sb->v + sb->n + 1; /* after the opening quote */
    uint64_t w;
#if defined(__SSE2__)
    if (n > 16) {
        for (size_t i = 0; i + 16 < n; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            if (escape_bits(v))
                goto escaped;
            _mm_storeu_si128((__m128i *)(void *)(o + i), v);
        }
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
        if (escape_bits(v))
            goto escaped;
        _mm_storeu_si128((__m128i *)(void *)(o + n - 16), v);
    } else if (n >= 8) {
        __m128i a = _mm_loadl_epi64((const __m128i *)(const void *)s);
        __m128i b = _mm_loadl_epi64((const __m128i *)(const void *)(s + n - 8));
        if (escape_bits(_mm_unpacklo_epi64(a, b)))
            goto escaped;
        _mm_storel_epi64((__m128i *)(void *)o, a);
        _mm_storel_epi64((__m128i *)(void *)(o + n - 8), b);
    } else
#else
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&w, s + i, 8);
            if (word_needs_escape(w))
                goto escaped;
            memcpy(o + i, &w, 8);
        }
        memcpy(&w, s + n - 8, 8);
        if (word_needs_escape(w))
            goto escaped;
        memcpy(o + n - 8, &w, 8);
    } else
#endif
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        if (short_needs_escape((uint64_t)a | (uint64_t)b << 32))
            goto escaped;
        memcpy(o, &a, 4);
        memcpy(o + n - 4, &b, 4);
    } else if (n) {
        const unsigned char *u = (const unsigned char *)s;
        w = u[0] | (uint32_t)u[n >> 1] << 8 | (uint32_t)u[n - 1] << 16 | (ONES * 'a') << 24;
        if (short_needs_escape(w))
            goto escaped;
        o[0] = s[0];
        o[n >> 1] = s[n >> 1];
        o[n - 1] = s[n - 1];
    }
    o[-1] = '"';
    o[n] = '"';
    sb->n += n + 2;
    return;
escaped:
    json_string_escaped(sb, s, n);
}

char *sb_detach(strbuf *sb, size_t *len)
{
    if (sb_reserve(sb, 0)) {
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
