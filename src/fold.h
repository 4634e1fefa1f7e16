/*
 * fold.h - per-code-point normalisation and character classes. Internal.
 *
 * Matching compares folded text: case folded, NFKC where a character maps to one
 * character, apostrophe variants (’ ʼ ‘ `) to ', dash variants to -, and ё to е.
 * Folding is one code point to one code point, so a folded token maps back to the
 * input exactly, offset for offset.
 */
#ifndef TG_FOLD_H
#define TG_FOLD_H

#include <stdint.h>

enum {
    TG_C_WORD = 1,      /* letter, mark or digit: part of a word */
    TG_C_UPPER = 2,     /* an upper-case or title-case letter */
    TG_C_LOWER = 4,
    TG_C_DIGIT = 8,
    TG_C_SPACE = 16,
    TG_C_APOS = 32,     /* apostrophe (after folding) */
    TG_C_CYRILLIC = 64,
    TG_C_LETTER = 128
};

typedef struct tg_charinfo {
    uint32_t fold;
    uint32_t cls;
} tg_charinfo;

/* Code points below this are looked up in a table; the rest are computed. */
#define TG_FOLD_TABLE 0x3000

typedef struct tg_fold {
    tg_charinfo table[TG_FOLD_TABLE];
} tg_fold;

/* Fill the table (about a millisecond). */
void tg_fold_init(tg_fold *f);

/* Compute one code point's info without the table. */
tg_charinfo tg_fold_compute(uint32_t cp);

static inline tg_charinfo tg_fold_get(const tg_fold *f, uint32_t cp)
{
    return cp < TG_FOLD_TABLE ? f->table[cp] : tg_fold_compute(cp);
}

#endif
