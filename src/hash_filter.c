/*
 * hash_filter.c - the bit patterns of the Bloom filter of hash_filter.h.
 *
 * A constant table, built by the compiler from a formula: pattern i sets bits taken
 * from the top of i times the golden ratio (Fibonacci hashing spreads consecutive
 * numbers over the whole range), three groups of six bits. A constant rather than a
 * table built at load: no global mutable state, nothing to initialise, and the bits
 * a compiled model's filters were written with (model_image.h) are fixed by the
 * source alone.
 */
#include "hash_filter.h"

#define MIX(i) ((uint64_t)(i) * 0x9e3779b97f4a7c15ULL)
#define P(i) ((1ULL << (MIX(i) >> 58)) | (1ULL << ((MIX(i) >> 52) & 63)) | (1ULL << ((MIX(i) >> 46) & 63)))
#define P4(i) P(i), P((i) + 1), P((i) + 2), P((i) + 3)
#define P16(i) P4(i), P4((i) + 4), P4((i) + 8), P4((i) + 12)
#define P64(i) P16(i), P16((i) + 16), P16((i) + 32), P16((i) + 48)
#define P256(i) P64(i), P64((i) + 64), P64((i) + 128), P64((i) + 192)

_Static_assert(TG_HASH_FILTER_PATTERNS == 1024, "the table below has 1024 entries");
const uint64_t tg_hash_filter_patterns[TG_HASH_FILTER_PATTERNS] = {
    P256(0), P256(256), P256(512), P256(768)};
