/*
 * render_json.h - a result's JSON members written into a caller's buffer. Internal.
 *
 * tg_result_json_members hands out a malloc'd string; the pipeline stage writes its
 * own members ("lang", "model") first and would copy that string after them. These
 * write into its buffer directly: one buffer and no copy per record.
 */
#ifndef TG_RENDER_JSON_H
#define TG_RENDER_JSON_H

#include "tagger.h"

#include "strbuf.h"

#include <stddef.h>
#include <stdint.h>

/*
 * Members that repeat from one result to the next, kept between them: an entity's
 * type and subtype, and its zone and source, are model strings and literals (never
 * the result's own pool: tag.c), a few dozen pairs in all, so their bytes, keys
 * included, are written once into `bytes` and copied from there afterwards rather
 * than measured and escaped in each document. Keyed by the pointers, which stay
 * valid, and keep their texts, as long as the model: a cache serves the results of
 * one model only (a tg_scratch's, which belongs to one). A slot taken by another
 * pair only costs a miss; when `bytes` is full, everything is dropped and refilled.
 */
#define TG_MEMBER_CACHE_BITS 8
#define TG_MEMBER_CACHE_SLOTS (1u << TG_MEMBER_CACHE_BITS)

typedef struct tg_pair_cache {
    const char *a[TG_MEMBER_CACHE_SLOTS], *b[TG_MEMBER_CACHE_SLOTS];
    uint32_t off[TG_MEMBER_CACHE_SLOTS], len[TG_MEMBER_CACHE_SLOTS]; /* in bytes */
} tg_pair_cache;

typedef struct tg_member_cache {
    tg_pair_cache kinds, places; /* type and subtype; zone and source */
    strbuf bytes;
} tg_member_cache;

void tg_member_cache_free(tg_member_cache *c);

/* About the bytes tg_render_members writes for r: a size to reserve, not a bound. */
size_t tg_render_members_size(const tg_result *r);

/* Append the "tags" and "entities" (and "warnings") members of r, each with a leading
 * comma, as tg_result_json_members writes them. Failure is left in sb->failed.
 * `cache`: the member cache of the model that made r (zeroed before its first use),
 * or NULL for one that lasts this call only. */
void tg_render_members(strbuf *sb, const tg_result *r, tg_member_cache *cache);

#endif
