/*
 * vec.h - growable arrays.
 *
 * A vec is a plain struct {T *v; size_t n, cap;}. vec_reserve grows the capacity
 * geometrically, so the hot path reuses memory across documents instead of
 * allocating per token or per match. Internal.
 */
#ifndef TG_VEC_H
#define TG_VEC_H

#include <stdlib.h>

#define VEC(T) struct { T *v; size_t n, cap; }

/* Make room for `extra` more elements; returns 0, or -1 when out of memory. */
#define vec_reserve(vec, extra) \
    tg_vec_reserve((void **)&(vec).v, &(vec).cap, (vec).n + (extra), sizeof *(vec).v)

/* Append one element; evaluates to 0, or -1 when out of memory. */
#define vec_push(vec, elem) \
    (vec_reserve(vec, 1) ? -1 : ((vec).v[(vec).n++] = (elem), 0))

#define vec_free(vec) (free((vec).v), (vec).v = NULL, (vec).n = (vec).cap = 0)

int tg_vec_grow(void **data, size_t *cap, size_t need, size_t elem_size);

/* The common case inline: a push into an array with room costs no call (about 1% of
 * the instructions of a tagging run). */
static inline int tg_vec_reserve(void **data, size_t *cap, size_t need, size_t elem_size)
{
    return need <= *cap ? 0 : tg_vec_grow(data, cap, need, elem_size);
}

#endif
