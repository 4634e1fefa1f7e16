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

#include <stddef.h>
#include <stdint.h>

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

/* The hash the stem filter uses: FNV-1a over the bytes, so that a caller can hash
 * every prefix of a token in one pass (tg_inflect_hash_step). */
#define TG_INFLECT_HASH_INIT 0xcbf29ce484222325ULL
static inline uint64_t tg_inflect_hash_step(uint64_t h, unsigned char byte)
{
    return (h ^ byte) * 0x100000001b3ULL;
}

int tg_inflect_init(tg_inflect *inf);
void tg_inflect_free(tg_inflect *inf);

/* The class for a folded word in language lang ("uk"/"ru"), and the byte length of
 * its stem; -1 when the word does not inflect (no class fits its ending, or the
 * stem is too short for the class). */
int tg_inflect_classify(const char *lang, const char *word, size_t len, size_t *stem_len);

/* The class's name, for tests and messages: "uk -ія". */
const char *tg_inflect_class_name(int cls);

/* Write the lookup key of (class, stem) into key (room for stem_len + 2 bytes);
 * returns its length. */
size_t tg_inflect_key(int cls, const char *stem, size_t stem_len, char *key);

/* Classes (bitmask) that take this folded ending, or 0. */
uint64_t tg_inflect_classes_for(const tg_inflect *inf, const char *ending, size_t len);

/* Is this folded ending the class's own nominative (Путін in "uk surname")? A
 * token read that way is the alias as written, not an inflected form. */
int tg_inflect_is_nominative(int cls, const char *ending, size_t len);

/* Remember the stem of an inflecting alias word (the matcher calls this as it adds
 * aliases). */
void tg_inflect_add_stem(tg_inflect *inf, const char *stem, size_t len);

/* Might a stem with this hash (of its bytes, by tg_inflect_hash_step) be the stem of
 * some inflecting alias word? Most splits of a text token are not, and this test
 * costs no hash table lookup: about 3% false positives at 100,000 stems, which the
 * class lookups then reject. */
int tg_inflect_maybe_stem(const tg_inflect *inf, uint64_t hash);

/* Is this folded word a frequent ordinary word ("она", "кому", "коли") that a
 * one-word inflected match must not claim? */
int tg_inflect_is_common(const tg_inflect *inf, const char *word, size_t len);

#endif
