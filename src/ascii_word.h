/*
 * ascii_word.h - sixteen bytes of an ASCII word at once, for the tokenizer. Internal.
 *
 * Most of the bytes of a text are ASCII letters inside words, and a word's end
 * comes after a length nothing predicts: a loop of a byte a turn pays a mispredicted
 * exit for nearly every word (a third of the tokenizer's time). Here the word
 * characters of sixteen bytes are found by compares ([A-Za-z0-9] are ASCII's word
 * characters, and A-Z fold to a-z: test_token checks the fold table says so), so a
 * word of up to fifteen more bytes costs one predictable pass. An earlier try eight
 * bytes at a time in general registers (SWAR) took more instructions than it saved.
 * SSE2 is in every x86-64; elsewhere the tokenizer keeps its byte loop
 * (TG_ASCII_WORD_SIMD is 0).
 */
#ifndef TG_ASCII_WORD_H
#define TG_ASCII_WORD_H

#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#define TG_ASCII_WORD_SIMD 1

/* 0xFF in each byte of v in [lo, hi]: an unsigned range test by a wrap into the
 * bottom of the signed range, as SSE2 has only signed compares. */
static inline __m128i tg_ascii_in_range(__m128i v, unsigned char lo, unsigned char hi)
{
    __m128i t = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - lo)));
    return _mm_cmplt_epi8(t, _mm_set1_epi8((char)(-128 + (hi - lo) + 1)));
}

/*
 * The sixteen bytes at p as vectors for the masks below: `v` as read, `low` with
 * bit 0x20 set in every byte, which is how ASCII word characters fold (A-Z to a-z;
 * a-z and 0-9 have the bit already); `low` is also written to out[0..16), so out
 * needs room for sixteen. Each mask is computed where it is asked for, so that a
 * caller pays only for the ones it uses.
 */
typedef struct tg_ascii_block {
    __m128i v, low;
} tg_ascii_block;

static inline tg_ascii_block tg_ascii_load(const unsigned char *p, char *out)
{
    tg_ascii_block b;
    b.v = _mm_loadu_si128((const __m128i *)(const void *)p);
    b.low = _mm_or_si128(b.v, _mm_set1_epi8(0x20));
    _mm_storeu_si128((__m128i *)(void *)out, b.low);
    return b;
}

/* The bits (bit i for p[i]) of the word characters [A-Za-z0-9], of the letters, of
 * the lower-case letters, of the spaces, and of the bytes with bit 0x20 set: for a
 * letter that bit is its case (set for lower). */
static inline unsigned tg_ascii_word_bits(tg_ascii_block b)
{
    return (unsigned)_mm_movemask_epi8(
        _mm_or_si128(tg_ascii_in_range(b.low, 'a', 'z'), tg_ascii_in_range(b.v, '0', '9')));
}

static inline unsigned tg_ascii_letter_bits(tg_ascii_block b)
{
    return (unsigned)_mm_movemask_epi8(tg_ascii_in_range(b.low, 'a', 'z'));
}

static inline unsigned tg_ascii_lower_bits(tg_ascii_block b)
{
    return (unsigned)_mm_movemask_epi8(tg_ascii_in_range(b.v, 'a', 'z'));
}

/* The bits of the spaces (' ' only). */
static inline unsigned tg_ascii_space_bits(tg_ascii_block b)
{
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b.v, _mm_set1_epi8(' ')));
}

static inline unsigned tg_ascii_case_bits(tg_ascii_block b)
{
    /* bit 5 of each byte moved to bit 7: a 16-bit shift does not carry into it */
    return (unsigned)_mm_movemask_epi8(_mm_slli_epi16(b.v, 2));
}

/*
 * The ASCII word characters from p: reads p[0..16), returns k, the count of word
 * characters [A-Za-z0-9] before the first other byte (16 when all are), and writes
 * their folded bytes to out[0..k) - and other bytes to out[k..16), so out needs room
 * for sixteen. Of those k characters, *upper, *lower and *digit get the bits (bit i
 * for p[i]) of the upper-case letters, the lower-case letters and the digits.
 */
static inline size_t tg_ascii_word_run(const unsigned char *p, char *out, unsigned *upper,
                                       unsigned *lower, unsigned *digit)
{
    tg_ascii_block b = tg_ascii_load(p, out);
    unsigned w = tg_ascii_word_bits(b), l = tg_ascii_letter_bits(b), c = tg_ascii_case_bits(b);
    unsigned in = w & ~(w + 1); /* the run of ones at the bottom of w */
    *upper = l & ~c & in;
    *lower = l & c & in;
    *digit = (w ^ l) & in;
    return (size_t)__builtin_ctz(~w); /* ~w has bit 16 set */
}
#else
#define TG_ASCII_WORD_SIMD 0
#endif

#endif
