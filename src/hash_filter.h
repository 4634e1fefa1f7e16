/*
 * hash_filter.h - a Bloom filter of 64-bit hashes, one word per question. Internal.
 *
 * The matcher looks every text token up in its vocabulary, a table of megabytes that
 * the cache does not hold; more than half the tokens of news text are not there, and
 * most of those are rare words whose probe is a miss all the way to memory. This
 * filter answers "certainly not" for nearly all of them from 256 KiB, which stays
 * in cache. A key sets three bits of one 64-bit word (a register-blocked Bloom
 * filter), so a question is one load; the bits come from the hash the table
 * lookup needs anyway (tg_word_hash, word_hash.h). The size is fixed (the compiled
 * model checks it): 2^21 bits give 0.2% false positives at the default model's 75,000 words, 1.5% at the large
 * one's 175,000; any answer "maybe" is settled by the table, so a fuller filter is
 * slower, never wrong.
 */
#ifndef TG_HASH_FILTER_H
#define TG_HASH_FILTER_H

#include <stdint.h>

#define TG_HASH_FILTER_BITS (1u << 21)
#define TG_HASH_FILTER_WORDS (TG_HASH_FILTER_BITS / 64)

/* The bits of h: its word from the low bits, three bit numbers from the high ones. */
static inline uint64_t tg_hash_filter_bits(uint64_t h)
{
    return (1ULL << ((h >> 40) & 63)) | (1ULL << ((h >> 46) & 63)) |
           (1ULL << ((h >> 52) & 63));
}

static inline void tg_hash_filter_add(uint64_t *filter, uint64_t h)
{
    filter[h & (TG_HASH_FILTER_WORDS - 1)] |= tg_hash_filter_bits(h);
}

/* The word that holds h's bits: what to prefetch before asking about h. */
static inline const uint64_t *tg_hash_filter_word(const uint64_t *filter, uint64_t h)
{
    return &filter[h & (TG_HASH_FILTER_WORDS - 1)];
}

/* 0: no key with hash h was added. 1: maybe one was. */
static inline int tg_hash_filter_maybe(const uint64_t *filter, uint64_t h)
{
    uint64_t bits = tg_hash_filter_bits(h);
    return (filter[h & (TG_HASH_FILTER_WORDS - 1)] & bits) == bits;
}

#endif
