/*
 * wordset.h - a small fixed set of short words, for a membership test per token.
 * Internal.
 *
 * Zone and language detection ask of every word whether it is a stop word or a
 * frequent word of a language: hundreds of thousands of questions per megabyte, most
 * answered "no", about a list of a few hundred words of at most a few dozen bytes.
 * A general string hash (tg_hash, strmap) reads every byte and then probes. Here a
 * word is read as two 64-bit keys with at most four loads (tg_wordset_key), which
 * with its length tell apart any two words of up to 16 bytes, as nearly all are; a
 * slot is the keys' product's top bits, and a probe compares two words and a length
 * instead of bytes. Longer words also compare their bytes. Before all that, most
 * words not in the set are turned away by one bit of a filter indexed by the
 * length, first and last bytes (tg_wordset_filter_of). Each word carries a few
 * bits (which lists hold it). Words are not copied: they must outlive the set
 * (string literals).
 */
#ifndef TG_WORDSET_H
#define TG_WORDSET_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { TG_WORDSET_BITS = 10, TG_WORDSET_SLOTS = 1 << TG_WORDSET_BITS };
enum { TG_WORDSET_FILTER_BITS = 4096 };

/* Words up to this long are told apart by their keys and length alone. */
enum { TG_WORDSET_EXACT = 16 };

typedef struct tg_wordset {
    struct tg_wordset_slot {
        uint64_t head, tail; /* tg_wordset_key */
        const char *s;
        uint8_t n;    /* 0 = empty */
        uint8_t bits;
    } slot[TG_WORDSET_SLOTS];
    uint64_t filter[TG_WORDSET_FILTER_BITS / 64]; /* a bit set for each word's filter_of */
    size_t count, max_len;
} tg_wordset;

/* Add the NULL-terminated list `words` with `bits` (ORed into a word already there).
 * Returns 0, or -1 when a word is empty or longer than 255 bytes or the set would be
 * more than half full (a fixed list outgrew it: raise TG_WORDSET_BITS). */
int tg_wordset_add(tg_wordset *w, const char *const *words, unsigned bits);

/*
 * The keys of a word of n >= 1 bytes: its first and last eight bytes (overlapping
 * when n < 16); from four to seven bytes, its first and last four in head; below
 * four, its first, middle and last byte in head. Given n, every byte of a word of up
 * to TG_WORDSET_EXACT bytes is in the keys at a place fixed by n, so two such words
 * of one length are equal exactly when their keys are.
 */
static inline void tg_wordset_key(const unsigned char *s, size_t n, uint64_t *head,
                                  uint64_t *tail)
{
    if (n >= 8) {
        memcpy(head, s, 8);
        memcpy(tail, s + n - 8, 8);
        return;
    }
    *tail = 0;
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        *head = (uint64_t)a | (uint64_t)b << 32;
        return;
    }
    *head = (uint64_t)s[0] | (uint64_t)s[n >> 1] << 8 | (uint64_t)s[n - 1] << 16;
}

/* The filter bit of a word of n >= 1 bytes: shifts and xors of its first and last
 * bytes and its length, no multiply; a few hundred words set a few percent of the
 * bits, so most other words find theirs clear. */
static inline size_t tg_wordset_filter_of(const unsigned char *s, size_t n)
{
    return ((size_t)s[0] ^ (size_t)s[n - 1] << 4 ^ n << 7) & (TG_WORDSET_FILTER_BITS - 1);
}

/* The home slot of a word with these keys and length: one multiply mixes them, and
 * the top bits of the product depend on all of them. */
static inline size_t tg_wordset_slot_of(uint64_t head, uint64_t tail, size_t n)
{
    uint64_t x = head ^ (tail * 0x9E3779B97F4A7C15ull) ^ n;
    return (size_t)((x * 0xD6E8FEB86659FD93ull) >> (64 - TG_WORDSET_BITS));
}

/* The bits of the word s[0, n), 0 when it is not in the set. */
static inline unsigned tg_wordset_get(const tg_wordset *w, const char *s, size_t n)
{
    if (n == 0 || n > w->max_len)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    size_t f = tg_wordset_filter_of(u, n);
    if (!(w->filter[f / 64] >> f % 64 & 1))
        return 0;
    uint64_t head, tail;
    tg_wordset_key(u, n, &head, &tail);
    for (size_t j = tg_wordset_slot_of(head, tail, n);; j = (j + 1) & (TG_WORDSET_SLOTS - 1)) {
        const struct tg_wordset_slot *e = &w->slot[j];
        if (e->head == head && e->tail == tail && e->n == n &&
            (n <= TG_WORDSET_EXACT || memcmp(e->s, s, n) == 0))
            return e->bits;
        if (!e->n)
            return 0;
    }
}

#endif
