/*
 * hash.c - a fast byte-string hash and two open-addressing tables.
 *
 * Linear probing over power-of-two tables kept at most half full: lookups are one
 * or two cache lines, which is what the per-token hot path needs.
 */
#include "hash.h"

#include <stdlib.h>
#include <string.h>

uint64_t tg_hash(const void *data, size_t len) { return tg_hash_inline(data, len); }

/* ---- strmap ---- */

int strmap_init(strmap *m) { return strmap_init_small(m, 1024); }

int strmap_init_small(strmap *m, size_t slots)
{
    memset(m, 0, sizeof *m);
    size_t cap = 16;
    while (cap < slots)
        cap *= 2;
    m->mask = cap - 1;
    m->slots = calloc(cap, sizeof *m->slots);
    m->offs = malloc(sizeof *m->offs * cap);
    m->offs_cap = cap;
    if (!m->slots || !m->offs) {
        strmap_free(m);
        return -1;
    }
    m->offs[0] = 0;
    return 0;
}

void strmap_free(strmap *m)
{
    free(m->slots);
    free(m->pool);
    free(m->offs);
    memset(m, 0, sizeof *m);
}

/* A slot's tag holds the index bits of any table below 2^32 slots: growing moves
 * the slots without reading a string. */
static int strmap_grow(strmap *m)
{
    size_t cap = (m->mask + 1) * 2;
    if (cap - 1 > UINT32_MAX)
        return -1; /* the tags hold no more index bits */
    tg_strslot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i <= m->mask; i++) {
        if (!m->slots[i].id1)
            continue;
        size_t j = m->slots[i].tag & (cap - 1);
        while (slots[j].id1)
            j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->mask = cap - 1;
    return 0;
}

uint32_t strmap_intern(strmap *m, const char *s, size_t len)
{
    return strmap_intern_hashed(m, s, len, tg_hash_inline(s, len));
}

uint32_t strmap_intern_hashed(strmap *m, const char *s, size_t len, uint64_t h)
{
    size_t i = tg_strmap_slot(m, s, len, h);
    if (m->slots[i].id1)
        return m->slots[i].id1 - 1;
    if (m->count >= UINT32_MAX - 2)
        return TG_NONE;
    if (m->pool_n + len > m->pool_cap) {
        size_t cap = m->pool_cap ? m->pool_cap : 4096;
        while (cap < m->pool_n + len)
            cap *= 2;
        char *pool = realloc(m->pool, cap);
        if (!pool)
            return TG_NONE;
        m->pool = pool;
        m->pool_cap = cap;
    }
    if (m->count + 2 > m->offs_cap) {
        uint32_t *offs = realloc(m->offs, sizeof *offs * m->offs_cap * 2);
        if (!offs)
            return TG_NONE;
        m->offs = offs;
        m->offs_cap *= 2;
    }
    if (len) /* an empty first string: the pool may still be NULL */
        memcpy(m->pool + m->pool_n, s, len);
    m->pool_n += len;
    uint32_t id = (uint32_t)m->count++;
    m->offs[id + 1] = (uint32_t)m->pool_n;
    m->slots[i] = (tg_strslot){id + 1, tg_strslot_tag(h)};
    if (m->count * 2 > m->mask && strmap_grow(m))
        return TG_NONE;
    return id;
}

/* ---- u64map ---- */

int u64map_init(u64map *m)
{
    m->mask = 1023;
    m->count = 0;
    m->keys = calloc(m->mask + 1, sizeof *m->keys);
    m->vals = calloc(m->mask + 1, sizeof *m->vals);
    if (!m->keys || !m->vals) {
        u64map_free(m);
        return -1;
    }
    return 0;
}

void u64map_free(u64map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static int u64map_grow(u64map *m)
{
    size_t cap = (m->mask + 1) * 2;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *vals = calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return -1;
    }
    for (size_t i = 0; i <= m->mask; i++) {
        if (!m->keys[i])
            continue;
        size_t j = tg_hash_mix(m->keys[i] - 1) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->mask = cap - 1;
    return 0;
}

int u64map_put(u64map *m, uint64_t key, uint32_t val)
{
    size_t i = tg_hash_mix(key) & m->mask;
    while (m->keys[i] && m->keys[i] != key + 1)
        i = (i + 1) & m->mask;
    if (!m->keys[i])
        m->count++;
    m->keys[i] = key + 1;
    m->vals[i] = val;
    if (m->count * 2 > m->mask)
        return u64map_grow(m);
    return 0;
}
