/*
 * wordset.h - a small fixed set of short words, for a membership test per token.
 * Internal.
 *
 * Zone and language detection ask of every word whether it is a stop word or a
 * frequent word of a language: hundreds of thousands of questions per megabyte, most
 * answered "no", about a list of a few hundred words of at most a few dozen bytes.
 * A general string hash (tg_hash, strmap) reads every byte and then probes; here the
 * slot comes from the length and the first, middle and last bytes, one multiply, and
 * a word not in the set usually meets an empty slot or a different length at once.
 * Each word carries a few bits (which lists hold it). Words are not copied: they
 * must outlive the set (string literals).
 */
#ifndef TG_WORDSET_H
#define TG_WORDSET_H

#include <stddef.h>
#include <stdint.h>

enum { TG_WORDSET_BITS = 10, TG_WORDSET_SLOTS = 1 << TG_WORDSET_BITS };

typedef struct tg_wordset {
    struct tg_wordset_slot {
        const char *s;
        uint8_t n;    /* 0 = empty */
        uint8_t bits;
    } slot[TG_WORDSET_SLOTS];
    size_t count, max_len;
} tg_wordset;

/* Add the NULL-terminated list `words` with `bits` (ORed into a word already there).
 * Returns 0, or -1 when a word is empty or longer than 255 bytes or the set would be
 * more than half full (a fixed list outgrew it: raise TG_WORDSET_BITS). */
int tg_wordset_add(tg_wordset *w, const char *const *words, unsigned bits);

/* The home slot of a word of n >= 1 bytes: its length, first, middle and last bytes,
 * mixed by one multiply (the top bits of the product depend on all of them). */
static inline size_t tg_wordset_slot_of(const unsigned char *s, size_t n)
{
    uint32_t x = (uint32_t)s[0] | (uint32_t)s[n - 1] << 8 | (uint32_t)s[n >> 1] << 16 |
                 (uint32_t)n << 24;
    return (size_t)((x * 0x9E3779B97F4A7C15ull) >> (64 - TG_WORDSET_BITS));
}

/* The bits of the word s[0, n), 0 when it is not in the set. */
static inline unsigned tg_wordset_get(const tg_wordset *w, const char *s, size_t n)
{
    if (n == 0 || n > w->max_len)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t j = tg_wordset_slot_of(u, n);; j = (j + 1) & (TG_WORDSET_SLOTS - 1)) {
        const struct tg_wordset_slot *e = &w->slot[j];
        if (!e->n)
            return 0;
        if (e->n != n)
            continue;
        size_t k = 0;
        while (k < n && (unsigned char)e->s[k] == u[k])
            k++;
        if (k == n)
            return e->bits;
    }
}

#endif
