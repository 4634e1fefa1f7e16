/*
 * strbuf.c - an append-only byte buffer.
 *
 * Allocation failure is sticky rather than returned from every append, so that
 * renderers stay readable: check `failed` (or sb_detach's NULL) once at the end.
 *
 * The JSON escaper is on the hot path of every output record (some 140 strings a
 * document: ids, texts, types) and almost none of those strings need an escape, so
 * it finds the next byte that does eight bytes at a time and copies each run
 * between such bytes with one memcpy.
 */
#include "strbuf.h"

#include "vec.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

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

/* Copy n bytes with fixed-size moves, cheaper than a call to memcpy for the short
 * runs here: whole words, and the rest as two overlapping moves of 4, 2 or 1. */
static inline void copy_short(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        memcpy(dst + i, src + i, 8);
    size_t r = n - i;
    if (r && n >= 8) {
        memcpy(dst + n - 8, src + n - 8, 8);
    } else if (r >= 4) {
        memcpy(dst + i, src + i, 4);
        memcpy(dst + n - 4, src + n - 4, 4);
    } else if (r >= 2) {
        memcpy(dst + i, src + i, 2);
        memcpy(dst + n - 2, src + n - 2, 2);
    } else if (r) {
        dst[i] = src[i];
    }
}

/* "00" to "99": two digits per division, half the divisions of one at a time. */
static const char DIGIT_PAIRS[201] = "00010203040506070809101112131415161718192021222324"
                                     "25262728293031323334353637383940414243444546474849"
                                     "50515253545556575859606162636465666768697071727374"
                                     "75767778798081828384858687888990919293949596979899";

void sb_put_uint(strbuf *sb, size_t v)
{
    /* Written from the last digit into a scratch array, then copied: no pass to count
     * the digits first. 20 digits hold any 64-bit value. The numbers written per
     * entity (offsets) have three to six digits. */
    char tmp[20];
    char *end = tmp + sizeof tmp, *o = end;
    while (v >= 100) {
        size_t d = v % 100;
        v /= 100;
        o -= 2;
        memcpy(o, DIGIT_PAIRS + 2 * d, 2);
    }
    if (v >= 10) {
        o -= 2;
        memcpy(o, DIGIT_PAIRS + 2 * v, 2);
    } else {
        *--o = (char)('0' + v);
    }
    size_t digits = (size_t)(end - o);
    if (sb_reserve(sb, digits))
        return;
    copy_short(sb->v + sb->n, o, digits);
    sb->n += digits;
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

/* The first index from i on whose byte needs an escape, or n. */
static inline size_t next_escape(const unsigned char *s, size_t i, size_t n)
{
    uint64_t w;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        if (word_needs_escape(w))
            goto bytes;
    }
    /* The last bytes: one word that overlaps ones already passed, when there is one. */
    if (i < n && n >= 8) {
        memcpy(&w, s + n - 8, 8);
        if (!word_needs_escape(w))
            return n;
    }
bytes:
    while (i < n && !NEEDS_ESCAPE[s[i]])
        i++;
    return i;
}

void sb_json_string(strbuf *sb, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    /* Room for the quotes and every byte as it is; an escape reserves its extra. */
    if (sb_reserve(sb, n + 2))
        return;
    sb->v[sb->n++] = '"';
    size_t i = 0;
    for (;;) {
        size_t run = i;
        i = next_escape(u, i, n);
        copy_short(sb->v + sb->n, s + run, i - run);
        sb->n += i - run;
        if (i == n)
            break;
        unsigned char c = u[i++];
        /* Up to six bytes for this one, then the rest of s and the closing quote. */
        if (sb_reserve(sb, 6 + (n - i) + 1))
            return;
        char *o = sb->v + sb->n;
        switch (c) {
        case '"': o[0] = '\\', o[1] = '"', sb->n += 2; break;
        case '\\': o[0] = '\\', o[1] = '\\', sb->n += 2; break;
        case '\n': o[0] = '\\', o[1] = 'n', sb->n += 2; break;
        case '\r': o[0] = '\\', o[1] = 'r', sb->n += 2; break;
        case '\t': o[0] = '\\', o[1] = 't', sb->n += 2; break;
        default:
            memcpy(o, "\\u00", 4);
            o[4] = hex[c >> 4];
            o[5] = hex[c & 15];
            sb->n += 6;
        }
    }
    sb->v[sb->n++] = '"';
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
