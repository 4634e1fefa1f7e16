/*
 * inflect.h - Ukrainian and Russian case endings for gazetteer aliases. Internal.
 *
 * An alias word marked with ~ in a uk or ru column is stored as its stem and a
 * paradigm (the set of endings its class takes), chosen from the word's ending:
 * Росія -> stem "рос" + class uk "-ія" {ія ії ію ією іє}. A text token then matches
 * when some split of it into stem + ending finds that stem in a class that has that
 * ending. Keying on the class keeps "роса" (dew) from matching Росія: "а" is not an
 * ending of the "-ія" class. No dictionary, no morphological model: a few table
 * lookups per Cyrillic token.
 */
#ifndef TG_INFLECT_H
#define TG_INFLECT_H

#include "hash.h"

#include <stddef.h>
#include <stdint.h>

#define TG_INFLECT_MAX_ENDING 4 /* code points */
#define TG_INFLECT_MIN_STEM 2   /* code points */

typedef struct tg_inflect {
    strmap endings;        /* folded ending -> index into masks */
    uint64_t *masks;       /* classes that take that ending */
    size_t mask_count;
} tg_inflect;

int tg_inflect_init(tg_inflect *inf);
void tg_inflect_free(tg_inflect *inf);

/* The class for a folded word in language lang ("uk"/"ru"), and the byte length of
 * its stem; -1 when the word does not inflect (no class, or stem too short). */
int tg_inflect_classify(const char *lang, const char *word, size_t len, size_t *stem_len);

/* Write the lookup key of (class, stem) into key (room for stem_len + 2 bytes);
 * returns its length. */
size_t tg_inflect_key(int cls, const char *stem, size_t stem_len, char *key);

/* Classes (bitmask) that take this folded ending, or 0. */
uint64_t tg_inflect_classes_for(const tg_inflect *inf, const char *ending, size_t len);

#endif
