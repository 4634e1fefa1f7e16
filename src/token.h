/*
 * token.h - splitting folded text into tokens. Internal.
 *
 * A token is a word (letters, marks and digits, with apostrophes inside it:
 * м'ясо, O'Brien) or a single other character (punctuation, symbols). Whitespace
 * separates tokens and is not one. A possessive 's ends a Latin word and is recorded
 * as a flag, so "Russia's" is the token "russia". Offsets refer to the input.
 */
#ifndef TG_TOKEN_H
#define TG_TOKEN_H

#include "fold.h"
#include "vec.h"

#include <stddef.h>
#include <stdint.h>

enum {
    TK_WORD = 1,
    TK_FIRST_UPPER = 2,  /* first letter upper case (so a word with TK_HAS_UPPER) */
    TK_HAS_UPPER = 4,
    TK_HAS_LOWER = 8,
    TK_CYRILLIC = 16,    /* contains a Cyrillic letter */
    /* A word all of whose characters are ASCII (so one byte each, in the input and
     * folded: byte_end - byte_start == cp_end - cp_start == norm_len). Never set on
     * a non-word token. Below 128, with the flags an ASCII byte's table entry holds
     * (fold.h, TG_FB_WORD_SHIFT): the fast path sets it at no cost. */
    TK_ASCII = 32,
    TK_DIGIT = 64,       /* contains a digit */
    TK_LINE_START = 128, /* first token of its line */
    TK_SENT_START = 256, /* first token of a sentence (after . ! ? or a line start) */
    /* A word holding an apostrophe or a combining mark: some character of
     * [byte_start, byte_end) is neither a letter nor a digit. Never set on a
     * non-word token. So a token is all letters and digits exactly when
     * (flags & (TK_WORD | TK_APOS_MARK)) == TK_WORD. */
    TK_APOS_MARK = 512,
    TK_POSSESSIVE = 1024, /* followed by 's, which is not part of the token */
    /* A word of Latin and Cyrillic letters, more of one script, whose letters of the
     * other all look like letters of it (tg_fold_homoglyph): they are folded as
     * those ("Моcква" with a Latin c is "москва", "Сatholic" with a Cyrillic С is
     * "catholic"). Set by the general path (slow_token). */
    TK_TO_CYRILLIC = 2048,
    TK_TO_LATIN = 4096
};

typedef struct tg_token {
    uint32_t norm_off, norm_len;   /* folded UTF-8 in the token buffer */
    uint32_t byte_start, byte_end; /* input bytes */
    uint32_t cp_start, cp_end;     /* input code points */
    uint32_t flags;
} tg_token;

/* The folded code point that character cp, of info ci, adds to the folded bytes of a
 * word token with these flags; 0 when it adds none (tg_fold_ignorable). A walk that
 * maps a token's folded bytes back to its input asks this (rules.c, byte_of_norm). */
static inline uint32_t tg_token_fold(tg_charinfo ci, uint32_t cp, uint32_t flags)
{
    if (flags & (TK_TO_CYRILLIC | TK_TO_LATIN)) {
        uint32_t h = tg_fold_homoglyph(cp, (flags & TK_TO_CYRILLIC) != 0);
        if (h)
            return h;
    }
    return ci.fold;
}

typedef VEC(tg_token) tg_token_vec;
typedef VEC(char) tg_char_vec;

/* Tokenize valid UTF-8 text. Tokens and their folded bytes are appended to the
 * (cleared) vectors, which keep their memory for the next call. Returns 0, or -1
 * when out of memory. */
int tg_tokenize(const tg_fold *fold, const char *text, size_t len, tg_token_vec *tokens,
                tg_char_vec *norm);

/* tg_tokenize, and *cyrillic set to whether some token has a Cyrillic letter
 * (TK_CYRILLIC): the matcher asks of no token of a text without one whether it is an
 * inflected form (tg_matcher_scan). */
int tg_tokenize_cyrillic(const tg_fold *fold, const char *text, size_t len,
                         tg_token_vec *tokens, tg_char_vec *norm, int *cyrillic);

#endif
