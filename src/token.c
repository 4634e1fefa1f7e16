/*
 * token.c - the tokenizer.
 *
 * One pass over the input: decode, fold, classify, and cut. Gazetteer aliases are
 * tokenized by this same function, so whatever it decides about hyphens or
 * apostrophes applies to both sides of a match and they always agree.
 *
 * Every byte of every document passes through here, so the loop is shaped for the
 * common case. An ASCII byte is one load of its packed entry (tg_fold.byte: folded
 * byte, class and line/sentence bits) and one bit test; a run of ASCII word bytes
 * needs no bound check when a non-word byte is known to follow (`guard`). A run of
 * two-byte characters (Cyrillic) is assembled in place and read from the table. Code
 * point offsets come from byte offsets minus the continuation bytes seen (`extra`),
 * which only multibyte characters change. A word's character classes are ORed
 * together and turned into token flags once, at its end, by a table; only a word
 * that does not start with a letter ("5G") looks for its first letter again. The
 * cursor and the output pointer are locals: a store through a char pointer may alias
 * anything, so fields behind a pointer would be reloaded after every byte written.
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
 * same as mapping each character; the mapping is a table of the eight class bits
 * from TG_C_UPPER to TG_C_MARK (a load instead of five tests). */
#define CF(c)                                                                              \
    ((((c) << 1) & TG_C_UPPER ? TK_HAS_UPPER : 0) | (((c) << 1) & TG_C_LOWER ? TK_HAS_LOWER : 0) | \
     (((c) << 1) & TG_C_CYRILLIC ? TK_CYRILLIC : 0) | (((c) << 1) & TG_C_DIGIT ? TK_DIGIT : 0) |  \
     (((c) << 1) & (TG_C_APOS | TG_C_MARK) ? TK_APOS_MARK : 0))
#define CF4(c) CF(c), CF((c) + 1), CF((c) + 2), CF((c) + 3)
#define CF16(c) CF4(c), CF4((c) + 4), CF4((c) + 8), CF4((c) + 12)
#define CF64(c) CF16(c), CF16((c) + 16), CF16((c) + 32), CF16((c) + 48)
static const uint16_t class_flag_table[256] = {CF64(0), CF64(64), CF64(128), CF64(192)};
#undef CF
#undef CF4
#undef CF16
#undef CF64
_Static_assert(TG_C_UPPER == 2 && TG_C_MARK == 256, "class_flag_table spans UPPER..MARK");

static inline uint32_t class_flags(uint32_t cls)
{
    return class_flag_table[(cls >> 1) & 0xFF];
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

/* The charinfo of an ASCII byte from its entry in tg_fold.byte. */
static inline tg_charinfo ascii_info(uint32_t e)
{
    return (tg_charinfo){e & TG_FB_FOLD, (e & (TG_FB_MULTI - 1)) >> TG_FB_CLS_SHIFT};
}

/* A newline's and a sentence end's entry bits, shifted by PENDING_SHIFT, are the
 * flags they leave pending for the next token. */
#define PENDING_SHIFT 14
_Static_assert(TG_FB_LINE_END >> PENDING_SHIFT == TK_LINE_START, "entry bit is the token flag");
_Static_assert(TG_FB_SENT_END >> PENDING_SHIFT == TK_SENT_START, "entry bit is the token flag");

/* A word's flags while it is read: the first character is not a letter, so
 * TK_FIRST_UPPER waits for first_letter_upper at the end. Not a token flag. */
#define FIRST_NOT_LETTER 0x80000000u

/* After an apostrophe at s[i] (ends at next) inside a word whose classes so far are
 * acc (entry layout): 1 when it is part of the word, 0 when it ends the word, 2 when
 * a possessive 's follows (the word ends). */
static inline int apostrophe_inside(const tg_fold *f, const unsigned char *s, size_t len,
                                    size_t next, uint32_t acc)
{
    size_t next2;
    if (next >= len || !(tg_fold_get(f, decode(s, len, next, &next2)).cls & TG_C_LETTER))
        return 0;
    if (!(acc & TG_FB(TG_C_CYRILLIC)) && possessive_follows(f, s, len, next))
        return 2;
    return 1;
}

int tg_tokenize(const tg_fold *f, const char *text, size_t len, tg_token_vec *tokens,
                tg_char_vec *norm)
{
    const unsigned char *s = (const unsigned char *)text;
    const unsigned char *const s_end = s + len;
    tokens->n = 0;
    norm->n = 0;
    /* Folding maps one character to one, and never to more than twice its bytes
     * (two-byte letters may fold to three), so this is room for every token. */
    if (vec_reserve(*norm, 2 * len + 4) || vec_reserve(*tokens, 16))
        return -1;
    char *const base = norm->v;
    char *out = base;
    size_t i = 0;
    /* Continuation bytes before s[i]: the code point index of s[i] is i - extra. It
     * changes only at a multibyte character, where an ASCII byte would have to count
     * one code point each. */
    size_t extra = 0;
    /* The offset after the last byte that is not a word character by its entry (an
     * ASCII word character's has TG_C_WORD, a byte of a multibyte sequence's not), 0
     * when there is none: an ASCII run that starts before it ends there at the
     * latest. Almost always len - 1 or len. */
    size_t guard = len;
    while (guard > 0 && (f->byte[s[guard - 1]] & TG_FB(TG_C_WORD)))
        guard--;
    /* The next token and the end of the vector's room (never NULL, reserved above), in
     * registers. */
    tg_token *t = tokens->v, *tend = tokens->v + tokens->cap;
    uint32_t pending = TK_LINE_START | TK_SENT_START;
    while (i < len) {
        uint32_t e = f->byte[s[i]];
        size_t next;
        uint32_t cp;
        tg_charinfo ci;
        if ((e & (TG_FB_MULTI | TG_FB(TG_C_SPACE))) == TG_FB(TG_C_SPACE)) {
            /* A run of ASCII whitespace, read in a loop of its own (most are one
             * space between two words) and its entries ORed: the token after it is
             * then taken in this same pass rather than the next. */
            uint32_t ws = e;
            while (++i < len &&
                   ((e = f->byte[s[i]]) & (TG_FB_MULTI | TG_FB(TG_C_SPACE))) == TG_FB(TG_C_SPACE))
                ws |= e;
            pending |= (ws >> PENDING_SHIFT) & (TK_LINE_START | TK_SENT_START);
            if (i >= len)
                break;
        }
        if (!(e & TG_FB_MULTI)) {
            ci = ascii_info(e);
            cp = s[i];
            next = i + 1;
        } else {
            ci = char_at(f, s, len, i, &cp, &next);
            if (ci.cls & TG_C_SPACE) {
                extra += next - i - 1;
                i = next;
                continue;
            }
        }
        if (t == tend) {
            tokens->n = (size_t)(t - tokens->v);
            if (vec_reserve(*tokens, 1)) {
                norm->n = (size_t)(out - base);
                return -1;
            }
            t = tokens->v + tokens->n;
            tend = tokens->v + tokens->cap;
        }
        /* The start is stored now, so that it does not occupy registers in the loop. */
        t->norm_off = (uint32_t)(out - base);
        t->byte_start = (uint32_t)i;
        t->cp_start = (uint32_t)(i - extra);
        uint32_t flags = pending;
        if (!(ci.cls & TG_C_WORD)) {
            out = put(out, ci.fold);
            pending = ((e >> PENDING_SHIFT) & TK_SENT_START) | (cp == 0x2026 ? TK_SENT_START : 0);
            extra += next - i - 1;
            i = next;
            t->byte_end = (uint32_t)i;
            t->cp_end = (uint32_t)(i - extra);
        } else {
            pending = 0;
            flags |= !(ci.cls & TG_C_LETTER) ? FIRST_NOT_LETTER
                     : (ci.cls & TG_C_UPPER) ? TK_FIRST_UPPER : 0;
            uint32_t acc = 0; /* the classes of the word's characters, ORed, shifted as in entries */
            int apos = 0;     /* apostrophe_inside of the apostrophe that ended the word */
            /* A word that starts with an ASCII character starts with an ASCII run. */
            if (e & TG_FB_MULTI) {
                acc = TG_FB(ci.cls);
                out = put(out, ci.fold);
                extra += next - i - 1;
                i = next;
            }
            for (;;) {
                /* An ASCII run: one entry load, one test and one store a byte. A
                 * cursor of its own and f->byte rather than a copy of the pointer:
                 * fewer registers, so the loop's own values stay in them. A run that
                 * starts before `guard` stops before it, so its loop needs no bound
                 * check. */
                const unsigned char *p = s + i;
                size_t k = 0;
                if (i < guard) {
                    while ((e = f->byte[p[k]]) & TG_FB(TG_C_WORD)) {
                        acc |= e;
                        out[k++] = (char)e;
                    }
                } else {
                    while (p + k < s_end && ((e = f->byte[p[k]]) & TG_FB(TG_C_WORD))) {
                        acc |= e;
                        out[k++] = (char)e;
                    }
                }
                out += k;
                i += k;
                /* An ASCII byte that is not an apostrophe ends the word. */
                if (i >= len || !(e & (TG_FB_MULTI | TG_FB(TG_C_APOS))))
                    break;
                if (e & TG_FB_MULTI) {
                    /* A run of two-byte word characters (all of Cyrillic), assembled
                     * in place and read from the table; the code point count is
                     * settled once after it. */
                    size_t from = i;
                    for (;;) {
                        if (len - i < 2)
                            break; /* checked before the read: the text may end here */
                        unsigned b = s[i];
                        if (b - 0xC2u > 0xDFu - 0xC2u || (s[i + 1] & 0xC0u) != 0x80u)
                            break;
                        tg_charinfo c2 = f->table[((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)];
                        if (!(c2.cls & TG_C_WORD))
                            break;
                        acc |= TG_FB(c2.cls);
                        out = put(out, c2.fold);
                        i += 2;
                    }
                    if (i != from) {
                        extra += (i - from) / 2;
                        continue;
                    }
                    ci = char_at(f, s, len, i, &cp, &next);
                    if (!(ci.cls & TG_C_WORD) &&
                        (!(ci.cls & TG_C_APOS) || (apos = apostrophe_inside(f, s, len, next, acc)) != 1))
                        break;
                } else {
                    ci = ascii_info(e);
                    next = i + 1;
                    if ((apos = apostrophe_inside(f, s, len, next, acc)) != 1)
                        break;
                }
                acc |= TG_FB(ci.cls);
                out = put(out, ci.fold);
                extra += next - i - 1;
                i = next;
            }
            t->byte_end = (uint32_t)i;
            t->cp_end = (uint32_t)(i - extra);
            flags |= TK_WORD | class_flags(acc >> TG_FB_CLS_SHIFT);
            if (apos == 2) {
                /* The word ends at the apostrophe; the 's after it, two code points,
                 * is skipped. */
                size_t end = i;
                flags |= TK_POSSESSIVE;
                i = next;
                (void)decode(s, len, i, &i);
                extra += i - end - 2;
            }
            if (flags & FIRST_NOT_LETTER) {
                flags &= ~FIRST_NOT_LETTER;
                if (acc & TG_FB(TG_C_UPPER))
                    flags |= first_letter_upper(f, s, len, t->byte_start, t->byte_end);
            }
        }
        t->norm_len = (uint32_t)(out - base) - t->norm_off;
        t->flags = flags;
        t++;
    }
    tokens->n = (size_t)(t - tokens->v);
    norm->n = (size_t)(out - base);
    return 0;
}
