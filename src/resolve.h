/*
 * resolve.h - choosing among overlapping gazetteer and rule matches. Internal.
 *
 * The one rule, the same in every case: higher priority wins; at equal priority the
 * longer span (in bytes); then the earlier start; then gazetteer before rule; then
 * the earlier rule in the model. Winners never overlap.
 */
#ifndef TG_RESOLVE_H
#define TG_RESOLVE_H

#include "vec.h"

#include <stdint.h>

typedef struct tg_candidate {
    uint32_t byte_start, byte_end;
    int priority;
    uint32_t def;   /* gazetteer entity, or TG_NONE */
    uint32_t rule;  /* rule index, or TG_NONE */
    uint32_t same_as; /* byte_start of an earlier mention this one refers to, or TG_NONE */
} tg_candidate;

typedef VEC(tg_candidate) tg_candidate_vec;

/* Keep the winners, sorted by start, in place. `work` is scratch. */
int tg_resolve(tg_candidate_vec *cands, tg_candidate_vec *work);

#endif
