/*
 * inflect.h - Ukrainian and Russian case endings for gazetteer aliases. Internal.
 *
 * An alias word marked with ~ in a uk or ru column is stored as its stem and a
 * paradigm (the set of endings its class takes), chosen from the word's ending and
 * the last letters of its stem: Росія -> stem "рос" + class uk "-ія" {ія ії ію ією}.
 * A text token then matches when some split of it into stem + ending finds that stem
 * in a class that has that ending. Keying on the class keeps "роса" (dew) from
 * matching Росія: "а" is not an ending of the "-ія" class. No dictionary, no
 * morphological model: a few table lookups per Cyrillic token.
 *
 * Inflected forms of short names collide with ordinary words (Оно -> "она", Комо ->
 * "кому"), so stems are at least three letters long and a one-word inflected match
 * is refused when the word is one of the frequent words in tg_inflect.common.
 */
#ifndef TG_INFLECT_H
#define TG_INFLECT_H

#include "hash.h"
#include "word_hash.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define TG_INFLECT_MAX_ENDING 6 /* code points: the longest ending in any class */
#define TG_INFLECT_MIN_STEM 2   /* code points: no class accepts a shorter stem */
#define TG_INFLECT_BLOOM_BITS (1u << 20) /* size of stem_bloom (the compiled model checks it) */

typedef struct tg_inflect {
    strmap endings;        /* folded ending -> index into masks */
    uint64_t *masks;       /* classes that take that ending */
    size_t mask_count;
    strmap common;         /* frequent uk/ru words never read as an inflected name */
    uint64_t *stem_bloom;  /* Bloom filter of the stems of the aliases added */
} tg_inflect;

/* The hash the stem filter uses: the vocabulary's word hash (word_hash.h), a mix per
 * eight bytes. It was FNV-1a, a multiply per byte, so that every prefix of a token
 * came from one pass; but most tokens have one or two splits with a class, and the
 * pass over every byte of a word cost a Cyrillic text more than hashing those few
 * stems whole. The compiled model stores the filter: changing this hash needs a new
 * image format (model_image.h). */
static inline uint64_t tg_inflect_stem_hash(const char *stem, size_t len)
{
    return tg_word_hash(stem, len);
}

int tg_inflect_init(tg_inflect *inf);
void tg_inflect_free(tg_inflect *inf);

/* The class for a folded word in language lang ("uk"/"ru"), and the byte length of
 * its stem; -1 when the word does not inflect (no class fits its ending, or the
 * stem is too short for the class). */
int tg_inflect_classify(const char *lang, const char *word, size_t len, size_t *stem_len);

/* The same, by the rule as written (every paradigm's strings measured and compared
 * for every word): for the tests, which hold tg_inflect_classify to it. */
int tg_inflect_classify_reference(const char *lang, const char *word, size_t len,
                                  size_t *stem_len);

/* The class's name, for tests and messages: "uk -ія". */
const char *tg_inflect_class_name(int cls);

/* For tests: the class's language ("uk"/"ru"), its nominative ending ("" for a
 * consonant-final word) and its k-th ending (NULL past the last). NULL when cls is
 * not a class. */
const char *tg_inflect_class_lang(int cls);
const char *tg_inflect_class_nominative(int cls);
const char *tg_inflect_class_ending(int cls, size_t k);

/* Set the class of a lookup key written by tg_inflect_key (the same stem under
 * another class); returns key. */
static inline char *tg_inflect_key_class(int cls, char *key)
{
    key[1] = (char)(cls + 1);
    return key;
}

/* Write the lookup key of (class, stem) into key (room for stem_len + 2 bytes);
 * returns its length. */
static inline size_t tg_inflect_key(int cls, const char *stem, size_t stem_len, char *key)
{
    key[0] = '\x01'; /* cannot occur in a folded token */
    tg_inflect_key_class(cls, key);
    memcpy(key + 2, stem, stem_len);
    return stem_len + 2;
}

/* One way to read a folded text word as stem + ending: the stem is word[0, cut), and
 * classes (a bitmask) are the classes that take the ending word[cut, len) and whose
 * conditions on the stem (length, last letter) it may meet. */
typedef struct tg_inflect_split {
    size_t cut;
    uint64_t classes;
} tg_inflect_split;

/* The splits of a folded word of len bytes and cps code points (at most
 * TG_INFLECT_MAX_ENDING + 1, longest stem first) under which some alias word could
 * match it: every (class, stem) that tg_inflect_classify can produce for an alias is
 * among them. A walk back from the end of the word through a table of the endings,
 * with no hashing: most words have two or three splits. The caller gives cps since
 * the tokenizer counted it already (cp_end - cp_start: folding keeps the count).
 * Returns how many were written to out. */
size_t tg_inflect_splits(const char *word, size_t len, size_t cps, tg_inflect_split *out);

/* Classes (bitmask) that take this folded ending, or 0. The scan asks
 * tg_inflect_splits instead, which reads the same endings from the class table
 * without hashing; this lookup in `endings` is the reference the tests hold it to. */
uint64_t tg_inflect_classes_for(const tg_inflect *inf, const char *ending, size_t len);

/* Is this folded ending the class's own nominative (Путін in "uk surname")? A
 * token read that way is the alias as written, not an inflected form. */
int tg_inflect_is_nominative(int cls, const char *ending, size_t len);

/* Remember the stem of an inflecting alias word (the matcher calls this as it adds
 * aliases). */
void tg_inflect_add_stem(tg_inflect *inf, const char *stem, size_t len);

/* The two bits of stem_bloom for a stem's hash: twenty bits from each half. The word
 * hash mixes every bit of the stem into both, so they need no remix. */
static inline void tg_inflect_bloom_bits(uint64_t h, size_t *a, size_t *b)
{
    *a = (size_t)(h & (TG_INFLECT_BLOOM_BITS - 1));
    *b = (size_t)((h >> 32) & (TG_INFLECT_BLOOM_BITS - 1));
}

/* Might a stem with this hash (tg_inflect_stem_hash) be the stem of
 * some inflecting alias word? Most splits of a text token are not, and this test
 * costs no hash table lookup: about 3% false positives at 100,000 stems, which the
 * class lookups then reject. Inline: the scan asks for every split of every
 * Cyrillic token. */
static inline int tg_inflect_maybe_stem(const tg_inflect *inf, uint64_t hash)
{
    size_t a, b;
    tg_inflect_bloom_bits(hash, &a, &b);
    return (inf->stem_bloom[a / 64] >> (a % 64)) & (inf->stem_bloom[b / 64] >> (b % 64)) & 1;
}

/* Is this folded word a frequent ordinary word ("она", "кому", "коли") that a
 * one-word inflected match must not claim? */
int tg_inflect_is_common(const tg_inflect *inf, const char *word, size_t len);

/* The frequent words themselves, NULL-terminated: for the test that each has a Cyrillic
 * letter, which tag.c's lookup counts on (it asks only tokens that have one). */
const char *const *tg_inflect_common_words(void);

#endif
