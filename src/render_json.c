/*
 * render_json.c - a result as JSON, in the names DESIGN.md fixes.
 *
 * Written by hand rather than through a JSON library because it is on the hot path
 * of the pipeline stage and the shape is fixed; strings go through one escaper.
 * Keys are literals appended with their length known at compile time, numbers are
 * written without printf, and the buffer is reserved once from an estimate of the
 * record's size rather than grown by doubling from 16 bytes.
 */
#include "tagger.h"

#include "render_json.h"
#include "result.h"
#include "strbuf.h"

#include <stdint.h>
#include <string.h>

/* Keys are plain ASCII names: written as they are, quotes included by the caller's
 * literal ("\"text\":"), so only values go through the escaper. */
#define KEY(k) "\"" k "\":"

/* Inline, so that sb_puts of the key literal costs no strlen. */
static inline void member_str_len(strbuf *sb, const char *key_colon, const char *val,
                                  size_t len, int comma)
{
    if (comma)
        sb_putc(sb, ',');
    sb_puts(sb, key_colon);
    sb_json_string(sb, val, len);
}

static inline void member_str(strbuf *sb, const char *key_colon, const char *val, int comma)
{
    member_str_len(sb, key_colon, val, strlen(val), comma);
}

/*
 * An entity's id comes from a few strings that repeat down the list: every mention
 * of one person has the same id. Where the member was written before in this
 * buffer, its bytes are copied from there instead of being escaped again. Keyed by
 * the pointer: the strings do not change while a result is written, so one pointer
 * is one text. A slot taken by another string only costs a miss. (The other
 * members that repeat, type and subtype, zone and source, repeat across documents
 * too: they go through the longer-lived tg_member_cache.)
 */
#define SEEN_BITS 5
#define SEEN_SLOTS (1u << SEEN_BITS)

typedef struct seen_table {
    const char *a[SEEN_SLOTS];
    size_t off[SEEN_SLOTS], len[SEEN_SLOTS]; /* the member's bytes in the buffer */
} seen_table;

static inline size_t pointer_slot(uintptr_t k, unsigned bits)
{
    return (size_t)((k * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - bits));
}

/* Copy len bytes from `from` in the buffer to its end. */
static inline void copy_within(strbuf *sb, size_t from, size_t len)
{
    if (sb_reserve(sb, len))
        return;
    /* Reserved first: growing moves the buffer, and the copy comes from it. */
    memcpy(sb->v + sb->n, sb->v + from, len);
    sb->n += len;
}

/* ,"key":"val", val being len bytes */
static inline void member_str_seen(strbuf *sb, seen_table *t, const char *key_colon,
                                   const char *val, size_t len)
{
    size_t slot = pointer_slot((uintptr_t)val, SEEN_BITS);
    if (t->a[slot] == val) {
        copy_within(sb, t->off[slot], t->len[slot]);
        return;
    }
    size_t off = sb->n;
    member_str_len(sb, key_colon, val, len, 1);
    if (sb->failed)
        return;
    t->a[slot] = val;
    t->off[slot] = off;
    t->len[slot] = sb->n - off;
}

/* What the cache's bytes may grow to before they are dropped: some hundred pairs of
 * a few dozen bytes fill a tenth of it. */
#define MEMBER_CACHE_MAX 65536

void tg_member_cache_free(tg_member_cache *c)
{
    sb_free(&c->bytes);
    memset(c, 0, sizeof *c);
}

/* ,"key1":"val1","key2":"val2", from the cache or written and then kept there. */
static inline void member_pair_cached(strbuf *sb, tg_member_cache *c, tg_pair_cache *t,
                                      const char *key1_colon, const char *val1,
                                      const char *key2_colon, const char *val2)
{
    size_t slot = pointer_slot((uintptr_t)val1 ^ ((uintptr_t)val2 << 7), TG_MEMBER_CACHE_BITS);
    if (t->a[slot] == val1 && t->b[slot] == val2) {
        sb_append(sb, c->bytes.v + t->off[slot], t->len[slot]);
        return;
    }
    size_t off = sb->n;
    member_str(sb, key1_colon, val1, 1);
    member_str(sb, key2_colon, val2, 1);
    size_t len = sb->n - off;
    if (sb->failed || len > MEMBER_CACHE_MAX / 4)
        return;
    if (c->bytes.n + len > MEMBER_CACHE_MAX) {
        memset(c->kinds.a, 0, sizeof c->kinds.a);
        memset(c->places.a, 0, sizeof c->places.a);
        c->bytes.n = 0;
    }
    size_t at = c->bytes.n;
    sb_append(&c->bytes, sb->v + off, len);
    if (c->bytes.failed) { /* out of memory: start again from nothing */
        tg_member_cache_free(c);
        return;
    }
    t->a[slot] = val1;
    t->b[slot] = val2;
    t->off[slot] = (uint32_t)at;
    t->len[slot] = (uint32_t)len;
}

/* Copy a string literal (no NUL) to o; the end. Its length is a constant. */
#define PUT_LIT(o, lit) ((char *)memcpy((o), (lit), sizeof(lit) - 1) + sizeof(lit) - 1)

#define OFFSET_KEYS KEY("start") KEY("end") KEY("byte_start") KEY("byte_end")

/* The byte offset at o: the code point offset's digits, written at `cp` (cp_len of
 * them), when the two are equal (every offset before the first non-ASCII character)
 * and short enough to move as one word; else written afresh. Each number has
 * SB_UINT_MAX bytes reserved, so the word's bytes past the digits land in room that
 * the next member overwrites. */
static inline char *byte_offset_at(char *o, size_t byte, size_t cp, const char *cp_at,
                                   size_t cp_len)
{
    if (byte != cp || cp_len > 8)
        return sb_uint_at(o, byte);
    memcpy(o, cp_at, 8);
    return o + cp_len;
}

/* ,"start":N,"end":N,"byte_start":N,"byte_end":N: reserved once and written through
 * a local pointer, as one capacity test and one store of the length instead of
 * eight of each (and of reloading the buffer's fields after every byte stored). */
static inline void member_offsets(strbuf *sb, const tg_entity *e)
{
    if (sb_reserve(sb, sizeof OFFSET_KEYS + 4 + 4 * SB_UINT_MAX))
        return;
    char *o = sb->v + sb->n;
    o = PUT_LIT(o, "," KEY("start"));
    char *start = o;
    o = sb_uint_at(o, e->start);
    size_t start_len = (size_t)(o - start);
    o = PUT_LIT(o, "," KEY("end"));
    char *end = o;
    o = sb_uint_at(o, e->end);
    size_t end_len = (size_t)(o - end);
    o = PUT_LIT(o, "," KEY("byte_start"));
    o = byte_offset_at(o, e->byte_start, e->start, start, start_len);
    o = PUT_LIT(o, "," KEY("byte_end"));
    o = byte_offset_at(o, e->byte_end, e->end, end, end_len);
    sb->n = (size_t)(o - sb->v);
}

/* strcmp(field, "text") == 0, without the call: nearly every entity's field is, and
 * is tag.c's tg_field_text, so the pointer answers before the bytes are read. */
static inline int is_text(const char *f)
{
    return f == tg_field_text ||
           (f[0] == 't' && f[1] == 'e' && f[2] == 'x' && f[3] == 't' && f[4] == '\0');
}

/* Bytes of the members, about: an entity's keys, quotes, type, zone, source and
 * offsets come to some 160 bytes besides its text and id (the pool holds the texts
 * and the rule-made ids). An underestimate only costs one more growth. */
size_t tg_render_members_size(const tg_result *r)
{
    return 64 + r->pool.n + r->entities.n * 200 + r->tags.n * 96 + r->evidence.n * 6;
}

void tg_render_members(strbuf *sb, const tg_result *r, tg_member_cache *cache)
{
    tg_member_cache call_cache;
    if (!cache) {
        /* Only the keys and the buffer: off and len are read after a key matched. */
        memset(call_cache.kinds.a, 0, sizeof call_cache.kinds.a);
        memset(call_cache.places.a, 0, sizeof call_cache.places.a);
        call_cache.bytes = (strbuf){0};
        cache = &call_cache;
    }
    sb_puts(sb, ",\"tags\":[");
    for (size_t i = 0; i < r->tags.n; i++) {
        const tg_tag *t = &r->tags.v[i];
        if (i)
            sb_putc(sb, ',');
        sb_putc(sb, '{');
        member_str(sb, KEY("label"), t->label, 0);
        member_str(sb, KEY("id"), t->id, 1);
        sb_puts(sb, ",\"score\":");
        sb_put_fixed3(sb, t->score);
        sb_puts(sb, ",\"evidence\":[");
        /* Reserved once for the list and written through a local pointer, as
         * member_offsets does (en2k: 18,000 numbers, 43 instructions each through
         * sb_put_uint with a capacity test per comma and per number). */
        if (t->evidence_count && !sb_reserve(sb, t->evidence_count * (SB_UINT_MAX + 1))) {
            char *o = sb->v + sb->n;
            o = sb_uint_at(o, t->evidence[0]);
            for (size_t k = 1; k < t->evidence_count; k++) {
                *o++ = ',';
                o = sb_uint_at(o, t->evidence[k]);
            }
            sb->n = (size_t)(o - sb->v);
        }
        sb_puts(sb, "]}");
    }
    sb_puts(sb, "],\"entities\":[");
    seen_table ids;
    memset(ids.a, 0, sizeof ids.a); /* off and len are read after a key matched */
    for (size_t i = 0; i < r->entities.n; i++) {
        const tg_entity *e = &r->entities.v[i];
        const tg_entity_meta *em = &r->meta.v[i];
        if (i)
            sb_puts(sb, ",{" KEY("text"));
        else
            sb_puts(sb, "{" KEY("text"));
        sb_json_string(sb, e->text, em->text_len);
        member_pair_cached(sb, cache, &cache->kinds, KEY("type"), e->type, KEY("subtype"),
                           e->subtype);
        member_str_seen(sb, &ids, KEY("id"), e->id, em->id_len);
        member_offsets(sb, e);
        member_pair_cached(sb, cache, &cache->places, KEY("zone"), e->zone, KEY("source"),
                           e->source);
        if (!is_text(e->field))
            member_str(sb, KEY("field"), e->field, 1);
        sb_putc(sb, '}');
    }
    sb_putc(sb, ']');
    if (r->warnings.n) {
        sb_puts(sb, ",\"warnings\":[");
        for (size_t i = 0; i < r->warnings.n; i++) {
            if (i)
                sb_putc(sb, ',');
            sb_json_string(sb, r->warnings.v[i], strlen(r->warnings.v[i]));
        }
        sb_putc(sb, ']');
    }
    if (cache == &call_cache)
        tg_member_cache_free(&call_cache);
}

int tg_result_json_members(const tg_result *r, const tg_model *m, char **out, size_t *out_len)
{
    (void)m;
    if (!r || !out)
        return TG_ERR_ARG;
    strbuf sb = {0};
    sb_reserve(&sb, tg_render_members_size(r));
    tg_render_members(&sb, r, NULL);
    *out = sb_detach(&sb, out_len);
    return *out ? TG_OK : TG_ERR_NOMEM;
}

int tg_result_to_json(const tg_result *r, const tg_model *m, const char *id, char **out,
                      size_t *out_len)
{
    if (!r || !m || !out)
        return TG_ERR_ARG;
    strbuf sb = {0};
    sb_reserve(&sb, tg_render_members_size(r) + 128);
    sb_putc(&sb, '{');
    int comma = 0;
    if (id) {
        member_str(&sb, KEY("id"), id, 0);
        comma = 1;
    }
    member_str(&sb, KEY("lang"), r->lang, comma);
    member_str(&sb, KEY("model"), tg_model_version(m), 1);
    tg_render_members(&sb, r, NULL);
    sb_putc(&sb, '}');
    *out = sb_detach(&sb, out_len);
    return *out ? TG_OK : TG_ERR_NOMEM;
}
