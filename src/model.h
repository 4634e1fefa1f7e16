/*
 * model.h - the loaded model: what tg_model holds. Internal.
 *
 * Everything here is written once by tg_model_load and only read afterwards, which
 * is what makes one model safe to share between threads.
 */
#ifndef TG_MODEL_H
#define TG_MODEL_H

#include "tagger.h"

#include "fold.h"
#include "hash.h"
#include "matcher.h"
#include "model_image.h"
#include "rules.h"
#include "vec.h"
#include "zones.h"

#include <stdint.h>

typedef struct tg_link {
    uint32_t topic; /* index into topics */
    float weight;
} tg_link;

typedef struct tg_entity_def {
    uint32_t id, type, subtype, name; /* string ids: tg_model_str() */
    uint32_t given;     /* a person's given names, or TG_NONE: the first words of its
                         * aliases of two or more words, folded as text is and
                         * separated by spaces ("joe джо"); see resolve.c */
    uint32_t link_first, link_count;
    float max_weight;   /* strongest topic link, a prior when aliases collide */
    uint8_t curated;    /* from a hand-curated file (not generated-*) */
} tg_entity_def;

typedef struct tg_topic {
    uint32_t id, label, label_uk, label_ru; /* string ids */
    float threshold; /* < 0: the default */
} tg_topic;

/* How many bodies a city seats for the scorer (tg_model.seat). */
#define TG_SEATED_BODIES 3

/* The scorer's settings (rules/scorer.conf). */
typedef struct tg_scorer_conf {
    float zone_title, zone_lead, zone_body, zone_dateline;
    float repeat_decay;   /* k-th mention of an entity counts decay^(k-1) */
    float scale;          /* score = 1 - exp(-sum / scale) */
    float threshold;      /* default minimum score */
    float relative;       /* minimum share of the best topic's raw sum */
    float min_entities;   /* minimum distinct entities behind a tag */
} tg_scorer_conf;

typedef struct tg_limits {
    size_t max_document;  /* bytes */
    size_t max_entities;  /* per document */
    uint32_t match_limit; /* PCRE2 */
    uint32_t depth_limit; /* PCRE2 */
} tg_limits;

struct tg_model {
    char *dir;
    char version[9];
    tg_fold fold;
    strmap strings; /* NUL-terminated strings, interned with their NUL */
    VEC(tg_entity_def) entities;
    VEC(tg_link) links;
    VEC(tg_topic) topics;
    strmap topic_index; /* topic id -> index */
    strmap entity_index; /* entity id -> index */
    tg_matcher gaz;
    tg_rules rules;
    tg_zone_words zone_words;
    tg_scorer_conf scorer;
    tg_limits limits;
    /* The string ids of the types and subtypes that resolve.c and coref.c ask of
     * candidates thousands of times a document (a town, a region, a country; the
     * types of names; a rule that knows a given name), entity and rule types alike
     * (one pool): TG_NONE when no string is that, so none compares equal. Ids
     * compare where strings would be read. Found at load, not kept in the compiled
     * image. */
    struct {
        uint32_t place, city, region, country, person, org, norp, product, facility, event,
            given_name, admin_unit, international, money;
    } kind;
    /* The entities of the city that seats international bodies and of the bodies, for
     * the scorer (score.c, tg_score_find_seats); TG_NONE for one the model lacks. Found
     * at load with the kinds. */
    struct {
        uint32_t city, bodies[TG_SEATED_BODIES];
    } seat;
    /* The country topics of Ukraine, Russia and Belarus, whose towns Ukrainian and
     * Russian text name first (tag.c, home_town); TG_NONE for one the model lacks.
     * Found at load with the kinds. */
    struct {
        uint32_t ua, ru, by;
    } home;
    /* The compiled model (model_image.h): the source files as they were when loading
     * began (for `tagger compile`); the mapping when loaded from an image (its arrays
     * point into it: tg_model_free unmaps instead of freeing them); and, when an
     * image was there but not used, why (malloc'd). */
    tg_image_sources sources;
    struct tg_image_map *image;
    char *note;
};

/* Intern a string into the model's pool; returns its id, TG_NONE when out of memory.
 * Ids stay valid while the pool grows; pointers do not, so keep ids while loading. */
uint32_t tg_model_intern(tg_model *m, const char *s, size_t len);

/* The same for a string that is NUL-terminated already (s[len] == '\0'), as the
 * fields of a data file line are: interned as it is, without the copy that adds the
 * NUL. */
static inline uint32_t tg_model_intern_z(tg_model *m, const char *s, size_t len)
{
    return strmap_intern(&m->strings, s, len + 1);
}

/* The NUL-terminated string of an id; valid as long as the model. */
static inline const char *tg_model_str(const tg_model *m, uint32_t id)
{
    return strmap_str(&m->strings, id, NULL);
}

/* Fill m->kind from the interned strings; both loaders call it last. */
void tg_model_find_kinds(tg_model *m);

/* Look a topic up by id; TG_NONE when unknown. */
uint32_t tg_model_topic(const tg_model *m, const char *id, size_t len);

#endif
