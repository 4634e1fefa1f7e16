/*
 * fold.c - what a code point folds to and what kind of character it is.
 *
 * utf8proc supplies case folding, compatibility mappings and categories; this file
 * adds the newsroom's equivalences (apostrophes, dashes, ё, ґ) and keeps the result in
 * a table so the tokenizer pays one load per character.
 */
#include "fold.h"

#include "token.h"

#include <string.h>
#include <utf8proc.h>

static uint32_t special_fold(uint32_t cp)
{
    switch (cp) {
    case 0x2019: /* ’ */
    case 0x2018: /* ‘ */
    case 0x02BC: /* ʼ modifier letter apostrophe, Ukrainian */
    case 0x0060: /* ` */
    case 0x00B4: /* ´ */
    case 0x2032: /* ′ */
        return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        return '-';
    case 0x0451: /* ё */
    case 0x0401: /* Ё */
        return 0x0435; /* е */
    case 0x0491: /* ґ: foreign names are written with ґ or г (Ґренландія, Гренландія) */
    case 0x0490: /* Ґ */
        return 0x0433; /* г */
    case 0x00A0: case 0x202F: case 0x2007:
        return ' ';
    }
    return 0;
}

static uint32_t fold_cp(uint32_t cp)
{
    uint32_t special = special_fold(cp);
    if (special)
        return special;
    utf8proc_int32_t out[4];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)cp, out, 4,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT,
                                                 &boundclass);
    if (n == 1)
        return (uint32_t)out[0];
    /* Several code points (é decomposed, ß to ss): keep it one-to-one. */
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

tg_charinfo tg_fold_compute(uint32_t cp)
{
    tg_charinfo ci = {fold_cp(cp), 0};
    if (ci.fold == '\'') {
        ci.cls = TG_C_APOS;
        return ci;
    }
    /* A variation selector (a mark by its category) is a format character too: it
     * says how to draw the emoji before it ("⚡️", U+26A1 U+FE0F), and as a mark it
     * would start the word after it ("⚡️Данія" was a word of no capital). */
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
        ci.cls = TG_C_SPACE;
        ci.fold = 0;
        return ci;
    }
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        ci.cls = TG_C_WORD | TG_C_LETTER | TG_C_UPPER;
        break;
    case UTF8PROC_CATEGORY_LL:
        ci.cls = TG_C_WORD | TG_C_LETTER | TG_C_LOWER;
        break;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        ci.cls = TG_C_WORD | TG_C_LETTER;
        break;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        ci.cls = TG_C_WORD | TG_C_MARK;
        break;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        ci.cls = TG_C_WORD | TG_C_DIGIT;
        break;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        ci.cls = TG_C_SPACE;
        break;
    case UTF8PROC_CATEGORY_CC:
        if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0x85)
            ci.cls = TG_C_SPACE;
        break;
    case UTF8PROC_CATEGORY_CF: /* soft hyphen, zero-width joiners (tg_fold_ignorable) */
        ci.cls = TG_C_SPACE;
        /* but U+180E, which PCRE2's \h counts as a space: a rule would see two
         * words where a token held one */
        if (cp != 0x180E)
            ci.fold = 0;
        break;
    default:
        break;
    }
    if (cp >= 0x0400 && cp <= 0x052F && (ci.cls & TG_C_LETTER))
        ci.cls |= TG_C_CYRILLIC;
    return ci;
}

/* Look-alike pairs: a code point of one script, the folded letter of the other it
 * stands for. н в м т look like H B M T only as capitals. */
static const uint16_t LATIN_TO_CYRILLIC[][2] = {
    {'A', 0x430}, {'a', 0x430}, {'B', 0x432}, {'C', 0x441}, {'c', 0x441}, {'E', 0x435},
    {'e', 0x435}, {'H', 0x43D}, {'I', 0x456}, {'i', 0x456}, {'K', 0x43A}, {'k', 0x43A},
    {'M', 0x43C}, {'O', 0x43E}, {'o', 0x43E}, {'P', 0x440}, {'p', 0x440}, {'T', 0x442},
    {'X', 0x445}, {'x', 0x445}, {'Y', 0x443}, {'y', 0x443}};
static const uint16_t CYRILLIC_TO_LATIN[][2] = {
    {0x410, 'a'}, {0x430, 'a'}, {0x412, 'b'}, {0x421, 'c'}, {0x441, 'c'}, {0x415, 'e'},
    {0x435, 'e'}, {0x41D, 'h'}, {0x406, 'i'}, {0x456, 'i'}, {0x41A, 'k'}, {0x43A, 'k'},
    {0x41C, 'm'}, {0x41E, 'o'}, {0x43E, 'o'}, {0x420, 'p'}, {0x440, 'p'}, {0x422, 't'},
    {0x425, 'x'}, {0x445, 'x'}, {0x423, 'y'}, {0x443, 'y'}, {0x405, 's'}, {0x455, 's'},
    {0x408, 'j'}, {0x458, 'j'}};

uint32_t tg_fold_homoglyph(uint32_t cp, int to_cyrillic)
{
    const uint16_t(*pairs)[2] = to_cyrillic ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
    size_t n = to_cyrillic ? sizeof LATIN_TO_CYRILLIC / sizeof LATIN_TO_CYRILLIC[0]
                           : sizeof CYRILLIC_TO_LATIN / sizeof CYRILLIC_TO_LATIN[0];
    for (size_t k = 0; k < n; k++)
        if (pairs[k][0] == cp)
            return pairs[k][1];
    return 0;
}

void tg_fold_index(tg_fold *f)
{
    _Static_assert(TG_FB(TG_C_MARK) < TG_FB_MULTI, "class bits overlap the byte flags");
    _Static_assert((TK_WORD | TK_ASCII | TK_FIRST_UPPER | TK_HAS_UPPER | TK_HAS_LOWER |
                    TK_DIGIT) < 1u << (31 - TG_FB_WORD_SHIFT),
                   "a word character's flags fit below bit 31");
    for (unsigned b = 0; b < 0x80; b++) {
        const tg_charinfo *ci = &f->table[b];
        uint32_t e = (ci->fold & TG_FB_FOLD) | TG_FB(ci->cls);
        if (b == '\n')
            e |= TG_FB_LINE_END | TG_FB_SENT_END;
        if (b == '.' || b == '!' || b == '?')
            e |= TG_FB_SENT_END;
        if (ci->cls & TG_C_WORD) {
            uint32_t upper = (ci->cls & TG_C_UPPER) ? TK_HAS_UPPER : 0;
            if (upper && (ci->cls & TG_C_LETTER))
                upper |= TK_FIRST_UPPER;
            uint32_t word = TK_WORD | TK_ASCII | upper |
                            ((ci->cls & TG_C_LOWER) ? TK_HAS_LOWER : 0) |
                            ((ci->cls & TG_C_DIGIT) ? TK_DIGIT : 0);
            e |= word << TG_FB_WORD_SHIFT;
        }
        f->byte[b] = e;
    }
    for (unsigned b = 0x80; b < 256; b++)
        f->byte[b] = TG_FB_MULTI;
    _Static_assert(TG_F2_RUN > (TG_C_MARK << TG_F2_CLS_SHIFT), "class bits overlap TG_F2_RUN");
    for (uint32_t cp = 0; cp < 0x800; cp++) {
        const tg_charinfo *ci = &f->table[cp];
        uint32_t e = ci->cls << TG_F2_CLS_SHIFT;
        if (cp >= 0x80 && (ci->cls & TG_C_WORD) && ci->fold >= 0x80 && ci->fold < 0x800) {
            unsigned char enc[2] = {(unsigned char)(0xC0 | (ci->fold >> 6)),
                                    (unsigned char)(0x80 | (ci->fold & 0x3F))};
            uint16_t bytes;
            memcpy(&bytes, enc, 2);
            e |= TG_F2_RUN | bytes;
        }
        f->two[cp] = e;
    }
}

void tg_fold_init(tg_fold *f)
{
    for (uint32_t cp = 0; cp < TG_FOLD_TABLE; cp++)
        f->table[cp] = (cp >= 0xD800 && cp <= 0xDFFF) ? (tg_charinfo){cp, 0}
                                                       : tg_fold_compute(cp);
    tg_fold_index(f);
}
