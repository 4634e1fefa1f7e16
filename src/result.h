/*
 * result.h - what a tg_result holds. Internal.
 *
 * Entity texts live in one string pool owned by the result; the public tg_entity
 * pointers into it are set once, when the result is complete, because the pool
 * may move while it grows.
 */
#ifndef TG_RESULT_H
#define TG_RESULT_H

#include "tagger.h"

#include "strbuf.h"
#include "vec.h"
#include "zones.h"

#include <stdint.h>

/* What the scorer needs to know of an entity beyond its public face. */
typedef struct tg_entity_meta {
    uint32_t def;      /* gazetteer entity index, or TG_NONE */
    uint32_t rule;     /* rule index, or TG_NONE */
    uint32_t text_off; /* entity text in the pool */
    uint32_t id_off;   /* id in the pool, or UINT32_MAX when the model owns it */
    tg_zone zone;
    int priority;
    uint32_t topic_def; /* a rule entity's: whose topics it carries (resolve.h), or TG_NONE */
    uint32_t text_len, id_len; /* the text's and the id's bytes (before the NUL), for
                                * render_json.c: not measured again */
} tg_entity_meta;

/* "text", the field of every entity outside a title (tag.c): render_json.c knows it
 * by its pointer before it reads its bytes. */
extern const char tg_field_text[];

struct tg_result {
    char lang[4];
    VEC(tg_entity) entities;
    VEC(tg_entity_meta) meta;
    VEC(tg_tag) tags;
    VEC(size_t) evidence;
    VEC(tg_contribution) contributions;
    VEC(char *) warnings;
    strbuf pool;
};

#endif
