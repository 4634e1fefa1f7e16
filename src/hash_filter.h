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
 * model checks it). Measured on random keys (eighth session), 2^21 bits give 0.5%
 * false positives at the default model's 75,000 words and 100,000 trie edges (0.75%
 * for the edges), 2.0% at the large one's 175,000 words and 3.9% at its 245,000
 * edges. Any answer "maybe" is settled by the table, so a fuller filter is slower,
 * never wrong; sized to the large model the filters would save under 0.2% and no
 * longer fit in L2 together.
 */
#ifndef TG_HASH_FILTER_H
#define TG_HASH_FILTER_H

#include <stdint.h>

#define TG_HASH_FILTER_BITS (1u << 21)
#define TG_HASH_FILTER_WORDS (TG_HASH_FILTER_BITS / 64)

/* The bit patterns a key may set in its word: 1024 words of three bits each (two
 * where two bit numbers coincide), hash_filter.c. */
#define TG_HASH_FILTER_PATTERNS 1024
extern const uint64_t tg_hash_filter_patterns[TG_HASH_FILTER_PATTERNS];

/* The bits of h: its word from the low bits, its pattern from the ten highest. A
 * lookup in an 8 KiB table, where building three bits from three shifts by a
 * variable amount took fifteen instructions (x86 shifts by the cl register only,
 * before BMI2), on every token of every text. With fewer patterns than the 2^18 the
 * shifts could make, two keys of one word share one now and then: false positives
 * 0.43% -> 0.75% at the default model's edges, 3.2% -> 3.9% at the large one's. It
 * saves 1.5% of the instructions and costs ~0.4M more first-level cache misses on
 * 2000 English news records; wall time showed no difference either way. The top
 * bits need no mask after the shift: one instruction fewer a question, some 1.2M
 * questions on those records (image format 20). */
_Static_assert(TG_HASH_FILTER_PATTERNS == 1024, "the pattern is the hash's top ten bits");
static inline uint64_t tg_hash_filter_bits(uint64_t h)
{
    return tg_hash_filter_patterns[h >> 54];
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
