/*
 * cyr_word.h - eight Cyrillic letters at once, for the tokenizer. Internal.
 *
 * In Ukrainian and Russian text most bytes are the two bytes of a Cyrillic letter,
 * and a loop of a letter a turn (a table entry, a bit test, a two-byte copy) costs
 * about twenty instructions a letter and a mispredicted exit a word. The letters
 * that matter are a block of code points whose case folding is byte arithmetic:
 * U+0400..U+045F, lead byte D0 or D1, the Russian alphabet and Ukrainian є і ї with
 * their capitals. Upper case U+0400..U+040F folds to U+0450..U+045F (+0x50),
 * U+0410..U+042F to U+0430..U+044F (+0x20), and lower case stays. Ё and ё (U+0401,
 * U+0451) are left out: they fold to е (fold.c), not by that rule; so are ґ Ґ
 * (U+0490, lead D2), everything after U+045F, apostrophes and combining marks - the
 * tokenizer's table loop takes those. test_token checks, for every code point of
 * U+0400..U+04FF, that what this accepts folds and classes exactly as the table says.
 *
 * Sixteen bytes are eight 16-bit lanes, lead byte low: a run that starts at a lead
 * byte keeps its characters in lanes as long as they are two bytes each, which is
 * all this accepts. SSE2 is in every x86-64; elsewhere the tokenizer keeps its loop
 * (TG_CYR_WORD_SIMD is 0).
 */
#ifndef TG_CYR_WORD_H
#define TG_CYR_WORD_H

#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#define TG_CYR_WORD_SIMD 1

/*
 * The letters of U+0400..U+045F but Ё ё from p, a character a 16-bit lane: reads
 * p[0..16), returns n, the count of such letters before the first other character
 * (8 when all are), and writes their folded bytes to out[0..2n) - and other bytes
 * to out[2n..16), so out needs room for sixteen. *upper and *lower get the bits
 * (bits 2i and 2i+1 for the i-th letter) of the upper- and lower-case ones among
 * the n; every one is a Cyrillic letter, so one of the two.
 */
static inline size_t tg_cyr_word_run(const unsigned char *p, char *out, unsigned *upper,
                                     unsigned *lower)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* lead D0 or D1 and a continuation byte (10xxxxxx) */
    __m128i two = _mm_cmpeq_epi16(_mm_and_si128(v, _mm_set1_epi16((short)0xC0FE)),
                                  _mm_set1_epi16((short)0x80D0));
    /* r = code point - 0x400: the lead's low bit and the continuation's six */
    __m128i r = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(v, _mm_set1_epi16(1)), 6),
                             _mm_and_si128(_mm_srli_epi16(v, 8), _mm_set1_epi16(0x3F)));
    /* The bounds through an empty asm: as constants GCC tests r < c as
     * min(r, c - 1) == r, a copy and two instructions where a compare is one. */
    __m128i c60 = _mm_set1_epi16(0x60), c30 = _mm_set1_epi16(0x30), c10 = _mm_set1_epi16(0x10);
    __asm__("" : "+x"(c60), "+x"(c30), "+x"(c10));
    __m128i below60 = _mm_cmplt_epi16(r, c60);
    __m128i yo = _mm_or_si128(_mm_cmpeq_epi16(r, _mm_set1_epi16(0x01)),
                              _mm_cmpeq_epi16(r, _mm_set1_epi16(0x51)));
    __m128i ok = _mm_andnot_si128(yo, _mm_and_si128(two, below60));
    __m128i up = _mm_cmplt_epi16(r, c30);
    __m128i below10 = _mm_cmplt_epi16(r, c10);
    /* +0x20 for all upper case, +0x30 more below U+0410 */
    __m128i f = _mm_add_epi16(r, _mm_add_epi16(_mm_and_si128(up, _mm_set1_epi16(0x20)),
                                               _mm_and_si128(below10, _mm_set1_epi16(0x30))));
    /* back to UTF-8: lead D0 | bit 6, continuation 80 | bits 0-5 */
    __m128i enc = _mm_or_si128(_mm_set1_epi16((short)0x80D0),
                               _mm_or_si128(_mm_srli_epi16(f, 6),
                                            _mm_slli_epi16(_mm_and_si128(f, _mm_set1_epi16(0x3F)), 8)));
    _mm_storeu_si128((__m128i *)(void *)out, enc);
    unsigned m = (unsigned)_mm_movemask_epi8(ok);
    unsigned in = m & ~(m + 1); /* the run of ones at the bottom of m */
    unsigned u = (unsigned)_mm_movemask_epi8(up) & in;
    *upper = u;
    *lower = in & ~u;
    return (size_t)__builtin_ctz(~m) >> 1; /* ~m has bit 16 set */
}
#else
#define TG_CYR_WORD_SIMD 0
#endif

#endif
