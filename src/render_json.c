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
static inline void member_str(strbuf *sb, const char *key_colon, const char *val, int comma)
{
    if (comma)
        sb_putc(sb, ',');
    sb_puts(sb, key_colon);
    sb_json_string(sb, val, strlen(val));
}

/*
 * An entity's type and subtype, its id, and its zone and source come from a few
 * strings that repeat down the list (the model's, and the zone names): every ORG
 * agency points at the same "ORG" and "agency", nearly every entity is in the body
 * and from the gazetteer. Where such a member (or pair of members, keys included)
 * was written before in this buffer, its bytes are copied from there instead of
 * being measured and escaped again: one table for the id, one for each pair, so
 * that they do not evict each other. Keyed by the pointers: the strings do not
 * change while a result is written, so one pointer is one text. A slot taken by
 * another string only costs a miss.
 */
#define SEEN_BITS 5
#define SEEN_SLOTS (1u << SEEN_BITS)

typedef struct seen_table {
    const char *a[SEEN_SLOTS], *b[SEEN_SLOTS];
    size_t off[SEEN_SLOTS], len[SEEN_SLOTS]; /* the members' bytes in the buffer */
} seen_table;

static inline size_t seen_slot(const char *a, const char *b)
{
    uintptr_t k = (uintptr_t)a ^ ((uintptr_t)b << 7);
    return (size_t)((k * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - SEEN_BITS));
}

/* Only the keys need clearing: off and len are read after a key matched. */
static void seen_clear(seen_table *t)
{
    memset(t->a, 0, sizeof t->a);
    memset(t->b, 0, sizeof t->b);
}

/* Copy the members cached in `slot` to the end of the buffer. */
static inline void seen_copy(strbuf *sb, const seen_table *t, size_t slot)
{
    size_t len = t->len[slot];
    if (sb_reserve(sb, len))
        return;
    /* Reserved first: growing moves the buffer, and the copy comes from it. */
    memcpy(sb->v + sb->n, sb->v + t->off[slot], len);
    sb->n += len;
}

static inline void seen_keep(const strbuf *sb, seen_table *t, size_t slot, const char *a,
                             const char *b, size_t off)
{
    if (sb->failed)
        return;
    t->a[slot] = a;
    t->b[slot] = b;
    t->off[slot] = off;
    t->len[slot] = sb->n - off;
}

/* ,"key":"val" */
static inline void member_str_seen(strbuf *sb, seen_table *t, const char *key_colon,
                                   const char *val)
{
    size_t slot = seen_slot(val, NULL);
    if (t->a[slot] == val) {
        seen_copy(sb, t, slot);
        return;
    }
    size_t off = sb->n;
    member_str(sb, key_colon, val, 1);
    seen_keep(sb, t, slot, val, NULL, off);
}

/* ,"key1":"val1","key2":"val2" */
static inline void member_pair_seen(strbuf *sb, seen_table *t, const char *key1_colon,
                                    const char *val1, const char *key2_colon, const char *val2)
{
    size_t slot = seen_slot(val1, val2);
    if (t->a[slot] == val1 && t->b[slot] == val2) {
        seen_copy(sb, t, slot);
        return;
    }
    size_t off = sb->n;
    member_str(sb, key1_colon, val1, 1);
    member_str(sb, key2_colon, val2, 1);
    seen_keep(sb, t, slot, val1, val2, off);
}

/* Copy a string literal (no NUL) to o; the end. Its length is a constant. */
#define PUT_LIT(o, lit) ((char *)memcpy((o), (lit), sizeof(lit) - 1) + sizeof(lit) - 1)

#define OFFSET_KEYS KEY("start") KEY("end") KEY("byte_start") KEY("byte_end")

/* ,"start":N,"end":N,"byte_start":N,"byte_end":N: reserved once and written through
 * a local pointer, as one capacity test and one store of the length instead of
 * eight of each (and of reloading the buffer's fields after every byte stored). */
static inline void member_offsets(strbuf *sb, const tg_entity *e)
{
    if (sb_reserve(sb, sizeof OFFSET_KEYS + 4 + 4 * SB_UINT_MAX))
        return;
    char *o = sb->v + sb->n;
    o = PUT_LIT(o, "," KEY("start"));
    o = sb_uint_at(o, e->start);
    o = PUT_LIT(o, "," KEY("end"));
    o = sb_uint_at(o, e->end);
    o = PUT_LIT(o, "," KEY("byte_start"));
    o = sb_uint_at(o, e->byte_start);
    o = PUT_LIT(o, "," KEY("byte_end"));
    o = sb_uint_at(o, e->byte_end);
    sb->n = (size_t)(o - sb->v);
}

/* strcmp(field, "text") == 0, without the call: nearly every entity's field is. */
static inline int is_text(const char *f)
{
    return f[0] == 't' && f[1] == 'e' && f[2] == 'x' && f[3] == 't' && f[4] == '\0';
}

/* Bytes of the members, about: an entity's keys, quotes, type, zone, source and
 * offsets come to some 160 bytes besides its text and id (the pool holds the texts
 * and the rule-made ids). An underestimate only costs one more growth. */
size_t tg_render_members_size(const tg_result *r)
{
    return 64 + r->pool.n + r->entities.n * 200 + r->tags.n * 96 + r->evidence.n * 6;
}

void tg_render_members(strbuf *sb, const tg_result *r)
{
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
        for (size_t k = 0; k < t->evidence_count; k++) {
            if (k)
                sb_putc(sb, ',');
            sb_put_uint(sb, t->evidence[k]);
        }
        sb_puts(sb, "]}");
    }
    sb_puts(sb, "],\"entities\":[");
    seen_table ids, kinds, places;
    seen_clear(&ids);
    seen_clear(&kinds);
    seen_clear(&places);
    for (size_t i = 0; i < r->entities.n; i++) {
        const tg_entity *e = &r->entities.v[i];
        if (i)
            sb_puts(sb, ",{" KEY("text"));
        else
            sb_puts(sb, "{" KEY("text"));
        sb_json_string(sb, e->text, strlen(e->text));
        member_pair_seen(sb, &kinds, KEY("type"), e->type, KEY("subtype"), e->subtype);
        member_str_seen(sb, &ids, KEY("id"), e->id);
        member_offsets(sb, e);
        member_pair_seen(sb, &places, KEY("zone"), e->zone, KEY("source"), e->source);
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
}

int tg_result_json_members(const tg_result *r, const tg_model *m, char **out, size_t *out_len)
{
    (void)m;
    if (!r || !out)
        return TG_ERR_ARG;
    strbuf sb = {0};
    sb_reserve(&sb, tg_render_members_size(r));
    tg_render_members(&sb, r);
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
    tg_render_members(&sb, r);
    sb_putc(&sb, '}');
    *out = sb_detach(&sb, out_len);
    return *out ? TG_OK : TG_ERR_NOMEM;
}
