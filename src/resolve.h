/*
 * resolve.h - choosing among overlapping gazetteer and rule matches. Internal.
 *
 * The one rule, the same in every case (documented for editors in docs/formats.md,
 * "Overlaps"):
 *
 *   1. Containment: a rule match that strictly contains a gazetteer match ranks with
 *      at least that match's priority. A rule that found a longer name around a
 *      listed one ("Emmanuel Macron" around "Macron", "Soyuz MS-27" around "Soyuz")
 *      therefore beats it by length in step 2. A PERSON rule match of exactly the
 *      span of a listed town ranks just above it: the rule saw a person's cue that
 *      the list did not ("President Clinton", not Clinton, Iowa), unless the town is
 *      a capital or a city of a million (Одеси, Москва). A Ukrainian or
 *      Russian PERSON rule is not lifted by a country it contains ("Власти Пакистана").
 *   2. Precedence: higher priority wins; at equal priority the longer span (in bytes);
 *      then the earlier start; then gazetteer before rule; then the earlier rule in
 *      the model. Each candidate in that order wins when it overlaps no winner.
 *   3. Identity: a PERSON rule match that wins over a PERSON gazetteer match ending
 *      where it ends (the surname, or the whole listed name, after first names or
 *      initials) is that person: it takes the entity's id, subtype and topics. Other
 *      types keep the rule's own id, because a longer place or organisation name
 *      around a listed one is usually another place or organisation (Nova Poltavka,
 *      Gazprom Transgaz, Rostov-on-Don around Rostov). A rule match of another type
 *      that holds a listed country or nationality carries that one's topics
 *      (topic_def; the strongest of several), but for an amount, whose currency
 *      names no topic ("500 млн доларів США").
 *
 * Winners never overlap.
 */
#ifndef TG_RESOLVE_H
#define TG_RESOLVE_H

#include "token.h"
#include "token_at.h"
#include "vec.h"

#include <stdint.h>

/* The priority of every gazetteer match; rules choose theirs around it. */
#define TG_GAZETTEER_PRIORITY 60

/* The strongest topic link of a city of 300,000 people or more (gazetteers/README.md:
 * 0.8 and up, times its share of its namesakes). */
#define TG_BIG_TOWN_WEIGHT 0.8f

typedef struct tg_candidate {
    uint32_t byte_start, byte_end;
    int priority;
    uint32_t def;   /* gazetteer entity, or TG_NONE; set on a rule match by step 3 */
    uint32_t rule;  /* rule index, or TG_NONE */
    uint32_t same_as; /* byte_start of an earlier mention this one refers to, or TG_NONE */
    uint32_t team;    /* a listed place that names a sports team here (teams.h) */
    uint32_t topic_def; /* a rule match's: the listed place or nationality inside it whose
                         * topics it carries ("Kyiv School of Economics"), or TG_NONE */
    uint32_t token; /* the token that starts at byte_start, when its maker knew it: a
                     * hint (makers that do not say leave 0 or TG_NONE), which
                     * tg_candidate_token checks before it trusts it */
    uint32_t in_list; /* a person by its place in a list of people (name_list.h): no
                       * gazetteer entry, no rule */
    uint32_t kind_only; /* def's kind (type, subtype) but not its identity: another
                         * state's body named with its state (branch_name.h); its id is
                         * its slug, its topics are topic_def's */
    uint32_t adjective; /* a place or a body (def, or the rule's) as the adjective of a
                         * compound that the span holds ("Boston-based", "NATO-led":
                         * name_adjective.h); its topics still count */
} tg_candidate;

typedef VEC(tg_candidate) tg_candidate_vec;

struct tg_model;

/* In `won`, sorted by start and disjoint (so sorted by end too): the index of the
 * first candidate that ends after `byte`, won->n when none does. */
static inline size_t tg_candidates_after(const tg_candidate_vec *won, uint32_t byte)
{
    size_t lo = 0, hi = won->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (won->v[mid].byte_end <= byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Of v[0..n), sorted by start, the candidate that starts at `byte`, or NULL. */
static inline const tg_candidate *tg_candidate_starting(const tg_candidate *v, size_t n,
                                                        uint32_t byte)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid].byte_start < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].byte_start == byte ? &v[lo] : NULL;
}

/* tg_token_at_from(tokens, ntokens, from, c->byte_start): the first token at or after
 * the candidate's start. Its hint is that token when the token starts there (tokens
 * start at increasing bytes, so no other can), which costs a compare rather than a
 * search; coref and the entities of tag.c ask it of every name. */
static inline size_t tg_candidate_token(const tg_candidate *c, const tg_token *tokens,
                                        size_t ntokens, size_t from)
{
    if (c->token < ntokens && tokens[c->token].byte_start == c->byte_start)
        return c->token;
    return tg_token_at_from(tokens, ntokens, from, c->byte_start);
}

/* Keep the winners, sorted by start, in place. `work` is scratch. Returns -1 when
 * out of memory. */
int tg_resolve(const struct tg_model *m, const tg_token *tokens, size_t ntokens, const char *norm,
               tg_candidate_vec *cands, tg_candidate_vec *work);

/* The entity type of a candidate: its gazetteer entry's, else its rule's. */
const char *tg_candidate_type(const struct tg_model *m, const tg_candidate *c);

/* The same as a string id, to compare with m->kind's: ORG's for a team that a line's
 * layout found, TG_NONE when the model has no ORG. */
uint32_t tg_candidate_type_id(const struct tg_model *m, const tg_candidate *c);

/* A gazetteer match of a listed town (PLACE, subtype city): a name that people have
 * too (Clinton, Marina), which a person's cue or surname may take over. */
int tg_candidate_is_town(const struct tg_model *m, const tg_candidate *c);

/* Is gazetteer entity def a town (PLACE, subtype city)? */
int tg_def_is_town(const struct tg_model *m, uint32_t def);

/* Is gazetteer entity def a town or a region (PLACE, subtype city or region), not a
 * country? Those are the places a sports club (teams.h) or a region after a comma
 * (town_region.h) may stand for or settle. */
int tg_def_is_town_or_region(const struct tg_model *m, uint32_t def);

#endif
