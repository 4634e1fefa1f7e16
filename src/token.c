/*
 * token.c - the tokenizer.
 *
 * One pass over the input: decode, fold, classify, and cut. Gazetteer aliases are
 * tokenized by this same function, so whatever it decides about hyphens or
 * apostrophes applies to both sides of a match and they always agree.
 *
 * Every byte of every document passes through here, so the loop is shaped for the
 * common case. An ASCII byte is classified by one table load and never decoded, and
 * a two-byte character (Cyrillic) is assembled in place and read from the table. A
 * word's character classes are ORed together and turned into token flags once, at
 * its end; only a word that does not start with a letter ("5G") looks for its first
 * letter again. The cursor and the output pointer are locals: a store through a
 * char pointer may alias anything, so fields behind a pointer would be reloaded
 * after every byte written.
 */
#include "token.h"

#include "utf8.h"

/* Decode the character at s[i]; *next gets the offset after it. Input is valid UTF-8
 * (checked by the caller); anything else decodes to U+FFFD, one byte at a time. */
static inline uint32_t decode(const unsigned char *s, size_t len, size_t i, size_t *next)
{
    int32_t cp = tg_utf8_next(s, len, &i);
    *next = i;
    return cp < 0 ? 0xFFFD : (uint32_t)cp;
}

/* The character at s[i], its info and the offset after it: ASCII and two-byte
 * sequences (all of Cyrillic) read the table directly, since every code point below
 * U+0800 is in it; the rest go through the decoder. */
static inline tg_charinfo char_at(const tg_fold *f, const unsigned char *s, size_t len,
                                  size_t i, uint32_t *cp, size_t *next)
{
    unsigned b = s[i];
    if (b < 0x80) {
        *cp = b;
        *next = i + 1;
        return f->table[b];
    }
    if (b - 0xC2u <= 0xDFu - 0xC2u && len - i >= 2 && (s[i + 1] & 0xC0u) == 0x80u) {
        uint32_t c = ((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
        *cp = c;
        *next = i + 2;
        return f->table[c];
    }
    *cp = decode(s, len, i, next);
    return tg_fold_get(f, *cp);
}
_Static_assert(TG_FOLD_TABLE >= 0x800, "char_at reads two-byte characters from the table");

/* Append cp to the token buffer, which has room (reserved once per text). */
static inline char *put(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        *out = (char)cp;
        return out + 1;
    }
    return out + tg_utf8_put(cp, out);
}

/* The token flags of a word whose characters' classes, ORed, are cls (TK_FIRST_UPPER
 * aside). Each class bit maps to one flag, so ORing first and mapping once is the
 * same as mapping each character. */
static inline uint32_t class_flags(uint32_t cls)
{
    return ((cls & TG_C_UPPER) ? TK_HAS_UPPER : 0) | ((cls & TG_C_LOWER) ? TK_HAS_LOWER : 0) |
           ((cls & TG_C_CYRILLIC) ? TK_CYRILLIC : 0) | ((cls & TG_C_DIGIT) ? TK_DIGIT : 0);
}

/* After an apostrophe inside a Latin word, with a letter at s[i]: is it a possessive
 * 's that ends the word? */
static int possessive_follows(const tg_fold *f, const unsigned char *s, size_t len, size_t i)
{
    size_t next;
    if (tg_fold_get(f, decode(s, len, i, &next)).fold != 's')
        return 0;
    if (next >= len)
        return 1;
    return !(tg_fold_get(f, decode(s, len, next, &next)).cls & TG_C_WORD);
}

/* Whether the first letter of the word s[from, to) is upper case: for the few words
 * that do not start with a letter, the only ones that need a second look. */
static uint32_t first_letter_upper(const tg_fold *f, const unsigned char *s, size_t len,
                                   size_t from, size_t to)
{
    while (from < to) {
        tg_charinfo ci = tg_fold_get(f, decode(s, len, from, &from));
        if (ci.cls & TG_C_LETTER)
            return (ci.cls & TG_C_UPPER) ? TK_FIRST_UPPER : 0;
    }
    return 0;
}

int tg_tokenize(const tg_fold *f, const char *text, size_t len, tg_token_vec *tokens,
                tg_char_vec *norm)
{
    const unsigned char *s = (const unsigned char *)text;
    const tg_charinfo *ascii = f->table; /* the first 128 entries */
    tokens->n = 0;
    norm->n = 0;
    /* Folding maps one character to one, and never to more than twice its bytes
     * (two-byte letters may fold to three), so this is room for every token. */
    if (vec_reserve(*norm, 2 * len + 4))
        return -1;
    char *const base = norm->v;
    char *out = base;
    size_t i = 0;
    uint32_t cpi = 0; /* code point index of s[i] */
    /* The token vector's fields, in registers. */
    tg_token *tv = tokens->v;
    size_t ntok = 0, tcap = tokens->cap;
    uint32_t pending = TK_LINE_START | TK_SENT_START;
    while (i < len) {
        size_t next;
        uint32_t cp;
        tg_charinfo ci;
        if (s[i] < 0x80) {
            cp = s[i];
            ci = ascii[cp];
            next = i + 1;
        } else {
            cp = decode(s, len, i, &next);
            ci = tg_fold_get(f, cp);
        }
        if (ci.cls & TG_C_SPACE) {
            if (cp == '\n')
                pending |= TK_LINE_START | TK_SENT_START;
            i = next;
            cpi++;
            continue;
        }
        uint32_t norm_off = (uint32_t)(out - base), start = (uint32_t)i, cp_start = cpi;
        uint32_t end, cp_end, flags = pending;
        pending = 0;
        if (!(ci.cls & TG_C_WORD)) {
            out = put(out, ci.fold);
            i = next;
            cpi++;
            if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
                pending = TK_SENT_START;
            end = (uint32_t)i;
            cp_end = cpi;
        } else {
            uint32_t first = ci.cls, acc = 0;
            int possessive = 0;
            for (;;) {
                acc |= ci.cls;
                out = put(out, ci.fold);
                i = next;
                cpi++;
                /* The rest of an ASCII run: a table load and a store per byte. */
                while (i < len && s[i] < 0x80 && (ascii[s[i]].cls & TG_C_WORD)) {
                    acc |= ascii[s[i]].cls;
                    *out++ = (char)ascii[s[i]].fold;
                    i++;
                    cpi++;
                }
                if (i >= len)
                    break;
                ci = char_at(f, s, len, i, &cp, &next);
                if (ci.cls & TG_C_WORD)
                    continue;
                if (!(ci.cls & TG_C_APOS) || next >= len)
                    break;
                /* An apostrophe: inside the word only if a letter follows. */
                size_t next2;
                if (!(tg_fold_get(f, decode(s, len, next, &next2)).cls & TG_C_LETTER))
                    break;
                if (!(acc & TG_C_CYRILLIC) && possessive_follows(f, s, len, next)) {
                    possessive = 1;
                    break;
                }
                /* else the apostrophe is part of the word: the loop appends it */
            }
            end = (uint32_t)i;
            cp_end = cpi;
            flags |= TK_WORD | class_flags(acc);
            if (possessive) {
                /* The word ends at the apostrophe; the 's after it is skipped. */
                flags |= TK_POSSESSIVE;
                i = next;
                (void)decode(s, len, i, &i);
                cpi += 2;
            }
            if (first & TG_C_LETTER)
                flags |= (first & TG_C_UPPER) ? TK_FIRST_UPPER : 0;
            else if (acc & TG_C_UPPER)
                flags |= first_letter_upper(f, s, len, start, end);
        }
        if (ntok == tcap) {
            tokens->n = ntok;
            if (vec_reserve(*tokens, 1)) {
                norm->n = (size_t)(out - base);
                return -1;
            }
            tv = tokens->v;
            tcap = tokens->cap;
        }
        tg_token *t = &tv[ntok++];
        t->norm_off = norm_off;
        t->norm_len = (uint32_t)(out - base) - norm_off;
        t->byte_start = start;
        t->byte_end = end;
        t->cp_start = cp_start;
        t->cp_end = cp_end;
        t->flags = flags;
    }
    tokens->n = ntok;
    norm->n = (size_t)(out - base);
    return 0;
}
