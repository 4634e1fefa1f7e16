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
    /* lead D0 and a continuation byte (10xxxxxx), U+0400..U+043F; lead D1 and one
     * of 80..9F (100xxxxx), U+0440..U+045F */
    __m128i d0 = _mm_cmpeq_epi16(_mm_and_si128(v, _mm_set1_epi16((short)0xC0FF)),
                                 _mm_set1_epi16((short)0x80D0));
    __m128i d1 = _mm_cmpeq_epi16(_mm_and_si128(v, _mm_set1_epi16((short)0xE0FF)),
                                 _mm_set1_epi16((short)0x80D1));
    /*
     * The ranges are compared on the lanes as read, continuation byte high, not on
     * the code point: the lead then only splits D0 from D1, and a lane below
     * 0xB0D0 (signed: every lane with a continuation byte is negative, in the
     * order of its bytes) has a continuation byte below B0, whatever its lead.
     * So, with lead D0, U+0400..U+042F (upper case) are below 0xB0D0, U+0400..U+041F
     * below 0xA0D0 and U+0400..U+040F below 0x90D0. A pass is 44 instructions where
     * decoding the code point took 49 (cyr450: tg_tokenize_cyrillic 13.27M to
     * 12.73M). The bounds through an empty asm: as constants GCC tests w < c as
     * min(w, c - 1) == w, a copy and two instructions where a compare is one.
     */
    __m128i cb0 = _mm_set1_epi16((short)0xB0D0), ca0 = _mm_set1_epi16((short)0xA0D0),
            c90 = _mm_set1_epi16((short)0x90D0);
    __asm__("" : "+x"(cb0), "+x"(ca0), "+x"(c90));
    __m128i below_b0 = _mm_cmplt_epi16(v, cb0);
    __m128i below_a0 = _mm_cmplt_epi16(v, ca0);
    __m128i below_90 = _mm_cmplt_epi16(v, c90);
    __m128i yo = _mm_or_si128(_mm_cmpeq_epi16(v, _mm_set1_epi16((short)0x81D0)),
                              _mm_cmpeq_epi16(v, _mm_set1_epi16((short)0x91D1)));
    __m128i ok = _mm_andnot_si128(yo, _mm_or_si128(d0, d1));
    __m128i up = _mm_and_si128(d0, below_b0);
    /* The fold as one add to the lane (lead low): D0 A0..AF to D1 80..8F is 0xE001
     * (the lead + 1, the continuation - 0x20), D0 90..9F to D0 B0..BF 0x2000 more,
     * D0 80..8F to D1 90..9F 0xF001 more again (+0x1001 in all); lead D1 and D0
     * B0..BF stay. */
    __m128i delta = _mm_add_epi16(
        _mm_and_si128(below_b0, _mm_set1_epi16((short)0xE001)),
        _mm_add_epi16(_mm_and_si128(below_a0, _mm_set1_epi16((short)0x3FFF)),
                      _mm_and_si128(below_90, _mm_set1_epi16((short)0xF001))));
    _mm_storeu_si128((__m128i *)(void *)out, _mm_add_epi16(v, _mm_and_si128(d0, delta)));
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
