/*
 * token.c - the tokenizer.
 *
 * One pass over the input: decode, fold, classify, and cut. Gazetteer aliases are
 * tokenized by this same function, so whatever it decides about hyphens or
 * apostrophes applies to both sides of a match and they always agree.
 *
 * Every byte of every document passes through here, so the work is split in three.
 * A first loop (fast_tokens) takes ASCII whitespace, punctuation and words: a word
 * that ends within sixteen bytes at ASCII other than an apostrophe is one SIMD pass
 * (ascii_word.h); so is one before a possessive 's or an apostrophe that ends it
 * ("Russia's", "players' "). Most are a character and lower-case letters after it,
 * whose flags are the first byte's (TG_FB_WORD_SHIFT); the others' are made from the
 * pass's masks. It returns at any other token, and tg_tokenize hands that to a
 * second loop (mixed_tokens); both are out of
 * line and call nothing in their loops, so that each keeps its values in registers.
 * The second returns at the next ASCII word. There a word that
 * starts with Cyrillic letters is eight letters a pass (tg_cyr_word_run), and written
 * from the passes' masks when it ends at ASCII (and the next one, after a space,
 * goes straight to its pass). Together they take
 * the tokens of nearly every text: ASCII whitespace
 * and punctuation, two-byte punctuation, the quotes, dashes and other symbols of
 * U+2000..U+2FFF (three bytes, lead E2), and words of ASCII and two-byte characters
 * that end at anything but an apostrophe. An ASCII byte is one load of its packed
 * entry (tg_fold.byte: folded byte, class and line/sentence bits) and one bit test,
 * a Cyrillic letter one load of tg_fold.two and a two-byte copy, and no bound is
 * checked (see fast_tokens). Any other token goes, from its start, to the general
 * path (slow_token), which decodes character by character and knows every rule:
 * apostrophes inside words, possessives, characters of three and four bytes, invalid
 * bytes, the end of the text. Code point offsets come from byte offsets minus the
 * continuation bytes seen (`extra`), which only multibyte characters change. A
 * word's character classes are ORed together and turned into token flags once, at
 * its end, by a table; only a word that does not start with a letter ("5G") looks
 * for its first letter again. The cursor and the output pointer are locals: a store
 * through a char pointer may alias anything, so fields behind a pointer would be
 * reloaded after every byte written.
 */
#include "token.h"

#include "ascii_word.h"
#include "bytes.h"
#include "cyr_word.h"
#include "utf8.h"

#include <string.h>

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

/* A character of three bytes with lead E2, U+2000..U+2FFF: general punctuation (’ “
 * ” – — …, and the thin and zero-width spaces), letterlike symbols, arrows, math and
 * box drawing - most of the non-ASCII punctuation of English news. All are in the
 * table, so the fast path takes them as it takes two-byte characters: its code point
 * from the three bytes, into *ci, when p starts such a sequence; 0 otherwise. p[1] is
 * read only when p[0] is E2 and p[2] only when p[1] is a continuation byte, so a
 * sequence cut short by the text's end (or by an ASCII byte) is never read past.
 * Every E2 sequence with two continuation bytes is valid UTF-8 (E2 is neither an
 * overlong lead nor a surrogate one). */
static inline int e2_char(const tg_fold *f, const unsigned char *p, tg_charinfo *ci)
{
    if (p[0] != 0xE2u || (p[1] & 0xC0u) != 0x80u || (p[2] & 0xC0u) != 0x80u)
        return 0;
    *ci = f->table[0x2000u | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu)];
    return 1;
}
_Static_assert(TG_FOLD_TABLE >= 0x3000, "e2_char reads U+2000..U+2FFF from the table");

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
_Static_assert(TK_HAS_UPPER == 1 << 2 && TK_HAS_LOWER == 1 << 3 && TK_DIGIT == 1 << 6 &&
                   TK_FIRST_UPPER == 1 << 1,
               "the flags made from 16-bit masks by (m + 0xFFFF) >> (16 - bit)");

static inline uint32_t class_flags(uint32_t cls)
{
    return class_flag_table[(cls >> 1) & 0xFF];
}

/* TK_ASCII for a word token whose offsets are written: every character one byte
 * when it spans as many code points as bytes. (The fast path's ASCII words have it
 * from their first byte's entry or from ascii_word_flags.) */
static inline uint32_t ascii_flag(const tg_token *t)
{
    return t->byte_end - t->byte_start == t->cp_end - t->cp_start ? TK_ASCII : 0;
}

/* The classes of ASCII's upper-case letters, lower-case letters and digits, which
 * tg_ascii_word_run finds by their bytes (test_token checks the table agrees). */
#define ASCII_UPPER (TG_C_WORD | TG_C_LETTER | TG_C_UPPER)
#define ASCII_LOWER (TG_C_WORD | TG_C_LETTER | TG_C_LOWER)
#define ASCII_DIGIT (TG_C_WORD | TG_C_DIGIT)

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

/* Is the character at s[i] a word character? */
static int word_char_at(const tg_fold *f, const unsigned char *s, size_t len, size_t i)
{
    uint32_t cp;
    size_t next;
    return i < len && (char_at(f, s, len, i, &cp, &next).cls & TG_C_WORD);
}

/* A word [from, to) of Cyrillic and ASCII letters: when one script has more letters
 * and every letter of the other looks like one of it (tg_fold_homoglyph), write its
 * folded bytes again at `word`, those letters as the ones they look like, set *out
 * past them and return TK_TO_CYRILLIC or TK_TO_LATIN; else 0, and nothing changes
 * ("СхідSide", "UAЮ": a name of both scripts). The word's other characters are
 * written as the word loop wrote them (tg_token_fold), so byte_of_norm walks it. */
static uint32_t unmix_scripts(const tg_fold *f, const unsigned char *s, size_t from,
                              size_t to, char *word, char **out)
{
    size_t cyr = 0, lat = 0, cyr_like = 0, lat_like = 0;
    uint32_t cp;
    size_t next;
    for (size_t i = from; i < to; i = next) {
        tg_charinfo ci = char_at(f, s, to, i, &cp, &next);
        if (!(ci.cls & TG_C_LETTER))
            continue;
        if (ci.cls & TG_C_CYRILLIC) {
            cyr++;
            cyr_like += tg_fold_homoglyph(cp, 0) != 0;
        } else if (cp < 0x80) {
            lat++;
            lat_like += tg_fold_homoglyph(cp, 1) != 0;
        } else {
            return 0; /* a letter of neither (é): not a slip of the keyboard */
        }
    }
    uint32_t flag = cyr > lat && lat_like == lat   ? TK_TO_CYRILLIC
                    : lat > cyr && cyr_like == cyr ? TK_TO_LATIN
                                                   : 0;
    if (!flag)
        return 0;
    char *o = word;
    for (size_t i = from; i < to; i = next) {
        tg_charinfo ci = char_at(f, s, to, i, &cp, &next);
        uint32_t folded = tg_token_fold(ci, cp, flag);
        if (folded)
            o = put(o, folded);
    }
    *out = o;
    return flag;
}

/* Where the tokenizer is between tokens: the next input byte, the continuation
 * bytes before it (the code point index of s[i] is i - extra), the next folded byte
 * and token, and the line/sentence flags waiting for the next token. */
typedef struct cursor {
    size_t i, extra;
    char *out;
    tg_token *t;
    uint32_t pending;
} cursor;

/* The general path: skip the whitespace at c->i, then cut one token, whatever its
 * characters (three- and four-byte ones, apostrophes inside words, possessives,
 * invalid bytes, the end of the text). There is room for the token. Out of line: it
 * runs for a few tokens a document, and kept apart it leaves the registers of the
 * fast loop alone. */
static __attribute__((noinline)) void slow_token(const tg_fold *f, const unsigned char *s,
                                                 size_t len, const char *base, cursor *c)
{
    size_t i = c->i, extra = c->extra;
    char *out = c->out;
    tg_token *t = c->t;
    uint32_t pending = c->pending;
    tg_charinfo ci;
    uint32_t e, cp;
    size_t next;
    for (;;) {
        if (i >= len)
            goto done;
        e = f->byte[s[i]];
        if (!(e & TG_FB_MULTI)) {
            ci = ascii_info(e);
            cp = s[i];
            next = i + 1;
        } else {
            ci = char_at(f, s, len, i, &cp, &next);
        }
        if (!(ci.cls & TG_C_SPACE))
            break;
        pending |= (e >> PENDING_SHIFT) & (TK_LINE_START | TK_SENT_START);
        extra += next - i - 1;
        i = next;
    }
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
        /* the classes of the word's characters, ORed, as in entries */
        uint32_t acc = TG_FB(ci.cls);
        int apos = 0; /* apostrophe_inside of the apostrophe that ended the word */
        int latin = cp < 0x80 && (ci.cls & TG_C_LETTER); /* an ASCII letter in it */
        char *word = out;
        out = put(out, ci.fold);
        extra += next - i - 1;
        i = next;
        while (i < len) {
            ci = char_at(f, s, len, i, &cp, &next);
            if (tg_fold_ignorable(ci) && word_char_at(f, s, len, next)) {
                /* A soft hyphen or zero-width character inside the word: part of
                 * the token, which is then not all letters and digits (TK_APOS_MARK),
                 * and no folded byte. */
                acc |= TG_FB(TG_C_MARK);
                extra += next - i - 1;
                i = next;
                continue;
            }
            if (!(ci.cls & TG_C_WORD) &&
                (!(ci.cls & TG_C_APOS) || (apos = apostrophe_inside(f, s, len, next, acc)) != 1))
                break;
            acc |= TG_FB(ci.cls);
            latin |= cp < 0x80 && (ci.cls & TG_C_LETTER);
            out = put(out, ci.fold);
            extra += next - i - 1;
            i = next;
        }
        t->byte_end = (uint32_t)i;
        t->cp_end = (uint32_t)(i - extra);
        flags |= TK_WORD | class_flags(acc >> TG_FB_CLS_SHIFT) | ascii_flag(t);
        if (latin && (acc & TG_FB(TG_C_CYRILLIC))) {
            uint32_t to = unmix_scripts(f, s, t->byte_start, i, word, &out);
            flags |= to;
            if (to == TK_TO_LATIN)
                flags &= ~(uint32_t)TK_CYRILLIC;
        }
        if (apos == 2) {
            /* The word ends at the apostrophe; the 's after it, two code points, is
             * skipped. */
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
done:
    c->i = i;
    c->extra = extra;
    c->out = out;
    c->t = t;
    c->pending = pending;
}

/* Both fast loops (mixed_tokens, fast_tokens) step over ASCII whitespace and write
 * ASCII punctuation the same way; these are always inlined, so that each loop keeps its
 * cursors in registers. */

/* Step over the run of ASCII whitespace at p, whose table entry is *e, adding its line
 * and sentence flags to *pending; *e becomes the entry of the byte after the run.
 * Only ASCII entries have class bits. Most runs are one space. */
static inline __attribute__((always_inline)) const unsigned char *
skip_spaces(const uint32_t *tb, const unsigned char *p, uint32_t *e, uint32_t *pending)
{
    uint32_t x = *e, flags = *pending;
    do
        flags |= (x >> PENDING_SHIFT) & (TK_LINE_START | TK_SENT_START);
    while ((x = tb[*++p]) & TG_FB(TG_C_SPACE));
    *e = x;
    *pending = flags;
    return p;
}

/* Write the ASCII punctuation token at p (table entry e; one byte, maybe a sentence
 * end) to t and its folded byte to out. Returns the flags pending for the next token. */
static inline __attribute__((always_inline)) uint32_t
put_punct(tg_token *t, char *out, const char *base, const unsigned char *s,
          const unsigned char *cs, const unsigned char *p, uint32_t e, uint32_t pending)
{
    t->norm_off = (uint32_t)(out - base);
    t->norm_len = 1;
    t->byte_start = (uint32_t)(p - s);
    t->byte_end = (uint32_t)(p + 1 - s);
    t->cp_start = (uint32_t)(p - cs);
    t->cp_end = (uint32_t)(p + 1 - cs);
    t->flags = pending;
    *out = (char)e;
    return (e >> PENDING_SHIFT) & TK_SENT_START;
}

/* The fast path's second loop, for the tokens of nearly every text: ASCII
 * whitespace, ASCII and two-byte punctuation, and words of ASCII and two-byte
 * characters (all of Latin and Cyrillic) that end at anything but an apostrophe. It
 * returns, at the start of a token, on any other token and when the cursor reaches
 * `end` (s + `lim`); the general path takes that token, from its start. It returns 1 when it stops at an ASCII word
 * that fast_tokens' word pass may take (never at its first token, so that it always
 * moves), 0 otherwise.
 *
 * It checks no bounds; `lim` is set so that it need not:
 * - `lim` is at most `ws_guard`, the offset after the last byte that is not ASCII
 *   whitespace: a whitespace run that starts before it stops at a byte of the text;
 * - `lim` is at most `guard`, the offset after the last ASCII byte that is not a word
 *   character: a word that starts before it stops at that byte at the latest,
 *   whether it runs over ASCII or two-byte characters, and the lead byte of a
 *   two-byte character before it is followed by a byte of the text;
 * - `lim` is at most the cursor plus the free token slots: every token takes at
 *   least a byte, so the slots do not run out.
 *
 * An ASCII word byte is one load of its entry (tg_fold.byte), one bit test and one
 * store; its token's offsets are pointer differences, the code point offsets from
 * `cs`, which is s + extra (the cursor's offsets are turned into pointers on entry
 * and back on return). */
static __attribute__((noinline)) int mixed_tokens(const tg_fold *f, const unsigned char *s,
                                                  size_t lim, size_t len, char *base, cursor *c)
{
    const uint32_t *const tb = f->byte;
#if TG_ASCII_WORD_SIMD || TG_CYR_WORD_SIMD
    /* where fewer than sixteen bytes of the text are left */
    const unsigned char *const simd_end = s + (len >= 16 ? len - 15 : 0);
#else
    (void)len;
#endif
    const unsigned char *p = s + c->i, *const first = p, *const end = s + lim;
#if TG_CYR_WORD_SIMD
    /* where a word may start that the Cyrillic pass takes without the loop's tests */
    const unsigned char *const cyr_end = end < simd_end ? end : simd_end;
#endif
    const unsigned char *cs = s + c->extra;
    int took = 0;
#if !TG_ASCII_WORD_SIMD
    (void)first;
#endif
    char *out = c->out;
    tg_token *t = c->t;
    uint32_t pending = c->pending;
    while (p < end) {
        uint32_t e = tb[*p];
        if (e & TG_FB(TG_C_SPACE)) {
            p = skip_spaces(tb, p, &e, &pending);
            if (p >= end)
                break;
        }
        if (!(e & (TG_FB(TG_C_WORD) | TG_FB_MULTI))) {
            pending = put_punct(t++, out++, base, s, cs, p++, e, pending);
            continue;
        }
        /* The start is stored now, and the cursor moves over the token: fewer values
         * live in the loop, so they stay in registers. When the general path has to
         * take the token, the cursor goes back to these. */
        t->norm_off = (uint32_t)(out - base);
        t->byte_start = (uint32_t)(p - s);
        t->cp_start = (uint32_t)(p - cs);
        uint32_t acc; /* the classes of the token's characters, ORed, as in entries */
        if (e & TG_FB(TG_C_WORD)) {
#if TG_ASCII_WORD_SIMD
            /* An ASCII word: back to fast_tokens' word pass (what was stored of
             * this token is written again there). Tested here, where Cyrillic
             * words do not pass. */
            if (p != first && p < simd_end) {
                took = 1;
                goto ascii;
            }
#endif
            acc = e; /* taken here: the loop below would read it again */
            *out++ = (char)e;
            p++;
        } else {
#if TG_CYR_WORD_SIMD
            if (p < simd_end && (p[0] & 0xFEu) == 0xD0u) {
                /* A word that starts with Cyrillic letters (cyr_word.h): eight a pass.
                 * When they end at ASCII that is neither a word character nor an
                 * apostrophe - most Cyrillic words - the token is written from the
                 * passes' masks; otherwise the loop below goes on from there. */
            cyr_word: /* here from the end of the last word, with e = tb[*p] */
                ;
                unsigned up, lo;
                size_t n = tg_cyr_word_run(p, out, &up, &lo);
                if (n) {
                    uint32_t fu = (up & 1) ? TK_FIRST_UPPER : 0;
                    unsigned any_up = up, any_lo = lo;
                    const unsigned char *q = p + 2 * n;
                    while (n == 8 && q < simd_end) {
                        n = tg_cyr_word_run(q, out + (q - p), &up, &lo);
                        any_up |= up;
                        any_lo |= lo;
                        q += 2 * n;
                    }
                    size_t k = (size_t)(q - p); /* folded as many bytes */
                    out += k;
                    cs += k / 2;
                    p = q;
                    e = tb[*p];
                    if (!(e & (TG_FB(TG_C_WORD | TG_C_APOS) | TG_FB_MULTI))) {
                        t->norm_len = (uint32_t)k;
                        t->byte_end = (uint32_t)(p - s);
                        t->cp_end = (uint32_t)(p - cs);
                        /* masks below 1 << 16: + 0xFFFF carries into bit 16 when
                         * one is not zero, then shifted to the flag's bit */
                        t->flags = pending | TK_WORD | TK_CYRILLIC | fu |
                                   (((any_up + 0xFFFFu) >> 14) & TK_HAS_UPPER) |
                                   (((any_lo + 0xFFFFu) >> 13) & TK_HAS_LOWER);
                        t++;
                        pending = 0;
                        p += *p == ' '; /* as in fast_tokens */
                        /* The next word, after one space, is Cyrillic too in most
                         * Cyrillic text: straight to its pass, past the loop's tests
                         * of what starts there. */
                        if (p < cyr_end && (p[0] & 0xFEu) == 0xD0u) {
                            t->norm_off = (uint32_t)(out - base);
                            t->byte_start = (uint32_t)(p - s);
                            t->cp_start = (uint32_t)(p - cs);
                            e = TG_FB_MULTI;
                            goto cyr_word;
                        }
                        continue;
                    }
                    acc = TG_FB(TG_C_WORD | TG_C_LETTER | TG_C_CYRILLIC |
                                (any_up ? TG_C_UPPER : 0) | (any_lo ? TG_C_LOWER : 0));
                    t->flags = pending | fu;
                    goto word_rest;
                }
            }
#endif
            unsigned b = p[0];
            tg_charinfo ci;
            if (b - 0xC2u > 0xDFu - 0xC2u || (p[1] & 0xC0u) != 0x80u) {
                /* A quote, dash or other symbol of U+2000..U+2FFF that is no word
                 * character or space: one character, a token of its own; the
                 * ellipsis ends a sentence. Anything else of three or four bytes,
                 * or invalid: the general path. */
                if (!e2_char(f, p, &ci) || (ci.cls & (TG_C_WORD | TG_C_SPACE)))
                    break;
                uint32_t ellipsis = p[1] == 0x80u && p[2] == 0xA6u; /* U+2026 */
                out = put(out, ci.fold);
                p += 3;
                cs += 2;
                t->norm_len = (uint32_t)(out - base) - t->norm_off;
                t->byte_end = (uint32_t)(p - s);
                t->cp_end = (uint32_t)(p - cs);
                t->flags = pending;
                t++;
                pending = ellipsis ? TK_SENT_START : 0;
                continue;
            }
            ci = f->table[((b & 0x1Fu) << 6) | (p[1] & 0x3Fu)];
            if (!(ci.cls & TG_C_WORD)) {
                if (ci.cls & TG_C_SPACE)
                    break; /* no-break space: rare, the general path */
                /* Two-byte punctuation (« »): one character, no sentence end. */
                out = put(out, ci.fold);
                p += 2;
                cs++;
                t->norm_len = (uint32_t)(out - base) - t->norm_off;
                t->byte_end = (uint32_t)(p - s);
                t->cp_end = (uint32_t)(p - cs);
                t->flags = pending;
                t++;
                pending = 0;
                continue;
            }
            acc = TG_FB(ci.cls);
        }
        /* A word: runs of ASCII and of two-byte characters, in turn, from the one
         * that e starts. Its first character says TK_FIRST_UPPER, unless it is not a
         * letter ("5G"). */
        t->flags = pending | (!(acc & TG_FB(TG_C_LETTER)) ? FIRST_NOT_LETTER
                              : (acc & TG_FB(TG_C_UPPER)) ? TK_FIRST_UPPER : 0);
#if TG_CYR_WORD_SIMD
    word_rest:
#endif
        for (;;) {
            if (e & TG_FB_MULTI) {
                /* A run of two-byte word characters that fold to two bytes
                 * (Cyrillic): one entry, one bit test and a two-byte copy a
                 * character. Its classes are ORed apart and merged after it. */
                uint32_t acc2 = 0;
                const unsigned char *from = p;
                for (;;) {
                    unsigned b = p[0];
                    if (b - 0xC2u > 0xDFu - 0xC2u)
                        break; /* checked before p[1] is read: p[0] may be the last byte */
                    unsigned b1 = p[1];
                    if ((b1 & 0xC0u) != 0x80u)
                        break;
                    uint32_t d = f->two[((b & 0x1Fu) << 6) | (b1 & 0x3Fu)];
                    if (!(d & TG_F2_RUN))
                        break;
                    acc2 |= d;
                    uint16_t folded = (uint16_t)d;
                    memcpy(out, &folded, 2);
                    out += 2;
                    p += 2;
                }
                cs += (size_t)(p - from) / 2;
                acc |= (acc2 >> (TG_F2_CLS_SHIFT - TG_FB_CLS_SHIFT)) & TG_FB(0x1FF);
                if (p[0] >= 0x80) {
                    /* Any other character: a two-byte one that folds to one or three
                     * bytes (ſ, ª) or is no word character (« »: it ends the word), or
                     * one of three or four bytes (the general path takes the word). */
                    unsigned b = p[0];
                    tg_charinfo ci;
                    if (b - 0xC2u > 0xDFu - 0xC2u || (p[1] & 0xC0u) != 0x80u) {
                        /* A dash, quote or space of U+2000..U+2FFF ends the word
                         * here ("word—word"), unless it is an apostrophe (’), which
                         * may be inside it: its class bit sends the word to the
                         * general path below, as any other character's MULTI does. */
                        if (e2_char(f, p, &ci) && !(ci.cls & TG_C_WORD) &&
                            !tg_fold_ignorable(ci))
                            e = TG_FB(ci.cls);
                        break;
                    }
                    ci = f->table[((b & 0x1Fu) << 6) | (p[1] & 0x3Fu)];
                    if (!(ci.cls & TG_C_WORD)) {
                        /* a soft hyphen may be inside the word: the general path's */
                        e = tg_fold_ignorable(ci) ? TG_FB_MULTI : TG_FB(ci.cls);
                        break;
                    }
                    acc |= TG_FB(ci.cls);
                    out = put(out, ci.fold);
                    p += 2;
                    cs++;
                    continue;
                }
            }
#if TG_ASCII_WORD_SIMD
            /* Sixteen bytes a pass while sixteen are left in the text; the byte loop
             * below then reads the byte that ended the run, or finishes the word
             * near the end of the text. Not for a run that ends at once, as after
             * most Cyrillic runs and one-letter words. */
            while (p < simd_end && (tb[*p] & TG_FB(TG_C_WORD))) {
                unsigned up, lo, dg;
                size_t n = tg_ascii_word_run(p, out, &up, &lo, &dg);
                acc |= (up ? TG_FB(ASCII_UPPER) : 0) | (lo ? TG_FB(ASCII_LOWER) : 0) |
                       (dg ? TG_FB(ASCII_DIGIT) : 0);
                p += n;
                out += n;
                if (n < 16)
                    break;
            }
#endif
            size_t k = 0;
            while ((e = tb[p[k]]) & TG_FB(TG_C_WORD)) {
                acc |= e;
                out[k++] = (char)e;
            }
            p += k;
            out += k;
            if (!(e & TG_FB_MULTI))
                break;
            /* Without this the compiler keeps the last byte read above for p[0] in
             * the two-byte run, in one more register and with one more move a byte. */
            __asm__("" : "+r"(p));
        }
        /* It ended at e. An apostrophe may be inside the word, and a character of
         * three or four bytes may be anything: the general path decides, from the
         * start of the word. So it does for a word of Cyrillic letters and ASCII ones
         * (unmix_scripts), which has fewer bytes than twice its characters: one
         * compare a word, most of them Cyrillic. */
        if ((e & (TG_FB(TG_C_APOS) | TG_FB_MULTI)) ||
            ((acc & TG_FB(TG_C_CYRILLIC)) &&
             (size_t)(p - s) - t->byte_start != 2 * ((size_t)(p - cs) - t->cp_start))) {
            p = s + t->byte_start;
            cs = p - t->cp_start;
            out = base + t->norm_off;
            pending = t->flags & (TK_LINE_START | TK_SENT_START);
            break;
        }
        t->norm_len = (uint32_t)(out - base) - t->norm_off;
        t->byte_end = (uint32_t)(p - s);
        t->cp_end = (uint32_t)(p - cs);
        uint32_t flags =
            t->flags | TK_WORD | class_flags(acc >> TG_FB_CLS_SHIFT) | ascii_flag(t);
        if (flags & FIRST_NOT_LETTER) {
            flags &= ~FIRST_NOT_LETTER;
            if (acc & TG_FB(TG_C_UPPER))
                flags |= first_letter_upper(f, s, (size_t)(p - s), t->byte_start, t->byte_end);
        }
        t->flags = flags;
        t++;
        pending = 0;
    }
    took = 0;
#if TG_ASCII_WORD_SIMD
ascii:
#endif
    c->i = (size_t)(p - s);
    c->extra = (size_t)(cs - s);
    c->out = out;
    c->t = t;
    c->pending = pending;
    return took;
}

#if TG_ASCII_WORD_SIMD
/* The flags of the ASCII word whose n bytes are the bits `run` of a pass of
 * tg_ascii_load (blk), made from the pass's masks. */
static inline __attribute__((always_inline)) uint32_t ascii_word_flags(tg_ascii_block blk,
                                                                       unsigned run)
{
    unsigned letters = tg_ascii_letter_bits(blk) & run;
    unsigned lo = letters & tg_ascii_case_bits(blk), up = letters ^ lo, dg = run ^ letters;
    /* TK_FIRST_UPPER: the lowest bit of letters (-letters has it and, above it,
     * only bits that are not letters) is an upper-case one; so "5G" too. */
    return TK_WORD | TK_ASCII | (((up + 0xFFFFu) >> 14) & TK_HAS_UPPER) |
           (((lo + 0xFFFFu) >> 13) & TK_HAS_LOWER) | (((dg + 0xFFFFu) >> 10) & TK_DIGIT) |
           ((((up & -letters) + 0xFFFFu) >> 15) & TK_FIRST_UPPER);
}

/* Write the ASCII word of n bytes at input offset i (code point offset i - x, folded
 * bytes at o) to t, with these flags. */
static inline __attribute__((always_inline)) void
put_ascii_word(tg_token *t, size_t n, size_t i, size_t x, size_t o, uint32_t flags)
{
    t->norm_off = (uint32_t)o;
    t->norm_len = (uint32_t)n;
    t->byte_start = (uint32_t)i;
    t->byte_end = (uint32_t)(i + n);
    t->cp_start = (uint32_t)(i - x);
    t->cp_end = (uint32_t)(i - x + n);
    t->flags = flags;
}
#endif

/* The fast path's first loop: ASCII whitespace and punctuation, and ASCII words by
 * one pass of tg_ascii_load each. It returns at any other token, 1 when that is
 * before `lim` (for mixed_tokens, which comes back here at the next ASCII word), and
 * 0 at `lim`. Its bounds are mixed_tokens'. English text stays in this loop,
 * Cyrillic text mostly in the other.
 *
 * Out of line and with no call inside, so that the compiler has every register for
 * its loop: with a call in it, values that live across the call took the
 * callee-saved registers and the word's masks went to the stack. Its cursor is
 * offsets, not pointers: a token's fields are then the offsets themselves, and loads
 * and stores index s and base. It runs while more than sixteen bytes are left in the
 * text (`wlim`), so that the word pass and the byte after it need no bound of their
 * own. A word is tested for first: most tokens are words, and most follow one
 * space, which the word before them stepped over. */
static __attribute__((noinline)) int fast_tokens(const tg_fold *f,
                                                               const unsigned char *s,
                                                               size_t lim, size_t len,
                                                               char *base, cursor *c)
{
    const uint32_t *const tb = f->byte;
    size_t i = c->i, x = c->extra; /* the code point offset of s[i] is i - x */
    size_t o = (size_t)(c->out - base);
    tg_token *t = c->t;
    uint32_t pending = c->pending;
    int more = 1;
#if TG_ASCII_WORD_SIMD
    /* where seventeen bytes or fewer of the text are left */
    size_t wlim = len > 16 ? len - 16 : 0;
    if (wlim > lim)
        wlim = lim;
#else
    size_t wlim = 0;
    (void)len;
#endif
    while (i < wlim) {
        uint32_t e = tb[s[i]];
        if (!(e & TG_FB(TG_C_WORD))) {
            if (e & TG_FB(TG_C_SPACE)) {
                i = (size_t)(skip_spaces(tb, s + i, &e, &pending) - s);
                if (i >= wlim)
                    break;
            }
            if (!(e & (TG_FB(TG_C_WORD) | TG_FB_MULTI))) {
                pending = put_punct(t++, base + o, base, s, s + x, s + i, e, pending);
                i++;
                o++;
                continue;
            }
            if (!(e & TG_FB(TG_C_WORD)))
                goto out;
        }
#if TG_ASCII_WORD_SIMD
        tg_ascii_block blk = tg_ascii_load(s + i, base + o);
        /* Most words are a character and lower-case letters after it, up to ASCII
         * that is neither a word character nor an apostrophe: n bytes, with the
         * first one's flags (TG_FB_WORD_SHIFT), and TK_HAS_LOWER when a letter
         * follows it (bit 1 of `lower`). One mask and one test tell them: of the
         * words of English news, 97 in 100. n <= 16, and s[i + 16] is in the text. */
        unsigned lower = tg_ascii_lower_bits(blk) | 1;
        size_t n = (unsigned)__builtin_ctz(lower + 1);
        if (__builtin_expect(
                !(tb[s[i + n]] & (TG_FB(TG_C_WORD | TG_C_APOS) | TG_FB_MULTI)), 1)) {
            put_ascii_word(t, n, i, x, o,
                           pending | (e >> TG_FB_WORD_SHIFT) | ((lower & 2) << 2));
            /* Without this the compiler keeps both t and t + 1, in two registers,
             * and copies one to the other every token. */
            __asm__("" : "+r"(t));
            t++;
            o += n;
            pending = 0;
            /* Most words end at one space, which leaves nothing pending: stepped
             * over here, the loop's test for whitespace is not taken. Told by the
             * pass's bits, not by loading s[i + n] again: the loop is bound by the
             * latency from one word's start to the next's, and a load is the
             * longest step. (At n = 16 the bit is 0, and the loop takes the space.) */
            unsigned sp = tg_ascii_space_bits(blk);
            i += n;
            if (!(((sp & (lower >> 1)) >> n) & 1)) {
                i += (sp >> n) & 1;
                continue;
            }
            /* One space and a lower-case letter after it (bit n of the spaces, bit
             * n + 1 of `lower`), as before most words of English: the next word's
             * first byte is known and nothing is pending, so its entry is not
             * loaded, it is not tested for whitespace or punctuation, and its
             * flags are a constant - unless it has more than lower-case letters or
             * ends at an apostrophe or a multibyte character; then the loop above
             * takes it, from its start. Of the 733K words of en2k, 527K come here,
             * at 37 instructions a word against 52 (fast_tokens: 41.4M to 38.2M). */
            for (i++; i < wlim; i++) {
                blk = tg_ascii_load(s + i, base + o);
                lower = tg_ascii_lower_bits(blk); /* bit 0 is set */
                n = (unsigned)__builtin_ctz(lower + 1);
                if (tb[s[i + n]] & (TG_FB(TG_C_WORD | TG_C_APOS) | TG_FB_MULTI))
                    break;
                put_ascii_word(t, n, i, x, o, TK_WORD | TK_ASCII | TK_HAS_LOWER);
                __asm__("" : "+r"(t));
                t++;
                o += n;
                sp = tg_ascii_space_bits(blk);
                i += n;
                if (!(sp & (lower >> 1) & (1u << n))) {
                    i += (sp >> n) & 1;
                    break;
                }
            }
            continue;
        }
        /* Any other ASCII word that ends within sixteen bytes at an ASCII byte that
         * is no apostrophe: its end and flags come from the pass's masks. Any other
         * word goes, untouched, to mixed_tokens. */
        unsigned w = tg_ascii_word_bits(blk);
        n = (unsigned)__builtin_ctz(w + 1); /* w < 1 << 16 */
        unsigned run = (w ^ (w + 1)) >> 1;  /* the word's n bits */
        if (tb[s[i + n]] & (TG_FB(TG_C_WORD | TG_C_APOS) | TG_FB_MULTI)) {
            /* An ASCII apostrophe after the word: a possessive 's ("Russia's") or
             * one before a non-letter ("players' ") ends it here, as the general path
             * would decide; any other case (a letter after it: "don't", or a
             * character of more than a byte) is the general path's. The two bytes
             * after the apostrophe are in the text when n < 14, as i < wlim: not
             * bounded by len, which the loop then need not keep in a register. */
            if (n >= 14 || (tb[s[i + n]] & TG_FB_MULTI))
                goto out;
            uint32_t l = tb[s[i + n + 1]];
            if (l & TG_FB_MULTI)
                goto out;
            if (l & TG_FB(TG_C_LETTER)) {
                if ((l & TG_FB_FOLD) != 's' ||
                    (tb[s[i + n + 2]] & (TG_FB(TG_C_WORD) | TG_FB_MULTI)))
                    goto out;
                put_ascii_word(t++, n, i, x, o,
                               pending | TK_POSSESSIVE | ascii_word_flags(blk, run));
                i += n + 2; /* over the apostrophe and the s, a byte each */
                o += n;
                pending = 0;
                continue;
            }
        }
        put_ascii_word(t++, n, i, x, o, pending | ascii_word_flags(blk, run));
        i += n;
        o += n;
        pending = 0;
        i += s[i] == ' '; /* as above; these words are few */
#endif
    }
    more = i < lim;
out:
    /* Opaque here, so that the compiler does not keep base + o, the word pass's
     * output, in a register of its own for this. */
    __asm__("" : "+r"(base));
    c->i = i;
    c->extra = x;
    c->out = base + o;
    c->t = t;
    c->pending = pending;
    return more;
}

/* Has a token of [t, end) a Cyrillic letter? Asked of the tokens that the fast path's
 * second loop and the general path make (fast_tokens takes ASCII words only), until
 * one has: a few a text in English, soon found in Ukrainian or Russian. */
static int any_cyrillic(const tg_token *t, const tg_token *end)
{
    for (; t < end; t++)
        if (t->flags & TK_CYRILLIC)
            return 1;
    return 0;
}

int tg_tokenize(const tg_fold *f, const char *text, size_t len, tg_token_vec *tokens,
                tg_char_vec *norm)
{
    int cyrillic;
    return tg_tokenize_cyrillic(f, text, len, tokens, norm, &cyrillic);
}

int tg_tokenize_cyrillic(const tg_fold *f, const char *text, size_t len,
                         tg_token_vec *tokens, tg_char_vec *norm, int *cyrillic)
{
    const unsigned char *s = (const unsigned char *)text;
    tokens->n = 0;
    norm->n = 0;
    *cyrillic = 0;
    /* Folding maps one character to one, and never to more than twice its bytes
     * (two-byte letters may fold to three), so this is room for every token; and
     * sixteen more for tg_ascii_word_run, which writes sixteen bytes at a time. */
    if (vec_reserve(*norm, 2 * len + 4 + 16) || vec_reserve(*tokens, 16))
        return -1;
    /* The fast path's bounds (see fast_tokens): `guard` is the offset after the last
     * ASCII byte that is not a word character, `ws_guard` the offset of the last byte
     * that is not ASCII whitespace. Both are near len. */
    size_t guard = len;
    while (guard > 0 && (f->byte[s[guard - 1]] & (TG_FB(TG_C_WORD) | TG_FB_MULTI)))
        guard--;
    size_t ws_guard = len;
    /* Eight spaces at a time first: an alias comes padded with sixteen (matcher.c). */
    while (ws_guard >= 8 && tg_load_le64(s + ws_guard - 8) == 0x2020202020202020ULL)
        ws_guard -= 8;
    while (ws_guard > 0 && (f->byte[s[ws_guard - 1]] & TG_FB(TG_C_SPACE)))
        ws_guard--;
    size_t fast_end = guard < ws_guard ? guard : ws_guard;
    char *const base = norm->v;
    cursor c = {0, 0, base, tokens->v, TK_LINE_START | TK_SENT_START};
    while (c.i < len) {
        if (c.t == tokens->v + tokens->cap) {
            tokens->n = (size_t)(c.t - tokens->v);
            if (vec_reserve(*tokens, 1)) {
                norm->n = (size_t)(c.out - base);
                return -1;
            }
            c.t = tokens->v + tokens->n;
        }
        size_t room = (size_t)(tokens->v + tokens->cap - c.t);
        if (c.i < fast_end) {
            size_t lim = fast_end - c.i > room ? c.i + room : fast_end;
            while (fast_tokens(f, s, lim, len, base, &c)) {
                tg_token *from = c.t;
                int more = mixed_tokens(f, s, lim, len, base, &c);
                *cyrillic = *cyrillic || any_cyrillic(from, c.t);
                if (!more)
                    break;
            }
            /* Stopped at a `lim` set by the room left, not by the text: the fast
             * path goes on with the room that is left (or, when none is, a bigger
             * vector) rather than hand a token to the general path. An alias
             * (matcher.c) is tokenized into a vector of 16 or 32 tokens, and its
             * words after the sixteenth byte went to slow_token: 10K of its 15.5K
             * calls on en2k. */
            if (c.i >= len || c.t == tokens->v + tokens->cap || (c.i >= lim && c.i < fast_end))
                continue;
        }
        if (c.i >= ws_guard)
            break; /* only whitespace is left, no token: the general path would step
                    * over it (a text's last newline, the spaces after an alias) */
        slow_token(f, s, len, base, &c);
        *cyrillic = *cyrillic || (c.t > tokens->v && (c.t[-1].flags & TK_CYRILLIC));
    }
    tokens->n = (size_t)(c.t - tokens->v);
    norm->n = (size_t)(c.out - base);
    return 0;
}
