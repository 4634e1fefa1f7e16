/*
 * word_hash.h - the hash of the matcher's vocabulary (and its Bloom filter). Internal.
 *
 * The matcher hashes every text token, ~0.9 million on 2,000 English news articles,
 * and nine in ten are at most eight bytes long. tg_hash (hash.h) spends two full
 * mixes and a three-way branch on the length (1..3, 4..7, 8+ bytes, taken at random
 * in text) per token: half the cost of a lookup. This hash is cheaper where text is:
 *
 *   - a word of 1..8 bytes is one 64-bit value, read with one load ending at its
 *     last byte (tg_word_hash_at: the token's bytes sit in the tokenizer's buffer
 *     after the tokens before it, so the eight bytes before its end are there to
 *     read), then one mix: no branch on the length;
 *   - a longer word is mixed a word at a time, its last eight bytes overlapping.
 *
 * The mix is one 64 x 64 -> 128-bit multiply by a constant, its halves xored (the
 * "mum" of wyhash): one multiply instruction and a xor, where two rounds of
 * multiply-shift-xor took nine instructions in a chain of two multiplies, on every
 * token of every text. Every bit of the result depends on every bit of the input,
 * the low ones (table slot, filter word) through the high half and the high ones
 * (the filter's bit numbers) through both. Unlike the rounds it is not a bijection,
 * so two words may share a hash; every lookup compares the bytes anyway. Only the
 * vocabulary uses it (its
 * strmap is given the hash: strmap_intern_hashed, tg_strmap_slot); tg_hash stays what
 * the other tables and the scorer's order rely on. The compiled model stores slots
 * placed by this hash and the filter bits it sets: changing it needs a new image
 * format (model_image.h).
 */
#ifndef TG_WORD_HASH_H
#define TG_WORD_HASH_H

#include "bytes.h"
#include "hash.h"
#include "mul_fold.h"

#include <stddef.h>
#include <stdint.h>

/* The 128-bit product of x and a constant, its high half xored onto its low. */
static inline uint64_t tg_word_hash_mix(uint64_t x)
{
    return tg_mul_fold(x, 0x9e3779b97f4a7c15ULL);
}

/* A word of len > 16 bytes: each eight, the last eight overlapping the one before.
 * Out of line: few words are this long, and inlined in the matcher's loop over the
 * tokens it took the registers of the loop's own values. */
static __attribute__((noinline, unused)) uint64_t tg_word_hash_longer(const unsigned char *p,
                                                                      size_t len)
{
    uint64_t h = len;
    for (size_t k = 0; k + 8 < len; k += 8)
        h = tg_word_hash_mix(h ^ tg_load_le64(p + k));
    return tg_word_hash_mix(h ^ tg_load_le64(p + len - 8) ^ 0x5851f42d4c957f2dULL);
}

/* A word of len > 8 bytes, as tg_word_hash_longer mixes it. Most long words (Cyrillic
 * ones of five to eight letters, inflection keys) are nine to sixteen bytes: the first
 * eight and the last eight, two mixes in a row with no loop - in a loop GCC passed the
 * 128-bit product through the stack, three moves a mix. */
static inline uint64_t tg_word_hash_long(const unsigned char *p, size_t len)
{
    if (len > 16)
        return tg_word_hash_longer(p, len);
    uint64_t h = tg_word_hash_mix(len ^ tg_load_le64(p));
    return tg_word_hash_mix(h ^ tg_load_le64(p + len - 8) ^ 0x5851f42d4c957f2dULL);
}

/* The hash of the len bytes at s, wherever they are. */
static inline uint64_t tg_word_hash(const void *s, size_t len)
{
    const unsigned char *p = s;
    if (len > 8)
        return tg_word_hash_long(p, len);
    uint64_t w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    w = len == 8 ? tg_load_le64(p) : tg_hash_tail(p, len);
#else
    for (size_t k = 0; k < len; k++) /* tg_hash_tail is in the machine's order */
        w |= (uint64_t)p[k] << (8 * k);
#endif
    return tg_word_hash_mix(w ^ len);
}

/* The same value for the len bytes at buf + off, where the bytes of buf before them
 * may be read: one load of the eight bytes ending at the last, shifted down, for
 * every length 1..8 once off + len >= 8. */
static inline uint64_t tg_word_hash_at(const char *buf, size_t off, size_t len)
{
    if (len - 1 < 8 && off + len >= 8) {
        uint64_t w = tg_load_le64(buf + off + len - 8) >> (64 - 8 * len);
        return tg_word_hash_mix(w ^ len);
    }
    return tg_word_hash(buf + off, len);
}

#endif
