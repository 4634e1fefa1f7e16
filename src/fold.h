/*
 * fold.h - per-code-point normalisation and character classes. Internal.
 *
 * Matching compares folded text: case folded, NFKC where a character maps to one
 * character, apostrophe variants (’ ʼ ‘ `) to ', dash variants to -, and ё to е.
 * Folding is one code point to one code point, so a folded token maps back to the
 * input exactly, offset for offset; but that a format character inside a word folds
 * to none (tg_fold_ignorable) and a look-alike letter of the other script to the
 * letter it stands for (tg_fold_homoglyph, token.h's tg_token_fold).
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
    TG_C_LETTER = 128,
    TG_C_MARK = 256     /* combining mark: a word character that is neither letter nor digit */
};

typedef struct tg_charinfo {
    uint32_t fold;
    uint32_t cls;
} tg_charinfo;

/* Code points below this are looked up in a table; the rest are computed. */
#define TG_FOLD_TABLE 0x3000

/* A byte's entry in tg_fold.byte: for ASCII its folded byte (bits 0-7), its class
 * shifted by TG_FB_CLS_SHIFT, TG_FB_LINE_END for a newline and TG_FB_SENT_END for a
 * newline and . ! ?; for a byte >= 0x80 only TG_FB_MULTI. The tokenizer reads one
 * entry per ASCII byte and tests one bit for "word character", which is also clear
 * for every byte of a multibyte sequence, so that test ends an ASCII run without a
 * separate one for the high bit. */
#define TG_FB_FOLD 0xFFu
#define TG_FB_CLS_SHIFT 8
#define TG_FB(cls) ((uint32_t)(cls) << TG_FB_CLS_SHIFT)
#define TG_FB_MULTI (1u << 20)
#define TG_FB_LINE_END (1u << 21)
#define TG_FB_SENT_END (1u << 22)
/* For an ASCII word character ([A-Za-z0-9]), bits 24-30 are the flags (token.h) of a
 * word token of it alone: TK_WORD, TK_ASCII and what its class gives (TK_FIRST_UPPER
 * and TK_HAS_UPPER, TK_HAS_LOWER or TK_DIGIT); 0 for every other byte. The tokenizer
 * starts a word's flags from them: one shift instead of a test per flag. */
#define TG_FB_WORD_SHIFT 24

/* A two-byte character's entry in tg_fold.two, indexed by its code point (all of
 * Cyrillic is two bytes): its class shifted by TG_F2_CLS_SHIFT, and TG_F2_RUN for a
 * word character whose folded form is two bytes too, which are then bits 0-15, in
 * the order a memcpy of them to the output writes. The tokenizer's loop over a run of
 * such characters tests one bit a character and copies two bytes. */
#define TG_F2_CLS_SHIFT 16
#define TG_F2_RUN (1u << 25)

typedef struct tg_fold {
    tg_charinfo table[TG_FOLD_TABLE];
    /* derived from table by tg_fold_index */
    uint32_t byte[256];
    uint32_t two[0x800];
} tg_fold;

/* Fill the table (about a millisecond), then the byte entries. */
void tg_fold_init(tg_fold *f);

/* Fill f->byte and f->two from f->table: after tg_fold_init, and after a table is
 * copied in from a compiled model. */
void tg_fold_index(tg_fold *f);

/* Compute one code point's info without the table. */
tg_charinfo tg_fold_compute(uint32_t cp);

static inline tg_charinfo tg_fold_get(const tg_fold *f, uint32_t cp)
{
    return cp < TG_FOLD_TABLE ? f->table[cp] : tg_fold_compute(cp);
}

/* A format character (Unicode category Cf: the soft hyphen, the zero-width space and
 * joiners, the word joiner, the byte order mark, the direction marks; and the
 * variation selectors, marks by category, that follow an emoji): whitespace
 * between words and nothing inside one, where a page's hyphenation or a CMS put it
 * ("Укра<U+00AD>їни" is the word "україни"). Its fold is 0: it adds no folded byte. */
static inline int tg_fold_ignorable(tg_charinfo ci)
{
    return ci.fold == 0 && (ci.cls & TG_C_SPACE);
}

/* What letter cp of one script stands for in a word of the other, folded, when it
 * looks the same: to Cyrillic (to_cyrillic) the Latin A a B C c E e H I i K k M O o P
 * p T X x Y y; to Latin their Cyrillic twins and ѕ ј. 0 for any other code point.
 * "Моcква" with a Latin c, "Украiна" with a Latin i, "Сatholic" with a Cyrillic С are
 * typed so, or written so to fool a filter; read as they look, they are the words. */
uint32_t tg_fold_homoglyph(uint32_t cp, int to_cyrillic);

#endif
