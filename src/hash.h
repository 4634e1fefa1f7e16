/*
 * hash.h - hashing and open-addressing tables. Internal.
 *
 * strmap interns byte strings to dense ids (0, 1, 2 ...): the gazetteer matcher
 * turns every token into an id once and then works with integers. u64map maps
 * 64-bit keys (trie edges: parent node and token id) to 32-bit values. The hash and
 * the two lookups are inline: the matcher makes them for every token and candidate.
 */
#ifndef TG_HASH_H
#define TG_HASH_H

#include "bytes.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define TG_NONE UINT32_MAX

static inline uint64_t tg_hash_mix(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    return x;
}

/* The last len < 8 bytes as a little-endian number, without a variable-length memcpy
 * (a call per token, since most tokens are shorter than eight bytes): two overlapping
 * loads for 4..7 bytes, three single bytes for 1..3. The value is the same as the
 * memcpy gave, so hashes do not change. */
static inline uint64_t tg_hash_tail(const unsigned char *p, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (len >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + len - 4, 4);
        return lo | (uint64_t)hi << (8 * (len - 4));
    }
    if (len == 0)
        return 0;
    return (uint64_t)p[0] | (uint64_t)p[len / 2] << (8 * (len / 2)) |
           (uint64_t)p[len - 1] << (8 * (len - 1));
#else
    uint64_t w = 0;
    memcpy(&w, p, len);
    return w;
#endif
}

/* The byte-string hash, inline for the table lookups below (a call per token
 * otherwise); tg_hash is the same function out of line. The value must never
 * change: the compiled model stores each string's hash beside it. */
static inline uint64_t tg_hash_inline(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (len * 0x100000001b3ULL);
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ tg_hash_mix(w)) * 0x100000001b3ULL;
        p += 8;
        len -= 8;
    }
    h ^= tg_hash_mix(tg_hash_tail(p, len) ^ ((uint64_t)len << 56));
    return tg_hash_mix(h);
}

uint64_t tg_hash(const void *data, size_t len);

/* A slot: the id and the low 32 bits of the hash. One 8-byte array instead of an id
 * array and a hash array: a probe reads one cache line, not two, which is what a
 * table far larger than the cache (the matcher's vocabulary) pays per token. The
 * low half holds every index bit (tables stay below 2^32 slots), so a table grows
 * without hashing its strings again; the bits above the index still tell most
 * strings of a probe apart before their bytes are compared. */
typedef struct tg_strslot {
    uint32_t id1;      /* id+1, 0 = empty */
    uint32_t tag;      /* tg_strslot_tag(hash) */
} tg_strslot;

static inline uint32_t tg_strslot_tag(uint64_t h) { return (uint32_t)h; }

typedef struct strmap {
    tg_strslot *slots;
    size_t mask;
    char *pool;        /* the strings, back to back */
    size_t pool_n, pool_cap;
    uint32_t *offs;    /* id -> offset in pool; offs[id+1]-offs[id] = length */
    size_t count, offs_cap;
} strmap;

int strmap_init(strmap *m);
/* For a map made per document: `slots` (rounded up to a power of two, at least 16)
 * rather than 1024, so that a short article does not pay for clearing 12 KB. */
int strmap_init_small(strmap *m, size_t slots);
void strmap_free(strmap *m);
/* The id of s, adding it when new; TG_NONE when out of memory. */
uint32_t strmap_intern(strmap *m, const char *s, size_t len);
/* The same, for a caller that has the hash already (h = tg_hash(s, len)). */
uint32_t strmap_intern_hashed(strmap *m, const char *s, size_t len, uint64_t h);

static inline const char *strmap_str(const strmap *m, uint32_t id, size_t *len)
{
    if (len)
        *len = m->offs[id + 1] - m->offs[id];
    return m->pool + m->offs[id];
}

/* The slot that holds s (hash h), or the empty slot where it would go. */
static inline size_t tg_strmap_slot(const strmap *m, const char *s, size_t len, uint64_t h)
{
    size_t i = h & m->mask;
    uint32_t tag = tg_strslot_tag(h);
    for (;;) {
        uint32_t id1 = m->slots[i].id1;
        if (!id1)
            return i;
        if (m->slots[i].tag == tag) {
            size_t n;
            const char *t = strmap_str(m, id1 - 1, &n);
            if (n == len && tg_bytes_equal(t, s, len))
                return i;
        }
        i = (i + 1) & m->mask;
    }
}

/* The id of s, or TG_NONE. Inline: the matcher asks for every token, and the
 * call cost a tenth of the lookup. */
static inline uint32_t strmap_get(const strmap *m, const char *s, size_t len)
{
    size_t i = tg_strmap_slot(m, s, len, tg_hash_inline(s, len));
    return m->slots[i].id1 - 1; /* TG_NONE for an empty slot */
}

typedef struct u64map {
    uint64_t *keys;    /* key+1, 0 = empty */
    uint32_t *vals;
    size_t mask, count;
} u64map;

int u64map_init(u64map *m);
void u64map_free(u64map *m);

/* The value of key, or TG_NONE. Inline: the trie walk asks per candidate. */
static inline uint32_t u64map_get(const u64map *m, uint64_t key)
{
    size_t i = tg_hash_mix(key) & m->mask;
    for (;;) {
        uint64_t k = m->keys[i];
        if (!k)
            return TG_NONE;
        if (k == key + 1)
            return m->vals[i];
        i = (i + 1) & m->mask;
    }
}
/* Set key to val; returns 0, -1 when out of memory. key must not be UINT64_MAX. */
int u64map_put(u64map *m, uint64_t key, uint32_t val);

#endif
