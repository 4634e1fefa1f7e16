/*
 * mul_fold.h - the 128-bit product of two 64-bit numbers, its high half xored onto its
 * low. Internal.
 *
 * One multiply mixes every bit of both operands into the middle of the product, and
 * the fold brings the high bits back down: the mixing step of the vocabulary's word
 * hash (word_hash.h) and of the compiled image's checksum (model_image.c). Where the
 * compiler has no 128-bit integers the same product is built from 32-bit halves, so
 * both give the same bits everywhere (an image written on one machine checks on
 * another).
 */
#ifndef TG_MUL_FOLD_H
#define TG_MUL_FOLD_H

#include <stdint.h>

static inline uint64_t tg_mul_fold(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
    unsigned __int128 p = (unsigned __int128)a * b;
    return (uint64_t)p ^ (uint64_t)(p >> 64);
#else
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    uint64_t lo = (mid << 32) | (uint32_t)ll;
    uint64_t hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    return lo ^ hi;
#endif
}

#endif
