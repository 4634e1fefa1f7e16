/*
 * wordset.c - filling a tg_wordset. The lookup is inline in wordset.h.
 *
 * The table is never more than half full, so a probe always ends at an empty slot.
 * Words are compared by their bytes here, so the set never holds two equal words
 * whatever the keys say; the lookup may then trust the keys up to TG_WORDSET_EXACT.
 */
#include "wordset.h"

#include <string.h>

int tg_wordset_add(tg_wordset *w, const char *const *words, unsigned bits)
{
    for (int i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        if (n == 0 || n > 255)
            return -1;
        uint64_t head, tail;
        tg_wordset_key((const unsigned char *)words[i], n, &head, &tail);
        size_t j = tg_wordset_slot_of(head, tail, n);
        while (w->slot[j].n && !(w->slot[j].n == n && memcmp(w->slot[j].s, words[i], n) == 0))
            j = (j + 1) & (TG_WORDSET_SLOTS - 1);
        if (!w->slot[j].n) {
            if (2 * (w->count + 1) > TG_WORDSET_SLOTS)
                return -1;
            w->slot[j].head = head;
            w->slot[j].tail = tail;
            w->slot[j].s = words[i];
            w->slot[j].n = (uint8_t)n;
            size_t f = tg_wordset_filter_of((const unsigned char *)words[i], n);
            w->filter[f / 64] |= 1ull << f % 64;
            w->count++;
            if (n > w->max_len)
                w->max_len = n;
        }
        w->slot[j].bits |= (uint8_t)bits;
    }
    return 0;
}
