/*
 * utf8.c - strict UTF-8 decoding.
 *
 * Strict because offsets are a contract: a decoder that accepted overlong forms or
 * surrogates would let two byte strings with different lengths mean the same text,
 * and byte_start/byte_end would no longer slice the input the way callers expect.
 *
 * tg_utf8_check runs over every input line and again over every data file, so it
 * validates whole blocks as long as they hold only ASCII and two-byte sequences,
 * which is nearly all of English, Ukrainian and Russian text (skip_valid_blocks).
 * With SSE2 that is 32 bytes a pass: an OR and a mask when all are ASCII (most of
 * English and of the data files), else three compares and three masks for each
 * sixteen bytes - about 1.5 instructions a byte of Cyrillic, where the eight-byte
 * arithmetic of check_window took about ten (2.24 MB of Cyrillic news: 9.8M
 * instructions to 3.2M). Without SSE2, check_window it is. Where a block fails, the
 * one-code-point decoder takes over from the sequence that failed it, and it alone
 * decides what is invalid and where: the block loops only ever accept, never
 * reject, and they stop at a sequence boundary.
 */
#include "utf8.h"

#include "bytes.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

int32_t tg_utf8_next_slow(const unsigned char *s, size_t len, size_t *i)
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

#define HIGH_BITS 0x8080808080808080ULL

#if defined(__SSE2__)
/* Whether the sixteen bytes x at p hold only ASCII and two-byte sequences C2..DF
 * 80..BF, given *carry (1 when the byte before p is a lead owed its continuation):
 * NULL when they do, and *carry is set for the next block; else where the decoder
 * must start, a sequence boundary with only valid sequences before it.
 *
 * As signed bytes, continuations 80..BF are the ones below -64, and the leads C2..DF,
 * moved down by 0x42, the ones below -98 (0x9E). Each mask has a byte's bit. Valid
 * when every byte >= 0x80 is one of the two, and the continuations are exactly the
 * bytes after leads. */
static inline const unsigned char *block_stop(const unsigned char *p, __m128i x,
                                              unsigned *carry)
{
    unsigned high = (unsigned)_mm_movemask_epi8(x);
    unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8(-64)));
    unsigned lead = (unsigned)_mm_movemask_epi8(
        _mm_cmplt_epi8(_mm_sub_epi8(x, _mm_set1_epi8(0x42)), _mm_set1_epi8(-98)));
    /* Bits 0..15 of d: continuations not after a lead, or leads not before one;
     * bit 16: the last byte is a lead, owed by the next block. */
    unsigned d = ((lead << 1) | *carry) ^ cont;
    if ((cont | lead) == high && !(uint16_t)d) {
        *carry = d >> 16;
        return NULL;
    }
    /* Every byte before the first bad one, k, is valid, but for a lead just before
     * it (owed a continuation that is not there): the stop is k or that lead. So the
     * decoder starts at the sequence that stopped the block, not at the block's
     * start (English: a run of ASCII, then ’). */
    unsigned bad = (high & ~(cont | lead)) | (d & 0xFFFFu);
    unsigned k = (unsigned)__builtin_ctz(bad);
    return p + k - (k ? (lead >> (k - 1)) & 1u : *carry);
}
#else
/* Does the window w (eight bytes, the first in the low byte) hold only ASCII and
 * two-byte sequences C2..DF 80..BF, given *carry (0x80 when the byte before the
 * window is such a lead still owed its continuation, else 0)? On yes, *carry is set
 * for the next window. Each mask marks a byte by its high bit. */
static int check_window(uint64_t w, uint64_t *carry)
{
    uint64_t high = w & HIGH_BITS;  /* 1xxxxxxx */
    uint64_t bit6 = (w << 1) & HIGH_BITS;
    uint64_t bit5 = (w << 2) & HIGH_BITS;
    uint64_t lead = high & bit6;    /* 11xxxxxx */
    uint64_t cont = high & ~bit6;   /* 10xxxxxx */
    /* Bits 4..1 not all zero; all zero in a lead means C0 or C1, an overlong form.
     * Each byte's sum stays below 0x100, so nothing carries into the next byte. */
    uint64_t not_c0 = ((w & 0x1E1E1E1E1E1E1E1EULL) + 0x7E7E7E7E7E7E7E7EULL) & HIGH_BITS;
    /* Every lead C2..DF (not 111xxxxx, not C0/C1), and the continuation bytes exactly
     * those right after a lead. */
    if ((lead & (bit5 | ~not_c0)) || cont != ((lead << 8) | *carry))
        return 0;
    *carry = lead >> 56;
    return 1;
}
#endif

/* The end of the run of blocks from i that hold only ASCII and two-byte sequences
 * C2..DF 80..BF, a sequence boundary with only valid sequences before it: where the
 * decoder must start. With SSE2, 32 bytes a pass: when all are ASCII (most of
 * English, and the spaces and Latin between Cyrillic words), an OR and a mask; else
 * each sixteen by block_stop; near the end of the text, one block of sixteen.
 * Without SSE2, eight bytes a pass by 64-bit arithmetic (check_window). */
static inline size_t skip_valid_blocks(const unsigned char *u, size_t len, size_t i)
{
#if defined(__SSE2__)
    unsigned carry = 0; /* 1 when the byte before p is a lead owed its continuation */
    const unsigned char *p = u + i, *stop;
    if (len - i >= 32) {
        const unsigned char *const last = u + len - 32;
        do {
            __m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
            __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
            if ((unsigned)_mm_movemask_epi8(_mm_or_si128(a, b)) | carry) {
                if ((stop = block_stop(p, a, &carry)) || (stop = block_stop(p + 16, b, &carry)))
                    return (size_t)(stop - u);
            }
            p += 32;
        } while (p <= last);
    }
    if ((size_t)(u + len - p) >= 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
        if ((stop = block_stop(p, a, &carry)))
            return (size_t)(stop - u);
        p += 16;
    }
    return (size_t)(p - u) - carry;
#else
    uint64_t carry = 0;
    while (len - i >= 8 && check_window(tg_load_le64(u + i), &carry))
        i += 8;
    return i - (carry != 0);
#endif
}

size_t tg_utf8_check(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (;;) {
        /* Whole blocks of ASCII and two-byte sequences: the loop that must be
         * tight. */
        i = skip_valid_blocks(u, len, i);
        /* The sequence at i stopped the block loop, or it is near the end of the
         * text: decode from i, a sequence boundary, through the first sequence of
         * three or four bytes (what stops a block of valid text: “, —, €) or else
         * through sixteen bytes, or to the end when fewer are left; then go back to
         * whole blocks. */
        size_t stop = len - i > 16 ? i + 16 : len;
        while (i < stop) {
            size_t at = i;
            if (u[i] < 0x80) {
                i++;
            } else if (tg_utf8_next(u, len, &i) < 0) {
                return at;
            } else if (i - at > 2) {
                break;
            }
        }
        if (i >= len)
            return len;
    }
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
