/* vec.c - the one growth function behind vec.h. */
#include "vec.h"

#include <stdint.h>

int tg_vec_grow(void **data, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return 0;
    size_t next = *cap ? *cap : 16;
    while (next < need) {
        if (next > SIZE_MAX / 2)
            return -1;
        next *= 2;
    }
    if (next > SIZE_MAX / elem_size)
        return -1;
    void *grown = realloc(*data, next * elem_size);
    if (!grown)
        return -1;
    *data = grown;
    *cap = next;
    return 0;
}
