/*
 * token.c - the tokenizer.
 *
 * One pass over the input: decode, fold, classify, and cut. Gazetteer aliases are
 * tokenized by this same function, so whatever it decides about hyphens or
 * apostrophes applies to both sides of a match and they always agree.
 */
#include "token.h"

#include "utf8.h"

typedef struct cursor {
    const unsigned char *s;
    size_t len, i;
    uint32_t cp_index;
} cursor;

/* Decode without advancing. Input is valid UTF-8 (checked by the caller). */
static uint32_t peek(const cursor *c, size_t *next)
{
    if (c->s[c->i] < 0x80) { /* most news text: no decoding */
        *next = c->i + 1;
        return c->s[c->i];
    }
    size_t i = c->i;
    int32_t cp = tg_utf8_next(c->s, c->len, &i);
    *next = i;
    return cp < 0 ? 0xFFFD : (uint32_t)cp;
}

/* The token buffer has room (reserved once per text in tg_tokenize). */
static int put_folded(tg_char_vec *norm, uint32_t cp)
{
    if (cp < 0x80)
        norm->v[norm->n++] = (char)cp;
    else
        norm->n += tg_utf8_put(cp, norm->v + norm->n);
    return 0;
}

/* The token flags a character of class cls sets (TK_FIRST_UPPER aside). */
static inline uint32_t token_flags(uint32_t cls)
{
    return ((cls & TG_C_UPPER) ? TK_HAS_UPPER : 0) | ((cls & TG_C_LOWER) ? TK_HAS_LOWER : 0) |
           ((cls & TG_C_CYRILLIC) ? TK_CYRILLIC : 0) | ((cls & TG_C_DIGIT) ? TK_DIGIT : 0);
}

/* After an apostrophe inside a Latin word: is it a possessive 's that ends it? */
static int possessive_follows(const tg_fold *f, const cursor *c)
{
    cursor look = *c;
    size_t next;
    uint32_t cp = peek(&look, &next);
    if (tg_fold_get(f, cp).fold != 's')
        return 0;
    look.i = next;
    if (look.i >= look.len)
        return 1;
    return !(tg_fold_get(f, peek(&look, &next)).cls & TG_C_WORD);
}

int tg_tokenize(const tg_fold *f, const char *text, size_t len, tg_token_vec *tokens,
                tg_char_vec *norm)
{
    cursor c = {(const unsigned char *)text, len, 0, 0};
    tokens->n = 0;
    norm->n = 0;
    /* Folding maps one character to one, and never to more than twice its bytes
     * (two-byte letters may fold to three), so this is room for every token. */
    if (vec_reserve(*norm, 2 * len + 4))
        return -1;
    uint32_t pending = TK_LINE_START | TK_SENT_START;
    while (c.i < c.len) {
        size_t next;
        uint32_t cp = peek(&c, &next);
        tg_charinfo ci = tg_fold_get(f, cp);
        if (ci.cls & TG_C_SPACE) {
            if (cp == '\n')
                pending |= TK_LINE_START | TK_SENT_START;
            c.i = next;
            c.cp_index++;
            continue;
        }
        tg_token t = {(uint32_t)norm->n, 0, (uint32_t)c.i, 0, c.cp_index, 0, pending};
        pending = 0;
        if (!(ci.cls & TG_C_WORD)) {
            if (put_folded(norm, ci.fold))
                return -1;
            c.i = next;
            c.cp_index++;
            if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
                pending |= TK_SENT_START;
        } else {
            t.flags |= TK_WORD;
            int first_letter = 1;
            for (;;) {
                if (first_letter && (ci.cls & TG_C_LETTER)) {
                    first_letter = 0;
                    if (ci.cls & TG_C_UPPER)
                        t.flags |= TK_FIRST_UPPER;
                }
                t.flags |= token_flags(ci.cls);
                if (put_folded(norm, ci.fold))
                    return -1;
                c.i = next;
                c.cp_index++;
                /* The rest of an ASCII word, without decoding or branching per flag. */
                while (c.i < c.len && c.s[c.i] < 0x80 && (f->table[c.s[c.i]].cls & TG_C_WORD)) {
                    ci = f->table[c.s[c.i]];
                    if (first_letter && (ci.cls & TG_C_LETTER)) { /* "5G" */
                        first_letter = 0;
                        if (ci.cls & TG_C_UPPER)
                            t.flags |= TK_FIRST_UPPER;
                    }
                    t.flags |= token_flags(ci.cls);
                    norm->v[norm->n++] = (char)ci.fold;
                    c.i++;
                    c.cp_index++;
                }
                if (c.i >= c.len)
                    break;
                cp = peek(&c, &next);
                ci = tg_fold_get(f, cp);
                if (ci.cls & TG_C_WORD)
                    continue;
                if (!(ci.cls & TG_C_APOS) || next >= c.len)
                    break;
                /* An apostrophe: inside the word only if a letter follows. */
                cursor after = c;
                after.i = next;
                size_t next2;
                tg_charinfo ci2 = tg_fold_get(f, peek(&after, &next2));
                if (!(ci2.cls & TG_C_LETTER))
                    break;
                if (!(t.flags & TK_CYRILLIC) && possessive_follows(f, &after)) {
                    t.flags |= TK_POSSESSIVE;
                    t.byte_end = (uint32_t)c.i;
                    t.cp_end = c.cp_index;
                    c.i = next2;
                    c.cp_index += 2;
                    break;
                }
            }
        }
        if (!(t.flags & TK_POSSESSIVE)) {
            t.byte_end = (uint32_t)c.i;
            t.cp_end = c.cp_index;
        }
        t.norm_len = (uint32_t)norm->n - t.norm_off;
        if (vec_push(*tokens, t))
            return -1;
    }
    return 0;
}
