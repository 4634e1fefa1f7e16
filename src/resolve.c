/*
 * resolve.c - overlap resolution.
 *
 * Sort by precedence, then accept greedily: a candidate wins if it overlaps no
 * winner so far. Winners are kept sorted by start so the overlap test is a binary
 * search.
 */
#include "resolve.h"

#include "hash.h"

#include <stdlib.h>
#include <string.h>

static int by_precedence(const void *pa, const void *pb)
{
    const tg_candidate *a = pa, *b = pb;
    if (a->priority != b->priority)
        return a->priority > b->priority ? -1 : 1;
    uint32_t la = a->byte_end - a->byte_start, lb = b->byte_end - b->byte_start;
    if (la != lb)
        return la > lb ? -1 : 1;
    if (a->byte_start != b->byte_start)
        return a->byte_start < b->byte_start ? -1 : 1;
    int ga = a->def != TG_NONE, gb = b->def != TG_NONE;
    if (ga != gb)
        return ga ? -1 : 1;
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1;
    return 0;
}

int tg_resolve(tg_candidate_vec *cands, tg_candidate_vec *won)
{
    qsort(cands->v, cands->n, sizeof *cands->v, by_precedence);
    won->n = 0;
    for (size_t i = 0; i < cands->n; i++) {
        const tg_candidate *c = &cands->v[i];
        /* First winner that ends after c starts. */
        size_t lo = 0, hi = won->n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (won->v[mid].byte_end <= c->byte_start)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < won->n && won->v[lo].byte_start < c->byte_end)
            continue; /* overlaps */
        if (vec_reserve(*won, 1))
            return -1;
        memmove(won->v + lo + 1, won->v + lo, (won->n - lo) * sizeof *won->v);
        won->v[lo] = *c;
        won->n++;
    }
    cands->n = 0;
    if (vec_reserve(*cands, won->n))
        return -1;
    memcpy(cands->v, won->v, won->n * sizeof *won->v);
    cands->n = won->n;
    return 0;
}
