/* score.h - topic tags from entity evidence. Internal. */
#ifndef TG_SCORE_H
#define TG_SCORE_H

#include "model.h"
#include "result.h"

/* Load rules/scorer.conf (key = value lines) over the defaults. */
int tg_scorer_conf_load(tg_scorer_conf *conf, const char *path, tg_error *err);
void tg_scorer_conf_defaults(tg_scorer_conf *conf);

/* Find the entities of tg_model.seat (at load, with tg_model_find_kinds). */
void tg_score_find_seats(tg_model *m);

/* How many powers of repeat_decay the scratch keeps (k-th mentions past it call pow). */
#define TG_SCORE_DECAY_POWERS 32

/* The scorer's working memory, kept in the tag scratch and reused across documents:
 * no allocation per document once it has grown. */
typedef struct tg_score_acc {
    double sum;
    double dateline;   /* the part of sum from a newsroom's dateline (score.c) */
    uint32_t entities; /* distinct entities */
    uint32_t touched;  /* listed in `topics` for this document */
} tg_score_acc;

/* An entity's links and the weight of its zone (no links when that is zero). */
typedef struct tg_score_links {
    const tg_link *link;
    uint32_t n;
    float zone_weight;
} tg_score_links;

typedef struct tg_score_scratch {
    VEC(tg_score_acc) acc;  /* one per topic of the model; all zero between documents */
    VEC(uint32_t) topics;   /* the topics this document added to */
    VEC(struct tg_score_mention) order; /* a table of the ids mentioned (score.c) */
    uint32_t stamp;         /* the last document's, on its slots of `order` */
    VEC(uint32_t) seen;     /* per entity: earlier scoring mentions of its id */
    VEC(tg_score_links) links; /* per entity */
    double decay[TG_SCORE_DECAY_POWERS]; /* pow(repeat_decay, k) */
    int decay_ready;
} tg_score_scratch;

void tg_score_scratch_free(tg_score_scratch *s);

/* Fill the result's tags, evidence and contributions from its entities. */
int tg_score(const tg_model *m, tg_result *r, const char *labels, tg_score_scratch *s);

#endif
