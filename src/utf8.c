/*
 * utf8.c - strict UTF-8 decoding.
 *
 * Strict because offsets are a contract: a decoder that accepted overlong forms or
 * surrogates would let two byte strings with different lengths mean the same text,
 * and byte_start/byte_end would no longer slice the input the way callers expect.
 *
 * tg_utf8_check runs over every input line and again over every document, so it
 * validates eight bytes at a time (check_window) as long as they hold only ASCII and
 * two-byte sequences, which is nearly all of English, Ukrainian and Russian text.
 * Any other window goes to the one-code-point decoder, which alone decides what is
 * invalid and where: the fast path only ever accepts, never rejects.
 *
 * Before the eight-byte loop, runs of pure ASCII are skipped 32 bytes at a time with
 * SSE2 (two loads, an OR and the high bits as a mask): the data files and English
 * input are long ASCII runs, and this costs a fifth of the instructions per byte of
 * the word loop. It too only accepts: a block with any high bit stops it, and the
 * word loop takes over at the same offset.
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


/* Does the window w (eight bytes, the first in the low byte) hold only ASCII and
 * two-byte sequences C2..DF 80..BF, given *carry (0x80 when the byte before the
 * window is such a lead still owed its continuation, else 0)? On yes, *carry is set
 * for the next window. Each mask marks a byte by its high bit. */
/* The end of the run of 32-byte ASCII blocks from i: i itself when the block at i
 * holds a byte >= 0x80 or fewer than 32 bytes are left. */
static inline size_t skip_ascii_blocks(const unsigned char *u, size_t len, size_t i)
{
#if defined(__SSE2__)
    while (len - i >= 32) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 16));
        if (_mm_movemask_epi8(_mm_or_si128(a, b)))
            break;
        i += 32;
    }
#else
    (void)u;
    (void)len;
#endif
    return i;
}

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

size_t tg_utf8_check(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (;;) {
        /* ASCII, 32 and then eight bytes at a time: most of English, and the loop
         * that must be tight. */
        i = skip_ascii_blocks(u, len, i);
        while (i + 8 <= len && !(tg_load_le64(u + i) & HIGH_BITS))
            i += 8;
        /* ASCII and two-byte sequences, until an ASCII window starts afresh. */
        uint64_t carry = 0;
        int ascii = 0;
        while (i + 8 <= len) {
            uint64_t w = tg_load_le64(u + i);
            if (!((w & HIGH_BITS) | carry)) {
                ascii = 1;
                break;
            }
            if (!check_window(w, &carry))
                break;
            i += 8;
        }
        if (ascii)
            continue;
        /* The window at i did not pass, or fewer than eight bytes are left: decode
         * from the start of the sequence in progress, through the first sequence
         * of three or four bytes (what fails a window of valid text: “, —, €) or
         * else to the end of that window, then go back to whole windows. */
        size_t stop = len - i > 8 ? i + 8 : len;
        i -= carry != 0;
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
