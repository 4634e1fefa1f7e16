/* scratch.h - per-thread working memory of tag calls. Internal. */
#ifndef TG_SCRATCH_H
#define TG_SCRATCH_H

#include "coref.h"
#include "matcher.h"
#include "render_json.h"
#include "resolve.h"
#include "rules.h"
#include "score.h"
#include "token.h"
#include "zones.h"

/* The id prefixes of rule-made entities' types, made once (tag.c, append_id_prefix). */
#define ID_PREFIX_SLOTS 8
#define ID_PREFIX_MAX 16

typedef struct id_prefixes {
    const char *type[ID_PREFIX_SLOTS];
    uint8_t len[ID_PREFIX_SLOTS];
    char v[ID_PREFIX_SLOTS][ID_PREFIX_MAX];
} id_prefixes;

struct tg_scratch {
    const tg_model *model;
    tg_token_vec tokens;
    tg_char_vec norm;
    tg_u32_vec cand, cand_off, starts;
    tg_u64_vec token_hash;
    tg_gaz_match_vec gaz;
    tg_u32_vec gaz_shared; /* shared place names: (start byte, gazetteer match) pairs (tag.c) */
    /* The country the segment's listed names are most of, when it reads as sports
     * and has a club's nickname (TG_ALIAS_SPORTS), which applies only there (tag.c,
     * find_sports_homes). sports_homes_ready: the list is this segment's. */
    tg_u32_vec sports_homes;
    int sports_homes_ready;
    tg_u32_vec sports_places; /* the towns and regions it names, for a tie of clubs */
    tg_rule_match_vec rule_matches;
    tg_candidate_vec cands, won;
    tg_zone_vec zones;
    tg_zone_line_vec lines;
    pcre2_match_data *match_data;
    tg_rules_scratch rules;
    tg_score_scratch score;
    tg_coref_scratch coref;
    tg_member_cache members; /* for rendering this model's results (render_json.h) */
    id_prefixes id_prefix; /* zeroed by calloc: no slot made yet */
    /* A result handed back by tg_result_recycle: the next tag call fills its arrays
     * and pool again rather than growing fresh ones (a dozen allocations a record). */
    tg_result *spare;
};

#endif
