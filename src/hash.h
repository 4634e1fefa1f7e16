/*
 * hash.h - hashing and open-addressing tables. Internal.
 *
 * strmap interns byte strings to dense ids (0, 1, 2 ...): the gazetteer matcher
 * turns every token into an id once and then works with integers. u64map maps
 * 64-bit keys (trie edges: parent node and token id) to 32-bit values.
 */
#ifndef TG_HASH_H
#define TG_HASH_H

#include <stddef.h>
#include <stdint.h>

#define TG_NONE UINT32_MAX

uint64_t tg_hash(const void *data, size_t len);

typedef struct strmap {
    uint32_t *slots;   /* id+1, 0 = empty */
    uint64_t *hashes;  /* per slot */
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
/* The id of s, or TG_NONE. */
uint32_t strmap_get(const strmap *m, const char *s, size_t len);
/* The id of s, adding it when new; TG_NONE when out of memory. */
uint32_t strmap_intern(strmap *m, const char *s, size_t len);
const char *strmap_str(const strmap *m, uint32_t id, size_t *len);

typedef struct u64map {
    uint64_t *keys;    /* key+1, 0 = empty */
    uint32_t *vals;
    size_t mask, count;
} u64map;

int u64map_init(u64map *m);
void u64map_free(u64map *m);
uint32_t u64map_get(const u64map *m, uint64_t key);
/* Set key to val; returns 0, -1 when out of memory. key must not be UINT64_MAX. */
int u64map_put(u64map *m, uint64_t key, uint32_t val);

#endif
